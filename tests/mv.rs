//! `samtal mv`: a renamed meeting or page keeps its old address alive, and nothing is moved
//! when the move would break the site or overwrite a file.

mod common;

use assert_cmd::Command;
use common::fixture_site;
use std::fs;
use std::path::Path;

const OLD: &str = "content/meetings/2018-09-orebro.md";
const NEW: &str = "content/meetings/2018-09-10-orebro.md";

fn samtal(root: &Path) -> Command {
    let mut cmd = Command::new(common::BIN);
    cmd.env("SAMTAL_TODAY", common::TODAY).current_dir(root);
    cmd
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn a_renamed_meeting_is_published_at_its_new_address_and_its_old_one_leads_there() {
    let site = fixture_site("basic");
    let root = site.path();
    let before = fs::read_to_string(root.join(OLD)).unwrap();
    let output = samtal(root).args(["mv", OLD, NEW]).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let said = stderr(&output);
    assert!(said.contains(&format!("Flyttade {OLD} till {NEW}")), "{said}");
    assert!(
        said.contains("Den gamla adressen /moten/2018-09-orebro/ leder nu till /moten/2018-09-10-orebro/"),
        "{said}"
    );
    assert!(!root.join(OLD).exists());
    let after = fs::read_to_string(root.join(NEW)).unwrap();
    assert!(after.contains("aliases:\n  - /moten/2018-09-orebro/\n---\n"), "{after}");
    // Only the alias was added: the rest of the file is as the author wrote it.
    let body_before = before.split_once("\n---\n").unwrap().1;
    assert!(after.ends_with(body_before));

    samtal(root).args(["build", "--quiet"]).assert().success();
    let redirect = fs::read_to_string(root.join("public/moten/2018-09-orebro/index.html")).unwrap();
    assert!(redirect.contains("/moten/2018-09-10-orebro/"), "{redirect}");
    assert!(root.join("public/moten/2018-09-10-orebro/index.html").is_file());
}

#[test]
fn moving_into_a_year_folder_keeps_the_address_and_the_text() {
    let site = fixture_site("basic");
    let root = site.path();
    let before = fs::read_to_string(root.join(OLD)).unwrap();
    let output = samtal(root).args(["mv", OLD, "content/meetings/2018/"]).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stderr(&output).contains("Adressen är densamma: /moten/2018-09-orebro/"));
    assert_eq!(fs::read_to_string(root.join("content/meetings/2018/2018-09-orebro.md")).unwrap(), before);
    samtal(root).args(["check", "--quiet"]).assert().success();
}

#[test]
fn a_bundle_folder_moves_whole_with_its_files() {
    let site = fixture_site("basic");
    let root = site.path();
    let bundle = root.join("content/meetings/2018-orebro");
    fs::create_dir_all(&bundle).unwrap();
    fs::rename(root.join(OLD), bundle.join("index.md")).unwrap();
    fs::write(bundle.join("anteckningar.txt"), "x").unwrap();
    let output = samtal(root)
        .args(["mv", "content/meetings/2018-orebro", "content/meetings/2018-09-orebro-dialog"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let moved = root.join("content/meetings/2018-09-orebro-dialog");
    assert!(!bundle.exists());
    assert_eq!(fs::read_to_string(moved.join("anteckningar.txt")).unwrap(), "x");
    let text = fs::read_to_string(moved.join("index.md")).unwrap();
    assert!(text.contains("aliases:\n  - /moten/2018-orebro/\n"), "{text}");
    assert!(!moved.join(".index.md.samtal-mv").exists());
}

#[test]
fn nothing_moves_over_a_file_onto_a_taken_address_or_out_of_a_broken_file() {
    let site = fixture_site("basic");
    let root = site.path();
    let taken = "content/meetings/2018-05-16-ostergotland.md";
    let output = samtal(root).args(["mv", OLD, taken]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("finns redan; samtal mv skriver aldrig över en fil"), "{}", stderr(&output));

    // Another file's former address is taken too.
    let other =
        fs::read_to_string(root.join(taken)).unwrap().replacen("---\n", "---\naliases: [/moten/nytt-namn/]\n", 1);
    fs::write(root.join(taken), other).unwrap();
    let output = samtal(root).args(["mv", OLD, "content/meetings/nytt-namn.md"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains(&format!("adressen /moten/nytt-namn/ används redan av {taken}")),
        "{}",
        stderr(&output)
    );

    let output = samtal(root).args(["mv", OLD, "content/meetings/Örebro möte.md"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("till exempel \"orebro-mote\""), "{}", stderr(&output));

    fs::write(root.join(OLD), "---\ntitle: \"Örebro\n---\n").unwrap();
    let output = samtal(root).args(["mv", OLD, NEW]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("samtal check säger vad som är fel"), "{}", stderr(&output));
    assert!(root.join(OLD).exists() && !root.join(NEW).exists());

    let output = samtal(root).args(["mv", "site.yaml", NEW]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let output = samtal(root).args(["mv", "content/meetings/finns-inte.md", NEW]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("content/meetings/finns-inte.md finns inte"), "{}", stderr(&output));
}

#[test]
fn paths_may_be_given_from_the_site_folder_with_root() {
    let site = fixture_site("basic");
    let root = site.path();
    let elsewhere = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(common::BIN);
    cmd.current_dir(elsewhere.path()).arg("--root").arg(root).args(["mv", OLD, NEW]);
    cmd.assert().success();
    assert!(root.join(NEW).is_file() && !root.join(OLD).exists());
}

#[test]
fn references_from_other_meetings_follow_a_renamed_meeting() {
    // Guards: `follows_up:` and `reports_on:` written with the old name still find the meeting
    // (through its former address), so a rename breaks no follow-up across meetings.
    let site = fixture_site("follow-ups");
    let root = site.path();
    let old = "content/meetings/2018-09-orebro.md";
    let output = samtal(root).args(["mv", old, "content/meetings/2018-09-11-orebro.md"]).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let later = fs::read_to_string(root.join("content/meetings/2019-05-orebro.md")).unwrap();
    assert!(later.contains("2018-09-orebro/bredband"), "the later meeting still names the old slug:\n{later}");
    let build = samtal(root).args(["build", "--quiet"]).output().unwrap();
    assert!(build.status.success(), "{}", stderr(&build));
    let page = fs::read_to_string(root.join("public/moten/2019-05-orebro/index.html")).unwrap();
    assert!(page.contains(r#"href="/moten/2018-09-11-orebro/""#), "Följer upp leads to the new address:\n{page}");
    let earlier = fs::read_to_string(root.join("public/moten/2018-09-11-orebro/index.html")).unwrap();
    assert!(earlier.contains("Följdes upp vid"), "{earlier}");
}

#[test]
fn a_bundle_moves_as_a_folder_even_when_its_index_md_is_named() {
    // Guards: naming a bundle's index.md moves its folder (its files and relative links go
    // with it); a folder given with a trailing slash is where the bundle goes, not its new name.
    let site = fixture_site("bundles");
    let root = site.path();
    let bundle = "content/meetings/2019/2019-03-ostergotland";
    let output = samtal(root).args(["mv", &format!("{bundle}/index.md"), "content/meetings/ny.md"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains(&format!("index.md hör till mappen {bundle}")), "{}", stderr(&output));
    let to = "content/meetings/2019/2019-03-12-ostergotland/index.md";
    let output = samtal(root).args(["mv", &format!("{bundle}/index.md"), to]).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(root.join("content/meetings/2019/2019-03-12-ostergotland/protokoll.pdf").is_file());
    let output = samtal(root)
        .args(["mv", "content/meetings/2019/2019-03-12-ostergotland", "content/meetings/arkiv/"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(root.join("content/meetings/arkiv/2019-03-12-ostergotland/index.md").is_file());
}

#[test]
fn a_new_name_that_is_a_rounds_page_is_refused() {
    // Guards: `/moten/2018/` is the 2018 round's page; a meeting cannot move there.
    let site = fixture_site("basic");
    let root = site.path();
    let output = samtal(root).args(["mv", OLD, "content/meetings/2018.md"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("adressen /moten/2018/ är sidan för omgången 2018"), "{}", stderr(&output));
    assert!(root.join(OLD).is_file());
}

#[test]
fn a_move_says_only_what_concerns_the_move() {
    // Guards (issue 26): the site's unrelated warnings (a file samtal does not read, an
    // overdue action elsewhere) are not printed before `samtal mv`'s own result.
    let site = fixture_site("basic");
    let root = site.path();
    fs::write(root.join("content/anteckningar.txt"), "x").unwrap();
    let output = samtal(root).args(["mv", OLD, NEW]).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let said = stderr(&output);
    assert!(said.starts_with(&format!("Flyttade {OLD} till {NEW}")), "{said}");
    assert!(!said.contains("varning") && !said.contains("samtal läser inte"), "{said}");
    assert_eq!(said.lines().count(), 2, "{said}");
}

/// Every file below `root` but the output (`public/`), by its path with `/`, and its bytes.
#[cfg(unix)]
fn files_of(root: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_entry(|e| e.depth() != 1 || e.file_name() != "public")
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            (rel, fs::read(e.path()).unwrap())
        })
        .collect()
}

#[cfg(unix)]
#[test]
fn a_move_killed_at_any_step_loses_nothing_and_samtal_mv_again_finishes_it() {
    // Guards (issue 27, item 6): `samtal mv` killed with SIGKILL before each of its steps leaves
    // every file its old or its new text, byte for byte, the meeting in one place and at one
    // address, nothing unfinished published, `check` saying what was left, and the same
    // `samtal mv` again finishes the move exactly as an uninterrupted one. The steps are those
    // the real binary announces (`SAMTAL_PAUSE_AT`, see src/cmd/mv.rs); it is killed while it
    // waits at one, so no timing is involved.
    use std::io::{BufRead as _, BufReader};
    use std::process::Stdio;
    let cases = [
        // A file into a folder that does not exist yet, under a new name.
        ("basic", "content/meetings/2018-09-orebro.md", "content/meetings/2018/2018-09-10-orebro.md", ""),
        // A bundle with its files, out of its round's folder into a new one.
        (
            "bundles",
            "content/meetings/2019/2019-03-ostergotland",
            "content/meetings/arkiv/2019-03-12-ostergotland",
            "/index.md",
        ),
    ];
    let slug = |path: &str| path.trim_end_matches(".md").rsplit('/').next().unwrap().to_string();
    for (fixture, old, new, index) in cases {
        let (old_md, new_md) = (format!("{old}{index}"), format!("{new}{index}"));
        let whole = fixture_site(fixture);
        let before = files_of(whole.path());
        let output = samtal(whole.path()).env("SAMTAL_PAUSE_AT", "none").args(["mv", old, new]).output().unwrap();
        assert!(output.status.success(), "{}", stderr(&output));
        let steps: Vec<String> =
            stderr(&output).lines().filter_map(|l| l.strip_prefix("samtal-step: ")).map(str::to_string).collect();
        assert_eq!(steps, ["folder", "temporary", "alias", "rename"], "{fixture}");
        let after = files_of(whole.path());
        assert!(!after.contains_key(&old_md) && after.contains_key(&new_md));

        for step in &steps {
            let at = format!("{fixture}, killed before `{step}`");
            let site = fixture_site(fixture);
            let root = site.path();
            let mut child = std::process::Command::new(common::BIN)
                .env("SAMTAL_TODAY", common::TODAY)
                .env("SAMTAL_PAUSE_AT", step)
                .current_dir(root)
                .args(["mv", old, new])
                .stdin(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            let announced = format!("samtal-step: {step}");
            let mut said = BufReader::new(child.stderr.take().unwrap()).lines();
            assert!(said.any(|l| l.unwrap() == announced), "{at}: never announced");
            child.kill().unwrap(); // SIGKILL
            child.wait().unwrap();

            // Every file is its old or its new text; the only other file is the hidden
            // temporary one, holding the whole new text.
            let now = files_of(root);
            let temporary = |md: &str| {
                let (folder, name) = md.rsplit_once('/').unwrap();
                format!("{folder}/.{name}.samtal-mv")
            };
            for (path, bytes) in &now {
                if *path == temporary(&old_md) {
                    assert_eq!(bytes, &after[&new_md], "{at}: the temporary file is not the whole new text");
                } else {
                    let old_text = before.get(path) == Some(bytes);
                    let new_text = after.get(path) == Some(bytes) || (*path == old_md && *bytes == after[&new_md]);
                    assert!(old_text || new_text, "{at}: {path} is neither its old nor its new text");
                }
            }
            // The meeting is in one place, with every file of its bundle.
            assert!(now.contains_key(&old_md) != now.contains_key(&new_md), "{at}: in two places or none");
            for (path, bytes) in &before {
                let moved = path.replacen(old, new, 1);
                let kept = now.get(path).or_else(|| now.get(&moved));
                assert!(kept.is_some(), "{at}: {path} was lost");
                if *path != old_md {
                    assert_eq!(kept, Some(bytes), "{at}: {path} changed");
                }
            }

            // `check` passes and says what was left; the build publishes the meeting at one
            // address and nothing unfinished.
            let check = samtal(root).arg("check").output().unwrap();
            assert!(check.status.success(), "{at}: {}", stderr(&check));
            let left = now.contains_key(&temporary(&old_md)) || now.get(&old_md) == after.get(&new_md);
            assert_eq!(stderr(&check).contains("samtal mv avbröts"), left, "{at}: {}", stderr(&check));
            samtal(root).args(["build", "--quiet"]).assert().success();
            let published = files_of(&root.join("public"));
            assert!(!published.keys().any(|p| p.contains("samtal-mv")), "{at}: a temporary file was published");
            let page = |path: &str| published.get(&format!("moten/{}/index.html", slug(path))).map(|b| b.len());
            assert!(page(old).is_some() && page(new).is_none(), "{at}: not at its old address alone");

            // The same move again finishes it: the site is what an uninterrupted move leaves.
            let again = samtal(root).args(["mv", old, new]).output().unwrap();
            assert!(again.status.success(), "{at}: {}", stderr(&again));
            assert_eq!(files_of(root).keys().collect::<Vec<_>>(), after.keys().collect::<Vec<_>>(), "{at}");
            assert!(files_of(root) == after, "{at}: not as an uninterrupted move leaves it");
        }
    }
}
