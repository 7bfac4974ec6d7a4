//! The only place that parses YAML: turns text into a tree of located nodes.
//!
//! Everything downstream validates these nodes itself, so that every problem in a file is
//! reported (not just the first one serde would stop at) with the file's own line and column.

pub mod slips;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// A position in a source file, 1-based, counted from the top of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Loc {
    pub line: usize,
    pub column: usize,
}

/// One YAML node with where it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub loc: Loc,
    pub kind: NodeKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

impl Node {
    /// The scalar as an author typed it, for messages and for fields that take text.
    pub fn scalar_text(&self) -> Option<String> {
        match &self.kind {
            NodeKind::Str(s) => Some(s.clone()),
            NodeKind::Int(i) => Some(i.to_string()),
            NodeKind::Float(f) => Some(f.to_string()),
            NodeKind::Bool(b) => Some(b.to_string()),
            NodeKind::Null | NodeKind::Seq(_) | NodeKind::Map(_) => None,
        }
    }

    pub fn as_map(&self) -> Option<&[(Node, Node)]> {
        match &self.kind {
            NodeKind::Map(entries) => Some(entries),
            _ => None,
        }
    }

    /// Moves every location down by `lines`, for YAML that starts below the top of its file.
    fn shift(&mut self, lines: usize) {
        if self.loc.line > 0 {
            self.loc.line += lines;
        }
        match &mut self.kind {
            NodeKind::Seq(items) => items.iter_mut().for_each(|n| n.shift(lines)),
            NodeKind::Map(entries) => entries.iter_mut().for_each(|(k, v)| {
                k.shift(lines);
                v.shift(lines);
            }),
            _ => {}
        }
    }
}

/// Why a YAML text could not be read, in categories an author can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum YamlProblem {
    /// A key appears twice in the same mapping.
    DuplicateKey(String),
    /// A tab character is used for indentation.
    Tab,
    /// A quoted text is never closed.
    UnclosedQuote,
    /// A `[` list or `{` mapping is never closed; carries the opening character.
    UnclosedBracket(char),
    /// Indentation does not line up.
    Indentation,
    /// A line starts in column `found` where only column `expected` fits.
    WrongIndent { found: usize, expected: usize },
    /// Lists and mappings nest deeper than [`MAX_DEPTH`].
    TooDeep,
    /// More values than the parser reads in one file (its budget: a guard against files that
    /// would take all memory).
    TooBig,
    /// An invisible or look-alike space pasted from Word or a web page, where YAML needs a
    /// plain space or nothing (indentation, key, after the colon); or, as a warning, in a value.
    Invisible(char),
    /// A zero-width character or soft hyphen inside a value: published unseen (a warning).
    InvisibleInValue(char),
    /// A value YAML reads as something else than text; `fixed` is the line in quotes.
    NeedsQuotes { what: slips::Unquoted, fixed: String },
    /// Typographic quotes “…” used as YAML quotes; `fixed` is the line with plain ones.
    SmartQuotes { fixed: String },
    /// A list written with a word processor's bullet (`•`, `*`); `fixed` is the line with `- `.
    WordBullet { bullet: char, fixed: String },
    /// ` #x` in an unquoted value: the rest of the line became a comment; `kept` is what is left.
    LostComment { kept: String, fixed: String },
    /// `date:2019-05-22`: no space after a field's colon, so the line is no field; `fixed` is
    /// the line with the space.
    NoSpaceAfterColon { key: String, fixed: String },
    /// Anything else the parser rejected; carries its own (English) wording, for programmers
    /// only: an author is never shown it.
    Other(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub loc: Loc,
    pub problem: YamlProblem,
}

/// How deeply lists and mappings may nest; real files need 3 (follow_ups → item → key).
pub const MAX_DEPTH: usize = 24;

/// Parses one YAML document; `first_line` is the file line the text starts on.
pub fn parse(text: &str, first_line: usize) -> Result<Node, YamlError> {
    let options = serde_saphyr::options! {
        leading_zero_numbers_as_strings: true,
        underscored_numbers_as_strings: true,
        strict_booleans: true,
        with_snippet: false,
        // Front matter is a few levels deep; the default (64) lets a hostile file overflow
        // the 2 MiB stack of a worker thread in debug builds before the budget stops it.
        budget: serde_saphyr::budget! { max_depth: MAX_DEPTH },
    };
    let offset = first_line.saturating_sub(1);
    if text.trim().is_empty() {
        return Ok(Node { loc: Loc { line: first_line, column: 1 }, kind: NodeKind::Null });
    }
    match serde_saphyr::from_str_with_options::<Node>(text, options) {
        Ok(mut node) => {
            node.shift(offset);
            Ok(node)
        }
        Err(err) => {
            let classified = classify(text, &err, offset);
            // The cause in an author's terms, at the line to change, where one is found.
            if matches!(classified.problem, YamlProblem::DuplicateKey(_) | YamlProblem::Tab) {
                return Err(classified);
            }
            Err(slips::explain_failure(text, first_line, &classified)
                .map(|f| YamlError { loc: f.loc, problem: f.problem })
                .unwrap_or(classified))
        }
    }
}

fn classify(text: &str, err: &serde_saphyr::Error, offset: usize) -> YamlError {
    let message = err.without_snippet().to_string();
    let mut loc = err
        .location()
        .map(|l| Loc { line: l.line() as usize + offset, column: l.column() as usize })
        .unwrap_or(Loc { line: offset + 1, column: 1 });
    let lower = message.to_lowercase();
    let problem = if let Some(key) = duplicate_key_name(&message) {
        YamlProblem::DuplicateKey(key)
    } else if let Some(tab) = first_tab_indent(text) {
        loc = Loc { line: tab.line + offset, column: tab.column };
        YamlProblem::Tab
    } else if let Some(open) = unclosed_bracket(&lower) {
        YamlProblem::UnclosedBracket(open)
    } else if lower.contains("quote") || lower.contains("unterminated") {
        YamlProblem::UnclosedQuote
    } else if lower.contains("budget breached: depth") || lower.contains("recursion limit") {
        YamlProblem::TooDeep
    } else if lower.contains("budget breached") {
        YamlProblem::TooBig
    } else if lower.contains("indent") || lower.contains("mapping values are not allowed") {
        YamlProblem::Indentation
    } else {
        YamlProblem::Other(first_line_of(&message))
    };
    if loc.line == 0 {
        loc.line = offset + 1;
    }
    loc.column = loc.column.max(1);
    YamlError { loc, problem }
}

/// The parser's first line without its own " at line N, column M": those count from the
/// front matter, not the file, and the diagnostic already shows the file's position.
fn first_line_of(message: &str) -> String {
    let line = message.lines().next().unwrap_or_default().trim();
    let line = match line.rfind(" at line ") {
        Some(i) if line[i..].contains(", column ") => &line[..i],
        _ => line,
    };
    line.trim().to_string()
}

fn unclosed_bracket(lower: &str) -> Option<char> {
    let rest = lower.split_once("unclosed bracket")?.1;
    rest.chars().find(|c| matches!(c, '[' | '{'))
}

fn duplicate_key_name(message: &str) -> Option<String> {
    // serde-saphyr says: "duplicate mapping key: title, set DuplicateKeyPolicy …"
    let rest = message.split_once("duplicate mapping key:")?.1;
    let key = rest.split(", set DuplicateKeyPolicy").next()?.trim();
    Some(key.trim_matches(['\'', '"', '`']).to_string())
}

/// The first line whose indentation contains a tab: YAML forbids tabs there.
fn first_tab_indent(text: &str) -> Option<Loc> {
    text.lines().enumerate().find_map(|(i, line)| {
        let indent_end = line.len() - line.trim_start_matches([' ', '\t']).len();
        line[..indent_end].find('\t').map(|col| Loc { line: i + 1, column: col + 1 })
    })
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = serde_saphyr::Spanned::<NodeKind>::deserialize(deserializer)?;
        let loc = Loc { line: spanned.referenced.line() as usize, column: spanned.referenced.column() as usize };
        Ok(Node { loc, kind: spanned.value })
    }
}

impl<'de> Deserialize<'de> for NodeKind {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = NodeKind;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<NodeKind, E> {
        Ok(NodeKind::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<NodeKind, E> {
        Ok(NodeKind::Int(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<NodeKind, E> {
        Ok(i64::try_from(v).map_or_else(|_| NodeKind::Str(v.to_string()), NodeKind::Int))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<NodeKind, E> {
        Ok(i64::try_from(v).map_or_else(|_| NodeKind::Str(v.to_string()), NodeKind::Int))
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<NodeKind, E> {
        Ok(i64::try_from(v).map_or_else(|_| NodeKind::Str(v.to_string()), NodeKind::Int))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<NodeKind, E> {
        Ok(NodeKind::Float(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<NodeKind, E> {
        Ok(NodeKind::Str(v.to_string()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<NodeKind, E> {
        Ok(NodeKind::Str(v))
    }
    fn visit_unit<E: de::Error>(self) -> Result<NodeKind, E> {
        Ok(NodeKind::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<NodeKind, E> {
        Ok(NodeKind::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<NodeKind, D::Error> {
        NodeKind::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<NodeKind, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Node>()? {
            items.push(item);
        }
        Ok(NodeKind::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<NodeKind, A::Error> {
        let mut entries = Vec::new();
        while let Some((k, v)) = map.next_entry::<Node, Node>()? {
            entries.push((k, v));
        }
        Ok(NodeKind::Map(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map_keys(node: &Node) -> Vec<(String, Loc)> {
        node.as_map().unwrap().iter().map(|(k, _)| (k.scalar_text().unwrap(), k.loc)).collect()
    }

    #[test]
    fn locations_are_counted_from_the_top_of_the_file() {
        let node = parse("title: Hej\nregions: [a, b]\n", 2).unwrap();
        let keys = map_keys(&node);
        assert_eq!(keys[0], ("title".into(), Loc { line: 2, column: 1 }));
        assert_eq!(keys[1].1, Loc { line: 3, column: 1 });
        let (_, regions) = &node.as_map().unwrap()[1];
        let NodeKind::Seq(items) = &regions.kind else { panic!("{regions:?}") };
        assert_eq!(items[1].loc, Loc { line: 3, column: 14 });
    }

    #[test]
    fn scalars_keep_their_types_and_leading_zeros() {
        let node = parse("a: 2018\nb: \"01\"\nc: 01\nd: true\ne: maybe\nf: 2018-05-16\ng:\n", 1).unwrap();
        let kinds: Vec<_> = node.as_map().unwrap().iter().map(|(_, v)| v.kind.clone()).collect();
        assert_eq!(kinds[0], NodeKind::Int(2018));
        assert_eq!(kinds[1], NodeKind::Str("01".into()));
        assert_eq!(kinds[2], NodeKind::Str("01".into()));
        assert_eq!(kinds[3], NodeKind::Bool(true));
        assert_eq!(kinds[4], NodeKind::Str("maybe".into()));
        assert_eq!(kinds[5], NodeKind::Str("2018-05-16".into()));
        assert_eq!(kinds[6], NodeKind::Null);
    }

    #[test]
    fn duplicate_key_is_named() {
        let err = parse("title: a\ntitle: b\n", 2).unwrap_err();
        assert_eq!(err.problem, YamlProblem::DuplicateKey("title".into()), "{err:?}");
        assert_eq!(err.loc.line, 3);
    }

    #[test]
    fn tab_indentation_is_located() {
        let err = parse("follow_ups:\n\t- action: x\n", 2).unwrap_err();
        assert_eq!(err.problem, YamlProblem::Tab, "{err:?}");
        assert_eq!(err.loc, Loc { line: 3, column: 1 });
    }

    #[test]
    fn unclosed_quote_is_recognised() {
        let err = parse("title: \"Hej\nsummary: x\n", 2).unwrap_err();
        assert_eq!(err.problem, YamlProblem::UnclosedQuote, "{err:?}");
    }

    #[test]
    fn unclosed_bracket_is_recognised() {
        let err = parse("title: a\nregions: [uppsala, ostergotland\n", 2).unwrap_err();
        assert_eq!(err.problem, YamlProblem::UnclosedBracket('['), "{err:?}");
        assert_eq!(err.loc.line, 3);
    }

    #[test]
    fn other_problems_drop_the_parser_s_own_position() {
        assert_eq!(
            first_line_of("alias references unknown anchor at line 1, column 8"),
            "alias references unknown anchor"
        );
        assert_eq!(first_line_of("something else"), "something else");
    }

    #[test]
    fn bad_indentation_is_recognised() {
        let err = parse("title: a\n  regions: b\n", 2).unwrap_err();
        assert_eq!(err.problem, YamlProblem::WrongIndent { found: 3, expected: 1 }, "{err:?}");
        assert_eq!(err.loc, Loc { line: 3, column: 1 });
    }
}
