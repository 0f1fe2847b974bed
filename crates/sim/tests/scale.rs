//! One consistent scale: `scale` runs a share of the network with demand,
//! capacities, staff and fleets cut together, so utilisations and
//! per-package figures stay those of the whole network and totals shrink
//! in proportion.

#![cfg(not(target_arch = "wasm32"))]

use serde_json::{Value, json};
use supply_sim::{Report, builtin};

mod common;

fn uk_at(scale: f64) -> Report {
    let mut v: Value = serde_json::from_str(builtin::UK_NETWORK).unwrap();
    v["scale"] = json!(scale);
    common::run(&v, 42, 14)
}

fn close(a: f64, b: f64, rel: f64) -> bool {
    (a - b).abs() <= rel * a.abs().max(b.abs())
}

#[test]
fn half_the_share_keeps_utilisations_and_per_package_figures() {
    let (full, half) = (uk_at(0.01), uk_at(0.005));
    // Totals halve...
    let placed = half.orders.placed as f64 / full.orders.placed as f64;
    assert!(close(placed, 0.5, 0.03), "orders placed ×{placed:.3}");
    let cost = half.cost.total / full.cost.total;
    assert!(close(cost, 0.5, 0.05), "total cost ×{cost:.3}");
    // ...per-package figures do not.
    let (a, b) = (
        full.cost.per_package.unwrap(),
        half.cost.per_package.unwrap(),
    );
    assert!(close(a, b, 0.03), "£{a:.3} against £{b:.3} a package");
    let (a, b) = (
        full.emissions.co2e_g_per_package.unwrap(),
        half.emissions.co2e_g_per_package.unwrap(),
    );
    assert!(close(a, b, 0.03), "{a:.1} g against {b:.1} g a package");
    for (f, h) in full.facilities.iter().zip(&half.facilities) {
        let d = (f.utilization - h.utilization).abs();
        assert!(
            d < 0.06,
            "{}: {:.2} against {:.2}",
            f.id,
            f.utilization,
            h.utilization
        );
    }
    // Vans make the same rounds: the stops and km of a real van (within
    // sampling noise: half the share draws half the parcels). Not drones or
    // crowdsourced cars: a share of one holds less than a parcel.
    use supply_sim::emissions::Mode;
    for (f, h) in full.lanes.iter().zip(&half.lanes) {
        if f.parcels > 2000
            && f.to.starts_with("Z-")
            && matches!(f.mode, Mode::DieselVan | Mode::ElectricVan)
        {
            let (a, b) = (f.parcels_per_vehicle, h.parcels_per_vehicle);
            assert!(
                close(a, b, 0.08),
                "{} → {}: {a:.0} against {b:.0} stops",
                f.from,
                f.to
            );
            let (a, b) = (f.km_per_vehicle, h.km_per_vehicle);
            assert!(
                close(a, b, 0.08),
                "{} → {}: {a:.0} against {b:.0} km",
                f.from,
                f.to
            );
        }
    }
}

#[test]
fn a_scale_outside_0_to_1_is_a_problem() {
    for bad in [0.0, -1.0, 1.5] {
        let mut v: Value = serde_json::from_str(builtin::UK_NETWORK).unwrap();
        v["scale"] = json!(bad);
        let s = supply_sim::Scenario::from_json(&v.to_string()).unwrap();
        let ps = supply_sim::validate(&s).unwrap_err();
        assert!(ps.iter().any(|p| p.field == "scale"), "{bad}: {ps:?}");
    }
}
