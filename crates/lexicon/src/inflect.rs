//! Word forms generated at load time: regular inflections for trigger and
//! reporting-verb rows that list no forms, and the spelling variants of item
//! patterns ("KN-23" / "KN 23" / "KN23").

use crate::types::Pos;

/// Regular forms of a lemma: for verbs the 3rd person, past and -ing forms
/// of the first word ("shoot down" → "shoots down"...); for nouns the plural
/// of the last word. The builder writes irregular forms into the files.
pub(crate) fn forms(lemma: &str, pos: Pos) -> Vec<String> {
    let mut out = vec![lemma.to_string()];
    match pos {
        Pos::Verb => {
            let (head, rest) = match lemma.split_once(' ') {
                Some((h, r)) => (h, format!(" {r}")),
                None => (lemma, String::new()),
            };
            for f in verb_forms(head) {
                out.push(format!("{f}{rest}"));
            }
        }
        Pos::Noun => {
            let (init, last) = match lemma.rsplit_once(' ') {
                Some((i, l)) => (format!("{i} "), l),
                None => (String::new(), lemma),
            };
            out.push(format!("{init}{}", plural(last)));
        }
        Pos::Phrase => {}
    }
    out.dedup();
    out
}

fn ends_consonant_y(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() >= 2 && b[b.len() - 1] == b'y' && !b"aeiou".contains(&b[b.len() - 2])
}

fn verb_forms(w: &str) -> [String; 3] {
    let s3 = if ["s", "x", "z", "ch", "sh", "o"]
        .iter()
        .any(|e| w.ends_with(e))
    {
        format!("{w}es")
    } else if ends_consonant_y(w) {
        format!("{}ies", &w[..w.len() - 1])
    } else {
        format!("{w}s")
    };
    let (ed, ing) = if w.ends_with("ee") {
        (format!("{w}d"), format!("{w}ing"))
    } else if let Some(stem) = w.strip_suffix("ie") {
        (format!("{w}d"), format!("{stem}ying"))
    } else if let Some(stem) = w.strip_suffix('e') {
        (format!("{w}d"), format!("{stem}ing"))
    } else if ends_consonant_y(w) {
        (format!("{}ied", &w[..w.len() - 1]), format!("{w}ing"))
    } else {
        (format!("{w}ed"), format!("{w}ing"))
    };
    [s3, ed, ing]
}

fn plural(w: &str) -> String {
    if ["s", "x", "z", "ch", "sh"].iter().any(|e| w.ends_with(e)) {
        format!("{w}es")
    } else if ends_consonant_y(w) {
        format!("{}ies", &w[..w.len() - 1])
    } else {
        format!("{w}s")
    }
}

/// Most separators varied per pattern (3^3 · 4 variants at most).
const MAX_VARIED: usize = 3;

/// Spelling variants of an item pattern. Designations: each `-` or space
/// next to a part with a digit or of one or two characters may be `-`,
/// space, nothing or a non-breaking hyphen ("Shahed-136", "Shahed 136",
/// "Shahed136"). Generic nouns: each `-` may be a space or nothing
/// ("anti-tank", "anti tank", "antitank").
pub(crate) fn spelling_variants(pattern: &str, designation: bool) -> Vec<String> {
    // split into parts and separators
    let mut parts: Vec<&str> = Vec::new();
    let mut seps: Vec<char> = Vec::new();
    let mut start = 0;
    for (i, c) in pattern.char_indices() {
        if c == '-' || c == ' ' {
            parts.push(&pattern[start..i]);
            seps.push(c);
            start = i + c.len_utf8();
        }
    }
    parts.push(&pattern[start..]);
    if parts.iter().any(|p| p.is_empty()) {
        return vec![pattern.to_string()];
    }
    let short_or_digit = |p: &str| p.chars().count() <= 2 || p.chars().any(|c| c.is_ascii_digit());
    let mut choices: Vec<Vec<&str>> = Vec::new();
    let mut varied = 0;
    for (k, &sep) in seps.iter().enumerate() {
        let vary = if designation {
            short_or_digit(parts[k]) || short_or_digit(parts[k + 1])
        } else {
            sep == '-'
        };
        if vary && varied < MAX_VARIED {
            varied += 1;
            let mut c = if sep == '-' {
                vec!["-", " ", ""]
            } else {
                vec![" ", "-", ""]
            };
            if designation {
                c.push("\u{2011}");
            }
            choices.push(c);
        } else {
            choices.push(vec![if sep == '-' { "-" } else { " " }]);
        }
    }
    let mut out = vec![parts[0].to_string()];
    for (k, c) in choices.iter().enumerate() {
        let mut next = Vec::with_capacity(out.len() * c.len());
        for o in &out {
            for s in c {
                next.push(format!("{o}{s}{}", parts[k + 1]));
            }
        }
        out = next;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbs_and_nouns() {
        assert_eq!(
            forms("supply", Pos::Verb),
            ["supply", "supplies", "supplied", "supplying"]
        );
        assert_eq!(
            forms("launch", Pos::Verb),
            ["launch", "launches", "launched", "launching"]
        );
        assert_eq!(forms("call on", Pos::Verb)[1], "calls on");
        assert_eq!(forms("delivery", Pos::Noun), ["delivery", "deliveries"]);
    }

    #[test]
    fn variants() {
        let v = spelling_variants("KN-23", true);
        assert!(v.contains(&"KN 23".to_string()) && v.contains(&"KN23".to_string()));
        let v = spelling_variants("Storm Shadow", true);
        assert_eq!(v, ["Storm Shadow"]);
        let v = spelling_variants("surface-to-air missile", false);
        assert!(v.contains(&"surface to air missile".to_string()));
    }
}
