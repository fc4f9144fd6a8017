//! A parsed sentence: word forms, tags and the dependency tree, with the
//! navigation helpers the other modules use.

use tidings_nlp::pipeline::{Analysis, Scratch};
use tidings_nlp::Model;
use tidings_text::Token;

/// One tagged and parsed sentence of a document.
#[derive(Debug, Clone)]
pub struct Sent<'a> {
    /// Index of the sentence in the document's segmentation.
    pub index: usize,
    /// Byte span of the sentence.
    pub start: usize,
    /// Byte end of the sentence.
    pub end: usize,
    /// Byte spans of the tokens.
    pub spans: Vec<(usize, usize)>,
    /// Word forms.
    pub forms: Vec<&'a str>,
    /// Lower-case word forms (curly apostrophes made straight).
    pub lower: Vec<String>,
    /// Universal part-of-speech tags.
    pub upos: Vec<&'a str>,
    /// Penn Treebank tags.
    pub xpos: Vec<&'a str>,
    /// 0-based heads; `None` for the root.
    pub head: Vec<Option<usize>>,
    /// Dependency relations.
    pub label: Vec<&'a str>,
    /// Dependents of each word, in order.
    pub kids: Vec<Vec<usize>>,
}

/// Whether a sentence is written in Title Case: most of its longer words
/// after the first are capitalised, and fewer than half are in capitals.
fn is_title_case(forms: &[&str]) -> bool {
    let words: Vec<&&str> = forms
        .iter()
        .skip(1)
        .filter(|f| f.chars().count() >= 4 && f.chars().all(char::is_alphabetic))
        .collect();
    if words.len() < 3 {
        return false;
    }
    let caps = words
        .iter()
        .filter(|f| f.chars().next().is_some_and(char::is_uppercase))
        .count();
    let all_caps = words
        .iter()
        .filter(|f| f.chars().all(char::is_uppercase))
        .count();
    caps * 10 >= words.len() * 7 && all_caps * 2 < words.len()
}

/// The spans of `spans` (in text order, not overlapping) that meet the
/// byte range `from..to`.
fn meeting(spans: &[(usize, usize)], from: usize, to: usize) -> &[(usize, usize)] {
    let lo = spans.partition_point(|&(_, e)| e <= from);
    let hi = spans.partition_point(|&(s, _)| s < to).max(lo);
    &spans[lo..hi]
}

/// Lower-cases a form and straightens apostrophes.
pub fn lower(form: &str) -> String {
    form.to_lowercase().replace('\u{2019}', "'")
}

impl<'a> Sent<'a> {
    /// Tags and parses the tokens of one sentence. Capitalised words inside
    /// a weapon designation (`designations`, byte spans) are tagged as proper
    /// nouns: the tagger has never seen most of them.
    ///
    /// A headline in Title Case ("UN Condemns Deadly Missile Attack on
    /// Ukraine Railway Station") is tagged as if written in sentence case:
    /// its capitalised words outside the entity names `names` (byte spans)
    /// are lower-cased for the model, so that "Condemns" reads as a verb.
    /// The words at `progressive` (trigger verbs after a form of "be", and
    /// past particle verbs such as "shot down" after a noun) are tagged as
    /// verbs: present participles for "-ing" forms, past tense otherwise.
    #[allow(clippy::too_many_arguments)]
    pub fn parse(
        model: &'a Model,
        text: &'a str,
        index: usize,
        toks: &[Token],
        designations: &[(usize, usize)],
        names: &[(usize, usize)],
        multiword: &[(usize, usize)],
        progressive: &[usize],
        analysis: &mut Analysis,
        scratch: &mut Scratch,
    ) -> Sent<'a> {
        let forms: Vec<&'a str> = toks.iter().map(|t| &text[t.start..t.end]).collect();
        // only the spans that meet this sentence (all three lists are in text
        // order and do not overlap)
        let (from, to) = (
            toks.first().map_or(0, |t| t.start),
            toks.last().map_or(0, |t| t.end),
        );
        let (designations, names, multiword) = (
            meeting(designations, from, to),
            meeting(names, from, to),
            meeting(multiword, from, to),
        );
        let cased: Vec<String>;
        let model_forms: Vec<&str> = if is_title_case(&forms) {
            cased = toks
                .iter()
                .zip(&forms)
                .map(|(t, f)| {
                    let named = names.iter().any(|&(s, e)| s <= t.start && t.end <= e)
                        || designations
                            .iter()
                            .any(|&(s, e)| s <= t.start && t.end <= e);
                    let acronym = f.chars().filter(|c| c.is_alphabetic()).count() > 1
                        && f.chars().all(|c| !c.is_lowercase());
                    if named || acronym {
                        f.to_string()
                    } else {
                        f.to_lowercase()
                    }
                })
                .collect();
            cased.iter().map(String::as_str).collect()
        } else {
            forms.clone()
        };
        let proper: Vec<bool> = toks
            .iter()
            .zip(&forms)
            .map(|(t, f)| {
                f.chars().next().is_some_and(char::is_uppercase)
                    && f.chars().all(char::is_alphabetic)
                    && designations
                        .iter()
                        .any(|&(s, e)| s <= t.start && t.end <= e)
            })
            .collect();
        // A name of several words ("the Taipei Economic and Cultural
        // Representative Office") is parsed as its last word, a proper
        // noun; its other words hang on that word as `flat`.
        let n = forms.len();
        let mut rep: Vec<usize> = Vec::with_capacity(n); // model word → its last token
        let mut model_of: Vec<usize> = Vec::with_capacity(n); // token → model word
        let mut i = 0;
        while i < n {
            let span = multiword
                .iter()
                .find(|&&(s, e)| s <= toks[i].start && toks[i].end <= e);
            let mut j = i;
            if let Some(&(_, e)) = span {
                while j + 1 < n && toks[j + 1].end <= e {
                    j += 1;
                }
            }
            for _ in i..=j {
                model_of.push(rep.len());
            }
            rep.push(j);
            i = j + 1;
        }
        let grouped = rep.len() < n;
        let (m_forms, m_proper): (Vec<&str>, Vec<bool>) = if grouped {
            rep.iter()
                .enumerate()
                .map(|(k, &last)| {
                    let first = if k == 0 { 0 } else { rep[k - 1] + 1 };
                    // the model sees the name's last capitalised word
                    // ("Kim Jong-un" → "Jong", not "un")
                    let shown = (first..=last)
                        .rev()
                        .find(|&i| forms[i].chars().next().is_some_and(char::is_uppercase))
                        .unwrap_or(last);
                    let cap = forms[shown].chars().next().is_some_and(char::is_uppercase);
                    (model_forms[shown], proper[last] || first < last && cap)
                })
                .unzip()
        } else {
            (model_forms.clone(), proper.clone())
        };
        // trigger verbs in the progressive ("the Treasury is imposing
        // sanctions") are verbs, not adjectives
        let m_verb: Vec<bool> = (0..rep.len())
            .map(|k| progressive.contains(&rep[k]))
            .collect();
        // "North Korean-made missiles", "Iranian-backed militias": a
        // participle glued to a name by a hyphen is an adjective
        let m_adj: Vec<bool> = (0..rep.len())
            .map(|k| {
                let j = rep[k];
                j >= 2
                    && forms[j - 1] == "-"
                    && toks[j - 1].end == toks[j].start
                    && toks[j - 2].end == toks[j - 1].start
                    && forms[j - 2].chars().next().is_some_and(char::is_uppercase)
                    && HYPHEN_PARTICIPLES.contains(&forms[j].to_lowercase().as_str())
            })
            .collect();
        if m_proper.iter().any(|&p| p) || m_verb.iter().any(|&v| v) || m_adj.iter().any(|&a| a) {
            let forced: Vec<Option<(&str, &str)>> = (0..rep.len())
                .map(|k| {
                    if m_verb[k] {
                        let xpos = if m_forms[k].ends_with("ing") {
                            "VBG"
                        } else {
                            "VBD"
                        };
                        Some(("VERB", xpos))
                    } else if m_adj[k] {
                        Some(("ADJ", "JJ"))
                    } else {
                        m_proper[k].then_some(("PROPN", "NNP"))
                    }
                })
                .collect();
            model.analyze_forced(&m_forms, &forced, analysis, scratch);
        } else {
            model.analyze(&m_forms, analysis, scratch);
        }
        let m = m_forms.len();
        let m_head = |k: usize| match analysis.heads.get(k).copied().unwrap_or(0) {
            0 => None,
            h if h <= m && h - 1 != k => Some(rep[h - 1]),
            _ => None,
        };
        let head: Vec<Option<usize>> = (0..n)
            .map(|i| {
                let k = model_of[i];
                if rep[k] == i {
                    m_head(k)
                } else {
                    Some(rep[k])
                }
            })
            .collect();
        // token → (model word, whether it is the word the model saw)
        let seen = |i: usize| (model_of[i], rep[model_of[i]] == i);
        let mut kids = vec![Vec::new(); n];
        for (i, h) in head.iter().enumerate() {
            if let Some(h) = *h {
                kids[h].push(i);
            }
        }
        Sent {
            index,
            start: toks.first().map_or(0, |t| t.start),
            end: toks.last().map_or(0, |t| t.end),
            spans: toks.iter().map(|t| (t.start, t.end)).collect(),
            lower: forms.iter().map(|f| lower(f)).collect(),
            upos: (0..n)
                .map(|i| match seen(i) {
                    (k, true) => model.upos_name(analysis.upos.get(k).copied().unwrap_or(0)),
                    _ => "PROPN",
                })
                .collect(),
            xpos: (0..n)
                .map(|i| match seen(i) {
                    (k, true) => model.xpos_name(analysis.xpos.get(k).copied().unwrap_or(0)),
                    _ => "NNP",
                })
                .collect(),
            label: (0..n)
                .map(|i| match seen(i) {
                    (k, true) => model.label_name(analysis.labels.get(k).copied().unwrap_or(0)),
                    _ => "flat",
                })
                .collect(),
            forms,
            head,
            kids,
        }
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.forms.len()
    }

    /// True when the sentence has no words.
    pub fn is_empty(&self) -> bool {
        self.forms.is_empty()
    }

    /// Dependents of `i` whose relation is `label` or a subtype of it
    /// (`obl` also gives `obl:tmod`).
    pub fn kids_with<'s>(&'s self, i: usize, label: &'s str) -> impl Iterator<Item = usize> + 's {
        self.kids[i].iter().copied().filter(move |&k| {
            let l = self.label[k];
            l == label || (l.starts_with(label) && l.as_bytes().get(label.len()) == Some(&b':'))
        })
    }

    /// The first dependent of `i` with exactly this relation.
    pub fn kid(&self, i: usize, label: &str) -> Option<usize> {
        self.kids[i]
            .iter()
            .copied()
            .find(|&k| self.label[k] == label)
    }

    /// The lower-case `case` marker of a nominal ("to", "from"; multiword
    /// markers like "according to" joined by a space).
    pub fn case_of(&self, i: usize) -> Option<String> {
        let cases: Vec<usize> = self.kids[i]
            .iter()
            .copied()
            .filter(|&k| self.label[k] == "case" && k < i)
            .collect();
        let &c = cases.last()?;
        let mut s = self.lower[c].clone();
        for f in self.kids_with(c, "fixed") {
            s.push(' ');
            s.push_str(&self.lower[f]);
        }
        Some(s)
    }

    /// Words of the subtree of `i` (sorted), not descending into dependents
    /// whose relation is in `stop`.
    pub fn subtree(&self, i: usize, stop: &[&str]) -> Vec<usize> {
        let mut out = Vec::new();
        let mut stack = vec![i];
        while let Some(j) = stack.pop() {
            if out.len() > self.len() {
                break;
            }
            out.push(j);
            for &k in &self.kids[j] {
                if !stop.contains(&self.label[k]) {
                    stack.push(k);
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The chain of heads above `i`, nearest first.
    pub fn ancestors(&self, i: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut cur = self.head[i];
        while let Some(h) = cur {
            if out.contains(&h) || out.len() > self.len() {
                break;
            }
            out.push(h);
            cur = self.head[h];
        }
        out
    }

    /// Byte span covered by a set of words.
    pub fn byte_span(&self, words: &[usize]) -> (usize, usize) {
        let lo = words
            .iter()
            .map(|&w| self.spans[w].0)
            .min()
            .unwrap_or(self.start);
        let hi = words
            .iter()
            .map(|&w| self.spans[w].1)
            .max()
            .unwrap_or(self.start);
        (lo, hi)
    }

    /// True for a verb (or a participle tagged as an adjective).
    pub fn is_verb(&self, i: usize) -> bool {
        self.upos[i] == "VERB" || (self.upos[i] == "ADJ" && matches!(self.xpos[i], "VBN" | "VBG"))
    }

    /// True for a noun.
    pub fn is_noun(&self, i: usize) -> bool {
        matches!(self.upos[i], "NOUN" | "PROPN")
    }
}

/// Participles that make an adjective of the name they are hyphened to.
const HYPHEN_PARTICIPLES: &[&str] = &[
    "made",
    "built",
    "backed",
    "supplied",
    "designed",
    "produced",
    "manufactured",
    "owned",
    "controlled",
    "led",
    "run",
    "based",
    "linked",
    "funded",
    "sponsored",
    "operated",
];
