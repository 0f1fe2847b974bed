//! The rule book: everything about each inventory rule in one place — its
//! scenario form, its checks, its levels resolved for the engine, the order
//! it places at a review, the level it aims for, the numbers a person may
//! edit, and its name. Adding a rule means a variant here (in [`Rule`] and
//! [`RuleInfo`]) and an arm in each `match` below, plus the schema.
//!
//! Inventory position = on hand + on order − backordered.

use crate::defaults::{MAX_COVER_PERIODS, MAX_DAYS, MAX_JIT_SAFETY, MAX_STOCK_UNITS, SERVICE_Z};
use crate::network::FacilityInfo;
use crate::scenario::FacilityKind;
use crate::time::{DAY, SimTime};
use crate::validate::check::{At, Checker};
use serde::{Deserialize, Serialize};

/// A stocking rule as a scenario states it.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Rule {
    /// Order up to a fixed level each review; `level` or, if absent,
    /// mean·(L+R) + z·σ·√(L+R) from the expected demand.
    BaseStock {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        level: Option<f64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        z: Option<f64>,
    },
    /// If inventory position ≤ s, order up to S.
    #[serde(rename = "s_S")]
    SS {
        s: f64,
        #[serde(rename = "S")]
        big_s: f64,
    },
    /// If inventory position ≤ r, order the smallest multiple of q that lifts it above r.
    RQ { r: f64, q: f64 },
    /// Periodic order-up-to from the forecast: forecast × cover + safety
    /// (cover default (L+R)/R periods; safety fixed, or z·σ̂·√cover when `z` given).
    Periodic {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        cover_periods: Option<f64>,
        #[serde(default)]
        safety_stock: f64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        z: Option<f64>,
    },
    /// Order the forecast over lead time + review with minimal safety (a fraction of it).
    Jit {
        #[serde(default)]
        safety_factor: f64,
    },
    /// The supplier sees stock: refill to `max_days` of forecast when the
    /// position falls below `min_days`. No order delay.
    Vmi { min_days: f64, max_days: f64 },
}

/// A rule with its levels resolved to units and its covers to periods.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum RuleInfo {
    BaseStock {
        level: f64,
    },
    SS {
        s: f64,
        big_s: f64,
    },
    RQ {
        r: f64,
        q: f64,
    },
    Periodic {
        cover: f64,
        safety: f64,
        z: Option<f64>,
    },
    Jit {
        cover: f64,
        safety_factor: f64,
    },
    Vmi {
        min_periods: f64,
        max_periods: f64,
    },
}

/// What a rule's levels resolve against: expected demand per period and
/// its variance (the planning prior), lead time + review in periods, and
/// the period.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Plan {
    pub mean: f64,
    pub var: f64,
    pub cover: f64,
    pub period_s: SimTime,
    /// Levels given in units are the whole network's: × scale.
    pub scale: f64,
}

/// A number of a rule a person may edit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Param {
    /// The field's name in the scenario (`z`, `S`, `min_days`).
    pub key: &'static str,
    pub label: &'static str,
    pub unit: &'static str,
    pub value: f64,
}

impl Rule {
    /// The rule's name as a person reads it.
    pub fn title(&self) -> &'static str {
        match self {
            Rule::BaseStock { .. } => "Base-stock (order-up-to)",
            Rule::SS { .. } => "(s, S)",
            Rule::RQ { .. } => "(R, Q)",
            Rule::Periodic { .. } => "Periodic review",
            Rule::Jit { .. } => "JIT",
            Rule::Vmi { .. } => "Vendor-managed",
        }
    }

    /// One rule of each kind, as a person switching an FC to it first sees
    /// it: base-stock and periodic at the default service level; the others
    /// at round values to tune from.
    pub fn starters() -> [Rule; 6] {
        let z = Some(SERVICE_Z);
        [
            Rule::BaseStock { level: None, z },
            Rule::SS {
                s: 200.0,
                big_s: 800.0,
            },
            Rule::RQ { r: 200.0, q: 400.0 },
            Rule::Periodic {
                cover_periods: None,
                safety_stock: 0.0,
                z,
            },
            Rule::Jit { safety_factor: 0.1 },
            Rule::Vmi {
                min_days: 3.0,
                max_days: 10.0,
            },
        ]
    }

    /// The numbers the inspector offers for editing.
    pub fn params(&self) -> Vec<Param> {
        let p = |key, label, unit, value| Param {
            key,
            label,
            unit,
            value,
        };
        match *self {
            Rule::BaseStock { z, .. } | Rule::Periodic { z, .. } => {
                vec![p("z", "Safety factor z", "σ", z.unwrap_or(SERVICE_Z))]
            }
            Rule::SS { s, big_s } => vec![
                p("s", "s (reorder at)", "units", s),
                p("S", "S (order up to)", "units", big_s),
            ],
            Rule::RQ { r, q } => vec![
                p("r", "R (reorder point)", "units", r),
                p("q", "Q (lot size)", "units", q),
            ],
            Rule::Jit { safety_factor } => {
                vec![p(
                    "safety_factor",
                    "Safety share",
                    "of forecast",
                    safety_factor,
                )]
            }
            Rule::Vmi { min_days, max_days } => vec![
                p("min_days", "Refill below", "days of cover", min_days),
                p("max_days", "Refill up to", "days of cover", max_days),
            ],
        }
    }

    /// This rule with the number `key` (one of [`Rule::params`]) set to `v`.
    /// A base-stock level set by a person gives way to the level from z.
    pub fn with(self, key: &str, v: f64) -> Rule {
        match (self, key) {
            (Rule::BaseStock { .. }, "z") => Rule::BaseStock {
                level: None,
                z: Some(v),
            },
            (
                Rule::Periodic {
                    cover_periods,
                    safety_stock,
                    ..
                },
                "z",
            ) => Rule::Periodic {
                cover_periods,
                safety_stock,
                z: Some(v),
            },
            (Rule::SS { big_s, .. }, "s") => Rule::SS { s: v, big_s },
            (Rule::SS { s, .. }, "S") => Rule::SS { s, big_s: v },
            (Rule::RQ { q, .. }, "r") => Rule::RQ { r: v, q },
            (Rule::RQ { r, .. }, "q") => Rule::RQ { r, q: v },
            (Rule::Jit { .. }, "safety_factor") => Rule::Jit { safety_factor: v },
            (Rule::Vmi { max_days, .. }, "min_days") => Rule::Vmi {
                min_days: v,
                max_days,
            },
            (Rule::Vmi { min_days, .. }, "max_days") => Rule::Vmi {
                min_days,
                max_days: v,
            },
            (rule, _) => rule,
        }
    }

    /// Check the rule's numbers; `source` is the facility that replenishes.
    pub(crate) fn check(&self, ck: &mut Checker, at: &At, source: Option<&FacilityInfo>) {
        match *self {
            Rule::BaseStock { level, z } => {
                ck.opt_nonneg(at, "rule.level", level);
                ck.z(at, "rule.z", z);
            }
            Rule::SS { s, big_s } => {
                ck.nonneg(at, "rule.s", s);
                if ck.nonneg(at, "rule.S", big_s) && big_s <= s {
                    ck.err(at, "rule.S", "S must be greater than s");
                }
            }
            Rule::RQ { r, q } => {
                ck.nonneg(at, "rule.r", r);
                ck.pos(at, "rule.q", q);
            }
            Rule::Periodic {
                cover_periods,
                safety_stock,
                z,
            } => {
                ck.opt_pos(at, "rule.cover_periods", cover_periods);
                ck.nonneg(at, "rule.safety_stock", safety_stock);
                ck.z(at, "rule.z", z);
            }
            Rule::Jit { safety_factor } => {
                ck.nonneg(at, "rule.safety_factor", safety_factor);
            }
            Rule::Vmi { min_days, max_days } => {
                ck.nonneg(at, "rule.min_days", min_days);
                if ck.pos(at, "rule.max_days", max_days) && max_days < min_days {
                    ck.err(at, "rule.max_days", "must be at least min_days");
                }
                if let Some(sf) = source
                    && !(sf.kind == FacilityKind::Supplier && sf.supply.vmi)
                {
                    ck.err(
                        at,
                        "source",
                        "a vmi policy needs a supplier with \"vmi\": true",
                    );
                }
            }
        }
        if self.too_big() {
            let msg = "levels must be at most 1,000,000,000 units (and covers at most 10 years)";
            ck.err(at, "rule", msg);
        }
    }

    /// Levels beyond a billion units are typos, and would overflow stock counters.
    fn too_big(&self) -> bool {
        let big = |x: f64| x > MAX_STOCK_UNITS;
        match *self {
            Rule::BaseStock { level, .. } => level.is_some_and(big),
            Rule::SS { s, big_s } => big(s) || big(big_s),
            Rule::RQ { r, q } => big(r) || big(q),
            Rule::Periodic {
                safety_stock,
                cover_periods,
                ..
            } => big(safety_stock) || cover_periods.is_some_and(|c| c > MAX_COVER_PERIODS),
            Rule::Jit { safety_factor } => safety_factor > MAX_JIT_SAFETY,
            Rule::Vmi { max_days, .. } => max_days > MAX_DAYS as f64,
        }
    }

    /// Does the source see the stock (no order delay)?
    pub(crate) fn vendor_managed(&self) -> bool {
        matches!(self, Rule::Vmi { .. })
    }

    /// The rule with its levels in units and covers in periods.
    pub(crate) fn resolve(&self, plan: &Plan) -> RuleInfo {
        let Plan {
            mean,
            var,
            cover,
            period_s,
            scale: k,
        } = *plan;
        match *self {
            Rule::BaseStock { level, z } => RuleInfo::BaseStock {
                level: level.map_or_else(
                    || mean * cover + z.unwrap_or(SERVICE_Z) * libm::sqrt(var * cover),
                    |l| l * k,
                ),
            },
            Rule::SS { s, big_s } => RuleInfo::SS {
                s: s * k,
                big_s: big_s * k,
            },
            Rule::RQ { r, q } => RuleInfo::RQ { r: r * k, q: q * k },
            Rule::Periodic {
                cover_periods,
                safety_stock,
                z,
            } => RuleInfo::Periodic {
                cover: cover_periods.unwrap_or(cover),
                safety: safety_stock * k,
                z,
            },
            Rule::Jit { safety_factor } => RuleInfo::Jit {
                cover,
                safety_factor,
            },
            Rule::Vmi { min_days, max_days } => {
                let per_day = DAY as f64 / period_s as f64;
                RuleInfo::Vmi {
                    min_periods: min_days * per_day,
                    max_periods: max_days * per_day,
                }
            }
        }
    }
}

impl RuleInfo {
    /// Units to order now (non-negative, whole units), given the position
    /// and the forecast's mean and spread per period.
    pub fn order_quantity(&self, position: f64, mean: f64, sd: f64) -> u64 {
        let q = match *self {
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
            _ => self.target_level(mean, sd) - position,
        };
        let q = match *self {
            RuleInfo::Vmi { min_periods, .. } if position >= mean * min_periods => 0.0,
            _ => q,
        };
        if q.is_finite() && q > 0.0 {
            libm::round(q) as u64
        } else {
            0
        }
    }

    /// The level the rule aims for (initial stock, display, and the
    /// order-up-to level of the forecast-driven rules).
    pub fn target_level(&self, mean: f64, sd: f64) -> f64 {
        match *self {
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

    /// The level does not depend on a forecast: with no demand since the
    /// last review the rule orders nothing, so the review can skip it.
    pub fn fixed_level(&self) -> bool {
        matches!(
            self,
            RuleInfo::BaseStock { .. } | RuleInfo::SS { .. } | RuleInfo::RQ { .. }
        )
    }

    /// The periods of demand the rule's level covers, whose forecast it
    /// needs; None for the fixed-level rules.
    pub fn horizon(&self) -> Option<f64> {
        match *self {
            RuleInfo::Periodic { cover, .. } | RuleInfo::Jit { cover, .. } => Some(cover),
            RuleInfo::Vmi { max_periods, .. } => Some(max_periods),
            _ => None,
        }
    }

    /// The rule sizes safety stock from the forecast's error.
    pub fn uses_spread(&self) -> bool {
        matches!(self, RuleInfo::Periodic { z: Some(_), .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(rule: RuleInfo, position: f64, mean: f64, sd: f64) -> u64 {
        rule.order_quantity(position, mean, sd)
    }

    #[test]
    fn rules_order_what_textbooks_say() {
        assert_eq!(q(RuleInfo::BaseStock { level: 100.0 }, 60.0, 0.0, 0.0), 40);
        assert_eq!(q(RuleInfo::BaseStock { level: 100.0 }, 120.0, 0.0, 0.0), 0);
        let ss = RuleInfo::SS {
            s: 20.0,
            big_s: 80.0,
        };
        assert_eq!(q(ss, 21.0, 0.0, 0.0), 0);
        assert_eq!(q(ss, 15.0, 0.0, 0.0), 65);
        assert_eq!(q(RuleInfo::RQ { r: 20.0, q: 50.0 }, 20.0, 0.0, 0.0), 50);
        assert_eq!(q(RuleInfo::RQ { r: 20.0, q: 50.0 }, -40.0, 0.0, 0.0), 100);
        let p = RuleInfo::Periodic {
            cover: 3.0,
            safety: 5.0,
            z: None,
        };
        assert_eq!(q(p, 20.0, 10.0, 2.0), 15);
        let pz = RuleInfo::Periodic {
            cover: 4.0,
            safety: 0.0,
            z: Some(2.0),
        };
        // 10·4 + 2·3·√4 = 52.
        assert_eq!(q(pz, 30.0, 10.0, 3.0), 22);
        let j = RuleInfo::Jit {
            cover: 2.0,
            safety_factor: 0.5,
        };
        assert_eq!(q(j, 10.0, 10.0, 0.0), 20);
        let v = RuleInfo::Vmi {
            min_periods: 2.0,
            max_periods: 5.0,
        };
        assert_eq!(q(v, 25.0, 10.0, 0.0), 0);
        assert_eq!(q(v, 15.0, 10.0, 0.0), 35);
    }

    #[test]
    fn every_param_a_rule_offers_can_be_set() {
        for rule in Rule::starters() {
            for p in rule.params() {
                let changed = rule.with(p.key, p.value + 1.5);
                let got = changed
                    .params()
                    .into_iter()
                    .find(|q| q.key == p.key)
                    .unwrap();
                assert_eq!(got.value, p.value + 1.5, "{} {}", rule.title(), p.key);
                // Keys are the scenario's field names.
                let json = serde_json::to_value(changed).unwrap();
                assert_eq!(json[p.key], p.value + 1.5, "{json}");
            }
        }
    }
}
