//! Reading the site folder: the only module (with `write` and `serve`) that touches the disk.
//! It reads text and bytes and reports unreadable files as diagnostics; it interprets nothing.

use crate::diagnostic::{Diagnostic, FolderTrouble, Mistake, Problem};
use crate::model::layout::{
    BundleFile, COUNTY_SHAPES_FILE, MEETINGS_DIR, PAGES_DIR, REGIONS_FILE, SITE_FILE, Source, StaticFile, TOPICS_FILE,
    is_move_temporary,
};
use crate::model::{Body, Fingerprint};
use std::fs;
use std::path::{Path, PathBuf};
use thiserror::Error;
use walkdir::WalkDir;

/// Everything the content side of a site is made of.
#[derive(Debug)]
pub struct ContentSources {
    pub site_yaml: Option<Source>,
    pub regions: Option<Source>,
    pub topics: Option<Source>,
    /// Found, not read yet: validation reads each ([`ContentReader::read`]) and keeps only
    /// what it needs, so the texts of a large site are never all in memory at once.
    pub meetings: Vec<MarkdownFile>,
    pub pages: Vec<MarkdownFile>,
    /// The files beside the meetings written as bundles (`<slug>/index.md`): found, not read
    /// yet ([`ContentReader::read_bundle_files`]), as only a build needs their bytes.
    pub bundle_files: Vec<FoundBundleFile>,
    pub county_shapes: Option<Source>,
    pub problems: Vec<Diagnostic>,
    pub reader: ContentReader,
}

/// A Markdown file found in the site, to be read with [`ContentReader::read`].
#[derive(Debug)]
pub struct MarkdownFile(Found);

/// A file of a meeting's bundle, found: [`BundleFile`] without its bytes.
#[derive(Debug)]
pub struct FoundBundleFile {
    /// The bundle's `index.md`, relative to the site root (`/` separators).
    pub index: String,
    /// Its path inside the bundle folder.
    pub inner: String,
    found: Found,
}

/// Reads the site's Markdown files: each whole, for validation, and each body again, for
/// rendering.
#[derive(Debug)]
pub struct ContentReader {
    /// The site folder, resolved.
    root: PathBuf,
    /// A content file as the browser editor holds it, not saved (see [`Unsaved`]).
    unsaved: Option<Unsaved>,
}

/// A content file's text as the browser editor holds it before it is saved: read in place
/// of the file (which may not exist yet), for the editor's preview of one entry.
#[derive(Debug, Clone)]
pub struct Unsaved {
    /// Relative to the site root, with `/` separators (`content/meetings/2019/x/index.md`).
    pub path: String,
    pub text: String,
    /// Files added beside it in the form, not saved yet: (name in the bundle, bytes to stand
    /// in for it). Only a bundle's `index.md` has them.
    pub files: Vec<(String, Vec<u8>)>,
}

impl ContentReader {
    /// The file's text, or the problems that kept it from being read.
    pub fn read(&self, file: &MarkdownFile) -> (Option<Source>, Vec<Diagnostic>) {
        let mut problems = Vec::new();
        let reader = Reader { root: &self.root };
        if let Some(unsaved) = self.unsaved.as_ref().filter(|u| u.path == reader.relative(&file.0.path)) {
            return (Some(Source { path: unsaved.path.clone(), text: unsaved.text.clone() }), problems);
        }
        let source = reader.text(&file.0.path, file.0.known_inside, &mut problems);
        (source, problems)
    }

    /// The bundle files with their bytes; one that cannot be read is left out, and its
    /// problem added to `problems`.
    pub fn read_bundle_files(&self, files: Vec<FoundBundleFile>, problems: &mut Vec<Diagnostic>) -> Vec<BundleFile> {
        let reader = Reader { root: &self.root };
        let mut out: Vec<BundleFile> = files
            .into_iter()
            .filter_map(|f| {
                let bytes = reader.bytes(&f.found.path, f.found.known_inside, problems)?;
                let source = reader.relative(&f.found.path);
                Some(BundleFile { index: f.index, inner: f.inner, source, bytes })
            })
            .collect();
        let unsaved = self.unsaved.iter().filter(|u| crate::model::layout::bundle_folder(&u.path).is_some());
        for u in unsaved {
            let folder = crate::model::layout::bundle_folder(&u.path).unwrap_or_default();
            for (inner, bytes) in &u.files {
                out.retain(|f| !(f.index == u.path && f.inner == *inner));
                let source = format!("{folder}/{inner}");
                out.push(BundleFile { index: u.path.clone(), inner: inner.clone(), source, bytes: bytes.clone() });
            }
        }
        out
    }

    /// The file's path relative to the site root, with `/` separators.
    pub fn site_path(&self, file: &MarkdownFile) -> String {
        Reader { root: &self.root }.relative(&file.0.path)
    }

    /// The body of the file at `source_path` (a path as in [`Source::path`]), read again:
    /// an error when the file cannot be read, or no longer holds the body validated.
    pub fn read_body(&self, source_path: &str, body: &Body) -> Result<String, Box<Diagnostic>> {
        let reader = Reader { root: &self.root };
        let mut problems = Vec::new();
        let path = self.root.join(source_path);
        // The file was found inside the site; its text is checked against the fingerprint.
        let changed = || Box::new(Diagnostic::error(source_path, Problem::ChangedDuringBuild));
        let unsaved = self.unsaved.as_ref().filter(|u| u.path == source_path).map(|u| u.text.clone());
        let Some(mut text) = unsaved.or_else(|| reader.text(&path, true, &mut problems).map(|s| s.text)) else {
            return Err(problems.pop().map(Box::new).unwrap_or_else(changed));
        };
        if !text.is_char_boundary(body.offset) {
            return Err(changed());
        }
        text.drain(..body.offset);
        if Fingerprint::of(&text) == body.fingerprint { Ok(text) } else { Err(changed()) }
    }
}

/// Templates and static files of the visual theme, with site-level overrides applied.
#[derive(Debug, Default)]
pub struct VisualThemeSources {
    /// (template name, source), e.g. ("meeting.html", …).
    pub templates: Vec<(String, Source)>,
    pub static_files: Vec<StaticFile>,
    pub problems: Vec<Diagnostic>,
}

#[derive(Debug, Error)]
pub enum LoadError {
    #[error("the site folder {path} does not exist or cannot be opened")]
    SiteFolderMissing {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Reads `site.yaml` and the registries, and finds the meetings and pages (read later, see
/// [`ContentSources::meetings`]).
pub fn read_content(root: &Path) -> Result<ContentSources, LoadError> {
    read_content_with(root, None)
}

/// [`read_content`] with one content file as the browser editor holds it (`unsaved`), read
/// in its place, and found among the meetings or pages when it is new.
pub fn read_content_with(root: &Path, unsaved: Option<Unsaved>) -> Result<ContentSources, LoadError> {
    let mut content = read_found(root, unsaved.clone())?;
    let Some(unsaved) = unsaved else { return Ok(content) };
    let reader = Reader { root: &content.reader.root };
    let list = match unsaved.path.strip_prefix(MEETINGS_DIR) {
        Some(_) => &mut content.meetings,
        None => &mut content.pages,
    };
    let path = unsaved.path.split('/').fold(content.reader.root.clone(), |p, s| p.join(s));
    if !list.iter().any(|f| reader.relative(&f.0.path) == unsaved.path) {
        list.push(MarkdownFile(Found { path, known_inside: true }));
        list.sort_by(|a, b| a.0.path.cmp(&b.0.path));
    }
    Ok(content)
}

fn read_found(root: &Path, unsaved: Option<Unsaved>) -> Result<ContentSources, LoadError> {
    let canonical_root = dunce::canonicalize(root)
        .map_err(|source| LoadError::SiteFolderMissing { path: root.to_path_buf(), source })?;
    let reader = Reader { root: &canonical_root };
    let mut problems = Vec::new();
    let reader_for_later = ContentReader { root: canonical_root.clone(), unsaved };
    if !canonical_root.join(SITE_FILE).exists() && !canonical_root.join("content").is_dir() {
        // Not a site: that is the one thing to say, not a missing file per file.
        let folder = canonical_root.display().to_string();
        let problem = Mistake::NotASite { folder: folder.clone(), site_above: site_above(&canonical_root) };
        problems.push(Diagnostic::error(folder, Problem::Mistake(problem)));
        return Ok(ContentSources {
            site_yaml: None,
            regions: None,
            topics: None,
            meetings: Vec::new(),
            pages: Vec::new(),
            bundle_files: Vec::new(),
            county_shapes: None,
            problems,
            reader: reader_for_later,
        });
    }
    for file in [SITE_FILE, REGIONS_FILE, TOPICS_FILE] {
        if !canonical_root.join(file).exists() {
            problems.push(Diagnostic::error(file, Problem::Mistake(Mistake::SiteFileMissing { file, empty: false })));
        }
    }
    problems.extend(not_read_in_content(&canonical_root));
    let (meetings, bundle_files) = reader.meetings_folder(&mut problems);
    Ok(ContentSources {
        site_yaml: reader.optional_text(SITE_FILE, &mut problems),
        regions: reader.optional_text(REGIONS_FILE, &mut problems),
        topics: reader.optional_text(TOPICS_FILE, &mut problems),
        county_shapes: reader.optional_text(COUNTY_SHAPES_FILE, &mut problems),
        meetings,
        bundle_files,
        pages: reader.pages_folder(&mut problems),
        problems,
        reader: reader_for_later,
    })
}

/// What lies directly in content/ that samtal does not read: each a warning, so nothing there
/// is left out without a word. Desktop and editor litter is not named.
fn not_read_in_content(root: &Path) -> Vec<Diagnostic> {
    let read = [REGIONS_FILE, TOPICS_FILE, COUNTY_SHAPES_FILE, MEETINGS_DIR, PAGES_DIR];
    let Ok(entries) = fs::read_dir(root.join("content")) else { return Vec::new() };
    let mut found: Vec<(String, bool)> = entries
        .flatten()
        .map(|e| (format!("content/{}", e.file_name().to_string_lossy()), e.path().is_dir()))
        .filter(|(path, _)| !read.contains(&path.as_str()))
        .filter(|(path, _)| !is_editor_litter(path.rsplit('/').next().unwrap_or_default()))
        .collect();
    found.sort();
    found
        .into_iter()
        .map(|(path, folder)| Diagnostic::warning(path, Problem::Mistake(Mistake::NotRead { folder })))
        .collect()
}

/// The site folder `folder` lies in, as a relative path (`../..`), if it is inside one.
fn site_above(folder: &Path) -> Option<String> {
    folder
        .ancestors()
        .skip(1)
        .take(8)
        .position(|dir| dir.join(SITE_FILE).is_file())
        .map(|up| vec![".."; up + 1].join("/"))
}

/// The file a copy's name says it copies: `möte - Kopia.md`, `möte (1).md`, `Copy of möte.md`
/// → `möte.md`.
pub fn copied_from(file_name: &str) -> Option<String> {
    let stem = file_name.strip_suffix(".md")?;
    let numbered = |s: &str| -> Option<usize> {
        let inner = s.strip_suffix(')')?;
        let open = inner.rfind(" (")?;
        inner[open + 2..].chars().all(|c| c.is_ascii_digit()).then_some(open)
    };
    let mut original = stem;
    for prefix in ["Copy of ", "Kopia av ", "Kopia - "] {
        if let Some(rest) = original.strip_prefix(prefix) {
            original = rest;
        }
    }
    if let Some(open) = numbered(original) {
        original = &original[..open];
    }
    for suffix in [" - Kopia", " - kopia", " - Copy", " - copy", " Kopia", " kopia", " copy", "-kopia", "_kopia"] {
        if let Some(rest) = original.strip_suffix(suffix) {
            original = rest;
        }
    }
    (original != stem && !original.is_empty()).then(|| format!("{original}.md"))
}

/// Extensions of files that belong in `static/` or a meeting's bundle folder, never loose among
/// the meetings.
const ATTACHMENTS: &[&str] = &[
    "docx", "doc", "odt", "rtf", "pdf", "xlsx", "xls", "pptx", "ppt", "png", "jpg", "jpeg", "gif", "svg", "webp",
    "heic",
];

/// Reads the templates and static files of `themes/<name>/`, then the site's own
/// `templates/` and `static/`, which replace theme files of the same name.
pub fn read_visual_theme(root: &Path, name: &str) -> VisualThemeSources {
    let canonical_root = dunce::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let reader = Reader { root: &canonical_root };
    let mut out = VisualThemeSources::default();
    if name == BUILT_IN_THEME_NAME {
        built_in_theme(&BUILT_IN_THEME, &mut out);
    }
    let theme = format!("themes/{name}");
    for folder in [format!("{theme}/templates"), "templates".to_string()] {
        for (inner, source) in reader.text_tree(&folder, &mut out.problems) {
            out.templates.retain(|(n, _)| *n != inner);
            out.templates.push((inner, source));
        }
    }
    for folder in [format!("{theme}/static"), "static".to_string()] {
        for (inner, bytes) in reader.byte_tree(&folder, &mut out.problems) {
            out.static_files.retain(|f| f.path != inner);
            out.static_files.push(StaticFile { source: format!("{folder}/{inner}"), path: inner, bytes });
        }
    }
    out.templates.sort_by(|a, b| a.0.cmp(&b.0));
    out.static_files.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

/// A file of the build before, by its path in the output folder `out` (`/` separators), if
/// it is there: a build takes the picture variants it already made from there (their names
/// hold a hash of their source and settings) rather than encode them again.
pub fn previous_output_file(out: &Path, path: &str) -> Option<bytes::Bytes> {
    if path.split('/').any(|part| part.is_empty() || part == "..") {
        return None;
    }
    fs::read(out.join(path)).ok().filter(|bytes| !bytes.is_empty()).map(bytes::Bytes::from)
}

/// Whether `themes/<name>/` exists (the default theme always does: it is built in).
pub fn visual_theme_exists(root: &Path, name: &str) -> bool {
    name == BUILT_IN_THEME_NAME || root.join("themes").join(name).join("templates").is_dir()
}

/// The default visual theme, built into samtal. A site's theme `default` starts from it and
/// the site's own `themes/default/`, `templates/` and `static/` files replace it file by file:
/// a site needs no copy of the theme, and a copy made by an older samtal still gets the
/// templates it lacks.
static BUILT_IN_THEME: include_dir::Dir<'static> = include_dir::include_dir!("$CARGO_MANIFEST_DIR/themes/default");
const BUILT_IN_THEME_NAME: &str = "default";
/// How the built-in theme's files are named in messages: they are not in the site folder.
pub const BUILT_IN_PREFIX: &str = "samtal:themes/default/";

fn built_in_theme(dir: &include_dir::Dir<'static>, out: &mut VisualThemeSources) {
    for entry in dir.entries() {
        match entry {
            include_dir::DirEntry::Dir(d) => built_in_theme(d, out),
            include_dir::DirEntry::File(f) => {
                let path = f.path().to_string_lossy().replace('\\', "/");
                let source = format!("{BUILT_IN_PREFIX}{path}");
                if let Some(inner) = path.strip_prefix("templates/") {
                    let text = String::from_utf8_lossy(f.contents()).into_owned();
                    out.templates.push((inner.to_string(), Source { path: source, text }));
                } else if let Some(inner) = path.strip_prefix("static/")
                    && !is_editor_litter(f.path().file_name().unwrap_or_default().to_string_lossy().as_ref())
                {
                    out.static_files.push(StaticFile { source, path: inner.to_string(), bytes: f.contents().to_vec() });
                }
            }
        }
    }
}

/// Files that editors leave beside the real ones; never content.
pub fn is_editor_litter(file_name: &str) -> bool {
    let lower = file_name.to_ascii_lowercase();
    // What Windows, macOS and Office leave beside files: thumbnails, folder settings, lock files.
    lower == "thumbs.db"
        || lower == "desktop.ini"
        || lower == "ehthumbs.db"
        || file_name.starts_with("~$")
        || file_name.starts_with('.')
        || file_name.ends_with('~')
        || (file_name.starts_with('#') && file_name.ends_with('#'))
        || [".swp", ".swo", ".swx", ".bck", ".bak", ".tmp", "___jb_tmp___", "___jb_old___"]
            .iter()
            .any(|s| file_name.ends_with(s))
        || file_name == "4913"
}

/// A dotfile a static folder publishes on purpose (`.nojekyll`, `.htaccess`, `.well-known/…`),
/// not one that macOS, an editor or Office leaves behind.
fn is_published_dotfile(file_name: &str) -> bool {
    let litter = [".DS_Store", ".localized"].contains(&file_name)
        || file_name.starts_with("._")
        || file_name.starts_with(".~lock")
        || file_name.starts_with(".#")
        || [".swp", ".swo", ".swx", ".tmp", "~"].iter().any(|s| file_name.ends_with(s));
    file_name.starts_with('.') && file_name.len() > 1 && !litter
}

/// A UTF-16 file: its byte order mark, or (without one) a zero byte beside every letter.
fn is_utf16(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) || {
        let head = &bytes[..bytes.len().min(64)];
        head.len() >= 8 && head.iter().filter(|b| **b == 0).count() * 3 >= head.len()
    }
}

/// Where the first byte that is not UTF-8 sits, and the file as text (lossy) for the snippet.
fn first_invalid_byte(bytes: &[u8], valid_up_to: usize) -> (crate::yaml::Loc, String, bool) {
    let valid = String::from_utf8_lossy(&bytes[..valid_up_to]);
    let line = valid.matches('\n').count() + 1;
    let column = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    let loc = crate::yaml::Loc { line, column };
    match as_windows_1252(bytes) {
        // Shown as the author wrote it: one byte is one letter, so the column holds.
        Some(text) => (loc, text, true),
        None => (loc, String::from_utf8_lossy(bytes).into_owned(), false),
    }
}

/// The text of a file saved as Windows-1252 ("ANSI", what older Windows programs write),
/// when it reads as such: Swedish or other Western letters, and none of the bytes that
/// encoding leaves unused or gives to control characters.
fn as_windows_1252(bytes: &[u8]) -> Option<String> {
    // Letters already saved as UTF-8 beside the bad byte: a mixed file, not an "ANSI" one.
    if String::from_utf8_lossy(bytes).chars().any(|c| !c.is_ascii() && c != char::REPLACEMENT_CHARACTER) {
        return None;
    }
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
    let control = |c: char| c.is_control() && !matches!(c, '\n' | '\r' | '\t');
    let letters = text.chars().any(|c| matches!(c, 'À'..='ÿ') && c.is_alphabetic());
    (letters && !text.chars().any(control)).then(|| text.into_owned())
}

/// A file found by walking a folder of the site.
#[derive(Debug)]
struct Found {
    path: PathBuf,
    /// Not a link, in a folder inside the site: no need to resolve it.
    known_inside: bool,
}

struct Reader<'a> {
    root: &'a Path,
}

impl Reader<'_> {
    fn optional_text(&self, rel: &str, problems: &mut Vec<Diagnostic>) -> Option<Source> {
        let path = self.root.join(rel);
        if !path.is_file() {
            return None;
        }
        self.text(&path, false, problems)
    }

    fn relative(&self, path: &Path) -> String {
        let rel = path.strip_prefix(self.root).unwrap_or(path);
        rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/")
    }

    /// Reads bytes, refusing files that resolve to somewhere outside the site folder
    /// (checked unless the file is already `known_inside`).
    fn bytes(&self, path: &Path, known_inside: bool, problems: &mut Vec<Diagnostic>) -> Option<Vec<u8>> {
        let rel = self.relative(path);
        let inside = known_inside || dunce::canonicalize(path).map(|p| p.starts_with(self.root)).unwrap_or(false);
        if !inside {
            problems.push(Diagnostic::error(
                rel,
                Problem::Unreadable {
                    reason: "länken pekar ut ur webbplatsens mapp / the link points outside the site folder".into(),
                },
            ));
            return None;
        }
        match fs::read(path) {
            Ok(bytes) => Some(bytes),
            Err(e) => {
                problems.push(Diagnostic::error(rel, Problem::Unreadable { reason: e.kind().to_string() }));
                None
            }
        }
    }

    fn text(&self, path: &Path, known_inside: bool, problems: &mut Vec<Diagnostic>) -> Option<Source> {
        let bytes = self.bytes(path, known_inside, problems)?;
        // Swedish text defeats std's ASCII fast path; SIMD validation is ~10× faster.
        if simdutf8::basic::from_utf8(&bytes).is_ok() {
            // SAFETY: `simdutf8` just validated the bytes as UTF-8.
            let text = unsafe { String::from_utf8_unchecked(bytes) };
            return Some(Source { path: self.relative(path), text });
        }
        if is_utf16(&bytes) {
            problems.push(Diagnostic::error(self.relative(path), Problem::Mistake(Mistake::Utf16)));
            return None;
        }
        match String::from_utf8(bytes) {
            Ok(text) => Some(Source { path: self.relative(path), text }),
            Err(e) => {
                let (loc, text, windows_1252) = first_invalid_byte(e.as_bytes(), e.utf8_error().valid_up_to());
                problems
                    .push(Diagnostic::error(self.relative(path), Problem::NotUtf8 { windows_1252 }).at(loc, 1, &text));
                None
            }
        }
    }

    /// Files under `folder` in sorted order, skipping editor litter. A folder or entry that
    /// cannot be read is a located error: the site must not lose what it holds in silence.
    fn files(&self, folder: &str, max_depth: usize, problems: &mut Vec<Diagnostic>) -> Vec<Found> {
        self.walk(folder, max_depth, false, problems)
    }

    /// [`Reader::files`]; with `dotfiles`, files such as `.nojekyll` or `.htaccess` are kept
    /// (a static folder publishes them), editor and desktop litter still not.
    fn walk(&self, folder: &str, max_depth: usize, dotfiles: bool, problems: &mut Vec<Diagnostic>) -> Vec<Found> {
        let dir = self.root.join(folder);
        if !dir.is_dir() {
            return Vec::new();
        }
        // A file that is not a link lies inside the site when `dir` does and no linked folder on
        // its way leads out (those are refused below, with what they hold): only links need
        // resolving (thousands of `canonicalize` calls were a tenth of a rebuild).
        let dir_inside = dunce::canonicalize(&dir).is_ok_and(|d| d.starts_with(self.root));
        let leaving = std::cell::RefCell::new(Vec::new());
        let found: Vec<walkdir::DirEntry> = WalkDir::new(&dir)
            .max_depth(max_depth)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                // A linked folder is followed when it stays inside the site; one that leads
                // out is refused with its path, and nothing in it is read.
                let linked_folder = e.depth() > 0 && e.path_is_symlink() && e.file_type().is_dir();
                let stays = !linked_folder || dunce::canonicalize(e.path()).is_ok_and(|p| p.starts_with(self.root));
                if !stays {
                    leaving.borrow_mut().push(e.path().to_path_buf());
                }
                stays
            })
            .filter_map(|entry| match entry {
                Ok(entry) => Some(entry),
                Err(error) => {
                    let at = error.path().map_or_else(|| folder.to_string(), |p| self.relative(p));
                    problems.push(Diagnostic::error(at, Problem::FolderUnreadable { trouble: folder_trouble(&error) }));
                    None
                }
            })
            .collect();
        for link in leaving.into_inner() {
            let trouble = FolderTrouble::LinkLeavesSite;
            problems.push(Diagnostic::error(self.relative(&link), Problem::FolderUnreadable { trouble }));
        }
        for left in found.iter().filter(|e| is_move_temporary(&e.file_name().to_string_lossy())) {
            let problem = Problem::Mistake(Mistake::InterruptedMove);
            problems.push(Diagnostic::warning(self.relative(left.path()), problem));
        }
        found
            .into_iter()
            .filter(|e| !e.file_type().is_dir())
            .filter(|e| {
                let name = e.file_name().to_string_lossy();
                !is_editor_litter(&name) || (dotfiles && is_published_dotfile(&name))
            })
            .map(|e| Found { known_inside: dir_inside && !e.path_is_symlink(), path: e.into_path() })
            .collect()
    }

    /// The meetings (see [`Reader::markdown_folder`]) and the files of their bundles: every
    /// other file in a folder with an `index.md` (or in a folder inside it). Any other file
    /// among the meetings is reported: nothing there is left out without a word.
    fn meetings_folder(&self, problems: &mut Vec<Diagnostic>) -> (Vec<MarkdownFile>, Vec<FoundBundleFile>) {
        let (meetings, others) = self.markdown_folder(MEETINGS_DIR, problems);
        let folder = self.root.join(MEETINGS_DIR);
        let bundles: std::collections::HashSet<&Path> = meetings
            .iter()
            .filter(|m| m.0.path.file_name().is_some_and(|n| n == "index.md"))
            .filter_map(|m| m.0.path.parent())
            .filter(|dir| *dir != folder)
            .collect();
        let mut bundle_files = Vec::new();
        let mut unnamed: std::collections::HashSet<PathBuf> = std::collections::HashSet::new();
        for file in others {
            let bundle = file.path.ancestors().skip(1).take_while(|dir| *dir != folder).find(|d| bundles.contains(d));
            if let Some(dir) = bundle {
                let inner = file.path.strip_prefix(dir).unwrap_or(&file.path);
                let inner = inner.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
                let index = self.relative(&dir.join("index.md"));
                bundle_files.push(FoundBundleFile { index, inner, found: file });
                continue;
            }
            // A meeting folder whose text was not renamed to index.md: that is the one thing to say.
            if let Some(lone) = file.path.parent().and_then(|dir| lone_meeting(dir, &folder, &meetings)) {
                if unnamed.insert(lone.to_path_buf()) {
                    let name = lone.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                    let problem = Problem::Mistake(Mistake::NotNamedIndex { file_name: name });
                    problems.push(Diagnostic::error(self.relative(lone), problem));
                }
                continue;
            }
            let extension = file.path.extension().map(|e| e.to_string_lossy().to_lowercase());
            let problem = match extension.filter(|e| ATTACHMENTS.contains(&e.as_str())) {
                Some(extension) => Problem::Mistake(Mistake::AttachmentInMeetings { extension }),
                None => Problem::NotMarkdown,
            };
            problems.push(Diagnostic::error(self.relative(&file.path), problem));
        }
        (meetings, bundle_files)
    }

    /// The free pages; any other file among them is reported (it is not published).
    fn pages_folder(&self, problems: &mut Vec<Diagnostic>) -> Vec<MarkdownFile> {
        let (pages, others) = self.markdown_folder(PAGES_DIR, problems);
        for file in others {
            let extension = file.path.extension().map_or_else(String::new, |e| e.to_string_lossy().to_lowercase());
            let problem = Problem::Mistake(Mistake::FileAmongPages { extension });
            problems.push(Diagnostic::error(self.relative(&file.path), problem));
        }
        pages
    }

    /// The Markdown files of `folder` and of every folder in it (year folders such as
    /// `2019/`, bundles such as `<slug>/index.md`), in path order, and the other files found.
    fn markdown_folder(&self, folder: &str, problems: &mut Vec<Diagnostic>) -> (Vec<MarkdownFile>, Vec<Found>) {
        let mut out = Vec::new();
        let mut others = Vec::new();
        let files = self.files(folder, usize::MAX, problems);
        let paths: std::collections::HashSet<PathBuf> = files.iter().map(|f| f.path.clone()).collect();
        for file in files {
            let name = file.path.file_name().unwrap_or_default().to_string_lossy().into_owned();
            let extension = file.path.extension().map(|e| e.to_string_lossy().to_lowercase());
            if extension.as_deref() == Some("md") {
                // A copy is told by its name and by its original beside it, in the same folder.
                match copied_from(&name)
                    .map(|original| file.path.with_file_name(original))
                    .filter(|o| paths.contains(o))
                {
                    Some(original) => {
                        let original = self.relative(&original);
                        let problem = Problem::Mistake(Mistake::CopyOf { original });
                        problems.push(Diagnostic::warning(self.relative(&file.path), problem));
                    }
                    None => out.push(MarkdownFile(file)),
                }
            } else {
                others.push(file);
            }
        }
        (out, others)
    }

    fn inner_name(&self, folder: &str, path: &Path) -> String {
        let dir = self.root.join(folder);
        let rel = path.strip_prefix(&dir).unwrap_or(path);
        rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/")
    }

    fn text_tree(&self, folder: &str, problems: &mut Vec<Diagnostic>) -> Vec<(String, Source)> {
        self.files(folder, usize::MAX, problems)
            .into_iter()
            .filter_map(|f| Some((self.inner_name(folder, &f.path), self.text(&f.path, f.known_inside, problems)?)))
            .collect()
    }

    fn byte_tree(&self, folder: &str, problems: &mut Vec<Diagnostic>) -> Vec<(String, Vec<u8>)> {
        self.walk(folder, usize::MAX, true, problems)
            .into_iter()
            .filter_map(|f| Some((self.inner_name(folder, &f.path), self.bytes(&f.path, f.known_inside, problems)?)))
            .collect()
    }
}

/// What went wrong in a walk of a folder, in an author's terms.
fn folder_trouble(error: &walkdir::Error) -> FolderTrouble {
    if error.loop_ancestor().is_some() {
        return FolderTrouble::Loop;
    }
    match error.io_error().map(std::io::Error::kind) {
        Some(std::io::ErrorKind::PermissionDenied) => FolderTrouble::NoPermission,
        Some(kind) => FolderTrouble::Other(kind.to_string()),
        None => FolderTrouble::Other(error.to_string()),
    }
}

/// The one Markdown file of `dir`, a folder among the meetings (not `meetings` itself, nor a
/// year folder such as `2019/`) without an `index.md`: a meeting folder whose text was not
/// renamed to `index.md`, so the files beside it belong to no meeting.
fn lone_meeting<'m>(dir: &Path, meetings: &Path, found: &'m [MarkdownFile]) -> Option<&'m Path> {
    let name = dir.file_name()?.to_string_lossy();
    let year = name.len() == 4 && name.chars().all(|c| c.is_ascii_digit());
    if dir == meetings || year {
        return None;
    }
    let mut inside = found.iter().map(|m| m.0.path.as_path()).filter(|p| p.parent() == Some(dir));
    let lone = inside.next()?;
    (inside.next().is_none() && lone.file_name().is_some_and(|n| n != "index.md")).then_some(lone)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A site whose one meeting has `text`, found and read as a build does.
    fn site_with_meeting(text: &str) -> (tempfile::TempDir, ContentSources) {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join(MEETINGS_DIR)).unwrap();
        fs::write(dir.path().join(MEETINGS_DIR).join("m.md"), text).unwrap();
        let content = read_content(dir.path()).unwrap();
        (dir, content)
    }

    #[test]
    fn a_body_is_read_again_from_its_offset() {
        let (_dir, content) = site_with_meeting("---\ntitle: T\n---\nBrödtext\n");
        let (source, problems) = content.reader.read(&content.meetings[0]);
        assert!(problems.is_empty());
        let source = source.unwrap();
        let body = Body::new("Brödtext\n", 17, 4);
        assert_eq!(&source.text[17..], "Brödtext\n");
        assert_eq!(content.reader.read_body(&source.path, &body).unwrap(), "Brödtext\n");
    }

    #[test]
    fn a_meeting_edited_during_the_build_is_reported_not_rendered_stale() {
        let (dir, content) = site_with_meeting("---\ntitle: T\n---\nFörst\n");
        let source = content.reader.read(&content.meetings[0]).0.unwrap();
        let body = Body::new("Först\n", 17, 4);
        fs::write(dir.path().join(MEETINGS_DIR).join("m.md"), "---\ntitle: T\n---\nSedan\n").unwrap();
        let problem = content.reader.read_body(&source.path, &body).unwrap_err();
        assert_eq!(problem.problem, Problem::ChangedDuringBuild);
        assert_eq!(problem.file, "content/meetings/m.md");
        assert_eq!(problem.problem.message(crate::i18n::Lang::Sv), "filen ändrades medan webbplatsen byggdes");
        fs::write(dir.path().join(MEETINGS_DIR).join("m.md"), "kort").unwrap();
        assert_eq!(content.reader.read_body(&source.path, &body).unwrap_err().problem, Problem::ChangedDuringBuild);
        fs::remove_file(dir.path().join(MEETINGS_DIR).join("m.md")).unwrap();
        assert!(matches!(
            content.reader.read_body(&source.path, &body).unwrap_err().problem,
            Problem::Unreadable { .. }
        ));
    }

    #[test]
    fn the_first_byte_that_is_not_utf8_is_located() {
        let bytes = b"---\ntitle: G\xf6teborg\n---\n";
        let err = String::from_utf8(bytes.to_vec()).unwrap_err();
        let (loc, text, windows_1252) = first_invalid_byte(bytes, err.utf8_error().valid_up_to());
        assert_eq!(loc, crate::yaml::Loc { line: 2, column: 9 });
        // Shown as the author wrote it, Notepad's "ANSI" being Windows-1252.
        assert!(windows_1252);
        assert_eq!(text, "---\ntitle: Göteborg\n---\n");
    }

    #[test]
    fn bytes_that_are_not_windows_1252_text_are_not_called_so() {
        for bytes in [&b"title: \x81\x8d data"[..], b"\x00\xff\xfe binary", b"title: G\xc3\xb6teborg \xf6"] {
            let err = String::from_utf8(bytes.to_vec()).unwrap_err();
            let (_, _, windows_1252) = first_invalid_byte(bytes, err.utf8_error().valid_up_to());
            assert!(!windows_1252, "{bytes:?}");
        }
    }

    #[test]
    fn copies_name_their_original() {
        for name in ["möte - Kopia.md", "möte (1).md", "Copy of möte.md", "möte - Copy (2).md", "möte - kopia.md"]
        {
            assert_eq!(copied_from(name).as_deref(), Some("möte.md"), "{name}");
        }
        assert_eq!(copied_from("2018-05-16-skane.md"), None);
    }

    #[test]
    fn editor_litter_is_recognised() {
        for name in [".meeting.md.swp", "a.md~", "#a.md#", "a.md.bck", "a.md___jb_tmp___", "4913", ".DS_Store"] {
            assert!(is_editor_litter(name), "{name}");
        }
        for name in ["Thumbs.db", "desktop.ini", "~$mote.docx", ".~lock.mote.md#", "mote.md.tmp"] {
            assert!(is_editor_litter(name), "{name}");
        }
        assert!(!is_editor_litter("2018-skane.md"));
    }
}
