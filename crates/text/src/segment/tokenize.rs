//! Splitting one line of text into UD-style tokens.
//!
//! A line is cut into *chunks* at whitespace; each chunk is then split, in
//! one left-to-right pass plus one right-to-left pass, into leading
//! punctuation, a core and trailing punctuation; the core is split at
//! hyphens, slashes, dashes and units where UD English splits them, and its
//! pieces lose their clitics ("n't", "'s", ...), which become multiword-token
//! groups. Every step looks at a bounded window or moves a cursor forward, so
//! the whole is linear in the length of the line.

use super::lexicon;
use super::MAX_TOKEN_BYTES;

/// A token as the tokenizer makes it, before the sentence splitter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RawTok {
    pub start: usize,
    pub end: usize,
    /// 0: ordinary token; 1: first piece of a multiword token; 2: a further piece.
    pub mwt: u8,
    /// Bit set of the `F_*` flags.
    pub flags: u8,
}

/// Opening quote or bracket (split off the front of a word).
pub(crate) const F_OPEN: u8 = 1;
/// Closing quote or bracket (split off the end of a word).
pub(crate) const F_CLOSE: u8 = 2;
/// A run of sentence-final punctuation (`.`, `!`, `?`, `…`).
pub(crate) const F_TERM: u8 = 4;
/// A word whose final period belongs to it (abbreviation, initial).
pub(crate) const F_ABBR: u8 = 8;
/// The first token of a line.
pub(crate) const F_LINE_START: u8 = 16;
/// A list bullet at the start of a line.
pub(crate) const F_BULLET: u8 = 32;
/// A dash (`-`, `--`, `—`, `–`) standing as a token.
pub(crate) const F_DASH: u8 = 64;

/// Chunks longer than this are not analysed: they are cut into
/// [`MAX_TOKEN_BYTES`] pieces (no word is that long).
const MAX_CHUNK_BYTES: usize = 2048;

/// Whether `c` separates chunks: whitespace, control characters and the
/// invisible zero-width space / word joiner / byte-order mark.
#[inline]
pub(crate) fn is_separator(c: char) -> bool {
    c.is_whitespace() || c.is_control() || matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}')
}

/// Characters that attach to the preceding one: combining marks, joiners,
/// variation selectors, emoji modifiers.
#[inline]
fn is_extend(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{0483}'..='\u{0489}'
        | '\u{0591}'..='\u{05BD}'
        | '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0900}'..='\u{0903}'
        | '\u{093A}'..='\u{094F}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{200C}'..='\u{200D}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FE20}'..='\u{FE2F}'
        | '\u{1F3FB}'..='\u{1F3FF}'
        | '\u{E0100}'..='\u{E01EF}')
}

/// Letters, digits and the marks that attach to them.
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_extend(c)
}

#[inline]
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '`' | 'ʼ')
}

#[inline]
pub(crate) fn is_terminal(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '…' | '‼' | '⁇' | '⁈' | '⁉' | '。' | '！' | '？'
    )
}

#[inline]
fn is_long_dash(c: char) -> bool {
    matches!(c, '—' | '–' | '―' | '‒' | '⸺' | '⸻')
}

#[inline]
fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑')
}

/// Symbols whose runs form one token ("$$$", "<<", "**").
#[inline]
fn is_symbol_run_char(c: char) -> bool {
    matches!(
        c,
        '*' | '='
            | '_'
            | '~'
            | '+'
            | '^'
            | '$'
            | '<'
            | '>'
            | '#'
            | '/'
            | '\\'
            | '|'
            | '&'
            | '%'
            | '@'
    )
}

#[inline]
fn is_open_bracket(c: char) -> bool {
    matches!(
        c,
        '(' | '[' | '{' | '<' | '（' | '［' | '｛' | '〈' | '《' | '「' | '『' | '【'
    )
}

#[inline]
fn is_close_bracket(c: char) -> bool {
    matches!(
        c,
        ')' | ']' | '}' | '>' | '）' | '］' | '｝' | '〉' | '》' | '」' | '』' | '】'
    )
}

#[inline]
fn is_open_quote(c: char) -> bool {
    matches!(c, '“' | '‘' | '„' | '‚' | '«' | '‹' | '‟' | '‛')
}

#[inline]
fn is_close_quote(c: char) -> bool {
    matches!(c, '”' | '’' | '»' | '›')
}

fn first_char(s: &str) -> Option<char> {
    s.chars().next()
}

fn last_char(s: &str) -> Option<char> {
    s.chars().next_back()
}

/// Byte length of the first character of `s` and the extenders after it.
fn cluster_len(s: &str) -> usize {
    let mut it = s.char_indices();
    let Some((_, c)) = it.next() else { return 0 };
    let mut len = c.len_utf8();
    for (i, c) in it {
        if !is_extend(c) {
            return i;
        }
        len = i + c.len_utf8();
    }
    len
}

/// Byte offset where the last cluster of `s` begins.
fn last_cluster_start(s: &str) -> usize {
    for (i, c) in s.char_indices().rev() {
        if !is_extend(c) {
            return i;
        }
    }
    0
}

/// Emoticons kept as one token.
const EMOTICONS: &[&str] = &[
    ":'(", ":(", ":)", ":-(", ":-)", ":-/", ":-D", ":-P", ":/", ":D", ":O", ":P", ":S", ":p", ":|",
    ";)", ";-)", ";D", "<3", "=(", "=)", "=D", ">:(", "XD", "^^", "^_^", "-_-", "o_O", "O_o",
];

/// An emoticon that is the whole chunk, the chunk before trailing
/// punctuation (":-)."), or the end of a word ("great:)").
fn emoticon_span(chunk: &str) -> Option<(usize, usize)> {
    let b = chunk.as_bytes();
    if b.len() < 2
        || !b.iter().any(|&x| {
            matches!(
                x,
                b':' | b';' | b'<' | b'=' | b'^' | b'-' | b'_' | b'X' | b'o' | b'O'
            )
        })
    {
        return None;
    }
    let core = chunk.trim_end_matches(['.', ',', '!', '?']);
    if EMOTICONS.contains(&core) {
        return Some((0, core.len()));
    }
    for e in [":)", ":(", ":-)", ":-(", ";)", ";-)"] {
        if let Some(head) = core.strip_suffix(e) {
            if head.bytes().last().is_some_and(|x| x.is_ascii_alphabetic()) {
                return Some((head.len(), core.len()));
            }
        }
    }
    None
}

/// Top-level domains that make "example.com" a web address.
const TLDS: &[&str] = &[
    "biz", "com", "edu", "gov", "info", "io", "mil", "net", "org", "uk",
];

/// Top-level domains that are also words: only with a path ("t.co/x").
const TLDS_WITH_PATH: &[&str] = &[
    "au", "ca", "cn", "co", "de", "es", "eu", "fr", "in", "it", "jp", "ly", "me", "nl", "ru", "tv",
    "us",
];

/// Tokenizer state that lives for one paragraph.
#[derive(Debug, Default)]
pub(crate) struct Tokenizer {
    /// An opening single quote was seen and not yet closed: a final
    /// apostrophe ("years'") is then more likely a closing quote than a
    /// plural possessive.
    open_single: bool,
    /// Trailing tokens of the current chunk, collected right to left.
    tail: Vec<(usize, usize, u8)>,
}

impl Tokenizer {
    /// Forgets the state carried between lines (at a paragraph break).
    pub(crate) fn reset(&mut self) {
        self.open_single = false;
    }

    /// Tokenizes `text[start..end]`, a line without its line break.
    pub(crate) fn line(&mut self, text: &str, start: usize, end: usize, out: &mut Vec<RawTok>) {
        let line = &text[start..end];
        let mut first = true;
        let mut chunk_start: Option<usize> = None;
        let first_tok = out.len();
        for (i, c) in line.char_indices() {
            if is_separator(c) {
                if let Some(s) = chunk_start.take() {
                    self.chunk(text, start + s, start + i, first, out);
                    first = false;
                }
            } else if chunk_start.is_none() {
                chunk_start = Some(i);
            }
        }
        if let Some(s) = chunk_start {
            self.chunk(text, start + s, end, first, out);
        }
        if let Some(t) = out.get_mut(first_tok) {
            t.flags |= F_LINE_START;
        }
        split_word_abbreviations(text, first_tok, out);
        // A bullet is only a bullet when something follows it on the line.
        if out.len() == first_tok + 1 {
            out[first_tok].flags &= !F_BULLET;
        }
    }

    fn chunk(
        &mut self,
        text: &str,
        start: usize,
        end: usize,
        line_start: bool,
        out: &mut Vec<RawTok>,
    ) {
        let chunk = &text[start..end];
        if chunk.len() > MAX_CHUNK_BYTES {
            push(text, out, start, end, 0, 0);
            return;
        }
        if chunk.bytes().all(|x| x.is_ascii_alphabetic()) {
            // The common case: a plain word.
            self.piece(text, start, end, out);
            return;
        }
        if line_start && is_bullet(chunk) {
            push(text, out, start, end, 0, F_BULLET);
            return;
        }
        if let Some((e0, e1)) = emoticon_span(chunk) {
            if e0 > 0 {
                self.plain(text, start, start + e0, out);
            }
            push(text, out, start + e0, start + e1, 0, 0);
            if e1 < chunk.len() {
                self.plain(text, start + e1, end, out);
            }
            return;
        }
        if let Some((u0, u1)) = special_span(chunk) {
            if u0 > 0 {
                self.plain(text, start, start + u0, out);
            }
            push(text, out, start + u0, start + u1, 0, 0);
            if u1 < chunk.len() {
                self.plain(text, start + u1, end, out);
            }
            return;
        }
        self.plain(text, start, end, out);
    }

    /// Leading punctuation, core, trailing punctuation.
    fn plain(&mut self, text: &str, start: usize, end: usize, out: &mut Vec<RawTok>) {
        let mut a = start;
        let mut b = end;
        // First opening bracket of each kind, to keep "friend(s)" whole.
        let chunk = &text[start..end];
        let paren = chunk.find('(').map(|i| start + i);
        let square = chunk.find('[').map(|i| start + i);

        // Leading punctuation.
        while a < b {
            let rest = &text[a..b];
            let Some(c) = first_char(rest) else { break };
            if is_word_char(c) {
                break;
            }
            let next = rest[c.len_utf8()..].chars().next();
            let next_word = next.is_some_and(is_word_char);
            let (len, flags) = match c {
                '#' | '@' if next_word => break,
                '.' if next.is_some_and(|n| n.is_ascii_digit()) => break,
                c if is_apostrophe(c) || c == '‘' => {
                    if leading_clitic(&rest[c.len_utf8()..]) {
                        break;
                    }
                    if next.is_some_and(|n| n.is_ascii_digit()) && c != '‘' {
                        break; // '90s
                    }
                    self.open_single = true;
                    (run_len(rest, |x| x == c), F_OPEN)
                }
                c if is_terminal(c) => (run_len(rest, is_terminal), F_TERM),
                c if is_hyphen(c) => (run_len(rest, is_hyphen), F_DASH),
                c if is_long_dash(c) => (run_len(rest, is_long_dash), F_DASH),
                '"' | '`' => (run_len(rest, |x| x == c), F_OPEN),
                '<' => (run_len(rest, |x| x == '<'), F_OPEN),
                c if is_open_quote(c) || is_open_bracket(c) => (cluster_len(rest), F_OPEN),
                '+' if next.is_some_and(|n| n.is_ascii_digit()) => break, // +1 212 ...
                c if is_symbol_run_char(c) => (run_len(rest, |x| x == c), 0),
                _ => (cluster_len(rest), 0),
            };
            push(text, out, a, a + len, 0, flags);
            a += len;
        }

        // Trailing punctuation, collected right to left.
        self.tail.clear();
        while a < b {
            let rest = &text[a..b];
            let cs = last_cluster_start(rest);
            let Some(c) = first_char(&rest[cs..]) else {
                break;
            };
            if is_word_char(c) {
                break;
            }
            let before = last_char(&rest[..cs]);
            let (len, flags) = match c {
                '.' => {
                    let run = run_len_back(rest, is_terminal);
                    if run == 1 && a + cs > start && ends_with_abbreviation(&rest[..cs]) {
                        // The period belongs to the word; mark it.
                        self.tail.push((usize::MAX, 0, F_ABBR));
                        break;
                    }
                    if run == 2
                        && rest.ends_with("..")
                        && cs >= 1
                        && ends_with_abbreviation(&rest[..cs - 1])
                    {
                        // "Inc.." : the abbreviation, then the sentence's period.
                        self.tail.push((b - 1, b, F_TERM));
                        self.tail.push((usize::MAX, 0, F_ABBR));
                        b -= 1;
                        break;
                    }
                    (run, F_TERM)
                }
                c if is_terminal(c) => (run_len_back(rest, is_terminal), F_TERM),
                c if is_apostrophe(c) => {
                    if c != '`'
                        && before.is_some_and(|p| p == 's' || p == 'S')
                        && !self.open_single
                        && cs >= 2
                    {
                        break; // plural possessive: split by the clitic rules
                    }
                    self.open_single = false;
                    (run_len_back(rest, |x| x == c), F_CLOSE)
                }
                '"' => (run_len_back(rest, |x| x == '"'), F_CLOSE),
                c if is_close_quote(c) => {
                    self.open_single = false;
                    (rest.len() - cs, F_CLOSE)
                }
                ')' if paren.is_some_and(|p| p >= a && p < a + cs) => break,
                ']' if square.is_some_and(|p| p >= a && p < a + cs) => break,
                '>' => (run_len_back(rest, |x| x == '>'), F_CLOSE),
                c if is_close_bracket(c) => (rest.len() - cs, F_CLOSE),
                c if is_hyphen(c) => {
                    let run = run_len_back(rest, is_hyphen);
                    if run == 1 && before.is_some_and(char::is_alphabetic) {
                        break; // a cut-off word: "th-", "belie-"
                    }
                    (run, F_DASH)
                }
                c if is_long_dash(c) => (run_len_back(rest, is_long_dash), F_DASH),
                c if is_symbol_run_char(c) => (run_len_back(rest, |x| x == c), 0),
                _ => (rest.len() - cs, 0),
            };
            // Runs are measured on whole characters; a trailing combining
            // mark makes the last cluster the token.
            let len = len.max(rest.len() - cs);
            self.tail.push((b - len, b, flags));
            b -= len;
        }

        let mut abbr = false;
        if let Some(&(usize::MAX, _, _)) = self.tail.last() {
            self.tail.pop();
            abbr = true;
        }
        if a < b {
            let first = out.len();
            self.core(text, a, b, out);
            if abbr {
                let len = out.len();
                if let Some(t) = out.last_mut() {
                    if t.end == b && len > first {
                        t.flags |= F_ABBR;
                    }
                }
            }
        }
        for &(s, e, f) in self.tail.iter().rev() {
            push(text, out, s, e, 0, f);
        }
    }

    /// Splits a core (no leading/trailing punctuation) at inner split points.
    fn core(&mut self, text: &str, a: usize, b: usize, out: &mut Vec<RawTok>) {
        let core = &text[a..b];
        if core.is_ascii() && core.bytes().all(|x| x.is_ascii_alphabetic()) {
            self.piece(text, a, b, out);
            return;
        }
        let mut piece_start = a;
        // Hyphens inside a digit group (phone numbers, dates) up to here are kept.
        let mut keep_until = a;
        let mut prev: Option<char> = None;
        let mut iter = core.char_indices().peekable();
        while let Some((i, c)) = iter.next() {
            let p = a + i;
            let next = iter.peek().map(|&(_, n)| n);
            let mut split: Option<(usize, u8)> = None; // (token length, flags)
            if is_hyphen(c) && p >= keep_until {
                let run = run_len(&text[p..b], is_hyphen);
                if run >= 2 {
                    split = Some((run, F_DASH));
                } else if let (Some(pc), Some(nc)) = (prev, next) {
                    if is_word_char(pc) && is_word_char(nc) {
                        if pc.is_ascii_digit() && nc.is_ascii_digit() {
                            let (g0, g1) = digit_group(text, piece_start, p, b);
                            if keep_digit_group(&text[g0..g1]) {
                                keep_until = g1;
                            } else {
                                split = Some((run, F_DASH));
                            }
                        } else if !is_prefix_word(word_before(text, piece_start, p)) {
                            split = Some((run, F_DASH));
                        }
                    } else {
                        // "U.S.-led", "5%-6%": a hyphen after punctuation.
                        split = Some((run, F_DASH));
                    }
                }
            } else if is_long_dash(c) {
                split = Some((run_len(&text[p..b], is_long_dash), F_DASH));
            } else if c == '.' || c == '…' {
                let run = run_len(&text[p..b], |x| x == '.' || x == '…');
                if run >= 2 || c == '…' {
                    split = Some((run, F_TERM));
                } else if missing_space_after_period(text, piece_start, p, b) {
                    split = Some((1, F_TERM));
                }
            } else if c == '/' {
                if let (Some(pc), Some(nc)) = (prev, next) {
                    if pc.is_alphabetic()
                        && nc.is_alphabetic()
                        && letters_before(text, piece_start, p) >= 2
                        && letters_after(text, p + 1, b) >= 2
                    {
                        split = Some((1, 0));
                    }
                }
            } else if c == ',' || c == ';' {
                let (pc, nc) = (prev.unwrap_or(' '), next.unwrap_or(' '));
                let letters = pc.is_alphabetic() && nc.is_alphanumeric()
                    || pc.is_alphanumeric() && nc.is_alphabetic();
                // "13,14" (a list) but not "1,000" (a number).
                let digit_list = c == ','
                    && pc.is_ascii_digit()
                    && nc.is_ascii_digit()
                    && run_len(&text[p + 1..b], |x| x.is_ascii_digit()) != 3;
                if letters || c == ';' && pc.is_alphanumeric() && nc.is_alphanumeric() || digit_list
                {
                    split = Some((1, 0));
                }
            } else if matches!(c, '°' | 'º' | '%') && prev.is_some_and(|x| x.is_ascii_digit()) {
                split = Some((c.len_utf8(), 0));
            } else if matches!(c, '[' | ']' | '{' | '}') {
                let f = if matches!(c, '[' | '{') {
                    F_OPEN
                } else {
                    F_CLOSE
                };
                split = Some((1, f));
            } else if c == '(' || c == ')' {
                // Keep "friend(s)", "Copper(II)", "Re(a)d": letters around.
                let inner = if c == '(' {
                    prev.is_some_and(char::is_alphanumeric) && closes_soon(&text[p + 1..b])
                } else {
                    next.is_none_or(|n| !is_word_char(n)) && text[piece_start..p].contains('(')
                        || next.is_some_and(char::is_alphabetic)
                            && text[piece_start..p].contains('(')
                };
                if !inner {
                    split = Some((1, if c == '(' { F_OPEN } else { F_CLOSE }));
                }
            } else if c == '"' || c == '“' || c == '”' {
                let f = if prev.is_some_and(is_word_char) {
                    F_CLOSE
                } else {
                    F_OPEN
                };
                split = Some((c.len_utf8(), f));
            } else if c.is_ascii_alphabetic() && prev.is_some_and(|x| x.is_ascii_digit()) {
                // "5.56mm", "10am": a unit after a number.
                let len = run_len(&text[p..b], |x| x.is_ascii_alphabetic());
                let after = text[p + len..b].chars().next();
                if !after.is_some_and(is_word_char)
                    && lexicon::is_unit(&text[p..p + len])
                    && is_number(&text[piece_start..p])
                {
                    self.piece(text, piece_start, p, out);
                    piece_start = p;
                }
            }
            if let Some((len, flags)) = split {
                if piece_start < p {
                    self.piece(text, piece_start, p, out);
                }
                push(text, out, p, p + len, 0, flags);
                piece_start = p + len;
                // Skip the rest of the split run.
                while iter.peek().is_some_and(|&(j, _)| a + j < p + len) {
                    iter.next();
                }
                prev = text[..p + len].chars().next_back();
                continue;
            }
            prev = Some(c);
        }
        if piece_start < b {
            self.piece(text, piece_start, b, out);
        }
    }

    /// A word: split off clitics ("n't", "'s", ...) as a multiword group.
    fn piece(&mut self, text: &str, a: usize, b: usize, out: &mut Vec<RawTok>) {
        let word = &text[a..b];
        // Cut points, right to left.
        let mut cuts = [0usize; 3];
        let mut n = 0;
        let mut end = b;
        while n < cuts.len() {
            match clitic_start(&text[a..end]) {
                Some(k) if k > 0 => {
                    cuts[n] = a + k;
                    end = a + k;
                    n += 1;
                }
                _ => break,
            }
        }
        if n == 0
            && word.len() >= 5
            && word.as_bytes()[0].eq_ignore_ascii_case(&b'c')
            && is_cmon(&word[1..])
        {
            cuts[0] = b - 2; // c'm + on
            n = 1;
        }
        if n == 0 {
            if let Some(k) = lexicon::no_apostrophe_split(word) {
                let all_caps = word.bytes().all(|x| x.is_ascii_uppercase());
                if !(all_caps && (word.len() <= 3)) {
                    cuts[0] = a + k;
                    n = 1;
                }
            }
        }
        if n == 0 {
            push(text, out, a, b, 0, 0);
            return;
        }
        let mut s = a;
        for (j, &cut) in cuts[..n].iter().rev().enumerate() {
            push(text, out, s, cut, if j == 0 { 1 } else { 2 }, 0);
            s = cut;
        }
        push(text, out, s, b, 2, 0);
    }
}

/// "No." is an abbreviation before a number ("No. 5") but a word and a
/// period elsewhere ("No. I disagree."); the same for "Art.", "Op.".
fn split_word_abbreviations(text: &str, first: usize, out: &mut Vec<RawTok>) {
    let is_word_abbr = |t: &RawTok| {
        if t.flags & F_ABBR == 0 {
            return false;
        }
        let w = &text[t.start..t.end - 1];
        lexicon::is_word_abbreviation(w)
    };
    let needs = |i: usize| {
        is_word_abbr(&out[i])
            && out.get(i + 1).is_none_or(|n| {
                !text[n.start..n.end].starts_with(|c: char| c.is_ascii_digit() || c == '#')
            })
    };
    if !(first..out.len()).any(needs) {
        return;
    }
    let mut fixed = Vec::with_capacity(out.len() - first + 2);
    for (i, &t) in out.iter().enumerate().skip(first) {
        if needs(i) {
            fixed.push(RawTok {
                start: t.start,
                end: t.end - 1,
                mwt: 0,
                flags: t.flags & !F_ABBR,
            });
            fixed.push(RawTok {
                start: t.end - 1,
                end: t.end,
                mwt: 0,
                flags: F_TERM,
            });
        } else {
            fixed.push(t);
        }
    }
    out.truncate(first);
    out.extend(fixed);
}

/// Pushes a token, cutting it into [`MAX_TOKEN_BYTES`] pieces (at char
/// boundaries) when it is longer.
fn push(text: &str, out: &mut Vec<RawTok>, start: usize, end: usize, mwt: u8, flags: u8) {
    if end <= start {
        return;
    }
    if end - start <= MAX_TOKEN_BYTES {
        out.push(RawTok {
            start,
            end,
            mwt,
            flags,
        });
        return;
    }
    let mut s = start;
    while s < end {
        let mut e = (s + MAX_TOKEN_BYTES).min(end);
        while !text.is_char_boundary(e) {
            e -= 1;
        }
        if e == s {
            // Unreachable for MAX_TOKEN_BYTES >= 4; never loop forever.
            e = (s + 1..=end)
                .find(|&i| text.is_char_boundary(i))
                .unwrap_or(end);
        }
        out.push(RawTok {
            start: s,
            end: e,
            mwt: 0,
            flags: 0,
        });
        s = e;
    }
}

/// Byte length of the leading run of chars satisfying `f`.
fn run_len(s: &str, f: impl Fn(char) -> bool) -> usize {
    s.char_indices()
        .find(|&(_, c)| !f(c))
        .map_or(s.len(), |(i, _)| i)
}

/// Byte length of the trailing run of chars satisfying `f`.
fn run_len_back(s: &str, f: impl Fn(char) -> bool) -> usize {
    s.char_indices()
        .rev()
        .find(|&(_, c)| !f(c))
        .map_or(s.len(), |(i, c)| s.len() - i - c.len_utf8())
}

/// A bullet marker: "-", "*", "•", "·", "–", "—", "1.", "1)", "a)", "(a)".
fn is_bullet(chunk: &str) -> bool {
    match chunk {
        "-" | "*" | "•" | "·" | "–" | "—" | "‣" | "◦" | "▪" | "■" | "●" | "○" | "➢" | "►" | "+" => {
            true
        }
        _ => {
            let b = chunk.as_bytes();
            if b.len() < 2 || b.len() > 4 {
                return false;
            }
            let (body, last) = (&b[..b.len() - 1], b[b.len() - 1]);
            let body = if last == b')' && body.first() == Some(&b'(') {
                &body[1..]
            } else {
                body
            };
            (last == b'.' || last == b')')
                && !body.is_empty()
                && (body.iter().all(u8::is_ascii_digit)
                    || (body.len() == 1 && body[0].is_ascii_lowercase() && last == b')'))
        }
    }
}

/// "'mon" / "’mon" (after the "c" of "c'mon").
fn is_cmon(rest: &str) -> bool {
    let r = rest.trim_start_matches(is_apostrophe);
    r.len() < rest.len() && rest.len() - r.len() <= 3 && r.eq_ignore_ascii_case("mon")
}

/// Whether `rest` (after an apostrophe) is a clitic or elided word that
/// keeps its apostrophe: 's, 're, 'em, 'cause, ...
fn leading_clitic(rest: &str) -> bool {
    let n = run_len(rest, |c| c.is_ascii_alphabetic());
    if n == 0 || rest[n..].chars().next().is_some_and(is_word_char) {
        return false;
    }
    let mut buf = [0u8; 16];
    let Some(w) = lexicon::lower(&rest[..n], &mut buf) else {
        return false;
    };
    matches!(
        w,
        "s" | "m"
            | "d"
            | "re"
            | "ve"
            | "ll"
            | "em"
            | "cause"
            | "til"
            | "tis"
            | "twas"
            | "n"
            | "bout"
            | "round"
    )
}

/// Where a final clitic of `word` begins, if it has one.
fn clitic_start(word: &str) -> Option<usize> {
    let b = word.as_bytes();
    let n = b.len();
    let lower = |i: usize| b[i].to_ascii_lowercase();
    // Byte length of an apostrophe ending at byte `end` (exclusive), if any.
    let apos_before = |end: usize| -> Option<usize> {
        if end >= 1 && matches!(b[end - 1], b'\'' | b'`') {
            return Some(1);
        }
        if end >= 3 && &b[end - 3..end] == "’".as_bytes() {
            return Some(3);
        }
        if end >= 2 && &b[end - 2..end] == "ʼ".as_bytes() {
            return Some(2);
        }
        None
    };
    let word_before = |i: usize| i > 0 && word[..i].chars().next_back().is_some_and(is_word_char);
    if n >= 2 {
        // n't
        if lower(n - 1) == b't' {
            if let Some(al) = apos_before(n - 1) {
                let k = n - 1 - al; // index after 'n'
                if k >= 1 && lower(k - 1) == b'n' && word_before(k - 1) {
                    return Some(k - 1);
                }
            }
        }
        // 's 'm 'd
        if matches!(lower(n - 1), b's' | b'm' | b'd') {
            if let Some(al) = apos_before(n - 1) {
                let k = n - 1 - al;
                if word_before(k) {
                    return Some(k);
                }
            }
        }
        // 're 've 'll
        if n >= 3 {
            let two = [lower(n - 2), lower(n - 1)];
            if matches!(&two, b"re" | b"ve" | b"ll") {
                if let Some(al) = apos_before(n - 2) {
                    let k = n - 2 - al;
                    if word_before(k) {
                        return Some(k);
                    }
                }
            }
        }
        // plural possessive: "years'"
        if let Some(al) = apos_before(n) {
            if b[n - 1] != b'`' {
                let k = n - al;
                if k >= 2 && (b[k - 1] == b's' || b[k - 1] == b'S') {
                    return Some(k);
                }
            }
        }
    }
    None
}

/// Whether `s` (before a final period) ends with an abbreviation whose
/// period belongs to it: a known abbreviation, an initial, "U.S", "e.g".
pub(crate) fn ends_with_abbreviation(s: &str) -> bool {
    // The word: trailing letters and inner periods, at most 32 bytes back.
    let bytes = s.as_bytes();
    let mut i = bytes.len();
    while i > 0
        && bytes.len() - i < 32
        && (bytes[i - 1].is_ascii_alphabetic() || bytes[i - 1] == b'.')
    {
        i -= 1;
    }
    if i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] >= 0x80) {
        return false;
    }
    is_abbreviation_word(&s[i..])
}

/// Whether `w` (letters and inner periods, without the final period) is an
/// abbreviation.
pub(crate) fn is_abbreviation_word(w: &str) -> bool {
    let b = w.as_bytes();
    if b.is_empty() || b[0] == b'.' || b[b.len() - 1] == b'.' {
        return false;
    }
    if b.contains(&b'.') {
        // U.S, e.g, a.m, Ph.D, a.k.a: segments of one or two letters.
        return w.split('.').all(|seg| {
            (1..=2).contains(&seg.len()) && seg.bytes().all(|x| x.is_ascii_alphabetic())
        });
    }
    if b.len() == 1 {
        // Initials, and "c." (circa), "b." / "d." (born, died), "p." (page), "m." (married).
        return b[0].is_ascii_uppercase() && b[0] != b'I'
            || matches!(b[0], b'b' | b'c' | b'd' | b'm' | b'p');
    }
    if b[0].is_ascii_uppercase() {
        return lexicon::is_abbreviation(w);
    }
    matches!(
        w,
        "al" | "approx"
            | "ca"
            | "cf"
            | "div"
            | "eq"
            | "esp"
            | "etc"
            | "ext"
            | "fig"
            | "figs"
            | "pp"
            | "vs"
            | "viz"
            | "vol"
            | "yr"
            | "yrs"
    )
}

/// Whether a web address, e-mail address or handle lies in `chunk`; its span.
fn special_span(chunk: &str) -> Option<(usize, usize)> {
    let b = chunk.as_bytes();
    if !b.iter().any(|&x| matches!(x, b':' | b'@' | b'.')) {
        return None;
    }
    let start = if let Some(p) = chunk.find("://") {
        let mut s = p;
        while s > 0 && b[s - 1].is_ascii_alphabetic() {
            s -= 1;
        }
        if s == p {
            return None;
        }
        s
    } else if let Some(p) = find_ci(chunk, "www.") {
        if p > 0 && b[p - 1].is_ascii_alphanumeric() {
            return None;
        }
        p
    } else if let Some(p) = chunk.find('@') {
        // user@host, or a handle "@name".
        let mut s = p;
        while s > 0
            && (b[s - 1].is_ascii_alphanumeric()
                || matches!(b[s - 1], b'.' | b'_' | b'%' | b'+' | b'-'))
        {
            s -= 1;
        }
        let mut e = p + 1;
        while e < b.len() && (b[e].is_ascii_alphanumeric() || matches!(b[e], b'.' | b'_' | b'-')) {
            e += 1;
        }
        while e > p + 1 && !b[e - 1].is_ascii_alphanumeric() {
            e -= 1;
        }
        while s < p && !b[s].is_ascii_alphanumeric() {
            s += 1;
        }
        if e == p + 1 {
            return None;
        }
        return Some((s, e));
    } else {
        domain_start(chunk)?
    };
    // Trailing punctuation is not part of the address; a closing bracket
    // is, when the address opened it.
    let mut e = b.len();
    let count = |x: u8| b[start..].iter().filter(|&&y| y == x).count();
    let (mut paren, mut square) = (
        count(b'(') as isize - count(b')') as isize,
        count(b'[') as isize - count(b']') as isize,
    );
    while e > start {
        let c = b[e - 1];
        let strip = match c {
            b'.' | b',' | b';' | b':' | b'!' | b'?' | b'\'' | b'"' | b'>' => true,
            b')' if paren < 0 => {
                paren += 1;
                true
            }
            b']' if square < 0 => {
                square += 1;
                true
            }
            0x80..=0xBF => {
                // A closing curly quote or similar multibyte punctuation.
                let cs = last_cluster_start(&chunk[start..e]) + start;
                let ch = first_char(&chunk[cs..e]).unwrap_or('a');
                if is_word_char(ch) || ch == '/' {
                    false
                } else {
                    e = cs;
                    continue;
                }
            }
            _ => false,
        };
        if !strip {
            break;
        }
        e -= 1;
    }
    (e > start).then_some((start, e))
}

/// "example.com/path": a word, a dot, a known TLD, then the end or a slash.
fn domain_start(chunk: &str) -> Option<usize> {
    let b = chunk.as_bytes();
    let mut s = 0;
    while s < b.len() && !b[s].is_ascii_alphanumeric() {
        s += 1;
    }
    let mut i = s;
    let mut dot = None;
    while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'.' || b[i] == b'-') {
        if b[i] == b'.' {
            dot = Some(i);
        }
        i += 1;
    }
    let d = dot?;
    if d == s {
        return None;
    }
    let tld = &chunk[d + 1..i];
    let slash = i < b.len() && b[i] == b'/';
    if !(TLDS.contains(&tld) || slash && TLDS_WITH_PATH.contains(&tld)) {
        return None;
    }
    let host = &chunk[s..d];
    if !host.bytes().any(|x| x.is_ascii_alphabetic()) {
        return None;
    }
    Some(s)
}

fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    if h.len() < n.len() {
        return None;
    }
    (0..=h.len() - n.len()).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// A prefix that keeps its hyphen ("non-", "Co-"), not in capitals ("UN-").
fn is_prefix_word(w: &str) -> bool {
    let caps = w.len() >= 2 && w.bytes().all(|x| x.is_ascii_uppercase());
    !caps && lexicon::is_hyphen_prefix(w)
}

/// The word (letters only, at most 9 bytes) that ends at `p`.
fn word_before(text: &str, from: usize, p: usize) -> &str {
    let b = text.as_bytes();
    let mut s = p;
    while s > from && p - s < 10 && b[s - 1].is_ascii_alphabetic() {
        s -= 1;
    }
    if p - s >= 10 || (s > from && b[s - 1].is_ascii_alphanumeric()) {
        return "";
    }
    &text[s..p]
}

/// Number of letters (up to 2) right before `p`.
fn letters_before(text: &str, from: usize, p: usize) -> usize {
    text[from..p]
        .chars()
        .rev()
        .take(2)
        .take_while(|c| c.is_alphabetic())
        .count()
}

/// Number of letters (up to 2) from `p`.
fn letters_after(text: &str, p: usize, to: usize) -> usize {
    text[p..to]
        .chars()
        .take(2)
        .take_while(|c| c.is_alphabetic())
        .count()
}

/// The maximal run of digits and hyphens around the hyphen at `p`.
fn digit_group(text: &str, from: usize, p: usize, to: usize) -> (usize, usize) {
    let b = text.as_bytes();
    let mut s = p;
    while s > from && (b[s - 1].is_ascii_digit() || b[s - 1] == b'-') {
        s -= 1;
    }
    let mut e = p;
    while e < to && (b[e].is_ascii_digit() || b[e] == b'-') {
        e += 1;
    }
    (s, e)
}

/// Phone numbers, zip codes and dates keep their hyphens: three or more
/// groups ("713-853-3989", "11-20-2000"), or a last group of four digits
/// after a group that is not a year ("853-3989", "16802-6601"); ranges
/// such as "5-10" or "1990-1995" are split.
fn keep_digit_group(g: &str) -> bool {
    let mut groups = [0usize; 3];
    let mut n = 0;
    for part in g.split('-') {
        if part.is_empty() {
            return false;
        }
        if n < 3 {
            groups[n] = part.len();
        }
        n += 1;
    }
    if n >= 3 {
        return groups[..3].iter().any(|&x| x >= 2);
    }
    n == 2 && groups[1] == 4 && groups[0] != 4
}

/// Whether `s` starts with up to 8 letters or digits and then ')'.
fn closes_soon(s: &str) -> bool {
    let n = run_len(s, char::is_alphanumeric);
    (1..=8).contains(&n) && s[n..].starts_with(')')
}

/// "word.Next": a period between a lowercase word and a capitalised one.
fn missing_space_after_period(text: &str, from: usize, p: usize, to: usize) -> bool {
    let left = &text[from..p];
    let right = &text[p + 1..to];
    let mut r = right.chars();
    let (Some(r0), Some(r1)) = (r.next(), r.next()) else {
        return false;
    };
    left.len() >= 2
        && left.chars().all(|c| c.is_lowercase())
        && r0.is_uppercase()
        && r1.is_lowercase()
        && right.chars().all(char::is_alphabetic)
}

/// Digits with "." and "," between them.
fn is_number(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|x| x.is_ascii_digit() || x == b'.' || x == b',')
        && s.as_bytes()[0].is_ascii_digit()
}
