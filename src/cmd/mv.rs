//! `samtal mv OLD NEW`: renames or moves a meeting or page (a file, or a bundle folder) and
//! writes its old address under `aliases:`, so links to it keep working. The library plans
//! the change (`samtal::rename`); this module reads the site and moves the files, never over
//! an existing one.

use super::words;
use samtal::i18n::Lang;
use samtal::load::ContentSources;
use samtal::model::layout;
use samtal::rename::{self, MoveProblem, Plan, Taken};
use std::path::{Path, PathBuf};

/// The name of a bundle's Markdown file.
const BUNDLE_INDEX: &str = "index.md";

/// Why `samtal mv` did not move anything (or, for `Io`, what failed).
#[derive(Debug, thiserror::Error)]
pub enum MvError {
    #[error(transparent)]
    Plan(#[from] MoveProblem),
    #[error("{path} does not exist")]
    NotFound { path: String },
    #[error("{path} already exists")]
    Exists { path: String },
    #[error("index.md belongs to the folder {folder}, which moves whole")]
    BundleIndex { folder: String },
    #[error("could not move {path}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

impl MvError {
    fn exit_code(&self) -> u8 {
        match self {
            MvError::Plan(p) if !p.is_usage() => 1,
            MvError::Io { .. } => 1,
            _ => 2,
        }
    }
}

/// What is moved: a Markdown file, or a bundle folder with its `index.md`.
struct Move {
    /// Site-relative paths of the Markdown file before and after.
    from_md: String,
    to_md: String,
    /// The folders moved, for a bundle.
    bundle: Option<(PathBuf, PathBuf)>,
}

pub fn run_mv(root: &Path, old: &Path, new: &Path) -> Result<(), u8> {
    // Read once: for the site's language, and for what the other files claim.
    let content = samtal::load::read_content(root).ok();
    let lang = content.as_ref().map_or(Lang::Sv, super::site_language);
    let result = plan_and_move(root, old, new, content.as_ref());
    match result {
        Ok((moved, plan)) => {
            errln!("{}", words::moved(lang, &moved.from_md, &moved.to_md));
            if plan.address_changes() {
                errln!("{}", words::old_address_kept(lang, &plan.old_url, &plan.new_url));
            } else {
                errln!("{}", words::address_unchanged(lang, &plan.new_url));
            }
            Ok(())
        }
        Err(e) => {
            errln!("{}: {}", words::error_label(lang), words::mv_error(&e, lang));
            if let Some(hint) = words::mv_hint(&e, lang) {
                errln!("{}: {hint}", words::hint_label(lang));
            }
            Err(e.exit_code())
        }
    }
}

fn plan_and_move(
    root: &Path,
    old: &Path,
    new: &Path,
    content: Option<&ContentSources>,
) -> Result<(Move, Plan), MvError> {
    let root = dunce::canonicalize(root).map_err(|_| MvError::NotFound { path: samtal::write::shown(root) })?;
    let moved = what_moves(&root, old, new)?;
    let text = std::fs::read_to_string(root.join(&moved.from_md))
        .map_err(|source| MvError::Io { path: moved.from_md.clone(), source })?;
    let taken = content.map(|c| claimed_by_other_files(c, &moved.from_md)).unwrap_or_default();
    let plan = rename::plan(&moved.from_md, &moved.to_md, &text, &taken)?;
    carry_out(&root, &moved, &text, &plan.text)?;
    Ok((moved, plan))
}

/// OLD and NEW as the command line gave them (relative to the current folder, or else to the
/// site folder), as site-relative paths of the Markdown file that moves.
fn what_moves(root: &Path, old: &Path, new: &Path) -> Result<Move, MvError> {
    let shown = |p: &Path| samtal::write::shown(p);
    let old_abs = [old.to_path_buf(), root.join(old)]
        .into_iter()
        .find(|p| p.exists())
        .and_then(|p| dunce::canonicalize(p).ok())
        .ok_or_else(|| MvError::NotFound { path: shown(old) })?;
    let base =
        if old.is_relative() && old.exists() { std::env::current_dir().unwrap_or_default() } else { root.into() };
    let new_abs = absolute_in(&base.join(new));
    let relative = |p: &Path| -> Result<String, MvError> {
        let inside = p.strip_prefix(root).map_err(|_| MoveProblem::NotContent { path: shown(p) })?;
        Ok(inside.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/"))
    };
    let into_folder = new_abs.is_dir() || new.to_string_lossy().ends_with(['/', '\\']);
    // A bundle's index.md moves with its folder: its files and relative links go with it.
    let old_rel = relative(&old_abs)?;
    if let Some(folder) = samtal::model::layout::bundle_folder(&old_rel) {
        let new_md = relative(&new_abs)?;
        let Some(new_folder) = new_md.strip_suffix(&format!("/{BUNDLE_INDEX}")) else {
            return Err(MvError::BundleIndex { folder: folder.to_string() });
        };
        return what_moves(root, &root.join(folder), &root.join(new_folder));
    }
    if old_abs.is_dir() {
        if !old_abs.join(BUNDLE_INDEX).is_file() {
            return Err(MoveProblem::NotContent { path: old_rel }.into());
        }
        let new_dir = if into_folder { new_abs.join(old_abs.file_name().unwrap_or_default()) } else { new_abs };
        if new_dir.exists() {
            return Err(MvError::Exists { path: relative(&new_dir)? });
        }
        return Ok(Move {
            from_md: format!("{}/{BUNDLE_INDEX}", relative(&old_abs)?),
            to_md: format!("{}/{BUNDLE_INDEX}", relative(&new_dir)?),
            bundle: Some((old_abs, new_dir)),
        });
    }
    let new_file = if into_folder { new_abs.join(old_abs.file_name().unwrap_or_default()) } else { new_abs };
    if new_file.exists() {
        return Err(MvError::Exists { path: relative(&new_file)? });
    }
    Ok(Move { from_md: old_rel, to_md: relative(&new_file)?, bundle: None })
}

/// `path` with `.` and `..` resolved (by its text: NEW need not exist yet) and its existing
/// part canonical, so it can be compared with the canonical site folder.
fn absolute_in(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut lexical = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                lexical.pop();
            }
            other => lexical.push(other),
        }
    }
    let mut missing = Vec::new();
    let mut existing = lexical;
    while !existing.exists() {
        match (existing.file_name().map(ToOwned::to_owned), existing.parent().map(Path::to_path_buf)) {
            (Some(name), Some(parent)) => {
                missing.push(name);
                existing = parent;
            }
            _ => break,
        }
    }
    let mut out = dunce::canonicalize(&existing).unwrap_or(existing);
    out.extend(missing.iter().rev());
    out
}

/// What the other content files claim: their pages, former addresses and rounds.
fn claimed_by_other_files(content: &ContentSources, moving: &str) -> Taken {
    let mut taken = Taken::default();
    for file in content.meetings.iter().chain(&content.pages) {
        let (Some(source), _) = content.reader.read(file) else { continue };
        if source.path == moving {
            continue;
        }
        if let Some(claims) = rename::claims(&source.path, &source.text) {
            taken.add(&source.path, claims);
        }
    }
    taken
}

/// Carries out a move in steps, each of which may be cut short (a kill, a power cut) with
/// the site whole: every file is its old or its new text, never part of one, and the meeting is
/// at one address. Run again, `samtal mv` goes on from where it stopped; `check` says what
/// was left.
///
/// 1. `folder`: NEW's folder is made if it is missing (an empty folder changes nothing).
/// 2. `temporary` (only if the text changes): the new text is written to a hidden file beside
///    the Markdown file ([`layout::move_temporary`]) and flushed to the disk. Nothing reads it;
///    `check` reports one left behind, and the next `samtal mv` writes over it.
/// 3. `alias`: that file is renamed over the Markdown file, in one step: the file, still at
///    its old place and address, now lists that address under `aliases:`, which `check`
///    reports as a move to finish (the build leaves such an alias out).
/// 4. `rename`: the file (or the bundle folder) is renamed to its new name in one step, never
///    over an existing one. If that fails, the old text is put back.
///
/// The old file is never removed before the new one exists, because the one file is renamed.
/// Each step is announced for tests through [`pause_at`].
fn carry_out(root: &Path, moved: &Move, original: &str, text: &str) -> Result<(), MvError> {
    let shown = |p: &Path| samtal::write::shown(p.strip_prefix(root).unwrap_or(p));
    let io = |p: &Path| {
        let path = shown(p);
        move |source| MvError::Io { path, source }
    };
    let (from, to) = match &moved.bundle {
        Some((from, to)) => (from.clone(), to.clone()),
        None => (root.join(&moved.from_md), root.join(&moved.to_md)),
    };
    let markdown = root.join(&moved.from_md);

    pause_at("folder");
    let to_folder = to.parent().unwrap_or(root);
    if !to_folder.is_dir() {
        std::fs::create_dir_all(to_folder).map_err(io(to_folder))?;
        sync_folder(to_folder.parent().unwrap_or(root)).map_err(io(to_folder))?;
    }

    let changed = text != original;
    if changed {
        pause_at("temporary");
        let temporary = write_temporary(&markdown, text).map_err(io(&markdown))?;
        pause_at("alias");
        replace(&temporary, &markdown).map_err(io(&markdown))?;
    }

    pause_at("rename");
    let renamed = rename_no_replace(&from, &to).and_then(|()| {
        sync_folder(to_folder)?;
        sync_folder(from.parent().unwrap_or(root))
    });
    if let Err(source) = renamed {
        if changed && from.exists() {
            // Put the old text back the same way; should that fail too, the file holds its
            // new text at its old place, which `samtal mv` again finishes.
            let _ = write_temporary(&markdown, original).and_then(|t| replace(&t, &markdown));
        }
        return Err(match source.kind() {
            std::io::ErrorKind::AlreadyExists => MvError::Exists { path: shown(&to) },
            _ => MvError::Io { path: shown(&from), source },
        });
    }
    Ok(())
}

/// The test hook of [`carry_out`]'s steps (tests/mv.rs): with `SAMTAL_PAUSE_AT` set, each step
/// is announced on stderr (`samtal-step: <name>`) before it runs, and at the step it names
/// samtal waits for a line on stdin, so a test can kill it exactly there. Unset (as authors
/// run it), nothing is said or awaited.
fn pause_at(step: &str) {
    let Some(at) = std::env::var_os("SAMTAL_PAUSE_AT") else { return };
    errln!("samtal-step: {step}");
    if at == step {
        let _ = std::io::stdin().read_line(&mut String::new());
    }
}

/// Writes `text` to the hidden temporary file beside `file` and flushes it to the disk.
fn write_temporary(file: &Path, text: &str) -> std::io::Result<PathBuf> {
    use std::io::Write as _;
    let name = file.file_name().unwrap_or_default().to_string_lossy();
    let temporary = file.with_file_name(layout::move_temporary(&name));
    let written = std::fs::File::create(&temporary).and_then(|mut out| {
        out.write_all(text.as_bytes())?;
        out.sync_all()
    });
    match written {
        Ok(()) => Ok(temporary),
        Err(e) => {
            let _ = std::fs::remove_file(&temporary);
            Err(e)
        }
    }
}

/// Renames `temporary` over `file` (one step on every system) and flushes their folder.
fn replace(temporary: &Path, file: &Path) -> std::io::Result<()> {
    if let Err(e) = samtal::write::rename(temporary, file) {
        let _ = std::fs::remove_file(temporary);
        return Err(e);
    }
    sync_folder(file.parent().unwrap_or(Path::new(".")))
}

/// Flushes a folder's entries (a rename, a new file) to the disk. Windows has no such call
/// (NTFS journals its folders), so there it does nothing.
fn sync_folder(folder: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    std::fs::File::open(folder)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = folder;
    Ok(())
}

/// Renames `from` to `to` in one step, failing with `AlreadyExists` if `to` exists: Linux's
/// `renameat2(RENAME_NOREPLACE)`, macOS' `renamex_np(RENAME_EXCL)`; elsewhere (Windows), and
/// on file systems without them, `to` is looked at first and then renamed to (retried while
/// Windows reports the folder briefly locked).
fn rename_no_replace(from: &Path, to: &Path) -> std::io::Result<()> {
    match rename_excl(from, to) {
        Err(e) if e.kind() == std::io::ErrorKind::Unsupported => {}
        result => return result,
    }
    if std::fs::symlink_metadata(to).is_ok() {
        return Err(std::io::ErrorKind::AlreadyExists.into());
    }
    samtal::write::rename(from, to)
}

/// The system's answer to a rename that must not replace, with "this file system cannot"
/// (`EINVAL`, `ENOSYS`, `ENOTSUP`) as `Unsupported`.
#[cfg(any(target_os = "linux", target_os = "macos"))]
fn excl_result(result: i32) -> std::io::Result<()> {
    if result == 0 {
        return Ok(());
    }
    let error = std::io::Error::last_os_error();
    match error.raw_os_error() {
        Some(libc::EINVAL | libc::ENOSYS | libc::ENOTSUP) => Err(std::io::ErrorKind::Unsupported.into()),
        _ => Err(error),
    }
}

#[cfg(target_os = "linux")]
fn rename_excl(from: &Path, to: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let from = CString::new(from.as_os_str().as_bytes())?;
    let to = CString::new(to.as_os_str().as_bytes())?;
    // SAFETY: both arguments are valid NUL-terminated paths that outlive the call.
    let result =
        unsafe { libc::renameat2(libc::AT_FDCWD, from.as_ptr(), libc::AT_FDCWD, to.as_ptr(), libc::RENAME_NOREPLACE) };
    excl_result(result)
}

#[cfg(target_os = "macos")]
fn rename_excl(from: &Path, to: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let from = CString::new(from.as_os_str().as_bytes())?;
    let to = CString::new(to.as_os_str().as_bytes())?;
    // SAFETY: both arguments are valid NUL-terminated paths that outlive the call.
    let result = unsafe { libc::renamex_np(from.as_ptr(), to.as_ptr(), libc::RENAME_EXCL) };
    excl_result(result)
}

#[cfg(not(any(target_os = "linux", target_os = "macos")))]
fn rename_excl(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use samtal::model::layout::MEETINGS_DIR;

    #[test]
    fn a_new_path_that_does_not_exist_yet_is_resolved_by_its_text() {
        let dir = tempfile::tempdir().unwrap();
        let root = dunce::canonicalize(dir.path()).unwrap();
        std::fs::create_dir_all(root.join(MEETINGS_DIR)).unwrap();
        let new = absolute_in(&root.join(MEETINGS_DIR).join("2019/../2020/./ny.md"));
        assert_eq!(new, root.join(MEETINGS_DIR).join("2020").join("ny.md"));
        let outside = absolute_in(&root.join(MEETINGS_DIR).join("../../../ny.md"));
        assert!(!outside.starts_with(&root), "{outside:?}");
    }
}
