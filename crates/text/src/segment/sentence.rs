//! Sentence and paragraph boundaries over the tokens of one paragraph.

use super::lexicon;
use super::tokenize::{RawTok, F_ABBR, F_BULLET, F_CLOSE, F_DASH, F_LINE_START, F_OPEN, F_TERM};
use super::{Segmentation, Sentence, Token, MAX_SENTENCE_TOKENS};

/// No boundary after a token.
const NONE: u8 = 0;
/// A sentence boundary.
const SENT: u8 = 1;
/// A sentence and paragraph boundary (after a headline line).
const PAR: u8 = 2;

/// Lines at most this many tokens long, without final punctuation, count
/// as headlines.
const HEADLINE_MAX_TOKENS: usize = 30;

/// Collects the tokens of one paragraph, then cuts them into sentences.
#[derive(Debug, Default)]
pub(crate) struct Splitter {
    /// The paragraph's tokens.
    pub raw: Vec<RawTok>,
    /// Its lines, as ranges over `raw`.
    pub lines: Vec<std::ops::Range<usize>>,
}

/// The view of one paragraph the boundary rules look at.
struct Para<'a> {
    text: &'a str,
    raw: &'a [RawTok],
    /// Single line breaks are just spaces (hard-wrapped text).
    wrapped: bool,
}

impl Para<'_> {
    fn tx(&self, i: usize) -> &str {
        let t = &self.raw[i];
        &self.text[t.start..t.end]
    }

    fn has(&self, i: usize, flag: u8) -> bool {
        self.raw[i].flags & flag != 0
    }

    fn first_char(&self, i: usize) -> char {
        self.tx(i).chars().next().unwrap_or(' ')
    }

    /// Whether token `i` closes a terminal group (final punctuation,
    /// possibly followed by closing quotes, brackets and a citation such as
    /// "[12]"): returns the index of the terminal token.
    fn terminal_group(&self, i: usize) -> Option<usize> {
        let mut j = i;
        let mut steps = 0;
        loop {
            if self.has(j, F_TERM | F_ABBR) {
                return Some(j);
            }
            if steps > 6 || j == 0 {
                return None;
            }
            if self.tx(j) == "]" {
                // A citation "[12]" or "[1 – 3]", or an elision "[...]".
                let mut k = j;
                while k > 0 && j - k < 8 && self.tx(k - 1) != "[" {
                    k -= 1;
                    if !(is_citation_part(self.tx(k)) || k + 1 == j && self.has(k, F_TERM)) {
                        return None;
                    }
                }
                if k == j || k < 1 || self.tx(k - 1) != "[" {
                    return None;
                }
                if k + 1 == j && self.has(k, F_TERM) {
                    return Some(k); // "[...]" ends a sentence like "..."
                }
                if k < 2 {
                    return None;
                }
                j = k - 2;
            } else if self.has(j, F_CLOSE) {
                j -= 1;
            } else {
                return None;
            }
            steps += 1;
        }
    }

    /// Whether a citation "[12]" or an elision "[...]" starts at `j`.
    fn citation_at(&self, j: usize) -> bool {
        if self.tx(j) != "[" {
            return false;
        }
        let mut k = j + 1;
        while k < self.raw.len() && k - j <= 8 {
            let t = self.tx(k);
            if t == "]" {
                return k > j + 1;
            }
            if !(is_citation_part(t) || k == j + 1 && self.has(k, F_TERM)) {
                return false;
            }
            k += 1;
        }
        false
    }

    /// Whether token `j` looks like the start of a sentence.
    fn starts_like_sentence(&self, j: usize) -> bool {
        let c = self.first_char(j);
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphanumeric() || self.has(j, F_OPEN | F_BULLET) {
            return true;
        }
        matches!(
            c,
            '$' | '£' | '€' | '¥' | '#' | '@' | '*' | '•' | '&' | '¿' | '¡'
        ) || (c as u32) >= 0x2600 && !c.is_alphanumeric() && !self.has(j, F_CLOSE)
    }

    /// Whether token `j` is a word that often starts a sentence ("The").
    fn starter(&self, j: usize) -> bool {
        let mut j = j;
        if self.has(j, F_OPEN) && j + 1 < self.raw.len() {
            j += 1;
        }
        let t = self.tx(j);
        t.chars().next().is_some_and(char::is_uppercase) && lexicon::is_sentence_starter(t)
    }

    /// Whether a speaker label ("MR. KIRBY:", "Q:", "SPEAKER 1:") starts at
    /// `s`; the index of its colon.
    fn label_at(&self, s: usize) -> Option<usize> {
        let mut letters_total = 0;
        let mut k = s;
        while k < self.raw.len() && k - s <= 6 {
            let t = self.tx(k);
            if t == ":" {
                if k == s || k > s + 1 && self.has(k, F_LINE_START) {
                    return None;
                }
                let single = k == s + 1 && matches!(self.tx(s), "Q" | "A");
                return (letters_total >= 2 || single).then_some(k);
            }
            if k > s && self.has(k, F_LINE_START) {
                return None;
            }
            let letters = t.chars().filter(|c| c.is_alphabetic()).count();
            let ok = if letters == 0 {
                k > s && (t.bytes().all(|b| b.is_ascii_digit()) || t == "-")
            } else {
                t.chars().all(|c| {
                    c.is_uppercase() || c == '.' || c == '-' || c == '\'' || c.is_ascii_digit()
                })
            };
            if !ok {
                return None;
            }
            letters_total += letters;
            k += 1;
        }
        None
    }

    /// Whether a line before token `i` starts with the question marker "Q"
    /// followed by a capitalised word (a transcript's question).
    fn question_line_before(&self, i: usize) -> bool {
        (0..i).rev().any(|j| {
            self.has(j, F_LINE_START)
                && self.tx(j) == "Q"
                && j + 1 < i
                && !self.has(j + 1, F_LINE_START)
                && self.first_char(j + 1).is_uppercase()
        })
    }

    /// Whether a field label of at least four capital letters ("TEASER:",
    /// "PUBLISHED AT:", "VIDEO SOURCE:") starts at `s` in the middle of a
    /// line.
    fn field_label_at(&self, s: usize) -> bool {
        let Some(colon) = self.label_at(s) else {
            return false;
        };
        let letters: usize = (s..colon)
            .map(|k| self.tx(k).chars().filter(|c| c.is_alphabetic()).count())
            .sum();
        letters >= 4 && (s..colon).all(|k| !self.tx(k).contains('.'))
    }

    /// Whether tokens `i - 1` and `i` are both `close` ("]]", "))").
    fn doubled(&self, i: usize, close: char) -> bool {
        let c = close.to_string();
        i > 0 && self.tx(i) == c && self.tx(i - 1) == c
    }

    /// Whether the line ending at token `i` (its last token) ends a sentence
    /// by itself: final punctuation, possibly closed by quotes.
    fn line_ends_terminal(&self, i: usize) -> bool {
        self.terminal_group(i).is_some()
    }

    /// The boundary after token `i` (`i + 1 < raw.len()`), given the first
    /// token of the current sentence.
    fn boundary(&self, i: usize, sent_first: usize, line_first: usize) -> u8 {
        let next = i + 1;
        if self.has(next, F_LINE_START) {
            if self.has(next, F_BULLET) || self.label_at(next).is_some() {
                return if self.headline(line_first, i) {
                    PAR
                } else {
                    SENT
                };
            }
            if !self.wrapped {
                if self.line_ends_terminal(i) {
                    return SENT;
                }
                let t = self.tx(i);
                let fc = self.first_char(next);
                if fc.is_lowercase()
                    || self.has(i, F_OPEN | F_DASH)
                    || matches!(t, "," | ";" | "&" | "/" | "(")
                {
                    return NONE;
                }
                if t == ":" {
                    return SENT;
                }
                return if self.headline(line_first, i) {
                    PAR
                } else {
                    SENT
                };
            }
        }
        // A speaker label at the start of the sentence ends at its colon.
        if self.tx(i) == ":" && self.label_at(sent_first) == Some(i) {
            return SENT;
        }
        // "Q" / "A" at the start of a line, before the question or answer
        // ("A" only after a "Q": "A Russian drone hit …" opens a sentence)
        if i == line_first
            && (self.tx(i) == "Q" || self.tx(i) == "A" && self.question_line_before(i))
            && !self.has(next, F_LINE_START)
            && self.first_char(next).is_uppercase()
        {
            return SENT;
        }
        // A speaker label right after this token starts a new sentence.
        if self.has(i, F_TERM | F_CLOSE)
            && self.label_at(next).is_some()
            && self.terminal_group(i).is_some()
        {
            return SENT;
        }
        // Script and metadata fields run together on one line: "... Railway
        // Station TEASER: Dozens of ...", "((INTRO)) [[More than ...".
        if self.field_label_at(next)
            && !self.has(i, F_OPEN)
            && self.tx(i) != ":"
            && !self
                .tx(i)
                .chars()
                .all(|c| c.is_uppercase() || c == '.' || c == '-')
        {
            return SENT;
        }
        if self.doubled(i, ']') || self.doubled(i, ')') {
            return SENT;
        }
        if next + 1 < self.raw.len()
            && matches!((self.tx(next), self.tx(next + 1)), ("[", "[") | ("(", "("))
        {
            return SENT;
        }
        // A caption "Figure 1.5" at the start of a paragraph, then its text.
        if self.caption_ends(sent_first, i, next) {
            return SENT;
        }
        // A dateline "KYIV, Nov 4 (Reuters) -" before the story's first
        // sentence.
        if self.dateline_ends(sent_first, i, next) {
            return SENT;
        }
        self.terminal_boundary(i, next, sent_first)
    }

    /// Whether token `i` is the dash that ends a dateline opening the
    /// sentence at `first`: a place in capitals ("WASHINGTON", "NEW
    /// DELHI"), then only names, dates, commas and an agency in brackets,
    /// then the dash and a capitalised word.
    fn dateline_ends(&self, first: usize, i: usize, next: usize) -> bool {
        if !self.has(i, F_DASH) || i <= first || i - first > 14 {
            return false;
        }
        if !self.has(first, F_LINE_START) || !self.first_char(next).is_uppercase() {
            return false;
        }
        let place = self.tx(first);
        if place.chars().filter(|c| c.is_alphabetic()).count() < 2
            || !place
                .chars()
                .all(|c| c.is_uppercase() || c == '.' || c == '-' || c == '\'')
        {
            return false;
        }
        // (a comma or a bracket after the place: "US - China talks" is no
        // dateline)
        (first + 1..i).any(|k| matches!(self.tx(k), "," | "("))
            && (first + 1..i).all(|k| {
                let t = self.tx(k);
                matches!(t, "," | "(" | ")" | ".")
                    || t.chars().all(|c| c.is_ascii_digit())
                    || self.first_char(k).is_uppercase()
            })
    }

    fn terminal_boundary(&self, i: usize, next: usize, sent_first: usize) -> u8 {
        let Some(t) = self.terminal_group(i) else {
            return NONE;
        };
        if t == sent_first && !self.has(t, F_ABBR) {
            return NONE; // "...Now": punctuation alone is no sentence
        }
        if self.has(next, F_CLOSE) || self.citation_at(next) {
            return NONE; // the group goes on
        }
        if t < i && self.tx(t).contains(['?', '!']) && self.speech_tag_at(next) {
            return NONE; // “Are you there?” I called.
        }
        if t == sent_first + 2 && self.caption_ends(sent_first, t - 1, next) {
            return NONE; // "Figure 2. Original and mutant ..."
        }
        if !self.starts_like_sentence(next) {
            // Web text often starts sentences in lowercase: "... here. i think".
            let tt = self.tx(t);
            let plain = t == i && self.has(t, F_TERM) && (tt == "." || tt.contains(['!', '?']));
            if !(plain && self.first_char(next).is_lowercase() && !self.has(next, F_ABBR)) {
                return NONE;
            }
            // After a period, a short lowercase word may be an unknown
            // abbreviation ("voc. ed."): then only a common starter counts.
            let prev_short = tt == "." && t > 0 && {
                let p = self.tx(t - 1);
                p.len() <= 3 && p.bytes().all(|b| b.is_ascii_lowercase())
            };
            return if !prev_short || lexicon::is_sentence_starter(self.tx(next)) {
                SENT
            } else {
                NONE
            };
        }
        if self.has(t, F_ABBR) && t == i {
            let w = self.tx(t);
            let w = &w[..w.len() - 1];
            return if self.abbreviation_ends_sentence(w, next) {
                SENT
            } else {
                NONE
            };
        }
        SENT
    }

    /// Whether a sentence ends after the abbreviation `w` (without its
    /// period), given the next token.
    fn abbreviation_ends_sentence(&self, w: &str, next: usize) -> bool {
        let starter = self.starter(next);
        if w.contains('.') {
            let lower = w.eq_ignore_ascii_case("e.g") || w.eq_ignore_ascii_case("i.e");
            return !lower && starter;
        }
        if w.len() == 1 {
            // An initial: "J. R. Ewing".
            return starter && !self.has(next, F_ABBR);
        }
        if lexicon::is_title(w) {
            if lexicon::is_before_number(w) {
                return !self.first_char(next).is_ascii_digit();
            }
            return false;
        }
        starter
    }

    /// Whether a speech tag starts at `j`: a pronoun or capitalised name
    /// followed by a verb of saying, then punctuation ("she said.",
    /// "Smith asked,").
    fn speech_tag_at(&self, j: usize) -> bool {
        if j + 1 >= self.raw.len() || self.has(j, F_LINE_START) {
            return false;
        }
        let who = self.tx(j);
        let person = matches!(who, "I" | "He" | "She" | "We" | "They" | "You")
            || who.chars().next().is_some_and(char::is_uppercase)
                && who.chars().skip(1).all(char::is_lowercase)
                && !lexicon::is_sentence_starter(who);
        let ends = j + 2 >= self.raw.len() || matches!(self.tx(j + 2), "." | "," | ";" | "!" | "?");
        person && lexicon::is_speech_verb(self.tx(j + 1)) && ends
    }

    /// Whether tokens `first..=i` are a caption label ("Figure 2.3",
    /// "Table 4") starting a paragraph, followed by a capitalised word.
    fn caption_ends(&self, first: usize, i: usize, next: usize) -> bool {
        first == 0
            && i == first + 1
            && matches!(
                self.tx(first),
                "Figure" | "Fig." | "Table" | "Chart" | "Map" | "Plate" | "Image" | "Photo"
            )
            && self.tx(i).bytes().all(|b| b.is_ascii_digit() || b == b'.')
            && self.tx(i).as_bytes()[0].is_ascii_digit()
            && self.first_char(next).is_uppercase()
    }

    /// Whether the line `first..=last` is a headline: short, not ending in
    /// punctuation, not a list item.
    fn headline(&self, first: usize, last: usize) -> bool {
        if self.wrapped || last + 1 - first > HEADLINE_MAX_TOKENS || self.has(first, F_BULLET) {
            return false;
        }
        let t = self.tx(last);
        let c = t.chars().next_back().unwrap_or(' ');
        c.is_alphanumeric() && self.label_at(first).is_none()
    }
}

impl Splitter {
    /// Cuts the collected paragraph into sentences, appends them to `seg`,
    /// and clears the collection.
    pub(crate) fn flush(&mut self, text: &str, seg: &mut Segmentation) {
        if self.raw.is_empty() {
            self.lines.clear();
            return;
        }
        let wrapped = is_wrapped(text, &self.raw, &self.lines);
        let para = Para {
            text,
            raw: &self.raw,
            wrapped,
        };
        let mut par_first_sent = seg.sentences.len();
        let mut sent_first_out = seg.tokens.len();
        let mut sent_first = 0;
        let mut group_first = 0;
        let mut line = 0;
        let n = self.raw.len();
        for i in 0..n {
            while line + 1 < self.lines.len() && self.lines[line + 1].start <= i {
                line += 1;
            }
            let r = self.raw[i];
            let out_index = seg.tokens.len();
            let mwt = match r.mwt {
                1 => {
                    group_first = out_index;
                    Some(out_index)
                }
                2 => Some(group_first),
                _ => None,
            };
            seg.tokens.push(Token {
                start: r.start,
                end: r.end,
                mwt,
            });
            let mut b = if i + 1 == n {
                PAR
            } else {
                para.boundary(i, sent_first, self.lines[line].start)
            };
            let count = seg.tokens.len() - sent_first_out;
            if b == NONE
                && count >= MAX_SENTENCE_TOKENS.saturating_sub(4)
                && (i + 1 == n || self.raw[i + 1].mwt != 2)
            {
                b = SENT;
            }
            if b != NONE {
                seg.sentences.push(Sentence {
                    start: seg.tokens[sent_first_out].start,
                    end: r.end,
                    tokens: sent_first_out..seg.tokens.len(),
                    paragraph: seg.paragraphs.len(),
                });
                sent_first_out = seg.tokens.len();
                sent_first = i + 1;
                if b == PAR {
                    seg.paragraphs.push(par_first_sent..seg.sentences.len());
                    par_first_sent = seg.sentences.len();
                }
            }
        }
        self.raw.clear();
        self.lines.clear();
    }
}

/// Numbers and separators inside a citation bracket.
fn is_citation_part(t: &str) -> bool {
    t.chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ',' | '-' | '–'))
}

/// Whether a paragraph's single line breaks are just wrapping: at least a
/// third of them continue a sentence onto a line that starts in lowercase.
fn is_wrapped(text: &str, raw: &[RawTok], lines: &[std::ops::Range<usize>]) -> bool {
    if lines.len() < 2 {
        return false;
    }
    let mut cont = 0;
    for w in lines.windows(2) {
        let last = &raw[w[0].end - 1];
        let first = &raw[w[1].start];
        if last.flags & (F_TERM | F_ABBR | F_CLOSE) != 0 || first.flags & (F_BULLET) != 0 {
            continue;
        }
        if text[first.start..first.end]
            .chars()
            .next()
            .is_some_and(char::is_lowercase)
        {
            cont += 1;
        }
    }
    cont >= 1 && cont * 3 >= lines.len() - 1
}
