//! The shipped model on invented sentences.

use tidings_nlp::pipeline::{Analysis, Scratch};
use tidings_nlp::Model;

fn model() -> Model {
    let path = Model::default_path().expect("the shipped model");
    Model::load(&path).expect("model loads")
}

#[test]
fn words_marked_proper_are_tagged_as_proper_nouns() {
    let m = model();
    let forms = [
        "Iran",
        "has",
        "delivered",
        "Zorbak",
        "-",
        "7",
        "drones",
        "to",
        "Russia",
        ".",
    ];
    let proper: Vec<bool> = (0..forms.len()).map(|i| i == 3).collect();
    let (mut a, mut s) = (Analysis::default(), Scratch::default());
    m.analyze_proper(&forms, &proper, &mut a, &mut s);
    assert_eq!(m.upos_name(a.upos[3]), "PROPN");
    assert_eq!(m.xpos_name(a.xpos[3]), "NNP");
    assert_eq!(m.upos_name(a.upos[2]), "VERB");
    assert_eq!(a.heads.iter().filter(|&&h| h == 0).count(), 1);
    // Without marks, the same call is plain analysis.
    let mut b = Analysis::default();
    m.analyze_proper(&forms, &[false; 10], &mut b, &mut s);
    let mut c = Analysis::default();
    m.analyze(&forms, &mut c, &mut s);
    assert_eq!(b, c);
}
