//! Models for intermittent (slow, lumpy) demand, where most periods see
//! none: Croston (1972) and TSB (Teunter, Syntetos & Babai 2011).

/// Croston: smooth the size of the non-zero demands and the interval
/// between them separately; forecast size ÷ interval. Both update only when
/// demand occurs, so the forecast stays put through a run of zeros.
#[derive(Clone, Debug)]
pub struct Croston {
    alpha: f64,
    size: f64,
    interval: f64,
    /// Periods since the last demand, counting the current one.
    since: f64,
}

impl Croston {
    pub fn new(alpha: f64, prior_mean: f64) -> Croston {
        Croston {
            alpha: alpha.clamp(0.0, 1.0),
            size: prior_mean,
            interval: 1.0,
            since: 1.0,
        }
    }

    pub fn observe(&mut self, x: f64) {
        if x > 0.0 {
            self.size += self.alpha * (x - self.size);
            self.interval += self.alpha * (self.since - self.interval);
            self.since = 1.0;
        } else {
            self.since += 1.0;
        }
    }

    pub fn rate(&self) -> f64 {
        self.size / self.interval.max(1.0)
    }
}

/// TSB: smooth the size of demand when it occurs and, every period, the
/// probability that it occurs; forecast probability × size. Unlike Croston
/// the forecast decays through a run of zeros, so an item going obsolete
/// stops being restocked.
#[derive(Clone, Debug)]
pub struct Tsb {
    alpha: f64,
    beta: f64,
    size: f64,
    probability: f64,
}

impl Tsb {
    pub fn new(alpha: f64, beta: f64, prior_mean: f64) -> Tsb {
        Tsb {
            alpha: alpha.clamp(0.0, 1.0),
            beta: beta.clamp(0.0, 1.0),
            size: prior_mean,
            probability: 1.0,
        }
    }

    pub fn observe(&mut self, x: f64) {
        let occurred = if x > 0.0 { 1.0 } else { 0.0 };
        self.probability += self.beta * (occurred - self.probability);
        if x > 0.0 {
            self.size += self.alpha * (x - self.size);
        }
    }

    pub fn rate(&self) -> f64 {
        self.probability * self.size
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 6 units every 4th period: 1.5 a period on average.
    fn lumpy(t: usize) -> f64 {
        if t % 4 == 3 { 6.0 } else { 0.0 }
    }

    #[test]
    fn croston_finds_the_rate_of_regular_lumps() {
        let mut c = Croston::new(0.1, 1.0);
        for t in 0..400 {
            c.observe(lumpy(t));
        }
        assert!((c.rate() - 1.5).abs() < 0.05, "rate {}", c.rate());
    }

    #[test]
    fn tsb_finds_the_rate_and_decays_when_demand_stops() {
        let mut t_ = Tsb::new(0.1, 0.1, 1.0);
        let mut c = Croston::new(0.1, 1.0);
        for t in 0..400 {
            t_.observe(lumpy(t));
            c.observe(lumpy(t));
        }
        assert!((t_.rate() - 1.5).abs() < 0.3, "rate {}", t_.rate());
        for _ in 0..40 {
            t_.observe(0.0);
            c.observe(0.0);
        }
        assert!(
            t_.rate() < 0.05,
            "TSB keeps {} after 40 empty periods",
            t_.rate()
        );
        assert!(c.rate() > 1.0, "Croston holds its rate: {}", c.rate());
    }
}
