//! `serve` rebuilds reuse the build before (`samtal::render_cached`): after every kind of
//! edit an author makes, the files must be exactly those of a fresh build.

mod common;

use samtal::cache::Cache;
use samtal::model::PartialDate;
use samtal::{Options, render, render_cached};
use std::fs;
use std::path::Path;

fn options(root: &Path) -> Options {
    Options {
        root: root.to_path_buf(),
        output: None,
        base_url: Some("/".into()),
        drafts: true,
        strict: false,
        today: PartialDate::parse("2026-01-15").unwrap(),
    }
}

fn files(build: samtal::SiteBuild) -> Vec<(String, Vec<u8>)> {
    build.files.into_iter().map(|f| (f.path, f.bytes.to_vec())).collect()
}

/// Rebuilds with the cache and compares every file with a fresh render of the same tree.
fn assert_same_as_fresh(root: &Path, cache: &mut Cache, what: &str) {
    let cached = files(render_cached(&options(root), cache).unwrap_or_else(|e| panic!("{what}: {e}")));
    let fresh = files(render(&options(root)).unwrap());
    let paths = |f: &[(String, Vec<u8>)]| f.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(paths(&cached), paths(&fresh), "{what}: other files");
    for ((path, a), (_, b)) in cached.iter().zip(&fresh) {
        assert!(a == b, "{what}: {path} differs from a fresh build");
    }
}

fn edit(root: &Path, rel: &str, change: impl FnOnce(String) -> String) {
    let path = root.join(rel);
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, change(text)).unwrap();
}

const OREBRO: &str = "content/meetings/2018-09-orebro.md";

#[test]
fn cached_rebuilds_equal_fresh_builds_after_every_kind_of_edit() {
    let site = common::fixture_site("basic");
    let root = site.path();
    let mut cache = Cache::default();
    assert_same_as_fresh(root, &mut cache, "first build");
    assert_same_as_fresh(root, &mut cache, "nothing changed");

    edit(root, OREBRO, |t| t.replace("Text om", "Ny text om"));
    assert_same_as_fresh(root, &mut cache, "body edited");

    edit(root, OREBRO, |t| t.replace("date: 2018-09", "date: 2017-01-02"));
    assert_same_as_fresh(root, &mut cache, "date changed, so the order and neighbours change");

    edit(root, OREBRO, |t| t.replace("title: Dialog med Region Örebro län", "title: Nytt namn"));
    assert_same_as_fresh(root, &mut cache, "title changed, shown in every list");

    edit(root, OREBRO, |t| t.replace("regions: [orebro]", "regions: [orebro, ostergotland]"));
    assert_same_as_fresh(root, &mut cache, "a region added");

    edit(root, "content/regions.yaml", |t| t.replacen("Örebro", "Örebro (ändrat)", 1));
    assert_same_as_fresh(root, &mut cache, "a region renamed in the registry");

    edit(root, "themes/default/templates/meeting.html", |t| t.replace("</article>", "<p>Mall ändrad</p></article>"));
    assert_same_as_fresh(root, &mut cache, "a template changed");

    edit(root, "site.yaml", |t| t.replace("title:", "title: Ny\n_old_title:").replace("_old_title:", "description:"));
    let _ = render_cached(&options(root), &mut cache);
    fs::copy(common::repo().join("tests/sites/basic/site.yaml"), root.join("site.yaml")).unwrap();
    assert_same_as_fresh(root, &mut cache, "site.yaml changed and changed back");

    fs::write(root.join("content/meetings/2018-12-orebro-igen.md"), "---\ntitle: Örebro igen\ndate: 2018-12\nsummary: Ett till möte.\nregions: [orebro]\nthemes: [smart-specialisation]\noutcomes: []\n---\nNytt möte.\n").unwrap();
    assert_same_as_fresh(root, &mut cache, "a meeting added");

    fs::remove_file(root.join(OREBRO)).unwrap();
    assert_same_as_fresh(root, &mut cache, "a meeting deleted");
}

#[test]
fn a_failed_rebuild_keeps_the_cache_of_the_last_good_build() {
    let site = common::fixture_site("basic");
    let root = site.path();
    let mut cache = Cache::default();
    assert_same_as_fresh(root, &mut cache, "first build");
    let good = fs::read_to_string(root.join("content/meetings/2018-05-16-ostergotland.md")).unwrap();
    fs::write(root.join("content/meetings/2018-05-16-ostergotland.md"), "---\ntitle: [\n---\n").unwrap();
    assert!(render_cached(&options(root), &mut cache).is_err(), "a broken meeting fails the build");
    fs::write(root.join("content/meetings/2018-05-16-ostergotland.md"), good).unwrap();
    assert_same_as_fresh(root, &mut cache, "fixed again");
}
