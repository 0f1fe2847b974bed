//! Channels and seller services: when vans are short the priority rule
//! decides whose parcels wait, a multi-channel promise sets those orders'
//! deadline, and sellers pay fees for the units we ship and store.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use serde_json::{Value, json};
use supply_sim::Report;
use supply_sim::view::breakdown::SliceReport;

/// Own-retail orders a day: two vans carry them easily.
const OWN_PER_DAY: f64 = 600.0;

/// One FC serving one zone by two vans: own stock "own" and a seller's
/// stock "sel", `own_per_day` orders on our site, and other sales channels
/// adding `multichannel_share` of the total on top.
fn two_vans(priority: &str, own_per_day: f64, multichannel_share: f64) -> Value {
    let total = own_per_day / (1.0 - multichannel_share);
    let mut v = single_echelon(total, 1.0, json!({"type": "base_stock", "z": 4.0}), None);
    v["products"] = json!([
        {"id": "own", "weight_kg": 1.0, "volume_m3": 0.002, "value": 10.0},
        {"id": "sel", "weight_kg": 1.0, "volume_m3": 0.002, "value": 10.0, "seller": true}
    ]);
    v["lanes"][1]["vehicles"] = json!(2);
    v["demand"][0]["multichannel_share"] = json!(multichannel_share);
    v["channels"] = json!({
        "priority": priority,
        "fulfilment_fee_per_unit": 3.0,
        "multichannel_fee_per_unit": 4.5,
        "storage_fee_per_m3_month": 26.0
    });
    v
}

fn channel<'a>(r: &'a Report, id: &str) -> &'a SliceReport {
    r.breakdown.channels.iter().find(|c| c.id == id).unwrap()
}

#[test]
fn added_multichannel_orders_hurt_own_retail_unless_the_site_boards_first() {
    let alone = run(&two_vans("first_come", OWN_PER_DAY, 0.0), 7, 21);
    let fifo = run(&two_vans("first_come", OWN_PER_DAY, 1.0 / 3.0), 7, 21);
    let site = run(&two_vans("site_first", OWN_PER_DAY, 1.0 / 3.0), 7, 21);
    let own = |r: &Report| channel(r, "own").on_time_rate;
    let mcf = |r: &Report| channel(r, "multichannel").on_time_rate;
    eprintln!(
        "own alone {:.3}; with MCF first come {:.3} (MCF {:.3}), site first {:.3} (MCF {:.3})",
        own(&alone),
        own(&fifo),
        mcf(&fifo),
        own(&site),
        mcf(&site)
    );
    assert!(own(&alone) > 0.99, "two vans carry own retail alone");
    assert!(
        own(&fifo) < own(&alone) - 0.03,
        "first come: MCF crowds own retail out"
    );
    assert!(own(&site) > 0.99, "site first: own retail as if alone");
    assert!(
        mcf(&site) < mcf(&fifo) - 0.3,
        "site first: MCF waits instead"
    );
}

#[test]
fn a_two_day_multichannel_promise_gives_those_orders_their_own_deadline() {
    let mut v = two_vans("site_first", OWN_PER_DAY, 1.0 / 3.0);
    let next_day = run(&v, 7, 21);
    v["channels"]["multichannel_promise"] = json!("two_day");
    let two_day = run(&v, 7, 21);
    let mcf = |r: &Report| channel(r, "multichannel").on_time_rate;
    assert!(mcf(&two_day) > mcf(&next_day) + 0.1);
    // Own retail keeps the zone's promise and its vans.
    let own = |r: &Report| channel(r, "own").on_time_rate;
    assert!((own(&two_day) - own(&next_day)).abs() < 1e-9);
}

#[test]
fn sellers_pay_per_unit_shipped_of_their_stock_and_for_its_shelf_space() {
    let r = run(&two_vans("first_come", 300.0, 0.2), 7, 28);
    let c = r.channels.as_ref().expect("seller services reported");
    let (mp, mcf) = (channel(&r, "marketplace"), channel(&r, "multichannel"));
    assert_eq!(
        channel(&r, "own").placed + mp.placed + mcf.placed,
        r.orders.placed
    );
    // One unit an order; every order in stock (z = 4) is shipped, bar the
    // few still waiting to be picked at the end.
    let want_mp = 3.0 * mp.placed as f64;
    assert!((c.marketplace_fees - want_mp).abs() <= 3.0 * 5.0, "{c:?}");
    // Multi-channel orders are all for the seller's stock.
    let want_mcf = 4.5 * mcf.placed as f64;
    assert!((c.multichannel_fees - want_mcf).abs() <= 4.5 * 5.0, "{c:?}");
    assert!(mcf.placed > 0 && mp.placed > 0);
    assert_eq!(
        c.total_fees,
        c.marketplace_fees + c.multichannel_fees + c.storage_fees
    );
    assert!(c.storage_fees > 0.0);
}

#[test]
fn storage_fees_are_the_sellers_shelf_volume_times_the_rate() {
    let mut v = two_vans("first_come", 300.0, 0.0);
    v["products"] = json!([
        {"id": "sel", "weight_kg": 1.0, "volume_m3": 0.002, "value": 10.0, "seller": true}
    ]);
    let days = 28.0;
    let r = run(&v, 7, days as u64);
    let fc = r.facilities.iter().find(|f| f.id == "fc").unwrap();
    let month_days = 365.25 / 12.0;
    let want = fc.mean_on_hand * 0.002 * 26.0 * days / month_days;
    let got = r.channels.as_ref().unwrap().storage_fees;
    assert!((got - want).abs() < 1e-6 * want, "{got} against {want}");
    // Without seller stock there is no storage fee.
    v["products"][0]["seller"] = json!(false);
    assert_eq!(run(&v, 7, days as u64).channels.unwrap().storage_fees, 0.0);
}
