//! The event queue: a binary heap keyed by (time, class, sequence).
//!
//! `class` orders simultaneous events by kind (arrivals before period ends
//! before reviews before new orders, ...), and the sequence number breaks the
//! remaining ties in insertion order, so the run is identical on every
//! platform. The engine keeps few events pending (one per vehicle, lane timer,
//! review group and the next order instant), which keeps the heap in cache.

use crate::time::SimTime;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Ev {
    /// A parcel vehicle reaches the end of its lane (and finishes its round).
    VehicleArrive(u32),
    /// A replenishment shipment reaches its FC.
    ShipmentArrive(u32),
    /// Close the statistics period.
    PeriodEnd,
    /// The warm-up is over: figures count from now.
    WarmupEnd,
    /// Inventory review for a group of policies.
    Review(u32),
    /// A replenishment request reaches its source.
    Request(u32),
    /// A source releases a shipment onto its lane.
    Release(u32),
    /// The next instant with new customer orders.
    Orders,
    /// Lane departure.
    Dispatch(u32, Departure),
    /// Draw the next hour of demand.
    DemandHour,
}

/// Why a lane departure event fires.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Departure {
    /// The timetable: everything ready leaves; schedules the next slot.
    Timetable,
    /// A vehicle's worth is ready: only full vehicles leave.
    Full,
    /// A timetabled departure that waited for a vehicle or the weather.
    Retry,
}

impl Ev {
    fn class(self) -> u8 {
        match self {
            Ev::VehicleArrive(_) | Ev::ShipmentArrive(_) => 0,
            Ev::PeriodEnd | Ev::WarmupEnd => 1,
            Ev::Review(_) => 2,
            Ev::Request(_) => 3,
            Ev::Release(_) => 4,
            Ev::DemandHour => 5,
            Ev::Orders => 6,
            Ev::Dispatch(..) => 7,
        }
    }
}

/// Heap entry: the whole ordering key packed in one integer
/// (time in the high 64 bits, then class in 8 bits, then a 56-bit sequence),
/// so a comparison is a single u128 compare.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Entry(u128, Ev);

impl Ord for Entry {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.cmp(&other.0)
    }
}

impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

#[derive(Clone, Debug, Default)]
pub struct EventQueue {
    heap: BinaryHeap<Reverse<Entry>>,
    seq: u64,
}

impl EventQueue {
    pub fn push(&mut self, t: SimTime, ev: Ev) {
        // 2^56 insertions is far beyond any run; the mask keeps the key well formed.
        self.seq = (self.seq + 1) & ((1 << 56) - 1);
        let t = t.min(crate::time::NEVER);
        let key = (t as u128) << 64 | (ev.class() as u128) << 56 | self.seq as u128;
        self.heap.push(Reverse(Entry(key, ev)));
    }

    pub fn peek_time(&self) -> Option<SimTime> {
        self.heap.peek().map(|Reverse(e)| (e.0 >> 64) as SimTime)
    }

    pub fn pop(&mut self) -> Option<(SimTime, Ev)> {
        self.heap
            .pop()
            .map(|Reverse(e)| ((e.0 >> 64) as SimTime, e.1))
    }

    pub fn is_empty(&self) -> bool {
        self.heap.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orders_by_time_then_class_then_insertion() {
        let mut q = EventQueue::default();
        q.push(10, Ev::Orders);
        q.push(5, Ev::Dispatch(1, Departure::Timetable));
        q.push(10, Ev::PeriodEnd);
        q.push(10, Ev::Dispatch(0, Departure::Timetable));
        q.push(10, Ev::Dispatch(2, Departure::Full));
        let got: Vec<_> = std::iter::from_fn(|| q.pop()).collect();
        assert_eq!(
            got,
            vec![
                (5, Ev::Dispatch(1, Departure::Timetable)),
                (10, Ev::PeriodEnd),
                (10, Ev::Orders),
                (10, Ev::Dispatch(0, Departure::Timetable)),
                (10, Ev::Dispatch(2, Departure::Full)),
            ]
        );
    }
}
