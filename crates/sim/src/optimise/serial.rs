//! A SKU whose stocking points form a chain, with customers at the
//! downstream end only and one review period throughout: a serial system,
//! solved exactly by Clark–Scarf / Chen–Zheng (stochastic service) and
//! written back as base-stock levels.
//!
//! The model's period is the review period R. The sim's review places an
//! order that arrives a lead time later and the next review is R on, so
//! the stage facing demand protects its lead time plus R. Above it, an
//! order from the stage below reaches stage j its order delay after that
//! stage's review, and stage j passes it on at its own next review: a wait
//! of R less the delay's remainder (a full R when they coincide, reviews
//! coming before arrivals at the same instant). So echelon j protects
//! Σᵢ≤ⱼ (Lᵢ + waitᵢ), with wait₁ = R.

use super::points::{Point, holding, shortage};
use super::{Method, PointPlan, expected_on_hand};
use crate::network::Network;
use crate::scenario::Rule;
use supply_plan::{SerialSystem, optimize_serial};

/// Lead times within this share of a whole number of review periods are
/// taken as that number; further off, the chain is planned by the
/// guaranteed-service model, which works in hours.
const WHOLE_PERIODS_TOLERANCE: f64 = 0.01;
/// A standard deviation this small relative to the mean (or 1 unit) is
/// treated as this: the model needs some spread (deterministic demand,
/// such as the beer game's, has none at the start of a run).
const MIN_RELATIVE_SD: f64 = 1e-6;

/// The chain downstream first, if the tree is one the serial model fits.
pub(super) fn chain(points: &[Point], tree: &[usize]) -> Option<Vec<usize>> {
    if tree.len() < 2 {
        return None;
    }
    let is_chain = tree.iter().all(|&i| points[i].children.len() <= 1);
    let customers_at_end_only = tree
        .iter()
        .all(|&i| points[i].children.is_empty() || !points[i].serves_customers);
    let review = points[tree[0]].review_s;
    let one_review = tree.iter().all(|&i| points[i].review_s == review);
    let chain: Vec<usize> = tree.iter().rev().copied().collect();
    let whole = model_leads(points, &chain).is_some();
    (is_chain && customers_at_end_only && one_review && whole).then_some(chain)
}

/// Each stage's lead time in the model, in whole review periods: its lead
/// time plus its wait for the order from below (see the module's notes);
/// none if one is not close to a whole number of periods.
fn model_leads(points: &[Point], chain: &[usize]) -> Option<Vec<i64>> {
    let review = points[chain[0]].review_s.max(1);
    chain
        .iter()
        .enumerate()
        .map(|(j, &i)| {
            let wait = match j {
                0 => review,
                _ => review - points[chain[j - 1]].order_delay_s % review,
            };
            whole_periods(points[i].lead_s + wait, review)
        })
        .collect()
}

/// `lead_s` in whole review periods, if it is close to a whole number.
fn whole_periods(lead_s: u64, review_s: u64) -> Option<i64> {
    let k = lead_s as f64 / review_s.max(1) as f64;
    let whole = libm::round(k);
    ((k - whole).abs() <= WHOLE_PERIODS_TOLERANCE).then_some(whole as i64)
}

/// Plan the chain (downstream first) with the target service `target`
/// used where the scenario states no shortage cost.
pub(super) fn plan(
    net: &Network,
    points: &[Point],
    chain: &[usize],
    target: f64,
) -> Result<(Vec<PointPlan>, f64), String> {
    let leaf = &points[chain[0]];
    let review = leaf.review_s;
    let per_review = review as f64 / net.horizon.period_s as f64;
    let mean = leaf.rate * per_review;
    let sd = (leaf.sd * libm::sqrt(per_review)).max(MIN_RELATIVE_SD * mean.max(1.0));
    let h = holding(net, leaf.sku) * per_review;
    let (p, _) = shortage(net, leaf.sku, review, target);
    let leads = model_leads(points, chain).ok_or("lead times are not whole review periods")?;
    // Stock is worth the same at every FC: only the top stage adds value.
    let mut echelon = vec![0.0; chain.len()];
    echelon[chain.len() - 1] = h;
    let system = SerialSystem {
        echelon_holding_costs: echelon,
        lead_times: leads.clone(),
        stockout_cost: p * per_review,
        demand_mean: mean,
        demand_sd: sd,
    };
    let solved = optimize_serial(&system).map_err(|e| e.to_string())?;
    let plans = chain
        .iter()
        .enumerate()
        .map(|(j, &i)| {
            let level = solved.local_levels[j];
            // What the stock held here protects: its own lead time and,
            // downstream of stages that hold nothing, theirs too.
            let held_for: i64 = (j..chain.len())
                .take_while(|&k| k == j || solved.local_levels[k] <= 0.0)
                .map(|k| leads[k])
                .sum();
            let periods = if level > 0.0 { held_for as f64 } else { 0.0 };
            let safety = level - mean * periods;
            let spread = sd * libm::sqrt(periods);
            PointPlan {
                point: i,
                method: Method::Serial,
                service_time_periods: None,
                cover_periods: periods * per_review,
                level,
                safety_stock: safety,
                expected_on_hand: expected_on_hand(level, mean * periods, spread, mean),
                // The safety factor the level implies.
                z: if spread > 0.0 { safety / spread } else { 0.0 },
                rule: Rule::BaseStock {
                    level: Some(level / net.scale),
                    z: None,
                },
            }
        })
        .collect();
    Ok((plans, solved.expected_cost / per_review))
}
