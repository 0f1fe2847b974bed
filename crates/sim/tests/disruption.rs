//! Disruptions: an outage stops a facility and on-time recovers after it,
//! a supplier failure empties the shelves, bad weather slows the vans, and
//! a bad disruption is refused by name.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use serde_json::{Value, json};
use supply_sim::{Scenario, validate};

/// One supplier → FC → zone, 400 orders a day, measured from day 30.
fn base() -> Value {
    single_echelon(400.0, 1.0, json!({"type": "base_stock", "z": 2.0}), None)
}

fn with(mut v: Value, d: Value) -> Value {
    v["disruptions"] = json!([d]);
    v
}

#[test]
fn an_fc_outage_makes_orders_late_and_on_time_recovers_after_it() {
    let calm = run(&base(), 3, 44);
    let out = with(
        base(),
        json!({"type": "outage", "facility": "fc", "start_day": 35, "days": 3}),
    );
    let r = run(&out, 3, 44);
    assert!(calm.disruptions.is_empty());
    let d = &r.disruptions[0];
    assert_eq!(d.what, "outage at fc");
    assert_eq!((d.start_day, d.end_day), (35.0, 38.0));
    let before = d.on_time_before.unwrap();
    assert!(before > 0.95, "before {before}");
    assert!(d.worst_on_time.unwrap() < before - 0.3, "{d:?}");
    let days = d.days_to_recover.expect("recovered within the run");
    assert!(days <= 3.0, "{d:?}");
    assert!(r.service.on_time_rate < calm.service.on_time_rate - 0.03);
}

#[test]
fn a_supplier_failure_empties_the_shelves() {
    let calm = run(&base(), 3, 44);
    let failed = with(
        base(),
        json!({"type": "outage", "facility": "sup", "start_day": 32, "days": 5}),
    );
    let r = run(&failed, 3, 44);
    assert!(
        r.service.fill_rate < calm.service.fill_rate - 0.1,
        "fill {} against {}",
        r.service.fill_rate,
        calm.service.fill_rate
    );
}

#[test]
fn bad_weather_slows_the_vans() {
    let calm = run(&base(), 3, 40);
    let storm = with(
        base(),
        json!({"type": "weather", "start_day": 30, "days": 10, "road_speed": 0.5}),
    );
    let r = run(&storm, 3, 40);
    let (a, b) = (calm.service.mean_lead_time_h, r.service.mean_lead_time_h);
    // The van's hour out (and its round) take twice as long.
    assert!(b > a + 0.5, "lead time {a:.2} h → {b:.2} h");
}

#[test]
fn a_storm_grounds_the_drones() {
    let mut v = base();
    v["lanes"][1]["mode"] = json!("drone");
    v["lanes"][1]["distance_km"] = json!(5);
    let calm = run(&v, 3, 33);
    let r = run(
        &with(v, json!({"type": "weather", "start_day": 30, "days": 1})),
        3,
        33,
    );
    // A day's parcels wait for the storm to pass, half a day on average: a
    // third of the three measured days' orders, so about 4 hours on the mean.
    let (a, b) = (calm.service.mean_lead_time_h, r.service.mean_lead_time_h);
    assert!(
        (a + 3.0..a + 6.0).contains(&b),
        "lead time {a:.2} h → {b:.2} h"
    );
}

#[test]
fn bad_disruptions_are_named_and_refused() {
    let bad = json!([
        {"type": "outage", "facility": "nowhere", "start_day": 1, "days": 1},
        {"type": "weather", "start_day": -1, "days": 0, "road_speed": 0}
    ]);
    let mut v = base();
    v["disruptions"] = bad;
    let s = Scenario::from_json(&v.to_string()).unwrap();
    let problems = validate(&s).unwrap_err();
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    for want in [
        "disruptions[0].facility",
        "disruptions[1].start_day",
        "disruptions[1].days",
        "disruptions[1].road_speed",
    ] {
        assert!(paths.contains(&want), "{want} missing from {paths:?}");
    }
}
