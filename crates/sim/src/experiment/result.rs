//! What an experiment's runs say together: each variant's KPIs with 95 %
//! confidence intervals, its paired difference from the first variant (A,
//! or the current scenario), its mean series, and the Pareto front of
//! cost, service and CO₂e. Built from the runs in run order, so one
//! process and merged shards give the same bytes.

use super::run::{KPIS, RunResult};
use super::stats::{Summary, paired};
use super::{Design, Experiment};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A KPI as the result describes it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KpiInfo {
    pub name: String,
    pub label: String,
    pub unit: String,
    pub higher_is_better: bool,
}

/// A swept parameter as the result describes it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ParameterInfo {
    pub label: String,
    pub path: String,
}

/// One period's mean over the replications.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct MeanPoint {
    /// On-time deliveries over deliveries in the period (0 with none).
    pub on_time_share: f64,
    pub fill_rate: f64,
    pub cost: f64,
    pub co2e_kg: f64,
}

/// What one variant's replications say.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VariantOutcome {
    pub label: String,
    pub settings: Vec<Option<f64>>,
    pub params: String,
    /// Each KPI's summary (`None` where every run withheld it).
    pub kpis: BTreeMap<String, Option<Summary>>,
    /// Each KPI's paired difference from the first variant (this − first);
    /// empty for the first.
    pub difference: BTreeMap<String, Option<Summary>>,
    pub series: Vec<MeanPoint>,
}

/// The experiment's result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    pub experiment: String,
    pub spec: String,
    pub days: u32,
    pub replications: u32,
    pub seed: u64,
    pub parameters: Vec<ParameterInfo>,
    pub kpis: Vec<KpiInfo>,
    pub variants: Vec<VariantOutcome>,
    /// Variants no other beats on cost per package, on-time and CO₂e per
    /// package at once (by their means), in variant order.
    pub pareto: Vec<usize>,
}

impl Outcome {
    /// The result of `runs`, which must be every run of `exp` once (in any
    /// order, from any number of shards).
    pub fn of(exp: &Experiment, runs: &[RunResult]) -> Result<Outcome, String> {
        let ordered = in_run_order(exp, runs)?;
        let reps = exp.spec.replications as usize;
        let column = |v: usize, name: &str| -> Vec<Option<f64>> {
            ordered[v * reps..(v + 1) * reps]
                .iter()
                .map(|r| r.kpis.get(name).copied().flatten())
                .collect()
        };
        let variants = exp
            .variants
            .iter()
            .enumerate()
            .map(|(v, var)| {
                let kpis = KPIS
                    .iter()
                    .map(|k| {
                        let xs: Vec<f64> = column(v, k.name).into_iter().flatten().collect();
                        (k.name.to_owned(), Summary::of(&xs))
                    })
                    .collect();
                let difference = if v == 0 {
                    BTreeMap::new()
                } else {
                    KPIS.iter()
                        .map(|k| {
                            (
                                k.name.to_owned(),
                                paired(&column(0, k.name), &column(v, k.name)),
                            )
                        })
                        .collect()
                };
                VariantOutcome {
                    label: var.label.clone(),
                    settings: var.settings.clone(),
                    params: ordered[v * reps].params.clone(),
                    kpis,
                    difference,
                    series: mean_series(&ordered[v * reps..(v + 1) * reps]),
                }
            })
            .collect::<Vec<_>>();
        Ok(Outcome {
            experiment: match exp.spec.design {
                Design::Compare { .. } => "compare".into(),
                Design::Sweep { .. } => "sweep".into(),
            },
            spec: exp.hash.clone(),
            days: exp.spec.days,
            replications: exp.spec.replications,
            seed: exp.spec.seed,
            parameters: parameter_infos(exp),
            kpis: KPIS
                .iter()
                .map(|k| KpiInfo {
                    name: k.name.into(),
                    label: k.label.into(),
                    unit: k.unit.into(),
                    higher_is_better: k.higher_is_better,
                })
                .collect(),
            pareto: pareto(&variants),
            variants,
        })
    }

    /// The result as CSV: a row per variant and KPI, with the mean, its
    /// interval and the difference from the first variant.
    pub fn to_csv(&self) -> String {
        let mut out = String::new();
        let names: Vec<String> = self
            .parameters
            .iter()
            .map(|p| csv_field(&p.label))
            .collect();
        out.push_str("variant,label,");
        for n in &names {
            out.push_str(n);
            out.push(',');
        }
        out.push_str("kpi,unit,n,mean,ci95_low,ci95_high,difference,difference_ci95_low,difference_ci95_high\n");
        let num = |x: Option<f64>| x.map_or(String::new(), |x| x.to_string());
        for (i, v) in self.variants.iter().enumerate() {
            for k in &self.kpis {
                let s = v.kpis.get(&k.name).copied().flatten();
                let d = v.difference.get(&k.name).copied().flatten();
                out.push_str(&format!("{i},{},", csv_field(&v.label)));
                for x in &v.settings {
                    out.push_str(&num(*x));
                    out.push(',');
                }
                out.push_str(&format!(
                    "{},{},{},{},{},{},{},{},{}\n",
                    k.name,
                    k.unit,
                    s.map_or(0, |s| s.n),
                    num(s.map(|s| s.mean)),
                    num(s.and_then(|s| s.ci95_low)),
                    num(s.and_then(|s| s.ci95_high)),
                    num(d.map(|d| d.mean)),
                    num(d.and_then(|d| d.ci95_low)),
                    num(d.and_then(|d| d.ci95_high)),
                ));
            }
        }
        out
    }
}

/// `runs` indexed by run number, or what is missing or doubled.
fn in_run_order<'r>(exp: &Experiment, runs: &'r [RunResult]) -> Result<Vec<&'r RunResult>, String> {
    let total = exp.runs() as usize;
    let mut slots: Vec<Option<&RunResult>> = vec![None; total];
    for r in runs {
        if r.spec != exp.hash {
            return Err(format!(
                "run {} is of another experiment (spec {}, not {})",
                r.run, r.spec, exp.hash
            ));
        }
        let slot = slots
            .get_mut(r.run as usize)
            .ok_or_else(|| format!("run {} is past the experiment's {total} runs", r.run))?;
        if slot.replace(r).is_some() {
            return Err(format!("run {} appears twice", r.run));
        }
    }
    let missing: Vec<String> = (0..total)
        .filter(|&i| slots[i].is_none())
        .map(|i| i.to_string())
        .collect();
    if !missing.is_empty() {
        let shown = missing
            .iter()
            .take(10)
            .cloned()
            .collect::<Vec<_>>()
            .join(", ");
        return Err(format!(
            "{} of {total} runs are missing (runs {shown}…)",
            missing.len()
        ));
    }
    Ok(slots.into_iter().flatten().collect())
}

fn parameter_infos(exp: &Experiment) -> Vec<ParameterInfo> {
    match &exp.spec.design {
        Design::Compare { .. } => Vec::new(),
        Design::Sweep { parameters, .. } => parameters
            .iter()
            .map(|p| ParameterInfo {
                label: p.label.clone(),
                path: p.path.clone(),
            })
            .collect(),
    }
}

/// Each period's mean over the replications (as long as the shortest).
fn mean_series(runs: &[&RunResult]) -> Vec<MeanPoint> {
    let periods = runs.iter().map(|r| r.series.len()).min().unwrap_or(0);
    let n = runs.len().max(1) as f64;
    (0..periods)
        .map(|p| {
            let at = |f: fn(&super::run::Point) -> f64| {
                runs.iter().map(|r| f(&r.series[p])).sum::<f64>()
            };
            let delivered = at(|x| x.delivered as f64);
            MeanPoint {
                on_time_share: if delivered > 0.0 {
                    at(|x| x.on_time as f64) / delivered
                } else {
                    0.0
                },
                fill_rate: at(|x| x.fill_rate) / n,
                cost: at(|x| x.cost) / n,
                co2e_kg: at(|x| x.co2e_kg) / n,
            }
        })
        .collect()
}

/// The variants no other dominates on cost and CO₂e per package (lower is
/// better) and on-time (higher), by their means.
fn pareto(variants: &[VariantOutcome]) -> Vec<usize> {
    let point = |v: &VariantOutcome| -> Option<[f64; 3]> {
        let mean = |k: &str| v.kpis.get(k).copied().flatten().map(|s| s.mean);
        Some([
            mean("cost_per_package")?,
            -mean("on_time_rate")?,
            mean("co2e_g_per_package")?,
        ])
    };
    let points: Vec<Option<[f64; 3]>> = variants.iter().map(point).collect();
    let dominates = |a: &[f64; 3], b: &[f64; 3]| a.iter().zip(b).all(|(x, y)| x <= y) && a != b;
    (0..variants.len())
        .filter(|&i| points[i].is_some_and(|p| !points.iter().flatten().any(|q| dominates(q, &p))))
        .collect()
}

/// A CSV field, quoted if it holds a comma, quote or line break.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}
