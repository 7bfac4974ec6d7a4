//! The command line's own words, in Swedish and English: the lines that end a build, a
//! check, a preview's events and `samtal new`, and the messages of `samtal new`'s errors.
//! (Errors of the library have theirs in `samtal::messages`, an author's problems in
//! `samtal::diagnostic`, the site's texts in `samtal::i18n`.)

use super::mv::MvError;
use super::scaffold::ScaffoldError;
use samtal::i18n::Lang;

/// Before an error's message.
pub fn error_label(lang: Lang) -> &'static str {
    lang.pick("fel", "error")
}

/// Before a hint.
pub fn hint_label(lang: Lang) -> &'static str {
    lang.pick("tips", "help")
}

/// The one line that ends a build: "Byggde 52 sidor på 38 ms" (or "Byggde om …" when `serve`
/// rebuilds).
pub fn built(lang: Lang, pages: usize, ms: u128, again: bool) -> String {
    match (lang, again) {
        (Lang::Sv, false) => format!("Byggde {pages} sidor på {ms} ms"),
        (Lang::Sv, true) => format!("Byggde om {pages} sidor på {ms} ms"),
        (Lang::En, false) => format!("Built {pages} pages in {ms} ms"),
        (Lang::En, true) => format!("Rebuilt {pages} pages in {ms} ms"),
    }
}

/// After a `serve` build that left out content files with errors: which files, and why.
pub fn left_out(lang: Lang, errors: &[samtal::diagnostic::Diagnostic]) -> String {
    let mut files: Vec<&str> = errors.iter().map(|d| d.file.as_str()).collect();
    files.dedup();
    let files = files.join(", ");
    match lang {
        Lang::Sv => format!("Sidorna från filer med fel visas inte förrän felen är rättade: {files}"),
        Lang::En => format!("The pages of files with errors are left out until the errors are fixed: {files}"),
    }
}

/// ", 3 varningar" when there are warnings: a summary line never hides them.
fn and_warnings(lang: Lang, warnings: usize) -> String {
    match (lang, warnings) {
        (_, 0) => String::new(),
        (Lang::Sv, 1) => ", 1 varning".into(),
        (Lang::Sv, n) => format!(", {n} varningar"),
        (Lang::En, 1) => ", 1 warning".into(),
        (Lang::En, n) => format!(", {n} warnings"),
    }
}

/// The line that ends a check without errors: "Inga fel, 3 varningar: 73 sidor …".
pub fn checked(lang: Lang, pages: usize, ms: u128, warnings: usize) -> String {
    let w = and_warnings(lang, warnings);
    match lang {
        Lang::Sv => format!("Inga fel{w}: {pages} sidor kontrollerade på {ms} ms"),
        Lang::En => format!("No errors{w}: {pages} pages checked in {ms} ms"),
    }
}

/// After a build with warnings: "Byggde 52 sidor på 38 ms, 3 varningar".
pub fn built_with(lang: Lang, pages: usize, ms: u128, warnings: usize) -> String {
    format!("{}{}", built(lang, pages, ms, false), and_warnings(lang, warnings))
}

/// After the first few of a long run of the same warning: how many more there are.
pub fn more_of_the_same(lang: Lang, more: usize, message: &str) -> String {
    match lang {
        Lang::Sv => format!("… och {more} varningar till av samma slag: {message}\n"),
        Lang::En => format!("… and {more} more warnings of the same kind: {message}\n"),
    }
}

pub fn previewing(lang: Lang, url: &str) -> String {
    match lang {
        Lang::Sv => format!("Förhandsgranska på {url} (avsluta med Ctrl-C)"),
        Lang::En => format!("Previewing at {url} (press Ctrl-C to stop)"),
    }
}

pub fn bind_exposed(lang: Lang) -> &'static str {
    lang.pick(
        "varning: --bind är inte en loopback-adress; andra datorer kan se webbplatsen, även utkast \
         (redigering i webbläsaren är avstängd utan --allow-remote-edit)",
        "warning: --bind is not a loopback address; other machines can see the site, drafts included \
         (editing in the browser is off without --allow-remote-edit)",
    )
}

pub fn remote_edit(lang: Lang) -> &'static str {
    lang.pick(
        "varning: --allow-remote-edit: alla som når den här adressen i nätverket kan ändra filerna i content/ och static/",
        "warning: --allow-remote-edit: anyone on the network who reaches this address can change the files in content/ and static/",
    )
}

pub fn browser_not_opened(lang: Lang) -> &'static str {
    lang.pick("kunde inte öppna webbläsaren", "could not open the browser")
}

pub fn watch_problem(lang: Lang) -> &'static str {
    lang.pick("varning: bevakningen av mappen", "warning: watching the folder")
}

pub fn stopped(lang: Lang) -> &'static str {
    lang.pick("Avslutade.", "Stopped.")
}

pub fn wrote_meeting(lang: Lang, written: &str) -> String {
    match lang {
        Lang::Sv => format!(
            "Skrev {written}\nFyll i fälten i filen och kör sedan `samtal check`.\nMötet är ett utkast (draft: true): skriv draft: false när det ska publiceras."
        ),
        Lang::En => format!(
            "Wrote {written}\nFill in the fields of the file, then run `samtal check`.\nThe meeting is a draft (draft: true): write draft: false when it is to be published."
        ),
    }
}

pub fn no_region_given(lang: Lang) -> &'static str {
    lang.pick(
        "Ingen --region angavs: skriv regionens slug under `regions:` och byt gärna namn på filen.",
        "No --region was given: write the region's slug under `regions:` and consider renaming the file.",
    )
}

/// After `samtal new site` (a new site has no language yet: Swedish).
pub fn created_site(shown: &str, files: usize) -> String {
    format!(
        "Skapade en ny webbplats i {shown} ({files} filer).\nNästa steg: `samtal --root {shown} serve` för att förhandsgranska, \
         `samtal --root {shown} new meeting --region ostergotland --title \"…\"` för att lägga till ett möte."
    )
}

impl ScaffoldError {
    /// Whether the command line itself was wrong (exit 2) rather than the site (exit 1).
    pub fn is_usage(&self) -> bool {
        matches!(self, ScaffoldError::InvalidDate { .. })
    }

    /// What went wrong, for an author, in the site's language.
    pub fn message(&self, lang: Lang) -> String {
        let sv = lang == Lang::Sv;
        match self {
            ScaffoldError::InvalidDate { value } if sv => {
                format!("--date \"{value}\" är inte ett giltigt datum")
            }
            ScaffoldError::InvalidDate { value } => {
                format!("--date \"{value}\" is not a valid date")
            }
            ScaffoldError::UnknownRegion { slug, registry, .. } if sv => {
                format!("okänd region \"{slug}\": den finns inte i {}", registry.display())
            }
            ScaffoldError::UnknownRegion { slug, registry, .. } => {
                format!("unknown region \"{slug}\": it is not in {}", registry.display())
            }
            ScaffoldError::NoRegistry { registry } if sv => {
                format!("{} finns inte, så det här verkar inte vara en samtal-webbplats", registry.display())
            }
            ScaffoldError::NoRegistry { registry } => {
                format!("{} does not exist, so this does not look like a samtal site", registry.display())
            }
            ScaffoldError::Exists { path } if sv => {
                format!("{} finns redan; samtal new skriver aldrig över en fil", path.display())
            }
            ScaffoldError::Exists { path } => {
                format!("{} already exists; samtal new never overwrites a file", path.display())
            }
            ScaffoldError::DirNotEmpty { path } if sv => {
                format!("mappen {} är inte tom", path.display())
            }
            ScaffoldError::DirNotEmpty { path } => {
                format!("the folder {} is not empty", path.display())
            }
            ScaffoldError::Io { path, source } if sv => {
                format!("kunde inte skriva {} ({})", path.display(), source.kind())
            }
            ScaffoldError::Io { path, source } => {
                format!("could not write {} ({})", path.display(), source.kind())
            }
        }
    }

    /// How to fix it.
    pub fn hint(&self, lang: Lang) -> Option<String> {
        let sv = lang == Lang::Sv;
        Some(match self {
            ScaffoldError::InvalidDate { .. } if sv => {
                "skriv datumet som 2018-05-16, eller 2018-05 eller 2018 om bara månad eller år är känt".into()
            }
            ScaffoldError::InvalidDate { .. } => {
                "write the date as 2018-05-16, or 2018-05 or 2018 when only the month or year is known".into()
            }
            ScaffoldError::UnknownRegion { suggestion: Some(s), .. } if sv => format!("menade du \"{s}\"? skriv --region {s}"),
            ScaffoldError::UnknownRegion { suggestion: Some(s), .. } => format!("did you mean \"{s}\"? write --region {s}"),
            ScaffoldError::UnknownRegion { .. } if sv => {
                "använd en slug från content/regions.yaml, till exempel --region ostergotland".into()
            }
            ScaffoldError::UnknownRegion { .. } => "use a slug from content/regions.yaml, for example --region ostergotland".into(),
            ScaffoldError::NoRegistry { .. } if sv => {
                "kör kommandot i webbplatsens mapp eller ange den med --root; `samtal new site MAPP` skapar en ny webbplats".into()
            }
            ScaffoldError::NoRegistry { .. } => {
                "run the command in the site folder or name it with --root; `samtal new site DIR` creates a new site".into()
            }
            ScaffoldError::Exists { .. } if sv => "öppna den befintliga filen, eller välj ett annat datum eller en annan region".into(),
            ScaffoldError::Exists { .. } => "open the existing file, or choose another date or region".into(),
            ScaffoldError::DirNotEmpty { .. } if sv => "välj en mapp som inte finns än, eller en tom mapp".into(),
            ScaffoldError::DirNotEmpty { .. } => "choose a folder that does not exist yet, or an empty one".into(),
            ScaffoldError::Io { .. } => return None,
        })
    }
}

/// After `samtal mv`: "Flyttade content/meetings/a.md till content/meetings/b.md".
pub fn moved(lang: Lang, from: &str, to: &str) -> String {
    match lang {
        Lang::Sv => format!("Flyttade {from} till {to}"),
        Lang::En => format!("Moved {from} to {to}"),
    }
}

/// After `samtal mv` gave the page a new address.
pub fn old_address_kept(lang: Lang, old: &str, new: &str) -> String {
    match lang {
        Lang::Sv => format!("Den gamla adressen {old} leder nu till {new} (den står under aliases: i filen)"),
        Lang::En => format!("The old address {old} now leads to {new} (it is under aliases: in the file)"),
    }
}

/// After `samtal mv` kept the page's address (its `slug:`, or a move into a year folder).
pub fn address_unchanged(lang: Lang, url: &str) -> String {
    match lang {
        Lang::Sv => format!("Adressen är densamma: {url}"),
        Lang::En => format!("The address stays the same: {url}"),
    }
}

/// Why `samtal mv` moved nothing.
pub fn mv_error(error: &MvError, lang: Lang) -> String {
    let sv = lang == Lang::Sv;
    match error {
        MvError::Plan(problem) => problem.message(lang),
        MvError::NotFound { path } if sv => format!("{path} finns inte"),
        MvError::Exists { path } if sv => format!("{path} finns redan; samtal mv skriver aldrig över en fil"),
        MvError::Exists { path } => format!("{path} already exists; samtal mv never overwrites a file"),
        MvError::Io { path, source } if sv => format!("kunde inte flytta {path} ({})", source.kind()),
        MvError::Io { path, source } => format!("could not move {path} ({})", source.kind()),
        MvError::BundleIndex { folder } if sv => {
            format!("index.md hör till mappen {folder}, med mötets filer; flytta hela mappen")
        }
        MvError::BundleIndex { folder } => {
            format!("index.md belongs to the folder {folder}, with the meeting's files; move the whole folder")
        }
        MvError::NotFound { .. } => error.to_string(),
    }
}

/// How to put it right.
pub fn mv_hint(error: &MvError, lang: Lang) -> Option<String> {
    let sv = lang == Lang::Sv;
    Some(match error {
        MvError::Plan(problem) => problem.hint(lang),
        MvError::NotFound { .. } if sv => {
            "ange filen med sin väg, till exempel content/meetings/2018-skane.md (kör kommandot i webbplatsens mapp)"
                .into()
        }
        MvError::NotFound { .. } => {
            "name the file by its path, for example content/meetings/2018-skane.md (run the command in the site folder)"
                .into()
        }
        MvError::Exists { .. } if sv => "välj ett namn som inte finns, eller ta bort den andra filen först".into(),
        MvError::Exists { .. } => "choose a name that does not exist, or remove the other file first".into(),
        MvError::BundleIndex { folder } if sv => format!("skriv samtal mv {folder} content/meetings/nytt-namn"),
        MvError::BundleIndex { folder } => format!("write samtal mv {folder} content/meetings/new-name"),
        MvError::Io { .. } => return None,
    })
}
