//! Segmentation into paragraphs, sentences and UD-style tokens.
//!
//! The result is a struct of arrays, spaCy-style: one flat token vector, and
//! sentences and paragraphs as ranges over it. Every span is a pair of byte
//! offsets into the untouched document text.
//!
//! Tokens follow the conventions of the Universal Dependencies English
//! treebanks (EWT, GUM): punctuation is split off, clitics become multiword
//! tokens ("don't" → do + n't, "Russia's" → Russia + 's, "cannot" → can +
//! not), hyphens between words are split except after prefixes such as
//! "non-" or "e-", units are split from numbers ("5.56mm" → 5.56 mm), and
//! web addresses, e-mail addresses, handles and hashtags stay whole.
//!
//! Paragraphs are separated by blank lines (and form feeds or U+2029);
//! a headline line (a short line without final punctuation, in text that
//! is not hard-wrapped) is a paragraph of its own. Sentences end at final
//! punctuation followed by a likely sentence start, at line breaks (unless
//! the text is hard-wrapped), before bullets and around transcript speaker
//! labels ("MR. KIRBY:", "Q:"). Sentences never exceed
//! [`MAX_SENTENCE_TOKENS`] tokens and tokens never exceed
//! [`MAX_TOKEN_BYTES`] bytes, and everything runs in linear time.

mod lexicon;
mod sentence;
mod tokenize;

use std::ops::Range;

/// A sentence is cut after at most this many tokens, so that later stages
/// (tagging, parsing) never see unbounded input.
pub const MAX_SENTENCE_TOKENS: usize = 200;

/// A token is cut (at a char boundary) when longer than this many bytes.
pub const MAX_TOKEN_BYTES: usize = 256;

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

impl Segmentation {
    /// Surface tokens: each multiword group (e.g. "don't") as one byte span,
    /// other tokens as themselves, in text order.
    pub fn surface_spans(&self) -> Vec<(usize, usize)> {
        let mut out: Vec<(usize, usize)> = Vec::with_capacity(self.tokens.len());
        for (i, t) in self.tokens.iter().enumerate() {
            match t.mwt {
                Some(first) if first != i => {
                    if let Some(last) = out.last_mut() {
                        last.1 = t.end;
                    }
                }
                _ => out.push((t.start, t.end)),
            }
        }
        out
    }
}

/// Segments `text` into paragraphs, sentences and tokens. Never panics,
/// whatever the input; runs in time linear in `text.len()`.
pub fn segment(text: &str) -> Segmentation {
    let mut seg = Segmentation::default();
    let mut splitter = sentence::Splitter::default();
    let mut tokenizer = tokenize::Tokenizer::default();
    let bytes = text.as_bytes();
    let mut pos = 0;
    while pos < bytes.len() {
        // Find the end of the line and the kind of break after it.
        let mut e = pos;
        let (line_end, next, hard_break) = loop {
            if e >= bytes.len() {
                break (e, e, false);
            }
            match bytes[e] {
                b'\n' => break (e, e + 1, false),
                b'\r' => {
                    break (
                        e,
                        if bytes.get(e + 1) == Some(&b'\n') {
                            e + 2
                        } else {
                            e + 1
                        },
                        false,
                    )
                }
                0x0C => break (e, e + 1, true),
                0xE2 if bytes.get(e + 1) == Some(&0x80)
                    && matches!(bytes.get(e + 2), Some(0xA8) | Some(0xA9)) =>
                {
                    break (e, e + 3, bytes[e + 2] == 0xA9)
                }
                _ => e += 1,
            }
        };
        let before = splitter.raw.len();
        tokenizer.line(text, pos, line_end, &mut splitter.raw);
        if splitter.raw.len() > before {
            splitter.lines.push(before..splitter.raw.len());
        } else if !splitter.raw.is_empty() {
            // A blank line ends the paragraph.
            splitter.flush(text, &mut seg);
            tokenizer.reset();
        }
        if hard_break && !splitter.raw.is_empty() {
            splitter.flush(text, &mut seg);
            tokenizer.reset();
        }
        pos = next;
    }
    splitter.flush(text, &mut seg);
    seg
}

#[cfg(test)]
mod tests;
