//! A step's goal: conditions on the run's KPIs on a day, checked by the
//! simulation itself.
//!
//! The figures a goal or a debrief names are measured once, at the end of
//! the goal's day ([`Measures`]), so a run that goes on past that day does
//! not change the verdict; before that day the panel shows the figures so
//! far and whether each condition holds yet.

use crate::engine::Engine;
use crate::time::{DAY, SimTime};
use crate::view::format::{pounds, thousands};
use serde::{Deserialize, Serialize};

/// A figure a goal can name. Network figures are the live KPIs (see the
/// glossary); facility figures need the facility's id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    OnTimeRate,
    FillRate,
    MeanLeadTimeH,
    CostPerPackage,
    Co2eGPerPackage,
    NetZeroShare,
    /// Delivered orders net-zero on every leg, replenishment included.
    ShipmentZeroShare,
    LabourHours,
    OrdersOverdue,
    OrdersPlaced,
    /// A facility's busy share of its open hours.
    Utilization,
    /// A stocking point's own fill rate.
    FacilityFillRate,
    /// A stocking point's order-variance ratio: the variance of the units
    /// it ordered upstream per period over the variance of the units
    /// demanded of it per period (above 1: it amplifies, the bullwhip).
    OrderVarianceRatio,
    /// A stocking point's mean units on hand.
    MeanOnHand,
}

/// How a metric's value reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Share,
    Pounds,
    Grams,
    Hours,
    Count,
    Ratio,
    Units,
}

impl Metric {
    pub const ALL: [Metric; 14] = [
        Metric::OnTimeRate,
        Metric::FillRate,
        Metric::MeanLeadTimeH,
        Metric::CostPerPackage,
        Metric::Co2eGPerPackage,
        Metric::NetZeroShare,
        Metric::ShipmentZeroShare,
        Metric::LabourHours,
        Metric::OrdersOverdue,
        Metric::OrdersPlaced,
        Metric::Utilization,
        Metric::FacilityFillRate,
        Metric::OrderVarianceRatio,
        Metric::MeanOnHand,
    ];

    /// Does the metric belong to one facility (and so need its id)?
    pub fn per_facility(self) -> bool {
        matches!(
            self,
            Metric::Utilization
                | Metric::FacilityFillRate
                | Metric::OrderVarianceRatio
                | Metric::MeanOnHand
        )
    }

    /// The figure's name as the page writes it.
    pub fn label(self) -> &'static str {
        match self {
            Metric::OnTimeRate => "On time",
            Metric::FillRate => "Fill rate",
            Metric::MeanLeadTimeH => "Mean delivery time",
            Metric::CostPerPackage => "Cost per package",
            Metric::Co2eGPerPackage => "CO₂e per package",
            Metric::NetZeroShare => "Zero-emission legs",
            Metric::ShipmentZeroShare => "Shipment Zero",
            Metric::LabourHours => "Staff hours",
            Metric::OrdersOverdue => "Orders overdue",
            Metric::OrdersPlaced => "Orders placed",
            Metric::Utilization => "Utilisation",
            Metric::FacilityFillRate => "Fill rate",
            Metric::OrderVarianceRatio => "Order-variance ratio",
            Metric::MeanOnHand => "Mean stock on hand",
        }
    }

    /// The serde name, as lesson files write it.
    pub fn key(self) -> &'static str {
        match self {
            Metric::OnTimeRate => "on_time_rate",
            Metric::FillRate => "fill_rate",
            Metric::MeanLeadTimeH => "mean_lead_time_h",
            Metric::CostPerPackage => "cost_per_package",
            Metric::Co2eGPerPackage => "co2e_g_per_package",
            Metric::NetZeroShare => "net_zero_share",
            Metric::ShipmentZeroShare => "shipment_zero_share",
            Metric::LabourHours => "labour_hours",
            Metric::OrdersOverdue => "orders_overdue",
            Metric::OrdersPlaced => "orders_placed",
            Metric::Utilization => "utilization",
            Metric::FacilityFillRate => "facility_fill_rate",
            Metric::OrderVarianceRatio => "order_variance_ratio",
            Metric::MeanOnHand => "mean_on_hand",
        }
    }

    pub fn from_key(key: &str) -> Option<Metric> {
        Metric::ALL.into_iter().find(|m| m.key() == key)
    }

    pub fn unit(self) -> Unit {
        match self {
            Metric::OnTimeRate
            | Metric::FillRate
            | Metric::NetZeroShare
            | Metric::ShipmentZeroShare
            | Metric::Utilization
            | Metric::FacilityFillRate => Unit::Share,
            Metric::MeanLeadTimeH | Metric::LabourHours => Unit::Hours,
            Metric::CostPerPackage => Unit::Pounds,
            Metric::Co2eGPerPackage => Unit::Grams,
            Metric::OrdersOverdue | Metric::OrdersPlaced => Unit::Count,
            Metric::OrderVarianceRatio => Unit::Ratio,
            Metric::MeanOnHand => Unit::Units,
        }
    }

    /// A value as a person reads it: "95.2 %", "£1.83", "98 g", "2.41".
    pub fn format(self, v: f64) -> String {
        match self.unit() {
            Unit::Share => format!("{:.1} %", v * 100.0),
            Unit::Pounds => pounds(v),
            Unit::Grams => format!("{v:.0} g"),
            Unit::Hours if v >= 100.0 => format!("{} h", thousands(v.round() as i64)),
            Unit::Hours => format!("{v:.1} h"),
            Unit::Count | Unit::Units => thousands(v.round() as i64),
            Unit::Ratio => format!("{v:.2}"),
        }
    }

    /// The value in the run now (`None`: not defined yet, e.g. a cost per
    /// package before enough deliveries, or a variance before two periods).
    pub fn value(self, engine: &Engine, facility: Option<usize>) -> Option<f64> {
        if self.per_facility() {
            let r = engine.facility_report(facility?)?;
            return match self {
                Metric::Utilization => Some(r.utilization),
                Metric::FacilityFillRate => r.fill_rate,
                Metric::MeanOnHand => Some(r.mean_on_hand),
                _ => {
                    let (o, d) = (r.orders_variance?, r.demand_variance?);
                    (d > 0.0).then(|| o / d)
                }
            };
        }
        let k = engine.kpis();
        match self {
            Metric::OnTimeRate => Some(k.on_time_rate),
            Metric::FillRate => Some(k.fill_rate),
            Metric::MeanLeadTimeH => Some(k.mean_lead_time_h),
            Metric::CostPerPackage => k.cost_per_package,
            Metric::Co2eGPerPackage => k.co2e_g_per_package,
            Metric::NetZeroShare => Some(k.net_zero_share),
            Metric::ShipmentZeroShare => Some(k.shipment_zero_share),
            Metric::LabourHours => Some(k.labour_hours),
            Metric::OrdersOverdue => Some(k.orders_overdue as f64),
            _ => Some(k.orders_placed as f64),
        }
    }
}

/// A figure, and the facility it is of (by id) if it is a facility's.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Figure {
    pub kpi: Metric,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub facility: Option<String>,
}

/// One condition of a goal: a figure at least or at most a bound.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    pub kpi: Metric,
    /// The facility's id, for a facility's figure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub facility: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_least: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_most: Option<f64>,
}

impl Condition {
    pub fn figure(&self) -> Figure {
        Figure {
            kpi: self.kpi,
            facility: self.facility.clone(),
        }
    }

    /// Does `value` meet the condition? An undefined figure never does.
    pub fn holds(&self, value: Option<f64>) -> bool {
        let Some(v) = value else { return false };
        self.at_least.is_none_or(|b| v >= b) && self.at_most.is_none_or(|b| v <= b)
    }

    /// "On time ≥ 95.0 %".
    pub fn describe(&self, facility_name: Option<&str>) -> String {
        let who = facility_name.map_or(String::new(), |n| format!(" at {n}"));
        let bound = match (self.at_least, self.at_most) {
            (Some(lo), Some(hi)) => {
                format!(
                    " between {} and {}",
                    self.kpi.format(lo),
                    self.kpi.format(hi)
                )
            }
            (Some(lo), None) => format!(" ≥ {}", self.kpi.format(lo)),
            (None, Some(hi)) => format!(" ≤ {}", self.kpi.format(hi)),
            (None, None) => String::new(),
        };
        format!("{}{who}{bound}", self.kpi.label())
    }
}

/// What a step asks for: every condition holding at the end of `by_day`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    /// The day at whose end the goal is judged (default: the scenario's
    /// horizon).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by_day: Option<u32>,
    pub all: Vec<Condition>,
}

impl Goal {
    /// The moment the goal is judged, given the scenario's horizon in days.
    pub fn judged_at(&self, horizon_days: u32) -> SimTime {
        SimTime::from(self.by_day.unwrap_or(horizon_days)) * DAY
    }

    /// Each condition, holding or not, on these figures.
    pub fn judge(&self, m: &Measures) -> Vec<bool> {
        self.all
            .iter()
            .map(|c| c.holds(m.get(&c.figure())))
            .collect()
    }

    /// Are all conditions met on these figures?
    pub fn met(&self, m: &Measures) -> bool {
        self.judge(m).into_iter().all(|ok| ok)
    }
}

/// Figures measured in a run at one moment.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Measures {
    pub at: SimTime,
    values: Vec<(Figure, Option<f64>)>,
}

impl Measures {
    /// Measure `figures` in the run now. A facility id the network lacks
    /// gives no value (lesson validation reports it before a run).
    pub fn take<'a>(engine: &Engine, figures: impl IntoIterator<Item = &'a Figure>) -> Measures {
        let facilities = &engine.network().facilities;
        let mut values: Vec<(Figure, Option<f64>)> = Vec::new();
        for f in figures {
            if values.iter().any(|(g, _)| g == f) {
                continue;
            }
            let index = f
                .facility
                .as_ref()
                .and_then(|id| facilities.iter().position(|x| &x.id == id));
            let missing = f.facility.is_some() && index.is_none();
            let v = if missing {
                None
            } else {
                f.kpi.value(engine, index)
            };
            values.push((f.clone(), v.filter(|v| v.is_finite())));
        }
        Measures {
            at: engine.now(),
            values,
        }
    }

    pub fn get(&self, f: &Figure) -> Option<f64> {
        self.values
            .iter()
            .find(|(g, _)| g == f)
            .and_then(|(_, v)| *v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_with_their_units() {
        assert_eq!(Metric::OnTimeRate.format(0.9523), "95.2 %");
        assert_eq!(Metric::CostPerPackage.format(1.8349), "£1.83");
        assert_eq!(Metric::MeanOnHand.format(12345.4), "12,345");
        assert_eq!(Metric::LabourHours.format(3145.2), "3,145 h");
        assert_eq!(Metric::OrdersOverdue.format(-1234.0), "-1,234");
        assert_eq!(Metric::OrderVarianceRatio.format(3.3417), "3.34");
    }
}
