//! The plan beside the simulation: the scenario with the plan applied is
//! run with the same seed, and each planned FC's expected stock and service
//! is set beside what the run shows, so theory and simulation can be read
//! side by side.

use super::{StockPlan, apply};
use crate::engine::Engine;
use crate::problem::Problem;
use crate::scenario::Scenario;
use crate::time::{DAY, SimTime};
use crate::validate;
use serde::{Deserialize, Serialize};

/// One planned FC: the model's figures and the run's.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckRow {
    pub facility: String,
    pub name: String,
    /// Mean units on hand, all SKUs.
    pub expected_on_hand: f64,
    pub simulated_on_hand: f64,
    /// The cycle service the plan aims for (Φ(z), averaged over the SKUs
    /// it holds stock of; none when it holds none and passes orders on)
    /// and the share of review cycles the run kept without a stockout.
    pub target_cycle_service: Option<f64>,
    pub cycle_service: Option<f64>,
    pub fill_rate: Option<f64>,
}

/// The plan checked by simulation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanCheck {
    pub days: f64,
    pub measured_from_day: f64,
    pub rows: Vec<CheckRow>,
    pub expected_on_hand: f64,
    pub simulated_on_hand: f64,
    /// Holding cost per day, GBP: expected from the plan's stock, and the
    /// run's.
    pub expected_holding_per_day: f64,
    pub simulated_holding_per_day: f64,
    /// The run's backorder and lost-sale cost per day, GBP (units owed
    /// from one FC to another are charged as backorders too).
    pub simulated_shortage_per_day: f64,
    pub fill_rate: f64,
}

/// Run `scenario` with `plan` applied for `days` with `seed`, and set its
/// figures beside the plan's.
pub fn check(
    plan: &StockPlan,
    scenario: &Scenario,
    seed: u64,
    days: u32,
) -> Result<PlanCheck, Vec<Problem>> {
    check_with(plan, scenario, seed, days, &mut |_| {})
}

/// [`check`], telling `progress` the sim time reached every twentieth of
/// the run.
pub fn check_with(
    plan: &StockPlan,
    scenario: &Scenario,
    seed: u64,
    days: u32,
    progress: &mut dyn FnMut(SimTime),
) -> Result<PlanCheck, Vec<Problem>> {
    let planned = apply(plan, scenario);
    let net = validate(&planned)?;
    let period_s = net.horizon.period_s;
    let mut engine = Engine::new(net, seed);
    let end = days as SimTime * DAY;
    let step = super::job::step_of(days);
    let mut t = 0;
    while t < end {
        t = (t + step).min(end);
        engine.run_until(t);
        progress(t);
    }
    let r = engine.report();
    let measured_days = (r.days - r.measured_from_day).max(f64::MIN_POSITIVE);
    let rows: Vec<CheckRow> = r
        .facilities
        .iter()
        .filter_map(|f| {
            let lines: Vec<_> = plan.points.iter().filter(|p| p.facility == f.id).collect();
            (!lines.is_empty()).then(|| CheckRow {
                facility: f.id.clone(),
                name: planned.name_of(&f.id).to_owned(),
                expected_on_hand: lines.iter().map(|p| p.expected_on_hand).sum(),
                simulated_on_hand: f.mean_on_hand,
                target_cycle_service: target(&lines),
                cycle_service: f.cycle_service_level,
                fill_rate: f.fill_rate,
            })
        })
        .collect();
    Ok(PlanCheck {
        days: r.days,
        measured_from_day: r.measured_from_day,
        expected_on_hand: plan.expected_on_hand,
        simulated_on_hand: rows.iter().map(|c| c.simulated_on_hand).sum(),
        expected_holding_per_day: plan.expected_holding_per_period * DAY as f64 / period_s as f64,
        simulated_holding_per_day: r.cost.holding / measured_days,
        simulated_shortage_per_day: (r.cost.backorder + r.cost.lost_sales) / measured_days,
        fill_rate: r.service.fill_rate,
        rows,
    })
}

/// Φ(z) averaged over the points that hold stock.
fn target(lines: &[&super::PlannedPoint]) -> Option<f64> {
    let held: Vec<f64> = lines
        .iter()
        .filter(|p| p.level > 0.0)
        .map(|p| supply_plan::normal::cdf(p.z))
        .collect();
    (!held.is_empty()).then(|| held.iter().sum::<f64>() / held.len() as f64)
}
