//! The report's disruptions: each one's window and how long on-time took to
//! recover after it.
//!
//! On-time here is per day: the share of the orders due that day (their
//! promise ends at its midnight) that were delivered by then. An order
//! undelivered or lost counts against its day, so an outage that holds
//! parcels back shows on the days they were due. The level before a
//! disruption is that share over every day due by its start; it has
//! recovered on the first day, from its end on, within
//! [`RECOVERY_TOLERANCE`] of that level. Only days whose midnight has passed
//! count.

use crate::engine::Engine;
use crate::time::DAY;
use serde::Serialize;

/// How close to its level before a disruption on-time must come back to
/// count as recovered, as a share: 5 percentage points (a teaching choice,
/// not a standard; a period's on-time moves by a few points without any
/// disruption).
pub const RECOVERY_TOLERANCE: f64 = 0.05;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DisruptionReport {
    /// What it was ("outage at DS-BHM", "bad weather").
    pub what: String,
    pub start_day: f64,
    pub end_day: f64,
    /// On-time over the periods before it (`None`: none had deliveries).
    pub on_time_before: Option<f64>,
    /// The worst day's on-time from its start until recovery (`None`: no
    /// day fell short).
    pub worst_on_time: Option<f64>,
    /// Days from its end until on-time recovered (`None`: not in this run).
    pub days_to_recover: Option<f64>,
}

impl Engine {
    pub fn disruption_reports(&self) -> Vec<DisruptionReport> {
        let now = self.now();
        // Each day that has ended: (its midnight, due, on time).
        let days: Vec<(u64, u64, u64)> = self
            .orders()
            .due_by_day()
            .enumerate()
            .map(|(i, (due, on_time))| ((i as u64 + 1) * DAY, due, on_time))
            .take_while(|d| d.0 <= now)
            .collect();
        self.network()
            .disruptions
            .spans
            .iter()
            .map(|(what, from, to)| recovery(&days, what, *from, *to))
            .collect()
    }
}

/// How on-time went around one disruption `[from, to)`, from the ended
/// days' (midnight, due, on time).
fn recovery(days: &[(u64, u64, u64)], what: &str, from: u64, to: u64) -> DisruptionReport {
    let share = |d: u64, o: u64| (d > 0).then(|| o as f64 / d as f64);
    let (d, o) = days
        .iter()
        .filter(|x| x.0 <= from)
        .fold((0, 0), |(d, o), x| (d + x.1, o + x.2));
    let before = share(d, o);
    let mut worst: Option<f64> = None;
    let mut recovered = None;
    for &(end, due, on_time) in days.iter().filter(|x| x.0 > from) {
        let Some(s) = share(due, on_time) else {
            continue;
        };
        let back = before.is_some_and(|b| s >= b - RECOVERY_TOLERANCE);
        if end >= to && back {
            recovered = Some(end);
            break;
        }
        worst = Some(worst.map_or(s, |w| w.min(s)));
    }
    let day = |t: u64| t as f64 / DAY as f64;
    DisruptionReport {
        what: what.to_owned(),
        start_day: day(from),
        end_day: day(to),
        on_time_before: before,
        worst_on_time: worst,
        days_to_recover: recovered.map(|r| day(r.saturating_sub(to))),
    }
}
