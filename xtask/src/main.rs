//! `cargo xtask serve` and `cargo xtask test`: the project's two commands,
//! with `install`, the browser benchmarks `bench-web` and `bench-plan`, and
//! the fuzz targets (`fuzz`).
//!
//! Both install whatever is missing first (see `tools`), so a fresh Debian
//! machine with rustup, Node/npm and apt needs nothing else.

mod cmd;
mod fuzz;
mod static_server;
mod suites;
mod tools;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve(),
        Some("test") => suites::run_all(),
        Some("install") => tools::ensure_all(tools::Need::Everything),
        Some("bench-web") => bench_web(args.get(1).map(String::as_str)),
        Some("bench-plan") => bench_plan(),
        Some("bench-experiment") => bench_experiment(),
        Some("fuzz") => fuzz::from_args(&args[1..]),
        _ => {
            eprintln!("usage: cargo xtask <serve|test|install>");
            eprintln!(
                "  serve    install what is missing, build the app, serve it at http://127.0.0.1:8080"
            );
            eprintln!("  test     install what is missing and run every suite");
            eprintln!("  install  only install what is missing");
            eprintln!(
                "  bench-web [scenario]  release build size and frame time in headless Chromium"
            );
            eprintln!(
                "  bench-plan  Optimise stock on 10,000 SKUs (learned forecasts) in headless Chromium"
            );
            eprintln!(
                "  bench-experiment  a 20 × 10 sweep of uk-network in the page against the CLI and 2 shards"
            );
            eprintln!(
                "  fuzz [--runs N] [TARGET…]  the fuzz targets (scenario, lesson, share_link, engine)"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Build the release page and serve it, with its Content Security Policy as
/// a header, until Ctrl+C (rebuild with `trunk build --release` and reload).
fn serve() -> Result<(), String> {
    tools::ensure_all(tools::Need::Build)?;
    cmd::run(cmd::tool("trunk").args(["build", "--release"]))?;
    let port = static_server::spawn_at(cmd::root().join("dist"), 8080)?;
    println!("xtask: serving Supply Sandbox at http://127.0.0.1:{port} (Ctrl+C to stop)");
    loop {
        std::thread::park();
    }
}

/// Release build, first-load size, then the frame-time benchmark in Chromium.
fn bench_web(scenario: Option<&str>) -> Result<(), String> {
    tools::ensure_all(tools::Need::Everything)?;
    cmd::run(cmd::tool("trunk").args(["build", "--release"]))?;
    suites::report_load_size();
    let port = static_server::spawn(cmd::root().join("dist"))?;
    let url = format!("http://127.0.0.1:{port}/");
    cmd::run(cmd::tool("node").args([
        "tests/bench/frame-time.mjs",
        &url,
        scenario.unwrap_or("stress-vehicles"),
        "20",
    ]))
}

/// Release builds, then a 20 × 10 sweep of uk-network in the page's
/// workers against the native CLI, whole and as 2 shards.
fn bench_experiment() -> Result<(), String> {
    tools::ensure_all(tools::Need::Everything)?;
    cmd::run(cmd::tool("trunk").args(["build", "--release"]))?;
    cmd::run(cmd::cargo().args(["build", "--release", "-p", "supply-cli"]))?;
    let port = static_server::spawn(cmd::root().join("dist"))?;
    let url = format!("http://127.0.0.1:{port}/");
    let cli = cmd::target_dir().join("release/supply-cli");
    cmd::run(cmd::tool("node").args([
        "tests/bench/experiment-sweep.mjs",
        &url,
        &cli.to_string_lossy(),
    ]))
}

/// Release build, then Optimise stock on a 10,000-SKU FC in Chromium.
fn bench_plan() -> Result<(), String> {
    tools::ensure_all(tools::Need::Everything)?;
    cmd::run(cmd::tool("trunk").args(["build", "--release"]))?;
    let port = static_server::spawn(cmd::root().join("dist"))?;
    let url = format!("http://127.0.0.1:{port}/");
    cmd::run(cmd::tool("node").args(["tests/bench/plan-10k.mjs", &url, "3"]))
}
