//! The tidings store: documents, the events extracted from them, and the
//! canonical events that merge one real-world happening across reports
//! (SCHEMA.md, "Canonical events").
//!
//! | module | job |
//! |---|---|
//! | [`schema`] | versioned schema migrations |
//! | [`merge`] | when an event is the same happening as a canonical event |
//! | [`sqlite`] | [`Store`] on an embedded SQLite database |
//!
//! The store knows event records only as the JSON of SCHEMA.md
//! (`tidings.event/1`): it does not depend on how they were extracted.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod corrections;
pub mod merge;
pub mod schema;
pub mod sqlite;

use std::collections::HashSet;

use serde_json::Value;

pub use sqlite::SqliteStore;

/// A document to store, with the metadata its reader gave.
#[derive(Debug, Clone, Default)]
pub struct DocInput {
    /// Document id.
    pub id: String,
    /// The text, exactly as read.
    pub text: String,
    /// Title.
    pub title: Option<String>,
    /// Publication date (`YYYY-MM-DD` or RFC 3339).
    pub published: Option<String>,
    /// Where it was found.
    pub url: Option<String>,
    /// The outlet.
    pub source: Option<String>,
}

/// What storing a document did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// A document id seen for the first time.
    Stored,
    /// The same text, already stored by the same extractor: nothing done.
    Unchanged,
    /// The same text, stored by another extractor version: its events were
    /// replaced.
    Reextracted,
    /// Changed text under a known id: a new version (the number), the old
    /// one kept but no longer current.
    NewVersion(u32),
}

/// Which canonical events to list.
#[derive(Debug, Clone, Default)]
pub struct Query {
    /// Event type (`ATTACK`, …).
    pub etype: Option<String>,
    /// Actor id or name (case-insensitive).
    pub actor: Option<String>,
    /// Target id or name (case-insensitive).
    pub target: Option<String>,
    /// An item category one of its items has.
    pub item: Option<String>,
    /// Happened (or was first reported) on or after this date.
    pub since: Option<String>,
    /// Happened (or was first reported) on or before this date.
    pub until: Option<String>,
    /// At least this many sources.
    pub min_sources: usize,
    /// At most this many rows.
    pub limit: Option<usize>,
}

/// Row counts of a store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Document versions stored.
    pub documents: usize,
    /// Current extracted events.
    pub events: usize,
    /// Canonical events.
    pub canonical: usize,
}

/// A store error, with what it was doing.
#[derive(Debug)]
pub struct StoreError(pub String);

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StoreError {}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError(format!("database: {e}"))
    }
}

/// Where documents, events and canonical events are kept. SQLite is the
/// embedded backend ([`SqliteStore`]); a server backend implements the same
/// trait.
pub trait Store {
    /// Stores a batch of documents with their extracted event records (the
    /// SCHEMA.md JSON), in one transaction: all of the batch or nothing.
    /// Each event joins the canonical event it is the same happening as, or
    /// starts one.
    fn ingest(
        &mut self,
        batch: &[(DocInput, Vec<Value>)],
        extractor: &str,
    ) -> Result<Vec<Outcome>, StoreError>;

    /// Brings every canonical record that lags its members (see
    /// [`SqliteStore`]) up to date; how many were rebuilt. An ingest runs it
    /// at its end.
    fn refresh(&mut self) -> Result<usize, StoreError>;

    /// Records an analyst's decision that canonical events `ids` are one
    /// happening: the first id is kept, the others lead to it. The
    /// decision survives re-ingest and re-extraction. Returns the id kept.
    fn merge(&mut self, ids: &[String], note: Option<&str>) -> Result<String, StoreError>;

    /// Records an analyst's decision that `mentions` of canonical event
    /// `id` (mention ids as `tidings show` lists them, or document ids) are
    /// another happening: they become a canonical event of their own, which
    /// is returned. The decision survives re-ingest and re-extraction.
    fn split(
        &mut self,
        id: &str,
        mentions: &[String],
        note: Option<&str>,
    ) -> Result<String, StoreError>;

    /// Every analyst correction, oldest first.
    fn corrections(&self) -> Result<Vec<Value>, StoreError>;

    /// Whether a document with this id and text is stored, current, and
    /// extracted by `extractor` (so that a resumed ingest can skip it
    /// before extracting).
    fn is_current(&self, id: &str, text: &str, extractor: &str) -> Result<bool, StoreError>;

    /// [`doc_key`]s of the current documents extracted by `extractor`: a
    /// resumed ingest tells what it may skip without a query per document
    /// (and confirms a hit with [`Store::is_current`]).
    fn current_keys(&self, extractor: &str) -> Result<HashSet<u64>, StoreError>;

    /// Canonical events, as SCHEMA.md canonical records, newest first.
    fn canonical_events(&self, q: &Query) -> Result<Vec<Value>, StoreError>;

    /// One canonical event by id, with the reason each member joined it.
    fn canonical(&self, id: &str) -> Result<Option<Value>, StoreError>;

    /// Documents matching full-text `words` (FTS5 syntax), best first.
    fn search(&self, words: &str, limit: usize) -> Result<Vec<Hit>, StoreError>;

    /// Row counts.
    fn counts(&self) -> Result<Counts, StoreError>;
}

/// A document found by [`Store::search`].
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Document id.
    pub id: String,
    /// Its title.
    pub title: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// A snippet around the matched words, marked with `[` and `]`.
    pub snippet: String,
}

/// The PLOVER category of an event type (the Open Event Data Alliance's
/// ontology, draft 0.8): what exports carry next to `type` for systems
/// that speak PLOVER.
pub fn plover(etype: &str) -> &'static str {
    match etype {
        "ATTACK" => "ASSAULT",
        "TRANSFER" | "AID" => "AID",
        "TEST" => "MOBILIZE",
        "SANCTION" => "SANCTION",
        "COOPERATE" => "COOPERATE",
        "REQUEST" => "REQUEST",
        "ACCUSE" => "ACCUSE",
        "DENY" => "REJECT",
        "THREATEN" => "THREATEN",
        _ => "",
    }
}

/// A 64-bit key of a document id and the SHA-256 (hex) of its text.
pub fn doc_key(id: &str, sha: &str) -> u64 {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(id.as_bytes());
    h.update([0u8]);
    h.update(sha.as_bytes());
    let d = h.finalize();
    let mut b = [0u8; 8];
    b.copy_from_slice(&d[..8]);
    u64::from_le_bytes(b)
}

/// SHA-256 of a text, in lower-case hex.
pub fn sha256_hex(text: &str) -> String {
    use sha2::{Digest, Sha256};
    let d = Sha256::digest(text.as_bytes());
    d.iter().map(|b| format!("{b:02x}")).collect()
}
