//! The text layer of tidings: a [`Document`] holds the original, untouched
//! text; [`segment()`] splits it into paragraphs, sentences and tokens, each
//! carrying byte offsets into that text; [`CharIndex`] turns byte offsets
//! into the Unicode-scalar offsets that tidings' outputs use.
//!
//! Nothing in this crate changes the text: every later layer refers back to
//! it by offsets. [`eval`] scores the segmentation against CoNLL-U gold
//! data.

#![warn(missing_docs)]

mod document;
pub mod eval;
mod offsets;
pub mod segment;

pub use document::{Document, Meta};
pub use offsets::CharIndex;
pub use segment::{segment, Segmentation, Sentence, Token, MAX_SENTENCE_TOKENS, MAX_TOKEN_BYTES};
