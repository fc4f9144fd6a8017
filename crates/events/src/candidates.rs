//! Trigger candidates: words (and two-word phrases) of a sentence that the
//! lexicon lists as event triggers, found before parsing so that only
//! sentences holding one are parsed.

use tidings_lexicon::{Lexicon, TriggerEntry};

/// One trigger candidate in a sentence.
#[derive(Debug, Clone)]
pub struct Cand<'l> {
    /// The head word (0-based, within the sentence).
    pub word: usize,
    /// First and last word of the trigger phrase.
    pub first: usize,
    /// Last word of the trigger phrase.
    pub last: usize,
    /// The phrase as matched (lower case).
    pub form: String,
    /// Lexicon rows for the phrase.
    pub entries: Vec<&'l TriggerEntry>,
}

/// Ambiguous rows still used (with the role checks of `roles`).
const AMBIGUOUS_OK: &[&str] = &[
    "arm",
    "equip",
    "order",
    "shoot",
    "down",
    "target",
    "sign",
    "deepen",
    "grant",
    "offensive",
    "warn",
    "vow",
    "train",
    "dismiss",
    "designate",
    "exercise",
    "drill",
    "patrol",
    "destroy",
];

fn usable(e: &TriggerEntry) -> bool {
    !e.flags.ambiguous || AMBIGUOUS_OK.contains(&e.lemma.as_str())
}

/// Trigger candidates among lower-case word forms.
pub fn find<'l>(lex: &'l Lexicon, lower: &[String]) -> Vec<Cand<'l>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lower.len() {
        if let Some(next) = lower.get(i + 1) {
            let two = format!("{} {}", lower[i], next);
            let entries: Vec<&TriggerEntry> = lex
                .trigger_form(&two)
                .iter()
                .filter(|e| usable(e))
                .collect();
            if !entries.is_empty() {
                let noun = entries.iter().all(|e| e.pos == tidings_lexicon::Pos::Noun);
                out.push(Cand {
                    word: if noun { i + 1 } else { i },
                    first: i,
                    last: i + 1,
                    form: two,
                    entries,
                });
                i += 2;
                continue;
            }
        }
        let entries: Vec<&TriggerEntry> = lex
            .trigger_form(&lower[i])
            .iter()
            .filter(|e| usable(e))
            .collect();
        if !entries.is_empty() {
            out.push(Cand {
                word: i,
                first: i,
                last: i,
                form: lower[i].clone(),
                entries,
            });
        }
        i += 1;
    }
    out
}
