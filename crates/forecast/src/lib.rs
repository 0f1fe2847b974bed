//! Demand forecasts for the stocking points of Supply Sandbox.
//!
//! Every model is *streaming*: it sees one period's demand at a time
//! ([`Forecaster::observe`]) and forecasts the periods ahead
//! ([`Forecaster::forecast_over`]). Each forecaster also tracks its own
//! one-step-ahead errors, so a policy sizes safety stock from the forecast's
//! error, not from the demand's variance, and the accuracy of the model
//! (WAPE, bias, MASE) is measured out of sample as the run goes (a
//! rolling-origin holdout: each forecast is scored on a period it had not
//! seen).
//!
//! Models:
//! - moving average and simple exponential smoothing (Brown 1959);
//! - Holt-Winters with damped trend and additive season (Holt 1957,
//!   Winters 1960; damping Gardner & McKenzie 1985);
//! - Croston (1972) and TSB (Teunter, Syntetos & Babai 2011) for
//!   intermittent demand;
//! - gradient-boosted regression trees (Friedman 2001) on lags, the
//!   position in the season and the calendar's peak-event multiplier,
//!   retrained on the history as it grows.
//!
//! All maths uses `libm` and plain arithmetic in a fixed order, so the same
//! observations give bit-identical forecasts natively and in wasm.

mod accuracy;
mod boosted;
mod intermittent;
mod smoothing;

pub use accuracy::{Accuracy, DemandClass};
pub use boosted::{Boosted, MAX_POOL_ROWS, fit_pool};

/// Weight of the newest squared one-step error in the smoothed MSE behind
/// [`Forecaster::error_sd`] (Brown 1959 smooths the MAD the same way; 0.1 is
/// his usual weight, about a 19-period memory).
pub const ERROR_WEIGHT: f64 = 0.1;

/// A forecasting model and its parameters.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Model {
    MovingAverage {
        periods: u32,
    },
    ExpSmoothing {
        alpha: f64,
    },
    /// Level, damped trend and additive season of `Calendar::season` periods.
    HoltWinters {
        alpha: f64,
        beta: f64,
        gamma: f64,
    },
    Croston {
        alpha: f64,
    },
    /// `alpha` smooths the demand size, `beta` the probability of demand.
    Tsb {
        alpha: f64,
        beta: f64,
    },
    Boosted,
}

/// What is known about a period before it happens: where it falls in the
/// season and the calendar's planned demand multiplier (1 = an ordinary
/// period; a sale day might be 2.5).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Period {
    pub season_index: u32,
    pub event: f64,
}

impl Period {
    pub const ORDINARY: Period = Period {
        season_index: 0,
        event: 1.0,
    };
}

/// One period's forecast state, whichever model.
#[derive(Clone, Debug)]
enum State {
    MovingAverage(smoothing::MovingAverage),
    ExpSmoothing(smoothing::ExpSmoothing),
    HoltWinters(smoothing::HoltWinters),
    Croston(intermittent::Croston),
    Tsb(intermittent::Tsb),
    Boosted(Box<Boosted>),
}

/// A model with its state, its error and its accuracy.
#[derive(Clone, Debug)]
pub struct Forecaster {
    state: State,
    /// Smoothed squared one-step error.
    mse: f64,
    accuracy: Accuracy,
}

impl Forecaster {
    /// A forecaster for periods in a season of `season` periods (1 = no
    /// season), starting from the planning prior: expected demand per
    /// period and its variance.
    pub fn new(model: Model, season: u32, prior_mean: f64, prior_var: f64) -> Forecaster {
        let season = season.max(1);
        let (m, v) = (
            finite_or_zero(prior_mean),
            finite_or_zero(prior_var).max(0.0),
        );
        let state = match model {
            Model::MovingAverage { periods } => {
                State::MovingAverage(smoothing::MovingAverage::new(periods, m, v))
            }
            Model::ExpSmoothing { alpha } => {
                State::ExpSmoothing(smoothing::ExpSmoothing::new(alpha, m))
            }
            Model::HoltWinters { alpha, beta, gamma } => {
                State::HoltWinters(smoothing::HoltWinters::new([alpha, beta, gamma], season, m))
            }
            Model::Croston { alpha } => State::Croston(intermittent::Croston::new(alpha, m)),
            Model::Tsb { alpha, beta } => State::Tsb(intermittent::Tsb::new(alpha, beta, m)),
            Model::Boosted => State::Boosted(Box::new(Boosted::new(season, m))),
        };
        Forecaster {
            state,
            mse: v,
            accuracy: Accuracy::new(season),
        }
    }

    /// The demand of the period just closed, `x`, and what was known of it.
    /// `scored` says whether the period counts towards accuracy (after the
    /// run's warm-up). Returns the forecast that had been made for it.
    pub fn observe(&mut self, x: f64, period: Period, scored: bool) -> f64 {
        let x = finite_or_zero(x).max(0.0);
        let f = self.next(period);
        let e = x - f;
        self.mse = ERROR_WEIGHT * e * e + (1.0 - ERROR_WEIGHT) * self.mse;
        self.accuracy.record(f, x, scored);
        match &mut self.state {
            State::MovingAverage(s) => s.observe(x),
            State::ExpSmoothing(s) => s.observe(x),
            State::HoltWinters(s) => s.observe(x, period),
            State::Croston(s) => s.observe(x),
            State::Tsb(s) => s.observe(x),
            State::Boosted(s) => s.observe(x, period),
        }
        f
    }

    /// The forecast of the next period.
    pub fn next(&self, period: Period) -> f64 {
        match self.flat() {
            Some(v) => v,
            None => self.ahead(&[period])[0],
        }
    }

    /// The forecast of every period ahead, for the models whose forecast
    /// is one level whatever the period (no allocation at each review).
    fn flat(&self) -> Option<f64> {
        let v = match &self.state {
            State::MovingAverage(s) => s.mean(),
            State::ExpSmoothing(s) => s.level(),
            State::Croston(s) => s.rate(),
            State::Tsb(s) => s.rate(),
            State::HoltWinters(_) | State::Boosted(_) => return None,
        };
        Some(finite_or_zero(v).max(0.0))
    }

    /// Forecasts for each of the periods ahead, in order.
    pub fn ahead(&self, periods: &[Period]) -> Vec<f64> {
        let f: Vec<f64> = match &self.state {
            State::MovingAverage(s) => vec![s.mean(); periods.len()],
            State::ExpSmoothing(s) => vec![s.level(); periods.len()],
            State::HoltWinters(s) => s.ahead(periods),
            State::Croston(s) => vec![s.rate(); periods.len()],
            State::Tsb(s) => vec![s.rate(); periods.len()],
            State::Boosted(s) => s.ahead(periods),
        };
        f.into_iter().map(|v| finite_or_zero(v).max(0.0)).collect()
    }

    /// Forecast demand over `cover` periods (fractional allowed): the sum of
    /// the forecasts of the whole periods ahead and the share of the last.
    /// `period(k)` says what is known of the k-th period ahead.
    pub fn forecast_over(&self, cover: f64, period: impl Fn(u32) -> Period) -> f64 {
        if cover.is_nan() || cover <= 0.0 {
            return 0.0;
        }
        let whole = libm::ceil(cover.min(MAX_COVER)) as u32;
        let last_share = cover.min(MAX_COVER) - (whole - 1) as f64;
        if let Some(v) = self.flat() {
            // The same sum as below, in the same order, without the vectors.
            return (1..whole).map(|_| v).sum::<f64>() + v * last_share;
        }
        let periods: Vec<Period> = (0..whole).map(period).collect();
        let f = self.ahead(&periods);
        f.iter().take(whole as usize - 1).sum::<f64>() + f[whole as usize - 1] * last_share
    }

    /// The learned model's state, if this is one (to fit it in a pool).
    pub fn boosted_mut(&mut self) -> Option<&mut Boosted> {
        match &mut self.state {
            State::Boosted(b) => Some(b),
            _ => None,
        }
    }

    /// Standard deviation of the one-step forecast error per period.
    pub fn error_sd(&self) -> f64 {
        libm::sqrt(self.mse)
    }

    pub fn accuracy(&self) -> &Accuracy {
        &self.accuracy
    }
}

/// The longest horizon forecast, in periods (two years of days): a cover
/// past it is clamped. Validation warns long before.
pub const MAX_COVER: f64 = 730.0;

fn finite_or_zero(x: f64) -> f64 {
    if x.is_finite() { x } else { 0.0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forecast_over_takes_a_share_of_the_last_period() {
        let f = Forecaster::new(Model::ExpSmoothing { alpha: 0.2 }, 1, 10.0, 4.0);
        assert_eq!(f.forecast_over(2.5, |_| Period::ORDINARY), 25.0);
        assert_eq!(f.forecast_over(0.0, |_| Period::ORDINARY), 0.0);
        assert_eq!(f.forecast_over(f64::NAN, |_| Period::ORDINARY), 0.0);
    }

    #[test]
    fn error_sd_follows_the_one_step_errors_not_the_demand() {
        // A perfectly seasonal series: its variance is large, but once the
        // model has learned the season its error is small.
        let week = [5.0, 10.0, 10.0, 10.0, 10.0, 20.0, 30.0];
        let hw = Model::HoltWinters {
            alpha: 0.2,
            beta: 0.01,
            gamma: 0.3,
        };
        let mut f = Forecaster::new(hw, 7, 13.6, 70.0);
        for t in 0..7 * 30 {
            let p = Period {
                season_index: (t % 7) as u32,
                event: 1.0,
            };
            f.observe(week[t % 7], p, true);
        }
        assert!(f.error_sd() < 1.0, "error sd {}", f.error_sd());
    }

    #[test]
    fn bad_numbers_become_zero_not_nan() {
        let mut f = Forecaster::new(Model::Croston { alpha: 0.1 }, 1, f64::NAN, -1.0);
        f.observe(f64::INFINITY, Period::ORDINARY, true);
        assert!(f.next(Period::ORDINARY).is_finite());
        assert!(f.error_sd().is_finite());
    }
}
