//! The shared tokenizer of the scanners: runs of letters (words), runs of
//! ASCII digits (numbers) and single punctuation characters, each with its
//! byte span, a keyword class and a few layout flags. One pass, no
//! allocation beyond the token vector.

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters (ASCII or any alphabetic character).
    Word,
    /// ASCII digits.
    Num,
    /// One punctuation or symbol character (normalised: curly apostrophes
    /// become `'`, en dashes and Unicode hyphens `-`, curly quotes `"`).
    Punct(char),
}

/// A unit word of a time expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum U {
    Minute,
    Hour,
    Day,
    Night,
    Week,
    Weekend,
    Month,
    Year,
    Decade,
}

/// The keyword class of a word (case-insensitive), `None` for other words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kw {
    None,
    /// Full month name, 1..=12.
    Month(u8),
    /// Month abbreviation ("Jan", "Sept"), 1..=12.
    MonAbbr(u8),
    /// Weekday, 0 = Monday.
    Weekday(u8),
    /// Season: 0 spring, 1 summer, 2 autumn/fall, 3 winter.
    Season(u8),
    /// Singular unit word.
    Unit(U),
    /// Plural unit word.
    Units(U),
    /// Number word 0..=19 or a multiple of ten 20..=90.
    Small(u8),
    /// Ordinal word 1..=4 ("first".."fourth").
    Ord(u8),
    Hundred,
    Thousand,
    Million,
    Billion,
    Trillion,
    Dozen,
    Dozens,
    Hundreds,
    Thousands,
    Millions,
    Billions,
    Tens,
    Scores,
    Bn,
    Mn,
    Tn,
    K,
    B,
    M,
    A,
    An,
    The,
    In,
    On,
    At,
    Of,
    Since,
    Until,
    Till,
    By,
    From,
    To,
    Through,
    Between,
    And,
    Or,
    During,
    Over,
    Within,
    Throughout,
    Before,
    After,
    Ago,
    Later,
    Earlier,
    Last,
    This,
    Next,
    Coming,
    Upcoming,
    Past,
    Previous,
    Following,
    Early,
    Mid,
    Middle,
    Late,
    Beginning,
    Start,
    End,
    Today,
    Tonight,
    Yesterday,
    Tomorrow,
    Overnight,
    Recently,
    Lately,
    Recent,
    So,
    Far,
    Thus,
    DateW,
    Future,
    Near,
    Now,
    Same,
    That,
    Just,
    Morning,
    Afternoon,
    Evening,
    Quarter,
    Half,
    Final,
    Prior,
    Afterwards,
    Least,
    More,
    Than,
    About,
    Around,
    Roughly,
    Approximately,
    Approx,
    Some,
    Nearly,
    Almost,
    Up,
    As,
    Many,
    Much,
    Excess,
    Upwards,
    Well,
    Close,
    Estimated,
    Fewer,
    Less,
    Under,
    Below,
    No,
    Not,
    Most,
    Maximum,
    Minimum,
    Several,
    Few,
    Multiple,
    Numerous,
    Handful,
    Number,
    Couple,
    Pair,
    Above,
    Exceeding,
    Greater,
    Circa,
    Percent,
    Per,
    Cent,
    Plus,
    Odd,
    /// Currency word, index into [`CUR_WORDS`].
    Cur(u8),
    /// ISO 4217 code (or RMB), index into [`CODES`].
    Code(u8),
}

/// Currency words and their ISO 4217 codes.
pub(crate) const CUR_WORDS: &[(&str, &str)] = &[
    ("dollar", "USD"),
    ("dollars", "USD"),
    ("euro", "EUR"),
    ("euros", "EUR"),
    ("pound", "GBP"),
    ("pounds", "GBP"),
    ("sterling", "GBP"),
    ("yen", "JPY"),
    ("yuan", "CNY"),
    ("renminbi", "CNY"),
    ("ruble", "RUB"),
    ("rubles", "RUB"),
    ("rouble", "RUB"),
    ("roubles", "RUB"),
    ("hryvnia", "UAH"),
    ("hryvnias", "UAH"),
    ("hryvnas", "UAH"),
    ("won", "KRW"),
    ("rupee", "INR"),
    ("rupees", "INR"),
    ("shekel", "ILS"),
    ("shekels", "ILS"),
    ("riyal", "SAR"),
    ("riyals", "SAR"),
    ("dirham", "AED"),
    ("dirhams", "AED"),
    ("lira", "TRY"),
    ("liras", "TRY"),
    ("franc", "CHF"),
    ("francs", "CHF"),
    ("rial", "IRR"),
    ("rials", "IRR"),
];

/// Currency codes written in capitals before or after an amount.
pub(crate) const CODES: &[(&str, &str)] = &[
    ("usd", "USD"),
    ("eur", "EUR"),
    ("gbp", "GBP"),
    ("jpy", "JPY"),
    ("cny", "CNY"),
    ("rmb", "CNY"),
    ("rub", "RUB"),
    ("uah", "UAH"),
    ("krw", "KRW"),
    ("kpw", "KPW"),
    ("inr", "INR"),
    ("ils", "ILS"),
    ("sar", "SAR"),
    ("aed", "AED"),
    ("try", "TRY"),
    ("chf", "CHF"),
    ("cad", "CAD"),
    ("aud", "AUD"),
    ("twd", "TWD"),
    ("irr", "IRR"),
    ("nok", "NOK"),
    ("sek", "SEK"),
    ("pln", "PLN"),
    ("hkd", "HKD"),
    ("sgd", "SGD"),
    ("nzd", "NZD"),
];

/// One token.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tok {
    /// Byte offset of the first byte.
    pub s: usize,
    /// Byte offset one past the last byte.
    pub e: usize,
    pub kind: Kind,
    pub kw: Kw,
    /// Starts with an ASCII capital letter.
    pub cap: bool,
    /// Two or more letters, all ASCII capitals.
    pub upper: bool,
    /// A line break lies between this token and the previous one.
    pub nl: bool,
    /// Some whitespace lies between this token and the previous one.
    pub gap: bool,
}

fn char_at(text: &str, i: usize) -> char {
    text.get(i..).and_then(|s| s.chars().next()).unwrap_or(' ')
}

/// Splits `text` into tokens.
pub(crate) fn tokenize(text: &str) -> Vec<Tok> {
    let b = text.as_bytes();
    let n = b.len();
    let mut out: Vec<Tok> = Vec::with_capacity(n / 5 + 4);
    let mut i = 0;
    let mut nl = false;
    let mut gap = false;
    while i < n {
        let c = b[i];
        let s = i;
        let kind;
        if c < 0x80 {
            if c == b'\n' || c == b'\r' {
                nl = true;
                gap = true;
                i += 1;
                continue;
            }
            if c == b' ' || c == b'\t' || c < 0x20 || c == 0x7f {
                gap = true;
                i += 1;
                continue;
            }
            if c.is_ascii_alphabetic() {
                i = word_end(text, i + 1);
                kind = Kind::Word;
            } else if c.is_ascii_digit() {
                i += 1;
                while i < n && b[i].is_ascii_digit() {
                    i += 1;
                }
                kind = Kind::Num;
            } else {
                i += 1;
                kind = Kind::Punct(c as char);
            }
        } else {
            let ch = char_at(text, i);
            let l = ch.len_utf8();
            if ch.is_alphabetic() {
                i = word_end(text, i + l);
                kind = Kind::Word;
            } else if ch.is_whitespace() {
                if matches!(ch, '\u{2028}' | '\u{2029}' | '\u{85}') {
                    nl = true;
                }
                gap = true;
                i += l;
                continue;
            } else {
                i += l;
                let p = match ch {
                    '\u{2019}' | '\u{2018}' | '\u{2032}' | '\u{02bc}' => '\'',
                    '\u{2013}' | '\u{2010}' | '\u{2011}' | '\u{2212}' => '-',
                    '\u{201c}' | '\u{201d}' => '"',
                    other => other,
                };
                kind = Kind::Punct(p);
            }
        }
        let (kw, cap, upper) = if kind == Kind::Word {
            let w = &text[s..i];
            let wb = w.as_bytes();
            let cap = wb[0].is_ascii_uppercase();
            let upper = wb.len() >= 2 && wb.iter().all(|x| x.is_ascii_uppercase());
            (classify(w), cap, upper)
        } else {
            (Kw::None, false, false)
        };
        out.push(Tok {
            s,
            e: i,
            kind,
            kw,
            cap,
            upper,
            nl,
            gap,
        });
        nl = false;
        gap = false;
    }
    out
}

fn word_end(text: &str, mut i: usize) -> usize {
    let b = text.as_bytes();
    while i < b.len() {
        let d = b[i];
        if d.is_ascii_alphabetic() {
            i += 1;
        } else if d >= 0x80 {
            let ch = char_at(text, i);
            if ch.is_alphabetic() {
                i += ch.len_utf8();
            } else {
                break;
            }
        } else {
            break;
        }
    }
    i
}

/// The keyword class of a word.
pub(crate) fn classify(w: &str) -> Kw {
    let b = w.as_bytes();
    if b.is_empty() || b.len() > 15 {
        return Kw::None;
    }
    let mut buf = [0u8; 15];
    for (k, &c) in b.iter().enumerate() {
        if !c.is_ascii() {
            return Kw::None;
        }
        buf[k] = c.to_ascii_lowercase();
    }
    let l = &buf[..b.len()];
    use Kw::*;
    match l {
        b"january" => Month(1),
        b"february" => Month(2),
        b"march" => Month(3),
        b"april" => Month(4),
        b"may" => Month(5),
        b"june" => Month(6),
        b"july" => Month(7),
        b"august" => Month(8),
        b"september" => Month(9),
        b"october" => Month(10),
        b"november" => Month(11),
        b"december" => Month(12),
        b"jan" => MonAbbr(1),
        b"feb" => MonAbbr(2),
        b"mar" => MonAbbr(3),
        b"apr" => MonAbbr(4),
        b"jun" => MonAbbr(6),
        b"jul" => MonAbbr(7),
        b"aug" => MonAbbr(8),
        b"sep" | b"sept" => MonAbbr(9),
        b"oct" => MonAbbr(10),
        b"nov" => MonAbbr(11),
        b"dec" => MonAbbr(12),
        b"monday" => Weekday(0),
        b"tuesday" => Weekday(1),
        b"wednesday" => Weekday(2),
        b"thursday" => Weekday(3),
        b"friday" => Weekday(4),
        b"saturday" => Weekday(5),
        b"sunday" => Weekday(6),
        b"spring" => Season(0),
        b"summer" => Season(1),
        b"autumn" | b"fall" => Season(2),
        b"winter" => Season(3),
        b"minute" => Unit(U::Minute),
        b"minutes" => Units(U::Minute),
        b"hour" => Unit(U::Hour),
        b"hours" => Units(U::Hour),
        b"day" => Unit(U::Day),
        b"days" => Units(U::Day),
        b"night" => Unit(U::Night),
        b"nights" => Units(U::Night),
        b"week" => Unit(U::Week),
        b"weeks" => Units(U::Week),
        b"weekend" => Unit(U::Weekend),
        b"weekends" => Units(U::Weekend),
        b"month" => Unit(U::Month),
        b"months" => Units(U::Month),
        b"year" => Unit(U::Year),
        b"years" => Units(U::Year),
        b"decade" => Unit(U::Decade),
        b"decades" => Units(U::Decade),
        b"zero" => Small(0),
        b"one" => Small(1),
        b"two" => Small(2),
        b"three" => Small(3),
        b"four" => Small(4),
        b"five" => Small(5),
        b"six" => Small(6),
        b"seven" => Small(7),
        b"eight" => Small(8),
        b"nine" => Small(9),
        b"ten" => Small(10),
        b"eleven" => Small(11),
        b"twelve" => Small(12),
        b"thirteen" => Small(13),
        b"fourteen" => Small(14),
        b"fifteen" => Small(15),
        b"sixteen" => Small(16),
        b"seventeen" => Small(17),
        b"eighteen" => Small(18),
        b"nineteen" => Small(19),
        b"twenty" => Small(20),
        b"thirty" => Small(30),
        b"forty" => Small(40),
        b"fifty" => Small(50),
        b"sixty" => Small(60),
        b"seventy" => Small(70),
        b"eighty" => Small(80),
        b"ninety" => Small(90),
        b"first" => Ord(1),
        b"second" => Ord(2),
        b"third" => Ord(3),
        b"fourth" => Ord(4),
        b"hundred" => Hundred,
        b"thousand" => Thousand,
        b"million" => Million,
        b"billion" => Billion,
        b"trillion" => Trillion,
        b"dozen" => Dozen,
        b"dozens" => Dozens,
        b"hundreds" => Hundreds,
        b"thousands" => Thousands,
        b"millions" => Millions,
        b"billions" => Billions,
        b"tens" => Tens,
        b"scores" => Scores,
        b"bn" | b"bln" => Bn,
        b"mn" | b"mln" => Mn,
        b"tn" => Tn,
        b"k" => K,
        b"b" => B,
        b"m" => M,
        b"a" => A,
        b"an" => An,
        b"the" => The,
        b"in" => In,
        b"on" => On,
        b"at" => At,
        b"of" => Of,
        b"since" => Since,
        b"until" => Until,
        b"till" => Till,
        b"by" => By,
        b"from" => From,
        b"to" => To,
        b"through" | b"thru" => Through,
        b"between" => Between,
        b"and" => And,
        b"or" => Or,
        b"during" => During,
        b"over" => Over,
        b"within" => Within,
        b"throughout" => Throughout,
        b"before" => Before,
        b"after" => After,
        b"ago" => Ago,
        b"later" => Later,
        b"earlier" => Earlier,
        b"last" => Last,
        b"this" => This,
        b"next" => Next,
        b"coming" => Coming,
        b"upcoming" => Upcoming,
        b"past" => Past,
        b"previous" => Previous,
        b"following" => Following,
        b"early" => Early,
        b"mid" => Mid,
        b"middle" => Middle,
        b"late" => Late,
        b"beginning" => Beginning,
        b"start" => Start,
        b"end" => End,
        b"today" => Today,
        b"tonight" => Tonight,
        b"yesterday" => Yesterday,
        b"tomorrow" => Tomorrow,
        b"overnight" => Overnight,
        b"recently" => Recently,
        b"lately" => Lately,
        b"recent" => Recent,
        b"so" => So,
        b"far" => Far,
        b"thus" => Thus,
        b"date" => DateW,
        b"future" => Future,
        b"near" => Near,
        b"now" => Now,
        b"same" => Same,
        b"that" => That,
        b"just" => Just,
        b"morning" => Morning,
        b"afternoon" => Afternoon,
        b"evening" => Evening,
        b"quarter" => Quarter,
        b"half" => Half,
        b"final" => Final,
        b"prior" => Prior,
        b"afterwards" | b"afterward" | b"thereafter" => Afterwards,
        b"least" => Least,
        b"more" => More,
        b"than" => Than,
        b"about" => About,
        b"around" => Around,
        b"roughly" => Roughly,
        b"approximately" => Approximately,
        b"approx" => Approx,
        b"some" => Some,
        b"nearly" => Nearly,
        b"almost" => Almost,
        b"up" => Up,
        b"as" => As,
        b"many" => Many,
        b"much" => Much,
        b"excess" => Excess,
        b"upwards" | b"upward" => Upwards,
        b"well" => Well,
        b"close" => Close,
        b"estimated" => Estimated,
        b"fewer" => Fewer,
        b"less" => Less,
        b"under" => Under,
        b"below" => Below,
        b"no" => No,
        b"not" => Not,
        b"most" => Most,
        b"maximum" => Maximum,
        b"minimum" => Minimum,
        b"several" => Several,
        b"few" => Few,
        b"multiple" => Multiple,
        b"numerous" => Numerous,
        b"handful" => Handful,
        b"number" => Number,
        b"couple" => Couple,
        b"pair" => Pair,
        b"above" => Above,
        b"exceeding" => Exceeding,
        b"greater" => Greater,
        b"circa" => Circa,
        b"percent" | b"pct" => Percent,
        b"per" => Per,
        b"cent" => Cent,
        b"plus" => Plus,
        b"odd" => Odd,
        b"dollar" => Cur(0),
        b"dollars" => Cur(1),
        b"euro" => Cur(2),
        b"euros" => Cur(3),
        b"pound" => Cur(4),
        b"pounds" => Cur(5),
        b"sterling" => Cur(6),
        b"yen" => Cur(7),
        b"yuan" => Cur(8),
        b"renminbi" => Cur(9),
        b"ruble" => Cur(10),
        b"rubles" => Cur(11),
        b"rouble" => Cur(12),
        b"roubles" => Cur(13),
        b"hryvnia" => Cur(14),
        b"hryvnias" => Cur(15),
        b"hryvnas" => Cur(16),
        b"won" => Cur(17),
        b"rupee" => Cur(18),
        b"rupees" => Cur(19),
        b"shekel" => Cur(20),
        b"shekels" => Cur(21),
        b"riyal" => Cur(22),
        b"riyals" => Cur(23),
        b"dirham" => Cur(24),
        b"dirhams" => Cur(25),
        b"lira" => Cur(26),
        b"liras" => Cur(27),
        b"franc" => Cur(28),
        b"francs" => Cur(29),
        b"rial" => Cur(30),
        b"rials" => Cur(31),
        b"usd" => Code(0),
        b"eur" => Code(1),
        b"gbp" => Code(2),
        b"jpy" => Code(3),
        b"cny" => Code(4),
        b"rmb" => Code(5),
        b"rub" => Code(6),
        b"uah" => Code(7),
        b"krw" => Code(8),
        b"kpw" => Code(9),
        b"inr" => Code(10),
        b"ils" => Code(11),
        b"sar" => Code(12),
        b"aed" => Code(13),
        b"chf" => Code(15),
        b"cad" => Code(16),
        b"aud" => Code(17),
        b"twd" => Code(18),
        b"irr" => Code(19),
        b"nok" => Code(20),
        b"sek" => Code(21),
        b"pln" => Code(22),
        b"hkd" => Code(23),
        b"sgd" => Code(24),
        b"nzd" => Code(25),
        b"try" => Code(14),
        _ => Kw::None,
    }
}

/// Read access to a token vector, bounded on the right by `lim` (the end of
/// the current line), so that patterns never run across a line break.
#[derive(Clone, Copy)]
pub(crate) struct View<'a> {
    pub text: &'a str,
    pub t: &'a [Tok],
    pub lim: usize,
}

impl<'a> View<'a> {
    /// The token at `i`, if it is before the limit.
    #[inline]
    pub fn tok(&self, i: usize) -> Option<&'a Tok> {
        if i < self.lim {
            self.t.get(i)
        } else {
            None
        }
    }
    /// The keyword class at `i` (`Kw::None` past the limit).
    #[inline]
    pub fn kw(&self, i: usize) -> Kw {
        self.tok(i).map_or(Kw::None, |t| t.kw)
    }
    /// Whether `i` is the punctuation `c`.
    #[inline]
    pub fn p(&self, i: usize, c: char) -> bool {
        matches!(self.tok(i), Some(t) if t.kind == Kind::Punct(c))
    }
    /// Whether `i` is a word.
    #[inline]
    pub fn is_word(&self, i: usize) -> bool {
        matches!(self.tok(i), Some(t) if t.kind == Kind::Word)
    }
    /// Whether `i` is a digit run.
    #[inline]
    pub fn is_num(&self, i: usize) -> bool {
        matches!(self.tok(i), Some(t) if t.kind == Kind::Num)
    }
    /// Whether `i` touches the token before it (no whitespace between).
    #[inline]
    pub fn adj(&self, i: usize) -> bool {
        matches!(self.tok(i), Some(t) if !t.gap)
    }
    /// Whether `i` starts with a capital letter.
    #[inline]
    pub fn cap(&self, i: usize) -> bool {
        matches!(self.tok(i), Some(t) if t.cap)
    }
    /// The text of token `i` (empty past the limit).
    #[inline]
    pub fn s(&self, i: usize) -> &'a str {
        self.tok(i).map_or("", |t| &self.text[t.s..t.e])
    }
    /// Case-insensitive comparison of token `i` with `w`.
    #[inline]
    pub fn is(&self, i: usize, w: &str) -> bool {
        self.s(i).eq_ignore_ascii_case(w)
    }
    /// The digits of token `i`: value (saturating) and number of digits.
    pub fn num(&self, i: usize) -> Option<(u64, usize)> {
        let t = self.tok(i)?;
        if t.kind != Kind::Num {
            return None;
        }
        let d = &self.text.as_bytes()[t.s..t.e];
        let mut v: u64 = 0;
        for &c in d {
            v = v.saturating_mul(10).saturating_add(u64::from(c - b'0'));
        }
        Some((v, d.len()))
    }
    /// The token before `i` on the same line.
    #[inline]
    pub fn prev(&self, i: usize) -> Option<usize> {
        if i > 0 && i <= self.t.len() && !self.t[i].nl {
            Some(i - 1)
        } else {
            None
        }
    }
    /// The keyword class of the token before `i` on the same line.
    #[inline]
    pub fn prev_kw(&self, i: usize) -> Kw {
        self.prev(i).map_or(Kw::None, |j| self.t[j].kw)
    }
    /// Whether token `i` touches the one before it (no whitespace); false
    /// for the first token. Unlike [`View::adj`], ignores the limit.
    #[inline]
    pub fn touches_prev(&self, i: usize) -> bool {
        i > 0 && i < self.t.len() && !self.t[i].gap
    }
}

/// Iterates over tokens, keeping `lim` at the end of the current line.
pub(crate) struct Lines {
    lim: usize,
}

impl Lines {
    pub fn new() -> Self {
        Lines { lim: 0 }
    }
    /// The end (exclusive token index) of the line holding token `i`.
    pub fn lim(&mut self, t: &[Tok], i: usize) -> usize {
        if i >= self.lim || i == 0 {
            let mut l = i + 1;
            while l < t.len() && !t[l].nl {
                l += 1;
            }
            self.lim = l;
        }
        self.lim
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_words_match_their_tables() {
        for (k, (w, _)) in CUR_WORDS.iter().enumerate() {
            assert_eq!(classify(w), Kw::Cur(k as u8), "{w}");
        }
        for (k, (w, _)) in CODES.iter().enumerate() {
            assert_eq!(classify(&w.to_uppercase()), Kw::Code(k as u8), "{w}");
        }
    }

    #[test]
    fn tokens() {
        let t = tokenize("F-16s, \u{2019}82\u{2013}3\nX\u{a0}y");
        let kinds: Vec<Kind> = t.iter().map(|t| t.kind).collect();
        assert_eq!(
            kinds,
            [
                Kind::Word,
                Kind::Punct('-'),
                Kind::Num,
                Kind::Word,
                Kind::Punct(','),
                Kind::Punct('\''),
                Kind::Num,
                Kind::Punct('-'),
                Kind::Num,
                Kind::Word,
                Kind::Word
            ]
        );
        assert!(t[9].nl && t[9].gap && !t[8].gap && t[10].gap && !t[10].nl);
    }
}
