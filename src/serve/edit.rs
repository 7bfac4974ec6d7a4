//! The browser editor's local backend: Decap CMS's `local_backend` protocol (what the npm
//! package `decap-server` answers: `POST` with `{action, params}`) on `serve`'s own port, so a
//! form saved in `/admin/` writes the site folder and the normal rebuild follows.
//!
//! - **Only content and pictures.** Entries are read and written only as `<slug>.md` directly
//!   in `content/meetings/` or `content/pages/`, media only in [`MEDIA_FOLDER`]. A path with
//!   `..`, `.`, empty segments, a leading `/`, `\`, `:`, control characters, a name that is no
//!   slug, or any symlink on the way is refused with a 4xx and a reason, and nothing is written.
//! - **Atomic.** Every write goes to a hidden temporary file in the same folder (which the
//!   loader skips) and is renamed over the target.
//! - **Only from this computer.** [`Access`] decides; cross-site requests are refused (the
//!   body must be `application/json`, which a foreign page cannot send without CORS, and an
//!   `Origin`, when present, must be the server's own host).

use crate::model::layout::{MEETINGS_DIR, PAGES_DIR};
use crate::model::slug::is_url_safe;
use crate::render::cms::MEDIA_FOLDER;
use crate::validate::portable::windows_problem;
use base64::Engine as _;
use serde_json::{Value, json};
use std::fs;
use std::io::Write as _;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

/// The folders entries are kept in (one file per entry, no subfolders).
pub const ENTRY_FOLDERS: [&str; 2] = [MEETINGS_DIR, PAGES_DIR];

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
    /// A path outside the content folders and the media folder.
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

/// A checked path: relative (`/` separators) and absolute.
#[derive(Debug, Clone)]
struct Checked {
    rel: String,
    abs: PathBuf,
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
    name.strip_suffix(".md").is_some_and(|stem| is_url_safe(stem) && windows_problem(stem).is_none())
}

/// Whether `name` is a media file's name: a slug (underscores allowed) and a short lowercase
/// extension, as Decap names uploads with ASCII slugs.
fn is_media_name(name: &str) -> bool {
    let Some((stem, ext)) = name.rsplit_once('.') else { return false };
    !ext.is_empty()
        && ext.len() <= 5
        && ext.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && is_url_safe(&stem.replace('_', "-"))
        && windows_problem(name).is_none()
}

/// The local backend of one site folder.
pub struct Backend {
    root: PathBuf,
    repo_name: String,
    counter: AtomicU64,
}

impl Backend {
    /// `root` must be canonical (serve canonicalises it).
    pub fn new(root: PathBuf) -> Backend {
        let repo_name = root.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        Backend { root, repo_name, counter: AtomicU64::new(0) }
    }

    /// Checks a file path of `kind`; `strict` also asks for a slug name (writes).
    fn file(&self, rel: &str, kind: Kind, strict: bool) -> Result<Checked, Refusal> {
        let segments = plain(rel)?;
        let (folder, name) = rel.rsplit_once('/').ok_or_else(|| refuse(403, Reason::OutsideEditable(rel.into())))?;
        let allowed = match kind {
            Kind::Entry => ENTRY_FOLDERS.contains(&folder),
            Kind::Media => folder == MEDIA_FOLDER,
        };
        if !allowed {
            return Err(refuse(403, Reason::OutsideEditable(rel.into())));
        }
        let name_ok = match kind {
            Kind::Entry => is_entry_name(name) || (!strict && name.ends_with(".md")),
            Kind::Media => is_media_name(name) || !strict,
        };
        if !name_ok {
            return Err(refuse(400, Reason::BadName(rel.into())));
        }
        let checked = Checked { rel: rel.to_string(), abs: segments.iter().fold(self.root.clone(), |p, s| p.join(s)) };
        self.no_symlinks(&checked)?;
        Ok(checked)
    }

    /// A folder that may be listed.
    fn folder(&self, rel: &str) -> Result<Checked, Refusal> {
        let segments = plain(rel.trim_end_matches('/'))?;
        let rel = rel.trim_end_matches('/');
        if !ENTRY_FOLDERS.contains(&rel) && rel != MEDIA_FOLDER {
            return Err(refuse(403, Reason::OutsideEditable(rel.into())));
        }
        let checked = Checked { rel: rel.to_string(), abs: segments.iter().fold(self.root.clone(), |p, s| p.join(s)) };
        self.no_symlinks(&checked)?;
        Ok(checked)
    }

    /// Refuses a path any existing part of which (below the root) is a symlink.
    fn no_symlinks(&self, path: &Checked) -> Result<(), Refusal> {
        let mut at = self.root.clone();
        for segment in path.rel.split('/') {
            at.push(segment);
            match fs::symlink_metadata(&at) {
                Ok(meta) if meta.file_type().is_symlink() => {
                    return Err(refuse(403, Reason::Symlink(path.rel.clone())));
                }
                Ok(_) => {}
                Err(_) => break,
            }
        }
        Ok(())
    }

    /// Writes `bytes` to `path` atomically, making its folder (inside the site) if needed.
    fn write(&self, path: &Checked, bytes: &[u8]) -> Result<(), Refusal> {
        let io = |e: std::io::Error| refuse(500, Reason::Io(e.to_string()));
        let dir = path.abs.parent().expect("a checked file has a folder");
        fs::create_dir_all(dir).map_err(io)?;
        // Made just now: check again that nothing on the way is a symlink.
        self.no_symlinks(path)?;
        let name = path.abs.file_name().expect("a checked file has a name").to_string_lossy();
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        let tmp = dir.join(format!(".{name}.samtal-edit-{}-{n}", std::process::id()));
        let result = (|| {
            let mut file = fs::OpenOptions::new().write(true).create_new(true).open(&tmp)?;
            file.write_all(bytes)?;
            file.sync_all()?;
            fs::rename(&tmp, &path.abs)
        })();
        if result.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        result.map_err(io)
    }

    fn delete(&self, path: &Checked) -> Result<(), Refusal> {
        match fs::remove_file(&path.abs) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(refuse(500, Reason::Io(e.to_string()))),
        }
    }

    /// An entry as Decap reads it: its text and an id that changes with it; `data: null`
    /// for a file that cannot be read.
    fn entry(&self, path: &Checked) -> Value {
        match fs::read(&path.abs).ok().and_then(|b| String::from_utf8(b).ok()) {
            Some(text) => json!({"data": text, "file": {"path": path.rel, "id": id(text.as_bytes())}}),
            None => json!({"data": null, "file": {"path": path.rel, "id": null}}),
        }
    }

    fn media(&self, path: &Checked) -> Result<Value, Refusal> {
        let bytes = fs::read(&path.abs).map_err(|e| refuse(404, Reason::Io(e.to_string())))?;
        let name = path.rel.rsplit('/').next().unwrap_or_default();
        Ok(json!({
            "id": id(&bytes),
            "content": base64::engine::general_purpose::STANDARD.encode(&bytes),
            "encoding": "base64",
            "path": path.rel,
            "name": name,
        }))
    }

    /// The plain files of a folder (not hidden, not symlinks), sorted, ending in `extension`.
    fn list(&self, folder: &Checked, extension: &str) -> Vec<Checked> {
        let Ok(entries) = fs::read_dir(&folder.abs) else { return Vec::new() };
        let mut out: Vec<Checked> = entries
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .filter_map(|e| e.file_name().to_str().map(str::to_string))
            .filter(|name| !name.starts_with('.') && name.ends_with(extension))
            .map(|name| Checked { rel: format!("{}/{name}", folder.rel), abs: folder.abs.join(&name) })
            .collect();
        out.sort_by(|a, b| a.rel.cmp(&b.rel));
        out
    }

    /// Answers one request: `{action, params}` → the JSON decap-server would answer.
    pub fn handle(&self, request: &Value) -> Result<Value, Refusal> {
        let bad = || refuse(400, Reason::BadRequest);
        let action = request.get("action").and_then(Value::as_str).ok_or_else(bad)?;
        let params = request.get("params").cloned().unwrap_or(Value::Null);
        let text = |key: &str| params.get(key).and_then(Value::as_str).ok_or_else(bad);
        match action {
            "info" => Ok(json!({"repo": self.repo_name, "publish_modes": ["simple"], "type": "local_fs"})),
            "entriesByFolder" => {
                let folder = self.folder(text("folder")?)?;
                let extension = params.get("extension").and_then(Value::as_str).unwrap_or("md");
                let extension = if extension.is_empty() { String::new() } else { format!(".{extension}") };
                Ok(Value::Array(self.list(&folder, &extension).iter().map(|f| self.entry(f)).collect()))
            }
            "entriesByFiles" => {
                let files = params.get("files").and_then(Value::as_array).ok_or_else(bad)?;
                let mut out = Vec::new();
                for file in files {
                    let rel = file.get("path").and_then(Value::as_str).ok_or_else(bad)?;
                    let mut entry = self.entry(&self.file(rel, Kind::Entry, false)?);
                    if let Some(label) = file.get("label") {
                        entry["file"]["label"] = label.clone();
                    }
                    out.push(entry);
                }
                Ok(Value::Array(out))
            }
            "getEntry" => Ok(self.entry(&self.file(text("path")?, Kind::Entry, false)?)),
            "persistEntry" => self.persist_entry(&params),
            "getMedia" => {
                let folder = self.folder(text("mediaFolder")?)?;
                let files = self.list(&folder, "");
                Ok(Value::Array(files.iter().filter_map(|f| self.media(f).ok()).collect()))
            }
            "getMediaFile" => self.media(&self.file(text("path")?, Kind::Media, false)?),
            "persistMedia" => {
                let asset = params.get("asset").ok_or_else(bad)?;
                let (path, bytes) = self.asset(asset)?;
                self.write(&path, &bytes)?;
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

    /// An entry or a media file, by its folder.
    fn deletable(&self, rel: &str) -> Result<Checked, Refusal> {
        let kind = if rel.starts_with(&format!("{MEDIA_FOLDER}/")) { Kind::Media } else { Kind::Entry };
        self.file(rel, kind, false)
    }

    /// A media upload: its checked path and decoded bytes.
    fn asset(&self, asset: &Value) -> Result<(Checked, Vec<u8>), Refusal> {
        let bad = || refuse(400, Reason::BadRequest);
        let path = self.file(asset.get("path").and_then(Value::as_str).ok_or_else(bad)?, Kind::Media, true)?;
        let content = asset.get("content").and_then(Value::as_str).ok_or_else(bad)?;
        let bytes = match asset.get("encoding").and_then(Value::as_str) {
            Some("base64") | None => base64::engine::general_purpose::STANDARD
                .decode(content)
                .map_err(|_| refuse(400, Reason::BadContent))?,
            Some(_) => content.as_bytes().to_vec(),
        };
        Ok((path, bytes))
    }

    /// `persistEntry`: every data file and asset is checked before the first is written.
    fn persist_entry(&self, params: &Value) -> Result<Value, Refusal> {
        let bad = || refuse(400, Reason::BadRequest);
        let data_files: Vec<&Value> = match params.get("dataFiles").and_then(Value::as_array) {
            Some(files) => files.iter().collect(),
            None => vec![params.get("entry").ok_or_else(bad)?],
        };
        let mut writes = Vec::new();
        let mut moves = Vec::new();
        for file in &data_files {
            let path = self.file(file.get("path").and_then(Value::as_str).ok_or_else(bad)?, Kind::Entry, true)?;
            let raw = file.get("raw").and_then(Value::as_str).ok_or_else(bad)?;
            if let Some(new_path) = file.get("newPath").and_then(Value::as_str) {
                moves.push((path.clone(), self.file(new_path, Kind::Entry, true)?));
            }
            writes.push((path, raw.as_bytes().to_vec()));
        }
        let mut assets = Vec::new();
        for asset in params.get("assets").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default() {
            assets.push(self.asset(asset)?);
        }
        for (path, bytes) in writes.iter().chain(&assets) {
            self.write(path, bytes)?;
        }
        // A renamed entry: written at its old path above, then moved (as decap-server does).
        if moves.len() == data_files.len() {
            for (from, to) in &moves {
                fs::rename(&from.abs, &to.abs).map_err(|e| refuse(500, Reason::Io(e.to_string())))?;
            }
        }
        Ok(json!({"message": "entry persisted"}))
    }
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
    fn loopback_hosts_are_recognised() {
        for host in ["127.0.0.1:1111", "localhost", "LOCALHOST:80", "[::1]:1111", "127.0.0.2"] {
            assert!(is_loopback_host(host), "{host}");
        }
        for host in ["192.168.1.2:1111", "example.org", "localhost.example.org", "[fe80::1]:80"] {
            assert!(!is_loopback_host(host), "{host}");
        }
    }
}
