//! Read-only views of a run: the report, the live KPIs and the map frame.
//!
//! Views read the engine only through its mechanics' query methods and
//! never change the run. The headline ratios (fill rate, on-time, lead
//! time, cost and CO2e per package, net-zero share) are computed once, in
//! [`Headline::of`], for both the report and the live tiles.
//!
//! What each KPI means, its unit and formula, is in [`glossary`] (and
//! `GLOSSARY.md`, written from it).
//! - conservation: `supplied = on_hand + in_transit + delivered + lost`, where
//!   on_hand includes units picked and waiting at an FC, and in_transit
//!   includes replenishment shipments and parcels at cross-docks.

pub mod breakdown;
pub mod calibration;
pub mod channels;
pub mod competition;
pub mod disruption;
pub mod forecast;
pub mod format;
pub mod frame;
pub mod glossary;
pub mod regulation;
pub mod report;
pub mod round;
pub mod trace;

use crate::defaults::PER_PACKAGE_MIN_DELIVERED_SHARE;
use crate::engine::Engine;
use crate::engine::ledger::{CostBreakdown, Outcomes, Transport};
use crate::engine::orders::Overdue;
use crate::time::HOUR;
use serde::Serialize;

/// Where every supplied unit is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Conservation {
    pub supplied: u64,
    pub on_hand: u64,
    pub in_transit: u64,
    pub delivered: u64,
    pub lost: u64,
}

impl Conservation {
    pub fn balanced(&self) -> bool {
        self.supplied == self.on_hand + self.in_transit + self.delivered + self.lost
    }
}

/// A cheap snapshot for the live UI.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Kpis {
    pub time: u64,
    pub orders_placed: u64,
    pub orders_delivered: u64,
    pub orders_on_time: u64,
    /// Open orders whose promise has passed undelivered.
    pub orders_overdue: u64,
    pub fill_rate: f64,
    pub on_time_rate: f64,
    pub mean_lead_time_h: f64,
    /// `None` until enough orders are delivered for the figure to mean
    /// something ([`crate::defaults::PER_PACKAGE_MIN_DELIVERED_SHARE`]).
    pub cost_per_package: Option<f64>,
    pub co2e_g_per_package: Option<f64>,
    pub on_hand: u64,
    pub in_transit: u64,
    pub backlog: u64,
    /// Share of parcel legs on tailpipe-zero modes, 0..=1.
    pub net_zero_share: f64,
    /// Share of delivered orders whose every leg, replenishment included,
    /// ran on a net-zero mode, 0..=1.
    pub shipment_zero_share: f64,
    /// Warehouse labour hours so far.
    pub labour_hours: f64,
}

/// `a / b`, or 0 while there is no denominator.
pub(crate) fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 { a / b } else { 0.0 }
}

/// The headline ratios, defined once for the report and the live tiles
/// (see [`glossary`]).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Headline {
    pub fill_rate: f64,
    pub on_time_rate: f64,
    pub mean_lead_time_h: f64,
    pub cost_per_package: Option<f64>,
    pub co2e_g_per_package: Option<f64>,
    pub net_zero_share: f64,
    pub shipment_zero_share: f64,
}

impl Headline {
    pub fn of(o: &Outcomes, t: &Transport, overdue: Overdue, total_cost: f64) -> Headline {
        let delivered = o.delivered as f64;
        // Decided orders: delivered, lost, or past their promise undelivered.
        let lost = o.lost_sales + o.lost_in_transit + o.unshippable;
        let decided = delivered + (overdue.count + lost) as f64;
        let late_or_done = delivered + overdue.count as f64;
        let shown = per_package_withheld(o.placed, o.delivered).is_none();
        Headline {
            fill_rate: ratio(o.customer_units_filled as f64, o.customer_units as f64),
            on_time_rate: ratio(o.on_time as f64, decided),
            mean_lead_time_h: ratio(o.lead_sum_s + overdue.age_sum_s, late_or_done) / HOUR as f64,
            cost_per_package: shown.then(|| total_cost / delivered),
            co2e_g_per_package: shown.then(|| t.co2e_kg * 1000.0 / delivered),
            net_zero_share: ratio(t.net_zero_legs as f64, t.legs as f64),
            shipment_zero_share: ratio(o.net_zero_shipments as f64, delivered),
        }
    }
}

/// Why per-package figures are not shown yet (`None` once they are).
pub fn per_package_withheld(placed: u64, delivered: u64) -> Option<String> {
    let share = ratio(delivered as f64, placed as f64);
    (delivered == 0 || share < PER_PACKAGE_MIN_DELIVERED_SHARE).then(|| {
        format!(
            "shown once {:.0} % of the orders placed are delivered ({:.0} % so far)",
            PER_PACKAGE_MIN_DELIVERED_SHARE * 100.0,
            share * 100.0
        )
    })
}

impl Engine {
    /// Cost so far by kind, with holding and backorder integrated to now.
    pub(crate) fn cost_breakdown(&self) -> CostBreakdown {
        let now = self.now();
        let (holding, backorder) = self.stock().costs_at(now);
        let levies = self.ledger().levies();
        let transport = self.ledger().transport();
        let carbon_price = self.network().regulation.carbon_per_tonne;
        CostBreakdown {
            transport: transport.cost,
            handling: self.sites().handling_cost(),
            holding,
            labour: self.labour_hours() * self.network().wage_per_hour,
            facilities: self.sites().fixed_cost(self.network(), now),
            backorder,
            lost_sales: self.ledger().outcomes().lost_sale_cost,
            customs: levies.customs_fees + levies.duties,
            low_emission_zones: levies.lez_charges,
            // Priced on the vehicles' CO2e (the board's is its maker's).
            carbon: transport.co2e_kg / 1000.0 * carbon_price,
        }
    }

    /// Unit balance from the counters (O(1)).
    pub fn conservation(&self) -> Conservation {
        let u = self.ledger().units();
        Conservation {
            supplied: u.supplied,
            on_hand: u.stock + u.at_fc,
            in_transit: u.in_vehicles + u.in_shipments + u.at_crossdock,
            delivered: u.delivered,
            lost: u.lost,
        }
    }

    /// Unit balance recomputed from the state itself (stock bins, open
    /// orders, vehicles, shipments): what the conservation tests compare
    /// against [`Engine::conservation`].
    pub fn audit(&self) -> Conservation {
        let (at_fc, at_dock) = self.orders().units_at_nodes();
        let vehicles: u64 = self.lanes().vehicles().map(|v| v.units as u64).sum();
        let ships: u64 = self.stock().shipments().map(|s| s.units).sum();
        let u = self.ledger().units();
        Conservation {
            supplied: u.supplied,
            on_hand: self.stock().units_on_shelves() + at_fc,
            in_transit: vehicles + ships + at_dock,
            delivered: u.delivered,
            lost: u.lost,
        }
    }

    /// The live KPIs now.
    pub fn kpis(&self) -> Kpis {
        let (o, t) = (self.ledger().outcomes(), self.ledger().transport());
        let overdue = self.orders().overdue(self.now());
        let h = Headline::of(&o, &t, overdue, self.cost_breakdown().total());
        let c = self.conservation();
        Kpis {
            time: self.now(),
            orders_placed: o.placed,
            orders_delivered: o.delivered,
            orders_on_time: o.on_time,
            orders_overdue: overdue.count,
            fill_rate: h.fill_rate,
            on_time_rate: h.on_time_rate,
            mean_lead_time_h: h.mean_lead_time_h,
            cost_per_package: h.cost_per_package,
            co2e_g_per_package: h.co2e_g_per_package,
            on_hand: c.on_hand,
            in_transit: c.in_transit,
            backlog: self.backlog_units(),
            net_zero_share: h.net_zero_share,
            shipment_zero_share: h.shipment_zero_share,
            labour_hours: self.labour_hours(),
        }
    }

    fn backlog_units(&self) -> u64 {
        let fcs = self.network().fcs.len();
        (0..fcs)
            .map(|s| self.stock().holding(s).backlog_units)
            .sum()
    }
}

impl Engine {
    /// Seconds the figures cover: since the warm-up ended, or the start
    /// (at least one second).
    /// Rostered head-hours since the warm-up.
    pub(crate) fn labour_hours(&self) -> f64 {
        self.sites().labour_hours(self.network(), self.now())
    }

    pub(crate) fn measured_s(&self) -> f64 {
        (self.now() - self.measured_from()).max(1) as f64
    }
}
