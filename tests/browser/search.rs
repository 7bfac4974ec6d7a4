//! Search beyond the example site: the browser's stemmers (search-stem.js) against the
//! build's (rust-stemmers) over thousands of words, and a generated 1,000-meeting site
//! searched in headless Chromium by `search.mjs`, which counts the bytes each query fetches
//! through the DevTools protocol and times keypress to results; in the same browser, the
//! relevance file `tests/search/relevance.json` over that site and the example site (MRR@5
//! per class, and each query's bytes).

use crate::common::repo;
use samtal::i18n::Lang;
use std::path::Path;
use std::process::Command;

/// The words of a word list (tests/browser/words/), comments left out.
fn word_list(lang: &str) -> (std::path::PathBuf, Vec<String>) {
    let path = repo().join("tests/browser/words").join(format!("{lang}.txt"));
    let text = std::fs::read_to_string(&path).unwrap();
    let words =
        text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(String::from).collect();
    (path, words)
}

fn browser_stems(lang: &str, list: &Path) -> Vec<String> {
    let output = Command::new("node")
        .current_dir(repo().join("tests/browser"))
        .args(["stem.mjs", lang])
        .arg(list)
        .output()
        .expect("run node tests/browser/stem.mjs");
    assert!(output.status.success(), "stem.mjs failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap().lines().map(String::from).collect()
}

#[test]
fn the_browsers_stemmers_agree_with_the_builds_word_for_word() {
    for (code, lang) in [("sv", Lang::Sv), ("en", Lang::En)] {
        let (path, words) = word_list(code);
        assert!(words.len() >= 1000, "{code}: only {} words", words.len());
        let in_browser = browser_stems(code, &path);
        assert_eq!(in_browser.len(), words.len(), "{code}: one stem per word");
        let differing: Vec<String> = words
            .iter()
            .zip(&in_browser)
            .filter_map(|(word, js)| {
                let rust = samtal::render::search::stem(lang, &word.to_lowercase());
                (&rust != js).then(|| format!("{word}: build {rust}, browser {js}"))
            })
            .collect();
        assert!(
            differing.is_empty(),
            "{code}: {} of {} words differ:\n{}",
            differing.len(),
            words.len(),
            differing.join("\n")
        );
    }
}

/// The example site (`content/`), built into `out`.
fn build_example_site(out: &Path) {
    let built = Command::new(env!("CARGO_BIN_EXE_samtal"))
        .arg("--root")
        .arg(repo())
        .args(["build", "--quiet", "--output"])
        .arg(out)
        .env("SAMTAL_TODAY", "2025-06-01")
        .output()
        .expect("run samtal build");
    assert!(built.status.success(), "example build failed: {}", String::from_utf8_lossy(&built.stderr));
}

#[test]
fn a_generated_site_of_1000_meetings_is_searched_with_little_download_and_the_right_meeting_first() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    let generated = Command::new(env!("CARGO"))
        .current_dir(repo())
        .args(["run", "--quiet", "--example", "gen_corpus", "--", "--meetings", "1000", "--seed", "20180101", "--out"])
        .arg(&corpus)
        .output()
        .expect("run the corpus generator");
    assert!(generated.status.success(), "gen_corpus failed: {}", String::from_utf8_lossy(&generated.stderr));
    let site = tmp.path().join("site");
    let built = Command::new(env!("CARGO_BIN_EXE_samtal"))
        .arg("--root")
        .arg(&corpus)
        .args(["build", "--quiet", "--output"])
        .arg(&site)
        .env("SAMTAL_TODAY", "2025-06-01")
        .output()
        .expect("run samtal build");
    assert!(built.status.success(), "build failed: {}", String::from_utf8_lossy(&built.stderr));
    let example = tmp.path().join("example");
    build_example_site(&example);
    let output = Command::new("node")
        .current_dir(repo().join("tests/browser"))
        .arg("search.mjs")
        .arg(&site)
        .args(["--max-kb", "100", "--relevance"])
        .arg(repo().join("tests/search/relevance.json"))
        .arg("--example")
        .arg(&example)
        .output()
        .expect("run node tests/browser/search.mjs");
    println!("{}", String::from_utf8_lossy(&output.stdout));
    eprintln!("{}", String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "search on the generated site failed ({}); see above", output.status);
}
