//! Pure validation: source texts in, a checked model and *every* diagnostic out.
//! Nothing here stops at the first problem, and nothing here touches the disk.

mod accessibility;
pub mod attachments;
pub mod body;
mod contact;
pub mod fields;
pub mod follow;
pub mod frontmatter;
mod meeting;
pub mod portable;
mod round;

pub use attachments::KnownFiles;
pub use meeting::{MeetingContext, meeting};
pub use round::{clashes as round_clashes, names_without_meetings as round_names_without_meetings};

use crate::diagnostic::{Diagnostic, Mistake, Problem};
use crate::i18n::Lang;
use crate::model::cms::{self, Backend, Cms};
use crate::model::layout::{MEETINGS_DIR, REGIONS_FILE, Source};
use crate::model::suggest::{Candidate, suggest, suggest_word};
use crate::model::{
    Body, Config, County, Grouping, GroupingKind, Meeting, Page, Registry, Topic,
    routes::{RESERVED_SEGMENTS, Route},
    schema::{self, PAGE_KEYS},
    slug::{is_url_safe, slugify},
    urls::Urls,
};
use crate::yaml::{self, Loc, Node, NodeKind};
use fields::Fields;
use std::collections::HashMap;

/// A file's validation: the item (if it is sound enough) and the file's problems.
pub type Validated<T> = (Option<T>, Vec<Diagnostic>);

/// A meeting file's validation.
pub type ValidatedMeeting = Validated<crate::model::Meeting>;

/// Overrides from the command line.
#[derive(Debug, Clone, Default)]
pub struct ConfigOverrides {
    pub base_url: Option<String>,
    pub output_dir: Option<String>,
    /// The build's today, for "is the accessibility assessment over a year old?".
    pub today: Option<crate::model::PartialDate>,
}

pub const SITE_KEYS: &[&str] = &[
    "title",
    "description",
    "base_url",
    "language",
    "theme",
    "output",
    "publisher",
    "publisher_url",
    "contact",
    "license",
    "og_image",
    "allow_raw_html",
    "rounds",
    "cms",
    "accessibility",
];
/// The keys of `site.yaml`'s `cms:` block.
pub const CMS_KEYS: &[&str] =
    &["backend", "repo", "branch", "base_url", "app_id", "auth_type", "editorial_workflow", "script"];
const COUNTY_KEYS: &[&str] = &[
    "slug",
    "name",
    "name_en",
    "official_name",
    "official_name_en",
    "letter",
    "county_code",
    "iso_3166_2",
    "nuts3",
    "actor_2018",
    "region_2019",
    "contact",
];
const GROUPING_KEYS: &[&str] =
    &["slug", "name", "name_en", "kind", "code", "description", "description_en", "members", "contact"];
const TOPIC_KEYS: &[&str] = &["slug", "name", "name_en", "description", "description_en"];

/// Parses a whole YAML file into its root node, reporting a syntax problem as a diagnostic.
/// Slips that are wrong wherever they stand (a value that needs quotes, a character pasted
/// from Word) are all reported first, instead of what the parser would make of them; valid
/// YAML that is almost certainly not what the author meant is read, with a warning.
fn parse_yaml(source: &Source, text: &str, first_line: usize, out: &mut Vec<Diagnostic>) -> Option<Node> {
    let judged = yaml::slips::judge(text, first_line);
    let slips = judged.before_parse();
    if !slips.is_empty() {
        for f in slips {
            out.push(Diagnostic::error(&source.path, Problem::Yaml(f.problem)).at(f.loc, f.width, &source.text));
        }
        return None;
    }
    match yaml::parse(text, first_line) {
        Ok(node) => {
            for f in judged.after_parse() {
                out.push(Diagnostic::warning(&source.path, Problem::Yaml(f.problem)).at(f.loc, f.width, &source.text));
            }
            Some(node)
        }
        Err(e) => {
            let width = match e.problem {
                yaml::YamlProblem::WrongIndent { found, .. } => found.saturating_sub(1),
                _ => 1,
            };
            out.push(Diagnostic::error(&source.path, Problem::Yaml(e.problem)).at(e.loc, width, &source.text));
            None
        }
    }
}

fn top_of_file() -> Loc {
    Loc { line: 1, column: 1 }
}

/// A required site file with nothing in it (comments aside).
fn empty_site_file(source: &Source) -> Diagnostic {
    let file = [crate::model::layout::SITE_FILE, REGIONS_FILE, crate::model::layout::TOPICS_FILE]
        .into_iter()
        .find(|f| *f == source.path)
        .unwrap_or(REGIONS_FILE);
    Diagnostic::error(&source.path, Problem::Mistake(Mistake::SiteFileMissing { file, empty: true }))
}

/// `site.yaml` → Config. Always returns a usable Config (defaults where broken) so the rest
/// of the site is still checked; problems go to `out`.
pub fn config(source: Option<&Source>, overrides: &ConfigOverrides, out: &mut Vec<Diagnostic>) -> (Config, Urls) {
    let mut config = Config {
        title: "samtal".into(),
        description: String::new(),
        base_url: "/".into(),
        language: Lang::Sv,
        visual_theme: "default".into(),
        output_dir: "public".into(),
        publisher: None,
        publisher_url: None,
        contact: None,
        license: None,
        og_image: None,
        allow_raw_html: false,
        round_names: Default::default(),
        cms: None,
        accessibility: None,
    };
    if let Some(source) = source
        && let Some(root) = parse_yaml(source, &source.text, 1, out)
    {
        match root.as_map() {
            Some(entries) => {
                read_config(source, entries, overrides.base_url.is_none(), &mut config, overrides.today, out)
            }
            None if root.kind == NodeKind::Null => out.push(empty_site_file(source)),
            None => out.push(Diagnostic::error(&source.path, Problem::NotAMapping { what: "site.yaml" }).at(
                root.loc,
                1,
                &source.text,
            )),
        }
    }
    if let Some(base) = &overrides.base_url {
        config.base_url = base.clone();
    }
    if let Some(dir) = &overrides.output_dir {
        config.output_dir = dir.clone();
    }
    let urls = Urls::new(&config.base_url).unwrap_or_else(|| {
        if overrides.base_url.is_some() {
            out.push(Diagnostic::error("--base-url", Problem::InvalidBaseUrl { value: config.base_url.clone() }));
        }
        Urls::new("/").expect("root base url")
    });
    // Published under a full address, the site gets a data catalogue, which needs a licence.
    if let Some(source) = source
        && urls.has_origin()
        && config.license.is_none()
        && !out.iter().any(|d| d.file == source.path && d.is_error())
    {
        out.push(Diagnostic::warning(&source.path, Problem::MissingLicense));
    }
    (config, urls)
}

/// `publishing`: the build publishes under site.yaml's `base_url` (no `--base-url` given), so
/// a `base_url` without a host is worth a warning.
fn read_config(
    source: &Source,
    entries: &[(Node, Node)],
    publishing: bool,
    config: &mut Config,
    today: Option<crate::model::PartialDate>,
    out: &mut Vec<Diagnostic>,
) {
    let mut f = Fields::new(&source.path, &source.text, entries, top_of_file(), SITE_KEYS);
    if let Some(t) = f.required_text("title") {
        config.title = t.text;
    }
    if let Some(d) = f.optional_text("description") {
        config.description = d.text;
    }
    match f.optional_text("base_url") {
        Some(b) => match Urls::new(&b.text) {
            Some(urls) => {
                if publishing && !urls.has_origin() {
                    f.warn_at(b.loc, b.text.chars().count(), Problem::BaseUrlWithoutHost { value: b.text.clone() });
                }
                config.base_url = b.text;
            }
            None => f.report_at(b.loc, b.text.chars().count(), Problem::InvalidBaseUrl { value: b.text.clone() }),
        },
        None if publishing => f.warn(Problem::BaseUrlWithoutHost { value: config.base_url.clone() }),
        None => {}
    }
    if let Some(l) = f.optional_text("language") {
        match Lang::parse(&l.text) {
            Some(lang) => config.language = lang,
            None => f.report_at(l.loc, l.text.chars().count(), Problem::UnknownLanguage { value: l.text.clone() }),
        }
    }
    if let Some(t) = f.optional_text("theme") {
        if is_url_safe(&t.text) {
            config.visual_theme = t.text;
        } else {
            let suggestion = slugify(&t.text);
            f.report_at(t.loc, t.text.chars().count(), Problem::SlugNotUrlSafe { slug: t.text.clone(), suggestion });
        }
    }
    if let Some(o) = f.optional_text("output") {
        config.output_dir = o.text;
    }
    config.publisher = f.optional_text("publisher").map(|p| p.text);
    config.publisher_url = web_address(&mut f, "publisher_url");
    config.contact = f.optional_text("contact").map(|c| c.text);
    config.license = web_address(&mut f, "license");
    config.og_image = f.optional_text("og_image").map(|o| o.text);
    config.allow_raw_html = f.bool("allow_raw_html", false);
    config.round_names = round::names(&mut f);
    if let Some(node) = f.get("cms") {
        if node.as_map().is_some() {
            let mut nested = f.nested(node, CMS_KEYS);
            config.cms = read_cms(&mut nested);
            f.absorb(nested);
        } else {
            f.report(node, Problem::WrongType { field: "cms".into(), expected: crate::diagnostic::Expected::Mapping });
        }
    }
    if let Some(node) = f.get("accessibility") {
        config.accessibility = accessibility::read(&mut f, node, config.publisher.is_some(), today);
    }
    out.append(&mut f.diagnostics);
}

/// A setting that must be a full web address (`license:`, `publisher_url:`): it names
/// something in the data catalogue, where only an absolute IRI will do.
fn web_address(f: &mut Fields<'_>, key: &str) -> Option<String> {
    let value = f.optional_text(key)?;
    let text = value.text.trim();
    let host = text.strip_prefix("https://").or_else(|| text.strip_prefix("http://")).unwrap_or_default();
    if host.is_empty() || host.starts_with('/') || text.contains(char::is_whitespace) || text.contains(['<', '>', '"'])
    {
        let problem = Problem::NotAWebAddress { field: key.into(), value: value.text.clone() };
        f.report_at(value.loc, value.text.chars().count(), problem);
        return None;
    }
    Some(text.to_string())
}

/// `site.yaml`'s `cms:` block; `None` (with every problem reported) when it cannot be used.
fn read_cms(f: &mut Fields<'_>) -> Option<Cms> {
    let backend = f.required_text("backend").and_then(|b| {
        let backend = Backend::parse(&b.text);
        if backend.is_none() {
            let suggestion = suggest_word(&b.text, &Backend::NAMES);
            let problem = Problem::UnknownSetting {
                field: "backend".into(),
                value: b.text.clone(),
                allowed: &Backend::NAMES,
                suggestion,
            };
            f.report_at(b.loc, b.text.chars().count(), problem);
        }
        backend
    });
    let repo = match backend {
        Some(b) if b.needs_repo() => f.required_text("repo"),
        _ => f.optional_text("repo"),
    };
    let repo_ok = repo.as_ref().is_none_or(|r| {
        let ok = cms::is_repo_name(&r.text);
        if !ok {
            f.report_at(r.loc, r.text.chars().count(), Problem::InvalidCmsRepo { value: r.text.clone() });
        }
        ok
    });
    let branch = f.optional_text("branch").map_or_else(|| "main".to_string(), |b| b.text);
    let base_url = f.optional_text("base_url").map(|b| b.text);
    let app_id = f.optional_text("app_id").map(|a| a.text);
    let auth_type = f.optional_text("auth_type").and_then(|a| {
        if cms::AUTH_TYPES.contains(&a.text.as_str()) {
            return Some(a.text);
        }
        let suggestion = suggest_word(&a.text, &cms::AUTH_TYPES);
        let problem = Problem::UnknownSetting {
            field: "auth_type".into(),
            value: a.text.clone(),
            allowed: &cms::AUTH_TYPES,
            suggestion,
        };
        f.report_at(a.loc, a.text.chars().count(), problem);
        None
    });
    let editorial_workflow = f.bool("editorial_workflow", false);
    let script = f.optional_text("script").map(|s| s.text);
    if !repo_ok || (backend.is_some_and(Backend::needs_repo) && repo.is_none()) {
        return None;
    }
    Some(Cms {
        backend: backend?,
        repo: repo.map(|r| r.text),
        branch,
        base_url,
        app_id,
        auth_type,
        editorial_workflow,
        script,
    })
}

/// Reads a YAML file whose top level must be a mapping (or a list, for `themes.yaml`).
fn registry_root(source: &Source, out: &mut Vec<Diagnostic>) -> Option<Node> {
    parse_yaml(source, &source.text, 1, out)
}

/// Reports a slug used twice in one registry file; returns whether it is new.
fn check_unique(seen: &mut HashMap<String, usize>, slug: &fields::Located, f: &mut Fields<'_>) -> bool {
    if let Some(first_line) = seen.get(&slug.text) {
        let problem = Problem::DuplicateRegistrySlug { slug: slug.text.clone(), first_line: *first_line };
        f.report_at(slug.loc, slug.text.chars().count(), problem);
        return false;
    }
    seen.insert(slug.text.clone(), slug.loc.line);
    true
}

/// A registry entry's slug; `folder` is where its page lives (`regioner`, `teman`).
fn checked_slug(f: &mut Fields<'_>, folder: &str) -> Option<fields::Located> {
    let slug = f.required_text("slug")?;
    if let Some(problem) = portable::reserved_slug(&slug.text, &format!("/{folder}/{}/", slug.text)) {
        f.report_at(slug.loc, slug.text.chars().count(), problem);
        return None;
    }
    if !is_url_safe(&slug.text) {
        let suggestion = slugify(&slug.text);
        f.report_at(
            slug.loc,
            slug.text.chars().count(),
            Problem::SlugNotUrlSafe { slug: slug.text.clone(), suggestion },
        );
        return None;
    }
    Some(slug)
}

/// `content/regions.yaml` → counties and groupings.
pub fn registry(source: Option<&Source>, out: &mut Vec<Diagnostic>) -> Registry {
    let mut registry = Registry::default();
    // A missing file is reported where it is looked for (`load`).
    let Some(source) = source else { return registry };
    let Some(root) = registry_root(source, out) else { return registry };
    if root.kind == NodeKind::Null {
        out.push(empty_site_file(source));
        return registry;
    }
    let Some(entries) = root.as_map() else {
        out.push(Diagnostic::error(&source.path, Problem::NotAMapping { what: "regions.yaml" }).at(
            root.loc,
            1,
            &source.text,
        ));
        return registry;
    };
    let mut top = Fields::new(&source.path, &source.text, entries, root.loc, &["counties", "groupings"]);
    let mut seen = HashMap::new();
    for node in top.mapping_list("counties") {
        let mut f = top.nested(node, COUNTY_KEYS);
        if let Some(county) = read_county(&mut f, &mut seen) {
            registry.counties.push(county);
        }
        top.absorb(f);
    }
    let mut member_refs = Vec::new();
    for node in top.mapping_list("groupings") {
        let mut f = top.nested(node, GROUPING_KEYS);
        if let Some((grouping, members)) = read_grouping(&mut f, &mut seen) {
            registry.groupings.push(grouping);
            member_refs.extend(members);
        }
        top.absorb(f);
    }
    let candidates = region_candidates(&registry.counties, &[]);
    for member in member_refs {
        if !registry.counties.iter().any(|c| c.slug == member.text) {
            let suggestion = suggest(&member.text, &candidates);
            top.report_at(
                member.loc,
                member.text.chars().count(),
                Problem::GroupingUnknownCounty { slug: member.text, suggestion },
            );
        }
    }
    out.append(&mut top.diagnostics);
    registry
}

fn read_county(f: &mut Fields<'_>, seen: &mut HashMap<String, usize>) -> Option<County> {
    let slug = checked_slug(f, "regioner");
    let mut text = |key: &str| f.required_text(key).map(|l| l.text);
    let name = text("name");
    let official_name = text("official_name");
    let county_code = text("county_code");
    let iso_3166_2 = text("iso_3166_2");
    let actor_2018 = text("actor_2018");
    let region_2019 = text("region_2019");
    let optional = |f: &mut Fields<'_>, key: &str| f.optional_text(key).map(|l| l.text);
    let name_en = optional(f, "name_en");
    let official_name_en = optional(f, "official_name_en");
    let letter = optional(f, "letter").unwrap_or_default();
    let nuts3 = optional(f, "nuts3").unwrap_or_default();
    let contacts = contact::contacts(f, "contact");
    let slug = slug.filter(|s| check_unique(seen, s, f))?;
    let name = name?;
    Some(County {
        slug: slug.text,
        name_en: name_en.unwrap_or_else(|| name.clone()),
        official_name_en: official_name_en.unwrap_or_else(|| official_name.clone().unwrap_or_default()),
        name,
        official_name: official_name?,
        letter,
        county_code: county_code?,
        iso_3166_2: iso_3166_2?,
        nuts3,
        actor_2018: actor_2018?,
        region_2019: region_2019?,
        contacts,
    })
}

fn read_grouping(f: &mut Fields<'_>, seen: &mut HashMap<String, usize>) -> Option<(Grouping, Vec<fields::Located>)> {
    let slug = checked_slug(f, "regioner");
    let name = f.required_text("name").map(|l| l.text);
    let name_en = f.optional_text("name_en").map(|l| l.text);
    let kind = match f.optional_text("kind") {
        None => GroupingKind::Other,
        Some(k) => match k.text.as_str() {
            "nuts2" => GroupingKind::Nuts2,
            "team" => GroupingKind::Team,
            "other" => GroupingKind::Other,
            _ => {
                let suggestion = suggest_word(&k.text, &["nuts2", "team", "other"]);
                f.report_at(
                    k.loc,
                    k.text.chars().count(),
                    Problem::UnknownGroupingKind { value: k.text.clone(), suggestion },
                );
                GroupingKind::Other
            }
        },
    };
    let code = f.optional_text("code").map(|l| l.text);
    let description = f.optional_text("description").map(|l| l.text).unwrap_or_default();
    let description_en = f.optional_text("description_en").map(|l| l.text);
    let members = f.text_list("members");
    let contacts = contact::contacts(f, "contact");
    let slug = slug.filter(|s| check_unique(seen, s, f))?;
    let name = name?;
    Some((
        Grouping {
            slug: slug.text,
            name_en: name_en.unwrap_or_else(|| name.clone()),
            name,
            kind,
            code,
            description_en: description_en.unwrap_or_else(|| description.clone()),
            description,
            members: members.iter().map(|m| m.text.clone()).collect(),
            contacts,
        },
        members,
    ))
}

/// `content/themes.yaml` → topical themes.
pub fn topics(source: Option<&Source>, out: &mut Vec<Diagnostic>) -> Vec<Topic> {
    let mut topics = Vec::new();
    let Some(source) = source else { return topics };
    let Some(root) = registry_root(source, out) else { return topics };
    let items: Vec<&Node> = match &root.kind {
        NodeKind::Seq(items) => items.iter().collect(),
        NodeKind::Null => {
            out.push(empty_site_file(source));
            return topics;
        }
        _ => {
            out.push(
                Diagnostic::error(
                    &source.path,
                    Problem::WrongType { field: "themes.yaml".into(), expected: crate::diagnostic::Expected::List },
                )
                .at(root.loc, 1, &source.text),
            );
            return topics;
        }
    };
    let mut seen = HashMap::new();
    for node in items {
        let Some(entries) = node.as_map() else {
            out.push(Diagnostic::error(&source.path, Problem::NotAMapping { what: "themes.yaml" }).at(
                node.loc,
                1,
                &source.text,
            ));
            continue;
        };
        let mut f = Fields::new(&source.path, &source.text, entries, node.loc, TOPIC_KEYS);
        let slug = checked_slug(&mut f, "teman");
        let name = f.required_text("name").map(|l| l.text);
        let name_en = f.optional_text("name_en").map(|l| l.text);
        let description = f.optional_text("description").map(|l| l.text).unwrap_or_default();
        let description_en = f.optional_text("description_en").map(|l| l.text);
        if let (Some(slug), Some(name)) = (slug.filter(|s| check_unique(&mut seen, s, &mut f)), name) {
            topics.push(Topic {
                slug: slug.text,
                name_en: name_en.unwrap_or_else(|| name.clone()),
                name,
                description_en: description_en.unwrap_or_else(|| description.clone()),
                description,
            });
        }
        out.append(&mut f.diagnostics);
    }
    topics
}

/// Every slug a meeting's `regions:` may name, with the names an author might write instead.
pub fn region_candidates<'a>(counties: &'a [County], groupings: &'a [Grouping]) -> Vec<Candidate<'a>> {
    counties
        .iter()
        .map(|c| Candidate {
            slug: &c.slug,
            names: vec![&c.name, &c.name_en, &c.official_name, &c.official_name_en, &c.actor_2018, &c.region_2019],
        })
        .chain(groupings.iter().map(|g| Candidate { slug: &g.slug, names: vec![&g.name, &g.name_en] }))
        .collect()
}

pub(super) fn topic_candidates(topics: &[Topic]) -> Vec<Candidate<'_>> {
    topics.iter().map(|t| Candidate { slug: &t.slug, names: vec![&t.name, &t.name_en] }).collect()
}

/// Splits a Markdown file, reporting file-level problems; returns the front matter's
/// entries (parsed) and the body.
/// A content file's front matter and body. When the front matter cannot be read, the body
/// is still checked, so its problems come in the same run as the front matter's.
fn front_matter(source: &Source, allow_raw_html: bool, out: &mut Vec<Diagnostic>) -> Option<(Node, Body)> {
    let split = match frontmatter::split(&source.text) {
        Ok(split) => split,
        Err(problem) => {
            out.push(Diagnostic::error(&source.path, problem).at(top_of_file(), 3, &source.text));
            return None;
        }
    };
    // The body is a slice of the file's text: its place in the file is where it starts.
    let offset = split.body.as_ptr() as usize - source.text.as_ptr() as usize;
    if let Some((at, character, count)) = crate::model::text::unpublishable(split.body) {
        let problem = Problem::ControlCharacter { character, count };
        let lines = crate::diagnostic::Lines::new(&source.text);
        out.push(Diagnostic::warning(&source.path, problem).at_in(lines.loc(offset + at), 1, &lines));
    }
    let body = Body::new(split.body, offset, split.body_first_line);
    let check_body = |out: &mut Vec<Diagnostic>| {
        out.extend(body::check(&source.path, &source.text, split.body, split.body_first_line, allow_raw_html));
    };
    let Some(root) = parse_yaml(source, split.yaml, split.yaml_first_line, out) else {
        check_body(out);
        return None;
    };
    if root.as_map().is_none() {
        let loc = if root.kind == NodeKind::Null { top_of_file() } else { root.loc };
        out.push(Diagnostic::error(&source.path, Problem::FrontMatterNotMapping).at(loc, 3, &source.text));
        check_body(out);
        return None;
    }
    Some((root, body))
}

/// `aliases:`: a meeting's or page's former addresses, each as a site path (see
/// [`alias_path`]); one that is not is reported where it is written.
fn aliases(f: &mut Fields<'_>, field: &crate::model::schema::Field) -> Vec<String> {
    let mut paths = Vec::new();
    for alias in f.list(field) {
        match alias_path(&alias.text) {
            Ok(path) => paths.push(path),
            Err(suggestion) => {
                let problem = Problem::AliasNotAPath { alias: alias.text.clone(), suggestion };
                f.report_at(alias.loc, alias.text.chars().count(), problem);
            }
        }
    }
    paths
}

/// An alias as a path on the site: `/` first, and last for a folder (`/moten/gammalt-namn/`),
/// or a file ending in `.html` (`/gamla/mote.html`); segments of ASCII letters, digits, `-`,
/// `_` and `.` (not first). Else the path to suggest, when one is clear (a whole address, a
/// path without its first `/`, a query or fragment), or none.
pub fn alias_path(text: &str) -> Result<String, Option<String>> {
    let text = text.trim();
    if let Some((_, rest)) = text.split_once("://") {
        return Err(alias_path(rest.find('/').map_or("/", |i| &rest[i..])).ok());
    }
    if !text.starts_with('/') {
        return Err(alias_path(&format!("/{text}")).ok());
    }
    let path = text.split(['?', '#']).next().unwrap_or_default();
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let segment_ok =
        |s: &&str| !s.starts_with('.') && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b));
    let serve_own = segments.first() == Some(&"__samtal");
    if segments.is_empty() || path.contains("//") || serve_own || !segments.iter().all(segment_ok) {
        return Err(None);
    }
    let file = segments.last().is_some_and(|s| s.ends_with(".html"));
    let normal = format!("/{}{}", segments.join("/"), if file { "" } else { "/" });
    if path != text {
        return Err(Some(normal));
    }
    Ok(normal)
}

/// The slug of a content file: its `slug:` field, else its file name without `.md` (a
/// bundle's folder name, see [`crate::model::layout::slug_source`]).
fn content_slug(source: &Source, f: &mut Fields<'_>) -> Option<String> {
    let (slug, loc) = match f.optional_text(schema::SLUG.key) {
        Some(s) => (s.text, Some(s.loc)),
        None => (crate::model::layout::slug_source(&source.path).1.to_string(), None),
    };
    if is_url_safe(&slug) {
        // A reserved `slug:` is reported here; one from the file name as the file's name
        // (`portable::check`).
        let route = if source.path.starts_with(MEETINGS_DIR) { Route::Meeting(&slug) } else { Route::Page(&slug) };
        let url = format!("/{}", route.path());
        if let (Some(problem), Some(loc)) = (portable::reserved_slug(&slug, &url), loc) {
            f.report_at(loc, slug.chars().count(), problem);
            return None;
        }
        return Some(slug);
    }
    match loc {
        Some(loc) => {
            let problem = Problem::SlugNotUrlSafe { suggestion: slugify(&slug), slug: slug.clone() };
            f.report_at(loc, slug.chars().count(), problem);
        }
        None => {
            // Control characters in a file name are shown escaped, never sent to the terminal.
            let file_name = crate::model::layout::slug_source(&source.path).0;
            let file_name: String = file_name
                .chars()
                .map(|c| if c.is_control() { c.escape_debug().to_string() } else { c.to_string() })
                .collect();
            // A bundle's address is its folder's name: the folder is what to rename.
            let folder = crate::model::layout::bundle_folder(&source.path).is_some();
            let problem = Problem::FileNameNotUrlSafe { file_name, suggestion: slugify(&slug), folder };
            f.diagnostics.push(Diagnostic::error(&source.path, problem));
        }
    }
    None
}

pub fn page(source: &Source, allow_raw_html: bool, out: &mut Vec<Diagnostic>) -> Option<Page> {
    let (root, body) = front_matter(source, allow_raw_html, out)?;
    let mut f = Fields::new(&source.path, &source.text, root.as_map().unwrap_or_default(), top_of_file(), &PAGE_KEYS);
    let text = &source.text[body.offset..];
    f.diagnostics.extend(body::check(&source.path, &source.text, text, body.first_line, allow_raw_html));
    let slug = content_slug(source, &mut f);
    let title = f.text(&schema::PAGE_TITLE);
    let summary = f.text(&schema::PAGE_SUMMARY).map(|s| s.text);
    let weight = f.int(schema::WEIGHT.key, 0);
    let featured = f.bool(schema::FEATURED.key, false);
    let aliases = aliases(&mut f, &schema::PAGE_ALIASES);
    let updated = f.date(&schema::PAGE_UPDATED);
    let language = f.text(&schema::PAGE_LANGUAGE).and_then(|l| match Lang::parse(&l.text) {
        Some(lang) => Some(lang),
        None => {
            f.report_at(l.loc, l.text.chars().count(), Problem::UnknownLanguage { value: l.text.clone() });
            None
        }
    });
    if f.raw(schema::DATE.key).is_some() && f.raw(schema::REGIONS.key).is_some() {
        // A meeting among the pages: its meeting fields are not unknown, they are in the wrong folder.
        let meeting_key =
            |p: &Problem| matches!(p, Problem::UnknownKey { key, .. } if schema::MEETING_KEYS.contains(&key.as_str()));
        f.diagnostics.retain(|d| !meeting_key(&d.problem));
        f.report_at(top_of_file(), 3, Problem::Mistake(crate::diagnostic::Mistake::MeetingAmongPages));
    }
    let has_errors = f.diagnostics.iter().any(Diagnostic::is_error);
    out.append(&mut f.diagnostics);
    if has_errors {
        return None;
    }
    Some(Page {
        slug: slug?,
        source_path: source.path.clone(),
        title: title?.text,
        summary,
        weight,
        featured,
        language,
        aliases,
        updated,
        body,
    })
}

/// Two files that would write the same URL: every later one is reported.
pub fn duplicate_urls(meetings: &[Meeting], pages: &[Page], urls: &Urls, out: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<String, &str> = HashMap::new();
    let claims = meetings
        .iter()
        .map(|m| (urls.meeting(&m.slug), m.slug.as_str(), m.source_path.as_str()))
        .chain(pages.iter().map(|p| (urls.page(&p.slug), p.slug.as_str(), p.source_path.as_str())));
    for (url, slug, path) in claims {
        let reserved = RESERVED_SEGMENTS.contains(&slug) && pages.iter().any(|p| p.source_path == path);
        if reserved {
            out.push(Diagnostic::error(path, Problem::ReservedSlug { slug: slug.to_string(), url }));
            continue;
        }
        match seen.get(&url).copied() {
            Some(other_file) => out.push(Diagnostic::error(
                path,
                Problem::DuplicateSlug { slug: slug.to_string(), url: url.clone(), other_file: other_file.to_string() },
            )),
            None => {
                seen.insert(url, path);
            }
        }
    }
}
