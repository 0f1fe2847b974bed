//! Great-circle distances.
//!
//! Hand-written rather than from the `geo` crate because `geo` uses std's
//! `sin`/`cos`, whose results differ between native and wasm builds; the sim
//! must be bit-identical on both, so it uses `libm`.

/// Mean Earth radius in km (IUGG).
pub const EARTH_RADIUS_KM: f64 = 6371.0088;

/// A point in degrees.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LatLon {
    pub lat: f64,
    pub lon: f64,
}

/// Haversine great-circle distance in km.
pub fn haversine_km(a: LatLon, b: LatLon) -> f64 {
    let (p1, p2) = (a.lat.to_radians(), b.lat.to_radians());
    let dp = p2 - p1;
    let dl = (b.lon - a.lon).to_radians();
    let s = libm::sin(dp / 2.0);
    let t = libm::sin(dl / 2.0);
    let h = s * s + libm::cos(p1) * libm::cos(p2) * t * t;
    2.0 * EARTH_RADIUS_KM * libm::asin(libm::sqrt(h.min(1.0)))
}

/// Beardwood–Halton–Hammersley constant: a shortest tour through n random
/// points in an area A is about 0.7124·√(n·A) long (Applegate et al. 2011,
/// *The Traveling Salesman Problem*, ch. 1).
const BHH: f64 = 0.7124;

/// Length of a tour through `stops` points spread over a disc of radius
/// `radius_km`, km.
pub fn tour_km(stops: usize, radius_km: f64) -> f64 {
    let area = core::f64::consts::PI * radius_km * radius_km;
    BHH * libm::sqrt(stops as f64 * area)
}

/// Time for a van tour of `stops` stops: driving at `speed_kmh` plus
/// `stop_s` at each stop, seconds.
pub fn tour_s(stops: usize, radius_km: f64, speed_kmh: f64, stop_s: u64) -> u64 {
    crate::time::seconds(
        tour_km(stops, radius_km) / speed_kmh * crate::time::HOUR as f64
            + (stop_s * stops as u64) as f64,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn london_to_manchester_is_about_262_km() {
        let london = LatLon {
            lat: 51.5074,
            lon: -0.1278,
        };
        let manchester = LatLon {
            lat: 53.4808,
            lon: -2.2426,
        };
        let d = haversine_km(london, manchester);
        assert!((d - 262.0).abs() < 3.0, "{d}");
    }

    #[test]
    fn distance_is_symmetric_and_zero_on_self() {
        let a = LatLon {
            lat: 52.0,
            lon: -1.0,
        };
        let b = LatLon {
            lat: 55.9,
            lon: -3.2,
        };
        assert_eq!(haversine_km(a, b), haversine_km(b, a));
        assert_eq!(haversine_km(a, a), 0.0);
    }
}
