//! CLI behaviour of `samtal build`: exit codes, atomic output, determinism, base URLs.

mod common;

use assert_cmd::Command;
use common::{fixture_site, read_tree};
use predicates::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};

fn samtal() -> Command {
    Command::from_std(common::samtal())
}

/// `samtal build --quiet <extra>` of the site at `root` into `root/ut`, which it returns.
fn quiet_build_into_ut(root: &Path, extra: &[&str]) -> PathBuf {
    let out = root.join("ut");
    samtal()
        .args(["--root", root.to_str().unwrap(), "build", "--quiet"])
        .args(extra)
        .args(["--output", out.to_str().unwrap()])
        .assert()
        .success();
    out
}

#[test]
fn build_writes_the_site_and_a_summary_line() {
    // Guards: a build ends with "Byggde N sidor på M ms" and writes every page kind.
    let site = fixture_site("basic");
    let out = site.path().join("ut");
    samtal()
        .args(["--root", site.path().to_str().unwrap(), "build", "--output", out.to_str().unwrap()])
        .assert()
        .success()
        .stderr(predicate::str::is_match(r"Byggde \d+ sidor på \d+ ms").unwrap());
    for page in [
        "index.html",
        "moten/index.html",
        "moten/2018-05-16-ostergotland/index.html",
        "regioner/index.html",
        "regioner/ostergotland/index.html",
        "regioner/ostra-mellansverige/index.html",
        "teman/index.html",
        "teman/smart-specialisation/index.html",
        "uppfoljning/index.html",
        "sok/index.html",
        "om/index.html",
        "404.html",
    ] {
        assert!(out.join(page).is_file(), "missing {page}");
    }
    assert!(!out.join("moten/2018-blekinge-utkast/index.html").exists(), "drafts are left out");
}

#[test]
fn rebuild_is_byte_identical() {
    // Guards: deterministic output (no timestamps, stable order).
    let site = fixture_site("basic");
    let root = site.path().to_str().unwrap();
    let (a, b) = (site.path().join("a"), site.path().join("b"));
    samtal().args(["--root", root, "build", "--quiet", "--output", a.to_str().unwrap()]).assert().success();
    samtal().args(["--root", root, "build", "--quiet", "--output", b.to_str().unwrap()]).assert().success();
    let (ta, tb) = (read_tree(&a), read_tree(&b));
    assert_eq!(ta.len(), tb.len());
    for (x, y) in ta.iter().zip(&tb) {
        assert!(x == y, "{} differs between two builds", x.0);
    }
}

#[test]
fn failed_build_keeps_the_previous_output() {
    // Guards: data is never lost; a broken meeting leaves the old site in place.
    let site = fixture_site("basic");
    let root = site.path().to_str().unwrap();
    samtal().args(["--root", root, "build", "--quiet"]).assert().success();
    let before = read_tree(&site.path().join("public"));
    fs::write(site.path().join("content/meetings/trasig.md"), "---\ntitle: [oavslutad\n---\n").unwrap();
    samtal()
        .args(["--root", root, "build"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("content/meetings/trasig.md:2"));
    assert_eq!(read_tree(&site.path().join("public")), before);
    let siblings: Vec<_> =
        fs::read_dir(site.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(!siblings.iter().any(|n| n.contains("samtal-")), "no temp folders left: {siblings:?}");
}

#[test]
fn base_url_with_a_sub_path_prefixes_every_link() {
    // Guards: a site can live under a sub-path.
    let site = fixture_site("basic");
    let out = quiet_build_into_ut(site.path(), &["--base-url", "/samtal/"]);
    let html = fs::read_to_string(out.join("moten/2018-05-16-ostergotland/index.html")).unwrap();
    assert!(html.contains(r#"href="/samtal/regioner/orebro/""#), "body links get the base path");
    assert!(html.contains(r#"href="/samtal/regioner/ostergotland/""#), "template links get the base path");
    for (path, bytes) in read_tree(&out).iter().filter(|(p, _)| p.ends_with(".html")) {
        let text = String::from_utf8_lossy(bytes);
        for attr in ["href=\"/", "src=\"/"] {
            for (i, _) in text.match_indices(attr) {
                let rest = &text[i + attr.len() - 1..];
                assert!(
                    rest.starts_with("/samtal/"),
                    "{path}: link outside the base path: {}",
                    &rest[..rest.len().min(60)]
                );
            }
        }
    }
}

#[test]
fn usage_errors_exit_2_and_site_errors_exit_1() {
    // Guards: the exit code contract CI relies on.
    samtal().args(["build", "--no-such-flag"]).assert().code(2);
    samtal().args(["frobnicate"]).assert().code(2);
    let missing = tempfile::tempdir().unwrap();
    samtal()
        .args(["--root", missing.path().join("nope").to_str().unwrap(), "build"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("webbplatsens mapp").and(predicate::str::contains("finns inte")));
}

#[test]
fn drafts_flag_includes_drafts_with_a_banner() {
    // Guards: --drafts shows draft meetings, visibly marked.
    let site = fixture_site("basic");
    let out = quiet_build_into_ut(site.path(), &["--drafts"]);
    let html = fs::read_to_string(out.join("moten/2018-blekinge-utkast/index.html")).unwrap();
    assert!(html.contains("Utkast"), "draft banner");
}

#[test]
fn check_writes_nothing() {
    // Guards: `check` runs the whole pipeline except writing.
    let site = fixture_site("basic");
    samtal().args(["--root", site.path().to_str().unwrap(), "check"]).assert().success();
    assert!(!site.path().join("public").exists());
}

#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    // Guards: `samtal check --format json | head -1` and a closed terminal: output into a
    // closed pipe is dropped, never a panic (exit 101); the exit code is the command's own.
    let site = fixture_site("basic");
    let meeting = site.path().join("content/meetings/2018-09-orebro.md");
    let text = fs::read_to_string(&meeting).unwrap();
    let without_summary: String =
        text.lines().filter(|l| !l.starts_with("summary:")).map(|l| format!("{l}\n")).collect();
    fs::write(&meeting, without_summary).unwrap();
    for format in ["json", "human"] {
        let mut child = common::samtal()
            .args(["--root", site.path().to_str().unwrap(), "check", "--format", format])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Both ends closed before samtal writes a word: every write fails with a broken pipe.
        drop(child.stdout.take());
        drop(child.stderr.take());
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(0), "--format {format}: a warning only, so exit 0, not a panic");
    }
}

#[test]
fn a_base_url_without_a_host_warns_and_fails_strict_check_unless_base_url_is_given() {
    // Guards: `base_url: /` published a relative sitemap, feeds and canonical links, and
    // `check --strict` said nothing.
    let site = fixture_site("basic");
    let yaml = fs::read_to_string(site.path().join("site.yaml")).unwrap();
    fs::write(site.path().join("site.yaml"), yaml.replace("base_url: https://example.org/", "base_url: /")).unwrap();
    let root = site.path().to_str().unwrap();
    let strict = samtal().args(["--root", root, "check", "--strict"]).output().unwrap();
    assert_eq!(strict.status.code(), Some(1), "{}", String::from_utf8_lossy(&strict.stderr));
    let said = String::from_utf8_lossy(&strict.stderr);
    assert!(said.contains("base_url \"/\" saknar webbplatsens adress"), "{said}");
    assert!(said.contains("--base-url https://exempel.se/samtal/"), "the hint says how to fix it: {said}");
    let plain = samtal().args(["--root", root, "check"]).output().unwrap();
    assert_eq!(plain.status.code(), Some(0), "a warning only");
    assert!(String::from_utf8_lossy(&plain.stderr).contains("saknar webbplatsens adress"));
    let given = samtal().args(["--root", root, "check", "--base-url", "https://example.org/samtal/"]).output().unwrap();
    assert!(!String::from_utf8_lossy(&given.stderr).contains("saknar webbplatsens adress"), "--base-url given");
    let out = tempfile::tempdir().unwrap();
    let out_dir = out.path().join("ut");
    let build = samtal()
        .args(["--root", root, "build", "--output", out_dir.to_str().unwrap(), "--base-url", "https://example.org/"])
        .output()
        .unwrap();
    assert!(build.status.success());
    assert!(!String::from_utf8_lossy(&build.stderr).contains("saknar webbplatsens adress"), "--base-url given");
    let sitemap = fs::read_to_string(out_dir.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("<loc>https://example.org/</loc>"), "{sitemap}");
    assert!(out_dir.join("data/dcat.rdf").is_file());
}
