//! What an author sees when something is wrong: every mistake of the authoring issue is run
//! through the real binary (`samtal --root <site> check`) on a small site in a temporary
//! folder, and the message, its file:line:col and its hint are asserted. The single mistakes
//! are one table (mistakes.rs); what takes more than a check of written files is here, and
//! `samtal new` in new.rs.

mod bundles;
#[path = "../common/mod.rs"]
mod common;
mod follow;
mod mistakes;
mod new;
mod no_panics;
mod round3;
mod site;
mod slips;
mod table;

use common::{Site, read_tree, repo};
use site::{A, hint, meeting};
use std::fs;

#[test]
fn bom_and_crlf_simply_work() {
    // Guards: a file saved with a byte-order mark and Windows line ends checks clean and builds.
    let site = Site::new();
    let text = meeting("", "Första stycket.\n\nAndra stycket.\n").replace('\n', "\r\n");
    site.write_bytes(A, &[b"\xef\xbb\xbf".as_slice(), text.as_bytes()].concat());
    site.check().assert_clean();
    let out = site.path().join("ut");
    let run = site.run(&["build", "--output", out.to_str().unwrap()]);
    run.assert_code(0);
    let html = fs::read_to_string(out.join("moten/a/index.html")).unwrap();
    assert!(html.contains("Ett möte") && html.contains("Andra stycket."), "{html}");
}

#[test]
fn a_single_region_as_text_is_a_one_item_list() {
    // Guards: `regions: stockholm` without brackets is accepted as a list of one.
    let site = Site::new();
    site.write(A, "---\ntitle: Ett möte\ndate: 2018\nregions: stockholm\nsummary: Kort.\noutcomes: []\n---\n");
    site.check().assert_clean();
    let out = site.path().join("ut");
    site.run(&["build", "--output", out.to_str().unwrap()]).assert_code(0);
    let region = fs::read_to_string(out.join("regioner/stockholm/index.html")).unwrap();
    assert!(region.contains("/moten/a/"), "the meeting is listed under its region");
}

// ---------------------------------------------------------------------------------------
// Templates
// ---------------------------------------------------------------------------------------

/// Puts `line` into the site's file `rel` as its third line.
fn insert_third_line(site: &Site, rel: &str, line: &str) {
    let mut lines: Vec<String> = site.read(rel).lines().map(String::from).collect();
    lines.insert(2, line.into());
    site.write(rel, &lines.join("\n"));
}

#[test]
fn a_template_syntax_error_names_template_line_and_column() {
    // Guards: a syntax error in a template names the template, its line and column.
    let site = Site::new();
    let path = "themes/default/templates/page.html";
    insert_third_line(&site, path, "{% if %}");
    let run = site.check();
    run.assert_code(1);
    let p = run.error_at("themes/default/templates/page.html:3:7", "fel i mallen page.html");
    assert!(p.message.contains("%}"), "{p:?}");
    assert_eq!(run.summary(), "1 fel i 1 fil");
}

#[test]
fn a_template_variable_that_does_not_exist() {
    // Guards: a template variable that does not exist names the page, the variable and the template line.
    let site = Site::new();
    let path = "themes/default/templates/meeting.html";
    insert_third_line(&site, path, "{{ meeting.tittle }}");
    let run = site.check();
    run.assert_code(1);
    let p = run.find("kunde inte visa sidan /moten/2018-ostergotland/");
    assert!(p.message.starts_with("mallen meeting.html"), "{p:?}");
    assert!(p.message.contains("`tittle`") && p.message.contains("finns inte"), "{p:?}");
    assert!(p.location.starts_with("themes/default/templates/meeting.html:3:"), "{p:?}");
}

#[test]
fn a_template_link_to_a_page_that_does_not_exist() {
    // Guards: the link check covers the rendered HTML, not only Markdown bodies.
    let site = Site::new();
    let path = "themes/default/templates/page.html";
    let text =
        site.read(path).replacen("{% block main %}", "{% block main %}<a href=\"{{ urls.home }}finns-inte/\">x</a>", 1);
    site.write(path, &text);
    site.write("content/pages/om.md", "---\ntitle: Om\n---\nText.\n");
    let run = site.check();
    run.assert_code(1);
    let p = run.find("mallen länkar till /finns-inte/, som inte finns (på sidan /om/)");
    assert!(p.location.starts_with(path), "{p:?}");
}

#[test]
fn a_template_error_on_a_long_list_page_is_found_by_check_and_build() {
    // Guards: pages that list many meetings are written straight to their file as they are
    // rendered; their template errors and links must still be found, and a failed build
    // must leave no half-written output.
    let site = Site::new();
    let path = "themes/default/templates/region.html";
    let text = site.read(path).replacen("{% block main %}", "{% block main %}{{ region.namn }}", 1);
    site.write(path, &text);
    for command in ["check", "build"] {
        let run = site.run(&[command]);
        run.assert_code(1);
        let p = run.find("kunde inte visa sidan /regioner/");
        assert!(p.message.contains("`namn`"), "{command}: {p:?}");
        assert!(p.location.starts_with(path), "{command}: {p:?}");
    }
    assert!(!site.path().join("public").exists(), "a failed build wrote no output");
}

#[test]
fn check_finds_every_problem_of_a_body_that_build_finds() {
    // Guards: `check` does not write meeting bodies out as HTML (only their links and
    // pictures are looked at); it must still report exactly what a build reports about them.
    let site = Site::new();
    let body = "Se [länet](/regioner/ostergotlan/) och [sidan](/om/#mal).\n\n\
                ![Karta](/bilder/saknas.png)\n\n| a | b |\n|---|---|\n| [x](/moten/saknas/) | y |\n";
    site.write("content/meetings/2018-stockholm.md", &site::meeting("", body));
    let described = |run: &site::Run| -> Vec<String> {
        let mut all: Vec<String> =
            run.printed().iter().map(|p| format!("{} {} {}", p.level, p.location, p.message)).collect();
        all.sort();
        all
    };
    let check = site.check();
    check.assert_code(1);
    let build = site.run(&["build"]);
    build.assert_code(1);
    let found = described(&check);
    assert_eq!(found, described(&build));
    for broken in ["/regioner/ostergotlan/", "/bilder/saknas.png", "/moten/saknas/"] {
        assert!(found.iter().any(|p| p.contains(broken)), "{broken} not reported: {found:#?}");
    }
}

#[test]
fn a_template_link_on_a_long_list_page_is_checked() {
    // Guards: a broken link in the template of a streamed list page is still found.
    let site = Site::new();
    let path = "themes/default/templates/meetings.html";
    let text =
        site.read(path).replacen("{% block main %}", "{% block main %}<a href=\"{{ urls.home }}saknas/\">x</a>", 1);
    site.write(path, &text);
    let run = site.check();
    run.assert_code(1);
    let p = run.find("mallen länkar till /saknas/, som inte finns (på sidan /moten/)");
    assert!(p.location.starts_with(path), "{p:?}");
}

// ---------------------------------------------------------------------------------------
// Formats
// ---------------------------------------------------------------------------------------

fn two_mistakes() -> Site {
    let site = Site::new();
    mistakes::two_mistakes().write_to(&site);
    site
}

#[test]
fn json_lines() {
    // Guards: `--format json` prints one JSON object a diagnostic, with file, line, column, message and hint.
    let run = two_mistakes().run(&["check", "--format", "json"]);
    run.assert_code(1);
    let lines: Vec<serde_json::Value> = run.stdout.lines().map(|l| serde_json::from_str(l).expect(l)).collect();
    assert_eq!(lines.len(), 3, "{run}");
    assert_eq!(lines[0]["severity"], "error");
    assert_eq!(lines[0]["file"], "content/meetings/a.md");
    assert_eq!(lines[0]["line"], 7);
    assert_eq!(lines[0]["column"], 1);
    assert_eq!(lines[0]["message"], "okänt fält `tittle`");
    assert_eq!(lines[0]["hint"], "menade du \"title\"?");
    assert_eq!(lines[1]["message"], "länken /regioner/ostergotlan/ leder till en sida som inte finns");
    assert_eq!(lines[2]["file"], "content/meetings/b.md");
    assert_eq!(lines[2]["line"], 7);
    assert_eq!(lines[2]["column"], 8);
    assert_eq!(run.summary(), "3 fel i 2 filer");
}

#[test]
fn github_annotations() {
    // Guards: `--format github` prints one GitHub annotation a diagnostic, the hint after the message.
    let run = two_mistakes().run(&["check", "--format", "github"]);
    run.assert_code(1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "::error file=content/meetings/a.md,line=7,col=1::okänt fält `tittle` — menade du \"title\"?",
            "::error file=content/meetings/a.md,line=9,col=4::länken /regioner/ostergotlan/ leder till en sida som inte finns — menade du \"/regioner/ostergotland/\"?",
            "::error file=content/meetings/b.md,line=7,col=8::`draft` ska vara true eller false, inte \"maybe\" — skriv true eller false",
        ],
        "{run}"
    );
}

// ---------------------------------------------------------------------------------------
// Warnings on other days and with --strict
// ---------------------------------------------------------------------------------------

#[test]
fn an_overdue_follow_up_is_a_warning() {
    // Guards: a planned follow-up past its due month warns, and only then.
    let site = Site::new();
    site.write(A, &meeting("follow_ups:\n  - action: Skicka rapporten\n    due: 2026-06\n    status: planned\n", ""));
    let run = site.check();
    run.assert_code(0);
    let p = run.warning_at(
        "content/meetings/a.md:8:13",
        "åtgärden \"Skicka rapporten\" skulle vara klar 2026-06 men står fortfarande som planned",
    );
    assert!(hint(&p).contains("ongoing eller done"), "{p:?}");
    // Not yet due on an earlier day, and never for a follow-up that is done.
    site.run_with(&["check"], "2026-06-30").assert_clean();
    site.write(A, &meeting("follow_ups:\n  - action: Skicka rapporten\n    due: 2026-06\n    status: done\n", ""));
    site.check().assert_clean();
}

#[test]
fn strict_turns_warnings_into_errors() {
    // Guards: `--strict` turns warnings into errors in every format.
    let site = Site::new();
    site.write(A, "---\ntitle: Ett möte\ndate: 2018\nregions: [stockholm]\n---\n");
    site.run(&["check"]).assert_code(0);
    let run = site.run(&["check", "--strict"]);
    run.assert_code(1);
    run.find("mötet saknar `summary`");
    assert!(run.summary().starts_with("2 "), "{run}");
    let run = site.run(&["check", "--strict", "--format", "github"]);
    run.assert_code(1);
    assert_eq!(run.stdout.lines().count(), 2, "{run}");
}

// ---------------------------------------------------------------------------------------
// Many mistakes at once
// ---------------------------------------------------------------------------------------

#[test]
fn ten_mistakes_in_ten_files_are_all_reported_in_order() {
    // Guards: tests/sites/errors-ten: all ten mistakes, site.yaml's first (a slip in the
    // settings can be the cause of the others), then in file order, and the count at the end.
    let site = Site::new();
    let fixture = repo().join("tests/sites/errors-ten");
    common::copy_dir(&fixture, site.path());
    let run = site.check();
    run.assert_code(1);
    let printed = run.printed();
    let expected = [
        ("site.yaml:3:1", "okänt fält `langauge`"),
        ("content/meetings/01-okant-falt.md:7:1", "okänt fält `tittle`"),
        ("content/meetings/02-datum.md:3:7", "`date`: \"nästa tisdag\" är inte ett giltigt datum"),
        ("content/meetings/03-utkast.md:7:8", "`draft` ska vara true eller false, inte \"kanske\""),
        ("content/meetings/04-region.md:4:11", "okänd region \"Östergötlands län\""),
        ("content/meetings/05-tema.md:7:10", "okänt tema \"smart-specialization\""),
        ("content/meetings/06-status.md:9:13", "okänd status \"planed\""),
        ("content/meetings/07-tabb.md:5:1", "tabbtecken får inte användas för indrag"),
        ("content/meetings/08-citat.md:2:8", "ett citattecken öppnas men stängs aldrig"),
        ("content/pages/om.md:4:9", "`weight` ska vara ett heltal"),
    ];
    assert_eq!(printed.len(), expected.len(), "{run}");
    for (p, (location, message)) in printed.iter().zip(expected) {
        assert_eq!(p.location, location, "{run}");
        assert!(p.message.contains(message), "{p:?} should say {message:?}");
        assert_eq!(p.level, "fel");
    }
    assert_eq!(run.summary(), "10 fel i 10 filer");
}

// ---------------------------------------------------------------------------------------
// Authoring round 2: the wrong folder, long runs of one warning, a build that meets a slip
// ---------------------------------------------------------------------------------------

#[test]
fn running_in_the_meetings_folder_says_so_once() {
    // Guards: a command run in content/meetings/ says once that this is no site, and how to get to it.
    let site = Site::new();
    let run = site::run_in(&site.path().join("content/meetings"), &["check"], common::TODAY);
    run.assert_code(1);
    let printed = run.printed();
    assert_eq!(printed.len(), 1, "{run}");
    assert!(printed[0].message.contains("är ingen samtal-webbplats (där finns ingen site.yaml)"), "{run}");
    assert_eq!(hint(&printed[0]), "kör kommandot i webbplatsens mapp: `cd ../..`, eller ange den med `--root ../..`");
    let run = site::run_in(&site.path().join("content/meetings"), &["build"], common::TODAY);
    run.assert_code(1);
    assert_eq!(run.printed().len(), 1, "{run}");
}

#[test]
fn a_long_run_of_the_same_warning_is_shown_a_few_times_then_counted() {
    // Guards: eight meetings without a summary show three warnings and count the other five.
    let site = Site::new();
    for i in 0..8 {
        site.write(
            &format!("content/meetings/m{i}.md"),
            "---\ntitle: Ett möte\ndate: 2018\nregions: [stockholm]\noutcomes: []\n---\n",
        );
    }
    let run = site.check();
    run.assert_code(0);
    let shown = run.printed().into_iter().filter(|p| p.message.contains("mötet saknar `summary`")).count();
    assert_eq!(shown, 3, "{run}");
    assert!(
        run.stderr.contains("… och 5 varningar till av samma slag: mötet saknar `summary` (en kort sammanfattning)"),
        "{run}"
    );
    assert!(run.summary().starts_with("Inga fel, 8 varningar: "), "{run}");
    // Machine formats get every one.
    let json = site.run(&["check", "--format", "json"]);
    assert_eq!(json.stdout.lines().count(), 8, "{json}");
}

#[test]
fn a_build_that_meets_a_slip_keeps_the_previous_output_and_a_warning_is_counted() {
    // Guards: a YAML slip fails the build with the previous output byte-identical; a warning builds and is counted.
    let site = Site::new();
    let out = site.path().join("ut");
    let build = || site.run(&["build", "--output", out.to_str().unwrap()]);
    build().assert_code(0);
    let before = read_tree(&out);
    site.write(A, &meeting("", "").replace("title: Ett möte", "title: Möte: Skåne"));
    let run = build();
    run.assert_code(1);
    run.error_at("content/meetings/a.md:2:8", "texten innehåller ett kolon");
    assert_eq!(read_tree(&out), before, "the previous output is untouched");
    // A body's broken link is reported with the front matter's slip, by build as by check.
    site.write(A, &meeting("", "[Karta](/kartan/)\n").replace("title: Ett möte", "title: Möte: Skåne"));
    let run = build();
    run.assert_code(1);
    run.error_at("content/meetings/a.md:2:8", "texten innehåller ett kolon");
    run.error_at("content/meetings/a.md:8:1", "länken /kartan/ leder till en sida som inte finns");
    assert_eq!(read_tree(&out), before, "the previous output is untouched");
    site.write(A, &meeting("", "").replace("title: Ett möte", "title: Möte #2"));
    let run = build();
    run.assert_code(0);
    run.warning_at("content/meetings/a.md:2:13", "bara \"Möte\" kommer med");
    assert!(run.summary().starts_with("Byggde ") && run.summary().ends_with(", 1 varning"), "{run}");
    site.run(&["check", "--strict"]).assert_code(1);
}

#[test]
fn a_former_address_leads_to_the_page_and_is_listed_for_hosts() {
    // Guards: `aliases:` keeps old links working: a page at the old address that sends the
    // reader on, and `_redirects` for hosts that read it.
    let site = Site::new();
    site.write(A, &meeting("aliases: [/moten/2018-gammal/]\n", "Text.\n"));
    let out = site.path().join("ut");
    site.run(&["build", "--output", out.to_str().unwrap(), "--base-url", "https://exempel.se/dialog/"]).assert_code(0);
    let moved = std::fs::read_to_string(out.join("moten/2018-gammal/index.html")).unwrap();
    assert!(moved.contains("<meta http-equiv=\"refresh\" content=\"0; url=/dialog/moten/a/\">"), "{moved}");
    assert!(moved.contains("<link rel=\"canonical\" href=\"https://exempel.se/dialog/moten/a/\">"), "{moved}");
    assert!(moved.contains("<a href=\"/dialog/moten/a/\">Ett möte</a>"), "{moved}");
    assert!(moved.contains("<html lang=\"sv\">") && moved.contains("<title>Sidan har flyttat</title>"));
    let redirects = std::fs::read_to_string(out.join("_redirects")).unwrap();
    assert_eq!(redirects, "/dialog/moten/2018-gammal/ /dialog/moten/a/ 301\n");
    // Without aliases there is no _redirects.
    site.write(A, &meeting("", "Text.\n"));
    site.run(&["build", "--output", out.to_str().unwrap()]).assert_code(0);
    assert!(!out.join("_redirects").exists() && !out.join("moten/2018-gammal").exists());
}

#[test]
fn a_meetings_last_change_is_shown_and_given_to_the_sitemap() {
    // Guards: `updated:` is shown on the meeting's page as "Senast uppdaterad" and is the
    // page's `lastmod` in the sitemap (without it, the meeting's date).
    let site = Site::new();
    site.write(A, &meeting("updated: 2019-02-01\n", "Text.\n"));
    let out = site.path().join("ut");
    site.run(&["build", "--output", out.to_str().unwrap(), "--base-url", "https://exempel.se/"]).assert_code(0);
    let page = fs::read_to_string(out.join("moten/a/index.html")).unwrap();
    // Beside the meeting's date, under its title (issue 31: the answer first, facts after).
    assert!(page.contains("Senast uppdaterad <time datetime=\"2019-02-01\">1 februari 2019</time>"), "{page}");
    let sitemap = fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("<loc>https://exempel.se/moten/a/</loc><lastmod>2019-02-01</lastmod>"), "{sitemap}");
    assert!(sitemap.contains("<loc>https://exempel.se/moten/2018-ostergotland/</loc><lastmod>2018-05-16</lastmod>"));
    let other = fs::read_to_string(out.join("moten/2018-ostergotland/index.html")).unwrap();
    assert!(!other.contains("Senast uppdaterad"));
}

#[test]
fn the_default_theme_is_built_in_and_a_partial_copy_gets_what_it_lacks() {
    // Guards: a site's copy of the theme made by an older samtal lacked the templates newer
    // pages need (data.html, accessibility.html) and the build failed; no copy is needed.
    let site = Site::new();
    fs::remove_dir_all(site.path().join("themes")).unwrap();
    let out = site.path().join("ut");
    let build = || site.run(&["build", "--output", out.to_str().unwrap()]);
    build().assert_code(0);
    assert!(out.join("style.css").is_file() && out.join("search.js").is_file());
    assert!(fs::read_to_string(out.join("data/index.html")).unwrap().contains("<main"));
    // A site's own file replaces the built-in one of that name; the others stay built in.
    let base = fs::read_to_string(repo().join("themes/default/templates/meeting.html")).unwrap();
    site.write("themes/default/templates/meeting.html", &base.replace("</article>", "<p>Eget tema</p></article>"));
    build().assert_code(0);
    assert!(fs::read_to_string(out.join("moten/2018-ostergotland/index.html")).unwrap().contains("Eget tema"));
    assert!(!fs::read_to_string(out.join("om/index.html")).unwrap().contains("Eget tema"));
    assert!(out.join("data/index.html").is_file());
}

#[test]
fn meetings_in_year_folders_and_bundles_are_published() {
    // Guards: Markdown files in subfolders of content/meetings/ were left out without a word.
    let site = Site::new();
    site.write("content/meetings/2019/2019-arsmapp.md", &meeting("", "Ett möte i en årsmapp.\n"));
    site.write("content/meetings/2019-bunt/index.md", &meeting("", "[Årsmappen](/moten/2019-arsmapp/)\n"));
    let out = site.path().join("ut");
    site.run(&["build", "--output", out.to_str().unwrap()]).assert_code(0);
    let page = std::fs::read_to_string(out.join("moten/2019-arsmapp/index.html")).unwrap();
    assert!(page.contains("Ett möte i en årsmapp."));
    let bundle = std::fs::read_to_string(out.join("moten/2019-bunt/index.html")).unwrap();
    assert!(bundle.contains("href=\"/moten/2019-arsmapp/\""));
}

#[test]
fn a_bundles_files_are_published_at_its_address_and_its_attachments_reach_feeds_and_open_data() {
    // Guards: a bundle's files are copied beside its page (a `slug:` moves them along), its
    // attachments are listed with their size in the page, meetings.json, the CSV and the feed,
    // a draft's files are not published, and contact persons stay out of the open data.
    let site = Site::new();
    let pdf = b"%PDF-1.4 protokoll".repeat(100);
    let extra = "slug: 2019-flyttad\nattachments:\n  - title: Protokoll\n    file: protokoll.pdf\n\
                 contact: { name: Anna Hemlig, email: anna.hemlig@example.se }\n";
    site.write("content/meetings/2019-bunt/index.md", &meeting(extra, "![Karta](bilder/karta.png)\n"));
    site.write_bytes("content/meetings/2019-bunt/protokoll.pdf", &pdf);
    site.write_bytes("content/meetings/2019-bunt/bilder/karta.png", site::TINY_PNG);
    site.write("content/meetings/2019-utkast/index.md", &meeting("draft: true\n", ""));
    site.write_bytes("content/meetings/2019-utkast/hemlig.pdf", b"%PDF");
    let out = site.path().join("ut");
    site.run(&["build", "--output", out.to_str().unwrap()]).assert_code(0);
    assert_eq!(fs::read(out.join("moten/2019-flyttad/protokoll.pdf")).unwrap(), pdf);
    assert!(out.join("moten/2019-flyttad/bilder/karta.png").is_file());
    assert!(!out.join("moten/2019-utkast").exists(), "a draft's files are not published");
    let page = fs::read_to_string(out.join("moten/2019-flyttad/index.html")).unwrap();
    assert!(page.contains(r#"<a href="/moten/2019-flyttad/protokoll.pdf">Protokoll</a>"#), "{page}");
    assert!(page.contains("(PDF, 1,8 kB)") && page.contains(r#"src="/moten/2019-flyttad/bilder/karta.1."#), "{page}");
    assert!(page.contains("mailto:anna.hemlig@example.se"), "the contact is on the page");
    let json = fs::read_to_string(out.join("data/meetings.json")).unwrap();
    assert!(json.contains("\"url\": \"https://example.org/moten/2019-flyttad/protokoll.pdf\""), "{json}");
    assert!(json.contains("\"type\": \"application/pdf\"") && json.contains("\"bytes\": 1800"), "{json}");
    let csv = fs::read_to_string(out.join("data/meetings.csv")).unwrap();
    assert!(csv.contains("https://example.org/moten/2019-flyttad/protokoll.pdf"), "{csv}");
    let feed = fs::read_to_string(out.join("atom.xml")).unwrap();
    assert!(
        feed.contains(r#"rel="enclosure""#) && feed.contains(r#"length="1800""#) && feed.contains("application/pdf"),
        "{feed}"
    );
    for file in ["data/meetings.json", "data/meetings.csv", "atom.xml", "data/follow_ups.json"] {
        let text = fs::read_to_string(out.join(file)).unwrap();
        assert!(!text.contains("Anna Hemlig") && !text.contains("anna.hemlig"), "{file} holds a contact person");
    }
}

// ---------------------------------------------------------------------------------------
// Drafts
// ---------------------------------------------------------------------------------------

#[test]
fn drafts_are_left_out_unless_asked_for_and_then_carry_a_banner() {
    // Guards: a draft shows nowhere in a build, and with --drafts it shows with a banner.
    let site = Site::new();
    site.write(
        "content/meetings/2018-stockholm.md",
        "---\ntitle: Hemligt utkastmöte\ndate: 2018\nregions: [stockholm]\nthemes: [smart-specialisation]\nsummary: Kort.\noutcomes: []\ndraft: true\n---\nText.\n",
    );
    site.check().assert_clean();
    let out = site.path().join("ut");
    site.run(&["build", "--output", out.to_str().unwrap()]).assert_code(0);
    assert!(!out.join("moten/2018-stockholm").exists(), "the draft has no page");
    for (path, bytes) in read_tree(&out) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("Hemligt utkastmöte") && !text.contains("2018-stockholm"), "the draft shows in {path}");
    }
    let with = site.path().join("med");
    site.run(&["build", "--drafts", "--output", with.to_str().unwrap()]).assert_code(0);
    let page = fs::read_to_string(with.join("moten/2018-stockholm/index.html")).unwrap();
    assert!(page.contains("Hemligt utkastmöte"), "{page}");
    assert!(page.contains("Utkast: det här mötet är inte publicerat."), "the banner: {page}");
    let list = fs::read_to_string(with.join("moten/index.html")).unwrap();
    assert!(list.contains("Hemligt utkastmöte"), "listed with --drafts");
    // The published meeting carries no banner.
    let good = fs::read_to_string(with.join("moten/2018-ostergotland/index.html")).unwrap();
    assert!(!good.contains("draft-banner"), "{good}");
}

// ---------------------------------------------------------------------------------------
// Publishing and documentation
// ---------------------------------------------------------------------------------------

#[test]
fn the_publish_workflow_checks_strictly_then_builds_and_deploys() {
    // Guards: the publish workflow checks strictly, then builds and deploys, in that order.
    let workflow = fs::read_to_string(repo().join(".github/workflows/publish.yml")).unwrap();
    let order = [
        "actions/checkout@",
        "dtolnay/rust-toolchain@stable",
        "cargo run --release -- check --strict --format github",
        "cargo run --release -- build",
        "actions/upload-pages-artifact@",
        "actions/deploy-pages@",
    ];
    let mut from = 0;
    for step in order {
        let at = workflow[from..].find(step).unwrap_or_else(|| panic!("{step} missing or out of order"));
        from += at + step.len();
    }
    for needed in ["branches: [main]", "pages: write", "id-token: write", "path: public"] {
        assert!(workflow.contains(needed), "{needed} missing");
    }
}

#[test]
fn the_authoring_guide_quotes_the_real_messages() {
    // Guards: docs/authoring.md explains the messages an author sees.
    let guide = fs::read_to_string(repo().join("docs/authoring.md")).unwrap();
    // Each message printed by a test above, as an author would search for it.
    for message in [
        "filen saknar ett huvud (front matter) mellan två rader med ---",
        "huvudet (front matter) avslutas aldrig med en rad med ---",
        "huvudet måste bestå av fält på formen namn: värde",
        "tabbtecken får inte användas för indrag",
        "ett citattecken öppnas men stängs aldrig",
        "en hakparentes [ öppnas men stängs aldrig",
        "indraget stämmer inte",
        "står två gånger",
        "filen är inte sparad som UTF-8",
        "filen ändrades medan webbplatsen byggdes",
        "i content/meetings/ får bara ligga möten som .md-filer",
        "saknas men är obligatoriskt",
        "är tomt men måste fyllas i",
        "okänt fält",
        "är inte ett giltigt datum",
        "ska vara true eller false",
        "okänd region",
        "okänt tema",
        "okänd status",
        "två filer skulle få samma adress",
        "används redan av webbplatsen själv",
        "kan inte användas i en webbadress",
        "leder till en sida som inte finns",
        "finns inte",
        "tillgänglighetsredogörelsen saknar ett sätt att rapportera brister",
        "hur snart ni svarar, men anger bara",
        "är en startsida, inget formulär",
        "anger varken en e-postadress (`email`) eller ett formulär (`form`)",
        "men `publisher` saknas",
        "men redogörelsen listar inga brister",
        "för mer än ett år sedan",
        "är en exempeladress på den reserverade domänen example.org, så e-post dit når ingen",
        "ligger på den reserverade exempeldomänen example.com, så formuläret finns inte",
        "säger inte hur snart ni svarar, men tillgänglighetsredogörelsen visar den som svarstid",
        "går inte att använda som status",
        "mötet saknar `summary`",
        "mötet saknar `outcomes`",
        "står fortfarande som planned",
        "kunde inte visa sidan",
        "fel i mallen",
        "10 fel i 10 filer",
        // Authoring round 2 (issue 15).
        "raden börjar i kolumn 4 men ska börja i kolumn 3",
        "ett osynligt hårt mellanslag (U+00A0)",
        "texten innehåller ett kolon, så den läses som ett nytt fält",
        "som har en egen betydelse här",
        "texten börjar med #, så den läses som en kommentar och blir tom",
        "typografiska citattecken “…” räknas inte som citattecken här",
        "listpunkten är skriven med * som i Word, så den blir inte en punkt i listan",
        "raden kunde inte läsas: något i skrivsättet stämmer inte",
        "allt från # räknas som en kommentar och försvinner",
        "är en enda text med komman",
        "står två gånger i `regions`",
        "ligger före år 2000",
        "ligger långt fram i tiden",
        "före mötet den",
        "står fortfarande som planned",
        "som kommer med på webbplatsen",
        "HTML-kod från Word",
        "som en tabell inklistrad från Excel, visas som löptext",
        "saknar alternativtext",
        "filen är ingen JPEG-, PNG-, WebP- eller GIF-bild fast namnet säger det",
        "publiceras inte: samtal kan inte ta bort platsuppgifterna ur den, och webbläsare visar den inte",
        "bilden är trasig och kan inte läsas",
        "bilden är mycket stor",
        "anges utan / först, så den hittas inte på webbplatsen",
        "ligger på din dator och följer inte med till webbplatsen",
        "saknas, men varje webbplats behöver den",
        "är ingen samtal-webbplats",
        "filen ser ut att vara en kopia av",
        "kan inte vara ett möte; mötena är textfiler som slutar på .md",
        "kan inte vara en sida; sidorna är textfiler som slutar på .md, så den här publiceras inte",
        "under `follow_ups` saknar `status`",
        "filen är sparad som UTF-16",
        "samtal läser inte den här filen, så den publiceras inte",
        "är ingen adress på webbplatsen",
        "den tidigare adressen /moten/… används redan av …",
        "samtal läser inte den här mappen, så inget i den publiceras",
        "filen är inte sparad som UTF-8 utan som Windows-1252 (\"ANSI\")",
        "texten fortsätter efter det avslutande citattecknet, så raden kan inte läsas",
        "i texten står ett osynligt tecken utan bredd (U+200B)",
        "varningar till av samma slag",
        "Inga fel, 3 varningar:",
        "draft: true",
        // Publishing and open data (issue 17).
        "saknar webbplatsens adress, så webbplatskartan, flödena och delningslänkarna får inga fullständiga adresser",
        "är ingen fullständig webbadress",
        "license saknas, så datakatalogen data/dcat.rdf saknar den licens som Sveriges dataportal kräver",
        // Follow-up across meetings (issue 19).
        "det finns inget möte med adressen",
        "pekar på mötet självt",
        "har ingen åtgärd med id",
        "säger inte både mötet och åtgärden",
        "används redan på rad",
        "men status är ongoing",
        "efter det här mötet",
        "är ett utkast, så länken dit visas inte förrän det publiceras",
        "har inte kommit än",
        // Bundles, attachments and contacts (issue 19).
        "finns inte i mötets mapp",
        "finns inte i static/",
        "hittas inte: mötet har ingen egen mapp att leta i",
        "ligger utanför mötets mapp, så den följer inte med till webbplatsen",
        "är en webbadress, inte en fil som publiceras med mötet",
        "saknar `title`, så länken blir bara filnamnet",
        "är ingen giltig e-postadress",
        "innehåller bokstäver, så det går inte att ringa från sidan",
        // Years and rounds (issue 19).
        "`round`: \"Hösten 2019\" kan inte användas i en webbadress",
        "är sidan för omgången",
        "är ingen omgång: före kolonet står omgången som den skrivs i mötenas `round:`",
        "så namnet visas ingenstans",
        // Authoring, round 3 (issue 26).
        "har mellanslag i adressen, så den blir ingen länk: texten visas som den är skriven",
        "har mellanslag i namnet, så den visas inte: texten visas som den är skriven",
        "ligger före mötets datum",
        "är en webbadress, men här skrivs mötets adress (slug) som i filnamnet",
        "saknas ett mellanslag, så raden läses inte som ett fält",
        "hör till en punkt under `follow_ups`, men står längst till vänster",
        "så den ser ut som en fri sida, men den ligger bland mötena",
        "som ett möte, men den ligger bland de fria sidorna",
        "mötets text i en egen mapp ska heta index.md, men heter",
        "mappnamnet \"Möte i Åre\" kan inte användas i en webbadress",
        "är skriven som bara ett filnamn, men varje bilaga skrivs med en rubrik (`title`) och filen (`file`)",
        "men är textens första rubrik, så den hoppar över en rubriknivå under sidans titel; den som läser med skärmläsare tror att något saknas",
        "direkt under en rubrik med ##, så den hoppar över en rubriknivå",
        "säger inte vart länken leder, och den som läser med skärmläsare hör ofta bara sidans länktexter, utan texten runt dem",
        "tabellen har ingen rubrikrad (<th>), så den som läser med skärmläsare får inte veta vad kolumnerna innehåller",
        "som inte följer webbplatsens färger i ljust och mörkt läge och kan bli svår att läsa",
    ] {
        assert!(guide.contains(message), "docs/authoring.md does not explain {message:?}");
    }
}
