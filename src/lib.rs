//! samtal: meeting records in Markdown → a static site.
//!
//! The pipeline, one module each: `load` reads the site folder (the only reader of the
//! disk) → `validate` turns text into a checked model, collecting every problem as a
//! `Diagnostic` → `model` assembles the site and its indexes → `render` makes every file and
//! hands each to a sink → `write` puts them in a staging folder and swaps it in atomically.
//! `serve` runs the same pipeline on every change, keeping the result in memory. This file
//! holds the pipeline's entry points: [`build`], [`check`], [`render`], [`render_cached`].

pub mod cache;
pub mod diagnostic;
pub mod i18n;
pub mod load;
pub mod memo;
pub mod messages;
pub mod model;
pub mod rename;
pub mod render;
pub mod serve;
pub mod validate;
pub mod write;
pub mod yaml;

use diagnostic::{Diagnostic, Problem};
use i18n::Lang;
use model::{PartialDate, Site};
use render::{Output, OutputFile, RenderInput, SiteFiles, templates::Templates};
use std::path::PathBuf;
use std::time::Instant;
use thiserror::Error;
use validate::{Validated, ValidatedMeeting};

/// What to build and how.
#[derive(Debug, Clone)]
pub struct Options {
    pub root: PathBuf,
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
    /// Warnings count as errors.
    pub strict: bool,
    /// Today's date, for overdue follow-ups; the binary reads the clock, tests do not.
    pub today: PartialDate,
}

/// A rendered site: what was built and what was found on the way.
pub struct SiteBuild {
    /// Every file, sorted by path, from [`render`]; empty after [`build`] and [`check`],
    /// which never hold the whole output in memory.
    pub files: Vec<OutputFile>,
    pub file_count: usize,
    pub page_count: usize,
    /// The pages and bodies this build rendered itself (a `serve` rebuild reuses the rest).
    pub work: render::RenderWork,
    pub warnings: Vec<Diagnostic>,
    pub lang: Lang,
    pub output_dir: PathBuf,
    pub elapsed_ms: u128,
    /// CPU time spent making the search index, summed over threads (examples/search_share.rs).
    pub search_index_ms: u128,
    /// Picture variant files encoded by this build; the others were taken from the build
    /// before (the output folder's, or `serve`'s).
    pub pictures_encoded: usize,
    /// The errors [`render_leaving_out`] went on despite, all in content files whose pages
    /// it left out (or, for a link, the page that holds it); empty for every other build,
    /// which fails instead.
    pub errors: Vec<Diagnostic>,
}

#[derive(Debug, Error)]
pub enum Error {
    #[error(transparent)]
    Load(#[from] load::LoadError),
    #[error("the site has {} problem(s)", diagnostics.len())]
    Invalid { diagnostics: Vec<Diagnostic>, lang: Lang },
    #[error("{error}")]
    Write { error: write::WriteError, lang: Lang },
}

impl Error {
    /// The message in the site's language (diagnostics are printed by their own renderer).
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Error::Load(e) => e.message(lang),
            Error::Invalid { diagnostics, lang } => diagnostic::summary(diagnostics, *lang),
            Error::Write { error, lang } => error.message(*lang),
        }
    }

    /// What lies beneath the message (an operating-system error), for the cause chain.
    pub fn cause(&self) -> Option<&(dyn std::error::Error + 'static)> {
        use std::error::Error as _;
        match self {
            Error::Load(e) => e.source(),
            Error::Invalid { .. } => None,
            Error::Write { error, .. } => error.source(),
        }
    }

    /// The language the error should be reported in, when the site told us.
    pub fn lang(&self) -> Option<Lang> {
        match self {
            Error::Load(_) => None,
            Error::Invalid { lang, .. } | Error::Write { lang, .. } => Some(*lang),
        }
    }
}

fn finish(mut diagnostics: Vec<Diagnostic>, strict: bool, lang: Lang) -> Result<Vec<Diagnostic>, Error> {
    if strict {
        // Under --strict a warning is an error, and is reported as one.
        for d in &mut diagnostics {
            d.severity = diagnostic::Severity::Error;
        }
    }
    diagnostic::sort(&mut diagnostics);
    let failing = diagnostics.iter().any(|d| d.is_error() || strict);
    if failing { Err(Error::Invalid { diagnostics, lang }) } else { Ok(diagnostics) }
}

/// Validation results by file path, keyed by the file's text.
type ValidationMemo<T> = memo::Memo<String, Validated<T>>;

/// A validated site, ready to render: the result of load → validate → model.
struct Prepared {
    site: Site,
    templates: Templates,
    /// The static files and the bundles' files (theirs under `content/meetings/`), by path.
    static_files: Vec<model::layout::StaticFile>,
    county_shapes: Option<String>,
    /// Reads each body again when it is rendered.
    reader: load::ContentReader,
    /// Warnings so far (errors stop preparation).
    diagnostics: Vec<Diagnostic>,
    output_dir: PathBuf,
    started: Instant,
    /// Validated meetings for the next build, when a cache was given.
    meeting_memo: Option<memo::Scoped<String, String, ValidatedMeeting>>,
    /// For [`render_leaving_out`]: the content files (meetings and pages), whose errors leave
    /// their pages out rather than fail the build. `None` for a strict build.
    lenient: Option<std::collections::HashSet<String>>,
}

/// The files with errors, when every error is in one of `content_files`: those are left out
/// and the rest of the site is built. `None` when an error is elsewhere (site.yaml, a
/// registry, a template), where nothing can be built without it.
fn content_errors_only(
    diagnostics: &[Diagnostic],
    content_files: &std::collections::HashSet<String>,
) -> Option<std::collections::HashSet<String>> {
    let mut broken = std::collections::HashSet::new();
    for d in diagnostics.iter().filter(|d| d.is_error()) {
        if !content_files.contains(&d.file) {
            return None;
        }
        broken.insert(d.file.clone());
    }
    Some(broken)
}

/// What a meeting's validation depends on besides its own file: the registries, today, and
/// the names of the files its attachments may name.
fn validation_scope(content: &load::ContentSources, today: PartialDate, ctx: &validate::MeetingContext) -> String {
    let text = |s: &Option<model::layout::Source>| s.as_ref().map_or("\u{1}", |s| s.text.as_str()).to_string();
    let flags = (ctx.regions_known, ctx.topics_known, ctx.allow_raw_html);
    let files = ctx.files.digest();
    format!("{}\0{}\0{today}\0{flags:?}\0{files}", text(&content.regions), text(&content.topics))
}

/// The names of the files a meeting's `attachments:` may name: the bundles' and the static ones.
fn known_files(
    bundle_files: &[model::layout::BundleFile],
    static_files: &[model::layout::StaticFile],
) -> validate::KnownFiles {
    let mut known = validate::KnownFiles::default();
    for f in bundle_files {
        let folder = model::layout::bundle_folder(&f.index).unwrap_or(&f.index).to_string();
        known.bundles.entry(folder).or_insert_with(Vec::new).push(f.inner.clone());
    }
    for files in known.bundles.values_mut() {
        files.sort();
    }
    known.statics = static_files.iter().map(|f| f.path.clone()).collect();
    known.statics.sort();
    known
}

/// The bundle files as published: each at its meeting's address (`moten/<slug>/<inner>`),
/// the meeting's slug from `meetings` (a `slug:` moves the files with the page), else from
/// its folder's name (a meeting that could not be validated). A static file of the same
/// path is an error: two files cannot be published in one place.
fn published_bundle_files(
    bundle_files: Vec<model::layout::BundleFile>,
    meetings: &[model::Meeting],
    static_files: &[model::layout::StaticFile],
    urls: &model::urls::Urls,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(String, model::layout::StaticFile)> {
    let slugs: std::collections::HashMap<&str, &str> =
        meetings.iter().map(|m| (m.source_path.as_str(), m.slug.as_str())).collect();
    let mut out: Vec<(String, model::layout::StaticFile)> = bundle_files
        .into_iter()
        .map(|f| {
            let slug = slugs
                .get(f.index.as_str())
                .map_or_else(|| model::layout::slug_source(&f.index).1.to_string(), |s| s.to_string());
            let path = format!("{}{}", model::routes::Route::Meeting(&slug).path(), f.inner);
            (f.index, model::layout::StaticFile { path, source: f.source, bytes: f.bytes })
        })
        .collect();
    out.sort_by(|a, b| a.1.path.cmp(&b.1.path));
    for s in static_files {
        if out.binary_search_by(|(_, f)| f.path.cmp(&s.path)).is_ok() {
            let made = urls.site(&s.path);
            diagnostics.push(Diagnostic::error(&s.source, Problem::StaticReplacesGenerated { made }));
        }
    }
    out
}

/// Each attachment's size, from the bytes of the file it names.
fn set_attachment_sizes(meetings: &mut [model::Meeting], files: &[model::layout::StaticFile]) {
    let by_path: std::collections::HashMap<&str, &model::layout::StaticFile> =
        files.iter().map(|f| (f.path.as_str(), f)).collect();
    // A picture is published without its metadata: its size is the stripped file's.
    let published_size = |f: &model::layout::StaticFile| -> u64 {
        let stripped = render::images::is_picture_path(&f.path).then(|| render::images::published(&f.bytes).ok());
        stripped.flatten().map_or(f.bytes.len(), |b| b.len()) as u64
    };
    for m in meetings {
        for a in &mut m.attachments {
            a.bytes = by_path.get(a.path.as_str()).map_or(0, |f| published_size(f));
        }
    }
}

/// Reads and validates every file in parallel, taking unchanged files' results from
/// `memo`; with `keep`, also returns the memo for the next build. Each file's text is dropped
/// once it is validated (unless kept as a memo key): a build never holds every text at once.
fn validate_files<T: Clone + Send + Sync>(
    files: &[load::MarkdownFile],
    reader: &load::ContentReader,
    check: impl Fn(&model::layout::Source, &mut Vec<Diagnostic>) -> Option<T> + Sync,
    memo: Option<&ValidationMemo<T>>,
    keep: bool,
) -> (Vec<Validated<T>>, Option<ValidationMemo<T>>) {
    use rayon::prelude::*;
    let results: Vec<(Validated<T>, Option<model::layout::Source>)> = files
        .par_iter()
        .map(|file| {
            let (source, read_problems) = reader.read(file);
            let Some(source) = source else {
                return ((None, read_problems), None);
            };
            let result = memo.and_then(|m| m.get(&source.path, &source.text)).cloned().unwrap_or_else(|| {
                let mut out = Vec::new();
                (check(&source, &mut out), out)
            });
            (result, keep.then_some(source))
        })
        .collect();
    let mut next = keep.then(ValidationMemo::default);
    let results = results
        .into_iter()
        .map(|(result, source)| {
            // The memo keeps each file's text (moved, not copied) as the key of its result.
            if let (Some(next), Some(source)) = (next.as_mut(), source) {
                next.insert(source.path, source.text, result.clone());
            }
            result
        })
        .collect();
    (results, next)
}

/// The sound items of `results`, in order; every problem goes to `diagnostics`.
fn valid_items<T>(results: Vec<Validated<T>>, diagnostics: &mut Vec<Diagnostic>) -> Vec<T> {
    results
        .into_iter()
        .filter_map(|(item, mut problems)| {
            diagnostics.append(&mut problems);
            item
        })
        .collect()
}

/// load → validate → model. Touches the disk only to read.
fn prepare(options: &Options) -> Result<Prepared, Error> {
    prepare_with(options, None, false)
}

/// [`prepare`], reusing (and refilling) the validation results of a `serve` cache; with
/// `leave_out_broken`, content files with errors are left out (see [`render_leaving_out`]).
fn prepare_with(options: &Options, cache: Option<&cache::Cache>, leave_out_broken: bool) -> Result<Prepared, Error> {
    prepare_unsaved(options, cache, None, leave_out_broken)
}

/// [`prepare_with`] with one content file as the browser editor holds it, unsaved.
fn prepare_unsaved(
    options: &Options,
    cache: Option<&cache::Cache>,
    unsaved: Option<load::Unsaved>,
    leave_out_broken: bool,
) -> Result<Prepared, Error> {
    let started = Instant::now();
    let root = options.root.as_path();
    let mut content = load::read_content_with(root, unsaved)?;
    let mut diagnostics = std::mem::take(&mut content.problems);
    let overrides = validate::ConfigOverrides {
        base_url: options.base_url.clone(),
        output_dir: options.output.as_ref().map(|p| p.to_string_lossy().into_owned()),
        today: Some(options.today),
    };
    // Outside a site, that is the one thing to say.
    if let Some(d) =
        diagnostics.iter().find(|d| matches!(d.problem, Problem::Mistake(diagnostic::Mistake::NotASite { .. })))
    {
        return Err(Error::Invalid { diagnostics: vec![d.clone()], lang: Lang::default() });
    }
    let (config, urls) = validate::config(content.site_yaml.as_ref(), &overrides, &mut diagnostics);
    let lang = config.language;
    let in_file = |diagnostics: &[Diagnostic], file: &str| diagnostics.iter().any(|d| d.is_error() && d.file == file);
    let registry = validate::registry(content.regions.as_ref(), &mut diagnostics);
    let topics = validate::topics(content.topics.as_ref(), &mut diagnostics);
    // The theme's and the site's static files, before the meetings: attachments may name them.
    let visual_theme = config.visual_theme.clone();
    if !load::visual_theme_exists(root, &visual_theme) {
        diagnostics.push(Diagnostic::error(
            model::layout::SITE_FILE,
            Problem::VisualThemeMissing { name: visual_theme.clone() },
        ));
    }
    let theme = load::read_visual_theme(root, &visual_theme);
    diagnostics.extend(theme.problems);
    let bundle_files = content.reader.read_bundle_files(std::mem::take(&mut content.bundle_files), &mut diagnostics);
    let files = known_files(&bundle_files, &theme.static_files);
    let ctx = validate::MeetingContext {
        registry: &registry,
        topics: &topics,
        today: options.today,
        regions_known: !in_file(&diagnostics, model::layout::REGIONS_FILE),
        topics_known: !in_file(&diagnostics, model::layout::TOPICS_FILE),
        allow_raw_html: config.allow_raw_html,
        files: &files,
    };
    let scope = validation_scope(&content, options.today, &ctx);
    let memo = cache.and_then(|c| c.meetings.under(&scope));
    let check_meeting = |s: &model::layout::Source, out: &mut Vec<Diagnostic>| validate::meeting(s, &ctx, out);
    let reader = &content.reader;
    let content_files: Vec<String> =
        content.meetings.iter().chain(&content.pages).map(|f| reader.site_path(f)).collect();
    let (validated, meeting_memo) = validate_files(&content.meetings, reader, check_meeting, memo, cache.is_some());
    // Every meeting whose address and date could be read takes part in the checks across
    // meetings, also one with errors of its own; only the sound ones go on to the site.
    let in_error: std::collections::HashSet<String> = validated
        .iter()
        .filter(|(_, problems)| problems.iter().any(Diagnostic::is_error))
        .flat_map(|(_, problems)| problems.iter().map(|d| d.file.clone()))
        .collect();
    let mut meetings = valid_items(validated, &mut diagnostics);
    // The slugs of meeting files that could not be read as meetings (their own errors say why).
    let unread: std::collections::HashSet<String> = {
        let read: std::collections::HashSet<&str> = meetings.iter().map(|m| m.slug.as_str()).collect();
        let meeting_files = &content_files[..content.meetings.len()];
        let slugs = meeting_files.iter().map(|path| model::layout::slug_source(path).1);
        slugs.filter(|slug| !read.contains(slug)).map(str::to_string).collect()
    };
    validate::follow::across_meetings(&meetings, &unread, options.drafts, &mut diagnostics);
    validate::follow::drop_reported_overdue(&meetings, options.drafts, &mut diagnostics);
    validate::attachments::drop_for_unnamed_index(&mut diagnostics);
    let meeting_memo = meeting_memo.map(|m| memo::Scoped::new(scope, m));
    let allow_raw_html = config.allow_raw_html;
    let check_page = |s: &model::layout::Source, out: &mut Vec<Diagnostic>| validate::page(s, allow_raw_html, out);
    let (validated, _) = validate_files(&content.pages, reader, check_page, None, false);
    let mut pages = valid_items(validated, &mut diagnostics);
    validate::duplicate_urls(&meetings, &pages, &urls, &mut diagnostics);
    meetings.retain(|m| !in_error.contains(&m.source_path));
    validate::round_clashes(&meetings, &urls, &mut diagnostics);
    validate::round_names_without_meetings(&config, &meetings, content.site_yaml.as_ref(), &mut diagnostics);
    let bundle_files = published_bundle_files(bundle_files, &meetings, &theme.static_files, &urls, &mut diagnostics);
    validate::portable::check(
        &validate::portable::SiteNames {
            source_files: content_files
                .iter()
                .map(String::as_str)
                .chain(theme.templates.iter().map(|(_, t)| t.path.as_str()))
                .chain(theme.static_files.iter().map(|f| f.source.as_str()))
                .chain(bundle_files.iter().map(|(_, f)| f.source.as_str()))
                // The built-in theme's files are samtal's, not the site's.
                .filter(|path| !path.starts_with(load::BUILT_IN_PREFIX))
                .collect(),
            meetings: &meetings,
            pages: &pages,
            registry: &registry,
            topics: &topics,
            static_files: theme
                .static_files
                .iter()
                .chain(bundle_files.iter().map(|(_, f)| f))
                .map(|f| (f.path.as_str(), f.source.as_str()))
                .collect(),
        },
        &mut diagnostics,
    );
    let templates = Templates::parse(theme.templates, &mut diagnostics);
    // For `serve`: when every error is in a content file, those files are left out (as if
    // they were not there, but after the checks across meetings) and the rest is built.
    let lenient: Option<std::collections::HashSet<String>> =
        leave_out_broken.then(|| content_files.iter().cloned().collect());
    let broken = match (&lenient, &templates) {
        (Some(content_files), Some(_)) => content_errors_only(&diagnostics, content_files).unwrap_or_default(),
        _ => Default::default(),
    };
    meetings.retain(|m| !broken.contains(&m.source_path));
    pages.retain(|p| !broken.contains(&p.source_path));
    // Drafts are checked above like every file, and left out from here on unless asked for;
    // so are their bundles' files, and those of the files left out for their errors.
    let mut left_out: std::collections::HashSet<String> =
        meetings.iter().filter(|m| m.draft && !options.drafts).map(|m| m.source_path.clone()).collect();
    left_out.extend(broken.iter().cloned());
    meetings.retain(|m| options.drafts || !m.draft);
    // The files copied into the output: the theme's and site's static files, then the bundles'.
    let mut static_files = theme.static_files;
    static_files.extend(bundle_files.into_iter().filter(|(index, _)| !left_out.contains(index)).map(|(_, f)| f));
    static_files.sort_by(|a, b| a.path.cmp(&b.path));
    set_attachment_sizes(&mut meetings, &static_files);
    // Rendering needs a sound model; stop here with everything found so far, and the broken
    // links in the bodies of the files that kept it from being sound.
    let unsound = diagnostics.iter().any(|d| d.is_error() && !broken.contains(&d.file));
    let (Some(templates), false) = (templates, unsound) else {
        let settings_sound = ctx.regions_known && ctx.topics_known && !in_file(&diagnostics, model::layout::SITE_FILE);
        if settings_sound {
            let site = Site::new(config, urls, registry, topics, meetings, pages, options.drafts);
            let files = content.meetings.iter().chain(&content.pages);
            diagnostics.extend(unbuilt_body_problems(&site, &static_files, files, reader, &diagnostics));
        }
        return Err(finish(diagnostics, options.strict, lang)
            .err()
            .unwrap_or(Error::Invalid { diagnostics: Vec::new(), lang }));
    };
    let output_dir = options.output.clone().unwrap_or_else(|| root.join(&config.output_dir));
    let site = Site::new(config, urls, registry, topics, meetings, pages, options.drafts);
    if !broken.is_empty() {
        // The files left out are told as a failed build tells them, with their bodies' links.
        let files = content.meetings.iter().chain(&content.pages);
        let found = unbuilt_body_problems(&site, &static_files, files, &content.reader, &diagnostics);
        diagnostics.extend(found);
    }
    Ok(Prepared {
        site,
        templates,
        static_files,
        county_shapes: content.county_shapes.map(|s| s.text),
        reader: content.reader,
        diagnostics,
        output_dir,
        started,
        meeting_memo,
        lenient,
    })
}

/// The broken body links of the content files with errors (see
/// [`render::unbuilt_body_problems`]); each such file is read again, as its text was dropped
/// after validation.
fn unbuilt_body_problems<'a>(
    site: &Site,
    static_files: &[model::layout::StaticFile],
    files: impl Iterator<Item = &'a load::MarkdownFile>,
    reader: &load::ContentReader,
    diagnostics: &[Diagnostic],
) -> Vec<Diagnostic> {
    let in_error: std::collections::HashSet<&str> =
        diagnostics.iter().filter(|d| d.is_error()).map(|d| d.file.as_str()).collect();
    let sources: Vec<model::layout::Source> =
        files.filter(|f| in_error.contains(reader.site_path(f).as_str())).filter_map(|f| reader.read(f).0).collect();
    let bodies: Vec<render::UnbuiltBody<'_>> = sources
        .iter()
        .filter_map(|s| {
            let split = validate::frontmatter::split(&s.text).ok()?;
            Some(render::UnbuiltBody { path: &s.path, text: split.body, first_line: split.body_first_line })
        })
        .collect();
    render::unbuilt_body_problems(site, static_files, &bodies)
}

impl Prepared {
    /// Renders into `sink`; a sink failure is returned as the outer error, site problems
    /// (with warnings under --strict) as the inner one.
    fn render<E: Send>(
        self,
        options: &Options,
        sink: render::Sink<'_, E>,
        site_files: SiteFiles,
        previous_output: Option<&std::path::Path>,
    ) -> Result<Result<SiteBuild, Error>, E> {
        self.render_with(options, sink, None, site_files, previous_output).map(|(result, _)| result)
    }

    /// [`Prepared::render`], reusing what `cache` holds; returns the cache for the next build
    /// when one was given.
    fn render_with<E: Send>(
        self,
        options: &Options,
        sink: render::Sink<'_, E>,
        cache: Option<&cache::Cache>,
        site_files: SiteFiles,
        previous_output: Option<&std::path::Path>,
    ) -> Result<(Result<SiteBuild, Error>, Option<cache::Cache>), E> {
        let lang = self.site.lang();
        let reader = &self.reader;
        let read_body = |path: &str, body: &model::Body| reader.read_body(path, body);
        let previous_picture = |path: &str| previous_output.and_then(|out| load::previous_output_file(out, path));
        let rendered = render::render_site(
            RenderInput {
                read_body: &read_body,
                site: &self.site,
                templates: self.templates,
                static_files: &self.static_files,
                county_shapes: self.county_shapes.as_deref(),
                today: options.today,
                cache: cache.map(|c| &c.render),
                previous_pictures: previous_output.map(|_| &previous_picture as render::images::ReusePicture<'_>),
                site_files,
            },
            sink,
        )?;
        let next = match (self.meeting_memo, rendered.cache) {
            (Some(meetings), Some(render)) => Some(cache::Cache { meetings, render }),
            _ => None,
        };
        let mut diagnostics = self.diagnostics;
        diagnostics.extend(rendered.diagnostics);
        let result = finish(diagnostics, options.strict, lang);
        // Leaving out: errors in content files only are told with the build, not instead of it.
        let result = match (result, &self.lenient) {
            (Err(Error::Invalid { diagnostics, .. }), Some(content_files))
                if content_errors_only(&diagnostics, content_files).is_some() =>
            {
                let (errors, warnings) = diagnostics.into_iter().partition(Diagnostic::is_error);
                Ok((warnings, errors))
            }
            (result, _) => result.map(|warnings| (warnings, Vec::new())),
        };
        let result = result.map(|(warnings, errors)| SiteBuild {
            files: Vec::new(),
            file_count: rendered.paths.len(),
            page_count: rendered.page_count,
            work: rendered.work,
            warnings,
            lang,
            output_dir: self.output_dir,
            elapsed_ms: self.started.elapsed().as_millis(),
            search_index_ms: rendered.search_index_ms,
            pictures_encoded: rendered.pictures_encoded,
            errors,
        });
        Ok((result, next))
    }
}

/// load → validate → model → render, keeping every file in memory (for `serve` and tests).
pub fn render(options: &Options) -> Result<SiteBuild, Error> {
    render_in_memory(options, None, false)
}

/// [`render`] for a rebuild: whatever is unchanged since the build that filled `cache`
/// (meeting files, bodies, pages) is reused, not redone, and `cache` is refilled. The files
/// are the same as [`render`]'s. After a failed build the cache keeps the last good build.
pub fn render_cached(options: &Options, cache: &mut cache::Cache) -> Result<SiteBuild, Error> {
    render_in_memory(options, Some(cache), false)
}

/// `serve`'s build: [`render`] (reusing `cache` as [`render_cached`] does, when given), but
/// when every error is in content files (meetings, pages), those files are left out and the
/// rest of the site is built; the errors come with it ([`SiteBuild::errors`]). A file left
/// out still takes part in the checks across meetings, as in a strict build. Errors anywhere
/// else (site.yaml, a registry, a template) fail it as they fail [`render`]. `build` and
/// `check` never leave anything out.
pub fn render_leaving_out(options: &Options, cache: Option<&mut cache::Cache>) -> Result<SiteBuild, Error> {
    render_in_memory(options, cache, true)
}

fn render_in_memory(
    options: &Options,
    cache: Option<&mut cache::Cache>,
    leave_out_broken: bool,
) -> Result<SiteBuild, Error> {
    let files = std::sync::Mutex::new(Vec::new());
    let collect = |output: Output<'_>| -> Result<(), std::convert::Infallible> {
        let file = output.into_file();
        files.lock().unwrap_or_else(|e| e.into_inner()).push(file);
        Ok(())
    };
    let previous = cache.as_deref();
    let Ok((result, next)) = prepare_with(options, previous, leave_out_broken)?.render_with(
        options,
        &collect,
        previous,
        SiteFiles::Render,
        None,
    );
    let mut site = result?;
    if let (Some(cache), Some(next)) = (cache, next) {
        // Freeing the previous build's pages takes a while; the new build is ready now.
        let previous = std::mem::replace(cache, next);
        std::thread::spawn(move || drop(previous));
    }
    site.files = files.into_inner().unwrap_or_else(|e| e.into_inner());
    site.files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(site)
}

/// The browser editor's preview of one entry: its page as the site would show it, and every
/// problem `check` would report in its file.
#[derive(Debug)]
pub struct Preview {
    /// The page, when the site could be rendered with the entry as it is.
    pub page: Option<String>,
    /// The entry's address in the site (`/moten/x/`), once known.
    pub url: Option<String>,
    /// The problems in the entry's file (and, when the site cannot be rendered, why).
    pub diagnostics: Vec<Diagnostic>,
    pub lang: Lang,
}

/// Renders one content file (`text`, or as it is on disk when that is `None`) as its page,
/// with drafts shown; nothing is written. `files` stand in for files added beside it but not
/// saved yet (see [`load::Unsaved::files`]). Problems in other files are left out, unless
/// they keep the site from being rendered at all.
pub fn preview(
    options: &Options,
    path: &str,
    text: Option<String>,
    files: Vec<(String, Vec<u8>)>,
) -> Result<Preview, Error> {
    let options = Options { drafts: true, strict: false, ..options.clone() };
    let unsaved = text.map(|text| load::Unsaved { path: path.to_string(), text, files });
    let for_entry = |d: &Diagnostic| d.file == path;
    // Errors in other content files leave those out: the entry is still shown and checked.
    let prepared = match prepare_unsaved(&options, None, unsaved, true) {
        Ok(prepared) => prepared,
        Err(Error::Invalid { diagnostics, lang }) => {
            let entry: Vec<Diagnostic> = diagnostics.iter().filter(|d| for_entry(d)).cloned().collect();
            // Problems elsewhere keep the site from rendering: those are shown then too.
            let diagnostics = if entry.iter().any(Diagnostic::is_error) { entry } else { diagnostics };
            return Ok(Preview { page: None, url: None, diagnostics, lang });
        }
        Err(other) => return Err(other),
    };
    let site = &prepared.site;
    let route = match site.meetings.iter().find(|m| m.source_path == path) {
        Some(m) => Some(model::routes::Route::Meeting(&m.slug)),
        None => site.pages.iter().find(|p| p.source_path == path).map(|p| model::routes::Route::Page(&p.slug)),
    };
    let Some((page_path, url)) = route.map(|r| (r.output_file(), site.urls.to(r))) else {
        let diagnostics = prepared.diagnostics.into_iter().filter(for_entry).collect();
        return Ok(Preview { page: None, url: None, diagnostics, lang: prepared.site.lang() });
    };
    let page = std::sync::Mutex::new(None);
    let keep = |output: Output<'_>| -> Result<(), std::convert::Infallible> {
        let file = output.into_file();
        if file.path == page_path {
            *page.lock().unwrap_or_else(|e| e.into_inner()) = Some(file.bytes);
        }
        Ok(())
    };
    let Ok(result) = prepared.render(&options, &keep, SiteFiles::OnePage(page_path.clone()), None);
    let page = page.into_inner().unwrap_or_else(|e| e.into_inner());
    let (diagnostics, lang) = match result {
        Ok(build) => {
            let mut all: Vec<Diagnostic> = build.errors.into_iter().chain(build.warnings).collect();
            diagnostic::sort(&mut all);
            (all, build.lang)
        }
        Err(Error::Invalid { diagnostics, lang }) => (diagnostics, lang),
        Err(other) => return Err(other),
    };
    Ok(Preview {
        page: page.map(|bytes| String::from_utf8_lossy(&bytes).into_owned()),
        url: Some(url),
        diagnostics: diagnostics.into_iter().filter(for_entry).collect(),
        lang,
    })
}

/// Everything a build does that can find a problem: every page is rendered (templates can
/// fail) and link-checked, then dropped. Nothing is written, and the site-wide files
/// (feeds, sitemap, open data, search index) are only listed, since they are built by code
/// from the already validated model.
pub fn check(options: &Options) -> Result<SiteBuild, Error> {
    let discard = |output: Output<'_>| -> Result<(), std::convert::Infallible> {
        output.discard();
        Ok(())
    };
    let Ok(result) = prepare(options)?.render(options, &discard, SiteFiles::PathsOnly, None);
    result
}

/// The whole build: each file is written into a staging folder as soon as it is rendered
/// (so memory stays bounded), and the staging folder replaces the output only when the
/// build succeeded. On any failure the previous output stays untouched.
pub fn build(options: &Options) -> Result<SiteBuild, Error> {
    let prepared = prepare(options)?;
    let lang = prepared.site.lang();
    let write_error = |error| Error::Write { error, lang };
    let out = write::check_output(&prepared.output_dir, &options.root).map_err(write_error)?;
    let staging = write::Staging::create(&out).map_err(write_error)?;
    let site_root = dunce::canonicalize(&options.root).unwrap_or_else(|_| options.root.clone());
    let mut leftovers = staging.leftovers().to_vec();
    let mut site = prepared
        // The output folder still holds the build before: its picture variants are reused.
        .render(options, &|output: Output<'_>| staging.write_output(output), SiteFiles::Render, Some(&out))
        .map_err(write_error)??;
    // The build just replaced is reported too when it stays: each build would leave one more.
    leftovers.extend(staging.commit().map_err(write_error)?);
    site.warnings.extend(leftovers.iter().map(|path| {
        let shown = write::shown(path.strip_prefix(&site_root).unwrap_or(path));
        Diagnostic::warning(shown, Problem::LeftoverTempFolder)
    }));
    site.output_dir = out;
    Ok(site)
}
