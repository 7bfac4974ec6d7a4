//! Reliability: output safety, atomic builds under faults, big and odd inputs, and (as
//! fuzzing finds them) crashing inputs. Every build runs the real binary as a subprocess, so a stack
//! overflow shows up as a signal instead of taking the test runner down.
//!
//! Every case runs in CI; dependencies are optimised in test builds (Cargo.toml), so even the
//! 20 MB body takes seconds.

mod common;

use common::{Site, read_tree as tree};
use std::fs;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const SITE_YAML: &str = "title: Tillförlitlighet\ndescription: Provsajt\nbase_url: /\nlanguage: sv\ntheme: default\n";
const REGIONS_YAML: &str = "counties:
  - slug: skane
    name: Skåne
    official_name: Skåne län
    county_code: \"12\"
    iso_3166_2: SE-M
    actor_2018: Region Skåne
    region_2019: Region Skåne
";
const TOPICS_YAML: &str = "- slug: innovation\n  name: Innovation\n";

/// A complete, valid meeting file with the given title (quoted for YAML) and body.
fn meeting(title: &str, body: &str) -> String {
    let title = title.replace('\\', "\\\\").replace('"', "\\\"");
    format!(
        "---\ntitle: \"{title}\"\ndate: 2018-05-16\nregions: [skane]\nthemes: [innovation]\nsummary: Ett möte.\noutcomes: []\n---\n{body}"
    )
}

impl Site {
    /// A small valid site in a temp folder, with the repository's default visual theme.
    fn new() -> Site {
        let site = Site::with_default_theme();
        site.write("site.yaml", SITE_YAML)
            .write("content/regions.yaml", REGIONS_YAML)
            .write("content/themes.yaml", TOPICS_YAML)
            .write("content/meetings/2018-skane.md", &meeting("Dialog i Skåne", "Vi talade om **innovation**.\n"));
        site
    }

    fn out(&self) -> PathBuf {
        self.path().join("public")
    }

    fn build(&self) -> Output {
        run(self.path(), &["build", "--quiet"])
    }
}

/// The binary on the site at `root`, with a fixed "today" and no standard input.
fn samtal(root: &Path) -> Command {
    let mut cmd = common::samtal();
    cmd.arg("--root").arg(root);
    cmd
}

fn run(root: &Path, args: &[&str]) -> Output {
    samtal(root).args(args).output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Exit code 0 or 1 and never a signal (a stack overflow or abort shows up as SIGSEGV/SIGABRT).
fn assert_no_crash(o: &Output, what: &str) {
    assert!(o.status.signal().is_none(), "{what}: killed by signal {:?}\n{}", o.status.signal(), stderr(o));
    assert!(matches!(o.status.code(), Some(0 | 1)), "{what}: exit {:?}\n{}", o.status.code(), stderr(o));
    assert!(!stderr(o).contains("panicked"), "{what}: panic\n{}", stderr(o));
}

fn assert_ok(o: &Output, what: &str) {
    assert!(o.status.success(), "{what}: exit {:?}\n{}", o.status.code(), stderr(o));
}

fn assert_fails(o: &Output, what: &str) {
    assert_no_crash(o, what);
    assert_eq!(o.status.code(), Some(1), "{what}: expected exit 1\n{}", stderr(o));
}

/// Temp folders of samtal's writer (`.public.samtal-new-…`, `.public.samtal-old-…`) in `dir`.
fn strays(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".samtal-"))
        .collect()
}

// ---------------------------------------------------------------------------------------
// Output safety

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

// ---------------------------------------------------------------------------------------
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

// ---------------------------------------------------------------------------------------
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

// ---------------------------------------------------------------------------------------
// Atomic builds under faults

/// Starts a build, waits for its staging folder, then sends `signal`; returns whether the
/// kill landed mid-write (the staging folder was there and the process died of the signal).
fn kill_mid_write(site: &Site, signal: i32) -> bool {
    let mut child = samtal(site.path()).args(["build", "--quiet"]).stderr(Stdio::null()).spawn().unwrap();
    let staging = site.path().join(format!(".public.samtal-new-{}", child.id()));
    let deadline = Instant::now() + Duration::from_secs(120);
    let mut seen = false;
    while Instant::now() < deadline && child.try_wait().unwrap().is_none() {
        if staging.exists() {
            seen = true;
            break;
        }
        std::thread::sleep(Duration::from_micros(100));
    }
    // SAFETY: plain kill(2) on our own child, which has not been reaped yet.
    unsafe { libc::kill(child.id() as i32, signal) };
    let status = child.wait().unwrap();
    seen && status.signal() == Some(signal)
}

fn interrupted_build_keeps_previous_output(signal: i32) {
    let site = Site::new();
    assert_ok(&site.build(), "first build");
    let before = tree(&site.out());
    // 160 MB of static files: the next build spends a while writing, little rendering.
    let chunk = "0123456789abcdef".repeat(256 * 1024);
    for i in 0..40 {
        site.write(&format!("static/stor-{i:02}.txt"), &chunk);
    }
    let killed = kill_mid_write(&site, signal);
    let after = tree(&site.out());
    if killed {
        assert_eq!(after, before, "signal {signal} mid-write changed the previous output");
    } else {
        // The build won the race: then the output must be the whole new site.
        assert!(
            site.out().join("stor-39.txt").is_file(),
            "signal {signal}: output is neither the old nor the new site"
        );
    }
    // The next run cleans up whatever the killed build left behind.
    assert_ok(&site.build(), "build after the interrupted one");
    assert!(strays(site.path()).is_empty(), "stray temp folders: {:?}", strays(site.path()));
    assert_eq!(fs::read_to_string(site.out().join("stor-39.txt")).unwrap(), chunk);
    assert!(killed, "signal {signal}: the build finished before it could be interrupted (make the site bigger)");
}

#[test]
fn sigterm_mid_write_keeps_the_previous_output_and_the_next_run_cleans_up() {
    // Guards: SIGTERM while writing keeps the previous output, and the next run cleans up.
    interrupted_build_keeps_previous_output(libc::SIGTERM);
}

#[test]
fn sigint_mid_write_keeps_the_previous_output_and_the_next_run_cleans_up() {
    // Guards: SIGINT while writing keeps the previous output, and the next run cleans up.
    interrupted_build_keeps_previous_output(libc::SIGINT);
}

/// Runs the binary under a shell that first runs `prelude` (ulimit, trap).
fn run_limited(site: &Site, prelude: &str) -> Output {
    Command::new("sh")
        .arg("-c")
        .arg(format!("{prelude}; exec \"$0\" --root \"$1\" build --quiet"))
        .arg(common::BIN)
        .arg(site.path())
        .env("SAMTAL_TODAY", common::TODAY)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

#[test]
fn write_error_keeps_the_previous_output_and_leaves_no_temp_folders() {
    // A file size limit with SIGXFSZ ignored makes a big write fail with EFBIG: a write
    // error in the middle of filling the new build, without needing a full disk.
    let site = Site::new();
    assert_ok(&site.build(), "first build");
    let before = tree(&site.out());
    site.write("content/meetings/2018-stor.md", &meeting("Stor", &"Lång text om regional utveckling. ".repeat(20_000)));
    let o = run_limited(&site, "ulimit -f 256; trap '' XFSZ");
    assert_fails(&o, "write error");
    assert!(stderr(&o).contains("kunde inte skriva"), "{}", stderr(&o));
    assert_eq!(tree(&site.out()), before, "a failed write changed the previous output");
    assert!(strays(site.path()).is_empty(), "stray temp folders: {:?}", strays(site.path()));
}

#[test]
fn crash_mid_write_keeps_the_previous_output_and_the_next_run_cleans_up() {
    // The same limit with SIGXFSZ at its default kills the process inside write(2):
    // a crash at a deterministic point of the build.
    let site = Site::new();
    assert_ok(&site.build(), "first build");
    let before = tree(&site.out());
    site.write("content/meetings/2018-stor.md", &meeting("Stor", &"Lång text om regional utveckling. ".repeat(20_000)));
    let o = run_limited(&site, "ulimit -f 256");
    assert_eq!(o.status.signal(), Some(25), "expected death by SIGXFSZ: {o:?}");
    assert_eq!(tree(&site.out()), before, "a crash changed the previous output");
    assert_eq!(strays(site.path()).len(), 1, "the crash leaves its staging folder: {:?}", strays(site.path()));
    assert_ok(&site.build(), "build after the crash");
    assert!(strays(site.path()).is_empty(), "stray temp folders: {:?}", strays(site.path()));
    assert!(site.out().join("moten/2018-stor/index.html").is_file());
}

/// Mounts a tmpfs of `size` at `dir`; unmounted on drop.
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(dir: &Path, size: &str) -> Option<Tmpfs> {
        fs::create_dir_all(dir).unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| Tmpfs(dir.to_path_buf()))
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn full_disk_keeps_the_previous_output_and_leaves_no_temp_folders() {
    // Guards: a full disk keeps the previous output and leaves no temp folders.
    let site = Site::new();
    let holder = tempfile::tempdir().unwrap();
    let Some(disk) = Tmpfs::mount(&holder.path().join("disk"), "1m") else {
        eprintln!("SKIPPED: mounting a tmpfs is not permitted here (write_error_… covers the same path)");
        return;
    };
    let out = disk.0.join("public");
    let build = |site: &Site| run(site.path(), &["build", "--quiet", "--output", out.to_str().unwrap()]);
    assert_ok(&build(&site), "first build on the small disk");
    let before = tree(&out);
    // A meeting whose page alone is bigger than the disk.
    site.write("content/meetings/2018-stor.md", &meeting("Stor", &"Lång text om regional utveckling. ".repeat(40_000)));
    let o = build(&site);
    assert_fails(&o, "full disk");
    let err = stderr(&o);
    assert!(err.contains("kunde inte skriva") && err.contains("No space left on device"), "{err}");
    assert_eq!(tree(&out), before, "a full disk changed the previous output");
    assert!(strays(&disk.0).is_empty(), "stray temp folders: {:?}", strays(&disk.0));
    // Room again: the next build succeeds and leaves only the output behind.
    fs::remove_file(site.path().join("content/meetings/2018-stor.md")).unwrap();
    site.write("content/meetings/2018-liten.md", &meeting("Liten", "Kort.\n"));
    assert_ok(&build(&site), "build after freeing space");
    assert!(out.join("moten/2018-liten/index.html").is_file());
    let names: Vec<_> = fs::read_dir(&disk.0).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, ["public"]);
}

#[test]
fn output_never_disappears_or_tears_while_being_replaced() {
    // A reader polling the output during 200 rebuilds always finds a whole build: the
    // marker is there and index.html is exactly one of the versions written.
    use samtal::render::OutputFile;
    use std::sync::atomic::{AtomicBool, Ordering};
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let version = |n: usize| -> Vec<OutputFile> {
        let page = format!("<p>version {n}</p>{}", "x".repeat(50_000));
        vec![
            OutputFile { path: "index.html".into(), bytes: page.clone().into_bytes().into() },
            OutputFile { path: "moten/a/index.html".into(), bytes: page.into_bytes().into() },
        ]
    };
    samtal::write::write_site(&out, &version(0)).unwrap();
    let done = AtomicBool::new(false);
    let (misses, reads) = std::thread::scope(|s| {
        let reader = s.spawn(|| {
            let (mut misses, mut reads) = (Vec::new(), 0usize);
            while !done.load(Ordering::Relaxed) {
                reads += 1;
                match fs::read_to_string(out.join("index.html")) {
                    Ok(text) if text.starts_with("<p>version ") && text.len() > 50_000 => {}
                    Ok(text) => misses.push(format!("torn: {} bytes", text.len())),
                    Err(e) => misses.push(e.to_string()),
                }
            }
            (misses, reads)
        });
        for n in 1..=200 {
            samtal::write::write_site(&out, &version(n)).unwrap();
        }
        done.store(true, Ordering::Relaxed);
        reader.join().unwrap()
    });
    assert!(
        misses.is_empty(),
        "{} of {reads} reads missed the output: {:?}",
        misses.len(),
        &misses[..misses.len().min(5)]
    );
    let names: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, ["public"]);
}

// ---------------------------------------------------------------------------------------
// Big and odd inputs

/// Builds with a virtual memory cap, so runaway memory fails the test instead of the machine.
fn build_bounded(site: &Site, limit_mib: usize) -> Output {
    run_limited(site, &format!("ulimit -v {}", limit_mib * 1024))
}

#[test]
fn nested_lists_and_block_quotes_50_and_5000_deep() {
    // Guards: deeply nested Markdown builds or fails cleanly, never overflows the stack.
    for depth in [50, 5000] {
        let site = Site::new();
        let list: String = (0..depth).map(|i| format!("{}- nivå {i}\n", "  ".repeat(i))).collect();
        let quotes: String = (0..depth).map(|i| format!("{} citat {i}\n", ">".repeat(i + 1))).collect();
        let mixed: String = (0..depth).map(|i| format!("{}> - x{i}\n", "  ".repeat(i))).collect();
        site.write("content/meetings/2018-listor.md", &meeting("Listor", &list));
        site.write("content/meetings/2018-citat.md", &meeting("Citat", &quotes));
        site.write("content/meetings/2018-blandat.md", &meeting("Blandat", &mixed));
        let o = build_bounded(&site, 4096);
        assert_no_crash(&o, &format!("depth {depth}"));
        assert_ok(&o, &format!("depth {depth}"));
        let page = fs::read_to_string(site.out().join("moten/2018-listor/index.html")).unwrap();
        assert!(page.contains(&format!("nivå {}", depth - 1)));
        if depth == 50 {
            assert_eq!(page.matches("<ul>").count(), 50, "50 nested lists");
            let page = fs::read_to_string(site.out().join("moten/2018-citat/index.html")).unwrap();
            assert_eq!(page.matches("<blockquote>").count(), 50, "50 nested block quotes");
        }
    }
}

#[test]
fn deeply_nested_yaml_is_an_error_not_a_stack_overflow() {
    // Guards: deeply nested YAML is an error, not a stack overflow.
    for depth in [100, 10_000, 100_000] {
        let site = Site::new();
        let flow = format!("{}x{}", "[".repeat(depth), "]".repeat(depth));
        let block: String = (0..depth.min(1000)).map(|i| format!("{}- \n", "  ".repeat(i))).collect();
        let text = meeting("Djup", "x\n").replacen("outcomes: []", &format!("outcomes: {flow}"), 1);
        site.write("content/meetings/2018-flow.md", &text);
        let text = meeting("Djup", "x\n").replacen("outcomes: []", &format!("outcomes:\n{block}"), 1);
        site.write("content/meetings/2018-block.md", &text);
        let o = build_bounded(&site, 4096);
        assert_fails(&o, &format!("yaml depth {depth}"));
        assert!(stderr(&o).contains("2018-flow.md") && stderr(&o).contains("2018-block.md"), "{}", stderr(&o));
    }
}

#[test]
fn ten_thousand_item_front_matter_list() {
    // Guards: a front matter list of 10,000 items builds.
    let site = Site::new();
    let participants: String = (0..10_000).map(|i| format!("  - Deltagare nummer {i}\n")).collect();
    let text =
        meeting("Många", "x\n").replacen("outcomes: []", &format!("outcomes: []\nparticipants:\n{participants}"), 1);
    site.write("content/meetings/2018-manga.md", &text);
    let o = build_bounded(&site, 4096);
    assert_ok(&o, "10,000 participants");
    let page = fs::read_to_string(site.out().join("moten/2018-manga/index.html")).unwrap();
    assert!(page.contains("Deltagare nummer 0<") && page.contains("Deltagare nummer 9999<"));
    assert_eq!(page.matches("Deltagare nummer ").count(), 10_000);
}

#[test]
fn long_lines_in_title_and_body() {
    // Guards: very long lines in a title and a body build.
    let site = Site::new();
    let title = "Långt namn ".repeat(10_000);
    let line = "ord ".repeat(250_000); // a 1 MB line
    site.write("content/meetings/2018-lang.md", &meeting(title.trim(), &format!("{line}\n\n`{line}`\n")));
    let o = build_bounded(&site, 4096);
    assert_ok(&o, "long lines");
    let page = fs::read_to_string(site.out().join("moten/2018-lang/index.html")).unwrap();
    assert!(page.contains(title.trim()) && page.len() > 2_000_000);
}

#[test]
fn sami_finnish_and_emoji_titles_survive_intact() {
    // Guards: Sami, Finnish and emoji text comes out intact.
    let site = Site::new();
    let titles = [
        "Sámi Ŋŋ Čč Đđ Šš Žž Ää Öö 🇸🇪",
        "Sámediggi – Sámi parlameanta",
        "Tornionlaakso: yhteistyö ja äänestys",
        "Emoji 👩🏽‍🌾🧑‍🤝‍🧑 and ZWJ",
        "Ŧŧ Ʒʒ Ǯǯ Ǥǥ Ǧǧ Ǩǩ Åå",
    ];
    for (i, t) in titles.iter().enumerate() {
        site.write(&format!("content/meetings/2018-titel-{i}.md"), &meeting(t, &format!("# {t}\n\nBrödtext {t}.\n")));
    }
    let o = site.build();
    assert_ok(&o, "unicode titles");
    for (i, t) in titles.iter().enumerate() {
        let page = fs::read_to_string(site.out().join(format!("moten/2018-titel-{i}/index.html"))).unwrap();
        assert!(page.contains(&format!("<h1>{t}</h1>")), "title {t} not intact");
        assert!(page.contains(&format!("Brödtext {t}.")), "body {t} not intact");
        let index = fs::read_to_string(site.out().join("moten/index.html")).unwrap();
        assert!(index.contains(t), "{t} missing from the index");
    }
}

#[test]
fn odd_files_give_clear_errors() {
    // Guards: odd meeting files (empty, a lone fence, Latin-1, NUL, BOM and CRLF, a list, binary) fail with a clear message, never a crash.
    let cases: [(&str, &[u8], &str); 7] = [
        ("tom.md", b"", "filen är tom"),
        ("bara-streck.md", b"---\n", "content/meetings/bara-streck.md"),
        ("latin1.md", b"---\ntitle: M\xf6te\n---\n", "UTF-8"),
        ("nul.md", b"---\ntitle: \"a\0b\"\n---\n", "content/meetings/nul.md"),
        ("bom-crlf.md", b"\xef\xbb\xbf---\r\ntitle: x\r\n---\r\n", "content/meetings/bom-crlf.md"),
        ("lista.md", b"---\n- a\n- b\n---\n", "content/meetings/lista.md"),
        ("binar.md", b"\x00\x01\x02\xff\xfe", "content/meetings/binar.md"),
    ];
    for (name, bytes, expected) in cases {
        let site = Site::new();
        let path = site.path().join("content/meetings").join(name);
        fs::write(&path, bytes).unwrap();
        let o = site.build();
        assert_fails(&o, name);
        assert!(stderr(&o).contains(expected), "{name}: {}", stderr(&o));
    }
}

#[test]
fn nul_and_control_characters_in_the_body_are_harmless() {
    // Guards: NUL and control characters in a body are harmless.
    let site = Site::new();
    let body = "Före\0efter \x07 \x1b[31m röd \u{202e} bakvänd \u{feff} och \r ensam vagnretur.\n";
    site.write("content/meetings/2018-kontroll.md", &meeting("Kontroll\u{7f}", body));
    let o = site.build();
    assert_no_crash(&o, "control characters");
    if o.status.success() {
        let page = fs::read_to_string(site.out().join("moten/2018-kontroll/index.html")).unwrap();
        assert!(!page.contains('\0'), "NUL reached the HTML");
    }
}

#[test]
fn twenty_megabyte_markdown_body() {
    // Guards: a 20 MB Markdown body builds within bounded memory.
    let site = Site::new();
    let paragraph = "Regional **utveckling** i [Skåne](https://example.org) och Östergötland; `kod` och _kursiv_.\n\n";
    let body = paragraph.repeat(20 * 1024 * 1024 / paragraph.len());
    assert!(body.len() > 20_000_000);
    site.write("content/meetings/2018-jatte.md", &meeting("Jätte", &body));
    let started = Instant::now();
    let o = build_bounded(&site, 4096);
    assert_ok(&o, "20 MB body");
    eprintln!("20 MB body built in {:?}", started.elapsed());
    let page = fs::read(site.out().join("moten/2018-jatte/index.html")).unwrap();
    assert!(page.len() > 20_000_000);
}
