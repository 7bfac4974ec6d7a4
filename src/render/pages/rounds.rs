//! Rounds in the pages: the round pages (`/moten/<round>/`), and the meetings of a list
//! grouped by round, newest round first (`/moten/`, region and theme pages, the home page).

use super::{Crumb, PageJob, Shared};
use crate::model::round::Round;
use crate::model::routes::Route;
use serde::Serialize;
use tera::Value;
use tera::value::Key;

/// A round as templates see it.
#[derive(Serialize)]
struct RoundLink<'a> {
    slug: &'a str,
    /// What a page shows: its name from site.yaml's `rounds:`, else the round as written in
    /// `round:` (or the year).
    name: &'a str,
    url: String,
}

fn link<'a>(s: &'a Shared<'_>, r: &'a Round) -> RoundLink<'a> {
    RoundLink { slug: &r.slug, name: s.site.round_name(&r.slug), url: s.site.urls.round(&r.slug) }
}

/// Every round with its number of meetings, `current` for the round `current` (an index into
/// the site's rounds): the navigation of `/moten/` and the round pages, and the home page's
/// list (`grouping_count` is 0: the theme's `count_list` reads it).
pub fn counts(s: &Shared<'_>, current: Option<usize>) -> Vec<serde_json::Value> {
    s.site
        .rounds
        .list
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let RoundLink { slug, name, url } = link(s, r);
            serde_json::json!({"slug": slug, "name": name, "url": url, "count": r.meetings.len(),
                "grouping_count": 0, "current": current == Some(i)})
        })
        .collect()
}

/// `meetings` (indexes, newest first) grouped by round, newest round first:
/// `[{slug, name, url, count, meetings}]`, each meeting a shared summary. Empty when the site
/// has one round: a list then has no headings per round. (Not a global: a page that shows no
/// rounds is not rendered again when the site gains its second.)
pub fn groups(s: &Shared<'_>, meetings: &[usize]) -> Value {
    if !s.site.rounds.several() {
        return Value::from(Vec::<Value>::new());
    }
    let groups: Vec<Value> = s
        .site
        .rounds
        .group(meetings)
        .into_iter()
        .map(|(r, list)| {
            let mut group = Value::from_serializable(&link(s, r)).into_map().unwrap_or_default();
            group.insert(Key::Str("count"), Value::from(list.len()));
            group.insert(Key::Str("meetings"), s.list(&list));
            Value::from(group)
        })
        .collect();
    Value::from(groups)
}

/// The crumb of a meeting's round, when the site has several (with one, the round adds nothing
/// to where the reader is).
pub fn crumb(s: &Shared<'_>, meeting: usize) -> Option<Crumb> {
    let rounds = &s.site.rounds;
    rounds.several().then(|| {
        let r = rounds.of_meeting(meeting);
        Crumb { title: s.site.round_name(&r.slug).to_string(), url: s.site.urls.round(&r.slug) }
    })
}

/// "Möten 2019" / "Meetings 2019"; a named round is called by its name ("Hösten 2019").
fn round_title(s: &Shared<'_>, r: &Round) -> String {
    match s.site.round_name(&r.slug) {
        name if name != r.slug => name.to_string(),
        _ => s.t("round_title").replace("{round}", &r.slug),
    }
}

/// `/moten/<round>/`: the round's meetings, and every round to go to.
pub fn page(s: &Shared<'_>, inner: String, index: usize) -> Option<PageJob> {
    let site = s.site;
    let r = site.rounds.list.get(index)?;
    let title = round_title(s, r);
    let crumbs = vec![
        Crumb { title: s.t("meetings"), url: site.urls.to(Route::Meetings) },
        Crumb { title: site.round_name(&r.slug).to_string(), url: site.urls.round(&r.slug) },
    ];
    let mut ctx = s.base("round", &title, "", &inner, crumbs);
    let RoundLink { slug, name, url } = link(s, r);
    ctx.insert("round", &serde_json::json!({"slug": slug, "name": name, "url": url, "count": r.meetings.len()}));
    ctx.insert_value("meetings", s.list(&r.meetings));
    ctx.insert("round_counts", &counts(s, Some(index)));
    Some(PageJob { inner, template: "round.html", context: ctx })
}
