//! Bad scenarios give every problem with a JSON path, and never panic.

// Native only: long runs; the wasm determinism check is tests/determinism.rs.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::json;
use supply_sim::{Scenario, builtin, validate};

fn problems(v: serde_json::Value) -> Vec<supply_sim::Problem> {
    let s = Scenario::from_json(&v.to_string()).expect("parses");
    validate(&s).expect_err("must be invalid")
}

#[test]
fn every_problem_is_listed_with_its_path() {
    let v = json!({
        "version": 2,
        "name": "",
        "products": [{"id": "a", "weight_kg": -1, "volume_m3": 0.01, "value": 5}, {"id": "a", "weight_kg": 1, "volume_m3": 0.01, "value": 5}],
        "facilities": [
            {"id": "fc", "name": "FC", "kind": "fulfillment_center", "lat": 95, "lon": 0},
            {"id": "fc2", "name": "FC2", "kind": "fulfillment_center", "lat": 52, "lon": 0, "capacity_per_hour": 0,
             "shifts": [{"start_hour": 20, "end_hour": 8}]},
            {"id": "z", "name": "Z", "kind": "customer_zone", "lat": 52, "lon": 0},
            {"id": "p", "name": "Port", "kind": "port", "lat": 52, "lon": 1},
            {"id": "ds", "name": "DS", "kind": "delivery_station", "lat": 52.1, "lon": 0.1, "capacity_per_hour": 100}
        ],
        "lanes": [
            {"from": "fc", "to": "nowhere", "mode": "diesel_van"},
            {"from": "z", "to": "fc", "mode": "diesel_van"},
            {"from": "ds", "to": "z", "mode": "drone", "distance_km": 40},
            {"from": "fc2", "to": "ds", "mode": "electric_hgv", "dispatch": {"when_full": false}},
            {"from": "ds", "to": "z", "mode": "crowdsourced", "hourly_availability": [1, 2]}
        ],
        "demand": [
            {"zone": "fc", "orders_per_day": -3, "distribution": {"type": "negative_binomial", "dispersion": 0}, "sku_mix": {"type": "shares", "shares": [{"sku": "b", "weight": 1}]}},
            {"zone": "z", "orders_per_day": 10, "distribution": {"type": "poisson"}, "sku_mix": {"type": "uniform"}, "weekly": [1, 1]}
        ],
        "policies": [
            {"facility": "z", "source": "p", "rule": {"type": "s_S", "s": 10, "S": 5}},
            {"facility": "fc2", "source": "fc2", "rule": {"type": "vmi", "min_days": 1, "max_days": 2}, "forecast": {"type": "exp_smoothing", "alpha": 1.5}}
        ]
    });
    let ps = problems(v);
    let paths: Vec<&str> = ps.iter().map(|p| p.path.as_str()).collect();
    for want in [
        "version",
        "name",
        "products[0].weight_kg",
        "products[1].id",
        "facilities[0].lat",
        "facilities[0].capacity_per_hour",
        "facilities[1].capacity_per_hour",
        "facilities[1].shifts[0]",
        "facilities[2].radius_km",
        "facilities[2].promise",
        "facilities[3].vessel_interval_hours",
        "lanes[0].to",
        "lanes[1]",
        "lanes[2].distance_km",
        "lanes[3].dispatch",
        "lanes[4].hourly_availability",
        "lanes[4].vehicles",
        "demand[0].zone",
        "demand[0].orders_per_day",
        "demand[0].distribution.dispersion",
        "demand[0].sku_mix.shares[0].sku",
        "demand[1].weekly",
        "policies[0].facility",
        "policies[0].rule.S",
        "policies[1].source",
        "policies[1].forecast.alpha",
    ] {
        assert!(
            paths.contains(&want),
            "missing problem at {want}; got:\n{}",
            ps.iter().map(|p| format!("  {p}\n")).collect::<String>()
        );
    }
    // Display names the path and says what is wrong.
    let shown = ps
        .iter()
        .find(|p| p.path == "lanes[2].distance_km")
        .unwrap()
        .to_string();
    assert!(
        shown.starts_with("lanes[2].distance_km: ") && shown.contains("range"),
        "{shown}"
    );
}

#[test]
fn builtin_scenarios_are_valid_and_round_trip() {
    for (name, json) in builtin::ALL {
        let s = Scenario::from_json(json).unwrap_or_else(|p| panic!("{name}: {p:?}"));
        let net = validate(&s).unwrap_or_else(|p| panic!("{name}: {p:#?}"));
        assert!(
            !net.facilities.is_empty() && !net.lanes.is_empty(),
            "{name}"
        );
        // Serialize → parse gives the same scenario (the UI saves and reloads).
        let back = Scenario::from_json(&s.to_json_pretty()).unwrap();
        assert_eq!(back, s, "{name} does not round-trip");
    }
}

#[test]
fn garbage_never_panics() {
    for text in [
        "",
        "null",
        "[]",
        "{",
        "{\"version\": \"one\"}",
        "{\"version\":1,\"name\":\"x\",\"facilities\":{},\"lanes\":[]}",
        "\u{feff}{}",
    ] {
        let r = Scenario::from_json(text);
        assert!(r.is_err(), "{text:?} parsed");
        for p in r.unwrap_err() {
            assert!(!p.message.is_empty());
        }
    }
    // Truncations of a real scenario: each is an error with a position, never a panic.
    let uk = builtin::UK_NETWORK;
    for cut in (0..uk.len()).step_by(997) {
        if let Some(prefix) = uk.get(..cut) {
            let r = Scenario::from_json(prefix);
            assert!(r.is_err());
        }
    }
}

#[test]
fn non_finite_numbers_are_problems_not_panics() {
    // JSON has no NaN; an absurd value must still be caught.
    let mut v: serde_json::Value = serde_json::from_str(builtin::BEER_GAME).unwrap();
    v["facilities"][1]["capacity_per_hour"] = json!(1e308);
    v["lanes"][0]["transit_hours"] = json!(-5);
    let ps = problems(v);
    assert!(
        ps.iter().any(|p| p.path == "lanes[0].transit_hours"),
        "{ps:?}"
    );
}

#[test]
fn absurd_but_valid_numbers_run_without_overflow() {
    let mut v: serde_json::Value = serde_json::from_str(builtin::BEER_GAME).unwrap();
    v["facilities"][1]["capacity_per_hour"] = json!(1e308);
    v["facilities"][0]["lead_time_hours"] = json!(1e300);
    v["lanes"][0]["transit_hours"] = json!(1e300);
    v["lanes"][3]["dispatch"]["every_hours"] = json!(1e300);
    v["demand"][0]["orders_per_day"] = json!(1e6);
    let s = Scenario::from_json(&v.to_string()).unwrap();
    let net = validate(&s).expect("valid");
    let mut e = supply_sim::Engine::new(net, 1);
    e.run_until(3 * supply_sim::time::DAY);
    assert!(e.report().conservation.balanced());
}

#[test]
fn problems_name_their_subject_and_one_bad_weekday_is_one_line() {
    use supply_sim::Subject;
    use supply_sim::problem::summarise;
    let mut v: serde_json::Value = serde_json::from_str(builtin::UK_NETWORK).unwrap();
    let streams = v["demand"].as_array().unwrap().len();
    assert!(streams > 1);
    // The demand panel edits a weekday for every zone at once.
    for d in v["demand"].as_array_mut().unwrap() {
        d["weekly"] = json!([1, 1, 1, 1, 1, -1, 1]);
    }
    let zone_id = v["demand"][0]["zone"].as_str().unwrap().to_owned();
    let zone_name = v["facilities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == zone_id.as_str())
        .map(|f| f["name"].as_str().unwrap().to_owned())
        .unwrap();
    let ps = problems(v.clone());
    assert_eq!(ps.len(), streams, "{ps:#?}");
    assert_eq!(ps[0].subject, Some(Subject::Demand(0)));
    assert_eq!(ps[0].field, "weekly");
    let lines = summarise(&ps);
    assert_eq!(lines.len(), 1, "{lines:#?}");
    assert!(
        lines[0].text.contains(&zone_name) && lines[0].text.contains("Saturday"),
        "{}",
        lines[0].text
    );

    // A policy problem says which policy, at which FC, and which field.
    let mut v: serde_json::Value = serde_json::from_str(builtin::UK_NETWORK).unwrap();
    v["policies"][1]["rule"] = json!({"type": "s_S", "s": 10, "S": 5});
    let fc_id = v["policies"][1]["facility"].as_str().unwrap().to_owned();
    let ps = problems(v.clone());
    let p = ps.iter().find(|p| p.path == "policies[1].rule.S").unwrap();
    assert_eq!(p.subject, Some(Subject::Policy(1)));
    let fc_name = v["facilities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == fc_id.as_str())
        .map(|f| f["name"].as_str().unwrap().to_owned())
        .unwrap();
    assert_eq!(
        p.describe(),
        format!("Inventory policy at {fc_name} · rule S: S must be greater than s")
    );
}

/// Valid but absurd values are warned of, naming the thing and the field,
/// and they do not stop the run; the shipped scenarios have none.
#[test]
fn absurd_but_valid_values_are_warned_of_by_name() {
    for (name, json) in builtin::ALL {
        let s = Scenario::from_json(json).unwrap();
        assert_eq!(supply_sim::warnings(&s), vec![], "{name} has warnings");
    }
    let mut s = Scenario::from_json(builtin::get("uk-network").unwrap()).unwrap();
    let fc = s
        .facilities
        .iter()
        .position(|f| f.capacity_per_hour.is_some())
        .unwrap();
    s.facilities[fc].capacity_per_hour = Some(1e12);
    s.facilities[fc].absence_rate = Some(0.5);
    s.demand[0].orders_per_day = 5e6;
    s.lanes[0].speed_kmh = Some(1e-12);
    s.scale = 0.0001;
    let w = supply_sim::warnings(&s);
    let fields: Vec<&str> = w.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "scale",
            "capacity_per_hour",
            "absence_rate",
            "orders_per_day",
            "speed_kmh"
        ]
    );
    let fc_name = &s.facilities[fc].name;
    assert!(
        w[1].describe().starts_with(&format!(
            "Facility {fc_name} · capacity per hour: 1000000000000 an hour"
        )),
        "{}",
        w[1].describe()
    );
    if let Err(p) = validate(&s) {
        panic!("warnings do not stop a run: {p:?}");
    }
}
