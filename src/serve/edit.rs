//! The browser editor's local backend: Decap CMS's `local_backend` protocol (what the npm
//! package `decap-server` answers: `POST` with `{action, params}`) on `serve`'s own port, so a
//! form saved in `/admin/` writes the site folder and the normal rebuild follows.
//!
//! - **Only content and pictures.** Entries are read and written only as Markdown files in
//!   `content/meetings/` or `content/pages/`, at most [`ENTRY_DEPTH`] deep: `<slug>.md`,
//!   `<year>/<slug>.md`, a bundle `<slug>/index.md` or `<year>/<slug>/index.md`. Media go
//!   into [`MEDIA_FOLDER`] or beside a meeting's `index.md` (its bundle). A path with `..`,
//!   `.`, empty segments, a leading `/`, `\`, `:`, control characters, a name that is no
//!   slug, or any symlink on the way is refused with a 4xx and a reason, and nothing is written.
//! - **A meeting gets a folder when it gets files.** A picture or attachment saved with a
//!   meeting written as one file (`<slug>.md`) makes it a bundle (`<slug>/index.md`, the files
//!   beside it): its address stays the same, and the old name keeps answering the editor.
//! - **Atomic, streamed.** Every write goes to a hidden temporary file in the target folder
//!   (which the loader skips) and is renamed over the target; an upload is decoded into its
//!   temporary file as it arrives ([`super::upload`]), never held in memory.
//! - **Only from this computer.** [`Access`] decides; cross-site requests are refused (the
//!   body must be `application/json`, which a foreign page cannot send without CORS, and an
//!   `Origin`, when present, must be the server's own host).

use super::beneath::{self, Entry, Site, Temporary, Trouble};
use super::upload::{self, ApiRequest, Upload};
use crate::model::layout::{MEETINGS_DIR, PAGES_DIR};
use crate::model::slug::is_url_safe;
use crate::render::cms::MEDIA_FOLDER;
use crate::validate::portable::windows_problem;
use base64::Engine as _;
use cap_std::fs::Dir;
use serde_json::{Value, json};
use std::io::Write as _;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

/// The folders entries are kept in.
pub const ENTRY_FOLDERS: [&str; 2] = [MEETINGS_DIR, PAGES_DIR];
/// How many path segments an entry may have below its folder (`2019/<slug>/index.md`).
pub const ENTRY_DEPTH: usize = 3;
/// A bundle's meeting file.
const INDEX: &str = "index.md";

/// Why a request was refused: the HTTP status and a reason for the person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub status: u16,
    pub reason: Reason,
}

/// The reasons a request to the local backend is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// Not a JSON object with `action` and the parameters it needs.
    BadRequest,
    UnknownAction(String),
    /// A path that could leave its folder or is not plain text.
    UnsafePath(String),
    /// A path outside the content folders, the bundles and the media folder.
    OutsideEditable(String),
    /// A file name that is no slug (`Möte 1.md`, `con.md`, `bild?.png`).
    BadName(String),
    /// A symlink on the way.
    Symlink(String),
    /// Base64 content that does not decode.
    BadContent,
    /// The disk said no.
    Io(String),
    /// The API is off (not on loopback, no `--allow-remote-edit`) or the request is foreign.
    Forbidden,
    /// One file over [`upload::MAX_FILE_BYTES`].
    FileTooLarge {
        name: String,
    },
    /// The whole request over [`upload::MAX_REQUEST_BYTES`] (several large files at once).
    RequestTooLarge,
    /// The body did not arrive within its time ([`upload::body_deadline`]).
    TooSlow,
    /// [`upload::MAX_BODIES`] requests are already being received.
    Busy,
    /// A picture or file for a free page (pages have no folder of their own).
    MediaForPage(String),
}

fn refuse(status: u16, reason: Reason) -> Refusal {
    Refusal { status, reason }
}

/// What kind of file a path must name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Entry,
    Media,
}

/// A checked path, relative to the site (`/` separators). It is only ever opened below the
/// site's held handle ([`beneath::Site`]), never by an absolute path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    rel: String,
}

impl Checked {
    /// The folder it is in (relative), and its file name.
    fn split(&self) -> (&str, &str) {
        beneath::split(&self.rel)
    }
}

/// The first checks of any path: plain, relative, no way up.
fn plain(rel: &str) -> Result<Vec<&str>, Refusal> {
    let unsafe_path = || refuse(400, Reason::UnsafePath(rel.to_string()));
    if rel.is_empty()
        || rel.starts_with('/')
        || rel.contains(['\\', ':', '\0'])
        || rel.chars().any(char::is_control)
        || rel.len() > 1024
    {
        return Err(unsafe_path());
    }
    let segments: Vec<&str> = rel.split('/').collect();
    if segments.iter().any(|s| s.is_empty() || *s == "." || *s == "..") {
        return Err(unsafe_path());
    }
    Ok(segments)
}

/// Whether `name` is an entry's file name: `<slug>.md`.
fn is_entry_name(name: &str) -> bool {
    name.strip_suffix(".md").is_some_and(is_folder_name)
}

/// Whether `name` may name a year folder or a bundle: a slug Windows can hold.
fn is_folder_name(name: &str) -> bool {
    is_url_safe(name) && windows_problem(name).is_none()
}

/// Whether `name` is a media file's name: a slug (underscores allowed) and a short lowercase
/// extension, as Decap names uploads with ASCII slugs; never Markdown.
fn is_media_name(name: &str) -> bool {
    let Some((stem, ext)) = name.rsplit_once('.') else { return false };
    !ext.is_empty()
        && ext != "md"
        && ext.len() <= 5
        && ext.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && is_url_safe(&stem.replace('_', "-"))
        && windows_problem(name).is_none()
}

/// The entry folder `rel` lies in and its segments below it.
fn under_entry_folder<'a>(segments: &'a [&'a str]) -> Option<(&'static str, &'a [&'a str])> {
    ENTRY_FOLDERS.into_iter().find_map(|folder| {
        let depth = folder.split('/').count();
        let matches = segments.len() > depth && segments[..depth].join("/") == folder;
        matches.then(|| (folder, &segments[depth..]))
    })
}

/// The local backend of one site folder.
pub struct Backend {
    /// The site folder, held open: every file is reached below it (see [`beneath`]).
    site: Result<Site, String>,
    repo_name: String,
    counter: AtomicU64,
    /// The test hook between a write's check (its folder reached, no link on the way) and its
    /// open: a test swaps a folder for a symlink here (`a_folder_swapped_for_a_link_…`).
    #[cfg(test)]
    between_check_and_open: std::sync::Mutex<Option<Box<dyn FnMut() + Send>>>,
}

impl Backend {
    /// `root` must be canonical (serve canonicalises it); it is opened once, here.
    pub fn new(root: PathBuf) -> Backend {
        let repo_name = root.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let site = Site::open(&root).map_err(|e| e.to_string());
        Backend {
            site,
            repo_name,
            counter: AtomicU64::new(0),
            #[cfg(test)]
            between_check_and_open: std::sync::Mutex::new(None),
        }
    }

    fn site(&self) -> Result<&Site, Refusal> {
        self.site.as_ref().map_err(|e| refuse(500, Reason::Io(e.clone())))
    }

    /// Whether something (a link too) is at `rel`.
    fn exists(&self, rel: &str) -> bool {
        self.site().is_ok_and(|site| site.entry(rel).is_some())
    }

    /// Whether a plain file (not a link) is at `rel`.
    fn is_file(&self, rel: &str) -> bool {
        self.site().is_ok_and(|site| site.entry(rel) == Some(Entry::File))
    }

    /// The refusal for `trouble` reaching `path`.
    fn trouble(&self, path: &Checked, trouble: Trouble) -> Refusal {
        match trouble {
            Trouble::Symlink => refuse(403, Reason::Symlink(path.rel.clone())),
            Trouble::Missing => io(std::io::ErrorKind::NotFound.into()),
            Trouble::Io(e) => io(e),
        }
    }

    /// Refuses a path any existing part of which (below the root) is a symlink. (The check
    /// tells the person why; the open that follows goes through no link either.)
    fn checked(&self, rel: &str) -> Result<Checked, Refusal> {
        if self.site()?.has_link(rel) {
            return Err(refuse(403, Reason::Symlink(rel.to_string())));
        }
        Ok(Checked { rel: rel.to_string() })
    }

    /// Checks a file path of `kind`; `strict` also asks for slug names (writes).
    fn file(&self, rel: &str, kind: Kind, strict: bool) -> Result<Checked, Refusal> {
        let segments = plain(rel)?;
        let outside = || refuse(403, Reason::OutsideEditable(rel.into()));
        let bad_name = || refuse(400, Reason::BadName(rel.into()));
        let name = segments.last().copied().unwrap_or_default();
        if name.starts_with('.') {
            return Err(bad_name());
        }
        let in_media_folder = rel.rsplit_once('/').is_some_and(|(folder, _)| folder == MEDIA_FOLDER);
        let (folder, inner) = match under_entry_folder(&segments) {
            Some(found) if !(kind == Kind::Media && in_media_folder) => found,
            _ if kind == Kind::Media && in_media_folder => {
                return if !strict || is_media_name(name) { self.checked(rel) } else { Err(bad_name()) };
            }
            _ => return Err(outside()),
        };
        if inner.len() > ENTRY_DEPTH {
            return Err(outside());
        }
        let folders_ok = || inner[..inner.len() - 1].iter().all(|f| is_folder_name(f));
        let name_ok = match kind {
            Kind::Entry => !strict || (is_entry_name(name) && folders_ok()),
            Kind::Media if folder == PAGES_DIR => return Err(refuse(403, Reason::MediaForPage(rel.into()))),
            Kind::Media => !name.ends_with(".md") && (!strict || (is_media_name(name) && folders_ok())),
        };
        match (kind, name_ok) {
            (Kind::Entry, true) if name.ends_with(".md") => self.checked(rel),
            (Kind::Media, true) => self.checked(rel),
            _ => Err(bad_name()),
        }
    }

    /// An entry's file as the editor names it. A meeting saved with files became a bundle
    /// (`<slug>.md` → `<slug>/index.md`); the editor still knows it by its old name.
    fn entry_file(&self, rel: &str, strict: bool) -> Result<Checked, Refusal> {
        let checked = self.file(rel, Kind::Entry, strict)?;
        if self.exists(&checked.rel) {
            return Ok(checked);
        }
        let (folder, name) = checked.split();
        let elsewhere = match bundled_name(&checked.rel) {
            Some(bundled) => Some(bundled),
            None if name == INDEX => self.in_a_year(folder).map(|f| format!("{f}/{INDEX}")),
            None => None,
        };
        match elsewhere.map(|rel| self.file(&rel, Kind::Entry, false)) {
            Some(Ok(found)) if self.is_file(&found.rel) => Ok(found),
            _ => Ok(checked),
        }
    }

    /// A media file as the editor names it: beside a new meeting's bundle that was put in its
    /// round's folder, it is found there.
    fn media_file(&self, rel: &str) -> Result<Checked, Refusal> {
        let checked = self.file(rel, Kind::Media, false)?;
        let (folder, name) = checked.split();
        match self.in_a_year(folder).filter(|_| !self.exists(&checked.rel)) {
            Some(moved) => self.file(&format!("{moved}/{name}"), Kind::Media, false),
            None => Ok(checked),
        }
    }

    /// Where the entry the editor names `rel` is on disk (see [`Backend::entry_file`]): the
    /// preview must render the file that will be saved, not a second one beside it.
    pub fn entry_location(&self, rel: &str) -> Option<String> {
        self.entry_file(rel, false).ok().map(|found| found.rel)
    }

    /// Where a new meeting's bundle (`content/meetings/<slug>`) was put in its round's folder
    /// (`content/meetings/2019/<slug>`), if it was: the form still knows it by the first name.
    fn in_a_year(&self, folder: &str) -> Option<String> {
        let slug = folder.strip_prefix(MEETINGS_DIR)?.strip_prefix('/').filter(|s| !s.contains('/'))?;
        let meetings = self.site().ok()?.folder(MEETINGS_DIR, false).ok()?;
        let mut years: Vec<String> = meetings
            .entries()
            .ok()?
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
            .filter_map(|e| e.file_name().to_str().map(str::to_string))
            .filter(|year| self.is_file(&format!("{MEETINGS_DIR}/{year}/{slug}/{INDEX}")))
            .collect();
        years.sort();
        years.first().map(|year| format!("{MEETINGS_DIR}/{year}/{slug}"))
    }

    /// Where a new meeting the form names as a bundle at the top (`content/meetings/<slug>/index.md`,
    /// as Decap can name it) is saved: in its round's folder, `content/meetings/<round>/<slug>/index.md`,
    /// the round being its `round:` or its date's year (read from `raw`, the text to save).
    fn in_round_folder(&self, named: &Checked, raw: &str) -> Result<Option<Checked>, Refusal> {
        let (folder, name) = named.split();
        let top_level_bundle = name == INDEX
            && folder.strip_prefix(MEETINGS_DIR).and_then(|f| f.strip_prefix('/')).is_some_and(|f| !f.contains('/'));
        if !top_level_bundle || self.exists(&named.rel) {
            return Ok(None);
        }
        let Some(round) = round_of(raw) else { return Ok(None) };
        let slug = folder.rsplit('/').next().unwrap_or_default();
        self.file(&format!("{MEETINGS_DIR}/{round}/{slug}/{INDEX}"), Kind::Entry, true).map(Some)
    }

    /// A folder that may be listed: an entry folder, the media folder, or a meeting's folder
    /// (a year or a bundle, for its pictures).
    fn folder(&self, rel: &str) -> Result<Checked, Refusal> {
        let rel = rel.trim_end_matches('/');
        let segments = plain(rel)?;
        let in_meetings = under_entry_folder(&segments)
            .is_some_and(|(folder, inner)| folder == MEETINGS_DIR && inner.len() < ENTRY_DEPTH);
        if !ENTRY_FOLDERS.contains(&rel) && rel != MEDIA_FOLDER && !in_meetings {
            return Err(refuse(403, Reason::OutsideEditable(rel.into())));
        }
        let checked = self.checked(rel)?;
        match self.in_a_year(rel).filter(|_| !self.exists(&checked.rel)) {
            Some(moved) => self.checked(&moved),
            None => Ok(checked),
        }
    }

    /// `path`'s folder, held open, made (inside the site) if needed; refused if a part of it
    /// is a symlink.
    fn make_folder(&self, path: &Checked) -> Result<Dir, Refusal> {
        self.site()?.folder(path.split().0, true).map_err(|t| self.trouble(path, t))
    }

    /// `path`'s folder, held open, if it exists.
    fn folder_of(&self, path: &Checked) -> Result<Dir, Refusal> {
        self.site()?.folder(path.split().0, false).map_err(|t| self.trouble(path, t))
    }

    /// A hidden temporary file's name for `name` (the loader and the watcher skip it).
    fn temp_name(&self, name: &str) -> String {
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        format!(".{name}.samtal-edit-{}-{n}", std::process::id())
    }

    /// Writes `bytes` to `path` atomically (a temporary file in its folder, renamed over it),
    /// making its folder (inside the site) if needed; all in the folder held open.
    fn write(&self, path: &Checked, bytes: &[u8]) -> Result<(), Refusal> {
        let dir = self.make_folder(path)?;
        #[cfg(test)]
        if let Some(hook) = self.between_check_and_open.lock().unwrap().as_mut() {
            hook();
        }
        let name = path.split().1;
        let mut temp = Temporary::create(dir.try_clone().map_err(io)?, self.temp_name(name)).map_err(io)?;
        temp.file().write_all(bytes).map_err(io)?;
        temp.rename_to(&dir, name).map_err(io)
    }

    /// Receives one uploaded file for `rel` (see [`upload::read_request`]): checked as a
    /// picture or file name, decoded into a hidden file in its folder.
    pub fn receive(&self, rel: &str, content: &mut dyn std::io::Read) -> Result<Upload, Refusal> {
        let path = self.file(rel, Kind::Media, true)?;
        // Into the nearest folder that exists: a refused request must not leave new folders
        // behind; the file is renamed into place (the same file system) once all is checked.
        let site = self.site()?;
        let mut at = path.split().0;
        let dir = loop {
            match site.folder(at, false) {
                Ok(dir) => break dir,
                Err(Trouble::Missing) if !at.is_empty() => at = beneath::split(at).0,
                Err(trouble) => return Err(self.trouble(&path, trouble)),
            }
        };
        let mut temp = Temporary::create(dir, self.temp_name(path.split().1)).map_err(io)?;
        // From here the temporary file is removed on any failure (when it is dropped).
        let bytes = upload::decode_into(content, temp.file(), path.split().1)?;
        Ok(Upload::new(path.rel.clone(), temp, bytes))
    }

    fn delete(&self, path: &Checked) -> Result<(), Refusal> {
        match self.site()?.remove(&path.rel) {
            Ok(()) | Err(Trouble::Missing) => Ok(()),
            Err(trouble) => Err(self.trouble(path, trouble)),
        }
    }

    /// An entry as Decap reads it: its text and an id that changes with it; `data: null`
    /// for a file that cannot be read. `shown` is the path Decap knows it by.
    fn entry(&self, path: &Checked, shown: &str) -> Value {
        match self.site().ok().and_then(|site| site.read(&path.rel).ok()).and_then(|b| String::from_utf8(b).ok()) {
            Some(text) => json!({"data": text, "file": {"path": shown, "id": id(text.as_bytes())}}),
            None => json!({"data": null, "file": {"path": shown, "id": null}}),
        }
    }

    fn media(&self, path: &Checked) -> Result<Value, Refusal> {
        let bytes = self.site()?.read(&path.rel).map_err(|t| match self.trouble(path, t) {
            Refusal { reason: Reason::Io(e), .. } => refuse(404, Reason::Io(e)),
            refusal => refusal,
        })?;
        Ok(json!({
            "id": id(&bytes),
            "content": base64::engine::general_purpose::STANDARD.encode(&bytes),
            "encoding": "base64",
            "path": path.rel,
            "name": path.split().1,
        }))
    }

    /// The plain files below `folder` (not hidden, not through symlinks, at most `depth`
    /// folders down), sorted; entries (`.md`) or media (anything else).
    fn list(&self, folder: &Checked, kind: Kind, depth: usize) -> Vec<Checked> {
        let Ok(site) = self.site() else { return Vec::new() };
        let mut out: Vec<Checked> = site
            .files(&folder.rel, depth)
            .into_iter()
            .filter(|inner| inner.ends_with(".md") == (kind == Kind::Entry))
            .map(|inner| Checked { rel: format!("{}/{inner}", folder.rel) })
            .collect();
        out.sort_by(|a, b| a.rel.cmp(&b.rel));
        out
    }

    /// Answers one request: `{action, params}` → the JSON decap-server would answer.
    pub fn handle(&self, mut request: ApiRequest) -> Result<Value, Refusal> {
        let bad = || refuse(400, Reason::BadRequest);
        self.receive_inline(&mut request)?;
        let params = std::mem::take(&mut request.params);
        let text = |key: &str| params.get(key).and_then(Value::as_str).ok_or_else(bad);
        match request.action.as_str() {
            "info" => Ok(json!({"repo": self.repo_name, "publish_modes": ["simple"], "type": "local_fs"})),
            "entriesByFolder" => {
                let folder = self.folder(text("folder")?)?;
                // Every entry, whatever depth the form asks for: its `path` setting says where
                // new meetings go (one folder down), not where meetings are (years, bundles).
                let entries = self.list(&folder, Kind::Entry, ENTRY_DEPTH);
                Ok(Value::Array(entries.iter().map(|f| self.entry(f, &f.rel)).collect()))
            }
            "entriesByFiles" => {
                let files = params.get("files").and_then(Value::as_array).ok_or_else(bad)?;
                let mut out = Vec::new();
                for file in files {
                    let rel = file.get("path").and_then(Value::as_str).ok_or_else(bad)?;
                    let mut entry = self.entry(&self.entry_file(rel, false)?, rel);
                    if let Some(label) = file.get("label") {
                        entry["file"]["label"] = label.clone();
                    }
                    out.push(entry);
                }
                Ok(Value::Array(out))
            }
            "getEntry" => {
                let rel = text("path")?;
                Ok(self.entry(&self.entry_file(rel, false)?, rel))
            }
            "persistEntry" => self.persist_entry(&params, &mut request),
            "getMedia" => {
                let folder = self.folder(text("mediaFolder")?)?;
                let files = self.list(&folder, Kind::Media, 1);
                Ok(Value::Array(files.iter().filter_map(|f| self.media(f).ok()).collect()))
            }
            "getMediaFile" => self.media(&self.media_file(text("path")?)?),
            "persistMedia" => {
                let asset = params.get("asset").ok_or_else(bad)?;
                let path = self.file(asset.get("path").and_then(Value::as_str).ok_or_else(bad)?, Kind::Media, true)?;
                if !path.rel.starts_with(&format!("{MEDIA_FOLDER}/")) && !self.is_bundle_folder(path.split().0) {
                    // Beside a meeting only once it is a bundle: the form saves those with the meeting.
                    return Err(refuse(403, Reason::OutsideEditable(path.rel)));
                }
                let upload = request.upload(asset.get("content").unwrap_or(&Value::Null)).ok_or_else(bad)?;
                let dir = self.make_folder(&path)?;
                upload.keep(&dir, path.split().1).map_err(io)?;
                self.media(&path)
            }
            "deleteFile" => {
                let path = self.deletable(text("path")?)?;
                self.delete(&path)?;
                Ok(json!({"message": format!("deleted file {}", path.rel)}))
            }
            "deleteFiles" => {
                let paths = params.get("paths").and_then(Value::as_array).ok_or_else(bad)?;
                let paths: Vec<&str> = paths.iter().map(|p| p.as_str().ok_or_else(bad)).collect::<Result<_, _>>()?;
                // Every path is checked before anything is deleted.
                let checked: Vec<Checked> = paths.iter().map(|p| self.deletable(p)).collect::<Result<_, _>>()?;
                for path in &checked {
                    self.delete(path)?;
                }
                Ok(json!({"message": format!("deleted files {}", paths.join(", "))}))
            }
            "getDeployPreview" => Ok(Value::Null),
            other => Err(refuse(422, Reason::UnknownAction(other.to_string()))),
        }
    }

    /// Receives the files whose `content` came before their `path` (a client other than
    /// Decap, which sends the path first): the reader kept them as text, at most
    /// [`upload::MAX_TEXT_BYTES`].
    fn receive_inline(&self, request: &mut ApiRequest) -> Result<(), Refusal> {
        let Some(params) = request.params.as_object_mut() else { return Ok(()) };
        let mut assets: Vec<&mut Value> = Vec::new();
        for (key, value) in params.iter_mut() {
            match (key.as_str(), value) {
                ("asset", asset) => assets.push(asset),
                ("assets", Value::Array(list)) => assets.extend(list.iter_mut()),
                _ => {}
            }
        }
        for asset in assets {
            let (Some(path), Some(Value::String(content))) =
                (asset.get("path").and_then(Value::as_str), asset.get("content"))
            else {
                continue;
            };
            let upload = self.receive(path, &mut content.as_bytes())?;
            request.uploads.push(upload);
            asset["content"] = json!({"$upload": request.uploads.len() - 1});
        }
        Ok(())
    }

    /// Whether `rel` (a folder) holds a meeting written as a bundle.
    fn is_bundle_folder(&self, rel: &str) -> bool {
        rel.starts_with(&format!("{MEETINGS_DIR}/"))
            && self.file(&format!("{rel}/{INDEX}"), Kind::Entry, false).is_ok_and(|f| self.is_file(&f.rel))
    }

    /// An entry or a media file, by its name.
    fn deletable(&self, rel: &str) -> Result<Checked, Refusal> {
        if rel.ends_with(".md") {
            return self.entry_file(rel, false);
        }
        let path = self.media_file(rel)?;
        match path.rel.starts_with(&format!("{MEDIA_FOLDER}/")) || self.is_bundle_folder(path.split().0) {
            true => Ok(path),
            false => Err(refuse(403, Reason::OutsideEditable(path.rel))),
        }
    }

    /// `persistEntry`: every data file and asset is checked (and every asset received) before
    /// the first is written. A meeting written as one file whose files are saved beside it
    /// becomes a bundle (see the module's description).
    fn persist_entry(&self, params: &Value, request: &mut ApiRequest) -> Result<Value, Refusal> {
        let bad = || refuse(400, Reason::BadRequest);
        let data_files: Vec<&Value> = match params.get("dataFiles").and_then(Value::as_array) {
            Some(files) => files.iter().collect(),
            None => vec![params.get("entry").ok_or_else(bad)?],
        };
        let assets = params.get("assets").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
        let mut asset_paths = Vec::new();
        for asset in assets {
            let rel = asset.get("path").and_then(Value::as_str).ok_or_else(bad)?;
            asset_paths.push(self.file(rel, Kind::Media, true)?);
            if asset.get("encoding").and_then(Value::as_str).is_some_and(|e| e != "base64") {
                return Err(refuse(400, Reason::BadContent));
            }
        }
        let mut writes = Vec::new();
        let mut moves = Vec::new();
        let mut left_behind = Vec::new();
        // Each entry's folder as the form names it, and where it is (or goes) on disk.
        let mut folders: Vec<(String, String)> = Vec::new();
        for file in &data_files {
            let rel = file.get("path").and_then(Value::as_str).ok_or_else(bad)?;
            let raw = file.get("raw").and_then(Value::as_str).ok_or_else(bad)?;
            let named = self.file(rel, Kind::Entry, true)?;
            let found = self.entry_file(rel, true)?;
            let path = if found != named {
                found
            } else if let Some(in_round) = self.in_round_folder(&named, raw)? {
                in_round
            } else if let Some(bundle) = self.bundle_for(&named, &asset_paths)? {
                left_behind.push(named.clone());
                bundle
            } else {
                named.clone()
            };
            folders.push((named.split().0.to_string(), path.split().0.to_string()));
            if let Some(new_path) = file.get("newPath").and_then(Value::as_str) {
                moves.push((path.clone(), self.file(new_path, Kind::Entry, true)?));
            }
            // Saved over a file: the author's comments and layout of what did not change stay.
            let old = self.site()?.read(&path.rel).ok().and_then(|b| String::from_utf8(b).ok());
            let text = old.and_then(|old| super::keep::keep(&old, raw)).map_or_else(|| raw.to_string(), |k| k.text);
            writes.push((path, text));
        }
        // Each asset goes where its entry is (a bundle made just now included), or into the
        // media folder.
        let mut targets = Vec::new();
        for path in &asset_paths {
            let (folder, name) = path.split();
            let target = match folders.iter().find(|(named, _)| named == folder) {
                _ if folder == MEDIA_FOLDER => path.clone(),
                Some((_, on_disk)) => self.file(&format!("{on_disk}/{name}"), Kind::Media, true)?,
                None => return Err(refuse(403, Reason::OutsideEditable(path.rel.clone()))),
            };
            targets.push(target);
        }
        for (path, raw) in &writes {
            self.write(path, raw.as_bytes())?;
        }
        for (asset, target) in assets.iter().zip(&targets) {
            let upload = request.upload(asset.get("content").unwrap_or(&Value::Null)).ok_or_else(bad)?;
            let dir = self.make_folder(target)?;
            upload.keep(&dir, target.split().1).map_err(io)?;
        }
        for old in &left_behind {
            self.delete(old)?;
        }
        // A renamed entry: written at its old path above, then moved (as decap-server does).
        if moves.len() == data_files.len() {
            for (from, to) in &moves {
                let (from_dir, to_dir) = (self.folder_of(from)?, self.folder_of(to)?);
                from_dir.rename(from.split().1, &to_dir, to.split().1).map_err(io)?;
            }
        }
        Ok(json!({"message": "entry persisted"}))
    }

    /// The bundle a meeting written as one file becomes when files are saved beside it
    /// (`content/meetings/2019/x.md` with `content/meetings/2019/foto.jpg` →
    /// `content/meetings/2019/x/index.md`); `None` when it stays as it is.
    fn bundle_for(&self, entry: &Checked, assets: &[Checked]) -> Result<Option<Checked>, Refusal> {
        let (folder, name) = entry.split();
        let beside = assets.iter().any(|a| a.split().0 == folder);
        match bundled_name(&entry.rel) {
            Some(bundled) if beside && folder.starts_with(MEETINGS_DIR) => {
                self.file(&bundled, Kind::Entry, true).map(Some)
            }
            _ if beside && name != INDEX => Err(refuse(403, Reason::MediaForPage(entry.rel.clone()))),
            _ => Ok(None),
        }
    }
}

/// A meeting's round from the text the form saves: its `round:` when that can name a folder,
/// else its date's year; `None` when neither is there.
fn round_of(raw: &str) -> Option<String> {
    let front = raw.strip_prefix("---")?.split("\n---").next()?;
    let value = |key: &str| {
        front.lines().find_map(|line| {
            let value = line.strip_prefix(key)?.strip_prefix(':')?;
            Some(value.trim().trim_matches(['"', '\'']).to_string())
        })
    };
    if let Some(round) = value("round").filter(|r| is_folder_name(r)) {
        return Some(round);
    }
    let date = value("date")?;
    let year = date.get(..4)?;
    year.bytes().all(|b| b.is_ascii_digit()).then(|| year.to_string())
}

/// The bundle name of a meeting written as one file (`…/x.md` → `…/x/index.md`); `None` for a
/// bundle's own `index.md`.
fn bundled_name(rel: &str) -> Option<String> {
    let (folder, name) = rel.rsplit_once('/')?;
    let stem = name.strip_suffix(".md").filter(|_| name != INDEX)?;
    Some(format!("{folder}/{stem}/{INDEX}"))
}

fn io(e: std::io::Error) -> Refusal {
    refuse(500, Reason::Io(e.to_string()))
}

/// A file's id for Decap: changes whenever its bytes do.
fn id(bytes: &[u8]) -> String {
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(bytes))
}

/// Whether a `Host` or `Origin` host names this computer.
pub fn is_loopback_host(host: &str) -> bool {
    let host = host.trim();
    let name = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or_default()
    } else {
        host.rsplit_once(':').map_or(host, |(h, port)| if port.bytes().all(|b| b.is_ascii_digit()) { h } else { host })
    };
    name.eq_ignore_ascii_case("localhost") || name.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// The host part of an `Origin` header (`http://127.0.0.1:1111` → `127.0.0.1:1111`).
pub fn origin_host(origin: &str) -> Option<&str> {
    origin.split_once("://").map(|(_, rest)| rest.trim_end_matches('/'))
}

/// What `admin/config.yml` gets in `serve`: the local backend on this server, at the host the
/// page was asked for (`127.0.0.1:1111`; Decap needs a full URL), and that host among the
/// allowed ones when it is not loopback (`--allow-remote-edit`).
pub fn local_backend_yaml(api_path: &str, host: &str) -> String {
    let quote = |s: &str| serde_json::to_string(s).expect("a string serialises");
    let mut out = format!("local_backend:\n  url: {}\n", quote(&format!("http://{host}{api_path}")));
    if !is_loopback_host(host) {
        let name = match host.strip_prefix('[') {
            Some(rest) => rest.split(']').next().unwrap_or_default(),
            None => host.rsplit_once(':').map_or(host, |(h, _)| h),
        };
        out.push_str(&format!("  allowed_hosts: [{}]\n", quote(name)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_and_media_names_follow_the_slug_rules() {
        assert!(is_entry_name("2018-05-16-ostergotland.md"));
        for bad in ["Möte.md", "a b.md", "con.md", ".md", "x.MD", "x.markdown", "-x.md"] {
            assert!(!is_entry_name(bad), "{bad}");
        }
        assert!(is_media_name("bild_1.jpg") && is_media_name("karta.png"));
        for bad in ["bild.JPG", "bild", "bild.", "con.png", "bild fran.png", "bild?.png", ".png"] {
            assert!(!is_media_name(bad), "{bad}");
        }
    }

    #[test]
    fn the_served_config_allows_a_remote_host_only_when_it_is_not_loopback() {
        // Guards: with --allow-remote-edit a browser on another machine is let in by Decap
        // (allowed_hosts); on loopback nothing is widened.
        assert_eq!(
            local_backend_yaml("/__samtal/api/v1", "127.0.0.1:1111"),
            "local_backend:\n  url: \"http://127.0.0.1:1111/__samtal/api/v1\"\n"
        );
        let remote = local_backend_yaml("/__samtal/api/v1", "192.168.1.20:1111");
        assert!(remote.ends_with("  allowed_hosts: [\"192.168.1.20\"]\n"), "{remote}");
        assert!(local_backend_yaml("/a", "[fe80::1]:80").contains("[\"fe80::1\"]"));
    }

    #[test]
    fn a_new_meetings_round_folder_is_its_round_or_its_dates_year() {
        assert_eq!(round_of("---\ntitle: x\ndate: 2019-03-14\n---\n").as_deref(), Some("2019"));
        assert_eq!(round_of("---\ndate: \"2019\"\nround: 2019-hosten\n---\n").as_deref(), Some("2019-hosten"));
        // A round that cannot name a folder, or no date: left where the form named it.
        assert_eq!(round_of("---\ndate: 2019-03\nround: Hösten 2019\n---\n").as_deref(), Some("2019"));
        assert_eq!(round_of("---\ntitle: x\n---\n"), None);
        assert_eq!(round_of("no front matter"), None);
    }

    #[test]
    fn a_meeting_in_one_file_becomes_a_bundle_of_its_name() {
        assert_eq!(bundled_name("content/meetings/2019/x.md").as_deref(), Some("content/meetings/2019/x/index.md"));
        assert_eq!(bundled_name("content/meetings/x/index.md"), None);
    }

    #[cfg(unix)]
    #[test]
    fn a_folder_swapped_for_a_link_between_the_check_and_the_open_is_not_followed_out_of_the_site() {
        // Guards (issue 27, item 6): the write's check and its open are one step (the folder is
        // held open; see `beneath`). Between them, `content/meetings/2019` is swapped for a link
        // to a folder outside the site: the file lands in the folder that was checked, and
        // nothing is written outside.
        let outside = tempfile::tempdir().unwrap();
        let site = tempfile::tempdir().unwrap();
        let root = dunce::canonicalize(site.path()).unwrap();
        let year = root.join("content/meetings/2019");
        std::fs::create_dir_all(&year).unwrap();
        let backend = Backend::new(root.clone());
        let path = backend.file("content/meetings/2019/x.md", Kind::Entry, true).unwrap();
        let (away, target) = (root.join("content/meetings/.2019-checked"), outside.path().to_path_buf());
        *backend.between_check_and_open.lock().unwrap() = Some(Box::new(move || {
            std::fs::rename(&year, &away).unwrap();
            std::os::unix::fs::symlink(&target, &year).unwrap();
        }));
        backend.write(&path, b"---\ntitle: x\n---\n").unwrap();
        let written: Vec<_> = std::fs::read_dir(outside.path()).unwrap().collect();
        assert!(written.is_empty(), "written outside the site: {written:?}");
        assert_eq!(std::fs::read(root.join("content/meetings/.2019-checked/x.md")).unwrap(), b"---\ntitle: x\n---\n");
        // Once the link is there, the next request is refused with the reason.
        *backend.between_check_and_open.lock().unwrap() = None;
        let refused = backend.file("content/meetings/2019/y.md", Kind::Entry, true).unwrap_err();
        assert_eq!(refused.reason, Reason::Symlink("content/meetings/2019/y.md".into()));
        assert!(std::fs::read_dir(outside.path()).unwrap().next().is_none());
    }

    #[test]
    fn loopback_hosts_are_recognised() {
        for host in ["127.0.0.1:1111", "localhost", "LOCALHOST:80", "[::1]:1111", "127.0.0.2"] {
            assert!(is_loopback_host(host), "{host}");
        }
        for host in ["192.168.1.2:1111", "example.org", "localhost.example.org", "[fe80::1]:80"] {
            assert!(!is_loopback_host(host), "{host}");
        }
    }
}
