//! A labelled transition-based dependency parser.
//!
//! Design:
//! - **Transition system**: arc-eager with the artificial root at the end of
//!   the buffer (`parser/state.rs`).
//! - **Two classifiers**, both averaged perceptrons over hashed features: a
//!   transition model with 12 classes (shift, reduce, and LEFT-ARC /
//!   RIGHT-ARC for each of five coarse label groups (`label_group`); dense
//!   `i16` rows stored next to the key, two per cache line, so that one
//!   lookup is one cache line) and a label model that picks the relation of
//!   each new arc (sparse rows): the label with the best sum of its own
//!   score and half the score of its group's arc transition in the chosen
//!   direction, so that a confident label model can overrule the group of
//!   the best transition (`best_label_joint`). A joint model with
//!   ~100 labelled transition classes was about 0.8 UAS / 1.0 LAS better on
//!   EWT dev (gold tags) but four times slower.
//! - **End of the sentence**: once only the root is left in the buffer, a
//!   headless word on the stack can either go to the root (LEFT-ARC) or be
//!   attached to the item below it (`Move::Attach`, which reuses the
//!   RIGHT-ARC classes), instead of every leftover word becoming a root.
//! - **Training**: the dynamic oracle of Goldberg & Nivre (2012) with
//!   exploration: the first `explore_from` epochs follow the best-scoring
//!   zero-cost transition, later ones follow the model's own prediction
//!   (and predicted labels) with probability `explore_prob`. The label model
//!   learns from every gold arc the parser builds. Non-projective gold trees
//!   are projectivised by lifting (`parser/projective.rs`). Sentences are shuffled
//!   each epoch with a seeded splitmix64, so training is deterministic for a
//!   seed.
//! - **Features**: the rich non-local templates of Zhang & Nivre (2011)
//!   over lowercased forms (digits as `0`) and XPOS, plus a few UPOS and
//!   second-stack-item templates, and templates over per-word *ambiguity
//!   classes* (the set of XPOS tags a word had in the training data, stored
//!   in the model; suffix and capitalisation for rare words), which do not
//!   depend on the single predicted tag (`parser/features.rs`), hashed to
//!   48-bit keys.
//! - **Weights**: pruned (`min_abs_*`) and quantised to `i16`
//!   (`parser/weights.rs`). The transition rows of the tag-only templates
//!   live in a small table of their own, which stays in cache.
//! - **Speed**: feature lookups are the cost (cache and TLB misses), so the
//!   tables are probed in passes that let the misses overlap, the scores of
//!   the stack-top and buffer templates are cached while those parts of the
//!   configuration are unchanged, and arcs whose dependent tag almost always
//!   carries one label (punctuation) skip the label model.
//! - **Decoding**: greedy, linear in the sentence length, no allocation per
//!   sentence after warm-up (thread-local scratch). The tree is always
//!   single-rooted: if several words end up attached to the root, the one
//!   whose root label has the largest margin stays and the others are
//!   attached to it with their best non-root label.

mod features;
mod projective;
mod state;
mod weights;

use std::cell::RefCell;

use crate::model::{decode_strings, encode_strings, ModelError};
use crate::rng::SplitMix64;
use features::{extract, extract_label, extract_parts, Ambig, Words, PART_B, PART_REST, PART_S0};
use state::{Config, Gold, Move, NONE};
use weights::{
    put_varint, take_u32, take_varint, Frozen, SparseTrainer, Split4, NT, N_GROUPS, PAD, SCORES_LEN,
};

const MAGIC: &[u8; 4] = b"TPRS";
const FORMAT: u32 = 5;

/// Training options.
#[derive(Debug, Clone)]
pub struct ParserOptions {
    /// Passes over the training data.
    pub epochs: usize,
    /// Seed of the shuffling / exploration generator.
    pub seed: u64,
    /// Epochs trained with the plain (non-exploring) dynamic oracle first.
    pub explore_from: usize,
    /// Probability of following the model's prediction once exploring.
    pub explore_prob: f64,
    /// Averaged transition weights with a smaller magnitude are dropped
    /// (1.5 was about 0.4 UAS better on EWT and GUM dev than 2.5, for a
    /// transition table about 40% bigger; 1.0 no better than 1.5).
    pub min_abs_transitions: f32,
    /// Averaged label weights with a smaller magnitude are dropped (2.0
    /// costs about 0.05 LAS against 1.0 and keeps the label table small,
    /// which matters for speed: its lookups miss the cache).
    pub min_abs_labels: f32,
    /// Features updated fewer times than this are dropped.
    pub min_hits: u32,
    /// Train on universal relations only (`nmod:poss` → `nmod`).
    pub universal_labels: bool,
    /// Print progress to standard error.
    pub verbose: bool,
}

impl Default for ParserOptions {
    fn default() -> Self {
        ParserOptions {
            epochs: 15,
            seed: 1,
            explore_from: 1,
            explore_prob: 0.9,
            min_abs_transitions: 1.5,
            min_abs_labels: 2.0,
            min_hits: 1,
            universal_labels: false,
            verbose: false,
        }
    }
}

/// A trained parser.
#[derive(Debug, Clone, PartialEq)]
pub struct Parser {
    labels: Vec<String>,
    /// Index of the `root` label, if the training data had one.
    root: Option<u16>,
    universal: bool,
    /// Transition scores: shift, reduce, then LEFT-ARC and RIGHT-ARC per
    /// label group (see [`label_group`]).
    trans: Split4,
    /// The group of each label.
    groups: Vec<u8>,
    /// Ambiguity classes of the frequent training words.
    amb: Ambig,
    /// Label scores of a new arc.
    label_weights: Frozen,
    /// (dependent UPOS, arc to the left?, label): combinations that carry
    /// one label in at least 99% of at least 100 training arcs are labelled
    /// without scoring.
    shortcuts: Vec<(String, bool, u16)>,
    /// Feature hashes of the shortcut tags.
    shortcut_keys: Vec<(u64, bool, u16)>,
}

struct Item {
    words: Words,
    gold: Gold,
}

/// Reusable buffers for parsing.
struct Scratch {
    cfg: Config,
    words: Words,
    feats: Vec<u64>,
    scores: Box<[i32; SCORES_LEN]>,
    /// Words attached to the root: (word, root score, best other label).
    roots: Vec<(u32, i32, u16)>,
    /// Cached scores of the stack-top templates per word, tagged with the
    /// word's right valency + 1 (0 = none).
    s0_cache: Vec<(u32, [i32; NT])>,
    /// Cached scores of the buffer templates: (n0, its left valency, scores).
    b_cache: Option<(usize, u8, [i32; NT])>,
}

impl Default for Scratch {
    fn default() -> Self {
        Scratch {
            cfg: Config::default(),
            words: Words::default(),
            feats: Vec::with_capacity(features::N_TEMPLATES),
            scores: Box::new([0; SCORES_LEN]),
            roots: Vec::new(),
            s0_cache: Vec::new(),
            b_cache: None,
        }
    }
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// The coarse group of a relation that the transition model predicts
/// together with the arc (the label model then picks within the group):
/// 0 core arguments, 1 nominal and clausal modifiers of nominals / obliques,
/// 2 function words and punctuation, 3 other modifiers, 4 the rest
/// (coordination, multiword expressions, loose joining, root).
pub(crate) fn label_group(label: &str) -> u8 {
    match label.split(':').next().unwrap_or("") {
        "nsubj" | "obj" | "iobj" | "csubj" | "ccomp" | "xcomp" | "expl" => 0,
        "nmod" | "obl" | "appos" | "nummod" | "acl" => 1,
        "det" | "case" | "mark" | "cc" | "aux" | "cop" | "clf" | "punct" => 2,
        "advmod" | "advcl" | "amod" | "discourse" | "vocative" | "dislocated" => 3,
        _ => 4,
    }
}

fn label_groups(labels: &[String]) -> Vec<u8> {
    let g: Vec<u8> = labels.iter().map(|l| label_group(l)).collect();
    debug_assert!(g.iter().all(|&x| (x as usize) < N_GROUPS));
    g
}

/// Legality of the transition classes from that of the four move kinds.
/// At the end (only the root left in the buffer) the RIGHT-ARC classes
/// mean [`Move::Attach`].
#[inline]
fn legal_classes(cfg: &Config) -> [bool; NT] {
    let l4 = cfg.legal();
    let right = l4[3] || cfg.can_attach();
    std::array::from_fn(|k| match k {
        0 | 1 => l4[k],
        k if k < 2 + N_GROUPS => l4[2],
        _ => right,
    })
}

/// The best label of group `g` (any label if the group has none).
fn best_label_in<S: Copy + PartialOrd>(
    scores: &[S],
    groups: &[u8],
    g: u8,
    root: Option<u16>,
) -> u16 {
    let mut best: Option<(usize, S)> = None;
    for (l, &s) in scores.iter().enumerate() {
        if groups[l] == g && label_ok(root, l as u16, false) && best.is_none_or(|(_, b)| s > b) {
            best = Some((l, s));
        }
    }
    match best {
        Some(b) => b.0 as u16,
        None => {
            let mut best: Option<(usize, S)> = None;
            for (l, &s) in scores.iter().enumerate() {
                if label_ok(root, l as u16, false) && best.is_none_or(|(_, b)| s > b) {
                    best = Some((l, s));
                }
            }
            best.map_or(0, |b| b.0 as u16)
        }
    }
}

/// Weight of the transition model's group scores when a label is chosen
/// at parse time (real weights, against the label model's): 0.5 was about
/// 0.15 LAS better on EWT and GUM dev than keeping to the group of the best
/// transition (0.25–1 about the same; 0 = label model alone, worse).
const JOINT_WEIGHT: f32 = 0.5;

/// The label of a non-root arc whose direction the transition model chose:
/// the best sum of the label score and `mix` times the score of the arc
/// transition of the label's group (`group_scores`, one per group).
fn best_label_joint(
    scores: &[i32],
    group_scores: &[i32],
    mix: f32,
    groups: &[u8],
    root: Option<u16>,
) -> u16 {
    let mut best: Option<(usize, f32)> = None;
    for (l, &x) in scores.iter().enumerate() {
        if !label_ok(root, l as u16, false) {
            continue;
        }
        let g = group_scores.get(groups[l] as usize).copied().unwrap_or(0);
        let v = x as f32 + mix * g as f32;
        if best.is_none_or(|(_, b)| v > b) {
            best = Some((l, v));
        }
    }
    best.map_or(0, |b| b.0 as u16)
}

/// Which labels a LEFT / RIGHT arc may carry in a configuration.
#[inline]
fn label_ok(root: Option<u16>, l: u16, to_root: bool) -> bool {
    match root {
        Some(r) => (l == r) == to_root,
        None => true,
    }
}

/// Finds the (dependent UPOS, direction) combinations with an almost
/// certain label among the non-root arcs of the training trees.
fn label_shortcuts(
    sentences: &[tidings_conllu::Sentence],
    labels: &[String],
    universal: bool,
) -> Vec<(String, bool, u16)> {
    let mut counts: std::collections::BTreeMap<
        (&str, bool),
        std::collections::BTreeMap<&str, usize>,
    > = Default::default();
    for s in sentences {
        for w in &s.words {
            let Some(h) = w.head.filter(|&h| h != 0) else {
                continue;
            };
            let l = if universal {
                w.udeprel()
            } else {
                w.deprel.as_str()
            };
            *counts
                .entry((w.upos.as_str(), w.id < h))
                .or_default()
                .entry(l)
                .or_default() += 1;
        }
    }
    let mut out = Vec::new();
    for ((tag, left), by_label) in counts {
        let total: usize = by_label.values().sum();
        let Some((&label, &top)) = by_label
            .iter()
            .max_by_key(|(l, &c)| (c, std::cmp::Reverse(*l)))
        else {
            continue;
        };
        if total >= 100 && top * 100 >= total * 99 && label != "root" {
            if let Some(i) = labels.iter().position(|l| l == label) {
                out.push((tag.to_string(), left, i as u16));
            }
        }
    }
    out
}

fn shortcut_keys(shortcuts: &[(String, bool, u16)]) -> Vec<(u64, bool, u16)> {
    shortcuts
        .iter()
        .map(|(t, left, l)| (features::upos_hash(t), *left, *l))
        .collect()
}

/// The best label allowed for an arc (to the root or not).
fn best_label(scores: &[f32], root: Option<u16>, to_root: bool) -> u16 {
    let mut best: Option<(usize, f32)> = None;
    for (l, &s) in scores.iter().enumerate() {
        if label_ok(root, l as u16, to_root) && best.is_none_or(|(_, b)| s > b) {
            best = Some((l, s));
        }
    }
    best.map_or(0, |b| b.0 as u16)
}

/// [`best_label`] over integer scores.
fn best_label_i(scores: &[i32], root: Option<u16>, to_root: bool) -> u16 {
    let mut best: Option<(usize, i32)> = None;
    for (l, &s) in scores.iter().enumerate() {
        if label_ok(root, l as u16, to_root) && best.is_none_or(|(_, b)| s > b) {
            best = Some((l, s));
        }
    }
    best.map_or(0, |b| b.0 as u16)
}

impl Parser {
    /// Trains from sentences; uses each word's form, upos, xpos (the caller
    /// may replace those tags with predicted ones), head and deprel.
    /// Sentences whose gold annotation is not a single-rooted tree are
    /// skipped.
    pub fn train(sentences: &[tidings_conllu::Sentence], opts: &ParserOptions) -> Parser {
        let mut universal = opts.universal_labels;
        let deprel = |w: &tidings_conllu::Word, universal: bool| -> String {
            if universal {
                w.udeprel().to_string()
            } else {
                w.deprel.clone()
            }
        };
        let mut set = std::collections::BTreeSet::new();
        for s in sentences {
            for w in &s.words {
                set.insert(deprel(w, universal));
            }
        }
        if set.len() > PAD && !universal {
            universal = true;
            set = sentences
                .iter()
                .flat_map(|s| s.words.iter().map(|w| deprel(w, true)))
                .collect();
        }
        let mut labels: Vec<String> = set.into_iter().collect();
        labels.truncate(PAD);
        let root = labels.iter().position(|l| l == "root").map(|i| i as u16);
        let n_labels = labels.len();

        let amb = Ambig::build(
            sentences
                .iter()
                .flat_map(|s| s.words.iter().map(|w| (w.form.as_str(), w.xpos.as_str()))),
        );
        // Gold trees, projectivised, in parser positions (root = n).
        let mut items = Vec::with_capacity(sentences.len());
        let mut lifted = 0usize;
        for s in sentences {
            let n = s.words.len();
            if n == 0 {
                continue;
            }
            let Some(mut heads) = s.words.iter().map(|w| w.head).collect::<Option<Vec<_>>>() else {
                continue;
            };
            if !projective::is_tree(&heads) {
                continue;
            }
            lifted += projective::projectivize(&mut heads);
            let mut gl = Vec::with_capacity(n);
            for w in &s.words {
                let d = deprel(w, universal);
                gl.push(labels.iter().position(|l| *l == d).unwrap_or(0) as u16);
            }
            let gh: Vec<u32> = heads
                .iter()
                .map(|&h| if h == 0 { n as u32 } else { (h - 1) as u32 })
                .collect();
            let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            let upos: Vec<&str> = s.words.iter().map(|w| w.upos.as_str()).collect();
            let xpos: Vec<&str> = s.words.iter().map(|w| w.xpos.as_str()).collect();
            let mut words = Words::default();
            words.fill(&forms, &upos, &xpos, &amb);
            items.push(Item {
                words,
                gold: Gold::new(gh, gl),
            });
        }
        if opts.verbose {
            eprintln!(
                "parser: {} trees, {} labels, {} lifted arcs",
                items.len(),
                n_labels,
                lifted
            );
        }

        let shortcuts = label_shortcuts(sentences, &labels, universal);
        let groups = label_groups(&labels);
        let mut trainer = SparseTrainer::new(NT);
        let mut label_trainer = SparseTrainer::new(n_labels);
        let mut rng = SplitMix64(opts.seed ^ 0x5EED_0F7A_85E5);
        let mut order: Vec<usize> = (0..items.len()).collect();
        let mut cfg = Config::default();
        let mut feats = Vec::with_capacity(features::N_TEMPLATES);
        let mut lfeats = Vec::with_capacity(features::N_LABEL_TEMPLATES);
        let mut lscores = vec![0f32; n_labels];
        for epoch in 0..opts.epochs {
            for i in (1..order.len()).rev() {
                let j = rng.below(i + 1);
                order.swap(i, j);
            }
            let explore = epoch >= opts.explore_from;
            let (mut steps, mut errors, mut arcs, mut label_errors) =
                (0usize, 0usize, 0usize, 0usize);
            for &ix in &order {
                let item = &items[ix];
                let n = item.gold.head.len();
                cfg.reset(n);
                while !cfg.terminal() {
                    extract(&cfg, &item.words, &mut feats);
                    let mut scores = [0f32; NT];
                    trainer.score(&feats, &mut scores);
                    let legal = legal_classes(&cfg);
                    let (mut c4, mut gold_left, mut gold_right) = item.gold.costs(&cfg);
                    if cfg.b >= n && cfg.can_attach() {
                        // The end: the top's head is the root or the item
                        // below it (anything else is wrong either way).
                        let s0 = cfg.s0() as usize;
                        let gs = item.gold.head[s0];
                        c4[2] = u32::from(gs as usize != n);
                        c4[3] = u32::from(gs != cfg.s1());
                        gold_left = (gs as usize == n).then(|| item.gold.label[s0]);
                        gold_right = (gs == cfg.s1()).then(|| item.gold.label[s0]);
                    }
                    // A gold arc with the wrong label group costs one more.
                    let costs: [u32; NT] = std::array::from_fn(|k| match k {
                        0 | 1 => c4[k],
                        _ => {
                            let left = k < 2 + N_GROUPS;
                            let g = ((k - 2) % N_GROUPS) as u8;
                            let gold_label = if left { gold_left } else { gold_right };
                            let base = if left { c4[2] } else { c4[3] };
                            base + gold_label.map_or(0, |l| u32::from(groups[l as usize] != g))
                        }
                    });
                    let mut pred: Option<usize> = None;
                    let mut best: Option<usize> = None;
                    for k in (0..NT).filter(|&k| legal[k]) {
                        if pred.is_none_or(|p| scores[k] > scores[p]) {
                            pred = Some(k);
                        }
                        if best.is_none_or(|b| {
                            costs[k] < costs[b] || (costs[k] == costs[b] && scores[k] > scores[b])
                        }) {
                            best = Some(k);
                        }
                    }
                    let (Some(pred), Some(gold)) = (pred, best) else {
                        break; // no legal move: cannot happen
                    };
                    steps += 1;
                    if costs[pred] > costs[gold] {
                        errors += 1;
                        trainer.update(&feats, gold, pred);
                    }
                    trainer.tick();
                    let k = if explore && rng.unit() < opts.explore_prob {
                        pred
                    } else {
                        gold
                    };
                    let m = match k {
                        0 => Move::Shift,
                        1 => Move::Reduce,
                        k if k < NT => {
                            let left = k < 2 + N_GROUPS;
                            let g = ((k - 2) % N_GROUPS) as u8;
                            let attach = !left && cfg.b >= n;
                            let (h, d, gold_label) = if left {
                                (cfg.b as u32, cfg.s0(), gold_left)
                            } else if attach {
                                (cfg.s1(), cfg.s0(), gold_right)
                            } else {
                                (cfg.s0(), cfg.b as u32, gold_right)
                            };
                            extract_label(&cfg, &item.words, h, d, &mut lfeats);
                            lscores.iter_mut().for_each(|s| *s = 0.0);
                            label_trainer.score(&lfeats, &mut lscores);
                            let to_root = h as usize == n;
                            // Root arcs are scored over all labels, so that
                            // the root label's margin means something.
                            let guess = if to_root {
                                best_label(&lscores, None, false)
                            } else {
                                best_label(&lscores, root, false)
                            };
                            let mut l = best_label_in(&lscores, &groups, g, root);
                            if let Some(gl) = gold_label {
                                arcs += 1;
                                if gl != guess {
                                    label_errors += 1;
                                    label_trainer.update(&lfeats, gl as usize, guess as usize);
                                }
                                label_trainer.tick();
                                if groups[gl as usize] == g
                                    && !(explore && rng.unit() < opts.explore_prob)
                                {
                                    l = gl;
                                }
                            }
                            if to_root {
                                l = root.unwrap_or(l);
                            }
                            if left {
                                Move::Left(l)
                            } else if attach {
                                Move::Attach(l)
                            } else {
                                Move::Right(l)
                            }
                        }
                        _ => break,
                    };
                    cfg.apply(m);
                }
            }
            if opts.verbose {
                eprintln!(
                    "parser: epoch {} transition errors {:.4}, label errors {:.4} ({} + {} features)",
                    epoch + 1,
                    errors as f64 / steps.max(1) as f64,
                    label_errors as f64 / arcs.max(1) as f64,
                    trainer.n_features(),
                    label_trainer.n_features(),
                );
            }
        }
        Parser {
            labels,
            root,
            universal,
            trans: Split4::from_frozen(&trainer.freeze(opts.min_abs_transitions, opts.min_hits)),
            label_weights: label_trainer.freeze(opts.min_abs_labels, opts.min_hits),
            shortcut_keys: shortcut_keys(&shortcuts),
            shortcuts,
            groups,
            amb,
        }
    }

    /// Parses one sentence. `heads[i]` is the 1-based head of word `i`
    /// (0 = root); `labels[i]` an index into [`Parser::labels`]. Missing
    /// tags (shorter `upos` / `xpos`) count as `_`.
    pub fn parse(
        &self,
        forms: &[&str],
        upos: &[&str],
        xpos: &[&str],
        heads: &mut Vec<usize>,
        labels: &mut Vec<u16>,
    ) {
        heads.clear();
        labels.clear();
        if forms.is_empty() {
            return;
        }
        SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut s) => self.parse_with(&mut s, forms, upos, xpos, heads, labels),
            Err(_) => self.parse_with(&mut Scratch::default(), forms, upos, xpos, heads, labels),
        });
    }

    fn parse_with(
        &self,
        s: &mut Scratch,
        forms: &[&str],
        upos: &[&str],
        xpos: &[&str],
        heads: &mut Vec<usize>,
        labels: &mut Vec<u16>,
    ) {
        let n = forms.len();
        let n_labels = self.labels.len();
        let root = self.root;
        // Transition scores in label-score units, weighted.
        let mix = JOINT_WEIGHT * self.label_weights.scale() / self.trans.scale();
        s.words.fill(forms, upos, xpos, &self.amb);
        s.cfg.reset(n);
        s.roots.clear();
        s.s0_cache.clear();
        s.s0_cache.resize(n, (0, [0; NT]));
        s.b_cache = None;
        let Scratch {
            cfg,
            words,
            feats,
            scores,
            roots,
            s0_cache,
            b_cache,
        } = s;
        let mut guard = 0usize;
        while !cfg.terminal() && guard <= 2 * n {
            guard += 1;
            let sc = self.transition_scores(cfg, words, feats, s0_cache, b_cache);
            let legal = legal_classes(cfg);
            let mut best: Option<usize> = None;
            for k in (0..NT).filter(|&k| legal[k]) {
                if best.is_none_or(|b| sc[k] > sc[b]) {
                    best = Some(k);
                }
            }
            let m = match best {
                Some(0) => Move::Shift,
                Some(1) => Move::Reduce,
                Some(k) if k < NT => {
                    let left = k < 2 + N_GROUPS;
                    let g = ((k - 2) % N_GROUPS) as u8;
                    let attach = !left && cfg.b >= n;
                    let (h, d) = if left {
                        (cfg.b as u32, cfg.s0())
                    } else if attach {
                        (cfg.s1(), cfg.s0())
                    } else {
                        (cfg.s0(), cfg.b as u32)
                    };
                    let to_root = h as usize == n;
                    let mk = |l: u16| {
                        if left {
                            Move::Left(l)
                        } else if attach {
                            Move::Attach(l)
                        } else {
                            Move::Right(l)
                        }
                    };
                    let dep_tag = words.u[d as usize];
                    let short = (!to_root)
                        .then(|| {
                            self.shortcut_keys.iter().find(|s| {
                                s.0 == dep_tag && s.1 == left && self.groups[s.2 as usize] == g
                            })
                        })
                        .flatten();
                    if let Some(&(_, _, l)) = short {
                        cfg.apply(mk(l));
                        continue;
                    }
                    extract_label(cfg, words, h, d, feats);
                    scores[..n_labels].fill(0);
                    self.label_weights.score(feats, &mut *scores);
                    let ls = &scores[..n_labels];
                    let l = if to_root {
                        // A root attachment: remember how sure the model is
                        // (the root label's margin) and the best other label.
                        let r = root.map_or(0, |r| r as usize);
                        let alt = best_label_i(ls, root, false);
                        let margin = ls.get(r).copied().unwrap_or(0) - ls[alt as usize];
                        roots.push((d, margin, alt));
                        best_label_i(ls, root, true)
                    } else {
                        let dir = if left { 2 } else { 2 + N_GROUPS };
                        best_label_joint(ls, &sc[dir..dir + N_GROUPS], mix, &self.groups, root)
                    };
                    mk(l)
                }
                _ => break,
            };
            cfg.apply(m);
        }
        // Words left without a head (only if the loop was cut short).
        for d in 0..n {
            if cfg.head[d] == NONE {
                cfg.head[d] = n as u32;
                cfg.label[d] = root.unwrap_or(0);
                roots.push((d as u32, i32::MIN, root.unwrap_or(0)));
            }
        }
        let chosen = roots
            .iter()
            .enumerate()
            .max_by_key(|(i, r)| (r.1, std::cmp::Reverse(*i)))
            .map(|(_, r)| r.0);
        if let Some(c) = chosen {
            for &(w, _, alt) in roots.iter() {
                if w != c {
                    cfg.head[w as usize] = c;
                    cfg.label[w as usize] = alt;
                }
            }
        }
        heads.extend(cfg.head[..n].iter().map(
            |&h| {
                if h as usize >= n {
                    0
                } else {
                    h as usize + 1
                }
            },
        ));
        labels.extend_from_slice(&cfg.label[..n]);
    }

    /// Transition scores, reusing the cached parts that cannot have changed.
    fn transition_scores(
        &self,
        cfg: &Config,
        words: &Words,
        feats: &mut Vec<u64>,
        s0_cache: &mut [(u32, [i32; NT])],
        b_cache: &mut Option<(usize, u8, [i32; NT])>,
    ) -> [i32; NT] {
        let add =
            |a: [i32; NT], b: [i32; NT]| -> [i32; NT] { std::array::from_fn(|k| a[k] + b[k]) };
        let s0 = cfg.s0();
        let s0_part = match s0_cache.get_mut(s0 as usize) {
            Some(entry) => {
                let tag = cfg.nr[s0 as usize] as u32 + 1;
                if entry.0 != tag {
                    extract_parts(cfg, words, PART_S0, feats);
                    *entry = (tag, self.trans.score(feats));
                }
                entry.1
            }
            None => {
                extract_parts(cfg, words, PART_S0, feats);
                self.trans.score(feats)
            }
        };
        let (b, nl) = (cfg.b, cfg.nl[cfg.b]);
        let b_part = match *b_cache {
            Some((cb, cnl, sc)) if cb == b && cnl == nl => sc,
            _ => {
                extract_parts(cfg, words, PART_B, feats);
                let sc = self.trans.score(feats);
                *b_cache = Some((b, nl, sc));
                sc
            }
        };
        extract_parts(cfg, words, PART_REST, feats);
        let total = add(add(s0_part, b_part), self.trans.score(feats));
        if cfg!(debug_assertions) {
            extract(cfg, words, feats);
            debug_assert_eq!(total, self.trans.score(feats), "stale cached scores");
        }
        total
    }

    /// The relation labels: full deprels as in the training data (e.g.
    /// `nmod:poss`), or universal ones if trained with `universal_labels`.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// Whether the labels are universal relations only.
    pub fn universal_labels(&self) -> bool {
        self.universal
    }

    /// Feature rows of the transition tables (small, big) and of the
    /// label table.
    pub fn table_sizes(&self) -> (usize, usize, usize) {
        let (s, b) = self.trans.n_features();
        (s, b, self.label_weights.n_features())
    }

    /// Number of feature rows and of stored weights.
    pub fn size(&self) -> (usize, usize) {
        (
            self.trans.n_features().0 + self.trans.n_features().1 + self.label_weights.n_features(),
            (self.trans.n_features().0 + self.trans.n_features().1) * NT
                + self.label_weights.n_entries(),
        )
    }

    /// Drops weights whose magnitude is below `min_abs` (a smaller, faster,
    /// slightly less accurate model).
    pub fn prune(&mut self, min_abs: f32) {
        self.prune_tables(min_abs, min_abs);
    }

    /// [`Parser::prune`] with separate thresholds for the transition and
    /// the label weights.
    pub fn prune_tables(&mut self, transitions: f32, labels: f32) {
        self.label_weights = self.label_weights.pruned(labels);
        self.trans = self.trans.pruned(transitions);
    }

    /// Appends the binary form of the parser to `out`.
    pub fn encode(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT.to_le_bytes());
        out.extend_from_slice(&u32::from(self.universal).to_le_bytes());
        encode_strings(out, &self.labels);
        out.extend_from_slice(&self.root.map_or(u32::MAX, u32::from).to_le_bytes());
        self.trans.encode(out);
        self.label_weights.encode(out);
        out.extend_from_slice(&(self.shortcuts.len() as u32).to_le_bytes());
        for (tag, left, l) in &self.shortcuts {
            encode_strings(out, std::slice::from_ref(tag));
            out.push(u8::from(*left));
            out.extend_from_slice(&l.to_le_bytes());
        }
        let mut amb: Vec<(u64, u64)> = self.amb.map.iter().map(|(&w, &a)| (w, a)).collect();
        amb.sort_unstable();
        out.extend_from_slice(&(amb.len() as u32).to_le_bytes());
        let mut prev = 0u64;
        for (w, a) in amb {
            put_varint(out, w - prev);
            prev = w;
            out.extend_from_slice(&a.to_le_bytes());
        }
    }

    /// Decodes what [`Parser::encode`] wrote.
    pub fn decode(input: &[u8]) -> Result<Parser, ModelError> {
        let corrupt = |m: &str| ModelError::Corrupt(format!("parser: {m}"));
        let mut r = input
            .strip_prefix(MAGIC)
            .ok_or_else(|| corrupt("bad magic"))?;
        let wrap = |e: weights::Corrupt| corrupt(e.0);
        let version = take_u32(&mut r).map_err(wrap)?;
        if version != FORMAT {
            return Err(corrupt("unsupported parser format"));
        }
        let universal = take_u32(&mut r).map_err(wrap)? != 0;
        let labels = decode_strings(&mut r)?;
        if labels.is_empty() || labels.len() > PAD {
            return Err(corrupt("label count out of range"));
        }
        let root = match take_u32(&mut r).map_err(wrap)? {
            u32::MAX => None,
            i if (i as usize) < labels.len() => Some(i as u16),
            _ => return Err(corrupt("root label out of range")),
        };
        let trans = Split4::decode(&mut r).map_err(wrap)?;
        let label_weights = Frozen::decode(&mut r).map_err(wrap)?;
        if label_weights.n_classes() != labels.len() {
            return Err(corrupt("class count does not match labels"));
        }
        let count = take_u32(&mut r).map_err(wrap)? as usize;
        if count > 1 << 16 {
            return Err(corrupt("too many label shortcuts"));
        }
        let mut shortcuts = Vec::with_capacity(count);
        for _ in 0..count {
            let tag = decode_strings(&mut r)?
                .pop()
                .ok_or_else(|| corrupt("shortcut tag"))?;
            if r.len() < 3 {
                return Err(corrupt("truncated shortcut"));
            }
            let left = r[0] != 0;
            let l = u16::from_le_bytes([r[1], r[2]]);
            r = &r[3..];
            if l as usize >= labels.len() {
                return Err(corrupt("shortcut label out of range"));
            }
            shortcuts.push((tag, left, l));
        }
        let count = take_u32(&mut r).map_err(wrap)? as usize;
        if count > r.len() / 9 {
            return Err(corrupt("too many ambiguity classes"));
        }
        let mut amb = Ambig::default();
        let mut w = 0u64;
        for i in 0..count {
            let delta = take_varint(&mut r).map_err(wrap)?;
            if i > 0 && delta == 0 {
                return Err(corrupt("ambiguity keys not increasing"));
            }
            w = w
                .checked_add(delta)
                .ok_or_else(|| corrupt("ambiguity key overflow"))?;
            if r.len() < 8 {
                return Err(corrupt("truncated ambiguity class"));
            }
            let (a, rest) = r.split_at(8);
            r = rest;
            amb.map
                .insert(w, u64::from_le_bytes(a.try_into().unwrap_or([0; 8])));
        }
        if !r.is_empty() {
            return Err(corrupt("trailing bytes"));
        }
        Ok(Parser {
            amb,
            groups: label_groups(&labels),
            labels,
            root,
            universal,
            trans,
            label_weights,
            shortcut_keys: shortcut_keys(&shortcuts),
            shortcuts,
        })
    }
}

#[cfg(test)]
mod tests;
