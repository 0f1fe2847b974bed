//! Costs have a basis: road and rail are billed alike (per kilometre of the
//! load unit we fill), so the same load costs the same order of money by
//! either mode.

#![cfg(not(target_arch = "wasm32"))]

use serde_json::{Value, json};
use supply_sim::{Report, builtin};

mod common;

fn uk() -> Value {
    serde_json::from_str(builtin::UK_NETWORK).unwrap()
}

fn lane<'a>(r: &'a Report, from: &str, to: &str) -> &'a supply_sim::view::report::LaneReport {
    r.lanes
        .iter()
        .find(|l| l.from == from && l.to == to)
        .unwrap_or_else(|| panic!("no lane {from} → {to}"))
}

#[test]
fn rail_and_road_bill_the_same_load_on_one_basis() {
    // FC Daventry → FC Dunfermline restocks by electric rail; the same
    // lane by diesel HGV (same distance) must cost more, but not 200×
    // more (it was £437 by rail against £90,496 by road).
    let rail = common::run(&uk(), 7, 14);
    let mut v = uk();
    for l in v["lanes"].as_array_mut().unwrap() {
        if l["from"] == "FC-DIR" && l["to"] == "FC-DUN" {
            l["mode"] = json!("diesel_hgv");
        }
    }
    let road = common::run(&v, 7, 14);
    let (r, h) = (
        lane(&rail, "FC-DIR", "FC-DUN"),
        lane(&road, "FC-DIR", "FC-DUN"),
    );
    assert!(r.units > 5000 && h.units > 5000, "{r:?} {h:?}");
    let per_unit = |l: &supply_sim::view::report::LaneReport| l.cost / l.units as f64;
    let ratio = per_unit(r) / per_unit(h);
    assert!(
        (0.4..0.8).contains(&ratio),
        "rail £{:.3}/unit, road £{:.3}/unit: ratio {ratio:.3}",
        per_unit(r),
        per_unit(h)
    );
}
