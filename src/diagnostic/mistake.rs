//! The slips of everyday authoring that YAML and Markdown accept but that would publish
//! something else than the author meant, and the site-level ones (missing files, the wrong
//! folder, copies): each with its sv/en message and hint.

use crate::i18n::Lang;

/// How an image's path fails to reach the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImagePath {
    /// `bilder/karta.png`: relative to the meeting, which the site does not know.
    Relative,
    /// `C:\Users\…` or `file:…`: a file on the author's own computer.
    OnComputer,
}

/// Where an attachment's `file:` was looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttachmentPlace {
    /// In the meeting's bundle folder (a name without `/` first).
    Bundle,
    /// In `static/` (a path with `/` first).
    Static,
    /// A name without `/` first, in a meeting that is not a bundle: there is no folder to
    /// look in.
    NotABundle,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mistake {
    /// `participants: Anna, Bo`: one text with commas where a list is expected.
    CommaList {
        field: String,
        list: String,
    },
    /// The same value twice in one list.
    Repeated {
        field: String,
        value: String,
        first_line: usize,
    },
    /// A date before 2000 or more than a year ahead.
    UnlikelyDate {
        field: String,
        value: String,
        future: bool,
    },
    /// A follow-up due before the meeting it came from.
    DueBeforeMeeting {
        action: String,
        due: String,
        date: String,
    },
    /// A whole value in “…”: the quotes are published.
    SmartQuoted {
        field: String,
    },
    /// Word's HTML in a body, shown as text.
    WordHtml {
        tag: String,
    },
    /// Lines of cells separated by tabs: a table pasted from Excel.
    ExcelPaste {
        lines: usize,
    },
    /// An image without alternative text (WCAG 1.1.1).
    ImageWithoutAlt {
        url: String,
    },
    ImagePath {
        url: String,
        kind: ImagePath,
    },
    /// A heading in a body one level or more below the heading before it (WCAG 1.3.1): `###`
    /// as a body's first heading (the page's title is its only heading above), or `####`
    /// under `##`. `written` is how it is marked (`###`, `<h4>`), `fix` the mark it needs.
    HeadingSkipped {
        text: String,
        written: String,
        /// How the heading before it is marked; `None`: the page's title.
        after: Option<String>,
        fix: String,
    },
    /// A link whose whole text says nothing of where it leads ("klicka här", "läs mer")
    /// (WCAG 2.4.4).
    VagueLinkText {
        text: String,
    },
    /// An HTML table in a body whose first row has no header cell (`<th>`) (WCAG 1.3.1).
    TableWithoutHeader,
    /// Colour or font written by hand in a body's HTML (`style="color: …"`, `<font>`), which
    /// overrides the theme's colours in both schemes (WCAG 1.4.3). `written` is the first.
    HandWrittenStyle {
        written: String,
    },
    /// A required site file that is missing or empty.
    SiteFileMissing {
        file: &'static str,
        empty: bool,
    },
    /// The command ran outside a site; `site_above` is the site folder it is in, if any.
    NotASite {
        folder: String,
        site_above: Option<String>,
    },
    /// `möte - Kopia.md` beside `möte.md`.
    CopyOf {
        original: String,
    },
    /// A Word file, PDF or image among the meetings.
    AttachmentInMeetings {
        extension: String,
    },
    /// A file in content/pages/ that is not Markdown (a PDF, a picture): a page it cannot be,
    /// and it would otherwise be left out without a word.
    FileAmongPages {
        extension: String,
    },
    /// A file or folder directly in content/ that samtal does not read (a warning: it would
    /// otherwise be left out without a word).
    NotRead {
        folder: bool,
    },
    /// The hidden file a `samtal mv` writes a moved file's new text into
    /// (`model::layout::move_temporary`), left by a move interrupted before it used it (a
    /// warning: nothing was moved, and nothing reads the file).
    InterruptedMove,
    /// A field of follow-up number `item` (1-based) is missing.
    FollowUpMissing {
        field: &'static str,
        item: usize,
    },
    /// The file is saved as UTF-16 ("Unicode" in Notepad).
    Utf16,
    /// `attachments:` names a file that is not where it is looked for.
    AttachmentMissing {
        file: String,
        suggestion: Option<String>,
        place: AttachmentPlace,
    },
    /// `attachments:` names a file outside the meeting's folder (`../`, `C:\…`) or, with
    /// `web`, a web address: neither is published with the meeting.
    AttachmentOutside {
        file: String,
        web: bool,
    },
    /// `attachments: [a.pdf, b.pptx]`: an attachment written as a bare file name, where a
    /// `title`/`file` pair belongs.
    AttachmentJustAName {
        file: String,
    },
    /// A meeting folder with its files whose text (`file_name`) was not renamed to `index.md`.
    NotNamedIndex {
        file_name: String,
    },
    /// A file among the meetings with neither `date:` nor `regions:`: a free page, in the
    /// wrong folder.
    PageAmongMeetings,
    /// A file among the free pages with a meeting's `date:` and `regions:`.
    MeetingAmongPages,
    /// `status: done` at the left margin below a follow-up: a key of the list's items written
    /// as a top-level field (the line is not indented).
    BelongsUnder {
        key: String,
        parent: &'static str,
    },
    /// An attachment without `title:`: its link would be the bare file name.
    AttachmentWithoutTitle {
        file: String,
    },
    /// `email:` that is not an e-mail address; `suggestion` is the one it likely meant.
    InvalidEmail {
        value: String,
        suggestion: Option<String>,
    },
    /// `phone:` with letters in it: the number would not dial.
    PhoneWithLetters {
        value: String,
    },
    /// `[Bilaga 1](Bilaga 1.pdf)`: a space in a link's or picture's target makes Markdown
    /// publish the whole as text. `written` is the link as written, `label` its text,
    /// `renamed` the target with a file name that has no spaces.
    SpaceInTarget {
        written: String,
        label: String,
        target: String,
        renamed: String,
        image: bool,
    },
    /// `updated:` before the meeting's `date:`: the page would say it was updated before the
    /// meeting was held.
    UpdatedBeforeDate {
        updated: String,
        date: String,
    },
}

impl Mistake {
    pub fn message(&self, lang: Lang) -> String {
        let sv = lang == Lang::Sv;
        let t = |s: String, e: String| if sv { s } else { e };
        match self {
            Mistake::CommaList { field, list } => t(
                format!("`{field}` är en enda text med komman, \"{list}\", inte en lista"),
                format!("`{field}` is one text with commas, \"{list}\", not a list"),
            ),
            Mistake::Repeated { field, value, first_line } => t(
                format!("\"{value}\" står två gånger i `{field}` (först på rad {first_line})"),
                format!("\"{value}\" appears twice in `{field}` (first on line {first_line})"),
            ),
            Mistake::UnlikelyDate { field, value, future: true } => t(
                format!("`{field}`: {value} ligger långt fram i tiden"),
                format!("`{field}`: {value} is far in the future"),
            ),
            Mistake::UnlikelyDate { field, value, future: false } => {
                t(format!("`{field}`: {value} ligger före år 2000"), format!("`{field}`: {value} is before 2000"))
            }
            Mistake::DueBeforeMeeting { action, due, date } => t(
                format!("åtgärden \"{action}\" ska vara klar {due}, före mötet den {date}"),
                format!("the action \"{action}\" is due {due}, before the meeting on {date}"),
            ),
            Mistake::SmartQuoted { field } => t(
                format!("`{field}` står inom typografiska citattecken “…”, som kommer med på webbplatsen"),
                format!("`{field}` is in typographic quotes “…”, which are published with it"),
            ),
            Mistake::WordHtml { tag } => t(
                format!("HTML-kod från Word ({tag}) visas som text på sidan"),
                format!("HTML code from Word ({tag}) is shown as text on the page"),
            ),
            Mistake::ExcelPaste { lines } => t(
                format!(
                    "{lines} rader med tabbar mellan cellerna, som en tabell inklistrad från Excel, visas som löptext"
                ),
                format!(
                    "{lines} lines with tabs between cells, like a table pasted from Excel, are shown as running text"
                ),
            ),
            Mistake::ImageWithoutAlt { url } => t(
                format!("bilden {url} saknar alternativtext, så den som inte ser bilden får inte veta vad den visar"),
                format!(
                    "the image {url} has no alternative text, so a reader who cannot see it is not told what it shows"
                ),
            ),
            Mistake::ImagePath { url, kind: ImagePath::Relative } => t(
                format!("bilden \"{url}\" anges utan / först, så den hittas inte på webbplatsen"),
                format!("the image \"{url}\" has no leading /, so the site cannot find it"),
            ),
            Mistake::ImagePath { url, kind: ImagePath::OnComputer } => t(
                format!("bilden \"{url}\" ligger på din dator och följer inte med till webbplatsen"),
                format!("the image \"{url}\" is on your computer and does not go with the site"),
            ),
            Mistake::HeadingSkipped { text, written, after: None, .. } => t(
                format!(
                    "rubriken \"{text}\" är skriven med {written} men är textens första rubrik, så den hoppar över en rubriknivå under sidans titel; den som läser med skärmläsare tror att något saknas"
                ),
                format!(
                    "the heading \"{text}\" is written with {written} but is the text's first heading, so it skips a heading level below the page's title; a screen reader user is led to think something is missing"
                ),
            ),
            Mistake::HeadingSkipped { text, written, after: Some(after), .. } => t(
                format!(
                    "rubriken \"{text}\" är skriven med {written} direkt under en rubrik med {after}, så den hoppar över en rubriknivå; den som läser med skärmläsare tror att något saknas"
                ),
                format!(
                    "the heading \"{text}\" is written with {written} right below a heading with {after}, so it skips a heading level; a screen reader user is led to think something is missing"
                ),
            ),
            Mistake::VagueLinkText { text } => t(
                format!(
                    "länktexten \"{text}\" säger inte vart länken leder, och den som läser med skärmläsare hör ofta bara sidans länktexter, utan texten runt dem"
                ),
                format!(
                    "the link text \"{text}\" does not say where the link leads, and a screen reader user often hears only the page's link texts, without the text around them"
                ),
            ),
            Mistake::TableWithoutHeader => t(
                "tabellen har ingen rubrikrad (<th>), så den som läser med skärmläsare får inte veta vad kolumnerna innehåller".into(),
                "the table has no header row (<th>), so a screen reader user is not told what its columns hold".into(),
            ),
            Mistake::HandWrittenStyle { written } => t(
                format!(
                    "texten har färg eller typsnitt skrivet för hand ({written}), som inte följer webbplatsens färger i ljust och mörkt läge och kan bli svår att läsa"
                ),
                format!(
                    "the text sets colour or font by hand ({written}), which does not follow the site's colours in light and dark mode and may be hard to read"
                ),
            ),
            Mistake::SiteFileMissing { file, empty: false } => t(
                format!("{file} saknas, men varje webbplats behöver den"),
                format!("{file} is missing, but every site needs it"),
            ),
            Mistake::SiteFileMissing { file, empty: true } => t(
                format!("{file} är tom, men varje webbplats behöver den"),
                format!("{file} is empty, but every site needs it"),
            ),
            Mistake::NotASite { folder, .. } => t(
                format!("mappen {folder} är ingen samtal-webbplats (där finns ingen site.yaml)"),
                format!("the folder {folder} is not a samtal site (it has no site.yaml)"),
            ),
            Mistake::CopyOf { original } => t(
                format!("filen ser ut att vara en kopia av {original}, så den publiceras inte"),
                format!("the file looks like a copy of {original}, so it is not published"),
            ),
            Mistake::AttachmentInMeetings { extension } => t(
                format!("en .{extension}-fil kan inte vara ett möte; mötena är textfiler som slutar på .md"),
                format!("a .{extension} file cannot be a meeting; meetings are text files ending in .md"),
            ),
            Mistake::FileAmongPages { extension } if extension.is_empty() => t(
                "en fil utan .md på slutet kan inte vara en sida, så den här publiceras inte".into(),
                "a file not ending in .md cannot be a page, so this one is not published".into(),
            ),
            Mistake::FileAmongPages { extension } => t(
                format!(
                    "en .{extension}-fil kan inte vara en sida; sidorna är textfiler som slutar på .md, så den här publiceras inte"
                ),
                format!(
                    "a .{extension} file cannot be a page; pages are text files ending in .md, so this one is not published"
                ),
            ),
            Mistake::NotRead { folder: true } => t(
                "samtal läser inte den här mappen, så inget i den publiceras".into(),
                "samtal does not read this folder, so nothing in it is published".into(),
            ),
            Mistake::NotRead { folder: false } => t(
                "samtal läser inte den här filen, så den publiceras inte".into(),
                "samtal does not read this file, so it is not published".into(),
            ),
            Mistake::InterruptedMove => t(
                "en flytt med samtal mv avbröts här innan något flyttades; filen är en halvfärdig kopia som inte publiceras".into(),
                "a move with samtal mv was interrupted here before anything moved; the file is an unfinished copy that is not published".into(),
            ),
            Mistake::FollowUpMissing { field, item } => t(
                format!("punkt {item} under `follow_ups` saknar `{field}`"),
                format!("item {item} under `follow_ups` has no `{field}`"),
            ),
            Mistake::Utf16 => t(
                "filen är sparad som UTF-16 (\"Unicode\"), inte som UTF-8".into(),
                "the file is saved as UTF-16 (\"Unicode\"), not as UTF-8".into(),
            ),
            Mistake::AttachmentMissing { file, place: AttachmentPlace::Bundle, .. } => t(
                format!("bilagan \"{file}\" finns inte i mötets mapp"),
                format!("the attachment \"{file}\" is not in the meeting's folder"),
            ),
            Mistake::AttachmentMissing { file, place: AttachmentPlace::Static, .. } => t(
                format!("bilagan \"{file}\" finns inte i static/"),
                format!("the attachment \"{file}\" is not in static/"),
            ),
            Mistake::AttachmentMissing { file, place: AttachmentPlace::NotABundle, .. } => t(
                format!("bilagan \"{file}\" hittas inte: mötet har ingen egen mapp att leta i"),
                format!("the attachment \"{file}\" cannot be found: the meeting has no folder of its own to look in"),
            ),
            Mistake::AttachmentOutside { file, web: false } => t(
                format!("bilagan \"{file}\" ligger utanför mötets mapp, så den följer inte med till webbplatsen"),
                format!("the attachment \"{file}\" is outside the meeting's folder, so it does not go with the site"),
            ),
            Mistake::AttachmentOutside { file, web: true } => t(
                format!("bilagan \"{file}\" är en webbadress, inte en fil som publiceras med mötet"),
                format!("the attachment \"{file}\" is a web address, not a file published with the meeting"),
            ),
            Mistake::AttachmentJustAName { file } => t(
                format!(
                    "bilagan \"{file}\" är skriven som bara ett filnamn, men varje bilaga skrivs med en rubrik (`title`) och filen (`file`)"
                ),
                format!(
                    "the attachment \"{file}\" is written as a file name only, but each attachment is written with a title (`title`) and the file (`file`)"
                ),
            ),
            Mistake::NotNamedIndex { file_name } => t(
                format!(
                    "mötets text i en egen mapp ska heta index.md, men heter {file_name}, så filerna bredvid den hör inte till mötet"
                ),
                format!(
                    "a meeting's text in a folder of its own must be called index.md, but is called {file_name}, so the files beside it do not belong to the meeting"
                ),
            ),
            Mistake::PageAmongMeetings => t(
                "filen har varken `date` eller `regions`, så den ser ut som en fri sida, men den ligger bland mötena"
                    .into(),
                "the file has neither `date` nor `regions`, so it looks like a free page, but it is among the meetings"
                    .into(),
            ),
            Mistake::MeetingAmongPages => t(
                "filen har `date` och `regions` som ett möte, men den ligger bland de fria sidorna".into(),
                "the file has `date` and `regions` like a meeting, but it is among the free pages".into(),
            ),
            Mistake::BelongsUnder { key, parent } => t(
                format!("fältet `{key}` hör till en punkt under `{parent}`, men står längst till vänster"),
                format!("the field `{key}` belongs to an item under `{parent}`, but starts at the left margin"),
            ),
            Mistake::AttachmentWithoutTitle { file } => t(
                format!("bilagan \"{file}\" saknar `title`, så länken blir bara filnamnet"),
                format!("the attachment \"{file}\" has no `title`, so its link is only the file name"),
            ),
            Mistake::InvalidEmail { value, .. } => t(
                format!("\"{value}\" är ingen giltig e-postadress"),
                format!("\"{value}\" is not a valid e-mail address"),
            ),
            Mistake::PhoneWithLetters { value } => t(
                format!("telefonnumret \"{value}\" innehåller bokstäver, så det går inte att ringa från sidan"),
                format!("the phone number \"{value}\" has letters in it, so it cannot be called from the page"),
            ),
            Mistake::SpaceInTarget { written, image: false, .. } => t(
                format!(
                    "länken {written} har mellanslag i adressen, så den blir ingen länk: texten visas som den är skriven"
                ),
                format!("the link {written} has spaces in its address, so it is no link: the text is shown as written"),
            ),
            Mistake::SpaceInTarget { written, image: true, .. } => t(
                format!("bilden {written} har mellanslag i namnet, så den visas inte: texten visas som den är skriven"),
                format!("the image {written} has spaces in its name, so it is not shown: the text is shown as written"),
            ),
            Mistake::UpdatedBeforeDate { updated, date } => t(
                format!(
                    "`updated`: {updated} ligger före mötets datum {date}, så sidan säger att mötet uppdaterades innan det hölls"
                ),
                format!(
                    "`updated`: {updated} is before the meeting's date {date}, so the page says it was updated before it was held"
                ),
            ),
        }
    }

    pub fn hint(&self, lang: Lang) -> Option<String> {
        let sv = lang == Lang::Sv;
        let t = |s: String, e: String| Some(if sv { s } else { e });
        match self {
            Mistake::CommaList { field, list } => {
                let items: Vec<&str> = list.split(',').map(str::trim).filter(|s| !s.is_empty()).collect();
                let fixed = format!("{field}: [{}]", items.join(", "));
                t(format!("skriv en lista inom hakparenteser: `{fixed}`"), format!("write a list in brackets: `{fixed}`"))
            }
            Mistake::Repeated { .. } => t("ta bort den ena".into(), "remove one of them".into()),
            Mistake::UnlikelyDate { .. } => t(
                "kontrollera årtalet; skriv datumet som 2018-05-16".into(),
                "check the year; write the date as 2018-05-16".into(),
            ),
            Mistake::DueBeforeMeeting { .. } => t(
                "kontrollera `due` och mötets `date`; en åtgärd från mötet blir klar efter det".into(),
                "check `due` and the meeting's `date`; an action from the meeting is due after it".into(),
            ),
            Mistake::SmartQuoted { .. } => t(
                "ta bort citattecknen, eller skriv raka citattecken \"…\" (de kommer inte med)".into(),
                "remove the quotes, or write straight quotes \"…\" (they are not published)".into(),
            ),
            Mistake::WordHtml { .. } => t(
                "klistra in som oformaterad text (Ctrl+Skift+V, på Mac Cmd+Alt+Skift+V) och ta bort koden".into(),
                "paste as plain text (Ctrl+Shift+V, on a Mac Cmd+Option+Shift+V) and remove the code".into(),
            ),
            Mistake::ExcelPaste { .. } => t(
                "skriv en tabell med lodstreck: `| Län | Antal |`, sedan `|---|---|`, sedan en rad per rad i tabellen".into(),
                "write a table with pipes: `| County | Count |`, then `|---|---|`, then one line per row".into(),
            ),
            Mistake::ImageWithoutAlt { url } => t(
                format!("skriv vad bilden visar mellan hakparenteserna: `![Karta över länet]({url})`"),
                format!("write what the image shows between the brackets: `![Map of the county]({url})`"),
            ),
            Mistake::ImagePath { url, kind } => {
                let name = match kind {
                    ImagePath::Relative => url.trim_start_matches("./").trim_start_matches("../"),
                    ImagePath::OnComputer => url.rsplit(['/', '\\']).next().unwrap_or(url),
                };
                t(
                    format!("lägg bilden i mappen static/ och skriv sökvägen från roten: `/{name}`"),
                    format!("put the image in the static/ folder and write its path from the root: `/{name}`"),
                )
            }
            Mistake::HeadingSkipped { text, fix, .. } => {
                let fixed = match fix.strip_prefix('<') {
                    Some(tag) => format!("{fix}{text}</{tag}"),
                    None => format!("{fix} {text}"),
                };
                t(
                    format!(
                        "skriv rubriken med {fix}: `{fixed}` (textens första rubrik har ##, en rubrik under den ###)"
                    ),
                    format!(
                        "write the heading with {fix}: `{fixed}` (the text's first heading has ##, a heading below it ###)"
                    ),
                )
            }
            Mistake::VagueLinkText { text } => t(
                format!(
                    "skriv vad länken leder till som länktext, till exempel `[Protokoll från mötet](…)` i stället för `[{text}](…)`"
                ),
                format!(
                    "write what the link leads to as its text, for example `[Minutes of the meeting](…)` instead of `[{text}](…)`"
                ),
            ),
            Mistake::TableWithoutHeader => t(
                "skriv tabellens första rad med <th> i stället för <td>, eller skriv tabellen med lodstreck (`| Län | Antal |`, sedan `|---|---|`), som alltid får en rubrikrad".into(),
                "write the table's first row with <th> instead of <td>, or write the table with pipes (`| County | Count |`, then `|---|---|`), which always has a header row".into(),
            ),
            Mistake::HandWrittenStyle { .. } => t(
                "ta bort färgen eller typsnittet; webbplatsen väljer färger med tillräcklig kontrast, och vill du framhäva något skriver du **fetstil**".into(),
                "remove the colour or font; the site chooses colours of sufficient contrast, and to stress something write **bold**".into(),
            ),
            Mistake::SiteFileMissing { file, .. } => t(
                format!("skapa {file} (`samtal new site MAPP` skapar en webbplats med alla filer att utgå från)"),
                format!("create {file} (`samtal new site DIR` creates a site with every file to start from)"),
            ),
            Mistake::NotASite { site_above: Some(site), .. } => t(
                format!("kör kommandot i webbplatsens mapp: `cd {site}`, eller ange den med `--root {site}`"),
                format!("run the command in the site folder: `cd {site}`, or name it with `--root {site}`"),
            ),
            Mistake::NotASite { site_above: None, .. } => t(
                "gå till webbplatsens mapp (den med site.yaml) med `cd`, eller ange den med --root; `samtal new site MAPP` skapar en ny".into(),
                "go to the site folder (the one with site.yaml) with `cd`, or name it with --root; `samtal new site DIR` creates one".into(),
            ),
            Mistake::CopyOf { .. } => t(
                "ta bort kopian; är den ett eget möte, ge den ett eget namn (a–z, 0–9 och bindestreck)".into(),
                "delete the copy; if it is a meeting of its own, give it a name of its own (a–z, 0–9 and hyphens)".into(),
            ),
            Mistake::AttachmentInMeetings { .. } => t(
                "gör mötet till en mapp (content/meetings/<namn>/index.md) och lägg filen bredvid index.md, eller lägg filen i static/ och länka till den, till exempel `[Protokollet](/protokoll.pdf)`".into(),
                "make the meeting a folder (content/meetings/<name>/index.md) and put the file beside index.md, or put the file in static/ and link to it, for example `[Minutes](/minutes.pdf)`".into(),
            ),
            Mistake::FileAmongPages { .. } => t(
                "lägg filen i static/ och länka till den från sidans text, till exempel `[Rapporten](/rapport.pdf)` för static/rapport.pdf".into(),
                "put the file in static/ and link to it from the page's text, for example `[The report](/report.pdf)` for static/report.pdf".into(),
            ),
            Mistake::InterruptedMove => t(
                "kör samma samtal mv igen så flyttas filen, eller ta bort den här filen".into(),
                "run the same samtal mv again to move the file, or delete this file".into(),
            ),
            Mistake::NotRead { .. } => t(
                "möten hör hemma i content/meetings/, fria sidor i content/pages/, bilder och andra filer i static/".into(),
                "meetings belong in content/meetings/, free pages in content/pages/, images and other files in static/".into(),
            ),
            Mistake::FollowUpMissing { field: "status", item } => t(
                format!("lägg till `status: planned`, `status: ongoing` eller `status: done` under follow_ups, punkt {item}"),
                format!("add `status: planned`, `status: ongoing` or `status: done` under follow_ups, item {item}"),
            ),
            Mistake::FollowUpMissing { field, item } => t(
                format!("lägg till `{field}: …` under follow_ups, punkt {item}"),
                format!("add `{field}: …` under follow_ups, item {item}"),
            ),
            Mistake::Utf16 => t(
                "spara filen som UTF-8 (Spara som → Kodning: UTF-8)".into(),
                "save the file as UTF-8 (Save as → Encoding: UTF-8)".into(),
            ),
            Mistake::AttachmentMissing { suggestion: Some(s), .. } => {
                t(format!("menade du \"{s}\"?"), format!("did you mean \"{s}\"?"))
            }
            Mistake::AttachmentMissing { place: AttachmentPlace::Bundle, .. } => t(
                "lägg filen i mötets mapp, bredvid index.md, och skriv dess namn precis som det står där".into(),
                "put the file in the meeting's folder, beside index.md, and write its name exactly as it is there".into(),
            ),
            Mistake::AttachmentMissing { place: AttachmentPlace::Static, .. } => t(
                "en väg med / först räknas från static/: /filer/protokoll.pdf är static/filer/protokoll.pdf".into(),
                "a path with / first starts at static/: /filer/minutes.pdf is static/filer/minutes.pdf".into(),
            ),
            Mistake::AttachmentMissing { place: AttachmentPlace::NotABundle, .. } => t(
                "lägg filen i static/filer/ och skriv /filer/namn.pdf, eller gör mötet till en mapp: content/meetings/<namn>/index.md med filen bredvid".into(),
                "put the file in static/filer/ and write /filer/name.pdf, or make the meeting a folder: content/meetings/<name>/index.md with the file beside it".into(),
            ),
            Mistake::AttachmentOutside { web: false, file } => {
                let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
                t(
                    format!("lägg filen i mötets mapp och skriv bara dess namn, `file: {name}`, eller lägg den i static/filer/ och skriv `file: /filer/{name}`"),
                    format!("put the file in the meeting's folder and write only its name, `file: {name}`, or put it in static/filer/ and write `file: /filer/{name}`"),
                )
            }
            Mistake::AttachmentOutside { web: true, file } => t(
                format!("länka till den i mötets text: `[Rubrik]({file})`; under `attachments` står filer som publiceras med mötet"),
                format!("link to it in the meeting's text: `[Title]({file})`; `attachments` lists files published with the meeting"),
            ),
            Mistake::AttachmentJustAName { file } => t(
                format!("skriv en punkt per bilaga under `attachments:`, med rubriken och filen: `- title: \"Protokoll\"` och på raden under, rakt under title, `file: {file}`; på en rad: `- {{ title: \"Protokoll\", file: {file} }}`"),
                format!("write one item per attachment under `attachments:`, with its title and file: `- title: \"Minutes\"` and on the line below, right under title, `file: {file}`; on one line: `- {{ title: \"Minutes\", file: {file} }}`"),
            ),
            Mistake::NotNamedIndex { file_name } => t(
                format!("byt namn på {file_name} till index.md (mappens namn blir mötets adress)"),
                format!("rename {file_name} to index.md (the folder's name becomes the meeting's address)"),
            ),
            Mistake::PageAmongMeetings => t(
                "flytta filen till content/pages/, där fria sidor som \"Om dialogerna\" ligger; är den ett möte, lägg till `date:` och `regions:`".into(),
                "move the file to content/pages/, where free pages such as \"About\" belong; if it is a meeting, add `date:` and `regions:`".into(),
            ),
            Mistake::MeetingAmongPages => t(
                "flytta filen till content/meetings/ (gärna i en årsmapp, content/meetings/2019/), där mötena ligger".into(),
                "move the file to content/meetings/ (in a year folder if you like, content/meetings/2019/), where the meetings belong".into(),
            ),
            Mistake::BelongsUnder { .. } => t(
                "dra in raden så att den står rakt under fälten i punkten ovanför (under ordet efter `- `)".into(),
                "indent the line so that it lines up with the fields of the item above (under the word after `- `)".into(),
            ),
            Mistake::AttachmentWithoutTitle { .. } => t(
                "skriv vad filen är, till exempel `title: \"Protokoll\"`; en skärmläsare läser upp länktexten".into(),
                "write what the file is, for example `title: \"Minutes\"`; a screen reader reads the link text aloud".into(),
            ),
            Mistake::InvalidEmail { suggestion: Some(s), .. } => {
                t(format!("skriv `email: {s}`"), format!("write `email: {s}`"))
            }
            Mistake::InvalidEmail { suggestion: None, .. } => t(
                "skriv adressen som namn@domän.se, utan mailto: och utan mellanslag".into(),
                "write the address as name@domain.se, without mailto: and without spaces".into(),
            ),
            Mistake::PhoneWithLetters { .. } => t(
                "skriv bara numret, till exempel `phone: \"08-681 91 00\"`; en roll eller tider skrivs i `role`".into(),
                "write only the number, for example `phone: \"08-681 91 00\"`; a role or hours go in `role`".into(),
            ),
            Mistake::SpaceInTarget { label, target, renamed, image, .. } => {
                let bang = if *image { "!" } else { "" };
                t(
                    format!("byt namn på filen till {renamed} och skriv `{bang}[{label}]({renamed})`, eller sätt namnet inom vinkelparenteser: `{bang}[{label}](<{target}>)`"),
                    format!("rename the file to {renamed} and write `{bang}[{label}]({renamed})`, or put the name in angle brackets: `{bang}[{label}](<{target}>)`"),
                )
            }
            Mistake::UpdatedBeforeDate { .. } => t(
                "kontrollera årtalet: `updated` är dagen då uppgifterna om mötet senast ändrades, efter mötet; stämmer det inte, ta bort raden".into(),
                "check the year: `updated` is the day the meeting's record last changed, after the meeting; if it is not, remove the line".into(),
            ),
        }
    }
}
