//! The browser editor's preview and checks: an entry as the form holds it (saved or not) is
//! rendered as its page with the site's own templates and CSS ([`crate::preview`]), and
//! every problem `samtal check` finds in it is returned with the form field it concerns, in
//! the site's language. `admin.js` ([`SCRIPT`]), added to `/admin/` by `serve`, shows both.

use super::edit::{Backend, ENTRY_FOLDERS, Reason, Refusal};
use crate::Options;
use crate::diagnostic::Diagnostic;
use crate::model::layout::{MEETINGS_DIR, PAGES_DIR};
use crate::render::cms::{entry_text, field_at_line, item_at_line};
use serde_json::{Value, json};

/// The editor's script: the preview template and the problems beside their fields.
pub const SCRIPT: &str = include_str!("admin.js");

fn bad() -> Refusal {
    Refusal { status: 400, reason: Reason::BadRequest }
}

/// A path the editor may name: a Markdown file in a content folder, nothing that climbs out.
fn entry_path(path: &str) -> Option<&str> {
    let inside = ENTRY_FOLDERS.iter().any(|f| path.strip_prefix(f).is_some_and(|rest| rest.starts_with('/')));
    let plain = !path.contains(['\\', ':', '\0']) && path.split('/').all(|s| !s.is_empty() && s != "." && s != "..");
    (inside && plain && path.ends_with(".md")).then_some(path)
}

/// Where the form will save a new entry: a meeting in its own folder in its year's folder
/// (`content/meetings/2019/2019-05-22-gotland/index.md`, named as `admin/config.yml` names
/// it), a page by its title.
pub fn new_entry_path(collection: &str, data: &Value) -> Option<String> {
    let text = |key: &str| data.get(key).and_then(Value::as_str).unwrap_or_default().trim().to_string();
    match collection {
        "meetings" => {
            let date = text("date");
            let regions: Vec<&str> = data
                .get("regions")
                .and_then(Value::as_array)
                .map(|r| r.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let slug = crate::model::slug::slugify(&format!("{date}-{}", regions.join("-")));
            // The round's folder, as the backend chooses it: `round:`, else the date's year.
            let round = text("round");
            let year = date.get(..4).filter(|y| y.bytes().all(|b| b.is_ascii_digit()));
            let folder = Some(round.as_str()).filter(|r| crate::model::slug::is_url_safe(r)).or(year);
            Some(match folder {
                Some(folder) => format!("{MEETINGS_DIR}/{folder}/{slug}/index.md"),
                None => format!("{MEETINGS_DIR}/{slug}/index.md"),
            })
        }
        "pages" => {
            let slug = crate::model::slug::slugify(&text("title"));
            Some(format!("{PAGES_DIR}/{}.md", if slug.is_empty() { "ny-sida" } else { &slug }))
        }
        _ => None,
    }
}

/// Whether `d` only says that a file the author has added in the form, but not saved yet,
/// is missing (it will be there once saved).
fn about_pending_file(d: &Diagnostic, pending: &[String], lang: crate::i18n::Lang) -> bool {
    use crate::diagnostic::{Mistake, Problem};
    let named = |url: &str| pending.iter().any(|p| url == p || url.ends_with(&format!("/{p}")));
    match &d.problem {
        Problem::Mistake(Mistake::AttachmentMissing { file, .. }) => named(file),
        Problem::BrokenLink { url, .. } | Problem::MissingImage { url } => named(url),
        other => pending.iter().any(|p| other.message(lang).contains(p.as_str())) && !d.is_error(),
    }
}

/// The files added in the form and not saved yet: `[{name, size}]`, names as the form
/// saves them (beside the entry), sizes at most the upload limit.
fn pending_files(request: &Value) -> Vec<(String, u64)> {
    let files = request.get("pending").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    files
        .iter()
        .filter_map(|f| {
            let name = f.get("name")?.as_str()?;
            let plain = !name.is_empty() && !name.contains(['/', '\\', '\0']) && !name.starts_with('.');
            let size = f.get("size").and_then(Value::as_u64).unwrap_or(0).min(super::upload::MAX_FILE_BYTES);
            plain.then(|| (name.to_string(), size))
        })
        .collect()
}

/// What stands in for a file not saved yet: a 1×1 picture of its format (the browser shows
/// the real one), or as many bytes as the file has (its size is shown with an attachment).
fn stand_in(name: &str, size: u64) -> Vec<u8> {
    crate::render::images::placeholder(name).unwrap_or_else(|| vec![0; usize::try_from(size).unwrap_or(0)])
}

/// Answers a preview request: `{collection, path?, data, pristine, pending: [{name, size}]}` → the page and the
/// problems. `pristine` (the entry as opened, not changed) checks the file as it is on disk,
/// so what the form cannot show (a comment that cuts a value short) is still told.
pub fn answer(options: &Options, backend: &Backend, request: &Value) -> Result<Value, Refusal> {
    let collection = request.get("collection").and_then(Value::as_str).ok_or_else(bad)?;
    let data = request.get("data").ok_or_else(bad)?;
    let given = request.get("path").and_then(Value::as_str).filter(|p| !p.is_empty());
    let path = match given {
        Some(path) => entry_path(path).and_then(|p| backend.entry_location(p)).ok_or_else(bad)?,
        None => new_entry_path(collection, data).ok_or_else(bad)?,
    };
    let on_disk = options.root.join(&path);
    let pristine = request.get("pristine").and_then(Value::as_bool).unwrap_or(false) && on_disk.is_file();
    let text = match pristine {
        true => std::fs::read_to_string(&on_disk).ok(),
        false => Some(entry_text(collection, data).ok_or_else(bad)?),
    };
    let pending = pending_files(request);
    let unsaved = if pristine { None } else { text.clone() };
    let stand_ins = pending.iter().map(|(name, size)| (name.clone(), stand_in(name, *size))).collect();
    let pending: Vec<String> = pending.into_iter().map(|(name, _)| name).collect();
    let preview = crate::preview(options, &path, unsaved, stand_ins)
        .map_err(|e| Refusal { status: 500, reason: Reason::Io(e.message(e.lang().unwrap_or_default())) })?;
    let lang = preview.lang;
    let problems: Vec<Value> = preview
        .diagnostics
        .iter()
        .filter(|d| !about_pending_file(d, &pending, lang))
        .map(|d| problem(d, text.as_deref().filter(|_| d.file == path), lang))
        .collect();
    let count = |error: bool| problems.iter().filter(|p| (p["severity"] == "error") == error).count();
    // Saved over the file on disk: the comments the save cannot keep (see `super::keep`).
    let dropped = match (pristine, text.as_deref()) {
        (false, Some(text)) if on_disk.is_file() => {
            std::fs::read_to_string(&on_disk).map(|old| super::keep::comments_dropped(&old, text)).unwrap_or_default()
        }
        _ => Vec::new(),
    };
    Ok(json!({
        "path": path,
        "url": preview.url,
        "html": preview.page,
        "errors": count(true),
        "warnings": count(false),
        "problems": problems,
        "comments_dropped": dropped,
    }))
}

/// The field a problem without a place names: one left out.
fn missing_field(problem: &crate::diagnostic::Problem) -> Option<&str> {
    use crate::diagnostic::Problem;
    use crate::model::schema;
    match problem {
        Problem::MissingField { field } => Some(field),
        Problem::MissingSummary => Some(schema::SUMMARY.key),
        Problem::MissingOutcomes => Some(schema::OUTCOMES.key),
        _ => None,
    }
}

/// One problem for the form: its field (from its line in `text`), severity, message and hint.
fn problem(d: &Diagnostic, text: Option<&str>, lang: crate::i18n::Lang) -> Value {
    let line = d.loc.map(|l| l.line);
    // A field left out is named by the problem (it may be placed at the front matter's start).
    let field = missing_field(&d.problem).map(str::to_string).or_else(|| match (text, line) {
        (Some(text), Some(line)) => field_at_line(text, line),
        _ => None,
    });
    // Inside a list of items (a follow-up's `due:`): which item, and its field there.
    let item = match (text, line) {
        (Some(text), Some(line)) if missing_field(&d.problem).is_none() => item_at_line(text, line),
        _ => None,
    };
    json!({
        "field": field,
        "item": item.as_ref().map(|(index, _)| index),
        "item_field": item.as_ref().map(|(_, key)| key),
        "severity": if d.is_error() { "error" } else { "warning" },
        "message": d.problem.message(lang),
        "hint": d.problem.hint(lang),
        "file": d.file,
        "line": line,
        "column": d.loc.map(|l| l.column),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_meeting_goes_into_its_own_folder_in_its_year() {
        let data = json!({"date": "2019-05-22", "regions": ["gotland", "skane"]});
        assert_eq!(
            new_entry_path("meetings", &data).as_deref(),
            Some("content/meetings/2019/2019-05-22-gotland-skane/index.md")
        );
        let named = json!({"date": "2019-10-01", "round": "2019-hosten", "regions": ["gotland"]});
        assert_eq!(
            new_entry_path("meetings", &named).as_deref(),
            Some("content/meetings/2019-hosten/2019-10-01-gotland/index.md")
        );
        assert_eq!(new_entry_path("meetings", &json!({})).as_deref(), Some("content/meetings/namnlos/index.md"));
        assert_eq!(new_entry_path("pages", &json!({"title": "Om oss"})).as_deref(), Some("content/pages/om-oss.md"));
    }

    #[test]
    fn a_problem_about_a_field_left_out_names_that_field() {
        use crate::diagnostic::Problem;
        assert_eq!(missing_field(&Problem::MissingSummary), Some("summary"));
        assert_eq!(missing_field(&Problem::MissingOutcomes), Some("outcomes"));
        assert_eq!(missing_field(&Problem::MissingField { field: "date".into() }), Some("date"));
    }

    #[test]
    fn only_markdown_files_in_the_content_folders_are_previewed() {
        assert!(entry_path("content/meetings/2019/x/index.md").is_some());
        for bad in
            ["site.yaml", "content/meetings/../../x.md", "content/regions.yaml", "content/meetingsx/a.md", "/etc/x.md"]
        {
            assert!(entry_path(bad).is_none(), "{bad}");
        }
    }
}
