//! The route table: every page and file of the built site and its path inside the site, in
//! one place. URLs (`Urls`), output file names, the feeds, the sitemap, the link check and
//! `check`'s list of files all come from here, so a path is written once.

use super::Site;

/// A page or file of the built site. Slugs are borrowed from the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route<'a> {
    Home,
    Meetings,
    Meeting(&'a str),
    /// The meetings of one round (`round:`, else the year): `moten/<round>/`.
    Round(&'a str),
    Regions,
    /// A county or a grouping.
    Region(&'a str),
    Topics,
    Topic(&'a str),
    FollowUps,
    /// The follow-ups of one county or grouping.
    RegionFollowUps(&'a str),
    Search,
    /// A free page from `content/pages/`.
    Page(&'a str),
    /// The accessibility statement, made from `site.yaml`'s `accessibility:`.
    Accessibility,
    NotFound,
    /// `atom.xml`: every meeting.
    Feed,
    RegionFeed(&'a str),
    TopicFeed(&'a str),
    Sitemap,
    Robots,
    DataJson,
    DataCsv,
    /// `data/excel/meetings.csv`: semicolons and a byte-order mark, for Swedish Excel.
    DataCsvExcel,
    FollowUpsJson,
    FollowUpsCsv,
    FollowUpsCsvExcel,
    /// `data/meeting_counties.json`: one row per meeting and county (the codes, one per cell).
    CountiesJson,
    CountiesCsv,
    CountiesCsvExcel,
    /// `data/omgangar/<round>/meetings.json`: the meetings of one round (a dataset of the
    /// catalogue's series of rounds).
    RoundDataJson(&'a str),
    /// `data/omgangar/<round>/meetings.csv`.
    RoundDataCsv(&'a str),
    /// `data/excel/omgangar/<round>/meetings.csv`: semicolons and a byte-order mark.
    RoundDataCsvExcel(&'a str),
    /// `data/`: the page listing the open data.
    DataPage,
    /// `data/dcat.rdf`: the DCAT-AP-SE catalogue (only with a host in `base_url`).
    DataCatalog,
    /// `uppfoljning/kalender.ics`: every follow-up's due date.
    FollowUpCalendar,
    /// `regioner/<slug>/kalender.ics`: the due dates of a county's or grouping's follow-ups.
    RegionFollowUpCalendar(&'a str),
    /// `sok/index.json`: the search index's entry file (shard map, facets, kinds, years).
    SearchIndex,
    /// `sok/ord/N.json`: the words (stems) from one range of the alphabet, with their documents.
    SearchShard(usize),
    /// `sok/traffar/N.json`: what a result shows, for a run of documents.
    SearchFragments(usize),
    /// `sok/regioner/<slug>.json`: the meetings of a county or grouping (a search facet).
    SearchRegion(&'a str),
    /// `sok/teman/<slug>.json`: the meetings of a topic (a search facet).
    SearchTopic(&'a str),
    /// `og-image.png`: the generated share card (unless site.yaml names `og_image:`).
    ShareCard,
    /// `admin/index.html`: the browser editor (only with `cms:` in site.yaml).
    AdminIndex,
    /// `admin/config.yml`: the editor's configuration.
    AdminConfig,
    /// `admin/samtal.js`: samtal's words and rules for the editor (Swedish labels, alt text).
    AdminScript,
    /// A former address of a meeting or page (`aliases:`), as a site path
    /// (`/moten/gammalt-namn/`): a page that leads to where it is now.
    Alias(&'a str),
    /// `_redirects`: every alias as a redirect, for hosts that read the file (Netlify,
    /// Cloudflare Pages); only when there are aliases.
    Redirects,
}

/// First path segments the site itself uses; a free page may not take them as its slug.
/// (`feeds` is kept free for feeds that may move there.)
pub const RESERVED_SEGMENTS: &[&str] =
    &["moten", "regioner", "teman", "uppfoljning", "sok", "data", "feeds", "admin", "tillganglighet", "404.html"];

impl Route<'_> {
    /// The path inside the site, without the base path: `moten/x/`, `atom.xml`, `` (home).
    pub fn path(&self) -> String {
        match self {
            Route::Home => String::new(),
            Route::Meetings => "moten/".into(),
            Route::Meeting(slug) => format!("moten/{slug}/"),
            Route::Round(round) => format!("moten/{round}/"),
            Route::Regions => "regioner/".into(),
            Route::Region(slug) => format!("regioner/{slug}/"),
            Route::Topics => "teman/".into(),
            Route::Topic(slug) => format!("teman/{slug}/"),
            Route::FollowUps => "uppfoljning/".into(),
            Route::RegionFollowUps(slug) => format!("uppfoljning/{slug}/"),
            Route::Search => "sok/".into(),
            Route::Page(slug) => format!("{slug}/"),
            Route::Accessibility => "tillganglighet/".into(),
            Route::NotFound => "404.html".into(),
            Route::Feed => "atom.xml".into(),
            Route::RegionFeed(slug) => format!("regioner/{slug}/atom.xml"),
            Route::TopicFeed(slug) => format!("teman/{slug}/atom.xml"),
            Route::Sitemap => "sitemap.xml".into(),
            Route::Robots => "robots.txt".into(),
            Route::DataJson => "data/meetings.json".into(),
            Route::DataCsv => "data/meetings.csv".into(),
            Route::DataCsvExcel => "data/excel/meetings.csv".into(),
            Route::FollowUpsJson => "data/follow_ups.json".into(),
            Route::FollowUpsCsv => "data/follow_ups.csv".into(),
            Route::FollowUpsCsvExcel => "data/excel/follow_ups.csv".into(),
            Route::CountiesJson => "data/meeting_counties.json".into(),
            Route::CountiesCsv => "data/meeting_counties.csv".into(),
            Route::CountiesCsvExcel => "data/excel/meeting_counties.csv".into(),
            Route::RoundDataJson(round) => format!("data/omgangar/{round}/meetings.json"),
            Route::RoundDataCsv(round) => format!("data/omgangar/{round}/meetings.csv"),
            Route::RoundDataCsvExcel(round) => format!("data/excel/omgangar/{round}/meetings.csv"),
            Route::DataPage => "data/".into(),
            Route::DataCatalog => "data/dcat.rdf".into(),
            Route::FollowUpCalendar => "uppfoljning/kalender.ics".into(),
            Route::RegionFollowUpCalendar(slug) => format!("regioner/{slug}/kalender.ics"),
            Route::SearchIndex => "sok/index.json".into(),
            Route::ShareCard => "og-image.png".into(),
            Route::SearchShard(n) => format!("sok/ord/{n}.json"),
            Route::SearchFragments(n) => format!("sok/traffar/{n}.json"),
            Route::SearchRegion(slug) => format!("sok/regioner/{slug}.json"),
            Route::SearchTopic(slug) => format!("sok/teman/{slug}.json"),
            Route::AdminIndex => "admin/".into(),
            Route::AdminConfig => "admin/config.yml".into(),
            Route::AdminScript => "admin/samtal.js".into(),
            Route::Alias(path) => path.trim_start_matches('/').into(),
            Route::Redirects => "_redirects".into(),
        }
    }

    /// The file it is written to inside the output folder: `moten/x/index.html`.
    pub fn output_file(&self) -> String {
        output_file(&self.path())
    }
}

/// The output file for a pretty URL path: `moten/x/` → `moten/x/index.html`.
pub fn output_file(inner: &str) -> String {
    let inner = inner.trim_start_matches('/');
    if inner.is_empty() || inner.ends_with('/') { format!("{inner}index.html") } else { inner.to_string() }
}

/// The site's feeds, in the order they are made: every meeting, each county, each grouping,
/// each topic.
pub fn feeds(site: &Site) -> Vec<Route<'_>> {
    let counties = site.registry.counties.iter().map(|c| Route::RegionFeed(&c.slug));
    let groupings = site.registry.groupings.iter().map(|g| Route::RegionFeed(&g.slug));
    let topics = site.topics.iter().map(|t| Route::TopicFeed(&t.slug));
    std::iter::once(Route::Feed).chain(counties).chain(groupings).chain(topics).collect()
}

/// The open-data tables, in the order the `/data/` page lists them.
pub const DATA_TABLES: [Route<'static>; 9] = [
    Route::DataJson,
    Route::DataCsv,
    Route::DataCsvExcel,
    Route::FollowUpsJson,
    Route::FollowUpsCsv,
    Route::FollowUpsCsvExcel,
    Route::CountiesJson,
    Route::CountiesCsv,
    Route::CountiesCsvExcel,
];

/// The rounds with at least one published meeting, newest first: each has its meetings
/// table (the data catalogue's dataset of that round).
pub fn published_rounds(site: &Site) -> impl Iterator<Item = &super::round::Round> {
    site.rounds.list.iter().filter(|r| r.meetings.iter().any(|&i| !site.meetings[i].draft))
}

/// Every open-data table: [`DATA_TABLES`], then each published round's meetings table (JSON,
/// CSV, CSV for Excel), rounds newest first.
pub fn data_tables(site: &Site) -> Vec<Route<'_>> {
    let rounds = published_rounds(site)
        .flat_map(|r| [Route::RoundDataJson(&r.slug), Route::RoundDataCsv(&r.slug), Route::RoundDataCsvExcel(&r.slug)]);
    DATA_TABLES.into_iter().chain(rounds).collect()
}

/// The follow-up calendars: the whole site's, then each county's and grouping's; only those
/// with at least one event ([`Site::has_calendar`]), since an iCalendar file needs a component
/// and an empty one offers nothing to subscribe to.
pub fn calendars(site: &Site) -> Vec<Route<'_>> {
    let counties = site.registry.counties.iter().map(|c| c.slug.as_str());
    let groupings = site.registry.groupings.iter().map(|g| g.slug.as_str());
    let whole = site.has_calendar(None).then_some(Route::FollowUpCalendar);
    let regions = counties.chain(groupings).filter(|slug| site.has_calendar(Some(slug)));
    whole.into_iter().chain(regions.map(Route::RegionFollowUpCalendar)).collect()
}

/// How the search index is split into files. It follows from the model alone (the number of
/// documents), so `check` lists the same files `build` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchLayout {
    /// Published meetings: the first documents, in `site.meetings` order.
    pub meetings: usize,
    /// Every document: the meetings, then the free pages, counties, groupings and topics.
    pub docs: usize,
    /// Word shards.
    pub shards: usize,
    /// Documents per fragment file.
    pub fragment_size: usize,
}

impl SearchLayout {
    /// About this many documents' words go in one shard (a shard is then some tens of
    /// kilobytes gzipped: see BENCHMARKS.md; 20 since the shards also hold each word's forms
    /// and a title's word pairs).
    const DOCS_PER_SHARD: usize = 20;
    /// Static hosts limit the number of files: the shards and the fragment files stay
    /// under these counts at any size of site.
    const MAX_SHARDS: usize = 256;
    /// Fragment files are many and small: a page of results fetches up to five of them
    /// (about 7 kB each gzipped at 100,000 meetings, against 27 kB at 256 files).
    const MAX_FRAGMENT_FILES: usize = 1024;
    /// Fewer documents per fragment file would make more requests for a page of results.
    const MIN_FRAGMENT_SIZE: usize = 32;

    pub fn of(site: &Site) -> SearchLayout {
        let meetings = site.meetings.iter().filter(|m| !m.draft).count();
        let registry = &site.registry;
        let docs = meetings + site.pages.len() + registry.counties.len() + registry.groupings.len() + site.topics.len();
        SearchLayout {
            meetings,
            docs,
            shards: docs.div_ceil(Self::DOCS_PER_SHARD).clamp(1, Self::MAX_SHARDS),
            fragment_size: docs.div_ceil(Self::MAX_FRAGMENT_FILES).max(Self::MIN_FRAGMENT_SIZE),
        }
    }

    pub fn fragment_files(&self) -> usize {
        self.docs.div_ceil(self.fragment_size)
    }

    /// Every file of the search index, the entry file first.
    pub fn routes<'a>(&self, site: &'a Site) -> Vec<Route<'a>> {
        let regions =
            site.registry.counties.iter().map(|c| &c.slug).chain(site.registry.groupings.iter().map(|g| &g.slug));
        std::iter::once(Route::SearchIndex)
            .chain((0..self.shards).map(Route::SearchShard))
            .chain((0..self.fragment_files()).map(Route::SearchFragments))
            .chain(regions.map(|slug| Route::SearchRegion(slug)))
            .chain(site.topics.iter().map(|t| Route::SearchTopic(&t.slug)))
            .collect()
    }
}

/// The site-wide files, made from the whole model rather than one page's context: the feeds,
/// the sitemap, robots.txt, the open data, the follow-up calendars, the data catalogue (only
/// when `base_url` has a host: its IRIs must be absolute), the search index and (with `cms:`)
/// the browser editor. `build` makes them, `check` only lists them, and both take the list
/// from here.
pub fn site_wide(site: &Site) -> Vec<Route<'_>> {
    let mut routes = feeds(site);
    routes.extend([Route::Sitemap, Route::Robots]);
    routes.extend(data_tables(site));
    routes.extend(calendars(site));
    if site.urls.has_origin() {
        routes.push(Route::DataCatalog);
    }
    routes.extend(SearchLayout::of(site).routes(site));
    if site.config.og_image.is_none() {
        routes.push(Route::ShareCard);
    }
    if site.config.cms.is_some() {
        routes.extend([Route::AdminIndex, Route::AdminConfig, Route::AdminScript]);
    }
    if site.has_aliases() {
        routes.push(Route::Redirects);
    }
    routes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pretty_urls_map_to_index_files() {
        assert_eq!(output_file("moten/x/"), "moten/x/index.html");
        assert_eq!(output_file(""), "index.html");
        assert_eq!(output_file("404.html"), "404.html");
        assert_eq!(Route::Meeting("x").output_file(), "moten/x/index.html");
        assert_eq!(Route::Home.output_file(), "index.html");
    }

    #[test]
    fn every_route_but_a_free_page_starts_with_a_reserved_segment() {
        let routes = [
            Route::Meetings,
            Route::Meeting("x"),
            Route::Round("x"),
            Route::Regions,
            Route::Region("x"),
            Route::Topics,
            Route::Topic("x"),
            Route::FollowUps,
            Route::RegionFollowUps("x"),
            Route::Search,
            Route::Accessibility,
            Route::NotFound,
            Route::RegionFeed("x"),
            Route::TopicFeed("x"),
            Route::DataJson,
            Route::DataCsv,
            Route::DataCsvExcel,
            Route::FollowUpsJson,
            Route::FollowUpsCsv,
            Route::FollowUpsCsvExcel,
            Route::CountiesJson,
            Route::CountiesCsv,
            Route::CountiesCsvExcel,
            Route::DataPage,
            Route::DataCatalog,
            Route::FollowUpCalendar,
            Route::RegionFollowUpCalendar("x"),
            Route::SearchIndex,
            Route::SearchShard(0),
            Route::SearchFragments(0),
            Route::SearchRegion("x"),
            Route::SearchTopic("x"),
            Route::AdminIndex,
            Route::AdminConfig,
            Route::AdminScript,
        ];
        for route in routes {
            let path = route.path();
            let first = path.split('/').next().unwrap_or_default();
            assert!(RESERVED_SEGMENTS.contains(&first), "{route:?}: {path}");
        }
    }
}
