//! The search index, read by `search.js` in the browser: a small entry file `sok/index.json`
//! (the shard map, facets, document kinds and years), word shards `sok/ord/N.json` (each
//! stem of one stretch of the alphabet with the documents holding it), fragments
//! `sok/traffar/N.json` (what a result shows, for a run of documents) and facet lists
//! `sok/regioner/<slug>.json`, `sok/teman/<slug>.json`. A reader's query fetches the entry
//! file, the shards of its words and the fragments of the results shown; the file layout is
//! [`SearchLayout`], from the model alone.
//!
//! Words are stemmed with Snowball (Swedish, or English for an English site) and folded
//! (see [`key_of_word`]); `search.js` stems and folds queries with the same rules (its port
//! is checked against this one word for word by the browser tests). Beside each stem its
//! shard holds the word's forms as written ([`form_key`]: the very word ranks above its
//! stem, and typos are compared with them) and a title's adjacent words ([`pair_key`]:
//! proximity); a Swedish compound's documents are also posted under its parts
//! ([`compound_parts`]). Postings carry the field class, whose weights come from the schema
//! ([`weights`]). docs/search.md says what a query finds and how it ranks.
//!
//! Documents are numbered: the published meetings newest first, then the free pages,
//! counties, groupings and topics. The meetings arrive in order from their page tasks and
//! their fragments are written as each file fills; only the postings (a few bytes per
//! distinct word of each document) are held until the end.

use super::markdown::RenderedMarkdown;
use super::output::OutputFile;
use crate::i18n::Lang;
use crate::memo::Memo;
use crate::model::routes::{Route, SearchLayout};
use crate::model::{Meeting, Site};
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::cell::RefCell;
use std::io::Write as _;
use std::sync::Arc;

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
pub fn raw_words(text: &str) -> impl Iterator<Item = &str> {
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

/// The Snowball stemmer of a site's language.
fn algorithm(lang: Lang) -> rust_stemmers::Algorithm {
    match lang {
        Lang::Sv => rust_stemmers::Algorithm::Swedish,
        Lang::En => rust_stemmers::Algorithm::English,
    }
}

/// The Snowball stem of a lowercase word (in NFC), as `search.js` computes it.
pub fn stem(lang: Lang, word: &str) -> String {
    rust_stemmers::Stemmer::create(algorithm(lang)).stem(word).into_owned()
}

/// The index key(s) of a word as written: lowercased, composed (NFC), stemmed, then folded
/// (accents removed), so "Etableringen", "etablering" and "ETABLERINGENS" share a key. The
/// stem is taken before folding because the Swedish rules read å, ä and ö. Folding may split
/// a stem in two ("l·l"), hence several keys; most words give one.
pub fn key_of_word(lang: Lang, word: &str) -> Vec<String> {
    use unicode_normalization::UnicodeNormalization;
    if word.is_ascii() {
        let lower = word.to_ascii_lowercase();
        return vec![stem(lang, &lower)];
    }
    let lower: String = word.to_lowercase().nfc().collect();
    words(&fold(&stem(lang, &lower))).map(str::to_string).collect()
}

/// An index key, shared between the per-thread memory of keys and the documents holding it
/// (a document's keys are then not allocated one by one).
type Key = Arc<str>;

/// The words seen on one thread, for one language: each word as written → its keys' numbers
/// and its form's, each key once. A site's bodies repeat their words, and stemming and
/// hashing strings are most of an index's cost: a document's words are then found by one
/// lookup each.
#[derive(Default)]
struct Keys {
    lang: Option<Lang>,
    by_word: FxHashMap<Box<str>, Word>,
    /// Adjacent words of a title (their keys' numbers) → the pair's key number.
    by_pair: FxHashMap<(u32, u32), u32>,
    keys: Vec<Key>,
    by_key: FxHashMap<Key, u32>,
    /// Per key number: the document that last held it, and the best field it stood in there.
    last_seen: Vec<(u64, Field)>,
    /// Per key number: whether it is a form (`stem=form`), posted only from the fields above
    /// the body and otherwise only listed (for typos).
    is_form: Vec<bool>,
    /// The number of the document being made on this thread.
    doc: u64,
}

/// A word as written: its keys' numbers and, when it has one key, its form's key number.
struct Word {
    keys: Box<[u32]>,
    form: Option<u32>,
}

thread_local! {
    static KEYS: RefCell<Keys> = RefCell::default();
}

/// The key of a word's form: its stem key, `=` and the word lowercased and folded
/// ("mot=motet"). It sorts right after its stem, so it lies in the stem's shard.
pub fn form_key(stem: &str, form: &str) -> String {
    format!("{stem}={form}")
}

/// The key of two adjacent words of a title: their keys with a space between. It
/// sorts right after the first word's key, so it lies in that word's shard.
pub fn pair_key(first: &str, second: &str) -> String {
    format!("{first} {second}")
}

impl Keys {
    /// Words remembered per thread at most; then it starts again.
    const MAX_WORDS: usize = 200_000;

    fn id(&mut self, key: String, is_form: bool) -> u32 {
        let Keys { keys, by_key, last_seen, is_form: forms, .. } = self;
        *by_key.entry(Key::from(key)).or_insert_with_key(|key| {
            keys.push(key.clone());
            last_seen.push((0, Field::Body));
            forms.push(is_form);
            u32::try_from(keys.len() - 1).unwrap_or(u32::MAX)
        })
    }

    fn word(&mut self, lang: Lang, raw: &str) -> &Word {
        if !self.by_word.contains_key(raw) {
            let stems = key_of_word(lang, raw);
            let form = match stems.as_slice() {
                [stem] => Some(form_key(stem, &words(&fold(raw)).collect::<String>())),
                _ => None,
            };
            let keys = stems.into_iter().map(|key| self.id(key, false)).collect();
            let form = form.map(|form| self.id(form, true));
            self.by_word.insert(raw.into(), Word { keys, form });
        }
        &self.by_word[raw]
    }

    fn pair(&mut self, first: u32, second: u32) -> u32 {
        if let Some(&id) = self.by_pair.get(&(first, second)) {
            return id;
        }
        let key = pair_key(&self.keys[first as usize], &self.keys[second as usize]);
        let id = self.id(key, false);
        self.by_pair.insert((first, second), id);
        id
    }

    /// The keys of `parts`' words (stems, forms, and the pairs of adjacent words of a title),
    /// each once with the best field it stands in; a form only in the body has none.
    fn of<'a>(&mut self, lang: Lang, parts: impl IntoIterator<Item = (Field, &'a str)>) -> Vec<(Key, Option<Field>)> {
        if self.lang != Some(lang) || self.by_word.len() >= Self::MAX_WORDS {
            *self = Keys { lang: Some(lang), doc: self.doc, ..Keys::default() };
        }
        self.doc += 1;
        let doc = self.doc;
        let mut found: Vec<u32> = Vec::new();
        for (field, text) in parts {
            let mut previous: Option<u32> = None;
            for raw in raw_words(text) {
                let word = self.word(lang, raw);
                let single = match &*word.keys {
                    [key] => Some(*key),
                    _ => None,
                };
                let mut ids: Vec<u32> = word.keys.iter().copied().chain(word.form).collect();
                // Pairs only from titles: those of summaries and outcomes would make the
                // shards half as large again (BENCHMARKS.md, "Search, round 2").
                if field == Field::Title {
                    if let (Some(first), Some(second)) = (previous, single) {
                        ids.push(self.pair(first, second));
                    }
                    previous = single;
                }
                for id in ids {
                    let slot = &mut self.last_seen[id as usize];
                    if slot.0 != doc {
                        *slot = (doc, field);
                        found.push(id);
                    } else if slot.1 < field {
                        slot.1 = field;
                    }
                }
            }
        }
        found
            .into_iter()
            .map(|id| {
                let field = self.last_seen[id as usize].1;
                let posted = !self.is_form[id as usize] || field > Field::Body;
                (self.keys[id as usize].clone(), posted.then_some(field))
            })
            .collect()
    }
}

/// Where in a document a word stands, for ranking: the class of the schema's fields by their
/// search weight (title > summary and outcomes > county and topic names > text). The entry
/// file publishes each class's weight ([`weights`]); postings carry the class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[repr(u8)]
pub enum Field {
    Body = 0,
    Name = 1,
    Lead = 2,
    Title = 3,
}

/// Each [`Field`] class's search weight, from the schema (`search_weight`), in class order.
pub fn weights() -> [u8; 4] {
    use crate::model::schema;
    [
        schema::BODY_SEARCH_WEIGHT,
        schema::REGIONS.search_weight,
        schema::SUMMARY.search_weight,
        schema::TITLE.search_weight,
    ]
}

/// One document of the index: its keys, each once with the best field it stands in (none
/// for a form found only in the text: listed, not posted), and its fragment (what a result
/// shows) as JSON.
#[derive(Debug)]
pub struct Doc {
    terms: Box<[(Key, Option<Field>)]>,
    fragment: Box<[u8]>,
}

/// What a result shows. Short keys: a fragment file holds hundreds of them.
#[derive(Serialize)]
struct Fragment<'a> {
    /// URL.
    u: String,
    /// Title.
    t: &'a str,
    /// Kind: `m`eeting, free `p`age, `r`egion, `t`opic.
    k: &'static str,
    /// Date as shown.
    #[serde(skip_serializing_if = "Option::is_none")]
    d: Option<String>,
    /// Region and topic names.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    g: Vec<String>,
    /// Summary.
    #[serde(skip_serializing_if = "Option::is_none")]
    s: Option<&'a str>,
    /// The start of the rest of the text (outcomes, body), for a snippet.
    #[serde(skip_serializing_if = "str::is_empty")]
    x: String,
}

/// How much of a document's text its fragment carries for the snippet, in characters: the
/// fragments of a page of results are fetched whole, so each is kept short.
const EXCERPT_CHARS: usize = 120;

/// The first [`EXCERPT_CHARS`] characters of the parts, joined, ending at a word's end.
fn excerpt<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for part in parts {
        let part = part.split_whitespace().collect::<Vec<_>>().join(" ");
        if part.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str(" · ");
        }
        out.push_str(&part);
        if out.chars().count() > EXCERPT_CHARS {
            break;
        }
    }
    if out.chars().count() <= EXCERPT_CHARS {
        return out;
    }
    let cut = out.char_indices().nth(EXCERPT_CHARS).map_or(out.len(), |(i, _)| i);
    let end = out[..cut].rfind(' ').unwrap_or(cut);
    format!("{}…", out[..end].trim_end_matches([' ', '·', ',', '.', ';', ':']))
}

/// A meeting's excerpt: its outcomes, and the start of its text only when it has neither
/// summary nor outcomes. A fragment file holds hundreds of these, and a page of results
/// fetches several files: the text's start rarely holds the words searched for anyway.
fn meeting_excerpt(m: &Meeting, text: &str) -> String {
    let outcomes = m.outcomes.iter().map(String::as_str);
    if m.summary.is_some() || !m.outcomes.is_empty() { excerpt(outcomes) } else { excerpt([text]) }
}

/// Builds a document from its parts, each with the field it belongs to.
fn doc<'a>(lang: Lang, parts: impl IntoIterator<Item = (Field, &'a str)>, fragment: &Fragment<'_>) -> Doc {
    // In no particular order: each key's postings are in document order whatever it is.
    let terms = KEYS.with_borrow_mut(|keys| keys.of(lang, parts));
    // Plain data: serialising it to memory cannot fail.
    let fragment = serde_json::to_vec(fragment).unwrap_or_default().into_boxed_slice();
    Doc { terms: terms.into_boxed_slice(), fragment }
}

/// Everything a meeting's document is made of, besides its slug (for `serve`).
#[derive(PartialEq)]
pub struct EntryKey {
    url: String,
    title: String,
    date_display: String,
    summary: Option<String>,
    outcomes: Vec<String>,
    regions: Vec<String>,
    themes: Vec<String>,
    body_text: Arc<str>,
}

/// A meeting's document, shared between a build and the next one's memo.
pub type Entry = Arc<Doc>;

/// Each meeting's document by slug: reused by a rebuild when its key is equal.
pub type EntryMemo = Memo<EntryKey, Entry>;

/// One meeting's document; with a memo from the build before, an unchanged meeting's is
/// reused, and its key is returned for the next build's memo.
pub fn entry(
    site: &Site,
    m: &Meeting,
    body: &RenderedMarkdown,
    previous: Option<&EntryMemo>,
) -> (Entry, Option<Box<EntryKey>>) {
    let regions: Vec<String> = m.regions.iter().map(|r| site.region_name(r)).collect();
    let themes: Vec<String> = m.topics.iter().map(|t| site.topic_name(t)).collect();
    let date_display = m.date.display(site.lang());
    let url = site.urls.meeting(&m.slug);
    let key = previous.map(|_| {
        Box::new(EntryKey {
            url: url.clone(),
            title: m.title.clone(),
            date_display: date_display.clone(),
            summary: m.summary.clone(),
            outcomes: m.outcomes.clone(),
            regions: regions.clone(),
            themes: themes.clone(),
            body_text: body.text.clone(),
        })
    });
    if let Some(doc) = previous.zip(key.as_ref()).and_then(|(memo, key)| memo.get(&m.slug, key)) {
        return (doc.clone(), key);
    }
    let lead = m.summary.iter().chain(&m.outcomes).map(|text| (Field::Lead, text.as_str()));
    let names = regions.iter().chain(&themes).map(|text| (Field::Name, text.as_str()));
    let parts = std::iter::once((Field::Title, m.title.as_str()))
        .chain(lead)
        .chain(names)
        .chain(std::iter::once((Field::Body, &*body.text)));
    let fragment = Fragment {
        u: url,
        t: &m.title,
        k: "m",
        d: Some(date_display),
        g: regions.iter().chain(&themes).cloned().collect(),
        s: m.summary.as_deref(),
        x: meeting_excerpt(m, &body.text),
    };
    (Arc::new(doc(site.lang(), parts, &fragment)), key)
}

/// The documents besides the meetings, in index order: free pages, counties, groupings,
/// topics. `page_bodies` are the free pages' rendered bodies, in `site.pages` order.
fn other_docs<'a>(site: &'a Site, page_bodies: &'a [RenderedMarkdown]) -> impl Iterator<Item = Doc> + 'a {
    let lang = site.lang();
    let urls = &site.urls;
    let simple = move |url: String, title: &str, kind: &'static str, lead: &str, body: &str| {
        let fragment = Fragment {
            u: url,
            t: title,
            k: kind,
            d: None,
            g: Vec::new(),
            s: (!lead.is_empty()).then_some(lead),
            x: excerpt([body]),
        };
        doc(lang, [(Field::Title, title), (Field::Lead, lead), (Field::Body, body)], &fragment)
    };
    let pages = site.pages.iter().enumerate().map(move |(i, p)| {
        let body = page_bodies.get(i).map_or("", |b| &*b.text);
        simple(urls.page(&p.slug), &p.title, "p", p.summary.as_deref().unwrap_or(""), body)
    });
    let counties = site.registry.counties.iter().map(move |c| {
        let official = lang.pick(&c.official_name, &c.official_name_en);
        simple(urls.region(&c.slug), crate::model::site::county_name(c, lang), "r", official, "")
    });
    let groupings = site.registry.groupings.iter().map(move |g| {
        let description = lang.pick(&g.description, &g.description_en);
        simple(urls.region(&g.slug), lang.pick(&g.name, &g.name_en), "r", description, "")
    });
    let topics = site.topics.iter().map(move |t| {
        let description = lang.pick(&t.description, &t.description_en);
        simple(urls.topic(&t.slug), lang.pick(&t.name, &t.name_en), "t", description, "")
    });
    pages.chain(counties).chain(groupings).chain(topics)
}

/// A key's documents: each as the gap from the one before, shifted left three times with
/// the compound bit and its field in the low bits (`gap << 3 | part << 2 | field`), as LEB128
/// varints (a few bytes per posting, until written out). The compound bit marks a document
/// that holds the key only as a part of a compound ([`compound_parts`]); such a document may
/// follow its own plain posting (a gap of 0).
#[derive(Default)]
struct Postings {
    next: u32,
    bytes: Vec<u8>,
}

/// One posting: document, field, and whether the key stands there only in a compound.
type Posting = (u32, Field, bool);

impl Postings {
    fn push(&mut self, doc: u32, field: Field) {
        self.push_posting((doc, field, false));
    }

    fn push_posting(&mut self, (doc, field, part): Posting) {
        let mut value = u64::from(doc - self.next) << 3 | u64::from(part) << 2 | field as u64;
        self.next = doc;
        loop {
            let low = (value & 0x7f) as u8;
            value >>= 7;
            if value == 0 {
                self.bytes.push(low);
                return;
            }
            self.bytes.push(low | 0x80);
        }
    }

    /// The varints as numbers.
    fn values(&self) -> impl Iterator<Item = u64> + '_ {
        let (mut value, mut shift) = (0u64, 0);
        self.bytes.iter().filter_map(move |&b| {
            value |= u64::from(b & 0x7f) << shift;
            shift += 7;
            if b & 0x80 != 0 {
                return None;
            }
            let done = value;
            (value, shift) = (0, 0);
            Some(done)
        })
    }

    fn decode(&self) -> Vec<Posting> {
        let mut doc = 0u32;
        self.values()
            .map(|value| {
                doc += u32::try_from(value >> 3).unwrap_or(u32::MAX);
                let field = match value & 3 {
                    0 => Field::Body,
                    1 => Field::Name,
                    2 => Field::Lead,
                    _ => Field::Title,
                };
                (doc, field, value & 4 != 0)
            })
            .collect()
    }

    fn of(postings: impl IntoIterator<Item = Posting>) -> Postings {
        let mut out = Postings::default();
        for posting in postings {
            out.push_posting(posting);
        }
        out
    }

    /// The values as a JSON array of numbers.
    fn write_json(&self, out: &mut Vec<u8>) {
        out.push(b'[');
        for (i, value) in self.values().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            let _ = write!(out, "{value}");
        }
        out.push(b']');
    }
}

/// A compound's head and tail are this many letters at least (a tail of three only when both
/// are words of the site, as "möte" in "uppföljningsmöte": its key is "mot").
const MIN_HEAD: usize = 4;
const MIN_KNOWN_TAIL: usize = 3;
const MIN_TAIL: usize = 5;

/// Splits a compound key in two at the site's own words: the first split (shortest head)
/// whose head and tail are both words of the site, the Swedish linking -s- allowed between
/// them (`uppfoljnings|mot`); else the longest known head with a tail of [`MIN_TAIL`]
/// letters (`region|forbund`); else, when `tails` knows a tail of that length (one found by
/// such a split elsewhere), that tail after any head (`vatten|forsorjning`). `known` gives a
/// piece's key when the piece, or its stem, is a key of the site ("kompetens" → "kompet").
/// The head is returned only when it is a word of the site.
fn split_compound(
    key: &str,
    known: &dyn Fn(&str) -> Option<String>,
    tails: &dyn Fn(&str) -> bool,
) -> Option<(Option<String>, String)> {
    let letters = |s: &str| s.chars().count();
    let mut fallback = None;
    let mut by_tail = None;
    for (at, _) in key.char_indices().skip(MIN_HEAD) {
        let (head, rest) = key.split_at(at);
        let head_key = known(head);
        for tail in [rest.strip_prefix('s'), Some(rest)].into_iter().flatten() {
            let length = letters(tail);
            if let Some(head_key) = &head_key {
                if let Some(tail_key) = (length >= MIN_KNOWN_TAIL).then(|| known(tail)).flatten() {
                    return Some((Some(head_key.clone()), tail_key));
                }
                if length >= MIN_TAIL {
                    fallback = Some((Some(head_key.clone()), tail.to_string()));
                }
            } else if by_tail.is_none() && length >= MIN_TAIL && tails(tail) {
                by_tail = Some((None, tail.to_string()));
            }
        }
    }
    fallback.or(by_tail)
}

/// The parts of a Swedish site's compound keys (stems of [`MIN_HEAD`] + [`MIN_KNOWN_TAIL`]
/// letters or more): each compound's key → its head (when a word of the site) and tail,
/// found with [`split_compound`] over the site's own words. A query for a part then finds
/// the compound.
fn compound_parts<'k>(lang: Lang, keys: &[&'k str]) -> Vec<(&'k str, Vec<String>)> {
    if lang != Lang::Sv {
        return Vec::new();
    }
    let set: rustc_hash::FxHashSet<&str> = keys.iter().copied().collect();
    let known = |piece: &str| -> Option<String> {
        if set.contains(piece) {
            return Some(piece.to_string());
        }
        let stemmed = stem(lang, piece);
        set.contains(stemmed.as_str()).then_some(stemmed)
    };
    let long = |k: &&&str| k.chars().count() >= MIN_HEAD + MIN_KNOWN_TAIL;
    let mut found: Vec<(&str, Vec<String>)> = Vec::new();
    let mut left = Vec::new();
    for &key in keys.iter().filter(long) {
        match split_compound(key, &known, &|_| false) {
            Some((head, tail)) => found.push((key, head.into_iter().chain([tail]).collect())),
            None => left.push(key),
        }
    }
    let tails: rustc_hash::FxHashSet<String> =
        found.iter().filter_map(|(_, parts)| parts.last().cloned()).filter(|t| !set.contains(t.as_str())).collect();
    for key in left {
        if let Some((_, tail)) = split_compound(key, &known, &|t| tails.contains(t)) {
            found.push((key, vec![tail]));
        }
    }
    found
}

/// Builds the index as the documents arrive, in order (see the module's text).
pub struct Indexer<'s> {
    site: &'s Site,
    layout: SearchLayout,
    next_doc: u32,
    postings: FxHashMap<Key, Postings>,
    /// The fragment file being filled: `[` and the fragments so far.
    fragments: Vec<u8>,
}

impl<'s> Indexer<'s> {
    pub fn new(site: &'s Site) -> Self {
        Indexer {
            site,
            layout: SearchLayout::of(site),
            next_doc: 0,
            postings: FxHashMap::default(),
            fragments: Vec::new(),
        }
    }

    /// Adds the next document; returns a fragment file when this one filled it.
    pub fn add(&mut self, doc: &Doc) -> Option<OutputFile> {
        let id = self.next_doc;
        self.next_doc += 1;
        for (term, field) in &doc.terms {
            let postings = match self.postings.get_mut(&**term) {
                Some(postings) => postings,
                None => self.postings.entry(term.clone()).or_default(),
            };
            if let Some(field) = field {
                postings.push(id, *field);
            }
        }
        self.fragments.push(if self.fragments.is_empty() { b'[' } else { b',' });
        self.fragments.extend_from_slice(&doc.fragment);
        let size = self.layout.fragment_size;
        let filled = (self.next_doc as usize).is_multiple_of(size);
        filled.then(|| self.fragment_file())
    }

    fn fragment_file(&mut self) -> OutputFile {
        let number = (self.next_doc as usize - 1) / self.layout.fragment_size;
        let mut bytes = std::mem::take(&mut self.fragments);
        bytes.extend_from_slice(b"]\n");
        OutputFile { path: Route::SearchFragments(number).output_file(), bytes: bytes.into() }
    }

    /// Adds the documents besides the meetings and makes the rest of the index: the last
    /// fragment file, the shards, the facet lists and the entry file, each handed to `emit`
    /// as it is made (a shard's postings are freed once it is written).
    pub fn finish<E>(
        mut self,
        page_bodies: &[RenderedMarkdown],
        emit: &mut dyn FnMut(OutputFile) -> Result<(), E>,
    ) -> Result<(), E> {
        let site = self.site;
        for doc in other_docs(site, page_bodies) {
            if let Some(file) = self.add(&doc) {
                emit(file)?;
            }
        }
        if !self.fragments.is_empty() {
            emit(self.fragment_file())?;
        }
        self.add_compound_parts();
        let boundaries = self.shards(emit)?;
        let facets = Facets::of(site);
        for file in facets.files() {
            emit(file)?;
        }
        emit(self.entry_file(&boundaries, &facets))
    }

    /// Posts each compound's documents under its parts too, marked as compound matches
    /// (see [`compound_parts`]): "uppföljningsmöte" under "uppfoljning" and "mot".
    fn add_compound_parts(&mut self) {
        let plain: Vec<Key> = self
            .postings
            .iter()
            .filter(|(key, postings)| !key.contains(['=', ' ']) && !postings.bytes.is_empty())
            .map(|(key, _)| key.clone())
            .collect();
        let names: Vec<&str> = plain.iter().map(|k| &**k).collect();
        let mut by_part: FxHashMap<String, Vec<Posting>> = FxHashMap::default();
        for (compound, parts) in compound_parts(self.site.lang(), &names) {
            let postings = self.postings[compound].decode();
            for part in parts {
                let list = by_part.entry(part).or_default();
                list.extend(postings.iter().filter(|p| !p.2).map(|&(doc, field, _)| (doc, field, true)));
            }
        }
        for (part, mut derived) in by_part {
            // Per document its best field as a part; after its own posting, if it has one.
            derived.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
            derived.dedup_by_key(|p| p.0);
            let own = self.postings.get(part.as_str()).map(Postings::decode).unwrap_or_default();
            let mut merged = Vec::with_capacity(own.len() + derived.len());
            let (mut a, mut b) = (own.into_iter().peekable(), derived.into_iter().peekable());
            loop {
                let take_own = match (a.peek(), b.peek()) {
                    (Some(x), Some(y)) => x.0 <= y.0,
                    (Some(_), None) => true,
                    (None, Some(_)) => false,
                    (None, None) => break,
                };
                merged.extend(if take_own { a.next() } else { b.next() });
            }
            let key = Key::from(part.as_str());
            self.postings.insert(key, Postings::of(merged));
        }
    }

    /// Writes the shard files; returns each one's separator: the shortest beginning of its
    /// first key that sorts after the shard before's last key (empty for the first shard and
    /// for empty ones). A shard then starts where a word being typed would start in it:
    /// `search.js` looks up "dig" in the shard of "digitalisering", not in the one before.
    fn shards<E>(&mut self, emit: &mut dyn FnMut(OutputFile) -> Result<(), E>) -> Result<Vec<String>, E> {
        let mut terms: Vec<(Key, Postings)> = std::mem::take(&mut self.postings).into_iter().collect();
        terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let lengths = split_evenly(&terms, self.layout.shards);
        let mut boundaries = Vec::with_capacity(lengths.len());
        let mut rest = terms.into_iter();
        let mut last_key: Option<Key> = None;
        for (number, length) in lengths.into_iter().enumerate() {
            let group: Vec<(Key, Postings)> = rest.by_ref().take(length).collect();
            let mut out = Vec::new();
            out.push(b'{');
            for (i, (term, postings)) in group.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                // Keys are letters and digits: no escaping needed, but serde does it right.
                out.extend(serde_json::to_vec(&**term).unwrap_or_default());
                out.push(b':');
                postings.write_json(&mut out);
            }
            out.extend_from_slice(b"}\n");
            let separator = match (group.first(), &last_key) {
                (Some((first, _)), Some(before)) => separator(before, first).to_string(),
                _ => String::new(),
            };
            boundaries.push(separator);
            if let Some((last, _)) = group.last() {
                last_key = Some(last.clone());
            }
            drop(group);
            emit(OutputFile { path: Route::SearchShard(number).output_file(), bytes: out.into() })?;
        }
        Ok(boundaries)
    }

    fn entry_file(&self, shards: &[String], facets: &Facets) -> OutputFile {
        let site = self.site;
        let layout = &self.layout;
        let meetings = layout.meetings;
        let pages = meetings + site.pages.len();
        let counties = pages + site.registry.counties.len();
        let groupings = counties + site.registry.groupings.len();
        let relative = |route: Route<'_>| {
            let path = route.path();
            let search = Route::Search.path();
            let dir = path.rsplit_once('/').map_or("", |(dir, _)| dir);
            format!("{}/", dir.strip_prefix(search.trim_end_matches('/')).unwrap_or(dir).trim_start_matches('/'))
        };
        let entry = serde_json::json!({
            "format": 3,
            "lang": site.lang().code(),
            "weights": weights(),
            "docs": layout.docs,
            "shards": shards,
            "shard_path": relative(Route::SearchShard(0)),
            "fragment_size": layout.fragment_size,
            "fragment_path": relative(Route::SearchFragments(0)),
            "kinds": {
                "m": [0, meetings], "p": [meetings, pages], "r": [pages, groupings], "t": [groupings, layout.docs],
            },
            "years": facets.years,
            "regions": facets.regions.iter().map(|f| (&f.slug, &f.name, f.docs.len())).collect::<Vec<_>>(),
            "region_path": relative(Route::SearchRegion("x")),
            "topics": facets.topics.iter().map(|f| (&f.slug, &f.name, f.docs.len())).collect::<Vec<_>>(),
            "topic_path": relative(Route::SearchTopic("x")),
        });
        let mut bytes = serde_json::to_vec(&entry).unwrap_or_default();
        bytes.push(b'\n');
        OutputFile { path: Route::SearchIndex.output_file(), bytes: bytes.into() }
    }
}

/// The shortest beginning of `after` that sorts after `before` (which sorts before `after`):
/// their common beginning and `after`'s next letter.
fn separator<'a>(before: &str, after: &'a str) -> &'a str {
    let common = before.chars().zip(after.chars()).take_while(|(a, b)| a == b).map(|(a, _)| a.len_utf8()).sum();
    let next = after[common..].chars().next().map_or(0, char::len_utf8);
    &after[..common + next]
}

/// The lengths of `count` runs of `terms` of about equal size (in postings bytes), in
/// order. When there are fewer terms than runs, the last runs are empty.
fn split_evenly(terms: &[(Key, Postings)], count: usize) -> Vec<usize> {
    let weight = |t: &(Key, Postings)| t.0.len() + 4 + t.1.bytes.len();
    let total: usize = terms.iter().map(weight).sum();
    let mut lengths = Vec::with_capacity(count);
    let mut start = 0;
    let mut acc = 0;
    for (i, term) in terms.iter().enumerate() {
        acc += weight(term);
        // Cut when the runs so far hold their share of the total, and never before a form
        // or pair key: those stay in their stem's shard, where `search.js` looks them up
        // (a word's forms and pairs would otherwise push it into several shards, each of
        // them fetched for its beginning: "etablering" in three at 100,000 meetings).
        let share = total * (lengths.len() + 1) / count.max(1);
        let next_is_plain = terms.get(i + 1).is_some_and(|(key, _)| !key.contains(['=', ' ']));
        if acc >= share && lengths.len() + 1 < count && next_is_plain {
            lengths.push(i + 1 - start);
            start = i + 1;
        }
    }
    lengths.push(terms.len() - start);
    lengths.resize(count.max(1), 0);
    lengths
}

/// A facet's value: a county, grouping or topic and its meetings' document numbers.
struct Facet {
    slug: String,
    name: String,
    docs: Vec<u32>,
}

/// The facets: regions and topics as lists of documents, years as runs of documents (the
/// meetings are in date order, so each year's meetings are neighbours).
struct Facets {
    regions: Vec<Facet>,
    topics: Vec<Facet>,
    /// `[year, first document, end]`, newest first.
    years: Vec<(u16, u32, u32)>,
}

impl Facets {
    fn of(site: &Site) -> Facets {
        let lang = site.lang();
        // Each meeting's document number (drafts have none).
        let mut doc_of = Vec::with_capacity(site.meetings.len());
        let mut next = 0u32;
        let mut years: Vec<(u16, u32, u32)> = Vec::new();
        for m in &site.meetings {
            if m.draft {
                doc_of.push(None);
                continue;
            }
            match years.last_mut() {
                Some(last) if last.0 == m.date.year => last.2 = next + 1,
                _ => years.push((m.date.year, next, next + 1)),
            }
            doc_of.push(Some(next));
            next += 1;
        }
        let docs = |meetings: &[usize]| {
            let mut docs: Vec<u32> = meetings.iter().filter_map(|&i| doc_of[i]).collect();
            docs.sort_unstable();
            docs.dedup();
            docs
        };
        let counties = site.registry.counties.iter().map(|c| Facet {
            slug: c.slug.clone(),
            name: crate::model::site::county_name(c, lang).to_string(),
            docs: docs(site.meetings_of(&c.slug)),
        });
        let groupings = site.registry.groupings.iter().map(|g| Facet {
            slug: g.slug.clone(),
            name: lang.pick(&g.name, &g.name_en).to_string(),
            docs: docs(&site.meetings_of_grouping(g)),
        });
        let topics = site.topics.iter().map(|t| Facet {
            slug: t.slug.clone(),
            name: lang.pick(&t.name, &t.name_en).to_string(),
            docs: docs(site.meetings_of_topic(&t.slug)),
        });
        Facets { regions: counties.chain(groupings).collect(), topics: topics.collect(), years }
    }

    /// Each facet's list of documents, as gaps (a JSON array of numbers).
    fn files(&self) -> Vec<OutputFile> {
        let file = |route: Route<'_>, docs: &[u32]| {
            let mut gaps = Vec::with_capacity(docs.len());
            let mut previous = 0;
            for &d in docs {
                gaps.push(d - previous);
                previous = d;
            }
            let mut bytes = serde_json::to_vec(&gaps).unwrap_or_default();
            bytes.push(b'\n');
            OutputFile { path: route.output_file(), bytes: bytes.into() }
        };
        let regions = self.regions.iter().map(|f| file(Route::SearchRegion(&f.slug), &f.docs));
        let topics = self.topics.iter().map(|f| file(Route::SearchTopic(&f.slug), &f.docs));
        regions.chain(topics).collect()
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
    fn swedish_inflections_share_a_key() {
        let key = |w| key_of_word(Lang::Sv, w);
        assert_eq!(key("etableringen"), key("etablering"));
        assert_eq!(key("Specialiseringen"), key("specialisering"));
        assert_eq!(key("ledarskapets"), key("ledarskapet"));
        assert_eq!(key("Östergötlands"), key("östergötland"));
        assert_eq!(key("Östergötland"), ["ostergotland"]);
        // Composed and decomposed å stem alike.
        assert_eq!(key("la\u{308}nen"), key("länen"));
    }

    #[test]
    fn english_sites_stem_english() {
        assert_eq!(key_of_word(Lang::En, "Specialisations"), key_of_word(Lang::En, "specialisation"));
        assert_eq!(key_of_word(Lang::En, "running"), ["run"]);
    }

    #[test]
    fn a_word_keeps_its_best_field() {
        let fragment = Fragment { u: String::new(), t: "", k: "m", d: None, g: Vec::new(), s: None, x: String::new() };
        let d = doc(Lang::Sv, [(Field::Body, "tillväxt och mer"), (Field::Title, "Tillväxt")], &fragment);
        let field = |k: &str| d.terms.iter().find(|(t, _)| &**t == k).map(|(_, f)| *f);
        assert_eq!(field("tillvaxt"), Some(Some(Field::Title)));
        assert_eq!(field("mer"), Some(Some(Field::Body)));
        // Forms are posted above the text, and only listed from it (for typos).
        assert_eq!(field("tillvaxt=tillvaxt"), Some(Some(Field::Title)));
        assert_eq!(field("mer=mer"), Some(None));
    }

    #[test]
    fn adjacent_words_of_a_title_are_paired_but_not_across_fields_nor_elsewhere() {
        let fragment = Fragment { u: String::new(), t: "", k: "m", d: None, g: Vec::new(), s: None, x: String::new() };
        let parts =
            [(Field::Title, "Smart specialisering"), (Field::Lead, "Gotland Halland"), (Field::Body, "och mer")];
        let d = doc(Lang::Sv, parts, &fragment);
        let has = |k: &str| d.terms.iter().any(|(t, _)| &**t == k);
        assert!(has(&pair_key("smart", &key_of_word(Lang::Sv, "specialisering")[0])));
        assert!(!has(&pair_key(&key_of_word(Lang::Sv, "specialisering")[0], "gotland")));
        assert!(!has(&pair_key("gotland", "halland")));
        assert!(!has(&pair_key("och", "mer")));
    }

    #[test]
    fn weights_come_from_the_schema_and_rise_with_the_field_class() {
        use crate::model::schema;
        let w = weights();
        assert!(w.windows(2).all(|p| p[0] < p[1]), "{w:?}");
        assert_eq!(schema::THEMES.search_weight, w[Field::Name as usize]);
        assert_eq!(schema::OUTCOMES.search_weight, w[Field::Lead as usize]);
        assert_eq!(schema::PAGE_SUMMARY.search_weight, w[Field::Lead as usize]);
        assert_eq!(schema::PAGE_TITLE.search_weight, w[Field::Title as usize]);
        const { assert!(schema::OUTCOMES.search_weight > schema::BODY_SEARCH_WEIGHT) };
    }

    #[test]
    fn compounds_split_at_the_sites_own_words_with_the_linking_s() {
        let stem = |w: &str| key_of_word(Lang::Sv, w).remove(0);
        let words = [
            "uppföljning",
            "möte",
            "uppföljningsmöte",
            "smart",
            "specialisering",
            "smartspecialisering",
            "region",
            "regionförbundet",
            "vattenförsörjning",
            "kompetens",
            "kompetensförsörjning",
            "handel",
            "del",
        ];
        let keys: Vec<String> = words.iter().map(|w| stem(w)).collect();
        let names: Vec<&str> = keys.iter().map(String::as_str).collect();
        let parts: std::collections::BTreeMap<&str, Vec<String>> =
            compound_parts(Lang::Sv, &names).into_iter().collect();
        assert_eq!(parts[stem("uppföljningsmöte").as_str()], [stem("uppföljning"), stem("möte")]);
        assert_eq!(parts[stem("smartspecialisering").as_str()], [stem("smart"), stem("specialisering")]);
        assert_eq!(parts[stem("regionförbundet").as_str()], [stem("region"), stem("förbundet")]);
        assert_eq!(parts[stem("kompetensförsörjning").as_str()], [stem("kompetens"), stem("försörjning")]);
        // A tail found in one compound splits another whose head is no word of the site.
        assert_eq!(parts[stem("vattenförsörjning").as_str()], [stem("försörjning")]);
        // Too short a head is no split ("han|del").
        assert!(!parts.contains_key(stem("handel").as_str()), "{parts:?}");
        assert!(!parts.contains_key(stem("kompetens").as_str()), "{parts:?}");
    }

    #[test]
    fn a_compounds_documents_are_posted_under_its_parts_marked_and_after_their_own() {
        let site = fixtures::site("/");
        let mut indexer = Indexer::new(&site);
        let mut posting = |key: &str, doc: u32, field: Field| {
            indexer.postings.entry(Key::from(key)).or_default().push(doc, field);
        };
        posting("uppfoljningsmot", 1, Field::Title);
        posting("uppfoljningsmot", 4, Field::Body);
        posting("uppfoljning", 0, Field::Body);
        posting("mot", 1, Field::Body);
        indexer.add_compound_parts();
        let mot = indexer.postings["mot"].decode();
        assert_eq!(mot, [(1, Field::Body, false), (1, Field::Title, true), (4, Field::Body, true)]);
        let head = indexer.postings["uppfoljning"].decode();
        assert_eq!(head, [(0, Field::Body, false), (1, Field::Title, true), (4, Field::Body, true)]);
        let mut out = Vec::new();
        indexer.postings["mot"].write_json(&mut out);
        assert_eq!(String::from_utf8(out).unwrap(), format!("[{},{},{}]", 1 << 3, 4 | 3, (3 << 3) | 4));
    }

    #[test]
    fn excerpt_ends_at_a_word_and_is_short() {
        let long = "ord ".repeat(200);
        let cut = excerpt(["Resultat ett", &long]);
        assert!(cut.starts_with("Resultat ett · ord ord"), "{cut}");
        assert!(cut.ends_with("ord…"), "{cut}");
        assert!(cut.chars().count() <= EXCERPT_CHARS + 1);
        assert_eq!(excerpt(["kort", "  text\n här "]), "kort · text här");
    }

    #[test]
    fn postings_round_trip_as_gaps_with_fields() {
        let mut p = Postings::default();
        p.push(0, Field::Title);
        p.push(3, Field::Body);
        p.push(1000, Field::Lead);
        let mut out = Vec::new();
        p.write_json(&mut out);
        assert_eq!(String::from_utf8(out).unwrap(), format!("[3,{},{}]", 3 << 3, (997 << 3) | 2));
        assert_eq!(p.decode(), [(0, Field::Title, false), (3, Field::Body, false), (1000, Field::Lead, false)]);
    }

    #[test]
    fn a_shard_starts_at_the_shortest_beginning_that_follows_the_shard_before() {
        assert_eq!(separator("dialogteamet", "digitalisering"), "dig");
        assert_eq!(separator("hallb", "halso"), "hals");
        assert_eq!(separator("ab", "abc"), "abc");
        assert_eq!(separator("grund", "had"), "h");
        assert_eq!(separator("αβγ", "αδ"), "αδ");
    }

    #[test]
    fn a_stems_forms_and_pairs_stay_in_its_shard() {
        let term = |t: &str, n: usize| (Key::from(t), Postings { next: 0, bytes: vec![1; n] });
        let terms = vec![term("a", 10), term("a b", 10), term("a=a", 10), term("b", 10), term("b=b", 10)];
        let lengths = split_evenly(&terms, 4);
        assert_eq!(lengths.iter().sum::<usize>(), 5);
        assert_eq!(lengths[..2], [3, 2], "{lengths:?}");
    }

    #[test]
    fn split_evenly_gives_the_count_asked_for_in_order() {
        let term = |t: &str, n: usize| (Key::from(t), Postings { next: 0, bytes: vec![1; n] });
        let terms = vec![term("a", 10), term("b", 10), term("c", 10), term("d", 10)];
        assert_eq!(split_evenly(&terms, 2), [2, 2]);
        let lengths = split_evenly(&terms, 6);
        assert_eq!(lengths.len(), 6);
        assert_eq!(lengths.iter().sum::<usize>(), 4);
    }

    /// The whole index of the fixture site, as path → JSON.
    fn index_of(site: &Site) -> std::collections::BTreeMap<String, serde_json::Value> {
        let bodies = fixtures::bodies(site);
        let mut indexer = Indexer::new(site);
        let mut files = Vec::new();
        for (m, body) in site.meetings.iter().zip(&bodies).filter(|(m, _)| !m.draft) {
            files.extend(indexer.add(&entry(site, m, body, None).0));
        }
        let mut emit = |file| {
            files.push(file);
            Ok::<(), ()>(())
        };
        indexer.finish(&[], &mut emit).unwrap();
        files.into_iter().map(|f| (f.path.clone(), serde_json::from_slice(&f.bytes).unwrap())).collect()
    }

    #[test]
    fn index_files_are_exactly_the_layouts_routes() {
        let site = fixtures::site("/sub/");
        let index = index_of(&site);
        let mut listed: Vec<String> = SearchLayout::of(&site).routes(&site).iter().map(Route::output_file).collect();
        listed.sort();
        assert_eq!(index.keys().cloned().collect::<Vec<_>>(), listed);
    }

    #[test]
    fn index_holds_stems_fragments_and_facets_without_drafts() {
        let site = fixtures::site("/sub/");
        let index = index_of(&site);
        let entry = &index["sok/index.json"];
        assert_eq!(entry["lang"], "sv");
        assert_eq!(entry["shard_path"], "ord/");
        assert_eq!(entry["fragment_path"], "traffar/");
        assert_eq!(entry["kinds"]["m"], serde_json::json!([0, 2]), "the draft is left out");
        let fragments = &index["sok/traffar/0.json"];
        let first = &fragments[0];
        assert_eq!(first["u"], "/sub/moten/ostergotland-2018/");
        assert_eq!(first["k"], "m");
        assert_eq!(first["g"][0], "Östergötland");
        let all = serde_json::to_string(&index).unwrap();
        assert!(!all.contains("Hemligt"), "a draft's words are not in the index");
        let shard = &index["sok/ord/0.json"];
        let postings = &shard["ostergotland"];
        assert!(postings.as_array().is_some_and(|p| !p.is_empty()), "{shard}");
        // The meeting and the county's own page, where the name is the title.
        let values: Vec<u64> = postings.as_array().unwrap().iter().map(|v| v.as_u64().unwrap()).collect();
        assert!(values.len() >= 2, "{values:?}");
        assert_eq!(values.last().unwrap() & 3, Field::Title as u64);
        let region = entry["regions"].as_array().unwrap().iter().find(|r| r[0] == "ostergotland").unwrap();
        assert_eq!(region[2], 1);
        assert_eq!(index["sok/regioner/ostergotland.json"], serde_json::json!([0]));
    }
}
