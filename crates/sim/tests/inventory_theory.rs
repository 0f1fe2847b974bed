//! Textbook inventory results the simulator must reproduce.
//!
//! Tolerances come from the sample sizes: each test states its standard error.

// Native only: long runs; the wasm determinism check is tests/determinism.rs.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use serde_json::json;
use supply_plan::normal::{cdf as phi, inverse_cdf};

fn phi_inv(p: f64) -> f64 {
    inverse_cdf(p).expect("a probability strictly between 0 and 1")
}

/// Periodic-review base-stock with backorders, review R = 1 day, lead time
/// L = 2 days, Poisson demand μ = 200/day: with S = μ(L+R) + z·σ·√(L+R) the
/// long-run share of periods without a stockout (cycle service level) is
/// Φ(z). 2,000 periods; consecutive periods share 2 of 3 days of demand, so
/// the standard error is ≈ √(p(1−p)/n)·√3 ≈ 0.014 at z = 1; tolerance 0.04.
#[test]
fn base_stock_cycle_service_level_matches_phi_z() {
    let (mu, l, r) = (200.0_f64, 2.0, 1.0);
    for z in [0.0_f64, 1.0, 2.0] {
        let s = mu * (l + r) + z * (mu * (l + r)).sqrt();
        let v = single_echelon(mu, l, json!({"type": "base_stock", "level": s}), None);
        let rep = run(&v, 11, 2_000);
        let fc = &rep.facilities[1];
        let csl = fc
            .cycle_service_level
            .expect("FC reports a cycle service level");
        // Continuity correction for integer demand: P(D ≤ ⌊S⌋) = Φ((⌊S⌋ + 0.5 − μ)/σ).
        let expect = phi((s.floor() + 0.5 - mu * (l + r)) / (mu * (l + r)).sqrt());
        eprintln!(
            "base-stock z={z}: CSL {csl:.4}, Φ-based {expect:.4}, Φ(z) {:.4}",
            phi(z)
        );
        assert!(
            (csl - expect).abs() < 0.04,
            "z={z}: simulated CSL {csl:.4}, Φ ≈ {expect:.4} (Φ(z) = {:.4})",
            phi(z)
        );
        assert!(rep.conservation.supplied > 0);
    }
}

/// Chen, Drezner, Ryan & Simchi-Levi (2000): an order-up-to policy whose
/// level is L·(p-period moving average) + constant safety stock, facing
/// i.i.d. demand, has Var(orders)/Var(demand) = 1 + 2L/p + 2L²/p², where L is
/// the number of periods the level covers (here lead time 2 + review 1 = 3).
/// 3,000 periods after a 30-day warm-up: the variance ratio has a relative
/// standard error ≈ 3 %; tolerance 8 %.
#[test]
fn bullwhip_ratio_matches_chen_et_al_2000() {
    for (p, lead_days) in [(5u32, 2.0), (10, 1.0), (3, 1.0)] {
        let cover = lead_days + 1.0;
        let v = single_echelon(
            200.0,
            lead_days,
            json!({"type": "periodic", "safety_stock": 300}),
            Some(json!({"type": "moving_average", "periods": p})),
        );
        let rep = run(&v, 5, 3_000);
        let fc = &rep.facilities[1];
        let ratio = fc.orders_variance.unwrap() / fc.demand_variance.unwrap();
        let pf = p as f64;
        let theory = 1.0 + 2.0 * cover / pf + 2.0 * cover * cover / (pf * pf);
        eprintln!("bullwhip p={p} L={cover}: simulated {ratio:.3}, theory {theory:.3}");
        assert!(
            (ratio / theory - 1.0).abs() < 0.08,
            "p={p} L={cover}: simulated bullwhip {ratio:.3}, theory {theory:.3}"
        );
        // Orders balance demand in the long run.
        let (dm, om) = (fc.demand_mean.unwrap(), fc.orders_mean.unwrap());
        assert!(
            (om / dm - 1.0).abs() < 0.01,
            "orders mean {om} vs demand mean {dm}"
        );
    }
}

/// Newsvendor: zero lead time, lost sales, order up to S each period. Each
/// period is then an independent newsvendor: cost = h·(S − D)⁺ + p·(D − S)⁺,
/// minimised at the critical fractile S* = F⁻¹(p/(p+h)) ≈ μ + σ·Φ⁻¹(p/(p+h)).
/// The costs come from the simulation (units sold and lost); the same seed
/// gives every S the same demand (common random numbers), so the comparison
/// is sharp. 1,500 periods per S.
#[test]
fn newsvendor_optimum_is_the_critical_fractile() {
    let (mu, h, pen) = (100.0_f64, 1.0_f64, 4.0_f64);
    let cr = pen / (pen + h);
    let s_star = mu + mu.sqrt() * phi_inv(cr);
    let periods = 1_500u64;
    let mut best = (f64::INFINITY, 0.0);
    let mut costs = Vec::new();
    for s in (88..=132).step_by(4) {
        let s = s as f64;
        let mut v = single_echelon(mu, 0.0, json!({"type": "base_stock", "level": s}), None);
        v["stockout"] = json!("lost_sale");
        let rep = run(&v, 23, periods);
        let demand = rep.orders.placed as f64;
        let lost = rep.orders.lost_sales as f64;
        let sold = demand - lost;
        // Leftover each period = S − sold that period.
        let cost = h * (s - sold / periods as f64) + pen * lost / periods as f64;
        costs.push((s, cost));
        if cost < best.0 {
            best = (cost, s);
        }
    }
    eprintln!(
        "newsvendor: S*={s_star:.1}, simulated argmin {}, costs {costs:?}",
        best.1
    );
    assert!(
        (best.1 - s_star).abs() <= 4.0,
        "simulated optimum S={} vs S*={s_star:.1}; costs {costs:?}",
        best.1
    );
    // The cost curve is convex around S*: far-off levels cost clearly more.
    let at = |s: f64| costs.iter().find(|c| c.0 == s).unwrap().1;
    assert!(
        at(88.0) > best.0 * 1.2 && at(132.0) > best.0 * 1.2,
        "{costs:?}"
    );
}

/// A base-stock level left to the model must protect what z promises when
/// demand has a daily profile: normal demand, cv 0.5 per hour, uk-network's
/// hourly profile, 240 orders a day, lead time 2 days, z = 1.645. With the
/// day's variance taken as 24 × the flat mean hour's, σ was understated and
/// the cycle service level came out 0.918 against Φ(1.645) = 0.95. 2,000
/// periods: standard error ≈ √(0.05·0.95/2000)·√3 ≈ 0.008; tolerance 0.02.
#[test]
fn base_stock_from_z_protects_what_it_promises_under_a_peaked_day() {
    let uk: serde_json::Value = serde_json::from_str(supply_sim::builtin::UK_NETWORK).unwrap();
    let hourly = uk["demand"][0]["hourly"].clone();
    let mut v = single_echelon(240.0, 2.0, json!({"type": "base_stock", "z": 1.645}), None);
    v["demand"][0]["distribution"] = json!({"type": "normal", "cv": 0.5});
    v["demand"][0]["hourly"] = hourly;
    let rep = run(&v, 5, 2_000);
    let csl = rep.facilities[1].cycle_service_level.unwrap();
    assert!((csl - phi(1.645)).abs() < 0.02, "cycle service {csl:.4}");
}

/// The cycle service level is counted per review cycle, as textbooks define
/// it: weekly review of base-stock at z = 1.645 (level μ(L+R) + zσ√(L+R),
/// L = 2 days, R = 7) stocks out in about 5 % of weeks. Counted per daily
/// statistics period it read 0.994. 700 cycles: standard error ≈ 0.008;
/// tolerance 0.03.
#[test]
fn cycle_service_level_is_per_review_cycle() {
    let mut v = single_echelon(200.0, 2.0, json!({"type": "base_stock", "z": 1.645}), None);
    v["policies"][0]["review_hours"] = json!(168);
    let rep = run(&v, 9, 7 * 700);
    let csl = rep.facilities[1].cycle_service_level.unwrap();
    assert!((csl - phi(1.645)).abs() < 0.03, "cycle service {csl:.4}");
}
