//! The Nu HTML checker (the W3C validator, `vnu-jar` from tests/browser's npm packages, run
//! with Java) on every page of the example site, its English build and every golden fixture
//! site: zero errors. The fixtures are where each feature of the theme shows (rounds, bundles,
//! attachments, contacts, pictures, follow-ups across meetings, redirect pages).

use super::{build_from, common::repo, english_copy};
use std::process::Command;

/// The golden fixture sites, each built and checked.
const FIXTURES: &[&str] = &["basic", "two-years", "bundles", "follow-ups", "images"];

#[test]
fn every_page_of_the_example_and_the_fixture_sites_passes_the_nu_html_checker() {
    let jar = repo().join("tests/browser/node_modules/vnu-jar/build/dist/vnu.jar");
    assert!(jar.is_file(), "{} is missing: run `npm ci` in tests/browser (CI's .ci/run does)", jar.display());
    let java = Command::new("java").arg("-version").output();
    assert!(
        java.as_ref().is_ok_and(|o| o.status.success()),
        "`java` is not runnable ({java:?}): the Nu checker needs a Java runtime (apt-get install -y default-jre-headless)"
    );

    // Built pages only: the English copy's sources (templates are .html too) lie elsewhere.
    let tmp = tempfile::tempdir().unwrap();
    let sources = tempfile::tempdir().unwrap();
    build_from(&repo(), &tmp.path().join("example"), None);
    build_from(&english_copy(sources.path()), &tmp.path().join("english"), None);
    for fixture in FIXTURES {
        let root = repo().join("tests/sites").join(fixture);
        assert!(root.join("site.yaml").is_file(), "no fixture site {fixture}");
        build_from(&root, &tmp.path().join(fixture), None);
    }
    let pages = walkdir::WalkDir::new(tmp.path())
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .count();
    assert!(pages > 150, "only {pages} pages built");

    let output = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--skip-non-html"])
        .arg(tmp.path())
        .output()
        .expect("run the Nu HTML checker");
    let report = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(
        output.status.success() && report.trim().is_empty(),
        "the Nu HTML checker found errors in {pages} pages:\n{report}"
    );
}
