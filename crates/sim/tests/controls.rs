//! The UI's controls: the demand slider applies from the current time on,
//! and the FC assignment rule changes which FC serves a zone.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use serde_json::json;
use supply_sim::time::DAY;

#[test]
fn demand_multiplier_hot_applies_from_now_on() {
    let v = single_echelon(
        200.0,
        1.0,
        json!({"type": "base_stock", "level": 5000}),
        None,
    );
    let mut base = engine(&v, 4);
    let mut doubled = engine(&v, 4);
    base.run_until(10 * DAY);
    doubled.run_until(10 * DAY);
    // Identical so far.
    assert_eq!(base.kpis(), doubled.kpis());
    let first_10 = base.kpis().orders_placed as f64;
    doubled.set_demand_multiplier(2.0);
    base.run_until(40 * DAY);
    doubled.run_until(40 * DAY);
    let before = base.kpis().orders_placed as f64;
    let after = doubled.kpis().orders_placed as f64;
    // 30 days at 200/day vs 400/day on top of the same first 10 days.
    let ratio = (after - first_10) / (before - first_10);
    // About 6,000 vs 12,000 orders: relative standard error of the ratio ≈ 1.6 %.
    assert!((ratio - 2.0).abs() < 0.1, "ratio {ratio}");
}

#[test]
fn assignment_rule_picks_nearest_or_fastest_fc() {
    // Two FCs: "near" is close to the zone but has a slow lane; "far" is far
    // with a fast one.
    let scenario = |rule: &str| {
        json!({
            "version": 1, "name": "assign", "assignment": rule,
            "products": [{"id": "a", "weight_kg": 1, "volume_m3": 0.001, "value": 1}],
            "facilities": [
                {"id": "s", "name": "S", "kind": "supplier", "lat": 52, "lon": -1},
                {"id": "near", "name": "Near", "kind": "fulfillment_center", "lat": 52.0, "lon": -1.0, "capacity_per_hour": 1000},
                {"id": "far", "name": "Far", "kind": "fulfillment_center", "lat": 53.0, "lon": -1.0, "capacity_per_hour": 1000},
                {"id": "z", "name": "Z", "kind": "customer_zone", "lat": 52.05, "lon": -1.0, "radius_km": 3, "promise": "next_day"}
            ],
            "lanes": [
                {"from": "s", "to": "near", "mode": "diesel_hgv"},
                {"from": "s", "to": "far", "mode": "diesel_hgv"},
                {"from": "near", "to": "z", "mode": "diesel_van", "transit_hours": 20, "dispatch": {"every_hours": 1}},
                {"from": "far", "to": "z", "mode": "diesel_van", "transit_hours": 2, "dispatch": {"every_hours": 1}}
            ],
            "demand": [{"zone": "z", "orders_per_day": 100, "distribution": {"type": "poisson"}, "sku_mix": {"type": "uniform"}}],
            "policies": [
                {"facility": "near", "source": "s", "rule": {"type": "base_stock", "level": 10000}},
                {"facility": "far", "source": "s", "rule": {"type": "base_stock", "level": 10000}}
            ]
        })
    };
    let served = |rule: &str| {
        let r = run(&scenario(rule), 1, 5);
        (r.facilities[1].arrivals, r.facilities[2].arrivals)
    };
    let (near, far) = served("nearest_with_stock");
    assert!(near > 0 && far == 0, "nearest: {near} {far}");
    let (near, far) = served("fastest_with_stock");
    assert!(near == 0 && far > 0, "fastest: {near} {far}");
}
