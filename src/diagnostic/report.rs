//! Diagnostics as text: for the terminal (annotate-snippets, with the offending line),
//! as JSON lines, and as GitHub annotations.

use super::{Diagnostic, Severity};
use crate::i18n::Lang;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;
use std::fmt::Write as _;

/// Renders diagnostics for the terminal, each with its snippet and hint.
pub fn render_human(diagnostics: &[Diagnostic], lang: Lang, color: bool) -> String {
    let renderer = if color { Renderer::styled() } else { Renderer::plain() };
    let mut out = String::new();
    for d in diagnostics {
        // Messages and hints quote what the author wrote (file names, values): a control
        // character there could recolour or rewrite the terminal.
        let message = printable(&d.problem.message(lang));
        let level = match (d.severity, lang) {
            (Severity::Error, Lang::Sv) => Level::ERROR.with_name("fel"),
            (Severity::Error, Lang::En) => Level::ERROR,
            (Severity::Warning, Lang::Sv) => Level::WARNING.with_name("varning"),
            (Severity::Warning, Lang::En) => Level::WARNING,
        };
        let help = match lang {
            Lang::Sv => Level::HELP.with_name("tips"),
            Lang::En => Level::HELP,
        };
        let hint = d.problem.hint(lang).map(|h| printable(&h));
        let path = match d.loc {
            Some(loc) => format!("{}:{}:{}", printable(&d.file), loc.line, loc.column),
            None => printable(&d.file),
        };
        let mut group = Group::with_title(level.primary_title(message.as_str()));
        if let (Some(loc), Some(line)) = (d.loc, &d.source_line) {
            let start = char_to_byte(line, loc.column.saturating_sub(1));
            let end = char_to_byte(line, loc.column.saturating_sub(1) + d.width).max(start);
            group = group.element(
                Snippet::source(line.as_str())
                    .line_start(loc.line)
                    .path(printable(&d.file))
                    .annotation(AnnotationKind::Primary.span(start..end)),
            );
        } else {
            group = group.element(annotate_snippets::Origin::path(path.as_str()));
        }
        let mut report = vec![group];
        if let Some(hint) = &hint {
            report.push(Group::with_title(help.secondary_title(hint.as_str())));
        }
        let _ = writeln!(out, "{}\n", renderer.render(&report));
    }
    out
}

/// A text as the terminal may safely show it: control characters (escape sequences could
/// recolour or rewrite the terminal) are written as `\u{…}`; line breaks stay.
pub fn printable(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() && c != '\n' { c.escape_unicode().to_string() } else { c.to_string() })
        .collect()
}

fn char_to_byte(line: &str, chars: usize) -> usize {
    line.char_indices().nth(chars).map_or(line.len(), |(i, _)| i)
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    severity: Severity,
    file: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    message: String,
    hint: Option<String>,
}

/// One JSON object per line, for tools.
pub fn render_json(diagnostics: &[Diagnostic], lang: Lang) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let json = JsonDiagnostic {
            severity: d.severity,
            file: &d.file,
            line: d.loc.map(|l| l.line),
            column: d.loc.map(|l| l.column),
            message: d.problem.message(lang),
            hint: d.problem.hint(lang),
        };
        out.push_str(&serde_json::to_string(&json).expect("diagnostics serialize"));
        out.push('\n');
    }
    out
}

/// GitHub Actions workflow commands: `::error file=…,line=…,col=…::message`.
pub fn render_github(diagnostics: &[Diagnostic], lang: Lang) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let kind = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut text = d.problem.message(lang);
        if let Some(hint) = d.problem.hint(lang) {
            text.push_str(" — ");
            text.push_str(&hint);
        }
        let _ = write!(out, "::{kind} file={}", github_property(&d.file));
        if let Some(loc) = d.loc {
            let _ = write!(out, ",line={},col={}", loc.line, loc.column);
        }
        let _ = writeln!(out, "::{}", github_data(&text));
    }
    out
}

fn github_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn github_property(s: &str) -> String {
    github_data(s).replace(':', "%3A").replace(',', "%2C")
}
