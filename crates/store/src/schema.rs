//! Versioned schema migrations. Each migration runs once, in order, inside
//! a transaction; `PRAGMA user_version` records how far a database is.

use rusqlite::Connection;

use crate::StoreError;

/// The migrations, in order; the schema version of a database is the number
/// applied.
pub const MIGRATIONS: &[&str] = &[
    // 1: documents, extracted events and their parts, canonical events,
    // full-text search over documents
    r#"
    CREATE TABLE documents (
        id          TEXT NOT NULL,
        version     INTEGER NOT NULL,
        sha256      TEXT NOT NULL,
        url         TEXT,
        source      TEXT,
        title       TEXT,
        published   TEXT,
        text        TEXT NOT NULL,
        current     INTEGER NOT NULL DEFAULT 1,
        extractor   TEXT NOT NULL,
        PRIMARY KEY (id, version)
    );
    CREATE INDEX documents_current ON documents (id) WHERE current = 1;

    CREATE TABLE events (
        id          INTEGER PRIMARY KEY,
        doc         TEXT NOT NULL,
        doc_version INTEGER NOT NULL,
        ordinal     INTEGER NOT NULL,
        extractor   TEXT NOT NULL,
        type        TEXT NOT NULL,
        actor       TEXT,
        target      TEXT,
        status      TEXT NOT NULL,
        day_start   INTEGER,
        day_end     INTEGER,
        dated       INTEGER NOT NULL,
        items       TEXT NOT NULL,
        place       TEXT,
        claimant    TEXT,
        lead        TEXT NOT NULL,
        weight      INTEGER NOT NULL,
        record      TEXT NOT NULL,
        canonical   TEXT
    );
    CREATE INDEX events_doc ON events (doc, doc_version);
    CREATE INDEX events_canonical ON events (canonical);

    CREATE TABLE evidence (
        event       INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
        start       INTEGER NOT NULL,
        end         INTEGER NOT NULL,
        text        TEXT NOT NULL
    );
    CREATE INDEX evidence_event ON evidence (event);

    CREATE TABLE entities (
        event       INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
        role        TEXT NOT NULL,
        id          TEXT NOT NULL,
        name        TEXT NOT NULL
    );
    CREATE INDEX entities_event ON entities (event);
    CREATE INDEX entities_id ON entities (id);

    CREATE TABLE canonical (
        id              TEXT PRIMARY KEY,
        type            TEXT NOT NULL,
        actor           TEXT,
        target          TEXT,
        day_start       INTEGER,
        day_end         INTEGER,
        dated           INTEGER NOT NULL,
        items           TEXT NOT NULL,
        place           TEXT,
        status          TEXT NOT NULL,
        agg             TEXT NOT NULL,
        first_reported  TEXT,
        last_reported   TEXT,
        sources         INTEGER NOT NULL,
        record          TEXT NOT NULL
    );
    CREATE INDEX canonical_actor ON canonical (actor, first_reported);
    CREATE INDEX canonical_target ON canonical (target, first_reported);
    CREATE INDEX canonical_type ON canonical (type, first_reported);
    CREATE INDEX canonical_first ON canonical (first_reported);
    CREATE INDEX canonical_lookup ON canonical (type, actor, target, day_end);
    CREATE INDEX canonical_day ON canonical (day_end);

    CREATE VIRTUAL TABLE documents_fts USING fts5 (id UNINDEXED, title, text);
    "#,
];

/// Brings a database up to the latest schema; the version it is at after.
pub fn migrate(conn: &mut Connection) -> Result<usize, StoreError> {
    let at: usize = conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))? as usize;
    if at > MIGRATIONS.len() {
        return Err(StoreError(format!(
            "the database has schema version {at}, newer than this tidings knows ({}); upgrade tidings",
            MIGRATIONS.len()
        )));
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(at) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        tx.commit()?;
    }
    Ok(MIGRATIONS.len())
}
