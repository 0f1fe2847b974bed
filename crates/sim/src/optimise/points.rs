//! The stocking points of a run as a planner sees them: one per FC × SKU
//! policy, linked to the point it orders from, with its forecast now, the
//! share of it its own customers make, and its costs.

use crate::engine::Engine;
use crate::network::Network;
use crate::scenario::{FacilityKind, StockoutRule};
use crate::time::SimTime;
use std::collections::BTreeMap;

/// One FC × SKU policy.
#[derive(Clone, Debug)]
pub(super) struct Point {
    /// Its index in the network's policies.
    pub policy: usize,
    pub sku: usize,
    /// The point it orders from (an upstream FC's policy for the SKU).
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    /// Forecast demand on it per statistics period, over its lead time
    /// and review, and the standard deviation of its one-step error.
    pub rate: f64,
    pub sd: f64,
    /// Its own customers' share: the forecast less what the FCs it serves
    /// forecast (variances likewise, never below 0).
    pub own_rate: f64,
    pub own_sd: f64,
    /// Customers order from it (the scenario's demand reaches it directly).
    pub serves_customers: bool,
    /// Lead time as the plan protects it (see [`effective_lead`]), and the
    /// standard deviation of its arrival (a vessel's ETA), seconds.
    pub lead_s: SimTime,
    pub lead_sd_s: f64,
    pub review_s: SimTime,
    /// Time between replenishments: the review, or a port's vessel
    /// interval when vessels sail less often (cycle stock is half of it).
    pub cycle_s: SimTime,
    /// From placing an order to its source seeing it.
    pub order_delay_s: SimTime,
}

/// A share of the demand on a point below which it is taken to have no
/// customers of its own (rounding in the planning prior's sums).
const OWN_SHARE_EPSILON: f64 = 1e-9;

/// Every stocking point of the run, with its forecast at the engine's time.
pub(super) fn points(engine: &Engine) -> Vec<Point> {
    let net = engine.network();
    let mut points: Vec<Point> = net
        .policies
        .iter()
        .enumerate()
        .map(|(pi, p)| {
            let cover = (p.lead_time_s + p.review_s) as f64 / net.horizon.period_s as f64;
            let (rate, sd) = engine.policy_forecast(pi, cover);
            Point {
                policy: pi,
                sku: p.sku,
                parent: None,
                children: Vec::new(),
                rate,
                sd,
                own_rate: rate,
                own_sd: sd,
                serves_customers: true,
                lead_s: effective_lead(net, pi),
                lead_sd_s: match net.facilities[p.source].kind {
                    FacilityKind::Port => net.facilities[p.source].port.eta_sd_s,
                    _ => 0.0,
                },
                review_s: p.review_s,
                cycle_s: match net.facilities[p.source].kind {
                    FacilityKind::Port => p
                        .review_s
                        .max(net.facilities[p.source].port.vessel_interval_s),
                    _ => p.review_s,
                },
                order_delay_s: p.order_delay_s,
            }
        })
        .collect();
    link(net, &mut points);
    for i in 0..points.len() {
        own_share(net, &mut points, i);
    }
    points
}

/// Policy `pi`'s lead time as stock must protect it. The policy's planned
/// lead time counts half a vessel interval for the wait at a port (the
/// average wait); but when vessels sail less often than the FC reviews,
/// stock arrives only with a vessel, so what an order-up-to level must
/// cover runs from one vessel to the next: the whole interval, not the
/// review. The lead time is then the planned one plus half an interval,
/// less the review (which the protection adds back).
pub(super) fn effective_lead(net: &Network, pi: usize) -> SimTime {
    let p = &net.policies[pi];
    let source = &net.facilities[p.source];
    let interval = source.port.vessel_interval_s;
    if source.kind == FacilityKind::Port && interval > p.review_s {
        p.lead_time_s + interval / 2 - p.review_s
    } else {
        p.lead_time_s
    }
}

/// Each point's parent: the policy for the same SKU at the FC it orders from.
fn link(net: &Network, points: &mut [Point]) {
    let at: BTreeMap<(usize, usize), usize> = net
        .policies
        .iter()
        .enumerate()
        .map(|(i, q)| ((q.fc, q.sku), i))
        .collect();
    for i in 0..points.len() {
        let p = &net.policies[points[i].policy];
        let parent = at.get(&(p.source, p.sku)).copied();
        if let Some(j) = parent.filter(|&j| j != i) {
            points[i].parent = Some(j);
            points[j].children.push(i);
        }
    }
}

/// A point's own customers' demand: what it sees less what its children
/// pass on (the planning prior says whether it has customers at all).
fn own_share(net: &Network, points: &mut [Point], i: usize) {
    let children = points[i].children.clone();
    if children.is_empty() {
        return;
    }
    let prior = |k: usize| net.policies[points[k].policy].expected_per_period;
    let own_prior = prior(i) - children.iter().map(|&c| prior(c)).sum::<f64>();
    let serves_customers = own_prior > OWN_SHARE_EPSILON * prior(i).max(1.0);
    let child_rate: f64 = children.iter().map(|&c| points[c].rate).sum();
    let child_var: f64 = children.iter().map(|&c| points[c].sd * points[c].sd).sum();
    let p = &mut points[i];
    p.serves_customers = serves_customers;
    if serves_customers {
        p.own_rate = (p.rate - child_rate).max(0.0);
        p.own_sd = libm::sqrt((p.sd * p.sd - child_var).max(0.0));
    } else {
        (p.own_rate, p.own_sd) = (0.0, 0.0);
    }
}

/// The points of each SKU's trees: every root (a point supplied from
/// outside) with its points listed parents first.
pub(super) fn trees(points: &[Point]) -> Vec<Vec<usize>> {
    points
        .iter()
        .enumerate()
        .filter(|(_, p)| p.parent.is_none())
        .map(|(root, _)| {
            let mut order = vec![root];
            let mut k = 0;
            while k < order.len() {
                order.extend(points[order[k]].children.iter().copied());
                k += 1;
            }
            order
        })
        .collect()
}

/// Holding cost of a unit of `sku` for one statistics period, GBP.
pub(super) fn holding(net: &Network, sku: usize) -> f64 {
    net.products[sku].holding_per_unit_s * net.horizon.period_s as f64
}

/// The cost of a unit short for one statistics period, GBP, and whether
/// the scenario states it: the backorder cost per unit and period, or a
/// lost sale's cost spread over the review cycle a shortage lasts. When
/// the scenario states neither, the cost that makes `target` the optimal
/// service (the newsvendor's p = h·α/(1 − α)).
pub(super) fn shortage(net: &Network, sku: usize, review_s: SimTime, target: f64) -> (f64, bool) {
    let p = &net.products[sku];
    let period_s = net.horizon.period_s as f64;
    let stated = match net.stockout {
        StockoutRule::Backorder => p.backorder_per_unit_s * period_s,
        StockoutRule::LostSale => p.lost_sale_cost * period_s / review_s.max(1) as f64,
    };
    if stated > 0.0 {
        (stated, true)
    } else {
        (holding(net, sku) * target / (1.0 - target), false)
    }
}
