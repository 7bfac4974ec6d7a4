//! `round:`: a meeting's round is an address part (`/moten/<round>/`), and a round's page
//! may not take the address of a meeting; `rounds:` in site.yaml names rounds for readers.

use super::fields::Fields;
use super::portable;
use crate::diagnostic::Expected;
use crate::diagnostic::{Diagnostic, Problem};
use crate::model::layout::Source;
use crate::model::routes::Route;
use crate::model::urls::Urls;
use crate::model::{Config, Meeting, PartialDate, RoundName, round, schema};
use std::collections::{BTreeMap, HashSet};

/// `rounds:` in site.yaml: a name for each round that is not shown as written
/// (`2019-hosten: Hösten 2019`). A round that cannot be an address, or a name that is not a
/// text, is reported where it is written.
pub fn names(f: &mut Fields<'_>) -> BTreeMap<String, RoundName> {
    let mut names = BTreeMap::new();
    let Some(node) = f.get("rounds") else { return names };
    let Some(entries) = node.as_map() else {
        f.report(node, Problem::WrongType { field: "rounds".into(), expected: Expected::Mapping });
        return names;
    };
    for (key, value) in entries {
        let Some(slug) = key.scalar_text() else {
            f.report(key, Problem::WrongType { field: "rounds".into(), expected: Expected::Text });
            continue;
        };
        if !round::is_valid(&slug) {
            let suggestion = round::suggestion(&slug);
            f.report(key, Problem::RoundNameKey { round: slug, suggestion });
            continue;
        }
        match value.scalar_text().map(|t| t.trim().to_string()).filter(|t| !t.is_empty()) {
            Some(name) => {
                names.insert(slug, RoundName { name, line: key.loc.line, column: key.loc.column });
            }
            None => f.report(value, Problem::WrongType { field: format!("rounds: {slug}"), expected: Expected::Text }),
        }
    }
    names
}

/// A round named in site.yaml that no meeting is of (misspelt, or its meetings are gone): a
/// warning at its name there, with the round meant when one is close.
pub fn names_without_meetings(
    config: &Config,
    meetings: &[Meeting],
    site_yaml: Option<&Source>,
    out: &mut Vec<Diagnostic>,
) {
    let Some(source) = site_yaml else { return };
    let rounds: Vec<&str> = {
        let set: std::collections::BTreeSet<&str> = meetings.iter().map(|m| m.round.as_str()).collect();
        set.into_iter().collect()
    };
    for (slug, named) in &config.round_names {
        if rounds.contains(&slug.as_str()) {
            continue;
        }
        let suggestion = crate::model::suggest::WordSuggester::new(rounds.iter().copied()).suggest(slug);
        let problem = Problem::RoundWithoutMeetings { round: slug.clone(), suggestion };
        let loc = crate::yaml::Loc { line: named.line, column: named.column };
        out.push(Diagnostic::warning(&source.path, problem).at(loc, slug.chars().count(), &source.text));
    }
}

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
