//! Plain render structs: what the map draws. The web crate decides how.
//!
//! Vehicles are reported with departure and arrival times; the UI
//! interpolates positions along the lane between events.

use crate::emissions::Mode;
use crate::engine::Engine;
use crate::time::{HOUR, SimTime};
use serde::Serialize;

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Frame {
    pub time: SimTime,
    pub facilities: Vec<FacilityState>,
    pub vehicles: Vec<VehicleState>,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct FacilityState {
    pub index: u32,
    /// Units on hand (FCs).
    pub stock: u64,
    /// Orders inside the facility (waiting for stock, being processed or for a vehicle).
    pub queue: u64,
    /// Busy share of the server over the last completed period, 0..=1.
    pub utilisation: f64,
    /// Work already queued at the server, in hours (a live load gauge).
    pub backlog_hours: f64,
    /// Backorders outstanding or a stockout this period.
    pub stockout: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct VehicleState {
    pub lane: u32,
    pub from: u32,
    pub to: u32,
    pub mode: Mode,
    pub depart: SimTime,
    pub arrive: SimTime,
    pub load_units: u64,
    /// A replenishment shipment rather than a parcel vehicle.
    pub replenishment: bool,
    /// How full a parcel vehicle is, 0 to 1 (`None` for a shipment).
    pub fill: Option<f32>,
}

impl Engine {
    /// Snapshot for drawing. Allocates the two vectors; call once per frame.
    pub fn frame(&self) -> Frame {
        let mut f = Frame::default();
        self.frame_into(&mut f);
        f
    }

    /// Like [`Engine::frame`] but reuses `out`'s buffers.
    pub fn frame_into(&self, out: &mut Frame) {
        let (net, now) = (self.network(), self.now());
        out.time = now;
        out.facilities.clear();
        out.vehicles.clear();
        for f in 0..net.facilities.len() {
            out.facilities.push(self.facility_state(f));
        }
        let parcels = self
            .lanes()
            .vehicles()
            .map(|v| (v.lane, v.depart, v.arrive, v.units as u64, Some(v.fill)));
        let shipments = self
            .stock()
            .shipments()
            .map(|s| (s.lane, s.depart, s.arrive, s.units, None));
        for (lane, depart, arrive, units, fill) in parcels.chain(shipments) {
            let li = &net.lanes[lane as usize];
            out.vehicles.push(VehicleState {
                lane,
                from: li.from as u32,
                to: li.to as u32,
                mode: li.mode,
                depart,
                arrive,
                load_units: units,
                replenishment: fill.is_none(),
                fill,
            });
        }
    }

    /// What the map shows at facility `f` now.
    pub fn facility_state(&self, f: usize) -> FacilityState {
        let now = self.now();
        let server = self.sites().server(f);
        let stock = match self.network().fc_slot[f] {
            Some(slot) => self.stock().holding(slot as usize).on_hand,
            None => 0,
        };
        FacilityState {
            index: f as u32,
            stock,
            queue: self.sites().flow(f).wip,
            utilisation: server.last_utilisation,
            backlog_hours: server.next_free.saturating_sub(now) as f64 / HOUR as f64,
            stockout: self.stock().short(self.network(), f),
        }
    }
}
