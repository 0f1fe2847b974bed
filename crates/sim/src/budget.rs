//! Work budgets. Before a run, what the scenario will ask of the machine:
//! orders on its busiest day, orders over the run, and the memory those
//! orders could take if none were delivered. It is checked against a
//! budget (one for the page, a larger one for the CLI), so a scenario too
//! big is refused with its figures rather than ended by an out-of-memory
//! abort. The limits the engine applies on the way (one stream's orders in
//! an hour, an FC's stock of one SKU) are named here as warnings when a
//! scenario reaches them, never applied in silence.

use crate::controls::DemandSchedule;
use crate::defaults::MAX_STOCK_UNITS;
use crate::demand::MAX_ORDERS_PER_STREAM_HOUR;
use crate::network::Network;
use crate::problem::{Problem, Subject};
use crate::scenario::Scenario;
use crate::time::{DAY, HOUR, SimTime};
use crate::validate;
use crate::view::format::thousands;
use std::collections::BTreeMap;

/// Memory an open order takes, bytes: uk-network at scale 0.3 held 860,000
/// open orders at 93 MB peak against 76,000 at 19 MB at scale 0.1 (7 days,
/// `/usr/bin/time -v`), about 95 bytes an order; rounded up.
pub const BYTES_PER_ORDER: f64 = 100.0;

/// Events the engine processes per order: bench-large ran 6.79 million
/// events for 2.21 million orders (BENCHMARKS.md), about 3.1.
pub const EVENTS_PER_ORDER: f64 = 3.1;

/// How much work a place that runs scenarios takes on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Budget {
    /// Who runs it, as a person reads it ("the page").
    pub runner: &'static str,
    pub max_orders_per_day: f64,
    pub max_orders: f64,
    /// How to go past it, if one can.
    pub beyond: &'static str,
}

/// The page: a run a browser tab animates and keeps in memory. The UK
/// network at full size (about 920,000 orders a day, 2.8 million on its
/// sale days and 16.6 million over its 14 days) fits; 20 million orders
/// could take 2 GB if none were delivered, within the 4 GB a wasm32 page
/// can address.
pub const PAGE: Budget = Budget {
    runner: "the page",
    max_orders_per_day: 3_000_000.0,
    max_orders: 20_000_000.0,
    beyond: "run it with supply-cli",
};

/// The CLI: 100 million orders could take 10 GB if none were delivered,
/// within a workstation's memory.
pub const CLI: Budget = Budget {
    runner: "supply-cli",
    max_orders_per_day: 30_000_000.0,
    max_orders: 100_000_000.0,
    beyond: "--ignore-budget runs it anyway",
};

/// What a scenario asks for over `days`.
#[derive(Clone, Debug, PartialEq)]
pub struct Estimate {
    pub days: u32,
    /// Expected orders each day (demand as the engine draws it, with the
    /// recorded controls and every limit applied).
    pub per_day: Vec<f64>,
    pub orders: f64,
    /// The busiest day (0-based) and its orders.
    pub busiest: (u32, f64),
    /// Events the engine will process, about.
    pub events: f64,
    /// Memory if every order stayed open, bytes.
    pub worst_bytes: f64,
}

/// Expected orders on each of the first `days` days, with the demand
/// multiplier of `controls` (the scenario's, or the page's slider
/// previewed).
pub fn expected_daily(net: &Network, days: u32, controls: &DemandSchedule) -> Vec<f64> {
    (0..u64::from(days))
        .map(|d| {
            (0..24)
                .map(|h| {
                    let t = d * DAY + h * HOUR;
                    let m = controls.at(t);
                    net.demand.iter().map(|s| s.mean_at(t, m)).sum::<f64>()
                })
                .sum()
        })
        .collect()
}

/// What the scenario asks for over `days`.
pub fn estimate(net: &Network, days: u32) -> Estimate {
    estimate_with(net, days, &net.controls)
}

/// What the scenario asks for over `days` with the demand controls
/// `controls` (a slider's move before it is made).
pub fn estimate_with(net: &Network, days: u32, controls: &DemandSchedule) -> Estimate {
    let per_day = expected_daily(net, days, controls);
    let orders: f64 = per_day.iter().sum();
    let busiest =
        per_day.iter().enumerate().fold(
            (0, 0.0),
            |b, (d, &o)| if o > b.1 { (d as u32, o) } else { b },
        );
    Estimate {
        days,
        per_day,
        orders,
        busiest,
        events: orders * EVENTS_PER_ORDER,
        worst_bytes: orders * BYTES_PER_ORDER,
    }
}

/// `e` within `budget`, or the problem saying by how much it is not.
pub fn check(e: &Estimate, budget: &Budget) -> Result<(), Box<Problem>> {
    let over_day = e.busiest.1 > budget.max_orders_per_day;
    if !over_day && e.orders <= budget.max_orders {
        return Ok(());
    }
    let message = format!(
        "{} orders on day {} and {} over the run's {} days (about {} events, and up to {} of \
         memory if they piled up, at {BYTES_PER_ORDER:.0} bytes an order): more than {} runs, at \
         most {} orders a day and {} in a run. Lower orders_per_day or scale, or shorten days; or \
         {}.",
        millions(e.busiest.1),
        e.busiest.0 + 1,
        millions(e.orders),
        e.days,
        millions(e.events),
        bytes(e.worst_bytes),
        budget.runner,
        millions(budget.max_orders_per_day),
        millions(budget.max_orders),
        budget.beyond,
    );
    let mut p = Problem::new("demand", message);
    p.field = "orders_per_day".into();
    Err(Box::new(p))
}

/// Policies whose rule covers more periods than a forecast looks ahead
/// ([`supply_forecast::MAX_COVER`]): the periods past it are forecast as
/// zero demand. One warning per FC.
fn cover_limits_reached(net: &Network) -> Vec<Problem> {
    let mut fcs: Vec<usize> = net
        .policies
        .iter()
        .filter(|p| {
            p.rule
                .horizon()
                .is_some_and(|h| h > supply_forecast::MAX_COVER)
        })
        .map(|p| p.fc)
        .collect();
    fcs.dedup();
    fcs.into_iter()
        .map(|fc| {
            let mut w = Problem::new(
                format!("facilities[{fc}]"),
                format!(
                    "its rule covers more than {:.0} periods, the furthest a forecast looks ahead: the periods past it count as no demand; check the cover",
                    supply_forecast::MAX_COVER
                ),
            );
            w.subject = Some(Subject::Facility(fc));
            w.name = net.facilities[fc].name.clone();
            w
        })
        .collect()
}

/// The limits the engine applies that this scenario reaches, as warnings:
/// a demand stream asking for more than the engine draws in an hour, an
/// initial stock at the most an FC holds, a cover past the forecast's reach.
pub fn limits_reached(net: &Network, days: u32) -> Vec<Problem> {
    let mut out = stock_limits_reached(net);
    out.extend(cover_limits_reached(net));
    for (i, s) in net.demand.iter().enumerate() {
        let end: SimTime = u64::from(days) * DAY;
        let hour = (0..end / HOUR)
            .map(|h| h * HOUR)
            .find(|&t| s.uncapped_mean_at(t, net.controls.at(t)) > MAX_ORDERS_PER_STREAM_HOUR);
        if let Some(t) = hour {
            let mut p = Problem::new(
                format!("demand[{i}]"),
                format!(
                    "on day {} this stream asks for more than {} orders in an hour, the most \
                     the sim draws for one stream in an hour: the orders above it are not \
                     drawn. Split the zone's demand into several streams, or lower it",
                    t / DAY + 1,
                    thousands(MAX_ORDERS_PER_STREAM_HOUR as i64)
                ),
            );
            p.subject = Some(Subject::Demand(i));
            p.name = net.facilities[s.zone].name.clone();
            p.field = "orders_per_day".into();
            out.push(p);
        }
    }
    out
}

/// Stock for more than this many days of a SKU's expected demand is surely
/// sized to an absurd lead time (a year's stock is already a dead-stock
/// warning in any inventory review).
pub const MAX_PLAUSIBLE_STOCK_DAYS: f64 = 365.0;

/// FCs whose initial stock of some SKU is more than a year of its demand
/// there, or the most an FC holds of a SKU ([`MAX_STOCK_UNITS`]): sized to
/// the policy's level over an absurd lead time. One warning per FC.
fn stock_limits_reached(net: &Network) -> Vec<Problem> {
    let periods_a_day = DAY as f64 / net.horizon.period_s as f64;
    let mut by_fc: BTreeMap<usize, (u32, u32, SimTime)> = BTreeMap::new();
    for p in &net.policies {
        let stock = f64::from(p.initial_stock);
        let year = p.expected_per_period * periods_a_day * MAX_PLAUSIBLE_STOCK_DAYS;
        if stock >= MAX_STOCK_UNITS || (stock > 1.0 && stock > year) {
            let e = by_fc.entry(p.fc).or_insert((0, 0, 0));
            *e = (e.0 + 1, e.1.max(p.initial_stock), e.2.max(p.lead_time_s));
        }
    }
    by_fc
        .into_iter()
        .map(|(fc, (skus, most, lead_s))| {
            let mut w = Problem::new(
                format!("facilities[{fc}]"),
                format!(
                    "the initial stock of {skus} SKU(s) is more than a year of their demand (up to {} units of one; the sim holds at most {}): it is sized to the policy's level over a lead time of {:.0} days; check the lead time and the lane's speed",
                    thousands(i64::from(most)),
                    thousands(MAX_STOCK_UNITS as i64),
                    lead_s as f64 / DAY as f64
                ),
            );
            w.subject = Some(Subject::Facility(fc));
            w.name = net.facilities[fc].name.clone();
            w
        })
        .collect()
}

/// Validate `s` and check its work over `days` against `budget`: the
/// network and the warnings of the engine's limits it reaches, or every
/// problem (the budget's, if it is over, among them).
pub fn validate_within(
    s: &Scenario,
    days: u32,
    budget: &Budget,
) -> Result<(Network, Vec<Problem>), Vec<Problem>> {
    let net = validate(s)?;
    check(&estimate(&net, days), budget).map_err(|p| vec![*p])?;
    let limits = limits_reached(&net, days);
    Ok((net, limits))
}

/// "46.2 million", "920,000".
fn millions(n: f64) -> String {
    if n >= 1e6 {
        format!("{:.1} million", n / 1e6)
    } else {
        thousands(n.round() as i64)
    }
}

/// "3.2 GB", "450 MB".
fn bytes(b: f64) -> String {
    if b >= 1e9 {
        format!("{:.1} GB", b / 1e9)
    } else {
        format!("{:.0} MB", b / 1e6)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_written_as_people_write_them() {
        assert_eq!(millions(46_200_000.0), "46.2 million");
        assert_eq!(millions(920_000.0), "920,000");
        assert_eq!(bytes(3.2e9), "3.2 GB");
        assert_eq!(bytes(4.5e8), "450 MB");
    }
}
