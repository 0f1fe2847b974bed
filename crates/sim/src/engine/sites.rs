//! Sites: the work done inside facilities.
//!
//! Every FC, sortation center, delivery station and supplier has one FIFO
//! deterministic-rate server, computed in closed form: work starts no
//! earlier than it arrives or the server frees, and runs only inside the
//! daily shifts. So a parcel needs no per-facility events: its ready time is
//! known when it arrives. FCs pick and pack; sortation centers and delivery
//! stations cross-dock; suppliers release after their production queue and
//! lead time, ports on the next vessel plus dwell. Each site also keeps its
//! flow statistics (work in process, time in the site, throughput) and its
//! handling cost and labour.

use super::crew;
use crate::network::{FacilityInfo, Network};
use crate::rng::{Rng, Stream};
use crate::scenario::FacilityKind;
use crate::time::{DAY, HOUR, MAX_DURATION, NEVER, SimTime};

/// One facility's server.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Server {
    pub next_free: SimTime,
    pub busy_s: f64,
    busy_at_period_start: f64,
    /// Busy share over the last completed period, 0..=1.
    pub last_utilisation: f64,
}

/// Flow through one facility.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct SiteFlow {
    /// Orders (parcels) inside the facility now.
    pub wip: u64,
    wip_area: f64,
    wip_t: SimTime,
    pub sojourn_sum_s: f64,
    pub sojourn_n: u64,
    pub arrivals: u64,
    /// Parcel units out (FCs and cross-docks) or delivered (zones).
    pub throughput_units: u64,
    pub throughput_orders: u64,
    pub handling_cost: f64,
}

impl SiteFlow {
    #[inline]
    fn wip_add(&mut self, now: SimTime, delta: i64) {
        self.wip_area += self.wip as f64 * (now - self.wip_t) as f64;
        self.wip_t = now;
        self.wip = (self.wip as i64 + delta) as u64;
    }

    /// Time-integral of work in process up to `now` (order-seconds).
    pub fn wip_area_at(&self, now: SimTime) -> f64 {
        self.wip_area + self.wip as f64 * (now - self.wip_t) as f64
    }

    /// What flowed since `b`, an earlier copy integrated to its time; the
    /// work in process is the current one.
    fn since(&self, b: &SiteFlow) -> SiteFlow {
        SiteFlow {
            wip: self.wip,
            wip_area: self.wip_area - b.wip_area,
            wip_t: self.wip_t,
            sojourn_sum_s: self.sojourn_sum_s - b.sojourn_sum_s,
            sojourn_n: self.sojourn_n - b.sojourn_n,
            arrivals: self.arrivals - b.arrivals,
            throughput_units: self.throughput_units - b.throughput_units,
            throughput_orders: self.throughput_orders - b.throughput_orders,
            handling_cost: self.handling_cost - b.handling_cost,
        }
    }

    fn handle(&mut self, fi: &FacilityInfo, units: u32) {
        self.handling_cost += fi.handling_cost_per_unit * units as f64;
    }
}

/// A port's vessel schedule: the k-th vessel, when it sailed (by sea),
/// when it was due and when it berths.
#[derive(Clone, Copy, Debug, Default)]
struct Vessels {
    k: u64,
    sailed: SimTime,
    due: SimTime,
    at: SimTime,
}

/// When a supplier or port releases goods and, by sea, the voyage they
/// came on: (sailed, release if on schedule, release) for the planner's
/// view of its ETA.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Release {
    pub at: SimTime,
    pub voyage: Option<(SimTime, SimTime, SimTime)>,
}

#[derive(Clone, Debug)]
pub(crate) struct Sites {
    servers: Vec<Server>,
    flow: Vec<SiteFlow>,
    vessels: Vec<Vessels>,
    rng_vessel: Rng,
    /// Keys the crews' absence draws.
    seed: u64,
    /// When the warm-up ended: labour and fixed costs count from here.
    warm_at: SimTime,
    /// Servers and flows as the warm-up ended: the figures count from here.
    base: Option<Box<(Vec<Server>, Vec<SiteFlow>)>>,
}

impl Sites {
    pub fn new(net: &Network, seed: u64) -> Sites {
        let n = net.facilities.len();
        let mut s = Sites {
            servers: vec![Server::default(); n],
            flow: vec![SiteFlow::default(); n],
            vessels: vec![Vessels::default(); n],
            rng_vessel: Rng::fork(seed, Stream::Vessel, 0),
            seed,
            warm_at: 0,
            base: None,
        };
        for (f, fi) in net.facilities.iter().enumerate() {
            if fi.kind == FacilityKind::Port {
                s.vessels[f] = s.vessel(fi, f, 0);
            }
        }
        s
    }

    /// The warm-up ended at `now`: the figures count from here.
    pub fn mark_warmup(&mut self, now: SimTime) {
        let mut flow = self.flow.clone();
        for f in &mut flow {
            f.wip_add(now, 0);
        }
        self.base = Some(Box::new((self.servers.clone(), flow)));
        self.warm_at = now;
    }

    /// Facility `f`'s server: busy time since the warm-up, its queue now.
    pub fn server(&self, f: usize) -> Server {
        let mut s = self.servers[f];
        if let Some(b) = &self.base {
            s.busy_s -= b.0[f].busy_s;
        }
        s
    }
    /// Flow through facility `f` since the warm-up.
    pub fn flow(&self, f: usize) -> SiteFlow {
        match &self.base {
            Some(b) => self.flow[f].since(&b.1[f]),
            None => self.flow[f],
        }
    }
    pub fn handling_cost(&self) -> f64 {
        (0..self.flow.len()).fold(0.0, |a, f| a + self.flow(f).handling_cost)
    }
    /// Rostered head-hours since the warm-up, over every facility.
    pub fn labour_hours(&self, net: &Network, now: SimTime) -> f64 {
        let head_s = |fi| crew::rostered_head_s(fi, now) - crew::rostered_head_s(fi, self.warm_at);
        net.facilities.iter().map(head_s).sum::<f64>() / HOUR as f64
    }

    /// Facilities' fixed costs since the warm-up, GBP.
    pub fn fixed_cost(&self, net: &Network, now: SimTime) -> f64 {
        let days = (now - self.warm_at) as f64 / DAY as f64;
        net.facilities
            .iter()
            .map(|fi| fi.crew.fixed_cost_per_day)
            .sum::<f64>()
            * days
    }

    /// When `work` seconds of design-rate work at `f` from `start` is done.
    fn finish(&self, fi: &FacilityInfo, f: usize, start: SimTime, work: SimTime) -> SimTime {
        if fi.crew.full_rate {
            finish_in_shifts(&fi.shifts, start, work)
        } else {
            crew::finish(fi, self.seed, f, start, work)
        }
    }

    /// When work queued at `f` from `t` may start: after the work ahead of
    /// it, and not during an outage.
    fn start_at(&self, net: &Network, f: usize, t: SimTime) -> SimTime {
        let start = t.max(self.servers[f].next_free).min(NEVER);
        net.disruptions.open_at(f, start).min(NEVER)
    }

    /// Queue `work_s` of work at `f`'s server from `t`; returns the finish time.
    fn serve(&mut self, net: &Network, f: usize, t: SimTime, work_s: SimTime) -> SimTime {
        let fi = &net.facilities[f];
        let work_s = work_s.min(MAX_DURATION);
        let start = self.start_at(net, f, t);
        let finish = self.finish(fi, f, start, work_s);
        let sv = &mut self.servers[f];
        sv.next_free = finish;
        sv.busy_s += work_s as f64;
        finish
    }

    /// A customer order enters FC `f` (in stock or waiting for it).
    pub fn order_arrived(&mut self, f: usize, now: SimTime) {
        let fl = &mut self.flow[f];
        fl.arrivals += 1;
        fl.wip_add(now, 1);
    }

    /// When `units` picked at FC `f` from `now` would be ready, were the
    /// order placed there (the server's queue and shifts; nothing changes).
    pub fn pick_estimate(&self, net: &Network, f: usize, units: u32, now: SimTime) -> SimTime {
        let fi = &net.facilities[f];
        let work = libm::ceil(units as f64 / fi.rate_per_s).min(MAX_DURATION as f64) as SimTime;
        let start = self.start_at(net, f, now);
        self.finish(fi, f, start, work)
    }

    /// Pick and pack `units` at FC `f`; returns when the parcel is ready.
    pub fn pick(&mut self, net: &Network, f: usize, units: u32, now: SimTime) -> SimTime {
        let fi = &net.facilities[f];
        let work = libm::ceil(units as f64 / fi.rate_per_s) as SimTime;
        let ready = self.serve(net, f, now, work);
        self.flow[f].handle(fi, units);
        ready
    }

    /// A parcel of `units` arrives at cross-dock `f` and is sorted; returns
    /// when it is ready for its next vehicle.
    pub fn cross_dock(&mut self, net: &Network, f: usize, units: u32, now: SimTime) -> SimTime {
        let fi = &net.facilities[f];
        let work = libm::ceil(1.0 / fi.rate_per_s) as SimTime;
        let ready = self.serve(net, f, now, work);
        let fl = &mut self.flow[f];
        fl.arrivals += 1;
        fl.wip_add(now, 1);
        fl.handle(fi, units);
        ready
    }

    /// A parcel that entered `f` at `since` leaves it on a vehicle.
    pub fn parcel_left(&mut self, f: usize, now: SimTime, since: SimTime, units: u32) {
        let fl = &mut self.flow[f];
        fl.sojourn_sum_s += (now - since) as f64;
        fl.sojourn_n += 1;
        fl.throughput_orders += 1;
        fl.throughput_units += units as u64;
        fl.wip_add(now, -1);
    }

    /// A parcel leaves `f` without a vehicle (it fits none).
    pub fn parcel_removed(&mut self, f: usize, now: SimTime) {
        self.flow[f].wip_add(now, -1);
    }

    /// A parcel of `units` reaches its customer in zone `z`.
    pub fn delivered(&mut self, z: usize, units: u32) {
        let fl = &mut self.flow[z];
        fl.throughput_orders += 1;
        fl.throughput_units += units as u64;
    }

    /// When supplier or port `f` releases `units` requested at `now`.
    pub fn release_time(&mut self, net: &Network, f: usize, units: u64, now: SimTime) -> Release {
        let fi = &net.facilities[f];
        if fi.kind != FacilityKind::Port {
            let at = self.supplier_release(net, f, units, now);
            return Release { at, voyage: None };
        }
        // By sea, the first vessel to sail once the supplier has the goods
        // ready; otherwise (goods already afloat) the next to berth.
        let voyage = fi.port.voyage;
        let ready = now + voyage.map_or(0, |v| v.origin_lead_s);
        while if voyage.is_some() {
            self.vessels[f].sailed < ready
        } else {
            self.vessels[f].at < now
        } {
            let k = self.vessels[f].k + 1;
            self.vessels[f] = self.vessel(fi, f, k);
        }
        let v = self.vessels[f];
        // A strike holds the goods until it ends.
        let at = net.disruptions.open_at(f, v.at + fi.port.dwell_s);
        let due = v.due + fi.port.dwell_s;
        Release {
            at,
            voyage: voyage.map(|_| (v.sailed, due, at)),
        }
    }

    /// When supplier `f` releases `units` requested at `now`.
    fn supplier_release(&mut self, net: &Network, f: usize, units: u64, now: SimTime) -> SimTime {
        let fi = &net.facilities[f];
        if fi.supply.production_per_s > 0.0 {
            let work = libm::ceil(units as f64 / fi.supply.production_per_s) as SimTime;
            self.serve(net, f, now, work) + fi.supply.lead_time_s
        } else {
            // A failed supplier ships nothing until it recovers.
            net.disruptions.open_at(f, now) + fi.supply.lead_time_s
        }
    }

    /// Vessel `k` of port `f`. Goods already afloat: it berths at
    /// (k+1)·interval + N(0, sd). By sea: it sails at k·interval and is
    /// due a voyage later, ± N(0, sd), never in less than half the voyage.
    /// Never before the previous vessel.
    fn vessel(&mut self, fi: &FacilityInfo, f: usize, k: u64) -> Vessels {
        let interval = fi.port.vessel_interval_s as f64;
        let (sailed, due) = match fi.port.voyage {
            Some(v) => {
                let sailed = k as f64 * interval;
                (sailed, sailed + v.transit_s as f64)
            }
            None => (0.0, (k + 1) as f64 * interval),
        };
        let noise = fi.port.eta_sd_s * crate::sample::std_normal(&mut self.rng_vessel);
        let earliest = (sailed + due) / 2.0;
        let t = (due + noise).max(if fi.port.voyage.is_some() {
            earliest
        } else {
            0.0
        });
        let clamp = |x: f64| libm::round(x.clamp(0.0, NEVER as f64)) as SimTime;
        Vessels {
            k,
            sailed: clamp(sailed),
            due: clamp(due),
            at: clamp(t).max(self.vessels[f].at),
        }
    }

    /// Close a statistics period of `period_s`: each server's utilisation.
    pub fn close_period(&mut self, period_s: SimTime) {
        let p = period_s as f64;
        for sv in &mut self.servers {
            sv.last_utilisation = ((sv.busy_s - sv.busy_at_period_start) / p).min(1.0);
            sv.busy_at_period_start = sv.busy_s;
        }
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
    use crate::time::HOUR;

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
