//! The browser editor: `admin/config.yml` (Decap CMS's configuration) and `admin/index.html`,
//! made from `site.yaml`'s `cms:` block, the one schema (`model::schema`) and the registries,
//! so the form offers exactly what `samtal check` accepts. Only for a site with `cms:`.

use super::{OutputFile, escape_xml};
use crate::i18n::Lang;
use crate::model::cms::Cms;
use crate::model::routes::Route;
use crate::model::schema::{self, Field, FieldType, Presence};
use crate::model::{Site, Status, collate};

/// Where the form puts uploaded pictures and files, and their address on the site.
pub const MEDIA_FOLDER: &str = "static/bilder";
pub const PUBLIC_FOLDER: &str = "/bilder";
/// What `date` and `due` accept: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, with no day a month never
/// has (31 April, 30 February), so Decap refuses those before saving; 29 February of a year
/// that is not a leap year is left to the check, which the editor runs before saving too.
pub const DATE_PATTERN: &str = r"^[0-9]{4}(-((0[13578]|1[02])(-(0[1-9]|[12][0-9]|3[01]))?|(0[469]|11)(-(0[1-9]|[12][0-9]|30))?|02(-(0[1-9]|1[0-9]|2[0-9]))?))?$";
/// What a slug may be (`model::slug::is_url_safe`).
pub const SLUG_PATTERN: &str = r"^[a-z0-9]+(-[a-z0-9]+)*$";
/// What `email:` accepts, roughly (the check says exactly what is wrong): no spaces, one `@`,
/// a dot in the domain.
pub const EMAIL_PATTERN: &str = r"^[^@\s:]+@[^@\s]+\.[A-Za-z]{2,}$";
/// The file name of a new meeting: `<date>-<region>`, as `samtal new meeting` names it. Decap
/// joins several regions with hyphens and, with the `slug:` settings below, folds å, ä, ö.
pub const MEETING_SLUG: &str = "{{fields.date}}-{{fields.regions}}";

/// A YAML value, written in block style with every string double-quoted (JSON's escapes are
/// YAML's), so no value can change meaning.
#[derive(Debug, Clone, PartialEq)]
pub enum Yaml {
    Str(String),
    Bool(bool),
    Int(i64),
    List(Vec<Yaml>),
    Map(Vec<(&'static str, Yaml)>),
}

fn s(text: impl Into<String>) -> Yaml {
    Yaml::Str(text.into())
}

impl Yaml {
    fn scalar(&self) -> Option<String> {
        match self {
            Yaml::Str(t) => Some(serde_json::to_string(t).expect("a string serialises")),
            Yaml::Bool(b) => Some(b.to_string()),
            Yaml::Int(i) => Some(i.to_string()),
            Yaml::List(items) if items.is_empty() => Some("[]".into()),
            Yaml::Map(entries) if entries.is_empty() => Some("{}".into()),
            _ => None,
        }
    }

    /// The mapping's entries at `indent` spaces, one per line.
    fn write_map(entries: &[(&'static str, Yaml)], indent: usize, out: &mut String) {
        for (key, value) in entries {
            out.push_str(&" ".repeat(indent));
            out.push_str(key);
            out.push(':');
            value.write_value(indent, out);
        }
    }

    /// The value after `key:` (scalars on the same line, collections below it).
    fn write_value(&self, indent: usize, out: &mut String) {
        if let Some(scalar) = self.scalar() {
            out.push(' ');
            out.push_str(&scalar);
            out.push('\n');
            return;
        }
        out.push('\n');
        match self {
            Yaml::Map(entries) => Self::write_map(entries, indent + 2, out),
            Yaml::List(items) => {
                for item in items {
                    out.push_str(&" ".repeat(indent + 2));
                    out.push('-');
                    match item {
                        Yaml::Map(entries) if !entries.is_empty() => {
                            // The first entry on the dash's line, the rest under it.
                            let mut first = String::new();
                            Self::write_map(&entries[..1], 0, &mut first);
                            out.push(' ');
                            out.push_str(&first);
                            Self::write_map(&entries[1..], indent + 4, out);
                        }
                        other => {
                            let scalar = other.scalar().unwrap_or_else(|| "[]".into());
                            out.push(' ');
                            out.push_str(&scalar);
                            out.push('\n');
                        }
                    }
                }
            }
            _ => unreachable!("scalars are written above"),
        }
    }

    /// The document: a top-level mapping.
    pub fn to_document(&self) -> String {
        let mut out = String::new();
        if let Yaml::Map(entries) = self {
            Self::write_map(entries, 0, &mut out);
        }
        out
    }
}

/// The editor's two files, when the site has a `cms:` block.
pub fn files(site: &Site) -> Vec<OutputFile> {
    let Some(cms) = &site.config.cms else { return Vec::new() };
    vec![
        OutputFile { path: Route::AdminConfig.output_file(), bytes: config_yml(site, cms).into_bytes().into() },
        OutputFile { path: Route::AdminIndex.output_file(), bytes: index_html(site, cms).into_bytes().into() },
        OutputFile { path: Route::AdminScript.output_file(), bytes: EDITOR_SCRIPT.as_bytes().into() },
    ]
}

/// `admin/samtal.js`: samtal's words and rules for Decap's editor, loaded after Decap's own
/// script: Swedish words where Decap's Swedish has English ones, the picture in the text with
/// its alternative text required (a text with a picture without one is not saved), a select's
/// label (not its value) in Decap's preview, and a draft shown as a draft in the form.
pub const EDITOR_SCRIPT: &str = include_str!("cms.js");

/// `admin/index.html`: loads the editor's script, which reads `config.yml` beside it, then
/// samtal's words and rules ([`EDITOR_SCRIPT`]).
pub fn index_html(site: &Site, cms: &Cms) -> String {
    let lang = site.lang();
    let (script, integrity) = cms.script();
    let integrity =
        integrity.map(|i| format!(" integrity=\"{}\" crossorigin=\"anonymous\"", escape_xml(i))).unwrap_or_default();
    format!(
        "<!doctype html>\n<html lang=\"{code}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"robots\" content=\"noindex\">\n<title>{title} – {site}</title>\n\
         <link href=\"config.yml\" type=\"text/yaml\" rel=\"cms-config-url\">\n</head>\n<body>\n\
         <script src=\"{script}\"{integrity}></script>\n<script src=\"samtal.js\"></script>\n</body>\n</html>\n",
        code = lang.code(),
        title = escape_xml(lang.ui("cms_title")),
        site = escape_xml(&site.config.title),
        script = escape_xml(script),
    )
}

/// `admin/config.yml`, as text.
pub fn config_yml(site: &Site, cms: &Cms) -> String {
    let lang = site.lang();
    let header = match lang {
        Lang::Sv => {
            "# Gjord av samtal från site.yaml (cms:), fälten i samtal och content/regions.yaml och themes.yaml.\n\
             # Ändra inte här: filen skrivs om vid varje bygge.\n"
        }
        Lang::En => {
            "# Made by samtal from site.yaml (cms:), samtal's fields and content/regions.yaml and themes.yaml.\n\
             # Do not edit: the file is written again on every build.\n"
        }
    };
    format!("{header}{}", config(site, cms).to_document())
}

/// The configuration as a value (tests read it back with a YAML parser).
pub fn config(site: &Site, cms: &Cms) -> Yaml {
    let lang = site.lang();
    let mut backend = vec![("name", s(cms.backend.name()))];
    if let Some(repo) = &cms.repo {
        backend.push(("repo", s(repo)));
    }
    backend.push(("branch", s(&cms.branch)));
    for (key, value) in [("base_url", &cms.base_url), ("app_id", &cms.app_id), ("auth_type", &cms.auth_type)] {
        if let Some(value) = value {
            backend.push((key, s(value)));
        }
    }
    let mut top = vec![("backend", Yaml::Map(backend))];
    if cms.editorial_workflow {
        top.push(("publish_mode", s("editorial_workflow")));
    }
    top.push(("locale", s(lang.code())));
    if site.urls.has_origin() {
        top.push(("site_url", s(site.urls.absolute(""))));
        top.push(("display_url", s(site.urls.absolute(""))));
    }
    top.extend([
        ("media_folder", s(MEDIA_FOLDER)),
        ("public_folder", s(PUBLIC_FOLDER)),
        // ASCII file names without accents: what `samtal check` accepts as an address.
        (
            "slug",
            Yaml::Map(vec![
                ("encoding", s("ascii")),
                ("clean_accents", Yaml::Bool(true)),
                ("sanitize_replacement", s("-")),
            ]),
        ),
        ("collections", Yaml::List(vec![meetings(site), pages(site)])),
    ]);
    Yaml::Map(top)
}

/// Where a new meeting is saved, inside `content/meetings/`: in its own folder (a bundle, so
/// pictures and attachments go beside it). `serve`'s backend puts that folder in the folder of
/// the meeting's round, `2019/2019-05-22-gotland/index.md` (Decap's path templates cannot
/// take a year from a text field: they drop the quotes its `date()` filter needs).
pub const MEETING_PATH: &str = "{{slug}}/index";

fn meetings(site: &Site) -> Yaml {
    let lang = site.lang();
    let mut fields: Vec<Yaml> = schema::MEETING_FIELDS.iter().map(|f| field(site, f)).collect();
    fields.push(body(lang, "cms_meeting_body_hint"));
    let date = schema::DATE.key;
    let title = schema::TITLE.key;
    Yaml::Map(vec![
        ("name", s("meetings")),
        ("label", s(lang.ui("cms_meetings"))),
        ("label_singular", s(lang.ui("cms_meeting"))),
        ("folder", s(crate::model::layout::MEETINGS_DIR)),
        ("extension", s("md")),
        ("format", s("frontmatter")),
        ("create", Yaml::Bool(true)),
        ("slug", s(MEETING_SLUG)),
        ("path", s(MEETING_PATH)),
        // Pictures and files beside the meeting's index.md, named from there (`foto.jpg`).
        ("media_folder", s("")),
        ("public_folder", s("")),
        ("identifier_field", s(title)),
        // A draft says so after its title (Decap's `ternary` filter: the text when `draft` is on).
        (
            "summary",
            s(format!(
                "{{{{fields.{date}}}}} – {{{{fields.{title}}}}}{{{{fields.{draft} | ternary('{mark}', '')}}}}",
                draft = schema::DRAFT.key,
                mark = lang.ui("cms_draft_mark"),
            )),
        ),
        ("sortable_fields", Yaml::List(vec![s(date), s(title)])),
        ("view_filters", Yaml::List(meeting_filters(site))),
        ("view_groups", Yaml::List(meeting_groups(lang))),
        ("fields", Yaml::List(fields)),
    ])
}

/// A list filter: the entries whose `field` matches `pattern` (a regular expression over the
/// value as Decap writes it out; a list reads `List [ "gotland" ]`, a follow-up
/// `Map { "status": "done", … }`).
fn filter(label: impl Into<String>, field: &str, pattern: Yaml) -> Yaml {
    Yaml::Map(vec![("label", s(label)), ("field", s(field)), ("pattern", pattern)])
}

/// The list's filters: drafts, each round, each county, each follow-up status.
fn meeting_filters(site: &Site) -> Vec<Yaml> {
    let lang = site.lang();
    let mut out = vec![filter(lang.ui("cms_drafts"), schema::DRAFT.key, Yaml::Bool(true))];
    for round in &site.rounds.list {
        let label = format!("{}: {}", lang.ui("cms_round"), site.round_name(&round.slug));
        let is_year = round.slug.len() == 4 && round.slug.bytes().all(|b| b.is_ascii_digit());
        // A year's round: the meetings of that year (a meeting with its own `round:` among
        // them too: the form cannot tell the two apart); a named round: its `round:`.
        out.push(match is_year {
            true => filter(label, schema::DATE.key, s(format!("^{}", round.slug))),
            false => filter(label, schema::ROUND.key, s(format!("^{}$", round.slug))),
        });
    }
    for county in &site.registry.counties {
        let label = format!("{}: {}", lang.ui("cms_county"), lang.pick(&county.name, &county.name_en));
        out.push(filter(label, schema::REGIONS.key, s(format!("\"{}\"", county.slug))));
    }
    for status in Status::ALL {
        let label = format!("{}: {}", lang.ui("cms_status"), status.label(lang).to_lowercase());
        out.push(filter(label, schema::FOLLOW_UPS.key, s(format!("\"status\": \"{}\"", status.as_str()))));
    }
    out
}

/// The list's groupings: by year, and drafts apart.
fn meeting_groups(lang: Lang) -> Vec<Yaml> {
    vec![
        filter(lang.ui("cms_year"), schema::DATE.key, s("^[0-9]{4}")),
        Yaml::Map(vec![("label", s(lang.ui("cms_drafts"))), ("field", s(schema::DRAFT.key))]),
    ]
}

/// The meetings a meeting can follow up: every meeting of the site, newest first, by date and
/// title (its value is the slug `follows_up:` takes).
pub fn meeting_options(site: &Site) -> Vec<(String, String)> {
    let mut meetings: Vec<&crate::model::Meeting> = site.meetings.iter().collect();
    meetings.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug)));
    meetings.iter().map(|m| (format!("{} – {}", m.date, m.title), m.slug.clone())).collect()
}

/// The follow-up items a later meeting can report on: every item with an `id:`, by meeting
/// and action (its value is `<meeting>/<id>`, as `reports_on:` takes it).
pub fn item_options(site: &Site) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for m in &site.meetings {
        for item in m.follow_ups.iter() {
            if let Some(id) = &item.id {
                out.push((format!("{} – {}: {}", m.date, m.title, item.action), format!("{}/{id}", m.slug)));
            }
        }
    }
    out.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    out
}

fn pages(site: &Site) -> Yaml {
    let lang = site.lang();
    let mut fields: Vec<Yaml> = schema::PAGE_FIELDS.iter().map(|f| field(site, f)).collect();
    fields.push(body(lang, "cms_page_body_hint"));
    Yaml::Map(vec![
        ("name", s("pages")),
        ("label", s(lang.ui("cms_pages"))),
        ("label_singular", s(lang.ui("cms_page"))),
        ("folder", s(crate::model::layout::PAGES_DIR)),
        ("extension", s("md")),
        ("format", s("frontmatter")),
        ("create", Yaml::Bool(true)),
        ("slug", s("{{slug}}")),
        ("identifier_field", s(schema::PAGE_TITLE.key)),
        ("sortable_fields", Yaml::List(vec![s(schema::WEIGHT.key), s(schema::PAGE_TITLE.key)])),
        ("fields", Yaml::List(fields)),
    ])
}

/// The Markdown body: may be empty (samtal accepts a meeting without one).
fn body(lang: Lang, hint: &str) -> Yaml {
    Yaml::Map(vec![
        ("label", s(lang.ui("cms_body"))),
        ("name", s("body")),
        ("widget", s("markdown")),
        ("required", Yaml::Bool(false)),
        ("hint", s(lang.ui(hint))),
        upload_limit(),
    ])
}

/// The largest file the form uploads, checked in the browser before it is sent (Decap then
/// names the limit); `serve` refuses larger ones too ([`crate::serve::upload`]).
fn upload_limit() -> (&'static str, Yaml) {
    let limit = i64::try_from(crate::serve::upload::MAX_FILE_BYTES).unwrap_or(i64::MAX);
    ("media_library", Yaml::Map(vec![("config", Yaml::Map(vec![("max_file_size", Yaml::Int(limit))]))]))
}

/// The start of every field: label, name, whether it is required, hint.
fn head(lang: Lang, f: &Field) -> Vec<(&'static str, Yaml)> {
    let mut out = vec![("label", s(f.label.get(lang))), ("name", s(f.key))];
    if f.presence != Presence::Required {
        out.push(("required", Yaml::Bool(false)));
    }
    out.push(("hint", s(f.form_hint().get(lang))));
    out
}

/// A `select` from (label, value) pairs.
/// A list of items with fields (follow-ups, attachments, contacts): "Lägg till <label>", and
/// each collapsed item shown by its `summary` field.
fn list_of(lang: Lang, label_key: &str, summary: &Field, fields: Vec<Yaml>) -> [(&'static str, Yaml); 4] {
    [
        ("widget", s("list")),
        ("label_singular", s(lang.ui(label_key))),
        ("summary", s(format!("{{{{fields.{}}}}}", summary.key))),
        ("fields", Yaml::List(fields)),
    ]
}

fn select(options: Vec<(String, String)>, multiple: bool, min: Option<i64>) -> Vec<(&'static str, Yaml)> {
    let options = options.into_iter().map(|(label, value)| Yaml::Map(vec![("label", s(label)), ("value", s(value))]));
    let mut out = vec![("widget", s("select")), ("multiple", Yaml::Bool(multiple))];
    if let Some(min) = min {
        out.push(("min", Yaml::Int(min)));
    }
    out.push(("options", Yaml::List(options.collect())));
    out
}

/// The region options: every county and grouping, by name in the site's alphabetical order.
pub fn region_options(site: &Site) -> Vec<(String, String)> {
    let lang = site.lang();
    let counties = site.registry.counties.iter().map(|c| (lang.pick(&c.name, &c.name_en).to_string(), c.slug.clone()));
    let groupings =
        site.registry.groupings.iter().map(|g| (lang.pick(&g.name, &g.name_en).to_string(), g.slug.clone()));
    sorted(lang, counties.chain(groupings).collect())
}

/// The topic options, by name in the site's alphabetical order.
pub fn topic_options(site: &Site) -> Vec<(String, String)> {
    let lang = site.lang();
    sorted(lang, site.topics.iter().map(|t| (lang.pick(&t.name, &t.name_en).to_string(), t.slug.clone())).collect())
}

fn sorted(lang: Lang, mut options: Vec<(String, String)>) -> Vec<(String, String)> {
    options.sort_by(|a, b| collate::compare(lang, &a.0, &b.0).then_with(|| a.1.cmp(&b.1)));
    options
}

/// The status options: planerad / pågår / klar, with the words samtal reads as values.
pub fn status_options(lang: Lang) -> Vec<(String, String)> {
    Status::ALL.iter().map(|st| (st.label(lang).to_lowercase(), st.as_str().to_string())).collect()
}

/// A form field: its widget follows from its type; regions and themes offer the registries.
fn field(site: &Site, f: &Field) -> Yaml {
    let lang = site.lang();
    let mut out = head(lang, f);
    let pattern = |regex: &str, message: &str| ("pattern", Yaml::List(vec![s(regex), s(lang.ui(message))]));
    match f.field_type {
        FieldType::Text => out.push(("widget", s("string"))),
        FieldType::LongText => out.push(("widget", s("text"))),
        FieldType::Date => out.extend([("widget", s("string")), pattern(DATE_PATTERN, "cms_date_pattern")]),
        FieldType::Slug => out.extend([("widget", s("string")), pattern(SLUG_PATTERN, "cms_slug_pattern")]),
        // Chosen from the site's items with an id, when it has any (written otherwise).
        FieldType::ItemRef => match item_options(site) {
            options if options.is_empty() => {
                // Written by hand: the hint says how (the form's hint speaks of the list).
                out.retain(|(key, _)| *key != "hint");
                out.extend([("hint", s(f.hint.get(lang))), ("widget", s("string"))]);
            }
            options => out.extend(select(options, false, None)),
        },
        // Chosen from the site's meetings (drafts are not offered: they are not published).
        FieldType::Meetings if !site.meetings.is_empty() => out.extend(select(meeting_options(site), true, None)),
        // A new meeting starts as a draft, so nothing is published by mistake.
        FieldType::Bool => out.extend([("widget", s("boolean")), ("default", Yaml::Bool(f.key == schema::DRAFT.key))]),
        FieldType::Integer => out.extend([("widget", s("number")), ("value_type", s("int"))]),
        FieldType::Status => out.extend(select(status_options(lang), false, None)),
        FieldType::TextList | FieldType::Meetings => out.extend([
            ("widget", s("list")),
            // A collapsed item shows its text, not the field's label.
            ("summary", s("{{fields.item}}")),
            ("field", Yaml::Map(vec![("label", s(f.label.get(lang))), ("name", s("item")), ("widget", s("string"))])),
        ]),
        FieldType::Regions => out.extend(select(region_options(site), true, f.is_required().then_some(1))),
        FieldType::Topics => out.extend(select(topic_options(site), true, None)),
        FieldType::FollowUps => {
            let fields = schema::FOLLOW_UP_FIELDS.iter().map(|f| field(site, f)).collect();
            out.extend(list_of(lang, "cms_follow_up", &schema::ACTION, fields));
        }
        FieldType::Attachments => {
            // The form uploads into the media folder (static/bilder/), whose files are named
            // from the root: `/bilder/protokoll.pdf`, as `file:` takes them.
            let fields = schema::ATTACHMENT_FIELDS
                .iter()
                .map(|item| match item.key == schema::FILE.key {
                    true => {
                        Yaml::Map(head(lang, item).into_iter().chain([("widget", s("file")), upload_limit()]).collect())
                    }
                    false => field(site, item),
                })
                .collect();
            out.extend(list_of(lang, "cms_attachment", &schema::ATTACHMENT_TITLE, fields));
        }
        FieldType::Contacts => {
            let fields = schema::CONTACT_FIELDS.iter().map(|f| field(site, f)).collect();
            out.extend(list_of(lang, "cms_contact", &schema::NAME, fields));
        }
        FieldType::Email => out.extend([("widget", s("string")), pattern(EMAIL_PATTERN, "cms_email_pattern")]),
    }
    Yaml::Map(out)
}

/// The fields of a collection's entries, in the form's order.
fn collection_fields(collection: &str) -> Option<&'static [Field]> {
    match collection {
        "meetings" => Some(&schema::MEETING_FIELDS),
        "pages" => Some(&schema::PAGE_FIELDS),
        _ => None,
    }
}

/// The fields of a list's items (follow-ups, attachments, contacts), by the list's type.
fn item_fields(field_type: FieldType) -> Option<&'static [Field]> {
    match field_type {
        FieldType::FollowUps => Some(&schema::FOLLOW_UP_FIELDS),
        FieldType::Attachments => Some(&schema::ATTACHMENT_FIELDS),
        FieldType::Contacts => Some(&schema::CONTACT_FIELDS),
        _ => None,
    }
}

/// A form value as YAML: strings quoted, lists and items in the schema's order; `None` for
/// what the form leaves out (empty text, empty lists, nulls), as Decap does when it saves.
fn form_value(value: &serde_json::Value, items: Option<&'static [Field]>) -> Option<Yaml> {
    use serde_json::Value;
    match value {
        Value::Null => None,
        Value::String(text) if text.trim().is_empty() => None,
        Value::String(text) => Some(Yaml::Str(text.clone())),
        Value::Bool(b) => Some(Yaml::Bool(*b)),
        Value::Number(n) => Some(n.as_i64().map_or_else(|| Yaml::Str(n.to_string()), Yaml::Int)),
        Value::Array(list) => {
            let list: Vec<Yaml> = list.iter().filter_map(|v| form_value(v, items)).collect();
            (!list.is_empty()).then_some(Yaml::List(list))
        }
        Value::Object(map) => {
            let fields = items?;
            let entries: Vec<(&'static str, Yaml)> =
                fields.iter().filter_map(|f| Some((f.key, form_value(map.get(f.key)?, None)?))).collect();
            (!entries.is_empty()).then_some(Yaml::Map(entries))
        }
    }
}

/// The file the form would save for `data` (Decap's entry data: the fields and `body`), as
/// samtal reads it: front matter in the schema's order, then the body. Where each top-level
/// key starts is what [`field_at_line`] reads back. `None` for a collection samtal has none of.
pub fn entry_text(collection: &str, data: &serde_json::Value) -> Option<String> {
    let fields = collection_fields(collection)?;
    // A field the form holds empty is written empty (`[]`, `""`), as Decap writes it; one it
    // does not hold at all is left out.
    let held_empty = |value: &serde_json::Value| match value {
        serde_json::Value::Array(list) if list.is_empty() => Some(Yaml::List(Vec::new())),
        serde_json::Value::String(text) if text.is_empty() => Some(Yaml::Str(String::new())),
        _ => None,
    };
    let entries: Vec<(&'static str, Yaml)> = fields
        .iter()
        .filter_map(|f| {
            let value = data.get(f.key)?;
            Some((f.key, form_value(value, item_fields(f.field_type)).or_else(|| held_empty(value))?))
        })
        .collect();
    let body = data.get("body").and_then(serde_json::Value::as_str).unwrap_or_default();
    Some(format!("---\n{}---\n{body}", Yaml::Map(entries).to_document()))
}

/// The form field a line of a content file belongs to: the top-level key of the front
/// matter it is under, `body` below the front matter; `None` above the first key (or for a
/// file without front matter).
pub fn field_at_line(text: &str, line: usize) -> Option<String> {
    if line <= 1 {
        return None;
    }
    let mut field = None;
    for (number, content) in text.lines().enumerate().map(|(i, l)| (i + 1, l.trim_end_matches('\r'))) {
        let content = content.trim_start_matches('\u{feff}');
        if number == 1 {
            if content.trim_end() != "---" {
                return None;
            }
            continue;
        }
        if content.trim_end() == "---" {
            if number < line {
                return Some("body".into());
            }
            return field;
        }
        if let Some((key, _)) =
            content.split_once(':').filter(|(k, _)| !k.is_empty() && !k.starts_with([' ', '\t', '-', '#']))
        {
            field = Some(key.trim().to_string());
        }
        if number == line {
            return field;
        }
    }
    field
}

/// The item of a list of items (follow-ups, attachments, contacts) a line of a content file
/// belongs to, and the item's field there: `(0, "due")` for the `due:` line of the first
/// follow-up written in block style, as the form writes it. `None` outside such a list, and
/// for an item written on one line (`- { action: …, due: … }`).
pub fn item_at_line(text: &str, line: usize) -> Option<(usize, String)> {
    let top = field_at_line(text, line)?;
    let lines: Vec<&str> = text.lines().map(|l| l.trim_end_matches('\r')).collect();
    // The top-level key's own line: the last one above `line` that starts with it.
    let start = (0..line.min(lines.len())).rev().find(|&i| lines[i].starts_with(&format!("{top}:")))?;
    let mut dash_indent = None;
    let mut item: Option<(usize, Option<String>)> = None;
    for content in &lines[start + 1..line.min(lines.len())] {
        let indent = content.len() - content.trim_start_matches(' ').len();
        let rest = &content[indent..];
        let dash = rest == "-" || rest.starts_with("- ");
        if dash && dash_indent.is_none_or(|d| d == indent) {
            dash_indent = Some(indent);
            let after = rest.trim_start_matches('-').trim_start();
            item = Some((item.map_or(0, |(n, _)| n + 1), key_of(after)));
        } else if let (Some(d), Some((_, key))) = (dash_indent, item.as_mut())
            && indent == d + 2
            && let Some(k) = key_of(rest)
        {
            *key = Some(k);
        }
    }
    let (index, key) = item?;
    Some((index, key?))
}

/// The key a line of a mapping starts with (`due: 2019-06-30` → `due`).
fn key_of(content: &str) -> Option<String> {
    let (key, _) = content.split_once(':')?;
    let plain = !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    plain.then(|| key.to_string())
}

#[cfg(test)]
mod entry_tests {
    use super::*;

    #[test]
    fn form_data_becomes_the_file_the_form_would_save() {
        let data = serde_json::json!({
            "title": "Dialog: Gotland", "date": "2019-05-22", "regions": ["gotland"], "summary": "", "themes": [],
            "outcomes": ["Ett"], "draft": true, "follow_ups": [{"status": "planned", "action": "Göra", "owner": null}],
            "body": "Text.\n", "unknown": "x"
        });
        assert_eq!(
            entry_text("meetings", &data).unwrap(),
            "---\ntitle: \"Dialog: Gotland\"\ndate: \"2019-05-22\"\nregions:\n  - \"gotland\"\nthemes: []\nsummary: \"\"\noutcomes:\n  - \"Ett\"\n\
             follow_ups:\n  - action: \"Göra\"\n    status: \"planned\"\ndraft: true\n---\nText.\n"
        );
        assert_eq!(entry_text("nope", &data), None);
    }

    #[test]
    fn a_line_belongs_to_the_key_above_it_and_the_body_below_the_front_matter() {
        let text = "---\ntitle: X\nsummary: Vi enades # om\noutcomes:\n  - a\n  - b\n---\nText\n";
        let fields: Vec<Option<String>> = (1..=8).map(|line| field_at_line(text, line)).collect();
        let names: Vec<Option<&str>> = fields.iter().map(Option::as_deref).collect();
        assert_eq!(
            names,
            [
                None,
                Some("title"),
                Some("summary"),
                Some("outcomes"),
                Some("outcomes"),
                Some("outcomes"),
                Some("outcomes"),
                Some("body")
            ]
        );
        assert_eq!(field_at_line("no front matter", 1), None);
    }

    #[test]
    fn a_line_in_a_list_of_items_belongs_to_its_item_and_the_items_field() {
        let text = "---\ntitle: X\nfollow_ups:\n  - action: A\n    due: 2018-01-01\n  - action: B\n    owner: O\n    due: 2017-01-01\n  - { action: C, due: 2016 }\noutcomes:\n  - a\n---\nText\n";
        let items: Vec<Option<(usize, String)>> = (1..=13).map(|line| item_at_line(text, line)).collect();
        let items: Vec<Option<(usize, &str)>> =
            items.iter().map(|i| i.as_ref().map(|(n, k)| (*n, k.as_str()))).collect();
        assert_eq!(
            items,
            [
                None,
                None,
                None,
                Some((0, "action")),
                Some((0, "due")),
                Some((1, "action")),
                Some((1, "owner")),
                Some((1, "due")),
                None,
                None,
                None,
                None,
                None
            ]
        );
    }
}
