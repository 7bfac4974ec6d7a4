//! Follow-up across meetings: a meeting's `follows_up:` (earlier meetings it follows up) and a
//! follow-up item's `reports_on:` (an item of an earlier meeting it reports on), as written,
//! and the index a build makes of them ([`FollowLinks`]): which meetings follow up which, and
//! each item's history (the later items that report on it, directly or through one another).

use super::{Meeting, PartialDate, Status};
use serde::Serialize;
use std::collections::HashMap;

/// Where a reference is written in its file, so a problem found only across meetings (after
/// each file was checked and its text dropped) is located like any other.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Place {
    pub line: usize,
    pub column: usize,
    /// How many characters the reference covers.
    pub width: usize,
    /// The line as written, for the message's snippet (trimmed when the message is made).
    pub source_line: String,
}

/// Another meeting (`follows_up: [2018-skane]`), or one of its items (`reports_on:
/// 2018-skane/kompetens`, `item` is then the item's `id:`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MeetingRef {
    pub meeting: String,
    pub item: Option<String>,
    #[serde(skip)]
    pub place: Place,
}

impl MeetingRef {
    /// `reports_on:` as written: a meeting slug and an item id with one `/` between them.
    /// `None` when it is not of that form.
    pub fn parse_item(text: &str, place: Place) -> Option<MeetingRef> {
        let (meeting, item) = text.trim().trim_matches('/').split_once('/')?;
        let (meeting, item) = (meeting.trim(), item.trim());
        if meeting.is_empty() || item.is_empty() || item.contains('/') {
            return None;
        }
        Some(MeetingRef { meeting: meeting.into(), item: Some(item.into()), place })
    }

    /// `meeting/item`, as the open data writes it.
    pub fn text(&self) -> String {
        match &self.item {
            Some(item) => format!("{}/{item}", self.meeting),
            None => self.meeting.clone(),
        }
    }
}

/// The first day a date can mean (`2019` → 2019-01-01).
pub fn first_day(d: PartialDate) -> (u16, u8, u8) {
    (d.year, d.month.unwrap_or(1), d.day.unwrap_or(1))
}

/// Whether `other` was certainly held after `date`: its first possible day is after the last
/// possible day of `date`.
pub fn is_later(other: PartialDate, date: PartialDate) -> bool {
    first_day(other) > date.last_day()
}

/// An item of a meeting: (index into `site.meetings`, index into its `follow_ups`).
pub type ItemAt = (usize, usize);

/// Where a follow-up action stands now ([`FollowLinks::standing`]): its latest report's status,
/// the deadline and finishing date that report leaves it with, and when that was said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    /// The action itself (the first item of its chain).
    pub action: ItemAt,
    /// The item that says where it stands: its latest report, or the action itself.
    pub latest: ItemAt,
    pub status: Status,
    pub due: Option<PartialDate>,
    /// When it was finished, only when it is done.
    pub done: Option<PartialDate>,
    /// The date of the meeting that last said where it stands (shown as "uppdaterad …").
    pub updated: PartialDate,
}

/// An action's identity in the open data, stable across builds: `<meeting slug>/<id>` with an
/// `id:` (as `reports_on:` names it), else `<meeting slug>#<its number in the meeting, from 1>`
/// (an id is URL-safe, so it never holds `#` and the two cannot meet).
pub fn action_id(meetings: &[Meeting], (m, i): ItemAt) -> String {
    let meeting = &meetings[m];
    match meeting.follow_ups[i].id.as_deref() {
        Some(id) => format!("{}/{id}", meeting.slug),
        None => format!("{}#{}", meeting.slug, i + 1),
    }
}

impl Standing {
    /// Whether the action is overdue on `today`, by [`super::is_overdue`].
    pub fn is_overdue(&self, today: PartialDate) -> bool {
        super::is_overdue(self.status, self.due, today)
    }
}

/// Who follows up whom, among the meetings of one build (a reference to a meeting left out of
/// it, a draft, is not in here). Every list is oldest meeting first.
#[derive(Debug, Default)]
pub struct FollowLinks {
    /// Meeting → the earlier meetings it follows up (`follows_up:` and those its items
    /// report on).
    follows: HashMap<usize, Vec<usize>>,
    /// Meeting → the later meetings that follow it up.
    followed_by: HashMap<usize, Vec<usize>>,
    /// Item → the item it reports on.
    reports_on: HashMap<ItemAt, ItemAt>,
    /// First item of a chain → every item reporting on it, directly or through another.
    history: HashMap<ItemAt, Vec<ItemAt>>,
}

/// Every meeting by its slug and by the slugs of its former addresses (`aliases:
/// [/moten/2018-skane/]`), so a reference written before the meeting was renamed (`samtal mv`)
/// still finds it; a meeting's own slug wins over another's former one.
pub fn by_slug(meetings: &[Meeting]) -> HashMap<&str, usize> {
    let former = meetings.iter().enumerate().flat_map(|(i, m)| {
        m.aliases.iter().filter_map(move |a| {
            let slug = a.strip_prefix("/moten/")?.strip_suffix('/')?;
            (!slug.is_empty() && !slug.contains('/')).then_some((slug, i))
        })
    });
    let mut index: HashMap<&str, usize> = former.collect();
    index.extend(meetings.iter().enumerate().map(|(i, m)| (m.slug.as_str(), i)));
    index
}

impl FollowLinks {
    /// The links among `meetings` (in the site's order, newest first).
    pub fn new(meetings: &[Meeting]) -> FollowLinks {
        let mut links = FollowLinks::default();
        if meetings.iter().all(|m| m.follows_up.is_empty() && m.follow_ups.iter().all(|f| f.reports_on.is_none())) {
            return links;
        }
        let by_slug = by_slug(meetings);
        let oldest_first = |list: &mut Vec<usize>| {
            list.sort_unstable_by(|a, b| b.cmp(a));
            list.dedup();
        };
        for (i, m) in meetings.iter().enumerate() {
            let mut follows: Vec<usize> = Vec::new();
            for r in &m.follows_up {
                follows.extend(by_slug.get(r.meeting.as_str()).filter(|&&t| t != i));
            }
            for (n, f) in m.follow_ups.iter().enumerate() {
                let Some(r) = &f.reports_on else { continue };
                let Some(&t) = by_slug.get(r.meeting.as_str()).filter(|&&t| t != i) else { continue };
                follows.push(t);
                let target = meetings[t].follow_ups.iter().position(|g| g.id.is_some() && g.id == r.item);
                if let Some(item) = target {
                    links.reports_on.insert((i, n), (t, item));
                }
            }
            oldest_first(&mut follows);
            for &t in &follows {
                links.followed_by.entry(t).or_default().push(i);
            }
            if !follows.is_empty() {
                links.follows.insert(i, follows);
            }
        }
        for list in links.followed_by.values_mut() {
            oldest_first(list);
        }
        let reporters: Vec<ItemAt> = links.reports_on.keys().copied().collect();
        for item in reporters {
            if let Some(root) = links.root(item) {
                links.history.entry(root).or_default().push(item);
            }
        }
        for list in links.history.values_mut() {
            // Oldest meeting first (the site's order is newest first), then in the meeting's order.
            list.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        }
        links
    }

    /// The first item of the chain `item` reports on; `None` for a chain that goes round
    /// (items reporting on one another, which only a later meeting's warning allows).
    fn root(&self, item: ItemAt) -> Option<ItemAt> {
        let mut at = item;
        for _ in 0..=self.reports_on.len() {
            match self.reports_on.get(&at) {
                Some(&next) => at = next,
                None => return Some(at),
            }
        }
        None
    }

    /// The earlier meetings `meeting` follows up, oldest first.
    pub fn follows(&self, meeting: usize) -> &[usize] {
        self.follows.get(&meeting).map_or(&[], Vec::as_slice)
    }

    /// The later meetings that follow `meeting` up, oldest first.
    pub fn followed_by(&self, meeting: usize) -> &[usize] {
        self.followed_by.get(&meeting).map_or(&[], Vec::as_slice)
    }

    /// The item `item` reports on, when it is in this build.
    pub fn reports_on(&self, item: ItemAt) -> Option<ItemAt> {
        self.reports_on.get(&item).copied()
    }

    /// Whether `item` reports on another item of this build: it is then shown in that item's
    /// history, not as an item of its own.
    pub fn is_report(&self, item: ItemAt) -> bool {
        self.reports_on.get(&item).is_some_and(|&target| self.root(target).is_some())
    }

    /// The reports on `item` (the first of its chain), oldest first.
    pub fn history(&self, item: ItemAt) -> &[ItemAt] {
        self.history.get(&item).map_or(&[], Vec::as_slice)
    }

    /// The item that says where `item` stands now: its latest report, or itself.
    pub fn latest(&self, item: ItemAt) -> ItemAt {
        self.history(item).last().copied().unwrap_or(item)
    }

    /// When `item` is due now: the latest report's `due:`, else the latest before it that
    /// has one (a report that only says how it goes keeps the deadline).
    fn current_due(&self, meetings: &[Meeting], item: ItemAt) -> Option<PartialDate> {
        let at = |(m, i): ItemAt| meetings[m].follow_ups[i].due;
        self.history(item).iter().rev().find_map(|&r| at(r)).or_else(|| at(item))
    }

    /// Where the action `item` belongs to stands now: the one answer every page, feed,
    /// calendar and data file gives about it. `item` may be the action or any report on it.
    pub fn standing(&self, meetings: &[Meeting], item: ItemAt) -> Standing {
        let action = if self.is_report(item) { self.root(item).unwrap_or(item) } else { item };
        let latest = self.latest(action);
        let at = |(m, i): ItemAt| &meetings[m].follow_ups[i];
        let status = at(latest).status;
        let due = self.current_due(meetings, action);
        // `done:` of the latest report that gives one: a later report may only add a note.
        let done = (status == Status::Done)
            .then(|| self.history(action).iter().rev().find_map(|&r| at(r).done).or(at(action).done))
            .flatten();
        Standing { action, latest, status, due, done, updated: meetings[latest.0].date }
    }

    /// Whether `item` is an action still open: shown as an item of its own (not a report on
    /// another) and not done by its latest report.
    pub fn is_open(&self, meetings: &[Meeting], item: ItemAt) -> bool {
        !self.is_report(item) && self.standing(meetings, item).status != Status::Done
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FollowUp;

    fn item(id: Option<&str>, status: Status, due: Option<&str>, reports_on: Option<&str>) -> FollowUp {
        FollowUp {
            action: "Åtgärd".into(),
            owner: None,
            due: due.and_then(PartialDate::parse),
            status,
            id: id.map(String::from),
            done: None,
            note: None,
            reports_on: reports_on.and_then(|r| MeetingRef::parse_item(r, Place::default())),
        }
    }

    fn meeting(slug: &str, date: &str, follows_up: &[&str], follow_ups: Vec<FollowUp>) -> Meeting {
        Meeting {
            follow_ups,
            follows_up: follows_up
                .iter()
                .map(|m| MeetingRef { meeting: m.to_string(), item: None, place: Place::default() })
                .collect(),
            ..Meeting::example(slug, date)
        }
    }

    /// Newest first, as the site orders them: c (2020) reports on b's item, which reports on a's.
    fn chain() -> Vec<Meeting> {
        vec![
            meeting("c", "2020", &[], vec![item(None, Status::Done, None, Some("b/x2"))]),
            meeting("b", "2019", &["a"], vec![item(Some("x2"), Status::Ongoing, Some("2019-12"), Some("a/x"))]),
            meeting("a", "2018", &[], vec![item(Some("x"), Status::Planned, Some("2019-06"), None)]),
        ]
    }

    #[test]
    fn a_chain_of_reports_is_the_history_of_its_first_item() {
        let meetings = chain();
        let links = FollowLinks::new(&meetings);
        assert_eq!(links.history((2, 0)), &[(1, 0), (0, 0)], "oldest report first");
        assert!(links.is_report((1, 0)) && links.is_report((0, 0)) && !links.is_report((2, 0)));
        let now = links.standing(&meetings, (2, 0));
        assert_eq!(now.status, Status::Done);
        assert_eq!(now.due, PartialDate::parse("2019-12"), "the latest deadline given");
        assert_eq!((now.action, now.latest), ((2, 0), (0, 0)));
        assert_eq!(now.updated, meetings[0].date, "said at the latest report's meeting");
        for report in [(1, 0), (0, 0)] {
            assert_eq!(links.standing(&meetings, report), now, "a report tells the same as its action");
        }
        assert!(!links.is_open(&meetings, (2, 0)));
        assert_eq!(links.follows(0), &[1], "c follows up b through its report");
        assert_eq!(links.follows(1), &[2]);
        assert_eq!(links.followed_by(2), &[1]);
    }

    #[test]
    fn a_done_date_comes_from_the_latest_report_that_gives_one_and_only_when_done() {
        let mut meetings = chain();
        meetings[1].follow_ups[0].done = PartialDate::parse("2019-11");
        meetings[1].follow_ups[0].status = Status::Done;
        let links = FollowLinks::new(&meetings);
        assert_eq!(links.standing(&meetings, (2, 0)).done, PartialDate::parse("2019-11"), "c only adds a note");
        meetings[0].follow_ups[0].status = Status::Ongoing;
        assert_eq!(links.standing(&meetings, (2, 0)).done, None, "reopened: no finishing date");
        assert!(links.standing(&meetings, (2, 0)).is_overdue(PartialDate::parse("2020-06").unwrap()));
    }

    #[test]
    fn an_action_id_is_its_meeting_and_id_or_its_number() {
        let meetings = chain();
        assert_eq!(action_id(&meetings, (1, 0)), "b/x2");
        assert_eq!(action_id(&meetings, (0, 0)), "c#1");
    }

    #[test]
    fn references_outside_the_build_or_in_a_circle_are_left_out() {
        // Guards: a reference to a meeting not built (a draft) and items reporting on each other never loop or panic.
        let meetings = vec![
            meeting("b", "2019", &["utkast"], vec![item(Some("y"), Status::Done, None, Some("a/x"))]),
            meeting("a", "2018", &[], vec![item(Some("x"), Status::Ongoing, None, Some("b/y"))]),
        ];
        let links = FollowLinks::new(&meetings);
        assert!(!links.is_report((0, 0)) && !links.is_report((1, 0)), "a circle has no first item");
        assert!(links.history((0, 0)).is_empty() && links.history((1, 0)).is_empty());
        assert_eq!(links.follows(0), &[1], "the draft is not in the build");
    }

    #[test]
    fn an_item_reference_needs_both_parts() {
        let parse = |t: &str| MeetingRef::parse_item(t, Place::default()).map(|r| r.text());
        assert_eq!(parse("2018-skane/kompetens").as_deref(), Some("2018-skane/kompetens"));
        assert_eq!(parse(" /2018-skane/kompetens/ ").as_deref(), Some("2018-skane/kompetens"));
        for bad in ["kompetens", "2018-skane/", "/kompetens", "a/b/c", ""] {
            assert_eq!(parse(bad), None, "{bad:?}");
        }
    }
}
