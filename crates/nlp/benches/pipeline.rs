//! Throughput of the text core on one core: segmentation, and tagging plus
//! parsing, on a corpus of at least one million tokens.
//!
//! Run: `cargo bench -p tidings-nlp --bench pipeline [-- CORPUS]`, where
//! CORPUS is a `.conllu` file (its gold words are tagged and parsed) or a
//! plain-text file (segmented first). Without one, the bench uses UD
//! English EWT train from `../shared` when present, else the articles in
//! `samples/`, repeated until the corpus holds a million tokens.

use std::path::{Path, PathBuf};
use std::time::Instant;

use tidings_nlp::pipeline::{Analysis, Scratch};
use tidings_nlp::Model;

const MIN_TOKENS: usize = 1_000_000;

fn fail(msg: String) -> ! {
    eprintln!("bench: {msg}");
    std::process::exit(1)
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let corpus = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .map(PathBuf::from)
        .or_else(|| {
            let ewt = root.join("../shared/data/ud_english/ewt/en_ewt-ud-train.conllu");
            ewt.is_file().then_some(ewt)
        });

    let t = Instant::now();
    let model_path = Model::default_path().unwrap_or_else(|| root.join("models/en-ud.tdm"));
    let model = Model::load(&model_path).unwrap_or_else(|e| fail(e));
    let load_seconds = t.elapsed().as_secs_f64();

    let mut segment_mb_per_second = None;
    let sentences: Vec<Vec<String>> = match &corpus {
        Some(p) if p.extension().is_some_and(|e| e == "conllu") => tidings_conllu::read_file(p)
            .unwrap_or_else(|e| fail(e))
            .iter()
            .map(|s| s.words.iter().map(|w| w.form.clone()).collect())
            .collect(),
        other => {
            let text = match other {
                Some(p) => std::fs::read_to_string(p)
                    .unwrap_or_else(|e| fail(format!("{}: {e}", p.display()))),
                None => ["samples/drone-deliveries.txt", "samples/transcript.txt"]
                    .iter()
                    .map(|f| std::fs::read_to_string(root.join(f)).unwrap_or_default() + "\n\n")
                    .collect(),
            };
            let once = tidings_text::segment(&text).tokens.len().max(1);
            let text = text.repeat(MIN_TOKENS / once + 1);
            let t = Instant::now();
            let seg = tidings_text::segment(&text);
            segment_mb_per_second = Some(text.len() as f64 / 1e6 / t.elapsed().as_secs_f64());
            seg.sentences
                .iter()
                .map(|s| {
                    seg.tokens[s.tokens.clone()]
                        .iter()
                        .map(|t| t.text(&text).to_string())
                        .collect()
                })
                .collect()
        }
    };
    let source = corpus.as_ref().map_or_else(
        || "samples/ (repeated)".to_string(),
        |p| p.display().to_string(),
    );

    // Repeat the sentences until at least MIN_TOKENS words are analysed.
    let per_pass: usize = sentences.iter().map(Vec::len).sum();
    let passes = MIN_TOKENS.div_ceil(per_pass.max(1));
    let forms: Vec<Vec<&str>> = sentences
        .iter()
        .map(|s| s.iter().map(String::as_str).collect())
        .collect();
    let mut analysis = Analysis::default();
    let mut scratch = Scratch::default();
    let t = Instant::now();
    let mut tokens = 0usize;
    for _ in 0..passes {
        for f in &forms {
            model.analyze(f, &mut analysis, &mut scratch);
            tokens += analysis.heads.len();
        }
    }
    let seconds = t.elapsed().as_secs_f64();
    println!(
        "{{\"corpus\":{source:?},\"model_load_seconds\":{load_seconds:.3},\"tokens\":{tokens},\"seconds\":{seconds:.3},\"tag_parse_tokens_per_second\":{:.0},\"segment_mb_per_second\":{}}}",
        tokens as f64 / seconds,
        segment_mb_per_second.map_or("null".to_string(), |v| format!("{v:.1}"))
    );
}
