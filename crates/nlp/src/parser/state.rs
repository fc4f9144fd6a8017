//! The arc-eager transition system (Nivre 2003) with the root token at the
//! end of the buffer (Ballesteros & Nivre 2013), and the exact dynamic-oracle
//! costs of Goldberg & Nivre (2012) for projective gold trees.
//!
//! Words are `0..n`; the artificial root is `n`. The root can only become a
//! head through LEFT-ARC when it is the front of the buffer, and it is never
//! pushed, so parsing ends with an empty stack and the buffer holding only the
//! root: every word then has exactly one head, and the arcs form a tree
//! rooted at `n` (possibly with several words attached to it, which the
//! caller repairs).

/// "No such position" (no head, no child, empty slot).
pub const NONE: u32 = u32::MAX;

/// A transition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    Shift,
    Reduce,
    Left(u16),
    Right(u16),
    /// Once only the root is left in the buffer: attach the headless top
    /// of the stack to the item below it, and pop it.
    Attach(u16),
}

/// A parser configuration plus the per-node summaries the features need.
#[derive(Debug, Default, Clone)]
pub struct Config {
    /// Number of words (the root is position `n`).
    pub n: usize,
    pub stack: Vec<u32>,
    /// Front of the buffer: `b..=n` are in the buffer (`n` = root).
    pub b: usize,
    pub head: Vec<u32>,
    pub label: Vec<u16>,
    /// Leftmost, second leftmost, rightmost and second rightmost children.
    pub l1: Vec<u32>,
    pub l2: Vec<u32>,
    pub r1: Vec<u32>,
    pub r2: Vec<u32>,
    /// Left and right valencies.
    pub nl: Vec<u8>,
    pub nr: Vec<u8>,
    /// Sets of left / right child labels (bit `label % 64`).
    pub lset: Vec<u64>,
    pub rset: Vec<u64>,
    pub in_stack: Vec<bool>,
}

fn refill<T: Copy>(v: &mut Vec<T>, len: usize, value: T) {
    v.clear();
    v.resize(len, value);
}

impl Config {
    /// Resets to the initial configuration for `n` words (reusing memory).
    pub fn reset(&mut self, n: usize) {
        self.n = n;
        self.stack.clear();
        self.b = 0;
        let m = n + 1;
        refill(&mut self.head, m, NONE);
        refill(&mut self.label, m, 0);
        refill(&mut self.l1, m, NONE);
        refill(&mut self.l2, m, NONE);
        refill(&mut self.r1, m, NONE);
        refill(&mut self.r2, m, NONE);
        refill(&mut self.nl, m, 0);
        refill(&mut self.nr, m, 0);
        refill(&mut self.lset, m, 0);
        refill(&mut self.rset, m, 0);
        refill(&mut self.in_stack, m, false);
    }

    /// Whether parsing is over.
    #[inline]
    pub fn terminal(&self) -> bool {
        self.b >= self.n && self.stack.is_empty()
    }

    /// Top of the stack, or [`NONE`].
    #[inline]
    pub fn s0(&self) -> u32 {
        self.stack.last().copied().unwrap_or(NONE)
    }

    /// Legality of the four move kinds: (shift, reduce, left, right).
    #[inline]
    pub fn legal(&self) -> [bool; 4] {
        let s0 = self.s0();
        let has_s0 = s0 != NONE;
        let s0_headless = has_s0 && self.head[s0 as usize] == NONE;
        let b_word = self.b < self.n;
        [
            b_word,
            has_s0 && !s0_headless,
            s0_headless,
            has_s0 && b_word,
        ]
    }

    /// The second item of the stack, or [`NONE`].
    #[inline]
    pub fn s1(&self) -> u32 {
        if self.stack.len() >= 2 {
            self.stack[self.stack.len() - 2]
        } else {
            NONE
        }
    }

    /// Whether [`Move::Attach`] is legal: only the root in the buffer, and a
    /// headless top of the stack with an item below it.
    #[inline]
    pub fn can_attach(&self) -> bool {
        let s0 = self.s0();
        self.b >= self.n && s0 != NONE && self.head[s0 as usize] == NONE && self.stack.len() >= 2
    }

    fn add_arc(&mut self, h: usize, d: usize, l: u16) {
        self.head[d] = h as u32;
        self.label[d] = l;
        let du = d as u32;
        let bit = 1u64 << (l % 64);
        if d < h {
            if self.l1[h] == NONE || du < self.l1[h] {
                self.l2[h] = self.l1[h];
                self.l1[h] = du;
            } else if self.l2[h] == NONE || du < self.l2[h] {
                self.l2[h] = du;
            }
            self.nl[h] = self.nl[h].saturating_add(1);
            self.lset[h] |= bit;
        } else {
            if self.r1[h] == NONE || du > self.r1[h] {
                self.r2[h] = self.r1[h];
                self.r1[h] = du;
            } else if self.r2[h] == NONE || du > self.r2[h] {
                self.r2[h] = du;
            }
            self.nr[h] = self.nr[h].saturating_add(1);
            self.rset[h] |= bit;
        }
    }

    /// Applies a (legal) move.
    pub fn apply(&mut self, m: Move) {
        match m {
            Move::Shift => {
                self.stack.push(self.b as u32);
                self.in_stack[self.b] = true;
                self.b += 1;
            }
            Move::Reduce => {
                if let Some(s) = self.stack.pop() {
                    self.in_stack[s as usize] = false;
                }
            }
            Move::Left(l) => {
                if let Some(s) = self.stack.pop() {
                    self.in_stack[s as usize] = false;
                    self.add_arc(self.b, s as usize, l);
                }
            }
            Move::Attach(l) => {
                let s1 = self.s1();
                if let (Some(s), true) = (self.stack.pop(), s1 != NONE) {
                    self.in_stack[s as usize] = false;
                    self.add_arc(s1 as usize, s as usize, l);
                }
            }
            Move::Right(l) => {
                let s = self.s0() as usize;
                self.add_arc(s, self.b, l);
                self.stack.push(self.b as u32);
                self.in_stack[self.b] = true;
                self.b += 1;
            }
        }
    }
}

/// A projective gold tree in parser positions (root = `n`), with each
/// word's gold dependents.
#[derive(Debug, Clone)]
pub struct Gold {
    pub head: Vec<u32>,
    pub label: Vec<u16>,
    /// Dependents of each position `0..=n`, flattened (`deps_at[h]..deps_at[h+1]`).
    deps: Vec<u32>,
    deps_at: Vec<u32>,
}

impl Gold {
    /// Builds from heads (`n` = root) and labels of `n` words.
    pub fn new(head: Vec<u32>, label: Vec<u16>) -> Gold {
        let n = head.len();
        let mut count = vec![0u32; n + 2];
        for &h in &head {
            count[h as usize + 1] += 1;
        }
        for i in 1..count.len() {
            count[i] += count[i - 1];
        }
        let deps_at = count.clone();
        let mut fill = count;
        let mut deps = vec![0u32; n];
        for (d, &h) in head.iter().enumerate() {
            deps[fill[h as usize] as usize] = d as u32;
            fill[h as usize] += 1;
        }
        Gold {
            head,
            label,
            deps,
            deps_at,
        }
    }

    fn deps_of(&self, h: usize) -> &[u32] {
        &self.deps[self.deps_at[h] as usize..self.deps_at[h + 1] as usize]
    }

    /// Unlabelled costs of (shift, reduce, left, right) in `c` (only
    /// meaningful for legal moves), plus the gold label of the left / right
    /// arc when that arc is gold.
    pub fn costs(&self, c: &Config) -> ([u32; 4], Option<u16>, Option<u16>) {
        let b = c.b;
        let s0 = c.s0();
        // Gold dependents of x still in the buffer.
        let deps_in_buffer =
            |x: usize| self.deps_of(x).iter().filter(|&&k| k as usize >= b).count() as u32;
        // Headless gold dependents of x on the stack.
        let deps_on_stack = |x: usize| {
            self.deps_of(x)
                .iter()
                .filter(|&&k| c.in_stack[k as usize] && c.head[k as usize] == NONE)
                .count() as u32
        };
        let mut shift = 0;
        let mut right = 0;
        let mut gold_right = None;
        if b < c.n {
            let gb = self.head[b] as usize;
            let on_stack = deps_on_stack(b);
            // SHIFT: b's head on the stack and b's dependents on the stack are lost.
            shift = u32::from(c.in_stack[gb]) + on_stack;
            if s0 != NONE {
                if gb == s0 as usize {
                    right = on_stack;
                    gold_right = Some(self.label[b]);
                } else {
                    let reachable = c.in_stack[gb] || gb >= b;
                    right = u32::from(reachable) + on_stack;
                }
            }
        }
        let mut reduce = 0;
        let mut left = 0;
        let mut gold_left = None;
        if s0 != NONE {
            let s = s0 as usize;
            let in_buf = deps_in_buffer(s);
            reduce = in_buf;
            let gs = self.head[s] as usize;
            if gs == b {
                left = in_buf;
                gold_left = Some(self.label[s]);
            } else {
                left = in_buf + u32::from(gs > b);
            }
        }
        ([shift, reduce, left, right], gold_left, gold_right)
    }
}
