//! The pages of the site: their kinds, their contexts (built in `contexts.rs`, one function
//! per kind: what each template receives, see docs/templates.md) and what all pages share.
//! Lists are built from precomputed summaries, so no page copies the whole site.

pub mod attachments;
mod contexts;
mod rounds;

use contexts::*;
pub use contexts::{CONTENT_LANG, follow_up_items, follow_up_regions};

use super::markdown::RenderedMarkdown;
use crate::i18n::Lang;
use crate::model::routes::Route;
use crate::model::{PartialDate, Site, Status};
use serde::Serialize;
use std::borrow::Cow;
use std::collections::HashMap;
use tera::value::Key;
use tera::{Context, Value};

/// A page to render: where it goes, with which template and context.
pub struct PageJob {
    /// The page's URL path inside the site (`moten/x/`, `404.html`).
    pub inner: String,
    pub template: &'static str,
    pub context: PageContext,
}

/// A page's template context that also knows its keys, so `serve` can compare it with the
/// previous build's quickly: values shared with that build (the meeting summaries in every
/// list) are recognised by identity instead of being walked.
#[derive(Default)]
pub struct PageContext {
    context: Context,
    keys: Vec<Cow<'static, str>>,
}

impl PageContext {
    pub fn insert<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        self.insert_value(key, Value::from_serializable(value));
    }

    pub fn insert_value(&mut self, key: &'static str, value: Value) {
        if !self.context.contains_key(key) {
            self.keys.push(Cow::Borrowed(key));
        }
        self.context.insert_value(key, value);
    }

    /// What the template receives.
    pub fn tera(&self) -> &Context {
        &self.context
    }
}

impl PartialEq for PageContext {
    fn eq(&self, other: &Self) -> bool {
        self.keys.len() == other.keys.len()
            && self.keys.iter().all(|key| match (self.context.get(key), other.context.get(key)) {
                (Some(a), Some(b)) => same_value(a, b),
                _ => false,
            })
    }
}

/// Tera's equality, but a map or list that is the very same shared value is equal at once.
fn same_value(a: &Value, b: &Value) -> bool {
    if let (Some(x), Some(y)) = (a.as_map(), b.as_map()) {
        return std::ptr::eq(x, y)
            || (x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same_value(v, w))));
    }
    if let (Some(x), Some(y)) = (a.as_array(), b.as_array()) {
        return std::ptr::eq(x, y) || (x.len() == y.len() && x.iter().zip(y).all(|(v, w)| same_value(v, w)));
    }
    // A long string (a body's HTML) shared by both is one allocation, and so one value.
    if let (Some(x), Some(y)) = (a.as_str(), b.as_str())
        && std::ptr::eq(x, y)
    {
        return true;
    }
    a == b
}

/// `values`, with each one equal to the previous build's value of the same name replaced by
/// that value, so that contexts listing it compare by identity ([`PageContext`]).
pub fn share_with_previous<T>(
    values: Vec<T>,
    name: impl Fn(usize) -> String,
    previous: &std::collections::HashMap<String, T>,
    equal: impl Fn(&T, &T) -> bool,
) -> Vec<T>
where
    T: Clone,
{
    values
        .into_iter()
        .enumerate()
        .map(|(i, value)| match previous.get(&name(i)) {
            Some(old) if equal(old, &value) => old.clone(),
            _ => value,
        })
        .collect()
}

/// Which page: a small descriptor, so the list of every page costs next to nothing and each
/// context is built inside the parallel render and dropped once its page is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageKind {
    Home,
    MeetingsIndex,
    RegionsIndex,
    TopicsIndex,
    /// Index into `site.meetings`.
    Meeting(usize),
    /// `/moten/<round>/`: index into `site.rounds.list`.
    Round(usize),
    /// A county or grouping slug.
    Region(String),
    /// A theme slug.
    Topic(String),
    /// `/uppfoljning/`, or its page for one region.
    FollowUps(Option<String>),
    Search,
    /// `/data/`: the open data, its columns, licence and sizes.
    Data,
    /// Index into `site.pages`.
    FreePage(usize),
    /// The accessibility statement (only with `accessibility:` in site.yaml).
    Accessibility,
    NotFound,
}

impl PageKind {
    /// The page's URL path inside the site (`moten/x/`, `404.html`), as its job will have it.
    pub fn inner(&self, site: &Site) -> String {
        self.route(site).path()
    }

    /// The page's entry in the route table.
    pub fn route<'s>(&'s self, site: &'s Site) -> Route<'s> {
        match self {
            PageKind::Home => Route::Home,
            PageKind::MeetingsIndex => Route::Meetings,
            PageKind::RegionsIndex => Route::Regions,
            PageKind::TopicsIndex => Route::Topics,
            PageKind::Meeting(i) => Route::Meeting(&site.meetings[*i].slug),
            PageKind::Round(i) => Route::Round(&site.rounds.list[*i].slug),
            PageKind::Region(slug) => Route::Region(slug),
            PageKind::Topic(slug) => Route::Topic(slug),
            PageKind::FollowUps(None) => Route::FollowUps,
            PageKind::FollowUps(Some(r)) => Route::RegionFollowUps(r),
            PageKind::Search => Route::Search,
            PageKind::Data => Route::DataPage,
            PageKind::FreePage(i) => Route::Page(&site.pages[*i].slug),
            PageKind::Accessibility => Route::Accessibility,
            PageKind::NotFound => Route::NotFound,
        }
    }

    /// Pages that list every meeting (or a large share of them) take longest; they go
    /// first so that no core is left finishing one of them alone at the end.
    pub fn is_long_list(&self) -> bool {
        matches!(
            self,
            PageKind::MeetingsIndex
                | PageKind::Round(_)
                | PageKind::FollowUps(None)
                | PageKind::Region(_)
                | PageKind::Topic(_)
        )
    }
}

/// Builds the page's context: `None` only for a region or theme that does not exist, or a
/// meeting page without its `body` (rendered by the caller, which uses it for more than the
/// page). The page's path comes from [`PageKind::inner`] alone, the same that lists the
/// build's files.
pub fn job(s: &Shared<'_>, kind: &PageKind, body: Option<&RenderedMarkdown>) -> Option<PageJob> {
    let inner = kind.inner(s.site);
    Some(match kind {
        PageKind::Home => home(s, inner),
        PageKind::MeetingsIndex => meetings_index(s, inner),
        PageKind::RegionsIndex => regions_index(s, inner),
        PageKind::TopicsIndex => topics_index(s, inner),
        PageKind::Meeting(i) => meeting(s, inner, *i, body?),
        PageKind::Round(i) => return rounds::page(s, inner, *i),
        PageKind::Region(slug) => return region(s, inner, slug),
        PageKind::Topic(slug) => return topic(s, inner, slug),
        PageKind::FollowUps(r) => follow_ups(s, inner, r.as_deref()),
        PageKind::Search => search(s, inner),
        PageKind::Data => data_page(s, inner),
        PageKind::FreePage(i) => free_page(s, inner, *i),
        PageKind::Accessibility => return accessibility(s, inner),
        PageKind::NotFound => not_found(s, inner),
    })
}

/// Every page of the site, in a stable order.
pub fn kinds(s: &Shared<'_>) -> Vec<PageKind> {
    kinds_of(s.site, &s.follow_up_regions)
}

/// [`kinds`], from the site and the regions that have follow-up pages.
pub fn kinds_of(site: &Site, follow_up_regions: &[String]) -> Vec<PageKind> {
    let mut kinds = vec![PageKind::Home, PageKind::MeetingsIndex, PageKind::RegionsIndex, PageKind::TopicsIndex];
    kinds.extend((0..site.meetings.len()).map(PageKind::Meeting));
    kinds.extend((0..site.rounds.list.len()).map(PageKind::Round));
    let region_slugs =
        site.registry.counties.iter().map(|c| &c.slug).chain(site.registry.groupings.iter().map(|g| &g.slug));
    kinds.extend(region_slugs.map(|slug| PageKind::Region(slug.clone())));
    kinds.extend(site.topics.iter().map(|t| PageKind::Topic(t.slug.clone())));
    kinds.push(PageKind::FollowUps(None));
    kinds.extend(follow_up_regions.iter().map(|r| PageKind::FollowUps(Some(r.clone()))));
    kinds.push(PageKind::Search);
    kinds.push(PageKind::Data);
    kinds.extend((0..site.pages.len()).map(PageKind::FreePage));
    if site.config.accessibility.is_some() {
        kinds.push(PageKind::Accessibility);
    }
    kinds.push(PageKind::NotFound);
    kinds
}

#[derive(Serialize)]
struct Link {
    slug: String,
    name: String,
    url: String,
}

#[derive(Serialize)]
struct Crumb {
    title: String,
    url: String,
}

#[derive(Serialize)]
struct MeetingSummary<'a> {
    slug: &'a str,
    url: String,
    title: &'a str,
    date: String,
    date_display: String,
    date_exact: bool,
    summary: Option<&'a str>,
    draft: bool,
}

#[derive(Serialize)]
struct FollowUpView<'a> {
    action: &'a str,
    owner: Option<&'a str>,
    due: Option<String>,
    due_display: Option<String>,
    status: &'static str,
    status_label: &'static str,
    overdue: bool,
    id: Option<&'a str>,
    done: Option<String>,
    done_display: Option<String>,
    /// "Klar i februari 2019": the done date as month and year in words.
    done_label: Option<String>,
    note: Option<&'a str>,
    /// When it was last said where the action stands: its latest report's meeting date.
    updated: String,
    updated_display: String,
}

/// A follow-up as the follow-up pages list it (plus its meeting, regions and history).
#[derive(Serialize)]
struct FollowUpItem<'a> {
    action: &'a str,
    owner: Option<&'a str>,
    due_display: Option<String>,
    overdue: bool,
    done: Option<String>,
    done_display: Option<String>,
    done_label: Option<String>,
    note: Option<&'a str>,
    /// When it was last said where the action stands: its latest report's meeting date.
    updated: String,
    updated_display: String,
}

#[derive(Serialize)]
struct Counted {
    slug: String,
    name: String,
    url: String,
    count: usize,
    /// For a county: meetings held with groupings it belongs to (not in `count`).
    grouping_count: usize,
}

/// Everything shared by all pages of one build, computed once.
pub struct Shared<'a> {
    pub site: &'a Site,
    /// One summary per meeting, in `site.meetings` order.
    pub summaries: Vec<Value>,
    pub page_bodies: &'a [RenderedMarkdown],
    pub today: PartialDate,
    pub map: &'a (dyn Fn(Option<&str>) -> String + Sync),
    /// Regions with at least one follow-up, in name order: each has a follow-up page.
    pub follow_up_regions: Vec<String>,
    /// Per meeting, its follow-ups as listed on the follow-up pages ([`follow_up_items`]).
    pub follow_up_items: Vec<Vec<(Status, Value)>>,
    /// The main menu of each section, with that section marked current ([`menus`]).
    pub menus: Vec<(&'static str, Value)>,
    /// The open-data tables' sizes in bytes, for `/data/` ([`crate::render::data::sizes`]).
    pub data_sizes: Vec<(Route<'a>, u64)>,
}

impl Shared<'_> {
    fn lang(&self) -> Lang {
        self.site.lang()
    }

    fn t(&self, key: &str) -> String {
        self.lang().ui(key).to_string()
    }

    fn region_link(&self, slug: &str) -> Link {
        region_link(self.site, slug)
    }

    fn topic_link(&self, slug: &str) -> Link {
        topic_link(self.site, slug)
    }

    fn list(&self, indexes: &[usize]) -> Value {
        Value::from(indexes.iter().map(|&i| self.summaries[i].clone()).collect::<Vec<_>>())
    }

    /// The context every page starts from.
    fn base(&self, kind: &str, title: &str, description: &str, inner: &str, crumbs: Vec<Crumb>) -> PageContext {
        let urls = &self.site.urls;
        let mut ctx = PageContext::default();
        ctx.insert("kind", kind);
        ctx.insert("page_title", title);
        ctx.insert(
            "page_description",
            if description.is_empty() { self.site.config.description.as_str() } else { description },
        );
        ctx.insert("canonical", &urls.absolute(inner));
        let section = section_of(kind);
        if let Some((_, menu)) = self.menus.iter().find(|(s, _)| *s == section).or(self.menus.last()) {
            ctx.insert_value("nav", menu.clone());
        }
        let mut trail = vec![Crumb { title: self.t("home"), url: urls.home() }];
        trail.extend(crumbs);
        ctx.insert("breadcrumbs", &trail);
        // Absolute (with a host in base_url): readers subscribe to these links from anywhere.
        ctx.insert("feeds", &vec![Crumb { title: self.t("feed"), url: urls.absolute_to(Route::Feed) }]);
        ctx
    }

    fn with_feed(&self, ctx: &mut PageContext, title: &str, feed: Route<'_>) {
        let urls = &self.site.urls;
        let feeds = vec![
            Crumb { title: self.t("feed"), url: urls.absolute_to(Route::Feed) },
            Crumb { title: format!("{} – {title}", self.t("feed")), url: urls.absolute_to(feed) },
        ];
        ctx.insert("feeds", &feeds);
        ctx.insert("feed_url", &urls.to(feed));
    }
}

/// The sections of the main menu, in menu order (title key, section).
const MENU: [&str; 6] = ["home", "meetings", "regions", "themes", "follow_ups", "search"];

/// The main menu once per section (with that section marked current), plus one with none
/// current, last: every page gets one of these instead of building its own.
pub fn menus(site: &Site) -> Vec<(&'static str, Value)> {
    let urls = &site.urls;
    let lang = site.lang();
    let url = |section: &str| match section {
        "home" => urls.home(),
        "meetings" => urls.to(Route::Meetings),
        "regions" => urls.regions(),
        "themes" => urls.topics(),
        "follow_ups" => urls.follow_ups(),
        _ => urls.search(),
    };
    let menu = |current: &str| {
        let items: Vec<Value> = MENU
            .iter()
            .map(|&section| {
                Value::from_serializable(
                    &serde_json::json!({"title": lang.ui(section), "url": url(section), "current": current == section}),
                )
            })
            .collect();
        Value::from(items)
    };
    MENU.iter().map(|&section| (section, menu(section))).chain(std::iter::once(("", menu("")))).collect()
}

/// The menu section a page kind belongs to (a meeting page is under "meetings").
/// A schema.org JSON-LD block for a `<script type="application/ld+json">`: `<` is escaped
/// (`\u003c`), so no text in it can end the script element.
pub fn json_ld(value: &serde_json::Value) -> Value {
    let text = serde_json::to_string(value).unwrap_or_default().replace('<', "\\u003c");
    Value::safe_string(&text)
}

fn section_of(kind: &str) -> &str {
    match kind {
        "meeting" | "round" => "meetings",
        "region" => "regions",
        "theme" => "themes",
        other => other,
    }
}

fn region_link(site: &Site, slug: &str) -> Link {
    Link { slug: slug.into(), name: site.region_name(slug), url: site.urls.region(slug) }
}

fn topic_link(site: &Site, slug: &str) -> Link {
    Link { slug: slug.into(), name: site.topic_name(slug), url: site.urls.topic(slug) }
}

/// Each region's or theme's link (slug, name, url) as a template value, made once per build:
/// every summary naming it holds the same shared value, not a copy.
fn link_values(site: &Site) -> (HashMap<&str, Value>, HashMap<&str, Value>) {
    let link = |make: fn(&Site, &str) -> Link, slug| (slug, Value::from_serializable(&make(site, slug)));
    let region_slugs = site
        .registry
        .counties
        .iter()
        .map(|c| c.slug.as_str())
        .chain(site.registry.groupings.iter().map(|g| g.slug.as_str()));
    let regions = region_slugs.map(|r| link(region_link, r)).collect();
    let topics = site.topics.iter().map(|t| link(topic_link, t.slug.as_str())).collect();
    (regions, topics)
}

/// One summary per meeting, in `site.meetings` order: what every list of meetings shows.
pub fn summaries(site: &Site) -> Vec<Value> {
    use rayon::prelude::*;
    let lang = site.lang();
    let (region_links, topic_links) = link_values(site);
    let links = |slugs: &[String], shared: &HashMap<&str, Value>, make: fn(&Site, &str) -> Link| {
        let values: Vec<Value> = slugs
            .iter()
            .map(|s| shared.get(s.as_str()).cloned().unwrap_or_else(|| Value::from_serializable(&make(site, s))))
            .collect();
        Value::from(values)
    };
    site.meetings
        .par_iter()
        .map(|m| {
            let mut summary = Value::from_serializable(&MeetingSummary {
                slug: &m.slug,
                url: site.urls.meeting(&m.slug),
                title: &m.title,
                date: m.date.to_string(),
                date_display: m.date.display(lang),
                date_exact: m.date.is_exact(),
                summary: m.summary.as_deref(),
                draft: m.draft,
            })
            .into_map()
            .unwrap_or_default();
            summary.insert(Key::Str("regions"), links(&m.regions, &region_links, region_link));
            summary.insert(Key::Str("themes"), links(&m.topics, &topic_links, topic_link));
            Value::from(summary)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn context(entries: &[(&'static str, Value)]) -> PageContext {
        let mut ctx = PageContext::default();
        for (key, value) in entries {
            ctx.insert_value(key, value.clone());
        }
        ctx
    }

    fn summary(title: &str) -> Value {
        Value::from_serializable(&serde_json::json!({"title": title, "regions": [{"name": "Skåne"}]}))
    }

    #[test]
    fn contexts_are_equal_when_their_values_are_equal_shared_or_not() {
        let shared = Value::from(vec![summary("A"), summary("B")]);
        let a = context(&[("kind", "meeting".into()), ("meetings", shared.clone())]);
        let b = context(&[("kind", "meeting".into()), ("meetings", shared)]);
        assert!(a == b, "the same shared list");
        let c = context(&[("kind", "meeting".into()), ("meetings", Value::from(vec![summary("A"), summary("B")]))]);
        assert!(a == c, "an equal list built anew");
    }

    #[test]
    fn contexts_differ_in_any_value_or_key() {
        let a = context(&[("kind", "meeting".into()), ("meetings", Value::from(vec![summary("A")]))]);
        let changed = context(&[("kind", "meeting".into()), ("meetings", Value::from(vec![summary("Ä")]))]);
        let longer =
            context(&[("kind", "meeting".into()), ("meetings", Value::from(vec![summary("A"), summary("A")]))]);
        let more_keys = context(&[
            ("kind", "meeting".into()),
            ("meetings", Value::from(vec![summary("A")])),
            ("extra", Value::from(1)),
        ]);
        let other_key = context(&[("kind", "meeting".into()), ("list", Value::from(vec![summary("A")]))]);
        for other in [changed, longer, more_keys, other_key] {
            assert!(a != other);
        }
    }

    #[test]
    fn unchanged_values_are_taken_from_the_previous_build() {
        let previous: std::collections::HashMap<String, Value> =
            [("a".to_string(), summary("A")), ("b".to_string(), summary("B"))].into();
        let names = ["a", "b", "c"];
        let fresh = vec![summary("A"), summary("B2"), summary("C")];
        let shared = share_with_previous(fresh, |i| names[i].to_string(), &previous, |x, y| x == y);
        let same_object = |x: &Value, y: &Value| std::ptr::eq(x.as_map().unwrap(), y.as_map().unwrap());
        assert!(same_object(&shared[0], &previous["a"]), "equal: the previous value");
        assert!(!same_object(&shared[1], &previous["b"]), "changed: the new value");
        assert_eq!(shared[1], summary("B2"));
        assert_eq!(shared[2], summary("C"));
    }
}
