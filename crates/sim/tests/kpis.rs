//! The live KPI snapshot the UI polls agrees with the full report.

use supply_sim::{Engine, Scenario, builtin, time::DAY, validate};

#[test]
fn live_kpis_match_the_report() {
    let s = Scenario::from_json(builtin::UK_NETWORK).unwrap();
    let mut e = Engine::new(validate(&s).unwrap(), 11);
    e.run_until(5 * DAY);
    let k = e.kpis();
    let r = e.report();
    assert_eq!(k.orders_placed, r.orders.placed);
    assert_eq!(k.orders_delivered, r.orders.delivered);
    assert!((k.on_time_rate - r.service.on_time_rate).abs() < 1e-12);
    assert!((k.net_zero_share - r.emissions.net_zero_share).abs() < 1e-12);
    assert!(
        k.net_zero_share > 0.0 && k.net_zero_share < 1.0,
        "{}",
        k.net_zero_share
    );
    assert!((k.labour_hours - r.cost.labour_hours).abs() < 1e-6 * r.cost.labour_hours.max(1.0));
    assert!(k.labour_hours > 0.0);
}

#[test]
fn one_total_cost_for_tiles_report_and_series() {
    let s = Scenario::from_json(builtin::UK_NETWORK).unwrap();
    let mut e = Engine::new(validate(&s).unwrap(), 3);
    // Mid-period, between events: holding cost must be integrated to now
    // in the tiles exactly as in the report.
    e.run_until(5 * DAY + 7 * 3600 + 123);
    let (k, r) = (e.kpis(), e.report());
    assert!(r.cost.holding > 0.0);
    assert_eq!(k.cost_per_package, r.cost.per_package);
    assert_eq!(k.co2e_g_per_package, r.emissions.co2e_g_per_package);
    assert_eq!(k.fill_rate, r.service.fill_rate);
    assert_eq!(k.mean_lead_time_h, r.service.mean_lead_time_h);
    // The series adds up to the total cost at the period end: no less than
    // a second before it, no more than after everything else due then.
    e.run_until(7 * DAY - 1);
    let before = e.report().cost.total;
    e.run_until(7 * DAY);
    let r = e.report();
    let series: f64 = r.series.iter().map(|p| p.cost).sum();
    assert_eq!(r.series.len(), 7);
    assert!(
        before <= series * (1.0 + 1e-12) && series <= r.cost.total * (1.0 + 1e-12),
        "{before} <= {series} <= {}",
        r.cost.total
    );
}

#[test]
fn the_warm_up_is_left_out_of_every_figure() {
    use serde_json::json;
    let mut v: serde_json::Value = serde_json::from_str(builtin::UK_NETWORK).unwrap();
    let run = |v: &serde_json::Value| {
        let s = Scenario::from_json(&v.to_string()).unwrap();
        let mut e = Engine::new(validate(&s).unwrap(), 5);
        e.run_until(14 * DAY);
        e.report()
    };
    v["warmup_days"] = json!(0);
    let whole = run(&v);
    v["warmup_days"] = json!(7);
    let after = run(&v);
    assert_eq!(after.measured_from_day, 7.0);
    // Counts, costs and time averages cover days 8–14 only.
    let share = after.orders.placed as f64 / whole.orders.placed as f64;
    // uk-network has a sale in the second week.
    assert!(
        (0.45..0.7).contains(&share),
        "orders placed after the warm-up: {share}"
    );
    assert!(after.cost.total < 0.7 * whole.cost.total);
    assert!(after.cost.holding < 0.7 * whole.cost.holding);
    // The period series still covers the whole run, and its periods after
    // the warm-up add up to the report's total (less what falls due at the
    // last period's closing instant, which counts in the next period).
    assert_eq!(after.series.len(), 14);
    let tail: f64 = after.series[7..].iter().map(|p| p.cost).sum();
    let total = after.cost.total;
    assert!(
        tail <= total * (1.0 + 1e-12) && tail > 0.99 * total,
        "{tail} vs {total}"
    );
    assert_eq!(
        after.conservation, whole.conservation,
        "units are whole-run"
    );
}
