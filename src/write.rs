//! The only code that writes the output folder. A build is written into a fresh folder next
//! to the output and swapped in, so a failed or interrupted build leaves the old site whole.

mod swap;

use crate::render::{Output, OutputFile};
use rayon::prelude::*;
use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;
use thiserror::Error;

/// Written into every build; its presence is what lets samtal replace a folder.
pub const MARKER: &str = ".samtal-build";
const MARKER_TEXT: &str = "Built by samtal. This whole folder is replaced on every build.\n";

#[derive(Debug, Error)]
pub enum WriteError {
    #[error("refusing to use {} as the output folder: {}", shown(path), reason.message(crate::i18n::Lang::En))]
    UnsafeOutput { path: PathBuf, reason: UnsafeReason },
    #[error(
        "refusing to replace {}: it holds files samtal did not write (no {MARKER} marker); empty it or choose another --output",
        shown(path)
    )]
    NotABuild { path: PathBuf },
    #[error("refusing to replace {path}: it holds files samtal did not write: {}", files.join(", "))]
    ForeignFiles { path: PathBuf, files: Vec<String> },
    #[error("refusing to write {file}: the name would leave the output folder")]
    UnsafeFileName { file: String },
    #[error("could not write {}", shown(path))]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

/// `fs::rename`, retried while Windows reports the folder briefly locked (a virus scanner, an
/// indexer): also what `samtal mv` renames with.
pub fn rename(from: &Path, to: &Path) -> std::io::Result<()> {
    swap::rename(from, to)
}

/// A path as messages show it: with `/` between folders on every system (Windows writes `\`,
/// and a file inside the output would read `C:\site\public\moten/x/index.html`).
pub fn shown(path: &Path) -> String {
    let text = path.display().to_string();
    if cfg!(windows) { text.replace('\\', "/") } else { text }
}

/// Why an output folder is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnsafeReason {
    FileSystemRoot,
    HomeFolder,
    HoldsTheSite,
    InsideSources,
    IsAFile,
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> WriteError + '_ {
    move |source| WriteError::Io { path: path.to_path_buf(), source }
}

/// Makes a path absolute and normal without requiring it to exist.
fn absolute(path: &Path) -> PathBuf {
    let joined =
        if path.is_absolute() { path.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(path) };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    // Resolve symlinks in the part that exists, so a link cannot disguise a folder.
    let mut existing = out.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.file_name().map(|n| n.to_os_string()), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut resolved = dunce::canonicalize(&existing).unwrap_or(existing);
    resolved.extend(rest.into_iter().rev());
    resolved
}

/// Refuses output folders whose replacement would destroy something that is not a build.
pub fn check_output(output: &Path, site_root: &Path) -> Result<PathBuf, WriteError> {
    let out = absolute(output);
    let root = absolute(site_root);
    let unsafe_because = |reason| Err(WriteError::UnsafeOutput { path: out.clone(), reason });
    if out.parent().is_none() {
        return unsafe_because(UnsafeReason::FileSystemRoot);
    }
    if std::env::var_os("HOME").is_some_and(|h| absolute(Path::new(&h)) == out) {
        return unsafe_because(UnsafeReason::HomeFolder);
    }
    if root.starts_with(&out) {
        return unsafe_because(UnsafeReason::HoldsTheSite);
    }
    for protected in ["content", "themes", "templates", "static", "src", ".git"] {
        if out.starts_with(root.join(protected)) {
            return unsafe_because(UnsafeReason::InsideSources);
        }
    }
    if out.exists() {
        if !out.is_dir() {
            return unsafe_because(UnsafeReason::IsAFile);
        }
        let empty = fs::read_dir(&out).map_err(io_err(&out))?.next().is_none();
        if !empty && !out.join(MARKER).is_file() {
            return Err(WriteError::NotABuild { path: out });
        }
        let foreign = foreign_files(&out);
        if !foreign.is_empty() {
            return Err(WriteError::ForeignFiles { path: out, files: foreign });
        }
    }
    Ok(out)
}

/// What the marker says above the list of files the build wrote.
const WRITTEN_HEADER: &str = "Files written:\n";

/// A git folder in the output (a `gh-pages` worktree) is the author's: carried over to
/// every new build, never listed, never deleted.
const CARRIED: &str = ".git";

/// The files in `out` that the build which wrote it did not write (its marker lists them),
/// and that would be lost with it; `.git` is carried over instead. A marker without a list
/// (from before the list existed) vouches for everything.
fn foreign_files(out: &Path) -> Vec<String> {
    let Ok(marker) = fs::read_to_string(out.join(MARKER)) else { return Vec::new() };
    let Some((_, list)) = marker.split_once(WRITTEN_HEADER) else { return Vec::new() };
    let written: HashSet<&str> = list.lines().collect();
    let mut foreign: Vec<String> = walkdir::WalkDir::new(out)
        .min_depth(1)
        .into_iter()
        .filter_entry(|e| !(e.depth() == 1 && e.file_name() == CARRIED))
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(out).ok()?;
            let rel = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
            (rel != MARKER && !written.contains(rel.as_str())).then_some(rel)
        })
        .collect();
    foreign.sort();
    foreign
}

/// A file name inside the output may not climb out of it or hide control characters.
fn check_file_name(path: &str) -> Result<(), WriteError> {
    let bad = path.is_empty()
        || path.starts_with('/')
        || path.contains('\\')
        || path.chars().any(char::is_control)
        || path.split('/').any(|seg| seg.is_empty() || seg == "." || seg == "..");
    if bad { Err(WriteError::UnsafeFileName { file: path.to_string() }) } else { Ok(()) }
}

fn sibling(out: &Path, suffix: &str) -> PathBuf {
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    out.with_file_name(format!(".{name}.samtal-{suffix}"))
}

/// Whether process `pid` is still running (so its temp folder is in use).
fn is_running(pid: u32) -> bool {
    pid == std::process::id() || (cfg!(target_os = "linux") && Path::new("/proc").join(pid.to_string()).exists())
}

/// Removes temp folders left by an earlier interrupted build of the same output: those named
/// `.<output>.samtal-new-<pid>` / `-old-<pid>` whose process is gone. A build killed at any
/// moment leaves one (perhaps before its marker was written, or half deleted). Returns those
/// that could not be removed (or are kept because they hold a `.git`), to be reported.
fn remove_stale_temps(out: &Path) -> Vec<PathBuf> {
    let mut left = Vec::new();
    let (Some(parent), Some(name)) = (out.parent(), out.file_name()) else { return left };
    let prefix = format!(".{}.samtal-", name.to_string_lossy());
    let Ok(entries) = fs::read_dir(parent) else { return left };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = file_name.strip_prefix(&prefix) else { continue };
        let pid = rest.strip_prefix("new-").or_else(|| rest.strip_prefix("old-")).and_then(|p| p.parse::<u32>().ok());
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if let Some(pid) = pid
            && is_dir
            && !is_running(pid)
        {
            // A swap stopped between its two renames left the previous build only here.
            if rest.starts_with("old-") && !out.exists() {
                swap::restore_interrupted_swap(out, &entry.path());
                continue;
            }
            // A build stopped while carrying `.git` over left it here: it goes back first.
            let git = entry.path().join(CARRIED);
            if git.exists() && !out.join(CARRIED).exists() && out.exists() {
                let _ = swap::rename(&git, &out.join(CARRIED));
            }
            if !remove_build(&entry.path()) {
                left.push(entry.path());
            }
        }
    }
    left
}

/// Removes a build that is done with: the one a swap put aside, or a dead build's temp
/// folder; never one holding a `.git` (the author's, kept when carrying it over failed).
/// A folder in it made read-only (by hand, or by a tool that copied the output) stops the
/// removal for anyone but root, and every build left one more copy of the site: its folders
/// get their owner's write permission back and the removal is tried again. Whether it is gone.
fn remove_build(dir: &Path) -> bool {
    if dir.join(CARRIED).exists() {
        return false;
    }
    if fs::remove_dir_all(dir).is_ok() {
        return true;
    }
    make_folders_writable(dir);
    fs::remove_dir_all(dir).is_ok() || !dir.exists()
}

/// Gives every folder under `dir` its owner's permission to change it (what removing its
/// files needs), folders first, so that each can be read after it is opened up.
#[cfg(unix)]
fn make_folders_writable(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    for entry in walkdir::WalkDir::new(dir).into_iter().filter_map(Result::ok) {
        if entry.file_type().is_dir()
            && let Ok(meta) = entry.metadata()
        {
            let mode = meta.permissions().mode() | 0o700;
            let _ = fs::set_permissions(entry.path(), fs::Permissions::from_mode(mode));
        }
    }
}

/// Windows refuses to delete read-only files (the attribute, not the folder's permissions).
#[cfg(not(unix))]
fn make_folders_writable(dir: &Path) {
    for entry in walkdir::WalkDir::new(dir).into_iter().filter_map(Result::ok) {
        if let Ok(meta) = entry.metadata() {
            let mut permissions = meta.permissions();
            #[allow(clippy::permissions_set_readonly_false)]
            permissions.set_readonly(false);
            let _ = fs::set_permissions(entry.path(), permissions);
        }
    }
}

/// Writes `files` as the new content of `output` (already checked by [`check_output`]).
pub fn write_site(out: &Path, files: &[OutputFile]) -> Result<(), WriteError> {
    let staging = Staging::create(out)?;
    files.par_iter().try_for_each(|f| staging.write(f))?;
    staging.commit().map(drop)
}

/// A fresh folder beside the output that a build writes into, file by file, while it
/// renders; [`Staging::commit`] swaps it in. Dropped without a commit, it removes itself
/// and the previous output is untouched.
pub struct Staging {
    dir: PathBuf,
    out: PathBuf,
    /// Folders already made, so each is created once however many files it holds.
    made: Mutex<HashSet<PathBuf>>,
    /// Temp folders of earlier interrupted builds that could not be removed.
    leftovers: Vec<PathBuf>,
    /// Every file written, for the marker: the next build knows what is samtal's.
    written: Mutex<Vec<String>>,
    committed: bool,
}

impl Staging {
    /// Clears temp folders of dead earlier builds, then makes this build's, marker first
    /// (a half-written staging folder is then recognisably ours).
    pub fn create(out: &Path) -> Result<Staging, WriteError> {
        let leftovers = remove_stale_temps(out);
        let parent = out.parent().unwrap_or(out);
        fs::create_dir_all(parent).map_err(io_err(parent))?;
        let dir = sibling(out, &format!("new-{}", std::process::id()));
        let staging = Staging {
            dir,
            out: out.to_path_buf(),
            made: Mutex::new(HashSet::new()),
            leftovers,
            written: Mutex::new(Vec::new()),
            committed: false,
        };
        // Made beside the output: when that fails, the folder that refused is the parent.
        fs::create_dir_all(&staging.dir).map_err(io_err(parent))?;
        fs::write(staging.dir.join(MARKER), MARKER_TEXT).map_err(io_err(&out.join(MARKER)))?;
        Ok(staging)
    }

    /// Temp folders of earlier interrupted builds that could not be removed (to report).
    pub fn leftovers(&self) -> &[PathBuf] {
        &self.leftovers
    }

    /// Writes one file; errors name it as it will be in the output, the path an author knows.
    pub fn write(&self, file: &OutputFile) -> Result<(), WriteError> {
        self.make_folder(&file.path)?;
        fs::write(self.dir.join(&file.path), &file.bytes).map_err(io_err(&self.out.join(&file.path)))
    }

    /// Writes a file as rendering hands it over: whole, or streamed through a buffer.
    pub fn write_output(&self, output: Output<'_>) -> Result<(), WriteError> {
        let streamed = match output {
            Output::Whole(file) => return self.write(&file),
            Output::Streamed(streamed) => streamed,
        };
        self.make_folder(&streamed.path)?;
        let shown = self.out.join(&streamed.path);
        let file = fs::File::create(self.dir.join(&streamed.path)).map_err(io_err(&shown))?;
        let mut out = io::BufWriter::with_capacity(1 << 20, file);
        (streamed.write)(&mut out).and_then(|()| io::Write::flush(&mut out)).map_err(io_err(&shown))
    }

    /// Checks a file's path and makes its folder in the staging folder, once per folder.
    fn make_folder(&self, path: &str) -> Result<(), WriteError> {
        check_file_name(path)?;
        self.written.lock().unwrap_or_else(|e| e.into_inner()).push(path.to_string());
        if let Some((folder, _)) = path.rsplit_once('/') {
            let folder = Path::new(folder);
            let made = || self.made.lock().unwrap_or_else(|e| e.into_inner());
            // A folder is listed once it exists, not when its making starts: a file written
            // into it meanwhile from another thread makes it too (`create_dir_all` allows that).
            if !made().contains(folder) {
                fs::create_dir_all(self.dir.join(folder)).map_err(io_err(&self.out.join(folder)))?;
                made().insert(folder.to_path_buf());
            }
        }
        Ok(())
    }

    /// Lists what was written in the marker, carries the output's `.git` over, and swaps the
    /// finished build in as the output. Gives the previous build's folder if it could not be
    /// removed (to report: it is not the author's to find by chance, one more each build).
    pub fn commit(mut self) -> Result<Option<PathBuf>, WriteError> {
        let mut written = std::mem::take(&mut *self.written.lock().unwrap_or_else(|e| e.into_inner()));
        written.sort();
        let marker = format!("{MARKER_TEXT}{WRITTEN_HEADER}{}\n", written.join("\n"));
        fs::write(self.dir.join(MARKER), marker).map_err(io_err(&self.out.join(MARKER)))?;
        let git = (self.out.join(CARRIED), self.dir.join(CARRIED));
        let carried = git.0.exists() && swap::rename(&git.0, &git.1).is_ok();
        self.committed = true;
        let result = swap_in(&self.dir, &self.out);
        if result.is_err() {
            if carried {
                let _ = swap::rename(&git.1, &git.0);
            }
            let _ = fs::remove_dir_all(&self.dir);
        }
        result
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// Puts the finished build in place: in one step where the system can swap folders, else in
/// the order of [`swap::swap_by_renames`], which never loses the previous build. Gives the
/// previous build's folder when it is left behind.
fn swap_in(staging: &Path, out: &Path) -> Result<Option<PathBuf>, WriteError> {
    if !out.exists() {
        return swap::rename(staging, out).map(|()| None).map_err(io_err(out));
    }
    // The staging folder then holds the previous build.
    if swap::exchange(staging, out).is_ok() {
        return Ok((!remove_build(staging)).then(|| staging.to_path_buf()));
    }
    let old = sibling(out, &format!("old-{}", std::process::id()));
    swap::swap_by_renames(staging, out, &old, swap::rename).map_err(io_err(out))?;
    // The backup is removed there; what that leaves is tried again as any finished build.
    Ok((old.exists() && !remove_build(&old)).then_some(old))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_written_at_once_into_a_new_folder_all_land() {
        // Guards: a file must never be written into a folder another thread has only begun
        // to make (the search index and the search page share `sok/`).
        for round in 0..20 {
            let root = tempfile::tempdir().unwrap();
            let staging = Staging::create(&root.path().join("public")).unwrap();
            let files: Vec<OutputFile> = (0..64)
                .map(|i| OutputFile { path: format!("f{}/g/{i}.html", i % 4), bytes: bytes::Bytes::from_static(b"x") })
                .collect();
            files.par_iter().try_for_each(|f| staging.write(f)).unwrap_or_else(|e| panic!("round {round}: {e}"));
        }
    }

    #[test]
    fn file_names_cannot_escape() {
        for bad in ["../x", "a/../../x", "/etc/passwd", "a\\b", "a/\0", "", "a//b", "a\nb"] {
            assert!(check_file_name(bad).is_err(), "{bad:?}");
        }
        assert!(check_file_name("moten/a/index.html").is_ok());
    }

    #[test]
    fn dangerous_output_folders_are_refused() {
        let site = tempfile::tempdir().unwrap();
        let root = site.path();
        fs::create_dir_all(root.join("content")).unwrap();
        for bad in [
            PathBuf::from("/"),
            root.to_path_buf(),
            root.join("content"),
            root.join("themes/default"),
            root.parent().unwrap().to_path_buf(),
        ] {
            assert!(matches!(check_output(&bad, root), Err(WriteError::UnsafeOutput { .. })), "{bad:?}");
        }
        fs::create_dir_all(root.join("notes")).unwrap();
        fs::write(root.join("notes/todo.txt"), "mine").unwrap();
        assert!(matches!(check_output(&root.join("notes"), root), Err(WriteError::NotABuild { .. })));
        assert!(check_output(&root.join("public"), root).is_ok());
    }

    #[test]
    fn write_replaces_a_previous_build_and_leaves_no_temp_folders() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let file = |p: &str, b: &str| OutputFile { path: p.into(), bytes: b.as_bytes().to_vec().into() };
        write_site(&out, &[file("index.html", "one"), file("old/index.html", "x")]).unwrap();
        write_site(&out, &[file("index.html", "two")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "two");
        assert!(!out.join("old").exists());
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["public"]);
    }
}
