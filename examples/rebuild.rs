//! Times what `samtal serve` does after an edit. Used by `bench/run.sh` and BENCHMARKS.md.
//!
//!     cargo run --release --example rebuild -- SITE_DIR [RUNS] [--serve] [--purge]
//!
//! Without `--serve`: builds SITE_DIR once in memory as `serve` does (`samtal::render_cached`),
//! then RUNS times edits one meeting's body (appends a sentence) and rebuilds, then RUNS times
//! edits one meeting's title and rebuilds. Each edit is of another meeting, spread over the
//! site. Prints each rebuild's wall time and the process's CPU time during it, then per kind
//! of edit the p50, p95 and largest wall time and the mean CPU time.
//!
//! With `--serve`: runs `samtal serve` in this process on a loopback port and listens to its
//! live-reload stream (`/__samtal/events`) as a browser tab does; each edit is timed from the
//! moment the file is saved to the moment the edited page, fetched after the `reload`
//! event, shows the edit: what an author waits for. This includes serve's debounce
//! (`samtal::serve::DEBOUNCE`).
//!
//! mimalloc is set as `samtal serve` sets it (freed memory kept for the next rebuild);
//! `--purge` leaves mimalloc's default (freed memory returned to the system after 10 ms), to
//! measure what keeping it buys.
//!
//! Edits come a second apart, at an author's pace (serve frees the previous build in the
//! background after each rebuild). Work on a copy of the site: files are edited in place;
//! they are restored at the end.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

// The allocator of the `samtal` binary, so the figures are those of `samtal serve`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Clone, Copy, PartialEq)]
enum Edit {
    Body,
    Title,
}

impl Edit {
    fn name(self) -> &'static str {
        match self {
            Edit::Body => "body",
            Edit::Title => "title",
        }
    }

    /// The meeting's text after the edit, and a marker the edited page shows.
    fn apply(self, original: &str, run: usize) -> (String, String) {
        match self {
            Edit::Body => {
                let marker = format!("Ändring {run} för att mäta en ombyggnad.");
                (format!("{original}\n{marker}\n"), marker)
            }
            Edit::Title => {
                let marker = format!("Ändrad rubrik {run}");
                let text = original
                    .lines()
                    .map(|l| if l.starts_with("title:") { format!("title: \"{marker}\"") } else { l.to_string() })
                    .collect::<Vec<_>>()
                    .join("\n");
                (text + "\n", marker)
            }
        }
    }
}

/// The process's CPU time (user + system) so far, from /proc (Linux; zero elsewhere).
fn cpu_time() -> Duration {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return Duration::ZERO;
    };
    // Fields after the command name (which is in parentheses): utime and stime are 14 and 15.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<u64>().ok()).unwrap_or(0);
    // Fields are numbered from 1 with pid and comm; `rest` starts at field 3.
    Duration::from_millis((ticks(14 - 3) + ticks(15 - 3)) * 10)
}

fn percentile(sorted: &[u128], p: f64) -> u128 {
    // Nearest rank.
    let rank = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

/// One line per kind of edit: p50, p95 and largest of `walls`, and the mean of `other`.
fn report(kind: Edit, walls: &mut [u128], other_name: &str, other: &[u128]) {
    walls.sort_unstable();
    let mean = other.iter().sum::<u128>() / other.len().max(1) as u128;
    println!(
        "{} edits ({}): p50 {} ms, p95 {} ms, max {} ms, mean {other_name} {mean} ms",
        kind.name(),
        walls.len(),
        percentile(walls, 0.5),
        percentile(walls, 0.95),
        walls.last().copied().unwrap_or(0),
    );
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let serve = args.iter().any(|a| a == "--serve");
    let purge = args.iter().any(|a| a == "--purge");
    args.retain(|a| a != "--serve" && a != "--purge");
    if !purge {
        // As `samtal serve` sets it (src/main.rs, `keep_freed_memory`).
        const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
        // SAFETY: only stores an option value mimalloc reads when it next decides to purge.
        unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
    }
    let root = PathBuf::from(args.first().expect("usage: rebuild SITE_DIR [RUNS] [--serve] [--purge]"));
    let runs: usize = args.get(1).map_or(20, |r| r.parse().expect("RUNS is a number"));
    let mut meetings: Vec<PathBuf> = std::fs::read_dir(root.join("content/meetings"))
        .expect("SITE_DIR/content/meetings")
        .map(|e| e.expect("a readable folder").path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    meetings.sort();
    assert!(!meetings.is_empty(), "at least one meeting");
    // Each edit is of another meeting, spread over the site (the first one first).
    let edited = |run: usize| meetings[(run - 1) * 7919 % meetings.len()].clone();
    let originals: Vec<(PathBuf, String)> = (1..=runs)
        .map(edited)
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("a readable meeting");
            (p, text)
        })
        .collect();
    let today = std::env::var("SAMTAL_TODAY").ok().and_then(|d| samtal::model::PartialDate::parse(&d));
    let options = samtal::Options {
        root: root.clone(),
        output: None,
        base_url: Some("/".into()),
        drafts: true,
        strict: false,
        today: today.unwrap_or_else(|| samtal::model::PartialDate::parse("2025-06-01").expect("a date")),
    };
    if serve {
        through_serve(options, &originals);
    } else {
        in_memory(&options, &originals);
    }
    for (path, text) in &originals {
        std::fs::write(path, text).expect("the meeting can be restored");
    }
}

fn in_memory(options: &samtal::Options, originals: &[(PathBuf, String)]) {
    let mut cache = samtal::cache::Cache::default();
    let started = Instant::now();
    let first = samtal::render_cached(options, &mut cache).expect("the site builds");
    println!("first build: {} ms ({} pages)", started.elapsed().as_millis(), first.page_count);
    drop(first);
    for kind in [Edit::Body, Edit::Title] {
        let (mut walls, mut cpus) = (Vec::new(), Vec::new());
        for (run, (path, original)) in originals.iter().enumerate() {
            std::thread::sleep(Duration::from_secs(1));
            let (text, _) = kind.apply(original, run + 1);
            std::fs::write(path, text).expect("the meeting can be written");
            let (started, cpu) = (Instant::now(), cpu_time());
            let build = samtal::render_cached(options, &mut cache).expect("the site builds");
            let (ms, cpu_ms) = (started.elapsed().as_millis(), (cpu_time() - cpu).as_millis());
            println!("{} rebuild {}: {ms} ms, CPU {cpu_ms} ms ({:?})", kind.name(), run + 1, build.work);
            drop(build);
            walls.push(ms);
            cpus.push(cpu_ms);
            std::fs::write(path, original).expect("the meeting can be restored");
            // The restore is a change too: rebuild so the next edit starts from the original.
            drop(samtal::render_cached(options, &mut cache).expect("the site builds"));
        }
        report(kind, &mut walls, "CPU", &cpus);
    }
}

/// A loopback HTTP GET of `path`; the response body.
fn get(addr: &str, path: &str) -> String {
    let mut stream = std::net::TcpStream::connect(addr).expect("the server answers");
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").expect("a request");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("a response");
    response
}

fn through_serve(options: samtal::Options, originals: &[(PathBuf, String)]) {
    let (tx, rx) = std::sync::mpsc::channel::<String>();
    let on_event: samtal::serve::OnEvent = std::sync::Arc::new(move |event| match event {
        samtal::serve::Event::Listening { addr, .. } => {
            let _ = tx.send(format!("listening {addr}"));
        }
        samtal::serve::Event::Built { elapsed_ms, initial, .. } => {
            let _ = tx.send(format!("built {elapsed_ms} {initial}"));
        }
        samtal::serve::Event::Failed { .. } | samtal::serve::Event::Crashed { .. } => {
            let _ = tx.send("failed".into());
        }
        _ => {}
    });
    let config = samtal::serve::Config {
        options,
        bind: std::net::Ipv4Addr::LOCALHOST.into(),
        port: 0,
        poll: false,
        allow_remote_edit: false,
        limits: Default::default(),
    };
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let server = std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        runtime
            .block_on(samtal::serve::serve(config, on_event, async {
                let _ = stop_rx.await;
            }))
            .expect("serve runs");
    });
    let deadline = Duration::from_secs(600);
    let addr = rx.recv_timeout(deadline).expect("serve starts");
    let addr = addr.strip_prefix("listening ").expect("the address first").to_string();
    let first = rx.recv_timeout(deadline).expect("the first build");
    println!("first build: {first}");
    // The live-reload stream, as a browser tab holds it.
    let mut events = std::net::TcpStream::connect(&addr).expect("the server answers");
    write!(events, "GET {} HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n", samtal::serve::EVENTS_PATH)
        .expect("a request");
    let mut events = BufReader::new(events);
    let mut next_event = |name: &str| {
        let mut line = String::new();
        loop {
            line.clear();
            events.read_line(&mut line).expect("the event stream stays open");
            assert!(!line.is_empty(), "the event stream closed");
            if line.trim_end() == format!("event: {name}") {
                return;
            }
        }
    };
    next_event("hello");
    let page = |path: &Path| {
        let slug = path.file_stem().unwrap().to_string_lossy().into_owned();
        format!("/moten/{slug}/")
    };
    for kind in [Edit::Body, Edit::Title] {
        let (mut walls, mut builds) = (Vec::new(), Vec::new());
        for (run, (path, original)) in originals.iter().enumerate() {
            std::thread::sleep(Duration::from_secs(1));
            let (text, marker) = kind.apply(original, run + 1);
            let saved = Instant::now();
            std::fs::write(path, &text).expect("the meeting can be written");
            next_event("reload");
            let body = get(&addr, &page(path));
            let ms = saved.elapsed().as_millis();
            assert!(body.contains(&marker), "the reloaded page shows the edit");
            let built = rx.recv_timeout(deadline).expect("a build");
            let build_ms = built.split(' ').nth(1).and_then(|m| m.parse::<u128>().ok()).unwrap_or(0);
            println!("{} edit {}: {ms} ms from save to reloaded page (rebuild {build_ms} ms)", kind.name(), run + 1);
            walls.push(ms);
            builds.push(build_ms);
            std::fs::write(path, original).expect("the meeting can be restored");
            next_event("reload");
            rx.recv_timeout(deadline).expect("a build");
        }
        report(kind, &mut walls, "rebuild", &builds);
    }
    let _ = stop_tx.send(());
    let _ = server.join();
}
