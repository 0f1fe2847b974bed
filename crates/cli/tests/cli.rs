//! The CLI's contract: report JSON on stdout, exit 2 with every problem (and
//! its JSON path) on stderr for an invalid scenario, never a panic.

use std::process::Command;

fn cli(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_supply-cli"))
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn scenarios(name: &str) -> String {
    format!("{}/../../scenarios/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn run_prints_a_report_with_the_documented_keys() {
    let (code, out, err) = cli(&[
        "run",
        &scenarios("beer-game.json"),
        "--days",
        "70",
        "--seed",
        "3",
    ]);
    assert_eq!(code, 0, "{err}");
    let r: serde_json::Value = serde_json::from_str(&out).expect("stdout is JSON");
    for k in [
        "scenario",
        "seed",
        "days",
        "events",
        "orders",
        "service",
        "cost",
        "emissions",
        "conservation",
        "facilities",
    ] {
        assert!(r.get(k).is_some(), "missing {k}");
    }
    for k in [
        "placed",
        "delivered",
        "on_time",
        "late",
        "backordered",
        "lost",
        "open",
    ] {
        assert!(r["orders"][k].is_u64(), "orders.{k}");
    }
    for k in [
        "fill_rate",
        "on_time_rate",
        "mean_lead_time_h",
        "p95_lead_time_h",
    ] {
        assert!(r["service"][k].is_number(), "service.{k}");
    }
    for k in [
        "transport",
        "handling",
        "holding",
        "labour",
        "total",
        "per_package",
    ] {
        assert!(r["cost"][k].is_number(), "cost.{k}");
    }
    for k in ["co2e_kg", "co2e_g_per_package", "net_zero_share"] {
        assert!(r["emissions"][k].is_number(), "emissions.{k}");
    }
    let c = &r["conservation"];
    let n = |k: &str| c[k].as_u64().unwrap();
    assert_eq!(
        n("supplied"),
        n("on_hand") + n("in_transit") + n("delivered") + n("lost")
    );
    let f = &r["facilities"][1];
    for k in [
        "id",
        "kind",
        "throughput_units",
        "utilization",
        "mean_on_hand",
        "mean_wip",
        "mean_time_in_system_h",
        "fill_rate",
        "demand_mean",
        "demand_variance",
        "orders_mean",
        "orders_variance",
    ] {
        assert!(f.get(k).is_some(), "facilities[].{k}");
    }
    assert_eq!(r["seed"], 3);
    assert_eq!(r["days"], 70.0);
}

#[test]
fn invalid_scenario_exits_2_and_lists_every_problem_with_its_path() {
    let dir = std::env::temp_dir().join(format!("supply-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(scenarios("beer-game.json")).unwrap())
            .unwrap();
    v["facilities"][1]["capacity_per_hour"] = serde_json::json!(-1);
    v["lanes"][2]["to"] = serde_json::json!("nowhere");
    v["policies"][0]["rule"]["safety_stock"] = serde_json::json!(-4);
    let bad = dir.join("bad.json");
    std::fs::write(&bad, v.to_string()).unwrap();
    let (code, out, err) = cli(&["run", bad.to_str().unwrap()]);
    assert_eq!(code, 2, "stderr: {err}");
    assert!(out.is_empty());
    for path in [
        "facilities[1].capacity_per_hour",
        "lanes[2].to",
        "policies[0].rule.safety_stock",
    ] {
        assert!(err.contains(path), "stderr lacks {path}:\n{err}");
    }
    // Syntax error: still exit 2, with a position.
    std::fs::write(
        &bad,
        "{\"version\": 1, \"name\": \"x\", \"facilities\": [ {\"id\": 3} ]",
    )
    .unwrap();
    let (code, _, err) = cli(&["run", bad.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("facilities[0].id") && err.contains("line 1"),
        "{err}"
    );
    let (code, _, err) = cli(&["run", "/no/such/file.json"]);
    assert_eq!(code, 1, "{err}");
    assert!(!err.contains("panicked"));
    let (code, _, _) = cli(&["run", "builtin:beer-game", "--days", "zero"]);
    assert_eq!(code, 1);
}

#[test]
fn replicate_reports_confidence_intervals() {
    let (code, out, err) = cli(&[
        "replicate",
        "builtin:beer-game",
        "--runs",
        "4",
        "--days",
        "56",
    ]);
    assert_eq!(code, 0, "{err}");
    let r: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(r["runs"], 4);
    let f = &r["fill_rate"];
    let (lo, m, hi) = (
        f["ci95_low"].as_f64().unwrap(),
        f["mean"].as_f64().unwrap(),
        f["ci95_high"].as_f64().unwrap(),
    );
    assert!(lo <= m && m <= hi, "{f}");
}

/// Run `supply-cli <cmd>` and check its output is the committed file at
/// `path` (from the workspace root); returns the output.
fn generated(cmd: &str, path: &str) -> String {
    let (code, out, err) = cli(&[cmd]);
    assert_eq!(code, 0, "{err}");
    let file = format!("{}/../../{path}", env!("CARGO_MANIFEST_DIR"));
    let committed = std::fs::read_to_string(file).unwrap_or_default();
    assert!(
        out == committed,
        "{path} differs from `supply-cli {cmd}`: regenerate it"
    );
    out
}

#[test]
fn the_benchmark_scenario_is_what_the_generator_makes() {
    generated("gen-bench-large", "scenarios/bench-large.json");
}

#[test]
fn the_glossary_file_is_what_the_sim_defines() {
    let out = generated("glossary", "GLOSSARY.md");
    assert!(out.contains("overdue open"));
}

#[test]
fn the_validation_file_is_what_the_sim_measures() {
    let out = generated("validation", "VALIDATION.md");
    assert!(
        !out.contains("**no**"),
        "a figure is outside its range:\n{out}"
    );
}

#[test]
fn lesson_judges_the_lessons_scenario_and_a_students_exported_one() {
    let (code, out, err) = cli(&["lesson", "builtin:safety-stock"]);
    assert_eq!(code, 3, "a goal missed as the lesson opens: {out}{err}");
    assert!(
        out.contains("not met") && out.contains("Fill rate at FC Daventry"),
        "{out}"
    );
    // A student's export with z = 3.3 at Daventry meets it.
    let mut s: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(scenarios("uk-network.json")).unwrap())
            .unwrap();
    let daventry = s["policies"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|p| p["facility"] == "FC-DIR")
        .unwrap();
    daventry["rule"]["z"] = serde_json::json!(3.3);
    let path = std::env::temp_dir().join(format!("student-{}.json", std::process::id()));
    std::fs::write(&path, s.to_string()).unwrap();
    let (code, out, err) = cli(&[
        "lesson",
        "builtin:safety-stock",
        "--scenario",
        path.to_str().unwrap(),
    ]);
    std::fs::remove_file(&path).ok();
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("by day 9: met"), "{out}");
    let (code, _, err) = cli(&["lesson", "builtin:nonsense"]);
    assert_eq!(code, 1);
    assert!(err.contains("no built-in lesson"));
}

#[test]
fn plan_prints_the_plan_beside_the_run_and_writes_the_planned_scenario() {
    let out_file = std::env::temp_dir().join(format!("planned-{}.json", std::process::id()));
    let out_path = out_file.to_string_lossy().into_owned();
    let (code, out, err) = cli(&[
        "plan",
        "builtin:beer-game",
        "--learn-days",
        "140",
        "--days",
        "140",
        "--write",
        &out_path,
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("serial (C–S)"), "{out}");
    assert!(out.contains("passes orders on"), "{out}");
    let planned = std::fs::read_to_string(&out_file).unwrap();
    let _ = std::fs::remove_file(&out_file);
    let s: serde_json::Value = serde_json::from_str(&planned).unwrap();
    let retailer = s["policies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["facility"] == "retailer")
        .unwrap();
    assert_eq!(retailer["rule"]["type"], "base_stock");
    assert!(retailer["rule"]["level"].as_f64().unwrap() > 100.0);
    // JSON for scripts; a bad target is named, with exit 2.
    let (code, out, _) = cli(&["plan", "builtin:beer-game", "--days", "28", "--json"]);
    assert_eq!(code, 0);
    let j: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(j["plan"]["points"].as_array().unwrap().len(), 4);
    assert!(j["check"]["rows"].is_array());
    let (code, _, err) = cli(&["plan", "builtin:beer-game", "--service", "120"]);
    assert_eq!(code, 2);
    assert!(err.contains("target cycle service"), "{err}");
}

/// The scenario that once aborted with "memory allocation of 8589934592
/// bytes failed" (exit 134): every UK demand stream at 10 million orders a
/// day. It is refused before it runs, with its figures, exit 2.
#[test]
fn a_scenario_past_the_work_budget_is_refused_with_its_figures_not_an_abort() {
    let mut s: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(scenarios("uk-network.json")).unwrap())
            .unwrap();
    s["days"] = 5.into();
    s["scale"] = 1.0.into();
    for d in s["demand"].as_array_mut().unwrap() {
        d["orders_per_day"] = 10_000_000.into();
    }
    let file = std::env::temp_dir().join(format!("huge-{}.json", std::process::id()));
    std::fs::write(&file, s.to_string()).unwrap();
    let path = file.to_string_lossy().into_owned();
    for cmd in ["run", "bench", "replicate", "plan"] {
        let (code, out, err) = cli(&[cmd, &path]);
        assert_eq!(code, 2, "{cmd}: {err}");
        assert!(out.is_empty(), "{cmd} ran: {out}");
        assert!(
            err.contains("too big to run") && err.contains("million orders on day 1"),
            "{cmd}: {err}"
        );
        assert!(err.contains("--ignore-budget"), "{cmd}: {err}");
    }
    let _ = std::fs::remove_file(&file);
}

#[test]
fn trace_prints_an_orders_steps_and_names_an_order_never_placed() {
    let (code, out, err) = cli(&["trace", "builtin:uk-network", "--order", "1000"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Placed in Edinburgh EH"), "{out}");
    assert!(out.contains("Picked and packed at FC Dunfermline"), "{out}");
    assert!(
        out.lines()
            .last()
            .unwrap()
            .contains("Delivered in Edinburgh EH"),
        "{out}"
    );
    let (code, out, _) = cli(&["trace", "builtin:uk-network", "--order", "1000", "--json"]);
    assert_eq!(code, 0);
    let t: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(t["events"][0]["step"], "placed");
    let (code, _, err) = cli(&["trace", "builtin:beer-game", "--order", "99999999"]);
    assert_eq!(code, 2);
    assert!(err.contains("was not placed"), "{err}");
}
