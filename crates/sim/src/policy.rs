//! Inventory decision rules. Pure functions of the inventory position and the
//! forecast, so they are easy to test and the engine only does bookkeeping.
//!
//! Inventory position = on hand + on order − backordered.

use crate::network::RuleInfo;

/// Units to order now (non-negative, whole units).
pub fn order_quantity(rule: RuleInfo, position: f64, mean: f64, sd: f64) -> u64 {
    let q = match rule {
        RuleInfo::BaseStock { level } => level - position,
        RuleInfo::SS { s, big_s } => {
            if position <= s {
                big_s - position
            } else {
                0.0
            }
        }
        RuleInfo::RQ { r, q } => {
            if position <= r {
                // Smallest n with position + n·q > r.
                (libm::floor((r - position) / q) + 1.0) * q
            } else {
                0.0
            }
        }
        RuleInfo::Periodic { cover, safety, z } => {
            let ss = match z {
                Some(z) => z * sd * libm::sqrt(cover),
                None => safety,
            };
            mean * cover + ss - position
        }
        RuleInfo::Jit {
            cover,
            safety_factor,
        } => mean * cover * (1.0 + safety_factor) - position,
        RuleInfo::Vmi {
            min_periods,
            max_periods,
        } => {
            if position < mean * min_periods {
                mean * max_periods - position
            } else {
                0.0
            }
        }
    };
    if q.is_finite() && q > 0.0 {
        libm::round(q) as u64
    } else {
        0
    }
}

/// The level the rule aims for (for initial stock and display).
pub fn target_level(rule: RuleInfo, mean: f64, sd: f64) -> f64 {
    match rule {
        RuleInfo::BaseStock { level } => level,
        RuleInfo::SS { big_s, .. } => big_s,
        RuleInfo::RQ { r, q } => r + q,
        RuleInfo::Periodic { cover, safety, z } => {
            mean * cover + z.map(|z| z * sd * libm::sqrt(cover)).unwrap_or(safety)
        }
        RuleInfo::Jit {
            cover,
            safety_factor,
        } => mean * cover * (1.0 + safety_factor),
        RuleInfo::Vmi { max_periods, .. } => mean * max_periods,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_order_what_textbooks_say() {
        assert_eq!(
            order_quantity(RuleInfo::BaseStock { level: 100.0 }, 60.0, 0.0, 0.0),
            40
        );
        assert_eq!(
            order_quantity(RuleInfo::BaseStock { level: 100.0 }, 120.0, 0.0, 0.0),
            0
        );
        assert_eq!(
            order_quantity(
                RuleInfo::SS {
                    s: 20.0,
                    big_s: 80.0
                },
                21.0,
                0.0,
                0.0
            ),
            0
        );
        assert_eq!(
            order_quantity(
                RuleInfo::SS {
                    s: 20.0,
                    big_s: 80.0
                },
                15.0,
                0.0,
                0.0
            ),
            65
        );
        assert_eq!(
            order_quantity(RuleInfo::RQ { r: 20.0, q: 50.0 }, 20.0, 0.0, 0.0),
            50
        );
        assert_eq!(
            order_quantity(RuleInfo::RQ { r: 20.0, q: 50.0 }, -40.0, 0.0, 0.0),
            100
        );
        let p = RuleInfo::Periodic {
            cover: 3.0,
            safety: 5.0,
            z: None,
        };
        assert_eq!(order_quantity(p, 20.0, 10.0, 2.0), 15);
        let v = RuleInfo::Vmi {
            min_periods: 2.0,
            max_periods: 5.0,
        };
        assert_eq!(order_quantity(v, 25.0, 10.0, 0.0), 0);
        assert_eq!(order_quantity(v, 15.0, 10.0, 0.0), 35);
    }
}
