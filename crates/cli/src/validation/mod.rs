//! The mechanics' experiments in `VALIDATION.md`: each changes one thing in
//! a built-in scenario and shows the effect has the right direction and
//! size. Every figure comes from a run made here, at the default seed.

mod borders;
mod competition;
mod experiments;
mod ocean;

use serde_json::{Value, json};
use std::fmt::Write as _;
use supply_sim::optimise;
use supply_sim::scenario::{FacilityKind, ForecastSpec};
use supply_sim::view::format::percent;
use supply_sim::{Engine, Report, Scenario, builtin, defaults::SEED, time::DAY, validate};

/// Every experiment's section, in order.
pub fn markdown() -> Result<String, String> {
    Ok([
        forecasts()?,
        sharing()?,
        optimise_stock()?,
        tracking()?,
        shipment_zero()?,
        packaging()?,
        breakdowns()?,
        channels()?,
        disruptions()?,
        borders::customs_vs_local_stock()?,
        ocean::visibility()?,
        competition::faster_promises()?,
        experiments::common_random_numbers()?,
        experiments::network_design()?,
    ]
    .concat())
}

fn run(v: &Value, days: u32) -> Result<Report, String> {
    supply_sim::run_json(&v.to_string(), Some(days), SEED)
        .map_err(|p| format!("experiment scenario invalid: {p:?}"))
}

fn builtin_json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or(Value::Null)
}

/// Days of the forecast experiment: half a year, so the learned model has
/// months of history and 13 deal periods to learn from.
const FORECAST_DAYS: u32 = 182;

/// The UK network with a deal of ×2.5 for two days every fortnight from day
/// 5, marked in the demand calendar, and every FC on periodic review with
/// the given forecast and z.
fn deal_days(forecast: Value, z: f64) -> Value {
    let mut v = builtin_json(builtin::UK_NETWORK);
    v["days"] = json!(FORECAST_DAYS);
    let deals: Vec<Value> = (0..13)
        .map(|k| json!({"name": format!("Deal days {}", k + 1), "start_day": 5 + 14 * k, "days": 2, "multiplier": 2.5}))
        .collect();
    for d in v["demand"].as_array_mut().into_iter().flatten() {
        d["events"] = json!(deals);
    }
    for p in v["policies"].as_array_mut().into_iter().flatten() {
        p["rule"] = json!({"type": "periodic", "z": z});
        p["forecast"] = forecast.clone();
    }
    v
}

/// Mean units on hand over the FCs, and the pooled forecast WAPE.
fn stock_and_wape(r: &Report) -> (f64, Option<f64>) {
    let fcs = r.facilities.iter().filter(|f| f.forecast.is_some());
    let on_hand = fcs.clone().map(|f| f.mean_on_hand).sum();
    let (mut err, mut n) = (0.0, 0.0);
    for f in fcs.filter_map(|f| f.forecast.as_ref()) {
        if let Some(w) = f.all.wape {
            err += w * f.all.periods as f64;
            n += f.all.periods as f64;
        }
    }
    (on_hand, (n > 0.0).then(|| err / n))
}

fn forecasts() -> Result<String, String> {
    // The models at the values the inspector starts them at.
    let starter = |k: usize| {
        let f = ForecastSpec::STARTERS[k];
        (f.title(), serde_json::to_value(f).unwrap_or(Value::Null))
    };
    let (ma, hw, learned) = (starter(0), starter(2), starter(5));
    let variants = [
        (ma.0, ma.1.clone(), 1.65),
        (ma.0, ma.1, 2.3),
        (hw.0, hw.1, 1.65),
        (learned.0, learned.1, 1.65),
    ];
    let mut s = format!(
        "\n## Forecasts drive stock\n\nThe UK network with a two-day deal (×2.5) every fortnight from \
         day 5, marked in the demand calendar; every FC on periodic review, ordering up to the \
         forecast over lead time and review plus z × the forecast error's standard deviation. \
         {FORECAST_DAYS} days. A better forecast has a smaller error, so it needs less safety stock \
         for the same service.\n\n\
         | forecast | z | WAPE | fill rate | mean on hand (5 FCs) |\n|---|---|---|---|---|\n"
    );
    for (name, forecast, z) in variants {
        let r = run(&deal_days(forecast, z), FORECAST_DAYS)?;
        let (on_hand, wape) = stock_and_wape(&r);
        let _ = writeln!(
            s,
            "| {name} | {z} | {} | {:.3} | {} |",
            wape.map_or("–".into(), |w| format!("{w:.3}")),
            r.service.fill_rate,
            supply_sim::view::format::thousands(on_hand.round() as i64)
        );
    }
    Ok(s)
}

/// Orders variance over end-customer demand variance at each beer-game
/// stage, retailer first.
fn amplification(v: &Value) -> Result<Vec<f64>, String> {
    let r = run(v, 364)?;
    let var = |id: &str| {
        r.facilities
            .iter()
            .find(|f| f.id == id)
            .and_then(|f| Some((f.demand_variance?, f.orders_variance?)))
            .ok_or(format!("beer game: no figures for {id}"))
    };
    let customers = var("retailer")?.0;
    BEER_STAGES
        .iter()
        .map(|s| var(s).map(|(_, o)| o / customers))
        .collect()
}

const BEER_STAGES: [&str; 4] = ["retailer", "wholesaler", "distributor", "factory"];

fn sharing() -> Result<String, String> {
    let mut beer = builtin_json(builtin::BEER_GAME);
    let alone = amplification(&beer)?;
    for p in beer["policies"].as_array_mut().into_iter().flatten() {
        p["forecast_from"] = json!("end_customers");
    }
    let shared = amplification(&beer)?;
    let mut s = String::from(
        "\n## Information sharing damps the bullwhip\n\nThe built-in beer game over 52 weeks: each \
         stage forecasts from the orders it receives, or (`forecast_from: end_customers`) from \
         end-customer demand shared with every stage. The figure is each stage's order variance \
         over the variance of end-customer demand (Chen, Drezner, Ryan & Simchi-Levi 2000: \
         without sharing it grows multiplicatively up the chain, with sharing additively).\n\n\
         | stage | orders alone | end-customer demand shared |\n|---|---|---|\n",
    );
    for (k, stage) in BEER_STAGES.iter().enumerate() {
        let _ = writeln!(s, "| {stage} | {:.1} | {:.1} |", alone[k], shared[k]);
    }
    Ok(s)
}

fn optimise_stock() -> Result<String, String> {
    let mut s = String::from(
        "\n## Optimise stock: the model beside the simulation\n\n`supply-cli plan` plans each SKU's \
         stocking points (Clark–Scarf for a chain, Graves–Willems guaranteed service for other \
         trees) from the forecasts, writes the policies back and runs them. The UK network here \
         has no sale and no trend (steady demand), a 7-day warm-up, plans from the forecasts of day \
         28 and runs 42 days; the two-stage chain (a supplier, a DC and an FC two days apart each, Poisson demand of 400 a day, \
         holding and backorder costs whose critical ratio is 95 %) plans from its demand model and runs \
         200 days with a 20-day warm-up.\n\n\
         | scenario | FC | model | expected on hand | simulated | target cycle service | simulated |\n\
         |---|---|---|---|---|---|---|\n",
    );
    let mut uk = builtin_json(builtin::UK_NETWORK);
    for d in uk["demand"].as_array_mut().into_iter().flatten() {
        d["events"] = json!([]);
        d["trend_per_year"] = json!(0);
    }
    uk["warmup_days"] = json!(7);
    for (name, v, learn, days) in [
        ("UK network, steady", uk, 28, 42),
        ("two-stage chain", two_stage_chain(), 0, 200),
    ] {
        let scenario = Scenario::from_json(&v.to_string()).map_err(|p| format!("{p:?}"))?;
        let net = validate(&scenario).map_err(|p| format!("{p:?}"))?;
        let mut engine = Engine::new(net, SEED);
        engine.run_until(learn * DAY);
        let plan = optimise::optimise(&engine, optimise::DEFAULT_TARGET_SERVICE)?;
        let check = optimise::check(&plan, &scenario, SEED, days).map_err(|p| format!("{p:?}"))?;
        for r in &check.rows {
            let method = plan
                .points
                .iter()
                .find(|p| p.facility == r.facility)
                .map_or("", |p| p.method.title());
            let _ = writeln!(
                s,
                "| {name} | {} | {method} | {:.0} | {:.0} | {} | {} |",
                r.name,
                r.expected_on_hand,
                r.simulated_on_hand,
                percent(r.target_cycle_service),
                percent(r.cycle_service)
            );
        }
    }
    s += "\nWhere the model and the run differ, the run shows what the model leaves out: \
          Daventry (DIRFT) and Tilbury are fed by vessels every 3.5 days and Daventry also \
          ships to Dunfermline by the trainload, so their stock arrives in lumps the \
          guaranteed-service model smooths over. On the chain, stock is worth the same at the DC \
          as at the FC, so Clark–Scarf holds it all at the FC and the DC passes orders on.\n";
    Ok(s)
}

/// Supplier → DC → FC → zone, two days apart, one SKU, Poisson demand of
/// 400 a day; holding 1p and backorder 19p a unit-day (critical ratio 95 %).
fn two_stage_chain() -> Value {
    let fc = |id: &str, lat: f64| json!({"id": id, "name": id.to_uppercase(), "kind": "fulfillment_center", "lat": lat, "lon": -1.0, "capacity_per_hour": 100000});
    json!({
        "version": 1, "name": "two-stage chain", "period_hours": 24, "warmup_days": 20,
        "stockout": "backorder",
        "products": [{"id": "a", "weight_kg": 1.0, "volume_m3": 0.001, "value": 10.0,
                      "holding_rate": 0.365, "backorder_cost_per_unit_day": 0.19}],
        "facilities": [
            {"id": "sup", "name": "Supplier", "kind": "supplier", "lat": 52.0, "lon": -1.0},
            fc("dc", 52.05), fc("fc", 52.1),
            {"id": "z", "name": "Zone", "kind": "customer_zone", "lat": 52.2, "lon": -1.0, "radius_km": 5, "promise": "next_day"}
        ],
        "lanes": [
            {"from": "sup", "to": "dc", "mode": "diesel_hgv", "transit_hours": 48},
            {"from": "dc", "to": "fc", "mode": "diesel_hgv", "transit_hours": 48},
            {"from": "fc", "to": "z", "mode": "diesel_van", "transit_hours": 1, "dispatch": {"every_hours": 1}}
        ],
        "demand": [{"zone": "z", "orders_per_day": 400, "distribution": {"type": "poisson"}, "sku_mix": {"type": "uniform"}}],
        "policies": [
            {"facility": "dc", "source": "sup", "rule": {"type": "base_stock", "z": 1.0}},
            {"facility": "fc", "source": "dc", "rule": {"type": "base_stock", "z": 1.0}}
        ]
    })
}

/// The order traced in VALIDATION.md: one of the UK network's first day.
const TRACED_ORDER: u64 = 1000;

fn tracking() -> Result<String, String> {
    let s = Scenario::from_json(builtin::UK_NETWORK).map_err(|p| format!("{p:?}"))?;
    let net = validate(&s).map_err(|p| format!("{p:?}"))?;
    let mut e = Engine::new(net, SEED);
    e.trace_order(TRACED_ORDER);
    e.run_until(u64::from(s.days) * DAY);
    let t = e.traced(TRACED_ORDER);
    let mut out = format!(
        "\n## Tracking an order\n\nOrder {TRACED_ORDER} of the UK network (seed {SEED}), \
         rebuilt by running the scenario again and naming the order (`supply-cli trace \
         builtin:uk-network --order {TRACED_ORDER}`): each step is the engine's own, so the \
         times add up to the order's delivery time.\n\n"
    );
    for line in &t.lines {
        let _ = writeln!(out, "- {line}");
    }
    Ok(out)
}

/// The UK network with the diesel lanes of one part electric: those into
/// FCs (`inbound`) or the parcel legs.
fn electrify(s: &mut Scenario, inbound: bool) {
    let kinds: std::collections::HashMap<String, FacilityKind> = s
        .facilities
        .iter()
        .map(|f| (f.id.clone(), f.kind))
        .collect();
    for l in &mut s.lanes {
        let into_fc = kinds.get(&l.to) == Some(&FacilityKind::FulfillmentCenter);
        if into_fc == inbound {
            l.mode = l.mode.electric();
        }
    }
}

fn shipment_zero() -> Result<String, String> {
    let mut s = Scenario::from_json(builtin::UK_NETWORK).map_err(|p| format!("{p:?}"))?;
    let mut out = String::from(
        "\n## Shipment Zero: every leg, not most legs\n\nThe UK network over its 14 days. A \
         delivered order is a net-zero shipment only if every leg ran on a zero-emission mode, \
         the replenishment that brought its stock to the FC included (stock is picked oldest \
         first). Electrifying every diesel parcel leg (HGVs and vans) makes nearly every leg \
         zero-emission but leaves most shipments short: their stock came by diesel HGV, or by \
         sea through the port. Electrifying the supplier's lanes too lifts the shipment share; \
         the port-fed FCs' stock stays fossil (the model has no net-zero vessel).\n\n\
         | network | legs zero-emission | Shipment Zero | CO₂e inbound kg | middle mile kg | \
         last mile kg | g CO₂e / package | £ / package |\n|---|---|---|---|---|---|---|---|\n",
    );
    let variants = [
        ("as built", None),
        ("parcel legs electric", Some(false)),
        ("and inbound electric", Some(true)),
    ];
    for (name, change) in variants {
        if let Some(inbound) = change {
            electrify(&mut s, inbound);
        }
        let json = serde_json::to_string(&s).map_err(|e| e.to_string())?;
        let r = run(
            &serde_json::from_str(&json).map_err(|e| e.to_string())?,
            s.days,
        )?;
        let e = &r.emissions;
        let _ = writeln!(
            out,
            "| {name} | {} | {} | {:.0} | {:.0} | {:.0} | {:.0} | {:.2} |",
            percent(Some(e.net_zero_share)),
            percent(Some(e.shipment_zero_share)),
            e.co2e_inbound_kg,
            e.co2e_middle_mile_kg,
            e.co2e_last_mile_kg,
            e.co2e_g_per_package.unwrap_or(f64::NAN),
            r.cost.per_package.unwrap_or(f64::NAN),
        );
    }
    out.push_str(
        "\nThe leg share counts one parcel on one lane; replenishment carries no parcels, so \
         it cannot see inbound at all. `shipment_zero_share` in the report, the Shipment Zero \
         tile on the page; `crates/sim/tests/shipment_zero.rs` holds the direction.\n",
    );
    Ok(out)
}

/// Vehicles sent on the parcel lanes between facilities, and on the last mile.
fn parcel_vehicles(r: &Report) -> (u64, u64) {
    let is = |id: &str, p: &str| id.starts_with(p);
    let middle = r
        .lanes
        .iter()
        .filter(|l| !is(&l.to, "FC-") && !is(&l.to, "Z-"));
    let last = r.lanes.iter().filter(|l| is(&l.to, "Z-"));
    (
        middle.map(|l| l.vehicles).sum(),
        last.map(|l| l.vehicles).sum(),
    )
}

fn packaging() -> Result<String, String> {
    let mut out = String::from(
        "\n## Packaging: right-sized boxes\n\nThe UK network over its 14 days with its five \
         corrugated boxes (mailer to 60 × 40 × 40 cm; the television ships in its own carton). \
         Right-sized, each order goes in the smallest box its items fill to at most 75 %; \
         otherwise in the default box whenever it fits. The box is the parcel's volume on every \
         vehicle and its board its weight (single-wall board 0.5 kg/m²; 0.491 kg CO₂e per kg, \
         FEFCO 2021 database). Ordinary e-commerce parcels are 40 % air on average (Packsize \
         2013) and 40-58 % void fill (FreightWaves 2023).\n\n\
         | packing | air | mean parcel L | board g / package | board g CO₂e / package | \
         middle-mile vehicles | last-mile vehicles | transport g CO₂e / package | £ / package |\n\
         |---|---|---|---|---|---|---|---|---|\n",
    );
    let variants = [
        ("right-sized", json!(true), None),
        ("default box Medium", json!(false), None),
        ("default box Large", json!(false), Some("Large")),
    ];
    for (name, right, default) in variants {
        let mut v = builtin_json(builtin::UK_NETWORK);
        v["packaging"]["right_sizing"] = right;
        if let Some(d) = default {
            v["packaging"]["default_box"] = json!(d);
        }
        let r = run(&v, 14)?;
        let p = r.packaging.as_ref().ok_or("uk-network has no packaging")?;
        let board = p.board_g_per_package.unwrap_or(f64::NAN);
        let (middle, last) = parcel_vehicles(&r);
        let _ = writeln!(
            out,
            "| {name} | {} | {:.1} | {board:.0} | {:.0} | {middle} | {last} | {:.0} | {:.2} |",
            percent(Some(p.air_share)),
            p.mean_parcel_l.unwrap_or(f64::NAN),
            board * supply_sim::packaging::BOARD_CO2E_KG_PER_KG,
            r.emissions.co2e_g_per_package.unwrap_or(f64::NAN),
            r.cost.per_package.unwrap_or(f64::NAN),
        );
    }
    out.push_str(
        "\nLinehaul HGVs leave when full or on their timetable, so air in the boxes sends more \
         of them; vans mostly run out of stops or time before space. `packaging` in the \
         report; `crates/sim/tests/packaging.rs` holds the direction.\n",
    );
    Ok(out)
}

fn slice_row(out: &mut String, s: &supply_sim::view::breakdown::SliceReport) {
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} | {:.1} |",
        s.name,
        supply_sim::view::format::thousands(s.placed as i64),
        percent(Some(s.on_time_rate)),
        percent(Some(s.fill_rate)),
        s.mean_lead_time_h
    );
}

/// Capacity of Castle Bromwich in the starved variant, parcels an hour
/// (the scenario's 6,900 cut to about a fifth).
const STARVED_STATION_PER_HOUR: u32 = 1500;

fn breakdowns() -> Result<String, String> {
    let r = run(&builtin_json(builtin::UK_NETWORK), 14)?;
    let b = &r.breakdown;
    let mut out = String::from(
        "\n## Service by zone, SKU class and channel\n\nThe UK network over its 14 days \
         (report section `breakdown`; the page's \"Service by zone, SKU class or channel\" \
         table). On time counts an order past its promise as late whether delivered or not, \
         as the network total does. SKU classes are ABC by expected unit demand (A: the first \
         80 %, B: the next 15 %).\n\n\
         | slice | orders | on time | fill rate | mean hours |\n|---|---|---|---|---|\n",
    );
    for s in b.sku_classes.iter().chain(&b.channels) {
        slice_row(&mut out, s);
    }
    let mut zones = b.zones.clone();
    zones.sort_by(|a, b| a.on_time_rate.total_cmp(&b.on_time_rate));
    out.push_str("\nThe three zones served worst and the best:\n\n| zone | orders | on time | fill rate | mean hours |\n|---|---|---|---|---|\n");
    for s in zones.iter().take(3).chain(zones.last()) {
        slice_row(&mut out, s);
    }
    let mut v = builtin_json(builtin::UK_NETWORK);
    for f in v["facilities"].as_array_mut().into_iter().flatten() {
        if f["id"] == "DS-BHM" {
            f["capacity_per_hour"] = json!(STARVED_STATION_PER_HOUR);
        }
    }
    let starved = run(&v, 14)?;
    let bhm = |r: &Report| {
        r.breakdown
            .zones
            .iter()
            .find(|z| z.id == "Z-B")
            .map(|z| z.on_time_rate)
    };
    let _ = writeln!(
        out,
        "\nStarving Castle Bromwich (the Birmingham station) to {STARVED_STATION_PER_HOUR} parcels an \
         hour moves the network's on-time from {} to {}, but Birmingham's from {} to {}: the \
         breakdown shows where the total hides it (`crates/sim/tests/breakdown.rs`).",
        percent(Some(r.service.on_time_rate)),
        percent(Some(starved.service.on_time_rate)),
        percent(bhm(&r)),
        percent(bhm(&starved)),
    );
    Ok(out)
}

/// Own-retail orders a day in the channels experiment: two vans carry them
/// on time.
const OWN_RETAIL_PER_DAY: f64 = 600.0;

/// The channels experiment's network: one FC serving one zone (next-day
/// promise) by two vans, own stock and a seller's stock, own-retail orders
/// fixed and other sales channels adding `share` of the total on top.
fn two_vans(priority: &str, share: f64) -> Value {
    json!({
        "version": 1,
        "name": "two vans",
        "period_hours": 24,
        "stockout": "backorder",
        "products": [
            {"id": "own", "weight_kg": 1.0, "volume_m3": 0.002, "value": 10.0},
            {"id": "sel", "weight_kg": 1.0, "volume_m3": 0.002, "value": 10.0, "seller": true}
        ],
        "facilities": [
            {"id": "sup", "name": "Supplier", "kind": "supplier", "lat": 52.0, "lon": -1.0},
            {"id": "fc", "name": "FC", "kind": "fulfillment_center", "lat": 52.1, "lon": -1.0, "capacity_per_hour": 100000},
            {"id": "z", "name": "Zone", "kind": "customer_zone", "lat": 52.2, "lon": -1.0, "radius_km": 5, "promise": "next_day"}
        ],
        "lanes": [
            {"from": "sup", "to": "fc", "mode": "diesel_hgv", "transit_hours": 24},
            {"from": "fc", "to": "z", "mode": "diesel_van", "transit_hours": 1, "vehicles": 2, "dispatch": {"every_hours": 1}}
        ],
        "demand": [{"zone": "z", "orders_per_day": OWN_RETAIL_PER_DAY / (1.0 - share),
                    "distribution": {"type": "poisson"}, "sku_mix": {"type": "uniform"},
                    "multichannel_share": share}],
        "policies": [{"facility": "fc", "source": "sup", "rule": {"type": "base_stock", "z": 4.0}}],
        "channels": {"priority": priority, "fulfilment_fee_per_unit": 3.0,
                     "storage_fee_per_m3_month": 26.49}
    })
}

fn channel_on_time(r: &Report, id: &str) -> Option<f64> {
    r.breakdown
        .channels
        .iter()
        .find(|c| c.id == id && c.placed > 0)
        .map(|c| c.on_time_rate)
}

fn channels() -> Result<String, String> {
    let mut out = String::from(
        "\n## Channels: who boards first when vans are short\n\nOne FC serves one zone \
         (next-day promise) by two vans, which carry its 600 own-retail orders a day on \
         time. Orders from other sales channels (multi-channel fulfilment, for a seller's \
         stock) are added on top, so the vans fall short at the evening peak. The priority \
         rule says whose parcels board first; the rest wait for the next van. 28 days.\n\n\
         | multi-channel share | priority | own retail on time | multi-channel on time | all orders on time |\n\
         |---|---|---|---|---|\n",
    );
    for share in [0.0, 0.25, 1.0 / 3.0] {
        for rule in ["first_come", "site_first", "multichannel_first"] {
            if share == 0.0 && rule != "first_come" {
                continue;
            }
            let r = run(&two_vans(rule, share), 28)?;
            let _ = writeln!(
                out,
                "| {} | {rule} | {} | {} | {} |",
                percent(Some(share)),
                percent(channel_on_time(&r, "own")),
                percent(channel_on_time(&r, "multichannel")),
                percent(Some(r.service.on_time_rate)),
            );
        }
    }
    let uk = run(&builtin_json(builtin::UK_NETWORK), 14)?;
    let c = uk
        .channels
        .as_ref()
        .ok_or("uk-network has no channel rules")?;
    let seller_orders: u64 = uk
        .breakdown
        .channels
        .iter()
        .filter(|s| s.id != "own")
        .map(|s| s.placed)
        .sum();
    let _ = writeln!(
        out,
        "\nFirst come, first served shares the wait among the channels. A priority moves \
         it onto the channel that boards last, where it grows by more than it shrinks for the \
         others: with non-preemptive priority the last class's wait is the first's divided by \
         (1 − ρ) (Cobham 1954), and the vans here run near ρ = 1 at the peak. So with a \
         quarter of the orders multi-channel, first come keeps every order on time while our \
         site first leaves some multi-channel orders late, and at a third own retail keeps its \
         service alone while all orders together do worse. `crates/sim/tests/channels.rs` \
         holds the direction.\n\n\
         Seller services in the UK network over 14 days (six SKUs are sellers' stock, at \
         FBA's 2025 UK rates of £3.00 a unit shipped and £0.75 per cubic foot a month), at \
         1 % scale: {} marketplace and multi-channel orders, £{} in fulfilment fees and \
         £{} in storage fees, £{:.2} a seller order.",
        supply_sim::view::format::thousands(seller_orders as i64),
        supply_sim::view::format::thousands((c.marketplace_fees + c.multichannel_fees) as i64),
        supply_sim::view::format::thousands(c.storage_fees as i64),
        c.total_fees / seller_orders.max(1) as f64,
    );
    Ok(out)
}

fn disruptions() -> Result<String, String> {
    let mut out = String::from(
        "\n## Disruptions: outages, a supplier failure and bad weather\n\nThe UK network \
         over 14 days, each disruption alone. An outage stops a facility's work until it ends; \
         bad weather grounds the Cambourne drones and slows every road vehicle to 0.7 of its \
         speed (heavy snow, US FHWA Road Weather Management Program). On-time before is the \
         share of deliveries on time in the daily periods before it; it has recovered at the \
         end of the first day, from the disruption's end on, within 5 points of that.\n\n\
         | disruption | on time (run) | more late orders than undisturbed | on time before | worst day | days to recover |\n\
         |---|---|---|---|---|---|\n",
    );
    let calm = run(&builtin_json(builtin::UK_NETWORK), 14)?;
    let _ = writeln!(
        out,
        "| none | {} | – | – | – | – |",
        percent(Some(calm.service.on_time_rate))
    );
    let cases = [
        json!({"type": "outage", "facility": "DS-BHM", "start_day": 4, "days": 1}),
        json!({"type": "outage", "facility": "FC-DIR", "start_day": 4, "days": 1}),
        json!({"type": "outage", "facility": "SUP-BHM", "start_day": 3, "days": 3}),
        json!({"type": "outage", "facility": "PORT-FXT", "start_day": 3, "days": 3}),
        json!({"type": "weather", "start_day": 4, "days": 1}),
    ];
    for d in cases {
        let mut v = builtin_json(builtin::UK_NETWORK);
        v["disruptions"] = json!([d]);
        let r = run(&v, 14)?;
        let x = r.disruptions.first().ok_or("no disruption reported")?;
        let _ = writeln!(
            out,
            "| {} on days {}-{} | {} | {} | {} | {} | {} |",
            x.what,
            x.start_day,
            x.end_day,
            percent(Some(r.service.on_time_rate)),
            supply_sim::view::format::thousands(late(&r) - late(&calm)),
            percent(x.on_time_before),
            percent(x.worst_on_time),
            x.days_to_recover
                .map_or_else(|| "not in 14 days".into(), |d| format!("{d:.0}")),
        );
    }
    out.push_str(
        "\nOn-time per day counts every order due that day, delivered or not, so an \
         outage that holds parcels back shows on the days they were due. Recovery is looked \
         for from the disruption's end: a supplier failure's stockouts come later, as the \
         shelves empty, so its days to recover can read 0 while the run loses several points; \
         the late-order column (decided orders not on time, against the undisturbed run) \
         shows it. The port strike empties the port-fed FCs for the rest of the run. The \
         report's `disruptions` section has these figures; `crates/sim/tests/disruption.rs` \
         holds the directions.\n",
    );
    Ok(out)
}

/// Decided orders (delivered, lost or overdue) that were not on time.
fn late(r: &Report) -> i64 {
    let o = &r.orders;
    (o.delivered + o.lost + o.overdue) as i64 - o.on_time as i64
}
