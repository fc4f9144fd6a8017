//! Evaluates segmentation on a CoNLL-U file (development tool).
//!
//! ```text
//! cargo run --release -p tidings-text --example seg_eval -- FILE.conllu [--json]
//!     [--sent-errors N] [--tok-errors N] [--speed]
//! ```
//!
//! `--sent-errors` / `--tok-errors` print up to N missed gold sentences or
//! tokens with their context; `--speed` times segmentation of the rebuilt
//! text repeated to at least 10 MB.

use std::collections::HashSet;
use std::time::Instant;

use tidings_text::eval::{rebuild_text, score};
use tidings_text::segment;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!(
            "usage: seg_eval FILE.conllu [--json] [--sent-errors N] [--tok-errors N] [--speed]"
        );
        std::process::exit(2);
    };
    let opt = |name: &str| -> usize {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    let sents = match tidings_conllu::read_file(std::path::Path::new(path)) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let gold = rebuild_text(&sents);
    let seg = segment(&gold.text);
    let scores = score(&gold, &seg);
    if args.iter().any(|a| a == "--json") {
        println!("{}", scores.to_json());
    } else {
        println!(
            "sentences {:>6}  P {:.4} R {:.4} F1 {:.4}\ntokens    {:>6}  P {:.4} R {:.4} F1 {:.4}\nwords     {:>6}  P {:.4} R {:.4} F1 {:.4}\nunaligned {}",
            scores.sentences,
            scores.sentence_precision,
            scores.sentence_recall,
            scores.sentence_f1,
            scores.tokens,
            scores.token_precision,
            scores.token_recall,
            scores.token_f1,
            scores.words,
            scores.word_precision,
            scores.word_recall,
            scores.word_f1,
            scores.unaligned
        );
    }
    let text = &gold.text;
    let ctx = |s: usize, e: usize| -> String {
        let mut a = s.saturating_sub(40);
        while !text.is_char_boundary(a) {
            a -= 1;
        }
        let mut b = (e + 40).min(text.len());
        while !text.is_char_boundary(b) {
            b += 1;
        }
        format!("{}[[{}]]{}", &text[a..s], &text[s..e], &text[e..b]).replace('\n', "¶")
    };
    let n = opt("--sent-errors");
    if n > 0 {
        let pred: HashSet<(usize, usize)> =
            seg.sentences.iter().map(|s| (s.start, s.end)).collect();
        let gold_ends: HashSet<usize> = gold.sentences.iter().map(|s| s.1).collect();
        let pred_ends: HashSet<usize> = seg.sentences.iter().map(|s| s.end).collect();
        let mut shown = 0;
        for &(s, e) in &gold.sentences {
            if shown >= n {
                break;
            }
            if !pred.contains(&(s, e)) {
                // Missed boundaries (gold end not predicted) and extra ones inside.
                let kind = if !pred_ends.contains(&e) {
                    "MISS"
                } else {
                    "SPLIT"
                };
                let extra: Vec<usize> = seg
                    .sentences
                    .iter()
                    .map(|x| x.end)
                    .filter(|&x| x > s && x < e && !gold_ends.contains(&x))
                    .collect();
                if kind == "MISS" {
                    println!("MISS  ..{}", ctx(e, e).chars().collect::<String>());
                } else {
                    for x in extra {
                        println!("SPLIT ..{}", ctx(x, x));
                    }
                }
                shown += 1;
            }
        }
    }
    let n = opt("--tok-errors");
    if n > 0 {
        let pred: HashSet<(usize, usize)> = seg.surface_spans().into_iter().collect();
        let mut shown = 0;
        for &(s, e) in &gold.tokens {
            if shown >= n {
                break;
            }
            if !pred.contains(&(s, e)) {
                let mine: Vec<&str> = seg
                    .surface_spans()
                    .into_iter()
                    .filter(|&(a, b)| b > s && a < e)
                    .map(|(a, b)| &text[a..b])
                    .collect();
                println!("TOK {:?} -> {:?}   | {}", &text[s..e], mine, ctx(s, e));
                shown += 1;
            }
        }
    }
    if args.iter().any(|a| a == "--speed") {
        let mut big = String::new();
        while big.len() < 10_000_000 {
            big.push_str(text);
            big.push_str("\n\n");
        }
        let t = Instant::now();
        let seg = segment(&big);
        let secs = t.elapsed().as_secs_f64();
        println!(
            "speed: {:.1} MB in {:.3} s = {:.1} MB/s ({} tokens, {} sentences)",
            big.len() as f64 / 1e6,
            secs,
            big.len() as f64 / 1e6 / secs,
            seg.tokens.len(),
            seg.sentences.len()
        );
    }
}
