//! "Optimise stock": the plan follows the textbook models, writes ordinary
//! policies back, and the simulation at those policies delivers what the
//! models expected.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use serde_json::{Value, json};
use supply_sim::optimise::{self, Method};
use supply_sim::scenario::Rule;
use supply_sim::{Scenario, builtin, time::DAY};

fn scenario(v: &Value) -> Scenario {
    Scenario::from_json(&v.to_string()).unwrap()
}

/// A serial chain with the same holding cost at both stages: Clark–Scarf
/// holds all the stock where demand is and has the DC pass orders on; the
/// FC's level is the newsvendor's over both lead times, both waits and the
/// review; and the simulated stock and service match the model's.
#[test]
fn a_serial_chain_is_planned_by_clark_scarf_and_the_run_agrees() {
    let v = two_stage_chain(400.0, 2.0);
    let engine = engine(&v, 7);
    let plan = optimise::optimise(&engine, 0.95).unwrap();
    assert_eq!(plan.points.len(), 2);
    let at = |id: &str| plan.points.iter().find(|p| p.facility == id).unwrap();
    let (dc, fc) = (at("dc"), at("fc"));
    assert!(plan.points.iter().all(|p| p.method == Method::Serial));
    assert_eq!(dc.level, 0.0, "the DC adds no value, so holds nothing");
    // Protection: 2 days' lead + the review at the FC; 2 days' lead + a
    // day's wait for the DC's review above it: 6 days of N(400, 400).
    let z = supply_plan::normal::inverse_cdf(0.95).unwrap();
    let want = 6.0 * 400.0 + z * (6.0f64 * 400.0).sqrt();
    assert!(
        (fc.level - want).abs() < 0.5,
        "level {} vs {want}",
        fc.level
    );
    assert!(matches!(fc.rule, Rule::BaseStock { level: Some(_), .. }));
    assert!(
        plan.notes.is_empty(),
        "the costs are stated: {:?}",
        plan.notes
    );

    let check = optimise::check(&plan, &scenario(&v), 7, 200).unwrap();
    let row = check.rows.iter().find(|r| r.facility == "fc").unwrap();
    let service = row.cycle_service.unwrap();
    // 180 measured daily cycles, consecutive ones sharing most of their
    // demand: a standard error near 0.04 at 95 %.
    assert!((service - 0.95).abs() < 0.06, "cycle service {service}");
    let ratio = row.simulated_on_hand / row.expected_on_hand;
    assert!((0.9..1.1).contains(&ratio), "on hand {row:?}");
}

/// An FC that serves customers and another FC is a tree, not a chain: the
/// guaranteed-service model plans it, and a customer-facing FC quotes 0.
#[test]
fn a_tree_is_planned_by_guaranteed_service() {
    let engine = engine(&uk_steady(), 42);
    let plan = optimise::optimise(&engine, 0.95).unwrap();
    assert!(!plan.points.is_empty());
    assert!(
        plan.points
            .iter()
            .all(|p| p.method == Method::GuaranteedService)
    );
    for p in &plan.points {
        assert_eq!(p.service_time_periods, Some(0.0), "{p:?}");
        assert!(p.safety_stock > 0.0 && p.level > p.safety_stock, "{p:?}");
        assert!(matches!(p.rule, Rule::Periodic { z: None, .. }), "{p:?}");
    }
    // No backorder cost is stated: planned for the target, and said so.
    assert_eq!(plan.notes.len(), 1);
    assert!(
        plan.notes[0].contains("95 % cycle service"),
        "{:?}",
        plan.notes
    );
}

/// The UK network without its sale and trend, so a plan from the demand
/// model meets steady demand.
fn uk_steady() -> Value {
    let mut v: Value = serde_json::from_str(builtin::UK_NETWORK).unwrap();
    for d in v["demand"].as_array_mut().unwrap() {
        d["events"] = json!([]);
        d["trend_per_year"] = json!(0);
    }
    v["warmup_days"] = json!(7);
    v
}

/// FCs supplied by road from a supplier that makes to order meet the
/// target; the network holds about the stock the model expects.
#[test]
fn the_simulated_network_holds_what_the_plan_expects() {
    let v = uk_steady();
    let mut engine = engine(&v, 42);
    engine.run_until(28 * DAY);
    let plan = optimise::optimise(&engine, 0.95).unwrap();
    let check = optimise::check(&plan, &scenario(&v), 42, 42).unwrap();
    for fc in ["FC-COA", "FC-DON"] {
        let row = check.rows.iter().find(|r| r.facility == fc).unwrap();
        let service = row.cycle_service.unwrap();
        assert!(service > 0.93, "{fc}: cycle service {service}");
        let ratio = row.simulated_on_hand / row.expected_on_hand;
        assert!((0.85..1.15).contains(&ratio), "{fc}: {row:?}");
    }
    let ratio = check.simulated_on_hand / check.expected_on_hand;
    assert!((0.75..1.25).contains(&ratio), "network: {check:?}");
}

/// The plan is an ordinary scenario edit: applying it keeps every other
/// field, gives one policy per FC where the FC had one for all SKUs and
/// its SKUs share a rule, and the result validates.
#[test]
fn applying_a_plan_writes_ordinary_policies() {
    let v = two_stage_chain(400.0, 2.0);
    let s = scenario(&v);
    let plan = optimise::optimise(&engine(&v, 7), 0.95).unwrap();
    let planned = optimise::apply(&plan, &s);
    assert_eq!(planned.facilities, s.facilities);
    assert_eq!(planned.policies.len(), 2);
    assert!(planned.policies.iter().all(|p| p.sku.is_none()));
    assert_eq!(planned.policies[0].source, "sup");
    assert!(supply_sim::validate(&planned).is_ok());
    // Planning the planned scenario again gives the same rules.
    let again = optimise::optimise(&engine(&serde_json::to_value(&planned).unwrap(), 7), 0.95);
    let rules = |p: &optimise::StockPlan| p.points.iter().map(|x| x.rule).collect::<Vec<_>>();
    assert_eq!(rules(&again.unwrap()), rules(&plan));
}

#[test]
fn a_target_service_out_of_range_is_named() {
    let e = engine(&two_stage_chain(400.0, 2.0), 7);
    let msg = optimise::optimise(&e, 1.0).unwrap_err();
    assert!(msg.contains("target cycle service"), "{msg}");
    assert!(optimise::optimise(&e, f64::NAN).is_err());
}

/// The worker's job: progress rises to 1, the plan and check equal the
/// direct calls', and the replies survive JSON (how they cross to the page).
#[test]
fn the_plan_job_reports_progress_and_gives_what_the_direct_calls_give() {
    use supply_sim::optimise::job::{self, PlanReply, PlanRequest};
    let v = two_stage_chain(400.0, 2.0);
    let req = PlanRequest {
        scenario: scenario(&v),
        seed: 7,
        at: 10 * DAY,
        days: 60,
        target_service: 0.95,
    };
    let mut seen = Vec::new();
    let last = job::run(&req, &mut |r| {
        let text = serde_json::to_string(&r).unwrap();
        assert_eq!(serde_json::from_str::<PlanReply>(&text).unwrap(), r);
        if let PlanReply::Progress { done, .. } = r {
            seen.push(done);
        }
    });
    assert!(seen.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");
    assert_eq!(seen.last().copied(), Some(1.0));
    let mut e = engine(&v, 7);
    e.run_until(10 * DAY);
    let plan = optimise::optimise(&e, 0.95).unwrap();
    let check = optimise::check(&plan, &req.scenario, 7, 60).unwrap();
    let text = serde_json::to_string(&last).unwrap();
    assert_eq!(
        serde_json::from_str::<PlanReply>(&text).unwrap(),
        PlanReply::Done { plan, check }
    );
    // A broken scenario fails with its problems named, never a panic.
    let mut bad = req.clone();
    bad.scenario.policies[0].source = "nowhere".into();
    match job::run(&bad, &mut |_| {}) {
        PlanReply::Failed { message } => assert!(message.contains("nowhere"), "{message}"),
        other => panic!("{other:?}"),
    }
}
