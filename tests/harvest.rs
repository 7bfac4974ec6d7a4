//! What harvesters, calendar programs and spreadsheets read (issue 31): no calendar without an
//! event and no link to one, dates that are known rather than invented, and open data that can
//! be joined on county codes. Each test builds fixture sites as a reader would get them.

mod common;

use common::{fixture_site, options};
use std::collections::BTreeMap;

/// Every file of a build of `tests/sites/<name>`, by path, as text (pictures left out).
fn built(name: &str) -> BTreeMap<String, String> {
    let site = fixture_site(name);
    built_at(site.path())
}

fn built_at(root: &std::path::Path) -> BTreeMap<String, String> {
    let build = samtal::render(&options(root)).expect("the site builds");
    build.files.into_iter().filter_map(|f| String::from_utf8(f.bytes.to_vec()).ok().map(|t| (f.path, t))).collect()
}

/// The `href`s of `.ics` links in a page, as output paths (the fixtures' base is `/` or a host).
fn calendar_links(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|href| href.ends_with(".ics"))
        .map(|href| href.trim_start_matches("https://example.org").trim_start_matches('/').to_string())
        .collect()
}

#[test]
fn no_calendar_is_written_without_an_event() {
    // Guards issue 31 item 6: an iCalendar file needs at least one component, and a page must
    // not offer a calendar with nothing to subscribe to. In two-years every action with a due
    // date is done, so there is no calendar at all; the other fixtures have some.
    let mut calendars = 0;
    for name in ["basic", "bundles", "follow-ups", "images", "two-years"] {
        let files = built(name);
        for (path, text) in files.iter().filter(|(p, _)| p.ends_with(".ics")) {
            assert!(text.contains("BEGIN:VEVENT"), "{name}: {path} has no event:\n{text}");
            calendars += 1;
        }
        for (path, html) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
            for link in calendar_links(html) {
                assert!(files.contains_key(&link), "{name}: {path} links {link}, which is not written");
            }
        }
        if name == "two-years" {
            assert!(!files.keys().any(|p| p.ends_with(".ics")), "two-years has no open action with a due date");
        }
    }
    assert!(calendars > 0, "some fixture has a calendar, so the check above checked something");
}

#[test]
fn feeds_do_not_invent_january_first() {
    // Guards issue 31 item 3: the example site's meetings are known only by their year (2018),
    // and feeds, sitemap, catalogue and JSON-LD said 2018-01-01 (or a bare year). Now each
    // says the latest exact date the content gives: here the accessibility statement's
    // `updated:` (2026-11-30), the only full date in the example site.
    let root = common::repo();
    let build =
        samtal::render(&samtal::Options { base_url: Some("https://example.org/samtal/".into()), ..options(&root) })
            .expect("the example site builds");
    let text = |path: &str| {
        let f = build.files.iter().find(|f| f.path == path).unwrap_or_else(|| panic!("{path} missing"));
        String::from_utf8(f.bytes.to_vec()).unwrap()
    };
    let feed = text("atom.xml");
    assert!(!feed.contains("-01-01T"), "{feed}");
    assert!(feed.contains("<updated>2026-11-30T00:00:00+00:00</updated>"), "{feed}");
    let sitemap = text("sitemap.xml");
    assert!(sitemap.contains("<lastmod>2026-11-30</lastmod>"), "{sitemap}");
    assert!(!sitemap.contains("<lastmod>2018</lastmod>") && !sitemap.contains("2018-01-01"), "{sitemap}");
    let catalogue = text("data/dcat.rdf");
    assert!(catalogue.contains("#date\">2026-11-30</dcterms:modified>"), "{catalogue}");
    for modified in catalogue.lines().filter(|l| l.contains("<dcterms:modified")) {
        assert!(modified.contains("#date\">2026-11-30<"), "a modified date is a day: {modified}");
    }
    // A period keeps the meetings' dates as precise as known: the year, no invented day.
    assert!(catalogue.contains("<dcat:startDate rdf:datatype=\"http://www.w3.org/2001/XMLSchema#gYear\">2018<"));
}

#[test]
fn excel_twins_keep_codes_as_text() {
    // Guards issue 31 item 5: in the example site, every county code stands alone in its cell,
    // as text in the Excel twin (`="01"`, which Excel shows as 01, not 1), and every follow-up
    // row has its stable id.
    let files = built_at(&common::repo());
    let excel = &files["data/excel/meeting_counties.csv"];
    let comma = &files["data/meeting_counties.csv"];
    assert!(excel.contains(";\"=\"\"01\"\"\";SE-AB;SE110;SE11"), "Stockholm's row: {excel}");
    assert!(comma.contains(",01,SE-AB,SE110,SE11\r\n"), "{comma}");
    assert_eq!(comma.lines().count() - 1, 22 + 4, "one row per meeting and county (a grouping of five counties)");
    let follow_ups: Vec<serde_json::Value> = serde_json::from_str(&files["data/follow_ups.json"]).unwrap();
    assert!(follow_ups.iter().all(|r| r["action_id"].is_string()), "every action has its id");
}

/// The catalogue's triples as (subject, predicate, object) strings, literals by their value.
fn catalogue_triples(rdf: &str) -> Vec<(String, String, String)> {
    oxrdfxml::RdfXmlParser::new()
        .for_slice(rdf.as_bytes())
        .map(|t| {
            let t = t.unwrap_or_else(|e| panic!("{e}\n{rdf}"));
            let object = match &t.object {
                oxrdf::Term::Literal(l) => l.value().to_string(),
                other => other.to_string().trim_matches(['<', '>']).to_string(),
            };
            (t.subject.to_string().trim_matches(['<', '>']).to_string(), t.predicate.as_str().to_string(), object)
        })
        .collect()
}

/// The meeting slugs and their rounds in a meetings table, from its JSON or either CSV dialect.
fn slugs_and_rounds(path: &str, text: &str) -> Vec<(String, String)> {
    if path.ends_with(".json") {
        let rows: Vec<serde_json::Value> = serde_json::from_str(text).unwrap();
        return rows
            .iter()
            .map(|r| (r["slug"].as_str().unwrap().into(), r["round"].as_str().unwrap().into()))
            .collect();
    }
    let (delimiter, text) = match text.strip_prefix('\u{feff}') {
        Some(rest) => (b';', rest),
        None => (b',', text),
    };
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).from_reader(text.as_bytes());
    let header = reader.headers().unwrap().clone();
    let at = |name: &str| header.iter().position(|h| h == name).unwrap_or_else(|| panic!("{path}: no {name}"));
    let (slug, round) = (at("slug"), at("round"));
    reader.records().map(|r| r.unwrap()).map(|r| (r[slug].to_string(), r[round].to_string())).collect()
}

#[test]
fn the_catalogue_has_one_dataset_per_round_in_a_series() {
    // Guards issue 31 item 6: the meetings were one dataset; the dialogues recur in rounds, so
    // the catalogue makes them a dcat:DatasetSeries with one dcat:Dataset per round, each in
    // the series, with its own period and modified date, and distributions holding exactly
    // that round's meetings. two-years has three rounds: 2018, 2019 and 2019-hosten.
    const DCAT: &str = "http://www.w3.org/ns/dcat#";
    const DCT: &str = "http://purl.org/dc/terms/";
    const TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
    let files = built("two-years");
    let t = catalogue_triples(&files["data/dcat.rdf"]);
    let objects = |s: &str, p: &str| -> Vec<String> {
        t.iter().filter(|(ts, tp, _)| ts == s && tp == p).map(|(_, _, o)| o.clone()).collect()
    };
    let of_type = |class: &str| -> Vec<String> {
        t.iter().filter(|(_, p, o)| p == TYPE && o == class).map(|(s, _, _)| s.clone()).collect()
    };
    let series = of_type(&format!("{DCAT}DatasetSeries"));
    assert_eq!(series, ["https://example.org/data/dcat.rdf#meetings"]);
    for p in ["title", "description", "publisher", "modified", "temporal"] {
        assert!(!objects(&series[0], &format!("{DCT}{p}")).is_empty(), "the series has no dcterms:{p}");
    }
    let members: Vec<String> = of_type(&format!("{DCAT}Dataset"))
        .into_iter()
        .filter(|d| !objects(d, &format!("{DCAT}inSeries")).is_empty())
        .collect();
    let all = slugs_and_rounds("data/meetings.json", &files["data/meetings.json"]);
    let mut rounds: Vec<&str> = all.iter().map(|(_, r)| r.as_str()).collect();
    rounds.sort_unstable();
    rounds.dedup();
    assert_eq!(rounds, ["2018", "2019", "2019-hosten"]);
    assert_eq!(members.len(), rounds.len(), "one dataset per round: {members:?}");
    let catalogue_lists = objects("https://example.org/data/dcat.rdf#catalog", &format!("{DCAT}dataset"));
    let mut seen = Vec::new();
    for d in &members {
        assert_eq!(objects(d, &format!("{DCAT}inSeries")), series, "{d}");
        assert!(catalogue_lists.contains(d), "the catalogue lists {d}");
        for p in ["title", "description", "publisher", "modified", "temporal", "spatial", "language"] {
            assert!(!objects(d, &format!("{DCT}{p}")).is_empty(), "{d} has no dcterms:{p}");
        }
        assert_eq!(objects(d, &format!("{DCAT}contactPoint")).len(), 1, "{d}");
        let distributions = objects(d, &format!("{DCAT}distribution"));
        assert_eq!(distributions.len(), 3, "JSON, CSV and CSV for Excel: {d}");
        let mut round = None;
        for dist in &distributions {
            assert!(!objects(dist, &format!("{DCT}license")).is_empty(), "{dist} has no licence");
            assert!(!objects(dist, &format!("{DCT}format")).is_empty(), "{dist} has no format");
            let url = objects(dist, &format!("{DCAT}downloadURL"));
            assert_eq!(objects(dist, &format!("{DCAT}accessURL")), url);
            let path = url[0].strip_prefix("https://example.org/").unwrap();
            let text = files.get(path).unwrap_or_else(|| panic!("{dist}: {path} is not in the build"));
            let rows = slugs_and_rounds(path, text);
            let r = rows.first().map(|(_, r)| r.clone()).unwrap_or_else(|| panic!("{path} has no rows"));
            let expected: Vec<&(String, String)> = all.iter().filter(|(_, round)| *round == r).collect();
            assert_eq!(rows.iter().collect::<Vec<_>>(), expected, "{path}: exactly the round {r}, newest first");
            assert!(round.is_none_or(|seen| seen == r), "{d}: its files hold different rounds");
            round = Some(r);
        }
        seen.push(round.unwrap());
    }
    seen.sort();
    assert_eq!(seen, rounds, "each round has its own dataset");
    // Hösten 2019 is one meeting on 2019-10-02: its period and modified date are that day.
    let autumn = "https://example.org/data/dcat.rdf#meetings/2019-hosten";
    assert_eq!(objects(autumn, &format!("{DCT}modified")), ["2019-10-02"]);
    let period = objects(autumn, &format!("{DCT}temporal"));
    assert_eq!(objects(&period[0], &format!("{DCAT}startDate")), ["2019-10-02"]);
    assert_eq!(objects(&period[0], &format!("{DCAT}endDate")), ["2019-10-02"]);
    assert!(objects(autumn, &format!("{DCT}title"))[0].contains("Hösten 2019"), "the round's name from site.yaml");
    assert!(!files["data/dcat.rdf"].contains("-01-01<"), "no invented 1 January");
}
