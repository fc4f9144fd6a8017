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

#[test]
fn long_input_is_fast_and_valid() {
    let p = trained();
    let base = ["the", "zorb", "flims", "a", "blick", "quickly", "."];
    let tags = ["DET", "NOUN", "VERB", "DET", "NOUN", "ADV", "PUNCT"];
    let forms: Vec<&str> = (0..5000).map(|i| base[i % base.len()]).collect();
    let upos: Vec<&str> = (0..5000).map(|i| tags[i % tags.len()]).collect();
    let (mut h, mut l) = (Vec::new(), Vec::new());
    let t = std::time::Instant::now();
    p.parse(&forms, &upos, &upos, &mut h, &mut l);
    assert!(t.elapsed().as_secs_f64() < 2.0, "took {:?}", t.elapsed());
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
