//! The run report (what the CLI prints and charts read) and the cheap live
//! KPI snapshot.
//!
//! Definitions:
//! - `service.fill_rate`: customer units served from stock on arrival / units ordered.
//! - `on_time`: delivered no later than the zone's promise (same-day orders
//!   placed before 14:00 are due by midnight; next-day by the next midnight).
//! - `cost.per_package`, `emissions.co2e_g_per_package`: per delivered order.
//! - `emissions.net_zero_share`: share of parcel legs on tailpipe-zero modes.
//! - `conservation`: `supplied = on_hand + in_transit + delivered + lost`, where
//!   on_hand includes units picked and waiting at an FC, and in_transit
//!   includes replenishment shipments and parcels at cross-docks.
//! - Facility `demand_*`/`orders_*`: per statistics period, units demanded of
//!   the facility (customers + downstream FCs) and units it ordered upstream.

use crate::engine::Engine;
use crate::scenario::FacilityKind;
use crate::time::{DAY, HOUR, to_hours};
use serde::Serialize;

#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub scenario: String,
    pub seed: u64,
    pub days: f64,
    pub events: u64,
    pub orders: OrdersReport,
    pub service: ServiceReport,
    pub cost: CostReport,
    pub emissions: EmissionsReport,
    pub conservation: Conservation,
    pub transport: TransportReport,
    pub facilities: Vec<FacilityReport>,
    pub lanes: Vec<LaneReport>,
    /// One entry per statistics period.
    pub series: Vec<PeriodReport>,
}

#[derive(Clone, Debug, Serialize)]
pub struct OrdersReport {
    pub placed: u64,
    pub delivered: u64,
    pub on_time: u64,
    pub late: u64,
    /// Orders that waited for stock at some point.
    pub backordered: u64,
    /// Lost sales plus parcels lost in transit.
    pub lost: u64,
    pub lost_sales: u64,
    pub lost_in_transit: u64,
    pub open: u64,
    pub multichannel: u64,
}

#[derive(Clone, Debug, Serialize)]
pub struct ServiceReport {
    pub fill_rate: f64,
    pub on_time_rate: f64,
    pub mean_lead_time_h: f64,
    pub p95_lead_time_h: f64,
}

#[derive(Clone, Debug, Serialize)]
pub struct CostReport {
    pub transport: f64,
    pub handling: f64,
    pub holding: f64,
    pub labour: f64,
    pub backorder: f64,
    pub lost_sales: f64,
    pub total: f64,
    pub per_package: f64,
    pub labour_hours: f64,
}

#[derive(Clone, Debug, Serialize)]
pub struct EmissionsReport {
    pub co2e_kg: f64,
    pub co2e_g_per_package: f64,
    pub net_zero_share: f64,
}

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
}

#[derive(Clone, Debug, Serialize)]
pub struct LaneReport {
    pub from: String,
    pub to: String,
    pub mode: crate::emissions::Mode,
    pub trips: u64,
    pub units: u64,
    pub km: f64,
    pub cost: f64,
    pub co2e_kg: f64,
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

/// A cheap snapshot for the live UI.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Kpis {
    pub time: u64,
    pub orders_placed: u64,
    pub orders_delivered: u64,
    pub orders_on_time: u64,
    pub fill_rate: f64,
    pub on_time_rate: f64,
    pub mean_lead_time_h: f64,
    pub cost_per_package: f64,
    pub co2e_g_per_package: f64,
    pub on_hand: u64,
    pub in_transit: u64,
    pub backlog: u64,
    /// Share of parcel legs on tailpipe-zero modes, 0..=1.
    pub net_zero_share: f64,
    /// Warehouse labour hours so far.
    pub labour_hours: f64,
}

fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 { a / b } else { 0.0 }
}

impl Engine {
    /// Unit balance from the counters (O(1)).
    pub fn conservation(&self) -> Conservation {
        let t = &self.t;
        Conservation {
            supplied: t.supplied,
            on_hand: t.stock + t.at_fc,
            in_transit: t.in_vehicles + t.in_shipments + t.at_crossdock,
            delivered: t.delivered_units,
            lost: t.lost_units,
        }
    }

    /// Unit balance recomputed from the state itself (stock arrays, live
    /// orders, vehicles, shipments): what the conservation tests compare
    /// against [`Engine::conservation`].
    pub fn audit(&self) -> Conservation {
        use crate::engine::AuditOrderState as S;
        let stock: u64 = self.on_hand.iter().map(|&u| u as u64).sum();
        let (mut at_fc, mut at_dock) = (0u64, 0u64);
        for (kind, units) in self.live_orders() {
            match kind {
                S::AtFc => at_fc += units,
                S::AtCrossdock => at_dock += units,
                S::Other => {}
            }
        }
        let vehicles = self.vehicles_in_flight().map(|(_, u)| u).sum::<u64>();
        let ships = self.shipments_in_flight().map(|(_, u)| u).sum::<u64>();
        Conservation {
            supplied: self.t.supplied,
            on_hand: stock + at_fc,
            in_transit: vehicles + ships + at_dock,
            delivered: self.t.delivered_units,
            lost: self.t.lost_units,
        }
    }

    pub fn kpis(&self) -> Kpis {
        let t = &self.t;
        let c = self.conservation();
        let cost = self.cost_estimate();
        Kpis {
            time: self.now,
            orders_placed: t.placed,
            orders_delivered: t.delivered,
            orders_on_time: t.on_time,
            fill_rate: ratio(t.customer_units_filled as f64, t.customer_units as f64),
            on_time_rate: ratio(t.on_time as f64, t.delivered as f64),
            mean_lead_time_h: ratio(t.lead_sum_s, t.delivered as f64) / HOUR as f64,
            cost_per_package: ratio(cost, t.delivered as f64),
            co2e_g_per_package: ratio(t.co2e_kg * 1000.0, t.delivered as f64),
            on_hand: c.on_hand,
            in_transit: c.in_transit,
            backlog: self.fac.iter().map(|f| f.backlog_units).sum(),
            net_zero_share: ratio(t.net_zero_legs as f64, t.legs as f64),
            labour_hours: self.fac.iter().map(|f| f.labour_hours).sum(),
        }
    }

    /// Total cost with holding/backorder integrated to the last stock change
    /// (does not mutate; exact in [`Engine::report`]).
    fn cost_estimate(&self) -> f64 {
        let mut c = self.t.transport_cost + self.t.lost_sale_cost;
        for fs in &self.fac {
            c += fs.hold_cost
                + fs.backorder_cost
                + fs.handling_cost
                + fs.labour_hours * self.net.wage_per_hour;
        }
        c
    }

    fn lane_reports(&self) -> Vec<LaneReport> {
        self.net
            .lanes
            .iter()
            .zip(&self.lanes)
            .map(|(li, ls)| LaneReport {
                from: self.net.facilities[li.from].id.clone(),
                to: self.net.facilities[li.to].id.clone(),
                mode: li.mode,
                trips: ls.trips,
                units: ls.units,
                km: ls.km,
                cost: ls.cost,
                co2e_kg: ls.co2e_kg,
            })
            .collect()
    }

    /// The full report at the current time.
    pub fn report(&self) -> Report {
        // Integrate time-weighted areas to now on a copy of the accumulators.
        let now = self.now;
        let mut fac = self.fac.clone();
        for fs in &mut fac {
            fs.stock_touch(now);
            fs.wip_add(now, 0);
        }
        let t = &self.t;
        let elapsed = now.max(1) as f64;
        let wage = self.net.wage_per_hour;
        let holding: f64 = fac.iter().map(|f| f.hold_cost).sum();
        let backorder: f64 = fac.iter().map(|f| f.backorder_cost).sum();
        let handling: f64 = fac.iter().map(|f| f.handling_cost).sum();
        let labour_hours: f64 = fac.iter().map(|f| f.labour_hours).sum();
        let labour = labour_hours * wage;
        let total = t.transport_cost + handling + holding + labour + backorder + t.lost_sale_cost;
        let lost = t.lost_sales + t.lost_in_transit;
        let facilities = self
            .net
            .facilities
            .iter()
            .zip(&fac)
            .map(|(fi, fs)| {
                let stocking = fi.kind == FacilityKind::FulfillmentCenter;
                let open_s = if fi.shifts.is_empty() {
                    elapsed
                } else {
                    let per_day: u64 = fi.shifts.iter().map(|(a, b)| b - a).sum();
                    elapsed * per_day as f64 / DAY as f64
                };
                let server = fi.rate_per_s > 0.0 || fi.production_per_s > 0.0;
                let opt = |x: f64| if stocking { Some(x) } else { None };
                FacilityReport {
                    id: fi.id.clone(),
                    kind: fi.kind,
                    throughput_units: fs.throughput_units,
                    throughput_orders: fs.throughput_orders,
                    arrivals: fs.arrivals,
                    utilization: if server {
                        (fs.busy_s / open_s.max(1.0)).min(1.0)
                    } else {
                        0.0
                    },
                    mean_on_hand: fs.on_hand_area / elapsed,
                    mean_wip: fs.wip_area / elapsed,
                    mean_time_in_system_h: ratio(fs.sojourn_sum_s, fs.sojourn_n as f64)
                        / HOUR as f64,
                    fill_rate: if stocking && fs.demanded_units > 0 {
                        Some(fs.filled_units as f64 / fs.demanded_units as f64)
                    } else {
                        None
                    },
                    cycle_service_level: if stocking && fs.cycles > 0 {
                        Some(1.0 - fs.stockout_cycles as f64 / fs.cycles as f64)
                    } else {
                        None
                    },
                    demand_mean: opt(fs.demand.mean()),
                    demand_variance: opt(fs.demand.variance()),
                    orders_mean: opt(fs.ordered.mean()),
                    orders_variance: opt(fs.ordered.variance()),
                    holding_cost: fs.hold_cost,
                }
            })
            .collect();
        let mut prev = crate::engine::PeriodMark::default();
        let series = self
            .series_marks()
            .enumerate()
            .map(|(i, m)| {
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
            .collect();
        Report {
            scenario: self.net.name.clone(),
            seed: self.seed,
            days: now as f64 / DAY as f64,
            events: self.events,
            orders: OrdersReport {
                placed: t.placed,
                delivered: t.delivered,
                on_time: t.on_time,
                late: t.late,
                backordered: t.backordered,
                lost,
                lost_sales: t.lost_sales,
                lost_in_transit: t.lost_in_transit,
                open: t.placed - t.delivered - lost,
                multichannel: t.multichannel,
            },
            service: ServiceReport {
                fill_rate: ratio(t.customer_units_filled as f64, t.customer_units as f64),
                on_time_rate: ratio(t.on_time as f64, t.delivered as f64),
                mean_lead_time_h: ratio(t.lead_sum_s, t.delivered as f64) / HOUR as f64,
                p95_lead_time_h: to_hours(t.lead_hist.quantile(0.95)),
            },
            cost: CostReport {
                transport: t.transport_cost,
                handling,
                holding,
                labour,
                backorder,
                lost_sales: t.lost_sale_cost,
                total,
                per_package: ratio(total, t.delivered as f64),
                labour_hours,
            },
            emissions: EmissionsReport {
                co2e_kg: t.co2e_kg,
                co2e_g_per_package: ratio(t.co2e_kg * 1000.0, t.delivered as f64),
                net_zero_share: ratio(t.net_zero_legs as f64, t.legs as f64),
            },
            conservation: self.conservation(),
            transport: TransportReport {
                vehicle_trips: t.vehicle_trips,
                vehicle_km: t.vehicle_km,
            },
            facilities,
            lanes: self.lane_reports(),
            series,
        }
    }
}
