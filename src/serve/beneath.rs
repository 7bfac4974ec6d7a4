//! The site folder as the editor API reaches it (`edit.rs`, `upload.rs`): below a handle of the
//! folder held open, one folder at a time, never following a symlink (cap-std and cap-fs-ext:
//! `openat` with `O_NOFOLLOW` on Unix, reparse points left unopened on Windows). What is checked
//! is what is opened: a folder swapped for a link to elsewhere between a check and a write is
//! refused (or the write lands in the folder that was checked), never followed out of the site.

use cap_fs_ext::{DirExt as _, FollowSymlinks, OpenOptionsFollowExt as _};
use cap_std::fs::{Dir, OpenOptions};
use std::io::{self, Read as _};

/// Why a path below the site could not be reached.
#[derive(Debug)]
pub enum Trouble {
    /// A part of it is a symlink.
    Symlink,
    /// A part of it does not exist.
    Missing,
    Io(io::Error),
}

/// What a name below the site is, by its own entry (a link is not followed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    File,
    Folder,
    Link,
    Other,
}

/// The site folder, held open.
#[derive(Debug)]
pub struct Site {
    root: Dir,
}

impl Site {
    /// Opens the site folder `root` (the one path ever opened by name).
    pub fn open(root: &std::path::Path) -> io::Result<Site> {
        Ok(Site { root: Dir::open_ambient_dir(root, cap_std::ambient_authority())? })
    }

    /// The folder of the `/`-separated relative path `rel` (`""` is the site), opened one part
    /// at a time without following a symlink; with `create`, missing folders are made.
    pub fn folder(&self, rel: &str, create: bool) -> Result<Dir, Trouble> {
        let mut dir = self.root.try_clone().map_err(Trouble::Io)?;
        for part in rel.split('/').filter(|p| !p.is_empty()) {
            dir = match dir.open_dir_nofollow(part) {
                Ok(next) => next,
                Err(e) if e.kind() == io::ErrorKind::NotFound && create => {
                    match dir.create_dir(part) {
                        Ok(()) => {}
                        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                        Err(e) => return Err(Trouble::Io(e)),
                    }
                    dir.open_dir_nofollow(part).map_err(|e| trouble(&dir, part, e))?
                }
                Err(e) => return Err(trouble(&dir, part, e)),
            };
        }
        Ok(dir)
    }

    /// What `rel` names (its last part's own entry), `None` if nothing; a symlink on the way
    /// counts as `Link`.
    pub fn entry(&self, rel: &str) -> Option<Entry> {
        let (folder, name) = split(rel);
        let dir = match self.folder(folder, false) {
            Ok(dir) => dir,
            Err(Trouble::Symlink) => return Some(Entry::Link),
            Err(_) => return None,
        };
        let kind = dir.symlink_metadata(name).ok()?.file_type();
        Some(if kind.is_symlink() {
            Entry::Link
        } else if kind.is_dir() {
            Entry::Folder
        } else if kind.is_file() {
            Entry::File
        } else {
            Entry::Other
        })
    }

    /// The first part of `rel` (from the site down) that is a symlink, if any exists.
    pub fn has_link(&self, rel: &str) -> bool {
        let mut dir = match self.root.try_clone() {
            Ok(dir) => dir,
            Err(_) => return false,
        };
        for part in rel.split('/').filter(|p| !p.is_empty()) {
            match dir.symlink_metadata(part) {
                Ok(meta) if meta.file_type().is_symlink() => return true,
                Ok(meta) if meta.is_dir() => match dir.open_dir_nofollow(part) {
                    Ok(next) => dir = next,
                    Err(e) => return matches!(trouble(&dir, part, e), Trouble::Symlink),
                },
                _ => return false,
            }
        }
        false
    }

    /// The bytes of the file `rel`, opened without following a link.
    pub fn read(&self, rel: &str) -> Result<Vec<u8>, Trouble> {
        let (folder, name) = split(rel);
        let dir = self.folder(folder, false)?;
        let mut file = dir
            .open_with(name, OpenOptions::new().read(true).follow(FollowSymlinks::No))
            .map_err(|e| trouble(&dir, name, e))?;
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).map_err(Trouble::Io)?;
        Ok(bytes)
    }

    /// Removes the file `rel` (a link on the way is refused; one at its end would be removed
    /// itself, never what it points to).
    pub fn remove(&self, rel: &str) -> Result<(), Trouble> {
        let (folder, name) = split(rel);
        let dir = self.folder(folder, false)?;
        dir.remove_file(name).map_err(|e| trouble(&dir, name, e))
    }

    /// The plain files below the folder `rel`, at most `depth` folders down, as paths relative
    /// to it (`2019/x.md`): not hidden, not through links; unsorted.
    pub fn files(&self, rel: &str, depth: usize) -> Vec<String> {
        let mut out = Vec::new();
        if let Ok(dir) = self.folder(rel, false) {
            collect(&dir, "", depth, &mut out);
        }
        out
    }
}

fn collect(dir: &Dir, prefix: &str, depth: usize, out: &mut Vec<String>) {
    let Ok(entries) = dir.entries() else { return };
    for entry in entries.flatten() {
        let Some(name) = entry.file_name().to_str().map(str::to_string) else { continue };
        if name.starts_with('.') {
            continue;
        }
        let Ok(kind) = entry.file_type() else { continue };
        let rel = if prefix.is_empty() { name.clone() } else { format!("{prefix}/{name}") };
        if kind.is_file() {
            out.push(rel);
        } else if kind.is_dir()
            && depth > 1
            && let Ok(inner) = dir.open_dir_nofollow(&name)
        {
            collect(&inner, &rel, depth - 1, out);
        }
    }
}

/// `rel`'s folder and last part.
pub fn split(rel: &str) -> (&str, &str) {
    rel.rsplit_once('/').unwrap_or(("", rel))
}

/// What an error opening `name` in `dir` means: a symlink there (whatever the system said:
/// `ELOOP`, `ENOTDIR`, Windows' reparse point), a missing part, or the disk's own error.
fn trouble(dir: &Dir, name: &str, error: io::Error) -> Trouble {
    match dir.symlink_metadata(name) {
        Ok(meta) if meta.file_type().is_symlink() => Trouble::Symlink,
        _ if error.kind() == io::ErrorKind::NotFound => Trouble::Missing,
        _ => Trouble::Io(error),
    }
}

/// A hidden file being written in a folder of the site, removed when dropped unless it was
/// renamed into place ([`Temporary::rename_to`]).
#[derive(Debug)]
pub struct Temporary {
    dir: Dir,
    name: String,
    file: Option<cap_std::fs::File>,
    kept: bool,
}

impl Temporary {
    /// Creates the new file `name` (which must not exist) in `dir`, never through a link.
    pub fn create(dir: Dir, name: String) -> io::Result<Temporary> {
        let options = OpenOptions::new().write(true).create_new(true).follow(FollowSymlinks::No).clone();
        let file = dir.open_with(&name, &options)?;
        Ok(Temporary { dir, name, file: Some(file), kept: false })
    }

    /// The open file, for writing.
    pub fn file(&mut self) -> &mut cap_std::fs::File {
        self.file.as_mut().expect("open until renamed")
    }

    /// Flushes the file to the disk and renames it to `name` in `to` (a folder of the same
    /// site, so the same file system), replacing a file of that name.
    pub fn rename_to(mut self, to: &Dir, name: &str) -> io::Result<()> {
        if let Some(file) = self.file.take() {
            file.sync_all()?;
        }
        self.dir.rename(&self.name, to, name)?;
        self.kept = true;
        Ok(())
    }
}

impl Drop for Temporary {
    fn drop(&mut self) {
        self.file = None;
        if !self.kept {
            let _ = self.dir.remove_file(&self.name);
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_link_anywhere_on_the_way_is_never_followed() {
        let outside = tempfile::tempdir().unwrap();
        let site_dir = tempfile::tempdir().unwrap();
        let root = site_dir.path();
        std::fs::create_dir_all(root.join("content/meetings")).unwrap();
        std::os::unix::fs::symlink(outside.path(), root.join("content/meetings/2019")).unwrap();
        std::fs::write(outside.path().join("x.md"), "ute").unwrap();
        std::os::unix::fs::symlink(outside.path().join("x.md"), root.join("content/meetings/y.md")).unwrap();
        let site = Site::open(root).unwrap();
        assert!(matches!(site.folder("content/meetings/2019", true), Err(Trouble::Symlink)));
        assert!(matches!(site.read("content/meetings/2019/x.md"), Err(Trouble::Symlink)));
        assert!(matches!(site.read("content/meetings/y.md"), Err(Trouble::Symlink)));
        assert!(matches!(site.remove("content/meetings/2019/x.md"), Err(Trouble::Symlink)));
        assert_eq!(site.entry("content/meetings/2019/x.md"), Some(Entry::Link));
        assert!(site.has_link("content/meetings/2019/x.md") && site.has_link("content/meetings/y.md"));
        assert!(!site.has_link("content/meetings/z.md"));
        assert!(site.files("content/meetings", 3).is_empty());
        assert_eq!(std::fs::read_to_string(outside.path().join("x.md")).unwrap(), "ute");
    }
}
