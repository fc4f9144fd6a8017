//! Status and certainty from governing verbs, auxiliaries, negation and
//! hedges (GUIDELINES 14-15).

use tidings_lexicon::{Certainty, CueValue, EventType, Lexicon, Status};

use crate::sent::Sent;

/// How sure, and whether it happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Modality {
    /// occurred, planned, ...
    pub status: Status,
    /// certain, probable, possible.
    pub certainty: Certainty,
}

fn cue(lex: &Lexicon, s: &Sent<'_>, w: usize) -> Option<CueValue> {
    if let Some(n) = s.lower.get(w + 1) {
        if let Some(c) = lex.cue(&format!("{} {}", s.lower[w], n)) {
            return Some(c.value);
        }
    }
    lex.cue(&s.lower[w]).map(|c| c.value)
}

const PLAN_VERBS: &[&str] = &[
    "plan",
    "plans",
    "planned",
    "planning",
    "intend",
    "intends",
    "intended",
    "agree",
    "agreed",
    "agrees",
    "approve",
    "approved",
    "approves",
    "approving",
    "announce",
    "announced",
    "announces",
    "announcing",
    "pledge",
    "pledged",
    "pledges",
    "promise",
    "promised",
    "authorize",
    "authorized",
    "authorizes",
    "authorizing",
    "authorise",
    "authorised",
    "prepare",
    "prepared",
    "preparing",
    "decide",
    "decided",
    "set",
    "scheduled",
    "propose",
    "proposed",
    "proposal",
    "commit",
    "committed",
    "determination",
    "announcement",
    "authorization",
    "authorisation",
    "approval",
];
const SEEK_VERBS: &[&str] = &[
    "try",
    "tries",
    "tried",
    "trying",
    "seek",
    "seeks",
    "sought",
    "seeking",
    "want",
    "wants",
    "wanted",
    "attempt",
    "attempts",
    "attempted",
    "attempting",
    "ask",
    "asked",
    "asking",
    "look",
    "looking",
    "hope",
    "hopes",
    "hoping",
    "aim",
    "aims",
    "aiming",
    "push",
    "pushing",
];
const EXPECT_VERBS: &[&str] = &[
    "expect",
    "expects",
    "expected",
    "anticipate",
    "anticipated",
    "likely",
];
const HYPO_WORDS: &[&str] = &[
    "whether",
    "if",
    "unless",
    "consider",
    "considering",
    "considered",
    "weighing",
    "debating",
    "debate",
    "discuss",
    "discussing",
    "discussed",
    "discusses",
    "debated",
    "debates",
    "weigh",
    "weighs",
    "weighed",
    "considers",
];

/// Status and certainty of the event whose trigger is word `t`.
pub fn modality(
    lex: &Lexicon,
    s: &Sent<'_>,
    t: usize,
    etype: EventType,
    hint: Option<&'static str>,
) -> Modality {
    let mut status: Option<Status> = hint.and_then(|h| h.parse().ok());
    let mut certainty = Certainty::Certain;
    let mut will = false;
    let mut chain = vec![t];
    chain.extend(s.ancestors(t));
    // how far status words reach: the trigger and the verbs it is a complement of
    let mut own_clause = true;
    for (depth, &w) in chain.iter().enumerate() {
        let rel = s.label[w];
        let mut local: Vec<usize> = vec![w];
        local.extend(s.kids[w].iter().copied().filter(|&k| {
            matches!(
                s.label[k],
                "aux" | "aux:pass" | "advmod" | "mark" | "cop" | "amod" | "nmod:tmod" | "obl"
            ) && (s.label[k] != "obl" || s.lower[k] == "plan")
        }));
        for &k in &local {
            let lw = s.lower[k].as_str();
            if let Some(v) = cue(lex, s, k) {
                match v {
                    CueValue::Certainty(c) => {
                        if certainty == Certainty::Certain || c == Certainty::Possible {
                            // a modal on a far verb ("could say") does not hedge
                            if !(matches!(lw, "may" | "might" | "could") && depth > 1) {
                                certainty = c;
                            }
                        }
                    }
                    CueValue::Status(st) => {
                        // "Blinken said the United States would provide":
                        // "would" in reported speech is a past "will"
                        // (unless a condition goes with it)
                        let reported_will = st == Status::Hypothetical
                            && lw == "would"
                            && s.label[w] == "ccomp"
                            && s.head[w].is_some_and(|h| {
                                lex.speech_verb(&s.lower[h]).is_some() && s.xpos[h] == "VBD"
                            })
                            && !s
                                .lower
                                .iter()
                                .any(|x| matches!(x.as_str(), "if" | "unless"));
                        let st = if reported_will { Status::Expected } else { st };
                        let lw = if reported_will { "will" } else { lw };
                        if own_clause && status.is_none() {
                            let apply = match st {
                                Status::Negated => {
                                    k != w
                                        && (matches!(lw, "not" | "n't" | "never" | "no")
                                            || depth == 0)
                                }
                                // ("going to" only over the trigger verb's
                                // own chain of infinitives)
                                Status::Expected if lw == "going" => {
                                    s.is_verb(t)
                                        && depth <= 2
                                        && chain[..depth].iter().all(|&c| s.label[c] == "xcomp")
                                }
                                Status::Expected => matches!(
                                    lw,
                                    "will"
                                        | "'ll"
                                        | "expected"
                                        | "expects"
                                        | "expect"
                                        | "anticipated"
                                ),
                                Status::Hypothetical => {
                                    matches!(lw, "would" | "whether" | "if" | "unless") || k == w
                                }
                                _ => true,
                            };
                            // (sanctions announced are imposed)
                            let announced = st == Status::Planned
                                && lw.starts_with("announc")
                                && (depth == 0 || etype == EventType::Sanction);
                            if apply && !announced {
                                status = Some(st);
                                will = st == Status::Expected
                                    && matches!(lw, "will" | "'ll" | "going");
                            }
                        }
                    }
                }
            }
            if own_clause && status.is_none() && k == w && depth > 0 {
                // sanctions announced are imposed ("is announcing new
                // sanctions against 12 entities")
                let announced_sanction =
                    etype == EventType::Sanction && (lw.starts_with("announc") || lw == "unveiled");
                if PLAN_VERBS.contains(&lw) && !announced_sanction {
                    status = Some(Status::Planned);
                } else if SEEK_VERBS.contains(&lw) && etype != EventType::Request {
                    status = Some(Status::Sought);
                } else if EXPECT_VERBS.contains(&lw) {
                    status = Some(Status::Expected);
                }
            }
            if own_clause && status.is_none() && HYPO_WORDS.contains(&lw) && (k != w || depth > 0) {
                status = Some(Status::Hypothetical);
            }
        }
        // status words stop at a reporting verb's complement boundary
        if matches!(rel, "ccomp" | "parataxis" | "root") || depth > 3 {
            own_clause = false;
        }
        if !matches!(
            rel,
            "xcomp"
                | "ccomp"
                | "acl"
                | "obl"
                | "obj"
                | "conj"
                | "nsubj"
                | "nsubj:pass"
                | "advcl"
                | "nmod"
        ) {
            own_clause = false;
        }
    }
    // "may", "could", "might" on the trigger itself
    for &k in &s.kids[t] {
        match s.lower[k].as_str() {
            "may" | "might" | "could" => certainty = Certainty::Possible,
            _ => {}
        }
    }
    // a hedge earlier in the sentence ("information indicating", "believes",
    // "reportedly") covers what follows it
    if certainty == Certainty::Certain {
        for k in 0..t {
            if let Some(CueValue::Certainty(Certainty::Probable)) = cue(lex, s, k) {
                if s.upos[k] != "ADJ" {
                    certainty = Certainty::Probable;
                }
            }
        }
    }
    // "discussed the proposal to send MiG-29s": a plan under discussion is
    // hypothetical
    if status == Some(Status::Planned) {
        if let Some(p) = chain
            .iter()
            .position(|&w| PLAN_VERBS.contains(&s.lower[w].as_str()))
        {
            if chain[p + 1..]
                .iter()
                .take(3)
                .any(|&w| HYPO_WORDS.contains(&s.lower[w].as_str()))
            {
                status = Some(Status::Hypothetical);
            }
        }
    }
    // "any US attack on Iran could …": an act that may or may not come
    let status = status.or_else(|| {
        (s.is_noun(t) && s.kids_with(t, "det").any(|k| s.lower[k] == "any"))
            .then_some(Status::Hypothetical)
    });
    let mut status = status.unwrap_or(Status::Occurred);
    // "the Department of Defense will be providing $197 million in arms": a
    // government stating what it will deliver, impose or sign announces a
    // plan; "will" about attacks and tests, or hedged, predicts
    if status == Status::Expected
        && will
        && certainty == Certainty::Certain
        && matches!(
            etype,
            EventType::Transfer | EventType::Aid | EventType::Sanction | EventType::Cooperate
        )
    {
        status = Status::Planned;
    }
    // a request, accusation or denial is itself what happened
    if matches!(
        etype,
        EventType::Request | EventType::Accuse | EventType::Deny | EventType::Threaten
    ) && status == Status::Sought
    {
        status = Status::Occurred;
    }
    Modality { status, certainty }
}
