//! JSONL documents: one JSON object per line, read line by line with a
//! bounded buffer.

use std::collections::VecDeque;
use std::io::{BufRead, Read};

use serde_json::{Map, Value};
use tidings_text::{Document, Meta};

use crate::published::is_valid_published;
use crate::txt::check_not_empty;
use crate::{InputError, InputWarning, Item};

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// How many bytes of an oversized line are read at a time while skipping it.
const SKIP_CHUNK: u64 = 64 * 1024;

/// The longest value quoted in a message, in characters.
const QUOTE_MAX: usize = 60;

/// Reads JSONL records from a buffered reader, one per line, yielding
/// documents, warnings and errors. Stops at end of input or at the first
/// I/O error (reported as an item).
pub(crate) struct JsonlReader<'a> {
    reader: Box<dyn BufRead + Send + 'a>,
    /// The origin prefix: the path, or `-`.
    name: String,
    max_bytes: usize,
    /// Lines read so far (the number of the current line).
    line_no: usize,
    /// Byte offset of the next line's start.
    offset: u64,
    buf: Vec<u8>,
    done: bool,
    /// Items produced but not yet yielded (warnings come before their document).
    pending: VecDeque<Result<Item, InputError>>,
}

impl<'a> JsonlReader<'a> {
    pub(crate) fn new(
        reader: Box<dyn BufRead + Send + 'a>,
        name: String,
        max_bytes: usize,
    ) -> Self {
        JsonlReader {
            reader,
            name,
            max_bytes,
            line_no: 0,
            offset: 0,
            buf: Vec::new(),
            done: false,
            pending: VecDeque::new(),
        }
    }

    fn origin(&self) -> String {
        format!("{}:{}", self.name, self.line_no)
    }

    /// Skips the rest of the current line without buffering it; returns the
    /// number of bytes skipped (the `\n` included, if any) and, if a `\n`
    /// ended the line, whether it was a `\r\n`.
    fn skip_line(&mut self) -> std::io::Result<(u64, Option<bool>)> {
        let mut scratch = Vec::new();
        let mut total = 0u64;
        let mut last_two = [0, self.buf.last().copied().unwrap_or(0)];
        loop {
            scratch.clear();
            let n = (&mut self.reader)
                .take(SKIP_CHUNK)
                .read_until(b'\n', &mut scratch)?;
            total += n as u64;
            match scratch.len() {
                0 => {}
                1 => last_two = [last_two[1], scratch[0]],
                k => last_two = [scratch[k - 2], scratch[k - 1]],
            }
            if n == 0 {
                return Ok((total, None));
            }
            if scratch.last() == Some(&b'\n') {
                return Ok((total, Some(last_two == *b"\r\n")));
            }
        }
    }

    /// Reads the next line into `self.buf`, without its line ending.
    /// `Ok(None)` at end of input; `Ok(Some(Err(..)))` for an oversized line
    /// (already skipped).
    fn next_line(&mut self) -> Result<Option<Result<(), InputError>>, InputError> {
        self.buf.clear();
        // Up to two bytes more than the limit: the line ending.
        let cap = (self.max_bytes as u64).saturating_add(2);
        let read = (&mut self.reader)
            .take(cap)
            .read_until(b'\n', &mut self.buf);
        let n = match read {
            Ok(0) => return Ok(None),
            Ok(n) => n,
            Err(e) => {
                self.line_no += 1;
                return Err(InputError::new(self.origin(), format!("cannot read: {e}")));
            }
        };
        self.line_no += 1;
        self.offset += n as u64;
        let ended = self.buf.last() == Some(&b'\n');
        let mut length = self.buf.len() as u64;
        if !ended && (n as u64) == cap {
            // Oversized: skip to the next newline, counting.
            let (skipped, ending) = self
                .skip_line()
                .map_err(|e| InputError::new(self.origin(), format!("cannot read: {e}")))?;
            self.offset += skipped;
            // The line's length without its line ending.
            length += skipped;
            length -= match ending {
                None => 0,
                Some(false) => 1,
                Some(true) => 2,
            };
            self.buf.clear();
            return Ok(Some(Err(self.too_long(length))));
        }
        if ended {
            self.buf.pop();
            if self.buf.last() == Some(&b'\r') {
                self.buf.pop();
            }
        }
        if self.buf.len() > self.max_bytes {
            let length = self.buf.len() as u64;
            self.buf.clear();
            return Ok(Some(Err(self.too_long(length))));
        }
        Ok(Some(Ok(())))
    }

    fn too_long(&self, length: u64) -> InputError {
        InputError::new(
            self.origin(),
            format!(
                "line is {length} bytes, over the limit of {} bytes; skipped",
                self.max_bytes
            ),
        )
    }

    /// Turns the line in `self.buf` into a document (or error), pushing any
    /// warnings to `self.pending`. `None` for a blank line.
    fn parse_line(&mut self, line_start: u64) -> Option<Result<Document, InputError>> {
        let mut bytes = &self.buf[..];
        let mut skipped = 0u64;
        if self.line_no == 1 && bytes.starts_with(BOM) {
            bytes = &bytes[BOM.len()..];
            skipped = BOM.len() as u64;
        }
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return None;
        }
        let origin = self.origin();
        let line = match std::str::from_utf8(bytes) {
            Ok(s) => s,
            Err(e) => {
                let at = e.valid_up_to() as u64 + skipped;
                return Some(Err(InputError::new(
                    origin,
                    format!(
                        "not valid UTF-8: invalid byte at byte offset {} (byte {at} of the line); skipped",
                        line_start + at
                    ),
                )));
            }
        };
        let value: Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                let full = e.to_string();
                let msg = full
                    .rsplit_once(" at line ")
                    .map_or(full.as_str(), |(m, _)| m);
                return Some(Err(InputError::new(
                    origin,
                    format!("invalid JSON at column {}: {msg}; skipped", e.column()),
                )));
            }
        };
        let mut warnings = Vec::new();
        let result = record_to_doc(value, &origin, &mut warnings);
        if result.is_ok() {
            self.pending
                .extend(warnings.into_iter().map(|w| Ok(Item::Warning(w))));
        }
        Some(result)
    }
}

impl Iterator for JsonlReader<'_> {
    type Item = Result<Item, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.pending.pop_front() {
                return Some(item);
            }
            if self.done {
                return None;
            }
            let line_start = self.offset;
            match self.next_line() {
                Ok(None) => {
                    self.done = true;
                    return None;
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(e));
                }
                Ok(Some(Err(e))) => return Some(Err(e)),
                Ok(Some(Ok(()))) => match self.parse_line(line_start) {
                    None => continue,
                    Some(Err(e)) => return Some(Err(e)),
                    Some(Ok(doc)) => self.pending.push_back(Ok(Item::Doc(doc))),
                },
            }
            // Release a large line buffer once its document is made, so
            // the buffer does not stay at the largest line's size.
            if self.buf.capacity() > 1 << 20 {
                self.buf = Vec::new();
            }
        }
    }
}

/// The JSON type of a value, for messages.
fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A value quoted for a message, cut to [`QUOTE_MAX`] characters.
fn quote(s: &str) -> String {
    match s.char_indices().nth(QUOTE_MAX) {
        Some((i, _)) => format!("{:?}…", &s[..i]),
        None => format!("{s:?}"),
    }
}

/// A required string field.
fn required(map: &mut Map<String, Value>, field: &str, origin: &str) -> Result<String, InputError> {
    match map.remove(field) {
        Some(Value::String(s)) => Ok(s),
        None | Some(Value::Null) => Err(InputError::new(
            origin,
            format!("missing field `{field}`; skipped"),
        )),
        Some(other) => Err(InputError::new(
            origin,
            format!(
                "field `{field}` must be a string, found {}; skipped",
                kind(&other)
            ),
        )),
    }
}

/// An optional string field: absent, `null` or `""` is `None`; another
/// type is dropped with a warning.
fn optional(
    map: &mut Map<String, Value>,
    field: &str,
    origin: &str,
    warnings: &mut Vec<InputWarning>,
) -> Option<String> {
    match map.remove(field) {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if s.is_empty() => None,
        Some(Value::String(s)) => Some(s),
        Some(other) => {
            warnings.push(InputWarning {
                origin: origin.to_string(),
                message: format!(
                    "field `{field}` must be a string, found {}; field dropped",
                    kind(&other)
                ),
            });
            None
        }
    }
}

fn record_to_doc(
    value: Value,
    origin: &str,
    warnings: &mut Vec<InputWarning>,
) -> Result<Document, InputError> {
    let mut map = match value {
        Value::Object(m) => m,
        other => {
            return Err(InputError::new(
                origin,
                format!("expected a JSON object, found {}; skipped", kind(&other)),
            ))
        }
    };
    let id = required(&mut map, "id", origin)?;
    if id.is_empty() {
        return Err(InputError::new(origin, "field `id` is empty; skipped"));
    }
    let mut text = required(&mut map, "text", origin)?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    check_not_empty(&text).map_err(|m| InputError::new(origin, format!("{m} (id {id:?})")))?;
    let title = optional(&mut map, "title", origin, warnings);
    let url = optional(&mut map, "url", origin, warnings);
    let source = optional(&mut map, "source", origin, warnings);
    let mut published = optional(&mut map, "published", origin, warnings);
    if let Some(p) = published.take_if(|p| !is_valid_published(p)) {
        warnings.push(InputWarning {
            origin: origin.to_string(),
            message: format!(
                "field `published` has value {} which is not a date (expected YYYY-MM-DD or an RFC 3339 timestamp); field dropped",
                quote(&p)
            ),
        });
    }
    Ok(Document {
        id,
        text,
        meta: Meta {
            title,
            published,
            url,
            source,
        },
        origin: origin.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(input: &[u8], max: usize) -> Vec<Result<Item, InputError>> {
        JsonlReader::new(Box::new(input), "w.jsonl".into(), max).collect()
    }

    fn doc(item: &Result<Item, InputError>) -> &Document {
        match item {
            Ok(Item::Doc(d)) => d,
            other => panic!("expected a document, got {other:?}"),
        }
    }

    fn err(item: &Result<Item, InputError>) -> String {
        match item {
            Err(e) => e.to_string(),
            other => panic!("expected an error, got {other:?}"),
        }
    }

    #[test]
    fn records_and_metadata() {
        let input = concat!(
            "\u{feff}{\"id\":\"a1\",\"text\":\"Ferry resumes service.\\nDetails follow.\",",
            "\"title\":\"Ferry back\",\"published\":\"2024-05-02\",\"url\":\"https://example.org/a1\",",
            "\"source\":\"Harbour Gazette\",\"extra\":[1,2,{\"x\":null}]}\r\n",
            "\n   \r\n",
            "{\"id\":\"a2\",\"text\":\"Second item.\",\"title\":null,\"published\":null}",
        );
        let items = read(input.as_bytes(), 1000);
        assert_eq!(items.len(), 2, "{items:?}");
        let a1 = doc(&items[0]);
        assert_eq!(a1.id, "a1");
        assert_eq!(a1.text, "Ferry resumes service.\nDetails follow.");
        assert_eq!(a1.origin, "w.jsonl:1");
        assert_eq!(a1.meta.title.as_deref(), Some("Ferry back"));
        assert_eq!(a1.meta.published.as_deref(), Some("2024-05-02"));
        assert_eq!(a1.meta.url.as_deref(), Some("https://example.org/a1"));
        assert_eq!(a1.meta.source.as_deref(), Some("Harbour Gazette"));
        let a2 = doc(&items[1]);
        assert_eq!((a2.id.as_str(), a2.origin.as_str()), ("a2", "w.jsonl:4"));
        assert_eq!(a2.meta, Meta::default());
    }

    #[test]
    fn bad_records_do_not_stop_reading() {
        let input = concat!(
            "{\"id\":\"ok1\",\"text\":\"Fine.\"}\n",
            "{\"id\":\"bad\",\"text\":\"unterminated}\n",
            "[1,2]\n",
            "{\"text\":\"no id\"}\n",
            "{\"id\":7,\"text\":\"numeric id\"}\n",
            "{\"id\":\"t\",\"text\":null}\n",
            "{\"id\":\"e\",\"text\":\"  \"}\n",
            "{\"id\":\"\",\"text\":\"x\"}\n",
        );
        let line9_start = input.len();
        let mut input = input.as_bytes().to_vec();
        input.extend_from_slice(b"{\"id\":\"u\",\"text\":\"\xFF\"}\n");
        input.extend_from_slice(
            b"{\"id\":\"ok2\",\"text\":\"Also fine.\",\"published\":\"31/12/2023\",\"title\":5}\n",
        );
        let items = read(&input, 1000);
        assert_eq!(items.len(), 12, "{items:?}");
        assert_eq!(doc(&items[0]).id, "ok1");
        assert!(
            err(&items[1]).starts_with("w.jsonl:2: invalid JSON at column "),
            "{:?}",
            items[1]
        );
        assert!(
            err(&items[1]).contains("EOF while parsing a string"),
            "{:?}",
            items[1]
        );
        assert_eq!(
            err(&items[2]),
            "w.jsonl:3: expected a JSON object, found an array; skipped"
        );
        assert_eq!(err(&items[3]), "w.jsonl:4: missing field `id`; skipped");
        assert_eq!(
            err(&items[4]),
            "w.jsonl:5: field `id` must be a string, found a number; skipped"
        );
        assert_eq!(err(&items[5]), "w.jsonl:6: missing field `text`; skipped");
        assert!(err(&items[6]).starts_with("w.jsonl:7: empty document"));
        assert_eq!(err(&items[7]), "w.jsonl:8: field `id` is empty; skipped");
        // The bad byte is byte 18 of line 9.
        assert_eq!(
            err(&items[8]),
            format!(
                "w.jsonl:9: not valid UTF-8: invalid byte at byte offset {} (byte 18 of the line); skipped",
                line9_start + 18
            )
        );
        // Warnings come before their document.
        let Ok(Item::Warning(w1)) = &items[9] else {
            panic!("{:?}", items[9])
        };
        assert_eq!(
            w1.to_string(),
            "w.jsonl:10: field `title` must be a string, found a number; field dropped"
        );
        let Ok(Item::Warning(w2)) = &items[10] else {
            panic!("{:?}", items[10])
        };
        assert!(
            w2.message
                .starts_with("field `published` has value \"31/12/2023\""),
            "{w2}"
        );
        let ok2 = doc(&items[11]);
        assert_eq!(ok2.id, "ok2");
        assert_eq!(ok2.meta.published, None);
        assert_eq!(ok2.meta.title, None);
    }

    #[test]
    fn oversized_lines_are_skipped() {
        let long = format!("{{\"id\":\"big\",\"text\":\"{}\"}}", "x".repeat(200));
        let fits = format!("{{\"id\":\"fit\",\"text\":\"{}\"}}", "y".repeat(100 - 22));
        assert_eq!(fits.len(), 100);
        let input = format!("{long}\n{fits}\r\n{long}\r\n{fits}\n{long}");
        let items = read(input.as_bytes(), 100);
        assert_eq!(items.len(), 5, "{items:?}");
        let size = long.len();
        assert_eq!(
            err(&items[0]),
            format!("w.jsonl:1: line is {size} bytes, over the limit of 100 bytes; skipped")
        );
        assert_eq!(doc(&items[1]).origin, "w.jsonl:2");
        assert_eq!(
            err(&items[2]),
            format!("w.jsonl:3: line is {size} bytes, over the limit of 100 bytes; skipped")
        );
        assert_eq!(doc(&items[3]).origin, "w.jsonl:4");
        assert_eq!(
            err(&items[4]),
            format!("w.jsonl:5: line is {size} bytes, over the limit of 100 bytes; skipped")
        );
        // Just over the limit, with the line ending in the read window.
        let over = format!("{fits}z\n{fits}\n");
        let items = read(over.as_bytes(), 100);
        assert_eq!(
            err(&items[0]),
            "w.jsonl:1: line is 101 bytes, over the limit of 100 bytes; skipped"
        );
        assert_eq!(doc(&items[1]).origin, "w.jsonl:2");
    }

    #[test]
    fn quotes_are_cut() {
        assert_eq!(quote("abc"), "\"abc\"");
        let q = quote(&"é".repeat(100));
        assert_eq!(q.chars().filter(|&c| c == 'é').count(), QUOTE_MAX);
        assert!(q.ends_with('…'));
    }
}
