//! Any other tree of stocking points (an FC serving customers and other
//! FCs, several FCs supplied from one, or a single FC): Graves–Willems
//! guaranteed-service placement. Each stage's processing time is its lead
//! time plus its review (the interval its stock must protect); a stage
//! with customers quotes them 0. Each stage is written back as a periodic
//! order-up-to rule: the forecast over its net replenishment time τ (so
//! the forecast keeps driving its cycle stock) plus the plan's safety
//! stock; a stage with τ = 0 holds nothing and passes orders on (base
//! stock 0).
//!
//! The model's period is the largest whole number of hours that divides
//! every stage's processing time, so no time is rounded beyond the hour.

use super::points::{Point, holding, shortage};
use super::{Method, PointPlan, expected_on_hand};
use crate::network::Network;
use crate::scenario::Rule;
use crate::time::HOUR;
use supply_plan::{GsmDemand, GsmNetwork, GsmStage, optimize_guaranteed_service};

/// Plan one tree (parents first) with the target service `target` used
/// where the scenario states no shortage cost.
pub(super) fn plan(
    net: &Network,
    points: &[Point],
    tree: &[usize],
    target: f64,
) -> Result<Vec<PointPlan>, String> {
    let hours: Vec<i64> = tree
        .iter()
        .map(|&i| {
            let p = &points[i];
            libm::round((p.lead_s + p.review_s) as f64 / HOUR as f64) as i64
        })
        .collect();
    let unit = hours.iter().fold(0, |g, &t| gcd(g, t)).max(1);
    let period_h = net.horizon.period_s as f64 / HOUR as f64;
    let per_unit = unit as f64 / period_h;
    let sku = points[tree[0]].sku;
    let review = tree
        .iter()
        .map(|&i| points[i].review_s)
        .min()
        .unwrap_or(HOUR);
    let (p, _) = shortage(net, sku, review, target);
    let h = holding(net, sku);
    let z = supply_plan::normal::inverse_cdf(p / (p + h)).map_err(|e| e.to_string())?;
    let stages = tree
        .iter()
        .zip(&hours)
        .map(|(&i, &t)| stage(net, points, i, t / unit, h * per_unit, unit))
        .collect();
    let solved = optimize_guaranteed_service(&GsmNetwork {
        safety_factor: z.max(0.0),
        stages,
    })
    .map_err(|e| e.to_string())?;
    Ok(tree
        .iter()
        .zip(&solved.stages)
        .map(|(&i, s)| {
            let tau = s.net_lead_time as f64;
            let mean_per_cycle =
                s.demand_mean * points[i].cycle_s as f64 / (unit as f64 * HOUR as f64);
            let cover = tau * per_unit;
            PointPlan {
                point: i,
                method: Method::GuaranteedService,
                service_time_periods: Some(s.outbound_service_time as f64 * per_unit),
                cover_periods: cover,
                level: s.base_stock_level,
                safety_stock: s.safety_stock,
                expected_on_hand: expected_on_hand(
                    s.base_stock_level,
                    s.demand_mean * tau,
                    s.demand_sd * libm::sqrt(tau),
                    mean_per_cycle,
                ),
                z,
                rule: if s.net_lead_time > 0 {
                    Rule::Periodic {
                        cover_periods: Some(cover),
                        safety_stock: s.safety_stock / net.scale,
                        z: None,
                    }
                } else {
                    Rule::BaseStock {
                        level: Some(0.0),
                        z: None,
                    }
                },
            }
        })
        .collect())
}

/// Point `i` as a stage: named by its FC, supplied by its parent's FC,
/// with its own customers' demand per model period of `unit` hours (a
/// stage without customers that supplies no one still needs a demand:
/// none). An uncertain arrival (a vessel's ETA, sd σ_L) adds μ²σ_L² to
/// the variance over the stage's processing time T, spread here over T's
/// periods (σ² + μ²σ_L²/T per period), which is exact when the stage
/// holds stock for its whole replenishment time.
fn stage(
    net: &Network,
    points: &[Point],
    i: usize,
    processing: i64,
    holding: f64,
    unit: i64,
) -> GsmStage {
    let p = &points[i];
    let name = |k: usize| net.facilities[net.policies[points[k].policy].fc].id.clone();
    let per_unit = unit as f64 * HOUR as f64 / net.horizon.period_s as f64;
    let demand = (p.serves_customers || p.children.is_empty()).then(|| {
        let mean = p.own_rate * per_unit;
        let lead_sd = p.lead_sd_s / (unit as f64 * HOUR as f64);
        let arrival_var = mean * mean * lead_sd * lead_sd / processing.max(1) as f64;
        GsmDemand {
            mean,
            sd: libm::sqrt(p.own_sd * p.own_sd * per_unit + arrival_var),
        }
    });
    GsmStage {
        name: name(i),
        processing_time: processing,
        holding_cost: holding,
        suppliers: p.parent.map(name).into_iter().collect(),
        demand,
        max_service_time: None,
        external_inbound_service_time: 0,
    }
}

fn gcd(a: i64, b: i64) -> i64 {
    if b == 0 { a } else { gcd(b, a % b) }
}
