//! Inventory: stock, backlogs, reviews, replenishment requests and shipments.

use super::*;
use crate::emissions::{Co2Basis, trip_co2e_kg};
use crate::network::RuleInfo;
use crate::policy::order_quantity;

impl Engine {
    /// Demand seen by FC `f` for `sku` (customer orders and downstream requests).
    pub(crate) fn record_demand(&mut self, f: usize, sku: usize, units: u64) {
        let fs = &mut self.fac[f];
        fs.demanded_units += units;
        fs.period_demand += units as f64;
        let ix = self.ix(f, sku);
        let p = self.inv_policy[ix];
        if p != NONE {
            self.pol[p as usize].demand_since_review += units as f64;
        }
    }

    pub(crate) fn flag_stockout(&mut self, f: usize, ix: usize) {
        if !self.stockout_flag[ix] {
            self.stockout_flag[ix] = true;
            self.flagged.push(ix as u32);
            if self.inv_policy[ix] != NONE {
                self.fac[f].stockouts_this_period += 1;
            }
        }
    }

    pub(crate) fn take_stock(&mut self, f: usize, sku: usize, units: u32) {
        let now = self.now;
        let ix = self.ix(f, sku);
        let h = self.net.products[sku].holding_per_unit_s;
        let fs = &mut self.fac[f];
        fs.stock_touch(now);
        fs.on_hand -= units as u64;
        fs.hold_rate -= h * units as f64;
        self.on_hand[ix] -= units;
        self.t.stock -= units as u64;
    }

    pub(crate) fn add_claim(&mut self, f: usize, sku: usize, claim: Claim, units: u32) {
        let now = self.now;
        let ix = self.ix(f, sku);
        let b = self.net.products[sku].backorder_per_unit_s;
        let fs = &mut self.fac[f];
        fs.stock_touch(now);
        fs.backlog_units += units as u64;
        fs.backlog_rate += b * units as f64;
        self.backlog[ix].push_back(claim);
        self.backlog_units[ix] += units as u64;
    }

    fn reduce_backlog(&mut self, f: usize, sku: usize, units: u32) {
        let now = self.now;
        let ix = self.ix(f, sku);
        let b = self.net.products[sku].backorder_per_unit_s;
        let fs = &mut self.fac[f];
        fs.stock_touch(now);
        fs.backlog_units -= units as u64;
        fs.backlog_rate -= b * units as f64;
        self.backlog_units[ix] -= units as u64;
    }

    /// Units arrive at FC `f`: add to stock, then serve the backlog FIFO.
    pub(crate) fn receive(&mut self, f: usize, sku: usize, units: u32) {
        let now = self.now;
        let ix = self.ix(f, sku);
        let h = self.net.products[sku].holding_per_unit_s;
        let fs = &mut self.fac[f];
        fs.stock_touch(now);
        fs.on_hand += units as u64;
        fs.hold_rate += h * units as f64;
        self.on_hand[ix] += units;
        self.t.stock += units as u64;
        while let Some(&claim) = self.backlog[ix].front() {
            match claim {
                Claim::Order(id) => {
                    let u = self.orders[id as usize].units;
                    if self.on_hand[ix] < u {
                        break;
                    }
                    self.backlog[ix].pop_front();
                    self.reduce_backlog(f, sku, u);
                    self.take_stock(f, sku, u);
                    self.start_pick(id);
                }
                Claim::Transfer { lane, units: owed } => {
                    let give = owed.min(self.on_hand[ix]);
                    if give == 0 {
                        break;
                    }
                    self.reduce_backlog(f, sku, give);
                    self.take_stock(f, sku, give);
                    self.ship_from_fc(lane, sku as u32, give);
                    if give == owed {
                        self.backlog[ix].pop_front();
                    } else {
                        self.backlog[ix][0] = Claim::Transfer {
                            lane,
                            units: owed - give,
                        };
                        break;
                    }
                }
            }
        }
    }

    pub(super) fn on_review(&mut self, g: u32) {
        let now = self.now;
        let (fc, review_s, delay) = {
            let gr = &self.groups[g as usize];
            (gr.fc as usize, gr.review_s, gr.order_delay_s)
        };
        let per_period = self.net.period_s as f64 / review_s as f64;
        let r = self.new_request(g);
        for k in 0..self.groups[g as usize].policies.len() {
            let pi = self.groups[g as usize].policies[k] as usize;
            let ps = &mut self.pol[pi];
            // A fixed-level rule whose position has not moved since it last
            // ordered (no demand; receipts leave the position unchanged)
            // would order nothing: skip it.
            if ps.fixed_level && ps.demand_since_review == 0.0 {
                continue;
            }
            let (sku, rule, ix) = (ps.sku as usize, ps.rule, ps.ix as usize);
            ps.forecast.observe(ps.demand_since_review * per_period);
            ps.demand_since_review = 0.0;
            let (mean, sd) = match rule {
                RuleInfo::Periodic { z: Some(_), .. } => (ps.forecast.mean(), ps.forecast.sd()),
                _ => (ps.forecast.mean(), 0.0),
            };
            let position =
                self.on_hand[ix] as f64 + self.on_order[ix] as f64 - self.backlog_units[ix] as f64;
            let q = order_quantity(rule, position, mean, sd).min(u32::MAX as u64 / 2);
            if q > 0 {
                self.on_order[ix] += q;
                self.fac[fc].period_ordered += q as f64;
                self.requests[r as usize].lines.push((sku as u32, q as u32));
            }
        }
        if self.requests[r as usize].lines.is_empty() {
            self.free_requests.push(r);
        } else {
            self.queue.push(now + delay, Ev::Request(r));
        }
        self.queue.push(now + review_s, Ev::Review(g));
    }

    fn new_request(&mut self, g: u32) -> u32 {
        let r = match self.free_requests.pop() {
            Some(r) => r,
            None => {
                self.requests.push(Request::default());
                (self.requests.len() - 1) as u32
            }
        };
        self.requests[r as usize].group = g;
        self.requests[r as usize].lines.clear();
        r
    }

    pub(crate) fn new_shipment(&mut self, lane: u32, depart: SimTime, arrive: SimTime) -> u32 {
        let s = match self.free_shipments.pop() {
            Some(s) => s,
            None => {
                self.shipments.push(Shipment::default());
                (self.shipments.len() - 1) as u32
            }
        };
        let sh = &mut self.shipments[s as usize];
        sh.lane = lane;
        sh.lines.clear();
        sh.units = 0;
        sh.depart = depart;
        sh.arrive = arrive;
        sh.active = false;
        s
    }

    /// A request reaches its source.
    pub(super) fn on_request(&mut self, r: u32) {
        let now = self.now;
        let g = self.requests[r as usize].group as usize;
        let (src, lane) = (self.groups[g].source as usize, self.groups[g].lane);
        let lines = std::mem::take(&mut self.requests[r as usize].lines);
        let units: u64 = lines.iter().map(|&(_, u)| u as u64).sum();
        match self.net.facilities[src].kind {
            FacilityKind::FulfillmentCenter => {
                // What is on hand leaves together on one shipment; the rest is owed.
                let transit = self.net.lanes[lane as usize].transit_s;
                let ship = self.new_shipment(lane, now, now + transit);
                for &(sku, u) in &lines {
                    let sku = sku as usize;
                    self.record_demand(src, sku, u as u64);
                    let ix = self.ix(src, sku);
                    let queued = !self.backlog[ix].is_empty();
                    let give = if queued { 0 } else { u.min(self.on_hand[ix]) };
                    self.fac[src].filled_units += give as u64;
                    if give > 0 {
                        self.take_stock(src, sku, give);
                        let sh = &mut self.shipments[ship as usize];
                        sh.lines.push((sku as u32, give));
                        sh.units += give as u64;
                    }
                    if give < u {
                        self.flag_stockout(src, ix);
                        let owed = Claim::Transfer {
                            lane,
                            units: u - give,
                        };
                        self.add_claim(src, sku, owed, u - give);
                    }
                }
                let units = self.shipments[ship as usize].units;
                if units > 0 {
                    self.fac[src].throughput_units += units;
                    self.depart_shipment(ship, now, now + transit);
                } else {
                    self.free_shipments.push(ship);
                }
            }
            kind => {
                let fi = &self.net.facilities[src];
                let release = if kind == FacilityKind::Port {
                    let dwell = fi.dwell_s;
                    // Next vessel at or after now.
                    while self.fac[src].vessel_at < now {
                        self.fac[src].vessel_k += 1;
                        let k = self.fac[src].vessel_k;
                        self.fac[src].vessel_at = self.vessel_time(src, k);
                    }
                    self.fac[src].vessel_at + dwell
                } else if fi.production_per_s > 0.0 {
                    let lead = fi.lead_time_s;
                    let work = libm::ceil(units as f64 / fi.production_per_s) as SimTime;
                    self.serve(src, now, work) + lead
                } else {
                    now + fi.lead_time_s
                };
                let s = self.new_shipment(lane, release, release);
                let sh = &mut self.shipments[s as usize];
                sh.lines.extend_from_slice(&lines);
                sh.units = units;
                self.queue.push(release, Ev::Release(s));
            }
        }
        self.requests[r as usize].lines = lines;
        self.free_requests.push(r);
    }

    /// Ship `units` of `sku` from an FC's stock along `lane` now.
    fn ship_from_fc(&mut self, lane: u32, sku: u32, units: u32) {
        let now = self.now;
        let transit = self.net.lanes[lane as usize].transit_s;
        let s = self.new_shipment(lane, now, now + transit);
        self.shipments[s as usize].lines.push((sku, units));
        self.shipments[s as usize].units = units as u64;
        let from = self.net.lanes[lane as usize].from;
        self.fac[from].throughput_units += units as u64;
        self.depart_shipment(s, now, now + transit);
    }

    /// A source hands a shipment to its lane: supplied from now on.
    pub(super) fn on_release(&mut self, s: u32) {
        let now = self.now;
        let units = self.shipments[s as usize].units;
        self.t.supplied += units;
        let lane = self.shipments[s as usize].lane as usize;
        let from = self.net.lanes[lane].from;
        self.fac[from].throughput_units += units;
        let transit = self.net.lanes[lane].transit_s;
        self.depart_shipment(s, now, now + transit);
    }

    /// Put a shipment on the road: cost, CO2e, in-transit, arrival event.
    pub(crate) fn depart_shipment(&mut self, s: u32, depart: SimTime, arrive: SimTime) {
        let lane = self.shipments[s as usize].lane as usize;
        let li = &self.net.lanes[lane];
        let (mut kg, mut m3) = (0.0, 0.0);
        for &(sku, u) in &self.shipments[s as usize].lines {
            let p = &self.net.products[sku as usize];
            kg += p.weight_kg * u as f64;
            m3 += p.volume_m3 * u as f64;
        }
        let units = self.shipments[s as usize].units;
        let vehicles = libm::ceil((kg / li.capacity_kg).max(m3 / li.capacity_m3)).max(1.0);
        let cost = vehicles * li.cost_per_km * li.distance_km
            + li.cost_per_unit * units as f64
            + li.cost_per_tkm * li.distance_km * kg / 1000.0;
        let co2 = match li.co2 {
            Co2Basis::PerVehicleKm(_) => vehicles * trip_co2e_kg(li.co2, li.distance_km, kg),
            Co2Basis::PerTonneKm(_) => trip_co2e_kg(li.co2, li.distance_km, kg),
        };
        self.t.transport_cost += cost;
        self.t.co2e_kg += co2;
        self.lanes[lane].cost += cost;
        self.lanes[lane].co2e_kg += co2;
        self.lanes[lane].km += vehicles * li.distance_km;
        // Absurd capacities (a valid but tiny capacity_kg) can make `vehicles`
        // astronomically large; count saturating rather than overflow.
        self.t.vehicle_trips = self.t.vehicle_trips.saturating_add(vehicles as u64);
        self.t.vehicle_km += vehicles * li.distance_km;
        self.t.in_shipments += units;
        self.lanes[lane].trips += 1;
        self.lanes[lane].units += units;
        let sh = &mut self.shipments[s as usize];
        sh.depart = depart;
        sh.arrive = arrive;
        sh.active = true;
        self.queue.push(arrive, Ev::ShipmentArrive(s));
    }

    pub(super) fn on_shipment_arrive(&mut self, s: u32) {
        let lane = self.shipments[s as usize].lane as usize;
        let to = self.net.lanes[lane].to;
        let lines = std::mem::take(&mut self.shipments[s as usize].lines);
        self.t.in_shipments -= self.shipments[s as usize].units;
        for &(sku, u) in &lines {
            let ix = self.ix(to, sku as usize);
            self.on_order[ix] = self.on_order[ix].saturating_sub(u as u64);
            self.receive(to, sku as usize, u);
        }
        let sh = &mut self.shipments[s as usize];
        sh.lines = lines;
        sh.lines.clear();
        sh.active = false;
        sh.units = 0;
        self.free_shipments.push(s);
    }

    /// Cost so far (holding and backorder integrated to now).
    pub(crate) fn total_cost_now(&mut self) -> f64 {
        let now = self.now;
        let mut c = self.t.transport_cost + self.t.lost_sale_cost;
        for fs in &mut self.fac {
            fs.stock_touch(now);
            c += fs.hold_cost
                + fs.backorder_cost
                + fs.handling_cost
                + fs.labour_hours * self.net.wage_per_hour;
        }
        c
    }
}
