//! When: time mentions in the trigger's clause, resolved against the
//! publication date or the document's anchor (GUIDELINES 13), using
//! `tidings-annotate`.

use tidings_annotate::time::{
    document_anchor, find_times, resolve, resolve_relative_to, Anchor, ResolvedTime, TimeMention,
};
use tidings_lexicon::{Lexicon, Status};

use crate::sent::Sent;

/// A resolved time of an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Time {
    /// The expression as written.
    pub text: String,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; `None` for an open side.
    pub start: Option<String>,
    /// As `start`.
    pub end: Option<String>,
    /// day, month, year or approx.
    pub granularity: &'static str,
}

impl Time {
    fn from_resolved(r: ResolvedTime) -> Time {
        Time {
            text: r.text,
            start: r.start,
            end: r.end,
            granularity: r.granularity.as_str(),
        }
    }

    fn to_resolved(&self) -> Option<ResolvedTime> {
        let g = match self.granularity {
            "day" => tidings_annotate::Granularity::Day,
            "month" => tidings_annotate::Granularity::Month,
            "year" => tidings_annotate::Granularity::Year,
            _ => tidings_annotate::Granularity::Approx,
        };
        Some(ResolvedTime {
            text: self.text.clone(),
            start: self.start.clone(),
            end: self.end.clone(),
            granularity: g,
        })
    }
}

/// The time mentions of a document and its anchor.
pub struct DocTimes {
    mentions: Vec<TimeMention>,
    anchor: Anchor,
    /// Dates in datelines ("WASHINGTON, November 29, 2024 - "): the
    /// mention's index and the byte where the story after it starts.
    datelines: Vec<(usize, usize)>,
}

impl DocTimes {
    /// Finds and anchors the time expressions of a text.
    pub fn new(text: &str, published: Option<&str>) -> Self {
        let mentions = find_times(text);
        let datelines = mentions
            .iter()
            .enumerate()
            .filter_map(|(i, m)| dateline_story(text, m).map(|at| (i, at)))
            .collect();
        DocTimes {
            mentions,
            anchor: document_anchor(text, published),
            datelines,
        }
    }

    /// The time of the event whose trigger is word `t` of `s`: a time
    /// mention inside the trigger's clause; one carried only by the
    /// reporting verb bounds the event (end that day, start open); "a few
    /// days later" counts from `previous`, the last dated event.
    pub fn for_trigger(
        &self,
        lex: &Lexicon,
        s: &Sent<'_>,
        t: usize,
        status: Status,
        previous: Option<&Time>,
    ) -> Option<Time> {
        let first = self.mentions.partition_point(|m| m.end <= s.start);
        // the mention dating the event, how far up from it the trigger is,
        // and the word the mention hangs on
        let mut own: Option<(&TimeMention, usize, usize)> = None;
        let mut reporting: Option<&TimeMention> = None;
        let ancestors = s.ancestors(t);
        for m in self.mentions[first..]
            .iter()
            .take_while(|m| m.start < s.end)
        {
            let Some(w) = s
                .spans
                .iter()
                .position(|sp| sp.0 >= m.start && sp.0 < m.end)
            else {
                continue;
            };
            // the words of the mention all hang together: take its head
            let mut head = w;
            while let Some(h) = s.head[head] {
                let (a, b) = s.spans[h];
                if a >= m.start && b <= m.end {
                    head = h;
                } else {
                    break;
                }
            }
            let Some(mut gov) = s.head[head] else {
                continue;
            };
            // "The Pentagon today announced" parsed with "today" on the
            // subject: a bare time noun dates the subject's clause
            if matches!(
                s.label[head],
                "nmod:unmarked" | "nmod:tmod" | "obl:unmarked" | "obl:tmod"
            ) && s.label[gov].starts_with("nsubj")
            {
                gov = s.head[gov].unwrap_or(gov);
            }
            if m.attributive {
                // "the DPRK's January 6 launch": a date modifying the
                // trigger noun itself dates it
                if gov == t && s.is_noun(t) && head < t {
                    own = Some((m, 0, gov));
                }
                continue;
            }
            // up from the mention to the trigger through nominals only
            // ("launched one of those missiles into Ukraine on December
            // 30", however the parser hangs the date on the nouns)
            if let Some(d) = nominal_path(s, gov, t) {
                if own.is_none_or(|(_, od, _)| d < od) {
                    own = Some((m, d, gov));
                }
                continue;
            }
            if let Some(pos) = ancestors.iter().position(|&a| a == gov) {
                let is_speech = lex.speech_verb(&s.lower[gov]).is_some();
                // "In September, reports indicated ...": a scene-setting
                // opener dates the whole sentence
                let opener = w <= 1 && gov > w + 2;
                if is_speech && !opener {
                    reporting = reporting.or(Some(m));
                } else if own.is_none_or(|(_, od, _)| pos + 1 < od) {
                    own = Some((m, pos + 1, gov));
                }
            } else if s.head[t] == Some(gov) && s.is_noun(t) {
                // "a strike on Monday" hung on the noun's verb
                if own.is_none() {
                    own = Some((m, 1, gov));
                }
            }
        }
        // "a Russian rocket attack on a five-story apartment building
        // Saturday": a date right after the attack noun's phrase, with only
        // nominal words between, however the parse hangs it
        if own.is_none() && s.is_noun(t) {
            let next = self.mentions[first..]
                .iter()
                .take_while(|m| m.start < s.end)
                .find(|m| !m.attributive && m.start > s.spans[t].1);
            if let Some(m) = next {
                if let Some(w) = s.spans.iter().position(|sp| sp.0 >= m.start) {
                    let nominal = (t + 1..w).all(|k| {
                        matches!(s.upos[k], "NOUN" | "PROPN" | "ADP" | "DET" | "NUM" | "ADJ")
                            || s.lower[k] == "-"
                    });
                    if nominal && w - t <= 9 {
                        own = Some((m, 1, t));
                    }
                }
            }
        }
        let future = matches!(
            status,
            Status::Planned | Status::Expected | Status::Sought | Status::Hypothetical
        );
        if let Some((m, _, gov)) = own {
            // "announced a package on Thursday": a plan, but the date hangs
            // on a verb in the past, so it is the last Thursday
            // (a date on the nominals: the tense of their verb)
            let tense = if s.is_verb(gov) {
                Some(gov)
            } else {
                ancestors.iter().copied().find(|&a| s.is_verb(a))
            };
            let future = future && !tense.is_some_and(|v| past_verb(s, v));
            if m.is_relative_to_event() {
                let base = previous.and_then(|p| p.to_resolved())?;
                let m = if introduces(s, m, t) {
                    m.inverse()
                } else {
                    m.clone()
                };
                return resolve_relative_to(&m, &base).map(Time::from_resolved);
            }
            return resolve(m, self.anchor.with_future(future)).map(Time::from_resolved);
        }
        // the dateline's date says when the story's first sentence was
        // reported
        let reporting = reporting.or_else(|| {
            self.datelines
                .iter()
                .find(|&&(_, at)| at <= s.start && s.start - at <= 2)
                .map(|&(i, _)| &self.mentions[i])
        });
        if let Some(m) = reporting {
            if m.is_relative_to_event() {
                return None;
            }
            let r = resolve(m, self.anchor)?;
            let end = r.end.clone().or(r.start.clone())?;
            if status == Status::Occurred {
                return Some(Time {
                    text: r.text,
                    start: None,
                    end: Some(end),
                    granularity: "approx",
                });
            }
            // a plan or announcement is dated by its announcement
            return Some(Time::from_resolved(r));
        }
        None
    }
}

/// Steps from `gov` up to the trigger `t` when every word between is a
/// nominal or number (no other clause in the way); `None` otherwise.
fn nominal_path(s: &Sent<'_>, gov: usize, t: usize) -> Option<usize> {
    let mut x = gov;
    for d in 0..6 {
        if x == t {
            return Some(d);
        }
        let nominal = s.is_noun(x) || matches!(s.upos[x], "NUM" | "PRON");
        if !nominal || s.label[x] == "acl" || s.label[x].starts_with("acl:") {
            return None;
        }
        x = s.head[x]?;
    }
    None
}

/// True when the mention ends in "after" or "before" and that word
/// introduces the clause of the trigger: in "the attack came days after the
/// United States carried out airstrikes", the airstrikes are the earlier
/// event, dated back from the attack.
fn introduces(s: &Sent<'_>, m: &TimeMention, t: usize) -> bool {
    let last = m.text.rsplit(' ').next().unwrap_or("").to_ascii_lowercase();
    if last != "after" && last != "before" {
        return false;
    }
    let Some(w) = s
        .spans
        .iter()
        .rposition(|sp| sp.0 >= m.start && sp.1 <= m.end)
    else {
        return false;
    };
    // "a wave the night before that Zelenskyy said …": "the night before"
    // is the previous night, with no clause of its own after it
    if m.text.to_ascii_lowercase().starts_with("the ")
        && s.lower.get(w + 1).is_none_or(|n| {
            matches!(
                n.as_str(),
                "," | "." | ";" | ")" | "that" | "when" | "and" | "which"
            )
        })
    {
        return false;
    }
    w < t && s.head[w].is_some_and(|h| h == t || s.ancestors(t).contains(&h) && h > w)
}

/// Whether word `w` is a verb in the past: "announced", or a participle
/// with no "will"/"would" ("approved on Monday", not "will be delivered").
fn past_verb(s: &Sent<'_>, w: usize) -> bool {
    match s.xpos[w] {
        "VBD" => true,
        "VBN" => !s.kids[w].iter().any(|&k| {
            s.label[k].starts_with("aux")
                && matches!(
                    s.lower[k].as_str(),
                    "will" | "would" | "shall" | "'ll" | "be"
                )
        }),
        _ => false,
    }
}

/// When `m` is the date of a dateline (a line opening with a place in
/// capitals, then only names, commas, the date and an agency in brackets,
/// then a dash), the byte where the story after the dash starts.
fn dateline_story(text: &str, m: &TimeMention) -> Option<usize> {
    let line_start = text[..m.start].rfind('\n').map_or(0, |i| i + 1);
    let head = &text[line_start..m.start];
    let place = head.split([',', '(']).next()?.trim();
    if place.chars().filter(|c| c.is_alphabetic()).count() < 2
        || !place
            .chars()
            .all(|c| c.is_uppercase() || matches!(c, ' ' | '.' | '-' | '\''))
        || head.len() > 60
    {
        return None;
    }
    let tail_len = text[m.end..]
        .char_indices()
        .find(|&(_, c)| matches!(c, '-' | '\u{2013}' | '\u{2014}' | '\n' | '.'))
        .map(|(i, _)| i)?;
    let tail = &text[m.end..m.end + tail_len];
    if tail.len() > 30
        || !tail
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, ' ' | ',' | '(' | ')'))
    {
        return None;
    }
    let dash = m.end + tail_len;
    let c = text[dash..].chars().next()?;
    if !matches!(c, '-' | '\u{2013}' | '\u{2014}') {
        return None;
    }
    let after = text[dash..].trim_start_matches(['-', '\u{2013}', '\u{2014}']);
    let story = text.len() - after.trim_start().len();
    Some(story)
}
