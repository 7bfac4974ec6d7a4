//! What an author can break of a page's accessibility in its text: a heading level skipped, a
//! link text that says nothing of where it leads ("klicka här"), an HTML table without a
//! header row, colour or font written by hand. Each is a warning: the page still builds.

use crate::diagnostic::Mistake;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// Link texts that, as the whole text of a link, say nothing of where it leads (compared
/// lowercase, without the punctuation around them).
const VAGUE_LINK_TEXTS: &[&str] = &[
    "här",
    "klicka här",
    "klicka",
    "läs mer",
    "läs mer här",
    "mer",
    "mer info",
    "länk",
    "here",
    "click here",
    "click",
    "read more",
    "more",
    "link",
];

/// Whether [`problems`] may find anything, from the text alone, so that a body with none of
/// it is not parsed once more: a heading of level 3 or lower (only those can skip a level
/// below the page's own h1 and a body's `##`), a link whose text is one of
/// [`VAGUE_LINK_TEXTS`], or HTML (or a heading's `{style=…}`) where the site publishes it.
pub(super) fn may_find(body: &str, allow_raw_html: bool) -> bool {
    body.contains("###")
        || may_have_vague_link(body)
        || (allow_raw_html && (body.contains('<') || body.contains("style=")))
}

/// Whether some `[…](` or `[…][` (a link) has one of [`VAGUE_LINK_TEXTS`] as its text.
fn may_have_vague_link(body: &str) -> bool {
    let bytes = body.as_bytes();
    let mut from = 0;
    while let Some(found) = memchr::memchr(b']', &bytes[from..]) {
        let close = from + found;
        from = close + 1;
        if !matches!(bytes.get(close + 1), Some(b'(' | b'[')) {
            continue;
        }
        let Some(open) = body[..close].rfind('[') else { continue };
        if is_vague(&body[open + 1..close]) {
            return true;
        }
    }
    false
}

/// Whether a link's whole text is one of [`VAGUE_LINK_TEXTS`].
fn is_vague(text: &str) -> bool {
    let trimmed = text.trim_matches(|c: char| c.is_whitespace() || c.is_ascii_punctuation() || "…»›→".contains(c));
    if trimmed.len() > 16 {
        return false;
    }
    let words: Vec<String> = trimmed.split_whitespace().map(str::to_lowercase).collect();
    VAGUE_LINK_TEXTS.contains(&words.join(" ").as_str())
}

/// A heading as the check has seen it: its level and how it is marked (`###`, `<h3>`).
struct Heading {
    level: usize,
    written: String,
}

/// What is open while the events are walked.
#[derive(Default)]
struct Walk {
    found: Vec<(usize, usize, Mistake)>,
    /// The heading before, `None` at the start: the page's title (h1) is above the body.
    previous: Option<Heading>,
    /// An HTML table whose first row is being read: where it starts, and whether a header
    /// cell has been seen.
    table: Option<(usize, bool)>,
    styled: bool,
}

impl Walk {
    fn heading(&mut self, at: usize, width: usize, level: usize, written: String, text: &str, html: bool) {
        let above = self.previous.as_ref().map_or(1, |h| h.level);
        if level > above + 1 {
            let fix = if html { format!("<h{}>", above + 1) } else { "#".repeat((above + 1).max(2)) };
            let after = self.previous.as_ref().map(|h| h.written.clone());
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            self.found.push((at, width, Mistake::HeadingSkipped { text, written: written.clone(), after, fix }));
        }
        self.previous = Some(Heading { level, written });
    }

    fn hand_written_style(&mut self, at: usize, written: String) {
        // Once, at the first: a pasted text has many.
        if !self.styled {
            self.styled = true;
            let width = written.chars().count();
            self.found.push((at, width, Mistake::HandWrittenStyle { written }));
        }
    }

    /// The tags of a piece of published HTML at `at` in the body.
    fn html(&mut self, at: usize, html: &str) {
        let lower = html.to_ascii_lowercase();
        let mut from = 0;
        while let Some(found) = lower[from..].find('<') {
            let start = from + found;
            let close = lower[start..].find('>').map(|e| start + e);
            let end = close.map_or(lower.len(), |c| c + 1);
            from = end;
            let tag = &lower[start + 1..close.unwrap_or(lower.len())];
            let closing = tag.starts_with('/');
            let name: String = tag.trim_start_matches('/').chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
            let written = &html[start..end];
            match (closing, name.as_str()) {
                (false, "h1" | "h2" | "h3" | "h4" | "h5" | "h6") => {
                    let level = usize::from(name.as_bytes()[1] - b'0');
                    let text = html[end..].split('<').next().unwrap_or_default();
                    self.heading(at + start, written.chars().count(), level, format!("<{name}>"), text, true);
                }
                (false, "table") => self.table = Some((at + start, false)),
                (false, "th" | "thead") => {
                    if let Some((_, header)) = self.table.as_mut() {
                        *header = true;
                    }
                }
                (true, "tr" | "table") => {
                    if let Some((table_at, false)) = self.table.take() {
                        self.found.push((table_at, "<table".len(), Mistake::TableWithoutHeader));
                    }
                }
                (false, "font") => self.hand_written_style(at + start, "<font …>".into()),
                _ => {}
            }
            if !closing && let Some(style) = style_attribute(tag) {
                let shown: String = style.chars().take(40).collect();
                let offset = lower[start..end].find("style").map_or(start, |s| start + s);
                self.hand_written_style(at + offset, format!("style=\"{}\"", shown.trim_matches(['"', '\''])));
            }
        }
    }
}

/// A tag's `style` attribute when it sets a colour, a background or a font.
fn style_attribute(tag: &str) -> Option<&str> {
    let at = tag.find("style")?;
    let value = tag[at + "style".len()..].trim_start().strip_prefix('=')?.trim_start();
    let value = match value.chars().next()? {
        quote @ ('"' | '\'') => value[1..].split(quote).next()?,
        _ => value.split_whitespace().next()?,
    };
    sets_colour_or_font(value).then_some(value)
}

fn sets_colour_or_font(css: &str) -> bool {
    let css = css.to_ascii_lowercase();
    ["color", "background", "font"].iter().any(|p| css.contains(p))
}

/// The problems of a body, each with its offset and width (in characters) in it.
pub(super) fn problems(body: &str, allow_raw_html: bool) -> Vec<(usize, usize, Mistake)> {
    let mut walk = Walk::default();
    // (where, width, level, marked as, text so far) of the heading being read.
    let mut heading: Option<(usize, usize, usize, String, String)> = None;
    // (where, width, text so far) of the link being read, and links within it.
    let mut link: Option<(usize, usize, String)> = None;
    let mut in_code = false;
    for (event, range) in Parser::new_ext(body, crate::model::Body::MARKDOWN).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, attrs, .. }) => {
                let level = level as usize;
                let source = &body[range.clone()];
                // A heading underlined with `---` is a `##` one, and said so.
                let width = if source.trim_start().starts_with('#') { level } else { 1 };
                let written = "#".repeat(level);
                let at = range.start + (source.len() - source.trim_start().len());
                heading = Some((at, width, level, written, String::new()));
                if allow_raw_html
                    && let Some((_, Some(value))) = attrs.iter().find(|(k, _)| k.as_ref() == "style")
                    && sets_colour_or_font(value)
                {
                    walk.hand_written_style(at, format!("style={value}"));
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((at, width, level, written, text)) = heading.take() {
                    walk.heading(at, width, level, written, &text, false);
                }
            }
            Event::Start(Tag::Link { .. }) if link.is_none() => {
                link = Some((range.start, body[range.clone()].chars().count(), String::new()));
            }
            Event::End(TagEnd::Link) => {
                if let Some((at, width, text)) = link.take()
                    && is_vague(&text)
                {
                    walk.found.push((at, width, Mistake::VagueLinkText { text: text.trim().to_string() }));
                }
            }
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Text(t) | Event::Code(t) if !in_code => {
                if let Some((.., text)) = heading.as_mut() {
                    text.push_str(&t);
                }
                if let Some((.., text)) = link.as_mut() {
                    text.push_str(&t);
                }
            }
            // Published only where the site allows HTML; elsewhere it is shown as text (and
            // Word's is named as such).
            Event::Html(html) | Event::InlineHtml(html) if allow_raw_html => {
                let at = body[range.clone()].find(&*html).map_or(range.start, |i| range.start + i);
                walk.html(at, &html);
            }
            _ => {}
        }
    }
    walk.found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(body: &str, allow_raw_html: bool) -> Vec<Mistake> {
        assert!(may_find(body, allow_raw_html) || problems(body, allow_raw_html).is_empty(), "{body}");
        problems(body, allow_raw_html).into_iter().map(|(_, _, m)| m).collect()
    }

    #[test]
    fn a_heading_that_skips_a_level_below_the_title_or_the_heading_before_is_named_with_the_fix() {
        let skipped = found("Inledning.\n\n### Bakgrund\n\nText.\n", false);
        assert_eq!(
            skipped,
            vec![Mistake::HeadingSkipped {
                text: "Bakgrund".into(),
                written: "###".into(),
                after: None,
                fix: "##".into()
            }]
        );
        let under = found("## Resultat\n\n#### Detaljer {#d}\n", false);
        assert_eq!(
            under,
            vec![Mistake::HeadingSkipped {
                text: "Detaljer".into(),
                written: "####".into(),
                after: Some("##".into()),
                fix: "###".into()
            }]
        );
        // Each level in turn, back up any number of levels, or in code: nothing to say.
        for fine in
            ["## A\n\n### B\n\n#### C\n\n## D\n\n### E\n", "## A\n\n### B\n\n#### C\n\n## D\n", "```\n### x\n```\n"]
        {
            assert_eq!(found(fine, false), Vec::new(), "{fine}");
        }
    }

    #[test]
    fn only_a_link_text_that_says_nothing_is_named() {
        for vague in [
            "[Klicka här](/a/)",
            "[läs mer](/a/)",
            "[Läs mer …](/a/)",
            "[här](https://a.se/)",
            "[**Read more**](/a/)",
            "[Click here.](/a/)",
        ] {
            assert!(matches!(&found(vague, false)[..], [Mistake::VagueLinkText { .. }]), "{vague}");
        }
        let Mistake::VagueLinkText { text } = &found("Se [Läs mer](/a/).", false)[0] else { panic!() };
        assert_eq!(text, "Läs mer");
        for fine in [
            "[Läs mer om Skåne](/regioner/skane/)",
            "Klicka här: [protokollet](/p.pdf)",
            "[här]",
            "`[här](/a/)`",
            "[Mer om mötet](/a/)",
        ] {
            assert_eq!(found(fine, false), Vec::new(), "{fine}");
        }
    }

    #[test]
    fn an_html_table_needs_a_header_row_where_html_is_published() {
        let bare = "<table>\n<tr><td>Län</td><td>Antal</td></tr>\n<tr><td>Skåne</td><td>3</td></tr>\n</table>\n";
        assert_eq!(found(bare, true), vec![Mistake::TableWithoutHeader]);
        assert_eq!(found(bare, false), Vec::new(), "shown as text, not as a table");
        let headed = "<table>\n<tr><th>Län</th><th>Antal</th></tr>\n<tr><td>Skåne</td><td>3</td></tr>\n</table>\n";
        assert_eq!(found(headed, true), Vec::new());
        assert_eq!(found("<table><thead><tr><td>Län</td></tr></thead></table>\n", true), Vec::new());
        assert_eq!(found("| Län | Antal |\n|---|---|\n| Skåne | 3 |\n", true), Vec::new(), "Markdown's has one");
    }

    #[test]
    fn colour_or_font_by_hand_is_named_once_and_other_styles_are_not() {
        let styled = "<p style=\"color: #777\">Grå</p>\n\n<span style='font-family: Comic Sans'>x</span>\n";
        assert_eq!(found(styled, true), vec![Mistake::HandWrittenStyle { written: "style=\"color: #777\"".into() }]);
        assert_eq!(
            found("<font color=red>Röd</font>\n", true),
            vec![Mistake::HandWrittenStyle { written: "<font …>".into() }]
        );
        assert_eq!(found("<p style=\"text-align: center\">Mitt</p>\n", true), Vec::new());
        assert_eq!(found("## Rubrik {style=color:red}\n", true).len(), 1);
    }

    #[test]
    fn html_headings_count_among_the_levels() {
        let found = found("<h4>Bilagor</h4>\n", true);
        assert_eq!(
            found,
            vec![Mistake::HeadingSkipped {
                text: "Bilagor".into(),
                written: "<h4>".into(),
                after: None,
                fix: "<h2>".into()
            }]
        );
    }

    #[test]
    fn offsets_point_at_the_heading_and_the_link() {
        let body = "Text.\n\n### Bakgrund\n\nSe [här](/a/).\n";
        let at: Vec<(usize, usize)> = problems(body, false).iter().map(|(at, w, _)| (*at, *w)).collect();
        assert_eq!(at, vec![(7, 3), (24, 10)]);
    }
}
