//! Former addresses (`aliases:`): a small page at each that leads to where the meeting or page
//! is now (so old links keep working on any host), and `_redirects` for hosts that read one.

use super::OutputFile;
use super::escape_xml;
use crate::diagnostic::{Diagnostic, Problem};
use crate::model::Site;
use crate::model::routes::Route;
use std::collections::HashMap;

/// One former address and where it leads.
pub struct Alias<'a> {
    /// The site path (`/moten/gammalt-namn/`).
    pub path: &'a str,
    pub target: Route<'a>,
    /// The file that names it, for messages.
    pub source: &'a str,
    pub title: &'a str,
}

impl Alias<'_> {
    pub fn output_file(&self) -> String {
        Route::Alias(self.path).output_file()
    }
}

/// Every alias of the site's meetings and pages, in their order.
pub fn aliases(site: &Site) -> Vec<Alias<'_>> {
    let meetings = site.meetings.iter().flat_map(|m| {
        m.aliases.iter().map(|a| Alias {
            path: a,
            target: Route::Meeting(&m.slug),
            source: &m.source_path,
            title: &m.title,
        })
    });
    let pages = site.pages.iter().flat_map(|p| {
        p.aliases.iter().map(|a| Alias {
            path: a,
            target: Route::Page(&p.slug),
            source: &p.source_path,
            title: &p.title,
        })
    });
    meetings.chain(pages).collect()
}

/// The aliases that would take the place of a file samtal makes or copies (`taken`, sorted),
/// or of an earlier alias: each an error at the file that names it; the others are returned.
/// Names are compared without case: on Windows and macOS `/MOTEN/2018-SKANE/` would be
/// written over the meeting's own page at `/moten/2018-skane/`.
pub fn usable<'a>(site: &Site, all: Vec<Alias<'a>>, taken: &[String]) -> (Vec<Alias<'a>>, Vec<Diagnostic>) {
    let taken: HashMap<String, &str> = taken.iter().map(|f| (f.to_lowercase(), f.as_str())).collect();
    let mut claimed: HashMap<String, &str> = HashMap::new();
    let mut problems = Vec::new();
    let mut kept = Vec::new();
    for alias in all {
        let file = alias.output_file().to_lowercase();
        if file == alias.target.output_file().to_lowercase() {
            // What a `samtal mv` stopped before its last step leaves: the page is at this
            // address already; the move is to be finished, nothing is to be written over.
            let problem = Problem::AliasIsOwnAddress { alias: alias.path.to_string() };
            problems.push(Diagnostic::warning(alias.source, problem));
            continue;
        }
        let taken_by = match taken.get(&file) {
            Some(taken) => Some(site.urls.site(&format!("/{}", taken.strip_suffix("index.html").unwrap_or(taken)))),
            None => claimed.get(&file).map(|source| source.to_string()),
        };
        match taken_by {
            Some(taken_by) => {
                let problem = Problem::AliasTaken { alias: alias.path.to_string(), taken_by };
                problems.push(Diagnostic::error(alias.source, problem));
            }
            None => {
                claimed.insert(file, alias.source);
                kept.push(alias);
            }
        }
    }
    (kept, problems)
}

/// The page at each alias, and `_redirects` when there is any.
pub fn files(site: &Site, aliases: &[Alias<'_>]) -> Vec<OutputFile> {
    if aliases.is_empty() {
        return Vec::new();
    }
    let mut files: Vec<OutputFile> = aliases
        .iter()
        .map(|a| OutputFile { path: a.output_file(), bytes: page(site, a).into_bytes().into() })
        .collect();
    let lines: String =
        aliases.iter().map(|a| format!("{} {} 301\n", site.urls.site(a.path), site.urls.to(a.target))).collect();
    files.push(OutputFile { path: Route::Redirects.output_file(), bytes: lines.into_bytes().into() });
    files
}

/// A page that sends the browser on at once (WCAG 2.2.1 allows an instant redirect), tells
/// search engines where the page is now, and shows a link for anyone it does not send.
fn page(site: &Site, alias: &Alias<'_>) -> String {
    let lang = site.lang();
    let here = escape_xml(&site.urls.to(alias.target));
    let canonical = escape_xml(&site.urls.absolute_to(alias.target));
    let title = escape_xml(lang.ui("moved_title"));
    let text = escape_xml(lang.ui("moved_text"));
    let name = escape_xml(alias.title);
    format!(
        "<!DOCTYPE html>\n<html lang=\"{code}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"robots\" content=\"noindex\">\n<link rel=\"canonical\" href=\"{canonical}\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url={here}\">\n</head>\n<body>\n<main>\n<h1>{title}</h1>\n\
         <p>{text} <a href=\"{here}\">{name}</a></p>\n</main>\n</body>\n</html>\n",
        code = lang.code(),
    )
}
