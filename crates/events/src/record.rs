//! The event record (SCHEMA.md) and its JSON form.

use serde_json::{json, Map, Value};
use tidings_lexicon::{Certainty, EventType, Status};

use crate::entities::Ent;
use crate::items::Item;
use crate::time::Time;

/// An evidence span: character offsets (Unicode scalar values) and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// Character start.
    pub start: usize,
    /// Character end (exclusive).
    pub end: usize,
    /// Exactly the characters at those offsets.
    pub text: String,
}

/// What a denial denies: the event the denied clause describes ("denied
/// supplying weapons to Pyongyang" denies a TRANSFER by the denier to
/// North Korea), which is not recorded as an event of its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Denied {
    /// Its type.
    pub etype: EventType,
    /// Who would have acted.
    pub actor: Option<Ent>,
    /// Who would have been acted on.
    pub target: Option<Ent>,
}

/// One event record.
#[derive(Debug, Clone)]
pub struct Event {
    /// Document id.
    pub doc: String,
    /// Event type.
    pub etype: EventType,
    /// Who acts.
    pub actor: Option<Ent>,
    /// Who is acted on.
    pub target: Option<Ent>,
    /// What.
    pub items: Vec<Item>,
    /// Where.
    pub place: Option<Ent>,
    /// When.
    pub time: Option<Time>,
    /// Whether it happened.
    pub status: Status,
    /// How sure.
    pub certainty: Certainty,
    /// Who says so, nearest first.
    pub attribution: Vec<Ent>,
    /// Supporting spans with their explicitness score, most explicit first.
    pub evidence: Vec<(u32, Span)>,
    /// The extractor's own score.
    pub confidence: f64,
    /// The rule that produced the record.
    pub rule: String,
    /// How explicit the best mention is (for ordering merged evidence).
    pub explicitness: u32,
    /// For a denial, what it denies (the record's `denies`, an addition to
    /// SCHEMA.md that the store matches against the events it contradicts).
    pub denies: Vec<Denied>,
}

fn ent(e: &Option<Ent>) -> Value {
    match e {
        Some(e) => json!({"id": e.id, "name": e.name}),
        None => Value::Null,
    }
}

impl Event {
    /// The SCHEMA record as JSON; `rule` adds the rule name.
    pub fn to_json(&self, rule: bool) -> Value {
        let mut m = Map::new();
        m.insert("schema".into(), json!("tidings.event/1"));
        m.insert("doc".into(), json!(self.doc));
        m.insert("type".into(), json!(self.etype.as_str()));
        m.insert("actor".into(), ent(&self.actor));
        m.insert("target".into(), ent(&self.target));
        let items: Vec<Value> = self
            .items
            .iter()
            .map(|i| {
                let mut o = Map::new();
                o.insert("category".into(), json!(i.category.as_str()));
                o.insert("text".into(), json!(i.text));
                if let Some(q) = i.quantity {
                    o.insert("quantity".into(), num(q));
                }
                if let Some(q) = i.qualifier {
                    o.insert("qualifier".into(), json!(q));
                }
                if let Some(a) = i.amount {
                    o.insert("amount".into(), num(a));
                }
                if let Some(c) = i.currency {
                    o.insert("currency".into(), json!(c));
                }
                Value::Object(o)
            })
            .collect();
        m.insert("items".into(), Value::Array(items));
        m.insert("place".into(), ent(&self.place));
        m.insert(
            "time".into(),
            match &self.time {
                Some(t) => json!({"text": t.text, "start": t.start, "end": t.end, "granularity": t.granularity}),
                None => Value::Null,
            },
        );
        m.insert("status".into(), json!(self.status.as_str()));
        m.insert("certainty".into(), json!(self.certainty.as_str()));
        m.insert(
            "attribution".into(),
            Value::Array(
                self.attribution
                    .iter()
                    .map(|a| json!({"id": a.id, "name": a.name}))
                    .collect(),
            ),
        );
        m.insert(
            "evidence".into(),
            Value::Array(
                self.evidence
                    .iter()
                    .map(|(_, s)| json!({"start": s.start, "end": s.end, "text": s.text}))
                    .collect(),
            ),
        );
        m.insert(
            "confidence".into(),
            json!((self.confidence * 100.0).round() / 100.0),
        );
        if !self.denies.is_empty() {
            m.insert(
                "denies".into(),
                Value::Array(
                    self.denies
                        .iter()
                        .map(|d| {
                            json!({
                                "type": d.etype.as_str(),
                                "actor": ent(&d.actor),
                                "target": ent(&d.target),
                            })
                        })
                        .collect(),
                ),
            );
        }
        if rule {
            m.insert("rule".into(), json!(self.rule));
        }
        Value::Object(m)
    }
}

fn num(v: f64) -> Value {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        json!(v as i64)
    } else {
        json!(v)
    }
}
