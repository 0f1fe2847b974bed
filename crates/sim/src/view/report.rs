//! The run report: what the CLI prints, the Report button downloads and
//! the charts read. Facility `demand_*`/`orders_*` are per statistics period:
//! units demanded of the facility (customers and downstream FCs) and units
//! it ordered upstream. Headline definitions are in [`crate::view`].

use super::{Conservation, Headline, ratio};
use crate::engine::Engine;
use crate::engine::ledger::{PeriodMark, Transport};
use crate::engine::stats::Histogram;
use crate::network::Leg;
use crate::scenario::FacilityKind;
use crate::time::{DAY, HOUR, to_hours};
use serde::Serialize;

#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub scenario: String,
    pub seed: u64,
    pub days: f64,
    /// Figures count from this day (the end of the warm-up); the period
    /// series covers the whole run.
    pub measured_from_day: f64,
    pub events: u64,
    /// The live controls this run replayed (the demand slider), in time order.
    pub controls: Vec<ControlReport>,
    /// Figures not shown yet, and why.
    pub withheld: Vec<String>,
    pub orders: OrdersReport,
    pub service: ServiceReport,
    pub cost: CostReport,
    pub emissions: EmissionsReport,
    /// The boxes orders were packed in (only when the scenario names a set).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub packaging: Option<PackagingReport>,
    pub conservation: Conservation,
    pub transport: TransportReport,
    pub facilities: Vec<FacilityReport>,
    pub lanes: Vec<LaneReport>,
    /// Service by zone, SKU class and channel.
    pub breakdown: super::breakdown::BreakdownReport,
    /// Seller services' fees (only when the scenario sets channel rules).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channels: Option<super::channels::ChannelsReport>,
    /// Each disruption and how long on-time took to recover.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub disruptions: Vec<super::disruption::DisruptionReport>,
    /// Customs, low-emission zones and the carbon price (only when the
    /// scenario has any).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub regulation: Option<super::regulation::RegulationReport>,
    /// Each zone's demand against the competitor (only with one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub competition: Option<super::competition::CompetitionReport>,
    /// One entry per statistics period.
    pub series: Vec<PeriodReport>,
}

/// Demand × `demand_multiplier` from `from_h` hours on.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct ControlReport {
    pub from_h: f64,
    pub demand_multiplier: f64,
}

#[derive(Clone, Debug, Serialize)]
pub struct OrdersReport {
    pub placed: u64,
    pub delivered: u64,
    pub on_time: u64,
    /// Delivered after their promise.
    pub late: u64,
    /// Open, and past their promise: late already.
    pub overdue: u64,
    /// Orders that waited for stock at some point.
    pub backordered: u64,
    /// Lost sales, parcels lost in transit and unshippable parcels.
    pub lost: u64,
    pub lost_sales: u64,
    pub lost_in_transit: u64,
    /// Parcels no vehicle on their next hop could carry (too heavy or bulky).
    pub unshippable: u64,
    /// Open now (placed, neither delivered nor lost), whenever placed.
    pub open: u64,
    pub multichannel: u64,
}

#[derive(Clone, Debug, Serialize)]
pub struct ServiceReport {
    pub fill_rate: f64,
    pub on_time_rate: f64,
    /// Over decided orders; overdue open orders at their age (see the glossary).
    pub mean_lead_time_h: f64,
    pub p95_lead_time_h: f64,
    /// Over delivered orders only.
    pub mean_delivered_lead_time_h: f64,
}

fn is_zero(x: &f64) -> bool {
    *x == 0.0
}

fn is_zero_units(x: &u64) -> bool {
    *x == 0
}

#[derive(Clone, Debug, Serialize)]
pub struct CostReport {
    pub transport: f64,
    pub handling: f64,
    pub holding: f64,
    pub labour: f64,
    /// Facilities' fixed costs: rent, rates and automation amortised.
    pub facilities: f64,
    pub backorder: f64,
    pub lost_sales: f64,
    /// Customs fees and duty (left out when none).
    #[serde(skip_serializing_if = "is_zero")]
    pub customs: f64,
    /// Low-emission zone charges (left out when none).
    #[serde(skip_serializing_if = "is_zero")]
    pub low_emission_zones: f64,
    /// The carbon price on the CO2e (left out when none).
    #[serde(skip_serializing_if = "is_zero")]
    pub carbon: f64,
    pub total: f64,
    /// Withheld (null) until enough orders are delivered; see `withheld`.
    pub per_package: Option<f64>,
    pub labour_hours: f64,
}

#[derive(Clone, Debug, Serialize)]
pub struct EmissionsReport {
    pub co2e_kg: f64,
    pub co2e_g_per_package: Option<f64>,
    /// Share of parcel legs on net-zero modes.
    pub net_zero_share: f64,
    /// Share of delivered orders whose every leg, their stock's
    /// replenishment included, ran on a net-zero mode.
    pub shipment_zero_share: f64,
    /// CO2e by leg: replenishment into FCs, parcels between facilities,
    /// parcels to the customer.
    pub co2e_inbound_kg: f64,
    pub co2e_middle_mile_kg: f64,
    pub co2e_last_mile_kg: f64,
}

/// Packing since the warm-up.
#[derive(Clone, Debug, Serialize)]
pub struct PackagingReport {
    pub right_sizing: bool,
    /// Orders packed.
    pub parcels: u64,
    /// Of them, in a box of the set (the rest in their own cartons).
    pub boxed: u64,
    /// Corrugated board used, kg, and its cradle-to-grave CO2e, kg.
    pub board_kg: f64,
    pub board_co2e_kg: f64,
    pub board_g_per_package: Option<f64>,
    /// Share of the parcels' volume that is air: 1 − items / parcels.
    pub air_share: f64,
    /// Mean parcel volume, litres.
    pub mean_parcel_l: Option<f64>,
}

#[derive(Clone, Debug, Serialize)]
pub struct TransportReport {
    pub vehicle_trips: u64,
    pub vehicle_km: f64,
}

#[derive(Clone, Debug, Serialize)]
pub struct FacilityReport {
    pub id: String,
    pub kind: FacilityKind,
    pub throughput_units: u64,
    pub throughput_orders: u64,
    pub arrivals: u64,
    pub utilization: f64,
    pub mean_on_hand: f64,
    pub mean_wip: f64,
    pub mean_time_in_system_h: f64,
    pub fill_rate: Option<f64>,
    pub cycle_service_level: Option<f64>,
    pub demand_mean: Option<f64>,
    pub demand_variance: Option<f64>,
    pub orders_mean: Option<f64>,
    pub orders_variance: Option<f64>,
    pub holding_cost: f64,
    /// Units ordered from a faster source because the next vessel's goods
    /// would come too late (left out when none).
    #[serde(skip_serializing_if = "is_zero_units")]
    pub expedited_units: u64,
    /// Forecast accuracy (stocking FCs with a policy only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub forecast: Option<super::forecast::ForecastReport>,
}

#[derive(Clone, Debug, Serialize)]
pub struct LaneReport {
    pub from: String,
    pub to: String,
    pub mode: crate::emissions::Mode,
    /// Departures (a replenishment shipment counts once).
    pub trips: u64,
    /// Vehicles sent, each the lane's share of a real one at scale.
    pub vehicles: u64,
    pub units: u64,
    pub parcels: u64,
    pub km: f64,
    pub cost: f64,
    pub co2e_kg: f64,
    /// Mean share of a vehicle's capacity loaded (weight or volume,
    /// whichever binds).
    pub fill: f64,
    /// Parcels (stops) per real vehicle.
    pub parcels_per_vehicle: f64,
    /// Km per real vehicle trip (a van's round: out, tour and back).
    pub km_per_vehicle: f64,
}

#[derive(Clone, Debug, Serialize)]
pub struct PeriodReport {
    pub period: u64,
    pub placed: u64,
    pub delivered: u64,
    pub on_time: u64,
    pub fill_rate: f64,
    pub cost: f64,
    pub co2e_kg: f64,
}

impl Engine {
    /// The report for facility `f` now (the inspector's live figures).
    pub fn facility_report(&self, f: usize) -> Option<FacilityReport> {
        let fi = self.network().facilities.get(f)?;
        let now = self.now();
        let elapsed = self.measured_s();
        let (server, flow) = (self.sites().server(f), self.sites().flow(f));
        let open_s = if fi.shifts.is_empty() {
            elapsed
        } else {
            let per_day: u64 = fi.shifts.iter().map(|(a, b)| b - a).sum();
            elapsed * per_day as f64 / DAY as f64
        };
        let has_server = fi.rate_per_s > 0.0 || fi.supply.production_per_s > 0.0;
        let mut r = FacilityReport {
            id: fi.id.clone(),
            kind: fi.kind,
            throughput_units: flow.throughput_units + self.stock().shipped(f),
            throughput_orders: flow.throughput_orders,
            arrivals: flow.arrivals,
            utilization: if has_server {
                (server.busy_s / open_s.max(1.0)).min(1.0)
            } else {
                0.0
            },
            mean_on_hand: 0.0,
            mean_wip: flow.wip_area_at(now) / elapsed,
            mean_time_in_system_h: ratio(flow.sojourn_sum_s, flow.sojourn_n as f64) / HOUR as f64,
            fill_rate: None,
            cycle_service_level: None,
            demand_mean: None,
            demand_variance: None,
            orders_mean: None,
            orders_variance: None,
            holding_cost: 0.0,
            expedited_units: 0,
            forecast: None,
        };
        if let Some(slot) = self.network().fc_slot[f] {
            self.add_stock_figures(&mut r, slot as usize);
        }
        Some(r)
    }

    /// The stocking figures of the FC in `slot`.
    fn add_stock_figures(&self, r: &mut FacilityReport, slot: usize) {
        let now = self.now();
        let h = self.stock().holding_since(slot, now);
        let sv = self.stock().service(slot);
        r.mean_on_hand = h.on_hand_area / self.measured_s();
        r.holding_cost = h.hold_cost;
        r.expedited_units = sv.expedited_units;
        r.fill_rate =
            (sv.demanded_units > 0).then(|| sv.filled_units as f64 / sv.demanded_units as f64);
        r.cycle_service_level =
            (sv.cycles > 0).then(|| 1.0 - sv.stockout_cycles as f64 / sv.cycles as f64);
        r.demand_mean = Some(sv.demand.mean());
        r.demand_variance = Some(sv.demand.variance());
        r.orders_mean = Some(sv.ordered.mean());
        r.orders_variance = Some(sv.ordered.variance());
        r.forecast = self.forecast_report(slot);
    }

    fn emissions_report(&self, t: &Transport, h: &Headline) -> EmissionsReport {
        let net = self.network();
        let mut by_leg = [0.0; 3];
        for i in 0..net.lanes.len() {
            by_leg[net.leg(i) as usize] += self.ledger().lane(i).co2e_kg;
        }
        EmissionsReport {
            co2e_kg: t.co2e_kg,
            co2e_g_per_package: h.co2e_g_per_package,
            net_zero_share: h.net_zero_share,
            shipment_zero_share: h.shipment_zero_share,
            co2e_inbound_kg: by_leg[Leg::Inbound as usize],
            co2e_middle_mile_kg: by_leg[Leg::MiddleMile as usize],
            co2e_last_mile_kg: by_leg[Leg::LastMile as usize],
        }
    }

    pub fn packaging_report(&self) -> Option<PackagingReport> {
        let pk = self.network().packaging.as_ref()?;
        let p = self.ledger().packing();
        let n = p.parcels as f64;
        Some(PackagingReport {
            right_sizing: pk.right_sizing,
            parcels: p.parcels,
            boxed: p.boxed,
            board_kg: p.board_kg,
            board_co2e_kg: p.board_kg * crate::packaging::BOARD_CO2E_KG_PER_KG,
            board_g_per_package: (n > 0.0).then(|| p.board_kg * 1000.0 / n),
            air_share: if p.parcel_m3 > 0.0 {
                1.0 - p.items_m3 / p.parcel_m3
            } else {
                0.0
            },
            mean_parcel_l: (n > 0.0).then(|| p.parcel_m3 * 1000.0 / n),
        })
    }

    fn lane_reports(&self) -> Vec<LaneReport> {
        let net = self.network();
        net.lanes
            .iter()
            .enumerate()
            .map(|(i, li)| {
                let a = self.ledger().lane(i);
                let real = a.real_vehicles;
                LaneReport {
                    from: net.facilities[li.from].id.clone(),
                    to: net.facilities[li.to].id.clone(),
                    mode: li.mode,
                    trips: a.trips,
                    vehicles: a.vehicles,
                    units: a.units,
                    parcels: a.parcels,
                    km: a.km,
                    cost: a.cost,
                    co2e_kg: a.co2e_kg,
                    fill: ratio(a.fill, a.vehicles as f64),
                    parcels_per_vehicle: ratio(a.parcels as f64, real),
                    km_per_vehicle: ratio(a.km, real),
                }
            })
            .collect()
    }

    fn period_reports(&self) -> Vec<PeriodReport> {
        let mut prev = PeriodMark::default();
        let marks = self.ledger().series().iter().enumerate();
        marks
            .map(|(i, &m)| {
                let r = PeriodReport {
                    period: i as u64 + 1,
                    placed: m.placed - prev.placed,
                    delivered: m.delivered - prev.delivered,
                    on_time: m.on_time - prev.on_time,
                    fill_rate: ratio(
                        (m.filled - prev.filled) as f64,
                        (m.customer_units - prev.customer_units) as f64,
                    ),
                    cost: m.cost - prev.cost,
                    co2e_kg: m.co2e - prev.co2e,
                };
                prev = m;
                r
            })
            .collect()
    }

    /// Lead times of delivered orders with the ages of overdue open ones
    /// (lower bounds of theirs), for percentiles.
    fn decided_lead_times(&self) -> Histogram {
        let mut h = self.ledger().lead_times();
        for age in self.orders().overdue_ages(self.now()) {
            h.push(age);
        }
        h
    }

    /// The full report at the current time.
    pub fn report(&self) -> Report {
        let now = self.now();
        let (o, t) = (self.ledger().outcomes(), self.ledger().transport());
        let cost = self.cost_breakdown();
        let total = cost.total();
        let overdue = self.orders().overdue(now);
        let h = Headline::of(&o, &t, overdue, total);
        let lost = o.lost_sales + o.lost_in_transit + o.unshippable;
        let n = self.network().facilities.len();
        Report {
            scenario: self.network().name.clone(),
            seed: self.seed(),
            days: now as f64 / DAY as f64,
            measured_from_day: self.measured_from() as f64 / DAY as f64,
            events: self.events(),
            controls: self
                .demand_schedule()
                .steps()
                .iter()
                .map(|&(t, m)| ControlReport {
                    from_h: to_hours(t),
                    demand_multiplier: m,
                })
                .collect(),
            withheld: super::per_package_withheld(o.placed, o.delivered)
                .map(|why| format!("cost.per_package, emissions.co2e_g_per_package: {why}"))
                .into_iter()
                .collect(),
            orders: OrdersReport {
                placed: o.placed,
                delivered: o.delivered,
                on_time: o.on_time,
                late: o.late,
                overdue: overdue.count,
                backordered: o.backordered,
                lost,
                lost_sales: o.lost_sales,
                lost_in_transit: o.lost_in_transit,
                unshippable: o.unshippable,
                open: self.orders().open_count(),
                multichannel: o.multichannel,
            },
            service: ServiceReport {
                fill_rate: h.fill_rate,
                on_time_rate: h.on_time_rate,
                mean_lead_time_h: h.mean_lead_time_h,
                p95_lead_time_h: to_hours(self.decided_lead_times().quantile(0.95)),
                mean_delivered_lead_time_h: ratio(o.lead_sum_s, o.delivered as f64) / HOUR as f64,
            },
            cost: CostReport {
                transport: cost.transport,
                handling: cost.handling,
                holding: cost.holding,
                labour: cost.labour,
                facilities: cost.facilities,
                backorder: cost.backorder,
                lost_sales: cost.lost_sales,
                customs: cost.customs,
                low_emission_zones: cost.low_emission_zones,
                carbon: cost.carbon,
                total,
                per_package: h.cost_per_package,
                labour_hours: self.labour_hours(),
            },
            emissions: self.emissions_report(&t, &h),
            packaging: self.packaging_report(),
            conservation: self.conservation(),
            transport: TransportReport {
                vehicle_trips: t.vehicle_trips,
                vehicle_km: t.vehicle_km,
            },
            facilities: (0..n).filter_map(|f| self.facility_report(f)).collect(),
            lanes: self.lane_reports(),
            breakdown: self.breakdown_report(),
            channels: self.channels_report(),
            disruptions: self.disruption_reports(),
            regulation: self.regulation_report(),
            competition: self.competition_report(),
            series: self.period_reports(),
        }
    }
}
