//! [`Store`] on an embedded SQLite database, in WAL mode so that readers can
//! query while an ingest runs. Every batch is one transaction: a crash
//! loses at most the batch under way, and running the ingest again picks up
//! where it stopped (documents already stored are skipped).

use std::collections::{BTreeSet, HashSet};
use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde_json::{json, Value};

use crate::merge::{Aggregate, Signature};
use crate::{sha256_hex, Counts, DocInput, Hit, Outcome, Query, Store, StoreError};

/// The SQLite store.
///
/// A canonical event's record (its counts of sources, claimants and
/// independent sources, its documents) is rebuilt from its members when a
/// batch changes them. For an event of many members that cost grows with
/// each batch, so the record of an event above [`SqliteStore::defer_above`]
/// members is rebuilt only when its members have grown by an eighth since
/// the last build (or lost any), and marked stale in between;
/// [`Store::refresh`], which `tidings ingest` runs at its end, brings every
/// stale record up to date. The merging itself never waits: each event is
/// compared with the canonical signature, which is kept exact.
pub struct SqliteStore {
    conn: Connection,
    defer_above: usize,
}

/// Members above which a canonical record may lag a batch (see
/// [`SqliteStore`]).
pub const DEFER_ABOVE: usize = 200;

impl SqliteStore {
    /// Opens (creating when needed) the database at `path` and brings its
    /// schema up to date.
    pub fn open(path: &Path) -> Result<SqliteStore, StoreError> {
        let conn = Connection::open(path).map_err(|e| {
            StoreError(format!("{}: cannot open the database: {e}", path.display()))
        })?;
        SqliteStore::setup(conn).map_err(|e| StoreError(format!("{}: {e}", path.display())))
    }

    /// A store in memory (for tests).
    pub fn in_memory() -> Result<SqliteStore, StoreError> {
        SqliteStore::setup(Connection::open_in_memory()?)
    }

    fn setup(mut conn: Connection) -> Result<SqliteStore, StoreError> {
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        let _: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // a page cache of 16 MB (the default is 2 MB): merging reads the
        // canonical events and their members at random
        conn.pragma_update(None, "cache_size", -16_384)?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        crate::schema::migrate(&mut conn)?;
        Ok(SqliteStore {
            conn,
            defer_above: DEFER_ABOVE,
        })
    }

    /// Sets the number of members above which a canonical record may lag a
    /// batch until [`Store::refresh`] (default [`DEFER_ABOVE`]).
    pub fn defer_above(&mut self, members: usize) {
        self.defer_above = members;
    }

    /// Every table's rows as text, in a fixed order: two stores with the
    /// same content give the same dump (for tests of idempotence).
    pub fn dump(&self) -> Result<Vec<String>, StoreError> {
        let mut out = Vec::new();
        for (table, order) in [
            ("documents", "id, version"),
            ("events", "id"),
            ("evidence", "event, start"),
            ("entities", "event, role, id"),
            ("canonical", "id"),
            ("members", "canonical, published, doc, ordinal, event"),
            ("pins", "mention"),
            ("retired", "id"),
        ] {
            let mut st = self
                .conn
                .prepare(&format!("SELECT * FROM {table} ORDER BY {order}"))?;
            let n = st.column_count();
            let rows = st.query_map([], |r| {
                let mut cells = Vec::with_capacity(n);
                for i in 0..n {
                    let v: rusqlite::types::Value = r.get(i)?;
                    cells.push(format!("{v:?}"));
                }
                Ok(format!("{table}: {}", cells.join(" | ")))
            })?;
            for row in rows {
                out.push(row?);
            }
        }
        Ok(out)
    }
}

impl Store for SqliteStore {
    fn ingest(
        &mut self,
        batch: &[(DocInput, Vec<Value>)],
        extractor: &str,
    ) -> Result<Vec<Outcome>, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut touched: BTreeSet<String> = BTreeSet::new();
        let mut removed: BTreeSet<String> = BTreeSet::new();
        let mut denied: BTreeSet<String> = BTreeSet::new();
        let mut outcomes = Vec::with_capacity(batch.len());
        for (doc, records) in batch {
            outcomes.push(ingest_one(
                &tx,
                doc,
                records,
                extractor,
                &mut touched,
                &mut removed,
                &mut denied,
            )?);
        }
        for id in touched.union(&removed) {
            let fresh = Fresh {
                members: removed.contains(id),
                denials: denied.contains(id),
            };
            upkeep(&tx, id, fresh, self.defer_above)?;
        }
        // an event only denied in this batch is counted again at the end of
        // the ingest (`refresh`): a denial repeated by many reports would
        // otherwise be counted for every batch
        for id in denied
            .difference(&touched)
            .filter(|id| !removed.contains(*id))
        {
            tx.prepare_cached("UPDATE canonical SET stale = 1 WHERE id = ?1")?
                .execute(params![id])?;
        }
        tx.commit()?;
        Ok(outcomes)
    }

    fn refresh(&mut self) -> Result<usize, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let stale: Vec<String> = {
            let mut st = tx.prepare("SELECT id FROM canonical WHERE stale = 1 ORDER BY id")?;
            let rows = st.query_map([], |r| r.get::<_, String>(0))?;
            rows.collect::<Result<_, _>>()?
        };
        for id in &stale {
            rebuild(&tx, id, Fresh::DENIALS)?;
        }
        tx.commit()?;
        Ok(stale.len())
    }

    fn merge(&mut self, ids: &[String], note: Option<&str>) -> Result<String, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let id = crate::corrections::merge(&tx, ids, note)?;
        rebuild(&tx, &id, Fresh::ALL)?;
        tx.commit()?;
        Ok(id)
    }

    fn split(
        &mut self,
        id: &str,
        mentions: &[String],
        note: Option<&str>,
    ) -> Result<String, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let (kept, new) = crate::corrections::split(&tx, id, mentions, note)?;
        let sigs = member_signatures(&tx, &new)?;
        let mut agg = Aggregate::default();
        for m in &sigs {
            agg.add(m);
        }
        if let Some(first) = sigs.first() {
            let mut sig = Signature::of_members(first, &sigs);
            (sig.days, sig.dated) = agg.days();
            save_signature(&tx, &new, &sig, &agg, true)?;
        }
        rebuild(&tx, &kept, Fresh::ALL)?;
        rebuild(&tx, &new, Fresh::DENIALS)?;
        tx.commit()?;
        Ok(new)
    }

    fn corrections(&self) -> Result<Vec<Value>, StoreError> {
        crate::corrections::list(&self.conn)
    }

    fn is_current(&self, id: &str, text: &str, extractor: &str) -> Result<bool, StoreError> {
        let sha = sha256_hex(text);
        let found: Option<i64> = self
            .conn
            .prepare_cached(
                "SELECT 1 FROM documents WHERE id = ?1 AND current = 1 AND sha256 = ?2 AND extractor = ?3",
            )?
            .query_row(params![id, sha, extractor], |r| r.get(0))
            .optional()?;
        Ok(found.is_some())
    }

    fn current_keys(&self, extractor: &str) -> Result<HashSet<u64>, StoreError> {
        let mut st = self
            .conn
            .prepare("SELECT id, sha256 FROM documents WHERE current = 1 AND extractor = ?1")?;
        let rows = st.query_map(params![extractor], |r| {
            Ok(crate::doc_key(
                &r.get::<_, String>(0)?,
                &r.get::<_, String>(1)?,
            ))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn canonical_events(&self, q: &Query) -> Result<Vec<Value>, StoreError> {
        let mut sql = String::from("SELECT record FROM canonical WHERE sources >= ?1");
        let mut args: Vec<rusqlite::types::Value> = vec![(q.min_sources as i64).into()];
        let mut add = |cond: &str, v: rusqlite::types::Value, sql: &mut String| {
            args.push(v);
            sql.push_str(&cond.replace('?', &format!("?{}", args.len())));
        };
        if let Some(t) = &q.etype {
            add(" AND type = ?", t.to_uppercase().into(), &mut sql);
        }
        if let Some(a) = &q.actor {
            add(
                " AND (actor = ? COLLATE NOCASE OR json_extract(record, '$.actor.name') = ? COLLATE NOCASE)",
                a.clone().into(),
                &mut sql,
            );
        }
        if let Some(a) = &q.target {
            add(
                " AND (target = ? COLLATE NOCASE OR json_extract(record, '$.target.name') = ? COLLATE NOCASE)",
                a.clone().into(),
                &mut sql,
            );
        }
        if let Some(i) = &q.item {
            add(
                " AND EXISTS (SELECT 1 FROM json_each(record, '$.items') WHERE json_extract(value, '$.category') = ?)",
                i.clone().into(),
                &mut sql,
            );
        }
        if let Some(d) = q.since.as_deref().and_then(|s| crate::merge::day(s, false)) {
            add(" AND day_end >= ?", d.into(), &mut sql);
        }
        if let Some(d) = q.until.as_deref().and_then(|s| crate::merge::day(s, true)) {
            add(" AND day_start <= ?", d.into(), &mut sql);
        }
        sql.push_str(" ORDER BY day_end DESC, id");
        if let Some(n) = q.limit {
            sql.push_str(&format!(" LIMIT {n}"));
        }
        let mut st = self.conn.prepare(&sql)?;
        let rows = st.query_map(rusqlite::params_from_iter(args.iter()), |r| {
            r.get::<_, String>(0)
        })?;
        let mut out = Vec::new();
        for r in rows {
            let text = r?;
            let mut rec: Value = serde_json::from_str(&text)
                .map_err(|e| StoreError(format!("a stored record: {e}")))?;
            with_mentions(&self.conn, &mut rec)?;
            out.push(rec);
        }
        Ok(out)
    }

    fn canonical(&self, id: &str) -> Result<Option<Value>, StoreError> {
        let asked = id;
        let id = &crate::corrections::resolve(&self.conn, id)?;
        let found: Option<(String, String)> = self
            .conn
            .query_row(
                "SELECT record, (SELECT group_concat(coalesce(d.published, '') || '|' || coalesce(e.mention, '') || '|' || e.record, char(30)) FROM events e JOIN documents d ON d.id = e.doc AND d.version = e.doc_version WHERE e.canonical = c.id) FROM canonical c WHERE id = ?1",
                params![id],
                |r| Ok((r.get(0)?, r.get::<_, Option<String>>(1)?.unwrap_or_default())),
            )
            .optional()?;
        let Some((record, members)) = found else {
            return Ok(None);
        };
        let mut rec: Value = serde_json::from_str(&record)
            .map_err(|e| StoreError(format!("a stored record: {e}")))?;
        with_mentions(&self.conn, &mut rec)?;
        // why each member is part of it: what it agrees with the canonical
        // event on
        let canon = Signature::of(&rec, rec["first_reported"].as_str());
        let mut why = Vec::new();
        for m in members.split('\u{1e}').filter(|m| !m.is_empty()) {
            let mut parts = m.splitn(3, '|');
            let (published, mention, record) = (
                parts.next().unwrap_or(""),
                parts.next().unwrap_or(""),
                parts.next().unwrap_or(""),
            );
            let Ok(v) = serde_json::from_str::<Value>(record) else {
                continue;
            };
            let sig = Signature::of(&v, (!published.is_empty()).then_some(published));
            let reason = match crate::corrections::pinned_by(&self.conn, mention)? {
                Some(r) => r,
                None => crate::merge::explain(&canon, &sig),
            };
            why.push(json!({
                "doc": v["doc"],
                "mention": mention,
                "why": reason,
            }));
        }
        if let Some(o) = rec.as_object_mut() {
            o.insert("joined".into(), Value::Array(why));
            if asked != id {
                o.insert("merged_from".into(), json!(asked));
            }
        }
        Ok(Some(rec))
    }

    fn search(&self, words: &str, limit: usize) -> Result<Vec<Hit>, StoreError> {
        let mut st = self.conn.prepare(
            "SELECT f.id, d.title, d.published, snippet(documents_fts, 2, '[', ']', '…', 12)
             FROM documents_fts f JOIN documents d ON d.id = f.id AND d.current = 1
             WHERE documents_fts MATCH ?1 ORDER BY bm25(documents_fts) LIMIT ?2",
        )?;
        let rows = st
            .query_map(params![words, limit as i64], |r| {
                Ok(Hit {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    published: r.get(2)?,
                    snippet: r.get(3)?,
                })
            })
            .map_err(|e| StoreError(format!("search {words:?}: {e}")))?;
        let mut out = Vec::new();
        for r in rows {
            out.push(r.map_err(|e| StoreError(format!("search {words:?}: {e}")))?);
        }
        Ok(out)
    }

    fn counts(&self) -> Result<Counts, StoreError> {
        let n = |sql: &str| -> Result<usize, StoreError> {
            Ok(self.conn.query_row(sql, [], |r| r.get::<_, i64>(0))? as usize)
        };
        Ok(Counts {
            documents: n("SELECT count(*) FROM documents")?,
            events: n("SELECT count(*) FROM events")?,
            canonical: n("SELECT count(*) FROM canonical")?,
        })
    }
}

/// Adds `evidence` (each span with its document) and `mentions` (the member
/// records) to a canonical record.
fn with_mentions(conn: &Connection, rec: &mut Value) -> Result<(), StoreError> {
    let id = rec["id"].as_str().unwrap_or("").to_string();
    let mut st = conn.prepare_cached(
        "SELECT e.record, e.mention, e.extractor FROM events e JOIN documents d ON d.id = e.doc AND d.version = e.doc_version
         WHERE e.canonical = ?1 ORDER BY coalesce(d.published, ''), e.doc, e.ordinal",
    )?;
    let rows = st.query_map(params![id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, Option<String>>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    let mut mentions = Vec::new();
    for r in rows {
        let (record, mention, extractor) = r?;
        let mut m: Value = serde_json::from_str(&record)
            .map_err(|e| StoreError(format!("a stored record: {e}")))?;
        if let Some(o) = m.as_object_mut() {
            o.remove("rule");
            o.insert("mention".into(), json!(mention));
            o.insert("extractor".into(), json!(extractor));
        }
        mentions.push(m);
    }
    let mut st = conn.prepare_cached(
        "SELECT e.doc, v.start, v.end, v.text FROM evidence v JOIN events e ON e.id = v.event
         JOIN documents d ON d.id = e.doc AND d.version = e.doc_version
         WHERE e.canonical = ?1 ORDER BY coalesce(d.published, ''), e.doc, e.ordinal, v.rowid",
    )?;
    let rows = st.query_map(params![id], |r| {
        Ok(json!({
            "doc": r.get::<_, String>(0)?,
            "start": r.get::<_, i64>(1)?,
            "end": r.get::<_, i64>(2)?,
            "text": r.get::<_, String>(3)?,
        }))
    })?;
    let mut evidence = Vec::new();
    for r in rows {
        evidence.push(r?);
    }
    if let Some(o) = rec.as_object_mut() {
        o.insert("evidence".into(), Value::Array(evidence));
        o.insert("mentions".into(), Value::Array(mentions));
    }
    Ok(())
}

fn ingest_one(
    tx: &Transaction<'_>,
    doc: &DocInput,
    records: &[Value],
    extractor: &str,
    touched: &mut BTreeSet<String>,
    removed: &mut BTreeSet<String>,
    denied: &mut BTreeSet<String>,
) -> Result<Outcome, StoreError> {
    let sha = sha256_hex(&doc.text);
    let current: Option<(i64, String, String)> = tx
        .query_row(
            "SELECT version, sha256, extractor FROM documents WHERE id = ?1 AND current = 1",
            params![doc.id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let (version, outcome) = match current {
        Some((_, s, x)) if s == sha && x == extractor => return Ok(Outcome::Unchanged),
        Some((v, s, _)) if s == sha => {
            remove_events(tx, &doc.id, v, removed, denied)?;
            tx.execute(
                "UPDATE documents SET extractor = ?1 WHERE id = ?2 AND version = ?3",
                params![extractor, doc.id, v],
            )?;
            (v, Outcome::Reextracted)
        }
        Some((v, _, _)) => {
            remove_events(tx, &doc.id, v, removed, denied)?;
            tx.execute(
                "UPDATE documents SET current = 0 WHERE id = ?1 AND version = ?2",
                params![doc.id, v],
            )?;
            tx.execute("DELETE FROM documents_fts WHERE id = ?1", params![doc.id])?;
            insert_document(tx, doc, v + 1, &sha, extractor)?;
            (v + 1, Outcome::NewVersion((v + 1) as u32))
        }
        None => {
            insert_document(tx, doc, 1, &sha, extractor)?;
            (1, Outcome::Stored)
        }
    };
    let mut ids = MentionIds::default();
    for (ordinal, record) in records.iter().enumerate() {
        let mention = ids.next(&doc.id, record);
        let at = Place {
            version,
            ordinal,
            sha: &sha,
            mention: &mention,
        };
        insert_event(tx, doc, &at, record, extractor, touched, denied)?;
    }
    Ok(outcome)
}

fn insert_document(
    tx: &Transaction<'_>,
    doc: &DocInput,
    version: i64,
    sha: &str,
    extractor: &str,
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO documents (id, version, sha256, url, source, title, published, text, current, extractor)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 1, ?9)",
        params![
            doc.id,
            version,
            sha,
            doc.url,
            doc.source,
            doc.title,
            doc.published,
            doc.text,
            extractor
        ],
    )?;
    tx.execute(
        "INSERT INTO documents_fts (id, title, text) VALUES (?1, ?2, ?3)",
        params![doc.id, doc.title.as_deref().unwrap_or(""), doc.text],
    )?;
    Ok(())
}

/// Removes the events of one document version and notes the canonical
/// events they belonged to.
fn remove_events(
    tx: &Transaction<'_>,
    doc: &str,
    version: i64,
    touched: &mut BTreeSet<String>,
    denied: &mut BTreeSet<String>,
) -> Result<(), StoreError> {
    {
        let mut st = tx.prepare(
            "SELECT DISTINCT canonical FROM events WHERE doc = ?1 AND doc_version = ?2 AND canonical IS NOT NULL",
        )?;
        for c in st.query_map(params![doc, version], |r| r.get::<_, String>(0))? {
            touched.insert(c?);
        }
    }
    // the events its denials denied count them again
    let denials: Vec<(String, Option<i64>)> = {
        let mut st = tx.prepare(
            "SELECT denies, day_end FROM events WHERE doc = ?1 AND doc_version = ?2 AND denies IS NOT NULL",
        )?;
        let rows = st.query_map(params![doc, version], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    for (key, day) in denials {
        for id in crate::corrections::denied(tx, &key, day)? {
            denied.insert(id);
        }
    }
    tx.execute(
        "DELETE FROM events WHERE doc = ?1 AND doc_version = ?2",
        params![doc, version],
    )?;
    Ok(())
}

/// Where an event record sits: its document's version and text hash, its
/// place in the document, its mention id.
struct Place<'a> {
    version: i64,
    ordinal: usize,
    sha: &'a str,
    mention: &'a str,
}

fn insert_event(
    tx: &Transaction<'_>,
    doc: &DocInput,
    at: &Place<'_>,
    record: &Value,
    extractor: &str,
    touched: &mut BTreeSet<String>,
    denied: &mut BTreeSet<String>,
) -> Result<(), StoreError> {
    let s = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
    let sig = Signature::of(record, doc.published.as_deref());
    let (d0, d1) = match sig.days {
        Some((a, b)) => (Some(a), Some(b)),
        None => (None, None),
    };
    // what merging and the canonical record need, kept beside the record so
    // that they are read without parsing it
    let claimant = record["attribution"][0]["id"].as_str().map(str::to_string);
    let lead = lead_of(record);
    let denies = crate::corrections::denial_key(record);
    tx.prepare_cached(
        "INSERT INTO events (doc, doc_version, ordinal, extractor, type, actor, target, status,
                             day_start, day_end, dated, items, place, claimant, lead, weight, record,
                             mention, denies)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
    )?
    .execute(params![
        doc.id,
        at.version,
        at.ordinal as i64,
        extractor,
        sig.etype,
        sig.actor,
        sig.target,
        sig.status,
        d0,
        d1,
        i64::from(sig.dated),
        sig.items.join(","),
        sig.place,
        claimant,
        lead,
        weight(record) as i64,
        record.to_string(),
        at.mention,
        denies
    ])?;
    let event = tx.last_insert_rowid();
    for sp in record
        .get("evidence")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        tx.prepare_cached(
            "INSERT INTO evidence (event, start, end, text) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![
            event,
            sp.get("start").and_then(Value::as_i64).unwrap_or(0),
            sp.get("end").and_then(Value::as_i64).unwrap_or(0),
            s(sp, "text").unwrap_or_default()
        ])?;
    }
    let mut parties: Vec<(&str, &Value)> = Vec::new();
    for role in ["actor", "target", "place"] {
        if let Some(v) = record.get(role).filter(|v| v.is_object()) {
            parties.push((role, v));
        }
    }
    for a in record
        .get("attribution")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        parties.push(("claimant", a));
    }
    for (role, v) in parties {
        tx.prepare_cached("INSERT INTO entities (event, role, id, name) VALUES (?1, ?2, ?3, ?4)")?
            .execute(params![
                event,
                role,
                s(v, "id").unwrap_or_default(),
                s(v, "name").unwrap_or_default()
            ])?;
    }
    // the events a denial denies show it among their contradictions
    if let Some(key) = &denies {
        for id in crate::corrections::denied(tx, key, d1)? {
            denied.insert(id);
        }
    }
    let pinned: Option<String> = tx
        .prepare_cached("SELECT canonical FROM pins WHERE mention = ?1")?
        .query_row(params![at.mention], |r| r.get(0))
        .optional()?;
    let found = match &pinned {
        Some(id) => load_canonical(tx, id)?,
        None => find_canonical(tx, doc, &sig)?,
    };
    let canonical = match (found, pinned) {
        (None, Some(id)) => {
            // an analyst's decision names the canonical event
            let mut agg = Aggregate::default();
            agg.add(&sig);
            save_signature(tx, &id, &sig, &agg, true)?;
            id
        }
        (Some((id, canon, mut agg)), _) => {
            agg.add(&sig);
            // items and place as for all members; the time from the aggregate
            let mut n = Signature::of_members(&canon, &[canon.clone(), sig.clone()]);
            (n.days, n.dated) = agg.days();
            save_signature(tx, &id, &n, &agg, false)?;
            id
        }
        (None, None) => {
            let base = format!(
                "ev-{}",
                &sha256_hex(&format!("{}\u{0}{}\u{0}{}", doc.id, at.ordinal, sig.etype))[..16]
            );
            // an id left by the document's previous version, now without
            // members, is taken over; one still in use gets a suffix
            let mut id = base.clone();
            let mut n = 1;
            loop {
                let retired: Option<i64> = tx
                    .prepare_cached("SELECT 1 FROM retired WHERE id = ?1")?
                    .query_row(params![id], |r| r.get(0))
                    .optional()?;
                if retired.is_some() {
                    n += 1;
                    id = format!("{base}-{n}");
                    continue;
                }
                let members: Option<i64> = tx
                    .query_row(
                        "SELECT (SELECT count(*) FROM events WHERE canonical = c.id)
                              + (SELECT count(*) FROM pins WHERE canonical = c.id)
                         FROM canonical c WHERE c.id = ?1",
                        params![id],
                        |r| r.get(0),
                    )
                    .optional()?;
                match members {
                    None => break,
                    Some(0) => {
                        tx.execute("DELETE FROM canonical WHERE id = ?1", params![id])?;
                        break;
                    }
                    Some(_) => {
                        n += 1;
                        id = format!("{base}-{n}");
                    }
                }
            }
            let mut agg = Aggregate::default();
            agg.add(&sig);
            save_signature(tx, &id, &sig, &agg, true)?;
            id
        }
    };
    tx.prepare_cached("UPDATE events SET canonical = ?1 WHERE id = ?2")?
        .execute(params![canonical, event])?;
    tx.prepare_cached("UPDATE canonical SET members = members + 1 WHERE id = ?1")?
        .execute(params![canonical])?;
    tx.prepare_cached(
        "INSERT INTO members (canonical, published, doc, ordinal, event, outlet, sha, claimant, lead,
                              weight, status, day_start, day_end)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![
        canonical,
        doc.published.as_deref().unwrap_or(""),
        doc.id,
        at.ordinal as i64,
        event,
        outlet_of(&doc.id, doc.source.as_deref(), doc.url.as_deref()),
        &at.sha[..16],
        claimant,
        lead_key(&lead),
        weight(record) as i64,
        sig.status,
        if sig.dated { d0 } else { None },
        if sig.dated { d1 } else { None },
    ])?;
    touched.insert(canonical);
    Ok(())
}

/// A short key of a lead sentence (empty for none).
fn lead_key(lead: &str) -> String {
    if lead.is_empty() {
        String::new()
    } else {
        sha256_hex(lead)[..16].to_string()
    }
}

/// The outlet of a document: its source, else its URL's host, else the
/// document itself.
fn outlet_of(doc: &str, source: Option<&str>, url: Option<&str>) -> String {
    source
        .filter(|s| !s.trim().is_empty())
        .map(str::to_string)
        .or_else(|| url.and_then(host))
        .unwrap_or_else(|| doc.to_string())
}

/// Mention ids of one document's records, in order: made of the document,
/// the type and the lead sentence (and which of the same kind it is), so
/// that a correction pinned to a mention finds it again after a
/// re-extraction or a new version of the text.
#[derive(Default)]
struct MentionIds {
    seen: std::collections::HashMap<(String, String), usize>,
}

impl MentionIds {
    fn next(&mut self, doc: &str, record: &Value) -> String {
        let etype = record["type"].as_str().unwrap_or("").to_string();
        let lead = lead_of(record);
        let id = {
            let k = self.seen.entry((etype.clone(), lead.clone())).or_insert(0);
            let id = sha256_hex(&format!("{doc}\u{0}{etype}\u{0}{lead}\u{0}{k}"));
            *k += 1;
            id
        };
        format!("m-{}", &id[..12])
    }
}

/// Gives the events of a database made before schema migration 2 their
/// mention ids and their rows in `members`.
pub(crate) fn fill_members(tx: &Transaction<'_>) -> Result<(), StoreError> {
    type Row = (
        i64,
        Option<String>,
        String,
        i64,
        Option<String>,
        Option<String>,
        Option<String>,
        String,
        String,
    );
    let rows: Vec<Row> = {
        let mut st = tx.prepare(
            "SELECT e.id, e.canonical, e.doc, e.doc_version, d.published, d.source, d.url, d.sha256, e.record
             FROM events e JOIN documents d ON d.id = e.doc AND d.version = e.doc_version
             ORDER BY e.doc, e.doc_version, e.ordinal",
        )?;
        let rows = st.query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
            ))
        })?;
        rows.collect::<Result<_, _>>()?
    };
    let mut at: Option<(String, i64)> = None;
    let mut ids = MentionIds::default();
    for (event, canonical, doc, version, published, source, url, sha, text) in rows {
        if at.as_ref() != Some(&(doc.clone(), version)) {
            at = Some((doc.clone(), version));
            ids = MentionIds::default();
        }
        let record: Value =
            serde_json::from_str(&text).map_err(|e| StoreError(format!("a stored record: {e}")))?;
        tx.execute(
            "UPDATE events SET mention = ?1 WHERE id = ?2",
            params![ids.next(&doc, &record), event],
        )?;
        let Some(canonical) = canonical else {
            continue;
        };
        let sig = Signature::of(&record, published.as_deref());
        tx.execute(
            "INSERT INTO members (canonical, published, doc, ordinal, event, outlet, sha, claimant, lead,
                                  weight, status, day_start, day_end)
             SELECT ?1, ?2, e.doc, e.ordinal, e.id, ?3, ?4, e.claimant, ?5, e.weight, e.status, ?6, ?7
             FROM events e WHERE e.id = ?8",
            params![
                canonical,
                published.as_deref().unwrap_or(""),
                outlet_of(&doc, source.as_deref(), url.as_deref()),
                sha.get(..16).unwrap_or(&sha),
                lead_key(&lead_of(&record)),
                sig.days.filter(|_| sig.dated).map(|d| d.0),
                sig.days.filter(|_| sig.dated).map(|d| d.1),
                event
            ],
        )?;
    }
    Ok(())
}

/// The first evidence sentence of a record, spaces collapsed and in lower
/// case: what copies of one report share.
fn lead_of(record: &Value) -> String {
    record["evidence"][0]["text"]
        .as_str()
        .unwrap_or("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Rebuilds the record of a canonical event a batch changed, or marks it
/// stale when it is large and has not grown by an eighth since it was
/// last built (see [`SqliteStore`]).
fn upkeep(
    tx: &Transaction<'_>,
    id: &str,
    fresh: Fresh,
    defer_above: usize,
) -> Result<(), StoreError> {
    if !fresh.members {
        let counts: Option<(i64, i64)> = tx
            .prepare_cached("SELECT members, built FROM canonical WHERE id = ?1")?
            .query_row(params![id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        if let Some((members, built)) = counts {
            if members as usize > defer_above && members < built + built / 8 {
                tx.prepare_cached("UPDATE canonical SET stale = 1 WHERE id = ?1")?
                    .execute(params![id])?;
                return Ok(());
            }
        }
    }
    rebuild(tx, id, fresh)
}

/// A canonical event's id, signature and time aggregate.
fn load_canonical(
    tx: &Transaction<'_>,
    id: &str,
) -> Result<Option<(String, Signature, Aggregate)>, StoreError> {
    let mut st = tx.prepare_cached(
        "SELECT id, type, actor, target, day_start, day_end, dated, items, place, status, agg
         FROM canonical WHERE id = ?1",
    )?;
    let found = st.query_row(params![id], canonical_row).optional()?;
    Ok(found)
}

/// Reads `id, type, actor, target, day_start, day_end, dated, items, place,
/// status, agg` of a canonical row.
fn canonical_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(String, Signature, Aggregate)> {
    Ok((
        r.get::<_, String>(0)?,
        signature_at(r, 1)?,
        Aggregate::decode(&r.get::<_, String>(10)?),
    ))
}

/// A signature from the columns `type, actor, target, day_start, day_end,
/// dated, items, place, status` of a row, the first at `at` (as the events
/// and canonical tables keep them).
fn signature_at(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<Signature> {
    let d0: Option<i64> = r.get(at + 3)?;
    let d1: Option<i64> = r.get(at + 4)?;
    Ok(Signature {
        etype: r.get(at)?,
        actor: r.get(at + 1)?,
        target: r.get(at + 2)?,
        days: d0.zip(d1),
        dated: r.get::<_, i64>(at + 5)? != 0,
        items: item_list(&r.get::<_, String>(at + 6)?),
        place: r.get(at + 7)?,
        status: r.get(at + 8)?,
    })
}

/// Item categories as kept in a column: comma-separated.
fn item_list(s: &str) -> Vec<String> {
    s.split(',')
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}

/// The signatures of the current members of canonical event `id`, read
/// from the events' columns.
fn member_signatures(tx: &Transaction<'_>, id: &str) -> Result<Vec<Signature>, StoreError> {
    let mut st = tx.prepare_cached(
        "SELECT type, actor, target, day_start, day_end, dated, items, place, status
         FROM events WHERE canonical = ?1 ORDER BY id",
    )?;
    let rows = st.query_map(params![id], |r| signature_at(r, 0))?;
    let mut out = Vec::new();
    for row in rows {
        out.push(row?);
    }
    Ok(out)
}

/// How explicit a record is: the canonical record takes the most explicit
/// member's fields.
fn weight(r: &Value) -> usize {
    usize::from(r["actor"].is_object()) * 2
        + usize::from(r["target"].is_object()) * 2
        + usize::from(r["time"].is_object())
        + r["items"].as_array().map_or(0, Vec::len).min(2)
}

fn find_canonical(
    tx: &Transaction<'_>,
    doc: &DocInput,
    sig: &Signature,
) -> Result<Option<(String, Signature, Aggregate)>, StoreError> {
    let Some((d0, d1)) = sig.days else {
        return Ok(None);
    };
    // both orientations, each an index lookup on (type, actor, target, day_end)
    let mut st = tx.prepare_cached(
        "SELECT id, type, actor, target, day_start, day_end, dated, items, place, status, agg FROM (
             SELECT * FROM canonical
             WHERE type = ?1 AND actor IS ?2 AND target IS ?3 AND day_end >= ?4 - 1 AND day_start <= ?5 + 1
             UNION ALL
             SELECT * FROM canonical
             WHERE type = 'COOPERATE' AND ?1 = 'COOPERATE' AND actor IS ?3 AND target IS ?2
               AND day_end >= ?4 - 1 AND day_start <= ?5 + 1 AND actor IS NOT target
         )
         ORDER BY day_end - day_start, id",
    )?;
    let rows = st.query_map(
        params![sig.etype, sig.actor, sig.target, d0, d1],
        canonical_row,
    )?;
    let rows: Vec<(String, Signature, Aggregate)> = rows.collect::<Result<_, _>>()?;
    for (id, canon, agg) in rows {
        if canon.admits(sig) && !dated_apart_in(tx, &id, doc, sig)? {
            return Ok(Some((id, canon, agg)));
        }
    }
    Ok(None)
}

/// Whether canonical event `id` has a member from document `doc` whose own
/// dates do not meet `sig`'s. The extractor kept those apart on purpose
/// ("launched missiles on December 30" and "more missiles a few days
/// later"): the day of slack allowed between reports is not for two dates
/// of one text.
fn dated_apart_in(
    tx: &Transaction<'_>,
    id: &str,
    doc: &DocInput,
    sig: &Signature,
) -> Result<bool, StoreError> {
    let Some((d0, d1)) = sig.days.filter(|_| sig.dated) else {
        return Ok(false);
    };
    let found: Option<i64> = tx
        .prepare_cached(
            "SELECT 1 FROM members WHERE canonical = ?1 AND published = ?2 AND doc = ?3
               AND day_start IS NOT NULL AND (day_start > ?5 OR day_end < ?4) LIMIT 1",
        )?
        .query_row(
            params![id, doc.published.as_deref().unwrap_or(""), doc.id, d0, d1],
            |r| r.get(0),
        )
        .optional()?;
    Ok(found.is_some())
}

fn save_signature(
    tx: &Transaction<'_>,
    id: &str,
    sig: &Signature,
    agg: &Aggregate,
    new: bool,
) -> Result<(), StoreError> {
    let (d0, d1) = match sig.days {
        Some((a, b)) => (Some(a), Some(b)),
        None => (None, None),
    };
    if new {
        tx.execute(
            "INSERT INTO canonical (id, type, actor, target, day_start, day_end, dated, items, place, status, agg, sources, record)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 0, '{}')",
            params![
                id,
                sig.etype,
                sig.actor,
                sig.target,
                d0,
                d1,
                i64::from(sig.dated),
                sig.items.join(","),
                sig.place,
                sig.status,
                agg.encode()
            ],
        )?;
    } else {
        tx.execute(
            "UPDATE canonical SET day_start = ?2, day_end = ?3, dated = ?4, items = ?5, place = ?6, agg = ?7 WHERE id = ?1",
            params![
                id,
                d0,
                d1,
                i64::from(sig.dated),
                sig.items.join(","),
                sig.place,
                agg.encode()
            ],
        )?;
    }
    Ok(())
}

/// One member of a canonical event, with its document's metadata (read
/// from columns: no record is parsed).
struct Member {
    event: i64,
    doc: String,
    published: Option<String>,
    outlet: String,
    sha: String,
    claimant: Option<String>,
    lead: String,
    weight: i64,
    width: Option<i64>,
    status: String,
    /// Its own dates (days since 1970), when it has them.
    days: Option<(i64, i64)>,
}

/// Recomputes the canonical record of `id` from its members (or deletes it
/// when none is left). Only two member records are parsed: the most
/// explicit one, whose fields the event takes, and the most precisely
/// dated one, whose time it takes.
/// What a rebuild must read again rather than trust from the last build.
#[derive(Clone, Copy)]
struct Fresh {
    /// Members left (a version or a re-extraction took some away): the
    /// signature is recomputed.
    members: bool,
    /// A denial of the event arrived: its denials are counted again (they
    /// are also when the event's time moved).
    denials: bool,
}

impl Fresh {
    const ALL: Fresh = Fresh {
        members: true,
        denials: true,
    };
    const DENIALS: Fresh = Fresh {
        members: false,
        denials: true,
    };
}

fn rebuild(tx: &Transaction<'_>, id: &str, fresh: Fresh) -> Result<(), StoreError> {
    let recompute = fresh.members;
    let members: Vec<Member> = {
        let mut st = tx.prepare_cached(
            "SELECT event, doc, published, outlet, sha, claimant, lead, weight, status, day_start, day_end
             FROM members WHERE canonical = ?1 ORDER BY published, doc, ordinal, event",
        )?;
        let rows = st.query_map(params![id], |r| {
            let published: String = r.get(2)?;
            let days = r
                .get::<_, Option<i64>>(9)?
                .zip(r.get::<_, Option<i64>>(10)?);
            Ok(Member {
                event: r.get(0)?,
                doc: r.get(1)?,
                published: (!published.is_empty()).then_some(published),
                outlet: r.get(3)?,
                sha: r.get(4)?,
                claimant: r.get(5)?,
                lead: r.get(6)?,
                weight: r.get(7)?,
                width: days.map(|(a, b)| b - a),
                status: r.get(8)?,
                days,
            })
        })?;
        let mut out = Vec::new();
        for row in rows {
            out.push(row?);
        }
        out
    };
    if members.is_empty() {
        tx.execute("DELETE FROM canonical WHERE id = ?1", params![id])?;
        return Ok(());
    }
    // the signature again from the members left, when a version or a new
    // extraction took some away
    if recompute {
        let all = member_signatures(tx, id)?;
        let mut agg = Aggregate::default();
        for m in &all {
            agg.add(m);
        }
        save_signature(tx, id, &Signature::of_members(&all[0], &all), &agg, false)?;
    }
    let record_of = |event: i64| -> Result<Value, StoreError> {
        let text: String = tx.query_row(
            "SELECT record FROM events WHERE id = ?1",
            params![event],
            |r| r.get(0),
        )?;
        serde_json::from_str(&text).map_err(|e| StoreError(format!("a stored record: {e}")))
    };
    let base = members
        .iter()
        .max_by_key(|m| (m.weight, std::cmp::Reverse(m.published.clone())))
        .unwrap_or(&members[0]);
    let mut rec = record_of(base.event)?;
    // the most precisely dated member
    let timed = members
        .iter()
        .filter(|m| m.width.is_some())
        .min_by_key(|m| m.width);
    if let Some(t) = timed.filter(|t| t.event != base.event) {
        rec["time"] = record_of(t.event)?["time"].clone();
    }
    // the item categories of the signature just saved
    let items: String = tx.query_row(
        "SELECT items FROM canonical WHERE id = ?1",
        params![id],
        |r| r.get(0),
    )?;
    let items = item_list(&items);
    let timed = timed.and_then(|m| m.days);
    let mut record = canonical_record(id, rec, &members, &items, timed);
    // denials of it by a party, in the reports or around its time
    let (denials, denied) = denials_cached(tx, id, fresh.denials)?;
    if let Some(list) = record["contradictions"].as_array_mut() {
        list.extend(denials);
    }
    if let Some(o) = record.as_object_mut() {
        o.insert("denials".into(), json!(denied));
    }
    tx.execute(
        "UPDATE canonical SET record = ?2, first_reported = ?3, last_reported = ?4, sources = ?5,
                              members = ?6, built = ?6, stale = 0 WHERE id = ?1",
        params![
            id,
            record.to_string(),
            record["first_reported"].as_str(),
            record["last_reported"].as_str(),
            record["sources"].as_i64().unwrap_or(0),
            members.len() as i64
        ],
    )?;
    Ok(())
}

/// The denials of canonical event `id` and their count, from the cache of
/// its last build unless a denial arrived since or its time moved.
fn denials_cached(
    tx: &Transaction<'_>,
    id: &str,
    recount: bool,
) -> Result<(Vec<Value>, usize), StoreError> {
    let (cache, d0, d1): (Option<String>, Option<i64>, Option<i64>) = tx
        .prepare_cached("SELECT denial_cache, day_start, day_end FROM canonical WHERE id = ?1")?
        .query_row(params![id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    if !recount {
        if let Some(c) = cache.and_then(|c| serde_json::from_str::<Value>(&c).ok()) {
            if c["d0"].as_i64() == d0 && c["d1"].as_i64() == d1 {
                let list = c["list"].as_array().cloned().unwrap_or_default();
                return Ok((list, c["count"].as_u64().unwrap_or(0) as usize));
            }
        }
    }
    let (list, count) = crate::corrections::denials_of(tx, id)?;
    let cache = json!({"d0": d0, "d1": d1, "count": count, "list": list});
    tx.prepare_cached("UPDATE canonical SET denial_cache = ?2 WHERE id = ?1")?
        .execute(params![id, cache.to_string()])?;
    Ok((list, count))
}

/// The host of a URL ("https://www.voanews.com/a/…" → "voanews.com").
fn host(url: &str) -> Option<String> {
    let rest = url.split("://").nth(1).unwrap_or(url);
    let h = rest
        .split(['/', '?', '#'])
        .next()?
        .trim_start_matches("www.");
    (!h.is_empty()).then(|| h.to_lowercase())
}

/// The SCHEMA.md canonical record, without its `mentions` and `evidence`
/// (read with it, see [`with_mentions`]): the most explicit member's fields
/// `rec` and the counts of sources, claimants and independent sources.
fn canonical_record(
    id: &str,
    mut rec: Value,
    members: &[Member],
    categories: &[String],
    timed: Option<(i64, i64)>,
) -> Value {
    let mut items: Vec<Value> = rec["items"].as_array().cloned().unwrap_or_default();
    for c in categories {
        if !items.iter().any(|x| x["category"] == c.as_str()) {
            items.push(json!({"category": c}));
        }
    }
    let mut documents: Vec<&str> = Vec::new();
    for m in members {
        if !documents.contains(&m.doc.as_str()) {
            documents.push(&m.doc);
        }
    }
    let mut outlets: Vec<&str> = members.iter().map(|m| m.outlet.as_str()).collect();
    outlets.sort_unstable();
    outlets.dedup();
    // claimants: the first claimant of each member, or its outlet when it
    // speaks in its own voice
    let mut claimants: Vec<String> = members
        .iter()
        .map(|m| {
            m.claimant
                .clone()
                .unwrap_or_else(|| format!("outlet:{}", m.outlet))
        })
        .collect();
    claimants.sort();
    claimants.dedup();
    // independent sources: outlets left after collapsing copies (the same
    // text, or the same first evidence sentence, in another outlet)
    // (for each text and each lead: the first outlet seen, and whether
    // another outlet has it too)
    let mut seen: std::collections::HashMap<&str, (&str, bool)> = std::collections::HashMap::new();
    let mut independent: BTreeSet<&str> = BTreeSet::new();
    for m in members {
        let mut copy = false;
        for key in [m.sha.as_str(), m.lead.as_str()] {
            if key.is_empty() {
                continue;
            }
            match seen.get_mut(key) {
                Some((first, many)) => {
                    if *first != m.outlet || *many {
                        copy = true;
                    }
                    if *first != m.outlet {
                        *many = true;
                    }
                }
                None => {
                    seen.insert(key, (m.outlet.as_str(), false));
                }
            }
        }
        if !copy {
            independent.insert(&m.outlet);
        }
    }
    let status = rec["status"].as_str().unwrap_or("occurred").to_string();
    // reports that disagree: on whether it happened, or on its date (own
    // dates that do not meet the event's)
    let mut contradictions: Vec<Value> = members
        .iter()
        .filter(|m| m.status != status)
        .map(|m| json!({"doc": m.doc, "kind": "status", "status": m.status}))
        .collect();
    if let Some((t0, t1)) = timed {
        for m in members {
            if let Some((d0, d1)) = m.days.filter(|&(d0, d1)| d0 > t1 || d1 < t0) {
                contradictions.push(json!({
                    "doc": m.doc,
                    "kind": "date",
                    "start": crate::merge::civil_from_days(d0),
                    "end": crate::merge::civil_from_days(d1),
                }));
            }
        }
    }
    let day = |p: &Option<String>| p.as_deref().map(|p| p.get(..10).unwrap_or(p).to_string());
    if let Some(o) = rec.as_object_mut() {
        o.insert("items".into(), Value::Array(items));
        o.remove("evidence");
        let plover = crate::plover(o.get("type").and_then(Value::as_str).unwrap_or(""));
        o.insert("plover".into(), json!(plover));
        o.insert("schema".into(), json!("tidings.canonical/1"));
        o.insert("id".into(), json!(id));
        o.insert("doc".into(), json!(members[0].doc));
        o.insert("documents".into(), json!(documents));
        o.insert("sources".into(), json!(outlets.len()));
        o.insert("claimants".into(), json!(claimants.len()));
        o.insert("independent_sources".into(), json!(independent.len()));
        o.insert(
            "first_reported".into(),
            json!(members.iter().filter_map(|m| day(&m.published)).min()),
        );
        o.insert(
            "last_reported".into(),
            json!(members.iter().filter_map(|m| day(&m.published)).max()),
        );
        o.insert("contradictions".into(), Value::Array(contradictions));
        o.remove("rule");
    }
    rec
}
