//! The internal link check: every site link in a body must lead to a file of the build.

use super::markdown::RenderedMarkdown;
use crate::diagnostic::{Diagnostic, Problem};
use crate::model::suggest::WordSuggester;
use crate::yaml::Loc;
use rustc_hash::FxHashSet;
use std::collections::HashSet;

/// The paths of a build, as site URLs without the base path (`/moten/x/`, `/style.css`).
pub struct KnownPaths {
    paths: HashSet<String>,
    /// The pages, for "did you mean", made on the first broken link.
    pages: std::sync::OnceLock<WordSuggester>,
}

impl KnownPaths {
    pub fn new<'a>(files: impl Iterator<Item = &'a str>) -> Self {
        let mut paths = HashSet::new();
        for f in files {
            paths.insert(format!("/{f}"));
            if let Some(dir) = f.strip_suffix("index.html") {
                paths.insert(format!("/{dir}"));
            }
        }
        KnownPaths { paths, pages: std::sync::OnceLock::new() }
    }

    /// Whether a site-absolute target resolves; fragments and queries are ignored, and a
    /// page may be named with or without its trailing slash.
    pub fn resolves(&self, target: &str) -> bool {
        let path = target_path(target);
        let path = path.as_ref();
        self.paths.contains(path) || (!path.ends_with('/') && self.paths.contains(&format!("{path}/")))
    }

    fn suggest(&self, target: &str) -> Option<String> {
        let pages = self
            .pages
            .get_or_init(|| WordSuggester::new(self.paths.iter().filter(|p| p.ends_with('/')).map(String::as_str)));
        pages.suggest(target)
    }
}

/// A link target's path: without its fragment or query, %-decoded. Called for every link of
/// every page: decodes (and allocates) only when needed.
pub(crate) fn target_path(target: &str) -> std::borrow::Cow<'_, str> {
    let path = target.split(['#', '?']).next().unwrap_or_default();
    if path.contains('%') { std::borrow::Cow::Owned(percent_decode(path)) } else { std::borrow::Cow::Borrowed(path) }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("zz"), 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The site links in one rendered page: `href` and `src` values under the base path, each
/// once, with the base path taken off (so they compare with [`KnownPaths`]).
#[derive(Clone)]
pub struct PageLinks {
    pub page_url: String,
    pub template: &'static str,
    pub targets: Vec<String>,
}

impl PageLinks {
    pub fn scan(html: &[u8], page_url: &str, template: &'static str, base_path: &str) -> PageLinks {
        let mut scanner = LinkScanner::new(base_path);
        scanner.feed(html);
        scanner.finish(page_url, template)
    }
}

/// Finds a page's site links in its HTML as it is written, piece by piece (a page listing
/// every meeting is written straight to its file, never whole in memory).
pub struct LinkScanner {
    base_path: String,
    /// Find `href="` and `src="` (also as the end of a longer name, `xlink:href`, `data-src`).
    /// Searching for these, not for every `="`, skips the page's other attributes at memchr's
    /// speed: there are several of those (`class`, `id`, `aria-*`) to each link.
    href: memchr::memmem::Finder<'static>,
    src: memchr::memmem::Finder<'static>,
    /// The end of what was fed that may hold the start of a link not yet complete.
    pending: Vec<u8>,
    /// The links found, each once: a list repeats its regions' and themes' links per card.
    targets: FxHashSet<Box<str>>,
    key: String,
}

/// How much of a new piece is joined to what was kept of the last one before the rest is
/// scanned in place: longer than any attribute name and most values. A value running past it
/// is still found (the whole piece is joined then), only more slowly.
const SEAM: usize = 512;

impl LinkScanner {
    pub fn new(base_path: &str) -> LinkScanner {
        LinkScanner {
            base_path: base_path.to_string(),
            href: memchr::memmem::Finder::new(b"href=\""),
            src: memchr::memmem::Finder::new(b"src=\""),
            pending: Vec::new(),
            targets: FxHashSet::default(),
            key: String::new(),
        }
    }

    /// Scans the next piece of the page. Only the seam between pieces is copied.
    pub fn feed(&mut self, bytes: &[u8]) {
        let mut from = 0;
        if !self.pending.is_empty() {
            let mut seam = std::mem::take(&mut self.pending);
            let kept = seam.len();
            let joined = bytes.len().min(SEAM);
            seam.extend_from_slice(&bytes[..joined]);
            let done = self.scan(&seam);
            if done < kept || joined == bytes.len() {
                // A value that begins in the kept part and runs past the seam (or a piece
                // smaller than the seam): join the rest too.
                seam.extend_from_slice(&bytes[joined..]);
                let done = if joined == bytes.len() { done } else { self.scan(&seam) };
                seam.drain(..done);
                self.pending = seam;
                return;
            }
            from = done - kept;
        }
        let done = self.scan(&bytes[from..]);
        self.pending.extend_from_slice(&bytes[from + done..]);
    }

    /// The links found, sorted, each once.
    pub fn finish(self, page_url: &str, template: &'static str) -> PageLinks {
        let mut targets: Vec<String> = self.targets.into_iter().map(String::from).collect();
        targets.sort_unstable();
        PageLinks { page_url: page_url.to_string(), template, targets }
    }

    /// Records every complete `href="…"` and `src="…"` in `data`; returns how much of
    /// `data` is done with (the rest may be the start of a link).
    fn scan(&mut self, data: &[u8]) -> usize {
        let next = |finder: &memchr::memmem::Finder<'_>, from: usize| finder.find(&data[from..]).map(|i| from + i);
        let (mut href, mut src) = (next(&self.href, 0), next(&self.src, 0));
        let mut pos = 0;
        while let Some(start) = href.into_iter().chain(src).min() {
            let name = if href == Some(start) { "href".len() } else { "src".len() };
            let value_start = start + name + 2;
            let Some(len) = memchr::memchr(b'"', &data[value_start..]) else {
                // The value goes on in the next piece: keep it from its attribute's name.
                return start;
            };
            self.record(&data[value_start..value_start + len]);
            pos = value_start + len + 1;
            if href.is_some_and(|h| h < pos) {
                href = next(&self.href, pos);
            }
            if src.is_some_and(|s| s < pos) {
                src = next(&self.src, pos);
            }
        }
        // Keep what could begin an attribute (`href="` is six bytes).
        pos.max(data.len().saturating_sub(5))
    }

    fn record(&mut self, value: &[u8]) {
        let value = String::from_utf8_lossy(value);
        if let Some(inner) = value.strip_prefix(self.base_path.as_str())
            && !value.starts_with("//")
        {
            // The target as [`KnownPaths`] compares it; made in a buffer, allocated only once
            // per distinct target.
            self.key.clear();
            self.key.push('/');
            self.key.push_str(inner.split(['#', '?']).next().unwrap_or_default());
            if !self.targets.contains(self.key.as_str()) {
                self.targets.insert(self.key.as_str().into());
            }
        }
    }
}

/// A link that a template put into a page and that leads nowhere.
pub struct BrokenTemplateLink {
    pub target: String,
    pub page_url: String,
    pub template: &'static str,
}

impl PageLinks {
    /// This page's links that lead nowhere, leaving out those its own `body` wrote:
    /// [`check_body`] reports those at their line in the Markdown.
    pub fn broken(&self, known: &KnownPaths, body: Option<&RenderedMarkdown>) -> Vec<BrokenTemplateLink> {
        let unresolved: Vec<&String> = self.targets.iter().filter(|t| !known.resolves(t)).collect();
        if unresolved.is_empty() {
            return Vec::new();
        }
        // One set, not a scan of the body per link: a body with thousands of broken links
        // would otherwise cost their square.
        let from_body: HashSet<&str> = body
            .map(|b| b.links.iter().filter_map(|l| l.target.split(['#', '?']).next()).collect())
            .unwrap_or_default();
        unresolved
            .into_iter()
            .filter(|t| !from_body.contains(t.as_str()))
            .map(|t| BrokenTemplateLink { target: t.clone(), page_url: self.page_url.clone(), template: self.template })
            .collect()
    }
}

/// The template problems of a build's broken links, in page order: each broken target is
/// reported once, against the template (file) of the first page that has it.
pub fn template_link_problems(
    broken: impl IntoIterator<Item = BrokenTemplateLink>,
    template_files: &std::collections::HashMap<String, String>,
) -> Vec<Diagnostic> {
    let mut reported = HashSet::new();
    let mut out = Vec::new();
    for link in broken {
        if reported.insert(link.target.clone()) {
            let file = template_files.get(link.template).cloned().unwrap_or_else(|| link.template.to_string());
            out.push(Diagnostic::error(file, Problem::BrokenTemplateLink { url: link.target, page: link.page_url }));
        }
    }
    out
}

/// A body's first broken links get a "did you mean"; a body with thousands (a paste gone
/// wrong) gets the rest without, since each suggestion compares the link with every page.
const SUGGESTIONS_PER_BODY: usize = 100;

/// Checks the links of one meeting's or page's body, located in its file: the body starts
/// on `first_line`, and its `text` is asked for only to show a broken link in context.
pub fn check_body(
    path: &str,
    first_line: usize,
    rendered: &RenderedMarkdown,
    known: &KnownPaths,
    text: impl FnOnce() -> String,
) -> Vec<Diagnostic> {
    let broken: Vec<_> = rendered.links.iter().filter(|l| !known.resolves(&l.target)).collect();
    if broken.is_empty() {
        return Vec::new();
    }
    // Locate in the whole file: the body starts at `first_line`.
    let mut file = "\n".repeat(first_line.saturating_sub(1));
    file.push_str(&text());
    let lines = crate::diagnostic::Lines::new(&file);
    let mut quotes = crate::model::locate::Quotes::default();
    broken
        .into_iter()
        .enumerate()
        .map(|(i, link)| {
            let problem = if link.is_image {
                Problem::MissingImage { url: link.target.clone() }
            } else {
                let suggestion = (i < SUGGESTIONS_PER_BODY).then(|| known.suggest(&link.target)).flatten();
                Problem::BrokenLink { url: link.target.clone(), suggestion }
            };
            // Thousands of broken links on one long line quote it within a budget, not each.
            Diagnostic::error(path, problem).at_line(
                Loc { line: link.line, column: link.column },
                link.target.chars().count() + 4,
                quotes.quote(lines.get(link.line)),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> KnownPaths {
        KnownPaths::new(["regioner/ostergotland/index.html", "bild.png"].into_iter())
    }

    #[test]
    fn pages_resolve_with_or_without_slash_and_fragment() {
        let k = known();
        assert!(k.resolves("/regioner/ostergotland/"));
        assert!(k.resolves("/regioner/ostergotland"));
        assert!(k.resolves("/regioner/ostergotland/#tema-x"));
        assert!(k.resolves("/bild.png"));
        assert!(!k.resolves("/regioner/ostergotlan/"));
    }

    #[test]
    fn template_links_are_found_once_and_checked() {
        let html = br#"<a href="/sub/regioner/ostergotland/">x</a><a href="/sub/nope/">y</a><img src="/sub/bild.png"><a href="https://example.org/">z</a><a href="/sub/nope/">again</a>"#;
        let page = PageLinks::scan(html, "/sub/", "index.html", "/sub/");
        assert_eq!(page.targets, ["/bild.png", "/nope/", "/regioner/ostergotland/"]);
        let files = std::collections::HashMap::from([(
            "index.html".to_string(),
            "themes/default/templates/index.html".to_string(),
        )]);
        let found = template_link_problems(page.broken(&known(), None), &files);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].file, "themes/default/templates/index.html");
        assert_eq!(found[0].problem, Problem::BrokenTemplateLink { url: "/nope/".into(), page: "/sub/".into() });
    }

    #[test]
    fn links_are_found_however_the_page_is_cut_into_pieces() {
        let html = br#"<a href="/sub/a/">x</a><img src="/sub/b.png"><a data-x="1" href="/sub/c/#d">"#;
        let whole = PageLinks::scan(html, "/sub/", "index.html", "/sub/").targets;
        assert_eq!(whole, ["/a/", "/b.png", "/c/"]);
        for size in 1..html.len() {
            let mut scanner = LinkScanner::new("/sub/");
            for piece in html.chunks(size) {
                scanner.feed(piece);
            }
            assert_eq!(scanner.finish("/sub/", "index.html").targets, whole, "pieces of {size}");
        }
    }

    #[test]
    fn links_longer_than_the_seam_are_found_in_pieces_of_any_size() {
        // Values and gaps around SEAM's length, in pieces smaller and larger than it: each link
        // is found once, whichever piece its name, value or closing quote falls in.
        let long = format!("/sub/{}/", "l".repeat(SEAM + 37));
        let filler = " ".repeat(SEAM - 3);
        let html =
            format!(r#"<p class="x">{filler}<a href="{long}">y</a>{filler}<img src="/sub/b.png"><a href="/sub/a/">"#);
        let whole = PageLinks::scan(html.as_bytes(), "/sub/", "index.html", "/sub/").targets;
        assert_eq!(whole, ["/a/", "/b.png", &long[4..]]);
        for size in [1, 2, 5, 6, 7, 100, SEAM - 1, SEAM, SEAM + 1, SEAM + 40, 2 * SEAM + 3, html.len()] {
            let mut scanner = LinkScanner::new("/sub/");
            for piece in html.as_bytes().chunks(size) {
                scanner.feed(piece);
            }
            assert_eq!(scanner.finish("/sub/", "index.html").targets, whole, "pieces of {size}");
        }
    }

    #[test]
    fn a_body_with_thousands_of_broken_links_gets_suggestions_for_the_first_only() {
        // Guards: 200,000 broken links in one body took 69 s, nearly all of it "did you mean".
        let urls = crate::model::urls::Urls::new("/").unwrap();
        let options = super::super::markdown::MarkdownOptions {
            urls: &urls,
            allow_raw_html: false,
            bundle: None,
            pictures: None,
        };
        let body: String = (0..150).map(|_| "[x](/regioner/ostergotlan/)\n\n").collect();
        let rendered = super::super::markdown::render(&body, 1, &options);
        let problems = check_body("a.md", 1, &rendered, &known(), || body.clone());
        assert_eq!(problems.len(), 150);
        let suggested = |d: &Diagnostic| matches!(&d.problem, Problem::BrokenLink { suggestion: Some(_), .. });
        assert!(problems[..SUGGESTIONS_PER_BODY].iter().all(suggested));
        assert!(!problems[SUGGESTIONS_PER_BODY..].iter().any(suggested));
    }

    #[test]
    fn broken_links_on_one_long_line_quote_it_within_a_budget() {
        // Guards: each of 20,000 broken links on one 560 KB line copied that line: 35 s, 12.9 GB.
        let urls = crate::model::urls::Urls::new("/").unwrap();
        let options = super::super::markdown::MarkdownOptions {
            urls: &urls,
            allow_raw_html: false,
            bundle: None,
            pictures: None,
        };
        let body = "[x](/nope/) ".repeat(20_000);
        let rendered = super::super::markdown::render(&body, 1, &options);
        let problems = check_body("a.md", 1, &rendered, &known(), || body.clone());
        assert_eq!(problems.len(), 20_000);
        let quoted: usize = problems.iter().filter_map(|d| d.source_line.as_ref()).map(String::len).sum();
        assert!(quoted <= crate::model::locate::QUOTED_BYTES_PER_BODY, "{quoted} bytes quoted");
        assert!(problems[0].source_line.is_some(), "the first still shows its line");
        assert_eq!(problems[19_999].loc.map(|l| l.column), Some(19_999 * 12 + 1));
    }

    #[test]
    fn a_near_miss_gets_a_suggestion() {
        assert_eq!(known().suggest("/regioner/ostergotlan/").as_deref(), Some("/regioner/ostergotland/"));
    }
}
