//! The report's borders and regulation: customs crossings with their wait
//! and fees, low-emission zone charges, and the carbon price's cost. The
//! same charges are lines of the cost report.

use crate::engine::Engine;
use crate::time::HOUR;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RegulationReport {
    /// Vehicle trips and replenishment shipments that cleared customs.
    pub customs_crossings: u64,
    /// Their mean wait at the border, hours.
    pub mean_customs_wait_h: f64,
    pub declarations: u64,
    /// Brokers' fees, GBP.
    pub customs_fees: f64,
    /// Import duty on replenishment, GBP.
    pub duties: f64,
    /// Diesel vans that entered a charging low-emission zone (real vans).
    pub lez_entries: f64,
    pub lez_charges: f64,
    pub carbon_price_per_tonne: f64,
    /// The carbon price on the vehicles' CO2e, GBP.
    pub carbon_cost: f64,
}

impl Engine {
    /// Borders and regulation, when the scenario has customs, a charging
    /// low-emission zone or a carbon price.
    pub fn regulation_report(&self) -> Option<RegulationReport> {
        let net = self.network();
        let price = net.regulation.carbon_per_tonne;
        let any = price > 0.0
            || net
                .lanes
                .iter()
                .any(|l| l.customs.is_some() || l.lez_charge > 0.0);
        if !any {
            return None;
        }
        let l = self.ledger().levies();
        let cost = self.cost_breakdown();
        Some(RegulationReport {
            customs_crossings: l.crossings,
            mean_customs_wait_h: super::ratio(l.customs_wait_s, l.crossings as f64) / HOUR as f64,
            declarations: l.declarations,
            customs_fees: l.customs_fees,
            duties: l.duties,
            lez_entries: l.lez_entries,
            lez_charges: l.lez_charges,
            carbon_price_per_tonne: price,
            carbon_cost: cost.carbon,
        })
    }
}
