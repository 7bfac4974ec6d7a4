//! Rendering: the model → every output file, in memory. Pure: no disk, no network.

pub mod data;
pub mod feeds;
pub mod links;
pub mod map;
pub mod markdown;
pub mod pages;
pub mod search;
pub mod sitemap;
pub mod templates;

use crate::cache::{Memo, Scoped};
use crate::diagnostic::Diagnostic;
use crate::load::StaticFile;
use crate::model::{Body, PartialDate, Site, urls::output_file};
use bytes::Bytes;
use markdown::{MarkdownOptions, RenderedMarkdown};
use pages::{PageContext, Shared};
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;
use templates::Templates;
use tera::Context;

/// Escapes text for XML and HTML content and attribute values (the one escaper for markup
/// samtal writes itself: sitemap, map SVG, serve's overlay).
pub fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path inside the output folder, `/` separators.
    pub path: String,
    /// Shared, not copied: `serve` reuses unchanged pages from one rebuild to the next.
    pub bytes: Bytes,
}

pub struct RenderInput<'a> {
    pub site: &'a Site,
    pub templates: Templates,
    pub static_files: &'a [StaticFile],
    pub county_shapes: Option<&'a str>,
    pub today: PartialDate,
    /// What the build before produced (`serve`); `None` renders everything afresh and
    /// keeps nothing.
    pub cache: Option<&'a RenderCache>,
    /// Whether the site-wide files (feeds, sitemap, open data, search index) are rendered,
    /// or only listed: `check` needs their paths for the link check, not their bytes, and
    /// they are built by code from the validated model, so they cannot fail on content.
    pub site_files: SiteFiles,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SiteFiles {
    Render,
    PathsOnly,
}

/// What rendering found: the paths it produced (sorted) and the problems on the way.
/// The files themselves went to the sink.
pub struct Rendered {
    pub paths: Vec<String>,
    pub page_count: usize,
    pub diagnostics: Vec<Diagnostic>,
    /// For the next build, when the input carried a cache.
    pub cache: Option<RenderCache>,
}

/// Rendered Markdown by source path, keyed by the Markdown and its first line, under the
/// base path and the raw-HTML setting (which change how links and HTML come out).
type BodyMemo = Scoped<(String, bool), BodyKey, RenderedMarkdown>;

/// A body's Markdown and the file line it starts on.
type BodyKey = (Arc<str>, usize);

/// What a rendered page depends on besides its own context: every template's text and the
/// globals (site, menu, footer).
#[derive(PartialEq)]
struct PageScope {
    templates: Vec<(String, String)>,
    globals: Context,
}

/// A rendered page and the site links found in it.
#[derive(Clone)]
struct RenderedPage {
    bytes: Bytes,
    links: links::PageLinks,
}

/// One page's links, plus what the next build may reuse of it; or why it failed.
type PageOutcome = Result<(links::PageLinks, Option<(String, PageContext, RenderedPage)>), Box<Diagnostic>>;

/// What a rebuild can take over from the build before: bodies, search words and pages
/// whose inputs are equal (see [`crate::cache`]).
#[derive(Default)]
pub struct RenderCache {
    bodies: BodyMemo,
    search: search::EntryMemo,
    pages: Scoped<PageScope, PageContext, RenderedPage>,
    /// Each meeting's summary and follow-up items by slug: reused when equal, so the lists
    /// holding them compare by identity.
    summaries: HashMap<String, tera::Value>,
    follow_up_items: HashMap<String, Vec<(crate::model::Status, tera::Value)>>,
}

/// Receives each file as soon as it is rendered, from several threads: a build writes it
/// into the staging folder, `check` drops it, `serve` keeps it in memory. So no build ever
/// holds the whole output in memory.
pub type Sink<'a, E> = &'a (dyn Fn(OutputFile) -> Result<(), E> + Sync);

fn globals(site: &Site) -> Context {
    let urls = &site.urls;
    let mut ctx = Context::new();
    ctx.insert("lang", site.lang().code());
    ctx.insert("t", &site.lang().ui_strings());
    ctx.insert(
        "site",
        &serde_json::json!({
            "title": site.config.title, "description": site.config.description, "publisher": site.config.publisher,
        }),
    );
    let accessibility = site.pages.iter().find(|p| p.slug == "tillganglighet").map(|p| urls.page(&p.slug));
    ctx.insert(
        "urls",
        &serde_json::json!({
            "home": urls.home(), "meetings": urls.site("moten/"), "regions": urls.regions(), "themes": urls.topics(),
            "follow_ups": urls.follow_ups(), "search": urls.search(), "static": urls.base_path(),
            "feed": urls.site("atom.xml"), "accessibility": accessibility,
            "data_json": urls.site("data/meetings.json"), "data_csv": urls.site("data/meetings.csv"),
        }),
    );
    let footer: Vec<_> =
        site.pages.iter().map(|p| serde_json::json!({"title": p.title, "url": urls.page(&p.slug)})).collect();
    ctx.insert("footer_pages", &footer);
    ctx
}

/// Renders Markdown bodies in parallel, once each; reused by pages, feeds and search.
/// Bodies are `(source path, body)`. A body found unchanged in `memo` is taken from there;
/// the memo for the next build comes back when one was given.
fn render_bodies<'a>(
    site: &Site,
    docs: impl IndexedParallelIterator<Item = (&'a str, &'a Body)>,
    memo: Option<&BodyMemo>,
) -> (Vec<RenderedMarkdown>, Option<BodyMemo>) {
    let options = MarkdownOptions { urls: &site.urls, allow_raw_html: site.config.allow_raw_html };
    let render = |body: &Body| markdown::render(&body.markdown, body.first_line, &options);
    let Some(memo) = memo else {
        return (docs.map(|(_, body)| render(body)).collect(), None);
    };
    let scope = (site.urls.base_path().to_string(), site.config.allow_raw_html);
    let previous = memo.under(&scope);
    let rendered: Vec<(&str, BodyKey, RenderedMarkdown)> = docs
        .map(|(path, body)| {
            let key = (body.markdown.clone(), body.first_line);
            let html = previous.and_then(|p| p.get(path, &key)).cloned().unwrap_or_else(|| render(body));
            (path, key, html)
        })
        .collect();
    let mut next = Memo::default();
    let bodies = rendered
        .into_iter()
        .map(|(path, key, html)| {
            next.insert(path.to_string(), key, html.clone());
            html
        })
        .collect();
    (bodies, Some(Scoped::new(scope, next)))
}

/// Renders every file of the site into `sink`. Rendering problems are collected, not
/// fatal; only a failing sink (a write error) stops the render.
pub fn render_site<E: Send>(mut input: RenderInput<'_>, sink: Sink<'_, E>) -> Result<Rendered, E> {
    let site = input.site;
    let cache = input.cache;
    let page_scope = cache.map(|_| PageScope { templates: input.templates.texts(), globals: globals(site) });
    input.templates.set_globals(globals(site));
    let (bodies, meeting_memo) = render_bodies(
        site,
        site.meetings.par_iter().map(|m| (m.source_path.as_str(), &m.body)),
        cache.map(|c| &c.bodies),
    );
    let (page_bodies, _) = render_bodies(site, site.pages.par_iter().map(|p| (p.source_path.as_str(), &p.body)), None);
    let county_map = map::CountyMap::new(site, input.county_shapes);
    let mut diagnostics = Vec::new();
    if input.county_shapes.is_some() && county_map.render(None).is_empty() {
        diagnostics
            .push(Diagnostic::warning(crate::load::COUNTY_SHAPES_FILE, crate::diagnostic::Problem::MapDataUnusable));
    }
    let map = |highlight: Option<&str>| county_map.render(highlight);
    let (summaries, follow_up_items) = meeting_values(site, input.today, cache);
    let shared = Shared {
        site,
        summaries,
        bodies: &bodies,
        page_bodies: &page_bodies,
        today: input.today,
        map: &map,
        follow_up_regions: pages::follow_up_regions(site),
        follow_up_items,
        menus: pages::menus(site),
    };
    let mut kinds = pages::kinds(&shared);
    let page_count = kinds.len();
    let mut paths: Vec<String> = kinds.iter().map(|k| output_file(&k.inner(site))).collect();
    // A stable sort: long lists first, everything else in its order.
    kinds.sort_by_key(|k| !k.is_long_list());
    let templates = &input.templates;
    let previous_pages = match (cache, &page_scope) {
        (Some(c), Some(scope)) => c.pages.under(scope),
        _ => None,
    };
    // Pages and the site-wide files (feeds, sitemap, data, search index) render side by side.
    // Each page reports the site links its HTML contains, for the link check below.
    let (rendered_pages, extras) = rayon::join(
        || -> Result<Vec<PageOutcome>, E> {
            kinds
                .into_par_iter()
                // One page per task: a few pages list thousands of meetings, and rayon's
                // default chunks could leave one core rendering several of them alone.
                .with_max_len(1)
                .filter_map(|kind| pages::job(&shared, &kind))
                .map(|job| render_page(job, site, templates, previous_pages, cache.is_some(), sink))
                .collect()
        },
        || match input.site_files {
            SiteFiles::Render => data::extra_files(site, &bodies, &paths, cache.map(|c| &c.search)),
            SiteFiles::PathsOnly => (Vec::new(), None),
        },
    );
    let (extras, search_memo) = extras;
    if input.site_files == SiteFiles::PathsOnly {
        paths.extend(data::extra_paths(site));
    }
    let (page_links, page_memo, failures) = collect_pages(rendered_pages?);
    for d in failures {
        if !diagnostics.iter().any(|x: &Diagnostic| x.file == d.file && x.loc == d.loc) {
            diagnostics.push(d);
        }
    }
    let copies = input.static_files.iter().map(|f| OutputFile { path: f.path.clone(), bytes: f.bytes.clone().into() });
    for file in extras.into_iter().chain(copies) {
        paths.push(file.path.clone());
        sink(file)?;
    }
    paths.sort();
    paths.dedup();
    let known = links::KnownPaths::new(paths.iter().map(String::as_str));
    diagnostics.extend(links::check_bodies(site, &bodies, &page_bodies, &known));
    let all_bodies: Vec<&RenderedMarkdown> = bodies.iter().chain(&page_bodies).collect();
    diagnostics.extend(links::check_pages(&page_links, &known, &input.templates.paths(), &all_bodies));
    let by_slug = |i: usize| site.meetings[i].slug.clone();
    let cache = page_scope.map(|scope| RenderCache {
        bodies: meeting_memo.unwrap_or_default(),
        search: search_memo.unwrap_or_default(),
        pages: Scoped::new(scope, page_memo),
        summaries: (0..site.meetings.len()).map(|i| (by_slug(i), shared.summaries[i].clone())).collect(),
        follow_up_items: (0..site.meetings.len()).map(|i| (by_slug(i), shared.follow_up_items[i].clone())).collect(),
    });
    Ok(Rendered { paths, page_count, diagnostics, cache })
}

/// Each meeting's summary and follow-up items; with a cache, those equal to the previous
/// build's are that build's very values (so the lists holding them compare by identity).
fn meeting_values(
    site: &Site,
    today: PartialDate,
    cache: Option<&RenderCache>,
) -> (Vec<tera::Value>, Vec<Vec<(crate::model::Status, tera::Value)>>) {
    let summaries = pages::summaries(site);
    let follow_up_items = pages::follow_up_items(site, today);
    let Some(previous) = cache else {
        return (summaries, follow_up_items);
    };
    let slug = |i: usize| site.meetings[i].slug.clone();
    (
        pages::share_with_previous(summaries, slug, &previous.summaries, |a, b| a == b),
        pages::share_with_previous(follow_up_items, slug, &previous.follow_up_items, |a, b| a == b),
    )
}

/// Renders one page into `sink`, or takes it from the previous build when its context is
/// equal; with `keep`, returns what the next build may reuse.
fn render_page<E>(
    job: pages::PageJob,
    site: &Site,
    templates: &Templates,
    previous: Option<&Memo<PageContext, RenderedPage>>,
    keep: bool,
    sink: Sink<'_, E>,
) -> Result<PageOutcome, E> {
    let url = site.urls.site(&job.inner);
    let page = match previous.and_then(|p| p.get(&job.inner, &job.context)) {
        Some(page) => page.clone(),
        None => match templates.render(job.template, job.context.tera(), &url, site.lang()) {
            Ok(bytes) => {
                let links = links::PageLinks::scan(&bytes, &url, job.template, site.urls.base_path());
                RenderedPage { bytes: bytes.into(), links }
            }
            Err(d) => return Ok(Err(d)),
        },
    };
    let kept = keep.then(|| (job.inner.clone(), job.context, page.clone()));
    sink(OutputFile { path: output_file(&job.inner), bytes: page.bytes }).map(|()| Ok((page.links, kept)))
}

/// Splits the pages' outcomes into their links (for the link check), the pages the next
/// build may reuse, and the failures.
fn collect_pages(
    outcomes: Vec<PageOutcome>,
) -> (Vec<links::PageLinks>, Memo<PageContext, RenderedPage>, Vec<Diagnostic>) {
    let mut page_links = Vec::new();
    let mut memo = Memo::default();
    let mut failures = Vec::new();
    for outcome in outcomes {
        match outcome {
            Ok((links, kept)) => {
                page_links.push(links);
                if let Some((inner, context, page)) = kept {
                    memo.insert(inner, context, page);
                }
            }
            Err(d) => failures.push(*d),
        }
    }
    (page_links, memo, failures)
}
