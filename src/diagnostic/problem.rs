//! Every problem samtal can find in a site, and what it says about each in Swedish and
//! English, with a hint for the fix: the diagnostics' own translation table.

use super::mistake::Mistake;
use super::yaml_words::{yaml_hint, yaml_message};
use crate::i18n::Lang;
use crate::yaml::YamlProblem;

/// What in an SVG picture could run script or reach another site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SvgRisk {
    /// A `<script>` element (or SVG Tiny's `<handler>`).
    Script,
    /// An `on…` attribute (`onload`, `onclick`): script run by an event.
    EventAttribute { name: String },
    /// A `javascript:` address (or a `data:` one in a link).
    ScriptLink,
    /// HTML inside the picture (`<foreignObject>`, `<iframe>`), which can hold script.
    Html,
    /// Something loaded from another site (a picture, a font, a style sheet).
    External,
    /// Not readable as SVG (no well-formed XML): browsers show nothing either.
    Unreadable,
}

/// The kinds of value a field can expect, named for authors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    Text,
    List,
    TrueFalse,
    Date,
    Number,
    Mapping,
}

impl Expected {
    fn describe(self, lang: Lang) -> &'static str {
        match self {
            Expected::Text => lang.pick("en text", "a piece of text"),
            Expected::List => lang.pick("en lista, till exempel [a, b]", "a list, for example [a, b]"),
            Expected::TrueFalse => lang.pick("true eller false", "true or false"),
            Expected::Date => {
                lang.pick("ett datum som ÅÅÅÅ-MM-DD, ÅÅÅÅ-MM eller ÅÅÅÅ", "a date as YYYY-MM-DD, YYYY-MM or YYYY")
            }
            Expected::Number => lang.pick("ett heltal", "a whole number"),
            Expected::Mapping => lang.pick("fält med namn och värde (nyckel: värde)", "named fields (key: value)"),
        }
    }
}

/// Why a folder of the site could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FolderTrouble {
    NoPermission,
    /// A link that leads back to a folder above it.
    Loop,
    /// A linked folder that leads out of the site folder.
    LinkLeavesSite,
    /// Any other reason, as the operating system names it.
    Other(String),
}

/// Everything that can be wrong with a site, with the facts needed to explain it.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    // Files
    Unreadable {
        reason: String,
    },
    /// A temp folder an interrupted build left beside the output, that could not be removed.
    LeftoverTempFolder,
    /// A static file with the output path of a page or file samtal makes (`made`, its URL).
    StaticReplacesGenerated {
        made: String,
    },
    /// A folder (or a file in it) that the walk of the site could not read: nothing is
    /// published, since the site would silently lose what it holds.
    FolderUnreadable {
        trouble: FolderTrouble,
    },
    /// Not UTF-8; `windows_1252` when the bytes read as Swedish text in Windows-1252 ("ANSI"),
    /// the encoding older Windows programs save in.
    NotUtf8 {
        windows_1252: bool,
    },
    /// The file was edited between being checked and being rendered.
    ChangedDuringBuild,
    EmptyFile,
    NoFrontMatter,
    UnterminatedFrontMatter,
    FrontMatterNotMapping,
    NotAMapping {
        what: &'static str,
    },
    Yaml(YamlProblem),
    NotMarkdown,
    /// The mistakes of authoring round 2 (diagnostic/mistake.rs).
    Mistake(Mistake),
    /// Follow-up across meetings (diagnostic/follow.rs).
    Follow(super::follow::FollowProblem),
    // Fields
    MissingField {
        field: String,
    },
    UnknownKey {
        key: String,
        suggestion: Option<String>,
        allowed: Vec<&'static str>,
    },
    WrongType {
        field: String,
        expected: Expected,
    },
    InvalidDate {
        field: String,
        value: String,
    },
    InvalidBool {
        field: String,
        value: String,
    },
    EmptyField {
        field: String,
    },
    /// A required field is written but left empty (`title:`, `title: ""`, `regions: []`).
    RequiredEmpty {
        field: String,
    },
    UnknownRegion {
        slug: String,
        suggestion: Option<String>,
    },
    UnknownTopic {
        slug: String,
        suggestion: Option<String>,
    },
    UnknownStatus {
        value: String,
        suggestion: Option<String>,
    },
    /// A grouping's `kind:` in regions.yaml.
    UnknownGroupingKind {
        value: String,
        suggestion: Option<String>,
    },
    DuplicateSlug {
        slug: String,
        url: String,
        other_file: String,
    },
    SlugNotUrlSafe {
        slug: String,
        suggestion: String,
    },
    /// An entry of `aliases:` that is not a path on the site (`/moten/gammalt-namn/`).
    AliasNotAPath {
        alias: String,
        suggestion: Option<String>,
    },
    /// An entry of `aliases:` that is the address of a page the site has, or another file's
    /// alias; `taken_by` says which (a URL or a file).
    AliasTaken {
        alias: String,
        taken_by: String,
    },
    /// An entry of `aliases:` that is the file's own address: what a `samtal mv` interrupted
    /// before its last step leaves (a warning; the alias is left out).
    AliasIsOwnAddress {
        alias: String,
    },
    /// A `round:` that cannot be an address part (`Hösten 2019`); `suggestion` can.
    RoundNotAnAddress {
        round: String,
        suggestion: String,
    },
    /// A round in site.yaml's `rounds:` that cannot be an address part (`Hösten 2019: …`).
    RoundNameKey {
        round: String,
        suggestion: String,
    },
    /// A round named in site.yaml's `rounds:` that no meeting is of.
    RoundWithoutMeetings {
        round: String,
        suggestion: Option<String>,
    },
    /// A meeting whose address is the page of a round (`/moten/2019/`).
    MeetingTakesRoundAddress {
        round: String,
        url: String,
    },
    /// A content file without `slug:` whose file name cannot be a web address.
    /// A file name (or, with `folder`, a bundle's folder name) that is not URL-safe.
    FileNameNotUrlSafe {
        file_name: String,
        suggestion: String,
        folder: bool,
    },
    /// A free page whose address is one the site itself uses (`content/pages/regioner.md`).
    ReservedSlug {
        slug: String,
        url: String,
    },
    /// A file or folder name Windows cannot hold (`con.md`, `fråga?.md`); see `validate::portable`.
    NameNotPortable {
        name: String,
        reason: crate::validate::portable::WindowsReason,
    },
    /// A slug that is a reserved device name on Windows (`nul`, `com1`).
    SlugReservedOnWindows {
        slug: String,
        url: String,
    },
    /// Two names that differ only in case or Unicode spelling: one file on Windows and macOS.
    NameClash {
        name: String,
        other: String,
        other_file: String,
    },
    // Site level
    UnknownLanguage {
        value: String,
    },
    InvalidBaseUrl {
        value: String,
    },
    /// `license:` or `publisher_url:` that is not a full web address.
    NotAWebAddress {
        field: String,
        value: String,
    },
    /// A site published under a full address without `license:`: its data catalogue lacks
    /// the licence DCAT-AP-SE requires.
    MissingLicense,
    /// `base_url` is only a path (`/`, `/samtal/`): the sitemap, feeds, canonical and sharing
    /// links cannot be absolute, which a published site needs.
    BaseUrlWithoutHost {
        value: String,
    },
    /// A `site.yaml` setting with a fixed set of values (`cms: backend:`) given another one.
    UnknownSetting {
        field: String,
        value: String,
        allowed: &'static [&'static str],
        suggestion: Option<String>,
    },
    /// `cms: repo:` that is not `owner/name`.
    InvalidCmsRepo {
        value: String,
    },
    /// `accessibility:` without `feedback:`: the law requires a way to report problems.
    AccessibilityNoFeedback,
    /// `accessibility: feedback:` written as one address (the old form) instead of a block.
    AccessibilityFeedbackNotABlock {
        value: String,
    },
    /// `feedback:` with neither `email:` nor `form:`.
    AccessibilityNoFeedbackChannel,
    /// `feedback: email:` that is not an e-mail address.
    AccessibilityBadEmail {
        value: String,
    },
    /// `feedback: form:` that is not a whole web address.
    AccessibilityBadForm {
        value: String,
    },
    /// `feedback: form:` that is only a site's home page, which leads to no form.
    AccessibilityFormIsHomePage {
        value: String,
    },
    /// `feedback:` without `response_time:`.
    AccessibilityNoResponseTime,
    /// `feedback: email:` or `form:` on a reserved example domain (RFC 2606: `example.org` …),
    /// a placeholder nothing sent to reaches (a warning).
    AccessibilityFeedbackExampleAddress {
        value: String,
        domain: String,
        /// `form:` rather than `email:`.
        form: bool,
    },
    /// `feedback: response_time:` that says it is unknown (`uppgift saknas`; a warning).
    AccessibilityResponseTimeUnknown {
        value: String,
    },
    /// `accessibility:` in a site without `publisher:` (the statement must name the body).
    AccessibilityNoPublisher,
    /// `status: delvis` or `inte` with no shortcomings listed under `problems:`.
    AccessibilityNoProblemsListed,
    /// `accessibility: assessed:` more than a year before the build's today (a warning).
    AccessibilityAssessmentOld {
        assessed: crate::model::PartialDate,
    },
    VisualThemeMissing {
        name: String,
    },
    DuplicateRegistrySlug {
        slug: String,
        first_line: usize,
    },
    GroupingUnknownCounty {
        slug: String,
        suggestion: Option<String>,
    },
    TemplateSyntax {
        template: String,
        message: TemplateMessage,
    },
    TemplateRender {
        template: String,
        page: String,
        message: TemplateMessage,
    },
    BrokenLink {
        url: String,
        suggestion: Option<String>,
    },
    MissingImage {
        url: String,
    },
    /// A file in static/ named as a JPEG, PNG or WebP picture that cannot be read as one:
    /// another kind of file (`damaged: false`, a HEIC photo renamed `.jpg`) or cut off.
    PictureUnreadable {
        damaged: bool,
    },
    /// An SVG picture that could run script or load from another site when opened by its own
    /// address (`images/svg.rs`).
    SvgUnsafe {
        risk: SvgRisk,
    },
    /// A picture in a format samtal cannot strip of its metadata (GPS) and browsers do not
    /// show: HEIC/HEIF from phones, TIFF from scanners.
    PictureFormatNotPublishable {
        extension: String,
    },
    /// A link a template writes into a page, to nowhere.
    BrokenTemplateLink {
        url: String,
        page: String,
    },
    // Warnings
    /// A picture far larger than a page shows (more than 40 megapixels or 25 MB).
    PictureTooLarge {
        width: u32,
        height: u32,
        megabytes: usize,
    },
    MapDataUnusable,
    MissingSummary,
    /// A control character that no page or feed may carry (taken out when published).
    ControlCharacter {
        character: char,
        count: usize,
    },
    MissingOutcomes,
    OverdueFollowUp {
        action: String,
        due: String,
        /// `planned` or `ongoing`.
        status: &'static str,
    },
}

/// What Tera said about a template: its first line, as Tera wrote it (English, for
/// programmers), and what it is about when it is one of the common messages, which are then
/// put in the site's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateMessage {
    pub tera: String,
    pub about: TemplateTrouble,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplateTrouble {
    UnknownVariable(String),
    UnknownField(String),
    /// A template that includes or extends one the theme does not have.
    NotFound,
    Other,
}

impl TemplateMessage {
    /// Tera's message, recognised where it is one of the common ones.
    pub fn from_tera(message: &str) -> TemplateMessage {
        let named = |prefix: &str| {
            let rest = message.strip_prefix(prefix)?;
            rest.split_once('`').map(|(name, _)| name.to_string())
        };
        let about = if let Some(name) = named("Variable `") {
            TemplateTrouble::UnknownVariable(name)
        } else if let Some(name) = named("Field `") {
            TemplateTrouble::UnknownField(name)
        } else {
            TemplateTrouble::Other
        };
        TemplateMessage { tera: message.lines().next().unwrap_or(message).to_string(), about }
    }

    pub fn not_found() -> TemplateMessage {
        TemplateMessage { tera: String::new(), about: TemplateTrouble::NotFound }
    }

    pub fn text(&self, lang: Lang) -> String {
        match (&self.about, lang) {
            (TemplateTrouble::UnknownVariable(name), Lang::Sv) => format!("variabeln `{name}` finns inte"),
            (TemplateTrouble::UnknownField(name), Lang::Sv) => format!("fältet `{name}` finns inte"),
            (TemplateTrouble::NotFound, _) => lang
                .pick("mallen finns inte i temats templates/", "the template does not exist in the theme's templates/")
                .to_string(),
            _ => self.tera.clone(),
        }
    }
}

impl Problem {
    /// What is wrong, in one sentence.
    pub fn message(&self, lang: Lang) -> String {
        let sv = lang == Lang::Sv;
        let t = |s: &str, e: &str| if sv { s.to_string() } else { e.to_string() };
        match self {
            Problem::Unreadable { reason } => {
                t(&format!("filen gick inte att läsa ({reason})"), &format!("the file could not be read ({reason})"))
            }
            Problem::LeftoverTempFolder => t(
                "en mapp som ett avbrutet bygge lämnade kvar gick inte att ta bort",
                "a folder an interrupted build left behind could not be removed",
            ),
            Problem::StaticReplacesGenerated { made } => t(
                &format!("filen skulle ersätta {made}, som samtal själv gör"),
                &format!("the file would replace {made}, which samtal makes itself"),
            ),
            Problem::FolderUnreadable { trouble } => match trouble {
                FolderTrouble::NoPermission => t(
                    "mappen går inte att läsa (du saknar behörighet), så webbplatsen byggdes inte",
                    "the folder cannot be read (permission denied), so the site was not built",
                ),
                FolderTrouble::Loop => t(
                    "mappen innehåller en länk som pekar tillbaka på en mapp ovanför, så webbplatsen byggdes inte",
                    "the folder holds a link that points back to a folder above it, so the site was not built",
                ),
                FolderTrouble::LinkLeavesSite => t(
                    "mappen är en länk som leder ut ur webbplatsens mapp, så inget i den läses",
                    "the folder is a link that leads out of the site folder, so nothing in it is read",
                ),
                FolderTrouble::Other(kind) => t(
                    &format!("mappen gick inte att läsa ({kind}), så webbplatsen byggdes inte"),
                    &format!("the folder could not be read ({kind}), so the site was not built"),
                ),
            },
            Problem::NotUtf8 { windows_1252: false } => t(
                "filen är inte sparad som UTF-8, så å, ä och ö kan inte läsas",
                "the file is not saved as UTF-8, so its letters cannot be read",
            ),
            Problem::NotUtf8 { windows_1252: true } => t(
                "filen är inte sparad som UTF-8 utan som Windows-1252 (\"ANSI\"), så å, ä och ö kan inte läsas säkert",
                "the file is not saved as UTF-8 but as Windows-1252 (\"ANSI\"), so its letters cannot be read reliably",
            ),
            Problem::ChangedDuringBuild => {
                t("filen ändrades medan webbplatsen byggdes", "the file was changed while the site was being built")
            }
            Problem::EmptyFile => t("filen är tom", "the file is empty"),
            Problem::NoFrontMatter => t(
                "filen saknar ett huvud (front matter) mellan två rader med ---",
                "the file has no front matter between two lines of ---",
            ),
            Problem::UnterminatedFrontMatter => t(
                "huvudet (front matter) avslutas aldrig med en rad med ---",
                "the front matter is never closed with a line of ---",
            ),
            Problem::FrontMatterNotMapping => t(
                "huvudet måste bestå av fält på formen namn: värde",
                "the front matter must consist of fields written as name: value",
            ),
            Problem::NotAMapping { what } => t(
                &format!("{what} måste vara fält på formen namn: värde"),
                &format!("{what} must be fields written as name: value"),
            ),
            Problem::Yaml(p) => yaml_message(p, lang),
            Problem::Mistake(m) => m.message(lang),
            Problem::Follow(f) => f.message(lang),
            Problem::NotMarkdown => t(
                "i content/meetings/ får bara ligga möten som .md-filer",
                "content/meetings/ may only hold meetings as .md files",
            ),
            Problem::MissingField { field } => t(
                &format!("fältet `{field}` saknas men är obligatoriskt"),
                &format!("the required field `{field}` is missing"),
            ),
            Problem::UnknownKey { key, .. } => t(&format!("okänt fält `{key}`"), &format!("unknown field `{key}`")),
            Problem::WrongType { field, expected } => t(
                &format!("`{field}` ska vara {}", expected.describe(lang)),
                &format!("`{field}` must be {}", expected.describe(lang)),
            ),
            Problem::InvalidDate { field, value } => t(
                &format!("`{field}`: \"{value}\" är inte ett giltigt datum"),
                &format!("`{field}`: \"{value}\" is not a valid date"),
            ),
            Problem::InvalidBool { field, value } => t(
                &format!("`{field}` ska vara true eller false, inte \"{value}\""),
                &format!("`{field}` must be true or false, not \"{value}\""),
            ),
            Problem::EmptyField { field } => t(&format!("`{field}` är tomt"), &format!("`{field}` is empty")),
            Problem::RequiredEmpty { field } => t(
                &format!("`{field}` är tomt men måste fyllas i"),
                &format!("`{field}` is empty but must be filled in"),
            ),
            Problem::UnknownRegion { slug, .. } => {
                t(&format!("okänd region \"{slug}\""), &format!("unknown region \"{slug}\""))
            }
            Problem::UnknownTopic { slug, .. } => {
                t(&format!("okänt tema \"{slug}\""), &format!("unknown theme \"{slug}\""))
            }
            Problem::UnknownStatus { value, .. } => {
                t(&format!("okänd status \"{value}\""), &format!("unknown status \"{value}\""))
            }
            Problem::UnknownGroupingKind { value, .. } => {
                t(&format!("okänd sorts gruppering \"{value}\""), &format!("unknown kind of grouping \"{value}\""))
            }
            Problem::DuplicateSlug { url, other_file, .. } => t(
                &format!("två filer skulle få samma adress {url} (den andra är {other_file})"),
                &format!("two files would get the same address {url} (the other is {other_file})"),
            ),
            Problem::SlugNotUrlSafe { slug, .. } => t(
                &format!("\"{slug}\" kan inte användas i en webbadress"),
                &format!("\"{slug}\" cannot be used in a web address"),
            ),
            Problem::AliasNotAPath { alias, .. } => t(
                &format!("`aliases`: \"{alias}\" är ingen adress på webbplatsen"),
                &format!("`aliases`: \"{alias}\" is not an address on the site"),
            ),
            Problem::AliasTaken { alias, taken_by } => t(
                &format!("den tidigare adressen {alias} används redan av {taken_by}"),
                &format!("the former address {alias} is already used by {taken_by}"),
            ),
            Problem::AliasIsOwnAddress { alias } => t(
                &format!(
                    "den tidigare adressen {alias} är filens egen adress: en flytt med samtal mv avbröts innan den var klar"
                ),
                &format!(
                    "the former address {alias} is the file's own address: a move with samtal mv was interrupted before it was done"
                ),
            ),
            Problem::RoundNotAnAddress { round, .. } => t(
                &format!("`round`: \"{round}\" kan inte användas i en webbadress"),
                &format!("`round`: \"{round}\" cannot be used in a web address"),
            ),
            Problem::RoundNameKey { round, .. } => t(
                &format!(
                    "`rounds`: \"{round}\" är ingen omgång: före kolonet står omgången som den skrivs i mötenas `round:`"
                ),
                &format!(
                    "`rounds`: \"{round}\" is not a round: before the colon goes the round as the meetings' `round:` writes it"
                ),
            ),
            Problem::RoundWithoutMeetings { round, .. } => t(
                &format!("`rounds`: inget möte hör till omgången \"{round}\", så namnet visas ingenstans"),
                &format!("`rounds`: no meeting is of the round \"{round}\", so the name is shown nowhere"),
            ),
            Problem::MeetingTakesRoundAddress { round, url } => t(
                &format!("mötets adress {url} är sidan för omgången {round}, som listar omgångens möten"),
                &format!(
                    "the meeting's address {url} is the page of the round {round}, which lists the round's meetings"
                ),
            ),
            Problem::FileNameNotUrlSafe { file_name, folder: true, .. } => t(
                &format!("mappnamnet \"{file_name}\" kan inte användas i en webbadress"),
                &format!("the folder name \"{file_name}\" cannot be used in a web address"),
            ),
            Problem::FileNameNotUrlSafe { file_name, .. } => t(
                &format!("filnamnet \"{file_name}\" kan inte användas i en webbadress"),
                &format!("the file name \"{file_name}\" cannot be used in a web address"),
            ),
            Problem::ReservedSlug { slug, url } => t(
                &format!("adressen {url} används redan av webbplatsen själv, så en sida kan inte heta \"{slug}\""),
                &format!("the address {url} is used by the site itself, so a page cannot be called \"{slug}\""),
            ),
            Problem::NameNotPortable { name, reason } => {
                use crate::validate::portable::WindowsReason;
                let shown = |c: &char| c.escape_debug().to_string();
                let (why_sv, why_en) = match reason {
                    WindowsReason::Reserved => (
                        "det är ett reserverat namn där, som CON, NUL och COM1".to_string(),
                        "it is a reserved name there, like CON, NUL and COM1".to_string(),
                    ),
                    WindowsReason::TrailingDotOrSpace => {
                        ("det slutar med punkt eller mellanslag".to_string(), "it ends in a dot or a space".to_string())
                    }
                    WindowsReason::Character(c) => (
                        format!("tecknet {} är inte tillåtet i namn", shown(c)),
                        format!("the character {} is not allowed in names", shown(c)),
                    ),
                };
                let name: String =
                    name.chars().map(|c| if c.is_control() { shown(&c) } else { c.to_string() }).collect();
                t(
                    &format!("namnet \"{name}\" går inte att använda i Windows: {why_sv}"),
                    &format!("the name \"{name}\" cannot be used on Windows: {why_en}"),
                )
            }
            Problem::SlugReservedOnWindows { slug, url } => t(
                &format!("adressen {url} går inte att skapa i Windows, eftersom \"{slug}\" är ett reserverat namn där"),
                &format!("the address {url} cannot be made on Windows, because \"{slug}\" is a reserved name there"),
            ),
            Problem::NameClash { name, other, other_file } => {
                let from =
                    |word: &str| if other == other_file { String::new() } else { format!(" ({word} {other_file})") };
                t(
                    &format!(
                        "\"{name}\" och \"{other}\"{} skiljer sig bara i stora och små bokstäver eller i hur tecknen är kodade, så i Windows och macOS blir de samma fil",
                        from("från")
                    ),
                    &format!(
                        "\"{name}\" and \"{other}\"{} differ only in upper and lower case or in how their letters are encoded, so Windows and macOS take them for the same file",
                        from("from")
                    ),
                )
            }
            Problem::UnknownLanguage { value } => {
                t(&format!("okänt språk \"{value}\""), &format!("unknown language \"{value}\""))
            }
            Problem::InvalidBaseUrl { value } => t(
                &format!("\"{value}\" är ingen giltig bas-adress"),
                &format!("\"{value}\" is not a valid base address"),
            ),
            Problem::NotAWebAddress { field, value } => t(
                &format!("{field} \"{value}\" är ingen fullständig webbadress"),
                &format!("{field} \"{value}\" is not a full web address"),
            ),
            Problem::MissingLicense => t(
                "license saknas, så datakatalogen data/dcat.rdf saknar den licens som Sveriges dataportal kräver",
                "license is missing, so the data catalogue data/dcat.rdf lacks the licence Sweden's data portal requires",
            ),
            Problem::BaseUrlWithoutHost { value } => t(
                &format!(
                    "base_url \"{value}\" saknar webbplatsens adress, så webbplatskartan, flödena och delningslänkarna får inga fullständiga adresser"
                ),
                &format!(
                    "base_url \"{value}\" has no host, so the sitemap, the feeds and the sharing links get no absolute addresses"
                ),
            ),
            Problem::UnknownSetting { field, value, .. } => t(
                &format!("\"{value}\" går inte att använda som {field}"),
                &format!("\"{value}\" cannot be used as {field}"),
            ),
            Problem::InvalidCmsRepo { value } => t(
                &format!("\"{value}\" är inget förrådsnamn av formen ägare/namn"),
                &format!("\"{value}\" is not a repository name of the form owner/name"),
            ),
            Problem::AccessibilityNoFeedback => t(
                "tillgänglighetsredogörelsen saknar ett sätt att rapportera brister (`feedback`)",
                "the accessibility statement gives no way to report problems (`feedback`)",
            ),
            Problem::AccessibilityFeedbackNotABlock { value } => t(
                &format!(
                    "`feedback` ska säga var man rapporterar brister och hur snart ni svarar, men anger bara \"{value}\""
                ),
                &format!(
                    "`feedback` must say where to report problems and how soon you answer, but gives only \"{value}\""
                ),
            ),
            Problem::AccessibilityNoFeedbackChannel => t(
                "`feedback` anger varken en e-postadress (`email`) eller ett formulär (`form`)",
                "`feedback` gives neither an e-mail address (`email`) nor a form (`form`)",
            ),
            Problem::AccessibilityBadEmail { value } => {
                t(&format!("\"{value}\" är ingen e-postadress"), &format!("\"{value}\" is not an e-mail address"))
            }
            Problem::AccessibilityBadForm { value } => {
                t(&format!("\"{value}\" är ingen hel webbadress"), &format!("\"{value}\" is not a whole web address"))
            }
            Problem::AccessibilityFormIsHomePage { value } => t(
                &format!("\"{value}\" är en startsida, inget formulär"),
                &format!("\"{value}\" is a home page, not a form"),
            ),
            Problem::AccessibilityNoResponseTime => t(
                "`feedback` säger inte hur snart ni svarar (`response_time`)",
                "`feedback` does not say how soon you answer (`response_time`)",
            ),
            Problem::AccessibilityFeedbackExampleAddress { value, domain, form: false } => t(
                &format!(
                    "\"{value}\" är en exempeladress på den reserverade domänen {domain}, så e-post dit når ingen, men tillgänglighetsredogörelsen anger den"
                ),
                &format!(
                    "\"{value}\" is an example address on the reserved domain {domain}, so mail sent there reaches no one, but the accessibility statement gives it"
                ),
            ),
            Problem::AccessibilityFeedbackExampleAddress { value, domain, form: true } => t(
                &format!(
                    "\"{value}\" ligger på den reserverade exempeldomänen {domain}, så formuläret finns inte, men tillgänglighetsredogörelsen länkar dit"
                ),
                &format!(
                    "\"{value}\" is on the reserved example domain {domain}, so the form does not exist, but the accessibility statement links to it"
                ),
            ),
            Problem::AccessibilityResponseTimeUnknown { value } => t(
                &format!(
                    "svarstiden \"{value}\" säger inte hur snart ni svarar, men tillgänglighetsredogörelsen visar den som svarstid"
                ),
                &format!(
                    "the response time \"{value}\" does not say how soon you answer, but the accessibility statement shows it as the response time"
                ),
            ),
            Problem::AccessibilityNoPublisher => t(
                "tillgänglighetsredogörelsen måste säga vem som står bakom webbplatsen, men `publisher` saknas",
                "the accessibility statement must say who is behind the site, but `publisher` is missing",
            ),
            Problem::AccessibilityNoProblemsListed => t(
                "webbplatsen är inte helt förenlig med lagen, men redogörelsen listar inga brister (`problems`)",
                "the site is not fully compliant with the law, but the statement lists no problems (`problems`)",
            ),
            Problem::AccessibilityAssessmentOld { assessed } => t(
                &format!("tillgängligheten bedömdes senast {assessed}, för mer än ett år sedan"),
                &format!("accessibility was last assessed on {assessed}, more than a year ago"),
            ),
            Problem::VisualThemeMissing { name } => t(
                &format!("utseendet (theme) \"{name}\" finns inte i themes/"),
                &format!("the visual theme \"{name}\" does not exist in themes/"),
            ),
            Problem::DuplicateRegistrySlug { slug, first_line } => t(
                &format!("\"{slug}\" finns redan på rad {first_line}"),
                &format!("\"{slug}\" is already used on line {first_line}"),
            ),
            Problem::GroupingUnknownCounty { slug, .. } => t(
                &format!("grupperingen nämner ett okänt län \"{slug}\""),
                &format!("the grouping names an unknown county \"{slug}\""),
            ),
            Problem::TemplateSyntax { template, message } => {
                let message = message.text(lang);
                t(&format!("fel i mallen {template}: {message}"), &format!("error in template {template}: {message}"))
            }
            Problem::TemplateRender { template, page, message } => {
                let message = message.text(lang);
                t(
                    &format!("mallen {template} kunde inte visa sidan {page}: {message}"),
                    &format!("template {template} could not render page {page}: {message}"),
                )
            }
            Problem::BrokenLink { url, .. } => t(
                &format!("länken {url} leder till en sida som inte finns"),
                &format!("the link {url} leads to a page that does not exist"),
            ),
            Problem::MissingImage { url } => {
                t(&format!("bilden {url} finns inte"), &format!("the image {url} does not exist"))
            }
            Problem::BrokenTemplateLink { url, page } => t(
                &format!("mallen länkar till {url}, som inte finns (på sidan {page})"),
                &format!("the template links to {url}, which does not exist (on the page {page})"),
            ),
            Problem::PictureUnreadable { damaged: false } => t(
                "filen är ingen JPEG-, PNG-, WebP- eller GIF-bild fast namnet säger det (kanske en HEIC-bild från en iPhone)",
                "the file is no JPEG, PNG, WebP or GIF picture though its name says so (perhaps a HEIC picture from an iPhone)",
            ),
            Problem::PictureUnreadable { damaged: true } => {
                t("bilden är trasig och kan inte läsas", "the picture is damaged and cannot be read")
            }
            Problem::SvgUnsafe { risk } => {
                let (sv, en) = match risk {
                    SvgRisk::Script => {
                        ("innehåller ett skript (`<script>`)".to_string(), "contains a script (`<script>`)".to_string())
                    }
                    SvgRisk::EventAttribute { name } => (
                        format!("har attributet `{name}`, ett skript som körs när något händer i bilden"),
                        format!("has the attribute `{name}`, a script run when something happens in the picture"),
                    ),
                    SvgRisk::ScriptLink => (
                        "har en länk som kör ett skript (`javascript:` eller `data:`)".to_string(),
                        "has a link that runs a script (`javascript:` or `data:`)".to_string(),
                    ),
                    SvgRisk::Html => (
                        "bäddar in HTML (`<foreignObject>`), som kan innehålla skript".to_string(),
                        "embeds HTML (`<foreignObject>`), which can hold scripts".to_string(),
                    ),
                    SvgRisk::External => (
                        "hämtar något från en annan webbplats (en bild, ett typsnitt eller en stilmall)".to_string(),
                        "loads something from another site (a picture, a font or a style sheet)".to_string(),
                    ),
                    SvgRisk::Unreadable => (
                        "är trasig: den går inte att läsa som SVG".to_string(),
                        "is damaged: it cannot be read as SVG".to_string(),
                    ),
                };
                match risk {
                    SvgRisk::Unreadable => t(&format!("SVG-bilden {sv}"), &format!("the SVG picture {en}")),
                    _ => t(
                        &format!(
                            "SVG-bilden {sv}, så den publiceras inte: den kunde köra skript eller spåra läsaren när någon öppnar den"
                        ),
                        &format!(
                            "the SVG picture {en}, so it is not published: it could run scripts or track the reader when someone opens it"
                        ),
                    ),
                }
            }
            Problem::PictureFormatNotPublishable { extension } => t(
                &format!(
                    "en .{extension}-bild publiceras inte: samtal kan inte ta bort platsuppgifterna ur den, och webbläsare visar den inte"
                ),
                &format!(
                    "a .{extension} picture is not published: samtal cannot remove its location data, and browsers do not show it"
                ),
            ),
            Problem::PictureTooLarge { width, height, megabytes } => t(
                &format!("bilden är mycket stor ({width} × {height} bildpunkter, {megabytes} MB)"),
                &format!("the picture is very large ({width} × {height} pixels, {megabytes} MB)"),
            ),
            Problem::MapDataUnusable => t(
                "kartdata kunde inte läsas, så kartan över länen utelämnas",
                "the map data could not be read, so the county map is left out",
            ),
            Problem::MissingSummary => {
                t("mötet saknar `summary` (en kort sammanfattning)", "the meeting has no `summary`")
            }
            Problem::ControlCharacter { character, count } => {
                let (sv_name, en_name) = control_character_name(*character);
                let code = format!("U+{:04X}", u32::from(*character));
                let (sv_more, en_more) = match count {
                    1 => (String::new(), String::new()),
                    n => (format!(" (och {} till)", n - 1), format!(" (and {} more)", n - 1)),
                };
                t(
                    &format!(
                        "här finns ett osynligt tecken som inte kan publiceras: {sv_name} ({code}){sv_more}; det tas bort"
                    ),
                    &format!(
                        "there is an invisible character here that cannot be published: {en_name} ({code}){en_more}; it is left out"
                    ),
                )
            }
            Problem::MissingOutcomes => {
                t("mötet saknar `outcomes` (vad mötet kom fram till)", "the meeting has no `outcomes`")
            }
            Problem::OverdueFollowUp { action, due, status } => t(
                &format!("åtgärden \"{action}\" skulle vara klar {due} men står fortfarande som {status}"),
                &format!("the action \"{action}\" was due {due} but is still {status}"),
            ),
        }
    }

    /// How to fix it, when there is something useful to say.
    pub fn hint(&self, lang: Lang) -> Option<String> {
        let sv = lang == Lang::Sv;
        let t = |s: String, e: String| Some(if sv { s } else { e });
        let did_you_mean = |s: &Option<String>| {
            s.as_ref().map(|s| if sv { format!("menade du \"{s}\"?") } else { format!("did you mean \"{s}\"?") })
        };
        match self {
            Problem::ChangedDuringBuild => t(
                "bygg igen när du har sparat klart; den förra webbplatsen är orörd".into(),
                "build again once you have finished saving; the previous site is untouched".into(),
            ),
            Problem::NotUtf8 { windows_1252: false } => t(
                "spara filen som UTF-8 (i de flesta redigerare: Spara som → Kodning: UTF-8)".into(),
                "save the file as UTF-8 (in most editors: Save as → Encoding: UTF-8)".into(),
            ),
            Problem::NotUtf8 { windows_1252: true } => t(
                "öppna filen och spara den som UTF-8 (Spara som → Kodning: UTF-8); raden ovan visar texten som den då blir".into(),
                "open the file and save it as UTF-8 (Save as → Encoding: UTF-8); the line above shows the text as it will then read".into(),
            ),
            Problem::EmptyFile | Problem::NoFrontMatter => t(
                "börja filen med ---, sedan fälten (title:, date:, regions: …), sedan en rad med ---; `samtal new meeting` skapar en mall".into(),
                "start the file with ---, then the fields (title:, date:, regions: …), then a line of ---; `samtal new meeting` writes a template".into(),
            ),
            Problem::UnterminatedFrontMatter => t(
                "lägg till en rad med bara --- efter sista fältet".into(),
                "add a line with only --- after the last field".into(),
            ),
            Problem::FrontMatterNotMapping | Problem::NotAMapping { .. } => t(
                "skriv ett fält per rad, till exempel `title: Dialogmöte med Region Skåne`".into(),
                "write one field per line, for example `title: Dialogue with Region Skåne`".into(),
            ),
            Problem::Yaml(p) => yaml_hint(p, lang),
            Problem::Mistake(m) => m.hint(lang),
            Problem::Follow(f) => f.hint(lang),
            Problem::NotMarkdown => t(
                "byt filändelse till .md, eller flytta filen ur content/meetings/".into(),
                "rename the file to end in .md, or move it out of content/meetings/".into(),
            ),
            Problem::MissingField { field } => t(
                format!("lägg till en rad `{field}: …` i huvudet"),
                format!("add a line `{field}: …` to the front matter"),
            ),
            Problem::UnknownKey { suggestion: Some(s), .. } => did_you_mean(&Some(s.clone())),
            Problem::UnknownKey { allowed, .. } => t(
                format!("tillåtna fält: {}", allowed.join(", ")),
                format!("allowed fields: {}", allowed.join(", ")),
            ),
            Problem::InvalidDate { .. } => t(
                "skriv datumet som 2018-05-16, eller 2018-05 eller 2018 om bara månad eller år är känt".into(),
                "write the date as 2018-05-16, or 2018-05 or 2018 when only the month or year is known".into(),
            ),
            Problem::InvalidBool { .. } => t("skriv true eller false".into(), "write true or false".into()),
            Problem::LeftoverTempFolder => t(
                "ta bort den själv när inget bygge pågår; innehåller den en .git-mapp, flytta först tillbaka den till utmappen".into(),
                "remove it yourself when no build is running; if it holds a .git folder, move that back into the output first".into(),
            ),
            Problem::StaticReplacesGenerated { .. } => t(
                "byt namn på filen eller flytta den till en egen mapp i static/; sidan skrivs i ett möte eller en sida i content/".into(),
                "rename the file or move it into a folder of its own in static/; the page is written as a meeting or page in content/".into(),
            ),
            Problem::FolderUnreadable { trouble: FolderTrouble::LinkLeavesSite } => t(
                "kopiera in filerna i webbplatsens mapp, eller låt länken peka på en mapp inuti den".into(),
                "copy the files into the site folder, or let the link point to a folder inside it".into(),
            ),
            Problem::FolderUnreadable { trouble: FolderTrouble::Loop } => t(
                "ta bort länken, eller låt den peka på en mapp utanför den här".into(),
                "remove the link, or let it point to a folder outside this one".into(),
            ),
            Problem::FolderUnreadable { .. } => t(
                "ge ditt konto rätt att läsa mappen (i Windows: Egenskaper → Säkerhet; på Mac: Visa info → Delning och behörigheter), eller flytta filerna till en mapp du kan läsa".into(),
                "give your account the right to read the folder (Windows: Properties → Security; Mac: Get Info → Sharing & Permissions), or move the files to a folder you can read".into(),
            ),
            Problem::EmptyField { field } => t(
                format!("skriv något efter `{field}:` eller ta bort raden"),
                format!("write something after `{field}:` or remove the line"),
            ),
            Problem::RequiredEmpty { field } if field == "regions" => t(
                "skriv regionens slug mellan hakparenteserna, till exempel `regions: [ostergotland]`; alla finns i content/regions.yaml".into(),
                "write the region's slug between the brackets, for example `regions: [ostergotland]`; all are listed in content/regions.yaml".into(),
            ),
            Problem::RequiredEmpty { field } => t(
                format!("skriv något efter `{field}:`"),
                format!("write something after `{field}:`"),
            ),
            Problem::UnknownRegion { suggestion, .. } => did_you_mean(suggestion).or_else(|| t(
                "regionerna finns i content/regions.yaml; använd deras slug, t.ex. ostergotland".into(),
                "regions are listed in content/regions.yaml; use their slug, e.g. ostergotland".into(),
            )),
            Problem::UnknownTopic { suggestion, .. } => did_you_mean(suggestion).or_else(|| t(
                "teman finns i content/themes.yaml".into(),
                "themes are listed in content/themes.yaml".into(),
            )),
            Problem::UnknownStatus { suggestion, .. } => did_you_mean(suggestion).or_else(|| t(
                "status kan vara planned, ongoing eller done".into(),
                "status can be planned, ongoing or done".into(),
            )),
            Problem::UnknownGroupingKind { suggestion, .. } => did_you_mean(suggestion).or_else(|| t(
                "kind kan vara nuts2, team eller other".into(),
                "kind can be nuts2, team or other".into(),
            )),
            Problem::DuplicateSlug { .. } => t(
                "byt namn på en av filerna, eller ge den ena en egen adress med `slug:` i huvudet".into(),
                "rename one of the files, or give one of them its own address with `slug:` in the front matter".into(),
            ),
            Problem::FileNameNotUrlSafe { file_name, suggestion, folder: true } => t(
                format!("byt namn på mappen \"{file_name}\" till {suggestion} (index.md behåller sitt namn), eller lägg till `slug: \"{suggestion}\"` i huvudet (bara a–z, 0–9 och bindestreck)"),
                format!("rename the folder \"{file_name}\" to {suggestion} (index.md keeps its name), or add `slug: \"{suggestion}\"` to the front matter (only a–z, 0–9 and hyphens)"),
            ),
            Problem::FileNameNotUrlSafe { suggestion, .. } => t(
                format!("byt namn på filen till {suggestion}.md, eller lägg till `slug: \"{suggestion}\"` i huvudet (bara a–z, 0–9 och bindestreck)"),
                format!("rename the file to {suggestion}.md, or add `slug: \"{suggestion}\"` to the front matter (only a–z, 0–9 and hyphens)"),
            ),
            Problem::ReservedSlug { .. } => t(
                "byt namn på filen, eller ge sidan en annan adress med `slug:` i huvudet".into(),
                "rename the file, or give the page another address with `slug:` in the front matter".into(),
            ),
            Problem::AliasNotAPath { suggestion: Some(suggestion), .. } => t(
                format!("skriv bara adressens väg på webbplatsen, med / först: \"{suggestion}\""),
                format!("write only the address's path on the site, starting with /: \"{suggestion}\""),
            ),
            Problem::AliasNotAPath { suggestion: None, .. } => t(
                "skriv adressens väg på webbplatsen med / först och sist, med bokstäverna a–z, siffror, - och _, till exempel /moten/2018-skane-gammal/".into(),
                "write the address's path on the site with / first and last, using the letters a–z, digits, - and _, for example /moten/2018-skane-old/".into(),
            ),
            Problem::AliasTaken { .. } => t(
                "ta bort adressen ur `aliases`: en adress kan bara leda till en sida".into(),
                "remove the address from `aliases`: an address can lead to one page only".into(),
            ),
            Problem::AliasIsOwnAddress { .. } => t(
                "kör samma samtal mv igen så flyttas filen klart, eller ta bort adressen ur `aliases` om filen ska stå kvar".into(),
                "run the same samtal mv again to finish the move, or remove the address from `aliases` if the file stays where it is".into(),
            ),
            Problem::RoundNotAnAddress { suggestion, .. } => t(
                format!("skriv omgången med bara a–z, 0–9 och bindestreck, till exempel `round: {suggestion}`"),
                format!("write the round with only a–z, 0–9 and hyphens, for example `round: {suggestion}`"),
            ),
            Problem::RoundNameKey { round, suggestion } => t(
                format!("skriv omgången med bara a–z, 0–9 och bindestreck och namnet efter kolonet, till exempel `{suggestion}: {round}`"),
                format!("write the round with only a–z, 0–9 and hyphens and the name after the colon, for example `{suggestion}: {round}`"),
            ),
            Problem::RoundWithoutMeetings { suggestion: Some(s), .. } => t(
                format!("menade du \"{s}\"?"),
                format!("did you mean \"{s}\"?"),
            ),
            Problem::RoundWithoutMeetings { suggestion: None, .. } => t(
                "skriv omgången som den står i mötenas `round:` (eller årtalet), eller ta bort raden".into(),
                "write the round as the meetings' `round:` has it (or the year), or remove the line".into(),
            ),
            Problem::MeetingTakesRoundAddress { round, .. } => t(
                format!("byt namn på filen så att den säger vem mötet var med, till exempel {round}-skane.md, eller ge mötet en egen adress med `slug:` i huvudet"),
                format!("rename the file so that it says who the meeting was with, for example {round}-skane.md, or give the meeting its own address with `slug:` in the front matter"),
            ),
            Problem::SlugNotUrlSafe { suggestion, .. } => t(
                format!("använd bara a–z, 0–9 och bindestreck, till exempel \"{suggestion}\""),
                format!("use only a–z, 0–9 and hyphens, for example \"{suggestion}\""),
            ),
            Problem::NameNotPortable { .. } => t(
                "byt namn, så att webbplatsen går att hämta och förhandsgranska även i Windows; undvik tecknen : * ? \" < > | \\ och namnen CON, PRN, AUX, NUL, COM0–COM9 och LPT0–LPT9".into(),
                "rename it, so that the site can be checked out and previewed on Windows too; avoid the characters : * ? \" < > | \\ and the names CON, PRN, AUX, NUL, COM0–COM9 and LPT0–LPT9".into(),
            ),
            Problem::SlugReservedOnWindows { slug, .. } => t(
                format!("välj en annan slug, till exempel \"{slug}-1\"; CON, PRN, AUX, NUL, COM0–COM9 och LPT0–LPT9 går inte att använda"),
                format!("choose another slug, for example \"{slug}-1\"; CON, PRN, AUX, NUL, COM0–COM9 and LPT0–LPT9 cannot be used"),
            ),
            Problem::NameClash { .. } => t(
                "byt namn på en av dem så att namnen skiljer sig i mer än stora och små bokstäver".into(),
                "rename one of them so that the names differ in more than upper and lower case".into(),
            ),
            Problem::UnknownLanguage { .. } => t("skriv sv eller en".into(), "write sv or en".into()),
            Problem::InvalidBaseUrl { .. } => t(
                "skriv / eller en adress som https://exempel.se/samtal/".into(),
                "write / or an address such as https://example.org/samtal/".into(),
            ),
            Problem::NotAWebAddress { .. } => t(
                "skriv hela adressen med https://, till exempel https://creativecommons.org/publicdomain/zero/1.0/".into(),
                "write the whole address with https://, for example https://creativecommons.org/publicdomain/zero/1.0/".into(),
            ),
            Problem::MissingLicense => t(
                "skriv licensen för de öppna data i site.yaml, till exempel license: https://creativecommons.org/publicdomain/zero/1.0/".into(),
                "write the open data's licence in site.yaml, for example license: https://creativecommons.org/publicdomain/zero/1.0/".into(),
            ),
            Problem::BaseUrlWithoutHost { .. } => t(
                "skriv webbplatsens hela adress i site.yaml, som base_url: https://exempel.se/samtal/, eller bygg med --base-url https://exempel.se/samtal/".into(),
                "write the site's full address in site.yaml, as base_url: https://example.org/samtal/, or build with --base-url https://example.org/samtal/".into(),
            ),
            Problem::UnknownSetting { allowed, suggestion, .. } => did_you_mean(suggestion).or_else(|| {
                let (list, or) = (allowed.join(", "), if sv { "eller" } else { "or" });
                let list = match list.rsplit_once(", ") {
                    Some((head, last)) => format!("{head} {or} {last}"),
                    None => list,
                };
                t(format!("skriv {list}"), format!("write {list}"))
            }),
            Problem::AccessibilityNoFeedback => t(
                "lägg till `feedback:` under `accessibility:` med `email:` (en e-postadress) eller `form:` (adressen till ett formulär) och `response_time:` (hur snart ni svarar)".into(),
                "add `feedback:` under `accessibility:` with `email:` (an e-mail address) or `form:` (the address of a form) and `response_time:` (how soon you answer)".into(),
            ),
            Problem::AccessibilityFeedbackNotABlock { value } => {
                let value = value.trim();
                let (sv_line, en_line) = if crate::model::accessibility::is_email(value) {
                    let mail = value.trim_start_matches("mailto:");
                    (format!("`email: {mail}`"), format!("`email: {mail}`"))
                } else if crate::model::accessibility::is_web_address(value)
                    && !crate::model::accessibility::is_home_page(value)
                {
                    (format!("`form: {value}`"), format!("`form: {value}`"))
                } else {
                    (
                        "`email:` med en e-postadress, eller `form:` med adressen till själva formuläret (inte en startsida)".into(),
                        "`email:` with an e-mail address, or `form:` with the address of the form itself (not a home page)".into(),
                    )
                };
                t(
                    format!("skriv på egna rader under `feedback:` {sv_line} och `response_time:` med hur snart ni svarar, till exempel `response_time: inom fem arbetsdagar`"),
                    format!("write on lines of their own under `feedback:` {en_line} and `response_time:` with how soon you answer, for example `response_time: within five working days`"),
                )
            }
            Problem::AccessibilityNoFeedbackChannel => t(
                "lägg till `email:` med en e-postadress, eller `form:` med adressen till formuläret, under `feedback:`".into(),
                "add `email:` with an e-mail address, or `form:` with the address of the form, under `feedback:`".into(),
            ),
            Problem::AccessibilityBadEmail { .. } => t(
                "skriv en e-postadress som webb@exempel.se".into(),
                "write an e-mail address such as web@example.org".into(),
            ),
            Problem::AccessibilityBadForm { .. } => t(
                "skriv hela adressen till formuläret, som https://exempel.se/kontakt/tillganglighet/".into(),
                "write the whole address of the form, such as https://example.org/contact/accessibility/".into(),
            ),
            Problem::AccessibilityFormIsHomePage { .. } => t(
                "skriv adressen till själva formuläret för att rapportera brister, eller ta bort `form:` och skriv en e-postadress i `email:`".into(),
                "write the address of the form for reporting problems itself, or remove `form:` and give an e-mail address in `email:`".into(),
            ),
            Problem::AccessibilityNoResponseTime => t(
                "lägg till `response_time:` under `feedback:`, till exempel `response_time: inom fem arbetsdagar`".into(),
                "add `response_time:` under `feedback:`, for example `response_time: within five working days`".into(),
            ),
            Problem::AccessibilityFeedbackExampleAddress { form: false, .. } => t(
                "skriv myndighetens riktiga e-postadress för tillgänglighetsfrågor i `email:` innan webbplatsen publiceras, eller adressen till ert formulär i `form:`".into(),
                "write the public body's real e-mail address for accessibility questions in `email:` before the site is published, or the address of your form in `form:`".into(),
            ),
            Problem::AccessibilityFeedbackExampleAddress { form: true, .. } => t(
                "skriv adressen till myndighetens riktiga formulär i `form:` innan webbplatsen publiceras, eller en riktig e-postadress i `email:`".into(),
                "write the address of the public body's real form in `form:` before the site is published, or a real e-mail address in `email:`".into(),
            ),
            Problem::AccessibilityResponseTimeUnknown { .. } => t(
                "skriv hur snart ni svarar i `response_time:`, till exempel `response_time: inom fem arbetsdagar`; fråga den som tar emot synpunkterna".into(),
                "write how soon you answer in `response_time:`, for example `response_time: within five working days`; ask whoever receives the reports".into(),
            ),
            Problem::AccessibilityNoPublisher => t(
                "lägg till `publisher:` i site.yaml med myndighetens namn".into(),
                "add `publisher:` to site.yaml with the public body's name".into(),
            ),
            Problem::AccessibilityNoProblemsListed => t(
                "lista varje brist under `problems:` med `content:` (vad) och `reason:` (varför), eller skriv `status: helt`".into(),
                "list each problem under `problems:` with `content:` (what) and `reason:` (why), or write `status: helt`".into(),
            ),
            Problem::AccessibilityAssessmentOld { .. } => t(
                "granska webbplatsen igen och skriv det nya datumet i `assessed:` (och `updated:`)".into(),
                "assess the site again and write the new date in `assessed:` (and `updated:`)".into(),
            ),
            Problem::InvalidCmsRepo { .. } => t(
                "skriv förrådets ägare och namn med snedstreck emellan, som i adressen: tillvaxtverket/samtal".into(),
                "write the repository's owner and name with a slash between, as in its address: tillvaxtverket/samtal"
                    .into(),
            ),
            Problem::VisualThemeMissing { .. } => t(
                "skriv theme: default, eller skapa mappen themes/<namn>/".into(),
                "write theme: default, or create the folder themes/<name>/".into(),
            ),
            Problem::DuplicateRegistrySlug { .. } => t(
                "varje slug får bara finnas en gång".into(),
                "each slug may appear only once".into(),
            ),
            Problem::GroupingUnknownCounty { suggestion, .. } => did_you_mean(suggestion),
            Problem::BrokenLink { suggestion, .. } => did_you_mean(suggestion),
            Problem::MissingImage { .. } => t(
                "lägg bilden i static/ och länka till den med /bildens-namn.png".into(),
                "put the image in static/ and link to it as /image-name.png".into(),
            ),
            Problem::PictureUnreadable { damaged: false } => t(
                "öppna bilden och spara den som JPEG (foton) eller PNG (diagram, skärmbilder), och lägg in den igen".into(),
                "open the picture, save it as JPEG (photos) or PNG (diagrams, screenshots), and put it back".into(),
            ),
            Problem::SvgUnsafe { risk: SvgRisk::Unreadable } => t(
                "spara eller exportera bilden på nytt som SVG från ritprogrammet, eller som PNG".into(),
                "save or export the picture again as SVG from the drawing program, or as PNG".into(),
            ),
            Problem::SvgUnsafe { .. } => t(
                "spara om bilden utan skript: i Inkscape Arkiv → Spara som → Optimerad SVG, i Illustrator Exportera → SVG; eller spara den som PNG".into(),
                "save the picture again without scripts: in Inkscape File → Save As → Optimized SVG, in Illustrator Export → SVG; or save it as PNG".into(),
            ),
            Problem::PictureFormatNotPublishable { .. } => t(
                "öppna bilden och spara eller exportera den som JPEG, och lägg in den i stället (på iPhone: Inställningar → Kamera → Format → Mest kompatibelt)".into(),
                "open the picture and save or export it as JPEG, and put that in instead (on an iPhone: Settings → Camera → Formats → Most Compatible)".into(),
            ),
            Problem::PictureUnreadable { damaged: true } => t(
                "spara eller exportera bilden på nytt från originalet och lägg in den igen".into(),
                "save or export the picture again from the original and put it back".into(),
            ),
            Problem::PictureTooLarge { .. } => t(
                "förminska den till högst 3000 bildpunkter på bredden innan du lägger in den; sidorna visar den aldrig bredare än 1600 bildpunkter".into(),
                "scale it down to at most 3000 pixels wide before you add it; pages never show it wider than 1600 pixels".into(),
            ),
            Problem::MapDataUnusable => t(
                "filen ska vara en GeoJSON FeatureCollection med egenskapen iso_3166_2 per län".into(),
                "the file must be a GeoJSON FeatureCollection with an iso_3166_2 property per county".into(),
            ),
            Problem::ControlCharacter { .. } => t(
                "sådana tecken följer ofta med text som klistrats in från Word eller en webbsida; skriv om stället för hand eller klistra in som oformaterad text".into(),
                "such characters often come with text pasted from Word or a web page; retype the place or paste as plain text".into(),
            ),
            Problem::MissingSummary => t(
                "lägg till `summary:` med en eller två meningar för listor och flöden".into(),
                "add `summary:` with one or two sentences for lists and feeds".into(),
            ),
            Problem::MissingOutcomes => t(
                "lägg till `outcomes:` med det som kom fram, en punkt per resultat".into(),
                "add `outcomes:` listing what was concluded".into(),
            ),
            Problem::OverdueFollowUp { status, .. } if *status == "ongoing" => t(
                "ändra status till done om åtgärden är klar, annars flytta fram `due`".into(),
                "change the status to done if the action is finished, else move `due`".into(),
            ),
            Problem::OverdueFollowUp { .. } => t(
                "uppdatera status till ongoing eller done, eller flytta fram `due`".into(),
                "update the status to ongoing or done, or move `due`".into(),
            ),
            _ => None,
        }
    }
}

/// What an author would call a control character, in Swedish and English.
fn control_character_name(c: char) -> (&'static str, &'static str) {
    match c {
        '\u{b}' => ("en mjuk radbrytning från Word", "a soft line break from Word"),
        '\u{c}' => ("en sidbrytning", "a page break"),
        '\0' => ("ett nolltecken", "a null character"),
        '\u{1b}' => ("ett escape-tecken", "an escape character"),
        '\u{fffe}' | '\u{ffff}' => ("ett otillåtet tecken", "a non-character"),
        _ => ("ett styrtecken", "a control character"),
    }
}
