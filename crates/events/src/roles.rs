//! Roles from the dependency parse: who acts, who is acted on, with what
//! and where, for one trigger; and the event type a trigger row yields
//! given those roles.

use tidings_lexicon::{EventType, ItemCategory, Pos, TriggerEntry};

use crate::candidates::Cand;
use crate::coref::Coref;
use crate::entities::{conjuncts, resolve, Ent, Kind, Mention, SentMentions, ARG_STOP};
use crate::items::{is_weapon, within, Item, ItemSpan};
use crate::sent::Sent;

/// One event mention found in a sentence, before modality and attribution.
#[derive(Debug, Clone)]
pub struct Found {
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
    /// The trigger word.
    pub word: usize,
    /// Which rule produced it.
    pub rule: String,
    /// The trigger row's status hint.
    pub entry_status: Option<&'static str>,
    /// A role came from a pronoun.
    pub via_coref: bool,
}

/// Everything role extraction reads.
pub struct Ctx<'a, 'b> {
    /// The sentence.
    pub s: &'a Sent<'b>,
    /// Its mentions.
    pub sm: &'a SentMentions<'a>,
    /// All mentions of the document.
    pub all: &'a [Mention],
    /// Item matches of the document.
    pub items: &'a [ItemSpan],
    /// Document text.
    pub text: &'a str,
    /// Coreference state.
    pub coref: &'a Coref,
}

/// Parties named by an argument headed at `w` (and its conjuncts).
fn parties(c: &Ctx<'_, '_>, w: usize, coref: &mut bool) -> Vec<Ent> {
    let mut out: Vec<Ent> = Vec::new();
    let mut heads = conjuncts(c.s, w);
    // "the United States and Britain carried out" parsed as two subjects
    if let Some(h) = c.s.head[w] {
        let l = c.s.label[w];
        if l.starts_with("nsubj") || l == "obj" {
            for &k in &c.s.kids[h] {
                let (lo, hi) = (w.min(k), w.max(k));
                let joined = k != w
                    && c.s.label[k] == l
                    && (lo + 1..hi).any(|i| c.s.lower[i] == "and")
                    && (lo + 1..hi).all(|i| !c.s.is_verb(i));
                if joined && !heads.contains(&k) {
                    heads.push(k);
                }
            }
        }
    }
    // "Britain and South Korea" parsed as a compound: a party, "and" or a
    // comma, then the argument's own mention
    if let Some(mi) = c.sm.at.get(w).copied().flatten() {
        let mut first = (0..c.s.len())
            .find(|&k| c.sm.at[k] == Some(mi))
            .unwrap_or(w);
        while first >= 2 && matches!(c.s.lower[first - 1].as_str(), "and" | ",") {
            let Some(pm) = c.sm.at[first - 2] else { break };
            if pm == mi || heads.contains(&(first - 2)) {
                break;
            }
            heads.push(first - 2);
            first = (0..c.s.len())
                .find(|&k| c.sm.at[k] == Some(pm))
                .unwrap_or(first - 2);
        }
    }
    for k in heads {
        // "the country's second-largest city, Kharkiv": the apposition names it
        let named = resolve(c.s, c.sm, k).or_else(|| {
            c.s.kids_with(k, "appos")
                .find_map(|a| resolve(c.s, c.sm, a).filter(|e| e.city))
        });
        // "the department announced" in a Pentagon briefing: a body with no
        // state named is the speaker's
        let named = named.or_else(|| {
            let m = c.sm.at.get(k).copied().flatten().map(|i| c.sm.list[i])?;
            if !m.body || c.s.kid(k, "nmod:poss").is_some() {
                return None;
            }
            let sp = c.coref.speaker.as_ref().or(c.coref.voice.as_ref())?;
            let st = sp.state.clone()?;
            Some(Ent {
                id: st,
                name: c.s.forms[k].to_string(),
                kind: Kind::State,
                state: None,
                city: false,
            })
        });
        let found: Vec<Ent> = match named {
            Some(e) => vec![e.as_party()],
            None => {
                // "its forces", "their military": the owner of a state body
                let poss = c.s.kid(k, "nmod:poss").filter(|&p| {
                    c.s.upos[p] == "PRON" && c.sm.at[k].is_some_and(|mi| c.sm.list[mi].body)
                });
                let r = c.coref.resolve(c.s, c.all, poss.unwrap_or(k));
                if !r.is_empty() {
                    *coref = true;
                }
                r.into_iter().map(|e| e.as_party()).collect()
            }
        };
        for e in found {
            if !out.iter().any(|o| o.id == e.id) {
                out.push(e);
            }
        }
    }
    out
}

fn is_rel_pronoun(s: &Sent<'_>, w: usize) -> bool {
    matches!(s.lower[w].as_str(), "that" | "which" | "who" | "whom")
}

/// The subject of verb `v`: its own, or that of the verb it is controlled by
/// or coordinated with; for a relative clause, the noun it modifies.
pub(crate) fn subject(s: &Sent<'_>, v: usize, depth: usize) -> Option<usize> {
    // "drones have been used by Russia to attack Ukrainian cities": the
    // purpose clause of a passive acts through its agent
    if let Some(h) = s.head[v] {
        if matches!(s.label[v], "advcl" | "xcomp")
            && s.kids[v]
                .iter()
                .any(|&k| s.label[k] == "mark" && s.lower[k] == "to")
            && s.kid(v, "nsubj").is_none()
            && s.kid(h, "aux:pass").is_some()
        {
            if let Some(a) = s.kid(h, "obl:agent") {
                return Some(a);
            }
        }
    }
    // "The UK has today sanctioned …" parsed with "has" as the verb and the
    // participle as its object: the subject is the auxiliary's
    if let Some(h) = s.head[v] {
        if s.xpos[v] == "VBN"
            && matches!(s.label[v], "obj" | "xcomp" | "ccomp")
            && matches!(s.lower[h].as_str(), "has" | "have" | "had")
            && depth < 4
        {
            if let Some(k) = s.kids_with(h, "nsubj").next() {
                return Some(k);
            }
        }
    }
    // When the parser gives a verb two subjects ("Since December 2023, the
    // DPRK has transferred…"), a nominal with a preposition or marker of its
    // own, or a month, is the misparsed time phrase: take the other one.
    // the subject of a passive ("Kherson was shelled by Russian forces") is
    // what was acted on: the actor is the agent
    let passive = s.kid(v, "aux:pass").is_some() || s.xpos[v] == "VBN" && s.kid(v, "aux").is_none();
    let mut nsubjs: Vec<usize> = s
        .kids_with(v, "nsubj")
        .filter(|&k| !is_dateline_word(s, k))
        .filter(|&k| !(passive && s.label[k] == "nsubj:pass"))
        .collect();
    // "said Sunday it shot down a missile": "it" misparsed as an expletive
    if nsubjs.is_empty() {
        nsubjs.extend(
            s.kids_with(v, "expl")
                .filter(|&k| k < v && s.lower[k] == "it" && s.kid(v, "csubj").is_none()),
        );
    }
    let plain = |k: usize| {
        !is_month(&s.lower[k])
            && !is_time_word(&s.lower[k])
            && !matches!(
                s.lower[k].as_str(),
                "days" | "weeks" | "months" | "years" | "hours" | "day" | "week" | "month" | "year"
            )
            && !s.kids[k]
                .iter()
                .any(|&c| matches!(s.label[c], "case" | "mark"))
    };
    // a passive subject of an active verb, or a vocative ("Colleagues,
    // since December the DPRK has transferred …"), is the misparse
    let unlikely = |k: usize| {
        (s.label[k] == "nsubj:pass" && s.kid(v, "aux:pass").is_none())
            || (k == 0 && s.lower.get(1).is_some_and(|n| n == ","))
    };
    let first = if nsubjs.len() > 1 {
        nsubjs
            .iter()
            .copied()
            .find(|&k| plain(k) && !unlikely(k))
            .or_else(|| nsubjs.iter().copied().find(|&k| plain(k)))
            .or(nsubjs.first().copied())
    } else {
        nsubjs.first().copied()
    };
    let own = first
        .and_then(|k| {
            if is_time_word(&s.lower[k]) {
                // "The Defense Department today announced", "North Korea on
                // Tuesday threatened": the name hangs on the time word
                s.kids[k].iter().copied().find(|&c| {
                    c < k
                        && matches!(
                            s.label[c],
                            "compound" | "nmod:desc" | "nmod" | "nmod:unmarked"
                        )
                        && matches!(s.upos[c], "PROPN" | "NOUN")
                })
            } else {
                Some(k)
            }
        })
        .or_else(|| {
            // "that it had purchased": a passive subject with no passive auxiliary
            s.kid(v, "nsubj:pass").filter(|&k| {
                s.kid(v, "aux:pass").is_none() && s.upos[k] == "PRON" && s.xpos[v] != "VBN"
                    || s.kids[v].iter().any(|&a| {
                        s.label[a] == "aux" && matches!(s.lower[a].as_str(), "had" | "has" | "have")
                    })
            })
        });
    if own.is_none() && s.kid(v, "nsubj:pass").is_none() {
        if let Some(p) = preceding_nominal(s, v) {
            return Some(p);
        }
    }
    if let Some(k) = own {
        if is_rel_pronoun(s, k) && s.label[v] == "acl:relcl" {
            return s.head[v];
        }
        return Some(k);
    }
    if let Some(a) = agent(s, v) {
        return Some(a);
    }
    if depth > 3 {
        return None;
    }
    let h = s.head[v]?;
    match s.label[v] {
        // object control: "urged all nations to reject" → the nations
        "xcomp" if s.kid(h, "obj").is_some_and(|o| o < v) => s.kid(h, "obj"),
        // raising: "Russia is believed to have received" → Russia
        "xcomp" if s.kid(h, "nsubj:pass").is_some() => s.kid(h, "nsubj:pass"),
        // "we urge all countries to condemn … and call on the DPRK": a finite
        // verb conjoined to an infinitive goes with the infinitive's own head
        "conj"
            if s.label[h] == "xcomp"
                && s.kids_with(h, "mark").any(|m| s.lower[m] == "to")
                && (matches!(s.xpos[v], "VBP" | "VBZ" | "VBD")
                    || (REQUEST_VERBS.contains(&s.lower[v].as_str())
                        && s.head[h]
                            .is_some_and(|g| REQUEST_VERBS.contains(&s.lower[g].as_str())))) =>
        {
            let hh = s.head[h]?;
            subject(s, hh, depth + 1)
        }
        // (a passive conjunct acts through its own agent: "Russia sent 40
        // drones and all of them were destroyed" says nothing of who
        // destroyed them)
        "conj" if s.kid(v, "aux:pass").is_some() => None,
        "xcomp" | "conj" => subject(s, h, depth + 1),
        // "Russia has turned to the DPRK …, welcoming 12,000 troops": a
        // participle clause with no subject of its own shares its head's
        "advcl"
            if s.xpos[v] == "VBG" && s.kids_with(v, "mark").next().is_none() && s.is_verb(h) =>
        {
            subject(s, h, depth + 1)
        }
        "acl:relcl" => Some(h),
        // "a plan to purchase": the planner is the subject of the noun's verb
        "acl" => {
            if s.kids_with(v, "mark").any(|m| s.lower[m] == "to") || s.xpos[v] == "VBG" {
                // "Germany plans to send", with "plans" taken for the
                // predicate noun: the noun's own subject plans
                if s.kid(h, "nsubj").is_some() {
                    return subject(s, h, depth + 1);
                }
                // "Armenia plans to buy", "Armenia's plans to buy"
                if s.head[h].is_none() {
                    if let Some(k) = s.kids[h].iter().copied().find(|&k| {
                        k < h
                            && matches!(s.label[k], "compound" | "nmod:poss")
                            && s.upos[k] == "PROPN"
                    }) {
                        return Some(k);
                    }
                }
                let hh = s.head[h]?;
                subject(s, hh, depth + 1)
            } else {
                None
            }
        }
        "advcl"
            if s.kids_with(v, "mark").any(|m| s.lower[m] == "to")
                || (s.xpos[v] == "VBG"
                    && s.kid(v, "mark").is_none()
                    && s.kid(v, "aux").is_none()) =>
        {
            subject(s, h, depth + 1)
        }
        _ => None,
    }
}

/// The place of a dateline that the parser took for a subject: the
/// sentence's first word, in capitals, followed by "(", "," or a dash
/// ("WASHINGTON (Nov. 14) – Iran has delivered …").
fn is_dateline_word(s: &Sent<'_>, k: usize) -> bool {
    k == 0
        && s.forms[0].chars().count() >= 2
        && s.forms[0].chars().all(|c| c.is_uppercase() || c == '.')
        && s.forms
            .get(1)
            .is_some_and(|f| matches!(*f, "(" | "," | "\u{2013}" | "\u{2014}" | "-" | "--"))
}

/// Month names.
fn is_month(w: &str) -> bool {
    matches!(
        w,
        "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
    )
}

/// Day and month names the parser sometimes takes for subjects.
pub fn is_time_word(w: &str) -> bool {
    matches!(
        w,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "today"
            | "yesterday"
            | "tonight"
            | "overnight"
    )
}

/// A pronoun or noun right before verb `v` (quotes, adverbs and
/// auxiliaries between), when the parse gives the verb no subject.
fn preceding_nominal(s: &Sent<'_>, v: usize) -> Option<usize> {
    // (a participle with its own auxiliary, "Kim is trying", has a subject)
    if s.label[v] == "xcomp"
        || s.kids_with(v, "mark").any(|m| s.lower[m] == "to")
        || s.xpos[v] == "VBG" && s.kid(v, "aux").is_none()
    {
        return None;
    }
    let mut k = v;
    let mut steps = 0;
    while k > 0 && steps < 4 {
        k -= 1;
        steps += 1;
        match s.upos[k] {
            "PUNCT" if s.lower[k] != "," => continue,
            "ADV" | "AUX" | "PART" => continue,
            "PRON" if matches!(s.lower[k].as_str(), "it" | "they" | "he" | "she" | "we") => {
                return Some(k)
            }
            "PROPN" => {
                if s.label[k] == "compound"
                    || s.head[k].is_some_and(|h| h > k && h < v && s.label[k] != "flat")
                {
                    return None;
                }
                let base = if s.label[k] == "flat" { s.head[k]? } else { k };
                return Some(base);
            }
            _ => return None,
        }
    }
    None
}

fn agent(s: &Sent<'_>, v: usize) -> Option<usize> {
    let passive = s.kid(v, "nsubj:pass").is_some();
    s.kids[v]
        .iter()
        .copied()
        .find(|&k| {
            s.label[k] == "obl:agent"
                || (s.label[k] == "obl" && s.case_of(k).as_deref() == Some("by") && passive)
        })
        .or_else(|| {
            // "supplied with Iskander missiles by Russia": the agent hung
            // on the verb's last argument
            if !passive {
                return None;
            }
            s.kids[v]
                .iter()
                .filter(|&&k| s.label[k].starts_with("obl") || s.label[k] == "obj")
                .flat_map(|&k| s.kids[k].iter().copied())
                .find(|&g| s.label[g] == "nmod" && s.case_of(g).as_deref() == Some("by"))
        })
}

/// The object of verb `v` (for a relative clause whose subject is given,
/// the noun it modifies).
fn object(s: &Sent<'_>, v: usize) -> Option<usize> {
    if let Some(o) = s.kid(v, "obj") {
        // "said Monday that Russia sent 40 drones": "that" misparsed as a
        // relative pronoun, the real object after the verb
        if is_rel_pronoun(s, o) && o < v {
            if let Some(o2) = s.kids[v]
                .iter()
                .copied()
                .find(|&k| k > v && s.label[k] == "obj")
            {
                return Some(o2);
            }
        }
        if is_rel_pronoun(s, o) && s.label[v] == "acl:relcl" {
            return s.head[v];
        }
        // "shot down 37 of 45 drones", "intercepted most of the missiles":
        // the counted noun
        if s.upos[o] == "NUM"
            || matches!(
                s.lower[o].as_str(),
                "most" | "some" | "many" | "several" | "dozens" | "hundreds" | "all" | "part"
            )
        {
            if let Some(n) = s.kids[o]
                .iter()
                .copied()
                .find(|&k| s.is_noun(k) && s.case_of(k).as_deref() == Some("of"))
            {
                return Some(n);
            }
        }
        // "shipped more than a million shells" parsed with "more" as the
        // object: the counted noun is
        if matches!(s.lower[o].as_str(), "more" | "less" | "fewer")
            && s.lower.get(o + 1).is_some_and(|w| w == "than")
        {
            if let Some(n) = s.kids[v]
                .iter()
                .copied()
                .find(|&k| k > o && s.label[k].starts_with("obl") && s.is_noun(k))
            {
                return Some(n);
            }
        }
        return Some(o);
    }
    if s.label[v] == "acl:relcl" && s.kid(v, "nsubj").is_some_and(|k| !is_rel_pronoun(s, k)) {
        return s.head[v];
    }
    // a passive participle modifying a noun: "missiles fired by the Houthis"
    if s.label[v] == "acl" && s.xpos[v] == "VBN" {
        return s.head[v];
    }
    // "fired at least 50 missiles" parsed with "at" as a preposition: the
    // quantity is the object
    s.kids[v].iter().copied().find(|&k| {
        k > v
            && s.label[k].starts_with("obl")
            && s.is_noun(k)
            && (v + 1..k).any(|j| {
                s.lower[j] == "at"
                    && matches!(
                        s.lower.get(j + 1).map(String::as_str),
                        Some("least" | "most")
                    )
            })
            && (v + 1..k).all(|j| !matches!(s.upos[j], "VERB" | "PUNCT"))
    })
}

fn obl_with(s: &Sent<'_>, v: usize, cases: &[&str]) -> Option<usize> {
    let find = |h: usize| {
        s.kids[h].iter().copied().find(|&k| {
            matches!(s.label[k], "obl" | "nmod" | "obl:arg")
                && s.case_of(k).is_some_and(|c| cases.contains(&c.as_str()))
        })
    };
    find(v).or_else(|| {
        // the parser often hangs "to Ukraine" on the object, or on the
        // noun inside it ("one of those missiles into Ukraine")
        if !s.is_verb(v) {
            return None;
        }
        s.kids[v]
            .iter()
            .copied()
            .filter(|&o| {
                s.label[o] == "obj"
                    // an argument noun taken for an oblique ("taken delivery
                    // of the S-400 squadron from Russia", "put sanctions in
                    // place on Russia")
                    || s.label[o] == "obl" && s.is_noun(o)
            })
            .find_map(|o| {
                find(o).or_else(|| {
                    s.kids[o]
                        .iter()
                        .copied()
                        .filter(|&n| s.label[n] == "nmod" && s.case_of(n).as_deref() == Some("of"))
                        .find_map(find)
                })
            })
    })
}

fn words(s: &Sent<'_>, w: Option<usize>) -> Vec<usize> {
    w.map(|w| s.subtree(w, &["acl:relcl", "parataxis", "punct", "advcl"]))
        .unwrap_or_default()
}

/// Event mentions a trigger candidate yields.
pub fn frames(c: &Ctx<'_, '_>, cand: &Cand<'_>, nominal_words: &[usize]) -> Vec<Found> {
    let s = c.s;
    let t = cand.word;
    // "to fire", "may fire" tagged as a noun is still a verb
    let after_verbal = t > 0
        && (matches!(s.xpos[t - 1], "MD" | "TO")
            || matches!(s.lower[t - 1].as_str(), "did" | "not" | "n't"));
    let verb = s.is_verb(t)
        || (s.upos[t] == "NOUN"
            && after_verbal
            && (s.kid(t, "obj").is_some() || s.kid(t, "mark").is_some()));
    let noun = s.is_noun(t) && !verb;
    let mut out = Vec::new();
    for e in &cand.entries {
        let ok = match e.pos {
            Pos::Verb => verb,
            Pos::Noun => noun,
            Pos::Phrase => true,
        };
        if !ok {
            continue;
        }
        let found = if e.pos == Pos::Verb {
            verb_frame(c, cand, e, nominal_words)
        } else {
            noun_frame(c, cand, e, nominal_words)
        };
        if !found.is_empty() {
            out.extend(found);
            break;
        }
    }
    out
}

fn status_hint(e: &TriggerEntry) -> Option<&'static str> {
    if e.flags.sought && e.event != EventType::Request {
        Some("sought")
    } else if e.flags.planned && e.event != EventType::Cooperate {
        Some("planned")
    } else {
        None
    }
}

fn pairs(etype: EventType, actors: &[Ent], targets: &[Ent]) -> Vec<(Option<Ent>, Option<Ent>)> {
    let mut out = Vec::new();
    let a: Vec<Option<Ent>> = if actors.is_empty() {
        vec![None]
    } else {
        actors.iter().cloned().map(Some).collect()
    };
    let t: Vec<Option<Ent>> = if targets.is_empty() {
        vec![None]
    } else {
        targets.iter().cloned().map(Some).collect()
    };
    for x in &a {
        for y in &t {
            if let (Some(x), Some(y)) = (x, y) {
                if x.id == y.id {
                    continue;
                }
            }
            let _ = etype;
            out.push((x.clone(), y.clone()));
        }
    }
    out
}

/// One COOPERATE event per pair of distinct parties among `parties` and
/// `more` (the type is unordered); nothing when fewer than two remain.
fn emit_cooperation(
    out: &mut Vec<Found>,
    mut parties: Vec<Ent>,
    more: Vec<Ent>,
    t: usize,
    rule: &str,
    hint: Option<&'static str>,
    coref: bool,
) {
    for p in more {
        if !parties.iter().any(|o| o.id == p.id) {
            parties.push(p);
        }
    }
    for i in 0..parties.len() {
        for j in i + 1..parties.len() {
            emit(
                out,
                EventType::Cooperate,
                &parties[i..=i],
                &parties[j..=j],
                &[],
                None,
                t,
                rule.to_string(),
                hint,
                coref,
            );
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn emit(
    out: &mut Vec<Found>,
    etype: EventType,
    actors: &[Ent],
    targets: &[Ent],
    items: &[Item],
    place: Option<Ent>,
    t: usize,
    rule: String,
    hint: Option<&'static str>,
    coref: bool,
) {
    for (a, tg) in pairs(etype, actors, targets) {
        // what a record needs: attacks both sides, transfers a recipient (a
        // transfer with no supplier survives the document's merge only when
        // sought or planned, see `Extractor::extract`)
        let keep = match etype {
            // an attack missing a role but naming its weapons is kept for
            // the document context to complete (`Extractor::extract`)
            EventType::Attack => {
                a.is_some() && tg.is_some() || items.iter().any(|i| is_weapon(i.category))
            }
            EventType::Cooperate => a.is_some() && tg.is_some(),
            // a supplier sending weapons to no one named waits for the
            // story's recipient (`Extractor::extract`)
            EventType::Transfer => {
                tg.is_some() || a.is_some() && items.iter().any(|i| is_weapon(i.category))
            }
            _ => a.is_some(),
        };
        if !keep {
            continue;
        }
        out.push(Found {
            etype,
            actor: a,
            target: tg,
            items: items.to_vec(),
            place: place.clone(),
            word: t,
            rule: rule.clone(),
            entry_status: hint,
            via_coref: coref,
        });
    }
}

fn place_of(c: &Ctx<'_, '_>, v: usize, coref: &mut bool) -> Option<Ent> {
    let s = c.s;
    let p = obl_with(s, v, &["in", "into", "over", "near"])?;
    // "…, officials in Tokyo said": the claimant's phrase, misparsed
    if s.lower.get(p + 1).is_some_and(|w| {
        matches!(
            w.as_str(),
            "said" | "says" | "say" | "told" | "reported" | "added"
        )
    }) {
        return None;
    }
    parties(c, p, coref)
        .into_iter()
        .next()
        .filter(|e| e.kind == Kind::State)
}

fn verb_frame(
    c: &Ctx<'_, '_>,
    cand: &Cand<'_>,
    e: &TriggerEntry,
    nominal_words: &[usize],
) -> Vec<Found> {
    let s = c.s;
    let t = cand.word;
    let mut out = Vec::new();
    let mut coref = false;
    let subj = subject(s, t, 0);
    let obj = object(s, t).or_else(|| s.kid(t, "nsubj:pass")).or_else(|| {
        // "shot down a missile" parsed with "down" as the object's case
        (cand.last > cand.first).then(|| {
            s.kids[t].iter().copied().find(|&k| {
                s.label[k].starts_with("obl")
                    && s.case_of(k).as_deref() == Some(s.lower[cand.last].as_str())
            })
        })?
    });
    let statement = matches!(
        e.event,
        EventType::Accuse | EventType::Deny | EventType::Threaten | EventType::Request
    );
    // a light verb whose object is itself a trigger noun ("launched an attack",
    // "imposed sanctions"): the noun carries the event
    // (but "will receive the first shipment of missiles": the receiving
    // verb names the recipient the noun does not)
    if !statement
        && obj.is_some_and(|o| nominal_words.contains(&o))
        && !(e.event == EventType::Transfer && e.flags.recipient_actor)
    {
        return out;
    }
    // "launched a massive missile and drone attack on …" parsed with the
    // first weapon as the object and the attack as a complement: the noun
    // still carries the event
    if !statement
        && LIGHT_VERBS.contains(&s.lower[t].as_str())
        && s.kids_with(t, "xcomp").any(|k| nominal_words.contains(&k))
    {
        return out;
    }
    let rule = format!("{}:verb:{}", e.event, e.lemma);
    let hint = status_hint(e);
    let subj_p = subj.map(|w| parties(c, w, &mut coref)).unwrap_or_default();
    let obj_p = obj.map(|w| parties(c, w, &mut coref)).unwrap_or_default();
    // "sending Ukraine another $300 million in weapons": two objects, the
    // first the recipient
    let objs: Vec<usize> = s.kids[t]
        .iter()
        .copied()
        .filter(|&k| {
            k > t
                && (s.label[k] == "obj"
                    // "sending Ukraine another $300 million": the amount
                    // taken for a complement
                    || matches!(s.label[k], "xcomp" | "dep" | "obl:unmarked")
                        && matches!(s.lower[k].as_str(), "$" | "€" | "£"))
        })
        .collect();
    let (iobj, obj, obj_p) =
        if s.kid(t, "iobj").is_none() && objs.len() >= 2 && c.sm.at[objs[0]].is_some() {
            let o = Some(objs[1]);
            (Some(objs[0]), o, parties(c, objs[1], &mut coref))
        } else {
            (s.kid(t, "iobj"), obj, obj_p)
        };
    let with = obl_with(s, t, &["with"]);
    let mut arg_words = words(s, obj);
    arg_words.extend(words(s, with));
    // "providing $197 million in arms and equipment": what the money buys
    let obj_money = obj.is_some_and(|o| {
        within(s, c.items, &[o], c.text)
            .iter()
            .any(|i| i.amount.is_some())
            || s.lower[o] == "$"
    });
    if obj_money {
        // the phrase after the amount ("In total, … provided $39.7 billion
        // in security assistance")
        let after = obj.unwrap_or(t);
        if let Some(w) = s.kids[t].iter().copied().find(|&k| {
            k > after
                && s.label[k].starts_with("obl")
                && matches!(s.case_of(k).as_deref(), Some("in" | "of"))
        }) {
            arg_words.extend(words(s, Some(w)));
        } else if let Some(w) = obl_with(s, t, &["in", "of"]).filter(|&w| w > after) {
            arg_words.extend(words(s, Some(w)));
        }
    }
    let items = within(s, c.items, &arg_words, c.text);
    let weapons: Vec<Item> = items
        .iter()
        .filter(|i| is_weapon(i.category))
        .cloned()
        .collect();
    let money: Vec<Item> = items
        .iter()
        .filter(|i| !is_weapon(i.category))
        .cloned()
        .collect();
    match e.event {
        EventType::Transfer => {
            if e.flags.needs_weapon && weapons.is_empty() {
                return out;
            }
            // hosting weapons is receiving them; hosting troops is basing
            if e.lemma == "host" && weapons.iter().all(|i| i.category == ItemCategory::Troops) {
                return out;
            }
            // "Russia sent 40 drones toward the Kyiv region": weapons sent
            // at a place are an attack on it
            if matches!(e.lemma.as_str(), "send" | "dispatch") && !weapons.is_empty() {
                let toward = deep_case(c, t, &["toward", "towards", "at", "against"], &mut coref);
                if !toward.is_empty() {
                    let targets: Vec<Ent> = toward
                        .into_iter()
                        .filter(|x| !subj_p.iter().any(|a| a.id == x.id))
                        .collect();
                    let place = targets.iter().find(|x| x.city).cloned();
                    emit(
                        &mut out,
                        EventType::Attack,
                        &subj_p,
                        &targets,
                        &weapons,
                        place,
                        t,
                        format!("ATTACK:verb:{}:toward", e.lemma),
                        hint,
                        coref,
                    );
                    return out;
                }
            }
            if e.flags.recipient_actor {
                // "received Shahed drones from Iran and artillery shells from
                // North Korea": each supplier with the items before it
                let clause = s.subtree(t, &["ccomp", "parataxis", "advcl", "acl:relcl"]);
                let froms: Vec<(usize, Ent)> = clause
                    .iter()
                    .copied()
                    .filter(|&k| k > t && s.lower[k] == "from")
                    .filter_map(|k| {
                        let m =
                            c.sm.at
                                .get(k + 1)
                                .copied()
                                .flatten()
                                .map(|i| c.sm.list[i])?;
                        let en = m.ent.as_ref().filter(|e| e.kind != Kind::Person)?;
                        Some((k, en.as_party()))
                    })
                    .collect();
                if froms.len() >= 2 && froms.windows(2).all(|w| w[0].1.id != w[1].1.id) {
                    let mut prev = t + 1;
                    for (k, supplier) in &froms {
                        let span: Vec<usize> = (prev..*k).filter(|w| clause.contains(w)).collect();
                        let its: Vec<Item> = within(s, c.items, &span, c.text)
                            .into_iter()
                            .filter(|i| is_weapon(i.category))
                            .collect();
                        if !its.is_empty() {
                            emit(
                                &mut out,
                                EventType::Transfer,
                                std::slice::from_ref(supplier),
                                &subj_p,
                                &its,
                                None,
                                t,
                                rule.clone() + ":recipient:each-supplier",
                                hint,
                                coref,
                            );
                        }
                        prev = k + 1;
                        while prev < s.len() && c.sm.at[prev].is_some() {
                            prev += 1;
                        }
                    }
                    if !out.is_empty() {
                        return out;
                    }
                }
                let mut from = obl_with(s, t, &["from"])
                    .map(|w| parties(c, w, &mut coref))
                    .unwrap_or_default();
                // "received the first batch of S-400 systems from Russia":
                // the supplier hung on the object's nouns
                if from.is_empty() {
                    from = deep_case(c, t, &["from"], &mut coref)
                        .into_iter()
                        .filter(|e| !subj_p.iter().any(|x| x.id == e.id))
                        .collect();
                }
                // "welcoming 12,000 DPRK troops", "received Iranian drones":
                // with no "from", the state the troops or weapons are of
                if from.is_empty() {
                    if let Some(o) = obj {
                        from = s.kids[o]
                            .iter()
                            .copied()
                            .filter(|&k| matches!(s.label[k], "compound" | "amod"))
                            .filter_map(|k| c.sm.at[k].map(|i| c.sm.list[i]))
                            .filter_map(|m| m.ent.as_ref())
                            .filter(|e| e.kind == Kind::State && !e.city)
                            .filter(|e| !subj_p.iter().any(|x| x.id == e.id))
                            .map(Ent::as_party)
                            .take(1)
                            .collect();
                    }
                }
                let rule = rule + ":recipient";
                emit(
                    &mut out,
                    EventType::Transfer,
                    &from,
                    &subj_p,
                    &weapons,
                    None,
                    t,
                    rule,
                    hint,
                    coref,
                );
            } else {
                let mut targets = iobj.map(|w| parties(c, w, &mut coref)).unwrap_or_default();
                if targets.is_empty() {
                    if let Some(w) = obl_with(s, t, &["to", "for"]) {
                        targets = parties(c, w, &mut coref);
                    }
                }
                if targets.is_empty() && with.is_some() {
                    targets = obj_p.clone();
                }
                if targets.is_empty() {
                    targets = deep_case(c, t, &["to"], &mut coref);
                }
                // "sending troops to fight alongside Russian forces": those
                // the troops join
                if targets.is_empty()
                    && weapons.iter().any(|i| i.category == ItemCategory::Troops)
                    && s.subtree(t, &["parataxis"]).iter().any(|&k| {
                        matches!(
                            s.lower[k].as_str(),
                            "fight" | "fighting" | "battle" | "combat"
                        )
                    })
                {
                    targets = deep_case(c, t, &["alongside"], &mut coref)
                        .into_iter()
                        .filter(|x| !subj_p.iter().any(|a| a.id == x.id))
                        .collect();
                }
                let its = with_amounts(&weapons, &money);
                emit(
                    &mut out,
                    EventType::Transfer,
                    &subj_p,
                    &targets,
                    &its,
                    None,
                    t,
                    rule,
                    hint,
                    coref,
                );
            }
        }
        EventType::Attack => {
            let fire = e.flags.no_target_test;
            // "a missile fired from a Houthi-controlled area": the launcher
            let mut subj_p = subj_p.clone();
            // "its air defences intercepted …": whose weapons they are
            if subj_p.is_empty() {
                if let Some(p) = subj.and_then(|w| s.kid(w, "nmod:poss")) {
                    subj_p = parties(c, p, &mut coref);
                }
            }
            if subj_p.is_empty() && fire {
                if let Some(f) = obl_with(s, t, &["from"]) {
                    subj_p = owner_in(c, f);
                }
            }
            let obj_is_weapon = obj.is_some_and(|o| {
                let own = s.subtree(
                    o,
                    &[
                        "acl",
                        "acl:relcl",
                        "nmod",
                        "conj",
                        "appos",
                        "punct",
                        "parataxis",
                    ],
                );
                // the weapon is the object itself, not a modifier of it
                // ("struck a Russian ammunition depot")
                within(s, c.items, &own, c.text).iter().any(|i| {
                    is_weapon(i.category) && i.start <= s.spans[o].0 && s.spans[o].1 <= i.end
                })
            });
            if fire && weapons.is_empty() {
                return out;
            }
            // shooting down, intercepting or destroying weapons (or "all of
            // them", "which", back to weapons told before)
            let downing = matches!(
                e.lemma.as_str(),
                "shoot down" | "intercept" | "down" | "destroy"
            );
            let back_reference = obj.is_some_and(|o| {
                matches!(
                    s.lower[o].as_str(),
                    "all" | "most" | "some" | "them" | "which" | "many"
                ) && (s.lower[o] != "all" || s.kids[o].iter().any(|&k| s.lower[k] == "them"))
            });
            let intercepts_weapons = downing && (obj_is_weapon || back_reference);
            // "destroyed" counts only for weapons
            if e.lemma == "destroy" && !intercepts_weapons {
                return out;
            }
            let mut place = place_of(c, t, &mut coref);
            // ("all of them were destroyed": "them" is the weapons, no party)
            let mut targets: Vec<Ent> = if obj_is_weapon && fire || back_reference {
                Vec::new()
            } else {
                obj_p.clone()
            };
            // "shot down a missile fired from a Houthi-controlled area": the
            // projectile's owner is the one attacked
            if targets.is_empty()
                && obj_is_weapon
                && matches!(
                    e.lemma.as_str(),
                    "shoot down" | "intercept" | "down" | "destroy"
                )
            {
                if let Some(o) = obj {
                    targets = owner_in(c, o);
                }
            }
            if targets.is_empty() {
                if let Some(w) =
                    obl_with(s, t, &["at", "on", "against", "into", "toward", "towards"])
                {
                    targets = parties(c, w, &mut coref);
                    // "at cities across Ukraine", "on targets in Syria": the
                    // state the aimed-at places are in
                    if targets.is_empty() {
                        if let Some(n) = s.kids[w].iter().copied().find(|&k| {
                            s.label[k] == "nmod"
                                && matches!(
                                    s.case_of(k).as_deref(),
                                    Some("across" | "in" | "throughout" | "inside")
                                )
                        }) {
                            targets = parties(c, n, &mut coref)
                                .into_iter()
                                .filter(|e| e.kind == Kind::State)
                                .collect();
                        }
                    }
                }
            }
            // "a missile fired from a Houthi-controlled area toward a U.S.
            // Navy destroyer": the direction may hang lower in the parse
            if targets.is_empty() && fire && !subj_p.is_empty() {
                targets = deep_case(c, t, &["toward", "towards", "at", "against"], &mut coref);
                targets.retain(|x| !subj_p.iter().any(|a| a.id == x.id));
            }
            // "these missiles have been launched into Ukraine", "the
            // missiles will be used to target infrastructure": a weapon as
            // the subject names what was used, not always who used it
            let subj = subj.or_else(|| passive_patient(s, t));
            let subj_weapons: Vec<Item> = within(s, c.items, &words(s, subj), c.text)
                .into_iter()
                .filter(|i| is_weapon(i.category))
                .collect();
            let weapon_subject = subj.is_some_and(|w| {
                subj_weapons
                    .iter()
                    .any(|i| i.start <= s.spans[w].0 && s.spans[w].1 <= i.end)
            });
            if e.lemma == "target" && targets.is_empty() && !weapon_subject {
                return out;
            }
            if let Some(city) = targets.iter().find(|e| e.city) {
                place = Some(city.clone());
            }
            if targets.is_empty() {
                if let Some(p) = &place {
                    if !subj_p.iter().any(|a| a.id == p.id) {
                        targets = vec![p.clone()];
                    }
                }
            }
            if targets.is_empty() && !fire && !subj_p.is_empty() {
                if let Some(city) = city_in_sentence(c, t, &subj_p) {
                    place = Some(city.clone());
                    targets = vec![city];
                }
            }
            if fire && targets.is_empty() {
                // "intercepted a ballistic missile fired from Yemen", "the
                // missiles Iran fired": a weapon described as fired was
                // fired at someone, no test
                if subj_p.is_empty() || matches!(s.label[t], "acl" | "acl:relcl") {
                    return out;
                }
                // "Russia launched 20 missiles and 50 drones overnight":
                // drones are launched at someone, not tested; whom the story
                // says (or the event is dropped)
                let drones = weapons.iter().any(|i| i.category == ItemCategory::Drone);
                let (etype, rule) = if drones {
                    (EventType::Attack, format!("ATTACK:verb:{}:drones", e.lemma))
                } else {
                    (EventType::Test, format!("TEST:verb:{}", e.lemma))
                };
                emit(
                    &mut out,
                    etype,
                    &subj_p,
                    &[],
                    &weapons,
                    place,
                    t,
                    rule,
                    hint,
                    coref,
                );
            } else {
                let mut its = if obj_is_weapon || fire {
                    weapons.clone()
                } else {
                    within(s, c.items, &words(s, with), c.text)
                };
                let mut rule = rule;
                if weapon_subject {
                    for i in subj_weapons {
                        if !its.contains(&i) {
                            its.push(i);
                        }
                    }
                    rule.push_str(":weapon-subject");
                } else if (subj_p.is_empty() || targets.is_empty()) && !intercepts_weapons {
                    // only a weapon-subject attack, or the downing of
                    // weapons ("all of them were destroyed", "drones that his
                    // forces shot down"), may wait for its roles
                    return out;
                }
                // "sent 40 drones … and all of them were destroyed": the
                // weapons told before
                if back_reference && its.is_empty() {
                    let before: Vec<usize> = (0..t).collect();
                    its = within(s, c.items, &before, c.text)
                        .into_iter()
                        .filter(|i| is_weapon(i.category))
                        .collect();
                }
                // "drones have been used by Russia to attack …": the weapons
                // used are the passive's subject
                if s.kid(t, "mark").is_some() {
                    if let Some(used) = s.head[t]
                        .filter(|&h| s.kid(h, "aux:pass").is_some())
                        .and_then(|h| s.kid(h, "nsubj:pass"))
                    {
                        for i in within(s, c.items, &words(s, Some(used)), c.text) {
                            if is_weapon(i.category) && !its.contains(&i) {
                                its.push(i);
                            }
                        }
                    }
                }
                emit(
                    &mut out,
                    EventType::Attack,
                    &subj_p,
                    &targets,
                    &its,
                    place,
                    t,
                    rule,
                    hint,
                    coref,
                );
            }
        }
        EventType::Test => {
            // a weapons test: "tested the meter" is none
            if weapons.is_empty() && !weapon_words(s, &s.subtree(t, &["parataxis", "ccomp"])) {
                return out;
            }
            emit(
                &mut out,
                EventType::Test,
                &subj_p,
                &[],
                &weapons,
                place_of(c, t, &mut coref),
                t,
                rule,
                hint,
                coref,
            );
        }
        EventType::Sanction => {
            // "has frozen the assets of three banks": a freeze of assets is
            // a sanction on their owner
            if e.lemma == "freeze" {
                if let Some(o) = obj.filter(|&o| {
                    matches!(
                        s.lower[o].as_str(),
                        "assets" | "funds" | "accounts" | "holdings" | "property" | "reserves"
                    )
                }) {
                    let owner = s.kids[o]
                        .iter()
                        .copied()
                        .find(|&k| {
                            s.label[k] == "nmod:poss"
                                || s.label[k] == "nmod" && s.case_of(k).as_deref() == Some("of")
                        })
                        .map(|k| parties(c, k, &mut coref))
                        .unwrap_or_default();
                    emit(
                        &mut out,
                        EventType::Sanction,
                        &subj_p,
                        &owner,
                        &[],
                        None,
                        t,
                        rule,
                        hint,
                        coref,
                    );
                    return out;
                }
            }
            if e.flags.needs_sanction {
                return out;
            }
            // "OFAC designated 12 entities": designating parties sanctions
            // them; "designated a new commander" or "a designated area" not
            if e.lemma == "designate"
                && !obj.is_some_and(|o| {
                    c.sm.at[o].is_some() || DESIGNATED.contains(&s.lower[o].as_str())
                })
            {
                return out;
            }
            // "targets" are sanctions targets only for a sanctioning office
            // ("the army designated targets" is no sanction)
            if e.lemma == "designate"
                && obj.is_some_and(|o| s.lower[o] == "targets")
                && !subj.is_some_and(|w| {
                    s.subtree(w, &["acl:relcl", "appos"]).iter().any(|&k| {
                        matches!(
                            s.lower[k].as_str(),
                            "treasury"
                                | "ofac"
                                | "department"
                                | "office"
                                | "commerce"
                                | "council"
                                | "ministry"
                                | "government"
                                | "union"
                        )
                    })
                })
            {
                return out;
            }
            emit(
                &mut out,
                EventType::Sanction,
                &subj_p,
                &obj_p,
                &[],
                None,
                t,
                rule,
                hint,
                coref,
            );
        }
        EventType::Aid => {
            // ("pledged to send air defence systems": what is pledged is
            // the event, not aid)
            let pledge = matches!(e.lemma.as_str(), "pledge" | "commit");
            if (e.flags.needs_money || pledge) && money.is_empty() {
                return out;
            }
            // "give" and "send" are aid only for an amount of money
            if matches!(e.lemma.as_str(), "give" | "send")
                && !money.iter().any(|i| i.amount.is_some())
            {
                return out;
            }
            let mut targets = iobj.map(|w| parties(c, w, &mut coref)).unwrap_or_default();
            if targets.is_empty() {
                if let Some(w) = obl_with(s, t, &["to", "for"]) {
                    targets = parties(c, w, &mut coref);
                }
            }
            if targets.is_empty() {
                targets = obj_p.clone();
            }
            if targets.is_empty() {
                // "pledged $500 million in humanitarian aid to Ukraine"
                targets = deep_case(c, t, &["to", "for"], &mut coref);
            }
            // "will lend Ukraine $1.5 billion" parsed with the recipient on
            // the amount
            if targets.is_empty() {
                if let Some(o) = obj.filter(|&o| s.lower[o] == "$") {
                    targets = s.kids[o]
                        .iter()
                        .copied()
                        .filter(|&k| k < o && s.label[k] == "compound")
                        .filter_map(|k| c.sm.at[k].map(|i| c.sm.list[i]))
                        .filter_map(|m| m.ent.as_ref())
                        .filter(|e| e.kind == Kind::State)
                        .map(Ent::as_party)
                        .collect();
                }
            }
            emit(
                &mut out,
                EventType::Aid,
                &subj_p,
                &targets,
                &money,
                None,
                t,
                rule,
                hint,
                coref,
            );
        }
        EventType::Cooperate if e.lemma == "train" => {
            // "will jointly train Ukrainian pilots": training another state's
            // forces is cooperation with that state
            let Some(o) = obj else { return out };
            if !matches!(
                s.lower[o].as_str(),
                "troops"
                    | "pilots"
                    | "soldiers"
                    | "forces"
                    | "personnel"
                    | "servicemen"
                    | "crews"
                    | "marines"
                    | "recruits"
                    | "cadets"
                    | "officers"
            ) {
                return out;
            }
            emit_cooperation(
                &mut out,
                subj_p.clone(),
                obj_p.clone(),
                t,
                &rule,
                hint,
                coref,
            );
        }
        EventType::Cooperate => {
            let with =
                obl_with(s, t, &["with"]).map_or_else(Vec::new, |w| parties(c, w, &mut coref));
            emit_cooperation(&mut out, subj_p.clone(), with, t, &rule, hint, coref);
        }
        EventType::Request
            if s.kids_with(t, "xcomp").any(|x| {
                matches!(
                    s.lower[x].as_str(),
                    "buy" | "purchase" | "acquire" | "obtain" | "procure" | "receive" | "import"
                )
            }) =>
        {
            // "requested to buy", "asked to receive": the wanted act is the event
        }
        EventType::Request => {
            let mut targets = iobj.map(|w| parties(c, w, &mut coref)).unwrap_or_default();
            if targets.is_empty() {
                targets = obj_p.clone();
            }
            if targets.is_empty() {
                if let Some(w) = obl_with(s, t, &["to", "from", "on"]) {
                    targets = parties(c, w, &mut coref);
                }
            }
            if e.lemma == "seek" && targets.is_empty() {
                return out;
            }
            if matches!(e.lemma.as_str(), "urge" | "demand" | "call for")
                && targets.is_empty()
                && obj.is_none()
            {
                return out;
            }
            emit(
                &mut out,
                EventType::Request,
                &subj_p,
                &targets,
                &items,
                None,
                t,
                rule,
                hint,
                coref,
            );
        }
        EventType::Accuse | EventType::Deny | EventType::Threaten => {
            // DENY denies a claim: rejecting a motion, a plan or an offer is
            // a refusal, not a denial
            if e.event == EventType::Deny
                && matches!(e.lemma.as_str(), "reject" | "dismiss" | "deny")
                && obj.is_some_and(|o| {
                    s.is_noun(o)
                        && c.sm.at[o].is_none()
                        && !CLAIM_NOUNS.contains(&s.lower[o].as_str())
                })
            {
                return out;
            }
            // "dismissed reports that …" denies; "dismissed the minister"
            // does not
            if e.event == EventType::Deny
                && e.lemma == "dismiss"
                && !obj.is_some_and(|o| CLAIM_NOUNS.contains(&s.lower[o].as_str()))
            {
                return out;
            }
            let mut targets = obj_p.clone();
            if targets.is_empty() {
                // "warned NATO that …", "warned Russia of severe consequences"
                if let Some(i) = iobj {
                    targets = parties(c, i, &mut coref);
                }
            }
            if targets.is_empty() && e.event == EventType::Accuse && e.lemma == "blame" {
                // "which Kyiv blamed on Russian forces"
                if let Some(w) = obl_with(s, t, &["on"]) {
                    targets = parties(c, w, &mut coref);
                }
            }
            if targets.is_empty() && e.event == EventType::Accuse {
                if let Some(o) = obj {
                    targets = first_party_in(c, o);
                } else {
                    targets = first_party_after(c, t);
                }
            }
            if e.event == EventType::Threaten && targets.is_empty() {
                // "threatened to strike Ukraine"
                if let Some(x) = s.kid(t, "xcomp") {
                    if let Some(o) = s.kid(x, "obj") {
                        targets = parties(c, o, &mut coref);
                    }
                }
            }
            if e.event == EventType::Threaten && targets.is_empty() {
                // "threatened to take action against the United States",
                // "vowed to retaliate against Israel"
                targets = deep_case(c, t, &["against"], &mut coref);
                targets.retain(|x| !subj_p.iter().any(|a| a.id == x.id));
            }
            if matches!(e.lemma.as_str(), "warn" | "vow") {
                // a warning or vow is a threat when it speaks of force
                // ("warned Russia of severe consequences", "vowed to
                // retaliate") and names whom it is aimed at
                let forceful = s
                    .subtree(t, &["parataxis", "punct"])
                    .iter()
                    .any(|&k| FORCE_WORDS.contains(&s.lower[k].as_str()));
                if !forceful || targets.is_empty() {
                    return out;
                }
            }
            emit(
                &mut out,
                e.event,
                &subj_p,
                &targets,
                &[],
                None,
                t,
                rule,
                hint,
                coref,
            );
        }
    }
    out
}

/// Verbs that announce a package or a sale: their subject is its supplier
/// ("the department announced a new package of security assistance").
const ANNOUNCE_VERBS: &[&str] = &[
    "announce",
    "announced",
    "announces",
    "announcing",
    "approve",
    "approved",
    "approves",
    "approving",
    "authorize",
    "authorized",
    "authorizes",
    "authorise",
    "authorised",
    "unveil",
    "unveiled",
    "unveils",
];

/// Verbs of asking, for coordinations of requests ("we urge X to … and
/// call on Y to …").
const REQUEST_VERBS: &[&str] = &[
    "urge", "urges", "urged", "call", "calls", "called", "ask", "asks", "asked", "demand",
    "demands", "demanded", "press", "presses", "pressed",
];

/// Whether the words speak of weapons a test could be of.
fn weapon_words(s: &Sent<'_>, words: &[usize]) -> bool {
    words.iter().any(|&k| {
        matches!(
            s.lower[k].as_str(),
            "nuclear"
                | "missile"
                | "missiles"
                | "rocket"
                | "rockets"
                | "warhead"
                | "weapon"
                | "weapons"
                | "bomb"
                | "icbm"
                | "hypersonic"
                | "ballistic"
                | "torpedo"
                | "drone"
                | "drones"
        )
    })
}

/// What is designated when designating sanctions.
const DESIGNATED: &[&str] = &[
    // "the Treasury is designating nearly 200 targets"
    "targets",
    "entities",
    "entity",
    "individuals",
    "individual",
    "persons",
    "person",
    "people",
    "companies",
    "company",
    "firms",
    "firm",
    "banks",
    "bank",
    "vessels",
    "networks",
    "network",
    "organizations",
    "organisations",
    "officials",
    "businesses",
    "suppliers",
    "procurement",
];

/// What a denial rejects: claims, not proposals.
const CLAIM_NOUNS: &[&str] = &[
    // what is denied as well as what is claimed ("denied any involvement")
    "involvement",
    "responsibility",
    "role",
    "wrongdoing",
    "links",
    "ties",
    "presence",
    "knowledge",
    "existence",
    // an act denied ("denied the attack", "denied any deliveries")
    "attack",
    "attacks",
    "strike",
    "strikes",
    "bombing",
    "shelling",
    "deliveries",
    "transfers",
    "shipments",
    "sale",
    "sales",
    "it",
    "this",
    "that",
    "claim",
    "claims",
    "accusation",
    "accusations",
    "allegation",
    "allegations",
    "charge",
    "charges",
    "report",
    "reports",
    "assertion",
    "assertions",
    "suggestion",
    "suggestions",
    "notion",
    "statement",
    "statements",
    "criticism",
    "reporting",
    "speculation",
    "rumors",
    "rumours",
];

/// Words that make a warning or a vow a threat of force.
const FORCE_WORDS: &[&str] = &[
    "retaliate",
    "retaliation",
    "retaliatory",
    "respond",
    "response",
    "consequences",
    "action",
    "measures",
    "strike",
    "strikes",
    "attack",
    "attacks",
    "force",
    "war",
    "conflict",
    "punish",
    "punishment",
    "revenge",
    "price",
    "destroy",
    "annihilate",
];

/// A state in a "to X" (or other case) phrase anywhere in the clause of
/// verb `v`, when the parse hangs it deep ("transferred ... containing ...
/// to Russia").
fn deep_case(c: &Ctx<'_, '_>, v: usize, cases: &[&str], coref: &mut bool) -> Vec<Ent> {
    let s = c.s;
    let ws = s.subtree(v, &["acl:relcl", "ccomp", "parataxis", "csubj"]);
    for &k in &ws {
        // not into another clause coordinated with the verb
        if s.ancestors(k)
            .iter()
            .take_while(|&&a| a != v)
            .any(|&a| s.label[a] == "conj" && s.is_verb(a))
        {
            continue;
        }
        if k != v && s.is_noun(k) && s.case_of(k).is_some_and(|x| cases.contains(&x.as_str())) {
            let p = parties(c, k, coref);
            if p.iter().any(|e| e.kind == Kind::State) {
                return p;
            }
        }
    }
    Vec::new()
}

/// The first named party anywhere inside an argument, its clauses included.
fn owner_in(c: &Ctx<'_, '_>, w: usize) -> Vec<Ent> {
    let s = c.s;
    let words = s.subtree(w, &["punct", "parataxis"]);
    let mention = |k: usize| c.sm.at.get(k).copied().flatten().map(|i| c.sm.list[i]);
    // under a "from"/"by" phrase first ("fired from a Houthi-controlled area")
    for &k in &words {
        let under_from = std::iter::once(k)
            .chain(s.ancestors(k))
            .take_while(|&a| a != w)
            .any(|a| matches!(s.case_of(a).as_deref(), Some("from") | Some("by")));
        if !under_from {
            continue;
        }
        if let Some(e) = mention(k).and_then(|m| m.ent.as_ref()) {
            if !e.city {
                return vec![e.as_party()];
            }
        }
    }
    for &k in &words {
        if let Some(m) = mention(k) {
            if let Some(e) = &m.ent {
                if !e.city && !m.demonym {
                    return vec![e.as_party()];
                }
            }
        }
    }
    Vec::new()
}

/// The first named party inside an argument (outside "on"/"in" phrases):
/// "condemned the launch by the DPRK".
fn first_party_in(c: &Ctx<'_, '_>, w: usize) -> Vec<Ent> {
    let s = c.s;
    let ws = s.subtree(w, &["acl:relcl", "parataxis", "punct"]);
    // what the act was aimed at or where it happened is not whose act it
    // is ("condemns deadly missile attack on Ukraine railway station")
    let aimed = |k: usize| {
        std::iter::once(k)
            .chain(s.ancestors(k))
            .take_while(|&a| a != w)
            .any(|a| {
                s.label[a] == "nmod"
                    && matches!(
                        s.case_of(a).as_deref(),
                        Some("on") | Some("in") | Some("against") | Some("at")
                    )
            })
    };
    for &k in &ws {
        if aimed(k) {
            return Vec::new();
        }
        if let Some(Some(m)) = c.sm.at.get(k).map(|m| m.map(|i| c.sm.list[i])) {
            if let Some(e) = &m.ent {
                // "the North Korean missile launch": a national adjective
                // in the act's own modifier chain names whose act it is
                let modifier = std::iter::once(k)
                    .chain(s.ancestors(k))
                    .take_while(|&a| a != w)
                    .all(|a| matches!(s.label[a], "amod" | "compound" | "flat"));
                if !m.demonym || k == w || modifier {
                    return vec![e.as_party()];
                }
            }
        }
    }
    Vec::new()
}

/// The first named party after word `t` in its sentence, before a
/// preposition of place or target ("condemns in the strongest terms the
/// DPRK's launch").
fn first_party_after(c: &Ctx<'_, '_>, t: usize) -> Vec<Ent> {
    let s = c.s;
    for k in t + 1..s.len() {
        if matches!(
            s.lower[k].as_str(),
            "on" | "against" | "at" | "into" | "that" | "and" | ";"
        ) || s.upos[k] == "VERB"
        {
            return Vec::new();
        }
        if let Some(m) = c.sm.at[k].map(|i| c.sm.list[i]) {
            if let Some(e) = &m.ent {
                return vec![e.as_party()];
            }
        }
    }
    Vec::new()
}

/// Whether a case marker introduces the target of a nominal event of this
/// type ("sanctions on", "strike against", "delivery to", "aid for").
fn target_case(event: EventType, case: &str) -> bool {
    match event {
        EventType::Transfer | EventType::Aid | EventType::Request => matches!(case, "to" | "for"),
        EventType::Attack => matches!(case, "on" | "against" | "at" | "into" | "across"),
        EventType::Sanction | EventType::Threaten | EventType::Accuse => {
            matches!(case, "on" | "against" | "at" | "into")
        }
        _ => false,
    }
}

/// Verbs whose object noun carries the event and whose subject is its actor.
const LIGHT_VERBS: &[&str] = &[
    // "held joint exercises"
    "hold",
    "held",
    "holds",
    "holding",
    // "Kim Jong Un oversaw the test", "guided a test-fire" (KCNA)
    "oversaw",
    "oversee",
    "oversees",
    "overseeing",
    "supervised",
    "guided",
    "observed",
    "watched",
    "carry",
    "carried",
    "carries",
    "carrying",
    "conduct",
    "conducted",
    "conducts",
    "conducting",
    "launch",
    "launched",
    "launches",
    "launching",
    "impose",
    "imposed",
    "imposes",
    "imposing",
    "put",
    "puts",
    "putting",
    "place",
    "placed",
    "levy",
    "levied",
    "slap",
    "slapped",
    "announce",
    "announced",
    "announces",
    "announcing",
    "approve",
    "approved",
    "approves",
    "approving",
    "signing",
    "providing",
    "sending",
    "sign",
    "signed",
    "signs",
    "reach",
    "reached",
    "reaches",
    "make",
    "made",
    "makes",
    "stage",
    "staged",
    "mount",
    "mounted",
    "unveil",
    "unveiled",
    "authorize",
    "authorized",
    "authorizes",
    "authorise",
    "authorised",
    "provide",
    "provided",
    "provides",
    "send",
    "sent",
    "deliver",
    "delivered",
    "conclude",
    "concluded",
    "seal",
    "sealed",
    "finalize",
    "finalized",
    "ink",
    "inked",
    "extend",
    "extended",
    "expand",
    "expanded",
    "tighten",
    "tightened",
    "introduce",
    "introduced",
    "adopt",
    "adopted",
    "issue",
    "issued",
    "complete",
    "completed",
    "resume",
    "resumed",
    "intensify",
    "intensified",
    "step",
    "stepped",
    "perform",
    "performed",
    "execute",
    "executed",
    "unleash",
    "unleashed",
    "order",
    "ordered",
    "strike",
    "struck",
    "forge",
    "forged",
    "agree",
    "agreed",
    "establish",
    "established",
    "renew",
    "renewed",
    "deepen",
    "deepened",
    "strengthen",
    "strengthened",
    "pledge",
    "pledged",
    "offer",
    "offered",
    "grant",
    "granted",
];

fn noun_frame(
    c: &Ctx<'_, '_>,
    cand: &Cand<'_>,
    e: &TriggerEntry,
    nominal_words: &[usize],
) -> Vec<Found> {
    let s = c.s;
    let n = cand.word;
    let mut out = Vec::new();
    if s.label[n] == "compound" && s.head[n].is_some_and(|h| h > n && s.is_noun(h)) {
        // "assistance package", "missile test launch": the head noun carries
        // it when it is a trigger noun itself (not "test-fire", whose "fire"
        // is no noun trigger)
        if let Some(h) = s.head[n] {
            if c.sm.at[h].is_none() && h <= cand.last + 2 && nominal_words.contains(&h) {
                return out;
            }
        }
    }
    // "a test-fire of new cruise missiles": the phrase's head takes the
    // trigger's place in the sentence
    let n = match s.head[n] {
        Some(h)
            if s.label[n] == "compound"
                && h > n
                && h <= cand.last + 2
                && (s.is_noun(h)
                    || s.xpos[h] == "VBG" && matches!(s.label[h], "obj" | "nsubj" | "nmod"))
                && c.sm.at[h].is_none()
                && s.lower[n + 1] == "-" =>
        {
            h
        }
        _ => n,
    };
    let mut coref = false;
    let rule = format!("{}:noun:{}", e.event, e.lemma);
    let hint = status_hint(e);
    // own modifiers
    let mut actors: Vec<Ent> = Vec::new();
    let mut targets: Vec<Ent> = Vec::new();
    let mut place = None;
    let mut between: Vec<Ent> = Vec::new();
    for &k in &s.kids[n] {
        if k >= cand.first && k <= cand.last {
            continue;
        }
        let l = s.label[k];
        let case = s.case_of(k);
        match (l, case.as_deref()) {
            ("nmod:poss", _) | ("amod", _) | ("compound", _) => {
                if let Some(m) = c.sm.at[k].map(|i| c.sm.list[i]) {
                    if let Some(en) = &m.ent {
                        if !en.city {
                            actors.push(en.as_party());
                        }
                    }
                } else if l == "nmod:poss" {
                    actors.extend(parties(c, k, &mut coref));
                }
            }
            ("nmod", Some("by")) => actors.extend(parties(c, k, &mut coref)),
            ("nmod", Some("from")) if e.event == EventType::Transfer => {
                actors.extend(parties(c, k, &mut coref))
            }
            // (an "obl" on a noun is a misparse of the same)
            (
                "nmod" | "obl",
                Some(cs @ ("on" | "against" | "to" | "for" | "at" | "into" | "across")),
            ) if target_case(e.event, cs) => {
                let p = parties(c, k, &mut coref);
                if let Some(city) = p.iter().find(|x| x.city) {
                    place = Some(city.clone());
                }
                targets.extend(p);
            }
            ("nmod", Some("in" | "near" | "over")) => {
                if let Some(p) = parties(c, k, &mut coref)
                    .into_iter()
                    .find(|x| x.kind == Kind::State)
                {
                    place = Some(p);
                }
            }
            ("nmod", Some("between" | "with")) => between.extend(parties(c, k, &mut coref)),
            // "the invasion of Iraq", "the bombing of Gaza": the one the act
            // falls on
            ("nmod", Some("of"))
                if e.event == EventType::Attack
                    && matches!(
                        s.lower[n].as_str(),
                        "invasion" | "occupation" | "bombing" | "shelling" | "bombardment"
                    ) =>
            {
                let p = parties(c, k, &mut coref);
                if let Some(city) = p.iter().find(|x| x.city) {
                    place = Some(city.clone());
                }
                targets.extend(p);
            }
            _ => {}
        }
    }
    // "a package of weapons for Ukraine", "Assistance Package for Ukraine"
    // (apposition in a headline): the target hangs one level down
    if targets.is_empty() {
        for &k in &s.kids[n] {
            let of = s.label[k] == "nmod" && s.case_of(k).as_deref() == Some("of");
            if !(of || s.label[k] == "appos") {
                continue;
            }
            for &g in &s.kids[k] {
                if s.label[g] == "nmod" && s.case_of(g).is_some_and(|cs| target_case(e.event, &cs))
                {
                    targets.extend(parties(c, g, &mut coref));
                }
            }
        }
    }
    // the trigger phrase's own words ("Russian missile strike": compound inside)
    for k in cand.first..cand.last {
        if let Some(m) = c.sm.at[k].map(|i| c.sm.list[i]) {
            if let Some(en) = &m.ent {
                actors.push(en.as_party());
            }
        }
    }
    // "the DPRK's, January 6 launch" with the possessive misattached: a
    // possessor just before the noun's own modifiers
    if actors.is_empty() && matches!(e.event, EventType::Test | EventType::Attack) {
        let mut k = n;
        while k > 0 && n - k < 6 {
            k -= 1;
            let w = s.lower[k].as_str();
            if matches!(w, "'s" | "\u{2019}s") {
                if let Some(m) = k
                    .checked_sub(1)
                    .and_then(|p| c.sm.at[p])
                    .map(|i| c.sm.list[i])
                {
                    if let Some(en) = &m.ent {
                        if !en.city {
                            actors.push(en.as_party());
                        }
                    }
                }
                break;
            }
            let modifier = matches!(s.upos[k], "NUM" | "ADJ" | "PUNCT")
                || s.label[k] == "compound"
                || is_month(w);
            if !modifier {
                break;
            }
        }
    }
    // "Biden's announcement of a package", "the approval of a sale"
    if actors.is_empty() && s.label[n] == "nmod" && s.case_of(n).as_deref() == Some("of") {
        if let Some(h) = s.head[n] {
            if let Some(p) = s.kid(h, "nmod:poss") {
                actors = parties(c, p, &mut coref);
            }
        }
    }
    // "Washington added 12 Chinese firms to the Entity List": a list that
    // parties are put on, the one who puts them and whom
    // (the list hung on the object: "added 12 firms to the Entity List")
    let put_on = if s.label[n].starts_with("obl") {
        s.head[n]
    } else if s.label[n] == "nmod" {
        s.head[n]
            .filter(|&o| s.label[o] == "obj")
            .and_then(|o| s.head[o])
    } else {
        None
    };
    if e.event == EventType::Sanction && put_on.is_some() {
        if let Some(g) = put_on.filter(|&g| {
            matches!(
                s.lower[g].as_str(),
                "add"
                    | "added"
                    | "adds"
                    | "adding"
                    | "put"
                    | "puts"
                    | "putting"
                    | "placed"
                    | "place"
            )
        }) {
            if matches!(s.case_of(n).as_deref(), Some("to" | "on")) {
                if actors.is_empty() {
                    if let Some(sj) = subject(s, g, 0) {
                        actors = parties(c, sj, &mut coref);
                    }
                }
                if targets.is_empty() {
                    if let Some(o) = s.kid(g, "obj") {
                        targets = parties(c, o, &mut coref);
                    }
                }
            }
        }
    }
    // the governing verb: "X imposed sanctions on Y", "X signed an agreement with Y"
    if let Some(g) = s.head[n] {
        let announcing = matches!(e.event, EventType::Transfer | EventType::Aid)
            && ANNOUNCE_VERBS.contains(&s.lower[g].as_str());
        // ("xcomp": "launched a missile and drone attack" misparsed)
        // ("obl" with no preposition: "announced a new $425 million
        // package" parsed with the amount as the object)
        // ("announced $500 million in humanitarian assistance": the aid
        // noun after the amount)
        let object = s.label[n] == "obj"
            || s.label[n] == "xcomp" && LIGHT_VERBS.contains(&s.lower[g].as_str())
            || s.label[n] == "obl" && s.case_of(n).is_none()
            || s.label[n] == "obl"
                && s.case_of(n).as_deref() == Some("in")
                && s.kid(g, "obj")
                    .is_some_and(|o| o < n && (s.lower[o] == "$" || s.upos[o] == "NUM"));
        if object && s.is_verb(g) && (LIGHT_VERBS.contains(&s.lower[g].as_str()) || announcing) {
            if actors.is_empty() {
                if let Some(sj) = subject(s, g, 0) {
                    actors = parties(c, sj, &mut coref);
                }
            }
            if targets.is_empty() {
                if let Some(w) = obl_with(s, g, &["on", "against", "to", "for", "at", "into"]) {
                    targets = parties(c, w, &mut coref);
                }
            }
            if between.is_empty() {
                if let Some(w) = obl_with(s, g, &["with", "between"]) {
                    between = parties(c, w, &mut coref);
                }
            }
            if place.is_none() {
                place = place_of(c, g, &mut coref);
            }
        }
    }
    let mut ws = s.subtree(n, &["acl:relcl", "parataxis", "punct", "appos"]);
    // "announced $500 million in humanitarian assistance": the amount is
    // the verb's object
    if s.label[n] == "obl" && s.case_of(n).as_deref() == Some("in") {
        if let Some(o) = s.head[n]
            .and_then(|g| s.kid(g, "obj"))
            .filter(|&o| o < n && (s.lower[o] == "$" || s.upos[o] == "NUM"))
        {
            ws.extend(s.subtree(o, &["acl:relcl", "punct"]));
        }
    }
    // "launched a missile and drone attack" misparsed: the weapons are the
    // light verb's object
    if s.label[n] == "xcomp" {
        if let Some(g) = s.head[n].filter(|&g| LIGHT_VERBS.contains(&s.lower[g].as_str())) {
            if let Some(o) = s.kid(g, "obj") {
                ws.extend(s.subtree(o, &["acl:relcl", "punct"]));
            }
        }
    }
    // "a new $250 million package" parsed with the amount beside the noun
    let mut k = n;
    while k > 0
        && (matches!(s.upos[k - 1], "NUM" | "SYM" | "ADJ")
            || matches!(s.lower[k - 1].as_str(), "million" | "billion"))
    {
        k -= 1;
        if !ws.contains(&k) {
            ws.push(k);
        }
    }
    let mut its = within(s, c.items, &ws, c.text);
    its.retain(|i| {
        !(i.start <= s.spans[n].0 && s.spans[n].1 <= i.end && i.category == ItemCategory::Other)
    });
    if !its.iter().any(|i| is_weapon(i.category)) && e.event == EventType::Transfer {
        // a long list of what is sold, which the parse breaks into
        // appositions and fragments ("a possible sale to Poland of AIM-120D
        // Advanced Medium-Range Air-to-Air Missiles")
        let wide = s.subtree(n, &["acl:relcl"]);
        for i in within(s, c.items, &wide, c.text) {
            if is_weapon(i.category) && !its.contains(&i) {
                its.push(i);
            }
        }
    }
    let weapons: Vec<Item> = its
        .iter()
        .filter(|i| is_weapon(i.category))
        .cloned()
        .collect();
    let money: Vec<Item> = its
        .iter()
        .filter(|i| !is_weapon(i.category))
        .cloned()
        .collect();
    dedup(&mut actors);
    dedup(&mut targets);
    match e.event {
        EventType::Transfer => {
            if e.flags.needs_weapon && weapons.is_empty() {
                return out;
            }
            // "opposes any arms sales to Taiwan": a generality, no event
            if actors.is_empty() && s.kids_with(n, "det").any(|k| s.lower[k] == "any") {
                return out;
            }
            if e.flags.recipient_actor {
                // "Iran's purchase of missiles from Russia"
                let rule = rule + ":recipient";
                emit(
                    &mut out,
                    EventType::Transfer,
                    &[],
                    &actors,
                    &weapons,
                    None,
                    n,
                    rule,
                    hint,
                    coref,
                );
            } else {
                // "a sale of F-16 jets to Turkey worth $23 billion" with
                // the recipient swallowed by the next phrase: a state right
                // after "to" in the noun's phrase
                let mut targets = targets;
                if targets.is_empty() {
                    let phrase = s.subtree(n, &["acl:relcl", "parataxis"]);
                    if let Some(w) = phrase.iter().copied().find(|&k| {
                        s.lower[k] == "to" && phrase.contains(&(k + 1)) && c.sm.at[k + 1].is_some()
                    }) {
                        if let Some(m) = c.sm.at[w + 1].map(|i| c.sm.list[i]) {
                            if let Some(en) = m.ent.as_ref().filter(|e| e.kind == Kind::State) {
                                targets.push(en.as_party());
                            }
                        }
                    }
                }
                let its = with_amounts(&weapons, &money);
                emit(
                    &mut out,
                    EventType::Transfer,
                    &actors,
                    &targets,
                    &its,
                    None,
                    n,
                    rule,
                    hint,
                    coref,
                );
            }
        }
        EventType::Aid => {
            // "its 14th package of sanctions": a package of what is no help
            if s.kids[n].iter().any(|&k| {
                s.label[k] == "nmod"
                    && s.case_of(k).as_deref() == Some("of")
                    && matches!(
                        s.lower[k].as_str(),
                        "sanctions"
                            | "measures"
                            | "restrictions"
                            | "penalties"
                            | "reforms"
                            | "laws"
                            | "proposals"
                            | "amendments"
                            | "tariffs"
                    )
            }) {
                return out;
            }
            // "security assistance package": the modifiers, and theirs
            let mods: Vec<usize> = s.kids[n]
                .iter()
                .copied()
                .chain(
                    s.kids
                        .get(s.head[n].unwrap_or(n))
                        .into_iter()
                        .flatten()
                        .copied(),
                )
                .flat_map(|k| {
                    std::iter::once(k).chain(
                        s.kids[k]
                            .iter()
                            .copied()
                            .filter(|&g| s.label[g] == "compound"),
                    )
                })
                .collect();
            let military = mods.iter().any(|&k| {
                matches!(
                    s.lower[k].as_str(),
                    "security" | "military" | "defense" | "defence" | "weapons" | "arms"
                )
            });
            // "…, including Stinger missiles and artillery rounds", however
            // the parse hangs the list
            let mut weapons = weapons;
            if weapons.is_empty() {
                if let Some(inc) = (n + 1..s.len()).find(|&k| s.lower[k] == "including") {
                    let end = (inc + 1..s.len())
                        .find(|&k| matches!(s.lower[k].as_str(), ";" | "." | "but"))
                        .unwrap_or(s.len());
                    let list: Vec<usize> = (inc + 1..end).collect();
                    weapons = within(s, c.items, &list, c.text)
                        .into_iter()
                        .filter(|i| is_weapon(i.category))
                        .collect();
                }
            }
            if military || !weapons.is_empty() {
                let rule = format!("TRANSFER:noun:{}", e.lemma);
                let its = with_amounts(&weapons, &money);
                emit(
                    &mut out,
                    EventType::Transfer,
                    &actors,
                    &targets,
                    &its,
                    None,
                    n,
                    rule,
                    hint,
                    coref,
                );
            } else {
                // a "package" is aid when money or help is said ("a travel
                // package" is none)
                let helpful = mods.iter().any(|&k| {
                    matches!(
                        s.lower[k].as_str(),
                        "aid"
                            | "assistance"
                            | "humanitarian"
                            | "economic"
                            | "financial"
                            | "support"
                            | "relief"
                            | "rescue"
                            | "bailout"
                            | "loan"
                    )
                });
                if e.lemma == "package" && money.is_empty() && !helpful {
                    return out;
                }
                emit(
                    &mut out,
                    EventType::Aid,
                    &actors,
                    &targets,
                    &money,
                    None,
                    n,
                    rule,
                    hint,
                    coref,
                );
            }
        }
        EventType::Attack => {
            if targets.is_empty() {
                if let Some(p) = &place {
                    if !actors.iter().any(|a| a.id == p.id) {
                        targets = vec![p.clone()];
                    }
                }
            }
            // "A Ukrainian drone attack set fire to an oil depot in Russia's
            // Bryansk region": the attack as the subject of what it did, the
            // state where that happened its target
            if targets.is_empty() && !actors.is_empty() && s.label[n] == "nsubj" {
                if let Some(g) = s.head[n].filter(|&g| s.is_verb(g)) {
                    let hit: Vec<usize> = s.kids[g]
                        .iter()
                        .copied()
                        .filter(|&k| s.label[k] == "obj" || s.label[k].starts_with("obl"))
                        .flat_map(|k| s.subtree(k, &["acl:relcl", "parataxis", "ccomp", "advcl"]))
                        .collect();
                    let mut ws = hit.clone();
                    ws.sort_unstable();
                    if let Some(en) = ws
                        .iter()
                        .filter_map(|&w| c.sm.at[w].map(|i| c.sm.list[i]))
                        .filter_map(|m| m.ent.as_ref())
                        .find(|en| en.kind == Kind::State && !actors.iter().any(|a| a.id == en.id))
                    {
                        if en.city {
                            place = Some(en.clone());
                        } else if place.is_none() {
                            place = Some(en.as_party());
                        }
                        targets = vec![en.as_party()];
                    }
                }
            }
            // "a missile strike on a railway station, which Kyiv blamed on
            // Russian forces"
            if actors.is_empty() {
                actors = blamed_on(c, n, &mut coref);
            }
            let partial = actors.is_empty();
            if partial && (targets.is_empty() || weapons.is_empty()) {
                return out;
            }
            if targets.is_empty() && !e.flags.no_target_test {
                if let Some(city) = city_in_sentence(c, n, &actors) {
                    place = Some(city.clone());
                    targets = vec![city];
                }
            }
            if e.flags.no_target_test && targets.is_empty() {
                if weapons.is_empty() {
                    return out;
                }
                let rule = format!("TEST:noun:{}", e.lemma);
                emit(
                    &mut out,
                    EventType::Test,
                    &actors,
                    &[],
                    &weapons,
                    place,
                    n,
                    rule,
                    hint,
                    coref,
                );
                return out;
            }
            let rule = if partial { rule + ":open-actor" } else { rule };
            emit(
                &mut out,
                EventType::Attack,
                &actors,
                &targets,
                &weapons,
                place,
                n,
                rule,
                hint,
                coref,
            );
        }
        EventType::Test => {
            // "their testing schedule" is no weapons test
            if weapons.is_empty()
                && !weapon_words(s, &(cand.first..=cand.last).collect::<Vec<_>>())
                && !weapon_words(s, &s.subtree(n, &["acl:relcl", "parataxis"]))
            {
                return out;
            }
            emit(
                &mut out,
                EventType::Test,
                &actors,
                &[],
                &weapons,
                place,
                n,
                rule,
                hint,
                coref,
            );
        }
        EventType::Sanction => {
            if targets.is_empty() && actors.is_empty() {
                return out;
            }
            emit(
                &mut out,
                EventType::Sanction,
                &actors,
                &targets,
                &[],
                None,
                n,
                rule,
                hint,
                coref,
            );
        }
        EventType::Cooperate => {
            // exercises, drills and patrols are cooperation only when joint
            // ("China and Russia held joint naval exercises")
            if matches!(e.lemma.as_str(), "exercise" | "drill" | "patrol")
                && !s.kids[n].iter().any(|&k| {
                    matches!(
                        s.lower[k].as_str(),
                        "joint" | "combined" | "bilateral" | "trilateral"
                    )
                })
            {
                return out;
            }
            emit_cooperation(&mut out, actors.clone(), between, n, &rule, hint, coref);
        }
        EventType::Request | EventType::Accuse | EventType::Deny | EventType::Threaten => {
            // nominal statements ("a threat", "an accusation") are rarely the news
            if e.lemma == "ultimatum" || e.lemma == "condemnation" {
                emit(
                    &mut out,
                    e.event,
                    &actors,
                    &targets,
                    &[],
                    None,
                    n,
                    rule,
                    hint,
                    coref,
                );
            }
        }
    }
    out
}

fn dedup(v: &mut Vec<Ent>) {
    let mut seen: Vec<String> = Vec::new();
    v.retain(|e| {
        if seen.contains(&e.id) {
            false
        } else {
            seen.push(e.id.clone());
            true
        }
    });
}

/// Words excluded from argument collection (re-exported for tests).
pub const STOP: &[&str] = ARG_STOP;

/// The city or region named in the sentence nearest to the trigger `t`
/// that is not the actors' own: an attack with no stated target ("a Russian
/// rocket attack on an apartment building ... in Chasiv Yar") hits the
/// state of the place it names (GUIDELINES 11).
fn city_in_sentence(c: &Ctx<'_, '_>, t: usize, actors: &[Ent]) -> Option<Ent> {
    let s = c.s;
    (0..s.len())
        .filter_map(|w| {
            let m = c.sm.list[c.sm.at[w]?];
            let e = m.ent.as_ref()?;
            // a city, or a state as the place ("a strike on a railway
            // station in Ukraine")
            let place = e.city
                || e.kind == Kind::State
                    && !m.demonym
                    && w > t
                    && s.case_of(w).as_deref() == Some("in")
                    && same_clause(s, w, t);
            (place && !actors.iter().any(|a| a.id == e.id)).then(|| (w.abs_diff(t), e.clone()))
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, e)| e)
}

/// Who an attack noun is blamed on in its relative clause ("a strike, which
/// Kyiv blamed on Russian forces") or participle ("an attack blamed on").
fn blamed_on(c: &Ctx<'_, '_>, n: usize, coref: &mut bool) -> Vec<Ent> {
    let s = c.s;
    // the clause may hang on any later noun of the sentence ("a strike on a
    // market in Kharkiv, which Kyiv blamed on ...")
    for k in n + 1..s.len() {
        if !s.label[k].starts_with("acl") || !s.head[k].is_some_and(|h| s.is_noun(h) && h >= n) {
            continue;
        }
        if !matches!(
            s.lower[k].as_str(),
            "blamed" | "blames" | "attributed" | "attributes"
        ) {
            continue;
        }
        if let Some(w) = obl_with(s, k, &["on", "to"]) {
            let p = parties(c, w, coref);
            if !p.is_empty() {
                return p;
            }
        }
    }
    Vec::new()
}

/// Whether word `w` hangs, through nominals only, under `t` or under the
/// word `t` itself depends on (its clause).
fn same_clause(s: &Sent<'_>, w: usize, t: usize) -> bool {
    let top = s.head[t];
    let mut x = w;
    for _ in 0..8 {
        let Some(h) = s.head[x] else { return false };
        if h == t || Some(h) == top {
            return true;
        }
        if !(s.is_noun(h) || matches!(s.upos[h], "NUM" | "PRON")) {
            return false;
        }
        x = h;
    }
    false
}

/// What a passive verb acts on, through an xcomp or a purpose clause ("the
/// missiles will be used to target …" → the missiles).
fn passive_patient(s: &Sent<'_>, t: usize) -> Option<usize> {
    s.kid(t, "nsubj:pass").or_else(|| {
        let h = s.head[t]?;
        let to_clause = s.label[t] == "advcl" && s.kids_with(t, "mark").any(|m| s.lower[m] == "to");
        (s.label[t] == "xcomp" || to_clause).then(|| s.kid(h, "nsubj:pass"))?
    })
}

/// What a transfer carries: its weapons and equipment, and the amounts of
/// money among `money` ("$197 million in arms and equipment").
fn with_amounts(weapons: &[Item], money: &[Item]) -> Vec<Item> {
    let mut its = weapons.to_vec();
    its.extend(money.iter().filter(|i| i.amount.is_some()).cloned());
    its
}
