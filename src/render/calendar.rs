//! The follow-up calendars (RFC 5545): `uppfoljning/kalender.ics` with every agreed action's
//! due date, and `regioner/<slug>/kalender.ics` for a county or grouping (a grouping's includes
//! its member counties' meetings, as its feed does). Each action with a due date is an all-day
//! VEVENT (calendar programs such as Outlook ignore VTODO) on the due date's last day (`2019-06`
//! means by the end of June), with a stable UID, its status in the SUMMARY and the meeting's
//! page as URL. Lines end in CRLF and are folded at 75 octets, never inside a UTF-8 character.
//!
//! A small writer rather than a crate: the maintained builder (`icalendar`) stamps every event
//! with the clock and a random UID unless both are overridden, and pulls in chrono; this file
//! must be the same bytes on every build.

use super::OutputFile;
use crate::model::date::days_in_month;
use crate::model::routes::{self, Route};
use crate::model::{FollowUp, Meeting, PartialDate, Site, Status};

/// The longest line, in octets, before it is folded (RFC 5545 §3.1).
const FOLD_AT: usize = 75;

/// Escapes a TEXT value (RFC 5545 §3.3.11): backslash, `;`, `,` and line breaks.
fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// One content line, folded: no line longer than 75 octets (the leading space of a
/// continuation counts), each ending in CRLF, never splitting a UTF-8 character.
fn push_line(out: &mut String, line: &str) {
    let mut rest = line;
    let mut limit = FOLD_AT;
    loop {
        if rest.len() <= limit {
            out.push_str(rest);
            out.push_str("\r\n");
            return;
        }
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        // A continuation line starts with a space, which counts toward its 75 octets.
        limit = FOLD_AT - 1;
    }
}

/// `YYYYMMDD` of a day.
fn basic_date((year, month, day): (u16, u8, u8)) -> String {
    format!("{year:04}{month:02}{day:02}")
}

/// The day after a day (an all-day event's DTEND is exclusive).
fn next_day((year, month, day): (u16, u8, u8)) -> (u16, u8, u8) {
    if day < days_in_month(year, month) {
        (year, month, day + 1)
    } else if month < 12 {
        (year, month + 1, 1)
    } else {
        (year + 1, 1, 1)
    }
}

/// A follow-up's UID, from its stable id ([`crate::model::follow::action_id`]): with an
/// `id:`, `uppfoljning-<meeting slug>/<id>`, stable as long as the meeting keeps its slug and
/// the action its id; without one, `uppfoljning-<meeting slug>-<number>` (its place in the
/// list; a slug holds no `/`, so the two cannot meet).
fn uid(site: &Site, m: &Meeting, number: usize) -> String {
    let host = site.urls.host();
    let domain = if host.is_empty() { "samtal.invalid" } else { host };
    match m.follow_ups.get(number - 1).and_then(|f| f.id.as_deref()) {
        Some(id) => format!("uppfoljning-{}/{id}@{domain}", m.slug),
        None => format!("uppfoljning-{}-{number}@{domain}", m.slug),
    }
}

fn push_event(
    out: &mut String,
    site: &Site,
    m: &Meeting,
    number: usize,
    f: &FollowUp,
    now: (Status, PartialDate),
    known: Option<PartialDate>,
) {
    let lang = site.lang();
    let (status, due) = now;
    let day = due.last_day();
    let status = status.label(lang);
    let mut description = format!("{}: {}", lang.ui("meeting"), m.title);
    if let Some(owner) = &f.owner {
        description.push_str(&format!("\n{}: {owner}", lang.ui("owner")));
    }
    description.push_str(&format!("\n{}: {}", lang.ui("due"), due.display(lang)));
    push_line(out, "BEGIN:VEVENT");
    push_line(out, &format!("UID:{}", uid(site, m, number)));
    push_line(out, &format!("DTSTAMP:{}T000000Z", basic_date(m.exact_updated(known).last_day())));
    push_line(out, &format!("DTSTART;VALUE=DATE:{}", basic_date(day)));
    push_line(out, &format!("DTEND;VALUE=DATE:{}", basic_date(next_day(day))));
    push_line(out, &format!("SUMMARY:{}", escape_text(&format!("[{status}] {}", f.action))));
    push_line(out, &format!("DESCRIPTION:{}", escape_text(&description)));
    push_line(out, &format!("URL:{}", site.urls.absolute_to(Route::Meeting(&m.slug))));
    push_line(out, "TRANSP:TRANSPARENT");
    push_line(out, "END:VEVENT");
}

/// A calendar of the follow-ups of `meetings` (indexes into `site.meetings`), drafts left out:
/// the events [`Site::calendar_actions`] lists.
pub fn calendar(site: &Site, name: &str, meetings: &[usize]) -> Vec<u8> {
    let mut out = String::new();
    push_line(&mut out, "BEGIN:VCALENDAR");
    push_line(&mut out, "VERSION:2.0");
    push_line(&mut out, "PRODID:-//samtal//follow-ups//SV");
    push_line(&mut out, "CALSCALE:GREGORIAN");
    push_line(&mut out, &format!("X-WR-CALNAME:{}", escape_text(name)));
    let known = site.latest_exact_date();
    for (mi, i, now) in site.calendar_actions(meetings) {
        if let Some(due) = now.due {
            let m = &site.meetings[mi];
            push_event(&mut out, site, m, i + 1, &m.follow_ups[i], (now.status, due), known);
        }
    }
    push_line(&mut out, "END:VCALENDAR");
    out.into_bytes()
}

/// Every calendar of the site, in [`routes::calendars`] order: only those with an event.
pub fn files(site: &Site) -> Vec<OutputFile> {
    let calendar_name = |what: &str| format!("{} – {} – {what}", site.config.title, site.lang().ui("follow_ups"));
    routes::calendars(site)
        .into_iter()
        .map(|route| {
            let bytes = match route {
                Route::RegionFollowUpCalendar(slug) => {
                    calendar(site, &calendar_name(&site.region_name(slug)), &site.calendar_meetings(Some(slug)))
                }
                _ => {
                    let name = format!("{} – {}", site.config.title, site.lang().ui("follow_ups"));
                    calendar(site, &name, &site.calendar_meetings(None))
                }
            };
            OutputFile { path: route.output_file(), bytes: bytes.into() }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::data::fixtures;
    use icalendar::{Calendar, CalendarComponent, Component, DatePerhapsTime};

    fn text(site: &Site, path: &str) -> String {
        let f = files(site).into_iter().find(|f| f.path == path).unwrap_or_else(|| panic!("{path} missing"));
        String::from_utf8(f.bytes.to_vec()).unwrap()
    }

    #[test]
    fn folding_keeps_lines_within_75_octets_and_utf8_characters_whole() {
        // Guards: RFC 5545 counts octets, and a cut inside "ö" would make the file unreadable.
        let long = format!("SUMMARY:{}", "Östergötlands län åtgärd ".repeat(12));
        let mut out = String::new();
        push_line(&mut out, &long);
        assert!(out.ends_with("\r\n"));
        for line in out.trim_end_matches("\r\n").split("\r\n") {
            assert!(line.len() <= FOLD_AT, "{} octets: {line:?}", line.len());
        }
        let unfolded = out.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, long);
    }

    #[test]
    fn the_calendar_parses_with_all_day_events_stable_uids_and_the_meeting_url() {
        let site = fixtures::site("https://example.org/samtal/");
        let ics = text(&site, "uppfoljning/kalender.ics");
        assert!(ics.split_inclusive('\n').all(|l| l.ends_with("\r\n")), "every line ends in CRLF");
        let calendar: Calendar = ics.parse().unwrap();
        let events: Vec<_> = calendar.components.iter().filter_map(CalendarComponent::as_event).collect();
        assert_eq!(events.len(), 1, "one follow-up with a due date, none from the draft");
        let e = events[0];
        assert_eq!(e.get_uid(), Some("uppfoljning-ostergotland-2018-1@example.org"));
        let mut named = fixtures::site("https://example.org/samtal/");
        let i = named.meetings.iter().position(|m| m.slug == "ostergotland-2018").unwrap();
        named.meetings[i].follow_ups[0].id = Some("ledarskap".into());
        let ics = text(&named, "uppfoljning/kalender.ics");
        assert!(ics.contains("UID:uppfoljning-ostergotland-2018/ledarskap@example.org\r\n"), "{ics}");
        let ics = text(&site, "uppfoljning/kalender.ics");
        assert_eq!(e.get_summary(), Some("[Pågår] Stärka ledarskapet"));
        assert_eq!(e.get_url(), Some("https://example.org/samtal/moten/ostergotland-2018/"));
        // Due 2019-06: by the end of June, an all-day event.
        assert!(matches!(e.get_start(), Some(DatePerhapsTime::Date(_))), "an all-day event");
        assert!(matches!(e.get_end(), Some(DatePerhapsTime::Date(_))));
        assert!(ics.contains("DTSTART;VALUE=DATE:20190630\r\nDTEND;VALUE=DATE:20190701\r\n"), "{ics}");
        assert!(ics.contains("DTSTAMP:20180516T000000Z\r\n"), "{ics}");
        assert_eq!(ics, text(&site, "uppfoljning/kalender.ics"), "the same bytes every build");
    }

    #[test]
    fn a_region_calendar_has_its_own_and_its_member_counties_follow_ups() {
        let site = fixtures::site("/");
        let grouping = text(&site, "regioner/ostra-mellansverige/kalender.ics");
        assert!(grouping.contains("Stärka ledarskapet"), "{grouping}");
        assert!(grouping.contains("@samtal.invalid"), "a path-only base still gives stable UIDs");
    }

    #[test]
    fn no_calendar_is_written_without_an_event() {
        // Guards issue 31 item 6: an iCalendar file needs a component, and Skåne has no open
        // action with a due date: no file, and no page offers one.
        let mut site = fixtures::site("/");
        assert!(files(&site).iter().all(|f| f.path != "regioner/skane/kalender.ics"));
        assert!(!site.has_calendar(Some("skane")) && site.has_calendar(None));
        for m in &mut site.meetings {
            for f in &mut m.follow_ups {
                f.due = None;
            }
        }
        assert!(files(&site).is_empty(), "no action with a due date: no calendar at all");
        assert!(!site.has_calendar(None));
        assert!(routes::calendars(&site).is_empty());
    }

    #[test]
    fn text_values_escape_commas_semicolons_and_line_breaks() {
        assert_eq!(escape_text("a, b; c\\d\ne"), "a\\, b\\; c\\\\d\\ne");
        assert_eq!(next_day((2019, 12, 31)), (2020, 1, 1));
        assert_eq!(next_day((2020, 2, 28)), (2020, 2, 29));
    }
}
