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

/// A manual FC (50 units per head-hour) with two 8-hour shifts, design rate
/// 100 units an hour (two heads a shift), facing 1,000 one-unit orders a
/// day: 1,600 a day of capacity.
fn staffed(heads: Option<u32>, absence: f64) -> Value {
    let mut v = common::single_echelon(
        1000.0,
        1.0,
        json!({"type": "base_stock", "level": 50000}),
        None,
    );
    let shift = |a: u32, b: u32| match heads {
        Some(h) => json!({"start_hour": a, "end_hour": b, "heads": h}),
        None => json!({"start_hour": a, "end_hour": b}),
    };
    let fc = &mut v["facilities"][1];
    fc["capacity_per_hour"] = json!(100);
    fc["shifts"] = json!([shift(6, 14), shift(14, 22)]);
    fc["absence_rate"] = json!(absence);
    v
}

fn fc(r: &Report) -> &supply_sim::view::report::FacilityReport {
    r.facilities.iter().find(|f| f.id == "fc").unwrap()
}

#[test]
fn heads_are_the_capacity_and_every_rostered_hour_is_paid() {
    let days = 10;
    let full = common::run(&staffed(None, 0.0), 3, days);
    let short = common::run(&staffed(Some(1), 0.0), 3, days);
    // Two heads a shift (the default, enough for the design rate) against one.
    assert_eq!(full.cost.labour_hours, (2 * 16 * days) as f64);
    assert_eq!(short.cost.labour_hours, (16 * days) as f64);
    // One head picks 50 an hour, 800 a day, against 1,000 ordered.
    let (tf, ts) = (fc(&full).throughput_units, fc(&short).throughput_units);
    assert!(ts <= 800 * days + 100, "one head a shift picked {ts}");
    assert!(tf >= 950 * (days - 1), "two heads a shift picked {tf}");
    assert!(short.service.on_time_rate < full.service.on_time_rate - 0.2);
}

#[test]
fn absence_lowers_throughput_not_the_wage_bill() {
    let days = 60;
    let all_in = common::run(&staffed(Some(2), 0.0), 5, days);
    let absent = common::run(&staffed(Some(2), 0.6), 5, days);
    assert_eq!(all_in.cost.labour_hours, absent.cost.labour_hours);
    let (a, b) = (fc(&all_in).throughput_units, fc(&absent).throughput_units);
    // Two heads rostered, each present with probability 0.4: the shift
    // runs at full rate with both (0.16), half with one (0.48), not at
    // all with none: 40 % of the design rate, 640 a day against 1,000
    // ordered (without absence, demand binds). Over 120 shifts the
    // drawn share has a standard deviation near 0.03.
    let ratio = b as f64 / a as f64;
    assert!(
        (0.52..0.76).contains(&ratio),
        "{b} picked with absence, {a} without"
    );
}

#[test]
fn one_shift_halves_the_wage_bill_and_the_wage_scales_only_the_cost() {
    let days = 7;
    let two = common::run(&staffed(None, 0.0), 3, days);
    let mut v = staffed(None, 0.0);
    v["facilities"][1]["shifts"] = json!([{"start_hour": 6, "end_hour": 14}]);
    let one = common::run(&v, 3, days);
    assert_eq!(one.cost.labour_hours * 2.0, two.cost.labour_hours);
    assert!(one.service.on_time_rate < two.service.on_time_rate);
    let mut v = staffed(None, 0.0);
    v["wage_per_hour"] = json!(2.0 * supply_sim::defaults::WAGE_PER_HOUR);
    let dear = common::run(&v, 3, days);
    assert!((dear.cost.labour - 2.0 * two.cost.labour).abs() < 1e-6);
    assert_eq!(dear.orders.delivered, two.orders.delivered);
}

#[test]
fn facilities_cost_a_day_whatever_they_handle() {
    let mut v = staffed(None, 0.0);
    v["facilities"][1]["fixed_cost_per_day"] = json!(250.0);
    let week = common::run(&v, 3, 7);
    assert!((week.cost.facilities - 7.0 * 250.0).abs() < 1e-6);
    // The default grows with size and automation.
    let mut robotic = staffed(None, 0.0);
    robotic["facilities"][1]["automation"] = json!("robotic");
    let (m, r) = (
        common::run(&staffed(None, 0.0), 3, 7),
        common::run(&robotic, 3, 7),
    );
    assert!(r.cost.facilities > m.cost.facilities && m.cost.facilities > 0.0);
}

#[test]
fn bad_crews_are_problems_that_name_the_facility_and_field() {
    let mut v = staffed(Some(2), 0.0);
    v["facilities"][1]["shifts"][1]["heads"] = json!(0);
    v["facilities"][1]["absence_rate"] = json!(1.5);
    v["facilities"][0]["fixed_cost_per_day"] = json!(10);
    let s = supply_sim::Scenario::from_json(&v.to_string()).unwrap();
    let ps = supply_sim::validate(&s).unwrap_err();
    let said = |name: &str, field: &str| ps.iter().any(|p| p.name == name && p.field == field);
    assert!(said("FC", "shifts[1].heads"), "{ps:#?}");
    assert!(said("FC", "absence_rate"), "{ps:#?}");
    assert!(said("Supplier", "fixed_cost_per_day"), "{ps:#?}");
}
