//! Open data: every published meeting as `data/meetings.json` and `data/meetings.csv`
//! (columns documented in `docs/open-data.md`); with the sitemap and robots.txt, the
//! non-HTML files made from the model alone ([`model_files`]).

use super::{Output, StreamedFile, sitemap};
use crate::model::routes::Route;
use crate::model::schema;
use crate::model::{Meeting, Site};
use serde::Serialize;

/// How list fields are joined in a CSV cell.
const LIST_SEPARATOR: &str = "; ";

/// The files made from the model alone: sitemap, robots.txt, open data and (with `cms:`)
/// the browser editor's two files.
/// `page_paths` are the output paths of the HTML pages (for the sitemap).
pub fn model_files<'a>(site: &'a Site, page_paths: &[String]) -> Vec<Output<'a>> {
    let mut out: Vec<Output<'a>> = sitemap::files(site, page_paths).into_iter().map(Output::Whole).collect();
    out.extend(files(site));
    out.extend(super::cms::files(site).into_iter().map(Output::Whole));
    out
}

#[derive(Serialize)]
struct MeetingRecord<'a> {
    slug: &'a str,
    url: String,
    title: &'a str,
    date: String,
    regions: &'a [String],
    themes: &'a [String],
    participants: &'a [String],
    agency_units: &'a [String],
    summary: Option<&'a str>,
    outcomes: &'a [String],
    follow_ups: Vec<FollowUpRecord<'a>>,
}

#[derive(Serialize)]
struct FollowUpRecord<'a> {
    action: &'a str,
    owner: Option<&'a str>,
    due: Option<String>,
    status: &'static str,
}

fn published(site: &Site) -> impl Iterator<Item = &Meeting> {
    site.meetings.iter().filter(|m| !m.draft)
}

/// A meeting's page URL: absolute when `base_url` has an origin, else root-relative.
fn meeting_url(site: &Site, m: &Meeting) -> String {
    site.urls.absolute_to(Route::Meeting(&m.slug))
}

fn record<'a>(site: &Site, m: &'a Meeting) -> MeetingRecord<'a> {
    MeetingRecord {
        slug: &m.slug,
        url: meeting_url(site, m),
        title: &m.title,
        date: m.date.to_string(),
        regions: &m.regions,
        themes: &m.topics,
        participants: &m.participants,
        agency_units: &m.agency_units,
        summary: m.summary.as_deref(),
        outcomes: &m.outcomes,
        follow_ups: m
            .follow_ups
            .iter()
            .map(|f| FollowUpRecord {
                action: &f.action,
                owner: f.owner.as_deref(),
                due: f.due.map(|d| d.to_string()),
                status: f.status.as_str(),
            })
            .collect(),
    }
}

/// Every published meeting's record, made one at a time as they are serialised.
struct Records<'a>(&'a Site);

impl Serialize for Records<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(published(self.0).map(|m| record(self.0, m)))
    }
}

/// `data/meetings.json`: an array of meetings, newest first, pretty-printed.
pub fn write_meetings_json(site: &Site, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &Records(site))?;
    out.write_all(b"\n")
}

/// A cell that a spreadsheet would run as a formula gets an apostrophe before it, as OWASP
/// advises: every part of the cell that starts (after spaces) with `=`, `+`, `-`, `@`, a tab or
/// a carriage return, where a part is the whole cell or what follows a `;` or `,` (Swedish
/// Excel splits a line it opens on `;`, others on `,`). The text is otherwise unchanged.
fn defuse_formula(cell: &str) -> std::borrow::Cow<'_, str> {
    let dangerous = |c: char| matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r');
    let mut at_part_start = true;
    let mut needs = false;
    for c in cell.chars() {
        if at_part_start && dangerous(c) {
            needs = true;
            break;
        }
        at_part_start = matches!(c, ';' | ',') || (at_part_start && c == ' ');
    }
    if !needs {
        return std::borrow::Cow::Borrowed(cell);
    }
    let mut out = String::with_capacity(cell.len() + 4);
    let mut at_part_start = true;
    for c in cell.chars() {
        if at_part_start && dangerous(c) {
            out.push('\'');
        }
        out.push(c);
        at_part_start = matches!(c, ';' | ',') || (at_part_start && c == ' ');
    }
    std::borrow::Cow::Owned(out)
}

/// `data/meetings.csv`: UTF-8 without BOM, a header row, CRLF line ends, RFC 4180 quoting.
pub fn write_meetings_csv(site: &Site, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(out);
    let mut write = || -> Result<(), csv::Error> {
        writer.write_record(schema::open_data_columns())?;
        for m in published(site) {
            let count = m.follow_ups.len().to_string();
            writer.write_record(
                [
                    m.slug.as_str(),
                    &meeting_url(site, m),
                    &m.title,
                    &m.date.to_string(),
                    &m.regions.join(LIST_SEPARATOR),
                    &m.topics.join(LIST_SEPARATOR),
                    &m.participants.join(LIST_SEPARATOR),
                    &m.agency_units.join(LIST_SEPARATOR),
                    m.summary.as_deref().unwrap_or_default(),
                    &m.outcomes.join(LIST_SEPARATOR),
                    &count,
                ]
                .map(defuse_formula)
                .iter()
                .map(|c| c.as_bytes()),
            )?;
        }
        writer.flush()?;
        Ok(())
    };
    write().map_err(|e| match e.into_kind() {
        // The output's own error, for the writer to report with the file's path.
        csv::ErrorKind::Io(io) => io,
        // Records of plain text cannot fail otherwise.
        kind => std::io::Error::other(format!("CSV: {kind:?}")),
    })
}

/// `data/meetings.json` and `data/meetings.csv`.
pub fn files(site: &Site) -> Vec<Output<'_>> {
    let json =
        StreamedFile { path: Route::DataJson.output_file(), write: Box::new(|out| write_meetings_json(site, out)) };
    let csv = StreamedFile { path: Route::DataCsv.output_file(), write: Box::new(|out| write_meetings_csv(site, out)) };
    vec![Output::Streamed(json), Output::Streamed(csv)]
}

/// A streamed file's bytes, for the tests.
#[cfg(test)]
fn bytes_of(write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>) -> Vec<u8> {
    let mut bytes = Vec::new();
    write(&mut bytes).unwrap();
    bytes
}

/// A small site for the tests of the render modules: two counties, a grouping, a topic,
/// two published meetings and a draft.
#[cfg(test)]
pub(crate) mod fixtures {
    use crate::i18n::Lang;
    use crate::model::urls::Urls;
    use crate::model::{
        Body, Config, County, FollowUp, Grouping, GroupingKind, Meeting, PartialDate, Registry, Site, Status, Topic,
    };
    use crate::render::markdown::{self, MarkdownOptions, RenderedMarkdown};

    /// The title with every character XML and HTML treat specially.
    pub const NASTY_TITLE: &str = "Skåne ]]> & <script>alert(\"x\")</script> 'citat'";

    fn county(slug: &str, name: &str, iso: &str, code: &str) -> County {
        County {
            slug: slug.into(),
            name: name.into(),
            name_en: name.into(),
            official_name: format!("{name}s län"),
            official_name_en: format!("{name} County"),
            letter: String::new(),
            county_code: code.into(),
            iso_3166_2: iso.into(),
            nuts3: String::new(),
            actor_2018: String::new(),
            region_2019: String::new(),
        }
    }

    fn meeting(slug: &str, title: &str, date: &str, regions: &[&str], topics: &[&str], body: &str) -> Meeting {
        Meeting {
            slug: slug.into(),
            source_path: format!("content/meetings/{slug}.md"),
            title: title.into(),
            date: PartialDate::parse(date).unwrap(),
            regions: regions.iter().map(|s| s.to_string()).collect(),
            topics: topics.iter().map(|s| s.to_string()).collect(),
            participants: vec![],
            agency_units: vec![],
            summary: None,
            outcomes: vec![],
            follow_ups: vec![],
            draft: false,
            body: Body::new(body, 0, 1),
        }
    }

    pub fn site(base_url: &str) -> Site {
        let config = Config {
            title: "Samtal & dialog".into(),
            description: "Strategiska dialoger".into(),
            base_url: base_url.into(),
            language: Lang::Sv,
            visual_theme: "default".into(),
            output_dir: "public".into(),
            publisher: Some("Tillväxtverket".into()),
            allow_raw_html: false,
            cms: None,
        };
        let registry = Registry {
            counties: vec![
                county("ostergotland", "Östergötland", "SE-E", "05"),
                county("skane", "Skåne", "SE-M", "12"),
            ],
            groupings: vec![Grouping {
                slug: "ostra-mellansverige".into(),
                name: "Östra Mellansverige".into(),
                name_en: "East Middle Sweden".into(),
                kind: GroupingKind::Nuts2,
                code: Some("SE12".into()),
                description: String::new(),
                description_en: String::new(),
                members: vec!["ostergotland".into()],
            }],
        };
        let topics = vec![Topic {
            slug: "smart-specialisation".into(),
            name: "Smart specialisering".into(),
            name_en: "Smart specialisation".into(),
            description: "Styrkeområden".into(),
            description_en: "Strengths".into(),
        }];
        let mut first = meeting(
            "ostergotland-2018",
            "Dialog med Region Östergötland",
            "2018-05-16",
            &["ostergotland"],
            &["smart-specialisation"],
            body_text("ostergotland-2018"),
        );
        first.participants = vec!["Regiondirektör".into(), "Utvecklingschef, tillväxt".into()];
        first.agency_units = vec!["Regioner".into()];
        first.summary = Some("Sammanfattning, med \"citat\"".into());
        first.outcomes = vec!["Ett, två".into(), "Rad\nbrytning".into()];
        first.follow_ups = vec![FollowUp {
            action: "Stärka ledarskapet".into(),
            owner: Some("Tillväxtverket".into()),
            due: PartialDate::parse("2019-06"),
            status: Status::Ongoing,
        }];
        let second = meeting("skane-2018", NASTY_TITLE, "2018", &["skane"], &[], body_text("skane-2018"));
        let mut draft = meeting(
            "hemligt",
            "Hemligt utkast",
            "2019-01-01",
            &["skane"],
            &["smart-specialisation"],
            body_text("hemligt"),
        );
        draft.draft = true;
        Site::new(config, Urls::new(base_url).unwrap(), registry, topics, vec![second, draft, first], vec![], true)
    }

    /// The body of each fixture meeting, by slug (the model keeps only a fingerprint).
    pub fn body_text(slug: &str) -> &'static str {
        match slug {
            "ostergotland-2018" => "Kropp med *text* och [länk](/regioner/skane/).\n",
            "skane-2018" => "Text & <b>mer</b> ]]>\n",
            _ => "Hemligt",
        }
    }

    /// Bodies rendered as `render_site` renders them, in `site.meetings` order.
    pub fn bodies(site: &Site) -> Vec<RenderedMarkdown> {
        let options = MarkdownOptions { urls: &site.urls, allow_raw_html: false };
        site.meetings.iter().map(|m| markdown::render(body_text(&m.slug), m.body.first_line, &options)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_part_of_a_csv_cell_that_a_spreadsheet_would_run_is_defused() {
        // Guards: Swedish Excel splits on `;`, so "a; =CMD()" would run its second part.
        assert_eq!(defuse_formula("=1+1"), "'=1+1");
        assert_eq!(defuse_formula("Regiondirektör; =HYPERLINK(x)"), "Regiondirektör; '=HYPERLINK(x)");
        assert_eq!(defuse_formula("a,-b;@c"), "a,'-b;'@c");
        assert_eq!(defuse_formula("a;\tb"), "a;'\tb");
        assert!(matches!(defuse_formula("Skåne; Östergötland, 2018-05"), std::borrow::Cow::Borrowed(_)));
        assert!(matches!(defuse_formula("e-post och 1+1"), std::borrow::Cow::Borrowed(_)));
    }
    use crate::model::routes;
    use crate::render::feeds;

    #[test]
    fn json_parses_and_has_every_field_without_drafts() {
        let site = fixtures::site("https://example.org/samtal/");
        let value: serde_json::Value =
            serde_json::from_slice(&bytes_of(|out| write_meetings_json(&site, out))).unwrap();
        let all = value.as_array().unwrap();
        assert_eq!(all.len(), 2);
        let m = &all[0];
        assert_eq!(m["slug"], "ostergotland-2018");
        assert_eq!(m["url"], "https://example.org/samtal/moten/ostergotland-2018/");
        assert_eq!(m["date"], "2018-05-16");
        assert_eq!(m["regions"], serde_json::json!(["ostergotland"]));
        assert_eq!(m["themes"], serde_json::json!(["smart-specialisation"]));
        assert_eq!(
            m["follow_ups"],
            serde_json::json!([{"action": "Stärka ledarskapet", "owner": "Tillväxtverket", "due": "2019-06", "status": "ongoing"}])
        );
        assert_eq!(all[1]["summary"], serde_json::Value::Null);
        assert_eq!(all[1]["date"], "2018");
    }

    #[test]
    fn csv_has_a_header_and_quotes_commas_quotes_and_newlines() {
        let site = fixtures::site("/");
        let bytes = bytes_of(|out| write_meetings_csv(&site, out));
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(text.starts_with(
            "slug,url,title,date,regions,themes,participants,agency_units,summary,outcomes,follow_up_count\r\n"
        ));
        assert!(text.contains(r#""Sammanfattning, med ""citat""""#), "{text}");
        assert!(text.contains("\"Ett, två; Rad\nbrytning\""), "{text}");
        assert!(!text.contains("Hemligt"));
        let mut reader = csv::Reader::from_reader(bytes.as_slice());
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(&rows[0][1], "/moten/ostergotland-2018/");
        assert_eq!(&rows[0][6], "Regiondirektör; Utvecklingschef, tillväxt");
        assert_eq!(&rows[0][8], "Sammanfattning, med \"citat\"");
        assert_eq!(&rows[0][9], "Ett, två; Rad\nbrytning");
        assert_eq!(&rows[0][10], "1");
        assert_eq!(&rows[1][2], fixtures::NASTY_TITLE);
        assert_eq!(&rows[1][10], "0");
    }

    #[test]
    fn the_route_tables_site_wide_files_are_exactly_the_files_made() {
        let with_cms = |base| {
            let mut site = fixtures::site(base);
            site.config.cms = Some(crate::model::cms::Cms {
                backend: crate::model::cms::Backend::Github,
                repo: Some("a/b".into()),
                branch: "main".into(),
                base_url: None,
                app_id: None,
                auth_type: None,
                editorial_workflow: false,
                script: None,
            });
            site
        };
        for site in [fixtures::site("/"), fixtures::site("/sub/"), with_cms("/")] {
            let files = model_files(&site, &[]);
            let mut produced: Vec<String> = files.iter().map(|f| f.path().to_string()).collect();
            produced.extend(feeds::files(&site, &[]).into_iter().map(|f| f.path));
            produced.extend(routes::SearchLayout::of(&site).routes(&site).iter().map(Route::output_file));
            let mut listed: Vec<String> = routes::site_wide(&site).iter().map(Route::output_file).collect();
            produced.sort();
            listed.sort();
            assert_eq!(listed, produced);
        }
    }

    #[test]
    fn site_wide_files_are_unique_and_include_every_fixed_path() {
        let site = fixtures::site("/");
        let bodies: Vec<_> = fixtures::bodies(&site).into_iter().map(Some).collect();
        let pages = vec!["index.html".to_string(), "moten/skane-2018/index.html".to_string()];
        let files = model_files(&site, &pages);
        let feeds = feeds::files(&site, &bodies);
        let mut paths: Vec<&str> =
            files.iter().map(|f| f.path()).chain(feeds.iter().map(|f| f.path.as_str())).collect();
        for p in [
            "atom.xml",
            "regioner/skane/atom.xml",
            "regioner/ostra-mellansverige/atom.xml",
            "teman/smart-specialisation/atom.xml",
            "sitemap.xml",
            "robots.txt",
            "data/meetings.json",
            "data/meetings.csv",
        ] {
            assert!(paths.contains(&p), "{p} missing");
        }
        let n = paths.len();
        paths.sort_unstable();
        paths.dedup();
        assert_eq!(paths.len(), n);
    }
}
