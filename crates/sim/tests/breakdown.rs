//! Breakdowns: every order counts once in each of the zone, SKU-class and
//! channel breakdowns, with the network totals' definitions, and a weak
//! spot shows in its own slice while the network total hides it.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use serde_json::Value;
use supply_sim::builtin;
use supply_sim::view::breakdown::SliceReport;

fn uk() -> Value {
    serde_json::from_str(builtin::UK_NETWORK).unwrap()
}

fn sums(slices: &[SliceReport]) -> (u64, u64, u64, u64) {
    slices.iter().fold((0, 0, 0, 0), |(p, d, o, l), s| {
        (p + s.placed, d + s.delivered, o + s.overdue, l + s.lost)
    })
}

#[test]
fn each_breakdown_adds_up_to_the_network() {
    let r = run(&uk(), 42, 14);
    let o = &r.orders;
    let total = (o.placed, o.delivered, o.overdue, o.lost);
    let b = &r.breakdown;
    assert_eq!(sums(&b.zones), total, "zones");
    assert_eq!(sums(&b.sku_classes), total, "SKU classes");
    assert_eq!(sums(&b.channels), total, "channels");
    assert_eq!(b.zones.len(), 21);
    assert_eq!(b.channels[2].placed, o.multichannel);
    let on_time: f64 = b
        .zones
        .iter()
        .map(|z| z.on_time_rate * (z.delivered + z.lost + z.overdue) as f64)
        .sum();
    assert!((on_time - o.on_time as f64).abs() < 1e-6 * on_time);
}

#[test]
fn the_fast_movers_are_class_a_and_make_most_orders() {
    let r = run(&uk(), 42, 7);
    let [a, b, c] = &r.breakdown.sku_classes[..] else {
        panic!("three classes")
    };
    let placed = r.orders.placed as f64;
    let share = a.placed as f64 / placed;
    assert!(
        (0.7..0.9).contains(&share),
        "A has {share:.2} of the orders"
    );
    assert!(a.placed > b.placed && b.placed > c.placed);
}

#[test]
fn a_starved_delivery_station_shows_in_its_zone_not_in_the_total() {
    let mut v = uk();
    let ds = v["facilities"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|f| f["id"] == "DS-BHM")
        .unwrap();
    ds["capacity_per_hour"] = 1500.into();
    let r = run(&v, 42, 7);
    let zone = |id: &str| {
        r.breakdown
            .zones
            .iter()
            .find(|z| z.id == id)
            .unwrap()
            .clone()
    };
    let (b, network) = (zone("Z-B"), r.service.on_time_rate);
    assert!(
        b.on_time_rate < network - 0.3,
        "Birmingham {:.2} against the network's {network:.2}",
        b.on_time_rate
    );
    assert!(zone("Z-M").on_time_rate > network - 0.05);
    assert!(b.mean_lead_time_h > zone("Z-M").mean_lead_time_h + 12.0);
}
