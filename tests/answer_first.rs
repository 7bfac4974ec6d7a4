//! The answer first (issue 31, item 2): county and meeting pages give their outcomes and
//! agreed actions before the map, the codes and the facts, and a county with no agreed
//! actions says so, on its page and on `/uppfoljning/`, so that "none" reads differently
//! from "missing".

mod common;

use common::{fixture_site, options, repo};
use std::collections::BTreeSet;

fn build(root: &std::path::Path) -> samtal::SiteBuild {
    samtal::render(&options(root)).unwrap_or_else(|e| panic!("{e}"))
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

/// Where in the page's main element the first match of each selector is, in document order
/// (by the position of its start tag among all elements).
fn order(doc: &scraper::Html, selectors: &[&str]) -> Vec<usize> {
    let all: Vec<_> = select(doc, "main *").into_iter().map(|e| e.id()).collect();
    selectors
        .iter()
        .map(|css| {
            let first = select(doc, css).into_iter().next().unwrap_or_else(|| panic!("nothing matches {css}"));
            all.iter().position(|&id| id == first.id()).unwrap()
        })
        .collect()
}

fn is_increasing(positions: &[usize]) -> bool {
    positions.windows(2).all(|w| w[0] < w[1])
}

#[test]
fn a_county_page_gives_outcomes_and_actions_before_the_map_and_codes() {
    let site = build(&repo());
    let doc = page(&site, "regioner/ostergotland/index.html");
    let at = order(&doc, &["main h1", "#resultat", "#atgarder", "main .map-figure", "#fakta", "#moten"]);
    assert!(is_increasing(&at), "order of title, outcomes, actions, map, codes, meetings: {at:?}");
    let outcomes: Vec<String> = select(&doc, "main .outcome-cards .outcome-list li").iter().map(text).collect();
    assert_eq!(
        outcomes,
        ["Tillväxtverket stärker det regionala ledarskapet vid större etableringar i Östergötlands län."]
    );
    let actions = select(&doc, "main .action-list .action");
    assert_eq!(actions.len(), 1);
    // Its status is where the action stands (FollowLinks::standing), as /uppfoljning/ says.
    assert_eq!(text(&select(&doc, "main .action .status")[0]), "Pågår");
    assert_eq!(select(&doc, "main a[href='/uppfoljning/ostergotland/']").len(), 1);
    assert!(select(&doc, "main .none-published").is_empty(), "it has outcomes and actions");
    // Headings stay in order: h1, then h2 sections with h3 inside.
    let levels: Vec<u8> = select(&doc, "main h1, main h2, main h3, main h4")
        .iter()
        .map(|h| h.value().name()[1..].parse().unwrap())
        .collect();
    assert!(levels.windows(2).all(|w| w[1] <= w[0] + 1), "heading levels skip: {levels:?}");
}

#[test]
fn a_meeting_page_gives_outcomes_and_actions_before_its_facts() {
    let site = build(&repo());
    let doc = page(&site, "moten/2018-stockholm/index.html");
    let at = order(&doc, &["main h1", "main .meeting__date", "#resultat", "#atgarder", "#fakta", "main .prose"]);
    assert!(is_increasing(&at), "order of title, date, outcomes, actions, facts, text: {at:?}");
    assert_eq!(text(&select(&doc, "main .meeting__date time")[0]), "2018");
    let facts: Vec<String> = select(&doc, "main .facts dt").iter().map(text).collect();
    assert_eq!(facts, ["Region", "Tema", "Deltagare", "Myndighetens avdelningar"]);
}

#[test]
fn a_county_without_actions_says_so() {
    let site = build(&repo());
    let doc = page(&site, "regioner/uppsala/index.html");
    let none: Vec<String> = select(&doc, "main .none-published").iter().map(text).collect();
    assert_eq!(
        none,
        [
            "Inga resultat har publicerats från möten med Uppsala.",
            "Inga överenskomna åtgärder har publicerats från möten med Uppsala.",
        ]
    );
    assert!(select(&doc, "main .action-list").is_empty());
    // Its grouping's actions are one link away, not counted as its own.
    assert_eq!(select(&doc, "main a[href='/uppfoljning/ostra-mellansverige/']").len(), 1);
    assert!(select(&doc, "main a[href='/uppfoljning/uppsala/']").is_empty(), "Uppsala has no follow-up page");

    let follow_ups = page(&site, "uppfoljning/index.html");
    let heading = select(&follow_ups, "#utan-atgarder");
    assert_eq!(text(&heading[0]), "Län utan överenskomna åtgärder (19)");
    let without: BTreeSet<String> = select(&follow_ups, "#utan-atgarder ~ ul a")
        .iter()
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert!(without.contains("/regioner/uppsala/"));
    assert!(!without.contains("/regioner/ostergotland/") && !without.contains("/regioner/stockholm/"));
    // A county is either in the region filter (it has actions) or among those without: never
    // both, never neither.
    let filtered: BTreeSet<String> = select(&follow_ups, "nav.filter a")
        .iter()
        .filter_map(|a| {
            a.value().attr("href")?.strip_prefix("/uppfoljning/").map(|s| s.trim_end_matches('/').to_string())
        })
        .filter(|s| !s.is_empty())
        .collect();
    let counties: BTreeSet<String> =
        select(&page(&site, "regioner/index.html"), "main .map-layout__list .count-list a")
            .iter()
            .filter_map(|a| {
                a.value().attr("href")?.strip_prefix("/regioner/").map(|s| s.trim_end_matches('/').to_string())
            })
            .collect();
    assert_eq!(counties.len(), 21);
    for county in &counties {
        let has = filtered.contains(county);
        let lacks = without.contains(&format!("/regioner/{county}/"));
        assert!(has != lacks, "{county}: in the filter {has}, among those without {lacks}");
    }
    // A region's own follow-up page lists no counties without.
    assert!(select(&page(&site, "uppfoljning/ostergotland/index.html"), "#utan-atgarder").is_empty());
}

#[test]
fn a_county_whose_actions_are_all_done_is_not_said_to_have_none() {
    // In the follow-up fixture Östergötland's actions are settled by later reports: they are
    // listed with the status their latest report leaves, and no "none" is said.
    let dir = fixture_site("follow-ups");
    let site = build(dir.path());
    let doc = page(&site, "regioner/ostergotland/index.html");
    assert!(select(&doc, "main .none-published").iter().all(|p| !text(p).contains("åtgärder")));
    let statuses: Vec<String> = select(&doc, "main .action .status").iter().map(text).collect();
    assert!(statuses.contains(&"Klar i september 2019".to_string()), "{statuses:?}");
    let blekinge = page(&site, "regioner/blekinge/index.html");
    assert_eq!(
        select(&blekinge, "main .none-published").iter().map(text).next_back().as_deref(),
        Some("Inga överenskomna åtgärder har publicerats från möten med Blekinge.")
    );
}
