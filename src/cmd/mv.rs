//! `samtal mv OLD NEW`: renames or moves a meeting or page (a file, or a bundle folder) and
//! writes its old address under `aliases:`, so links to it keep working. The library plans
//! the change (`samtal::rename`); this module reads the site and moves the files, never over
//! an existing one.

use super::words;
use samtal::i18n::Lang;
use samtal::load::ContentSources;
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
    match &moved.bundle {
        None => move_file(&root, &moved, &plan.text)?,
        Some((from, to)) => move_bundle(from, to, &moved.to_md, &root, (plan.text != text).then_some(&plan.text))?,
    }
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

/// Writes the file under its new name, then removes the old one (the new one again if that
/// fails): at every moment the meeting exists at least once.
fn move_file(root: &Path, moved: &Move, text: &str) -> Result<(), MvError> {
    let target = root.join(&moved.to_md);
    let io = |path: &str| {
        let path = path.to_string();
        move |source| MvError::Io { path, source }
    };
    super::new::create_new_files(root, [(Path::new(&moved.to_md), text.as_bytes())]).map_err(|e| match e {
        super::new::NewFileError::Exists(_) => MvError::Exists { path: moved.to_md.clone() },
        super::new::NewFileError::Io(_, source) => MvError::Io { path: moved.to_md.clone(), source },
    })?;
    if let Err(e) = std::fs::remove_file(root.join(&moved.from_md)) {
        let _ = std::fs::remove_file(&target);
        return Err(io(&moved.from_md)(e));
    }
    Ok(())
}

/// Renames the bundle folder, then replaces its `index.md` with `text` (if it changed)
/// through a temporary file; if that fails, the folder is renamed back.
fn move_bundle(from: &Path, to: &Path, to_md: &str, root: &Path, text: Option<&String>) -> Result<(), MvError> {
    let shown = |p: &Path| samtal::write::shown(p.strip_prefix(root).unwrap_or(p));
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent).map_err(|source| MvError::Io { path: shown(parent), source })?;
    }
    std::fs::rename(from, to).map_err(|source| MvError::Io { path: shown(from), source })?;
    let Some(text) = text else { return Ok(()) };
    let index = to.join(BUNDLE_INDEX);
    let temporary = to.join(".index.md.samtal-mv");
    let written = std::fs::write(&temporary, text).and_then(|()| std::fs::rename(&temporary, &index));
    if let Err(source) = written {
        let _ = std::fs::remove_file(&temporary);
        let _ = std::fs::rename(to, from);
        return Err(MvError::Io { path: to_md.to_string(), source });
    }
    Ok(())
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
