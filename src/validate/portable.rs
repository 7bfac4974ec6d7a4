//! Names that work on every computer: a site built on Linux is edited and previewed on Windows
//! and macOS, so names those systems cannot hold, or would take for one and the same file, are
//! errors everywhere. Pure: it judges names, it never looks at the disk.
//!
//! - Windows cannot hold a file or folder named `CON`, `PRN`, `AUX`, `NUL`, `COM0`–`COM9` or
//!   `LPT0`–`LPT9` (with any extension, in any case), ending in a dot or a space, or holding
//!   `< > : " / \ | ? *` or a control character.
//! - Windows and macOS see `Möte.md` and `möte.md` as one file, and macOS also `möte.md`
//!   written with `ö` as one character (NFC) and as `o` plus two dots (NFD, as macOS itself
//!   writes names). Two source files, or two output paths, that differ only so are a clash.

use crate::diagnostic::{Diagnostic, Problem};
use crate::model::layout::{REGIONS_FILE, TOPICS_FILE};
use crate::model::routes::Route;
use crate::model::{Meeting, Page, Registry, Topic};
use std::collections::HashSet;
use unicode_normalization::UnicodeNormalization;

/// Why Windows cannot hold a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WindowsReason {
    /// A device name (`CON`, `NUL`, `COM1` …), with or without an extension.
    Reserved,
    /// The name ends in a dot or a space, which Windows drops.
    TrailingDotOrSpace,
    /// A character Windows does not allow in names.
    Character(char),
}

/// The device names Windows reserves in every folder (`COM¹`–`COM³`, `LPT¹`–`LPT³` too).
fn is_device_name(stem: &str) -> bool {
    let upper = stem.to_uppercase();
    if matches!(upper.as_str(), "CON" | "PRN" | "AUX" | "NUL" | "CONIN$" | "CONOUT$") {
        return true;
    }
    let Some(number) = upper.strip_prefix("COM").or_else(|| upper.strip_prefix("LPT")) else { return false };
    let mut chars = number.chars();
    matches!((chars.next(), chars.next()), (Some('0'..='9' | '¹' | '²' | '³'), None))
}

/// Whether Windows can hold a file or folder called `name` (one segment of a path), and if not
/// why not.
pub fn windows_problem(name: &str) -> Option<WindowsReason> {
    if let Some(c) = name.chars().find(|c| matches!(c, '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*')) {
        return Some(WindowsReason::Character(c));
    }
    if let Some(c) = name.chars().find(|c| c.is_control()) {
        return Some(WindowsReason::Character(c));
    }
    if name.ends_with('.') || name.ends_with(' ') {
        return Some(WindowsReason::TrailingDotOrSpace);
    }
    // "CON", "con.md", "Nul.tar.gz" and "COM1 .txt" all name the device.
    let stem = name.split('.').next().unwrap_or(name).trim_end_matches(' ');
    is_device_name(stem).then_some(WindowsReason::Reserved)
}

/// A slug that cannot be a folder on Windows: the problem to report, else `None`. `url` is
/// the address the slug would get, for the message.
pub fn reserved_slug(slug: &str, url: &str) -> Option<Problem> {
    (windows_problem(slug) == Some(WindowsReason::Reserved))
        .then(|| Problem::SlugReservedOnWindows { slug: slug.to_string(), url: url.to_string() })
}

/// How Windows and macOS compare names: one Unicode spelling (NFC), upper and lower case alike.
pub fn fold(name: &str) -> String {
    // Most names are ASCII, whose NFC form is themselves: no normalisation needed.
    if name.is_ascii() {
        return name.to_ascii_lowercase();
    }
    name.nfc().flat_map(char::to_lowercase).collect()
}

/// Everything checked for portability, taken from a loaded and validated site.
pub struct SiteNames<'a> {
    /// Every source file the build reads by name (Markdown files, templates, static files),
    /// site-relative with `/` separators.
    pub source_files: Vec<&'a str>,
    pub meetings: &'a [Meeting],
    pub pages: &'a [Page],
    pub registry: &'a Registry,
    pub topics: &'a [Topic],
    /// Static files: (path in the output, source file).
    pub static_files: Vec<(&'a str, &'a str)>,
}

/// Reports every source file Windows cannot hold and every clash of names that differ only
/// in case or Unicode spelling, among source files and among output paths. One clash is
/// reported once, on the later file; a file gets at most one clash.
pub fn check(names: &SiteNames<'_>, out: &mut Vec<Diagnostic>) {
    let mut found = Vec::new();
    for file in &names.source_files {
        // Only the names under the site folder are the author's to fix.
        if let Some((name, reason)) = file.split('/').find_map(|seg| windows_problem(seg).map(|r| (seg, r))) {
            found.push(Diagnostic::error(*file, Problem::NameNotPortable { name: name.to_string(), reason }));
        }
    }
    let mut clashes = Clashes::default();
    for file in &names.source_files {
        clashes.claim(file, file, &mut found);
    }
    // Output folders and files: what each page, registry entry and static file writes.
    let mut outputs = Clashes::default();
    let claims = names
        .meetings
        .iter()
        .map(|m| (Route::Meeting(&m.slug).path(), m.source_path.as_str()))
        .chain(names.pages.iter().map(|p| (Route::Page(&p.slug).path(), p.source_path.as_str())))
        .chain(names.registry.counties.iter().map(|c| (Route::Region(&c.slug).path(), REGIONS_FILE)))
        .chain(names.registry.groupings.iter().map(|g| (Route::Region(&g.slug).path(), REGIONS_FILE)))
        .chain(names.topics.iter().map(|t| (Route::Topic(&t.slug).path(), TOPICS_FILE)));
    for (path, source) in claims {
        outputs.claim(&path, source, &mut found);
    }
    for (path, source) in &names.static_files {
        // Each folder on the way is claimed too: `Om/bild.png` claims `Om/`, as the page `om` does.
        for (end, _) in path.match_indices('/') {
            outputs.claim(&path[..=end], source, &mut found);
        }
        outputs.claim(path, source, &mut found);
    }
    let mut clashing = HashSet::new();
    for d in found {
        let first_clash = !matches!(d.problem, Problem::NameClash { .. }) || clashing.insert(d.file.clone());
        if first_clash {
            out.push(d);
        }
    }
}

/// Names seen so far, by their folded form: the first spelling and the file that gave it.
#[derive(Default)]
struct Clashes<'a> {
    seen: rustc_hash::FxHashMap<String, (String, &'a str)>,
}

impl<'a> Clashes<'a> {
    fn claim(&mut self, name: &str, source: &'a str, found: &mut Vec<Diagnostic>) {
        let folded = fold(name);
        match self.seen.get(&folded) {
            Some((first, first_source)) if first != name && *first_source != source => {
                found.push(Diagnostic::error(
                    source,
                    Problem::NameClash {
                        name: name.to_string(),
                        other: first.clone(),
                        other_file: first_source.to_string(),
                    },
                ));
            }
            Some(_) => {}
            None => {
                self.seen.insert(folded, (name.to_string(), source));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ascii_shortcut_folds_as_the_general_path_does() {
        for name in ["Om", "moten/ABC-2018/", "x.PNG", "", "a_B-c.1"] {
            assert_eq!(fold(name), name.nfc().flat_map(char::to_lowercase).collect::<String>(), "{name}");
        }
        assert_eq!(fold("Mo\u{308}te.md"), fold("möte.md"));
        assert_eq!(fold("MÖTE.md"), "möte.md");
    }

    #[test]
    fn windows_reserved_names_and_characters_are_found() {
        for name in ["CON", "con", "Nul.md", "aux.tar.gz", "COM1", "lpt9.txt", "com¹", "COM1 .txt", "conin$"] {
            assert_eq!(windows_problem(name), Some(WindowsReason::Reserved), "{name}");
        }
        for (name, c) in [("a:b.md", ':'), ("vad?.md", '?'), ("a*b", '*'), ("\"x\"", '"'), ("a<b", '<'), ("a|b", '|')] {
            assert_eq!(windows_problem(name), Some(WindowsReason::Character(c)), "{name}");
        }
        assert_eq!(windows_problem("a\tb"), Some(WindowsReason::Character('\t')));
        for name in ["slut.", "slut ", "."] {
            assert_eq!(windows_problem(name), Some(WindowsReason::TrailingDotOrSpace), "{name:?}");
        }
        for fine in
            ["console.md", "nullpunkt", "com10", "lpt", "com", "möte.md", "2018-con.md", "auxiliary", ".gitkeep"]
        {
            assert_eq!(windows_problem(fine), None, "{fine}");
        }
    }

    #[test]
    fn names_fold_case_and_unicode_spelling() {
        let nfc = "möte.md";
        let nfd = "mo\u{308}te.md";
        assert_ne!(nfc, nfd);
        assert_eq!(fold(nfc), fold(nfd));
        assert_eq!(fold("Möte.MD"), fold(nfc));
        assert_ne!(fold("mote.md"), fold(nfc));
    }

    #[test]
    fn a_reserved_slug_names_its_address() {
        let problem = reserved_slug("nul", "/moten/nul/").unwrap();
        assert_eq!(problem, Problem::SlugReservedOnWindows { slug: "nul".into(), url: "/moten/nul/".into() });
        assert!(reserved_slug("nul-och-noll", "/x/").is_none());
    }

    fn names<'a>(source_files: Vec<&'a str>, static_files: Vec<(&'a str, &'a str)>) -> SiteNames<'a> {
        static REGISTRY: Registry = Registry { counties: Vec::new(), groupings: Vec::new() };
        SiteNames { source_files, meetings: &[], pages: &[], registry: &REGISTRY, topics: &[], static_files }
    }

    #[test]
    fn source_files_differing_only_in_case_or_spelling_clash_once() {
        let files = vec![
            "content/meetings/Möte.md",
            "content/meetings/möte.md",
            "content/meetings/mo\u{308}te.md",
            "content/meetings/mote.md",
        ];
        let mut out = Vec::new();
        check(&names(files, Vec::new()), &mut out);
        let clashes: Vec<_> = out.iter().map(|d| (d.file.as_str(), &d.problem)).collect();
        assert_eq!(clashes.len(), 2, "{clashes:?}");
        assert!(
            out.iter()
                .all(|d| matches!(&d.problem, Problem::NameClash { other, .. } if other == "content/meetings/Möte.md"))
        );
    }

    #[test]
    fn static_files_clash_with_each_other_and_with_pages_by_folder() {
        let mut out = Vec::new();
        let statics = vec![("Bild.png", "static/Bild.png"), ("bild.png", "themes/default/static/bild.png")];
        check(&names(Vec::new(), statics), &mut out);
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!(out[0].file, "themes/default/static/bild.png");
    }

    #[test]
    fn unportable_source_file_names_are_reported_with_the_bad_part() {
        let mut out = Vec::new();
        check(&names(vec!["content/pages/con.md", "static/fråga?.png", "content/pages/om.md"], Vec::new()), &mut out);
        let problems: Vec<_> = out.iter().map(|d| (d.file.as_str(), d.problem.clone())).collect();
        assert_eq!(
            problems,
            [
                (
                    "content/pages/con.md",
                    Problem::NameNotPortable { name: "con.md".into(), reason: WindowsReason::Reserved }
                ),
                (
                    "static/fråga?.png",
                    Problem::NameNotPortable { name: "fråga?.png".into(), reason: WindowsReason::Character('?') }
                ),
            ]
        );
    }
}
