//! Native headless runner: scenario in, report out, and benchmarks.
//!
//! ```text
//! supply-cli run <scenario.json|builtin:NAME> [--days N] [--seed S] [--compact]
//! supply-cli validate <scenario.json|builtin:NAME>
//! supply-cli bench [scenario.json] [--days N] [--seed S] [--repeat K]
//! supply-cli replicate <scenario.json|builtin:NAME> [--runs N] [--days N] [--seed S]
//! supply-cli experiment <spec.json> [--shard I/N] [--csv]   (a compare or sweep; a shard prints JSON lines)
//! supply-cli merge <spec.json> <shard.jsonl>... [--csv]     (the shards' result, as one run gives it)
//! supply-cli gen-bench-large [--zones N] [--skus N] [--orders-per-day N]   (prints JSON)
//! supply-cli glossary                                                       (prints GLOSSARY.md)
//! supply-cli validation                                                     (prints VALIDATION.md)
//! supply-cli lesson <lesson.json|builtin:ID> [--scenario S.json] [--seed S]  (judges its goals)
//! supply-cli plan <scenario.json|builtin:NAME> [--learn-days N] [--days N] [--service PCT] [--seed S] [--write FILE] [--json]
//! supply-cli trace <scenario.json|builtin:NAME> --order N [--days N] [--seed S] [--json]  (one order's steps)
//! supply-cli design <scenario.json|builtin:NAME> [--grid N] [--node-limit N] [--write FILE] [--json]  (where stations should stand)
//! ```
//! Exit codes: 0 ok, 1 usage or IO error, 2 invalid scenario (every problem on
//! stderr) or one past the work budget (its figures on stderr).

mod bench;
mod design;
mod experiment;
mod gen_large;
mod lesson;
mod plan;
mod replicate;
mod trace;
mod validation;

use std::process::ExitCode;
use supply_sim::{Engine, Problem, Scenario, SimTime, budget, time::DAY, validate};

pub(crate) const USAGE: &str = "usage:
  supply-cli run <scenario.json|builtin:NAME> [--days N] [--seed S] [--compact]
  supply-cli validate <scenario.json|builtin:NAME>
  supply-cli bench [scenario.json] [--days N] [--seed S] [--repeat K]
  supply-cli replicate <scenario.json|builtin:NAME> [--runs N] [--days N] [--seed S]
  supply-cli experiment <spec.json> [--shard I/N] [--csv]
  supply-cli merge <spec.json> <shard.jsonl>... [--csv]
  supply-cli gen-bench-large [--zones N] [--skus N] [--orders-per-day N]
  supply-cli glossary
  supply-cli validation
  supply-cli lesson <lesson.json|builtin:ID> [--scenario S.json] [--seed S]
  supply-cli plan <scenario.json|builtin:NAME> [--learn-days N] [--days N] [--service PCT]
                  [--seed S] [--write FILE] [--json]
  supply-cli trace <scenario.json|builtin:NAME> --order N [--days N] [--seed S] [--json]
  supply-cli design <scenario.json|builtin:NAME> [--grid N] [--node-limit N] [--write FILE] [--json]
run, bench, replicate, experiment, plan, trace and lesson refuse a scenario past the CLI's work budget
(orders a day and in a run); --ignore-budget runs it anyway.
built-in scenarios: uk-network, pan-eu, ocean-inbound, beer-game";

/// Parsed command-line options (hand-parsed to keep dependencies lean).
#[derive(Debug, Default)]
pub struct Opts {
    pub positional: Vec<String>,
    pub days: Option<u32>,
    pub seed: u64,
    pub repeat: u32,
    pub compact: bool,
    /// `--scenario FILE`: a student's scenario to judge a lesson on.
    pub scenario: Option<String>,
    /// `--service PCT`: a target cycle service, as a share.
    pub service: Option<f64>,
    /// `--write FILE`: where to save a planned scenario.
    pub write: Option<String>,
    /// `--json`: machine-readable output.
    pub json: bool,
    /// `--ignore-budget`: run a scenario past the CLI's work budget.
    pub ignore_budget: bool,
    /// `--shard I/N`: run slice I (1-based) of N of an experiment.
    pub shard: Option<(u64, u64)>,
    /// `--csv`: an experiment's result as CSV.
    pub csv: bool,
    pub numbers: Vec<(String, u64)>,
}

impl Opts {
    /// The value of a `--name N` option not parsed by name.
    pub fn number(&self, name: &str) -> Option<u64> {
        self.numbers.iter().find(|(n, _)| n == name).map(|x| x.1)
    }
}

fn parse(args: &[String]) -> Result<Opts, String> {
    let mut o = Opts {
        seed: supply_sim::defaults::SEED,
        repeat: 1,
        ..Opts::default()
    };
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        let mut value = |name: &str| -> Result<u64, String> {
            i += 1;
            let v = args.get(i).ok_or(format!("{name} needs a value"))?;
            v.parse::<u64>()
                .map_err(|_| format!("{name}: not a non-negative integer: {v:?}"))
        };
        match a.as_str() {
            "--days" => {
                let d = value("--days")?;
                if d == 0 || d > 3650 {
                    return Err("--days must be in 1..=3650".into());
                }
                o.days = Some(d as u32);
            }
            "--seed" => o.seed = value("--seed")?,
            "--repeat" => o.repeat = value("--repeat")?.clamp(1, 100) as u32,
            "--compact" => o.compact = true,
            "--scenario" => {
                i += 1;
                let v = args.get(i).ok_or("--scenario needs a file")?;
                o.scenario = Some(v.clone());
            }
            "--write" => {
                i += 1;
                let v = args.get(i).ok_or("--write needs a file")?;
                o.write = Some(v.clone());
            }
            "--json" => o.json = true,
            "--csv" => o.csv = true,
            "--shard" => {
                i += 1;
                let v = args.get(i).ok_or("--shard needs I/N, such as 2/8")?;
                o.shard = Some(experiment::parse_shard(v)?);
            }
            "--ignore-budget" => o.ignore_budget = true,
            "--service" => {
                i += 1;
                let v = args.get(i).ok_or("--service needs a percentage")?;
                let pct: f64 = v
                    .parse()
                    .map_err(|_| format!("--service: not a percentage: {v:?}"))?;
                o.service = Some(pct / 100.0);
            }
            s if s.starts_with("--") => {
                let n = value(s)?;
                o.numbers.push((s.trim_start_matches("--").to_string(), n));
            }
            _ => o.positional.push(a.clone()),
        }
        i += 1;
    }
    Ok(o)
}

/// Read a scenario file, or `builtin:NAME`.
pub fn load(path: &str) -> Result<String, String> {
    if let Some(name) = path.strip_prefix("builtin:") {
        return supply_sim::builtin::get(name)
            .map(str::to_string)
            .ok_or(format!("no built-in scenario {name:?}"));
    }
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))
}

pub fn print_problems(source: &str, problems: &[Problem]) {
    eprintln!(
        "{source}: invalid scenario ({} problem{}):",
        problems.len(),
        if problems.len() == 1 { "" } else { "s" }
    );
    for p in problems {
        eprintln!("  {p}");
    }
}

/// Warnings, one line for each that differs but for its subject.
fn print_warnings(source: &str, warnings: &[Problem]) {
    for w in supply_sim::problem::summarise(warnings) {
        eprintln!("{source}: warning: {}", w.text);
    }
}

/// Parse and validate, printing problems.
pub fn compile(source: &str, text: &str) -> Result<supply_sim::Network, ExitCode> {
    let scenario = Scenario::from_json(text).map_err(|p| {
        print_problems(source, &p);
        ExitCode::from(2)
    })?;
    print_warnings(source, &supply_sim::warnings(&scenario));
    validate(&scenario).map_err(|p| {
        print_problems(source, &p);
        ExitCode::from(2)
    })
}

/// The days `o` asks `net` to run (its horizon by default), within the
/// CLI's work budget unless `--ignore-budget`; the engine's limits the run
/// reaches are printed as warnings.
pub fn runnable(o: &Opts, source: &str, net: &supply_sim::Network) -> Result<u32, ExitCode> {
    let days = o.days.unwrap_or(net.horizon.default_days);
    let estimate = budget::estimate(net, days);
    if !o.ignore_budget
        && let Err(p) = budget::check(&estimate, &budget::CLI)
    {
        eprintln!("{source}: too big to run: {}", p.message);
        return Err(ExitCode::from(2));
    }
    print_warnings(source, &budget::limits_reached(net, days));
    Ok(days)
}

/// The first positional argument and the text it names; usage (`missing`
/// says what is missing) and IO problems are printed and become the exit
/// code.
fn source_text(o: &Opts, missing: &str) -> Result<(String, String), ExitCode> {
    let path = o.positional.first().ok_or_else(|| {
        eprintln!("{missing}");
        ExitCode::from(1)
    })?;
    let text = load(path).map_err(|e| {
        eprintln!("{e}");
        ExitCode::from(1)
    })?;
    Ok((path.clone(), text))
}

/// The scenario named by the first positional argument, parsed (not yet
/// validated), with its source; usage, IO and parse problems are printed
/// and become the exit code.
pub fn scenario_arg(o: &Opts) -> Result<(String, Scenario), ExitCode> {
    let (path, text) = source_text(o, USAGE)?;
    let scenario = Scenario::from_json(&text).map_err(|p| {
        print_problems(&path, &p);
        ExitCode::from(2)
    })?;
    Ok((path, scenario))
}

/// The scenario named by the first positional argument, compiled; usage,
/// IO and validation problems are printed and become the exit code.
pub fn network_arg(o: &Opts, missing: &str) -> Result<supply_sim::Network, ExitCode> {
    let (path, text) = source_text(o, missing)?;
    compile(&path, &text)
}

fn run(o: &Opts) -> Result<(), ExitCode> {
    let net = network_arg(o, USAGE)?;
    let days = runnable(o, o.positional.first().map_or("", String::as_str), &net)?;
    let mut engine = Engine::new(net, o.seed);
    engine.run_until(days as SimTime * DAY);
    let report = engine.report();
    let json = if o.compact {
        serde_json::to_string(&report)
    } else {
        serde_json::to_string_pretty(&report)
    };
    match json {
        Ok(j) => {
            println!("{j}");
            Ok(())
        }
        Err(e) => {
            eprintln!("cannot serialise report: {e}");
            Err(ExitCode::from(1))
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(cmd) = args.first() else {
        eprintln!("{USAGE}");
        return ExitCode::from(1);
    };
    let opts = match parse(&args[1..]) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{e}\n{USAGE}");
            return ExitCode::from(1);
        }
    };
    let result = match cmd.as_str() {
        "run" => run(&opts),
        "validate" => opts
            .positional
            .first()
            .ok_or(ExitCode::from(1))
            .and_then(|p| {
                load(p)
                    .map_err(|e| {
                        eprintln!("{e}");
                        ExitCode::from(1)
                    })
                    .map(|t| (p, t))
            })
            .and_then(|(p, t)| {
                compile(p, &t).map(|n| {
                    println!(
                        "{p}: ok ({} facilities, {} lanes, {} SKUs, {} demand streams)",
                        n.facilities.len(),
                        n.lanes.len(),
                        n.products.len(),
                        n.demand.len()
                    );
                })
            }),
        "bench" => bench::bench(&opts),
        "replicate" => replicate::replicate(&opts),
        "experiment" => experiment::experiment(&opts),
        "design" => design::design(&opts),
        "merge" => experiment::merge(&opts),
        "gen-bench-large" => {
            let get = |k: &str, d: u64| opts.number(k).unwrap_or(d);
            println!(
                "{}",
                gen_large::generate(
                    get("zones", 400) as usize,
                    get("skus", 1000) as usize,
                    get("orders-per-day", 6000) as f64
                )
            );
            Ok(())
        }
        "glossary" => {
            print!("{}", supply_sim::view::glossary::markdown());
            Ok(())
        }
        "validation" => validation(),
        "lesson" => lesson::lesson(&opts),
        "plan" => plan::plan(&opts),
        "trace" => trace::trace(&opts),
        "help" | "--help" | "-h" => {
            println!("{USAGE}");
            Ok(())
        }
        other => {
            eprintln!("unknown command {other:?}\n{USAGE}");
            Err(ExitCode::from(1))
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(c) => c,
    }
}

/// `VALIDATION.md`: the built-in UK network's headline figures over its
/// own horizon at the default seed, against their published ranges.
fn validation() -> Result<(), ExitCode> {
    let s = Scenario::from_json(supply_sim::builtin::UK_NETWORK).map_err(|_| ExitCode::from(2))?;
    let net = validate(&s).map_err(|_| ExitCode::from(2))?;
    let mut e = Engine::new(net, supply_sim::defaults::SEED);
    e.run_until(s.days as SimTime * DAY);
    let md = supply_sim::view::calibration::markdown(
        &e.report(),
        "cargo run --release -p supply-cli -- validation > VALIDATION.md",
    );
    let experiments = validation::markdown().map_err(|e| {
        eprintln!("{e}");
        ExitCode::from(2)
    })?;
    print!("{md}{experiments}");
    Ok(())
}
