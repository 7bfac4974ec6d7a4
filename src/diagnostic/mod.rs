//! One Diagnostic type and its renderers (human, JSON lines, GitHub annotations), shared by
//! build, check and serve. Messages speak to an author, in the site's language.

mod follow;
mod mistake;
mod problem;
mod report;
mod yaml_words;

pub use follow::FollowProblem;
pub use mistake::{AttachmentPlace, ImagePath, Mistake};
pub use problem::{Expected, FolderTrouble, Problem, SvgRisk, TemplateMessage, TemplateTrouble};
pub use report::{printable, render_github, render_human, render_json};

use crate::i18n::Lang;
use crate::yaml::Loc;
use serde::Serialize;
use std::collections::BTreeSet;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One located problem in one file.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the site root, with `/` separators.
    pub file: String,
    pub loc: Option<Loc>,
    /// How many characters the marker under the source line covers.
    pub width: usize,
    /// The offending line of the file, for the snippet.
    pub source_line: Option<String>,
    pub problem: Problem,
}

impl Diagnostic {
    pub fn error(file: impl Into<String>, problem: Problem) -> Self {
        Diagnostic { severity: Severity::Error, file: file.into(), loc: None, width: 1, source_line: None, problem }
    }

    pub fn warning(file: impl Into<String>, problem: Problem) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(file, problem) }
    }

    /// Locates the diagnostic in `text` (the whole file), marking `width` characters.
    pub fn at(self, loc: Loc, width: usize, text: &str) -> Self {
        let line = text.lines().nth(loc.line.saturating_sub(1));
        self.at_line(loc, width, line)
    }

    /// [`Diagnostic::at`] with the line found in `lines`: many diagnostics in one file cost
    /// one pass over it, not one each.
    pub fn at_in(self, loc: Loc, width: usize, lines: &Lines<'_>) -> Self {
        let line = lines.get(loc.line);
        self.at_line(loc, width, line)
    }

    /// The diagnostic at `loc`, `width` characters wide, on `line` as written (its line end
    /// and byte order mark are left out of the snippet).
    pub(crate) fn at_line(mut self, loc: Loc, width: usize, line: Option<&str>) -> Self {
        self.loc = Some(loc);
        self.width = width.max(1);
        self.source_line = line.map(|l| l.trim_end_matches('\r').trim_start_matches('\u{feff}').to_string());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    fn sort_key(&self) -> (usize, &str, usize, usize) {
        let loc = self.loc.unwrap_or_default();
        (file_rank(&self.file), &self.file, loc.line, loc.column)
    }
}

/// Where each line of a file starts, found once (for locating many diagnostics in it).
pub struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str) -> Lines<'a> {
        let starts = std::iter::once(0).chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1)).collect();
        Lines { text, starts }
    }

    /// The line and column (1-based; the column in characters) of byte `offset`.
    pub fn loc(&self, offset: usize) -> Loc {
        let index = self.starts.partition_point(|&start| start <= offset).saturating_sub(1);
        let start = self.starts.get(index).copied().unwrap_or(0);
        Loc { line: index + 1, column: self.text[start..offset].chars().count() + 1 }
    }

    /// Line `line` (1-based) without its line end, as `str::lines` gives it.
    pub fn get(&self, line: usize) -> Option<&'a str> {
        let start = *self.starts.get(line.checked_sub(1)?)?;
        if start == self.text.len() {
            return None;
        }
        let text = match self.starts.get(line) {
            // Without its `\n`, and the `\r` of a `\r\n`.
            Some(next) => self.text[start..next - 1].strip_suffix('\r').unwrap_or(&self.text[start..next - 1]),
            None => &self.text[start..],
        };
        Some(text)
    }
}

/// Where a file's problems come in a report: the site's settings and registries first, as a
/// slip there is the cause of problems in the meetings that use them.
fn file_rank(file: &str) -> usize {
    use crate::model::layout::{REGIONS_FILE, SITE_FILE, TOPICS_FILE};
    [SITE_FILE, REGIONS_FILE, TOPICS_FILE].iter().position(|f| *f == file).unwrap_or(3)
}

/// Sorts diagnostics into the stable reporting order: site.yaml, then the registries, then
/// every other file by path; within a file by line, then column.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()).then(a.severity.cmp(&b.severity)));
}

/// "3 fel i 2 filer" / "3 errors in 2 files", plus warnings when there are any.
pub fn summary(diagnostics: &[Diagnostic], lang: Lang) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let files: BTreeSet<&str> = diagnostics.iter().map(|d| d.file.as_str()).collect();
    let files = files.len();
    let file_word = match (lang, files) {
        (Lang::Sv, 1) => "fil",
        (Lang::Sv, _) => "filer",
        (Lang::En, 1) => "file",
        (Lang::En, _) => "files",
    };
    let error_word = match (lang, errors) {
        (Lang::Sv, _) => "fel",
        (Lang::En, 1) => "error",
        (Lang::En, _) => "errors",
    };
    let warning_word = match (lang, warnings) {
        (Lang::Sv, 1) => "varning",
        (Lang::Sv, _) => "varningar",
        (Lang::En, 1) => "warning",
        (Lang::En, _) => "warnings",
    };
    let joiner = lang.pick("i", "in");
    let and = lang.pick("och", "and");
    match (errors, warnings) {
        (0, w) => format!("{w} {warning_word} {joiner} {files} {file_word}"),
        (e, 0) => format!("{e} {error_word} {joiner} {files} {file_word}"),
        (e, w) => format!("{e} {error_word} {and} {w} {warning_word} {joiner} {files} {file_word}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_found_as_str_lines_finds_them() {
        for text in ["", "a", "a\n", "a\nb", "a\r\nb\r\n", "\n\n", "ett\ntvå\n\ntre"] {
            let lines = Lines::new(text);
            for n in 1..=5 {
                assert_eq!(lines.get(n), text.lines().nth(n - 1), "{text:?} line {n}");
            }
            assert_eq!(lines.get(0), None);
        }
        let lines = Lines::new("ett\ntvå\n\nfyra");
        for (offset, line, column) in [(0, 1, 1), (2, 1, 3), (4, 2, 1), (8, 2, 4), (9, 3, 1), (10, 4, 1), (14, 4, 5)] {
            assert_eq!(lines.loc(offset), Loc { line, column }, "offset {offset}");
        }
    }

    #[test]
    fn a_template_message_is_in_the_language_it_is_shown_in() {
        // Guards: an English site's template error is not frozen in Swedish when it is made.
        let m = TemplateMessage::from_tera("Variable `meeting.titel` not found in context while rendering 'x'");
        assert_eq!(m.text(Lang::Sv), "variabeln `meeting.titel` finns inte");
        assert_eq!(m.text(Lang::En), "Variable `meeting.titel` not found in context while rendering 'x'");
        assert_eq!(TemplateMessage::from_tera("Odd\nsecond line").text(Lang::Sv), "Odd");
    }

    fn sample() -> Diagnostic {
        let text = "---\ntitle: Hej\nregions: [ostergotlan]\n---\n";
        Diagnostic::error(
            "content/meetings/a.md",
            Problem::UnknownRegion { slug: "ostergotlan".into(), suggestion: Some("ostergotland".into()) },
        )
        .at(Loc { line: 3, column: 11 }, 11, text)
    }

    #[test]
    fn human_rendering_names_file_line_column_and_marks_the_line() {
        let out = render_human(&[sample()], Lang::Sv, false);
        assert!(out.contains("fel: okänd region \"ostergotlan\""), "{out}");
        assert!(out.contains("content/meetings/a.md:3:11"), "{out}");
        assert!(out.contains("regions: [ostergotlan]"), "{out}");
        assert!(out.contains("^^^^^^^^^^^"), "{out}");
        assert!(out.contains("tips: menade du \"ostergotland\"?"), "{out}");
    }

    #[test]
    fn control_characters_in_file_names_do_not_reach_the_terminal() {
        let mut d = sample();
        d.file = "content/meetings/a\u{1b}[31mred.md".into();
        let out = render_human(&[d], Lang::Sv, false);
        assert!(!out.contains('\u{1b}'), "{out:?}");
        assert!(out.contains("a\\u{1b}[31mred.md"), "{out}");
    }

    #[test]
    fn github_format_is_one_annotation_per_line() {
        let out = render_github(&[sample()], Lang::En);
        assert_eq!(
            out,
            "::error file=content/meetings/a.md,line=3,col=11::unknown region \"ostergotlan\" — did you mean \"ostergotland\"?\n"
        );
    }

    #[test]
    fn json_format_carries_location_and_hint() {
        let out = render_json(&[sample()], Lang::Sv);
        let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
        assert_eq!(v["line"], 3);
        assert_eq!(v["column"], 11);
        assert_eq!(v["hint"], "menade du \"ostergotland\"?");
    }

    #[test]
    fn summary_counts_errors_and_files() {
        let mut other = sample();
        other.file = "content/meetings/b.md".into();
        let ds = [sample(), sample(), other];
        assert_eq!(summary(&ds, Lang::Sv), "3 fel i 2 filer");
        assert_eq!(summary(&ds, Lang::En), "3 errors in 2 files");
    }

    #[test]
    fn settings_and_registry_problems_are_reported_before_the_meetings_they_cause() {
        let at = |file: &str| {
            let mut d = sample();
            d.file = file.into();
            d
        };
        let mut ds =
            [at("content/meetings/a.md"), at("content/themes.yaml"), at("content/regions.yaml"), at("site.yaml")];
        sort(&mut ds);
        let order: Vec<&str> = ds.iter().map(|d| d.file.as_str()).collect();
        assert_eq!(order, ["site.yaml", "content/regions.yaml", "content/themes.yaml", "content/meetings/a.md"]);
    }
}
