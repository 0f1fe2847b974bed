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
