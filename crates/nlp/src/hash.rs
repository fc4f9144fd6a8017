//! Fast, deterministic 64-bit hashing for feature keys.
//!
//! Features are hashed to `u64` keys (never 0, which the weight table uses as
//! "empty"). The hash is fixed across runs and platforms, so a saved model
//! means the same thing wherever it is loaded.

const K: u64 = 0x9E37_79B9_7F4A_7C15;

/// Mixes two words into one (a strong 64-bit finaliser over `a ^ rotate(b)`).
#[inline]
pub fn mix(a: u64, b: u64) -> u64 {
    let mut x = a ^ b.rotate_left(23).wrapping_mul(K);
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^= x >> 33;
    x
}

/// Hashes a byte string.
#[inline]
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = 0x243F_6A88_85A3_08D3u64 ^ (bytes.len() as u64);
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut w = [0u8; 8];
        w[..rest.len()].copy_from_slice(rest);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
    }
    mix(h, 0x1357_9BDF)
}

/// Hashes a string.
#[inline]
pub fn hash_str(s: &str) -> u64 {
    hash_bytes(s.as_bytes())
}

/// A feature key from a template number and up to three values; never 0.
#[inline]
pub fn feature(template: u32, a: u64, b: u64, c: u64) -> u64 {
    let h = mix(mix(mix(template as u64 + 1, a), b), c);
    if h == 0 {
        1
    } else {
        h
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_and_distinct() {
        assert_eq!(hash_str("missile"), hash_str("missile"));
        assert_ne!(hash_str("missile"), hash_str("missiles"));
        assert_ne!(feature(1, 2, 3, 0), feature(1, 3, 2, 0));
        assert_ne!(feature(1, 2, 0, 0), feature(2, 2, 0, 0));
    }
}
