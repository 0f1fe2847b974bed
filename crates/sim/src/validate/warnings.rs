//! Warnings: values that are valid but absurd for a real network. They do
//! not stop a run (a class may push a lever to an extreme on purpose), but a
//! person is told, naming the thing and the field, so a typo such as 1e12
//! units an hour is not taken for a result.

use super::check::{At, Checker};
use super::index::Index;
use crate::problem::{Problem, Subject};
use crate::scenario::Scenario;

/// Units or parcels an hour above which a site is beyond any real one. The
/// largest fulfilment centres are reported to ship over a million units on
/// a peak day (Amazon's biggest US sites, peak-season press coverage), some
/// 40,000 to 60,000 an hour; this allows twice the top of that.
pub const MAX_PLAUSIBLE_CAPACITY_PER_HOUR: f64 = 120_000.0;

/// Staff absence above which a figure is surely a typo: UK absence averages
/// 7.8 days a year, about 3.4 % (CIPD Health and wellbeing at work, 2023).
pub const MAX_PLAUSIBLE_ABSENCE: f64 = 0.25;

/// Orders a day above which one zone is beyond any real one: a tenth of the
/// whole UK parcel market, about 4.2 billion parcels a year or 11.5 million
/// a day (Ofcom, Annual monitoring update on postal services, 2023). A zone
/// in the sandbox is a city's districts, far smaller.
pub const MAX_PLAUSIBLE_ZONE_ORDERS_PER_DAY: f64 = 1_150_000.0;

/// Walking pace, km/h: a vehicle slower than this is surely a typo.
pub const WALKING_PACE_KMH: f64 = 5.0;

/// Below this share of the network the run has too few orders to say much.
pub const MIN_USEFUL_SCALE: f64 = 0.001;

/// Every warning for a scenario, in the same form as a problem.
pub fn warnings(s: &Scenario) -> Vec<Problem> {
    let mut ck = Checker::default();
    let ix = Index::new(s);
    if s.scale < MIN_USEFUL_SCALE {
        ck.err(
            &At::root(),
            "scale",
            format!(
                "{} of the network is a handful of orders; figures will be noisy (try 0.01 or more)",
                s.scale
            ),
        );
    }
    for (i, f) in s.facilities.iter().enumerate() {
        let at = At::new(Subject::Facility(i), f.name.clone());
        if let Some(c) = f
            .capacity_per_hour
            .filter(|&c| c > MAX_PLAUSIBLE_CAPACITY_PER_HOUR)
        {
            ck.err(
                &at,
                "capacity_per_hour",
                format!("{c} an hour is more than any real site handles (the largest, about 60,000); check the figure"),
            );
        }
        if let Some(a) = f.absence_rate.filter(|&a| a > MAX_PLAUSIBLE_ABSENCE) {
            ck.err(
                &at,
                "absence_rate",
                format!(
                    "{a} of staff away on a shift is far above the UK's 3.4 %; check the figure"
                ),
            );
        }
    }
    for (i, d) in s.demand.iter().enumerate() {
        if d.orders_per_day > MAX_PLAUSIBLE_ZONE_ORDERS_PER_DAY {
            let at = At::new(Subject::Demand(i), ix.name(&d.zone));
            ck.err(
                &at,
                "orders_per_day",
                format!("{} orders a day is over a tenth of the whole UK parcel market (about 11.5 million a day); check the figure", d.orders_per_day),
            );
        }
    }
    for (i, l) in s.lanes.iter().enumerate() {
        if let Some(v) = l.speed_kmh.filter(|&v| v < WALKING_PACE_KMH) {
            let at = At::new(Subject::Lane(i), ix.lane_name(&l.from, &l.to));
            ck.err(
                &at,
                "speed_kmh",
                format!("{v} km/h is slower than walking; check the figure"),
            );
        }
    }
    ck.problems
}
