//! Reads typed fields out of a YAML mapping, turning every mismatch into a diagnostic
//! instead of stopping, so one run reports all the problems of a file.

use crate::diagnostic::{Diagnostic, Expected, Lines, Mistake, Problem};
use crate::model::PartialDate;
use crate::model::schema::Field;
use crate::model::suggest::suggest_word;
use crate::yaml::{Loc, Node, NodeKind};
use std::cell::OnceCell;
use std::rc::Rc;

/// A located text value.
#[derive(Debug, Clone)]
pub struct Located {
    pub text: String,
    pub loc: Loc,
}

pub struct Fields<'a> {
    file: &'a str,
    source: &'a str,
    entries: &'a [(Node, Node)],
    /// Where to point when a required field is missing.
    top: Loc,
    /// For a follow-up: its number (1-based), so a missing field names its place.
    item: Option<usize>,
    pub diagnostics: Vec<Diagnostic>,
    /// The file's lines, found on the first problem and shared with nested mappings, so a
    /// file with thousands of problems is scanned once.
    lines: Rc<OnceCell<Lines<'a>>>,
}

/// Whether a text is wholly in typographic quotes (`“Mötet”`), which would be published.
fn smart_quoted(text: &str) -> bool {
    let mut chars = text.chars();
    let (first, last) = (chars.next(), chars.next_back());
    first.zip(last).is_some_and(|(a, b)| crate::yaml::slips::is_smart_quote(a) && crate::yaml::slips::is_smart_quote(b))
}

fn width(node: &Node) -> usize {
    node.scalar_text().map_or(1, |s| s.chars().count().max(1))
}

impl<'a> Fields<'a> {
    /// Checks every key against `allowed`; unknown keys get a "did you mean".
    pub fn new(
        file: &'a str,
        source: &'a str,
        entries: &'a [(Node, Node)],
        top: Loc,
        allowed: &[&'static str],
    ) -> Self {
        let mut fields =
            Fields { file, source, entries, top, item: None, diagnostics: Vec::new(), lines: Rc::default() };
        fields.check_keys(allowed);
        fields
    }

    fn check_keys(&mut self, allowed: &[&'static str]) {
        for (key, _) in self.entries {
            let name = key.scalar_text().unwrap_or_default();
            if !allowed.contains(&name.as_str()) {
                // `datum`, `regioner`: the Swedish word for a key is the likeliest slip.
                let suggestion = crate::model::schema::swedish_key(&name)
                    .filter(|k| allowed.contains(k))
                    .map(String::from)
                    .or_else(|| suggest_word(&name, allowed));
                let problem = match self.belongs_under(&name, allowed) {
                    Some(parent) => Problem::Mistake(Mistake::BelongsUnder { key: name, parent }),
                    None => Problem::UnknownKey { key: name, suggestion, allowed: allowed.to_vec() },
                };
                self.report(key, problem);
            }
        }
    }

    /// The list a top-level key of a meeting belongs to when the line was not indented: the
    /// key is one of that list's items' (`status:` of a follow-up) and the list is there.
    fn belongs_under(&self, key: &str, allowed: &[&'static str]) -> Option<&'static str> {
        use crate::model::schema::{ATTACHMENT_KEYS, FOLLOW_UP_KEYS};
        let lists: [(&'static str, &[&str]); 2] = [("follow_ups", &FOLLOW_UP_KEYS), ("attachments", &ATTACHMENT_KEYS)];
        let present = |list: &str| self.entries.iter().any(|(k, _)| k.scalar_text().as_deref() == Some(list));
        lists
            .into_iter()
            .find(|(list, keys)| allowed.contains(list) && keys.contains(&key) && present(list))
            .map(|(l, _)| l)
    }

    /// A text field as the schema describes it: required fields must be there.
    pub fn text(&mut self, field: &Field) -> Option<Located> {
        if field.is_required() { self.required_text(field.key) } else { self.optional_text(field.key) }
    }

    /// A list field as the schema describes it: required lists need at least one item.
    pub fn list(&mut self, field: &Field) -> Vec<Located> {
        if field.is_required() { self.required_text_list(field.key) } else { self.text_list(field.key) }
    }

    /// A date field as the schema describes it.
    pub fn date(&mut self, field: &Field) -> Option<PartialDate> {
        if field.is_required() { self.required_date(field.key) } else { self.optional_date(field.key) }
    }

    /// A value as it will be published, trimmed: control characters that no page or feed may
    /// carry are taken out, with a warning. Names that address something (slugs, the theme,
    /// base_url) are kept as written, so that a control character in one is an error there.
    fn publishable(&mut self, key: &str, text: String, loc: Loc) -> String {
        const NAMES: &[&str] =
            &["slug", "round", "regions", "themes", "members", "theme", "base_url", "language", "output", "kind"];
        match crate::model::text::unpublishable(&text).filter(|_| !NAMES.contains(&key)) {
            None => text.trim().to_string(),
            Some((_, character, count)) => {
                self.warn_at(loc, 1, Problem::ControlCharacter { character, count });
                crate::model::text::publishable(&text).trim().to_string()
            }
        }
    }

    pub fn report(&mut self, node: &Node, problem: Problem) {
        self.report_at(node.loc, width(node), problem);
    }

    pub fn report_at(&mut self, loc: Loc, width: usize, problem: Problem) {
        let d = Diagnostic::error(self.file, problem).at_in(loc, width, self.lines());
        self.diagnostics.push(d);
    }

    pub fn warn(&mut self, problem: Problem) {
        self.warn_at(self.top, 3, problem);
    }

    pub fn warn_at(&mut self, loc: Loc, width: usize, problem: Problem) {
        let d = Diagnostic::warning(self.file, problem).at_in(loc, width, self.lines());
        self.diagnostics.push(d);
    }

    pub fn get(&self, key: &str) -> Option<&'a Node> {
        self.entries
            .iter()
            .find(|(k, _)| k.scalar_text().as_deref() == Some(key))
            .map(|(_, v)| v)
            .filter(|v| v.kind != NodeKind::Null)
    }

    /// Whether the key is written at all, even with an empty value.
    pub fn has_key(&self, key: &str) -> bool {
        self.key_node(key).is_some()
    }

    /// Where the key itself is written (for a problem with a whole block).
    pub fn key_loc(&self, key: &str) -> Option<crate::yaml::Loc> {
        self.key_node(key).map(|k| k.loc)
    }

    fn key_node(&self, key: &str) -> Option<&'a Node> {
        self.entries.iter().find(|(k, _)| k.scalar_text().as_deref() == Some(key)).map(|(k, _)| k)
    }

    /// Whether an unknown key here was taken for `key` (`datum:` for `date`): its "did you
    /// mean" says what to do, so the field is not also said to be missing.
    pub fn suggested(&self, key: &str) -> bool {
        self.diagnostics
            .iter()
            .any(|d| matches!(&d.problem, Problem::UnknownKey { suggestion: Some(s), .. } if s == key))
    }

    fn missing(&mut self, key: &str) {
        if self.suggested(key) {
            return;
        }
        let in_item = self.item.zip(crate::model::schema::FOLLOW_UP_KEYS.iter().find(|k| **k == key));
        let problem = match in_item {
            Some((item, field)) => Problem::Mistake(Mistake::FollowUpMissing { field, item }),
            None => Problem::MissingField { field: key.into() },
        };
        self.report_at(self.top, 3, problem);
    }

    /// Warns when a text is wholly in typographic quotes.
    fn check_quotes(&mut self, key: &str, node: &Node, text: &str) {
        if smart_quoted(text) {
            self.warn_at(node.loc, width(node), Problem::Mistake(Mistake::SmartQuoted { field: key.into() }));
        }
    }

    /// A non-empty text that must be present.
    pub fn required_text(&mut self, key: &str) -> Option<Located> {
        match self.get(key) {
            None => {
                self.missing_or_empty(key);
                return None;
            }
            Some(node) if node.scalar_text().is_some_and(|t| t.trim().is_empty()) => {
                self.report(node, Problem::RequiredEmpty { field: key.into() });
                return None;
            }
            Some(_) => {}
        }
        self.optional_text(key)
    }

    /// A required key that is absent, or written with nothing after it.
    fn missing_or_empty(&mut self, key: &str) {
        match self.key_node(key) {
            Some(k) => self.report(k, Problem::RequiredEmpty { field: key.into() }),
            None => self.missing(key),
        }
    }

    /// A list of texts that must have at least one item; a single text is a one-item list.
    pub fn required_text_list(&mut self, key: &str) -> Vec<Located> {
        match self.get(key) {
            None => self.missing_or_empty(key),
            Some(node) if matches!(&node.kind, NodeKind::Seq(items) if items.is_empty()) => {
                self.report_at(node.loc, 2, Problem::RequiredEmpty { field: key.into() });
            }
            Some(_) => {}
        }
        self.text_list(key)
    }

    /// A text if present. An optional field written as `""` counts as left out: that is how
    /// the browser editor (Decap CMS) writes a field that was cleared.
    pub fn optional_text(&mut self, key: &str) -> Option<Located> {
        let node = self.get(key)?;
        match node.kind {
            NodeKind::Str(_) | NodeKind::Int(_) | NodeKind::Float(_) | NodeKind::Bool(_) => {
                let text = self.publishable(key, node.scalar_text().unwrap_or_default(), node.loc);
                if text.is_empty() {
                    return None;
                }
                self.check_quotes(key, node, &text);
                Some(Located { text, loc: node.loc })
            }
            _ => {
                self.report(node, Problem::WrongType { field: key.into(), expected: Expected::Text });
                None
            }
        }
    }

    /// [`Fields::optional_text`] as the author wrote it: a number (`phone: 0812345678`,
    /// `+46812345`) keeps its leading zero and plus sign, which YAML's reading would drop.
    pub fn written_text(&mut self, key: &str) -> Option<Located> {
        let node = self.get(key)?;
        if !matches!(node.kind, NodeKind::Int(_) | NodeKind::Float(_)) {
            return self.optional_text(key);
        }
        let line = self.lines().get(node.loc.line).unwrap_or_default();
        let rest: String = line.chars().skip(node.loc.column.saturating_sub(1)).collect();
        let end = rest.find([',', '}', ']', '#']).unwrap_or(rest.len());
        let text = rest[..end].trim().to_string();
        Some(Located { text, loc: node.loc })
    }

    /// A list of texts; a single text is accepted as a one-item list.
    pub fn text_list(&mut self, key: &str) -> Vec<Located> {
        let Some(node) = self.get(key) else { return Vec::new() };
        let items: Vec<&Node> = match &node.kind {
            NodeKind::Seq(items) => items.iter().collect(),
            NodeKind::Map(_) => {
                self.report(node, Problem::WrongType { field: key.into(), expected: Expected::List });
                return Vec::new();
            }
            _ => vec![node],
        };
        let mut out = Vec::new();
        for item in items {
            match item.scalar_text().map(|text| self.publishable(key, text, item.loc)) {
                Some(text) if !text.is_empty() => {
                    self.check_quotes(key, item, &text);
                    out.push(Located { text, loc: item.loc })
                }
                Some(_) => self.report(item, Problem::EmptyField { field: key.into() }),
                None => self.report(item, Problem::WrongType { field: key.into(), expected: Expected::Text }),
            }
        }
        out
    }

    pub fn bool(&mut self, key: &str, default: bool) -> bool {
        let Some(node) = self.get(key) else { return default };
        match node.kind {
            NodeKind::Bool(b) => b,
            _ => {
                let value = node.scalar_text().unwrap_or_default();
                self.report(node, Problem::InvalidBool { field: key.into(), value });
                default
            }
        }
    }

    pub fn int(&mut self, key: &str, default: i64) -> i64 {
        let Some(node) = self.get(key) else { return default };
        match node.kind {
            NodeKind::Int(i) => i,
            _ => {
                self.report(node, Problem::WrongType { field: key.into(), expected: Expected::Number });
                default
            }
        }
    }

    pub fn required_date(&mut self, key: &str) -> Option<PartialDate> {
        if self.get(key).is_none() {
            self.missing_or_empty(key);
            return None;
        }
        self.optional_date(key)
    }

    pub fn optional_date(&mut self, key: &str) -> Option<PartialDate> {
        let node = self.get(key)?;
        // An emptied date (`due: ""`, what the form saves when an author clears the field)
        // is no date, as an emptied optional text is no text.
        if matches!(&node.kind, NodeKind::Str(text) if text.trim().is_empty()) {
            return None;
        }
        let value = match node.scalar_text() {
            Some(text) => text,
            None => {
                self.report(node, Problem::WrongType { field: key.into(), expected: Expected::Date });
                return None;
            }
        };
        let date = PartialDate::parse(&value);
        if date.is_none() {
            self.report(node, Problem::InvalidDate { field: key.into(), value });
        }
        date
    }

    /// The items of a list of mappings, each with its own entries.
    pub fn mapping_list(&mut self, key: &str) -> Vec<&'a Node> {
        let Some(node) = self.get(key) else { return Vec::new() };
        match &node.kind {
            NodeKind::Seq(items) => items
                .iter()
                .filter(|item| {
                    let ok = item.as_map().is_some();
                    if !ok {
                        self.report(item, Problem::WrongType { field: key.into(), expected: Expected::Mapping });
                    }
                    ok
                })
                .collect(),
            _ => {
                self.report(node, Problem::WrongType { field: key.into(), expected: Expected::List });
                Vec::new()
            }
        }
    }

    /// Reads a nested mapping with its own allowed keys; its problems join this file's.
    pub fn nested(&mut self, node: &'a Node, allowed: &[&'static str]) -> Fields<'a> {
        let mut nested = Fields {
            file: self.file,
            source: self.source,
            entries: node.as_map().unwrap_or_default(),
            top: node.loc,
            item: None,
            diagnostics: Vec::new(),
            lines: self.lines.clone(),
        };
        nested.check_keys(allowed);
        nested
    }

    fn lines(&self) -> &Lines<'a> {
        self.lines.get_or_init(|| Lines::new(self.source))
    }

    /// [`Fields::nested`] for item `number` (1-based) of a list, named in its messages.
    pub fn nested_item(&mut self, node: &'a Node, allowed: &[&'static str], number: usize) -> Fields<'a> {
        Fields { item: Some(number), ..self.nested(node, allowed) }
    }

    /// Where `loc` is, with `width` characters and its line as written: a place a problem
    /// found later, across files, is reported at.
    pub fn place(&self, loc: Loc, width: usize) -> crate::model::follow::Place {
        let line = self.lines().get(loc.line).unwrap_or_default();
        crate::model::follow::Place { line: loc.line, column: loc.column, width, source_line: line.to_string() }
    }

    /// The node of `key` as written, even when it is not a list.
    pub fn raw(&self, key: &str) -> Option<&'a Node> {
        self.get(key)
    }

    pub fn absorb(&mut self, other: Fields<'_>) {
        self.diagnostics.extend(other.diagnostics);
    }
}
