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
    assert!(!catalogue.contains("gYear"), "a modified date is a day: {catalogue}");
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
