//! Markdown → HTML, once per document: links made base-url aware, raw HTML escaped unless
//! the site allows it, `javascript:` links removed, and every internal link collected for
//! the link check.

use crate::model::urls::Urls;
use pulldown_cmark::{CowStr, Event, Parser, Tag, TagEnd, html};
use std::sync::Arc;

/// An internal link found in a body, with the file line it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InternalLink {
    /// The target as the author wrote it (site-absolute, e.g. `/regioner/skane/`).
    pub target: String,
    pub line: usize,
    pub column: usize,
    pub is_image: bool,
}

#[derive(Debug, Clone)]
pub struct RenderedMarkdown {
    /// The HTML as the template value `body_html` (marked safe), made once: a `serve`
    /// rebuild reuses an unchanged body as the very same value, neither copied nor compared.
    html: tera::Value,
    /// Plain text of the body, for the search index.
    pub text: Arc<str>,
    pub links: Vec<InternalLink>,
}

impl RenderedMarkdown {
    /// An empty body: what stands in for one that could not be read.
    pub fn empty() -> RenderedMarkdown {
        RenderedMarkdown { html: tera::Value::safe_string(""), text: Arc::from(""), links: Vec::new() }
    }

    pub fn html(&self) -> &str {
        self.html.as_str().unwrap_or_default()
    }

    /// The HTML as a template value (a cheap, shared copy).
    pub fn html_value(&self) -> tera::Value {
        self.html.clone()
    }
}

pub struct MarkdownOptions<'a> {
    pub urls: &'a Urls,
    pub allow_raw_html: bool,
    /// For a meeting written as a bundle, its page's path in the site (`/moten/<slug>/`): a
    /// relative link or image (`protokoll.pdf`, `bilder/karta.png`) names one of its files,
    /// and is made a site link (checked, and right in the feeds too).
    pub bundle: Option<&'a str>,
    /// The site's pictures: an image naming one becomes a `<picture>` with its variants.
    pub pictures: Option<&'a super::images::Pictures<'a>>,
}

/// An image of the site's pictures being rendered: its alt text is gathered from the events
/// within it, and the whole is written at its end.
struct OpenPicture<'p> {
    picture: &'p super::images::Picture,
    title: String,
    alt: String,
    /// Images within its alt text, open.
    depth: usize,
}

/// A meeting's [`MarkdownOptions::bundle`]: its page's path when it is written as a bundle.
pub fn bundle_of(m: &crate::model::Meeting) -> Option<String> {
    m.bundle_folder().map(|_| format!("/{}", crate::model::routes::Route::Meeting(&m.slug).path()))
}

/// The site path a relative link of a bundle's text leads to: `bilder/karta.png` in
/// `/moten/x/` is `/moten/x/bilder/karta.png`; `./` and `../` are followed. `None` for a link
/// that is not relative (a scheme, `//`, `#`, `?`).
fn in_bundle(bundle: &str, dest: &str) -> Option<String> {
    let has_scheme = dest.split_once(':').is_some_and(|(s, _)| {
        !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-'))
    });
    if dest.is_empty() || has_scheme || dest.starts_with(['/', '#', '?']) {
        return None;
    }
    let mut parts: Vec<&str> = bundle.split('/').filter(|p| !p.is_empty()).collect();
    for part in dest.split('/') {
        match part {
            "." => {}
            ".." => {
                parts.pop();
            }
            part => parts.push(part),
        }
    }
    Some(format!("/{}", parts.join("/")))
}

/// Schemes that run code or smuggle content; links using them are dropped.
fn is_dangerous(url: &str) -> bool {
    let cleaned: String = url.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
    let lower = cleaned.to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:", "file:"].iter().any(|s| lower.starts_with(s))
}

/// `/regioner/x/` in a body means a page of this site: give it the base path.
fn is_site_absolute(url: &str) -> bool {
    url.starts_with('/') && !url.starts_with("//")
}

/// Renders `markdown`, whose first line is line `first_line` of its file.
pub fn render(markdown: &str, first_line: usize, options: &MarkdownOptions<'_>) -> RenderedMarkdown {
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    let (text, links) = process(markdown, first_line, options, |events| html::push_html(&mut html, events));
    RenderedMarkdown { html: tera::Value::safe_string(&html), text: collapse_whitespace(&text).into(), links }
}

/// What `check` needs of a body: its links (located) and pictures, found exactly as
/// [`render`] finds them, without writing its HTML (half of what rendering a body costs, and
/// the HTML was then copied into its page and scanned again). The page gets [`CHECKED_BODY`] instead (or
/// nothing for an empty body), so a template testing `body_html` takes the branch it takes
/// in a build.
pub fn check(markdown: &str, first_line: usize, options: &MarkdownOptions<'_>) -> RenderedMarkdown {
    let mut written = false;
    let (_, links) = process(markdown, first_line, options, |events| written = events.count() > 0);
    let html = if written { CHECKED_BODY } else { "" };
    RenderedMarkdown { html: tera::Value::safe_string(html), text: Arc::from(""), links }
}

/// The HTML `check` puts in place of a body it did not write out ([`check`]).
pub const CHECKED_BODY: &str = "<p></p>";

/// Runs `markdown`'s events, made safe and with site links rewritten, through `write`;
/// returns the body's plain text and its site links.
fn process(
    markdown: &str,
    first_line: usize,
    options: &MarkdownOptions<'_>,
    write: impl FnOnce(&mut dyn Iterator<Item = Event<'_>>),
) -> (String, Vec<InternalLink>) {
    // Control characters never reach a page or feed (validation warned where they are); a
    // vertical tab becomes a space, so offsets (and located links) on later lines still fit.
    let markdown = &*crate::model::text::publishable(markdown);
    // Links come in order: each is located from the one before, never from its line's start.
    let locator = std::cell::RefCell::new(crate::model::locate::Locator::new(markdown));
    let locate = |offset: usize| {
        let loc = locator.borrow_mut().loc(offset);
        (first_line + loc.line - 1, loc.column)
    };
    let mut links = Vec::new();
    let mut text = String::new();
    // Depth of dropped (dangerous) links, whose end tags must be dropped too.
    let mut dropped: Vec<bool> = Vec::new();
    let mut open_picture: Option<OpenPicture<'_>> = None;
    let events =
        Parser::new_ext(markdown, crate::model::Body::MARKDOWN).into_offset_iter().filter_map(|(event, range)| {
            // Within a picture only its alt text counts (as plain text, as in an `<img>`); the
            // whole is written at its end.
            if let Some(open) = open_picture.as_mut() {
                match event {
                    Event::Start(Tag::Image { .. }) => open.depth += 1,
                    Event::End(TagEnd::Image) if open.depth > 0 => open.depth -= 1,
                    Event::End(TagEnd::Image) => {
                        let html = super::images::markup(open.picture, &open.alt, Some(&open.title), options.urls);
                        open_picture = None;
                        return Some(Event::InlineHtml(html.into()));
                    }
                    Event::Text(t) | Event::Code(t) => {
                        text.push_str(&t);
                        open.alt.push_str(&t);
                    }
                    _ => {}
                }
                return None;
            }
            match event {
                Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                    if is_dangerous(&dest_url) {
                        dropped.push(true);
                        return None;
                    }
                    dropped.push(false);
                    let target = site_target(&dest_url, options);
                    let dest_url = rewrite(&dest_url, target, range.start, false, &locate, &mut links, options);
                    Some(Event::Start(Tag::Link { link_type, dest_url, title, id }))
                }
                Event::End(TagEnd::Link) => {
                    if dropped.pop().unwrap_or(false) {
                        None
                    } else {
                        Some(Event::End(TagEnd::Link))
                    }
                }
                Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                    // A bundle's `karta.png` is its page's `/moten/<slug>/karta.png`, a picture too.
                    let target = site_target(&dest_url, options);
                    let picture = options.pictures.zip(target.as_deref()).and_then(|(p, path)| p.get(path));
                    let dest_url = if is_dangerous(&dest_url) {
                        CowStr::Borrowed("")
                    } else {
                        rewrite(&dest_url, target, range.start, true, &locate, &mut links, options)
                    };
                    if let Some(picture) = picture {
                        open_picture =
                            Some(OpenPicture { picture, title: title.to_string(), alt: String::new(), depth: 0 });
                        return None;
                    }
                    Some(Event::Start(Tag::Image { link_type, dest_url, title, id }))
                }

                // `# Rubrik {#id .class}` keeps its id and classes; other attributes (`onclick=…`,
                // `style=…`) would let a body run script, so they go unless raw HTML is allowed.
                Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                    let attrs = if options.allow_raw_html { attrs } else { Vec::new() };
                    Some(Event::Start(Tag::Heading { level, id, classes, attrs }))
                }
                Event::Html(raw) | Event::InlineHtml(raw) if !options.allow_raw_html => Some(Event::Text(raw)),
                Event::Text(t) => {
                    text.push_str(&t);
                    Some(Event::Text(t))
                }
                Event::Code(t) => {
                    text.push_str(&t);
                    Some(Event::Code(t))
                }
                Event::SoftBreak | Event::HardBreak => {
                    text.push(' ');
                    Some(event)
                }
                Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell) => {
                    text.push(' ');
                    Some(event)
                }
                other => Some(other),
            }
        });
    let mut events = events;
    write(&mut events);
    // The events hold `text` and `links` until they are dropped.
    drop(events);
    (text, links)
}

/// Where a link or picture leads in the site: a bundle's file by its site path, a site-absolute
/// target as written; `None` for anything else (another site, an anchor).
fn site_target(dest: &str, options: &MarkdownOptions<'_>) -> Option<String> {
    match options.bundle.and_then(|bundle| in_bundle(bundle, dest)) {
        Some(target) => Some(target),
        None => is_site_absolute(dest).then(|| dest.to_string()),
    }
}

/// `dest` as published: its `target` in the site (see [`site_target`]) under `base_url`,
/// recorded for the link check; anything else as written.
fn rewrite<'a>(
    dest: &CowStr<'a>,
    target: Option<String>,
    offset: usize,
    is_image: bool,
    locate: &impl Fn(usize) -> (usize, usize),
    links: &mut Vec<InternalLink>,
    options: &MarkdownOptions<'_>,
) -> CowStr<'a> {
    let Some(target) = target else { return dest.clone() };
    let (line, column) = locate(offset);
    let url = options.urls.site(&target);
    links.push(InternalLink { target, line, column, is_image });
    CowStr::from(url)
}

fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_finds_the_links_render_finds_without_writing_html() {
        let urls = Urls::new("/sub/").unwrap();
        let options = MarkdownOptions { urls: &urls, allow_raw_html: false, bundle: Some("/moten/x/"), pictures: None };
        let md = "# R\n\n[a](/regioner/x/) [b](karta.png) ![c](/bilder/d.png) [e](javascript:alert(1))\n\n\
                  | [f](/g/) |\n|---|\n";
        let rendered = render(md, 4, &options);
        let checked = check(md, 4, &options);
        let located = |r: &RenderedMarkdown| -> Vec<_> {
            r.links.iter().map(|l| (l.target.clone(), l.line, l.column, l.is_image)).collect()
        };
        assert_eq!(located(&checked), located(&rendered));
        assert_eq!(checked.links.len(), 4);
        assert_eq!(checked.html(), CHECKED_BODY);
        assert_eq!(check("", 4, &options).html(), "", "an empty body stays empty");
    }

    fn render_with(md: &str, base: &str, raw: bool) -> RenderedMarkdown {
        let urls = Urls::new(base).unwrap();
        render(md, 10, &MarkdownOptions { urls: &urls, allow_raw_html: raw, bundle: None, pictures: None })
    }

    #[test]
    fn a_bundles_relative_links_lead_to_its_files() {
        let urls = Urls::new("/sub/").unwrap();
        let options = MarkdownOptions { urls: &urls, allow_raw_html: false, bundle: Some("/moten/x/"), pictures: None };
        let r = render("[P](protokoll.pdf) ![K](./bilder/k.png) [A](../y/) [W](https://a.se/) [#](#del)", 1, &options);
        assert!(r.html().contains(r#"href="/sub/moten/x/protokoll.pdf""#), "{}", r.html());
        assert!(r.html().contains(r#"src="/sub/moten/x/bilder/k.png""#), "{}", r.html());
        assert!(r.html().contains(r#"href="https://a.se/""#) && r.html().contains(r##"href="#del""##));
        let targets: Vec<&str> = r.links.iter().map(|l| l.target.as_str()).collect();
        assert_eq!(targets, ["/moten/x/protokoll.pdf", "/moten/x/bilder/k.png", "/moten/y/"]);
        // Outside a bundle a relative link stays as written, and is not checked.
        let r = render_with("[P](protokoll.pdf)", "/", false);
        assert!(r.html().contains(r#"href="protokoll.pdf""#) && r.links.is_empty());
    }

    #[test]
    fn links_on_one_line_are_located_in_one_pass_over_it() {
        // Guards: 100,000 links on one line took 4.95 s (200,000: 13 s), each located by
        // counting its line from the start; now each is counted on from the link before.
        let line = "[länk](/regioner/skane/) ".repeat(5_000);
        let before = crate::model::locate::scanned::total();
        let rendered = render_with(&line, "/", false);
        let counted = crate::model::locate::scanned::total() - before;
        assert_eq!(rendered.links.len(), 5_000);
        assert_eq!((rendered.links[4_999].line, rendered.links[4_999].column), (10, 4_999 * 25 + 1));
        assert!(counted <= line.len(), "{counted} bytes counted to locate links on a line of {}", line.len());
    }

    #[test]
    fn site_links_get_the_base_path_and_are_collected_with_their_line() {
        let r = render_with("Hej\n\nSe [Skåne](/regioner/skane/) och [extern](https://example.org).\n", "/sub/", false);
        assert!(r.html().contains(r#"href="/sub/regioner/skane/""#), "{}", r.html());
        assert!(r.html().contains(r#"href="https://example.org""#));
        assert_eq!(
            r.links,
            vec![InternalLink { target: "/regioner/skane/".into(), line: 12, column: 4, is_image: false }]
        );
    }

    #[test]
    fn raw_html_is_escaped_unless_allowed() {
        let r = render_with("<script>alert(1)</script>\n\nText <b onmouseover=x>b</b>", "/", false);
        assert!(!r.html().contains("<script>"), "{}", r.html());
        assert!(r.html().contains("&lt;script&gt;"));
        assert!(!r.html().contains("<b "));
        let r = render_with("<b>fet</b>", "/", true);
        assert!(r.html().contains("<b>fet</b>"));
    }

    #[test]
    fn javascript_links_are_removed_but_their_text_stays() {
        let r = render_with("[klicka](javascript:alert(1)) och [x]( JaVaScRiPt:alert(2))", "/", false);
        assert!(!r.html().to_lowercase().contains("javascript"), "{}", r.html());
        assert!(r.html().contains("klicka"));
    }

    #[test]
    fn heading_attributes_cannot_add_event_handlers() {
        let r = render_with("# Rubrik {#ett .klass onclick=alert(1) style=x}\n", "/", false);
        assert!(!r.html().contains("onclick") && !r.html().contains("style"), "{}", r.html());
        assert!(r.html().contains(r#"id="ett""#) && r.html().contains(r#"class="klass""#), "{}", r.html());
    }

    #[test]
    fn plain_text_is_kept_for_search() {
        let r = render_with("# Rubrik\n\nSmart *specialisering* i Östergötland.", "/", false);
        assert_eq!(&*r.text, "Rubrik Smart specialisering i Östergötland.");
    }
}
