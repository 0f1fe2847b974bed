//! Order flow: demand → FC assignment → pick/pack → lanes → cross-docks →
//! last mile → delivered.

use super::*;
use crate::emissions::trip_co2e_kg;
use crate::scenario::{Promise, StockoutRule};

/// Beardwood–Halton–Hammersley constant: a TSP tour through n random points
/// in area A has length ≈ 0.7124·√(n·A).
const BHH: f64 = 0.7124;

impl Engine {
    pub(super) fn on_demand_hour(&mut self) {
        let t = self.now;
        self.pending.clear();
        self.pending_pos = 0;
        for s in 0..self.net.demand.len() {
            let mean = self.stream(s).mean_at(t, self.demand_mult);
            let n = self.net.demand[s].draw(&mut self.rng_demand, mean, &mut self.draw_state[s]);
            let d = &self.net.demand[s];
            let table = &self.net.sku_tables[d.sku_table];
            for _ in 0..n {
                // Uniform arrival instants within the hour.
                let at = t + self.rng_arrival.below(HOUR);
                let sku = table.sample(&mut self.rng_sku) as u32;
                let mc =
                    d.multichannel_share > 0.0 && self.rng_arrival.f64() < d.multichannel_share;
                self.pending.push((at, s as u32, sku, mc));
            }
        }
        // Stable: equal instants keep stream order.
        self.pending.sort_by_key(|p| p.0);
        if let Some(&(at, ..)) = self.pending.first() {
            self.queue.push(at, Ev::Orders);
        }
        self.queue.push(t + HOUR, Ev::DemandHour);
    }

    /// Order arrivals. Instants strictly before every queued event (and within
    /// the current run limit) are processed here directly, without a round
    /// trip through the heap: nothing else can happen in between, so the
    /// result is the same, and each instant still counts as one event.
    pub(super) fn on_orders(&mut self) {
        loop {
            let now = self.now;
            while self.pending_pos < self.pending.len() && self.pending[self.pending_pos].0 == now {
                let (_, s, sku, mc) = self.pending[self.pending_pos];
                self.pending_pos += 1;
                self.place_order(s as usize, sku as usize, mc);
            }
            let Some(&(at, ..)) = self.pending.get(self.pending_pos) else {
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

    fn deadline(&self, zone: usize, placed: SimTime) -> SimTime {
        let day = placed / DAY;
        let hour = (placed % DAY) / HOUR;
        let days = match self.net.facilities[zone].promise {
            // Same-day cut-off at 14:00, then it is next-day.
            Some(Promise::SameDay) => u64::from(hour >= 14),
            Some(Promise::NextDay) | None => 1,
            Some(Promise::TwoDay) => 2,
        };
        (day + days + 1) * DAY
    }

    fn alloc_order(&mut self, o: Order) -> u32 {
        match self.free_orders.pop() {
            Some(id) => {
                self.orders[id as usize] = o;
                id
            }
            None => {
                self.orders.push(o);
                (self.orders.len() - 1) as u32
            }
        }
    }

    fn free_order(&mut self, id: u32) {
        self.orders[id as usize].state = OrderState::Free;
        self.free_orders.push(id);
    }

    fn place_order(&mut self, stream: usize, sku: usize, multichannel: bool) {
        let now = self.now;
        let d = &self.net.demand[stream];
        let zone = d.zone;
        let units = d.units_per_order;
        self.t.placed += 1;
        self.t.customer_units += units as u64;
        if multichannel {
            self.t.multichannel += 1;
        }
        // Pluggable assignment: candidates are pre-sorted by the scenario's rule;
        // take the first with stock, else the first (it backorders there).
        let cands = &self.net.candidates[zone];
        let mut pick = None;
        for &(f, r) in cands {
            let ix = self.ix(f as usize, sku);
            if self.on_hand[ix] >= units && self.backlog_units[ix] == 0 {
                pick = Some((f, r));
                break;
            }
        }
        let (f, r, in_stock) = match pick {
            Some((f, r)) => (f, r, true),
            None => {
                let (f, r) = cands[0];
                (f, r, false)
            }
        };
        let fu = f as usize;
        let ix = self.ix(fu, sku);
        self.record_demand(fu, sku, units as u64);
        let p = &self.net.products[sku];
        let lost_sale_cost = p.lost_sale_cost;
        let o = Order {
            placed: now,
            deadline: self.deadline(zone, now),
            node_in: now,
            ready: now,
            units,
            zone: zone as u32,
            fc: f,
            route: r,
            leg: 0,
            state: OrderState::Backlogged,
            weight_kg: (p.weight_kg * units as f64) as f32,
            volume_m3: (p.volume_m3 * units as f64) as f32,
        };
        if in_stock {
            self.fac[fu].filled_units += units as u64;
            self.t.customer_units_filled += units as u64;
            self.take_stock(fu, sku, units);
            let id = self.alloc_order(o);
            self.fac[fu].arrivals += 1;
            self.fac[fu].wip_add(now, 1);
            self.start_pick(id);
        } else {
            self.flag_stockout(fu, ix);
            match self.net.stockout {
                StockoutRule::LostSale => {
                    self.t.lost_sales += 1;
                    self.t.lost_sale_cost += lost_sale_cost * units as f64;
                }
                StockoutRule::Backorder => {
                    self.t.backordered += 1;
                    let id = self.alloc_order(o);
                    self.fac[fu].arrivals += 1;
                    self.fac[fu].wip_add(now, 1);
                    self.add_claim(fu, sku, Claim::Order(id), units);
                }
            }
        }
    }

    /// Stock for order `id` has been taken at its FC: pick and pack it.
    pub(crate) fn start_pick(&mut self, id: u32) {
        let now = self.now;
        let o = self.orders[id as usize];
        let f = o.fc as usize;
        let fi = &self.net.facilities[f];
        let work = libm::ceil(o.units as f64 / fi.rate_per_s) as SimTime;
        let (handling, labour) = (fi.handling_cost_per_unit, fi.labour_hours_per_unit);
        let ready = self.serve(f, now, work);
        let fs = &mut self.fac[f];
        fs.handling_cost += handling * o.units as f64;
        fs.labour_hours += labour * o.units as f64;
        self.t.at_fc += o.units as u64;
        let ord = &mut self.orders[id as usize];
        ord.ready = ready;
        ord.state = OrderState::AtNode;
        let lane = self.net.routes[o.route as usize][0];
        self.enqueue(lane, id);
    }

    /// Put a ready-later parcel on a lane's outbound dock.
    fn enqueue(&mut self, lane: u32, id: u32) {
        let o = &self.orders[id as usize];
        let (ready, kg, m3) = (o.ready, o.weight_kg as f64, o.volume_m3 as f64);
        let li = &self.net.lanes[lane as usize];
        let (cap_kg, cap_m3, when_full) = (li.capacity_kg, li.capacity_m3, li.when_full);
        let ls = &mut self.lanes[lane as usize];
        ls.buffer.push_back(id);
        ls.buf_kg += kg;
        ls.buf_m3 += m3;
        if when_full && !ls.trigger_pending && (ls.buf_kg >= cap_kg || ls.buf_m3 >= cap_m3) {
            ls.trigger_pending = true;
            self.queue
                .push(ready.max(self.now), Ev::Dispatch(lane, Departure::Full));
        }
    }

    /// Vehicles available on a lane now (None = unlimited).
    fn fleet_free(&self, lane: usize) -> Option<(usize, SimTime)> {
        let ls = &self.lanes[lane];
        let li = &self.net.lanes[lane];
        li.vehicles?;
        let hour = ((self.now % DAY) / HOUR) as usize;
        let n = match &li.hourly_availability {
            Some(a) => libm::round(a[hour] * ls.busy_until.len() as f64) as usize,
            None => ls.busy_until.len(),
        };
        // Lowest-index free vehicle among the first n; else the earliest to return.
        let mut earliest = SimTime::MAX;
        for (i, &b) in ls.busy_until.iter().take(n).enumerate() {
            if b <= self.now {
                return Some((i, self.now));
            }
            earliest = earliest.min(b);
        }
        if n == 0 {
            // No drivers this hour: try again at the next hour.
            earliest = (self.now / HOUR + 1) * HOUR;
        }
        Some((usize::MAX, earliest))
    }

    pub(super) fn on_dispatch(&mut self, lane: u32, why: Departure) {
        let now = self.now;
        let l = lane as usize;
        let li = self.net.lanes[l].clone_params();
        let send_all = why != Departure::Full;
        if why == Departure::Timetable {
            if let Some(every) = li.every_s {
                self.queue
                    .push(now + every, Ev::Dispatch(lane, Departure::Timetable));
            }
        } else {
            self.lanes[l].trigger_pending = false;
        }
        while let Some(&front) = self.lanes[l].buffer.front() {
            if self.orders[front as usize].ready > now {
                break;
            }
            // Full-load trigger sends only full vehicles; the timetable sends all.
            if !send_all
                && self.lanes[l].buf_kg < li.capacity_kg
                && self.lanes[l].buf_m3 < li.capacity_m3
            {
                break;
            }
            let vehicle_slot = match self.fleet_free(l) {
                None => None,
                Some((usize::MAX, when)) => {
                    self.retry_dispatch(lane, send_all, when.max(now + 1));
                    return;
                }
                Some((i, _)) => Some(i),
            };
            if li.downtime_prob > 0.0 && self.rng_weather.f64() < li.downtime_prob {
                // Grounded by weather: retry in an hour.
                self.retry_dispatch(lane, send_all, now + HOUR);
                return;
            }
            self.load_vehicle(l, &li, vehicle_slot);
        }
        // Re-arm the full-load trigger for what is left.
        if li.when_full && !self.lanes[l].trigger_pending {
            let mut kg = 0.0;
            let mut m3 = 0.0;
            let mut at = None;
            for &id in &self.lanes[l].buffer {
                let o = &self.orders[id as usize];
                kg += o.weight_kg as f64;
                m3 += o.volume_m3 as f64;
                if kg >= li.capacity_kg || m3 >= li.capacity_m3 {
                    at = Some(o.ready);
                    break;
                }
            }
            if let Some(at) = at {
                self.lanes[l].trigger_pending = true;
                self.queue
                    .push(at.max(now + 1), Ev::Dispatch(lane, Departure::Full));
            }
        }
    }

    /// Try the lane again at `at` (no fleet free, or grounded), unless a
    /// retry is already pending; a timetable departure retries as one.
    fn retry_dispatch(&mut self, lane: u32, send_all: bool, at: SimTime) {
        let ls = &mut self.lanes[lane as usize];
        if ls.trigger_pending {
            return;
        }
        ls.trigger_pending = true;
        let why = if send_all {
            Departure::Retry
        } else {
            Departure::Full
        };
        self.queue.push(at, Ev::Dispatch(lane, why));
    }

    fn new_vehicle(&mut self) -> u32 {
        match self.free_vehicles.pop() {
            Some(v) => v,
            None => {
                self.vehicles.push(Vehicle::default());
                (self.vehicles.len() - 1) as u32
            }
        }
    }

    fn load_vehicle(&mut self, l: usize, li: &LaneParams, slot: Option<usize>) {
        let now = self.now;
        let v = self.new_vehicle();
        let mut orders = std::mem::take(&mut self.vehicles[v as usize].orders);
        orders.clear();
        let (mut kg, mut m3, mut units) = (0.0, 0.0, 0u32);
        let from = li.from;
        while let Some(&id) = self.lanes[l].buffer.front() {
            let o = &self.orders[id as usize];
            if o.ready > now {
                break;
            }
            let (ok, om) = (o.weight_kg as f64, o.volume_m3 as f64);
            if !orders.is_empty() && (kg + ok > li.capacity_kg || m3 + om > li.capacity_m3) {
                break;
            }
            self.lanes[l].buffer.pop_front();
            self.lanes[l].buf_kg -= ok;
            self.lanes[l].buf_m3 -= om;
            kg += ok;
            m3 += om;
            units += o.units;
            let sojourn = (now - o.node_in) as f64;
            let fs = &mut self.fac[from];
            fs.sojourn_sum_s += sojourn;
            fs.sojourn_n += 1;
            fs.throughput_orders += 1;
            fs.throughput_units += o.units as u64;
            fs.wip_add(now, -1);
            self.orders[id as usize].state = OrderState::InVehicle;
            orders.push(id);
        }
        if self.lanes[l].buffer.is_empty() {
            // Clear float drift.
            self.lanes[l].buf_kg = 0.0;
            self.lanes[l].buf_m3 = 0.0;
        }
        let n = orders.len() as f64;
        if self.net.facilities[from].kind == FacilityKind::FulfillmentCenter {
            self.t.at_fc -= units as u64;
        } else {
            self.t.at_crossdock -= units as u64;
        }
        self.t.in_vehicles += units as u64;
        // Last mile: drive to the zone, tour it, come back.
        let to_zone = self.net.facilities[li.to].kind == FacilityKind::CustomerZone;
        let (tour_s, km) = if to_zone {
            let r = self.net.facilities[li.to].radius_km;
            let area = core::f64::consts::PI * r * r;
            let tour_km = BHH * libm::sqrt(n * area);
            let tour_s = crate::time::seconds(
                tour_km / li.speed_kmh * HOUR as f64 + (li.stop_s * orders.len() as SimTime) as f64,
            );
            (tour_s, 2.0 * li.distance_km + tour_km)
        } else {
            (0, li.distance_km)
        };
        let arrive = now + li.transit_s + tour_s;
        if let Some(i) = slot {
            self.lanes[l].busy_until[i] = now + 2 * li.transit_s + tour_s;
        }
        let cost = li.cost_per_km * km
            + li.cost_per_unit * units as f64
            + li.cost_per_tkm * km * kg / 1000.0;
        let co2 = trip_co2e_kg(li.co2, km, kg);
        self.t.transport_cost += cost;
        self.t.co2e_kg += co2;
        self.lanes[l].cost += cost;
        self.lanes[l].co2e_kg += co2;
        self.lanes[l].km += km;
        self.t.vehicle_trips += 1;
        self.t.vehicle_km += km;
        self.t.legs += orders.len() as u64;
        if li.net_zero {
            self.t.net_zero_legs += orders.len() as u64;
        }
        self.lanes[l].trips += 1;
        self.lanes[l].units += units as u64;
        let veh = &mut self.vehicles[v as usize];
        veh.lane = l as u32;
        veh.depart = now;
        veh.arrive = arrive;
        veh.units = units;
        veh.orders = orders;
        veh.active = true;
        self.queue.push(arrive, Ev::VehicleArrive(v));
    }

    pub(super) fn on_vehicle_arrive(&mut self, v: u32) {
        let now = self.now;
        let l = self.vehicles[v as usize].lane as usize;
        let li = self.net.lanes[l].clone_params();
        let orders = std::mem::take(&mut self.vehicles[v as usize].orders);
        let depart = self.vehicles[v as usize].depart;
        let units = self.vehicles[v as usize].units;
        self.t.in_vehicles -= units as u64;
        let to = li.to;
        let to_zone = self.net.facilities[to].kind == FacilityKind::CustomerZone;
        let n = orders.len() as u64;
        let tour_start = depart + li.transit_s;
        for (k, &id) in orders.iter().enumerate() {
            let o = self.orders[id as usize];
            if li.loss_rate > 0.0 && self.rng_loss.f64() < li.loss_rate {
                self.t.lost_in_transit += 1;
                self.t.lost_units += o.units as u64;
                self.free_order(id);
                continue;
            }
            if to_zone {
                // Drop k of n along the tour.
                let at = tour_start + (now - tour_start) * (k as u64 + 1) / n.max(1);
                self.deliver(id, at);
            } else {
                let fi = &self.net.facilities[to];
                let work = libm::ceil(1.0 / fi.rate_per_s) as SimTime;
                let (h, lab) = (fi.handling_cost_per_unit, fi.labour_hours_per_unit);
                let ready = self.serve(to, now, work);
                let fs = &mut self.fac[to];
                fs.arrivals += 1;
                fs.wip_add(now, 1);
                fs.handling_cost += h * o.units as f64;
                fs.labour_hours += lab * o.units as f64;
                self.t.at_crossdock += o.units as u64;
                let ord = &mut self.orders[id as usize];
                ord.node_in = now;
                ord.ready = ready;
                ord.leg += 1;
                ord.state = OrderState::AtNode;
                let next = self.net.routes[o.route as usize][ord.leg as usize];
                self.enqueue(next, id);
            }
        }
        let veh = &mut self.vehicles[v as usize];
        veh.orders = orders;
        veh.orders.clear();
        veh.active = false;
        veh.units = 0;
        self.free_vehicles.push(v);
    }

    fn deliver(&mut self, id: u32, at: SimTime) {
        let o = self.orders[id as usize];
        let lead = at.saturating_sub(o.placed);
        self.t.delivered += 1;
        self.t.delivered_units += o.units as u64;
        self.t.lead_sum_s += lead as f64;
        self.t.lead_hist.push(lead);
        if at <= o.deadline {
            self.t.on_time += 1;
        } else {
            self.t.late += 1;
        }
        let z = &mut self.fac[o.zone as usize];
        z.throughput_orders += 1;
        z.throughput_units += o.units as u64;
        self.free_order(id);
    }
}

/// The lane fields the dispatch path needs, copied so `self` stays borrowable.
#[derive(Clone, Copy, Debug)]
pub(crate) struct LaneParams {
    pub from: usize,
    pub to: usize,
    pub distance_km: f64,
    pub transit_s: SimTime,
    pub speed_kmh: f64,
    pub cost_per_km: f64,
    pub cost_per_unit: f64,
    pub cost_per_tkm: f64,
    pub capacity_kg: f64,
    pub capacity_m3: f64,
    pub every_s: Option<SimTime>,
    pub when_full: bool,
    pub co2: crate::emissions::Co2Basis,
    pub net_zero: bool,
    pub stop_s: SimTime,
    pub downtime_prob: f64,
    pub loss_rate: f64,
}

impl crate::network::LaneInfo {
    pub(crate) fn clone_params(&self) -> LaneParams {
        LaneParams {
            from: self.from,
            to: self.to,
            distance_km: self.distance_km,
            transit_s: self.transit_s,
            speed_kmh: self.speed_kmh,
            cost_per_km: self.cost_per_km,
            cost_per_unit: self.cost_per_unit,
            cost_per_tkm: self.cost_per_tkm,
            capacity_kg: self.capacity_kg,
            capacity_m3: self.capacity_m3,
            every_s: self.every_s,
            when_full: self.when_full,
            co2: self.co2,
            net_zero: self.net_zero,
            stop_s: self.stop_s,
            downtime_prob: self.downtime_prob,
            loss_rate: self.loss_rate,
        }
    }
}
