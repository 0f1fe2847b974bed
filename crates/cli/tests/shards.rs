//! An experiment split into shards and merged gives the bytes one process
//! gives: run in turn, and run by GNU parallel (`-S :`, the local machine
//! as the README's SSH recipe names hosts), which `cargo xtask test`
//! installs if it is missing.

use std::path::{Path, PathBuf};
use std::process::Command;

const CLI: &str = env!("CARGO_BIN_EXE_supply-cli");

/// A small sweep of the UK network: 3 variants × 3 replications of 2 days.
const SPEC: &str = r#"{"experiment": "sweep", "scenario": "builtin:uk-network",
  "days": 2, "replications": 3, "seed": 5,
  "parameters": [{"label": "Vans every (h)", "path": "lanes[36].dispatch.every_hours",
                  "values": [1, 6]}]}"#;

fn dir(name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    std::fs::write(d.join("spec.json"), SPEC).unwrap();
    d
}

fn cli(args: &[&str]) -> String {
    let out = Command::new(CLI).args(args).output().expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "supply-cli {args:?}: {err}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn shards_merge_to_the_single_run_byte_for_byte() {
    let d = dir("shards-in-turn");
    let spec = d.join("spec.json");
    let spec = spec.to_str().unwrap();
    let whole = cli(&["experiment", spec]);
    let mut files = Vec::new();
    for i in 1..=4 {
        let lines = cli(&["experiment", spec, "--shard", &format!("{i}/4")]);
        let f = d.join(format!("shard-{i}.jsonl"));
        std::fs::write(&f, lines).unwrap();
        files.push(f.to_str().unwrap().to_owned());
    }
    let mut args = vec!["merge", spec];
    args.extend(files.iter().rev().map(String::as_str));
    assert_eq!(cli(&args), whole);
    // The CSV export is the same either way too.
    args.push("--csv");
    assert_eq!(cli(&args), cli(&["experiment", spec, "--csv"]));
    // A shard left out is named.
    let out = Command::new(CLI).args(&args[..4]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("runs are missing"), "{err}");
}

#[test]
fn gnu_parallel_runs_the_shards() {
    let parallel = Path::new("/usr/bin/parallel");
    assert!(
        parallel.exists(),
        "GNU parallel is missing: `cargo xtask install` installs it (apt-get install parallel)"
    );
    let d = dir("shards-by-parallel");
    let spec = d.join("spec.json");
    let spec = spec.to_str().unwrap();
    let job = format!(
        "{CLI} experiment {spec} --shard {{}}/3 > {}/shard-{{}}.jsonl",
        d.display()
    );
    let out = Command::new(parallel)
        .args([
            "--will-cite",
            "-S",
            ":",
            "--jobs",
            "2",
            "--halt",
            "now,fail=1",
            &job,
            ":::",
            "1",
            "2",
            "3",
        ])
        .output()
        .expect("parallel runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let shards: Vec<String> = (1..=3)
        .map(|i| {
            d.join(format!("shard-{i}.jsonl"))
                .to_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    let mut args = vec!["merge", spec];
    args.extend(shards.iter().map(String::as_str));
    let merged = cli(&args);
    assert_eq!(merged, cli(&["experiment", spec]));
    let o: serde_json::Value = serde_json::from_str(&merged).unwrap();
    assert_eq!(o["variants"].as_array().unwrap().len(), 3);
}

#[test]
fn a_bad_spec_is_named_with_its_field() {
    let d = dir("bad-spec");
    let bad = SPEC.replace("lanes[36]", "lanes[999]");
    std::fs::write(d.join("spec.json"), bad).unwrap();
    let out = Command::new(CLI)
        .args([
            "experiment",
            d.join("spec.json").to_str().unwrap(),
            "--shard",
            "1/2",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("invalid experiment") && err.contains("parameters[0].path"),
        "{err}"
    );
    assert!(
        err.contains("Vans every (h)") && err.contains("lanes[999]"),
        "{err}"
    );
    let out = Command::new(CLI)
        .args(["experiment", "x.json", "--shard", "3/2"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 ≤ I ≤ N"));
}
