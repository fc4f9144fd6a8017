//! Tests of segmentation, on invented news-style text.

use super::tokenize::is_separator;
use super::*;

fn toks(text: &str) -> Vec<&str> {
    let seg = segment(text);
    check(text, &seg);
    seg.tokens.iter().map(|t| t.text(text)).collect()
}

fn sents(text: &str) -> Vec<&str> {
    let seg = segment(text);
    check(text, &seg);
    seg.sentences
        .iter()
        .map(|s| &text[s.start..s.end])
        .collect()
}

/// The surface tokens with multiword groups joined by "+".
fn groups(text: &str) -> Vec<String> {
    let seg = segment(text);
    check(text, &seg);
    let mut out: Vec<String> = Vec::new();
    for (i, t) in seg.tokens.iter().enumerate() {
        match t.mwt {
            Some(f) if f != i => {
                let last = out.last_mut().unwrap();
                last.push('+');
                last.push_str(t.text(text));
            }
            _ => out.push(t.text(text).to_string()),
        }
    }
    out
}

/// Checks every structural invariant of a segmentation.
fn check(text: &str, seg: &Segmentation) {
    let mut prev_end = 0;
    for (i, t) in seg.tokens.iter().enumerate() {
        assert!(t.start < t.end, "empty token {t:?}");
        assert!(t.start >= prev_end, "overlap at {i}");
        assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
        assert!(t.end - t.start <= MAX_TOKEN_BYTES, "token too long");
        assert!(
            !t.text(text).chars().any(is_separator),
            "token spans whitespace: {:?}",
            t.text(text)
        );
        if let Some(f) = t.mwt {
            assert!(f <= i);
            assert_eq!(
                seg.tokens[f].mwt,
                Some(f),
                "group must start at its first token"
            );
            if f < i {
                assert_eq!(seg.tokens[i - 1].end, t.start, "group pieces must touch");
                assert!(seg.tokens[i - 1].mwt == Some(f));
            }
        }
        prev_end = t.end;
    }
    let mut next_tok = 0;
    for (si, s) in seg.sentences.iter().enumerate() {
        assert_eq!(s.tokens.start, next_tok, "sentences must tile tokens");
        assert!(!s.tokens.is_empty());
        assert!(s.tokens.len() <= MAX_SENTENCE_TOKENS);
        assert_eq!(s.start, seg.tokens[s.tokens.start].start);
        assert_eq!(s.end, seg.tokens[s.tokens.end - 1].end);
        assert!(seg.paragraphs[s.paragraph].contains(&si));
        // A multiword group never straddles a sentence boundary.
        if let Some(f) = seg.tokens[s.tokens.start].mwt {
            assert_eq!(f, s.tokens.start);
        }
        next_tok = s.tokens.end;
    }
    assert_eq!(next_tok, seg.tokens.len());
    let mut next_sent = 0;
    for p in &seg.paragraphs {
        assert_eq!(p.start, next_sent, "paragraphs must tile sentences");
        assert!(!p.is_empty());
        next_sent = p.end;
    }
    assert_eq!(next_sent, seg.sentences.len());
}

#[test]
fn empty_and_whitespace() {
    for text in ["", " ", "\n\n\n", " \t\r\n \u{A0}\u{2028}\u{2029}\u{FEFF} "] {
        let seg = segment(text);
        check(text, &seg);
        assert!(seg.tokens.is_empty() && seg.sentences.is_empty() && seg.paragraphs.is_empty());
    }
}

#[test]
fn abbreviations_and_initials() {
    let text = "Mr. Alvarez met Dr. Okafor and Gen. Lt. Sen. Rep. Mrs. Brandt at 9 a.m. on Dec. 4. They spoke until 5 p.m. \
                The firms Acme Inc. and Borel Corp. agreed, e.g. on prices, i.e. all of them, etc. But J. R. Ewing was not there.";
    assert_eq!(
        sents(text),
        vec![
            "Mr. Alvarez met Dr. Okafor and Gen. Lt. Sen. Rep. Mrs. Brandt at 9 a.m. on Dec. 4.",
            "They spoke until 5 p.m.",
            "The firms Acme Inc. and Borel Corp. agreed, e.g. on prices, i.e. all of them, etc.",
            "But J. R. Ewing was not there.",
        ]
    );
    // Before a name or a weekday, an abbreviation does not end the sentence.
    assert_eq!(
        sents("They meet at 5 p.m. Tuesday with Acme Inc. President Jo Ruiz."),
        vec!["They meet at 5 p.m. Tuesday with Acme Inc. President Jo Ruiz."]
    );
    let t = toks(text);
    for abbr in [
        "Mr.", "Dr.", "Gen.", "Lt.", "Sen.", "Rep.", "Mrs.", "a.m.", "Dec.", "p.m.", "Inc.",
        "Corp.", "e.g.", "i.e.", "etc.", "J.", "R.",
    ] {
        assert!(t.contains(&abbr), "{abbr} missing from {t:?}");
    }
    assert_eq!(
        toks("Jr. St. No. 5 U.S. U.K. Ltd."),
        vec!["Jr.", "St.", "No.", "5", "U.S.", "U.K.", "Ltd."]
    );
    // An abbreviation that may end a sentence does so before a typical start.
    assert_eq!(
        sents("Talks began in the U.S. The talks failed."),
        vec!["Talks began in the U.S.", "The talks failed."]
    );
    assert_eq!(
        sents("The U.S. Senate voted."),
        vec!["The U.S. Senate voted."]
    );
    // "No." is a word when no number follows.
    assert_eq!(toks("No. Never."), vec!["No", ".", "Never", "."]);
}

#[test]
fn numbers_and_money() {
    assert_eq!(
        toks("Sales rose 10% to $4.05 billion, or 1,000 units, by 10:30 on 12/30/2023."),
        vec![
            "Sales",
            "rose",
            "10",
            "%",
            "to",
            "$",
            "4.05",
            "billion",
            ",",
            "or",
            "1,000",
            "units",
            ",",
            "by",
            "10:30",
            "on",
            "12/30/2023",
            "."
        ]
    );
    assert_eq!(
        toks("a 5.56mm round, 3.5 km away, at 10am"),
        vec!["a", "5.56", "mm", "round", ",", "3.5", "km", "away", ",", "at", "10", "am"]
    );
    assert_eq!(
        toks("the 1990s and the 21st century"),
        vec!["the", "1990s", "and", "the", "21st", "century"]
    );
    assert_eq!(
        toks("call 555-867-5309 or 867-5309, pages 5-10"),
        vec![
            "call",
            "555-867-5309",
            "or",
            "867-5309",
            ",",
            "pages",
            "5",
            "-",
            "10"
        ]
    );
    assert_eq!(
        toks("It fell 0.5 points (to -3)."),
        vec!["It", "fell", "0.5", "points", "(", "to", "-", "3", ")", "."]
    );
}

#[test]
fn quotes_dashes_and_brackets() {
    let text = "\"We will rebuild,\" the mayor said. “It’s over.” Then she left — quickly — and (briefly) paused... Really?!";
    assert_eq!(
        toks(text),
        vec![
            "\"", "We", "will", "rebuild", ",", "\"", "the", "mayor", "said", ".", "“", "It", "’s",
            "over", ".", "”", "Then", "she", "left", "—", "quickly", "—", "and", "(", "briefly",
            ")", "paused", "...", "Really", "?!"
        ]
    );
    assert_eq!(
        sents(text),
        vec![
            "\"We will rebuild,\" the mayor said.",
            "“It’s over.”",
            "Then she left — quickly — and (briefly) paused...",
            "Really?!"
        ]
    );
    assert_eq!(
        toks("It was--frankly--bad"),
        vec!["It", "was", "--", "frankly", "--", "bad"]
    );
    assert_eq!(
        toks("prices—and wages–rose"),
        vec!["prices", "—", "and", "wages", "–", "rose"]
    );
    assert_eq!(
        toks("WASHINGTON (AP) -"),
        vec!["WASHINGTON", "(", "AP", ")", "-"]
    );
    assert_eq!(
        toks("'Fine,' he said"),
        vec!["'", "Fine", ",", "'", "he", "said"]
    );
    assert_eq!(
        sents("He said \"no.\" She agreed."),
        vec!["He said \"no.\"", "She agreed."]
    );
    assert_eq!(sents("\"Why?\" he asked."), vec!["\"Why?\" he asked."]);
}

#[test]
fn hyphens_follow_ud_english() {
    assert_eq!(
        toks("a search-engine firm"),
        vec!["a", "search", "-", "engine", "firm"]
    );
    assert_eq!(
        toks("e-mail the co-founder of a non-profit"),
        vec!["e-mail", "the", "co-founder", "of", "a", "non-profit"]
    );
    assert_eq!(toks("U.S.-led talks"), vec!["U.S.", "-", "led", "talks"]);
    assert_eq!(toks("she st- stopped"), vec!["she", "st-", "stopped"]);
}

#[test]
fn clitics_are_multiword_tokens() {
    assert_eq!(
        groups("Russia's envoy said they don't, can't and won't; I'm sure they're ready, we've heard he'll go and I'd stay."),
        vec![
            "Russia+'s", "envoy", "said", "they", "do+n't", ",", "ca+n't", "and", "wo+n't", ";", "I+'m", "sure", "they+'re", "ready", ",",
            "we+'ve", "heard", "he+'ll", "go", "and", "I+'d", "stay", "."
        ]
    );
    assert_eq!(
        groups("We cannot, dont and cant"),
        vec!["We", "can+not", ",", "do+nt", "and", "ca+nt"]
    );
    assert_eq!(
        groups("She’s sure it doesn’t matter"),
        vec!["She+’s", "sure", "it", "does+n’t", "matter"]
    );
    assert_eq!(
        groups("the ministers' votes; they shouldn't've"),
        vec!["the", "ministers+'", "votes", ";", "they", "should+n't+'ve"]
    );
    assert_eq!(
        groups("O'Brien, o'clock, rock'n'roll"),
        vec!["O'Brien", ",", "o'clock", ",", "rock'n'roll"]
    );
    assert_eq!(
        groups("gonna wanna gotta"),
        vec!["gon+na", "wan+na", "got+ta"]
    );
    // MWT indices point at the first piece of the group.
    let text = "Kyiv's mayor";
    let seg = segment(text);
    assert_eq!(seg.tokens[0].mwt, Some(0));
    assert_eq!(seg.tokens[1].mwt, Some(0));
    assert_eq!(seg.tokens[2].mwt, None);
    assert_eq!(seg.surface_spans(), vec![(0, 6), (7, 12)]);
}

#[test]
fn web_addresses_handles_and_hashtags() {
    assert_eq!(
        toks("See https://example.com/news/a-b?id=1. Write to jane.doe@example.org, or @newsdesk (#breaking)."),
        vec![
            "See", "https://example.com/news/a-b?id=1", ".", "Write", "to", "jane.doe@example.org", ",", "or", "@newsdesk", "(",
            "#breaking", ")", "."
        ]
    );
    assert_eq!(
        toks("at www.example.org/path today"),
        vec!["at", "www.example.org/path", "today"]
    );
    assert_eq!(
        toks("(see wikipedia.org/wiki/Foo_(bar))"),
        vec!["(", "see", "wikipedia.org/wiki/Foo_(bar)", ")"]
    );
}

#[test]
fn transcript_labels() {
    let text = "MR. KIRBY: Good afternoon, everybody. I have one thing.\nQ Can you confirm the strike?\nMR. KIRBY: No.\nQ: And the timing?\nSPEAKER 1: Thanks.";
    assert_eq!(
        sents(text),
        vec![
            "MR. KIRBY:",
            "Good afternoon, everybody.",
            "I have one thing.",
            "Q",
            "Can you confirm the strike?",
            "MR. KIRBY:",
            "No.",
            "Q:",
            "And the timing?",
            "SPEAKER 1:",
            "Thanks."
        ]
    );
}

#[test]
fn script_fields_on_one_line() {
    let text = "Harbour Fire Package HEADLINE: Fire Destroys Grain Terminal TEASER: Crews fought the blaze for hours BYLINE: Ana Ruiz VIDEO EDITOR: Tom Hale ((INTRO)) [[Firefighters battled a blaze at the grain terminal overnight.]]";
    assert_eq!(
        sents(text),
        vec![
            "Harbour Fire Package",
            "HEADLINE:",
            "Fire Destroys Grain Terminal",
            "TEASER:",
            "Crews fought the blaze for hours",
            "BYLINE:",
            "Ana Ruiz",
            "VIDEO EDITOR:",
            "Tom Hale",
            "((INTRO))",
            "[[Firefighters battled a blaze at the grain terminal overnight.]]"
        ]
    );
}

#[test]
fn bullets_one_item_per_sentence() {
    let text = "Key points:\n- Sales rose\n- Costs fell sharply\n* Margins held\n• Debt was cut\n1. Hiring resumed\n2) Wages rose";
    assert_eq!(
        sents(text),
        vec![
            "Key points:",
            "- Sales rose",
            "- Costs fell sharply",
            "* Margins held",
            "• Debt was cut",
            "1. Hiring resumed",
            "2) Wages rose"
        ]
    );
    assert_eq!(toks("1. Hiring resumed")[0], "1.");
}

#[test]
fn headlines_and_line_breaks() {
    let text = "Storm batters coast\nBy Dana Reyes\n\nHeavy rain fell on Monday. Roads closed.";
    let seg = segment(text);
    check(text, &seg);
    let s: Vec<&str> = seg
        .sentences
        .iter()
        .map(|s| &text[s.start..s.end])
        .collect();
    assert_eq!(
        s,
        vec![
            "Storm batters coast",
            "By Dana Reyes",
            "Heavy rain fell on Monday.",
            "Roads closed."
        ]
    );
    assert_eq!(seg.paragraphs, vec![0..1, 1..2, 2..4]);
    // Hard-wrapped text: single line breaks are spaces.
    let wrapped = "The council voted on Tuesday to approve the\nbudget, which includes new funds for\nschools and roads. The mayor said the\nplan was fair.";
    assert_eq!(
        sents(wrapped),
        vec!["The council voted on Tuesday to approve the\nbudget, which includes new funds for\nschools and roads.", "The mayor said the\nplan was fair."]
    );
}

#[test]
fn crlf_text() {
    let text = "First line here.\r\nSecond line here.\r\n\r\nA new paragraph.\r\n";
    let seg = segment(text);
    check(text, &seg);
    let s: Vec<&str> = seg
        .sentences
        .iter()
        .map(|s| &text[s.start..s.end])
        .collect();
    assert_eq!(
        s,
        vec!["First line here.", "Second line here.", "A new paragraph."]
    );
    assert_eq!(seg.paragraphs.len(), 2);
}

#[test]
fn non_ascii_offsets() {
    let text =
        "Café owner José Núñez — who opened in 2019 — said “no” to Zoë’s plan… Ça va? 東京で会議。";
    let seg = segment(text);
    check(text, &seg);
    let t: Vec<&str> = seg.tokens.iter().map(|t| t.text(text)).collect();
    assert_eq!(&t[..6], &["Café", "owner", "José", "Núñez", "—", "who"]);
    assert!(
        t.contains(&"“")
            && t.contains(&"”")
            && t.contains(&"Zoë")
            && t.contains(&"’s")
            && t.contains(&"…")
    );
    assert_eq!(seg.sentences.len(), 3, "{:?}", sents(text));
    // Combining marks stay with their letter.
    assert_eq!(
        toks("Jose\u{301} said\u{301}."),
        vec!["Jose\u{301}", "said\u{301}", "."]
    );
}

#[test]
fn long_input_is_bounded() {
    // 1 MB without spaces or newlines.
    let text = "a".repeat(1 << 20);
    let seg = segment(&text);
    check(&text, &seg);
    assert_eq!(seg.tokens.len(), (1 << 20) / MAX_TOKEN_BYTES);
    // Multibyte characters: cuts fall on char boundaries.
    let text = "é".repeat(5000) + "x" + &"€".repeat(3000);
    check(&text, &segment(&text));
    // Many short tokens on one line: sentences are cut.
    let text = "word ".repeat(1000);
    let seg = segment(&text);
    check(&text, &seg);
    assert!(seg.sentences.len() >= 5);
    let text = "don't ".repeat(500);
    check(&text, &segment(&text));
    // Pathological punctuation runs.
    for unit in [
        "(",
        ")",
        ".",
        "'",
        "-",
        "—",
        "a-",
        "1-",
        "[1]",
        "http://x.y/)",
        "'s",
        "e.g.",
        "@",
        "n't",
    ] {
        let text = unit.repeat(20_000);
        check(&text, &segment(&text));
    }
}

#[test]
fn ten_thousand_char_word() {
    let text = format!("Start {} end.", "x".repeat(10_000));
    let seg = segment(&text);
    check(&text, &seg);
    assert_eq!(seg.tokens.first().map(|t| t.text(&text)), Some("Start"));
}

/// xorshift64*: a tiny deterministic generator for the fuzz test.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn random_input_never_panics() {
    const POOL: &[&str] = &[
        "a",
        "Z",
        "é",
        "9",
        "0",
        ".",
        ",",
        "!",
        "?",
        "'",
        "’",
        "‘",
        "\"",
        "“",
        "”",
        "`",
        "-",
        "--",
        "—",
        "–",
        "(",
        ")",
        "[",
        "]",
        "{",
        "<",
        ">",
        "/",
        ":",
        ";",
        "@",
        "#",
        "$",
        "%",
        "&",
        "*",
        "_",
        "~",
        "…",
        " ",
        " ",
        " ",
        "\n",
        "\n\n",
        "\r",
        "\r\n",
        "\t",
        "\u{0}",
        "\u{7}",
        "\u{1b}",
        "\u{301}",
        "\u{308}",
        "\u{200B}",
        "\u{200D}",
        "\u{FEFF}",
        "\u{2028}",
        "\u{2029}",
        "\u{0C}",
        "😀",
        "👍🏽",
        "東",
        "ß",
        "İ",
        "n't",
        "'s",
        "Mr.",
        "U.S.",
        "e.g.",
        "http://",
        "www.",
        ".com",
        "Q",
        "MR. KIRBY:",
        "1.",
        "•",
        "don't",
        "cannot",
        "5mm",
        "$4.05",
        "J.",
        "c'mon",
        "No.",
        "[1]",
        "[...]",
        "Figure 1.2",
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for round in 0..3000 {
        let len = rng.below(if round % 100 == 0 { 2000 } else { 60 });
        let mut text = String::new();
        for _ in 0..len {
            text.push_str(POOL[rng.below(POOL.len())]);
        }
        let seg = segment(&text);
        check(&text, &seg);
    }
    // Arbitrary scalar values.
    for _ in 0..500 {
        let len = rng.below(80);
        let text: String = (0..len)
            .filter_map(|_| {
                char::from_u32(if rng.below(4) == 0 {
                    rng.below(0x11_0000)
                } else {
                    rng.below(0x3000)
                } as u32)
            })
            .collect();
        check(&text, &segment(&text));
    }
}

#[test]
fn tokens_are_the_text() {
    let text =
        "“Zoë’s” café—opened in 1998—isn't closing, Mr. Łukasz Nowak told AFP.\n\nQ: Why?\r\n";
    let seg = segment(text);
    check(text, &seg);
    let joined: String = seg.tokens.iter().map(|t| t.text(text)).collect();
    let stripped: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    assert_eq!(joined, stripped);
}

#[test]
fn emoticons_symbols_and_doubled_periods() {
    assert_eq!(
        toks("Great :) see you :-). Thanks:)"),
        vec!["Great", ":)", "see", "you", ":-)", ".", "Thanks", ":)"]
    );
    assert_eq!(
        toks("all about the $$$ << File >>"),
        vec!["all", "about", "the", "$$$", "<<", "File", ">>"]
    );
    assert_eq!(
        toks("signed with Acme Inc.. Then"),
        vec!["signed", "with", "Acme", "Inc.", ".", "Then"]
    );
    assert_eq!(
        toks("call +1 212 now, c'mon"),
        vec!["call", "+1", "212", "now", ",", "c'm", "on"]
    );
    assert_eq!(
        toks("at 35°C (95°F)"),
        vec!["at", "35", "°", "C", "(", "95", "°", "F", ")"]
    );
    assert_eq!(
        toks("see refs [1]–[3], 13,14 and 1,000"),
        vec![
            "see", "refs", "[", "1", "]", "–", "[", "3", "]", ",", "13", ",", "14", "and", "1,000"
        ]
    );
    assert_eq!(
        toks("the UN-backed, post-war plan"),
        vec!["the", "UN", "-", "backed", ",", "post-war", "plan"]
    );
}

#[test]
fn citations_captions_and_speech_tags() {
    assert_eq!(
        sents("Rates fell sharply. [12] Analysts were surprised. [3–5] Few expected it."),
        vec![
            "Rates fell sharply. [12]",
            "Analysts were surprised. [3–5]",
            "Few expected it."
        ]
    );
    assert_eq!(
        sents("Figure 2.1 Flood levels in 2024"),
        vec!["Figure 2.1", "Flood levels in 2024"]
    );
    assert_eq!(
        sents("“Is it safe?” Moreno asked. “Yes!” she said."),
        vec!["“Is it safe?” Moreno asked.", "“Yes!” she said."]
    );
    assert_eq!(
        sents("\"It is over.\" Moreno said it twice."),
        vec!["\"It is over.\"", "Moreno said it twice."]
    );
    assert_eq!(
        sents("Prices rose. i think so. Fine"),
        vec!["Prices rose.", "i think so.", "Fine"]
    );
    assert_eq!(
        sents("He was born c. 1950 in Lyon."),
        vec!["He was born c. 1950 in Lyon."]
    );
}

#[test]
fn huge_input_without_spaces_is_linear() {
    // 20 MB in one chunk, and 2 MB of one-letter words on one line.
    let text = "x".repeat(20_000_000);
    let seg = segment(&text);
    assert_eq!(seg.tokens.len(), 20_000_000usize.div_ceil(MAX_TOKEN_BYTES));
    assert!(seg
        .sentences
        .iter()
        .all(|s| s.tokens.len() <= MAX_SENTENCE_TOKENS));
    let text = "a ".repeat(1_000_000);
    let seg = segment(&text);
    assert_eq!(seg.tokens.len(), 1_000_000);
    assert!(seg
        .sentences
        .iter()
        .all(|s| s.tokens.len() <= MAX_SENTENCE_TOKENS));
}

#[test]
fn a_line_opening_with_the_article_a_is_one_sentence_and_an_answer_marker_follows_a_question() {
    let text = "A Russian drone hit a school in Sumy.\nA Ukrainian official said so.";
    assert_eq!(
        sents(text),
        vec![
            "A Russian drone hit a school in Sumy.",
            "A Ukrainian official said so."
        ]
    );
    let text = "Q Did the drone hit the school?\nA Yes, it did.";
    assert_eq!(
        sents(text),
        vec!["Q", "Did the drone hit the school?", "A", "Yes, it did."]
    );
}

#[test]
fn a_dateline_is_its_own_segment() {
    assert_eq!(
        sents("KYIV, Nov 4 (Reuters) - Russia fired missiles at Kyiv on Sunday."),
        vec![
            "KYIV, Nov 4 (Reuters) -",
            "Russia fired missiles at Kyiv on Sunday."
        ]
    );
    assert_eq!(
        sents("NEW DELHI (AP) \u{2014} India said it would buy jets."),
        vec!["NEW DELHI (AP) \u{2014}", "India said it would buy jets."]
    );
    assert_eq!(
        sents("US - China talks went on."),
        vec!["US - China talks went on."]
    );
}
