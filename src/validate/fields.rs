//! Reads typed fields out of a YAML mapping, turning every mismatch into a diagnostic
//! instead of stopping, so one run reports all the problems of a file.

use crate::diagnostic::{Diagnostic, Expected, Problem};
use crate::model::PartialDate;
use crate::model::schema::Field;
use crate::model::suggest::suggest_word;
use crate::yaml::{Loc, Node, NodeKind};

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
    pub diagnostics: Vec<Diagnostic>,
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
        let mut fields = Fields { file, source, entries, top, diagnostics: Vec::new() };
        for (key, _) in entries {
            let name = key.scalar_text().unwrap_or_default();
            if !allowed.contains(&name.as_str()) {
                let suggestion = suggest_word(&name, allowed);
                fields.report(key, Problem::UnknownKey { key: name, suggestion, allowed: allowed.to_vec() });
            }
        }
        fields
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

    pub fn report(&mut self, node: &Node, problem: Problem) {
        self.report_at(node.loc, width(node), problem);
    }

    pub fn report_at(&mut self, loc: Loc, width: usize, problem: Problem) {
        self.diagnostics.push(Diagnostic::error(self.file, problem).at(loc, width, self.source));
    }

    pub fn warn(&mut self, problem: Problem) {
        self.warn_at(self.top, 3, problem);
    }

    pub fn warn_at(&mut self, loc: Loc, width: usize, problem: Problem) {
        self.diagnostics.push(Diagnostic::warning(self.file, problem).at(loc, width, self.source));
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

    fn key_node(&self, key: &str) -> Option<&'a Node> {
        self.entries.iter().find(|(k, _)| k.scalar_text().as_deref() == Some(key)).map(|(k, _)| k)
    }

    fn missing(&mut self, key: &str) {
        self.report_at(self.top, 3, Problem::MissingField { field: key.into() });
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
                let text = node.scalar_text().unwrap_or_default().trim().to_string();
                if text.is_empty() {
                    return None;
                }
                Some(Located { text, loc: node.loc })
            }
            _ => {
                self.report(node, Problem::WrongType { field: key.into(), expected: Expected::Text });
                None
            }
        }
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
            match item.scalar_text() {
                Some(text) if !text.trim().is_empty() => {
                    out.push(Located { text: text.trim().to_string(), loc: item.loc })
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
        Fields::new(self.file, self.source, node.as_map().unwrap_or_default(), node.loc, allowed)
    }

    pub fn absorb(&mut self, other: Fields<'_>) {
        self.diagnostics.extend(other.diagnostics);
    }
}
