//! How the binary speaks: diagnostics in the chosen format, errors with their whole cause
//! chain. Their words are in `words.rs`. The only code that prints (with `main.rs` and the
//! commands' own lines).

use super::words;
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
        Format::Human => err!("{text}"),
        _ => out!("{text}"),
    }
}

/// Prints a message and the whole chain of causes beneath it.
pub fn print_error(message: &str, cause: Option<&(dyn std::error::Error + 'static)>, lang: Lang) {
    errln!("{}: {message}", words::error_label(lang));
    let mut source = cause;
    while let Some(cause) = source {
        errln!("  {}: {cause}", samtal::messages::caused_by(lang));
        source = cause.source();
    }
}

pub fn report_failure(err: &Error, format: Format) -> u8 {
    match err {
        Error::Invalid { diagnostics, lang } => {
            print_diagnostics(diagnostics, *lang, format);
            errln!("{}", diagnostic::summary(diagnostics, *lang));
        }
        other => {
            let lang = other.lang().unwrap_or_default();
            print_error(&other.message(lang), other.cause(), lang);
        }
    }
    1
}
