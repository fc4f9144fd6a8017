use super::features::{Ambig, Words};
use super::*;
use tidings_conllu::{Sentence, Word};

fn sent(words: &[(&str, &str, usize, &str)]) -> Sentence {
    let mut s = Sentence::default();
    for (i, &(form, tag, head, rel)) in words.iter().enumerate() {
        let mut w = Word::new(i + 1, form);
        w.upos = tag.to_string();
        w.xpos = tag.to_string();
        w.head = Some(head);
        w.deprel = rel.to_string();
        s.words.push(w);
    }
    s
}

fn toy() -> Vec<Sentence> {
    vec![
        sent(&[
            ("the", "DET", 2, "det"),
            ("zorb", "NOUN", 3, "nsubj"),
            ("flims", "VERB", 0, "root"),
            ("a", "DET", 5, "det"),
            ("blick", "NOUN", 3, "obj"),
            (".", "PUNCT", 3, "punct"),
        ]),
        sent(&[
            ("a", "DET", 2, "det"),
            ("blick", "NOUN", 3, "nsubj"),
            ("glorps", "VERB", 0, "root"),
            (".", "PUNCT", 3, "punct"),
        ]),
        sent(&[
            ("my", "PRON", 2, "nmod:poss"),
            ("zorb", "NOUN", 3, "nsubj"),
            ("flims", "VERB", 0, "root"),
            ("the", "DET", 5, "det"),
            ("blick", "NOUN", 3, "obj"),
            ("quickly", "ADV", 3, "advmod"),
        ]),
        // A non-projective tree (arc 2 -> 5 crosses 3's root arc... and 4).
        sent(&[
            ("zorb", "NOUN", 3, "nsubj"),
            ("blick", "NOUN", 1, "nmod"),
            ("flims", "VERB", 0, "root"),
            ("now", "ADV", 3, "advmod"),
            ("wug", "NOUN", 2, "nmod"),
        ]),
    ]
}

fn is_single_rooted_tree(heads: &[usize]) -> bool {
    projective::is_tree(heads)
}

fn parse_sent(p: &Parser, s: &Sentence) -> (Vec<usize>, Vec<u16>) {
    let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
    let tags: Vec<&str> = s.words.iter().map(|w| w.upos.as_str()).collect();
    let (mut h, mut l) = (Vec::new(), Vec::new());
    p.parse(&forms, &tags, &tags, &mut h, &mut l);
    (h, l)
}

fn trained() -> Parser {
    let opts = ParserOptions {
        epochs: 10,
        min_abs_transitions: 0.0,
        min_abs_labels: 0.0,
        ..ParserOptions::default()
    };
    Parser::train(&toy(), &opts)
}

#[test]
fn learns_toy_trees() {
    let p = trained();
    assert!(p.labels().iter().any(|l| l == "nmod:poss"));
    for s in &toy()[..3] {
        let (h, l) = parse_sent(&p, s);
        assert!(is_single_rooted_tree(&h));
        let gold: Vec<usize> = s.words.iter().map(|w| w.head.unwrap_or(0)).collect();
        assert_eq!(h, gold);
        let rels: Vec<&str> = l.iter().map(|&i| p.labels()[i as usize].as_str()).collect();
        let gold_rels: Vec<&str> = s.words.iter().map(|w| w.deprel.as_str()).collect();
        assert_eq!(rels, gold_rels);
    }
    let (h, _) = parse_sent(&p, &toy()[3]);
    assert!(is_single_rooted_tree(&h));
}

#[test]
fn round_trip_gives_identical_parses() {
    let p = trained();
    let mut buf = Vec::new();
    p.encode(&mut buf);
    let q = Parser::decode(&buf).expect("decodes");
    assert_eq!(p, q);
    for s in &toy() {
        assert_eq!(parse_sent(&p, s), parse_sent(&q, s));
    }
    assert!(Parser::decode(&buf[..buf.len() - 1]).is_err());
    assert!(Parser::decode(b"TPRS").is_err());
    assert!(Parser::decode(&[]).is_err());
    let mut bad = buf.clone();
    bad[0] = b'X';
    assert!(Parser::decode(&bad).is_err());
}

#[test]
fn empty_and_garbage_input() {
    let p = trained();
    let (mut h, mut l) = (vec![7], vec![7]);
    p.parse(&[], &[], &[], &mut h, &mut l);
    assert!(h.is_empty() && l.is_empty());
    let forms = ["\u{0}", "", "ÆØÅ", "🦀🦀", "\t", "ǅ", "1234567890"];
    // Tags missing entirely, or of the wrong length.
    p.parse(&forms, &[], &["X"], &mut h, &mut l);
    assert_eq!(h.len(), forms.len());
    assert!(is_single_rooted_tree(&h));
    assert!(l.iter().all(|&i| (i as usize) < p.labels().len()));
    p.parse(&["one"], &["NOUN"], &["NN"], &mut h, &mut l);
    assert_eq!(h, vec![0]);
}

/// A 5,000-word input gives one valid tree (its speed is measured by
/// `cargo bench -p tidings-nlp --bench pipeline`, not here).
#[test]
fn long_input_is_valid() {
    let p = trained();
    let base = ["the", "zorb", "flims", "a", "blick", "quickly", "."];
    let tags = ["DET", "NOUN", "VERB", "DET", "NOUN", "ADV", "PUNCT"];
    let forms: Vec<&str> = (0..5000).map(|i| base[i % base.len()]).collect();
    let upos: Vec<&str> = (0..5000).map(|i| tags[i % tags.len()]).collect();
    let (mut h, mut l) = (Vec::new(), Vec::new());
    p.parse(&forms, &upos, &upos, &mut h, &mut l);
    assert_eq!(h.len(), 5000);
    assert!(is_single_rooted_tree(&h));
}

#[test]
fn deterministic_for_a_seed() {
    let opts = ParserOptions {
        epochs: 5,
        seed: 7,
        ..ParserOptions::default()
    };
    assert_eq!(Parser::train(&toy(), &opts), Parser::train(&toy(), &opts));
}

#[test]
fn oracle_costs_are_zero_along_gold_path() {
    // Following the zero-cost transitions reproduces a projective gold tree.
    let mut heads = vec![2usize, 3, 0, 5, 3, 3];
    assert!(projective::is_tree(&heads));
    projective::projectivize(&mut heads);
    let n = heads.len();
    let gh: Vec<u32> = heads
        .iter()
        .map(|&h| if h == 0 { n as u32 } else { h as u32 - 1 })
        .collect();
    let gold = Gold::new(gh.clone(), vec![0; n]);
    let mut c = Config::default();
    c.reset(n);
    while !c.terminal() {
        let legal = c.legal();
        let (costs, _, _) = gold.costs(&c);
        let k = (0..4)
            .find(|&k| legal[k] && costs[k] == 0)
            .expect("zero-cost move");
        c.apply(match k {
            0 => Move::Shift,
            1 => Move::Reduce,
            2 => Move::Left(0),
            _ => Move::Right(0),
        });
    }
    assert_eq!(&c.head[..n], &gh[..]);
}

#[test]
fn corrupted_models_never_panic() {
    let p = trained();
    let mut buf = Vec::new();
    p.encode(&mut buf);
    let s = &toy()[0];
    for i in (0..buf.len()).step_by(3) {
        for flip in [0x01u8, 0x80, 0xff] {
            let mut bad = buf.clone();
            bad[i] ^= flip;
            if let Ok(q) = Parser::decode(&bad) {
                let (h, l) = parse_sent(&q, s);
                assert!(is_single_rooted_tree(&h));
                assert!(l.iter().all(|&x| (x as usize) < q.labels().len()));
            }
        }
    }
}

#[test]
fn pruning_keeps_valid_trees() {
    let mut p = trained();
    p.prune_tables(0.5, 0.5);
    for s in &toy() {
        let (h, _) = parse_sent(&p, s);
        assert!(is_single_rooted_tree(&h));
    }
}

#[test]
fn label_groups_cover_every_label() {
    let ud = [
        "acl",
        "advcl",
        "advmod",
        "amod",
        "appos",
        "aux",
        "case",
        "cc",
        "ccomp",
        "clf",
        "compound",
        "conj",
        "cop",
        "csubj",
        "dep",
        "det",
        "discourse",
        "dislocated",
        "expl",
        "fixed",
        "flat",
        "goeswith",
        "iobj",
        "list",
        "mark",
        "nmod",
        "nsubj",
        "nummod",
        "obj",
        "obl",
        "orphan",
        "parataxis",
        "punct",
        "reparandum",
        "root",
        "vocative",
        "xcomp",
    ];
    for l in ud {
        assert!((label_group(l) as usize) < N_GROUPS, "{l}");
    }
    // Subtypes follow their universal relation.
    assert_eq!(label_group("nsubj:pass"), label_group("nsubj"));
    assert_eq!(label_group("nmod:poss"), label_group("nmod"));
    assert_eq!(label_group("punct"), label_group("det"));
    assert!((label_group("no-such-label") as usize) < N_GROUPS);
    // Every group is used by some relation.
    for g in 0..N_GROUPS as u8 {
        assert!(ud.iter().any(|l| label_group(l) == g), "group {g} empty");
    }
    let p = trained();
    assert_eq!(p.groups.len(), p.labels().len());
    assert!(p.groups.iter().all(|&g| (g as usize) < N_GROUPS));
}

#[test]
fn ambiguity_classes_round_trip() {
    let pairs = [
        ("the", "DT"),
        ("The", "DT"),
        ("the", "DT"),
        ("run", "VB"),
        ("run", "NN"),
        ("Run", "VB"),
        ("walk", "VB"),
        ("walk", "NN"),
        ("walk", "VB"),
        ("rare", "JJ"),
        ("rare", "JJ"),
    ];
    let amb = Ambig::build(pairs.iter().copied());
    let mut ws = Words::default();
    ws.fill(&["the", "run", "walk", "rare"], &[], &[], &amb);
    assert_eq!(
        amb.map.len(),
        3,
        "words seen fewer than 3 times have no class"
    );
    assert_eq!(ws.a[1], ws.a[2], "same tag set, same class");
    assert_ne!(ws.a[0], ws.a[1]);
    // Unknown words: by suffix and capitalisation.
    ws.fill(&["blare", "Blare", "flare"], &[], &[], &amb);
    assert_eq!(ws.a[0], ws.a[2]);
    assert_ne!(ws.a[0], ws.a[1]);
    // Stored in the model.
    let p = trained();
    assert!(!p.amb.map.is_empty());
    let mut buf = Vec::new();
    p.encode(&mut buf);
    let q = Parser::decode(&buf).expect("decodes");
    assert_eq!(p.amb, q.amb);
}

#[test]
fn attach_only_at_the_end() {
    let mut c = Config::default();
    c.reset(3);
    c.apply(Move::Shift);
    assert!(!c.can_attach(), "one item on the stack");
    c.apply(Move::Shift);
    assert!(!c.can_attach(), "words left in the buffer");
    c.apply(Move::Shift);
    assert!(c.can_attach());
    c.apply(Move::Attach(1));
    assert_eq!(c.head[2], 1);
    assert_eq!(c.label[2], 1);
    assert_eq!(c.stack, vec![0, 1]);
    assert_eq!(c.r1[1], 2);
    assert!(c.can_attach());
    c.apply(Move::Attach(0));
    assert_eq!(c.head[1], 0);
    assert_eq!(c.stack, vec![0]);
    assert!(!c.can_attach(), "one item on the stack");
    c.apply(Move::Left(2));
    assert!(c.terminal());
    assert_eq!(&c.head[..3], &[3, 0, 1]);
}
