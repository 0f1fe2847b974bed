//! Demand forecasts behind the inventory policies: moving average and simple
//! exponential smoothing, each with a spread estimate for safety stock.
//!
//! Observations are demand per statistics period. Both start from the planning
//! prior (expected demand per period) so the first reviews are sensible.

use crate::scenario::ForecastSpec;

#[derive(Clone, Debug)]
pub enum Forecast {
    /// Mean and sample variance of the last `p` observations (ring buffer).
    MovingAverage { window: Vec<f64>, pos: usize },
    /// Level and smoothed squared one-step error.
    ExpSmoothing { alpha: f64, level: f64, mse: f64 },
}

impl Forecast {
    pub fn new(spec: ForecastSpec, prior_mean: f64, prior_var: f64) -> Forecast {
        match spec {
            ForecastSpec::MovingAverage { periods } => {
                let p = periods.max(1) as usize;
                // Seed the window with ±σ around the prior so the initial spread is right.
                let sd = libm::sqrt(prior_var.max(0.0));
                let window = (0..p)
                    .map(|i| {
                        if p > 1 {
                            prior_mean + if i % 2 == 0 { sd } else { -sd }
                        } else {
                            prior_mean
                        }
                    })
                    .collect();
                Forecast::MovingAverage { window, pos: 0 }
            }
            ForecastSpec::ExpSmoothing { alpha } => Forecast::ExpSmoothing {
                alpha,
                level: prior_mean,
                mse: prior_var.max(0.0),
            },
        }
    }

    pub fn observe(&mut self, x: f64) {
        match self {
            Forecast::MovingAverage { window, pos } => {
                window[*pos] = x;
                *pos = (*pos + 1) % window.len();
            }
            Forecast::ExpSmoothing { alpha, level, mse } => {
                let e = x - *level;
                *mse = *alpha * e * e + (1.0 - *alpha) * *mse;
                *level += *alpha * e;
            }
        }
    }

    /// Forecast demand per period.
    pub fn mean(&self) -> f64 {
        match self {
            Forecast::MovingAverage { window, .. } => {
                window.iter().sum::<f64>() / window.len() as f64
            }
            Forecast::ExpSmoothing { level, .. } => *level,
        }
    }

    /// Standard deviation of demand per period.
    pub fn sd(&self) -> f64 {
        match self {
            Forecast::MovingAverage { window, .. } => {
                let n = window.len();
                if n < 2 {
                    return 0.0;
                }
                let m = self.mean();
                let v = window.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (n - 1) as f64;
                libm::sqrt(v)
            }
            Forecast::ExpSmoothing { mse, .. } => libm::sqrt(*mse),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moving_average_forgets_after_p_periods() {
        let mut f = Forecast::new(ForecastSpec::MovingAverage { periods: 3 }, 10.0, 4.0);
        assert!((f.mean() - 10.0).abs() < 1.0);
        for x in [30.0, 30.0, 30.0] {
            f.observe(x);
        }
        assert_eq!(f.mean(), 30.0);
        assert_eq!(f.sd(), 0.0);
    }

    #[test]
    fn exp_smoothing_moves_alpha_of_the_error() {
        let mut f = Forecast::new(ForecastSpec::ExpSmoothing { alpha: 0.25 }, 8.0, 0.0);
        f.observe(16.0);
        assert_eq!(f.mean(), 10.0);
    }
}
