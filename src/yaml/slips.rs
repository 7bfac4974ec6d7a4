//! The slips authors make in YAML, found in the text itself (the parser's own wording never
//! reaches an author): characters pasted from Word, values that need quotes, Word bullets,
//! typographic quotes, and, once the parser has failed, where a quote or bracket opens that
//! never closes and which column a wrongly indented line belongs in.

use super::{Loc, YamlError, YamlProblem};

/// What a value did that only quotes make safe.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unquoted {
    /// `title: Möte: Skåne`: a second `: ` in the value.
    Colon,
    /// `title: #2 Möte`: a value that starts with `#` is a comment, so it is empty.
    Hash,
    /// A value that starts with one of `* & ! % @ \` | >`, or a `[`/`{` closed before more text.
    Leading(char),
    /// `title: "Möte" med Skåne`: text goes on after the closing quote.
    AfterQuote,
}

/// A slip found in the text, with where it is and how wide it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub loc: Loc,
    pub width: usize,
    pub problem: YamlProblem,
}

/// A character that is invisible, or looks like a space, and breaks YAML where it stands.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{a0}' | '\u{ad}' | '\u{1680}' | '\u{2000}'
            ..='\u{200d}' | '\u{2028}' | '\u{2029}' | '\u{202f}' | '\u{205f}' | '\u{2060}' | '\u{3000}' | '\u{feff}'
    )
}

/// A character with no width that a paste leaves inside a text: it is published, unseen, and
/// makes the text differ from the same text typed (a region slug, a search, a sort).
/// Non-breaking spaces are left alone in values: they are typography.
fn is_hidden_in_text(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{200b}' | '\u{2060}' | '\u{feff}')
}

/// Typographic quotation marks that Word puts where `"` or `'` was typed.
pub fn is_smart_quote(c: char) -> bool {
    matches!(c, '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{ab}' | '\u{bb}')
}

/// Bullets a word processor writes at the start of a list line.
fn is_word_bullet(c: char) -> bool {
    matches!(c, '•' | '–' | '—' | '·' | '▪' | '◦' | '‣' | '●')
}

/// One line of front matter, cut into the parts a slip is judged by.
struct Line<'a> {
    /// 1-based line in the file.
    number: usize,
    text: &'a str,
    /// Leading spaces.
    indent: usize,
    /// Byte offset of the value (after `key: ` or `- `), if the line has one.
    value_at: Option<usize>,
    /// Whether the line is a list item (`- …`).
    item: bool,
    /// Whether the line is `key:` (or `- key:`) with nothing after it.
    opens_block: bool,
}

fn is_key_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '-'
}

/// `key: ` at the start of `s`: the byte length up to the value, and whether a value follows.
fn key_prefix(s: &str) -> Option<(usize, bool)> {
    let colon = s.find(':')?;
    let key = &s[..colon];
    if key.is_empty() || !key.chars().all(is_key_char) {
        return None;
    }
    let rest = &s[colon + 1..];
    if rest.trim().is_empty() {
        return Some((s.len(), false));
    }
    let spaces = rest.len() - rest.trim_start_matches(' ').len();
    (spaces > 0).then_some((colon + 1 + spaces, true))
}

fn cut(number: usize, text: &str) -> Line<'_> {
    let text = text.trim_end_matches('\r');
    let indent = text.len() - text.trim_start_matches(' ').len();
    let mut at = indent;
    let mut item = false;
    let rest = &text[at..];
    if rest == "-" || rest.starts_with("- ") {
        item = true;
        at += 1 + (rest[1..].len() - rest[1..].trim_start_matches(' ').len());
    }
    let rest = &text[at..];
    let (value_at, opens_block) = match key_prefix(rest) {
        Some((len, true)) => (Some(at + len), false),
        Some((_, false)) => (None, true),
        None if item && !rest.is_empty() => (Some(at), false),
        None => (None, item && rest.is_empty()),
    };
    Line { number, text, indent, value_at, item, opens_block }
}

fn column(text: &str, byte: usize) -> usize {
    text[..byte].chars().count() + 1
}

/// `value` in quotes, as an author should write it.
pub fn quoted(value: &str) -> String {
    let value = value.trim();
    let inner = value.trim_start_matches(is_smart_quote).trim_end_matches(is_smart_quote).trim();
    if inner.contains('"') { format!("'{}'", inner.replace('\'', "''")) } else { format!("\"{inner}\"") }
}

/// A block scalar header (`|`, `>-`, `|2`), possibly followed by a comment.
fn is_block_header(value: &str) -> bool {
    let head = value.split(" #").next().unwrap_or_default().trim_end();
    let mut chars = head.chars();
    matches!(chars.next(), Some('|' | '>')) && chars.all(|c| matches!(c, '+' | '-' | '1'..='9'))
}

/// The end of a quoted or bracketed value that starts at `value[0]`, if it ends on the line.
fn closing(value: &str) -> Option<usize> {
    let open = value.chars().next()?;
    match open {
        '"' => {
            let mut escaped = false;
            value.char_indices().skip(1).find_map(|(i, c)| {
                let end = c == '"' && !escaped;
                escaped = c == '\\' && !escaped;
                end.then_some(i)
            })
        }
        '\'' => value[1..].find('\'').map(|i| i + 1),
        '[' | '{' => {
            let mut depth = 0usize;
            let mut quote: Option<char> = None;
            for (i, c) in value.char_indices() {
                match (quote, c) {
                    (Some(q), c) if c == q => quote = None,
                    (Some(_), _) => {}
                    (None, '"' | '\'') => quote = Some(c),
                    (None, '[' | '{') => depth += 1,
                    (None, ']' | '}') => {
                        depth = depth.saturating_sub(1);
                        if depth == 0 {
                            return Some(i);
                        }
                    }
                    _ => {}
                }
            }
            None
        }
        _ => None,
    }
}

/// Lines of `text` to judge: block scalars' contents and multi-line values are skipped.
fn judged_lines(text: &str, first_line: usize) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut block_indent: Option<usize> = None;
    let mut inside_multiline = false;
    for (i, raw) in text.split('\n').enumerate() {
        let line = cut(first_line + i, raw);
        let blank = line.text.trim().is_empty();
        if let Some(indent) = block_indent {
            if blank || line.indent > indent {
                continue;
            }
            block_indent = None;
        }
        if inside_multiline {
            // A multi-line quoted or bracketed value: left to the parser, judged no further.
            if line.indent == 0 && key_prefix(line.text).is_some() {
                inside_multiline = false;
            } else {
                continue;
            }
        }
        if blank || line.text.trim_start().starts_with('#') {
            continue;
        }
        if let Some(at) = line.value_at {
            let value = &line.text[at..];
            if is_block_header(value) {
                block_indent = Some(line.indent);
            } else if matches!(value.chars().next(), Some('"' | '\'' | '[' | '{')) && closing(value).is_none() {
                inside_multiline = true;
            }
        }
        out.push(line);
    }
    out
}

/// A front matter's lines as the slips read them, cut once for [`Judged::before_parse`] and
/// [`Judged::after_parse`] (cutting them was a third of the slips' time).
pub struct Judged<'a> {
    lines: Vec<Line<'a>>,
}

/// The lines of `text`, whose first line is line `first_line` of its file.
pub fn judge(text: &str, first_line: usize) -> Judged<'_> {
    Judged { lines: judged_lines(text, first_line) }
}

/// [`Judged::before_parse`] of `text` alone.
#[cfg(test)]
fn before_parse(text: &str, first_line: usize) -> Vec<Found> {
    judge(text, first_line).before_parse()
}

/// [`Judged::after_parse`] of `text` alone.
#[cfg(test)]
fn after_parse(text: &str, first_line: usize) -> Vec<Found> {
    judge(text, first_line).after_parse()
}

impl Judged<'_> {
    /// Slips that are wrong wherever they stand, found before parsing: each is an error, and
    /// the file is not parsed when there is one (the parser would only report their
    /// consequences).
    pub fn before_parse(&self) -> Vec<Found> {
        before_parse_lines(&self.lines)
    }

    /// Valid YAML that is almost certainly not what the author meant, found after a successful
    /// parse: the file is read, with a warning each.
    pub fn after_parse(&self) -> Vec<Found> {
        after_parse_lines(&self.lines)
    }
}

fn before_parse_lines(lines: &[Line<'_>]) -> Vec<Found> {
    let mut out = Vec::new();
    let mut previous: Option<&Line<'_>> = None;
    for line in lines {
        let trimmed = line.text.trim_start_matches(' ');
        if let Some(rest) = trimmed.strip_prefix("* ") {
            // `  * Ett`: a Word list, which YAML takes for a reference to something else.
            let fixed = format!("{}- {}", &line.text[..line.indent], rest.trim());
            let loc = Loc { line: line.number, column: line.indent + 1 };
            out.push(Found { loc, width: 1, problem: YamlProblem::WordBullet { bullet: '*', fixed } });
        } else if let Some(found) = invisible_in_structure(line) {
            out.push(found);
        } else if let Some(found) = unsafe_value(line) {
            out.push(found);
        } else if let Some(found) = previous.as_ref().and_then(|p| item_folded_into(p, line)) {
            out.push(found);
        }
        previous = Some(line);
    }
    out
}

/// `  - Ett` then `   - Två`: an item indented deeper than the item before it, whose text
/// it silently joins ("Ett - Två").
fn item_folded_into(previous: &Line<'_>, line: &Line<'_>) -> Option<Found> {
    let value = &previous.text[previous.value_at?..];
    let plain = !matches!(value.chars().next(), Some('"' | '\'' | '[' | '{' | '|' | '>'));
    (previous.item && plain && line.item && line.indent > previous.indent).then(|| Found {
        loc: Loc { line: line.number, column: 1 },
        width: line.indent,
        problem: YamlProblem::WrongIndent { found: line.indent + 1, expected: previous.indent + 1 },
    })
}

/// An invisible character in the indentation, the key, or between the colon and the value.
fn invisible_in_structure(line: &Line<'_>) -> Option<Found> {
    let text = line.text;
    let lead = text.len() - text.trim_start_matches(|c: char| c == ' ' || is_invisible(c)).len();
    let end = match line.value_at {
        Some(at) => at + (text[at..].len() - text[at..].trim_start_matches(is_invisible).len()),
        None => match text.find(':') {
            Some(c) => c + 1 + text[c + 1..].chars().next().map_or(0, char::len_utf8),
            None => lead,
        },
    };
    let (at, c) = text[..end.max(lead)].char_indices().find(|(_, c)| is_invisible(*c))?;
    Some(Found {
        loc: Loc { line: line.number, column: column(text, at) },
        width: 1,
        problem: YamlProblem::Invisible(c),
    })
}

/// A value that YAML reads as something else than the text the author wrote.
fn unsafe_value(line: &Line<'_>) -> Option<Found> {
    let at = line.value_at?;
    let text = line.text;
    let value = &text[at..];
    let first = value.chars().next()?;
    let loc = Loc { line: line.number, column: column(text, at) };
    let width = value.chars().count();
    let fixed = |value: &str| format!("{}{}", &text[..at], quoted(value));
    let found = |problem| Some(Found { loc, width, problem });
    if is_smart_quote(first) {
        // Fine as text unless something in it needs real quotes.
        let inner = value.trim_end();
        return (inner.contains(": ") || inner.contains(" #")).then(|| Found {
            loc,
            width,
            problem: YamlProblem::SmartQuotes { fixed: fixed(value) },
        });
    }
    if matches!(first, '"' | '\'') {
        // Quotes around a part of the text only: YAML ends the value at the closing one.
        let after = value[closing(value)? + 1..].trim();
        // `"Dialog "Smart" med regionen"`: the outer quotes were meant to enclose the text, so
        // they are not part of it (the fix must not publish them).
        let whole = value.trim_end();
        let enclosed = whole.len() > 1 && whole.ends_with(first);
        let inner = if enclosed { &whole[1..whole.len() - 1] } else { value };
        return (!after.is_empty() && !after.starts_with('#')).then(|| Found {
            loc,
            width,
            problem: YamlProblem::NeedsQuotes { what: Unquoted::AfterQuote, fixed: fixed(inner) },
        });
    }
    if matches!(first, '[' | '{') {
        let end = closing(value)?;
        let after = value[end + first.len_utf8()..].trim();
        return (!after.is_empty() && !after.starts_with('#')).then(|| Found {
            loc,
            width,
            problem: YamlProblem::NeedsQuotes { what: Unquoted::Leading(first), fixed: fixed(value) },
        });
    }
    let leading =
        matches!(first, '*' | '&' | '!' | '%' | '@' | '`') || (matches!(first, '|' | '>') && !is_block_header(value));
    let what = if leading {
        Unquoted::Leading(first)
    } else if first == '#' && value.chars().nth(1).is_some_and(|c| !c.is_whitespace()) {
        Unquoted::Hash
    } else if value.split(" #").next().unwrap_or_default().contains(": ") || value.trim_end().ends_with(':') {
        Unquoted::Colon
    } else {
        return None;
    };
    found(YamlProblem::NeedsQuotes { what, fixed: fixed(value) })
}

fn after_parse_lines(lines: &[Line<'_>]) -> Vec<Found> {
    let mut out = Vec::new();
    for line in lines {
        let trimmed = line.text.trim_start();
        if let Some(bullet) = trimmed.chars().next().filter(|c| is_word_bullet(*c)) {
            // `  • Ett` under `outcomes:` is read as one long text, not as a list.
            let rest = trimmed[bullet.len_utf8()..].trim();
            let fixed = format!("{}- {}", &line.text[..line.indent], rest);
            let loc = Loc { line: line.number, column: line.indent + 1 };
            out.push(Found { loc, width: 1, problem: YamlProblem::WordBullet { bullet, fixed } });
            continue;
        }
        let Some(at) = line.value_at else { continue };
        let value = &line.text[at..];
        if let Some((i, c)) = value.char_indices().find(|(_, c)| is_hidden_in_text(*c)) {
            let loc = Loc { line: line.number, column: column(line.text, at + i) };
            out.push(Found { loc, width: 1, problem: YamlProblem::InvisibleInValue(c) });
        }
        if matches!(value.chars().next(), Some('"' | '\'' | '[' | '{' | '#')) || is_block_header(value) {
            continue;
        }
        if let Some(hash) =
            value.find(" #").filter(|h| value[h + 2..].chars().next().is_some_and(|c| !c.is_whitespace()))
        {
            let kept = value[..hash].trim().to_string();
            let fixed = format!("{}{}", &line.text[..at], quoted(value));
            let loc = Loc { line: line.number, column: column(line.text, at + hash + 1) };
            let width = value[hash + 1..].chars().count();
            out.push(Found { loc, width, problem: YamlProblem::LostComment { kept, fixed } });
        }
    }
    out
}

/// When the parser has failed: the cause an author can act on, at the line to change.
pub fn explain_failure(text: &str, first_line: usize, parser: &YamlError) -> Option<Found> {
    let lines = judged_lines_all(text, first_line);
    unclosed(&lines, parser).or_else(|| match parser.problem {
        YamlProblem::Indentation | YamlProblem::Other(_) => {
            no_space_after_colon(&lines).or_else(|| wrong_indentation(&lines))
        }
        _ => None,
    })
}

/// `date:2019-05-22`: a field name, its colon and the value with no space between, which
/// YAML reads as one text where a field belongs. Only a name of lowercase letters and `_`
/// counts, so that `https://…` in a value is never taken for one.
fn no_space_after_colon(lines: &[Line<'_>]) -> Option<Found> {
    lines.iter().find_map(|line| {
        let start = line.text.len() - line.text.trim_start_matches([' ', '-']).len();
        let rest = &line.text[start..];
        let (key, value) = rest.split_once(':')?;
        let is_key = !key.is_empty() && key.chars().all(|c| c.is_ascii_lowercase() || c == '_');
        let glued = value.chars().next().is_some_and(|c| !c.is_whitespace() && c != ':' && c != '/');
        (is_key && glued && line.value_at.is_none() && !line.opens_block).then(|| {
            let fixed = format!("{}{key}: {value}", &line.text[..start]);
            let loc = Loc { line: line.number, column: column(line.text, start + key.len()) };
            Found { loc, width: 1, problem: YamlProblem::NoSpaceAfterColon { key: key.to_string(), fixed } }
        })
    })
}

/// Every line (nothing skipped), for the failure explanations.
fn judged_lines_all(text: &str, first_line: usize) -> Vec<Line<'_>> {
    text.split('\n').enumerate().map(|(i, raw)| cut(first_line + i, raw)).collect()
}

/// A quote or bracket that opens a value and is closed neither on its line nor before the
/// next field: the place it opens.
fn unclosed(lines: &[Line<'_>], parser: &YamlError) -> Option<Found> {
    let mut open: Option<(usize, &Line<'_>, char)> = None;
    let mut depth = 0i64;
    for line in lines {
        if let Some((at, opened, c)) = open {
            // The next field or item at the opening line's level: the value never closed.
            let next_field = line.indent <= opened.indent
                && (line.item || key_prefix(line.text.trim_start()).is_some())
                && !line.text.trim().is_empty();
            if next_field {
                return Some(unclosed_at(opened, at, c));
            }
            let count = |x: char| line.text.matches(x).count() as i64;
            depth += match c {
                '[' => count('[') - count(']'),
                '{' => count('{') - count('}'),
                q => -count(q),
            };
            if depth <= 0 {
                open = None;
            }
            continue;
        }
        let Some(at) = line.value_at else { continue };
        let value = &line.text[at..];
        let Some(first) = value.chars().next().filter(|c| matches!(c, '"' | '\'' | '[' | '{')) else { continue };
        if closing(value).is_none() {
            // `"Möte”`: closed with a typographic quote, which YAML does not count.
            if matches!(first, '"' | '\'') && value[1..].trim_end().ends_with(is_smart_quote) {
                let fixed = format!("{}{}", &line.text[..at], quoted(&value[1..]));
                let loc = Loc { line: line.number, column: column(line.text, at) };
                let problem = YamlProblem::SmartQuotes { fixed };
                return Some(Found { loc, width: value.chars().count(), problem });
            }
            open = Some((at, line, first));
            depth = if matches!(first, '[' | '{') {
                let count = |x: char| value.matches(x).count() as i64;
                let close = if first == '[' { ']' } else { '}' };
                count(first) - count(close)
            } else {
                1
            };
        }
    }
    let (at, line, c) = open?;
    // Only when the parser's trouble is of that kind, or lies after the opening.
    let parser_after = parser.loc.line >= line.number;
    parser_after.then(|| unclosed_at(line, at, c))
}

fn unclosed_at(line: &Line<'_>, at: usize, c: char) -> Found {
    let problem = if matches!(c, '[' | '{') { YamlProblem::UnclosedBracket(c) } else { YamlProblem::UnclosedQuote };
    Found { loc: Loc { line: line.number, column: column(line.text, at) }, width: 1, problem }
}

/// The first line indented where no field or list item can be: with the column it belongs in.
fn wrong_indentation(lines: &[Line<'_>]) -> Option<Found> {
    // (indentation, is a list item) of the lines that enclose the current one.
    let mut stack: Vec<(usize, bool)> = Vec::new();
    let mut previous: Option<&Line<'_>> = None;
    for line in lines {
        if line.text.trim().is_empty() || line.text.trim_start().starts_with('#') {
            continue;
        }
        let valid = match previous {
            None => line.indent == 0,
            Some(p) if p.opens_block => line.indent > p.indent || (line.item && line.indent == p.indent),
            // A list item lines up with an item of its list, not with a field (`- Mer` at column 1
            // under items at column 3).
            Some(_) => stack.iter().any(|(i, item)| *i == line.indent && (*item || !line.item)),
        };
        if !valid {
            let expected = stack
                .iter()
                .rev()
                .find(|(_, item)| *item == line.item)
                .or_else(|| stack.iter().rev().find(|(i, _)| *i < line.indent))
                .map_or(0, |(i, _)| *i);
            if expected == line.indent {
                return None;
            }
            let problem = YamlProblem::WrongIndent { found: line.indent + 1, expected: expected + 1 };
            let loc = Loc { line: line.number, column: 1 };
            return Some(Found { loc, width: line.indent.max(1), problem });
        }
        stack.retain(|(i, _)| *i < line.indent);
        stack.push((line.indent, line.item));
        if line.item {
            // `- action: x`: the item's further keys line up with `action`.
            let content = line.text[line.indent + 1..].len() - line.text[line.indent + 1..].trim_start().len();
            stack.push((line.indent + 1 + content, false));
        }
        previous = Some(line);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(text: &str) -> Option<YamlProblem> {
        before_parse(text, 2).into_iter().next().map(|f| f.problem)
    }

    #[test]
    fn values_that_need_quotes_are_found_with_the_line_fixed() {
        let Some(YamlProblem::NeedsQuotes { what, fixed }) = first("title: Möte: Skåne\n") else { panic!() };
        assert_eq!((what, fixed.as_str()), (Unquoted::Colon, "title: \"Möte: Skåne\""));
        for (text, c) in [("title: *Viktigt*\n", '*'), ("title: &Co\n", '&'), ("summary: > 50 deltagare\n", '>')] {
            assert!(
                matches!(first(text), Some(YamlProblem::NeedsQuotes { what: Unquoted::Leading(x), .. }) if x == c),
                "{text}"
            );
        }
        assert!(matches!(first("title: [Utkast] Möte\n"), Some(YamlProblem::NeedsQuotes { .. })));
    }

    #[test]
    fn nested_quotes_are_fixed_without_publishing_the_outer_ones() {
        let found = before_parse("title: \"Dialog \"Smart\" med regionen\"\n", 2);
        let YamlProblem::NeedsQuotes { fixed, .. } = &found[0].problem else { panic!("{found:?}") };
        assert_eq!(fixed, "title: 'Dialog \"Smart\" med regionen'");
    }

    #[test]
    fn text_after_a_closing_quote_is_quoted_whole() {
        let found = before_parse("title: \"Dialog\" med Skåne\n", 2);
        assert_eq!(found[0].loc, Loc { line: 2, column: 8 });
        assert_eq!(
            found[0].problem,
            YamlProblem::NeedsQuotes { what: Unquoted::AfterQuote, fixed: "title: '\"Dialog\" med Skåne'".into() }
        );
        assert_eq!(
            first("title: 'Dialog' med Skåne\n").map(|p| matches!(p, YamlProblem::NeedsQuotes { .. })),
            Some(true)
        );
        assert_eq!(first("title: \"Dialog\" # en kommentar\n"), None);
    }

    #[test]
    fn a_zero_width_character_inside_a_value_is_a_warning() {
        let found = after_parse("title: Sk\u{200b}åne\nsummary: Kort\u{ad}het\n", 2);
        assert_eq!(found.len(), 2);
        assert_eq!(
            (found[0].loc, &found[0].problem),
            (Loc { line: 2, column: 10 }, &YamlProblem::InvisibleInValue('\u{200b}'))
        );
        assert_eq!(found[1].problem, YamlProblem::InvisibleInValue('\u{ad}'));
        assert!(after_parse("title: 10\u{a0}000 kronor\n", 2).is_empty());
    }

    #[test]
    fn valid_yaml_is_left_alone() {
        let text = "title: \"A: b\"\nregions: [a, b]\nsummary: >\n  Text: med kolon\n  # och hash\nfollow_ups:\n  - { action: x, status: done }\n  - action: Ring\n    status: done\noutcomes:\n  - 'x: y'\n";
        assert_eq!(before_parse(text, 2), Vec::new());
        assert_eq!(after_parse(text, 2), Vec::new());
    }

    #[test]
    fn invisible_characters_in_the_structure_are_named() {
        let found = before_parse("title:\u{a0}Möte\n", 2);
        assert_eq!(found[0].problem, YamlProblem::Invisible('\u{a0}'));
        assert_eq!(found[0].loc, Loc { line: 2, column: 7 });
        let found = before_parse("outcomes:\n\u{a0}\u{a0}- Ett\n", 2);
        assert_eq!(found[0].loc, Loc { line: 3, column: 1 });
        assert_eq!(before_parse("title: 10\u{a0}000 kronor\n", 2), Vec::new());
    }

    #[test]
    fn a_lost_comment_and_word_bullets_are_warned_about() {
        let found = after_parse("title: Möte #2 med regionen\noutcomes:\n  • Ett\n", 2);
        assert!(matches!(&found[0].problem, YamlProblem::LostComment { kept, .. } if kept == "Möte"));
        assert_eq!(found[0].loc, Loc { line: 2, column: 13 });
        assert!(matches!(found[1].problem, YamlProblem::WordBullet { bullet: '•', .. }));
    }
}
