//! Splits a Markdown file into its YAML front matter and its body, keeping file line numbers.

use crate::diagnostic::Problem;

#[derive(Debug, PartialEq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// File line (1-based) of the first front matter line.
    pub yaml_first_line: usize,
    pub body: &'a str,
    /// File line (1-based) the body starts on.
    pub body_first_line: usize,
}

fn is_fence(line: &str) -> bool {
    line.trim_end_matches(['\n', '\r', ' ', '\t']) == "---"
}

/// Splits `---\n<yaml>\n---\n<body>`. A UTF-8 byte order mark and CRLF line ends are fine.
pub fn split(text: &str) -> Result<Split<'_>, Problem> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(Problem::EmptyFile);
    }
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or_default();
    if !is_fence(first) {
        return Err(Problem::NoFrontMatter);
    }
    let yaml_start = first.len();
    let mut offset = yaml_start;
    for (i, line) in lines.enumerate() {
        if is_fence(line) {
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                yaml_first_line: 2,
                body: &text[offset + line.len()..],
                body_first_line: i + 3,
            });
        }
        offset += line.len();
    }
    Err(Problem::UnterminatedFrontMatter)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_counts_lines() {
        let s = split("---\ntitle: a\n---\nBody\n").unwrap();
        assert_eq!(s.yaml, "title: a\n");
        assert_eq!(s.body, "Body\n");
        assert_eq!(s.body_first_line, 4);
    }

    #[test]
    fn bom_and_crlf_simply_work() {
        let s = split("\u{feff}---\r\ntitle: a\r\n---\r\nBody\r\n").unwrap();
        assert_eq!(s.yaml, "title: a\r\n");
        assert_eq!(s.body, "Body\r\n");
    }

    #[test]
    fn file_level_problems() {
        assert_eq!(split(""), Err(Problem::EmptyFile));
        assert_eq!(split(" \n\n"), Err(Problem::EmptyFile));
        assert_eq!(split("# Rubrik\n"), Err(Problem::NoFrontMatter));
        assert_eq!(split("---\ntitle: a\n"), Err(Problem::UnterminatedFrontMatter));
    }

    #[test]
    fn empty_front_matter_is_split() {
        let s = split("---\n---\nText").unwrap();
        assert_eq!(s.yaml, "");
        assert_eq!(s.body, "Text");
    }
}
