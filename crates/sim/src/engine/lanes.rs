//! Lanes: docks, fleets, dispatch, parcel trips and the last mile.
//!
//! A parcel waits on its lane's outbound dock until a departure: the
//! timetable (every N hours, everything ready leaves, as many vehicles as
//! needed), or a full vehicle (weight or volume) when the lane dispatches
//! `when_full`. A fleet limit makes departures wait for a returning vehicle
//! (busy for the round trip); crowdsourced fleets vary by hour; drones can be
//! grounded by weather (retry in an hour).
//!
//! Last mile: a vehicle to a zone drives out, tours its district and
//! returns. Its district is its share of the departure's stops, so a round
//! of n stops is n · k·√(A/wave) km ([`geo::km_per_stop`], k calibrated
//! against built rounds) plus `stop_s` per stop; parcels drop evenly along
//! the tour. Drones fly out and back per parcel. Each simulated vehicle is
//! its lane's share of a real one (the scenario's scale): it loads that
//! share of a real payload and is charged that share of the round's km,
//! hours and CO2e. Linehaul counts one way (backhaul assumed).

use super::Ctx;
use super::ledger::Trip;
use super::pool::{Pool, Slot};
use super::queue::{Departure, Ev, EventQueue};
use crate::channels::RANKS;
use crate::defaults::DRIVER_DUTY_HOURS;
use crate::emissions::{Co2Basis, Mode, trip_co2e_kg};
use crate::geo;
use crate::network::{LaneInfo, Network};
use crate::rng::{Rng, Stream};
use crate::scenario::FacilityKind;
use crate::time::{DAY, HOUR, SimTime};
use std::collections::VecDeque;

/// A parcel on a dock or in a vehicle (24 bytes: docks hold many).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Parcel {
    /// When it is sorted or packed and may leave.
    pub ready: SimTime,
    /// The order it carries.
    pub id: u32,
    pub units: u32,
    pub kg: f32,
    pub m3: f32,
}

/// A lane's outbound dock: one queue per boarding rank, each in the order
/// its parcels became ready (the facility's server is first come, first
/// served, so each queue's ready times never decrease).
#[derive(Clone, Debug, Default)]
struct Dock {
    queues: [VecDeque<Parcel>; RANKS],
    kg: f64,
    m3: f64,
    /// A full-load or retry departure is already queued.
    pending: bool,
}

impl Dock {
    fn len(&self) -> usize {
        self.queues.iter().map(VecDeque::len).sum()
    }

    fn is_empty(&self) -> bool {
        self.queues.iter().all(VecDeque::is_empty)
    }

    /// The rank whose parcel boards next: the first with a parcel ready.
    fn next_ready(&self, now: SimTime) -> Option<usize> {
        self.queues
            .iter()
            .position(|q| q.front().is_some_and(|p| p.ready <= now))
    }

    /// Parcels ready to leave at `now`.
    fn ready(&self, now: SimTime) -> usize {
        let ready = |q: &VecDeque<Parcel>| q.iter().take_while(|p| p.ready <= now).count();
        self.queues.iter().map(ready).sum()
    }

    /// Every parcel in the order they become ready (ranks merged).
    fn by_ready(&self) -> impl Iterator<Item = &Parcel> + '_ {
        let [a, b] = &self.queues;
        let (mut a, mut b) = (a.iter().peekable(), b.iter().peekable());
        std::iter::from_fn(move || match (a.peek(), b.peek()) {
            (Some(x), Some(y)) if y.ready < x.ready => b.next(),
            (Some(_), _) => a.next(),
            (None, _) => b.next(),
        })
    }
}

/// A parcel vehicle on the road.
#[derive(Clone, Debug, Default)]
pub(crate) struct Vehicle {
    pub lane: u32,
    pub depart: SimTime,
    pub arrive: SimTime,
    pub units: u32,
    /// The orders whose parcels it carries (ids only: a vehicle's load is
    /// written once and read once, so it stays small).
    pub orders: Vec<u32>,
    /// A van round to a zone: the real van's stops, and the real parcels of
    /// the departure it shares the zone with (0 when not a round).
    pub round_stops: f32,
    pub wave: f32,
    /// How full the real vehicle is, 0 to 1 (weight or volume, whichever binds).
    pub fill: f32,
}

/// What comes off a vehicle at the end of its lane.
pub(crate) struct Unloaded {
    pub lane: u32,
    pub depart: SimTime,
    pub units: u32,
    pub orders: Vec<u32>,
}

impl Slot for Vehicle {
    fn in_use(&self) -> bool {
        !self.orders.is_empty()
    }
}

#[derive(Clone, Debug)]
pub(crate) struct Lanes {
    docks: Vec<Dock>,
    /// Per lane with a fleet limit: when each vehicle is back.
    fleets: Vec<Vec<SimTime>>,
    vehicles: Pool<Vehicle>,
    /// Orders loaded by the current departure, in loading order.
    departed: Vec<u32>,
    rng_weather: Rng,
    rng_loss: Rng,
    rng_customs: Rng,
}

impl Lanes {
    /// Lanes at t = 0; the timetabled parcel lanes get their first departure.
    pub fn new(net: &Network, seed: u64, queue: &mut EventQueue) -> Lanes {
        let mut parcel = vec![false; net.lanes.len()];
        // Lanes on a parcel route, and the lanes sharing their hops.
        for r in &net.routing.routes {
            for &l in r {
                parcel[l as usize] = true;
                for &o in &net.routing.overflow[l as usize] {
                    parcel[o as usize] = true;
                }
            }
        }
        let mut fleets = Vec::with_capacity(net.lanes.len());
        for (i, l) in net.lanes.iter().enumerate() {
            fleets.push(vec![0; l.fleet.vehicles.unwrap_or(0) as usize]);
            if parcel[i] && l.dispatch.every_s.is_some() {
                queue.push(
                    l.dispatch.offset_s,
                    Ev::Dispatch(i as u32, Departure::Timetable),
                );
            }
        }
        Lanes {
            docks: vec![Dock::default(); net.lanes.len()],
            fleets,
            vehicles: Pool::default(),
            departed: Vec::new(),
            rng_weather: Rng::fork(seed, Stream::Weather, 0),
            rng_loss: Rng::fork(seed, Stream::Loss, 0),
            rng_customs: Rng::fork(seed, Stream::Customs, 0),
        }
    }

    /// Parcel vehicles on the road.
    pub fn vehicles(&self) -> impl Iterator<Item = &Vehicle> + '_ {
        self.vehicles.live()
    }

    /// The lane a parcel takes on the hop whose primary lane is `primary`:
    /// the primary until it is full, then the others in overflow order;
    /// only lanes whose vehicles can carry it (weight and volume). `None`:
    /// no vehicle on the hop can carry it.
    pub fn choose(&self, net: &Network, primary: u32, p: &Parcel) -> Option<u32> {
        let hop =
            std::iter::once(primary).chain(net.routing.overflow[primary as usize].iter().copied());
        let mut fallback = None;
        for l in hop {
            let li = &net.lanes[l as usize];
            if (p.kg as f64) > li.fit_kg || (p.m3 as f64) > li.fit_m3 {
                continue;
            }
            if !self.full(li, l as usize) {
                return Some(l);
            }
            fallback.get_or_insert(l);
        }
        fallback
    }

    /// A fleet-limited lane is full when what waits on its dock would load
    /// every one of its vehicles.
    fn full(&self, li: &LaneInfo, l: usize) -> bool {
        let Some(n) = li.fleet.vehicles else {
            return false;
        };
        let dock = &self.docks[l];
        let per_vehicle = li
            .fleet
            .max_stops
            .map_or(usize::MAX, |m| libm::ceil(m * li.share) as usize);
        dock.kg >= li.capacity_kg * n as f64
            || dock.m3 >= li.capacity_m3 * n as f64
            || dock.len() >= per_vehicle.saturating_mul(n as usize)
    }

    /// Put a parcel on a lane's outbound dock (one chosen by
    /// [`Lanes::choose`]), in its boarding rank's queue.
    pub fn enqueue(&mut self, ctx: &mut Ctx, lane: u32, p: Parcel, rank: u8) {
        let li = &ctx.net.lanes[lane as usize];
        let dock = &mut self.docks[lane as usize];
        dock.queues[rank as usize].push_back(p);
        dock.kg += p.kg as f64;
        dock.m3 += p.m3 as f64;
        if li.dispatch.when_full
            && !dock.pending
            && (dock.kg >= li.capacity_kg || dock.m3 >= li.capacity_m3)
        {
            dock.pending = true;
            ctx.queue
                .push(p.ready.max(ctx.now), Ev::Dispatch(lane, Departure::Full));
        }
    }

    /// A departure on `lane`. Returns the orders whose parcels left, in
    /// loading order.
    pub fn dispatch(&mut self, ctx: &mut Ctx, lane: u32, why: Departure) -> &[u32] {
        let (now, l) = (ctx.now, lane as usize);
        let li = &ctx.net.lanes[l];
        let send_all = why != Departure::Full;
        self.departed.clear();
        if why == Departure::Timetable {
            if let Some(every) = li.dispatch.every_s {
                ctx.queue
                    .push(now + every, Ev::Dispatch(lane, Departure::Timetable));
            }
        } else {
            self.docks[l].pending = false;
        }
        let wave = self.wave(ctx.net, l, now);
        while self.docks[l].next_ready(now).is_some() {
            // Full-load trigger sends only full vehicles; the timetable sends all.
            let dock = &self.docks[l];
            if !send_all && dock.kg < li.capacity_kg && dock.m3 < li.capacity_m3 {
                break;
            }
            let slot = match self.fleet_free(li, l, now) {
                None => None,
                Some((usize::MAX, when)) => {
                    self.retry(ctx.queue, lane, send_all, when.max(now + 1));
                    return &self.departed;
                }
                Some((i, _)) => Some(i),
            };
            if li.fleet.downtime_prob > 0.0 && self.rng_weather.f64() < li.fleet.downtime_prob {
                // Grounded by weather: retry in an hour.
                self.retry(ctx.queue, lane, send_all, now + HOUR);
                return &self.departed;
            }
            if li.mode == Mode::Drone
                && let Some(until) = ctx.net.disruptions.grounded_until(now)
            {
                // A storm grounds the drones until it passes.
                self.retry(ctx.queue, lane, send_all, until);
                return &self.departed;
            }
            self.load_vehicle(ctx, l, slot, wave);
        }
        self.rearm_full_load(ctx, lane);
        &self.departed
    }

    /// Queue a full-load departure for when the parcels on the dock first
    /// fill a vehicle.
    fn rearm_full_load(&mut self, ctx: &mut Ctx, lane: u32) {
        let li = &ctx.net.lanes[lane as usize];
        let dock = &mut self.docks[lane as usize];
        if !li.dispatch.when_full || dock.pending {
            return;
        }
        let (mut kg, mut m3) = (0.0, 0.0);
        let full_at = dock.by_ready().find_map(|p| {
            kg += p.kg as f64;
            m3 += p.m3 as f64;
            (kg >= li.capacity_kg || m3 >= li.capacity_m3).then_some(p.ready)
        });
        if let Some(ready) = full_at {
            dock.pending = true;
            ctx.queue
                .push(ready.max(ctx.now + 1), Ev::Dispatch(lane, Departure::Full));
        }
    }

    /// Vehicles available on a lane now: `None` = unlimited fleet; else the
    /// lowest free vehicle, or `usize::MAX` and when to try again.
    fn fleet_free(&self, li: &LaneInfo, l: usize, now: SimTime) -> Option<(usize, SimTime)> {
        li.fleet.vehicles?;
        let fleet = &self.fleets[l];
        let hour = ((now % DAY) / HOUR) as usize;
        let n = match &li.fleet.hourly_availability {
            Some(a) => libm::round(a[hour] * fleet.len() as f64) as usize,
            None => fleet.len(),
        };
        let mut earliest = SimTime::MAX;
        for (i, &back) in fleet.iter().take(n).enumerate() {
            if back <= now {
                return Some((i, now));
            }
            earliest = earliest.min(back);
        }
        if n == 0 {
            // No drivers this hour: try again at the next hour.
            earliest = (now / HOUR + 1) * HOUR;
        }
        Some((usize::MAX, earliest))
    }

    /// Try the lane again at `at` (no fleet free, or grounded), unless a
    /// retry is already pending; a timetable departure retries as one.
    fn retry(&mut self, queue: &mut EventQueue, lane: u32, send_all: bool, at: SimTime) {
        let dock = &mut self.docks[lane as usize];
        if dock.pending {
            return;
        }
        dock.pending = true;
        let why = if send_all {
            Departure::Retry
        } else {
            Departure::Full
        };
        queue.push(at, Ev::Dispatch(lane, why));
    }

    /// Parcels a departure on lane `l` could take now, in a real network
    /// (the simulated count over the scale); 0 unless the lane tours.
    fn wave(&self, net: &Network, l: usize, now: SimTime) -> f64 {
        if !tours(net, &net.lanes[l]) {
            return 0.0;
        }
        self.docks[l].ready(now) as f64 / net.scale
    }

    /// Most parcels a real vehicle on `li` takes on one trip: its stop
    /// limit, cut to what a round within the drivers' hours can visit.
    fn real_stop_limit(net: &Network, li: &LaneInfo, wave: f64) -> f64 {
        let Some(max) = li.fleet.max_stops else {
            return f64::INFINITY;
        };
        if max <= 1.0 {
            return max;
        }
        let zone = &net.facilities[li.to];
        let km = geo::km_per_stop(zone.zone.radius_km, wave, net.circuity);
        let per_stop_s = km / li.speed_kmh * HOUR as f64 + li.fleet.stop_s as f64;
        let spare = crate::time::hours(DRIVER_DUTY_HOURS) as f64 - 2.0 * li.transit_s as f64;
        max.min(libm::floor(spare / per_stop_s)).max(1.0)
    }

    /// Move the ready parcels at the front of lane `l`'s dock into `into`,
    /// the highest boarding rank first,
    /// at most `max` and within the vehicle's capacity (the first parcel
    /// always goes: it fits a real vehicle). Returns (kg, m³, units).
    fn fill_from_dock(
        &mut self,
        li: &LaneInfo,
        l: usize,
        now: SimTime,
        max: usize,
        into: &mut Vec<u32>,
    ) -> (f64, f64, u32) {
        let (mut kg, mut m3, mut units) = (0.0, 0.0, 0u32);
        let dock = &mut self.docks[l];
        while let Some(rank) = dock.next_ready(now) {
            let p = dock.queues[rank][0];
            if into.len() >= max {
                break;
            }
            let (pk, pm) = (p.kg as f64, p.m3 as f64);
            if !into.is_empty() && (kg + pk > li.capacity_kg || m3 + pm > li.capacity_m3) {
                break;
            }
            dock.queues[rank].pop_front();
            dock.kg -= pk;
            dock.m3 -= pm;
            kg += pk;
            m3 += pm;
            units += p.units;
            into.push(p.id);
        }
        if dock.is_empty() {
            // Clear float drift.
            dock.kg = 0.0;
            dock.m3 = 0.0;
        }
        (kg, m3, units)
    }

    /// Load one vehicle with the ready parcels at the front of the dock and
    /// send it: charge the trip, queue its arrival.
    fn load_vehicle(&mut self, ctx: &mut Ctx, l: usize, slot: Option<usize>, wave: f64) {
        let (now, li) = (ctx.now, &ctx.net.lanes[l]);
        let real_limit = Self::real_stop_limit(ctx.net, li, wave);
        let max = libm::ceil(real_limit * li.share).min(usize::MAX as f64) as usize;
        let v = self.vehicles.alloc();
        let mut parcels = std::mem::take(&mut self.vehicles[v].orders);
        parcels.clear();
        let (kg, m3, units) = self.fill_from_dock(li, l, now, max.max(1), &mut parcels);
        self.departed.extend_from_slice(&parcels);
        let from_fc = ctx.net.facilities[li.from].kind == FacilityKind::FulfillmentCenter;
        ctx.ledger.loaded(from_fc, units as u64);
        // The share of a real vehicle this one is: the lane's, or more when
        // its load takes more of a real vehicle (a first parcel larger than
        // the share's payload, or a real vehicle's stop limit).
        let share = li
            .share
            .max(parcels.len() as f64 / real_limit)
            .max(kg / li.fit_kg)
            .max(m3 / li.fit_m3)
            .min(1.0);
        let real_stops = parcels.len() as f64 / share;
        let (tour_s, real_km) = last_mile(ctx.net, li, real_stops, wave);
        // Bad weather slows road vehicles for the whole trip.
        let slowed = |s| ctx.net.disruptions.slowed(li.mode, now, s);
        let (transit_s, tour_s) = (slowed(li.transit_s), slowed(tour_s));
        // The border holds it on the way out; it comes back empty.
        let wait = self.levies(ctx, l, parcels.len() as u64, share);
        let arrive = now + wait + transit_s + tour_s;
        if let Some(i) = slot {
            self.fleets[l][i] = arrive + transit_s;
        }
        let round_stops = if tours(ctx.net, li) { real_stops } else { 0.0 };
        let load = Load {
            kg,
            m3,
            units,
            parcels: parcels.len() as u64,
            share,
        };
        let out_h = (arrive - now + transit_s) as f64 / HOUR as f64;
        let trip = trip(li, load, real_km, out_h);
        let fill = trip.fill as f32;
        ctx.ledger.charge_trip(l, trip);
        let veh = &mut self.vehicles[v];
        veh.lane = l as u32;
        veh.depart = now;
        veh.arrive = arrive;
        veh.units = units;
        veh.orders = parcels;
        veh.round_stops = round_stops as f32;
        veh.wave = wave as f32;
        veh.fill = fill;
        ctx.queue.push(arrive, Ev::VehicleArrive(v));
    }

    /// What a trip on lane `l` with `parcels` parcels, `share` of a real
    /// vehicle, pays borders and rules: at customs a wait and a clearance
    /// fee per parcel; into a charging low-emission zone a diesel van's charge.
    /// Returns the wait.
    fn levies(&mut self, ctx: &mut Ctx, l: usize, parcels: u64, share: f64) -> SimTime {
        let li = &ctx.net.lanes[l];
        if li.lez_charge > 0.0 {
            ctx.ledger.lez_entered(share, li.lez_charge * share);
        }
        let Some(c) = li.customs else {
            return 0;
        };
        let wait = c.wait(&mut self.rng_customs);
        ctx.ledger
            .customs_cleared(wait, parcels, c.per_parcel * parcels as f64, 0.0);
        wait
    }

    /// Vehicle `v` reaches the end of its lane: its parcels come off (the
    /// caller hands the buffer back with [`Lanes::park`]).
    pub fn unload(&mut self, v: u32) -> Unloaded {
        let veh = &mut self.vehicles[v];
        Unloaded {
            lane: veh.lane,
            depart: veh.depart,
            units: veh.units,
            orders: std::mem::take(&mut veh.orders),
        }
    }

    /// Vehicle `v` is free again; `orders` is its emptied buffer.
    pub fn park(&mut self, v: u32, mut orders: Vec<u32>) {
        orders.clear();
        let veh = &mut self.vehicles[v];
        veh.orders = orders;
        veh.units = 0;
        self.vehicles.release(v);
    }

    /// Is a parcel on `lane` lost or damaged (drawn per parcel)?
    pub fn lost_in_transit(&mut self, li: &LaneInfo) -> bool {
        li.loss_rate > 0.0 && self.rng_loss.f64() < li.loss_rate
    }
}

/// Does a vehicle on `li` make a round of stops? Every vehicle to a zone
/// does, except those that carry one parcel per trip (drones).
fn tours(net: &Network, li: &LaneInfo) -> bool {
    net.facilities[li.to].kind == FacilityKind::CustomerZone && li.fleet.max_stops != Some(1.0)
}

/// What one vehicle carries, and the share of a real vehicle it is.
#[derive(Clone, Copy)]
struct Load {
    kg: f64,
    m3: f64,
    units: u32,
    parcels: u64,
    share: f64,
}

/// The trip to charge for `load` on `li`: per-km and per-hour terms on the
/// vehicle's share of the real round (`real_km`, `out_h` hours out), per
/// tonne-km terms on the real km with the simulated load.
fn trip(li: &LaneInfo, load: Load, real_km: f64, out_h: f64) -> Trip {
    let km = load.share * real_km;
    let cost = li.tariff.per_km * km
        + li.tariff.per_hour * out_h * load.share
        + li.tariff.per_unit * load.units as f64
        + li.tariff.per_tkm * real_km * load.kg / 1000.0;
    let co2e_kg = match li.co2 {
        Co2Basis::PerVehicleKm(_) => trip_co2e_kg(li.co2, km, load.kg),
        Co2Basis::PerTonneKm(_) => trip_co2e_kg(li.co2, real_km, load.kg),
    };
    let (cap_kg, cap_m3) = (li.fit_kg * load.share, li.fit_m3 * load.share);
    Trip {
        cost,
        co2e_kg,
        km,
        vehicles: 1,
        real_vehicles: load.share,
        units: load.units as u64,
        parcels: load.parcels,
        fill: (load.kg / cap_kg).max(load.m3 / cap_m3).min(1.0),
        net_zero: li.net_zero,
    }
}

/// Extra time and the real km of a round of `stops` real stops on `li` in
/// a departure of `wave` real parcels: a zone lane drives out, tours the
/// vehicle's district and comes back; others go one way.
fn last_mile(net: &Network, li: &LaneInfo, stops: f64, wave: f64) -> (SimTime, f64) {
    let zone = &net.facilities[li.to];
    if zone.kind != FacilityKind::CustomerZone {
        return (0, li.distance_km);
    }
    if !tours(net, li) {
        // One drop per sortie (drones): out to the customer and back.
        return (li.fleet.stop_s, 2.0 * li.distance_km);
    }
    let tour_km = stops * geo::km_per_stop(zone.zone.radius_km, wave, net.circuity);
    let drive_s = tour_km / li.speed_kmh * HOUR as f64;
    let tour_s = crate::time::seconds(drive_s + stops * li.fleet.stop_s as f64);
    (tour_s, 2.0 * li.distance_km + tour_km)
}

/// When the k-th of n parcels on a tour that started at `start` and ended
/// at `end` is dropped (evenly along the tour).
pub(crate) fn drop_time(start: SimTime, end: SimTime, k: usize, n: usize) -> SimTime {
    start + (end - start) * (k as u64 + 1) / (n as u64).max(1)
}
