//! Tracking: one order's way through the network, step by step: placed,
//! its FC, waiting for stock, packed, each vehicle it rides and each node
//! it passes, delivered or lost. Only the order asked for is recorded, so a
//! run without a trace pays one branch a step. A trace costs nothing until
//! it is wanted: it is rebuilt by running the same scenario with the same
//! seed again, naming the order ([`super::Engine::trace_order`]); the
//! replay is bit for bit the run the person watched.

use crate::time::SimTime;
use serde::Serialize;

/// Why an order was lost.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Loss {
    /// No stock, and the scenario loses such sales.
    NoStock,
    /// Lost on the road (the lane's loss rate).
    InTransit,
    /// No vehicle on its next hop could carry it.
    NoVehicleFits,
}

/// One step of an order's way. Facilities, zones, lanes and SKUs are the
/// network's indices; the report's names them.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum Step {
    Placed {
        zone: usize,
        sku: usize,
        units: u32,
        /// The end of its promise.
        promise: SimTime,
    },
    /// The FC chosen to serve it, and whether the units were on hand.
    Assigned {
        fc: usize,
        in_stock: bool,
    },
    /// The units it waited for arrived and were taken.
    StockTaken {
        fc: usize,
    },
    /// Picked and packed: ready to leave at `ready`.
    Packed {
        fc: usize,
        ready: SimTime,
    },
    /// Left on a vehicle of `lane`.
    Departed {
        lane: usize,
    },
    /// Reached a sortation centre or delivery station; sorted by `ready`.
    Arrived {
        facility: usize,
        ready: SimTime,
    },
    Delivered {
        zone: usize,
        on_time: bool,
    },
    Lost {
        why: Loss,
    },
}

impl Step {
    /// The order's way ends here.
    pub fn is_last(&self) -> bool {
        matches!(self, Step::Delivered { .. } | Step::Lost { .. })
    }
}

/// A step and when it happened.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct TraceEvent {
    pub t: SimTime,
    #[serde(flatten)]
    pub step: Step,
}

/// Records the steps of the order placed `serial`-th (0-based) in the run.
#[derive(Clone, Debug)]
pub(crate) struct Tracer {
    serial: u64,
    /// Its record while it is open (records are reused once closed).
    id: Option<u32>,
    events: Vec<TraceEvent>,
}

impl Tracer {
    pub fn new(serial: u64) -> Tracer {
        Tracer {
            serial,
            id: None,
            events: Vec::new(),
        }
    }

    /// Order `serial` was placed at `t`, opened as record `id` (none when
    /// it was lost at once); `steps` are its first steps.
    pub fn placed(&mut self, serial: u64, id: Option<u32>, t: SimTime, steps: &[Step]) {
        if serial != self.serial {
            return;
        }
        self.id = id;
        self.events
            .extend(steps.iter().map(|&step| TraceEvent { t, step }));
    }

    /// A step of the order in record `id` at `t`, if it is the one traced.
    /// Its last step (delivered or lost) lets the record go.
    pub fn step(&mut self, id: u32, t: SimTime, step: Step) {
        if self.id != Some(id) {
            return;
        }
        self.events.push(TraceEvent { t, step });
        if step.is_last() {
            self.id = None;
        }
    }

    pub fn events(&self) -> &[TraceEvent] {
        &self.events
    }
}
