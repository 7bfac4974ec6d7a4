//! The site as data: settings, regions, topical themes, meetings, pages, and their indexes.
//!
//! Naming: a *visual theme* is the look (folder `themes/`); a *topic* is a topical theme
//! that meetings discuss (`content/themes.yaml`, URL `/teman/`). The code never says
//! plain "theme" for either.

pub mod accessibility;
pub mod cms;
pub mod collate;
pub mod contact;
pub mod date;
pub mod follow;
pub mod layout;
pub mod locate;
pub mod round;
pub mod routes;
pub mod schema;
pub mod site;
pub mod slug;
pub mod suggest;
pub mod text;
pub mod urls;

pub use contact::{Attachment, Contact};
pub use date::PartialDate;
pub use site::Site;

use crate::i18n::Lang;
use serde::Serialize;

/// `site.yaml`.
#[derive(Debug, Clone, Serialize)]
pub struct Config {
    pub title: String,
    pub description: String,
    pub base_url: String,
    pub language: Lang,
    pub visual_theme: String,
    pub output_dir: String,
    pub publisher: Option<String>,
    /// `publisher_url:`, the publisher's own web address (its IRI in the data catalogue).
    pub publisher_url: Option<String>,
    /// `contact:`, an e-mail address or web address for questions about the data.
    pub contact: Option<String>,
    /// `license:`, the open data's licence as a URI (e.g. CC0 1.0's).
    pub license: Option<String>,
    /// `og_image:`, the picture social sites show for a shared link: a path in the site
    /// (`/bilder/delning.png`) or a full address; else the visual theme's `og-image.png`.
    pub og_image: Option<String>,
    pub allow_raw_html: bool,
    /// `rounds:`, the names rounds are shown by (`2019-hosten: Hösten 2019`), by round.
    #[serde(skip)]
    pub round_names: std::collections::BTreeMap<String, RoundName>,
    /// The browser editor's settings (`cms:`), when the site has one.
    #[serde(skip)]
    pub cms: Option<cms::Cms>,
    /// The accessibility statement (`accessibility:`), when the site has one.
    #[serde(skip)]
    pub accessibility: Option<accessibility::Accessibility>,
}

/// A round's name from `site.yaml`'s `rounds:`, and where its round is written there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundName {
    pub name: String,
    /// File line and column (1-based) of the round in site.yaml, for a located warning.
    pub line: usize,
    pub column: usize,
}

/// A county (län) from `content/regions.yaml`.
#[derive(Debug, Clone, Serialize)]
pub struct County {
    pub slug: String,
    pub name: String,
    pub name_en: String,
    pub official_name: String,
    pub official_name_en: String,
    pub letter: String,
    pub county_code: String,
    pub iso_3166_2: String,
    pub nuts3: String,
    pub actor_2018: String,
    pub region_2019: String,
    /// `contact:`, whom to ask about the dialogue with the county (shown on its page, not in
    /// the open data: they are personal data).
    #[serde(skip)]
    pub contacts: Vec<Contact>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum GroupingKind {
    Nuts2,
    Team,
    Other,
}

/// A grouping of counties (a NUTS2 riksområde, a dialogue team…).
#[derive(Debug, Clone, Serialize)]
pub struct Grouping {
    pub slug: String,
    pub name: String,
    pub name_en: String,
    pub kind: GroupingKind,
    pub code: Option<String>,
    pub description: String,
    pub description_en: String,
    pub members: Vec<String>,
    /// `contact:`, as for a county.
    #[serde(skip)]
    pub contacts: Vec<Contact>,
}

/// Both lists of `content/regions.yaml`.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    pub counties: Vec<County>,
    pub groupings: Vec<Grouping>,
}

/// A topical theme from `content/themes.yaml` (smart specialisation, …).
#[derive(Debug, Clone, Serialize)]
pub struct Topic {
    pub slug: String,
    pub name: String,
    pub name_en: String,
    pub description: String,
    pub description_en: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Planned,
    Ongoing,
    Done,
}

/// The overdue rule, the same for pages, open data and the build's warning: not done, and
/// the last day the due date can mean has passed.
pub fn is_overdue(status: Status, due: Option<PartialDate>, today: PartialDate) -> bool {
    status != Status::Done && due.is_some_and(|d| d.last_day() < today.last_day())
}

impl Status {
    pub const ALL: [Status; 3] = [Status::Planned, Status::Ongoing, Status::Done];

    pub fn parse(text: &str) -> Option<Status> {
        match text {
            "planned" => Some(Status::Planned),
            "ongoing" => Some(Status::Ongoing),
            "done" => Some(Status::Done),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Planned => "planned",
            Status::Ongoing => "ongoing",
            Status::Done => "done",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        lang.ui(match self {
            Status::Planned => "status_planned",
            Status::Ongoing => "status_ongoing",
            Status::Done => "status_done",
        })
    }
}

impl Meeting {
    /// When the meeting last changed, as precise as known: `updated:`, or its date.
    pub fn last_updated(&self) -> PartialDate {
        self.updated.unwrap_or(self.date)
    }

    /// [`Meeting::last_updated`] as a day, for what needs one (Atom `updated`, the sitemap's
    /// `lastmod`, the catalogue's `dcterms:modified`, a calendar's `DTSTAMP`); see [`exact_day`].
    /// `known` is [`site::Site::latest_exact_date`].
    pub fn exact_updated(&self, known: Option<PartialDate>) -> PartialDate {
        exact_day(self.last_updated(), known)
    }
}

/// `date` as a day, never inventing the first of a month or of January: a full date is itself;
/// a month or a year alone becomes `known`, the latest exact date the site's content gives,
/// when that is not before the month or year begins, else the last day of the month or year
/// (the first day on which it had surely passed).
pub fn exact_day(date: PartialDate, known: Option<PartialDate>) -> PartialDate {
    if date.is_exact() {
        return date;
    }
    if let Some(k) = known.filter(|k| k.is_exact() && follow::first_day(*k) >= follow::first_day(date)) {
        return k;
    }
    let (year, month, day) = date.last_day();
    PartialDate { year, month: Some(month), day: Some(day) }
}

/// An agreed action of a meeting.
#[derive(Debug, Clone, Serialize)]
pub struct FollowUp {
    pub action: String,
    pub owner: Option<String>,
    pub due: Option<PartialDate>,
    pub status: Status,
    /// `id:`, the item's name within its meeting, for later meetings' `reports_on:`.
    pub id: Option<String>,
    /// `done:`, when the action was finished.
    pub done: Option<PartialDate>,
    /// `note:`, how it went.
    pub note: Option<String>,
    /// `reports_on:`, the item of an earlier meeting this one reports on.
    pub reports_on: Option<follow::MeetingRef>,
}

/// One meeting file, validated.
#[derive(Debug, Clone)]
pub struct Meeting {
    pub slug: String,
    /// Path relative to the site root, for messages.
    pub source_path: String,
    pub title: String,
    pub date: PartialDate,
    /// Slugs of counties or groupings.
    pub regions: Vec<String>,
    /// Slugs of topical themes.
    pub topics: Vec<String>,
    pub participants: Vec<String>,
    pub agency_units: Vec<String>,
    pub summary: Option<String>,
    pub outcomes: Vec<String>,
    pub follow_ups: Vec<FollowUp>,
    /// `follows_up:`, the earlier meetings this one follows up.
    pub follows_up: Vec<follow::MeetingRef>,
    pub draft: bool,
    /// Former addresses (`aliases:`), as site paths (`/moten/gammalt-namn/`): each gets a
    /// page that leads here.
    pub aliases: Vec<String>,
    /// `updated:`, when the meeting's details were last changed; feeds fall back on `date`.
    pub updated: Option<PartialDate>,
    /// `attachments:`, the files listed on the meeting's page, in the feeds and the open data.
    pub attachments: Vec<Attachment>,
    /// `contact:`, whom to ask about the meeting (shown on its page only: personal data).
    pub contacts: Vec<Contact>,
    /// Its round (`round:`, else its date's year; see [`round`]): an address part.
    pub round: String,
    pub body: Body,
}

impl Meeting {
    /// A meeting with only a slug (its file `content/meetings/<slug>.md`, its title) and a
    /// date, every other field empty, for tests to fill in what they are about.
    #[cfg(test)]
    pub fn example(slug: &str, date: &str) -> Meeting {
        let date = PartialDate::parse(date).expect("a date as YYYY-MM-DD, YYYY-MM or YYYY");
        Meeting {
            slug: slug.into(),
            source_path: format!("content/meetings/{slug}.md"),
            title: slug.into(),
            date,
            round: round::of(None, date),
            regions: Vec::new(),
            topics: Vec::new(),
            participants: Vec::new(),
            agency_units: Vec::new(),
            summary: None,
            outcomes: Vec::new(),
            follow_ups: Vec::new(),
            follows_up: Vec::new(),
            draft: false,
            aliases: Vec::new(),
            updated: None,
            attachments: Vec::new(),
            contacts: Vec::new(),
            body: Body::default(),
        }
    }

    /// The meeting's bundle folder, when it is written as `<slug>/index.md` with its files
    /// beside it ([`layout::bundle_folder`]).
    pub fn bundle_folder(&self) -> Option<&str> {
        layout::bundle_folder(&self.source_path)
    }
}

/// Where a Markdown body is in its file, and a fingerprint of its text. The text itself is
/// not kept: at 100,000 meetings it would be most of a build's memory. Rendering reads it
/// again through a `render::BodyReader`, which checks that it is still the text validated.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Body {
    /// File line (1-based) the body starts on, for located link errors.
    pub first_line: usize,
    /// Byte offset of the body in the file.
    pub offset: usize,
    pub fingerprint: Fingerprint,
}

impl Body {
    /// The body `text`, found at `offset` in its file, starting on line `first_line`.
    pub fn new(text: &str, offset: usize, first_line: usize) -> Body {
        Body { first_line, offset, fingerprint: Fingerprint::of(text) }
    }

    /// The Markdown a body is written in (pulldown-cmark's extensions), one for the page that
    /// renders it and the checks that read its headings and links as the page shows them.
    pub const MARKDOWN: pulldown_cmark::Options = pulldown_cmark::Options::ENABLE_TABLES
        .union(pulldown_cmark::Options::ENABLE_FOOTNOTES)
        .union(pulldown_cmark::Options::ENABLE_STRIKETHROUGH)
        .union(pulldown_cmark::Options::ENABLE_SMART_PUNCTUATION)
        .union(pulldown_cmark::Options::ENABLE_HEADING_ATTRIBUTES);
}

/// A 128-bit XXH3 hash of a text: equal texts have equal fingerprints, and different texts
/// (of any realistic number of edits) different ones.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Fingerprint(u128);

impl Fingerprint {
    pub fn of(text: &str) -> Fingerprint {
        Fingerprint(xxhash_rust::xxh3::xxh3_128(text.as_bytes()))
    }
}

/// A free page from `content/pages/`.
#[derive(Debug, Clone)]
pub struct Page {
    pub slug: String,
    pub source_path: String,
    pub title: String,
    pub summary: Option<String>,
    pub weight: i64,
    /// `featured: true`: the home page links to it.
    pub featured: bool,
    /// The language the page is written in (`language:`), when the author says so.
    pub language: Option<Lang>,
    /// Former addresses (`aliases:`), as for a meeting.
    pub aliases: Vec<String>,
    /// `updated:`, when the page last changed in substance (shown, and its sitemap `lastmod`).
    pub updated: Option<PartialDate>,
    pub body: Body,
}
