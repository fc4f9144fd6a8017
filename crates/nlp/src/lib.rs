//! The language layer of tidings: a part-of-speech tagger and a labelled
//! dependency parser, both averaged perceptrons over hashed features, trained
//! on Universal Dependencies treebanks and shipped as one binary model file.
//!
//! - [`tagger`]: UPOS and XPOS tags;
//! - [`parser`]: arc-eager dependency parsing trained with a dynamic oracle;
//! - [`pipeline`]: the [`Model`] that runs both over segmented text;
//! - [`train`] and [`eval`]: training from treebanks, CoNLL 2018 scores.

pub mod eval;
pub mod hash;
pub mod model;
pub mod parser;
pub mod perceptron;
pub mod pipeline;
mod rng;
pub mod tagger;
pub mod train;

pub use pipeline::Model;
