//! Time expressions in news text and their resolution to SCHEMA time
//! objects (`{text, start, end, granularity}`).
//!
//! [`find_times`] finds the expressions and parses each into an unresolved
//! [`TimeExpr`]; [`resolve`] turns one into a [`ResolvedTime`] against an
//! [`Anchor`] (the publication date, or what the text says about its own
//! date: see [`document_anchor`]); [`resolve_relative_to`] resolves
//! "a few days later", "the night before" and the like against the time of
//! a previously mentioned event.
//!
//! Conventions (GUIDELINES rule 13 and the gold files):
//!
//! | expression | start | end | granularity |
//! |---|---|---|---|
//! | "December 30", "Saturday", "early Monday", "today", "yesterday" | the day | the day | `day` |
//! | "in September", "October", "last month" | `YYYY-MM` | `YYYY-MM` | `month` |
//! | "in 2022", "last year" | `YYYY` | `YYYY` | `year` |
//! | "this month", "earlier this month" | 1st of the month | publication | `approx` |
//! | "this year", "earlier this year" | Jan 1 | publication | `approx` |
//! | "this week" | Monday | publication | `approx` |
//! | "last week" / "next week" | that week's Monday | its Sunday | `approx` |
//! | "overnight", "last night" | publication − 1 | publication | `approx` |
//! | "a week ago" | pub − 10 | pub − 4 | `approx` |
//! | "N weeks ago" | pub − 7N − 3 | pub − 7N + 3 | `approx` |
//! | "N days ago" | the day | the day | `day` |
//! | "days ago", "a few days ago" | pub − 7 / − 5 | pub − 2 / − 1 | `approx` |
//! | "in the past year" | pub − 1 year | pub | `approx` |
//! | "recently", "in recent days", "so far", "to date" | open | publication | `approx` |
//! | "in the future" | publication | open | `approx` |
//! | "in the coming winter" | `YYYY-12` | `YYYY+1-02` | `approx` |
//! | "late June" / "early" / "mid" | the 20th / 1st / 10th | end / 10th / 20th | `approx` |
//! | "early 2024" / "mid" / "late" | `2024-01` / `-05` / `-09` | `2024-04` / `-08` / `-12` | `approx` |
//! | "since December 2023" | `2023-12` | publication (open if unknown) | `approx` |
//! | "by January 1", "until March" | open | that day / month's end | `approx` |
//! | "a few days later" (after base B) | B + 1 | B + 5 | `approx` |
//! | "days after" / "days later" (after B) | B + 2 | B + 7 | `approx` |
//! | "two days later" | B + 2 | B + 2 | `day` |
//! | "the night before" (B) | B − 1 | B | `approx` |
//! | a date carried only by a reporting verb ([`ResolvedTime::report_bound`]) | day − 1 | day | `approx` |

mod date;
pub(crate) mod find;
mod resolve;

pub use date::{Date, Weekday};
pub use find::find_times;
pub use resolve::{document_anchor, resolve, resolve_relative_to};

/// A time expression found in a text: its byte span, the text as written
/// and its parsed, unresolved form.
#[derive(Clone, Debug, PartialEq)]
pub struct TimeMention {
    /// Byte offset of the first byte of the expression.
    pub start: usize,
    /// Byte offset one past its last byte.
    pub end: usize,
    /// The expression as written (`text[start..end]`).
    pub text: String,
    /// What it says, unresolved.
    pub expr: TimeExpr,
    /// A bounding preposition in front of it ("since", "until", "by",
    /// "before", "after").
    pub bound: Bound,
    /// A year used as a modifier ("a 2023 law", "the 2022 invasion"): a
    /// time mention, but one that rarely dates the event of its sentence.
    pub attributive: bool,
}

impl TimeMention {
    /// The same mention with the direction of a [`TimeExpr::Shift`]
    /// reversed. "X came days after Y": `resolve_relative_to(m, X)` dates
    /// X from Y; `resolve_relative_to(&m.inverse(), X)` dates Y from X.
    pub fn inverse(&self) -> TimeMention {
        let mut m = self.clone();
        if let TimeExpr::Shift { dir, .. } = &mut m.expr {
            *dir = match dir {
                Dir::Later => Dir::Earlier,
                Dir::Earlier => Dir::Later,
            };
        }
        m
    }

    /// Whether the expression can only be resolved against the time of
    /// another event ([`resolve_relative_to`]): "a few days later", "the
    /// next day", "the night before".
    pub fn is_relative_to_event(&self) -> bool {
        matches!(self.expr, TimeExpr::Shift { .. })
    }
}

/// The parsed, unresolved form of a time expression.
#[derive(Clone, Debug, PartialEq)]
pub enum TimeExpr {
    /// A full calendar date: "December 30, 2023", "30 Dec 2023",
    /// "2023-12-30", "12/30/2023".
    Date(Date),
    /// Day and month without a year: "December 30", "30 Dec".
    MonthDay {
        /// Month, 1..=12.
        month: u8,
        /// Day, 1..=31.
        day: u8,
    },
    /// A month: "in September", "September 2023", "last September",
    /// "late June".
    Month {
        /// Month, 1..=12.
        month: u8,
        /// The year when written.
        year: Option<i32>,
        /// "last", "this", "next".
        rel: Rel,
        /// "early", "mid", "late", "the end of".
        part: Part,
    },
    /// A year: "in 2022", "since 2017", "early 2024".
    Year {
        /// The year.
        year: i32,
        /// "early", "mid", "late", "the end of".
        part: Part,
    },
    /// A weekday: "Tuesday", "last Tuesday", "next Friday", "early Monday",
    /// "Sunday night".
    Weekday {
        /// The day.
        weekday: Weekday,
        /// "last", "this", "next".
        rel: Rel,
        /// "morning", "night", "early", ...
        part_of_day: Option<DayPart>,
    },
    /// A season: "last spring", "in the coming winter", "summer 2023".
    Season {
        /// The season.
        season: Season,
        /// The year when written (for winter, the year it starts in).
        year: Option<i32>,
        /// "last", "this", "next"/"coming".
        rel: Rel,
        /// "early", "late".
        part: Part,
    },
    /// A quarter: "the first quarter of 2024", "Q3 2023".
    Quarter {
        /// 1..=4.
        quarter: u8,
        /// The year when written.
        year: Option<i32>,
        /// "last", "this", "next".
        rel: Rel,
    },
    /// A half-year: "the first half of 2024".
    Half {
        /// 1 or 2.
        half: u8,
        /// The year when written.
        year: Option<i32>,
        /// "last", "this", "next".
        rel: Rel,
    },
    /// A word pointing at the publication date: "today", "yesterday",
    /// "overnight", "recently", "so far", "in the future".
    Deictic(Deictic),
    /// A calendar week, month or year named from the publication date:
    /// "last week", "this month", "next year", "earlier this month",
    /// "the end of last year".
    Period {
        /// Week, weekend, month or year.
        unit: Unit,
        /// "last", "this", "next".
        rel: Rel,
        /// "early", "late", "earlier", "later", ...
        part: Part,
    },
    /// A stretch of time ending (or, `forward`, starting) at the
    /// publication date: "in the past year", "over the last two weeks",
    /// "in the coming days".
    Window {
        /// The unit counted.
        unit: Unit,
        /// How many.
        count: Count,
        /// Towards the future ("coming", "next").
        forward: bool,
    },
    /// Some time before the publication date: "three weeks ago", "days
    /// ago", "a week ago".
    Ago {
        /// The unit counted.
        unit: Unit,
        /// How many.
        count: Count,
    },
    /// Some time after or before another event: "a few days later", "two
    /// days later", "days after", "the next day", "the night before".
    Shift {
        /// The unit counted.
        unit: Unit,
        /// How many (`Exact(0)` for "the same day", "later that day").
        count: Count,
        /// Later or earlier than the other event.
        dir: Dir,
    },
    /// A range: "between March and May 2023", "from 10 to 12 January",
    /// "December 29-30".
    Range {
        /// First end.
        from: Box<TimeExpr>,
        /// Last end.
        to: Box<TimeExpr>,
    },
}

/// "last", "this", "next" before a month, weekday, season or period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rel {
    /// Not said.
    None,
    /// "last", "past", "previous".
    Last,
    /// "this".
    This,
    /// "next", "coming", "upcoming".
    Next,
}

/// A part of a month, year, week or season.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// The whole.
    Whole,
    /// "early".
    Early,
    /// "mid", "the middle of".
    Mid,
    /// "late".
    Late,
    /// "the beginning of", "the start of".
    Beginning,
    /// "the end of".
    End,
    /// "earlier this ...": from the start up to the publication date.
    Earlier,
    /// "later this ...": from the publication date to the end.
    Later,
}

/// A part of a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DayPart {
    /// "early Monday".
    Early,
    /// "Monday morning".
    Morning,
    /// "Monday afternoon".
    Afternoon,
    /// "Monday evening".
    Evening,
    /// "Sunday night".
    Night,
    /// "late Monday".
    Late,
}

/// A season.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Season {
    /// March to May.
    Spring,
    /// June to August.
    Summer,
    /// September to November.
    Autumn,
    /// December to February.
    Winter,
}

/// Words pointing at the publication date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Deictic {
    /// "today", "tonight", "this morning", "earlier today".
    Today,
    /// "yesterday".
    Yesterday,
    /// "tomorrow".
    Tomorrow,
    /// "overnight".
    Overnight,
    /// "last night".
    LastNight,
    /// "recently", "lately", "in recent days".
    Recently,
    /// "so far", "to date", "thus far", "until now".
    SoFar,
    /// "in the future", "in the near future".
    Future,
}

/// A unit of time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Days (hours and minutes count as the same day).
    Day,
    /// Nights ("the night before").
    Night,
    /// Weeks.
    Week,
    /// Weekends.
    Weekend,
    /// Months.
    Month,
    /// Years.
    Year,
}

/// How many units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Count {
    /// A number ("two", "3", "a").
    Exact(u32),
    /// "a few".
    Few,
    /// "several", "many".
    Several,
    /// A bare plural ("days ago", "weeks later").
    Some,
}

/// Direction of a [`TimeExpr::Shift`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dir {
    /// "later", "after", "the next".
    Later,
    /// "earlier", "before", "the previous".
    Earlier,
}

/// A bounding preposition in front of a time expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bound {
    /// None.
    None,
    /// "since": from it up to the publication date.
    Since,
    /// "until", "till": up to its end.
    Until,
    /// "by": no later than its end.
    By,
    /// "before": ends the day before it starts.
    Before,
    /// "after": starts the day after it ends.
    After,
}

/// What a text's times are resolved against.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Anchor {
    /// The publication date: from the document's metadata or its dateline.
    pub published: Option<Date>,
    /// A year for bare dates when no day is known: the publication year, a
    /// copyright line, the latest full date in the text.
    pub year: Option<i32>,
    /// The latest full date written in the text.
    pub latest: Option<Date>,
    /// The story-order hint used when the publication date is unknown: the
    /// latest day the story reaches, with bare dates placed so that their
    /// order holds (a "December 30" before a "January 4" is in the year
    /// before). Stands in for the publication date.
    pub reference: Option<Date>,
    /// The tense points ahead: a bare weekday or date means the next one on
    /// or after the anchor, not the last one on or before it.
    pub future: bool,
}

impl Anchor {
    /// An anchor on a known publication date.
    pub fn at(published: Date) -> Anchor {
        Anchor {
            published: Some(published),
            year: Some(published.year),
            ..Anchor::default()
        }
    }

    /// An anchor knowing only a year.
    pub fn year_only(year: i32) -> Anchor {
        Anchor {
            year: Some(year),
            ..Anchor::default()
        }
    }

    /// The same anchor with the future-tense hint set or cleared.
    pub fn with_future(self, future: bool) -> Anchor {
        Anchor { future, ..self }
    }

    /// The day relative expressions count from: the publication date, else
    /// the story-order reference.
    pub fn now(&self) -> Option<Date> {
        self.published.or(self.reference)
    }

    /// The year bare dates fall in when no day is known.
    pub fn base_year(&self) -> Option<i32> {
        self.now().map(|d| d.year).or(self.year)
    }
}

/// The precision of a resolved time (SCHEMA `granularity`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Granularity {
    /// A day.
    Day,
    /// A month.
    Month,
    /// A year.
    Year,
    /// An approximate interval.
    Approx,
}

impl Granularity {
    /// The SCHEMA string: `day`, `month`, `year`, `approx`.
    pub fn as_str(self) -> &'static str {
        match self {
            Granularity::Day => "day",
            Granularity::Month => "month",
            Granularity::Year => "year",
            Granularity::Approx => "approx",
        }
    }
}

/// A resolved time: the SCHEMA `time` object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolvedTime {
    /// The expression as written.
    pub text: String,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; `None` for an open start.
    pub start: Option<String>,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; `None` for an open end.
    pub end: Option<String>,
    /// Day, month, year or approx.
    pub granularity: Granularity,
}

impl ResolvedTime {
    /// The first day of the interval, if its start is bounded.
    pub fn start_date(&self) -> Option<Date> {
        self.start.as_deref().and_then(|s| parse_point(s, false))
    }

    /// The last day of the interval, if its end is bounded.
    pub fn end_date(&self) -> Option<Date> {
        self.end.as_deref().and_then(|s| parse_point(s, true))
    }

    /// The time as bounding an event reported by a verb dated with it
    /// ("said Sunday that it shot down ..."; GUIDELINES 13): the event
    /// happened no later than the last day of this time. The start is the
    /// day before that day (the gold files write it so; an open start is
    /// the other reading, and the day before overlaps both), granularity
    /// `approx`.
    pub fn report_bound(&self) -> ResolvedTime {
        match self.end_date().or_else(|| self.start_date()) {
            Some(e) => ResolvedTime {
                text: self.text.clone(),
                start: Some(e.add_days(-1).to_string()),
                end: Some(e.to_string()),
                granularity: Granularity::Approx,
            },
            None => self.clone(),
        }
    }

    /// The SCHEMA JSON object, exactly
    /// `{"text":…,"start":…,"end":…,"granularity":…}` (`null` for an open
    /// side).
    pub fn to_json(&self) -> String {
        let mut s = String::with_capacity(64 + self.text.len());
        s.push_str("{\"text\":");
        json_string(&mut s, &self.text);
        s.push_str(",\"start\":");
        match &self.start {
            Some(v) => json_string(&mut s, v),
            None => s.push_str("null"),
        }
        s.push_str(",\"end\":");
        match &self.end {
            Some(v) => json_string(&mut s, v),
            None => s.push_str("null"),
        }
        s.push_str(",\"granularity\":\"");
        s.push_str(self.granularity.as_str());
        s.push_str("\"}");
        s
    }
}

/// Appends `v` to `out` as a JSON string literal.
pub(crate) fn json_string(out: &mut String, v: &str) {
    out.push('"');
    for c in v.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` into its first day (or last,
/// with `end`).
fn parse_point(s: &str, end: bool) -> Option<Date> {
    let mut it = s.split('-');
    let y: i32 = it.next()?.parse().ok()?;
    let m: Option<u8> = match it.next() {
        Some(x) => Some(x.parse().ok()?),
        None => None,
    };
    let d: Option<u8> = match it.next() {
        Some(x) => Some(x.get(..2).unwrap_or(x).parse().ok()?),
        None => None,
    };
    match (m, d) {
        (None, _) => Date::new(y, if end { 12 } else { 1 }, if end { 31 } else { 1 }),
        (Some(m), None) => {
            let first = Date::new(y, m, 1)?;
            Some(if end {
                first.last_day_of_month()
            } else {
                first
            })
        }
        (Some(m), Some(d)) => Date::new(y, m, d),
    }
}
