//! Finding time expressions: a left-to-right pass over the tokens trying,
//! at each token that can start one, a fixed set of patterns with bounded
//! lookahead (so the pass is linear), keeping the first that matches.

use super::{
    Bound, Count, DayPart, Deictic, Dir, Part, Rel, Season, TimeExpr, TimeMention, Unit, Weekday,
};
use crate::lex::{self, Kind, Kw, Lines, Tok, View, U};
use crate::time::Date;
use std::ops::Deref;

/// A match, in token indices (`e` exclusive).
#[derive(Clone, Debug)]
pub(crate) struct Hit {
    pub s: usize,
    pub e: usize,
    pub expr: TimeExpr,
    pub bound: Bound,
    pub attr: bool,
}

fn hit(s: usize, e: usize, expr: TimeExpr) -> Hit {
    Hit {
        s,
        e,
        expr,
        bound: Bound::None,
        attr: false,
    }
}

/// Finds the time expressions of `text`, left to right, without overlaps.
///
/// Spans leave out "on" and "at" ("on December 30" gives "December 30")
/// but keep "in", "since", "until", "by", "last", "early" and the like
/// ("In September", "since December 2023", "late June"). A lower-case
/// "may" is never a month, and a capitalised "May" or "March" needs a day,
/// a year or a preposition ("in", "on", "by", "since", "until", "last",
/// "this", "next", "early", ...) before it. Clock times after a date or a
/// weekday ("Tuesday at 10:30 a.m.") are kept in that mention; on their own
/// they are ignored.
pub fn find_times(text: &str) -> Vec<TimeMention> {
    let toks = lex::tokenize(text);
    let mut out: Vec<TimeMention> = scan(text, &toks)
        .into_iter()
        .map(|h| {
            let s = toks[h.s].s;
            let e = toks[h.e - 1].e;
            TimeMention {
                start: s,
                end: e,
                text: text[s..e].to_string(),
                expr: h.expr,
                bound: h.bound,
                attributive: h.attr,
            }
        })
        .collect();
    // holidays on fixed days ("on Christmas Day", "on New Year's Eve")
    let mut added = false;
    for &(name, month, day) in HOLIDAYS {
        for (s, _) in text.match_indices(name) {
            let e = s + name.len();
            if out.iter().any(|m| m.start < e && s < m.end) {
                continue;
            }
            out.push(TimeMention {
                start: s,
                end: e,
                text: name.to_string(),
                expr: TimeExpr::MonthDay { month, day },
                bound: Bound::None,
                attributive: false,
            });
            added = true;
        }
    }
    if added {
        out.sort_by_key(|m| (m.start, m.end));
    }
    out
}

/// Holidays on fixed days of the year, as written in news.
const HOLIDAYS: &[(&str, u8, u8)] = &[
    ("Christmas Day", 12, 25),
    ("Christmas Eve", 12, 24),
    ("New Year's Eve", 12, 31),
    ("New Year\u{2019}s Eve", 12, 31),
    ("New Year's Day", 1, 1),
    ("New Year\u{2019}s Day", 1, 1),
];

/// Whether a token can start a time expression at all (a cheap filter).
#[inline]
fn can_start(t: &Tok, text: &str) -> bool {
    match t.kind {
        Kind::Num => true,
        Kind::Word => match t.kw {
            Kw::Month(_)
            | Kw::MonAbbr(_)
            | Kw::Weekday(_)
            | Kw::Season(_)
            | Kw::Unit(_)
            | Kw::Units(_)
            | Kw::Small(_)
            | Kw::Ord(_)
            | Kw::A
            | Kw::An
            | Kw::The
            | Kw::In
            | Kw::Since
            | Kw::Until
            | Kw::Till
            | Kw::By
            | Kw::Before
            | Kw::After
            | Kw::From
            | Kw::Between
            | Kw::During
            | Kw::Over
            | Kw::Within
            | Kw::Throughout
            | Kw::Early
            | Kw::Late
            | Kw::Mid
            | Kw::Middle
            | Kw::Earlier
            | Kw::Later
            | Kw::Beginning
            | Kw::Start
            | Kw::End
            | Kw::Last
            | Kw::This
            | Kw::Next
            | Kw::Coming
            | Kw::Upcoming
            | Kw::Past
            | Kw::Previous
            | Kw::Today
            | Kw::Tonight
            | Kw::Yesterday
            | Kw::Tomorrow
            | Kw::Overnight
            | Kw::Recently
            | Kw::Lately
            | Kw::So
            | Kw::Thus
            | Kw::To
            | Kw::Recent
            | Kw::Just
            | Kw::Up
            | Kw::Few
            | Kw::Several
            | Kw::Couple
            | Kw::Many
            | Kw::That
            | Kw::Final => true,
            Kw::None => &text[t.s..t.e] == "Q",
            _ => false,
        },
        Kind::Punct(_) => false,
    }
}

/// The scan over already tokenised text (shared with the quantity scanner,
/// which skips numbers inside dates).
pub(crate) fn scan(text: &str, toks: &[Tok]) -> Vec<Hit> {
    let mut out = Vec::new();
    let mut lines = Lines::new();
    let mut i = 0;
    while i < toks.len() {
        if !can_start(&toks[i], text) {
            i += 1;
            continue;
        }
        let lim = lines.lim(toks, i);
        let sc = Sc(View { text, t: toks, lim });
        match sc.at(i) {
            Some(h) if h.e > i && h.s >= i => {
                i = h.e;
                out.push(h);
            }
            _ => i += 1,
        }
    }
    out
}

struct Sc<'a>(View<'a>);

impl<'a> Deref for Sc<'a> {
    type Target = View<'a>;
    fn deref(&self) -> &View<'a> {
        &self.0
    }
}

/// A number token checked for use in a date.
struct N {
    v: u64,
    len: usize,
    next: usize,
    ord: bool,
}

fn unit_of(u: U) -> Unit {
    match u {
        U::Minute | U::Hour | U::Day => Unit::Day,
        U::Night => Unit::Night,
        U::Week => Unit::Week,
        U::Weekend => Unit::Weekend,
        U::Month => Unit::Month,
        U::Year | U::Decade => Unit::Year,
    }
}

fn season_of(x: u8) -> Season {
    match x {
        0 => Season::Spring,
        1 => Season::Summer,
        2 => Season::Autumn,
        _ => Season::Winter,
    }
}

fn boundable(e: &TimeExpr) -> bool {
    matches!(
        e,
        TimeExpr::Date(_)
            | TimeExpr::MonthDay { .. }
            | TimeExpr::Month { .. }
            | TimeExpr::Year { .. }
            | TimeExpr::Season { .. }
            | TimeExpr::Quarter { .. }
            | TimeExpr::Half { .. }
            | TimeExpr::Weekday { .. }
            | TimeExpr::Period { .. }
            | TimeExpr::Range { .. }
            | TimeExpr::Deictic(Deictic::Today | Deictic::Yesterday | Deictic::Tomorrow)
    )
}

fn endpoint(e: &TimeExpr) -> bool {
    matches!(
        e,
        TimeExpr::Date(_)
            | TimeExpr::MonthDay { .. }
            | TimeExpr::Month {
                rel: Rel::None,
                part: Part::Whole,
                ..
            }
            | TimeExpr::Year {
                part: Part::Whole,
                ..
            }
            | TimeExpr::Weekday { rel: Rel::None, .. }
    )
}

/// First end of a range: a bare day ("from 10 to 12 January") or an
/// expression.
enum Ep {
    Day(u8),
    X(TimeExpr),
}

fn md_valid(m: u8, d: u8, year: Option<i32>) -> bool {
    match year {
        Some(y) => Date::new(y, m, d).is_some(),
        None => d >= 1 && d <= Date::days_in_month(2000, m),
    }
}

fn md_expr(m: u8, d: u8, year: Option<i32>) -> Option<TimeExpr> {
    if !md_valid(m, d, year) {
        return None;
    }
    Some(match year {
        Some(y) => TimeExpr::Date(Date::new(y, m, d)?),
        None => TimeExpr::MonthDay { month: m, day: d },
    })
}

fn combine(first: Ep, second: TimeExpr) -> Option<TimeExpr> {
    let from = match (first, &second) {
        (Ep::Day(d1), TimeExpr::MonthDay { month, .. }) => md_expr(*month, d1, None)?,
        (Ep::Day(d1), TimeExpr::Date(x)) => TimeExpr::Date(Date::new(x.year, x.month, d1)?),
        (Ep::Day(_), _) => return None,
        (Ep::X(TimeExpr::MonthDay { month, day }), TimeExpr::Date(x)) => {
            let y = if (month, day) > (x.month, x.day) {
                x.year - 1
            } else {
                x.year
            };
            TimeExpr::Date(Date::new(y, month, day)?)
        }
        (
            Ep::X(TimeExpr::Month {
                month: m1,
                year: None,
                rel,
                part,
            }),
            TimeExpr::Month {
                month: m2,
                year: Some(y),
                ..
            },
        ) => TimeExpr::Month {
            month: m1,
            year: Some(if m1 > *m2 { y - 1 } else { *y }),
            rel,
            part,
        },
        (
            Ep::X(TimeExpr::Month {
                month: m1,
                year: None,
                rel,
                part,
            }),
            TimeExpr::Date(x),
        ) => TimeExpr::Month {
            month: m1,
            year: Some(if m1 > x.month { x.year - 1 } else { x.year }),
            rel,
            part,
        },
        (Ep::X(a), _) => a,
    };
    Some(TimeExpr::Range {
        from: Box::new(from),
        to: Box::new(second),
    })
}

const NEWSPAPERS: &[&str] = &[
    "Times",
    "Telegraph",
    "Express",
    "Mirror",
    "Post",
    "Herald",
    "Mail",
    "People",
    "Independent",
    "Tribune",
    "Star",
    "Sport",
    "School",
    "Service",
    "Observer",
    "Record",
    "Age",
    "Review",
    "Magazine",
    "Edition",
    "Show",
    "Night Live",
];

const HOLIDAY_WORDS: &[&str] = &[
    "Good", "Black", "Bloody", "Easter", "Palm", "Ash", "Holy", "Cyber", "Super", "Shrove",
    "Maundy", "Whit", "Low", "Passion", "Orthodox", "Great",
];

const DETERMINERS: &[&str] = &[
    "its", "his", "her", "their", "our", "this", "that", "whose", "my", "your",
];

const TIME_ZONES: &[&str] = &[
    "GMT", "UTC", "EST", "EDT", "CST", "CDT", "PST", "PDT", "CET", "CEST", "EET", "EEST", "MSK",
    "KST", "JST", "ET", "PT", "BST", "IST", "Zulu",
];

impl Sc<'_> {
    /// The match starting at token `i`, if any.
    fn at(&self, i: usize) -> Option<Hit> {
        match self.kw(i) {
            Kw::Between | Kw::From => {
                if let Some(h) = self.range(i) {
                    return Some(h);
                }
            }
            Kw::Since => return self.bounded(i, Bound::Since),
            Kw::Until | Kw::Till => {
                if self.kw(i + 1) == Kw::Now {
                    return Some(hit(i, i + 2, TimeExpr::Deictic(Deictic::SoFar)));
                }
                return self.bounded(i, Bound::Until);
            }
            Kw::By => return self.bounded(i, Bound::By),
            Kw::Before => return self.bounded(i, Bound::Before),
            Kw::After => return self.bounded(i, Bound::After),
            Kw::In | Kw::During | Kw::Over | Kw::Within | Kw::Throughout => {
                if let Some(h) = self.prep(i) {
                    return Some(h);
                }
            }
            _ => {}
        }
        self.core(i, self.ctx_before(i))
    }

    /// Whether the token before `i` gives a month name or a bare year
    /// enough context to be a date.
    fn ctx_before(&self, i: usize) -> bool {
        matches!(
            self.prev_kw(i),
            Kw::In
                | Kw::On
                | Kw::At
                | Kw::By
                | Kw::Since
                | Kw::Until
                | Kw::Till
                | Kw::From
                | Kw::Through
                | Kw::During
                | Kw::Before
                | Kw::After
                | Kw::Of
                | Kw::Last
                | Kw::This
                | Kw::Next
                | Kw::Early
                | Kw::Mid
                | Kw::Late
                | Kw::Between
                | Kw::Throughout
                | Kw::Circa
                | Kw::Unit(U::Year)
        )
    }

    /// "Russia's March offensive", "the countries' May agreement".
    fn possessive_before(&self, i: usize) -> bool {
        match self.prev(i) {
            Some(p) if self.t[p].kind == Kind::Punct('\'') => true,
            Some(p) if self.is(p, "s") && p > 0 && self.t[p - 1].kind == Kind::Punct('\'') => true,
            _ => false,
        }
    }

    fn bounded(&self, i: usize, b: Bound) -> Option<Hit> {
        let h = self.core(i + 1, true)?;
        if !boundable(&h.expr) || h.bound != Bound::None {
            return None;
        }
        Some(Hit {
            s: i,
            bound: b,
            ..h
        })
    }

    fn prep(&self, i: usize) -> Option<Hit> {
        let j = i + 1;
        if self.kw(i) == Kw::In {
            if self.kw(j) == Kw::Future {
                return Some(hit(i, j + 1, TimeExpr::Deictic(Deictic::Future)));
            }
            if self.kw(j) == Kw::The && self.kw(j + 1) == Kw::Future {
                return Some(hit(i, j + 2, TimeExpr::Deictic(Deictic::Future)));
            }
            if self.kw(j) == Kw::The && self.kw(j + 1) == Kw::Near && self.kw(j + 2) == Kw::Future {
                return Some(hit(i, j + 3, TimeExpr::Deictic(Deictic::Future)));
            }
        }
        let h = self.core(j, true)?;
        let incl = matches!(
            h.expr,
            TimeExpr::Month { .. }
                | TimeExpr::Year { .. }
                | TimeExpr::Season { .. }
                | TimeExpr::Quarter { .. }
                | TimeExpr::Half { .. }
                | TimeExpr::Window { .. }
                | TimeExpr::Period { .. }
                | TimeExpr::Deictic(Deictic::Recently)
        );
        Some(if incl && h.s == j {
            Hit { s: i, ..h }
        } else {
            h
        })
    }

    fn core(&self, i: usize, ctx: bool) -> Option<Hit> {
        let t = self.tok(i)?;
        let h = match t.kind {
            Kind::Num => self
                .numeric_date(i)
                .or_else(|| self.day_first(i))
                .or_else(|| self.count_unit(i))
                .or_else(|| self.year(i, ctx)),
            Kind::Word => match t.kw {
                Kw::Month(_) | Kw::MonAbbr(_) => self.month_first(i, ctx),
                Kw::Weekday(_) => self.weekday(i),
                Kw::Early | Kw::Late => self.weekday(i).or_else(|| self.part(i)),
                Kw::Mid
                | Kw::Middle
                | Kw::Earlier
                | Kw::Later
                | Kw::Beginning
                | Kw::Start
                | Kw::End => self.part(i),
                Kw::Last
                | Kw::This
                | Kw::Next
                | Kw::Coming
                | Kw::Upcoming
                | Kw::Past
                | Kw::Previous => self.rel(i),
                Kw::The => self.the(i, ctx),
                Kw::Season(_) => self.season(i, ctx),
                Kw::Today
                | Kw::Tonight
                | Kw::Yesterday
                | Kw::Tomorrow
                | Kw::Overnight
                | Kw::Recently
                | Kw::Lately
                | Kw::So
                | Kw::Thus
                | Kw::To
                | Kw::Recent
                | Kw::Just
                | Kw::Up => self.deictic(i),
                Kw::Small(_)
                | Kw::A
                | Kw::An
                | Kw::Few
                | Kw::Several
                | Kw::Couple
                | Kw::Many
                | Kw::Units(_)
                | Kw::Unit(_) => self.count_unit(i),
                Kw::That => self.that_day(i),
                Kw::Ord(_) | Kw::Final => self.quarter(i, ctx),
                Kw::None if self.s(i) == "Q" => self.quarter(i, ctx),
                _ => None,
            },
            Kind::Punct(_) => None,
        };
        h.map(|h| self.absorb_clock(h))
    }

    // ------------------------------------------------------------ numbers

    /// A digit run usable as a day or a year: not glued to letters ("F-16",
    /// "M1A1", "Hwasong-18" unless `hyphen_ok`), not part of "1,000",
    /// "1.5", "10:30", "1/2", "50%". An ordinal suffix ("30th") is
    /// consumed.
    fn clean_num(&self, i: usize, hyphen_ok: bool) -> Option<N> {
        let (v, len) = self.num(i)?;
        if self.touches_prev(i) {
            match self.t[i - 1].kind {
                Kind::Word | Kind::Num => return None,
                Kind::Punct('-')
                    if !hyphen_ok
                        && i >= 2
                        && self.touches_prev(i - 1)
                        && matches!(self.t[i - 2].kind, Kind::Word | Kind::Num) =>
                {
                    return None
                }
                Kind::Punct(
                    '.' | ',' | ':' | '/' | '$' | '\u{20ac}' | '\u{a3}' | '\u{a5}' | '#' | '+',
                ) => return None,
                _ => {}
            }
        }
        let mut next = i + 1;
        let mut ord = false;
        if self.adj(next) {
            let t = &self.t[next];
            match t.kind {
                Kind::Word => {
                    let w = self.s(next);
                    if ["st", "nd", "rd", "th"]
                        .iter()
                        .any(|x| w.eq_ignore_ascii_case(x))
                        && !(self.adj(next + 1)
                            && matches!(self.t[next + 1].kind, Kind::Word | Kind::Num))
                    {
                        ord = true;
                        next += 1;
                    } else {
                        return None;
                    }
                }
                Kind::Punct(':' | '.' | '/') if self.is_num(next + 1) && self.adj(next + 1) => {
                    return None
                }
                Kind::Punct(',')
                    if self.adj(next + 1) && self.num(next + 1).is_some_and(|x| x.1 == 3) =>
                {
                    return None
                }
                Kind::Punct('%') => return None,
                _ => {}
            }
        }
        Some(N { v, len, next, ord })
    }

    /// A day of the month 1..=31 at `i`: (day, next index, ordinal used).
    fn day_num(&self, i: usize, hyphen_ok: bool) -> Option<(u8, usize, bool)> {
        let n = self.clean_num(i, hyphen_ok)?;
        if n.len > 2 || n.v == 0 || n.v > 31 {
            return None;
        }
        Some((n.v as u8, n.next, n.ord))
    }

    /// A four-digit year 1000..=2999 after a month or a day.
    fn year4(&self, i: usize) -> Option<(i32, usize)> {
        let n = self.clean_num(i, false)?;
        if n.len != 4 || n.ord || !(1000..=2999).contains(&n.v) {
            return None;
        }
        Some((n.v as i32, n.next))
    }

    fn range_sep(&self, k: usize) -> bool {
        self.p(k, '-') || matches!(self.kw(k), Kw::To | Kw::Through | Kw::Until | Kw::Till)
    }

    /// "2023-12-30", "12/30/2023", "30.12.2023", "4/8/22".
    fn numeric_date(&self, i: usize) -> Option<Hit> {
        let (a, la) = self.num(i)?;
        if self.touches_prev(i)
            && matches!(
                self.t[i - 1].kind,
                Kind::Word | Kind::Num | Kind::Punct('-' | '/' | '.')
            )
        {
            return None;
        }
        let sep = match self.tok(i + 1)?.kind {
            Kind::Punct(c @ ('-' | '/' | '.')) if self.adj(i + 1) => c,
            _ => return None,
        };
        let (b, lb) = self.num(i + 2).filter(|_| self.adj(i + 2))?;
        if !(self.p(i + 3, sep) && self.adj(i + 3)) {
            return None;
        }
        let (c, lc) = self.num(i + 4).filter(|_| self.adj(i + 4))?;
        let mut e = i + 5;
        // Not glued to more digits or a further separator ("1.2.3.4").
        if self.adj(e) {
            match self.tok(e).map(|t| t.kind) {
                Some(Kind::Num) => return None,
                Some(Kind::Punct(x)) if x == sep && self.is_num(e + 1) && self.adj(e + 1) => {
                    return None
                }
                Some(Kind::Word) if sep != '-' => return None,
                _ => {}
            }
        }
        let date = if sep == '-' {
            if la != 4 || lb > 2 || lc > 2 {
                return None;
            }
            let d = Date::new(a as i32, b as u8, c as u8)?;
            // RFC 3339 time part: "2023-12-30T10:00:00Z".
            if self.adj(e) && self.is_word(e) && self.s(e).starts_with(['T', 't']) {
                while self.adj(e) && self.tok(e).is_some() {
                    e += 1;
                }
            }
            d
        } else {
            if la > 2 || lb > 2 || !(lc == 4 || (lc == 2 && sep == '/')) {
                return None;
            }
            let year = if lc == 4 {
                c as i32
            } else if c < 70 {
                2000 + c as i32
            } else {
                1900 + c as i32
            };
            let (m, d) = if sep == '/' {
                if a > 12 {
                    (b, a)
                } else {
                    (a, b)
                }
            } else if b > 12 && a <= 12 {
                (a, b)
            } else {
                (b, a)
            };
            if m > 12 || d > 31 {
                return None;
            }
            Date::new(year, m as u8, d as u8)?
        };
        Some(hit(i, e, TimeExpr::Date(date)))
    }

    // ------------------------------------------------------------- dates

    fn month_at(&self, i: usize) -> Option<(u8, bool, usize)> {
        let (m, abbr) = match self.kw(i) {
            Kw::Month(m) => (m, false),
            Kw::MonAbbr(m) => (m, true),
            _ => return None,
        };
        if !self.cap(i) {
            return None;
        }
        let mut j = i + 1;
        if abbr && self.p(j, '.') && self.adj(j) {
            j += 1;
        }
        Some((m, abbr, j))
    }

    /// "December 30", "Dec. 30, 2023", "December 29-30", "December 29 to
    /// January 4", "September 2023", "September of 2023", "in September".
    fn month_first(&self, i: usize, ctx: bool) -> Option<Hit> {
        let (m, abbr, j) = self.month_at(i)?;
        if let Some((d, k0, _)) = self.day_num(j, false) {
            let mut k = k0;
            let mut to = None;
            if self.range_sep(k) {
                if let Some((d2, k2, _)) = self.day_num(k + 1, true) {
                    if d2 > d {
                        to = Some((m, d2));
                        k = k2;
                    }
                } else if let Some((m2, _, j2)) = self.month_at(k + 1) {
                    if let Some((d2, k2, _)) = self.day_num(j2, false) {
                        to = Some((m2, d2));
                        k = k2;
                    }
                }
            }
            let (year, k) = self.year_after(k);
            // An impossible date ("February 30, 2023") is no mention at all.
            return self.mk_days(i, k, m, d, to, year);
        }
        if let Some((y, k)) = self.year4(j) {
            return Some(hit(
                i,
                k,
                TimeExpr::Month {
                    month: m,
                    year: Some(y),
                    rel: Rel::None,
                    part: Part::Whole,
                },
            ));
        }
        if self.kw(j) == Kw::Of {
            if let Some((y, k)) = self.year4(j + 1) {
                return Some(hit(
                    i,
                    k,
                    TimeExpr::Month {
                        month: m,
                        year: Some(y),
                        rel: Rel::None,
                        part: Part::Whole,
                    },
                ));
            }
        }
        let ctx = ctx || self.possessive_before(i);
        if (m == 3 || m == 5 || abbr) && !ctx {
            return None;
        }
        // "April Smith", "October Revolution": a bare month before a
        // capitalised name needs context.
        if !ctx {
            if let Some(n) = self.tok(i + 1) {
                if n.kind == Kind::Word && n.cap && !n.upper && n.kw == Kw::None {
                    return None;
                }
            }
        }
        Some(hit(
            i,
            j,
            TimeExpr::Month {
                month: m,
                year: None,
                rel: Rel::None,
                part: Part::Whole,
            },
        ))
    }

    /// ", 2023" or " 2023" after a day.
    fn year_after(&self, k: usize) -> (Option<i32>, usize) {
        if self.p(k, ',') {
            if let Some((y, k2)) = self.year4(k + 1) {
                return (Some(y), k2);
            }
        }
        if let Some((y, k2)) = self.year4(k) {
            return (Some(y), k2);
        }
        (None, k)
    }

    fn mk_days(
        &self,
        s: usize,
        e: usize,
        m: u8,
        d: u8,
        to: Option<(u8, u8)>,
        year: Option<i32>,
    ) -> Option<Hit> {
        match to {
            None => Some(hit(s, e, md_expr(m, d, year)?)),
            Some((m2, d2)) => {
                let fy = year.map(|y| if (m, d) > (m2, d2) { y - 1 } else { y });
                let from = md_expr(m, d, fy)?;
                let to = md_expr(m2, d2, year)?;
                Some(hit(
                    s,
                    e,
                    TimeExpr::Range {
                        from: Box::new(from),
                        to: Box::new(to),
                    },
                ))
            }
        }
    }

    /// "30 December 2023", "30 Dec", "29-30 December", "the 30th of
    /// December".
    fn day_first(&self, i: usize) -> Option<Hit> {
        let (d, mut k, ord) = self.day_num(i, false)?;
        let mut to = None;
        if self.p(k, '-') && self.adj(k) {
            if let Some((x, k2, _)) = self.day_num(k + 1, true) {
                if x > d {
                    to = Some(x);
                    k = k2;
                }
            }
        }
        if ord && self.kw(k) == Kw::Of {
            k += 1;
        }
        let (m, _, mut k) = self.month_at(k)?;
        let year = if let Some((y, k2)) = self.year4(k) {
            k = k2;
            Some(y)
        } else if self.p(k, ',') {
            match self.year4(k + 1) {
                Some((y, k2)) => {
                    k = k2;
                    Some(y)
                }
                None => None,
            }
        } else {
            None
        };
        self.mk_days(i, k, m, d, to.map(|x| (m, x)), year)
    }

    /// "Tuesday", "early Monday", "Sunday night", "Tuesday, January 5,
    /// 2024" (a full date: the weekday is absorbed).
    fn weekday(&self, i: usize) -> Option<Hit> {
        let (mut part, j) = match self.kw(i) {
            Kw::Early => (Some(DayPart::Early), i + 1),
            Kw::Late => (Some(DayPart::Late), i + 1),
            _ => (None, i),
        };
        let w = match self.kw(j) {
            Kw::Weekday(w) if self.cap(j) => w,
            _ => return None,
        };
        if let Some(n) = self.tok(j + 1) {
            if n.cap && NEWSPAPERS.iter().any(|x| self.s(j + 1) == *x) {
                return None;
            }
        }
        if let Some(p) = self.prev(i) {
            if self.t[p].cap && HOLIDAY_WORDS.iter().any(|x| self.s(p) == *x) {
                return None;
            }
        }
        let mut k = j + 1;
        if part.is_none() {
            part = self.day_part(k);
            if part.is_some() {
                k += 1;
            }
        }
        let k2 = if self.p(k, ',') { k + 1 } else { k };
        if let Some(h) = self.month_first(k2, true).or_else(|| self.day_first(k2)) {
            if matches!(h.expr, TimeExpr::Date(_) | TimeExpr::MonthDay { .. }) {
                return Some(Hit { s: i, ..h });
            }
        }
        Some(hit(
            i,
            k,
            TimeExpr::Weekday {
                weekday: Weekday::from_index(w),
                rel: Rel::None,
                part_of_day: part,
            },
        ))
    }

    fn day_part(&self, k: usize) -> Option<DayPart> {
        match self.kw(k) {
            Kw::Morning => Some(DayPart::Morning),
            Kw::Afternoon => Some(DayPart::Afternoon),
            Kw::Evening => Some(DayPart::Evening),
            Kw::Unit(U::Night) => Some(DayPart::Night),
            _ => None,
        }
    }

    /// "last Tuesday", "next Friday", "last September", "this week", "last
    /// year", "last night", "this morning", "last spring", "the past two
    /// weeks" (without "the": "past two weeks", "last 24 hours").
    fn rel(&self, i: usize) -> Option<Hit> {
        let w = self.kw(i);
        let mut r = match w {
            Kw::Last | Kw::Past | Kw::Previous => Rel::Last,
            Kw::This => Rel::This,
            Kw::Next | Kw::Coming | Kw::Upcoming => Rel::Next,
            _ => return None,
        };
        let mut j = i + 1;
        if w == Kw::This && matches!(self.kw(j), Kw::Coming | Kw::Upcoming | Kw::Past) {
            r = if self.kw(j) == Kw::Past {
                Rel::Last
            } else {
                Rel::Next
            };
            j += 1;
        }
        let plain = matches!(w, Kw::Last | Kw::This | Kw::Next);
        match self.kw(j) {
            Kw::Weekday(x) if self.cap(j) && plain => {
                let mut k = j + 1;
                let part = self.day_part(k);
                if part.is_some() {
                    k += 1;
                }
                Some(hit(
                    i,
                    k,
                    TimeExpr::Weekday {
                        weekday: Weekday::from_index(x),
                        rel: r,
                        part_of_day: part,
                    },
                ))
            }
            Kw::Month(m) | Kw::MonAbbr(m) if self.cap(j) && plain => Some(hit(
                i,
                j + 1,
                TimeExpr::Month {
                    month: m,
                    year: None,
                    rel: r,
                    part: Part::Whole,
                },
            )),
            Kw::Season(x) => Some(hit(
                i,
                j + 1,
                TimeExpr::Season {
                    season: season_of(x),
                    year: None,
                    rel: r,
                    part: Part::Whole,
                },
            )),
            Kw::Unit(U::Night) if w == Kw::Last => {
                Some(hit(i, j + 1, TimeExpr::Deictic(Deictic::LastNight)))
            }
            Kw::Unit(U::Night) | Kw::Morning | Kw::Afternoon | Kw::Evening if w == Kw::This => {
                Some(hit(i, j + 1, TimeExpr::Deictic(Deictic::Today)))
            }
            Kw::Unit(u @ (U::Week | U::Weekend | U::Month | U::Year)) => {
                let expr = if w == Kw::Past {
                    TimeExpr::Window {
                        unit: unit_of(u),
                        count: Count::Exact(1),
                        forward: false,
                    }
                } else {
                    TimeExpr::Period {
                        unit: unit_of(u),
                        rel: r,
                        part: Part::Whole,
                    }
                };
                Some(hit(i, j + 1, expr))
            }
            _ if matches!(w, Kw::Last | Kw::Past | Kw::Next | Kw::Coming) => {
                let (c, k) = self.count(j)?;
                let u = match (self.kw(k), c) {
                    (Kw::Units(u), c) if c != Count::Exact(1) => u,
                    (Kw::Unit(u), Count::Exact(1)) => u,
                    _ => return None,
                };
                let (unit, c) = normalize(u, c)?;
                Some(hit(
                    i,
                    k + 1,
                    TimeExpr::Window {
                        unit,
                        count: c,
                        forward: r == Rel::Next,
                    },
                ))
            }
            _ => None,
        }
    }

    /// Forms starting with "the".
    fn the(&self, i: usize, ctx: bool) -> Option<Hit> {
        let j = i + 1;
        match self.kw(j) {
            Kw::Past | Kw::Last | Kw::Previous => {
                if self.kw(j + 1) == Kw::Quarter {
                    return self.quarter(j, true).map(|h| Hit { s: i, ..h });
                }
                if let Some((c, k)) = self.count(j + 1) {
                    if let Kw::Units(u) = self.kw(k) {
                        if c != Count::Exact(1) {
                            let (unit, c) = normalize(u, c)?;
                            return Some(hit(
                                i,
                                k + 1,
                                TimeExpr::Window {
                                    unit,
                                    count: c,
                                    forward: false,
                                },
                            ));
                        }
                    }
                }
                match self.kw(j + 1) {
                    Kw::Unit(u) => {
                        let expr = if self.kw(j) == Kw::Previous {
                            TimeExpr::Shift {
                                unit: unit_of(u),
                                count: Count::Exact(1),
                                dir: Dir::Earlier,
                            }
                        } else {
                            let (unit, c) = normalize(u, Count::Exact(1))?;
                            TimeExpr::Window {
                                unit,
                                count: c,
                                forward: false,
                            }
                        };
                        Some(hit(i, j + 2, expr))
                    }
                    Kw::Units(u) => {
                        let (unit, c) = normalize(u, Count::Some)?;
                        Some(hit(
                            i,
                            j + 2,
                            TimeExpr::Window {
                                unit,
                                count: c,
                                forward: false,
                            },
                        ))
                    }
                    _ => None,
                }
            }
            Kw::Next | Kw::Following | Kw::Coming | Kw::Upcoming => {
                let w = self.kw(j);
                if let Kw::Season(x) = self.kw(j + 1) {
                    return Some(hit(
                        i,
                        j + 2,
                        TimeExpr::Season {
                            season: season_of(x),
                            year: None,
                            rel: Rel::Next,
                            part: Part::Whole,
                        },
                    ));
                }
                if let Some((c, k)) = self.count(j + 1) {
                    if let Kw::Units(u) = self.kw(k) {
                        if c != Count::Exact(1) {
                            let (unit, c) = normalize(u, c)?;
                            return Some(hit(
                                i,
                                k + 1,
                                TimeExpr::Window {
                                    unit,
                                    count: c,
                                    forward: true,
                                },
                            ));
                        }
                    }
                }
                match self.kw(j + 1) {
                    Kw::Unit(u) => {
                        let expr = if matches!(w, Kw::Next | Kw::Following) {
                            TimeExpr::Shift {
                                unit: unit_of(u),
                                count: Count::Exact(1),
                                dir: Dir::Later,
                            }
                        } else {
                            TimeExpr::Period {
                                unit: unit_of(u),
                                rel: Rel::Next,
                                part: Part::Whole,
                            }
                        };
                        Some(hit(i, j + 2, expr))
                    }
                    Kw::Morning | Kw::Afternoon | Kw::Evening
                        if matches!(w, Kw::Next | Kw::Following) =>
                    {
                        Some(hit(
                            i,
                            j + 2,
                            TimeExpr::Shift {
                                unit: Unit::Day,
                                count: Count::Exact(1),
                                dir: Dir::Later,
                            },
                        ))
                    }
                    Kw::Units(u) => {
                        let (unit, c) = normalize(u, Count::Some)?;
                        Some(hit(
                            i,
                            j + 2,
                            TimeExpr::Window {
                                unit,
                                count: c,
                                forward: true,
                            },
                        ))
                    }
                    _ => None,
                }
            }
            Kw::Same => match self.kw(j + 1) {
                Kw::Unit(u) | Kw::Units(u) => Some(hit(
                    i,
                    j + 2,
                    TimeExpr::Shift {
                        unit: if u == U::Night { Unit::Day } else { unit_of(u) },
                        count: Count::Exact(0),
                        dir: Dir::Later,
                    },
                )),
                Kw::Morning | Kw::Afternoon | Kw::Evening => Some(hit(
                    i,
                    j + 2,
                    TimeExpr::Shift {
                        unit: Unit::Day,
                        count: Count::Exact(0),
                        dir: Dir::Later,
                    },
                )),
                _ => None,
            },
            Kw::Unit(U::Day) if self.kw(j + 1) == Kw::Before && self.kw(j + 2) == Kw::Yesterday => {
                Some(hit(
                    i,
                    j + 3,
                    TimeExpr::Ago {
                        unit: Unit::Day,
                        count: Count::Exact(2),
                    },
                ))
            }
            Kw::Unit(U::Year) if self.year4(j + 1).is_some() => {
                let (y, k) = self.year4(j + 1)?;
                Some(hit(
                    i,
                    k,
                    TimeExpr::Year {
                        year: y,
                        part: Part::Whole,
                    },
                ))
            }
            Kw::Unit(U::Weekend) => Some(hit(
                i,
                j + 1,
                TimeExpr::Period {
                    unit: Unit::Weekend,
                    rel: Rel::None,
                    part: Part::Whole,
                },
            )),
            Kw::Unit(u) => {
                let dir = match self.kw(j + 1) {
                    Kw::Before | Kw::Earlier | Kw::Prior => Dir::Earlier,
                    Kw::After | Kw::Later => Dir::Later,
                    _ => return None,
                };
                let (unit, count) = normalize(u, Count::Exact(1))?;
                Some(hit(i, j + 2, TimeExpr::Shift { unit, count, dir }))
            }
            Kw::Beginning | Kw::Start | Kw::End | Kw::Middle => self.part(i),
            Kw::Season(_) => self.season(j, ctx).map(|h| Hit { s: i, ..h }),
            Kw::Ord(_) | Kw::Final => self.quarter(j, ctx).map(|h| Hit { s: i, ..h }),
            _ => None,
        }
    }

    /// "early 2024", "mid-June", "late last year", "earlier this month",
    /// "the end of the year", "later today", "later that day".
    fn part(&self, i: usize) -> Option<Hit> {
        let (part, j) = match self.kw(i) {
            Kw::Early => (Part::Early, i + 1),
            Kw::Late => (Part::Late, i + 1),
            Kw::Mid => {
                if self.p(i + 1, '-') && self.adj(i + 1) {
                    (Part::Mid, i + 2)
                } else {
                    (Part::Mid, i + 1)
                }
            }
            Kw::Earlier => (Part::Earlier, i + 1),
            Kw::Later => (Part::Later, i + 1),
            Kw::Middle if self.kw(i + 1) == Kw::Of => (Part::Mid, i + 2),
            Kw::Beginning | Kw::Start if self.kw(i + 1) == Kw::Of => (Part::Beginning, i + 2),
            Kw::End if self.kw(i + 1) == Kw::Of => (Part::End, i + 2),
            Kw::The if self.kw(i + 2) == Kw::Of => match self.kw(i + 1) {
                Kw::Beginning | Kw::Start => (Part::Beginning, i + 3),
                Kw::End => (Part::End, i + 3),
                Kw::Middle => (Part::Mid, i + 3),
                _ => return None,
            },
            _ => return None,
        };
        let relative = matches!(part, Part::Earlier | Part::Later);
        match self.kw(j) {
            Kw::Month(_) | Kw::MonAbbr(_) if !relative => {
                let h = self.month_first(j, true)?;
                match h.expr {
                    TimeExpr::Month {
                        month,
                        year,
                        rel,
                        part: Part::Whole,
                    } => Some(hit(
                        i,
                        h.e,
                        TimeExpr::Month {
                            month,
                            year,
                            rel,
                            part,
                        },
                    )),
                    TimeExpr::Date(_) | TimeExpr::MonthDay { .. } => Some(Hit { s: i, ..h }),
                    _ => None,
                }
            }
            Kw::Last | Kw::This | Kw::Next => {
                let r = match self.kw(j) {
                    Kw::Last => Rel::Last,
                    Kw::This => Rel::This,
                    _ => Rel::Next,
                };
                if relative && r != Rel::This {
                    return None;
                }
                match self.kw(j + 1) {
                    Kw::Unit(u @ (U::Week | U::Month | U::Year)) => Some(hit(
                        i,
                        j + 2,
                        TimeExpr::Period {
                            unit: unit_of(u),
                            rel: r,
                            part,
                        },
                    )),
                    _ => None,
                }
            }
            Kw::The if !relative && j > i + 1 && self.kw(j - 1) == Kw::Of => match self.kw(j + 1) {
                Kw::Unit(u @ (U::Week | U::Month | U::Year)) => Some(hit(
                    i,
                    j + 2,
                    TimeExpr::Period {
                        unit: unit_of(u),
                        rel: Rel::This,
                        part,
                    },
                )),
                _ => None,
            },
            Kw::That if relative => match self.kw(j + 1) {
                Kw::Unit(U::Day | U::Night) | Kw::Morning | Kw::Afternoon | Kw::Evening => {
                    Some(hit(
                        i,
                        j + 2,
                        TimeExpr::Shift {
                            unit: Unit::Day,
                            count: Count::Exact(0),
                            dir: Dir::Later,
                        },
                    ))
                }
                _ => None,
            },
            Kw::Today | Kw::Tonight => Some(hit(i, j + 1, TimeExpr::Deictic(Deictic::Today))),
            Kw::Yesterday => Some(hit(i, j + 1, TimeExpr::Deictic(Deictic::Yesterday))),
            Kw::Tomorrow => Some(hit(i, j + 1, TimeExpr::Deictic(Deictic::Tomorrow))),
            Kw::Season(_) if !relative => {
                let h = self.season(j, true)?;
                match h.expr {
                    TimeExpr::Season {
                        season, year, rel, ..
                    } => Some(hit(
                        i,
                        h.e,
                        TimeExpr::Season {
                            season,
                            year,
                            rel,
                            part,
                        },
                    )),
                    _ => None,
                }
            }
            _ if !relative => {
                let n = self.clean_num(j, part == Part::Mid)?;
                if n.len != 4 || n.ord || !(1000..=2999).contains(&n.v) {
                    return None;
                }
                Some(hit(
                    i,
                    n.next,
                    TimeExpr::Year {
                        year: n.v as i32,
                        part,
                    },
                ))
            }
            _ => None,
        }
    }

    /// "spring 2023", "the winter of 2022", "in the fall".
    fn season(&self, i: usize, ctx: bool) -> Option<Hit> {
        let x = match self.kw(i) {
            Kw::Season(x) => x,
            _ => return None,
        };
        let (year, k) = if let Some((y, k)) = self.year4(i + 1) {
            (Some(y), k)
        } else if self.kw(i + 1) == Kw::Of {
            match self.year4(i + 2) {
                Some((y, k)) => (Some(y), k),
                None => return None,
            }
        } else {
            (None, i + 1)
        };
        if year.is_none() && !ctx {
            return None;
        }
        Some(hit(
            i,
            k,
            TimeExpr::Season {
                season: season_of(x),
                year,
                rel: Rel::None,
                part: Part::Whole,
            },
        ))
    }

    /// "the first quarter of 2024", "Q3 2023", "the second half of 2022".
    fn quarter(&self, i: usize, ctx: bool) -> Option<Hit> {
        let (q, half, mut k) = if self.s(i) == "Q" {
            let (q, l) = self.num(i + 1).filter(|_| self.adj(i + 1))?;
            if l != 1 || !(1..=4).contains(&q) || self.adj(i + 2) && self.is_word(i + 2) {
                return None;
            }
            (q as u8, false, i + 2)
        } else {
            let q = match self.kw(i) {
                Kw::Ord(n) => n,
                Kw::Final | Kw::Last => 4,
                _ => return None,
            };
            match self.kw(i + 1) {
                Kw::Quarter => (q, false, i + 2),
                Kw::Half if q <= 2 => (q, true, i + 2),
                Kw::Half if self.kw(i) != Kw::Ord(2) && q == 4 => (2, true, i + 2),
                _ => return None,
            }
        };
        let mut year = None;
        let mut rel = Rel::None;
        let of = self.kw(k) == Kw::Of;
        let k0 = if of { k + 1 } else { k };
        if let Some((y, k2)) = self.year4(k0) {
            year = Some(y);
            k = k2;
        } else if of || self.s(i) != "Q" {
            let r = match self.kw(k0) {
                Kw::Last => Some(Rel::Last),
                Kw::This | Kw::The => Some(Rel::This),
                Kw::Next => Some(Rel::Next),
                _ => None,
            };
            if let Some(r) = r {
                if self.kw(k0 + 1) == Kw::Unit(U::Year) {
                    rel = r;
                    k = k0 + 2;
                }
            }
        }
        if year.is_none() && rel == Rel::None && !ctx {
            return None;
        }
        let expr = if half {
            TimeExpr::Half { half: q, year, rel }
        } else {
            TimeExpr::Quarter {
                quarter: q,
                year,
                rel,
            }
        };
        Some(hit(i, k, expr))
    }

    /// "today", "yesterday", "tomorrow", "overnight", "recently", "so far",
    /// "to date", "up to now", "in recent days".
    fn deictic(&self, i: usize) -> Option<Hit> {
        let one = |d| Some(hit(i, i + 1, TimeExpr::Deictic(d)));
        match self.kw(i) {
            Kw::Today | Kw::Tonight => one(Deictic::Today),
            Kw::Yesterday => {
                if matches!(self.kw(i + 1), Kw::Morning | Kw::Afternoon | Kw::Evening) {
                    Some(hit(i, i + 2, TimeExpr::Deictic(Deictic::Yesterday)))
                } else {
                    one(Deictic::Yesterday)
                }
            }
            Kw::Tomorrow => one(Deictic::Tomorrow),
            Kw::Overnight => one(Deictic::Overnight),
            Kw::Recently | Kw::Lately => one(Deictic::Recently),
            Kw::So | Kw::Thus if self.kw(i + 1) == Kw::Far => {
                if matches!(self.kw(i + 2), Kw::As | Kw::From) || self.is(i + 2, "away") {
                    return None;
                }
                if self.kw(i + 2) == Kw::This {
                    if let Kw::Unit(u @ (U::Week | U::Month | U::Year)) = self.kw(i + 3) {
                        return Some(hit(
                            i,
                            i + 4,
                            TimeExpr::Period {
                                unit: unit_of(u),
                                rel: Rel::This,
                                part: Part::Earlier,
                            },
                        ));
                    }
                }
                Some(hit(i, i + 2, TimeExpr::Deictic(Deictic::SoFar)))
            }
            Kw::To if self.kw(i + 1) == Kw::DateW => {
                if self.prev_kw(i) == Kw::Up || self.p(i + 2, '-') || self.cap(i + 1) {
                    return None;
                }
                Some(hit(i, i + 2, TimeExpr::Deictic(Deictic::SoFar)))
            }
            Kw::Up if self.kw(i + 1) == Kw::To && self.kw(i + 2) == Kw::Now => {
                Some(hit(i, i + 3, TimeExpr::Deictic(Deictic::SoFar)))
            }
            Kw::Recent => match self.kw(i + 1) {
                Kw::Units(U::Day | U::Week | U::Month | U::Hour) => {
                    Some(hit(i, i + 2, TimeExpr::Deictic(Deictic::Recently)))
                }
                _ => None,
            },
            Kw::Just if self.kw(i + 1) == Kw::Recent => match self.kw(i + 2) {
                Kw::Units(U::Day | U::Week | U::Month | U::Hour) => {
                    Some(hit(i, i + 3, TimeExpr::Deictic(Deictic::Recently)))
                }
                _ => None,
            },
            _ => None,
        }
    }

    /// A count before a time unit: "two", "3", "a", "a few", "several",
    /// "a couple of", "twenty-four".
    fn count(&self, i: usize) -> Option<(Count, usize)> {
        match self.kw(i) {
            Kw::None if self.is_num(i) => {
                let n = self.clean_num(i, false)?;
                if n.ord || n.len > 5 {
                    return None;
                }
                Some((Count::Exact(n.v as u32), n.next))
            }
            Kw::Small(n) => {
                if n >= 20
                    && n % 10 == 0
                    && self.p(i + 1, '-')
                    && self.adj(i + 1)
                    && self.adj(i + 2)
                {
                    if let Kw::Small(m) = self.kw(i + 2) {
                        if (1..10).contains(&m) {
                            return Some((Count::Exact(u32::from(n + m)), i + 3));
                        }
                    }
                }
                Some((Count::Exact(u32::from(n)), i + 1))
            }
            Kw::A | Kw::An => match self.kw(i + 1) {
                Kw::Few => Some((Count::Few, i + 2)),
                Kw::Couple => Some((
                    Count::Exact(2),
                    if self.kw(i + 2) == Kw::Of {
                        i + 3
                    } else {
                        i + 2
                    },
                )),
                _ => Some((Count::Exact(1), i + 1)),
            },
            Kw::Few => Some((Count::Few, i + 1)),
            Kw::Several | Kw::Many => Some((Count::Several, i + 1)),
            Kw::Couple => Some((
                Count::Exact(2),
                if self.kw(i + 1) == Kw::Of {
                    i + 2
                } else {
                    i + 1
                },
            )),
            _ => None,
        }
    }

    /// "three weeks ago", "days ago", "a few days later", "two days
    /// later", "days after", "a week earlier".
    fn count_unit(&self, i: usize) -> Option<Hit> {
        let (c, j) = self.count(i).unwrap_or((Count::Some, i));
        let u = match (self.kw(j), c) {
            (Kw::Unit(u), Count::Exact(1)) => u,
            (Kw::Units(u), c) if c != Count::Exact(1) => u,
            _ => return None,
        };
        let k = j + 1;
        let dir = match self.kw(k) {
            Kw::Ago => {
                let (unit, count) = normalize(u, c)?;
                return Some(hit(i, k + 1, TimeExpr::Ago { unit, count }));
            }
            Kw::Later | Kw::Afterwards | Kw::After => Dir::Later,
            Kw::Earlier | Kw::Before => Dir::Earlier,
            Kw::Prior if self.kw(k + 1) == Kw::To => Dir::Earlier,
            _ => return None,
        };
        let (unit, count) = normalize(u, c)?;
        Some(hit(i, k + 1, TimeExpr::Shift { unit, count, dir }))
    }

    /// "that day", "that night", "that morning".
    fn that_day(&self, i: usize) -> Option<Hit> {
        match self.kw(i + 1) {
            Kw::Unit(U::Day | U::Night) | Kw::Morning | Kw::Afternoon | Kw::Evening => Some(hit(
                i,
                i + 2,
                TimeExpr::Shift {
                    unit: Unit::Day,
                    count: Count::Exact(0),
                    dir: Dir::Later,
                },
            )),
            _ => None,
        }
    }

    /// A bare year 1900..=2100: after a preposition ("in 2022", "since
    /// 2017"), or as a modifier ("a 2023 law": attributive).
    fn year(&self, i: usize, ctx: bool) -> Option<Hit> {
        let n = self.clean_num(i, false)?;
        if n.len != 4 || n.ord || !(1900..=2100).contains(&n.v) {
            return None;
        }
        // "2022-23", "2,000": not a plain year.
        if self.adj(n.next)
            && (self.p(n.next, '-') && self.is_num(n.next + 1)
                || self.p(n.next, ',') && self.adj(n.next + 1) && self.is_num(n.next + 1))
        {
            return None;
        }
        let y = TimeExpr::Year {
            year: n.v as i32,
            part: Part::Whole,
        };
        if ctx {
            if self.prev_kw(i) == Kw::Of && self.plural_word(n.next) {
                return None;
            }
            return Some(hit(i, n.next, y));
        }
        let p = self.prev(i)?;
        let det = matches!(self.t[p].kw, Kw::A | Kw::An | Kw::The)
            || DETERMINERS
                .iter()
                .any(|d| self.s(p).eq_ignore_ascii_case(d))
            || self.possessive_before(i);
        if det && self.is_word(n.next) && !self.cap(n.next) && !self.plural_word(n.next) {
            return Some(Hit {
                attr: true,
                ..hit(i, n.next, y)
            });
        }
        None
    }

    fn plural_word(&self, k: usize) -> bool {
        let w = self.s(k);
        self.is_word(k) && w.len() > 3 && w.ends_with('s') && !w.ends_with("ss")
    }

    /// Keeps a clock time after a date or weekday in the mention:
    /// "Tuesday at 10:30 a.m.", "January 5, 2024, 14:00 GMT".
    fn absorb_clock(&self, h: Hit) -> Hit {
        if !matches!(
            h.expr,
            TimeExpr::Date(_)
                | TimeExpr::MonthDay { .. }
                | TimeExpr::Weekday { .. }
                | TimeExpr::Deictic(Deictic::Today | Deictic::Yesterday | Deictic::Tomorrow)
        ) {
            return h;
        }
        let mut k = h.e;
        if self.p(k, ',') {
            k += 1;
        }
        if self.kw(k) == Kw::At {
            k += 1;
        }
        let Some((hh, l)) = self.num(k) else {
            return h;
        };
        if l > 2 || hh > 24 {
            return h;
        }
        let mut e = k + 1;
        let mut clock = false;
        if self.p(e, ':')
            && self.adj(e)
            && self.adj(e + 1)
            && self.num(e + 1).is_some_and(|x| x.1 == 2)
        {
            e += 2;
            clock = true;
        }
        if let Some(e2) = self.ampm(e) {
            e = e2;
            clock = true;
        }
        if !clock {
            return h;
        }
        if TIME_ZONES.iter().any(|z| self.s(e) == *z) {
            e += 1;
        }
        Hit { e, ..h }
    }

    /// "a.m.", "p.m.", "am", "PM" at `e`: the index after it.
    fn ampm(&self, e: usize) -> Option<usize> {
        let w = self.s(e);
        if w.eq_ignore_ascii_case("am") || w.eq_ignore_ascii_case("pm") {
            return Some(e + 1);
        }
        if (w.eq_ignore_ascii_case("a") || w.eq_ignore_ascii_case("p"))
            && self.p(e + 1, '.')
            && self.adj(e + 1)
            && self.is(e + 2, "m")
            && self.adj(e + 2)
        {
            return Some(if self.p(e + 3, '.') && self.adj(e + 3) {
                e + 4
            } else {
                e + 3
            });
        }
        None
    }

    /// "between March and May 2023", "from 10 to 12 January", "from
    /// December 29 to January 4", "between 2020 and 2022".
    fn range(&self, i: usize) -> Option<Hit> {
        let between = self.kw(i) == Kw::Between;
        let a = i + 1;
        let sep_at = |k: usize| {
            if between {
                self.kw(k) == Kw::And
            } else {
                matches!(self.kw(k), Kw::To | Kw::Until | Kw::Till | Kw::Through) || self.p(k, '-')
            }
        };
        let (first, k) = match self.day_num(a, false) {
            Some((d, k, _)) if sep_at(k) => (Ep::Day(d), k),
            _ => {
                let h = self.core(a, true)?;
                if matches!(h.expr, TimeExpr::Range { .. }) {
                    return Some(Hit { s: i, ..h });
                }
                if !endpoint(&h.expr) || h.bound != Bound::None {
                    return None;
                }
                (Ep::X(h.expr), h.e)
            }
        };
        if !sep_at(k) {
            return None;
        }
        let h2 = self.core(k + 1, true)?;
        if !endpoint(&h2.expr) {
            return None;
        }
        let expr = combine(first, h2.expr)?;
        Some(hit(i, h2.e, expr))
    }
}

/// Units and counts as resolution uses them: hours and minutes are the same
/// day ("hours later"), 48 hours are two days, a decade is ten years.
fn normalize(u: U, c: Count) -> Option<(Unit, Count)> {
    Some(match (u, c) {
        (U::Minute, _) => (Unit::Day, Count::Exact(0)),
        (U::Hour, Count::Exact(h)) => (Unit::Day, Count::Exact((h + 12) / 24)),
        (U::Hour, _) => (Unit::Day, Count::Exact(0)),
        (U::Decade, Count::Exact(n)) => (Unit::Year, Count::Exact(n.saturating_mul(10))),
        (U::Decade, _) => return None,
        (u, c) => (unit_of(u), c),
    })
}
