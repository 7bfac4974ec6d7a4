//! The site folder's layout: the files samtal reads, and a file as it was read. Shared by
//! loading (which reads them), validation and rendering (which name them in messages).

pub const SITE_FILE: &str = "site.yaml";
pub const REGIONS_FILE: &str = "content/regions.yaml";
pub const TOPICS_FILE: &str = "content/themes.yaml";
pub const MEETINGS_DIR: &str = "content/meetings";
pub const PAGES_DIR: &str = "content/pages";
pub const COUNTY_SHAPES_FILE: &str = "content/counties.geojson";

/// How `samtal mv` names the file it writes a moved file's new text into, beside it, before
/// renaming it over the file (`.2018-skane.md.samtal-mv`): hidden, so nothing reads or
/// publishes it; one left by an interrupted move is reported (`load`) and written over by the
/// next `samtal mv` of that file.
pub fn move_temporary(file_name: &str) -> String {
    format!(".{file_name}{MOVE_TEMPORARY_SUFFIX}")
}

/// Whether `file_name` is one of [`move_temporary`]'s names.
pub fn is_move_temporary(file_name: &str) -> bool {
    file_name.starts_with('.') && file_name.ends_with(MOVE_TEMPORARY_SUFFIX)
}

const MOVE_TEMPORARY_SUFFIX: &str = ".samtal-mv";

/// The name a content file's slug comes from when it has no `slug:`, and that slug: the file's
/// name without `.md`, or for a bundle (`content/meetings/<slug>/index.md`, the meeting's files
/// beside it) its folder's name. `path` is relative to the site root, with `/` separators.
pub fn slug_source(path: &str) -> (&str, &str) {
    let mut parts = path.rsplit('/');
    let file = parts.next().unwrap_or_default();
    match (file, parts.next()) {
        ("index.md", Some(folder)) if !matches!(folder, "meetings" | "pages") => (folder, folder),
        _ => (file, file.strip_suffix(".md").unwrap_or(file)),
    }
}

/// The bundle folder of a meeting file (`content/meetings/2019/2019-skane` for
/// `content/meetings/2019/2019-skane/index.md`): a meeting written as `<slug>/index.md`,
/// whose other files lie beside it and are published at its address. `None` for any other file.
pub fn bundle_folder(path: &str) -> Option<&str> {
    let folder = path.strip_suffix("/index.md")?;
    let inside = folder.strip_prefix(MEETINGS_DIR)?.strip_prefix('/')?;
    (!inside.is_empty()).then_some(folder)
}

/// A file beside a bundle's `index.md` (or in a folder inside the bundle): published at the
/// meeting's address, `/moten/<slug>/<inner>`, as Hugo publishes a page bundle's files, and
/// usable by `attachments:` and by links and images in the meeting's text.
#[derive(Debug, Clone)]
pub struct BundleFile {
    /// The bundle's `index.md`, relative to the site root (`/` separators): the meeting.
    pub index: String,
    /// Its path inside the bundle folder (`protokoll.pdf`, `bilder/karta.png`).
    pub inner: String,
    /// The file, relative to the site root (`/` separators).
    pub source: String,
    pub bytes: Vec<u8>,
}

/// A text file of the site, with its path relative to the site root (`/` separators).
#[derive(Debug, Clone)]
pub struct Source {
    pub path: String,
    pub text: String,
}

/// A file copied as it is into the output: a static file of the visual theme or the site,
/// or a meeting's bundle file ([`BundleFile`], with its `source` under `content/meetings/`).
#[derive(Debug, Clone)]
pub struct StaticFile {
    /// Path inside the output folder.
    pub path: String,
    /// The file it is copied from, relative to the site root (`/` separators).
    pub source: String,
    pub bytes: Vec<u8>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slug_comes_from_the_file_name_or_a_bundle_folder() {
        assert_eq!(slug_source("content/meetings/2018-skane.md"), ("2018-skane.md", "2018-skane"));
        assert_eq!(slug_source("content/meetings/2019/2019-skane.md"), ("2019-skane.md", "2019-skane"));
        assert_eq!(slug_source("content/meetings/2019-skane/index.md"), ("2019-skane", "2019-skane"));
        assert_eq!(slug_source("content/meetings/2019/2019-skane/index.md"), ("2019-skane", "2019-skane"));
        // A file called index.md directly in the folder is a meeting called "index".
        assert_eq!(slug_source("content/meetings/index.md"), ("index.md", "index"));
    }

    #[test]
    fn a_bundle_is_a_folder_with_an_index_md_among_the_meetings() {
        assert_eq!(bundle_folder("content/meetings/2019-skane/index.md"), Some("content/meetings/2019-skane"));
        assert_eq!(
            bundle_folder("content/meetings/2019/2019-skane/index.md"),
            Some("content/meetings/2019/2019-skane")
        );
        assert_eq!(bundle_folder("content/meetings/index.md"), None);
        assert_eq!(bundle_folder("content/meetings/2019-skane.md"), None);
        assert_eq!(bundle_folder("content/pages/om/index.md"), None);
    }
}
