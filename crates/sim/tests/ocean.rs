//! Ocean freight: sea lanes join an overseas supplier to a port over a
//! stated sea distance, the voyage is part of the lead time and is charged,
//! and with shipment visibility the planner expedites in time, so the
//! same stock serves more orders.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use serde_json::{Value, json};
use supply_sim::{Report, Scenario, builtin, validate};

fn ocean() -> Value {
    serde_json::from_str(builtin::OCEAN_INBOUND).unwrap()
}

fn port(v: &mut Value) -> &mut Value {
    let fs = v["facilities"].as_array_mut().unwrap();
    fs.iter_mut().find(|f| f["id"] == "PORT-RTM").unwrap()
}

fn fc(r: &Report) -> &supply_sim::view::report::FacilityReport {
    r.facilities.iter().find(|f| f.id == "FC-VNL").unwrap()
}

fn problems(v: &Value) -> Vec<supply_sim::Problem> {
    validate(&Scenario::from_json(&v.to_string()).unwrap()).unwrap_err()
}

#[test]
fn visibility_lets_the_planner_expedite_in_time_and_fills_more_from_the_same_stock() {
    let seen = run(&ocean(), 42, 150);
    let mut blind = ocean();
    port(&mut blind)
        .as_object_mut()
        .unwrap()
        .remove("eta_updates_hours");
    let blind = run(&blind, 42, 150);
    let mut never = ocean();
    never["policies"][0]
        .as_object_mut()
        .unwrap()
        .remove("expedite_from");
    let never = run(&never, 42, 150);
    let fill = |r: &Report| fc(r).fill_rate.unwrap();
    // Late vessels empty the shelves when nobody expedites...
    assert!(fill(&never) < 0.8, "never {}", fill(&never));
    // ...planning with the schedule catches some of it...
    assert!(fill(&blind) > fill(&never) + 0.1, "blind {}", fill(&blind));
    // ...and the updated ETA nearly all of it, at the same safety stock.
    assert!(
        fill(&seen) > fill(&blind) + 0.05,
        "seen {} blind {}",
        fill(&seen),
        fill(&blind)
    );
    assert!(fill(&seen) > 0.98);
    assert!(fc(&seen).expedited_units > fc(&blind).expedited_units);
    assert_eq!(fc(&never).expedited_units, 0);
}

#[test]
fn the_voyage_is_in_the_lead_time_and_its_cost_and_co2e_are_charged() {
    let net = validate(&Scenario::from_json(builtin::OCEAN_INBOUND).unwrap()).unwrap();
    // 19,631 km at 30 km/h is 27 days: the policy plans with more.
    let p = &net.policies[0];
    assert!(p.lead_time_s > 27 * 24 * 3600, "{}", p.lead_time_s);
    let r = run(&ocean(), 7, 60);
    let sea = r.lanes.iter().find(|l| l.from == "SUP-CN").unwrap();
    assert!(sea.trips > 0 && sea.units > 0);
    assert!(
        (sea.km_per_vehicle - 19_631.0).abs() < 1.0,
        "{}",
        sea.km_per_vehicle
    );
    // DESNZ container ship factor, 0.0161 kg per tonne-km, on the goods' weight.
    assert!(sea.co2e_kg > 0.0 && sea.cost > 0.0);
    let inbound = r.emissions.co2e_inbound_kg;
    assert!(inbound >= sea.co2e_kg, "{inbound} vs {}", sea.co2e_kg);
}

#[test]
fn ships_sail_only_from_a_supplier_to_a_port_over_a_stated_distance() {
    let mut v = ocean();
    v["lanes"][0].as_object_mut().unwrap().remove("distance_km");
    let p = problems(&v);
    let d = p
        .iter()
        .find(|p| p.field == "distance_km")
        .expect("distance named");
    assert!(d.message.contains("sea-route distance"), "{d:?}");
    let mut v = ocean();
    v["lanes"][1]["mode"] = json!("ocean");
    let p = problems(&v);
    assert!(
        p.iter()
            .any(|p| p.path == "lanes[1].mode" && p.message.contains("ocean vessels")),
        "{p:?}"
    );
    let mut v = ocean();
    v["lanes"][0]["mode"] = json!("diesel_hgv");
    let p = problems(&v);
    assert!(
        p.iter()
            .any(|p| p.path == "lanes[0].mode" && p.message.contains("by sea")),
        "{p:?}"
    );
}

#[test]
fn a_bad_expedite_source_and_update_interval_are_named() {
    let mut v = ocean();
    v["policies"][0]["expedite_from"] = json!("Z-AMS");
    port(&mut v)["eta_updates_hours"] = json!(0);
    let p = problems(&v);
    let paths: Vec<&str> = p.iter().map(|p| p.path.as_str()).collect();
    assert!(paths.contains(&"policies[0].expedite_from"), "{paths:?}");
    assert!(
        paths.contains(&"facilities[1].eta_updates_hours"),
        "{paths:?}"
    );
    let mut v = ocean();
    v["policies"][0]["expedite_from"] = json!("SUP-CN");
    let p = problems(&v);
    let e = p
        .iter()
        .find(|p| p.path == "policies[0].expedite_from")
        .unwrap();
    assert!(e.message.contains("no lane"), "{e:?}");
}
