//! Rendering: the model → every output file, each handed to a sink as soon as it is made.
//! No disk, no network: bodies are read again only through the `BodyReader` it is given.
//! `render_site` is the list of what a site consists of; `schedule.rs` holds how the pages
//! are rendered within bounded memory, `reuse.rs` what a `serve` rebuild takes over.

pub mod calendar;
pub mod card;
pub mod cms;
pub mod data;
pub mod dcat;
pub mod feeds;
pub mod images;
pub mod links;
pub mod map;
pub mod markdown;
pub mod output;
pub mod pages;
pub mod redirects;
mod reuse;
mod schedule;
pub mod search;
pub mod sitemap;
pub mod templates;

pub use output::{Output, OutputFile, Sink, StreamedFile, WriteTo};
pub use reuse::RenderCache;
pub use schedule::RenderWork;

use crate::diagnostic::{Diagnostic, Problem};
use crate::model::layout::{COUNTY_SHAPES_FILE, StaticFile};
use crate::model::routes::{self, Route};
use crate::model::{Body, PartialDate, Site};
use markdown::{MarkdownOptions, RenderedMarkdown};
use pages::Shared;
use rayon::prelude::*;
use reuse::PageScope;
use schedule::{PageRenderer, PageSetup};
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
    /// The picture variants of the build before, by output path, read from its output folder
    /// (a build); variants neither there nor in `cache` are encoded.
    pub previous_pictures: Option<images::ReusePicture<'a>>,
    /// Whether the site-wide files (feeds, sitemap, open data, search index) are rendered,
    /// or only listed: `check` needs their paths for the link check, not their bytes, and
    /// they are built by code from the validated model, so they cannot fail on content.
    pub site_files: SiteFiles,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SiteFiles {
    Render,
    PathsOnly,
    /// Only the page with this output path, for the browser editor's preview of one entry:
    /// no other page, no site-wide file, no static file or picture variant (links are still
    /// checked against every path of the site).
    OnePage(String),
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
    /// CPU time spent making the search index, summed over threads (for BENCHMARKS.md).
    pub search_index_ms: u128,
    /// Picture variant files encoded, not taken from the build before.
    pub pictures_encoded: usize,
    /// For the next build, when the input carried a cache.
    pub cache: Option<RenderCache>,
}

/// The absolute address of the picture social sites show for a shared link: site.yaml's
/// `og_image:` (a path in the site or a full address), else the generated share card.
fn og_image(site: &Site) -> String {
    match site.config.og_image.as_deref().map(str::trim) {
        Some(full) if full.starts_with("https://") || full.starts_with("http://") => full.to_string(),
        Some(path) => site.urls.absolute(path),
        None => site.urls.absolute_to(Route::ShareCard),
    }
}

fn globals(site: &Site) -> Context {
    let urls = &site.urls;
    let mut ctx = Context::new();
    ctx.insert("og_image", &og_image(site));
    ctx.insert("lang", site.lang().code());
    ctx.insert("t", &site.lang().ui_strings());
    // Meetings are written in Swedish: in a build in another language their texts say so.
    let content_lang = pages::CONTENT_LANG;
    let attr = if content_lang == site.lang() { String::new() } else { format!(r#" lang="{}""#, content_lang.code()) };
    ctx.insert("content_lang", content_lang.code());
    ctx.insert("content_lang_attr", &attr);
    ctx.insert(
        "site",
        &serde_json::json!({
            "title": site.config.title, "description": site.config.description, "publisher": site.config.publisher,
        }),
    );
    let accessibility = site.config.accessibility.as_ref().map(|_| urls.to(Route::Accessibility));
    ctx.insert(
        "urls",
        &serde_json::json!({
            "home": urls.home(), "meetings": urls.to(Route::Meetings), "regions": urls.regions(), "themes": urls.topics(),
            "follow_ups": urls.follow_ups(), "search": urls.search(), "static": urls.base_path(),
            "feed": urls.to(Route::Feed), "accessibility": accessibility,
            "data_json": urls.to(Route::DataJson), "data_csv": urls.to(Route::DataCsv), "data": urls.to(Route::DataPage),
        }),
    );
    let footer: Vec<_> = site
        .pages
        .iter()
        .map(|p| {
            let page_lang = p.language.unwrap_or(pages::CONTENT_LANG).code();
            serde_json::json!({"title": p.title, "url": urls.page(&p.slug), "lang": page_lang})
        })
        .collect();
    ctx.insert("footer_pages", &footer);
    // The one way to reach the publisher, in the footer of every page in the same place
    // (WCAG 3.2.6): the statement's feedback form, else its e-mail address.
    let help = site.config.accessibility.as_ref().and_then(|a| match (&a.feedback.form, &a.feedback.email) {
        (Some(form), _) => Some(serde_json::json!({"url": form, "label": site.lang().ui("help_form")})),
        (None, Some(email)) => Some(serde_json::json!({"url": format!("mailto:{email}"), "label": email})),
        (None, None) => None,
    });
    ctx.insert("help", &help);
    ctx
}

/// The free pages' bodies, read again and rendered, with their texts (for located link
/// problems); there are few. Meeting bodies are rendered in their pages' tasks instead (see
/// [`MeetingOutcome`]).
fn render_page_bodies(
    site: &Site,
    read_body: BodyReader<'_>,
    pictures: &images::Pictures<'_>,
) -> Vec<Result<(String, RenderedMarkdown), Box<Diagnostic>>> {
    let options = MarkdownOptions {
        urls: &site.urls,
        allow_raw_html: site.config.allow_raw_html,
        bundle: None,
        pictures: Some(pictures),
    };
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
    // What every page shares: the globals, the free pages' bodies, the map, and each
    // meeting's summary and follow-up items.
    let globals = globals(site);
    let page_scope = cache.map(|_| PageScope { templates: input.templates.texts(), globals: globals.clone() });
    input.templates.set_globals(globals);
    let mut diagnostics = Vec::new();
    // The pictures' sizes and variant names, from their headers: the bodies need them.
    let pictures = images::Pictures::read(input.static_files, &mut diagnostics);
    let page_bodies = render_page_bodies(site, input.read_body, &pictures);
    // A page whose body could not be read again fails the build (below); it renders empty.
    let page_rendered: Vec<RenderedMarkdown> = page_bodies
        .iter()
        .map(|b| b.as_ref().map_or_else(|_| RenderedMarkdown::empty(), |(_, rendered)| rendered.clone()))
        .collect();
    let county_map = map::CountyMap::new(site, input.county_shapes);
    if input.county_shapes.is_some() && county_map.render(None).is_empty() {
        diagnostics.push(Diagnostic::warning(COUNTY_SHAPES_FILE, Problem::MapDataUnusable));
    }
    let map = |highlight: Option<&str>| county_map.render(highlight);
    let (summaries, follow_up_items) = reuse::meeting_values(site, input.today, cache);
    // The open data first when it is written: its sizes are on `/data/` and in the catalogue.
    // The preview of `/data/` only counts them. `check` shows no page, and the tables are made
    // by code from the validated model, so it makes none (that was a twelfth of its time):
    // `/data/` is still rendered, with sizes of 0, so its template is checked.
    let data_sizes = match &input.site_files {
        SiteFiles::Render => data::write_tables(site, input.today, sink)?,
        SiteFiles::OnePage(path) if *path == Route::DataPage.output_file() => data::sizes(site, input.today),
        SiteFiles::OnePage(_) | SiteFiles::PathsOnly => Vec::new(),
    };
    let shared = Shared {
        site,
        summaries,
        page_bodies: &page_rendered,
        today: input.today,
        map: &map,
        follow_up_regions: pages::follow_up_regions(site),
        follow_up_items,
        menus: pages::menus(site),
        data_sizes,
    };

    // Every path of the build is known before anything is rendered, so each page checks its
    // links in its own task.
    let kinds = pages::kinds(&shared);
    let page_count = kinds.len();
    let page_paths: Vec<String> = kinds.iter().map(|k| k.route(site).output_file()).collect();
    let kinds = match &input.site_files {
        SiteFiles::OnePage(path) => kinds.into_iter().filter(|k| k.route(site).output_file() == *path).collect(),
        _ => kinds,
    };
    let one_page = matches!(input.site_files, SiteFiles::OnePage(_));
    let OutputPaths { mut paths, copied, aliases, mut problems } = output_paths(site, &page_paths, input.static_files);
    diagnostics.append(&mut problems);
    paths.extend(pictures.variant_paths().map(String::from));
    paths.sort();
    paths.dedup();
    let known = links::KnownPaths::new(paths.iter().map(String::as_str));

    // The pages, side by side with the site-wide files made from the model alone.
    let site_files = input.site_files == SiteFiles::Render;
    let renderer = PageRenderer::new(PageSetup {
        shared: &shared,
        templates: &input.templates,
        known: &known,
        read_body: input.read_body,
        cache,
        page_scope: page_scope.as_ref(),
        pictures: &pictures,
        site_files,
        bodies_written: !matches!(input.site_files, SiteFiles::PathsOnly),
        sink,
    });
    let (pages, model_files) = rayon::join(
        || renderer.render_all(kinds),
        || match site_files {
            true => data::model_files(site, &page_paths, &shared.data_sizes).into_iter().try_for_each(sink),
            false => Ok(()),
        },
    );
    model_files?;
    let mut collected = pages?;

    // The feeds, made from the bodies the pages kept for them, and the static files.
    let feeds = if site_files { feeds::files(site, &collected.bodies) } else { Vec::new() };
    let feeds = feeds.into_iter().chain(if site_files { redirects::files(site, &aliases) } else { Vec::new() });
    feeds.into_iter().map(Output::Whole).try_for_each(sink)?;
    // The static files, pictures without their metadata; then the pictures' variants (not
    // for `check`: their names and sizes are known without them).
    for file in copied.into_iter().filter(|_| !one_page) {
        let (copy, problem) = pictures.copy(file);
        diagnostics.extend(problem);
        sink(Output::Whole(copy))?;
    }
    let previous_pictures = cache.map(|c| &c.pictures);
    let reuse = |path: &str| {
        previous_pictures.and_then(|p| p.get(path).cloned()).or_else(|| input.previous_pictures.and_then(|f| f(path)))
    };
    let made = match site_files {
        true => Some(pictures.make(&reuse, cache.is_some(), sink)?),
        false => None,
    };
    let pictures_encoded = made.as_ref().map_or(0, |m| m.encoded);
    let (picture_problems, kept_pictures) = made.map(|m| (m.problems, m.kept)).unwrap_or_default();
    diagnostics.extend(picture_problems);

    diagnostics.append(&mut collected.failures);
    diagnostics.append(&mut collected.body_problems);
    diagnostics.extend(page_body_problems(site, page_bodies, &known));
    diagnostics
        .extend(links::template_link_problems(std::mem::take(&mut collected.broken_links), &input.templates.paths()));
    let work = renderer.work();
    let search_index_ms = renderer.index_ms();
    drop(renderer);
    let picture_scope = pictures.fingerprint();
    let cache =
        page_scope.map(|scope| reuse::next_cache(site, &shared, scope, collected, picture_scope, kept_pictures));
    Ok(Rendered { paths, page_count, work, diagnostics, search_index_ms, pictures_encoded, cache })
}

/// The body of a content file that could not be validated (its front matter is broken):
/// where it is and its text.
pub struct UnbuiltBody<'a> {
    /// The file, as in [`crate::model::layout::Source::path`].
    pub path: &'a str,
    pub text: &'a str,
    /// File line (1-based) the body starts on.
    pub first_line: usize,
}

/// The broken links of bodies whose files could not be validated, checked against the paths
/// the site has without them and the pages they would make, so an author learns of them in
/// the same run as of the front matter's problems, not only after fixing those.
pub fn unbuilt_body_problems(site: &Site, static_files: &[StaticFile], unbuilt: &[UnbuiltBody<'_>]) -> Vec<Diagnostic> {
    let kinds = pages::kinds_of(site, &pages::follow_up_regions(site));
    let own_pages = unbuilt.iter().map(|b| unbuilt_route(b.path).output_file());
    let page_paths: Vec<String> = kinds.iter().map(|k| k.route(site).output_file()).chain(own_pages).collect();
    // Its problems (clashes) are the build's to report, once the files are sound.
    let paths = output_paths(site, &page_paths, static_files).paths;
    let known = links::KnownPaths::new(paths.iter().map(String::as_str));
    unbuilt
        .par_iter()
        .flat_map_iter(|b| {
            let bundle =
                crate::model::layout::bundle_folder(b.path).map(|_| format!("/{}", unbuilt_route(b.path).path()));
            let options = MarkdownOptions {
                urls: &site.urls,
                allow_raw_html: site.config.allow_raw_html,
                bundle: bundle.as_deref(),
                pictures: None,
            };
            let rendered = markdown::render(b.text, b.first_line, &options);
            links::check_body(b.path, b.first_line, &rendered, &known, || b.text.to_string())
        })
        .collect()
}

/// The page a content file would make, named by its file (its `slug:` cannot be read).
fn unbuilt_route(path: &str) -> Route<'_> {
    let stem = crate::model::layout::slug_source(path).1;
    if path.starts_with(crate::model::layout::MEETINGS_DIR) { Route::Meeting(stem) } else { Route::Page(stem) }
}

/// Every file of a build's output, known before anything is rendered (so each page checks
/// its links in its own task), and what it took to know it.
struct OutputPaths<'a> {
    /// Sorted: the pages and site-wide files, the static files copied, the alias pages.
    paths: Vec<String>,
    /// The static files copied (not those that would replace a generated file).
    copied: Vec<&'a StaticFile>,
    /// The former addresses that get a page (not those that clash).
    aliases: Vec<redirects::Alias<'a>>,
    /// Static files and aliases that would take another file's place.
    problems: Vec<Diagnostic>,
}

fn output_paths<'a>(site: &'a Site, page_paths: &[String], static_files: &'a [StaticFile]) -> OutputPaths<'a> {
    let generated = generated_paths(site, page_paths);
    let (copied, mut problems) = static_files_that_replace_generated(site, &generated, static_files);
    let mut paths = every_path(generated, &copied);
    // Former addresses lead on to the pages: links to them resolve.
    let (aliases, alias_clashes) = redirects::usable(site, redirects::aliases(site), &paths);
    problems.extend(alias_clashes);
    paths.extend(aliases.iter().map(redirects::Alias::output_file));
    paths.sort();
    OutputPaths { paths, copied, aliases, problems }
}

/// The paths of every page and site-wide file samtal makes, sorted.
fn generated_paths(site: &Site, page_paths: &[String]) -> Vec<String> {
    let site_wide = routes::site_wide(site).into_iter().map(|r| r.output_file());
    let mut paths: Vec<String> = page_paths.iter().cloned().chain(site_wide).collect();
    paths.sort();
    paths.dedup();
    paths
}

/// Every file's path in the output, sorted: the generated ones and the static files copied.
fn every_path(generated: Vec<String>, copied: &[&StaticFile]) -> Vec<String> {
    let mut paths = generated;
    paths.extend(copied.iter().map(|f| f.path.clone()));
    paths.sort();
    paths.dedup();
    paths
}

/// The static files that would replace a page or file samtal makes (`static/moten/x/index.html`,
/// `static/sok/index.json`): each is an error naming both, and is not copied. `generated` is
/// sorted.
fn static_files_that_replace_generated<'a>(
    site: &Site,
    generated: &[String],
    static_files: &'a [StaticFile],
) -> (Vec<&'a StaticFile>, Vec<Diagnostic>) {
    let (clashing, copied): (Vec<&StaticFile>, Vec<&StaticFile>) =
        static_files.iter().partition(|f| generated.binary_search(&f.path).is_ok());
    let problems = clashing
        .into_iter()
        .map(|f| {
            let made = site.urls.site(f.path.strip_suffix("index.html").unwrap_or(&f.path));
            Diagnostic::error(&f.source, Problem::StaticReplacesGenerated { made })
        })
        .collect();
    (copied, problems)
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
