//! Phrase matching: one Aho-Corasick automaton (over ASCII-lower-cased text) per
//! kind of lexicon, followed by word-boundary and case checks on every
//! candidate, then a leftmost-longest selection among the candidates that
//! pass. Checking before selecting means a long pattern that fails its case
//! check ("korean people's army" in lower case) does not hide a shorter one
//! that passes at the same place.

use std::borrow::Cow;
use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::error::LexiconError;

/// How the case of matched text is checked against the pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum CaseMode {
    /// Word by word: the word as written, or in ALL CAPS; a word written in
    /// lower case in the pattern may also be capitalised ("the" / "The").
    Names,
    /// Any ASCII case.
    Insensitive,
}

/// One distinct pattern string and the entries it names.
#[derive(Debug, Clone)]
pub(crate) struct Pattern<T> {
    pub form: String,
    pub mode: CaseMode,
    /// A plural "s" right after the pattern belongs to the match ("F-16s").
    pub plural_s: bool,
    pub targets: Vec<T>,
}

/// Patterns collected before the automaton is built.
pub(crate) struct PatternSet<T> {
    index: HashMap<(String, CaseMode), usize>,
    patterns: Vec<Pattern<T>>,
}

impl<T: PartialEq> PatternSet<T> {
    pub fn new() -> Self {
        PatternSet {
            index: HashMap::new(),
            patterns: Vec::new(),
        }
    }

    /// Adds `form` for `target`. Forms with an apostrophe also get the curly
    /// one (U+2019); forms with non-ASCII letters also get their upper-case
    /// variant, since the automaton folds ASCII case only.
    pub fn add(&mut self, form: &str, mode: CaseMode, plural_s: bool, target: T)
    where
        T: Clone,
    {
        let form = form.trim();
        if form.is_empty() || !form.chars().any(char::is_alphanumeric) {
            return;
        }
        if form.contains('\'') {
            let curly = form.replace('\'', "\u{2019}");
            self.add_cased(&curly, mode, plural_s, target.clone());
        }
        self.add_cased(form, mode, plural_s, target);
    }

    fn add_cased(&mut self, form: &str, mode: CaseMode, plural_s: bool, target: T)
    where
        T: Clone,
    {
        if !form.is_ascii() {
            let upper = form.to_uppercase();
            if upper != form {
                self.add_one(&upper, mode, plural_s, target.clone());
            }
        }
        self.add_one(form, mode, plural_s, target);
    }

    fn add_one(&mut self, form: &str, mode: CaseMode, plural_s: bool, target: T) {
        let key = (form.to_string(), mode);
        match self.index.get(&key) {
            Some(&i) => {
                let p = &mut self.patterns[i];
                p.plural_s |= plural_s;
                if !p.targets.contains(&target) {
                    p.targets.push(target);
                }
            }
            None => {
                self.index.insert(key, self.patterns.len());
                self.patterns.push(Pattern {
                    form: form.to_string(),
                    mode,
                    plural_s,
                    targets: vec![target],
                });
            }
        }
    }
}

/// A selected match: byte span and pattern index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    pub start: usize,
    pub end: usize,
    pub pattern: u32,
}

/// A built matcher. The automaton runs over ASCII-lower-cased text (same
/// byte offsets as the original) with ASCII-lower-cased keys; each key maps
/// to the patterns that lower-case to it.
pub(crate) struct Matcher<T> {
    ac: Option<AhoCorasick>,
    keys: Vec<Vec<u32>>,
    pub patterns: Vec<Pattern<T>>,
}

impl<T> Matcher<T> {
    /// An empty matcher that finds nothing.
    pub fn empty() -> Self {
        Matcher {
            ac: None,
            keys: Vec::new(),
            patterns: Vec::new(),
        }
    }

    /// Builds the automaton for `set`.
    pub fn build(set: PatternSet<T>, what: &'static str) -> Result<Self, LexiconError> {
        let patterns = set.patterns;
        if patterns.is_empty() {
            return Ok(Matcher {
                ac: None,
                keys: Vec::new(),
                patterns,
            });
        }
        let mut key_index: HashMap<String, usize> = HashMap::new();
        let mut key_strings: Vec<String> = Vec::new();
        let mut keys: Vec<Vec<u32>> = Vec::new();
        for (i, p) in patterns.iter().enumerate() {
            let k = p.form.to_ascii_lowercase();
            let ki = *key_index.entry(k.clone()).or_insert_with(|| {
                key_strings.push(k);
                keys.push(Vec::new());
                keys.len() - 1
            });
            keys[ki].push(i as u32);
        }
        let kind = if key_strings.len() <= DFA_MAX_KEYS {
            AhoCorasickKind::DFA
        } else {
            AhoCorasickKind::ContiguousNFA
        };
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(kind))
            .build(&key_strings)
            .map_err(|e| LexiconError::Build {
                what,
                message: e.to_string(),
            })?;
        Ok(Matcher {
            ac: Some(ac),
            keys,
            patterns,
        })
    }

    /// All non-overlapping matches, leftmost-longest among those that pass
    /// the boundary and case checks, in text order.
    pub fn find(&self, text: &str) -> Vec<Hit> {
        let Some(ac) = &self.ac else {
            return Vec::new();
        };
        let lower: Cow<'_, str> = if text.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(text.to_ascii_lowercase())
        } else {
            Cow::Borrowed(text)
        };
        let mut cands: Vec<Hit> = Vec::new();
        for m in ac.find_overlapping_iter(lower.as_bytes()) {
            let Some(pids) = self.keys.get(m.pattern().as_usize()) else {
                continue;
            };
            for &pid in pids {
                let Some(p) = self.patterns.get(pid as usize) else {
                    continue;
                };
                if let Some(end) = check(text, m.start(), m.end(), p) {
                    cands.push(Hit {
                        start: m.start(),
                        end,
                        pattern: pid,
                    });
                }
            }
        }
        select(cands)
    }
}

/// Automata with at most this many keys are built as a DFA (fast search,
/// slower build); larger ones as a contiguous NFA.
const DFA_MAX_KEYS: usize = 500;

/// Leftmost-longest selection; ties keep the earlier pattern.
fn select(mut cands: Vec<Hit>) -> Vec<Hit> {
    cands.sort_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then(b.end.cmp(&a.end))
            .then(a.pattern.cmp(&b.pattern))
    });
    let mut out = Vec::with_capacity(cands.len());
    let mut last_end = 0;
    for h in cands {
        if h.start >= last_end {
            last_end = h.end;
            out.push(h);
        }
    }
    out
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Returns the match end (possibly extended by a plural "s") when the
/// candidate `start..end` passes the boundary and case checks.
fn check<T>(text: &str, start: usize, end: usize, p: &Pattern<T>) -> Option<usize> {
    let matched = text.get(start..end)?;
    let form = p.form.as_str();
    let first = form.chars().next()?;
    let last = form.chars().next_back()?;
    if is_word_char(first) {
        if let Some(prev) = text.get(..start)?.chars().next_back() {
            if is_word_char(prev) {
                return None;
            }
        }
    }
    let mut end = end;
    if is_word_char(last) {
        let rest = text.get(end..)?;
        let mut chars = rest.chars();
        match chars.next() {
            Some('s') if p.plural_s && !chars.next().is_some_and(is_word_char) => end += 1,
            // a model variant of a designation ending in a number: "F-16V",
            // "AIM-120D", "T-72B3"
            Some(c)
                if p.mode == CaseMode::Names && last.is_ascii_digit() && c.is_ascii_uppercase() =>
            {
                let n = rest
                    .bytes()
                    .take_while(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
                    .count();
                if n > 4 || rest[n..].chars().next().is_some_and(is_word_char) {
                    return None;
                }
                end += n;
            }
            Some(c) if is_word_char(c) => return None,
            _ => {}
        }
    }
    if p.mode == CaseMode::Names && !case_ok(form.as_bytes(), matched.as_bytes()) {
        return None;
    }
    Some(end)
}

/// Word-by-word case check for [`CaseMode::Names`]. `form` and `text` have
/// the same length and differ at most in ASCII case.
fn case_ok(form: &[u8], text: &[u8]) -> bool {
    if form == text {
        return true;
    }
    if form.len() != text.len() {
        return false;
    }
    let is_wb = |b: u8| b.is_ascii_alphanumeric() || b >= 0x80;
    let mut i = 0;
    while i < form.len() {
        if !is_wb(form[i]) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < form.len() && is_wb(form[j]) {
            j += 1;
        }
        let (fw, tw) = (&form[i..j], &text[i..j]);
        if fw != tw {
            let all_caps = !tw.iter().any(u8::is_ascii_lowercase) && fw.eq_ignore_ascii_case(tw);
            let capitalised = fw[0].is_ascii_lowercase()
                && tw[0] == fw[0].to_ascii_uppercase()
                && fw[1..] == tw[1..];
            if !all_caps && !capitalised {
                return false;
            }
        }
        i = j;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_rules() {
        assert!(case_ok(b"Kirby", b"Kirby"));
        assert!(case_ok(b"Kirby", b"KIRBY"));
        assert!(!case_ok(b"Kirby", b"kirby"));
        assert!(case_ok(b"the Kremlin", b"The Kremlin"));
        assert!(case_ok(b"the Kremlin", b"THE KREMLIN"));
        assert!(!case_ok(b"US", b"us"));
        assert!(!case_ok(b"US", b"Us"));
        assert!(case_ok(b"defense ministry", b"Defense Ministry"));
        assert!(!case_ok(b"MiG-29", b"Mig-29"));
        assert!(case_ok(b"MiG-29", b"MIG-29"));
    }

    #[test]
    fn leftmost_longest_after_checks() {
        let mut set = PatternSet::new();
        set.add("Korean", CaseMode::Names, false, 0u32);
        set.add("Korean People's Army", CaseMode::Names, false, 1u32);
        let m = Matcher::build(set, "test").unwrap();
        let t = "the Korean people's army";
        let hits = m.find(t);
        assert_eq!(hits.len(), 1);
        assert_eq!(&t[hits[0].start..hits[0].end], "Korean");
        let t = "the Korean People's Army";
        let hits = m.find(t);
        assert_eq!(&t[hits[0].start..hits[0].end], "Korean People's Army");
    }

    #[test]
    fn designation_variants_match_their_model() {
        let mut set = PatternSet::new();
        set.add("F-16", CaseMode::Names, true, 0u32);
        let m = Matcher::build(set, "test").unwrap();
        let found = |t: &str| -> Vec<String> {
            m.find(t)
                .iter()
                .map(|h| t[h.start..h.end].to_string())
                .collect()
        };
        assert_eq!(found("two F-16V jets"), ["F-16V"]);
        assert_eq!(found("the F-16s arrived"), ["F-16s"]);
        assert_eq!(found("an F-16 Block 70"), ["F-16"]);
        assert!(found("F-160 and F-16abc").is_empty());
        assert!(found("F-16VWXYZ").is_empty());
    }
}
