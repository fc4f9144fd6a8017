//! Part-of-speech tagger: a greedy left-to-right averaged perceptron that
//! predicts the universal (UPOS) and language-specific (XPOS) tag of every
//! word at once, as one combined class.
//!
//! Features (Collins 2002, Honnibal 2013 style) are hashed: the normalised
//! word (lowercased, digits → `0`, curly apostrophes → `'`), its prefixes and
//! suffixes, a collapsed word shape, orthographic flags, the surrounding
//! words, the previous predicted tags, and the *ambiguity class* of the word
//! and of the next two words (the set of tags each was seen with in
//! training). Frequent words that nearly always carry one tag are tagged by
//! a dictionary without scoring.
//!
//! An optional second pass (trained on jackknifed first-pass tags) re-tags
//! the words the first pass was least sure of, with the first pass's tags
//! on the right as extra features. It gains about 0.1 point of accuracy
//! for ~15% of the speed, twice the model size and five times the training
//! time, so it is off by default.
//!
//! Run time: weights are stored sparse (only non-zero classes per feature),
//! and for frequent forms the features that read a single token are summed
//! ahead of time into one "block" per form and context offset, so a word
//! costs about fifteen hash look-ups. `tag` allocates nothing once its
//! (thread-local) buffers have grown; time is linear in the input.

use std::cell::RefCell;
use std::collections::HashMap;

use crate::hash::{hash_bytes, mix};
use crate::model::{decode_strings, encode_strings, ModelError};
use crate::perceptron::{argmax, Trainer, Weights};
use crate::rng::SplitMix64;

/// Magic bytes at the start of a tagger section.
const MAGIC: &[u8; 4] = b"TGR1";
/// Layout version of the tagger section.
const FORMAT: u32 = 2;
/// "No class": a dictionary miss.
const NONE: u16 = u16::MAX;
/// Tokens of context padding on each side of a sentence.
const PAD: usize = 2;

/// Training settings.
#[derive(Debug, Clone)]
pub struct TaggerOptions {
    /// Passes over the training data.
    pub epochs: usize,
    /// Seed of the sentence shuffle.
    pub seed: u64,
    /// A (UPOS, XPOS) pair seen fewer times becomes the most frequent pair
    /// with the same UPOS.
    pub min_class_count: usize,
    /// A word form enters the tag dictionary when seen at least this often...
    pub dict_min_count: usize,
    /// ...with at least this share of one tag pair.
    pub dict_min_ratio: f64,
    /// A word gets an ambiguity class when seen at least this often.
    pub amb_min_count: usize,
    /// A tag enters a word's ambiguity class above this share of its uses.
    pub amb_min_ratio: f64,
    /// Words seen at most this often in training are treated as unknown
    /// by the word-identity features (so those learn what unknown words
    /// look like); their affixes and shape still count.
    pub unk_max_count: usize,
    /// Context features (not about the word itself) seen fewer times in the
    /// training data are dropped.
    pub min_feature_count: u32,
    /// Averaged weights smaller than this in magnitude are dropped.
    pub prune: f32,
    /// Train and run a second pass that sees the first pass's tags on the
    /// right.
    pub two_pass: bool,
    /// Folds of the jackknife that makes first-pass tags for training the
    /// second pass.
    pub folds: usize,
    /// The second pass re-tags only words whose first-pass score margin
    /// (best minus second best) is below this; the rest keep their tag.
    pub retag_margin: f32,
    /// Forms seen at least this often get precomputed feature blocks
    /// (faster tagging, a little more memory; no effect on the features).
    pub block_min_count: usize,
    /// Print progress to stderr.
    pub verbose: bool,
}

impl Default for TaggerOptions {
    fn default() -> Self {
        TaggerOptions {
            epochs: 10,
            seed: 1,
            min_class_count: 20,
            dict_min_count: 20,
            dict_min_ratio: 0.97,
            amb_min_count: 2,
            amb_min_ratio: 0.02,
            min_feature_count: 1,
            unk_max_count: 0,
            prune: 0.5,
            two_pass: false,
            folds: 4,
            retag_margin: 5.0,
            block_min_count: 20,
            verbose: false,
        }
    }
}

/// A trained part-of-speech tagger.
#[derive(Debug, Clone)]
pub struct Tagger {
    upos: Vec<String>,
    xpos: Vec<String>,
    /// Class → (UPOS index, XPOS index).
    classes: Vec<(u16, u16)>,
    /// Exact form hash → class, for frequent unambiguous words.
    dict: LexTable,
    /// Normalised form hash → index into `amb_values` (or [`NO_AMB`]);
    /// words missing are unknown.
    amb: LexTable,
    /// Ambiguity classes as class bit sets.
    amb_masks: Vec<u128>,
    /// Feature value of each ambiguity class.
    amb_values: Vec<u64>,
    weights: SparseWeights,
    weights2: Option<SparseWeights>,
    /// Frequent forms whose token-only features are summed ahead of time.
    block_forms: Vec<String>,
    /// Exact form hash → index into `block_forms`.
    block_index: LexTable,
    /// The blocks under `weights` and `weights2`.
    blocks: BlockWeights,
    blocks2: Option<BlockWeights>,
    /// Second pass: words whose first-pass margin is at least this keep
    /// their first-pass tag.
    retag_margin: f32,
}

/// For each frequent form and each slot (see [`SLOTS`]), the sum of the
/// weight rows of that slot's features: one sparse run instead of up to
/// eleven look-ups. Rebuilt from the forms and weights on load.
#[derive(Debug, Clone, Default)]
struct BlockWeights {
    /// Run start of `form id * 5 + slot` (`u32::MAX` = no weights).
    starts: Vec<u32>,
    entries: Vec<Entry>,
}

impl BlockWeights {
    /// Adds the block `r` (`form id * 5 + slot`) into `scores`.
    #[inline]
    fn add(&self, r: u32, scores: &mut [f32]) {
        let start = match self.starts.get(r as usize) {
            Some(&s) if s != u32::MAX => s as usize,
            _ => return,
        };
        for e in self.entries.get(start..).unwrap_or(&[]) {
            if let Some(x) = scores.get_mut((e.class & !LAST) as usize) {
                *x += e.weight;
            }
            if e.class & LAST != 0 {
                break;
            }
        }
    }
}

/// Reusable buffers for [`Tagger::tag_with`].
#[derive(Debug, Default)]
pub struct TaggerScratch {
    toks: Vec<Tok>,
    norm: String,
    feats: Vec<u64>,
    scores: Vec<f32>,
    first: Vec<u16>,
    classes: Vec<u16>,
    runs: Vec<u32>,
    stat: Vec<u64>,
    offsets: Vec<u32>,
    brefs: Vec<u32>,
    boffsets: Vec<u32>,
    margins: Vec<f32>,
    margins1: Vec<f32>,
    /// Classes imposed by the caller, one per form (`NONE` = free).
    fixed: Vec<u16>,
}

/// Buffers of [`decode_sentence`].
struct DecodeBufs<'a> {
    feats: &'a mut Vec<u64>,
    margins: &'a mut Vec<f32>,
    runs: &'a mut Vec<u32>,
    scores: &'a mut Vec<f32>,
}

impl TaggerScratch {
    /// Empty buffers.
    pub fn new() -> Self {
        Self::default()
    }
}

thread_local! {
    static SCRATCH: RefCell<TaggerScratch> = RefCell::new(TaggerScratch::new());
}

// ---------------------------------------------------------------------------
// Token analysis

/// What the features need to know about one token, computed once.
#[derive(Debug, Clone, Copy, Default)]
struct Tok {
    lower: u64,
    suf: [u64; 4],
    pre: [u64; 3],
    shape: u64,
    flags: u64,
    amb: u64,
    dict: u16,
    /// Id of the form's precomputed blocks, or [`NONE`].
    block: u16,
}

const BOS: u64 = 0x0B05_0B05_0B05_0B05;
const EOS: u64 = 0x0E05_0E05_0E05_0E05;
/// Ambiguity value of a word without one.
const AMB_UNKNOWN: u64 = 0x0A3B_0000_0000_0001;
/// Normalised-form value of a word unknown (or too rare) in training.
const UNK: u64 = 0x0C0C_0000_0000_0001;
/// Vocabulary entry of a known word without an ambiguity class.
const NO_AMB: u16 = u16::MAX;

impl Tok {
    fn pad(v: u64) -> Tok {
        Tok {
            lower: v,
            suf: [v; 4],
            pre: [v; 3],
            shape: v,
            flags: v,
            amb: v,
            dict: NONE,
            block: NONE,
        }
    }
}

/// Lowercases, maps digits to `0` and curly apostrophes to `'`.
fn normalise(form: &str, out: &mut String) {
    out.clear();
    for c in form.chars() {
        match c {
            '0'..='9' => out.push('0'),
            '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' => out.push('\''),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c if c.is_numeric() => out.push('0'),
            c => out.extend(c.to_lowercase()),
        }
    }
}

/// Analyses one form (no lexicon look-ups). `norm` is a scratch buffer and
/// holds the normalised form afterwards.
fn analyse(form: &str, first: bool, norm: &mut String) -> Tok {
    normalise(form, norm);
    let nb = norm.as_bytes();
    let lower = hash_bytes(nb);
    let mut suf = [lower ^ 0x55; 4];
    for (k, (i, _)) in norm.char_indices().rev().take(4).enumerate() {
        suf[k] = hash_bytes(&nb[i..]) ^ (k as u64 + 1);
    }
    let mut pre = [lower ^ 0x77; 3];
    for (k, (i, c)) in norm.char_indices().take(3).enumerate() {
        pre[k] = hash_bytes(&nb[..i + c.len_utf8()]) ^ ((k as u64 + 1) << 8);
    }
    // Shape: character classes, runs capped at 3, at most 24 bytes.
    let mut shape = [0u8; 24];
    let mut len = 0;
    let mut last = '\0';
    let mut run = 0;
    let (mut upper, mut lowerc, mut digit, mut hyphen, mut alpha) =
        (false, false, false, false, false);
    let mut nchars = 0usize;
    for c in form.chars() {
        nchars += 1;
        let cls = if c.is_ascii_digit() || (!c.is_ascii() && c.is_numeric()) {
            digit = true;
            'd'
        } else if c.is_uppercase() {
            upper = true;
            alpha = true;
            'X'
        } else if c.is_lowercase() {
            lowerc = true;
            alpha = true;
            'x'
        } else if c.is_alphabetic() {
            alpha = true;
            'a'
        } else {
            if c == '-' {
                hyphen = true;
            }
            c
        };
        if cls == last {
            run += 1;
            if run > 3 {
                continue;
            }
        } else {
            run = 1;
            last = cls;
        }
        let n = cls.len_utf8();
        if len + n <= shape.len() {
            cls.encode_utf8(&mut shape[len..]);
            len += n;
        }
    }
    let init_upper = form.chars().next().is_some_and(|c| c.is_uppercase());
    let len_bucket = match nchars {
        0..=3 => nchars as u64,
        4..=5 => 4,
        6..=8 => 5,
        _ => 6,
    };
    let flags = (digit as u64)
        | (hyphen as u64) << 1
        | (upper as u64) << 2
        | ((upper && !lowerc) as u64) << 3
        | (init_upper as u64) << 4
        | (first as u64) << 5
        | (alpha as u64) << 6
        | len_bucket << 8;
    Tok {
        lower,
        suf,
        pre,
        shape: hash_bytes(&shape[..len]),
        flags,
        amb: AMB_UNKNOWN,
        dict: NONE,
        block: NONE,
    }
}

/// Hash of an exact form (dictionary key).
#[inline]
fn form_key(form: &str) -> u64 {
    hash_bytes(form.as_bytes()) ^ 0xF0F0
}

// ---------------------------------------------------------------------------
// Features

#[inline]
fn f1(t: u64, a: u64) -> u64 {
    let h = mix(t.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x07A6_61E5, a);
    if h == 0 {
        1
    } else {
        h
    }
}

#[inline]
fn f2(t: u64, a: u64, b: u64) -> u64 {
    f1(t, mix(a, b ^ 0x5851_F42D))
}

/// Offsets of the tokens read by the token-only template groups ("slots").
/// Slot 0 (the word itself) must stay first: see `min_feature_count`.
const SLOTS: [isize; 5] = [0, -1, -2, 1, 2];
/// Number of keys slot 0 emits.
const OWN_KEYS: usize = 11;

/// The features of slot `slot` (see [`SLOTS`]), which read token `t` only.
#[inline]
fn slot_features(slot: usize, t: &Tok, out: &mut Vec<u64>) {
    match slot {
        0 => {
            out.push(f1(0, 1));
            out.push(f1(1, t.lower));
            out.push(f1(2, t.suf[0]));
            out.push(f1(3, t.suf[1]));
            out.push(f1(4, t.suf[2]));
            out.push(f1(5, t.suf[3]));
            out.push(f1(6, t.pre[0]));
            out.push(f1(7, t.pre[1]));
            out.push(f1(8, t.pre[2]));
            out.push(f1(9, t.shape));
            out.push(f1(20, t.amb));
        }
        1 => {
            out.push(f1(11, t.lower));
            out.push(f1(15, t.suf[2]));
            out.push(f1(26, t.shape));
        }
        2 => out.push(f1(12, t.lower)),
        3 => {
            out.push(f1(13, t.lower));
            out.push(f1(16, t.suf[2]));
            out.push(f1(21, t.amb));
            out.push(f1(25, t.shape));
        }
        _ => {
            out.push(f1(14, t.lower));
            out.push(f1(17, t.suf[2]));
            out.push(f1(22, t.amb));
        }
    }
}

/// Static features that read two tokens, or position-dependent flags.
#[inline]
fn pair_features(toks: &[Tok], i: usize, out: &mut Vec<u64>) {
    let w = &toks[i];
    let p1 = &toks[i - 1];
    let n1 = &toks[i + 1];
    let n2 = &toks[i + 2];
    out.push(f1(10, w.flags));
    out.push(f2(18, w.lower, p1.lower));
    out.push(f2(19, w.lower, n1.lower));
    out.push(f2(23, n1.amb, n2.amb));
    out.push(f2(24, w.amb, n1.amb));
}

/// Features that do not depend on predicted tags. `toks` is padded; `i` is
/// the padded index of the word.
fn static_features(toks: &[Tok], i: usize, out: &mut Vec<u64>) {
    for (slot, &o) in SLOTS.iter().enumerate() {
        slot_features(slot, &toks[(i as isize + o) as usize], out);
    }
    pair_features(toks, i, out);
}

/// Static features at run time: the slots of tokens with a precomputed
/// block become block references (`form id * 5 + slot`) in `blocks`; the
/// rest are feature keys in `out`.
fn static_features_blocked(toks: &[Tok], i: usize, out: &mut Vec<u64>, blocks: &mut Vec<u32>) {
    for (slot, &o) in SLOTS.iter().enumerate() {
        let t = &toks[(i as isize + o) as usize];
        if t.block != NONE {
            blocks.push(t.block as u32 * SLOTS.len() as u32 + slot as u32);
        } else {
            slot_features(slot, t, out);
        }
    }
    pair_features(toks, i, out);
}

/// Features over the previous predicted tags `t1`, `t2` (class indices, or
/// the start sentinel).
#[inline]
fn tag_features(toks: &[Tok], i: usize, t1: u64, t2: u64, out: &mut Vec<u64>) {
    let w = &toks[i];
    let n1 = &toks[i + 1];
    out.push(f1(40, t1));
    out.push(f2(41, t1, t2));
    out.push(f2(42, t1, w.lower));
    out.push(f2(43, t1, w.suf[2]));
    out.push(f2(44, t1, n1.amb));
    out.push(f2(45, t1, w.amb));
}

/// Second-pass features over the first pass's tags on the right.
#[inline]
fn right_features(toks: &[Tok], i: usize, t1: u64, r1: u64, r2: u64, out: &mut Vec<u64>) {
    let w = &toks[i];
    out.push(f1(60, r1));
    out.push(f2(61, r1, r2));
    out.push(f2(62, r1, w.lower));
    out.push(f2(63, t1, r1));
    out.push(f2(64, r1, w.suf[2]));
}

/// Tag value for features: the class, or a sentinel past either end.
#[inline]
fn tag_value(tags: &[u16], j: isize) -> u64 {
    if j < 0 {
        0xB0B0
    } else {
        match tags.get(j as usize) {
            Some(&t) => t as u64,
            None => 0xE0E0,
        }
    }
}

// ---------------------------------------------------------------------------
// Lexicon tables

/// An open-addressing table from non-zero `u64` keys to `u16` values.
#[derive(Debug, Clone, Default)]
struct LexTable {
    keys: Vec<u64>,
    vals: Vec<u16>,
    len: usize,
}

impl LexTable {
    fn build(entries: &[(u64, u16)]) -> LexTable {
        let cap = (entries.len() * 2).next_power_of_two().max(8);
        let mut t = LexTable {
            keys: vec![0; cap],
            vals: vec![0; cap],
            len: 0,
        };
        for &(k, v) in entries {
            t.insert(k, v);
        }
        t
    }

    fn insert(&mut self, key: u64, val: u16) {
        let key = key.max(1);
        let mask = self.keys.len() - 1;
        let mut i = (key as usize) & mask;
        loop {
            if self.keys[i] == 0 {
                self.keys[i] = key;
                self.vals[i] = val;
                self.len += 1;
                return;
            }
            if self.keys[i] == key {
                self.vals[i] = val;
                return;
            }
            i = (i + 1) & mask;
        }
    }

    #[inline]
    fn get(&self, key: u64) -> Option<u16> {
        let key = key.max(1);
        let mask = self.keys.len().wrapping_sub(1);
        if self.keys.is_empty() {
            return None;
        }
        let mut i = (key as usize) & mask;
        loop {
            let k = self.keys[i];
            if k == key {
                return Some(self.vals[i]);
            }
            if k == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    fn entries(&self) -> Vec<(u64, u16)> {
        let mut e: Vec<(u64, u16)> = self
            .keys
            .iter()
            .zip(&self.vals)
            .filter(|(k, _)| **k != 0)
            .map(|(&k, &v)| (k, v))
            .collect();
        e.sort_unstable();
        e
    }
}

fn mask_value(mask: u128) -> u64 {
    mix(mask as u64 ^ 0xA3B, (mask >> 64) as u64).max(2)
}

/// Ambiguity class of a word from its class counts (sorted by class).
fn amb_mask(counts: &[(u16, u32)], total: u32, opts: &TaggerOptions) -> Option<u128> {
    if (total as usize) < opts.amb_min_count || total == 0 {
        return None;
    }
    let min = (opts.amb_min_ratio * total as f64).max(1.0);
    let mut mask = 0u128;
    for &(c, n) in counts {
        if n as f64 >= min && c < 128 {
            mask |= 1u128 << c;
        }
    }
    Some(mask)
}

// ---------------------------------------------------------------------------
// Sparse run-time weights

/// One non-zero weight; the last of a feature's run has [`LAST`] set in
/// `class`.
#[derive(Debug, Clone, Copy)]
struct Entry {
    class: u32,
    weight: f32,
}

/// Marks the last entry of a run.
const LAST: u32 = 1 << 31;

/// Frozen weights for tagging: like [`Weights`], but each feature keeps
/// only its non-zero classes. Tagger rows have a handful of non-zero
/// entries out of dozens of classes, so this is several times smaller and
/// faster to score (scoring is bound by memory latency) than dense rows.
/// A slot is 8 bytes: the key's high 32 bits (never 0) and the start of
/// its run; full keys are kept aside for encoding. (Two keys in one probe
/// run with equal high halves would share a row: odds about 2^-32 per
/// pair.) Encoded in the layout of [`Weights::encode`].
#[derive(Debug, Clone)]
struct SparseWeights {
    n_classes: usize,
    /// `fingerprint << 32 | start`, 0 = empty.
    slots: Vec<u64>,
    /// Full key of each slot (0 = empty); only read by `encode`.
    keys: Vec<u64>,
    mask: usize,
    entries: Vec<Entry>,
}

#[inline]
fn fingerprint(key: u64) -> u64 {
    (key >> 32).max(1)
}

impl SparseWeights {
    fn from_weights(w: &Weights) -> SparseWeights {
        let mut bytes = Vec::new();
        w.encode(&mut bytes);
        // Our own encoding of valid weights always decodes.
        SparseWeights::decode(&mut bytes.as_slice()).unwrap_or(SparseWeights {
            n_classes: w.n_classes().max(1),
            slots: vec![0; 16],
            keys: vec![0; 16],
            mask: 15,
            entries: Vec::new(),
        })
    }

    fn n_features(&self) -> usize {
        self.keys.iter().filter(|&&k| k != 0).count()
    }

    /// Reads the layout of [`Weights::encode`]. Features without non-zero
    /// weights are dropped.
    fn decode(r: &mut &[u8]) -> Result<SparseWeights, ModelError> {
        let corrupt = |m: &str| ModelError::Corrupt(format!("tagger weights: {m}"));
        let n = read_u32(r)? as usize;
        let count = read_u32(r)? as usize;
        if n == 0 || n > 65_535 {
            return Err(corrupt("class count out of range"));
        }
        if count > r.len() / 10 {
            return Err(corrupt("truncated"));
        }
        let wide = n > 255;
        let cap = (count * 2).next_power_of_two().max(16);
        let mask = cap - 1;
        let mut slots = vec![0u64; cap];
        let mut keys = vec![0u64; cap];
        let mut entries: Vec<Entry> = Vec::with_capacity(r.len() / 5);
        for _ in 0..count {
            let key = read_u64(r)?;
            let nz = read_u16(r)? as usize;
            if key == 0 {
                return Err(corrupt("zero key"));
            }
            let start = entries.len();
            if start + nz >= u32::MAX as usize {
                return Err(corrupt("too many weights"));
            }
            for _ in 0..nz {
                let class = if wide {
                    read_u16(r)? as usize
                } else {
                    take(r, 1)?[0] as usize
                };
                if class >= n {
                    return Err(corrupt("class index out of range"));
                }
                let weight =
                    f32::from_le_bytes(take(r, 4)?.try_into().map_err(|_| corrupt("weight"))?);
                entries.push(Entry {
                    class: class as u32,
                    weight,
                });
            }
            if nz == 0 {
                continue;
            }
            if let Some(e) = entries.last_mut() {
                e.class |= LAST;
            }
            let mut i = (key as usize) & mask;
            while keys[i] != 0 {
                if keys[i] == key {
                    return Err(corrupt("duplicate key"));
                }
                i = (i + 1) & mask;
            }
            keys[i] = key;
            slots[i] = fingerprint(key) << 32 | start as u64;
        }
        Ok(SparseWeights {
            n_classes: n,
            slots,
            keys,
            mask,
            entries,
        })
    }

    /// Writes the layout of [`Weights::encode`] (keys in ascending order).
    fn encode(&self, out: &mut Vec<u8>) {
        let mut rows: Vec<(u64, usize)> = self
            .keys
            .iter()
            .zip(&self.slots)
            .filter(|(&k, _)| k != 0)
            .map(|(&k, &s)| (k, (s & 0xFFFF_FFFF) as usize))
            .collect();
        rows.sort_unstable();
        out.extend_from_slice(&(self.n_classes as u32).to_le_bytes());
        out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        let wide = self.n_classes > 255;
        let mut run = Vec::new();
        for (key, start) in rows {
            run.clear();
            for e in self.entries.get(start..).unwrap_or(&[]) {
                run.push((e.class & !LAST, e.weight));
                if e.class & LAST != 0 {
                    break;
                }
            }
            out.extend_from_slice(&key.to_le_bytes());
            out.extend_from_slice(&(run.len() as u16).to_le_bytes());
            for &(c, w) in &run {
                if wide {
                    out.extend_from_slice(&(c as u16).to_le_bytes());
                } else {
                    out.push(c as u8);
                }
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
    }

    /// Adds the weights of `feats` into `scores` (`n_classes` entries).
    /// Looks every key up first, then adds: the look-ups are independent,
    /// so their cache misses overlap.
    #[inline]
    fn score(&self, feats: &[u64], runs: &mut Vec<u32>, scores: &mut [f32]) {
        runs.clear();
        let mut touch = 0u32;
        for &key in feats {
            let fp = fingerprint(key);
            let mut i = (key as usize) & self.mask;
            loop {
                let s = self.slots[i];
                if s >> 32 == fp {
                    let start = s as u32;
                    // Touch the run now so its cache miss overlaps the
                    // other look-ups.
                    if let Some(e) = self.entries.get(start as usize) {
                        touch = touch.wrapping_add(e.class);
                    }
                    runs.push(start);
                    break;
                }
                if s == 0 {
                    break;
                }
                i = (i + 1) & self.mask;
            }
        }
        std::hint::black_box(touch);
        for &start in runs.iter() {
            for e in self.entries.get(start as usize..).unwrap_or(&[]) {
                if let Some(x) = scores.get_mut((e.class & !LAST) as usize) {
                    *x += e.weight;
                }
                if e.class & LAST != 0 {
                    break;
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Training

/// One training sentence, analysed.
struct TrainSent {
    toks: Vec<Tok>,
    gold: Vec<u16>,
    /// Static features of word `k`: `feats[offsets[k]..offsets[k + 1]]`.
    feats: Vec<u64>,
    offsets: Vec<u32>,
}

type CountMap = HashMap<u64, Vec<(u16, u32)>>;

fn bump(map: &mut CountMap, key: u64, class: u16) {
    let v = map.entry(key).or_default();
    match v.iter_mut().find(|(c, _)| *c == class) {
        Some((_, n)) => *n += 1,
        None => v.push((class, 1)),
    }
}

/// Trains one pass on the sentences `subset` of `data`; `first` holds
/// first-pass tags (for the second pass).
fn train_pass(
    data: &[TrainSent],
    subset: &[usize],
    first: Option<&[Vec<u16>]>,
    n_classes: usize,
    opts: &TaggerOptions,
    seed: u64,
) -> SparseWeights {
    let mut trainer = Trainer::new(n_classes);
    let mut order = subset.to_vec();
    let mut rng = SplitMix64(seed ^ 0x7A66_3E2D_0000_0001);
    let mut feats: Vec<u64> = Vec::new();
    let mut scores = vec![0f32; n_classes];
    let mut pred: Vec<u16> = Vec::new();
    for epoch in 0..opts.epochs {
        rng.shuffle(&mut order);
        let (mut correct, mut total) = (0usize, 0usize);
        for &si in &order {
            let s = &data[si];
            let right = first.map(|f| f[si].as_slice());
            pred.clear();
            for k in 0..s.gold.len() {
                let t = &s.toks[k + PAD];
                let guess = if t.dict != NONE {
                    t.dict
                } else {
                    feats.clear();
                    feats.extend_from_slice(
                        &s.feats[s.offsets[k] as usize..s.offsets[k + 1] as usize],
                    );
                    dynamic_features(&s.toks, k, &pred, right, &mut feats);
                    scores.iter_mut().for_each(|x| *x = 0.0);
                    trainer.score(&feats, &mut scores);
                    let guess = argmax(&scores, |_| true).unwrap_or(0) as u16;
                    trainer.update(&feats, s.gold[k] as usize, guess as usize);
                    trainer.tick();
                    guess
                };
                correct += (guess == s.gold[k]) as usize;
                total += 1;
                pred.push(guess);
            }
        }
        if opts.verbose {
            eprintln!(
                "tagger epoch {}: train accuracy {:.4}, {} features",
                epoch + 1,
                correct as f64 / total.max(1) as f64,
                trainer.n_features()
            );
        }
    }
    SparseWeights::from_weights(&trainer.average(opts.prune))
}

/// Tag-history features of word `k` (unpadded index): previous predicted
/// tags, and the first pass's tags on the right when `right` is given.
#[inline]
fn dynamic_features(
    toks: &[Tok],
    k: usize,
    pred: &[u16],
    right: Option<&[u16]>,
    out: &mut Vec<u64>,
) {
    let j = k as isize;
    let t1 = tag_value(pred, j - 1);
    tag_features(toks, k + PAD, t1, tag_value(pred, j - 2), out);
    if let Some(r) = right {
        right_features(
            toks,
            k + PAD,
            t1,
            tag_value(r, j + 1),
            tag_value(r, j + 2),
            out,
        );
    }
}

/// At most this many forms get precomputed blocks (ids are `u16`).
const MAX_BLOCK_FORMS: usize = 60_000;

/// Sums each slot's feature rows for each token (see [`BlockWeights`]).
fn build_blocks(toks: &[Tok], w: &SparseWeights) -> BlockWeights {
    let mut b = BlockWeights::default();
    let mut keys = Vec::new();
    let mut runs = Vec::new();
    let mut dense = vec![0f32; w.n_classes];
    for t in toks {
        for slot in 0..SLOTS.len() {
            keys.clear();
            slot_features(slot, t, &mut keys);
            dense.iter_mut().for_each(|x| *x = 0.0);
            w.score(&keys, &mut runs, &mut dense);
            let start = b.entries.len();
            for (c, &x) in dense.iter().enumerate() {
                if x != 0.0 {
                    b.entries.push(Entry {
                        class: c as u32,
                        weight: x,
                    });
                }
            }
            let filled = b.entries.len() > start;
            match b.entries.last_mut() {
                Some(e) if filled => {
                    e.class |= LAST;
                    b.starts.push(start as u32);
                }
                _ => b.starts.push(u32::MAX),
            }
        }
    }
    b
}

/// Static features of an analysed sentence: for word `k`, the keys
/// `feats[offsets[k]..offsets[k + 1]]` and the block references
/// `brefs[boffsets[k]..boffsets[k + 1]]` (both empty for dictionary words;
/// `boffsets` may be empty when no blocks are used).
struct StaticFeats<'a> {
    feats: &'a [u64],
    offsets: &'a [u32],
    brefs: &'a [u32],
    boffsets: &'a [u32],
}

/// What a second pass reads of the first: its tags, its score margins and
/// the margin from which a first-pass tag is kept.
type SecondPass<'a> = (&'a [u16], &'a [f32], f32);

/// Greedy decoding of an analysed sentence with frozen weights `w` (and
/// their blocks `bw`). Writes one class per word into `out`. A first pass
/// (`second` = `None`) also records score margins in `bufs.margins`.
fn decode_sentence(
    toks: &[Tok],
    st: &StaticFeats<'_>,
    w: &SparseWeights,
    bw: Option<&BlockWeights>,
    second: Option<SecondPass<'_>>,
    bufs: &mut DecodeBufs<'_>,
    out: &mut Vec<u16>,
) {
    let right = second.map(|s| s.0);
    let gate = second.map(|s| (s.1, s.2));
    let n = st.offsets.len().saturating_sub(1);
    out.clear();
    bufs.scores.resize(w.n_classes, 0.0);
    if gate.is_none() {
        bufs.margins.clear();
    }
    for k in 0..n {
        let confident = match (gate, right) {
            (Some((m, theta)), Some(r)) => m.get(k).is_some_and(|&m| m >= theta) && k < r.len(),
            _ => false,
        };
        let c = match toks.get(k + PAD) {
            Some(t) if t.dict != NONE => t.dict,
            _ if confident => right.and_then(|r| r.get(k).copied()).unwrap_or(0),
            _ => {
                let (a, b) = (st.offsets[k] as usize, st.offsets[k + 1] as usize);
                bufs.feats.clear();
                bufs.feats
                    .extend_from_slice(st.feats.get(a..b).unwrap_or(&[]));
                dynamic_features(toks, k, out, right, bufs.feats);
                bufs.scores.iter_mut().for_each(|x| *x = 0.0);
                if let (Some(bw), Some(&a), Some(&b)) =
                    (bw, st.boffsets.get(k), st.boffsets.get(k + 1))
                {
                    for &r in st.brefs.get(a as usize..b as usize).unwrap_or(&[]) {
                        bw.add(r, bufs.scores);
                    }
                }
                w.score(bufs.feats, bufs.runs, bufs.scores);
                let best = argmax(bufs.scores, |_| true).unwrap_or(0);
                if gate.is_none() {
                    let top = bufs.scores.get(best).copied().unwrap_or(0.0);
                    let second = bufs
                        .scores
                        .iter()
                        .enumerate()
                        .filter(|&(i, _)| i != best)
                        .map(|(_, &x)| x)
                        .fold(f32::NEG_INFINITY, f32::max);
                    bufs.margins.resize(k, f32::INFINITY);
                    bufs.margins.push(top - second);
                }
                best as u16
            }
        };
        out.push(c);
    }
    if gate.is_none() {
        bufs.margins.resize(n, f32::INFINITY);
    }
}

impl Tagger {
    /// Trains a tagger on the `form`, `upos` and `xpos` of every word.
    /// Deterministic for a given `opts.seed`.
    pub fn train(sentences: &[tidings_conllu::Sentence], opts: &TaggerOptions) -> Tagger {
        // Tag inventories and classes.
        let mut pair_counts: HashMap<(&str, &str), usize> = HashMap::new();
        for s in sentences {
            for w in &s.words {
                *pair_counts
                    .entry((w.upos.as_str(), w.xpos.as_str()))
                    .or_default() += 1;
            }
        }
        let mut pairs: Vec<((&str, &str), usize)> = pair_counts.into_iter().collect();
        pairs.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut kept: Vec<(&str, &str)> = Vec::new();
        for (i, &(p, n)) in pairs.iter().enumerate() {
            if n >= opts.min_class_count || i == 0 {
                kept.push(p);
            }
        }
        // Rare pairs whose UPOS has no kept pair still need a class.
        for &(p, _) in &pairs {
            if !kept.iter().any(|k| k.0 == p.0) {
                kept.push(p);
            }
        }
        if kept.is_empty() {
            // No training data: one placeholder class keeps the model usable.
            kept.push(("X", "_"));
        }
        let kept: Vec<(&str, &str)> = kept.into_iter().take(u16::MAX as usize - 1).collect();
        let mut upos: Vec<String> = kept.iter().map(|p| p.0.to_string()).collect();
        upos.sort_unstable();
        upos.dedup();
        let mut xpos: Vec<String> = kept.iter().map(|p| p.1.to_string()).collect();
        xpos.sort_unstable();
        xpos.dedup();
        let classes: Vec<(u16, u16)> = kept
            .iter()
            .map(|p| {
                let u = upos.binary_search_by(|x| x.as_str().cmp(p.0)).unwrap_or(0);
                let x = xpos.binary_search_by(|x| x.as_str().cmp(p.1)).unwrap_or(0);
                (u as u16, x as u16)
            })
            .collect();
        let mut class_of: HashMap<(&str, &str), u16> = HashMap::new();
        for (c, p) in kept.iter().enumerate() {
            class_of.insert(*p, c as u16);
        }
        for &(p, _) in &pairs {
            // Kept pairs are in frequency order: the first with this UPOS.
            class_of
                .entry(p)
                .or_insert_with(|| kept.iter().position(|k| k.0 == p.0).unwrap_or(0) as u16);
        }
        let gold_of = |w: &tidings_conllu::Word| -> u16 {
            class_of
                .get(&(w.upos.as_str(), w.xpos.as_str()))
                .copied()
                .unwrap_or(0)
        };

        // Lexicon counts.
        let mut norm = String::new();
        let mut by_form: CountMap = HashMap::new();
        let mut by_norm: CountMap = HashMap::new();
        for s in sentences {
            for w in &s.words {
                let g = gold_of(w);
                bump(&mut by_form, form_key(&w.form), g);
                normalise(&w.form, &mut norm);
                bump(&mut by_norm, hash_bytes(norm.as_bytes()), g);
            }
        }
        let mut dict_entries = Vec::new();
        for (&k, v) in &by_form {
            let total: u32 = v.iter().map(|x| x.1).sum();
            let &(c, n) = v
                .iter()
                .max_by_key(|x| (x.1, u16::MAX - x.0))
                .unwrap_or(&(0, 0));
            if total as usize >= opts.dict_min_count
                && n as f64 >= opts.dict_min_ratio * total as f64
            {
                dict_entries.push((k, c));
            }
        }
        dict_entries.sort_unstable();
        let dict = LexTable::build(&dict_entries);
        let mut amb_masks: Vec<u128> = Vec::new();
        let mut mask_index: HashMap<u128, u16> = HashMap::new();
        let mut norm_keys: Vec<u64> = by_norm.keys().copied().collect();
        norm_keys.sort_unstable();
        let mut amb_entries = Vec::new();
        for k in norm_keys {
            let v = &by_norm[&k];
            let mut v = v.clone();
            v.sort_unstable();
            let total: u32 = v.iter().map(|x| x.1).sum();
            if (total as usize) <= opts.unk_max_count {
                continue;
            }
            let mut idx = NO_AMB;
            if let Some(m) = amb_mask(&v, total, opts) {
                let next = amb_masks.len();
                if next < NO_AMB as usize || mask_index.contains_key(&m) {
                    idx = *mask_index.entry(m).or_insert_with(|| {
                        amb_masks.push(m);
                        next as u16
                    });
                }
            }
            amb_entries.push((k, idx));
        }
        let amb = LexTable::build(&amb_entries);
        let amb_values: Vec<u64> = amb_masks.iter().map(|&m| mask_value(m)).collect();

        // Analyse the training data once; ambiguity classes leave the word's
        // own occurrence out, so training sees them as test data would.
        let mut data: Vec<TrainSent> = Vec::with_capacity(sentences.len());
        let mut feat_counts: HashMap<u64, u32> = HashMap::new();
        let mut scratch_counts: Vec<(u16, u32)> = Vec::new();
        for s in sentences {
            let n = s.words.len();
            if n == 0 {
                continue;
            }
            let mut toks = Vec::with_capacity(n + 2 * PAD);
            toks.extend(std::iter::repeat_n(Tok::pad(BOS), PAD));
            let mut gold = Vec::with_capacity(n);
            for (k, w) in s.words.iter().enumerate() {
                let g = gold_of(w);
                gold.push(g);
                let mut t = analyse(&w.form, k == 0, &mut norm);
                t.dict = dict.get(form_key(&w.form)).unwrap_or(NONE);
                if let Some(v) = by_norm.get(&t.lower) {
                    if v.iter().map(|x| x.1 as usize).sum::<usize>() <= opts.unk_max_count {
                        t.lower = UNK;
                    }
                    scratch_counts.clear();
                    scratch_counts.extend(v.iter().map(|&(c, m)| (c, m - (c == g) as u32)));
                    scratch_counts.sort_unstable();
                    let total: u32 = scratch_counts.iter().map(|x| x.1).sum();
                    t.amb = match amb_mask(&scratch_counts, total, opts) {
                        Some(m) => mask_value(m),
                        None => AMB_UNKNOWN,
                    };
                }
                toks.push(t);
            }
            toks.extend(std::iter::repeat_n(Tok::pad(EOS), PAD));
            let mut feats = Vec::with_capacity(n * 28);
            let mut offsets = Vec::with_capacity(n + 1);
            offsets.push(0u32);
            for k in 0..n {
                static_features(&toks, k + PAD, &mut feats);
                offsets.push(feats.len() as u32);
            }
            if opts.min_feature_count > 1 {
                for &f in &feats {
                    *feat_counts.entry(f).or_default() += 1;
                }
            }
            data.push(TrainSent {
                toks,
                gold,
                feats,
                offsets,
            });
        }
        if opts.min_feature_count > 1 {
            for s in &mut data {
                let mut out = Vec::with_capacity(s.feats.len());
                let mut offsets = Vec::with_capacity(s.offsets.len());
                offsets.push(0u32);
                for k in 0..s.gold.len() {
                    let (a, b) = (s.offsets[k] as usize, s.offsets[k + 1] as usize);
                    for (j, &f) in s.feats[a..b].iter().enumerate() {
                        // The word's own features come first: keep them.
                        if j < OWN_KEYS
                            || feat_counts.get(&f).copied().unwrap_or(0) >= opts.min_feature_count
                        {
                            out.push(f);
                        }
                    }
                    offsets.push(out.len() as u32);
                }
                s.feats = out;
                s.offsets = offsets;
            }
        }
        drop(feat_counts);

        let n_classes = classes.len();
        let all: Vec<usize> = (0..data.len()).collect();
        let weights = train_pass(&data, &all, None, n_classes, opts, opts.seed);
        let weights2 = if opts.two_pass {
            // Jackknife: the second pass learns from first-pass tags made by
            // models that did not see the sentence, as at run time.
            let k = opts.folds.max(2);
            let mut first: Vec<Vec<u16>> = vec![Vec::new(); data.len()];
            let mut scratch = TaggerScratch::new();
            for fold in 0..k {
                let train_idx: Vec<usize> = all.iter().copied().filter(|i| i % k != fold).collect();
                let w = train_pass(
                    &data,
                    &train_idx,
                    None,
                    n_classes,
                    opts,
                    opts.seed ^ (fold as u64 + 1),
                );
                for i in all.iter().copied().filter(|i| i % k == fold) {
                    let s = &data[i];
                    let mut bufs = DecodeBufs {
                        feats: &mut scratch.feats,
                        margins: &mut scratch.margins,
                        runs: &mut scratch.runs,
                        scores: &mut scratch.scores,
                    };
                    let st = StaticFeats {
                        feats: &s.feats,
                        offsets: &s.offsets,
                        brefs: &[],
                        boffsets: &[],
                    };
                    decode_sentence(&s.toks, &st, &w, None, None, &mut bufs, &mut first[i]);
                }
                if opts.verbose {
                    eprintln!("tagger: jackknife fold {} of {k} done", fold + 1);
                }
            }
            Some(train_pass(
                &data,
                &all,
                Some(&first),
                n_classes,
                opts,
                opts.seed ^ 0x2222,
            ))
        } else {
            None
        };
        // Frequent forms get precomputed blocks, most frequent first.
        let mut form_counts: HashMap<&str, usize> = HashMap::new();
        for w in sentences.iter().flat_map(|s| &s.words) {
            *form_counts.entry(w.form.as_str()).or_default() += 1;
        }
        let mut block_forms: Vec<(&str, usize)> = form_counts
            .into_iter()
            .filter(|&(_, n)| n >= opts.block_min_count.max(1))
            .collect();
        block_forms.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let block_forms: Vec<String> = block_forms
            .into_iter()
            .take(MAX_BLOCK_FORMS)
            .map(|(f, _)| f.to_string())
            .collect();
        Tagger {
            upos,
            xpos,
            classes,
            dict,
            amb,
            amb_masks,
            amb_values,
            weights,
            weights2,
            block_forms: Vec::new(),
            block_index: LexTable::default(),
            blocks: BlockWeights::default(),
            blocks2: None,
            retag_margin: opts.retag_margin,
        }
        .with_blocks(block_forms)
    }

    /// Precomputes the blocks of `forms` under the current weights.
    fn with_blocks(mut self, forms: Vec<String>) -> Tagger {
        let entries: Vec<(u64, u16)> = forms
            .iter()
            .enumerate()
            .map(|(i, f)| (form_key(f), i as u16))
            .collect();
        self.block_index = LexTable::build(&entries);
        let mut norm = String::new();
        let toks: Vec<Tok> = forms
            .iter()
            .map(|f| self.lex_tok(f, false, &mut norm))
            .collect();
        self.blocks = build_blocks(&toks, &self.weights);
        self.blocks2 = self.weights2.as_ref().map(|w| build_blocks(&toks, w));
        self.block_forms = forms;
        self
    }

    /// Analyses a form and looks it up in the lexicon.
    #[inline]
    fn lex_tok(&self, form: &str, first: bool, norm: &mut String) -> Tok {
        let mut t = analyse(form, first, norm);
        let key = form_key(form);
        t.dict = self.dict.get(key).unwrap_or(NONE);
        t.block = self.block_index.get(key).unwrap_or(NONE);
        match self.amb.get(t.lower) {
            Some(a) => {
                t.amb = self
                    .amb_values
                    .get(a as usize)
                    .copied()
                    .unwrap_or(AMB_UNKNOWN);
            }
            None => t.lower = UNK,
        }
        t
    }

    // -----------------------------------------------------------------------
    // Tagging

    /// Tags one sentence of word forms; writes indices into
    /// [`Tagger::upos_tags`] and [`Tagger::xpos_tags`] (the vectors are
    /// cleared first and end with one entry per form).
    pub fn tag(&self, forms: &[&str], upos: &mut Vec<u16>, xpos: &mut Vec<u16>) {
        SCRATCH.with(|s| match s.try_borrow_mut() {
            Ok(mut scratch) => self.tag_with(forms, &mut scratch, upos, xpos),
            Err(_) => self.tag_with(forms, &mut TaggerScratch::new(), upos, xpos),
        });
    }

    /// As [`Tagger::tag`], with the words marked in `proper` tagged as
    /// proper nouns (PROPN, NNP) whatever their form: a caller that knows a
    /// word names something (a weapon designation from a lexicon, such as
    /// "Shahed" in "Shahed-136") keeps the tagger from guessing a verb, and
    /// the words around it are tagged knowing it.
    pub fn tag_proper(
        &self,
        forms: &[&str],
        proper: &[bool],
        upos: &mut Vec<u16>,
        xpos: &mut Vec<u16>,
    ) {
        let forced: Vec<Option<(&str, &str)>> = (0..forms.len())
            .map(|i| (proper.get(i) == Some(&true)).then_some(("PROPN", "NNP")))
            .collect();
        self.tag_forced(forms, &forced, upos, xpos);
    }

    /// As [`Tagger::tag`], with the words given a `(UPOS, XPOS)` pair in
    /// `forced` tagged so (when the model knows the pair); the tags of the
    /// other words are chosen knowing them.
    pub fn tag_forced(
        &self,
        forms: &[&str],
        forced: &[Option<(&str, &str)>],
        upos: &mut Vec<u16>,
        xpos: &mut Vec<u16>,
    ) {
        let class_of = |(fu, fx): (&str, &str)| {
            self.classes.iter().position(|&(u, x)| {
                self.upos.get(u as usize).is_some_and(|t| t == fu)
                    && self.xpos.get(x as usize).is_some_and(|t| t == fx)
            })
        };
        let classes: Vec<u16> = (0..forms.len())
            .map(|i| {
                forced
                    .get(i)
                    .copied()
                    .flatten()
                    .and_then(class_of)
                    .map_or(NONE, |c| c as u16)
            })
            .collect();
        let mut run = |scratch: &mut TaggerScratch| {
            scratch.fixed.clear();
            if classes.iter().any(|&c| c != NONE) {
                scratch.fixed.extend_from_slice(&classes);
            }
            self.tag_classes(forms, scratch);
            scratch.fixed.clear();
            self.write_tags(scratch, upos, xpos);
        };
        SCRATCH.with(|s| match s.try_borrow_mut() {
            Ok(mut scratch) => run(&mut scratch),
            Err(_) => run(&mut TaggerScratch::new()),
        });
    }

    /// [`Tagger::tag`] with caller-owned buffers.
    pub fn tag_with(
        &self,
        forms: &[&str],
        scratch: &mut TaggerScratch,
        upos: &mut Vec<u16>,
        xpos: &mut Vec<u16>,
    ) {
        scratch.fixed.clear();
        self.tag_classes(forms, scratch);
        self.write_tags(scratch, upos, xpos);
    }

    fn write_tags(&self, scratch: &TaggerScratch, upos: &mut Vec<u16>, xpos: &mut Vec<u16>) {
        upos.clear();
        xpos.clear();
        for &c in &scratch.classes {
            let (u, x) = self.classes.get(c as usize).copied().unwrap_or((0, 0));
            upos.push(u);
            xpos.push(x);
        }
    }

    /// Fills `scratch.classes` with one class per form.
    fn tag_classes(&self, forms: &[&str], scratch: &mut TaggerScratch) {
        let TaggerScratch {
            toks,
            norm,
            feats,
            scores,
            first,
            classes,
            runs,
            stat,
            offsets,
            brefs,
            boffsets,
            margins,
            margins1,
            fixed,
        } = scratch;
        classes.clear();
        if forms.is_empty() {
            return;
        }
        toks.clear();
        toks.extend(std::iter::repeat_n(Tok::pad(BOS), PAD));
        for (k, form) in forms.iter().enumerate() {
            toks.push(self.lex_tok(form, k == 0, norm));
        }
        toks.extend(std::iter::repeat_n(Tok::pad(EOS), PAD));
        for (k, &c) in fixed.iter().enumerate() {
            if c != NONE {
                if let Some(t) = toks.get_mut(k + PAD) {
                    t.dict = c;
                }
            }
        }
        stat.clear();
        offsets.clear();
        offsets.push(0);
        brefs.clear();
        boffsets.clear();
        boffsets.push(0);
        for k in 0..forms.len() {
            if toks[k + PAD].dict == NONE {
                static_features_blocked(toks, k + PAD, stat, brefs);
            }
            offsets.push(stat.len() as u32);
            boffsets.push(brefs.len() as u32);
        }
        let st = StaticFeats {
            feats: stat,
            offsets,
            brefs,
            boffsets,
        };
        let mut bufs = DecodeBufs {
            feats,
            margins,
            runs,
            scores,
        };
        decode_sentence(
            toks,
            &st,
            &self.weights,
            Some(&self.blocks),
            None,
            &mut bufs,
            classes,
        );
        if let Some(w2) = &self.weights2 {
            std::mem::swap(first, classes);
            std::mem::swap(margins1, bufs.margins);
            let bw = self.blocks2.as_ref();
            let second = Some((first.as_slice(), margins1.as_slice(), self.retag_margin));
            decode_sentence(toks, &st, w2, bw, second, &mut bufs, classes);
        }
    }

    /// The UPOS inventory (indices returned by [`Tagger::tag`]).
    pub fn upos_tags(&self) -> &[String] {
        &self.upos
    }

    /// The XPOS inventory (indices returned by [`Tagger::tag`]).
    pub fn xpos_tags(&self) -> &[String] {
        &self.xpos
    }

    /// Approximate heap memory of the loaded tagger, in bytes.
    pub fn heap_bytes(&self) -> usize {
        let sw = |w: &SparseWeights| w.slots.len() * 16 + w.entries.len() * 8;
        let bw = |b: &BlockWeights| b.starts.len() * 4 + b.entries.len() * 8;
        let lt = |t: &LexTable| t.keys.len() * 10;
        sw(&self.weights)
            + self.weights2.as_ref().map_or(0, sw)
            + bw(&self.blocks)
            + self.blocks2.as_ref().map_or(0, bw)
            + lt(&self.dict)
            + lt(&self.amb)
            + lt(&self.block_index)
            + self.block_forms.iter().map(|f| f.len() + 24).sum::<usize>()
    }

    /// Number of feature rows in the model (both passes).
    pub fn n_features(&self) -> usize {
        self.weights.n_features() + self.weights2.as_ref().map_or(0, |w| w.n_features())
    }

    // -----------------------------------------------------------------------
    // Model file

    /// Encodes the tagger as one model-section payload.
    pub fn encode(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT.to_le_bytes());
        encode_strings(out, &self.upos);
        encode_strings(out, &self.xpos);
        out.extend_from_slice(&(self.classes.len() as u32).to_le_bytes());
        for &(u, x) in &self.classes {
            out.extend_from_slice(&u.to_le_bytes());
            out.extend_from_slice(&x.to_le_bytes());
        }
        out.extend_from_slice(&(self.amb_masks.len() as u32).to_le_bytes());
        for m in &self.amb_masks {
            out.extend_from_slice(&m.to_le_bytes());
        }
        for table in [&self.amb, &self.dict] {
            let e = table.entries();
            out.extend_from_slice(&(e.len() as u32).to_le_bytes());
            for (k, v) in e {
                out.extend_from_slice(&k.to_le_bytes());
                out.extend_from_slice(&v.to_le_bytes());
            }
        }
        encode_strings(out, &self.block_forms);
        self.weights.encode(out);
        match &self.weights2 {
            Some(w) => {
                out.push(1);
                out.extend_from_slice(&self.retag_margin.to_le_bytes());
                w.encode(out);
            }
            None => out.push(0),
        }
    }

    /// Decodes what [`Tagger::encode`] wrote.
    pub fn decode(input: &[u8]) -> Result<Tagger, ModelError> {
        let corrupt = |m: &str| ModelError::Corrupt(format!("tagger: {m}"));
        let mut r = input;
        if take(&mut r, 4)? != MAGIC {
            return Err(corrupt("bad magic"));
        }
        let format = read_u32(&mut r)?;
        if format != FORMAT {
            return Err(corrupt(&format!("unsupported format {format}")));
        }
        let upos = decode_strings(&mut r)?;
        let xpos = decode_strings(&mut r)?;
        let n = read_u32(&mut r)? as usize;
        if n == 0 || n >= NONE as usize {
            return Err(corrupt("class count"));
        }
        let mut classes = Vec::with_capacity(n.min(1 << 16));
        for _ in 0..n {
            let u = read_u16(&mut r)?;
            let x = read_u16(&mut r)?;
            if u as usize >= upos.len() || x as usize >= xpos.len() {
                return Err(corrupt("tag index out of range"));
            }
            classes.push((u, x));
        }
        let n_masks = read_u32(&mut r)? as usize;
        if n_masks > r.len() / 16 {
            return Err(corrupt("truncated"));
        }
        let mut amb_masks = Vec::with_capacity(n_masks);
        for _ in 0..n_masks {
            let b = take(&mut r, 16)?;
            let mut a = [0u8; 16];
            a.copy_from_slice(b);
            amb_masks.push(u128::from_le_bytes(a));
        }
        let mut tables = Vec::with_capacity(2);
        for limit in [n_masks, n] {
            let count = read_u32(&mut r)? as usize;
            if count > r.len() / 10 {
                return Err(corrupt("truncated"));
            }
            let mut entries = Vec::with_capacity(count);
            for _ in 0..count {
                let k = read_u64(&mut r)?;
                let v = read_u16(&mut r)?;
                if (v as usize >= limit && v != NO_AMB) || k == 0 {
                    return Err(corrupt("lexicon entry out of range"));
                }
                entries.push((k, v));
            }
            tables.push(LexTable::build(&entries));
        }
        let dict = tables.pop().unwrap_or_default();
        let amb = tables.pop().unwrap_or_default();
        let block_forms = decode_strings(&mut r)?;
        if block_forms.len() > MAX_BLOCK_FORMS {
            return Err(corrupt("too many block forms"));
        }
        let weights = SparseWeights::decode(&mut r)?;
        if weights.n_classes != n {
            return Err(corrupt("weights class count"));
        }
        let mut retag_margin = f32::INFINITY;
        let weights2 = match take(&mut r, 1)?[0] {
            0 => None,
            1 => {
                retag_margin = f32::from_bits(read_u32(&mut r)?);
                if retag_margin.is_nan() {
                    return Err(corrupt("retag margin"));
                }
                let w = SparseWeights::decode(&mut r)?;
                if w.n_classes != n {
                    return Err(corrupt("weights class count"));
                }
                Some(w)
            }
            _ => return Err(corrupt("pass flag")),
        };
        if !r.is_empty() {
            return Err(corrupt("trailing bytes"));
        }
        let amb_values = amb_masks.iter().map(|&m| mask_value(m)).collect();
        Ok(Tagger {
            upos,
            xpos,
            classes,
            dict,
            amb,
            amb_masks,
            amb_values,
            weights,
            weights2,
            block_forms: Vec::new(),
            block_index: LexTable::default(),
            blocks: BlockWeights::default(),
            blocks2: None,
            retag_margin,
        }
        .with_blocks(block_forms))
    }
}

fn take<'a>(r: &mut &'a [u8], n: usize) -> Result<&'a [u8], ModelError> {
    if r.len() < n {
        return Err(ModelError::Corrupt("tagger: truncated".into()));
    }
    let (h, rest) = r.split_at(n);
    *r = rest;
    Ok(h)
}

fn read_u16(r: &mut &[u8]) -> Result<u16, ModelError> {
    let b = take(r, 2)?;
    Ok(u16::from_le_bytes([b[0], b[1]]))
}

fn read_u32(r: &mut &[u8]) -> Result<u32, ModelError> {
    let b = take(r, 4)?;
    Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

fn read_u64(r: &mut &[u8]) -> Result<u64, ModelError> {
    let b = take(r, 8)?;
    let mut a = [0u8; 8];
    a.copy_from_slice(b);
    Ok(u64::from_le_bytes(a))
}

#[cfg(test)]
mod tests {
    use super::*;
    use tidings_conllu::{Sentence, Word};

    /// A sentence from `form/UPOS/XPOS` triples.
    fn sent(text: &str) -> Sentence {
        let mut s = Sentence::default();
        for (i, tok) in text.split_whitespace().enumerate() {
            let mut parts = tok.split('/');
            let mut w = Word::new(i + 1, parts.next().unwrap_or(""));
            w.upos = parts.next().unwrap_or("X").to_string();
            w.xpos = parts.next().unwrap_or("X").to_string();
            s.words.push(w);
        }
        s
    }

    fn corpus() -> Vec<Sentence> {
        let base = [
            "the/DET/DT cat/NOUN/NN sleeps/VERB/VBZ ./PUNCT/.",
            "a/DET/DT dog/NOUN/NN barks/VERB/VBZ ./PUNCT/.",
            "the/DET/DT dogs/NOUN/NNS run/VERB/VBP fast/ADV/RB ./PUNCT/.",
            "cats/NOUN/NNS sleep/VERB/VBP ./PUNCT/.",
            "Mira/PROPN/NNP sees/VERB/VBZ the/DET/DT cat/NOUN/NN ./PUNCT/.",
            "we/PRON/PRP run/VERB/VBP home/ADV/RB ./PUNCT/.",
            "the/DET/DT run/NOUN/NN was/AUX/VBD long/ADJ/JJ ./PUNCT/.",
            "a/DET/DT long/ADJ/JJ run/NOUN/NN tires/VERB/VBZ dogs/NOUN/NNS ./PUNCT/.",
        ];
        let mut out = Vec::new();
        for _ in 0..5 {
            out.extend(base.iter().map(|t| sent(t)));
        }
        out
    }

    fn opts() -> TaggerOptions {
        TaggerOptions {
            epochs: 5,
            dict_min_count: 3,
            min_class_count: 1,
            ..TaggerOptions::default()
        }
    }

    fn tags(t: &Tagger, forms: &[&str]) -> Vec<(String, String)> {
        let (mut u, mut x) = (Vec::new(), Vec::new());
        t.tag(forms, &mut u, &mut x);
        assert_eq!(u.len(), forms.len());
        assert_eq!(x.len(), forms.len());
        u.iter()
            .zip(&x)
            .map(|(&u, &x)| {
                (
                    t.upos_tags()[u as usize].clone(),
                    t.xpos_tags()[x as usize].clone(),
                )
            })
            .collect()
    }

    #[test]
    fn learns_the_training_data() {
        let data = corpus();
        let t = Tagger::train(&data, &opts());
        let (mut ok, mut n) = (0, 0);
        for s in &data {
            let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            for (w, (u, x)) in s.words.iter().zip(tags(&t, &forms)) {
                ok += (w.upos == u && w.xpos == x) as usize;
                n += 1;
            }
        }
        assert!(ok * 100 >= n * 95, "{ok} of {n}");
        // Context decides "run": verb after a pronoun, noun after a determiner.
        assert_eq!(tags(&t, &["we", "run", "home", "."])[1].0, "VERB");
        assert_eq!(tags(&t, &["the", "run", "was", "long", "."])[1].0, "NOUN");
    }

    #[test]
    fn deterministic_for_a_seed() {
        let data = corpus();
        let mut a = Vec::new();
        Tagger::train(&data, &opts()).encode(&mut a);
        let mut b = Vec::new();
        Tagger::train(&data, &opts()).encode(&mut b);
        assert_eq!(a, b);
    }

    #[test]
    fn encode_decode_round_trip() {
        let data = corpus();
        for two_pass in [false, true] {
            let t = Tagger::train(&data, &TaggerOptions { two_pass, ..opts() });
            let mut bytes = Vec::new();
            t.encode(&mut bytes);
            let back = Tagger::decode(&bytes).expect("decodes");
            assert_eq!(back.upos_tags(), t.upos_tags());
            assert_eq!(back.xpos_tags(), t.xpos_tags());
            let mut again = Vec::new();
            back.encode(&mut again);
            assert_eq!(again, bytes);
            let forms = ["Mira", "runs", "the", "long", "dogs", "home", "!"];
            assert_eq!(tags(&back, &forms), tags(&t, &forms));
            // Every truncation is an error, never a panic.
            for cut in 0..bytes.len() {
                assert!(Tagger::decode(&bytes[..cut]).is_err(), "cut at {cut}");
            }
            assert!(Tagger::decode(b"garbage").is_err());
        }
    }

    #[test]
    fn blocks_do_not_change_tags() {
        let data = corpus();
        let with = Tagger::train(
            &data,
            &TaggerOptions {
                block_min_count: 1,
                ..opts()
            },
        );
        let without = Tagger::train(
            &data,
            &TaggerOptions {
                block_min_count: usize::MAX,
                ..opts()
            },
        );
        assert!(!with.block_forms.is_empty());
        assert!(without.block_forms.is_empty());
        for s in &data {
            let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            assert_eq!(tags(&with, &forms), tags(&without, &forms));
        }
        let novel = ["Mira", "sleeps", "long", "zzz", "the", "."];
        assert_eq!(tags(&with, &novel), tags(&without, &novel));
    }

    #[test]
    fn odd_inputs() {
        let t = Tagger::train(&corpus(), &opts());
        let (mut u, mut x) = (vec![7], vec![7]);
        t.tag(&[], &mut u, &mut x);
        assert!(u.is_empty() && x.is_empty());
        let long: Vec<&str> = ["the", "cat", "run", "."]
            .iter()
            .copied()
            .cycle()
            .take(10_000)
            .collect();
        t.tag(&long, &mut u, &mut x);
        assert_eq!(u.len(), 10_000);
        let big = "x".repeat(100_000);
        let weird = [
            "",
            " ",
            "\u{0}",
            "🐈‍⬛",
            "ǅ",
            "İSTANBUL",
            "٣٤",
            "\u{202E}abc",
            "--",
            "e\u{301}",
            big.as_str(),
        ];
        let got = tags(&t, &weird);
        assert_eq!(got.len(), weird.len());
        // The scratch-buffer entry point agrees with the convenience one.
        let mut scratch = TaggerScratch::new();
        let (mut u2, mut x2) = (Vec::new(), Vec::new());
        t.tag_with(&weird, &mut scratch, &mut u2, &mut x2);
        t.tag(&weird, &mut u, &mut x);
        assert_eq!((u, x), (u2, x2));
    }

    #[test]
    fn corrupt_models_never_panic() {
        let t = Tagger::train(&corpus(), &opts());
        let mut bytes = Vec::new();
        t.encode(&mut bytes);
        let (mut u, mut x) = (Vec::new(), Vec::new());
        for i in (0..bytes.len()).step_by(3) {
            for flip in [0x01u8, 0x80, 0xFF] {
                let mut bad = bytes.clone();
                bad[i] ^= flip;
                if let Ok(m) = Tagger::decode(&bad) {
                    m.tag(&["the", "dog", "zzz", "."], &mut u, &mut x);
                    assert_eq!(u.len(), 4);
                    assert!(u.iter().all(|&i| (i as usize) < m.upos_tags().len()));
                    assert!(x.iter().all(|&i| (i as usize) < m.xpos_tags().len()));
                }
            }
        }
    }

    #[test]
    fn empty_training_data() {
        let t = Tagger::train(&[], &opts());
        let (mut u, mut x) = (Vec::new(), Vec::new());
        t.tag(&["hello"], &mut u, &mut x);
        assert_eq!(u.len(), 1);
        let mut bytes = Vec::new();
        t.encode(&mut bytes);
        assert!(Tagger::decode(&bytes).is_ok());
    }

    #[test]
    fn shuffle_is_seeded() {
        let mut a: Vec<u32> = (0..50).collect();
        let mut b = a.clone();
        SplitMix64(3).shuffle(&mut a);
        SplitMix64(3).shuffle(&mut b);
        assert_eq!(a, b);
        assert_ne!(a, (0..50).collect::<Vec<_>>());
    }
}
