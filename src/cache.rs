//! What a `serve` rebuild reuses from the build before it: validated meetings, rendered
//! Markdown, search words and rendered pages. Memory only, no disk.
//!
//! Every entry is keyed by what produced it (the file's text, the page's whole template
//! context, …), compared for equality, so a reused result is the one a fresh build would
//! produce. The one exception is a rendered body, keyed by the body's place and its 128-bit
//! XXH3 fingerprint (the model keeps no text): a stale body would need two texts of one file
//! with the same fingerprint. Results that depend on site-wide input (registries,
//! templates, base URL) sit in a [`Scoped`] memo that is emptied when that input changes.
//! The memos themselves are in `memo.rs`. A rebuild reads the previous cache and fills a
//! new one with what it used, so entries for
//! deleted files or pages disappear by themselves.

use crate::memo::Scoped;

/// The whole cache a `serve` session carries from one rebuild to the next.
#[derive(Default)]
pub struct Cache {
    /// Meeting files → their validation result, under the registries and today's date.
    pub(crate) meetings: Scoped<String, String, crate::validate::ValidatedMeeting>,
    pub(crate) render: crate::render::RenderCache,
}
