//! Experiments: common random numbers make a change that touches only
//! costs differ in costs alone; a sweep moves a KPI the right way; shards
//! and their merge give exactly what one process gives; bad specs are
//! named.

#![cfg(not(target_arch = "wasm32"))]

use serde_json::{Value, json};
use supply_sim::builtin;
use supply_sim::experiment::{self, Experiment, Spec, result::Outcome, run::RunResult};

fn uk() -> Value {
    serde_json::from_str(builtin::UK_NETWORK).unwrap()
}

fn spec(v: Value) -> Spec {
    serde_json::from_value(v).unwrap()
}

fn run_all(e: &Experiment) -> Outcome {
    let runs: Vec<RunResult> = (0..e.runs()).map(|r| e.run(r)).collect();
    Outcome::of(e, &runs).unwrap()
}

fn mean(o: &Outcome, v: usize, kpi: &str) -> f64 {
    o.variants[v].kpis[kpi].unwrap().mean
}

#[test]
fn common_random_numbers_leave_a_wage_change_in_cost_alone() {
    let mut b = uk();
    b["wage_per_hour"] = json!(27.8);
    let s = spec(json!({"experiment": "compare", "a": uk(), "b": b, "days": 3, "replications": 3}));
    let e = Experiment::prepare(&s, &experiment::CLI).unwrap();
    let o = run_all(&e);
    let d = &o.variants[1].difference;
    // Same seeds, same orders, same trips: on-time differs by exactly 0.
    let on_time = d["on_time_rate"].unwrap();
    assert_eq!((on_time.mean, on_time.sd), (0.0, 0.0));
    assert_eq!(d["orders_placed"].unwrap().mean, 0.0);
    // Doubling the wage raises the cost, and the interval says so.
    let cost = d["cost_total"].unwrap();
    assert!(cost.mean > 0.0 && cost.excludes_zero(), "{cost:?}");
    assert!(mean(&o, 1, "cost_per_package") > mean(&o, 0, "cost_per_package"));
    // Replications differ from each other: the seeds are not shared within a variant.
    assert!(o.variants[0].kpis["orders_placed"].unwrap().sd > 0.0);
    assert_eq!(o.variants[0].series.len(), 3);
}

fn z_sweep(values: &[f64]) -> Spec {
    let mut s = uk();
    // Coalville's base stock holds most SKUs of the network.
    s["policies"][0]["rule"] = json!({"type": "base_stock", "z": 1.65});
    spec(json!({
        "experiment": "sweep", "scenario": s, "days": 7, "replications": 2, "seed": 9,
        "parameters": [{"label": "Coalville z", "path": "policies[0].rule.z", "values": values}]
    }))
}

#[test]
fn a_sweep_of_safety_stock_raises_fill_and_holding() {
    let e = Experiment::prepare(&z_sweep(&[0.0, 3.0]), &experiment::CLI).unwrap();
    assert_eq!(e.runs(), 6);
    let o = run_all(&e);
    let labels: Vec<&str> = o.variants.iter().map(|v| v.label.as_str()).collect();
    assert_eq!(
        labels,
        ["current scenario", "Coalville z = 0", "Coalville z = 3"]
    );
    assert_eq!(o.variants[0].settings, [Some(1.65)]);
    assert_eq!(o.variants[2].settings, [Some(3.0)]);
    let (low, high) = (mean(&o, 1, "fill_rate"), mean(&o, 2, "fill_rate"));
    assert!(
        high > low + 0.005,
        "fill rate {low} at z = 0, {high} at z = 3"
    );
    assert!(!o.pareto.is_empty() && o.pareto.iter().all(|&i| i < 3));
}

#[test]
fn shards_merge_to_the_bytes_one_process_gives() {
    let e = Experiment::prepare(&z_sweep(&[0.5, 2.0]), &experiment::CLI).unwrap();
    let whole = serde_json::to_string_pretty(&run_all(&e)).unwrap();
    // Three shards, written as JSON lines and read back in reverse.
    let mut lines = Vec::new();
    for i in 1..=3 {
        let shard: Vec<u64> = e.shard(i, 3).collect();
        assert!(shard.iter().all(|r| r % 3 == i - 1));
        lines.extend(
            shard
                .into_iter()
                .map(|r| serde_json::to_string(&e.run(r)).unwrap()),
        );
    }
    assert_eq!(lines.len() as u64, e.runs());
    let runs: Vec<RunResult> = lines
        .iter()
        .rev()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let merged = serde_json::to_string_pretty(&Outcome::of(&e, &runs).unwrap()).unwrap();
    assert_eq!(merged, whole);
    // A missing or doubled run is named.
    let err = Outcome::of(&e, &runs[1..]).unwrap_err();
    assert!(err.contains("1 of 6 runs are missing"), "{err}");
    let mut doubled = runs.clone();
    doubled.push(runs[0].clone());
    assert!(
        Outcome::of(&e, &doubled)
            .unwrap_err()
            .contains("appears twice")
    );
    // A run of another spec is refused.
    let other = Experiment::prepare(&z_sweep(&[0.5, 2.5]), &experiment::CLI).unwrap();
    assert!(
        Outcome::of(&other, &runs)
            .unwrap_err()
            .contains("another experiment")
    );
}

/// The problems `s` is refused with (and a short failure if it is not).
fn refused(s: &Spec, allow: &experiment::Allowance) -> Vec<supply_sim::Problem> {
    match Experiment::prepare(s, allow) {
        Ok(e) => panic!("prepared {} runs", e.runs()),
        Err(p) => p,
    }
}

#[test]
fn a_bad_spec_is_named_and_work_past_the_budget_is_refused() {
    let mut s = z_sweep(&[1.0]);
    if let experiment::Design::Sweep { parameters, .. } = &mut s.design {
        parameters[0].path = "policies[9].rule.z".into();
    }
    let p = refused(&s, &experiment::CLI);
    assert_eq!(p[0].path, "parameters[0].path");
    assert!(
        p[0].message.contains("Coalville z") && p[0].message.contains("policies[9]"),
        "{}",
        p[0].message
    );

    let mut s = z_sweep(&[-5.0]);
    s.replications = 1;
    let p = refused(&s, &experiment::CLI);
    assert!(p.iter().any(|p| p.path == "replications"), "{p:?}");

    // A negative scale is a bad scenario: the problem names the variant.
    let mut s = z_sweep(&[1.0]);
    if let experiment::Design::Sweep { parameters, .. } = &mut s.design {
        parameters[0] =
            serde_json::from_value(json!({"label": "Scale", "path": "scale", "values": [-1.0]}))
                .unwrap();
    }
    let p = refused(&s, &experiment::CLI);
    assert!(
        p[0].message.starts_with("in Scale = -1:"),
        "{}",
        p[0].message
    );

    // 365 days × 1,000 replications of the UK network: refused with the figure.
    let mut s = z_sweep(&[1.0, 2.0]);
    s.days = 365;
    s.replications = 1000;
    let p = refused(&s, &experiment::PAGE);
    assert!(p[0].message.contains("million orders"), "{}", p[0].message);
    s.replications = 5000;
    let p = refused(&s, &experiment::CLI);
    assert!(p[0].message.contains("15000 runs"), "{}", p[0].message);
}
