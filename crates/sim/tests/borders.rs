//! Countries, borders and regulation: customs delays orders that cross a
//! border and local stock avoids them, fees add up, drivers' hours stretch
//! long HGV lanes, low-emission zones charge or bar diesel vans, the carbon
//! price enters cost, and bad input is named.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use serde_json::{Value, json};
use supply_sim::{Report, Scenario, builtin, validate};

fn pan_eu() -> Value {
    serde_json::from_str(builtin::PAN_EU).unwrap()
}

/// London's service when London is served from local stock or, without
/// the London FC's lane, across the border from France; customs with a
/// mean (and spread) of `delay_h`.
fn london(local: bool, delay_h: f64) -> Report {
    let mut v = pan_eu();
    for b in v["borders"].as_array_mut().unwrap() {
        b["delay_hours"] = json!(delay_h);
        b["delay_sd_hours"] = json!(delay_h);
    }
    if !local {
        let lanes = v["lanes"].as_array_mut().unwrap();
        lanes.retain(|l| !(l["from"] == "FC-GB" && l["to"] == "DS-GB"));
    }
    run(&v, 42, 10)
}

fn zone_on_time(r: &Report, id: &str) -> f64 {
    let z = r.breakdown.zones.iter().find(|z| z.id == id).unwrap();
    z.on_time_rate
}

#[test]
fn customs_delay_makes_cross_border_orders_late_and_local_stock_avoids_it() {
    let (local0, local12) = (london(true, 0.0), london(true, 12.0));
    let (cross0, cross12) = (london(false, 0.0), london(false, 12.0));
    let (l0, l12) = (
        zone_on_time(&local0, "Z-GB"),
        zone_on_time(&local12, "Z-GB"),
    );
    let (c0, c12) = (
        zone_on_time(&cross0, "Z-GB"),
        zone_on_time(&cross12, "Z-GB"),
    );
    // With no wait, both meet the next-day promise.
    assert!(l0 > 0.98 && c0 > 0.98, "local {l0} cross {c0}");
    // A 12-hour mean wait hurts the cross-border orders by far more.
    assert!(c12 < c0 - 0.15, "cross {c0} → {c12}");
    assert!(l12 > l0 - 0.03, "local {l0} → {l12}");
    // Each cross-border parcel is cleared and pays the carrier's fee;
    // local stock crosses in bulk, a declaration a shipment.
    let (g, gl) = (
        cross12.regulation.as_ref().unwrap(),
        local12.regulation.as_ref().unwrap(),
    );
    assert!(g.declarations > 10 * gl.declarations, "{g:?} {gl:?}");
    assert!(g.customs_fees > 5.0 * gl.customs_fees);
    assert!((g.mean_customs_wait_h - 12.0).abs() < 3.0, "{g:?}");
    assert_eq!(cross12.cost.customs, g.customs_fees + g.duties);
}

#[test]
fn parcel_and_shipment_fees_are_the_rates_times_the_count() {
    let r = run(&pan_eu(), 7, 7);
    let g = r.regulation.unwrap();
    assert!(g.customs_crossings > 0 && g.declarations >= g.customs_crossings);
    // Every fee is £12 a parcel or £32.50 a shipment.
    let shipments = (g.customs_fees - 12.0 * g.declarations as f64) / (32.5 - 12.0);
    assert!(shipments >= 1.0, "{g:?}");
    assert!((shipments - shipments.round()).abs() < 1e-6, "{g:?}");
    assert_eq!(g.duties, 0.0, "EU-origin goods are duty-free under the TCA");
}

#[test]
fn duty_is_the_rate_on_the_value_of_the_shipments_that_cross() {
    let mut v = pan_eu();
    for b in v["borders"].as_array_mut().unwrap() {
        b["duty_rate"] = json!(0.04);
        b["cost_per_parcel"] = json!(0.0);
        b["cost_per_declaration"] = json!(0.0);
    }
    let r = run(&v, 7, 7);
    let g = r.regulation.unwrap();
    assert!(g.duties > 0.0 && g.customs_fees == 0.0, "{g:?}");
    // What crossed into the London FC: its lane from the supplier.
    let lane = r
        .lanes
        .iter()
        .find(|l| l.from == "SUP-DE" && l.to == "FC-GB")
        .unwrap();
    assert!(lane.units > 0);
    // Values run £8–£180 a unit: 4 % of that range brackets the duty.
    let units = lane.units as f64;
    assert!(
        g.duties > 0.04 * 8.0 * units && g.duties < 0.04 * 180.0 * units,
        "{g:?}"
    );
}

#[test]
fn drivers_hours_stretch_long_hgv_lanes_only() {
    let with = validate(&Scenario::from_json(builtin::PAN_EU).unwrap()).unwrap();
    let mut v = pan_eu();
    v["regulation"]["driver_hours"] = json!([]);
    let without = validate(&Scenario::from_json(&v.to_string()).unwrap()).unwrap();
    let lane = |net: &supply_sim::Network, from: &str, to: &str| {
        let f = |id: &str| net.facilities.iter().position(|x| x.id == id).unwrap();
        let l = net
            .lanes
            .iter()
            .find(|l| l.from == f(from) && l.to == f(to))
            .unwrap();
        l.transit_s as f64 / 3600.0
    };
    // Frankfurt → Madrid, about 2,300 km: over two days' driving, so two
    // daily rests and breaks.
    let (a, b) = (
        lane(&without, "SUP-DE", "FC-ES"),
        lane(&with, "SUP-DE", "FC-ES"),
    );
    assert!(a > 18.0 && b > a + 22.0 + 1.5, "{a} h → {b} h");
    // A van lane is not an HGV: unchanged.
    assert_eq!(
        lane(&without, "DS-DE", "Z-DE"),
        lane(&with, "DS-DE", "Z-DE")
    );
    // The planned lead time grows with it.
    let es = |net: &supply_sim::Network| {
        let f = net.facilities.iter().position(|x| x.id == "FC-ES").unwrap();
        net.policies.iter().find(|p| p.fc == f).unwrap().lead_time_s
    };
    assert!(es(&with) > es(&without));
}

#[test]
fn a_low_emission_zone_charges_diesel_vans_or_bars_them() {
    let r = run(&pan_eu(), 7, 7);
    let g = r.regulation.as_ref().unwrap();
    assert!(g.lez_entries > 1.0);
    assert!((g.lez_charges - 12.5 * g.lez_entries).abs() < 1e-6);
    assert_eq!(r.cost.low_emission_zones, g.lez_charges);
    let mut v = pan_eu();
    v["regulation"]["low_emission_zones"][0]["diesel_vans"] = json!("bar");
    let problems = validate(&Scenario::from_json(&v.to_string()).unwrap()).unwrap_err();
    let p = problems
        .iter()
        .find(|p| p.field == "mode")
        .expect("the lane is named");
    assert_eq!(p.name, "Delivery station London → London");
    assert!(
        p.path.starts_with("lanes[") && p.message.contains("barred"),
        "{p:?}"
    );
    // An electric van lane is let in.
    let lanes = v["lanes"].as_array_mut().unwrap();
    for l in lanes.iter_mut().filter(|l| l["to"] == "Z-GB") {
        l["mode"] = json!("electric_van");
    }
    let r = run(&v, 7, 7);
    assert_eq!(r.regulation.unwrap().lez_charges, 0.0);
}

#[test]
fn the_carbon_price_is_priced_on_the_vehicles_co2e_and_counted_in_the_total() {
    let r = run(&pan_eu(), 7, 7);
    let want = r.emissions.co2e_kg / 1000.0 * 40.0;
    assert!(
        (r.cost.carbon - want).abs() < 1e-6,
        "{} vs {want}",
        r.cost.carbon
    );
    let mut v = pan_eu();
    v["regulation"]["carbon_price_per_tonne"] = json!(0.0);
    let free = run(&v, 7, 7);
    assert_eq!(free.cost.carbon, 0.0);
    let gap = r.cost.total - free.cost.total;
    assert!((gap - r.cost.carbon).abs() < 1e-6 * r.cost.total, "{gap}");
}

#[test]
fn bad_borders_and_rules_are_named() {
    let mut v = pan_eu();
    v["facilities"][1]["country"] = json!("germany");
    v["borders"][0]["duty_rate"] = json!(1.5);
    v["borders"][1]["countries"] = json!(["FR", "GB"]);
    v["regulation"]["driver_hours"][0]["driving_hours_per_day"] = json!(0);
    v["regulation"]["low_emission_zones"][0]["zone"] = json!("FC-GB");
    let problems = validate(&Scenario::from_json(&v.to_string()).unwrap()).unwrap_err();
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    for want in [
        "facilities[1].country",
        "borders[0].duty_rate",
        "borders[1].countries",
        "regulation.driver_hours[0].driving_hours_per_day",
        "regulation.low_emission_zones[0].zone",
    ] {
        assert!(paths.contains(&want), "{want} missing from {paths:?}");
    }
    let country = problems
        .iter()
        .find(|p| p.path == "facilities[1].country")
        .unwrap();
    assert_eq!(country.name, "FC Leipzig");
}
