//! Lanes: which facilities they join, their numbers, dispatch and fleet,
//! with every default resolved from the mode table.

use super::check::{At, Checker};
use super::index::Index;
use crate::defaults::{
    DISPATCH_EVERY_HOURS, DRONE_PARCELS_PER_SORTIE, DRONE_RANGE_KM, VAN_MAX_STOPS, VAN_STOP_MINUTES,
};
use crate::emissions::{Co2Basis, Mode};
use crate::geo::{LatLon, haversine_km};
use crate::network::{Departures, FacilityInfo, Fleet, LaneInfo, Tariff};
use crate::problem::Subject;
use crate::scenario::{FacilityKind, Lane, Scenario};
use crate::time::{HOUR, SimTime, hours};
use std::collections::BTreeSet;

/// The lanes that join two known facilities allowed to be joined, in
/// scenario order.
pub(super) fn build(
    s: &Scenario,
    ix: &Index,
    facilities: &[FacilityInfo],
    ck: &mut Checker,
) -> Vec<LaneInfo> {
    let mut out = Vec::with_capacity(s.lanes.len());
    let mut seen: BTreeSet<(usize, usize, Mode)> = BTreeSet::new();
    for (i, l) in s.lanes.iter().enumerate() {
        let at = At::new(Subject::Lane(i), ix.lane_name(&l.from, &l.to));
        let from = ix.facility(&l.from);
        let to = ix.facility(&l.to);
        if from.is_none() {
            ck.err(&at, "from", format!("unknown facility {:?}", l.from));
        }
        if to.is_none() {
            ck.err(&at, "to", format!("unknown facility {:?}", l.to));
        }
        check_numbers(ck, &at, l);
        let dispatch = dispatch(ck, &at, l);
        let (Some(fi), Some(ti)) = (from, to) else {
            continue;
        };
        if !joinable(ck, &at, &facilities[fi], &facilities[ti], fi == ti)
            || !crate::ocean::check_lane(ck, &at, l, facilities[fi].kind, facilities[ti].kind)
        {
            continue;
        }
        if !seen.insert((fi, ti, l.mode)) {
            let msg = format!("duplicate lane {} -> {} by {}", l.from, l.to, l.mode.name());
            ck.err(&at, "", msg);
        }
        out.push(lane(s, ck, &at, l, (fi, ti), facilities, dispatch));
    }
    out
}

fn check_numbers(ck: &mut Checker, at: &At, l: &Lane) {
    for (name, v) in [
        ("distance_km", l.distance_km),
        ("transit_hours", l.transit_hours),
        ("cost_per_km", l.cost_per_km),
        ("cost_per_hour", l.cost_per_hour),
        ("cost_per_unit", l.cost_per_unit),
        ("cost_per_tkm", l.cost_per_tkm),
        ("co2e_kg_per_km", l.co2e_kg_per_km),
        ("co2e_kg_per_tkm", l.co2e_kg_per_tkm),
        ("stop_minutes", l.stop_minutes),
    ] {
        ck.opt_nonneg(at, name, v);
    }
    for (name, v) in [
        ("speed_kmh", l.speed_kmh),
        ("capacity_kg", l.capacity_kg),
        ("capacity_m3", l.capacity_m3),
        ("range_km", l.range_km),
    ] {
        ck.opt_pos(at, name, v);
    }
    if l.co2e_kg_per_km.is_some() && l.co2e_kg_per_tkm.is_some() {
        ck.err(
            at,
            "co2e_kg_per_tkm",
            "give co2e_kg_per_km or co2e_kg_per_tkm, not both",
        );
    }
    if let Some(p) = l.downtime_prob {
        ck.prob(at, "downtime_prob", p, true);
    }
    if let Some(p) = l.loss_rate {
        ck.prob(at, "loss_rate", p, false);
    }
    if l.vehicles == Some(0) {
        ck.err(at, "vehicles", "must be at least 1 (omit for unlimited)");
    }
    ck.weights(at, "hourly_availability", &l.hourly_availability, 24, |k| {
        format!("hour {k}")
    });
    if let Some(h) = &l.hourly_availability {
        if h.iter().any(|x| *x > 1.0) {
            ck.err(
                at,
                "hourly_availability",
                "values are shares of the fleet, in [0, 1]",
            );
        }
        if l.vehicles.is_none() {
            ck.err(at, "vehicles", "hourly_availability needs a fleet size");
        }
    }
}

/// (every_s, offset_s, when_full).
fn dispatch(ck: &mut Checker, at: &At, l: &Lane) -> (Option<SimTime>, SimTime, bool) {
    let Some(dsp) = &l.dispatch else {
        return (Some(DISPATCH_EVERY_HOURS * HOUR), 0, true);
    };
    let mut every = None;
    if let Some(e) = dsp.every_hours
        && ck.pos(at, "dispatch.every_hours", e)
    {
        every = Some(hours(e).max(60));
    }
    ck.nonneg(at, "dispatch.offset_hours", dsp.offset_hours);
    if dsp.every_hours.is_none() && !dsp.when_full {
        ck.err(
            at,
            "dispatch",
            "never dispatches: give every_hours, when_full, or both",
        );
    }
    (every, hours(dsp.offset_hours), dsp.when_full)
}

/// Goods flow supplier/port → FC → sortation → station → zone; FCs also
/// feed FCs, and stations may skip steps.
fn joinable(ck: &mut Checker, at: &At, from: &FacilityInfo, to: &FacilityInfo, same: bool) -> bool {
    use FacilityKind::*;
    if same {
        ck.err(at, "to", "a lane must join two different facilities");
        return false;
    }
    let (fk, tk) = (from.kind, to.kind);
    let allowed = match fk {
        // A supplier overseas ships to a port by sea (`ocean::check_lane`).
        Supplier => matches!(tk, FulfillmentCenter | Port),
        Port => tk == FulfillmentCenter,
        FulfillmentCenter => matches!(
            tk,
            FulfillmentCenter | SortationCenter | DeliveryStation | CustomerZone
        ),
        SortationCenter => matches!(tk, SortationCenter | DeliveryStation | CustomerZone),
        DeliveryStation => matches!(tk, DeliveryStation | CustomerZone),
        CustomerZone => false,
    };
    if !allowed {
        ck.err(
            at,
            "",
            format!("a lane cannot run from a {} to a {}", fk.name(), tk.name()),
        );
    }
    allowed
}

/// Most stops one vehicle on a lane makes in a real network: drones one
/// per sortie; a van or driver to a zone at most the stop limit (the
/// engine also keeps each round within the drivers' hours).
fn max_stops(mode: Mode, to: &FacilityInfo) -> Option<f64> {
    if mode == Mode::Drone {
        return Some(DRONE_PARCELS_PER_SORTIE as f64);
    }
    let van = matches!(
        mode,
        Mode::DieselVan | Mode::ElectricVan | Mode::Crowdsourced
    );
    (van && to.kind == FacilityKind::CustomerZone).then_some(VAN_MAX_STOPS as f64)
}

/// A lane's vehicles at `scale`: (share of a real vehicle each is, fleet
/// size). A lane runs as many vehicles as a real one, each carrying the
/// scale's share of a real load; drones cannot shrink below their one
/// parcel, so they stay whole and their fleet shrinks in number.
fn at_scale(l: &Lane, scale: f64) -> (f64, Option<u32>) {
    if l.mode != Mode::Drone {
        return (scale, l.vehicles);
    }
    let fleet = l
        .vehicles
        .map(|n| libm::round(n as f64 * scale).max(1.0) as u32);
    (1.0, fleet)
}

fn lane(
    s: &Scenario,
    ck: &mut Checker,
    at: &At,
    l: &Lane,
    (fi, ti): (usize, usize),
    facilities: &[FacilityInfo],
    (every_s, offset_s, when_full): (Option<SimTime>, SimTime, bool),
) -> LaneInfo {
    let d = l.mode.defaults();
    let (a, b) = (&facilities[fi], &facilities[ti]);
    let gc = haversine_km(
        LatLon {
            lat: a.lat,
            lon: a.lon,
        },
        LatLon {
            lat: b.lat,
            lon: b.lon,
        },
    );
    let distance_km = l.distance_km.unwrap_or(gc * s.circuity);
    let speed_kmh = l.speed_kmh.unwrap_or(d.speed_kmh);
    let transit_s = match l.transit_hours {
        Some(h) => hours(h),
        None if speed_kmh > 0.0 => hours(distance_km / speed_kmh),
        None => 0,
    };
    if l.mode == Mode::Drone {
        let range = l.range_km.unwrap_or(DRONE_RANGE_KM);
        if distance_km > range {
            let msg = format!("{distance_km:.1} km is beyond the drone range of {range} km");
            ck.err(at, "distance_km", msg);
        }
    }
    let co2 = match (l.co2e_kg_per_km, l.co2e_kg_per_tkm) {
        (Some(f), _) => Co2Basis::PerVehicleKm(f),
        (None, Some(f)) => Co2Basis::PerTonneKm(f),
        _ => d.co2,
    };
    let van = matches!(
        l.mode,
        Mode::DieselVan | Mode::ElectricVan | Mode::Crowdsourced
    );
    let default_stop = if van { VAN_STOP_MINUTES } else { 0.0 };
    let stop_s = crate::time::seconds(l.stop_minutes.unwrap_or(default_stop) * 60.0);
    let hourly_availability = l
        .hourly_availability
        .as_deref()
        .and_then(|h| <[f64; 24]>::try_from(h).ok());
    let (share, vehicles) = at_scale(l, s.scale);
    let (fit_kg, fit_m3) = (
        l.capacity_kg.unwrap_or(d.capacity_kg),
        l.capacity_m3.unwrap_or(d.capacity_m3),
    );
    LaneInfo {
        from: fi,
        to: ti,
        mode: l.mode,
        distance_km,
        transit_s,
        speed_kmh,
        capacity_kg: fit_kg * share,
        capacity_m3: fit_m3 * share,
        fit_kg,
        fit_m3,
        share,
        tariff: Tariff {
            per_km: l.cost_per_km.unwrap_or(d.cost_per_km),
            per_hour: l.cost_per_hour.unwrap_or(d.cost_per_hour),
            per_unit: l.cost_per_unit.unwrap_or(d.cost_per_unit),
            per_tkm: l.cost_per_tkm.unwrap_or(d.cost_per_tkm),
        },
        dispatch: Departures {
            every_s,
            offset_s,
            when_full,
        },
        fleet: Fleet {
            vehicles,
            hourly_availability,
            stop_s,
            downtime_prob: l.downtime_prob.unwrap_or(0.0),
            max_stops: max_stops(l.mode, b),
        },
        co2,
        net_zero: d.net_zero,
        loss_rate: l.loss_rate.unwrap_or(0.0),
        customs: None,
        lez_charge: 0.0,
    }
}
