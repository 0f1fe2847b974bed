//! Edits a person makes on the map, as plain functions on the [`Scenario`].
//!
//! A new facility gets sensible defaults and is wired into the network the way
//! goods flow: supplier/port → fulfillment center → sortation center →
//! delivery station → customer zone. The person can change every lane after.

use crate::labels::kind_label;
use supply_sim::emissions::Mode;
use supply_sim::geo::{LatLon, haversine_km};
use supply_sim::scenario::{
    Automation, Demand, Distribution, Facility, FacilityKind, Lane, Promise, Scenario, SkuMix,
};

/// Every kind, in the order the palette shows them (the flow of goods).
pub const KINDS: [FacilityKind; 6] = [
    FacilityKind::Supplier,
    FacilityKind::Port,
    FacilityKind::FulfillmentCenter,
    FacilityKind::SortationCenter,
    FacilityKind::DeliveryStation,
    FacilityKind::CustomerZone,
];

/// The palette's test id suffix: `fulfillment_center` → `fulfillment-center`.
pub fn kind_slug(kind: FacilityKind) -> String {
    kind.name().replace('_', "-")
}

fn at(f: &Facility) -> LatLon {
    LatLon {
        lat: f.lat,
        lon: f.lon,
    }
}

/// Ids of facilities of `kinds`, nearest first, excluding `except`.
fn nearest(s: &Scenario, from: LatLon, kinds: &[FacilityKind], except: &str) -> Vec<String> {
    let mut v: Vec<(f64, &str)> = s
        .facilities
        .iter()
        .filter(|f| kinds.contains(&f.kind) && f.id != except)
        .map(|f| (haversine_km(from, at(f)), f.id.as_str()))
        .collect();
    v.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(b.1)));
    v.into_iter().map(|(_, id)| id.to_owned()).collect()
}

fn unique_id(s: &Scenario, kind: FacilityKind) -> (String, usize) {
    let prefix = match kind {
        FacilityKind::Supplier => "sup",
        FacilityKind::Port => "port",
        FacilityKind::FulfillmentCenter => "fc",
        FacilityKind::SortationCenter => "sc",
        FacilityKind::DeliveryStation => "ds",
        FacilityKind::CustomerZone => "zone",
    };
    let count = s.facilities.iter().filter(|f| f.kind == kind).count();
    (1..)
        .map(|n| (format!("{prefix}-new-{n}"), count + n))
        .find(|(id, _)| s.facilities.iter().all(|f| &f.id != id))
        .unwrap_or_else(|| (format!("{prefix}-new"), count + 1))
}

/// Add a facility with defaults and automatic connections; returns its id.
pub fn add_facility(s: &mut Scenario, kind: FacilityKind, lat: f64, lon: f64) -> String {
    use FacilityKind::*;
    let (id, n) = unique_id(s, kind);
    let mut f = Facility::new(
        id.clone(),
        format!("New {} {n}", kind_label(kind).to_lowercase()),
        kind,
        lat,
        lon,
    );
    match kind {
        Supplier => f.lead_time_hours = Some(48.0),
        Port => {
            f.vessel_interval_hours = Some(168.0);
            f.eta_sd_hours = Some(12.0);
            f.dwell_hours = Some(24.0);
        }
        FulfillmentCenter => {
            f.capacity_per_hour = Some(1500.0);
            f.automation = Some(Automation::Mechanised);
        }
        SortationCenter => f.capacity_per_hour = Some(4000.0),
        DeliveryStation => f.capacity_per_hour = Some(1200.0),
        CustomerZone => {
            f.radius_km = Some(12.0);
            f.promise = Some(Promise::NextDay);
            f.population = Some(250_000);
        }
    }
    let here = LatLon { lat, lon };
    let near = |s: &Scenario, kinds: &[FacilityKind], k: usize| {
        nearest(s, here, kinds, &id)
            .into_iter()
            .take(k)
            .collect::<Vec<_>>()
    };
    let mut lanes = Vec::new();
    match kind {
        Supplier | Port => {
            for fc in near(s, &[FulfillmentCenter], 2) {
                lanes.push(Lane::new(&id, &fc, Mode::ElectricHgv));
            }
        }
        FulfillmentCenter => {
            for src in near(s, &[Supplier, Port], 1) {
                lanes.push(Lane::new(&src, &id, Mode::ElectricHgv));
            }
            for sc in near(s, &[SortationCenter], 2) {
                lanes.push(Lane::new(&id, &sc, Mode::ElectricHgv));
            }
            copy_policies_from_nearest_fc(s, &id, here);
        }
        SortationCenter => {
            for fc in near(s, &[FulfillmentCenter], 2) {
                lanes.push(Lane::new(&fc, &id, Mode::ElectricHgv));
            }
            for ds in near(s, &[DeliveryStation], 3) {
                lanes.push(Lane::new(&id, &ds, Mode::ElectricHgv));
            }
        }
        DeliveryStation => {
            for sc in near(s, &[SortationCenter], 1) {
                lanes.push(Lane::new(&sc, &id, Mode::ElectricHgv));
            }
            // Serve the zones closer to this station than to any other.
            for z in s.facilities.iter().filter(|z| z.kind == CustomerZone) {
                let d_new = haversine_km(here, at(z));
                let best_other = nearest(s, at(z), &[DeliveryStation], &id)
                    .first()
                    .and_then(|o| s.facilities.iter().find(|f| &f.id == o))
                    .map(|o| haversine_km(at(o), at(z)))
                    .unwrap_or(f64::MAX);
                if d_new <= best_other || d_new < 15.0 {
                    lanes.push(Lane::new(&id, &z.id, Mode::ElectricVan));
                }
            }
        }
        CustomerZone => {
            for ds in near(s, &[DeliveryStation], 1) {
                lanes.push(Lane::new(&ds, &id, Mode::ElectricVan));
            }
            s.demand.push(default_demand(s, &id));
        }
    }
    s.facilities.push(f);
    for l in lanes {
        let exists = s
            .lanes
            .iter()
            .any(|x| x.from == l.from && x.to == l.to && x.mode == l.mode);
        if !exists {
            s.lanes.push(l);
        }
    }
    id
}

/// A new zone orders like the existing ones (same SKU mix and patterns) at a
/// moderate rate.
fn default_demand(s: &Scenario, zone: &str) -> Demand {
    match s.demand.first() {
        Some(d) => Demand {
            zone: zone.to_owned(),
            orders_per_day: 300.0,
            events: Vec::new(),
            ..d.clone()
        },
        None => Demand {
            zone: zone.to_owned(),
            orders_per_day: 300.0,
            distribution: Distribution::Poisson,
            units_per_order: 1,
            sku_mix: SkuMix::Uniform,
            weekly: None,
            hourly: None,
            trend_per_year: 0.0,
            events: Vec::new(),
            multichannel_share: 0.0,
        },
    }
}

/// A new FC stocks what its nearest sibling stocks, with the same rules.
fn copy_policies_from_nearest_fc(s: &mut Scenario, id: &str, here: LatLon) {
    let Some(sibling) = nearest(s, here, &[FacilityKind::FulfillmentCenter], id)
        .into_iter()
        .next()
    else {
        return;
    };
    let copies: Vec<_> = s
        .policies
        .iter()
        .filter(|p| p.facility == sibling)
        .map(|p| {
            let mut p = p.clone();
            p.facility = id.to_owned();
            // Let the target level define the opening stock.
            p.initial_stock = None;
            p.initial_in_transit_per_period = 0.0;
            p
        })
        .collect();
    // The copied policies name their source; make sure a lane brings it here.
    for p in &copies {
        if !s.lanes.iter().any(|l| l.from == p.source && l.to == id) {
            s.lanes.push(Lane::new(&p.source, id, Mode::ElectricHgv));
        }
    }
    s.policies.extend(copies);
}

/// The mode a new lane gets: last mile by electric van, everything else by
/// electric HGV.
fn default_mode(to: FacilityKind) -> Mode {
    match to {
        FacilityKind::CustomerZone => Mode::ElectricVan,
        _ => Mode::ElectricHgv,
    }
}

/// Add a lane unless the same one exists; returns whether it was added.
pub fn connect(s: &mut Scenario, from: &str, to: &str) -> bool {
    let Some(kind) = s.facilities.iter().find(|f| f.id == to).map(|f| f.kind) else {
        return false;
    };
    let mode = default_mode(kind);
    if from == to
        || s.lanes
            .iter()
            .any(|l| l.from == from && l.to == to && l.mode == mode)
    {
        return false;
    }
    s.lanes.push(Lane::new(from, to, mode));
    true
}

/// Move a facility. Lanes touching it forget any fixed distance or transit
/// time so both are recomputed from the new position.
pub fn move_facility(s: &mut Scenario, id: &str, lat: f64, lon: f64) -> bool {
    let Some(f) = s.facilities.iter_mut().find(|f| f.id == id) else {
        return false;
    };
    f.lat = lat.clamp(-85.0, 85.0);
    f.lon = lon.clamp(-180.0, 180.0);
    for l in s.lanes.iter_mut().filter(|l| l.from == id || l.to == id) {
        l.distance_km = None;
        l.transit_hours = None;
    }
    true
}

/// Delete a facility with its lanes, demand and the policies at or from it.
pub fn delete_facility(s: &mut Scenario, id: &str) -> bool {
    let before = s.facilities.len();
    s.facilities.retain(|f| f.id != id);
    if s.facilities.len() == before {
        return false;
    }
    s.lanes.retain(|l| l.from != id && l.to != id);
    s.demand.retain(|d| d.zone != id);
    s.policies.retain(|p| p.facility != id && p.source != id);
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use supply_sim::validate;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn uk() -> Scenario {
        Scenario::from_json(supply_sim::builtin::UK_NETWORK).expect("uk-network parses")
    }

    #[test]
    fn every_new_kind_is_wired_in_and_still_valid() {
        for kind in KINDS {
            let mut s = uk();
            // Near Leeds.
            let id = add_facility(&mut s, kind, 53.80, -1.55);
            let lanes: Vec<_> = s
                .lanes
                .iter()
                .filter(|l| l.from == id || l.to == id)
                .collect();
            assert!(!lanes.is_empty(), "{kind:?} got no lanes");
            if let Err(p) = validate(&s) {
                panic!("{kind:?} made the scenario invalid: {p:?}");
            }
        }
    }

    #[test]
    fn a_new_delivery_station_is_fed_by_the_nearest_sortation_center_and_serves_nearby_zones() {
        let mut s = uk();
        let id = add_facility(&mut s, FacilityKind::DeliveryStation, 53.80, -1.55);
        let inbound: Vec<_> = s.lanes.iter().filter(|l| l.to == id).collect();
        assert_eq!(inbound.len(), 1);
        let here = LatLon {
            lat: 53.80,
            lon: -1.55,
        };
        let nearest_sc = nearest(&s, here, &[FacilityKind::SortationCenter], &id);
        assert_eq!(inbound[0].from, nearest_sc[0]);
        let served: Vec<_> = s
            .lanes
            .iter()
            .filter(|l| l.from == id)
            .map(|l| l.to.clone())
            .collect();
        assert!(!served.is_empty());
        for z in &served {
            let zone = s.facilities.iter().find(|f| &f.id == z).unwrap();
            assert_eq!(zone.kind, FacilityKind::CustomerZone);
        }
    }

    #[test]
    fn a_new_zone_gets_demand_and_a_last_mile_lane() {
        let mut s = uk();
        let n = s.demand.len();
        let id = add_facility(&mut s, FacilityKind::CustomerZone, 52.63, 1.30);
        assert_eq!(s.demand.len(), n + 1);
        assert_eq!(s.demand.last().unwrap().zone, id);
        assert!(
            s.lanes
                .iter()
                .any(|l| l.to == id && l.mode == Mode::ElectricVan)
        );
    }

    #[test]
    fn moving_recomputes_distances_and_deleting_removes_every_reference() {
        let mut s = uk();
        let fc = s
            .facilities
            .iter()
            .find(|f| f.kind == FacilityKind::FulfillmentCenter)
            .unwrap()
            .id
            .clone();
        for l in s.lanes.iter_mut().filter(|l| l.from == fc) {
            l.distance_km = Some(999.0);
        }
        assert!(move_facility(&mut s, &fc, 52.0, -1.0));
        assert!(
            s.lanes
                .iter()
                .filter(|l| l.from == fc)
                .all(|l| l.distance_km.is_none())
        );
        assert!(delete_facility(&mut s, &fc));
        assert!(s.facilities.iter().all(|f| f.id != fc));
        assert!(s.lanes.iter().all(|l| l.from != fc && l.to != fc));
        assert!(
            s.policies
                .iter()
                .all(|p| p.facility != fc && p.source != fc)
        );
        assert!(!delete_facility(&mut s, &fc));
        assert!(validate(&s).is_ok(), "{:?}", validate(&s).err());
    }
}
