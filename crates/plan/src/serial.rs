//! Exact optimal echelon base-stock levels for a serial system under the
//! stochastic-service model: Clark & Scarf (1960) in the formulation of Chen &
//! Zheng (1994), as presented in Snyder & Shen, *Fundamentals of Supply Chain
//! Theory* (2nd ed., §6.2), and as implemented by stockpyl's
//! `ssm_serial.optimize_base_stock_levels` (whose README instance the tests match).
//!
//! Stages are numbered 1..N with stage 1 downstream, facing demand
//! D ~ N(μ, σ²) per period; stage N orders from an outside supplier with ample
//! stock. Stage j has echelon holding cost h_j (currency per unit per period)
//! and shipment lead time L_j (whole periods); unmet demand at stage 1 is
//! backordered at p per unit per period. With h'_1 = Σ_j h_j the local holding
//! cost at stage 1 and D_j the demand over L_j periods, N(L_j μ, L_j σ²):
//!
//! ```text
//! G_0(x)  = (p + h'_1)·x⁻
//! g_j(y)  = E[ h_j·(y − D_j) + G_{j−1}(y − D_j) ]     j = 1..N
//! S_j     = argmin_y g_j(y)
//! G_j(x)  = g_j(min(S_j, x))
//! ```
//!
//! The optimal expected cost per period is g_N(S_N).
//!
//! **Lead-time convention.** Lead-time demand covers L_j periods, not L_j + 1
//! (stockpyl's `lead_time_demand_distribution(L)`, Snyder & Shen's timing). So
//! one stage with lead time L is the newsvendor with holding cost h, stockout
//! cost p and demand N(Lμ, Lσ²): S = Lμ + σ√L·Φ⁻¹(p/(p + h)).
//!
//! **Numerics** (in `grid`): g_1 is in closed form via the normal loss
//! function. Each later g_j is the convolution of a tabulated G_{j−1} with the
//! normal density by the trapezoid rule on a lattice of step σ√L_min/40, over
//! lead-time demand truncated at ±8 sd; S_j is found by golden-section search
//! over the cumulative lead-time demand's mean ± 8 sd. The levels and cost
//! agree with a grid twice as fine, and with an independent quadrature, to
//! about 1e-6.

mod grid;

use serde::{Deserialize, Serialize};

use crate::{PlanError, check};

pub use grid::{MAX_SERIAL_GRID_POINTS, MAX_SERIAL_GRID_TERMS};

/// A serial system to optimise. Lists run from stage 1 (downstream, facing
/// demand) to stage N (upstream, supplied from outside).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SerialSystem {
    /// Echelon holding cost h_j of each stage, currency per unit per period
    /// (the value stage j adds; its local holding cost is Σ_{i≥j} h_i). The
    /// top stage's must be more than 0, the others' at least 0.
    pub echelon_holding_costs: Vec<f64>,
    /// Shipment lead time L_j into each stage, whole periods (at least 0).
    pub lead_times: Vec<i64>,
    /// Backorder cost p at stage 1, currency per unit short per period.
    pub stockout_cost: f64,
    /// Mean demand per period μ at stage 1 (units).
    pub demand_mean: f64,
    /// Standard deviation of demand per period σ at stage 1 (units, more than 0).
    pub demand_sd: f64,
}

/// The optimal policy of a serial system.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SerialPlan {
    /// Optimal echelon base-stock level S_j of each stage (units), stage 1 first.
    pub echelon_levels: Vec<f64>,
    /// The equivalent local base-stock levels (units): with S̃_N = S_N and
    /// S̃_j = min(S_j, S̃_{j+1}), stage j's local level is S̃_j − S̃_{j−1} (S̃_0 = 0).
    pub local_levels: Vec<f64>,
    /// Optimal expected holding and backorder cost per period, g_N(S_N).
    pub expected_cost: f64,
}

/// Optimal echelon base-stock levels and expected cost of a serial system.
///
/// Stages at the downstream end with lead time 0 hold nothing: their echelon
/// level is 0 and the rest of the chain is solved as if it began above them
/// (for them G_j(x) = (p + Σ_{i>j} h_i)·x⁻, the same form as G_0).
///
/// A stage below the top with echelon holding cost 0 (it adds no value, so
/// stock costs the same there as one stage up) has no optimum of its own:
/// g_j never rises, so S_j is unbounded and the stage above caps it. It is
/// solved as part of the next stage with a cost of its own, whose lead time
/// takes its lead time too; the stock then sits at the downstream stage and
/// the other passes orders on (its local level is 0). The expected cost adds
/// the holding of the pipeline that stage's lead time carries.
pub fn optimize_serial(system: &SerialSystem) -> Result<SerialPlan, PlanError> {
    validate(system)?;
    let n = system.echelon_holding_costs.len();
    let Some(first) = system.lead_times.iter().position(|&l| l > 0) else {
        // No lead time anywhere: demand is met the period it occurs, at no cost.
        return Ok(SerialPlan {
            echelon_levels: vec![0.0; n],
            local_levels: vec![0.0; n],
            expected_cost: 0.0,
        });
    };
    let chain = Chain::merged(system, first);
    let backorder =
        system.stockout_cost + system.echelon_holding_costs[first..].iter().sum::<f64>();
    let solution = grid::solve(&chain.stages, backorder)?;
    let mut echelon_levels = vec![0.0; n];
    for (j, level) in echelon_levels.iter_mut().enumerate().skip(first) {
        *level = solution.levels[chain.solved_as[j]];
    }
    Ok(SerialPlan {
        local_levels: local_levels(&echelon_levels),
        echelon_levels,
        expected_cost: solution.cost + chain.pipeline_cost,
    })
}

/// The chain as solved: stages from `first` up, each stage without a
/// holding cost of its own folded into the next one that has one.
struct Chain {
    stages: Vec<grid::Stage>,
    /// For each original stage from `first`: the solved stage it is part of.
    solved_as: Vec<usize>,
    /// Holding cost per period of the pipelines of the folded stages.
    pipeline_cost: f64,
}

impl Chain {
    fn merged(system: &SerialSystem, first: usize) -> Chain {
        let n = system.echelon_holding_costs.len();
        let mut chain = Chain {
            stages: Vec::new(),
            solved_as: vec![0; n],
            pipeline_cost: 0.0,
        };
        let mut folded_lead = 0;
        let mut folded = Vec::new();
        for j in first..n {
            let (holding, lead) = (system.echelon_holding_costs[j], system.lead_times[j]);
            folded.push(j);
            if holding == 0.0 && j + 1 < n {
                folded_lead += lead;
                continue;
            }
            chain.pipeline_cost += holding * folded_lead as f64 * system.demand_mean;
            let lead = lead + folded_lead;
            for k in folded.drain(..) {
                chain.solved_as[k] = chain.stages.len();
            }
            chain.stages.push(grid::Stage {
                number: j + 1,
                holding,
                lead,
                mean: lead as f64 * system.demand_mean,
                sd: system.demand_sd * libm::sqrt(lead as f64),
            });
            folded_lead = 0;
        }
        chain
    }
}

/// Local base-stock levels from echelon levels (see [`SerialPlan::local_levels`]).
fn local_levels(echelon: &[f64]) -> Vec<f64> {
    let mut capped = echelon.to_vec();
    for j in (0..capped.len().saturating_sub(1)).rev() {
        capped[j] = capped[j].min(capped[j + 1]);
    }
    (0..capped.len())
        .map(|j| capped[j] - if j == 0 { 0.0 } else { capped[j - 1] })
        .collect()
}

fn validate(system: &SerialSystem) -> Result<(), PlanError> {
    let n = system.echelon_holding_costs.len();
    if n == 0 {
        return Err(PlanError::Invalid(
            "a serial system needs at least one stage (echelon_holding_costs is empty)".into(),
        ));
    }
    if system.lead_times.len() != n {
        return Err(PlanError::Invalid(format!(
            "lead_times has {} entries but echelon_holding_costs has {n}: \
             give one of each per stage, stage 1 (downstream) first",
            system.lead_times.len()
        )));
    }
    for (j, (&h, &l)) in system
        .echelon_holding_costs
        .iter()
        .zip(&system.lead_times)
        .enumerate()
    {
        let stage = j + 1;
        let what = format!("stage {stage}'s echelon holding cost");
        if stage == n {
            check::positive(h, &what, "per unit per period")?;
        } else {
            check::non_negative(h, &what, "per unit per period")?;
        }
        check::periods(l, &format!("stage {stage}'s lead time"))?;
    }
    check::positive(
        system.stockout_cost,
        "the stockout cost",
        "per unit per period",
    )?;
    check::non_negative(system.demand_mean, "the mean demand per period", "units")?;
    check::positive(
        system.demand_sd,
        "the standard deviation of demand per period",
        "units",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_levels_difference_the_capped_echelon_levels() {
        let local = local_levels(&[12.0, 23.0, 46.0]);
        assert_eq!(local, vec![12.0, 11.0, 23.0]);
        // An echelon level above the next one up is capped by it.
        let local = local_levels(&[30.0, 25.0, 40.0]);
        assert_eq!(local, vec![25.0, 0.0, 15.0]);
    }
}
