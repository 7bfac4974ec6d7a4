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
//! is checked against this one word for word by the browser tests).
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

/// The words seen on one thread, for one language: each word as written → its keys' numbers,
/// each key once. A site's bodies repeat their words, and stemming and hashing strings are
/// most of an index's cost: a document's words are then found by one lookup each.
#[derive(Default)]
struct Keys {
    lang: Option<Lang>,
    by_word: FxHashMap<Box<str>, Box<[u32]>>,
    keys: Vec<Key>,
    by_key: FxHashMap<Key, u32>,
    /// Per key number: the document that last held it, and the best field it stood in there.
    last_seen: Vec<(u64, Field)>,
    /// The number of the document being made on this thread.
    doc: u64,
}

thread_local! {
    static KEYS: RefCell<Keys> = RefCell::default();
}

impl Keys {
    /// Words remembered per thread at most; then it starts again.
    const MAX_WORDS: usize = 200_000;

    /// The keys of `parts`' words, each once with the best field it stands in.
    fn of<'a>(&mut self, lang: Lang, parts: impl IntoIterator<Item = (Field, &'a str)>) -> Vec<(Key, Field)> {
        if self.lang != Some(lang) || self.by_word.len() >= Self::MAX_WORDS {
            *self = Keys { lang: Some(lang), doc: self.doc, ..Keys::default() };
        }
        self.doc += 1;
        let doc = self.doc;
        let mut found: Vec<u32> = Vec::new();
        let Keys { by_word, keys, by_key, last_seen, .. } = self;
        for (field, text) in parts {
            for raw in raw_words(text) {
                let ids = match by_word.get(raw) {
                    Some(ids) => ids,
                    None => {
                        let ids: Box<[u32]> = key_of_word(lang, raw)
                            .into_iter()
                            .map(|key| {
                                *by_key.entry(Key::from(key)).or_insert_with_key(|key| {
                                    keys.push(key.clone());
                                    last_seen.push((0, Field::Body));
                                    u32::try_from(keys.len() - 1).unwrap_or(u32::MAX)
                                })
                            })
                            .collect();
                        by_word.entry(raw.into()).or_insert(ids)
                    }
                };
                for &id in ids.iter() {
                    let slot = &mut last_seen[id as usize];
                    if slot.0 != doc {
                        *slot = (doc, field);
                        found.push(id);
                    } else if slot.1 < field {
                        slot.1 = field;
                    }
                }
            }
        }
        found.into_iter().map(|id| (keys[id as usize].clone(), last_seen[id as usize].1)).collect()
    }
}

/// Where in a document a word stands, for ranking: title > summary, outcomes and names > body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[repr(u8)]
pub enum Field {
    Body = 0,
    Lead = 1,
    Title = 2,
}

/// One document of the index: its keys, each once with the best field it stands in, and its
/// fragment (what a result shows) as JSON.
#[derive(Debug)]
pub struct Doc {
    terms: Box<[(Key, Field)]>,
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
    let lead = m.summary.iter().chain(&m.outcomes).chain(&regions).chain(&themes);
    let parts = std::iter::once((Field::Title, m.title.as_str()))
        .chain(lead.map(|text| (Field::Lead, text.as_str())))
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

/// A key's documents: each as the gap from the one before, shifted left twice with its
/// field in the low bits, as LEB128 varints (a few bytes per posting, until written out).
#[derive(Default)]
struct Postings {
    next: u32,
    bytes: Vec<u8>,
}

impl Postings {
    fn push(&mut self, doc: u32, field: Field) {
        let mut value = u64::from(doc - self.next) << 2 | field as u64;
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

    /// The values as a JSON array of numbers.
    fn write_json(&self, out: &mut Vec<u8>) {
        out.push(b'[');
        let (mut value, mut shift, mut first) = (0u64, 0, true);
        for &b in &self.bytes {
            value |= u64::from(b & 0x7f) << shift;
            shift += 7;
            if b & 0x80 == 0 {
                if !first {
                    out.push(b',');
                }
                first = false;
                let _ = write!(out, "{value}");
                (value, shift) = (0, 0);
            }
        }
        out.push(b']');
    }
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
            match self.postings.get_mut(&**term) {
                Some(postings) => postings.push(id, *field),
                None => self.postings.entry(term.clone()).or_default().push(id, *field),
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
        let boundaries = self.shards(emit)?;
        let facets = Facets::of(site);
        for file in facets.files() {
            emit(file)?;
        }
        emit(self.entry_file(&boundaries, &facets))
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
            "format": 2,
            "lang": site.lang().code(),
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
        // Cut when the runs so far hold their share of the total.
        let share = total * (lengths.len() + 1) / count.max(1);
        if acc >= share && lengths.len() + 1 < count {
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
        assert_eq!(field("tillvaxt"), Some(Field::Title));
        assert_eq!(field("mer"), Some(Field::Body));
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
        assert_eq!(String::from_utf8(out).unwrap(), format!("[2,{},{}]", 3 << 2, (997 << 2) | 1));
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
