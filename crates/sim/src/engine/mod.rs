//! The discrete-event engine: a clock, an event queue and one mechanic per
//! concern, each owning its state.
//!
//! | mechanic | owns |
//! |---|---|
//! | [`arrivals`] | demand draws and the current hour's order instants |
//! | [`orders`] | open orders, their promise and FC choice |
//! | [`sites`] | facility servers (pick/pack, cross-dock, supplier and port release) and flow statistics |
//! | [`lanes`] | docks, fleets, dispatch, parcel trips and the last mile |
//! | [`stock`] | FC stock, backlogs, reviews, requests and shipments |
//! | [`ledger`] | order outcomes, transport, the unit balance, lane accounts, period marks |
//! | `market` | each zone's demand multiplier against the competitor |
//!
//! A mechanic's state is private to its module. Handlers get a [`Ctx`]: the
//! network, the time, the event queue and the ledger. Mechanics never call
//! one another: where one event touches several (an order is placed, a
//! vehicle unloads, stock arrives for waiting orders), the dispatch below
//! passes one mechanic's return value to the next.
//!
//! Aggregation keeps the event count low: one event per instant with new
//! orders, per vehicle trip, per lane timetable slot, per review and per
//! replenishment shipment.
//!
//! Conservation: every unit supplied is on hand (FC stock or picked at an
//! FC), in transit (vehicle, shipment, or at a cross-dock), delivered, or
//! lost; [`Engine::audit`] recomputes the split from the state itself.
//!
//! Costs: transport per lane (per load-unit km, per unit), handling per
//! unit, labour per rostered head-hour (`crew`), facilities' fixed cost per
//! day, holding as value × annual rate integrated over time on hand,
//! backorder per unit-day waiting, lost-sale penalty per unit. CO2e from
//! [`crate::emissions`].

mod arrivals;
pub(crate) mod breakdown;
mod crew;
pub(crate) mod lanes;
pub(crate) mod ledger;
mod lineage;
mod market;
pub(crate) mod orders;
mod pool;
pub(crate) mod queue;
pub(crate) mod sites;
pub(crate) mod stats;
pub(crate) mod stock;
mod trace;

pub use sites::finish_in_shifts;

use crate::network::Network;
use crate::packaging;
use crate::scenario::{FacilityKind, StockoutRule};
use crate::time::{HOUR, SimTime};
use arrivals::{Arrivals, NewOrder};
use lanes::{Lanes, Parcel};
use ledger::Ledger;
use orders::{Order, Orders};
use queue::{Departure, Ev, EventQueue};
use sites::Sites;
use stock::Stock;
use trace::Tracer;
pub use trace::{Loss, Step, TraceEvent};

/// What an event handler may see and touch besides its own mechanic.
pub(crate) struct Ctx<'a> {
    pub net: &'a Network,
    pub now: SimTime,
    pub queue: &'a mut EventQueue,
    pub ledger: &'a mut Ledger,
}

/// The simulation. Construct with [`Engine::new`], advance with
/// [`Engine::run_until`] or [`Engine::step`], read with [`Engine::frame`],
/// [`Engine::kpis`] and [`Engine::report`].
#[derive(Clone, Debug)]
pub struct Engine {
    net: Network,
    seed: u64,
    now: SimTime,
    /// Latest time the current `run_until`/`step_until` call may reach.
    limit: SimTime,
    events: u64,
    /// When the figures count from: the end of the warm-up once it is over.
    measured_from: SimTime,
    queue: EventQueue,
    ledger: Ledger,
    arrivals: Arrivals,
    orders: Orders,
    sites: Sites,
    lanes: Lanes,
    stock: Stock,
    /// Order outcomes by zone, SKU class and channel.
    breakdown: breakdown::Breakdown,
    /// Each zone's demand against the competitor.
    market: market::Market,
    /// Scratch: orders whose stock just arrived, to pick.
    released: Vec<stock::Released>,
    /// Orders placed so far: the next order's serial number.
    placed: u64,
    /// The order being tracked, if one is.
    trace: Option<Box<Tracer>>,
}

/// Borrow the context for a handler from the engine's fields.
macro_rules! ctx {
    ($e:ident) => {
        &mut Ctx {
            net: &$e.net,
            now: $e.now,
            queue: &mut $e.queue,
            ledger: &mut $e.ledger,
        }
    };
}

impl Engine {
    /// A fresh run of `network` with `seed`, at time 0.
    pub fn new(net: Network, seed: u64) -> Engine {
        let mut queue = EventQueue::default();
        let mut ledger = Ledger::new(net.lanes.len());
        let facilities = net.facilities.len();
        let lanes = Lanes::new(&net, seed, &mut queue);
        let sites = Sites::new(&net, seed);
        let stock = Stock::new(
            &mut Ctx {
                net: &net,
                now: 0,
                queue: &mut queue,
                ledger: &mut ledger,
            },
            seed,
        );
        if !net.demand.is_empty() {
            queue.push(0, Ev::DemandHour);
        }
        queue.push(net.horizon.period_s, Ev::PeriodEnd);
        if net.horizon.warmup_s > 0 {
            queue.push(net.horizon.warmup_s, Ev::WarmupEnd);
        }
        let market = market::Market::new(&net);
        let mut arrivals = Arrivals::new(&net, seed);
        if net.competition.is_some() {
            arrivals.set_zone_multipliers(market.multipliers());
        }
        Engine {
            market,
            arrivals,
            orders: Orders::default(),
            net,
            seed,
            now: 0,
            limit: SimTime::MAX,
            events: 0,
            measured_from: 0,
            queue,
            ledger,
            sites,
            lanes,
            stock,
            released: Vec::new(),
            placed: 0,
            trace: None,
            breakdown: breakdown::Breakdown::new(facilities),
        }
    }

    /// Track the order placed `serial`-th (0-based): call before the run
    /// reaches it. [`Engine::trace`] then gives its steps so far.
    pub fn trace_order(&mut self, serial: u64) {
        self.trace = Some(Box::new(Tracer::new(serial)));
    }

    /// The tracked order's steps so far (none when no order is tracked).
    pub fn trace(&self) -> &[TraceEvent] {
        self.trace.as_ref().map_or(&[], |t| t.events())
    }

    /// A step of the order in record `id` at `t`, for the trace.
    #[inline]
    fn note(&mut self, id: u32, t: SimTime, step: Step) {
        if let Some(tr) = &mut self.trace {
            tr.step(id, t, step);
        }
    }

    /// Current simulation time, seconds since Monday 00:00.
    pub fn now(&self) -> SimTime {
        self.now
    }

    /// When the figures count from: 0, or the end of the warm-up once it is over.
    pub fn measured_from(&self) -> SimTime {
        self.measured_from
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

    // Read-only access to the mechanics, for the views.
    pub(crate) fn market(&self) -> &market::Market {
        &self.market
    }
    pub(crate) fn ledger(&self) -> &Ledger {
        &self.ledger
    }
    pub(crate) fn sites(&self) -> &Sites {
        &self.sites
    }
    pub(crate) fn stock(&self) -> &Stock {
        &self.stock
    }
    pub(crate) fn lanes(&self) -> &Lanes {
        &self.lanes
    }
    pub(crate) fn orders(&self) -> &Orders {
        &self.orders
    }
    pub(crate) fn breakdown(&self) -> &breakdown::Breakdown {
        &self.breakdown
    }
    pub(crate) fn demand_schedule(&self) -> &crate::controls::DemandSchedule {
        self.arrivals.schedule()
    }

    /// When the next hour of demand is drawn: a control recorded at this
    /// time changes the run from here on, and a replay applies it the same.
    pub fn next_draw_time(&self) -> SimTime {
        self.arrivals.next_draw_time()
    }

    /// Replace the demand schedule (after the scenario's controls changed
    /// from [`Engine::next_draw_time`] on): demand already drawn stays.
    pub fn set_demand_schedule(&mut self, schedule: crate::controls::DemandSchedule) {
        self.arrivals.set_schedule(schedule);
    }

    /// The demand multiplier the next hour is drawn with.
    pub fn demand_multiplier(&self) -> f64 {
        self.arrivals.multiplier()
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
        self.now = self.now.max(t);
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
                    self.now = self.now.max(t);
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
            Ev::Review(g) => self.stock.on_review(ctx!(self), g),
            Ev::Request(r) => self.on_request(r),
            Ev::Release(s) => self.stock.on_release(ctx!(self), s),
            Ev::ShipmentArrive(s) => self.on_shipment_arrive(s),
            Ev::PeriodEnd => self.on_period_end(),
            Ev::WarmupEnd => {
                self.measured_from = self.now;
                let cost = self.cost_breakdown().total();
                self.ledger.mark_warmup(cost);
                self.breakdown.mark_warmup();
                self.sites.mark_warmup(self.now);
                self.stock.mark_warmup(self.now);
            }
        }
    }

    fn on_demand_hour(&mut self) {
        let t = self.now;
        if let Some(at) = self.arrivals.draw_hour(&self.net, t) {
            self.queue.push(at, Ev::Orders);
        }
        self.queue.push(t + HOUR, Ev::DemandHour);
    }

    /// Order arrivals. Instants strictly before every queued event (and within
    /// the current run limit) are processed here directly, without a round
    /// trip through the heap: nothing else can happen in between, so the
    /// result is the same, and each instant still counts as one event.
    fn on_orders(&mut self) {
        loop {
            while let Some(o) = self.arrivals.take_at(self.now) {
                self.place_order(o);
            }
            let Some(at) = self.arrivals.next_at() else {
                break;
            };
            let before_queue = self.queue.peek_time().is_none_or(|q| at < q);
            if before_queue && at <= self.limit {
                self.now = at;
                self.events += 1;
            } else {
                self.queue.push(at, Ev::Orders);
                break;
            }
        }
    }

    /// A customer order arrives: choose its FC, take the stock or wait for it.
    fn place_order(&mut self, o: NewOrder) {
        let now = self.now;
        let d = &self.net.demand[o.stream as usize];
        let (zone, units, sku) = (d.zone, d.units_per_order, o.sku as usize);
        self.ledger.order_placed(units, o.channel);
        let deadline = orders::deadline(&self.net, zone, o.channel, now);
        let p = &self.net.products[sku];
        let (items_kg, items_m3) = (p.weight_kg * units as f64, p.volume_m3 * units as f64);
        let packed = packaging::parcel(self.net.packaging.as_ref(), items_kg, items_m3);
        let want = orders::Want {
            zone,
            sku,
            units,
            kg: packed.kg,
            now,
            deadline,
        };
        let a = orders::assign(&self.net, &self.stock, &self.sites, want);
        let fc = a.fc as usize;
        let serial = self.placed;
        self.placed += 1;
        let first = [
            Step::Placed {
                zone,
                sku,
                units,
                promise: deadline,
            },
            Step::Assigned {
                fc,
                in_stock: a.in_stock,
            },
        ];
        self.stock.record_demand(&self.net, fc, sku, units as u64);
        let order = Order {
            placed: now,
            deadline,
            since: now,
            units,
            zone: zone as u32,
            fc: a.fc,
            route: a.route,
            weight_kg: packed.kg as f32,
            volume_m3: packed.m3 as f32,
            box_ix: packed.box_ix,
            items_m3: items_m3 as f32,
            serial,
            class: self.net.sku_class[sku],
            channel: o.channel,
            seller: p.seller,
            ..Order::default()
        };
        self.breakdown.placed(order.keys(), units, a.in_stock);
        if a.in_stock {
            let net_zero = self.stock.fill_order(ctx!(self), fc, sku, units);
            let id = self.orders.open(order);
            self.orders.stock_taken(id, net_zero);
            self.traced_placed(serial, Some(id), &first, None);
            self.sites.order_arrived(fc, now);
            self.start_pick(id);
            return;
        }
        self.stock.stockout(&self.net, fc, sku);
        match self.net.stockout {
            StockoutRule::LostSale => {
                self.ledger.lost_sale(p.lost_sale_cost * units as f64);
                self.orders.lost_at_once(deadline);
                self.breakdown.lost(order.keys());
                self.traced_placed(serial, None, &first, Some(Loss::NoStock));
            }
            StockoutRule::Backorder => {
                self.ledger.backordered();
                let id = self.orders.open(order);
                self.traced_placed(serial, Some(id), &first, None);
                self.sites.order_arrived(fc, now);
                self.stock.backorder(ctx!(self), fc, sku, id, units);
            }
        }
    }

    /// The first steps of order `serial`, for the trace: placed, its FC,
    /// and lost at once if it was.
    fn traced_placed(
        &mut self,
        serial: u64,
        id: Option<u32>,
        first: &[Step; 2],
        lost: Option<Loss>,
    ) {
        if let Some(tr) = &mut self.trace {
            tr.placed(serial, id, self.now, first);
            if let Some(why) = lost {
                tr.placed(serial, None, self.now, &[Step::Lost { why }]);
            }
        }
    }

    /// Order `id`'s stock is taken at its FC: pick and pack it, then it waits
    /// on the first lane of its route.
    fn start_pick(&mut self, id: u32) {
        let o = *self.orders.get(id);
        let ready = self.sites.pick(&self.net, o.fc as usize, o.units, self.now);
        let fc = o.fc as usize;
        if self.now > o.placed {
            self.note(id, self.now, Step::StockTaken { fc });
        }
        self.note(id, self.now, Step::Packed { fc, ready });
        self.ledger.picked(o.units);
        let fee = self.net.channels.fee(o.seller, o.channel, o.units);
        if fee > 0.0 {
            self.ledger.fulfilment_fee(o.channel, fee);
        }
        if let Some(pk) = &self.net.packaging {
            let board_kg = o.box_ix.map_or(0.0, |b| pk.boxes[b as usize].board_kg);
            self.ledger
                .packed(o.items_m3 as f64, o.volume_m3 as f64, board_kg);
        }
        self.orders.at_node(id);
        let lane = self.net.routing.routes[o.route as usize][0];
        self.send(o.fc as usize, lane, parcel(id, &o, ready));
    }

    /// Put a parcel waiting at facility `at` on its hop, whose primary lane
    /// is `primary`; one that no vehicle on the hop can carry is dropped
    /// and reported, never loaded.
    fn send(&mut self, at: usize, primary: u32, p: Parcel) {
        match self.lanes.choose(&self.net, primary, &p) {
            Some(lane) => {
                let channel = self.orders.get(p.id).channel;
                let rank = self.net.channels.rank[channel as usize];
                self.lanes.enqueue(ctx!(self), lane, p, rank);
            }
            None => {
                let from_fc = self.net.facilities[at].kind == FacilityKind::FulfillmentCenter;
                self.ledger.unshippable(from_fc, p.units);
                self.note(
                    p.id,
                    self.now,
                    Step::Lost {
                        why: Loss::NoVehicleFits,
                    },
                );
                self.breakdown.lost(self.orders.get(p.id).keys());
                self.orders.drop_unshippable(p.id);
                self.sites.parcel_removed(at, self.now);
            }
        }
    }

    fn on_dispatch(&mut self, lane: u32, why: Departure) {
        let from = self.net.lanes[lane as usize].from;
        let departed = self.lanes.dispatch(ctx!(self), lane, why);
        for &id in departed {
            let (since, units) = self.orders.loaded(id);
            self.sites.parcel_left(from, self.now, since, units);
            if let Some(tr) = &mut self.trace {
                let lane = lane as usize;
                tr.step(id, self.now, Step::Departed { lane });
            }
        }
    }

    /// A parcel vehicle reaches the end of its lane: each parcel is lost,
    /// delivered along the tour, or sorted for its next leg.
    fn on_vehicle_arrive(&mut self, v: u32) {
        let now = self.now;
        let lanes::Unloaded {
            lane,
            depart,
            units,
            orders,
        } = self.lanes.unload(v);
        let li = self.net.lanes[lane as usize];
        self.ledger.unloaded(units as u64);
        let to = li.to;
        let to_zone = self.net.facilities[to].kind == FacilityKind::CustomerZone;
        let tour_start = depart + li.transit_s;
        for (k, &id) in orders.iter().enumerate() {
            self.orders.leg_done(id, li.net_zero);
            if self.lanes.lost_in_transit(&li) {
                self.note(
                    id,
                    now,
                    Step::Lost {
                        why: Loss::InTransit,
                    },
                );
                self.breakdown.lost(self.orders.get(id).keys());
                self.orders.lose(&mut self.ledger, id);
            } else if to_zone {
                let at = lanes::drop_time(tour_start, now, k, orders.len());
                let on_time = at <= self.orders.get(id).deadline;
                self.note(id, at, Step::Delivered { zone: to, on_time });
                let o = self.orders.get(id);
                let lead = at.saturating_sub(o.placed);
                self.breakdown.delivered(o.keys(), lead, on_time);
                let (zone, units) = self.orders.deliver(&mut self.ledger, id, at);
                self.sites.delivered(zone, units);
            } else {
                let next = self.orders.next_leg(&self.net, id, now);
                let o = *self.orders.get(id);
                let ready = self.sites.cross_dock(&self.net, to, o.units, now);
                self.ledger.cross_docked(o.units);
                self.note(
                    id,
                    now,
                    Step::Arrived {
                        facility: to,
                        ready,
                    },
                );
                self.send(to, next, parcel(id, &o, ready));
            }
        }
        self.lanes.park(v, orders);
    }

    fn on_request(&mut self, r: u32) {
        let (src, units) = self.stock.request_source(r);
        if self.net.facilities[src].kind == FacilityKind::FulfillmentCenter {
            self.stock.fill_from_fc(ctx!(self), r);
        } else {
            let release = self.sites.release_time(&self.net, src, units, self.now);
            self.stock.release_at(ctx!(self), r, release);
        }
    }

    fn on_shipment_arrive(&mut self, s: u32) {
        let mut released = std::mem::take(&mut self.released);
        self.stock.on_shipment_arrive(ctx!(self), s, &mut released);
        for &(id, net_zero) in &released {
            self.orders.stock_taken(id, net_zero);
            self.start_pick(id);
        }
        released.clear();
        self.released = released;
    }

    fn on_period_end(&mut self) {
        let now = self.now;
        // The period that just ended started at now − period.
        self.stock
            .close_period(now - self.net.horizon.period_s >= self.net.horizon.warmup_s);
        self.sites.close_period(self.net.horizon.period_s);
        self.stock.touch_all(now);
        let cost = self.cost_breakdown().total();
        self.ledger.mark_period(cost);
        if self.net.competition.is_some() {
            self.market.close_period(&self.net, &self.breakdown);
            self.arrivals
                .set_zone_multipliers(self.market.multipliers());
        }
        self.queue
            .push(now + self.net.horizon.period_s, Ev::PeriodEnd);
    }
}

/// Order `id`'s parcel, ready to leave at `ready`.
fn parcel(id: u32, o: &Order, ready: SimTime) -> Parcel {
    Parcel {
        ready,
        id,
        units: o.units,
        kg: o.weight_kg,
        m3: o.volume_m3,
    }
}
