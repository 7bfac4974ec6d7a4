//! Escaping: hostile text in every value an author writes must come out as text, never as
//! markup or script. HTML is checked with a real HTML5 parser (what a browser would build),
//! and the data outputs (JSON, CSV, Atom, sitemap, search index) with real parsers too.

mod common;

use common::{copy_default_theme, write};
use scraper::{Html, Node};
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// Every trick at once: closing and opening tags, both quote styles with event handlers, a
/// `javascript:` URL, CDATA's end, CSV's comma/quote/newline, and a template's braces.
const PAYLOAD: &str = "<script>alert(1)</script>\" onmouseover=\"alert(1)' onfocus='alert(2)<img src=x onerror=alert(3)>javascript:alert(4) ]]> a,b\n\"c\";d {{ 7*7 }} {% raw %}";

/// A YAML double-quoted scalar for any text (JSON strings are valid YAML).
fn q(text: &str) -> String {
    serde_json::to_string(text).unwrap()
}

/// A site whose every free-text value is `value(i)`; returns the temp folder.
fn site_with(value: &dyn Fn(usize) -> String, body: &str, extra_site_yaml: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    copy_default_theme(root);
    let v = |i| q(&value(i));
    write(
        root,
        "site.yaml",
        &format!(
            "title: {}\ndescription: {}\npublisher: {}\nbase_url: https://example.org/sub/\nlanguage: sv\n{extra_site_yaml}",
            v(1),
            v(2),
            v(3)
        ),
    );
    write(
        root,
        "content/regions.yaml",
        &format!(
            "counties:\n  - slug: skane\n    name: {}\n    name_en: {}\n    official_name: {}\n    official_name_en: {}\n    letter: M\n    county_code: \"12\"\n    iso_3166_2: SE-M\n    nuts3: SE224\n    actor_2018: {}\n    region_2019: {}\ngroupings:\n  - slug: syd\n    name: {}\n    name_en: {}\n    kind: nuts2\n    code: {}\n    description: {}\n    members: [skane]\n",
            v(10),
            v(11),
            v(12),
            v(13),
            v(14),
            v(15),
            v(16),
            v(17),
            v(18),
            v(19)
        ),
    );
    write(
        root,
        "content/themes.yaml",
        &format!("- slug: innovation\n  name: {}\n  name_en: {}\n  description: {}\n", v(20), v(21), v(22)),
    );
    let meeting = format!(
        "---\ntitle: {}\ndate: 2018-05-16\nregions: [skane, syd]\nthemes: [innovation]\nparticipants: [{}, {}]\nagency_units: [{}, {}]\nsummary: {}\noutcomes: [{}, {}]\nfollow_ups:\n  - action: {}\n    owner: {}\n    due: 2018-06\n    status: planned\n  - action: {}\n    owner: {}\n    status: done\n---\n{body}",
        v(30),
        v(31),
        v(32),
        v(33),
        v(34),
        v(35),
        v(36),
        v(37),
        v(38),
        v(39),
        v(40),
        v(41)
    );
    write(root, "content/meetings/2018-skane.md", &meeting);
    write(root, "content/pages/om.md", &format!("---\ntitle: {}\nsummary: {}\n---\n{body}", v(50), v(51)));
    dir
}

fn build(root: &Path) -> PathBuf {
    let out = root.join("public");
    let o = common::samtal().arg("--root").arg(root).args(["build", "--quiet", "--drafts"]).output().unwrap();
    assert!(o.status.success(), "build failed: {}", String::from_utf8_lossy(&o.stderr));
    out
}

fn files(out: &Path, ext: &str) -> Vec<(String, String)> {
    let mut v: Vec<_> = walkdir::WalkDir::new(out)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == ext))
        .map(|e| {
            let rel = e.path().strip_prefix(out).unwrap().to_string_lossy().into_owned();
            (rel, fs::read_to_string(e.path()).unwrap())
        })
        .collect();
    v.sort();
    v
}

/// What a browser could execute in a page: script elements (with their src and text) and
/// event-handler or script-URL attributes.
fn executable(html: &str) -> (Vec<String>, Vec<String>) {
    let doc = Html::parse_document(html);
    let mut scripts = Vec::new();
    let mut attributes = Vec::new();
    for node in doc.tree.nodes() {
        let Node::Element(el) = node.value() else { continue };
        if el.name().eq_ignore_ascii_case("script") {
            let text: String = node.children().filter_map(|c| c.value().as_text().map(|t| t.to_string())).collect();
            // JSON-LD is data, not script, as long as it is one JSON value that cannot end
            // its element (no `<` at all: samtal writes it as \u003c).
            let json_ld = el.attr("type") == Some("application/ld+json")
                && el.attr("src").is_none()
                && !text.contains('<')
                && serde_json::from_str::<serde_json::Value>(&text).is_ok();
            if !json_ld {
                scripts.push(format!("src={:?} text={text:?}", el.attr("src")));
            }
        }
        for (name, value) in el.attrs() {
            let cleaned: String = value
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect::<String>()
                .to_ascii_lowercase();
            let scripty = ["javascript:", "vbscript:", "data:text/html"].iter().any(|s| cleaned.starts_with(s));
            if name.to_ascii_lowercase().starts_with("on") || scripty || name.eq_ignore_ascii_case("srcdoc") {
                attributes.push(format!("<{} {name}={value:?}>", el.name()));
            }
        }
        let refresh = el.name() == "meta" && el.attr("http-equiv").is_some_and(|h| h.eq_ignore_ascii_case("refresh"));
        if refresh || ["iframe", "object", "embed", "frame", "base"].contains(&el.name()) {
            attributes.push(format!("<{}> element", el.name()));
        }
    }
    (scripts, attributes)
}

/// The theme's own script elements, per page: from the same site with harmless text.
fn theme_scripts(body: &str) -> BTreeSet<(String, String)> {
    let site = site_with(&|i| format!("Säker text {i}"), body, "");
    let out = build(site.path());
    files(&out, "html")
        .into_iter()
        .flat_map(|(path, html)| executable(&html).0.into_iter().map(move |s| (path.clone(), s)))
        .collect()
}

fn payload(i: usize) -> String {
    format!("{PAYLOAD} #{i}")
}

#[test]
fn hostile_front_matter_is_text_in_every_html_page() {
    // Guards: hostile text in any front matter or registry value is text, never markup or script, in every HTML page.
    let site = site_with(&payload, "Vanlig brödtext.\n", "");
    let out = build(site.path());
    let allowed = theme_scripts("Vanlig brödtext.\n");
    let pages = files(&out, "html");
    assert!(pages.len() >= 10, "only {} pages", pages.len());
    for (path, html) in &pages {
        let (scripts, attributes) = executable(html);
        for s in scripts {
            assert!(allowed.contains(&(path.clone(), s.clone())), "{path}: injected script {s}");
        }
        assert!(attributes.is_empty(), "{path}: executable attributes {attributes:?}");
    }
    // The values are shown, exactly, as text.
    let meeting = fs::read_to_string(out.join("moten/2018-skane/index.html")).unwrap();
    let doc = Html::parse_document(&meeting);
    let h1 = scraper::Selector::parse("main h1").unwrap();
    let title: String = doc.select(&h1).next().expect("meeting has <h1>").text().collect();
    assert_eq!(title, payload(30));
    let text: String = doc.root_element().text().collect();
    for i in 30..=41 {
        assert!(text.contains(&payload(i)), "value {i} is not shown as text on the meeting page");
    }
    // An attribute value stays one attribute: <meta name=description content="…">.
    let meta = scraper::Selector::parse("meta[name=description]").unwrap();
    if let Some(m) = doc.select(&meta).next() {
        assert!(m.value().attr("content").unwrap().contains("onmouseover=\"alert(1)"), "{:?}", m.value());
        assert_eq!(m.value().attrs().count(), 2, "{:?}", m.value());
    }
}

const HOSTILE_BODY: &str = r#"<script>alert("body")</script>

<img src=x onerror=alert(1)> <svg onload=alert(2)></svg> <iframe src="javascript:alert(3)"></iframe>

<a href="javascript:alert(4)">rå länk</a> <b onclick=alert(5)>fet</b>

[a](javascript:alert(6)) [b](JaVaScRiPt:alert(7)) [c](<  javascript:alert(8)>) [d](java&#115;cript:alert(9))
[e](<java	script:alert(10)>) [f](vbscript:msgbox(11)) [g](data:text/html;base64,PHNjcmlwdD4=) [h][ref]
<javascript:alert(12)> ![bild](javascript:alert(13)) [i](&#x6A;avascript:alert(14)) [j](%6Aavascript:alert(15))

[k](/moten/ "titel\" onmouseover=\"alert(16)")

# Rubrik {#id onclick=alert(17) .klass data-x=y}

## Rubrik två {onmouseover="alert(18)" style="background:url(javascript:alert(19))"}

```html
<script>alert(20)</script>
```

| a | b |
|---|---|
| <script>alert(21)</script> | <img src=x onerror=alert(22)> |

Fotnot[^1].

[^1]: <script>alert(23)</script>

[ref]: javascript:alert(24)
"#;

#[test]
fn raw_html_and_script_links_in_bodies_are_neutralised() {
    // Guards: raw HTML and `javascript:` links in a Markdown body are neutralised by default.
    let site = site_with(&|i| format!("Säker text {i}"), HOSTILE_BODY, "");
    let out = build(site.path());
    let allowed = theme_scripts("Vanlig brödtext.\n");
    for page in ["moten/2018-skane/index.html", "om/index.html"] {
        let html = fs::read_to_string(out.join(page)).unwrap();
        let (scripts, attributes) = executable(&html);
        for s in scripts {
            assert!(allowed.contains(&(page.to_string(), s.clone())), "{page}: injected script {s}");
        }
        assert!(attributes.is_empty(), "{page}: executable attributes {attributes:?}");
        let doc = Html::parse_document(&html);
        let text: String = doc.root_element().text().collect();
        assert!(text.contains("<script>alert(\"body\")</script>"), "{page}: raw HTML is shown as text");
        assert!(text.contains("rå länk") && text.contains("fet"), "{page}: link texts stay");
        for el in doc.select(&scraper::Selector::parse("[style]").unwrap()) {
            let style = el.value().attr("style").unwrap().to_ascii_lowercase();
            assert!(!style.contains("javascript"), "{page}: {style}");
        }
    }
}

#[test]
fn allow_raw_html_lets_authors_write_html() {
    // Guards: with allow_raw_html the author's own HTML comes through.
    let site = site_with(
        &|i| format!("Säker text {i}"),
        "<b class=\"egen\">fet</b>\n\n<div class=\"ruta\">ruta</div>\n",
        "allow_raw_html: true\n",
    );
    let out = build(site.path());
    let html = fs::read_to_string(out.join("moten/2018-skane/index.html")).unwrap();
    let doc = Html::parse_document(&html);
    assert_eq!(doc.select(&scraper::Selector::parse("b.egen").unwrap()).count(), 1, "raw HTML allowed");
    assert_eq!(doc.select(&scraper::Selector::parse("div.ruta").unwrap()).count(), 1, "raw HTML allowed");
}

/// Every string value anywhere in a JSON document.
fn json_strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|x| json_strings(x, out)),
        serde_json::Value::Object(o) => o.values().for_each(|x| json_strings(x, out)),
        _ => {}
    }
}

#[test]
fn json_csv_and_xml_outputs_keep_hostile_text_exact() {
    // Guards: the data outputs (JSON, CSV, Atom, sitemap, search index) keep hostile text exact and well-formed.
    let site = site_with(&payload, "Brödtext med \"citat\", komma och ]]> slut.\n", "");
    let out = build(site.path());
    let missing: Vec<_> =
        ["data/meetings.json", "data/meetings.csv", "atom.xml", "sitemap.xml", "sok/index.json", "sok/traffar/0.json"]
            .into_iter()
            .filter(|f| !out.join(f).is_file())
            .collect();
    assert!(missing.is_empty(), "data outputs not written: {missing:?}");

    // JSON: parses, and holds the title and follow-up texts exactly.
    // The search index's fragment file holds the titles its results show.
    for file in ["data/meetings.json", "sok/traffar/0.json"] {
        let text = fs::read_to_string(out.join(file)).unwrap();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
        let mut strings = Vec::new();
        json_strings(&value, &mut strings);
        assert!(strings.contains(&payload(30)), "{file}: the title is not kept exactly");
    }
    let text = fs::read_to_string(out.join("data/meetings.json")).unwrap();
    let mut strings = Vec::new();
    json_strings(&serde_json::from_str(&text).unwrap(), &mut strings);
    for i in [31, 33, 35, 36, 38, 39] {
        assert!(strings.contains(&payload(i)), "data/meetings.json: value {i} is not kept exactly");
    }

    // CSV: one header and one record; the fields with commas, quotes and newlines survive.
    let mut reader = csv::Reader::from_path(out.join("data/meetings.csv")).unwrap();
    let headers = reader.headers().unwrap().clone();
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 1, "one meeting → one CSV record");
    assert!(records[0].len() == headers.len());
    assert!(records[0].iter().any(|f| f == payload(30)), "CSV: the title is not kept exactly: {:?}", records[0]);
    assert!(records[0].iter().any(|f| f.contains(&payload(35))), "CSV: the summary is not kept: {:?}", records[0]);
    for field in records[0].iter() {
        // A spreadsheet would run a cell that starts with = + - @ as a formula.
        assert!(!field.starts_with(['=', '+', '@']), "CSV cell starts a formula: {field:?}");
    }

    // XML: well-formed, and the texts come back exactly (including `]]>`).
    for file in ["atom.xml", "sitemap.xml"] {
        let text = fs::read_to_string(out.join(file)).unwrap();
        let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
        if file == "atom.xml" {
            let texts: Vec<String> = doc.descendants().filter_map(|n| n.text().map(str::to_string)).collect();
            assert!(texts.iter().any(|t| t == &payload(30)), "atom.xml: the entry title is not kept exactly");
            assert!(texts.iter().any(|t| t == &payload(1)), "atom.xml: the feed title is not kept exactly");
        }
    }
}

#[test]
fn csv_cells_that_look_like_formulas_are_defused() {
    // Spreadsheet formula injection: a title starting with `=` opens as a formula in Excel.
    let site = site_with(&|i| format!("=HYPERLINK(\"http://evil.example/?{i}\",\"klicka\")"), "x\n", "");
    let out = build(site.path());
    let Ok(file) = fs::File::open(out.join("data/meetings.csv")) else {
        panic!("data/meetings.csv not written");
    };
    let mut reader = csv::Reader::from_reader(file);
    for record in reader.records() {
        for field in record.unwrap().iter() {
            assert!(!field.starts_with(['=', '+', '@']), "CSV cell starts a formula: {field:?}");
        }
    }
}

#[test]
fn json_ld_dcat_calendars_and_search_shards_parse_with_hostile_text() {
    // Guards: hostile text (`</script>`, quotes, `]]>`, newlines, braces) in every value keeps
    // each data block and file well-formed for a real parser, and comes back as written.
    let site = site_with(&payload, "Brödtext.\n", "license: https://creativecommons.org/licenses/by/4.0/\n");
    let out = build(site.path());
    // JSON-LD: every block of every page is JSON, closed where the page closes it.
    let mut blocks = 0;
    let mut strings = Vec::new();
    let selector = scraper::Selector::parse("script[type=\"application/ld+json\"]").unwrap();
    for (path, html) in files(&out, "html") {
        for block in Html::parse_document(&html).select(&selector) {
            let text: String = block.text().collect();
            let value: serde_json::Value =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}: {text}"));
            json_strings(&value, &mut strings);
            blocks += 1;
        }
    }
    assert!(blocks > 0, "no JSON-LD block");
    assert!(strings.contains(&payload(30)), "JSON-LD: the meeting's name is not kept exactly");
    // DCAT: RDF/XML that parses, with the site's title as a literal.
    let rdf = fs::read(out.join("data/dcat.rdf")).expect("data/dcat.rdf");
    let literals: Vec<String> = oxrdfxml::RdfXmlParser::new()
        .for_slice(&rdf)
        .map(|t| t.unwrap_or_else(|e| panic!("data/dcat.rdf: {e}")))
        .filter_map(|t| match t.object {
            oxrdf::Term::Literal(l) => Some(l.value().to_string()),
            _ => None,
        })
        .collect();
    assert!(literals.contains(&payload(1)), "DCAT: the site's title is not kept exactly");
    // Calendars: RFC 5545 that parses, each follow-up's summary holding its action.
    let calendars = files(&out, "ics");
    assert!(!calendars.is_empty(), "no calendar");
    let mut summaries = Vec::new();
    for (path, ics) in &calendars {
        let calendar: icalendar::Calendar = ics.parse().unwrap_or_else(|e| panic!("{path}: {e}"));
        summaries.extend(
            calendar
                .components
                .iter()
                .filter_map(icalendar::CalendarComponent::as_event)
                .filter_map(|e| icalendar::Component::get_summary(e).map(str::to_string)),
        );
    }
    assert!(summaries.iter().any(|s| s.contains("alert(1)") && s.contains("]]>")), "{summaries:?}");
    // Search: every file of the index (entry, word shards, fragments, facets) is JSON.
    let search: Vec<_> = files(&out.join("sok"), "json");
    assert!(search.len() >= 3, "{} search files", search.len());
    for (path, text) in search {
        serde_json::from_str::<serde_json::Value>(&text).unwrap_or_else(|e| panic!("sok/{path}: {e}"));
    }
}
