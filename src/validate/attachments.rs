//! A meeting's `attachments:` (each `{title, file}`), checked against the files that exist:
//! the meeting's own bundle folder, or `static/` for a path from the root.

use super::fields::Fields;
use crate::diagnostic::{AttachmentPlace, Mistake, Problem};
use crate::model::Attachment;
use crate::model::routes::Route;
use crate::model::schema::{self, ATTACHMENT_KEYS};
use crate::model::suggest::suggest_word;
use crate::yaml::{Node, NodeKind};
use std::collections::HashMap;

/// The files an attachment may name, by name only (their bytes are not needed to check it).
#[derive(Debug, Default)]
pub struct KnownFiles {
    /// Each bundle folder (`content/meetings/2019-skane`) → the paths of its files inside it,
    /// sorted (`bilder/karta.png`, `protokoll.pdf`).
    pub bundles: HashMap<String, Vec<String>>,
    /// The static files' paths in the site (`filer/protokoll.pdf`), sorted.
    pub statics: Vec<String>,
}

impl KnownFiles {
    /// What `validate_scope` compares: a change of any name is a change of what a meeting's
    /// attachments may name.
    pub fn digest(&self) -> String {
        let mut bundles: Vec<_> = self.bundles.iter().collect();
        bundles.sort();
        let mut out = String::new();
        for (folder, files) in bundles {
            out.push_str(folder);
            out.push('\u{1}');
            out.push_str(&files.join("\u{1}"));
            out.push('\u{2}');
        }
        out.push('\u{3}');
        out.push_str(&self.statics.join("\u{1}"));
        out
    }
}

/// `attachments:` of the meeting in `source_path` whose slug is `slug` (its file's
/// address), each resolved to the path it is published at.
pub fn attachments(f: &mut Fields<'_>, source_path: &str, slug: Option<&str>, files: &KnownFiles) -> Vec<Attachment> {
    let bundle = crate::model::layout::bundle_folder(source_path);
    let mut out = Vec::new();
    for (number, node) in items(f).into_iter().enumerate() {
        let mut item = f.nested_item(node, &ATTACHMENT_KEYS, number + 1);
        let title = item.optional_text(schema::ATTACHMENT_TITLE.key);
        if let Some(file) = item.text(&schema::FILE) {
            let width = file.text.chars().count();
            match resolve(&file.text, bundle, files) {
                Ok(Resolved::Bundle(inner)) => {
                    if title.is_none() {
                        item.warn_at(file.loc, width, without_title(&file.text));
                    }
                    if let Some(slug) = slug {
                        let path = format!("{}{inner}", Route::Meeting(slug).path());
                        out.push(Attachment { title: title.map(|t| t.text), path, bytes: 0 });
                    }
                }
                Ok(Resolved::Static(path)) => {
                    if title.is_none() {
                        item.warn_at(file.loc, width, without_title(&file.text));
                    }
                    out.push(Attachment { title: title.map(|t| t.text), path, bytes: 0 });
                }
                Err(mistake) => item.report_at(file.loc, width, Problem::Mistake(mistake)),
            }
        }
        f.absorb(item);
    }
    out
}

/// The items of `attachments:` written as `title`/`file` fields. One written as a bare file
/// name (`attachments: [a.pdf, b.pptx]`) is named as such, with the shape to write it in,
/// rather than as a value of the wrong kind.
fn items<'a>(f: &mut Fields<'a>) -> Vec<&'a Node> {
    let key = schema::ATTACHMENTS.key;
    let names: Vec<&'a Node> = match f.raw(key).map(|n| (n, &n.kind)) {
        Some((_, NodeKind::Seq(items))) => items.iter().filter(|i| is_name(i)).collect(),
        Some((node, _)) if is_name(node) => vec![node],
        _ => Vec::new(),
    };
    if names.is_empty() {
        return f.mapping_list(key);
    }
    for name in &names {
        let file = name.scalar_text().unwrap_or_default();
        f.report(name, Problem::Mistake(Mistake::AttachmentJustAName { file }));
    }
    match f.raw(key).map(|n| &n.kind) {
        Some(NodeKind::Seq(items)) => items.iter().filter(|i| i.as_map().is_some()).collect(),
        _ => Vec::new(),
    }
}

/// A plain text item: a file name where a `title`/`file` pair belongs.
fn is_name(node: &Node) -> bool {
    node.scalar_text().is_some_and(|t| !t.trim().is_empty())
}

fn without_title(file: &str) -> Problem {
    Problem::Mistake(Mistake::AttachmentWithoutTitle { file: file.to_string() })
}

enum Resolved {
    /// A file of the meeting's bundle: its path inside the bundle.
    Bundle(String),
    /// A static file: its path in the site.
    Static(String),
}

/// Where `file:` leads: a file of the bundle (relative), a static file (from the root), or
/// the mistake that keeps it from leading anywhere.
fn resolve(file: &str, bundle: Option<&str>, files: &KnownFiles) -> Result<Resolved, Mistake> {
    let written = file.to_string();
    let lower = file.to_ascii_lowercase();
    let on_computer = super::body::on_computer(file);
    let web = ["http://", "https://", "www.", "mailto:"].iter().any(|p| lower.starts_with(p)) || file.starts_with("//");
    if web || on_computer {
        return Err(Mistake::AttachmentOutside { file: written, web });
    }
    let path = file.trim_start_matches("./");
    if path.split(['/', '\\']).any(|part| part == "..") {
        return Err(Mistake::AttachmentOutside { file: written, web: false });
    }
    let same_name_in_static =
        |name: &str| files.statics.iter().find(|s| s.rsplit('/').next() == Some(name)).map(|s| format!("/{s}"));
    if let Some(site_path) = path.strip_prefix('/') {
        if files.statics.binary_search_by(|s| s.as_str().cmp(site_path)).is_ok() {
            return Ok(Resolved::Static(site_path.to_string()));
        }
        let statics: Vec<String> = files.statics.iter().map(|s| format!("/{s}")).collect();
        let words: Vec<&str> = statics.iter().map(String::as_str).collect();
        let name = site_path.rsplit('/').next().unwrap_or(site_path);
        let suggestion = suggest_word(path, &words).or_else(|| same_name_in_static(name));
        return Err(Mistake::AttachmentMissing { file: written, suggestion, place: AttachmentPlace::Static });
    }
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let Some(folder) = bundle else {
        let suggestion = same_name_in_static(name);
        return Err(Mistake::AttachmentMissing { file: written, suggestion, place: AttachmentPlace::NotABundle });
    };
    let own: &[String] = files.bundles.get(folder).map_or(&[], Vec::as_slice);
    if own.iter().any(|f| f == path) {
        return Ok(Resolved::Bundle(path.to_string()));
    }
    let words: Vec<&str> = own.iter().map(String::as_str).collect();
    let suggestion = suggest_word(path, &words).or_else(|| same_name_in_static(name));
    Err(Mistake::AttachmentMissing { file: written, suggestion, place: AttachmentPlace::Bundle })
}

/// A meeting whose folder's text was not named `index.md` is told to rename it; its files
/// named alone (attachments, pictures) then work, so "the meeting has no folder of its own"
/// is not said as well. Drops those diagnostics of such files.
pub fn drop_for_unnamed_index(diagnostics: &mut Vec<crate::diagnostic::Diagnostic>) {
    let unnamed: std::collections::HashSet<String> = diagnostics
        .iter()
        .filter(|d| matches!(d.problem, Problem::Mistake(Mistake::NotNamedIndex { .. })))
        .map(|d| d.file.clone())
        .collect();
    if unnamed.is_empty() {
        return;
    }
    diagnostics.retain(|d| {
        let follows = matches!(
            d.problem,
            Problem::Mistake(
                Mistake::AttachmentMissing { place: AttachmentPlace::NotABundle, .. }
                    | Mistake::ImagePath { kind: crate::diagnostic::ImagePath::Relative, .. }
            )
        );
        !(follows && unnamed.contains(&d.file))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files() -> KnownFiles {
        KnownFiles {
            bundles: HashMap::from([(
                "content/meetings/m".to_string(),
                vec!["bilder/karta.png".to_string(), "protokoll.pdf".to_string()],
            )]),
            statics: vec!["filer/agenda.pdf".to_string(), "style.css".to_string()],
        }
    }

    fn resolved(file: &str, bundle: Option<&str>) -> Result<String, Mistake> {
        resolve(file, bundle, &files()).map(|r| match r {
            Resolved::Bundle(p) => format!("bundle:{p}"),
            Resolved::Static(p) => format!("static:{p}"),
        })
    }

    #[test]
    fn a_file_is_found_in_the_bundle_or_in_static() {
        let bundle = Some("content/meetings/m");
        assert_eq!(resolved("protokoll.pdf", bundle).unwrap(), "bundle:protokoll.pdf");
        assert_eq!(resolved("./bilder/karta.png", bundle).unwrap(), "bundle:bilder/karta.png");
        assert_eq!(resolved("/filer/agenda.pdf", bundle).unwrap(), "static:filer/agenda.pdf");
        assert_eq!(resolved("/filer/agenda.pdf", None).unwrap(), "static:filer/agenda.pdf");
    }

    #[test]
    fn a_missing_file_gets_a_suggestion_among_the_files_there() {
        let bundle = Some("content/meetings/m");
        let Err(Mistake::AttachmentMissing { suggestion, place, .. }) = resolved("protokol.pdf", bundle) else {
            panic!()
        };
        assert_eq!((suggestion.as_deref(), place), (Some("protokoll.pdf"), AttachmentPlace::Bundle));
        let Err(Mistake::AttachmentMissing { suggestion, place, .. }) = resolved("/filer/agende.pdf", bundle) else {
            panic!()
        };
        assert_eq!((suggestion.as_deref(), place), (Some("/filer/agenda.pdf"), AttachmentPlace::Static));
        let Err(Mistake::AttachmentMissing { suggestion, place, .. }) = resolved("agenda.pdf", None) else { panic!() };
        assert_eq!((suggestion.as_deref(), place), (Some("/filer/agenda.pdf"), AttachmentPlace::NotABundle));
    }

    #[test]
    fn a_path_out_of_the_bundle_or_off_the_site_is_refused() {
        let bundle = Some("content/meetings/m");
        for (file, web) in
            [("../annat/protokoll.pdf", false), ("C:\\Filer\\p.pdf", false), ("https://x.se/p.pdf", true)]
        {
            assert_eq!(resolved(file, bundle), Err(Mistake::AttachmentOutside { file: file.into(), web }), "{file}");
        }
    }
}
