//! A multiclass averaged perceptron over hashed features.
//!
//! Training ([`Trainer`]) keeps, for every feature seen in an update, a dense
//! row of weights (one per class) with lazily averaged totals. Freezing it
//! gives [`Weights`]: the averaged rows, pruned of near-zero entries, in an
//! open-addressing table built for fast lookups at run time, and a compact
//! binary form (sparse rows) for the model file.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Keys are already well-mixed hashes: use them as they are.
#[derive(Default)]
struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | b as u64;
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<IdentityHasher>>;

/// Averaged-perceptron training state.
pub struct Trainer {
    n_classes: usize,
    rows: KeyMap<usize>,
    weights: Vec<f32>,
    totals: Vec<f64>,
    stamps: Vec<u32>,
    /// Number of updates so far (the averaging clock).
    time: u32,
}

impl Trainer {
    /// A trainer for `n_classes` classes.
    pub fn new(n_classes: usize) -> Self {
        Trainer {
            n_classes,
            rows: KeyMap::default(),
            weights: Vec::new(),
            totals: Vec::new(),
            stamps: Vec::new(),
            time: 0,
        }
    }

    /// Number of classes.
    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Number of distinct features with a weight row.
    pub fn n_features(&self) -> usize {
        self.rows.len()
    }

    /// Adds the current (not averaged) weights of `feats` into `scores`
    /// (which must have `n_classes` entries and is not cleared first).
    pub fn score(&self, feats: &[u64], scores: &mut [f32]) {
        for f in feats {
            if let Some(&r) = self.rows.get(f) {
                let row = &self.weights[r * self.n_classes..(r + 1) * self.n_classes];
                for (s, w) in scores.iter_mut().zip(row) {
                    *s += w;
                }
            }
        }
    }

    /// Advances the averaging clock by one example. Call once per training
    /// decision, whether or not it led to an update.
    pub fn tick(&mut self) {
        self.time += 1;
    }

    /// Perceptron update: `+1` for `truth`, `-1` for `guess` on every feature.
    pub fn update(&mut self, feats: &[u64], truth: usize, guess: usize) {
        if truth == guess {
            return;
        }
        for &f in feats {
            let r = self.row(f);
            self.bump(r, truth, 1.0);
            self.bump(r, guess, -1.0);
        }
    }

    fn row(&mut self, key: u64) -> usize {
        let next = self.rows.len();
        let r = *self.rows.entry(key).or_insert(next);
        if r == next {
            let n = self.n_classes;
            self.weights.resize((r + 1) * n, 0.0);
            self.totals.resize((r + 1) * n, 0.0);
            self.stamps.resize((r + 1) * n, 0);
        }
        r
    }

    fn bump(&mut self, row: usize, class: usize, delta: f32) {
        let i = row * self.n_classes + class;
        let elapsed = self.time - self.stamps[i];
        self.totals[i] += elapsed as f64 * self.weights[i] as f64;
        self.stamps[i] = self.time;
        self.weights[i] += delta;
    }

    /// The averaged weights, with entries whose magnitude is below
    /// `min_abs` dropped (rows left empty are removed).
    pub fn average(&self, min_abs: f32) -> Weights {
        let n = self.n_classes;
        let time = self.time.max(1) as f64;
        let mut keys: Vec<(u64, usize)> = self.rows.iter().map(|(&k, &r)| (k, r)).collect();
        keys.sort_unstable();
        let mut builder = WeightsBuilder::new(n);
        let mut row = vec![0f32; n];
        for (key, r) in keys {
            let mut any = false;
            for (c, slot) in row.iter_mut().enumerate() {
                let i = r * n + c;
                let total =
                    self.totals[i] + (self.time - self.stamps[i]) as f64 * self.weights[i] as f64;
                let avg = (total / time) as f32;
                *slot = if avg.abs() >= min_abs { avg } else { 0.0 };
                any |= *slot != 0.0;
            }
            if any {
                builder.push(key, &row);
            }
        }
        builder.finish()
    }
}

/// Frozen weights: an open-addressing table from feature key to a dense row.
#[derive(Debug, Clone, PartialEq)]
pub struct Weights {
    n_classes: usize,
    /// Slot table: key (0 = empty) and row index, capacity a power of two.
    slots: Vec<(u64, u32)>,
    mask: usize,
    rows: Vec<f32>,
}

struct WeightsBuilder {
    n_classes: usize,
    keys: Vec<u64>,
    rows: Vec<f32>,
}

impl WeightsBuilder {
    fn new(n_classes: usize) -> Self {
        WeightsBuilder {
            n_classes,
            keys: Vec::new(),
            rows: Vec::new(),
        }
    }

    fn push(&mut self, key: u64, row: &[f32]) {
        self.keys.push(key);
        self.rows.extend_from_slice(row);
    }

    fn finish(self) -> Weights {
        let cap = (self.keys.len() * 2).next_power_of_two().max(16);
        let mask = cap - 1;
        let mut slots = vec![(0u64, 0u32); cap];
        for (r, &key) in self.keys.iter().enumerate() {
            let mut i = (key as usize) & mask;
            while slots[i].0 != 0 {
                i = (i + 1) & mask;
            }
            slots[i] = (key, r as u32);
        }
        Weights {
            n_classes: self.n_classes,
            slots,
            mask,
            rows: self.rows,
        }
    }
}

/// A model section could not be decoded.
#[derive(Debug, thiserror::Error)]
#[error("corrupt weights: {0}")]
pub struct DecodeError(pub &'static str);

impl Weights {
    /// Number of classes.
    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Number of feature rows.
    pub fn n_features(&self) -> usize {
        self.rows.len() / self.n_classes.max(1)
    }

    /// The weight row of `key`, if the feature is known.
    #[inline]
    pub fn row(&self, key: u64) -> Option<&[f32]> {
        let mut i = (key as usize) & self.mask;
        loop {
            let (k, r) = self.slots[i];
            if k == key {
                let r = r as usize * self.n_classes;
                return Some(&self.rows[r..r + self.n_classes]);
            }
            if k == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }

    /// Adds the rows of `feats` into `scores` (`n_classes` entries, not cleared).
    #[inline]
    pub fn score(&self, feats: &[u64], scores: &mut [f32]) {
        for &f in feats {
            if let Some(row) = self.row(f) {
                for (s, w) in scores.iter_mut().zip(row) {
                    *s += w;
                }
            }
        }
    }

    /// Encodes the weights: sparse rows, `f32` little-endian.
    pub fn encode(&self, out: &mut Vec<u8>) {
        let n = self.n_classes;
        let mut entries: Vec<(u64, u32)> =
            self.slots.iter().copied().filter(|s| s.0 != 0).collect();
        entries.sort_unstable();
        out.extend_from_slice(&(n as u32).to_le_bytes());
        out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
        let wide = n > 255;
        for (key, r) in entries {
            let row = &self.rows[r as usize * n..(r as usize + 1) * n];
            out.extend_from_slice(&key.to_le_bytes());
            let nz: Vec<(usize, f32)> = row
                .iter()
                .copied()
                .enumerate()
                .filter(|(_, w)| *w != 0.0)
                .collect();
            out.extend_from_slice(&(nz.len() as u16).to_le_bytes());
            for (c, w) in nz {
                if wide {
                    out.extend_from_slice(&(c as u16).to_le_bytes());
                } else {
                    out.push(c as u8);
                }
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
    }

    /// Decodes what [`Weights::encode`] wrote, advancing `input` past it.
    pub fn decode(input: &mut &[u8]) -> Result<Weights, DecodeError> {
        let n = take_u32(input)? as usize;
        let count = take_u32(input)? as usize;
        if n == 0 || n > 65_535 {
            return Err(DecodeError("class count out of range"));
        }
        let wide = n > 255;
        let mut builder = WeightsBuilder::new(n);
        builder.keys.reserve(count.min(1 << 24));
        let mut row = vec![0f32; n];
        for _ in 0..count {
            let key =
                u64::from_le_bytes(take(input, 8)?.try_into().map_err(|_| DecodeError("key"))?);
            let nz = u16::from_le_bytes(take(input, 2)?.try_into().map_err(|_| DecodeError("row"))?)
                as usize;
            row.iter_mut().for_each(|w| *w = 0.0);
            for _ in 0..nz {
                let c = if wide {
                    u16::from_le_bytes(
                        take(input, 2)?
                            .try_into()
                            .map_err(|_| DecodeError("class"))?,
                    ) as usize
                } else {
                    take(input, 1)?[0] as usize
                };
                let w = f32::from_le_bytes(
                    take(input, 4)?
                        .try_into()
                        .map_err(|_| DecodeError("weight"))?,
                );
                *row.get_mut(c)
                    .ok_or(DecodeError("class index out of range"))? = w;
            }
            if key == 0 {
                return Err(DecodeError("zero key"));
            }
            builder.push(key, &row);
        }
        Ok(builder.finish())
    }
}

fn take<'a>(input: &mut &'a [u8], n: usize) -> Result<&'a [u8], DecodeError> {
    if input.len() < n {
        return Err(DecodeError("truncated"));
    }
    let (head, rest) = input.split_at(n);
    *input = rest;
    Ok(head)
}

fn take_u32(input: &mut &[u8]) -> Result<u32, DecodeError> {
    Ok(u32::from_le_bytes(
        take(input, 4)?.try_into().map_err(|_| DecodeError("u32"))?,
    ))
}

/// Index of the highest score among the allowed classes (`None` if none is).
#[inline]
pub fn argmax(scores: &[f32], allowed: impl Fn(usize) -> bool) -> Option<usize> {
    let mut best: Option<(usize, f32)> = None;
    for (i, &s) in scores.iter().enumerate() {
        if allowed(i) && best.is_none_or(|(_, b)| s > b) {
            best = Some((i, s));
        }
    }
    best.map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hash::feature;

    /// Learns "class = value of feature template 0" on a toy problem.
    #[test]
    fn learns_and_round_trips() {
        let mut t = Trainer::new(3);
        let data: Vec<(Vec<u64>, usize)> = (0..300)
            .map(|i| {
                let c = i % 3;
                (
                    vec![feature(0, c as u64, 0, 0), feature(1, (i % 7) as u64, 0, 0)],
                    c,
                )
            })
            .collect();
        for _ in 0..30 {
            for (f, truth) in &data {
                let mut s = vec![0.0; 3];
                t.score(f, &mut s);
                let guess = argmax(&s, |_| true).unwrap();
                t.update(f, *truth, guess);
                t.tick();
            }
        }
        let w = t.average(0.0);
        let correct = data
            .iter()
            .filter(|(f, truth)| {
                let mut s = vec![0.0; 3];
                w.score(f, &mut s);
                argmax(&s, |_| true) == Some(*truth)
            })
            .count();
        assert!(
            correct * 10 >= data.len() * 9,
            "{correct} of {}",
            data.len()
        );
        let mut buf = Vec::new();
        w.encode(&mut buf);
        let back = Weights::decode(&mut buf.as_slice()).unwrap();
        assert_eq!(back.n_features(), w.n_features());
        for (f, _) in &data {
            for &k in f {
                assert_eq!(back.row(k), w.row(k));
            }
        }
        assert!(Weights::decode(&mut &buf[..buf.len() - 3]).is_err());
    }
}
