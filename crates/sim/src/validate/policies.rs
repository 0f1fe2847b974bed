//! Inventory policies: which FC, SKU and source each names, the rule's
//! numbers, sourcing loops and absurd levels; then the expansion to one
//! policy per FC × SKU with levels resolved from the planning prior.

use super::check::{At, Checker};
use super::index::Index;
use super::routes::Routes;
use crate::defaults::{FORECAST_PERIODS, MAX_FORECAST_PERIODS, MAX_STOCK_UNITS};
use crate::demand::{AliasTable, DemandStream};
use crate::network::{FacilityInfo, LaneInfo, PolicyInfo, ProductInfo};
use crate::policy::Plan;
use crate::problem::Subject;
use crate::scenario::{FacilityKind, ForecastSpec, Policy, Scenario};
use crate::time::{HOUR, SimTime, hours};
use std::collections::BTreeMap;

/// Forecast when a policy names none.
const DEFAULT_FORECAST: ForecastSpec = ForecastSpec::MovingAverage {
    periods: FORECAST_PERIODS,
};

/// A forecast's period count and its smoothing weights, each in (0, 1].
fn check_forecast(ck: &mut Checker, at: &At, f: ForecastSpec) {
    if let ForecastSpec::MovingAverage { periods } = f
        && (periods == 0 || periods > MAX_FORECAST_PERIODS)
    {
        ck.err(
            at,
            "forecast.periods",
            format!("must be in 1..={MAX_FORECAST_PERIODS}"),
        );
    }
    for (key, _, w) in f.params() {
        if key != "periods" && !(w.is_finite() && w > 0.0 && w <= 1.0) {
            ck.err(at, &format!("forecast.{key}"), "must be in (0, 1]");
        }
    }
}

/// A policy that names a known FC, SKU (or all), source and lane.
#[derive(Clone, Copy)]
pub(super) struct Named<'s> {
    fc: usize,
    sku: Option<usize>,
    source: usize,
    lane: usize,
    expedite: Option<(usize, usize)>,
    policy: &'s Policy,
}

/// The policies that name what they need, and which (FC, SKU) each covers.
pub(super) struct Checked<'s> {
    named: Vec<Named<'s>>,
    keys: BTreeMap<(usize, Option<usize>), usize>,
}

fn at(ix: &Index, i: usize, p: &Policy) -> At {
    let mut name = ix.name(&p.facility);
    if let Some(sku) = &p.sku {
        name += &format!(" (SKU {sku})");
    }
    At::new(Subject::Policy(i), name)
}

pub(super) fn check<'s>(
    s: &'s Scenario,
    ix: &Index,
    facilities: &[FacilityInfo],
    products: &[ProductInfo],
    lanes: &[LaneInfo],
    ck: &mut Checker,
) -> Checked<'s> {
    let mut out = Checked {
        named: Vec::new(),
        keys: BTreeMap::new(),
    };
    for (i, p) in s.policies.iter().enumerate() {
        let at = at(ix, i, p);
        let fc = stocking_point(ck, &at, ix, facilities, p);
        let sku = sku(ck, &at, ix, products, p);
        let src = source(ck, &at, ix, facilities, p, fc);
        let lane = match (src, fc) {
            // Prefer the lowest-index lane source → fc.
            (Some(a), Some(b)) => {
                let l = lanes.iter().position(|l| l.from == a && l.to == b);
                if l.is_none() && a != b {
                    let msg = format!("no lane from {:?} to {:?}", p.source, p.facility);
                    ck.err(&at, "source", msg);
                }
                l
            }
            _ => None,
        };
        p.rule.check(ck, &at, src.map(|sf| &facilities[sf]));
        let expedite = expedite(ck, &at, ix, (facilities, lanes), p, fc);
        check_timing(ck, &at, p);
        check_initial(ck, &at, p);
        if let (Some(f), Some(k)) = (fc, sku) {
            if out.keys.insert((f, k), i).is_some() {
                ck.err(&at, "", "duplicate policy for this facility and SKU");
            }
            if let (Some(source), Some(lane)) = (src, lane) {
                out.named.push(Named {
                    fc: f,
                    sku: k,
                    source,
                    lane,
                    expedite,
                    policy: p,
                });
            }
        }
    }
    check_loops(s, ix, facilities, &out.named, ck);
    out
}

/// The faster source a policy expedites from, and its lane to the FC: a
/// supplier or another FC, not the policy's own source.
fn expedite(
    ck: &mut Checker,
    at: &At,
    ix: &Index,
    (facilities, lanes): (&[FacilityInfo], &[LaneInfo]),
    p: &Policy,
    fc: Option<usize>,
) -> Option<(usize, usize)> {
    let id = p.expedite_from.as_ref()?;
    let Some(e) = ix.facility(id) else {
        ck.err(at, "expedite_from", format!("unknown facility {id:?}"));
        return None;
    };
    let kind = facilities[e].kind;
    if !matches!(
        kind,
        FacilityKind::Supplier | FacilityKind::FulfillmentCenter
    ) || *id == p.source
    {
        let msg = "expedite from a supplier or another FC, not the usual source";
        ck.err(at, "expedite_from", msg);
        return None;
    }
    let f = fc?;
    let Some(l) = lanes.iter().position(|l| l.from == e && l.to == f) else {
        let msg = format!("no lane from {id:?} to {:?}", p.facility);
        ck.err(at, "expedite_from", msg);
        return None;
    };
    Some((e, l))
}

fn stocking_point(
    ck: &mut Checker,
    at: &At,
    ix: &Index,
    facilities: &[FacilityInfo],
    p: &Policy,
) -> Option<usize> {
    let fc = ix.facility(&p.facility);
    match fc {
        None => ck.err(at, "facility", format!("unknown facility {:?}", p.facility)),
        Some(f) if facilities[f].kind != FacilityKind::FulfillmentCenter => {
            let kind = facilities[f].kind.name();
            let msg = format!(
                "{:?} is a {kind}; only fulfillment centers hold stock",
                p.facility
            );
            ck.err(at, "facility", msg);
        }
        _ => {}
    }
    fc
}

/// `Some(None)`: all SKUs; `Some(Some(k))`: SKU k; `None`: unknown SKU.
fn sku(
    ck: &mut Checker,
    at: &At,
    ix: &Index,
    products: &[ProductInfo],
    p: &Policy,
) -> Option<Option<usize>> {
    let Some(id) = &p.sku else {
        return Some(None);
    };
    let found = ix
        .product(id)
        .or_else(|| products.iter().position(|pr| &pr.id == id));
    if found.is_none() {
        ck.err(at, "sku", format!("unknown product {id:?}"));
    }
    found.map(Some)
}

fn source(
    ck: &mut Checker,
    at: &At,
    ix: &Index,
    facilities: &[FacilityInfo],
    p: &Policy,
    fc: Option<usize>,
) -> Option<usize> {
    use FacilityKind::*;
    let src = ix.facility(&p.source);
    match src {
        None => ck.err(at, "source", format!("unknown facility {:?}", p.source)),
        Some(sf) => {
            let k = facilities[sf].kind;
            if !matches!(k, Supplier | Port | FulfillmentCenter) {
                ck.err(
                    at,
                    "source",
                    format!("a {} cannot replenish stock", k.name()),
                );
            } else if Some(sf) == fc {
                ck.err(at, "source", "a facility cannot replenish itself");
            }
        }
    }
    src
}

fn check_timing(ck: &mut Checker, at: &At, p: &Policy) {
    if let Some(f) = p.forecast {
        check_forecast(ck, at, f);
    }
    if let Some(r) = p.review_hours
        && ck.pos(at, "review_hours", r)
        && r < 1.0
    {
        ck.err(at, "review_hours", "must be at least 1 hour");
    }
    ck.nonneg(at, "order_delay_hours", p.order_delay_hours);
    ck.opt_nonneg(at, "initial_stock", p.initial_stock);
    ck.nonneg(
        at,
        "initial_in_transit_per_period",
        p.initial_in_transit_per_period,
    );
}

/// FC → FC sourcing must not loop (a loop would never receive stock).
fn check_loops(
    s: &Scenario,
    ix: &Index,
    facilities: &[FacilityInfo],
    named: &[Named],
    ck: &mut Checker,
) {
    let mut upstream: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for n in named {
        if facilities[n.source].kind == FacilityKind::FulfillmentCenter {
            upstream.entry(n.fc).or_default().push(n.source);
        }
    }
    for (i, p) in s.policies.iter().enumerate() {
        let Some(start) = ix.facility(&p.facility) else {
            continue;
        };
        let mut seen = vec![false; facilities.len()];
        let mut stack = vec![start];
        let mut cyc = false;
        while let Some(x) = stack.pop() {
            for &u in upstream.get(&x).map(|v| v.as_slice()).unwrap_or(&[]) {
                cyc |= u == start;
                if !seen[u] {
                    seen[u] = true;
                    stack.push(u);
                }
            }
        }
        if cyc {
            ck.err(&at(ix, i, p), "source", "replenishment sources form a loop");
        }
    }
}

/// Initial stock beyond a billion units is a typo, and would overflow stock counters.
fn check_initial(ck: &mut Checker, at: &At, p: &Policy) {
    let big = |x: f64| x > MAX_STOCK_UNITS;
    if p.initial_stock.is_some_and(big) || big(p.initial_in_transit_per_period) {
        ck.err(at, "", "initial stock must be at most 1,000,000,000 units");
    }
}

/// Expected demand per FC slot × SKU per period, and its variance: the
/// planning prior that sizes levels and seeds forecasts.
pub(super) struct Prior {
    pub n_sku: usize,
    pub mean: Vec<f64>,
    pub var: Vec<f64>,
}

impl Prior {
    /// Each stream's expected units go to the FC its zone prefers, thinned
    /// by the SKU mix.
    pub fn new(
        demand: &[DemandStream],
        tables: &[AliasTable],
        routes: &Routes,
        n_sku: usize,
        period_s: SimTime,
    ) -> Prior {
        let per_hour = period_s as f64 / HOUR as f64;
        let len = routes.fcs.len() * n_sku.max(1);
        let mut prior = Prior {
            n_sku,
            mean: vec![0.0; len],
            var: vec![0.0; len],
        };
        for d in demand {
            let Some(&(f, _)) = routes.candidates[d.zone].first() else {
                continue;
            };
            let slot = routes.fc_slot[f as usize].unwrap_or(0) as usize;
            let (m, u) = (d.per_hour, d.units_per_order as f64);
            let v = d.mean_hourly_variance();
            for (k, &p) in d.sku_probabilities(tables).iter().enumerate() {
                if p == 0.0 {
                    continue;
                }
                prior.mean[slot * n_sku + k] += u * p * m * per_hour;
                // Thinning a count with mean m, variance v by p.
                prior.var[slot * n_sku + k] += u * u * (p * p * v + p * (1.0 - p) * m) * per_hour;
            }
        }
        prior
    }
}

/// What compiling the policies needs besides the checked policies.
pub(super) struct Compile<'a> {
    pub facilities: &'a [FacilityInfo],
    pub lanes: &'a [LaneInfo],
    pub fc_slot: &'a [Option<u32>],
    pub period_s: SimTime,
    /// The scenario's scale: levels given in units are the whole network's.
    pub scale: f64,
}

/// One policy per FC × SKU (a SKU-specific policy overrides the all-SKU
/// one), downstream FCs first so their expected demand flows to their sources.
pub(super) fn compile(checked: &Checked, c: &Compile, prior: &mut Prior) -> Vec<PolicyInfo> {
    let mut chosen: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for (ni, n) in checked.named.iter().enumerate() {
        match n.sku {
            Some(k) => {
                chosen.insert((n.fc, k), ni);
            }
            None => {
                for k in 0..prior.n_sku {
                    if !checked.keys.contains_key(&(n.fc, Some(k))) {
                        chosen.insert((n.fc, k), ni);
                    }
                }
            }
        }
    }
    let depth = sourcing_depth(&checked.named, c.facilities);
    let mut order: Vec<(usize, usize)> = chosen.keys().copied().collect();
    order.sort_by_key(|&(f, k)| (depth[f], f, k));
    order
        .into_iter()
        .map(|(f, k)| expand(checked.named[chosen[&(f, k)]], k, c, prior))
        .collect()
}

/// Depth of each FC in the sourcing tree (0 = nobody sources from it).
fn sourcing_depth(named: &[Named], facilities: &[FacilityInfo]) -> Vec<usize> {
    let mut depth = vec![0usize; facilities.len()];
    for _ in 0..facilities.len() {
        let mut changed = false;
        for n in named {
            if facilities[n.source].kind == FacilityKind::FulfillmentCenter
                && depth[n.source] < depth[n.fc] + 1
            {
                depth[n.source] = depth[n.fc] + 1;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    depth
}

fn expand(n: Named, k: usize, c: &Compile, prior: &mut Prior) -> PolicyInfo {
    let (f, sf, l, p) = (n.fc, n.source, n.lane, n.policy);
    let ix = c.fc_slot[f].unwrap_or(0) as usize * prior.n_sku + k;
    let (mean, var) = (prior.mean[ix], prior.var[ix]);
    let review_s = p.review_hours.map(hours).unwrap_or(c.period_s).max(HOUR);
    let src = &c.facilities[sf];
    let source_s = match src.kind {
        FacilityKind::Supplier => src.supply.lead_time_s,
        // Half an interval's wait for a vessel, then (by sea) the
        // supplier's lead time and the voyage, then the dwell.
        FacilityKind::Port => {
            let voyage = src.port.voyage.map_or(0, |v| v.origin_lead_s + v.transit_s);
            src.port.vessel_interval_s / 2 + voyage + src.port.dwell_s
        }
        _ => 0,
    };
    // Customs on the lane: its mean wait is part of the planned lead time.
    let customs_s = c.lanes[l].customs.map_or(0, |cu| cu.mean_s as SimTime);
    let lead_time_s = hours(p.order_delay_hours) + source_s + c.lanes[l].transit_s + customs_s;
    let l_periods = lead_time_s as f64 / c.period_s as f64;
    let cover = l_periods + review_s as f64 / c.period_s as f64;
    let plan = Plan {
        mean,
        var,
        cover,
        period_s: c.period_s,
        scale: c.scale,
    };
    let rule = p.rule.resolve(&plan);
    let target = rule.target_level(mean, libm::sqrt(var));
    // Upstream FCs see this FC's expected demand.
    if src.kind == FacilityKind::FulfillmentCenter
        && let Some(ss) = c.fc_slot[sf]
    {
        prior.mean[ss as usize * prior.n_sku + k] += mean;
        prior.var[ss as usize * prior.n_sku + k] += var;
    }
    PolicyInfo {
        fc: f,
        sku: k,
        source: sf,
        lane: l,
        expedite: n.expedite,
        rule,
        forecast: p.forecast.unwrap_or(DEFAULT_FORECAST),
        forecast_from: p.forecast_from,
        review_s,
        order_delay_s: if p.rule.vendor_managed() {
            0
        } else {
            hours(p.order_delay_hours)
        },
        lead_time_s,
        initial_stock: libm::round(
            p.initial_stock
                .map_or(target, |u| u * c.scale)
                .clamp(0.0, MAX_STOCK_UNITS),
        ) as u32,
        initial_in_transit: libm::round(
            (p.initial_in_transit_per_period * c.scale).min(MAX_STOCK_UNITS),
        ) as u32,
        expected_per_period: mean,
        variance_per_period: var,
    }
}
