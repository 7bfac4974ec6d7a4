//! The HTTP side: the built site from memory, the live-reload script and the event stream.
//!
//! A request path is percent-decoded and looked up in the in-memory map of the current build;
//! the disk is never touched. Paths that could name anything outside the site (`..`, `.`,
//! empty segments, a second leading slash, backslashes, NUL) are refused with 404 before any
//! lookup. `/x` redirects to `/x/` when `x/index.html` exists. Everything else is 404 with the
//! site's own `404.html`.

use super::{
    ADMIN_SCRIPT_PATH, API_PATH, EVENTS_PATH, PREVIEW_PATH, SCRIPT_PATH, Shared, Snapshot, edit, overlay, preview,
    upload,
};
use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use futures_util::Stream;
use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

/// The routes of the preview server, answering only requests addressed to this computer.
pub fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route(EVENTS_PATH, get(events))
        .route(SCRIPT_PATH, get(script))
        .route(API_PATH, post(api))
        .route(PREVIEW_PATH, post(preview_entry))
        .route(ADMIN_SCRIPT_PATH, get(admin_script))
        .fallback(site)
        .with_state(shared)
        .layer(axum::middleware::from_fn(only_addressed_to_this_computer))
}

/// Refuses (421) a request whose `Host` is a name other than `localhost`: a web page whose
/// own name is made to point at 127.0.0.1 (DNS rebinding) could otherwise read the preview,
/// drafts included. IP addresses and `localhost` are what reach a preview on purpose.
async fn only_addressed_to_this_computer(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let host = request.headers().get(header::HOST).map(|h| h.to_str().unwrap_or("\u{fffd}"));
    match host {
        Some(host) if !is_local_host(host) => respond(
            StatusCode::MISDIRECTED_REQUEST,
            "text/plain; charset=utf-8",
            Bytes::from_static(
                "Förhandsgranskningen svarar bara på localhost och IP-adresser.\n\
                 The preview answers only to localhost and IP addresses.\n"
                    .as_bytes(),
            ),
        ),
        _ => next.run(request).await,
    }
}

/// Whether a `Host` header names this computer the way a person opens the preview: an IP
/// address (with or without a port) or `localhost` (and its subdomains, which resolve to it).
pub fn is_local_host(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(rest) => return rest.split_once(']').is_some_and(|(ip, _)| ip.parse::<std::net::Ipv6Addr>().is_ok()),
        None => match host.rsplit_once(':') {
            Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
            _ => host,
        },
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    name.parse::<std::net::Ipv4Addr>().is_ok() || name == "localhost" || name.ends_with(".localhost")
}

/// The browser editor's local backend (see [`edit`]): refused unless editing is on and the
/// request comes from a page of this server. The body is read as it arrives
/// ([`upload`]): within its size and time, at most [`upload::MAX_BODIES`] at once.
async fn api(State(shared): State<Arc<Shared>>, headers: HeaderMap, body: Body) -> Response {
    let lang = shared.snapshot().lang;
    if let Err(refusal) = editor_request_allowed(&shared, &headers) {
        return refused(lang, refusal);
    }
    let Some(backend) = shared.edit.clone() else {
        return refused(lang, edit::Refusal { status: 403, reason: edit::Reason::Forbidden });
    };
    let length = headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    if length.is_some_and(|n| n > upload::MAX_REQUEST_BYTES) {
        // Read (and drop) what is sent first, so that the browser sees the answer rather
        // than a connection cut off while it is still sending.
        drain(body, length.unwrap_or_default()).await;
        return refused(lang, edit::Refusal { status: 413, reason: edit::Reason::RequestTooLarge });
    }
    let Ok(permit) = shared.bodies.clone().try_acquire_owned() else {
        return refused(lang, edit::Refusal { status: 503, reason: edit::Reason::Busy });
    };
    let verdict = Arc::new(std::sync::Mutex::new(None));
    let stream = Box::pin(guarded(body, length, verdict.clone()));
    let reader = tokio_util::io::SyncIoBridge::new(tokio_util::io::StreamReader::new(stream));
    let handled = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        let request = upload::read_request(reader, &mut |path, content| backend.receive(path, content))?;
        backend.handle(request)
    })
    .await;
    let body_fault = verdict.lock().unwrap_or_else(|e| e.into_inner()).take();
    match (handled, body_fault) {
        (_, Some(reason)) => {
            let status = if reason == edit::Reason::TooSlow { 408 } else { 413 };
            refused(lang, edit::Refusal { status, reason })
        }
        (Ok(Ok(value)), None) => json_response(StatusCode::OK, &value),
        (Ok(Err(refusal)), None) => refused(lang, refusal),
        (Err(_), None) => refused(lang, edit::Refusal { status: 500, reason: edit::Reason::Io("panic".into()) }),
    }
}

/// The editor's preview of one entry (see [`preview`]): the same access as the API.
async fn preview_entry(State(shared): State<Arc<Shared>>, headers: HeaderMap, body: Bytes) -> Response {
    let lang = shared.snapshot().lang;
    if let Err(refusal) = editor_request_allowed(&shared, &headers) {
        return refused(lang, refusal);
    }
    let Ok(request) = serde_json::from_slice::<serde_json::Value>(&body) else {
        return refused(lang, edit::Refusal { status: 400, reason: edit::Reason::BadRequest });
    };
    let (options, Some(backend)) = (shared.options.clone(), shared.edit.clone()) else {
        return refused(lang, edit::Refusal { status: 403, reason: edit::Reason::Forbidden });
    };
    match tokio::task::spawn_blocking(move || preview::answer(&options, &backend, &request)).await {
        Ok(Ok(value)) => json_response(StatusCode::OK, &value),
        Ok(Err(refusal)) => refused(lang, refusal),
        Err(_) => refused(lang, edit::Refusal { status: 500, reason: edit::Reason::Io("panic".into()) }),
    }
}

async fn admin_script() -> Response {
    respond(StatusCode::OK, "text/javascript; charset=utf-8", Bytes::from_static(preview::SCRIPT.as_bytes()))
}

/// Whether a request may use the editor's endpoints: editing on, addressed to this computer
/// (or `--allow-remote-edit`), sent by a page of this server, as JSON.
fn editor_request_allowed(shared: &Shared, headers: &HeaderMap) -> Result<(), edit::Refusal> {
    let header = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
    let host = header(header::HOST);
    let content_type = header(header::CONTENT_TYPE).unwrap_or_default();
    let foreign_origin = header(header::ORIGIN).is_some_and(|o| edit::origin_host(&o) != host.as_deref());
    let forbidden = edit::Refusal { status: 403, reason: edit::Reason::Forbidden };
    if shared.edit.is_none() || foreign_origin {
        return Err(forbidden);
    }
    if !shared.remote_edit && !host.as_deref().is_some_and(edit::is_loopback_host) {
        return Err(forbidden);
    }
    let json_body = content_type.split(';').next().is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"));
    if !json_body {
        return Err(edit::Refusal { status: 415, reason: edit::Reason::BadRequest });
    }
    Ok(())
}

/// A request body as a stream of bytes that ends in an error once it is larger than
/// [`upload::MAX_REQUEST_BYTES`], pauses longer than [`upload::BODY_IDLE`] or outlasts
/// [`upload::body_deadline`]; `verdict` then says which.
fn guarded(
    body: Body,
    length: Option<u64>,
    verdict: Arc<std::sync::Mutex<Option<edit::Reason>>>,
) -> impl Stream<Item = std::io::Result<Bytes>> + Send + 'static {
    use futures_util::StreamExt as _;
    let deadline = tokio::time::Instant::now() + upload::body_deadline(length.unwrap_or(upload::MAX_REQUEST_BYTES));
    let fail = move |reason: edit::Reason| {
        *verdict.lock().unwrap_or_else(|e| e.into_inner()) = Some(reason);
        Err(std::io::Error::other("the request body was cut off"))
    };
    futures_util::stream::unfold(Some((body.into_data_stream(), 0u64)), move |state| {
        let fail = fail.clone();
        async move {
            let (mut stream, received) = state?;
            let wait_until = deadline.min(tokio::time::Instant::now() + upload::BODY_IDLE);
            match tokio::time::timeout_at(wait_until, stream.next()).await {
                Err(_) => Some((fail(edit::Reason::TooSlow), None)),
                Ok(None) => None,
                Ok(Some(Err(_))) => Some((Err(std::io::Error::other("the request body broke off")), None)),
                Ok(Some(Ok(chunk))) => {
                    let received = received + chunk.len() as u64;
                    if received > upload::MAX_REQUEST_BYTES {
                        Some((fail(edit::Reason::RequestTooLarge), None))
                    } else {
                        Some((Ok(chunk), Some((stream, received))))
                    }
                }
            }
        }
    })
}

/// Reads and drops a body that is refused for its size, within its deadline and at most
/// twice the largest request (beyond that the connection is simply closed).
async fn drain(body: Body, length: u64) {
    use futures_util::StreamExt as _;
    let deadline = tokio::time::Instant::now() + upload::body_deadline(length.min(2 * upload::MAX_REQUEST_BYTES));
    let mut stream = body.into_data_stream();
    let mut received = 0u64;
    while received <= 2 * upload::MAX_REQUEST_BYTES {
        let wait_until = deadline.min(tokio::time::Instant::now() + upload::BODY_IDLE);
        match tokio::time::timeout_at(wait_until, stream.next()).await {
            Ok(Some(Ok(chunk))) => received += chunk.len() as u64,
            _ => break,
        }
    }
}

fn refused(lang: crate::i18n::Lang, refusal: edit::Refusal) -> Response {
    let status = StatusCode::from_u16(refusal.status).unwrap_or(StatusCode::BAD_REQUEST);
    json_response(status, &serde_json::json!({"error": refusal.reason.message(lang)}))
}

fn json_response(status: StatusCode, value: &serde_json::Value) -> Response {
    respond(status, "application/json", Bytes::from(serde_json::to_vec(value).expect("JSON serialises")))
}

/// Server-Sent Events: `hello` with the current build id on connect, then `reload` with the
/// new build id after every rebuild, successful or not.
async fn events(State(shared): State<Arc<Shared>>) -> Sse<impl Stream<Item = Result<SseEvent, Infallible>>> {
    let builds = shared.builds.subscribe();
    let shutdown = shared.shutdown.clone();
    let stream =
        futures_util::stream::unfold((builds, shutdown, true), |(mut builds, mut shutdown, first)| async move {
            if *shutdown.borrow() {
                return None;
            }
            if first {
                let id = builds.borrow_and_update().clone();
                let hello = SseEvent::default().event("hello").data(id).retry(Duration::from_millis(500));
                return Some((Ok(hello), (builds, shutdown, false)));
            }
            tokio::select! {
                changed = builds.changed() => {
                    changed.ok()?;
                    let id = builds.borrow_and_update().clone();
                    Some((Ok(SseEvent::default().event("reload").data(id)), (builds, shutdown, false)))
                }
                _ = shutdown.changed() => None,
            }
        });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

async fn script() -> Response {
    respond(StatusCode::OK, "text/javascript; charset=utf-8", Bytes::from_static(overlay::SCRIPT.as_bytes()))
}

async fn site(State(shared): State<Arc<Shared>>, method: Method, uri: Uri, headers: HeaderMap) -> Response {
    if method != Method::GET && method != Method::HEAD {
        let mut response = StatusCode::METHOD_NOT_ALLOWED.into_response();
        response.headers_mut().insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    // One snapshot for the whole response: wholly old or wholly new.
    let snapshot = shared.snapshot();
    match resolve(uri.path(), &snapshot.files) {
        Resolved::File(path) => {
            let bytes = snapshot.files[&path].clone();
            let content_type = content_type(&path);
            if path == crate::model::routes::Route::AdminConfig.output_file() && shared.edit.is_some() {
                // The editor saves through this server while it runs.
                let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or(&shared.host);
                let mut config = bytes.to_vec();
                config.extend_from_slice(edit::local_backend_yaml(API_PATH, host).as_bytes());
                respond(StatusCode::OK, content_type, Bytes::from(config))
            } else if path == crate::model::routes::Route::AdminIndex.output_file() && shared.edit.is_some() {
                // The editor gets samtal's preview and checks, after Decap's own script.
                let script = format!("<script src=\"{ADMIN_SCRIPT_PATH}\"></script>\n");
                let at = bytes.windows(7).rposition(|w| w.eq_ignore_ascii_case(b"</body>")).unwrap_or(bytes.len());
                let body = [&bytes[..at], script.as_bytes(), &bytes[at..]].concat();
                respond(StatusCode::OK, content_type, Bytes::from(body))
            } else if is_html(&path) && path != crate::model::routes::Route::AdminIndex.output_file() {
                // Every page but the editor's own, which must not reload itself (and lose what
                // is being typed) each time a save rebuilds the site.
                // The page is shared with every other request, never copied: 2,000 requests
                // for a 16 MB list page must not hold 2,000 copies of it.
                let (at, addition) = overlay::injection(
                    &bytes,
                    &snapshot.build_id,
                    snapshot.failure.as_ref(),
                    snapshot.warnings.as_ref(),
                );
                let parts = [bytes.slice(..at), Bytes::from(addition), bytes.slice(at..)];
                let body = Body::from_stream(futures_util::stream::iter(parts.map(Ok::<_, Infallible>)));
                respond_with(StatusCode::OK, content_type, body)
            } else {
                respond(StatusCode::OK, content_type, bytes)
            }
        }
        Resolved::Redirect => {
            let mut location = format!("{}/", uri.path());
            if let Some(query) = uri.query() {
                location.push('?');
                location.push_str(query);
            }
            let mut response = respond(StatusCode::PERMANENT_REDIRECT, "text/plain; charset=utf-8", Bytes::new());
            if let Ok(value) = HeaderValue::from_str(&location) {
                response.headers_mut().insert(header::LOCATION, value);
            }
            response
        }
        Resolved::NotFound => not_found(&snapshot),
    }
}

/// 404 with the site's own `404.html`; while the site is broken, with the error over it, or
/// (before any good build, or while content files are left out for their errors) the error
/// alone.
fn not_found(snapshot: &Snapshot) -> Response {
    // With files left out for their errors, a missing page may be one of theirs: it says so.
    let left_out = snapshot.failure.as_ref().is_some_and(|f| f.left_out);
    let body = match snapshot.files.get("404.html").filter(|_| !left_out) {
        Some(page) => overlay::inject(page, &snapshot.build_id, snapshot.failure.as_ref(), snapshot.warnings.as_ref()),
        None => overlay::error_page(&snapshot.build_id, snapshot.failure.as_ref(), snapshot.lang).into_bytes(),
    };
    respond(StatusCode::NOT_FOUND, "text/html; charset=utf-8", Bytes::from(body))
}

fn respond(status: StatusCode, content_type: &'static str, body: Bytes) -> Response {
    respond_with(status, content_type, Body::from(body))
}

fn respond_with(status: StatusCode, content_type: &'static str, body: Body) -> Response {
    let mut response = Response::new(body);
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    // A preview must never show a stale page.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    response
}

/// What a request path names in the built site.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    /// This output file.
    File(String),
    /// A folder with an index page, asked for without the trailing slash.
    Redirect,
    NotFound,
}

/// Looks a raw (percent-encoded) request path up in the built site's files.
pub fn resolve(raw_path: &str, files: &HashMap<String, Bytes>) -> Resolved {
    let Some(inner) = site_path(raw_path) else {
        return Resolved::NotFound;
    };
    let key = if inner.is_empty() || inner.ends_with('/') { format!("{inner}index.html") } else { inner.clone() };
    if files.contains_key(&key) {
        Resolved::File(key)
    } else if !inner.is_empty() && !inner.ends_with('/') && files.contains_key(&format!("{inner}/index.html")) {
        Resolved::Redirect
    } else {
        Resolved::NotFound
    }
}

/// The decoded path inside the site (`moten/x/`), or `None` when the path could name anything
/// outside it or is not plain text.
pub fn site_path(raw_path: &str) -> Option<String> {
    let decoded = percent_decode(raw_path)?;
    let inner = decoded.strip_prefix('/')?;
    if inner.starts_with('/') || inner.contains(['\\', '\0']) || inner.chars().any(char::is_control) {
        return None;
    }
    let segments: Vec<&str> = inner.split('/').collect();
    let last = segments.len() - 1;
    for (i, segment) in segments.iter().enumerate() {
        if *segment == "." || *segment == ".." || (segment.is_empty() && i != last) {
            return None;
        }
    }
    Some(inner.to_string())
}

/// `%XX` → byte; `None` for a broken escape or a result that is not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn is_html(path: &str) -> bool {
    path.ends_with(".html") || path.ends_with(".htm")
}

/// The Content-Type for an output file, by extension.
pub fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "geojson" => "application/geo+json",
        "webmanifest" => "application/manifest+json",
        "xml" => "application/xml",
        "yml" | "yaml" => "text/yaml; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_ip_addresses_and_localhost_reach_the_preview() {
        // Guards: DNS rebinding (a page's own name pointed at 127.0.0.1) cannot read the preview.
        for ok in ["127.0.0.1:1111", "localhost:1111", "LOCALHOST", "[::1]:1111", "192.168.1.20:8080", "a.localhost:1"]
        {
            assert!(is_local_host(ok), "{ok}");
        }
        for bad in ["evil.example:1111", "evil.example", "127.0.0.1.evil.example", "localhost.evil.example", "[::1", ""]
        {
            assert!(!is_local_host(bad), "{bad}");
        }
    }

    fn files() -> HashMap<String, Bytes> {
        ["index.html", "regioner/stockholm/index.html", "style.css", "404.html", "data/meetings.csv"]
            .into_iter()
            .map(|p| (p.to_string(), Bytes::from_static(b"x")))
            .collect()
    }

    #[test]
    fn pages_files_and_folders_resolve() {
        let f = files();
        assert_eq!(resolve("/", &f), Resolved::File("index.html".into()));
        assert_eq!(resolve("/style.css", &f), Resolved::File("style.css".into()));
        assert_eq!(resolve("/regioner/stockholm/", &f), Resolved::File("regioner/stockholm/index.html".into()));
        assert_eq!(resolve("/regioner/stockholm", &f), Resolved::Redirect);
        assert_eq!(
            resolve("/regioner/stockholm/index.html", &f),
            Resolved::File("regioner/stockholm/index.html".into())
        );
        assert_eq!(resolve("/data/meetings%2Ecsv", &f), Resolved::File("data/meetings.csv".into()));
        assert_eq!(resolve("/nope/", &f), Resolved::NotFound);
        assert_eq!(resolve("/style.css/", &f), Resolved::NotFound);
    }

    #[test]
    fn escapes_are_refused() {
        let f = files();
        for bad in [
            "/../Cargo.toml",
            "/%2e%2e/Cargo.toml",
            "/%2E%2E%2FCargo.toml",
            "/regioner/../index.html",
            "/./index.html",
            "//etc/passwd",
            "/%2Fetc/passwd",
            "/regioner//stockholm/",
            "/..%5Cindex.html",
            "/%5Cindex.html",
            "/index.html%00",
            "/%zz",
            "/%ff",
            "relative",
        ] {
            assert_eq!(resolve(bad, &f), Resolved::NotFound, "{bad}");
        }
    }

    #[test]
    fn content_types_follow_the_extension() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("favicon.ico"), "image/x-icon");
        assert_eq!(content_type("fonts/a.woff2"), "font/woff2");
        assert_eq!(content_type("atom.xml"), "application/xml");
        assert_eq!(content_type("x.PNG"), "image/png");
        assert_eq!(content_type("LICENSE"), "application/octet-stream");
    }
}
