//! What the pages show of a meeting's attachments and of contact persons (a meeting's, a
//! county's, a grouping's), and the attachments' addresses that feeds and open data share.

use crate::i18n::Lang;
use crate::model::contact::{size_display, tel_href};
use crate::model::{Attachment, Contact, Site};
use serde::Serialize;

/// A path of the site as it goes into an address: every byte but letters, digits, `-._~`
/// and `/` percent-encoded (`Protokoll maj.pdf` → `Protokoll%20maj.pdf`).
fn encoded(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// An attachment's root-relative address (`/moten/x/protokoll.pdf`, under the base path).
pub fn url(site: &Site, a: &Attachment) -> String {
    site.urls.site(&encoded(&a.path))
}

/// An attachment's absolute address, when the base URL has an origin (feeds, open data).
pub fn absolute_url(site: &Site, a: &Attachment) -> String {
    site.urls.absolute(&encoded(&a.path))
}

/// An attachment as a template receives it.
#[derive(Serialize)]
pub struct AttachmentView<'a> {
    /// The link text: the title, or the file's name.
    pub title: &'a str,
    pub url: String,
    pub file_name: &'a str,
    /// `PDF`, `Word`, `bild`/`image`, ….
    pub kind: &'static str,
    /// `1,2 MB` (sv) / `1.2 MB` (en).
    pub size: String,
    pub bytes: u64,
}

pub fn attachment_views<'a>(site: &Site, attachments: &'a [Attachment], lang: Lang) -> Vec<AttachmentView<'a>> {
    attachments
        .iter()
        .map(|a| AttachmentView {
            title: a.text(),
            url: url(site, a),
            file_name: a.file_name(),
            kind: a.kind().label(lang),
            size: size_display(a.bytes, lang),
            bytes: a.bytes,
        })
        .collect()
}

/// A contact person as a template receives it: the number's `tel:` link made for it.
#[derive(Serialize)]
pub struct ContactView<'a> {
    pub name: &'a str,
    pub role: Option<&'a str>,
    pub email: Option<&'a str>,
    pub phone: Option<&'a str>,
    /// `tel:+46…`, when there is a number.
    pub tel: Option<String>,
}

pub fn contact_views(contacts: &[Contact]) -> Vec<ContactView<'_>> {
    contacts
        .iter()
        .map(|c| ContactView {
            name: &c.name,
            role: c.role.as_deref(),
            email: c.email.as_deref(),
            phone: c.phone.as_deref(),
            tel: c.phone.as_deref().map(tel_href),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_name_with_spaces_and_letters_outside_ascii_is_encoded() {
        assert_eq!(encoded("moten/x/Protokoll maj.pdf"), "moten/x/Protokoll%20maj.pdf");
        assert_eq!(encoded("filer/ö.pdf"), "filer/%C3%B6.pdf");
    }
}
