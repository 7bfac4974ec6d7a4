//! Follow-up across meetings: a meeting's `follows_up:` and a follow-up item's `id:`,
//! `done:`, `note:` and `reports_on:`, read as each file is checked; the references to other
//! meetings are checked once every meeting is read ([`across_meetings`]), located where they
//! are written.

use super::fields::Fields;
use crate::diagnostic::{Diagnostic, FollowProblem, Mistake, Problem};
use crate::model::follow::{MeetingRef, Place, by_slug, first_day, is_later};
use crate::model::schema;
use crate::model::slug::{is_url_safe, slugify};
use crate::model::suggest::{Candidate, suggest, suggest_word};
use crate::model::{Meeting, PartialDate, Status};
use crate::yaml::Loc;
use std::collections::{HashMap, HashSet};

/// `follows_up:`: the meetings followed up, as written; one naming the meeting itself is an
/// error, one written twice a warning.
pub(super) fn follows_up(f: &mut Fields<'_>, own_slug: Option<&str>) -> Vec<MeetingRef> {
    let list = f.list(&schema::FOLLOWS_UP);
    let mut out: Vec<MeetingRef> = Vec::new();
    for item in list {
        let width = item.text.chars().count();
        if Some(item.text.as_str()) == own_slug {
            f.report_at(item.loc, width, Problem::Follow(FollowProblem::OwnMeeting { field: schema::FOLLOWS_UP.key }));
            continue;
        }
        if let Some(reference) = from_address(&item.text) {
            let suggestion = Some(reference.0);
            let p = FollowProblem::WebAddress { field: schema::FOLLOWS_UP.key, value: item.text.clone(), suggestion };
            f.report_at(item.loc, width, Problem::Follow(p));
            continue;
        }
        if let Some(first) = out.iter().find(|r| r.meeting == item.text) {
            let problem = Mistake::Repeated {
                field: schema::FOLLOWS_UP.key.into(),
                value: item.text.clone(),
                first_line: first.place.line,
            };
            f.warn_at(item.loc, width, Problem::Mistake(problem));
            continue;
        }
        let place = f.place(item.loc, width);
        out.push(MeetingRef { meeting: item.text, item: None, place });
    }
    out
}

/// What a follow-up item says about its history: its `id:`, `done:`, `note:` and
/// `reports_on:`.
pub(super) struct ItemHistory {
    pub id: Option<String>,
    pub done: Option<PartialDate>,
    pub note: Option<String>,
    pub reports_on: Option<MeetingRef>,
}

/// Reads an item's history fields. `ids` are the ids of the meeting's items so far, with
/// their lines (a repeated id is an error); `status` is the item's, when it could be read.
pub(super) fn item_history(
    item: &mut Fields<'_>,
    status: Option<Status>,
    own_slug: Option<&str>,
    today: PartialDate,
    ids: &mut HashMap<String, usize>,
) -> ItemHistory {
    let id = item.text(&schema::ITEM_ID).and_then(|id| {
        let width = id.text.chars().count();
        if !is_url_safe(&id.text) {
            let problem = Problem::SlugNotUrlSafe { slug: id.text.clone(), suggestion: slugify(&id.text) };
            item.report_at(id.loc, width, problem);
            return None;
        }
        if let Some(&first_line) = ids.get(&id.text) {
            item.report_at(id.loc, width, Problem::Follow(FollowProblem::DuplicateId { id: id.text, first_line }));
            return None;
        }
        ids.insert(id.text.clone(), id.loc.line);
        Some(id.text)
    });
    let done = item.date(&schema::DONE);
    if let Some(d) = done {
        let loc = item.raw(schema::DONE.key).map_or(Loc { line: 1, column: 1 }, |n| n.loc);
        let width = d.to_string().chars().count();
        match status {
            Some(s) if s != Status::Done => {
                item.report_at(loc, width, Problem::Follow(FollowProblem::DoneButNotDone { status: s.as_str() }))
            }
            _ if first_day(d) > today.last_day() => {
                item.warn_at(loc, width, Problem::Follow(FollowProblem::DoneInFuture { done: d.to_string() }))
            }
            _ => {}
        }
    }
    let note = item.text(&schema::NOTE).map(|n| n.text);
    let reports_on = item.text(&schema::REPORTS_ON).and_then(|r| {
        let width = r.text.chars().count();
        if let Some((meeting, id)) = from_address(&r.text) {
            let suggestion = id.map(|id| format!("{meeting}/{id}"));
            let p = FollowProblem::WebAddress { field: schema::REPORTS_ON.key, value: r.text.clone(), suggestion };
            item.report_at(r.loc, width, Problem::Follow(p));
            return None;
        }
        let place = item.place(r.loc, width);
        let Some(reference) = MeetingRef::parse_item(&r.text, place) else {
            item.report_at(r.loc, width, Problem::Follow(FollowProblem::NotAnItemRef { value: r.text.clone() }));
            return None;
        };
        if Some(reference.meeting.as_str()) == own_slug {
            let problem = Problem::Follow(FollowProblem::OwnMeeting { field: schema::REPORTS_ON.key });
            item.report_at(r.loc, width, problem);
            return None;
        }
        Some(reference)
    });
    ItemHistory { id, done, note, reports_on }
}

/// The meeting (and the action's id, from an `#atgard-…` anchor) in a web address or anchor
/// copied from the preview or the site: `http://127.0.0.1:1111/moten/2018-gotland/#atgard-x`
/// → (`2018-gotland`, `x`). `None` for a reference written as it should be (no scheme, no
/// leading `/`, no `#`).
fn from_address(value: &str) -> Option<(String, Option<String>)> {
    if !value.contains("://") && !value.starts_with('/') && !value.contains('#') {
        return None;
    }
    let (path, anchor) = value.split_once('#').unwrap_or((value, ""));
    let path = path.split_once("://").map_or(path, |(_, rest)| rest.split_once('/').map_or("", |(_, p)| p));
    let segments: Vec<&str> = path.split(['/', '?']).filter(|s| !s.is_empty()).collect();
    // The segment after `moten` (under any base path), else the last one.
    let meeting = segments.iter().position(|s| *s == "moten").and_then(|i| segments.get(i + 1)).or(segments.last());
    let id = anchor.strip_prefix("atgard-").filter(|id| !id.is_empty()).map(str::to_string);
    Some((meeting?.to_string(), id))
}

/// A diagnostic at the place a reference is written.
fn at(d: Diagnostic, place: &Place) -> Diagnostic {
    d.at_line(Loc { line: place.line, column: place.column }, place.width, Some(&place.source_line))
}

/// Checks every `follows_up:` and `reports_on:` against the meetings: an unknown meeting or
/// item id is an error (with "did you mean"), a later meeting a warning, and so is a draft
/// when drafts are not built (`drafts`). `unread` are the slugs of meeting files that could
/// not be read as meetings (their own errors are reported): a reference to one is not
/// reported again.
pub fn across_meetings(meetings: &[Meeting], unread: &HashSet<String>, drafts: bool, out: &mut Vec<Diagnostic>) {
    if meetings.iter().all(|m| m.follows_up.is_empty() && m.follow_ups.iter().all(|f| f.reports_on.is_none())) {
        return;
    }
    let by_slug: HashMap<&str, &Meeting> =
        by_slug(meetings).into_iter().map(|(slug, i)| (slug, &meetings[i])).collect();
    let candidates = || -> Vec<Candidate<'_>> {
        meetings.iter().map(|m| Candidate { slug: &m.slug, names: vec![&m.title] }).collect()
    };
    for m in meetings {
        let references = m
            .follows_up
            .iter()
            .map(|r| (schema::FOLLOWS_UP.key, r))
            .chain(m.follow_ups.iter().filter_map(|f| f.reports_on.as_ref()).map(|r| (schema::REPORTS_ON.key, r)));
        for (field, r) in references {
            let problem = |p: FollowProblem| Problem::Follow(p);
            let Some(target) = by_slug.get(r.meeting.as_str()) else {
                if !unread.contains(&r.meeting) {
                    let suggestion = suggest(&r.meeting, &candidates());
                    let p = FollowProblem::UnknownMeeting { field, slug: r.meeting.clone(), suggestion };
                    out.push(at(Diagnostic::error(&m.source_path, problem(p)), &r.place));
                }
                continue;
            };
            if let Some(id) = &r.item
                && !target.follow_ups.iter().any(|f| f.id.as_ref() == Some(id))
            {
                let ids: Vec<&str> = target.follow_ups.iter().filter_map(|f| f.id.as_deref()).collect();
                let p = FollowProblem::UnknownItem {
                    meeting: target.slug.clone(),
                    id: id.clone(),
                    suggestion: suggest_word(id, &ids),
                    ids: !ids.is_empty(),
                };
                out.push(at(Diagnostic::error(&m.source_path, problem(p)), &r.place));
                continue;
            }
            if is_later(target.date, m.date) {
                let p = FollowProblem::LaterMeeting {
                    slug: target.slug.clone(),
                    date: target.date.to_string(),
                    own_date: m.date.to_string(),
                };
                out.push(at(Diagnostic::warning(&m.source_path, problem(p)), &r.place));
            }
            if target.draft && !drafts && !m.draft {
                let p = FollowProblem::DraftMeeting { slug: target.slug.clone() };
                out.push(at(Diagnostic::warning(&m.source_path, problem(p)), &r.place));
            }
        }
    }
}

/// An item that a later meeting reports on is not overdue in its own file: the report says
/// where it stands (and is warned about itself when it is overdue). Drops those warnings. A
/// draft's report counts only when drafts are built (else the site still shows the item late).
pub fn drop_reported_overdue(meetings: &[Meeting], drafts: bool, diagnostics: &mut Vec<Diagnostic>) {
    let reports: Vec<&MeetingRef> = meetings
        .iter()
        .filter(|m| drafts || !m.draft)
        .flat_map(|m| m.follow_ups.iter().filter_map(|f| f.reports_on.as_ref()))
        .collect();
    if reports.is_empty() {
        return;
    }
    // A report finds its meeting as the site does: by its address or a former one.
    let index = by_slug(meetings);
    let reported: HashSet<(usize, &str)> =
        reports.iter().filter_map(|r| Some((*index.get(r.meeting.as_str())?, r.item.as_deref()?))).collect();
    let reported = &reported;
    let settled: HashSet<(&str, &str)> = meetings
        .iter()
        .enumerate()
        .flat_map(|(i, m)| {
            m.follow_ups
                .iter()
                .filter(move |f| f.id.as_deref().is_some_and(|id| reported.contains(&(i, id))))
                .map(|f| (m.source_path.as_str(), f.action.as_str()))
        })
        .collect();
    diagnostics.retain(|d| match &d.problem {
        Problem::OverdueFollowUp { action, .. } => !settled.contains(&(d.file.as_str(), action.as_str())),
        _ => true,
    });
}

#[cfg(test)]
mod tests {
    use super::from_address;

    #[test]
    fn a_copied_address_gives_the_meeting_and_the_action() {
        let got = |v: &str| from_address(v);
        let meeting = |m: &str| Some((m.to_string(), None));
        assert_eq!(got("http://127.0.0.1:1111/moten/2018-gotland/"), meeting("2018-gotland"));
        assert_eq!(got("https://exempel.se/samtal/moten/2018-gotland"), meeting("2018-gotland"));
        assert_eq!(got("/moten/2018-gotland/"), meeting("2018-gotland"));
        assert_eq!(
            got("http://127.0.0.1:1111/moten/2018-gotland/#atgard-workshop"),
            Some(("2018-gotland".to_string(), Some("workshop".to_string())))
        );
        assert_eq!(got("2018-gotland#atgard-workshop").map(|r| r.1), Some(Some("workshop".to_string())));
        // Written as it should be: not an address.
        assert_eq!(got("2018-gotland"), None);
        assert_eq!(got("2018-gotland/workshop"), None);
    }
}
