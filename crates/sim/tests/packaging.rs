//! Packaging: each order goes in the smallest box of the scenario's set it
//! fits (right-sizing) or in the default box; the box's volume is what
//! vehicles fill and its board is reported. Right-sizing the UK network
//! cuts board, air, middle-mile vehicles and CO2e per package.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use serde_json::Value;
use supply_sim::{Report, builtin};

fn uk(right_sizing: bool) -> Value {
    let mut v: Value = serde_json::from_str(builtin::UK_NETWORK).unwrap();
    v["packaging"]["right_sizing"] = right_sizing.into();
    v
}

/// Vehicles sent on the lanes that leave FCs and sortation centres.
fn middle_mile_vehicles(r: &Report) -> u64 {
    r.lanes
        .iter()
        .filter(|l| l.from.starts_with("FC-") || l.from.starts_with("SC-"))
        .filter(|l| !l.to.starts_with("FC-"))
        .map(|l| l.vehicles)
        .sum()
}

#[test]
fn right_sizing_cuts_board_air_vehicles_and_carbon() {
    let (on, off) = (run(&uk(true), 42, 7), run(&uk(false), 42, 7));
    let (p, q) = (
        on.packaging.as_ref().unwrap(),
        off.packaging.as_ref().unwrap(),
    );
    assert_eq!(p.parcels, q.parcels, "the same orders are packed");
    assert!(
        p.board_kg < 0.7 * q.board_kg,
        "{} vs {}",
        p.board_kg,
        q.board_kg
    );
    assert!(
        p.air_share < q.air_share - 0.15,
        "{} vs {}",
        p.air_share,
        q.air_share
    );
    assert!(
        (0.25..0.5).contains(&p.air_share),
        "right-sized air {}: at least the packing margin, below the 40-58 % of ordinary parcels' upper end",
        p.air_share
    );
    let (a, b) = (middle_mile_vehicles(&on), middle_mile_vehicles(&off));
    assert!(a < 8 * b / 10, "middle-mile vehicles {a} vs {b}");
    let g = |r: &Report| r.emissions.co2e_g_per_package.unwrap();
    assert!(g(&on) < 0.95 * g(&off), "{} vs {}", g(&on), g(&off));
}

#[test]
fn board_weighs_on_the_parcel_and_its_carbon_is_counted() {
    let r = run(&uk(true), 42, 3);
    let p = r.packaging.unwrap();
    let g = p.board_g_per_package.unwrap();
    assert!((50.0..400.0).contains(&g), "{g} g of board a parcel");
    assert!((p.board_co2e_kg - p.board_kg * 0.491).abs() < 1e-9 * p.board_kg);
}

#[test]
fn an_order_no_box_fits_ships_in_its_own_carton() {
    // The 43-inch television (120 L) fits no box of the UK set.
    let r = run(&uk(true), 42, 3);
    let p = r.packaging.unwrap();
    assert!(p.boxed < p.parcels, "{} of {}", p.boxed, p.parcels);
    let mut v = uk(true);
    v["packaging"]["boxes"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"name": "TV", "cm": [120, 75, 20]}));
    let p = run(&v, 42, 3).packaging.unwrap();
    assert_eq!(p.boxed, p.parcels);
}

#[test]
fn without_a_box_set_parcels_are_their_items() {
    let mut v = uk(true);
    v.as_object_mut().unwrap().remove("packaging");
    let r = run(&v, 42, 3);
    assert!(r.packaging.is_none());
    let boxed = run(&uk(true), 42, 3);
    assert!(
        boxed.transport.vehicle_trips > r.transport.vehicle_trips,
        "boxes hold air: more vehicles than the bare items need"
    );
}

#[test]
fn a_bad_box_set_is_named() {
    let mut v = uk(true);
    v["packaging"]["default_box"] = "Huge".into();
    v["packaging"]["boxes"][1]["cm"][2] = (-3.0).into();
    let s = supply_sim::Scenario::from_json(&v.to_string()).unwrap();
    let problems = supply_sim::validate(&s).unwrap_err();
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        ["packaging.boxes[1].cm", "packaging.default_box"],
        "{problems:#?}"
    );
}
