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
    // 2: incremental upkeep of canonical records (how many members, how
    // many when the record was last built, whether it is behind), mention
    // ids, and what a denial denies
    r#"
    ALTER TABLE canonical ADD COLUMN members INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE canonical ADD COLUMN built INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE canonical ADD COLUMN stale INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE canonical ADD COLUMN denial_cache TEXT;
    UPDATE canonical SET
        members = (SELECT count(*) FROM events WHERE events.canonical = canonical.id),
        built = (SELECT count(*) FROM events WHERE events.canonical = canonical.id);
    CREATE INDEX canonical_stale ON canonical (stale) WHERE stale = 1;

    ALTER TABLE events ADD COLUMN mention TEXT;
    CREATE INDEX events_mention ON events (mention);

    ALTER TABLE events ADD COLUMN denies TEXT;
    CREATE INDEX events_denies ON events (denies, day_end, doc, ordinal) WHERE denies IS NOT NULL;
    CREATE INDEX events_canonical_doc ON events (canonical, doc);

    -- what a canonical record is built from, one narrow row per member in
    -- the record's order, so that a large event's members are read as one
    -- range (filled for older databases after this script)
    CREATE TABLE members (
        canonical   TEXT NOT NULL,
        published   TEXT NOT NULL,
        doc         TEXT NOT NULL,
        ordinal     INTEGER NOT NULL,
        event       INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
        outlet      TEXT NOT NULL,
        sha         TEXT NOT NULL,
        claimant    TEXT,
        lead        TEXT NOT NULL,
        weight      INTEGER NOT NULL,
        status      TEXT NOT NULL,
        day_start   INTEGER,
        day_end     INTEGER,
        PRIMARY KEY (canonical, published, doc, ordinal, event)
    ) WITHOUT ROWID;
    CREATE INDEX members_event ON members (event);
    "#,
    // 3: analyst corrections: each decision, the mentions it pins to a
    // canonical event, and the ids that merging retired
    r#"
    CREATE TABLE corrections (
        id          INTEGER PRIMARY KEY,
        kind        TEXT NOT NULL,
        canonical   TEXT NOT NULL,
        args        TEXT NOT NULL,
        note        TEXT,
        made        TEXT NOT NULL
    );

    CREATE TABLE pins (
        mention     TEXT PRIMARY KEY,
        canonical   TEXT NOT NULL,
        correction  INTEGER NOT NULL REFERENCES corrections (id)
    );
    CREATE INDEX pins_canonical ON pins (canonical);

    CREATE TABLE retired (
        id          TEXT PRIMARY KEY,
        into_id     TEXT NOT NULL,
        correction  INTEGER NOT NULL REFERENCES corrections (id)
    );
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
        if i + 1 == 2 {
            crate::sqlite::fill_members(&tx)?;
        }
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        tx.commit()?;
    }
    Ok(MIGRATIONS.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_version_1_database_is_brought_up_to_date_with_its_members() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(MIGRATIONS[0]).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        let record = r#"{"type":"TEST","actor":{"id":"PRK","name":"North Korea"},"target":null,"items":[],"status":"occurred","time":{"start":"2025-01-06","end":"2025-01-06"},"attribution":[],"evidence":[{"start":0,"end":12,"text":"A launch."}]}"#;
        conn.execute_batch(&format!(
            "INSERT INTO documents VALUES ('d', 1, 'abcdefabcdefabcdef', 'https://www.example.org/a', NULL, NULL, '2025-01-07', 'A launch.', 1, 'x1');
             INSERT INTO events (doc, doc_version, ordinal, extractor, type, actor, status, day_start, day_end, dated, items, lead, weight, record, canonical)
               VALUES ('d', 1, 0, 'x1', 'TEST', 'PRK', 'occurred', 20094, 20094, 1, '', 'a launch.', 3, '{record}', 'ev-1');
             INSERT INTO canonical (id, type, actor, day_start, day_end, dated, items, status, agg, sources, record)
               VALUES ('ev-1', 'TEST', 'PRK', 20094, 20094, 1, '', 'occurred', '', 1, '{{}}');"
        ))
        .unwrap();
        assert_eq!(migrate(&mut conn).unwrap(), MIGRATIONS.len());
        let (outlet, members, mention): (String, i64, String) = conn
            .query_row(
                "SELECT m.outlet, c.members, e.mention FROM members m JOIN canonical c ON c.id = m.canonical
                 JOIN events e ON e.id = m.event",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
        assert_eq!((outlet.as_str(), members), ("example.org", 1));
        // the mention id a new ingest would give it
        assert!(
            mention.starts_with("m-") && mention.len() == 14,
            "{mention}"
        );
        // and a second run does nothing
        assert_eq!(migrate(&mut conn).unwrap(), MIGRATIONS.len());
    }

    #[test]
    fn a_newer_database_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
        let err = migrate(&mut conn).unwrap_err();
        assert!(err.0.contains("newer than this tidings knows"), "{err}");
    }
}
