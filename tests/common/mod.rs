//! Shared helpers for integration tests: fixture sites in temp folders.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A temp copy of `tests/sites/<name>` with the repository's default visual theme.
pub fn fixture_site(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("tests/sites").join(name), dir.path());
    let _ = fs::remove_dir_all(dir.path().join("expected"));
    copy_dir(&repo().join("themes/default"), &dir.path().join("themes/default"));
    dir
}

/// Every file under `dir`, as sorted (relative path, bytes).
pub fn read_tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned(), fs::read(e.path()).unwrap()))
        .collect();
    out.sort();
    out
}

/// The `<main>…</main>` element of a page: the rest of the page is the same everywhere.
pub fn main_element(html: &str) -> String {
    let start = html.find("<main").expect("page has <main>");
    let end = html.rfind("</main>").expect("page closes </main>") + "</main>".len();
    html[start..end].to_string()
}
