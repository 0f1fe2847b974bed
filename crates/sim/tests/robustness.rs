//! Bad input never panics: random numeric edits of the built-in scenarios
//! either give problems or a network that runs (debug build: arithmetic
//! overflow would panic here too).

#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use serde_json::Value;
use supply_sim::{Engine, Scenario, builtin, time::DAY, validate};

/// Paths of every numeric leaf.
fn numeric_paths(v: &Value, path: &mut Vec<Value>, out: &mut Vec<Vec<Value>>) {
    match v {
        Value::Number(_) => out.push(path.clone()),
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                path.push(Value::from(i));
                numeric_paths(x, path, out);
                path.pop();
            }
        }
        Value::Object(o) => {
            for (k, x) in o {
                path.push(Value::from(k.as_str()));
                numeric_paths(x, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

fn at<'a>(v: &'a mut Value, path: &[Value]) -> &'a mut Value {
    path.iter().fold(v, |v, p| match p {
        Value::String(k) => &mut v[k.as_str()],
        Value::Number(i) => &mut v[i.as_u64().unwrap() as usize],
        _ => unreachable!(),
    })
}

const NASTY: [f64; 12] = [
    0.0,
    -1.0,
    1e-9,
    0.5,
    1.0,
    24.0,
    3650.0,
    1e6,
    1e12,
    1e300,
    -1e300,
    4_294_967_296.0,
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_numeric_edits_never_panic(which in 0usize..2, edits in prop::collection::vec((any::<prop::sample::Index>(), 0usize..NASTY.len()), 1..4), seed in any::<u64>()) {
        let text = [builtin::UK_NETWORK, builtin::BEER_GAME][which];
        let mut v: Value = serde_json::from_str(text).unwrap();
        let mut paths = Vec::new();
        numeric_paths(&v, &mut Vec::new(), &mut paths);
        for (ix, k) in &edits {
            let p = &paths[ix.index(paths.len())];
            *at(&mut v, p) = serde_json::json!(NASTY[*k]);
        }
        // Integers in the schema reject floats at parse time; both outcomes are fine.
        let Ok(s) = Scenario::from_json(&v.to_string()) else { return Ok(()) };
        match validate(&s) {
            Err(problems) => prop_assert!(!problems.is_empty()),
            Ok(net) => {
                let mut e = Engine::new(net, seed);
                // A day, in UI-sized budgets; stop early if demand explodes.
                let mut budget = 200_000usize;
                while e.now() < DAY && budget > 0 {
                    let n = e.step_until(DAY, 1_000);
                    if n == 0 { break; }
                    budget = budget.saturating_sub(n);
                }
                let r = e.report();
                prop_assert!(r.conservation.balanced());
                let _ = e.frame();
            }
        }
    }
}
