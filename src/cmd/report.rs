//! How the binary speaks: diagnostics in the chosen format, errors with their whole cause
//! chain, and the one line that ends a build. The only code that prints (with `main.rs`).

use crate::cli::Format;
use samtal::Error;
use samtal::diagnostic::{self, Diagnostic};
use samtal::i18n::Lang;
use std::io::IsTerminal;

pub fn print_diagnostics(diagnostics: &[Diagnostic], lang: Lang, format: Format) {
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
pub fn built_line(lang: Lang, pages: usize, ms: u128, again: bool) -> String {
    match (lang, again) {
        (Lang::Sv, false) => format!("Byggde {pages} sidor på {ms} ms"),
        (Lang::Sv, true) => format!("Byggde om {pages} sidor på {ms} ms"),
        (Lang::En, false) => format!("Built {pages} pages in {ms} ms"),
        (Lang::En, true) => format!("Rebuilt {pages} pages in {ms} ms"),
    }
}

/// Prints a message and the whole chain of causes beneath it.
pub fn print_error(message: &str, cause: Option<&(dyn std::error::Error + 'static)>, lang: Lang) {
    eprintln!("{}: {message}", lang.pick("fel", "error"));
    let mut source = cause;
    while let Some(cause) = source {
        eprintln!("  {}: {cause}", lang.pick("orsak", "caused by"));
        source = cause.source();
    }
}

pub fn report_failure(err: &Error, format: Format) -> u8 {
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
