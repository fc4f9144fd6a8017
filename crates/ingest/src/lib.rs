//! Document readers for tidings: `.txt` files, `.jsonl` files of document
//! records, folders of both, and standard input.
//!
//! [`read_inputs`] turns a list of paths into a stream of [`Document`]s, one
//! at a time: memory stays bounded by the largest single document (plus the
//! set of ids seen, kept to warn about duplicates), however many documents
//! there are. Bad input never panics and never stops the stream: each
//! problem becomes an [`InputError`] item (the document is skipped) or an
//! [`Item::Warning`] (the document is kept), and reading goes on.
//!
//! # Inputs
//!
//! - A `.txt` file is one document; its id is the file name without the
//!   extension, its text the file's content decoded as UTF-8 with a leading
//!   byte-order mark removed and newlines untouched, its origin the path.
//!   When two `.txt` files in one run share a file stem, each gets as id its
//!   path without extension relative to the folder argument it was found
//!   under (or the path as given, for a file argument), joined with `/`,
//!   and a warning.
//! - A `.jsonl` file holds one JSON object per line: `id` and `text`
//!   (strings, required), optional `title`, `published` (`YYYY-MM-DD` or
//!   RFC 3339), `url` and `source` (strings or `null`); other fields are
//!   ignored, blank lines skipped. The origin of a record is `path:LINE`.
//! - A folder is read recursively, its `.txt` and `.jsonl` files in sorted
//!   path order; other files are skipped silently.
//! - `-` is standard input: plain text with id `stdin` (or
//!   [`ReadOptions::id_override`]), or JSONL if [`ReadOptions::stdin_format`]
//!   says so. Its origin is `-` (`-:LINE` for JSONL records).
//!
//! A file argument with another extension is an error item.
//!
//! # Limits and bad input
//!
//! A `.txt` file or a JSONL line longer than [`ReadOptions::max_bytes`] is
//! refused without being read whole. Empty (or whitespace-only) documents,
//! NUL bytes, invalid UTF-8 (reported with the byte offset of the first bad
//! byte), malformed JSON, a missing or non-string `id` or `text`,
//! nonexistent paths and unreadable folders are error items. A `published`
//! value that is not a valid date, or a metadata field that is not a
//! string, is dropped with a warning and the document kept. Duplicate ids
//! are kept, with a warning.
//!
//! ```no_run
//! use std::path::PathBuf;
//! use tidings_ingest::{read_inputs, Item, ReadOptions};
//!
//! for item in read_inputs(&[PathBuf::from("corpus")], &ReadOptions::default()) {
//!     match item {
//!         Ok(Item::Doc(doc)) => println!("{}: {} bytes", doc.id, doc.text.len()),
//!         Ok(Item::Warning(w)) => eprintln!("warning: {w}"),
//!         Err(e) => eprintln!("error: {e}"),
//!     }
//! }
//! ```

#![warn(missing_docs)]

use std::fmt;
use std::io::Read;
use std::path::PathBuf;

pub use tidings_text::{Document, Meta};

mod inputs;
mod jsonl;
mod plan;
mod published;
mod txt;

pub use inputs::Inputs;
pub use published::published_date;

/// The default size limit per document: 10 MiB (10 × 1024 × 1024 bytes).
pub const DEFAULT_MAX_BYTES: usize = 10 * 1024 * 1024;

/// How standard input (`-`) is read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum StdinFormat {
    /// One plain-text document (the default).
    #[default]
    Txt,
    /// JSONL document records, as in a `.jsonl` file.
    Jsonl,
}

/// Options for [`read_inputs`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadOptions {
    /// The size limit per document in bytes: the size of a `.txt` file (or
    /// of plain-text standard input), or the length of a JSONL line (without
    /// its line ending). Larger documents are refused with an error item.
    /// Default: [`DEFAULT_MAX_BYTES`].
    pub max_bytes: usize,
    /// The id of the document read from plain-text standard input, instead
    /// of `stdin`. Ignored for files and for JSONL input.
    pub id_override: Option<String>,
    /// Whether standard input is plain text or JSONL. Default: plain text.
    pub stdin_format: StdinFormat,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_bytes: DEFAULT_MAX_BYTES,
            id_override: None,
            stdin_format: StdinFormat::Txt,
        }
    }
}

/// One item of the input stream that is not an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// A document read successfully.
    Doc(Document),
    /// A problem that did not cost a document (a dropped field, a changed
    /// or duplicate id). It comes just before the document it concerns.
    Warning(InputWarning),
}

/// A problem with the input that did not cost a document.
///
/// Displays as `origin: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputWarning {
    /// Where: a path, `path:LINE` for a JSONL record, or `-` for standard input.
    pub origin: String,
    /// What happened and what was done about it.
    pub message: String,
}

impl fmt::Display for InputWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.origin, self.message)
    }
}

/// A document (or a whole file or folder) that could not be read; it is
/// skipped and reading goes on.
///
/// Displays as `origin: message`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{origin}: {message}")]
pub struct InputError {
    /// Where: a path, `path:LINE` for a JSONL record, or `-` for standard input.
    pub origin: String,
    /// What went wrong.
    pub message: String,
}

impl InputError {
    pub(crate) fn new(origin: impl Into<String>, message: impl Into<String>) -> Self {
        InputError {
            origin: origin.into(),
            message: message.into(),
        }
    }
}

/// Reads `paths` (files, folders, or `-` for standard input) as a stream of
/// documents, warnings and errors, in argument order (folder contents in
/// sorted path order).
///
/// The paths are listed up front (folders walked, file stems compared);
/// documents are read lazily, one per call to `next`.
pub fn read_inputs(paths: &[PathBuf], opts: &ReadOptions) -> Inputs<'static> {
    Inputs::new(paths, opts, Box::new(std::io::stdin()))
}

/// Like [`read_inputs`], but `-` reads from `stdin` instead of the process's
/// standard input (for tests, or input from a pipe or socket).
///
/// `stdin` is read once: a second `-` in `paths` is an error item.
pub fn read_inputs_with_stdin<'a, R: Read + Send + 'a>(
    paths: &[PathBuf],
    opts: &ReadOptions,
    stdin: R,
) -> Inputs<'a> {
    Inputs::new(paths, opts, Box::new(stdin))
}
