//! Shared helpers for integration tests: fixture sites in temp folders, the fixed clock,
//! options for the library and the binary with the clock fixed.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

/// The day every test calls today (`SAMTAL_TODAY` for the binary, `Options::today` for the library).
pub const TODAY: &str = "2026-11-27";

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

/// Copies the repository's default visual theme into the site at `root`.
pub fn copy_default_theme(root: &Path) {
    copy_dir(&repo().join("themes/default"), &root.join("themes/default"));
}

/// Writes `bytes` to `root/rel`, making its folders.
pub fn write_bytes(root: &Path, rel: &str, bytes: &[u8]) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, bytes).unwrap();
}

/// Writes `text` to `root/rel`, making its folders.
pub fn write(root: &Path, rel: &str, text: &str) {
    write_bytes(root, rel, text.as_bytes());
}

/// Stockholm's entry in `content/regions.yaml` (under `counties:`).
pub const STOCKHOLM_COUNTY: &str = "  - slug: stockholm
    name: Stockholm
    official_name: Stockholms län
    county_code: \"01\"
    iso_3166_2: SE-AB
    actor_2018: Länsstyrelsen i Stockholms län
    region_2019: Region Stockholm
";

/// Uppsala's entry in `content/regions.yaml` (under `counties:`).
pub const UPPSALA_COUNTY: &str = "  - slug: uppsala
    name: Uppsala
    official_name: Uppsala län
    county_code: \"03\"
    iso_3166_2: SE-C
    actor_2018: Region Uppsala
    region_2019: Region Uppsala
";

/// A site in a temp folder, written file by file. A test file adds its own constructor
/// (`impl Site { fn new() -> Site … }`) with the files its tests start from.
pub struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    /// A temp folder holding only the repository's default visual theme.
    pub fn with_default_theme() -> Site {
        let site = Site { dir: tempfile::tempdir().unwrap() };
        copy_default_theme(site.path());
        site
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, text: &str) -> &Site {
        write(self.path(), rel, text);
        self
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) -> &Site {
        write_bytes(self.path(), rel, bytes);
        self
    }

    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path().join(rel)).unwrap()
    }
}

/// The `samtal` binary of this build.
pub const BIN: &str = env!("CARGO_BIN_EXE_samtal");

/// The `samtal` binary with the clock fixed at [`TODAY`] and no standard input.
pub fn samtal() -> std::process::Command {
    let mut cmd = std::process::Command::new(BIN);
    cmd.env("SAMTAL_TODAY", TODAY).stdin(std::process::Stdio::null());
    cmd
}

/// A temp copy of `tests/sites/<name>` with the repository's default visual theme.
pub fn fixture_site(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("tests/sites").join(name), dir.path());
    let _ = fs::remove_dir_all(dir.path().join("expected"));
    copy_default_theme(dir.path());
    dir
}

/// Library options for the site at `root`: default output, no base URL, no drafts, not
/// strict, and today is [`TODAY`]. Tests change a field with `Options { x, ..options(root) }`.
pub fn options(root: &Path) -> samtal::Options {
    samtal::Options {
        root: root.to_path_buf(),
        output: None,
        base_url: None,
        drafts: false,
        strict: false,
        today: samtal::model::PartialDate::parse(TODAY).unwrap(),
    }
}

/// Every file under `dir`, as sorted (relative path, bytes); a symlink is not followed but
/// read as its target's path.
pub fn read_tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| !e.file_type().is_dir())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned();
            let bytes = if e.file_type().is_symlink() {
                fs::read_link(e.path()).unwrap().to_string_lossy().into_owned().into_bytes()
            } else {
                fs::read(e.path()).unwrap()
            };
            (rel, bytes)
        })
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

/// Whether a diagnostic is one of the example site's two known placeholders: site.yaml's
/// accessibility feedback address on the reserved domain example.org, and its response time
/// "uppgift saknas" (the agency's real ones are not known). `check` and `build` warn about
/// both, as they must; tests that publish the example site strictly allow exactly these two.
pub fn is_example_placeholder(d: &samtal::diagnostic::Diagnostic) -> bool {
    use samtal::diagnostic::Problem;
    d.file == "site.yaml"
        && !d.is_error()
        && match &d.problem {
            Problem::AccessibilityFeedbackExampleAddress { value, .. } => value == "tillganglighet@example.org",
            Problem::AccessibilityResponseTimeUnknown { value } => value == "uppgift saknas",
            _ => false,
        }
}

/// Asserts that `warnings` are exactly the example site's two placeholders
/// ([`is_example_placeholder`]), one each: "no warnings but these".
pub fn assert_only_example_placeholders(warnings: &[samtal::diagnostic::Diagnostic]) {
    let others: Vec<String> = warnings
        .iter()
        .filter(|d| !is_example_placeholder(d))
        .map(|d| d.problem.message(samtal::i18n::Lang::Sv))
        .collect();
    assert!(others.is_empty(), "warnings besides the example site's placeholders: {others:?}");
    assert_eq!(warnings.len(), 2, "the example site's two placeholders, each once");
}

/// The stderr of `samtal check` on a copy of the example site: it succeeds, and its only
/// warnings are the two placeholders (each `varning:` line names one of them).
pub fn assert_check_warns_only_of_example_placeholders(output: &std::process::Output) {
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{err}");
    let warnings: Vec<&str> = err.lines().filter(|l| l.starts_with("varning:")).collect();
    assert_eq!(warnings.len(), 2, "{err}");
    assert!(warnings.iter().any(|w| w.contains("\"tillganglighet@example.org\" är en exempeladress")), "{err}");
    assert!(warnings.iter().any(|w| w.contains("svarstiden \"uppgift saknas\"")), "{err}");
}
