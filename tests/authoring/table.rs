//! How a row of the mistakes table runs: the files it writes over the base site, and what
//! `samtal check` must then print.

use crate::common::Site;
use crate::site::{A, Run, meeting};

/// The files a row writes over the base site, in order.
pub struct Files(Vec<(String, Vec<u8>)>);

impl Files {
    /// And then these files too.
    pub fn and(mut self, more: Files) -> Files {
        self.0.extend(more.0);
        self
    }

    pub fn write_to(&self, site: &Site) {
        for (rel, bytes) in &self.0 {
            site.write_bytes(rel, bytes);
        }
    }
}

/// The base site as it is.
pub fn nothing() -> Files {
    Files(Vec::new())
}

pub fn bytes(rel: &str, bytes: &[u8]) -> Files {
    Files(vec![(rel.to_string(), bytes.to_vec())])
}

pub fn file(rel: &str, text: &str) -> Files {
    bytes(rel, text.as_bytes())
}

/// The meeting [`A`] with exactly this text.
pub fn a(text: &str) -> Files {
    file(A, text)
}

/// The clean meeting [`A`] with `extra` front matter lines from line 7.
pub fn with(extra: &str) -> Files {
    a(&meeting(extra, ""))
}

/// The clean meeting [`A`] with this body from line 8.
pub fn body(text: &str) -> Files {
    a(&meeting("", text))
}

/// The clean meeting [`A`] with its line of the same field replaced by `line` (title is on
/// line 2, date 3, regions 4, summary 5, outcomes 6).
pub fn field(line: &str) -> Files {
    let key = format!("{}:", line.split(':').next().unwrap());
    let clean = meeting("", "");
    let text: Vec<&str> = clean.lines().map(|l| if l.starts_with(&key) { line } else { l }).collect();
    assert!(text.contains(&line), "no field {key} in the clean meeting");
    a(&(text.join("\n") + "\n"))
}

/// `content/meetings/a.md:<line>:<col>`.
pub fn at(line: usize, col: usize) -> String {
    format!("{A}:{line}:{col}")
}

pub enum Hint {
    Unchecked,
    Is(String),
    Has(String),
    StartsWith(String),
}

/// One thing a row's `samtal check` must show.
pub enum Check {
    /// The one diagnostic whose message contains `message`, at `location` ("file:line:col",
    /// or the file alone).
    Diagnostic {
        warning: bool,
        location: String,
        message: String,
        hint: Hint,
    },
    /// The last line of stderr.
    Summary(&'static str),
    Says(&'static str),
    /// The first message is printed before the second.
    Order(&'static str, &'static str),
    DoesNotSay(&'static str),
    /// Exit 0 and no diagnostic at all.
    Clean,
}

pub fn error(location: &str, message: &str) -> Check {
    Check::Diagnostic { warning: false, location: location.into(), message: message.into(), hint: Hint::Unchecked }
}

pub fn warning(location: &str, message: &str) -> Check {
    Check::Diagnostic { warning: true, location: location.into(), message: message.into(), hint: Hint::Unchecked }
}

pub fn summary(line: &'static str) -> Check {
    Check::Summary(line)
}

pub fn says(text: &'static str) -> Check {
    Check::Says(text)
}

/// `first` is printed before `then` (both must be printed).
pub fn order(first: &'static str, then: &'static str) -> Check {
    Check::Order(first, then)
}

pub fn does_not_say(text: &'static str) -> Check {
    Check::DoesNotSay(text)
}

pub fn clean() -> Check {
    Check::Clean
}

impl Check {
    fn with_hint(self, expected: Hint) -> Check {
        match self {
            Check::Diagnostic { warning, location, message, .. } => {
                Check::Diagnostic { warning, location, message, hint: expected }
            }
            _ => panic!("only a diagnostic has a hint"),
        }
    }

    /// The hint is exactly `text`.
    pub fn hint(self, text: &str) -> Check {
        self.with_hint(Hint::Is(text.into()))
    }

    /// The hint contains `text`.
    pub fn hint_has(self, text: &str) -> Check {
        self.with_hint(Hint::Has(text.into()))
    }

    pub fn hint_starts(self, text: &str) -> Check {
        self.with_hint(Hint::StartsWith(text.into()))
    }
}

/// Writes the row's files over a fresh base site, runs `samtal check` and asserts every check;
/// the exit code is 1 when an error is expected, else 0.
pub fn run_row(case: &str, row: usize, files: Files, checks: &[Check]) {
    let site = Site::new();
    files.write_to(&site);
    let run = site.check();
    let row = format!("{case}, row {row}");
    let errors = checks.iter().any(|c| matches!(c, Check::Diagnostic { warning: false, .. }));
    assert_eq!(run.code, i32::from(errors), "{row}: exit code\n{run}");
    for check in checks {
        assert_check(&row, &run, check);
    }
}

fn assert_check(row: &str, run: &Run, check: &Check) {
    match check {
        Check::Diagnostic { warning, location, message, hint } => {
            let found: Vec<_> = run.printed().into_iter().filter(|p| p.message.contains(message)).collect();
            assert_eq!(found.len(), 1, "{row}: expected one message containing {message:?}:\n{run}");
            let p = &found[0];
            let level = if *warning { p.is_warning() } else { p.is_error() };
            assert!(level, "{row}: not {}: {p:?}\n{run}", if *warning { "a warning" } else { "an error" });
            assert_eq!(&p.location, location, "{row}: {p:?}\n{run}");
            let got = || p.hint.as_deref().unwrap_or_else(|| panic!("{row}: no hint: {p:?}"));
            match hint {
                Hint::Unchecked => {}
                Hint::Is(text) => assert_eq!(got(), text, "{row}: {p:?}"),
                Hint::Has(text) => assert!(got().contains(text.as_str()), "{row}: hint without {text:?}: {p:?}"),
                Hint::StartsWith(text) => assert!(got().starts_with(text.as_str()), "{row}: {p:?}"),
            }
        }
        Check::Summary(line) => assert_eq!(run.summary(), *line, "{row}\n{run}"),
        Check::Says(text) => assert!(run.stderr.contains(text), "{row}: stderr without {text:?}\n{run}"),
        Check::Order(first, then) => {
            let at = |text: &str| run.stderr.find(text).unwrap_or_else(|| panic!("{row}: no {text:?}\n{run}"));
            assert!(at(first) < at(then), "{row}: {first:?} is not printed before {then:?}\n{run}");
        }
        Check::DoesNotSay(text) => assert!(!run.stderr.contains(text), "{row}: stderr with {text:?}\n{run}"),
        Check::Clean => assert!(run.printed().is_empty(), "{row}: expected no diagnostics:\n{run}"),
    }
}

/// One `#[test]` a named case; a case is one or more rows `files => [checks]`, each run on a
/// fresh base site.
macro_rules! cases {
    ($( $(#[$attr:meta])* $name:ident: $( $files:expr => [$($check:expr),+ $(,)?] ),+ $(,)? ;)+) => {
        $(
            $(#[$attr])*
            #[test]
            fn $name() {
                let mut row = 0;
                $(
                    row += 1;
                    $crate::table::run_row(stringify!($name), row, $files, &[$($check),+]);
                )+
            }
        )+
    };
}
pub(crate) use cases;
