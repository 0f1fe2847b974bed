//! Customer demand: hourly order counts per zone stream and SKU choice.
//!
//! Each stream draws the number of orders in each hour from its distribution
//! with mean `orders_per_day/24 × weekly[dow] × hourly[hour] × trend × events ×
//! the UI's demand multiplier`; each order's SKU comes from an alias table
//! (O(1) per order). Orders within the hour get uniform arrival times, which
//! makes Poisson streams a true Poisson process in continuous time.

use crate::rng::Rng;
use crate::sample;
use crate::scenario::Distribution;
use crate::time::{DAY, HOUR, SimTime};

/// Walker/Vose alias table over `n` outcomes.
#[derive(Clone, Debug, PartialEq)]
pub struct AliasTable {
    prob: Vec<f64>,
    alias: Vec<u32>,
}

impl AliasTable {
    /// Weights must be non-negative with a positive sum (validated upstream).
    pub fn new(weights: &[f64]) -> AliasTable {
        let n = weights.len();
        let total: f64 = weights.iter().sum();
        let mut prob: Vec<f64> = weights.iter().map(|w| w * n as f64 / total).collect();
        let mut alias = vec![0u32; n];
        let (mut small, mut large): (Vec<usize>, Vec<usize>) = (Vec::new(), Vec::new());
        for (i, &p) in prob.iter().enumerate() {
            if p < 1.0 {
                small.push(i)
            } else {
                large.push(i)
            }
        }
        while let (Some(s), Some(&l)) = (small.pop(), large.last()) {
            alias[s] = l as u32;
            prob[l] -= 1.0 - prob[s];
            if prob[l] < 1.0 {
                large.pop();
                small.push(l);
            }
        }
        for i in large.into_iter().chain(small) {
            prob[i] = 1.0;
        }
        AliasTable { prob, alias }
    }

    #[inline]
    pub fn sample(&self, rng: &mut Rng) -> usize {
        let n = self.prob.len() as u64;
        let x = rng.next_u64();
        let i = ((x as u128 * n as u128) >> 64) as usize;
        // Low 53 bits are independent enough of the high bits used for i.
        let u = (x & ((1 << 53) - 1)) as f64 * (1.0 / (1u64 << 53) as f64);
        if u < self.prob[i] {
            i
        } else {
            self.alias[i] as usize
        }
    }

    /// Probability of every outcome, in O(n) (for planning priors).
    pub fn probabilities(&self) -> Vec<f64> {
        let n = self.prob.len() as f64;
        let mut p: Vec<f64> = self.prob.iter().map(|q| q / n).collect();
        for (j, &a) in self.alias.iter().enumerate() {
            if a as usize != j {
                p[a as usize] += (1.0 - self.prob[j]) / n;
            }
        }
        p
    }

    /// Probability of outcome `i`, O(n).
    pub fn probability(&self, i: usize) -> f64 {
        let n = self.prob.len() as f64;
        let mut p = self.prob[i] / n;
        for (j, &a) in self.alias.iter().enumerate() {
            if a as usize == i && j != i {
                p += (1.0 - self.prob[j]) / n;
            }
        }
        p
    }

    pub fn len(&self) -> usize {
        self.prob.len()
    }

    pub fn is_empty(&self) -> bool {
        self.prob.is_empty()
    }
}

/// Per-stream sampling state: the deterministic carry and a cached P(X = 0).
#[derive(Clone, Copy, Debug, Default)]
pub struct DrawState {
    pub carry: f64,
    pub mean: f64,
    pub p0: f64,
}

/// Upper bound on one stream's expected orders in an hour: however the
/// multipliers compound, one stream draws at most this many (27 million a
/// day, more than twice the whole UK parcel market's 11.5 million).
pub const MAX_ORDERS_PER_STREAM_HOUR: f64 = 100_000.0;

/// One compiled demand stream.
#[derive(Clone, Debug)]
pub struct DemandStream {
    pub zone: usize,
    pub per_hour: f64,
    pub dist: Distribution,
    pub units_per_order: u32,
    pub sku_table: usize,
    /// The mix over marketplace sellers' SKUs only, which multi-channel
    /// orders draw from (`None`: the mix holds no seller's SKU, and they
    /// draw from the whole mix).
    pub seller_table: Option<usize>,
    pub weekly: [f64; 7],
    pub hourly: [f64; 24],
    pub trend_per_s: f64,
    /// (start, end, multiplier) in seconds.
    pub events: Vec<(SimTime, SimTime, f64)>,
    pub multichannel_share: f64,
}

impl DemandStream {
    /// The chance that one of its orders is for each SKU: the mix, with
    /// the multi-channel share drawn from the sellers' SKUs when it has any.
    pub fn sku_probabilities(&self, tables: &[AliasTable]) -> Vec<f64> {
        let mut p = tables[self.sku_table].probabilities();
        if let Some(t) = self.seller_table {
            let share = self.multichannel_share;
            let sellers = tables[t].probabilities();
            for (x, y) in p.iter_mut().zip(sellers) {
                *x = (1.0 - share) * *x + share * y;
            }
        }
        p
    }

    /// Mean orders in the hour starting at `t`, at most
    /// [`MAX_ORDERS_PER_STREAM_HOUR`] (a scenario that reaches it is warned,
    /// `budget::limits_reached`).
    pub fn mean_at(&self, t: SimTime, multiplier: f64) -> f64 {
        self.uncapped_mean_at(t, multiplier)
            .min(MAX_ORDERS_PER_STREAM_HOUR)
    }

    /// Mean orders the scenario asks for in the hour starting at `t`.
    pub fn uncapped_mean_at(&self, t: SimTime, multiplier: f64) -> f64 {
        let dow = ((t / DAY) % 7) as usize;
        let hour = ((t % DAY) / HOUR) as usize;
        let mut m = self.per_hour * self.weekly[dow] * self.hourly[hour] * multiplier;
        m *= (1.0 + self.trend_per_s * t as f64).max(0.0);
        for &(a, b, k) in &self.events {
            if t >= a && t < b {
                m *= k;
            }
        }
        m
    }

    /// Orders in one hour with the given mean. `carry` holds the fraction
    /// carried by the deterministic distribution.
    pub fn draw(&self, rng: &mut Rng, mean: f64, st: &mut DrawState) -> u64 {
        // No demand (a multiplier of 0, a closed hour). Also guards the P(0)
        // cache, whose default state is keyed on mean 0.
        if mean.is_nan() || mean <= 0.0 {
            return 0;
        }
        match self.dist {
            // Small means (the usual zone-hour): inversion with P(0) cached
            // while the mean repeats (it changes only with the hour pattern).
            Distribution::Poisson if mean < 10.0 => {
                if mean != st.mean {
                    st.mean = mean;
                    st.p0 = libm::exp(-mean);
                }
                sample::poisson_inversion(rng, mean, st.p0)
            }
            Distribution::Poisson => sample::poisson(rng, mean),
            Distribution::Normal { cv } => {
                let x = mean + cv * mean * sample::std_normal(rng);
                libm::round(x.max(0.0)) as u64
            }
            Distribution::NegativeBinomial { dispersion } if mean < 10.0 && dispersion >= 1.0 => {
                if mean != st.mean {
                    st.mean = mean;
                    st.p0 = libm::pow(dispersion / (dispersion + mean), dispersion);
                }
                sample::neg_binomial_inversion(rng, mean, dispersion, st.p0)
            }
            Distribution::NegativeBinomial { dispersion } => {
                sample::neg_binomial(rng, mean, dispersion)
            }
            Distribution::Deterministic => {
                st.carry += mean;
                let k = libm::floor(st.carry + 1e-9);
                st.carry -= k;
                k as u64
            }
        }
    }

    /// Variance of an hour's count, averaged over the daily profile at the
    /// base rate: the hours are independent, so a day's variance is the sum
    /// of its hours' (not 24 × the flat mean hour's, which understates it
    /// for a peaked profile whenever variance grows faster than the mean).
    pub fn mean_hourly_variance(&self) -> f64 {
        let sum: f64 = self
            .hourly
            .iter()
            .map(|&k| self.hourly_variance(self.per_hour * k))
            .sum();
        sum / 24.0
    }

    /// Variance of one hour's count at hourly mean `m` (planning prior).
    pub fn hourly_variance(&self, m: f64) -> f64 {
        match self.dist {
            Distribution::Poisson => m,
            Distribution::Normal { cv } => (cv * m) * (cv * m),
            Distribution::NegativeBinomial { dispersion } => m + m * m / dispersion,
            Distribution::Deterministic => 0.0,
        }
    }
}

/// Normalise a pattern to mean 1 (validated: non-negative, positive sum).
pub fn normalised<const N: usize>(v: Option<&[f64]>) -> [f64; N] {
    let mut out = [1.0; N];
    if let Some(v) = v
        && v.len() == N
    {
        let mean = v.iter().sum::<f64>() / N as f64;
        if mean > 0.0 {
            for (o, x) in out.iter_mut().zip(v) {
                *o = x / mean;
            }
        }
    }
    out
}

/// Share of expected unit demand the A class covers, then A and B together:
/// the usual ABC (Pareto) split of a catalogue (Silver, Pyke & Peterson,
/// *Inventory Management and Production Planning and Scheduling*, 3rd ed.
/// 1998, §3.6: about 20 % of SKUs make about 80 % of annual volume).
pub const ABC_A_SHARE: f64 = 0.8;
pub const ABC_B_SHARE: f64 = 0.95;

/// Each SKU's class by its expected unit demand over all streams: 0 (A)
/// for the fast movers that make the first 80 % of units, 1 (B) for the
/// next 15 %, 2 (C) for the rest and for SKUs nobody orders.
pub fn abc_classes(streams: &[DemandStream], tables: &[AliasTable], n_sku: usize) -> Vec<u8> {
    let mut units = vec![0.0; n_sku];
    for s in streams {
        let rate = s.per_hour * s.units_per_order as f64;
        for (u, p) in units.iter_mut().zip(s.sku_probabilities(tables)) {
            *u += rate * p;
        }
    }
    let total: f64 = units.iter().sum();
    let mut order: Vec<usize> = (0..n_sku).collect();
    order.sort_by(|&a, &b| units[b].total_cmp(&units[a]).then(a.cmp(&b)));
    let mut class = vec![2u8; n_sku];
    let mut before = 0.0;
    for i in order {
        if total > 0.0 && units[i] > 0.0 {
            let share = before / total;
            class[i] = if share < ABC_A_SHARE {
                0
            } else if share < ABC_B_SHARE {
                1
            } else {
                2
            };
        }
        before += units[i];
    }
    class
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alias_table_matches_weights() {
        let w = [5.0, 1.0, 0.0, 2.0, 2.0];
        let t = AliasTable::new(&w);
        let mut r = Rng::new(3);
        let mut counts = [0u32; 5];
        let n = 200_000;
        for _ in 0..n {
            counts[t.sample(&mut r)] += 1;
        }
        for i in 0..5 {
            let p = w[i] / 10.0;
            assert!((t.probability(i) - p).abs() < 1e-12, "{i}");
            assert!((t.probabilities()[i] - p).abs() < 1e-12, "{i}");
            let f = counts[i] as f64 / n as f64;
            assert!((f - p).abs() < 0.005, "{i} {f} {p}");
        }
    }

    #[test]
    fn zero_mean_draws_nothing_from_a_fresh_state() {
        // Regression: the P(0) cache's default state (mean 0, p0 0) once made
        // a zero mean search to the cap and return 1,000 orders an hour.
        for dist in [
            Distribution::Poisson,
            Distribution::NegativeBinomial { dispersion: 5.0 },
            Distribution::Normal { cv: 0.3 },
            Distribution::Deterministic,
        ] {
            let stream = DemandStream {
                zone: 0,
                per_hour: 4.0,
                dist,
                units_per_order: 1,
                sku_table: 0,
                seller_table: None,
                weekly: [1.0; 7],
                hourly: [1.0; 24],
                trend_per_s: 0.0,
                events: Vec::new(),
                multichannel_share: 0.0,
            };
            let mut rng = Rng::new(1);
            let mut st = DrawState::default();
            for _ in 0..100 {
                assert_eq!(stream.draw(&mut rng, 0.0, &mut st), 0, "{dist:?}");
            }
            // And a positive mean after zero still samples sensibly.
            let n: u64 = (0..2_000)
                .map(|_| stream.draw(&mut rng, 4.0, &mut st))
                .sum();
            assert!((7_000..9_000).contains(&n), "{dist:?}: {n}");
        }
    }
}
