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
use crate::load::StaticFile;
use crate::model::{PartialDate, Site, urls::output_file};
use markdown::{MarkdownOptions, RenderedMarkdown};
use pages::Shared;
use rayon::prelude::*;
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
    pub bytes: Vec<u8>,
}

pub struct RenderInput<'a> {
    pub site: &'a Site,
    pub templates: Templates,
    pub static_files: &'a [StaticFile],
    pub county_shapes: Option<&'a str>,
    pub today: PartialDate,
}

/// What rendering found: the paths it produced (sorted) and the problems on the way.
/// The files themselves went to the sink.
pub struct Rendered {
    pub paths: Vec<String>,
    pub page_count: usize,
    pub diagnostics: Vec<Diagnostic>,
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
fn render_bodies<'a>(site: &Site, docs: impl IntoParallelIterator<Item = (&'a str, usize)>) -> Vec<RenderedMarkdown> {
    let options = MarkdownOptions { urls: &site.urls, allow_raw_html: site.config.allow_raw_html };
    docs.into_par_iter().map(|(md, line)| markdown::render(md, line, &options)).collect()
}

/// Renders every file of the site into `sink`. Rendering problems are collected, not
/// fatal; only a failing sink (a write error) stops the render.
pub fn render_site<E: Send>(mut input: RenderInput<'_>, sink: Sink<'_, E>) -> Result<Rendered, E> {
    let site = input.site;
    input.templates.set_globals(globals(site));
    let bodies = render_bodies(site, site.meetings.par_iter().map(|m| (m.body.markdown.as_str(), m.body.first_line)));
    let page_bodies = render_bodies(site, site.pages.par_iter().map(|p| (p.body.markdown.as_str(), p.body.first_line)));
    let county_map = map::CountyMap::new(site, input.county_shapes);
    let mut diagnostics = Vec::new();
    if input.county_shapes.is_some() && county_map.render(None).is_empty() {
        diagnostics
            .push(Diagnostic::warning(crate::load::COUNTY_SHAPES_FILE, crate::diagnostic::Problem::MapDataUnusable));
    }
    let map = |highlight: Option<&str>| county_map.render(highlight);
    let shared = Shared {
        site,
        summaries: pages::summaries(site),
        bodies: &bodies,
        page_bodies: &page_bodies,
        today: input.today,
        map: &map,
        follow_up_regions: pages::follow_up_regions(site),
    };
    let mut kinds = pages::kinds(&shared);
    let page_count = kinds.len();
    let mut paths: Vec<String> = kinds.iter().map(|k| output_file(&k.inner(site))).collect();
    // A stable sort: long lists first, everything else in its order.
    kinds.sort_by_key(|k| !k.is_long_list());
    let lang = site.lang();
    let templates = &input.templates;
    // Pages and the site-wide files (feeds, sitemap, data, search index) render side by side.
    // Each page reports the site links its HTML contains, for the link check below.
    let (rendered_pages, extras) = rayon::join(
        || -> Result<Vec<Result<links::PageLinks, Box<Diagnostic>>>, E> {
            kinds
                .into_par_iter()
                .filter_map(|kind| pages::job(&shared, &kind))
                .map(|job| {
                    let url = site.urls.site(&job.inner);
                    match templates.render(job.template, &job.context, &url, lang) {
                        Ok(html) => {
                            let found = links::PageLinks::scan(&html, &url, job.template, site.urls.base_path());
                            sink(OutputFile { path: output_file(&job.inner), bytes: html }).map(|()| Ok(found))
                        }
                        Err(d) => Ok(Err(d)),
                    }
                })
                .collect()
        },
        || data::extra_files(site, &bodies, &paths),
    );
    let mut failures = Vec::new();
    let mut page_links = Vec::new();
    for page in rendered_pages? {
        match page {
            Ok(found) => page_links.push(found),
            Err(d) => failures.push(d),
        }
    }
    for d in failures {
        if !diagnostics.iter().any(|x: &Diagnostic| x.file == d.file && x.loc == d.loc) {
            diagnostics.push(*d);
        }
    }
    let copies = input.static_files.iter().map(|f| OutputFile { path: f.path.clone(), bytes: f.bytes.clone() });
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
    Ok(Rendered { paths, page_count, diagnostics })
}
