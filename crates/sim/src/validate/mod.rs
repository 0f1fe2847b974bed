//! Scenario → Network. Lists every problem, each with its JSON path and its
//! subject.
//!
//! Validation never stops at the first problem: a person editing a scenario
//! sees everything to fix at once. Only a clean scenario compiles into a
//! [`Network`], so the engine never meets an out-of-range index or a NaN.
//! Each part of the scenario has its module; they share an [`index::Index`]
//! of ids and a [`check::Checker`].

pub(crate) mod check;
mod controls;
mod demand;
mod facilities;
mod index;
mod lanes;
mod policies;
mod products;
mod routes;
mod warnings;

use crate::defaults::MAX_DAYS;
use crate::network::{Horizon, Network, Routing};
use crate::problem::Problem;
use crate::scenario::{Scenario, VERSION};
use crate::time::{HOUR, hours};
use check::{At, Checker};
pub use warnings::warnings;

/// Validate and compile. Returns every problem found.
pub fn validate(s: &Scenario) -> Result<Network, Vec<Problem>> {
    let mut ck = Checker::default();
    check_scenario(s, &mut ck);
    let ix = index::Index::new(s);
    let mut products = products::build(s, &mut ck);
    let mut facilities = facilities::build(s, &mut ck);
    let mut lanes = lanes::build(s, &ix, &facilities, &mut ck);
    crate::borders::build(s, &facilities, &mut lanes, &mut ck);
    let regulation = crate::regulation::build(s, &facilities, &mut lanes, &mut ck);
    crate::ocean::voyages(&mut facilities, &lanes);
    let seller: Vec<bool> = products.iter().map(|p| p.seller).collect();
    let streams = demand::build(s, &ix, &facilities, &seller, &mut ck);
    let mut routes = routes::build(s, &ix, &facilities, &lanes, &streams.demand, &mut ck);
    let carbon_per_kg = regulation.carbon_per_tonne / 1000.0;
    for r in &mut routes.per_kg {
        r.gbp_per_kg += r.co2e_kg_per_kg * carbon_per_kg;
    }
    let checked = policies::check(s, &ix, &facilities, &products, &lanes, &mut ck);
    let controls = controls::build(s, &mut ck);
    let packaging = s
        .packaging
        .as_ref()
        .and_then(|p| crate::packaging::build(p, &mut ck));
    let channels = s
        .channels
        .as_ref()
        .map(|c| crate::channels::build(c, &mut ck))
        .unwrap_or_default();
    let disruptions = crate::disruption::build(s, |id| ix.facility(id), &mut ck);
    let period_s = hours(s.period_hours).max(HOUR);
    let competition = s
        .competition
        .as_ref()
        .and_then(|c| crate::competition::build(c, period_s, &mut ck));
    if !ck.problems.is_empty() {
        return Err(ck.problems);
    }
    let mut prior = policies::Prior::new(
        &streams.demand,
        &streams.sku_tables,
        &routes,
        products.len(),
        period_s,
    );
    let compile = policies::Compile {
        facilities: &facilities,
        lanes: &lanes,
        fc_slot: &routes.fc_slot,
        period_s,
        scale: s.scale,
    };
    let policies = policies::compile(&checked, &compile, &mut prior);
    for p in products.iter_mut().filter(|p| p.seller) {
        p.storage_fee_per_unit_s = p.volume_m3 * channels.storage_per_m3_s;
    }
    let sku_class =
        crate::demand::abc_classes(&streams.demand, &streams.sku_tables, products.len());
    Ok(Network {
        name: s.name.clone(),
        horizon: Horizon {
            period_s,
            warmup_s: hours(s.warmup_days.clamp(0.0, 36_500.0) * 24.0),
            default_days: s.days,
        },
        stockout: s.stockout,
        wage_per_hour: s.wage_per_hour,
        scale: s.scale,
        circuity: s.circuity,
        facilities,
        lanes,
        products,
        demand: streams.demand,
        sku_tables: streams.sku_tables,
        policies,
        routing: Routing {
            routes: routes.routes,
            candidates: routes.candidates,
            planned_s: routes.planned_s,
            per_kg: routes.per_kg,
            weights: s.assignment_weights,
            overflow: routes.overflow,
        },
        fc_slot: routes.fc_slot,
        fcs: routes.fcs,
        controls,
        sku_class,
        packaging,
        channels,
        disruptions,
        regulation,
        competition,
    })
}

/// The scenario's own fields.
fn check_scenario(s: &Scenario, ck: &mut Checker) {
    let at = At::root();
    if s.version != VERSION {
        let msg = format!("unsupported version {}, expected {VERSION}", s.version);
        ck.err(&at, "version", msg);
    }
    if s.name.trim().is_empty() {
        ck.err(&at, "name", "must not be empty");
    }
    if s.days == 0 || s.days > MAX_DAYS {
        ck.err(
            &at,
            "days",
            format!("must be in 1..={MAX_DAYS}, got {}", s.days),
        );
    }
    if ck.pos(&at, "period_hours", s.period_hours) && s.period_hours < 1.0 {
        ck.err(&at, "period_hours", "must be at least 1 hour");
    }
    if !(s.circuity.is_finite() && (1.0..=3.0).contains(&s.circuity)) {
        ck.err(
            &at,
            "circuity",
            format!("must be in [1, 3], got {}", s.circuity),
        );
    }
    ck.nonneg(&at, "wage_per_hour", s.wage_per_hour);
    if !(s.scale.is_finite() && s.scale > 0.0 && s.scale <= 1.0) {
        let msg = format!(
            "must be a share of the network, 0 < scale ≤ 1, got {}",
            s.scale
        );
        ck.err(&at, "scale", msg);
    }
    let w = s.assignment_weights;
    ck.nonneg(&at, "assignment_weights.hours", w.hours);
    ck.nonneg(&at, "assignment_weights.gbp", w.gbp);
    ck.nonneg(&at, "assignment_weights.co2e_kg", w.co2e_kg);
    ck.nonneg(&at, "warmup_days", s.warmup_days);
}
