//! How the pages are rendered within bounded memory: on all cores, one page per task, each
//! handed to the sink as soon as it is made. A meeting's body is read again and rendered in
//! its page's task (and used there for the search entry and the body's link check); the
//! meetings render in ordered batches that feed the search indexer, so each batch's
//! documents are indexed and dropped; the long list pages are streamed into their
//! files and link-checked as they are written. `render_site` sees only [`PageRenderer`]'s
//! two calls and the [`Collected`] outcomes.

use super::markdown::{self, MarkdownOptions, RenderedMarkdown};
use super::output::{Output, OutputFile, Sink, StreamedFile};
use super::pages::{self, PageContext, PageKind, Shared};
use super::reuse::RenderedPage;
use super::templates::Templates;
use super::{BodyReader, links, search};
use crate::diagnostic::Diagnostic;
use crate::memo::Memo;
use crate::model::routes::output_file;
use rayon::prelude::*;

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
pub(super) type SearchEntry = (search::Entry, Option<Box<search::EntryKey>>);

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
    /// CPU time spent making the search index, summed over threads (for BENCHMARKS.md).
    index_nanos: std::sync::atomic::AtomicU64,
}

impl WorkCounter {
    fn page(&self) {
        self.pages.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }

    fn body(&self) {
        self.bodies.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }

    /// Runs `f`, counting the CPU time it took as the search index's.
    fn indexing<T>(&self, f: impl FnOnce() -> T) -> T {
        let started = thread_cpu_nanos();
        let made = f();
        let nanos = thread_cpu_nanos().saturating_sub(started);
        self.index_nanos.fetch_add(nanos, std::sync::atomic::Ordering::Relaxed);
        made
    }

    fn total(&self) -> RenderWork {
        use std::sync::atomic::Ordering::Relaxed;
        RenderWork { pages: self.pages.load(Relaxed), bodies: self.bodies.load(Relaxed) }
    }
}

/// The CPU time of the calling thread, in nanoseconds (0 where the system does not tell it):
/// on a loaded machine a thread's wall time also counts the time it waited for a core.
fn thread_cpu_nanos() -> u64 {
    #[cfg(any(target_os = "linux", target_os = "macos"))]
    {
        let mut now = libc::timespec { tv_sec: 0, tv_nsec: 0 };
        // SAFETY: `now` is a valid timespec for the call to write into.
        if unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) } == 0 {
            return u64::try_from(now.tv_sec).unwrap_or(0) * 1_000_000_000 + u64::try_from(now.tv_nsec).unwrap_or(0);
        }
    }
    0
}

/// What the page renderer is given.
pub(super) struct PageSetup<'a, E> {
    pub shared: &'a Shared<'a>,
    pub templates: &'a Templates,
    /// Every path of the build, known before any page renders.
    pub known: &'a links::KnownPaths,
    pub read_body: BodyReader<'a>,
    /// What the build before rendered, and the scope its pages were rendered under.
    pub cache: Option<&'a super::reuse::RenderCache>,
    pub page_scope: Option<&'a super::reuse::PageScope>,
    /// The site's pictures, which the bodies show.
    pub pictures: &'a super::images::Pictures<'a>,
    /// Whether the search index is made (and the feeds, which need some bodies kept).
    pub site_files: bool,
    /// Whether meeting bodies are written out as HTML; `check` only needs their links
    /// ([`markdown::check`]).
    pub bodies_written: bool,
    pub sink: Sink<'a, E>,
}

/// Everything a page's task needs: one per build, shared by all tasks.
pub(super) struct PageRenderer<'a, E> {
    shared: &'a Shared<'a>,
    templates: &'a Templates,
    known: &'a links::KnownPaths,
    markdown: MarkdownOptions<'a>,
    read_body: BodyReader<'a>,
    previous_pages: Option<&'a Memo<PageContext, RenderedPage>>,
    previous_bodies: Option<&'a Memo<super::reuse::BodyKey, RenderedMarkdown>>,
    previous_search: Option<&'a search::EntryMemo>,
    /// Whether to return what the next build may reuse.
    keep: bool,
    /// Per meeting, whether a feed carries it (empty when feeds are not rendered).
    carried_by_feeds: Vec<bool>,
    site_files: bool,
    bodies_written: bool,
    sink: Sink<'a, E>,
    /// Set when the sink failed: the pages not yet started are skipped.
    stopped: std::sync::atomic::AtomicBool,
    work: WorkCounter,
}

impl<'a, E: Send> PageRenderer<'a, E> {
    pub fn new(setup: PageSetup<'a, E>) -> Self {
        let site = setup.shared.site;
        let cache = setup.cache;
        let body_scope = (site.urls.base_path().to_string(), site.config.allow_raw_html, setup.pictures.fingerprint());
        PageRenderer {
            shared: setup.shared,
            templates: setup.templates,
            known: setup.known,
            markdown: MarkdownOptions {
                urls: &site.urls,
                allow_raw_html: site.config.allow_raw_html,
                bundle: None,
                pictures: Some(setup.pictures),
            },
            read_body: setup.read_body,
            previous_pages: cache.zip(setup.page_scope).and_then(|(c, scope)| c.pages.under(scope)),
            previous_bodies: cache.and_then(|c| c.bodies.under(&body_scope)),
            previous_search: cache.map(|c| &c.search),
            keep: cache.is_some(),
            carried_by_feeds: if setup.site_files { super::feeds::carried(site) } else { Vec::new() },
            site_files: setup.site_files,
            bodies_written: setup.bodies_written,
            sink: setup.sink,
            stopped: Default::default(),
            work: WorkCounter::default(),
        }
    }

    /// Renders every page in `kinds` into the sink (with the search index, when the site-wide
    /// files are made) and gathers what the pages' tasks found.
    pub fn render_all(&self, mut kinds: Vec<PageKind>) -> Result<Collected, E> {
        // The meetings' pages render in order, for the search index; the others long lists
        // first (a stable sort).
        kinds.retain(|k| !matches!(k, PageKind::Meeting(_)));
        kinds.sort_by_key(|k| !k.is_long_list());
        let (other_pages, meeting_pages) = rayon::join(|| self.other_pages(kinds), || self.meeting_pages_and_index());
        let outcomes: Result<Vec<PageOutcome>, E> = other_pages.into_iter().chain(meeting_pages?).collect();
        Ok(collect_pages(outcomes?, self.shared.site.meetings.len()))
    }

    /// How many pages and bodies this build rendered itself.
    pub fn work(&self) -> RenderWork {
        self.work.total()
    }

    /// The CPU time spent making the search index, summed over threads, in milliseconds.
    pub fn index_ms(&self) -> u128 {
        u128::from(self.work.index_nanos.load(std::sync::atomic::Ordering::Relaxed)) / 1_000_000
    }

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

    /// The meetings' pages, with the search index made as they are rendered (when the
    /// site-wide files are): each filled fragment file goes to the sink at once, the rest of
    /// the index after the last meeting.
    fn meeting_pages_and_index(&self) -> Result<Vec<Result<PageOutcome, E>>, E> {
        if !self.site_files {
            return self.meeting_pages(None);
        }
        let mut indexer = search::Indexer::new(self.shared.site);
        let outcomes = self.meeting_pages(Some(&mut indexer))?;
        // The sink's writes are counted with the index's time: a few hundred files.
        self.work.indexing(|| indexer.finish(self.shared.page_bodies, &mut |file| (self.sink)(Output::Whole(file))))?;
        Ok(outcomes)
    }

    /// Every meeting's page, in `site.meetings` order, in batches rendered on all cores. After
    /// each batch its search documents go to `index`, in order, and are dropped (unless the
    /// next build keeps them).
    fn meeting_pages(&self, mut index: Option<&mut search::Indexer<'_>>) -> Result<Vec<Result<PageOutcome, E>>, E> {
        // Large enough that both cores stay busy, small enough that a batch's entries are few.
        const BATCH: usize = 512;
        let count = self.shared.site.meetings.len();
        let mut outcomes = Vec::with_capacity(count);
        for start in (0..count).step_by(BATCH) {
            let mut batch: Vec<Result<PageOutcome, E>> = (start..count.min(start + BATCH))
                .into_par_iter()
                .with_max_len(1)
                .map(|i| self.render(&PageKind::Meeting(i)))
                .collect();
            if let Some(index) = index.as_deref_mut() {
                self.index_batch(index, &mut batch)?;
            }
            outcomes.append(&mut batch);
        }
        Ok(outcomes)
    }

    /// Adds a batch's search documents to the index, in order, and hands each fragment file
    /// they fill to the sink.
    fn index_batch(&self, index: &mut search::Indexer<'_>, batch: &mut [Result<PageOutcome, E>]) -> Result<(), E> {
        for meeting in batch.iter_mut().flatten().filter_map(|o| o.meeting.as_mut()) {
            if let Some((doc, _)) = &meeting.search_entry
                && let Some(file) = self.work.indexing(|| index.add(doc))
                && let Err(e) = (self.sink)(Output::Whole(file))
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
        let key = (m.body, markdown::bundle_of(m));
        // The text is read only when the body is not the previous build's.
        let (body, text) = match self.previous_bodies.and_then(|memo| memo.get(&m.source_path, &key)) {
            Some(body) => (body.clone(), None),
            None => match read() {
                Ok(text) => {
                    self.work.body();
                    let options = MarkdownOptions { bundle: key.1.as_deref(), ..self.markdown };
                    let process = if self.bodies_written { markdown::render } else { markdown::check };
                    (process(&text, m.body.first_line, &options), Some(text))
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
        let search_entry = (self.site_files && !m.draft)
            .then(|| self.work.indexing(|| search::entry(site, m, &body, self.previous_search)));
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
            let result = self.templates.render_to(job.template, job.context.tera(), &url, &mut buffered);
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
        self.templates.render(job.template, job.context.tera(), url)
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
pub(super) struct Collected {
    pub failures: Vec<Diagnostic>,
    pub broken_links: Vec<links::BrokenTemplateLink>,
    pub page_memo: Memo<PageContext, RenderedPage>,
    pub body_problems: Vec<Diagnostic>,
    pub search_entries: Vec<Option<SearchEntry>>,
    /// Rendered bodies kept for the feeds (and the next build), in `site.meetings` order.
    pub bodies: Vec<Option<RenderedMarkdown>>,
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
