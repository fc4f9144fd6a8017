//! No panics on any input: random bytes, random soups of the scanners' own
//! trigger words, huge numbers. Spans must be on character boundaries, in
//! order and without overlaps.

use tidings_annotate::quantity::{find_money, find_quantities_with};
use tidings_annotate::time::{
    document_anchor, find_times, resolve, resolve_relative_to, Anchor, Date,
};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn check_spans(text: &str, spans: &[(usize, usize)]) {
    let mut last = 0;
    for &(s, e) in spans {
        assert!(s < e && e <= text.len(), "bad span {s}..{e} in {text:?}");
        assert!(s >= last, "overlap at {s} in {text:?}");
        assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
        last = e;
    }
}

fn exercise(text: &str) {
    let ms = find_times(text);
    check_spans(
        text,
        &ms.iter().map(|m| (m.start, m.end)).collect::<Vec<_>>(),
    );
    for m in &ms {
        assert_eq!(&text[m.start..m.end], m.text);
    }
    let anchors = [
        document_anchor(text, None),
        document_anchor(text, Some("2024-02-29")),
        Anchor::at(Date::new(2024, 1, 5).unwrap()),
        Anchor::at(Date::new(9999, 12, 31).unwrap()).with_future(true),
        Anchor::at(Date::new(1, 1, 1).unwrap()),
        Anchor::year_only(2023),
        Anchor::default(),
    ];
    let mut prev = None;
    for m in &ms {
        for a in anchors {
            if let Some(r) = resolve(m, a) {
                let _ = r.to_json();
                let _ = r.report_bound();
                prev = Some(r);
            }
        }
        if let Some(b) = &prev {
            let _ = resolve_relative_to(m, b);
            let _ = resolve_relative_to(&m.inverse(), b);
        }
    }
    for flag in [false, true] {
        let qs = find_quantities_with(text, flag);
        check_spans(
            text,
            &qs.iter().map(|q| (q.start, q.end)).collect::<Vec<_>>(),
        );
        for q in &qs {
            assert!(!matches!(q.value, Some(v) if !(v.is_finite() && v >= 0.0)));
        }
    }
    let money = find_money(text);
    check_spans(
        text,
        &money.iter().map(|q| (q.start, q.end)).collect::<Vec<_>>(),
    );
    for m in &money {
        assert!(m.amount.is_finite());
    }
}

#[test]
fn random_bytes() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..300 {
        let len = rng.below(400);
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        exercise(&String::from_utf8_lossy(&bytes));
    }
}

#[test]
fn random_ascii_and_symbols() {
    let alphabet: Vec<char> =
        "abcDEF 0123456789 ,.-/:$%+()'\n\u{20ac}\u{a3}\u{a5}\u{2019}\u{2013}\u{a9}\u{a0}Q"
            .chars()
            .collect();
    let mut rng = Rng(42);
    for _ in 0..500 {
        let len = rng.below(200);
        let s: String = (0..len)
            .map(|_| alphabet[rng.below(alphabet.len())])
            .collect();
        exercise(&s);
    }
}

#[test]
fn random_word_soup() {
    let words = [
        "December",
        "Dec",
        ".",
        "30",
        ",",
        "2023",
        "-",
        "29",
        "to",
        "from",
        "between",
        "and",
        "last",
        "next",
        "this",
        "week",
        "weeks",
        "month",
        "year",
        "years",
        "ago",
        "later",
        "after",
        "before",
        "the",
        "night",
        "day",
        "days",
        "a",
        "few",
        "several",
        "two",
        "eighty",
        "-",
        "two",
        "(",
        "82",
        ")",
        "$",
        "US",
        "\u{20ac}",
        "billion",
        "bn",
        "m",
        "million",
        "dollars",
        "euros",
        "pounds",
        "won",
        "at",
        "least",
        "more",
        "than",
        "over",
        "up",
        "as",
        "many",
        "about",
        "some",
        "hundreds",
        "of",
        "thousands",
        "tens",
        "dozen",
        "dozens",
        "since",
        "until",
        "by",
        "in",
        "on",
        "early",
        "mid",
        "late",
        "end",
        "beginning",
        "Tuesday",
        "Sunday",
        "Times",
        "May",
        "March",
        "may",
        "spring",
        "winter",
        "fall",
        "Q",
        "3",
        "first",
        "quarter",
        "half",
        "so",
        "far",
        "date",
        "today",
        "yesterday",
        "overnight",
        "recently",
        "recent",
        "just",
        "coming",
        "past",
        "future",
        "10",
        ":",
        "30",
        "a.m.",
        "GMT",
        "F-16",
        "KN-23",
        "Hwasong-18",
        "12/30/2023",
        "2023-12-30",
        "4/8/22",
        "30th",
        "%",
        "percent",
        "or",
        "more",
        "+",
        "odd",
        "999999999999999999999999999999",
        "0",
        "Copyright",
        "\u{a9}",
        "WASHINGTON",
        "\n",
        "\n\n",
        "later",
        "that",
        "same",
        "following",
        "previous",
        "earlier",
        "Monday",
        "morning",
        "February",
        "29",
        "31",
        "9999",
        "1000",
    ];
    let mut rng = Rng(7);
    for _ in 0..3000 {
        let n = 1 + rng.below(25);
        let mut s = String::new();
        for _ in 0..n {
            let w = words[rng.below(words.len())];
            s.push_str(w);
            if rng.below(4) != 0 {
                s.push(' ');
            }
        }
        exercise(&s);
    }
}

#[test]
fn huge_numbers() {
    let text = "They fired 999999999999999999999 missiles.";
    let q = find_quantities_with(text, false);
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].value, Some(999_999_999_999_999_999_999.0));

    let big = format!(
        "They fired {} missiles and ${} billion.",
        "9".repeat(400),
        "9".repeat(400)
    );
    let q = find_quantities_with(&big, false);
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].value, None, "too large to represent");
    assert!(find_money(&big).is_empty());
    exercise(&big);

    let money = find_money("It costs $99999999999999999999999999999999999999999 trillion.");
    assert!(money.iter().all(|m| m.amount.is_finite()));
    exercise("On December 99999999999999999999, 99999999999999999 days later, in 99999.");
    exercise(&"1,000,".repeat(2000));
    exercise(&"twenty-".repeat(2000));
    exercise(&"thousand ".repeat(3000));
    exercise(&"the ".repeat(3000));
    exercise(&"December 30, ".repeat(1000));
    exercise("");
    exercise("\u{feff}");
    exercise("a");
    exercise("$");
    exercise("30th");
}
