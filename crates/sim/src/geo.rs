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

/// Round constant k in length ≈ k·√(n·A) for n stops over an area A.
/// The Beardwood–Halton–Hammersley asymptote for a shortest tour is 0.7124
/// (Applegate et al. 2011, *The Traveling Salesman Problem*, ch. 1); rounds
/// built by savings and 2-opt ([`crate::rounds`]) under a 150-stop limit
/// run longer: 0.755 is the least-squares fit to the 15 sampled waves of
/// `tests/rounds.rs`, which holds the approximation within 10 % of them.
pub const ROUND_K: f64 = 0.755;

/// Road km per stop on a van round in a zone of radius `radius_km`, when
/// a real network's `wave` parcels leave for it together and each van
/// takes its own district (Daganzo's districting: a van with n of the
/// wave's stops covers n / wave of the area, so its tour is
/// k·√(n · A·n/wave) = n · k·√(A/wave), k = [`ROUND_K`]). `circuity` turns straight
/// lines into roads.
pub fn km_per_stop(radius_km: f64, wave: f64, circuity: f64) -> f64 {
    let area = core::f64::consts::PI * radius_km * radius_km;
    circuity * ROUND_K * libm::sqrt(area / wave.max(1.0))
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
