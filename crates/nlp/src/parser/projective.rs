//! Gold-tree checks and projectivisation by lifting.
//!
//! Arc-eager can only build projective trees, and its dynamic oracle assumes
//! a projective gold tree. Non-projective training trees are made
//! projective by repeatedly lifting the shortest non-projective arc to the
//! head's head (Nivre & Nilsson 2005, without encoding the lift in the
//! label); the dependent keeps its label.

/// Whether `heads` (1-based, 0 = root; `heads[i]` is the head of word `i+1`)
/// is a tree with exactly one word attached to the root.
pub fn is_tree(heads: &[usize]) -> bool {
    let n = heads.len();
    if heads.iter().any(|&h| h > n) || heads.iter().filter(|&&h| h == 0).count() != 1 {
        return false;
    }
    (1..=n).all(|start| {
        let mut x = start;
        for _ in 0..=n {
            if x == 0 {
                return true;
            }
            x = heads[x - 1];
        }
        false
    })
}

fn dominates(heads: &[usize], h: usize, mut k: usize) -> bool {
    // Walks up from k; the tree is valid, so this ends at the root.
    while k != 0 {
        if k == h {
            return true;
        }
        k = heads[k - 1];
    }
    h == 0
}

fn non_projective(heads: &[usize], d: usize) -> bool {
    let h = heads[d - 1];
    let (a, z) = if h < d { (h, d) } else { (d, h) };
    (a + 1..z).any(|k| !dominates(heads, h, k))
}

/// Lifts non-projective arcs until the tree is projective; returns the
/// number of lifts. `heads` must satisfy [`is_tree`].
pub fn projectivize(heads: &mut [usize]) -> usize {
    let n = heads.len();
    let mut lifts = 0;
    loop {
        let mut best: Option<(usize, usize)> = None;
        for d in 1..=n {
            let h = heads[d - 1];
            let span = h.abs_diff(d);
            if span > 1 && best.is_none_or(|(s, _)| span < s) && non_projective(heads, d) {
                best = Some((span, d));
            }
        }
        match best {
            Some((_, d)) => {
                let h = heads[d - 1];
                // The root word is never the head of a non-projective arc
                // (it dominates everything), so h > 0 here.
                heads[d - 1] = heads[h - 1];
                lifts += 1;
            }
            None => return lifts,
        }
        if lifts > n * n {
            return lifts; // cannot happen for a tree; guards against loops
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lifts_crossing_arc() {
        // 1 <- 3 (root), 2 <- 4, 4 <- 1: arc 1->4 ... crossing 3's arcs.
        let mut h = vec![3, 4, 0, 1];
        assert!(is_tree(&h));
        assert!(projectivize(&mut h) > 0);
        assert!(is_tree(&h));
        assert!((1..=4).all(|d| !non_projective(&h, d)));
        assert!(!is_tree(&[2, 1]));
        assert!(!is_tree(&[0, 0]));
    }
}
