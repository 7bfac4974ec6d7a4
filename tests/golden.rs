//! Golden tests: build each fixture site under tests/sites/<case>/ and compare the `<main>`
//! element of every page listed in its expected/ folder. `UPDATE_GOLDEN=1 cargo test
//! --test golden` rewrites the expected files after a deliberate change.

mod common;

use common::{fixture_site, main_element, repo};
use samtal::{Options, model::PartialDate};
use std::fs;

fn options(root: &std::path::Path) -> Options {
    Options {
        root: root.to_path_buf(),
        output: None,
        base_url: None,
        drafts: false,
        strict: false,
        today: PartialDate::parse("2026-11-27").unwrap(),
    }
}

fn check_case(case: &str) {
    let site = fixture_site(case);
    let built = samtal::render(&options(site.path())).unwrap_or_else(|e| panic!("{case} does not build: {e:?}"));
    let expected_dir = repo().join("tests/sites").join(case).join("expected");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut compared = 0;
    for file in built.files.iter().filter(|f| f.path.ends_with(".html")) {
        let golden = expected_dir.join(file.path.replace('/', "__"));
        let actual = main_element(std::str::from_utf8(&file.bytes).unwrap());
        if update {
            fs::create_dir_all(&expected_dir).unwrap();
            fs::write(&golden, &actual).unwrap();
        } else if let Ok(expected) = fs::read_to_string(&golden) {
            assert!(
                expected == actual,
                "{case}: <main> of {} differs from {}\n--- actual ---\n{actual}",
                file.path,
                golden.display()
            );
            compared += 1;
        }
    }
    assert!(update || compared >= 10, "{case}: only {compared} golden pages compared");
}

#[test]
fn basic_site_pages_match_their_golden_main_elements() {
    // Guards: every page kind of a small site renders exactly as reviewed.
    check_case("basic");
}
