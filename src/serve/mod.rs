//! `samtal serve`: build the site in memory, serve it over HTTP, rebuild on every change and
//! reload the open browser tabs.
//!
//! - **Memory only.** Every build comes from [`crate::render`]; nothing is written, `public/`
//!   is never touched, and requests are answered from the in-memory map of the current build
//!   only (see [`http`]), never from the disk.
//! - **Rebuilds equal to fresh builds.** Any change under `site.yaml`, `content/`, `themes/`,
//!   `templates/` or `static/` rebuilds the site through [`crate::render_cached`]: every file is
//!   read and every page's context is made again, and what is unchanged since the last good
//!   build (validated meetings, rendered bodies, search entries, pages with an equal context)
//!   is reused rather than redone, keyed by its inputs, never guessed (`tests/incremental.rs`:
//!   a rebuild gives exactly the files of a fresh build). The new build replaces the old one
//!   in a single pointer swap, so a response is always wholly old or wholly new. See [`watch`]
//!   for what counts as a change.
//! - **Live reload.** Pages get a small script (only here, never in `build` output) that listens
//!   to Server-Sent Events on `/__samtal/events` and reloads after every rebuild, failed or not.
//! - **Broken input never stops the server.** A failed rebuild keeps the last good site and
//!   shows the located error as an overlay on every page, and as the body of pages that do not
//!   exist (yet). The server also starts when the very first build fails.
//! - **base_url.** The preview always serves the site at `/`: serve overrides `base_url` with
//!   `/` (a full address in `site.yaml` such as `https://example.org/samtal/` would otherwise
//!   send every link to the live site). A wrong `base_url` in `site.yaml` is still reported.
//! - **The browser editor.** With `cms:` in site.yaml, `/admin/config.yml` gets a
//!   `local_backend` pointing at [`API_PATH`] on this server, where [`edit`] answers Decap CMS's
//!   local-backend protocol: the only place `serve` writes the site folder (loopback only,
//!   unless `allow_remote_edit`); the watcher then rebuilds as after any save.
//! - **No printing.** This module reports what happens through an [`Event`] callback; the
//!   binary decides what to print.

pub mod beneath;
pub mod connections;
pub mod edit;
pub mod http;
pub mod keep;
pub mod overlay;
pub mod preview;
pub mod upload;
pub mod watch;

use crate::diagnostic::{self, Diagnostic};
use crate::i18n::Lang;
use crate::{Error, Options, SiteBuild};
use axum::body::Bytes;
use std::collections::HashMap;
use std::future::Future;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use tokio::sync::watch as channel;

/// How long the file system must be quiet before a rebuild starts. An editor's atomic save
/// (write a hidden file, rename it over the old one) takes a millisecond or two, so 30 ms
/// still folds it into one change; every millisecond here is one the author waits after
/// each save (it was 100 ms, a seventh of a 10,000-meeting rebuild, BENCHMARKS.md).
pub const DEBOUNCE: Duration = Duration::from_millis(30);
/// How often `--poll` scans the site folder.
pub const POLL_INTERVAL: Duration = Duration::from_millis(500);
/// The path of the Server-Sent Events stream.
pub const EVENTS_PATH: &str = "/__samtal/events";
/// The path of the live-reload script.
pub const SCRIPT_PATH: &str = "/__samtal/live.js";
/// The browser editor's local backend (Decap CMS's `local_backend` protocol).
pub const API_PATH: &str = "/__samtal/api/v1";
/// The browser editor's preview and checks of one entry ([`preview`]).
pub const PREVIEW_PATH: &str = "/__samtal/preview";
/// The browser editor's script for them, added to `/admin/` by `serve`.
pub const ADMIN_SCRIPT_PATH: &str = "/__samtal/admin.js";

/// What to serve and where.
#[derive(Debug, Clone)]
pub struct Config {
    /// The build options; `base_url` is replaced with `/` and `output` is ignored.
    pub options: Options,
    pub bind: IpAddr,
    /// 0 picks a free port; [`Event::Listening`] tells which.
    pub port: u16,
    /// Poll the file system instead of listening to its events.
    pub poll: bool,
    /// Let the browser editor save from other computers when `bind` is not loopback
    /// (anyone on the network can then edit the site folder).
    pub allow_remote_edit: bool,
    /// How many connections, and how slow a client, the preview puts up with.
    pub limits: connections::Limits,
}

impl Config {
    /// Whether the browser editor may save through this server: always on loopback, else
    /// only with `allow_remote_edit`.
    pub fn editing(&self) -> bool {
        self.bind.is_loopback() || self.allow_remote_edit
    }
}

/// What happened, for the binary to print.
#[derive(Debug)]
pub enum Event<'a> {
    /// The server is up. Comes once, after the first build, before its outcome.
    Listening { url: &'a str, addr: SocketAddr, lang: Lang },
    /// A build succeeded; `initial` for the first one. `errors` are those of the content
    /// files it left out (their pages are missing until they are fixed).
    Built {
        pages: usize,
        elapsed_ms: u128,
        warnings: &'a [Diagnostic],
        errors: &'a [Diagnostic],
        lang: Lang,
        initial: bool,
    },
    /// A build failed; the previous good site (if any) is still served.
    Failed { error: &'a Error, initial: bool },
    /// The build itself crashed (a bug in samtal); the previous good site is still served.
    Crashed { message: &'a str, lang: Lang },
    /// The watcher reported a problem (it keeps running).
    WatchProblem { message: String, lang: Lang },
    /// Shutdown finished.
    Stopped { lang: Lang },
}

/// Problems that stop `serve` from starting.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("the site folder {path} does not exist or cannot be opened")]
    Root {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("could not listen on {addr} (is another server using the port? try --port 0 or another port)")]
    Bind {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    #[error("could not watch the site folder for changes (try --poll)")]
    Watch(#[source] notify::Error),
    #[error("could not start the server")]
    Io(#[source] std::io::Error),
}

/// The callback that receives [`Event`]s; called from several threads.
pub type OnEvent = Arc<dyn Fn(Event<'_>) + Send + Sync>;

/// The failure shown in the overlay: the located messages exactly as the CLI prints them.
#[derive(Debug, Clone)]
pub struct Failure {
    pub lang: Lang,
    /// Plain text (not yet escaped).
    pub text: String,
    /// The errors are all in content files, which were left out: the site served is this
    /// build without them, not the last good one.
    pub left_out: bool,
}

impl Failure {
    fn from_error(error: &Error, fallback: Lang) -> Failure {
        match error {
            Error::Invalid { diagnostics, lang } => {
                Failure { lang: *lang, text: diagnostics_text(diagnostics, *lang), left_out: false }
            }
            other => {
                let mut text = other.message(fallback);
                let mut source = other.cause();
                while let Some(cause) = source {
                    text.push_str(&format!("\n  {}: {cause}", crate::messages::caused_by(fallback)));
                    source = cause.source();
                }
                Failure { lang: fallback, text, left_out: false }
            }
        }
    }

    /// The errors of the content files a build left out ([`crate::render_leaving_out`]).
    fn left_out(errors: &[Diagnostic], lang: Lang) -> Option<Failure> {
        (!errors.is_empty()).then(|| Failure { lang, text: diagnostics_text(errors, lang), left_out: true })
    }
}

fn diagnostics_text(diagnostics: &[Diagnostic], lang: Lang) -> String {
    let mut text = diagnostic::render_human(diagnostics, lang, false);
    text.push_str(&diagnostic::summary(diagnostics, lang));
    text
}

/// One complete state of the preview: the files of the last good build and, when the latest
/// build failed, why. Never changed after creation; replaced whole.
#[derive(Debug)]
pub struct Snapshot {
    /// Output path (`moten/x/index.html`) → bytes.
    pub files: Arc<HashMap<String, Bytes>>,
    /// Changes on every build; pages carry it so a tab that missed an event still notices.
    pub build_id: String,
    pub failure: Option<Failure>,
    /// The warnings of the build shown, when it succeeded with some (shown collapsed).
    pub warnings: Option<Warnings>,
    pub lang: Lang,
}

/// A good build's warnings, as the overlay shows them: how many, and the located messages
/// exactly as the CLI prints them.
#[derive(Debug, Clone)]
pub struct Warnings {
    pub lang: Lang,
    pub count: usize,
    /// Plain text (not yet escaped).
    pub text: String,
}

impl Warnings {
    fn of(warnings: &[Diagnostic], lang: Lang) -> Option<Warnings> {
        (!warnings.is_empty()).then(|| Warnings {
            lang,
            count: warnings.len(),
            text: diagnostic::render_human(warnings, lang, false),
        })
    }
}

/// The state shared by the HTTP handlers and the rebuild thread.
pub struct Shared {
    current: RwLock<Arc<Snapshot>>,
    builds: channel::Sender<String>,
    shutdown: channel::Receiver<bool>,
    /// The browser editor's local backend, when editing is on.
    edit: Option<Arc<edit::Backend>>,
    /// Whether edits are accepted from any host (`--allow-remote-edit`).
    remote_edit: bool,
    /// `127.0.0.1:1111`: the server's own address, for a request without a `Host`.
    host: String,
    /// The editor API's request bodies being received ([`upload::MAX_BODIES`] at most).
    bodies: Arc<tokio::sync::Semaphore>,
    /// The build options, for the editor's preview of an entry not saved yet.
    options: Options,
}

impl Shared {
    /// The current snapshot; hold it for the whole response.
    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.current.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    fn replace(&self, snapshot: Snapshot) {
        let id = snapshot.build_id.clone();
        *self.current.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(snapshot);
        // After the swap, so a tab that reloads on this event gets the new site.
        self.builds.send_replace(id);
    }
}

/// What a build came to, for [`Event`]s.
pub(crate) enum Outcome {
    /// The build, with its files moved into the snapshot.
    Built(SiteBuild),
    Failed(Error),
    Crashed(Failure),
}

impl Outcome {
    pub(crate) fn report(&self, on_event: &OnEvent, initial: bool) {
        match self {
            Outcome::Built(build) => on_event(Event::Built {
                pages: build.page_count,
                elapsed_ms: build.elapsed_ms,
                warnings: &build.warnings,
                errors: &build.errors,
                lang: build.lang,
                initial,
            }),
            Outcome::Failed(error) => on_event(Event::Failed { error, initial }),
            Outcome::Crashed(failure) => on_event(Event::Crashed { message: &failure.text, lang: failure.lang }),
        }
    }
}

/// Builds the site and turns the outcome into the next snapshot.
pub(crate) struct Builder {
    options: Options,
    run_id: u128,
    generation: u64,
    /// What the next rebuild can reuse: only what an edit touched is done again.
    cache: crate::cache::Cache,
}

impl Builder {
    pub(crate) fn build(&mut self, previous: Option<&Snapshot>) -> (Snapshot, Outcome) {
        self.generation += 1;
        let build_id = format!("{}-{}", self.run_id, self.generation);
        let previous_lang = previous.map_or(Lang::Sv, |p| p.lang);
        let previous_files = || previous.map(|p| p.files.clone()).unwrap_or_default();
        // A panic in a build must not take the rebuild thread (and so the preview) with it.
        let rendered = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            crate::render_leaving_out(&self.options, Some(&mut self.cache))
        }));
        let rendered = match rendered {
            Ok(rendered) => rendered,
            Err(panic) => {
                // Whatever the crashed build left half-done must not be reused.
                self.cache = Default::default();
                let what = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                let text = format!("{}: {what}", crate::messages::crashed(previous_lang));
                let failure = Failure { lang: previous_lang, text, left_out: false };
                let snapshot = Snapshot {
                    files: previous_files(),
                    build_id,
                    lang: previous_lang,
                    failure: Some(failure.clone()),
                    warnings: None,
                };
                return (snapshot, Outcome::Crashed(failure));
            }
        };
        match rendered {
            Ok(mut build) => {
                let files = std::mem::take(&mut build.files).into_iter().map(|f| (f.path, f.bytes)).collect();
                let warnings = Warnings::of(&build.warnings, build.lang);
                let failure = Failure::left_out(&build.errors, build.lang);
                let snapshot = Snapshot { files: Arc::new(files), build_id, failure, warnings, lang: build.lang };
                (snapshot, Outcome::Built(build))
            }
            Err(error) => {
                let failure = Failure::from_error(&error, previous_lang);
                (
                    Snapshot {
                        files: previous_files(),
                        build_id,
                        lang: failure.lang,
                        failure: Some(failure),
                        warnings: None,
                    },
                    Outcome::Failed(error),
                )
            }
        }
    }
}

/// Runs `serve` until Ctrl-C (or SIGTERM), on its own Tokio runtime.
pub fn run(config: Config, on_event: OnEvent) -> Result<(), ServeError> {
    let runtime =
        tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().map_err(ServeError::Io)?;
    runtime.block_on(serve(config, on_event, stop_signal()))
}

/// Resolves on Ctrl-C; on Unix also on SIGTERM, on Windows on Ctrl-Break or a closed window.
pub async fn stop_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    // Windows: Ctrl-Break, or the terminal window being closed, stops the preview as well.
    #[cfg(windows)]
    let term = async {
        match (tokio::signal::windows::ctrl_break(), tokio::signal::windows::ctrl_close()) {
            (Ok(mut brk), Ok(mut close)) => {
                tokio::select! {
                    _ = brk.recv() => {}
                    _ = close.recv() => {}
                }
            }
            _ => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(any(unix, windows)))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = term => {}
    }
}

/// Serves until `stop` resolves: bind, watch, build, then answer requests and rebuild.
pub async fn serve(
    config: Config,
    on_event: OnEvent,
    stop: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServeError> {
    let root = dunce::canonicalize(&config.options.root)
        .map_err(|source| ServeError::Root { path: config.options.root.clone(), source })?;
    let (editing, config_bind, limits) = (config.editing(), config.bind, config.limits);
    let options = Options { root: root.clone(), base_url: Some("/".into()), output: None, ..config.options };

    let addr = SocketAddr::new(config.bind, config.port);
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|source| ServeError::Bind { addr, source })?;
    let addr = listener.local_addr().map_err(ServeError::Io)?;

    // Watch before the first build so that no change slips between the two.
    let (changes_tx, changes_rx) = std::sync::mpsc::channel();
    let watcher = watch::Watcher::start(&root, config.poll, changes_tx.clone()).map_err(ServeError::Watch)?;

    let run_id = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis());
    let preview_options = options.clone();
    let builder = Builder { options, run_id, generation: 0, cache: Default::default() };
    let (mut builder, (first, outcome)) = tokio::task::spawn_blocking(move || {
        let mut builder = builder;
        let built = builder.build(None);
        (builder, built)
    })
    .await
    .unwrap_or_else(|e| std::panic::resume_unwind(e.into_panic()));
    // The URL first, then the first build's outcome.
    let url = url_for(&addr);
    on_event(Event::Listening { url: &url, addr, lang: first.lang });
    outcome.report(&on_event, true);
    drop(outcome);

    let (builds_tx, _) = channel::channel(first.build_id.clone());
    let (shutdown_tx, shutdown_rx) = channel::channel(false);
    let edit = editing.then(|| Arc::new(edit::Backend::new(root.clone())));
    let shared = Arc::new(Shared {
        current: RwLock::new(Arc::new(first)),
        builds: builds_tx,
        shutdown: shutdown_rx,
        edit,
        remote_edit: !config_bind.is_loopback(),
        host: url.trim_start_matches("http://").trim_end_matches('/').to_string(),
        bodies: Arc::new(tokio::sync::Semaphore::new(upload::MAX_BODIES)),
        options: preview_options,
    });

    let worker = {
        let shared = shared.clone();
        let on_event = on_event.clone();
        std::thread::Builder::new()
            .name("samtal-rebuild".into())
            .spawn(move || watch::rebuild_loop(watcher, changes_rx, &root, &mut builder, &shared, &on_event))
            .map_err(ServeError::Io)?
    };

    let app = http::router(shared.clone());
    let stop = async move {
        stop.await;
        // Ends the event streams, which would otherwise keep the shutdown waiting.
        let _ = shutdown_tx.send(true);
    };
    connections::serve(listener, app, limits, stop).await;

    let _ = changes_tx.send(watch::Message::Stop);
    let _ = tokio::task::spawn_blocking(move || worker.join()).await;
    let lang = shared.snapshot().lang;
    on_event(Event::Stopped { lang });
    Ok(())
}

/// The address to show and open: loopback when bound to every interface.
pub fn url_for(addr: &SocketAddr) -> String {
    let ip = match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    format!("http://{}/", SocketAddr::new(ip, addr.port()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editing_is_off_beyond_loopback_unless_allowed() {
        // Guards: `--bind` to a network address never lets the network edit by accident.
        let config = |bind: &str, allow_remote_edit| Config {
            options: Options {
                root: ".".into(),
                output: None,
                base_url: None,
                drafts: false,
                strict: false,
                today: crate::model::PartialDate { year: 2026, month: None, day: None },
            },
            bind: bind.parse().unwrap(),
            port: 0,
            poll: false,
            allow_remote_edit,
            limits: Default::default(),
        };
        assert!(config("127.0.0.1", false).editing() && config("::1", false).editing());
        assert!(!config("0.0.0.0", false).editing() && !config("192.168.1.2", false).editing());
        assert!(config("0.0.0.0", true).editing());
    }
}
