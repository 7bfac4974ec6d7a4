//! Reliability: output safety, atomic builds under faults, big and odd inputs, and (as
//! fuzzing finds them) crashing inputs. Every build runs the real binary as a subprocess, so a stack
//! overflow shows up as a signal instead of taking the test runner down.
//!
//! Every case runs in CI; dependencies are optimised in test builds (Cargo.toml), so even the
//! 20 MB body takes seconds.

#[path = "../common/mod.rs"]
mod common;
mod faults;
mod inputs;
mod safety;

use common::{Site, read_tree as tree};
use std::fs;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const SITE_YAML: &str = "title: Tillförlitlighet\ndescription: Provsajt\nbase_url: /\nlanguage: sv\ntheme: default\n";
const REGIONS_YAML: &str = "counties:
  - slug: skane
    name: Skåne
    official_name: Skåne län
    county_code: \"12\"
    iso_3166_2: SE-M
    actor_2018: Region Skåne
    region_2019: Region Skåne
";
const TOPICS_YAML: &str = "- slug: innovation\n  name: Innovation\n";

/// A complete, valid meeting file with the given title (quoted for YAML) and body.
fn meeting(title: &str, body: &str) -> String {
    let title = title.replace('\\', "\\\\").replace('"', "\\\"");
    format!(
        "---\ntitle: \"{title}\"\ndate: 2018-05-16\nregions: [skane]\nthemes: [innovation]\nsummary: Ett möte.\noutcomes: []\n---\n{body}"
    )
}

impl Site {
    /// A small valid site in a temp folder, with the repository's default visual theme.
    fn new() -> Site {
        let site = Site::with_default_theme();
        site.write("site.yaml", SITE_YAML)
            .write("content/regions.yaml", REGIONS_YAML)
            .write("content/themes.yaml", TOPICS_YAML)
            .write("content/meetings/2018-skane.md", &meeting("Dialog i Skåne", "Vi talade om **innovation**.\n"));
        site
    }

    fn out(&self) -> PathBuf {
        self.path().join("public")
    }

    fn build(&self) -> Output {
        run(self.path(), &["build", "--quiet"])
    }
}

/// The binary on the site at `root`, with a fixed "today" and no standard input.
fn samtal(root: &Path) -> Command {
    let mut cmd = common::samtal();
    cmd.arg("--root").arg(root);
    cmd
}

fn run(root: &Path, args: &[&str]) -> Output {
    samtal(root).args(args).output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Exit code 0 or 1 and never a signal (a stack overflow or abort shows up as SIGSEGV/SIGABRT).
fn assert_no_crash(o: &Output, what: &str) {
    assert!(o.status.signal().is_none(), "{what}: killed by signal {:?}\n{}", o.status.signal(), stderr(o));
    assert!(matches!(o.status.code(), Some(0 | 1)), "{what}: exit {:?}\n{}", o.status.code(), stderr(o));
    assert!(!stderr(o).contains("panicked"), "{what}: panic\n{}", stderr(o));
}

fn assert_ok(o: &Output, what: &str) {
    assert!(o.status.success(), "{what}: exit {:?}\n{}", o.status.code(), stderr(o));
}

fn assert_fails(o: &Output, what: &str) {
    assert_no_crash(o, what);
    assert_eq!(o.status.code(), Some(1), "{what}: expected exit 1\n{}", stderr(o));
}

/// Temp folders of samtal's writer (`.public.samtal-new-…`, `.public.samtal-old-…`) in `dir`.
fn strays(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".samtal-"))
        .collect()
}

/// Runs the binary under a shell that first runs `prelude` (ulimit, trap).
fn run_limited(site: &Site, prelude: &str) -> Output {
    Command::new("sh")
        .arg("-c")
        .arg(format!("{prelude}; exec \"$0\" --root \"$1\" build --quiet"))
        .arg(common::BIN)
        .arg(site.path())
        .env("SAMTAL_TODAY", common::TODAY)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}
