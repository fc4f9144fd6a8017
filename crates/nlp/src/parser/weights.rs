//! Sparse-row averaged perceptron for many classes, and its frozen,
//! quantised (`i16`) form.
//!
//! [`crate::perceptron::Trainer`] keeps a dense row per feature, which is
//! too big for ~100 labelled transitions; here each feature keeps only the
//! classes it was ever updated for. Averaging uses the Daumé trick
//! (`avg = w - u / t`, with `u` accumulating `t * delta`).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::features::{KEY_MASK, SMALL};

/// Number of transition classes: shift, reduce, and LEFT-ARC / RIGHT-ARC
/// for each of the [`N_GROUPS`] label groups.
pub const NT: usize = 2 + 2 * N_GROUPS;
/// Label groups the transitions distinguish (see `parser::label_group`;
/// 1 = unlabelled transitions, which makes [`Dense4`] rows four per cache
/// line instead of two: about 15% faster, about 0.4 UAS / LAS worse on EWT
/// and GUM dev with predicted tags).
pub const N_GROUPS: usize = 5;

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
        // Spread the 48-bit keys over the table (hashbrown uses top bits).
        self.0 = n.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<IdentityHasher>>;

#[derive(Clone, Copy)]
struct Entry {
    w: f32,
    class: u8,
    u: f64,
}

/// Training state.
pub struct SparseTrainer {
    n_classes: usize,
    map: KeyMap<u32>,
    rows: Vec<Vec<Entry>>,
    /// Update counts per row (for frequency cut-offs).
    hits: Vec<u32>,
    time: u64,
}

impl SparseTrainer {
    /// A trainer for `n_classes` (≤ 256) classes.
    pub fn new(n_classes: usize) -> Self {
        assert!(n_classes <= 256, "at most 256 classes");
        SparseTrainer {
            n_classes,
            map: KeyMap::default(),
            rows: Vec::new(),
            hits: Vec::new(),
            time: 1,
        }
    }

    /// Number of feature rows.
    pub fn n_features(&self) -> usize {
        self.rows.len()
    }

    /// Adds current weights into `scores` (not cleared).
    #[inline]
    pub fn score(&self, feats: &[u64], scores: &mut [f32]) {
        for f in feats {
            if let Some(&r) = self.map.get(f) {
                for e in &self.rows[r as usize] {
                    scores[e.class as usize] += e.w;
                }
            }
        }
    }

    /// One training example has passed.
    #[inline]
    pub fn tick(&mut self) {
        self.time += 1;
    }

    /// `+1` for `truth`, `-1` for `guess` on every feature.
    pub fn update(&mut self, feats: &[u64], truth: usize, guess: usize) {
        if truth == guess {
            return;
        }
        let t = self.time as f64;
        for &f in feats {
            let next = self.rows.len() as u32;
            let r = *self.map.entry(f).or_insert(next);
            if r == next {
                self.rows.push(Vec::with_capacity(2));
                self.hits.push(0);
            }
            let r = r as usize;
            self.hits[r] = self.hits[r].saturating_add(1);
            let row = &mut self.rows[r];
            for (class, delta) in [(truth, 1.0f32), (guess, -1.0f32)] {
                let e = match row.iter_mut().position(|e| e.class as usize == class) {
                    Some(i) => &mut row[i],
                    None => {
                        row.push(Entry {
                            w: 0.0,
                            class: class as u8,
                            u: 0.0,
                        });
                        let last = row.len() - 1;
                        &mut row[last]
                    }
                };
                e.w += delta;
                e.u += t * delta as f64;
            }
        }
    }

    /// Averaged weights, dropping entries below `min_abs` and features
    /// updated fewer than `min_hits` times.
    pub fn freeze(&self, min_abs: f32, min_hits: u32) -> Frozen {
        let t = self.time as f64;
        let mut keys: Vec<(u64, u32)> = self.map.iter().map(|(&k, &r)| (k, r)).collect();
        keys.sort_unstable();
        let mut rows: Vec<(u64, Vec<(u8, f32)>)> = Vec::with_capacity(keys.len());
        let mut max_abs = 0f32;
        for (key, r) in keys {
            if self.hits[r as usize] < min_hits {
                continue;
            }
            let mut row: Vec<(u8, f32)> = self.rows[r as usize]
                .iter()
                .map(|e| (e.class, (e.w as f64 - e.u / t) as f32))
                .filter(|(_, w)| w.abs() >= min_abs && *w != 0.0)
                .collect();
            if row.is_empty() {
                continue;
            }
            row.sort_unstable_by_key(|e| e.0);
            for e in &row {
                max_abs = max_abs.max(e.1.abs());
            }
            rows.push((key, row));
        }
        let scale = if max_abs > 0.0 {
            32767.0 / max_abs
        } else {
            1.0
        };
        let mut b = FrozenBuilder::new(self.n_classes, scale);
        for (key, row) in rows {
            let q: Vec<(u8, i16)> = row
                .iter()
                .map(|&(c, w)| (c, (w * scale).round().clamp(-32767.0, 32767.0) as i16))
                .filter(|e| e.1 != 0)
                .collect();
            if !q.is_empty() {
                b.push(key, &q);
            }
        }
        b.finish()
    }
}

/// Entries kept inline in a row; longer rows keep `INLINE - 1` there and
/// the offset of the rest (in `extra`) in the last place.
const INLINE: usize = 8;
/// Keys per bucket (one cache line).
const WAYS: usize = 8;
/// Length of the score buffer [`Frozen::score`] writes into: classes are
/// `u8`, and unused row entries add 0 to the padding classes
/// `PAD..PAD + 8`, which real classes never reach.
pub const SCORES_LEN: usize = 256;
/// First padding class; at most this many real classes.
pub const PAD: usize = 248;
/// Marks the last inline entry of a long row (bit 8 is never set in an
/// entry): the rest is `long_rows[e >> 9]`.
const LONG: u32 = 1 << 8;
/// Set on the first key of a bucket that a later key overflowed past:
/// only then must a lookup that misses go on to the next bucket.
const OVER: u64 = 1 << 63;

#[inline(always)]
fn len_of(k: u64) -> usize {
    ((k >> 48) & 0x7fff) as usize
}

#[inline(always)]
fn padding(j: usize) -> u32 {
    (PAD + j) as u32
}

/// Eight keys (48 bits, with the row length in the top 16 bits; 0 =
/// empty): one cache line, so that a lookup of an absent feature touches a
/// single line.
#[repr(C, align(64))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Bucket {
    keys: [u64; WAYS],
}

/// The packed entries (`class | weight << 16`) of one slot.
#[repr(C, align(32))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Row {
    e: [u32; INLINE],
}

#[inline(always)]
fn pack(class: u8, w: i16) -> u32 {
    class as u32 | ((w as u16 as u32) << 16)
}

#[inline(always)]
fn unpack(e: u32) -> (usize, i32) {
    ((e & 0xff) as usize, (e >> 16) as u16 as i16 as i32)
}

/// Frozen sparse weights: `key → [(class, i16 weight)]` in a bucketed
/// hash table (keys apart from rows, rows of up to 8 entries inline).
#[derive(Debug, Clone, PartialEq)]
pub struct Frozen {
    n_classes: usize,
    /// Multiply a real weight by this to get the stored integer.
    scale: f32,
    buckets: Vec<Bucket>,
    /// One row per slot, then an all-padding row for absent features.
    rows: Vec<Row>,
    /// Tails of rows longer than [`INLINE`]: ranges of `extra`.
    long_rows: Vec<(u32, u32)>,
    extra: Vec<u32>,
    n_rows: usize,
}

struct FrozenBuilder {
    n_classes: usize,
    scale: f32,
    keys: Vec<(u64, u32, u32)>,
    entries: Vec<u32>,
}

#[inline(always)]
fn bucket_of(key: u64, n_buckets: usize) -> usize {
    let h = key.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    ((h as u128 * n_buckets as u128) >> 64) as usize
}

impl FrozenBuilder {
    fn new(n_classes: usize, scale: f32) -> Self {
        FrozenBuilder {
            n_classes,
            scale,
            keys: Vec::new(),
            entries: Vec::new(),
        }
    }

    fn push(&mut self, key: u64, row: &[(u8, i16)]) {
        let start = self.entries.len() as u32;
        self.entries.extend(row.iter().map(|&(c, w)| pack(c, w)));
        self.keys.push((key, start, row.len() as u32));
    }

    fn finish(self) -> Frozen {
        // Load factor 0.5: few buckets overflow into the next.
        let n_buckets = (self.keys.len() * 2).div_ceil(WAYS).max(2);
        let mut buckets = vec![Bucket::default(); n_buckets];
        let pad = Row {
            e: std::array::from_fn(padding),
        };
        let mut rows = vec![pad; n_buckets * WAYS + 1];
        let mut extra = Vec::new();
        let mut long_rows = Vec::new();
        for &(key, start, len) in &self.keys {
            let mut b = bucket_of(key, n_buckets);
            let j = loop {
                if let Some(j) = buckets[b].keys.iter().position(|&k| k == 0) {
                    break j;
                }
                buckets[b].keys[0] |= OVER;
                b = (b + 1) % n_buckets;
            };
            buckets[b].keys[j] = key | ((len as u64) << 48);
            let src = &self.entries[start as usize..(start + len) as usize];
            let row = &mut rows[b * WAYS + j];
            if src.len() <= INLINE {
                row.e[..src.len()].copy_from_slice(src);
            } else {
                row.e[..INLINE - 1].copy_from_slice(&src[..INLINE - 1]);
                row.e[INLINE - 1] = LONG | ((long_rows.len() as u32) << 9);
                let a = extra.len() as u32;
                extra.extend_from_slice(&src[INLINE - 1..]);
                long_rows.push((a, extra.len() as u32));
            }
        }
        Frozen {
            n_classes: self.n_classes,
            scale: self.scale,
            buckets,
            rows,
            long_rows,
            extra,
            n_rows: self.keys.len(),
        }
    }
}

/// A weights section that could not be decoded.
#[derive(Debug)]
pub struct Corrupt(pub &'static str);

impl Frozen {
    /// Multiply a real weight by this to get the stored integer.
    pub fn scale(&self) -> f32 {
        self.scale
    }

    /// Number of classes.
    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Number of feature rows.
    pub fn n_features(&self) -> usize {
        self.n_rows
    }

    /// Number of stored (class, weight) entries.
    pub fn n_entries(&self) -> usize {
        self.slots().map(|(k, _)| len_of(k)).sum()
    }

    /// Occupied slots: (key with length, slot index).
    fn slots(&self) -> impl Iterator<Item = (u64, usize)> + '_ {
        self.buckets.iter().enumerate().flat_map(|(b, bk)| {
            bk.keys
                .iter()
                .enumerate()
                .filter(|(_, &k)| k != 0)
                .map(move |(j, &k)| (k, b * WAYS + j))
        })
    }

    /// The entries of a slot, in two pieces.
    #[inline(always)]
    fn row(&self, key: u64, slot: usize) -> (&[u32], &[u32]) {
        let len = len_of(key);
        let r = &self.rows[slot].e;
        if len <= INLINE {
            (&r[..len], &[])
        } else {
            let (a, z) = self
                .long_rows
                .get((r[INLINE - 1] >> 9) as usize)
                .copied()
                .unwrap_or((0, 0));
            (
                &r[..INLINE - 1],
                self.extra.get(a as usize..z as usize).unwrap_or(&[]),
            )
        }
    }

    /// The slot of `f`, searching from bucket `b`.
    fn find(&self, f: u64, mut b: usize) -> Option<usize> {
        for _ in 0..self.buckets.len() {
            let keys = &self.buckets[b].keys;
            if let Some(j) = keys.iter().position(|&k| k & KEY_MASK == f) {
                return Some(b * WAYS + j);
            }
            if keys[0] & OVER == 0 {
                return None;
            }
            b += 1;
            if b == self.buckets.len() {
                b = 0;
            }
        }
        None
    }

    /// Adds the integer weights of `feats` into `scores` (not cleared;
    /// at least [`SCORES_LEN`] entries, of which the first `n_classes`
    /// are meaningful).
    #[inline]
    pub fn score(&self, feats: &[u64], scores: &mut [i32; SCORES_LEN]) {
        const CHUNK: usize = 128;
        let nb = self.buckets.len();
        let mut home = [0usize; CHUNK];
        let mut touch = [0u64; CHUNK];
        let mut slots = [0u32; CHUNK];
        let zero = self.rows.len() - 1;
        for chunk in feats.chunks(CHUNK) {
            // Three passes so that the cache misses of different features
            // overlap: touch every home bucket, then find the slots and
            // touch their rows, then add the rows up. The common path has
            // no data-dependent branches: a missing feature reads the
            // all-padding row, and every row is read as 8 entries.
            for (j, &f) in chunk.iter().enumerate() {
                let b = bucket_of(f, nb);
                home[j] = b;
                touch[j] = self.buckets[b].keys[0];
            }
            for (j, &f) in chunk.iter().enumerate() {
                let b = home[j];
                let keys = &self.buckets[b].keys;
                let mut found = WAYS;
                let over = touch[j] & OVER != 0;
                for (i, &k) in keys.iter().enumerate() {
                    if k & KEY_MASK == f {
                        found = i;
                    }
                }
                let slot = if found < WAYS {
                    b * WAYS + found
                } else if over {
                    self.find(f, b).unwrap_or(zero)
                } else {
                    zero
                };
                slots[j] = slot as u32;
                touch[j] = self.rows[slot].e[0] as u64;
            }
            for &slot in &slots[..chunk.len()] {
                let r = &self.rows[slot as usize];
                for &e in &r.e[..INLINE - 1] {
                    let (c, w) = unpack(e);
                    scores[c] += w;
                }
                let last = r.e[INLINE - 1];
                if last & LONG == 0 {
                    let (c, w) = unpack(last);
                    scores[c] += w;
                } else {
                    let (a, z) = self
                        .long_rows
                        .get((last >> 9) as usize)
                        .copied()
                        .unwrap_or((0, 0));
                    for &e in self.extra.get(a as usize..z as usize).unwrap_or(&[]) {
                        let (c, w) = unpack(e);
                        scores[c] += w;
                    }
                }
            }
        }
    }

    /// Rows sorted by key: (key, entries).
    fn sorted_rows(&self) -> Vec<(u64, usize)> {
        let mut rows: Vec<(u64, usize)> = self.slots().collect();
        rows.sort_unstable_by_key(|r| r.0 & KEY_MASK);
        rows
    }

    /// A copy without the weights whose real magnitude is below `min_abs`
    /// (rows left empty are dropped).
    pub fn pruned(&self, min_abs: f32) -> Frozen {
        let cut = ((min_abs * self.scale).round() as i32).max(1);
        let mut b = FrozenBuilder::new(self.n_classes, self.scale);
        let mut row = Vec::new();
        for (k, slot) in self.sorted_rows() {
            row.clear();
            let (x, y) = self.row(k, slot);
            for &e in x.iter().chain(y) {
                let (c, w) = unpack(e);
                if w.abs() >= cut {
                    row.push((c as u8, w as i16));
                }
            }
            if !row.is_empty() {
                b.push(k & KEY_MASK, &row);
            }
        }
        b.finish()
    }

    /// Encodes: class count, scale, row count, then rows sorted by key
    /// (key delta and length as varints, then `(class u8, weight i16 LE)`).
    pub fn encode(&self, out: &mut Vec<u8>) {
        let rows = self.sorted_rows();
        out.extend_from_slice(&(self.n_classes as u32).to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        let mut prev = 0u64;
        for (k, slot) in rows {
            let key = k & KEY_MASK;
            put_varint(out, key - prev);
            prev = key;
            put_varint(out, len_of(k) as u64);
            let (a, b) = self.row(k, slot);
            for &e in a.iter().chain(b) {
                let (c, w) = unpack(e);
                out.push(c as u8);
                out.extend_from_slice(&(w as i16).to_le_bytes());
            }
        }
    }

    /// Decodes what [`Frozen::encode`] wrote, advancing `input`.
    pub fn decode(input: &mut &[u8]) -> Result<Frozen, Corrupt> {
        let n_classes = take_u32(input)? as usize;
        if n_classes == 0 || n_classes > PAD {
            return Err(Corrupt("class count out of range"));
        }
        let scale = f32::from_bits(take_u32(input)?);
        if !scale.is_finite() || scale <= 0.0 {
            return Err(Corrupt("bad scale"));
        }
        let count = take_u32(input)? as usize;
        // Every row takes at least 5 bytes: refuse absurd counts early.
        if count > input.len() / 5 + 1 {
            return Err(Corrupt("row count larger than the data"));
        }
        let mut b = FrozenBuilder::new(n_classes, scale);
        b.keys.reserve(count);
        let mut key = 0u64;
        let mut row = Vec::new();
        for _ in 0..count {
            let delta = take_varint(input)?;
            key = key.checked_add(delta).ok_or(Corrupt("key overflow"))?;
            if delta == 0 || key > KEY_MASK {
                return Err(Corrupt("keys not increasing or out of range"));
            }
            let len = take_varint(input)? as usize;
            if len == 0 || len > n_classes {
                return Err(Corrupt("row length out of range"));
            }
            if input.len() < len * 3 {
                return Err(Corrupt("truncated row"));
            }
            row.clear();
            for _ in 0..len {
                let (e, rest) = input.split_at(3);
                *input = rest;
                if e[0] as usize >= n_classes {
                    return Err(Corrupt("class out of range"));
                }
                row.push((e[0], i16::from_le_bytes([e[1], e[2]])));
            }
            b.push(key, &row);
        }
        Ok(b.finish())
    }
}

pub(super) fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

pub(super) fn take_varint(input: &mut &[u8]) -> Result<u64, Corrupt> {
    let mut v = 0u64;
    for shift in (0..64).step_by(7) {
        let (&byte, rest) = input.split_first().ok_or(Corrupt("truncated varint"))?;
        *input = rest;
        v |= ((byte & 0x7f) as u64) << shift;
        if byte < 0x80 {
            return Ok(v);
        }
    }
    Err(Corrupt("varint too long"))
}

/// Reads a little-endian `u32`, advancing `input`.
pub fn take_u32(input: &mut &[u8]) -> Result<u32, Corrupt> {
    if input.len() < 4 {
        return Err(Corrupt("truncated"));
    }
    let (h, rest) = input.split_at(4);
    *input = rest;
    Ok(u32::from_le_bytes([h[0], h[1], h[2], h[3]]))
}

/// Slots per [`Dense4`] bucket.
const WAYS4: usize = 64 / (8 + 2 * NT);

/// The slots of a [`Dense4`] table, one cache line: keys (0 = empty; the
/// first key carries the [`OVER`] flag) and their [`NT`] weights.
#[repr(C, align(64))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Bucket4 {
    key: [u64; WAYS4],
    w: [[i16; NT]; WAYS4],
}

/// Frozen weights for exactly [`NT`] classes (the transitions): dense
/// `i16` rows stored next to their keys, two per cache line, so a
/// lookup touches one line and scoring has no data-dependent branches.
#[derive(Debug, Clone, PartialEq)]
pub struct Dense4 {
    scale: f32,
    buckets: Vec<Bucket4>,
    n_rows: usize,
}

impl Dense4 {
    /// Builds from a [`Frozen`] table of [`NT`] classes.
    pub fn from_frozen(f: &Frozen) -> Dense4 {
        let mut rows = Vec::with_capacity(f.n_rows);
        for (k, slot) in f.sorted_rows() {
            let mut w = [0i16; NT];
            let (a, b) = f.row(k, slot);
            for &e in a.iter().chain(b) {
                let (c, x) = unpack(e);
                if let Some(v) = w.get_mut(c) {
                    *v = x as i16;
                }
            }
            rows.push((k & KEY_MASK, w));
        }
        Dense4::build(f.scale, &rows)
    }

    /// An empty table sized for `n_rows` rows.
    fn with_rows(scale: f32, n_rows: usize) -> Dense4 {
        // Load factor 1/3: with two slots per bucket, few buckets overflow
        // (0.5 was about 5% slower, 0.75 15% slower).
        let n_buckets = (n_rows * 3).div_ceil(WAYS4).max(2);
        Dense4 {
            scale,
            buckets: vec![Bucket4::default(); n_buckets],
            n_rows: 0,
        }
    }

    /// Adds a row whose key is not in the table yet (at most the number of
    /// rows the table was sized for).
    fn insert(&mut self, key: u64, w: [i16; NT]) {
        let n_buckets = self.buckets.len();
        let mut b = bucket_of(key, n_buckets);
        let j = loop {
            if let Some(j) = self.buckets[b].key.iter().position(|&x| x == 0) {
                break j;
            }
            self.buckets[b].key[0] |= OVER;
            b = (b + 1) % n_buckets;
        };
        self.buckets[b].key[j] = key;
        self.buckets[b].w[j] = w;
        self.n_rows += 1;
    }

    /// Builds from rows sorted by key.
    fn build(scale: f32, rows: &[(u64, [i16; NT])]) -> Dense4 {
        let mut d = Dense4::with_rows(scale, rows.len());
        for &(key, w) in rows {
            d.insert(key, w);
        }
        d
    }

    /// Number of feature rows.
    pub fn n_features(&self) -> usize {
        self.n_rows
    }

    /// Rows sorted by key.
    fn sorted_rows(&self) -> Vec<(u64, [i16; NT])> {
        let mut rows: Vec<(u64, [i16; NT])> = self
            .buckets
            .iter()
            .flat_map(|b| b.key.iter().zip(&b.w))
            .filter(|(&k, _)| k != 0)
            .map(|(&k, &w)| (k & KEY_MASK, w))
            .collect();
        rows.sort_unstable_by_key(|r| r.0);
        rows
    }

    /// A copy without the weights whose real magnitude is below `min_abs`.
    pub fn pruned(&self, min_abs: f32) -> Dense4 {
        let cut = ((min_abs * self.scale).round() as i32).max(1);
        let rows: Vec<(u64, [i16; NT])> = self
            .sorted_rows()
            .into_iter()
            .map(|(k, w)| (k, w.map(|x| if (x as i32).abs() >= cut { x } else { 0 })))
            .filter(|(_, w)| w.iter().any(|&x| x != 0))
            .collect();
        Dense4::build(self.scale, &rows)
    }

    fn find(&self, f: u64, mut b: usize) -> [i16; NT] {
        for _ in 0..self.buckets.len() {
            let bk = &self.buckets[b];
            if let Some(j) = bk.key.iter().position(|&x| x & KEY_MASK == f) {
                return bk.w[j];
            }
            if bk.key[0] & OVER == 0 {
                return [0; NT];
            }
            b += 1;
            if b == self.buckets.len() {
                b = 0;
            }
        }
        [0; NT]
    }

    /// The summed integer weights of `feats` (the parser scores through
    /// [`Split4::score`]).
    #[cfg(test)]
    pub fn score(&self, feats: &[u64]) -> [i32; NT] {
        const CHUNK: usize = 128;
        let nb = self.buckets.len();
        let mut home = [0usize; CHUNK];
        let mut touch = [0u64; CHUNK];
        let mut acc = [0i32; NT];
        for chunk in feats.chunks(CHUNK) {
            // Touch every home bucket first so that the misses overlap.
            for (j, &f) in chunk.iter().enumerate() {
                let b = bucket_of(f, nb);
                home[j] = b;
                touch[j] = self.buckets[b].key[0];
            }
            for (j, &f) in chunk.iter().enumerate() {
                let bk = &self.buckets[home[j]];
                let mut w = [0i16; NT];
                let mut hit_any = false;
                for (x, row) in bk.key.iter().zip(&bk.w) {
                    let hit = x & KEY_MASK == f;
                    for (v, &y) in w.iter_mut().zip(row) {
                        *v = if hit { y } else { *v };
                    }
                    hit_any |= hit;
                }
                if !hit_any && touch[j] & OVER != 0 {
                    w = self.find(f, home[j]);
                }
                for (a, &v) in acc.iter_mut().zip(&w) {
                    *a += v as i32;
                }
            }
        }
        acc
    }

    /// Encodes: scale, row count, then rows sorted by key (key delta
    /// varint, a byte of which weights are non-zero, those weights).
    pub fn encode(&self, out: &mut Vec<u8>) {
        let rows = self.sorted_rows();
        out.extend_from_slice(&self.scale.to_le_bytes());
        out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        let mut prev = 0;
        for (key, w) in rows {
            put_varint(out, key - prev);
            prev = key;
            let mask = (0..NT).fold(0u16, |m, c| m | (u16::from(w[c] != 0) << c));
            out.extend_from_slice(&mask.to_le_bytes());
            for x in w.iter().filter(|&&x| x != 0) {
                out.extend_from_slice(&x.to_le_bytes());
            }
        }
    }

    /// Decodes what [`Dense4::encode`] wrote, advancing `input`.
    #[cfg(test)]
    pub fn decode(input: &mut &[u8]) -> Result<Dense4, Corrupt> {
        Dense4::decode_keys(input, |_| true)
    }

    /// [`Dense4::decode`], refusing keys for which `accept` is false. Rows
    /// go straight into the table: loading needs no second copy of it.
    fn decode_keys(input: &mut &[u8], accept: impl Fn(u64) -> bool) -> Result<Dense4, Corrupt> {
        let scale = f32::from_bits(take_u32(input)?);
        if !scale.is_finite() || scale <= 0.0 {
            return Err(Corrupt("bad scale"));
        }
        let count = take_u32(input)? as usize;
        if count > input.len() / 2 + 1 {
            return Err(Corrupt("row count larger than the data"));
        }
        let mut table = Dense4::with_rows(scale, count);
        let mut key = 0u64;
        for _ in 0..count {
            let delta = take_varint(input)?;
            key = key.checked_add(delta).ok_or(Corrupt("key overflow"))?;
            if delta == 0 || key > KEY_MASK {
                return Err(Corrupt("keys not increasing or out of range"));
            }
            if !accept(key) {
                return Err(Corrupt("transition rows in the wrong table"));
            }
            if input.len() < 2 {
                return Err(Corrupt("truncated row"));
            }
            let mask = u16::from_le_bytes([input[0], input[1]]);
            *input = &input[2..];
            if mask >> NT != 0 {
                return Err(Corrupt("bad row mask"));
            }
            let mut w = [0i16; NT];
            for (c, v) in w.iter_mut().enumerate() {
                if mask & (1 << c) != 0 {
                    if input.len() < 2 {
                        return Err(Corrupt("truncated row"));
                    }
                    let (x, rest) = input.split_at(2);
                    *input = rest;
                    *v = i16::from_le_bytes([x[0], x[1]]);
                }
            }
            table.insert(key, w);
        }
        Ok(table)
    }
}

/// The transition weights as two [`Dense4`] tables, split by the
/// [`SMALL`] key bit: the few keys of the tag-only templates apart from the
/// many of the lexical ones, so that the former stay in cache.
#[derive(Debug, Clone, PartialEq)]
pub struct Split4 {
    small: Dense4,
    big: Dense4,
}

impl Split4 {
    /// Builds from a [`Frozen`] table of [`NT`] classes.
    pub fn from_frozen(f: &Frozen) -> Split4 {
        let d = Dense4::from_frozen(f);
        Split4::from_rows(d.scale, d.sorted_rows())
    }

    fn from_rows(scale: f32, rows: Vec<(u64, [i16; NT])>) -> Split4 {
        let (small, big): (Vec<_>, Vec<_>) = rows.into_iter().partition(|r| r.0 & SMALL != 0);
        Split4 {
            small: Dense4::build(scale, &small),
            big: Dense4::build(scale, &big),
        }
    }

    /// Multiply a real weight by this to get the stored integer (both
    /// tables share it).
    pub fn scale(&self) -> f32 {
        self.small.scale
    }

    /// Number of feature rows (small table, big table).
    pub fn n_features(&self) -> (usize, usize) {
        (self.small.n_features(), self.big.n_features())
    }

    /// A copy without the weights whose real magnitude is below `min_abs`.
    pub fn pruned(&self, min_abs: f32) -> Split4 {
        Split4 {
            small: self.small.pruned(min_abs),
            big: self.big.pruned(min_abs),
        }
    }

    /// The summed integer weights of `feats`.
    #[inline]
    pub fn score(&self, feats: &[u64]) -> [i32; NT] {
        const CHUNK: usize = 128;
        let mut home = [0usize; CHUNK];
        let mut touch = [0u64; CHUNK];
        let mut acc = [0i32; NT];
        // Branch-free choice of table (a mispredicted branch here would
        // cancel the overlapping loads).
        let tables = [&self.big, &self.small];
        let table = |f: u64| tables[((f >> 47) & 1) as usize];
        for chunk in feats.chunks(CHUNK) {
            for (j, &f) in chunk.iter().enumerate() {
                let t = table(f);
                let b = bucket_of(f, t.buckets.len());
                home[j] = b;
                touch[j] = t.buckets[b].key[0];
            }
            for (j, &f) in chunk.iter().enumerate() {
                let t = table(f);
                let bk = &t.buckets[home[j]];
                let mut w = [0i16; NT];
                let mut hit_any = false;
                for (x, row) in bk.key.iter().zip(&bk.w) {
                    let hit = x & KEY_MASK == f;
                    for (v, &y) in w.iter_mut().zip(row) {
                        *v = if hit { y } else { *v };
                    }
                    hit_any |= hit;
                }
                if !hit_any && touch[j] & OVER != 0 {
                    w = t.find(f, home[j]);
                }
                for (a, &v) in acc.iter_mut().zip(&w) {
                    *a += v as i32;
                }
            }
        }
        acc
    }

    /// Encodes both tables.
    pub fn encode(&self, out: &mut Vec<u8>) {
        self.small.encode(out);
        self.big.encode(out);
    }

    /// Decodes what [`Split4::encode`] wrote, advancing `input`.
    pub fn decode(input: &mut &[u8]) -> Result<Split4, Corrupt> {
        let small = Dense4::decode_keys(input, |k| k & SMALL != 0)?;
        let big = Dense4::decode_keys(input, |k| k & SMALL == 0)?;
        Ok(Split4 { small, big })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parser::features::fkey;

    /// Random sparse updates; frozen lookups agree with the averaged rows.
    fn trained(n_classes: usize, n_feats: u64) -> (SparseTrainer, Vec<u64>) {
        let mut t = SparseTrainer::new(n_classes);
        let mut x = 12345u64;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let keys: Vec<u64> = (0..n_feats).map(|i| fkey(9, i, 0, 0)).collect();
        for _ in 0..20_000 {
            let feats: Vec<u64> = (0..5).map(|_| keys[(next() % n_feats) as usize]).collect();
            let a = (next() % n_classes as u64) as usize;
            let b = (next() % n_classes as u64) as usize;
            t.update(&feats, a, b);
            t.tick();
        }
        (t, keys)
    }

    #[test]
    fn frozen_tables_agree_and_round_trip() {
        for n_classes in [NT, 51] {
            let (t, keys) = trained(n_classes, 5000);
            let f = t.freeze(0.0, 1);
            let absent: Vec<u64> = (0..2000).map(|i| fkey(10, i, 0, 0)).collect();
            // Reference: each key's row on its own.
            for chunk in keys.chunks(7).chain(absent.chunks(7)) {
                let mut all = [0i32; SCORES_LEN];
                f.score(chunk, &mut all);
                let mut one_by_one = [0i32; SCORES_LEN];
                for k in chunk {
                    f.score(std::slice::from_ref(k), &mut one_by_one);
                }
                assert_eq!(all[..n_classes], one_by_one[..n_classes]);
                assert!(all[PAD..].iter().all(|&x| x == 0));
            }
            let mut buf = Vec::new();
            f.encode(&mut buf);
            let back = Frozen::decode(&mut buf.as_slice()).unwrap();
            assert_eq!(back, f);
            assert!(Frozen::decode(&mut &buf[..buf.len() - 1]).is_err());
            let p = f.pruned(0.5);
            assert!(p.n_entries() <= f.n_entries());
            if n_classes == NT {
                let d = Dense4::from_frozen(&f);
                assert_eq!(d.n_features(), f.n_features());
                for chunk in keys.chunks(9).chain(absent.chunks(9)) {
                    let mut s = [0i32; SCORES_LEN];
                    f.score(chunk, &mut s);
                    let want: [i32; NT] = std::array::from_fn(|c| s[c]);
                    assert_eq!(d.score(chunk), want);
                }
                let mut buf = Vec::new();
                d.encode(&mut buf);
                let back = Dense4::decode(&mut buf.as_slice()).unwrap();
                assert_eq!(back, d);
                assert!(Dense4::decode(&mut &buf[..buf.len() - 1]).is_err());
                assert!(d.pruned(0.5).n_features() <= d.n_features());
            }
        }
    }
}

#[cfg(test)]
mod big_tests {
    use super::*;
    use crate::parser::features::fkey;
    use std::collections::HashMap;

    #[test]
    fn dense4_matches_a_hash_map_at_scale() {
        let n = 300_000u64;
        let mut rows: Vec<(u64, [i16; NT])> = (0..n)
            .map(|i| {
                let k = fkey(3, i, 0, 0);
                (
                    k,
                    std::array::from_fn(|c| match c % 4 {
                        0 => (i % 7) as i16 + 1,
                        1 => (i % 5) as i16,
                        2 => -((i % 3) as i16),
                        _ => 9,
                    }),
                )
            })
            .collect();
        rows.sort_unstable_by_key(|r| r.0);
        rows.dedup_by_key(|r| r.0);
        let d = Dense4::build(1.0, &rows);
        let map: HashMap<u64, [i16; NT]> = rows.iter().copied().collect();
        for i in 0..2 * n {
            let k = fkey(3, i, 0, 0);
            let want = map.get(&k).copied().unwrap_or([0; NT]);
            assert_eq!(d.score(&[k]), want.map(i32::from), "key {i}");
        }
        // Frozen too.
        let mut b = FrozenBuilder::new(NT, 1.0);
        for (k, w) in &rows {
            let row: Vec<(u8, i16)> = w
                .iter()
                .enumerate()
                .filter(|(_, &x)| x != 0)
                .map(|(c, &x)| (c as u8, x))
                .collect();
            b.push(*k, &row);
        }
        let f = b.finish();
        for i in 0..2 * n {
            let k = fkey(3, i, 0, 0);
            let want = map.get(&k).copied().unwrap_or([0; NT]);
            let mut s = [0i32; SCORES_LEN];
            f.score(&[k], &mut s);
            assert_eq!(s[..NT], want.map(i32::from), "key {i}");
        }
    }
}
