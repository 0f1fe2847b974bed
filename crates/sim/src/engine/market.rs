//! The market: each zone's demand multiplier against the competitor (see
//! [`crate::competition`]), from our promise and the zone's on-time over
//! the last few statistics periods.

use super::breakdown::Breakdown;
use crate::competition::{CompetitionInfo, expected_days};
use crate::network::Network;
use crate::scenario::FacilityKind;
use std::collections::VecDeque;

#[derive(Clone, Debug, Default)]
pub(crate) struct Market {
    /// Per facility (zones only): (orders decided, on time) since the
    /// start at each of the last window's period ends.
    history: Vec<VecDeque<(u64, u64)>>,
    /// Per facility: on-time over the window (1 until orders are decided).
    on_time: Vec<f64>,
    /// Per facility: the demand multiplier now (1 for other kinds).
    multiplier: Vec<f64>,
}

impl Market {
    pub fn new(net: &Network) -> Market {
        let n = net.facilities.len();
        let mut m = Market {
            history: vec![VecDeque::new(); n],
            on_time: vec![1.0; n],
            multiplier: vec![1.0; n],
        };
        if let Some(c) = &net.competition {
            m.reprice(net, c);
        }
        m
    }

    pub fn multipliers(&self) -> &[f64] {
        &self.multiplier
    }

    /// Zone `f`'s on-time over the window.
    pub fn on_time(&self, f: usize) -> f64 {
        self.on_time[f]
    }

    /// A statistics period ended: record each zone's orders and set its
    /// multiplier from its on-time over the window.
    pub fn close_period(&mut self, net: &Network, breakdown: &Breakdown) {
        let Some(c) = &net.competition else {
            return;
        };
        for (f, fi) in net.facilities.iter().enumerate() {
            if fi.kind != FacilityKind::CustomerZone {
                continue;
            }
            let s = breakdown.zone_total(f);
            let h = &mut self.history[f];
            h.push_back((s.delivered + s.lost, s.on_time));
            if h.len() > c.window_periods + 1 {
                h.pop_front();
            }
            let (first, last) = (h[0], h[h.len() - 1]);
            let decided = last.0 - first.0;
            if decided > 0 {
                self.on_time[f] = (last.1 - first.1) as f64 / decided as f64;
            }
        }
        self.reprice(net, c);
    }

    fn reprice(&mut self, net: &Network, c: &CompetitionInfo) {
        for (f, fi) in net.facilities.iter().enumerate() {
            if let Some(p) = fi
                .zone
                .promise
                .filter(|_| fi.kind == FacilityKind::CustomerZone)
            {
                self.multiplier[f] = c.multiplier(expected_days(p, self.on_time[f]));
            }
        }
    }
}
