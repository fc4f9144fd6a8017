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
        // "U.S. Secretary of State Antony Blinken said": the person named
        // in the title's phrase, not the state of the title; "Kyiv Mayor
        // Vitali Klitschko said": the person, not the city
        let person_among = |any_label: bool| {
            s.kids[w]
                .iter()
                .filter(|&&k| any_label || matches!(s.label[k], "flat" | "appos" | "compound"))
                .filter_map(|&k| sm.at[k].and_then(|i| sm.list[i].ent.clone()))
                .find(|x| x.kind == Kind::Person)
        };
        if e.kind != Kind::Person {
            if let Some(p) = person_among(false).or_else(|| e.city.then(|| person_among(true))?) {
                return Some(p);
            }
        }
        if e.city {
            // a person the lexicon does not know: the proper nouns after
            // the title ("Odesa Mayor Hennadiy Trukhanov")
            let titles = [
                "mayor",
                "governor",
                "head",
                "chief",
                "spokesperson",
                "spokesman",
            ];
            let words: Vec<usize> = s.kids[w]
                .iter()
                .copied()
                .filter(|&k| k > w && s.upos[k] == "PROPN" && sm.at[k].is_none())
                .flat_map(|k| {
                    std::iter::once(k).chain(
                        s.kids[k]
                            .iter()
                            .copied()
                            .filter(|&g| s.upos[g] == "PROPN" && sm.at[g].is_none()),
                    )
                })
                .filter(|&k| !titles.contains(&s.lower[k].as_str()))
                .collect();
            if let Some(p) = person_of_words(s, words) {
                return Some(p);
            }
        }
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
        // "Washington added 12 firms to the Entity List": adding something
        // is no saying
        if matches!(s.lower[a].as_str(), "add" | "added" | "adds" | "adding")
            && s.kid(a, "obj").is_some()
        {
            continue;
        }
        if sv.certainty != Certainty::Certain {
            cert = sv.certainty;
        }
        // "North Korea is believed to have shipped": the passive's subject
        // is what is said, not who says it (that is the agent, if any)
        let passive = s.kids_with(a, "aux:pass").next().is_some()
            || s.kids_with(a, "nsubj:pass").next().is_some();
        let subj = (!passive)
            .then(|| crate::roles::subject(s, a, 0))
            .flatten()
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
        // when the parse gives the verb several subjects ("Odesa Mayor
        // Hennadiy Trukhanov said" split in two), the one that is no city
        let mut subjects: Vec<usize> = subj.into_iter().collect();
        if !passive {
            subjects.extend(s.kids_with(a, "nsubj").filter(|k| Some(*k) != subj));
        }
        let found: Vec<Ent> = subjects
            .iter()
            .filter_map(|&w| claimant(s, sm, all, coref, w).or_else(|| unknown_person(s, sm, w)))
            .collect();
        if let Some(e) = found.iter().find(|e| !e.city).or(found.first()) {
            if !out.iter().any(|o| o.id == e.id) {
                out.push(e.clone());
            }
        }
    }
    // "Iran has supplied Hamas with rockets, Israeli officials say": a
    // trailing reporting clause hung on the event's clause
    if out.is_empty() {
        let chain: Vec<usize> = std::iter::once(t).chain(s.ancestors(t)).collect();
        'outer: for &a in &chain {
            for &k in &s.kids[a] {
                // (a "conj" with no "and" is the same clause misparsed)
                let unjoined_conj =
                    s.label[k] == "conj" && !s.kids[k].iter().any(|&c| s.label[c] == "cc");
                if k <= t
                    || !(matches!(s.label[k], "parataxis" | "ccomp" | "advcl") || unjoined_conj)
                    || lex.speech_verb(&s.lower[k]).is_none()
                    || !s.is_verb(k)
                {
                    continue;
                }
                // (a subject the parse hung elsewhere: "…, South Korean
                // officials said" with "officials" joined to the object)
                let w = crate::roles::subject(s, k, 0).or_else(|| {
                    (k > 0 && s.is_noun(k - 1) && s.label[k - 1] == "conj").then_some(k - 1)
                });
                if let Some(w) = w {
                    if let Some(e) = claimant(s, sm, all, coref, w) {
                        if let Some(sv) = lex.speech_verb(&s.lower[k]) {
                            if sv.certainty != Certainty::Certain {
                                cert = sv.certainty;
                            }
                        }
                        out.push(e);
                        break 'outer;
                    }
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

/// The quotations of a document and who speaks each: a quote's speaker is
/// named next to it (“…,” said Ambassador Shea / Shea said: “…”), or, for a
/// quote that fills its paragraph, in the paragraph before or after it
/// ("…, said Ambassador Shea." then a quoted paragraph).
#[derive(Debug, Default)]
pub struct Quotes {
    /// Byte ranges of the quotes, in order, with their speakers.
    spans: Vec<(usize, usize, Option<Ent>)>,
}

impl Quotes {
    /// Finds the quotes of `text` and their speakers among `all`.
    pub fn new(lex: &Lexicon, text: &str, all: &[Mention]) -> Quotes {
        let mut raw: Vec<(usize, usize)> = Vec::new();
        let mut open: Option<usize> = None;
        let mut straight: Option<usize> = None;
        for (i, c) in text.char_indices() {
            match c {
                '\u{201c}' => open = Some(i),
                '\u{201d}' => {
                    if let Some(o) = open.take() {
                        raw.push((o, i + c.len_utf8()));
                    }
                }
                '"' => match straight.take() {
                    Some(o) => raw.push((o, i + 1)),
                    None => straight = Some(i),
                },
                // a quote left open at a paragraph break continues only
                // when the next paragraph opens another one
                '\n' if text[i..].starts_with("\n\n") => {
                    if let Some(o) = straight.take() {
                        raw.push((o, i));
                    }
                }
                _ => {}
            }
        }
        raw.sort_unstable();
        let spans = raw
            .into_iter()
            .filter(|&(a, b)| b - a > 40)
            .map(|(a, b)| (a, b, speaker(lex, text, all, a, b)))
            .collect();
        Quotes { spans }
    }

    /// The speaker of the quote holding byte `at`, if known.
    pub fn speaker_at(&self, at: usize) -> Option<&Ent> {
        self.spans
            .iter()
            .find(|(a, b, _)| *a <= at && at < *b)
            .and_then(|(_, _, e)| e.as_ref())
    }
}

/// Who speaks the quote `text[a..b]`.
fn speaker(lex: &Lexicon, text: &str, all: &[Mention], a: usize, b: usize) -> Option<Ent> {
    let line_start = text[..a].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[b..].find('\n').map_or(text.len(), |i| b + i);
    // after the quote, up to the end of its sentence
    let tail_end = text[b..line_end]
        .find(". ")
        .map_or(line_end, |i| b + i + 1)
        .min(b + 200);
    if let Some(e) = named_speaker(lex, text, all, b, tail_end) {
        return Some(e);
    }
    // before it on its line ("Shea said: “…”")
    if a > line_start {
        let from = line_start.max(a.saturating_sub(200));
        let from = (from..a).find(|&i| text.is_char_boundary(i)).unwrap_or(a);
        if let Some(e) = named_speaker(lex, text, all, from, a) {
            return Some(e);
        }
    }
    // a quote filling its paragraph: the paragraph before, then after
    if text[line_start..a].trim().is_empty() && text[b..line_end].trim().len() < 3 {
        let prev_end = text[..line_start].trim_end().len();
        let prev_start = text[..prev_end].rfind('\n').map_or(0, |i| i + 1);
        if let Some(e) = named_speaker(lex, text, all, prev_start, prev_end) {
            return Some(e);
        }
        let next_start = text[line_end..]
            .find(|c: char| !c.is_whitespace())
            .map_or(text.len(), |i| line_end + i);
        let next_end = text[next_start..]
            .find('\n')
            .map_or(text.len(), |i| next_start + i);
        if !text[next_start..next_end].starts_with('\u{201c}') {
            return named_speaker(lex, text, all, next_start, next_end);
        }
    }
    None
}

/// The person (or else the body) named in `text[a..b]` when a speech verb
/// is there too ("said Ambassador Shea", "the ministry said").
fn named_speaker(lex: &Lexicon, text: &str, all: &[Mention], a: usize, b: usize) -> Option<Ent> {
    let part = &text[a..b];
    let speech = part
        .split(|c: char| !c.is_alphabetic())
        .any(|w| !w.is_empty() && lex.speech_verb(&w.to_lowercase()).is_some());
    if !speech {
        return None;
    }
    let inside: Vec<&Ent> = all
        .iter()
        .filter(|m| m.start >= a && m.end <= b)
        .filter_map(|m| m.ent.as_ref())
        .filter(|e| !e.city)
        .collect();
    inside
        .iter()
        .rev()
        .find(|e| e.kind == Kind::Person)
        .or_else(|| inside.last())
        .map(|e| (*e).clone())
}

/// A person the lexicon does not know, named by two or more proper nouns
/// at word `w` ("Hennadiy Trukhanov"), for a reporting verb's subject.
fn unknown_person(s: &Sent<'_>, sm: &SentMentions<'_>, w: usize) -> Option<Ent> {
    if s.upos[w] != "PROPN" || sm.at[w].is_some() {
        return None;
    }
    let words: Vec<usize> = std::iter::once(w)
        .chain(
            s.kids[w]
                .iter()
                .copied()
                .filter(|&k| s.label[k] == "flat" && s.upos[k] == "PROPN" && sm.at[k].is_none()),
        )
        .collect();
    person_of_words(s, words)
}

/// A person named by two or more adjacent words of `s`.
fn person_of_words(s: &Sent<'_>, mut words: Vec<usize>) -> Option<Ent> {
    words.sort_unstable();
    words.dedup();
    if words.len() < 2 || !words.windows(2).all(|p| p[1] == p[0] + 1) {
        return None;
    }
    let name = words
        .iter()
        .map(|&k| s.forms[k])
        .collect::<Vec<_>>()
        .join(" ");
    Some(Ent {
        id: name.clone(),
        name,
        kind: Kind::Person,
        state: None,
        city: false,
    })
}
