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
