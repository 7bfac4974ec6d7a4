//! What serve adds to pages: the live-reload script and, while the site is broken, the error
//! overlay. Only serve uses this; `build` output never contains any of it.

use super::{Failure, SCRIPT_PATH, Warnings};
use crate::i18n::Lang;
use crate::render::escape_xml;

/// `/__samtal/live.js`: reloads the page after every rebuild. The page carries the build id it
/// came from, so a tab that connects after a rebuild it missed reloads as well.
pub const SCRIPT: &str = r#"// samtal serve: live reload. Added by `samtal serve` only; never part of a built site.
(function () {
  "use strict";
  var script = document.currentScript;
  var build = script && script.getAttribute("data-build");
  function dismiss() {
    var box = document.getElementById("samtal-overlay");
    if (box && box.getAttribute("data-samtal-page") === null) box.remove();
  }
  document.addEventListener("click", function (e) {
    if (e.target && e.target.closest && e.target.closest("[data-samtal-dismiss]")) dismiss();
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") dismiss();
  });
  window.addEventListener("pageshow", function (e) {
    if (e.persisted) location.reload();
  });
  if (!("EventSource" in window)) return;
  var source = new EventSource("/__samtal/events");
  function reload() {
    source.close();
    location.reload();
  }
  source.addEventListener("hello", function (e) {
    if (build && e.data !== build) reload();
  });
  source.addEventListener("reload", reload);
  window.addEventListener("pagehide", function () {
    source.close();
  });
})();
"#;

fn script_tag(build_id: &str) -> String {
    format!("<script src=\"{SCRIPT_PATH}\" data-build=\"{}\"></script>", escape_xml(build_id))
}

const BOX_STYLE: &str = "box-sizing:border-box;max-height:75vh;overflow:auto;background:#fff;color:#1b1b1b;\
border:3px solid #a4000f;border-radius:6px;box-shadow:0 6px 30px rgba(0,0,0,.35);padding:1rem 1.25rem;\
font:16px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;text-align:left";
const FLOAT_STYLE: &str = "position:fixed;left:1rem;right:1rem;bottom:1rem;z-index:2147483647;";
const PRE_STYLE: &str = "margin:0 0 .75rem;padding:.75rem;white-space:pre-wrap;overflow-wrap:anywhere;\
background:#f4f4f4;color:#1b1b1b;border:1px solid #ccc;font:14px/1.4 ui-monospace,'DejaVu Sans Mono',Menlo,Consolas,monospace";
const BUTTON_STYLE: &str = "font:inherit;padding:.3rem .9rem;border:2px solid #1b1b1b;border-radius:4px;\
background:#fff;color:#1b1b1b;cursor:pointer";

/// The error box. `floating` over a page; otherwise it is the page.
fn error_box(failure: &Failure, floating: bool) -> String {
    let lang = failure.lang;
    let (style, page_marker) =
        if floating { (format!("{FLOAT_STYLE}{BOX_STYLE}"), "") } else { (BOX_STYLE.to_string(), " data-samtal-page") };
    let (title, explanation) = match (failure.left_out, floating) {
        (true, true) => (lang.ui("preview_files_left_out"), lang.ui("preview_showing_the_rest")),
        (true, false) => (lang.ui("preview_files_left_out"), lang.ui("preview_page_left_out")),
        (false, true) => (lang.ui("preview_build_failed"), lang.ui("preview_showing_last_good")),
        (false, false) => (lang.ui("preview_build_failed"), lang.ui("preview_page_not_built")),
    };
    let label = lang.ui("preview_error_messages");
    let dismiss = if floating {
        format!(
            "<button type=\"button\" data-samtal-dismiss style=\"{BUTTON_STYLE}\">{}</button>",
            lang.ui("preview_hide")
        )
    } else {
        String::new()
    };
    format!(
        "<div id=\"samtal-overlay\" role=\"alert\" aria-labelledby=\"samtal-overlay-title\" lang=\"{code}\"{page_marker} style=\"{style}\">\
<h2 id=\"samtal-overlay-title\" style=\"margin:0 0 .5rem;font-size:1.25rem;color:#a4000f\">{title}</h2>\
<p style=\"margin:0 0 .75rem\">{explanation}</p>\
<pre tabindex=\"0\" aria-label=\"{label}\" style=\"{PRE_STYLE}\">{text}</pre>{dismiss}</div>",
        code = lang.code(),
        text = escape_xml(failure.text.trim_end()),
    )
}

const WARNING_STYLE: &str = "position:fixed;left:1rem;bottom:1rem;z-index:2147483646;max-width:min(48rem,calc(100vw - 2rem));\
box-sizing:border-box;max-height:60vh;overflow:auto;background:#fff;color:#1b1b1b;border:2px solid #8a5300;\
border-radius:6px;box-shadow:0 4px 18px rgba(0,0,0,.25);padding:.4rem .9rem;font:15px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;text-align:left";

/// The warnings box: collapsed to its count ("3 varningar"), opened on a click or Enter.
fn warnings_box(warnings: &Warnings) -> String {
    let lang = warnings.lang;
    let count = match (warnings.count, lang) {
        (1, crate::i18n::Lang::Sv) => "1 varning".to_string(),
        (n, crate::i18n::Lang::Sv) => format!("{n} varningar"),
        (1, crate::i18n::Lang::En) => "1 warning".to_string(),
        (n, crate::i18n::Lang::En) => format!("{n} warnings"),
    };
    format!(
        "<details id=\"samtal-warnings\" lang=\"{code}\" style=\"{WARNING_STYLE}\">\
<summary style=\"cursor:pointer;font-weight:bold;color:#6b4100;min-height:24px\">{count}: {label}</summary>\
<pre tabindex=\"0\" aria-label=\"{label}\" style=\"{PRE_STYLE}\">{text}</pre></details>",
        code = lang.code(),
        label = escape_xml(lang.ui("preview_warnings")),
        text = escape_xml(warnings.text.trim_end()),
    )
}

/// Where the live-reload script (and the error overlay, when there is a failure) goes in a
/// page, and what: just before its last `</body>`, or at the end when it has none. The page
/// itself is not copied (see [`inject`]): a response sends it around the addition.
pub fn injection(
    html: &[u8],
    build_id: &str,
    failure: Option<&Failure>,
    warnings: Option<&Warnings>,
) -> (usize, String) {
    let mut addition = String::new();
    match (failure, warnings) {
        (Some(failure), _) => addition.push_str(&error_box(failure, true)),
        (None, Some(warnings)) => addition.push_str(&warnings_box(warnings)),
        (None, None) => {}
    }
    addition.push_str(&script_tag(build_id));
    let at = html.windows(7).rposition(|w| w.eq_ignore_ascii_case(b"</body>")).unwrap_or(html.len());
    (at, addition)
}

/// The page with the [`injection`] in place, as one buffer.
pub fn inject(html: &[u8], build_id: &str, failure: Option<&Failure>, warnings: Option<&Warnings>) -> Vec<u8> {
    let (at, addition) = injection(html, build_id, failure, warnings);
    let mut out = Vec::with_capacity(html.len() + addition.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(addition.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// A whole page for when the site has no page to show: the error as its body, or a plain
/// "not found" when there is no error (a theme without `404.html`).
pub fn error_page(build_id: &str, failure: Option<&Failure>, lang: Lang) -> String {
    let (title, body) = match failure {
        Some(f) => (lang.ui("preview_error_title"), error_box(f, false)),
        None => {
            let text = lang.ui("preview_no_such_page");
            (lang.ui("not_found_title"), format!("<h1>{text}</h1>"))
        }
    };
    format!(
        "<!doctype html>\n<html lang=\"{code}\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title} – samtal serve</title>\n</head>\n\
<body style=\"margin:0;padding:1rem;font:16px/1.45 system-ui,sans-serif\">\n<main>\n{body}\n</main>\n{script}\n</body>\n</html>\n",
        code = lang.code(),
        script = script_tag(build_id),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failure() -> Failure {
        Failure { lang: Lang::En, text: "error: bad <b>\n --> content/meetings/a.md:3:11\n".into(), left_out: false }
    }

    #[test]
    fn script_goes_before_the_last_body_end() {
        let out = String::from_utf8(inject(b"<html><body><p>x</p></BODY></html>", "1-2", None, None)).unwrap();
        assert_eq!(
            out,
            "<html><body><p>x</p><script src=\"/__samtal/live.js\" data-build=\"1-2\"></script></BODY></html>"
        );
        let out = String::from_utf8(inject(b"<p>no body</p>", "1-2", None, None)).unwrap();
        assert!(out.ends_with("</script>"), "{out}");
    }

    #[test]
    fn warnings_are_shown_collapsed_and_counted_only_without_an_error() {
        // Guards (issue 25): a good build's warnings reach the author in the preview, closed to
        // their count so the page stays readable; an error box takes their place.
        let warnings = Warnings { lang: Lang::Sv, count: 2, text: "varning: <b>x</b>\n".into() };
        let out = String::from_utf8(inject(b"<body></body>", "1", None, Some(&warnings))).unwrap();
        assert!(out.contains("<details id=\"samtal-warnings\""), "{out}");
        assert!(!out.contains("<details id=\"samtal-warnings\" open"), "collapsed: {out}");
        assert!(out.contains(">2 varningar: Varningar i webbplatsen</summary>"), "{out}");
        assert!(out.contains("varning: &lt;b&gt;x&lt;/b&gt;") && !out.contains("<b>x"), "{out}");
        let both = String::from_utf8(inject(b"<body></body>", "1", Some(&failure()), Some(&warnings))).unwrap();
        assert!(both.contains("samtal-overlay") && !both.contains("samtal-warnings"), "{both}");
    }

    #[test]
    fn overlay_is_escaped_and_announced() {
        let out = String::from_utf8(inject(b"<body></body>", "1", Some(&failure()), None)).unwrap();
        assert!(out.contains("role=\"alert\""), "{out}");
        assert!(out.contains("error: bad &lt;b&gt;"), "{out}");
        assert!(out.contains("content/meetings/a.md:3:11"), "{out}");
        assert!(!out.contains("<b>"), "{out}");
        let page = error_page("1", Some(&failure()), Lang::En);
        assert!(page.contains("<pre") && page.contains("content/meetings/a.md:3:11"), "{page}");
        assert!(page.contains("/__samtal/live.js"), "{page}");
    }
}
