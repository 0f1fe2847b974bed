//! The built-in beer game shows the bullwhip effect: order variance grows
//! at every step up the chain (retailer → wholesaler → distributor → factory).

#![cfg(not(target_arch = "wasm32"))]

#[test]
fn beer_game_order_variance_amplifies_upstream() {
    let r = supply_sim::run_json(supply_sim::builtin::BEER_GAME, None, 1).unwrap();
    let var = |id: &str| {
        let f = r.facilities.iter().find(|f| f.id == id).unwrap();
        (f.demand_variance.unwrap(), f.orders_variance.unwrap())
    };
    let stages = ["retailer", "wholesaler", "distributor", "factory"];
    let mut last_orders = 0.0;
    for s in stages {
        let (d, o) = var(s);
        assert!(
            o > d,
            "{s}: orders variance {o} should exceed demand variance {d}"
        );
        assert!(
            o > last_orders,
            "{s}: orders variance {o} should exceed the stage below ({last_orders})"
        );
        last_orders = o;
    }
    assert!(r.conservation.balanced());
    // Holding and backorder costs are the game's only costs.
    assert_eq!(r.cost.transport, 0.0);
    assert!(r.cost.holding > 0.0 && r.cost.backorder > 0.0);
}

/// Orders variance over end-customer demand variance at each stage,
/// retailer first.
fn amplification(beer: &serde_json::Value) -> Vec<f64> {
    let r = supply_sim::run_json(&beer.to_string(), None, 1).unwrap();
    let var = |id: &str| {
        let f = r.facilities.iter().find(|f| f.id == id).unwrap();
        (f.demand_variance.unwrap(), f.orders_variance.unwrap())
    };
    let customers = var("retailer").0;
    ["retailer", "wholesaler", "distributor", "factory"]
        .iter()
        .map(|s| var(s).1 / customers)
        .collect()
}

#[test]
fn sharing_end_customer_demand_damps_the_bullwhip_upstream() {
    let mut beer: serde_json::Value = serde_json::from_str(supply_sim::builtin::BEER_GAME).unwrap();
    let alone = amplification(&beer);
    for p in beer["policies"].as_array_mut().unwrap() {
        p["forecast_from"] = "end_customers".into();
    }
    let shared = amplification(&beer);
    // The retailer's own demand is end-customer demand either way.
    assert_eq!(alone[0], shared[0]);
    // Upstream, each stage forecasts the step in customer demand rather
    // than the amplified orders below it: the amplification falls, and
    // falls most at the factory.
    for k in 1..4 {
        assert!(shared[k] < alone[k], "stage {k}: {shared:?} vs {alone:?}");
    }
    assert!(
        shared[3] < 0.6 * alone[3],
        "factory: shared {} vs alone {}",
        shared[3],
        alone[3]
    );
}
