//! `samtal new`: the text of a new meeting file and of a new site. Pure: it returns the files
//! (path relative to the site folder + contents) and `cmd/new.rs` writes them, refusing to
//! overwrite anything.

use samtal::model::schema::{self, Field, FieldType};
use samtal::model::suggest::suggest;
use samtal::model::{PartialDate, Registry};
use samtal::validate;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// The default visual theme, embedded so `samtal new site` works anywhere.
const REGIONS_YAML: &str = include_str!("../../content/regions.yaml");
const THEMES_YAML: &str = include_str!("../../content/themes.yaml");
const COUNTY_SHAPES: &str = include_str!("../../content/counties.geojson");

/// One file to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFile {
    /// Relative to the folder the files are created in.
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

impl NewFile {
    fn text(path: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        NewFile { path: path.into(), bytes: text.into().into_bytes() }
    }
}

/// What `samtal new meeting` was asked for.
#[derive(Debug, Clone, Default)]
pub struct MeetingRequest {
    pub region: Option<String>,
    /// As typed on the command line; `None` means today.
    pub date: Option<String>,
    pub title: Option<String>,
}

#[derive(Debug, Error)]
pub enum ScaffoldError {
    /// `--date` is not YYYY-MM-DD, YYYY-MM or YYYY (a usage error: exit 2).
    #[error("--date {value:?} is not a date as YYYY-MM-DD, YYYY-MM or YYYY")]
    InvalidDate { value: String },
    #[error("unknown region {slug:?} in {registry}")]
    UnknownRegion { slug: String, suggestion: Option<String>, registry: PathBuf },
    #[error("{registry} does not exist: is this a samtal site folder?")]
    NoRegistry { registry: PathBuf },
    #[error("{path} already exists; samtal new never overwrites a file")]
    Exists { path: PathBuf },
    #[error("{path} is not empty; samtal new site only creates a site in a new or empty folder")]
    DirNotEmpty { path: PathBuf },
    #[error("could not write {path}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// The file name stem used when no region is given; `check` then reports the empty `regions`.
pub const UNNAMED_MEETING: &str = "nytt-mote";

/// `content/meetings/<date>-<region>.md`: every field, each with a short Swedish comment.
/// `registry` is `None` when the site has no `content/regions.yaml`.
pub fn meeting(
    request: &MeetingRequest,
    registry: Option<&Registry>,
    registry_path: &Path,
    today: PartialDate,
) -> Result<NewFile, ScaffoldError> {
    let date = match &request.date {
        Some(text) => PartialDate::parse(text).ok_or_else(|| ScaffoldError::InvalidDate { value: text.clone() })?,
        None => today,
    };
    let Some(registry) = registry else {
        return Err(ScaffoldError::NoRegistry { registry: registry_path.to_path_buf() });
    };
    let region = match &request.region {
        None => None,
        Some(slug) => {
            let slug = slug.trim();
            let candidates = validate::region_candidates(&registry.counties, &registry.groupings);
            if !candidates.iter().any(|c| c.slug == slug) {
                return Err(ScaffoldError::UnknownRegion {
                    slug: slug.to_string(),
                    suggestion: suggest(slug, &candidates),
                    registry: registry_path.to_path_buf(),
                });
            }
            Some(slug.to_string())
        }
    };
    let stem = format!("{date}-{}", region.as_deref().unwrap_or(UNNAMED_MEETING));
    let path = Path::new(samtal::model::layout::MEETINGS_DIR).join(format!("{stem}.md"));
    Ok(NewFile::text(path, meeting_text(request.title.as_deref(), date, region.as_deref())))
}

/// The new file: every field of the schema in its order, each after a comment with its hint.
/// The fields the command line filled in carry their value; a required field still to be
/// filled in says "FYLL I".
fn meeting_text(title: Option<&str>, date: PartialDate, region: Option<&str>) -> String {
    let title = title.map(yaml_quoted);
    let mut out = String::from("---\n");
    for field in &schema::MEETING_FIELDS {
        let value = match field.key {
            "title" => title.clone(),
            "date" => Some(date.to_string()),
            "regions" => region.map(|slug| format!("[{slug}]")),
            _ => None,
        };
        let to_fill_in = field.is_required() && value.is_none();
        let hint = field.hint.sv;
        let hint =
            if field.is_required() { format!("{} (obligatoriskt).", hint.trim_end_matches('.')) } else { hint.into() };
        out.push_str(&if to_fill_in {
            format!("# FYLL I: {}\n", lowercase_first(&hint))
        } else {
            format!("# {hint}\n")
        });
        let value = value.unwrap_or_else(|| empty_value(field).to_string());
        out.push_str(&format!("{}:{}{value}\n", field.key, if value.is_empty() { "" } else { " " }));
        out.push_str(&commented_example(field, date));
    }
    out.push_str("---\n");
    out
}

/// "Mötets rubrik" → "mötets rubrik", after "FYLL I:".
fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default()
}

/// What a field holds in a new file before the author fills it in.
fn empty_value(field: &Field) -> &'static str {
    match field.field_type {
        FieldType::Text => "\"\"",
        FieldType::Regions | FieldType::Topics | FieldType::Meetings => "[]",
        FieldType::TextList if field.key != "outcomes" => "[]",
        // A new meeting is a draft (as Hugo's `new`), published once it says `draft: false`.
        FieldType::Bool => "true",
        _ => "",
    }
}

/// The commented-out lines that show how a list of items is written.
fn commented_example(field: &Field, date: PartialDate) -> String {
    match field.field_type {
        FieldType::TextList if field.key == "outcomes" => "#  - \"Första resultatet.\"\n".into(),
        FieldType::FollowUps => {
            let due = PartialDate { year: date.year, month: Some(12), day: None };
            let mut lines = String::new();
            let basic = schema::FOLLOW_UP_FIELDS.iter().filter(|f| !schema::FOLLOW_UP_HISTORY_FIELDS.contains(f));
            for (i, item) in basic.enumerate() {
                let value = match item.field_type {
                    FieldType::Text => format!("\"{}\"", item.hint.sv.trim_end_matches('.')),
                    FieldType::Date => due.to_string(),
                    _ => "planned".into(),
                };
                lines.push_str(&format!("#{} {}: {value}\n", if i == 0 { "  -" } else { "   " }, item.key));
            }
            lines
        }
        FieldType::Attachments => "#  - title: \"Protokoll\"\n#    file: protokoll.pdf\n".into(),
        FieldType::Contacts => {
            "#  name: \"Förnamn Efternamn\"\n#  role: \"Roll\"\n#  email: namn@example.se\n#  phone: \"08-000 00 00\"\n"
                .into()
        }
        _ => String::new(),
    }
}

/// A YAML double-quoted scalar holding `text` on one line.
fn yaml_quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.trim().chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Every file of a minimal working site: configuration, the real registries, one example
/// meeting and an about page. The default theme is built into samtal, so it is not copied:
/// a copy would keep an old look (and an old search script) after samtal is updated.
pub fn site() -> Vec<NewFile> {
    vec![
        NewFile::text("site.yaml", SITE_YAML),
        NewFile::text(".gitignore", "/public\n"),
        NewFile::text(samtal::model::layout::REGIONS_FILE, regions_yaml()),
        NewFile::text(samtal::model::layout::TOPICS_FILE, THEMES_YAML),
        NewFile::text(samtal::model::layout::COUNTY_SHAPES_FILE, COUNTY_SHAPES),
        NewFile::text(format!("{}/2018-ostergotland.md", samtal::model::layout::MEETINGS_DIR), EXAMPLE_MEETING),
        NewFile::text(format!("{EXAMPLE_BUNDLE}/index.md"), EXAMPLE_FOLLOW_UP),
        NewFile { path: format!("{EXAMPLE_BUNDLE}/minnesanteckningar.pdf").into(), bytes: EXAMPLE_MINUTES.to_vec() },
        NewFile { path: format!("{EXAMPLE_BUNDLE}/diagram.png").into(), bytes: EXAMPLE_CHART.to_vec() },
        NewFile::text(format!("{}/om.md", samtal::model::layout::PAGES_DIR), ABOUT_PAGE),
    ]
}

/// The example site's registry, with a commented example of a county's contact person.
fn regions_yaml() -> String {
    let county = "    region_2019: Region Östergötland\n";
    let contact = "    # Vem läsaren kan fråga om länet visas på länets sida, till exempel:\n    # contact:\n    #   name: \"Förnamn Efternamn\"\n    #   role: \"Regional kontaktperson\"\n    #   email: fornamn.efternamn@exempel.se\n";
    REGIONS_YAML.replacen(county, &format!("{county}{contact}"), 1)
}

/// The second example meeting: a folder of its own (with its files) in a year folder.
const EXAMPLE_BUNDLE: &str = "content/meetings/2019/2019-ostergotland";
/// Its attachment, a one-page PDF, and its picture, a bar chart (made for this, no metadata).
const EXAMPLE_MINUTES: &[u8] = include_bytes!("../../assets/new-site/minnesanteckningar.pdf");
const EXAMPLE_CHART: &[u8] = include_bytes!("../../assets/new-site/diagram.png");

const SITE_YAML: &str = "\
# Webbplatsens namn, överst på varje sida.
title: Strategiska regionala dialoger
# En mening om webbplatsen, för sökmotorer och flöden.
description: Resultaten av de strategiska dialogerna med länen.
# Adressen webbplatsen publiceras under, till exempel https://exempel.se/samtal/. Med bara /
# varnar check och build: webbplatskartan, flödena och delningslänkarna behöver hela adressen
# (den kan också ges med --base-url).
base_url: /
# Språk för webbplatsens fasta texter och för samtals meddelanden: sv eller en.
language: sv
# Utseendet: namnet på en mapp i themes/.
theme: default
# Mappen som `samtal build` skriver webbplatsen till.
output: public
# Vem som ger ut webbplatsen; visas i sidfoten.
publisher: Tillväxtverket
# Licensen för de öppna data under /data/, som hel webbadress. CC0 1.0 betyder att vem som
# helst får använda uppgifterna fritt; byt den om ni har valt en annan licens.
license: https://creativecommons.org/publicdomain/zero/1.0/
# true tillåter HTML i Markdown-texterna; annars visas HTML som vanlig text.
allow_raw_html: false
";

const EXAMPLE_MEETING: &str = "\
---
# Ett exempel: ändra det eller ta bort filen när du har lagt till egna möten.
title: \"Exempel: strategisk dialog med Region Östergötland\"
date: 2018-05-16
regions: [ostergotland]
themes: [regional-leadership]
participants: [Regiondirektör, Utvecklingschef]
agency_units: [Regioner]
summary: \"Ett exempelmöte som visar hur ett möte skrivs.\"
outcomes:
  - \"Tillväxtverket stärker det regionala ledarskapet vid större etableringar i länet.\"
follow_ups:
  - action: \"Följa upp arbetet med regionalt ledarskap.\"
    # Ett kort namn på åtgärden, så att ett senare möte kan rapportera om den.
    id: ledarskap
    owner: \"Tillväxtverket\"
    due: 2019-06
    status: ongoing
draft: false
---
Det här är mötets text, skriven i Markdown. Länka gärna till andra sidor på webbplatsen,
till exempel till [Östergötland](/regioner/ostergotland/).

## Resultat

Skriv vad mötet ledde till med egna ord här.
";

const EXAMPLE_FOLLOW_UP: &str = "\
---
# Ett exempel på ett möte i en egen mapp: filerna bredvid index.md (protokoll, bilder) hör
# till mötet och publiceras med det. Mappen 2019/ är en årsmapp; adressen blir ändå
# /moten/2019-ostergotland/. Ändra mötet eller ta bort mappen när du har egna möten.
title: \"Exempel: uppföljande dialog med Region Östergötland\"
date: 2019-03
# Omgången är datumets år (2019). Skriv round: bara när den inte är det, t.ex. round: 2019-hosten.
regions: [ostergotland]
themes: [regional-leadership]
summary: \"Ett exempelmöte som följer upp det förra och har en bilaga, en bild och en kontaktperson.\"
outcomes:
  - \"Exempel: här står vad mötet kom fram till.\"
follow_ups:
  # En rapport om en åtgärd från ett tidigare möte: mötets adress / åtgärdens id.
  - action: \"Följa upp arbetet med regionalt ledarskap.\"
    reports_on: 2018-ostergotland/ledarskap
    status: done
    done: 2019-02
    note: \"Exempel: här skriver du kort hur det gick.\"
# Filer som hör till mötet, med en rubrik var; listas med typ och storlek.
attachments:
  - title: \"Exempel på minnesanteckningar\"
    file: minnesanteckningar.pdf
# Vem läsaren kan fråga; visas på mötets sida men inte i de öppna data.
contact:
  name: \"Förnamn Efternamn\"
  role: \"Kontaktperson för dialogen\"
  email: fornamn.efternamn@exempel.se
# Adresser som mötet har haft förut leder hit. samtal mv skriver dem åt dig när du byter namn.
aliases: [/moten/2019-ostergotland-exempel/]
# När uppgifterna senast ändrades väsentligt.
updated: 2019-04-01
draft: false
---
Det här mötet ligger i en egen mapp tillsammans med sina filer. Bilden nedan ligger i samma
mapp och länkas med sitt filnamn; samtal gör mindre versioner av den för små skärmar.

![Exempel: ett stapeldiagram med fyra staplar](diagram.png)

Länka till bilagan i texten med filnamnet: [minnesanteckningarna](minnesanteckningar.pdf).
";

const ABOUT_PAGE: &str = "\
---
title: Om webbplatsen
summary: Vad webbplatsen visar och vem som står bakom den.
weight: 10
---
Här beskriver du webbplatsen: vilka dialoger den redovisar och vem som ger ut den.
";

#[cfg(test)]
mod tests {
    use super::*;
    use samtal::model::County;

    fn registry() -> Registry {
        let county = |slug: &str, name: &str| County {
            slug: slug.into(),
            name: name.into(),
            name_en: name.into(),
            official_name: format!("{name}s län"),
            official_name_en: format!("{name} County"),
            letter: String::new(),
            county_code: "05".into(),
            iso_3166_2: "SE-E".into(),
            nuts3: String::new(),
            actor_2018: format!("Region {name}"),
            region_2019: format!("Region {name}"),
            contacts: Vec::new(),
        };
        Registry { counties: vec![county("ostergotland", "Östergötland")], groupings: vec![] }
    }

    fn today() -> PartialDate {
        PartialDate::parse("2026-11-27").unwrap()
    }

    #[test]
    fn meeting_is_named_by_date_and_region() {
        let request =
            MeetingRequest { region: Some("ostergotland".into()), title: Some("Möte \"ett\"".into()), date: None };
        let file = meeting(&request, Some(&registry()), Path::new("content/regions.yaml"), today()).unwrap();
        assert_eq!(file.path, Path::new("content/meetings/2026-11-27-ostergotland.md"));
        let text = String::from_utf8(file.bytes).unwrap();
        assert!(text.contains("title: \"Möte \\\"ett\\\"\"\n"), "{text}");
        assert!(text.contains("regions: [ostergotland]\n"), "{text}");
        for key in schema::MEETING_KEYS {
            assert!(text.contains(&format!("\n{key}:")), "{key} missing:\n{text}");
        }
    }

    #[test]
    fn unknown_region_suggests_the_slug() {
        let request = MeetingRequest { region: Some("Östergötland".into()), ..Default::default() };
        let err = meeting(&request, Some(&registry()), Path::new("content/regions.yaml"), today()).unwrap_err();
        assert!(
            matches!(&err, ScaffoldError::UnknownRegion { suggestion: Some(s), .. } if s == "ostergotland"),
            "{err:?}"
        );
    }

    #[test]
    fn without_region_the_file_says_so() {
        let file = meeting(&MeetingRequest::default(), Some(&registry()), Path::new("r"), today()).unwrap();
        assert_eq!(file.path, Path::new("content/meetings/2026-11-27-nytt-mote.md"));
        assert!(String::from_utf8(file.bytes).unwrap().contains("regions: []"));
    }

    #[test]
    fn site_has_configuration_and_content_and_no_copy_of_the_built_in_theme() {
        let files = site();
        for path in [
            "site.yaml",
            "content/regions.yaml",
            "content/meetings/2018-ostergotland.md",
            "content/meetings/2019/2019-ostergotland/index.md",
            "content/meetings/2019/2019-ostergotland/minnesanteckningar.pdf",
            "content/meetings/2019/2019-ostergotland/diagram.png",
        ] {
            assert!(files.iter().any(|f| f.path == Path::new(path)), "{path}");
        }
        assert!(!files.iter().any(|f| f.path.starts_with("themes")), "the theme is built in");
        let regions = &files.iter().find(|f| f.path == Path::new("content/regions.yaml")).unwrap().bytes;
        assert!(String::from_utf8_lossy(regions).contains("Region Östergötland\n    # Vem läsaren kan fråga"));
    }
}
