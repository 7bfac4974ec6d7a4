//! `samtal new meeting` and `samtal new site`: the scaffold makes the files' text, this
//! module writes them, never replacing a file that exists.

use super::{report, words};
use crate::cli::NewCommand;
use samtal::i18n::Lang;
use std::path::{Path, PathBuf};

/// `samtal new meeting` / `samtal new site`: the scaffold module writes the text, this
/// function writes the files, never replacing one that exists.
pub fn run_new(root: &std::path::Path, new: NewCommand) -> Result<(), u8> {
    use super::scaffold::{self, ScaffoldError};
    use std::path::Path;
    let fail = |e: ScaffoldError, lang: Lang| -> u8 {
        errln!("{}: {}", words::error_label(lang), e.message(lang));
        if let Some(hint) = e.hint(lang) {
            errln!("{}: {hint}", words::hint_label(lang));
        }
        if e.is_usage() { 2 } else { 1 }
    };
    match new {
        NewCommand::Meeting { region, date, title } => {
            let content = samtal::load::read_content(root).map_err(|e| {
                report::print_error(&e.message(Lang::Sv), std::error::Error::source(&e), Lang::Sv);
                1u8
            })?;
            // Only the language and the registry matter here; `check` reports the rest.
            let lang = super::site_language(&content);
            let mut ignored = Vec::new();
            let registry = content.regions.as_ref().map(|r| samtal::validate::registry(Some(r), &mut ignored));
            let request = scaffold::MeetingRequest { region, date, title };
            let registry_path = Path::new(samtal::model::layout::REGIONS_FILE);
            let file = scaffold::meeting(&request, registry.as_ref(), registry_path, crate::today())
                .map_err(|e| fail(e, lang))?;
            let written = display_in(root, &file.path);
            create_files(root, std::slice::from_ref(&file)).map_err(|e| fail(e, lang))?;
            errln!("{}", words::wrote_meeting(lang, &written));
            if request.region.is_none() {
                errln!("{}", words::no_region_given(lang));
            }
            Ok(())
        }
        NewCommand::Site { dir } => {
            let not_empty = match std::fs::read_dir(&dir) {
                Ok(mut entries) => entries.next().is_some(),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
                Err(_) => dir.exists(),
            };
            if not_empty {
                return Err(fail(ScaffoldError::DirNotEmpty { path: dir }, Lang::Sv));
            }
            let files = scaffold::site();
            create_files(&dir, &files).map_err(|e| fail(e, Lang::Sv))?;
            errln!("{}", words::created_site(&samtal::write::shown(&dir), files.len()));
            Ok(())
        }
    }
}

/// `path` inside `root`, as an author would type it, with `/` between folders on every system.
fn display_in(root: &std::path::Path, path: &std::path::Path) -> String {
    let shown = samtal::write::shown(path);
    if root == std::path::Path::new(".") {
        shown
    } else {
        format!("{}/{shown}", samtal::write::shown(root).trim_end_matches('/'))
    }
}

/// Creates the scaffolded files through the writer, which never replaces a file.
fn create_files(
    root: &std::path::Path,
    files: &[super::scaffold::NewFile],
) -> Result<(), super::scaffold::ScaffoldError> {
    use super::scaffold::ScaffoldError;
    let shown = |rel: &std::path::Path| std::path::PathBuf::from(display_in(root, rel));
    create_new_files(root, files.iter().map(|f| (f.path.as_path(), f.bytes.as_slice()))).map_err(|e| match e {
        NewFileError::Exists(rel) => ScaffoldError::Exists { path: shown(&rel) },
        NewFileError::Io(rel, source) => ScaffoldError::Io { path: shown(&rel), source },
    })
}

/// Why a new file could not be created.
#[derive(Debug, thiserror::Error)]
pub enum NewFileError {
    #[error("{0} already exists")]
    Exists(PathBuf),
    #[error("could not write {0}")]
    Io(PathBuf, #[source] std::io::Error),
}

/// Creates each file (path relative to `root`) with its folders, never replacing one that
/// exists: `samtal new` must not destroy an author's work.
pub fn create_new_files<'a>(
    root: &Path,
    files: impl IntoIterator<Item = (&'a Path, &'a [u8])>,
) -> Result<(), NewFileError> {
    use std::io::Write as _;
    for (rel, bytes) in files {
        let path = root.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| NewFileError::Io(rel.to_path_buf(), e))?;
        }
        let mut out = match std::fs::OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(out) => out,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                return Err(NewFileError::Exists(rel.to_path_buf()));
            }
            Err(e) => return Err(NewFileError::Io(rel.to_path_buf(), e)),
        };
        out.write_all(bytes).map_err(|e| NewFileError::Io(rel.to_path_buf(), e))?;
    }
    Ok(())
}
