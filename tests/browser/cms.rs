//! The browser editor with the real Decap CMS: a copy of the example site with `cms:` (its
//! `script:` set to the npm package's copy, served by the site itself from static/decap/, so
//! nothing is fetched from the network) and a hand-written 2019 bundle runs under `samtal
//! serve`; `cms.mjs` creates a 2019 meeting with a 6 MB photo and a PDF, edits it, edits the
//! bundle and a hand-written meeting through the form in headless Chromium, with samtal's
//! preview and checks. Then the files must be exactly what Decap wrote last time
//! (tests/cms/decap/), the photo and PDF byte for byte where they belong, and all must pass
//! `samtal check --strict`.

use super::reload::start_and_read;
use crate::common::{copy_dir, repo};
use std::fs;
use std::process::Command;

const WRITTEN: &str = "content/meetings/2019/2019-03-14-gotland/index.md";
/// A hand-written meeting in a bundle in a year folder; its summary has a `#3` that YAML reads
/// as the start of a comment.
const BUNDLE: &str = "content/meetings/2019/2019-02-05-halland/index.md";
const BUNDLE_TEXT: &str = "---\ntitle: Uppföljande dialog med Region Halland\ndate: 2019-02-05\nregions: [halland]\nsummary: Vi gick igenom punkt #3 i planen\noutcomes:\n  - Ett resultat i en mapp.\n---\nText i en mapp.\n";

/// A 12-megapixel photo-like JPEG of at least 6 MB, as a phone takes it.
fn phone_photo() -> Vec<u8> {
    use image::ImageEncoder as _;
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let photo = image::RgbImage::from_fn(4000, 3000, |x, y| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let grain = (state % 61) as i32 - 30;
        let base = [(x / 16) as i32 % 256, (y / 12) as i32 % 256, ((x + y) / 28) as i32 % 256];
        image::Rgb(base.map(|c| (c + grain).clamp(0, 255) as u8))
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 92)
        .write_image(&photo, 4000, 3000, image::ExtendedColorType::Rgb8)
        .unwrap();
    assert!(out.len() >= 6_000_000, "the photo is {} bytes", out.len());
    out
}
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
    let root = &dir.path().join("site");
    fs::create_dir_all(root).unwrap();
    // The files the author uploads, beside the site (cms.mjs finds them there).
    let photo = phone_photo();
    let pdf = b"%PDF-1.4\n% protokoll\n%%EOF\n".to_vec();
    fs::write(dir.path().join("foto.jpg"), &photo).unwrap();
    fs::write(dir.path().join("protokoll.pdf"), &pdf).unwrap();
    fs::copy(repo().join("site.yaml"), root.join("site.yaml")).unwrap();
    copy_dir(&repo().join("content"), &root.join("content"));
    copy_dir(&repo().join("themes"), &root.join("themes"));
    fs::create_dir_all(root.join(BUNDLE).parent().unwrap()).unwrap();
    fs::write(root.join(BUNDLE), BUNDLE_TEXT).unwrap();
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

    // The photo and the PDF beside the new meeting's index.md, exactly as uploaded; its page
    // shows the photo in its sizes and links the PDF.
    let folder = root.join(WRITTEN).parent().unwrap().to_path_buf();
    assert!(fs::read(folder.join("foto.jpg")).unwrap() == photo, "the photo was not saved whole beside index.md");
    assert_eq!(fs::read(folder.join("protokoll.pdf")).unwrap(), pdf);
    let leftovers: Vec<_> = walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("samtal-edit"))
        .map(|e| e.path().display().to_string())
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
    for (written, fixture) in
        [(WRITTEN, "2019-03-14-gotland-bundle.md"), (EDITED, "2018-blekinge.md"), (BUNDLE, "2019-02-05-halland.md")]
    {
        let written = fs::read_to_string(root.join(written)).expect("the form wrote the meeting");
        let fixture = repo().join("tests/cms/decap").join(fixture);
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            fs::write(&fixture, &written).unwrap();
        }
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
        // Strict but for the example site's two placeholders, which `check` must warn about:
        // what the form wrote adds no problem of its own.
        .args(["check", "--base-url", "https://example.org/"])
        .env("SAMTAL_TODAY", "2026-11-27")
        .output()
        .unwrap();
    crate::common::assert_check_warns_only_of_example_placeholders(&check);
}
