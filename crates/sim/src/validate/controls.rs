//! Live controls: when each applies and what it sets.

use super::check::{At, Checker};
use crate::controls::DemandSchedule;
use crate::defaults::{MAX_DAYS, MAX_DEMAND_MULTIPLIER};
use crate::problem::Subject;
use crate::scenario::Scenario;

pub(super) fn build(s: &Scenario, ck: &mut Checker) -> DemandSchedule {
    let max_h = MAX_DAYS as f64 * 24.0;
    for (i, c) in s.controls.iter().enumerate() {
        let at = At::new(Subject::Control(i), format!("at hour {}", c.at_h));
        if !(c.at_h.is_finite() && (0.0..=max_h).contains(&c.at_h)) {
            ck.err(
                &at,
                "at_h",
                format!("must be in [0, {max_h}], got {}", c.at_h),
            );
        }
        let m = c.demand_multiplier;
        if !(m.is_finite() && (0.0..=MAX_DEMAND_MULTIPLIER).contains(&m)) {
            let msg = format!("must be in [0, {MAX_DEMAND_MULTIPLIER}], got {m}");
            ck.err(&at, "demand_multiplier", msg);
        }
    }
    DemandSchedule::new(&s.controls)
}
