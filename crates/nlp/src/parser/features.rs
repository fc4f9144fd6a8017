//! Feature extraction: the arc-eager templates of Zhang & Nivre (2011)
//! (single words, pairs, triples, distance, valency, second-order and
//! third-order children and heads, label sets) plus a few stack-depth-two
//! and universal-tag templates, hashed into 48-bit keys.

use std::collections::HashMap;

use super::state::{Config, NONE};
use crate::hash::hash_bytes;

/// Words seen at least this often in the training data get an ambiguity
/// class of their own.
pub const AMBIG_MIN_COUNT: usize = 3;

/// Per-word *ambiguity classes*: the set of XPOS tags a word had in the
/// training data (tags with at least 5% of its occurrences), as one hashed
/// value. Features over these do not depend on the single tag predicted in
/// context, so they are robust to tagging errors. Rare and unseen words get
/// a class from their last three characters and capitalisation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ambig {
    /// Normalised-form hash ([`Words::w`]) → class value.
    pub map: HashMap<u64, u64>,
}

impl Ambig {
    /// Builds the table from (form, XPOS) pairs.
    pub fn build<'a>(pairs: impl Iterator<Item = (&'a str, &'a str)>) -> Ambig {
        let mut counts: HashMap<u64, HashMap<&'a str, usize>> = HashMap::new();
        let mut words = Words::default();
        for (form, tag) in pairs {
            let w = words.norm_hash(form);
            *counts.entry(w).or_default().entry(tag).or_default() += 1;
        }
        let mut map = HashMap::new();
        for (w, tags) in counts {
            let total: usize = tags.values().sum();
            if total < AMBIG_MIN_COUNT {
                continue;
            }
            let mut set: Vec<&str> = tags
                .iter()
                .filter(|(_, &c)| c * 20 >= total)
                .map(|(&t, _)| t)
                .collect();
            set.sort_unstable();
            let mut h = 0xA3B1_5C0Du64;
            for t in set {
                h = fkey(0xA3, h, hash_bytes(t.as_bytes()), 0);
            }
            map.insert(w, h);
        }
        Ambig { map }
    }
}

/// Keys are kept to 48 bits (the model stores them that way).
pub const KEY_MASK: u64 = (1 << 48) - 1;

const NONE_W: u64 = 0x51_7cc1_b727_220a;
const ROOT_W: u64 = 0x2d35_8dcc_aa6c_78a5;
const NONE_L: u64 = 0xffff;

/// A feature key from a template number and three values (never 0).
#[inline(always)]
pub fn fkey(t: u64, a: u64, b: u64, c: u64) -> u64 {
    let mut h = t.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ a;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd).rotate_left(29) ^ b;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53).rotate_left(31) ^ c;
    h ^= h >> 32;
    h = h.wrapping_mul(0xd6e8_feb8_6659_fd93);
    h ^= h >> 29;
    let k = h & KEY_MASK;
    if k == 0 {
        1
    } else {
        k
    }
}

#[inline(always)]
fn pair(a: u64, b: u64) -> u64 {
    fkey(0x7777, a, b, 0)
}

/// Per-word hashed attributes of one sentence (position `n` is the root).
#[derive(Debug, Default, Clone)]
pub struct Words {
    /// Normalised (lowercased, digits as `0`) form.
    pub w: Vec<u64>,
    /// Language-specific tag (XPOS).
    pub p: Vec<u64>,
    /// Universal tag (UPOS).
    pub u: Vec<u64>,
    /// Word and XPOS together.
    pub wp: Vec<u64>,
    /// Ambiguity class (see [`Ambig`]).
    pub a: Vec<u64>,
    buf: String,
}

impl Words {
    /// Fills from a sentence; missing tags count as `_`.
    pub fn fill(&mut self, forms: &[&str], upos: &[&str], xpos: &[&str], amb: &Ambig) {
        let n = forms.len();
        self.w.clear();
        self.p.clear();
        self.u.clear();
        self.wp.clear();
        self.a.clear();
        for (i, form) in forms.iter().enumerate() {
            let w = self.norm_hash(form);
            let a = match amb.map.get(&w) {
                Some(&a) => a,
                None => {
                    // Unknown: suffix and capitalisation.
                    let cut = self.buf.char_indices().rev().nth(2).map_or(0, |(i, _)| i);
                    let cap = form.chars().next().is_some_and(char::is_uppercase);
                    fkey(
                        0xA4,
                        hash_bytes(&self.buf.as_bytes()[cut..]),
                        u64::from(cap),
                        0,
                    )
                }
            };
            self.a.push(a);
            let p = tag_hash(xpos.get(i).copied().unwrap_or("_"));
            let u = upos_hash(upos.get(i).copied().unwrap_or("_"));
            self.w.push(w);
            self.p.push(p);
            self.u.push(u);
            self.wp.push(pair(w, p));
        }
        let _ = n;
        self.w.push(ROOT_W);
        self.p.push(ROOT_W ^ 1);
        self.u.push(ROOT_W ^ 2);
        self.wp.push(ROOT_W ^ 3);
        self.a.push(ROOT_W ^ 4);
    }

    fn norm_hash(&mut self, form: &str) -> u64 {
        self.buf.clear();
        for ch in form.chars() {
            if ch.is_ascii_digit() {
                self.buf.push('0');
            } else if ch.is_ascii() {
                self.buf.push(ch.to_ascii_lowercase());
            } else {
                self.buf.extend(ch.to_lowercase());
            }
        }
        hash_bytes(self.buf.as_bytes())
    }

    #[inline(always)]
    fn get(v: &[u64], i: u32) -> u64 {
        if i == NONE {
            NONE_W
        } else {
            v.get(i as usize).copied().unwrap_or(NONE_W)
        }
    }
}

/// The value [`Words`] stores for a UPOS tag.
pub fn upos_hash(t: &str) -> u64 {
    tag_hash(t) ^ 0x5555
}

fn tag_hash(t: &str) -> u64 {
    hash_bytes(t.as_bytes()) & KEY_MASK
}

/// Number of templates [`extract`] emits.
pub const N_TEMPLATES: usize = 85;

/// Templates that depend only on the top of the stack (its word, head,
/// children and the item below it): unchanged while the same word is on top
/// with the same right children, so the parser caches their score.
pub const PART_S0: u8 = 1;
/// Templates that depend only on the buffer (`n0`, its left children, `n1`,
/// `n2`): unchanged while `n0` and its left children are.
pub const PART_B: u8 = 2;
/// The templates that combine stack and buffer.
pub const PART_REST: u8 = 4;
/// All templates.
pub const PART_ALL: u8 = 7;

/// Key bit of the templates without word forms (tags, labels, distances,
/// valencies): their few, frequent keys go to a small table of their own,
/// which stays in cache.
pub const SMALL: u64 = 1 << 47;

#[inline(always)]
fn route(k: u64, small: bool) -> u64 {
    if small {
        k | SMALL
    } else {
        let k = k & !SMALL;
        if k == 0 {
            1
        } else {
            k
        }
    }
}

/// Writes the feature keys of configuration `c` into `out` (cleared first).
pub fn extract(c: &Config, ws: &Words, out: &mut Vec<u64>) {
    extract_parts(c, ws, PART_ALL, out);
}

/// Writes the keys of the templates in `parts` (a mask of `PART_*`).
pub fn extract_parts(c: &Config, ws: &Words, parts: u8, out: &mut Vec<u64>) {
    out.clear();
    let n = c.n as u32;
    let at = |v: &Vec<u32>, i: u32| if i == NONE { NONE } else { v[i as usize] };
    let s0 = c.s0();
    let s1 = if c.stack.len() >= 2 {
        c.stack[c.stack.len() - 2]
    } else {
        NONE
    };
    let n0 = c.b as u32;
    let n1 = if n0 < n { n0 + 1 } else { NONE };
    let n2 = if n0 + 1 < n { n0 + 2 } else { NONE };
    let s0h = at(&c.head, s0);
    let s0h = if s0h == n { NONE } else { s0h };
    let s0h2 = at(&c.head, s0h);
    let s0h2 = if s0h2 == n { NONE } else { s0h2 };
    let s0l = at(&c.l1, s0);
    let s0l2 = at(&c.l2, s0);
    let s0r = at(&c.r1, s0);
    let s0r2 = at(&c.r2, s0);
    let n0l = at(&c.l1, n0);
    let n0l2 = at(&c.l2, n0);

    let w = |i: u32| Words::get(&ws.w, i);
    let p = |i: u32| Words::get(&ws.p, i);
    let u = |i: u32| Words::get(&ws.u, i);
    let wp = |i: u32| Words::get(&ws.wp, i);
    let a = |i: u32| Words::get(&ws.a, i);
    let lab = |i: u32| {
        if i == NONE || c.head[i as usize] == NONE {
            NONE_L
        } else {
            c.label[i as usize] as u64
        }
    };

    let (s0w, s0p, s0wp) = (w(s0), p(s0), wp(s0));
    let (n0w, n0p, n0wp) = (w(n0), p(n0), wp(n0));
    let (n1w, n1p) = (w(n1), p(n1));
    let (n2w, n2p) = (w(n2), p(n2));
    let (s0lp, s0rp, n0lp) = (p(s0l), p(s0r), p(n0l));
    let s0hp = p(s0h);
    let dist = if s0 == NONE {
        0
    } else {
        ((n0 - s0) as u64).min(15)
    };
    let (vl, vr) = if s0 == NONE {
        (NONE_L, NONE_L)
    } else {
        (c.nl[s0 as usize] as u64, c.nr[s0 as usize] as u64)
    };
    let n0vl = c.nl[n0 as usize] as u64;
    let (sl, sr) = if s0 == NONE {
        (NONE_L, NONE_L)
    } else {
        (c.lset[s0 as usize], c.rset[s0 as usize])
    };
    let n0sl = c.lset[n0 as usize];

    if parts & PART_S0 != 0 {
        out.extend_from_slice(&[
            route(fkey(0, 0, 0, 0), true),
            route(fkey(1, s0wp, 0, 0), false),
            route(fkey(2, s0w, 0, 0), false),
            route(fkey(3, s0p, 0, 0), true),
            route(fkey(33, s0w, vr, 0), false),
            route(fkey(34, s0p, vr, 0), true),
            route(fkey(35, s0w, vl, 0), false),
            route(fkey(36, s0p, vl, 0), true),
            route(fkey(39, w(s0h), 0, 0), false),
            route(fkey(40, s0hp, 0, 0), true),
            route(fkey(41, lab(s0), 0, 0), true),
            route(fkey(42, w(s0l), 0, 0), false),
            route(fkey(43, s0lp, 0, 0), true),
            route(fkey(44, lab(s0l), 0, 0), true),
            route(fkey(45, w(s0r), 0, 0), false),
            route(fkey(46, s0rp, 0, 0), true),
            route(fkey(47, lab(s0r), 0, 0), true),
            route(fkey(51, w(s0h2), 0, 0), false),
            route(fkey(52, p(s0h2), 0, 0), true),
            route(fkey(53, lab(s0h), 0, 0), true),
            route(fkey(54, w(s0l2), 0, 0), false),
            route(fkey(55, p(s0l2), 0, 0), true),
            route(fkey(56, lab(s0l2), 0, 0), true),
            route(fkey(57, w(s0r2), 0, 0), false),
            route(fkey(58, p(s0r2), 0, 0), true),
            route(fkey(59, lab(s0r2), 0, 0), true),
            route(fkey(63, s0p, s0lp, p(s0l2)), true),
            route(fkey(64, s0p, s0rp, p(s0r2)), true),
            route(fkey(65, s0p, s0hp, p(s0h2)), true),
            route(fkey(67, s0w, sr, 0), false),
            route(fkey(68, s0p, sr, 0), true),
            route(fkey(69, s0w, sl, 0), false),
            route(fkey(70, s0p, sl, 0), true),
            route(fkey(74, wp(s1), 0, 0), false),
            // Ambiguity classes.
            route(fkey(90, a(s0), 0, 0), true),
            route(fkey(91, a(s1), a(s0), 0), false),
        ]);
    }
    if parts & PART_B != 0 {
        out.extend_from_slice(&[
            route(fkey(4, n0wp, 0, 0), false),
            route(fkey(5, n0w, 0, 0), false),
            route(fkey(6, n0p, 0, 0), true),
            route(fkey(7, wp(n1), 0, 0), false),
            route(fkey(8, n1w, 0, 0), false),
            route(fkey(9, n1p, 0, 0), true),
            route(fkey(10, wp(n2), 0, 0), false),
            route(fkey(11, n2w, 0, 0), false),
            route(fkey(12, n2p, 0, 0), true),
            route(fkey(20, n0p, n1p, 0), true),
            route(fkey(21, n0p, n1p, n2p), true),
            route(fkey(37, n0w, n0vl, 0), false),
            route(fkey(38, n0p, n0vl, 0), true),
            route(fkey(48, w(n0l), 0, 0), false),
            route(fkey(49, n0lp, 0, 0), true),
            route(fkey(50, lab(n0l), 0, 0), true),
            route(fkey(60, w(n0l2), 0, 0), false),
            route(fkey(61, p(n0l2), 0, 0), true),
            route(fkey(62, lab(n0l2), 0, 0), true),
            route(fkey(66, n0p, n0lp, p(n0l2)), true),
            route(fkey(71, n0w, n0sl, 0), false),
            route(fkey(72, n0p, n0sl, 0), true),
            route(fkey(84, u(n0), u(n1), u(n2)), true),
            route(fkey(92, a(n0), 0, 0), true),
            route(fkey(93, a(n1), 0, 0), true),
            route(fkey(94, a(n2), 0, 0), true),
            route(fkey(95, a(n0), a(n1), 0), false),
        ]);
    }
    // These are computed at every step, so they are kept few: Zhang &
    // Nivre's s0–n0 word pairs without distance (13–15, 18) and templates
    // 23, 75, 77, 80 and 85 are left out (retrained without them, EWT and
    // GUM dev scores were the same or better, and parsing faster); the
    // word pair with distance (31) stays.
    if parts & PART_REST != 0 {
        out.extend_from_slice(&[
            route(fkey(16, s0wp, n0p, 0), false),
            route(fkey(17, s0p, n0wp, 0), false),
            route(fkey(19, s0p, n0p, 0), true),
            route(fkey(22, s0p, n0p, n1p), true),
            route(fkey(24, s0p, s0lp, n0p), true),
            route(fkey(25, s0p, s0rp, n0p), true),
            route(fkey(26, s0p, n0p, n0lp), true),
            route(fkey(27, s0w, dist, 0), false),
            route(fkey(28, s0p, dist, 0), true),
            route(fkey(29, n0w, dist, 0), false),
            route(fkey(30, n0p, dist, 0), true),
            route(fkey(31, s0w, n0w, dist), false),
            route(fkey(32, s0p, n0p, dist), true),
            route(fkey(73, p(s1), s0p, n0p), true),
            route(fkey(76, u(s0), u(n0), u(n1)), true),
            route(fkey(78, s0w, n0p, n1p), false),
            route(fkey(79, s0p, n0w, n1p), false),
            // Universal-tag versions of the main triples (UPOS is predicted
            // more accurately than XPOS).
            route(fkey(81, u(s0), u(s0l), u(n0)), true),
            route(fkey(82, u(s0), u(s0r), u(n0)), true),
            route(fkey(83, u(s0), u(n0), u(n0l)), true),
            route(fkey(86, u(s0), n0w, 0), false),
            route(fkey(96, a(s0), a(n0), 0), false),
        ]);
    }
}

/// Number of templates [`extract_label`] emits.
pub const N_LABEL_TEMPLATES: usize = 34;

/// Writes the keys of the features that choose the label of arc `h → d`
/// (about to be added in `c`; `h` may be the root `n`) into `out`.
pub fn extract_label(c: &Config, ws: &Words, h: u32, d: u32, out: &mut Vec<u64>) {
    out.clear();
    let n = c.n as u32;
    let at = |v: &Vec<u32>, i: u32| if i == NONE { NONE } else { v[i as usize] };
    let w = |i: u32| Words::get(&ws.w, i);
    let p = |i: u32| Words::get(&ws.p, i);
    let u = |i: u32| Words::get(&ws.u, i);
    let wp = |i: u32| Words::get(&ws.wp, i);
    let a = |i: u32| Words::get(&ws.a, i);
    let lab = |i: u32| {
        if i == NONE || c.head[i as usize] == NONE {
            NONE_L
        } else {
            c.label[i as usize] as u64
        }
    };
    let dir = u64::from(d < h);
    let is_root = u64::from(h == n) << 1;
    let dir = dir | is_root;
    let dist = (h.abs_diff(d) as u64).min(15) | (dir << 8);
    let prev = |i: u32| if i == 0 || i == NONE { NONE } else { i - 1 };
    let next = |i: u32| if i + 1 >= n { NONE } else { i + 1 };
    let (hw, hp, dw, dp) = (w(h), p(h), w(d), p(d));
    let (dl, dr) = (at(&c.l1, d), at(&c.r1, d));
    let (hl, hr) = (at(&c.l1, h), at(&c.r1, h));
    let dh = if h == n { NONE } else { at(&c.head, h) };
    let f = [
        fkey(100, dir, 0, 0),
        fkey(101, dir, hw, 0),
        fkey(102, dir, hp, 0),
        fkey(103, dir, wp(h), 0),
        fkey(104, dir, dw, 0),
        fkey(105, dir, dp, 0),
        fkey(106, dir, wp(d), 0),
        fkey(107, dir, hp, dp),
        fkey(108, hw, dp, dir),
        fkey(109, hp, dw, dir),
        fkey(110, hw, dw, dir),
        fkey(111, dist, 0, 0),
        fkey(112, dist, hp, dp),
        fkey(113, dir, u(h), u(d)),
        fkey(114, dp, lab(dl), lab(dr)),
        fkey(115, dp, c.lset[d as usize], dir),
        fkey(116, dp, c.rset[d as usize], dir),
        fkey(117, dw, lab(dl), dir),
        fkey(118, dp, w(dl), dir),
        fkey(119, dp, p(dl), p(dr)),
        fkey(120, hp, lab(hl), dir),
        fkey(121, hp, lab(hr), dir),
        fkey(122, hp, lab(h), dir),
        fkey(123, hp, p(dh), dp),
        fkey(124, dp, c.nl[d as usize] as u64, c.nr[d as usize] as u64),
        fkey(125, dp, p(prev(d)), dir),
        fkey(126, dp, p(next(d)), dir),
        fkey(127, hp, p(prev(h)), dp),
        fkey(128, hp, p(next(h)), dp),
        fkey(129, dw, w(dr), dir),
        fkey(130, dp, p(d.wrapping_add(1).min(n)), w(h)),
        fkey(131, hp, dp, p(next(c.b as u32))),
        fkey(132, dir, a(d), 0),
        fkey(133, dir, a(h), a(d)),
    ];
    out.extend_from_slice(&f);
}
