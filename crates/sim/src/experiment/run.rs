//! One run of an experiment and what it keeps: the headline KPIs and the
//! per-period series, tagged with the run's number, seed and variant, as
//! one JSON line a shard writes.

use super::Experiment;
use crate::engine::Engine;
use crate::time::{DAY, SimTime};
use crate::view::report::Report;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A KPI an experiment reports for each run.
pub struct Kpi {
    /// Its key in results and exports.
    pub name: &'static str,
    /// What a person calls it.
    pub label: &'static str,
    /// Its unit as shown ("share" figures are 0–1, shown as %).
    pub unit: &'static str,
    pub higher_is_better: bool,
    pub read: fn(&Report) -> Option<f64>,
}

/// The KPIs, in the order the page shows them (see the glossary for each).
pub const KPIS: [Kpi; 10] = [
    Kpi {
        name: "on_time_rate",
        label: "On time",
        unit: "share",
        higher_is_better: true,
        read: |r| Some(r.service.on_time_rate),
    },
    Kpi {
        name: "fill_rate",
        label: "Fill rate",
        unit: "share",
        higher_is_better: true,
        read: |r| Some(r.service.fill_rate),
    },
    Kpi {
        name: "mean_lead_time_h",
        label: "Mean lead time",
        unit: "h",
        higher_is_better: false,
        read: |r| Some(r.service.mean_lead_time_h),
    },
    Kpi {
        name: "cost_per_package",
        label: "Cost per package",
        unit: "£",
        higher_is_better: false,
        read: |r| r.cost.per_package,
    },
    Kpi {
        name: "co2e_g_per_package",
        label: "CO₂e per package",
        unit: "g",
        higher_is_better: false,
        read: |r| r.emissions.co2e_g_per_package,
    },
    Kpi {
        name: "cost_total",
        label: "Total cost",
        unit: "£",
        higher_is_better: false,
        read: |r| Some(r.cost.total),
    },
    Kpi {
        name: "co2e_kg",
        label: "CO₂e",
        unit: "kg",
        higher_is_better: false,
        read: |r| Some(r.emissions.co2e_kg),
    },
    Kpi {
        name: "orders_placed",
        label: "Orders placed",
        unit: "orders",
        higher_is_better: true,
        read: |r| Some(r.orders.placed as f64),
    },
    Kpi {
        name: "orders_delivered",
        label: "Orders delivered",
        unit: "orders",
        higher_is_better: true,
        read: |r| Some(r.orders.delivered as f64),
    },
    Kpi {
        name: "labour_hours",
        label: "Labour",
        unit: "h",
        higher_is_better: false,
        read: |r| Some(r.cost.labour_hours),
    },
];

/// One period of a run: what was delivered and spent in it.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Point {
    pub delivered: u64,
    pub on_time: u64,
    pub fill_rate: f64,
    pub cost: f64,
    pub co2e_kg: f64,
}

/// What one run keeps.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunResult {
    /// The spec's hash: shards of one experiment carry the same.
    pub spec: String,
    /// `variant × replications + replication`.
    pub run: u64,
    pub variant: usize,
    pub replication: u32,
    pub seed: u64,
    /// The hash of the variant's label and parameter values.
    pub params: String,
    /// Each KPI of [`KPIS`]; `None` where the report withholds it.
    pub kpis: BTreeMap<String, Option<f64>>,
    pub series: Vec<Point>,
}

impl Experiment {
    /// Run number `run` (see [`Experiment::locate`]).
    pub fn run(&self, run: u64) -> RunResult {
        let (variant, replication, seed) = self.locate(run);
        let v = &self.variants[variant];
        let mut engine = Engine::new(v.network.clone(), seed);
        engine.run_until(SimTime::from(self.spec.days) * DAY);
        let report = engine.report();
        let kpis = KPIS
            .iter()
            .map(|k| {
                (
                    k.name.to_owned(),
                    (k.read)(&report).filter(|x| x.is_finite()),
                )
            })
            .collect();
        let series = report
            .series
            .iter()
            .map(|p| Point {
                delivered: p.delivered,
                on_time: p.on_time,
                fill_rate: p.fill_rate,
                cost: p.cost,
                co2e_kg: p.co2e_kg,
            })
            .collect();
        RunResult {
            spec: self.hash.clone(),
            run,
            variant,
            replication,
            seed,
            params: hash_hex(&serde_json::to_string(&(&v.label, &v.settings)).unwrap_or_default()),
            kpis,
            series,
        }
    }
}

/// FNV-1a, 64 bits, as 16 hex digits: a stable tag, not a defence.
pub fn hash_hex(text: &str) -> String {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0100_0000_01b3;
    let h = text
        .bytes()
        .fold(OFFSET, |h, b| (h ^ u64::from(b)).wrapping_mul(PRIME));
    format!("{h:016x}")
}
