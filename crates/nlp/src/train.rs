//! Training the shipped model from Universal Dependencies treebanks: the
//! tagger on all training sentences, the parser on the same sentences with
//! tags predicted by k-fold jackknifing, so that it learns from the kind of
//! tags it will see at run time.

use std::path::PathBuf;
use std::time::Instant;

use tidings_conllu::Sentence;

use crate::parser::{Parser, ParserOptions};
use crate::pipeline::Model;
use crate::tagger::{Tagger, TaggerOptions};

/// GUM genres whose texts are licensed for non-commercial use only; their
/// documents never enter a shipped model.
pub const NON_COMMERCIAL_GUM_GENRES: &[&str] = &["essay", "fiction", "letter", "podcast", "whow"];

/// What to train on and how.
#[derive(Debug, Clone)]
pub struct TrainConfig {
    /// CoNLL-U training files.
    pub train: Vec<PathBuf>,
    /// Folds for jackknifed parser-training tags (1 = gold tags).
    pub folds: usize,
    /// Seed for every shuffle.
    pub seed: u64,
    /// Tagger training epochs (0 = the tagger's default).
    pub tagger_epochs: usize,
    /// Parser training epochs (0 = the parser's default).
    pub parser_epochs: usize,
}

/// Whether a sentence comes from a non-commercial GUM document.
pub fn is_non_commercial(sent: &Sentence) -> bool {
    let id = sent.comment("sent_id").unwrap_or("");
    let Some(rest) = id.strip_prefix("GUM_") else {
        return false;
    };
    let genre = rest.split('_').next().unwrap_or("");
    NON_COMMERCIAL_GUM_GENRES.contains(&genre)
}

/// Reads the training files, dropping non-commercial documents. Returns the
/// sentences and a line per file for the model's description.
pub fn load_training(files: &[PathBuf]) -> Result<(Vec<Sentence>, Vec<String>), String> {
    let mut all = Vec::new();
    let mut notes = Vec::new();
    for f in files {
        let sents = tidings_conllu::read_file(f)?;
        let total = sents.len();
        let kept: Vec<Sentence> = sents
            .into_iter()
            .filter(|s| !is_non_commercial(s))
            .collect();
        let words: usize = kept.iter().map(|s| s.words.len()).sum();
        let name = f.file_name().map_or_else(
            || f.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        notes.push(format!(
            "{name}: {} of {total} sentences, {words} words",
            kept.len()
        ));
        all.extend(kept);
    }
    Ok((all, notes))
}

/// Predicted (UPOS, XPOS) sequences of the sentences of one fold.
type FoldTags = Vec<(Vec<String>, Vec<String>)>;

/// Replaces the tags of `sents` with ones predicted by taggers trained on
/// the other folds (folds are contiguous blocks, so documents stay together).
pub fn jackknife_tags(sents: &mut [Sentence], folds: usize, opts: &TaggerOptions) {
    if folds < 2 || sents.len() < folds {
        return;
    }
    let n = sents.len();
    let bounds: Vec<(usize, usize)> = (0..folds)
        .map(|k| (k * n / folds, (k + 1) * n / folds))
        .collect();
    let predicted: Vec<FoldTags> = std::thread::scope(|scope| {
        let threads = std::thread::available_parallelism()
            .map_or(1, |p| p.get())
            .max(1);
        let mut results: Vec<Option<FoldTags>> = vec![None; folds];
        let sents_ref: &[Sentence] = sents;
        for chunk in (0..folds).collect::<Vec<_>>().chunks(threads) {
            let handles: Vec<_> = chunk
                .iter()
                .map(|&k| {
                    let (lo, hi) = bounds[k];
                    scope.spawn(move || {
                        let train: Vec<Sentence> = sents_ref[..lo]
                            .iter()
                            .chain(&sents_ref[hi..])
                            .cloned()
                            .collect();
                        let tagger = Tagger::train(&train, opts);
                        let (mut u, mut x) = (Vec::new(), Vec::new());
                        let out: Vec<_> = sents_ref[lo..hi]
                            .iter()
                            .map(|s| {
                                let forms: Vec<&str> =
                                    s.words.iter().map(|w| w.form.as_str()).collect();
                                tagger.tag(&forms, &mut u, &mut x);
                                (
                                    u.iter()
                                        .map(|&i| tagger.upos_tags()[i as usize].clone())
                                        .collect(),
                                    x.iter()
                                        .map(|&i| tagger.xpos_tags()[i as usize].clone())
                                        .collect(),
                                )
                            })
                            .collect();
                        (k, out)
                    })
                })
                .collect();
            for h in handles {
                if let Ok((k, out)) = h.join() {
                    results[k] = Some(out);
                }
            }
        }
        results.into_iter().map(Option::unwrap_or_default).collect()
    });
    for (k, fold) in predicted.into_iter().enumerate() {
        let (lo, _) = bounds[k];
        for (i, (u, x)) in fold.into_iter().enumerate() {
            for (w, (u, x)) in sents[lo + i].words.iter_mut().zip(u.into_iter().zip(x)) {
                w.upos = u;
                w.xpos = x;
            }
        }
    }
}

/// Trains a model; `log` receives progress lines.
pub fn train(cfg: &TrainConfig, log: &mut dyn FnMut(&str)) -> Result<Model, String> {
    let started = Instant::now();
    let (mut sents, notes) = load_training(&cfg.train)?;
    if sents.is_empty() {
        return Err("no training sentences".into());
    }
    for n in &notes {
        log(n);
    }
    let mut topts = TaggerOptions {
        seed: cfg.seed,
        ..TaggerOptions::default()
    };
    if cfg.tagger_epochs > 0 {
        topts.epochs = cfg.tagger_epochs;
    }
    let mut popts = ParserOptions {
        seed: cfg.seed,
        ..ParserOptions::default()
    };
    if cfg.parser_epochs > 0 {
        popts.epochs = cfg.parser_epochs;
    }
    log("training the tagger");
    let tagger = Tagger::train(&sents, &topts);
    log(&format!(
        "tagger trained ({:.0} s)",
        started.elapsed().as_secs_f64()
    ));
    if cfg.folds > 1 {
        log(&format!("jackknifing tags over {} folds", cfg.folds));
        jackknife_tags(&mut sents, cfg.folds, &topts);
        log(&format!(
            "jackknifed ({:.0} s)",
            started.elapsed().as_secs_f64()
        ));
    }
    log("training the parser");
    let parser = Parser::train(&sents, &popts);
    log(&format!(
        "parser trained ({:.0} s)",
        started.elapsed().as_secs_f64()
    ));
    let info = format!(
        "tidings English tagger and parser\ntrained on: {}\nseed: {}, jackknife folds: {}, tagger epochs: {}, parser epochs: {}\nlicence: CC BY-SA 4.0 (derived from UD English EWT and GUM)\n",
        notes.join("; "),
        cfg.seed,
        cfg.folds,
        topts.epochs,
        popts.epochs
    );
    Ok(Model {
        tagger,
        parser,
        info,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_non_commercial_gum_documents() {
        let mk = |id: &str| Sentence {
            comments: vec![format!("sent_id = {id}")],
            ..Sentence::default()
        };
        assert!(is_non_commercial(&mk("GUM_fiction_beast-12")));
        assert!(is_non_commercial(&mk("GUM_whow_joke-3")));
        assert!(!is_non_commercial(&mk("GUM_news_iodine-4")));
        assert!(!is_non_commercial(&mk("weblog-blogspot.com_x-0001")));
    }
}
