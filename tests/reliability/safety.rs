//! Output safety: dangerous output folders, symlinks out of the site, names that would climb
//! out of the output folder.

use super::*;

#[test]
fn dangerous_output_folders_are_refused_and_left_untouched() {
    // Guards: --output at the root, a home, the site, its sources or a folder samtal did not write is refused, and nothing there changes.
    let site = Site::new();
    let root = site.path();
    let home = tempfile::tempdir().unwrap();
    fs::write(home.path().join("dagbok.txt"), "min").unwrap();
    fs::create_dir_all(root.join("anteckningar")).unwrap();
    fs::write(root.join("anteckningar/att-gora.txt"), "mitt").unwrap();
    std::os::unix::fs::symlink(home.path(), root.join("hem-lank")).unwrap();
    let cases: Vec<(PathBuf, &str)> = vec![
        (PathBuf::from("/"), "filsystemets rot"),
        (home.path().to_path_buf(), "hemmapp"),
        (root.join("hem-lank"), "hemmapp"),
        (root.to_path_buf(), "webbplatsens mapp"),
        (root.parent().unwrap().to_path_buf(), "webbplatsens mapp"),
        (root.join("content"), "källmappar"),
        (root.join("content/meetings"), "källmappar"),
        (root.join("themes"), "källmappar"),
        (root.join("themes/default/static"), "källmappar"),
        (root.join("anteckningar"), "samtal inte har skrivit"),
        (root.join("site.yaml"), "en fil, inte en mapp"),
    ];
    let (site_before, home_before) = (tree(root), tree(home.path()));
    for (output, reason) in cases {
        let o = samtal(root).env("HOME", home.path()).arg("build").arg("--output").arg(&output).output().unwrap();
        assert_fails(&o, &format!("--output {}", output.display()));
        let err = stderr(&o);
        assert!(err.contains("vägrar") && err.contains(reason), "--output {}: {err}", output.display());
        assert_eq!(tree(root), site_before, "--output {} changed the site", output.display());
        assert_eq!(tree(home.path()), home_before, "--output {} changed the home folder", output.display());
    }
    assert!(strays(root).is_empty() && strays(home.path()).is_empty());
}

#[test]
fn output_named_in_site_yaml_is_checked_too() {
    // Guards: a dangerous `output:` in site.yaml is refused like --output.
    for output in ["content", ".", "..", "/", "themes/default"] {
        let site = Site::new();
        site.write("site.yaml", &format!("{SITE_YAML}output: \"{output}\"\n"));
        let before = tree(site.path());
        let o = site.build();
        assert_fails(&o, output);
        assert!(stderr(&o).contains("vägrar"), "output: {output}: {}", stderr(&o));
        assert_eq!(tree(site.path()), before, "output: {output}");
    }
}

#[test]
fn previous_build_empty_folder_and_new_folder_are_accepted() {
    // Guards: an earlier build, an empty folder and a new folder are accepted as output.
    let site = Site::new();
    assert_ok(&site.build(), "first build");
    assert!(site.out().join(".samtal-build").is_file() && site.out().join("index.html").is_file());
    assert_ok(&site.build(), "rebuild over a previous build");
    let empty = site.path().join("tom");
    fs::create_dir(&empty).unwrap();
    assert_ok(&run(site.path(), &["build", "--quiet", "--output", empty.to_str().unwrap()]), "empty folder");
    assert!(empty.join("index.html").is_file());
    let nested = site.path().join("ny/djup/mapp");
    assert_ok(&run(site.path(), &["build", "--quiet", "--output", nested.to_str().unwrap()]), "new folder");
    assert!(nested.join("index.html").is_file());
}

// Symlinks out of the site: reported, never read

#[test]
fn symlinked_meeting_pointing_outside_the_site_is_reported_not_read() {
    // Guards: a meeting symlinked to a file outside the site is reported, never read.
    let site = Site::new();
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("hemlig.md");
    fs::write(&secret, meeting("HEMLIGT-7f3a", "HEMLIG-TEXT-91c2\n")).unwrap();
    let meetings = site.path().join("content/meetings");
    std::os::unix::fs::symlink(&secret, meetings.join("hemlig.md")).unwrap();
    std::os::unix::fs::symlink("/etc/hostname", meetings.join("vardnamn.md")).unwrap();
    for command in ["build", "check"] {
        let o = run(site.path(), &[command]);
        assert_fails(&o, command);
        let err = stderr(&o);
        for file in ["content/meetings/hemlig.md", "content/meetings/vardnamn.md"] {
            assert!(err.contains(file), "{command}: {file} not reported: {err}");
        }
        assert!(err.contains("pekar ut ur webbplatsens mapp"), "{err}");
        assert!(!err.contains("HEMLIG"), "{command} read the file behind the link: {err}");
        if let Ok(host) = fs::read_to_string("/etc/hostname")
            && host.trim().len() > 3
        {
            assert!(!err.contains(host.trim()), "{command} read /etc/hostname: {err}");
        }
    }
    assert!(!site.out().exists(), "nothing is written");
}

#[test]
fn symlinked_folders_and_theme_files_pointing_outside_are_refused() {
    // Guards: folders and theme files symlinked outside the site are refused.
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("ute.md"), meeting("UTE-4411", "x\n")).unwrap();
    // The whole meetings folder is a link out of the site.
    let site = Site::new();
    fs::remove_dir_all(site.path().join("content/meetings")).unwrap();
    std::os::unix::fs::symlink(outside.path(), site.path().join("content/meetings")).unwrap();
    let o = site.build();
    assert_fails(&o, "linked meetings folder");
    assert!(stderr(&o).contains("content/meetings/ute.md") && !stderr(&o).contains("UTE-4411"), "{}", stderr(&o));
    // A static file and site.yaml that are links out of the site.
    let site = Site::new();
    std::os::unix::fs::symlink("/etc/passwd", site.path().join("themes/default/static/losen.txt")).unwrap();
    let o = site.build();
    assert_fails(&o, "linked static file");
    assert!(stderr(&o).contains("themes/default/static/losen.txt"), "{}", stderr(&o));
    assert!(!site.out().exists());
    let site = Site::new();
    fs::write(outside.path().join("site.yaml"), SITE_YAML).unwrap();
    fs::remove_file(site.path().join("site.yaml")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("site.yaml"), site.path().join("site.yaml")).unwrap();
    let o = site.build();
    assert_fails(&o, "linked site.yaml");
    assert!(stderr(&o).contains("site.yaml"), "{}", stderr(&o));
}

#[test]
fn symlinks_that_stay_inside_the_site_are_followed() {
    // Guards: symlinks that stay inside the site are followed.
    let site = Site::new();
    site.write("arkiv/2018-inne.md", &meeting("Inne i sajten", "Text.\n"));
    std::os::unix::fs::symlink("../../arkiv/2018-inne.md", site.path().join("content/meetings/2018-inne.md")).unwrap();
    assert_ok(&site.build(), "link inside the site");
    let page = fs::read_to_string(site.out().join("moten/2018-inne/index.html")).unwrap();
    assert!(page.contains("Inne i sajten"));
}

// Names that could climb out of the output folder

#[test]
fn unsafe_slugs_are_rejected_and_nothing_is_written_outside() {
    // Guards: slugs that could climb or hide are rejected and nothing is written outside the output.
    let marker = format!("samtal-ute-{}", std::process::id());
    for slug in [
        format!("../../../../../../tmp/{marker}"),
        "..".to_string(),
        "a/b".to_string(),
        "a\\\\b".to_string(),
        "a\\0b".to_string(),
        "a\\ab".to_string(),
        "a\\nb".to_string(),
        "a\\x1b[31mb".to_string(),
        "/etc".to_string(),
        "Möte".to_string(),
    ] {
        let site = Site::new();
        let text = meeting("Namn", "x\n").replacen("---\n", &format!("---\nslug: \"{slug}\"\n"), 1);
        site.write("content/meetings/2018-x.md", &text);
        let parent_before: Vec<_> = strays(site.path().parent().unwrap());
        let o = site.build();
        assert_fails(&o, &slug);
        let err = stderr(&o);
        assert!(err.contains("kan inte användas i en webbadress"), "slug {slug:?}: {err}");
        assert!(!site.out().exists(), "slug {slug:?}: something was written");
        assert_eq!(strays(site.path().parent().unwrap()), parent_before);
        assert!(!Path::new("/tmp").join(&marker).exists());
    }
}

#[test]
fn file_names_that_are_not_url_safe_are_rejected_with_a_suggestion() {
    // Guards: file names that cannot be addresses are rejected with a suggested name.
    for (name, suggestion) in [
        ("Möte i Åre.md", "mote-i-are"),
        ("2018 skåne.md", "2018-skane"),
        ("a..b.md", "a-b"),
        ("tab\there.md", "tab-here"),
        ("ny\nrad.md", "ny-rad"),
        ("esc\x1b.md", "esc"),
        ("back\\slash.md", "back-slash"),
        ("UPPER.md", "upper"),
    ] {
        let site = Site::new();
        site.write(&format!("content/meetings/{name}"), &meeting("Namn", "x\n"));
        let o = site.build();
        assert_fails(&o, name);
        let err = stderr(&o);
        assert!(err.contains("kan inte användas i en webbadress"), "{name:?}: {err}");
        assert!(err.contains(&format!("{suggestion}.md")), "{name:?}: no suggestion {suggestion}: {err}");
        assert!(!site.out().exists());
    }
}

#[test]
fn a_static_file_that_would_replace_a_generated_one_is_an_error_naming_both() {
    // Guards: `static/moten/x/index.html` or `static/sok/index.json` never silently replaces
    // (or is replaced by) the page or file samtal makes.
    let site = Site::new();
    assert_ok(&site.build(), "first build");
    let before = tree(&site.out());
    site.write("static/moten/2018-skane/index.html", "<p>min egen</p>")
        .write("static/sok/index.json", "[]")
        .write("static/bilder/ok.txt", "fine");
    let o = site.build();
    assert_fails(&o, "static files over generated ones");
    let err = stderr(&o);
    for (file, made) in
        [("static/moten/2018-skane/index.html", "/moten/2018-skane/"), ("static/sok/index.json", "/sok/index.json")]
    {
        assert!(err.contains(file) && err.contains(made), "{file} and {made} named: {err}");
    }
    assert!(!err.contains("static/bilder/ok.txt"), "{err}");
    assert_eq!(tree(&site.out()), before, "the previous output is untouched");
}

#[test]
fn files_samtal_did_not_write_are_never_deleted_by_a_build() {
    // Guards: a CNAME or an uploaded PDF put into the output by hand is not lost by the next
    // build (which refuses and lists them), and a `.git` (a gh-pages worktree) is carried over.
    let site = Site::new();
    assert_ok(&site.build(), "first build");
    fs::write(site.out().join("CNAME"), "samtal.example.org\n").unwrap();
    fs::create_dir_all(site.out().join("dokument")).unwrap();
    fs::write(site.out().join("dokument/rapport.pdf"), b"%PDF-1.4").unwrap();
    let before = tree(&site.out());
    let o = site.build();
    assert_fails(&o, "foreign files in the output");
    let err = stderr(&o);
    assert!(err.contains("CNAME") && err.contains("dokument/rapport.pdf") && err.contains("static/"), "{err}");
    assert_eq!(tree(&site.out()), before, "nothing was deleted");

    fs::remove_file(site.out().join("CNAME")).unwrap();
    fs::remove_dir_all(site.out().join("dokument")).unwrap();
    fs::create_dir_all(site.out().join(".git/refs")).unwrap();
    fs::write(site.out().join(".git/HEAD"), "ref: refs/heads/gh-pages\n").unwrap();
    for round in 1..=2 {
        assert_ok(&site.build(), &format!("build {round} with a .git in the output"));
        let head = fs::read_to_string(site.out().join(".git/HEAD")).expect(".git carried over");
        assert_eq!(head, "ref: refs/heads/gh-pages\n");
        assert!(strays(site.path()).is_empty(), "no temp folders left: {:?}", strays(site.path()));
    }
}

#[test]
fn escape_sequences_in_names_and_values_never_reach_the_terminal() {
    // Guards: a file name, folder or value with terminal escape sequences is shown escaped in
    // every message, never sent raw (it could recolour or rewrite the author's terminal).
    let site = Site::new();
    site.write("content/meetings/2018-\u{1b}[31mröd.md", &meeting("Röd", "x\n"))
        .write("content/meetings/2018-kopia.md", &meeting("Namn\u{1b}]0;titel\u{7}", "x\n"))
        .write("content/pages/\u{1b}[2J.md", "---\ntitle: Sida\n---\nx\n")
        .write("static/a\u{1b}[31m:b.txt", "namnet går inte i Windows och bär en escape-sekvens");
    let o = site.build();
    assert_fails(&o, "escape sequences in names");
    let err = stderr(&o);
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "raw control characters reached the terminal: {err:?}");
    assert!(err.contains("\\u{1b}"), "shown escaped: {err}");
}

#[test]
fn linked_folders_are_followed_inside_the_site_and_refused_when_they_leave_or_loop() {
    // Guards: `content/meetings -> ../arkiv/moten` and `static/bilder -> ../assets/bilder`
    // inside the site are read; a linked folder leading out is refused with its path and
    // nothing in it is read; a link back up is a loop, reported, never walked forever.
    use std::os::unix::fs::symlink;
    let site = Site::new();
    let root = site.path();
    fs::create_dir_all(root.join("arkiv")).unwrap();
    fs::rename(root.join("content/meetings"), root.join("arkiv/moten")).unwrap();
    symlink("../arkiv/moten", root.join("content/meetings")).unwrap();
    site.write("assets/bilder/karta.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    fs::create_dir_all(root.join("static")).unwrap();
    symlink("../assets/bilder", root.join("static/bilder")).unwrap();
    assert_ok(&site.build(), "links inside the site");
    assert!(site.out().join("moten/2018-skane/index.html").is_file(), "the linked meetings folder is read");
    assert!(site.out().join("bilder/karta.svg").is_file(), "the linked static folder is copied");

    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("hemlig.txt"), "UTE-9931").unwrap();
    symlink(outside.path(), root.join("static/ute")).unwrap();
    symlink("..", root.join("static/bilder2")).unwrap();
    let o = site.build();
    assert_fails(&o, "a linked folder out of the site and a loop");
    let err = stderr(&o);
    assert!(err.contains("static/ute") && err.contains("leder ut ur webbplatsens mapp"), "{err}");
    assert!(err.contains("static/bilder2") && err.contains("pekar tillbaka"), "the loop is reported: {err}");
    assert!(!err.contains("UTE-9931"));
}

#[test]
fn dotfiles_in_static_are_published_and_desktop_litter_is_not() {
    // Guards: `.nojekyll`, `.htaccess` and `.well-known/` in static/ reach the output (GitHub
    // Pages and Apache need them); `.DS_Store` and editor swap files do not.
    let site = Site::new();
    site.write("static/.nojekyll", "")
        .write("static/.htaccess", "Options -Indexes\n")
        .write("static/.well-known/security.txt", "Contact: mailto:x@example.org\n")
        .write("static/.DS_Store", "junk")
        .write("static/.om.md.swp", "junk");
    assert_ok(&site.build(), "dotfiles in static/");
    for kept in [".nojekyll", ".htaccess", ".well-known/security.txt"] {
        assert!(site.out().join(kept).is_file(), "{kept} is published");
    }
    for dropped in [".DS_Store", ".om.md.swp"] {
        assert!(!site.out().join(dropped).exists(), "{dropped} is not");
    }
}

#[test]
fn aliases_that_climb_out_or_collide_are_errors_and_nothing_is_written() {
    // Guards: `aliases:` become files of the output: none may leave it, replace a page (also
    // by case, on the systems that fold it), or be claimed twice.
    let site = Site::new();
    let climbing = ["../../utanfor/", "/moten/../../utanfor/", "/%2e%2e/utanfor/", "/..\\utanfor/", "/./utanfor/"];
    let list = climbing.iter().map(|a| format!("'{a}'")).collect::<Vec<_>>().join(", ");
    let text = meeting("Klättrar", "x\n").replacen("---\ntitle", &format!("---\naliases: [{list}]\ntitle"), 1);
    site.write("content/meetings/2018-klattrar.md", &text);
    for (file, aliases) in
        [("2018-a", "[/gammal/, /moten/2018-skane/]"), ("2018-b", "[/gammal/]"), ("2018-c", "[/MOTEN/2018-SKANE/]")]
    {
        let text = meeting(file, "x\n").replacen("---\ntitle", &format!("---\naliases: {aliases}\ntitle"), 1);
        site.write(&format!("content/meetings/{file}.md"), &text);
    }
    let o = site.build();
    assert_fails(&o, "climbing aliases");
    let err = stderr(&o);
    assert_eq!(
        err.matches("2018-klattrar.md:2:").count(),
        climbing.len(),
        "each is refused where it is written\n{err}"
    );
    assert!(!site.out().exists() && !site.path().parent().unwrap().join("utanfor").exists(), "nothing was written");
    // Collisions are found once the site's files are known, so without the climbing ones.
    fs::remove_file(site.path().join("content/meetings/2018-klattrar.md")).unwrap();
    let o = site.build();
    assert_fails(&o, "colliding aliases");
    let err = stderr(&o);
    for (file, what) in
        [("2018-a.md", "/moten/2018-skane/"), ("2018-b.md", "/gammal/"), ("2018-c.md", "/MOTEN/2018-SKANE/")]
    {
        assert!(err.lines().any(|l| l.contains(file)) && err.contains(what), "{file}: {what}\n{err}");
    }
    assert!(!site.out().exists(), "nothing was written");
}
