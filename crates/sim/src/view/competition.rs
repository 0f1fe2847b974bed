//! The report's competition: the competitor's offer and, for each zone,
//! the delivery customers expect from us and the demand it wins or loses.

use crate::competition::expected_days;
use crate::engine::Engine;
use crate::scenario::{FacilityKind, Promise};
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CompetitionReport {
    pub competitor_promise: Promise,
    pub competitor_on_time: f64,
    /// The delivery customers expect from the competitor, days.
    pub competitor_expected_days: f64,
    pub zones: Vec<MarketZone>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MarketZone {
    pub id: String,
    pub name: String,
    pub promise: Promise,
    /// Our on-time there over the window customers judge us by.
    pub on_time: f64,
    /// The delivery customers expect from us, days.
    pub expected_days: f64,
    /// Demand now against demand when we match the competitor.
    pub demand_multiplier: f64,
}

impl Engine {
    /// The competition, when the scenario has a competitor.
    pub fn competition_report(&self) -> Option<CompetitionReport> {
        let net = self.network();
        let c = net.competition?;
        let m = self.market();
        let zones = net
            .facilities
            .iter()
            .enumerate()
            .filter(|(_, f)| f.kind == FacilityKind::CustomerZone)
            .filter_map(|(i, f)| {
                let p = f.zone.promise?;
                Some(MarketZone {
                    id: f.id.clone(),
                    name: f.name.clone(),
                    promise: p,
                    on_time: m.on_time(i),
                    expected_days: expected_days(p, m.on_time(i)),
                    demand_multiplier: m.multipliers()[i],
                })
            })
            .collect();
        Some(CompetitionReport {
            competitor_promise: c.promise,
            competitor_on_time: c.on_time,
            competitor_expected_days: c.their_days,
            zones,
        })
    }
}
