//! Word lists used by the tokenizer and the sentence splitter.
//!
//! All lists are sorted (a unit test checks it) and looked up with binary
//! search on an ASCII-lowercased copy of the word, made in a stack buffer.

/// Longest word the lists are consulted for (longer words are never in them).
const MAX_LOOKUP: usize = 16;

/// Lowercases `word` (ASCII only) into `buf`; `None` if it is too long or
/// not ASCII.
pub(crate) fn lower<'a>(word: &str, buf: &'a mut [u8; MAX_LOOKUP]) -> Option<&'a str> {
    let b = lower_bytes(word, buf)?;
    std::str::from_utf8(b).ok()
}

/// Like [`lower`], as bytes.
fn lower_bytes<'a>(word: &str, buf: &'a mut [u8; MAX_LOOKUP]) -> Option<&'a [u8]> {
    let b = word.as_bytes();
    if b.len() > MAX_LOOKUP || !word.is_ascii() {
        return None;
    }
    for (d, s) in buf.iter_mut().zip(b) {
        *d = s.to_ascii_lowercase();
    }
    Some(&buf[..b.len()])
}

fn in_list(list: &[&str], word: &str) -> bool {
    let mut buf = [0u8; MAX_LOOKUP];
    match lower_bytes(word, &mut buf) {
        Some(w) => list.binary_search_by(|k| k.as_bytes().cmp(w)).is_ok(),
        None => false,
    }
}

/// Abbreviations (without their final period) that precede a name or a
/// number and so practically never end a sentence: titles, "No.", "vs.".
pub(crate) const TITLES: &[&str] = &[
    "adm", "amb", "apr", "art", "assn", "assoc", "atty", "aug", "brig", "c", "ca", "capt", "cdr",
    "cf", "ch", "cmdr", "col", "cpl", "det", "dr", "drs", "eq", "esp", "feb", "fig", "figs", "fr",
    "gen", "gov", "hon", "insp", "jan", "jul", "jun", "lt", "maj", "messrs", "mlle", "mme", "mmes",
    "mr", "mrs", "ms", "msgr", "mt", "no", "nos", "nov", "oct", "op", "pp", "pres", "prof", "pt",
    "pvt", "rep", "reps", "rev", "sen", "sens", "sep", "sept", "sgt", "sr", "st", "sts", "supt",
    "vol", "vols", "vs",
];

/// Abbreviations (without their final period) that keep their period but
/// may end a sentence ("... Inc." / "... etc.").
pub(crate) const ABBREVIATIONS: &[&str] = &[
    "al", "ala", "approx", "ariz", "ark", "ave", "blvd", "bros", "cal", "calif", "co", "colo",
    "conn", "corp", "dec", "del", "dept", "dist", "ed", "eds", "est", "etc", "ext", "fla", "fri",
    "ft", "ga", "inc", "ind", "jr", "kan", "ky", "la", "ln", "ltd", "mass", "md", "mfg", "mich",
    "min", "minn", "miss", "mo", "mon", "mont", "neb", "nev", "okla", "ore", "pa", "pl", "plc",
    "ps", "rd", "sat", "sq", "ste", "sun", "tenn", "tex", "thu", "thur", "thurs", "tue", "tues",
    "univ", "va", "vt", "wash", "wed", "wis", "wyo", "yr", "yrs",
];

/// Abbreviations that may be followed by a number ("Dec. 3", "No. 5"); a
/// following capitalised word then more likely starts a new sentence.
pub(crate) const BEFORE_NUMBER: &[&str] = &[
    "apr", "art", "aug", "c", "ca", "ch", "dec", "eq", "feb", "fig", "figs", "jan", "jul", "jun",
    "no", "nos", "nov", "oct", "op", "p", "pp", "sep", "sept", "vol", "vols",
];

/// Words that often start a sentence: after an abbreviation that can end a
/// sentence ("etc.", "Inc.", "U.S."), one of these signals a boundary.
pub(crate) const SENTENCE_STARTERS: &[&str] = &[
    "a",
    "after",
    "all",
    "also",
    "although",
    "an",
    "and",
    "another",
    "any",
    "as",
    "at",
    "because",
    "before",
    "both",
    "but",
    "by",
    "can",
    "does",
    "during",
    "each",
    "even",
    "every",
    "few",
    "finally",
    "first",
    "for",
    "from",
    "furthermore",
    "he",
    "her",
    "here",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "indeed",
    "instead",
    "is",
    "it",
    "its",
    "last",
    "later",
    "many",
    "meanwhile",
    "more",
    "moreover",
    "most",
    "my",
    "neither",
    "nevertheless",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "on",
    "one",
    "only",
    "or",
    "other",
    "our",
    "since",
    "so",
    "some",
    "still",
    "such",
    "that",
    "the",
    "their",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "thus",
    "to",
    "today",
    "under",
    "unlike",
    "we",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "why",
    "with",
    "yet",
    "you",
    "your",
];

/// Prefixes whose hyphen UD English keeps inside the word ("e-mail",
/// "non-profit", "co-founder"); other hyphens between letters are split.
pub(crate) const HYPHEN_PREFIXES: &[&str] = &[
    "anti", "co", "counter", "cross", "e", "ex", "inter", "intra", "macro", "micro", "mid", "mini",
    "mis", "multi", "neo", "non", "over", "post", "pre", "pro", "psycho", "re", "semi", "socio",
    "sub", "super", "trans", "ultra", "un",
];

/// Unit symbols split from a preceding number ("5.56mm" → 5.56 mm).
/// Case-sensitive: "m" (metre) but not "M".
pub(crate) const UNITS: &[&str] = &[
    "AM", "GB", "GHz", "KB", "MB", "MHz", "MW", "PM", "TB", "am", "bn", "cm", "ft", "gb", "ghz",
    "hr", "hrs", "k", "kW", "kWh", "kb", "kg", "kgs", "km", "kmh", "kph", "lb", "lbs", "m", "mb",
    "mg", "mhz", "mi", "min", "mins", "ml", "mm", "mph", "oz", "pm", "tb", "yrs",
];

/// Contractions written without an apostrophe, split UD style: the word
/// (lowercase) and the byte length of its first part.
pub(crate) const NO_APOSTROPHE: &[(&str, usize)] = &[
    ("aint", 2),
    ("arent", 3),
    ("cannot", 3),
    ("cant", 2),
    ("couldnt", 5),
    ("didnt", 3),
    ("doesnt", 4),
    ("dont", 2),
    ("gonna", 3),
    ("gotta", 3),
    ("hadnt", 3),
    ("hasnt", 3),
    ("havent", 4),
    ("im", 1),
    ("isnt", 2),
    ("ive", 1),
    ("shouldnt", 6),
    ("thats", 4),
    ("theres", 5),
    ("theyre", 4),
    ("wanna", 3),
    ("wasnt", 3),
    ("werent", 4),
    ("whats", 4),
    ("wont", 2),
    ("wouldnt", 5),
    ("youll", 3),
    ("youre", 3),
];

/// Whether `word` (without a final period) is a title-like abbreviation.
pub(crate) fn is_title(word: &str) -> bool {
    in_list(TITLES, word)
}

/// Whether `word` (without a final period) is any known abbreviation.
pub(crate) fn is_abbreviation(word: &str) -> bool {
    in_list(TITLES, word) || in_list(ABBREVIATIONS, word)
}

/// Whether `word` (without a final period) is often followed by a number.
pub(crate) fn is_before_number(word: &str) -> bool {
    in_list(BEFORE_NUMBER, word)
}

/// Whether `word` (without a final period) is an abbreviation only before
/// a number, and otherwise a word ("No. 5" / "No.").
pub(crate) fn is_word_abbreviation(word: &str) -> bool {
    let mut buf = [0u8; MAX_LOOKUP];
    matches!(lower(word, &mut buf), Some("no" | "nos" | "art" | "op"))
}

/// Verbs of saying, as they follow a quotation ("..." she said).
const SPEECH_VERBS: &[&str] = &[
    "added",
    "adds",
    "admitted",
    "announced",
    "answered",
    "argued",
    "asked",
    "asks",
    "called",
    "claimed",
    "continued",
    "cried",
    "declared",
    "explained",
    "insisted",
    "muttered",
    "noted",
    "recalled",
    "remarked",
    "replied",
    "replies",
    "said",
    "says",
    "screamed",
    "shouted",
    "sighed",
    "snapped",
    "thought",
    "warned",
    "whispered",
    "wondered",
    "wrote",
    "yelled",
];

/// Whether `word` is a verb of saying.
pub(crate) fn is_speech_verb(word: &str) -> bool {
    in_list(SPEECH_VERBS, word)
}

/// Whether `word` often starts a sentence.
pub(crate) fn is_sentence_starter(word: &str) -> bool {
    in_list(SENTENCE_STARTERS, word)
}

/// Whether a hyphen after `word` stays inside the token.
pub(crate) fn is_hyphen_prefix(word: &str) -> bool {
    in_list(HYPHEN_PREFIXES, word)
}

/// Whether `word` is a unit symbol (case-sensitive).
pub(crate) fn is_unit(word: &str) -> bool {
    UNITS.binary_search(&word).is_ok()
}

/// Split point of a contraction written without apostrophe.
pub(crate) fn no_apostrophe_split(word: &str) -> Option<usize> {
    // Quick filter: every entry is 2 to 8 letters long, starts with one of
    // these letters and ends with one of these pairs.
    let b = word.as_bytes();
    if !(2..=8).contains(&b.len()) {
        return None;
    }
    let first = b[0].to_ascii_lowercase();
    let end = [
        b[b.len() - 2].to_ascii_lowercase(),
        b[b.len() - 1].to_ascii_lowercase(),
    ];
    if !matches!(
        first,
        b'a' | b'c' | b'd' | b'g' | b'h' | b'i' | b's' | b't' | b'w' | b'y'
    ) || !matches!(
        &end,
        b"nt" | b"na" | b"ta" | b"im" | b"ve" | b"ts" | b"es" | b"re" | b"ll" | b"ot"
    ) {
        return None;
    }
    let mut buf = [0u8; MAX_LOOKUP];
    let w = lower_bytes(word, &mut buf)?;
    NO_APOSTROPHE
        .binary_search_by(|(k, _)| k.as_bytes().cmp(w))
        .ok()
        .map(|i| NO_APOSTROPHE[i].1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(list: &[&str]) -> bool {
        list.windows(2).all(|w| w[0] < w[1])
    }

    #[test]
    fn lists_are_sorted_and_lowercase() {
        for list in [
            TITLES,
            ABBREVIATIONS,
            BEFORE_NUMBER,
            SENTENCE_STARTERS,
            HYPHEN_PREFIXES,
            SPEECH_VERBS,
        ] {
            assert!(sorted(list), "{list:?}");
            assert!(list
                .iter()
                .all(|w| w.len() <= MAX_LOOKUP && *w == w.to_ascii_lowercase()));
        }
        assert!(sorted(UNITS));
        assert!(NO_APOSTROPHE.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(NO_APOSTROPHE.iter().all(|(w, n)| *n < w.len()));
        // Every entry passes the quick filter of `no_apostrophe_split`.
        for (w, n) in NO_APOSTROPHE {
            assert_eq!(no_apostrophe_split(w), Some(*n), "{w}");
        }
    }

    #[test]
    fn lookups() {
        assert!(is_title("Mr"));
        assert!(is_title("MRS"));
        assert!(is_abbreviation("Inc"));
        assert!(!is_abbreviation("Inca"));
        assert!(is_unit("mm"));
        assert!(!is_unit("M"));
        assert_eq!(no_apostrophe_split("Cannot"), Some(3));
        assert_eq!(no_apostrophe_split("cannons"), None);
        assert!(is_hyphen_prefix("Non"));
    }
}
