//! The discrete-event engine.
//!
//! State lives in dense vectors indexed by facility, lane, stocking slot × SKU,
//! order and vehicle ids; freed orders, vehicles and shipments go to free lists
//! and are reused, so the steady state allocates nothing per event.
//!
//! Aggregation keeps the event count low: one event per instant with new
//! orders, per vehicle trip, per lane timetable slot, per review and per
//! replenishment shipment. Facility servers (pick/pack, sort) are FIFO
//! deterministic-rate servers computed in closed form (completion = max(arrival,
//! server free) + work, skipping off-shift hours), so parcels need no
//! per-facility events: a parcel's ready time is known when it arrives, and the
//! lane's departure takes every parcel ready by then.
//!
//! Conservation: every unit supplied is on hand (FC stock or picked at an FC),
//! in transit (vehicle, shipment, or at a cross-dock), delivered, or lost;
//! [`Engine::audit`] recomputes the split from the state itself.
//!
//! # Model
//! - **Demand.** Each hour, each demand stream draws its order count (see
//!   [`crate::demand`]); orders get uniform arrival instants within the hour
//!   and one SKU each from the stream's mix.
//! - **FC assignment.** Candidates per zone are the FCs with a parcel route
//!   to it, sorted by the scenario's rule (nearest great-circle, or fastest
//!   planned transit). An order goes to the first candidate with the units on
//!   hand; if none has them it backorders at the first (or is a lost sale).
//! - **Facilities.** FCs pick and pack at `capacity_per_hour × automation`
//!   units/h inside their shifts; sortation centers and delivery stations
//!   handle `capacity_per_hour` parcels/h. Handling cost and labour hours are
//!   charged per unit (defaults in [`mod@crate::validate`]).
//! - **Lanes.** A parcel waits on the lane's dock until a departure: the
//!   timetable (every N hours, everything ready leaves, as many vehicles as
//!   needed), or a full vehicle (weight or volume) when `when_full`. A fleet
//!   limit makes departures wait for a returning vehicle (busy for the round
//!   trip); crowdsourced fleets vary by hour; drones can be grounded by
//!   weather (retry in an hour).
//! - **Last mile.** A vehicle to a zone drives to the centroid, tours the
//!   zone (Beardwood–Halton–Hammersley length 0.7124·√(n·πr²) for n stops,
//!   plus `stop_minutes` per stop), delivers its parcels evenly along the tour
//!   and returns; cost and CO2e count the round trip and the tour. Linehaul
//!   counts one way (backhaul assumed).
//! - **Replenishment.** Each FC × SKU policy reviews every `review_hours`;
//!   requests reach the source after `order_delay_hours`. Suppliers release
//!   after their production queue and lead time, ports on the next vessel
//!   (scheduled interval + normal ETA noise) plus dwell; an upstream FC ships
//!   from stock and owes the rest (FIFO with its customer backorders).
//!   Shipments are bulk: as many vehicles as the load needs, leaving at once.
//! - **Costs.** Transport per lane (per km, per unit, per tonne-km), handling
//!   and labour per unit, holding as value × annual rate integrated over time
//!   on hand, backorder per unit-day waiting, lost-sale penalty per unit.
//!   CO2e from [`crate::emissions`].

mod flow;
pub mod queue;
pub mod stats;
mod stock;

use crate::demand::DemandStream;
use crate::forecast::Forecast;
use crate::network::Network;
use crate::rng::{Rng, Stream};
use crate::scenario::FacilityKind;
use crate::time::{DAY, HOUR, SimTime};
use queue::{Departure, Ev, EventQueue};
use stats::{FacStats, Histogram};
use std::collections::VecDeque;

/// Where an order (parcel) is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum OrderState {
    Free,
    /// Waiting for stock at an FC.
    Backlogged,
    /// Picked (FC) or at a cross-dock, waiting for its next vehicle.
    AtNode,
    InVehicle,
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Order {
    pub placed: SimTime,
    pub deadline: SimTime,
    pub node_in: SimTime,
    pub ready: SimTime,
    pub units: u32,
    pub zone: u32,
    pub fc: u32,
    pub route: u32,
    pub leg: u16,
    pub state: OrderState,
    pub weight_kg: f32,
    pub volume_m3: f32,
}

/// A claim on an FC's stock waiting for receipts, served FIFO.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Claim {
    Order(u32),
    /// Replenishment owed to a downstream FC via `lane`.
    Transfer {
        lane: u32,
        units: u32,
    },
}

#[derive(Clone, Debug, Default)]
pub(crate) struct LaneState {
    pub buffer: VecDeque<u32>,
    pub buf_kg: f64,
    pub buf_m3: f64,
    pub trigger_pending: bool,
    pub busy_until: Vec<SimTime>,
    pub parcel: bool,
    pub trips: u64,
    pub units: u64,
    pub cost: f64,
    pub co2e_kg: f64,
    pub km: f64,
}

#[derive(Clone, Debug, Default)]
pub(crate) struct Vehicle {
    pub lane: u32,
    pub depart: SimTime,
    pub arrive: SimTime,
    pub units: u32,
    pub orders: Vec<u32>,
    pub active: bool,
}

/// A replenishment shipment (bulk, one per request or fill).
#[derive(Clone, Debug, Default)]
pub(crate) struct Shipment {
    pub lane: u32,
    pub lines: Vec<(u32, u32)>,
    pub units: u64,
    pub depart: SimTime,
    pub arrive: SimTime,
    /// Departed (counted in transit); false while at the source.
    pub active: bool,
}

#[derive(Clone, Debug, Default)]
pub(crate) struct Request {
    pub group: u32,
    pub lines: Vec<(u32, u32)>,
}

#[derive(Clone, Debug)]
pub(crate) struct ReviewGroup {
    pub fc: u32,
    pub source: u32,
    pub lane: u32,
    pub review_s: SimTime,
    pub order_delay_s: SimTime,
    pub policies: Vec<u32>,
}

#[derive(Clone, Debug)]
pub(crate) struct PolicyState {
    pub forecast: Forecast,
    pub demand_since_review: f64,
    /// Hot copies of the policy's fields, kept together for the review loop.
    pub ix: u32,
    pub sku: u32,
    pub rule: crate::network::RuleInfo,
    /// Base-stock, (s,S), (R,Q): the level does not depend on a forecast.
    pub fixed_level: bool,
}

/// System-wide counters.
#[derive(Clone, Debug, Default)]
pub(crate) struct Totals {
    pub placed: u64,
    pub multichannel: u64,
    pub delivered: u64,
    pub on_time: u64,
    pub late: u64,
    pub backordered: u64,
    pub lost_sales: u64,
    pub lost_in_transit: u64,
    pub customer_units: u64,
    pub customer_units_filled: u64,
    pub lead_sum_s: f64,
    pub lead_hist: Histogram,
    pub transport_cost: f64,
    pub lost_sale_cost: f64,
    pub co2e_kg: f64,
    pub legs: u64,
    pub net_zero_legs: u64,
    // Conservation counters (units).
    pub supplied: u64,
    pub stock: u64,
    pub at_fc: u64,
    pub at_crossdock: u64,
    pub in_vehicles: u64,
    pub in_shipments: u64,
    pub delivered_units: u64,
    pub lost_units: u64,
    pub vehicle_trips: u64,
    pub vehicle_km: f64,
}

/// One period of the time series.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct PeriodMark {
    pub placed: u64,
    pub delivered: u64,
    pub on_time: u64,
    pub customer_units: u64,
    pub filled: u64,
    pub cost: f64,
    pub co2e: f64,
}

/// The simulation. Construct with [`Engine::new`], advance with
/// [`Engine::run_until`] or [`Engine::step`], read with [`Engine::frame`],
/// [`Engine::kpis`] and [`Engine::report`].
#[derive(Clone, Debug)]
pub struct Engine {
    pub(crate) net: Network,
    pub(crate) seed: u64,
    pub(crate) now: SimTime,
    /// Latest time the current `run_until`/`step_until` call may reach.
    pub(crate) limit: SimTime,
    pub(crate) queue: EventQueue,
    pub(crate) events: u64,
    pub(crate) demand_mult: f64,
    pub(crate) rng_demand: Rng,
    pub(crate) rng_sku: Rng,
    pub(crate) rng_arrival: Rng,
    pub(crate) rng_weather: Rng,
    pub(crate) rng_vessel: Rng,
    pub(crate) rng_loss: Rng,
    pub(crate) draw_state: Vec<crate::demand::DrawState>,
    /// Orders drawn for the current hour: (time, zone stream, sku, multichannel).
    pub(crate) pending: Vec<(SimTime, u32, u32, bool)>,
    pub(crate) pending_pos: usize,
    pub(crate) orders: Vec<Order>,
    pub(crate) free_orders: Vec<u32>,
    pub(crate) fac: Vec<FacStats>,
    pub(crate) n_sku: usize,
    pub(crate) on_hand: Vec<u32>,
    pub(crate) on_order: Vec<u64>,
    pub(crate) backlog: Vec<VecDeque<Claim>>,
    pub(crate) backlog_units: Vec<u64>,
    pub(crate) stockout_flag: Vec<bool>,
    pub(crate) flagged: Vec<u32>,
    pub(crate) inv_policy: Vec<u32>,
    /// Number of SKUs with a policy per stocking slot.
    pub(crate) policies_at: Vec<u64>,
    pub(crate) groups: Vec<ReviewGroup>,
    pub(crate) pol: Vec<PolicyState>,
    pub(crate) lanes: Vec<LaneState>,
    pub(crate) vehicles: Vec<Vehicle>,
    pub(crate) free_vehicles: Vec<u32>,
    pub(crate) shipments: Vec<Shipment>,
    pub(crate) free_shipments: Vec<u32>,
    pub(crate) requests: Vec<Request>,
    pub(crate) free_requests: Vec<u32>,
    pub(crate) t: Totals,
    pub(crate) series: Vec<PeriodMark>,
    pub(crate) mark: PeriodMark,
}

const NONE: u32 = u32::MAX;

impl Engine {
    /// A fresh run of `network` with `seed`, at time 0.
    pub fn new(network: Network, seed: u64) -> Engine {
        let net = network;
        let n_sku = net.products.len();
        let nfc = net.fcs.len();
        let nf = net.facilities.len();
        let inv_len = nfc * n_sku;
        let mut e = Engine {
            seed,
            now: 0,
            limit: SimTime::MAX,
            queue: EventQueue::default(),
            events: 0,
            demand_mult: 1.0,
            rng_demand: Rng::fork(seed, Stream::Demand, 0),
            rng_sku: Rng::fork(seed, Stream::Sku, 0),
            rng_arrival: Rng::fork(seed, Stream::Arrival, 0),
            rng_weather: Rng::fork(seed, Stream::Weather, 0),
            rng_vessel: Rng::fork(seed, Stream::Vessel, 0),
            rng_loss: Rng::fork(seed, Stream::Loss, 0),
            draw_state: vec![crate::demand::DrawState::default(); net.demand.len()],
            pending: Vec::new(),
            pending_pos: 0,
            orders: Vec::new(),
            free_orders: Vec::new(),
            fac: vec![FacStats::default(); nf],
            n_sku,
            on_hand: vec![0; inv_len],
            on_order: vec![0; inv_len],
            backlog: vec![VecDeque::new(); inv_len],
            backlog_units: vec![0; inv_len],
            stockout_flag: vec![false; inv_len],
            flagged: Vec::new(),
            inv_policy: vec![NONE; inv_len],
            policies_at: vec![0; nfc],
            groups: Vec::new(),
            pol: Vec::new(),
            lanes: vec![LaneState::default(); net.lanes.len()],
            vehicles: Vec::new(),
            free_vehicles: Vec::new(),
            shipments: Vec::new(),
            free_shipments: Vec::new(),
            requests: Vec::new(),
            free_requests: Vec::new(),
            t: Totals::default(),
            series: Vec::new(),
            mark: PeriodMark::default(),
            net,
        };
        e.init();
        e
    }

    fn init(&mut self) {
        // Lanes used by parcel routes run a timetable.
        for r in &self.net.routes {
            for &l in r {
                self.lanes[l as usize].parcel = true;
            }
        }
        for (i, l) in self.net.lanes.iter().enumerate() {
            if let Some(v) = l.vehicles {
                self.lanes[i].busy_until = vec![0; v as usize];
            }
            if self.lanes[i].parcel
                && let Some(_every) = l.every_s
            {
                self.queue
                    .push(l.offset_s, Ev::Dispatch(i as u32, Departure::Timetable));
            }
        }
        // Ports: first vessel.
        for f in 0..self.net.facilities.len() {
            if self.net.facilities[f].kind == FacilityKind::Port {
                self.fac[f].vessel_at = self.vessel_time(f, 0);
            }
        }
        // Policies: initial stock, pipeline, review groups.
        let n_sku = self.n_sku;
        for (pi, p) in self.net.policies.iter().enumerate() {
            let slot = self.net.fc_slot[p.fc].unwrap_or(0) as usize;
            let ix = slot * n_sku + p.sku;
            self.inv_policy[ix] = pi as u32;
            self.policies_at[slot] += 1;
            use crate::network::RuleInfo as R;
            self.pol.push(PolicyState {
                forecast: Forecast::new(p.forecast, p.expected_per_period, p.variance_per_period),
                demand_since_review: 0.0,
                ix: ix as u32,
                sku: p.sku as u32,
                rule: p.rule,
                fixed_level: matches!(p.rule, R::BaseStock { .. } | R::SS { .. } | R::RQ { .. }),
            });
            let g = match self.groups.iter().position(|g| {
                g.fc == p.fc as u32
                    && g.source == p.source as u32
                    && g.lane == p.lane as u32
                    && g.review_s == p.review_s
                    && g.order_delay_s == p.order_delay_s
            }) {
                Some(g) => g,
                None => {
                    self.groups.push(ReviewGroup {
                        fc: p.fc as u32,
                        source: p.source as u32,
                        lane: p.lane as u32,
                        review_s: p.review_s,
                        order_delay_s: p.order_delay_s,
                        policies: Vec::new(),
                    });
                    self.groups.len() - 1
                }
            };
            self.groups[g].policies.push(pi as u32);
        }
        for pi in 0..self.net.policies.len() {
            let p = &self.net.policies[pi];
            let (fc, sku, lane, init, pipe, review_s, lead) = (
                p.fc,
                p.sku,
                p.lane,
                p.initial_stock,
                p.initial_in_transit,
                p.review_s,
                p.lead_time_s,
            );
            if init > 0 {
                self.t.supplied += init as u64;
                self.receive(fc, sku, init);
            }
            if pipe > 0 {
                // One shipment per review period of lead time, arriving k·R from now.
                let k_max = lead.div_ceil(review_s.max(1));
                for k in 1..=k_max {
                    let s = self.new_shipment(lane as u32, 0, k * review_s);
                    self.shipments[s as usize].lines.push((sku as u32, pipe));
                    self.shipments[s as usize].units = pipe as u64;
                    let slot = self.net.fc_slot[fc].unwrap_or(0) as usize;
                    self.on_order[slot * n_sku + sku] += pipe as u64;
                    self.t.supplied += pipe as u64;
                    self.depart_shipment(s, 0, k * review_s);
                }
            }
        }
        for g in 0..self.groups.len() {
            let r = self.groups[g].review_s;
            self.queue.push(r, Ev::Review(g as u32));
        }
        if !self.net.demand.is_empty() {
            self.queue.push(0, Ev::DemandHour);
        }
        self.queue.push(self.net.period_s, Ev::PeriodEnd);
    }

    /// Current simulation time, seconds since Monday 00:00.
    pub fn now(&self) -> SimTime {
        self.now
    }

    /// Events processed so far.
    pub fn events(&self) -> u64 {
        self.events
    }

    pub fn network(&self) -> &Network {
        &self.net
    }

    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// Scale all future demand (the UI's demand slider). Clamped to [0, 100].
    pub fn set_demand_multiplier(&mut self, m: f64) {
        self.demand_mult = if m.is_finite() {
            m.clamp(0.0, 100.0)
        } else {
            1.0
        };
    }

    pub fn demand_multiplier(&self) -> f64 {
        self.demand_mult
    }

    /// Process every event up to and including time `t`, then set the clock to `t`.
    pub fn run_until(&mut self, t: SimTime) {
        self.limit = t;
        while let Some(et) = self.queue.peek_time() {
            if et > t {
                break;
            }
            self.step_one();
        }
        if t > self.now {
            self.now = t;
        }
    }

    /// Process at most `max_events` events (the UI's per-frame budget);
    /// returns how many ran.
    pub fn step(&mut self, max_events: usize) -> usize {
        self.limit = SimTime::MAX;
        let mut n = 0;
        while n < max_events && !self.queue.is_empty() {
            self.step_one();
            n += 1;
        }
        n
    }

    /// Process at most `max_events` events no later than `t`; returns how many ran.
    /// The clock moves to `t` only when everything up to `t` is done.
    pub fn step_until(&mut self, t: SimTime, max_events: usize) -> usize {
        self.limit = t;
        let mut n = 0;
        while n < max_events {
            match self.queue.peek_time() {
                Some(et) if et <= t => {
                    self.step_one();
                    n += 1;
                }
                _ => {
                    if t > self.now {
                        self.now = t;
                    }
                    break;
                }
            }
        }
        n
    }

    /// Time of the next pending event.
    pub fn next_event_time(&self) -> Option<SimTime> {
        self.queue.peek_time()
    }

    fn step_one(&mut self) {
        let Some((t, ev)) = self.queue.pop() else {
            return;
        };
        debug_assert!(t >= self.now);
        self.now = t;
        self.events += 1;
        match ev {
            Ev::DemandHour => self.on_demand_hour(),
            Ev::Orders => self.on_orders(),
            Ev::Dispatch(l, why) => self.on_dispatch(l, why),
            Ev::VehicleArrive(v) => self.on_vehicle_arrive(v),
            Ev::Review(g) => self.on_review(g),
            Ev::Request(r) => self.on_request(r),
            Ev::Release(s) => self.on_release(s),
            Ev::ShipmentArrive(s) => self.on_shipment_arrive(s),
            Ev::PeriodEnd => self.on_period_end(),
        }
    }

    /// Index into the stocking arrays.
    #[inline]
    pub(crate) fn ix(&self, fc: usize, sku: usize) -> usize {
        self.net.fc_slot[fc].unwrap_or(0) as usize * self.n_sku + sku
    }

    /// FIFO deterministic server at facility `f`: work starts no earlier than
    /// `t` or when the server frees, runs only inside shifts. Returns the finish time.
    pub(crate) fn serve(&mut self, f: usize, t: SimTime, work_s: SimTime) -> SimTime {
        let work_s = work_s.min(crate::time::MAX_DURATION);
        let start = t.max(self.fac[f].next_free).min(crate::time::NEVER);
        let finish = finish_in_shifts(&self.net.facilities[f].shifts, start, work_s);
        self.fac[f].next_free = finish;
        self.fac[f].busy_s += work_s as f64;
        finish
    }

    /// Arrival time of vessel `k` at port `f`: nominal k·interval + N(0, sd),
    /// never before the previous vessel.
    pub(crate) fn vessel_time(&mut self, f: usize, k: u64) -> SimTime {
        let fi = &self.net.facilities[f];
        let nominal = (k + 1) as f64 * fi.vessel_interval_s as f64;
        let noise = fi.eta_sd_s * crate::sample::std_normal(&mut self.rng_vessel);
        let t = libm::round((nominal + noise).clamp(0.0, crate::time::NEVER as f64)) as SimTime;
        t.max(self.fac[f].vessel_at)
    }

    fn on_period_end(&mut self) {
        let now = self.now;
        // The period that just ended started at now − period.
        let counted = now - self.net.period_s >= self.net.warmup_s;
        for slot in 0..self.net.fcs.len() {
            let f = self.net.fcs[slot] as usize;
            let with_policy = self.policies_at[slot];
            let fs = &mut self.fac[f];
            if counted {
                fs.demand.push(fs.period_demand);
                fs.ordered.push(fs.period_ordered);
                fs.cycles += with_policy;
                fs.stockout_cycles += fs.stockouts_this_period;
            }
            fs.period_demand = 0.0;
            fs.period_ordered = 0.0;
            fs.stockouts_this_period = 0;
        }
        for &ix in &self.flagged {
            self.stockout_flag[ix as usize] = false;
        }
        self.flagged.clear();
        let p = self.net.period_s as f64;
        for fs in &mut self.fac {
            fs.last_utilisation = ((fs.busy_s - fs.busy_at_period_start) / p).min(1.0);
            fs.busy_at_period_start = fs.busy_s;
        }
        let cost = self.total_cost_now();
        let m = PeriodMark {
            placed: self.t.placed,
            delivered: self.t.delivered,
            on_time: self.t.on_time,
            customer_units: self.t.customer_units,
            filled: self.t.customer_units_filled,
            cost,
            co2e: self.t.co2e_kg,
        };
        self.series.push(m);
        self.mark = m;
        self.queue.push(now + self.net.period_s, Ev::PeriodEnd);
    }

    pub(crate) fn stream(&self, i: usize) -> &DemandStream {
        &self.net.demand[i]
    }
}

/// Finish time of `work` seconds of work starting at `start`, counting only
/// time inside the daily `shifts` (empty = always open).
pub fn finish_in_shifts(shifts: &[(SimTime, SimTime)], start: SimTime, work: SimTime) -> SimTime {
    if shifts.is_empty() || work == 0 {
        return start + work;
    }
    let per_day: SimTime = shifts.iter().map(|(a, b)| b - a).sum();
    let mut t = start;
    let mut left = work;
    // Skip whole days at once for very long backlogs.
    if per_day > 0 && left > 2 * per_day {
        let days = left / per_day - 1;
        t += days * DAY;
        left -= days * per_day;
    }
    loop {
        let day0 = t - t % DAY;
        let tod = t % DAY;
        let mut advanced = false;
        for &(a, b) in shifts {
            if tod < b {
                let s = tod.max(a);
                let avail = b - s;
                if left <= avail {
                    return day0 + s + left;
                }
                left -= avail;
                t = day0 + b;
                advanced = true;
                break;
            }
        }
        if !advanced || t % DAY >= shifts.last().map(|s| s.1).unwrap_or(DAY) {
            t = day0 + DAY;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shifts_skip_closed_hours() {
        let sh = [(6 * HOUR, 14 * HOUR), (15 * HOUR, 22 * HOUR)];
        assert_eq!(finish_in_shifts(&sh, 7 * HOUR, HOUR), 8 * HOUR);
        assert_eq!(finish_in_shifts(&sh, 13 * HOUR, 2 * HOUR), 16 * HOUR);
        assert_eq!(finish_in_shifts(&sh, 23 * HOUR, HOUR), DAY + 7 * HOUR);
        assert_eq!(finish_in_shifts(&sh, 0, 15 * HOUR), 22 * HOUR);
        assert_eq!(finish_in_shifts(&sh, 0, 16 * HOUR), DAY + 7 * HOUR);
        // Long backlog: 10 working days of 15 h.
        assert_eq!(finish_in_shifts(&sh, 0, 150 * HOUR), 9 * DAY + 22 * HOUR);
        assert_eq!(finish_in_shifts(&[], 5, 10), 15);
    }
}

/// Where a live order's units are, for [`Engine::audit`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AuditOrderState {
    AtFc,
    AtCrossdock,
    Other,
}

impl Engine {
    /// Live orders with the place their units count.
    pub(crate) fn live_orders(&self) -> impl Iterator<Item = (AuditOrderState, u64)> + '_ {
        self.orders
            .iter()
            .filter(|o| o.state != OrderState::Free)
            .map(|o| {
                let s = match o.state {
                    OrderState::AtNode if o.leg == 0 => AuditOrderState::AtFc,
                    OrderState::AtNode => AuditOrderState::AtCrossdock,
                    _ => AuditOrderState::Other,
                };
                (s, o.units as u64)
            })
    }

    /// Parcel vehicles on the road: ((lane, depart, arrive), units).
    pub(crate) fn vehicles_in_flight(
        &self,
    ) -> impl Iterator<Item = ((u32, SimTime, SimTime), u64)> + '_ {
        self.vehicles
            .iter()
            .filter(|v| v.active)
            .map(|v| ((v.lane, v.depart, v.arrive), v.units as u64))
    }

    /// Replenishment shipments on the road: ((lane, depart, arrive), units).
    pub(crate) fn shipments_in_flight(
        &self,
    ) -> impl Iterator<Item = ((u32, SimTime, SimTime), u64)> + '_ {
        self.shipments
            .iter()
            .filter(|s| s.active)
            .map(|s| ((s.lane, s.depart, s.arrive), s.units))
    }

    pub(crate) fn series_marks(&self) -> impl Iterator<Item = PeriodMark> + '_ {
        self.series.iter().copied()
    }
}
