//! Trains the part-of-speech tagger on UD English (EWT train + the
//! commercially licensed part of GUM train) and reports accuracy, speed and
//! model size.
//!
//! ```text
//! cargo run --release -p tidings-nlp --example tagger_dev -- [OUT.bin]
//!     [--data DIR] [--epochs N] [--seed N] [--two-pass] [--prune X]
//!     [--min-feat N] [--min-class N] [--dict-count N] [--dict-ratio X]
//!     [--amb-count N] [--amb-ratio X] [--quick]
//! ```

use std::path::{Path, PathBuf};
use std::time::Instant;

use tidings_conllu::Sentence;
use tidings_nlp::tagger::{Tagger, TaggerOptions, TaggerScratch};

/// GUM genres under a non-commercial licence: never trained on.
const EXCLUDED_GENRES: &[&str] = &["essay", "fiction", "letter", "podcast", "whow"];

fn load(path: &Path) -> Vec<Sentence> {
    tidings_conllu::read_file(path).unwrap_or_else(|e| {
        eprintln!("cannot read {}: {e}", path.display());
        std::process::exit(1);
    })
}

fn gum_allowed(s: &Sentence) -> bool {
    let genre = s
        .comment("sent_id")
        .and_then(|id| id.strip_prefix("GUM_"))
        .and_then(|rest| rest.split('_').next())
        .unwrap_or("");
    !EXCLUDED_GENRES.contains(&genre)
}

struct Eval {
    upos: f64,
    xpos: f64,
    tokens: usize,
}

fn evaluate(tagger: &Tagger, sents: &[Sentence]) -> Eval {
    let (mut u, mut x, mut n) = (0usize, 0usize, 0usize);
    let (mut up, mut xp) = (Vec::new(), Vec::new());
    let mut scratch = TaggerScratch::new();
    for s in sents {
        let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        tagger.tag_with(&forms, &mut scratch, &mut up, &mut xp);
        for (k, w) in s.words.iter().enumerate() {
            u += (tagger.upos_tags()[up[k] as usize] == w.upos) as usize;
            x += (tagger.xpos_tags()[xp[k] as usize] == w.xpos) as usize;
            n += 1;
        }
    }
    Eval {
        upos: u as f64 / n.max(1) as f64,
        xpos: x as f64 / n.max(1) as f64,
        tokens: n,
    }
}

/// Prints the most frequent UPOS confusions and the accuracy on words
/// unseen in training.
fn report_errors(
    tagger: &Tagger,
    name: &str,
    sents: &[Sentence],
    vocab: &std::collections::HashSet<String>,
) {
    let mut conf: std::collections::HashMap<(String, String), usize> = Default::default();
    let mut words: std::collections::HashMap<String, usize> = Default::default();
    let (mut oov, mut oov_ok) = (0usize, 0usize);
    let mut oov_err: std::collections::HashMap<String, usize> = Default::default();
    let (mut up, mut xp) = (Vec::new(), Vec::new());
    for s in sents {
        let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        tagger.tag(&forms, &mut up, &mut xp);
        for (k, w) in s.words.iter().enumerate() {
            let p = &tagger.upos_tags()[up[k] as usize];
            let known = vocab.contains(&w.form);
            if !known {
                oov += 1;
                oov_ok += (*p == w.upos) as usize;
                if *p != w.upos {
                    *oov_err
                        .entry(format!("{}:{}>{}", w.form, w.upos, p))
                        .or_default() += 1;
                }
            }
            if *p != w.upos {
                *conf.entry((w.upos.clone(), p.clone())).or_default() += 1;
                *words
                    .entry(format!("{}:{}>{}", w.form, w.upos, p))
                    .or_default() += 1;
            }
        }
    }
    println!(
        "{name}: unseen words {oov}, UPOS {:.4}",
        oov_ok as f64 / oov.max(1) as f64
    );
    let mut c: Vec<_> = conf.into_iter().collect();
    c.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let line: Vec<String> = c
        .iter()
        .take(25)
        .map(|((g, p), n)| format!("{g}>{p} {n}"))
        .collect();
    println!("  confusions: {}", line.join(", "));
    let mut w: Vec<_> = words.into_iter().collect();
    w.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let line: Vec<String> = w.iter().take(40).map(|(k, n)| format!("{k} {n}")).collect();
    println!("  words: {}", line.join(", "));
    let mut w: Vec<_> = oov_err.into_iter().collect();
    w.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let line: Vec<String> = w.iter().take(80).map(|(k, n)| format!("{k} {n}")).collect();
    println!("  unseen: {}", line.join(", "));
}

fn main() {
    let mut opts = TaggerOptions {
        verbose: true,
        ..TaggerOptions::default()
    };
    let mut out: Option<PathBuf> = None;
    let mut data = PathBuf::from("/work/shared/data/ud_english");
    let mut quick = false;
    let mut errors = false;
    let mut upos_only = false;
    let mut no_bench = false;
    let mut load_model: Option<PathBuf> = None;
    let mut ewt_copies = 1usize;
    let mut no_gum = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().unwrap_or_default();
        match a.as_str() {
            "--data" => data = PathBuf::from(val()),
            "--epochs" => opts.epochs = val().parse().unwrap_or(opts.epochs),
            "--seed" => opts.seed = val().parse().unwrap_or(opts.seed),
            "--two-pass" => opts.two_pass = true,
            "--prune" => opts.prune = val().parse().unwrap_or(opts.prune),
            "--min-feat" => opts.min_feature_count = val().parse().unwrap_or(1),
            "--min-class" => opts.min_class_count = val().parse().unwrap_or(1),
            "--dict-count" => opts.dict_min_count = val().parse().unwrap_or(20),
            "--dict-ratio" => opts.dict_min_ratio = val().parse().unwrap_or(0.97),
            "--amb-count" => opts.amb_min_count = val().parse().unwrap_or(2),
            "--amb-ratio" => opts.amb_min_ratio = val().parse().unwrap_or(0.0),
            "--unk" => opts.unk_max_count = val().parse().unwrap_or(1),
            "--folds" => opts.folds = val().parse().unwrap_or(4),
            "--upos-only" => upos_only = true,
            "--ewt-copies" => ewt_copies = val().parse().unwrap_or(1),
            "--no-gum" => no_gum = true,
            "--no-bench" => no_bench = true,
            "--retag" => opts.retag_margin = val().parse().unwrap_or(5.0),
            "--load" => load_model = Some(PathBuf::from(val())),
            "--block-count" => opts.block_min_count = val().parse().unwrap_or(20),
            "--quick" => quick = true,
            "--errors" => errors = true,
            _ if !a.starts_with("--") => out = Some(PathBuf::from(a)),
            _ => {
                eprintln!("unknown option {a}");
                std::process::exit(2);
            }
        }
    }
    eprintln!("options: {opts:?}");

    let ewt = data.join("ewt");
    let gum = data.join("gum");
    let mut train = load(&ewt.join("en_ewt-ud-train.conllu"));
    let gum_train = load(&gum.join("en_gum-ud-train.conllu"));
    let gum_total = gum_train.len();
    let ewt_train = train.clone();
    for _ in 1..ewt_copies {
        train.extend(ewt_train.iter().cloned());
    }
    drop(ewt_train);
    if !no_gum {
        train.extend(gum_train.into_iter().filter(gum_allowed));
    }
    if upos_only {
        for w in train.iter_mut().flat_map(|s| s.words.iter_mut()) {
            w.xpos = "_".into();
        }
    }
    let n_train_tokens: usize = train.iter().map(|s| s.words.len()).sum();
    eprintln!(
        "training on {} sentences ({} of {gum_total} GUM), {n_train_tokens} words",
        train.len(),
        train.len() - 12_544.min(train.len())
    );

    let start = Instant::now();
    let tagger = match &load_model {
        Some(path) => {
            let bytes = std::fs::read(path).unwrap_or_else(|e| {
                eprintln!("cannot read {}: {e}", path.display());
                std::process::exit(1);
            });
            Tagger::decode(&bytes).unwrap_or_else(|e| {
                eprintln!("cannot decode {}: {e}", path.display());
                std::process::exit(1);
            })
        }
        None => Tagger::train(&train, &opts),
    };
    let train_secs = start.elapsed().as_secs_f64();
    let vocab: std::collections::HashSet<String> = train
        .iter()
        .flat_map(|s| s.words.iter().map(|w| w.form.clone()))
        .collect();
    drop(train);

    let mut sets = vec![
        ("EWT dev", load(&ewt.join("en_ewt-ud-dev.conllu"))),
        ("GUM dev", load(&gum.join("en_gum-ud-dev.conllu"))),
    ];
    if !quick {
        sets.push(("EWT test", load(&ewt.join("en_ewt-ud-test.conllu"))));
        sets.push(("GUM test", load(&gum.join("en_gum-ud-test.conllu"))));
        sets.push((
            "PUD test",
            load(&data.join("pud").join("en_pud-ud-test.conllu")),
        ));
    }
    println!("training time: {train_secs:.1} s");
    for (name, sents) in &sets {
        let e = evaluate(&tagger, sents);
        println!(
            "{name:9} UPOS {:.4}  XPOS {:.4}  ({} words)",
            e.upos, e.xpos, e.tokens
        );
    }

    if errors {
        for (name, sents) in sets.iter().take(2) {
            report_errors(&tagger, name, sents, &vocab);
        }
    }

    // Speed: tag EWT dev repeatedly until at least one million words.
    if !no_bench {
        let bench = &sets[0].1;
        let forms: Vec<Vec<&str>> = bench
            .iter()
            .map(|s| s.words.iter().map(|w| w.form.as_str()).collect())
            .collect();
        let mut scratch = TaggerScratch::new();
        let (mut up, mut xp) = (Vec::new(), Vec::new());
        let mut best = 0f64;
        let mut check = 0usize;
        for _round in 0..5 {
            let mut words = 0usize;
            let start = Instant::now();
            while words < 1_000_000 {
                for f in &forms {
                    tagger.tag_with(f, &mut scratch, &mut up, &mut xp);
                    words += f.len();
                    check += up.first().copied().unwrap_or(0) as usize;
                }
            }
            best = best.max(words as f64 / start.elapsed().as_secs_f64());
        }
        println!("speed: {best:.0} words/s (best of 5 runs over 1M words; check {check})");
    }

    let mut bytes = Vec::new();
    tagger.encode(&mut bytes);
    println!(
        "encoded size: {:.2} MB ({} feature rows), in memory {:.1} MB",
        bytes.len() as f64 / 1e6,
        tagger.n_features(),
        tagger.heap_bytes() as f64 / 1e6
    );
    match Tagger::decode(&bytes) {
        Ok(back) => {
            let a = evaluate(&tagger, &sets[0].1);
            let b = evaluate(&back, &sets[0].1);
            println!(
                "decode round trip: {}",
                if a.upos == b.upos && a.xpos == b.xpos {
                    "identical"
                } else {
                    "DIFFERENT"
                }
            );
        }
        Err(e) => println!("decode failed: {e}"),
    }
    if let Some(path) = out {
        match std::fs::write(&path, &bytes) {
            Ok(()) => println!("wrote {}", path.display()),
            Err(e) => eprintln!("cannot write {}: {e}", path.display()),
        }
    }
}
