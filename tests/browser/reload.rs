//! A real browser: headless Chromium (Debian's `chromium`, at /usr/bin/chromium) opens a page
//! of `samtal serve`, and the page must reload by itself after an edit, show the error overlay
//! when the site breaks and lose it when the site is fixed. Chromium is driven over the
//! DevTools protocol (a WebSocket); every wait is on a protocol event, with a deadline.
//!
//! The test fails, never skips, when Chromium is missing: `apt-get install -y chromium`.

use crate::common::{STOCKHOLM_COUNTY, copy_default_theme, write};
use serde_json::{Value, json};
use std::collections::VecDeque;
use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use tungstenite::{Message, WebSocket};

const CHROMIUM: &str = "/usr/bin/chromium";
const DEADLINE: Duration = Duration::from_secs(30);
const MEETING: &str = "content/meetings/2018-stockholm.md";

fn meeting(title: &str, region: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\ndate: 2018\nregions: [{region}]\nthemes: [smart-specialisation]\n\
         summary: \"En sammanfattning.\"\noutcomes:\n  - \"Ett resultat.\"\n---\nBrödtext.\n"
    )
}

fn tiny_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "site.yaml", "title: Provplats\ndescription: Test.\nbase_url: /\nlanguage: sv\ntheme: default\n");
    write(root, "content/regions.yaml", &format!("counties:\n{STOCKHOLM_COUNTY}"));
    write(root, "content/themes.yaml", "- slug: smart-specialisation\n  name: Smart specialisering\n");
    write(root, MEETING, &meeting("Första rubriken", "stockholm"));
    copy_default_theme(root);
    dir
}

/// A child process killed (by its own id) when the test ends, however it ends.
pub(crate) struct Process(Child);

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts the process and waits for a line of `stream` that `pick` accepts.
pub(crate) fn start_and_read(
    mut command: Command,
    from_stderr: bool,
    pick: fn(&str) -> Option<String>,
) -> (Process, String) {
    let mut child = command.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn");
    let (tx, rx) = mpsc::channel();
    let out = child.stdout.take().unwrap();
    let err = child.stderr.take().unwrap();
    let (watched, other): (Box<dyn std::io::Read + Send>, Box<dyn std::io::Read + Send>) =
        if from_stderr { (Box::new(err), Box::new(out)) } else { (Box::new(out), Box::new(err)) };
    std::thread::spawn(move || {
        let mut found = false;
        for line in BufReader::new(watched).lines().map_while(Result::ok) {
            if !found && let Some(value) = pick(&line) {
                found = true;
                let _ = tx.send(value);
            }
        }
    });
    // Keep draining the other pipe so the process never blocks on it.
    std::thread::spawn(move || for _ in BufReader::new(other).lines().map_while(Result::ok) {});
    let process = Process(child);
    let value = rx.recv_timeout(DEADLINE).expect("the process did not print what was expected");
    (process, value)
}

/// A DevTools protocol connection with one attached page session.
struct Cdp {
    ws: WebSocket<TcpStream>,
    next_id: u64,
    session: Option<String>,
    events: VecDeque<Value>,
}

impl Cdp {
    fn connect(ws_url: &str) -> Cdp {
        let host = ws_url.trim_start_matches("ws://").split('/').next().unwrap();
        let stream = TcpStream::connect(host).expect("connect to Chromium");
        let (ws, _) = tungstenite::client(ws_url, stream).expect("DevTools handshake");
        Cdp { ws, next_id: 0, session: None, events: VecDeque::new() }
    }

    /// The next message, or `None` at the deadline.
    fn read(&mut self, deadline: Instant) -> Option<Value> {
        loop {
            let left = deadline.checked_duration_since(Instant::now())?;
            self.ws.get_mut().set_read_timeout(Some(left.max(Duration::from_millis(1)))).unwrap();
            match self.ws.read() {
                Ok(Message::Text(text)) => return Some(serde_json::from_str(&text).expect("DevTools JSON")),
                Ok(_) => continue,
                Err(tungstenite::Error::Io(e))
                    if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) =>
                {
                    continue;
                }
                Err(e) => panic!("DevTools connection: {e}"),
            }
        }
    }

    fn call(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({ "id": id, "method": method, "params": params });
        if let Some(session) = &self.session {
            message["sessionId"] = json!(session);
        }
        self.ws.send(Message::text(message.to_string())).expect("send to Chromium");
        let deadline = Instant::now() + DEADLINE;
        loop {
            let reply = self.read(deadline).unwrap_or_else(|| panic!("no answer to {method}"));
            if reply["id"] == json!(id) {
                assert!(reply.get("error").is_none(), "{method}: {reply}");
                return reply["result"].clone();
            }
            self.events.push_back(reply);
        }
    }

    /// Waits for the page event `method`; earlier events are dropped.
    fn wait_for(&mut self, method: &str) -> Value {
        let deadline = Instant::now() + DEADLINE;
        loop {
            let event = match self.events.pop_front() {
                Some(e) => e,
                None => self.read(deadline).unwrap_or_else(|| panic!("no {method} within {DEADLINE:?}")),
            };
            self.check(&event);
            if event["method"] == json!(method) {
                return event;
            }
        }
    }

    /// Drops queued events, failing on any script error they report.
    fn drain(&mut self) {
        while let Some(event) = self.events.pop_front() {
            self.check(&event);
        }
    }

    fn check(&self, event: &Value) {
        assert_ne!(event["method"], json!("Runtime.exceptionThrown"), "a script failed on the page: {event}");
    }

    /// Evaluates JavaScript in the page and returns its value.
    fn eval(&mut self, expression: &str) -> Value {
        let result = self.call("Runtime.evaluate", json!({ "expression": expression, "returnByValue": true }));
        assert!(result.get("exceptionDetails").is_none(), "{expression}: {result}");
        result["result"]["value"].clone()
    }
}

#[test]
fn an_open_page_reloads_itself_after_an_edit() {
    assert!(
        Path::new(CHROMIUM).exists(),
        "this test needs Chromium at {CHROMIUM}: apt-get install -y chromium (it is never skipped)"
    );
    let site = tiny_site();
    let root = site.path();

    let mut serve = Command::new(env!("CARGO_BIN_EXE_samtal"));
    serve.arg("--root").arg(root).args(["serve", "--port", "0"]).env("SAMTAL_TODAY", "2024-06-01");
    let (_server, url) = start_and_read(serve, false, |line| {
        line.split_whitespace().find(|w| w.starts_with("http://127.0.0.1:")).map(str::to_string)
    });

    let profile = tempfile::tempdir().unwrap();
    let mut chromium = Command::new(CHROMIUM);
    chromium
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--no-first-run",
            "--no-default-browser-check",
            "--remote-debugging-address=127.0.0.1",
            "--remote-debugging-port=0",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("about:blank");
    let (_browser, ws_url) = start_and_read(chromium, true, |line| {
        line.strip_prefix("DevTools listening on ").map(|u| u.trim().to_string())
    });

    let mut cdp = Cdp::connect(&ws_url);
    let target = cdp.call("Target.createTarget", json!({ "url": "about:blank" }));
    let attached = cdp.call("Target.attachToTarget", json!({ "targetId": target["targetId"], "flatten": true }));
    cdp.session = Some(attached["sessionId"].as_str().unwrap().to_string());
    cdp.call("Page.enable", json!({}));
    cdp.call("Runtime.enable", json!({}));

    let page = format!("{url}moten/2018-stockholm/");
    cdp.call("Page.navigate", json!({ "url": page }));
    cdp.wait_for("Page.loadEventFired");
    assert_eq!(cdp.eval("document.querySelector('h1').textContent.trim()"), json!("Första rubriken"));
    // Survives only as long as this very document does.
    cdp.eval("window.__notReloaded = true");
    cdp.drain();

    // An edit: the page reloads by itself and shows it.
    write(root, MEETING, &meeting("Andra rubriken", "stockholm"));
    cdp.wait_for("Page.loadEventFired");
    assert_eq!(cdp.eval("window.__notReloaded === undefined"), json!(true), "the page was not reloaded");
    assert_eq!(cdp.eval("document.querySelector('h1').textContent.trim()"), json!("Andra rubriken"));
    assert_eq!(cdp.eval("document.querySelector('[role=alert]') === null"), json!(true));
    cdp.eval("window.__notReloaded = true");
    cdp.drain();

    // Broken: the meeting is left out (the rest of the site is built), its address shows the
    // located error over the not-found page.
    write(root, MEETING, &meeting("Trasig", "stockholmm"));
    cdp.wait_for("Page.loadEventFired");
    assert_eq!(cdp.eval("window.__notReloaded === undefined"), json!(true));
    assert_eq!(cdp.eval("document.querySelector('[data-samtal-page]') !== null"), json!(true), "its error page");
    let overlay = cdp.eval(
        "(() => { const a = document.querySelector('[role=alert]'); if (!a) return null; \
         const r = a.getBoundingClientRect(); \
         return { text: a.querySelector('pre').textContent, visible: r.width > 0 && r.height > 0 && r.bottom <= innerHeight }; })()",
    );
    assert!(
        overlay["text"].as_str().unwrap_or_default().contains("content/meetings/2018-stockholm.md:4:11"),
        "{overlay}"
    );
    assert_eq!(overlay["visible"], json!(true), "{overlay}");
    cdp.eval("window.__notReloaded = true");
    cdp.drain();

    // Fixed: the overlay goes by itself.
    write(root, MEETING, &meeting("Lagad rubrik", "stockholm"));
    cdp.wait_for("Page.loadEventFired");
    assert_eq!(cdp.eval("window.__notReloaded === undefined"), json!(true));
    assert_eq!(cdp.eval("document.querySelector('h1').textContent.trim()"), json!("Lagad rubrik"));
    assert_eq!(cdp.eval("document.querySelector('[role=alert]') === null"), json!(true));
    cdp.drain();
    assert!(!root.join("public").exists());

    // Close the browser and wait until it has let go of the connection.
    cdp.session = None;
    cdp.ws.send(Message::text(json!({ "id": 0, "method": "Browser.close" }).to_string())).unwrap();
    let deadline = Instant::now() + DEADLINE;
    while Instant::now() < deadline {
        cdp.ws.get_mut().set_read_timeout(Some(Duration::from_millis(500))).unwrap();
        match cdp.ws.read() {
            Ok(_) => continue,
            Err(tungstenite::Error::Io(e))
                if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) =>
            {
                continue;
            }
            Err(_) => break,
        }
    }
}
