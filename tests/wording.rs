//! Wording (issue 31, item 7): one "Resultat" heading per page, "Föregående/Nästa möte" in
//! the order of the list the pager names, a done date as month and year in words, the
//! publishing agency in the header, and what the search page gives its script (the title
//! with the query, what to try when nothing is found).

mod common;

use common::{fixture_site, options, repo};

fn build(root: &std::path::Path) -> samtal::SiteBuild {
    samtal::render(&options(root)).unwrap_or_else(|e| panic!("{e}"))
}

fn html_pages(site: &samtal::SiteBuild) -> impl Iterator<Item = (&str, scraper::Html)> {
    site.files
        .iter()
        .filter(|f| f.path.ends_with(".html"))
        .map(|f| (f.path.as_str(), scraper::Html::parse_document(std::str::from_utf8(&f.bytes).unwrap())))
}

fn page(site: &samtal::SiteBuild, path: &str) -> scraper::Html {
    let file = site.files.iter().find(|f| f.path == path).unwrap_or_else(|| panic!("no {path}"));
    scraper::Html::parse_document(std::str::from_utf8(&file.bytes).unwrap())
}

fn select<'a>(doc: &'a scraper::Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&scraper::Selector::parse(css).unwrap()).collect()
}

fn text(e: &scraper::ElementRef<'_>) -> String {
    e.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")
}

fn set_language(root: &std::path::Path, lang: &str) {
    let path = root.join("site.yaml");
    let yaml = std::fs::read_to_string(&path).unwrap().replace("language: sv", &format!("language: {lang}"));
    std::fs::write(path, yaml).unwrap();
}

#[test]
fn no_page_of_the_example_site_repeats_a_heading() {
    let site = build(&repo());
    let mut checked = 0;
    for (path, doc) in html_pages(&site) {
        let mut seen = std::collections::HashSet::new();
        for h in select(&doc, "main h2") {
            let heading = text(&h);
            assert!(seen.insert(heading.clone()), "{path}: two headings \"{heading}\"");
        }
        checked += 1;
    }
    assert!(checked > 40, "only {checked} pages");
    // The meetings with outcomes show one "Resultat": the page's own, above the text.
    for slug in ["2018-ostergotland", "2018-stockholm"] {
        let doc = page(&site, &format!("moten/{slug}/index.html"));
        let results: Vec<_> = select(&doc, "main h2").into_iter().filter(|h| text(h) == "Resultat").collect();
        assert_eq!(results.len(), 1, "{slug}");
        assert_eq!(results[0].value().attr("id"), Some("resultat"));
    }
}

/// The meeting addresses of `/moten/` in the order it lists them.
fn listed_meetings(site: &samtal::SiteBuild) -> Vec<String> {
    select(&page(site, "moten/index.html"), "main .meeting-card__title a")
        .iter()
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect()
}

fn pager_link(doc: &scraper::Html, rel: &str) -> Option<String> {
    select(doc, &format!("nav.pager a[rel={rel}]")).first().map(|a| a.value().attr("href").unwrap().to_string())
}

#[test]
fn previous_and_next_follow_the_list_the_pager_names() {
    // The two-year fixture has three rounds, so /moten/ lists round by round: its order is not
    // simply by date.
    for (root, name) in [(fixture_site("two-years"), "two-years"), (fixture_site("basic"), "basic")] {
        let site = build(root.path());
        let list = listed_meetings(&site);
        assert!(list.len() >= 3, "{name}: {list:?}");
        for (i, url) in list.iter().enumerate() {
            let doc = page(&site, &format!("{}index.html", url.trim_start_matches('/')));
            let pager = select(&doc, "nav.pager");
            assert_eq!(pager.len(), 1, "{name} {url}");
            // The pager names the list it follows, with a link to it.
            let label = select(&doc, "nav.pager #bladdra-rubrik");
            assert_eq!(pager[0].value().attr("aria-labelledby"), Some("bladdra-rubrik"));
            assert_eq!(text(&label[0]), "Bläddra i listan Alla möten");
            assert_eq!(select(&doc, "#bladdra-rubrik a[href='/moten/']").len(), 1);
            let before = i.checked_sub(1).map(|b| list[b].clone());
            assert_eq!(pager_link(&doc, "prev"), before, "{name} {url}: Föregående möte");
            assert_eq!(pager_link(&doc, "next"), list.get(i + 1).cloned(), "{name} {url}: Nästa möte");
            let labels: Vec<String> = select(&doc, "nav.pager .pager__label").iter().map(text).collect();
            let expected: Vec<&str> =
                [before.as_ref().map(|_| "Föregående möte"), list.get(i + 1).map(|_| "Nästa möte")]
                    .into_iter()
                    .flatten()
                    .collect();
            assert_eq!(labels, expected, "{name} {url}");
        }
    }
}

#[test]
fn a_done_action_says_when_in_month_and_year() {
    let dir = fixture_site("follow-ups");
    let sv = build(dir.path());
    for path in
        ["moten/2018-05-16-ostergotland/index.html", "uppfoljning/index.html", "regioner/ostergotland/index.html"]
    {
        let doc = page(&sv, path);
        let done: Vec<String> = select(&doc, "main .status--done time, main .facts time").iter().map(text).collect();
        assert!(done.contains(&"Klar i september 2019".to_string()), "{path}: {done:?}");
        // The done date of 30 May 2018 is said as its month: the day is in `datetime` only.
        if path.starts_with("moten/") {
            let memo = select(&doc, "main .status--done time[datetime='2018-05-30']");
            assert_eq!(text(&memo[0]), "Klar i maj 2018", "{path}");
        }
        let main: String = select(&doc, "main").iter().map(text).collect();
        assert!(!main.contains("Klar den"), "{path}");
    }
    set_language(dir.path(), "en");
    let en = build(dir.path());
    let doc = page(&en, "moten/2018-05-16-ostergotland/index.html");
    let done: Vec<String> = select(&doc, "main .status--done time").iter().map(text).collect();
    assert!(done.contains(&"Done in September 2019".to_string()), "{done:?}");
    assert!(done.contains(&"Done in May 2019".to_string()), "{done:?}");
}

#[test]
fn the_header_names_the_publishing_agency() {
    let site = build(&repo());
    let mut pages = 0;
    for (path, doc) in html_pages(&site) {
        if select(&doc, "header.site-header").is_empty() {
            continue;
        }
        let publisher: Vec<String> = select(&doc, "header.site-header .site-publisher").iter().map(text).collect();
        assert_eq!(publisher, ["Tillväxtverket"], "{path}");
        pages += 1;
    }
    assert!(pages > 40);
    // Without `publisher:` in site.yaml the header names no one (a site without an
    // accessibility statement, which needs a publisher).
    let dir = fixture_site("follow-ups");
    let path = dir.path().join("site.yaml");
    let yaml: String = std::fs::read_to_string(&path)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with("publisher:"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&path, yaml).unwrap();
    let site = build(dir.path());
    assert!(select(&page(&site, "index.html"), ".site-publisher").is_empty());
}

#[test]
fn the_search_page_gives_its_script_the_title_with_the_query_and_what_to_try() {
    for lang in ["sv", "en"] {
        let dir = fixture_site("basic");
        set_language(dir.path(), lang);
        let site = build(dir.path());
        let doc = page(&site, "sok/index.html");
        let title = select(&doc, "#sok-resultat")[0].value().attr("data-label-title").unwrap().to_string();
        let expected = if lang == "sv" { "”{query}” – {title}" } else { "“{query}” – {title}" };
        assert_eq!(title, expected);
        let tips = select(&doc, "template#sok-tips");
        assert_eq!(tips.len(), 1, "{lang}");
        // A <template>'s content is inert: it shows only when the script copies it.
        let inner = tips[0].inner_html();
        for href in ["/regioner/", "/teman/", "/moten/"] {
            assert!(inner.contains(&format!("href=\"{href}\"")), "{lang}: no link to {href} in {inner}");
        }
        let tip = if lang == "sv" { "Pröva ett annat ord" } else { "Try another word" };
        assert!(inner.contains(tip), "{lang}: {inner}");
    }
}
