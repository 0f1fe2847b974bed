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
