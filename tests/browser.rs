//! The browser tests: the example site, built by the real binary (once with base_url "/" and
//! once under `/samtal/`), checked in headless Chromium by `tests/browser/run.mjs` with
//! playwright-core and axe-core: WCAG 2.2 AA and best practice (axe) in light and dark at 375
//! and 1280 px, with target size (2.5.8) and focus not obscured (2.4.11) measured on the same
//! page loads, keyboard navigation, reflow at 320 px, no-JavaScript rendering, search and the county map;
//! axe again on an English build of the same site (`language: en`), whose Swedish content must
//! be marked `lang="sv"`; structure and axe on the pages of tests/sites/two-years that group
//! meetings by round.
//! Screenshots go to tests/browser/screenshots/ (git-ignored).
//!
//! A second module, `reload` (tests/browser/reload.rs), opens a page of `samtal serve` in
//! headless Chromium and proves it reloads itself after an edit and shows the error overlay.
//! A third, `cms` (tests/browser/cms.rs with cms.mjs), creates and edits a meeting with the real
//! Decap CMS against `serve`'s local backend. A fourth, `search` (tests/browser/search.rs with
//! stem.mjs and search.mjs), checks the browser's stemmers against the build's and searches a
//! generated 1,000-meeting site, counting the bytes fetched. A fifth, `nu` (tests/browser/nu.rs),
//! runs the Nu HTML checker on every page of the example site and of every golden fixture site.
//!
//! This is its own test target, left out of plain `cargo test` (`test = false` in Cargo.toml,
//! as mdBook does with its GUI tests) so that a machine with only Rust gets a green
//! `cargo test`. Run it with `cargo test --test browser`. It needs Node (18+), Chromium at
//! /usr/bin/chromium, Java (for the Nu checker) and the npm packages of tests/browser (`npm ci` there; CI's .ci/run does
//! all of it). Once asked for, it fails, never skips, when any is missing.

#[path = "browser/reload.rs"]
mod reload;

#[path = "browser/cms.rs"]
mod cms;

#[path = "browser/search.rs"]
mod search;

#[path = "browser/nu.rs"]
mod nu;

mod common;

use common::repo;
use std::path::{Path, PathBuf};
use std::process::Command;

fn build(out: &Path, base_url: Option<&str>) {
    build_from(&repo(), out, base_url);
}

fn build_from(root: &Path, out: &Path, base_url: Option<&str>) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_samtal"));
    cmd.arg("--root").arg(root).args(["build", "--quiet", "--output"]).arg(out);
    if let Some(base) = base_url {
        cmd.args(["--base-url", base]);
    }
    let output = cmd.output().expect("run samtal build");
    assert!(
        output.status.success(),
        "samtal build (base_url {base_url:?}) failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(out.join("index.html").is_file(), "no index.html in {}", out.display());
}

/// A copy of the example site in `dir` with `language: en`, for the English build.
fn english_copy(dir: &Path) -> PathBuf {
    let root = dir.join("english-root");
    for part in ["content", "themes"] {
        common::copy_dir(&repo().join(part), &root.join(part));
    }
    let site_yaml = std::fs::read_to_string(repo().join("site.yaml")).unwrap().replace("language: sv", "language: en");
    std::fs::write(root.join("site.yaml"), site_yaml).unwrap();
    root
}

#[test]
fn example_site_in_chromium() {
    let dir = repo().join("tests/browser");
    let chromium =
        std::env::var_os("SAMTAL_CHROMIUM").map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    assert!(
        chromium.is_file(),
        "Chromium not found at {}: install it with `apt-get install -y chromium` (or set SAMTAL_CHROMIUM)",
        chromium.display()
    );
    let node = Command::new("node").arg("--version").output();
    assert!(
        node.as_ref().is_ok_and(|o| o.status.success()),
        "`node` is not runnable ({node:?}): the browser tests need Node.js 18 or newer"
    );
    for package in ["playwright-core", "axe-core"] {
        assert!(
            dir.join("node_modules").join(package).join("package.json").is_file(),
            "tests/browser/node_modules/{package} is missing: run `npm ci` in tests/browser (CI's .ci/run does)"
        );
    }

    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let sub = tmp.path().join("samtal");
    build(&site, None);
    build(&sub, Some("/samtal/"));
    // The same site with `language: en`: axe runs on it too, and its Swedish content is marked.
    let english = tmp.path().join("english");
    build_from(&english_copy(tmp.path()), &english, None);
    // A site of two years and three rounds: structure and axe on the pages grouped by round.
    let rounds = tmp.path().join("rounds");
    build_from(&repo().join("tests/sites/two-years"), &rounds, None);

    let output = Command::new("node")
        .current_dir(&dir)
        .arg("run.mjs")
        .arg(&site)
        .args(["--sub-path", "/samtal/"])
        .arg(&sub)
        .arg("--english")
        .arg(&english)
        .arg("--rounds")
        .arg(&rounds)
        .output()
        .expect("run node tests/browser/run.mjs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    // Shown with `cargo test -- --nocapture`, and by the harness when the test fails.
    println!("{stdout}");
    eprintln!("{stderr}");
    assert!(
        output.status.success(),
        "the browser tests failed ({}); see the output above, or run \
         `node tests/browser/run.mjs <site-dir>` on a build",
        output.status
    );
}
