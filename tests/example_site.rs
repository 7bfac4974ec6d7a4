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
    // Checked as published (strict: a base_url without a host is a warning, so an error).
    let base_url = base_url.unwrap_or(PUBLISHED_AT);
    let options = Options { base_url: Some(base_url.to_string()), strict: true, ..common::options(&root) };
    samtal::render(&options).unwrap_or_else(|e| match e {
        samtal::Error::Invalid { diagnostics, lang } => {
            panic!("{}", samtal::diagnostic::render_human(&diagnostics, lang, false))
        }
        other => panic!("{other}"),
    })
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
