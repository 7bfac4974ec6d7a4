//! `round:`: a meeting's round is an address part (`/moten/<round>/`), and a round's page
//! may not take the address of a meeting.

use super::fields::Fields;
use super::portable;
use crate::diagnostic::{Diagnostic, Problem};
use crate::model::routes::Route;
use crate::model::urls::Urls;
use crate::model::{Meeting, PartialDate, round, schema};
use std::collections::HashSet;

/// The meeting's round: `round:` when it is written and can be an address, else the date's
/// year. A `round:` that cannot be an address (or a folder on Windows) is reported where it
/// is written, with the round to write instead.
pub fn field(f: &mut Fields<'_>, date: Option<PartialDate>) -> Option<String> {
    let written = f.text(&schema::ROUND);
    if let Some(r) = &written {
        let width = r.text.chars().count();
        if !round::is_valid(&r.text) {
            let problem = Problem::RoundNotAnAddress { round: r.text.clone(), suggestion: round::suggestion(&r.text) };
            f.report_at(r.loc, width, problem);
            return None;
        }
        if let Some(problem) = portable::reserved_slug(&r.text, &format!("/{}", Route::Round(&r.text).path())) {
            f.report_at(r.loc, width, problem);
            return None;
        }
    }
    Some(round::of(written.as_ref().map(|r| r.text.as_str()), date?))
}

/// A meeting whose address is a round's page (`2019.md` when a meeting is of the round 2019):
/// an error at the meeting's file. Drafts count, so that `--drafts` builds what `check` passed.
pub fn clashes(meetings: &[Meeting], urls: &Urls, out: &mut Vec<Diagnostic>) {
    let rounds: HashSet<&str> = meetings.iter().map(|m| m.round.as_str()).collect();
    for m in meetings.iter().filter(|m| rounds.contains(m.slug.as_str())) {
        let url = urls.to(Route::Round(&m.slug));
        out.push(Diagnostic::error(&m.source_path, Problem::MeetingTakesRoundAddress { round: m.slug.clone(), url }));
    }
}
