//! Competition: a zone's demand grows with a faster promise and falls with
//! a slower one or with late deliveries, against the competitor's offer.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use serde_json::{Value, json};
use supply_sim::{Report, Scenario, builtin, validate};

/// The UK network with every zone on `promise` against a next-day
/// competitor that is on time 95 % of the time.
fn uk(promise: &str) -> Value {
    let mut v: Value = serde_json::from_str(builtin::UK_NETWORK).unwrap();
    for f in v["facilities"].as_array_mut().unwrap() {
        if f["kind"] == "customer_zone" {
            f["promise"] = json!(promise);
        }
    }
    v["competition"] = json!({"promise": "next_day", "on_time": 0.95});
    v
}

fn zone<'a>(r: &'a Report, id: &str) -> &'a supply_sim::view::competition::MarketZone {
    let c = r.competition.as_ref().unwrap();
    c.zones.iter().find(|z| z.id == id).unwrap()
}

#[test]
fn a_faster_promise_wins_demand_and_a_slower_one_loses_it() {
    let (slow, same, fast) = (
        run(&uk("two_day"), 3, 7),
        run(&uk("next_day"), 3, 7),
        run(&uk("same_day"), 3, 7),
    );
    assert!(
        slow.orders.placed < same.orders.placed,
        "{} {}",
        slow.orders.placed,
        same.orders.placed
    );
    assert!(
        same.orders.placed < fast.orders.placed,
        "{} {}",
        same.orders.placed,
        fast.orders.placed
    );
    // A day slower than the competitor, on time: about 1.45 % less demand.
    let z = zone(&slow, "Z-M");
    assert!(z.on_time > 0.9, "{z:?}");
    let lost = 1.0 - z.demand_multiplier;
    assert!((0.005..0.02).contains(&lost), "{z:?}");
    // The gain is about the cited size, not more.
    let gain = fast.orders.placed as f64 / slow.orders.placed as f64 - 1.0;
    assert!((0.01..0.05).contains(&gain), "{gain}");
}

#[test]
fn late_deliveries_lose_demand_against_the_same_promise() {
    let calm = run(&uk("next_day"), 3, 10);
    let mut v = uk("next_day");
    // Manchester's station shut for four days: its orders come late.
    v["disruptions"] = json!([{"type": "outage", "facility": "DS-MAN", "start_day": 3, "days": 4}]);
    let hit = run(&v, 3, 10);
    let (a, b) = (zone(&calm, "Z-M"), zone(&hit, "Z-M"));
    assert!(b.on_time < a.on_time - 0.2, "{a:?} {b:?}");
    assert!(
        b.demand_multiplier < a.demand_multiplier - 0.002,
        "{a:?} {b:?}"
    );
    // Other zones are judged on their own deliveries.
    let (x, y) = (zone(&calm, "Z-EH"), zone(&hit, "Z-EH"));
    assert!(
        (x.demand_multiplier - y.demand_multiplier).abs() < 0.002,
        "{x:?} {y:?}"
    );
}

#[test]
fn no_competitor_no_section_and_bad_input_is_named() {
    let plain: Value = serde_json::from_str(builtin::UK_NETWORK).unwrap();
    assert!(run(&plain, 3, 2).competition.is_none());
    let mut v = uk("next_day");
    v["competition"]["on_time"] = json!(1.5);
    v["competition"]["demand_per_day"] = json!(-0.1);
    let problems = validate(&Scenario::from_json(&v.to_string()).unwrap()).unwrap_err();
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert!(paths.contains(&"competition.on_time"), "{paths:?}");
    assert!(paths.contains(&"competition.demand_per_day"), "{paths:?}");
}
