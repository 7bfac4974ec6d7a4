//! `sitemap.xml` (every HTML page but the 404 page and drafts, sorted) and `robots.txt`
//! (allows everything, names the sitemap). URLs are absolute when `base_url` has an origin;
//! with a path-only base they are root-relative, which crawlers do not accept: set a full
//! `base_url` for a published site.

use super::{OutputFile, escape_xml};
use crate::model::routes::Route;
use crate::model::{Site, exact_day};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The URL path of a page's output file: `moten/x/index.html` → `moten/x/`.
fn page_inner(path: &str) -> &str {
    if path == "index.html" { "" } else { path.strip_suffix("/index.html").map_or(path, |p| &path[..p.len() + 1]) }
}

/// The URLs for the sitemap, sorted and unique, each with its last change when known (a
/// meeting's `updated:` or date, a free page's `updated:`, as a day by [`exact_day`]): every `.html` output path except the 404 page and the pages of draft
/// meetings.
fn page_urls(site: &Site, page_paths: &[String]) -> Vec<(String, Option<String>)> {
    let drafts: BTreeSet<String> =
        site.meetings.iter().filter(|m| m.draft).map(|m| Route::Meeting(&m.slug).output_file()).collect();
    let known = site.latest_exact_date();
    let meetings =
        site.meetings.iter().map(|m| (Route::Meeting(&m.slug).output_file(), m.exact_updated(known).to_string()));
    let pages = site
        .pages
        .iter()
        .filter_map(|p| Some((Route::Page(&p.slug).output_file(), exact_day(p.updated?, known).to_string())));
    let changed: HashMap<String, String> = meetings.chain(pages).collect();
    let not_found = Route::NotFound.output_file();
    let urls: BTreeMap<String, Option<String>> = page_paths
        .iter()
        .filter(|p| p.ends_with(".html") && **p != not_found && !drafts.contains(p.as_str()))
        .map(|p| (site.urls.absolute(page_inner(p)), changed.get(p).cloned()))
        .collect();
    urls.into_iter().collect()
}

pub fn sitemap_xml(site: &Site, page_paths: &[String]) -> Vec<u8> {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (url, lastmod) in page_urls(site, page_paths) {
        out.push_str("  <url><loc>");
        out.push_str(&escape_xml(&url));
        out.push_str("</loc>");
        // W3C Datetime: a year or a month alone is a valid `lastmod`.
        if let Some(lastmod) = lastmod {
            out.push_str("<lastmod>");
            out.push_str(&lastmod);
            out.push_str("</lastmod>");
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out.into_bytes()
}

pub fn robots_txt(site: &Site) -> Vec<u8> {
    format!("User-agent: *\nAllow: /\n\nSitemap: {}\n", site.urls.absolute_to(Route::Sitemap)).into_bytes()
}

/// `sitemap.xml` and `robots.txt`. `page_paths` are the output paths of the HTML pages.
pub fn files(site: &Site, page_paths: &[String]) -> Vec<OutputFile> {
    vec![
        OutputFile { path: Route::Sitemap.output_file(), bytes: sitemap_xml(site, page_paths).into() },
        OutputFile { path: Route::Robots.output_file(), bytes: robots_txt(site).into() },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::data::fixtures;

    fn paths() -> Vec<String> {
        [
            "teman/index.html",
            "index.html",
            "404.html",
            "moten/ostergotland-2018/index.html",
            "moten/hemligt/index.html",
            "regioner/skane/index.html",
            "style.css",
        ]
        .map(String::from)
        .to_vec()
    }

    #[test]
    fn sitemap_lists_pages_sorted_and_absolute_without_404_and_drafts() {
        let site = fixtures::site("https://example.org/samtal");
        let xml = String::from_utf8(sitemap_xml(&site, &paths())).unwrap();
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let locs: Vec<&str> = doc.descendants().filter(|n| n.has_tag_name("loc")).filter_map(|n| n.text()).collect();
        assert_eq!(
            locs,
            [
                "https://example.org/samtal/",
                "https://example.org/samtal/moten/ostergotland-2018/",
                "https://example.org/samtal/regioner/skane/",
                "https://example.org/samtal/teman/",
            ]
        );
        // A meeting's page says when the meeting last changed (its `updated:`, else its date).
        let lastmod: Vec<(&str, &str)> = doc
            .descendants()
            .filter(|n| n.has_tag_name("lastmod"))
            .map(|n| {
                (n.prev_sibling_element().and_then(|l| l.text()).unwrap_or_default(), n.text().unwrap_or_default())
            })
            .collect();
        let meeting = site.meetings.iter().find(|m| m.slug == "ostergotland-2018").unwrap();
        let expected = meeting.last_updated().to_string();
        assert_eq!(lastmod, [("https://example.org/samtal/moten/ostergotland-2018/", expected.as_str())]);
    }

    #[test]
    fn a_free_page_with_updated_has_its_lastmod_and_one_without_has_none() {
        let mut site = fixtures::site("https://example.org/");
        let page = |slug: &str, updated: Option<&str>| crate::model::Page {
            slug: slug.into(),
            source_path: format!("content/pages/{slug}.md"),
            title: slug.into(),
            summary: None,
            weight: 0,
            featured: false,
            language: None,
            aliases: Vec::new(),
            updated: updated.and_then(crate::model::PartialDate::parse),
            body: crate::model::Body::default(),
        };
        site.pages = vec![page("om", Some("2019-03-01")), page("kontakt", None)];
        let paths = ["om/index.html".to_string(), "kontakt/index.html".to_string()];
        let xml = String::from_utf8(sitemap_xml(&site, &paths)).unwrap();
        assert!(xml.contains("<loc>https://example.org/om/</loc><lastmod>2019-03-01</lastmod>"), "{xml}");
        assert!(xml.contains("<loc>https://example.org/kontakt/</loc></url>"), "{xml}");
    }

    #[test]
    fn robots_allows_all_and_names_the_sitemap() {
        let site = fixtures::site("https://example.org/");
        let robots = String::from_utf8(robots_txt(&site)).unwrap();
        assert_eq!(robots, "User-agent: *\nAllow: /\n\nSitemap: https://example.org/sitemap.xml\n");
        let site = fixtures::site("/sub/");
        assert!(String::from_utf8(robots_txt(&site)).unwrap().ends_with("Sitemap: /sub/sitemap.xml\n"));
        let xml = String::from_utf8(sitemap_xml(&site, &paths())).unwrap();
        assert!(xml.contains("<loc>/sub/regioner/skane/</loc>"), "{xml}");
    }

    #[test]
    fn escaping_covers_markup_characters() {
        assert_eq!(escape_xml(r#"a&b<c>"d"'e'"#), "a&amp;b&lt;c&gt;&quot;d&quot;&#39;e&#39;");
    }
}
