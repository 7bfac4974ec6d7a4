//! The search index `/sok/index.json`, read by `search.js` in the browser.
//!
//! One entry per published meeting, newest first. Each entry carries what a result shows
//! (url, title, date, summary, region and theme names) and `text`: every word of the title,
//! summary, outcomes, region names, theme names and body, folded (see [`fold`]) and listed
//! once each, for prefix matching. `search.js` folds queries with the same rules.

use super::markdown::RenderedMarkdown;
use crate::memo::Memo;
use crate::model::{Meeting, Site};
use rustc_hash::FxHashSet;
use serde::Serialize;
use std::borrow::Cow;
use std::sync::Arc;

#[derive(Serialize)]
struct Entry<'a> {
    url: String,
    title: &'a str,
    date_display: String,
    summary: Option<&'a str>,
    regions: Vec<String>,
    themes: Vec<String>,
    text: String,
}

/// Folds text for matching (see [`crate::model::slug::fold_accents`]); `search.js` does the
/// same in the browser.
pub fn fold(text: &str) -> String {
    crate::model::slug::fold_accents(text)
}

/// The words of folded text: runs of letters and digits.
pub fn words(folded: &str) -> impl Iterator<Item = &str> {
    folded.split(|c: char| !is_letter_or_digit(c)).filter(|w| !w.is_empty())
}

/// Whether the character starting at byte `at` is a letter or digit, and its width. Only
/// non-ASCII characters are decoded: most of a Swedish body is ASCII.
#[inline]
fn word_char_at(text: &str, at: usize) -> (bool, usize) {
    let b = text.as_bytes()[at];
    if b.is_ascii() {
        (b.is_ascii_alphanumeric(), 1)
    } else {
        text[at..].chars().next().map_or((false, 1), |c| (is_letter_or_digit(c), c.len_utf8()))
    }
}

/// `char::is_alphanumeric`, without its table lookup for the Latin-1 letters (å, ä, ö …).
#[inline]
fn is_letter_or_digit(c: char) -> bool {
    match c {
        '\u{c0}'..='\u{ff}' => c != '×' && c != '÷',
        c => c.is_alphanumeric(),
    }
}

/// The words of raw text as written: runs of letters and digits.
fn raw_words(text: &str) -> impl Iterator<Item = &str> {
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < text.len() {
            let (is_word, width) = word_char_at(text, at);
            if is_word {
                break;
            }
            at += width;
        }
        if at >= text.len() {
            return None;
        }
        let start = at;
        while at < text.len() {
            let (is_word, width) = word_char_at(text, at);
            if !is_word {
                break;
            }
            at += width;
        }
        Some(&text[start..at])
    })
}

/// The folded words of all `parts`, each once, in order of first appearance.
fn match_text<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    // Words as written that were seen already: bodies repeat words, folding is the cost.
    let mut raw_seen: FxHashSet<&'a str> = FxHashSet::default();
    // Folded words: most are written in lowercase ASCII already and are borrowed as they are.
    let mut seen: FxHashSet<Cow<'a, str>> = FxHashSet::default();
    let mut out = String::new();
    let mut emit = |word: Cow<'a, str>, out: &mut String| {
        if !seen.contains(word.as_ref()) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&word);
            seen.insert(word);
        }
    };
    // Plain nested loops: a `flat_map` over the word iterator cost more than the hashing.
    for part in parts {
        for raw in raw_words(part) {
            if !raw_seen.insert(raw) {
                continue;
            }
            if raw.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()) {
                emit(Cow::Borrowed(raw), &mut out);
            } else {
                for w in words(&fold(raw)) {
                    emit(Cow::Owned(w.to_string()), &mut out);
                }
            }
        }
    }
    out
}

/// Everything a meeting's index entry is made of, besides its slug (for `serve`).
#[derive(PartialEq)]
pub struct EntryKey {
    title: String,
    date_display: String,
    summary: Option<String>,
    outcomes: Vec<String>,
    regions: Vec<String>,
    themes: Vec<String>,
    body_text: Arc<str>,
}

/// A meeting's entry of the index, as JSON (exactly as long as it is: a build holds one per
/// meeting until the index is written).
pub type EntryJson = Box<[u8]>;

/// Each meeting's entry, as JSON, by slug: reused by a rebuild when its key is equal.
pub type EntryMemo = Memo<EntryKey, EntryJson>;

/// One meeting's entry of the search index, as JSON; with a memo from the build before, an
/// unchanged meeting's entry is reused, and its key is returned for the next build's memo.
pub fn entry(
    site: &Site,
    m: &Meeting,
    body: &RenderedMarkdown,
    previous: Option<&EntryMemo>,
) -> (EntryJson, Option<Box<EntryKey>>) {
    let regions: Vec<String> = m.regions.iter().map(|r| site.region_name(r)).collect();
    let themes: Vec<String> = m.topics.iter().map(|t| site.topic_name(t)).collect();
    let date_display = m.date.display(site.lang());
    let key = previous.map(|_| {
        Box::new(EntryKey {
            title: m.title.clone(),
            date_display: date_display.clone(),
            summary: m.summary.clone(),
            outcomes: m.outcomes.clone(),
            regions: regions.clone(),
            themes: themes.clone(),
            body_text: body.text.clone(),
        })
    });
    if let Some(json) = previous.zip(key.as_ref()).and_then(|(memo, key)| memo.get(&m.slug, key)) {
        return (json.clone(), key);
    }
    let parts = std::iter::once(m.title.as_str())
        .chain(m.summary.as_deref())
        .chain(m.outcomes.iter().map(String::as_str))
        .chain(regions.iter().map(String::as_str))
        .chain(themes.iter().map(String::as_str))
        .chain(std::iter::once(&*body.text));
    let text = match_text(parts);
    let entry = Entry {
        url: site.urls.meeting(&m.slug),
        title: &m.title,
        date_display,
        summary: m.summary.as_deref(),
        regions,
        themes,
        text,
    };
    // Plain data: serialising it to memory cannot fail.
    (serde_json::to_vec(&entry).unwrap_or_default().into_boxed_slice(), key)
}

/// Writes `sok/index.json` entry by entry, as the entries are made (see [`entry`]): a JSON
/// array of the published meetings, newest first. A build never holds every entry at once.
pub struct IndexWriter<'w> {
    out: &'w mut dyn std::io::Write,
    empty: bool,
}

impl<'w> IndexWriter<'w> {
    pub fn start(out: &'w mut dyn std::io::Write) -> std::io::Result<Self> {
        out.write_all(b"[")?;
        Ok(IndexWriter { out, empty: true })
    }

    pub fn entry(&mut self, json: &[u8]) -> std::io::Result<()> {
        if !self.empty {
            self.out.write_all(b",")?;
        }
        self.empty = false;
        self.out.write_all(json)
    }

    pub fn finish(self) -> std::io::Result<()> {
        self.out.write_all(b"]\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::data::fixtures;

    #[test]
    fn folding_removes_case_and_diacritics() {
        assert_eq!(fold("Östergötland"), "ostergotland");
        assert_eq!(fold("ÅÄÖ åäö é ü"), "aao aao e u");
        assert_eq!(fold("Smart Specialisering"), "smart specialisering");
        assert_eq!(fold("ﬁka Ærø straße"), "fika aero strasse");
    }

    #[test]
    fn words_split_on_punctuation_and_spaces() {
        let folded = fold("Hälso- och sjukvård, 2018!\u{a0}Region");
        assert_eq!(words(&folded).collect::<Vec<_>>(), ["halso", "och", "sjukvard", "2018", "region"]);
    }

    #[test]
    fn latin1_letters_are_letters() {
        for c in (0..=0x17f_u32).filter_map(char::from_u32) {
            assert_eq!(is_letter_or_digit(c), c.is_alphanumeric(), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn raw_words_split_on_anything_but_letters_and_digits() {
        let found: Vec<&str> = raw_words("Hälso- och sjukvård, 2018!\u{a0}Region…ÅÄÖ").collect();
        assert_eq!(found, ["Hälso", "och", "sjukvård", "2018", "Region", "ÅÄÖ"]);
        assert_eq!(raw_words("  ,; ").count(), 0);
        assert_eq!(raw_words("ord").collect::<Vec<_>>(), ["ord"]);
    }

    #[test]
    fn match_text_folds_words_that_fold_into_several() {
        // "ﬁ" folds to two letters, "Ærø" to "aero"; both are kept whole, once.
        assert_eq!(match_text(["ﬁka Ærø", "fika aero Fika"]), "fika aero");
    }

    #[test]
    fn match_text_lists_each_word_once() {
        assert_eq!(
            match_text(["Smart smart", "SMART specialisering", "Östergötland"]),
            "smart specialisering ostergotland"
        );
    }

    #[test]
    fn index_is_json_with_folded_names_and_no_drafts() {
        let site = fixtures::site("/sub/");
        let bodies = fixtures::bodies(&site);
        let entries = site.meetings.iter().zip(&bodies).filter(|(m, _)| !m.draft);
        let mut bytes = Vec::new();
        let mut index = IndexWriter::start(&mut bytes).unwrap();
        for (m, body) in entries {
            index.entry(&entry(&site, m, body, None).0).unwrap();
        }
        index.finish().unwrap();
        let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        let entries = value.as_array().unwrap();
        assert_eq!(entries.len(), 2, "the draft is left out");
        let first = &entries[0];
        assert_eq!(first["url"], "/sub/moten/ostergotland-2018/");
        assert_eq!(first["regions"][0], "Östergötland");
        assert_eq!(first["themes"][0], "Smart specialisering");
        let text = first["text"].as_str().unwrap();
        for w in ["ostergotland", "smart", "specialisering", "kropp"] {
            assert!(text.split(' ').any(|t| t == w), "{w} missing from {text}");
        }
        assert!(!text.contains(|c: char| c.is_uppercase() || !c.is_ascii()), "{text}");
        assert!(!String::from_utf8(bytes).unwrap().contains("Hemligt"));
    }
}
