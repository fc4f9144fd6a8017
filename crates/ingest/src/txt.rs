//! Plain-text documents: one file (or standard input) is one document.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use tidings_text::{Document, Meta};

use crate::plan::io_message;
use crate::InputError;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Reads the `.txt` file at `path` as the document `id`, refusing it
/// without reading if its size is over `max_bytes`.
pub(crate) fn read_txt_file(
    path: &Path,
    id: String,
    max_bytes: usize,
) -> Result<Document, InputError> {
    let origin = path.display().to_string();
    let file = File::open(path).map_err(|e| InputError::new(&origin, io_message("open", &e)))?;
    let len = file
        .metadata()
        .map_err(|e| InputError::new(&origin, io_message("read", &e)))?
        .len();
    if len > max_bytes as u64 {
        return Err(too_big(&origin, &len.to_string(), max_bytes));
    }
    read_txt(file, id, origin, max_bytes, Some(len))
}

fn too_big(origin: &str, size: &str, max_bytes: usize) -> InputError {
    InputError::new(
        origin,
        format!("document is {size} bytes, over the limit of {max_bytes} bytes; skipped"),
    )
}

/// Reads one plain-text document from `reader`: at most `max_bytes + 1`
/// bytes are read, so an oversized input is refused with bounded memory.
/// `size_hint` (a file's length) only pre-sizes the buffer.
pub(crate) fn read_txt<R: Read>(
    reader: R,
    id: String,
    origin: String,
    max_bytes: usize,
    size_hint: Option<u64>,
) -> Result<Document, InputError> {
    let mut bytes = Vec::new();
    if let Some(n) = size_hint.and_then(|n| usize::try_from(n).ok()) {
        if n <= max_bytes {
            bytes.reserve_exact(n);
        }
    }
    let limit = (max_bytes as u64).saturating_add(1);
    reader
        .take(limit)
        .read_to_end(&mut bytes)
        .map_err(|e| InputError::new(&origin, io_message("read", &e)))?;
    if bytes.len() > max_bytes {
        return Err(too_big(
            &origin,
            &format!("more than {max_bytes}"),
            max_bytes,
        ));
    }
    let text = decode(bytes).map_err(|m| InputError::new(&origin, m))?;
    Ok(Document {
        id,
        text,
        meta: Meta::default(),
        origin,
    })
}

/// Decodes a whole document: UTF-8, no NUL bytes, a leading BOM removed,
/// not empty or whitespace-only. Offsets in messages count from the start
/// of `bytes` (the BOM included).
pub(crate) fn decode(bytes: Vec<u8>) -> Result<String, String> {
    let nul = if bytes.contains(&0) {
        bytes.iter().position(|&b| b == 0)
    } else {
        None
    };
    let nul_message = |n: usize| format!("binary data (NUL byte at byte offset {n}); skipped");
    let mut text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            if let Some(n) = nul.filter(|&n| n < at) {
                return Err(nul_message(n));
            }
            let b = e.as_bytes();
            let hint = if b.starts_with(b"\xFF\xFE") || b.starts_with(b"\xFE\xFF") {
                " (looks like UTF-16)"
            } else {
                ""
            };
            return Err(format!(
                "not valid UTF-8{hint}: invalid byte at byte offset {at}; skipped"
            ));
        }
    };
    if let Some(n) = nul {
        return Err(nul_message(n));
    }
    if text.as_bytes().starts_with(BOM) {
        text.drain(..BOM.len());
    }
    check_not_empty(&text)?;
    Ok(text)
}

/// An empty or whitespace-only text is not a document.
pub(crate) fn check_not_empty(text: &str) -> Result<(), String> {
    if text.is_empty() {
        Err("empty document; skipped".to_string())
    } else if text.trim().is_empty() {
        Err("empty document (whitespace only); skipped".to_string())
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(bytes: &[u8], max: usize) -> Result<Document, InputError> {
        read_txt(bytes, "d".into(), "-".into(), max, None)
    }

    #[test]
    fn decodes_and_strips_bom() {
        let d = doc(b"\xEF\xBB\xBFCity council votes.\r\nMore soon.\r\n", 100).unwrap();
        assert_eq!(d.text, "City council votes.\r\nMore soon.\r\n");
        assert_eq!(d.origin, "-");
        // Only one BOM is removed.
        let d = doc("\u{feff}\u{feff}x".as_bytes(), 100).unwrap();
        assert_eq!(d.text, "\u{feff}x");
    }

    #[test]
    fn refuses_bad_bytes() {
        let e = doc(b"Headline\n\xC3\x28 rest", 100).unwrap_err();
        assert_eq!(
            e.to_string(),
            "-: not valid UTF-8: invalid byte at byte offset 9; skipped"
        );
        let e = doc(b"abc\0def\xFF", 100).unwrap_err();
        assert_eq!(
            e.message,
            "binary data (NUL byte at byte offset 3); skipped"
        );
        let e = doc(b"a\xFFb\0", 100).unwrap_err();
        assert!(e.message.contains("invalid byte at byte offset 1"), "{e}");
        let e = doc(b"\xFF\xFEa\0b\0", 100).unwrap_err();
        assert!(e.message.contains("UTF-16"), "{e}");
        // Offsets count the BOM.
        let e = doc(b"\xEF\xBB\xBFab\xFF", 100).unwrap_err();
        assert!(e.message.contains("byte offset 5"), "{e}");
    }

    #[test]
    fn empty_and_limits() {
        assert_eq!(
            doc(b"", 100).unwrap_err().message,
            "empty document; skipped"
        );
        assert_eq!(
            doc(b"\xEF\xBB\xBF", 100).unwrap_err().message,
            "empty document; skipped"
        );
        assert!(doc(b" \n\r\n\t", 100)
            .unwrap_err()
            .message
            .contains("whitespace only"));
        assert!(doc(&[b'a'; 100], 100).is_ok());
        let e = doc(&[b'a'; 101], 100).unwrap_err();
        assert_eq!(
            e.message,
            "document is more than 100 bytes, over the limit of 100 bytes; skipped"
        );
    }
}
