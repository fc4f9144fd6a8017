//! The language layer of tidings: a part-of-speech tagger and a labelled
//! dependency parser, both averaged perceptrons over hashed features, trained
//! on Universal Dependencies treebanks and shipped as one binary model file.

pub mod hash;
pub mod model;
pub mod perceptron;
