//! Competition: each zone's demand responds to the delivery it expects
//! from us against a competitor's.
//!
//! A customer expects delivery after the promise's days (same day 0, next
//! day 1, two-day 2) plus a day for the share of orders that come late
//! (stated: a late order is taken as a day late). Ours uses the zone's
//! promise and its on-time over the last `window_days`; the competitor's
//! its promise and stated on-time. Each day of expected delivery we beat
//! the competitor by multiplies the zone's demand by 1 + `demand_per_day`
//! (and each day we trail divides it): Fisher, Gallino and Xu (2019, "The
//! Value of Rapid Delivery in Omnichannel Retailing", Journal of Marketing
//! Research) measured sales 1.45 % higher for each business day faster
//! delivery. A zone's `demand` is what it orders when we match the
//! competitor. Demand adjusts at each statistics period's end.

use crate::scenario::{Competition, Promise};
use crate::validate::check::{At, Checker};

/// Demand won per day faster delivery (Fisher, Gallino & Xu 2019).
pub const DEMAND_PER_DAY: f64 = 0.0145;
/// A competitor's on-time when the scenario does not say (a stated
/// assumption: a reliable next-day network).
pub const COMPETITOR_ON_TIME: f64 = 0.95;
/// Days of recent on-time customers judge us by.
pub const WINDOW_DAYS: f64 = 7.0;
/// Days late a late order is taken to be (stated assumption).
pub const LATE_DAYS: f64 = 1.0;

/// Days from order to the promised delivery day.
pub fn promise_days(p: Promise) -> f64 {
    match p {
        Promise::SameDay => 0.0,
        Promise::NextDay => 1.0,
        Promise::TwoDay => 2.0,
    }
}

/// The delivery a customer expects: the promise's days and a day for the
/// share late.
pub fn expected_days(p: Promise, on_time: f64) -> f64 {
    promise_days(p) + (1.0 - on_time.clamp(0.0, 1.0)) * LATE_DAYS
}

/// The compiled competitor.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CompetitionInfo {
    /// The delivery customers expect from the competitor, days.
    pub their_days: f64,
    pub promise: Promise,
    pub on_time: f64,
    /// ln(1 + demand per day).
    pub per_day_log: f64,
    pub window_periods: usize,
}

impl CompetitionInfo {
    /// The zone's demand multiplier when customers expect `our_days`.
    pub fn multiplier(&self, our_days: f64) -> f64 {
        libm::exp(self.per_day_log * (self.their_days - our_days))
    }
}

pub(crate) fn build(c: &Competition, period_s: u64, ck: &mut Checker) -> Option<CompetitionInfo> {
    let at = At::part("competition");
    let mut ok = ck.prob(&at, "on_time", c.on_time, false);
    ok &= ck.nonneg(&at, "demand_per_day", c.demand_per_day);
    if ok && c.demand_per_day > 1.0 {
        ck.err(
            &at,
            "demand_per_day",
            "a share of demand a day: at most 1 (doubling it a day)",
        );
        ok = false;
    }
    if ck.pos(&at, "window_days", c.window_days) && c.window_days > 365.0 {
        ck.err(&at, "window_days", "at most a year");
        ok = false;
    }
    let periods = libm::ceil(c.window_days * 86_400.0 / period_s.max(1) as f64).max(1.0);
    ok.then(|| CompetitionInfo {
        their_days: expected_days(c.promise, c.on_time),
        promise: c.promise,
        on_time: c.on_time,
        per_day_log: libm::log1p(c.demand_per_day),
        window_periods: periods.min(366.0 * 24.0) as usize,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_faster_wins_the_measured_share() {
        let c = CompetitionInfo {
            their_days: expected_days(Promise::NextDay, 1.0),
            promise: Promise::NextDay,
            on_time: 1.0,
            per_day_log: libm::log1p(DEMAND_PER_DAY),
            window_periods: 7,
        };
        let m = |p, ot| c.multiplier(expected_days(p, ot));
        assert!((m(Promise::NextDay, 1.0) - 1.0).abs() < 1e-12);
        assert!((m(Promise::SameDay, 1.0) - 1.0145).abs() < 1e-9);
        assert!((m(Promise::TwoDay, 1.0) - 1.0 / 1.0145).abs() < 1e-9);
        // Half our orders late costs half a day.
        assert!((m(Promise::NextDay, 0.5) - 1.0 / libm::sqrt(1.0145)).abs() < 1e-9);
    }
}
