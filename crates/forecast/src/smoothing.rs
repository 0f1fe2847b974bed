//! Level-following models: moving average, simple exponential smoothing,
//! and Holt-Winters with damped trend and additive season.

use crate::Period;

/// Mean of the last `p` observations (ring buffer).
#[derive(Clone, Debug)]
pub struct MovingAverage {
    window: Vec<f64>,
    pos: usize,
}

impl MovingAverage {
    /// The window starts at ±σ around the prior mean, so its first mean is
    /// the prior's.
    pub fn new(periods: u32, prior_mean: f64, prior_var: f64) -> MovingAverage {
        let p = periods.max(1) as usize;
        let sd = libm::sqrt(prior_var);
        let window = (0..p)
            .map(|i| match (p > 1, i % 2 == 0) {
                (false, _) => prior_mean,
                (true, true) => prior_mean + sd,
                (true, false) => prior_mean - sd,
            })
            .collect();
        MovingAverage { window, pos: 0 }
    }

    pub fn observe(&mut self, x: f64) {
        self.window[self.pos] = x;
        self.pos = (self.pos + 1) % self.window.len();
    }

    pub fn mean(&self) -> f64 {
        self.window.iter().sum::<f64>() / self.window.len() as f64
    }
}

/// Simple exponential smoothing: the level moves α of each error.
#[derive(Clone, Debug)]
pub struct ExpSmoothing {
    alpha: f64,
    level: f64,
}

impl ExpSmoothing {
    pub fn new(alpha: f64, prior_mean: f64) -> ExpSmoothing {
        ExpSmoothing {
            alpha: alpha.clamp(0.0, 1.0),
            level: prior_mean,
        }
    }

    pub fn observe(&mut self, x: f64) {
        self.level += self.alpha * (x - self.level);
    }

    pub fn level(&self) -> f64 {
        self.level
    }
}

/// Damping of the trend per period ahead: Gardner & McKenzie (1985) fit φ
/// between 0.8 and 0.98; 0.98 keeps a real trend yet stops a blip from
/// running away over a long lead time.
pub const TREND_DAMPING: f64 = 0.98;

/// Holt-Winters: level ℓ, damped trend b and a season of additive offsets
/// s, one per position in the season (Hyndman & Athanasopoulos, *FPP3*
/// §8.3, additive damped form).
#[derive(Clone, Debug)]
pub struct HoltWinters {
    alpha: f64,
    beta: f64,
    gamma: f64,
    level: f64,
    trend: f64,
    season: Vec<f64>,
}

impl HoltWinters {
    /// `[α, β, γ]`, the season length in periods, and the prior level.
    pub fn new(weights: [f64; 3], season: u32, prior_mean: f64) -> HoltWinters {
        let [alpha, beta, gamma] = weights.map(|w| w.clamp(0.0, 1.0));
        HoltWinters {
            alpha,
            beta,
            gamma,
            level: prior_mean,
            trend: 0.0,
            season: vec![0.0; season.max(1) as usize],
        }
    }

    fn slot(&self, p: Period) -> usize {
        p.season_index as usize % self.season.len()
    }

    pub fn observe(&mut self, x: f64, p: Period) {
        let i = self.slot(p);
        let damped = TREND_DAMPING * self.trend;
        let level = self.alpha * (x - self.season[i]) + (1.0 - self.alpha) * (self.level + damped);
        self.trend = self.beta * (level - self.level) + (1.0 - self.beta) * damped;
        self.level = level;
        if self.season.len() > 1 {
            self.season[i] = self.gamma * (x - level) + (1.0 - self.gamma) * self.season[i];
        }
    }

    /// ŷ(h) = ℓ + (φ + … + φʰ)·b + s(period h).
    pub fn ahead(&self, periods: &[Period]) -> Vec<f64> {
        let mut damp_sum = 0.0;
        let mut phi = 1.0;
        periods
            .iter()
            .map(|&p| {
                phi *= TREND_DAMPING;
                damp_sum += phi;
                self.level + damp_sum * self.trend + self.season[self.slot(p)]
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(t: usize, m: usize) -> Period {
        Period {
            season_index: (t % m) as u32,
            event: 1.0,
        }
    }

    #[test]
    fn moving_average_forgets_after_p_periods() {
        let mut f = MovingAverage::new(3, 10.0, 4.0);
        assert!((f.mean() - 10.0).abs() < 1.0);
        for x in [30.0, 30.0, 30.0] {
            f.observe(x);
        }
        assert_eq!(f.mean(), 30.0);
    }

    #[test]
    fn exp_smoothing_moves_alpha_of_the_error() {
        let mut f = ExpSmoothing::new(0.25, 8.0);
        f.observe(16.0);
        assert_eq!(f.level(), 10.0);
    }

    #[test]
    fn holt_winters_learns_a_weekly_season() {
        let week = [40.0, 100.0, 100.0, 100.0, 100.0, 160.0, 100.0];
        let mut f = HoltWinters::new([0.2, 0.01, 0.3], 7, 100.0);
        for t in 0..7 * 20 {
            f.observe(week[t % 7], at(t, 7));
        }
        let next: Vec<Period> = (140..147).map(|t| at(t, 7)).collect();
        for (got, want) in f.ahead(&next).iter().zip(week) {
            assert!((got - want).abs() < 3.0, "forecast {got}, demand {want}");
        }
    }

    #[test]
    fn holt_winters_follows_a_trend_where_smoothing_lags() {
        let series = |t: usize| 100.0 + 2.0 * t as f64;
        let mut hw = HoltWinters::new([0.3, 0.1, 0.0], 1, 100.0);
        let mut es = ExpSmoothing::new(0.3, 100.0);
        for t in 0..100 {
            hw.observe(series(t), at(t, 1));
            es.observe(series(t));
        }
        let hw_err = (hw.ahead(&[at(100, 1)])[0] - series(100)).abs();
        let es_err = (es.level() - series(100)).abs();
        assert!(hw_err < 2.0, "Holt-Winters is {hw_err} off a trend");
        assert!(es_err > 4.0 * hw_err, "smoothing {es_err} vs Holt {hw_err}");
    }

    #[test]
    fn a_damped_trend_flattens_far_ahead() {
        let mut hw = HoltWinters::new([0.5, 0.5, 0.0], 1, 0.0);
        for t in 0..50 {
            hw.observe(t as f64, at(t, 1));
        }
        let far: Vec<Period> = (0..400).map(|t| at(t, 1)).collect();
        let f = hw.ahead(&far);
        let slope_near = f[1] - f[0];
        let slope_far = f[399] - f[398];
        assert!(
            slope_far < 0.01 * slope_near,
            "{slope_near} then {slope_far}"
        );
    }
}
