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

/// What is known before the review period starting at `start`: its place
/// in the week and the demand calendar's planned multiplier then (the
/// demand-weighted mean of every stream's events; 1 with none).
pub fn period(net: &Network, review_s: SimTime, start: SimTime) -> Period {
    let season = season(review_s);
    let index = start / review_s.max(1);
    let (mut weight, mut weighted) = (0.0, 0.0);
    for d in &net.demand {
        let k: f64 = d
            .events
            .iter()
            .filter(|&&(a, b, _)| start >= a && start < b)
            .map(|e| e.2)
            .product();
        weight += d.per_hour;
        weighted += d.per_hour * k;
    }
    Period {
        season_index: (index % season as u64) as u32,
        event: if weight > 0.0 { weighted / weight } else { 1.0 },
    }
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
