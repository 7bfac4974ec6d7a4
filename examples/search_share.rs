//! Times a full build and the part of it spent making the search index, for BENCHMARKS.md.
//! Used by `bench/search.sh`.
//!
//!     cargo run --release --example search_share -- SITE_DIR OUT_DIR
//!
//! Prints the build's wall time, its CPU time (user + system, from /proc/self/stat, so on
//! Linux only), the CPU time the search index took (summed over threads, as the build counts
//! it) and that time's share of the build's CPU time.

use std::path::PathBuf;
use std::time::Instant;

// The allocator of the `samtal` binary, so the figures are those of `samtal build`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// This process's CPU time so far in milliseconds (user + system), on Linux.
fn cpu_ms() -> Option<u128> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which is in parentheses and may hold spaces).
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: u128 = fields.get(11)?.parse::<u128>().ok()? + fields.get(12)?.parse::<u128>().ok()?;
    // The kernel reports in USER_HZ, 100 per second on Linux.
    Some(ticks * 10)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let usage = "usage: search_share SITE_DIR OUT_DIR";
    let root = PathBuf::from(args.next().expect(usage));
    let out = PathBuf::from(args.next().expect(usage));
    let today = std::env::var("SAMTAL_TODAY").ok().and_then(|d| samtal::model::PartialDate::parse(&d));
    let options = samtal::Options {
        root,
        output: Some(out),
        base_url: None,
        drafts: false,
        strict: false,
        today: today.unwrap_or_else(|| samtal::model::PartialDate::parse("2025-06-01").expect("a date")),
    };
    let started = Instant::now();
    let build = samtal::build(&options).expect("the site builds");
    let wall = started.elapsed().as_millis();
    let cpu = cpu_ms().unwrap_or(0);
    let share = if cpu > 0 { build.search_index_ms as f64 * 100.0 / cpu as f64 } else { f64::NAN };
    println!(
        "build: {wall} ms wall, {cpu} ms CPU; search index: {} ms CPU ({share:.1} % of the build's CPU); {} files",
        build.search_index_ms, build.file_count
    );
}
