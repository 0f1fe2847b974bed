//! A short run of a fuzzed valid scenario: a supplier or port, two FCs (one
//! may order from the other), a sortation centre, a delivery station and
//! two zones, with the fuzzer choosing demand, capacities, lanes, rules,
//! forecasts, controls, the stockout rule, which lanes are electric, the
//! box set and the sales channels (priority, a seller's catalogue, the
//! multi-channel share and promise, a van fleet limit), a border with
//! customs, regulation (carbon price, drivers' hours, a low-emission zone),
//! a sea lane into the port with ETA updates, an expedite source, and a
//! competitor. A scenario that
//! validates and fits the page's budget runs for one or two days without a
//! panic, every unit is accounted for (supplied = on hand + in transit +
//! delivered + lost), the Shipment Zero share and the packing figures are
//! shares, the channels add up to the orders, and the fees, levies and
//! demand multipliers are finite and not negative.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use serde_json::{Value, json};
use supply_sim::{Engine, Scenario, SimTime, budget, time::DAY};

/// A zone's orders a day at most (before the demand multiplier, up to
/// ×4.9). Capacities from 1 an hour and vans from 1 kg still queue, stock
/// out and fill at this rate, and the cap keeps an input near a millisecond
/// so the long run of 10 million inputs takes under two hours on one core.
const MAX_ORDERS_PER_DAY: u16 = 40;

#[derive(Arbitrary, Debug)]
struct Knobs {
    days: u8,
    seed: u64,
    port: bool,
    lost_sales: bool,
    orders_per_day: [u16; 2],
    distribution: u8,
    capacity: [u16; 3],
    lead_hours: u16,
    van_kg: u16,
    dispatch_hours: u8,
    upstream: bool,
    rules: [(u8, u16, u16); 2],
    forecast: u8,
    share: bool,
    multiplier: u8,
    skus: u8,
    /// Box set: none, right-sized, or a default box.
    packaging: u8,
    box_cm: [u8; 3],
    /// Which lanes run on net-zero modes (one bit a lane).
    electric: u8,
    /// Channels: the priority rule, the catalogue a seller's or not, the
    /// multi-channel share and promise, and the van fleet limit.
    channels: u8,
    multichannel: u8,
    vans: u8,
    /// fc2 abroad with customs (wait, fees, duty), the carbon price,
    /// drivers' hours and a low-emission zone.
    borders: u8,
    /// A sea lane into the port, ETA updates, an expedite source, a
    /// competitor's promise.
    ocean: u8,
}

/// A lane's mode: the diesel one, or its zero-emission counterpart.
fn mode(k: &Knobs, bit: u8, diesel: &str, electric: &str) -> String {
    if k.electric & (1 << bit) != 0 {
        electric
    } else {
        diesel
    }
    .to_owned()
}

fn channels(k: &Knobs) -> Value {
    let priority = ["first_come", "site_first", "multichannel_first"][usize::from(k.channels % 3)];
    let promise = ["same_day", "next_day", "two_day"][usize::from(k.channels / 3 % 3)];
    json!({"priority": priority, "multichannel_promise": promise,
           "fulfilment_fee_per_unit": 3.0, "storage_fee_per_m3_month": 26.5})
}

fn packaging(k: &Knobs) -> Value {
    let cm = k.box_cm.map(|c| 1 + u32::from(c % 80));
    match k.packaging % 3 {
        0 => Value::Null,
        n => json!({
            "right_sizing": n == 1,
            "default_box": "B",
            "boxes": [{"name": "A", "cm": [22, 16, 5]}, {"name": "B", "cm": cm}]
        }),
    }
}

fn rule(kind: u8, a: u16, b: u16) -> Value {
    let (a, b) = (f64::from(a) / 10.0, f64::from(b) / 10.0);
    match kind % 6 {
        0 => json!({"type": "base_stock", "z": a.min(40.0) / 10.0}),
        1 => json!({"type": "s_S", "s": a, "S": a + b}),
        2 => json!({"type": "r_q", "r": a, "q": b.max(1.0)}),
        3 => json!({"type": "periodic", "z": a.min(40.0) / 10.0}),
        4 => json!({"type": "jit", "safety_factor": (a / 100.0).min(1.0)}),
        _ => json!({"type": "vmi", "min_days": a.min(30.0), "max_days": a.min(30.0) + b.min(30.0)}),
    }
}

fn forecast(k: u8) -> Value {
    match k % 6 {
        0 => json!({"type": "moving_average", "periods": 7}),
        1 => json!({"type": "exp_smoothing", "alpha": 0.3}),
        2 => json!({"type": "holt_winters", "alpha": 0.2, "beta": 0.05, "gamma": 0.2}),
        3 => json!({"type": "croston", "alpha": 0.1}),
        4 => json!({"type": "tsb", "alpha": 0.1, "beta": 0.1}),
        _ => json!({"type": "learned"}),
    }
}

fn scenario(k: &Knobs) -> Value {
    let source = if k.port {
        json!({"id": "src", "name": "Port", "kind": "port", "lat": 51.95, "lon": 1.3, "vessel_interval_hours": 1 + u32::from(k.lead_hours % 200), "dwell_hours": 6})
    } else {
        json!({"id": "src", "name": "Supplier", "kind": "supplier", "lat": 52.5, "lon": -1.9, "lead_time_hours": f64::from(k.lead_hours % 500), "vmi": true})
    };
    let fc = |id: &str, lat: f64, cap: u16| json!({"id": id, "name": id, "kind": "fulfillment_center", "lat": lat, "lon": -1.2, "capacity_per_hour": 1 + u32::from(cap)});
    let dist = match k.distribution % 4 {
        0 => json!({"type": "poisson"}),
        1 => json!({"type": "normal", "cv": 0.3}),
        2 => json!({"type": "negative_binomial", "dispersion": 5}),
        _ => json!({"type": "deterministic"}),
    };
    let second_source = if k.upstream { "fc1" } else { "src" };
    let mut v = json!({
        "version": 1, "name": "fuzzed", "period_hours": 24,
        "days": 1 + u32::from(k.days % 2),
        "stockout": if k.lost_sales { "lost_sale" } else { "backorder" },
        "product_catalog": {"count": 1 + u32::from(k.skus % 8), "prefix": "S", "weight_kg": 0.5, "volume_m3": 0.002, "value": 20, "backorder_cost_per_unit_day": 0.2, "lost_sale_cost": 3, "seller": k.channels & 0x80 != 0},
        "facilities": [
            source,
            fc("fc1", 52.6, k.capacity[0]),
            fc("fc2", 53.4, k.capacity[1]),
            {"id": "sc", "name": "Sort", "kind": "sortation_center", "lat": 52.4, "lon": -1.3, "capacity_per_hour": 1 + u32::from(k.capacity[2])},
            {"id": "ds", "name": "Station", "kind": "delivery_station", "lat": 52.45, "lon": -1.9, "capacity_per_hour": 2000},
            {"id": "z1", "name": "Zone 1", "kind": "customer_zone", "lat": 52.48, "lon": -1.89, "radius_km": 8, "promise": "next_day"},
            {"id": "z2", "name": "Zone 2", "kind": "customer_zone", "lat": 52.52, "lon": -1.95, "radius_km": 5, "promise": "same_day"}
        ],
        "lanes": [
            {"from": "src", "to": "fc1", "mode": mode(k, 0, "diesel_hgv", "electric_hgv")},
            {"from": second_source, "to": "fc2", "mode": mode(k, 1, "diesel_hgv", "electric_rail")},
            {"from": "fc1", "to": "sc", "mode": mode(k, 2, "diesel_hgv", "electric_hgv")},
            {"from": "fc2", "to": "sc", "mode": "electric_rail"},
            {"from": "sc", "to": "ds", "mode": mode(k, 3, "diesel_hgv", "electric_hgv")},
            {"from": "ds", "to": "z1", "mode": mode(k, 4, "diesel_van", "electric_van"), "capacity_kg": 1 + u32::from(k.van_kg), "dispatch": {"every_hours": 1 + u32::from(k.dispatch_hours % 24)}},
            {"from": "ds", "to": "z2", "mode": mode(k, 5, "crowdsourced", "electric_van")}
        ],
        "demand": [
            {"zone": "z1", "orders_per_day": f64::from(k.orders_per_day[0] % MAX_ORDERS_PER_DAY), "distribution": dist, "sku_mix": {"type": "zipf", "s": 1.0}, "multichannel_share": f64::from(k.multichannel % 101) / 100.0},
            {"zone": "z2", "orders_per_day": f64::from(k.orders_per_day[1] % MAX_ORDERS_PER_DAY), "distribution": {"type": "poisson"}, "sku_mix": {"type": "uniform"}}
        ],
        "controls": [{"at_h": 12, "demand_multiplier": f64::from(k.multiplier % 50) / 10.0}],
        "policies": [
            {"facility": "fc1", "source": "src", "rule": rule(k.rules[0].0, k.rules[0].1, k.rules[0].2), "forecast": forecast(k.forecast), "forecast_from": if k.share { "end_customers" } else { "orders" }},
            {"facility": "fc2", "source": second_source, "rule": rule(k.rules[1].0, k.rules[1].1, k.rules[1].2), "forecast": forecast(k.forecast / 6)}
        ],
        "packaging": packaging(k),
        "channels": channels(k)
    });
    if k.vans % 5 != 0 {
        v["lanes"][5]["vehicles"] = json!(u32::from(k.vans % 5));
    }
    add_borders(k, &mut v);
    add_ocean(k, &mut v);
    v
}

/// fc2 in France across customs from the rest in Britain, a carbon price,
/// EU drivers' hours and a charging or barring low-emission zone at z1.
fn add_borders(k: &Knobs, v: &mut Value) {
    if k.borders == 0 {
        return;
    }
    for f in v["facilities"].as_array_mut().into_iter().flatten() {
        f["country"] = json!(if f["id"] == "fc2" { "FR" } else { "GB" });
    }
    let wait = f64::from(k.borders % 25);
    v["borders"] = json!([{"countries": ["GB", "FR"], "delay_hours": wait, "delay_sd_hours": wait / 2.0, "cost_per_declaration": 32.5, "cost_per_parcel": 12, "duty_rate": f64::from(k.borders % 10) / 100.0}]);
    let lez = if k.borders & 0x40 != 0 { "bar" } else { "charge" };
    v["regulation"] = json!({
        "carbon_price_per_tonne": f64::from(k.borders),
        "driver_hours": if k.borders & 0x20 != 0 { json!([{"country": "GB"}, {"country": "FR"}]) } else { json!([]) },
        "low_emission_zones": [{"zone": "z1", "diesel_vans": lez}]
    });
}

/// With a port: its goods sail from an overseas supplier (ETA updates
/// or not); fc1 may expedite from a domestic supplier; a competitor.
fn add_ocean(k: &Knobs, v: &mut Value) {
    if k.port && k.ocean & 1 != 0 {
        v["facilities"].as_array_mut().map(|fs| fs.push(json!({"id": "os", "name": "Overseas", "kind": "supplier", "lat": 31.2, "lon": 121.5, "lead_time_hours": f64::from(k.ocean % 48)})));
        v["lanes"].as_array_mut().map(|ls| ls.push(json!({"from": "os", "to": "src", "mode": "ocean", "distance_km": 30 + u32::from(k.ocean) * 4})));
        if k.ocean & 2 != 0 {
            v["facilities"][0]["eta_updates_hours"] = json!(1 + u32::from(k.ocean % 24));
            v["facilities"][0]["eta_sd_hours"] = json!(u32::from(k.ocean % 40));
        }
    }
    if k.ocean & 4 != 0 {
        v["facilities"].as_array_mut().map(|fs| fs.push(json!({"id": "alt", "name": "Backup", "kind": "supplier", "lat": 52.0, "lon": -1.0, "lead_time_hours": 12})));
        v["lanes"].as_array_mut().map(|ls| ls.push(json!({"from": "alt", "to": "fc1", "mode": "diesel_hgv"})));
        v["policies"][0]["expedite_from"] = json!("alt");
    }
    if k.ocean & 8 != 0 {
        let promise = ["same_day", "next_day", "two_day"][usize::from(k.ocean / 16 % 3)];
        v["competition"] = json!({"promise": promise, "on_time": f64::from(k.ocean % 101) / 100.0, "window_days": 1 + u32::from(k.ocean % 7)});
    }
}

fuzz_target!(|k: Knobs| {
    let mut v = scenario(&k);
    if v["packaging"].is_null() {
        v.as_object_mut().map(|o| o.remove("packaging"));
    }
    let Ok(s) = Scenario::from_json(&v.to_string()) else {
        return;
    };
    let days = s.days;
    let Ok((net, _)) = budget::validate_within(&s, days, &budget::PAGE) else {
        return;
    };
    let mut e = Engine::new(net, k.seed);
    e.run_until(SimTime::from(days) * DAY);
    let r = e.report();
    assert!(
        r.conservation.balanced(),
        "units unaccounted for: {:?}",
        r.conservation
    );
    let zero = r.emissions.shipment_zero_share;
    assert!((0.0..=1.0).contains(&zero), "shipment zero share {zero}");
    if let Some(p) = &r.packaging {
        assert!(p.boxed <= p.parcels && (0.0..1.0).contains(&p.air_share.max(0.0)));
    }
    let channels: u64 = r.breakdown.channels.iter().map(|c| c.placed).sum();
    assert_eq!(channels, r.orders.placed, "channels must add up to the orders");
    if let Some(c) = &r.channels {
        let fees = [c.marketplace_fees, c.multichannel_fees, c.storage_fees];
        assert!(fees.iter().all(|f| f.is_finite() && *f >= 0.0), "fees {c:?}");
    }
    let c = &r.cost;
    let levies = [c.customs, c.low_emission_zones, c.carbon, c.total];
    assert!(levies.iter().all(|x| x.is_finite() && *x >= 0.0), "cost {c:?}");
    if let Some(m) = &r.competition {
        assert!(m.zones.iter().all(|z| z.demand_multiplier.is_finite() && z.demand_multiplier > 0.0));
    }
    assert!(serde_json::to_string(&r).is_ok());
});
