//! Running statistics: Welford moments and a lead-time histogram.

use crate::time::SimTime;

/// Welford's online mean and variance (numerically stable, order-exact).
#[derive(Clone, Copy, Debug, Default)]
pub struct Welford {
    pub n: u64,
    mean: f64,
    m2: f64,
}

impl Welford {
    pub fn push(&mut self, x: f64) {
        self.n += 1;
        let d = x - self.mean;
        self.mean += d / self.n as f64;
        self.m2 += d * (x - self.mean);
    }
    pub fn mean(&self) -> f64 {
        if self.n == 0 { 0.0 } else { self.mean }
    }
    /// Sample variance (n − 1).
    pub fn variance(&self) -> f64 {
        if self.n < 2 {
            0.0
        } else {
            self.m2 / (self.n - 1) as f64
        }
    }
}

/// Lead times in 6-minute buckets up to 60 days; percentiles from the buckets.
#[derive(Clone, Debug)]
pub struct Histogram {
    buckets: Vec<u64>,
    n: u64,
}

const BUCKET_S: SimTime = 360;

impl Default for Histogram {
    fn default() -> Self {
        Histogram {
            buckets: vec![0; 60 * 240 + 1],
            n: 0,
        }
    }
}

impl Histogram {
    /// What was added since `base` (an earlier copy of this histogram).
    pub fn since(&self, base: &Histogram) -> Histogram {
        Histogram {
            buckets: self
                .buckets
                .iter()
                .zip(&base.buckets)
                .map(|(a, b)| a - b)
                .collect(),
            n: self.n - base.n,
        }
    }

    pub fn push(&mut self, t: SimTime) {
        let i = ((t / BUCKET_S) as usize).min(self.buckets.len() - 1);
        self.buckets[i] += 1;
        self.n += 1;
    }
    /// Upper edge of the bucket holding quantile `q`, seconds.
    pub fn quantile(&self, q: f64) -> SimTime {
        if self.n == 0 {
            return 0;
        }
        let target = libm::ceil(q * self.n as f64).max(1.0) as u64;
        let mut acc = 0;
        for (i, &c) in self.buckets.iter().enumerate() {
            acc += c;
            if acc >= target {
                return (i as SimTime + 1) * BUCKET_S;
            }
        }
        self.buckets.len() as SimTime * BUCKET_S
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn welford_matches_two_pass() {
        let xs = [3.0, 7.0, 7.0, 19.0, 24.0];
        let mut w = Welford::default();
        xs.iter().for_each(|&x| w.push(x));
        assert!((w.mean() - 12.0).abs() < 1e-12);
        assert!((w.variance() - 81.0).abs() < 1e-9);
    }

    #[test]
    fn histogram_quantile() {
        let mut h = Histogram::default();
        for i in 0..100 {
            h.push(i * 3600);
        }
        assert_eq!(h.quantile(0.95), 94 * 3600 + 360);
    }
}
