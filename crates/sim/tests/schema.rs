//! `scenarios/scenario.schema.json` and the serde model agree: every built-in
//! scenario satisfies the schema (required keys present, no undeclared keys,
//! enums, bounds), and so does what `Scenario` serializes.
//!
//! A small JSON Schema subset is interpreted here ($ref, type, properties,
//! required, additionalProperties, items, enum, const, oneOf, bounds) so no
//! schema crate is needed.

#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;
use supply_sim::Scenario;

const SCHEMA: &str = include_str!("../../../scenarios/scenario.schema.json");

fn resolve<'a>(root: &'a Value, s: &'a Value) -> &'a Value {
    match s.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let name = r.trim_start_matches("#/$defs/");
            resolve(root, &root["$defs"][name])
        }
        None => s,
    }
}

fn check(root: &Value, schema: &Value, v: &Value, path: &str, errs: &mut Vec<String>) {
    let s = resolve(root, schema);
    if let Some(alts) = s.get("oneOf").and_then(Value::as_array) {
        let ok = alts.iter().filter(|a| {
            let mut e = Vec::new();
            check(root, a, v, path, &mut e);
            e.is_empty()
        });
        if ok.count() != 1 {
            errs.push(format!(
                "{path}: matches no (or several) oneOf branches: {v}"
            ));
        }
        return;
    }
    if let Some(c) = s.get("const")
        && c != v
    {
        errs.push(format!("{path}: expected {c}, got {v}"));
    }
    if let Some(e) = s.get("enum").and_then(Value::as_array)
        && !e.contains(v)
    {
        errs.push(format!("{path}: {v} not in {e:?}"));
    }
    if let Some(t) = s.get("type").and_then(Value::as_str) {
        let ok = match t {
            "object" => v.is_object(),
            "array" => v.is_array(),
            "string" => v.is_string(),
            "number" => v.is_number(),
            "integer" => v.is_i64() || v.is_u64(),
            "boolean" => v.is_boolean(),
            _ => true,
        };
        if !ok {
            errs.push(format!("{path}: expected {t}, got {v}"));
            return;
        }
    }
    if let Some(x) = v.as_f64() {
        let bound = |k: &str| s.get(k).and_then(Value::as_f64);
        if bound("minimum").is_some_and(|m| x < m)
            || bound("maximum").is_some_and(|m| x > m)
            || bound("exclusiveMinimum").is_some_and(|m| x <= m)
            || bound("exclusiveMaximum").is_some_and(|m| x >= m)
        {
            errs.push(format!("{path}: {x} out of bounds"));
        }
    }
    if let Some(o) = v.as_object() {
        let props = s.get("properties").and_then(Value::as_object);
        for r in s
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let k = r.as_str().unwrap();
            if !o.contains_key(k) {
                errs.push(format!("{path}: missing required key {k:?}"));
            }
        }
        for (k, val) in o {
            match props.and_then(|p| p.get(k)) {
                Some(ps) => check(root, ps, val, &format!("{path}.{k}"), errs),
                None if s.get("additionalProperties") == Some(&Value::Bool(false)) => {
                    errs.push(format!("{path}: key {k:?} is not in the schema"))
                }
                None => {}
            }
        }
    }
    if let Some(a) = v.as_array() {
        let n = a.len() as u64;
        if s.get("minItems")
            .and_then(Value::as_u64)
            .is_some_and(|m| n < m)
            || s.get("maxItems")
                .and_then(Value::as_u64)
                .is_some_and(|m| n > m)
        {
            errs.push(format!("{path}: {n} items out of bounds"));
        }
        if let Some(items) = s.get("items") {
            for (i, x) in a.iter().enumerate() {
                check(root, items, x, &format!("{path}[{i}]"), errs);
            }
        }
    }
}

fn conforms(v: &Value) -> Vec<String> {
    let root: Value = serde_json::from_str(SCHEMA).expect("schema is JSON");
    let mut errs = Vec::new();
    check(&root, &root, v, "$", &mut errs);
    errs
}

#[test]
fn builtin_scenarios_conform_to_the_schema() {
    for (name, text) in [
        ("uk-network", supply_sim::builtin::UK_NETWORK),
        ("beer-game", supply_sim::builtin::BEER_GAME),
        (
            "bench-large",
            include_str!("../../../scenarios/bench-large.json"),
        ),
    ] {
        let v: Value = serde_json::from_str(text).unwrap();
        let errs = conforms(&v);
        assert!(errs.is_empty(), "{name}:\n{}", errs.join("\n"));
        // And what the Rust model writes back conforms too.
        let s = Scenario::from_json(text).unwrap();
        let back: Value = serde_json::from_str(&s.to_json_pretty()).unwrap();
        let errs = conforms(&back);
        assert!(
            errs.is_empty(),
            "{name} (re-serialized):\n{}",
            errs.join("\n")
        );
    }
}

#[test]
fn the_schema_rejects_what_the_parser_rejects() {
    let mut v: Value = serde_json::from_str(supply_sim::builtin::BEER_GAME).unwrap();
    v["lanes"][0]["colour"] = Value::from("red");
    v["facilities"][0].as_object_mut().unwrap().remove("lat");
    let errs = conforms(&v);
    assert!(errs.iter().any(|e| e.contains("colour")), "{errs:?}");
    assert!(errs.iter().any(|e| e.contains("\"lat\"")), "{errs:?}");
    assert!(Scenario::from_json(&v.to_string()).is_err());
}

#[test]
fn recorded_controls_conform_to_the_schema() {
    let mut s = Scenario::from_json(supply_sim::builtin::UK_NETWORK).unwrap();
    supply_sim::controls::set_demand_from(&mut s.controls, 5 * 3600, 2.0);
    let v: Value = serde_json::from_str(&s.to_json_pretty()).unwrap();
    assert_eq!(v["controls"][0]["demand_multiplier"], 2.0);
    let errs = conforms(&v);
    assert!(errs.is_empty(), "{}", errs.join("\n"));
    let mut bad = v.clone();
    bad["controls"][0]["speed"] = Value::from(3);
    assert!(!conforms(&bad).is_empty());
    assert!(Scenario::from_json(&bad.to_string()).is_err());
}

const LESSON_SCHEMA: &str = include_str!("../../../lessons/lesson.schema.json");

#[test]
fn builtin_lessons_conform_to_the_lesson_schema_and_every_metric_is_in_it() {
    let root: Value = serde_json::from_str(LESSON_SCHEMA).expect("lesson schema is JSON");
    for (id, text) in supply_sim::builtin::LESSONS {
        let v: Value = serde_json::from_str(text).unwrap();
        let mut errs = Vec::new();
        check(&root, &root, &v, "$", &mut errs);
        if v["scenario"].is_object() {
            errs.extend(conforms(&v["scenario"]));
        }
        assert!(errs.is_empty(), "{id}:\n{}", errs.join("\n"));
    }
    let listed: Vec<&str> = root["$defs"]["condition"]["properties"]["kpi"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect();
    let known: Vec<&str> = supply_sim::lesson::Metric::ALL
        .iter()
        .map(|m| m.key())
        .collect();
    assert_eq!(listed, known);
}
