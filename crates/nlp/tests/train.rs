//! Training end to end on a tiny invented treebank: deterministic for a
//! seed, and the model file round-trips.

use std::path::PathBuf;

use tidings_nlp::pipeline::{Analysis, Scratch};
use tidings_nlp::train::{train, TrainConfig};
use tidings_nlp::Model;

fn config(seed: u64) -> TrainConfig {
    TrainConfig {
        train: vec![PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tiny.conllu")],
        folds: 2,
        seed,
        tagger_epochs: 3,
        parser_epochs: 3,
    }
}

#[test]
fn training_is_deterministic_for_a_seed() {
    let a = train(&config(7), &mut |_| {}).expect("train");
    let b = train(&config(7), &mut |_| {}).expect("train");
    assert_eq!(a.to_bytes(), b.to_bytes());
}

#[test]
fn the_model_file_round_trips_and_parses() {
    let model = train(&config(1), &mut |_| {}).expect("train");
    let bytes = model.to_bytes();
    let back = Model::from_bytes(&bytes).expect("decode");
    assert_eq!(back.to_bytes(), bytes);
    assert!(back.info.contains("tiny.conllu"));
    let forms = ["The", "ministry", "denied", "the", "report", "."];
    let (mut a, mut b) = (Analysis::default(), Analysis::default());
    model.analyze(&forms, &mut a, &mut Scratch::default());
    back.analyze(&forms, &mut b, &mut Scratch::default());
    assert_eq!(a, b);
    assert_eq!(a.heads.len(), forms.len());
    assert_eq!(a.heads.iter().filter(|&&h| h == 0).count(), 1);
    // Truncated and foreign files are errors, not panics.
    assert!(Model::from_bytes(&bytes[..bytes.len() / 2]).is_err());
    assert!(Model::from_bytes(b"GIF89a").is_err());
}

#[test]
fn long_sentences_are_parsed_in_bounded_pieces() {
    let model = train(&config(1), &mut |_| {}).expect("train");
    let words: Vec<&str> = ["Two", "drones", "hit", "a", "depot", "."]
        .iter()
        .copied()
        .cycle()
        .take(5_000)
        .collect();
    let mut a = Analysis::default();
    model.analyze(&words, &mut a, &mut Scratch::default());
    assert_eq!(a.heads.len(), words.len());
    assert_eq!(a.heads.iter().filter(|&&h| h == 0).count(), 1, "one root");
    assert!(a.heads.iter().all(|&h| h <= words.len()));
}
