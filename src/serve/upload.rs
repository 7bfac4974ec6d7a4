//! The editor API's request bodies, read as they arrive: within a size limit and a deadline
//! that grows with the size, and at most [`MAX_BODIES`] at once; each file in them (a base64
//! string in Decap's JSON, up to [`MAX_FILE_BYTES`] decoded) goes straight through a decoder
//! into a hidden file in its target folder, so a 25 MB PDF never sits in memory.
//!
//! The JSON is read with a streaming reader: every value but a file's `content` becomes a
//! `serde_json::Value` (texts at most [`MAX_TEXT_BYTES`]); a `content` string is handed to the
//! receiver given (the backend, which checks the object's `path`, read before it, as Decap
//! sends it) and replaced in the value by `{"$upload": <index>}`.

use super::beneath::Temporary;
use super::edit::{Reason, Refusal};
use serde_json::{Map, Value, json};
use std::io::Read;
use std::time::Duration;
use struson::reader::{JsonReader, JsonStreamReader, ReaderError, ValueType};

/// The largest file the editor uploads (a 12-megapixel photo is 3–8 MB, a long PDF 25 MB).
pub const MAX_FILE_BYTES: u64 = 40_000_000;
/// The largest request: one file at the limit in base64 (4/3 its size) and the entry's text.
pub const MAX_REQUEST_BYTES: u64 = MAX_FILE_BYTES / 3 * 4 + 4_000_000;
/// The longest text value other than a file (an entry's Markdown).
pub const MAX_TEXT_BYTES: u64 = 4_000_000;
/// How many request bodies are received at once; more are answered "busy" at once, so slow
/// senders cannot take the preview's connections.
pub const MAX_BODIES: usize = 4;
/// The longest pause between two pieces of a body.
pub const BODY_IDLE: Duration = Duration::from_secs(5);
/// The slowest a body may arrive on average, after [`BODY_GRACE`] (a photo over a home
/// network arrives at megabytes a second; a byte every few seconds is an attack).
pub const BODY_MIN_RATE: u64 = 256 * 1024;
pub const BODY_GRACE: Duration = Duration::from_secs(10);

/// How long a body of `length` bytes may take to arrive.
pub fn body_deadline(length: u64) -> Duration {
    BODY_GRACE + Duration::from_millis(length.saturating_mul(1000) / BODY_MIN_RATE)
}

/// The limit in megabytes, as messages name it (`40 MB`).
pub fn limit_mb() -> u64 {
    MAX_FILE_BYTES / 1_000_000
}

/// A file received into a hidden temporary file; removed when dropped unless
/// [`Upload::keep`] moved it into place.
#[derive(Debug)]
pub struct Upload {
    /// The path the request gave (relative to the site root).
    pub path: String,
    /// The hidden file it was decoded into (in a folder held open, see `beneath`).
    temp: Option<Temporary>,
    pub bytes: u64,
}

impl Upload {
    pub fn new(path: String, temp: Temporary, bytes: u64) -> Upload {
        Upload { path, temp: Some(temp), bytes }
    }

    /// Renames the file to `name` in the folder `to` (in the same file system: the temporary
    /// file lies in the target folder or above it).
    pub fn keep(&mut self, to: &cap_std::fs::Dir, name: &str) -> std::io::Result<()> {
        match self.temp.take() {
            Some(temp) => temp.rename_to(to, name),
            None => Err(std::io::ErrorKind::NotFound.into()),
        }
    }
}

/// A request to the editor API, with its files received.
#[derive(Debug)]
pub struct ApiRequest {
    pub action: String,
    pub params: Value,
    pub uploads: Vec<Upload>,
}

impl ApiRequest {
    /// A request without files (tests, and actions that carry none).
    pub fn of(value: &Value) -> Option<ApiRequest> {
        let action = value.get("action")?.as_str()?.to_string();
        Some(ApiRequest { action, params: value.get("params").cloned().unwrap_or(Value::Null), uploads: Vec::new() })
    }

    /// The upload a `content` value stands for.
    pub fn upload(&mut self, content: &Value) -> Option<&mut Upload> {
        let index = content.get("$upload")?.as_u64()?;
        self.uploads.get_mut(usize::try_from(index).ok()?)
    }
}

/// Receives one file: its `path` as the request gave it and its base64 text; checks the path,
/// decodes into a hidden file beside the target, and says how it went.
pub type Receive<'a> = dyn FnMut(&str, &mut dyn Read) -> Result<Upload, Refusal> + 'a;

/// Reads a request from `body` (see the module's description).
pub fn read_request(body: impl Read, receive: &mut Receive<'_>) -> Result<ApiRequest, Refusal> {
    let mut json = JsonStreamReader::new(body);
    let mut uploads = Vec::new();
    let value = read_value(&mut json, &mut uploads, receive)?;
    let bad = || Refusal { status: 400, reason: Reason::BadRequest };
    let action = value.get("action").and_then(Value::as_str).ok_or_else(bad)?.to_string();
    let params = value.get("params").cloned().unwrap_or(Value::Null);
    Ok(ApiRequest { action, params, uploads })
}

fn syntax(_: ReaderError) -> Refusal {
    Refusal { status: 400, reason: Reason::BadRequest }
}

/// One JSON value; an object's `content` string after its `path` is a file.
fn read_value<R: Read>(
    json: &mut JsonStreamReader<R>,
    uploads: &mut Vec<Upload>,
    receive: &mut Receive<'_>,
) -> Result<Value, Refusal> {
    match json.peek().map_err(syntax)? {
        ValueType::Object => {
            json.begin_object().map_err(syntax)?;
            let mut map = Map::new();
            while json.has_next().map_err(syntax)? {
                let name = json.next_name_owned().map_err(syntax)?;
                let path = map.get("path").and_then(Value::as_str).map(str::to_string);
                let value = match (name.as_str(), path) {
                    ("content", Some(path)) if json.peek().map_err(syntax)? == ValueType::String => {
                        let mut content = json.next_string_reader().map_err(syntax)?;
                        let upload = receive(&path, &mut content)?;
                        // The reader must be read to its end before the next value.
                        std::io::copy(&mut content, &mut std::io::sink()).map_err(|_| syntax_io())?;
                        drop(content);
                        uploads.push(upload);
                        json!({"$upload": uploads.len() - 1})
                    }
                    _ => read_value(json, uploads, receive)?,
                };
                map.insert(name, value);
            }
            json.end_object().map_err(syntax)?;
            Ok(Value::Object(map))
        }
        ValueType::Array => {
            json.begin_array().map_err(syntax)?;
            let mut items = Vec::new();
            while json.has_next().map_err(syntax)? {
                items.push(read_value(json, uploads, receive)?);
            }
            json.end_array().map_err(syntax)?;
            Ok(Value::Array(items))
        }
        ValueType::String => {
            let mut text = String::new();
            let reader = json.next_string_reader().map_err(syntax)?;
            let read = reader.take(MAX_TEXT_BYTES + 1).read_to_string(&mut text).map_err(|_| syntax_io())?;
            if read as u64 > MAX_TEXT_BYTES {
                return Err(Refusal { status: 413, reason: Reason::RequestTooLarge });
            }
            Ok(Value::String(text))
        }
        ValueType::Number => {
            let number = json.next_number_as_string().map_err(syntax)?;
            serde_json::from_str(&number).map_err(|_| Refusal { status: 400, reason: Reason::BadRequest })
        }
        ValueType::Boolean => Ok(Value::Bool(json.next_bool().map_err(syntax)?)),
        ValueType::Null => {
            json.next_null().map_err(syntax)?;
            Ok(Value::Null)
        }
    }
}

fn syntax_io() -> Refusal {
    Refusal { status: 400, reason: Reason::BadRequest }
}

/// Decodes base64 from `content` into `out`, at most [`MAX_FILE_BYTES`]; the bytes written.
/// `name` names the file in the refusal.
pub fn decode_into(content: &mut dyn Read, out: &mut impl std::io::Write, name: &str) -> Result<u64, Refusal> {
    let engine = &base64::engine::general_purpose::STANDARD;
    let mut decoder = base64::read::DecoderReader::new(content, engine);
    let mut limited = (&mut decoder).take(MAX_FILE_BYTES + 1);
    let written = std::io::copy(&mut limited, out).map_err(|e| match e.kind() {
        std::io::ErrorKind::InvalidData => Refusal { status: 400, reason: Reason::BadContent },
        _ => Refusal { status: 400, reason: Reason::BadRequest },
    })?;
    if written > MAX_FILE_BYTES {
        return Err(Refusal { status: 413, reason: Reason::FileTooLarge { name: name.to_string() } });
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn receive_to_memory(
        received: &mut Vec<(String, Vec<u8>)>,
    ) -> impl FnMut(&str, &mut dyn Read) -> Result<Upload, Refusal> + '_ {
        move |path, content| {
            let mut bytes = Vec::new();
            let n = decode_into(content, &mut bytes, path)?;
            received.push((path.to_string(), bytes));
            Ok(Upload { path: path.to_string(), temp: None, bytes: n })
        }
    }

    #[test]
    fn a_files_content_is_handed_over_and_the_rest_becomes_a_value() {
        let body = r#"{"branch":"main","action":"persistEntry","params":{"dataFiles":[{"path":"content/meetings/a.md","raw":"---\ntitle: x\n---\n","n":1.5}],"assets":[{"path":"content/meetings/a/b.png","content":"aGVq","encoding":"base64"}]}}"#;
        let mut received = Vec::new();
        let mut receive = receive_to_memory(&mut received);
        let mut request = read_request(body.as_bytes(), &mut receive).unwrap();
        drop(receive);
        assert_eq!(request.action, "persistEntry");
        assert_eq!(request.params["dataFiles"][0]["raw"], "---\ntitle: x\n---\n");
        assert_eq!(request.params["dataFiles"][0]["n"], 1.5);
        let content = request.params["assets"][0]["content"].clone();
        assert_eq!(content, json!({"$upload": 0}));
        assert_eq!(request.upload(&content).unwrap().bytes, 3);
        assert_eq!(received, vec![("content/meetings/a/b.png".to_string(), b"hej".to_vec())]);
    }

    #[test]
    fn content_without_a_path_before_it_is_only_text() {
        // Guards: a file is only ever written where a checked path says.
        let body = r#"{"action":"x","params":{"content":"aGVq","path":"a.png"}}"#;
        let mut received = Vec::new();
        let request = read_request(body.as_bytes(), &mut receive_to_memory(&mut received)).unwrap();
        assert!(received.is_empty());
        assert_eq!(request.params["content"], "aGVq");
    }

    #[test]
    fn a_file_over_the_limit_and_broken_base64_are_refused() {
        let mut out = std::io::sink();
        let big = "A".repeat(usize::try_from(MAX_FILE_BYTES / 3 * 4 + 8).unwrap());
        let refusal = decode_into(&mut big.as_bytes(), &mut out, "film.mp4").unwrap_err();
        assert_eq!((refusal.status, refusal.reason), (413, Reason::FileTooLarge { name: "film.mp4".into() }));
        let refusal = decode_into(&mut "@@@@".as_bytes(), &mut out, "x.png").unwrap_err();
        assert_eq!(refusal.reason, Reason::BadContent);
    }

    #[test]
    fn a_text_over_the_limit_is_refused_and_broken_json_is_a_bad_request() {
        let body = format!(r#"{{"action":"x","params":{{"raw":"{}"}}}}"#, "a".repeat(MAX_TEXT_BYTES as usize + 1));
        let refusal = read_request(body.as_bytes(), &mut receive_to_memory(&mut Vec::new())).unwrap_err();
        assert_eq!(refusal.reason, Reason::RequestTooLarge);
        for broken in ["{not json", "", "[1,", r#"{"action":1}"#] {
            let refusal = read_request(broken.as_bytes(), &mut receive_to_memory(&mut Vec::new())).unwrap_err();
            assert_eq!(refusal.status, 400, "{broken}");
        }
    }

    #[test]
    fn the_deadline_grows_with_the_size() {
        assert_eq!(body_deadline(0), BODY_GRACE);
        assert!(body_deadline(MAX_REQUEST_BYTES) > body_deadline(1_000_000));
        assert!(body_deadline(MAX_REQUEST_BYTES) < Duration::from_secs(300));
    }
}
