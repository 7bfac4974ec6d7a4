//! `samtal serve` under load: 1,000 requests from 50 concurrent clients on loopback while a
//! meeting file keeps changing. Every response must be complete (its Content-Length is what
//! arrives) and correct (a page is wholly one version of the site, never a mix), and the
//! server must still serve afterwards. Bounded by count (1,000) and by time (deadlines).

mod common;

use common::copy_default_theme;
use std::fs;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const CLIENTS: usize = 50;
const REQUESTS_PER_CLIENT: usize = 20;
const CHANGING: &str = "content/meetings/2018-andras.md";

/// The changing meeting at version `v`: the version is in its title, summary and body, so a
/// page mixing two versions shows two different numbers.
fn changing_meeting(v: usize) -> String {
    format!(
        "---\ntitle: \"Ändras VERSION-{v}-\"\ndate: 2018-05-16\nregions: [skane]\nsummary: \"Sammanfattning VERSION-{v}-\"\noutcomes: []\n---\nFörst VERSION-{v}-\n\n{}\n\nSist VERSION-{v}-\n",
        "Fyllnadstext om regional utveckling. ".repeat(200)
    )
}

fn write_atomically(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    let tmp = path.with_file_name(format!(".{}.tmp", path.file_name().unwrap().to_string_lossy()));
    fs::write(&tmp, text).unwrap();
    fs::rename(&tmp, &path).unwrap();
}

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    copy_default_theme(root);
    fs::create_dir_all(root.join("content/meetings")).unwrap();
    fs::write(root.join("site.yaml"), "title: Last\ndescription: Provsajt\nbase_url: /\nlanguage: sv\n").unwrap();
    fs::write(
        root.join("content/regions.yaml"),
        "counties:\n  - {slug: skane, name: Skåne, official_name: Skåne län, county_code: \"12\", iso_3166_2: SE-M, actor_2018: Region Skåne, region_2019: Region Skåne}\n",
    )
    .unwrap();
    fs::write(root.join("content/themes.yaml"), "- slug: innovation\n  name: Innovation\n").unwrap();
    for i in 0..30 {
        fs::write(
            root.join(format!("content/meetings/2018-fast-{i:02}.md")),
            format!("---\ntitle: Fast möte {i}\ndate: 2018-03-01\nregions: [skane]\nsummary: Fast.\noutcomes: []\n---\nText {i}.\n"),
        )
        .unwrap();
    }
    write_atomically(root, CHANGING, &changing_meeting(0));
    dir
}

/// One HTTP/1.1 response, read to the end of the connection.
struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

fn get(addr: SocketAddr, path: &str) -> Result<Response, String> {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5)).map_err(|e| format!("connect: {e}"))?;
    stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    stream.set_write_timeout(Some(Duration::from_secs(5))).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n")
        .map_err(|e| format!("send: {e}"))?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).map_err(|e| format!("read: {e}"))?;
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").ok_or("no end of headers")?;
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status_line = lines.next().ok_or("empty response")?;
    let status =
        status_line.split(' ').nth(1).and_then(|s| s.parse().ok()).ok_or(format!("bad status line {status_line:?}"))?;
    let headers =
        lines.filter_map(|l| l.split_once(':')).map(|(n, v)| (n.trim().to_string(), v.trim().to_string())).collect();
    let mut body = raw[split + 4..].to_vec();
    let response = Response { status, headers, body: Vec::new() };
    if response.header("transfer-encoding").is_some_and(|t| t.eq_ignore_ascii_case("chunked")) {
        body = dechunk(&body)?;
    } else if let Some(len) = response.header("content-length") {
        let len: usize = len.parse().map_err(|_| "bad content-length")?;
        if body.len() != len {
            return Err(format!("incomplete body: {} of {len} bytes", body.len()));
        }
    }
    Ok(Response { body, ..response })
}

fn dechunk(mut data: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    loop {
        let line_end = data.windows(2).position(|w| w == b"\r\n").ok_or("truncated chunk size")?;
        let size_text = String::from_utf8_lossy(&data[..line_end]);
        let size =
            usize::from_str_radix(size_text.split(';').next().unwrap().trim(), 16).map_err(|_| "bad chunk size")?;
        data = &data[line_end + 2..];
        if size == 0 {
            return Ok(out);
        }
        if data.len() < size + 2 {
            return Err("truncated chunk".into());
        }
        out.extend_from_slice(&data[..size]);
        data = &data[size + 2..];
    }
}

/// The version numbers a page shows (`VERSION-<n>-`).
fn versions(text: &str) -> Vec<usize> {
    text.match_indices("VERSION-")
        .filter_map(|(i, m)| {
            let rest = &text[i + m.len()..];
            let end = rest.find('-')?;
            rest[..end].parse().ok()
        })
        .collect()
}

/// Checks one response against what the path must give.
fn check(path: &str, r: &Response) -> Result<(), String> {
    let text = String::from_utf8_lossy(&r.body);
    match path {
        "/finns-inte/" => {
            if r.status != 404 || !text.contains("</html>") {
                return Err(format!("{path}: {} (want a whole 404 page)", r.status));
            }
        }
        "/moten/2018-andras" => {
            if r.status != 308 || r.header("location") != Some("/moten/2018-andras/") {
                return Err(format!("{path}: {} {:?} (want 308 to the slash)", r.status, r.header("location")));
            }
        }
        "/sok/index.json" => {
            if r.status != 200 {
                return Err(format!("{path}: {}", r.status));
            }
            serde_json::from_slice::<serde_json::Value>(&r.body).map_err(|e| format!("{path}: not whole JSON: {e}"))?;
        }
        _ => {
            if r.status != 200 || !text.trim_end().ends_with("</html>") {
                return Err(format!("{path}: {} or the page is cut short", r.status));
            }
            let v = versions(&text);
            if path == "/moten/2018-andras/" && v.len() < 3 {
                return Err(format!("{path}: version markers missing ({v:?})"));
            }
            if v.windows(2).any(|w| w[0] != w[1]) {
                return Err(format!("{path}: a torn page shows versions {v:?}"));
            }
        }
    }
    Ok(())
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// The server process; stopped with SIGTERM (then SIGKILL) when dropped.
struct Server(Child);

impl Server {
    /// `samtal serve` of the site at `root` on a free loopback port, and its address.
    fn start(root: &Path) -> (Server, SocketAddr) {
        let port = free_port();
        let child = common::samtal()
            .arg("--root")
            .arg(root)
            .args(["serve", "--port", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        (Server(child), SocketAddr::from(([127, 0, 0, 1], port)))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // SAFETY: plain kill(2) on our own child.
        unsafe { libc::kill(self.0.id() as i32, libc::SIGTERM) };
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.0.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn wait_until(deadline: Duration, mut ok: impl FnMut() -> bool) -> bool {
    let end = Instant::now() + deadline;
    while Instant::now() < end {
        if ok() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    false
}

#[test]
fn thousand_requests_from_fifty_clients_while_files_change() {
    // Guards: every response under load is complete and wholly one version of the site.
    let site = site();
    let root = site.path();
    let (mut server, addr) = Server::start(root);
    assert!(
        wait_until(Duration::from_secs(120), || get(addr, "/").is_ok_and(|r| r.status == 200)),
        "samtal serve did not come up on {addr}"
    );

    let paths = [
        "/",
        "/moten/",
        "/moten/2018-andras/",
        "/moten/2018-andras/",
        "/moten/2018-fast-07/",
        "/regioner/skane/",
        "/sok/",
        "/sok/index.json",
        "/finns-inte/",
        "/moten/2018-andras",
    ];
    let stop = Arc::new(AtomicBool::new(false));
    let versions_written = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let test_deadline = started + Duration::from_secs(300);
    let (results, last_version) = std::thread::scope(|s| {
        // The editor: a new version of the changing meeting every 300 ms, saved atomically
        // (much faster and the watcher's debounce would wait for the saves to stop).
        let writer = {
            let (stop, written) = (stop.clone(), versions_written.clone());
            s.spawn(move || {
                let mut v = 0;
                while !stop.load(Ordering::Relaxed) && Instant::now() < test_deadline && v < 10_000 {
                    v += 1;
                    write_atomically(root, CHANGING, &changing_meeting(v));
                    written.store(v, Ordering::Relaxed);
                    std::thread::sleep(Duration::from_millis(300));
                }
                v
            })
        };
        let clients: Vec<_> = (0..CLIENTS)
            .map(|c| {
                s.spawn(move || {
                    let mut out = Vec::new();
                    for i in 0..REQUESTS_PER_CLIENT {
                        if Instant::now() > test_deadline {
                            out.push(Err("test deadline passed".to_string()));
                            break;
                        }
                        let path = paths[(c * 7 + i) % paths.len()];
                        let result = get(addr, path).and_then(|r| {
                            check(path, &r).map(|()| (path, versions(&String::from_utf8_lossy(&r.body))))
                        });
                        out.push(result);
                        // Paced, so the load spans several rebuilds.
                        std::thread::sleep(Duration::from_millis(100 + (c as u64 * 13 + i as u64 * 7) % 100));
                    }
                    out
                })
            })
            .collect();
        let results: Vec<_> = clients.into_iter().flat_map(|c| c.join().unwrap()).collect();
        stop.store(true, Ordering::Relaxed);
        (results, writer.join().unwrap())
    });
    let elapsed = started.elapsed();
    let failures: Vec<_> = results.iter().filter_map(|r| r.as_ref().err()).collect();
    let seen: std::collections::BTreeSet<usize> = results
        .iter()
        .filter_map(|r| r.as_ref().ok())
        .filter(|(p, _)| *p == "/moten/2018-andras/")
        .filter_map(|(_, v)| v.first().copied())
        .collect();
    eprintln!(
        "serve load: {} requests, {} failures, {} versions written, {} distinct versions served, {:.1} s",
        results.len(),
        failures.len(),
        last_version,
        seen.len(),
        elapsed.as_secs_f64()
    );
    assert_eq!(results.len(), CLIENTS * REQUESTS_PER_CLIENT);
    assert!(
        failures.is_empty(),
        "{} of {} requests failed: {:?}",
        failures.len(),
        results.len(),
        &failures[..failures.len().min(10)]
    );
    assert!(seen.len() >= 2, "the load never saw the site change (versions served: {seen:?})");

    // Still serving, and it catches up with the last saved version.
    let want = format!("VERSION-{last_version}-");
    assert!(
        wait_until(Duration::from_secs(60), || get(addr, "/moten/2018-andras/")
            .is_ok_and(|r| r.status == 200 && String::from_utf8_lossy(&r.body).contains(&want))),
        "the server stopped serving or never showed version {last_version}"
    );
    assert!(server.0.try_wait().unwrap().is_none(), "the server exited");
    drop(server);
}

/// The resident memory of process `pid`, in MiB.
fn rss_mib(pid: u32) -> usize {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse::<usize>().unwrap() / 1024
}

#[test]
fn clients_that_do_not_read_cannot_make_the_preview_copy_a_page_each() {
    // Guards: every HTML response shares the page (the reload script goes around it, not into
    // a copy): 200 clients holding a 6 MB list page cost the preview no page copies. (200 stay
    // under the preview's cap on open connections, so all of them are under way at once.)
    let site = site();
    let root = site.path();
    // Longer than a socket's largest send buffer (4 MiB), so no page vanishes into the kernel.
    let summary = "En sammanfattning som gör listan längre. ".repeat(9);
    for i in 0..9000 {
        fs::write(
            root.join(format!("content/meetings/2019-lista-{i:04}.md")),
            format!("---\ntitle: Möte i en lång lista nummer {i}\ndate: 2019-03-01\nregions: [skane]\nsummary: {summary}{i}.\noutcomes: []\n---\nText.\n"),
        )
        .unwrap();
    }
    let (server, addr) = Server::start(root);
    let (pid, port) = (server.0.id(), addr.port());
    let mut page_bytes = 0;
    let up = wait_until(Duration::from_secs(120), || match get(addr, "/moten/") {
        Ok(r) if r.status == 200 => {
            page_bytes = r.body.len();
            true
        }
        _ => false,
    });
    assert!(up, "samtal serve did not come up on {addr}");
    assert!(page_bytes > 6_000_000, "the list page is large: {page_bytes} bytes");
    let idle = rss_mib(pid);
    let mut clients = Vec::new();
    for _ in 0..200 {
        let mut stream = TcpStream::connect(addr).unwrap();
        // A small receive window, as a slow client has: the page cannot vanish into kernel
        // buffers, so whatever the server holds per response stays in its memory.
        let small: libc::c_int = 4096;
        // SAFETY: setsockopt(2) on a socket we own, with a pointer to a live c_int.
        unsafe {
            use std::os::fd::AsRawFd;
            let size = std::mem::size_of::<libc::c_int>() as libc::socklen_t;
            libc::setsockopt(
                stream.as_raw_fd(),
                libc::SOL_SOCKET,
                libc::SO_RCVBUF,
                (&small as *const libc::c_int).cast(),
                size,
            );
        }
        write!(stream, "GET /moten/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n").unwrap();
        clients.push(stream);
    }
    // Each client reads its status line and no more: its response is then under way, with
    // whatever it holds, and the rest of the page waits in the server.
    for stream in &mut clients {
        stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        let mut head = [0u8; 12];
        stream.read_exact(&mut head).unwrap();
        assert_eq!(&head[9..12], b"200");
    }
    let loaded = rss_mib(pid);
    eprintln!("RSS idle {idle} loaded {loaded} page {page_bytes}");
    // A copy per client would be 200 × 6 MB and more, over 1.2 GB.
    assert!(loaded < idle + 150, "200 waiting clients grew the preview from {idle} MiB to {loaded} MiB");
}
