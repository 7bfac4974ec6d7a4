//! `samtal new meeting` and `samtal new site`.

use crate::common::{Site, TODAY};
use crate::site::{hint, run_in};
use std::fs;

// ---------------------------------------------------------------------------------------
// samtal new meeting
// ---------------------------------------------------------------------------------------

#[test]
fn new_meeting_writes_every_field_and_passes_check() {
    // Guards: `samtal new meeting` writes every field with a comment, and filled in it checks clean and builds.
    let site = Site::new();
    let run = site.run(&[
        "new",
        "meeting",
        "--region",
        "ostergotland",
        "--title",
        "Dialog om \"smart\" specialisering",
        "--date",
        "2026-11-20",
    ]);
    run.assert_code(0);
    let rel = "content/meetings/2026-11-20-ostergotland.md";
    assert!(run.stderr.contains(rel), "{run}");
    let text = site.read(rel);
    for key in [
        "title",
        "date",
        "regions",
        "themes",
        "participants",
        "agency_units",
        "summary",
        "outcomes",
        "follow_ups",
        "draft",
        "slug",
    ] {
        let line = text
            .lines()
            .position(|l| l.starts_with(&format!("{key}:")))
            .unwrap_or_else(|| panic!("{key} missing:\n{text}"));
        let comment = text.lines().nth(line - 1).unwrap();
        assert!(comment.starts_with("# "), "{key} has no comment above it:\n{text}");
    }
    assert!(text.contains("title: \"Dialog om \\\"smart\\\" specialisering\"\n"), "{text}");
    assert!(text.contains("date: 2026-11-20\n") && text.contains("regions: [ostergotland]\n"), "{text}");
    let check = site.check();
    check.assert_code(0);
    assert!(check.printed().iter().all(|p| p.level == "varning"), "only warnings:\n{check}");
    check.warning_at(&format!("{rel}:1:1"), "mötet saknar `summary`");
    // Filled in, it is clean, and it builds.
    let filled = text.replace("summary:\n", "summary: Kort.\n").replace("outcomes:\n", "outcomes: []\n");
    site.write(rel, &filled);
    site.check().assert_clean();
    // A new meeting is a draft (as Hugo's `new`): left out until it says `draft: false`.
    assert!(text.contains("\ndraft: true\n"), "{text}");
    let out = site.path().join("ut");
    site.run(&["build", "--output", out.to_str().unwrap()]).assert_code(0);
    assert!(!out.join("moten/2026-11-20-ostergotland/index.html").exists(), "a new meeting is a draft");
    site.write(rel, &filled.replace("\ndraft: true\n", "\ndraft: false\n"));
    site.run(&["build", "--output", out.to_str().unwrap()]).assert_code(0);
    assert!(out.join("moten/2026-11-20-ostergotland/index.html").is_file());
}

#[test]
fn new_meeting_dates_default_to_today() {
    // Guards: `samtal new meeting` dates the meeting today by default, and takes a grouping and a month.
    let site = Site::new();
    site.run_with(&["new", "meeting", "--region", "stockholm", "--title", "Idag"], "2026-03-04").assert_code(0);
    let text = site.read("content/meetings/2026-03-04-stockholm.md");
    assert!(text.contains("date: 2026-03-04\n"), "{text}");
    // A grouping is a region too, and a month is a date.
    site.run(&["new", "meeting", "--region", "ostra-mellansverige", "--date", "2018-05"]).assert_code(0);
    assert!(site.path().join("content/meetings/2018-05-ostra-mellansverige.md").is_file());
}

#[test]
fn new_meeting_never_overwrites() {
    // Guards: `samtal new meeting` never overwrites a file.
    let site = Site::new();
    let args = ["new", "meeting", "--region", "stockholm", "--date", "2018-05-16", "--title", "Först"];
    site.run(&args).assert_code(0);
    let before = site.read("content/meetings/2018-05-16-stockholm.md");
    let run = site.run(&args);
    run.assert_code(1);
    let p = run.find("finns redan; samtal new skriver aldrig över en fil");
    assert!(p.message.contains("content/meetings/2018-05-16-stockholm.md"), "{p:?}");
    assert_eq!(site.read("content/meetings/2018-05-16-stockholm.md"), before);
}

#[test]
fn new_meeting_checks_the_region() {
    // Guards: `samtal new meeting` refuses an unknown region, suggests the slug and writes nothing.
    let site = Site::new();
    let run = site.run(&["new", "meeting", "--region", "Östergötland"]);
    run.assert_code(1);
    let p = run.find("okänd region \"Östergötland\": den finns inte i content/regions.yaml");
    assert_eq!(hint(&p), "menade du \"ostergotland\"? skriv --region ostergotland");
    assert!(
        !site.path().join("content/meetings").read_dir().unwrap().any(|e| e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .contains("2026"))
    );
}

#[test]
fn new_meeting_with_a_bad_date_is_a_usage_error() {
    // Guards: `samtal new meeting --date` with a date that is no date exits 2 with an example.
    let site = Site::new();
    let run = site.run(&["new", "meeting", "--region", "stockholm", "--date", "2018-13-01"]);
    run.assert_code(2);
    let p = run.find("--date \"2018-13-01\" är inte ett giltigt datum");
    assert!(hint(&p).contains("2018-05-16"), "{p:?}");
}

#[test]
fn new_meeting_without_region_leaves_a_clear_gap() {
    // Guards: `samtal new meeting` without --region leaves `regions: []`, which check then reports alone.
    let site = Site::new();
    site.run(&["new", "meeting", "--title", "Utan region"]).assert_code(0);
    let rel = "content/meetings/2026-11-27-nytt-mote.md";
    let text = site.read(rel);
    assert!(text.contains("regions: []\n"), "{text}");
    let run = site.check();
    run.assert_code(1);
    let line = text.lines().position(|l| l == "regions: []").unwrap() + 1;
    let p = run.error_at(&format!("{rel}:{line}:10"), "`regions` är tomt men måste fyllas i");
    assert!(hint(&p).contains("regions: [ostergotland]"), "{p:?}");
    assert_eq!(run.printed().iter().filter(|p| p.level == "fel").count(), 1, "{run}");
}

#[test]
fn new_meeting_in_an_english_site_speaks_english() {
    // Guards: `samtal new meeting` speaks the site's language.
    let site = Site::new();
    site.write("site.yaml", "title: Test\nlanguage: en\n");
    let run = site.run(&["new", "meeting", "--region", "ostergotlnd"]);
    run.assert_code(1);
    let p = run.find("unknown region \"ostergotlnd\"");
    assert_eq!(hint(&p), "did you mean \"ostergotland\"? write --region ostergotland");
}

#[test]
fn new_meeting_outside_a_site() {
    // Guards: `samtal new meeting` outside a site says so.
    let dir = tempfile::tempdir().unwrap();
    let run =
        run_in(dir.path(), &["--root", dir.path().to_str().unwrap(), "new", "meeting", "--region", "stockholm"], TODAY);
    run.assert_code(1);
    run.find("content/regions.yaml finns inte, så det här verkar inte vara en samtal-webbplats");
}

// ---------------------------------------------------------------------------------------
// samtal new site
// ---------------------------------------------------------------------------------------

#[test]
fn new_site_builds() {
    // Guards: `samtal new site` makes a site with all 21 counties that checks strictly, builds and takes a meeting.
    let dir = tempfile::tempdir().unwrap();
    let run = run_in(dir.path(), &["new", "site", "min-webbplats"], TODAY);
    run.assert_code(0);
    let root = dir.path().join("min-webbplats");
    for file in ["site.yaml", "content/regions.yaml", "content/themes.yaml", "content/pages/om.md"] {
        assert!(root.join(file).is_file(), "{file} missing");
    }
    // The default theme is built in: no copy to go stale when samtal is updated.
    assert!(!root.join("themes").exists());
    let regions = fs::read_to_string(root.join("content/regions.yaml")).unwrap();
    assert_eq!(
        regions.matches("\n  - slug: ").count()
            - regions.split("groupings:").nth(1).unwrap().matches("\n  - slug: ").count(),
        21,
        "the 21 counties"
    );
    let root_arg = root.to_str().unwrap();
    // A new site says `base_url: /`: checked as it will be published, under a full address.
    let check =
        run_in(dir.path(), &["--root", root_arg, "check", "--strict", "--base-url", "https://example.org/"], TODAY);
    check.assert_clean();
    let build = run_in(dir.path(), &["--root", root_arg, "build"], TODAY);
    build.assert_code(0);
    assert!(root.join("public/index.html").is_file() && root.join("public/om/index.html").is_file(), "{build}");
    // Its second example shows the features of recurring dialogues: a bundle in a year folder
    // with its attachment and picture, a report on the first meeting's item, a former address.
    let bundle = root.join("public/moten/2019-ostergotland");
    assert!(bundle.join("minnesanteckningar.pdf").is_file() && bundle.join("diagram.png").is_file());
    let page = fs::read_to_string(bundle.join("index.html")).unwrap();
    for shown in ["Följer upp", "Rapporterar om", "(PDF, 616 B)", "<picture>", "fornamn.efternamn@exempel.se"] {
        assert!(page.contains(shown), "{shown} missing from the second example:\n{page}");
    }
    let earlier = fs::read_to_string(root.join("public/moten/2018-ostergotland/index.html")).unwrap();
    assert!(earlier.contains("Följdes upp vid"), "{earlier}");
    assert!(root.join("public/moten/2019-ostergotland-exempel/index.html").is_file(), "the alias's redirect page");
    assert!(root.join("public/moten/2019/index.html").is_file(), "the 2019 round's page");
    // And the new site takes a new meeting.
    run_in(dir.path(), &["--root", root_arg, "new", "meeting", "--region", "skane", "--title", "Skåne"], TODAY)
        .assert_code(0);
    run_in(dir.path(), &["--root", root_arg, "check"], TODAY).assert_code(0);
}

#[test]
fn new_site_refuses_a_folder_that_is_not_empty() {
    // Guards: `samtal new site` never writes into a folder that is not empty.
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("viktig.txt"), "behåll mig").unwrap();
    let run = run_in(dir.path(), &["new", "site", "."], TODAY);
    run.assert_code(1);
    let p = run.find("mappen . är inte tom");
    assert!(hint(&p).contains("tom mapp"), "{p:?}");
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    // An empty folder that exists is fine.
    fs::create_dir(dir.path().join("tom")).unwrap();
    run_in(dir.path(), &["new", "site", "tom"], TODAY).assert_code(0);
}
