//! Units are conserved on random networks: at every step
//! supplied = on hand + in transit + delivered + lost, and the counters agree
//! with a recount of the engine's state.

// Native only: long runs; the wasm determinism check is tests/determinism.rs.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use serde_json::{Value, json};
use supply_sim::{Engine, Scenario, time::HOUR, validate};

#[derive(Debug, Clone)]
struct Spec {
    fcs: usize,
    zones: usize,
    skus: usize,
    rules: Vec<u8>,
    lead_h: Vec<u16>,
    lost_sale: bool,
    loss_rate: f64,
    crossdock: bool,
    fleet: Option<u32>,
    rate: f64,
    chain: bool,
    seed: u64,
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        1usize..=3,
        1usize..=4,
        1usize..=4,
        prop::collection::vec(0u8..6, 3),
        prop::collection::vec(0u16..72, 3),
        any::<bool>(),
        prop_oneof![Just(0.0), 0.0..0.2],
        any::<bool>(),
        prop_oneof![Just(None), (1u32..4).prop_map(Some)],
        5.0..400.0f64,
        any::<bool>(),
        any::<u64>(),
    )
        .prop_map(
            |(
                fcs,
                zones,
                skus,
                rules,
                lead_h,
                lost_sale,
                loss_rate,
                crossdock,
                fleet,
                rate,
                chain,
                seed,
            )| Spec {
                fcs,
                zones,
                skus,
                rules,
                lead_h,
                lost_sale,
                loss_rate,
                crossdock,
                fleet,
                rate,
                chain,
                seed,
            },
        )
}

fn scenario(s: &Spec) -> Value {
    let mut facilities = vec![
        json!({"id": "sup", "name": "S", "kind": "supplier", "lat": 52.0, "lon": -2.0, "vmi": true, "lead_time_hours": 6, "production_per_day": 5000}),
        json!({"id": "port", "name": "P", "kind": "port", "lat": 51.9, "lon": 1.3, "vessel_interval_hours": 48, "eta_sd_hours": 10, "dwell_hours": 12}),
        json!({"id": "sc", "name": "SC", "kind": "sortation_center", "lat": 52.5, "lon": -1.5, "capacity_per_hour": 500}),
        json!({"id": "ds", "name": "DS", "kind": "delivery_station", "lat": 52.6, "lon": -1.4, "capacity_per_hour": 300, "shifts": [{"start_hour": 5, "end_hour": 23}]}),
    ];
    let mut lanes = vec![
        json!({"from": "sc", "to": "ds", "mode": "electric_hgv", "dispatch": {"every_hours": 2, "when_full": true}}),
    ];
    let mut policies = vec![];
    let rules = [
        json!({"type": "base_stock", "z": 1.0}),
        json!({"type": "s_S", "s": 20, "S": 120}),
        json!({"type": "r_q", "r": 30, "q": 50}),
        json!({"type": "periodic", "z": 1.2}),
        json!({"type": "jit", "safety_factor": 0.1}),
        json!({"type": "vmi", "min_days": 2, "max_days": 5}),
    ];
    for f in 0..s.fcs {
        let id = format!("fc{f}");
        facilities.push(json!({"id": id, "name": id, "kind": "fulfillment_center", "lat": 52.0 + f as f64 * 0.3, "lon": -1.0,
            "capacity_per_hour": 80 + 40 * f, "automation": (["manual", "mechanised", "robotic"][f % 3]),
            "shifts": [{"start_hour": 6, "end_hour": 22}]}));
        let upstream_fc = s.chain && f > 0;
        let src = if upstream_fc {
            "fc0".to_string()
        } else if f % 2 == 0 {
            "sup".into()
        } else {
            "port".into()
        };
        let mode = if upstream_fc {
            "electric_rail"
        } else {
            "diesel_hgv"
        };
        lanes.push(json!({"from": src, "to": id, "mode": mode, "transit_hours": s.lead_h[f % 3]}));
        let mut rule = rules[s.rules[f % 3] as usize].clone();
        if rule["type"] == "vmi" && src != "sup" {
            rule = rules[0].clone();
        }
        policies.push(json!({"facility": id, "source": src, "rule": rule, "order_delay_hours": 2,
            "forecast": {"type": "exp_smoothing", "alpha": 0.3}, "initial_in_transit_per_period": 5}));
        if s.crossdock {
            lanes.push(json!({"from": id, "to": "sc", "mode": "diesel_hgv", "dispatch": {"every_hours": 4, "when_full": true}, "capacity_kg": 300}));
        }
    }
    let mut demand = vec![];
    for z in 0..s.zones {
        let id = format!("z{z}");
        facilities.push(json!({"id": id, "name": id, "kind": "customer_zone", "lat": 52.7 + z as f64 * 0.05, "lon": -1.3,
            "radius_km": 5, "promise": (["same_day", "next_day", "two_day"][z % 3])}));
        let mut lane = json!({"from": "ds", "to": id, "mode": (["electric_van", "diesel_van", "crowdsourced", "drone"][z % 4]),
            "loss_rate": s.loss_rate, "dispatch": {"every_hours": 1, "when_full": true}});
        if z % 4 == 3 {
            lane["distance_km"] = json!(5);
        }
        if let Some(v) = s.fleet {
            lane["vehicles"] = json!(v);
        }
        if z % 4 == 2 {
            lane["vehicles"] = json!(s.fleet.unwrap_or(3));
            lane["hourly_availability"] = json!([
                0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.5, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0.5,
                0.3, 0.0
            ]);
        }
        lanes.push(lane);
        if !s.crossdock {
            for f in 0..s.fcs {
                lanes.push(json!({"from": format!("fc{f}"), "to": id, "mode": "diesel_van", "dispatch": {"every_hours": 3}}));
            }
        }
        demand.push(json!({"zone": id, "orders_per_day": s.rate, "units_per_order": 1 + z % 2,
            "distribution": ([json!({"type": "poisson"}), json!({"type": "negative_binomial", "dispersion": 2}), json!({"type": "normal", "cv": 0.5})][z % 3]),
            "sku_mix": {"type": "zipf", "s": 0.8}, "multichannel_share": 0.2,
            "events": [{"start_day": 3, "days": 2, "multiplier": 3}]}));
    }
    json!({
        "version": 1, "name": "random", "period_hours": 24,
        "stockout": if s.lost_sale { "lost_sale" } else { "backorder" },
        "product_catalog": {"count": s.skus, "prefix": "K", "weight_kg": 1.5, "volume_m3": 0.004, "value": 20},
        "facilities": facilities, "lanes": lanes, "demand": demand, "policies": policies
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn units_are_conserved_at_every_step(s in spec()) {
        let v = scenario(&s);
        let sc = Scenario::from_json(&v.to_string()).map_err(|p| TestCaseError::fail(format!("{p:?}")))?;
        let net = validate(&sc).map_err(|p| TestCaseError::fail(format!("{p:#?}")))?;
        let mut e = Engine::new(net, s.seed);
        let mut steps = 0;
        while e.now() < 10 * 24 * HOUR && steps < 20_000 {
            // Irregular budgets, as the UI would use.
            e.step(1 + (steps % 37));
            steps += 1;
            if steps % 50 == 0 {
                let c = e.conservation();
                prop_assert!(c.balanced(), "unbalanced at t={}: {c:?}", e.now());
                prop_assert_eq!(c, e.audit(), "counters disagree with the state at t={}", e.now());
            }
        }
        let r = e.report();
        if std::env::var("CONSERVATION_VERBOSE").is_ok() {
            eprintln!("t={} events={} placed={} delivered={} {:?}", e.now(), r.events, r.orders.placed, r.orders.delivered, r.conservation);
        }
        prop_assert!(r.conservation.balanced());
        prop_assert_eq!(r.conservation, e.audit());
        prop_assert!(r.orders.placed > 0);
        prop_assert_eq!(r.orders.placed, r.orders.delivered + r.orders.lost + r.orders.open);
        for x in [r.service.fill_rate, r.service.on_time_rate, r.emissions.net_zero_share] {
            prop_assert!((0.0..=1.0).contains(&x), "rate out of range: {x}");
        }
        for f in &r.facilities {
            prop_assert!((0.0..=1.0).contains(&f.utilization));
            if let Some(x) = f.fill_rate { prop_assert!((0.0..=1.0).contains(&x)); }
            if let Some(x) = f.cycle_service_level { prop_assert!((0.0..=1.0).contains(&x)); }
        }
    }
}
