//! What a `serve` rebuild takes over from the build before (see `crate::cache`): rendered
//! bodies, search entries, pages, and each meeting's summary and follow-up values.

use super::markdown::RenderedMarkdown;
use super::pages::{self, PageContext, Shared};
use super::schedule::Collected;
use super::{links, search};
use crate::memo::{Memo, Scoped};
use crate::model::{Body, PartialDate, Site};
use bytes::Bytes;
use std::collections::HashMap;
use tera::Context;

/// Rendered Markdown by source path, keyed by the body (its text's fingerprint and where it
/// starts, and a bundle's page path), under the base path, the raw-HTML setting (which change
/// how links and HTML come out) and the pictures' fingerprint (their sizes and variant names
/// are in the HTML).
pub(super) type BodyMemo = Scoped<BodyScope, BodyKey, RenderedMarkdown>;
pub(super) type BodyScope = (String, bool, u128);

/// What a meeting's rendered body comes from: its text, and for a bundle its page's path
/// (its relative links lead there, so a new `slug:` changes them).
pub(super) type BodyKey = (Body, Option<String>);

/// What a rendered page depends on besides its own context: every template's text and the
/// globals (site, menu, footer).
#[derive(PartialEq)]
pub(super) struct PageScope {
    pub templates: Vec<(String, String)>,
    pub globals: Context,
}

/// A rendered page and the site links found in it.
#[derive(Clone)]
pub(super) struct RenderedPage {
    pub bytes: Bytes,
    pub links: links::PageLinks,
}

/// What a rebuild can take over from the build before: bodies, search words and pages
/// whose inputs are equal (see [`crate::cache`]).
#[derive(Default)]
pub struct RenderCache {
    pub(super) bodies: BodyMemo,
    pub(super) search: search::EntryMemo,
    pub(super) pages: Scoped<PageScope, PageContext, RenderedPage>,
    /// The picture variants of the build, by output path: a variant's name holds a hash of
    /// its source and settings, so equal names are equal files.
    pub(super) pictures: HashMap<String, Bytes>,
    /// Each meeting's summary and follow-up items by slug: reused when equal, so the lists
    /// holding them compare by identity.
    summaries: HashMap<String, tera::Value>,
    follow_up_items: HashMap<String, Vec<(crate::model::Status, tera::Value)>>,
}

/// The cache for the build after this one.
pub(super) fn next_cache(
    site: &Site,
    shared: &Shared<'_>,
    page_scope: PageScope,
    collected: Collected,
    pictures_fingerprint: u128,
    pictures: Vec<(String, Bytes)>,
) -> RenderCache {
    let by_slug = |i: usize| site.meetings[i].slug.clone();
    let mut body_memo = Memo::default();
    for (m, body) in site.meetings.iter().zip(collected.bodies) {
        if let Some(body) = body {
            body_memo.insert(m.source_path.clone(), (m.body, super::markdown::bundle_of(m)), body);
        }
    }
    let mut search = search::EntryMemo::default();
    for (m, entry) in site.meetings.iter().zip(collected.search_entries) {
        if let Some((json, Some(key))) = entry {
            search.insert(m.slug.clone(), *key, json);
        }
    }
    let scope = (site.urls.base_path().to_string(), site.config.allow_raw_html, pictures_fingerprint);
    RenderCache {
        bodies: Scoped::new(scope, body_memo),
        pictures: pictures.into_iter().collect(),
        search,
        pages: Scoped::new(page_scope, collected.page_memo),
        summaries: (0..site.meetings.len()).map(|i| (by_slug(i), shared.summaries[i].clone())).collect(),
        follow_up_items: (0..site.meetings.len()).map(|i| (by_slug(i), shared.follow_up_items[i].clone())).collect(),
    }
}

/// Each meeting's summary and follow-up items; with a cache, those equal to the previous
/// build's are that build's very values (so the lists holding them compare by identity).
pub(super) fn meeting_values(
    site: &Site,
    today: PartialDate,
    cache: Option<&RenderCache>,
) -> (Vec<tera::Value>, Vec<Vec<(crate::model::Status, tera::Value)>>) {
    let summaries = pages::summaries(site);
    let follow_up_items = pages::follow_up_items(site, today, &summaries);
    let Some(previous) = cache else {
        return (summaries, follow_up_items);
    };
    let slug = |i: usize| site.meetings[i].slug.clone();
    (
        pages::share_with_previous(summaries, slug, &previous.summaries, |a, b| a == b),
        pages::share_with_previous(follow_up_items, slug, &previous.follow_up_items, |a, b| a == b),
    )
}
