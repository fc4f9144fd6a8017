//! Resolving time expressions against an anchor, against another event's
//! time, and finding a document's anchor.

use super::{
    find_times, Anchor, Bound, Count, Date, Deictic, Dir, Granularity, Part, Rel, ResolvedTime,
    Season, TimeExpr, TimeMention, Unit, Weekday,
};

/// A point at some precision.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Pt {
    Y(i32),
    M(i32, u8),
    D(Date),
}

impl Pt {
    fn first(self) -> Date {
        match self {
            Pt::Y(y) => Date::new(y, 1, 1).unwrap_or(Date {
                year: 1,
                month: 1,
                day: 1,
            }),
            Pt::M(y, m) => Date::new(y, m, 1).unwrap_or(Date {
                year: 1,
                month: 1,
                day: 1,
            }),
            Pt::D(d) => d,
        }
    }

    fn last(self) -> Date {
        match self {
            Pt::Y(y) => Date::new(y, 12, 31).unwrap_or(Date {
                year: 9999,
                month: 12,
                day: 31,
            }),
            Pt::M(..) => self.first().last_day_of_month(),
            Pt::D(d) => d,
        }
    }

    fn text(self) -> String {
        match self {
            Pt::Y(y) => format!("{y:04}"),
            Pt::M(y, m) => format!("{y:04}-{m:02}"),
            Pt::D(d) => d.to_string(),
        }
    }
}

/// An interval before it gets its text.
#[derive(Clone, Copy, Debug)]
struct Span {
    start: Option<Pt>,
    end: Option<Pt>,
    gran: Granularity,
}

impl Span {
    fn into_resolved(self, text: &str) -> ResolvedTime {
        ResolvedTime {
            text: text.to_string(),
            start: self.start.map(Pt::text),
            end: self.end.map(Pt::text),
            granularity: self.gran,
        }
    }
}

fn day(d: Date) -> Span {
    Span {
        start: Some(Pt::D(d)),
        end: Some(Pt::D(d)),
        gran: Granularity::Day,
    }
}

fn approx(a: Date, b: Date) -> Span {
    Span {
        start: Some(Pt::D(a.min(b))),
        end: Some(Pt::D(a.max(b))),
        gran: Granularity::Approx,
    }
}

fn approx_pts(a: Pt, b: Pt) -> Span {
    Span {
        start: Some(a),
        end: Some(b),
        gran: Granularity::Approx,
    }
}

fn valid_year(y: i32) -> Option<i32> {
    (1..=9999).contains(&y).then_some(y)
}

fn month_pt(y: i32, m: u8) -> Option<Pt> {
    Date::new(y, m, 1).map(|_| Pt::M(y, m))
}

/// `d` moved by `n` units (backwards for negative `n`).
fn shift(d: Date, unit: Unit, n: i64) -> Date {
    match unit {
        Unit::Day | Unit::Night => d.add_days(n),
        Unit::Week | Unit::Weekend => d.add_days(n.saturating_mul(7)),
        Unit::Month => d.add_months(n.clamp(-120_000, 120_000) as i32),
        Unit::Year => d.add_years(n.clamp(-10_000, 10_000) as i32),
    }
}

/// The low and high number of units of a vague count.
fn vague(c: Count) -> (i64, i64) {
    match c {
        Count::Exact(n) => (i64::from(n), i64::from(n)),
        Count::Few => (1, 5),
        Count::Several | Count::Some => (2, 7),
    }
}

/// Resolves a time expression against `anchor`.
///
/// Returns `None` when the anchor does not say enough (a weekday with no
/// known day, a bare date with no known year) and for expressions that
/// count from another event ([`TimeExpr::Shift`]: use
/// [`resolve_relative_to`]). Bare dates, months and weekdays take the most
/// recent one on or before the anchor day, or, with
/// [`Anchor::future`], the next one on or after it.
pub fn resolve(m: &TimeMention, anchor: Anchor) -> Option<ResolvedTime> {
    let anchor = sanitize(anchor);
    let sp = expr_span(&m.expr, &anchor)?;
    let sp = bound_span(sp, m.bound, &anchor);
    Some(sp.into_resolved(&m.text))
}

/// The date if it is a real one (the fields of [`Date`] are public).
fn valid(d: Date) -> Option<Date> {
    Date::new(d.year, d.month, d.day)
}

/// The anchor with impossible dates and years dropped, so that arithmetic
/// on them cannot overflow.
fn sanitize(a: Anchor) -> Anchor {
    Anchor {
        published: a.published.and_then(valid),
        year: a.year.and_then(valid_year),
        latest: a.latest.and_then(valid),
        reference: a.reference.and_then(valid),
        future: a.future,
    }
}

/// Resolves an expression that counts from another event's time ("a few
/// days later", "two days later", "days after", "the next day", "the night
/// before", "later that day") against that time, `base`.
///
/// "X days later/after" is after `base`, counted from its start;
/// "earlier/before" is before it, counted from its end. Any other
/// expression is resolved as if the last day of `base` were the
/// publication date. `None` when `base` has no bounded side.
pub fn resolve_relative_to(m: &TimeMention, base: &ResolvedTime) -> Option<ResolvedTime> {
    let bs = base.start_date().or_else(|| base.end_date())?;
    let be = base.end_date().or_else(|| base.start_date())?;
    match m.expr {
        TimeExpr::Shift { unit, count, dir } => {
            let sp = shift_span(bs, be, unit, count, dir);
            Some(sp.into_resolved(&m.text))
        }
        _ => resolve(m, Anchor::at(be)),
    }
}

fn shift_span(bs: Date, be: Date, unit: Unit, count: Count, dir: Dir) -> Span {
    let one_day = bs == be;
    let sign: i64 = if dir == Dir::Later { 1 } else { -1 };
    match (count, unit) {
        (Count::Exact(0), _) => {
            if one_day {
                day(bs)
            } else {
                approx(bs, be)
            }
        }
        (Count::Exact(1), Unit::Night) => {
            if dir == Dir::Earlier {
                approx(bs.add_days(-1), bs)
            } else {
                approx(be, be.add_days(1))
            }
        }
        (Count::Exact(n), Unit::Day | Unit::Night) => {
            let n = i64::from(n) * sign;
            if one_day {
                day(bs.add_days(n))
            } else {
                approx(bs.add_days(n), be.add_days(n))
            }
        }
        (Count::Exact(n), Unit::Week | Unit::Weekend) => {
            let n = i64::from(n) * 7 * sign;
            approx(bs.add_days(n - 3), be.add_days(n + 3))
        }
        (Count::Exact(n), Unit::Month) => {
            let n = i64::from(n) * sign;
            approx(
                shift(bs, Unit::Month, n).add_days(-15),
                shift(be, Unit::Month, n).add_days(15),
            )
        }
        (Count::Exact(n), Unit::Year) => {
            let n = i64::from(n) * sign;
            approx(
                shift(bs, Unit::Year, n).add_months(-1),
                shift(be, Unit::Year, n).add_months(1),
            )
        }
        (c, unit) => {
            let (lo, hi) = vague(c);
            if dir == Dir::Later {
                approx(shift(bs, unit, lo), shift(bs, unit, hi))
            } else {
                approx(shift(be, unit, -hi), shift(be, unit, -lo))
            }
        }
    }
}

fn bound_span(sp: Span, b: Bound, a: &Anchor) -> Span {
    let now = a.now();
    match b {
        Bound::None => sp,
        Bound::Since => Span {
            start: sp.start,
            end: now.map(Pt::D),
            gran: Granularity::Approx,
        },
        Bound::Until | Bound::By => Span {
            start: None,
            end: sp.end,
            gran: Granularity::Approx,
        },
        Bound::Before => Span {
            start: None,
            end: sp.start.map(|p| Pt::D(p.first().add_days(-1))),
            gran: Granularity::Approx,
        },
        Bound::After => {
            let start = sp.end.map(|p| p.last().add_days(1));
            Span {
                start: start.map(Pt::D),
                end: match (start, now) {
                    (Some(s), Some(n)) if n >= s => Some(Pt::D(n)),
                    _ => None,
                },
                gran: Granularity::Approx,
            }
        }
    }
}

/// The year of a bare day and month: the most recent one on or before the
/// anchor (the next on or after it with `future`); Feb 29 goes to the
/// nearest leap year in that direction.
fn place_md(m: u8, d: u8, a: &Anchor) -> Option<Date> {
    match a.now() {
        Some(now) => {
            let mut y = now.year;
            let step = if a.future { 1 } else { -1 };
            if !a.future && (m, d) > (now.month, now.day) {
                y -= 1;
            } else if a.future && (m, d) < (now.month, now.day) {
                y += 1;
            }
            for _ in 0..9 {
                if let Some(x) = Date::new(y, m, d) {
                    return Some(x);
                }
                y += step;
            }
            None
        }
        None => Date::new(a.year?, m, d),
    }
}

fn month_year(m: u8, rel: Rel, a: &Anchor) -> Option<i32> {
    match a.now() {
        Some(now) => Some(match rel {
            Rel::None => {
                if a.future {
                    if m >= now.month {
                        now.year
                    } else {
                        now.year + 1
                    }
                } else if m <= now.month {
                    now.year
                } else {
                    now.year - 1
                }
            }
            Rel::Last => {
                if m < now.month {
                    now.year
                } else {
                    now.year - 1
                }
            }
            Rel::Next => {
                if m > now.month {
                    now.year
                } else {
                    now.year + 1
                }
            }
            Rel::This => now.year,
        }),
        None => match rel {
            Rel::None | Rel::This => a.year,
            _ => None,
        },
    }
}

fn month_part(y: i32, m: u8, part: Part, now: Option<Date>) -> Option<Span> {
    let first = Date::new(y, m, 1)?;
    let last = first.last_day_of_month();
    let dd = |d: u8| Date::new(y, m, d.min(last.day)).unwrap_or(last);
    Some(match part {
        Part::Whole => Span {
            start: Some(Pt::M(y, m)),
            end: Some(Pt::M(y, m)),
            gran: Granularity::Month,
        },
        Part::Early | Part::Beginning => approx(first, dd(10)),
        Part::Mid => approx(dd(10), dd(20)),
        Part::Late | Part::End => approx(dd(20), last),
        Part::Earlier => approx(first, now.map_or(last, |n| n.clamp(first, last))),
        Part::Later => approx(now.map_or(first, |n| n.clamp(first, last)), last),
    })
}

fn year_part(y: i32, part: Part, now: Option<Date>) -> Option<Span> {
    let y = valid_year(y)?;
    let months = |a: u8, b: u8| Some(approx_pts(month_pt(y, a)?, month_pt(y, b)?));
    let first = Date::new(y, 1, 1)?;
    let last = Date::new(y, 12, 31)?;
    match part {
        Part::Whole => Some(Span {
            start: Some(Pt::Y(y)),
            end: Some(Pt::Y(y)),
            gran: Granularity::Year,
        }),
        Part::Early => months(1, 4),
        Part::Mid => months(5, 8),
        Part::Late => months(9, 12),
        Part::Beginning => months(1, 2),
        Part::End => months(11, 12),
        Part::Earlier => Some(approx(first, now.map_or(last, |n| n.clamp(first, last)))),
        Part::Later => Some(approx(now.map_or(first, |n| n.clamp(first, last)), last)),
    }
}

fn weekday_date(w: Weekday, rel: Rel, now: Date, future: bool) -> Date {
    let cur = i64::from(now.weekday().index());
    let t = i64::from(w.index());
    let back = (cur - t).rem_euclid(7);
    let fwd = (t - cur).rem_euclid(7);
    match rel {
        Rel::None => {
            if future {
                now.add_days(fwd)
            } else {
                now.add_days(-back)
            }
        }
        Rel::Last => now.add_days(-(if back == 0 { 7 } else { back })),
        Rel::Next => now.add_days(if fwd == 0 { 7 } else { fwd }),
        Rel::This => {
            if future {
                now.add_days(fwd)
            } else {
                now.add_days(t - cur)
            }
        }
    }
}

fn season_start_month(s: Season) -> u8 {
    match s {
        Season::Spring => 3,
        Season::Summer => 6,
        Season::Autumn => 9,
        Season::Winter => 12,
    }
}

/// The first and last day of the season that starts in year `sy`.
fn season_days(s: Season, sy: i32) -> Option<(Date, Date)> {
    let start = Date::new(sy, season_start_month(s), 1)?;
    let end = start.add_months(2).last_day_of_month();
    Some((start, end))
}

fn season_span(s: Season, year: Option<i32>, rel: Rel, part: Part, a: &Anchor) -> Option<Span> {
    let sy = match year {
        Some(y) => y,
        None => match a.now() {
            Some(now) => {
                let cands: Vec<(Date, Date, i32)> = (now.year - 2..=now.year + 1)
                    .filter_map(|y| season_days(s, y).map(|(b, e)| (b, e, y)))
                    .collect();
                let containing = cands.iter().find(|(b, e, _)| *b <= now && now <= *e);
                let last_started = cands.iter().rev().find(|(b, _, _)| *b <= now);
                let next_start = cands.iter().find(|(b, _, _)| *b > now);
                let pick = match rel {
                    Rel::None => {
                        if a.future {
                            cands.iter().find(|(_, e, _)| *e >= now)
                        } else {
                            last_started
                        }
                    }
                    Rel::This => containing.or(if a.future { next_start } else { last_started }),
                    Rel::Last => cands.iter().rev().find(|(_, e, _)| *e < now),
                    Rel::Next => next_start,
                };
                pick?.2
            }
            None => match rel {
                Rel::None | Rel::This => a.year?,
                _ => return None,
            },
        },
    };
    let (b, _) = season_days(s, sy)?;
    let m = |k: i32| {
        let d = b.add_months(k);
        month_pt(d.year, d.month)
    };
    Some(match part {
        Part::Early | Part::Beginning => approx_pts(m(0)?, m(0)?),
        Part::Mid => approx_pts(m(1)?, m(1)?),
        Part::Late | Part::End => approx_pts(m(2)?, m(2)?),
        _ => approx_pts(m(0)?, m(2)?),
    })
}

/// Year of a quarter (`len` = 3) or half (`len` = 6) numbered `k`.
fn block_span(k: u8, len: u8, year: Option<i32>, rel: Rel, a: &Anchor) -> Option<Span> {
    let y = match year {
        Some(y) => y,
        None => match a.now() {
            Some(now) => {
                let cur = (now.month - 1) / len + 1;
                match rel {
                    Rel::None => {
                        if a.future {
                            if k >= cur {
                                now.year
                            } else {
                                now.year + 1
                            }
                        } else if k <= cur {
                            now.year
                        } else {
                            now.year - 1
                        }
                    }
                    Rel::This => now.year,
                    Rel::Last => {
                        if k < cur {
                            now.year
                        } else {
                            now.year - 1
                        }
                    }
                    Rel::Next => {
                        if k > cur {
                            now.year
                        } else {
                            now.year + 1
                        }
                    }
                }
            }
            None => match rel {
                Rel::None | Rel::This => a.year?,
                _ => return None,
            },
        },
    };
    let m1 = (k - 1) * len + 1;
    Some(approx_pts(month_pt(y, m1)?, month_pt(y, m1 + len - 1)?))
}

fn period_span(unit: Unit, rel: Rel, part: Part, a: &Anchor) -> Option<Span> {
    let now = a.now()?;
    match unit {
        Unit::Week => {
            let monday = now.add_days(-i64::from(now.weekday().index()));
            let ws = match rel {
                Rel::Last => monday.add_days(-7),
                Rel::Next => monday.add_days(7),
                Rel::This | Rel::None => monday,
            };
            let we = ws.add_days(6);
            let this = matches!(rel, Rel::This | Rel::None);
            Some(match part {
                Part::Whole if this => {
                    if a.future {
                        approx(now, we)
                    } else {
                        approx(ws, now)
                    }
                }
                Part::Whole => approx(ws, we),
                Part::Earlier => approx(ws, now.clamp(ws, we)),
                Part::Later => approx(now.clamp(ws, we), we),
                Part::Early | Part::Beginning => approx(ws, ws.add_days(1)),
                Part::Mid => approx(ws.add_days(2), ws.add_days(3)),
                Part::Late | Part::End => approx(ws.add_days(4), we),
            })
        }
        Unit::Weekend => {
            let wd = i64::from(now.weekday().index());
            let monday = now.add_days(-wd);
            let sat = match rel {
                Rel::None => {
                    if a.future {
                        now.add_days((5 - wd).rem_euclid(7))
                    } else if wd == 6 {
                        now.add_days(-1)
                    } else {
                        now.add_days(-((wd - 5).rem_euclid(7)))
                    }
                }
                Rel::Last => monday.add_days(-2),
                Rel::This => monday.add_days(5),
                Rel::Next => monday.add_days(12),
            };
            Some(approx(sat, sat.add_days(1)))
        }
        Unit::Month => {
            let d = match rel {
                Rel::Last => now.add_months(-1),
                Rel::Next => now.add_months(1),
                _ => now,
            };
            if part == Part::Whole && matches!(rel, Rel::This | Rel::None) {
                let first = d.first_day_of_month();
                let last = d.last_day_of_month();
                return Some(if a.future {
                    approx(now, last)
                } else {
                    approx(first, now)
                });
            }
            month_part(d.year, d.month, part, Some(now))
        }
        Unit::Year => {
            let y = match rel {
                Rel::Last => now.year - 1,
                Rel::Next => now.year + 1,
                _ => now.year,
            };
            if part == Part::Whole && matches!(rel, Rel::This | Rel::None) {
                let first = Date::new(y, 1, 1)?;
                let last = Date::new(y, 12, 31)?;
                return Some(if a.future {
                    approx(now, last)
                } else {
                    approx(first, now)
                });
            }
            year_part(y, part, Some(now))
        }
        Unit::Day | Unit::Night => None,
    }
}

fn window_units(unit: Unit, c: Count) -> i64 {
    match c {
        Count::Exact(n) => i64::from(n),
        Count::Few => match unit {
            Unit::Day | Unit::Night => 5,
            _ => 3,
        },
        Count::Several | Count::Some => match unit {
            Unit::Day | Unit::Night => 7,
            Unit::Year => 5,
            _ => 6,
        },
    }
}

fn expr_span(e: &TimeExpr, a: &Anchor) -> Option<Span> {
    let now = a.now();
    match e {
        TimeExpr::Date(d) => Some(day(valid(*d)?)),
        TimeExpr::MonthDay { month, day: d } => Some(day(place_md(*month, *d, a)?)),
        TimeExpr::Month {
            month,
            year,
            rel,
            part,
        } => {
            let y = match year {
                Some(y) => valid_year(*y)?,
                None => month_year(*month, *rel, a)?,
            };
            month_part(y, *month, *part, now)
        }
        TimeExpr::Year { year, part } => year_part(valid_year(*year)?, *part, now),
        TimeExpr::Weekday { weekday, rel, .. } => {
            Some(day(weekday_date(*weekday, *rel, now?, a.future)))
        }
        TimeExpr::Season {
            season,
            year,
            rel,
            part,
        } => season_span(*season, *year, *rel, *part, a),
        TimeExpr::Quarter { quarter, year, rel } => block_span(*quarter, 3, *year, *rel, a),
        TimeExpr::Half { half, year, rel } => block_span(*half, 6, *year, *rel, a),
        TimeExpr::Deictic(d) => {
            let now = now?;
            Some(match d {
                Deictic::Today => day(now),
                Deictic::Yesterday => day(now.add_days(-1)),
                Deictic::Tomorrow => day(now.add_days(1)),
                Deictic::Overnight | Deictic::LastNight => approx(now.add_days(-1), now),
                Deictic::Recently | Deictic::SoFar => Span {
                    start: None,
                    end: Some(Pt::D(now)),
                    gran: Granularity::Approx,
                },
                Deictic::Future => Span {
                    start: Some(Pt::D(now)),
                    end: None,
                    gran: Granularity::Approx,
                },
            })
        }
        TimeExpr::Period { unit, rel, part } => period_span(*unit, *rel, *part, a),
        TimeExpr::Window {
            unit,
            count,
            forward,
        } => {
            let now = now?;
            let n = window_units(*unit, *count);
            Some(if *forward {
                approx(now, shift(now, *unit, n))
            } else {
                approx(shift(now, *unit, -n), now)
            })
        }
        TimeExpr::Ago { unit, count } => {
            let now = now?;
            Some(match (*count, *unit) {
                (Count::Exact(n), Unit::Day | Unit::Night) => day(now.add_days(-i64::from(n))),
                (Count::Exact(n), Unit::Week | Unit::Weekend) => {
                    let c = now.add_days(-7 * i64::from(n));
                    approx(c.add_days(-3), c.add_days(3))
                }
                (Count::Exact(n), Unit::Month) => {
                    let c = shift(now, Unit::Month, -i64::from(n));
                    approx(c.add_days(-15), c.add_days(15))
                }
                (Count::Exact(n), Unit::Year) => {
                    let c = shift(now, Unit::Year, -i64::from(n));
                    approx(c.add_months(-1), c.add_months(1))
                }
                (c, unit) => {
                    let (lo, hi) = vague(c);
                    approx(shift(now, unit, -hi), shift(now, unit, -lo))
                }
            })
        }
        TimeExpr::Shift { .. } => None,
        TimeExpr::Range { from, to } => {
            let t = expr_span(to, a)?;
            let tend = t.end?.last();
            let fa = Anchor {
                published: Some(tend),
                reference: None,
                future: false,
                year: Some(tend.year),
                latest: a.latest,
            };
            let f = expr_span(from, &fa)?;
            let gran = if f.gran == t.gran {
                f.gran
            } else {
                Granularity::Approx
            };
            Some(Span {
                start: f.start,
                end: t.end,
                gran,
            })
        }
    }
}

// ------------------------------------------------------------ anchors

/// Finds what a document's times are resolved against.
///
/// - `published` (`YYYY-MM-DD` or an RFC 3339 timestamp) is the
///   publication date when it parses.
/// - Else a dateline is: a full date alone on a line near the top
///   ("January 8, 2025", "- April 9, 2022", "June 9, 2023 | By ..."), or
///   after a place in capitals ("WASHINGTON, November 29, 2024 - ..."); a
///   dateline without a year takes the year below.
/// - Else the date is unknown: `year` comes from a copyright line ("©
///   2024", "Copyright 2024") or the latest full date or month-and-year in
///   the text, and `reference` (the story-order hint, see [`Anchor`]) is
///   the latest day the story reaches: with a latest explicit date, each
///   bare date is placed in the year that puts it nearest that date; with
///   only a copyright year, the bare dates are taken as one stretch of at
///   most a year ending in that year (the largest gap between them in the
///   calendar cycle is where the story's year turns).
///
/// `latest` is always the latest full date in the text.
pub fn document_anchor(text: &str, published: Option<&str>) -> Anchor {
    let ms = find_times(text);
    let mut latest: Option<Date> = None;
    let mut explicit: Option<Date> = None;
    let mut bare: Vec<(u8, u8)> = Vec::new();
    for m in ms.iter().filter(|m| !m.attributive) {
        collect(&m.expr, &mut latest, &mut explicit, &mut bare);
    }
    let copyright = copyright_year(text);
    let mut a = Anchor {
        latest,
        ..Anchor::default()
    };
    if let Some(p) = published.and_then(Date::parse_iso) {
        a.published = Some(p);
        a.year = Some(p.year);
        return a;
    }
    let text_year = copyright.or(explicit.map(|d| d.year));
    if let Some(d) = dateline(text, &ms, text_year) {
        a.published = Some(d);
        a.year = Some(d.year);
        return a;
    }
    a.year = text_year;
    a.reference = match (explicit, copyright) {
        (Some(l), c) if !matches!(c, Some(y) if l.year < y) => {
            let mut r = l;
            for &(m, d) in &bare {
                if let Some(p) = nearest(l, m, d) {
                    r = r.max(p);
                }
            }
            Some(r)
        }
        (_, Some(y)) => circular_latest(&bare)
            .and_then(|(m, d)| Date::new(y, m, d).or_else(|| Date::new(y, m, d.saturating_sub(1)))),
        _ => None,
    };
    a
}

fn collect(
    e: &TimeExpr,
    latest: &mut Option<Date>,
    explicit: &mut Option<Date>,
    bare: &mut Vec<(u8, u8)>,
) {
    match e {
        TimeExpr::Date(d) => {
            *latest = (*latest).max(Some(*d));
            *explicit = (*explicit).max(Some(*d));
        }
        TimeExpr::Month {
            month,
            year: Some(y),
            ..
        } => {
            if let Some(d) = Date::new(*y, *month, 1) {
                *explicit = (*explicit).max(Some(d));
            }
        }
        TimeExpr::MonthDay { month, day } => bare.push((*month, *day)),
        TimeExpr::Range { from, to } => {
            collect(from, latest, explicit, bare);
            collect(to, latest, explicit, bare);
        }
        _ => {}
    }
}

/// The date with day and month `(m, d)` nearest to `l`, in `l`'s year or
/// the one before or after.
fn nearest(l: Date, m: u8, d: u8) -> Option<Date> {
    (l.year - 1..=l.year + 1)
        .filter_map(|y| Date::new(y, m, d))
        .min_by_key(|x| (x.to_days() - l.to_days()).abs())
}

/// The latest of a set of day-and-month pairs read as one stretch of less
/// than a year: the one before the largest gap in the calendar cycle.
fn circular_latest(bare: &[(u8, u8)]) -> Option<(u8, u8)> {
    let base = Date::new(2000, 1, 1)?.to_days();
    let mut ords: Vec<(i64, (u8, u8))> = bare
        .iter()
        .filter_map(|&(m, d)| Date::new(2000, m, d).map(|x| (x.to_days() - base, (m, d))))
        .collect();
    ords.sort_unstable();
    ords.dedup_by_key(|x| x.0);
    let n = ords.len();
    if n == 0 {
        return None;
    }
    let mut best = (0i64, n - 1);
    for k in 0..n {
        let gap = if k + 1 < n {
            ords[k + 1].0 - ords[k].0
        } else {
            ords[0].0 + 366 - ords[k].0
        };
        if gap >= best.0 {
            best = (gap, k);
        }
    }
    Some(ords[best.1].1)
}

/// The largest year 1900..=2100 after a "©", "(c)" or "Copyright".
fn copyright_year(text: &str) -> Option<i32> {
    let b = text.as_bytes();
    let mut best: Option<i32> = None;
    let mut i = 0;
    while i < b.len() {
        let mark = if b[i] == 0xC2 && b.get(i + 1) == Some(&0xA9) {
            Some(2)
        } else if b[i] == b'('
            && matches!(b.get(i + 1), Some(b'c' | b'C'))
            && b.get(i + 2) == Some(&b')')
        {
            Some(3)
        } else if (b[i] | 0x20) == b'c'
            && b.len() >= i + 9
            && b[i..i + 9].eq_ignore_ascii_case(b"copyright")
        {
            Some(9)
        } else {
            None
        };
        if let Some(l) = mark {
            let mut j = i + l;
            let end = (j + 40).min(b.len());
            while j < end {
                if b[j].is_ascii_digit() {
                    let s = j;
                    while j < end && b[j].is_ascii_digit() {
                        j += 1;
                    }
                    if j - s == 4 && !b.get(j).is_some_and(|c| c.is_ascii_digit()) {
                        let y: i32 = text[s..j].parse().unwrap_or(0);
                        if (1900..=2100).contains(&y) {
                            best = best.max(Some(y));
                        }
                    }
                } else {
                    j += 1;
                }
            }
            i += l;
        } else {
            i += 1;
        }
    }
    best
}

const DATELINE_LABELS: &[&str] = &[
    "published",
    "updated",
    "posted",
    "date",
    "dated",
    "on",
    "at",
    "last",
    "modified",
    "released",
    "issued",
    "by",
];

/// A dateline near the top of the text (see [`document_anchor`]).
fn dateline(text: &str, ms: &[TimeMention], year: Option<i32>) -> Option<Date> {
    for m in ms {
        if m.start > 4000 {
            break;
        }
        let date = match m.expr {
            TimeExpr::Date(d) => d,
            TimeExpr::MonthDay { month, day } => {
                match year.and_then(|y| Date::new(y, month, day)) {
                    Some(d) => d,
                    None => continue,
                }
            }
            _ => continue,
        };
        let ls = text[..m.start].rfind('\n').map_or(0, |k| k + 1);
        let rest = &text[m.end..];
        let le = m.end
            + rest
                .char_indices()
                .take(200)
                .find(|&(_, c)| c == '\n')
                .map_or_else(
                    || rest.char_indices().nth(200).map_or(rest.len(), |(k, _)| k),
                    |(k, _)| k,
                );
        let prefix = text[ls..m.start].trim();
        let suffix = text[m.end..le].trim();
        let prefix_ok = prefix.is_empty()
            || prefix
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .all(|w| DATELINE_LABELS.iter().any(|l| w.eq_ignore_ascii_case(l)))
            || place_dateline(prefix);
        let suffix_ok = suffix.is_empty()
            || suffix.starts_with(['|', '-', '\u{2013}', '\u{2014}', '(', '/', '\u{2022}'])
            || suffix.chars().next().is_some_and(|c| c.is_ascii_digit());
        if prefix_ok && suffix_ok {
            return Some(date);
        }
    }
    None
}

/// "WASHINGTON,", "KYIV, Ukraine,": a place in capitals, then a comma.
fn place_dateline(prefix: &str) -> bool {
    if prefix.len() > 60 || !prefix.ends_with(',') {
        return false;
    }
    let first = prefix.split([',', ' ']).next().unwrap_or("");
    first.len() >= 3
        && first
            .chars()
            .all(|c| c.is_ascii_uppercase() || c == '.' || c == '-' || c == '\'')
}
