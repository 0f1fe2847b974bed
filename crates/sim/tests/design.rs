//! Network design: the facility-location model opens the stations the
//! textbook answer opens, never costs more than the network as it is,
//! writes a design into a scenario that runs, and reproduces natively and
//! in wasm.
//!
//! Regenerate the golden only on purpose, after a model change:
//! `cargo run --release -p supply-cli -- design builtin:uk-network --json > crates/sim/tests/golden/design-uk-network-grid5.json`

#[cfg(not(target_arch = "wasm32"))]
use serde_json::json;
use supply_sim::design::{self, DEFAULT_GRID, DEFAULT_NODE_LIMIT, Request};
use supply_sim::{Scenario, builtin};

fn request(s: Scenario, grid: u32) -> Request {
    Request {
        scenario: s,
        grid,
        node_limit: DEFAULT_NODE_LIMIT,
    }
}

/// Three zones 50 km apart on a line, each with a station on it, costing
/// rent alone (no crew), the textbook's trade of fixed cost against travel.
#[cfg(not(target_arch = "wasm32"))]
fn line(fixed_per_day: f64) -> Scenario {
    let station = |i: u32| {
        json!({"id": format!("DS{i}"), "name": format!("Station {i}"), "kind": "delivery_station",
               "lat": 52.0, "lon": -1.0 + 0.733 * f64::from(i), "capacity_per_hour": 2000,
               "fixed_cost_per_day": fixed_per_day, "labour_hours_per_unit": 0})
    };
    let zone = |i: u32| {
        json!({"id": format!("Z{i}"), "name": format!("Zone {i}"), "kind": "customer_zone",
               "lat": 52.0, "lon": -1.0 + 0.733 * f64::from(i), "radius_km": 5, "promise": "two_day"})
    };
    let lane = |from: &str, to: String, mode: &str| json!({"from": from, "to": to, "mode": mode});
    let mut lanes = vec![lane("s", "fc".into(), "diesel_hgv")];
    for i in 0..3 {
        lanes.push(lane("fc", format!("DS{i}"), "diesel_hgv"));
        lanes.push(lane(&format!("DS{i}"), format!("Z{i}"), "diesel_van"));
    }
    let demand = |i: u32| {
        json!({"zone": format!("Z{i}"), "orders_per_day": 10000, "distribution": {"type": "poisson"},
               "sku_mix": {"type": "uniform"}})
    };
    let v = json!({
        "version": 1, "name": "line",
        "products": [{"id": "a", "weight_kg": 1, "volume_m3": 0.002, "value": 10}],
        "facilities": [
            {"id": "s", "name": "Supplier", "kind": "supplier", "lat": 52.5, "lon": -0.27},
            {"id": "fc", "name": "FC", "kind": "fulfillment_center", "lat": 52.3, "lon": -0.27, "capacity_per_hour": 5000},
            station(0), station(1), station(2), zone(0), zone(1), zone(2)],
        "lanes": lanes,
        "demand": [demand(0), demand(1), demand(2)],
        "policies": [{"facility": "fc", "source": "s", "rule": {"type": "base_stock", "level": 100000}}]
    });
    serde_json::from_value(v).unwrap()
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn fixed_costs_trade_against_van_stems_as_the_textbook_says() {
    // Cheap stations: one in every zone, no stems at all.
    let cheap = design::suggest(&request(line(1.0), 0)).unwrap();
    assert!(cheap.optimal);
    assert_eq!(cheap.sites.len(), 3);
    assert!(cheap.closed.is_empty());
    // Dear stations: only the middle one, 50 km from each end. Its stems
    // cost 2 × 50 km × 1.3 × £0.627 / 150 parcels ≈ £0.54 a parcel, far
    // below a second station's £1,000,000 a day.
    let dear = design::suggest(&request(line(1e6), 0)).unwrap();
    assert_eq!(dear.sites.len(), 1, "{:?}", dear.sites);
    assert_eq!(dear.sites[0].candidate.existing.as_deref(), Some("DS1"));
    assert_eq!(dear.sites[0].zones, ["Z0", "Z1", "Z2"]);
    assert_eq!(dear.closed, ["DS0", "DS2"]);
    let stems = 2.0 * 10_000.0 * 0.54;
    assert!(
        (dear.cost_per_day - 1e6 - stems).abs() < 0.03 * stems,
        "{}",
        dear.cost_per_day
    );
    // Capacity binds: 2,000 an hour holds 33,600 a day at 70 %, enough for
    // all three zones; at 1,000 an hour (16,800) one cannot serve 30,000.
    let mut tight = line(1e6);
    for f in &mut tight.facilities {
        if f.capacity_per_hour.is_some() {
            f.capacity_per_hour = Some(1000.0);
        }
    }
    assert_eq!(design::suggest(&request(tight, 0)).unwrap().sites.len(), 2);
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn the_uk_design_costs_no_more_than_the_network_and_runs_when_applied() {
    let s = Scenario::from_json(builtin::UK_NETWORK).unwrap();
    let d = design::suggest(&request(s.clone(), DEFAULT_GRID)).unwrap();
    assert!(d.optimal);
    assert_eq!(d.zones, 21);
    let current = d.current_cost_per_day.unwrap();
    assert!(
        d.cost_per_day <= current + 1e-6,
        "{} > {current}",
        d.cost_per_day
    );
    let served: usize = d.sites.iter().map(|site| site.zones.len()).sum();
    assert_eq!(served, 21);
    // Applied, it validates and runs, each zone fed by one station, the
    // station the design gives it (with every mode it had: vans, drivers).
    let applied = design::apply(&s, &d);
    let net = supply_sim::validate(&applied).unwrap_or_else(|p| panic!("{p:?}"));
    let id_of = |site: &design::Site| {
        site.candidate.existing.clone().unwrap_or_else(|| {
            let f = applied
                .facilities
                .iter()
                .find(|f| f.name == site.candidate.name)
                .unwrap();
            f.id.clone()
        })
    };
    for site in &d.sites {
        for z in &site.zones {
            let before = s.lanes.iter().filter(|l| &l.to == z).count();
            let feeds: Vec<_> = applied.lanes.iter().filter(|l| &l.to == z).collect();
            assert_eq!(feeds.len(), before, "{z}");
            assert!(feeds.iter().all(|l| l.from == id_of(site)), "{z}");
        }
    }
    // Lanes of zones whose station stays are untouched.
    let kept = s.lanes.iter().filter(|l| l.to == "Z-M").collect::<Vec<_>>();
    assert_eq!(
        applied
            .lanes
            .iter()
            .filter(|l| l.to == "Z-M")
            .collect::<Vec<_>>(),
        kept
    );
    let mut e = supply_sim::Engine::new(net, 42);
    e.run_until(2 * supply_sim::time::DAY);
    assert!(e.report().orders.delivered > 0);
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn bad_requests_are_named_and_a_small_node_limit_is_honest() {
    let mut empty = line(1.0);
    empty.demand.clear();
    let p = design::suggest(&request(empty, 0)).unwrap_err();
    assert!(
        p[0].message.contains("no customer zones with demand"),
        "{}",
        p[0].message
    );
    let mut small = line(1.0);
    for f in &mut small.facilities {
        if f.capacity_per_hour.is_some() {
            f.capacity_per_hour = Some(100.0);
        }
    }
    let p = design::suggest(&request(small, 0)).unwrap_err();
    assert!(
        p[0].message.contains("fewer than the zones' 30000"),
        "{}",
        p[0].message
    );
    // An invalid scenario is refused with its own problems.
    let mut bad = line(1.0);
    bad.facilities[2].capacity_per_hour = Some(-5.0);
    let p = design::suggest(&request(bad, 0)).unwrap_err();
    assert!(p.iter().any(|p| p.field == "capacity_per_hour"), "{p:?}");
    // bench-large's 400 zones on a 20 × 20 grid: refused with the figure.
    let large = Scenario::from_json(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../scenarios/bench-large.json"
        ))
        .unwrap(),
    )
    .unwrap();
    match design::suggest(&request(large, 20)) {
        Err(p) => assert!(
            p[0].message.contains("zone–station pairs within reach"),
            "{}",
            p[0].message
        ),
        Ok(d) => assert!(d.zones > 0),
    }
    // One node: an answer is either proved or flagged, or the limit is named.
    let s = Scenario::from_json(builtin::UK_NETWORK).unwrap();
    match design::suggest(&Request {
        scenario: s,
        grid: 8,
        node_limit: 1,
    }) {
        Ok(d) => assert!(d.optimal || d.cost_per_day > 0.0),
        Err(p) => assert!(
            p[0].message.contains("within 1 branch-and-bound nodes"),
            "{}",
            p[0].message
        ),
    }
}

/// microlp does float maths: its design must be the native golden's, byte
/// for byte, in wasm too.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn the_uk_design_matches_the_native_golden() {
    let s = Scenario::from_json(builtin::UK_NETWORK).unwrap();
    let d = design::suggest(&request(s, DEFAULT_GRID)).unwrap();
    let got = serde_json::to_string_pretty(&d).unwrap();
    assert_eq!(
        got,
        include_str!("golden/design-uk-network-grid5.json").trim_end()
    );
}
