//! Analyst corrections and denials.
//!
//! A correction is an analyst's decision that merging got wrong: `merge`
//! says that several canonical events are one happening, `split` that some
//! mentions of one are another. Each decision is kept in `corrections`, and
//! pins the mentions it names to a canonical event (`pins`). Mention ids
//! are made from the document, the event type and the lead sentence, so
//! that when a document is extracted again (a newer extractor, a new
//! version of its text) its events find their pins and go where the
//! analyst put them, not where the merging rules would.
//!
//! A denial (a DENY record whose `denies` says what is denied) contradicts
//! the canonical events it denies: the same type and parties, published
//! from the event's start to a month after it (so a report that tells of
//! an event and of its denial counts too, unless the event is older than
//! that).

use std::collections::BTreeSet;

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde_json::{json, Value};

use crate::{sha256_hex, StoreError};

/// Days after an event within which a denial of it is taken to answer it.
const DENIAL_WINDOW: i64 = 30;

/// Where a canonical id now lives: the event it was merged into, if it was.
pub fn resolve(conn: &Connection, id: &str) -> Result<String, StoreError> {
    let mut id = id.to_string();
    for _ in 0..64 {
        let next: Option<String> = conn
            .query_row(
                "SELECT into_id FROM retired WHERE id = ?1",
                params![id],
                |r| r.get(0),
            )
            .optional()?;
        match next {
            Some(n) if n != id => id = n,
            _ => break,
        }
    }
    Ok(id)
}

fn exists(tx: &Transaction<'_>, id: &str) -> Result<Option<String>, StoreError> {
    Ok(tx
        .query_row(
            "SELECT type FROM canonical WHERE id = ?1",
            params![id],
            |r| r.get(0),
        )
        .optional()?)
}

fn record(
    tx: &Transaction<'_>,
    kind: &str,
    canonical: &str,
    args: &Value,
    note: Option<&str>,
) -> Result<i64, StoreError> {
    tx.execute(
        "INSERT INTO corrections (kind, canonical, args, note, made)
         VALUES (?1, ?2, ?3, ?4, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
        params![kind, canonical, args.to_string(), note],
    )?;
    Ok(tx.last_insert_rowid())
}

fn mentions_of(tx: &Transaction<'_>, id: &str) -> Result<Vec<(String, String)>, StoreError> {
    let mut st = tx.prepare(
        "SELECT mention, doc FROM events WHERE canonical = ?1 AND mention IS NOT NULL ORDER BY id",
    )?;
    let rows = st.query_map(params![id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn pin(tx: &Transaction<'_>, mention: &str, canonical: &str, cid: i64) -> Result<(), StoreError> {
    tx.execute(
        "INSERT OR REPLACE INTO pins (mention, canonical, correction) VALUES (?1, ?2, ?3)",
        params![mention, canonical, cid],
    )?;
    Ok(())
}

/// Records that the canonical events `ids` are one happening: the first
/// keeps its id, the others' members join it and their ids lead to it.
/// Returns the id kept; the caller rebuilds its record.
pub fn merge(
    tx: &Transaction<'_>,
    ids: &[String],
    note: Option<&str>,
) -> Result<String, StoreError> {
    let mut resolved: Vec<String> = Vec::new();
    for id in ids {
        let r = resolve(tx, id)?;
        if exists(tx, &r)?.is_none() {
            return Err(StoreError(format!("no canonical event {id}")));
        }
        if !resolved.contains(&r) {
            resolved.push(r);
        }
    }
    if resolved.len() < 2 {
        return Err(StoreError(format!(
            "{} already one canonical event: nothing to merge",
            if ids.len() < 2 {
                "that is"
            } else {
                "these are"
            }
        )));
    }
    let kept = resolved[0].clone();
    let kept_type = exists(tx, &kept)?.unwrap_or_default();
    for other in &resolved[1..] {
        let t = exists(tx, other)?.unwrap_or_default();
        if t != kept_type {
            return Err(StoreError(format!(
                "{kept} is of type {kept_type} and {other} of type {t}: events of different types are not one happening"
            )));
        }
    }
    let cid = record(tx, "merge", &kept, &json!({ "ids": resolved }), note)?;
    for id in &resolved {
        for (m, _) in mentions_of(tx, id)? {
            pin(tx, &m, &kept, cid)?;
        }
    }
    for other in &resolved[1..] {
        tx.execute(
            "UPDATE pins SET canonical = ?1 WHERE canonical = ?2",
            params![kept, other],
        )?;
        tx.execute(
            "UPDATE events SET canonical = ?1 WHERE canonical = ?2",
            params![kept, other],
        )?;
        tx.execute(
            "UPDATE members SET canonical = ?1 WHERE canonical = ?2",
            params![kept, other],
        )?;
        tx.execute("DELETE FROM canonical WHERE id = ?1", params![other])?;
        tx.execute(
            "UPDATE retired SET into_id = ?1 WHERE into_id = ?2",
            params![kept, other],
        )?;
        tx.execute(
            "INSERT OR REPLACE INTO retired (id, into_id, correction) VALUES (?1, ?2, ?3)",
            params![other, kept, cid],
        )?;
    }
    Ok(kept)
}

/// Records that the mentions `picked` of canonical event `id` (mention
/// ids, or document ids for all of a document's mentions) are another
/// happening: they move to a new canonical event. Returns the id kept and
/// the new one; the caller gives the new one its signature and rebuilds
/// both records.
pub fn split(
    tx: &Transaction<'_>,
    id: &str,
    picked: &[String],
    note: Option<&str>,
) -> Result<(String, String), StoreError> {
    let kept = resolve(tx, id)?;
    if exists(tx, &kept)?.is_none() {
        return Err(StoreError(format!("no canonical event {id}")));
    }
    if picked.is_empty() {
        return Err(StoreError(format!(
            "name the mentions to take out of {kept} (see `tidings show {kept}`)"
        )));
    }
    let all = mentions_of(tx, &kept)?;
    let mut chosen: BTreeSet<String> = BTreeSet::new();
    for p in picked {
        let hits: Vec<&String> = all
            .iter()
            .filter(|(m, doc)| m == p || doc == p)
            .map(|(m, _)| m)
            .collect();
        if hits.is_empty() {
            return Err(StoreError(format!(
                "{p} is neither a mention nor a document of {kept} (see `tidings show {kept}`)"
            )));
        }
        chosen.extend(hits.into_iter().cloned());
    }
    if chosen.len() == all.len() {
        return Err(StoreError(format!(
            "those are all the mentions of {kept}: nothing would be left of it"
        )));
    }
    let list: Vec<&str> = chosen.iter().map(String::as_str).collect();
    let new = format!(
        "ev-{}",
        &sha256_hex(&format!("split\u{0}{kept}\u{0}{}", list.join("\u{0}")))[..16]
    );
    if exists(tx, &new)?.is_some() {
        return Err(StoreError(format!(
            "{new}, the id of that split, is in use"
        )));
    }
    tx.execute("DELETE FROM retired WHERE id = ?1", params![new])?;
    let cid = record(
        tx,
        "split",
        &new,
        &json!({ "from": kept, "mentions": list }),
        note,
    )?;
    for (m, _) in &all {
        let to = if chosen.contains(m) { &new } else { &kept };
        pin(tx, m, to, cid)?;
        if chosen.contains(m) {
            tx.execute(
                "UPDATE events SET canonical = ?1 WHERE canonical = ?2 AND mention = ?3",
                params![new, kept, m],
            )?;
            tx.execute(
                "UPDATE members SET canonical = ?1
                 WHERE event IN (SELECT id FROM events WHERE canonical = ?1 AND mention = ?2)",
                params![new, m],
            )?;
        }
    }
    Ok((kept, new))
}

/// Why a pinned mention is where it is: the correction that put it there.
pub fn pinned_by(conn: &Connection, mention: &str) -> Result<Option<String>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT c.id, c.kind, c.note FROM pins p JOIN corrections c ON c.id = p.correction
             WHERE p.mention = ?1",
            params![mention],
            |r| {
                let (id, kind, note): (i64, String, Option<String>) =
                    (r.get(0)?, r.get(1)?, r.get(2)?);
                Ok(format!(
                    "put here by an analyst (correction {id}, {kind}{})",
                    note.map(|n| format!(": {n}")).unwrap_or_default()
                ))
            },
        )
        .optional()?)
}

/// Every correction, oldest first.
pub fn list(conn: &Connection) -> Result<Vec<Value>, StoreError> {
    let mut st =
        conn.prepare("SELECT id, kind, canonical, args, note, made FROM corrections ORDER BY id")?;
    let rows = st.query_map([], |r| {
        let args: String = r.get(3)?;
        Ok(json!({
            "correction": r.get::<_, i64>(0)?,
            "kind": r.get::<_, String>(1)?,
            "canonical": r.get::<_, String>(2)?,
            "args": serde_json::from_str::<Value>(&args).unwrap_or(Value::Null),
            "note": r.get::<_, Option<String>>(4)?,
            "made": r.get::<_, String>(5)?,
        }))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// What a DENY record denies, as `TYPE|actor|target` (the target empty when
/// the denial names none); none when it does not say, or names no actor.
pub fn denial_key(record: &Value) -> Option<String> {
    if record["type"] != "DENY" {
        return None;
    }
    let d = &record["denies"][0];
    let etype = d["type"].as_str()?;
    let actor = d["actor"]["id"].as_str()?;
    let target = d["target"]["id"].as_str().unwrap_or("");
    Some(format!("{etype}|{actor}|{target}"))
}

/// The canonical events a denial with `key`, on `day`, denies.
pub fn denied(
    tx: &Transaction<'_>,
    key: &str,
    day: Option<i64>,
) -> Result<Vec<String>, StoreError> {
    let Some(day) = day else {
        return Ok(Vec::new());
    };
    let mut parts = key.split('|');
    let (Some(etype), Some(actor), Some(target)) = (parts.next(), parts.next(), parts.next())
    else {
        return Ok(Vec::new());
    };
    let mut st = tx.prepare_cached(
        "SELECT id FROM canonical
         WHERE type = ?1 AND ?4 BETWEEN day_start AND day_end + ?5
           AND ((actor = ?2 AND (?3 = '' OR target = ?3))
                OR (type = 'COOPERATE' AND target = ?2 AND (?3 = '' OR actor = ?3)))",
    )?;
    let rows = st.query_map(params![etype, actor, target, day, DENIAL_WINDOW], |r| {
        r.get::<_, String>(0)
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A canonical event's type, actor, target and days.
type CanonicalKey = (
    String,
    Option<String>,
    Option<String>,
    Option<i64>,
    Option<i64>,
);

/// Denials listed with an event; more are counted, not listed.
pub const DENIALS_LISTED: usize = 20;

/// The denials that contradict canonical event `id`: the first
/// [`DENIALS_LISTED`] as contradictions (in document order), and how many
/// there are in all.
pub fn denials_of(tx: &Transaction<'_>, id: &str) -> Result<(Vec<Value>, usize), StoreError> {
    let row: Option<CanonicalKey> = tx
        .prepare_cached(
            "SELECT type, actor, target, day_start, day_end FROM canonical WHERE id = ?1",
        )?
        .query_row(params![id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .optional()?;
    let Some((etype, Some(actor), target, d0, d1)) = row else {
        return Ok((Vec::new(), 0));
    };
    let target = target.unwrap_or_default();
    let mut keys = vec![
        format!("{etype}|{actor}|{target}"),
        format!("{etype}|{actor}|"),
    ];
    if etype == "COOPERATE" && !target.is_empty() {
        keys.push(format!("{etype}|{target}|{actor}"));
        keys.push(format!("{etype}|{target}|"));
    }
    let key = |i: usize| keys.get(i).cloned().unwrap_or_default();
    // published from the event's start to a month after it: a range of the
    // denials' index
    let matching = "FROM events e
         WHERE e.denies IN (?1, ?2, ?3, ?4) AND e.day_end BETWEEN ?5 AND ?6 + ?7";
    let total: i64 = tx
        .prepare_cached(&format!("SELECT count(*) {matching}"))?
        .query_row(
            params![key(0), key(1), key(2), key(3), d0, d1, DENIAL_WINDOW],
            |r| r.get(0),
        )?;
    if total == 0 {
        return Ok((Vec::new(), 0));
    }
    let mut st = tx.prepare_cached(&format!(
        "SELECT e.doc,
                (SELECT id FROM entities WHERE event = e.id AND role = 'actor' LIMIT 1),
                (SELECT name FROM entities WHERE event = e.id AND role = 'actor' LIMIT 1),
                (SELECT text FROM evidence WHERE event = e.id ORDER BY rowid LIMIT 1)
         {matching} ORDER BY e.doc, e.ordinal LIMIT {DENIALS_LISTED}"
    ))?;
    let rows = st.query_map(
        params![key(0), key(1), key(2), key(3), d0, d1, DENIAL_WINDOW],
        |r| {
            Ok(json!({
                "doc": r.get::<_, String>(0)?,
                "kind": "denial",
                "by": match (r.get::<_, Option<String>>(1)?, r.get::<_, Option<String>>(2)?) {
                    (Some(i), Some(n)) => json!({"id": i, "name": n}),
                    _ => Value::Null,
                },
                "text": r.get::<_, Option<String>>(3)?,
            }))
        },
    )?;
    let out = rows.collect::<Result<Vec<_>, _>>()?;
    Ok((out, total as usize))
}
