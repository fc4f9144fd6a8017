//! Segmentation into paragraphs, sentences and UD-style tokens.
//!
//! The result is a struct of arrays, spaCy-style: one flat token vector, and
//! sentences and paragraphs as ranges over it. Every span is a pair of byte
//! offsets into the untouched document text.

use std::ops::Range;

/// One UD-style token (a syntactic word): a span of the original text.
///
/// The form is always `&text[start..end]`: clitic splits such as
/// "don't" → "do" + "n't" cut the surface word without changing characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset one past the last character.
    pub end: usize,
    /// Index of the first token of the multiword (surface) token this token
    /// belongs to, when a whitespace-delimited word was split into several
    /// syntactic words ("Russia's", "don't"); `None` for ordinary tokens.
    pub mwt: Option<usize>,
}

impl Token {
    /// The token's characters.
    pub fn text<'a>(&self, doc_text: &'a str) -> &'a str {
        &doc_text[self.start..self.end]
    }
}

/// A sentence: a range of tokens, and the byte span it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Byte offset of the first token's start.
    pub start: usize,
    /// Byte offset of the last token's end.
    pub end: usize,
    /// Indices into [`Segmentation::tokens`].
    pub tokens: Range<usize>,
    /// Index into [`Segmentation::paragraphs`].
    pub paragraph: usize,
}

/// Paragraphs, sentences and tokens of one text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Segmentation {
    /// All tokens, in text order.
    pub tokens: Vec<Token>,
    /// All sentences, in text order; their token ranges tile `tokens`.
    pub sentences: Vec<Sentence>,
    /// Paragraphs as ranges of sentence indices.
    pub paragraphs: Vec<Range<usize>>,
}

/// Segments `text`. Never panics, whatever the input.
pub fn segment(text: &str) -> Segmentation {
    // Placeholder: whitespace tokens, one sentence per line.
    let mut seg = Segmentation::default();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let first = seg.tokens.len();
        let mut pos = offset;
        for word in line.split_whitespace() {
            let start = pos + line[pos - offset..].find(word).unwrap_or(0);
            seg.tokens.push(Token {
                start,
                end: start + word.len(),
                mwt: None,
            });
            pos = start + word.len();
        }
        if seg.tokens.len() > first {
            seg.sentences.push(Sentence {
                start: seg.tokens[first].start,
                end: seg.tokens[seg.tokens.len() - 1].end,
                tokens: first..seg.tokens.len(),
                paragraph: seg.paragraphs.len(),
            });
            seg.paragraphs
                .push(seg.sentences.len() - 1..seg.sentences.len());
        }
        offset += line.len();
    }
    seg
}
