//! Live controls recorded in the scenario: what a person set while the run
//! played, and from when. The engine replays them, so an export, an undo or
//! a re-run reproduces exactly the run the person watched.
//!
//! Demand is drawn hour by hour, so a control takes effect from an hour's
//! draw: the UI records it at the engine's next undrawn hour
//! ([`crate::Engine::next_draw_time`]), and a replay applies it to every
//! draw at or after that time.

use crate::defaults::MAX_DEMAND_MULTIPLIER;
use crate::scenario::Control;
use crate::time::{HOUR, SimTime, hours};

/// The demand multiplier over time: steps sorted by time.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DemandSchedule {
    steps: Vec<(SimTime, f64)>,
}

impl DemandSchedule {
    /// The schedule a scenario's controls describe (equal times: the later
    /// entry wins).
    pub fn new(controls: &[Control]) -> DemandSchedule {
        let mut steps: Vec<(SimTime, f64)> = controls
            .iter()
            .map(|c| (hours(c.at_h), clamp(c.demand_multiplier)))
            .collect();
        steps.sort_by_key(|s| s.0);
        DemandSchedule { steps }
    }

    /// The multiplier for demand drawn at `t` (1 before the first control).
    pub fn at(&self, t: SimTime) -> f64 {
        match self.steps.partition_point(|s| s.0 <= t) {
            0 => 1.0,
            n => self.steps[n - 1].1,
        }
    }

    /// (from, multiplier) steps in time order.
    pub fn steps(&self) -> &[(SimTime, f64)] {
        &self.steps
    }
}

fn clamp(m: f64) -> f64 {
    if m.is_finite() {
        m.clamp(0.0, MAX_DEMAND_MULTIPLIER)
    } else {
        1.0
    }
}

/// Record "demand × `m` from `at` on" in a scenario's controls: controls
/// from `at` on are replaced (the person is re-recording from here).
pub fn set_demand_from(controls: &mut Vec<Control>, at: SimTime, m: f64) {
    controls.retain(|c| hours(c.at_h) < at);
    controls.push(Control {
        at_h: at as f64 / HOUR as f64,
        demand_multiplier: m,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(at_h: f64, m: f64) -> Control {
        Control {
            at_h,
            demand_multiplier: m,
        }
    }

    #[test]
    fn a_schedule_steps_at_each_control_and_the_later_entry_wins_a_tie() {
        let s = DemandSchedule::new(&[c(10.0, 2.0), c(5.0, 0.5), c(10.0, 3.0)]);
        assert_eq!(s.at(0), 1.0);
        assert_eq!(s.at(5 * HOUR - 1), 1.0);
        assert_eq!(s.at(5 * HOUR), 0.5);
        assert_eq!(s.at(10 * HOUR), 3.0);
        assert_eq!(s.at(1000 * HOUR), 3.0);
    }

    #[test]
    fn recording_replaces_controls_from_then_on() {
        let mut v = vec![c(1.0, 2.0), c(5.0, 3.0), c(9.0, 4.0)];
        set_demand_from(&mut v, 5 * HOUR, 1.5);
        assert_eq!(v, vec![c(1.0, 2.0), c(5.0, 1.5)]);
        // Hours round-trip exactly through the scenario's fractional hours.
        let odd = 123_456_789;
        set_demand_from(&mut v, odd, 0.25);
        assert_eq!(hours(v.last().unwrap().at_h), odd);
    }
}
