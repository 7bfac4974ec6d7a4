//! The `samtal` binary: parses the command line, runs the library, prints every diagnostic
//! (through `cmd/report.rs`) and chooses the exit code (0 ok, 1 site errors, 2 usage errors).
//! The library never prints; the binary's commands live in `cmd/`.

use clap::FromArgMatches as _;

/// The binary's `print!`s, which never panic: output into a closed pipe (`samtal build |
/// head -1`) or a closed terminal is dropped, and the command ends as it would have.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout(), $($arg)*);
    }};
}
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}
macro_rules! err {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stderr(), $($arg)*);
    }};
}
macro_rules! errln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

mod cli;
mod cmd;

use cli::{Cli, Command, Format};
use cmd::report::{print_diagnostics, report_failure};
use cmd::words;
use samtal::Options;
use samtal::model::PartialDate;
use std::process::ExitCode;

// Faster than the system allocator for a build's many small, short-lived values on all cores.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `serve` rebuilds again and again in one process. By default mimalloc returns freed memory
/// to the system after 10 ms, so every rebuild faulted its pages in again, zeroed by the
/// kernel: at 10,000 meetings keeping it takes 10–20 % off a rebuild (2.5 M page faults over
/// 21 rebuilds become 1.7 k; BENCHMARKS.md, "Round 2 of the rebuild"). The process keeps
/// what its largest rebuild needed instead; a build or check is one pass and keeps the
/// default.
fn keep_freed_memory() {
    // `mi_option_purge_delay` in mimalloc.h (v2 and v3 alike, among its stable options); the
    // Rust bindings name no constant for it.
    const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: `mi_option_set` only stores an option value; mimalloc reads it when it next
    // decides whether to purge, and any value is valid for `purge_delay` (-1: never).
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
}

fn main() -> ExitCode {
    // The version line names the commit (build.rs); set here so only the binary is rebuilt
    // when the commit changes.
    let matches = <Cli as clap::CommandFactory>::command().version(env!("SAMTAL_VERSION")).get_matches();
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => ExitCode::from(code),
    }
}

/// Today from the clock (UTC), or from SAMTAL_TODAY so tests never depend on the date.
fn today() -> PartialDate {
    if let Some(date) = std::env::var("SAMTAL_TODAY").ok().and_then(|s| PartialDate::parse(&s)) {
        return date;
    }
    let days =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() / 86_400) as i64;
    let (y, m, d) = civil_from_days(days);
    PartialDate { year: y as u16, month: Some(m as u8), day: Some(d as u8) }
}

/// Days since 1970-01-01 → (year, month, day), Howard Hinnant's algorithm.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

fn run(cli: Cli) -> Result<(), u8> {
    let base =
        Options { root: cli.root.clone(), output: None, base_url: None, drafts: false, strict: false, today: today() };
    match cli.command {
        Command::Build(args) => {
            let options = Options { output: args.output, base_url: args.base_url, drafts: args.drafts, ..base };
            let site = samtal::build(&options).map_err(|e| report_failure(&e, args.format))?;
            print_diagnostics(&site.warnings, site.lang, args.format);
            if !args.quiet {
                errln!("{}", words::built_with(site.lang, site.page_count, site.elapsed_ms, site.warnings.len()));
            }
            Ok(())
        }
        Command::Check(args) => {
            let options = Options { base_url: args.base_url, drafts: args.drafts, strict: args.strict, ..base };
            let site = samtal::check(&options).map_err(|e| report_failure(&e, args.format))?;
            print_diagnostics(&site.warnings, site.lang, args.format);
            if !args.quiet && args.format == Format::Human {
                errln!("{}", words::checked(site.lang, site.page_count, site.elapsed_ms, site.warnings.len()));
            }
            Ok(())
        }
        Command::Serve(args) => {
            keep_freed_memory();
            cmd::serve::run_serve(base, args)
        }
        Command::New(new) => cmd::new::run_new(&cli.root, new),
        Command::Mv(args) => cmd::mv::run_mv(&cli.root, &args.old, &args.new),
    }
}
