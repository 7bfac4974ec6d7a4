//! Atomic builds under faults: signals, write errors, crashes and a full disk mid-write never
//! lose or tear the previous output.

use super::*;

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

fn running_as_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    fs::metadata("/proc/self").unwrap().uid() == 0
}

/// Lets `nobody` (see [`build_as_ordinary_user`]) read and write the whole site.
fn open_to_everyone(site: &Site) {
    use std::os::unix::fs::PermissionsExt;
    for entry in walkdir::WalkDir::new(site.path()).into_iter().map(Result::unwrap) {
        let mode = if entry.file_type().is_dir() { 0o777 } else { 0o666 };
        fs::set_permissions(entry.path(), fs::Permissions::from_mode(mode)).unwrap();
    }
}

/// The binary as an ordinary user: file permissions do not bind root, so as root the run
/// drops to `nobody` (setpriv, util-linux); the site must be [`open_to_everyone`].
fn build_as_ordinary_user(site: &Site) -> Output {
    if !running_as_root() {
        return site.build();
    }
    Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(common::BIN)
        .arg("--root")
        .arg(site.path())
        .args(["build", "--quiet"])
        .env("SAMTAL_TODAY", common::TODAY)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

#[test]
fn an_unreadable_meetings_folder_fails_the_build_and_keeps_the_previous_output() {
    // Guards: a folder the walk cannot read is a located error, never a site silently built
    // without the meetings it holds.
    use std::os::unix::fs::PermissionsExt;
    let site = Site::new();
    open_to_everyone(&site);
    assert_ok(&build_as_ordinary_user(&site), "first build");
    let before = tree(&site.out());
    assert!(before.iter().any(|(p, _)| p == "moten/2018-skane/index.html"));
    let meetings = site.path().join("content/meetings");
    fs::set_permissions(&meetings, fs::Permissions::from_mode(0o000)).unwrap();
    let o = build_as_ordinary_user(&site);
    fs::set_permissions(&meetings, fs::Permissions::from_mode(0o777)).unwrap();
    assert_fails(&o, "unreadable content/meetings");
    let err = stderr(&o);
    assert!(err.contains("content/meetings") && err.contains("behörighet"), "{err}");
    assert_eq!(tree(&site.out()), before, "the previous output is untouched");
}

#[test]
fn a_leftover_temp_folder_that_cannot_go_is_reported_not_silent() {
    // Guards: a temp folder of an interrupted build that cannot be removed (here: it holds a
    // .git while the output has one too, so neither may be deleted) is a warning naming it.
    let site = Site::new();
    assert_ok(&site.build(), "first build");
    fs::create_dir_all(site.out().join(".git")).unwrap();
    fs::write(site.out().join(".git/HEAD"), "ref: refs/heads/gh-pages\n").unwrap();
    let stale = site.path().join(".public.samtal-new-4190000");
    fs::create_dir_all(stale.join(".git")).unwrap();
    fs::write(stale.join(".git/HEAD"), "ref: refs/heads/annan\n").unwrap();
    let o = run(site.path(), &["build"]);
    assert_ok(&o, "build beside a leftover");
    let err = stderr(&o);
    assert!(err.contains(".public.samtal-new-4190000") && err.contains("avbrutet bygge"), "{err}");
    assert!(stale.join(".git/HEAD").is_file(), "the leftover's .git is kept");
}

#[test]
fn a_read_only_folder_in_the_previous_output_leaves_no_copy_of_it_behind() {
    // Guards: the build a swap put aside was removed with remove_dir_all alone; a read-only
    // folder in it stopped that for an ordinary user, and the build left a whole copy of the
    // site as `.public.samtal-new-<pid>`, exit 0, without a word (the next build reported it).
    use std::os::unix::fs::PermissionsExt;
    let site = Site::new();
    open_to_everyone(&site);
    assert_ok(&build_as_ordinary_user(&site), "first build");
    fs::set_permissions(site.out().join("moten"), fs::Permissions::from_mode(0o555)).unwrap();
    for round in 1..=2 {
        let o = build_as_ordinary_user(&site);
        assert_ok(&o, &format!("build {round} over a read-only folder"));
        assert_eq!(strays(site.path()), Vec::<String>::new(), "build {round} left a copy behind\n{}", stderr(&o));
        assert!(!stderr(&o).contains("samtal-new"), "nothing left to report\n{}", stderr(&o));
    }
    assert!(site.out().join("moten/2018-skane/index.html").is_file());
}
