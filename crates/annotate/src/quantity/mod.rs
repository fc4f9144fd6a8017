//! Quantities ("82", "1,000", "1.5 million", "eighty-two (82)", "a dozen",
//! "hundreds of", "at least six million") and money ("$2.1 billion",
//! "US$500 million", "€1.2bn", "£300m", "50 million euros").
//!
//! Both scanners are one linear pass over the tokens. Numbers inside dates
//! and time expressions ("December 30, 2023", "in 2022", "two days later")
//! and inside money are not quantities; neither are model designations
//! ("F-16", "KN-23", "Hwasong-18", "M1A1", "9M723"), clock times, ordinals
//! ("30th") or numbers after "Resolution", "No." and similar labels.
//!
//! Qualifiers map onto the SCHEMA's eight:
//!
//! | written | qualifier |
//! |---|---|
//! | at least, no fewer/less than, a minimum of, N or more | `at least` |
//! | more than, over, well over, just over, above, exceeding, in excess of, upwards of, N+ | `more than` |
//! | about, around, roughly, approximately, some, nearly, almost, close to, an estimated, circa, ~, N or so, N-odd | `about` |
//! | up to, as many as, as much as, no more than, at most, a maximum of, fewer/less than, under, below | `up to` |
//! | several, a few, a number of, a handful of, multiple, numerous | `several` |
//! | dozens of, scores of, a few dozen | `dozens` |
//! | hundreds of, several hundred | `hundreds` |
//! | thousands of, tens of thousands, hundreds of thousands, millions of | `thousands` |
//! | a range ("10-12", "10 to 12", "between 10 and 12") | `at least` (value = low end, `high` = high end) |

use crate::lex::{self, Kind, Kw, Lines, Tok, View, CODES, CUR_WORDS};
use crate::time;
use std::ops::Deref;

/// What a number counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuantityKind {
    /// Things: missiles, troops, drones (the default).
    Count,
    /// "50%", "50 percent".
    Percent,
    /// Followed by a time unit: "three days", "24 hours".
    Duration,
    /// Followed by a unit of measure: "20 kilometers", "300m", "5 tons".
    Measure,
}

/// A quantity found in a text.
#[derive(Clone, Debug, PartialEq)]
pub struct QuantityMention {
    /// Byte offset of the first byte (the qualifier's, when there is one).
    pub start: usize,
    /// Byte offset one past the last byte of the number (or of "or more",
    /// "(82)", "%").
    pub end: usize,
    /// The number; `None` for vague amounts ("several", "dozens of") and
    /// numbers too large to represent.
    pub value: Option<f64>,
    /// The high end of a range ("10-12" → 12).
    pub high: Option<f64>,
    /// One of `at least`, `more than`, `about`, `up to`, `several`,
    /// `dozens`, `hundreds`, `thousands`.
    pub qualifier: Option<&'static str>,
    /// What the number counts, judged from the word after it.
    pub kind: QuantityKind,
}

/// An amount of money found in a text.
#[derive(Clone, Debug, PartialEq)]
pub struct MoneyMention {
    /// Byte offset of the first byte (the qualifier's, when there is one).
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The amount in units of the currency ("$2.1 billion" → 2100000000),
    /// rounded to cents; the low end of a range.
    pub amount: f64,
    /// The high end of a range ("$1-2 billion" → 2000000000).
    pub high: Option<f64>,
    /// ISO 4217 code: `USD`, `EUR`, `GBP`, `JPY`, `CNY`, `RUB`, `UAH`,
    /// `KRW`, ...
    pub currency: &'static str,
    /// As for [`QuantityMention::qualifier`].
    pub qualifier: Option<&'static str>,
}

/// Finds the quantities of `text`; "a"/"an" are not counted as one (see
/// [`find_quantities_with`]).
pub fn find_quantities(text: &str) -> Vec<QuantityMention> {
    find_quantities_with(text, false)
}

/// Finds the quantities of `text`. With `article_one`, a bare "a" or "an"
/// before a word is a quantity of one ("a missile").
pub fn find_quantities_with(text: &str, article_one: bool) -> Vec<QuantityMention> {
    let toks = lex::tokenize(text);
    let mut excl: Vec<(usize, usize)> = time::find::scan(text, &toks)
        .into_iter()
        .map(|h| (h.s, h.e))
        .chain(money_scan(text, &toks).into_iter().map(|h| (h.s, h.e)))
        .collect();
    excl.sort_unstable();
    let n = toks.len();
    let mut out = Vec::new();
    let mut lines = Lines::new();
    let mut ex = 0;
    let mut i = 0;
    while i < n {
        while ex < excl.len() && excl[ex].1 <= i {
            ex += 1;
        }
        if ex < excl.len() && excl[ex].0 <= i {
            i = excl[ex].1.max(i + 1);
            continue;
        }
        if !can_start(&toks[i]) {
            i += 1;
            continue;
        }
        let next_ex = excl.get(ex).map_or(n, |r| r.0);
        let lim = lines.lim(&toks, i).min(next_ex);
        let q = Q(View {
            text,
            t: &toks,
            lim,
        });
        match q.quantity_at(i, article_one) {
            Some(h) if h.e > i => {
                out.push(QuantityMention {
                    start: toks[h.s].s,
                    end: toks[h.e - 1].e,
                    value: h.value,
                    high: h.high,
                    qualifier: h.qual,
                    kind: h.kind,
                });
                i = h.e;
            }
            _ => i += 1,
        }
    }
    out
}

/// Finds the amounts of money in `text`.
pub fn find_money(text: &str) -> Vec<MoneyMention> {
    let toks = lex::tokenize(text);
    money_scan(text, &toks)
        .into_iter()
        .map(|h| MoneyMention {
            start: toks[h.s].s,
            end: toks[h.e - 1].e,
            amount: h.amount,
            high: h.high,
            currency: h.cur,
            qualifier: h.qual,
        })
        .collect()
}

/// Whether a token can start a quantity or an amount (a cheap filter):
/// a number, a number word, a qualifier, a vague amount, a currency.
#[inline]
fn can_start(t: &Tok) -> bool {
    match t.kind {
        Kind::Num => true,
        Kind::Word => !matches!(
            t.kw,
            Kw::None
                | Kw::The
                | Kw::Of
                | Kw::And
                | Kw::Or
                | Kw::To
                | Kw::On
                | Kw::By
                | Kw::From
                | Kw::This
                | Kw::That
        ),
        Kind::Punct(c) => !c.is_ascii() || c == '$' || c == '~',
    }
}

struct MHit {
    s: usize,
    e: usize,
    amount: f64,
    high: Option<f64>,
    cur: &'static str,
    qual: Option<&'static str>,
}

fn money_scan(text: &str, toks: &[Tok]) -> Vec<MHit> {
    let mut out = Vec::new();
    let mut lines = Lines::new();
    let mut i = 0;
    while i < toks.len() {
        let dollar_prefix = toks[i].kind == Kind::Word
            && toks[i].cap
            && toks
                .get(i + 1)
                .is_some_and(|n| !n.gap && matches!(n.kind, Kind::Punct('$' | '.')));
        if !(can_start(&toks[i]) || dollar_prefix) {
            i += 1;
            continue;
        }
        let lim = lines.lim(toks, i);
        let q = Q(View { text, t: toks, lim });
        match q.money_at(i) {
            Some(h) if h.e > i => {
                i = h.e;
                out.push(h);
            }
            _ => i += 1,
        }
    }
    out
}

struct QHit {
    s: usize,
    e: usize,
    value: Option<f64>,
    high: Option<f64>,
    qual: Option<&'static str>,
    kind: QuantityKind,
}

/// A number read from the text: digits with separators and a decimal part,
/// kept exact where it fits (so "4.05 billion" is 4050000000 exactly).
#[derive(Clone, Copy)]
struct Dec {
    mant: Option<u128>,
    approx: f64,
    frac: i32,
}

impl Dec {
    fn new() -> Dec {
        Dec {
            mant: Some(0),
            approx: 0.0,
            frac: 0,
        }
    }

    fn push(&mut self, digits: &str, frac: bool) {
        for c in digits.bytes() {
            let d = u128::from(c - b'0');
            self.mant = self.mant.and_then(|m| m.checked_mul(10)?.checked_add(d));
            self.approx = self.approx * 10.0 + d as f64;
            if frac {
                self.frac = self.frac.saturating_add(1);
            }
        }
    }

    fn value(&self, exp10: i32) -> Option<f64> {
        let e = exp10 - self.frac;
        let v = match self.mant {
            Some(m) if e >= 0 => {
                match 10u128.checked_pow(e as u32).and_then(|p| m.checked_mul(p)) {
                    Some(x) => x as f64,
                    None => m as f64 * 10f64.powi(e),
                }
            }
            Some(m) => m as f64 / 10f64.powi(-e),
            None => self.approx * 10f64.powi(e),
        };
        v.is_finite().then_some(v)
    }
}

/// A parsed number phrase, in token indices.
struct NumP {
    e: usize,
    value: Option<f64>,
    high: Option<f64>,
    scaled: bool,
    digits: bool,
    /// Only the word "one".
    bare_one: bool,
}

/// Labels before a number that make it an identifier, not a count (any
/// case).
const LABELS: &[&str] = &[
    "resolution",
    "resolutions",
    "article",
    "articles",
    "section",
    "sections",
    "paragraph",
    "paragraphs",
    "chapter",
    "no",
    "nos",
    "flight",
    "highway",
    "page",
    "pages",
    "annex",
    "clause",
    "vol",
    "volume",
    "decree",
    "regulation",
    "amendment",
    "fig",
    "copyright",
    "transmittal",
    "ref",
    "id",
    "tel",
    "fax",
    "phone",
    "suite",
    "rev",
    "vin",
    "virin",
    "unscr",
    "hwy",
    "ch",
    "sec",
    "art",
];

/// Labels that are identifiers only when capitalised ("Order 14024",
/// "Public Law 96-8"; "order 100 drones" is a count).
const CAP_LABELS: &[&str] = &[
    "Order",
    "Law",
    "Act",
    "Case",
    "Line",
    "Block",
    "Unit",
    "Code",
    "Step",
    "Stage",
    "Phase",
    "Level",
    "Grade",
    "Model",
    "Version",
    "Table",
    "Figure",
    "Room",
    "Gate",
    "Zone",
    "Sector",
    "District",
    "Building",
    "Platform",
    "Channel",
    "Route",
    "Title",
    "Rule",
    "Number",
    "Item",
    "Batch",
    "Lot",
    "Tier",
    "Category",
    "Protocol",
    "Box",
    "Apartment",
    "Issue",
    "Part",
];

const MEASURES: &[&str] = &[
    "km",
    "kms",
    "kilometer",
    "kilometers",
    "kilometre",
    "kilometres",
    "mile",
    "miles",
    "meter",
    "meters",
    "metre",
    "metres",
    "m",
    "mm",
    "cm",
    "kg",
    "kgs",
    "kilogram",
    "kilograms",
    "ton",
    "tons",
    "tonne",
    "tonnes",
    "t",
    "lb",
    "lbs",
    "feet",
    "foot",
    "ft",
    "inch",
    "inches",
    "knots",
    "kt",
    "kts",
    "mph",
    "kph",
    "degrees",
    "hectares",
    "acres",
    "liters",
    "litres",
    "barrels",
    "gallons",
    "nm",
    "kilotons",
    "megatons",
    "kw",
    "mw",
    "gw",
    "mb",
    "gb",
    "hz",
    "mhz",
    "ghz",
    "square",
    "cubic",
    "calibre",
    "caliber",
    "millimeter",
    "millimeters",
    "millimetre",
    "millimetres",
    "centimeters",
    "centimetres",
    "grams",
    "gram",
    "pounds",
    "sq",
];

/// Adjectives before a currency word ("U.S. dollars", "South Korean won")
/// and the code they give.
const CUR_ADJ: &[(&str, &str)] = &[
    ("US", "USD"),
    ("American", "USD"),
    ("Canadian", "CAD"),
    ("Australian", "AUD"),
    ("Hong Kong", "HKD"),
    ("Taiwan", "TWD"),
    ("Taiwanese", "TWD"),
    ("New Taiwan", "TWD"),
    ("Singapore", "SGD"),
    ("New Zealand", "NZD"),
    ("South Korean", "KRW"),
    ("Korean", "KRW"),
    ("North Korean", "KPW"),
    ("Chinese", "CNY"),
    ("Japanese", "JPY"),
    ("Russian", "RUB"),
    ("Ukrainian", "UAH"),
    ("British", "GBP"),
    ("Swiss", "CHF"),
    ("Turkish", "TRY"),
    ("Iranian", "IRR"),
    ("Indian", "INR"),
    ("Israeli", "ILS"),
    ("Saudi", "SAR"),
    ("Emirati", "AED"),
];

fn symbol_currency(c: char) -> Option<&'static str> {
    Some(match c {
        '$' => "USD",
        '\u{20ac}' => "EUR",
        '\u{a3}' => "GBP",
        '\u{a5}' => "JPY",
        '\u{20a9}' => "KRW",
        '\u{20bd}' => "RUB",
        '\u{20b4}' => "UAH",
        '\u{20b9}' => "INR",
        '\u{20aa}' => "ILS",
        '\u{20ba}' => "TRY",
        _ => return None,
    })
}

fn dollar_prefix(w: &str) -> Option<&'static str> {
    Some(match w {
        "US" => "USD",
        "A" | "AU" => "AUD",
        "C" | "CA" | "Can" => "CAD",
        "HK" => "HKD",
        "NZ" => "NZD",
        "S" => "SGD",
        "NT" => "TWD",
        "R" => "BRL",
        "MX" | "Mex" => "MXN",
        _ => return None,
    })
}

fn round_cents(v: f64) -> f64 {
    if v.abs() < 1e13 {
        (v * 100.0).round() / 100.0
    } else {
        v
    }
}

struct Q<'a>(View<'a>);

impl<'a> Deref for Q<'a> {
    type Target = View<'a>;
    fn deref(&self) -> &View<'a> {
        &self.0
    }
}

impl Q<'_> {
    // ---------------------------------------------------------- numbers

    /// Digits with thousands separators and a decimal part: the number and
    /// the index after it.
    fn digits(&self, i: usize) -> Option<(Dec, usize)> {
        let (_, first_len) = self.num(i)?;
        let mut d = Dec::new();
        d.push(self.s(i), false);
        let mut j = i + 1;
        if first_len <= 3 {
            // At most six groups (10^21): bounded work per start token.
            while j < i + 13
                && self.p(j, ',')
                && self.adj(j)
                && self.adj(j + 1)
                && self.num(j + 1).is_some_and(|x| x.1 == 3)
            {
                d.push(self.s(j + 1), false);
                j += 2;
            }
        }
        if self.p(j, '.') && self.adj(j) && self.adj(j + 1) && self.is_num(j + 1) {
            if self.p(j + 2, '.') && self.adj(j + 2) && self.adj(j + 3) && self.is_num(j + 3) {
                return None; // "1.2.3": a version or a date
            }
            d.push(self.s(j + 1), true);
            j += 2;
        }
        Some((d, j))
    }

    /// A scale word after a number: the power of ten and the index after.
    fn scale(&self, j: usize, money: bool) -> (i32, usize) {
        let glued = self.adj(j);
        let e = match self.kw(j) {
            Kw::Thousand => 3,
            Kw::Million => 6,
            Kw::Billion => 9,
            Kw::Trillion => 12,
            Kw::Bn => 9,
            Kw::Mn => 6,
            Kw::Tn => 12,
            Kw::K if glued => 3,
            Kw::B if money => 9,
            Kw::M if money => 6,
            Kw::Hundred if !glued => 2,
            _ => 0,
        };
        if e == 0 {
            (0, j)
        } else {
            (e, j + 1)
        }
    }

    /// Whether the digit run at `j` (number ending before `k`) is free of
    /// designator, date, clock and ordinal context.
    fn digit_ok(&self, j: usize, k: usize, money: bool) -> bool {
        if self.touches_prev(j) {
            match self.t[j - 1].kind {
                Kind::Word if !(money && matches!(self.t[j - 1].kw, Kw::Code(_))) => return false,
                Kind::Num => return false,
                Kind::Punct('-')
                    if j >= 2
                        && self.touches_prev(j - 1)
                        && matches!(self.t[j - 2].kind, Kind::Word | Kind::Num) =>
                {
                    return false
                }
                Kind::Punct('.' | ',' | ':' | '/' | '#' | '_' | '@' | '=') => return false,
                Kind::Punct(c) if !money && symbol_currency(c).is_some() => return false,
                _ => {}
            }
        }
        if !money {
            if let Some(mut p) = self.prev(j) {
                // "VIRIN: 220914", "No. 5"
                if matches!(self.t[p].kind, Kind::Punct(':' | '.')) && p > 0 && !self.t[p].nl {
                    let w = self.s(p - 1);
                    let abbrev =
                        self.t[p].kind == Kind::Punct('.') && w.len() == 1 && self.t[p - 1].cap;
                    if abbrev && self.touches_prev(p) && !self.p(j + 1, ',') {
                        return false;
                    }
                    p -= 1;
                }
                let w = self.s(p);
                if self.t[p].kind == Kind::Word
                    && (LABELS.iter().any(|l| w.eq_ignore_ascii_case(l)) || CAP_LABELS.contains(&w))
                {
                    return false;
                }
                if self.t[p].kind == Kind::Punct('\u{a9}') {
                    return false;
                }
            }
        }
        if self.adj(k) {
            match self.t[k].kind {
                Kind::Word => {
                    let w = self.s(k);
                    let scale = matches!(
                        self.kw(k),
                        Kw::Bn
                            | Kw::Mn
                            | Kw::Tn
                            | Kw::K
                            | Kw::Million
                            | Kw::Billion
                            | Kw::Thousand
                            | Kw::Trillion
                    ) || money && matches!(self.kw(k), Kw::B | Kw::M);
                    let measure = MEASURES.iter().any(|m| w.eq_ignore_ascii_case(m));
                    if !(scale || measure)
                        || self.adj(k + 1) && matches!(self.t[k + 1].kind, Kind::Num | Kind::Word)
                    {
                        return false;
                    }
                }
                Kind::Punct(':' | '/') if self.adj(k + 1) && self.is_num(k + 1) => return false,
                Kind::Punct('-')
                    if self.adj(k + 1)
                        && (self.is_word(k + 1)
                            && (self.t[k + 1].upper
                                || self.t[k + 1].cap && self.s(k + 1).len() == 1)
                            || self.is_word(k + 1) && self.adj(k + 2) && self.is_num(k + 2)) =>
                {
                    return false
                }
                Kind::Punct('.' | ',') if self.adj(k + 1) && self.is_word(k + 1) => return false,
                _ => {}
            }
        }
        // Clock times: "10 a.m.", "0300 GMT".
        let w = self.s(k);
        if w.eq_ignore_ascii_case("am") || w.eq_ignore_ascii_case("pm") || w == "GMT" || w == "UTC"
        {
            return false;
        }
        if (w.eq_ignore_ascii_case("a") || w.eq_ignore_ascii_case("p"))
            && self.p(k + 1, '.')
            && self.is(k + 2, "m")
        {
            return false;
        }
        true
    }

    /// Number words: "eighty-two", "two hundred and fifty", "six million",
    /// "a dozen", "a hundred", "half a million". The value and the index
    /// after.
    fn words(&self, i: usize) -> Option<(f64, usize)> {
        if self.kw(i) == Kw::Half && matches!(self.kw(i + 1), Kw::A | Kw::An) {
            let v = match self.kw(i + 2) {
                Kw::Dozen => 6.0,
                Kw::Hundred => 50.0,
                Kw::Thousand => 500.0,
                Kw::Million => 500_000.0,
                Kw::Billion => 500_000_000.0,
                Kw::Trillion => 500_000_000_000.0,
                _ => return None,
            };
            return Some((v, i + 3));
        }
        let mut total: u128 = 0;
        let mut cur: u128 = 0;
        let mut any = false;
        let mut tens_open = false;
        let mut after_scale = false;
        let mut j = i;
        if matches!(self.kw(i), Kw::A | Kw::An)
            && matches!(
                self.kw(i + 1),
                Kw::Hundred | Kw::Thousand | Kw::Million | Kw::Billion | Kw::Trillion | Kw::Dozen
            )
        {
            cur = 1;
            any = true;
            j = i + 1;
        }
        // At most a dozen tokens: bounded work per start token.
        while j < i + 12 {
            match self.kw(j) {
                Kw::Small(n) => {
                    let n = u128::from(n);
                    if any && !after_scale && !(tens_open && n < 10 && n > 0) {
                        break;
                    }
                    let mut v = n;
                    let mut k = j + 1;
                    if n >= 20 && n % 10 == 0 && self.p(k, '-') && self.adj(k) && self.adj(k + 1) {
                        if let Kw::Small(m) = self.kw(k + 1) {
                            if (1..10).contains(&m) {
                                v += u128::from(m);
                                k += 2;
                            }
                        }
                    }
                    cur = cur.saturating_add(v);
                    tens_open = v >= 20 && v % 10 == 0;
                    after_scale = false;
                    any = true;
                    j = k;
                }
                Kw::Hundred if any && cur > 0 && cur < 100 && !after_scale => {
                    cur *= 100;
                    after_scale = true;
                    tens_open = false;
                    j += 1;
                }
                Kw::Dozen if any && cur > 0 && cur < 100 && !after_scale => {
                    cur *= 12;
                    after_scale = true;
                    tens_open = false;
                    j += 1;
                }
                Kw::Thousand | Kw::Million | Kw::Billion | Kw::Trillion if any && cur > 0 => {
                    let s: u128 = match self.kw(j) {
                        Kw::Thousand => 1_000,
                        Kw::Million => 1_000_000,
                        Kw::Billion => 1_000_000_000,
                        _ => 1_000_000_000_000,
                    };
                    total = total.saturating_add(cur.saturating_mul(s));
                    cur = 0;
                    after_scale = true;
                    tens_open = false;
                    j += 1;
                }
                Kw::And if any && after_scale && matches!(self.kw(j + 1), Kw::Small(_)) => {
                    j += 1;
                }
                _ => break,
            }
        }
        if !any {
            return None;
        }
        Some((total.saturating_add(cur) as f64, j))
    }

    /// A number phrase at `j`: digits (with scale and range) or words.
    fn number(&self, j: usize, money: bool) -> Option<NumP> {
        if self.is_num(j) {
            let (d, k) = self.digits(j)?;
            if !self.digit_ok(j, k, money) {
                return None;
            }
            if !money && k == j + 1 && !self.is_word(k) {
                if let Some((v, 4)) = self.num(j) {
                    if (1900..=2100).contains(&v) {
                        return None;
                    }
                }
            }
            let (exp, mut e) = self.scale(k, money);
            let mut value = d.value(exp);
            let mut high = None;
            let range_to =
                (self.p(e, '-') && self.adj(e) && self.adj(e + 1)) || self.kw(e) == Kw::To;
            if range_to && self.is_num(e + 1) {
                if let Some((d2, k2)) = self.digits(e + 1) {
                    if self.digit_ok(e + 1, k2, money) || self.p(e, '-') {
                        let (exp2, e2) = self.scale(k2, money);
                        let lo = d.value(if exp == 0 { exp2 } else { exp });
                        let hi = d2.value(exp2);
                        if let (Some(lo), Some(hi)) = (lo, hi) {
                            if hi > lo {
                                value = Some(lo);
                                high = Some(hi);
                                e = e2;
                            }
                        }
                    }
                }
            }
            return Some(NumP {
                e,
                value,
                high,
                scaled: exp != 0,
                digits: true,
                bare_one: false,
            });
        }
        let (v, mut e) = self.words(j)?;
        let bare_one = e == j + 1 && self.kw(j) == Kw::Small(1);
        // "eighty-two (82)"
        if self.p(e, '(') {
            if let Some((d, k)) = self.digits(e + 1) {
                if self.p(k, ')') && d.value(0) == Some(v) {
                    e = k + 1;
                }
            }
        }
        let (exp, e2) = if money { self.scale(e, true) } else { (0, e) };
        let value = if exp > 0 && exp != 2 {
            Some(v * 10f64.powi(exp))
        } else {
            Some(v)
        };
        let e = if exp > 0 && exp != 2 { e2 } else { e };
        Some(NumP {
            e,
            value,
            high: None,
            scaled: exp > 0,
            digits: false,
            bare_one,
        })
    }

    /// A qualifier before a number: its SCHEMA form and the index after.
    fn qualifier(&self, i: usize) -> Option<(&'static str, usize)> {
        let k1 = self.kw(i + 1);
        Some(match self.kw(i) {
            Kw::At => match k1 {
                Kw::Least => ("at least", i + 2),
                Kw::Most => ("up to", i + 2),
                _ => return None,
            },
            Kw::More | Kw::Greater if k1 == Kw::Than => ("more than", i + 2),
            Kw::Fewer | Kw::Less if k1 == Kw::Than => ("up to", i + 2),
            Kw::No | Kw::Not => match (k1, self.kw(i + 2)) {
                (Kw::Fewer | Kw::Less, Kw::Than) => ("at least", i + 3),
                (Kw::More, Kw::Than) => ("up to", i + 3),
                _ => return None,
            },
            Kw::Over | Kw::Above | Kw::Exceeding => ("more than", i + 1),
            Kw::Well | Kw::Just => match k1 {
                Kw::Over | Kw::Above => ("more than", i + 2),
                Kw::Under | Kw::Below => {
                    if self.kw(i) == Kw::Just {
                        ("about", i + 2)
                    } else {
                        ("up to", i + 2)
                    }
                }
                _ => return None,
            },
            Kw::In if k1 == Kw::Excess && self.kw(i + 2) == Kw::Of => ("more than", i + 3),
            Kw::Upwards if k1 == Kw::Of => ("more than", i + 2),
            Kw::About
            | Kw::Around
            | Kw::Roughly
            | Kw::Approximately
            | Kw::Approx
            | Kw::Nearly
            | Kw::Almost
            | Kw::Circa
            | Kw::Some
            | Kw::Estimated => ("about", i + 1),
            Kw::An if k1 == Kw::Estimated => ("about", i + 2),
            Kw::Close if k1 == Kw::To => ("about", i + 2),
            Kw::Up if k1 == Kw::To => ("up to", i + 2),
            Kw::As if matches!(k1, Kw::Many | Kw::Much) && self.kw(i + 2) == Kw::As => {
                ("up to", i + 3)
            }
            Kw::Under | Kw::Below => ("up to", i + 1),
            Kw::A if self.kw(i + 2) == Kw::Of => match k1 {
                Kw::Minimum => ("at least", i + 3),
                Kw::Maximum => ("up to", i + 3),
                _ => return None,
            },
            _ if self.p(i, '~') => ("about", i + 1),
            _ => return None,
        })
    }

    /// A vague amount: "several", "a few", "dozens of", "hundreds of",
    /// "tens of thousands of", "several hundred".
    fn vague(&self, i: usize) -> Option<(&'static str, usize)> {
        let after_several = |k: usize| -> (&'static str, usize) {
            match self.kw(k) {
                Kw::Hundred => ("hundreds", k + 1),
                Kw::Thousand | Kw::Million | Kw::Billion => ("thousands", k + 1),
                Kw::Dozen => ("dozens", k + 1),
                _ => ("several", k),
            }
        };
        Some(match self.kw(i) {
            Kw::Dozens | Kw::Scores => ("dozens", i + 1),
            Kw::Hundreds => {
                if self.kw(i + 1) == Kw::Of
                    && matches!(self.kw(i + 2), Kw::Thousands | Kw::Millions)
                {
                    ("thousands", i + 3)
                } else {
                    ("hundreds", i + 1)
                }
            }
            Kw::Thousands | Kw::Millions | Kw::Billions => ("thousands", i + 1),
            Kw::Tens
                if self.kw(i + 1) == Kw::Of
                    && matches!(self.kw(i + 2), Kw::Thousands | Kw::Millions) =>
            {
                ("thousands", i + 3)
            }
            Kw::Several => after_several(i + 1),
            Kw::A | Kw::An => match self.kw(i + 1) {
                Kw::Few => after_several(i + 2),
                Kw::Number | Kw::Handful if self.kw(i + 2) == Kw::Of => ("several", i + 2),
                _ => return None,
            },
            Kw::Multiple | Kw::Numerous => ("several", i + 1),
            _ => return None,
        })
    }

    /// "or more", "or so", "+", "-odd" after a number.
    fn trailing(&self, e: usize) -> Option<(&'static str, usize)> {
        if self.kw(e) == Kw::Or {
            return match self.kw(e + 1) {
                Kw::More => Some(("at least", e + 2)),
                Kw::So => Some(("about", e + 2)),
                _ => None,
            };
        }
        if self.p(e, '+') && self.adj(e) {
            return Some(("more than", e + 1));
        }
        if self.p(e, '-') && self.adj(e) && self.kw(e + 1) == Kw::Odd {
            return Some(("about", e + 2));
        }
        None
    }

    fn kind_after(&self, e: usize) -> (QuantityKind, usize) {
        if self.p(e, '%') && self.adj(e) {
            return (QuantityKind::Percent, e + 1);
        }
        match self.kw(e) {
            Kw::Percent => return (QuantityKind::Percent, e + 1),
            Kw::Per if self.kw(e + 1) == Kw::Cent => return (QuantityKind::Percent, e + 2),
            _ => {}
        }
        // A unit glued to the digits ("300m", "5km") is in the span.
        let w = if self.adj(e) && self.is_word(e) {
            e
        } else if self.p(e, '-') && self.adj(e) {
            e + 1
        } else {
            e
        };
        let kind = match self.kw(w) {
            Kw::Unit(_) | Kw::Units(_) => QuantityKind::Duration,
            _ if MEASURES.iter().any(|m| self.s(w).eq_ignore_ascii_case(m)) && self.is_word(w) => {
                QuantityKind::Measure
            }
            _ => QuantityKind::Count,
        };
        let end = if w == e && self.adj(e) && self.is_word(e) && kind == QuantityKind::Measure {
            e + 1
        } else {
            e
        };
        (kind, end)
    }

    fn quantity_at(&self, i: usize, article_one: bool) -> Option<QHit> {
        // "between 10 and 12"
        if self.kw(i) == Kw::Between {
            let a = self.number(i + 1, false)?;
            if self.kw(a.e) == Kw::And {
                let b = self.number(a.e + 1, false)?;
                let (kind, end) = self.kind_after(b.e);
                return Some(QHit {
                    s: i,
                    e: end,
                    value: a.value,
                    high: b.value,
                    qual: Some("at least"),
                    kind,
                });
            }
            return None;
        }
        if let Some((q, e)) = self.vague(i) {
            // "several hundred" ends after "hundred"; "dozens" before "of".
            let (kind, end) = self.kind_after(if self.kw(e) == Kw::Of { e + 1 } else { e });
            let end = if kind == QuantityKind::Count {
                e
            } else {
                end.max(e)
            };
            return Some(QHit {
                s: i,
                e: end,
                value: None,
                high: None,
                qual: Some(q),
                kind,
            });
        }
        let (qual, j) = match self.qualifier(i) {
            Some((q, j)) => (Some(q), j),
            None => (None, i),
        };
        let np = match self.number(j, false) {
            Some(np) => np,
            None => {
                if qual.is_none() && article_one {
                    return self.article(i);
                }
                return None;
            }
        };
        if np.bare_one && qual.is_none() {
            if let Some(p) = self.prev(j) {
                let w = self.s(p);
                if [
                    "no", "any", "every", "the", "this", "that", "which", "each", "someone",
                    "anyone",
                ]
                .iter()
                .any(|x| w.eq_ignore_ascii_case(x))
                {
                    return None;
                }
            }
            if self.is(np.e, "another") {
                return None;
            }
        }
        let mut qual = qual;
        let mut e = np.e;
        if let Some((q, e2)) = self.trailing(e) {
            qual = qual.or(Some(q));
            e = e2;
        }
        if np.high.is_some() && qual.is_none() {
            qual = Some("at least");
        }
        let (kind, end) = self.kind_after(e);
        let _ = np.scaled;
        let _ = np.digits;
        Some(QHit {
            s: i,
            e: end,
            value: np.value,
            high: np.high,
            qual,
            kind,
        })
    }

    fn article(&self, i: usize) -> Option<QHit> {
        if !matches!(self.kw(i), Kw::A | Kw::An) {
            return None;
        }
        let n = self.tok(i + 1)?;
        if n.kind != Kind::Word || !n.gap {
            return None;
        }
        if matches!(
            n.kw,
            Kw::Few | Kw::Number | Kw::Handful | Kw::Couple | Kw::Pair
        ) || ["lot", "great", "little", "bit", "while"]
            .iter()
            .any(|w| self.is(i + 1, w))
        {
            return None;
        }
        let (kind, _) = self.kind_after(i + 1);
        Some(QHit {
            s: i,
            e: i + 1,
            value: Some(1.0),
            high: None,
            qual: None,
            kind,
        })
    }

    // ------------------------------------------------------------ money

    /// A currency before the amount: the code, the index of the amount and
    /// the index where the mention starts.
    fn cur_prefix(&self, j: usize) -> Option<(&'static str, usize, usize)> {
        let t = self.tok(j)?;
        match t.kind {
            Kind::Punct(c) => symbol_currency(c).map(|cur| (cur, j + 1, j)),
            Kind::Word => {
                if self.p(j + 1, '$') && self.adj(j + 1) {
                    return dollar_prefix(self.s(j)).map(|cur| (cur, j + 2, j));
                }
                if self.s(j) == "U"
                    && self.p(j + 1, '.')
                    && self.is(j + 2, "S")
                    && self.p(j + 3, '.')
                    && self.p(j + 4, '$')
                    && (j + 1..=j + 4).all(|k| self.adj(k))
                {
                    return Some(("USD", j + 5, j));
                }
                if let Kw::Code(k) = t.kw {
                    if t.upper && self.is_num(j + 1) {
                        return Some((CODES[k as usize].1, j + 1, j));
                    }
                }
                None
            }
            Kind::Num => None,
        }
    }

    /// A currency after the amount: the code and the index after it.
    fn cur_suffix(&self, e: usize, scaled: bool) -> Option<(&'static str, usize)> {
        let t = self.tok(e)?;
        if let Kind::Punct(c) = t.kind {
            if c != '$' {
                return symbol_currency(c).map(|cur| (cur, e + 1));
            }
            return None;
        }
        if let Kw::Code(k) = t.kw {
            if t.upper {
                return Some((CODES[k as usize].1, e + 1));
            }
        }
        // Adjectives: "U.S.", "US", "South Korean", "Hong Kong".
        let mut k = e;
        let mut adj: Option<&'static str> = None;
        if self.s(k) == "U" && self.p(k + 1, '.') && self.is(k + 2, "S") && self.p(k + 3, '.') {
            adj = Some("USD");
            k += 4;
        } else {
            for (a, c) in CUR_ADJ {
                let n = match a.split_once(' ') {
                    Some((x, y)) => {
                        if self.s(k) == x && self.s(k + 1) == y {
                            2
                        } else {
                            continue;
                        }
                    }
                    None => {
                        if self.s(k) == *a {
                            1
                        } else {
                            continue;
                        }
                    }
                };
                adj = Some(c);
                k += n;
                break;
            }
        }
        let idx = match self.kw(k) {
            Kw::Cur(x) => x as usize,
            _ => return None,
        };
        let (word, default) = CUR_WORDS[idx];
        let mut end = k + 1;
        let cur = match (word, adj) {
            ("dollar" | "dollars", Some(a))
                if ["USD", "CAD", "AUD", "HKD", "TWD", "SGD", "NZD"].contains(&a) =>
            {
                a
            }
            ("won", Some(a)) if a == "KRW" || a == "KPW" => a,
            ("won", None) if !scaled => return None,
            ("pound" | "pounds", a) => {
                let sterling = self.kw(k + 1) == Kw::Cur(6);
                if sterling {
                    end += 1;
                }
                if !(scaled || sterling || a == Some("GBP")) {
                    return None;
                }
                "GBP"
            }
            _ => default,
        };
        Some((cur, end))
    }

    fn money_at(&self, i: usize) -> Option<MHit> {
        let (qual, j) = match self.qualifier(i) {
            Some((q, j)) => (Some(q), j),
            None => (None, i),
        };
        if let Some((cur, k, s0)) = self.cur_prefix(j) {
            if let Some(np) = self.number(k, true) {
                let amount = np.value?;
                let qual = qual.or(np.high.map(|_| "at least"));
                return Some(MHit {
                    s: if qual.is_some() && j > i { i } else { s0 },
                    e: np.e,
                    amount: round_cents(amount),
                    high: np.high.map(round_cents),
                    cur,
                    qual,
                });
            }
            return None;
        }
        let np = self.number(j, true)?;
        let amount = np.value?;
        let (cur, e) = self.cur_suffix(np.e, np.scaled)?;
        Some(MHit {
            s: i,
            e,
            amount: round_cents(amount),
            high: np.high.map(round_cents),
            cur,
            qual: qual.or(np.high.map(|_| "at least")),
        })
    }
}
