//! Tagging and parsing scores, as the CoNLL 2018 shared task defines them
//! for gold tokenization: every syntactic word counts (punctuation
//! included), LAS compares the universal part of the relation only.

/// Counts of correct decisions over a set of words.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Syntactic words scored.
    pub words: usize,
    pub upos: usize,
    pub xpos: usize,
    /// Correct head.
    pub uas: usize,
    /// Correct head and universal relation.
    pub las: usize,
}

impl Counts {
    /// Adds one word's outcome.
    #[allow(clippy::too_many_arguments)]
    pub fn add(
        &mut self,
        gold_upos: &str,
        gold_xpos: &str,
        gold_head: Option<usize>,
        gold_deprel: &str,
        upos: &str,
        xpos: &str,
        head: usize,
        deprel: &str,
    ) {
        self.words += 1;
        self.upos += usize::from(gold_upos == upos);
        self.xpos += usize::from(gold_xpos == xpos);
        if gold_head == Some(head) {
            self.uas += 1;
            self.las += usize::from(universal(gold_deprel) == universal(deprel));
        }
    }

    fn frac(n: usize, d: usize) -> f64 {
        if d == 0 {
            0.0
        } else {
            n as f64 / d as f64
        }
    }

    /// UPOS accuracy, 0..1.
    pub fn upos_acc(&self) -> f64 {
        Self::frac(self.upos, self.words)
    }
    /// XPOS accuracy, 0..1.
    pub fn xpos_acc(&self) -> f64 {
        Self::frac(self.xpos, self.words)
    }
    /// Unlabelled attachment score, 0..1.
    pub fn uas_score(&self) -> f64 {
        Self::frac(self.uas, self.words)
    }
    /// Labelled attachment score (universal relations), 0..1.
    pub fn las_score(&self) -> f64 {
        Self::frac(self.las, self.words)
    }
}

/// The universal part of a relation: `nmod:poss` → `nmod`.
pub fn universal(deprel: &str) -> &str {
    deprel.split(':').next().unwrap_or(deprel)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_subtypes_as_universal() {
        let mut c = Counts::default();
        c.add("NOUN", "NN", Some(2), "nmod:poss", "NOUN", "NNS", 2, "nmod");
        c.add("VERB", "VBD", Some(0), "root", "NOUN", "NN", 1, "root");
        assert_eq!(c.words, 2);
        assert_eq!((c.upos, c.xpos, c.uas, c.las), (1, 0, 1, 1));
        assert!((c.las_score() - 0.5).abs() < 1e-9);
        assert_eq!(Counts::default().uas_score(), 0.0);
    }
}

/// Scores of a model on gold-tokenized sentences, with the time it took.
#[derive(Debug, Clone, Copy, Default)]
pub struct Evaluation {
    pub counts: Counts,
    /// Seconds spent tagging and parsing (reading the file excluded).
    pub seconds: f64,
}

impl Evaluation {
    /// Words tagged and parsed per second.
    pub fn tokens_per_second(&self) -> f64 {
        if self.seconds > 0.0 {
            self.counts.words as f64 / self.seconds
        } else {
            0.0
        }
    }

    /// One JSON object: `upos`, `xpos`, `uas`, `las` (fractions), `tokens`,
    /// `sentences`, `tokens_per_second`.
    pub fn to_json(&self, sentences: usize) -> String {
        let c = &self.counts;
        format!(
            "{{\"upos\":{:.4},\"xpos\":{:.4},\"uas\":{:.4},\"las\":{:.4},\"tokens\":{},\"sentences\":{},\"tokens_per_second\":{:.0}}}",
            c.upos_acc(),
            c.xpos_acc(),
            c.uas_score(),
            c.las_score(),
            c.words,
            sentences,
            self.tokens_per_second()
        )
    }
}

/// Tags and parses the gold words of `sents` with `model` and scores the
/// result against their gold annotation.
pub fn evaluate(model: &crate::pipeline::Model, sents: &[tidings_conllu::Sentence]) -> Evaluation {
    use crate::pipeline::{Analysis, Scratch};
    let forms: Vec<Vec<&str>> = sents
        .iter()
        .map(|s| s.words.iter().map(|w| w.form.as_str()).collect())
        .collect();
    let mut analyses = vec![Analysis::default(); sents.len()];
    let mut scratch = Scratch::default();
    let start = std::time::Instant::now();
    for (f, a) in forms.iter().zip(analyses.iter_mut()) {
        model.analyze(f, a, &mut scratch);
    }
    let seconds = start.elapsed().as_secs_f64();
    let mut counts = Counts::default();
    for (s, a) in sents.iter().zip(&analyses) {
        for (i, w) in s.words.iter().enumerate() {
            counts.add(
                &w.upos,
                &w.xpos,
                w.head,
                &w.deprel,
                model.upos_name(a.upos[i]),
                model.xpos_name(a.xpos[i]),
                a.heads[i],
                model.label_name(a.labels[i]),
            );
        }
    }
    Evaluation { counts, seconds }
}
