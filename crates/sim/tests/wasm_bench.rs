//! The `bench-large` benchmark in wasm (run with `--release` under Node):
//! prints events/s and orders/s for BENCHMARKS.md. Reads the JS clock; the
//! simulation itself never does.
//!
//! `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
//!  cargo test --release -p supply-sim --target wasm32-unknown-unknown --test wasm_bench -- --include-ignored --nocapture`

#![cfg(target_arch = "wasm32")]

use supply_sim::{Engine, Scenario, time::DAY, validate};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::{console_log, wasm_bindgen_test};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Date)]
    fn now() -> f64;
}

// Ignored by default: a benchmark, not a test (and slow in debug builds).
#[wasm_bindgen_test]
#[ignore]
fn bench_large_in_wasm() {
    let text = include_str!("../../../scenarios/bench-large.json");
    let net = validate(&Scenario::from_json(text).unwrap()).unwrap();
    let days = net.horizon.default_days as u64;
    let mut best = f64::INFINITY;
    let mut last = None;
    for _ in 0..2 {
        let mut e = Engine::new(net.clone(), 42);
        let t0 = now();
        e.run_until(days * DAY);
        best = best.min((now() - t0) / 1000.0);
        last = Some(e);
    }
    let r = last.unwrap().report();
    assert!(r.conservation.balanced());
    console_log!(
        "wasm bench-large: {} events, {} orders, {:.3} s (best of 2): {:.2} M events/s, {:.2} M orders/s",
        r.events,
        r.orders.placed,
        best,
        r.events as f64 / best / 1e6,
        r.orders.placed as f64 / best / 1e6
    );
}
