//! `supply-cli experiment` and `supply-cli merge`: run a compare or sweep
//! spec (the format the page exports), whole or as shard `I/N`, and merge
//! shards' JSON lines into the result one process gives, byte for byte.
//! Any engine that hands out an index can run the shards (see README).

use crate::Opts;
use std::process::ExitCode;
use supply_sim::experiment::{self, Experiment, Spec, result::Outcome, run::RunResult};
use supply_sim::scenario::parse_json;

/// `I/N` with 1 ≤ I ≤ N.
pub fn parse_shard(v: &str) -> Result<(u64, u64), String> {
    let bad = || format!("--shard: {v:?} is not I/N with 1 ≤ I ≤ N, such as 2/8");
    let (i, n) = v.split_once('/').ok_or_else(bad)?;
    let (i, n) = (
        i.parse::<u64>().map_err(|_| bad())?,
        n.parse::<u64>().map_err(|_| bad())?,
    );
    if i == 0 || i > n {
        return Err(bad());
    }
    Ok((i, n))
}

/// Read and prepare the spec named by the first positional argument.
fn prepare(o: &Opts, missing: &str) -> Result<Experiment, ExitCode> {
    let path = o.positional.first().ok_or_else(|| {
        eprintln!("{missing}");
        ExitCode::from(1)
    })?;
    let text = std::fs::read_to_string(path).map_err(|e| {
        eprintln!("cannot read {path}: {e}");
        ExitCode::from(1)
    })?;
    let text = named_scenarios(path, &text).map_err(|err| {
        eprintln!("{path}: {err}");
        ExitCode::from(1)
    })?;
    let spec: Spec = parse_json(&text).map_err(|p| {
        print_problems(path, &p);
        ExitCode::from(2)
    })?;
    let allow = if o.ignore_budget {
        experiment::Allowance {
            per_run: supply_sim::budget::Budget {
                max_orders_per_day: f64::INFINITY,
                max_orders: f64::INFINITY,
                ..supply_sim::budget::CLI
            },
            max_orders: f64::INFINITY,
        }
    } else {
        experiment::CLI
    };
    Experiment::prepare(&spec, &allow).map_err(|p| {
        print_problems(path, &p);
        ExitCode::from(2)
    })
}

fn print_problems(source: &str, problems: &[supply_sim::Problem]) {
    eprintln!(
        "{source}: invalid experiment ({} problems):",
        problems.len()
    );
    for p in problems {
        eprintln!("  {p}");
    }
}

/// The spec with each scenario given by name (`"a": "builtin:uk-network"`
/// or a file path, relative to the spec) replaced by the scenario itself.
/// Other text is left to the spec's parser, which names what is wrong.
fn named_scenarios(spec_path: &str, text: &str) -> Result<String, String> {
    let Ok(mut doc) = serde_json::from_str::<serde_json::Value>(text) else {
        return Ok(text.to_owned());
    };
    let mut named = false;
    let dir = std::path::Path::new(spec_path)
        .parent()
        .unwrap_or(std::path::Path::new(""));
    for key in ["a", "b", "scenario"] {
        if let Some(name) = doc.get(key).and_then(|v| v.as_str()).map(str::to_owned) {
            let source = if name.starts_with("builtin:") {
                name.clone()
            } else {
                dir.join(&name).to_string_lossy().into_owned()
            };
            let scenario = crate::load(&source)?;
            named = true;
            doc[key] = serde_json::from_str(&scenario)
                .map_err(|e| format!("\"{key}\": {name} is not JSON: {e}"))?;
        }
    }
    // Unchanged text keeps its lines, for the parser's line numbers.
    Ok(if named {
        doc.to_string()
    } else {
        text.to_owned()
    })
}

pub fn experiment(o: &Opts) -> Result<(), ExitCode> {
    let e = prepare(o, "experiment needs a spec file (see README, Experiments)")?;
    if let Some((i, n)) = o.shard {
        // A shard: one JSON line a run, to merge later.
        for run in e.shard(i, n) {
            println!("{}", line(&e.run(run))?);
        }
        return Ok(());
    }
    let runs: Vec<RunResult> = (0..e.runs()).map(|r| e.run(r)).collect();
    print_outcome(o, &e, &runs)
}

pub fn merge(o: &Opts) -> Result<(), ExitCode> {
    let e = prepare(o, "merge needs the spec file, then the shards' files")?;
    let mut runs = Vec::new();
    for path in &o.positional[1..] {
        let text = std::fs::read_to_string(path).map_err(|err| {
            eprintln!("cannot read {path}: {err}");
            ExitCode::from(1)
        })?;
        for (n, l) in text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            let run = serde_json::from_str::<RunResult>(l).map_err(|err| {
                eprintln!("{path}, line {}: not a run of an experiment: {err}", n + 1);
                ExitCode::from(1)
            })?;
            runs.push(run);
        }
    }
    print_outcome(o, &e, &runs)
}

fn print_outcome(o: &Opts, e: &Experiment, runs: &[RunResult]) -> Result<(), ExitCode> {
    let outcome = Outcome::of(e, runs).map_err(|err| {
        eprintln!("the runs do not make the experiment: {err}");
        ExitCode::from(1)
    })?;
    if o.csv {
        print!("{}", outcome.to_csv());
    } else {
        let text = serde_json::to_string_pretty(&outcome).map_err(|err| {
            eprintln!("the result could not be written: {err}");
            ExitCode::from(1)
        })?;
        println!("{text}");
    }
    Ok(())
}

fn line(r: &RunResult) -> Result<String, ExitCode> {
    serde_json::to_string(r).map_err(|err| {
        eprintln!("run {} could not be written: {err}", r.run);
        ExitCode::from(1)
    })
}
