//! Keeps an author's front matter when the form saves over a hand-written file: the comments,
//! key order and formatting of every top-level key whose value the form did not change.
//!
//! Decap writes the whole file anew, in its own style and without comments. Here the file on
//! disk and the one Decap sends are read with the one YAML parser ([`crate::yaml`]) and put
//! together key by key: a key whose value is the same keeps its own lines, a changed key is
//! written where it was (as Decap wrote it), a removed key goes, a new key goes where the
//! form's (the schema's) order puts it; comment lines between keys and above the first stay.
//! The body is Decap's. The result is read back and must hold exactly Decap's values, or
//! Decap's text is saved as it came. What cannot be kept (a comment inside a changed or
//! removed value) is named, so the editor can say so before saving.

use crate::yaml::{self, Node, NodeKind};

/// The text to save, and the keys whose comments could not be kept.
#[derive(Debug, PartialEq)]
pub struct Kept {
    pub text: String,
    pub comments_dropped: Vec<String>,
}

/// One top-level key: the comment and blank lines above it (after the key before), its own
/// lines (the key and its value), and its value as read.
struct Entry<'a> {
    key: String,
    value: Node,
    lead: Vec<&'a str>,
    own: Vec<&'a str>,
}

/// A front matter cut into its keys' lines: what stands above the first key and below the last.
struct Front<'a> {
    preamble: Vec<&'a str>,
    entries: Vec<Entry<'a>>,
    epilogue: Vec<&'a str>,
    body: &'a str,
}

fn is_comment_or_blank(line: &str) -> bool {
    let line = line.trim();
    line.is_empty() || line.starts_with('#')
}

/// Whether a line holds a YAML comment: a `#` at its start or after a space, outside quotes.
fn has_comment(line: &str) -> bool {
    let (mut single, mut double, mut before) = (false, false, ' ');
    for c in line.chars() {
        match c {
            '\'' if !double => single = !single,
            '"' if !single && before != '\\' => double = !double,
            '#' if !single && !double && before.is_whitespace() => return true,
            _ => {}
        }
        before = c;
    }
    false
}

fn front(text: &str) -> Option<Front<'_>> {
    let split = crate::validate::frontmatter::split(text).ok()?;
    let root = yaml::parse(split.yaml, split.yaml_first_line).ok()?;
    let map = root.as_map()?;
    let lines: Vec<&str> = split.yaml.split_inclusive('\n').collect();
    // Each key's line within the front matter; keys at the left edge, in order.
    let starts: Vec<usize> = map
        .iter()
        .map(|(key, _)| key.loc.line.checked_sub(split.yaml_first_line).filter(|_| key.loc.column == 1))
        .collect::<Option<_>>()?;
    if starts.windows(2).any(|w| w[0] >= w[1]) || starts.last().is_some_and(|&s| s >= lines.len()) {
        return None;
    }
    let first = starts.first().copied().unwrap_or(lines.len());
    let mut entries = Vec::new();
    let mut lead = Vec::new();
    let mut epilogue = Vec::new();
    for (i, (key, value)) in map.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(lines.len());
        let span = &lines[starts[i]..end];
        // The comment and blank lines at the end of a span lead to the next key.
        let own = span.iter().rposition(|l| !is_comment_or_blank(l)).map_or(1, |p| p + 1);
        entries.push(Entry { key: key.scalar_text()?, value: value.clone(), lead, own: span[..own].to_vec() });
        lead = span[own..].to_vec();
        if i + 1 == map.len() {
            epilogue = std::mem::take(&mut lead);
        }
    }
    Some(Front { preamble: lines[..first].to_vec(), entries, epilogue, body: split.body })
}

fn is_empty(node: &Node) -> bool {
    match &node.kind {
        NodeKind::Null => true,
        NodeKind::Str(s) => s.is_empty(),
        NodeKind::Seq(items) => items.is_empty(),
        NodeKind::Map(entries) => entries.is_empty(),
        _ => false,
    }
}

/// The same value, as samtal reads it: scalars by their text (`2018` and `"2018"`), mappings
/// in any order, empty values (`""`, `[]`, nothing) alike.
fn same(a: &Node, b: &Node) -> bool {
    match (&a.kind, &b.kind) {
        _ if is_empty(a) && is_empty(b) => true,
        (NodeKind::Seq(x), NodeKind::Seq(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b)),
        (NodeKind::Map(x), NodeKind::Map(y)) => {
            let full = |m: &'_ [(Node, Node)]| m.iter().filter(|(_, v)| !is_empty(v)).count();
            full(x) == full(y)
                && x.iter()
                    .filter(|(_, v)| !is_empty(v))
                    .all(|(k, v)| y.iter().any(|(k2, v2)| k.scalar_text() == k2.scalar_text() && same(v, v2)))
        }
        (NodeKind::Seq(_) | NodeKind::Map(_), _) | (_, NodeKind::Seq(_) | NodeKind::Map(_)) => false,
        _ => a.scalar_text() == b.scalar_text(),
    }
}

/// The file to save over `old` for `new` (the text Decap sent): `None` when either cannot
/// be read as a front matter of keys, or the two put together would not mean `new`.
pub fn keep(old: &str, new: &str) -> Option<Kept> {
    let (was, will) = (front(old)?, front(new)?);
    let find = |f: &'_ Front<'_>, key: &str| f.entries.iter().position(|e| e.key == key);
    let mut dropped = Vec::new();
    // The old keys in their order, each with its lines; a removed key goes (unless it was
    // empty, which samtal reads as left out, as the form does).
    let mut placed: Vec<(String, Vec<&str>)> = Vec::new();
    for entry in &was.entries {
        let commented = entry.own.iter().any(|l| has_comment(l));
        match find(&will, &entry.key).map(|i| &will.entries[i]) {
            Some(now) if same(&entry.value, &now.value) => {
                placed.push((entry.key.clone(), [&entry.lead[..], &entry.own[..]].concat()));
            }
            Some(now) => {
                if commented {
                    dropped.push(entry.key.clone());
                }
                placed.push((entry.key.clone(), [&entry.lead[..], &now.own[..]].concat()));
            }
            None if is_empty(&entry.value) => {
                placed.push((entry.key.clone(), [&entry.lead[..], &entry.own[..]].concat()));
            }
            None => {
                if commented || entry.lead.iter().any(|l| has_comment(l)) {
                    dropped.push(entry.key.clone());
                }
            }
        }
    }
    // New keys after the key the form puts before them.
    let mut at = 0;
    for entry in &will.entries {
        match placed.iter().position(|(key, _)| *key == entry.key) {
            Some(i) => at = i + 1,
            None => {
                placed.insert(at, (entry.key.clone(), entry.own.clone()));
                at += 1;
            }
        }
    }
    let mut text = String::from("---\n");
    for line in was.preamble.iter().chain(placed.iter().flat_map(|(_, lines)| lines)).chain(&was.epilogue) {
        text.push_str(line);
        if !line.ends_with('\n') {
            text.push('\n');
        }
    }
    text.push_str("---\n");
    text.push_str(will.body);
    // Read back: every value the form sent, and nothing else but empty ones.
    let back = front(&text)?;
    let means_new =
        will.entries.iter().all(|e| find(&back, &e.key).is_some_and(|i| same(&back.entries[i].value, &e.value)))
            && back.entries.iter().all(|e| find(&will, &e.key).is_some() || is_empty(&e.value));
    means_new.then_some(Kept { text, comments_dropped: dropped })
}

/// The keys whose comments saving `new` over `old` would drop: those [`keep`] names, or every
/// key with a comment when the two cannot be put together.
pub fn comments_dropped(old: &str, new: &str) -> Vec<String> {
    if let Some(kept) = keep(old, new) {
        return kept.comments_dropped;
    }
    let Some(was) = front(old) else { return Vec::new() };
    let commented = |e: &Entry<'_>| e.own.iter().chain(&e.lead).any(|l| has_comment(l));
    was.entries.iter().filter(|e| commented(e)).map(|e| e.key.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const OLD: &str = "---\n# Mötet i Blekinge\ntitle: \"Dialog\"   # namnet\ndate: 2018\nregions: [blekinge]\n\n# Vad det ledde till\noutcomes: []          # inga resultat\nsummary: Kort. # för kort\ndraft: false\n# slut\n---\nText.\n";

    #[test]
    fn unchanged_keys_keep_their_comments_and_layout_and_changed_ones_are_written_where_they_were() {
        // As Decap writes it: its style, a new title and summary, a new key, `outcomes` left out.
        let new = "---\ntitle: Ny dialog\ndate: \"2018\"\nregions:\n  - blekinge\nsummary: Längre.\nparticipants:\n  - Regiondirektör\ndraft: false\n---\nNy text.\n";
        let kept = keep(OLD, new).unwrap();
        assert_eq!(
            kept.text,
            "---\n# Mötet i Blekinge\ntitle: Ny dialog\ndate: 2018\nregions: [blekinge]\n\n# Vad det ledde till\noutcomes: []          # inga resultat\nsummary: Längre.\nparticipants:\n  - Regiondirektör\ndraft: false\n# slut\n---\nNy text.\n"
        );
        assert_eq!(kept.comments_dropped, ["title", "summary"]);
        assert_eq!(comments_dropped(OLD, new), ["title", "summary"]);
    }

    #[test]
    fn a_removed_key_goes_with_its_comment_named() {
        let new = "---\ntitle: \"Dialog\"\ndate: 2018\nregions: [blekinge]\noutcomes: []\ndraft: false\n---\nText.\n";
        let kept = keep(OLD, new).unwrap();
        assert!(
            !kept.text.contains("summary") && kept.text.contains("title: \"Dialog\"   # namnet\n"),
            "{}",
            kept.text
        );
        assert_eq!(kept.comments_dropped, ["summary"]);
    }

    #[test]
    fn nothing_changed_is_the_file_as_it_was() {
        let new =
            "---\ntitle: Dialog\ndate: \"2018\"\nregions:\n  - blekinge\nsummary: Kort.\ndraft: false\n---\nText.\n";
        assert_eq!(keep(OLD, new), Some(Kept { text: OLD.to_string(), comments_dropped: Vec::new() }));
    }

    #[test]
    fn a_file_that_cannot_be_read_is_not_kept_and_every_comment_is_named() {
        let broken = "---\ntitle: [\nsummary: x # y\n---\n";
        assert_eq!(keep(broken, "---\ntitle: x\n---\n"), None);
        assert_eq!(comments_dropped("---\ntitle: x # y\n---\n", "not a front matter"), ["title"]);
    }

    #[test]
    fn a_hash_inside_quotes_is_no_comment() {
        assert!(!has_comment("summary: \"med #hash\""));
        assert!(!has_comment("summary: punkt#3"));
        assert!(has_comment("summary: punkt #3"));
        assert!(has_comment("  # för sig"));
    }
}
