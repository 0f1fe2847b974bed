//! `cargo xtask test`: every suite, then one summary line of counts.

use crate::cmd::{self, cargo, run_capture, tool};
use crate::static_server;
use crate::tools::{self, CHROMEDRIVER, Need};
use std::process::Command;
use std::time::Instant;

#[derive(Default)]
struct Tally {
    passed: u64,
    failed: u64,
    failed_steps: Vec<&'static str>,
}

impl Tally {
    /// Record a step; a failed step with no failing test counted (a compile
    /// error, a lint) still counts as one failure.
    fn step(&mut self, name: &'static str, ok: bool, counts: (u64, u64)) {
        self.passed += counts.0;
        self.failed += counts.1;
        if !ok {
            if counts.1 == 0 {
                self.failed += 1;
            }
            self.failed_steps.push(name);
        }
    }
}

/// The proptest seed `cargo xtask test` runs with (see `run_all`).
const PROPTEST_SEED: &str = "20261124";

pub fn run_all() -> Result<(), String> {
    let start = Instant::now();
    tools::ensure_all(Need::Everything)?;
    let mut t = Tally::default();

    let check = |c: &mut Command| cmd::run(c).is_ok();
    let ok = check(cargo().args(["fmt", "--all", "--check"]));
    t.step("fmt", ok, (0, 0));

    // Each crate is linted for the targets it runs on.
    let clippy = |which: &[&str]| {
        let lints = ["--all-targets", "--", "-D", "warnings"];
        check(cargo().arg("clippy").args(which).args(lints))
    };
    let ok = clippy(&["--workspace", "--exclude", "supply-web"]);
    t.step("clippy (native)", ok, (0, 0));
    let ok = clippy(&[
        "--target",
        "wasm32-unknown-unknown",
        "-p",
        "supply-sim",
        "-p",
        "supply-web",
    ]);
    t.step("clippy (wasm32)", ok, (0, 0));

    // Property tests explore new random cases on every plain `cargo test`;
    // the gate uses one fixed seed so a pass or fail here is reproducible.
    let (ok, out) = run_capture(
        cargo()
            .args(["test", "--workspace", "--exclude", "supply-web"])
            .env("PROPTEST_RNG_SEED", PROPTEST_SEED),
    );
    t.step("native tests", ok, cargo_counts(&out));

    // Every fuzz target for a few thousand inputs (the long runs are a
    // benchmark: BENCHMARKS.md).
    let names: Vec<&str> = crate::fuzz::TARGETS.iter().map(|(n, _)| *n).collect();
    let ok = match crate::fuzz::run(&names, None) {
        Ok(()) => true,
        Err(e) => {
            eprintln!("xtask: {e}");
            false
        }
    };
    let n = names.len() as u64;
    t.step("fuzz smoke", ok, if ok { (n, 0) } else { (0, 1) });

    let wasm_test = || {
        let mut c = cargo();
        c.args([
            "test",
            "-p",
            "supply-sim",
            "-p",
            "supply-web",
            "--target",
            "wasm32-unknown-unknown",
        ]);
        c
    };
    let (ok, out) = run_capture(&mut wasm_test());
    t.step("wasm tests (Node)", ok, cargo_counts(&out));

    let webdriver_json = cmd::root().join("tests/webdriver.json");
    let (ok, out) = run_capture(
        wasm_test()
            .env("WASM_BINDGEN_USE_BROWSER", "1")
            .env("CHROMEDRIVER", CHROMEDRIVER)
            .env("WASM_BINDGEN_TEST_WEBDRIVER_JSON", &webdriver_json),
    );
    t.step("wasm tests (Chromium)", ok, cargo_counts(&out));

    match cmd::run(tool("trunk").args(["build", "--release"])) {
        Ok(()) => {
            report_load_size();
            let (ok, counts) = e2e();
            t.step("end-to-end (Playwright, Chromium)", ok, counts);
        }
        Err(e) => {
            eprintln!("xtask: {e}");
            t.step("release build", false, (0, 0));
        }
    }

    let secs = start.elapsed().as_secs();
    if t.failed_steps.is_empty() {
        println!("xtask: all suites green in {}m{:02}s", secs / 60, secs % 60);
    } else {
        println!("xtask: failed steps: {}", t.failed_steps.join(", "));
    }
    println!("summary: {} passed, {} failed", t.passed, t.failed);
    if t.failed_steps.is_empty() {
        Ok(())
    } else {
        Err("some suites failed".into())
    }
}

fn e2e() -> (bool, (u64, u64)) {
    let port = match static_server::spawn(cmd::root().join("dist")) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("xtask: {e}");
            return (false, (0, 0));
        }
    };
    let url = format!("http://127.0.0.1:{port}/");
    println!("xtask: serving dist/ at {url} for the end-to-end suite");
    // The experiments' tests run the page's spec with the CLI too.
    if let Err(e) = cmd::run(cargo().args(["build", "-p", "supply-cli"])) {
        eprintln!("xtask: {e}");
        return (false, (0, 0));
    }
    let (ok, out) = run_capture(
        tool("playwright")
            .args(["test", "--config", "tests/playwright.config.mjs"])
            .env("SANDBOX_URL", &url)
            .env("SUPPLY_CLI", cmd::target_dir().join("debug/supply-cli")),
    );
    (ok, playwright_counts(&out))
}

/// Sum `test result: ... N passed; M failed` lines (cargo test and wasm-bindgen-test-runner).
fn cargo_counts(out: &str) -> (u64, u64) {
    let mut counts = (0, 0);
    for line in out.lines().filter(|l| l.starts_with("test result:")) {
        counts.0 += number_before(line, " passed");
        counts.1 += number_before(line, " failed");
    }
    counts
}

/// Playwright's list reporter ends with lines like `  12 passed (4.1s)` and `  1 failed`.
fn playwright_counts(out: &str) -> (u64, u64) {
    let mut counts = (0, 0);
    for line in out.lines().map(str::trim) {
        let first_word_is_number = line
            .split_whitespace()
            .next()
            .is_some_and(|w| w.parse::<u64>().is_ok());
        if !first_word_is_number {
            continue;
        }
        if line.contains(" passed") {
            counts.0 += number_before(line, " passed");
        } else if line.contains(" failed") || line.contains(" flaky") {
            counts.1 += number_before(line, " failed") + number_before(line, " flaky");
        }
    }
    counts
}

/// The integer immediately before `word` in `line`, or 0.
fn number_before(line: &str, word: &str) -> u64 {
    line.find(word)
        .and_then(|i| line[..i].split(|c: char| !c.is_ascii_digit()).next_back())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// Files in dist/ a first visit does not load: the sim worker, fetched
/// when a person first runs Optimise stock or an experiment.
const ON_DEMAND_PREFIX: &str = "sim-worker";

/// First-load size: every file in dist/, raw and gzip -9, and the total of
/// those a first visit loads (the sim worker's are totalled apart).
pub fn report_load_size() {
    let Ok(entries) = std::fs::read_dir(cmd::root().join("dist")) else {
        return;
    };
    let (mut first, mut on_demand) = ((0, 0), (0, 0));
    let mut files: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    files.sort();
    for p in files.iter().filter(|p| p.is_file()) {
        let raw = std::fs::metadata(p).map(|m| m.len() as usize).unwrap_or(0);
        let gz = Command::new("gzip")
            .args(["-9", "-c"])
            .arg(p)
            .output()
            .map(|o| o.stdout.len())
            .unwrap_or(0);
        let name = p.file_name().unwrap_or_default().to_string_lossy();
        let total = if name.starts_with(ON_DEMAND_PREFIX) {
            &mut on_demand
        } else {
            &mut first
        };
        total.0 += raw;
        total.1 += gz;
        println!(
            "xtask: dist/{name}: {} KB raw, {} KB gzip",
            raw / 1024,
            gz / 1024
        );
    }
    println!(
        "xtask: first load (all of dist/ but the sim worker): {} KB raw, {} KB gzip",
        first.0 / 1024,
        first.1 / 1024
    );
    println!(
        "xtask: the sim worker, loaded when Optimise stock, an experiment or a design is first used: {} KB raw, {} KB gzip",
        on_demand.0 / 1024,
        on_demand.1 / 1024
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_cargo_results() {
        let out = "test result: ok. 3 passed; 0 failed; 1 ignored\nnoise\ntest result: FAILED. 2 passed; 1 failed; 0 ignored\n";
        assert_eq!(cargo_counts(out), (5, 1));
    }

    #[test]
    fn counts_playwright_results() {
        let out = "  ✓ 1 [chromium] › shell\n  2 failed\n  1 flaky\n  7 passed (3.2s)\n";
        assert_eq!(playwright_counts(out), (7, 3));
    }
}
