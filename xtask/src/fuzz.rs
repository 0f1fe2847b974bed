//! `cargo xtask fuzz`: the fuzz targets in `fuzz/` (cargo-fuzz, libFuzzer),
//! on stable Rust without a sanitizer (`-s none`), so a fresh machine needs
//! only cargo-fuzz, which this installs. Each target starts from the seed
//! inputs in `fuzz/seeds/<target>` and keeps what it finds in
//! `fuzz/corpus/<target>` (ignored by git). A crash writes its input to
//! `fuzz/artifacts/<target>` and fails the command.
//!
//! - `cargo xtask fuzz`: the smoke run `cargo xtask test` makes, a few
//!   thousand inputs per target.
//! - `cargo xtask fuzz --runs N [TARGET]`: N inputs per target (the long run
//!   recorded in BENCHMARKS.md is 10 million), with the count and the time.

use crate::cmd::{self, output_line, tool};
use std::time::Instant;

/// The targets, with the inputs each takes in the smoke run: the engine
/// target runs a few days of sim per input, the others only parse.
pub const TARGETS: [(&str, u64); 4] = [
    ("scenario", 20_000),
    ("lesson", 20_000),
    ("share_link", 20_000),
    ("engine", 500),
];

/// cargo-fuzz, pinned like the other tools.
const CARGO_FUZZ_VERSION: &str = "0.13.2";

pub fn ensure_cargo_fuzz() -> Result<(), String> {
    let have = output_line("cargo", &["fuzz", "--version"]);
    if have.as_deref() == Some(&format!("cargo-fuzz {CARGO_FUZZ_VERSION}")) {
        return Ok(());
    }
    println!("xtask: installing cargo-fuzz {CARGO_FUZZ_VERSION} (about a minute)");
    cmd::run(cmd::cargo().args([
        "install",
        "--locked",
        "cargo-fuzz",
        "--version",
        CARGO_FUZZ_VERSION,
        "--force",
    ]))
}

/// Run `targets`, `runs` inputs each (None: each target's smoke count).
pub fn run(targets: &[&str], runs: Option<u64>) -> Result<(), String> {
    ensure_cargo_fuzz()?;
    let root = cmd::root().join("fuzz");
    for &(name, smoke) in TARGETS.iter().filter(|(n, _)| targets.contains(n)) {
        let n = runs.unwrap_or(smoke);
        let corpus = root.join("corpus").join(name);
        let seeds = root.join("seeds").join(name);
        std::fs::create_dir_all(&corpus).map_err(|e| format!("cannot create {corpus:?}: {e}"))?;
        let started = Instant::now();
        let mut c = tool(&std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
        c.current_dir(&root)
            .args(["fuzz", "run", "-s", "none", name])
            .arg(&corpus)
            .arg(&seeds)
            .args(["--", &format!("-runs={n}"), "-print_final_stats=1"]);
        cmd::run(&mut c).map_err(|e| {
            format!("fuzz target {name} failed (its input is in fuzz/artifacts/{name}): {e}")
        })?;
        println!(
            "xtask: fuzz {name}: {n} inputs, 0 crashes, {:.1} s",
            started.elapsed().as_secs_f64()
        );
    }
    Ok(())
}

/// `cargo xtask fuzz [--runs N] [TARGET…]`.
pub fn from_args(args: &[String]) -> Result<(), String> {
    let mut runs = None;
    let mut targets: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--runs" => {
                i += 1;
                let v = args.get(i).ok_or("--runs needs a number")?;
                runs = Some(
                    v.parse()
                        .map_err(|_| format!("--runs: not a number: {v:?}"))?,
                );
            }
            t => match TARGETS.iter().find(|(n, _)| *n == t) {
                Some((n, _)) => targets.push(n),
                None => {
                    let names: Vec<&str> = TARGETS.iter().map(|(n, _)| *n).collect();
                    return Err(format!(
                        "no fuzz target {t:?} (there are {})",
                        names.join(", ")
                    ));
                }
            },
        }
        i += 1;
    }
    if targets.is_empty() {
        targets = TARGETS.iter().map(|(n, _)| *n).collect();
    }
    run(&targets, runs)
}
