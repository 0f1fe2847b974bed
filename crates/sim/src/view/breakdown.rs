//! The report's breakdowns: service by customer zone, by SKU class (ABC by
//! expected demand) and by sales channel, each with the network totals'
//! definitions (an order past its promise is late whether delivered or not).

use super::ratio;
use crate::channels;
use crate::engine::Engine;
use crate::engine::breakdown::Slice;
use crate::scenario::FacilityKind;
use crate::time::HOUR;
use serde::Serialize;

/// One slice's service.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SliceReport {
    /// The zone's id, the class ("A", "B", "C") or the channel.
    pub id: String,
    /// As a person knows it: the zone's name, "A", or the channel.
    pub name: String,
    pub placed: u64,
    pub delivered: u64,
    /// Open now and past their promise.
    pub overdue: u64,
    pub lost: u64,
    /// On time over decided orders (delivered, lost or overdue).
    pub on_time_rate: f64,
    pub fill_rate: f64,
    /// Over delivered and overdue orders (the overdue at their age now).
    pub mean_lead_time_h: f64,
}

#[derive(Clone, Debug, Serialize)]
pub struct BreakdownReport {
    pub zones: Vec<SliceReport>,
    pub sku_classes: Vec<SliceReport>,
    pub channels: Vec<SliceReport>,
}

/// Overdue orders and their summed ages, seconds.
#[derive(Clone, Copy, Default)]
struct Late {
    count: u64,
    age_s: f64,
}

fn slice_report((id, name): (&str, &str), s: Slice, late: Late) -> SliceReport {
    let decided = (s.delivered + s.lost + late.count) as f64;
    let waited = (s.lead_sum_s + late.age_s) / HOUR as f64;
    SliceReport {
        id: id.to_owned(),
        name: name.to_owned(),
        placed: s.placed,
        delivered: s.delivered,
        overdue: late.count,
        lost: s.lost,
        on_time_rate: ratio(s.on_time as f64, decided),
        fill_rate: ratio(s.units_filled as f64, s.units as f64),
        mean_lead_time_h: ratio(waited, (s.delivered + late.count) as f64),
    }
}

/// The channels' ids and names, by index.
pub const CHANNELS: [(&str, &str); channels::COUNT] = [
    ("own", "own retail"),
    ("marketplace", "marketplace sellers"),
    ("multichannel", "multi-channel"),
];
/// The SKU classes' names, by index.
pub const CLASSES: [&str; 3] = ["A", "B", "C"];

impl Engine {
    pub fn breakdown_report(&self) -> BreakdownReport {
        let net = self.network();
        let n = net.facilities.len();
        let (mut zones, mut classes, mut channels) = (
            vec![Late::default(); n],
            [Late::default(); 3],
            [Late::default(); channels::COUNT],
        );
        for (k, age) in self.orders().overdue_keys(self.now()) {
            for l in [
                &mut zones[k.zone as usize],
                &mut classes[k.class as usize],
                &mut channels[k.channel as usize],
            ] {
                l.count += 1;
                l.age_s += age as f64;
            }
        }
        let b = self.breakdown();
        BreakdownReport {
            zones: (0..n)
                .filter(|&f| net.facilities[f].kind == FacilityKind::CustomerZone)
                .map(|f| {
                    let z = &net.facilities[f];
                    slice_report((&z.id, &z.name), b.zone(f), zones[f])
                })
                .collect(),
            sku_classes: (0..3)
                .map(|c| slice_report((CLASSES[c], CLASSES[c]), b.class(c), classes[c]))
                .collect(),
            channels: (0..channels::COUNT)
                .map(|c| slice_report(CHANNELS[c], b.channel(c), channels[c]))
                .collect(),
        }
    }
}
