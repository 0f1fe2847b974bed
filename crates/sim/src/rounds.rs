//! Van rounds built stop by stop: the stops of a wave placed in a zone,
//! routes built by Clarke–Wright savings under a stop limit and the
//! drivers' hours, then each improved by 2-opt.
//!
//! The engine charges a round by the continuous approximation in
//! [`crate::geo::km_per_stop`] (fast enough for millions of parcels); its
//! constant is calibrated against the rounds built here, and a test holds
//! the two within 10 % on sampled waves. Everything is `libm` maths and the
//! sim's seeded streams, so a round is the same natively and in wasm.

use crate::rng::Rng;

/// A point on a local plane, km east and north of the zone's centre.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

impl Point {
    pub fn dist(self, o: Point) -> f64 {
        libm::hypot(self.x - o.x, self.y - o.y)
    }
}

/// `n` stops spread uniformly over a disc of `radius_km` round the origin.
pub fn sample_stops(rng: &mut Rng, n: usize, radius_km: f64) -> Vec<Point> {
    (0..n)
        .map(|_| {
            let r = radius_km * libm::sqrt(rng.f64());
            let a = core::f64::consts::TAU * rng.f64();
            Point {
                x: r * libm::cos(a),
                y: r * libm::sin(a),
            }
        })
        .collect()
}

/// What one round may hold.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub max_stops: usize,
    /// Longest round, km of driving plus the stops' time as km (the hours
    /// on duty at the van's speed).
    pub max_km: f64,
    /// Each stop's time, as km at the van's speed.
    pub stop_km: f64,
}

/// One built round: stop indices in visiting order, and its length (depot,
/// stops, depot), km.
#[derive(Clone, Debug)]
pub struct Round {
    pub stops: Vec<usize>,
    pub km: f64,
}

/// Rounds from `depot` covering every stop, by savings then 2-opt.
pub fn build(depot: Point, stops: &[Point], lim: Limits) -> Vec<Round> {
    let mut routes = savings(depot, stops, lim);
    for r in &mut routes {
        two_opt(depot, stops, r);
    }
    routes
        .into_iter()
        .map(|s| Round {
            km: length(depot, stops, &s),
            stops: s,
        })
        .collect()
}

/// Length of the round `route` from `depot`, km.
pub fn length(depot: Point, stops: &[Point], route: &[usize]) -> f64 {
    let mut at = depot;
    let mut km = 0.0;
    for &i in route {
        km += at.dist(stops[i]);
        at = stops[i];
    }
    km + at.dist(depot)
}

/// Clarke–Wright parallel savings: start with one round per stop, merge
/// the ends of two rounds in order of the distance saved, while the merged
/// round keeps within the limits.
fn savings(depot: Point, stops: &[Point], lim: Limits) -> Vec<Vec<usize>> {
    let n = stops.len();
    let d0: Vec<f64> = stops.iter().map(|p| p.dist(depot)).collect();
    let mut pairs: Vec<(f64, u32, u32)> = Vec::with_capacity(n * n.saturating_sub(1) / 2);
    for i in 0..n {
        for j in i + 1..n {
            let s = d0[i] + d0[j] - stops[i].dist(stops[j]);
            pairs.push((s, i as u32, j as u32));
        }
    }
    // Largest saving first; ties by index, so the order is the same everywhere.
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2))));
    let mut route_of: Vec<usize> = (0..n).collect();
    let mut routes: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    let mut km: Vec<f64> = (0..n).map(|i| 2.0 * d0[i] + lim.stop_km).collect();
    for (s, i, j) in pairs {
        let (i, j) = (i as usize, j as usize);
        let (ri, rj) = (route_of[i], route_of[j]);
        if ri == rj || s <= 0.0 {
            continue;
        }
        let joined = km[ri] + km[rj] - s;
        if routes[ri].len() + routes[rj].len() > lim.max_stops || joined > lim.max_km {
            continue;
        }
        // i and j must be ends of their rounds; orient so i ends ri and j starts rj.
        let (a, b) = (&routes[ri], &routes[rj]);
        let i_end = *a.last().unwrap() == i;
        let i_start = a[0] == i;
        let j_start = b[0] == j;
        let j_end = *b.last().unwrap() == j;
        if !(i_end || i_start) || !(j_start || j_end) {
            continue;
        }
        let mut left = std::mem::take(&mut routes[ri]);
        let mut right = std::mem::take(&mut routes[rj]);
        if !i_end {
            left.reverse();
        }
        if !j_start {
            right.reverse();
        }
        for &k in &right {
            route_of[k] = ri;
        }
        left.extend(right);
        routes[ri] = left;
        km[ri] = joined;
    }
    routes.into_iter().filter(|r| !r.is_empty()).collect()
}

/// 2-opt: reverse any stretch of the round that shortens it, until none does.
fn two_opt(depot: Point, stops: &[Point], route: &mut [usize]) {
    let at = |k: usize, r: &[usize]| {
        if k == 0 || k > r.len() {
            depot
        } else {
            stops[r[k - 1]]
        }
    };
    let n = route.len();
    let mut improved = true;
    while improved {
        improved = false;
        // Positions 0 and n + 1 are the depot.
        for i in 1..n {
            for j in i + 1..=n {
                let (a, b) = (at(i - 1, route), at(i, route));
                let (c, d) = (at(j, route), at(j + 1, route));
                let delta = a.dist(c) + b.dist(d) - a.dist(b) - c.dist(d);
                if delta < -1e-9 {
                    route[i - 1..j].reverse();
                    improved = true;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Stream;

    fn limits(max_stops: usize) -> Limits {
        Limits {
            max_stops,
            max_km: f64::INFINITY,
            stop_km: 0.0,
        }
    }

    #[test]
    fn every_stop_is_on_exactly_one_round_within_the_limits() {
        let mut rng = Rng::fork(3, Stream::Arrival, 0);
        let stops = sample_stops(&mut rng, 400, 10.0);
        let depot = Point { x: 15.0, y: 0.0 };
        let rounds = build(depot, &stops, limits(60));
        let mut seen = vec![0; stops.len()];
        for r in &rounds {
            assert!(r.stops.len() <= 60);
            for &s in &r.stops {
                seen[s] += 1;
            }
        }
        assert!(seen.iter().all(|&k| k == 1));
        assert!(rounds.len() >= 400_usize.div_ceil(60));
    }

    #[test]
    fn two_opt_untangles_a_crossed_round() {
        let depot = Point { x: 0.0, y: 0.0 };
        let sq = [(0.0, 1.0), (1.0, 0.0), (1.0, 1.0), (0.0, 2.0)];
        let stops: Vec<Point> = sq.iter().map(|&(x, y)| Point { x, y }).collect();
        let mut r = vec![0, 1, 2, 3];
        let before = length(depot, &stops, &r);
        two_opt(depot, &stops, &mut r);
        assert!(length(depot, &stops, &r) < before - 0.1, "{r:?}");
    }

    #[test]
    fn a_duty_limit_splits_a_round() {
        let mut rng = Rng::fork(5, Stream::Arrival, 0);
        let stops = sample_stops(&mut rng, 100, 5.0);
        let depot = Point { x: 0.0, y: 0.0 };
        let lim = Limits {
            max_stops: 1000,
            max_km: 40.0,
            stop_km: 0.1,
        };
        for r in build(depot, &stops, lim) {
            let with_stops = r.km + lim.stop_km * r.stops.len() as f64;
            assert!(with_stops <= 40.0 + 1e-9, "{with_stops}");
        }
    }
}
