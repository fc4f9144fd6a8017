//! When an extracted event is the same real-world happening as a canonical
//! event. Every member is compared with the canonical event itself, never
//! only with another member, so that open-dated "Russia attacked Ukraine"
//! reports cannot chain into one event; and the rules are conservative: two
//! strikes on one day in two different places stay two events.

use serde_json::Value;
use tidings_annotate::time::Date;

/// What a canonical event is compared on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// Event type.
    pub etype: String,
    /// Actor id.
    pub actor: Option<String>,
    /// Target id.
    pub target: Option<String>,
    /// When it happened, as days since 1970-01-01: the event's own time, or
    /// around the publication date when the text gives none.
    pub days: Option<(i64, i64)>,
    /// Whether `days` came from the event's own time (not the publication).
    pub dated: bool,
    /// Item categories of weapons and equipment.
    pub items: Vec<String>,
    /// The place's name, when a city.
    pub place: Option<String>,
    /// occurred, planned, ...
    pub status: String,
}

/// Days a report with no date of its own may lag the happening.
const REPORT_LAG: i64 = 7;

impl Signature {
    /// The signature of an event record published on `published`.
    pub fn of(record: &Value, published: Option<&str>) -> Signature {
        let id = |v: &Value| v.get("id").and_then(Value::as_str).map(str::to_string);
        let time = record.get("time").filter(|t| t.is_object());
        let start = time
            .and_then(|t| t.get("start"))
            .and_then(Value::as_str)
            .and_then(|s| day(s, false));
        let end = time
            .and_then(|t| t.get("end"))
            .and_then(Value::as_str)
            .and_then(|s| day(s, true));
        let pubday = published.and_then(|p| day(p.get(..10).unwrap_or(p), false));
        let (days, dated) = match (start, end) {
            (Some(s), Some(e)) => (Some((s, e)), true),
            (None, Some(e)) => (Some((e - 30, e)), true),
            (Some(s), None) => (Some((s, pubday.unwrap_or(s + 365).max(s))), true),
            (None, None) => (pubday.map(|p| (p - REPORT_LAG, p)), false),
        };
        let mut items: Vec<String> = record
            .get("items")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|i| i.get("category").and_then(Value::as_str))
                    .filter(|c| !matches!(*c, "funding" | "other"))
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        items.sort();
        items.dedup();
        Signature {
            etype: record
                .get("type")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
            actor: record.get("actor").and_then(id),
            target: record.get("target").and_then(id),
            days,
            dated,
            items,
            place: record
                .get("place")
                .and_then(|p| p.get("name"))
                .and_then(Value::as_str)
                .map(str::to_string),
            status: record
                .get("status")
                .and_then(Value::as_str)
                .unwrap_or("occurred")
                .to_string(),
        }
    }

    /// Whether `ev` is the same happening as the canonical event `self`.
    pub fn admits(&self, ev: &Signature) -> bool {
        if self.etype != ev.etype {
            return false;
        }
        let direct = self.actor == ev.actor && self.target == ev.target;
        let swapped =
            self.etype == "COOPERATE" && self.actor == ev.target && self.target == ev.actor;
        if !(direct || swapped) {
            return false;
        }
        let wish = |s: &str| matches!(s, "sought" | "expected" | "hypothetical");
        if self.status != ev.status
            && (self.status == "negated"
                || ev.status == "negated"
                || (self.status == "occurred") && wish(&ev.status)
                || (ev.status == "occurred") && wish(&self.status))
        {
            return false;
        }
        // a date is needed on both sides: undated reports never merge
        let (Some((a0, a1)), Some((b0, b1))) = (self.days, ev.days) else {
            return false;
        };
        if a0 > b1 + 1 || b0 > a1 + 1 {
            return false;
        }
        if !self.items.is_empty()
            && !ev.items.is_empty()
            && !self.items.iter().any(|i| ev.items.contains(i))
        {
            return false;
        }
        if let (Some(p), Some(q)) = (&self.place, &ev.place) {
            if !(p.contains(q.as_str()) || q.contains(p.as_str())) {
                return false;
            }
        }
        true
    }

    /// The canonical signature of a set of members, whatever their order:
    /// the time is what all the members' own dates allow (else all their
    /// publication windows; the span of them when they do not meet), the
    /// items add up, the place is the first in name order. The type and
    /// roles are `first`'s.
    pub fn of_members(first: &Signature, all: &[Signature]) -> Signature {
        let mut out = first.clone();
        let dated = all.iter().any(|m| m.dated);
        let spans: Vec<(i64, i64)> = all
            .iter()
            .filter(|m| m.dated == dated)
            .filter_map(|m| m.days)
            .collect();
        if !spans.is_empty() {
            let lo = spans.iter().map(|d| d.0).max().unwrap_or(0);
            let hi = spans.iter().map(|d| d.1).min().unwrap_or(0);
            out.days = Some(if lo <= hi {
                (lo, hi)
            } else {
                (
                    spans.iter().map(|d| d.0).min().unwrap_or(0),
                    spans.iter().map(|d| d.1).max().unwrap_or(0),
                )
            });
            out.dated = dated;
        }
        let mut items: Vec<String> = all.iter().flat_map(|m| m.items.iter().cloned()).collect();
        items.sort();
        items.dedup();
        out.items = items;
        out.place = all.iter().filter_map(|m| m.place.clone()).min();
        out
    }
}

/// What the time of a canonical event is computed from, kept up to date one
/// member at a time: for the members with their own dates and for those
/// dated by publication, how many, the latest start and earliest end (what
/// all allow), the earliest start and latest end (their span). The result
/// is [`Signature::of_members`]'s, whatever the order members come in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Aggregate {
    n: [i64; 2],
    lo: [i64; 2],
    hi: [i64; 2],
    min: [i64; 2],
    max: [i64; 2],
}

impl Aggregate {
    /// Adds a member.
    pub fn add(&mut self, sig: &Signature) {
        let Some((s, e)) = sig.days else { return };
        let k = usize::from(sig.dated);
        if self.n[k] == 0 {
            (self.lo[k], self.hi[k], self.min[k], self.max[k]) = (s, e, s, e);
        } else {
            self.lo[k] = self.lo[k].max(s);
            self.hi[k] = self.hi[k].min(e);
            self.min[k] = self.min[k].min(s);
            self.max[k] = self.max[k].max(e);
        }
        self.n[k] += 1;
    }

    /// The canonical time and whether it comes from own dates.
    pub fn days(&self) -> (Option<(i64, i64)>, bool) {
        for k in [1, 0] {
            if self.n[k] > 0 {
                let d = if self.lo[k] <= self.hi[k] {
                    (self.lo[k], self.hi[k])
                } else {
                    (self.min[k], self.max[k])
                };
                return (Some(d), k == 1);
            }
        }
        (None, false)
    }

    /// As text, for the database.
    pub fn encode(&self) -> String {
        let v: Vec<String> = [self.n, self.lo, self.hi, self.min, self.max]
            .iter()
            .flat_map(|a| a.iter().map(i64::to_string))
            .collect();
        v.join(",")
    }

    /// Reads what [`Aggregate::encode`] wrote (an empty aggregate when it is
    /// not that).
    pub fn decode(s: &str) -> Aggregate {
        let v: Vec<i64> = s.split(',').filter_map(|x| x.parse().ok()).collect();
        if v.len() != 10 {
            return Aggregate::default();
        }
        Aggregate {
            n: [v[0], v[1]],
            lo: [v[2], v[3]],
            hi: [v[4], v[5]],
            min: [v[6], v[7]],
            max: [v[8], v[9]],
        }
    }
}

/// Why `ev` is part of the canonical event `canon`, in words.
pub fn explain(canon: &Signature, ev: &Signature) -> String {
    let mut parts = vec![format!("same type {}", canon.etype)];
    let who = |x: &Option<String>| x.clone().unwrap_or_else(|| "-".into());
    if canon.actor == ev.actor && canon.target == ev.target {
        parts.push(format!(
            "same actor {} and target {}",
            who(&ev.actor),
            who(&ev.target)
        ));
    } else {
        parts.push(format!(
            "the same two parties {} and {} (either way round)",
            who(&ev.actor),
            who(&ev.target)
        ));
    }
    let date = |d: i64| civil_from_days(d);
    if let (Some((a0, a1)), Some((b0, b1))) = (canon.days, ev.days) {
        parts.push(format!(
            "its time {}…{} ({}) meets the event's {}…{}",
            date(b0),
            date(b1),
            if ev.dated {
                "its own date"
            } else {
                "around its publication"
            },
            date(a0),
            date(a1)
        ));
    }
    if !ev.items.is_empty() && !canon.items.is_empty() {
        parts.push(format!("items in common ({})", ev.items.join(", ")));
    }
    if let (Some(p), Some(_)) = (&canon.place, &ev.place) {
        parts.push(format!("the same place ({p})"));
    }
    parts.join("; ")
}

/// `YYYY-MM-DD` of a day count since 1970-01-01.
pub fn civil_from_days(z: i64) -> String {
    Date::from_days(z).to_string()
}

/// Days since 1970-01-01 of `YYYY`, `YYYY-MM` or `YYYY-MM-DD`: the first
/// day of the period, or its last when `end`.
pub fn day(s: &str, end: bool) -> Option<i64> {
    let mut parts = s.split('-');
    let year: i32 = parts.next()?.parse().ok()?;
    let m: Option<u32> = parts.next().map(|p| p.parse().ok()).unwrap_or(None);
    let d: Option<u32> = parts
        .next()
        .map(|p| p.get(..2).unwrap_or(p).parse().ok())
        .unwrap_or(None);
    let civil = |month: u8, day: u8| Date { year, month, day }.to_days();
    let Some(m) = m else {
        return Some(if end { civil(12, 31) } else { civil(1, 1) });
    };
    let m = u8::try_from(m).ok().filter(|m| (1..=12).contains(m))?;
    let last = u32::from(Date::days_in_month(year, m));
    let d = d.unwrap_or(if end { last } else { 1 });
    if d == 0 || d > last {
        return None;
    }
    Some(civil(m, d as u8))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rec(t: &str, a: &str, g: Option<&str>, time: Option<(&str, &str)>) -> Value {
        json!({
            "type": t,
            "actor": {"id": a, "name": a},
            "target": g.map(|g| json!({"id": g, "name": g})),
            "time": time.map(|(s, e)| json!({"start": s, "end": e, "granularity": "day", "text": "x"})),
            "status": "occurred",
            "items": [],
        })
    }

    #[test]
    fn days_count_from_the_epoch() {
        assert_eq!(day("1970-01-01", false), Some(0));
        assert_eq!(
            day("2024-03-01", false),
            Some(day("2024-02-29", false).unwrap() + 1)
        );
        assert_eq!(day("2024-02", true), day("2024-02-29", false));
        assert_eq!(day("2024", true), day("2024-12-31", false));
        assert_eq!(day("2024-02-30", false), None);
        for d in ["1970-01-01", "2000-02-29", "2024-12-31", "2025-03-01"] {
            assert_eq!(civil_from_days(day(d, false).unwrap()), d);
        }
    }

    #[test]
    fn same_happening_same_day() {
        let a = Signature::of(
            &rec("TEST", "PRK", None, Some(("2025-01-06", "2025-01-06"))),
            None,
        );
        let b = Signature::of(&rec("TEST", "PRK", None, None), Some("2025-01-08"));
        assert!(a.admits(&b));
        let c = Signature::of(
            &rec("TEST", "PRK", None, Some(("2024-10-31", "2024-10-31"))),
            None,
        );
        assert!(!a.admits(&c));
    }

    #[test]
    fn undated_reports_never_merge_and_cooperation_is_unordered() {
        let a = Signature::of(&rec("ATTACK", "RUS", Some("UKR"), None), None);
        assert!(!a.admits(&a.clone()));
        let c = Signature::of(
            &rec("COOPERATE", "RUS", Some("PRK"), None),
            Some("2024-06-19"),
        );
        let d = Signature::of(
            &rec("COOPERATE", "PRK", Some("RUS"), None),
            Some("2024-06-20"),
        );
        assert!(c.admits(&d));
    }

    #[test]
    fn the_aggregate_gives_the_members_time_in_any_order() {
        let a = Signature::of(
            &rec("TEST", "PRK", None, Some(("2025-01-05", "2025-01-07"))),
            None,
        );
        let b = Signature::of(
            &rec("TEST", "PRK", None, Some(("2025-01-06", "2025-01-09"))),
            None,
        );
        let c = Signature::of(&rec("TEST", "PRK", None, None), Some("2025-01-08"));
        for order in [[&a, &b, &c], [&c, &b, &a], [&b, &c, &a]] {
            let mut g = Aggregate::default();
            for s in order {
                g.add(s);
            }
            let all: Vec<Signature> = order.iter().map(|s| (*s).clone()).collect();
            let m = Signature::of_members(&a, &all);
            assert_eq!(g.days(), (m.days, m.dated));
            assert_eq!(Aggregate::decode(&g.encode()), g);
        }
    }

    #[test]
    fn two_places_are_two_strikes() {
        let mut r1 = rec(
            "ATTACK",
            "RUS",
            Some("UKR"),
            Some(("2024-07-08", "2024-07-08")),
        );
        r1["place"] = json!({"id": "UKR", "name": "Kharkiv"});
        let mut r2 = r1.clone();
        r2["place"] = json!({"id": "UKR", "name": "Odesa"});
        let a = Signature::of(&r1, None);
        assert!(!a.admits(&Signature::of(&r2, None)));
        assert!(a.admits(&Signature::of(&r1, None)));
    }
}
