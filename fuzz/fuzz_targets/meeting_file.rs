//! One meeting file: front matter split → YAML parse → meeting validation → every way the
//! diagnostics are printed. Nothing may panic, overflow the stack or hang, whatever the bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use samtal::diagnostic::{self, Diagnostic};
use samtal::i18n::Lang;
use samtal::model::layout::Source;
use samtal::model::{PartialDate, Registry, Topic};
use samtal::validate::{self, frontmatter};
use std::sync::LazyLock;

const REGIONS: &str = "counties:
  - {slug: skane, name: Skåne, official_name: Skåne län, county_code: \"12\", iso_3166_2: SE-M, actor_2018: Region Skåne, region_2019: Region Skåne}
  - {slug: blekinge, name: Blekinge, official_name: Blekinge län, county_code: \"10\", iso_3166_2: SE-K, actor_2018: Region Blekinge, region_2019: Region Blekinge}
groupings:
  - {slug: sydsverige, name: Sydsverige, kind: nuts2, members: [skane, blekinge]}
";
const TOPICS: &str =
    "- {slug: innovation, name: Innovation}\n- {slug: smart-specialisation, name: Smart specialisering}\n";

static CONTEXT: LazyLock<(Registry, Vec<Topic>)> = LazyLock::new(|| {
    let mut out = Vec::new();
    let registry = validate::registry(Some(&source("content/regions.yaml", REGIONS)), &mut out);
    let topics = validate::topics(Some(&source("content/themes.yaml", TOPICS)), &mut out);
    assert!(out.is_empty(), "fixture registry is valid: {out:?}");
    (registry, topics)
});

fn source(path: &str, text: &str) -> Source {
    Source { path: path.into(), text: text.into() }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // The pieces on their own …
    if let Ok(split) = frontmatter::split(text) {
        assert!(split.yaml_first_line >= 1 && split.body_first_line >= split.yaml_first_line);
        if let Err(e) = samtal::yaml::parse(split.yaml, split.yaml_first_line) {
            assert!(e.loc.line >= 1 && e.loc.column >= 1, "{e:?}");
        }
    }
    // … and the whole validation, with its diagnostics printed every way.
    let (registry, topics) = &*CONTEXT;
    let today = PartialDate { year: 2026, month: Some(11), day: Some(27) };
    let ctx = validate::MeetingContext {
        registry,
        topics,
        today,
        regions_known: true,
        topics_known: true,
        allow_raw_html: false,
    };
    let mut out: Vec<Diagnostic> = Vec::new();
    let src = source("content/meetings/2018-fuzz.md", text);
    let meeting = validate::meeting(&src, &ctx, &mut out);
    if let Some(m) = &meeting {
        assert!(samtal::model::slug::is_url_safe(&m.slug));
        assert!(!out.iter().any(Diagnostic::is_error));
    } else {
        assert!(out.iter().any(Diagnostic::is_error), "a rejected meeting says why");
    }
    // A page is validated by the same front matter code.
    let _ = validate::page(&source("content/pages/fuzz.md", text), false, &mut Vec::new());
    diagnostic::sort(&mut out);
    for lang in [Lang::Sv, Lang::En] {
        let _ = diagnostic::render_human(&out, lang, false);
        let _ = diagnostic::render_human(&out, lang, true);
        let json = diagnostic::render_json(&out, lang);
        for line in json.lines() {
            serde_json::from_str::<serde_json::Value>(line).expect("render_json prints JSON lines");
        }
        let _ = diagnostic::render_github(&out, lang);
        let _ = diagnostic::summary(&out, lang);
    }
});
