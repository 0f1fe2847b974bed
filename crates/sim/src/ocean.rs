//! Ocean freight: sea lanes from overseas suppliers to ports, vessels
//! with an uncertain arrival, and shipment visibility.
//!
//! An ocean lane runs from a supplier to a port, over the sea-route
//! distance, which it must state (land circuity means nothing at sea). A
//! port with such a lane sails a vessel from the supplier every
//! `vessel_interval_hours`; goods requested catch the first sailing after
//! the supplier's lead time and berth after the voyage, late or early by
//! a normal error of `eta_sd_hours`, then dwell. The voyage's cost and
//! CO2e are charged to the ocean lane.
//!
//! Visibility: with `eta_updates_hours` at the port, the planner hears an
//! updated ETA every so many hours of the voyage; each update knows the
//! share of the delay the voyage so far has shown (delay builds as the
//! vessel sails). Without it the planner plans with the scheduled ETA
//! until the vessel berths. A policy with `expedite_from` uses the ETA it
//! knows: when its stock will run out before the next vessel's goods
//! arrive, it orders the shortfall from the faster source.

use crate::emissions::Mode;
use crate::network::{FacilityInfo, LaneInfo, Voyage};
use crate::scenario::{FacilityKind, Lane};
use crate::time::SimTime;
use crate::validate::check::{At, Checker};

/// One nautical mile, km.
pub const KM_PER_NM: f64 = 1.852;

/// Shanghai to Rotterdam by sea: 10,600 nautical miles through the Suez
/// Canal, 13,800 around the Cape of Good Hope; 27 and 35 days at 16 knots
/// with no calls (Notteboom, Pallis & Rodrigue, *Port Economics,
/// Management and Policy*, 2022, "Routing options between Shanghai,
/// Rotterdam and New York").
pub const SHANGHAI_ROTTERDAM_SUEZ_NM: f64 = 10_600.0;
pub const SHANGHAI_ROTTERDAM_CAPE_NM: f64 = 13_800.0;

/// The Asia–Europe sea corridor, west to east (lat, lon): the Dover
/// Strait, Ushant, Cape Finisterre, Gibraltar, the Sicily Channel, Port
/// Said, Suez, Bab-el-Mandeb, Dondra Head (Sri Lanka), the Singapore
/// Strait, the South China Sea and the Taiwan Strait: the Suez route the
/// distance above follows, for drawing sea lanes where ships sail.
pub const CORRIDOR: [(f64, f64); 12] = [
    (51.0, 1.5),
    (48.6, -5.5),
    (43.0, -9.6),
    (35.95, -5.6),
    (37.3, 11.0),
    (31.3, 32.3),
    (29.9, 32.55),
    (12.6, 43.3),
    (5.6, 80.6),
    (1.2, 103.8),
    (10.0, 112.0),
    (24.5, 119.5),
];

/// Farthest a sea lane's end may be from the corridor to be drawn along
/// it, km.
const NEAR_CORRIDOR_KM: f64 = 1_500.0;

/// The points a sea lane from `from` to `to` (lat, lon) is drawn through:
/// along the corridor between the points nearest each end when both are
/// near it and those points differ; otherwise none (a straight line).
pub fn sea_path(from: (f64, f64), to: (f64, f64)) -> Vec<(f64, f64)> {
    let km = |a: (f64, f64), b: (f64, f64)| {
        crate::geo::haversine_km(
            crate::geo::LatLon { lat: a.0, lon: a.1 },
            crate::geo::LatLon { lat: b.0, lon: b.1 },
        )
    };
    let nearest = |p: (f64, f64)| {
        CORRIDOR
            .iter()
            .enumerate()
            .map(|(i, &c)| (km(p, c), i))
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .unwrap_or((f64::INFINITY, 0))
    };
    let ((da, a), (db, b)) = (nearest(from), nearest(to));
    if da > NEAR_CORRIDOR_KM || db > NEAR_CORRIDOR_KM || a == b {
        return Vec::new();
    }
    if a < b {
        CORRIDOR[a..=b].to_vec()
    } else {
        CORRIDOR[b..=a].iter().rev().copied().collect()
    }
}

/// Check a lane's sea rules: ocean vessels sail only from a supplier to a
/// port, over a stated sea-route distance. Returns whether the lane may
/// be compiled.
pub(crate) fn check_lane(
    ck: &mut Checker,
    at: &At,
    l: &Lane,
    from: FacilityKind,
    to: FacilityKind,
) -> bool {
    let sea = l.mode == Mode::Ocean;
    let supplier_to_port = from == FacilityKind::Supplier && to == FacilityKind::Port;
    if sea && !supplier_to_port {
        ck.err(at, "mode", "ocean vessels sail from an overseas supplier to a port; goods go on from the port by road or rail");
        return false;
    }
    if supplier_to_port && !sea {
        ck.err(
            at,
            "mode",
            "a supplier reaches a port by sea: make this an ocean lane",
        );
        return false;
    }
    if sea && l.distance_km.is_none() && l.transit_hours.is_none() {
        let km = SHANGHAI_ROTTERDAM_SUEZ_NM * KM_PER_NM;
        let msg = format!(
            "give the sea-route distance: land circuity means nothing at sea (Shanghai to Rotterdam is {km:.0} km through Suez)"
        );
        ck.err(at, "distance_km", msg);
        return false;
    }
    true
}

/// Give each port its voyage: the first ocean lane into it.
pub(crate) fn voyages(facilities: &mut [FacilityInfo], lanes: &[LaneInfo]) {
    for (i, li) in lanes.iter().enumerate() {
        if li.mode != Mode::Ocean || facilities[li.to].port.voyage.is_some() {
            continue;
        }
        let origin_lead_s = facilities[li.from].supply.lead_time_s;
        facilities[li.to].port.voyage = Some(Voyage {
            lane: i,
            transit_s: li.transit_s,
            origin_lead_s,
        });
    }
}

/// A vessel's voyage as the planner sees it at `now`: it sailed at
/// `sailed`, was due at `scheduled` and will arrive at `actual`. With
/// updates every `every` seconds, the latest update before `now` knows
/// the share of the delay shown by then; without, the schedule.
pub fn known_eta(
    (sailed, scheduled, actual): (SimTime, SimTime, SimTime),
    now: SimTime,
    every: Option<SimTime>,
) -> SimTime {
    let Some(every) = every.filter(|e| *e > 0) else {
        return scheduled;
    };
    let update = now / every * every;
    if update <= sailed || actual <= sailed {
        return scheduled;
    }
    let shown = ((update - sailed) as f64 / (actual - sailed) as f64).min(1.0);
    let delay = actual as f64 - scheduled as f64;
    libm::round(scheduled as f64 + shown * delay).max(0.0) as SimTime
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::HOUR;

    #[test]
    fn shanghai_to_rotterdam_is_drawn_through_suez_and_a_short_hop_straight() {
        let path = sea_path((31.23, 121.47), (51.95, 4.14));
        assert_eq!(path.first(), Some(&(24.5, 119.5)));
        assert_eq!(path.last(), Some(&(51.0, 1.5)));
        assert!(path.contains(&(29.9, 32.55)), "through Suez: {path:?}");
        // Reversed, the same points the other way.
        let back = sea_path((51.95, 4.14), (31.23, 121.47));
        assert_eq!(back.iter().rev().copied().collect::<Vec<_>>(), path);
        // Felixstowe to Rotterdam: both nearest Dover, a straight line.
        assert!(sea_path((51.95, 1.35), (51.95, 4.14)).is_empty());
        // New York is far from the corridor: straight.
        assert!(sea_path((40.7, -74.0), (51.95, 4.14)).is_empty());
    }

    #[test]
    fn updates_reveal_the_delay_as_the_voyage_goes() {
        let h = |x: u64| x * HOUR;
        // Sailed at 0, due at 600 h, arrives at 700 h.
        let v = (0, h(600), h(700));
        assert_eq!(known_eta(v, h(350), None), h(600));
        // An update every 24 h: at 350 h the last update (336 h) has seen
        // 48 % of the voyage, so 48 % of the delay.
        assert_eq!(known_eta(v, h(350), Some(h(24))), h(648));
        // After it berths, the truth.
        assert_eq!(known_eta(v, h(720), Some(h(24))), h(700));
        // Before the first update: the schedule.
        assert_eq!(known_eta(v, h(10), Some(h(24))), h(600));
    }
}
