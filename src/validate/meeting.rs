//! A meeting file: its fields read through the schema, its regions and themes checked
//! against the registries, its follow-ups, and the slips that would publish it wrong.

use super::fields::{self, Fields};
use super::{body, content_slug, front_matter, region_candidates, top_of_file, topic_candidates};
use crate::diagnostic::{Diagnostic, Mistake, Problem};
use crate::model::follow::first_day;
use crate::model::layout::Source;
use crate::model::schema::{self, FOLLOW_UP_KEYS, MEETING_KEYS};
use crate::model::suggest::{Candidate, suggest};
use crate::model::{FollowUp, Meeting, PartialDate, Registry, Status, Topic};

/// What meetings are checked against.
pub struct MeetingContext<'a> {
    pub registry: &'a Registry,
    pub topics: &'a [Topic],
    /// Today, for the "follow-up is overdue" warning; passed in so tests do not read the clock.
    pub today: PartialDate,
    /// Whether regions.yaml and themes.yaml were read without errors: when not, a meeting's
    /// regions or themes are not checked against them (their errors are the registry's).
    pub regions_known: bool,
    pub topics_known: bool,
    /// site.yaml's `allow_raw_html`: Word's HTML in a body is then not shown as text.
    pub allow_raw_html: bool,
    /// The bundle and static files, which `attachments:` may name.
    pub files: &'a super::attachments::KnownFiles,
}

/// The meeting of `source`, its problems in `out`. A meeting whose file has errors is returned
/// too when its address and date could be read, for the checks across meetings.
pub fn meeting(source: &Source, ctx: &MeetingContext<'_>, out: &mut Vec<Diagnostic>) -> Option<Meeting> {
    let (root, body) = front_matter(source, ctx.allow_raw_html, out)?;
    let mut f =
        Fields::new(&source.path, &source.text, root.as_map().unwrap_or_default(), top_of_file(), &MEETING_KEYS);
    let slug = content_slug(source, &mut f);
    let title = f.text(&schema::TITLE);
    let date = f.date(&schema::DATE);
    let round = super::round::field(&mut f, date);
    let comma_errors = comma_lists(&mut f);
    let regions = f.list(&schema::REGIONS);
    let region_candidates = region_candidates(&ctx.registry.counties, &ctx.registry.groupings);
    for r in regions.iter().filter(|_| ctx.regions_known && !comma_errors.contains(&schema::REGIONS.key)) {
        if !region_candidates.iter().any(|c| c.slug == r.text) {
            let suggestion = suggest(&r.text, &region_candidates);
            f.report_at(r.loc, r.text.chars().count(), Problem::UnknownRegion { slug: r.text.clone(), suggestion });
        }
    }
    let topics = f.list(&schema::THEMES);
    let topic_candidates = topic_candidates(ctx.topics);
    for t in topics.iter().filter(|_| ctx.topics_known && !comma_errors.contains(&schema::THEMES.key)) {
        if !topic_candidates.iter().any(|c| c.slug == t.text) {
            let suggestion = suggest(&t.text, &topic_candidates);
            f.report_at(t.loc, t.text.chars().count(), Problem::UnknownTopic { slug: t.text.clone(), suggestion });
        }
    }
    let participants = f.list(&schema::PARTICIPANTS);
    let agency_units = f.list(&schema::AGENCY_UNITS);
    let summary = f.text(&schema::SUMMARY).map(|s| s.text);
    let outcomes = f.list(&schema::OUTCOMES);
    let follow_ups = follow_ups(&mut f, ctx.today, date, slug.as_deref());
    let follows_up = super::follow::follows_up(&mut f, slug.as_deref());
    let draft = f.bool(schema::DRAFT.key, false);
    let aliases = super::aliases(&mut f, &schema::ALIASES);
    let updated = f.date(&schema::UPDATED);
    let attachments = super::attachments::attachments(&mut f, &source.path, slug.as_deref(), ctx.files);
    let contacts = super::contact::contacts(&mut f, schema::CONTACT.key);
    for (field, list) in
        [(&schema::REGIONS, &regions), (&schema::THEMES, &topics), (&schema::PARTICIPANTS, &participants)]
    {
        repeated(&mut f, field.key, list);
    }
    if let Some(d) = date {
        unlikely_date(&mut f, schema::DATE.key, d, ctx.today);
    }
    if let (Some(u), Some(d)) = (updated, date) {
        updated_before_date(&mut f, u, d);
    }
    f.diagnostics.extend(body::check(
        &source.path,
        &source.text,
        &source.text[body.offset..],
        body.first_line,
        ctx.allow_raw_html,
    ));
    if summary.is_none() && !f.suggested(schema::SUMMARY.key) {
        f.warn(Problem::MissingSummary);
    }
    // `outcomes: []` says "none published"; a forgotten key, or one left with nothing after
    // it (as `samtal new meeting` writes it), is worth a warning.
    if outcomes.is_empty() && f.get(schema::OUTCOMES.key).is_none() && !f.suggested(schema::OUTCOMES.key) {
        f.warn(Problem::MissingOutcomes);
    }
    // Only a page's fields (title, summary …), none of a meeting's own: a free page.
    let mut meeting_only = MEETING_KEYS.iter().filter(|k| !schema::PAGE_KEYS.contains(k));
    if meeting_only.all(|k| f.raw(k).is_none()) {
        wrong_folder(&mut f);
    }
    // A meeting with errors is still returned when its address and date could be read: the
    // checks across meetings (follows_up, reports_on) run on it too, so that every problem is
    // reported at once; the caller leaves it out of the site (its diagnostics hold an error).
    out.append(&mut f.diagnostics);
    let texts = |v: Vec<fields::Located>| v.into_iter().map(|l| l.text).collect::<Vec<_>>();
    Some(Meeting {
        slug: slug?,
        source_path: source.path.clone(),
        title: title.map(|t| t.text).unwrap_or_default(),
        date: date?,
        regions: texts(regions),
        topics: texts(topics),
        participants: texts(participants),
        agency_units: texts(agency_units),
        summary,
        outcomes: texts(outcomes),
        follow_ups,
        follows_up,
        draft,
        aliases,
        updated,
        attachments,
        contacts,
        round: round?,
        body,
    })
}

/// `participants: Anna, Bo`: a text with commas where a list is expected. An error for
/// regions and themes (no slug has a comma), a warning for names; returns the keys in error.
fn comma_lists(f: &mut Fields<'_>) -> Vec<&'static str> {
    let mut errors = Vec::new();
    for field in [&schema::REGIONS, &schema::THEMES, &schema::PARTICIPANTS, &schema::AGENCY_UNITS] {
        let Some(node) = f.raw(field.key) else { continue };
        let Some(text) = node.scalar_text().filter(|t| t.contains(',')) else { continue };
        let problem = Problem::Mistake(Mistake::CommaList { field: field.key.into(), list: text.trim().into() });
        let width = text.chars().count();
        if matches!(field.field_type, schema::FieldType::Regions | schema::FieldType::Topics) {
            f.report_at(node.loc, width, problem);
            errors.push(field.key);
        } else {
            f.warn_at(node.loc, width, problem);
        }
    }
    errors
}

/// The same value twice in one list: a warning at the second.
fn repeated(f: &mut Fields<'_>, key: &str, list: &[fields::Located]) {
    for (i, item) in list.iter().enumerate() {
        if let Some(first) = list[..i].iter().find(|o| o.text == item.text) {
            let problem = Mistake::Repeated { field: key.into(), value: item.text.clone(), first_line: first.loc.line };
            f.warn_at(item.loc, item.text.chars().count(), Problem::Mistake(problem));
        }
    }
}

/// A date before 2000 or more than a year after today: almost certainly a typo.
fn unlikely_date(f: &mut Fields<'_>, key: &str, date: PartialDate, today: PartialDate) {
    let future = date.year > today.year + 1;
    if future || date.year < 2000 {
        let loc = f.raw(key).map_or(top_of_file(), |n| n.loc);
        let value = date.to_string();
        let width = value.chars().count();
        f.warn_at(loc, width, Problem::Mistake(Mistake::UnlikelyDate { field: key.into(), value, future }));
    }
}

/// A file with neither `date:` nor `regions:` (nor any field only a meeting has) is a free page among the meetings: that is the
/// one thing to say, in place of the fields a meeting misses.
fn wrong_folder(f: &mut Fields<'_>) {
    let missing = |p: &Problem| match p {
        Problem::MissingField { field } => field == schema::DATE.key || field == schema::REGIONS.key,
        Problem::MissingSummary | Problem::MissingOutcomes => true,
        _ => false,
    };
    f.diagnostics.retain(|d| !missing(&d.problem));
    f.report_at(top_of_file(), 3, Problem::Mistake(Mistake::PageAmongMeetings));
}

/// `updated:` before the meeting: the page would say "updated" on a day before it was held.
/// Compared as `due` is, by the last day `updated` can mean.
fn updated_before_date(f: &mut Fields<'_>, updated: PartialDate, date: PartialDate) {
    if updated.last_day() < first_day(date) {
        let loc = f.raw(schema::UPDATED.key).map_or(top_of_file(), |n| n.loc);
        let (updated, date) = (updated.to_string(), date.to_string());
        let width = updated.chars().count();
        f.warn_at(loc, width, Problem::Mistake(Mistake::UpdatedBeforeDate { updated, date }));
    }
}

fn follow_ups(
    f: &mut Fields<'_>,
    today: PartialDate,
    meeting_date: Option<PartialDate>,
    own_slug: Option<&str>,
) -> Vec<FollowUp> {
    let mut out = Vec::new();
    let mut ids = std::collections::HashMap::new();
    for (number, node) in f.mapping_list(schema::FOLLOW_UPS.key).into_iter().enumerate() {
        let mut item = f.nested_item(node, &FOLLOW_UP_KEYS, number + 1);
        let action = item.text(&schema::ACTION);
        let owner = item.text(&schema::OWNER).map(|o| o.text);
        let due = item.date(&schema::DUE);
        let status = match item.text(&schema::STATUS) {
            None => None,
            Some(s) => {
                let status = Status::parse(&s.text);
                if status.is_none() {
                    let suggestion = suggest(&s.text, &status_candidates());
                    item.report_at(
                        s.loc,
                        s.text.chars().count(),
                        Problem::UnknownStatus { value: s.text.clone(), suggestion },
                    );
                }
                status
            }
        };
        let history = super::follow::item_history(&mut item, status, own_slug, today, &mut ids);
        if let (Some(action), Some(status)) = (action, status) {
            if crate::model::is_overdue(status, due, today) {
                let due = due.map(|d| d.to_string()).unwrap_or_default();
                let problem = Problem::OverdueFollowUp { action: action.text.clone(), due, status: status.as_str() };
                item.warn_at(action.loc, action.text.chars().count(), problem);
            }
            // Due before the meeting: compared by the last day each date can mean.
            if let (Some(d), Some(m)) = (due, meeting_date)
                && d.last_day() < first_day(m)
            {
                let loc = item.raw(schema::DUE.key).map_or(action.loc, |n| n.loc);
                let problem =
                    Mistake::DueBeforeMeeting { action: action.text.clone(), due: d.to_string(), date: m.to_string() };
                item.warn_at(loc, d.to_string().chars().count(), Problem::Mistake(problem));
            }
            out.push(FollowUp {
                action: action.text,
                owner,
                due,
                status,
                id: history.id,
                done: history.done,
                note: history.note,
                reports_on: history.reports_on,
            });
        }
        f.absorb(item);
    }
    out
}

/// The statuses, with the Swedish words an author may write instead.
fn status_candidates() -> Vec<Candidate<'static>> {
    Status::ALL
        .iter()
        .map(|s| Candidate {
            slug: s.as_str(),
            names: match s {
                Status::Planned => vec!["planerad", "planerat", "planerade"],
                Status::Ongoing => vec!["pågår", "pågående", "påbörjad", "påbörjat", "started", "in progress"],
                Status::Done => {
                    vec!["klar", "klart", "färdig", "färdigt", "genomförd", "genomfört", "finished", "completed"]
                }
            },
        })
        .collect()
}
