//! Tracking: an order's trace, rebuilt by running the scenario again with
//! its seed, follows it from placement to delivery through its route; the
//! trace does not change the run; a vehicle lists the parcels it carries,
//! and tracing one of them finds it on that vehicle.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use serde_json::{Value, json};
use supply_sim::engine::{Loss, Step};
use supply_sim::{Engine, builtin, time::DAY, time::HOUR};

fn uk() -> Value {
    serde_json::from_str(builtin::UK_NETWORK).unwrap()
}

fn traced(v: &Value, order: u64, days: u64) -> Engine {
    let mut e = engine(v, 42);
    e.trace_order(order);
    e.run_until(days * DAY);
    e
}

#[test]
fn an_order_is_followed_from_placement_to_delivery_along_its_route() {
    let e = traced(&uk(), 1000, 4);
    let t = e.traced(1000);
    let steps: Vec<Step> = t.events.iter().map(|e| e.step).collect();
    assert!(matches!(steps[0], Step::Placed { .. }), "{steps:?}");
    assert!(matches!(steps[1], Step::Assigned { .. }), "{steps:?}");
    assert!(
        matches!(steps.last(), Some(Step::Delivered { .. })),
        "{steps:?}"
    );
    assert!(
        t.events.windows(2).all(|w| w[0].t <= w[1].t),
        "{:?}",
        t.events
    );
    // It rides one vehicle per hop: FC → sortation → station → zone.
    let departures = steps
        .iter()
        .filter(|s| matches!(s, Step::Departed { .. }))
        .count();
    assert_eq!(departures, t.path.len() - 1, "{:?}", t.path);
    let net = e.network();
    let kind = |f: usize| net.facilities[f].kind;
    use supply_sim::scenario::FacilityKind::*;
    assert_eq!(kind(t.path[0].0), FulfillmentCenter);
    assert_eq!(kind(t.path.last().unwrap().0), CustomerZone);
    assert_eq!(t.lines.len(), t.events.len());
    assert!(t.lines[0].contains("Placed in"), "{}", t.lines[0]);
}

#[test]
fn tracing_an_order_does_not_change_the_run() {
    let plain = run(&uk(), 42, 3);
    let e = traced(&uk(), 5000, 3);
    assert_eq!(
        serde_json::to_string(&e.report()).unwrap(),
        serde_json::to_string(&plain).unwrap()
    );
}

#[test]
fn a_vehicles_parcels_are_listed_and_each_traces_to_it() {
    let mut e = engine(&uk(), 42);
    e.run_until(DAY + 10 * HOUR);
    let f = e.frame();
    let v = f
        .vehicles
        .iter()
        .find(|v| !v.replenishment && !e.vehicle_parcels(v.lane, v.depart).is_empty())
        .expect("a parcel vehicle on the road");
    let parcels = e.vehicle_parcels(v.lane, v.depart);
    let order = parcels[0].order;
    let t = traced(&uk(), order, 2).traced(order);
    assert!(
        t.events.iter().any(|ev| ev.t == v.depart
            && ev.step
                == Step::Departed {
                    lane: v.lane as usize
                }),
        "order {order} is not traced onto lane {} at {}: {:?}",
        v.lane,
        v.depart,
        t.lines
    );
}

#[test]
fn a_lost_sale_ends_its_trace_at_once() {
    // No stock at all and lost sales: the first order is lost when placed.
    let mut v = single_echelon(200.0, 2.0, json!({"type": "base_stock", "level": 0}), None);
    v["stockout"] = json!("lost_sale");
    v["policies"][0]["initial_stock"] = json!(0);
    let t = traced(&v, 0, 1).traced(0);
    let steps: Vec<Step> = t.events.iter().map(|e| e.step).collect();
    assert_eq!(steps.len(), 3, "{steps:?}");
    assert_eq!(steps[2], Step::Lost { why: Loss::NoStock });
}

#[test]
fn an_order_not_placed_has_no_trace() {
    let e = traced(&uk(), 1_000_000_000, 1);
    assert!(e.traced(1_000_000_000).events.is_empty());
}
