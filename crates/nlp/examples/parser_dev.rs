//! Parser experiments: trains on UD EWT train + the commercially usable GUM
//! train documents, then reports UAS / LAS (CoNLL 2018: all syntactic
//! words, punctuation included, LAS on universal relations) on EWT dev/test,
//! GUM dev/test and PUD with gold tags and, when a tagger model is available,
//! with predicted tags; parsing speed; training time; model size.
//!
//! ```text
//! CARGO_TARGET_DIR=/work/target-parser cargo run --release -p tidings-nlp \
//!     --example parser_dev -- --epochs 15 --out /work/parser.bin
//! ```
//!
//! Options: `--epochs N`, `--seed N`, `--explore-from N`, `--p F`,
//! `--min-abs T[,L]` and `--min-hits N` (pruning at training time; the
//! default is 2.5,1.5), `--prune T[,L]` (prune transition / label weights
//! below T / L afterwards), `--universal`, `--ewt-only`, `--out PATH` (write
//! the encoded parser), `--load PATH` (skip training), `--tagger PATH`
//! (default `/work/tagger.bin`, falling back to `/work/tagger-parserdev.bin`),
//! `--jackknife K` (re-tag the training data with K-fold jackknifed taggers
//! first; also trains a tagger on all of it, written to `--tagger-out PATH`,
//! default `/work/tagger-parserdev.bin`), `--jk-out FILE` (write the
//! re-tagged training data), `--train-tags FILE` (train on a re-tagged
//! CoNLL-U file instead; with `--add-gold` the gold-tagged copy too),
//! `--quick` (dev sets only).

use std::path::Path;
use std::time::Instant;

use tidings_conllu::Sentence;
use tidings_nlp::parser::{Parser, ParserOptions};
use tidings_nlp::tagger::{Tagger, TaggerOptions};

const DATA: &str = "/work/shared/data/ud_english";
const NON_COMMERCIAL: [&str; 5] = ["essay", "fiction", "letter", "podcast", "whow"];

fn read(rel: &str) -> Vec<Sentence> {
    let path = Path::new(DATA).join(rel);
    tidings_conllu::read_file(&path).unwrap_or_else(|e| panic!("{e}"))
}

fn gum_commercial(s: &Sentence) -> bool {
    let genre = s
        .comment("sent_id")
        .and_then(|id| id.strip_prefix("GUM_"))
        .and_then(|rest| rest.split('_').next())
        .unwrap_or("");
    !NON_COMMERCIAL.contains(&genre)
}

fn udep(l: &str) -> &str {
    l.split(':').next().unwrap_or("")
}

/// Replaces UPOS / XPOS by the tagger's predictions.
fn retag(tagger: &Tagger, sents: &[Sentence]) -> Vec<Sentence> {
    let (mut u, mut x) = (Vec::new(), Vec::new());
    sents
        .iter()
        .map(|s| {
            let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            tagger.tag(&forms, &mut u, &mut x);
            let mut s = s.clone();
            for (i, w) in s.words.iter_mut().enumerate() {
                w.upos = tagger.upos_tags()[u[i] as usize].clone();
                w.xpos = tagger.xpos_tags()[x[i] as usize].clone();
            }
            s
        })
        .collect()
}

/// (UAS, LAS, UPOS accuracy, XPOS accuracy) over the words of `gold`.
fn evaluate(p: &Parser, gold: &[Sentence], tagged: &[Sentence]) -> (f64, f64, f64, f64) {
    let (mut total, mut uas, mut las, mut tag_ok) = (0usize, 0usize, 0usize, 0usize);
    let mut xpos_ok = 0usize;
    let (mut heads, mut labels) = (Vec::new(), Vec::new());
    for (g, t) in gold.iter().zip(tagged) {
        let forms: Vec<&str> = t.words.iter().map(|w| w.form.as_str()).collect();
        let upos: Vec<&str> = t.words.iter().map(|w| w.upos.as_str()).collect();
        let xpos: Vec<&str> = t.words.iter().map(|w| w.xpos.as_str()).collect();
        p.parse(&forms, &upos, &xpos, &mut heads, &mut labels);
        for (i, w) in g.words.iter().enumerate() {
            total += 1;
            tag_ok += usize::from(w.upos == t.words[i].upos);
            xpos_ok += usize::from(w.xpos == t.words[i].xpos);
            if w.head == Some(heads[i]) {
                uas += 1;
                if udep(&p.labels()[labels[i] as usize]) == w.udeprel() {
                    las += 1;
                }
            }
        }
    }
    let t = total.max(1) as f64;
    (
        uas as f64 / t,
        las as f64 / t,
        tag_ok as f64 / t,
        xpos_ok as f64 / t,
    )
}

/// User + system CPU time of this thread (from `/proc`), in seconds.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").unwrap_or_default();
    // Fields after the parenthesised command name; utime and stime are the
    // 14th and 15th fields overall.
    let rest = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<&str> = rest.split_whitespace().collect();
    let tick = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    (tick(11) + tick(12)) / 100.0
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let get = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let has = |name: &str| args.iter().any(|a| a == name);
    let mut opts = ParserOptions {
        verbose: true,
        ..ParserOptions::default()
    };
    if let Some(v) = get("--epochs") {
        opts.epochs = v.parse().expect("--epochs");
    }
    if let Some(v) = get("--seed") {
        opts.seed = v.parse().expect("--seed");
    }
    if let Some(v) = get("--explore-from") {
        opts.explore_from = v.parse().expect("--explore-from");
    }
    if let Some(v) = get("--p") {
        opts.explore_prob = v.parse().expect("--p");
    }
    if let Some(v) = get("--min-abs") {
        // `T` or `T,L` (transition and label thresholds).
        let (t, l) = v.split_once(',').unwrap_or((&v, &v));
        opts.min_abs_transitions = t.parse().expect("--min-abs");
        opts.min_abs_labels = l.parse().expect("--min-abs");
    }
    if let Some(v) = get("--min-hits") {
        opts.min_hits = v.parse().expect("--min-hits");
    }
    opts.universal_labels = has("--universal");
    let quick = has("--quick");

    let parser = if let Some(path) = get("--load") {
        let bytes = std::fs::read(&path).expect("read --load");
        Parser::decode(&bytes).expect("decode")
    } else {
        let mut train = match get("--train-tags") {
            Some(f) => {
                let mut t = tidings_conllu::read_file(Path::new(&f)).expect("--train-tags");
                if has("--add-gold") {
                    // The gold-tagged copy as well.
                    t.extend(read("ewt/en_ewt-ud-train.conllu"));
                    t.extend(
                        read("gum/en_gum-ud-train.conllu")
                            .into_iter()
                            .filter(gum_commercial),
                    );
                }
                t
            }
            None => {
                let mut t = read("ewt/en_ewt-ud-train.conllu");
                if !has("--ewt-only") {
                    t.extend(
                        read("gum/en_gum-ud-train.conllu")
                            .into_iter()
                            .filter(gum_commercial),
                    );
                }
                t
            }
        };
        train.retain(|s| !s.words.is_empty());
        if let Some(k) = get("--jackknife") {
            // k-fold jackknife: each fold re-tagged by a tagger trained on
            // the others; then a final tagger on everything.
            let k: usize = k.parse().expect("--jackknife");
            let topts = TaggerOptions::default();
            let mut out = train.clone();
            for fold in 0..k {
                let rest: Vec<Sentence> = train
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| i % k != fold)
                    .map(|(_, s)| s.clone())
                    .collect();
                let t0 = Instant::now();
                let tagger = Tagger::train(&rest, &topts);
                let held: Vec<usize> = (0..train.len()).filter(|i| i % k == fold).collect();
                let held_sents: Vec<Sentence> = held.iter().map(|&i| train[i].clone()).collect();
                for (&i, s) in held.iter().zip(retag(&tagger, &held_sents)) {
                    out[i] = s;
                }
                eprintln!(
                    "jackknife fold {} done in {:.0}s",
                    fold + 1,
                    t0.elapsed().as_secs_f64()
                );
            }
            let tagger = Tagger::train(&train, &topts);
            let mut tb = Vec::new();
            tagger.encode(&mut tb);
            let tpath = get("--tagger-out").unwrap_or_else(|| "/work/tagger-parserdev.bin".into());
            std::fs::write(&tpath, &tb).expect("write tagger");
            eprintln!("wrote {tpath}");
            if let Some(path) = get("--jk-out") {
                let mut text = String::new();
                for s in &out {
                    tidings_conllu::write_sentence(&mut text, s);
                }
                std::fs::write(&path, text).expect("write --jk-out");
                eprintln!("wrote {path}");
            }
            train = out;
        }
        let words: usize = train.iter().map(|s| s.words.len()).sum();
        eprintln!(
            "training on {} sentences, {} words: {:?}",
            train.len(),
            words,
            opts
        );
        let t0 = Instant::now();
        let p = Parser::train(&train, &opts);
        eprintln!("training time {:.1}s", t0.elapsed().as_secs_f64());
        p
    };
    let mut parser = parser;
    if let Some(v) = get("--prune") {
        // `T` or `T,L` (transition and label thresholds).
        let (t, l) = v.split_once(',').unwrap_or((&v, &v));
        parser.prune_tables(t.parse().expect("--prune"), l.parse().expect("--prune"));
    }
    let mut bytes = Vec::new();
    parser.encode(&mut bytes);
    let (rows, entries) = parser.size();
    println!(
        "model: {} labels, {} feature rows, {} weights, encoded {:.2} MB",
        parser.labels().len(),
        rows,
        entries,
        bytes.len() as f64 / 1e6
    );
    println!("tables (small, big, label): {:?}", parser.table_sizes());
    if let Some(path) = get("--out") {
        std::fs::write(&path, &bytes).expect("write --out");
        println!("wrote {path}");
    }

    let tagger_path = get("--tagger").unwrap_or_else(|| "/work/tagger.bin".to_string());
    let tagger = std::fs::read(&tagger_path)
        .ok()
        .and_then(|b| {
            Tagger::decode(&b)
                .map_err(|e| eprintln!("tagger: {e}"))
                .ok()
        })
        .or_else(|| {
            let b = std::fs::read("/work/tagger-parserdev.bin").ok()?;
            eprintln!("using /work/tagger-parserdev.bin");
            Tagger::decode(&b).ok()
        });
    let mut sets = vec![
        ("EWT dev", "ewt/en_ewt-ud-dev.conllu"),
        ("GUM dev", "gum/en_gum-ud-dev.conllu"),
    ];
    if !quick {
        sets.extend([
            ("EWT test", "ewt/en_ewt-ud-test.conllu"),
            ("GUM test", "gum/en_gum-ud-test.conllu"),
            ("PUD test", "pud/en_pud-ud-test.conllu"),
        ]);
    }
    let mut speed_set = None;
    for (name, file) in sets {
        let gold = read(file);
        let (uas, las, _, _) = evaluate(&parser, &gold, &gold);
        print!("{name:9} gold tags: UAS {uas:.4} LAS {las:.4}");
        if let Some(t) = &tagger {
            let tagged = retag(t, &gold);
            let (uas, las, acc, xacc) = evaluate(&parser, &gold, &tagged);
            print!("  | predicted tags (UPOS {acc:.4}, XPOS {xacc:.4}): UAS {uas:.4} LAS {las:.4}");
            if name == "EWT test" || (quick && name == "EWT dev") {
                speed_set = Some(tagged);
            }
        } else if name == "EWT test" || (quick && name == "EWT dev") {
            speed_set = Some(gold);
        }
        println!();
    }

    // Speed: the parser alone, one thread, >= 1M tokens.
    if let Some(sents) = speed_set {
        let prepared: Vec<(Vec<&str>, Vec<&str>, Vec<&str>)> = sents
            .iter()
            .map(|s| {
                (
                    s.words.iter().map(|w| w.form.as_str()).collect(),
                    s.words.iter().map(|w| w.upos.as_str()).collect(),
                    s.words.iter().map(|w| w.xpos.as_str()).collect(),
                )
            })
            .collect();
        let per_pass: usize = prepared.iter().map(|p| p.0.len()).sum();
        let passes = 1_000_000usize.div_ceil(per_pass.max(1));
        let (mut heads, mut labels) = (Vec::new(), Vec::new());
        let mut check = 0usize;
        let cpu0 = cpu_seconds();
        let t0 = Instant::now();
        for _ in 0..passes {
            for (f, u, x) in &prepared {
                parser.parse(f, u, x, &mut heads, &mut labels);
                check += heads.first().copied().unwrap_or(0);
            }
        }
        let secs = t0.elapsed().as_secs_f64();
        let cpu = cpu_seconds() - cpu0;
        let tokens = (passes * per_pass) as f64;
        println!(
            "speed: {:.0} tokens/s wall, {:.0} tokens/s CPU ({} tokens in {:.2}s wall, {:.2}s CPU; checksum {check})",
            tokens / secs,
            tokens / cpu.max(1e-9),
            passes * per_pass,
            secs,
            cpu
        );
    }
}
