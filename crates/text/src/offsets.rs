/// Converts byte offsets of a `&str` into character offsets (Unicode scalar
/// values, as Python's `str` indexes them), the unit of every offset tidings
/// writes out.
///
/// Pure-ASCII text needs no table; otherwise one entry is kept per 64 bytes,
/// so a lookup scans at most 64 bytes and the table is about 1/8 the size of
/// the text.
#[derive(Debug, Clone)]
pub struct CharIndex<'a> {
    text: &'a str,
    /// `checkpoints[i]` = number of chars in `text[..i * STEP]`; empty for ASCII text.
    checkpoints: Vec<usize>,
}

const STEP: usize = 64;

impl<'a> CharIndex<'a> {
    /// Builds the index for `text`.
    pub fn new(text: &'a str) -> Self {
        let checkpoints = if text.is_ascii() {
            Vec::new()
        } else {
            let bytes = text.as_bytes();
            let mut out = Vec::with_capacity(bytes.len() / STEP + 1);
            let mut chars = 0usize;
            for (i, chunk) in bytes.chunks(STEP).enumerate() {
                debug_assert_eq!(out.len(), i);
                out.push(chars);
                chars += chunk.iter().filter(|&&b| (b & 0xC0) != 0x80).count();
            }
            // the end of a text whose length is a multiple of STEP
            out.push(chars);
            out
        };
        CharIndex { text, checkpoints }
    }

    /// The character offset of byte offset `byte`, which must lie on a char
    /// boundary (offsets past the end are clamped to the end).
    pub fn char_offset(&self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        if self.checkpoints.is_empty() {
            return byte;
        }
        let slot = byte / STEP;
        let base = self.checkpoints[slot];
        let from = slot * STEP;
        base + self.text.as_bytes()[from..byte]
            .iter()
            .filter(|&&b| (b & 0xC0) != 0x80)
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_is_identity() {
        let idx = CharIndex::new("hello world");
        assert_eq!(idx.char_offset(5), 5);
        assert_eq!(idx.char_offset(100), 11);
    }

    #[test]
    fn counts_scalar_values() {
        let text = "“Kim” said: é—ok 😀 done".repeat(20);
        let idx = CharIndex::new(&text);
        for (byte, _) in text.char_indices() {
            assert_eq!(idx.char_offset(byte), text[..byte].chars().count());
        }
        assert_eq!(idx.char_offset(text.len()), text.chars().count());
    }

    #[test]
    fn end_of_a_text_of_whole_steps() {
        for len in [STEP, 2 * STEP, 8 * STEP] {
            let text = format!("é{}", "a".repeat(len - 2));
            assert_eq!(text.len(), len);
            let idx = CharIndex::new(&text);
            assert_eq!(idx.char_offset(len), len - 1);
            assert_eq!(idx.char_offset(len + 10), len - 1);
        }
    }
}
