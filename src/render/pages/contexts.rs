//! One context builder per page kind: what each template receives (see docs/templates.md).

use super::{Counted, Crumb, FollowUpItem, FollowUpView, Link, PageJob, Shared};
use crate::i18n::Lang;
use crate::model::contact::size_display;
use crate::model::follow::{ItemAt, Standing};
use crate::model::routes::Route;
use crate::model::site::{RegionRef, county_name};
use crate::model::{GroupingKind, Meeting, PartialDate, Site, Status};
use crate::render::markdown::RenderedMarkdown;
use std::collections::{BTreeMap, HashMap};
use tera::Value;
use tera::value::Key;

pub fn home(s: &Shared<'_>, inner: String) -> PageJob {
    let site = s.site;
    let mut ctx = s.base("home", &site.config.title, &site.config.description, &inner, vec![]);
    ctx.insert("intro", &site.config.description);
    ctx.insert("outcomes", &published_outcomes(s));
    ctx.insert("follow_up_status", &follow_up_status(s));
    ctx.insert("featured", &featured_pages(s));
    ctx.insert("meeting_table", &meeting_table(s));
    ctx.insert("counties", &county_counts(s));
    ctx.insert("themes", &topic_counts(s));
    ctx.insert("meeting_count", &site.meetings.len());
    ctx.insert("round_counts", &super::rounds::counts(s, None));
    ctx.insert("outcome_meeting_count", &site.meetings.iter().filter(|m| !m.outcomes.is_empty()).count());
    PageJob { inner, template: "index.html", context: ctx }
}

/// How many meetings with outcomes, and how many rows of the meeting table, the home page
/// shows at most: the page stays short, and its context small, however large the site. The
/// rest are one link away (all meetings).
const HOME_OUTCOMES: usize = 6;
const HOME_TABLE_ROWS: usize = 50;

/// The newest meetings with published outcomes (at most [`HOME_OUTCOMES`]), with their outcomes.
fn published_outcomes(s: &Shared<'_>) -> Vec<serde_json::Value> {
    let site = s.site;
    site.meetings
        .iter()
        .filter(|m| !m.outcomes.is_empty())
        .take(HOME_OUTCOMES)
        .map(|m| {
            serde_json::json!({
                "title": m.title, "url": site.urls.meeting(&m.slug), "date": m.date, "date_display": m.date.display(s.lang()),
                "regions": m.regions.iter().map(|r| s.region_link(r)).collect::<Vec<_>>(), "outcomes": m.outcomes,
            })
        })
        .collect()
}

/// Every follow-up counted by status (all statuses, in their order) and how many are overdue
/// on `today`, with links to the follow-up page's status sections.
fn follow_up_status(s: &Shared<'_>) -> serde_json::Value {
    let site = s.site;
    // As `/uppfoljning/` lists them: reports in their item's history, each item where it stands.
    let all = s.follow_up_items.iter().flatten();
    let mut counts = [0usize; Status::ALL.len()];
    let mut overdue = 0;
    for (status, item) in all {
        counts[Status::ALL.iter().position(|st| st == status).unwrap_or_default()] += 1;
        let is_overdue = item.as_map().and_then(|i| i.get(&Key::Str("overdue"))).and_then(Value::as_bool);
        overdue += usize::from(is_overdue == Some(true));
    }
    let url = site.urls.follow_ups();
    let by_status: Vec<_> = Status::ALL
        .iter()
        .zip(counts)
        .map(|(st, count)| {
            serde_json::json!({"status": st.as_str(), "label": st.label(s.lang()), "count": count,
                "url": format!("{url}#status-{}", st.as_str())})
        })
        .collect();
    serde_json::json!({"total": counts.iter().sum::<usize>(), "overdue": overdue, "by_status": by_status, "url": url})
}

/// The free pages marked `featured: true`, in footer order.
fn featured_pages(s: &Shared<'_>) -> Vec<serde_json::Value> {
    s.site
        .pages
        .iter()
        .filter(|p| p.featured)
        .map(|p| {
            serde_json::json!({"title": p.title, "url": s.site.urls.page(&p.slug), "summary": p.summary,
                "lang": p.language.unwrap_or(CONTENT_LANG).code()})
        })
        .collect()
}

/// The language meetings are written in; a free page may say otherwise (`language:`).
pub const CONTENT_LANG: Lang = Lang::Sv;

/// The meetings as rows of the home page's table (at most [`HOME_TABLE_ROWS`]): newest round
/// first, in a round newest first, meetings of the same date (a year-only date is one date,
/// not a day) by their first region's name, then title.
fn meeting_table(s: &Shared<'_>) -> Vec<serde_json::Value> {
    let site = s.site;
    let lang = s.lang();
    let first_region: Vec<String> =
        site.meetings.iter().map(|m| m.regions.first().map(|r| site.region_name(r)).unwrap_or_default()).collect();
    let mut order: Vec<usize> = (0..site.meetings.len()).collect();
    // `site.meetings` is newest first: a stable sort by round, then by region within each
    // date keeps that. `rounds.list` is newest first, so a round's place is its index there.
    let rounds = &site.rounds;
    order.sort_by(|&a, &b| {
        let (ma, mb) = (&site.meetings[a], &site.meetings[b]);
        rounds
            .place_of_meeting(a)
            .cmp(&rounds.place_of_meeting(b))
            .then_with(|| mb.date.cmp(&ma.date))
            .then_with(|| crate::model::collate::compare(lang, &first_region[a], &first_region[b]))
    });
    order
        .into_iter()
        .take(HOME_TABLE_ROWS)
        .map(|i| {
            let m = &site.meetings[i];
            let regions: Vec<_> = m
                .regions
                .iter()
                .map(|r| {
                    let link = s.region_link(r);
                    let grouping = matches!(site.region(r), Some(RegionRef::Grouping(_)));
                    serde_json::json!({"name": link.name, "url": link.url, "grouping": grouping})
                })
                .collect();
            serde_json::json!({
                "title": m.title, "url": site.urls.meeting(&m.slug), "date": m.date, "date_display": m.date.display(lang),
                "date_exact": m.date.is_exact(), "regions": regions, "met": who_was_met(s, m),
                "outcome_count": m.outcomes.len(), "draft": m.draft,
                "round": {"name": site.round_name(&m.round), "url": site.urls.round(&m.round)},
            })
        })
        .collect()
}

/// Who the agency met: each county's actor responsible for regional development in the
/// meeting's year ([`responsible_actor`]); for a grouping, the actors of its counties (named by
/// count, the list would be long).
fn who_was_met(s: &Shared<'_>, m: &Meeting) -> Vec<String> {
    m.regions
        .iter()
        .filter_map(|r| match s.site.region(r)? {
            RegionRef::County(c) => responsible_actor(c, m.date).map(str::to_string),
            RegionRef::Grouping(g) => Some(s.t("actors_of_counties").replace("{n}", &g.members.len().to_string())),
        })
        .collect()
}

/// The county's actor responsible for regional development in the year of `date`: the
/// region (`region_2019`) from 2019, when the county is known to have one then; before (or
/// without one), the actor of 2018 (`actor_2018`). `None` when neither is known.
fn responsible_actor(c: &crate::model::County, date: PartialDate) -> Option<&str> {
    let (from_2019, of_2018) = (c.region_2019.as_str(), c.actor_2018.as_str());
    let actor = if date.year >= 2019 && !from_2019.is_empty() { from_2019 } else { of_2018 };
    let actor = if actor.is_empty() { from_2019 } else { actor };
    (!actor.is_empty()).then_some(actor)
}

pub fn meetings_index(s: &Shared<'_>, inner: String) -> PageJob {
    let title = s.t("all_meetings");
    let mut ctx =
        s.base("meetings", &title, "", &inner, vec![Crumb { title: title.clone(), url: s.site.urls.site(&inner) }]);
    let all: Vec<usize> = (0..s.site.meetings.len()).collect();
    ctx.insert_value("meetings", s.list(&all));
    ctx.insert_value("meeting_rounds", super::rounds::groups(s, &all));
    ctx.insert("round_counts", &super::rounds::counts(s, None));
    PageJob { inner, template: "meetings.html", context: ctx }
}

/// A follow-up item as its meeting's page shows it: what it says (action, owner, note), and
/// where its action stands now ([`FollowLinks::standing`]: a later report may have settled it
/// or moved its deadline), so no page tells another story than the follow-up page and the data.
///
/// [`FollowLinks::standing`]: crate::model::follow::FollowLinks::standing
fn follow_up_view(site: &Site, (m, i): ItemAt, now: Standing, lang: Lang, today: PartialDate) -> FollowUpView<'_> {
    let f = &site.meetings[m].follow_ups[i];
    FollowUpView {
        action: &f.action,
        owner: f.owner.as_deref(),
        due: now.due.map(|d| d.to_string()),
        due_display: now.due.map(|d| d.display(lang)),
        status: now.status.as_str(),
        status_label: now.status.label(lang),
        overdue: now.is_overdue(today),
        id: f.id.as_deref(),
        done: now.done.map(|d| d.to_string()),
        done_display: now.done.map(|d| d.display(lang)),
        done_label: now.done.map(|d| d.done_label(lang)),
        note: f.note.as_deref(),
        updated: now.updated.to_string(),
        updated_display: now.updated.display(lang),
    }
}

/// The address of a follow-up item on its meeting's page (its row's anchor).
fn item_url(site: &Site, (m, i): ItemAt) -> Option<String> {
    let meeting = &site.meetings[m];
    let id = meeting.follow_ups[i].id.as_deref()?;
    Some(format!("{}#atgard-{id}", site.urls.meeting(&meeting.slug)))
}

/// A meeting as a link with its date: `{title, url, date, date_display}`.
fn meeting_link(site: &Site, m: usize) -> serde_json::Value {
    let meeting = &site.meetings[m];
    serde_json::json!({
        "title": meeting.title, "url": site.urls.meeting(&meeting.slug),
        "date": meeting.date.to_string(), "date_display": meeting.date.display(site.lang()),
    })
}

/// The later reports on an item (the first of its chain), oldest first: each with its
/// meeting, status, `done` and `note`.
fn history(site: &Site, item: ItemAt) -> Vec<serde_json::Value> {
    let lang = site.lang();
    site.follow
        .history(item)
        .iter()
        .map(|&(m, i)| {
            let f = &site.meetings[m].follow_ups[i];
            serde_json::json!({
                "meeting": meeting_link(site, m), "status": f.status.as_str(), "status_label": f.status.label(lang),
                "done": f.done.map(|d| d.to_string()), "done_display": f.done.map(|d| d.display(lang)),
                "done_label": f.done.map(|d| d.done_label(lang)),
                "note": f.note, "url": item_url(site, (m, i)),
            })
        })
        .collect()
}

/// The item `item` reports on, as the meeting page links it: `{meeting, action, url}`.
fn reported_item(site: &Site, item: ItemAt) -> serde_json::Value {
    match site.follow.reports_on(item) {
        Some((m, i)) => serde_json::json!({
            "meeting": meeting_link(site, m), "action": site.meetings[m].follow_ups[i].action,
            "url": item_url(site, (m, i)),
        }),
        None => serde_json::Value::Null,
    }
}

pub fn meeting(s: &Shared<'_>, inner: String, index: usize, body: &RenderedMarkdown) -> PageJob {
    let site = s.site;
    let m: &Meeting = &site.meetings[index];
    let mut ctx = s.base(
        "meeting",
        &m.title,
        m.summary.as_deref().unwrap_or_default(),
        &inner,
        [Crumb { title: s.t("meetings"), url: site.urls.to(Route::Meetings) }]
            .into_iter()
            .chain(super::rounds::crumb(s, index))
            .chain([Crumb { title: m.title.clone(), url: site.urls.meeting(&m.slug) }])
            .collect(),
    );
    let mut view = s.summaries[index].clone().into_map().unwrap_or_default();
    let lang = s.lang();
    let extra = serde_json::json!({
        "participants": m.participants,
        "agency_units": m.agency_units,
        "outcomes": m.outcomes,
        "follow_ups": (0..m.follow_ups.len()).map(|n| {
            let mut view = serde_json::to_value(follow_up_view(site, (index, n), site.follow.standing(&site.meetings, (index, n)), lang, s.today)).unwrap_or_default();
            view["reports_on"] = reported_item(site, (index, n));
            view["history"] = history(site, (index, n)).into();
            view
        }).collect::<Vec<_>>(),
        "follows_up": site.follow.follows(index).iter().map(|&i| meeting_link(site, i)).collect::<Vec<_>>(),
        "followed_up_by": site.follow.followed_by(index).iter().map(|&i| meeting_link(site, i)).collect::<Vec<_>>(),
        "updated": m.updated.map(|d| d.to_string()),
        "updated_display": m.updated.map(|d| d.display(lang)),
        "attachments": super::attachments::attachment_views(site, &m.attachments, lang),
        "contacts": super::attachments::contact_views(&m.contacts),
        "round": {"name": site.round_name(&m.round), "url": site.urls.round(&m.round)},
    });
    if let Some(extra) = Value::from_serializable(&extra).into_map() {
        view.extend(extra);
    }
    view.insert("body_html".into(), body.html_value());
    ctx.insert_value("meeting", Value::from(view));
    // "Föregående" and "Nästa" in the order of the list the pager names (all meetings, as
    // `/moten/` shows them: newest first, by round when there are several).
    let neighbour = |i: Option<usize>| {
        i.and_then(|i| site.meetings.get(i)).map(|n| {
            serde_json::json!({"title": n.title, "url": site.urls.meeting(&n.slug), "date_display": n.date.display(lang)})
        })
    };
    let (before, after) = site.rounds.neighbours(index);
    ctx.insert("previous", &neighbour(before));
    ctx.insert("next", &neighbour(after));
    ctx.insert_value("json_ld", super::json_ld(&meeting_event(s, m)));
    PageJob { inner, template: "meeting.html", context: ctx }
}

/// The publisher as schema.org sees it: a government organisation (the site's publisher,
/// or its title), with its own web address when site.yaml gives one.
fn organization(site: &Site) -> serde_json::Value {
    let name = site.config.publisher.as_deref().unwrap_or(&site.config.title);
    let mut org = serde_json::json!({"@type": "GovernmentOrganization", "name": name});
    if let Some(url) = &site.config.publisher_url {
        org["url"] = url.as_str().into();
    }
    org
}

/// A meeting as a schema.org `Event`: organised by the publisher, held with the regions
/// (counties and groupings as `AdministrativeArea`s with their official codes). The date is
/// as precise as known (ISO 8601 allows `2018` and `2018-05`).
fn meeting_event(s: &Shared<'_>, m: &Meeting) -> serde_json::Value {
    let site = s.site;
    let lang = s.lang();
    let locations: Vec<serde_json::Value> = m
        .regions
        .iter()
        .filter_map(|r| site.region(r))
        .map(|region| match region {
            RegionRef::County(c) => serde_json::json!({
                "@type": "AdministrativeArea", "name": lang.pick(&c.official_name, &c.official_name_en),
                "identifier": c.iso_3166_2, "url": site.urls.absolute_to(Route::Region(&c.slug)),
            }),
            RegionRef::Grouping(g) => {
                let mut area = serde_json::json!({
                    "@type": "AdministrativeArea", "name": lang.pick(&g.name, &g.name_en),
                    "url": site.urls.absolute_to(Route::Region(&g.slug)),
                });
                if let Some(code) = &g.code {
                    area["identifier"] = code.as_str().into();
                }
                area
            }
        })
        .collect();
    let mut event = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Event",
        "name": m.title,
        "startDate": m.date.to_string(),
        "url": site.urls.absolute_to(Route::Meeting(&m.slug)),
        "inLanguage": lang.code(),
        "organizer": organization(site),
        "location": locations,
    });
    if let Some(summary) = &m.summary {
        event["description"] = summary.as_str().into();
    }
    event
}

/// `/data/`: each open-data file with its format, size and columns, the licence, the
/// calendars and the catalogue; a schema.org `Dataset` for search engines.
pub fn data_page(s: &Shared<'_>, inner: String) -> PageJob {
    use crate::render::data::{self, COUNTY_COLUMNS, Column, FOLLOW_UP_COLUMNS, MEETING_COLUMNS};
    let site = s.site;
    let lang = s.lang();
    let title = s.t("open_data");
    let mut ctx = s.base("data", &title, "", &inner, vec![Crumb { title: title.clone(), url: site.urls.site(&inner) }]);
    let file = |route: Route<'_>| {
        let size = data::size_in(&s.data_sizes, route);
        let path = route.path();
        let excel = matches!(
            route,
            Route::DataCsvExcel | Route::FollowUpsCsvExcel | Route::CountiesCsvExcel | Route::RoundDataCsvExcel(_)
        );
        let format = if path.ends_with(".json") { "JSON" } else { "CSV" };
        serde_json::json!({
            "name": path.trim_start_matches("data/"), "url": site.urls.to(route), "format": format,
            "media_type": if format == "JSON" { "application/json" } else { "text/csv" },
            "excel": excel, "size": size, "size_display": size_display(size, lang),
        })
    };
    let columns = |list: &[Column]| -> Vec<serde_json::Value> {
        list.iter().map(|c| serde_json::json!({"name": c.name, "description": lang.pick(c.sv, c.en)})).collect()
    };
    // Each round's meetings, as the catalogue's datasets of the series of rounds.
    let rounds: Vec<serde_json::Value> = crate::model::routes::published_rounds(site)
        .map(|r| {
            serde_json::json!({
                "slug": r.slug, "name": site.round_name(&r.slug),
                "files": [
                    file(Route::RoundDataJson(&r.slug)),
                    file(Route::RoundDataCsv(&r.slug)),
                    file(Route::RoundDataCsvExcel(&r.slug)),
                ],
            })
        })
        .collect();
    let datasets = serde_json::json!([
        {
            "id": "moten", "title": s.t("data_meetings_title"), "description": s.t("data_meetings_description"),
            "files": [file(Route::DataJson), file(Route::DataCsv), file(Route::DataCsvExcel)],
            "columns": columns(MEETING_COLUMNS),
            "rounds": rounds,
        },
        {
            "id": "atgarder", "title": s.t("data_follow_ups_title"), "description": s.t("data_follow_ups_description"),
            "files": [file(Route::FollowUpsJson), file(Route::FollowUpsCsv), file(Route::FollowUpsCsvExcel)],
            "columns": columns(FOLLOW_UP_COLUMNS),
        },
        {
            "id": "lan", "title": s.t("data_counties_title"), "description": s.t("data_counties_description"),
            "files": [file(Route::CountiesJson), file(Route::CountiesCsv), file(Route::CountiesCsvExcel)],
            "columns": columns(COUNTY_COLUMNS),
        },
    ]);
    ctx.insert("datasets", &datasets);
    ctx.insert("license", &site.config.license);
    ctx.insert("calendar_url", &site.urls.to(Route::FollowUpCalendar));
    ctx.insert("has_calendar", &site.has_calendar(None));
    ctx.insert("catalog_url", &site.urls.has_origin().then(|| site.urls.to(Route::DataCatalog)));
    let mut dataset = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": format!("{}: {}", site.config.title, title),
        "description": format!("{} {}", s.t("data_meetings_description"), s.t("data_follow_ups_description")),
        "url": site.urls.absolute_to(Route::DataPage),
        "inLanguage": lang.code(),
        "publisher": organization(site),
        "creator": organization(site),
        "spatialCoverage": {"@type": "Country", "name": lang.pick("Sverige", "Sweden")},
        "distribution": data::TABLE_ROUTES.iter().map(|&r| serde_json::json!({
            "@type": "DataDownload",
            "contentUrl": site.urls.absolute_to(r),
            "encodingFormat": if r.path().ends_with(".json") { "application/json" } else { "text/csv" },
        })).collect::<Vec<_>>(),
    });
    if let Some(license) = &site.config.license {
        dataset["license"] = license.as_str().into();
    }
    let known = site.latest_exact_date();
    if let Some(d) = site.meetings.iter().filter(|m| !m.draft).map(|m| m.exact_updated(known)).max() {
        // The same day as the catalogue's `dcterms:modified`.
        dataset["dateModified"] = d.to_string().into();
    }
    ctx.insert_value("json_ld", super::json_ld(&dataset));
    PageJob { inner, template: "data.html", context: ctx }
}

fn county_counts(s: &Shared<'_>) -> Vec<Counted> {
    let site = s.site;
    site.counties_in_order
        .iter()
        .map(|&i| {
            let c = &site.registry.counties[i];
            Counted {
                slug: c.slug.clone(),
                name: county_name(c, s.lang()).into(),
                url: site.urls.region(&c.slug),
                count: site.meetings_of(&c.slug).len(),
                grouping_count: site.grouping_meeting_count(&c.slug),
            }
        })
        .collect()
}

fn topic_counts(s: &Shared<'_>) -> Vec<serde_json::Value> {
    let site = s.site;
    let lang = s.lang();
    site.topics
        .iter()
        .map(|t| {
            serde_json::json!({
                "slug": t.slug, "name": lang.pick(&t.name, &t.name_en), "url": site.urls.topic(&t.slug),
                "description": lang.pick(&t.description, &t.description_en), "count": site.meetings_of_topic(&t.slug).len(),
            })
        })
        .collect()
}

fn groupings_of_kind(s: &Shared<'_>, kind: GroupingKind) -> Vec<serde_json::Value> {
    let site = s.site;
    let lang = s.lang();
    site.registry
        .groupings
        .iter()
        .filter(|g| g.kind == kind || (kind == GroupingKind::Team && g.kind == GroupingKind::Other))
        .map(|g| {
            serde_json::json!({
                "slug": g.slug, "name": lang.pick(&g.name, &g.name_en), "url": site.urls.region(&g.slug),
                "count": site.meetings_of_grouping(g).len(), "code": g.code,
                "description": lang.pick(&g.description, &g.description_en),
                "members": g.members.iter().map(|m| s.region_link(m)).collect::<Vec<_>>(),
            })
        })
        .collect()
}

pub fn regions_index(s: &Shared<'_>, inner: String) -> PageJob {
    let title = s.t("regions");
    let mut ctx =
        s.base("regions", &title, "", &inner, vec![Crumb { title: title.clone(), url: s.site.urls.regions() }]);
    ctx.insert("map_svg", &Value::safe_string(&(s.map)(None)));
    let counties: Vec<serde_json::Value> = s
        .site
        .counties_in_order
        .iter()
        .map(|&i| {
            let c = &s.site.registry.counties[i];
            serde_json::json!({"slug": c.slug, "name": county_name(c, s.lang()), "url": s.site.urls.region(&c.slug),
                "count": s.site.meetings_of(&c.slug).len(), "grouping_count": s.site.grouping_meeting_count(&c.slug), "official_name": s.lang().pick(&c.official_name, &c.official_name_en)})
        })
        .collect();
    ctx.insert("counties", &counties);
    ctx.insert("nuts2", &groupings_of_kind(s, GroupingKind::Nuts2));
    ctx.insert("teams", &groupings_of_kind(s, GroupingKind::Team));
    PageJob { inner, template: "regions.html", context: ctx }
}

/// Topics discussed in these meetings, with how often, in registry order.
fn topics_in(s: &Shared<'_>, meetings: &[usize]) -> Vec<Counted> {
    // Counted from the meetings' own themes: asking each of 2,000 themes of each of a
    // region's meetings cost themes × meetings per region page.
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for &i in meetings {
        let mut topics: Vec<&str> = s.site.meetings[i].topics.iter().map(String::as_str).collect();
        // A meeting counts once for a theme it names twice (that is only a warning).
        topics.sort_unstable();
        topics.dedup();
        for t in topics {
            *counts.entry(t).or_default() += 1;
        }
    }
    s.site
        .topics
        .iter()
        .filter_map(|t| {
            let count = counts.get(t.slug.as_str()).copied()?;
            let link = s.topic_link(&t.slug);
            Some(Counted { slug: link.slug, name: link.name, url: link.url, count, grouping_count: 0 })
        })
        .collect()
}

/// The themes discussed in a region ([`topics_in`]), each with the region's meetings on it as
/// `meetings`, in the order of `meetings`: picked once here, not by the template for every
/// theme and meeting (that filter was a few per cent of a build).
fn themes_with_meetings(s: &Shared<'_>, meetings: &[usize]) -> Value {
    let themes: Vec<Value> = topics_in(s, meetings)
        .into_iter()
        .map(|theme| {
            let on_theme: Vec<usize> =
                meetings.iter().copied().filter(|&i| s.site.meetings[i].topics.contains(&theme.slug)).collect();
            let mut view = Value::from_serializable(&theme).into_map().unwrap_or_default();
            view.insert(Key::Str("meetings"), s.list(&on_theme));
            Value::from(view)
        })
        .collect();
    Value::from(themes)
}

/// A region page's own description for search engines and sharing: a grouping's
/// description, or for a county the site's words with its official name.
fn region_description(s: &Shared<'_>, slug: &str) -> String {
    let lang = s.lang();
    match s.site.region(slug) {
        Some(RegionRef::County(c)) => {
            format!("{} {}.", s.t("region_description"), lang.pick(&c.official_name, &c.official_name_en))
        }
        Some(RegionRef::Grouping(g)) => lang.pick(&g.description, &g.description_en).to_string(),
        None => String::new(),
    }
}

pub fn region(s: &Shared<'_>, inner: String, slug: &str) -> Option<PageJob> {
    let site = s.site;
    let lang = s.lang();
    let (view, meetings, map) = match site.region(slug)? {
        RegionRef::County(c) => {
            let facts = vec![
                (s.t("official_name"), lang.pick(&c.official_name, &c.official_name_en).to_string()),
                (s.t("county_letter"), c.letter.clone()),
                (s.t("county_code"), c.county_code.clone()),
                (s.t("iso_code"), c.iso_3166_2.clone()),
                (s.t("nuts_code"), c.nuts3.clone()),
                (s.t("actor_2018"), c.actor_2018.clone()),
                (s.t("region_2019"), c.region_2019.clone()),
            ];
            let facts: Vec<_> = facts
                .into_iter()
                .filter(|(_, v)| !v.is_empty())
                .map(|(label, value)| serde_json::json!({"label": label, "value": value}))
                .collect();
            let groupings: Vec<_> = site
                .county_groupings
                .get(slug)
                .into_iter()
                .flatten()
                .map(|&g| s.region_link(&site.registry.groupings[g].slug))
                .collect();
            let view = serde_json::json!({
                "kind": "county", "slug": slug, "name": county_name(c, lang),
                "description": null, "official_name": lang.pick(&c.official_name, &c.official_name_en),
                "facts": facts, "groupings": groupings, "members": [],
                "contacts": super::attachments::contact_views(&c.contacts),
            });
            (view, site.meetings_of(slug).to_vec(), (s.map)(Some(slug)))
        }
        RegionRef::Grouping(g) => {
            let members: Vec<Counted> = g
                .members
                .iter()
                .map(|m| {
                    let link = s.region_link(m);
                    Counted {
                        slug: link.slug,
                        name: link.name,
                        url: link.url,
                        count: site.meetings_of(m).len(),
                        grouping_count: site.grouping_meeting_count(m),
                    }
                })
                .collect();
            let mut facts = Vec::new();
            if let Some(code) = &g.code {
                facts.push(serde_json::json!({"label": s.t("nuts_code"), "value": code}));
            }
            let view = serde_json::json!({
                "kind": "grouping", "slug": slug, "name": lang.pick(&g.name, &g.name_en),
                "description": lang.pick(&g.description, &g.description_en), "official_name": null,
                "facts": facts, "groupings": [], "members": members,
                "contacts": super::attachments::contact_views(&g.contacts),
            });
            (view, site.meetings_of_grouping(g), (s.map)(Some(slug)))
        }
    };
    let name = site.region_name(slug);
    let description = region_description(s, slug);
    let mut ctx = s.base(
        "region",
        &name,
        &description,
        &inner,
        vec![
            Crumb { title: s.t("regions"), url: site.urls.regions() },
            Crumb { title: name.clone(), url: site.urls.region(slug) },
        ],
    );
    s.with_feed(&mut ctx, &name, Route::RegionFeed(slug));
    ctx.insert("calendar_url", &site.urls.to(Route::RegionFollowUpCalendar(slug)));
    ctx.insert("has_calendar", &site.has_calendar(Some(slug)));
    ctx.insert("region", &view);
    ctx.insert("map_svg", &Value::safe_string(&map));
    ctx.insert_value("themes", themes_with_meetings(s, &meetings));
    ctx.insert_value("meetings", s.list(&meetings));
    ctx.insert_value("meeting_rounds", super::rounds::groups(s, &meetings));
    ctx.insert_value("grouping_meetings", grouping_meetings(s, slug));
    let (outcomes, outcome_meeting_count) = region_outcomes(s, &meetings);
    ctx.insert("outcomes", &outcomes);
    ctx.insert("outcome_meeting_count", &outcome_meeting_count);
    ctx.insert_value("follow_ups", region_follow_ups(s, slug, &meetings));
    Some(PageJob { inner, template: "region.html", context: ctx })
}

/// How many of its meetings with outcomes, and of its agreed actions, a region's page lists
/// (newest first) above everything else: the rest are one link away (its meetings below, its
/// follow-up page), so the page stays short however many meetings the region has.
const REGION_OUTCOMES: usize = 6;
const REGION_FOLLOW_UPS: usize = 10;

/// The newest of `meetings` with published outcomes (at most [`REGION_OUTCOMES`]), each as
/// `{title, url, date, date_display, outcomes}`, and how many of `meetings` have outcomes.
fn region_outcomes(s: &Shared<'_>, meetings: &[usize]) -> (Vec<serde_json::Value>, usize) {
    let site = s.site;
    let with: Vec<usize> = meetings.iter().copied().filter(|&i| !site.meetings[i].outcomes.is_empty()).collect();
    let listed = with
        .iter()
        .take(REGION_OUTCOMES)
        .map(|&i| {
            let m = &site.meetings[i];
            serde_json::json!({"title": m.title, "url": site.urls.meeting(&m.slug), "date": m.date,
                "date_display": m.date.display(s.lang()), "outcomes": m.outcomes})
        })
        .collect();
    (listed, with.len())
}

/// The agreed actions of a region's meetings, as its page shows them first:
/// `{count, none, items, url, groupings}`. `count` is how many actions `meetings` agreed on
/// (a report on an earlier action is in that action's history, not counted again); `none` is
/// true when none of `meetings` has any (the page then says so); `items` the newest [`REGION_FOLLOW_UPS`] as
/// `/uppfoljning/` lists them (reports are in their action's history), each with its `status`
/// and `status_label` from [`FollowLinks::standing`]; `url` the region's follow-up page, none
/// when it has none; `groupings` the county's groupings that have a follow-up page
/// (`[{name, url}]`).
///
/// [`FollowLinks::standing`]: crate::model::follow::FollowLinks::standing
fn region_follow_ups(s: &Shared<'_>, slug: &str, meetings: &[usize]) -> Value {
    let site = s.site;
    let lang = s.lang();
    let count: usize = meetings.iter().map(|&i| s.follow_up_items[i].len()).sum();
    let has_any = meetings.iter().any(|&i| !site.meetings[i].follow_ups.is_empty());
    let items: Vec<Value> = meetings
        .iter()
        .flat_map(|&i| &s.follow_up_items[i])
        .take(REGION_FOLLOW_UPS)
        .map(|(status, item)| {
            let mut item = item.as_map().cloned().unwrap_or_default();
            item.insert(Key::Str("status"), Value::from(status.as_str()));
            item.insert(Key::Str("status_label"), Value::from(status.label(lang)));
            Value::from(item)
        })
        .collect();
    let has_page = |r: &str| s.follow_up_regions.iter().any(|x| x == r);
    let url = has_page(slug).then(|| site.urls.to(Route::RegionFollowUps(slug)));
    let groupings: Vec<Link> = match site.region(slug) {
        Some(RegionRef::County(_)) => site
            .county_groupings
            .get(slug)
            .into_iter()
            .flatten()
            .map(|&g| &site.registry.groupings[g].slug)
            .filter(|g| has_page(g))
            .map(|g| {
                let mut link = s.region_link(g);
                link.url = site.urls.to(Route::RegionFollowUps(g));
                link
            })
            .collect(),
        _ => Vec::new(),
    };
    let mut view = Value::from_serializable(
        &serde_json::json!({"count": count, "none": !has_any, "url": url, "groupings": groupings}),
    )
    .into_map()
    .unwrap_or_default();
    view.insert(Key::Str("items"), Value::from(items));
    Value::from(view)
}

/// The counties none of whose meetings agreed on an action (`[{name, url}]`, in county
/// order): `/uppfoljning/` names them, so that "none" reads differently from "missing".
/// Together with the counties in its region filter, they are every county.
fn counties_without_follow_ups(s: &Shared<'_>) -> Vec<Link> {
    let site = s.site;
    site.counties_in_order
        .iter()
        .map(|&i| &site.registry.counties[i].slug)
        .filter(|c| !s.follow_up_regions.iter().any(|r| r == *c))
        .map(|c| s.region_link(c))
        .collect()
}

/// A county page lists its groupings' meetings up to this many in all; beyond, each grouping
/// is a link to its page with its count, so the page follows the groupings, not their
/// meetings: a county in 2,000 groupings of 20 meetings each was a 103 MB page listing 40,000.
const GROUPING_MEETINGS_LISTED: usize = 200;

/// A county's meetings held with its groupings, per grouping: `[{grouping, meetings, count}]`,
/// `meetings` empty when there are more than [`GROUPING_MEETINGS_LISTED`] in all (empty for a
/// grouping's own page).
fn grouping_meetings(s: &Shared<'_>, slug: &str) -> Value {
    let site = s.site;
    if !matches!(site.region(slug), Some(RegionRef::County(_))) {
        return Value::from(Vec::<Value>::new());
    }
    let of_groupings = site.grouping_meetings_of(slug);
    let listed = of_groupings.iter().map(|(_, m)| m.len()).sum::<usize>() <= GROUPING_MEETINGS_LISTED;
    let groups: Vec<Value> = of_groupings
        .into_iter()
        .map(|(g, meetings)| {
            let mut group = Value::from_serializable(&serde_json::json!({
                "grouping": s.region_link(&site.registry.groupings[g].slug),
                "count": meetings.len(),
            }))
            .into_map()
            .unwrap_or_default();
            group.insert(Key::Str("meetings"), s.list(if listed { meetings } else { &[] }));
            Value::from(group)
        })
        .collect();
    Value::from(groups)
}

pub fn topics_index(s: &Shared<'_>, inner: String) -> PageJob {
    let site = s.site;
    let title = s.t("themes");
    let mut ctx = s.base("themes", &title, "", &inner, vec![Crumb { title: title.clone(), url: site.urls.topics() }]);
    ctx.insert("themes", &topic_counts(s));
    ctx.insert("matrix", &topic_matrix(s));
    PageJob { inner, template: "themes.html", context: ctx }
}

/// A table of regions × themes is shown up to this many cells; beyond (hundreds of regions and
/// themes) each region lists its own themes, so the page and the memory it takes follow the
/// meetings, not the product of regions and themes.
const MATRIX_MAX_CELLS: usize = 10_000;

/// The region × theme counts of `/teman/`: `rows` of `cells` (one per column) when the table
/// is small enough, else `by_region` (each region with only the themes its meetings discuss).
fn topic_matrix(s: &Shared<'_>) -> serde_json::Value {
    let site = s.site;
    let topic_index: HashMap<&str, usize> = site.topics.iter().enumerate().map(|(i, t)| (t.slug.as_str(), i)).collect();
    // Rows: counties in alphabetical order, then groupings named directly by meetings.
    let row_slugs: Vec<&str> = site
        .counties_in_order
        .iter()
        .map(|&i| site.registry.counties[i].slug.as_str())
        .chain(site.registry.groupings.iter().map(|g| g.slug.as_str()).filter(|g| !site.meetings_of(g).is_empty()))
        .collect();
    // Each region's themes with their counts, in the themes' order: one pass over its meetings.
    let counts = |region: &str| -> Vec<(usize, usize)> {
        let mut by_topic: BTreeMap<usize, usize> = BTreeMap::new();
        for &m in site.meetings_of(region) {
            // A meeting counts once for a theme it names twice (that is only a warning).
            let mut topics: Vec<usize> =
                site.meetings[m].topics.iter().filter_map(|t| topic_index.get(t.as_str()).copied()).collect();
            topics.sort_unstable();
            topics.dedup();
            for i in topics {
                *by_topic.entry(i).or_default() += 1;
            }
        }
        by_topic.into_iter().collect()
    };
    if row_slugs.len().saturating_mul(site.topics.len()) <= MATRIX_MAX_CELLS {
        let columns: Vec<Link> = site.topics.iter().map(|t| s.topic_link(&t.slug)).collect();
        let rows: Vec<(Link, Vec<usize>)> = row_slugs
            .iter()
            .map(|&r| {
                let mut full = vec![0; site.topics.len()];
                for (topic, count) in counts(r) {
                    full[topic] = count;
                }
                (s.region_link(r), full)
            })
            .collect();
        return matrix_value(site, columns, rows);
    }
    let by_region: Vec<serde_json::Value> = row_slugs
        .iter()
        .filter_map(|&r| {
            let topics: Vec<serde_json::Value> = counts(r)
                .into_iter()
                .map(|(t, n)| {
                    let url = format!("{}#tema-{}", site.urls.region(r), site.topics[t].slug);
                    serde_json::json!({"topic": s.topic_link(&site.topics[t].slug), "count": n, "url": url})
                })
                .collect();
            (!topics.is_empty()).then(|| serde_json::json!({"region": s.region_link(r), "topics": topics}))
        })
        .collect();
    serde_json::json!({"columns": [], "rows": [], "by_region": by_region})
}

/// The region × theme matrix as the template reads it: `columns` (theme links, each with
/// `empty` when no region discussed it) and `rows` (`region` link, `cells` of `{count, url}`,
/// `empty` when the region discussed no theme). Empty rows and columns are hidden by default.
fn matrix_value(site: &Site, columns: Vec<Link>, rows: Vec<(Link, Vec<usize>)>) -> serde_json::Value {
    let column_used: Vec<bool> = (0..columns.len()).map(|c| rows.iter().any(|(_, counts)| counts[c] > 0)).collect();
    let columns: Vec<_> = columns
        .into_iter()
        .zip(&column_used)
        .map(|(link, used)| serde_json::json!({"slug": link.slug, "name": link.name, "url": link.url, "empty": !used}))
        .collect();
    let rows: Vec<_> = rows
        .into_iter()
        .map(|(region, counts)| {
            let cells: Vec<_> = counts
                .iter()
                .zip(&site.topics)
                .map(|(&count, t)| {
                    let url = (count > 0).then(|| format!("{}#tema-{}", region.url, t.slug));
                    serde_json::json!({"count": count, "url": url})
                })
                .collect();
            serde_json::json!({"region": region, "cells": cells, "empty": counts.iter().all(|&c| c == 0)})
        })
        .collect();
    let hidden_rows = rows.iter().filter(|r| r["empty"] == true).count();
    let hidden_columns = column_used.iter().filter(|&&u| !u).count();
    serde_json::json!({"columns": columns, "rows": rows, "hidden_rows": hidden_rows, "hidden_columns": hidden_columns})
}

pub fn topic(s: &Shared<'_>, inner: String, slug: &str) -> Option<PageJob> {
    let site = s.site;
    let lang = s.lang();
    let t = site.topic(slug)?;
    let name = lang.pick(&t.name, &t.name_en);
    let mut ctx = s.base(
        "theme",
        name,
        lang.pick(&t.description, &t.description_en),
        &inner,
        vec![
            Crumb { title: s.t("themes"), url: site.urls.topics() },
            Crumb { title: name.into(), url: site.urls.topic(slug) },
        ],
    );
    s.with_feed(&mut ctx, name, Route::TopicFeed(slug));
    ctx.insert(
        "theme",
        &serde_json::json!({"slug": slug, "name": name, "description": lang.pick(&t.description, &t.description_en)}),
    );
    let meetings = site.meetings_of_topic(slug);
    ctx.insert_value("meetings", s.list(meetings));
    ctx.insert_value("meeting_rounds", super::rounds::groups(s, meetings));
    let mut regions: Vec<Counted> = Vec::new();
    for &i in meetings {
        for r in &site.meetings[i].regions {
            match regions.iter_mut().find(|c| &c.slug == r) {
                Some(c) => c.count += 1,
                None => {
                    let link = s.region_link(r);
                    regions.push(Counted {
                        slug: link.slug,
                        name: link.name,
                        url: link.url,
                        count: 1,
                        grouping_count: 0,
                    });
                }
            }
        }
    }
    regions.sort_by(|a, b| crate::model::collate::compare(lang, &a.name, &b.name));
    ctx.insert("regions", &regions);
    Some(PageJob { inner, template: "theme.html", context: ctx })
}

/// Regions named by a meeting with follow-ups, in name order: each gets a follow-up page.
pub fn follow_up_regions(site: &Site) -> Vec<String> {
    let mut regions: Vec<String> = Vec::new();
    for m in site.meetings.iter().filter(|m| !m.follow_ups.is_empty()) {
        for r in &m.regions {
            if !regions.contains(r) {
                regions.push(r.clone());
            }
        }
    }
    let lang = site.lang();
    regions.sort_by(|a, b| crate::model::collate::compare(lang, &site.region_name(a), &site.region_name(b)));
    regions
}

/// Each meeting's follow-ups as the follow-up pages list them, with their status; built once
/// and shared by `/uppfoljning/` and the region pages.
pub fn follow_up_items(site: &Site, today: PartialDate, summaries: &[Value]) -> Vec<Vec<(Status, Value)>> {
    use rayon::prelude::*;
    let lang = site.lang();
    site.meetings
        .par_iter()
        .zip(summaries)
        .enumerate()
        .map(|(index, (m, summary))| {
            if m.follow_ups.is_empty() {
                return Vec::new();
            }
            // Shared by the meeting's items: its link, and its regions' links from its summary.
            let meeting = Value::from_serializable(&Crumb { title: m.title.clone(), url: site.urls.meeting(&m.slug) });
            let regions = summary
                .as_map()
                .and_then(|s| s.get(&Key::Str("regions")))
                .cloned()
                .unwrap_or_else(|| Value::from(Vec::<Value>::new()));
            // An item that reports on an earlier one is shown in that one's history; an item
            // stands where its latest report says.
            m.follow_ups
                .iter()
                .enumerate()
                .filter(|&(n, _)| !site.follow.is_report((index, n)))
                .map(|(n, _)| {
                    let now = site.follow.standing(&site.meetings, (index, n));
                    let view = follow_up_view(site, (index, n), now, lang, today);
                    let item = FollowUpItem {
                        action: view.action,
                        owner: view.owner,
                        due_display: view.due_display,
                        overdue: view.overdue,
                        done: view.done,
                        done_display: view.done_display,
                        done_label: view.done_label,
                        note: view.note,
                        updated: view.updated,
                        updated_display: view.updated_display,
                    };
                    let mut item = Value::from_serializable(&item).into_map().unwrap_or_default();
                    item.insert(Key::Str("meeting"), meeting.clone());
                    item.insert(Key::Str("regions"), regions.clone());
                    item.insert(Key::Str("history"), Value::from_serializable(&history(site, (index, n))));
                    (now.status, Value::from(item))
                })
                .collect()
        })
        .collect()
}

/// `/uppfoljning/`, or its page filtered to one region.
pub fn follow_ups(s: &Shared<'_>, inner: String, region: Option<&str>) -> PageJob {
    let site = s.site;
    let lang = s.lang();
    let title = s.t("follow_ups");
    let mut crumbs = vec![Crumb { title: title.clone(), url: site.urls.follow_ups() }];
    let page_title = match region {
        Some(r) => {
            let name = site.region_name(r);
            crumbs.push(Crumb { title: name.clone(), url: site.urls.site(&inner) });
            format!("{title}: {name}")
        }
        None => title.clone(),
    };
    let mut ctx = s.base("follow_ups", &page_title, "", &inner, crumbs);
    let listed: Vec<usize> = (0..site.meetings.len())
        .filter(|&i| {
            let m = &site.meetings[i];
            !m.follow_ups.is_empty() && region.is_none_or(|r| m.regions.iter().any(|x| x == r))
        })
        .collect();
    let groups: Vec<Value> = Status::ALL
        .iter()
        .map(|&status| {
            let items: Vec<Value> = listed
                .iter()
                .flat_map(|&i| {
                    s.follow_up_items[i].iter().filter(|(st, _)| *st == status).map(|(_, item)| item.clone())
                })
                .collect();
            let mut group =
                Value::from_serializable(&serde_json::json!({"status": status.as_str(), "label": status.label(lang)}))
                    .into_map()
                    .unwrap_or_default();
            group.insert("items".into(), Value::from(items));
            Value::from(group)
        })
        .collect();
    ctx.insert_value("groups", Value::from(groups));
    let filter: Vec<serde_json::Value> = s
        .follow_up_regions
        .iter()
        .map(|r| serde_json::json!({"name": site.region_name(r), "url": site.urls.to(Route::RegionFollowUps(r)), "current": Some(r.as_str()) == region}))
        .collect();
    ctx.insert("region_filter", &filter);
    ctx.insert("all_url", &site.urls.follow_ups());
    ctx.insert("current_region", &region.map(|r| site.region_name(r)));
    let without = if region.is_none() { counties_without_follow_ups(s) } else { Vec::new() };
    ctx.insert("counties_without", &without);
    let calendar = region.map_or(Route::FollowUpCalendar, Route::RegionFollowUpCalendar);
    ctx.insert("calendar_url", &site.urls.to(calendar));
    ctx.insert("has_calendar", &site.has_calendar(region));
    PageJob { inner, template: "follow_ups.html", context: ctx }
}

pub fn search(s: &Shared<'_>, inner: String) -> PageJob {
    let title = s.t("search");
    let mut ctx = s.base("search", &title, "", &inner, vec![Crumb { title: title.clone(), url: s.site.urls.search() }]);
    ctx.insert("search_index_url", &s.site.urls.to(Route::SearchIndex));
    ctx.insert("search_script_url", &s.site.urls.site("search.js"));
    ctx.insert_value("browse", search_browse(s));
    PageJob { inner, template: "search.html", context: ctx }
}

/// The search page's browse without JavaScript (and when the index cannot be fetched): each
/// county, grouping and topic with published meetings, each round, and the table of topics by
/// region (its cells lead to a county's meetings of a topic), all pages that exist.
fn search_browse(s: &Shared<'_>) -> Value {
    let site = s.site;
    let lang = site.lang();
    let published = |meetings: &[usize]| meetings.iter().filter(|&&i| !site.meetings[i].draft).count();
    let entry = |name: &str, url: String, count: usize| serde_json::json!({"name": name, "url": url, "count": count});
    let counties = site.registry.counties.iter().map(|c| {
        entry(crate::model::site::county_name(c, lang), site.urls.region(&c.slug), published(site.meetings_of(&c.slug)))
    });
    let groupings = site.registry.groupings.iter().map(|g| {
        entry(lang.pick(&g.name, &g.name_en), site.urls.region(&g.slug), published(site.meetings_of(&g.slug)))
    });
    let topics = site.topics.iter().map(|t| {
        entry(lang.pick(&t.name, &t.name_en), site.urls.topic(&t.slug), published(site.meetings_of_topic(&t.slug)))
    });
    let with_meetings = |list: Vec<serde_json::Value>| -> Vec<serde_json::Value> {
        list.into_iter().filter(|e| e["count"].as_u64().is_some_and(|n| n > 0)).collect()
    };
    let topics = with_meetings(topics.collect());
    let matrix = (!topics.is_empty()).then(|| format!("{}#matris-rubrik", site.urls.to(Route::Topics)));
    Value::from_serializable(&serde_json::json!({
        "regions": with_meetings(counties.chain(groupings).collect()),
        "topics": topics,
        "rounds": super::rounds::counts(s, None),
        "matrix_url": matrix,
    }))
}

pub fn free_page(s: &Shared<'_>, inner: String, index: usize) -> PageJob {
    let p = &s.site.pages[index];
    let mut ctx = s.base(
        "page",
        &p.title,
        p.summary.as_deref().unwrap_or_default(),
        &inner,
        vec![Crumb { title: p.title.clone(), url: s.site.urls.page(&p.slug) }],
    );
    let page_lang = p.language.unwrap_or(CONTENT_LANG).code();
    let lang = s.lang();
    let mut view = Value::from_serializable(&serde_json::json!({
        "title": p.title, "summary": p.summary, "lang": page_lang,
        "updated": p.updated.map(|d| d.to_string()), "updated_display": p.updated.map(|d| d.display(lang)),
    }))
    .into_map()
    .unwrap_or_default();
    view.insert("body_html".into(), s.page_bodies[index].html_value());
    ctx.insert_value("page", Value::from(view));
    PageJob { inner, template: "page.html", context: ctx }
}

/// The accessibility statement from `site.yaml`'s `accessibility:` (`None` without one).
pub fn accessibility(s: &Shared<'_>, inner: String) -> Option<PageJob> {
    use crate::model::accessibility::{AutomaticCheck, DIGG_REPORT_URL, MANUAL_CHECKS};
    let site = s.site;
    let a = site.config.accessibility.as_ref()?;
    let lang = s.lang();
    let title = s.t("a11y_title");
    let description = s.t("a11y_description").replace("{site}", &site.config.title);
    let mut ctx = s.base(
        "accessibility",
        &title,
        &description,
        &inner,
        vec![Crumb { title: title.clone(), url: site.urls.to(Route::Accessibility) }],
    );
    let checked_text = s.t("a11y_checked_text");
    let (checked_before, checked_after) = checked_text.split_once("{date}").unwrap_or((&checked_text, ""));
    let items = |list: &[crate::model::accessibility::Shortcoming]| {
        list.iter().map(|x| serde_json::json!({"content": x.content, "reason": x.reason})).collect::<Vec<_>>()
    };
    ctx.insert(
        "statement",
        &serde_json::json!({
            "publisher": site.config.publisher, "site_name": site.config.title, "site_url": site.urls.home(),
            "status": a.status.as_str(), "status_label": a.status.label(lang),
            "problems": items(&a.problems), "exemptions": items(&a.exemptions), "out_of_scope": items(&a.out_of_scope),
            "assessed": a.assessed, "assessed_display": a.assessed.display(lang),
            "updated": a.updated, "updated_display": a.updated.display(lang),
            "method": a.method, "contact": a.contact,
            "feedback": {
                "email": a.feedback.email, "email_url": a.feedback.email.as_ref().map(|e| format!("mailto:{e}")),
                "form": a.feedback.form, "response_time": a.feedback.response_time,
            },
            "digg_url": DIGG_REPORT_URL,
            // What the build checked, on the day it ran (`Options::today`, never the clock).
            "checked_on": s.today, "checked_on_display": s.today.display(lang),
            "checked_before": checked_before, "checked_after": checked_after,
            "automatic_checks": AutomaticCheck::ALL.map(|c| c.label(lang)),
            "manual_checks": MANUAL_CHECKS.map(|key| lang.ui(key)),
        }),
    );
    Some(PageJob { inner, template: "accessibility.html", context: ctx })
}

pub fn not_found(s: &Shared<'_>, inner: String) -> PageJob {
    let title = s.t("not_found_title");
    let ctx =
        s.base("not_found", &title, "", &inner, vec![Crumb { title: title.clone(), url: s.site.urls.site(&inner) }]);
    PageJob { inner, template: "404.html", context: ctx }
}
