//! Vehicles obey physics: no parcel rides a vehicle it does not fit, drones
//! fly one parcel per sortie within their range, and lanes that share a hop
//! share its work.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use serde_json::{Value, json};
use supply_sim::emissions::Mode;

/// One FC serving one zone 5 km away; `lanes` replace the FC → zone lane.
fn last_mile(weight_kg: f64, lanes: Value) -> Value {
    let mut v = single_echelon(
        200.0,
        1.0,
        json!({"type": "base_stock", "level": 50000}),
        None,
    );
    v["products"][0]["weight_kg"] = json!(weight_kg);
    v["facilities"][2]["lat"] = json!(52.145);
    let inbound = v["lanes"][0].clone();
    let mut all = vec![inbound];
    all.extend(lanes.as_array().unwrap().iter().cloned());
    v["lanes"] = json!(all);
    v
}

fn drone() -> Value {
    json!({"from": "fc", "to": "z", "mode": "drone", "distance_km": 5, "dispatch": {"every_hours": 1, "when_full": true}})
}

#[test]
fn a_parcel_that_fits_no_vehicle_is_never_loaded() {
    // A 9 kg parcel and a 2.5 kg-payload drone: nothing flies it.
    let r = run(&last_mile(9.0, json!([drone()])), 1, 3);
    assert_eq!(r.orders.delivered, 0);
    assert_eq!(r.lanes[1].trips, 0);
    assert!(r.orders.unshippable > 500, "{}", r.orders.unshippable);
    assert!(r.conservation.balanced());
    // With a van on the same hop, the van takes it.
    let van = json!({"from": "fc", "to": "z", "mode": "diesel_van", "transit_hours": 1, "dispatch": {"every_hours": 1}});
    let r = run(&last_mile(9.0, json!([drone(), van])), 1, 3);
    assert_eq!(r.orders.unshippable, 0);
    assert_eq!(r.lanes[1].trips, 0, "the drone never carries it");
    assert!(r.orders.delivered > 400, "{:?} {:?}", r.orders, r.lanes);
}

#[test]
fn drones_fly_one_parcel_per_sortie_out_and_back() {
    let r = run(&last_mile(1.0, json!([drone()])), 1, 3);
    let d = &r.lanes[1];
    assert!(d.trips > 400);
    assert_eq!(d.trips, d.units, "one parcel per sortie");
    // 5 km out and 5 back, within a 15 km one-way range.
    assert!(
        (d.km / d.trips as f64 - 10.0).abs() < 1e-9,
        "{} km/trip",
        d.km / d.trips as f64
    );
}

#[test]
fn lanes_that_share_a_hop_share_its_work() {
    // One crowdsourced driver is the primary (faster); a diesel van lane
    // runs beside it. The driver alone cannot keep up with 200 parcels a day.
    let crowd = json!({"from": "fc", "to": "z", "mode": "crowdsourced", "vehicles": 1, "transit_hours": 0.5,
        "capacity_kg": 20, "dispatch": {"every_hours": 1, "when_full": true}});
    let van = json!({"from": "fc", "to": "z", "mode": "diesel_van", "transit_hours": 2, "dispatch": {"every_hours": 2}});
    let r = run(&last_mile(1.0, json!([crowd, van])), 1, 10);
    let (crowd, van) = (&r.lanes[1], &r.lanes[2]);
    assert!(
        crowd.trips > 0 && van.trips > 0,
        "crowd {} van {} {:?}",
        crowd.trips,
        van.trips,
        r.orders
    );
    assert!(
        r.service.p95_lead_time_h < 24.0,
        "p95 {} h",
        r.service.p95_lead_time_h
    );
}

#[test]
fn a_van_round_keeps_to_a_stop_limit_and_the_drivers_hours() {
    // 400 parcels a day in a 15 km-radius zone, one van departure a day:
    // one van used to take them all (a round of about 15 hours).
    let van = json!({"from": "fc", "to": "z", "mode": "diesel_van", "transit_hours": 0.5,
        "dispatch": {"every_hours": 24}});
    let mut v = last_mile(1.0, json!([van]));
    v["demand"][0]["orders_per_day"] = json!(400);
    v["facilities"][2]["radius_km"] = json!(15);
    let mut e = engine(&v, 2);
    let mut longest = 0;
    for h in 1..=10 * 24 {
        e.run_until(h * 3600);
        for veh in e.frame().vehicles.iter().filter(|x| x.lane == 1) {
            // Out, the tour, and back.
            longest = longest.max(veh.arrive - veh.depart + 1800);
            assert!(veh.load_units <= 150, "{} stops", veh.load_units);
        }
    }
    assert!(longest > 3600, "vans were seen on the road");
    assert!(
        longest <= 11 * 3600,
        "a round of {:.1} h",
        longest as f64 / 3600.0
    );
    let r = e.report();
    assert!(r.lanes[1].trips >= 3 * 9, "{} trips", r.lanes[1].trips);
}

#[test]
fn a_van_shows_the_round_it_drives_from_its_station_and_back() {
    let uk: Value = serde_json::from_str(supply_sim::builtin::UK_NETWORK).unwrap();
    let mut e = engine(&uk, 42);
    e.run_until(2 * supply_sim::time::DAY + 12 * 3600);
    let net = e.network().clone();
    let vans: Vec<_> = e
        .frame()
        .vehicles
        .into_iter()
        .filter(|v| matches!(v.mode, Mode::DieselVan | Mode::ElectricVan))
        .collect();
    assert!(vans.len() > 20, "{} vans on the road", vans.len());
    let (mut drawn, mut charged) = (0.0, 0.0);
    for v in vans.iter().take(20) {
        let r = e
            .van_round(v.lane, v.depart)
            .expect("a van to a zone has a round");
        let station = &net.facilities[v.from as usize];
        let ends = [r.path[0], *r.path.last().unwrap()];
        for (lat, lon) in ends {
            assert!((lat - station.lat).abs() < 1e-9 && (lon - station.lon).abs() < 1e-9);
        }
        assert_eq!(r.path.len(), r.stops + 2, "one round through every stop");
        assert!((60..=150).contains(&r.stops), "{} stops", r.stops);
        drawn += r.km;
        charged += r.charged_km;
    }
    // One drawn round is one district of many; on average they agree with
    // what the engine charges.
    let gap = (drawn - charged).abs() / charged;
    assert!(
        gap < 0.2,
        "drawn {drawn:.1} km, charged {charged:.1} km over 20 vans"
    );
    // Linehaul has no round.
    let hgv = e
        .frame()
        .vehicles
        .into_iter()
        .find(|v| v.mode == Mode::DieselHgv);
    if let Some(h) = hgv {
        assert!(e.van_round(h.lane, h.depart).is_none());
    }
}
