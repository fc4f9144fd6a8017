//! Evaluation of [`segment`](crate::segment()) against CoNLL-U gold data,
//! CoNLL 2018 shared-task style.
//!
//! The raw text is rebuilt from the `# text` comments: sentences joined by a
//! single space, or by a blank line (`"\n\n"`) where a sentence carries a
//! `# newpar` or `# newdoc` comment. Gold sentence, token and word spans are
//! found by aligning the word forms with that text. A predicted unit is
//! correct when its byte span equals a gold span exactly; precision, recall
//! and F1 are computed over the multisets of spans.
//!
//! * Tokens are surface tokens: a multiword token ("don't") counts once,
//!   with the span of the whole group.
//! * Words are syntactic words. For a gold multiword token whose word forms
//!   concatenate to its surface form (do + n't, gon + na) each word gets its
//!   own sub-span; otherwise (rare: forms that are not substrings of the
//!   surface) every word of the group is given the span of the whole
//!   multiword token, so that an unsplit prediction matches one of them.

use crate::segment::{segment, Segmentation};
use tidings_conllu::Sentence as ConlluSentence;

/// Gold text and spans rebuilt from CoNLL-U sentences (byte offsets into
/// `text`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Gold {
    /// The rebuilt raw text.
    pub text: String,
    /// One `(start, end)` span per gold sentence with at least one token.
    pub sentences: Vec<(usize, usize)>,
    /// Surface-token spans.
    pub tokens: Vec<(usize, usize)>,
    /// Syntactic-word spans.
    pub words: Vec<(usize, usize)>,
    /// Surface tokens whose form could not be found in the `# text` (their
    /// span is then a guess of the same length).
    pub unaligned: usize,
}

/// Scores of a segmentation against gold data. Counts are gold counts.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct SegScores {
    /// Correct predicted sentences / predicted sentences.
    pub sentence_precision: f64,
    /// Correct predicted sentences / gold sentences.
    pub sentence_recall: f64,
    /// Harmonic mean of sentence precision and recall.
    pub sentence_f1: f64,
    /// Surface-token precision.
    pub token_precision: f64,
    /// Surface-token recall.
    pub token_recall: f64,
    /// Surface-token F1.
    pub token_f1: f64,
    /// Syntactic-word precision.
    pub word_precision: f64,
    /// Syntactic-word recall.
    pub word_recall: f64,
    /// Syntactic-word F1.
    pub word_f1: f64,
    /// Gold sentences.
    pub sentences: usize,
    /// Gold surface tokens.
    pub tokens: usize,
    /// Gold syntactic words.
    pub words: usize,
    /// Gold surface tokens that could not be aligned with the text.
    pub unaligned: usize,
}

impl SegScores {
    /// The scores as a JSON object (one line).
    pub fn to_json(&self) -> String {
        format!(
            "{{\"sentence_precision\":{:.4},\"sentence_recall\":{:.4},\"sentence_f1\":{:.4},\
             \"token_precision\":{:.4},\"token_recall\":{:.4},\"token_f1\":{:.4},\
             \"word_precision\":{:.4},\"word_recall\":{:.4},\"word_f1\":{:.4},\
             \"sentences\":{},\"tokens\":{},\"words\":{},\"unaligned\":{}}}",
            self.sentence_precision,
            self.sentence_recall,
            self.sentence_f1,
            self.token_precision,
            self.token_recall,
            self.token_f1,
            self.word_precision,
            self.word_recall,
            self.word_f1,
            self.sentences,
            self.tokens,
            self.words,
            self.unaligned
        )
    }
}

/// Rebuilds the raw text of `sentences` and the gold spans in it.
pub fn rebuild_text(sentences: &[ConlluSentence]) -> Gold {
    let mut gold = Gold::default();
    let mut first = true;
    for sent in sentences {
        if sent.words.is_empty() {
            continue;
        }
        let owned;
        let stext = match sent.comment("text") {
            Some(t) => t,
            None => {
                owned = text_from_forms(sent);
                owned.as_str()
            }
        };
        if !first {
            if sent.has_comment("newpar") || sent.has_comment("newdoc") {
                gold.text.push_str("\n\n");
            } else {
                gold.text.push(' ');
            }
        }
        first = false;
        let off = gold.text.len();
        gold.text.push_str(stext);
        let mut pos = 0;
        let mut sent_span: Option<(usize, usize)> = None;
        for (form, fw, lw, _) in sent.surface_tokens() {
            while let Some(c) = stext[pos..].chars().next().filter(|c| c.is_whitespace()) {
                pos += c.len_utf8();
            }
            let (s, e) = match align(stext, pos, form) {
                Some(e) => (pos, e),
                None => {
                    gold.unaligned += 1;
                    let n = form.chars().count();
                    let e = stext[pos..]
                        .char_indices()
                        .nth(n)
                        .map_or(stext.len(), |(i, _)| pos + i);
                    (pos, e)
                }
            };
            pos = e;
            let span = (off + s, off + e);
            gold.tokens.push(span);
            sent_span = Some(match sent_span {
                None => span,
                Some((a, _)) => (a, span.1),
            });
            if fw == lw {
                gold.words.push(span);
                continue;
            }
            let words = &sent.words[fw..=lw];
            let surface = &stext[s..e];
            let concat_len: usize = words.iter().map(|w| w.form.len()).sum();
            let derivable = concat_len == surface.len() && {
                let mut k = 0;
                words.iter().all(|w| {
                    let ok = surface
                        .get(k..k + w.form.len())
                        .is_some_and(|x| x.eq_ignore_ascii_case(&w.form));
                    k += w.form.len();
                    ok
                })
            };
            let mut k = span.0;
            for w in words {
                if derivable {
                    gold.words.push((k, k + w.form.len()));
                    k += w.form.len();
                } else {
                    gold.words.push(span);
                }
            }
        }
        if let Some(sp) = sent_span {
            gold.sentences.push(sp);
        }
    }
    gold
}

/// End (in `text`) of `form` matched at `pos`, allowing whitespace inside
/// the text where the form has none and vice versa.
fn align(text: &str, pos: usize, form: &str) -> Option<usize> {
    if text[pos..].starts_with(form) {
        return Some(pos + form.len());
    }
    let mut t = text[pos..].char_indices().peekable();
    let mut end = pos;
    for fc in form.chars().filter(|c| !c.is_whitespace()) {
        loop {
            let (i, tc) = t.next()?;
            if tc.is_whitespace() && end > pos {
                continue;
            }
            if tc != fc {
                return None;
            }
            end = pos + i + tc.len_utf8();
            break;
        }
    }
    (end > pos).then_some(end)
}

fn text_from_forms(sent: &ConlluSentence) -> String {
    let mut out = String::new();
    for (form, _, _, no_space) in sent.surface_tokens() {
        out.push_str(form);
        if !no_space {
            out.push(' ');
        }
    }
    out.trim_end().to_string()
}

/// Segments the rebuilt text of `sentences` and scores the result.
pub fn eval_segmentation(sentences: &[ConlluSentence]) -> SegScores {
    let gold = rebuild_text(sentences);
    let seg = segment(&gold.text);
    score(&gold, &seg)
}

/// Scores a segmentation of `gold.text` against the gold spans.
pub fn score(gold: &Gold, seg: &Segmentation) -> SegScores {
    let pred_sents: Vec<(usize, usize)> = seg.sentences.iter().map(|s| (s.start, s.end)).collect();
    let pred_tokens = seg.surface_spans();
    let pred_words: Vec<(usize, usize)> = seg.tokens.iter().map(|t| (t.start, t.end)).collect();
    let (sp, sr, sf) = prf(&gold.sentences, &pred_sents);
    let (tp, tr, tf) = prf(&gold.tokens, &pred_tokens);
    let (wp, wr, wf) = prf(&gold.words, &pred_words);
    SegScores {
        sentence_precision: sp,
        sentence_recall: sr,
        sentence_f1: sf,
        token_precision: tp,
        token_recall: tr,
        token_f1: tf,
        word_precision: wp,
        word_recall: wr,
        word_f1: wf,
        sentences: gold.sentences.len(),
        tokens: gold.tokens.len(),
        words: gold.words.len(),
        unaligned: gold.unaligned,
    }
}

/// Number of spans in both multisets.
pub fn matched(gold: &[(usize, usize)], pred: &[(usize, usize)]) -> usize {
    let mut g = gold.to_vec();
    let mut p = pred.to_vec();
    g.sort_unstable();
    p.sort_unstable();
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < g.len() && j < p.len() {
        match g[i].cmp(&p[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

fn prf(gold: &[(usize, usize)], pred: &[(usize, usize)]) -> (f64, f64, f64) {
    let m = matched(gold, pred) as f64;
    let p = if pred.is_empty() {
        0.0
    } else {
        m / pred.len() as f64
    };
    let r = if gold.is_empty() {
        0.0
    } else {
        m / gold.len() as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tidings_conllu::Reader;

    const SAMPLE: &str = "# newdoc id = d1\n# text = They don't.\n1\tThey\tthey\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n\
2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n\
2\tdo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_\n3\tn't\tnot\tPART\tRB\t_\t0\troot\t_\tSpaceAfter=No\n\
4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n\
# text = Fine\n1\tFine\tfine\tADJ\tJJ\t_\t0\troot\t_\t_\n\n\
# newpar\n# text = Next one.\n1\tNext\tnext\tADJ\tJJ\t_\t2\tamod\t_\t_\n2\tone\tone\tNOUN\tNN\t_\t0\troot\t_\tSpaceAfter=No\n\
3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n";

    #[test]
    fn rebuilds_text_and_spans() {
        let sents: Vec<_> = Reader::new(SAMPLE.as_bytes()).map(Result::unwrap).collect();
        let gold = rebuild_text(&sents);
        assert_eq!(gold.text, "They don't. Fine\n\nNext one.");
        assert_eq!(gold.sentences, vec![(0, 11), (12, 16), (18, 27)]);
        assert_eq!(gold.tokens[1], (5, 10));
        assert_eq!(&gold.words[1..3], &[(5, 7), (7, 10)]);
        assert_eq!(gold.unaligned, 0);
        let scores = eval_segmentation(&sents);
        assert_eq!(scores.sentences, 3);
        assert_eq!(scores.tokens, 7);
        assert_eq!(scores.words, 8);
        assert!(scores.token_f1 > 0.99, "{scores:?}");
        assert!(scores.word_f1 > 0.99, "{scores:?}");
        assert!(scores.to_json().starts_with("{\"sentence_precision\":"));
    }

    #[test]
    fn multiset_matching() {
        assert_eq!(
            matched(&[(0, 1), (0, 1), (2, 3)], &[(0, 1), (2, 3), (4, 5)]),
            2
        );
        assert_eq!(prf(&[], &[]), (0.0, 0.0, 0.0));
    }
}
