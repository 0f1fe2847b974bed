//! Stock: what each FC holds per SKU, who waits for it, and replenishment.
//!
//! Each FC × SKU policy reviews every `review_hours`; its request reaches the
//! source after `order_delay_hours`. An upstream FC ships from stock and owes
//! the rest (served FIFO with its customer backorders); suppliers and ports
//! release when the caller says (see `Sites::release_time`). Shipments are
//! bulk: as many vehicles as the load needs, leaving at once.
//!
//! Holding cost is value × annual rate integrated over time on hand;
//! backorder cost is per unit-day waiting.

use super::Ctx;
use super::ledger::Trip;
use super::lineage::Lineage;
use super::pool::{Pool, Slot};
use super::queue::Ev;
use super::sites::Release;
use super::stats::Welford;
use crate::emissions::{Co2Basis, trip_co2e_kg};
use crate::forecast::{self, Accuracy, Calendar, Forecaster};
use crate::network::{Network, RuleInfo};
use crate::rng::{Rng, Stream};
use crate::scenario::FacilityKind;
use crate::scenario::ForecastFrom;
use crate::time::SimTime;
use std::collections::VecDeque;
use supply_forecast::{Boosted, fit_pool};

const NONE: u32 = u32::MAX;

/// What a forecast-driven rule plans with at a review at `now`: forecast
/// demand per statistics period, averaged over the rule's horizon (so a
/// coming peak raises the level ahead of it), and the standard deviation
/// of the one-step forecast error per period.
fn outlook(
    net: &Network,
    calendar: &Calendar,
    f: &Forecaster,
    rule: RuleInfo,
    review_s: SimTime,
    now: SimTime,
) -> (f64, f64) {
    let Some(horizon) = rule.horizon().filter(|h| *h > 0.0) else {
        return (f.next(calendar.period(review_s, now)), 0.0);
    };
    let mean = mean_over(net, calendar, f, horizon, review_s, now);
    let sd = if rule.uses_spread() {
        f.error_sd()
    } else {
        0.0
    };
    (mean, sd)
}

/// Forecast demand per statistics period, averaged over the `horizon`
/// periods from `now` (forecasts are per-period rates for each review
/// interval ahead).
fn mean_over(
    net: &Network,
    calendar: &Calendar,
    f: &Forecaster,
    horizon: f64,
    review_s: SimTime,
    now: SimTime,
) -> f64 {
    let per_review = review_s as f64 / net.horizon.period_s as f64;
    let reviews = horizon / per_review;
    let total = f.forecast_over(reviews, |k| {
        calendar.period(review_s, now + k as SimTime * review_s)
    }) * per_review;
    total / horizon
}

/// A claim on an FC's stock waiting for receipts, served FIFO.
#[derive(Clone, Copy, Debug)]
enum Claim {
    Order {
        id: u32,
        units: u32,
    },
    /// Replenishment owed to a downstream FC via `lane`.
    Transfer {
        lane: u32,
        units: u32,
    },
}

/// Time-integrated stock and backlog at one FC (all SKUs).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Holding {
    pub on_hand: u64,
    pub on_hand_area: f64,
    hold_rate: f64,
    pub hold_cost: f64,
    fee_rate: f64,
    /// Storage fees sellers owe for their stock on the shelves, GBP.
    pub storage_fees: f64,
    pub backlog_units: u64,
    backlog_rate: f64,
    pub backorder_cost: f64,
    stamp: SimTime,
}

impl Holding {
    /// Integrate the areas and costs up to `now`.
    #[inline]
    fn touch(&mut self, now: SimTime) {
        let dt = (now - self.stamp) as f64;
        if dt > 0.0 {
            self.on_hand_area += self.on_hand as f64 * dt;
            self.hold_cost += self.hold_rate * dt;
            self.storage_fees += self.fee_rate * dt;
            self.backorder_cost += self.backlog_rate * dt;
            self.stamp = now;
        }
    }

    /// A copy integrated up to `now` (for reports, without changing the run).
    pub fn at(&self, now: SimTime) -> Holding {
        let mut h = *self;
        h.touch(now);
        h
    }

    /// Areas and costs since `b` (an earlier copy integrated to its time);
    /// levels as now.
    fn since(&self, b: &Holding) -> Holding {
        Holding {
            on_hand_area: self.on_hand_area - b.on_hand_area,
            hold_cost: self.hold_cost - b.hold_cost,
            storage_fees: self.storage_fees - b.storage_fees,
            backorder_cost: self.backorder_cost - b.backorder_cost,
            ..*self
        }
    }
}

/// Demand on one FC and its service, per statistics period.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Service {
    /// Units asked of the FC (customers and downstream FCs).
    pub demanded_units: u64,
    /// Units served from stock on arrival.
    pub filled_units: u64,
    period_demand: f64,
    period_ordered: f64,
    /// Demand and replenishment orders per period (after warm-up).
    pub demand: Welford,
    pub ordered: Welford,
    /// Review cycles (review to review, per policy) closed after the
    /// warm-up, and those in which the policy's SKU stocked out.
    pub cycles: u64,
    pub stockout_cycles: u64,
    pub stockouts_this_period: u64,
    /// Units ordered from an expedite source.
    pub expedited_units: u64,
}

#[derive(Clone, Debug)]
struct PolicyState {
    forecast: Forecaster,
    /// Units asked of the FC since the review (customers and downstream FCs).
    demand_since_review: f64,
    /// End-customer units at the FC and every FC it serves since the review.
    end_demand_since_review: f64,
    /// The forecast learns from end-customer demand (information sharing).
    shared: bool,
    /// Its review group.
    group: u32,
    ix: u32,
    sku: u32,
    rule: RuleInfo,
    /// Base-stock, (s,S), (R,Q): the level does not depend on a forecast.
    fixed_level: bool,
    /// The group it expedites through, if it may.
    expedite: Option<u32>,
}

/// Policies sharing an FC, source, lane and timing review together and
/// send one request.
#[derive(Clone, Debug)]
struct ReviewGroup {
    fc: u32,
    source: u32,
    lane: u32,
    review_s: SimTime,
    order_delay_s: SimTime,
    policies: Vec<u32>,
    /// Some policies forecast with the learned model: they share one
    /// model, fitted on all their histories.
    pooled: bool,
}

#[derive(Clone, Debug, Default)]
struct Request {
    group: u32,
    lines: Vec<(u32, u32)>,
}

/// One SKU's units on a shipment.
#[derive(Clone, Copy, Debug, Default)]
struct Line {
    sku: u32,
    units: u32,
    /// Of `units`, those whose every leg so far ran on a net-zero mode.
    net_zero: u32,
}

/// An order released from the backlog: its id, and whether the units it
/// took came by net-zero legs only.
pub(crate) type Released = (u32, bool);

/// A replenishment shipment.
#[derive(Clone, Debug, Default)]
pub(crate) struct Shipment {
    pub lane: u32,
    lines: Vec<Line>,
    pub units: u64,
    pub depart: SimTime,
    pub arrive: SimTime,
    /// On the road (counted in transit); false while at its source.
    pub departed: bool,
    /// From a port by sea: (sailed, release if on schedule, release), for
    /// the ETA the planner knows.
    voyage: Option<(SimTime, SimTime, SimTime)>,
}

impl Slot for Request {
    fn in_use(&self) -> bool {
        !self.lines.is_empty()
    }
}

impl Slot for Shipment {
    /// Only shipments on the road are listed (views and the audit).
    fn in_use(&self) -> bool {
        self.departed
    }
}

/// The stock figures as the warm-up ended: the views count from them.
#[derive(Clone, Debug)]
struct StockBase {
    holding: Vec<Holding>,
    service: Vec<Service>,
    shipped: Vec<u64>,
}

/// Per FC × SKU bins (index `slot × n_sku + sku`).
#[derive(Clone, Debug)]
struct Bins {
    on_hand: Vec<u32>,
    on_order: Vec<u64>,
    backlog: Vec<VecDeque<Claim>>,
    backlog_units: Vec<u64>,
    policy: Vec<u32>,
    stockout: Vec<bool>,
    /// Bins flagged this period.
    flagged: Vec<u32>,
    /// The bin stocked out since its policy's last review.
    short_in_cycle: Vec<bool>,
    /// Which units on the shelves came by net-zero legs only.
    lineage: Lineage,
}

#[derive(Clone, Debug)]
pub(crate) struct Stock {
    n_sku: usize,
    bins: Bins,
    policies: Vec<PolicyState>,
    groups: Vec<ReviewGroup>,
    /// Per FC slot: stock integrals, service.
    holding: Vec<Holding>,
    service: Vec<Service>,
    /// Per facility: units shipped out by replenishment.
    shipped: Vec<u64>,
    /// Holding, service and shipments as the warm-up ended.
    base: Option<Box<StockBase>>,
    /// Per FC slot: forecast and actual demand per statistics period.
    forecast_log: Vec<Vec<[f64; 2]>>,
    /// What the forecasts know of the demand calendar.
    calendar: Calendar,
    /// Scratch for a review: whether each policy of the group had demand.
    moved: Vec<bool>,
    requests: Pool<Request>,
    shipments: Pool<Shipment>,
    /// Waits at customs.
    rng_customs: Rng,
}

impl Stock {
    /// Stock at t = 0: policies registered in review groups, initial stock
    /// on the shelves and the initial pipeline on the road.
    pub fn new(ctx: &mut Ctx, seed: u64) -> Stock {
        let net = ctx.net;
        let n_sku = net.products.len();
        let bins = net.fcs.len() * n_sku;
        let mut s = Stock {
            n_sku,
            bins: Bins {
                on_hand: vec![0; bins],
                on_order: vec![0; bins],
                backlog: vec![VecDeque::new(); bins],
                backlog_units: vec![0; bins],
                policy: vec![NONE; bins],
                stockout: vec![false; bins],
                flagged: Vec::new(),
                short_in_cycle: vec![false; bins],
                lineage: Lineage::new(bins),
            },
            policies: Vec::new(),
            groups: Vec::new(),
            holding: vec![Holding::default(); net.fcs.len()],
            service: vec![Service::default(); net.fcs.len()],
            shipped: vec![0; net.facilities.len()],
            base: None,
            forecast_log: vec![Vec::new(); net.fcs.len()],
            calendar: Calendar::new(net),
            moved: Vec::new(),
            requests: Pool::default(),
            shipments: Pool::default(),
            rng_customs: Rng::fork(seed, Stream::Customs, 1),
        };
        for pi in 0..net.policies.len() {
            s.register(net, pi);
        }
        for pi in 0..net.policies.len() {
            s.register_expedite(net, pi);
        }
        for pi in 0..net.policies.len() {
            s.initial(ctx, pi);
        }
        for (g, gr) in s.groups.iter().enumerate() {
            if !gr.policies.is_empty() {
                ctx.queue.push(gr.review_s, Ev::Review(g as u32));
            }
        }
        s
    }

    fn register(&mut self, net: &Network, pi: usize) {
        let p = &net.policies[pi];
        let slot = net.fc_slot[p.fc].unwrap_or(0) as usize;
        let ix = slot * self.n_sku + p.sku;
        self.bins.policy[ix] = pi as u32;
        let same = |g: &ReviewGroup| {
            g.fc == p.fc as u32
                && g.source == p.source as u32
                && g.lane == p.lane as u32
                && g.review_s == p.review_s
                && g.order_delay_s == p.order_delay_s
        };
        let g = match self.groups.iter().position(same) {
            Some(g) => g,
            None => {
                self.groups.push(ReviewGroup {
                    fc: p.fc as u32,
                    source: p.source as u32,
                    lane: p.lane as u32,
                    review_s: p.review_s,
                    order_delay_s: p.order_delay_s,
                    policies: Vec::new(),
                    pooled: false,
                });
                self.groups.len() - 1
            }
        };
        self.groups[g].policies.push(pi as u32);
        let mut forecast = forecast::forecaster(p);
        if let Some(b) = forecast.boosted_mut() {
            b.join_pool();
            self.groups[g].pooled = true;
        }
        self.policies.push(PolicyState {
            forecast,
            demand_since_review: 0.0,
            end_demand_since_review: 0.0,
            shared: p.forecast_from == ForecastFrom::EndCustomers,
            group: g as u32,
            ix: ix as u32,
            sku: p.sku as u32,
            rule: p.rule,
            fixed_level: p.rule.fixed_level(),
            expedite: None,
        });
    }

    /// Policy `pi` may expedite: give it a group (with no policies and no
    /// reviews of its own) that sends its requests to the faster source.
    fn register_expedite(&mut self, net: &Network, pi: usize) {
        let p = &net.policies[pi];
        let Some((src, lane)) = p.expedite else {
            return;
        };
        let same =
            |g: &ReviewGroup| g.policies.is_empty() && g.fc == p.fc as u32 && g.lane == lane as u32;
        let g = self.groups.iter().position(same).unwrap_or_else(|| {
            self.groups.push(ReviewGroup {
                fc: p.fc as u32,
                source: src as u32,
                lane: lane as u32,
                review_s: p.review_s,
                order_delay_s: p.order_delay_s,
                policies: Vec::new(),
                pooled: false,
            });
            self.groups.len() - 1
        });
        self.policies[pi].expedite = Some(g as u32);
    }

    /// Initial stock, and the pipeline: one shipment per review period of
    /// lead time, arriving k·R from now.
    fn initial(&mut self, ctx: &mut Ctx, pi: usize) {
        let p = &ctx.net.policies[pi];
        let (fc, sku, lane, init, pipe) =
            (p.fc, p.sku, p.lane, p.initial_stock, p.initial_in_transit);
        let (review_s, lead) = (p.review_s, p.lead_time_s);
        // Stock already there came the way the policy's stock comes.
        let green = supply_net_zero(ctx.net, pi);
        if init > 0 {
            ctx.ledger.supplied(init as u64);
            let net_zero = if green { init } else { 0 };
            self.receive(ctx, fc, sku, (init, net_zero), &mut Vec::new());
        }
        if pipe == 0 {
            return;
        }
        for k in 1..=lead.div_ceil(review_s.max(1)) {
            let s = self.new_shipment(lane as u32, 0, k * review_s);
            self.shipments[s].lines.push(Line {
                sku: sku as u32,
                units: pipe,
                net_zero: if green { pipe } else { 0 },
            });
            self.shipments[s].units = pipe as u64;
            let ix = self.ix(ctx.net, fc, sku);
            self.bins.on_order[ix] += pipe as u64;
            ctx.ledger.supplied(pipe as u64);
            self.depart_shipment(ctx, s, 0, k * review_s);
        }
    }

    /// Bin index of `sku` at FC `f`.
    #[inline]
    fn ix(&self, net: &Network, f: usize, sku: usize) -> usize {
        net.fc_slot[f].unwrap_or(0) as usize * self.n_sku + sku
    }

    #[inline]
    fn slot(net: &Network, f: usize) -> usize {
        net.fc_slot[f].unwrap_or(0) as usize
    }

    // Queries.

    /// Can FC `f` serve `units` of `sku` from stock now (with nobody waiting)?
    #[inline]
    pub fn can_serve(&self, net: &Network, f: usize, sku: usize, units: u32) -> bool {
        let ix = self.ix(net, f, sku);
        self.bins.on_hand[ix] >= units && self.bins.backlog_units[ix] == 0
    }
    /// How long an order for `units` of `sku` at FC `f` would wait for
    /// stock: 0 if it can be served now, else the policy's lead time plus
    /// half a review period; `None` if no policy replenishes it.
    pub fn wait_for(&self, net: &Network, f: usize, sku: usize, units: u32) -> Option<SimTime> {
        if self.can_serve(net, f, sku, units) {
            return Some(0);
        }
        let p = self.bins.policy[self.ix(net, f, sku)];
        (p != NONE).then(|| {
            let p = &net.policies[p as usize];
            p.lead_time_s + p.review_s / 2
        })
    }

    /// The warm-up ended at `now`: the figures count from here.
    pub fn mark_warmup(&mut self, now: SimTime) {
        self.base = Some(Box::new(StockBase {
            holding: self.holding.iter().map(|h| h.at(now)).collect(),
            service: self.service.clone(),
            shipped: self.shipped.clone(),
        }));
    }

    /// The FC in `slot`'s stock and backlog now.
    pub fn holding(&self, slot: usize) -> &Holding {
        &self.holding[slot]
    }
    /// Its stock integrals and costs up to `now`, since the warm-up.
    pub fn holding_since(&self, slot: usize, now: SimTime) -> Holding {
        let h = self.holding[slot].at(now);
        match &self.base {
            Some(b) => h.since(&b.holding[slot]),
            None => h,
        }
    }
    /// Its service since the warm-up (per-period statistics count from it already).
    pub fn service(&self, slot: usize) -> Service {
        let mut s = self.service[slot];
        if let Some(b) = &self.base {
            s.demanded_units -= b.service[slot].demanded_units;
            s.filled_units -= b.service[slot].filled_units;
            s.expedited_units -= b.service[slot].expedited_units;
        }
        s
    }
    /// Units facility `f` has shipped out as replenishment since the warm-up.
    pub fn shipped(&self, f: usize) -> u64 {
        self.shipped[f] - self.base.as_ref().map_or(0, |b| b.shipped[f])
    }
    /// Units on all FC shelves, recomputed from the bins.
    pub fn units_on_shelves(&self) -> u64 {
        self.bins.on_hand.iter().map(|&u| u as u64).sum()
    }
    /// Forecast and actual demand at the FC in `slot`, in units per
    /// statistics period, from the start of the run.
    pub fn forecast_log(&self, slot: usize) -> &[[f64; 2]] {
        &self.forecast_log[slot]
    }
    /// The forecast accuracy of each policy at the FC in `slot`, with the
    /// policy's index.
    pub fn forecast_accuracy(&self, slot: usize) -> impl Iterator<Item = (usize, &Accuracy)> + '_ {
        let n_sku = self.n_sku as u32;
        self.policies
            .iter()
            .enumerate()
            .filter(move |(_, p)| (p.ix / n_sku) as usize == slot)
            .map(|(i, p)| (i, p.forecast.accuracy()))
    }
    /// Policy `pi`'s forecast as a planner reads it at `now`: demand per
    /// statistics period over the `cover` periods ahead (the next period's
    /// forecast when `cover` is 0), and the standard deviation of its
    /// one-step error per period.
    pub fn forecast_of(&self, net: &Network, pi: usize, cover: f64, now: SimTime) -> (f64, f64) {
        let f = &self.policies[pi].forecast;
        let review_s = net.policies[pi].review_s;
        let mean = if cover > 0.0 {
            mean_over(net, &self.calendar, f, cover, review_s, now)
        } else {
            f.next(self.calendar.period(review_s, now))
        };
        (mean, f.error_sd())
    }

    /// Replenishment shipments on the road.
    pub fn shipments(&self) -> impl Iterator<Item = &Shipment> + '_ {
        self.shipments.live()
    }

    // Customer orders.

    /// A customer order for `units` of `sku` at FC `f`: demand on the FC,
    /// and end-customer demand for it and every FC upstream of it (what
    /// they forecast from when they share information).
    pub fn record_demand(&mut self, net: &Network, f: usize, sku: usize, units: u64) {
        self.record_request(net, f, sku, units);
        let mut p = self.bins.policy[self.ix(net, f, sku)];
        // A sourcing chain visits each FC once (validation refuses loops);
        // the bound only keeps a bad network from looping.
        for _ in 0..net.fcs.len() {
            if p == NONE {
                break;
            }
            self.policies[p as usize].end_demand_since_review += units as f64;
            let src = net.policies[p as usize].source;
            p = match net.fc_slot[src] {
                Some(_) => self.bins.policy[self.ix(net, src, sku)],
                None => NONE,
            };
        }
    }

    /// Demand seen by FC `f` for `sku` (customer orders and downstream requests).
    fn record_request(&mut self, net: &Network, f: usize, sku: usize, units: u64) {
        let sv = &mut self.service[Self::slot(net, f)];
        sv.demanded_units += units;
        sv.period_demand += units as f64;
        let p = self.bins.policy[self.ix(net, f, sku)];
        if p != NONE {
            self.policies[p as usize].demand_since_review += units as f64;
        }
    }

    /// Take `units` of `sku` off FC `f`'s shelves for a customer order:
    /// whether all of them came by net-zero legs.
    pub fn fill_order(&mut self, ctx: &mut Ctx, f: usize, sku: usize, units: u32) -> bool {
        self.service[Self::slot(ctx.net, f)].filled_units += units as u64;
        ctx.ledger.filled_from_stock(units);
        self.take(ctx, f, sku, units) == units
    }

    /// The order is short at FC `f`: flag the stockout.
    pub fn stockout(&mut self, net: &Network, f: usize, sku: usize) {
        let ix = self.ix(net, f, sku);
        self.bins.short_in_cycle[ix] = true;
        if !self.bins.stockout[ix] {
            self.bins.stockout[ix] = true;
            self.bins.flagged.push(ix as u32);
            if self.bins.policy[ix] != NONE {
                self.service[Self::slot(net, f)].stockouts_this_period += 1;
            }
        }
    }

    /// Order `id` waits at FC `f` for `units` of `sku`.
    pub fn backorder(&mut self, ctx: &mut Ctx, f: usize, sku: usize, id: u32, units: u32) {
        self.add_claim(ctx, f, sku, Claim::Order { id, units }, units);
    }

    /// Take `units` off the shelf, oldest first: how many came by net-zero
    /// legs only.
    fn take(&mut self, ctx: &mut Ctx, f: usize, sku: usize, units: u32) -> u32 {
        let ix = self.ix(ctx.net, f, sku);
        let p = &ctx.net.products[sku];
        let hd = &mut self.holding[Self::slot(ctx.net, f)];
        hd.touch(ctx.now);
        hd.on_hand -= units as u64;
        // Rates are sums of floats: never let their drift go below zero
        // (a cost or fee accruing at -1e-22 a second reads as negative).
        hd.hold_rate = (hd.hold_rate - p.holding_per_unit_s * units as f64).max(0.0);
        hd.fee_rate = (hd.fee_rate - p.storage_fee_per_unit_s * units as f64).max(0.0);
        self.bins.on_hand[ix] -= units;
        ctx.ledger.unshelved(units);
        self.bins.lineage.take(ix, units)
    }

    fn add_claim(&mut self, ctx: &mut Ctx, f: usize, sku: usize, claim: Claim, units: u32) {
        let ix = self.ix(ctx.net, f, sku);
        let b = ctx.net.products[sku].backorder_per_unit_s;
        let hd = &mut self.holding[Self::slot(ctx.net, f)];
        hd.touch(ctx.now);
        hd.backlog_units += units as u64;
        hd.backlog_rate += b * units as f64;
        self.bins.backlog[ix].push_back(claim);
        self.bins.backlog_units[ix] += units as u64;
    }

    fn reduce_backlog(&mut self, ctx: &mut Ctx, f: usize, sku: usize, units: u32) {
        let ix = self.ix(ctx.net, f, sku);
        let b = ctx.net.products[sku].backorder_per_unit_s;
        let hd = &mut self.holding[Self::slot(ctx.net, f)];
        hd.touch(ctx.now);
        hd.backlog_units -= units as u64;
        hd.backlog_rate -= b * units as f64;
        self.bins.backlog_units[ix] -= units as u64;
    }

    /// Units arrive at FC `f` (`units`, of which `net_zero` came by
    /// net-zero legs only): shelve them, then serve the backlog FIFO.
    /// Orders whose stock is now taken are pushed to `released` (to pick).
    fn receive(
        &mut self,
        ctx: &mut Ctx,
        f: usize,
        sku: usize,
        (units, net_zero): (u32, u32),
        released: &mut Vec<Released>,
    ) {
        let ix = self.ix(ctx.net, f, sku);
        self.bins.lineage.put(ix, units, net_zero);
        let p = &ctx.net.products[sku];
        let hd = &mut self.holding[Self::slot(ctx.net, f)];
        hd.touch(ctx.now);
        hd.on_hand += units as u64;
        hd.hold_rate += p.holding_per_unit_s * units as f64;
        hd.fee_rate += p.storage_fee_per_unit_s * units as f64;
        self.bins.on_hand[ix] += units;
        ctx.ledger.shelved(units);
        while let Some(&claim) = self.bins.backlog[ix].front() {
            match claim {
                Claim::Order { id, units: u } => {
                    if self.bins.on_hand[ix] < u {
                        break;
                    }
                    self.bins.backlog[ix].pop_front();
                    self.reduce_backlog(ctx, f, sku, u);
                    let green = self.take(ctx, f, sku, u) == u;
                    released.push((id, green));
                }
                Claim::Transfer { lane, units: owed } => {
                    let give = owed.min(self.bins.on_hand[ix]);
                    if give == 0 {
                        break;
                    }
                    self.reduce_backlog(ctx, f, sku, give);
                    let net_zero = self.take(ctx, f, sku, give);
                    let line = Line {
                        sku: sku as u32,
                        units: give,
                        net_zero,
                    };
                    self.ship_now(ctx, lane, &[line]);
                    if give < owed {
                        self.bins.backlog[ix][0] = Claim::Transfer {
                            lane,
                            units: owed - give,
                        };
                        break;
                    }
                    self.bins.backlog[ix].pop_front();
                }
            }
        }
    }

    // Replenishment.

    /// Review group `g`: each policy orders what its rule says; the lines go
    /// to the source as one request after the order delay.
    pub fn on_review(&mut self, ctx: &mut Ctx, g: u32) {
        let gr = &self.groups[g as usize];
        let (fc, review_s, delay) = (gr.fc as usize, gr.review_s, gr.order_delay_s);
        let slot = Self::slot(ctx.net, fc);
        self.close_cycles(ctx, g as usize, slot);
        if self.groups[g as usize].pooled {
            self.refit_pool(g);
        }
        let r = self.requests.alloc();
        self.requests[r].group = g;
        self.requests[r].lines.clear();
        for k in 0..self.groups[g as usize].policies.len() {
            let pi = self.groups[g as usize].policies[k] as usize;
            let ps = &self.policies[pi];
            // A fixed-level rule whose position has not moved since it last
            // ordered (no demand; receipts leave the position unchanged)
            // would order nothing: skip it.
            if ps.fixed_level && !self.moved[k] {
                continue;
            }
            let (sku, rule, ix) = (ps.sku, ps.rule, ps.ix as usize);
            let (mean, sd) = outlook(
                ctx.net,
                &self.calendar,
                &ps.forecast,
                rule,
                review_s,
                ctx.now,
            );
            let b = &self.bins;
            let position =
                b.on_hand[ix] as f64 + b.on_order[ix] as f64 - b.backlog_units[ix] as f64;
            let q = rule
                .order_quantity(position, mean, sd)
                .min(u32::MAX as u64 / 2);
            if q > 0 {
                self.bins.on_order[ix] += q;
                self.service[slot].period_ordered += q as f64;
                self.requests[r].lines.push((sku, q as u32));
            }
            self.expedite(ctx, pi, mean / ctx.net.horizon.period_s as f64);
        }
        if self.requests[r].lines.is_empty() {
            self.requests.release(r);
        } else {
            ctx.queue.push(ctx.now + delay, Ev::Request(r));
        }
        ctx.queue.push(ctx.now + review_s, Ev::Review(g));
    }

    /// Policy `pi`, forecasting `per_s` units a second, expedites the stock
    /// it will be short of before the next vessel's goods arrive, by the
    /// ETA its planner knows, when the faster source can come first.
    fn expedite(&mut self, ctx: &mut Ctx, pi: usize, per_s: f64) {
        let Some(g) = self.policies[pi].expedite else {
            return;
        };
        let (net, now) = (ctx.net, ctx.now);
        let gr = &self.groups[g as usize];
        let src = &net.facilities[gr.source as usize];
        let lead =
            gr.order_delay_s + src.supply.lead_time_s + net.lanes[gr.lane as usize].transit_s;
        let short = self.shortfall(net, pi, per_s, now + lead, now);
        if short == 0 {
            return;
        }
        let (ix, sku) = (self.policies[pi].ix as usize, self.policies[pi].sku);
        self.bins.on_order[ix] += short;
        let slot = Self::slot(net, net.policies[pi].fc);
        self.service[slot].expedited_units += short;
        let r = self.requests.alloc();
        self.requests[r].group = g;
        self.requests[r].lines.clear();
        self.requests[r].lines.push((sku, short as u32));
        ctx.queue.push(now + gr.order_delay_s, Ev::Request(r));
    }

    /// Units policy `pi` will be short of when the next vessel's goods
    /// reach its FC (by the ETA known at `now`): its stock net of
    /// backorders, plus what else arrives first, less the forecast demand
    /// until then. Zero when no vessel is coming or an expedited order
    /// placed now (in by `first`) would come after it.
    fn shortfall(&self, net: &Network, pi: usize, per_s: f64, first: SimTime, now: SimTime) -> u64 {
        let (f, sku) = (net.policies[pi].fc, self.policies[pi].sku);
        let carries = |lines: &[Line]| {
            lines
                .iter()
                .filter(|l| l.sku == sku)
                .map(|l| l.units as u64)
                .sum::<u64>()
        };
        // Shipments on the road and those still at their source (a port's
        // wait for its vessel); released slots carry nothing.
        let inbound = self
            .shipments
            .all()
            .filter(|sh| sh.units > 0 && net.lanes[sh.lane as usize].to == f)
            .map(|sh| {
                (
                    known_arrival(net, sh, now),
                    sh.voyage.is_some(),
                    carries(&sh.lines),
                )
            })
            .filter(|&(_, _, u)| u > 0)
            .collect::<Vec<_>>();
        let Some(vessel) = inbound.iter().filter(|x| x.1).map(|x| x.0).min() else {
            return 0;
        };
        if first >= vessel {
            return 0;
        }
        let before: u64 = inbound.iter().filter(|x| x.0 < vessel).map(|x| x.2).sum();
        let requested: u64 = self
            .requests
            .live()
            .filter(|r| {
                // Requests to a port go by a later vessel.
                let g = &self.groups[r.group as usize];
                g.fc as usize == f && net.facilities[g.source as usize].kind != FacilityKind::Port
            })
            .map(|r| {
                r.lines
                    .iter()
                    .filter(|l| l.0 == sku)
                    .map(|l| l.1 as u64)
                    .sum::<u64>()
            })
            .sum();
        let ix = self.policies[pi].ix as usize;
        let have = self.bins.on_hand[ix] as f64 + (before + requested) as f64
            - self.bins.backlog_units[ix] as f64;
        let need = per_s * (vessel - now) as f64;
        libm::ceil(need - have).max(0.0) as u64
    }

    /// Review group `g`'s review closes each policy's cycle and period: the
    /// stockout count, and what its forecaster sees. `moved` says, for each
    /// policy of the group, whether there was demand on it.
    fn close_cycles(&mut self, ctx: &Ctx, g: usize, slot: usize) {
        let review_s = self.groups[g].review_s;
        let counted = ctx.now.saturating_sub(review_s) >= ctx.net.horizon.warmup_s;
        self.moved.clear();
        for k in 0..self.groups[g].policies.len() {
            let pi = self.groups[g].policies[k] as usize;
            let short =
                std::mem::take(&mut self.bins.short_in_cycle[self.policies[pi].ix as usize]);
            if counted {
                self.service[slot].cycles += 1;
                self.service[slot].stockout_cycles += u64::from(short);
            }
            let moved = self.observe_period(ctx, pi, slot, review_s, counted);
            self.moved.push(moved);
        }
    }

    /// The learned forecasters of group `g` share one model: refit it on
    /// all their histories when it is due.
    fn refit_pool(&mut self, g: u32) {
        let due = self
            .policies
            .iter_mut()
            .filter(|p| p.group == g)
            .find_map(|p| p.forecast.boosted_mut().map(|b| b.pool_due()))
            .unwrap_or(false);
        if !due {
            return;
        }
        let mut pool: Vec<&mut Boosted> = self
            .policies
            .iter_mut()
            .filter(|p| p.group == g)
            .filter_map(|p| p.forecast.boosted_mut())
            .collect();
        fit_pool(&mut pool);
    }

    /// Policy `pi`'s review closes its period: its forecaster sees the
    /// demand it learns from (the orders on the FC, or the shared
    /// end-customer demand) and the FC's forecast log records forecast
    /// against it. Returns whether there was demand on the FC.
    fn observe_period(
        &mut self,
        ctx: &Ctx,
        pi: usize,
        slot: usize,
        review_s: SimTime,
        counted: bool,
    ) -> bool {
        let ps = &mut self.policies[pi];
        let units = std::mem::take(&mut ps.demand_since_review);
        let end_units = std::mem::take(&mut ps.end_demand_since_review);
        let signal = if ps.shared { end_units } else { units };
        let per_period = ctx.net.horizon.period_s as f64 / review_s as f64;
        let start = ctx.now.saturating_sub(review_s);
        let closed = self.calendar.period(review_s, start);
        let said = ps.forecast.observe(signal * per_period, closed, counted);
        let log = &mut self.forecast_log[slot];
        let period = (start / ctx.net.horizon.period_s) as usize;
        if log.len() <= period {
            log.resize(period + 1, [0.0; 2]);
        }
        log[period][0] += said / per_period;
        log[period][1] += signal;
        units > 0.0
    }

    /// The source of request `r` and the units it asks for.
    pub fn request_source(&self, r: u32) -> (usize, u64) {
        let rq = &self.requests[r];
        let src = self.groups[rq.group as usize].source as usize;
        (src, rq.lines.iter().map(|&(_, u)| u as u64).sum())
    }

    /// Request `r` reaches an upstream FC: what is on hand leaves together on
    /// one shipment now; the rest is owed.
    pub fn fill_from_fc(&mut self, ctx: &mut Ctx, r: u32) {
        let now = ctx.now;
        let gr = &self.groups[self.requests[r].group as usize];
        let (src, lane) = (gr.source as usize, gr.lane);
        let lines = std::mem::take(&mut self.requests[r].lines);
        let transit = ctx.net.lanes[lane as usize].transit_s;
        let ship = self.new_shipment(lane, now, now + transit);
        for &(sku, u) in &lines {
            self.record_request(ctx.net, src, sku as usize, u as u64);
            let ix = self.ix(ctx.net, src, sku as usize);
            let queued = !self.bins.backlog[ix].is_empty();
            let give = if queued {
                0
            } else {
                u.min(self.bins.on_hand[ix])
            };
            self.service[Self::slot(ctx.net, src)].filled_units += give as u64;
            if give > 0 {
                let net_zero = self.take(ctx, src, sku as usize, give);
                let sh = &mut self.shipments[ship];
                sh.lines.push(Line {
                    sku,
                    units: give,
                    net_zero,
                });
                sh.units += give as u64;
            }
            if give < u {
                let sku = sku as usize;
                self.stockout(ctx.net, src, sku);
                let owed = Claim::Transfer {
                    lane,
                    units: u - give,
                };
                self.add_claim(ctx, src, sku, owed, u - give);
            }
        }
        let units = self.shipments[ship].units;
        if units > 0 {
            self.shipped[src] += units;
            self.depart_shipment(ctx, ship, now, now + transit);
        } else {
            self.shipments.release(ship);
        }
        self.close_request(r, lines);
    }

    /// Request `r` reaches a supplier or port that releases it at `release`.
    /// A supplier's goods start their lineage here (its own inbound is
    /// outside the model); a port's came by sea, which no net-zero mode of
    /// the model covers.
    pub fn release_at(&mut self, ctx: &mut Ctx, r: u32, release: Release) {
        let gr = &self.groups[self.requests[r].group as usize];
        let (lane, src) = (gr.lane, gr.source as usize);
        let by_sea = ctx.net.facilities[src].kind == FacilityKind::Port;
        let lines = std::mem::take(&mut self.requests[r].lines);
        let s = self.new_shipment(lane, release.at, release.at);
        let sh = &mut self.shipments[s];
        sh.lines.extend(lines.iter().map(|&(sku, units)| Line {
            sku,
            units,
            net_zero: if by_sea { 0 } else { units },
        }));
        sh.units = lines.iter().map(|&(_, u)| u as u64).sum();
        sh.voyage = release.voyage;
        // The voyage, when the scenario has the sea lane: its cost and CO2e.
        if let Some(v) = ctx.net.facilities[src].port.voyage {
            let trip = bulk_trip(ctx.net, v.lane, &self.shipments[s].lines);
            ctx.ledger.charge_trip(v.lane, trip);
        }
        ctx.queue.push(release.at, Ev::Release(s));
        self.close_request(r, lines);
    }

    fn close_request(&mut self, r: u32, mut lines: Vec<(u32, u32)>) {
        lines.clear();
        self.requests[r].lines = lines;
        self.requests.release(r);
    }

    fn new_shipment(&mut self, lane: u32, depart: SimTime, arrive: SimTime) -> u32 {
        let s = self.shipments.alloc();
        let sh = &mut self.shipments[s];
        sh.lane = lane;
        sh.lines.clear();
        sh.units = 0;
        sh.depart = depart;
        sh.arrive = arrive;
        sh.departed = false;
        sh.voyage = None;
        s
    }

    /// Ship `lines` from an FC's stock along `lane` now.
    fn ship_now(&mut self, ctx: &mut Ctx, lane: u32, lines: &[Line]) {
        let li = &ctx.net.lanes[lane as usize];
        let transit = ctx.net.disruptions.slowed(li.mode, ctx.now, li.transit_s);
        let s = self.new_shipment(lane, ctx.now, ctx.now + transit);
        self.shipments[s].lines.extend_from_slice(lines);
        let units = lines.iter().map(|l| l.units as u64).sum();
        self.shipments[s].units = units;
        self.shipped[ctx.net.lanes[lane as usize].from] += units;
        self.depart_shipment(ctx, s, ctx.now, ctx.now + transit);
    }

    /// A source hands shipment `s` to its lane: supplied from now on.
    pub fn on_release(&mut self, ctx: &mut Ctx, s: u32) {
        let units = self.shipments[s].units;
        ctx.ledger.supplied(units);
        let li = &ctx.net.lanes[self.shipments[s].lane as usize];
        self.shipped[li.from] += units;
        let now = ctx.now;
        let transit = ctx.net.disruptions.slowed(li.mode, now, li.transit_s);
        self.depart_shipment(ctx, s, now, now + transit);
    }

    /// Put a shipment on the road: cost, CO2e, in transit, arrival event.
    /// Units on a lane that is not net-zero lose their net-zero lineage.
    fn depart_shipment(&mut self, ctx: &mut Ctx, s: u32, depart: SimTime, arrive: SimTime) {
        let net = ctx.net;
        let li = &net.lanes[self.shipments[s].lane as usize];
        let arrive = arrive + self.clear_customs(ctx, s);
        if !li.net_zero {
            for l in &mut self.shipments[s].lines {
                l.net_zero = 0;
            }
        }
        let sh = &self.shipments[s];
        let trip = bulk_trip(net, sh.lane as usize, &sh.lines);
        ctx.ledger.charge_trip(sh.lane as usize, trip);
        ctx.ledger.shipment_departed(sh.units);
        let sh = &mut self.shipments[s];
        sh.depart = depart;
        sh.arrive = arrive;
        sh.departed = true;
        ctx.queue.push(arrive, Ev::ShipmentArrive(s));
    }

    /// Shipment `s` at its lane's border, if it has one: a wait, one
    /// declaration and duty on its goods' value. Returns the wait.
    fn clear_customs(&mut self, ctx: &mut Ctx, s: u32) -> SimTime {
        let sh = &self.shipments[s];
        let Some(c) = ctx.net.lanes[sh.lane as usize].customs else {
            return 0;
        };
        let value: f64 = sh
            .lines
            .iter()
            .map(|l| ctx.net.products[l.sku as usize].value * l.units as f64)
            .sum();
        let wait = c.wait(&mut self.rng_customs);
        ctx.ledger
            .customs_cleared(wait, 1, c.per_declaration, c.duty_rate * value);
        wait
    }

    /// Shipment `s` reaches its FC. Orders whose stock is now taken are
    /// pushed to `released` (to pick).
    pub fn on_shipment_arrive(&mut self, ctx: &mut Ctx, s: u32, released: &mut Vec<Released>) {
        let to = ctx.net.lanes[self.shipments[s].lane as usize].to;
        let lines = std::mem::take(&mut self.shipments[s].lines);
        ctx.ledger.shipment_arrived(self.shipments[s].units);
        for l in &lines {
            let ix = self.ix(ctx.net, to, l.sku as usize);
            self.bins.on_order[ix] = self.bins.on_order[ix].saturating_sub(l.units as u64);
            self.receive(ctx, to, l.sku as usize, (l.units, l.net_zero), released);
        }
        let sh = &mut self.shipments[s];
        sh.lines = lines;
        sh.lines.clear();
        sh.departed = false;
        sh.units = 0;
        self.shipments.release(s);
    }

    // Periods.

    /// Close a statistics period (`counted` once past the warm-up).
    pub fn close_period(&mut self, counted: bool) {
        for sv in &mut self.service {
            if counted {
                sv.demand.push(sv.period_demand);
                sv.ordered.push(sv.period_ordered);
            }
            sv.period_demand = 0.0;
            sv.period_ordered = 0.0;
            sv.stockouts_this_period = 0;
        }
        for &ix in &self.bins.flagged {
            self.bins.stockout[ix as usize] = false;
        }
        self.bins.flagged.clear();
    }

    /// Integrate holding and backorder costs up to `now` (period marks).
    pub fn touch_all(&mut self, now: SimTime) {
        for h in &mut self.holding {
            h.touch(now);
        }
    }

    /// Holding and backorder cost up to `now`, GBP.
    pub fn costs_at(&self, now: SimTime) -> (f64, f64) {
        (0..self.holding.len()).fold((0.0, 0.0), |(h, b), slot| {
            let x = self.holding_since(slot, now);
            (h + x.hold_cost, b + x.backorder_cost)
        })
    }

    /// Storage fees sellers owe up to `now`, GBP.
    pub fn storage_fees_at(&self, now: SimTime) -> f64 {
        (0..self.holding.len())
            .map(|slot| self.holding_since(slot, now).storage_fees)
            .sum()
    }

    /// Is facility `f` (an FC) short: backorders waiting or a stockout this period?
    pub fn short(&self, net: &Network, f: usize) -> bool {
        match net.fc_slot[f] {
            Some(slot) => {
                let slot = slot as usize;
                self.holding[slot].backlog_units > 0 || self.service[slot].stockouts_this_period > 0
            }
            None => false,
        }
    }
}

/// Does policy `pi`'s stock come by net-zero legs all the way from a
/// supplier (through any upstream FCs' own policies for the SKU)? A port's
/// stock came by sea, which is not.
/// When shipment `s` will reach its FC, as the planner knows at `now`: on
/// the road, its arrival; by sea, the port's release by the vessel's ETA
/// as last updated (never before now while it has not come) and the lane's
/// transit; at a supplier, its release and the transit.
fn known_arrival(net: &Network, sh: &Shipment, now: SimTime) -> SimTime {
    let li = &net.lanes[sh.lane as usize];
    if sh.departed {
        return sh.arrive;
    }
    match sh.voyage {
        Some(v) => {
            let every = net.facilities[li.from].port.eta_updates_s;
            crate::ocean::known_eta(v, now, every).max(now) + li.transit_s
        }
        None => sh.depart + li.transit_s,
    }
}

/// A bulk shipment of `lines` on lane `lane`: as many vehicles as a real
/// network would send (each loads the lane's share of a real one); km
/// charged are their share of the real km.
fn bulk_trip(net: &Network, lane: usize, lines: &[Line]) -> Trip {
    let li = &net.lanes[lane];
    let (mut kg, mut m3, mut units) = (0.0, 0.0, 0u64);
    for l in lines {
        let p = &net.products[l.sku as usize];
        kg += p.weight_kg * l.units as f64;
        m3 += p.volume_m3 * l.units as f64;
        units += l.units as u64;
    }
    let vehicles = libm::ceil((kg / li.capacity_kg).max(m3 / li.capacity_m3)).max(1.0);
    let km = vehicles * li.share * li.distance_km;
    let cost = li.tariff.per_km * km
        + li.tariff.per_unit * units as f64
        + li.tariff.per_tkm * li.distance_km * kg / 1000.0;
    let co2e_kg = match li.co2 {
        Co2Basis::PerVehicleKm(_) => trip_co2e_kg(li.co2, km, kg),
        Co2Basis::PerTonneKm(_) => trip_co2e_kg(li.co2, li.distance_km, kg),
    };
    Trip {
        cost,
        co2e_kg,
        km,
        vehicles: vehicles as u64,
        real_vehicles: vehicles * li.share,
        units,
        parcels: 0,
        fill: (kg / li.capacity_kg).max(m3 / li.capacity_m3),
        net_zero: li.net_zero,
    }
}

fn supply_net_zero(net: &Network, pi: usize) -> bool {
    let mut p = &net.policies[pi];
    // Each step goes one FC up; a chain longer than the policies is a loop.
    for _ in 0..net.policies.len() {
        if !net.lanes[p.lane].net_zero {
            return false;
        }
        match net.facilities[p.source].kind {
            FacilityKind::FulfillmentCenter => {
                let up = net
                    .policies
                    .iter()
                    .find(|q| q.fc == p.source && q.sku == p.sku);
                match up {
                    Some(q) => p = q,
                    None => return false,
                }
            }
            FacilityKind::Port => return false,
            _ => return true,
        }
    }
    false
}
