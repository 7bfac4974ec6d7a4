//! Open data: every published meeting as `data/meetings.json` and `data/meetings.csv`, every
//! agreed action as `data/follow_ups.json` and `data/follow_ups.csv`, each CSV also as a
//! semicolon-separated file with a byte-order mark for Swedish Excel, and each round's meetings
//! as `data/omgangar/<round>/meetings.*` (the catalogue's datasets of its series; columns in
//! [`MEETING_COLUMNS`] and [`FOLLOW_UP_COLUMNS`], documented in `docs/open-data.md`); with the
//! sitemap, robots.txt, the calendars and the data catalogue, the non-HTML files made from the
//! model alone ([`model_files`]).

use super::{Output, StreamedFile, calendar, card, dcat, sitemap};
use crate::model::follow::action_id;
use crate::model::round::Round;
use crate::model::routes::Route;
use crate::model::site::RegionRef;
use crate::model::{Meeting, PartialDate, Site};
use serde::Serialize;

/// How list fields are joined in a CSV cell.
const LIST_SEPARATOR: &str = "; ";

/// The files made from the model alone but the open-data tables (those are [`write_tables`]):
/// sitemap, robots.txt, the follow-up calendars, the data catalogue (with a host in
/// `base_url`) and (with `cms:`) the browser editor's two files. `page_paths` are the output
/// paths of the HTML pages (for the sitemap); `sizes` are the tables' ([`write_tables`]).
pub fn model_files<'a>(site: &'a Site, page_paths: &[String], sizes: &[(Route<'_>, u64)]) -> Vec<Output<'a>> {
    let mut out: Vec<Output<'a>> = sitemap::files(site, page_paths).into_iter().map(Output::Whole).collect();
    out.extend(calendar::files(site).into_iter().map(Output::Whole));
    out.extend(dcat::files(site, sizes).into_iter().map(Output::Whole));
    out.extend(card::files(site).into_iter().map(Output::Whole));
    out.extend(super::cms::files(site).into_iter().map(Output::Whole));
    out
}

/// A column of an open-data table: its name and what it holds (sv, en), for the CSV header,
/// the `/data/` page and the docs.
pub struct Column {
    pub name: &'static str,
    pub sv: &'static str,
    pub en: &'static str,
    /// A code of digits (`01`) that a spreadsheet must keep as text, not read as the number 1.
    pub code: bool,
}

const fn col(name: &'static str, sv: &'static str, en: &'static str) -> Column {
    Column { name, sv, en, code: false }
}

const fn code(name: &'static str, sv: &'static str, en: &'static str) -> Column {
    Column { name, sv, en, code: true }
}

/// `data/meetings.csv`'s columns, in order (the JSON has the same keys, lists as arrays).
pub const MEETING_COLUMNS: &[Column] = &[
    col("slug", "Mötets identitet (filnamnet)", "The meeting's identifier (its file name)"),
    col("url", "Mötets sida", "The meeting's page"),
    col("title", "Rubrik", "Title"),
    col("date", "Datum: ÅÅÅÅ-MM-DD, ÅÅÅÅ-MM eller ÅÅÅÅ", "Date: YYYY-MM-DD, YYYY-MM or YYYY"),
    col("date_precision", "day, month eller year: hur exakt datumet är", "day, month or year: how precise the date is"),
    col(
        "round",
        "Omgången mötet hör till: round i mötesfilen, annars datumets år",
        "The meeting's round: round in its file, else the date's year",
    ),
    col("updated", "När uppgifterna senast ändrades (annars datumet)", "When the details last changed (else the date)"),
    col("regions", "Regionernas slugs", "The regions' slugs"),
    col("region_names", "Regionernas namn (svenska)", "The regions' names (Swedish)"),
    col("themes", "Temanas slugs", "The themes' slugs"),
    col("theme_names_sv", "Temanas namn på svenska", "The themes' names in Swedish"),
    col("theme_names_en", "Temanas namn på engelska", "The themes' names in English"),
    col("participants", "Deltagare", "Participants"),
    col("agency_units", "Myndighetens avdelningar", "The agency's departments"),
    col("summary", "Sammanfattning", "Summary"),
    col("outcomes", "Resultat", "Outcomes"),
    col("outcome_count", "Antal publicerade resultat", "Number of published outcomes"),
    col("follow_up_count", "Antal överenskomna åtgärder (se follow_ups)", "Number of agreed actions (see follow_ups)"),
    col(
        "follows_up",
        "Tidigare publicerade möten som mötet följer upp (slugs)",
        "Earlier published meetings the meeting follows up (slugs)",
    ),
    col(
        "attachments",
        "Bilagornas adresser (i JSON med rubrik, typ och storlek)",
        "The attachments' addresses (in the JSON with title, type and size)",
    ),
];

/// `data/follow_ups.csv`'s columns, in order (the JSON has the same keys).
pub const FOLLOW_UP_COLUMNS: &[Column] = &[
    col("meeting", "Mötets slug", "The meeting's slug"),
    col("meeting_url", "Mötets sida", "The meeting's page"),
    col("meeting_title", "Mötets rubrik", "The meeting's title"),
    col("meeting_date", "Mötets datum", "The meeting's date"),
    col("number", "Åtgärdens nummer i mötet, från 1", "The action's number in the meeting, from 1"),
    col("action", "Åtgärd", "Action"),
    col("owner", "Ansvarig", "Owner"),
    col(
        "due",
        "Klart senast, som senaste rapporten anger: ÅÅÅÅ-MM-DD, ÅÅÅÅ-MM, ÅÅÅÅ eller tomt",
        "Due, as the latest report gives it: YYYY-MM-DD, YYYY-MM, YYYY or empty",
    ),
    col(
        "status",
        "Var åtgärden står nu (senaste rapporten): planned, ongoing eller done",
        "Where the action stands now (its latest report): planned, ongoing or done",
    ),
    col(
        "overdue",
        "true om inte klar och sista dagen passerats vid bygget",
        "true when not done and past due when built",
    ),
    col(
        "regions",
        "Mötets regioners slugs (länens koder i meeting_counties)",
        "The meeting's region slugs (the counties' codes in meeting_counties)",
    ),
    col("id", "Åtgärdens id i mötet (id:), eller tomt", "The action's id in its meeting (id:), or empty"),
    col("done", "När åtgärden blev klar, eller tomt", "When the action was finished, or empty"),
    col("note", "Kommentar om hur det gick", "A note on how it went"),
    col(
        "reports_on",
        "Åtgärden i ett tidigare möte som raden rapporterar om: mötets slug/åtgärdens id, eller tomt",
        "The action of an earlier meeting the row reports on: meeting slug/action id, or empty",
    ),
    col(
        "action_id",
        "Åtgärdens stabila id: mötets slug/id, annars mötets slug#nummer; en rapport har sin åtgärds",
        "The action's stable id: meeting slug/id, else meeting slug#number; a report has its action's",
    ),
    col(
        "status_reported",
        "Status som raden själv anger (status, due och done är var åtgärden står nu)",
        "The status the row itself gives (status, due and done are where the action stands now)",
    ),
    col(
        "updated",
        "Datum för mötet som senast sa var åtgärden står",
        "The date of the meeting that last said where the action stands",
    ),
];

/// `data/meeting_counties.csv`'s columns, in order: one row per meeting and county, so that
/// each cell holds one code and the table joins with statistics by county code.
pub const COUNTY_COLUMNS: &[Column] = &[
    col("meeting", "Mötets slug", "The meeting's slug"),
    col(
        "region",
        "Regionen som mötet anger: länet självt eller en gruppering det ingår i",
        "The region the meeting names: the county itself or a grouping it belongs to",
    ),
    col("county", "Länets slug", "The county's slug"),
    col("county_name", "Länets namn (svenska)", "The county's name (Swedish)"),
    code("county_code", "Länskod (SCB), två siffror", "County code (SCB), two digits"),
    col("iso_3166_2", "ISO 3166-2-kod", "ISO 3166-2 code"),
    col("nuts3", "NUTS 3-kod (NUTS 2021)", "NUTS 3 code (NUTS 2021)"),
    col("nuts2", "NUTS 2-kod (riksområde)", "NUTS 2 code (national area)"),
];

/// How precise a date is: `day`, `month` or `year`.
fn precision(d: PartialDate) -> &'static str {
    match (d.month, d.day) {
        (_, Some(_)) => "day",
        (Some(_), None) => "month",
        _ => "year",
    }
}

/// The official codes of a meeting's regions, each list without repeats: a county gives its
/// own codes; a grouping its member counties' county and ISO codes, and its NUTS 2 code (or,
/// without one, its members' NUTS 3 codes).
#[derive(Serialize, Default)]
pub struct RegionCodes {
    pub county_codes: Vec<String>,
    pub iso_3166_2: Vec<String>,
    pub nuts_codes: Vec<String>,
}

fn push_unique(list: &mut Vec<String>, value: &str) {
    if !value.is_empty() && !list.iter().any(|v| v == value) {
        list.push(value.to_string());
    }
}

/// A grouping's member counties, in regions.yaml's order.
fn member_counties<'s>(
    site: &'s Site,
    grouping: &'s crate::model::Grouping,
) -> impl Iterator<Item = &'s crate::model::County> + 's {
    grouping.members.iter().filter_map(|m| match site.region(m) {
        Some(RegionRef::County(c)) => Some(c),
        _ => None,
    })
}

pub fn region_codes(site: &Site, regions: &[String]) -> RegionCodes {
    let mut codes = RegionCodes::default();
    for r in regions {
        match site.region(r) {
            Some(RegionRef::County(c)) => {
                push_unique(&mut codes.county_codes, &c.county_code);
                push_unique(&mut codes.iso_3166_2, &c.iso_3166_2);
                push_unique(&mut codes.nuts_codes, &c.nuts3);
            }
            Some(RegionRef::Grouping(g)) => {
                for c in member_counties(site, g) {
                    push_unique(&mut codes.county_codes, &c.county_code);
                    push_unique(&mut codes.iso_3166_2, &c.iso_3166_2);
                    if g.code.is_none() {
                        push_unique(&mut codes.nuts_codes, &c.nuts3);
                    }
                }
                push_unique(&mut codes.nuts_codes, g.code.as_deref().unwrap_or_default());
            }
            None => {}
        }
    }
    codes
}

/// A region's Swedish name (the data's names are Swedish, whatever the site's language).
fn region_name_sv(site: &Site, slug: &str) -> String {
    match site.region(slug) {
        Some(RegionRef::County(c)) => c.name.clone(),
        Some(RegionRef::Grouping(g)) => g.name.clone(),
        None => slug.to_string(),
    }
}

#[derive(Serialize)]
struct MeetingRecord<'a> {
    slug: &'a str,
    url: String,
    title: &'a str,
    date: String,
    date_precision: &'static str,
    round: &'a str,
    updated: String,
    regions: &'a [String],
    region_names: Vec<String>,
    themes: &'a [String],
    theme_names_sv: Vec<&'a str>,
    theme_names_en: Vec<&'a str>,
    participants: &'a [String],
    agency_units: &'a [String],
    summary: Option<&'a str>,
    outcomes: &'a [String],
    outcome_count: usize,
    follow_up_count: usize,
    follows_up: Vec<&'a str>,
    follow_ups: Vec<MeetingFollowUp<'a>>,
    attachments: Vec<MeetingAttachment<'a>>,
}

/// An attachment inside a meeting's JSON record (the CSV lists the addresses only).
#[derive(Serialize)]
struct MeetingAttachment<'a> {
    url: String,
    title: Option<&'a str>,
    /// The media type (`application/pdf`).
    #[serde(rename = "type")]
    media_type: &'static str,
    bytes: u64,
}

/// A follow-up inside a meeting's JSON record (the flat table is [`FollowUpRecord`]).
#[derive(Serialize)]
struct MeetingFollowUp<'a> {
    action: &'a str,
    owner: Option<&'a str>,
    due: Option<String>,
    status: &'static str,
    id: Option<&'a str>,
    done: Option<String>,
    note: Option<&'a str>,
    reports_on: Option<String>,
    action_id: String,
    status_reported: &'static str,
    updated: String,
}

/// The published meetings, with their index in `site.meetings`.
fn published(site: &Site) -> impl Iterator<Item = (usize, &Meeting)> {
    site.meetings.iter().enumerate().filter(|(_, m)| !m.draft)
}

/// The published meetings `index` follows up, by slug, oldest first.
fn follows_up(site: &Site, index: usize) -> Vec<&str> {
    let follows = site.follow.follows(index).iter().map(|&i| &site.meetings[i]);
    follows.filter(|m| !m.draft).map(|m| m.slug.as_str()).collect()
}

/// What item `n` of meeting `index` reports on, as `meeting/id`, when that is published.
fn reports_on(site: &Site, index: usize, n: usize) -> Option<String> {
    let (m, i) = site.follow.reports_on((index, n))?;
    let target = &site.meetings[m];
    let id = target.follow_ups[i].id.as_deref()?;
    (!target.draft).then(|| format!("{}/{id}", target.slug))
}

/// A meeting's page URL: absolute when `base_url` has an origin, else root-relative.
fn meeting_url(site: &Site, m: &Meeting) -> String {
    site.urls.absolute_to(Route::Meeting(&m.slug))
}

fn topic_names<'a>(site: &'a Site, m: &Meeting) -> (Vec<&'a str>, Vec<&'a str>) {
    m.topics.iter().filter_map(|t| site.topic(t)).map(|t| (t.name.as_str(), t.name_en.as_str())).unzip()
}

fn record(site: &Site, index: usize) -> MeetingRecord<'_> {
    let m = &site.meetings[index];
    let (theme_names_sv, theme_names_en) = topic_names(site, m);
    MeetingRecord {
        slug: &m.slug,
        url: meeting_url(site, m),
        title: &m.title,
        date: m.date.to_string(),
        date_precision: precision(m.date),
        round: &m.round,
        updated: m.last_updated().to_string(),
        regions: &m.regions,
        region_names: m.regions.iter().map(|r| region_name_sv(site, r)).collect(),
        themes: &m.topics,
        theme_names_sv,
        theme_names_en,
        participants: &m.participants,
        agency_units: &m.agency_units,
        summary: m.summary.as_deref(),
        outcomes: &m.outcomes,
        outcome_count: m.outcomes.len(),
        follow_up_count: m.follow_ups.len(),
        follows_up: follows_up(site, index),
        follow_ups: m
            .follow_ups
            .iter()
            .enumerate()
            .map(|(n, f)| {
                let now = site.follow.standing(&site.meetings, (index, n));
                MeetingFollowUp {
                    action: &f.action,
                    owner: f.owner.as_deref(),
                    due: now.due.map(|d| d.to_string()),
                    status: now.status.as_str(),
                    id: f.id.as_deref(),
                    done: now.done.map(|d| d.to_string()),
                    note: f.note.as_deref(),
                    reports_on: reports_on(site, index, n),
                    action_id: action_id(&site.meetings, now.action),
                    status_reported: f.status.as_str(),
                    updated: now.updated.to_string(),
                }
            })
            .collect(),
        attachments: m
            .attachments
            .iter()
            .map(|a| MeetingAttachment {
                url: crate::render::pages::attachments::absolute_url(site, a),
                title: a.title.as_deref(),
                media_type: a.kind().media_type(a.file_name()),
                bytes: a.bytes,
            })
            .collect(),
    }
}

#[derive(Serialize)]
struct FollowUpRecord<'a> {
    meeting: &'a str,
    meeting_url: String,
    meeting_title: &'a str,
    meeting_date: String,
    number: usize,
    action: &'a str,
    owner: Option<&'a str>,
    due: Option<String>,
    status: &'static str,
    overdue: bool,
    regions: &'a [String],
    id: Option<&'a str>,
    done: Option<String>,
    note: Option<&'a str>,
    reports_on: Option<String>,
    action_id: String,
    status_reported: &'static str,
    updated: String,
}

fn follow_up_records(site: &Site, index: usize, today: PartialDate) -> impl Iterator<Item = FollowUpRecord<'_>> + '_ {
    let m = &site.meetings[index];
    m.follow_ups.iter().enumerate().map(move |(i, f)| {
        let now = site.follow.standing(&site.meetings, (index, i));
        FollowUpRecord {
            meeting: &m.slug,
            meeting_url: meeting_url(site, m),
            meeting_title: &m.title,
            meeting_date: m.date.to_string(),
            number: i + 1,
            action: &f.action,
            owner: f.owner.as_deref(),
            due: now.due.map(|d| d.to_string()),
            status: now.status.as_str(),
            overdue: now.is_overdue(today),
            regions: &m.regions,
            id: f.id.as_deref(),
            done: now.done.map(|d| d.to_string()),
            note: f.note.as_deref(),
            reports_on: reports_on(site, index, i),
            action_id: action_id(&site.meetings, now.action),
            status_reported: f.status.as_str(),
            updated: now.updated.to_string(),
        }
    })
}

/// A row of `data/meeting_counties`: one county of one meeting.
#[derive(Serialize)]
struct CountyRecord<'a> {
    meeting: &'a str,
    region: &'a str,
    county: &'a str,
    county_name: &'a str,
    county_code: &'a str,
    iso_3166_2: &'a str,
    nuts3: &'a str,
    nuts2: Option<String>,
}

/// A county's NUTS 2 code: that of the NUTS 2 grouping it belongs to in regions.yaml, else
/// its NUTS 3 code without the last character (NUTS 3 codes extend their NUTS 2 code by one).
fn nuts2_of(site: &Site, county: &crate::model::County) -> Option<String> {
    let grouping =
        site.registry.groupings.iter().find(|g| {
            g.kind == crate::model::GroupingKind::Nuts2 && g.code.is_some() && g.members.contains(&county.slug)
        });
    grouping
        .and_then(|g| g.code.clone())
        .or_else(|| (county.nuts3.len() == 5 && county.nuts3.is_ascii()).then(|| county.nuts3[..4].to_string()))
}

/// The counties of meeting `index`, each once, under the first region that names it: a
/// county itself, a grouping its member counties.
fn county_records(site: &Site, index: usize) -> Vec<CountyRecord<'_>> {
    let m = &site.meetings[index];
    let mut rows: Vec<CountyRecord<'_>> = Vec::new();
    for r in &m.regions {
        let counties: Vec<&crate::model::County> = match site.region(r) {
            Some(RegionRef::County(c)) => vec![c],
            Some(RegionRef::Grouping(g)) => member_counties(site, g).collect(),
            None => Vec::new(),
        };
        for c in counties {
            if rows.iter().any(|row| row.county == c.slug) {
                continue;
            }
            rows.push(CountyRecord {
                meeting: &m.slug,
                region: r,
                county: &c.slug,
                county_name: &c.name,
                county_code: &c.county_code,
                iso_3166_2: &c.iso_3166_2,
                nuts3: &c.nuts3,
                nuts2: nuts2_of(site, c),
            });
        }
    }
    rows
}

fn county_row(r: CountyRecord<'_>) -> Vec<String> {
    vec![
        r.meeting.to_string(),
        r.region.to_string(),
        r.county.to_string(),
        r.county_name.to_string(),
        r.county_code.to_string(),
        r.iso_3166_2.to_string(),
        r.nuts3.to_string(),
        r.nuts2.unwrap_or_default(),
    ]
}

/// Every county row of every published meeting, made one meeting at a time.
struct CountyRecords<'a>(&'a Site);

impl Serialize for CountyRecords<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(published(self.0).flat_map(|(i, _)| county_records(self.0, i)))
    }
}

/// `data/meeting_counties.json`: an array of rows, newest meeting first, pretty-printed.
pub fn write_counties_json(site: &Site, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &CountyRecords(site))?;
    out.write_all(b"\n")
}

/// `data/meeting_counties.csv` (or its Excel twin): a header row, one row per meeting and county.
pub fn write_counties_csv(site: &Site, dialect: Dialect, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut rows = published(site).flat_map(|(i, _)| county_records(site, i)).map(county_row);
    write_csv(dialect, out, COUNTY_COLUMNS, &mut rows)
}

/// Which meetings a meetings table holds: every published meeting (`data/meetings.*`), or
/// the published meetings of one round (`data/omgangar/<round>/meetings.*`).
#[derive(Debug, Clone, Copy)]
pub enum Meetings<'a> {
    All,
    Round(&'a Round),
}

/// The indexes of the published meetings `which` names, newest first (as `site.meetings`).
fn chosen<'a>(site: &'a Site, which: Meetings<'a>) -> Box<dyn Iterator<Item = usize> + 'a> {
    match which {
        Meetings::All => Box::new(published(site).map(|(i, _)| i)),
        Meetings::Round(r) => Box::new(r.meetings.iter().copied().filter(|&i| !site.meetings[i].draft)),
    }
}

/// The published meetings' records `which` names, made one at a time as they are serialised.
struct Records<'a>(&'a Site, Meetings<'a>);

impl Serialize for Records<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(chosen(self.0, self.1).map(|i| record(self.0, i)))
    }
}

/// Every follow-up of every published meeting, made one at a time as they are serialised.
struct FollowUpRecords<'a>(&'a Site, PartialDate);

impl Serialize for FollowUpRecords<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Self(site, today) = *self;
        serializer.collect_seq(published(site).flat_map(|(i, _)| follow_up_records(site, i, today)))
    }
}

/// `data/meetings.json` (or a round's): an array of meetings, newest first, pretty-printed.
pub fn write_meetings_json(site: &Site, which: Meetings<'_>, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &Records(site, which))?;
    out.write_all(b"\n")
}

/// `data/follow_ups.json`: an array of agreed actions, newest meeting first, pretty-printed.
pub fn write_follow_ups_json(site: &Site, today: PartialDate, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &FollowUpRecords(site, today))?;
    out.write_all(b"\n")
}

/// A cell that a spreadsheet would run as a formula gets an apostrophe before it, as OWASP
/// advises: every part of the cell that starts (after spaces) with `=`, `+`, `-`, `@`, a tab or
/// a carriage return, where a part is the whole cell or what follows a `;` or `,` (Swedish
/// Excel splits a line it opens on `;`, others on `,`). The text is otherwise unchanged.
fn defuse_formula(cell: &str) -> std::borrow::Cow<'_, str> {
    let dangerous = |c: char| matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r');
    // Every character that matters is ASCII, and no byte of a longer character is: the
    // bytes say whether a cell needs it without decoding its characters (every cell of the
    // open data is asked).
    let mut at_part_start = true;
    let mut needs = false;
    for &b in cell.as_bytes() {
        if at_part_start && matches!(b, b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') {
            needs = true;
            break;
        }
        at_part_start = matches!(b, b';' | b',') || (at_part_start && b == b' ');
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

/// A code of digits as Excel keeps it: `="01"`, a formula whose value is the text `01` (Excel
/// reads a bare `01` in a CSV as the number 1 and shows `1`). Only digits are wrapped, so
/// nothing an author wrote can become a formula; any other code is defused as usual.
fn as_text_for_excel(cell: &str) -> std::borrow::Cow<'_, str> {
    if !cell.is_empty() && cell.bytes().all(|b| b.is_ascii_digit()) {
        std::borrow::Cow::Owned(format!("=\"{cell}\""))
    } else {
        defuse_formula(cell)
    }
}

/// The two CSV dialects: RFC 4180 with commas and no byte-order mark (for programs), and
/// semicolons with a UTF-8 byte-order mark, which Swedish Excel opens as columns of readable
/// text when the file is double-clicked (it splits on the list separator `;` and reads a file
/// without the mark as Windows-1252).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Comma,
    ExcelSemicolon,
}

/// A CSV writer of `dialect` over `out`: CRLF line ends, RFC 4180 quoting, every cell defused.
fn write_csv(
    dialect: Dialect,
    out: &mut dyn std::io::Write,
    header: &[Column],
    rows: &mut dyn Iterator<Item = Vec<String>>,
) -> std::io::Result<()> {
    if dialect == Dialect::ExcelSemicolon {
        out.write_all("\u{feff}".as_bytes())?;
    }
    let delimiter = if dialect == Dialect::Comma { b',' } else { b';' };
    let mut writer = csv::WriterBuilder::new().delimiter(delimiter).terminator(csv::Terminator::CRLF).from_writer(out);
    let write = || -> Result<(), csv::Error> {
        writer.write_record(header.iter().map(|c| c.name))?;
        for row in rows {
            let cells = row.iter().zip(header).map(|(cell, column)| match dialect {
                Dialect::ExcelSemicolon if column.code => as_text_for_excel(cell),
                _ => defuse_formula(cell),
            });
            writer.write_record(cells.collect::<Vec<_>>().iter().map(|c| c.as_bytes()))?;
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

fn meeting_row(site: &Site, index: usize) -> Vec<String> {
    let r = record(site, index);
    let join = |list: &[String]| list.join(LIST_SEPARATOR);
    vec![
        r.slug.to_string(),
        r.url,
        r.title.to_string(),
        r.date,
        r.date_precision.to_string(),
        r.round.to_string(),
        r.updated,
        join(r.regions),
        join(&r.region_names),
        join(r.themes),
        r.theme_names_sv.join(LIST_SEPARATOR),
        r.theme_names_en.join(LIST_SEPARATOR),
        join(r.participants),
        join(r.agency_units),
        r.summary.unwrap_or_default().to_string(),
        join(r.outcomes),
        r.outcome_count.to_string(),
        r.follow_up_count.to_string(),
        r.follows_up.join(LIST_SEPARATOR),
        r.attachments.iter().map(|a| a.url.as_str()).collect::<Vec<_>>().join(LIST_SEPARATOR),
    ]
}

fn follow_up_row(r: FollowUpRecord<'_>) -> Vec<String> {
    let join = |list: &[String]| list.join(LIST_SEPARATOR);
    vec![
        r.meeting.to_string(),
        r.meeting_url,
        r.meeting_title.to_string(),
        r.meeting_date,
        r.number.to_string(),
        r.action.to_string(),
        r.owner.unwrap_or_default().to_string(),
        r.due.unwrap_or_default(),
        r.status.to_string(),
        r.overdue.to_string(),
        join(r.regions),
        r.id.unwrap_or_default().to_string(),
        r.done.unwrap_or_default(),
        r.note.unwrap_or_default().to_string(),
        r.reports_on.unwrap_or_default(),
        r.action_id,
        r.status_reported.to_string(),
        r.updated,
    ]
}

/// `data/meetings.csv` (or a round's, or their Excel twins): a header row, one row per
/// published meeting `which` names.
pub fn write_meetings_csv(
    site: &Site,
    which: Meetings<'_>,
    dialect: Dialect,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    write_csv(dialect, out, MEETING_COLUMNS, &mut chosen(site, which).map(|i| meeting_row(site, i)))
}

/// `data/follow_ups.csv` (or its Excel twin): a header row, one row per agreed action.
pub fn write_follow_ups_csv(
    site: &Site,
    today: PartialDate,
    dialect: Dialect,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut rows = published(site).flat_map(|(i, _)| follow_up_records(site, i, today)).map(follow_up_row);
    write_csv(dialect, out, FOLLOW_UP_COLUMNS, &mut rows)
}

/// The open-data tables, as (route, how to write it), in the order of
/// [`crate::model::routes::data_tables`]; `/data/` lists them with their sizes.
pub fn tables(site: &Site, today: PartialDate) -> Vec<(Route<'_>, Writer<'_>)> {
    let all = Meetings::All;
    let mut tables: Vec<(Route<'_>, Writer<'_>)> = vec![
        (Route::DataJson, Box::new(move |out| write_meetings_json(site, all, out))),
        (Route::DataCsv, Box::new(move |out| write_meetings_csv(site, all, Dialect::Comma, out))),
        (Route::DataCsvExcel, Box::new(move |out| write_meetings_csv(site, all, Dialect::ExcelSemicolon, out))),
        (Route::FollowUpsJson, Box::new(move |out| write_follow_ups_json(site, today, out))),
        (Route::FollowUpsCsv, Box::new(move |out| write_follow_ups_csv(site, today, Dialect::Comma, out))),
        (
            Route::FollowUpsCsvExcel,
            Box::new(move |out| write_follow_ups_csv(site, today, Dialect::ExcelSemicolon, out)),
        ),
        (Route::CountiesJson, Box::new(move |out| write_counties_json(site, out))),
        (Route::CountiesCsv, Box::new(move |out| write_counties_csv(site, Dialect::Comma, out))),
        (Route::CountiesCsvExcel, Box::new(move |out| write_counties_csv(site, Dialect::ExcelSemicolon, out))),
    ];
    for r in crate::model::routes::published_rounds(site) {
        let round = Meetings::Round(r);
        tables.push((Route::RoundDataJson(&r.slug), Box::new(move |out| write_meetings_json(site, round, out))));
        tables.push((
            Route::RoundDataCsv(&r.slug),
            Box::new(move |out| write_meetings_csv(site, round, Dialect::Comma, out)),
        ));
        tables.push((
            Route::RoundDataCsvExcel(&r.slug),
            Box::new(move |out| write_meetings_csv(site, round, Dialect::ExcelSemicolon, out)),
        ));
    }
    tables
}

/// The whole site's open-data tables' routes, the first of [`tables`] (each round's
/// meetings tables follow them).
pub const TABLE_ROUTES: [Route<'static>; 9] = crate::model::routes::DATA_TABLES;

/// Writes one open-data file into the output it is given.
pub type Writer<'a> = Box<dyn Fn(&mut dyn std::io::Write) -> std::io::Result<()> + Send + Sync + 'a>;

/// The open-data files, streamed.
pub fn files(site: &Site, today: PartialDate) -> Vec<Output<'_>> {
    tables(site, today)
        .into_iter()
        .map(|(route, write)| {
            Output::Streamed(StreamedFile { path: route.output_file(), write: Box::new(move |out| write(out)) })
        })
        .collect()
}

/// Each open-data table's size in bytes, in [`tables`] order: counted once per build
/// (in parallel, without keeping the bytes) for the `/data/` page and the catalogue.
pub fn sizes(site: &Site, today: PartialDate) -> Vec<(Route<'_>, u64)> {
    use rayon::prelude::*;
    tables(site, today).par_iter().map(|(route, write)| (*route, size_of(write))).collect()
}

/// Writes the open-data tables into `sink`, side by side, and returns each one's size in
/// bytes as it was written, in [`tables`] order. A build makes each table once: its size
/// (for `/data/` and the catalogue) comes from writing it, not from making it a second time
/// as [`sizes`] does (that was a tenth of a build's CPU).
pub fn write_tables<'a, E: Send>(
    site: &'a Site,
    today: PartialDate,
    sink: super::Sink<'_, E>,
) -> Result<Vec<(Route<'a>, u64)>, E> {
    use rayon::prelude::*;
    tables(site, today)
        .into_par_iter()
        .map(|(route, write)| {
            let written = std::sync::atomic::AtomicU64::new(0);
            let counted = |out: &mut dyn std::io::Write| {
                let mut counter = Counter { out, count: 0 };
                let result = write(&mut counter);
                written.store(counter.count, std::sync::atomic::Ordering::Relaxed);
                result
            };
            sink(Output::Streamed(StreamedFile { path: route.output_file(), write: Box::new(counted) }))?;
            Ok((route, written.load(std::sync::atomic::Ordering::Relaxed)))
        })
        .collect()
}

/// Passes bytes on to `out`, counting those it took.
struct Counter<'w> {
    out: &'w mut dyn std::io::Write,
    count: u64,
}

impl std::io::Write for Counter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let written = self.out.write(buf)?;
        self.count += written as u64;
        Ok(written)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// A table's size from [`sizes`]; 0 for a route that is not a table.
pub fn size_in(sizes: &[(Route<'_>, u64)], route: Route<'_>) -> u64 {
    sizes.iter().find(|(r, _)| *r == route).map_or(0, |(_, size)| *size)
}

/// How many bytes a file would have, counted without keeping it.
fn size_of(write: &Writer<'_>) -> u64 {
    struct Counter(u64);
    impl std::io::Write for Counter {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 += buf.len() as u64;
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut counter = Counter(0);
    // Counting cannot fail: the counter accepts everything.
    let _ = write(&mut counter);
    counter.0
}

/// The schema fields published as open-data columns are all in the meetings table.
#[cfg(test)]
fn schema_columns_missing() -> Vec<&'static str> {
    crate::model::schema::open_data_columns()
        .into_iter()
        .filter(|c| !MEETING_COLUMNS.iter().any(|m| m.name == *c))
        .collect()
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
            contacts: Vec::new(),
        }
    }

    fn meeting(slug: &str, title: &str, date: &str, regions: &[&str], topics: &[&str], body: &str) -> Meeting {
        Meeting {
            title: title.into(),
            regions: regions.iter().map(|s| s.to_string()).collect(),
            topics: topics.iter().map(|s| s.to_string()).collect(),
            body: Body::new(body, 0, 1),
            ..Meeting::example(slug, date)
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
            publisher_url: None,
            contact: None,
            license: None,
            og_image: None,
            allow_raw_html: false,
            round_names: Default::default(),
            cms: None,
            accessibility: None,
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
                contacts: Vec::new(),
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
            id: None,
            done: None,
            note: None,
            reports_on: None,
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
        let options = MarkdownOptions { urls: &site.urls, allow_raw_html: false, bundle: None, pictures: None };
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
            serde_json::from_slice(&bytes_of(|out| write_meetings_json(&site, Meetings::All, out))).unwrap();
        let all = value.as_array().unwrap();
        assert_eq!(all.len(), 2);
        let m = &all[0];
        assert_eq!(m["slug"], "ostergotland-2018");
        assert_eq!(m["url"], "https://example.org/samtal/moten/ostergotland-2018/");
        assert_eq!(m["date"], "2018-05-16");
        assert_eq!(m["date_precision"], "day");
        assert_eq!(m["updated"], "2018-05-16");
        assert_eq!(m["regions"], serde_json::json!(["ostergotland"]));
        assert_eq!(m["region_names"], serde_json::json!(["Östergötland"]));
        assert_eq!(m["county_codes"], serde_json::Value::Null, "codes are in meeting_counties, one per cell");
        assert_eq!(m["themes"], serde_json::json!(["smart-specialisation"]));
        assert_eq!(m["theme_names_sv"], serde_json::json!(["Smart specialisering"]));
        assert_eq!(m["theme_names_en"], serde_json::json!(["Smart specialisation"]));
        assert_eq!(m["outcome_count"], 2);
        assert_eq!(
            m["follow_ups"],
            serde_json::json!([{"action": "Stärka ledarskapet", "owner": "Tillväxtverket", "due": "2019-06", "status": "ongoing",
                "id": null, "done": null, "note": null, "reports_on": null, "action_id": "ostergotland-2018#1",
                "status_reported": "ongoing", "updated": "2018-05-16"}])
        );
        assert_eq!(all[1]["summary"], serde_json::Value::Null);
        assert_eq!(all[1]["date"], "2018");
        assert_eq!(all[1]["date_precision"], "year");
    }

    #[test]
    fn a_grouping_gives_its_member_counties_codes_and_its_nuts2_code() {
        let site = fixtures::site("/");
        let codes = region_codes(&site, &["ostra-mellansverige".into(), "skane".into()]);
        assert_eq!(codes.county_codes, ["05", "12"]);
        assert_eq!(codes.iso_3166_2, ["SE-E", "SE-M"]);
        assert_eq!(codes.nuts_codes, ["SE12"], "the fixture's counties have no NUTS 3 code");
    }

    #[test]
    fn follow_ups_have_one_row_each_with_meeting_codes_and_overdue() {
        let site = fixtures::site("https://example.org/");
        let before = PartialDate::parse("2019-06-30").unwrap();
        let after = PartialDate::parse("2019-07-01").unwrap();
        let json = |today| -> serde_json::Value {
            serde_json::from_slice(&bytes_of(|out| write_follow_ups_json(&site, today, out))).unwrap()
        };
        let rows = json(before);
        assert_eq!(rows.as_array().unwrap().len(), 1);
        assert_eq!(rows[0]["meeting"], "ostergotland-2018");
        assert_eq!(rows[0]["meeting_url"], "https://example.org/moten/ostergotland-2018/");
        assert_eq!(rows[0]["number"], 1);
        assert_eq!(rows[0]["due"], "2019-06");
        assert_eq!(rows[0]["status"], "ongoing");
        assert_eq!(rows[0]["overdue"], false, "due in June: not overdue on its last day");
        assert_eq!(rows[0]["action_id"], "ostergotland-2018#1");
        assert_eq!(json(after)[0]["overdue"], true);
        let csv_bytes = bytes_of(|out| write_follow_ups_csv(&site, after, Dialect::Comma, out));
        let mut reader = csv::Reader::from_reader(csv_bytes.as_slice());
        let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
        assert_eq!(header, FOLLOW_UP_COLUMNS.iter().map(|c| c.name).collect::<Vec<_>>());
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 1);
        assert_eq!(&rows[0][5], "Stärka ledarskapet");
        assert_eq!(&rows[0][9], "true");
    }

    #[test]
    fn the_excel_files_have_a_byte_order_mark_semicolons_and_defused_cells() {
        // Guards: Swedish Excel read the CSV as Windows-1252 in one column.
        let mut site = fixtures::site("/");
        let i = site.meetings.iter().position(|m| m.slug == "ostergotland-2018").unwrap();
        site.meetings[i].participants = vec!["=HYPERLINK(\"x\")".into()];
        let bytes = bytes_of(|out| write_meetings_csv(&site, Meetings::All, Dialect::ExcelSemicolon, out));
        assert!(bytes.starts_with("\u{feff}slug;url;title;".as_bytes()));
        let mut reader = csv::ReaderBuilder::new().delimiter(b';').from_reader(&bytes[3..]);
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        let participants = MEETING_COLUMNS.iter().position(|c| c.name == "participants").unwrap();
        assert_eq!(&rows[0][participants], "'=HYPERLINK(\"x\")");
        let comma = bytes_of(|out| write_meetings_csv(&site, Meetings::All, Dialect::Comma, out));
        assert!(comma.starts_with(b"slug,url,"), "the comma file has no byte-order mark");
    }

    #[test]
    fn docs_open_data_explains_every_column() {
        // Guards: a new column is never left out of docs/open-data.md.
        let docs = include_str!("../../docs/open-data.md");
        for c in MEETING_COLUMNS {
            assert!(docs.contains(&format!("| `{}` |", c.name)), "docs/open-data.md: no row for `{}`", c.name);
        }
        for c in FOLLOW_UP_COLUMNS.iter().chain(COUNTY_COLUMNS) {
            assert!(docs.contains(&format!("`{}`", c.name)), "docs/open-data.md does not name `{}`", c.name);
        }
    }

    #[test]
    fn one_county_code_per_cell_with_nuts_2_and_nuts_3_apart() {
        // Guards issue 31 item 5: codes joined in one cell ("05; 12") cannot be joined with
        // statistics. A grouping gives one row per member county, each county once.
        let mut site = fixtures::site("/");
        site.registry.counties[0].nuts3 = "SE123".into();
        let i = site.meetings.iter().position(|m| m.slug == "skane-2018").unwrap();
        site.meetings[i].regions = vec!["ostra-mellansverige".into(), "skane".into(), "ostergotland".into()];
        let bytes = bytes_of(|out| write_counties_csv(&site, Dialect::Comma, out));
        let mut reader = csv::Reader::from_reader(bytes.as_slice());
        let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
        assert_eq!(header, COUNTY_COLUMNS.iter().map(|c| c.name).collect::<Vec<_>>());
        let rows: Vec<Vec<String>> =
            reader.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect();
        let skane: Vec<&Vec<String>> = rows.iter().filter(|r| r[0] == "skane-2018").collect();
        assert_eq!(skane.len(), 2, "Östergötland once, under the grouping that named it first: {rows:?}");
        for row in &rows {
            assert!(!row.iter().any(|cell| cell.contains(';')), "one value per cell: {row:?}");
        }
        let first = skane.iter().find(|r| r[4] == "05").unwrap();
        assert_eq!((first[1].as_str(), first[6].as_str(), first[7].as_str()), ("ostra-mellansverige", "SE123", "SE12"));
    }

    #[test]
    fn excel_twins_keep_codes_as_text() {
        // Guards issue 31 item 5: Excel read the county code "05" as the number 5.
        let site = fixtures::site("/");
        let excel = String::from_utf8(bytes_of(|out| write_counties_csv(&site, Dialect::ExcelSemicolon, out))).unwrap();
        assert!(excel.contains(";\"=\"\"05\"\"\";SE-E;"), "{excel}");
        let comma = String::from_utf8(bytes_of(|out| write_counties_csv(&site, Dialect::Comma, out))).unwrap();
        assert!(comma.contains(",05,SE-E,"), "programs get the plain code: {comma}");
        assert_eq!(as_text_for_excel("=1+1"), "'=1+1", "only digits become a formula");
    }

    #[test]
    fn every_published_schema_field_is_a_meetings_column() {
        assert!(schema_columns_missing().is_empty(), "{:?}", schema_columns_missing());
    }

    #[test]
    fn csv_has_a_header_and_quotes_commas_quotes_and_newlines() {
        let site = fixtures::site("/");
        let bytes = bytes_of(|out| write_meetings_csv(&site, Meetings::All, Dialect::Comma, out));
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(text.starts_with(
            "slug,url,title,date,date_precision,round,updated,regions,region_names,\
             themes,theme_names_sv,theme_names_en,participants,agency_units,summary,outcomes,outcome_count,\
             follow_up_count,follows_up,attachments\r\n"
        ));
        assert!(text.contains(r#""Sammanfattning, med ""citat""""#), "{text}");
        assert!(text.contains("\"Ett, två; Rad\nbrytning\""), "{text}");
        assert!(!text.contains("Hemligt"));
        let mut reader = csv::Reader::from_reader(bytes.as_slice());
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 2);
        let at = |name: &str| MEETING_COLUMNS.iter().position(|c| c.name == name).unwrap();
        assert_eq!(&rows[0][1], "/moten/ostergotland-2018/");
        assert_eq!(&rows[0][at("participants")], "Regiondirektör; Utvecklingschef, tillväxt");
        assert_eq!(&rows[0][at("summary")], "Sammanfattning, med \"citat\"");
        assert_eq!(&rows[0][at("outcomes")], "Ett, två; Rad\nbrytning");
        assert_eq!(&rows[0][at("follow_up_count")], "1");
        assert_eq!(&rows[1][2], fixtures::NASTY_TITLE);
        assert_eq!(&rows[1][at("follow_up_count")], "0");
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
        for site in
            [fixtures::site("/"), fixtures::site("/sub/"), with_cms("/"), fixtures::site("https://example.org/")]
        {
            let mut files = model_files(&site, &[], &[]);
            files.extend(super::files(&site, PartialDate::parse("2026-01-01").unwrap()));
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
    fn the_tables_sizes_are_those_of_the_files_written() {
        // Guards: a build counts each table's size while writing it (for `/data/` and the
        // catalogue), instead of making it a second time; the sizes must be the files'.
        let site = fixtures::site("/");
        let today = PartialDate::parse("2026-01-01").unwrap();
        let written = std::sync::Mutex::new(Vec::new());
        let keep = |output: Output<'_>| -> Result<(), std::convert::Infallible> {
            let file = output.into_file();
            written.lock().unwrap().push((file.path, file.bytes.len() as u64));
            Ok(())
        };
        let Ok(counted) = write_tables(&site, today, &keep);
        let mut written = written.into_inner().unwrap();
        written.sort();
        let mut expected: Vec<(String, u64)> = counted.iter().map(|(r, size)| (r.output_file(), *size)).collect();
        expected.sort();
        assert_eq!(written, expected);
        assert!(written.iter().all(|(_, size)| *size > 0));
        assert_eq!(counted, sizes(&site, today));
    }

    #[test]
    fn site_wide_files_are_unique_and_include_every_fixed_path() {
        let site = fixtures::site("/");
        let bodies: Vec<_> = fixtures::bodies(&site).into_iter().map(Some).collect();
        let pages = vec!["index.html".to_string(), "moten/skane-2018/index.html".to_string()];
        let mut files = model_files(&site, &pages, &[]);
        files.extend(super::files(&site, PartialDate::parse("2026-01-01").unwrap()));
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
            "data/excel/meetings.csv",
            "data/follow_ups.json",
            "data/follow_ups.csv",
            "data/excel/follow_ups.csv",
            "uppfoljning/kalender.ics",
            "regioner/ostra-mellansverige/kalender.ics",
        ] {
            assert!(paths.contains(&p), "{p} missing");
        }
        // Skåne has no open action with a due date: no calendar (issue 31 item 6).
        assert!(!paths.contains(&"regioner/skane/kalender.ics"));
        let n = paths.len();
        paths.sort_unstable();
        paths.dedup();
        assert_eq!(paths.len(), n);
    }
}
