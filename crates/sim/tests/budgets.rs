//! Work budgets and absurd values: a scenario too big for the page or the
//! CLI is refused with its figures before it runs (never an out-of-memory
//! abort), each limit the engine applies is named when a scenario reaches
//! it, and each absurd value is warned of by name.

use serde_json::{Value, json};
use supply_sim::budget::{self, CLI, PAGE};
use supply_sim::{Scenario, builtin, validate};

fn uk() -> Value {
    serde_json::from_str(builtin::UK_NETWORK).unwrap()
}

fn scenario(v: &Value) -> Scenario {
    Scenario::from_json(&v.to_string()).unwrap()
}

/// Every demand stream of the UK network at 10 million orders a day, at
/// full scale, over 5 days: the case that once ended in "memory allocation
/// of 8589934592 bytes failed" (46 million orders on day 1, 3.2 GB).
fn memory_case() -> Value {
    let mut v = uk();
    v["days"] = json!(5);
    v["scale"] = json!(1.0);
    for d in v["demand"].as_array_mut().unwrap() {
        d["orders_per_day"] = json!(10_000_000);
    }
    v
}

#[test]
fn the_memory_case_is_refused_with_its_figures_by_the_page_and_the_cli() {
    let s = scenario(&memory_case());
    let net = validate(&s).expect("valid, only too big");
    let e = budget::estimate(&net, 5);
    // The engine draws at most 100,000 orders a stream-hour: ~46 million a day.
    assert!((4.4e7..4.8e7).contains(&e.busiest.1), "{:?}", e.busiest);
    for b in [PAGE, CLI] {
        let p = budget::check(&e, &b).unwrap_err();
        assert!(
            p.message.contains("million orders on day 1"),
            "{}",
            p.message
        );
        assert!(p.message.contains(b.runner), "{}", p.message);
        assert!(p.message.contains("GB of memory"), "{}", p.message);
    }
    // The page keeps the person's work: validate_within says why, as a problem.
    let problems = budget::validate_within(&s, 5, &PAGE).unwrap_err();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].field, "orders_per_day");
}

#[test]
fn the_shipped_scenarios_fit_the_page_and_the_uk_network_at_full_size_too() {
    for (name, json) in builtin::ALL {
        let s = Scenario::from_json(json).unwrap();
        let (_, limits) = budget::validate_within(&s, s.days, &PAGE)
            .unwrap_or_else(|p| panic!("{name} over the page's budget: {p:?}"));
        assert_eq!(limits, vec![], "{name} reaches a limit");
    }
    let mut v = uk();
    v["scale"] = json!(1.0);
    let s = scenario(&v);
    let e = budget::estimate(&validate(&s).unwrap(), s.days);
    assert!(e.orders > 1e7, "{}", e.orders);
    assert!(budget::check(&e, &PAGE).is_ok());
}

#[test]
fn a_stream_asking_more_than_the_engine_draws_in_an_hour_is_named() {
    let mut v = uk();
    v["scale"] = json!(1.0);
    v["demand"][2]["orders_per_day"] = json!(3_000_000);
    let s = scenario(&v);
    let net = validate(&s).unwrap();
    let w = budget::limits_reached(&net, s.days);
    assert_eq!(w.len(), 1, "{w:?}");
    let text = w[0].describe();
    assert!(text.starts_with("Demand for London W"), "{text}");
    assert!(
        text.contains("more than 100,000 orders in an hour"),
        "{text}"
    );
    assert!(text.contains("on day 1"), "{text}");
}

#[test]
fn a_lane_slower_than_walking_warns_and_so_does_the_stock_it_sizes() {
    let mut v = uk();
    let lane = v["lanes"]
        .as_array()
        .unwrap()
        .iter()
        .position(|l| l["from"] == "SUP-BHM" && l["to"] == "FC-COA")
        .unwrap();
    v["lanes"][lane]["speed_kmh"] = json!(1e-3);
    let s = scenario(&v);
    let fields: Vec<String> = supply_sim::warnings(&s)
        .into_iter()
        .map(|w| w.field)
        .collect();
    assert_eq!(fields, ["speed_kmh"]);
    let net = validate(&s).unwrap();
    let w = budget::limits_reached(&net, s.days);
    assert_eq!(w.len(), 1, "{w:?}");
    let text = w[0].describe();
    assert!(text.starts_with("Facility FC Coalville"), "{text}");
    assert!(text.contains("more than a year of their demand"), "{text}");
}

/// What a case is, how it changes the UK network, the field warned of and
/// what the warning says.
type Case = (&'static str, fn(&mut Value), &'static str, &'static str);

/// Each absurd value, one at a time, gives its own warning by field.
#[test]
fn each_absurd_value_is_warned_of_by_its_field() {
    let cases: [Case; 10] = [
        (
            "tiny vehicle",
            |v| v["lanes"][0]["capacity_kg"] = json!(1e-12),
            "capacity_kg",
            "holds no parcel",
        ),
        (
            "tiny van volume",
            |v| v["lanes"][0]["capacity_m3"] = json!(1e-9),
            "capacity_m3",
            "holds no parcel",
        ),
        (
            "a km at £1e300",
            |v| v["lanes"][0]["cost_per_km"] = json!(1e300),
            "cost_per_km",
            "beyond any real cost",
        ),
        (
            "an hour at £1e9",
            |v| v["lanes"][0]["cost_per_hour"] = json!(1e9),
            "cost_per_hour",
            "beyond any real cost",
        ),
        (
            "a unit at £1e7",
            |v| v["lanes"][0]["cost_per_unit"] = json!(1e7),
            "cost_per_unit",
            "beyond any real cost",
        ),
        (
            "a transit of years",
            |v| v["lanes"][0]["transit_hours"] = json!(1e6),
            "transit_hours",
            "longer than any real voyage",
        ),
        (
            "a site that does nothing",
            |v| v["facilities"][2]["capacity_per_hour"] = json!(1e-6),
            "capacity_per_hour",
            "less than one",
        ),
        (
            "a fixed cost of £1e12",
            |v| v["facilities"][2]["fixed_cost_per_day"] = json!(1e12),
            "fixed_cost_per_day",
            "beyond any real site",
        ),
        (
            "a supplier lead of decades",
            |v| v["facilities"][1]["lead_time_hours"] = json!(1e6),
            "lead_time_hours",
            "over a year",
        ),
        (
            "a wage of £1e8",
            |v| v["wage_per_hour"] = json!(1e8),
            "wage_per_hour",
            "beyond any real cost",
        ),
    ];
    for (what, change, field, says) in cases {
        let mut v = uk();
        change(&mut v);
        let s = scenario(&v);
        let w = supply_sim::warnings(&s);
        assert_eq!(w.len(), 1, "{what}: {w:?}");
        assert_eq!(w[0].field, field, "{what}");
        assert!(w[0].message.contains(says), "{what}: {}", w[0].message);
    }
}

#[test]
fn a_cover_past_the_forecasts_reach_is_named() {
    let mut v = uk();
    let p = v["policies"]
        .as_array()
        .unwrap()
        .iter()
        .position(|p| p["facility"] == "FC-TIL")
        .unwrap();
    v["policies"][p]["rule"] = json!({"type": "periodic", "z": 1.65, "cover_periods": 1000});
    let s = scenario(&v);
    let w = budget::limits_reached(&validate(&s).unwrap(), s.days);
    // A cover of 1,000 days also sizes stock to more than a year's demand.
    let texts: Vec<String> = w.iter().map(|w| w.describe()).collect();
    assert_eq!(texts.len(), 2, "{texts:?}");
    assert!(
        texts.iter().all(|t| t.starts_with("Facility FC Tilbury")),
        "{texts:?}"
    );
    assert!(
        texts.iter().any(|t| t.contains("more than 730 periods")),
        "{texts:?}"
    );
}
