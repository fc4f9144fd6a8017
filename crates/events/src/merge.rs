//! One record per happening per document (GUIDELINES 1): mentions with the
//! same type and roles (and no clash of dates) merge, keeping every
//! evidence span, the most explicit mention first.

use crate::record::Event;

fn same_roles(a: &Event, b: &Event) -> bool {
    let id = |e: &Option<crate::entities::Ent>| e.as_ref().map(|x| x.id.clone());
    let direct = id(&a.actor) == id(&b.actor) && id(&a.target) == id(&b.target);
    direct
        || (a.etype == tidings_lexicon::EventType::Cooperate
            && id(&a.actor) == id(&b.target)
            && id(&a.target) == id(&b.actor))
}

fn times_agree(a: &Event, b: &Event) -> bool {
    match (&a.time, &b.time) {
        // "on Sunday" and "earlier this month", each said of its own
        // mention: a day and a wider stretch are two happenings
        (Some(x), Some(y))
            if x.text != y.text
                && (x.granularity == "day") != (y.granularity == "day")
                && x.start.is_some()
                && y.start.is_some() =>
        {
            false
        }
        // "overnight" and "the night before": two nights that share only a
        // boundary day are two nights
        (Some(x), Some(y))
            if x.granularity == "approx"
                && y.granularity == "approx"
                && x.start != x.end
                && y.start != y.end
                && x.start.is_some()
                && y.start.is_some()
                && (x.end == y.start || y.end == x.start) =>
        {
            false
        }
        (Some(x), Some(y)) => {
            // intervals overlap (an open side reaches anywhere); dates compare
            // as strings once cut to the shorter precision
            let le = |a: &Option<String>, b: &Option<String>| match (a, b) {
                (Some(a), Some(b)) => {
                    let n = a.len().min(b.len());
                    a[..n] <= b[..n]
                }
                _ => true,
            };
            le(&x.start, &y.end) && le(&y.start, &x.end)
        }
        _ => true,
    }
}

/// Attacks on two different cities are two happenings ("strikes on
/// Kharkiv" / "a rocket attack in Chasiv Yar").
fn places_agree(a: &Event, b: &Event) -> bool {
    match (&a.place, &b.place) {
        (Some(x), Some(y)) if x.city && y.city => {
            x.name == y.name || x.name.contains(&y.name) || y.name.contains(&x.name)
        }
        _ => true,
    }
}

/// Tests of different weapons are different tests ("oversaw the test of a
/// new rocket launcher" / "test-fired cruise missiles"); a missile of
/// unstated kind may be any missile.
fn tests_agree(a: &Event, b: &Event) -> bool {
    use tidings_lexicon::ItemCategory as C;
    if !matches!(
        a.etype,
        tidings_lexicon::EventType::Test | tidings_lexicon::EventType::Transfer
    ) {
        return true;
    }
    let weapons = |e: &Event| -> Vec<C> {
        e.items
            .iter()
            .map(|i| i.category)
            .filter(|&c| crate::items::is_weapon(c))
            .collect()
    };
    let (x, y) = (weapons(a), weapons(b));
    if x.is_empty() || y.is_empty() {
        return true;
    }
    let missile = |c: &C| matches!(c, C::Missile | C::BallisticMissile | C::CruiseMissile);
    x.iter().any(|c| y.contains(c))
        || x.contains(&C::Missile) && y.iter().any(missile)
        || y.contains(&C::Missile) && x.iter().any(missile)
}

/// Shooting down or intercepting is a different happening from the strike
/// it answers ("shot down a missile" / "carried out airstrikes").
fn family(e: &Event) -> u8 {
    u8::from(is_downing(&e.rule))
}

/// Whether the rule that read an attack is a downing: shooting down,
/// intercepting or destroying what was fired.
pub(crate) fn is_downing(rule: &str) -> bool {
    ["shoot down", ":down", "intercept", ":destroy"]
        .iter()
        .any(|k| rule.contains(k))
}

/// An occurred happening and a sought or expected one are different
/// happenings ("Russia received drones" / "Russia may seek missiles").
fn statuses_agree(a: &Event, b: &Event) -> bool {
    use tidings_lexicon::Status::*;
    let wish = |s| matches!(s, Sought | Expected | Hypothetical);
    !(a.status == Occurred && wish(b.status) || b.status == Occurred && wish(a.status))
}

/// True when `part` leaves open a role `full` fills and agrees on the rest.
fn subsumed(part: &Event, full: &Event) -> bool {
    let id = |e: &Option<crate::entities::Ent>| e.as_ref().map(|x| x.id.clone());
    let a_ok = part.actor.is_none() || id(&part.actor) == id(&full.actor);
    let t_ok = part.target.is_none() || id(&part.target) == id(&full.target);
    let some_open = (part.actor.is_none() && full.actor.is_some())
        || (part.target.is_none() && full.target.is_some());
    a_ok && t_ok && some_open
}

/// Two statements read from one sentence by different triggers are two
/// acts ("we urge all countries to condemn … and call on the DPRK to …").
fn same_sentence(a: &Event, b: &Event) -> bool {
    use tidings_lexicon::EventType::{Accuse, Deny, Request, Threaten};
    matches!(a.etype, Request | Accuse | Deny | Threaten)
        && a.evidence
            .iter()
            .any(|(_, x)| b.evidence.iter().any(|(_, y)| x.start == y.start))
}

/// Merges mentions of one document into events.
pub fn merge(mut mentions: Vec<Event>) -> Vec<Event> {
    // "assistance" named in general terms for the same parties as a weapons
    // transfer of the document is that transfer
    let transfers: Vec<(Option<String>, Option<String>)> = mentions
        .iter()
        .filter(|e| e.etype == tidings_lexicon::EventType::Transfer)
        .map(|e| {
            (
                e.actor.as_ref().map(|a| a.id.clone()),
                e.target.as_ref().map(|a| a.id.clone()),
            )
        })
        .collect();
    for e in &mut mentions {
        if e.etype == tidings_lexicon::EventType::Aid
            && e.rule.starts_with("AID:noun:")
            && e.items.iter().all(|i| i.amount.is_none())
        {
            let a = e.actor.as_ref().map(|x| x.id.clone());
            let t = e.target.as_ref().map(|x| x.id.clone());
            if transfers.iter().any(|(ta, tt)| {
                (a.is_none() || a == *ta)
                    && (t.is_none() || t == *tt)
                    && (a.is_some() || t.is_some())
            }) {
                e.etype = tidings_lexicon::EventType::Transfer;
                e.rule.push_str("+as-transfer");
            }
        }
    }
    let mut out: Vec<Event> = Vec::new();
    for m in mentions {
        if let Some(e) = out.iter_mut().find(|e| {
            e.etype == m.etype
                && same_roles(e, &m)
                && times_agree(e, &m)
                && statuses_agree(e, &m)
                && places_agree(e, &m)
                && tests_agree(e, &m)
                && family(e) == family(&m)
        }) {
            absorb(e, m);
        } else {
            out.push(m);
        }
    }
    // a mention that leaves a role open joins the one event that fills it
    let mut i = 0;
    while i < out.len() {
        let cands: Vec<usize> = (0..out.len())
            .filter(|&j| {
                j != i
                    && out[j].etype == out[i].etype
                    && subsumed(&out[i], &out[j])
                    && places_agree(&out[i], &out[j])
                    && !same_sentence(&out[i], &out[j])
                    && times_agree(&out[i], &out[j])
                    && statuses_agree(&out[i], &out[j])
            })
            .collect();
        // several events fill the role: those of the same weapons, if any
        let same_weapons: Vec<usize> = cands
            .iter()
            .copied()
            .filter(|&j| tests_agree(&out[i], &out[j]))
            .collect();
        let cands = if cands.len() > 1 && !same_weapons.is_empty() {
            same_weapons
        } else {
            cands
        };
        // then the one told in the same sentence
        let near: Vec<usize> = cands
            .iter()
            .copied()
            .filter(|&j| {
                out[i]
                    .evidence
                    .iter()
                    .any(|(_, x)| out[j].evidence.iter().any(|(_, y)| x.start == y.start))
            })
            .collect();
        let cands = if cands.len() > 1 && near.len() == 1 {
            near
        } else {
            cands
        };
        // several pairs told by one sentence ("threatened action against
        // the United States and South Korea"): one happening, and the
        // role-open mention is part of it
        let one_sentence = cands.len() > 1
            && cands.iter().all(|&j| {
                out[j].evidence.first().map(|x| x.1.start)
                    == out[cands[0]].evidence.first().map(|x| x.1.start)
            });
        let cands = if one_sentence { vec![cands[0]] } else { cands };
        if cands.len() == 1 {
            let part = out.remove(i);
            let j = if cands[0] > i { cands[0] - 1 } else { cands[0] };
            absorb(&mut out[j], part);
            i = 0;
            continue;
        }
        i += 1;
    }
    for e in &mut out {
        e.evidence
            .sort_by(|a, b| b.0.cmp(&a.0).then(a.1.start.cmp(&b.1.start)));
        let mut seen = Vec::new();
        e.evidence.retain(|(_, sp)| {
            if seen.contains(&sp.start) {
                false
            } else {
                seen.push(sp.start);
                true
            }
        });
    }
    out
}

fn absorb(e: &mut Event, m: Event) {
    let better = m.explicitness > e.explicitness;
    // a headline: a first line with no final stop
    let headline = e.evidence.first().is_some_and(|(_, sp)| {
        !sp.text
            .trim_end()
            .ends_with(['.', '!', '?', '"', '\u{201d}', '\''])
    });
    let mut denies = std::mem::take(&mut e.denies);
    for d in &m.denies {
        if !denies.contains(d) {
            denies.push(d.clone());
        }
    }
    let mut evidence = std::mem::take(&mut e.evidence);
    evidence.extend(m.evidence.iter().cloned());
    let mut items = std::mem::take(&mut e.items);
    for it in &m.items {
        if !items.iter().any(|x| x.category == it.category) {
            items.push(it.clone());
        }
    }
    // a time bounded on both sides wins over one that only bounds the
    // event by its reporting ("said Monday")
    let bounded = |t: &Option<crate::time::Time>| {
        t.as_ref()
            .is_some_and(|t| t.start.is_some() && t.end.is_some())
    };
    let time = if !bounded(&e.time) && bounded(&m.time) {
        m.time.clone()
    } else {
        e.time.take().or_else(|| m.time.clone())
    };
    // a named claimant wins over "officials say" in a headline
    let unnamed = |a: &[crate::entities::Ent]| {
        a.first()
            .is_none_or(|x| x.kind == crate::entities::Kind::Unnamed)
    };
    // (and the more explicit mention's named claimant wins over a
    // headline's)
    let attribution = if e.attribution.is_empty()
        || unnamed(&e.attribution) && !unnamed(&m.attribution)
        || headline && !unnamed(&m.attribution)
    {
        m.attribution.clone()
    } else {
        std::mem::take(&mut e.attribution)
    };
    let place = e.place.take().or_else(|| m.place.clone());
    if better {
        let actor = m.actor.clone().or(e.actor.take());
        let target = m.target.clone().or(e.target.take());
        *e = m;
        e.actor = actor;
        e.target = target;
        for it in items {
            if !e.items.iter().any(|x| x.category == it.category) {
                e.items.push(it);
            }
        }
    } else {
        if e.actor.is_none() {
            e.actor = m.actor;
        }
        if e.target.is_none() {
            e.target = m.target;
        }
        e.items = items;
    }
    e.evidence = evidence;
    e.denies = denies;
    e.time = if bounded(&time) && !bounded(&e.time) {
        time
    } else {
        e.time.take().or(time)
    };
    e.attribution = if attribution.is_empty() {
        std::mem::take(&mut e.attribution)
    } else {
        attribution
    };
    e.place = e.place.take().or(place);
    e.confidence = (e.confidence + 0.05).min(0.95);
}
