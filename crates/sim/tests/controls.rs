//! The UI's controls: the demand slider is recorded in the scenario and
//! replayed, and the FC assignment rule changes which FC serves a zone.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use serde_json::json;
use supply_sim::controls::{DemandSchedule, set_demand_from};
use supply_sim::time::{DAY, HOUR};
use supply_sim::{Engine, Scenario, builtin, validate};

#[test]
fn a_demand_control_applies_from_its_hour_on() {
    let mut v = single_echelon(
        200.0,
        1.0,
        json!({"type": "base_stock", "level": 5000}),
        None,
    );
    // Counts from day 0, to compare across day 10.
    v["warmup_days"] = json!(0);
    let mut doubled = v.clone();
    doubled["controls"] = json!([{"at_h": 240, "demand_multiplier": 2.0}]);
    let mut base = engine(&v, 4);
    let mut twice = engine(&doubled, 4);
    base.run_until(10 * DAY);
    twice.run_until(10 * DAY);
    // Identical so far.
    assert_eq!(base.kpis(), twice.kpis());
    let first_10 = base.kpis().orders_placed as f64;
    base.run_until(40 * DAY);
    twice.run_until(40 * DAY);
    let before = base.kpis().orders_placed as f64;
    let after = twice.kpis().orders_placed as f64;
    // 30 days at 200/day vs 400/day on top of the same first 10 days.
    let ratio = (after - first_10) / (before - first_10);
    // About 6,000 vs 12,000 orders: relative standard error of the ratio ≈ 1.6 %.
    assert!((ratio - 2.0).abs() < 0.1, "ratio {ratio}");
    let r = twice.report();
    assert_eq!(r.controls.len(), 1);
    assert_eq!(
        (r.controls[0].from_h, r.controls[0].demand_multiplier),
        (240.0, 2.0)
    );
}

/// What the page does when the person moves the slider: record the control
/// in the scenario at the engine's next undrawn hour and hot-apply it.
fn slide(e: &mut Engine, s: &mut Scenario, m: f64) {
    set_demand_from(&mut s.controls, e.next_draw_time(), m);
    e.set_demand_schedule(DemandSchedule::new(&s.controls));
}

#[test]
fn a_run_replayed_from_the_exported_scenario_equals_the_live_run() {
    let mut s = Scenario::from_json(builtin::UK_NETWORK).unwrap();
    let mut live = Engine::new(validate(&s).unwrap(), 7);
    // Stop mid-hour.
    live.run_until(30 * HOUR + 1234);
    slide(&mut live, &mut s, 2.0);
    // The UI steps by event budget: the clock stops wherever the budget ends.
    live.step_until(80 * HOUR, 300);
    assert!(live.now() < 80 * HOUR);
    slide(&mut live, &mut s, 0.5);
    live.run_until(200 * HOUR);
    assert_eq!(live.demand_multiplier(), 0.5);
    assert_eq!(s.controls.len(), 2);
    // Export, import, re-run from scratch.
    let exported = s.to_json_pretty();
    let back = Scenario::from_json(&exported).unwrap();
    let mut replay = Engine::new(validate(&back).unwrap(), 7);
    replay.run_until(200 * HOUR);
    assert_eq!(replay.kpis(), live.kpis());
    let (a, b) = (live.report(), replay.report());
    assert_eq!(
        serde_json::to_string(&a).unwrap(),
        serde_json::to_string(&b).unwrap()
    );
    // And the controls did something: more orders than without them in
    // hours 31–80, fewer after.
    let mut plain = Engine::new(
        validate(&Scenario::from_json(builtin::UK_NETWORK).unwrap()).unwrap(),
        7,
    );
    plain.run_until(200 * HOUR);
    assert_ne!(plain.kpis().orders_placed, live.kpis().orders_placed);
}

#[test]
fn controls_out_of_range_are_problems_of_that_control() {
    let mut v: serde_json::Value = serde_json::from_str(builtin::BEER_GAME).unwrap();
    v["controls"] =
        json!([{"at_h": -1, "demand_multiplier": 2}, {"at_h": 3, "demand_multiplier": 1e9}]);
    let s = Scenario::from_json(&v.to_string()).unwrap();
    let ps = validate(&s).unwrap_err();
    let paths: Vec<&str> = ps.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, ["controls[0].at_h", "controls[1].demand_multiplier"]);
    assert_eq!(ps[1].subject, Some(supply_sim::Subject::Control(1)));
}
#[test]
fn assignment_rule_picks_nearest_or_fastest_fc() {
    // "near" is close to the zone but has a slow lane; "far" is far with a
    // fast one (a one-day promise rules out neither).
    let v = |rule: &str| {
        let extra = json!({"assignment": rule});
        let mut v = two_fcs(53.0, ("diesel_van", 20.0), ("diesel_van", 2.0), extra);
        v["facilities"][3]["promise"] = json!("next_day");
        v
    };
    let (near, far) = served_by(&v("nearest_with_stock"));
    assert!(near > 0 && far == 0, "nearest: {near} {far}");
    let (near, far) = served_by(&v("fastest_with_stock"));
    assert!(near == 0 && far > 0, "fastest: {near} {far}");
}

#[test]
fn an_fc_that_cannot_pick_gets_no_orders_while_others_can_serve() {
    // FC Coalville at 1e-9 units an hour used to receive 51,848 orders in two
    // weeks (its share by distance) and ship none.
    let mut v: serde_json::Value = serde_json::from_str(builtin::UK_NETWORK).unwrap();
    for f in v["facilities"].as_array_mut().unwrap() {
        if f["id"] == "FC-COA" {
            f["capacity_per_hour"] = json!(1e-9);
        }
    }
    let r = run(&v, 7, 14);
    let coa = r.facilities.iter().find(|f| f.id == "FC-COA").unwrap();
    assert_eq!(coa.arrivals, 0);
    assert!(r.orders.delivered > 100_000, "{}", r.orders.delivered);
}

#[test]
fn weights_steer_the_fc_choice_among_those_that_meet_the_promise() {
    // Two FCs as far from the zone both meet a two-day promise: "near"
    // (first by the rule's order) by diesel van in 1 h, "far" by electric
    // van in 3 h. With no weights everything goes to the first; a CO2e
    // weight sends it to the electric route; a time weight to the quicker.
    let v = |w: serde_json::Value| {
        two_fcs(
            52.1,
            ("diesel_van", 1.0),
            ("electric_van", 3.0),
            json!({"assignment_weights": w}),
        )
    };
    let (near, far) = served_by(&v(json!({})));
    assert!(near > 0 && far == 0, "no weights: {near} {far}");
    let (near, far) = served_by(&v(json!({"co2e_kg": 10})));
    assert!(near == 0 && far > 0, "CO2e weight: {near} {far}");
    let (near, far) = served_by(&v(json!({"hours": 1, "co2e_kg": 0.001})));
    assert!(near > 0 && far == 0, "time weight: {near} {far}");
}

/// Two FCs serving one zone from one supplier: "near" (first by distance)
/// at `near_lat`, "far" at `far_lat`; `near_lane` and `far_lane` are their
/// lanes to the zone (mode, transit hours); `extra` is merged in.
fn two_fcs(
    far_lat: f64,
    near_lane: (&str, f64),
    far_lane: (&str, f64),
    extra: serde_json::Value,
) -> serde_json::Value {
    let mut v = json!({
        "version": 1, "name": "two FCs",
        "products": [{"id": "a", "weight_kg": 2, "volume_m3": 0.005, "value": 1}],
        "facilities": [
            {"id": "s", "name": "S", "kind": "supplier", "lat": 52, "lon": -1},
            {"id": "near", "name": "Near", "kind": "fulfillment_center", "lat": 52.0, "lon": -1.0, "capacity_per_hour": 1000},
            {"id": "far", "name": "Far", "kind": "fulfillment_center", "lat": far_lat, "lon": -1.0, "capacity_per_hour": 1000},
            {"id": "z", "name": "Z", "kind": "customer_zone", "lat": 52.05, "lon": -1.0, "radius_km": 3, "promise": "two_day"}
        ],
        "lanes": [
            {"from": "s", "to": "near", "mode": "diesel_hgv"},
            {"from": "s", "to": "far", "mode": "diesel_hgv"},
            {"from": "near", "to": "z", "mode": near_lane.0, "transit_hours": near_lane.1, "dispatch": {"every_hours": 1}},
            {"from": "far", "to": "z", "mode": far_lane.0, "transit_hours": far_lane.1, "dispatch": {"every_hours": 1}}
        ],
        "demand": [{"zone": "z", "orders_per_day": 100, "distribution": {"type": "poisson"}, "sku_mix": {"type": "uniform"}}],
        "policies": [
            {"facility": "near", "source": "s", "rule": {"type": "base_stock", "level": 10000}},
            {"facility": "far", "source": "s", "rule": {"type": "base_stock", "level": 10000}}
        ]
    });
    for (k, x) in extra.as_object().unwrap() {
        v[k] = x.clone();
    }
    v
}

/// Orders received by (near, far) over 5 days.
fn served_by(v: &serde_json::Value) -> (u64, u64) {
    let r = run(v, 1, 5);
    (r.facilities[1].arrivals, r.facilities[2].arrivals)
}
