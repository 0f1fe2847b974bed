//! Queueing results at a facility: Little's law and the M/D/1 waiting time.

// Native only: long runs; the wasm determinism check is tests/determinism.rs.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use serde_json::json;

/// An FC with a deterministic 60 s pick per order, Poisson orders at
/// λ = 0.8/min (ρ = 0.8), and one-parcel vehicles that leave the moment a
/// parcel is ready (so time in the FC = queueing + service). M/D/1:
/// W = 1/μ + ρ/(2μ(1−ρ)) = 60 + 120 = 180 s. 120 days ≈ 138,000 orders;
/// the relative standard error of the mean wait at ρ = 0.8 is ≈ 2 %;
/// tolerance 7 %. Little's law L = λW must hold to within end effects (1 %).
#[test]
fn fc_queue_obeys_littles_law_and_md1() {
    let lambda_per_day = 0.8 * 1440.0;
    let mut v = single_echelon(
        lambda_per_day,
        1.0,
        json!({"type": "base_stock", "level": 100000}),
        None,
    );
    v["facilities"][1]["capacity_per_hour"] = json!(60);
    v["lanes"][1] = json!({"from": "fc", "to": "z", "mode": "diesel_van", "transit_hours": 1,
        "capacity_kg": 1.0, "dispatch": {"when_full": true}});
    let days = 120;
    let rep = run(&v, 9, days);
    let fc = &rep.facilities[1];
    // Figures count from the end of the warm-up.
    let hours = (rep.days - rep.measured_from_day) * 24.0;
    let throughput_per_h = fc.throughput_orders as f64 / hours;
    let little = throughput_per_h * fc.mean_time_in_system_h;
    assert!(
        (fc.mean_wip / little - 1.0).abs() < 0.01,
        "Little: mean WIP {:.4} vs λW {:.4}",
        fc.mean_wip,
        little
    );
    let w_s = fc.mean_time_in_system_h * 3600.0;
    eprintln!(
        "M/D/1: WIP {:.4}, λW {little:.4}, W {w_s:.1} s (theory 180), utilisation {:.4}",
        fc.mean_wip, fc.utilization
    );
    assert!(
        (w_s / 180.0 - 1.0).abs() < 0.07,
        "M/D/1: mean time in FC {w_s:.1} s, theory 180 s"
    );
    assert!(
        (fc.utilization - 0.8).abs() < 0.02,
        "utilisation {}",
        fc.utilization
    );
}

/// Little's law at every facility of the UK network (cross-docks and FCs,
/// with shifts, backorders and timetabled vehicles): 28 days.
#[test]
fn littles_law_holds_at_every_uk_facility() {
    let r = supply_sim::run_json(supply_sim::builtin::UK_NETWORK, Some(28), 1).unwrap();
    let hours = 28.0 * 24.0;
    for f in &r.facilities {
        if f.throughput_orders < 1000 {
            continue;
        }
        let little = f.throughput_orders as f64 / hours * f.mean_time_in_system_h;
        eprintln!("{}: WIP {:.2}, λW {little:.2}", f.id, f.mean_wip);
        // End effects: orders still inside at the end count in WIP only.
        assert!(
            (f.mean_wip - little).abs() / f.mean_wip.max(1e-9) < 0.08,
            "{}: mean WIP {:.2} vs λW {:.2}",
            f.id,
            f.mean_wip,
            little
        );
    }
}
