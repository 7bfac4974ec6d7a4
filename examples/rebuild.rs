//! Times what `samtal serve` does after an edit: a rebuild in memory that reuses the build
//! before (`samtal::render_cached`). Used by `bench/run.sh`.
//!
//!     cargo run --release --example rebuild -- SITE_DIR [RUNS]
//!
//! Builds SITE_DIR once, then RUNS times appends a sentence to the alphabetically first
//! meeting and rebuilds; prints the first build's and each rebuild's wall time in ms, then
//! the median rebuild, and restores the file at the end. Work on a copy of the site: the
//! file is edited in place. Edits come a second apart, at an author's pace: `serve` frees
//! the previous build in the background after each rebuild.

use std::path::PathBuf;
use std::time::Instant;

// The allocator of the `samtal` binary, so the figures are those of `samtal serve`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().expect("usage: rebuild SITE_DIR [RUNS]"));
    let runs: usize = args.next().map_or(5, |r| r.parse().expect("RUNS is a number"));
    let mut meetings: Vec<PathBuf> = std::fs::read_dir(root.join("content/meetings"))
        .expect("SITE_DIR/content/meetings")
        .map(|e| e.expect("a readable folder").path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    meetings.sort();
    let edited = meetings.first().expect("at least one meeting").clone();
    let original = std::fs::read_to_string(&edited).expect("a readable meeting");
    let today = std::env::var("SAMTAL_TODAY").ok().and_then(|d| samtal::model::PartialDate::parse(&d));
    let options = samtal::Options {
        root: root.clone(),
        output: None,
        base_url: Some("/".into()),
        drafts: true,
        strict: false,
        today: today.unwrap_or_else(|| samtal::model::PartialDate::parse("2025-06-01").expect("a date")),
    };
    let mut cache = samtal::cache::Cache::default();
    let started = Instant::now();
    let first = samtal::render_cached(&options, &mut cache).expect("the site builds");
    println!("first build: {} ms ({} pages)", started.elapsed().as_millis(), first.page_count);
    drop(first);
    let mut times = Vec::new();
    for run in 1..=runs {
        std::thread::sleep(std::time::Duration::from_secs(1));
        let text = format!("{original}\nÄndring {run} för att mäta en ombyggnad.\n");
        std::fs::write(&edited, text).expect("the meeting can be written");
        let started = Instant::now();
        let build = samtal::render_cached(&options, &mut cache).expect("the site builds");
        let ms = started.elapsed().as_millis();
        println!("rebuild {run}: {ms} ms ({} files)", build.files.len());
        times.push(ms);
    }
    times.sort_unstable();
    if let Some(median) = times.get(times.len() / 2) {
        println!("median rebuild: {median} ms");
    }
    std::fs::write(&edited, original).expect("the meeting can be restored");
}
