//! Quantities and money. Every sentence here is invented for the test.

use tidings_annotate::quantity::{
    find_money, find_quantities, find_quantities_with, QuantityKind, QuantityMention,
};

/// (text, value, qualifier) of every quantity.
fn qs(text: &str) -> Vec<(String, Option<f64>, Option<&'static str>)> {
    find_quantities(text)
        .into_iter()
        .map(|q| (text[q.start..q.end].to_string(), q.value, q.qualifier))
        .collect()
}

fn one(text: &str) -> QuantityMention {
    let v = find_quantities(text);
    assert_eq!(v.len(), 1, "{text:?} gave {v:#?}");
    v.into_iter().next().unwrap()
}

fn span(text: &str, q: &QuantityMention) -> String {
    text[q.start..q.end].to_string()
}

#[test]
fn digits() {
    for (text, want, value) in [
        ("Seoul said the North fired 82 missiles.", "82", 82.0),
        ("They sent 1,000 drones.", "1,000", 1000.0),
        ("The army has 12,500 troops there.", "12,500", 12500.0),
        ("They fired 1.5 million rounds.", "1.5 million", 1_500_000.0),
        (
            "They fired 2.1bn rounds in total.",
            "2.1bn",
            2_100_000_000.0,
        ),
        ("About 3k volunteers joined.", "About 3k", 3000.0),
        ("The 40 Shahed drones were destroyed.", "40", 40.0),
        ("A 2,000-strong force crossed the river.", "2,000", 2000.0),
    ] {
        let q = one(text);
        assert_eq!(span(text, &q), want, "{text}");
        assert_eq!(q.value, Some(value), "{text}");
        assert_eq!(q.kind, QuantityKind::Count, "{text}");
    }
}

#[test]
fn words() {
    for (text, want, value) in [
        ("Eighty-two missiles were fired.", "Eighty-two", 82.0),
        ("Two launchers were seen.", "Two", 2.0),
        ("They shot down a dozen drones.", "a dozen", 12.0),
        ("They shot down two dozen drones.", "two dozen", 24.0),
        ("Half a dozen boats sank.", "Half a dozen", 6.0),
        (
            "It delivered six million shells.",
            "six million",
            6_000_000.0,
        ),
        (
            "Some two hundred and fifty troops left.",
            "Some two hundred and fifty",
            250.0,
        ),
        (
            "One hundred thousand people fled.",
            "One hundred thousand",
            100_000.0,
        ),
        ("A hundred tanks were lost.", "A hundred", 100.0),
        ("Russia launched one of those missiles.", "one", 1.0),
        (
            "They sent eighty-two (82) armored vehicles.",
            "eighty-two (82)",
            82.0,
        ),
        (
            "Twenty-one thousand five hundred rounds arrived.",
            "Twenty-one thousand five hundred",
            21_500.0,
        ),
    ] {
        let q = one(text);
        assert_eq!(span(text, &q), want, "{text}");
        assert_eq!(q.value, Some(value), "{text}");
    }
}

#[test]
fn vague_amounts() {
    for (text, want, qual) in [
        ("Hundreds of drones were launched.", "Hundreds", "hundreds"),
        ("Thousands of troops massed.", "Thousands", "thousands"),
        (
            "Tens of thousands of shells arrived.",
            "Tens of thousands",
            "thousands",
        ),
        (
            "Hundreds of thousands of rounds arrived.",
            "Hundreds of thousands",
            "thousands",
        ),
        ("Dozens of UAVs were sold.", "Dozens", "dozens"),
        ("Scores of civilians fled.", "Scores", "dozens"),
        (
            "It provided several ballistic missiles.",
            "several",
            "several",
        ),
        ("A few launchers were seen.", "A few", "several"),
        (
            "Several hundred troops crossed.",
            "Several hundred",
            "hundreds",
        ),
        ("A few dozen drones flew in.", "A few dozen", "dozens"),
        ("A number of firms were listed.", "A number", "several"),
        ("Multiple launches were detected.", "Multiple", "several"),
    ] {
        let q = one(text);
        assert_eq!(span(text, &q), want, "{text}");
        assert_eq!(q.value, None, "{text}");
        assert_eq!(q.qualifier, Some(qual), "{text}");
    }
}

#[test]
fn qualifiers() {
    for (text, want, value, qual) in [
        ("At least 15 people died.", "At least 15", 15.0, "at least"),
        (
            "No fewer than 20 ships docked.",
            "No fewer than 20",
            20.0,
            "at least",
        ),
        (
            "It sent more than 12,000 troops.",
            "more than 12,000",
            12000.0,
            "more than",
        ),
        (
            "It conducted over 100 launches.",
            "over 100",
            100.0,
            "more than",
        ),
        (
            "It sent well over 100 missiles.",
            "well over 100",
            100.0,
            "more than",
        ),
        (
            "Losses are in excess of 300 tanks.",
            "in excess of 300",
            300.0,
            "more than",
        ),
        (
            "Upwards of 40 drones flew.",
            "Upwards of 40",
            40.0,
            "more than",
        ),
        ("About 30 targets were hit.", "About 30", 30.0, "about"),
        ("Around 30 targets were hit.", "Around 30", 30.0, "about"),
        ("Roughly 30 targets were hit.", "Roughly 30", 30.0, "about"),
        (
            "Approximately 30 targets were hit.",
            "Approximately 30",
            30.0,
            "about",
        ),
        (
            "Some 1.2 million people fled.",
            "Some 1.2 million",
            1_200_000.0,
            "about",
        ),
        ("Nearly 500 were wounded.", "Nearly 500", 500.0, "about"),
        ("Almost 40 were wounded.", "Almost 40", 40.0, "about"),
        ("An estimated 70 died.", "An estimated 70", 70.0, "about"),
        ("Up to 40 drones may be sent.", "Up to 40", 40.0, "up to"),
        (
            "As many as two dozen people are trapped.",
            "As many as two dozen",
            24.0,
            "up to",
        ),
        ("Fewer than 10 remain.", "Fewer than 10", 10.0, "up to"),
        (
            "It can hold 100 or more troops.",
            "100 or more",
            100.0,
            "at least",
        ),
        ("It can hold 100 or so troops.", "100 or so", 100.0, "about"),
        ("It fired 100+ rockets.", "100+", 100.0, "more than"),
    ] {
        let q = one(text);
        assert_eq!(span(text, &q), want, "{text}");
        assert_eq!(q.value, Some(value), "{text}");
        assert_eq!(q.qualifier, Some(qual), "{text}");
    }
}

#[test]
fn ranges() {
    let q = one("They fired 10-12 drones.");
    assert_eq!(
        (q.value, q.high, q.qualifier),
        (Some(10.0), Some(12.0), Some("at least"))
    );
    let q = one("They fired 10 to 12 drones.");
    assert_eq!((q.value, q.high), (Some(10.0), Some(12.0)));
    let q = one("They fired between 10 and 12 drones.");
    assert_eq!(
        span("They fired between 10 and 12 drones.", &q),
        "between 10 and 12"
    );
    assert_eq!((q.value, q.high), (Some(10.0), Some(12.0)));
    let q = one("It fired 1-2 million rounds.");
    assert_eq!((q.value, q.high), (Some(1_000_000.0), Some(2_000_000.0)));
}

#[test]
fn kinds() {
    let q = one("Prices rose 50% in a year.");
    assert_eq!(
        (q.kind, span("Prices rose 50% in a year.", &q).as_str()),
        (QuantityKind::Percent, "50%")
    );
    assert_eq!(
        one("It took back 50 percent of the land.").kind,
        QuantityKind::Percent
    );
    assert_eq!(
        one("It took back 50 per cent of the land.").kind,
        QuantityKind::Percent
    );
    assert_eq!(
        one("The town is about 20 kilometers away.").kind,
        QuantityKind::Measure
    );
    assert_eq!(one("A 300m bridge was hit.").kind, QuantityKind::Measure);
    assert_eq!(
        one("The siege lasted three days.").kind,
        QuantityKind::Duration
    );
    assert_eq!(one("They sent 5 tons of aid.").kind, QuantityKind::Measure);
}

#[test]
fn article_one() {
    let text = "Kim seeks a fighter plane and an air defense system.";
    assert!(find_quantities(text).is_empty());
    let v = find_quantities_with(text, true);
    assert_eq!(v.len(), 2);
    assert!(v.iter().all(|q| q.value == Some(1.0)));
    assert_eq!(&text[v[1].start..v[1].end], "an");
    // Not an article of one: "a few", "a lot", "a.m.", "a dozen" (twelve).
    let text = "A few left at 10 a.m. and a lot stayed; a dozen came.";
    let v = find_quantities_with(text, true);
    let got: Vec<_> = v.iter().map(|q| (&text[q.start..q.end], q.value)).collect();
    assert_eq!(got, [("A few", None), ("a dozen", Some(12.0))]);
}

#[test]
fn not_quantities() {
    for text in [
        "Ukraine wants more F-16 jets.",
        "The KN-23 is a short-range missile.",
        "A Hwasong-18 was launched.",
        "The Su-35 and the S-400 were shown.",
        "Crews fired the M1A1 and the MiG-29.",
        "The 9M723 missile flew low.",
        "Resolution 2231 restricts transfers.",
        "See No. 5 in the annex.",
        "The launch on December 30, 2023 was detected.",
        "The plan was adopted in 2022.",
        "It started at 10:30 a.m. sharp.",
        "The 30th brigade moved.",
        "Critics cite a 2023 law.",
        "No one was hurt; they blamed one another.",
        "Copyright 2024 Example News",
        "The package is worth $2.1 billion.",
        "Two days later the talks resumed.",
        "It is VIRIN: 220914-F-QD077-2065Y.",
        "Under Public Law 96-8 the sale is allowed.",
        "2024, here we come.",
    ] {
        assert!(
            find_quantities(text).is_empty(),
            "{text:?} gave {:#?}",
            qs(text)
        );
    }
}

#[test]
fn money() {
    for (text, want, amount, cur, qual) in [
        (
            "The package is worth $2.1 billion.",
            "$2.1 billion",
            2_100_000_000.0,
            "USD",
            None,
        ),
        (
            "It costs US$500 million.",
            "US$500 million",
            500_000_000.0,
            "USD",
            None,
        ),
        (
            "It costs U.S.$10 million.",
            "U.S.$10 million",
            10_000_000.0,
            "USD",
            None,
        ),
        (
            "Brussels pledged \u{20ac}1.2bn.",
            "\u{20ac}1.2bn",
            1_200_000_000.0,
            "EUR",
            None,
        ),
        (
            "London gave \u{a3}300m in aid.",
            "\u{a3}300m",
            300_000_000.0,
            "GBP",
            None,
        ),
        (
            "It gave 1 billion dollars.",
            "1 billion dollars",
            1_000_000_000.0,
            "USD",
            None,
        ),
        (
            "The sale is valued at $4.05 billion.",
            "$4.05 billion",
            4_050_000_000.0,
            "USD",
            None,
        ),
        (
            "Berlin added 50 million euros.",
            "50 million euros",
            50_000_000.0,
            "EUR",
            None,
        ),
        (
            "Tokyo set aside \u{a5}2 trillion.",
            "\u{a5}2 trillion",
            2_000_000_000_000.0,
            "JPY",
            None,
        ),
        (
            "Moscow spent 500 million rubles.",
            "500 million rubles",
            500_000_000.0,
            "RUB",
            None,
        ),
        (
            "Kyiv raised 1.5 billion hryvnias.",
            "1.5 billion hryvnias",
            1_500_000_000.0,
            "UAH",
            None,
        ),
        (
            "Seoul budgeted \u{20a9}3 trillion.",
            "\u{20a9}3 trillion",
            3_000_000_000_000.0,
            "KRW",
            None,
        ),
        (
            "Seoul budgeted 3 trillion won.",
            "3 trillion won",
            3_000_000_000_000.0,
            "KRW",
            None,
        ),
        (
            "Beijing lent 10 billion yuan.",
            "10 billion yuan",
            10_000_000_000.0,
            "CNY",
            None,
        ),
        (
            "It costs USD 5 million.",
            "USD 5 million",
            5_000_000.0,
            "USD",
            None,
        ),
        (
            "It costs 5 million USD.",
            "5 million USD",
            5_000_000.0,
            "USD",
            None,
        ),
        (
            "Canberra gave A$50 million.",
            "A$50 million",
            50_000_000.0,
            "AUD",
            None,
        ),
        (
            "Ottawa gave 20 million Canadian dollars.",
            "20 million Canadian dollars",
            20_000_000.0,
            "CAD",
            None,
        ),
        (
            "It paid 50 million U.S. dollars.",
            "50 million U.S. dollars",
            50_000_000.0,
            "USD",
            None,
        ),
        (
            "It paid 500 million pounds.",
            "500 million pounds",
            500_000_000.0,
            "GBP",
            None,
        ),
        (
            "It paid a billion dollars.",
            "a billion dollars",
            1_000_000_000.0,
            "USD",
            None,
        ),
        (
            "It paid two billion dollars.",
            "two billion dollars",
            2_000_000_000.0,
            "USD",
            None,
        ),
        (
            "Aid reached more than $39.7 billion.",
            "more than $39.7 billion",
            39_700_000_000.0,
            "USD",
            Some("more than"),
        ),
        (
            "It is valued at up to $2.1 billion.",
            "up to $2.1 billion",
            2_100_000_000.0,
            "USD",
            Some("up to"),
        ),
        (
            "It will provide $128 million worth of arms.",
            "$128 million",
            128_000_000.0,
            "USD",
            None,
        ),
        (
            "The fund holds $500,000.",
            "$500,000",
            500_000.0,
            "USD",
            None,
        ),
    ] {
        let v = find_money(text);
        assert_eq!(v.len(), 1, "{text:?} gave {v:#?}");
        let m = &v[0];
        assert_eq!(&text[m.start..m.end], want, "{text}");
        assert_eq!(m.amount, amount, "{text}");
        assert_eq!(m.currency, cur, "{text}");
        assert_eq!(m.qualifier, qual, "{text}");
        assert!(
            find_quantities(text).is_empty(),
            "{text:?}: money is not a quantity: {:?}",
            qs(text)
        );
    }
    let v = find_money("The range is $1-2 billion.");
    assert_eq!(
        (v[0].amount, v[0].high, v[0].qualifier),
        (1e9, Some(2e9), Some("at least"))
    );
    for text in [
        "The bomb held 300 pounds of explosives.",
        "The party won 300 seats.",
        "They fired 82 missiles.",
        "The F-16 costs a lot.",
    ] {
        assert!(
            find_money(text).is_empty(),
            "{text:?} gave {:#?}",
            find_money(text)
        );
    }
}
