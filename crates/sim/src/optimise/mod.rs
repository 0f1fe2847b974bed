//! Optimise stock: the sim's side of `supply-plan`. It reads a run's
//! stocking points (each FC × SKU policy, the FC it orders from, its lead
//! time and review), the products' costs and each policy's forecast at the
//! run's current time, finds the stock each SKU's network should hold, and
//! writes it back into the scenario as ordinary policies, so the person
//! can undo it, edit it, and simulate it beside what the model expected.
//!
//! - A SKU whose points form a chain with customers at its downstream end
//!   only, one review period throughout and lead times in whole review
//!   periods, is a serial system: exact echelon base-stock levels
//!   (Clark–Scarf / Chen–Zheng), written as base-stock levels.
//! - Any other tree: guaranteed-service placement (Graves–Willems), written
//!   as periodic order-up-to rules that keep following the forecast.
//!
//! Safety stock comes from each forecast's error, as the policies' does.
//! Stock is worth the same at every FC (the products' value × holding
//! rate), so the serial model holds stock where demand is and has the
//! stages above pass orders on; the guaranteed-service model weighs
//! pooling upstream against serving from stock downstream.

mod check;
mod guaranteed;
pub mod job;
mod points;
mod serial;

pub use check::{CheckRow, PlanCheck, check, check_with};

use crate::engine::Engine;
use crate::scenario::{Policy, Rule, Scenario};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// The cycle service planned for where the scenario states no backorder or
/// lost-sale cost: 95 %, the defaults' service level (z = 1.645).
pub const DEFAULT_TARGET_SERVICE: f64 = 0.95;
/// Targets a person may ask for: from a coin toss to 1 stockout in 10,000
/// cycles (z ≈ 3.7), beyond which the normal tail says nothing useful.
pub const TARGET_SERVICE_RANGE: (f64, f64) = (0.5, 0.9999);

/// The model a point was planned with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// Clark–Scarf / Chen–Zheng, exact for a serial chain.
    Serial,
    /// Graves–Willems guaranteed-service placement on a tree.
    GuaranteedService,
}

impl Method {
    pub fn title(&self) -> &'static str {
        match self {
            Method::Serial => "serial (Clark–Scarf)",
            Method::GuaranteedService => "guaranteed service (Graves–Willems)",
        }
    }
}

/// A point's plan as the sub-planners make it.
#[derive(Clone, Debug)]
struct PointPlan {
    point: usize,
    method: Method,
    service_time_periods: Option<f64>,
    cover_periods: f64,
    level: f64,
    safety_stock: f64,
    expected_on_hand: f64,
    z: f64,
    rule: Rule,
}

/// The plan of one FC × SKU. Units are the run's (after the scenario's
/// scale), periods the scenario's statistics periods.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlannedPoint {
    pub facility: String,
    pub sku: String,
    /// Where it orders from.
    pub source: String,
    pub method: Method,
    /// Forecast demand on the point per period (its customers' and the FCs
    /// it serves) and the standard deviation of the forecast's error.
    pub demand_per_period: f64,
    pub error_sd: f64,
    /// Guaranteed service: the time it quotes the points it serves.
    pub service_time_periods: Option<f64>,
    /// The demand its stock covers: the net replenishment time
    /// (guaranteed service) or the lead times it protects (serial).
    pub cover_periods: f64,
    /// Order-up-to level now, and its safety stock.
    pub level: f64,
    pub safety_stock: f64,
    /// Mean stock on hand the model expects: safety stock, what a shortfall
    /// adds back, and half a review's demand.
    pub expected_on_hand: f64,
    /// Safety factor: the plan's (guaranteed service) or the one its level
    /// implies (serial).
    pub z: f64,
    /// The rule written into the scenario.
    pub rule: Rule,
}

/// The plan of a whole run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StockPlan {
    /// The day of the run whose forecasts it used.
    pub planned_at_day: f64,
    /// The cycle service planned for where costs are not stated.
    pub target_service: f64,
    pub points: Vec<PlannedPoint>,
    /// Σ expected on hand (units) and its holding cost per period, GBP.
    pub expected_on_hand: f64,
    pub expected_holding_per_period: f64,
    /// The serial chains' expected holding (pipeline too) and backorder
    /// cost per period, GBP: Clark–Scarf's objective; none without chains.
    pub serial_cost_per_period: Option<f64>,
    /// What the plan assumed, in words (SKUs planned for the target).
    pub notes: Vec<String>,
}

/// The stock plan of `engine`'s network from its forecasts now; the
/// target cycle service is used for SKUs whose costs are not stated.
pub fn optimise(engine: &Engine, target_service: f64) -> Result<StockPlan, String> {
    let (lo, hi) = TARGET_SERVICE_RANGE;
    if !(lo..=hi).contains(&target_service) {
        return Err(format!(
            "the target cycle service must be between {} % and {} % (got {} %)",
            lo * 100.0,
            hi * 100.0,
            target_service * 100.0
        ));
    }
    let net = engine.network();
    let points = points::points(engine);
    let mut plans = Vec::new();
    let mut serial_cost = None;
    for tree in points::trees(&points) {
        let name = &net.products[points[tree[0]].sku].id;
        let planned = match serial::chain(&points, &tree) {
            Some(chain) => serial::plan(net, &points, &chain, target_service).map(|(p, c)| {
                *serial_cost.get_or_insert(0.0) += c;
                p
            }),
            None => guaranteed::plan(net, &points, &tree, target_service),
        };
        plans.extend(planned.map_err(|e| format!("SKU {name}: {e}"))?);
    }
    plans.sort_by_key(|p| p.point);
    let points: Vec<PlannedPoint> = plans.iter().map(|p| named(engine, &points, p)).collect();
    let expected_on_hand = points.iter().map(|p| p.expected_on_hand).sum();
    let expected_holding_per_period = plans
        .iter()
        .map(|p| p.expected_on_hand * points::holding(net, net.policies[p.point].sku))
        .sum();
    Ok(StockPlan {
        planned_at_day: engine.now() as f64 / crate::time::DAY as f64,
        target_service,
        points,
        expected_on_hand,
        expected_holding_per_period,
        serial_cost_per_period: serial_cost,
        notes: notes(engine, target_service),
    })
}

fn named(engine: &Engine, points: &[points::Point], p: &PointPlan) -> PlannedPoint {
    let net = engine.network();
    let policy = &net.policies[points[p.point].policy];
    PlannedPoint {
        facility: net.facilities[policy.fc].id.clone(),
        sku: net.products[policy.sku].id.clone(),
        source: net.facilities[policy.source].id.clone(),
        method: p.method,
        demand_per_period: points[p.point].rate,
        error_sd: points[p.point].sd,
        service_time_periods: p.service_time_periods,
        cover_periods: p.cover_periods,
        level: p.level,
        safety_stock: p.safety_stock,
        expected_on_hand: p.expected_on_hand,
        z: p.z,
        rule: p.rule,
    }
}

/// SKUs a note names before "and N more".
const NAMED_SKUS: usize = 4;

/// The SKUs planned for the target because the scenario states no cost
/// of a unit short.
fn notes(engine: &Engine, target: f64) -> Vec<String> {
    let net = engine.network();
    let silent: BTreeSet<&str> = net
        .policies
        .iter()
        .filter(|p| !points::shortage(net, p.sku, p.review_s, target).1)
        .map(|p| net.products[p.sku].id.as_str())
        .collect();
    if silent.is_empty() {
        return Vec::new();
    }
    let kind = match net.stockout {
        crate::scenario::StockoutRule::Backorder => "backorder cost per unit-day",
        crate::scenario::StockoutRule::LostSale => "lost-sale cost",
    };
    let names: Vec<&str> = silent.iter().copied().take(NAMED_SKUS).collect();
    let more = match silent.len().saturating_sub(NAMED_SKUS) {
        0 => String::new(),
        n => format!(" and {n} more"),
    };
    vec![format!(
        "{} SKU(s) state no {kind} ({}{more}): planned for a {} % cycle service (the \
         service at which holding balances a shortage cost of h·α/(1 − α)).",
        silent.len(),
        names.join(", "),
        target * 100.0
    )]
}

/// Mean stock on hand of a point ordering up to `level` each review:
/// E[(level − D)⁺] over the demand its stock covers (mean `mean`, sd `sd`),
/// plus half the demand between replenishments `per_cycle` (cycle stock).
fn expected_on_hand(level: f64, mean: f64, sd: f64, per_cycle: f64) -> f64 {
    if level <= 0.0 {
        return 0.0;
    }
    let end = if sd > 0.0 {
        (level - mean) + sd * supply_plan::normal::loss((level - mean) / sd)
    } else {
        (level - mean).max(0.0)
    };
    end + per_cycle / 2.0
}

/// `scenario` with the plan's rules in place of the planned FCs' policies:
/// one per SKU, each keeping the source, forecast and timing of the policy
/// it replaces; an FC that had one policy for all SKUs keeps one when all
/// its SKUs are planned the same.
pub fn apply(plan: &StockPlan, scenario: &Scenario) -> Scenario {
    let mut s = scenario.clone();
    let fcs: BTreeSet<&str> = plan.points.iter().map(|p| p.facility.as_str()).collect();
    for fc in fcs {
        let lines: Vec<&PlannedPoint> = plan.points.iter().filter(|p| p.facility == fc).collect();
        let governing = |sku: &str| {
            let at_fc = || s.policies.iter().filter(|p| p.facility == fc);
            at_fc()
                .find(|p| p.sku.as_deref() == Some(sku))
                .or_else(|| at_fc().find(|p| p.sku.is_none()))
                .cloned()
        };
        let mut new: Vec<Policy> = lines
            .iter()
            .filter_map(|l| {
                governing(&l.sku).map(|p| Policy {
                    sku: Some(l.sku.clone()),
                    rule: l.rule,
                    ..p
                })
            })
            .collect();
        let for_all = s.policies.iter().filter(|p| p.facility == fc).count() == 1
            && s.policies
                .iter()
                .any(|p| p.facility == fc && p.sku.is_none());
        if let Some(one) = shared(&new).filter(|_| for_all) {
            new = vec![one];
        }
        let at = s.policies.iter().position(|p| p.facility == fc);
        s.policies.retain(|p| p.facility != fc);
        let at = at.unwrap_or(s.policies.len()).min(s.policies.len());
        s.policies.splice(at..at, new);
    }
    s
}

/// One all-SKU policy, if every SKU's policy is the same but for the SKU.
fn shared(policies: &[Policy]) -> Option<Policy> {
    let first = policies.first()?;
    let same = |p: &Policy| Policy {
        sku: None,
        ..p.clone()
    };
    let one = same(first);
    policies.iter().all(|p| same(p) == one).then_some(one)
}
