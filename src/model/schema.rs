//! The one schema of the content files: every front matter field of a meeting, a follow-up
//! item and a free page, with its type, whether it must be there, its labels and hints in
//! Swedish and English, an example, and its open-data column. Validation reads fields
//! through it, `samtal new meeting` writes its file from it, the open-data columns and the
//! docs test come from it, and a form editor can be generated from it.

use crate::i18n::Lang;

/// What a field holds, and so how it is read and which form widget fits it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    /// One line of text.
    Text,
    /// A few sentences.
    LongText,
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    Date,
    Bool,
    Integer,
    /// A list of texts.
    TextList,
    /// Slugs of counties or groupings from `content/regions.yaml`.
    Regions,
    /// Slugs of topical themes from `content/themes.yaml`.
    Topics,
    /// A list of follow-up items ([`FOLLOW_UP_FIELDS`]).
    FollowUps,
    /// One of [`crate::model::Status`]'s words.
    Status,
    /// An address part: a–z, 0–9 and hyphens.
    Slug,
    /// Slugs of other meetings (`follows_up:`).
    Meetings,
    /// An item of another meeting, as `<meeting slug>/<item id>` (`reports_on:`).
    ItemRef,
    /// A list of files ([`ATTACHMENT_FIELDS`]).
    Attachments,
    /// One contact person or a list of them ([`CONTACT_FIELDS`]).
    Contacts,
    /// An e-mail address.
    Email,
}

/// Whether a field must be there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// Missing or empty is an error.
    Required,
    /// Missing is a warning (the site is poorer without it).
    Recommended,
    Optional,
}

/// A text in both languages of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Text {
    pub sv: &'static str,
    pub en: &'static str,
}

impl Text {
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Sv => self.sv,
            Lang::En => self.en,
        }
    }
}

/// One front matter field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    pub key: &'static str,
    pub field_type: FieldType,
    pub presence: Presence,
    /// A form field's label.
    pub label: Text,
    /// What to write, in an author's words (a form's hint, a comment in a new file).
    pub hint: Text,
    /// A value as it is written in YAML.
    pub example: &'static str,
    /// The field's column in the open data (`data/meetings.csv`, `data/meetings.json`), if any.
    pub open_data: Option<&'static str>,
    /// The hint of the browser editor's form field, where `hint` speaks of YAML syntax that
    /// the form does not show (lists, `[]`, `true`); `None` uses `hint`.
    pub form_hint: Option<Text>,
    /// How much a search result's rank counts a query word found in this field (0: the field
    /// is not searched); a meeting's or page's text counts [`BODY_SEARCH_WEIGHT`]. The
    /// search index publishes these weights and `search.js` ranks by them (docs/search.md).
    pub search_weight: u8,
}

/// The search weight of a meeting's or page's text (the Markdown body, which is no field).
pub const BODY_SEARCH_WEIGHT: u8 = 1;

impl Field {
    pub fn is_required(&self) -> bool {
        self.presence == Presence::Required
    }

    /// The hint a form shows under the field.
    pub fn form_hint(&self) -> Text {
        self.form_hint.unwrap_or(self.hint)
    }
}

const fn text(sv: &'static str, en: &'static str) -> Text {
    Text { sv, en }
}

pub const TITLE: Field = Field {
    key: "title",
    field_type: FieldType::Text,
    presence: Presence::Required,
    label: text("Rubrik", "Title"),
    hint: text("Mötets rubrik, som den ska stå på webbplatsen.", "The meeting's title, as the site shows it."),
    example: "\"Dialogmöte med Region Skåne\"",
    open_data: Some("title"),
    form_hint: None,
    search_weight: 8,
};
pub const DATE: Field = Field {
    key: "date",
    field_type: FieldType::Date,
    presence: Presence::Required,
    label: text("Datum", "Date"),
    hint: text(
        "Datum som ÅÅÅÅ-MM-DD; skriv ÅÅÅÅ-MM eller ÅÅÅÅ om bara månaden eller året är känt.",
        "The date as YYYY-MM-DD; write YYYY-MM or YYYY when only the month or year is known.",
    ),
    example: "2018-05-16",
    open_data: Some("date"),
    form_hint: None,
    search_weight: 0,
};
pub const REGIONS: Field = Field {
    key: "regions",
    field_type: FieldType::Regions,
    presence: Presence::Required,
    label: text("Regioner", "Regions"),
    hint: text(
        "Länets eller grupperingens slug från content/regions.yaml, minst en.",
        "The slug of the county or grouping from content/regions.yaml, at least one.",
    ),
    example: "[uppsala, ostergotland]",
    open_data: Some("regions"),
    form_hint: Some(text(
        "Välj ett eller flera län eller grupperingar som mötet gällde.",
        "Choose one or more counties or groupings the meeting concerned.",
    )),
    search_weight: 3,
};
pub const THEMES: Field = Field {
    key: "themes",
    field_type: FieldType::Topics,
    presence: Presence::Optional,
    label: text("Teman", "Themes"),
    hint: text(
        "Teman från content/themes.yaml, t.ex. [smart-specialisation]. Lämna [] om inget passar.",
        "Themes from content/themes.yaml, e.g. [smart-specialisation]. Leave [] if none fits.",
    ),
    example: "[smart-specialisation]",
    open_data: Some("themes"),
    form_hint: Some(text(
        "Välj de teman som mötet tog upp, eller inget.",
        "Choose the themes the meeting discussed, or none.",
    )),
    search_weight: 3,
};
pub const PARTICIPANTS: Field = Field {
    key: "participants",
    field_type: FieldType::TextList,
    presence: Presence::Optional,
    label: text("Deltagare", "Participants"),
    hint: text(
        "Vilka som deltog, som roller eller namn, t.ex. [Regiondirektör, Utvecklingschef].",
        "Who took part, as roles or names, e.g. [Regional director, Head of development].",
    ),
    example: "[Regiondirektör, Utvecklingschef]",
    open_data: Some("participants"),
    form_hint: Some(text(
        "Vilka som deltog, som roller eller namn, en per rad.",
        "Who took part, as roles or names, one per line.",
    )),
    search_weight: 0,
};
pub const AGENCY_UNITS: Field = Field {
    key: "agency_units",
    field_type: FieldType::TextList,
    presence: Presence::Optional,
    label: text("Myndighetens enheter", "Agency units"),
    hint: text(
        "Myndighetens avdelningar eller enheter som deltog, t.ex. [Regioner].",
        "The agency's departments or units that took part, e.g. [Regioner].",
    ),
    example: "[Regioner]",
    open_data: Some("agency_units"),
    form_hint: Some(text(
        "Myndighetens avdelningar eller enheter som deltog, en per rad.",
        "The agency's departments or units that took part, one per line.",
    )),
    search_weight: 0,
};
pub const SUMMARY: Field = Field {
    key: "summary",
    field_type: FieldType::LongText,
    presence: Presence::Recommended,
    label: text("Sammanfattning", "Summary"),
    hint: text(
        "En eller två meningar om mötet; visas i listor och flöden.",
        "One or two sentences about the meeting; shown in lists and feeds.",
    ),
    example: "\"Kort om vad mötet handlade om.\"",
    open_data: Some("summary"),
    form_hint: None,
    search_weight: 4,
};
pub const OUTCOMES: Field = Field {
    key: "outcomes",
    field_type: FieldType::TextList,
    presence: Presence::Recommended,
    label: text("Resultat", "Outcomes"),
    hint: text(
        "Vad mötet kom fram till, en rad per resultat som börjar med \"  - \". Skriv [] om inget ska publiceras.",
        "What the meeting concluded, one line per outcome starting with \"  - \". Write [] if none is published.",
    ),
    example: "[\"Myndigheten stärker det regionala ledarskapet.\"]",
    open_data: Some("outcomes"),
    form_hint: Some(text(
        "Vad mötet kom fram till, ett resultat per rad.",
        "What the meeting concluded, one outcome per line.",
    )),
    search_weight: 4,
};
pub const FOLLOW_UPS: Field = Field {
    key: "follow_ups",
    field_type: FieldType::FollowUps,
    presence: Presence::Optional,
    label: text("Uppföljning", "Follow-ups"),
    hint: text(
        "Åtgärder att följa upp: ta bort # i början av raderna och fyll i. status är planned, ongoing eller done.",
        "Actions to follow up: remove the # at the start of the lines and fill them in. status is planned, ongoing or done.",
    ),
    example: "[{ action: \"Stöd vid etableringar\", status: ongoing }]",
    open_data: Some("follow_up_count"),
    form_hint: Some(text(
        "Åtgärder att följa upp, med status planerad, pågår eller klar.",
        "Actions to follow up, with the status planned, ongoing or done.",
    )),
    search_weight: 0,
};
pub const FOLLOWS_UP: Field = Field {
    key: "follows_up",
    field_type: FieldType::Meetings,
    presence: Presence::Optional,
    label: text("Följer upp", "Follows up"),
    hint: text(
        "Tidigare möten som det här mötet följer upp, med deras adress (slug), t.ex. [2018-skane].",
        "Earlier meetings this meeting follows up, by their address (slug), e.g. [2018-skane].",
    ),
    example: "[2018-skane]",
    open_data: Some("follows_up"),
    form_hint: Some(text(
        "Tidigare möten som det här mötet följer upp: klicka i rutan och skriv början av mötets rubrik eller datum.",
        "Earlier meetings this meeting follows up: click the box and type the start of the meeting's title or date.",
    )),
    search_weight: 0,
};
pub const DRAFT: Field = Field {
    key: "draft",
    field_type: FieldType::Bool,
    presence: Presence::Optional,
    label: text("Utkast", "Draft"),
    hint: text(
        "true = utkast: mötet visas inte på webbplatsen förrän du skriver false.",
        "true = draft: the meeting is not shown on the site until you write false.",
    ),
    example: "false",
    open_data: None,
    form_hint: Some(text(
        "Ett utkast visas inte på webbplatsen. Ta bort bocken när mötet ska publiceras.",
        "A draft is not shown on the site. Untick it when the meeting is to be published.",
    )),
    search_weight: 0,
};
pub const SLUG: Field = Field {
    key: "slug",
    field_type: FieldType::Slug,
    presence: Presence::Optional,
    label: text("Webbadress", "Address"),
    hint: text(
        "Egen webbadress (bara a–z, 0–9 och bindestreck). Lämna tomt så används filnamnet.",
        "An address of its own (only a–z, 0–9 and hyphens). Leave it empty to use the file name.",
    ),
    example: "2018-skane-extra",
    open_data: None,
    form_hint: None,
    search_weight: 0,
};

pub const ALIASES: Field = Field {
    key: "aliases",
    field_type: FieldType::TextList,
    presence: Presence::Optional,
    label: text("Tidigare adresser", "Former addresses"),
    hint: text(
        "Adresser som sidan hade förut, t.ex. [/moten/2018-skane-gammal/]: de leder hit, så gamla länkar fungerar.",
        "Addresses the page had before, e.g. [/moten/2018-skane-old/]: they lead here, so old links keep working.",
    ),
    example: "[/moten/2018-skane-gammal/]",
    open_data: None,
    form_hint: Some(text(
        "Adresser som sidan hade förut, en per rad, t.ex. /moten/2018-skane-gammal/. De leder hit.",
        "Addresses the page had before, one per line, e.g. /moten/2018-skane-old/. They lead here.",
    )),
    search_weight: 0,
};
pub const UPDATED: Field = Field {
    key: "updated",
    field_type: FieldType::Date,
    presence: Presence::Optional,
    label: text("Senast ändrad", "Last updated"),
    hint: text(
        "När uppgifterna om mötet senast ändrades, som ÅÅÅÅ-MM-DD; flödena visar det. Lämna tomt så gäller mötets datum.",
        "When the meeting's details were last changed, as YYYY-MM-DD; the feeds show it. Leave it empty to use the meeting's date.",
    ),
    example: "2019-02-01",
    open_data: Some("updated"),
    form_hint: Some(text(
        "När uppgifterna om mötet senast ändrades. Lämna tomt så gäller mötets datum.",
        "When the meeting's details were last changed. Leave it empty to use the meeting's date.",
    )),
    search_weight: 0,
};

pub const ATTACHMENTS: Field = Field {
    key: "attachments",
    field_type: FieldType::Attachments,
    presence: Presence::Optional,
    label: text("Bilagor", "Attachments"),
    hint: text(
        "Filer som hör till mötet, var och en med title och file: en fil i mötets mapp (protokoll.pdf) eller i static/ (/filer/protokoll.pdf).",
        "Files that belong to the meeting, each with title and file: a file in the meeting's folder (minutes.pdf) or in static/ (/filer/minutes.pdf).",
    ),
    example: "[{ title: \"Protokoll\", file: protokoll.pdf }]",
    open_data: Some("attachments"),
    form_hint: Some(text(
        "Filer som hör till mötet, till exempel protokollet, var och en med en rubrik.",
        "Files that belong to the meeting, such as the minutes, each with a title.",
    )),
    search_weight: 0,
};
pub const CONTACT: Field = Field {
    key: "contact",
    field_type: FieldType::Contacts,
    presence: Presence::Optional,
    label: text("Kontaktperson", "Contact"),
    hint: text(
        "Vem man kan fråga om mötet: name (måste finnas), role, email och phone. Flera skrivs som en lista.",
        "Whom to ask about the meeting: name (required), role, email and phone. Several are written as a list.",
    ),
    example: "{ name: \"Anna Svensson\", role: Handläggare, email: anna.svensson@tillvaxtverket.se }",
    open_data: None,
    form_hint: Some(text(
        "Vem man kan fråga om mötet. Visas på mötets sida men inte i öppna data.",
        "Whom to ask about the meeting. Shown on its page but not in the open data.",
    )),
    search_weight: 0,
};
pub const ROUND: Field = Field {
    key: "round",
    field_type: FieldType::Slug,
    presence: Presence::Optional,
    label: text("Omgång", "Round"),
    hint: text(
        "Dialogomgången mötet hör till, om den inte är datumets år, t.ex. 2019-hosten (bara a–z, 0–9 och bindestreck). Lämna tomt så gäller året.",
        "The round of dialogues the meeting belongs to, if it is not the date's year, e.g. 2019-hosten (only a–z, 0–9 and hyphens). Leave it empty to use the year.",
    ),
    example: "2019-hosten",
    open_data: Some("round"),
    form_hint: Some(text(
        "Dialogomgången mötet hör till, om den inte är datumets år, t.ex. 2019-hosten. Lämna tomt så gäller året.",
        "The round of dialogues the meeting belongs to, if it is not the date's year, e.g. 2019-hosten. Leave it empty to use the year.",
    )),
    search_weight: 0,
};

/// A meeting's fields, in the order a new meeting file and a form show them.
pub const MEETING_FIELDS: [Field; 17] = [
    TITLE,
    DATE,
    ROUND,
    REGIONS,
    THEMES,
    PARTICIPANTS,
    AGENCY_UNITS,
    SUMMARY,
    OUTCOMES,
    FOLLOW_UPS,
    FOLLOWS_UP,
    DRAFT,
    SLUG,
    UPDATED,
    ALIASES,
    ATTACHMENTS,
    CONTACT,
];

pub const ACTION: Field = Field {
    key: "action",
    field_type: FieldType::Text,
    presence: Presence::Required,
    label: text("Åtgärd", "Action"),
    hint: text("Vad ska göras.", "What is to be done."),
    example: "\"Stöd vid etableringar\"",
    open_data: None,
    form_hint: None,
    search_weight: 0,
};
pub const OWNER: Field = Field {
    key: "owner",
    field_type: FieldType::Text,
    presence: Presence::Optional,
    label: text("Ansvarig", "Owner"),
    hint: text("Vem som ansvarar.", "Who is responsible."),
    example: "\"Avdelningen Regioner\"",
    open_data: None,
    form_hint: None,
    search_weight: 0,
};
pub const DUE: Field = Field {
    key: "due",
    field_type: FieldType::Date,
    presence: Presence::Optional,
    label: text("Klart senast", "Due"),
    hint: text("Datum som ÅÅÅÅ-MM-DD, ÅÅÅÅ-MM eller ÅÅÅÅ.", "A date as YYYY-MM-DD, YYYY-MM or YYYY."),
    example: "2019-06-30",
    open_data: None,
    form_hint: None,
    search_weight: 0,
};
pub const STATUS: Field = Field {
    key: "status",
    field_type: FieldType::Status,
    presence: Presence::Required,
    label: text("Status", "Status"),
    hint: text("planned (planerad), ongoing (pågår) eller done (klar).", "planned, ongoing or done."),
    example: "ongoing",
    open_data: None,
    form_hint: Some(text("Planerad, pågår eller klar.", "Planned, ongoing or done.")),
    search_weight: 0,
};

pub const ITEM_ID: Field = Field {
    key: "id",
    field_type: FieldType::Slug,
    presence: Presence::Optional,
    label: text("Id", "Id"),
    hint: text(
        "Ett kort namn på åtgärden (a–z, 0–9 och bindestreck), unikt i mötet, så att senare möten kan rapportera om den.",
        "A short name for the action (a–z, 0–9 and hyphens), unique in the meeting, so later meetings can report on it.",
    ),
    example: "kompetens",
    open_data: None,
    form_hint: None,
    search_weight: 0,
};
pub const DONE: Field = Field {
    key: "done",
    field_type: FieldType::Date,
    presence: Presence::Optional,
    label: text("Klar den", "Done on"),
    hint: text(
        "När åtgärden blev klar, som ÅÅÅÅ-MM-DD, ÅÅÅÅ-MM eller ÅÅÅÅ; bara med status done.",
        "When the action was finished, as YYYY-MM-DD, YYYY-MM or YYYY; only with status done.",
    ),
    example: "2019-03-15",
    open_data: None,
    // The form names the status as its dropdown does.
    form_hint: Some(text(
        "När åtgärden blev klar, som ÅÅÅÅ-MM-DD, ÅÅÅÅ-MM eller ÅÅÅÅ; bara med status klar.",
        "When the action was finished, as YYYY-MM-DD, YYYY-MM or YYYY; only with status done.",
    )),
    search_weight: 0,
};
pub const NOTE: Field = Field {
    key: "note",
    field_type: FieldType::LongText,
    presence: Presence::Optional,
    label: text("Kommentar", "Note"),
    hint: text("Kort om hur det gick, en eller två meningar.", "Briefly how it went, a sentence or two."),
    example: "\"Tre utbildningsdagar hölls under våren.\"",
    open_data: None,
    form_hint: None,
    search_weight: 0,
};
pub const REPORTS_ON: Field = Field {
    key: "reports_on",
    field_type: FieldType::ItemRef,
    presence: Presence::Optional,
    label: text("Rapporterar om", "Reports on"),
    hint: text(
        "En åtgärd från ett tidigare möte som den här raden rapporterar om: mötets adress, /, åtgärdens id, t.ex. 2018-skane/kompetens.",
        "An action of an earlier meeting this item reports on: the meeting's address, /, the action's id, e.g. 2018-skane/kompetens.",
    ),
    example: "2018-skane/kompetens",
    open_data: None,
    form_hint: Some(text(
        "En åtgärd från ett tidigare möte som den här raden rapporterar om: välj den i listan (bara åtgärder med id finns där).",
        "An action of an earlier meeting this item reports on: choose it in the list (only actions with an id are there).",
    )),
    search_weight: 0,
};

/// A follow-up item's fields.
pub const FOLLOW_UP_FIELDS: [Field; 8] = [ACTION, OWNER, DUE, STATUS, ITEM_ID, DONE, NOTE, REPORTS_ON];

/// The follow-up fields that tie an item to later meetings: a new meeting's commented example
/// leaves them out, as most items never need them.
pub const FOLLOW_UP_HISTORY_FIELDS: [Field; 4] = [ITEM_ID, DONE, NOTE, REPORTS_ON];

pub const ATTACHMENT_TITLE: Field = Field {
    key: "title",
    field_type: FieldType::Text,
    presence: Presence::Recommended,
    label: text("Rubrik", "Title"),
    hint: text("Vad filen är, som länktext: \"Protokoll\".", "What the file is, as the link text: \"Minutes\"."),
    example: "\"Protokoll\"",
    open_data: None,
    form_hint: None,
    search_weight: 0,
};
pub const FILE: Field = Field {
    key: "file",
    field_type: FieldType::Text,
    presence: Presence::Required,
    label: text("Fil", "File"),
    hint: text(
        "Filens namn i mötets mapp (protokoll.pdf), eller dess väg i static/ från roten (/filer/protokoll.pdf).",
        "The file's name in the meeting's folder (minutes.pdf), or its path in static/ from the root (/filer/minutes.pdf).",
    ),
    example: "protokoll.pdf",
    open_data: None,
    form_hint: Some(text(
        "Ladda upp filen, eller välj en som redan finns.",
        "Upload the file, or choose one already there.",
    )),
    search_weight: 0,
};

/// An attachment's fields.
pub const ATTACHMENT_FIELDS: [Field; 2] = [ATTACHMENT_TITLE, FILE];

pub const NAME: Field = Field {
    key: "name",
    field_type: FieldType::Text,
    presence: Presence::Required,
    label: text("Namn", "Name"),
    hint: text("Personens namn.", "The person's name."),
    example: "\"Anna Svensson\"",
    open_data: None,
    form_hint: None,
    search_weight: 0,
};
pub const ROLE: Field = Field {
    key: "role",
    field_type: FieldType::Text,
    presence: Presence::Optional,
    label: text("Roll", "Role"),
    hint: text("Roll eller titel.", "Role or title."),
    example: "Handläggare",
    open_data: None,
    form_hint: None,
    search_weight: 0,
};
pub const EMAIL: Field = Field {
    key: "email",
    field_type: FieldType::Email,
    presence: Presence::Optional,
    label: text("E-post", "E-mail"),
    hint: text("E-postadress, utan mailto:.", "E-mail address, without mailto:."),
    example: "anna.svensson@tillvaxtverket.se",
    open_data: None,
    form_hint: None,
    search_weight: 0,
};
pub const PHONE: Field = Field {
    key: "phone",
    field_type: FieldType::Text,
    presence: Presence::Optional,
    label: text("Telefon", "Phone"),
    hint: text("Telefonnummer, som du vill att det ska stå.", "Telephone number, as it should be shown."),
    example: "\"08-681 91 00\"",
    open_data: None,
    form_hint: None,
    search_weight: 0,
};

/// A contact person's fields (a meeting's, a county's or a grouping's `contact:`).
pub const CONTACT_FIELDS: [Field; 4] = [NAME, ROLE, EMAIL, PHONE];

pub const PAGE_TITLE: Field = Field {
    key: "title",
    field_type: FieldType::Text,
    presence: Presence::Required,
    label: text("Rubrik", "Title"),
    hint: text("Sidans rubrik.", "The page's title."),
    example: "\"Om dialogerna\"",
    open_data: None,
    form_hint: None,
    search_weight: 8,
};
pub const PAGE_SUMMARY: Field = Field {
    key: "summary",
    field_type: FieldType::LongText,
    presence: Presence::Optional,
    label: text("Sammanfattning", "Summary"),
    hint: text("En mening om sidan, för sökmotorer.", "One sentence about the page, for search engines."),
    example: "\"Vad dialogerna är och varför de förs.\"",
    open_data: None,
    form_hint: None,
    search_weight: 4,
};
pub const WEIGHT: Field = Field {
    key: "weight",
    field_type: FieldType::Integer,
    presence: Presence::Optional,
    label: text("Ordning", "Order"),
    hint: text("Ett heltal; lägre kommer först i sidfoten.", "A whole number; lower comes first in the footer."),
    example: "10",
    open_data: None,
    form_hint: None,
    search_weight: 0,
};
pub const PAGE_SLUG: Field = Field { example: "om", ..SLUG };
pub const FEATURED: Field = Field {
    key: "featured",
    field_type: FieldType::Bool,
    presence: Presence::Optional,
    label: text("Visa på startsidan", "Show on the home page"),
    hint: text(
        "true = startsidan länkar till sidan under rubriken Läs mer.",
        "true = the home page links to the page under the heading Read more.",
    ),
    example: "false",
    open_data: None,
    form_hint: Some(text(
        "Med bock länkar startsidan till sidan under rubriken Läs mer.",
        "When ticked, the home page links to the page under the heading Read more.",
    )),
    search_weight: 0,
};
pub const PAGE_LANGUAGE: Field = Field {
    key: "language",
    field_type: FieldType::Text,
    presence: Presence::Optional,
    label: text("Språk", "Language"),
    hint: text(
        "sv eller en: det språk sidan är skriven på, om det inte är webbplatsens språk.",
        "sv or en: the language the page is written in, if it is not the site's language.",
    ),
    example: "sv",
    open_data: None,
    form_hint: None,
    search_weight: 0,
};

/// A free page's fields.
pub const PAGE_FIELDS: [Field; 8] =
    [PAGE_TITLE, PAGE_SUMMARY, WEIGHT, FEATURED, PAGE_LANGUAGE, PAGE_SLUG, PAGE_ALIASES, PAGE_UPDATED];
pub const PAGE_ALIASES: Field = Field { example: "[/om-dialogerna/]", ..ALIASES };
pub const PAGE_UPDATED: Field = Field {
    hint: text(
        "När sidan senast ändrades väsentligt, som ÅÅÅÅ-MM-DD; sidan visar det som Senast uppdaterad.",
        "When the page last changed in substance, as YYYY-MM-DD; the page shows it as Last updated.",
    ),
    example: "2019-03-01",
    open_data: None,
    form_hint: Some(text(
        "När sidan senast ändrades väsentligt. Sidan visar det som Senast uppdaterad.",
        "When the page last changed in substance. The page shows it as Last updated.",
    )),
    ..UPDATED
};

/// The key a Swedish word stands for (`datum` → `date`), so an author who writes the
/// label instead of the key is told which key it is.
pub fn swedish_key(word: &str) -> Option<&'static str> {
    let word = word.trim().to_lowercase();
    let key = match word.as_str() {
        "titel" | "rubrik" => "title",
        "datum" | "mötesdatum" => "date",
        "region" | "regioner" | "län" => "regions",
        "tema" | "teman" | "ämne" | "ämnen" => "themes",
        "deltagare" | "medverkande" => "participants",
        "enheter" | "avdelningar" | "myndighetens_enheter" => "agency_units",
        "sammanfattning" | "ingress" => "summary",
        "resultat" | "slutsatser" => "outcomes",
        "åtgärder" | "uppföljning" | "uppföljningar" => "follow_ups",
        "följer_upp" | "foljer_upp" | "följer-upp" => "follows_up",
        "klar_den" | "klardatum" | "avklarad" => "done",
        "kommentar" | "anteckning" | "notering" => "note",
        "rapporterar_om" | "rapport_om" | "report_on" => "reports_on",
        "utkast" => "draft",
        "omgång" | "omgang" | "år" | "runda" | "dialogomgång" => "round",
        "ändrad" | "uppdaterad" | "senast_ändrad" => "updated",
        "adress" | "webbadress" => "slug",
        "alias" | "tidigare_adresser" | "gamla_adresser" | "omdirigeringar" => "aliases",
        "åtgärd" => "action",
        "ansvarig" | "ägare" => "owner",
        "klart" | "senast" | "klart_senast" | "deadline" => "due",
        "läge" | "tillstånd" => "status",
        "ordning" | "vikt" => "weight",
        "bilaga" | "bilagor" | "filer" | "dokument" => "attachments",
        "kontakt" | "kontakter" | "kontaktperson" | "kontaktpersoner" => "contact",
        "fil" | "filnamn" => "file",
        "namn" => "name",
        "roll" | "befattning" => "role",
        "epost" | "e-post" | "e_post" | "mejl" | "mail" | "e-mail" => "email",
        "telefon" | "tel" | "telefonnummer" | "mobil" => "phone",
        _ => return None,
    };
    Some(key)
}

/// The keys of `fields`, in order (for "unknown key, did you mean").
pub const fn keys<const N: usize>(fields: &[Field; N]) -> [&'static str; N] {
    let mut out = [""; N];
    let mut i = 0;
    while i < N {
        out[i] = fields[i].key;
        i += 1;
    }
    out
}

pub const MEETING_KEYS: [&str; MEETING_FIELDS.len()] = keys(&MEETING_FIELDS);
pub const FOLLOW_UP_KEYS: [&str; FOLLOW_UP_FIELDS.len()] = keys(&FOLLOW_UP_FIELDS);
pub const PAGE_KEYS: [&str; PAGE_FIELDS.len()] = keys(&PAGE_FIELDS);
pub const ATTACHMENT_KEYS: [&str; ATTACHMENT_FIELDS.len()] = keys(&ATTACHMENT_FIELDS);
pub const CONTACT_KEYS: [&str; CONTACT_FIELDS.len()] = keys(&CONTACT_FIELDS);

/// The open-data columns of a meeting, in order: its slug and page URL, then every field that
/// is published, in schema order.
pub fn open_data_columns() -> Vec<&'static str> {
    ["slug", "url"].into_iter().chain(MEETING_FIELDS.iter().filter_map(|f| f.open_data)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_within_each_table() {
        for keys in [&MEETING_KEYS[..], &FOLLOW_UP_KEYS, &PAGE_KEYS, &ATTACHMENT_KEYS, &CONTACT_KEYS] {
            let mut sorted = keys.to_vec();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(sorted.len(), keys.len(), "{keys:?}");
        }
    }

    #[test]
    fn every_field_has_labels_hints_and_an_example_in_both_languages() {
        let items = ATTACHMENT_FIELDS.iter().chain(&CONTACT_FIELDS);
        for f in MEETING_FIELDS.iter().chain(&FOLLOW_UP_FIELDS).chain(&PAGE_FIELDS).chain(items) {
            for t in [f.label, f.hint] {
                assert!(!t.sv.is_empty() && !t.en.is_empty(), "{}", f.key);
            }
            assert!(!f.example.is_empty(), "{}", f.key);
        }
    }

    #[test]
    fn the_authors_guide_explains_every_field() {
        // Guards: a new field is never left out of docs/authoring.md.
        let guide = include_str!("../../docs/authoring.md");
        for f in &MEETING_FIELDS {
            assert!(guide.contains(&format!("| `{}` |", f.key)), "docs/authoring.md: no table row for `{}`", f.key);
        }
        for f in FOLLOW_UP_FIELDS.iter().chain(&PAGE_FIELDS).chain(&ATTACHMENT_FIELDS).chain(&CONTACT_FIELDS) {
            assert!(guide.contains(&format!("`{}`", f.key)), "docs/authoring.md does not name `{}`", f.key);
        }
    }
}
