//! How good a forecast was, scored period by period on demand it had not
//! yet seen: WAPE, bias and MASE (Hyndman & Koehler 2006), and the demand
//! class of the series (Syntetos, Boylan & Croston 2005).

/// Average inter-demand interval above which demand is intermittent
/// (Syntetos, Boylan & Croston 2005, cut-off 1.32 periods).
pub const ADI_CUTOFF: f64 = 1.32;
/// Squared coefficient of variation of the non-zero sizes above which
/// demand is erratic (same source, cut-off 0.49).
pub const CV2_CUTOFF: f64 = 0.49;

/// Running sums of one-step forecast errors and of the seasonal naive
/// forecast's errors over the same periods.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Accuracy {
    /// Scored periods.
    pub periods: u64,
    pub actual: f64,
    pub abs_error: f64,
    /// Σ (forecast − actual): positive means over-forecast.
    pub error: f64,
    /// Over the scored periods where the naive forecast exists.
    pub naive_periods: u64,
    pub naive_abs_error: f64,
    pub abs_error_vs_naive: f64,
    /// Scored periods with demand, and the sum and sum of squares of those
    /// demands.
    pub demand_periods: u64,
    pub size_sum: f64,
    pub size_sq_sum: f64,
    /// The last season's actuals (the seasonal naive forecast).
    recent: Vec<f64>,
    seen: u64,
}

/// The Syntetos–Boylan–Croston demand classes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum DemandClass {
    Smooth,
    Erratic,
    Intermittent,
    Lumpy,
}

impl DemandClass {
    pub fn name(self) -> &'static str {
        match self {
            DemandClass::Smooth => "smooth",
            DemandClass::Erratic => "erratic",
            DemandClass::Intermittent => "intermittent",
            DemandClass::Lumpy => "lumpy",
        }
    }
}

impl Accuracy {
    /// Scores against the seasonal naive forecast for a season of `season`
    /// periods (1 = the last period's demand).
    pub fn new(season: u32) -> Accuracy {
        Accuracy {
            recent: vec![0.0; season.max(1) as usize],
            ..Accuracy::default()
        }
    }

    /// Forecast `f` met actual demand `x`; `scored` says whether it counts.
    pub fn record(&mut self, f: f64, x: f64, scored: bool) {
        let m = self.recent.len().max(1);
        let slot = (self.seen % m as u64) as usize;
        if scored {
            self.periods += 1;
            self.actual += x;
            self.abs_error += (f - x).abs();
            self.error += f - x;
            if x > 0.0 {
                self.demand_periods += 1;
                self.size_sum += x;
                self.size_sq_sum += x * x;
            }
            if self.seen >= m as u64 {
                self.naive_periods += 1;
                self.naive_abs_error += (self.recent[slot] - x).abs();
                self.abs_error_vs_naive += (f - x).abs();
            }
        }
        if let Some(r) = self.recent.get_mut(slot) {
            *r = x;
        }
        self.seen += 1;
    }

    /// Adds another series' sums (an FC's policies, a class's series).
    pub fn merge(&mut self, o: &Accuracy) {
        self.periods += o.periods;
        self.actual += o.actual;
        self.abs_error += o.abs_error;
        self.error += o.error;
        self.naive_periods += o.naive_periods;
        self.naive_abs_error += o.naive_abs_error;
        self.abs_error_vs_naive += o.abs_error_vs_naive;
        self.demand_periods += o.demand_periods;
        self.size_sum += o.size_sum;
        self.size_sq_sum += o.size_sq_sum;
    }

    /// Weighted absolute percentage error: Σ|e| ÷ Σ actual. None until
    /// there was demand.
    pub fn wape(&self) -> Option<f64> {
        (self.actual > 0.0).then(|| self.abs_error / self.actual)
    }

    /// Σ(forecast − actual) ÷ Σ actual: +0.1 means 10 % over-forecast.
    pub fn bias(&self) -> Option<f64> {
        (self.actual > 0.0).then(|| self.error / self.actual)
    }

    /// Mean absolute error ÷ the seasonal naive forecast's, over the same
    /// periods: below 1 beats "same as last season". Merged series give the
    /// pooled ratio.
    pub fn mase(&self) -> Option<f64> {
        (self.naive_abs_error > 0.0).then(|| self.abs_error_vs_naive / self.naive_abs_error)
    }

    /// The series' demand class; None until it has had demand twice.
    pub fn class(&self) -> Option<DemandClass> {
        if self.demand_periods < 2 {
            return None;
        }
        let n = self.demand_periods as f64;
        let adi = self.periods as f64 / n;
        let mean = self.size_sum / n;
        let var = (self.size_sq_sum / n - mean * mean).max(0.0);
        let cv2 = var / (mean * mean);
        Some(match (adi < ADI_CUTOFF, cv2 < CV2_CUTOFF) {
            (true, true) => DemandClass::Smooth,
            (true, false) => DemandClass::Erratic,
            (false, true) => DemandClass::Intermittent,
            (false, false) => DemandClass::Lumpy,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wape_bias_and_mase_on_a_known_series() {
        let mut a = Accuracy::new(1);
        // Actuals 10, 20, 10, 20; forecasts 15 each time.
        for (i, x) in [10.0, 20.0, 10.0, 20.0].into_iter().enumerate() {
            a.record(15.0, x, i > 0);
        }
        // Scored: 20, 10, 20 → |e| 5+5+5 = 15 over 50; e = −5+5−5 = −5.
        assert_eq!(a.wape(), Some(0.3));
        assert_eq!(a.bias(), Some(-0.1));
        // Naive (last period's demand) errs 10 each time: MASE 15/30.
        assert_eq!(a.mase(), Some(0.5));
    }

    #[test]
    fn no_rate_without_a_denominator() {
        let mut a = Accuracy::new(7);
        a.record(3.0, 0.0, true);
        assert_eq!(a.wape(), None);
        assert_eq!(a.mase(), None);
        assert_eq!(a.class(), None);
    }

    #[test]
    fn demand_classes_follow_the_sbc_cut_offs() {
        let class = |xs: &[f64]| {
            let mut a = Accuracy::new(1);
            for &x in xs {
                a.record(0.0, x, true);
            }
            a.class().unwrap()
        };
        assert_eq!(class(&[10.0, 11.0, 9.0, 10.0]), DemandClass::Smooth);
        assert_eq!(class(&[1.0, 30.0, 2.0, 25.0]), DemandClass::Erratic);
        assert_eq!(
            class(&[0.0, 0.0, 5.0, 0.0, 0.0, 5.0]),
            DemandClass::Intermittent
        );
        assert_eq!(class(&[0.0, 0.0, 1.0, 0.0, 0.0, 40.0]), DemandClass::Lumpy);
    }

    #[test]
    fn merged_sums_pool_the_errors() {
        let mut a = Accuracy::new(1);
        let mut b = Accuracy::new(1);
        a.record(10.0, 20.0, true);
        b.record(10.0, 30.0, true);
        a.merge(&b);
        assert_eq!(a.wape(), Some(30.0 / 50.0));
    }
}
