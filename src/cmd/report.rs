//! How the binary speaks: diagnostics in the chosen format, errors with their whole cause
//! chain. Their words are in `words.rs`. The only code that prints (with `main.rs` and the
//! commands' own lines).

use super::words;
use crate::cli::Format;
use samtal::Error;
use samtal::diagnostic::{self, Diagnostic};
use samtal::i18n::Lang;
use std::io::IsTerminal;

/// How many of a long run of the same warning a person is shown before the rest are counted.
const SAME_WARNING_SHOWN: usize = 3;

/// For a person: each warning whose message repeats more than a few times is shown
/// [`SAME_WARNING_SHOWN`] times, then counted (machine formats get every one).
fn human(diagnostics: &[Diagnostic], lang: Lang) -> String {
    use std::collections::HashMap;
    let message = |d: &Diagnostic| d.problem.message(lang);
    let mut counts: HashMap<String, usize> = HashMap::new();
    for d in diagnostics.iter().filter(|d| !d.is_error()) {
        *counts.entry(message(d)).or_default() += 1;
    }
    let collapsed = |m: &String| counts.get(m).is_some_and(|n| *n > SAME_WARNING_SHOWN + 1);
    let mut seen: HashMap<String, usize> = HashMap::new();
    let shown: Vec<Diagnostic> = diagnostics
        .iter()
        .filter(|d| {
            let m = message(d);
            if d.is_error() || !collapsed(&m) {
                return true;
            }
            let n = seen.entry(m).or_default();
            *n += 1;
            *n <= SAME_WARNING_SHOWN
        })
        .cloned()
        .collect();
    let mut text = diagnostic::render_human(&shown, lang, std::io::stderr().is_terminal());
    let mut runs: Vec<(&String, &usize)> = counts.iter().filter(|(m, _)| collapsed(m)).collect();
    runs.sort();
    for (m, n) in runs {
        text.push_str(&words::more_of_the_same(lang, n - SAME_WARNING_SHOWN, m));
    }
    text
}

pub fn print_diagnostics(diagnostics: &[Diagnostic], lang: Lang, format: Format) {
    let text = match format {
        Format::Human => human(diagnostics, lang),
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
    // Messages name folders and files: never their control characters raw.
    errln!("{}: {}", words::error_label(lang), diagnostic::printable(message));
    let mut source = cause;
    while let Some(cause) = source {
        errln!("  {}: {}", samtal::messages::caused_by(lang), diagnostic::printable(&cause.to_string()));
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
