//! A site of two years and three rounds (tests/sites/two-years): what the golden pages do not
//! show. The feeds, open data, sitemap and search index take meetings of every year, newest
//! first, and the round pages are ordinary pages of the site.

mod common;

use common::{fixture_site, options};
use std::collections::BTreeMap;

/// Every file of a build of the two-year fixture, by path, as text (the PNG card left out).
fn built() -> BTreeMap<String, String> {
    let site = fixture_site("two-years");
    let build = samtal::render(&options(site.path())).expect("the two-year site builds");
    build
        .files
        .into_iter()
        .filter_map(|f| String::from_utf8(f.bytes.to_vec()).ok().map(|text| (f.path, text)))
        .collect()
}

/// Where the entry of each meeting (by slug) is in a feed, in order; panics on one missing.
fn positions(feed: &str, slugs: &[&str]) -> Vec<usize> {
    slugs
        .iter()
        .map(|slug| format!("<id>https://example.org/moten/{slug}/</id>"))
        .map(|id| feed.find(&id).unwrap_or_else(|| panic!("{id} not found in:\n{feed}")))
        .collect()
}

#[test]
fn the_feed_lists_the_meetings_of_every_year_newest_first() {
    // Guards: the site's feed is not limited to one year, and 2019's meetings come before 2018's.
    let files = built();
    let feed = &files["atom.xml"];
    let order = positions(
        feed,
        &[
            "2019-10-02-skane",
            "2019-05-blekinge",
            "2019-03-20-stockholm",
            "2018-skane",
            "2018-stockholm",
            "2018-sydsverige",
        ],
    );
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    // A region's feed too: Skåne's meetings of both years.
    let skane = &files["regioner/skane/atom.xml"];
    let order = positions(skane, &["2019-10-02-skane", "2018-skane"]);
    assert!(order[0] < order[1], "{order:?}");
}

#[test]
fn the_open_data_gives_each_meeting_its_round() {
    // Guards: the `round` column holds `round:` where written, else the date's year.
    let files = built();
    let mut reader = csv::Reader::from_reader(files["data/meetings.csv"].as_bytes());
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name}"));
    let (slug, round) = (column("slug"), column("round"));
    let rounds: Vec<(String, String)> =
        reader.records().map(|r| r.unwrap()).map(|r| (r[slug].to_string(), r[round].to_string())).collect();
    let expected = [
        ("2019-10-02-skane", "2019-hosten"),
        ("2019-05-blekinge", "2019"),
        ("2019-03-20-stockholm", "2019"),
        ("2018-skane", "2018"),
        ("2018-stockholm", "2018"),
        ("2018-sydsverige", "2018"),
    ];
    let expected: Vec<(String, String)> = expected.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
    assert_eq!(rounds, expected);
    let json: serde_json::Value = serde_json::from_str(&files["data/meetings.json"]).unwrap();
    assert_eq!(json[0]["round"], "2019-hosten");
    assert_eq!(json[5]["round"], "2018");
}

#[test]
fn every_round_has_a_page_in_the_sitemap() {
    // Guards: the round pages are built and listed like every page, under their own addresses.
    let files = built();
    for round in ["2018", "2019", "2019-hosten"] {
        assert!(files.contains_key(&format!("moten/{round}/index.html")), "no page for the round {round}");
        let url = format!("<loc>https://example.org/moten/{round}/</loc>");
        assert!(files["sitemap.xml"].contains(&url), "{url} not in the sitemap");
    }
}

#[test]
fn the_search_index_keeps_the_years_of_the_dates() {
    // Guards: the search page's "År" facet counts by the year of each date, newest first
    // (the round 2019-hosten is in 2019), one run of documents per year.
    let files = built();
    let index: serde_json::Value = serde_json::from_str(&files["sok/index.json"]).unwrap();
    assert_eq!(index["years"], serde_json::json!([[2019, 0, 3], [2018, 3, 6]]));
}

#[test]
fn every_output_gives_an_action_the_status_its_latest_report_leaves() {
    // Guards issue 31 item 1: "strategi" (2018, ongoing) was reported done in 2019; its meeting
    // page said "Pågår", the open data "ongoing, overdue", /uppfoljning/ "Klar".
    let files = built();
    let rows: Vec<serde_json::Value> = serde_json::from_str(&files["data/follow_ups.json"]).unwrap();
    let strategi: Vec<_> = rows.iter().filter(|r| r["action_id"] == "2018-stockholm/strategi").collect();
    assert_eq!(strategi.len(), 2, "the action and the report on it");
    for row in &strategi {
        assert_eq!((&row["status"], &row["overdue"], &row["done"]), (&"done".into(), &false.into(), &"2019-02".into()));
    }
    let statuses: Vec<_> = strategi.iter().map(|r| r["status_reported"].as_str().unwrap()).collect();
    assert_eq!(statuses, ["done", "ongoing"], "what each meeting said at the time is kept");
    let page = &files["moten/2018-stockholm/index.html"];
    let row = &page[page.find("atgard-strategi").expect("the action's row")..];
    let cell = &row[row.find("data-label=\"Status\"").unwrap()..];
    assert!(cell.starts_with("data-label=\"Status\"><span class=\"status status--done\">"), "{}", &cell[..200]);
    let overview = &files["uppfoljning/index.html"];
    let done_section = &overview[overview.find("id=\"status-done\"").unwrap()..];
    assert!(done_section.contains("Ta fram en strategi för smart specialisering"));
    // A done action is no event; here every action with a due date is done, so there is no
    // calendar at all (an empty one is not written, issue 31 item 6).
    assert!(!files.contains_key("uppfoljning/kalender.ics"), "a done action is no event");
    // The home page counts actions: one per action_id, reports not counted again.
    let actions: std::collections::BTreeSet<_> =
        rows.iter().filter(|r| r["reports_on"].is_null()).map(|r| r["action_id"].as_str().unwrap()).collect();
    let home = &files["index.html"];
    let total = format!("<strong>{}</strong>", actions.len());
    assert!(home.contains(&total), "home page counts {} actions", actions.len());
}
