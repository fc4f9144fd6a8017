//! Who says so: reporting verbs governing the trigger, "according to X",
//! and transcript speakers (GUIDELINES 16).

use tidings_lexicon::{Certainty, Lexicon};

use crate::coref::Coref;
use crate::entities::{resolve, Ent, Kind, Mention, SentMentions};
use crate::sent::Sent;

fn unnamed(name: &str) -> Ent {
    Ent {
        id: "UNNAMED".into(),
        name: name.into(),
        kind: Kind::Unnamed,
        state: None,
        city: false,
    }
}

fn claimant(
    s: &Sent<'_>,
    sm: &SentMentions<'_>,
    all: &[Mention],
    coref: &Coref,
    w: usize,
) -> Option<Ent> {
    if let Some(e) = resolve(s, sm, w) {
        return Some(e);
    }
    if let Some(e) = coref.resolve(s, all, w).into_iter().next() {
        return Some(e);
    }
    let lw = s.lower[w].as_str();
    if matches!(
        lw,
        "reports"
            | "report"
            | "sources"
            | "officials"
            | "experts"
            | "analysts"
            | "media"
            | "witnesses"
            | "residents"
    ) {
        return Some(unnamed(s.forms[w]));
    }
    None
}

/// Claimants of the event at word `t`, nearest first, and the certainty the
/// reporting verbs imply.
pub fn attribution(
    lex: &Lexicon,
    s: &Sent<'_>,
    sm: &SentMentions<'_>,
    all: &[Mention],
    coref: &Coref,
    t: usize,
) -> (Vec<Ent>, Certainty) {
    let mut out: Vec<Ent> = Vec::new();
    let mut cert = Certainty::Certain;
    for a in s.ancestors(t) {
        let Some(sv) = lex.speech_verb(&s.lower[a]) else {
            continue;
        };
        if !s.is_verb(a) && s.upos[a] != "NOUN" {
            continue;
        }
        if sv.certainty != Certainty::Certain {
            cert = sv.certainty;
        }
        let subj = crate::roles::subject(s, a, 0)
            .or_else(|| {
                s.kids[a]
                    .iter()
                    .copied()
                    .find(|&k| s.label[k] == "obl:agent")
            })
            .or_else(|| s.kid(a, "nmod:poss"));
        let subj = subj.or_else(|| {
            // "information indicating": the noun the participle modifies
            if s.label[a] == "acl" {
                s.head[a]
            } else {
                None
            }
        });
        if let Some(w) = subj {
            if let Some(e) = claimant(s, sm, all, coref, w) {
                if !out.iter().any(|o| o.id == e.id) {
                    out.push(e);
                }
            }
        }
    }
    // "according to X"
    for i in 0..s.len().saturating_sub(1) {
        if s.lower[i] == "according" && s.lower[i + 1] == "to" {
            let head = s.head[i]
                .filter(|&h| h > i + 1)
                .or_else(|| (i + 2 < s.len()).then_some(i + 2));
            if let Some(h) = head {
                // the nominal after "according to"
                let w = (i + 2..s.len())
                    .find(|&k| s.is_noun(k) || s.upos[k] == "PRON")
                    .unwrap_or(h);
                let w = s.head[w].filter(|&x| x > w && s.is_noun(x)).unwrap_or(w);
                if let Some(e) = claimant(s, sm, all, coref, w) {
                    if !out.iter().any(|o| o.id == e.id) {
                        out.insert(0, e);
                    }
                }
            }
        }
    }
    if let Some(sp) = coref.speaker.as_ref().or(coref.voice.as_ref()) {
        if !out.iter().any(|o| o.id == sp.id) {
            out.push(sp.clone());
        }
    }
    (out, cert)
}
