//! The continuous approximation the engine charges van rounds by holds
//! within 10 % of rounds built stop by stop (savings and 2-opt) on sampled
//! waves.

#![cfg(not(target_arch = "wasm32"))]

use supply_sim::geo::km_per_stop;
use supply_sim::rng::{Rng, Stream};
use supply_sim::rounds::{Limits, Point, build, sample_stops};

/// Vans at 35 km/h with 2-minute stops, 150 stops and 11 hours at most.
const LIMITS: Limits = Limits {
    max_stops: 150,
    max_km: 35.0 * 11.0,
    stop_km: 35.0 * 2.0 / 60.0,
};

/// (zone radius km, depot km from the zone's centre, stops in the wave).
const WAVES: [(f64, f64, usize); 5] = [
    (4.0, 3.0, 160),
    (6.0, 5.0, 300),
    (12.0, 8.0, 450),
    (15.0, 10.0, 600),
    (18.0, 6.0, 320),
];

#[test]
fn the_approximation_holds_within_10_percent_of_built_rounds() {
    for (k, &(radius, depot_km, wave)) in WAVES.iter().enumerate() {
        for day in 0..3u64 {
            let mut rng = Rng::fork(42, Stream::Arrival, 100 * k as u64 + day);
            let stops = sample_stops(&mut rng, wave, radius);
            let depot = Point {
                x: depot_km,
                y: 0.0,
            };
            let rounds = build(depot, &stops, LIMITS);
            let built: f64 = rounds.iter().map(|r| r.km).sum();
            // The engine loads each van to the stop limit: ⌈wave / limit⌉ vans.
            let vans = wave.div_ceil(LIMITS.max_stops) as f64;
            let approx =
                vans * 2.0 * depot_km + wave as f64 * km_per_stop(radius, wave as f64, 1.0);
            let err = (approx - built) / built;
            assert!(
                err.abs() < 0.10,
                "r {radius} km, wave {wave}: built {built:.1} km, approximation {approx:.1} km"
            );
        }
    }
}
