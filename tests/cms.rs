//! The browser editor's generated files: `admin/config.yml` and `admin/index.html` for a site
//! with `cms:` (golden files for the example site and a `new site` site), the schema and the
//! registries they come from, what Decap CMS accepts, and the located problems of a wrong
//! `cms:` block. `UPDATE_GOLDEN=1 cargo test --test cms` rewrites the golden configs.

mod common;

use common::{copy_dir, options, repo, samtal};
use samtal::model::schema::{self, FOLLOW_UP_FIELDS, MEETING_FIELDS, PAGE_FIELDS};
use serde_json::Value;
use std::fs;
use std::path::Path;

const CMS_BLOCK: &str = "cms:\n  backend: github\n  repo: tillvaxtverket/samtal\n  branch: main\n";

/// A copy of the repository's example site with `block` appended to its site.yaml.
fn example_site(block: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(repo().join("site.yaml"), dir.path().join("site.yaml")).unwrap();
    copy_dir(&repo().join("content"), &dir.path().join("content"));
    copy_dir(&repo().join("themes"), &dir.path().join("themes"));
    append(dir.path(), block);
    dir
}

/// A site made by `samtal new site`, with `block` appended to its site.yaml.
fn new_site(block: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let status = samtal().args(["new", "site"]).arg(&site).output().unwrap();
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    append(&site, block);
    dir
}

/// Appends `block` to the site.yaml at `root`, which is set to publish under a full address
/// (`check --strict` warns about `base_url: /`).
fn append(root: &Path, block: &str) {
    let path = root.join("site.yaml");
    let mut text = fs::read_to_string(&path).unwrap().replace("\nbase_url: /\n", "\nbase_url: https://example.org/\n");
    if !text.contains("\nlicense:") {
        text.push_str("\nlicense: https://creativecommons.org/publicdomain/zero/1.0/\n");
    }
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(block);
    fs::write(path, text).unwrap();
}

/// The built files of the site at `root`, by path.
fn built(root: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let site = samtal::render(&options(root)).unwrap_or_else(|e| panic!("does not build: {e:?}"));
    site.files.into_iter().map(|f| (f.path, f.bytes.to_vec())).collect()
}

fn config_text(root: &Path) -> String {
    let files = built(root);
    String::from_utf8(files.get("admin/config.yml").expect("admin/config.yml is built").clone()).unwrap()
}

/// The generated config, read back with a YAML parser.
fn config(root: &Path) -> Value {
    serde_saphyr::from_str(&config_text(root)).expect("admin/config.yml is valid YAML")
}

fn golden(name: &str, actual: &str) {
    let path = repo().join("tests/cms").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, actual).unwrap();
        return;
    }
    let expected = fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("no golden file {}: run UPDATE_GOLDEN=1 cargo test --test cms", path.display()));
    assert!(expected == actual, "admin/config.yml differs from {}:\n{actual}", path.display());
}

fn collection<'a>(config: &'a Value, name: &str) -> &'a Value {
    config["collections"].as_array().unwrap().iter().find(|c| c["name"] == name).unwrap()
}

fn field<'a>(fields: &'a Value, name: &str) -> &'a Value {
    fields.as_array().unwrap().iter().find(|f| f["name"] == name).unwrap_or_else(|| panic!("no form field {name}"))
}

fn names(fields: &Value) -> Vec<String> {
    fields.as_array().unwrap().iter().map(|f| f["name"].as_str().unwrap().to_string()).collect()
}

#[test]
fn the_example_sites_editor_config_matches_its_golden_file() {
    // Guards: every change to the generated config of the real site is seen and reviewed.
    let site = example_site(CMS_BLOCK);
    golden("example.config.yml", &config_text(site.path()));
}

#[test]
fn a_new_sites_editor_config_matches_its_golden_file() {
    // Guards: the config of a site made by `samtal new site` (its own registries) is reviewed.
    let dir = new_site(CMS_BLOCK);
    golden("new-site.config.yml", &config_text(&dir.path().join("site")));
}

#[test]
fn every_schema_field_has_a_form_field_and_every_form_field_a_key() {
    // Guards: the form and `samtal check` never drift apart (one schema for both).
    let site = example_site(CMS_BLOCK);
    let config = config(site.path());
    let meetings = &collection(&config, "meetings")["fields"];
    let keys = |fields: &[schema::Field]| fields.iter().map(|f| f.key.to_string()).collect::<Vec<_>>();
    let mut expected = keys(&MEETING_FIELDS);
    expected.push("body".into());
    assert_eq!(names(meetings), expected, "meeting fields, in schema order, then the body");
    assert_eq!(names(&field(meetings, "follow_ups")["fields"]), keys(&FOLLOW_UP_FIELDS));
    let mut expected = keys(&PAGE_FIELDS);
    expected.push("body".into());
    assert_eq!(names(&collection(&config, "pages")["fields"]), expected);
    // Required exactly where the schema requires.
    for (fields, schema) in
        [(meetings, &MEETING_FIELDS[..]), (&field(meetings, "follow_ups")["fields"], &FOLLOW_UP_FIELDS)]
    {
        for f in schema {
            let form = field(fields, f.key);
            assert_eq!(form["required"].as_bool().unwrap_or(true), f.is_required(), "{}", f.key);
            assert_eq!(form["label"], f.label.sv, "{}", f.key);
        }
    }
}

#[test]
fn region_and_theme_options_are_the_registries_in_swedish_order() {
    // Guards: the dropdowns offer exactly what validation accepts, sorted as Swedes sort.
    let site = example_site(CMS_BLOCK);
    let config = config(site.path());
    let meetings = &collection(&config, "meetings")["fields"];
    let options = |name: &str| -> Vec<(String, String)> {
        field(meetings, name)["options"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| (o["label"].as_str().unwrap().to_string(), o["value"].as_str().unwrap().to_string()))
            .collect()
    };
    let read =
        |file: &str| -> Value { serde_saphyr::from_str(&fs::read_to_string(site.path().join(file)).unwrap()).unwrap() };
    let slugs_of = |list: &Value| -> Vec<String> {
        list.as_array().unwrap().iter().map(|e| e["slug"].as_str().unwrap().to_string()).collect()
    };
    let registry = read("content/regions.yaml");
    let mut slugs = slugs_of(&registry["counties"]);
    slugs.extend(slugs_of(&registry["groupings"]));
    assert!(slugs.len() > 21, "21 counties and the groupings");
    let regions = options("regions");
    let mut offered: Vec<String> = regions.iter().map(|(_, v)| v.clone()).collect();
    offered.sort();
    slugs.sort();
    assert_eq!(offered, slugs);
    assert!(regions.iter().any(|(label, value)| label == "Östergötland" && value == "ostergotland"));
    let labels: Vec<&str> = regions.iter().map(|(l, _)| l.as_str()).collect();
    let mut sorted = labels.clone();
    sorted.sort_by(|a, b| samtal::model::collate::compare(samtal::i18n::Lang::Sv, a, b));
    assert_eq!(labels, sorted);
    assert!(labels.last().unwrap().starts_with('Ö'), "Ö sorts last in Swedish: {labels:?}");
    let mut topics = slugs_of(&read("content/themes.yaml"));
    let mut offered: Vec<String> = options("themes").into_iter().map(|(_, v)| v).collect();
    topics.sort();
    offered.sort();
    assert_eq!(offered, topics);
    assert_eq!(field(meetings, "regions")["min"], 1, "at least one region");
    let status = &field(&field(meetings, "follow_ups")["fields"], "status")["options"];
    let status: Vec<(&str, &str)> = status
        .as_array()
        .unwrap()
        .iter()
        .map(|o| (o["label"].as_str().unwrap(), o["value"].as_str().unwrap()))
        .collect();
    assert_eq!(status, [("planerad", "planned"), ("pågår", "ongoing"), ("klar", "done")]);
}

/// The widgets Decap CMS 3 has built in.
const DECAP_WIDGETS: &[&str] = &[
    "boolean", "code", "color", "datetime", "file", "hidden", "image", "list", "map", "markdown", "number", "object",
    "relation", "select", "string", "text",
];

fn check_decap_field(f: &Value, at: &str) {
    let name = f["name"].as_str().unwrap_or_else(|| panic!("{at}: a field without name"));
    let at = format!("{at}.{name}");
    assert!(f["label"].is_string(), "{at}: no label");
    let widget = f["widget"].as_str().unwrap_or_else(|| panic!("{at}: no widget"));
    assert!(DECAP_WIDGETS.contains(&widget), "{at}: Decap has no widget {widget}");
    for key in f.as_object().unwrap().keys() {
        let known = [
            "label",
            "name",
            "widget",
            "required",
            "hint",
            "default",
            "pattern",
            "options",
            "multiple",
            "min",
            "max",
            "field",
            "fields",
            "label_singular",
            "summary",
            "value_type",
            "media_library",
        ];
        assert!(known.contains(&key.as_str()), "{at}: Decap does not know the field option {key}");
    }
    match widget {
        "select" => {
            let options = f["options"].as_array().unwrap_or_else(|| panic!("{at}: a select needs options"));
            assert!(!options.is_empty(), "{at}: no options");
            for o in options {
                assert!(o["label"].is_string() && o["value"].is_string(), "{at}: option {o}");
            }
        }
        "list" => match (&f["field"], &f["fields"]) {
            (Value::Object(_), Value::Null) => check_decap_field(&f["field"], &at),
            (Value::Null, Value::Array(fields)) => fields.iter().for_each(|sub| check_decap_field(sub, &at)),
            _ => panic!("{at}: a list needs field or fields"),
        },
        _ => {}
    }
    if !f["pattern"].is_null() {
        let pattern = f["pattern"].as_array().unwrap();
        assert!(pattern.len() == 2 && pattern.iter().all(Value::is_string), "{at}: pattern is [regex, message]");
    }
}

#[test]
fn the_config_has_what_decap_requires_and_nothing_it_does_not_know() {
    // Guards: the generated config loads in the real Decap (the browser test proves one run).
    let site = example_site(CMS_BLOCK);
    let config = config(site.path());
    assert_eq!(config["backend"]["name"], "github");
    assert_eq!(config["backend"]["repo"], "tillvaxtverket/samtal");
    assert_eq!(config["locale"], "sv");
    assert!(config["media_folder"].is_string() && config["public_folder"].is_string());
    assert_eq!(config["slug"]["encoding"], "ascii", "file names must be ASCII for `samtal check`");
    assert!(config.get("local_backend").is_none(), "only serve adds the local backend");
    for c in config["collections"].as_array().unwrap() {
        let name = c["name"].as_str().unwrap();
        for key in ["label", "folder", "slug", "fields"] {
            assert!(!c[key].is_null(), "collection {name} lacks {key}");
        }
        assert_eq!(c["format"], "frontmatter");
        assert_eq!(c["create"], true);
        for f in c["fields"].as_array().unwrap() {
            check_decap_field(f, name);
        }
    }
    let meetings = collection(&config, "meetings");
    assert_eq!(meetings["folder"], "content/meetings");
    assert_eq!(meetings["slug"], "{{fields.date}}-{{fields.regions}}", "named as `samtal new meeting` names it");
    let draft = field(&meetings["fields"], "draft");
    assert_eq!((draft["widget"].as_str(), draft["default"].as_bool()), (Some("boolean"), Some(true)));
    assert_eq!(field(&meetings["fields"], "body")["required"], false, "a meeting may have no body text");
}

#[test]
fn the_date_pattern_accepts_exactly_the_shapes_samtal_reads() {
    // Guards: the form's date check and samtal's partial dates agree on their shapes.
    let pattern = samtal::render::cms::DATE_PATTERN;
    assert_eq!(
        pattern,
        r"^[0-9]{4}(-((0[13578]|1[02])(-(0[1-9]|[12][0-9]|3[01]))?|(0[469]|11)(-(0[1-9]|[12][0-9]|30))?|02(-(0[1-9]|1[0-9]|2[0-9]))?))?$"
    );
    // Every day the pattern refuses is one samtal refuses too (issue 32: 2019-02-30 got through).
    for never in ["2019-02-30", "2019-02-31", "2019-04-31", "2019-06-31", "2019-09-31", "2019-11-31"] {
        assert!(samtal::model::PartialDate::parse(never).is_none(), "{never}");
    }
    for good in ["2018", "2018-05", "2018-05-16", "2018-12-31"] {
        assert!(samtal::model::PartialDate::parse(good).is_some(), "{good}");
    }
}

#[test]
fn english_sites_get_english_labels_and_locale() {
    // Guards: `language: en` gives the editor in English, labels from the schema's English.
    let site = example_site(CMS_BLOCK);
    let yaml = fs::read_to_string(site.path().join("site.yaml")).unwrap().replace("language: sv", "language: en");
    fs::write(site.path().join("site.yaml"), yaml).unwrap();
    let config = config(site.path());
    assert_eq!(config["locale"], "en");
    let meetings = &collection(&config, "meetings")["fields"];
    assert_eq!(field(meetings, "title")["label"], "Title");
    let regions = field(meetings, "regions")["options"].as_array().unwrap();
    assert!(regions.iter().any(|o| o["label"] == "Östergötland" || o["label"] == "Ostergotland"));
}

#[test]
fn index_page_loads_the_pinned_script_with_its_hash_or_the_given_one() {
    // Guards: the default script is pinned with SRI; `script:` replaces it (no hash then).
    let site = example_site(CMS_BLOCK);
    let page = String::from_utf8(built(site.path())["admin/index.html"].clone()).unwrap();
    assert!(page.contains("src=\"https://unpkg.com/decap-cms@3.16.3/dist/decap-cms.js\" integrity=\"sha384-"));
    assert!(page.contains("<meta name=\"robots\" content=\"noindex\">"));
    let site = example_site(&format!("{CMS_BLOCK}  script: /decap/decap-cms.js?a=1&b=2\n"));
    let page = String::from_utf8(built(site.path())["admin/index.html"].clone()).unwrap();
    assert!(page.contains("<script src=\"/decap/decap-cms.js?a=1&amp;b=2\"></script>"), "{page}");
}

#[test]
fn samtals_editor_script_is_built_beside_the_page_and_loaded_after_decap() {
    // Guards: the Swedish words, the alt-text rule and the draft note reach the published editor.
    let site = example_site(CMS_BLOCK);
    let files = built(site.path());
    let page = String::from_utf8(files["admin/index.html"].clone()).unwrap();
    let decap = page.find("decap-cms.js").unwrap();
    let ours = page.find("<script src=\"samtal.js\"></script>").expect("admin/index.html loads samtal.js");
    assert!(decap < ours, "samtal.js must come after Decap's script: {page}");
    let script = String::from_utf8(files["admin/samtal.js"].clone()).unwrap();
    for needed in ["registerLocale", "registerEditorComponent", "saknar", "Sparad som utkast", "preSave"] {
        assert!(script.contains(needed), "admin/samtal.js lacks {needed}");
    }
}

#[test]
fn a_site_without_cms_has_no_admin_files() {
    // Guards: sites that do not ask for the editor are built exactly as before.
    let site = example_site("");
    let files = built(site.path());
    assert!(!files.keys().any(|p| p.starts_with("admin/")));
}

#[test]
fn check_lists_the_admin_files_as_site_wide_files() {
    // Guards: `check` and `build` agree on the files of a site with `cms:` (one route table).
    let site = example_site(CMS_BLOCK);
    // Strict but for the example site's two placeholders, which `check` must warn about.
    let out = samtal().arg("--root").arg(site.path()).arg("check").output().unwrap();
    common::assert_check_warns_only_of_example_placeholders(&out);
    let out = samtal().arg("--root").arg(site.path()).args(["build", "--quiet"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        ["config.yml", "index.html", "samtal.js"].iter().all(|f| site.path().join("public/admin").join(f).is_file())
    );
}

#[test]
fn a_wrong_cms_block_gets_every_problem_located_in_plain_words() {
    // Guards: mistakes in `cms:` are reported like every other site.yaml mistake: all of them,
    // on their line, with a hint, in Swedish.
    let site = example_site("cms:\n  backend: githb\n  repo: samtal\n  auth_type: pcke\n  brnch: main\n");
    let out = samtal().arg("--root").arg(site.path()).arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    let line = |n: usize| {
        format!("site.yaml:{}:", fs::read_to_string(site.path().join("site.yaml")).unwrap().lines().count() - 4 + n)
    };
    for (n, text) in [
        (1, "\"githb\" går inte att använda som backend"),
        (2, "\"samtal\" är inget förrådsnamn av formen ägare/namn"),
        (3, "\"pcke\" går inte att använda som auth_type"),
        (4, "okänt fält `brnch`"),
    ] {
        let at = err.find(text).unwrap_or_else(|| panic!("no \"{text}\" in:\n{err}"));
        assert!(err[at..].lines().nth(1).unwrap().contains(&line(n)), "{text} not at {}:\n{err}", line(n));
    }
    assert!(err.contains("menade du \"github\"?") && err.contains("skriv pkce eller implicit"), "{err}");
    assert!(!err.contains("serde") && !err.contains("invalid type"), "{err}");
    // A missing repo for GitHub, and a block that is no mapping.
    let site = example_site("cms:\n  backend: github\n");
    let err = String::from_utf8(samtal().arg("--root").arg(site.path()).arg("check").output().unwrap().stderr).unwrap();
    assert!(err.contains("repo"), "{err}");
    let site = example_site("cms: github\n");
    let out = samtal().arg("--root").arg(site.path()).arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    // git-gateway needs no repo.
    let site = example_site("cms:\n  backend: git-gateway\n");
    assert!(samtal().arg("--root").arg(site.path()).arg("check").output().unwrap().status.success());
}

/// The meeting Decap CMS wrote in the browser test, and the same meeting as an author would
/// write it by hand (flow lists, quoted title, other field order).
const DECAP_WRITTEN: &str = include_str!("cms/decap/2019-03-14-gotland.md");
const HAND_WRITTEN: &str = "---
title: \"Dialog från formuläret\"
date: 2019-03-14
regions: [gotland]
summary: \"Skapad via formuläret: med kolon och #hash.\"
outcomes: [\"Ett ändrat resultat från formuläret.\"]
follow_ups:
  - { action: \"Stöd vid etableringar\", status: ongoing }
draft: false
---
Brödtext från formuläret.
";

/// The `<main>` of the meeting's page when `text` is the meeting file.
fn meeting_page(text: &str) -> String {
    let site = example_site("");
    fs::write(site.path().join("content/meetings/2019-03-14-gotland.md"), text).unwrap();
    // Strict but for the example site's two placeholders, which `check` must warn about.
    let checked = samtal::check(&options(site.path())).unwrap_or_else(|e| panic!("check refuses:\n{text}\n{e:?}"));
    common::assert_only_example_placeholders(&checked.warnings);
    let page = &built(site.path())["moten/2019-03-14-gotland/index.html"];
    common::main_element(std::str::from_utf8(page).unwrap())
}

#[test]
fn what_decap_writes_passes_strict_check_and_renders_like_the_hand_written_file() {
    // Guards: Decap's own YAML (block lists, its quoting, its field order) is read exactly as an
    // author's: the form can never write what `check` refuses or what renders otherwise.
    assert!(DECAP_WRITTEN.contains("regions:\n  - gotland\n"), "the fixture is Decap's block style");
    let decap = meeting_page(DECAP_WRITTEN);
    assert!(decap.contains("Ett ändrat resultat från formuläret."));
    assert_eq!(decap, meeting_page(HAND_WRITTEN));
}

#[test]
fn fields_cleared_in_the_form_count_as_left_out() {
    // Guards: Decap writes a cleared text as `""` and a cleared list as `[]` (recorded from the
    // real editor); `check` reads both as "not given", never as a mistake the author cannot see.
    let cleared = include_str!("cms/decap/2019-03-14-gotland-cleared.md");
    assert!(cleared.contains("summary: \"\"\n") && cleared.contains("outcomes: []\n"), "the recorded file");
    let site = example_site("");
    fs::write(site.path().join("content/meetings/2019-03-14-gotland.md"), cleared).unwrap();
    let checked = samtal::check(&options(site.path())).expect("no errors");
    let warnings: Vec<String> = checked
        .warnings
        .iter()
        .filter(|d| !common::is_example_placeholder(d))
        .map(|d| d.problem.message(samtal::i18n::Lang::Sv))
        .collect();
    assert_eq!(warnings, ["mötet saknar `summary` (en kort sammanfattning)"], "only the summary is missed");
}

#[test]
fn a_hand_written_meeting_saved_by_decap_renders_as_before() {
    // Guards: Decap reads a hand-written file (flow lists, quotes, a comment) and saves it back
    // through serve with the author's lines kept where the form changed nothing (issue 32: flow
    // lists and the comment stay), the title in Decap's style; the page only changes where
    // the form changed it (the title).
    let original = fs::read_to_string(repo().join("content/meetings/2018-blekinge.md")).unwrap();
    let saved = include_str!("cms/decap/2018-blekinge.md");
    let title = "Strategisk dialog med Region Blekinge";
    let renamed = format!("{title} (ändrad i formuläret)");
    assert!(saved.contains("regions: [blekinge]\n") && saved.contains(&format!("title: {renamed}\n")));
    assert!(saved.contains("outcomes: []          # inga publicerade resultat"), "the author's comment stays");
    let page = |text: &str| {
        let site = example_site("");
        fs::write(site.path().join("content/meetings/2018-blekinge.md"), text).unwrap();
        let checked = samtal::check(&options(site.path())).expect("check");
        common::assert_only_example_placeholders(&checked.warnings);
        let page = &built(site.path())["moten/2018-blekinge/index.html"];
        common::main_element(std::str::from_utf8(page).unwrap())
    };
    let by_hand = original.replacen(&format!("title: \"{title}\""), &format!("title: \"{renamed}\""), 1);
    assert_ne!(by_hand, original);
    assert_eq!(page(saved), page(&by_hand));
}
