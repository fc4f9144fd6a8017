//! Event extraction for tidings: who did what to whom, with what, when,
//! where, who says so and how sure, each record tied to the characters that
//! support it (see SCHEMA.md and GUIDELINES.md of the evaluation).
//!
//! One job per module:
//!
//! | module | job |
//! |---|---|
//! | [`lang`] | is the document English? |
//! | [`candidates`] | trigger words and phrases from the lexicon (before parsing) |
//! | [`sent`] | a tagged and parsed sentence and tree navigation |
//! | [`entities`] | entity mentions and argument → party resolution |
//! | [`items`] | items and quantities inside arguments |
//! | [`roles`] | actor, target, items, place from the dependency parse |
//! | [`modality`] | status and certainty |
//! | [`attribution`] | who says so |
//! | [`time`] | when |
//! | [`coref`] | pronouns and "the two nations" |
//! | [`merge`] | one record per happening |
//! | [`record`] | the SCHEMA record and its JSON |

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod attribution;
pub mod candidates;
pub mod coref;
pub mod entities;
pub mod items;
pub mod lang;
pub mod merge;
pub mod modality;
pub mod record;
pub mod roles;
pub mod sent;
pub mod time;

use tidings_lexicon::{Certainty, Lexicon, Status};
use tidings_nlp::pipeline::{Analysis, Scratch};
use tidings_nlp::Model;
use tidings_text::{segment, CharIndex, Document};

pub use record::{Event, Span};

use crate::coref::Coref;
use crate::entities::{Ent, Mention, SentMentions};
use crate::roles::{frames, Ctx};
use crate::sent::{lower, Sent};

/// Shortest and longest evidence span, in characters.
pub const EVIDENCE_MIN: usize = 10;
/// Longest evidence span, in characters.
pub const EVIDENCE_MAX: usize = 600;

/// Why a document was not coded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skip {
    /// The text does not read as English.
    NotEnglish,
}

/// The extractor: a lexicon and a tagger/parser.
pub struct Extractor {
    lex: Lexicon,
    model: Model,
}

/// Who holds the floor in a transcript.
#[derive(Debug, Clone)]
enum Turn {
    Question,
    Speaker(Option<Ent>),
}

impl Extractor {
    /// An extractor over a lexicon and a model.
    pub fn new(lex: Lexicon, model: Model) -> Self {
        Extractor { lex, model }
    }

    /// The lexicon in use.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lex
    }

    /// The events of one document, merged (one per happening).
    pub fn extract(&self, doc: &Document) -> Result<Vec<Event>, Skip> {
        let text = doc.text.as_str();
        if !lang::is_english(text) {
            return Err(Skip::NotEnglish);
        }
        let seg = segment(text);
        let chars = CharIndex::new(text);
        let all: Vec<Mention> = entities::mentions(&self.lex, text);
        let item_spans = items::spans(&self.lex, text);
        let names: Vec<(usize, usize)> = all
            .iter()
            .filter(|m| m.ent.is_some() || m.body)
            .map(|m| (m.start, m.end))
            .collect();
        // names of several words, parsed as one (see `Sent::parse`)
        let multiword: Vec<(usize, usize)> = all
            .iter()
            .filter(|m| !m.demonym && m.ent.is_some())
            .filter(|m| text[m.start..m.end].contains([' ', '-']))
            .map(|m| (m.start, m.end))
            .collect();
        let designations: Vec<(usize, usize)> = item_spans
            .iter()
            .filter(|i| i.designation)
            .map(|i| (i.start, i.end))
            .collect();
        let turns = self.turns(text);
        let times = time::DocTimes::new(text, doc.meta.published.as_deref());
        let mut last_time: Option<time::Time> = None;
        let mut coref = Coref::default();
        let voice = self.voice(text, &all);
        let quotes = attribution::Quotes::new(&self.lex, text, &all);
        let mut analysis = Analysis::default();
        let mut scratch = Scratch::default();
        let mut found_all: Vec<Event> = Vec::new();
        let mut lowers: Vec<String> = Vec::new();
        // "The capabilities in this package include: …": the sentence's
        // byte range and where its list ends
        let mut listings: Vec<(usize, usize, usize)> = Vec::new();
        for (si, sentence) in seg.sentences.iter().enumerate() {
            let toks = &seg.tokens[sentence.tokens.clone()];
            if toks.is_empty() {
                continue;
            }
            // transcript turn
            let turn = turns
                .iter()
                .rev()
                .find(|(b, _)| *b <= sentence.start)
                .map(|(_, t)| t.clone());
            coref.speaker = match &turn {
                Some(Turn::Speaker(e)) => e.clone(),
                _ => None,
            };
            coref.voice = voice.clone();
            if matches!(turn, Some(Turn::Question)) {
                continue;
            }
            lowers.clear();
            lowers.extend(toks.iter().map(|t| lower(&text[t.start..t.end])));
            if let Some(k) = lowers.iter().position(|w| {
                matches!(
                    w.as_str(),
                    "include" | "includes" | "included" | "contains" | "contain"
                )
            }) {
                if lowers[..k].iter().any(|w| {
                    matches!(
                        w.as_str(),
                        "capabilities" | "package" | "items" | "equipment" | "tranche" | "drawdown"
                    )
                }) {
                    let (a, b) = (toks[0].start, toks[toks.len() - 1].end);
                    let end = if text[..b].trim_end().ends_with(':') {
                        bullet_list_end(text, b)
                    } else {
                        b
                    };
                    listings.push((a, b, end));
                }
            }
            let mut cands = candidates::find(&self.lex, &lowers);
            // a trigger that needs weapons or money counts only in a
            // sentence that names some: the others are not parsed at all
            let (from, to) = (toks[0].start, toks[toks.len() - 1].end);
            let first = item_spans.partition_point(|i| i.start < from);
            let here = &item_spans[first..item_spans.partition_point(|i| i.start < to)];
            let has_weapon = here.iter().any(|i| items::is_weapon(i.category));
            let has_money = here
                .iter()
                .any(|i| i.money.is_some() || i.category == tidings_lexicon::ItemCategory::Funding);
            cands.retain(|c| {
                c.entries.iter().any(|e| {
                    (has_money || !e.flags.needs_money) && (has_weapon || !e.flags.needs_weapon)
                })
            });
            if cands.is_empty() {
                continue;
            }
            let progressive: Vec<usize> = cands
                .iter()
                .filter(|c| {
                    c.word > 0
                        && lowers[c.word].ends_with("ing")
                        && matches!(
                            lowers[c.word - 1].as_str(),
                            "is" | "are" | "was" | "were" | "be" | "been" | "'s" | "'re"
                        )
                        && c.entries
                            .iter()
                            .any(|e| e.pos == tidings_lexicon::Pos::Verb)
                })
                .map(|c| c.word)
                .chain(
                    // "fighter aircraft shot down the missile": a past
                    // particle verb after a noun is a verb
                    cands
                        .iter()
                        .filter(|c| {
                            c.last > c.first
                                && c.first > 0
                                && c.entries
                                    .iter()
                                    .all(|e| e.pos == tidings_lexicon::Pos::Verb)
                                && matches!(lowers[c.last].as_str(), "down" | "out" | "off")
                                && (lowers[c.first].ends_with("ed")
                                    || matches!(lowers[c.first].as_str(), "shot" | "took" | "sent"))
                                && !matches!(
                                    lowers[c.first - 1].as_str(),
                                    "the" | "a" | "an" | "its" | "their" | "his" | "her" | "this"
                                )
                        })
                        .map(|c| c.first),
                )
                .chain(
                    // "Britain froze the assets", "Kim Jong Un oversaw the
                    // test": an irregular past-tense verb between a
                    // capitalised name and a determiner or another name is a
                    // verb
                    (1..lowers.len().saturating_sub(1)).filter(|&w| {
                        IRREGULAR_PAST.contains(&lowers[w].as_str())
                            && cands.iter().all(|c| {
                                !(c.first..=c.last).contains(&w)
                                    || c.first == c.last
                                        && c.entries
                                            .iter()
                                            .all(|e| e.pos == tidings_lexicon::Pos::Verb)
                            })
                            && text[toks[w - 1].start..]
                                .chars()
                                .next()
                                .is_some_and(char::is_uppercase)
                            && (matches!(
                                lowers[w + 1].as_str(),
                                "the" | "a" | "an" | "its" | "their" | "his" | "her"
                            ) || text[toks[w + 1].start..]
                                .chars()
                                .next()
                                .is_some_and(char::is_uppercase))
                    }),
                )
                .collect();
            let s = Sent::parse(
                &self.model,
                text,
                si,
                toks,
                &designations,
                &names,
                &multiword,
                &progressive,
                &mut analysis,
                &mut scratch,
            );
            if is_cut_off(&s) {
                continue;
            }
            let sm = SentMentions::new(&all, &s);
            let nominal_words: Vec<usize> = cands
                .iter()
                .filter(|c| {
                    s.is_noun(c.word)
                        && c.entries
                            .iter()
                            .any(|e| e.pos == tidings_lexicon::Pos::Noun)
                })
                .map(|c| c.word)
                .collect();
            let ctx = Ctx {
                s: &s,
                sm: &sm,
                all: &all,
                items: &item_spans,
                text,
                coref: &coref,
            };
            let mut found = Vec::new();
            for c in &cands {
                found.extend(frames(&ctx, c, &nominal_words));
            }
            if std::env::var_os("TIDINGS_EVENTS_DEBUG").is_some_and(|v| v == "2") {
                for w in 0..s.len() {
                    eprintln!(
                        "    {} {} {} {} {:?}",
                        w, s.forms[w], s.upos[w], s.label[w], s.head[w]
                    );
                }
            }
            if std::env::var_os("TIDINGS_EVENTS_DEBUG").is_some() {
                eprintln!(
                    "sentence {si}: candidates {:?}",
                    cands.iter().map(|c| &c.form).collect::<Vec<_>>()
                );
                for f in &found {
                    eprintln!(
                        "  found {:?} {:?} -> {:?} [{}]",
                        f.etype,
                        f.actor.as_ref().map(|a| &a.id),
                        f.target.as_ref().map(|a| &a.id),
                        f.rule
                    );
                }
            }
            complete_partials(&mut found);
            let Some(span) = evidence(text, &chars, &s) else {
                continue;
            };
            let mut last_actor = None;
            let mut last_target = None;
            // "China has denied supplying weapons to Russia": what a denial
            // denies is not recorded as having happened
            // nor what a threat threatens ("threatened to strike Israel" is
            // the threat, not a strike)
            let statements: Vec<usize> = found
                .iter()
                .filter(|f| {
                    matches!(
                        f.etype,
                        tidings_lexicon::EventType::Deny | tidings_lexicon::EventType::Threaten
                    )
                })
                .map(|f| f.word)
                .collect();
            // what each denial denies, kept with it
            let mut denied: Vec<(usize, record::Denied)> = Vec::new();
            for g in &found {
                if matches!(
                    g.etype,
                    tidings_lexicon::EventType::Deny | tidings_lexicon::EventType::Threaten
                ) {
                    continue;
                }
                let above = s.ancestors(g.word);
                if let Some(d) = found.iter().find(|f| {
                    f.etype == tidings_lexicon::EventType::Deny && above.contains(&f.word)
                }) {
                    // "rejected the claim that it had sent tanks": the
                    // one denying is the one said to have acted
                    let x = record::Denied {
                        etype: g.etype,
                        actor: g.actor.clone().or_else(|| d.actor.clone()),
                        target: g.target.clone(),
                    };
                    if !denied.iter().any(|(w, y)| *w == d.word && *y == x) {
                        denied.push((d.word, x));
                    }
                }
            }
            found.retain(|f| {
                matches!(
                    f.etype,
                    tidings_lexicon::EventType::Deny | tidings_lexicon::EventType::Threaten
                ) || !s.ancestors(f.word).iter().any(|a| statements.contains(a))
            });
            // the actors each trigger has ("the United States, Britain,
            // France and Germany announced sanctions": one event each)
            let co_actors: Vec<(usize, String)> = found
                .iter()
                .filter_map(|f| f.actor.as_ref().map(|a| (f.word, a.id.clone())))
                .collect();
            for mut f in found {
                // "They launched more missiles": a launch by an actor already
                // attacking someone in this document is another attack
                if f.etype == tidings_lexicon::EventType::Test && f.rule.starts_with("TEST:verb:") {
                    if let Some(prev) = found_all.iter().rev().find(|e| {
                        e.etype == tidings_lexicon::EventType::Attack
                            && e.target.is_some()
                            && e.actor.as_ref().map(|a| &a.id) == f.actor.as_ref().map(|a| &a.id)
                    }) {
                        f.etype = tidings_lexicon::EventType::Attack;
                        f.target = prev.target.clone();
                        f.rule = f.rule.replace("TEST:", "ATTACK:") + "+prior-target";
                    }
                }
                if f.etype == tidings_lexicon::EventType::Transfer
                    && f.target.is_none()
                    && !complete_transfer(&mut f, &found_all)
                {
                    continue;
                }
                // "The United States condemned the strike": the one accused
                // is who carried out the strike the story told of
                if f.etype == tidings_lexicon::EventType::Accuse && f.target.is_none() {
                    let done = s
                        .kid(f.word, "obj")
                        .and_then(|o| match s.lower[o].as_str() {
                            "strike" | "strikes" | "attack" | "attacks" | "shelling"
                            | "bombardment" | "bombing" | "airstrike" | "airstrikes" => {
                                Some(tidings_lexicon::EventType::Attack)
                            }
                            "launch" | "launches" | "test" | "tests" => {
                                Some(tidings_lexicon::EventType::Test)
                            }
                            _ => None,
                        });
                    if let Some(kind) = done {
                        let accuser = f.actor.as_ref().map(|a| a.id.clone());
                        if let Some(prev) = found_all.iter().rev().find(|e| {
                            e.etype == kind
                                && e.actor.is_some()
                                && e.actor.as_ref().map(|a| a.id.clone()) != accuser
                        }) {
                            f.target = prev.actor.clone();
                            f.rule.push_str("+accused-of-prior");
                        }
                    }
                }
                if f.etype == tidings_lexicon::EventType::Attack
                    && (f.actor.is_none()
                        || f.target.is_none()
                        || f.rule.contains(":weapon-subject"))
                    && !complete_from_context(&mut f, &found_all)
                {
                    continue;
                }
                // "the UN must denounce the launch" calls for a statement
                // that has not been made
                if matches!(
                    f.etype,
                    tidings_lexicon::EventType::Accuse | tidings_lexicon::EventType::Deny
                ) && s
                    .kids_with(f.word, "aux")
                    .any(|a| matches!(s.lower[a].as_str(), "must" | "should" | "ought"))
                {
                    continue;
                }
                let m = modality::modality(&self.lex, &s, f.word, f.etype, f.entry_status);
                let (mut attribution, cert) =
                    attribution::attribution(&self.lex, &s, &sm, &all, &coref, f.word);
                if attribution.is_empty() {
                    if let Some(sp) = quotes.speaker_at(s.spans[f.word].0) {
                        attribution.push(sp.clone());
                    }
                }
                // the claimant read from a subject the actors share is each
                // actor itself, not the last one named
                if let (Some(first), Some(actor)) = (attribution.first(), f.actor.as_ref()) {
                    let shared = |id: &str| co_actors.iter().any(|(w, a)| *w == f.word && a == id);
                    if first.id != actor.id && shared(&first.id) && shared(&actor.id) {
                        attribution[0] = actor.clone();
                    }
                }

                let certainty = if m.certainty == Certainty::Possible || cert == Certainty::Certain
                {
                    m.certainty
                } else {
                    cert
                };
                let explicit = 2 * u32::from(f.actor.is_some())
                    + 2 * u32::from(f.target.is_some())
                    + u32::from(!f.items.is_empty())
                    + u32::from(!f.via_coref)
                    + u32::from(s.is_verb(f.word));
                let confidence = 0.4
                    + 0.15 * f64::from(u8::from(f.actor.is_some()))
                    + 0.15 * f64::from(u8::from(f.target.is_some()))
                    + 0.1 * f64::from(u8::from(!f.items.is_empty()))
                    - 0.1 * f64::from(u8::from(f.via_coref));
                if f.actor.is_some() {
                    last_actor = f.actor.clone();
                }
                if f.target.is_some() {
                    last_target = f.target.clone();
                }
                let mut tm = times.for_trigger(&self.lex, &s, f.word, m.status, last_time.as_ref());
                // a downing that answers a strike and has no bounded time of
                // its own happened during that strike ("Russia sent 40 drones
                // … and all of them were destroyed")
                if merge::is_downing(&f.rule)
                    && (f.rule.contains("+answering-strike") || f.rule.contains("+prior-roles"))
                    && tm
                        .as_ref()
                        .is_none_or(|x| x.start.is_none() || x.end.is_none())
                {
                    let id = |e: &Option<Ent>| e.as_ref().map(|x| x.id.clone());
                    // (the strike answered, else the latest strike of those
                    // parties the story dates)
                    let strike = |e: &&Event| {
                        e.etype == tidings_lexicon::EventType::Attack
                            && id(&e.actor) == id(&f.target)
                            && id(&e.target) == id(&f.actor)
                    };
                    let bounded = |e: &&Event| {
                        e.time
                            .as_ref()
                            .is_some_and(|x| x.start.is_some() && x.end.is_some())
                    };
                    let answered = found_all.iter().rev().find(strike);
                    if let Some(p) = answered
                        .filter(bounded)
                        .or_else(|| found_all.iter().rev().filter(strike).find(bounded))
                    {
                        tm = p.time.clone();
                    }
                }
                if let Some(x) = &tm {
                    if x.start.is_some() && x.end.is_some() {
                        last_time = Some(x.clone());
                    }
                }
                let mut denies: Vec<record::Denied> = denied
                    .iter()
                    .filter(|(w, _)| *w == f.word)
                    .map(|(_, d)| d.clone())
                    .collect();
                if denies.is_empty() && f.etype == tidings_lexicon::EventType::Deny {
                    denies.extend(denied_before(&s, f.word, f.actor.as_ref(), &found_all));
                }
                // "a 50 billion euro aid package": the amount says the funding
                if f.items.iter().any(|i| i.amount.is_some()) {
                    f.items.retain(|i| {
                        i.amount.is_some() || i.category != tidings_lexicon::ItemCategory::Funding
                    });
                }
                found_all.push(Event {
                    doc: doc.id.clone(),
                    etype: f.etype,
                    actor: f.actor,
                    target: f.target,
                    items: f.items,
                    place: f.place,
                    time: tm,
                    status: m.status,
                    certainty,
                    attribution,
                    evidence: vec![(explicit, span.clone())],
                    confidence: confidence.clamp(0.05, 0.95),
                    denies,
                    rule: f.rule,
                    explicitness: explicit,
                });
            }
            if last_target.is_some() {
                coref.last_target = last_target;
            }
            if last_actor.is_some() {
                coref.last_actor = last_actor;
            } else if let Some(e) = plural_subject(&s, &sm) {
                coref.last_actor = Some(e);
            }
        }
        // a party does nothing to itself ("they had not received any
        // weapons from Bosnia" read as Bosnia's)
        found_all.retain(|e| match (&e.actor, &e.target) {
            (Some(a), Some(t)) => a.id != t.id,
            _ => true,
        });
        let mut events = merge::merge(found_all);
        // the listed capabilities belong to the package told before
        for &(a, b, end) in &listings {
            let at = chars.char_offset(a);
            let Some(ev) = events.iter_mut().rev().find(|e| {
                e.etype == tidings_lexicon::EventType::Transfer
                    && e.rule.contains(":noun:")
                    && e.evidence.iter().any(|(_, sp)| sp.start < at)
            }) else {
                continue;
            };
            // the listed weapons, a designation and its noun side by side as
            // one ("Stinger missiles")
            let mut fresh: Vec<items::Item> = Vec::new();
            for it in item_spans
                .iter()
                .filter(|i| i.start >= a && i.end <= end && i.money.is_none())
                .filter(|i| items::is_weapon(i.category))
            {
                if let Some(prev) = fresh.last_mut() {
                    if items::join_adjacent(
                        prev,
                        (it.start, it.end),
                        it.category,
                        (None, None),
                        text,
                    ) {
                        continue;
                    }
                }
                fresh.push(items::Item {
                    category: it.category,
                    start: it.start,
                    end: it.end,
                    text: text[it.start..it.end].to_string(),
                    quantity: None,
                    qualifier: None,
                    amount: None,
                    currency: None,
                });
            }
            let mut added = false;
            for it in fresh {
                if ev
                    .items
                    .iter()
                    .any(|x| x.start <= it.start && it.end <= x.end || x.text == it.text)
                {
                    continue;
                }
                ev.items.push(it);
                added = true;
            }
            let (ca, cb) = (chars.char_offset(a), chars.char_offset(b));
            if added
                && (EVIDENCE_MIN..=EVIDENCE_MAX).contains(&(cb - ca))
                && !ev.evidence.iter().any(|(_, sp)| sp.start == ca)
            {
                ev.evidence.push((
                    0,
                    Span {
                        start: ca,
                        end: cb,
                        text: text[a..b].to_string(),
                    },
                ));
            }
        }
        // a transfer with no supplier is kept only as something sought or
        // planned ("Kim is trying to obtain fighter jets"), or a proposal
        // of named weapons under discussion ("the proposal to send MiG-29s")
        events.retain(|e| {
            e.etype != tidings_lexicon::EventType::Transfer
                || e.actor.is_some()
                || matches!(
                    e.status,
                    Status::Sought | Status::Planned | Status::Expected
                )
                || e.status == Status::Hypothetical
                    && e.items.iter().any(|i| items::is_weapon(i.category))
        });
        Ok(events)
    }

    /// Who speaks in a statement's own voice ("Statement by NSC
    /// Spokesperson Adrienne Watson", "Remarks by Ambassador ..."): the
    /// first person acting for a state named in the opening lines.
    fn voice(&self, text: &str, all: &[Mention]) -> Option<Ent> {
        let head_end = text.char_indices().nth(400).map_or(text.len(), |(i, _)| i);
        let head = &text[..head_end];
        let marker = [
            "Statement by",
            "Remarks by",
            "Readout",
            "Press Briefing",
            "Gaggle",
            "Briefing by",
            "Statement from",
        ]
        .iter()
        .any(|m| head.contains(m));
        if !marker {
            return None;
        }
        all.iter()
            .take_while(|m| m.end <= head_end)
            .filter_map(|m| m.ent.as_ref())
            .find(|e| e.kind == entities::Kind::Person && e.state.is_some())
            .cloned()
    }

    /// Speaker turns of a transcript: (byte offset, turn), in order.
    fn turns(&self, text: &str) -> Vec<(usize, Turn)> {
        let mut out = Vec::new();
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            let start = offset;
            offset += line.len();
            let t = line.trim_start();
            let lead = line.len() - t.len();
            if t.starts_with("Q ")
                || t.starts_with("Q:")
                || t.starts_with("Q.") && t.len() > 3
                || t.starts_with("QUESTION:")
                || t.starts_with("REPORTER:")
                || t.starts_with("QUESTIONER:")
            {
                out.push((start + lead, Turn::Question));
                continue;
            }
            let Some(colon) = t.find(':') else {
                continue;
            };
            if !(2..=60).contains(&colon) {
                continue;
            }
            let label = &t[..colon];
            let ok = label.chars().any(|c| c.is_alphabetic())
                && label.chars().all(|c| {
                    c.is_uppercase()
                        || c == ' '
                        || c == '.'
                        || c == '-'
                        || c == '\''
                        || c == '\u{2019}'
                })
                && label.chars().filter(|c| c.is_alphabetic()).count() >= 2;
            if !ok {
                continue;
            }
            // "PRESS SECRETARY JOHN F. KIRBY": as written, in title case,
            // then without middle initials
            let titled: String = label
                .split(' ')
                .map(|w| {
                    let mut cs = w.chars();
                    match cs.next() {
                        Some(f) => f.to_string() + &cs.as_str().to_lowercase(),
                        None => String::new(),
                    }
                })
                .collect::<Vec<_>>()
                .join(" ");
            let bare: String = titled
                .split(' ')
                .filter(|w| !(w.len() == 2 && w.ends_with('.')))
                .collect::<Vec<_>>()
                .join(" ");
            let ent = [label, titled.as_str(), bare.as_str()]
                .iter()
                .find_map(|l| {
                    self.lex
                        .find_entities(l)
                        .into_iter()
                        .rev()
                        .find(|m| m.kind == tidings_lexicon::EntityKind::Person)
                })
                .map(|m| Ent {
                    id: m.id.to_string(),
                    name: m.name.to_string(),
                    kind: entities::Kind::Person,
                    state: self.lex.person(m.id).and_then(|p| p.state.clone()),
                    city: false,
                });
            out.push((start + lead, Turn::Speaker(ent)));
        }
        out
    }
}

/// Two mentions of one type in one sentence, one naming only the actor and
/// the other only the target ("DOD announces assistance package for
/// Ukraine" parsed in pieces), are one event.
fn complete_partials(found: &mut Vec<roles::Found>) {
    let mut i = 0;
    while i < found.len() {
        let partner = (0..found.len()).find(|&j| {
            j != i
                && found[j].etype == found[i].etype
                && found[i].actor.is_some()
                && found[i].target.is_none()
                && found[j].actor.is_none()
                && found[j].target.is_some()
        });
        if let Some(j) = partner {
            let other = found.remove(j);
            let i2 = if j < i { i - 1 } else { i };
            let f = &mut found[i2];
            f.target = other.target;
            for it in other.items {
                if !f.items.contains(&it) {
                    f.items.push(it);
                }
            }
            f.place = f.place.take().or(other.place);
            f.rule = format!("{}+{}", f.rule, other.rule);
            i = 0;
            continue;
        }
        i += 1;
    }
}

/// Completes an attack mention from the story so far (see
/// `roles::frames`): a weapon named as the subject ("North Korean missiles
/// will be used to target ...") is used by the recipient of an earlier
/// transfer from the state that made it; a missing actor or target is that
/// of the latest earlier attack agreeing on the roles given; a missing
/// actor is otherwise the recipient of an earlier weapons transfer. False
/// when the roles stay open: the mention is then dropped.
fn complete_from_context(f: &mut roles::Found, prior: &[Event]) -> bool {
    use tidings_lexicon::EventType::{Attack, Transfer};
    let id = |e: &Option<Ent>| e.as_ref().map(|x| x.id.clone());
    if f.rule.contains(":weapon-subject") {
        if let Some(a) = id(&f.actor) {
            if let Some(t) = prior.iter().rev().find(|e| {
                e.etype == Transfer
                    && id(&e.actor).as_deref() == Some(a.as_str())
                    && e.target.is_some()
            }) {
                f.actor = t.target.clone();
                f.rule.push_str("+weapon-recipient");
            }
        }
    }
    if f.actor.is_some() && f.target.is_some() {
        return id(&f.actor) != id(&f.target);
    }
    // shooting down answers a strike: its roles come from an earlier
    // shooting down, or are the strike's turned round
    let interception = merge::is_downing;
    let shoots = interception(&f.rule);
    let same = prior.iter().rev().find(|e| {
        e.etype == Attack
            && e.actor.is_some()
            && e.target.is_some()
            && interception(&e.rule) == shoots
            && (f.actor.is_none() || id(&e.actor) == id(&f.actor))
            && (f.target.is_none() || id(&e.target) == id(&f.target))
    });
    if let Some(p) = same {
        if f.actor.is_none() {
            f.actor = p.actor.clone();
        }
        if f.target.is_none() {
            f.target = p.target.clone();
        }
        f.rule.push_str("+prior-roles");
        return true;
    }
    if shoots {
        if let Some(p) = prior.iter().rev().find(|e| {
            e.etype == Attack
                && e.actor.is_some()
                && e.target.is_some()
                && !interception(&e.rule)
                && (f.actor.is_none() || id(&e.target) == id(&f.actor))
                && (f.target.is_none() || id(&e.actor) == id(&f.target))
        }) {
            if f.actor.is_none() {
                f.actor = p.target.clone();
            }
            if f.target.is_none() {
                f.target = p.actor.clone();
            }
            f.rule.push_str("+answering-strike");
            return true;
        }
        return false;
    }
    if f.actor.is_none() && f.target.is_some() {
        if let Some(t) = prior.iter().rev().find(|e| {
            e.etype == Transfer
                && e.actor.is_some()
                && e.status == Status::Occurred
                && !e.items.is_empty()
                && e.target.is_some()
                && id(&e.target) != id(&f.target)
        }) {
            f.actor = t.target.clone();
            f.rule.push_str("+transfer-recipient");
            return true;
        }
    }
    false
}

/// Completes a transfer whose supplier is named but not its recipient
/// ("the Department of Defense will also be providing $197 million in arms
/// and equipment"): the recipient of the supplier's latest earlier transfer
/// in the story. False when there is none: the mention is then dropped.
fn complete_transfer(f: &mut roles::Found, prior: &[Event]) -> bool {
    let Some(a) = f.actor.as_ref().map(|x| x.id.clone()) else {
        // a recipient-less, supplier-less mention carries nothing
        return false;
    };
    let Some(p) = prior.iter().rev().find(|e| {
        e.etype == tidings_lexicon::EventType::Transfer
            && e.actor.as_ref().is_some_and(|x| x.id == a)
            && e.target.is_some()
    }) else {
        return false;
    };
    f.target = p.target.clone();
    f.rule.push_str("+prior-recipient");
    true
}

/// A sentence that stops mid-way (no final punctuation and a dangling last
/// word) is not coded (GUIDELINES 9).
fn is_cut_off(s: &Sent<'_>) -> bool {
    let Some(last) = s.lower.last() else {
        return true;
    };
    matches!(
        last.as_str(),
        "the" | "a" | "an" | "of" | "to" | "and" | "with" | "that" | "," | "…" | "..."
    )
}

/// A plural subject naming a party ("Russian forces"), for a later "they".
fn plural_subject(s: &Sent<'_>, sm: &SentMentions<'_>) -> Option<Ent> {
    let subj = (0..s.len()).find(|&w| s.label[w] == "nsubj" && s.xpos[w] == "NNS")?;
    entities::resolve(s, sm, subj).map(|e| e.as_party())
}

/// The evidence span of a sentence: the sentence itself, cut around its
/// middle when longer than [`EVIDENCE_MAX`] characters.
/// Where the bulleted list after byte `b` (the end of a line ending with a
/// colon) ends: its lines start with "-", "•", "*" or "–".
fn bullet_list_end(text: &str, b: usize) -> usize {
    let mut end = b;
    let mut at = b;
    for line in text[b..].split_inclusive('\n') {
        let t = line.trim();
        let start = at;
        at += line.len();
        if start == b {
            // the rest of the line with the colon
            continue;
        }
        if t.is_empty() {
            continue;
        }
        if t.starts_with(['-', '\u{2022}', '*', '\u{2013}']) {
            end = start + line.trim_end().len();
        } else {
            break;
        }
    }
    end
}

fn evidence(text: &str, chars: &CharIndex<'_>, s: &Sent<'_>) -> Option<Span> {
    let (mut a, mut b) = (s.start, s.end);
    let (mut ca, mut cb) = (chars.char_offset(a), chars.char_offset(b));
    if cb - ca > EVIDENCE_MAX {
        // keep whole tokens from the start up to the limit
        let mut end = a;
        for &(_, e) in &s.spans {
            if chars.char_offset(e) - ca <= EVIDENCE_MAX {
                end = e;
            } else {
                break;
            }
        }
        b = end;
        cb = chars.char_offset(b);
    }
    // trim a leading speaker label
    let t = &text[a..b];
    if let Some(colon) = t.find(": ") {
        let label = &t[..colon];
        if colon < 60
            && label
                .chars()
                .all(|c| c.is_uppercase() || c == ' ' || c == '.' || c == '-')
        {
            let na = a + colon + 2;
            if chars.char_offset(b) - chars.char_offset(na) >= EVIDENCE_MIN {
                a = na;
                ca = chars.char_offset(a);
            }
        }
    }
    if cb - ca < EVIDENCE_MIN || cb - ca > EVIDENCE_MAX {
        return None;
    }
    Some(Span {
        start: ca,
        end: cb,
        text: text[a..b].to_string(),
    })
}

/// What "Tehran rejected the accusation" or "Moscow denies involvement"
/// denies: the latest act of the denier the story has told of.
fn denied_before(
    s: &Sent<'_>,
    w: usize,
    denier: Option<&Ent>,
    before: &[Event],
) -> Option<record::Denied> {
    use tidings_lexicon::EventType::{Accuse, Deny, Request, Threaten};
    let denier = denier?;
    let o = s.kid(w, "obj")?;
    let anaphoric = matches!(
        s.lower[o].as_str(),
        "accusation"
            | "accusations"
            | "allegation"
            | "allegations"
            | "claim"
            | "claims"
            | "charge"
            | "charges"
            | "report"
            | "reports"
            | "involvement"
            | "responsibility"
    ) && !s.kids[o]
        .iter()
        .any(|&k| matches!(s.label[k], "acl" | "ccomp" | "acl:relcl"));
    if !anaphoric {
        return None;
    }
    let e = before.iter().rev().find(|e| {
        !matches!(e.etype, Accuse | Deny | Request | Threaten)
            && e.actor.as_ref().is_some_and(|a| a.id == denier.id)
    })?;
    Some(record::Denied {
        etype: e.etype,
        actor: e.actor.clone(),
        target: e.target.clone(),
    })
}

/// Irregular past forms of trigger verbs that the tagger, having seen them
/// rarely, may read as another part of speech.
const IRREGULAR_PAST: &[&str] = &[
    "froze",
    "struck",
    "shot",
    "sold",
    "sent",
    "gave",
    "fought",
    "seized",
    "hit",
    "oversaw",
    "sought",
    "withdrew",
    "undertook",
];
