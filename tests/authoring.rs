//! What an author sees when something is wrong: every mistake of the authoring issue is run
//! through the real binary (`samtal --root <site> check`) on a small site in a temporary
//! folder, and the message, its file:line:col and its hint are asserted. Also `samtal new`.

use assert_cmd::Command;
use std::fs;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

const TODAY: &str = "2026-11-27";

// ---------------------------------------------------------------------------------------
// The base site and how to run the binary on it
// ---------------------------------------------------------------------------------------

const SITE_YAML: &str = "title: Testplats\ndescription: En liten webbplats för tester.\nlanguage: sv\n";

const REGIONS_YAML: &str = "\
counties:
  - slug: ostergotland
    name: Östergötland
    name_en: Östergötland
    official_name: Östergötlands län
    official_name_en: Östergötland County
    letter: E
    county_code: \"05\"
    iso_3166_2: SE-E
    nuts3: SE123
    actor_2018: Region Östergötland
    region_2019: Region Östergötland
  - slug: stockholm
    name: Stockholm
    official_name: Stockholms län
    county_code: \"01\"
    iso_3166_2: SE-AB
    actor_2018: Länsstyrelsen i Stockholms län
    region_2019: Region Stockholm
  - slug: uppsala
    name: Uppsala
    official_name: Uppsala län
    county_code: \"03\"
    iso_3166_2: SE-C
    actor_2018: Region Uppsala
    region_2019: Region Uppsala
groupings:
  - slug: ostra-mellansverige
    name: Östra Mellansverige
    kind: nuts2
    code: SE12
    members: [uppsala, ostergotland]
";

const THEMES_YAML: &str = "\
- slug: smart-specialisation
  name: Smart specialisering
  name_en: Smart specialisation
- slug: regional-leadership
  name: Regionalt ledarskap
  name_en: Regional leadership
";

const GOOD_MEETING: &str = "\
---
title: Dialog med Region Östergötland
date: 2018-05-16
regions: [ostergotland]
themes: [regional-leadership]
participants: [Regiondirektör]
summary: Ett bra möte.
outcomes:
  - Något bra.
follow_ups:
  - action: Följa upp
    owner: Tillväxtverket
    due: 2019-01
    status: done
---
Text med [länk](/regioner/ostergotland/).
";

const ABOUT_PAGE: &str = "---\ntitle: Om\nsummary: Om webbplatsen.\n---\nHej.\n";

/// A meeting with everything a clean check wants, so only the line under test is wrong.
/// `extra` is inserted as front matter lines; `body` follows the closing fence.
fn meeting(extra: &str, body: &str) -> String {
    format!("---\ntitle: Ett möte\ndate: 2018\nregions: [stockholm]\nsummary: Kort.\noutcomes: []\n{extra}---\n{body}")
}

struct Site {
    dir: TempDir,
}

impl Site {
    /// The small valid base site, with a copy of the repository's default theme.
    fn new() -> Site {
        let site = Site { dir: tempfile::tempdir().unwrap() };
        site.write("site.yaml", SITE_YAML)
            .write("content/regions.yaml", REGIONS_YAML)
            .write("content/themes.yaml", THEMES_YAML)
            .write("content/meetings/2018-ostergotland.md", GOOD_MEETING)
            .write("content/pages/om.md", ABOUT_PAGE);
        copy_tree(&repo().join("themes/default"), &site.path().join("themes/default"));
        site
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn write(&self, rel: &str, text: &str) -> &Site {
        self.write_bytes(rel, text.as_bytes())
    }

    fn write_bytes(&self, rel: &str, bytes: &[u8]) -> &Site {
        let path = self.path().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
        self
    }

    fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path().join(rel)).unwrap()
    }

    /// `samtal --root <site> <args>` with the clock fixed.
    fn run(&self, args: &[&str]) -> Run {
        self.run_with(args, TODAY)
    }

    fn run_with(&self, args: &[&str], today: &str) -> Run {
        let mut all = vec!["--root", self.path().to_str().unwrap()];
        all.extend_from_slice(args);
        run_in(self.path(), &all, today)
    }

    fn check(&self) -> Run {
        self.run(&["check"])
    }
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn run_in(cwd: &Path, args: &[&str], today: &str) -> Run {
    let out = Command::cargo_bin("samtal")
        .unwrap()
        .current_dir(cwd)
        .env("SAMTAL_TODAY", today)
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// One finished run of the binary.
#[derive(Debug)]
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// One diagnostic as printed for a person.
#[derive(Debug, Clone)]
struct Printed {
    /// "fel", "varning", "error" or "warning".
    level: String,
    message: String,
    /// "file:line:col", or just "file" when the problem has no line.
    location: String,
    hint: Option<String>,
}

impl Run {
    /// The diagnostics of the human format, in the order printed.
    fn printed(&self) -> Vec<Printed> {
        let mut out: Vec<Printed> = Vec::new();
        for line in self.stderr.lines() {
            let level =
                ["fel", "varning", "error", "warning"].into_iter().find(|l| line.starts_with(&format!("{l}: ")));
            if let Some(level) = level {
                out.push(Printed {
                    level: level.into(),
                    message: line[level.len() + 2..].to_string(),
                    location: String::new(),
                    hint: None,
                });
            } else if let Some(last) = out.last_mut() {
                let trimmed = line.trim_start();
                if let Some(loc) = trimmed.strip_prefix("--> ")
                    && last.location.is_empty()
                {
                    last.location = loc.trim().to_string();
                } else if let Some(hint) = trimmed.strip_prefix("tips: ").or_else(|| trimmed.strip_prefix("help: ")) {
                    last.hint = Some(hint.to_string());
                }
            }
        }
        out
    }

    /// The one diagnostic whose message contains `text`; fails with the whole output.
    fn find(&self, text: &str) -> Printed {
        let found: Vec<Printed> = self.printed().into_iter().filter(|p| p.message.contains(text)).collect();
        assert_eq!(found.len(), 1, "expected one message containing {text:?}:\n{self}");
        found.into_iter().next().unwrap()
    }

    /// Asserts an error with this message at this place, returning it for the hint.
    fn error_at(&self, location: &str, message: &str) -> Printed {
        let p = self.find(message);
        assert!(p.level == "fel" || p.level == "error", "not an error: {p:?}\n{self}");
        assert_eq!(p.location, location, "{p:?}\n{self}");
        p
    }

    fn warning_at(&self, location: &str, message: &str) -> Printed {
        let p = self.find(message);
        assert!(p.level == "varning" || p.level == "warning", "not a warning: {p:?}\n{self}");
        assert_eq!(p.location, location, "{p:?}\n{self}");
        p
    }

    fn assert_code(&self, code: i32) -> &Run {
        assert_eq!(self.code, code, "exit code\n{self}");
        self
    }

    fn assert_clean(&self) -> &Run {
        self.assert_code(0);
        assert!(self.printed().is_empty(), "expected no diagnostics:\n{self}");
        self
    }

    /// The last line of stderr: the "3 fel i 2 filer" count.
    fn summary(&self) -> &str {
        self.stderr.lines().last().unwrap_or_default()
    }
}

impl std::fmt::Display for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "exit {}\n--- stdout ---\n{}\n--- stderr ---\n{}", self.code, self.stdout, self.stderr)
    }
}

fn hint(p: &Printed) -> &str {
    p.hint.as_deref().unwrap_or_else(|| panic!("no hint: {p:?}"))
}

const A: &str = "content/meetings/a.md";

/// The base site plus one meeting `content/meetings/a.md`, checked.
fn check_meeting(text: &str) -> Run {
    let site = Site::new();
    site.write(A, text);
    site.check()
}

// ---------------------------------------------------------------------------------------
// The base itself
// ---------------------------------------------------------------------------------------

#[test]
fn the_base_site_is_clean() {
    let site = Site::new();
    let run = site.check();
    run.assert_clean();
    assert!(run.stderr.contains("Inga fel:"), "{run}");
}

// ---------------------------------------------------------------------------------------
// File level
// ---------------------------------------------------------------------------------------

#[test]
fn a_file_without_front_matter() {
    let run = check_meeting("# Mötet\n\nBara text.\n");
    run.assert_code(1);
    let p = run.error_at("content/meetings/a.md:1:1", "filen saknar ett huvud (front matter) mellan två rader med ---");
    assert!(hint(&p).contains("`samtal new meeting`"), "{p:?}");
    assert_eq!(run.summary(), "1 fel i 1 fil");
}

#[test]
fn unterminated_front_matter() {
    let run = check_meeting("---\ntitle: Ett möte\ndate: 2018\n\nTexten börjar här.\n");
    run.assert_code(1);
    let p = run.error_at("content/meetings/a.md:1:1", "huvudet (front matter) avslutas aldrig med en rad med ---");
    assert_eq!(hint(&p), "lägg till en rad med bara --- efter sista fältet");
}

#[test]
fn an_empty_file() {
    for text in ["", "\n\n  \n"] {
        let run = check_meeting(text);
        run.assert_code(1);
        run.error_at("content/meetings/a.md:1:1", "filen är tom");
    }
}

#[test]
fn front_matter_that_is_not_a_mapping() {
    let run = check_meeting("---\n- title\n- date\n---\n");
    run.assert_code(1);
    let p = run.error_at("content/meetings/a.md:2:1", "huvudet måste bestå av fält på formen namn: värde");
    assert!(hint(&p).contains("ett fält per rad"), "{p:?}");
    let run = check_meeting("---\nbara en mening\n---\n");
    run.error_at("content/meetings/a.md:2:1", "huvudet måste bestå av fält på formen namn: värde");
}

#[test]
fn yaml_bad_indentation() {
    let run = check_meeting("---\ntitle: Ett möte\n  date: 2018\nregions: [stockholm]\n---\n");
    run.assert_code(1);
    let p = run.error_at("content/meetings/a.md:3:7", "indraget stämmer inte");
    assert!(hint(&p).contains("längst till vänster"), "{p:?}");
}

#[test]
fn yaml_tab() {
    let run = check_meeting("---\ntitle: Ett möte\ndate: 2018\nregions:\n\t- stockholm\n---\n");
    run.assert_code(1);
    let p = run.error_at("content/meetings/a.md:5:1", "tabbtecken får inte användas för indrag");
    assert_eq!(hint(&p), "använd mellanslag i stället för tabb");
}

#[test]
fn yaml_unclosed_quote() {
    let run = check_meeting("---\ntitle: \"Ett möte\ndate: 2018\nregions: [stockholm]\n---\n");
    run.assert_code(1);
    run.error_at("content/meetings/a.md:2:8", "ett citattecken öppnas men stängs aldrig");
}

#[test]
fn yaml_unclosed_list() {
    let run = check_meeting("---\ntitle: Ett möte\ndate: 2018\nregions: [stockholm, uppsala\n---\n");
    run.assert_code(1);
    let p = run.error_at("content/meetings/a.md:4:10", "en hakparentes [ öppnas men stängs aldrig");
    assert!(hint(&p).contains("regions: [uppsala, ostergotland]"), "{p:?}");
}

#[test]
fn yaml_duplicate_key() {
    let run = check_meeting("---\ntitle: Ett möte\ndate: 2018\ntitle: Ett annat\nregions: [stockholm]\n---\n");
    run.assert_code(1);
    let p = run.error_at("content/meetings/a.md:4:1", "fältet `title` står två gånger");
    assert_eq!(hint(&p), "ta bort den ena raden eller slå ihop värdena");
}

#[test]
fn a_file_that_is_not_utf8() {
    let site = Site::new();
    // "Göteborg" saved as Latin-1.
    site.write_bytes(A, b"---\ntitle: G\xf6teborg\ndate: 2018\nregions: [stockholm]\n---\n");
    let run = site.check();
    run.assert_code(1);
    let p = run.find("filen är inte sparad som UTF-8");
    assert_eq!(p.location, format!("{A}:2:9"), "located at the first byte that is not UTF-8");
    assert!(hint(&p).contains("UTF-8"), "{p:?}");
}

#[test]
fn bom_and_crlf_simply_work() {
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
fn a_file_that_is_not_markdown_in_meetings_is_reported() {
    for name in [
        "content/meetings/2018-stockholm.txt",
        "content/meetings/2018-stockholm.markdown",
        "content/meetings/anteckning",
    ] {
        let site = Site::new();
        site.write(name, &meeting("", ""));
        let run = site.check();
        run.assert_code(1);
        let p = run.find("i content/meetings/ får bara ligga möten som .md-filer");
        assert_eq!(p.location, name);
        assert!(hint(&p).contains(".md"), "{p:?}");
    }
}

// ---------------------------------------------------------------------------------------
// Fields
// ---------------------------------------------------------------------------------------

#[test]
fn missing_required_fields() {
    let run = check_meeting("---\nsummary: Kort.\noutcomes: []\n---\n");
    run.assert_code(1);
    for field in ["title", "date", "regions"] {
        let p = run.error_at("content/meetings/a.md:1:1", &format!("fältet `{field}` saknas men är obligatoriskt"));
        assert_eq!(hint(&p), format!("lägg till en rad `{field}: …` i huvudet"));
    }
    assert_eq!(run.summary(), "3 fel i 1 fil");
}

#[test]
fn unknown_key_suggests_the_right_one() {
    let run = check_meeting(&meeting("tittle: Ett möte\n", ""));
    run.assert_code(1);
    let p = run.error_at("content/meetings/a.md:7:1", "okänt fält `tittle`");
    assert_eq!(hint(&p), "menade du \"title\"?");
    // Nothing close: the allowed fields are listed.
    let run = check_meeting(&meeting("xyzzy: 1\n", ""));
    let p = run.error_at("content/meetings/a.md:7:1", "okänt fält `xyzzy`");
    assert!(hint(&p).starts_with("tillåtna fält: title, date, regions"), "{p:?}");
}

#[test]
fn a_single_region_as_text_is_a_one_item_list() {
    let site = Site::new();
    site.write(A, "---\ntitle: Ett möte\ndate: 2018\nregions: stockholm\nsummary: Kort.\noutcomes: []\n---\n");
    site.check().assert_clean();
    let out = site.path().join("ut");
    site.run(&["build", "--output", out.to_str().unwrap()]).assert_code(0);
    let region = fs::read_to_string(out.join("regioner/stockholm/index.html")).unwrap();
    assert!(region.contains("/moten/a/"), "the meeting is listed under its region");
}

#[test]
fn a_date_that_is_not_a_date() {
    for (value, col) in [("next tuesday", 7), ("2018-13-45", 7), ("16 maj 2018", 7), ("2018-02-30", 7)] {
        let run = check_meeting(&format!(
            "---\ntitle: Ett möte\ndate: {value}\nregions: [stockholm]\nsummary: Kort.\noutcomes: []\n---\n"
        ));
        run.assert_code(1);
        let p = run.error_at(
            &format!("content/meetings/a.md:3:{col}"),
            &format!("`date`: \"{value}\" är inte ett giltigt datum"),
        );
        assert!(hint(&p).contains("2018-05-16, eller 2018-05 eller 2018"), "{p:?}");
    }
}

#[test]
fn draft_must_be_true_or_false() {
    let run = check_meeting(&meeting("draft: maybe\n", ""));
    run.assert_code(1);
    let p = run.error_at("content/meetings/a.md:7:8", "`draft` ska vara true eller false, inte \"maybe\"");
    assert_eq!(hint(&p), "skriv true eller false");
}

#[test]
fn wrong_types() {
    let run = check_meeting(&meeting("participants:\n  roll: chef\n", ""));
    run.error_at("content/meetings/a.md:8:3", "`participants` ska vara en lista, till exempel [a, b]");
    let run = check_meeting(&meeting("follow_ups: ring Region Uppsala\n", ""));
    run.error_at("content/meetings/a.md:7:13", "`follow_ups` ska vara en lista");
}

#[test]
fn an_empty_title() {
    for (line, location) in [
        ("title:", "content/meetings/a.md:2:1"),
        ("title: \"\"", "content/meetings/a.md:2:8"),
        ("title: \"  \"", "content/meetings/a.md:2:8"),
    ] {
        let run = check_meeting(&format!(
            "---\n{line}\ndate: 2018\nregions: [stockholm]\nsummary: Kort.\noutcomes: []\n---\n"
        ));
        run.assert_code(1);
        let p = run.error_at(location, "`title` är tomt men måste fyllas i");
        assert_eq!(hint(&p), "skriv något efter `title:`");
    }
}

#[test]
fn an_empty_region_list() {
    let run = check_meeting("---\ntitle: Ett möte\ndate: 2018\nregions: []\nsummary: Kort.\noutcomes: []\n---\n");
    run.assert_code(1);
    let p = run.error_at("content/meetings/a.md:4:10", "`regions` är tomt men måste fyllas i");
    assert!(hint(&p).contains("`regions: [ostergotland]`"), "{p:?}");
}

#[test]
fn unknown_region_suggests_the_slug_whatever_the_accents() {
    for typed in
        ["Ostergotland", "östergötland", "Östergötlands län", "ostergotlan", "Region Östergötland", "Östergötland"]
    {
        let run = check_meeting(&format!(
            "---\ntitle: Ett möte\ndate: 2018\nregions: [{typed}]\nsummary: Kort.\noutcomes: []\n---\n"
        ));
        run.assert_code(1);
        let p = run.error_at("content/meetings/a.md:4:11", &format!("okänd region \"{typed}\""));
        assert_eq!(hint(&p), "menade du \"ostergotland\"?", "{typed}");
    }
    // A county written by its name instead of its slug.
    let run = check_meeting(
        "---\ntitle: Ett möte\ndate: 2018\nregions: [Stockholms län, Uppsala]\nsummary: Kort.\noutcomes: []\n---\n",
    );
    assert_eq!(
        hint(&run.error_at("content/meetings/a.md:4:11", "okänd region \"Stockholms län\"")),
        "menade du \"stockholm\"?"
    );
    assert_eq!(hint(&run.error_at("content/meetings/a.md:4:27", "okänd region \"Uppsala\"")), "menade du \"uppsala\"?");
    // Nothing close: where to look.
    let run = check_meeting("---\ntitle: Ett möte\ndate: 2018\nregions: [kiruna]\nsummary: Kort.\noutcomes: []\n---\n");
    let p = run.error_at("content/meetings/a.md:4:11", "okänd region \"kiruna\"");
    assert!(hint(&p).contains("content/regions.yaml"), "{p:?}");
}

#[test]
fn unknown_theme_suggests_the_slug() {
    let run = check_meeting(&meeting("themes: [smart-specialization, Regionalt ledarskap]\n", ""));
    run.assert_code(1);
    let p = run.error_at("content/meetings/a.md:7:10", "okänt tema \"smart-specialization\"");
    assert_eq!(hint(&p), "menade du \"smart-specialisation\"?");
    let p = run.error_at("content/meetings/a.md:7:32", "okänt tema \"Regionalt ledarskap\"");
    assert_eq!(hint(&p), "menade du \"regional-leadership\"?");
}

#[test]
fn follow_up_with_an_unknown_status_or_a_bad_due_date() {
    let text = meeting(
        "follow_ups:\n  - action: Ringa\n    status: planed\n  - action: Skriva\n    status: klar\n  - action: Läsa\n    due: snart\n    status: done\n  - action: Se\n    status: kanske\n",
        "",
    );
    let run = check_meeting(&text);
    run.assert_code(1);
    assert_eq!(hint(&run.error_at("content/meetings/a.md:9:13", "okänd status \"planed\"")), "menade du \"planned\"?");
    assert_eq!(hint(&run.error_at("content/meetings/a.md:11:13", "okänd status \"klar\"")), "menade du \"done\"?");
    run.error_at("content/meetings/a.md:13:10", "`due`: \"snart\" är inte ett giltigt datum");
    let p = run.error_at("content/meetings/a.md:16:13", "okänd status \"kanske\"");
    assert_eq!(hint(&p), "status kan vara planned, ongoing eller done");
    assert_eq!(run.summary(), "4 fel i 1 fil");
}

#[test]
fn two_meetings_with_the_same_address() {
    let site = Site::new();
    site.write("content/meetings/b.md", &meeting("slug: 2018-ostergotland\n", ""));
    let run = site.check();
    run.assert_code(1);
    let p = run.find("två filer skulle få samma adress /moten/2018-ostergotland/");
    assert!(p.message.contains("(den andra är content/meetings/2018-ostergotland.md)"), "{p:?}");
    assert_eq!(p.location, "content/meetings/b.md");
    assert!(hint(&p).contains("`slug:`"), "{p:?}");
}

#[test]
fn a_page_named_like_a_section_of_the_site() {
    for name in ["regioner", "moten", "teman"] {
        let site = Site::new();
        site.write(&format!("content/pages/{name}.md"), "---\ntitle: Sidan\n---\nText.\n");
        let run = site.check();
        run.assert_code(1);
        let p = run.find(&format!(
            "adressen /{name}/ används redan av webbplatsen själv, så en sida kan inte heta \"{name}\""
        ));
        assert_eq!(p.location, format!("content/pages/{name}.md"));
        assert!(hint(&p).contains("byt namn på filen"), "{p:?}");
    }
}

#[test]
fn a_file_name_that_cannot_be_an_address() {
    let site = Site::new();
    site.write("content/meetings/Möte i Åre.md", &meeting("", ""));
    let run = site.check();
    run.assert_code(1);
    let p = run.find("filnamnet \"Möte i Åre.md\" kan inte användas i en webbadress");
    assert_eq!(p.location, "content/meetings/Möte i Åre.md");
    assert_eq!(
        hint(&p),
        "byt namn på filen till mote-i-are.md, eller lägg till `slug: \"mote-i-are\"` i huvudet (bara a–z, 0–9 och bindestreck)"
    );
    // Fixed with `slug:` and the file keeps its name.
    site.write("content/meetings/Möte i Åre.md", &meeting("slug: mote-i-are\n", ""));
    site.check().assert_clean();
}

#[test]
fn a_slug_field_that_cannot_be_an_address() {
    let run = check_meeting(&meeting("slug: Möte i Åre\n", ""));
    run.assert_code(1);
    let p = run.error_at("content/meetings/a.md:7:7", "\"Möte i Åre\" kan inte användas i en webbadress");
    assert_eq!(hint(&p), "använd bara a–z, 0–9 och bindestreck, till exempel \"mote-i-are\"");
}

// ---------------------------------------------------------------------------------------
// Site level
// ---------------------------------------------------------------------------------------

#[test]
fn site_yaml_problems() {
    let site = Site::new();
    site.write("site.yaml", "title: Testplats\nlanguge: sv\nlanguage: fi\nbase_url: exempel.se/samtal\n");
    let run = site.check();
    run.assert_code(1);
    assert_eq!(hint(&run.error_at("site.yaml:2:1", "okänt fält `languge`")), "menade du \"language\"?");
    assert_eq!(hint(&run.error_at("site.yaml:3:11", "okänt språk \"fi\"")), "skriv sv eller en");
    let p = run.error_at("site.yaml:4:11", "\"exempel.se/samtal\" är ingen giltig bas-adress");
    assert!(hint(&p).contains("https://exempel.se/samtal/"), "{p:?}");
    assert_eq!(run.summary(), "3 fel i 1 fil");
}

#[test]
fn registry_problems() {
    let site = Site::new();
    let regions = REGIONS_YAML
        .replace("  - slug: uppsala\n", "  - slug: stockholm\n")
        .replace("members: [uppsala, ostergotland]", "members: [ostergotlnd, kiruna]");
    site.write("content/regions.yaml", &regions);
    let run = site.check();
    run.assert_code(1);
    let p = run.error_at("content/regions.yaml:20:11", "\"stockholm\" finns redan på rad 13");
    assert_eq!(hint(&p), "varje slug får bara finnas en gång");
    let p = run.error_at("content/regions.yaml:32:15", "grupperingen nämner ett okänt län \"ostergotlnd\"");
    assert_eq!(hint(&p), "menade du \"ostergotland\"?");
    run.error_at("content/regions.yaml:32:28", "grupperingen nämner ett okänt län \"kiruna\"");
}

#[test]
fn an_unknown_grouping_kind_is_not_called_a_status() {
    let site = Site::new();
    site.write("content/regions.yaml", &REGIONS_YAML.replace("kind: nuts2", "kind: nuts3"));
    let run = site.check();
    run.assert_code(1);
    let p = run.error_at("content/regions.yaml:30:11", "okänd sorts gruppering \"nuts3\"");
    assert_eq!(hint(&p), "menade du \"nuts2\"?");
}

#[test]
fn a_template_syntax_error_names_template_line_and_column() {
    let site = Site::new();
    let path = "themes/default/templates/page.html";
    let mut lines: Vec<String> = site.read(path).lines().map(String::from).collect();
    lines.insert(2, "{% if %}".into());
    site.write(path, &lines.join("\n"));
    let run = site.check();
    run.assert_code(1);
    let p = run.error_at("themes/default/templates/page.html:3:7", "fel i mallen page.html");
    assert!(p.message.contains("%}"), "{p:?}");
    assert_eq!(run.summary(), "1 fel i 1 fil");
}

#[test]
fn a_template_variable_that_does_not_exist() {
    let site = Site::new();
    let path = "themes/default/templates/meeting.html";
    let mut lines: Vec<String> = site.read(path).lines().map(String::from).collect();
    lines.insert(2, "{{ meeting.tittle }}".into());
    site.write(path, &lines.join("\n"));
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
fn a_template_link_on_a_long_list_page_is_checked() {
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

#[test]
fn a_link_to_a_page_that_does_not_exist() {
    let run = check_meeting(&meeting("", "Se [se](/regioner/ostergotlan/) och [start](/).\n"));
    run.assert_code(1);
    let p =
        run.error_at("content/meetings/a.md:8:4", "länken /regioner/ostergotlan/ leder till en sida som inte finns");
    assert_eq!(hint(&p), "menade du \"/regioner/ostergotland/\"?");
    assert_eq!(run.summary(), "1 fel i 1 fil");
}

#[test]
fn a_missing_image() {
    let run = check_meeting(&meeting("", "Text.\n\n![](/bild.png)\n"));
    run.assert_code(1);
    let p = run.error_at("content/meetings/a.md:10:1", "bilden /bild.png finns inte");
    assert!(hint(&p).contains("static/"), "{p:?}");
    // Put in static/, it resolves.
    let site = Site::new();
    site.write(A, &meeting("", "Text.\n\n![](/bild.png)\n")).write_bytes("static/bild.png", b"\x89PNG");
    site.check().assert_clean();
}

// ---------------------------------------------------------------------------------------
// Formats and language
// ---------------------------------------------------------------------------------------

fn two_mistakes() -> Site {
    let site = Site::new();
    site.write(A, &meeting("tittle: x\n", "Se [se](/regioner/ostergotlan/).\n"));
    site.write("content/meetings/b.md", &meeting("draft: maybe\n", ""));
    site
}

#[test]
fn json_lines() {
    let run = two_mistakes().run(&["check", "--format", "json"]);
    run.assert_code(1);
    let lines: Vec<serde_json::Value> = run.stdout.lines().map(|l| serde_json::from_str(l).expect(l)).collect();
    assert_eq!(lines.len(), 2, "{run}");
    assert_eq!(lines[0]["severity"], "error");
    assert_eq!(lines[0]["file"], "content/meetings/a.md");
    assert_eq!(lines[0]["line"], 7);
    assert_eq!(lines[0]["column"], 1);
    assert_eq!(lines[0]["message"], "okänt fält `tittle`");
    assert_eq!(lines[0]["hint"], "menade du \"title\"?");
    assert_eq!(lines[1]["file"], "content/meetings/b.md");
    assert_eq!(lines[1]["line"], 7);
    assert_eq!(lines[1]["column"], 8);
    assert_eq!(run.summary(), "2 fel i 2 filer");
}

#[test]
fn github_annotations() {
    let run = two_mistakes().run(&["check", "--format", "github"]);
    run.assert_code(1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "::error file=content/meetings/a.md,line=7,col=1::okänt fält `tittle` — menade du \"title\"?",
            "::error file=content/meetings/b.md,line=7,col=8::`draft` ska vara true eller false, inte \"maybe\" — skriv true eller false",
        ],
        "{run}"
    );
}

#[test]
fn the_same_mistakes_in_english() {
    let site = two_mistakes();
    site.write("site.yaml", "title: Test site\nlanguage: en\n");
    site.write("content/meetings/c.md", &meeting("", "").replace("[stockholm]", "[Östergötlands län]"));
    let run = site.check();
    run.assert_code(1);
    assert_eq!(hint(&run.error_at("content/meetings/a.md:7:1", "unknown field `tittle`")), "did you mean \"title\"?");
    assert_eq!(
        hint(&run.error_at("content/meetings/b.md:7:8", "`draft` must be true or false, not \"maybe\"")),
        "write true or false"
    );
    assert_eq!(
        hint(&run.error_at("content/meetings/c.md:4:11", "unknown region \"Östergötlands län\"")),
        "did you mean \"ostergotland\"?"
    );
    assert_eq!(run.summary(), "3 errors in 3 files");
    assert!(!run.stderr.contains("fel"), "{run}");
}

// ---------------------------------------------------------------------------------------
// Warnings
// ---------------------------------------------------------------------------------------

#[test]
fn missing_summary_or_outcomes_is_a_warning() {
    let site = Site::new();
    site.write(A, "---\ntitle: Ett möte\ndate: 2018\nregions: [stockholm]\n---\n");
    let run = site.check();
    run.assert_code(0);
    let p = run.warning_at("content/meetings/a.md:1:1", "mötet saknar `summary` (en kort sammanfattning)");
    assert!(hint(&p).contains("`summary:`"), "{p:?}");
    run.warning_at("content/meetings/a.md:1:1", "mötet saknar `outcomes` (vad mötet kom fram till)");
    assert!(run.stderr.contains("Inga fel:"), "{run}");
    // `outcomes:` with nothing after it was forgotten too; `outcomes: []` means "none published".
    site.write(A, "---\ntitle: Ett möte\ndate: 2018\nregions: [stockholm]\nsummary: Kort.\noutcomes:\n---\n");
    site.check().warning_at("content/meetings/a.md:1:1", "mötet saknar `outcomes`");
    site.write(A, "---\ntitle: Ett möte\ndate: 2018\nregions: [stockholm]\nsummary: Kort.\noutcomes: []\n---\n");
    site.check().assert_clean();
}

#[test]
fn an_overdue_follow_up_is_a_warning() {
    let site = Site::new();
    site.write(A, &meeting("follow_ups:\n  - action: Skicka rapporten\n    due: 2026-06\n    status: planned\n", ""));
    let run = site.check();
    run.assert_code(0);
    let p = run.warning_at(
        "content/meetings/a.md:8:13",
        "åtgärden \"Skicka rapporten\" skulle vara klar 2026-06 men står fortfarande som planned",
    );
    assert!(hint(&p).contains("ongoing eller done"), "{p:?}");
    // Not yet due on an earlier day, and never for a status other than planned.
    site.run_with(&["check"], "2026-06-30").assert_clean();
    site.write(A, &meeting("follow_ups:\n  - action: Skicka rapporten\n    due: 2026-06\n    status: ongoing\n", ""));
    site.check().assert_clean();
}

#[test]
fn strict_turns_warnings_into_errors() {
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
    let site = Site::new();
    let fixture = repo().join("tests/sites/errors-ten");
    copy_tree(&fixture, site.path());
    let run = site.check();
    run.assert_code(1);
    let printed = run.printed();
    let expected = [
        ("content/meetings/01-okant-falt.md:7:1", "okänt fält `tittle`"),
        ("content/meetings/02-datum.md:3:7", "`date`: \"nästa tisdag\" är inte ett giltigt datum"),
        ("content/meetings/03-utkast.md:7:8", "`draft` ska vara true eller false, inte \"kanske\""),
        ("content/meetings/04-region.md:4:11", "okänd region \"Östergötlands län\""),
        ("content/meetings/05-tema.md:7:10", "okänt tema \"smart-specialization\""),
        ("content/meetings/06-status.md:9:13", "okänd status \"planed\""),
        ("content/meetings/07-tabb.md:5:1", "tabbtecken får inte användas för indrag"),
        ("content/meetings/08-citat.md:2:8", "ett citattecken öppnas men stängs aldrig"),
        ("content/pages/om.md:4:9", "`weight` ska vara ett heltal"),
        ("site.yaml:3:1", "okänt fält `langauge`"),
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
// Nothing panics
// ---------------------------------------------------------------------------------------

/// Every broken meeting of this file and then some.
fn nasty_meetings() -> Vec<Vec<u8>> {
    let mut texts: Vec<String> = [
        "", "\n", "---", "---\n", "---\n---\n", "---\n---", "\u{feff}", "\u{feff}---\n---\n", "---\r\n---\r\n",
        "# Rubrik\n", "---\ntitle: a\n", "---\n- a\n---\n", "---\nbara text\n---\n", "---\n42\n---\n", "---\n~\n---\n",
        "---\ntitle: a\n  date: 2018\n---\n", "---\ntitle: a\n\t- b\n---\n", "---\ntitle: \"a\n---\n", "---\ntitle: 'a\n---\n",
        "---\ntitle: a\ntitle: b\n---\n", "---\ntitle: [a\n---\n", "---\ntitle: {a\n---\n", "---\ntitle: *nope\n---\n",
        "---\n: x\n---\n", "---\n? [a, b]\n: c\n---\n", "---\n[a]: b\n---\n", "---\n{a: b}: c\n---\n", "---\n%TAG x\n---\n",
        "---\ntitle: @x\n---\n", "---\ntitle: !!binary aGVq\n---\n", "---\ntitle: !custom x\n---\n",
        "---\ntitle: &a x\nsummary: *a\n---\n", "---\ntitle: a\n---\n---\n---\n", "---\n...\n---\n", "---\n---\n---\n",
        "---\ntitle: 12\ndate: 2018\nregions: [stockholm]\n---\n", "---\ntitle: true\ndate: 2018.5\nregions: [1, 2]\n---\n",
        "---\ntitle: a\ndate: 99999-01-01\nregions: stockholm\n---\n", "---\ntitle: a\ndate: 0000\nregions: stockholm\n---\n",
        "---\ntitle: a\ndate: 2018-05-16T10:00:00Z\nregions: stockholm\n---\n", "---\ntitle: a\ndate: -1\nregions: stockholm\n---\n",
        "---\ntitle: a\ndate: 18446744073709551616\nregions: stockholm\n---\n", "---\ntitle: a\ndate: .nan\nregions: stockholm\n---\n",
        "---\ntitle: a\ndate: [2018]\nregions: {a: b}\n---\n", "---\ntitle: a\ndate: 2018\nregions: [[stockholm]]\n---\n",
        "---\ntitle: a\ndate: 2018\nregions: [\"\", \" \", null, ~]\n---\n",
        "---\ntitle: a\ndate: 2018\nregions: stockholm\nfollow_ups: x\n---\n",
        "---\ntitle: a\ndate: 2018\nregions: stockholm\nfollow_ups: [x, [y], {}]\n---\n",
        "---\ntitle: a\ndate: 2018\nregions: stockholm\nfollow_ups:\n  - action: [a]\n    due: {x: y}\n    status: 3\n---\n",
        "---\ntitle: a\ndate: 2018\nregions: stockholm\nfollow_ups:\n  - action: x\n    due: 2018\n    status: planned\n---\n",
        "---\ntitle: a\ndate: 2018\nregions: stockholm\nslug: ../../etc\n---\n", "---\ntitle: a\ndate: 2018\nregions: stockholm\nslug: ''\n---\n",
        "---\ntitle: a\ndate: 2018\nregions: stockholm\nslug: /\n---\n", "---\ntitle: a\ndate: 2018\nregions: stockholm\nslug: 404.html\n---\n",
        "---\ntitle: a\ndate: 2018\nregions: stockholm\ndraft: [true]\n---\n", "---\ntitle: a\ndate: 2018\nregions: stockholm\ndraft: yes\n---\n",
        "---\ntitle: a\ndate: 2018\nregions: stockholm\noutcomes: {a: b}\n---\n",
        "---\ntitle: a\ndate: 2018\nregions: stockholm\n---\n[x](/%zz) [y](/moten/../../) ![](<>) [z](</a b/>) [w](//evil.example/)\n",
        "---\ntitle: a\ndate: 2018\nregions: stockholm\n---\n[x]: /nowhere/\n[x] <script>alert(1)</script> {{ site }} {% if %}\n",
        "---\ntitle: a\ndate: 2018\nregions: stockholm\n---\n```\nunclosed fence\n",
        "---\ntitle: a\ndate: 2018\nregions: stockholm\n---\n| a |\n|---|\n| [b](/c/) |\n\n[^1]\n\n[^1]: ![](/x.png)\n",
        "---\ntitle: \"\\u0000\"\ndate: 2018\nregions: stockholm\n---\n\0\0\0\n",
        "---\ntitle: a\u{2028}b\ndate: 2018\nregions: [östergötland\u{200b}]\n---\n",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    texts.push(format!("---\ntitle: x\ndate: 2018\nregions: {}{}\n---\n", "[".repeat(5000), "]".repeat(5000)));
    texts.push(format!("---\ntitle: {}\ndate: 2018\nregions: stockholm\n---\n", "å".repeat(100_000)));
    texts.push(format!("---\ntitle: a\ndate: 2018\nregions: stockholm\n---\n{}", "> ".repeat(10_000)));
    let mut bytes: Vec<Vec<u8>> = texts.into_iter().map(String::into_bytes).collect();
    bytes.push(b"---\ntitle: G\xf6teborg\n---\n".to_vec());
    bytes.push(b"\xff\xfe-\0-\0-\0\n\0".to_vec());
    bytes.push((0u8..=255).collect());
    bytes
}

#[test]
fn no_input_panics() {
    let site = Site::new();
    for (i, bytes) in nasty_meetings().iter().enumerate() {
        site.write_bytes(A, bytes);
        for args in [&["check"][..], &["check", "--format", "json"], &["check", "--drafts", "--strict"]] {
            let run = site.run(args);
            let shown = String::from_utf8_lossy(bytes);
            let shown: String = shown.chars().take(200).collect();
            assert!(run.code == 0 || run.code == 1, "input {i} {shown:?} {args:?}:\n{run}");
            assert!(!run.stderr.contains("panicked"), "input {i} {shown:?}:\n{run}");
            assert!(
                !run.stderr.contains("Error {") && !run.stderr.contains("Some("),
                "a Debug dump for input {i} {shown:?}:\n{run}"
            );
        }
    }
    // Broken site files too, one at a time.
    for (file, text) in [
        ("site.yaml", "- a\n"),
        ("site.yaml", "title: [\n"),
        ("site.yaml", ""),
        ("site.yaml", "language: [en]\nbase_url: {a: b}\n"),
        ("content/regions.yaml", "- a\n"),
        ("content/regions.yaml", "counties: x\ngroupings: [1]\n"),
        ("content/regions.yaml", ""),
        (
            "content/regions.yaml",
            "counties:\n  - slug: Ö\n  - {}\ngroupings:\n  - slug: g\n    name: G\n    members: x\n",
        ),
        ("content/themes.yaml", "a: b\n"),
        ("content/themes.yaml", "- x\n- slug: ../x\n  name: X\n"),
        ("content/pages/om.md", "---\ntitle: Om\nweight: 1.5\nslug: sok\n---\n"),
        ("themes/default/templates/base.html", "{% block %}"),
        ("themes/default/templates/meeting.html", "{{ 1 / 0 }}"),
        ("themes/default/templates/index.html", "{% include \"nope.html\" %}"),
    ] {
        let site = Site::new();
        site.write(file, text);
        let run = site.check();
        assert!(run.code == 0 || run.code == 1, "{file} {text:?}:\n{run}");
        assert!(!run.stderr.contains("panicked"), "{file} {text:?}:\n{run}");
    }
}

// ---------------------------------------------------------------------------------------
// Drafts
// ---------------------------------------------------------------------------------------

#[test]
fn drafts_are_left_out_unless_asked_for_and_then_carry_a_banner() {
    let site = Site::new();
    site.write(
        "content/meetings/2018-stockholm.md",
        "---\ntitle: Hemligt utkastmöte\ndate: 2018\nregions: [stockholm]\nthemes: [smart-specialisation]\nsummary: Kort.\noutcomes: []\ndraft: true\n---\nText.\n",
    );
    site.check().assert_clean();
    let out = site.path().join("ut");
    site.run(&["build", "--output", out.to_str().unwrap()]).assert_code(0);
    assert!(!out.join("moten/2018-stockholm").exists(), "the draft has no page");
    for (path, text) in read_tree(&out) {
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

fn read_tree(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let text = String::from_utf8_lossy(&fs::read(&path).unwrap()).into_owned();
                out.push((path.strip_prefix(dir).unwrap().display().to_string(), text));
            }
        }
    }
    out.sort();
    out
}

// ---------------------------------------------------------------------------------------
// samtal new meeting
// ---------------------------------------------------------------------------------------

#[test]
fn new_meeting_writes_every_field_and_passes_check() {
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
    let out = site.path().join("ut");
    site.run(&["build", "--output", out.to_str().unwrap()]).assert_code(0);
    assert!(out.join("moten/2026-11-20-ostergotland/index.html").is_file());
}

#[test]
fn new_meeting_dates_default_to_today() {
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
    let site = Site::new();
    let run = site.run(&["new", "meeting", "--region", "stockholm", "--date", "2018-13-01"]);
    run.assert_code(2);
    let p = run.find("--date \"2018-13-01\" är inte ett giltigt datum");
    assert!(hint(&p).contains("2018-05-16"), "{p:?}");
}

#[test]
fn new_meeting_without_region_leaves_a_clear_gap() {
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
    let site = Site::new();
    site.write("site.yaml", "title: Test\nlanguage: en\n");
    let run = site.run(&["new", "meeting", "--region", "ostergotlnd"]);
    run.assert_code(1);
    let p = run.find("unknown region \"ostergotlnd\"");
    assert_eq!(hint(&p), "did you mean \"ostergotland\"? write --region ostergotland");
}

#[test]
fn new_meeting_outside_a_site() {
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
    let dir = tempfile::tempdir().unwrap();
    let run = run_in(dir.path(), &["new", "site", "min-webbplats"], TODAY);
    run.assert_code(0);
    let root = dir.path().join("min-webbplats");
    for file in [
        "site.yaml",
        "content/regions.yaml",
        "content/themes.yaml",
        "content/pages/om.md",
        "themes/default/templates/base.html",
    ] {
        assert!(root.join(file).is_file(), "{file} missing");
    }
    let regions = fs::read_to_string(root.join("content/regions.yaml")).unwrap();
    assert_eq!(
        regions.matches("\n  - slug: ").count()
            - regions.split("groupings:").nth(1).unwrap().matches("\n  - slug: ").count(),
        21,
        "the 21 counties"
    );
    let root_arg = root.to_str().unwrap();
    let check = run_in(dir.path(), &["--root", root_arg, "check", "--strict"], TODAY);
    check.assert_clean();
    let build = run_in(dir.path(), &["--root", root_arg, "build"], TODAY);
    build.assert_code(0);
    assert!(root.join("public/index.html").is_file() && root.join("public/om/index.html").is_file(), "{build}");
    // And the new site takes a new meeting.
    run_in(dir.path(), &["--root", root_arg, "new", "meeting", "--region", "skane", "--title", "Skåne"], TODAY)
        .assert_code(0);
    run_in(dir.path(), &["--root", root_arg, "check"], TODAY).assert_code(0);
}

#[test]
fn new_site_refuses_a_folder_that_is_not_empty() {
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

// ---------------------------------------------------------------------------------------
// Publishing and documentation
// ---------------------------------------------------------------------------------------

#[test]
fn the_publish_workflow_checks_strictly_then_builds_and_deploys() {
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
        "mötet saknar `summary`",
        "mötet saknar `outcomes`",
        "står fortfarande som planned",
        "kunde inte visa sidan",
        "fel i mallen",
        "10 fel i 10 filer",
    ] {
        assert!(guide.contains(message), "docs/authoring.md does not explain {message:?}");
    }
}
