//! Lanes: docks, fleets, dispatch, parcel trips and the last mile.
//!
//! A parcel waits on its lane's outbound dock until a departure: the
//! timetable (every N hours, everything ready leaves, as many vehicles as
//! needed), or a full vehicle (weight or volume) when the lane dispatches
//! `when_full`. A fleet limit makes departures wait for a returning vehicle
//! (busy for the round trip); crowdsourced fleets vary by hour; drones can be
//! grounded by weather (retry in an hour).
//!
//! Last mile: a vehicle to a zone drives to the centroid, tours the zone
//! (Beardwood–Halton–Hammersley length 0.7124·√(n·πr²) for n stops, plus
//! `stop_s` per stop), drops its parcels evenly along the tour and returns;
//! cost and CO2e count the round trip and the tour. Linehaul counts one way
//! (backhaul assumed).

use super::Ctx;
use super::ledger::Trip;
use super::pool::{Pool, Slot};
use super::queue::{Departure, Ev, EventQueue};
use crate::emissions::trip_co2e_kg;
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

/// A lane's outbound dock.
#[derive(Clone, Debug, Default)]
struct Dock {
    parcels: VecDeque<Parcel>,
    kg: f64,
    m3: f64,
    /// A full-load or retry departure is already queued.
    pending: bool,
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
            if (p.kg as f64) > li.capacity_kg || (p.m3 as f64) > li.capacity_m3 {
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
        let per_vehicle = li.fleet.max_parcels.map_or(usize::MAX, |m| m as usize);
        dock.kg >= li.capacity_kg * n as f64
            || dock.m3 >= li.capacity_m3 * n as f64
            || dock.parcels.len() >= per_vehicle.saturating_mul(n as usize)
    }

    /// Put a parcel on a lane's outbound dock (one chosen by [`Lanes::choose`]).
    pub fn enqueue(&mut self, ctx: &mut Ctx, lane: u32, p: Parcel) {
        let li = &ctx.net.lanes[lane as usize];
        let dock = &mut self.docks[lane as usize];
        dock.parcels.push_back(p);
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
        while let Some(front) = self.docks[l].parcels.front() {
            if front.ready > now {
                break;
            }
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
            self.load_vehicle(ctx, l, slot);
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
        for p in &dock.parcels {
            kg += p.kg as f64;
            m3 += p.m3 as f64;
            if kg >= li.capacity_kg || m3 >= li.capacity_m3 {
                dock.pending = true;
                ctx.queue.push(
                    p.ready.max(ctx.now + 1),
                    Ev::Dispatch(lane, Departure::Full),
                );
                return;
            }
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

    /// Load one vehicle with the ready parcels at the front of the dock and
    /// send it: charge the trip, queue its arrival.
    fn load_vehicle(&mut self, ctx: &mut Ctx, l: usize, slot: Option<usize>) {
        let now = ctx.now;
        let li = &ctx.net.lanes[l];
        let v = self.vehicles.alloc();
        let mut parcels = std::mem::take(&mut self.vehicles[v].orders);
        parcels.clear();
        let (mut kg, mut m3, mut units) = (0.0, 0.0, 0u32);
        let dock = &mut self.docks[l];
        let max = li.fleet.max_parcels.map_or(usize::MAX, |m| m as usize);
        while let Some(&p) = dock.parcels.front() {
            if p.ready > now || parcels.len() >= max {
                break;
            }
            let (pk, pm) = (p.kg as f64, p.m3 as f64);
            if !parcels.is_empty() && (kg + pk > li.capacity_kg || m3 + pm > li.capacity_m3) {
                break;
            }
            dock.parcels.pop_front();
            dock.kg -= pk;
            dock.m3 -= pm;
            kg += pk;
            m3 += pm;
            units += p.units;
            parcels.push(p.id);
        }
        if dock.parcels.is_empty() {
            // Clear float drift.
            dock.kg = 0.0;
            dock.m3 = 0.0;
        }
        self.departed.extend_from_slice(&parcels);
        let from_fc = ctx.net.facilities[li.from].kind == FacilityKind::FulfillmentCenter;
        ctx.ledger.loaded(from_fc, units as u64);
        let (tour_s, km) = last_mile(ctx.net, li, parcels.len());
        let arrive = now + li.transit_s + tour_s;
        if let Some(i) = slot {
            self.fleets[l][i] = now + 2 * li.transit_s + tour_s;
        }
        let cost = li.tariff.per_km * km
            + li.tariff.per_unit * units as f64
            + li.tariff.per_tkm * km * kg / 1000.0;
        let trip = Trip {
            cost,
            co2e_kg: trip_co2e_kg(li.co2, km, kg),
            km,
            vehicles: 1,
            units: units as u64,
            parcels: parcels.len() as u64,
            net_zero: li.net_zero,
        };
        ctx.ledger.charge_trip(l, trip);
        let veh = &mut self.vehicles[v];
        veh.lane = l as u32;
        veh.depart = now;
        veh.arrive = arrive;
        veh.units = units;
        veh.orders = parcels;
        ctx.queue.push(arrive, Ev::VehicleArrive(v));
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

/// Extra time and the km driven by a trip of `stops` parcels on `li`: a zone
/// lane drives out, tours the zone and comes back; others go one way.
fn last_mile(net: &Network, li: &LaneInfo, stops: usize) -> (SimTime, f64) {
    let zone = &net.facilities[li.to];
    if zone.kind != FacilityKind::CustomerZone {
        return (0, li.distance_km);
    }
    if li.fleet.max_parcels == Some(1) {
        // One drop per sortie (drones): out to the customer and back.
        return (li.fleet.stop_s, 2.0 * li.distance_km);
    }
    let r = zone.zone.radius_km;
    let tour_s = geo::tour_s(stops, r, li.speed_kmh, li.fleet.stop_s);
    (tour_s, 2.0 * li.distance_km + geo::tour_km(stops, r))
}

/// When the k-th of n parcels on a tour that started at `start` and ended
/// at `end` is dropped (evenly along the tour).
pub(crate) fn drop_time(start: SimTime, end: SimTime, k: usize, n: usize) -> SimTime {
    start + (end - start) * (k as u64 + 1) / (n as u64).max(1)
}
