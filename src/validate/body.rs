//! Checks of a meeting's or page's Markdown text that would otherwise publish something
//! else than the author meant: Word's HTML shown as text, a table pasted from Excel, images
//! without alternative text or with a path that cannot reach the site, and (`a11y`) the rest
//! of what an author can break of a page's accessibility.

use crate::diagnostic::{Diagnostic, ImagePath, Lines, Mistake, Problem};
use crate::model::locate::Locator;
use crate::yaml::Loc;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

mod a11y;

/// Word's HTML: tags and attributes Word (or Outlook) writes when its text is pasted as code.
const WORD_HTML: &[&str] =
    &["<span style=", "<p class=mso", "<p class=\"mso", "<o:p>", "<font ", "<div style=", "<p style=", "<![if", "<w:"];

/// Where `offset` of a body (its `locator`) is in the file whose body starts on `first_line`.
fn locate(locator: &mut Locator<'_>, offset: usize, first_line: usize) -> Loc {
    let loc = locator.loc(offset);
    Loc { line: first_line + loc.line - 1, column: loc.column }
}

/// The body's problems; `allow_raw_html` is the site's setting (Word's HTML is then shown).
pub fn check(path: &str, file_text: &str, body: &str, first_line: usize, allow_raw_html: bool) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let word_html = !allow_raw_html && body.contains('<');
    let spaced = may_have_spaced_target(body);
    let accessibility = a11y::may_find(body, allow_raw_html);
    if !word_html && !body.contains('\t') && !body.contains("![") && !spaced && !accessibility {
        return out;
    }
    // Found once: a body with thousands of images is located in one pass, not one per image
    // (and images on one line each from the one before).
    let (mut body_lines, file_lines) = (Locator::new(body), Lines::new(file_text));
    let warn = |loc: Loc, width: usize, m: Mistake| {
        Diagnostic::warning(path, Problem::Mistake(m)).at_in(loc, width, &file_lines)
    };
    if word_html {
        let lower = body.to_lowercase();
        // Reported once, at the first: a pasted text has many.
        if let Some((at, tag)) =
            WORD_HTML.iter().filter_map(|t| lower.find(t).map(|at| (at, *t))).min_by_key(|(at, _)| *at)
            && body.is_char_boundary(at)
        {
            let shown = format!("{}…>", body[at..at + tag.len()].trim_end());
            out.push(warn(
                locate(&mut body_lines, at, first_line),
                tag.chars().count(),
                Mistake::WordHtml { tag: shown },
            ));
        }
    }
    if body.contains('\t') {
        out.extend(excel_paste(body, first_line).map(|(loc, lines)| warn(loc, 1, Mistake::ExcelPaste { lines })));
    }
    if body.contains("![") {
        out.extend(images(path, &file_lines, body, &mut body_lines, first_line));
    }
    if accessibility {
        for (at, width, m) in a11y::problems(body, allow_raw_html) {
            out.push(warn(locate(&mut body_lines, at, first_line), width, m));
        }
    }
    if spaced {
        for (at, m) in spaced_targets(body) {
            let width = match &m {
                Mistake::SpaceInTarget { written, .. } => written.chars().count(),
                _ => 1,
            };
            let d = Diagnostic::error(path, Problem::Mistake(m));
            out.push(d.at_in(locate(&mut body_lines, at, first_line), width, &file_lines));
        }
    }
    out
}

/// Whether [`spaced_targets`] may find anything, from the text alone: some `](` whose target
/// (up to the next `)`) has a space inside. Every link of a body is written `[…](…)`, and
/// parsing each body's Markdown once more to find none was a few per cent of a build.
fn may_have_spaced_target(body: &str) -> bool {
    let mut from = 0;
    while let Some(found) = body[from..].find("](") {
        let start = from + found + 2;
        let Some(end) = body[start..].find(')').map(|e| start + e) else { return false };
        if body[start..end].trim().contains(' ') {
            return true;
        }
        from = start;
    }
    false
}

/// Links and pictures that Markdown left as text because their target has a space in it
/// (`[Bilaga 1](Bilaga 1.pdf)`), with their offsets in the body. Only text that Markdown
/// published as text is searched (never code), so a link it did read is never named.
fn spaced_targets(body: &str) -> Vec<(usize, Mistake)> {
    let mut out = Vec::new();
    let mut in_code = false;
    // Adjacent text events are one run of the source: `[`, `Bilaga 1`, `](Bilaga 1.pdf)`.
    let mut runs: Vec<std::ops::Range<usize>> = Vec::new();
    for (event, range) in Parser::new(body).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Text(_) if !in_code => match runs.last_mut() {
                Some(last) if last.end == range.start => last.end = range.end,
                _ => runs.push(range),
            },
            _ => {}
        }
    }
    for run in runs {
        let text = &body[run.clone()];
        let mut from = 0;
        while let Some(found) = text[from..].find("](") {
            let close = from + found;
            from = close + 2;
            let Some(open) = text[..close].rfind('[') else { continue };
            let Some(end) = text[close + 2..].find(')').map(|e| close + 2 + e) else { continue };
            let target = &text[close + 2..end];
            // Read in the body, not the run: Markdown leaves an escaping `\` out of its text.
            let escaped = body[..run.start + open].ends_with('\\');
            if escaped || !target.trim().contains(' ') || target.trim().starts_with('<') {
                continue;
            }
            let image = text[..open].ends_with('!');
            let start = if image { open - 1 } else { open };
            let target = target.trim();
            let mistake = Mistake::SpaceInTarget {
                written: text[start..=end].to_string(),
                label: text[open + 1..close].to_string(),
                target: target.to_string(),
                renamed: without_spaces(target),
                image,
            };
            out.push((run.start + start, mistake));
            from = end + 1;
        }
    }
    out
}

/// A file name without spaces for a target written with them: `Bilaga 1.pdf` →
/// `bilaga-1.pdf`; the folders before it are kept, their spaces made hyphens.
fn without_spaces(target: &str) -> String {
    let (folder, name) = target.rsplit_once('/').map_or(("", target), |(f, n)| (f, n));
    let (stem, extension) = name.rsplit_once('.').filter(|(s, _)| !s.is_empty()).unwrap_or((name, ""));
    let mut out = String::new();
    if !folder.is_empty() {
        out.push_str(&folder.replace(' ', "-"));
        out.push('/');
    }
    out.push_str(&crate::model::slug::slugify(stem));
    if !extension.is_empty() {
        out.push('.');
        out.push_str(&extension.to_lowercase());
    }
    out
}

/// The first run of two or more lines with a tab between cells (not in indentation).
fn excel_paste(body: &str, first_line: usize) -> Option<(Loc, usize)> {
    let mut run: Option<(usize, usize)> = None;
    let mut in_code = false;
    for (i, line) in body.lines().enumerate() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
        }
        let cells = !in_code && line.trim_start_matches([' ', '\t']).trim_end().contains('\t');
        run = match (run, cells) {
            (Some((start, n)), true) => Some((start, n + 1)),
            (None, true) => Some((i, 1)),
            (Some((start, n)), false) if n >= 2 => return Some((Loc { line: first_line + start, column: 1 }, n)),
            _ => None,
        };
    }
    run.filter(|(_, n)| *n >= 2).map(|(start, n)| (Loc { line: first_line + start, column: 1 }, n))
}

fn images(
    path: &str,
    file_lines: &Lines<'_>,
    body: &str,
    body_lines: &mut Locator<'_>,
    first_line: usize,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // A bundle's text may name its own files (`![Karta](karta.png)`): the link check finds
    // those that are not there.
    let in_bundle = crate::model::layout::bundle_folder(path).is_some();
    let mut quotes = crate::model::locate::Quotes::default();
    // (url, where, alt text so far)
    let mut open: Option<(String, usize, String)> = None;
    for (event, range) in Parser::new(body).into_offset_iter() {
        match event {
            Event::Start(Tag::Image { dest_url, .. }) => {
                open = Some((dest_url.to_string(), range.start, String::new()))
            }
            Event::Text(t) | Event::Code(t) if open.is_some() => {
                if let Some((_, _, alt)) = open.as_mut() {
                    alt.push_str(&t);
                }
            }
            Event::End(TagEnd::Image) => {
                let Some((url, at, alt)) = open.take() else { continue };
                let loc = locate(body_lines, at, first_line);
                let width = body[range].chars().count();
                let on_computer = on_computer(&url);
                // Any other scheme (`https:`, `data:`, `javascript:`) is not a path: the renderer
                // keeps or drops it.
                let scheme = url.split_once(':').is_some_and(|(s, _)| {
                    s.len() > 1
                        && s.starts_with(|c: char| c.is_ascii_alphabetic())
                        && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-'))
                });
                let external = scheme || url.starts_with("//");
                let kind = if on_computer {
                    Some(ImagePath::OnComputer)
                } else if !external && !url.starts_with('/') && !in_bundle {
                    Some(ImagePath::Relative)
                } else {
                    None
                };
                // Thousands of images on one long line quote it within a budget, not each.
                if let Some(kind) = kind {
                    let problem = Problem::Mistake(Mistake::ImagePath { url: url.clone(), kind });
                    out.push(Diagnostic::error(path, problem).at_line(
                        loc,
                        width,
                        quotes.quote(file_lines.get(loc.line)),
                    ));
                }
                if alt.trim().is_empty() {
                    let problem = Problem::Mistake(Mistake::ImageWithoutAlt { url });
                    out.push(Diagnostic::warning(path, problem).at_line(
                        loc,
                        width,
                        quotes.quote(file_lines.get(loc.line)),
                    ));
                }
            }
            _ => {}
        }
    }
    out
}

/// Whether a path names a file on the author's computer (`file:`, a `\\server` share, or a
/// drive such as `C:\` or `C:/`), which the published site cannot reach.
pub(super) fn on_computer(path: &str) -> bool {
    let bytes = path.as_bytes();
    path.get(..5).is_some_and(|scheme| scheme.eq_ignore_ascii_case("file:"))
        || path.starts_with("\\\\")
        || (bytes.len() > 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' && matches!(bytes[2], b'\\' | b'/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_prefilter_lets_every_spaced_target_through() {
        let found = [
            "[Bilaga 1](Bilaga 1.pdf)",
            "Se ![bild](bilder/en bild.png) och [x](/moten/a/)",
            "[a](/a/) text [Bilaga 1]( Bilaga 1.pdf ) slut",
            "[a](b) [c](d e)",
        ];
        for body in found {
            assert!(!spaced_targets(body).is_empty(), "{body}");
            assert!(may_have_spaced_target(body), "{body}");
        }
        for body in ["[Skåne](/regioner/skane/) och [tema](/teman/x/)", "[a]( b )", "ingen länk", "[a](b"] {
            assert!(spaced_targets(body).is_empty(), "{body}");
            assert!(!may_have_spaced_target(body), "{body}");
        }
    }

    #[test]
    fn images_on_one_long_line_are_located_in_one_pass_and_quote_it_within_a_budget() {
        // Guards: each image on a line was located by counting the line from its start, and
        // each of its problems copied the whole line: 20,000 on one line took 12.9 GB.
        let body = "![](bild.png) ".repeat(20_000);
        let before = crate::model::locate::scanned::total();
        let found = check("a.md", &body, &body, 1, false);
        let counted = crate::model::locate::scanned::total() - before;
        assert_eq!(found.len(), 40_000, "a relative path and no alt text, each image");
        assert!(counted <= body.len(), "{counted} bytes counted for a line of {}", body.len());
        let quoted: usize = found.iter().filter_map(|d| d.source_line.as_ref()).map(String::len).sum();
        assert!(quoted <= crate::model::locate::QUOTED_BYTES_PER_BODY, "{quoted} bytes quoted");
        assert!(found[0].source_line.is_some(), "the first problems still show their line");
        assert_eq!(found[39_999].loc.map(|l| l.column), Some(19_999 * 14 + 1));
    }

    fn mistakes(body: &str) -> Vec<Mistake> {
        check("a.md", body, body, 1, false)
            .into_iter()
            .map(|d| match d.problem {
                Problem::Mistake(m) => m,
                other => panic!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn images_need_alt_text_and_a_path_from_the_root() {
        assert_eq!(mistakes("![Karta](/karta.png)\n"), Vec::new());
        assert_eq!(mistakes("![](/karta.png)\n"), vec![Mistake::ImageWithoutAlt { url: "/karta.png".into() }]);
        assert!(matches!(&mistakes("![K](bilder/k.png)\n")[0], Mistake::ImagePath { kind: ImagePath::Relative, .. }));
        assert!(matches!(
            &mistakes("![K](C:\\Bilder\\k.png)\n")[0],
            Mistake::ImagePath { kind: ImagePath::OnComputer, .. }
        ));
    }

    #[test]
    fn a_bundle_may_name_its_own_images() {
        let path = "content/meetings/m/index.md";
        let body = "![Karta](karta.png)\n";
        assert!(check(path, body, body, 1, false).is_empty());
        let in_computer = "![Karta](C:\\Bilder\\karta.png)\n";
        assert_eq!(check(path, in_computer, in_computer, 1, false).len(), 1);
    }

    #[test]
    fn a_space_in_a_link_or_picture_target_is_named_with_the_fix() {
        let found = mistakes("Se [Bilaga 1](Bilaga 1.pdf) och ![Karta](bilder/karta över gotland.png).\n");
        let [Mistake::SpaceInTarget { written, renamed, image: false, .. }, second] = &found[..] else {
            panic!("{found:?}")
        };
        assert_eq!((written.as_str(), renamed.as_str()), ("[Bilaga 1](Bilaga 1.pdf)", "bilaga-1.pdf"));
        let Mistake::SpaceInTarget { written, renamed, image: true, .. } = second else { panic!("{second:?}") };
        assert_eq!(written, "![Karta](bilder/karta över gotland.png)");
        assert_eq!(renamed, "bilder/karta-over-gotland.png");
        // Written so that Markdown reads it, escaped, or in code: nothing to say.
        for fine in
            ["[B](<Bilaga 1.pdf>)\n", "\\[B](a b)\n", "`[B](a b)`\n", "```\n[B](a b)\n```\n", "[B](a.pdf \"T\")\n"]
        {
            assert_eq!(mistakes(fine), Vec::new(), "{fine}");
        }
    }

    #[test]
    fn every_automatic_check_the_statement_lists_is_made() {
        // Guards: the accessibility statement's list of what the build checked
        // (`AutomaticCheck::ALL`) claims no check that `samtal check` does not make.
        use crate::model::accessibility::AutomaticCheck;
        for listed in AutomaticCheck::ALL {
            let (body, found): (&str, fn(&Mistake) -> bool) = match listed {
                AutomaticCheck::ImageAlt => {
                    ("![](/karta.png)\n", |m: &Mistake| matches!(m, Mistake::ImageWithoutAlt { .. }))
                }
                AutomaticCheck::HeadingLevels => {
                    ("### Bakgrund\n", |m: &Mistake| matches!(m, Mistake::HeadingSkipped { .. }))
                }
                AutomaticCheck::LinkText => {
                    ("[Läs mer](/a/)\n", |m: &Mistake| matches!(m, Mistake::VagueLinkText { .. }))
                }
                AutomaticCheck::TableHeaders => {
                    ("<table><tr><td>a</td></tr></table>\n", |m: &Mistake| matches!(m, Mistake::TableWithoutHeader))
                }
                AutomaticCheck::NoHandWrittenStyle => {
                    ("<p style=\"color:red\">a</p>\n", |m: &Mistake| matches!(m, Mistake::HandWrittenStyle { .. }))
                }
            };
            let warnings = check("a.md", body, body, 1, true);
            assert!(
                warnings.iter().any(|d| d.severity == crate::diagnostic::Severity::Warning
                    && matches!(&d.problem, Problem::Mistake(m) if found(m))),
                "{listed:?}: {warnings:?}"
            );
        }
    }

    #[test]
    fn word_html_and_excel_pastes_are_found_once() {
        assert_eq!(mistakes("<p class=MsoNormal><span style=\"x\">Hej</span></p>\n").len(), 1);
        assert!(matches!(mistakes("Län\tAntal\nSkåne\t3\n")[0], Mistake::ExcelPaste { lines: 2 }));
        assert_eq!(mistakes("```\na\tb\nc\td\n```\n"), Vec::new());
    }
}
