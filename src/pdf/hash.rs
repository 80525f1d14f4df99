//! A small, *stable* hash (FNV-1a, 64 bit).
//!
//! `std::hash::DefaultHasher` is explicitly not guaranteed to give the same
//! values across Rust releases, so anything that ends up in the PDF bytes
//! (subset tags, the trailer `/ID`) uses this instead.

/// FNV-1a 64-bit hasher.
#[derive(Clone, Copy, Debug)]
pub struct StableHasher(u64);

impl StableHasher {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;

    /// A hasher with the standard FNV offset basis.
    pub fn new() -> Self {
        Self(Self::OFFSET)
    }

    /// A hasher whose state is first mixed with `seed` (for deriving several
    /// independent values from the same input).
    pub fn with_seed(seed: u64) -> Self {
        let mut h = Self::new();
        h.write(&seed.to_be_bytes());
        h
    }

    /// Feeds bytes.
    pub fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(Self::PRIME);
        }
    }

    /// Feeds a `u16` (big endian).
    pub fn write_u16(&mut self, v: u16) {
        self.write(&v.to_be_bytes());
    }

    /// The hash value.
    pub fn finish(&self) -> u64 {
        // One extra avalanche round (splitmix64 finaliser) so that the low
        // bits used for the subset tag depend on all input bytes.
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

impl Default for StableHasher {
    fn default() -> Self {
        Self::new()
    }
}

/// Six uppercase letters derived from `hash` (PDF 32000-1:2008, 9.6.4:
/// "the tag shall consist of exactly six uppercase letters").
pub fn subset_tag(hash: u64) -> String {
    let mut h = hash;
    let mut tag = String::with_capacity(6);
    for _ in 0..6 {
        tag.push(char::from(b'A' + (h % 26) as u8));
        h /= 26;
    }
    tag
}

/// A 16-byte document identifier derived from `data`.
pub fn id_bytes(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(16);
    for seed in [1u64, 2] {
        let mut h = StableHasher::with_seed(seed);
        h.write(data);
        out.extend_from_slice(&h.finish().to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_is_stable() {
        // Known-answer test: fixes the algorithm so tags never change silently.
        let mut h = StableHasher::new();
        h.write(b"relkit");
        assert_eq!(h.0, {
            let mut x: u64 = 0xcbf2_9ce4_8422_2325;
            for b in b"relkit" {
                x ^= u64::from(*b);
                x = x.wrapping_mul(0x100_0000_01b3);
            }
            x
        });
        let t = subset_tag(h.finish());
        assert_eq!(t.len(), 6);
        assert!(t.bytes().all(|b| b.is_ascii_uppercase()));
        assert_eq!(t, subset_tag(h.finish()));
    }

    #[test]
    fn tags_differ() {
        let a = subset_tag(StableHasher::with_seed(1).finish());
        let b = subset_tag(StableHasher::with_seed(2).finish());
        assert_ne!(a, b);
    }
}
