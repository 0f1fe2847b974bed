//! Customer orders: where each open order is, its promise, and which FC
//! serves it.
//!
//! FC choice is pluggable: each zone's candidates (FCs with a parcel route to
//! it) are sorted by the scenario's rule (nearest great-circle, or fastest
//! planned transit). An order goes to the first candidate with the units on
//! hand; if none has them it waits at the first (or is a lost sale).

use super::breakdown::Keys;
use super::ledger::Ledger;
use super::pool::{Pool, Slot};
use super::sites::Sites;
use super::stock::Stock;
use crate::channels;
use crate::defaults::SAME_DAY_CUTOFF_HOUR;
use crate::network::Network;
use crate::scenario::Promise;
use crate::time::{DAY, HOUR, SimTime};

/// Where an open order's parcel is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum OrderState {
    /// Waiting for stock at its FC.
    #[default]
    Backlogged,
    /// Picked (at its FC) or at a cross-dock, waiting for its next vehicle.
    AtNode,
    InVehicle,
    /// Delivered or lost: the record is free.
    Closed,
}

impl Slot for Order {
    fn in_use(&self) -> bool {
        self.state != OrderState::Closed
    }
}

#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Order {
    pub placed: SimTime,
    pub deadline: SimTime,
    /// When its parcel entered the node it is at.
    pub since: SimTime,
    pub units: u32,
    pub zone: u32,
    pub fc: u32,
    pub route: u32,
    /// Index of the lane it is on or waiting for, along its route.
    pub leg: u16,
    pub state: OrderState,
    /// The parcel's weight and volume: its box's if it is boxed.
    pub weight_kg: f32,
    pub volume_m3: f32,
    /// Its box in the scenario's set (`None`: shipped as it is).
    pub box_ix: Option<u8>,
    /// Its items' volume, m³.
    pub items_m3: f32,
    /// Its place among the run's orders (0-based), by which it is traced.
    pub serial: u64,
    /// Its SKU's ABC class (0 = A) and its channel
    /// ([`crate::channels`]), for the breakdowns.
    pub class: u8,
    pub channel: u8,
    /// Its stock is a marketplace seller's (shipping it earns a fee).
    pub seller: bool,
    /// Its stock's replenishment legs and its own legs so far all ran on
    /// net-zero modes (set when its stock is taken).
    pub net_zero: bool,
}

impl Order {
    /// The breakdown slices it counts in.
    pub fn keys(&self) -> Keys {
        Keys {
            zone: self.zone,
            class: self.class,
            channel: self.channel,
        }
    }
}

/// The FC chosen for an order.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Assignment {
    pub fc: u32,
    pub route: u32,
    /// The FC has the units on hand (and nobody waiting before this order).
    pub in_stock: bool,
}

/// Orders counted by the day their promise ends: how many are open and the
/// sum of their placing times (so their ages sum in O(days)); and how many
/// were ever due then, and how many of those were delivered by it.
#[derive(Clone, Copy, Debug, Default)]
struct DueDay {
    open: u64,
    placed_sum: u64,
    due: u64,
    on_time: u64,
}

/// The open orders whose promise has passed undelivered.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Overdue {
    pub count: u64,
    /// Sum of their ages now, seconds (each is a lower bound of its lead time).
    pub age_sum_s: f64,
}

#[derive(Clone, Debug, Default)]
pub(crate) struct Orders {
    pool: Pool<Order>,
    /// Index: the deadline's day (deadlines are midnights).
    due: Vec<DueDay>,
}

/// Latest on-time delivery for an order of `channel` placed at `placed` in
/// zone `zone`: midnight at the end of the promised day (the zone's
/// promise, or the multi-channel promise for a multi-channel order).
pub(crate) fn deadline(net: &Network, zone: usize, channel: u8, placed: SimTime) -> SimTime {
    let day = placed / DAY;
    let hour = (placed % DAY) / HOUR;
    let zone_promise = net.facilities[zone].zone.promise;
    let promise = match net.channels.multichannel_promise {
        Some(p) if channel == channels::MULTICHANNEL => Some(p),
        _ => zone_promise,
    };
    let days = match promise {
        Some(Promise::SameDay) => u64::from(hour >= SAME_DAY_CUTOFF_HOUR),
        Some(Promise::NextDay) | None => 1,
        Some(Promise::TwoDay) => 2,
    };
    (day + days + 1) * DAY
}

/// What the FC choice asks of an order.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Want {
    pub zone: usize,
    pub sku: usize,
    pub units: u32,
    pub kg: f64,
    pub now: SimTime,
    pub deadline: SimTime,
}

/// The FC for an order. Each candidate's estimated delivery is when the
/// units are there (now if on hand, else its replenishment lead time), then
/// its pick queue, then the route's planned time; an FC that cannot pick,
/// or has no stock coming, is not chosen while another can serve.
/// Among the candidates that can meet the promise: with no weights, the
/// first in the scenario's order of preference; with weights, the lowest
/// weighted sum of hours to delivery, transport £ and kg CO2e. If none can
/// meet it, the one that would deliver soonest.
pub(crate) fn assign(net: &Network, stock: &Stock, sites: &Sites, w: Want) -> Assignment {
    let weights = net.routing.weights;
    let mut soonest: Option<(SimTime, u32, u32)> = None;
    let mut best: Option<(f64, u32, u32)> = None;
    for &(fc, route) in &net.routing.candidates[w.zone] {
        let Some(wait) = stock.wait_for(net, fc as usize, w.sku, w.units) else {
            continue;
        };
        let ready = sites.pick_estimate(net, fc as usize, w.units, w.now.saturating_add(wait));
        let eta = ready.saturating_add(net.routing.planned_s[route as usize]);
        if eta <= w.deadline {
            if weights.is_zero() {
                best = Some((0.0, fc, route));
                break;
            }
            let score = score(net, &w, eta, route);
            if best.is_none_or(|b| score < b.0) {
                best = Some((score, fc, route));
            }
        } else if soonest.is_none_or(|s| eta < s.0) {
            soonest = Some((eta, fc, route));
        }
    }
    let chosen = best
        .map(|(_, fc, r)| (fc, r))
        .or(soonest.map(|(_, fc, r)| (fc, r)));
    let (fc, route) = chosen.unwrap_or(net.routing.candidates[w.zone][0]);
    let in_stock = stock.can_serve(net, fc as usize, w.sku, w.units);
    Assignment {
        fc,
        route,
        in_stock,
    }
}

/// The weighted cost of delivering `w` at `eta` by `route`.
fn score(net: &Network, w: &Want, eta: SimTime, route: u32) -> f64 {
    let (k, rate) = (net.routing.weights, net.routing.per_kg[route as usize]);
    let hours = (eta - w.now) as f64 / HOUR as f64;
    let gbp = rate.gbp_per_kg * w.kg + rate.gbp_per_unit * w.units as f64;
    k.hours * hours + k.gbp * gbp + k.co2e_kg * rate.co2e_kg_per_kg * w.kg
}

impl Orders {
    pub fn open(&mut self, o: Order) -> u32 {
        let id = self.pool.alloc();
        self.pool[id] = o;
        let d = self.due_day(o.deadline);
        d.open += 1;
        d.placed_sum += o.placed;
        d.due += 1;
        id
    }

    fn due_day(&mut self, deadline: SimTime) -> &mut DueDay {
        let day = (deadline / DAY) as usize;
        if self.due.len() <= day {
            self.due.resize(day + 1, DueDay::default());
        }
        &mut self.due[day]
    }

    /// An order lost at once (a lost sale) was due at `deadline` too.
    pub fn lost_at_once(&mut self, deadline: SimTime) {
        self.due_day(deadline).due += 1;
    }

    /// Per promise end (midnight, `(day + 1) · DAY` for index `day`): the
    /// orders due then and how many were delivered by it.
    pub fn due_by_day(&self) -> impl Iterator<Item = (u64, u64)> + '_ {
        self.due.iter().skip(1).map(|d| (d.due, d.on_time))
    }

    /// Orders open now (placed, neither delivered nor lost).
    pub fn open_count(&self) -> u64 {
        self.due.iter().map(|d| d.open).sum()
    }

    /// Open orders whose promise ended before `now`.
    pub fn overdue(&self, now: SimTime) -> Overdue {
        // Deadline day d ends the promise at d·DAY; overdue once now > d·DAY.
        let days = now.div_ceil(DAY) as usize;
        let mut out = Overdue::default();
        for d in self.due.iter().take(days) {
            out.count += d.open;
            out.age_sum_s += (d.open * now - d.placed_sum) as f64;
        }
        out
    }

    /// Ages now of the overdue open orders, seconds (for percentiles).
    pub fn overdue_ages(&self, now: SimTime) -> impl Iterator<Item = SimTime> + '_ {
        self.pool
            .live()
            .filter(move |o| o.deadline < now)
            .map(move |o| now - o.placed)
    }

    /// The overdue open orders' breakdown slices and ages now, seconds.
    pub fn overdue_keys(&self, now: SimTime) -> impl Iterator<Item = (Keys, SimTime)> + '_ {
        self.pool
            .live()
            .filter(move |o| o.deadline < now)
            .map(move |o| (o.keys(), now - o.placed))
    }

    pub fn get(&self, id: u32) -> &Order {
        &self.pool[id]
    }

    /// Its parcel is packed or sorted and waits for a vehicle.
    pub fn at_node(&mut self, id: u32) {
        self.pool[id].state = OrderState::AtNode;
    }

    /// Its parcel left a node on a vehicle; returns when it had entered
    /// it, and its units.
    pub fn loaded(&mut self, id: u32) -> (SimTime, u32) {
        let o = &mut self.pool[id];
        o.state = OrderState::InVehicle;
        (o.since, o.units)
    }

    /// The parcel reached a cross-dock at `now`: it is now on its next leg.
    /// Returns the lane it waits for.
    pub fn next_leg(&mut self, net: &Network, id: u32, now: SimTime) -> u32 {
        let o = &mut self.pool[id];
        o.since = now;
        o.leg += 1;
        o.state = OrderState::AtNode;
        net.routing.routes[o.route as usize][o.leg as usize]
    }

    /// Delivered at `at`: counted and closed. Returns (zone, units).
    /// Order `id`'s stock is taken: `net_zero` if it came by net-zero legs.
    pub fn stock_taken(&mut self, id: u32, net_zero: bool) {
        self.pool[id].net_zero = net_zero;
    }

    /// Order `id`'s parcel finished a leg on a mode that is `net_zero` or not.
    pub fn leg_done(&mut self, id: u32, net_zero: bool) {
        self.pool[id].net_zero &= net_zero;
    }

    pub fn deliver(&mut self, ledger: &mut Ledger, id: u32, at: SimTime) -> (usize, u32) {
        let o = self.pool[id];
        let on_time = at <= o.deadline;
        ledger.delivered(at.saturating_sub(o.placed), on_time, o.units);
        self.due[(o.deadline / DAY) as usize].on_time += u64::from(on_time);
        ledger.shipment_done(o.net_zero);
        self.close(id);
        (o.zone as usize, o.units)
    }

    /// No vehicle can carry it on: closed (the ledger counts it).
    pub fn drop_unshippable(&mut self, id: u32) {
        self.close(id);
    }

    /// Lost or damaged in transit: counted and closed.
    pub fn lose(&mut self, ledger: &mut Ledger, id: u32) {
        ledger.lost_in_transit(self.pool[id].units);
        self.close(id);
    }

    fn close(&mut self, id: u32) {
        let o = &mut self.pool[id];
        o.state = OrderState::Closed;
        let d = &mut self.due[(o.deadline / DAY) as usize];
        d.open -= 1;
        d.placed_sum -= o.placed;
        self.pool.release(id);
    }

    /// Units of open orders (picked at an FC, at a cross-dock), recomputed
    /// from the orders themselves for the conservation audit.
    pub fn units_at_nodes(&self) -> (u64, u64) {
        let (mut at_fc, mut at_dock) = (0, 0);
        for o in self.pool.live() {
            if o.state == OrderState::AtNode {
                if o.leg == 0 {
                    at_fc += o.units as u64;
                } else {
                    at_dock += o.units as u64;
                }
            }
        }
        (at_fc, at_dock)
    }
}
