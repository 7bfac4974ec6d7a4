//! `samtal mv`: where a moved meeting or page will be published, and its new front matter,
//! which keeps the old address alive under `aliases:`. Pure: text in, text out; the binary's
//! `cmd/mv.rs` reads the files and moves them.

use crate::i18n::Lang;
use crate::model::layout::{MEETINGS_DIR, PAGES_DIR, slug_source};
use crate::model::routes::{RESERVED_SEGMENTS, Route};
use crate::model::slug::{is_url_safe, slugify};
use crate::model::{PartialDate, round};
use crate::validate::{alias_path, frontmatter};
use crate::yaml::{self, Node, NodeKind};
use std::collections::{HashMap, HashSet};

/// What other content claims: addresses (pages and former addresses) with the file claiming
/// each, and the rounds, whose pages `/moten/<round>/` are taken too.
#[derive(Debug, Default)]
pub struct Taken {
    pub addresses: HashMap<String, String>,
    pub rounds: HashSet<String>,
}

impl Taken {
    /// Adds what the file at `path` claims.
    pub fn add(&mut self, path: &str, claims: Claims) {
        for url in std::iter::once(claims.url).chain(claims.aliases) {
            self.addresses.entry(url).or_insert_with(|| path.to_string());
        }
        self.rounds.extend(claims.round);
    }
}

/// The front matter key that holds former addresses.
const ALIASES_KEY: &str = "aliases";

/// Which kind of content a file is, by its folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContentKind {
    Meeting,
    Page,
}

impl ContentKind {
    /// The kind of the Markdown file at `path` (relative to the site root, `/` separators).
    pub fn of(path: &str) -> Option<ContentKind> {
        if !path.ends_with(".md") {
            return None;
        }
        let inside = |dir: &str| path.strip_prefix(dir).is_some_and(|rest| rest.starts_with('/'));
        if inside(MEETINGS_DIR) {
            Some(ContentKind::Meeting)
        } else if inside(PAGES_DIR) {
            Some(ContentKind::Page)
        } else {
            None
        }
    }

    fn route(self, slug: &str) -> String {
        let route = match self {
            ContentKind::Meeting => Route::Meeting(slug),
            ContentKind::Page => Route::Page(slug),
        };
        format!("/{}", route.path())
    }
}

/// The addresses a content file claims: its page's and its former ones (`aliases:`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claims {
    /// The page's site path, `/moten/2018-skane/`.
    pub url: String,
    /// `slug:` is set, so the file's name does not decide its address.
    pub has_own_slug: bool,
    pub aliases: Vec<String>,
    /// Former addresses written so that a build cannot use them (`moten/x`): a move would
    /// have to rewrite them, so it waits until they are fixed.
    pub unreadable_aliases: Vec<String>,
    /// A meeting's round (`round:`, else its date's year), whose page `/moten/<round>/` is
    /// taken; `None` for a page or a meeting without a readable date.
    pub round: Option<String>,
}

/// The addresses the file at `path` with `text` claims, or `None` when its front matter cannot
/// be read (then `samtal check` says why).
pub fn claims(path: &str, text: &str) -> Option<Claims> {
    let kind = ContentKind::of(path)?;
    let root = front_matter(text)?;
    let entries = root.as_map()?;
    let value = |key: &str| entries.iter().find(|(k, _)| k.scalar_text().as_deref() == Some(key)).map(|(_, v)| v);
    let own_slug = value("slug").and_then(Node::scalar_text).filter(|s| !s.trim().is_empty());
    let slug = own_slug.clone().unwrap_or_else(|| slug_source(path).1.to_string());
    let aliases = match value(ALIASES_KEY).map(|v| &v.kind) {
        Some(NodeKind::Seq(items)) => items.iter().filter_map(Node::scalar_text).collect(),
        Some(NodeKind::Str(one)) => vec![one.clone()],
        _ => Vec::new(),
    };
    let (mut readable, mut unreadable_aliases) = (Vec::new(), Vec::new());
    for alias in aliases {
        match alias_path(&alias) {
            Ok(path) => readable.push(path),
            Err(_) => unreadable_aliases.push(alias),
        }
    }
    let date = || value("date")?.scalar_text().and_then(|d| PartialDate::parse(&d));
    let written_round = || value("round").and_then(Node::scalar_text);
    let round = match kind {
        ContentKind::Meeting => written_round().or_else(|| Some(round::of(None, date()?))),
        ContentKind::Page => None,
    };
    let url = kind.route(slug.trim());
    Some(Claims { url, has_own_slug: own_slug.is_some(), aliases: readable, unreadable_aliases, round })
}

fn front_matter(text: &str) -> Option<Node> {
    let split = frontmatter::split(text).ok()?;
    yaml::parse(split.yaml, split.yaml_first_line).ok()
}

/// What moving a content file does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The page's site path before and after (equal when `slug:` or the name keeps it).
    pub old_url: String,
    pub new_url: String,
    /// The file's text after the move: the same, or with the old address under `aliases:`
    /// (and the new one taken out of it, when the file moves back to a former name).
    pub text: String,
}

impl Plan {
    pub fn address_changes(&self) -> bool {
        self.old_url != self.new_url
    }
}

/// Why a file cannot be moved. The paths are relative to the site root.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoveProblem {
    #[error("{path} is not a meeting or page file (content/meetings/…md or content/pages/…md)")]
    NotContent { path: String },
    #[error("{from} and {to} are different kinds of content")]
    KindChanges { from: String, to: String },
    #[error("the name {name:?} is not usable in a web address")]
    NameNotUrlSafe { name: String, suggestion: String },
    #[error("the name {name:?} is one of the site's own sections")]
    NameReserved { name: String },
    #[error("the front matter of {path} cannot be read")]
    FrontMatterBroken { path: String },
    #[error("the address {url} is already used by {file}")]
    AddressTaken { url: String, file: String },
    #[error("could not add the old address to aliases: in {path}")]
    CouldNotEdit { path: String },
    #[error("the address {url} is the page of the round {round}")]
    AddressIsRound { url: String, round: String },
    #[error("the former address {alias:?} in {path} cannot be read")]
    AliasUnreadable { path: String, alias: String },
}

impl MoveProblem {
    /// Whether this is a wrong use of the command (exit 2) rather than a problem in the site.
    pub fn is_usage(&self) -> bool {
        matches!(
            self,
            MoveProblem::NotContent { .. }
                | MoveProblem::KindChanges { .. }
                | MoveProblem::NameNotUrlSafe { .. }
                | MoveProblem::NameReserved { .. }
        )
    }

    /// What went wrong, for an author.
    pub fn message(&self, lang: Lang) -> String {
        let sv = lang == Lang::Sv;
        match self {
            MoveProblem::NotContent { path } if sv => {
                format!("{path} är inte ett möte eller en sida (content/meetings/…md eller content/pages/…md)")
            }
            MoveProblem::KindChanges { from, to } if sv => {
                format!("{from} och {to} är olika slags innehåll: ett möte kan inte bli en fri sida eller tvärtom")
            }
            MoveProblem::NameNotUrlSafe { name, .. } if sv => {
                format!("namnet \"{name}\" går inte att använda i en webbadress")
            }
            MoveProblem::NameReserved { name } if sv => {
                format!("namnet \"{name}\" är upptaget av en av webbplatsens egna delar")
            }
            MoveProblem::FrontMatterBroken { path } if sv => {
                format!("huvudet i {path} går inte att läsa, så den gamla adressen kan inte sparas i det")
            }
            MoveProblem::AddressTaken { url, file } if sv => {
                format!("adressen {url} används redan av {file}")
            }
            MoveProblem::CouldNotEdit { path } if sv => {
                format!("samtal kunde inte lägga till den gamla adressen under aliases: i {path}")
            }
            MoveProblem::AddressIsRound { url, round } if sv => {
                format!("adressen {url} är sidan för omgången {round}")
            }
            MoveProblem::AliasUnreadable { path, alias } if sv => {
                format!("den tidigare adressen \"{alias}\" i {path} går inte att läsa, så samtal mv skulle tappa den")
            }
            MoveProblem::AliasUnreadable { path, alias } => {
                format!("the former address \"{alias}\" in {path} cannot be read, so samtal mv would lose it")
            }
            MoveProblem::KindChanges { from, to } => {
                format!("{from} and {to} are different kinds of content: a meeting cannot become a free page or back")
            }
            MoveProblem::FrontMatterBroken { path } => {
                format!("the front matter of {path} cannot be read, so the old address cannot be kept in it")
            }
            MoveProblem::CouldNotEdit { path } => {
                format!("samtal could not add the old address under aliases: in {path}")
            }
            other => other.to_string(),
        }
    }

    /// How to fix it.
    pub fn hint(&self, lang: Lang) -> String {
        let sv = lang == Lang::Sv;
        match self {
            MoveProblem::NotContent { .. } if sv => {
                "ange filen med sin väg från webbplatsens mapp, till exempel content/meetings/2018-skane.md".into()
            }
            MoveProblem::NotContent { .. } => {
                "name the file by its path from the site folder, for example content/meetings/2018-skane.md".into()
            }
            MoveProblem::KindChanges { .. } if sv => {
                "flytta filen inom samma mapp, content/meetings/ eller content/pages/".into()
            }
            MoveProblem::KindChanges { .. } => {
                "move the file within its folder, content/meetings/ or content/pages/".into()
            }
            MoveProblem::NameNotUrlSafe { suggestion, .. } if sv => {
                format!("använd bara a–z, 0–9 och bindestreck, till exempel \"{suggestion}\"")
            }
            MoveProblem::NameNotUrlSafe { suggestion, .. } => {
                format!("use only a–z, 0–9 and hyphens, for example \"{suggestion}\"")
            }
            MoveProblem::NameReserved { .. } if sv => "välj ett annat namn".into(),
            MoveProblem::NameReserved { .. } => "choose another name".into(),
            MoveProblem::FrontMatterBroken { .. } if sv => {
                "rätta filen först: samtal check säger vad som är fel och var".into()
            }
            MoveProblem::FrontMatterBroken { .. } => {
                "fix the file first: samtal check says what is wrong and where".into()
            }
            MoveProblem::AddressTaken { .. } | MoveProblem::AddressIsRound { .. } if sv => {
                "välj ett namn som säger vem mötet var med, till exempel 2019-skane".into()
            }
            MoveProblem::AddressTaken { .. } | MoveProblem::AddressIsRound { .. } => {
                "choose a name that says who the meeting was with, for example 2019-skane".into()
            }
            MoveProblem::AliasUnreadable { .. } if sv => {
                "rätta adressen under aliases: först (samtal check visar hur), och flytta sedan".into()
            }
            MoveProblem::AliasUnreadable { .. } => {
                "fix the address under aliases: first (samtal check shows how), then move".into()
            }
            MoveProblem::CouldNotEdit { .. } if sv => {
                "flytta filen själv och skriv den gamla adressen under aliases: (se docs/authoring.md, Byta adress)"
                    .into()
            }
            MoveProblem::CouldNotEdit { .. } => {
                "move the file yourself and write the old address under aliases: (see docs/authoring.md)".into()
            }
        }
    }
}

/// What moving the content file `from` to `to` (Markdown files' paths relative to the site
/// root; a bundle's `…/index.md`) does to its text `text`. `taken` is what the other files
/// claim: their pages, their former addresses and their rounds.
pub fn plan(from: &str, to: &str, text: &str, taken: &Taken) -> Result<Plan, MoveProblem> {
    let kind = ContentKind::of(from).ok_or_else(|| MoveProblem::NotContent { path: from.to_string() })?;
    let new_kind = ContentKind::of(to).ok_or_else(|| MoveProblem::NotContent { path: to.to_string() })?;
    if kind != new_kind {
        return Err(MoveProblem::KindChanges { from: from.to_string(), to: to.to_string() });
    }
    let (name, new_slug) = slug_source(to);
    if !is_url_safe(new_slug) {
        return Err(MoveProblem::NameNotUrlSafe { name: name.to_string(), suggestion: slugify(new_slug) });
    }
    if kind == ContentKind::Page && RESERVED_SEGMENTS.contains(&new_slug) {
        return Err(MoveProblem::NameReserved { name: name.to_string() });
    }
    let broken = || MoveProblem::FrontMatterBroken { path: from.to_string() };
    let old = claims(from, text).ok_or_else(broken)?;
    if let Some(alias) = old.unreadable_aliases.first() {
        return Err(MoveProblem::AliasUnreadable { path: from.to_string(), alias: alias.clone() });
    }
    let new_url = if old.has_own_slug { old.url.clone() } else { kind.route(new_slug) };
    if let Some(file) = taken.addresses.get(&new_url) {
        return Err(MoveProblem::AddressTaken { url: new_url, file: file.clone() });
    }
    let is_round = |slug: &str| taken.rounds.contains(slug) || old.round.as_deref() == Some(slug);
    if kind == ContentKind::Meeting && !old.has_own_slug && is_round(new_slug) {
        return Err(MoveProblem::AddressIsRound { url: new_url, round: new_slug.to_string() });
    }
    if new_url == old.url {
        return Ok(Plan { old_url: old.url, new_url, text: text.to_string() });
    }
    // The old address leads to the new one; the new one, if it was a former address (the file
    // goes back to an old name), is the page again and no longer an alias.
    let mut aliases: Vec<String> = old.aliases.iter().filter(|a| **a != new_url).cloned().collect();
    if !aliases.contains(&old.url) {
        aliases.push(old.url.clone());
    }
    let edited = with_aliases(text, &aliases).ok_or_else(|| MoveProblem::CouldNotEdit { path: from.to_string() })?;
    // The edit is checked by reading it back as a build will.
    let read_back = claims(to, &edited).map(|c| c.aliases);
    if read_back.as_ref() != Some(&aliases) {
        return Err(MoveProblem::CouldNotEdit { path: from.to_string() });
    }
    Ok(Plan { old_url: old.url, new_url, text: edited })
}

/// `text` with its front matter's `aliases:` entry replaced by `aliases` as a block list at the
/// end of the front matter. Everything else stays as the author wrote it: other fields,
/// comments, line ends (CRLF stays CRLF), a byte order mark, the body.
fn with_aliases(text: &str, aliases: &[String]) -> Option<String> {
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    // Lines are 1-based in the file; the opening fence is line 1.
    let closing = lines.iter().skip(1).position(|l| l.trim_end() == "---")? + 1;
    let root = front_matter(text)?;
    let entries = root.as_map()?;
    let mut keep: Vec<&str> = lines[..closing].to_vec();
    if let Some(index) = entries.iter().position(|(k, _)| k.scalar_text().as_deref() == Some(ALIASES_KEY)) {
        let first = entries[index].0.loc.line - 1;
        let next_key = entries.get(index + 1).map_or(closing, |(k, _)| k.loc.line - 1);
        // Comments and blank lines just above the next field belong to it, not to aliases.
        let mut end = next_key;
        while end > first + 1 && (lines[end - 1].trim().is_empty() || lines[end - 1].trim_start().starts_with('#')) {
            end -= 1;
        }
        keep.drain(first..end);
    }
    let mut out: String = keep.concat();
    if !out.ends_with('\n') {
        out.push_str(newline);
    }
    out.push_str(ALIASES_KEY);
    out.push(':');
    out.push_str(newline);
    for alias in aliases {
        out.push_str("  - ");
        out.push_str(alias);
        out.push_str(newline);
    }
    out.extend(lines[closing..].iter().copied());
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FROM: &str = "content/meetings/2018-skane.md";
    const TO: &str = "content/meetings/2018-05-16-skane.md";

    fn moved(text: &str) -> Plan {
        plan(FROM, TO, text, &Taken::default()).unwrap()
    }

    #[test]
    fn a_renamed_meeting_keeps_its_old_address_as_an_alias() {
        let plan = moved("---\ntitle: Skåne\ndate: 2018-05-16\n---\nText\n");
        assert_eq!((plan.old_url.as_str(), plan.new_url.as_str()), ("/moten/2018-skane/", "/moten/2018-05-16-skane/"));
        assert_eq!(plan.text, "---\ntitle: Skåne\ndate: 2018-05-16\naliases:\n  - /moten/2018-skane/\n---\nText\n");
    }

    #[test]
    fn existing_aliases_in_either_list_form_are_kept_and_extended() {
        let flow = moved("---\ntitle: S\naliases: [/moten/aldre/]\ndate: 2018\n---\n");
        assert_eq!(flow.text, "---\ntitle: S\ndate: 2018\naliases:\n  - /moten/aldre/\n  - /moten/2018-skane/\n---\n");
        let block = moved("---\ntitle: S\naliases:\n  - /moten/aldre/\n\n# Datum\ndate: 2018\n---\n");
        assert_eq!(
            block.text,
            "---\ntitle: S\n\n# Datum\ndate: 2018\naliases:\n  - /moten/aldre/\n  - /moten/2018-skane/\n---\n"
        );
    }

    #[test]
    fn crlf_and_byte_order_mark_survive_the_edit() {
        let plan = moved("\u{feff}---\r\ntitle: S\r\n---\r\nText\r\n");
        assert_eq!(plan.text, "\u{feff}---\r\ntitle: S\r\naliases:\r\n  - /moten/2018-skane/\r\n---\r\nText\r\n");
    }

    #[test]
    fn moving_back_to_a_former_name_takes_that_name_out_of_the_aliases() {
        let text = "---\ntitle: S\naliases: [/moten/2018-05-16-skane/]\n---\n";
        let plan = moved(text);
        assert_eq!(plan.text, "---\ntitle: S\naliases:\n  - /moten/2018-skane/\n---\n");
    }

    #[test]
    fn an_own_slug_or_a_year_folder_keeps_the_address_and_the_text() {
        let text = "---\ntitle: S\nslug: skane-2018\n---\n";
        let plan = moved(text);
        assert!(!plan.address_changes());
        assert_eq!(plan.text, text);
        let text = "---\ntitle: S\n---\n";
        let plan = plan_ok(FROM, "content/meetings/2018/2018-skane.md", text);
        assert_eq!(plan.new_url, "/moten/2018-skane/");
        assert_eq!(plan.text, text);
        let bundle = plan_ok(FROM, "content/meetings/2018-skane/index.md", text);
        assert!(!bundle.address_changes());
    }

    fn plan_ok(from: &str, to: &str, text: &str) -> Plan {
        plan(from, to, text, &Taken::default()).unwrap()
    }

    #[test]
    fn an_address_in_use_a_bad_name_or_a_kind_change_is_refused() {
        let text = "---\ntitle: S\n---\n";
        let addresses = HashMap::from([("/moten/2018-05-16-skane/".to_string(), "content/meetings/x.md".to_string())]);
        let taken = Taken { addresses, ..Taken::default() };
        assert_eq!(
            plan(FROM, TO, text, &taken).unwrap_err(),
            MoveProblem::AddressTaken { url: "/moten/2018-05-16-skane/".into(), file: "content/meetings/x.md".into() }
        );
        let err = plan(FROM, "content/meetings/Skåne 2018.md", text, &Taken::default()).unwrap_err();
        assert_eq!(err, MoveProblem::NameNotUrlSafe { name: "Skåne 2018.md".into(), suggestion: "skane-2018".into() });
        assert!(err.hint(Lang::Sv).contains("\"skane-2018\""));
        let err = plan(FROM, "content/pages/om.md", text, &Taken::default()).unwrap_err();
        assert!(matches!(err, MoveProblem::KindChanges { .. }) && err.is_usage());
        let err = plan("content/pages/om.md", "content/pages/moten.md", text, &Taken::default()).unwrap_err();
        assert_eq!(err, MoveProblem::NameReserved { name: "moten.md".into() });
        assert!(matches!(plan("site.yaml", TO, text, &Taken::default()), Err(MoveProblem::NotContent { .. })));
    }

    #[test]
    fn a_round_page_or_an_unreadable_former_address_stops_the_move() {
        let text = "---\ntitle: S\ndate: 2019-05\n---\n";
        let err = plan(FROM, "content/meetings/2019.md", text, &Taken::default()).unwrap_err();
        assert_eq!(err, MoveProblem::AddressIsRound { url: "/moten/2019/".into(), round: "2019".into() });
        let taken = Taken { rounds: HashSet::from(["2019-hosten".to_string()]), ..Taken::default() };
        assert!(matches!(
            plan(FROM, "content/meetings/2019-hosten.md", text, &taken),
            Err(MoveProblem::AddressIsRound { .. })
        ));
        let text = "---\ntitle: S\naliases: [moten/gammal]\n---\n";
        let err = plan(FROM, TO, text, &Taken::default()).unwrap_err();
        assert_eq!(err, MoveProblem::AliasUnreadable { path: FROM.into(), alias: "moten/gammal".into() });
        assert!(err.hint(Lang::Sv).contains("samtal check"));
    }

    #[test]
    fn a_file_whose_front_matter_fails_is_not_moved_blind() {
        let err = plan(FROM, TO, "---\ntitle: \"S\n---\n", &Taken::default()).unwrap_err();
        assert_eq!(err, MoveProblem::FrontMatterBroken { path: FROM.into() });
        assert!(!err.is_usage());
        assert!(err.message(Lang::Sv).starts_with("huvudet i content/meetings/2018-skane.md går inte att läsa"));
    }

    #[test]
    fn claims_are_the_page_and_its_former_addresses() {
        let c = claims("content/pages/om.md", "---\ntitle: Om\naliases: [/om-oss/, 'https://x.se/gammal/']\n---\n");
        let c = c.unwrap();
        assert_eq!((c.url.as_str(), c.has_own_slug, c.aliases), ("/om/", false, vec!["/om-oss/".to_string()]));
        assert_eq!((c.unreadable_aliases, c.round), (vec!["https://x.se/gammal/".to_string()], None));
        let m = claims("content/meetings/a.md", "---\ntitle: A\ndate: 2019-03-20\n---\n").unwrap();
        assert_eq!(m.round.as_deref(), Some("2019"));
        assert!(claims("content/meetings/a.md", "no front matter").is_none());
    }
}
