//! The assembled site: validated parts plus the indexes every page reads from.
//! Built once per build in linear time; pages borrow from it, never copy it.

use super::{Config, County, Grouping, Meeting, Page, Registry, Topic, collate, round::Rounds, urls::Urls};
use std::collections::HashMap;

pub struct Site {
    pub config: Config,
    pub urls: Urls,
    pub registry: Registry,
    pub topics: Vec<Topic>,
    /// Newest first; ties by title in the site's alphabetical order, then by slug.
    pub meetings: Vec<Meeting>,
    /// By weight, then title.
    pub pages: Vec<Page>,
    /// Indexes into `registry.counties` in alphabetical order of their names.
    pub counties_in_order: Vec<usize>,
    /// Region slug (county or grouping) → meetings that name it directly, newest first.
    pub direct_meetings: HashMap<String, Vec<usize>>,
    /// Topic slug → meetings that discuss it, newest first.
    pub topic_meetings: HashMap<String, Vec<usize>>,
    /// County slug → groupings it belongs to, in registry order.
    pub county_groupings: HashMap<String, Vec<usize>>,
    /// County slug → how many distinct meetings its groupings held, counted once: every
    /// grouping page shows it for each member, and a county in 2,000 groupings would
    /// otherwise gather all their meetings again for each of those pages.
    grouping_meeting_counts: HashMap<String, usize>,
    /// Whether drafts were included in this build (they then carry a banner).
    pub drafts_included: bool,
    /// Which meetings follow up which, and each follow-up item's history.
    pub follow: super::follow::FollowLinks,
    /// The rounds of the meetings, newest first, each with its meetings.
    pub rounds: Rounds,
}

/// A region as meetings name it: a county or a grouping.
#[derive(Clone, Copy)]
pub enum RegionRef<'a> {
    County(&'a County),
    Grouping(&'a Grouping),
}

impl Site {
    /// What readers see of the round `slug`: its name from site.yaml's `rounds:`, else itself.
    pub fn round_name<'a>(&'a self, slug: &'a str) -> &'a str {
        self.config.round_names.get(slug).map_or(slug, |n| n.name.as_str())
    }

    pub fn new(
        config: Config,
        urls: Urls,
        registry: Registry,
        topics: Vec<Topic>,
        mut meetings: Vec<Meeting>,
        mut pages: Vec<Page>,
        drafts_included: bool,
    ) -> Site {
        let lang = config.language;
        meetings.sort_by(|a, b| {
            b.date
                .cmp(&a.date)
                .then_with(|| collate::compare(lang, &a.title, &b.title))
                .then_with(|| a.slug.cmp(&b.slug))
        });
        pages.sort_by(|a, b| a.weight.cmp(&b.weight).then_with(|| collate::compare(lang, &a.title, &b.title)));
        let mut counties_in_order: Vec<usize> = (0..registry.counties.len()).collect();
        counties_in_order.sort_by(|&a, &b| {
            let (a, b) = (&registry.counties[a], &registry.counties[b]);
            collate::compare(lang, county_name(a, lang), county_name(b, lang))
        });
        let mut direct_meetings: HashMap<String, Vec<usize>> = HashMap::new();
        let mut topic_meetings: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, m) in meetings.iter().enumerate() {
            for r in &m.regions {
                direct_meetings.entry(r.clone()).or_default().push(i);
            }
            for t in &m.topics {
                topic_meetings.entry(t.clone()).or_default().push(i);
            }
        }
        let mut county_groupings: HashMap<String, Vec<usize>> = HashMap::new();
        for (gi, g) in registry.groupings.iter().enumerate() {
            for member in &g.members {
                county_groupings.entry(member.clone()).or_default().push(gi);
            }
        }
        let grouping_meeting_counts = county_groupings
            .iter()
            .map(|(county, groupings)| {
                let mut all: Vec<usize> = groupings
                    .iter()
                    .flat_map(|&g| direct_meetings.get(&registry.groupings[g].slug).into_iter().flatten().copied())
                    .collect();
                all.sort_unstable();
                all.dedup();
                (county.clone(), all.len())
            })
            .collect();
        let follow = super::follow::FollowLinks::new(&meetings);
        let rounds = Rounds::new(&meetings);
        Site {
            follow,
            rounds,
            config,
            urls,
            registry,
            topics,
            meetings,
            pages,
            counties_in_order,
            direct_meetings,
            topic_meetings,
            county_groupings,
            grouping_meeting_counts,
            drafts_included,
        }
    }

    pub fn lang(&self) -> crate::i18n::Lang {
        self.config.language
    }

    pub fn region(&self, slug: &str) -> Option<RegionRef<'_>> {
        if let Some(c) = self.registry.counties.iter().find(|c| c.slug == slug) {
            return Some(RegionRef::County(c));
        }
        self.registry.groupings.iter().find(|g| g.slug == slug).map(RegionRef::Grouping)
    }

    pub fn topic(&self, slug: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.slug == slug)
    }

    /// Whether any meeting or page has a former address (`aliases:`).
    pub fn has_aliases(&self) -> bool {
        self.meetings.iter().any(|m| !m.aliases.is_empty()) || self.pages.iter().any(|p| !p.aliases.is_empty())
    }

    /// Meetings naming the region directly, newest first.
    pub fn meetings_of(&self, slug: &str) -> &[usize] {
        self.direct_meetings.get(slug).map_or(&[], Vec::as_slice)
    }

    /// A grouping's meetings: its own and those of its member counties, newest first.
    pub fn meetings_of_grouping(&self, g: &Grouping) -> Vec<usize> {
        let mut all: Vec<usize> = self.meetings_of(&g.slug).to_vec();
        for m in &g.members {
            all.extend_from_slice(self.meetings_of(m));
        }
        all.sort_unstable();
        all.dedup();
        all
    }

    /// Meetings held with groupings the county belongs to, per grouping that has any:
    /// (index into `registry.groupings`, its meetings), in registry order.
    pub fn grouping_meetings_of(&self, county: &str) -> Vec<(usize, &[usize])> {
        let groupings = self.county_groupings.get(county).map_or(&[][..], Vec::as_slice);
        groupings
            .iter()
            .map(|&g| (g, self.meetings_of(&self.registry.groupings[g].slug)))
            .filter(|(_, meetings)| !meetings.is_empty())
            .collect()
    }

    /// How many distinct meetings the county's groupings held (see [`Self::grouping_meetings_of`]).
    pub fn grouping_meeting_count(&self, county: &str) -> usize {
        self.grouping_meeting_counts.get(county).copied().unwrap_or(0)
    }

    pub fn meetings_of_topic(&self, slug: &str) -> &[usize] {
        self.topic_meetings.get(slug).map_or(&[], Vec::as_slice)
    }

    /// The name of a county or grouping in the site's language.
    pub fn region_name(&self, slug: &str) -> String {
        match self.region(slug) {
            Some(RegionRef::County(c)) => county_name(c, self.lang()).to_string(),
            Some(RegionRef::Grouping(g)) => self.lang().pick(&g.name, &g.name_en).to_string(),
            None => slug.to_string(),
        }
    }

    /// The latest exact date (a day) the published content gives: a meeting's `updated:` or
    /// date, a free page's `updated:`, the accessibility statement's `updated:`. What feeds, the
    /// sitemap and the catalogue say for a meeting known only by its month or year
    /// ([`super::exact_day`]); `None` when the content has no full date at all.
    pub fn latest_exact_date(&self) -> Option<super::PartialDate> {
        let meetings = self.meetings.iter().filter(|m| !m.draft).flat_map(|m| [Some(m.date), m.updated]);
        let pages = self.pages.iter().map(|p| p.updated);
        let statement = self.config.accessibility.as_ref().map(|a| a.updated);
        meetings.chain(pages).chain([statement]).flatten().filter(|d| d.is_exact()).max()
    }

    /// The meetings a follow-up calendar covers: the whole site's (`None`), a county's, or a
    /// grouping's with its member counties' (as its feed).
    pub fn calendar_meetings(&self, region: Option<&str>) -> Vec<usize> {
        match region {
            None => (0..self.meetings.len()).collect(),
            Some(slug) => match self.region(slug) {
                Some(RegionRef::Grouping(g)) => self.meetings_of_grouping(g),
                _ => self.meetings_of(slug).to_vec(),
            },
        }
    }

    /// The events of a follow-up calendar of `meetings`: each action of a published meeting
    /// that is not done and has a due date, once, as it stands now (a report on an earlier
    /// action is that action's news, not an event of its own), in the meetings' order.
    pub fn calendar_actions<'s>(
        &'s self,
        meetings: &'s [usize],
    ) -> impl Iterator<Item = (usize, usize, super::follow::Standing)> + 's {
        meetings
            .iter()
            .copied()
            .filter(|&m| self.meetings.get(m).is_some_and(|m| !m.draft))
            .flat_map(move |m| (0..self.meetings[m].follow_ups.len()).map(move |i| (m, i)))
            .filter(|&item| !self.follow.is_report(item))
            .map(|(m, i)| (m, i, self.follow.standing(&self.meetings, (m, i))))
            // Open (not done) as `FollowLinks::is_open` says, from the one standing computed.
            .filter(|(_, _, now)| now.status != super::Status::Done && now.due.is_some())
    }

    /// Whether the follow-up calendar of `region` (`None`: the whole site) has an event: an
    /// iCalendar file needs at least one, and a page offers only a calendar that has one.
    pub fn has_calendar(&self, region: Option<&str>) -> bool {
        self.calendar_actions(&self.calendar_meetings(region)).next().is_some()
    }

    pub fn topic_name(&self, slug: &str) -> String {
        self.topic(slug).map_or_else(|| slug.to_string(), |t| self.lang().pick(&t.name, &t.name_en).to_string())
    }
}

pub fn county_name(c: &County, lang: crate::i18n::Lang) -> &str {
    lang.pick(&c.name, &c.name_en)
}
