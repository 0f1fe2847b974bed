//! Experiments: many runs of variants of a scenario, and what they say
//! together. A *compare* runs scenario A and scenario B; a *sweep* runs
//! the current scenario and every point of a grid of one or two
//! parameters. Each variant runs the same `replications`, and replication
//! `r` of every variant has the same seed, `seed + r` (common random
//! numbers, which make differences sharper: Law 2015, §11.2), as
//! `supply-cli replicate` does.
//!
//! Runs are numbered `variant × replications + replication`. A shard
//! `I/N` runs those whose number leaves `I − 1` on division by `N`, so
//! any engine that hands out an index (GNU parallel, Slurm arrays,
//! Kubernetes indexed jobs) can split an experiment, and
//! [`result::Outcome::of`] gives the same result from the shards' runs as
//! from one process, since it reads them in run order.

pub mod job;
pub mod knobs;
pub mod path;
pub mod result;
pub mod run;
pub mod stats;

use crate::budget::{self, Budget};
use crate::network::Network;
use crate::problem::Problem;
use crate::scenario::Scenario;
use serde::{Deserialize, Serialize};

/// What to run: the experiment's design and its run settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Spec {
    #[serde(flatten)]
    pub design: Design,
    /// Days each run lasts.
    pub days: u32,
    /// Runs of each variant, each with its own seed.
    pub replications: u32,
    /// Replication `r` runs with seed `seed + r`.
    #[serde(default = "default_seed")]
    pub seed: u64,
}

fn default_seed() -> u64 {
    crate::defaults::SEED
}

/// Compare two scenarios, or sweep parameters of one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "experiment", rename_all = "snake_case")]
pub enum Design {
    Compare {
        a: Box<Scenario>,
        b: Box<Scenario>,
    },
    Sweep {
        scenario: Box<Scenario>,
        parameters: Vec<Parameter>,
    },
}

/// A number in the scenario to sweep, and the values it takes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Parameter {
    /// What a person calls it ("Manchester FC safety factor z").
    pub label: String,
    /// Where it is, as problems name it (`policies[0].rule.z`).
    pub path: String,
    pub values: Vec<f64>,
}

/// The most runs an experiment may ask for.
pub const MAX_RUNS: u64 = 10_000;
/// The most parameters a sweep varies at once (a line or a heat map).
pub const MAX_PARAMETERS: usize = 2;

/// How much work a place takes on in one experiment: each run within
/// `per_run`, and all of them together within `max_orders`.
#[derive(Clone, Copy, Debug)]
pub struct Allowance {
    pub per_run: Budget,
    pub max_orders: f64,
}

/// The page: half a billion orders is about fifteen minutes of runs in a
/// worker at the speed BENCHMARKS.md records (uk-network's 294,000 orders
/// in 28 days take 0.45 s natively).
pub const PAGE: Allowance = Allowance {
    per_run: budget::PAGE,
    max_orders: 5e8,
};
/// The CLI: a day of one core; shards go further.
pub const CLI: Allowance = Allowance {
    per_run: budget::CLI,
    max_orders: 5e10,
};

/// One variant: what a person calls it, the values of the swept
/// parameters (none for a compare), and its network.
#[derive(Clone, Debug)]
pub struct Variant {
    pub label: String,
    /// `None` where the scenario leaves a parameter to its default.
    pub settings: Vec<Option<f64>>,
    pub network: Network,
}

/// A spec checked and compiled: its variants, ready to run.
#[derive(Clone, Debug)]
pub struct Experiment {
    pub spec: Spec,
    pub variants: Vec<Variant>,
    /// Expected orders over all runs.
    pub orders: f64,
    /// The spec's hash, which every run carries.
    pub hash: String,
}

impl Experiment {
    /// Check `spec` and compile every variant; every problem names the
    /// variant (and the parameter) it is about.
    pub fn prepare(spec: &Spec, allow: &Allowance) -> Result<Experiment, Vec<Problem>> {
        check_settings(spec)?;
        let variants = variants(spec)?;
        let runs = variants.len() as u64 * u64::from(spec.replications);
        if runs > MAX_RUNS {
            return Err(vec![Problem::new(
                "replications",
                format!(
                    "{} variants × {} replications is {runs} runs: more than the {MAX_RUNS} an \
                     experiment may have. Sweep fewer values or run fewer replications.",
                    variants.len(),
                    spec.replications
                ),
            )]);
        }
        let mut orders = 0.0;
        let mut compiled = Vec::with_capacity(variants.len());
        for (label, settings, scenario) in variants {
            let (network, _) = budget::validate_within(&scenario, spec.days, &allow.per_run)
                .map_err(|ps| name_variant(&label, ps))?;
            orders += budget::estimate(&network, spec.days).orders * f64::from(spec.replications);
            compiled.push(Variant {
                label,
                settings,
                network,
            });
        }
        if orders > allow.max_orders {
            return Err(vec![Problem::new(
                "replications",
                format!(
                    "{runs} runs of {} days ask for about {:.0} million orders: more than the \
                     {:.0} million {} takes on in one experiment. Run fewer replications, values \
                     or days; or {}.",
                    spec.days,
                    orders / 1e6,
                    allow.max_orders / 1e6,
                    allow.per_run.runner,
                    allow.per_run.beyond
                ),
            )]);
        }
        Ok(Experiment {
            hash: run::hash_hex(&serde_json::to_string(spec).unwrap_or_default()),
            spec: spec.clone(),
            variants: compiled,
            orders,
        })
    }

    /// How many runs the experiment has.
    pub fn runs(&self) -> u64 {
        self.variants.len() as u64 * u64::from(self.spec.replications)
    }

    /// The runs of shard `i` of `n` (1-based), in run order.
    pub fn shard(&self, i: u64, n: u64) -> impl Iterator<Item = u64> + use<> {
        (0..self.runs()).filter(move |r| n > 0 && r % n == i.wrapping_sub(1))
    }

    /// Run number `run`'s variant, replication and seed.
    pub fn locate(&self, run: u64) -> (usize, u32, u64) {
        let reps = u64::from(self.spec.replications.max(1));
        let replication = (run % reps) as u32;
        let seed = self.spec.seed.wrapping_add(u64::from(replication));
        ((run / reps) as usize, replication, seed)
    }
}

fn check_settings(spec: &Spec) -> Result<(), Vec<Problem>> {
    let mut problems = Vec::new();
    if spec.days == 0 {
        problems.push(Problem::new(
            "days",
            "an experiment's runs must last at least a day",
        ));
    }
    if spec.replications < 2 {
        problems.push(Problem::new(
            "replications",
            "at least 2 replications are needed for a confidence interval",
        ));
    }
    if let Design::Sweep { parameters, .. } = &spec.design {
        if parameters.is_empty() || parameters.len() > MAX_PARAMETERS {
            problems.push(Problem::new(
                "parameters",
                format!(
                    "a sweep varies 1 or {MAX_PARAMETERS} parameters, not {}",
                    parameters.len()
                ),
            ));
        }
        for (i, p) in parameters.iter().enumerate() {
            if p.values.is_empty() || p.values.iter().any(|v| !v.is_finite()) {
                problems.push(Problem::new(
                    format!("parameters[{i}].values"),
                    format!(
                        "\"{}\" needs at least one value, each a finite number",
                        p.label
                    ),
                ));
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// A variant before it is compiled: label, settings and scenario.
type Draft = (String, Vec<Option<f64>>, Scenario);

/// Every variant as (label, settings, scenario): A and B, or the current
/// scenario then the grid's points, the first parameter varying slowest.
fn variants(spec: &Spec) -> Result<Vec<Draft>, Vec<Problem>> {
    match &spec.design {
        Design::Compare { a, b } => Ok(vec![
            ("A".into(), vec![], (**a).clone()),
            ("B".into(), vec![], (**b).clone()),
        ]),
        Design::Sweep {
            scenario,
            parameters,
        } => {
            let base = serde_json::to_value(scenario)
                .map_err(|e| vec![Problem::new("scenario", e.to_string())])?;
            let mut out = vec![(
                CURRENT.into(),
                current_settings(&base, parameters)?,
                (**scenario).clone(),
            )];
            for settings in grid(parameters) {
                let mut doc = base.clone();
                let mut label = Vec::new();
                for ((p, x), i) in parameters.iter().zip(&settings).zip(0..) {
                    path::set(&mut doc, &p.path, *x).map_err(|e| {
                        vec![Problem::new(
                            format!("parameters[{i}].path"),
                            format!("\"{}\": {e}", p.label),
                        )]
                    })?;
                    label.push(format!("{} = {}", p.label, x));
                }
                let label = label.join(", ");
                let s: Scenario = serde_json::from_value(doc)
                    .map_err(|e| vec![Problem::new("parameters", format!("{label}: {e}"))])?;
                out.push((label, settings.into_iter().map(Some).collect(), s));
            }
            Ok(out)
        }
    }
}

/// The label of a sweep's first variant, the scenario as it is.
pub const CURRENT: &str = "current scenario";

/// The swept parameters' values in the current scenario (`None` where
/// the scenario leaves one to its default). A path that leads nowhere is
/// named here, before anything runs.
fn current_settings(
    base: &serde_json::Value,
    parameters: &[Parameter],
) -> Result<Vec<Option<f64>>, Vec<Problem>> {
    parameters
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mut probe = base.clone();
            path::set(&mut probe, &p.path, 0.0).map_err(|e| {
                vec![Problem::new(
                    format!("parameters[{i}].path"),
                    format!("\"{}\": {e}", p.label),
                )]
            })?;
            Ok(path::get(base, &p.path).and_then(serde_json::Value::as_f64))
        })
        .collect()
}

/// Every combination of the parameters' values, the first varying slowest.
fn grid(parameters: &[Parameter]) -> Vec<Vec<f64>> {
    parameters.iter().fold(vec![vec![]], |acc, p| {
        acc.iter()
            .flat_map(|prefix| {
                p.values.iter().map(move |x| {
                    let mut v = prefix.clone();
                    v.push(*x);
                    v
                })
            })
            .collect()
    })
}

/// A variant's problems, each saying which variant it is about.
fn name_variant(label: &str, problems: Vec<Problem>) -> Vec<Problem> {
    problems
        .into_iter()
        .map(|mut p| {
            p.message = format!("in {label}: {}", p.message);
            p
        })
        .collect()
}
