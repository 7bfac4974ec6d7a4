//! The small valid base site of the authoring tests, how the binary runs on it, and how its
//! printed diagnostics are read back.

use crate::common::{self, STOCKHOLM_COUNTY, Site, TODAY, UPPSALA_COUNTY};
use std::path::Path;

const SITE_YAML: &str = "title: Testplats\ndescription: En liten webbplats för tester.\nbase_url: https://example.org/\nlanguage: sv\n\
     license: https://creativecommons.org/publicdomain/zero/1.0/\n";

const OSTERGOTLAND_COUNTY: &str = "  - slug: ostergotland
    name: Östergötland
    name_en: Östergötland
    official_name: Östergötlands län
    official_name_en: Östergötland County
    letter: E
    county_code: \"05\"
    iso_3166_2: SE-E
    nuts3: SE123
    actor_2018: Region Östergötland
    region_2019: Region Östergötland
";

const GROUPINGS: &str = "groupings:
  - slug: ostra-mellansverige
    name: Östra Mellansverige
    kind: nuts2
    code: SE12
    members: [uppsala, ostergotland]
";

/// The base site's `content/regions.yaml`: three counties and one grouping.
pub fn regions_yaml() -> String {
    format!("counties:\n{OSTERGOTLAND_COUNTY}{STOCKHOLM_COUNTY}{UPPSALA_COUNTY}{GROUPINGS}")
}

const THEMES_YAML: &str = "\
- slug: smart-specialisation
  name: Smart specialisering
  name_en: Smart specialisation
- slug: regional-leadership
  name: Regionalt ledarskap
  name_en: Regional leadership
";

const GOOD_MEETING: &str = "\
---
title: Dialog med Region Östergötland
date: 2018-05-16
regions: [ostergotland]
themes: [regional-leadership]
participants: [Regiondirektör]
summary: Ett bra möte.
outcomes:
  - Något bra.
follow_ups:
  - action: Följa upp
    owner: Tillväxtverket
    due: 2019-01
    status: done
---
Text med [länet](/regioner/ostergotland/).
";

const ABOUT_PAGE: &str = "---\ntitle: Om\nsummary: Om webbplatsen.\n---\nHej.\n";

/// The meeting most tests write.
/// The base site's `site.yaml` with `allow_raw_html: true`: a body's HTML is published.
pub fn site_yaml_with_raw_html() -> String {
    format!("{SITE_YAML}allow_raw_html: true\n")
}

pub const A: &str = "content/meetings/a.md";

/// A real PNG of one pixel (a picture in static/ must be one).
pub const TINY_PNG: &[u8] = b"\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90\x77\x53\xde\x00\x00\x00\x0c\x49\x44\x41\x54\x78\x9c\x63\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82";

/// The header of a PNG of 8000 × 6000 pixels (48 megapixels), with almost no pixel data:
/// `check` reads only a picture's header.
pub const HUGE_PNG: &[u8] = b"\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x1f\x40\x00\x00\x17\x70\x08\x02\x00\x00\x00\xbe\x06\x73\x69\x00\x00\x00\x09\x49\x44\x41\x54\x78\x9c\x63\x00\x00\x00\x01\x00\x01\x5e\xff\x7d\xf9\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82";

/// A meeting with everything a clean check wants, so only the line under test is wrong.
/// `extra` is inserted as front matter lines (from line 7); `body` follows the closing fence
/// (line 8 with no `extra`).
pub fn meeting(extra: &str, body: &str) -> String {
    format!("---\ntitle: Ett möte\ndate: 2018\nregions: [stockholm]\nsummary: Kort.\noutcomes: []\n{extra}---\n{body}")
}

impl Site {
    /// The small valid base site, with a copy of the repository's default theme.
    pub fn new() -> Site {
        let site = Site::with_default_theme();
        site.write("site.yaml", SITE_YAML)
            .write("content/regions.yaml", &regions_yaml())
            .write("content/themes.yaml", THEMES_YAML)
            .write("content/meetings/2018-ostergotland.md", GOOD_MEETING)
            .write("content/pages/om.md", ABOUT_PAGE);
        site
    }

    /// `samtal --root <site> <args>` with the clock fixed.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with(args, TODAY)
    }

    pub fn run_with(&self, args: &[&str], today: &str) -> Run {
        let mut all = vec!["--root", self.path().to_str().unwrap()];
        all.extend_from_slice(args);
        run_in(self.path(), &all, today)
    }

    pub fn check(&self) -> Run {
        self.run(&["check"])
    }
}

/// `samtal <args>` in `cwd`, on `today`, without colour.
pub fn run_in(cwd: &Path, args: &[&str], today: &str) -> Run {
    let out = common::samtal().current_dir(cwd).env("SAMTAL_TODAY", today).env("NO_COLOR", "1").args(args).output();
    let out = out.unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// One finished run of the binary.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// One diagnostic as printed for a person.
#[derive(Debug, Clone)]
pub struct Printed {
    /// "fel", "varning", "error" or "warning".
    pub level: String,
    pub message: String,
    /// "file:line:col", or just "file" when the problem has no line.
    pub location: String,
    pub hint: Option<String>,
}

impl Printed {
    pub fn is_error(&self) -> bool {
        self.level == "fel" || self.level == "error"
    }

    pub fn is_warning(&self) -> bool {
        self.level == "varning" || self.level == "warning"
    }
}

impl Run {
    /// The diagnostics of the human format, in the order printed.
    pub fn printed(&self) -> Vec<Printed> {
        let mut out: Vec<Printed> = Vec::new();
        for line in self.stderr.lines() {
            let level =
                ["fel", "varning", "error", "warning"].into_iter().find(|l| line.starts_with(&format!("{l}: ")));
            if let Some(level) = level {
                out.push(Printed {
                    level: level.into(),
                    message: line[level.len() + 2..].to_string(),
                    location: String::new(),
                    hint: None,
                });
            } else if let Some(last) = out.last_mut() {
                let trimmed = line.trim_start();
                if let Some(loc) = trimmed.strip_prefix("--> ")
                    && last.location.is_empty()
                {
                    last.location = loc.trim().to_string();
                } else if let Some(hint) = trimmed.strip_prefix("tips: ").or_else(|| trimmed.strip_prefix("help: ")) {
                    last.hint = Some(hint.to_string());
                }
            }
        }
        out
    }

    /// The one diagnostic whose message contains `text`; fails with the whole output.
    pub fn find(&self, text: &str) -> Printed {
        let found: Vec<Printed> = self.printed().into_iter().filter(|p| p.message.contains(text)).collect();
        assert_eq!(found.len(), 1, "expected one message containing {text:?}:\n{self}");
        found.into_iter().next().unwrap()
    }

    /// Asserts an error with this message at this place, returning it for the hint.
    pub fn error_at(&self, location: &str, message: &str) -> Printed {
        let p = self.find(message);
        assert!(p.is_error(), "not an error: {p:?}\n{self}");
        assert_eq!(p.location, location, "{p:?}\n{self}");
        p
    }

    pub fn warning_at(&self, location: &str, message: &str) -> Printed {
        let p = self.find(message);
        assert!(p.is_warning(), "not a warning: {p:?}\n{self}");
        assert_eq!(p.location, location, "{p:?}\n{self}");
        p
    }

    pub fn assert_code(&self, code: i32) -> &Run {
        assert_eq!(self.code, code, "exit code\n{self}");
        self
    }

    pub fn assert_clean(&self) -> &Run {
        self.assert_code(0);
        assert!(self.printed().is_empty(), "expected no diagnostics:\n{self}");
        self
    }

    /// The last line of stderr: the "3 fel i 2 filer" count.
    pub fn summary(&self) -> &str {
        self.stderr.lines().last().unwrap_or_default()
    }
}

impl std::fmt::Display for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "exit {}\n--- stdout ---\n{}\n--- stderr ---\n{}", self.code, self.stdout, self.stderr)
    }
}

pub fn hint(p: &Printed) -> &str {
    p.hint.as_deref().unwrap_or_else(|| panic!("no hint: {p:?}"))
}
