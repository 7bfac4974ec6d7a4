//! The site folder's layout: the files samtal reads, and a file as it was read. Shared by
//! loading (which reads them), validation and rendering (which name them in messages).

pub const SITE_FILE: &str = "site.yaml";
pub const REGIONS_FILE: &str = "content/regions.yaml";
pub const TOPICS_FILE: &str = "content/themes.yaml";
pub const MEETINGS_DIR: &str = "content/meetings";
pub const PAGES_DIR: &str = "content/pages";
pub const COUNTY_SHAPES_FILE: &str = "content/counties.geojson";

/// A text file of the site, with its path relative to the site root (`/` separators).
#[derive(Debug, Clone)]
pub struct Source {
    pub path: String,
    pub text: String,
}

/// A file copied as it is into the output.
#[derive(Debug, Clone)]
pub struct StaticFile {
    /// Path inside the output folder.
    pub path: String,
    /// The file it is copied from, relative to the site root (`/` separators).
    pub source: String,
    pub bytes: Vec<u8>,
}
