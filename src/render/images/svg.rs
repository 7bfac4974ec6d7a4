//! SVG pictures that could run script or reach other sites when opened by their own address:
//! each published SVG is read with an XML parser (roxmltree, the one resvg reads SVG with)
//! and refused at the first thing that could (`<script>`, an `on…` attribute, a
//! `javascript:` link, embedded HTML, a reference to another site), located by line and
//! column. Inside a page's `<img>` a browser runs none of it, but the file is published and
//! can be opened, linked and shared on its own, on the site's address. A gzipped SVG
//! (`.svgz`, which web servers send as an SVG) is unpacked and checked the same way.

use crate::diagnostic::SvgRisk;
use crate::yaml::Loc;

/// What makes an SVG unfit to publish, and where (line and column, 1-based; how many
/// characters to mark).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub risk: SvgRisk,
    pub loc: Loc,
    pub width: usize,
}

/// Elements that run script, or embed HTML (which can).
const SCRIPT_ELEMENTS: &[&str] = &["script", "handler", "listener"];
const HTML_ELEMENTS: &[&str] = &["foreignObject", "iframe", "embed", "object", "applet", "frame", "frameset"];
const XHTML: &str = "http://www.w3.org/1999/xhtml";

/// How far a `.svgz` is unpacked: a drawing is far smaller, and a gzip bomb stops here.
const MAX_UNPACKED_SVG: u64 = 64 * 1024 * 1024;

/// Whether a static file is a gzipped SVG (`.svgz`, in any case).
pub fn is_svgz_path(path: &str) -> bool {
    path.rsplit_once('.').is_some_and(|(_, ext)| ext.eq_ignore_ascii_case("svgz"))
}

/// [`check`] for a gzipped SVG: unpacked first (at most [`MAX_UNPACKED_SVG`]); one that
/// cannot be unpacked, or unpacks larger, is [`SvgRisk::Unreadable`]. Its line and column are
/// those of the unpacked text, which the author's drawing program shows; the caller drops them.
pub fn check_svgz(bytes: &[u8]) -> Option<Finding> {
    use std::io::Read as _;
    let unreadable = Finding { risk: SvgRisk::Unreadable, loc: Loc { line: 1, column: 1 }, width: 1 };
    let mut unpacked = Vec::new();
    let mut reader = flate2::read::MultiGzDecoder::new(bytes).take(MAX_UNPACKED_SVG + 1);
    match reader.read_to_end(&mut unpacked) {
        Ok(n) if n as u64 <= MAX_UNPACKED_SVG => check(&unpacked),
        _ => Some(unreadable),
    }
}

/// The first thing in the SVG `text` that could run script or load from elsewhere; `None`
/// when there is none. Text that is no XML is [`SvgRisk::Unreadable`]: a browser shows no
/// picture for it either.
pub fn check(bytes: &[u8]) -> Option<Finding> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Some(Finding { risk: SvgRisk::Unreadable, loc: Loc { line: 1, column: 1 }, width: 1 });
    };
    let options = roxmltree::ParsingOptions { allow_dtd: true, nodes_limit: 5_000_000, entity_resolver: None };
    let document = match roxmltree::Document::parse_with_options(text, options) {
        Ok(document) => document,
        Err(error) => {
            let pos = error.pos();
            let loc = Loc { line: pos.row as usize, column: pos.col as usize };
            return Some(Finding { risk: SvgRisk::Unreadable, loc, width: 1 });
        }
    };
    let at = |range: std::ops::Range<usize>, risk: SvgRisk| {
        let pos = document.text_pos_at(range.start);
        let width = text.get(range).map_or(1, |s| s.lines().next().unwrap_or("").chars().count().max(1));
        Finding { risk, loc: Loc { line: pos.row as usize, column: pos.col as usize }, width }
    };
    for node in document.descendants() {
        if let Some(pi) = node.pi()
            && pi.target.eq_ignore_ascii_case("xml-stylesheet")
            && pi.value.is_some_and(|v| css_reaches_out(v) || attribute_values(v).any(leaves_the_site))
        {
            return Some(at(node.range(), SvgRisk::External));
        }
        if node.is_text()
            && node.parent_element().is_some_and(|p| p.tag_name().name() == "style")
            && node.text().is_some_and(css_reaches_out)
        {
            return Some(at(node.range(), SvgRisk::External));
        }
        if !node.is_element() {
            continue;
        }
        let name = node.tag_name().name();
        let start = node.range().start;
        let qualified = text[start + 1..].find(|c: char| c.is_whitespace() || c == '>' || c == '/').unwrap_or(0);
        let tag = start..start + 1 + qualified;
        if SCRIPT_ELEMENTS.iter().any(|s| s.eq_ignore_ascii_case(name)) {
            return Some(at(tag, SvgRisk::Script));
        }
        if HTML_ELEMENTS.iter().any(|s| s.eq_ignore_ascii_case(name)) || node.tag_name().namespace() == Some(XHTML) {
            return Some(at(tag, SvgRisk::Html));
        }
        for attribute in node.attributes() {
            let local = attribute.name();
            let value = attribute.value();
            let range = attribute.range_qname();
            if local.len() > 2 && local.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("on")) {
                return Some(at(range, SvgRisk::EventAttribute { name: local.to_string() }));
            }
            // `javascript:` anywhere: in a link, or set by an animation (`<set to=…>`).
            if value.split(';').any(runs_script) {
                return Some(at(range, SvgRisk::ScriptLink));
            }
            if matches!(local, "href" | "src") {
                if name == "a" {
                    if scheme(value).is_some_and(|s| s == "data") {
                        return Some(at(range, SvgRisk::ScriptLink));
                    }
                } else if leaves_the_site(value) {
                    return Some(at(range, SvgRisk::External));
                }
            }
            if matches!(local, "attributeName") && value.trim().get(..2).is_some_and(|p| p.eq_ignore_ascii_case("on")) {
                return Some(at(range, SvgRisk::EventAttribute { name: value.trim().to_string() }));
            }
            if local == "style" && css_reaches_out(value) {
                return Some(at(range, SvgRisk::External));
            }
        }
    }
    None
}

/// The URL's scheme, lower-cased, with what browsers ignore in it (spaces, tabs, newlines,
/// control characters) taken out: ` java\tscript:` is `javascript`.
fn scheme(url: &str) -> Option<String> {
    let cleaned: String = url.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
    let (scheme, _) = cleaned.split_once(':')?;
    let valid = !scheme.is_empty()
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    valid.then(|| scheme.to_ascii_lowercase())
}

fn runs_script(value: &str) -> bool {
    scheme(value).is_some_and(|s| s == "javascript" || s == "vbscript")
}

/// Whether a reference loads something from elsewhere: any URL with a scheme or starting
/// with `//`, except a picture embedded as `data:image/png` (or JPEG, GIF, WebP), which
/// drawing programs write and which cannot hold script.
fn leaves_the_site(url: &str) -> bool {
    let trimmed = url.trim();
    if trimmed.starts_with("//") || trimmed.starts_with("\\\\") {
        return true;
    }
    match scheme(trimmed).as_deref() {
        None => false,
        Some("data") => {
            let lower = trimmed.to_ascii_lowercase();
            !["data:image/png", "data:image/jpeg", "data:image/jpg", "data:image/gif", "data:image/webp"]
                .iter()
                .any(|p| lower.strip_prefix(p).is_some_and(|rest| rest.starts_with([';', ','])))
        }
        Some(_) => true,
    }
}

/// Whether CSS (a `<style>` element or `style` attribute) imports or loads from elsewhere.
fn css_reaches_out(css: &str) -> bool {
    let lower = css.to_ascii_lowercase();
    if lower.contains("@import") || lower.contains("expression(") || lower.contains("-moz-binding") {
        return true;
    }
    lower.match_indices("url(").any(|(at, _)| {
        let rest = &css[at + 4..];
        let inner = rest.split(')').next().unwrap_or(rest).trim().trim_matches(['"', '\'']);
        leaves_the_site(inner) || runs_script(inner)
    })
}

/// The values of a processing instruction's pseudo-attributes (`href="…"`).
fn attribute_values(text: &str) -> impl Iterator<Item = &str> {
    text.split(['"', '\'']).skip(1).step_by(2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn risk(svg: &str) -> Option<(SvgRisk, usize, usize)> {
        check(svg.as_bytes()).map(|f| (f.risk, f.loc.line, f.loc.column))
    }

    fn gzipped(text: &str) -> Vec<u8> {
        use std::io::Write as _;
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(text.as_bytes()).unwrap();
        encoder.finish().unwrap()
    }

    #[test]
    fn a_gzipped_svg_is_unpacked_and_checked_like_an_svg() {
        let script = format!("{OPEN}<script>alert(1)</script></svg>");
        assert_eq!(check_svgz(&gzipped(&script)).map(|f| f.risk), Some(SvgRisk::Script));
        assert_eq!(check_svgz(&gzipped(&format!("{OPEN}<rect width=\"1\"/></svg>"))), None);
        assert_eq!(check_svgz(script.as_bytes()).map(|f| f.risk), Some(SvgRisk::Unreadable), "not gzip");
        let bomb = gzipped(&" ".repeat(MAX_UNPACKED_SVG as usize + 1));
        assert_eq!(check_svgz(&bomb).map(|f| f.risk), Some(SvgRisk::Unreadable), "unpacks past the limit");
        assert!(is_svgz_path("bilder/Karta.SVGZ") && !is_svgz_path("bilder/karta.svg"));
    }

    const OPEN: &str = r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">"#;

    #[test]
    fn scripts_event_attributes_script_links_html_and_other_sites_are_found_where_they_are() {
        let cases: &[(&str, SvgRisk)] = &[
            ("<script>alert(1)</script>", SvgRisk::Script),
            ("<SCRIPT xmlns=\"http://www.w3.org/2000/svg\">alert(1)</SCRIPT>", SvgRisk::Script),
            ("<rect onload=\"alert(1)\"/>", SvgRisk::EventAttribute { name: "onload".into() }),
            ("<rect OnClick=\"alert(1)\"/>", SvgRisk::EventAttribute { name: "OnClick".into() }),
            ("<a href=\"javascript:alert(1)\"><text>x</text></a>", SvgRisk::ScriptLink),
            ("<a xlink:href=\" java\tscript:alert(1)\"><text>x</text></a>", SvgRisk::ScriptLink),
            ("<a href=\"data:text/html,&lt;script&gt;\"><text>x</text></a>", SvgRisk::ScriptLink),
            ("<set attributeName=\"href\" to=\"javascript:alert(1)\"/>", SvgRisk::ScriptLink),
            (
                "<set attributeName=\"onmouseover\" to=\"alert(1)\"/>",
                SvgRisk::EventAttribute { name: "onmouseover".into() },
            ),
            ("<foreignObject><div xmlns=\"http://www.w3.org/1999/xhtml\">x</div></foreignObject>", SvgRisk::Html),
            ("<image href=\"https://spår.example/pixel.png\"/>", SvgRisk::External),
            ("<use xlink:href=\"//example.org/a.svg#x\"/>", SvgRisk::External),
            ("<image href=\"data:image/svg+xml;base64,PHN2Zz4=\"/>", SvgRisk::External),
            ("<style>@import url(https://example.org/a.css);</style>", SvgRisk::External),
            ("<rect style=\"fill: url(https://example.org/a.svg#g)\"/>", SvgRisk::External),
        ];
        for (inner, expected) in cases {
            let svg = format!("{OPEN}\n  {inner}\n</svg>");
            let found = risk(&svg).unwrap_or_else(|| panic!("not found: {inner}"));
            assert_eq!(found.0, *expected, "{inner}");
            assert_eq!(found.1, 2, "{inner}: on its line");
            assert!(found.2 >= 3, "{inner}: column {}", found.2);
        }
        let entity = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg [<!ENTITY s \"<script>alert(1)</script>\">]>\n\
                      <svg xmlns=\"http://www.w3.org/2000/svg\">&s;</svg>";
        assert_eq!(risk(entity).map(|r| r.0), Some(SvgRisk::Script), "through an entity");
        let pi = format!("<?xml-stylesheet href=\"https://example.org/a.css\"?>\n{OPEN}</svg>");
        assert_eq!(risk(&pi).map(|r| (r.0, r.1)), Some((SvgRisk::External, 1)));
        assert_eq!(risk("<svg><rect></svg>").map(|r| r.0), Some(SvgRisk::Unreadable));
        assert_eq!(check(b"\xFF\xFE<\0s\0").map(|f| f.risk), Some(SvgRisk::Unreadable));
    }

    #[test]
    fn what_drawing_programs_write_passes() {
        // What Inkscape, Illustrator and the default theme write: a doctype, entities, styles,
        // gradients by fragment, embedded PNG, links to other pages.
        let svg = r##"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" [
  <!ENTITY ns_svg "http://www.w3.org/2000/svg">
]>
<svg xmlns="&ns_svg;" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" viewBox="0 0 10 10">
  <style>.cls-1{fill:url(#g);opacity:.5}</style>
  <defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs>
  <rect class="cls-1" width="10" height="10" style="fill:url('#g')" inkscape:label="Lager 1"/>
  <use xlink:href="#g"/>
  <image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>
  <image href="bilder/karta.png" width="1" height="1"/>
  <a href="https://www.tillvaxtverket.se/"><text>Länk</text></a>
  <a href="/moten/"><text>Möten</text></a>
  <animate attributeName="opacity" values="0;1" dur="1s"/>
</svg>"##;
        assert_eq!(risk(svg), None);
        let themes = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes");
        let theirs: Vec<_> = walkdir::WalkDir::new(themes)
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.path().extension().is_some_and(|x| x.eq_ignore_ascii_case("svg")))
            .collect();
        assert!(!theirs.is_empty(), "the default theme has its favicon");
        for svg in theirs {
            assert_eq!(check(&std::fs::read(svg.path()).unwrap()), None, "the themes' own: {}", svg.path().display());
        }
    }
}
