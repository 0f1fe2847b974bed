//! Tracking, read: the parcels a vehicle carries (each by its order's
//! number, by which it can be traced), an order's steps in words, and the
//! places it passed, for the map.

use crate::engine::{Engine, Loss, Step, TraceEvent};
use crate::network::Network;
use crate::time::SimTime;
use crate::view::format::clock;
use serde::Serialize;

/// A parcel on a vehicle.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ParcelOnBoard {
    /// Its order's place among the run's orders (0-based).
    pub order: u64,
    /// The zone it is for.
    pub zone: usize,
    pub units: u32,
    pub placed: SimTime,
    /// The end of its promise.
    pub promise: SimTime,
}

/// A traced order, ready to show.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Trace {
    pub order: u64,
    pub events: Vec<TraceEvent>,
    /// Each step in words, with its time.
    pub lines: Vec<String>,
    /// The facilities it passed, in order, with when it was there: its
    /// FC, each node, and the zone it reached.
    pub path: Vec<(usize, SimTime)>,
}

impl Engine {
    /// The parcels on the vehicle of `lane` that left at `depart`, by order.
    pub fn vehicle_parcels(&self, lane: u32, depart: SimTime) -> Vec<ParcelOnBoard> {
        let Some(v) = self
            .lanes()
            .vehicles()
            .find(|v| v.lane == lane && v.depart == depart)
        else {
            return Vec::new();
        };
        let mut out: Vec<ParcelOnBoard> = v
            .orders
            .iter()
            .map(|&id| {
                let o = self.orders().get(id);
                ParcelOnBoard {
                    order: o.serial,
                    zone: o.zone as usize,
                    units: o.units,
                    placed: o.placed,
                    promise: o.deadline,
                }
            })
            .collect();
        out.sort_by_key(|p| p.order);
        out
    }

    /// The traced order's steps so far, in words and places (after
    /// [`Engine::trace_order`]).
    pub fn traced(&self, order: u64) -> Trace {
        let events = self.trace().to_vec();
        Trace {
            order,
            lines: events.iter().map(|e| describe(self.network(), e)).collect(),
            path: path(&events),
            events,
        }
    }
}

/// The facilities an order passed, with when.
fn path(events: &[TraceEvent]) -> Vec<(usize, SimTime)> {
    events
        .iter()
        .filter_map(|e| match e.step {
            Step::Assigned { fc, .. } => Some((fc, e.t)),
            Step::Arrived { facility, .. } => Some((facility, e.t)),
            Step::Delivered { zone, .. } => Some((zone, e.t)),
            _ => None,
        })
        .collect()
}

/// One step as a person reads it: "Day 1 (Mon) 08:03 · Packed at FC
/// Coalville, ready to leave at Day 1 (Mon) 08:40".
pub fn describe(net: &Network, e: &TraceEvent) -> String {
    let name = |f: usize| net.facilities.get(f).map_or("?", |f| f.name.as_str());
    let what = match e.step {
        Step::Placed {
            zone,
            sku,
            units,
            promise,
        } => format!(
            "Placed in {}: {units} × {}, promised by {}",
            name(zone),
            net.products.get(sku).map_or("?", |p| p.id.as_str()),
            clock(promise)
        ),
        Step::Assigned { fc, in_stock: true } => format!("{} takes it from stock", name(fc)),
        Step::Assigned {
            fc,
            in_stock: false,
        } => {
            format!("{} has none on hand: it waits for stock", name(fc))
        }
        Step::StockTaken { fc } => format!("Stock arrives at {}", name(fc)),
        Step::Packed { fc, ready } => {
            format!(
                "Picked and packed at {}, ready at {}",
                name(fc),
                clock(ready)
            )
        }
        Step::Departed { lane } => match net.lanes.get(lane) {
            Some(l) => format!(
                "Leaves {} for {} by {}",
                name(l.from),
                name(l.to),
                l.mode.label()
            ),
            None => "Leaves".to_owned(),
        },
        Step::Arrived { facility, ready } => {
            format!("Arrives at {}, sorted by {}", name(facility), clock(ready))
        }
        Step::Delivered { zone, on_time } => format!(
            "Delivered in {}{}",
            name(zone),
            if on_time { ", on time" } else { ", late" }
        ),
        Step::Lost { why } => match why {
            Loss::NoStock => "Lost: no stock, and the sale goes elsewhere".to_owned(),
            Loss::InTransit => "Lost on the road".to_owned(),
            Loss::NoVehicleFits => "Stranded: no vehicle on its next hop can carry it".to_owned(),
        },
    };
    format!("{} · {what}", clock(e.t))
}
