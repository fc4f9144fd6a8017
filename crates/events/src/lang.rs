//! Is a document in English? The share of common English function words
//! among its words.

const FUNCTION_WORDS: &[&str] = &[
    "the", "of", "and", "to", "that", "for", "with", "was", "by", "from", "has", "have", "are",
    "were", "this", "said", "will", "which", "their", "they", "he", "she", "after", "is", "it",
    "its", "been", "would", "who", "not", "but", "or", "at", "be", "his", "had", "an", "on",
    "into", "more", "than", "also", "over", "against", "two", "in", "a", "them", "we", "our",
];

/// Function words of French, German, Spanish, Portuguese and Italian that
/// are not English words: a text with more of them than English ones is not
/// English, however many of its words look English ("a", "in").
const FOREIGN_WORDS: &[&str] = &[
    // French
    "le", "la", "les", "des", "du", "et", "est", "une", "pour", "dans", "sur", "avec", "par", "que",
    "qui", "au", "aux", "selon", "cette", "ces", "elle", "ont", "été", "sont", "leur",
    // German
    "der", "das", "und", "ist", "nicht", "mit", "von", "zu", "dem", "ein", "eine", "wurde", "sich",
    "auf", "bei", "nach", "auch", "wird", "sind", "für", // Spanish
    "el", "los", "las", "y", "del", "con", "por", "para", "una", "es", "fue", "como", "pero",
    "sus", "según", "está", // Portuguese and Italian
    "não", "uma", "são", "foi", "em", "il", "della", "di", "che", "per", "sono",
];

/// True when the text reads as English (or is too short to tell).
pub fn is_english(text: &str) -> bool {
    let mut words = 0usize;
    let mut hits = 0usize;
    let mut foreign = 0usize;
    for w in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        words += 1;
        let lw = w.to_lowercase();
        if FUNCTION_WORDS.contains(&lw.as_str()) {
            hits += 1;
        } else if FOREIGN_WORDS.contains(&lw.as_str()) {
            foreign += 1;
        }
        if words >= 5000 {
            break;
        }
    }
    if words < 12 {
        return true;
    }
    hits * 100 >= words * 8 && hits >= foreign
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
        assert!(!is_english("La Russie a lancé des missiles sur Kiev dimanche, selon les autorités ukrainiennes. Le gouvernement a condamné cette attaque."));
        assert!(!is_english("Rusia lanzó misiles contra Kiev el domingo, según las autoridades ucranianas, y el gobierno condenó el ataque."));
        assert!(is_english("Le Monde reported that the French government and the EU will send more air defence systems to Ukraine in the coming weeks."));
    }
}
