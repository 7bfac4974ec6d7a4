//! The whole render of a site holding one fuzzed meeting, in memory: validation, Markdown,
//! templates, link check. Besides "no panic", every page must stay free of injected script:
//! no `<script` but the theme's own, no `javascript:` link, no file name outside the output.
#![no_main]

use libfuzzer_sys::fuzz_target;
use samtal::diagnostic::Diagnostic;
use samtal::load;
use samtal::model::layout::{Source, StaticFile};
use samtal::model::{Config, PartialDate, Registry, Site, Topic};
use samtal::render::{self, RenderInput, templates::Templates};
use samtal::validate::{self, ConfigOverrides};
use std::path::Path;
use std::sync::LazyLock;

const SITE: &str = "title: Fuzz\ndescription: Fuzz\nbase_url: https://example.org/sub/\nlanguage: sv\nlicense: https://creativecommons.org/publicdomain/zero/1.0/\n";
const REGIONS: &str = "counties:
  - {slug: skane, name: Skåne, official_name: Skåne län, county_code: \"12\", iso_3166_2: SE-M, actor_2018: Region Skåne, region_2019: Region Skåne}
groupings:
  - {slug: sydsverige, name: Sydsverige, kind: nuts2, members: [skane]}
";
const TOPICS: &str = "- {slug: innovation, name: Innovation}\n";

struct Fixed {
    config: Config,
    registry: Registry,
    topics: Vec<Topic>,
    theme_templates: Vec<(String, Source)>,
    static_files: Vec<StaticFile>,
    theme_script: usize,
}

static FIXED: LazyLock<Fixed> = LazyLock::new(|| {
    let mut out = Vec::new();
    let (config, _) = validate::config(Some(&source("site.yaml", SITE)), &ConfigOverrides::default(), &mut out);
    let registry = validate::registry(Some(&source("content/regions.yaml", REGIONS)), &mut out);
    let topics = validate::topics(Some(&source("content/themes.yaml", TOPICS)), &mut out);
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let theme = load::read_visual_theme(repo, "default");
    assert!(out.is_empty() && theme.problems.is_empty(), "fixture is valid: {out:?} {:?}", theme.problems);
    let theme_script = theme
        .templates
        .iter()
        .map(|(_, s)| s.text.matches("<script").count() - s.text.matches("<script type=\"application/ld+json\"").count())
        .sum();
    Fixed { config, registry, topics, theme_templates: theme.templates, static_files: theme.static_files, theme_script }
});

fn source(path: &str, text: &str) -> Source {
    Source { path: path.into(), text: text.into() }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let fixed = &*FIXED;
    let today = PartialDate { year: 2026, month: Some(11), day: Some(27) };
    let ctx = validate::MeetingContext {
        registry: &fixed.registry,
        topics: &fixed.topics,
        today,
        regions_known: true,
        topics_known: true,
        allow_raw_html: fixed.config.allow_raw_html,
    };
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    // The fuzzed text as a meeting, and as a free page (whose body is rendered the same way).
    let meeting = validate::meeting(&source("content/meetings/2018-fuzz.md", text), &ctx, &mut diagnostics);
    let page = validate::page(&source("content/pages/fuzz.md", text), fixed.config.allow_raw_html, &mut diagnostics);
    if meeting.is_none() && page.is_none() {
        return;
    }
    let meetings: Vec<_> = meeting.into_iter().collect();
    let mut pages: Vec<_> = page.into_iter().collect();
    validate::duplicate_urls(&meetings, &pages, &samtal::model::urls::Urls::new("/sub/").unwrap(), &mut diagnostics);
    pages.retain(|p| {
        !samtal::model::routes::RESERVED_SEGMENTS.contains(&p.slug.as_str())
            && !meetings.iter().any(|m| m.slug == p.slug)
    });
    let templates = Templates::parse(fixed.theme_templates.clone(), &mut diagnostics).expect("theme parses");
    let urls = samtal::model::urls::Urls::new("/sub/").unwrap();
    let site =
        Site::new(fixed.config.clone(), urls, fixed.registry.clone(), fixed.topics.clone(), meetings, pages, true);
    let files = std::sync::Mutex::new(Vec::new());
    let collect = |output: render::Output<'_>| -> Result<(), std::convert::Infallible> {
        // Made before the lock is taken: writing the search index renders the meetings' pages,
        // which come to this sink too.
        let file = output.into_file();
        files.lock().unwrap().push(file);
        Ok(())
    };
    // Both files hold the fuzzed text; a body is read again from where it starts.
    let read_body = |_: &str, body: &samtal::model::Body| Ok(text.get(body.offset..).unwrap_or_default().to_string());
    let Ok(rendered) = render::render_site(
        RenderInput {
            read_body: &read_body,
            site: &site,
            templates,
            static_files: &fixed.static_files,
            county_shapes: None,
            today,
            cache: None,
            previous_pictures: None,
            site_files: render::SiteFiles::Render,
        },
        &collect,
    );
    let files = files.into_inner().unwrap();
    for d in &rendered.diagnostics {
        // Broken internal links are fine; the theme itself must always render.
        assert!(!matches!(d.problem, samtal::diagnostic::Problem::TemplateRender { .. }), "{d:?}");
    }
    let mut script_tags = 0;
    for f in &files {
        assert!(
            !f.path.is_empty()
                && !f.path.starts_with('/')
                && !f.path.contains('\\')
                && !f.path.split('/').any(|s| s.is_empty() || s == "." || s == "..")
                && !f.path.chars().any(char::is_control),
            "unsafe output path {:?}",
            f.path
        );
        if !f.path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(&f.bytes).to_ascii_lowercase();
        // JSON-LD is data, not a script; it appears on every meeting page (the escaping tests
        // hold its text to JSON that cannot close the element).
        script_tags += html.matches("<script").count() - html.matches("<script type=\"application/ld+json\"").count();
        for bad in ["href=\"javascript:", "src=\"javascript:", "href=\"vbscript:", "href=\"data:"] {
            assert!(!html.contains(bad), "{bad} in {}", f.path);
        }
    }
    assert!(script_tags <= fixed.theme_script, "injected <script> ({script_tags} > {})", fixed.theme_script);
});
