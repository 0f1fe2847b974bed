//! Portable seeded randomness.
//!
//! Xoshiro256++ from `rand` (no default features: no OS entropy, no thread RNG),
//! seeded through SplitMix64, so a seed gives the same stream natively and in
//! wasm. Each purpose (demand, weather, vessels, ...) forks its own stream so
//! adding draws in one place does not shift every other random number.

use rand::rngs::Xoshiro256PlusPlus;
use rand::{Rng as _, SeedableRng};

/// A seeded random stream.
#[derive(Clone, Debug)]
pub struct Rng(Xoshiro256PlusPlus);

/// Named streams; the discriminant is mixed into the seed.
#[derive(Clone, Copy, Debug)]
pub enum Stream {
    Demand = 1,
    Sku = 2,
    Weather = 3,
    Vessel = 4,
    Loss = 5,
    Arrival = 6,
    Absence = 7,
    Round = 8,
    Customs = 9,
}

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(Xoshiro256PlusPlus::seed_from_u64(seed))
    }

    /// A stream for `purpose`, independent of the others for practical purposes.
    pub fn fork(seed: u64, purpose: Stream, index: u64) -> Self {
        // SplitMix-style mixing of (seed, purpose, index) into one 64-bit seed.
        let mut z = seed ^ (purpose as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        z = z.wrapping_add(index.wrapping_mul(0xd1b5_4a32_d192_ed03));
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        Rng::new(z ^ (z >> 31))
    }

    #[inline]
    pub fn next_u64(&mut self) -> u64 {
        self.0.next_u64()
    }

    /// Uniform in [0, 1) with 53 random bits.
    #[inline]
    pub fn f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform in (0, 1]: safe to take the log of.
    #[inline]
    pub fn f64_open0(&mut self) -> f64 {
        ((self.next_u64() >> 11) + 1) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform integer in [0, n) (Lemire's multiply-shift; bias < n/2^64).
    #[inline]
    pub fn below(&mut self, n: u64) -> u64 {
        ((self.next_u64() as u128 * n as u128) >> 64) as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_stream_and_forks_differ() {
        let mut a = Rng::fork(42, Stream::Demand, 0);
        let mut b = Rng::fork(42, Stream::Demand, 0);
        let mut c = Rng::fork(42, Stream::Demand, 1);
        let va: Vec<u64> = (0..4).map(|_| a.next_u64()).collect();
        let vb: Vec<u64> = (0..4).map(|_| b.next_u64()).collect();
        let vc: Vec<u64> = (0..4).map(|_| c.next_u64()).collect();
        assert_eq!(va, vb);
        assert_ne!(va, vc);
    }

    #[test]
    fn uniform_is_in_range() {
        let mut r = Rng::new(7);
        for _ in 0..10_000 {
            let x = r.f64();
            assert!((0.0..1.0).contains(&x));
            let y = r.f64_open0();
            assert!(y > 0.0 && y <= 1.0);
            assert!(r.below(10) < 10);
        }
    }
}
