//! Native/wasm determinism: a run's serialized report must equal the golden
//! report the native CLI produced, byte for byte.
//!
//! Regenerate the goldens only on purpose, after a model change:
//! `cargo run --release -p supply-cli -- run builtin:uk-network --days 14 --seed 42 > crates/sim/tests/golden/uk-network-seed42-days14.json`
//! `cargo run --release -p supply-cli -- run builtin:pan-eu --days 14 --seed 42 > crates/sim/tests/golden/pan-eu-seed42-days14.json`
//! `cargo run --release -p supply-cli -- run builtin:ocean-inbound --days 120 --seed 42 > crates/sim/tests/golden/ocean-inbound-seed42-days120.json`
//! `cargo run --release -p supply-cli -- run builtin:beer-game --seed 7 > crates/sim/tests/golden/beer-game-seed7-days364.json`
//! `cargo run --release -p supply-cli -- run crates/sim/tests/golden/every-forecast-model.scenario.json --days 42 --seed 5 > crates/sim/tests/golden/every-forecast-model-seed5-days42.json`
//! `cargo run --release -p supply-cli -- plan builtin:uk-network --learn-days 7 --days 7 --json > crates/sim/tests/golden/plan-uk-network-learn7-days7.json`
//! `cargo run --release -p supply-cli -- plan builtin:beer-game --learn-days 140 --days 140 --json > crates/sim/tests/golden/plan-beer-game-learn140-days140.json`
//! `cargo run --release -p supply-cli -- design builtin:uk-network --json > crates/sim/tests/golden/design-uk-network-grid5.json` (checked in `tests/design.rs`)
//!
//! The same test runs natively (`cargo test`) and in wasm under Node or a
//! browser (`wasm-bindgen-test-runner`; not pinned to a browser so the runner
//! chooses by environment).

use supply_sim::{builtin, run_json};

fn check(name: &str, json: &str, days: Option<u32>, seed: u64, golden: &str) {
    let report = run_json(json, days, seed).expect("built-in scenario is valid");
    let got = serde_json::to_string_pretty(&report).expect("report serializes");
    same(name, &got, golden);
}

/// `got` must equal the native `golden`, byte for byte.
fn same(name: &str, got: &str, golden: &str) {
    let want = golden.trim_end();
    if got != want {
        let line = got.lines().zip(want.lines()).position(|(a, b)| a != b);
        let detail = match line {
            Some(i) => format!(
                "first difference at line {}:\n  got:  {}\n  want: {}",
                i + 1,
                got.lines().nth(i).unwrap_or(""),
                want.lines().nth(i).unwrap_or("")
            ),
            None => format!(
                "lengths differ: got {} lines, want {}",
                got.lines().count(),
                want.lines().count()
            ),
        };
        panic!("{name}: report differs from the native golden; {detail}");
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn uk_network_seed42_14_days_matches_golden() {
    check(
        "uk-network",
        builtin::UK_NETWORK,
        Some(14),
        42,
        include_str!("golden/uk-network-seed42-days14.json"),
    );
}

/// Customs waits are gamma draws: the same in wasm as natively.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn pan_eu_seed42_14_days_matches_golden() {
    check(
        "pan-eu",
        builtin::PAN_EU,
        Some(14),
        42,
        include_str!("golden/pan-eu-seed42-days14.json"),
    );
}

/// Vessel delays, ETA updates and expediting: the same in wasm.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn ocean_inbound_seed42_120_days_matches_golden() {
    check(
        "ocean-inbound",
        builtin::OCEAN_INBOUND,
        Some(120),
        42,
        include_str!("golden/ocean-inbound-seed42-days120.json"),
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn beer_game_seed7_52_weeks_matches_golden() {
    check(
        "beer-game",
        builtin::BEER_GAME,
        None,
        7,
        include_str!("golden/beer-game-seed7-days364.json"),
    );
}

/// Each FC plans from a different forecasting model (Holt-Winters, Croston,
/// TSB, learned trees, smoothing) long enough for the trees to train and
/// retrain, so every model's float maths is checked across targets.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn every_forecast_model_seed5_42_days_matches_golden() {
    check(
        "every-forecast-model",
        include_str!("golden/every-forecast-model.scenario.json"),
        Some(42),
        5,
        include_str!("golden/every-forecast-model-seed5-days42.json"),
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn stepping_in_small_budgets_gives_the_same_report_as_run_until() {
    use supply_sim::{Engine, Scenario, time::DAY, validate};
    let net = validate(&Scenario::from_json(builtin::UK_NETWORK).unwrap()).unwrap();
    let mut a = Engine::new(net.clone(), 3);
    a.run_until(3 * DAY);
    let mut b = Engine::new(net, 3);
    // The UI's pattern: a per-frame event budget towards a target time.
    let mut t = 0;
    while t < 3 * DAY {
        t += 600;
        while b.step_until(t, 97) == 97 {}
    }
    let (ra, rb) = (a.report(), b.report());
    assert_eq!(
        serde_json::to_string(&ra).unwrap(),
        serde_json::to_string(&rb).unwrap()
    );
}

/// Optimise stock (supply-plan's normal maths, Graves–Willems and
/// Clark–Scarf, and the check's run) gives the plan `supply-cli plan --json`
/// gave natively.
fn plan_check(name: &str, scenario: &str, learn_days: u64, days: u32, golden: &str) {
    use supply_sim::optimise::{self, DEFAULT_TARGET_SERVICE};
    use supply_sim::{Engine, Scenario, defaults::SEED, time::DAY, validate};
    let s = Scenario::from_json(scenario).expect("built-in scenario parses");
    let mut e = Engine::new(validate(&s).expect("built-in scenario is valid"), SEED);
    e.run_until(learn_days * DAY);
    let plan = optimise::optimise(&e, DEFAULT_TARGET_SERVICE).expect("plans");
    let check = optimise::check(&plan, &s, SEED, days).expect("runs");
    let both = serde_json::json!({ "plan": plan, "check": check });
    same(name, &serde_json::to_string_pretty(&both).unwrap(), golden);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn uk_network_plan_matches_golden() {
    plan_check(
        "plan uk-network",
        builtin::UK_NETWORK,
        7,
        7,
        include_str!("golden/plan-uk-network-learn7-days7.json"),
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn beer_game_plan_matches_golden() {
    plan_check(
        "plan beer-game",
        builtin::BEER_GAME,
        140,
        140,
        include_str!("golden/plan-beer-game-learn140-days140.json"),
    );
}
