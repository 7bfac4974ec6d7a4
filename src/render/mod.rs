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

use crate::diagnostic::Diagnostic;
use crate::memo::{Memo, Scoped};
use crate::model::layout::{COUNTY_SHAPES_FILE, StaticFile};
use crate::model::routes::{self, Route, output_file};
use crate::model::{Body, PartialDate, Site};
use bytes::Bytes;
use markdown::{MarkdownOptions, RenderedMarkdown};
use pages::{PageContext, PageKind, Shared};
use rayon::prelude::*;
use std::collections::HashMap;
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

/// Reads a body's text again, given its file's path (as in `source_path`): from the disk in
/// a build (see `load::ContentReader`), from memory in tests. Fails with a diagnostic for
/// the file when it cannot be read or no longer holds the text validated.
pub type BodyReader<'a> = &'a (dyn Fn(&str, &Body) -> Result<String, Box<Diagnostic>> + Sync);

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
    /// Each body's text, read again (the model keeps only where it is, see [`Body`]).
    pub read_body: BodyReader<'a>,
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
    /// How many pages and meeting bodies were rendered afresh rather than taken from the
    /// cache (what proves that a `serve` rebuild reuses the build before).
    pub work: RenderWork,
    pub diagnostics: Vec<Diagnostic>,
    /// For the next build, when the input carried a cache.
    pub cache: Option<RenderCache>,
}

/// Rendered Markdown by source path, keyed by the body (its text's fingerprint and where it
/// starts), under the base path and the raw-HTML setting (which change how links and HTML
/// come out).
type BodyMemo = Scoped<(String, bool), Body, RenderedMarkdown>;

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

/// What one page's task made besides the file it wrote. A build holds one per page until
/// every page is written, so what is rare is boxed.
#[derive(Default)]
struct PageOutcome {
    /// Why the template failed, if it did.
    failure: Option<Box<Diagnostic>>,
    broken_links: Vec<links::BrokenTemplateLink>,
    /// What the next build may reuse (with a cache).
    kept: Option<Box<KeptPage>>,
    meeting: Option<MeetingOutcome>,
}

/// A page the next build may reuse: its path, its context and what it rendered to.
type KeptPage = (String, PageContext, RenderedPage);

/// A meeting's search index entry, with its key for the next build's memo (with a cache).
type SearchEntry = (search::EntryJson, Option<Box<search::EntryKey>>);

/// What a meeting's page task made from the meeting's body, which is rendered there and
/// dropped there unless a feed or the next build needs it: so a build never holds every
/// rendered body at once.
struct MeetingOutcome {
    index: usize,
    body_problems: Vec<Diagnostic>,
    /// The search index entry (published meetings, when site-wide files are rendered).
    search_entry: Option<SearchEntry>,
    /// Kept for the feeds that carry the meeting, or for the next build.
    body: Option<RenderedMarkdown>,
}

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

/// How much rendering a build did itself, rather than take from the build before.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RenderWork {
    /// Pages whose template was rendered.
    pub pages: usize,
    /// Meeting bodies whose Markdown was rendered.
    pub bodies: usize,
}

#[derive(Default)]
struct WorkCounter {
    pages: std::sync::atomic::AtomicUsize,
    bodies: std::sync::atomic::AtomicUsize,
}

impl WorkCounter {
    fn page(&self) {
        self.pages.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }

    fn body(&self) {
        self.bodies.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }

    fn total(&self) -> RenderWork {
        use std::sync::atomic::Ordering::Relaxed;
        RenderWork { pages: self.pages.load(Relaxed), bodies: self.bodies.load(Relaxed) }
    }
}

/// A file written piece by piece into whatever the sink gives it (a file in a build, memory
/// in `serve`): the search index and the open data of a large site are hundreds of
/// megabytes, and are then never whole in memory.
pub struct StreamedFile<'a> {
    /// Path inside the output folder, `/` separators.
    pub path: String,
    pub write: WriteTo<'a>,
}

/// Writes a streamed file's bytes into `out`.
pub type WriteTo<'a> = Box<dyn FnOnce(&mut dyn std::io::Write) -> std::io::Result<()> + Send + 'a>;

/// A file of the site as rendering hands it over: whole, or to be streamed.
pub enum Output<'a> {
    Whole(OutputFile),
    Streamed(StreamedFile<'a>),
}

impl Output<'_> {
    /// Makes the file and drops its bytes (what `check` does with every file): a streamed
    /// page is rendered, and checked, as it is written.
    pub fn discard(self) {
        if let Output::Streamed(streamed) = self {
            // Writing into `io::sink` cannot fail.
            let _ = (streamed.write)(&mut std::io::sink());
        }
    }

    pub fn path(&self) -> &str {
        match self {
            Output::Whole(f) => &f.path,
            Output::Streamed(s) => &s.path,
        }
    }

    /// The file with its bytes in memory (for `serve` and tests).
    pub fn into_file(self) -> OutputFile {
        match self {
            Output::Whole(file) => file,
            Output::Streamed(streamed) => {
                let mut bytes = Vec::new();
                // Writing into memory cannot fail.
                let _ = (streamed.write)(&mut bytes);
                OutputFile { path: streamed.path, bytes: bytes.into() }
            }
        }
    }
}

/// Receives each file as soon as it is rendered, from several threads: a build writes it
/// into the staging folder, `check` drops it ([`Output::discard`]), `serve` keeps it in
/// memory. So no build ever holds the whole output in memory. A sink must write every
/// streamed file it is given (if only into `io::sink`): that is when the file is rendered.
/// Writing one may hand the sink other files (the search index is written while the
/// meetings' pages render), so a sink must not hold a lock while it writes a streamed file.
pub type Sink<'a, E> = &'a (dyn Fn(Output<'_>) -> Result<(), E> + Sync);

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
            "home": urls.home(), "meetings": urls.to(Route::Meetings), "regions": urls.regions(), "themes": urls.topics(),
            "follow_ups": urls.follow_ups(), "search": urls.search(), "static": urls.base_path(),
            "feed": urls.to(Route::Feed), "accessibility": accessibility,
            "data_json": urls.to(Route::DataJson), "data_csv": urls.to(Route::DataCsv),
        }),
    );
    let footer: Vec<_> =
        site.pages.iter().map(|p| serde_json::json!({"title": p.title, "url": urls.page(&p.slug)})).collect();
    ctx.insert("footer_pages", &footer);
    ctx
}

/// The free pages' bodies, read again and rendered, with their texts (for located link
/// problems); there are few. Meeting bodies are rendered in their pages' tasks instead (see
/// [`MeetingOutcome`]).
fn render_page_bodies(
    site: &Site,
    read_body: BodyReader<'_>,
) -> Vec<Result<(String, RenderedMarkdown), Box<Diagnostic>>> {
    let options = MarkdownOptions { urls: &site.urls, allow_raw_html: site.config.allow_raw_html };
    site.pages
        .par_iter()
        .map(|p| {
            let text = read_body(&p.source_path, &p.body)?;
            let rendered = markdown::render(&text, p.body.first_line, &options);
            Ok((text, rendered))
        })
        .collect()
}

/// Renders every file of the site into `sink`. Rendering problems are collected, not
/// fatal; only a failing sink (a write error) stops the render.
pub fn render_site<E: Send>(mut input: RenderInput<'_>, sink: Sink<'_, E>) -> Result<Rendered, E> {
    let site = input.site;
    let cache = input.cache;
    let globals = globals(site);
    let page_scope = cache.map(|_| PageScope { templates: input.templates.texts(), globals: globals.clone() });
    input.templates.set_globals(globals);
    let page_bodies = render_page_bodies(site, input.read_body);
    // A page whose body could not be read again fails the build (below); it renders empty.
    let page_rendered: Vec<RenderedMarkdown> = page_bodies
        .iter()
        .map(|b| b.as_ref().map_or_else(|_| RenderedMarkdown::empty(), |(_, rendered)| rendered.clone()))
        .collect();
    let county_map = map::CountyMap::new(site, input.county_shapes);
    let mut diagnostics = Vec::new();
    if input.county_shapes.is_some() && county_map.render(None).is_empty() {
        diagnostics.push(Diagnostic::warning(COUNTY_SHAPES_FILE, crate::diagnostic::Problem::MapDataUnusable));
    }
    let map = |highlight: Option<&str>| county_map.render(highlight);
    let (summaries, follow_up_items) = meeting_values(site, input.today, cache);
    let shared = Shared {
        site,
        summaries,
        page_bodies: &page_rendered,
        today: input.today,
        map: &map,
        follow_up_regions: pages::follow_up_regions(site),
        follow_up_items,
        menus: pages::menus(site),
    };
    let mut kinds = pages::kinds(&shared);
    let page_count = kinds.len();
    let page_paths: Vec<String> = kinds.iter().map(|k| output_file(&k.inner(site))).collect();
    // Every path of the build is known before anything is rendered, so each page checks its
    // links in its own task.
    let paths = every_path(site, &page_paths, input.static_files);
    let known = links::KnownPaths::new(paths.iter().map(String::as_str));
    let site_files = input.site_files == SiteFiles::Render;
    let scope = (site.urls.base_path().to_string(), site.config.allow_raw_html);
    let renderer = PageRenderer {
        shared: &shared,
        templates: &input.templates,
        known: &known,
        markdown: MarkdownOptions { urls: &site.urls, allow_raw_html: site.config.allow_raw_html },
        read_body: input.read_body,
        previous_pages: cache.zip(page_scope.as_ref()).and_then(|(c, scope)| c.pages.under(scope)),
        previous_bodies: cache.and_then(|c| c.bodies.under(&scope)),
        previous_search: cache.map(|c| &c.search),
        keep: cache.is_some(),
        carried_by_feeds: if site_files { feeds::carried(site) } else { Vec::new() },
        site_files,
        sink,
        stopped: Default::default(),
        work: WorkCounter::default(),
    };
    // The meetings' pages render in order, for the search index; the others long lists
    // first (a stable sort), side by side with the files made from the model alone.
    kinds.retain(|k| !matches!(k, PageKind::Meeting(_)));
    kinds.sort_by_key(|k| !k.is_long_list());
    let ((other_pages, meeting_pages), model_files_written) = rayon::join(
        || rayon::join(|| renderer.other_pages(kinds), || renderer.meeting_pages_and_index()),
        || match site_files {
            true => data::model_files(site, &page_paths).into_iter().try_for_each(sink),
            false => Ok(()),
        },
    );
    model_files_written?;
    let outcomes: Result<Vec<PageOutcome>, E> = other_pages.into_iter().chain(meeting_pages?).collect();
    let mut collected = collect_pages(outcomes?, site.meetings.len());
    diagnostics.append(&mut collected.failures);
    let feeds = if site_files { feeds::files(site, &collected.bodies) } else { Vec::new() };
    let copies = input.static_files.iter().map(|f| OutputFile { path: f.path.clone(), bytes: f.bytes.clone().into() });
    feeds.into_iter().chain(copies).map(Output::Whole).try_for_each(sink)?;
    diagnostics.append(&mut collected.body_problems);
    diagnostics.extend(page_body_problems(site, page_bodies, &known));
    diagnostics
        .extend(links::template_link_problems(std::mem::take(&mut collected.broken_links), &input.templates.paths()));
    let cache = page_scope.map(|scope| next_cache(site, &shared, scope, collected));
    Ok(Rendered { paths, page_count, work: renderer.work.total(), diagnostics, cache })
}

/// Every file's path in the output, sorted: the pages, the site-wide files and the static
/// files.
fn every_path(site: &Site, page_paths: &[String], static_files: &[StaticFile]) -> Vec<String> {
    let site_wide = routes::site_wide(site).into_iter().map(|r| r.output_file());
    let mut paths: Vec<String> = page_paths.iter().cloned().chain(site_wide).collect();
    paths.extend(static_files.iter().map(|f| f.path.clone()));
    paths.sort();
    paths.dedup();
    paths
}

/// The free pages' broken body links, and the bodies that could not be read again.
fn page_body_problems(
    site: &Site,
    page_bodies: Vec<Result<(String, RenderedMarkdown), Box<Diagnostic>>>,
    known: &links::KnownPaths,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (page, body) in site.pages.iter().zip(page_bodies) {
        match body {
            Ok((text, rendered)) => {
                problems.extend(links::check_body(&page.source_path, page.body.first_line, &rendered, known, || text))
            }
            Err(problem) => problems.push(*problem),
        }
    }
    problems
}

/// The cache for the build after this one.
fn next_cache(site: &Site, shared: &Shared<'_>, page_scope: PageScope, collected: Collected) -> RenderCache {
    let by_slug = |i: usize| site.meetings[i].slug.clone();
    let mut body_memo = Memo::default();
    for (m, body) in site.meetings.iter().zip(collected.bodies) {
        if let Some(body) = body {
            body_memo.insert(m.source_path.clone(), m.body, body);
        }
    }
    let mut search = search::EntryMemo::default();
    for (m, entry) in site.meetings.iter().zip(collected.search_entries) {
        if let Some((json, Some(key))) = entry {
            search.insert(m.slug.clone(), *key, json);
        }
    }
    let scope = (site.urls.base_path().to_string(), site.config.allow_raw_html);
    RenderCache {
        bodies: Scoped::new(scope, body_memo),
        search,
        pages: Scoped::new(page_scope, collected.page_memo),
        summaries: (0..site.meetings.len()).map(|i| (by_slug(i), shared.summaries[i].clone())).collect(),
        follow_up_items: (0..site.meetings.len()).map(|i| (by_slug(i), shared.follow_up_items[i].clone())).collect(),
    }
}

/// Each meeting's summary and follow-up items; with a cache, those equal to the previous
/// build's are that build's very values (so the lists holding them compare by identity).
fn meeting_values(
    site: &Site,
    today: PartialDate,
    cache: Option<&RenderCache>,
) -> (Vec<tera::Value>, Vec<Vec<(crate::model::Status, tera::Value)>>) {
    let summaries = pages::summaries(site);
    let follow_up_items = pages::follow_up_items(site, today, &summaries);
    let Some(previous) = cache else {
        return (summaries, follow_up_items);
    };
    let slug = |i: usize| site.meetings[i].slug.clone();
    (
        pages::share_with_previous(summaries, slug, &previous.summaries, |a, b| a == b),
        pages::share_with_previous(follow_up_items, slug, &previous.follow_up_items, |a, b| a == b),
    )
}

/// Everything a page's task needs: one per build, shared by all tasks.
struct PageRenderer<'a, E> {
    shared: &'a Shared<'a>,
    templates: &'a Templates,
    known: &'a links::KnownPaths,
    markdown: MarkdownOptions<'a>,
    read_body: BodyReader<'a>,
    previous_pages: Option<&'a Memo<PageContext, RenderedPage>>,
    previous_bodies: Option<&'a Memo<Body, RenderedMarkdown>>,
    previous_search: Option<&'a search::EntryMemo>,
    /// Whether to return what the next build may reuse.
    keep: bool,
    /// Per meeting, whether a feed carries it (empty when feeds are not rendered).
    carried_by_feeds: Vec<bool>,
    site_files: bool,
    sink: Sink<'a, E>,
    /// Set when the sink failed: the pages not yet started are skipped.
    stopped: std::sync::atomic::AtomicBool,
    work: WorkCounter,
}

impl<E: Send> PageRenderer<'_, E> {
    /// Pages other than the meetings', on all cores, in the order given.
    fn other_pages(&self, kinds: Vec<PageKind>) -> Vec<Result<PageOutcome, E>> {
        kinds
            .into_par_iter()
            // One page per task: a few pages list thousands of meetings, and rayon's
            // default chunks could leave one core rendering several of them alone.
            .with_max_len(1)
            .map(|kind| self.render(&kind))
            // Into one slot per page (collecting into a `Result` would make a small vector
            // per page: kilobytes each at 100,000 pages).
            .collect()
    }

    /// The meetings' pages, with the search index written as they are rendered (when the
    /// site-wide files are): the index is streamed into the sink, and its entries are
    /// made by the meetings' page tasks.
    fn meeting_pages_and_index(&self) -> Result<Vec<Result<PageOutcome, E>>, E> {
        if !self.site_files {
            return Ok(self.meeting_pages(None).0);
        }
        let mut rendered = None;
        let write = |out: &mut dyn std::io::Write| {
            let mut index = search::IndexWriter::start(out)?;
            let (outcomes, written) = self.meeting_pages(Some(&mut index));
            rendered = Some(outcomes);
            written.and_then(|()| index.finish())
        };
        (self.sink)(Output::Streamed(StreamedFile { path: Route::SearchIndex.output_file(), write: Box::new(write) }))?;
        // A sink that never wrote the index did not render the meetings either.
        Ok(rendered.unwrap_or_else(|| self.meeting_pages(None).0))
    }

    /// Every meeting's page, in `site.meetings` order, in batches rendered on all cores. After
    /// each batch its search entries go to `index`, in order, and are dropped (unless the
    /// next build keeps them).
    fn meeting_pages(
        &self,
        mut index: Option<&mut search::IndexWriter<'_>>,
    ) -> (Vec<Result<PageOutcome, E>>, std::io::Result<()>) {
        // Large enough that both cores stay busy, small enough that a batch's entries are few.
        const BATCH: usize = 512;
        let count = self.shared.site.meetings.len();
        let mut outcomes = Vec::with_capacity(count);
        let mut written = Ok(());
        for start in (0..count).step_by(BATCH) {
            let mut batch: Vec<Result<PageOutcome, E>> = (start..count.min(start + BATCH))
                .into_par_iter()
                .with_max_len(1)
                .map(|i| self.render(&PageKind::Meeting(i)))
                .collect();
            if let Some(index) = index.as_deref_mut()
                && written.is_ok()
            {
                written = self.write_entries(index, &mut batch);
            }
            outcomes.append(&mut batch);
        }
        (outcomes, written)
    }

    /// Writes a batch's search entries to the index, in order.
    fn write_entries(
        &self,
        index: &mut search::IndexWriter<'_>,
        batch: &mut [Result<PageOutcome, E>],
    ) -> std::io::Result<()> {
        for meeting in batch.iter_mut().flatten().filter_map(|o| o.meeting.as_mut()) {
            if let Some((json, _)) = &meeting.search_entry
                && let Err(e) = index.entry(json)
            {
                self.stopped.store(true, std::sync::atomic::Ordering::Relaxed);
                return Err(e);
            }
            if !self.keep {
                meeting.search_entry = None;
            }
        }
        Ok(())
    }

    /// Renders one page into the sink; a meeting's page also renders its body, and with it
    /// the meeting's search entry and body link check.
    fn render(&self, kind: &PageKind) -> Result<PageOutcome, E> {
        use std::sync::atomic::Ordering::Relaxed;
        if self.stopped.load(Relaxed) {
            return Ok(PageOutcome::default());
        }
        let outcome = self.render_page(kind);
        if outcome.is_err() {
            self.stopped.store(true, Relaxed);
        }
        outcome
    }

    fn render_page(&self, kind: &PageKind) -> Result<PageOutcome, E> {
        let site = self.shared.site;
        let PageKind::Meeting(index) = *kind else {
            let body = match kind {
                PageKind::FreePage(i) => self.shared.page_bodies.get(*i),
                _ => None,
            };
            return match pages::job(self.shared, kind, None) {
                // A long list (up to a hundred megabytes at 100,000 meetings) is written
                // straight into its file, unless the next build keeps it.
                Some(job) if kind.is_long_list() && !self.keep => self.streamed_page(job),
                Some(job) => self.page(job, body),
                None => Ok(PageOutcome::default()),
            };
        };
        let m = &site.meetings[index];
        let read = || (self.read_body)(&m.source_path, &m.body);
        // The text is read only when the body is not the previous build's.
        let (body, text) = match self.previous_bodies.and_then(|memo| memo.get(&m.source_path, &m.body)) {
            Some(body) => (body.clone(), None),
            None => match read() {
                Ok(text) => {
                    self.work.body();
                    (markdown::render(&text, m.body.first_line, &self.markdown), Some(text))
                }
                Err(problem) => {
                    let failed =
                        MeetingOutcome { index, body_problems: vec![*problem], search_entry: None, body: None };
                    return Ok(PageOutcome { meeting: Some(failed), ..PageOutcome::default() });
                }
            },
        };
        let mut outcome = match pages::job(self.shared, kind, Some(&body)) {
            Some(job) => self.page(job, Some(&body))?,
            None => PageOutcome::default(),
        };
        let search_entry = (self.site_files && !m.draft).then(|| search::entry(site, m, &body, self.previous_search));
        let carried = self.carried_by_feeds.get(index).copied().unwrap_or(false);
        let text = move || text.or_else(|| read().ok()).unwrap_or_default();
        outcome.meeting = Some(MeetingOutcome {
            index,
            body_problems: links::check_body(&m.source_path, m.body.first_line, &body, self.known, text),
            search_entry,
            body: (carried || self.keep).then_some(body),
        });
        Ok(outcome)
    }

    /// Renders a page straight into the sink, finding its links as it is written.
    fn streamed_page(&self, job: pages::PageJob) -> Result<PageOutcome, E> {
        let site = self.shared.site;
        let url = site.urls.site(&job.inner);
        let mut rendered = None;
        let write = |out: &mut dyn std::io::Write| {
            self.work.page();
            let scanning = ScanningWriter { out, scanner: links::LinkScanner::new(site.urls.base_path()), error: None };
            // Templates write in many small pieces; they are scanned in large ones.
            let mut buffered = std::io::BufWriter::with_capacity(64 * 1024, scanning);
            let result = self.templates.render_to(job.template, job.context.tera(), &url, site.lang(), &mut buffered);
            let flushed = std::io::Write::flush(&mut buffered);
            let scanning = buffered.into_parts().0;
            // A failed write is the sink's error, not the template's.
            if let Some(error) = scanning.error {
                return Err(error);
            }
            flushed?;
            rendered = Some(result.map(|()| scanning.scanner));
            Ok(())
        };
        let path = output_file(&job.inner);
        (self.sink)(Output::Streamed(StreamedFile { path, write: Box::new(write) }))?;
        Ok(match rendered {
            Some(Ok(scanner)) => PageOutcome {
                broken_links: scanner.finish(&url, job.template).broken(self.known, None),
                ..PageOutcome::default()
            },
            Some(Err(failure)) => PageOutcome { failure: Some(failure), ..PageOutcome::default() },
            None => PageOutcome::default(),
        })
    }

    fn render_template(&self, job: &pages::PageJob, url: &str) -> Result<Vec<u8>, Box<Diagnostic>> {
        self.work.page();
        self.templates.render(job.template, job.context.tera(), url, self.shared.site.lang())
    }

    /// Renders a page into the sink, or takes it from the previous build when its context is
    /// equal; its links are checked, leaving out those its `body` wrote.
    fn page(&self, job: pages::PageJob, body: Option<&RenderedMarkdown>) -> Result<PageOutcome, E> {
        let site = self.shared.site;
        let url = site.urls.site(&job.inner);
        let page = match self.previous_pages.and_then(|p| p.get(&job.inner, &job.context)) {
            Some(page) => page.clone(),
            None => match self.render_template(&job, &url) {
                Ok(bytes) => {
                    let links = links::PageLinks::scan(&bytes, &url, job.template, site.urls.base_path());
                    RenderedPage { bytes: bytes.into(), links }
                }
                Err(d) => return Ok(PageOutcome { failure: Some(d), ..PageOutcome::default() }),
            },
        };
        let broken_links = page.links.broken(self.known, body);
        let kept = self.keep.then(|| Box::new((job.inner.clone(), job.context, page.clone())));
        (self.sink)(Output::Whole(OutputFile { path: output_file(&job.inner), bytes: page.bytes }))?;
        Ok(PageOutcome { failure: None, broken_links, kept, meeting: None })
    }
}

/// Passes a page on to `out`, finding its links on the way.
struct ScanningWriter<'w> {
    out: &'w mut dyn std::io::Write,
    scanner: links::LinkScanner,
    /// The first error of `out` (a template error wraps it, and would hide it).
    error: Option<std::io::Error>,
}

impl std::io::Write for ScanningWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self.out.write(buf) {
            Ok(written) => {
                self.scanner.feed(&buf[..written]);
                Ok(written)
            }
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => Err(error),
            Err(error) => {
                let kind = error.kind();
                self.error.get_or_insert(error);
                Err(kind.into())
            }
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// The pages' outcomes, gathered: meeting by-products in `site.meetings` order, the rest in
/// page order.
struct Collected {
    failures: Vec<Diagnostic>,
    broken_links: Vec<links::BrokenTemplateLink>,
    page_memo: Memo<PageContext, RenderedPage>,
    body_problems: Vec<Diagnostic>,
    search_entries: Vec<Option<SearchEntry>>,
    bodies: Vec<Option<RenderedMarkdown>>,
}

fn collect_pages(outcomes: Vec<PageOutcome>, meeting_count: usize) -> Collected {
    let mut c = Collected {
        failures: Vec::new(),
        broken_links: Vec::new(),
        page_memo: Memo::default(),
        body_problems: Vec::new(),
        search_entries: (0..meeting_count).map(|_| None).collect(),
        bodies: (0..meeting_count).map(|_| None).collect(),
    };
    let mut body_problems: Vec<Vec<Diagnostic>> = (0..meeting_count).map(|_| Vec::new()).collect();
    for outcome in outcomes {
        // A template error shows on many pages; it is reported once.
        if let Some(d) = outcome.failure
            && !c.failures.iter().any(|x: &Diagnostic| x.file == d.file && x.loc == d.loc)
        {
            c.failures.push(*d);
        }
        c.broken_links.extend(outcome.broken_links);
        if let Some(kept) = outcome.kept {
            let (inner, context, page) = *kept;
            c.page_memo.insert(inner, context, page);
        }
        if let Some(m) = outcome.meeting {
            body_problems[m.index] = m.body_problems;
            c.search_entries[m.index] = m.search_entry;
            c.bodies[m.index] = m.body;
        }
    }
    c.body_problems = body_problems.into_iter().flatten().collect();
    c
}
