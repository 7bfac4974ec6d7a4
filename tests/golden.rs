//! Golden tests: build each fixture site under tests/sites/<case>/ and compare the `<main>`
//! element of every built page with its golden file in tests/sites/<case>/expected/. A page
//! without a golden file and a golden file without a page fail as much as a difference.
//! Pictures are binary: they are compared as one golden file, `pictures.txt`, that lists each
//! by path, size and hash. `UPDATE_GOLDEN=1 cargo test --test golden` rewrites the expected
//! files after a deliberate change, and removes those no page needs any more.

mod common;

use common::{fixture_site, main_element, options, repo};
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

const REFRESH: &str = "UPDATE_GOLDEN=1 cargo test --test golden";

/// The fixture sites that are no golden case, and the test that covers each.
const NOT_GOLDEN: &[(&str, &str)] =
    &[("errors-ten", "a site that must fail: tests/authoring/main.rs checks its ten messages, in order")];

/// The golden file that lists the pictures of a build.
const PICTURES: &str = "pictures.txt";

/// The golden file name of every built page and its `<main>` element, and [`PICTURES`].
fn built_pages(case: &str) -> BTreeMap<String, String> {
    let site = fixture_site(case);
    let built = samtal::render(&options(site.path())).unwrap_or_else(|e| panic!("{case} does not build: {e:?}"));
    let mut pages: BTreeMap<String, String> = built
        .files
        .iter()
        .filter(|f| f.path.ends_with(".html"))
        .map(|f| (f.path.replace('/', "__"), main_element(std::str::from_utf8(&f.bytes).unwrap())))
        .collect();
    let pictures: String = built
        .files
        .iter()
        .filter(|f| [".jpg", ".png", ".webp"].iter().any(|ext| f.path.ends_with(ext)))
        .map(|f| format!("{} {} bytes {:032x}\n", f.path, f.bytes.len(), xxhash_rust::xxh3::xxh3_128(&f.bytes)))
        .collect();
    pages.insert(PICTURES.to_string(), pictures);
    pages
}

/// Every file in the golden folder, by name.
fn golden_files(dir: &Path) -> BTreeMap<String, String> {
    let Ok(entries) = fs::read_dir(dir) else { return BTreeMap::new() };
    entries
        .map(|e| e.unwrap())
        .map(|e| (e.file_name().to_string_lossy().into_owned(), fs::read_to_string(e.path()).unwrap()))
        .collect()
}

/// What is wrong between the built pages and the golden folder, as lines for a person;
/// empty when every page has its golden file, every golden file its page, and all are equal.
fn mismatches(pages: &BTreeMap<String, String>, golden: &BTreeMap<String, String>) -> Vec<String> {
    let mut out = Vec::new();
    for (name, actual) in pages {
        match golden.get(name) {
            None => out.push(format!("no golden file for the built page: {name}")),
            Some(expected) if expected != actual => {
                out.push(format!("<main> differs from the golden file {name}:\n--- actual ---\n{actual}"))
            }
            Some(_) => {}
        }
    }
    for name in golden.keys().filter(|name| !pages.contains_key(*name)) {
        out.push(format!("a golden file without a built page: {name}"));
    }
    out
}

fn check_case(case: &str) {
    let pages = built_pages(case);
    assert!(pages.len() >= 10, "{case}: only {} pages built", pages.len());
    let dir = repo().join("tests/sites").join(case).join("expected");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        fs::create_dir_all(&dir).unwrap();
        for stale in golden_files(&dir).keys().filter(|name| !pages.contains_key(*name)) {
            fs::remove_file(dir.join(stale)).unwrap();
        }
        for (name, actual) in &pages {
            fs::write(dir.join(name), actual).unwrap();
        }
        return;
    }
    let problems = mismatches(&pages, &golden_files(&dir));
    assert!(
        problems.is_empty(),
        "{case}: the built pages and {} disagree:\n{}\n\nAfter a deliberate change, refresh with `{REFRESH}` and review the diff.",
        dir.display(),
        problems.join("\n")
    );
}

#[test]
fn basic_site_pages_match_their_golden_main_elements() {
    // Guards: every page kind of a small site renders exactly as reviewed, and no page comes or goes unnoticed.
    check_case("basic");
}

#[test]
fn follow_ups_across_meetings_match_their_golden_main_elements() {
    // Guards: meetings of two years that follow each other up: "Följer upp" / "Följdes upp vid"
    // on both pages, items with done and note, and each item's history on /uppfoljning/.
    check_case("follow-ups");
}

#[test]
fn bundle_site_pages_match_their_golden_main_elements() {
    // Guards: meetings in their own folders and year folders, their attachments (type and size,
    // from the bundle and from static/), images and links by file name, and contact persons on
    // meeting and region pages render exactly as reviewed.
    check_case("bundles");
}

#[test]
fn two_year_site_pages_match_their_golden_main_elements() {
    // Guards: meetings of several rounds (2018, 2019 from a year folder, `round: 2019-hosten`) are
    // grouped by round on /moten/, the region and theme pages, the home page and the round pages.
    check_case("two-years");
}

#[test]
fn pictures_site_shows_pictures_by_width_and_publishes_their_variants() {
    // Guards: a body's pictures become <picture> markup with their variants, whose files (listed by size and hash) are made as reviewed.
    check_case("images");
}

#[test]
fn every_fixture_site_is_a_golden_case_or_named_as_covered_elsewhere() {
    // Guards: a new fixture site under tests/sites/ cannot be left out of the golden test unnoticed.
    let golden_cases = ["basic", "bundles", "follow-ups", "images", "two-years"];
    for entry in fs::read_dir(repo().join("tests/sites")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let elsewhere = NOT_GOLDEN.iter().any(|(n, _)| *n == name);
        assert!(
            golden_cases.contains(&name.as_str()) != elsewhere,
            "tests/sites/{name}: give it a golden test here, or name in NOT_GOLDEN the test that covers it"
        );
        assert_eq!(elsewhere, !repo().join("tests/sites").join(&name).join("expected").exists(), "{name}");
    }
}

#[test]
fn a_missing_or_an_extra_golden_file_is_a_mismatch() {
    // Guards: the golden check itself: a page without a golden file, and a golden file without a page, both fail.
    let page = |text: &str| ("a__index.html".to_string(), text.to_string());
    let pages = BTreeMap::from([page("<main>a</main>")]);
    assert!(mismatches(&pages, &pages).is_empty());
    let missing = mismatches(&pages, &BTreeMap::new());
    assert_eq!(missing, ["no golden file for the built page: a__index.html"]);
    let extra = mismatches(&BTreeMap::new(), &pages);
    assert_eq!(extra, ["a golden file without a built page: a__index.html"]);
    let differs = mismatches(&pages, &BTreeMap::from([page("<main>b</main>")]));
    assert_eq!(differs.len(), 1);
    assert!(differs[0].starts_with("<main> differs from the golden file a__index.html"), "{differs:?}");
}

#[test]
fn follow_ups_across_meetings_reach_the_open_data_and_leave_done_actions_out_of_the_calendar() {
    // Guards: the follow-up table carries id, done, note and reports_on; a meeting lists whom it
    // follows up; the calendar has each open action once, as its latest report stands.
    let site = fixture_site("follow-ups");
    let built = samtal::render(&options(site.path())).unwrap();
    let file = |path: &str| {
        let f = built.files.iter().find(|f| f.path == path).unwrap_or_else(|| panic!("no {path}"));
        String::from_utf8(f.bytes.to_vec()).unwrap()
    };
    let rows: Vec<serde_json::Value> = serde_json::from_str(&file("data/follow_ups.json")).unwrap();
    let row = |meeting: &str, number: u64| {
        rows.iter()
            .find(|r| r["meeting"] == meeting && r["number"] == number)
            .unwrap_or_else(|| panic!("{meeting} {number}"))
    };
    assert_eq!(row("2018-05-16-ostergotland", 1)["id"], "kompetens");
    assert_eq!(row("2018-05-16-ostergotland", 3)["done"], "2018-05-30");
    assert_eq!(row("2018-05-16-ostergotland", 3)["note"], "Skickades till alla deltagare.");
    assert_eq!(row("2019-10-02-ostergotland", 1)["reports_on"], "2019-03-20-ostergotland/kompetens-2019");
    assert_eq!(row("2019-03-20-ostergotland", 2)["reports_on"], serde_json::Value::Null);
    let meetings: Vec<serde_json::Value> = serde_json::from_str(&file("data/meetings.json")).unwrap();
    let later = meetings.iter().find(|m| m["slug"] == "2019-10-02-ostergotland").unwrap();
    assert_eq!(later["follows_up"], serde_json::json!(["2018-05-16-ostergotland", "2019-03-20-ostergotland"]));
    let csv = file("data/follow_ups.csv");
    assert!(
        csv.lines().next().unwrap().ends_with(",id,done,note,reports_on,action_id,status_reported,updated"),
        "{csv}"
    );

    let calendar = file("uppfoljning/kalender.ics");
    let summaries: Vec<&str> = calendar.lines().filter(|l| l.starts_with("SUMMARY:")).collect();
    assert_eq!(
        summaries,
        ["SUMMARY:[Planerad] Ta fram en kompetensplan", "SUMMARY:[Pågår] Utreda bredband på landsbygden"],
        "done actions (the chain of kompetens, etablering, minnesanteckningar) are left out; a report is no event"
    );
    assert!(calendar.contains("DTSTART;VALUE=DATE:20200630"), "the bredband action is due as its latest report says");
}
