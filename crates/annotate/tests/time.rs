//! Time expressions: finding, resolving, anchoring. Every sentence here is
//! invented for the test.

use tidings_annotate::time::{
    document_anchor, find_times, resolve, resolve_relative_to, Anchor, Bound, Count, Date, DayPart,
    Deictic, Dir, Granularity, Part, Rel, ResolvedTime, TimeExpr, TimeMention, Unit, Weekday,
};

fn d(y: i32, m: u8, dd: u8) -> Date {
    Date::new(y, m, dd).unwrap()
}

fn texts(text: &str) -> Vec<String> {
    find_times(text).into_iter().map(|m| m.text).collect()
}

fn one(text: &str) -> TimeMention {
    let ms = find_times(text);
    assert_eq!(ms.len(), 1, "{text:?} gave {ms:#?}");
    let m = ms.into_iter().next().unwrap();
    assert_eq!(&text[m.start..m.end], m.text);
    m
}

/// (start, end, granularity) of the single mention of `text` against
/// `anchor`.
fn res(text: &str, anchor: Anchor) -> (Option<String>, Option<String>, &'static str) {
    let m = one(text);
    let r = resolve(&m, anchor).unwrap_or_else(|| panic!("{text:?} did not resolve: {m:?}"));
    (r.start, r.end, r.granularity.as_str())
}

fn s(x: &str) -> Option<String> {
    Some(x.to_string())
}

fn jan5() -> Anchor {
    // A Friday.
    Anchor::at(d(2024, 1, 5))
}

// ---------------------------------------------------------------- finding

#[test]
fn absolute_dates() {
    for (text, want, date) in [
        (
            "The strike came on December 30, 2023, officials said.",
            "December 30, 2023",
            d(2023, 12, 30),
        ),
        (
            "It was delivered Dec. 30, 2023 to the port.",
            "Dec. 30, 2023",
            d(2023, 12, 30),
        ),
        (
            "Talks opened on 30 December 2023 in Geneva.",
            "30 December 2023",
            d(2023, 12, 30),
        ),
        (
            "The filing is dated 2023-12-30 and signed.",
            "2023-12-30",
            d(2023, 12, 30),
        ),
        (
            "Stamped 2023-12-30T08:15:00Z by the registry.",
            "2023-12-30T08:15:00Z",
            d(2023, 12, 30),
        ),
        (
            "The memo of 12/30/2023 says so.",
            "12/30/2023",
            d(2023, 12, 30),
        ),
        (
            "The memo of 30/12/2023 says so.",
            "30/12/2023",
            d(2023, 12, 30),
        ),
        (
            "The memo of 30.12.2023 says so.",
            "30.12.2023",
            d(2023, 12, 30),
        ),
        ("Posted 4/8/22 by the desk.", "4/8/22", d(2022, 4, 8)),
        (
            "The convoy left Sept. 14, 2022 under escort.",
            "Sept. 14, 2022",
            d(2022, 9, 14),
        ),
        (
            "They met on Tuesday, January 2, 2024, in Warsaw.",
            "Tuesday, January 2, 2024",
            d(2024, 1, 2),
        ),
        (
            "The vote was held May 14, 2023 amid protests.",
            "May 14, 2023",
            d(2023, 5, 14),
        ),
        (
            "The deal closed on December 30th, 2023.",
            "December 30th, 2023",
            d(2023, 12, 30),
        ),
        (
            "It happened on the 30th of December 2023.",
            "30th of December 2023",
            d(2023, 12, 30),
        ),
    ] {
        let m = one(text);
        assert_eq!(m.text, want, "{text}");
        assert_eq!(m.expr, TimeExpr::Date(date), "{text}");
    }
}

#[test]
fn partial_dates() {
    for (text, want, month, day) in [
        (
            "The launch on December 30 was the first.",
            "December 30",
            12,
            30,
        ),
        ("The launch on Dec. 30 was the first.", "Dec. 30", 12, 30),
        ("The launch on 30 Dec was the first.", "30 Dec", 12, 30),
        ("The launch on 4 January was the second.", "4 January", 1, 4),
        ("The DPRK's June 6 launch drew protests.", "June 6", 6, 6),
    ] {
        let m = one(text);
        assert_eq!(m.text, want);
        assert_eq!(m.expr, TimeExpr::MonthDay { month, day }, "{text}");
    }
}

#[test]
fn months() {
    let m = one("In September, envoys were sent to the capital.");
    assert_eq!(m.text, "In September");
    assert_eq!(
        m.expr,
        TimeExpr::Month {
            month: 9,
            year: None,
            rel: Rel::None,
            part: Part::Whole
        }
    );
    let m = one("The shipments began in September 2023 and continued.");
    assert_eq!(m.text, "in September 2023");
    assert_eq!(
        m.expr,
        TimeExpr::Month {
            month: 9,
            year: Some(2023),
            rel: Rel::None,
            part: Part::Whole
        }
    );
    assert_eq!(
        one("They resumed last September.").expr,
        TimeExpr::Month {
            month: 9,
            year: None,
            rel: Rel::Last,
            part: Part::Whole
        }
    );
    assert_eq!(one("since February of 2022").text, "since February of 2022");
    assert_eq!(
        one("The regime's October launch was condemned.").text,
        "October"
    );
    let m = one("A late June attack killed civilians.");
    assert_eq!(m.text, "late June");
    assert!(matches!(
        m.expr,
        TimeExpr::Month {
            month: 6,
            part: Part::Late,
            ..
        }
    ));
    assert!(matches!(
        one("in mid-July").expr,
        TimeExpr::Month {
            month: 7,
            part: Part::Mid,
            ..
        }
    ));
}

#[test]
fn years() {
    let m = one("The program was expanded in 2022 after the war began.");
    assert_eq!(m.text, "in 2022");
    assert_eq!(
        m.expr,
        TimeExpr::Year {
            year: 2022,
            part: Part::Whole
        }
    );
    let m = one("It is the first such test since 2017.");
    assert_eq!(m.text, "since 2017");
    assert_eq!(m.bound, Bound::Since);
    assert_eq!(one("The plant should open by 2030.").bound, Bound::By);
    let m = one("Critics cite a 2023 law on exports.");
    assert!(m.attributive);
    assert_eq!(m.text, "2023");
    assert!(!one("It was expanded in 2022.").attributive);
    let m = one("Growth is forecast for early 2024.");
    assert_eq!(m.text, "early 2024");
    assert_eq!(
        m.expr,
        TimeExpr::Year {
            year: 2024,
            part: Part::Early
        }
    );
    assert_eq!(one("in early 2024").text, "in early 2024");
    assert_eq!(
        one("by mid-2025").expr,
        TimeExpr::Year {
            year: 2025,
            part: Part::Mid
        }
    );
}

#[test]
fn weekdays() {
    let m = one("The ministry said on Tuesday that drones were downed.");
    assert_eq!(m.text, "Tuesday");
    assert_eq!(
        m.expr,
        TimeExpr::Weekday {
            weekday: Weekday::Tuesday,
            rel: Rel::None,
            part_of_day: None
        }
    );
    assert!(matches!(
        one("It fired last Tuesday.").expr,
        TimeExpr::Weekday { rel: Rel::Last, .. }
    ));
    assert!(matches!(
        one("Talks resume next Friday.").expr,
        TimeExpr::Weekday {
            weekday: Weekday::Friday,
            rel: Rel::Next,
            ..
        }
    ));
    let m = one("Strikes hit the city early Monday.");
    assert_eq!(m.text, "early Monday");
    assert!(matches!(
        m.expr,
        TimeExpr::Weekday {
            part_of_day: Some(DayPart::Early),
            ..
        }
    ));
    let m = one("Sirens sounded on Sunday night across the region.");
    assert_eq!(m.text, "Sunday night");
    assert!(matches!(
        m.expr,
        TimeExpr::Weekday {
            part_of_day: Some(DayPart::Night),
            ..
        }
    ));
    assert_eq!(one("a blast on Saturday that killed five").text, "Saturday");
}

#[test]
fn relative_expressions() {
    use TimeExpr as T;
    let cases: Vec<(&str, &str, TimeExpr)> = vec![
        (
            "The ministry said today it would respond.",
            "today",
            T::Deictic(Deictic::Today),
        ),
        (
            "Officials said yesterday that two died.",
            "yesterday",
            T::Deictic(Deictic::Yesterday),
        ),
        (
            "The vote is due tomorrow.",
            "tomorrow",
            T::Deictic(Deictic::Tomorrow),
        ),
        (
            "Drones struck overnight.",
            "overnight",
            T::Deictic(Deictic::Overnight),
        ),
        (
            "Russia recently bought shells.",
            "recently",
            T::Deictic(Deictic::Recently),
        ),
        (
            "The minister spoke this morning.",
            "this morning",
            T::Deictic(Deictic::Today),
        ),
        (
            "Air raids hit the port last night.",
            "last night",
            T::Deictic(Deictic::LastNight),
        ),
        (
            "No deal has been reached so far.",
            "so far",
            T::Deictic(Deictic::SoFar),
        ),
        (
            "Shipments to date total ten.",
            "to date",
            T::Deictic(Deictic::SoFar),
        ),
        (
            "More will come in the future.",
            "in the future",
            T::Deictic(Deictic::Future),
        ),
        (
            "They struck twice in recent days.",
            "in recent days",
            T::Deictic(Deictic::Recently),
        ),
        (
            "They met last week.",
            "last week",
            T::Period {
                unit: Unit::Week,
                rel: Rel::Last,
                part: Part::Whole,
            },
        ),
        (
            "They meet this week.",
            "this week",
            T::Period {
                unit: Unit::Week,
                rel: Rel::This,
                part: Part::Whole,
            },
        ),
        (
            "They meet next week.",
            "next week",
            T::Period {
                unit: Unit::Week,
                rel: Rel::Next,
                part: Part::Whole,
            },
        ),
        (
            "It rose last month.",
            "last month",
            T::Period {
                unit: Unit::Month,
                rel: Rel::Last,
                part: Part::Whole,
            },
        ),
        (
            "It rose last year.",
            "last year",
            T::Period {
                unit: Unit::Year,
                rel: Rel::Last,
                part: Part::Whole,
            },
        ),
        (
            "It rose this year.",
            "this year",
            T::Period {
                unit: Unit::Year,
                rel: Rel::This,
                part: Part::Whole,
            },
        ),
        (
            "It was said earlier this month.",
            "earlier this month",
            T::Period {
                unit: Unit::Month,
                rel: Rel::This,
                part: Part::Earlier,
            },
        ),
        (
            "Talks end later this year.",
            "later this year",
            T::Period {
                unit: Unit::Year,
                rel: Rel::This,
                part: Part::Later,
            },
        ),
        (
            "By the end of the year it may fall.",
            "By the end of the year",
            T::Period {
                unit: Unit::Year,
                rel: Rel::This,
                part: Part::End,
            },
        ),
        (
            "They fired more a few days later.",
            "a few days later",
            T::Shift {
                unit: Unit::Day,
                count: Count::Few,
                dir: Dir::Later,
            },
        ),
        (
            "They fired again two days later.",
            "two days later",
            T::Shift {
                unit: Unit::Day,
                count: Count::Exact(2),
                dir: Dir::Later,
            },
        ),
        (
            "It came days after the raid.",
            "days after",
            T::Shift {
                unit: Unit::Day,
                count: Count::Some,
                dir: Dir::Later,
            },
        ),
        (
            "A wave came the night before.",
            "the night before",
            T::Shift {
                unit: Unit::Night,
                count: Count::Exact(1),
                dir: Dir::Earlier,
            },
        ),
        (
            "Repairs began the next day.",
            "the next day",
            T::Shift {
                unit: Unit::Day,
                count: Count::Exact(1),
                dir: Dir::Later,
            },
        ),
        (
            "A second blast followed later that day.",
            "later that day",
            T::Shift {
                unit: Unit::Day,
                count: Count::Exact(0),
                dir: Dir::Later,
            },
        ),
        (
            "It was tested days ago.",
            "days ago",
            T::Ago {
                unit: Unit::Day,
                count: Count::Some,
            },
        ),
        (
            "It was tested three weeks ago.",
            "three weeks ago",
            T::Ago {
                unit: Unit::Week,
                count: Count::Exact(3),
            },
        ),
        (
            "It was tested a week ago.",
            "a week ago",
            T::Ago {
                unit: Unit::Week,
                count: Count::Exact(1),
            },
        ),
        (
            "It was tested 48 hours ago.",
            "48 hours ago",
            T::Ago {
                unit: Unit::Day,
                count: Count::Exact(2),
            },
        ),
        (
            "In the past year the front moved.",
            "In the past year",
            T::Window {
                unit: Unit::Year,
                count: Count::Exact(1),
                forward: false,
            },
        ),
        (
            "Over the last two weeks the front moved.",
            "Over the last two weeks",
            T::Window {
                unit: Unit::Week,
                count: Count::Exact(2),
                forward: false,
            },
        ),
        (
            "More is due in the coming days.",
            "in the coming days",
            T::Window {
                unit: Unit::Day,
                count: Count::Some,
                forward: true,
            },
        ),
    ];
    for (text, want, expr) in cases {
        let m = one(text);
        assert_eq!(m.text, want, "{text}");
        assert_eq!(m.expr, expr, "{text}");
    }
}

#[test]
fn ranges() {
    let m = one("Deliveries ran between March and May 2023 by rail.");
    assert_eq!(m.text, "between March and May 2023");
    let TimeExpr::Range { from, to } = &m.expr else {
        panic!("{m:?}")
    };
    assert!(matches!(
        **from,
        TimeExpr::Month {
            month: 3,
            year: Some(2023),
            ..
        }
    ));
    assert!(matches!(
        **to,
        TimeExpr::Month {
            month: 5,
            year: Some(2023),
            ..
        }
    ));

    let m = one("Exercises are set from 10 to 12 January near the border.");
    assert_eq!(m.text, "from 10 to 12 January");
    let TimeExpr::Range { from, to } = &m.expr else {
        panic!("{m:?}")
    };
    assert_eq!(**from, TimeExpr::MonthDay { month: 1, day: 10 });
    assert_eq!(**to, TimeExpr::MonthDay { month: 1, day: 12 });

    let m = one("The strikes on December 29-30 hit power plants.");
    assert_eq!(m.text, "December 29-30");
    let m2 = one("The strikes on 29\u{2013}30 December hit power plants.");
    assert_eq!(m2.text, "29\u{2013}30 December");
    assert_eq!(m.expr, m2.expr);

    let m = one("The campaign lasted from December 29 to January 4, 2024.");
    let TimeExpr::Range { from, to } = &m.expr else {
        panic!("{m:?}")
    };
    assert_eq!(**from, TimeExpr::Date(d(2023, 12, 29)));
    assert_eq!(**to, TimeExpr::Date(d(2024, 1, 4)));

    let m = one("Sanctions applied between 2020 and 2022 only.");
    assert!(matches!(m.expr, TimeExpr::Range { .. }));
}

#[test]
fn seasons_and_quarters() {
    assert!(matches!(
        one("The offensive stalled last spring.").expr,
        TimeExpr::Season { rel: Rel::Last, .. }
    ));
    assert_eq!(
        one("Attacks will resume in the coming winter.").text,
        "in the coming winter"
    );
    assert!(matches!(
        one("Output fell in the first quarter of 2024.").expr,
        TimeExpr::Quarter {
            quarter: 1,
            year: Some(2024),
            ..
        }
    ));
    assert!(matches!(
        one("Revenue rose in Q3 2023.").expr,
        TimeExpr::Quarter {
            quarter: 3,
            year: Some(2023),
            ..
        }
    ));
    assert!(matches!(
        one("Sales doubled in the second half of 2022.").expr,
        TimeExpr::Half {
            half: 2,
            year: Some(2022),
            ..
        }
    ));
    assert!(find_times("After the fall of the city, troops withdrew.").is_empty());
    assert!(find_times("A spring in the valley ran dry.").is_empty());
}

#[test]
fn clock_times() {
    assert_eq!(
        texts("The raid began on Tuesday at 10:30 a.m. local time."),
        ["Tuesday at 10:30 a.m."]
    );
    assert_eq!(
        texts("Filed January 5, 2024, 14:00 GMT by staff."),
        ["January 5, 2024, 14:00 GMT"]
    );
    assert!(texts("The briefing starts at 10:30 a.m. sharp.").is_empty());
    assert!(texts("2:10 P.M. EST").is_empty());
}

#[test]
fn false_positives() {
    for text in [
        "Officials may announce more aid soon.",
        "Officials said the aid May be delayed.",
        "Thousands will March on the capital.",
        "Protesters march through the city.",
        "The Sunday Times reported the sale.",
        "It was signed under the Good Friday Agreement.",
        "The May Day parade was cancelled.",
        "The Hwasong-18 is a solid-fuel missile.",
        "The KN-23 and the F-16 were shown.",
        "A force of 2,000 troops crossed.",
        "Resolution 2087 bans launches.",
        "It costs 2024 dollars apiece.",
        "After the fall of Bakhmut the front moved.",
        "So far as we know, nothing changed.",
        "The files are up to date.",
        "April Smith, a spokeswoman, declined to comment.",
        "The 1990s were quieter.",
        "Call 555-2023-12 for details.",
    ] {
        assert!(
            find_times(text).is_empty(),
            "{text:?} gave {:#?}",
            find_times(text)
        );
    }
    // A month with a preposition is fine, even May and March.
    assert_eq!(
        texts("It was signed in May and ratified by March."),
        ["in May", "by March"]
    );
    assert_eq!(texts("The May 9 parade was held."), ["May 9"]);
    // An impossible date is no date.
    assert!(find_times("on February 30, 2023").is_empty());
}

#[test]
fn spans_exclude_on_and_at() {
    let text = "On January 4, the spokesman said the military launched one on December 30.";
    let ms = find_times(text);
    assert_eq!(
        ms.iter().map(|m| m.text.as_str()).collect::<Vec<_>>(),
        ["January 4", "December 30"]
    );
    for m in &ms {
        assert_eq!(&text[m.start..m.end], m.text);
    }
}

// ------------------------------------------------------------- resolution

#[test]
fn resolution_against_publication_date() {
    let a = jan5();
    assert_eq!(
        res("on December 30", a),
        (s("2023-12-30"), s("2023-12-30"), "day")
    );
    assert_eq!(
        res("On January 4", a),
        (s("2024-01-04"), s("2024-01-04"), "day")
    );
    assert_eq!(
        res("on January 5", a),
        (s("2024-01-05"), s("2024-01-05"), "day")
    );
    assert_eq!(
        res("on January 6", a),
        (s("2023-01-06"), s("2023-01-06"), "day")
    );
    assert_eq!(
        res("In September", a),
        (s("2023-09"), s("2023-09"), "month")
    );
    assert_eq!(res("in January", a), (s("2024-01"), s("2024-01"), "month"));
    assert_eq!(
        res("last September", a),
        (s("2023-09"), s("2023-09"), "month")
    );
    assert_eq!(res("in 2022", a), (s("2022"), s("2022"), "year"));
    assert_eq!(res("today", a), (s("2024-01-05"), s("2024-01-05"), "day"));
    assert_eq!(
        res("yesterday", a),
        (s("2024-01-04"), s("2024-01-04"), "day")
    );
    assert_eq!(
        res("tomorrow", a),
        (s("2024-01-06"), s("2024-01-06"), "day")
    );
    assert_eq!(
        res("overnight", a),
        (s("2024-01-04"), s("2024-01-05"), "approx")
    );
    assert_eq!(res("recently", a), (None, s("2024-01-05"), "approx"));
    assert_eq!(res("so far", a), (None, s("2024-01-05"), "approx"));
    assert_eq!(res("in the future", a), (s("2024-01-05"), None, "approx"));
    assert_eq!(
        res("last week", a),
        (s("2023-12-25"), s("2023-12-31"), "approx")
    );
    assert_eq!(
        res("this week", a),
        (s("2024-01-01"), s("2024-01-05"), "approx")
    );
    assert_eq!(
        res("next week", a),
        (s("2024-01-08"), s("2024-01-14"), "approx")
    );
    assert_eq!(res("last month", a), (s("2023-12"), s("2023-12"), "month"));
    assert_eq!(res("next month", a), (s("2024-02"), s("2024-02"), "month"));
    assert_eq!(res("last year", a), (s("2023"), s("2023"), "year"));
    assert_eq!(
        res("this year", a),
        (s("2024-01-01"), s("2024-01-05"), "approx")
    );
    assert_eq!(
        res("earlier this month", a),
        (s("2024-01-01"), s("2024-01-05"), "approx")
    );
    assert_eq!(
        res("this month", Anchor::at(d(2022, 7, 11))),
        (s("2022-07-01"), s("2022-07-11"), "approx")
    );
    assert_eq!(
        res("a week ago", Anchor::at(d(2022, 7, 11))),
        (s("2022-07-01"), s("2022-07-07"), "approx")
    );
    assert_eq!(
        res("three weeks ago", a),
        (s("2023-12-12"), s("2023-12-18"), "approx")
    );
    assert_eq!(
        res("two days ago", a),
        (s("2024-01-03"), s("2024-01-03"), "day")
    );
    assert_eq!(
        res("days ago", a),
        (s("2023-12-29"), s("2024-01-03"), "approx")
    );
    assert_eq!(
        res("a few days ago", a),
        (s("2023-12-31"), s("2024-01-04"), "approx")
    );
    assert_eq!(
        res("In the past year", Anchor::at(d(2023, 9, 21))),
        (s("2022-09-21"), s("2023-09-21"), "approx")
    );
    assert_eq!(
        res("late June", a),
        (s("2023-06-20"), s("2023-06-30"), "approx")
    );
    assert_eq!(res("early 2024", a), (s("2024-01"), s("2024-04"), "approx"));
    assert_eq!(
        res("since December 2023", a),
        (s("2023-12"), s("2024-01-05"), "approx")
    );
    assert_eq!(res("since 2017", a), (s("2017"), s("2024-01-05"), "approx"));
    assert_eq!(
        res("since last year", a),
        (s("2023"), s("2024-01-05"), "approx")
    );
    assert_eq!(res("by January 1", a), (None, s("2024-01-01"), "approx"));
    assert_eq!(
        res("until March", a.with_future(true)),
        (None, s("2024-03"), "approx")
    );
    assert_eq!(res("before 2022", a), (None, s("2021-12-31"), "approx"));
    assert_eq!(
        res("between March and May 2023", a),
        (s("2023-03"), s("2023-05"), "month")
    );
    assert_eq!(
        res("on December 29-30", a),
        (s("2023-12-29"), s("2023-12-30"), "day")
    );
    assert_eq!(
        res("from 10 to 12 January", a.with_future(true)),
        (s("2024-01-10"), s("2024-01-12"), "day")
    );
    assert_eq!(
        res("the first quarter of 2024", a),
        (s("2024-01"), s("2024-03"), "approx")
    );
    assert_eq!(
        res("the second half of 2022", a),
        (s("2022-07"), s("2022-12"), "approx")
    );
    assert_eq!(
        res("last spring", a),
        (s("2023-03"), s("2023-05"), "approx")
    );
    assert_eq!(
        res("last winter", a),
        (s("2022-12"), s("2023-02"), "approx")
    );
    assert_eq!(
        res("this winter", a),
        (s("2023-12"), s("2024-02"), "approx")
    );
    assert_eq!(
        res("in the coming winter", Anchor::at(d(2023, 9, 21))),
        (s("2023-12"), s("2024-02"), "approx")
    );
    assert_eq!(
        res("in the second quarter", a),
        (s("2023-04"), s("2023-06"), "approx")
    );
}

#[test]
fn weekday_resolution() {
    let a = jan5(); // Friday 2024-01-05
    assert_eq!(
        res("on Tuesday", a),
        (s("2024-01-02"), s("2024-01-02"), "day")
    );
    assert_eq!(
        res("on Friday", a),
        (s("2024-01-05"), s("2024-01-05"), "day")
    );
    assert_eq!(
        res("on Saturday", a),
        (s("2023-12-30"), s("2023-12-30"), "day")
    );
    assert_eq!(
        res("last Friday", a),
        (s("2023-12-29"), s("2023-12-29"), "day")
    );
    assert_eq!(
        res("last Tuesday", a),
        (s("2024-01-02"), s("2024-01-02"), "day")
    );
    assert_eq!(
        res("next Friday", a),
        (s("2024-01-12"), s("2024-01-12"), "day")
    );
    assert_eq!(
        res("next Monday", a),
        (s("2024-01-08"), s("2024-01-08"), "day")
    );
    // The tense points ahead: "will meet on Tuesday".
    assert_eq!(
        res("on Tuesday", a.with_future(true)),
        (s("2024-01-09"), s("2024-01-09"), "day")
    );
    assert_eq!(
        res("on Friday", a.with_future(true)),
        (s("2024-01-05"), s("2024-01-05"), "day")
    );
    assert_eq!(
        res("early Monday", Anchor::at(d(2022, 7, 11))),
        (s("2022-07-11"), s("2022-07-11"), "day")
    );
    assert_eq!(
        res("Saturday", Anchor::at(d(2022, 7, 11))),
        (s("2022-07-09"), s("2022-07-09"), "day")
    );
    assert_eq!(
        res("on Sunday night", a),
        (s("2023-12-31"), s("2023-12-31"), "day")
    );
    // A weekday needs a known day.
    let m = one("on Tuesday");
    assert!(resolve(&m, Anchor::year_only(2024)).is_none());
    assert!(resolve(&m, Anchor::default()).is_none());
}

#[test]
fn year_boundaries_and_future() {
    let a = jan5();
    assert_eq!(
        res("on December 30", a.with_future(true)),
        (s("2024-12-30"), s("2024-12-30"), "day")
    );
    assert_eq!(res("in December", a), (s("2023-12"), s("2023-12"), "month"));
    assert_eq!(
        res("in December", a.with_future(true)),
        (s("2024-12"), s("2024-12"), "month")
    );
    assert_eq!(
        res("in March", a.with_future(true)),
        (s("2024-03"), s("2024-03"), "month")
    );
    assert_eq!(
        res("next January", a),
        (s("2025-01"), s("2025-01"), "month")
    );
    assert_eq!(
        res("last January", a),
        (s("2023-01"), s("2023-01"), "month")
    );
    let dec31 = Anchor::at(d(2023, 12, 31));
    assert_eq!(
        res("next week", dec31),
        (s("2024-01-01"), s("2024-01-07"), "approx")
    );
    assert_eq!(
        res("tomorrow", dec31),
        (s("2024-01-01"), s("2024-01-01"), "day")
    );
    assert_eq!(
        res("next month", dec31),
        (s("2024-01"), s("2024-01"), "month")
    );
    assert_eq!(res("next year", dec31), (s("2024"), s("2024"), "year"));
}

#[test]
fn leap_years() {
    assert_eq!(
        res("on February 29", Anchor::at(d(2024, 3, 1))),
        (s("2024-02-29"), s("2024-02-29"), "day")
    );
    // No Feb 29 in 2025: the most recent one.
    assert_eq!(
        res("on February 29", Anchor::at(d(2025, 3, 1))),
        (s("2024-02-29"), s("2024-02-29"), "day")
    );
    assert_eq!(
        res("on February 29", Anchor::at(d(2024, 2, 28))),
        (s("2020-02-29"), s("2020-02-29"), "day")
    );
    assert_eq!(
        res(
            "on February 29",
            Anchor::at(d(2023, 6, 1)).with_future(true)
        ),
        (s("2024-02-29"), s("2024-02-29"), "day")
    );
    assert_eq!(
        res("on February 29, 2024", Anchor::default()),
        (s("2024-02-29"), s("2024-02-29"), "day")
    );
    assert!(find_times("February 29, 2023").is_empty());
    assert_eq!(
        res("late February", Anchor::at(d(2024, 3, 5))),
        (s("2024-02-20"), s("2024-02-29"), "approx")
    );
    assert_eq!(
        res("late February", Anchor::at(d(2023, 3, 5))),
        (s("2023-02-20"), s("2023-02-28"), "approx")
    );
    assert_eq!(
        res("yesterday", Anchor::at(d(2024, 3, 1))),
        (s("2024-02-29"), s("2024-02-29"), "day")
    );
    assert_eq!(
        res("last month", Anchor::at(d(2024, 3, 31))),
        (s("2024-02"), s("2024-02"), "month")
    );
    assert_eq!(
        res("a month ago", Anchor::at(d(2024, 3, 31))),
        (s("2024-02-14"), s("2024-03-15"), "approx")
    );
    let base = rt("2024-02-27", "2024-02-27", Granularity::Day);
    let m = one("three days later");
    let r = resolve_relative_to(&m, &base).unwrap();
    assert_eq!(r.start.as_deref(), Some("2024-03-01"));
    let base = rt("2023-02-27", "2023-02-27", Granularity::Day);
    let r = resolve_relative_to(&m, &base).unwrap();
    assert_eq!(r.start.as_deref(), Some("2023-03-02"));
}

fn rt(start: &str, end: &str, g: Granularity) -> ResolvedTime {
    ResolvedTime {
        text: "base".into(),
        start: Some(start.into()),
        end: Some(end.into()),
        granularity: g,
    }
}

#[test]
fn relative_to_a_previous_event() {
    let dec30 = rt("2023-12-30", "2023-12-30", Granularity::Day);
    let r = resolve_relative_to(&one("a few days later"), &dec30).unwrap();
    assert_eq!(
        (r.start.as_deref(), r.end.as_deref(), r.granularity),
        (Some("2023-12-31"), Some("2024-01-04"), Granularity::Approx)
    );
    let r = resolve_relative_to(&one("two days later"), &dec30).unwrap();
    assert_eq!(
        (r.start.as_deref(), r.end.as_deref(), r.granularity),
        (Some("2024-01-01"), Some("2024-01-01"), Granularity::Day)
    );
    let r = resolve_relative_to(&one("the next day"), &dec30).unwrap();
    assert_eq!(r.start.as_deref(), Some("2023-12-31"));
    let r = resolve_relative_to(&one("later that day"), &dec30).unwrap();
    assert_eq!(r.start.as_deref(), Some("2023-12-30"));
    let r = resolve_relative_to(&one("a week later"), &dec30).unwrap();
    assert_eq!(
        (r.start.as_deref(), r.end.as_deref()),
        (Some("2024-01-03"), Some("2024-01-09"))
    );
    let r = resolve_relative_to(&one("the day before"), &dec30).unwrap();
    assert_eq!(r.start.as_deref(), Some("2023-12-29"));

    // The night before an overnight attack.
    let overnight = resolve(&one("overnight"), Anchor::at(d(2023, 1, 2))).unwrap();
    let r = resolve_relative_to(&one("the night before"), &overnight).unwrap();
    assert_eq!(
        (r.start.as_deref(), r.end.as_deref(), r.granularity),
        (Some("2022-12-31"), Some("2023-01-01"), Granularity::Approx)
    );

    // "The attack came days after the strikes": dating the strikes from the
    // attack reverses the direction.
    let sunday = resolve(&one("Sunday"), Anchor::at(d(2024, 1, 14)))
        .unwrap()
        .report_bound();
    assert_eq!(
        (sunday.start.as_deref(), sunday.end.as_deref()),
        (Some("2024-01-13"), Some("2024-01-14"))
    );
    let m = one("It came days after the strikes.");
    let r = resolve_relative_to(&m.inverse(), &sunday).unwrap();
    assert_eq!(
        (r.start.as_deref(), r.end.as_deref()),
        (Some("2024-01-07"), Some("2024-01-12"))
    );
    let r = resolve_relative_to(&m, &sunday).unwrap();
    assert_eq!(
        (r.start.as_deref(), r.end.as_deref()),
        (Some("2024-01-15"), Some("2024-01-20"))
    );

    // Shifts need a base; other expressions resolve against the base's day.
    assert!(resolve(&one("two days later"), jan5()).is_none());
    let r = resolve_relative_to(&one("on December 28"), &dec30).unwrap();
    assert_eq!(r.start.as_deref(), Some("2023-12-28"));
    let open = ResolvedTime {
        text: "x".into(),
        start: None,
        end: None,
        granularity: Granularity::Approx,
    };
    assert!(resolve_relative_to(&one("two days later"), &open).is_none());
}

#[test]
fn report_bound_and_json() {
    let r = resolve(&one("said Sunday"), Anchor::at(d(2024, 1, 14))).unwrap();
    assert_eq!(
        r.to_json(),
        r#"{"text":"Sunday","start":"2024-01-14","end":"2024-01-14","granularity":"day"}"#
    );
    assert_eq!(
        r.report_bound().to_json(),
        r#"{"text":"Sunday","start":"2024-01-13","end":"2024-01-14","granularity":"approx"}"#
    );
    let r = resolve(&one("recently"), jan5()).unwrap();
    assert_eq!(
        r.to_json(),
        r#"{"text":"recently","start":null,"end":"2024-01-05","granularity":"approx"}"#
    );
    let weird = ResolvedTime {
        text: "a \"quoted\" \\ line\nnext\ttab \u{1} \u{2028} é".into(),
        start: None,
        end: Some("2024".into()),
        granularity: Granularity::Year,
    };
    assert_eq!(
        weird.to_json(),
        "{\"text\":\"a \\\"quoted\\\" \\\\ line\\nnext\\ttab \\u0001 \\u2028 é\",\"start\":null,\"end\":\"2024\",\"granularity\":\"year\"}"
    );
    assert_eq!(weird.end_date(), Some(d(2024, 12, 31)));
    assert_eq!(weird.start_date(), None);
}

// ---------------------------------------------------------------- anchors

#[test]
fn anchor_from_metadata() {
    let a = document_anchor("Nothing dated here.", Some("2024-01-05"));
    assert_eq!(a.published, Some(d(2024, 1, 5)));
    let a = document_anchor("Nothing dated here.", Some("2024-01-05T09:30:00+02:00"));
    assert_eq!(a.published, Some(d(2024, 1, 5)));
    assert_eq!(a.year, Some(2024));
    let a = document_anchor("Nothing dated here.", Some("not a date"));
    assert_eq!(a.published, None);
}

#[test]
fn anchor_from_dateline() {
    let a = document_anchor(
        "Remarks at the Council\n\nMarch 3, 2024\n\nThank you. On March 1 the launch ...",
        None,
    );
    assert_eq!(a.published, Some(d(2024, 3, 3)));
    let a = document_anchor(
        "Headline\n\n- April 9, 2022\n- Content Type Package\n",
        None,
    );
    assert_eq!(a.published, Some(d(2022, 4, 9)));
    let a = document_anchor(
        "Headline\nJune 9, 2023 | By A. Writer, Desk News\n\nThe ministry today ...",
        None,
    );
    assert_eq!(a.published, Some(d(2023, 6, 9)));
    let a = document_anchor(
        "WASHINGTON, November 29, 2024 - The department approved a sale.",
        None,
    );
    assert_eq!(a.published, Some(d(2024, 11, 29)));
    let a = document_anchor(
        "KYIV, Ukraine, Jan. 5 (Wire) - Drones struck overnight.\n\n\u{a9} 2024 Wire Services",
        None,
    );
    assert_eq!(a.published, Some(d(2024, 1, 5)));
    // A date inside a caption sentence is no dateline.
    let a = document_anchor(
        "A photo taken on April 29, 2015, shows the ship in port.",
        None,
    );
    assert_eq!(a.published, None);
    assert_eq!(a.latest, Some(d(2015, 4, 29)));
}

#[test]
fn unknown_publication_story_order() {
    // Copyright year only: the January date ends the story, the December
    // date is the year before.
    let text = "Officials confirmed the link. In September, reports said envoys had met.\n\n\
                On January 4, a spokesman said a missile was fired on December 30. More \
                followed a few days later.\n\nCopyright 2024, Example News";
    let a = document_anchor(text, None);
    assert_eq!(a.published, None);
    assert_eq!(a.year, Some(2024));
    assert_eq!(a.reference, Some(d(2024, 1, 4)));
    let got: Vec<(String, Option<String>)> = find_times(text)
        .iter()
        .filter_map(|m| resolve(m, a).map(|r| (m.text.clone(), r.start)))
        .collect();
    assert_eq!(
        got,
        [
            ("In September".to_string(), s("2023-09")),
            ("January 4".to_string(), s("2024-01-04")),
            ("December 30".to_string(), s("2023-12-30")),
        ]
    );

    // "\u{a9} 2023" and dates that do not wrap: all in 2023.
    let text = "On March 3 the plant was hit; on March 9 it was hit again. \u{a9} 2023 Desk";
    let a = document_anchor(text, None);
    assert_eq!(a.reference, Some(d(2023, 3, 9)));

    // A full date elsewhere: bare dates go to the year that puts them
    // nearest to it ("January 6" after "November 1, 2024" is in 2025).
    let text = "A video released on November 1, 2024 showed a launcher. The January 6 launch \
                was condemned. In March, a veto ended the panel.";
    let a = document_anchor(text, None);
    assert_eq!(a.published, None);
    assert_eq!(a.latest, Some(d(2024, 11, 1)));
    assert_eq!(a.reference, Some(d(2025, 1, 6)));
    let ms = find_times(text);
    let jan6 = ms.iter().find(|m| m.text == "January 6").unwrap();
    assert_eq!(
        resolve(jan6, a).unwrap().start.as_deref(),
        Some("2025-01-06")
    );
    let march = ms.iter().find(|m| m.text == "In March").unwrap();
    assert_eq!(resolve(march, a).unwrap().start.as_deref(), Some("2024-03"));

    // Nothing to go on: bare dates do not resolve, full dates do.
    let text = "On May 9 troops paraded; on May 9, 2023 they had too.";
    let a = document_anchor(text, None);
    let ms = find_times(text);
    assert_eq!(a.reference, Some(d(2023, 5, 9)));
    let a0 = Anchor::default();
    assert!(resolve(&ms[0], a0).is_none());
    assert_eq!(
        resolve(&ms[1], a0).unwrap().start.as_deref(),
        Some("2023-05-09")
    );
    // Only a year: bare dates and months fall in it.
    assert_eq!(
        resolve(&ms[0], Anchor::year_only(2021))
            .unwrap()
            .start
            .as_deref(),
        Some("2021-05-09")
    );
}

#[test]
fn extreme_anchors_do_not_panic() {
    let text = "today, tomorrow, yesterday, next year, last year, next week, last winter, \
                next spring, in December, on January 1, next Friday, in the coming weeks, \
                three years ago, a decade ago, the first quarter, this year, late this month";
    let ms = find_times(text);
    assert!(ms.len() >= 15, "{ms:#?}");
    let bad = Date {
        year: i32::MAX,
        month: 13,
        day: 40,
    };
    for a in [
        Anchor::at(d(9999, 12, 31)),
        Anchor::at(d(1, 1, 1)),
        Anchor::at(d(1, 1, 1)).with_future(true),
        Anchor::at(d(9999, 12, 31)).with_future(true),
        Anchor {
            published: Some(bad),
            year: Some(i32::MIN),
            latest: Some(bad),
            reference: Some(bad),
            future: false,
        },
        Anchor::year_only(i32::MAX),
    ] {
        for m in &ms {
            let _ = resolve(m, a);
        }
    }
    let mut m = one("in 2022");
    m.expr = TimeExpr::Year {
        year: i32::MAX,
        part: Part::Late,
    };
    assert!(resolve(&m, jan5()).is_none());
    m.expr = TimeExpr::Date(bad);
    assert!(resolve(&m, jan5()).is_none());
    m.expr = TimeExpr::Ago {
        unit: Unit::Year,
        count: Count::Exact(u32::MAX),
    };
    assert!(resolve(&m, jan5()).is_some());
    m.expr = TimeExpr::Shift {
        unit: Unit::Month,
        count: Count::Exact(u32::MAX),
        dir: Dir::Earlier,
    };
    assert!(resolve_relative_to(&m, &rt("2024-01-01", "2024-01-01", Granularity::Day)).is_some());
    let garbage = ResolvedTime {
        text: String::new(),
        start: Some("99999999999-99".into()),
        end: Some("x".into()),
        granularity: Granularity::Day,
    };
    assert!(resolve_relative_to(&m, &garbage).is_none());
}

#[test]
fn holidays_on_fixed_days() {
    assert_eq!(
        texts("Missiles hit Kyiv on Christmas Day and again on New Year\u{2019}s Eve."),
        ["Christmas Day", "New Year\u{2019}s Eve"]
    );
    assert_eq!(
        res("The strike came on Christmas Day.", jan5()),
        (s("2023-12-25"), s("2023-12-25"), "day")
    );
    assert_eq!(
        res("Talks resumed on New Year's Day.", jan5()),
        (s("2024-01-01"), s("2024-01-01"), "day")
    );
}
