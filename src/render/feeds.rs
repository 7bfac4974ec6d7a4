//! Atom feeds: `atom.xml` (every meeting), `regioner/<slug>/atom.xml` (a county, or a
//! grouping with its member counties) and `teman/<slug>/atom.xml` (a topic).
//!
//! Deterministic: an entry's `updated` is the meeting's `updated:` date or else its date, as a
//! day ([`crate::model::exact_day`]: a month or year alone is the latest exact date the content
//! gives, never its first day); a feed's is its newest entry's (a feed without entries takes
//! the site's newest meeting's), never the clock. Links and ids are absolute URLs when `base_url` has an origin, as a
//! published site has (`check` warns without one); otherwise links are root-relative and ids
//! `tag:` URIs, which are stable but name no domain, so such a build is for previews only.

use super::OutputFile;
use super::markdown::RenderedMarkdown;
use crate::model::routes::Route;
use crate::model::{Meeting, PartialDate, Site};
use atom_syndication::{Category, Content, Entry, Feed, FixedDateTime, Generator, Link, Person, Text, WriteConfig};

/// `updated` of a feed without entries on a site without meetings and without a single exact
/// date anywhere in its content (it cannot come from data).
const EMPTY_FEED_UPDATED: &str = "2018-01-01T00:00:00Z";

/// One feed to write: where, about what, with which meetings (indexes into `site.meetings`).
struct FeedSpec {
    /// Output path and URL path inside the site, e.g. `regioner/skane/atom.xml`.
    inner: String,
    /// The HTML page the feed belongs to, e.g. `regioner/skane/`.
    page: String,
    title: String,
    subtitle: Option<String>,
    meetings: Vec<usize>,
}

/// A stable id for a URL path of the site: the absolute URL when the site has an origin,
/// else a `tag:` URI built from the path.
fn id(site: &Site, inner: &str) -> String {
    if site.urls.has_origin() {
        site.urls.absolute(inner)
    } else {
        format!("tag:samtal,2018:{}", site.urls.site(inner))
    }
}

/// The newest `updated` of any published meeting: the `updated` of a feed without entries.
fn site_updated(site: &Site, known: Option<PartialDate>) -> FixedDateTime {
    let newest = site.meetings.iter().filter(|m| !m.draft).map(|m| m.exact_updated(known)).max();
    newest.or(known).map_or_else(|| timestamp(EMPTY_FEED_UPDATED), |d| timestamp(&d.rfc3339()))
}

fn timestamp(rfc3339: &str) -> FixedDateTime {
    FixedDateTime::parse_from_rfc3339(rfc3339)
        .or_else(|_| FixedDateTime::parse_from_rfc3339(EMPTY_FEED_UPDATED))
        .unwrap_or_default()
}

fn link(href: String, rel: &str, mime_type: &str) -> Link {
    Link { href, rel: rel.into(), mime_type: Some(mime_type.into()), ..Link::default() }
}

/// An attachment as an entry's enclosure: its address, media type, size and title.
fn enclosure(site: &Site, a: &crate::model::Attachment) -> Link {
    Link {
        href: super::pages::attachments::absolute_url(site, a),
        rel: "enclosure".into(),
        mime_type: Some(a.kind().media_type(a.file_name()).into()),
        title: Some(a.text().to_string()),
        length: Some(a.bytes.to_string()),
        ..Link::default()
    }
}

fn entry(site: &Site, m: &Meeting, body: &RenderedMarkdown, known: Option<PartialDate>) -> Entry {
    let page = Route::Meeting(&m.slug).path();
    let categories = m
        .topics
        .iter()
        .map(|t| Category {
            term: t.clone(),
            scheme: Some(site.urls.absolute_to(Route::Topics)),
            label: Some(site.topic_name(t)),
        })
        .collect();
    Entry {
        title: Text::plain(m.title.as_str()),
        id: id(site, &page),
        updated: timestamp(&m.exact_updated(known).rfc3339()),
        links: std::iter::once(link(site.urls.absolute(&page), "alternate", "text/html"))
            .chain(m.attachments.iter().map(|a| enclosure(site, a)))
            .collect(),
        summary: m.summary.as_deref().map(Text::plain),
        content: Some(Content {
            value: Some(body.html().to_string()),
            content_type: Some("html".into()),
            ..Content::default()
        }),
        categories,
        ..Entry::default()
    }
}

fn feed_bytes(
    site: &Site,
    bodies: &[Option<RenderedMarkdown>],
    spec: &FeedSpec,
    known: Option<PartialDate>,
) -> Vec<u8> {
    let entries: Vec<Entry> = spec
        .meetings
        .iter()
        .filter_map(|&i| Some((&site.meetings[i], bodies.get(i)?.as_ref()?)))
        .filter(|(m, _)| !m.draft)
        .map(|(m, body)| entry(site, m, body, known))
        .collect();
    let updated = entries.iter().map(|e| e.updated).max().unwrap_or_else(|| site_updated(site, known));
    let author = site.config.publisher.clone().unwrap_or_else(|| site.config.title.clone());
    let feed = Feed {
        title: Text::plain(spec.title.as_str()),
        subtitle: spec.subtitle.as_deref().filter(|s| !s.is_empty()).map(Text::plain),
        id: id(site, &spec.inner),
        updated,
        authors: vec![Person { name: author, ..Person::default() }],
        links: vec![
            link(site.urls.absolute(&spec.inner), "self", "application/atom+xml"),
            link(site.urls.absolute(&spec.page), "alternate", "text/html"),
        ],
        generator: Some(Generator { value: "samtal".into(), ..Generator::default() }),
        lang: Some(site.lang().code().into()),
        // Bodies link root-relatively (`/sub/regioner/x/`); resolve them against the site.
        base: site.urls.has_origin().then(|| site.urls.absolute_to(Route::Home)),
        entries,
        ..Feed::default()
    };
    let config = WriteConfig { write_document_declaration: true, indent_size: Some(2) };
    let mut bytes = feed.write_with_config(Vec::new(), config).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// The newest meetings a feed carries: readers only look at recent entries, and a feed of
/// every meeting of a large site (with full bodies) would be hundreds of megabytes.
pub const FEED_LIMIT: usize = 100;

fn specs(site: &Site) -> Vec<FeedSpec> {
    let lang = site.lang();
    let title = &site.config.title;
    let mut specs = vec![FeedSpec {
        inner: Route::Feed.path(),
        page: Route::Home.path(),
        title: title.clone(),
        subtitle: Some(site.config.description.clone()),
        meetings: (0..site.meetings.len()).collect(),
    }];
    for c in &site.registry.counties {
        specs.push(FeedSpec {
            inner: Route::RegionFeed(&c.slug).path(),
            page: Route::Region(&c.slug).path(),
            title: format!("{title} – {}", site.region_name(&c.slug)),
            subtitle: None,
            meetings: site.meetings_of(&c.slug).to_vec(),
        });
    }
    for g in &site.registry.groupings {
        specs.push(FeedSpec {
            inner: Route::RegionFeed(&g.slug).path(),
            page: Route::Region(&g.slug).path(),
            title: format!("{title} – {}", site.region_name(&g.slug)),
            subtitle: Some(lang.pick(&g.description, &g.description_en).to_string()),
            meetings: site.meetings_of_grouping(g),
        });
    }
    for t in &site.topics {
        specs.push(FeedSpec {
            inner: Route::TopicFeed(&t.slug).path(),
            page: Route::Topic(&t.slug).path(),
            title: format!("{title} – {}", site.topic_name(&t.slug)),
            subtitle: Some(lang.pick(&t.description, &t.description_en).to_string()),
            meetings: site.meetings_of_topic(&t.slug).to_vec(),
        });
    }
    for spec in &mut specs {
        spec.meetings.truncate(FEED_LIMIT);
    }
    specs
}

/// Which meetings some feed carries, by index into `site.meetings`: only their rendered
/// bodies need to be kept for [`files`].
pub fn carried(site: &Site) -> Vec<bool> {
    let mut carried = vec![false; site.meetings.len()];
    for i in specs(site).iter().flat_map(|spec| &spec.meetings) {
        if let Some(c) = carried.get_mut(*i) {
            *c = true;
        }
    }
    carried
}

/// Every feed of the site. `bodies` are the rendered meeting bodies, in `site.meetings` order;
/// only those [`carried`] are needed.
pub fn files(site: &Site, bodies: &[Option<RenderedMarkdown>]) -> Vec<OutputFile> {
    use rayon::prelude::*;
    let known = site.latest_exact_date();
    specs(site)
        .par_iter()
        .map(|spec| OutputFile { path: spec.inner.clone(), bytes: feed_bytes(site, bodies, spec, known).into() })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::data::fixtures;

    const ATOM: &str = "http://www.w3.org/2005/Atom";

    fn feeds(base: &str) -> Vec<OutputFile> {
        let site = fixtures::site(base);
        let bodies: Vec<_> = fixtures::bodies(&site).into_iter().map(Some).collect();
        files(&site, &bodies)
    }

    fn text(files: &[OutputFile], path: &str) -> String {
        let f = files.iter().find(|f| f.path == path).unwrap_or_else(|| panic!("{path} missing"));
        String::from_utf8(f.bytes.to_vec()).unwrap()
    }

    fn entry_titles(doc: &roxmltree::Document<'_>) -> Vec<String> {
        doc.descendants()
            .filter(|n| n.has_tag_name((ATOM, "entry")))
            .filter_map(|e| e.children().find(|c| c.has_tag_name((ATOM, "title"))))
            .map(|t| t.text().unwrap_or_default().to_string())
            .collect()
    }

    #[test]
    fn feeds_carry_only_the_newest_meetings() {
        let small = fixtures::site("/");
        let template = small.meetings[0].clone();
        let meetings: Vec<_> = (0..FEED_LIMIT + 50)
            .map(|i| crate::model::Meeting { slug: format!("m-{i:04}"), draft: false, ..template.clone() })
            .collect();
        let site = Site::new(small.config, small.urls, small.registry, small.topics, meetings, small.pages, false);
        let specs = specs(&site);
        assert_eq!(specs[0].meetings, (0..FEED_LIMIT).collect::<Vec<_>>(), "the newest come first");
        assert!(specs.iter().all(|s| s.meetings.len() <= FEED_LIMIT));
    }

    #[test]
    fn every_feed_is_well_formed_xml_and_special_characters_survive() {
        let all = feeds("https://example.org/samtal/");
        assert_eq!(all.len(), 1 + 2 + 1 + 1);
        for f in &all {
            let xml = String::from_utf8(f.bytes.to_vec()).unwrap();
            let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{}: {e}\n{xml}", f.path));
            assert!(doc.root_element().has_tag_name((ATOM, "feed")), "{}", f.path);
        }
        let xml = text(&all, "atom.xml");
        let doc = roxmltree::Document::parse(&xml).unwrap();
        assert_eq!(entry_titles(&doc), ["Dialog med Region Östergötland", fixtures::NASTY_TITLE]);
        assert!(!xml.contains("<script>"), "markup must be escaped: {xml}");
        let content: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name((ATOM, "content")))
            .map(|n| n.text().unwrap_or_default())
            .collect();
        assert!(content[0].contains(r#"<a href="/samtal/regioner/skane/">länk</a>"#), "{}", content[0]);
        assert_eq!(content[1].trim(), "<p>Text &amp; &lt;b&gt;mer&lt;/b&gt; ]]&gt;</p>");
    }

    #[test]
    fn feeds_use_absolute_ids_and_links_and_meeting_dates() {
        let all = feeds("https://example.org/samtal/");
        let xml = text(&all, "atom.xml");
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let feed = doc.root_element();
        assert_eq!(
            feed.attribute(("http://www.w3.org/XML/1998/namespace", "base")),
            Some("https://example.org/samtal/")
        );
        assert_eq!(feed.attribute(("http://www.w3.org/XML/1998/namespace", "lang")), Some("sv"));
        let child_text = |node: roxmltree::Node<'_, '_>, name: &str| {
            node.children().find(|c| c.has_tag_name((ATOM, name))).and_then(|c| c.text()).map(str::to_string)
        };
        assert_eq!(child_text(feed, "id").as_deref(), Some("https://example.org/samtal/atom.xml"));
        assert_eq!(child_text(feed, "updated").as_deref(), Some("2018-05-16T00:00:00+00:00"));
        let first = feed.children().find(|c| c.has_tag_name((ATOM, "entry"))).unwrap();
        assert_eq!(child_text(first, "id").as_deref(), Some("https://example.org/samtal/moten/ostergotland-2018/"));
        assert_eq!(child_text(first, "updated").as_deref(), Some("2018-05-16T00:00:00+00:00"));
        assert_eq!(child_text(first, "summary").as_deref(), Some("Sammanfattning, med \"citat\""));
        let href = first.children().find(|c| c.has_tag_name((ATOM, "link"))).and_then(|l| l.attribute("href"));
        assert_eq!(href, Some("https://example.org/samtal/moten/ostergotland-2018/"));
    }

    #[test]
    fn region_feeds_include_member_counties_and_skip_drafts() {
        let all = feeds("/");
        let titles = |path: &str| {
            let xml = text(&all, path);
            entry_titles(&roxmltree::Document::parse(&xml).unwrap())
        };
        assert_eq!(titles("regioner/ostra-mellansverige/atom.xml"), ["Dialog med Region Östergötland"]);
        assert_eq!(titles("regioner/skane/atom.xml"), [fixtures::NASTY_TITLE]);
        assert_eq!(titles("teman/smart-specialisation/atom.xml"), ["Dialog med Region Östergötland"]);
        assert!(!text(&all, "atom.xml").contains("Hemligt"));
    }

    #[test]
    fn path_only_base_gives_tag_ids_and_empty_feeds_the_sites_newest_date() {
        let site = fixtures::site("/sub/");
        let empty = FeedSpec {
            inner: "teman/x/atom.xml".into(),
            page: "teman/x/".into(),
            title: "T".into(),
            subtitle: None,
            meetings: vec![],
        };
        let xml = String::from_utf8(feed_bytes(&site, &[], &empty, site.latest_exact_date())).unwrap();
        roxmltree::Document::parse(&xml).unwrap();
        assert!(xml.contains("<id>tag:samtal,2018:/sub/teman/x/atom.xml</id>"), "{xml}");
        assert!(xml.contains("<updated>2018-05-16T00:00:00+00:00</updated>"), "{xml}");
        assert!(xml.contains(r#"href="/sub/teman/x/atom.xml""#), "{xml}");
        assert!(!xml.contains("xml:base"));
    }

    #[test]
    fn an_entrys_updated_comes_from_the_meetings_updated_date() {
        // Guards: every entry said `updated` 2018-01-01; now `updated:` or the meeting's date.
        let mut site = fixtures::site("https://example.org/");
        let i = site.meetings.iter().position(|m| m.slug == "ostergotland-2018").unwrap();
        site.meetings[i].updated = crate::model::PartialDate::parse("2019-02-01");
        let bodies: Vec<_> = fixtures::bodies(&site).into_iter().map(Some).collect();
        let xml = text(&files(&site, &bodies), "atom.xml");
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let updated: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name((ATOM, "updated")))
            .map(|n| n.text().unwrap_or_default())
            .collect();
        // The feed, Östergötland's entry, and Skåne's (only "2018": the latest exact date).
        assert_eq!(updated, ["2019-02-01T00:00:00+00:00", "2019-02-01T00:00:00+00:00", "2019-02-01T00:00:00+00:00"]);
    }

    /// Each entry's `updated`, by the meeting's slug in its id.
    fn entry_updated(site: &Site) -> Vec<(String, String)> {
        let bodies: Vec<_> = fixtures::bodies(site).into_iter().map(Some).collect();
        let xml = text(&files(site, &bodies), "atom.xml");
        let doc = roxmltree::Document::parse(&xml).unwrap();
        doc.descendants()
            .filter(|n| n.has_tag_name((ATOM, "entry")))
            .map(|e| {
                let child = |name: &str| {
                    e.children().find(|c| c.has_tag_name((ATOM, name))).and_then(|c| c.text()).unwrap_or_default()
                };
                (child("id").to_string(), child("updated").to_string())
            })
            .collect()
    }

    #[test]
    fn feeds_do_not_invent_january_first() {
        // Guards issue 31 item 3: a meeting known only by its year said "updated 1 January".
        // It takes the latest exact date the content gives, and without any the year's last day.
        let mut site = fixtures::site("https://example.org/");
        let skane = |u: &[(String, String)]| u.iter().find(|(id, _)| id.contains("skane-2018")).unwrap().1.clone();
        assert_eq!(skane(&entry_updated(&site)), "2018-05-16T00:00:00+00:00", "Östergötland's day is the latest known");
        let i = site.meetings.iter().position(|m| m.slug == "skane-2018").unwrap();
        site.meetings[i].updated = crate::model::PartialDate::parse("2019-03-04");
        assert_eq!(skane(&entry_updated(&site)), "2019-03-04T00:00:00+00:00", "its own updated: comes first");
        site.meetings[i].updated = None;
        for m in &mut site.meetings {
            m.date = crate::model::PartialDate::parse("2018").unwrap();
        }
        for (id, updated) in entry_updated(&site) {
            assert_eq!(updated, "2018-12-31T00:00:00+00:00", "{id}: no exact date anywhere: the year's last day");
        }
    }

    #[test]
    fn output_is_deterministic() {
        assert_eq!(feeds("https://example.org/"), feeds("https://example.org/"));
    }
}
