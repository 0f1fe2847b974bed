//! A van's round drawn for a person: the real van's stops placed in its
//! district of the zone (a disc with its share of the zone's area) and visited in the order [`crate::rounds`] builds,
//! beside the length the engine charges for it.

use crate::engine::Engine;
use crate::geo::km_per_stop;
use crate::rng::{Rng, Stream};
use crate::rounds::{self, Limits, Point};
use crate::time::SimTime;
use core::f64::consts::TAU;

/// Most stops drawn: savings take O(n² log n), and a round has at most the
/// stop limit (150) anyway.
const MAX_DRAWN_STOPS: usize = 400;

/// km per degree of latitude, and of longitude at the equator (WGS 84 mean).
const KM_PER_DEG_LAT: f64 = 110.57;
const KM_PER_DEG_LON: f64 = 111.32;

/// A van's round: where it goes, in order, and how long it is.
#[derive(Clone, Debug, PartialEq)]
pub struct VanRound {
    /// The delivery station, the stops in visiting order, the station:
    /// (lat, lon).
    pub path: Vec<(f64, f64)>,
    pub stops: usize,
    /// Road km of the round drawn.
    pub km: f64,
    /// Road km the engine charges a real van for a round of these stops.
    pub charged_km: f64,
}

/// A local plane round a point: km east and north of it.
struct Plane {
    lat: f64,
    lon: f64,
    km_per_lon: f64,
}

impl Plane {
    fn new(lat: f64, lon: f64) -> Plane {
        let km_per_lon = KM_PER_DEG_LON * libm::cos(lat.to_radians());
        Plane {
            lat,
            lon,
            km_per_lon,
        }
    }
    fn point(&self, lat: f64, lon: f64) -> Point {
        Point {
            x: (lon - self.lon) * self.km_per_lon,
            y: (lat - self.lat) * KM_PER_DEG_LAT,
        }
    }
    fn lat_lon(&self, p: Point) -> (f64, f64) {
        (
            self.lat + p.y / KM_PER_DEG_LAT,
            self.lon + p.x / self.km_per_lon,
        )
    }
}

/// A point drawn uniformly in the disc of `radius` round `centre`.
fn disc_point(rng: &mut Rng, radius: f64, centre: Point) -> Point {
    let (d, a) = (radius * libm::sqrt(rng.f64()), TAU * rng.f64());
    Point {
        x: centre.x + d * libm::cos(a),
        y: centre.y + d * libm::sin(a),
    }
}

impl Engine {
    /// The round of the van on `lane` that left at `depart`, if it is on
    /// the road and on a round (a van or driver to a zone).
    pub fn van_round(&self, lane: u32, depart: SimTime) -> Option<VanRound> {
        let v = self
            .lanes()
            .vehicles()
            .find(|v| v.lane == lane && v.depart == depart && v.round_stops > 0.0)?;
        let net = self.network();
        let li = net.lanes.get(lane as usize)?;
        let (station, zone) = (&net.facilities[li.from], &net.facilities[li.to]);
        let plane = Plane::new(zone.lat, zone.lon);
        let real = v.round_stops as f64;
        let n = (libm::round(real) as usize).clamp(1, MAX_DRAWN_STOPS);
        // The van's district: a compact disc with its share of the zone's
        // area, somewhere in the zone (drawn for this trip).
        let mut rng = Rng::fork(depart, Stream::Round, lane as u64);
        let share = (real / (v.wave as f64).max(real)).min(1.0);
        let r = zone.zone.radius_km;
        let small = r * libm::sqrt(share);
        let centre = disc_point(&mut rng, r - small, Point { x: 0.0, y: 0.0 });
        let stops: Vec<Point> = (0..n)
            .map(|_| disc_point(&mut rng, small, centre))
            .collect();
        let depot = plane.point(station.lat, station.lon);
        let lim = Limits {
            max_stops: n,
            max_km: f64::INFINITY,
            stop_km: 0.0,
        };
        let mut path = vec![plane.lat_lon(depot)];
        let mut km = 0.0;
        for round in rounds::build(depot, &stops, lim) {
            path.extend(round.stops.iter().map(|&i| plane.lat_lon(stops[i])));
            path.push(plane.lat_lon(depot));
            km += round.km;
        }
        let per_stop = km_per_stop(r, v.wave as f64, net.circuity);
        Some(VanRound {
            path,
            stops: n,
            km: km * net.circuity,
            charged_km: 2.0 * li.distance_km + real * per_stop,
        })
    }
}
