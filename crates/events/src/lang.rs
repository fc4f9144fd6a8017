//! Is a document in English? The share of common English function words
//! among its words.

const FUNCTION_WORDS: &[&str] = &[
    "the", "of", "and", "to", "that", "for", "with", "was", "by", "from", "has", "have", "are",
    "were", "this", "said", "will", "which", "their", "they", "he", "she", "after", "is", "it",
    "its", "been", "would", "who", "not", "but", "or", "at", "be", "his", "had", "an", "on",
    "into", "more", "than", "also", "over", "against", "two", "in", "a", "them", "we", "our",
];

/// True when the text reads as English (or is too short to tell).
pub fn is_english(text: &str) -> bool {
    let mut words = 0usize;
    let mut hits = 0usize;
    for w in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        words += 1;
        let lw = w.to_lowercase();
        if FUNCTION_WORDS.contains(&lw.as_str()) {
            hits += 1;
        }
        if words >= 5000 {
            break;
        }
    }
    if words < 12 {
        return true;
    }
    hits * 100 >= words * 8
}

#[cfg(test)]
mod tests {
    use super::is_english;

    #[test]
    fn english_and_not() {
        assert!(is_english("The ministry said the missiles were fired at the port city of Odesa on Monday, and that two people were hurt."));
        assert!(!is_english("Le ministère a déclaré que les missiles ont été tirés sur la ville portuaire d'Odessa lundi, et que deux personnes ont été blessées."));
        assert!(!is_english("Das Ministerium erklärte, die Raketen seien am Montag auf die Hafenstadt Odessa abgefeuert worden, zwei Menschen wurden verletzt."));
        assert!(is_english("Short note."));
    }
}
