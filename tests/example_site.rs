//! The repository's own site (content/ + themes/default) builds, has every page the issue
//! names, and no internal link in it leads nowhere.

mod common;

use common::repo;
use samtal::Options;
use std::collections::HashSet;

/// Where the tests publish the example site when they name no base: site.yaml says `/`, and
/// its real address comes from GitHub Pages (`--base-url` in publish.yml).
const PUBLISHED_AT: &str = "https://example.org/";

fn build_example(base_url: Option<&str>, lang_en: bool) -> samtal::SiteBuild {
    let root = if lang_en {
        let dir = tempfile::tempdir().unwrap().keep();
        for part in ["content", "themes"] {
            common::copy_dir(&repo().join(part), &dir.join(part));
        }
        let site_yaml =
            std::fs::read_to_string(repo().join("site.yaml")).unwrap().replace("language: sv", "language: en");
        std::fs::write(dir.join("site.yaml"), site_yaml).unwrap();
        dir
    } else {
        repo()
    };
    // Checked as published: strictly under a full address (a base without a host is a warning),
    // but for the two placeholders in site.yaml's accessibility feedback (the agency's real
    // address and response time are not known), which `check` and `build` must warn about.
    let base_url = base_url.unwrap_or(PUBLISHED_AT);
    let strict = base_url.starts_with("https://");
    let options = Options { base_url: Some(base_url.to_string()), ..common::options(&root) };
    let site = samtal::render(&options).unwrap_or_else(|e| match e {
        samtal::Error::Invalid { diagnostics, lang } => {
            panic!("{}", samtal::diagnostic::render_human(&diagnostics, lang, false))
        }
        other => panic!("{other}"),
    });
    if strict {
        common::assert_only_example_placeholders(&site.warnings);
    }
    site
}

fn paths(site: &samtal::SiteBuild) -> HashSet<String> {
    site.files.iter().map(|f| f.path.clone()).collect()
}

#[test]
fn every_county_theme_and_meeting_has_a_page() {
    // Guards: the published site is complete: 21 counties, every theme, every meeting.
    let site = build_example(None, false);
    let files = paths(&site);
    let regions = std::fs::read_to_string(repo().join("content/regions.yaml")).unwrap();
    let county_slugs: Vec<&str> = regions
        .split("counties:")
        .nth(1)
        .unwrap()
        .split("groupings:")
        .next()
        .unwrap()
        .lines()
        .filter_map(|l| l.trim().strip_prefix("- slug: "))
        .collect();
    assert_eq!(county_slugs.len(), 21);
    for slug in county_slugs {
        assert!(files.contains(&format!("regioner/{slug}/index.html")), "county {slug}");
    }
    for line in std::fs::read_to_string(repo().join("content/themes.yaml")).unwrap().lines() {
        if let Some(slug) = line.strip_prefix("- slug: ") {
            assert!(files.contains(&format!("teman/{slug}/index.html")), "theme {slug}");
        }
    }
    for entry in std::fs::read_dir(repo().join("content/meetings")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let slug = name.strip_suffix(".md").unwrap();
        assert!(files.contains(&format!("moten/{slug}/index.html")), "meeting {slug}");
    }
    for page in [
        "index.html",
        "regioner/index.html",
        "teman/index.html",
        "om/index.html",
        "sammanfattning-2018/index.html",
        "tillganglighet/index.html",
        "404.html",
    ] {
        assert!(files.contains(page), "{page}");
    }
}

/// Every `href="/…"` and `src="/…"` in every HTML file, resolved against the build.
fn broken_links(site: &samtal::SiteBuild, base: &str) -> Vec<String> {
    let files = paths(site);
    let mut broken = Vec::new();
    for f in site.files.iter().filter(|f| f.path.ends_with(".html")) {
        let html = String::from_utf8_lossy(&f.bytes);
        for attr in ["href=\"", "src=\""] {
            for (i, _) in html.match_indices(attr) {
                let rest = &html[i + attr.len()..];
                let url = &rest[..rest.find('"').unwrap()];
                let Some(inner) = url.strip_prefix(base) else { continue };
                let inner = inner.split(['#', '?']).next().unwrap();
                let target = if inner.is_empty() || inner.ends_with('/') {
                    format!("{inner}index.html")
                } else {
                    inner.to_string()
                };
                if !files.contains(&target) {
                    broken.push(format!("{} → {url}", f.path));
                }
            }
        }
    }
    broken
}

#[test]
fn no_internal_link_is_broken() {
    // Guards: templates and content link only to pages that exist, also under a sub-path.
    let site = build_example(None, false);
    assert_eq!(broken_links(&site, "/"), Vec::<String>::new());
    let site = build_example(Some("/samtal/"), false);
    assert_eq!(broken_links(&site, "/samtal/"), Vec::<String>::new());
}

#[test]
fn english_switch_changes_every_fixed_string() {
    // Guards: `language: en` renders the UI in English, region names from the registry.
    let sv = build_example(None, false);
    let en = build_example(None, true);
    let page = |s: &samtal::SiteBuild, p: &str| {
        String::from_utf8(s.files.iter().find(|f| f.path == p).unwrap().bytes.to_vec()).unwrap()
    };
    let sv_home = page(&sv, "index.html");
    let en_home = page(&en, "index.html");
    assert!(sv_home.contains("<html lang=\"sv\""));
    assert!(en_home.contains("<html lang=\"en\""));
    for (sv_word, en_word) in [("Hoppa till innehållet", "Skip to content"), ("Möten", "Meetings"), ("Teman", "Themes")]
    {
        assert!(sv_home.contains(sv_word), "{sv_word}");
        assert!(en_home.contains(en_word), "{en_word}");
        assert!(!en_home.contains(sv_word), "English page still says {sv_word}");
    }
}

fn text_of<'a>(site: &'a samtal::SiteBuild, path: &str) -> std::borrow::Cow<'a, str> {
    let f = site.files.iter().find(|f| f.path == path).unwrap_or_else(|| panic!("{path} missing"));
    String::from_utf8_lossy(&f.bytes)
}

#[test]
fn every_url_in_sitemap_feeds_canonical_and_og_url_is_absolute_when_base_url_has_a_host() {
    // Guards: with `base_url: /` the sitemap, robots.txt, canonical, og:url and feeds were
    // relative (the sitemap protocol and Atom ids need absolute URLs).
    const BASE: &str = "https://example.org/samtal/";
    let site = build_example(Some(BASE), false);
    let absolute = |url: &str, what: &str| assert!(url.starts_with(BASE), "{what}: {url:?} is not absolute");

    let sitemap = text_of(&site, "sitemap.xml");
    let doc = roxmltree::Document::parse(&sitemap).unwrap();
    let locs: Vec<&str> = doc.descendants().filter(|n| n.has_tag_name("loc")).filter_map(|n| n.text()).collect();
    assert!(locs.len() > 40, "{} URLs", locs.len());
    locs.iter().for_each(|u| absolute(u, "sitemap.xml"));
    assert!(text_of(&site, "robots.txt").contains(&format!("Sitemap: {BASE}sitemap.xml")));

    const ATOM: &str = "http://www.w3.org/2005/Atom";
    let feeds: Vec<&samtal::render::OutputFile> = site.files.iter().filter(|f| f.path.ends_with("atom.xml")).collect();
    assert!(feeds.len() > 30);
    for f in feeds {
        let xml = String::from_utf8_lossy(&f.bytes);
        let doc = roxmltree::Document::parse(&xml).unwrap();
        for n in doc.descendants() {
            if n.has_tag_name((ATOM, "id")) {
                absolute(n.text().unwrap_or_default(), &f.path);
            }
            if n.has_tag_name((ATOM, "link")) {
                absolute(n.attribute("href").unwrap_or_default(), &f.path);
            }
            if n.has_tag_name((ATOM, "updated")) {
                assert_ne!(n.text(), Some("2018-01-01T00:00:00Z"), "{}: a constant date", f.path);
            }
        }
    }

    let meta = scraper::Selector::parse(
        r#"link[rel=canonical], link[rel=alternate], meta[property^="og:url"], meta[property="og:image"]"#,
    )
    .unwrap();
    for f in site.files.iter().filter(|f| f.path.ends_with(".html") && f.path != "404.html") {
        let html = scraper::Html::parse_document(&String::from_utf8_lossy(&f.bytes));
        let urls: Vec<&str> =
            html.select(&meta).filter_map(|e| e.value().attr("href").or_else(|| e.value().attr("content"))).collect();
        assert!(urls.len() >= 4, "{}: canonical, og:url, og:image and a feed link: {urls:?}", f.path);
        urls.iter().for_each(|u| absolute(u, &f.path));
    }
}

#[test]
fn meeting_and_data_pages_carry_schema_org_json_ld() {
    let site = build_example(None, false);
    let script = scraper::Selector::parse(r#"script[type="application/ld+json"]"#).unwrap();
    let json_ld = |path: &str| -> serde_json::Value {
        let html = scraper::Html::parse_document(&text_of(&site, path));
        let text = html.select(&script).next().unwrap_or_else(|| panic!("{path}: no JSON-LD")).inner_html();
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}\n{text}"))
    };
    let event = json_ld("moten/2018-ostergotland/index.html");
    assert_eq!(event["@type"], "Event");
    assert_eq!(event["organizer"]["@type"], "GovernmentOrganization");
    assert_eq!(event["organizer"]["name"], "Tillväxtverket");
    assert_eq!(event["location"][0]["@type"], "AdministrativeArea");
    assert_eq!(event["location"][0]["identifier"], "SE-E");
    assert_eq!(event["url"], "https://example.org/moten/2018-ostergotland/");
    let dataset = json_ld("data/index.html");
    assert_eq!(dataset["@type"], "Dataset");
    assert_eq!(dataset["license"], "https://creativecommons.org/publicdomain/zero/1.0/");
    assert_eq!(dataset["distribution"].as_array().map(Vec::len), Some(9));
}

#[test]
fn the_example_sites_open_data_has_names_and_codes_and_a_catalogue() {
    let site = build_example(None, false);
    let meetings: serde_json::Value = serde_json::from_str(&text_of(&site, "data/meetings.json")).unwrap();
    let all = meetings.as_array().unwrap();
    assert_eq!(all.len(), 22);
    // The codes, one per cell, are in meeting_counties (issue 31 item 5): every meeting has
    // a county row, and the grouping gives its five member counties with NUTS 2 apart.
    let rows: Vec<serde_json::Value> = serde_json::from_str(&text_of(&site, "data/meeting_counties.json")).unwrap();
    for m in all {
        assert!(m.get("county_codes").is_none(), "{}", m["slug"]);
        assert!(rows.iter().any(|r| r["meeting"] == m["slug"]), "{}", m["slug"]);
    }
    let slug = "2018-ostra-mellansverige-smart-specialisering";
    let grouping: Vec<&serde_json::Value> = rows.iter().filter(|r| r["meeting"] == slug).collect();
    let mut codes: Vec<&str> = grouping.iter().map(|r| r["county_code"].as_str().unwrap()).collect();
    codes.sort_unstable();
    assert_eq!(codes, ["03", "04", "05", "18", "19"]);
    assert!(grouping.iter().all(|r| r["nuts2"] == "SE12" && r["nuts3"].as_str().unwrap().starts_with("SE12")));
    let excel = site.files.iter().find(|f| f.path == "data/excel/meetings.csv").unwrap();
    assert!(excel.bytes.starts_with("\u{feff}slug;".as_bytes()));
    let catalogue = text_of(&site, "data/dcat.rdf");
    roxmltree::Document::parse(&catalogue).unwrap();
    assert!(catalogue.contains("http://data.europa.eu/nuts/code/SE12"));
    let path_only = build_example(Some("/"), false);
    assert!(!path_only.files.iter().any(|f| f.path == "data/dcat.rdf"), "no catalogue without a host");
}

fn page_text(site: &samtal::SiteBuild, path: &str) -> String {
    String::from_utf8(site.files.iter().find(|f| f.path == path).unwrap().bytes.to_vec()).unwrap()
}

fn select<'a>(doc: &'a scraper::Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&scraper::Selector::parse(css).unwrap()).collect()
}

#[test]
fn an_english_build_marks_swedish_content_as_swedish() {
    // Guards: WCAG 3.1.2 in an English build: a meeting's own texts carry lang="sv", the
    // fixed strings around them do not (issue 17).
    let en = build_example(None, true);
    let doc = scraper::Html::parse_document(&page_text(&en, "moten/2018-ostergotland/index.html"));
    for css in ["main h1", "main p.lead", "main div.prose", "main ul.outcome-list", "main table th[scope=row]"] {
        let found = select(&doc, css);
        assert!(!found.is_empty(), "{css}");
        assert!(found.iter().all(|e| e.value().attr("lang") == Some("sv")), "{css} is not marked Swedish");
    }
    assert!(select(&doc, "main h2").iter().all(|e| e.value().attr("lang").is_none()), "UI headings stay English");
    let home = scraper::Html::parse_document(&page_text(&en, "index.html"));
    assert!(!select(&home, "main .outcome-list[lang=sv]").is_empty());
    assert!(!select(&home, "footer a[lang=sv]").is_empty(), "free pages are Swedish unless they say otherwise");
    let follow_ups = scraper::Html::parse_document(&page_text(&en, "uppfoljning/index.html"));
    assert!(!select(&follow_ups, "main .action__text span[lang=sv]").is_empty(), "an action's text");
    let crumb = select(&doc, ".breadcrumbs [aria-current=page]");
    assert_eq!(crumb[0].value().attr("lang"), Some("sv"), "the meeting's title in the breadcrumbs");
    // In the Swedish build nothing needs marking.
    let sv = build_example(None, false);
    let doc = scraper::Html::parse_document(&page_text(&sv, "moten/2018-ostergotland/index.html"));
    assert!(select(&doc, "body [lang]").is_empty());
}

#[test]
fn the_accessibility_statement_has_what_digg_requires_and_one_footer_link() {
    // Guards: the statement made from site.yaml names the body and site, its status, the
    // problems with reasons, the dates, the method, a feedback e-mail address with the
    // response time (never a home page, issue 31) and Digg's report page; every page links it
    // once (issue 17).
    let sv = build_example(None, false);
    let text = page_text(&sv, "tillganglighet/index.html");
    let doc = scraper::Html::parse_document(&text);
    let main: String = select(&doc, "main").iter().flat_map(|m| m.text()).collect();
    for needed in [
        "Tillväxtverket står bakom webbplatsen Strategiska regionala dialoger 2018",
        "delvis förenlig",
        "Skäl:",
        "27 november 2026",
        "30 november 2026",
        "Självskattning",
        "Svarstid:",
    ] {
        assert!(main.contains(needed), "{needed}");
    }
    let hrefs: Vec<&str> = select(&doc, "main a").iter().filter_map(|a| a.value().attr("href")).collect();
    assert!(hrefs.contains(&"https://www.digg.se/tdosanmalan"));
    assert!(hrefs.iter().any(|h| h.starts_with("mailto:")), "{hrefs:?}");
    assert!(!hrefs.contains(&"https://tillvaxtverket.se/"), "the feedback route is not the home page");
    for path in ["index.html", "moten/2018-ostergotland/index.html", "tillganglighet/index.html"] {
        let doc = scraper::Html::parse_document(&page_text(&sv, path));
        let links = select(&doc, "footer a[href='/tillganglighet/']");
        assert_eq!(links.len(), 1, "{path}");
    }
}

#[test]
fn the_home_page_leads_with_outcomes_follow_ups_and_featured_pages_then_every_meeting() {
    // Guards: the first screen says something (issue 17): the published outcomes, the
    // follow-up counts, the featured summary page, and a table of all 22 meetings.
    let sv = build_example(None, false);
    let doc = scraper::Html::parse_document(&page_text(&sv, "index.html"));
    let headings: Vec<String> = select(&doc, "main h2").iter().map(|h| h.text().collect()).collect();
    let position = |h: &str| headings.iter().position(|x| x.starts_with(h)).unwrap_or_else(|| panic!("{h}"));
    assert!(position("Publicerade resultat") < position("Uppföljningen i korthet"));
    assert!(position("Läs mer") < position("Alla möten"));
    assert_eq!(select(&doc, "main .outcome-cards > li").len(), 2);
    assert_eq!(select(&doc, "main a[href='/sammanfattning-2018/']").len(), 1);
    let rows = select(&doc, "main table.meeting-table tbody tr");
    assert_eq!(rows.len(), 22);
    // Every date is the year only, so none shows more than the year.
    assert!(select(&doc, "main table time").iter().all(|t| t.value().attr("datetime") == Some("2018")));
    let grouping_row = rows.iter().find(|r| r.text().any(|t| t.contains("Östra Mellansverige"))).unwrap();
    assert!(grouping_row.text().any(|t| t == "Gruppering"), "a grouping's meeting is marked as such");
}

#[test]
fn a_county_page_lists_its_groupings_meetings_as_such() {
    // Guards: Östra Mellansverige's meeting shows on Uppsala's page, marked as a grouping's
    // (issue 17).
    let sv = build_example(None, false);
    let doc = scraper::Html::parse_document(&page_text(&sv, "regioner/uppsala/index.html"));
    let section = select(&doc, "section.grouping-meetings");
    assert_eq!(section.len(), 1);
    let text: String = section[0].text().collect();
    assert!(text.contains("Östra Mellansverige") && text.contains("Gruppering"));
    assert_eq!(
        select(&doc, "section.grouping-meetings a[href='/moten/2018-ostra-mellansverige-smart-specialisering/']").len(),
        1
    );
}
