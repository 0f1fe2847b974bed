//! The record of a game: week by week history, per-stage summary, and the
//! JSON file a class's results are exported to and loaded back from.
//!
//! # Order-variance ratio
//!
//! For stage *i* over the weeks played, 1..=*n*:
//!
//! ```text
//! ratio_i = Var(O_i,1 … O_i,n) / Var(D_1 … D_n)
//! ```
//!
//! where `O_i,t` is the order stage *i* placed in week *t* (the factory: its
//! production request) and `D_t` the end-customer demand in week *t*, both
//! population variances (divided by *n*) over the same weeks. A ratio above
//! 1 is the bullwhip: the stage's orders swing more than what customers
//! bought. With constant demand the ratio is undefined and reported as
//! `None` (JSON `null`).

use serde::{Deserialize, Serialize};

use super::{BeerConfig, STAGES};

/// Version of the [`BeerResult`] file format.
pub const RESULT_VERSION: u32 = 1;

/// One stage in one week.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct StageWeek {
    /// The order read in step 2 (the retailer: customer demand).
    pub incoming_order: u32,
    /// Cases received in step 1.
    pub received: u32,
    /// Cases shipped in step 2 (the retailer: to customers).
    pub shipped: u32,
    /// Inventory recorded in step 3.
    pub inventory: u32,
    /// Backlog recorded in step 3.
    pub backlog: u32,
    /// Cases ordered and not yet received, as seen before ordering.
    pub supply_line: u32,
    /// The order placed in step 5 (the factory: its production request).
    pub order: u32,
    /// This week's holding plus backlog cost.
    pub cost: f64,
}

/// One week of a game.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WeekRecord {
    /// 1-based.
    pub week: u32,
    pub customer_demand: u32,
    /// Cases the factory started brewing in step 4 (last week's request).
    pub brewed: u32,
    /// Retailer first.
    pub stages: [StageWeek; STAGES],
}

/// One stage's totals over the weeks played.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct StageSummary {
    pub total_cost: f64,
    pub order_mean: f64,
    /// Population variance of the orders placed.
    pub order_variance: f64,
    /// See the module doc; `None` when customer demand never varied.
    pub order_variance_ratio: Option<f64>,
    pub peak_backlog: u32,
    pub peak_inventory: u32,
}

/// The team's totals over the weeks played.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub weeks: u32,
    /// Population variance of end-customer demand over the weeks played.
    pub demand_variance: f64,
    /// Retailer first.
    pub stages: [StageSummary; STAGES],
    /// The four stages' total costs added up: the team's score.
    pub team_cost: f64,
}

impl Summary {
    /// Totals of a history (deterministic: sums in week order).
    pub fn of(history: &[WeekRecord]) -> Summary {
        let demand: Vec<u32> = history.iter().map(|w| w.customer_demand).collect();
        let (_, demand_variance) = mean_variance(&demand);
        let stages: [StageSummary; STAGES] =
            std::array::from_fn(|i| stage_summary(history, i, demand_variance));
        Summary {
            weeks: u32::try_from(history.len()).unwrap_or(u32::MAX),
            demand_variance,
            team_cost: stages.iter().map(|s| s.total_cost).sum(),
            stages,
        }
    }
}

fn stage_summary(history: &[WeekRecord], stage: usize, demand_variance: f64) -> StageSummary {
    let weeks = history.iter().map(|w| &w.stages[stage]);
    let orders: Vec<u32> = weeks.clone().map(|s| s.order).collect();
    let (order_mean, order_variance) = mean_variance(&orders);
    StageSummary {
        total_cost: weeks.clone().map(|s| s.cost).sum(),
        order_mean,
        order_variance,
        order_variance_ratio: (demand_variance > 0.0).then(|| order_variance / demand_variance),
        peak_backlog: weeks.clone().map(|s| s.backlog).max().unwrap_or(0),
        peak_inventory: weeks.map(|s| s.inventory).max().unwrap_or(0),
    }
}

/// Mean and population variance (two passes); zeros for no values.
fn mean_variance(xs: &[u32]) -> (f64, f64) {
    if xs.is_empty() {
        return (0.0, 0.0);
    }
    let n = xs.len() as f64;
    let mean = xs.iter().map(|&x| f64::from(x)).sum::<f64>() / n;
    let var = xs
        .iter()
        .map(|&x| (f64::from(x) - mean) * (f64::from(x) - mean))
        .sum::<f64>()
        / n;
    (mean, var)
}

/// A game's record, as exported to a JSON file: the config, every week
/// played and the summary. The history is the record; the summary is
/// derived from it, and recomputed when a file is loaded.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BeerResult {
    /// [`RESULT_VERSION`].
    pub version: u32,
    pub config: BeerConfig,
    pub history: Vec<WeekRecord>,
    pub summary: Summary,
}

impl BeerResult {
    pub fn new(config: BeerConfig, history: Vec<WeekRecord>) -> BeerResult {
        BeerResult {
            version: RESULT_VERSION,
            summary: Summary::of(&history),
            config,
            history,
        }
    }

    pub fn to_json(&self) -> String {
        // Plain data with finite numbers only: serialising cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Loads an exported result, checking it is whole: a known version, a
    /// valid config and weeks 1, 2, … no more than the config's length. The
    /// summary is recomputed from the history.
    pub fn from_json(json: &str) -> Result<BeerResult, String> {
        let mut r: BeerResult =
            serde_json::from_str(json).map_err(|e| format!("not a beer game result: {e}"))?;
        if r.version != RESULT_VERSION {
            return Err(format!(
                "beer game result version {} is not supported (this is version {RESULT_VERSION})",
                r.version
            ));
        }
        let problems = r.config.validate();
        if !problems.is_empty() {
            return Err(format!(
                "beer game result has a bad config: {}",
                problems.join("; ")
            ));
        }
        check_weeks(&r)?;
        r.summary = Summary::of(&r.history);
        Ok(r)
    }

    /// Loads a class's results together; every file's problem is reported,
    /// numbered from 1 in the order given.
    pub fn load_class(files: &[&str]) -> Result<Vec<BeerResult>, Vec<String>> {
        let mut results = Vec::with_capacity(files.len());
        let mut problems = Vec::new();
        for (i, json) in files.iter().enumerate() {
            match BeerResult::from_json(json) {
                Ok(r) => results.push(r),
                Err(e) => problems.push(format!("file {}: {e}", i + 1)),
            }
        }
        if problems.is_empty() {
            Ok(results)
        } else {
            Err(problems)
        }
    }
}

fn check_weeks(r: &BeerResult) -> Result<(), String> {
    if r.history.len() > r.config.weeks as usize {
        return Err(format!(
            "beer game result has {} weeks of history but the game has {}",
            r.history.len(),
            r.config.weeks
        ));
    }
    for (i, w) in r.history.iter().enumerate() {
        if w.week as usize != i + 1 {
            return Err(format!(
                "beer game result history entry {} is week {}, expected week {}",
                i + 1,
                w.week,
                i + 1
            ));
        }
    }
    Ok(())
}
