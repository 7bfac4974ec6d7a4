//! A contact person (`contact:` of a meeting, a county or a grouping) and an attachment
//! (`attachments:` of a meeting): what the pages show of them, and the checks of an e-mail
//! address and a telephone number that validation reports and rendering relies on.

use crate::i18n::Lang;
use serde::Serialize;

/// Someone to ask about a meeting or a region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Contact {
    pub name: String,
    pub role: Option<String>,
    /// Checked by [`email_problem`].
    pub email: Option<String>,
    /// As the author wrote it (`08-123 456 78`); its link is [`tel_href`].
    pub phone: Option<String>,
}

/// A file listed under a meeting's `attachments:`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// The link text; without one the page shows the file's name (with a warning).
    pub title: Option<String>,
    /// Where the file is published, inside the site: `moten/<slug>/protokoll.pdf` for a file
    /// in the meeting's bundle, `filer/protokoll.pdf` for `static/filer/protokoll.pdf`.
    pub path: String,
    /// Its size, from its bytes (set when the site is assembled, see `lib.rs`).
    pub bytes: u64,
}

impl Attachment {
    /// The file's name, the last part of its path.
    pub fn file_name(&self) -> &str {
        self.path.rsplit('/').next().unwrap_or(&self.path)
    }

    /// The link text: the title, or the file's name.
    pub fn text(&self) -> &str {
        self.title.as_deref().unwrap_or_else(|| self.file_name())
    }

    /// The kind of file, by its extension.
    pub fn kind(&self) -> FileKind {
        FileKind::of(self.file_name())
    }
}

/// What kind of document a file is, by its extension: named on the page ("PDF, 1,2 MB") and
/// given as the media type in the feeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Pdf,
    Word,
    Excel,
    PowerPoint,
    OpenDocument,
    Image(&'static str),
    Text,
    Csv,
    Zip,
    Other,
}

impl FileKind {
    pub fn of(file_name: &str) -> FileKind {
        let extension = file_name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
        match extension.as_str() {
            "pdf" => FileKind::Pdf,
            "doc" | "docx" | "rtf" => FileKind::Word,
            "xls" | "xlsx" => FileKind::Excel,
            "ppt" | "pptx" => FileKind::PowerPoint,
            "odt" | "ods" | "odp" => FileKind::OpenDocument,
            "png" => FileKind::Image("image/png"),
            "jpg" | "jpeg" => FileKind::Image("image/jpeg"),
            "gif" => FileKind::Image("image/gif"),
            "svg" => FileKind::Image("image/svg+xml"),
            "webp" => FileKind::Image("image/webp"),
            "txt" | "md" => FileKind::Text,
            "csv" => FileKind::Csv,
            "zip" => FileKind::Zip,
            _ => FileKind::Other,
        }
    }

    /// The kind as a reader knows it: `PDF`, `Word`, `bild`/`image`, ….
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            FileKind::Pdf => "PDF",
            FileKind::Word => "Word",
            FileKind::Excel => "Excel",
            FileKind::PowerPoint => "PowerPoint",
            FileKind::OpenDocument => "OpenDocument",
            FileKind::Image(_) => lang.pick("bild", "image"),
            FileKind::Text => lang.pick("text", "text"),
            FileKind::Csv => "CSV",
            FileKind::Zip => "ZIP",
            FileKind::Other => lang.pick("fil", "file"),
        }
    }

    /// The media type (for a feed's enclosure and the open data).
    pub fn media_type(self, file_name: &str) -> &'static str {
        let extension = file_name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
        match (self, extension.as_str()) {
            (FileKind::Pdf, _) => "application/pdf",
            (FileKind::Word, "doc") => "application/msword",
            (FileKind::Word, "rtf") => "application/rtf",
            (FileKind::Word, _) => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            (FileKind::Excel, "xls") => "application/vnd.ms-excel",
            (FileKind::Excel, _) => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            (FileKind::PowerPoint, "ppt") => "application/vnd.ms-powerpoint",
            (FileKind::PowerPoint, _) => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            (FileKind::OpenDocument, "ods") => "application/vnd.oasis.opendocument.spreadsheet",
            (FileKind::OpenDocument, "odp") => "application/vnd.oasis.opendocument.presentation",
            (FileKind::OpenDocument, _) => "application/vnd.oasis.opendocument.text",
            (FileKind::Image(media_type), _) => media_type,
            (FileKind::Text, _) => "text/plain",
            (FileKind::Csv, _) => "text/csv",
            (FileKind::Zip, _) => "application/zip",
            (FileKind::Other, _) => "application/octet-stream",
        }
    }
}

/// A file size for people: `812 B`, `12,3 kB` (sv) / `12.3 kB` (en), `1,2 MB`.
pub fn size_display(bytes: u64, lang: Lang) -> String {
    let (value, unit) = match bytes {
        0..1_000 => return format!("{bytes} B"),
        1_000..1_000_000 => (bytes as f64 / 1e3, "kB"),
        _ => (bytes as f64 / 1e6, "MB"),
    };
    let text = format!("{value:.1} {unit}");
    if lang == Lang::Sv { text.replace('.', ",") } else { text }
}

/// What is wrong with an e-mail address as written, and the address it was likely meant to
/// be (when that is clear): `None` when it is sound. Sound is `name@domain.tld`: one `@`,
/// no spaces, a domain with a dot and a top-level part of two letters or more.
pub fn email_problem(text: &str) -> Option<Option<String>> {
    let ok = |t: &str| {
        let Some((local, domain)) = t.split_once('@') else { return false };
        let tld = domain.rsplit('.').next().unwrap_or_default();
        !local.is_empty()
            && !domain.contains('@')
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && tld.len() >= 2
            && tld.chars().all(|c| c.is_alphabetic())
            && t.chars().all(|c| !c.is_whitespace() && !c.is_control() && !"<>()[],;:\"\\".contains(c))
    };
    if ok(text) {
        return None;
    }
    // `mailto:a@b.se`, `<a@b.se>`, `anna svensson@b.se`: the likely address.
    let lower = text.to_lowercase();
    let bare = if lower.starts_with("mailto:") { &text[7..] } else { text };
    let bare = bare.trim().trim_start_matches('<').trim_end_matches('>').trim();
    let fixed = match bare.split_once('@') {
        Some((local, domain)) => {
            let local: Vec<&str> = local.split_whitespace().collect();
            format!("{}@{}", local.join("."), domain.split_whitespace().collect::<String>())
        }
        None => bare.to_string(),
    };
    Some((ok(&fixed) && fixed != text).then_some(fixed))
}

/// Whether a telephone number has letters in it (`08-123 45 67 vx`, `ring Anna`): it would
/// not dial.
pub fn phone_has_letters(text: &str) -> bool {
    text.chars().any(char::is_alphabetic)
}

/// A number's `tel:` link: digits only, with a leading `+`; a Swedish number written from
/// within Sweden (`08-123 45 67`) gets the country code (`tel:+468123467`), and the `(0)` of
/// `+46 (0)8 …` is left out.
pub fn tel_href(phone: &str) -> String {
    let phone = phone.replace("(0)", "");
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    let international = phone.trim_start().starts_with('+');
    let number = if international {
        digits
    } else if let Some(rest) = digits.strip_prefix("00") {
        rest.to_string()
    } else if let Some(rest) = digits.strip_prefix('0') {
        format!("46{rest}")
    } else {
        return format!("tel:{digits}");
    };
    format!("tel:+{number}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sound_addresses_pass_and_slips_get_the_likely_address() {
        assert_eq!(email_problem("anna.svensson@region.se"), None);
        assert_eq!(email_problem("anna.svensson@region"), Some(None));
        assert_eq!(email_problem("anna svensson@region.se"), Some(Some("anna.svensson@region.se".into())));
        assert_eq!(email_problem("mailto:anna@region.se"), Some(Some("anna@region.se".into())));
        assert_eq!(email_problem("Anna Svensson"), Some(None));
        assert_eq!(email_problem("anna@@region.se"), Some(None));
    }

    #[test]
    fn a_number_becomes_a_tel_link_with_the_country_code() {
        assert_eq!(tel_href("08-123 456 78"), "tel:+46812345678");
        assert_eq!(tel_href("+46 (0)8 123"), "tel:+468123");
        assert_eq!(tel_href("0046 8 123"), "tel:+468123");
        assert_eq!(tel_href("112"), "tel:112");
        assert!(phone_has_letters("08-123 vx 4"));
        assert!(!phone_has_letters("+46 8-123 45 67"));
    }

    #[test]
    fn sizes_are_written_the_swedish_way_in_swedish() {
        assert_eq!(size_display(812, Lang::Sv), "812 B");
        assert_eq!(size_display(12_345, Lang::Sv), "12,3 kB");
        assert_eq!(size_display(1_234_567, Lang::Sv), "1,2 MB");
        assert_eq!(size_display(1_234_567, Lang::En), "1.2 MB");
    }

    #[test]
    fn kinds_come_from_the_extension() {
        assert_eq!(FileKind::of("Protokoll.PDF").label(Lang::Sv), "PDF");
        assert_eq!(FileKind::of("karta.png").label(Lang::Sv), "bild");
        assert_eq!(FileKind::of("karta.png").label(Lang::En), "image");
        assert_eq!(FileKind::of("a.docx").media_type("a.docx").rsplit('.').next(), Some("document"));
        assert_eq!(FileKind::of("utan-andelse").label(Lang::Sv), "fil");
    }
}
