//! The sim's side of forecasting: the models live in `supply-forecast`;
//! this module says what the sim knows of a review period before it
//! happens (where it falls in the week, and the planned peak events of the
//! demand calendar) and builds a policy's forecaster.

use crate::network::{Network, PolicyInfo};
use crate::time::{SimTime, WEEK};
pub use supply_forecast::{Accuracy, DemandClass, Forecaster, Period};

/// Review periods in the weekly season: 7 for daily reviews, 14 for
/// twice-daily; 1 (no season) when a review is longer than half a week or
/// does not divide it.
pub fn season(review_s: SimTime) -> u32 {
    if review_s > 0 && review_s <= WEEK / 2 && WEEK.is_multiple_of(review_s) {
        (WEEK / review_s) as u32
    } else {
        1
    }
}

/// The forecaster a policy starts the run with, from its planning prior.
pub fn forecaster(p: &PolicyInfo) -> Forecaster {
    Forecaster::new(
        p.forecast.model(),
        season(p.review_s),
        p.expected_per_period,
        p.variance_per_period,
    )
}

/// The demand calendar's planned multiplier over time: the demand-weighted
/// mean over every stream of the product of its events active then (1 with
/// none). Piecewise constant between event starts and ends, so it is
/// worked out once per segment when the run starts and read by binary
/// search at each review.
#[derive(Clone, Debug, Default)]
pub struct Calendar {
    /// (segment start, multiplier from then on), by start; before the
    /// first segment the multiplier is 1.
    segments: Vec<(SimTime, f64)>,
}

impl Calendar {
    pub fn new(net: &Network) -> Calendar {
        let mut starts: Vec<SimTime> = net
            .demand
            .iter()
            .flat_map(|d| d.events.iter().flat_map(|&(a, b, _)| [a, b]))
            .collect();
        starts.sort_unstable();
        starts.dedup();
        let segments = starts
            .into_iter()
            .map(|t| (t, multiplier_at(net, t)))
            .collect();
        Calendar { segments }
    }

    /// The planned multiplier at `t`.
    pub fn at(&self, t: SimTime) -> f64 {
        match self.segments.partition_point(|&(s, _)| s <= t) {
            0 => 1.0,
            i => self.segments[i - 1].1,
        }
    }

    /// What is known before the review period starting at `start`: its
    /// place in the week and the planned multiplier then.
    pub fn period(&self, review_s: SimTime, start: SimTime) -> Period {
        let season = season(review_s);
        let index = start / review_s.max(1);
        Period {
            season_index: (index % season as u64) as u32,
            event: self.at(start),
        }
    }
}

/// The demand-weighted mean of every stream's event multipliers at `t`.
fn multiplier_at(net: &Network, t: SimTime) -> f64 {
    let (mut weight, mut weighted) = (0.0, 0.0);
    for d in &net.demand {
        let k: f64 = d
            .events
            .iter()
            .filter(|&&(a, b, _)| t >= a && t < b)
            .map(|e| e.2)
            .product();
        weight += d.per_hour;
        weighted += d.per_hour * k;
    }
    if weight > 0.0 { weighted / weight } else { 1.0 }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::{DAY, HOUR};

    #[test]
    fn the_week_is_the_season_of_short_reviews_only() {
        assert_eq!(season(DAY), 7);
        assert_eq!(season(12 * HOUR), 14);
        assert_eq!(season(WEEK), 1);
        assert_eq!(season(5 * HOUR), 1);
        assert_eq!(season(0), 1);
    }
}
