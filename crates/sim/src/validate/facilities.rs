//! Facilities: position, capacity and automation, shifts, and the fields of
//! each kind (supplier production, port vessels, zone radius and promise).

use super::check::{At, Checker};
use crate::defaults;
use crate::network::{Crew, FacilityInfo, PortInfo, SupplyInfo, ZoneInfo};
use crate::problem::Subject;
use crate::scenario::{Facility, FacilityKind, Scenario};
use crate::time::{DAY, HOUR, SimTime, hours};
use std::collections::BTreeSet;

fn is_server(kind: FacilityKind) -> bool {
    matches!(
        kind,
        FacilityKind::FulfillmentCenter
            | FacilityKind::SortationCenter
            | FacilityKind::DeliveryStation
    )
}

pub(super) fn build(s: &Scenario, ck: &mut Checker) -> Vec<FacilityInfo> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::with_capacity(s.facilities.len());
    for (i, f) in s.facilities.iter().enumerate() {
        let at = At::new(Subject::Facility(i), f.name.clone());
        if f.id.is_empty() {
            ck.err(&at, "id", "must not be empty");
        } else if !seen.insert(f.id.as_str()) {
            ck.err(&at, "id", format!("duplicate facility id {:?}", f.id));
        }
        if !(f.lat.is_finite() && (-90.0..=90.0).contains(&f.lat)) {
            ck.err(&at, "lat", format!("must be in [-90, 90], got {}", f.lat));
        }
        if !(f.lon.is_finite() && (-180.0..=180.0).contains(&f.lon)) {
            ck.err(&at, "lon", format!("must be in [-180, 180], got {}", f.lon));
        }
        out.push(facility(ck, &at, f, s.scale));
    }
    out
}

/// Facility `f` compiled at `scale` (capacities, staff and fixed costs
/// multiplied by it).
fn facility(ck: &mut Checker, at: &At, f: &Facility, scale: f64) -> FacilityInfo {
    let (rate_per_s, handling, labour) = work(ck, at, f);
    let rate_per_s = rate_per_s * scale;
    let rostered = shifts(ck, at, f);
    let shifts: Vec<_> = rostered.iter().map(|&(a, b, _)| (a, b)).collect();
    let crew = crew(ck, at, f, (rate_per_s, labour, scale), &rostered);
    let production_per_s = supplier(ck, at, f) * scale;
    let vessel_interval_s = port(ck, at, f);
    let radius_km = zone(ck, at, f);
    FacilityInfo {
        id: f.id.clone(),
        name: f.name.clone(),
        kind: f.kind,
        country: f.country.clone().unwrap_or_default(),
        lat: f.lat,
        lon: f.lon,
        rate_per_s,
        shifts,
        handling_cost_per_unit: handling,
        labour_hours_per_unit: labour,
        crew,
        supply: SupplyInfo {
            production_per_s,
            lead_time_s: hours(f.lead_time_hours.unwrap_or(0.0)),
            vmi: f.vmi,
        },
        port: PortInfo {
            vessel_interval_s,
            eta_sd_s: f.eta_sd_hours.unwrap_or(0.0).max(0.0) * HOUR as f64,
            dwell_s: hours(f.dwell_hours.unwrap_or(0.0)),
            voyage: None,
            eta_updates_s: f.eta_updates_hours.map(|h| hours(h).max(60)),
        },
        zone: ZoneInfo {
            population: f.population.unwrap_or(0),
            radius_km,
            promise: f.promise,
        },
    }
}

/// Server rate (units or parcels per second), handling GBP and labour hours per unit.
fn work(ck: &mut Checker, at: &At, f: &Facility) -> (f64, f64, f64) {
    let kind = f.kind;
    let mut rate_per_s = 0.0;
    let (mut handling, mut labour) = defaults::crossdock(kind);
    if is_server(kind) {
        match f.capacity_per_hour {
            None => ck.err(
                at,
                "capacity_per_hour",
                format!("required for a {}", kind.name()),
            ),
            Some(c) => {
                if ck.pos(at, "capacity_per_hour", c) {
                    rate_per_s = c / HOUR as f64;
                }
            }
        }
    }
    if kind == FacilityKind::FulfillmentCenter {
        let (mult, h, l) = defaults::automation(f.automation.unwrap_or_default());
        rate_per_s *= mult;
        handling = h;
        labour = l;
    } else if f.automation.is_some() {
        ck.err(
            at,
            "automation",
            "only fulfillment centers have an automation level",
        );
    }
    if let Some(h) = f.handling_cost_per_unit
        && ck.nonneg(at, "handling_cost_per_unit", h)
    {
        handling = h;
    }
    if let Some(l) = f.labour_hours_per_unit
        && ck.nonneg(at, "labour_hours_per_unit", l)
    {
        labour = l;
    }
    (rate_per_s, handling, labour)
}

/// Who works facility `f` at `rate_per_s` and `labour` hours per unit, on
/// the `rostered` windows (none: 24 h), and its fixed cost.
fn crew(
    ck: &mut Checker,
    at: &At,
    f: &Facility,
    (rate_per_s, labour, scale): (f64, f64, f64),
    rostered: &[(SimTime, SimTime, Option<u32>)],
) -> Crew {
    if !is_server(f.kind) {
        for (name, v) in [
            ("absence_rate", f.absence_rate),
            ("fixed_cost_per_day", f.fixed_cost_per_day),
        ] {
            if v.is_some() {
                ck.err(
                    at,
                    name,
                    "only FCs, sortation centers and delivery stations have staff and fixed costs",
                );
            }
        }
        return Crew {
            full_rate: true,
            ..Crew::default()
        };
    }
    // Heads are the whole network's (whole people); at scale each does
    // the scale's share of a head's work, and is paid that share.
    let real_rate_per_h = rate_per_s / scale * HOUR as f64;
    // Enough heads to run at the design rate (none if the work takes no labour).
    let needed = libm::ceil(real_rate_per_h * labour - 1e-9).max(0.0) as u32;
    let heads: Vec<u32> = if rostered.is_empty() {
        vec![needed]
    } else {
        rostered.iter().map(|w| w.2.unwrap_or(needed)).collect()
    };
    let absence = f.absence_rate.unwrap_or(0.0);
    if !(absence.is_finite() && (0.0..=defaults::MAX_ABSENCE_RATE).contains(&absence)) {
        let max = defaults::MAX_ABSENCE_RATE;
        ck.err(
            at,
            "absence_rate",
            format!("must be in [0, {max}], got {absence}"),
        );
    }
    let per_head_per_s = if labour > 0.0 {
        scale / (labour * HOUR as f64)
    } else {
        0.0
    };
    let staffed = |h: u32| per_head_per_s == 0.0 || h as f64 * per_head_per_s >= rate_per_s;
    let capacity = f.capacity_per_hour.unwrap_or(0.0).max(0.0) * scale;
    let fixed = defaults::fixed_cost_per_day(f.kind, f.automation.unwrap_or_default(), capacity);
    ck.opt_nonneg(at, "fixed_cost_per_day", f.fixed_cost_per_day);
    Crew {
        full_rate: absence == 0.0 && heads.iter().all(|&h| staffed(h)),
        heads,
        per_head_per_s,
        paid_share: scale,
        absence,
        fixed_cost_per_day: f.fixed_cost_per_day.map_or(fixed, |c| c * scale),
    }
}

/// Working windows within a day, seconds, sorted, with the heads each
/// rosters; empty = 24 h.
fn shifts(ck: &mut Checker, at: &At, f: &Facility) -> Vec<(SimTime, SimTime, Option<u32>)> {
    let mut out = Vec::new();
    let Some(sh) = &f.shifts else { return out };
    if !is_server(f.kind) {
        ck.err(
            at,
            "shifts",
            "only FCs, sortation centers and delivery stations have shifts",
        );
    }
    if sh.is_empty() {
        ck.err(at, "shifts", "must list at least one shift (omit for 24 h)");
    }
    for (k, w) in sh.iter().enumerate() {
        let ok = w.start_hour.is_finite()
            && w.end_hour.is_finite()
            && 0.0 <= w.start_hour
            && w.start_hour < w.end_hour
            && w.end_hour <= 24.0;
        if w.heads == Some(0) {
            let msg = "needs at least 1 head (remove the shift to close it)";
            ck.err(at, &format!("shifts[{k}].heads"), msg);
        }
        if ok {
            out.push((hours(w.start_hour), hours(w.end_hour), w.heads));
        } else {
            ck.err(
                at,
                &format!("shifts[{k}]"),
                "needs 0 <= start_hour < end_hour <= 24",
            );
        }
    }
    out.sort();
    if out.windows(2).any(|w| w[1].0 < w[0].1) {
        ck.err(at, "shifts", "shifts overlap");
    }
    out
}

/// Supplier fields; returns the production rate, units per second (0 = unlimited).
fn supplier(ck: &mut Checker, at: &At, f: &Facility) -> f64 {
    let mut production_per_s = 0.0;
    if let Some(p) = f.production_per_day {
        if f.kind != FacilityKind::Supplier {
            ck.err(
                at,
                "production_per_day",
                "only suppliers have a production rate",
            );
        } else if ck.pos(at, "production_per_day", p) {
            production_per_s = p / DAY as f64;
        }
    }
    ck.opt_nonneg(at, "lead_time_hours", f.lead_time_hours);
    if f.vmi && f.kind != FacilityKind::Supplier {
        ck.err(at, "vmi", "only suppliers run vendor-managed inventory");
    }
    production_per_s
}

/// Port fields; returns the vessel interval, seconds.
fn port(ck: &mut Checker, at: &At, f: &Facility) -> SimTime {
    let mut interval_s = 0;
    if f.kind == FacilityKind::Port {
        match f.vessel_interval_hours {
            None => ck.err(at, "vessel_interval_hours", "required for a port"),
            Some(v) => {
                if ck.pos(at, "vessel_interval_hours", v) {
                    interval_s = hours(v).max(1);
                }
            }
        }
    } else {
        for (name, v) in [
            ("vessel_interval_hours", f.vessel_interval_hours),
            ("eta_sd_hours", f.eta_sd_hours),
            ("dwell_hours", f.dwell_hours),
            ("eta_updates_hours", f.eta_updates_hours),
        ] {
            if v.is_some() {
                ck.err(at, name, "only ports have vessels");
            }
        }
    }
    ck.opt_nonneg(at, "eta_sd_hours", f.eta_sd_hours);
    ck.opt_nonneg(at, "dwell_hours", f.dwell_hours);
    if let Some(u) = f.eta_updates_hours {
        ck.pos(at, "eta_updates_hours", u);
    }
    interval_s
}

/// Customer-zone fields; returns the radius, km.
fn zone(ck: &mut Checker, at: &At, f: &Facility) -> f64 {
    if f.kind != FacilityKind::CustomerZone {
        return 0.0;
    }
    let mut radius_km = 0.0;
    match f.radius_km {
        None => ck.err(at, "radius_km", "required for a customer zone"),
        Some(r) => {
            if ck.pos(at, "radius_km", r) {
                radius_km = r;
            }
        }
    }
    if f.promise.is_none() {
        ck.err(
            at,
            "promise",
            "required for a customer zone (same_day, next_day or two_day)",
        );
    }
    radius_km
}
