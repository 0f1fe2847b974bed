//! Purpose-built small networks for the validation tests.

#![allow(dead_code)]

use serde_json::{Value, json};
use supply_sim::{Engine, Report, Scenario, SimTime, time::DAY, validate};

/// One supplier → one FC → one customer zone, single SKU, Poisson demand
/// (flat over hours and weekdays), daily periods. `policy` is the FC's rule
/// object; `lead_days` the supplier→FC transit.
pub fn single_echelon(
    orders_per_day: f64,
    lead_days: f64,
    policy: Value,
    forecast: Option<Value>,
) -> Value {
    let mut p = json!({"facility": "fc", "source": "sup", "rule": policy});
    if let Some(f) = forecast {
        p["forecast"] = f;
    }
    json!({
        "version": 1,
        "name": "single echelon",
        "period_hours": 24,
        "warmup_days": 30,
        "stockout": "backorder",
        "products": [{"id": "a", "weight_kg": 1.0, "volume_m3": 0.001, "value": 10.0}],
        "facilities": [
            {"id": "sup", "name": "Supplier", "kind": "supplier", "lat": 52.0, "lon": -1.0},
            {"id": "fc", "name": "FC", "kind": "fulfillment_center", "lat": 52.1, "lon": -1.0, "capacity_per_hour": 100000},
            {"id": "z", "name": "Zone", "kind": "customer_zone", "lat": 52.2, "lon": -1.0, "radius_km": 5, "promise": "next_day"}
        ],
        "lanes": [
            {"from": "sup", "to": "fc", "mode": "diesel_hgv", "transit_hours": lead_days * 24.0},
            {"from": "fc", "to": "z", "mode": "diesel_van", "transit_hours": 1, "dispatch": {"every_hours": 1}}
        ],
        "demand": [{"zone": "z", "orders_per_day": orders_per_day, "distribution": {"type": "poisson"}, "sku_mix": {"type": "uniform"}}],
        "policies": [p]
    })
}

pub fn engine(v: &Value, seed: u64) -> Engine {
    let s =
        Scenario::from_json(&v.to_string()).unwrap_or_else(|p| panic!("bad test scenario: {p:?}"));
    let net = validate(&s).unwrap_or_else(|p| panic!("invalid test scenario: {p:#?}"));
    Engine::new(net, seed)
}

pub fn run(v: &Value, seed: u64, days: u64) -> Report {
    let mut e = engine(v, seed);
    e.run_until(days as SimTime * DAY);
    e.report()
}

/// A serial chain: supplier → dc → fc → customer zone, one SKU, Poisson
/// demand flat over hours and weekdays, daily reviews, `lead_days` on each
/// lane, base-stock policies (the plan replaces them).
pub fn two_stage_chain(orders_per_day: f64, lead_days: f64) -> Value {
    json!({
        "version": 1,
        "name": "two-stage chain",
        "period_hours": 24,
        "warmup_days": 20,
        "stockout": "backorder",
        "products": [{"id": "a", "weight_kg": 1.0, "volume_m3": 0.001, "value": 10.0,
                      "holding_rate": 0.365, "backorder_cost_per_unit_day": 0.19}],
        "facilities": [
            {"id": "sup", "name": "Supplier", "kind": "supplier", "lat": 52.0, "lon": -1.0},
            {"id": "dc", "name": "DC", "kind": "fulfillment_center", "lat": 52.05, "lon": -1.0, "capacity_per_hour": 100000},
            {"id": "fc", "name": "FC", "kind": "fulfillment_center", "lat": 52.1, "lon": -1.0, "capacity_per_hour": 100000},
            {"id": "z", "name": "Zone", "kind": "customer_zone", "lat": 52.2, "lon": -1.0, "radius_km": 5, "promise": "next_day"}
        ],
        "lanes": [
            {"from": "sup", "to": "dc", "mode": "diesel_hgv", "transit_hours": lead_days * 24.0},
            {"from": "dc", "to": "fc", "mode": "diesel_hgv", "transit_hours": lead_days * 24.0},
            {"from": "fc", "to": "z", "mode": "diesel_van", "transit_hours": 1, "dispatch": {"every_hours": 1}}
        ],
        "demand": [{"zone": "z", "orders_per_day": orders_per_day, "distribution": {"type": "poisson"}, "sku_mix": {"type": "uniform"}}],
        "policies": [
            {"facility": "dc", "source": "sup", "rule": {"type": "base_stock", "z": 1.0}},
            {"facility": "fc", "source": "dc", "rule": {"type": "base_stock", "z": 1.0}}
        ]
    })
}
