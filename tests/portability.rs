//! A site made on one computer must work on every other: names Windows cannot hold, and
//! names Windows and macOS take for one file (case, NFC/NFD), are errors on every platform;
//! CRLF files read as LF files do; messages name files with `/`; `--version` names the build.

mod common;

use assert_cmd::Command;
use common::{fixture_site, read_tree};
use std::fs;
use std::path::Path;

fn samtal() -> Command {
    let mut cmd = Command::cargo_bin("samtal").unwrap();
    cmd.env("SAMTAL_TODAY", "2026-11-27");
    cmd
}

/// Runs `samtal check` on the site and returns (success, stderr).
fn check(root: &Path) -> (bool, String) {
    let output = samtal().args(["--root", root.to_str().unwrap(), "check"]).output().unwrap();
    (output.status.success(), String::from_utf8_lossy(&output.stderr).into_owned())
}

fn page(title: &str, slug: Option<&str>) -> String {
    let slug = slug.map(|s| format!("slug: {s}\n")).unwrap_or_default();
    format!("---\ntitle: {title}\n{slug}---\nText.\n")
}

#[test]
fn a_slug_windows_reserves_is_an_error_with_its_line() {
    let site = fixture_site("basic");
    let meetings = site.path().join("content/meetings");
    let text = fs::read_to_string(meetings.join("2018-09-orebro.md")).unwrap();
    fs::write(meetings.join("2018-09-orebro.md"), text.replacen("---\n", "---\nslug: nul\n", 1)).unwrap();
    let (ok, stderr) = check(site.path());
    assert!(!ok, "{stderr}");
    assert!(stderr.contains("adressen /moten/nul/ går inte att skapa i Windows"), "{stderr}");
    assert!(stderr.contains("content/meetings/2018-09-orebro.md:2:7"), "{stderr}");
    assert!(stderr.contains("välj en annan slug"), "{stderr}");
}

#[test]
fn a_registry_slug_windows_reserves_is_an_error() {
    let site = fixture_site("basic");
    let themes = site.path().join("content/themes.yaml");
    let text = fs::read_to_string(&themes).unwrap();
    fs::write(&themes, format!("{text}- slug: com1\n  name: Serieport\n")).unwrap();
    let (ok, stderr) = check(site.path());
    assert!(!ok, "{stderr}");
    assert!(stderr.contains("adressen /teman/com1/ går inte att skapa i Windows"), "{stderr}");
}

#[test]
fn file_names_windows_cannot_hold_are_errors_on_every_platform() {
    let site = fixture_site("basic");
    let pages = site.path().join("content/pages");
    fs::write(pages.join("con.md"), page("Kontakt", None)).unwrap();
    fs::write(pages.join("vad-nu.md"), page("Vad nu", None)).unwrap();
    fs::create_dir_all(site.path().join("static")).unwrap();
    // `:` and a trailing dot can be written on Linux and macOS, never on Windows.
    fs::write(site.path().join("static/kl 10:30.txt"), "x").unwrap();
    fs::write(site.path().join("static/slut."), "x").unwrap();
    let (ok, stderr) = check(site.path());
    assert!(!ok, "{stderr}");
    for expected in [
        "content/pages/con.md",
        "namnet \"con.md\" går inte att använda i Windows: det är ett reserverat namn där",
        "static/kl 10:30.txt",
        "tecknet : är inte tillåtet i namn",
        "namnet \"slut.\" går inte att använda i Windows: det slutar med punkt eller mellanslag",
    ] {
        assert!(stderr.contains(expected), "missing {expected:?} in:\n{stderr}");
    }
    assert!(!stderr.contains("vad-nu"), "{stderr}");
    assert!(stderr.contains("3 fel och 2 varningar i 5 filer"), "all problems are reported together:\n{stderr}");
}

#[test]
fn content_files_differing_only_in_case_clash() {
    // Möte.md and möte.md are one file on Windows and macOS: a clone there loses one.
    let site = fixture_site("basic");
    let pages = site.path().join("content/pages");
    fs::write(pages.join("Möte.md"), page("Ett", Some("ett"))).unwrap();
    fs::write(pages.join("möte.md"), page("Två", Some("tva"))).unwrap();
    let (ok, stderr) = check(site.path());
    assert!(!ok, "{stderr}");
    assert!(
        stderr.contains(
            "\"content/pages/möte.md\" och \"content/pages/Möte.md\" skiljer sig bara i stora och små bokstäver"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("byt namn på en av dem"), "{stderr}");
}

#[test]
fn content_files_differing_only_in_unicode_normalisation_clash() {
    // macOS writes ö as o + U+0308 (NFD); a file saved elsewhere has ö as one character (NFC).
    let site = fixture_site("basic");
    let pages = site.path().join("content/pages");
    fs::write(pages.join("m\u{f6}te.md"), page("Ett", Some("ett"))).unwrap();
    fs::write(pages.join("mo\u{308}te.md"), page("Två", Some("tva"))).unwrap();
    let (ok, stderr) = check(site.path());
    assert!(!ok, "{stderr}");
    assert!(stderr.contains("skiljer sig bara i stora och små bokstäver eller i hur tecknen är kodade"), "{stderr}");
    assert_eq!(stderr.matches("skiljer sig bara").count(), 1, "one clash, reported once:\n{stderr}");
}

#[test]
fn a_static_folder_clashing_with_a_page_address_by_case_is_an_error() {
    let site = fixture_site("basic");
    fs::create_dir_all(site.path().join("static/Om")).unwrap();
    fs::write(site.path().join("static/Om/bild.png"), "x").unwrap();
    let (ok, stderr) = check(site.path());
    assert!(!ok, "{stderr}");
    assert!(stderr.contains("static/Om/bild.png"), "{stderr}");
    assert!(stderr.contains("\"Om/\" och \"om/\" (från content/pages/om.md)"), "{stderr}");
}

#[test]
fn a_failed_portability_check_leaves_the_previous_output_untouched() {
    let site = fixture_site("basic");
    let out = site.path().join("ut");
    let build = || {
        samtal().args(["--root", site.path().to_str().unwrap(), "build", "--output", out.to_str().unwrap()]).assert()
    };
    build().success();
    let before = read_tree(&out);
    fs::write(site.path().join("content/pages/aux.md"), page("Hjälp", Some("hjalp"))).unwrap();
    build().code(1);
    assert_eq!(read_tree(&out), before);
}

#[test]
fn crlf_files_build_the_same_site_as_lf_files() {
    // Guards: files saved on Windows (CRLF line ends) give the same pages as LF files.
    let lf = fixture_site("basic");
    let crlf = fixture_site("basic");
    for entry in walkdir::WalkDir::new(crlf.path().join("content")).into_iter().map(Result::unwrap) {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "md" || e == "yaml") {
            let text = fs::read_to_string(path).unwrap();
            fs::write(path, text.replace('\n', "\r\n")).unwrap();
        }
    }
    fs::write(
        crlf.path().join("site.yaml"),
        fs::read_to_string(lf.path().join("site.yaml")).unwrap().replace('\n', "\r\n"),
    )
    .unwrap();
    for site in [&lf, &crlf] {
        let out = site.path().join("ut");
        samtal()
            .args(["--root", site.path().to_str().unwrap(), "build", "--quiet", "--output", out.to_str().unwrap()])
            .assert()
            .success();
    }
    let (lf_tree, crlf_tree) = (read_tree(&lf.path().join("ut")), read_tree(&crlf.path().join("ut")));
    let names = |t: &[(String, Vec<u8>)]| t.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&lf_tree), names(&crlf_tree));
    for ((name, a), (_, b)) in lf_tree.iter().zip(&crlf_tree) {
        assert!(a == b, "{name} differs:\n{}\n---\n{}", String::from_utf8_lossy(a), String::from_utf8_lossy(b));
    }
}

#[test]
fn crlf_files_are_located_by_the_same_line_and_column() {
    let site = fixture_site("basic");
    let path = site.path().join("content/meetings/2018-09-orebro.md");
    let text = fs::read_to_string(&path).unwrap().replacen("---\n", "---\ndate2: x\n", 1);
    fs::write(&path, text.replace('\n', "\r\n")).unwrap();
    let (ok, stderr) = check(site.path());
    assert!(!ok);
    assert!(stderr.contains("content/meetings/2018-09-orebro.md:2:1"), "{stderr}");
    assert!(!stderr.contains('\r'), "no carriage return reaches the terminal:\n{stderr:?}");
}

#[test]
fn messages_name_files_site_relative_with_forward_slashes() {
    let site = fixture_site("basic");
    let pages = site.path().join("content/pages");
    fs::write(pages.join("trasig.md"), "ingen front matter\n").unwrap();
    let output =
        samtal().args(["--root", site.path().to_str().unwrap(), "check", "--format", "json"]).output().unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let line = stdout.lines().find(|l| l.contains("trasig")).expect("a diagnostic for trasig.md");
    let value: serde_json::Value = serde_json::from_str(line).unwrap();
    assert_eq!(value["file"], "content/pages/trasig.md");
}

#[test]
fn version_names_the_version_and_the_commit_when_known() {
    let output = samtal().arg("--version").output().unwrap();
    assert!(output.status.success());
    let line = String::from_utf8(output.stdout).unwrap();
    assert!(well_formed(&line, env!("CARGO_PKG_VERSION")), "unexpected --version line {line:?}");
    // Built from a git checkout (as here and in CI): the line names the commit checked out.
    let head = std::process::Command::new("git")
        .arg("-C")
        .arg(common::repo())
        .args(["rev-parse", "--short=7", "HEAD"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    if let Some(head) = head {
        assert!(line.contains(&format!("({head}")), "{line:?} does not name the commit {head}");
    }
}

/// "samtal X.Y.Z" or "samtal X.Y.Z (abc1234)" (a hex commit of 7 or more digits), one line.
fn well_formed(line: &str, version: &str) -> bool {
    let Some(rest) = line.strip_suffix('\n').and_then(|l| l.strip_prefix(&format!("samtal {version}"))) else {
        return false;
    };
    rest.is_empty()
        || rest
            .strip_prefix(" (")
            .and_then(|r| r.strip_suffix(')'))
            .is_some_and(|c| c.len() >= 7 && c.chars().all(|c| c.is_ascii_hexdigit()))
}

#[test]
fn the_authoring_guide_quotes_the_portability_messages() {
    let guide = fs::read_to_string(common::repo().join("docs/authoring.md")).unwrap();
    for message in
        ["går inte att använda i Windows", "går inte att skapa i Windows", "skiljer sig bara i stora och små bokstäver"]
    {
        assert!(guide.contains(message), "docs/authoring.md does not explain {message:?}");
    }
}
