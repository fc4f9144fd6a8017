//! Within-document coreference, enough for news: "he"/"she" (the last
//! person), "they" (the last actor), "it" (the last state or group), "we"
//! (the speaker's side), "the two nations"/"both countries" (the last pair
//! of states).

use crate::entities::{Ent, Kind, Mention};
use crate::sent::Sent;

/// What earlier text makes available to a pronoun.
#[derive(Debug, Default, Clone)]
pub struct Coref {
    /// The actor of the last event recorded.
    pub last_actor: Option<Ent>,
    /// The target of the last event recorded (for an object "them").
    pub last_target: Option<Ent>,
    /// The speaker of the current transcript turn.
    pub speaker: Option<Ent>,
    /// Who speaks in a statement's own voice (for "we").
    pub voice: Option<Ent>,
}

const PAIR_NOUNS: &[&str] = &[
    "nations",
    "countries",
    "states",
    "governments",
    "regimes",
    "leaders",
    "ministers",
    "presidents",
];

/// Pair nouns for people: their state counts ("the two leaders").
const PEOPLE_PAIR_NOUNS: &[&str] = &["leaders", "ministers", "presidents"];

/// The state or group that is the subject of the verb whose complement
/// clause has `w` as subject ("X denied that it …", "X rejected the claim
/// that it …").
fn matrix_subject(s: &Sent<'_>, mentions: &[Mention], w: usize) -> Option<Ent> {
    let v = s.head[w]?;
    let reporting = |k: usize| {
        matches!(
            s.lower[k].as_str(),
            "said" | "says" | "say" | "told" | "reported" | "added" | "stated"
        )
    };
    // "…, the military said, days after it tested a missile": a clause of
    // time or cause is about the main clause's subject, past the reporting
    // verb it may hang on
    let adverbial = s.kids[v].iter().any(|&k| {
        s.label[k] == "mark"
            && matches!(
                s.lower[k].as_str(),
                "after" | "before" | "when" | "while" | "as" | "because" | "since" | "until"
            )
    });
    if adverbial {
        let mut m = s.head[v]?;
        while reporting(m) && matches!(s.label[m], "parataxis" | "ccomp") {
            m = s.head[m]?;
        }
        if reporting(m) {
            return None;
        }
        let subj = s.kids_with(m, "nsubj").next()?;
        return state_of_phrase(s, mentions, subj);
    }
    let mut m = match s.label[v] {
        "ccomp" => s.head[v]?,
        "acl" | "acl:relcl" => s.head[v]?,
        _ => return None,
    };
    // the noun whose content the clause gives: on to its verb
    if s.is_noun(m) {
        m = s.head[m].filter(|_| matches!(s.label[m], "obj" | "nsubj:pass"))?;
    }
    let subj = s.kids_with(m, "nsubj").next()?;
    state_of_phrase(s, mentions, subj)
}

/// The state or group named in the phrase of word `subj` ("Ukraine's
/// military").
fn state_of_phrase(s: &Sent<'_>, mentions: &[Mention], subj: usize) -> Option<Ent> {
    let words = s.subtree(subj, &["acl:relcl", "appos", "punct"]);
    let start = words.iter().map(|&k| s.spans[k].0).min()?;
    let end = words.iter().map(|&k| s.spans[k].1).max()?;
    mentions
        .iter()
        .filter(|x| x.start < end && x.end > start && !x.demonym)
        .filter_map(|x| x.ent.as_ref())
        .find(|e| matches!(e.kind, Kind::State | Kind::Org))
        .map(Ent::as_party)
}

impl Coref {
    /// Resolves a pronoun or "the two nations" at word `w` of `s`: zero, one
    /// or two parties.
    pub fn resolve(&self, s: &Sent<'_>, mentions: &[Mention], w: usize) -> Vec<Ent> {
        let pos = s.spans[w].0;
        let before = |pred: &dyn Fn(&Ent) -> bool, within: usize| -> Option<Ent> {
            mentions
                .iter()
                .rev()
                .filter(|m| m.end <= pos && pos - m.end <= within)
                .filter_map(|m| m.ent.as_ref().filter(|_| !m.demonym))
                .find(|e| pred(e))
                .cloned()
        };
        let lw = s.lower[w].as_str();
        // "sanctions on three Iranian companies, accusing them of …": a
        // plural pronoun after unnamed private parties of its own sentence
        // is those parties, no state or group of earlier sentences
        if matches!(lw, "they" | "their" | "them")
            && (0..w)
                .rev()
                .find(|&k| matches!(s.xpos[k], "NNS" | "NNPS"))
                .is_some_and(|k| crate::entities::is_private_party_noun(&s.lower[k]))
        {
            return Vec::new();
        }
        // "Minsk rejected the claim that it had sent tanks": the subject
        // "it" of a clause that a state's or group's statement takes is
        // that state or group
        if lw == "it" && s.label[w] == "nsubj" {
            if let Some(e) = matrix_subject(s, mentions, w) {
                return vec![e];
            }
        }
        match lw {
            "he" | "she" | "him" | "her" | "his" => before(&|e| e.kind == Kind::Person, 1500)
                .into_iter()
                .collect(),
            "they" | "their" => self.last_actor.clone().into_iter().collect(),
            "them" => self
                .last_target
                .clone()
                .or_else(|| self.last_actor.clone())
                .into_iter()
                .collect(),
            "it" | "its" => before(
                &|e| matches!(e.kind, Kind::State | Kind::Org) && !e.city,
                300,
            )
            .into_iter()
            .collect(),
            "we" | "us" | "i" => self
                .speaker
                .clone()
                .or_else(|| self.voice.clone())
                .into_iter()
                .collect(),
            _ if PAIR_NOUNS.contains(&lw) && self.is_pair_phrase(s, w) => {
                let mut out: Vec<Ent> = Vec::new();
                for m in mentions
                    .iter()
                    .rev()
                    .filter(|m| m.end <= pos && pos - m.end <= 3000)
                {
                    if let Some(e) = &m.ent {
                        // "Secretary Austin met his counterpart from Japan
                        // … the two leaders": people count for their state
                        let e = if PEOPLE_PAIR_NOUNS.contains(&lw) {
                            e.as_party()
                        } else {
                            e.clone()
                        };
                        if e.kind == Kind::State && !e.city && !out.iter().any(|o| o.id == e.id) {
                            out.push(e);
                            if out.len() == 2 {
                                break;
                            }
                        }
                    }
                }
                if out.len() == 2 {
                    out.reverse();
                    out
                } else {
                    Vec::new()
                }
            }
            _ => Vec::new(),
        }
    }

    fn is_pair_phrase(&self, s: &Sent<'_>, w: usize) -> bool {
        s.kids[w]
            .iter()
            .any(|&k| matches!(s.lower[k].as_str(), "two" | "both"))
    }
}
