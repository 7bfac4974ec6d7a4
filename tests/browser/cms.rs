//! The browser editor with the real Decap CMS: a copy of the example site with `cms:` (its
//! `script:` set to the npm package's copy, served by the site itself from static/decap/, so
//! nothing is fetched from the network) runs under `samtal serve`; `cms.mjs` creates and edits a
//! meeting and edits a hand-written one through the form in headless Chromium. Then the files
//! must be exactly what Decap wrote last time (tests/cms/decap/, the fixture tests/cms.rs checks and renders), and pass
//! `samtal check --strict`.

use super::reload::start_and_read;
use crate::common::{copy_dir, repo};
use std::fs;
use std::process::Command;

const WRITTEN: &str = "content/meetings/2019-03-14-gotland.md";
/// A hand-written meeting of the example site, saved again by the form with a new title.
const EDITED: &str = "content/meetings/2018-blekinge.md";

#[test]
fn decap_creates_and_edits_a_meeting_through_the_form() {
    let decap = repo().join("tests/browser/node_modules/decap-cms/dist");
    assert!(
        decap.join("decap-cms.js").is_file(),
        "tests/browser/node_modules/decap-cms is missing: run `npm ci` in tests/browser (CI's .ci/run does)"
    );
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::copy(repo().join("site.yaml"), root.join("site.yaml")).unwrap();
    copy_dir(&repo().join("content"), &root.join("content"));
    copy_dir(&repo().join("themes"), &root.join("themes"));
    let mut yaml = fs::read_to_string(root.join("site.yaml")).unwrap();
    yaml.push_str("cms:\n  backend: github\n  repo: tillvaxtverket/samtal\n  script: /decap/decap-cms.js\n");
    fs::write(root.join("site.yaml"), yaml).unwrap();
    // The script and the chunks it loads beside itself (source maps and licences left out).
    fs::create_dir_all(root.join("static/decap")).unwrap();
    for entry in fs::read_dir(&decap).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".js") || name.ends_with(".css") || name.ends_with(".wasm") {
            fs::copy(&path, root.join("static/decap").join(&name)).unwrap();
        }
    }

    let mut serve = Command::new(env!("CARGO_BIN_EXE_samtal"));
    serve.arg("--root").arg(root).args(["serve", "--port", "0"]).env("SAMTAL_TODAY", "2026-11-27");
    let (_server, url) = start_and_read(serve, false, |line| {
        line.split_whitespace().find(|w| w.starts_with("http://127.0.0.1:")).map(str::to_string)
    });

    let output = Command::new("node")
        .current_dir(repo().join("tests/browser"))
        .arg("cms.mjs")
        .arg(&url)
        .arg(root)
        .output()
        .expect("run node tests/browser/cms.mjs");
    println!("{}", String::from_utf8_lossy(&output.stdout));
    eprintln!("{}", String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "the Decap CMS browser test failed ({}); see above", output.status);

    for (written, fixture) in [(WRITTEN, "2019-03-14-gotland.md"), (EDITED, "2018-blekinge.md")] {
        let written = fs::read_to_string(root.join(written)).expect("the form wrote the meeting");
        let fixture = repo().join("tests/cms/decap").join(fixture);
        assert_eq!(
            written,
            fs::read_to_string(&fixture).unwrap(),
            "Decap wrote another file than {} records; review it and update the fixture",
            fixture.display()
        );
    }
    let check = Command::new(env!("CARGO_BIN_EXE_samtal"))
        .arg("--root")
        .arg(root)
        // Checked as published: site.yaml says `base_url: /`, publish.yml gives the address.
        .args(["check", "--strict", "--base-url", "https://example.org/"])
        .env("SAMTAL_TODAY", "2026-11-27")
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "samtal check --strict refuses what the form wrote:\n{}",
        String::from_utf8_lossy(&check.stderr)
    );
}
