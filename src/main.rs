//! The `samtal` binary: parses the command line, runs the library, prints every diagnostic
//! and chooses the exit code (0 ok, 1 site errors, 2 usage errors). Only this file prints.

use clap::FromArgMatches as _;
use samtal::cli::{Cli, Command, NewCommand};
use samtal::diagnostic::{self, Diagnostic, Format};
use samtal::i18n::Lang;
use samtal::model::PartialDate;
use samtal::{Error, Options};
use std::io::IsTerminal;
use std::process::ExitCode;

// Faster than the system allocator for a build's many small, short-lived values on all cores.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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

fn print_diagnostics(diagnostics: &[Diagnostic], lang: Lang, format: Format) {
    let text = match format {
        Format::Human => diagnostic::render_human(diagnostics, lang, std::io::stderr().is_terminal()),
        Format::Json => diagnostic::render_json(diagnostics, lang),
        Format::Github => diagnostic::render_github(diagnostics, lang),
    };
    match format {
        Format::Human => eprint!("{text}"),
        _ => print!("{text}"),
    }
}

/// The one line that ends a build: "Byggde 52 sidor på 38 ms" (or "Byggde om …" when `serve`
/// rebuilds).
fn built_line(lang: Lang, pages: usize, ms: u128, again: bool) -> String {
    match (lang, again) {
        (Lang::Sv, false) => format!("Byggde {pages} sidor på {ms} ms"),
        (Lang::Sv, true) => format!("Byggde om {pages} sidor på {ms} ms"),
        (Lang::En, false) => format!("Built {pages} pages in {ms} ms"),
        (Lang::En, true) => format!("Rebuilt {pages} pages in {ms} ms"),
    }
}

/// Prints a message and the whole chain of causes beneath it.
fn print_error(message: &str, cause: Option<&(dyn std::error::Error + 'static)>, lang: Lang) {
    eprintln!("{}: {message}", lang.pick("fel", "error"));
    let mut source = cause;
    while let Some(cause) = source {
        eprintln!("  {}: {cause}", lang.pick("orsak", "caused by"));
        source = cause.source();
    }
}

fn report_failure(err: &Error, format: Format) -> u8 {
    match err {
        Error::Invalid { diagnostics, lang } => {
            print_diagnostics(diagnostics, *lang, format);
            eprintln!("{}", diagnostic::summary(diagnostics, *lang));
        }
        other => {
            let lang = other.lang().unwrap_or_default();
            print_error(&other.message(lang), other.cause(), lang);
        }
    }
    1
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
                eprintln!("{}", built_line(site.lang, site.page_count, site.elapsed_ms, false));
            }
            Ok(())
        }
        Command::Check(args) => {
            let options = Options { drafts: args.drafts, strict: args.strict, ..base };
            let site = samtal::check(&options).map_err(|e| report_failure(&e, args.format))?;
            print_diagnostics(&site.warnings, site.lang, args.format);
            if !args.quiet && args.format == Format::Human {
                let (pages, ms) = (site.page_count, site.elapsed_ms);
                eprintln!(
                    "{}",
                    match site.lang {
                        Lang::Sv => format!("Inga fel: {pages} sidor kontrollerade på {ms} ms"),
                        Lang::En => format!("No errors: {pages} pages checked in {ms} ms"),
                    }
                );
            }
            Ok(())
        }
        Command::Serve(args) => run_serve(base, args),
        Command::New(new) => run_new(&cli.root, new),
    }
}

/// `samtal new meeting` / `samtal new site`: the scaffold module writes the text, this
/// function writes the files, never replacing one that exists.
fn run_new(root: &std::path::Path, new: NewCommand) -> Result<(), u8> {
    use samtal::scaffold::{self, ScaffoldError};
    use std::path::Path;
    let fail = |e: ScaffoldError, lang: Lang| -> u8 {
        eprintln!("{}: {}", lang.pick("fel", "error"), e.message(lang));
        if let Some(hint) = e.hint(lang) {
            eprintln!("{}: {hint}", lang.pick("tips", "help"));
        }
        if e.is_usage() { 2 } else { 1 }
    };
    match new {
        NewCommand::Meeting { region, date, title } => {
            let content = samtal::load::read_content(root).map_err(|e| {
                print_error(&e.message(Lang::Sv), std::error::Error::source(&e), Lang::Sv);
                1u8
            })?;
            // Only the language and the registry matter here; `check` reports the rest.
            let mut ignored = Vec::new();
            let overrides = samtal::validate::ConfigOverrides::default();
            let lang = samtal::validate::config(content.site_yaml.as_ref(), &overrides, &mut ignored).0.language;
            let registry = content.regions.as_ref().map(|r| samtal::validate::registry(Some(r), &mut ignored));
            let request = scaffold::MeetingRequest { region, date, title };
            let registry_path = Path::new(samtal::load::REGIONS_FILE);
            let file =
                scaffold::meeting(&request, registry.as_ref(), registry_path, today()).map_err(|e| fail(e, lang))?;
            let written = display_in(root, &file.path);
            create_files(root, std::slice::from_ref(&file)).map_err(|e| fail(e, lang))?;
            match lang {
                Lang::Sv => eprintln!("Skrev {written}\nFyll i fälten i filen och kör sedan `samtal check`."),
                Lang::En => eprintln!("Wrote {written}\nFill in the fields of the file, then run `samtal check`."),
            }
            if request.region.is_none() {
                eprintln!("{}", lang.pick(
                    "Ingen --region angavs: skriv regionens slug under `regions:` och byt gärna namn på filen.",
                    "No --region was given: write the region's slug under `regions:` and consider renaming the file.",
                ));
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
            let shown = samtal::write::shown(&dir);
            eprintln!(
                "Skapade en ny webbplats i {shown} ({} filer).\nNästa steg: `samtal --root {shown} serve` för att förhandsgranska, \
                 `samtal --root {shown} new meeting --region ostergotland --title \"…\"` för att lägga till ett möte.",
                files.len()
            );
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
    files: &[samtal::scaffold::NewFile],
) -> Result<(), samtal::scaffold::ScaffoldError> {
    use samtal::scaffold::ScaffoldError;
    use samtal::write::NewFileError;
    let shown = |rel: &std::path::Path| std::path::PathBuf::from(display_in(root, rel));
    samtal::write::create_new_files(root, files.iter().map(|f| (f.path.as_path(), f.bytes.as_slice()))).map_err(|e| {
        match e {
            NewFileError::Exists(rel) => ScaffoldError::Exists { path: shown(&rel) },
            NewFileError::Io(rel, source) => ScaffoldError::Io { path: shown(&rel), source },
        }
    })
}

/// `samtal serve`: the serve module builds, serves, watches and rebuilds; this prints what it
/// reports (the URL on stdout, everything else on stderr) and opens the browser for --open.
fn run_serve(options: Options, args: samtal::cli::ServeArgs) -> Result<(), u8> {
    use samtal::serve::{self, Event};
    let config = serve::Config {
        options: Options { drafts: args.drafts, ..options },
        bind: args.bind,
        port: args.port,
        poll: args.poll,
    };
    let (open, exposed) = (args.open, !args.bind.is_loopback());
    let on_event: serve::OnEvent = std::sync::Arc::new(move |event| match event {
        Event::Listening { url, lang, .. } => {
            println!(
                "{}",
                match lang {
                    Lang::Sv => format!("Förhandsgranska på {url} (avsluta med Ctrl-C)"),
                    Lang::En => format!("Previewing at {url} (press Ctrl-C to stop)"),
                }
            );
            if exposed {
                eprintln!(
                    "{}",
                    lang.pick(
                        "varning: --bind är inte en loopback-adress; andra datorer kan se webbplatsen, även utkast",
                        "warning: --bind is not a loopback address; other machines can see the site, drafts included",
                    )
                );
            }
            if open {
                let url = url.to_string();
                std::thread::spawn(move || {
                    if let Err(e) = opener::open(&url) {
                        eprintln!("{}: {e}", lang.pick("kunde inte öppna webbläsaren", "could not open the browser"));
                    }
                });
            }
        }
        Event::Built { pages, elapsed_ms: ms, warnings, lang, initial } => {
            print_diagnostics(warnings, lang, Format::Human);
            eprintln!("{}", built_line(lang, pages, ms, !initial));
        }
        Event::Failed { error, .. } => match error {
            Error::Invalid { diagnostics, lang } => {
                print_diagnostics(diagnostics, *lang, Format::Human);
                eprintln!("{}", diagnostic::summary(diagnostics, *lang));
            }
            other => {
                let lang = other.lang().unwrap_or_default();
                print_error(&other.message(lang), other.cause(), lang);
            }
        },
        Event::Crashed { message, .. } => eprintln!("{message}"),
        Event::WatchProblem { message, lang } => {
            eprintln!("{}: {message}", lang.pick("varning: bevakningen av mappen", "warning: watching the folder"));
        }
        Event::Stopped { lang } => eprintln!("{}", lang.pick("Avslutade.", "Stopped.")),
    });
    serve::run(config, on_event).map_err(|e| {
        print_error(&e.message(Lang::Sv), std::error::Error::source(&e), Lang::Sv);
        1
    })
}
