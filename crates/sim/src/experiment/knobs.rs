//! The numbers of a scenario a person may sweep, each with its label, path,
//! value now and a range to start from: stocking rules' safety factors and
//! levels, sites' capacities, vehicles' dispatch intervals and fleets, and
//! the scenario's demand scale, wage and carbon price.

use crate::policy::Rule;
use crate::scenario::Scenario;
use serde::Serialize;

/// A sweepable number.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Knob {
    pub label: String,
    pub path: String,
    /// Its value in the scenario (`None`: left to its default).
    pub now: Option<f64>,
    /// A range to start from: a stated span, or half to one and a half
    /// times the value now.
    pub from: f64,
    pub to: f64,
    /// Whether it takes whole numbers only (vehicles).
    pub whole: bool,
}

/// A safety factor's usual span: z = 0 (no safety stock) to z = 3 (99.87 %
/// cycle service for normal demand).
const Z_SPAN: (f64, f64) = (0.0, 3.0);

fn around(label: String, path: String, now: f64, whole: bool) -> Knob {
    let (from, to) = (now * 0.5, now * 1.5);
    let (from, to) = if whole {
        (from.floor().max(1.0), to.ceil().max(2.0))
    } else {
        (from, to)
    };
    Knob {
        label,
        path,
        now: Some(now),
        from,
        to,
        whole,
    }
}

fn spanned(label: String, path: String, now: Option<f64>, span: (f64, f64)) -> Knob {
    Knob {
        label,
        path,
        now,
        from: span.0,
        to: span.1,
        whole: false,
    }
}

/// Every knob of `s`, in the order the scenario lists its parts.
pub fn knobs(s: &Scenario) -> Vec<Knob> {
    let mut out = vec![
        around("Demand scale".into(), "scale".into(), s.scale, false),
        around(
            "Wage (£ an hour)".into(),
            "wage_per_hour".into(),
            s.wage_per_hour,
            false,
        ),
    ];
    if let Some(r) = &s.regulation {
        let p = r.carbon_price_per_tonne;
        out.push(spanned(
            "Carbon price (£ a tonne)".into(),
            "regulation.carbon_price_per_tonne".into(),
            Some(p),
            (0.0, p.max(100.0) * 2.0),
        ));
    }
    for (i, p) in s.policies.iter().enumerate() {
        let fc = s.name_of(&p.facility);
        let at = |f: &str| format!("policies[{i}].rule.{f}");
        match p.rule {
            Rule::BaseStock { level: None, z } | Rule::Periodic { z, .. } => {
                out.push(spanned(
                    format!("{fc}: safety factor z"),
                    at("z"),
                    z,
                    Z_SPAN,
                ));
            }
            Rule::Jit { safety_factor } => {
                out.push(spanned(
                    format!("{fc}: JIT safety factor"),
                    at("safety_factor"),
                    Some(safety_factor),
                    (0.0, 1.0),
                ));
            }
            Rule::SS { s: low, big_s } => {
                out.push(around(
                    format!("{fc}: reorder point s"),
                    at("s"),
                    low,
                    false,
                ));
                out.push(around(
                    format!("{fc}: order-up-to S"),
                    at("S"),
                    big_s,
                    false,
                ));
            }
            Rule::RQ { r, q } => {
                out.push(around(format!("{fc}: reorder point r"), at("r"), r, false));
                out.push(around(format!("{fc}: order quantity q"), at("q"), q, false));
            }
            Rule::Vmi { min_days, max_days } => {
                out.push(around(
                    format!("{fc}: VMI minimum (days)"),
                    at("min_days"),
                    min_days,
                    false,
                ));
                out.push(around(
                    format!("{fc}: VMI maximum (days)"),
                    at("max_days"),
                    max_days,
                    false,
                ));
            }
            Rule::BaseStock { level: Some(l), .. } => {
                out.push(around(
                    format!("{fc}: base-stock level"),
                    at("level"),
                    l,
                    false,
                ));
            }
        }
    }
    for (i, f) in s.facilities.iter().enumerate() {
        if let Some(c) = f.capacity_per_hour {
            out.push(around(
                format!("{}: capacity (units an hour)", f.name),
                format!("facilities[{i}].capacity_per_hour"),
                c,
                false,
            ));
        }
    }
    for (i, l) in s.lanes.iter().enumerate() {
        let name = format!("{} → {}", s.name_of(&l.from), s.name_of(&l.to));
        if let Some(every) = l.dispatch.as_ref().and_then(|d| d.every_hours) {
            out.push(around(
                format!("{name}: dispatch every (h)"),
                format!("lanes[{i}].dispatch.every_hours"),
                every,
                false,
            ));
        }
        if let Some(v) = l.vehicles {
            out.push(around(
                format!("{name}: vehicles"),
                format!("lanes[{i}].vehicles"),
                f64::from(v),
                true,
            ));
        }
    }
    out
}

/// `steps` values from `from` to `to`, evenly spaced (whole numbers, with
/// repeats dropped, for a whole knob); rounded to 4 significant figures so
/// labels read cleanly.
pub fn values(from: f64, to: f64, steps: u32, whole: bool) -> Vec<f64> {
    let n = steps.max(1);
    let mut out: Vec<f64> = (0..n)
        .map(|i| {
            let x = if n == 1 {
                from
            } else {
                from + (to - from) * f64::from(i) / f64::from(n - 1)
            };
            if whole { libm::round(x) } else { round4(x) }
        })
        .collect();
    out.dedup();
    out
}

fn round4(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let digits = 3 - libm::floor(libm::log10(libm::fabs(x))) as i32;
    let scale = libm::pow(10.0, f64::from(digits));
    libm::round(x * scale) / scale
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_uk_network_offers_its_safety_factors_capacities_and_vans() {
        let s = Scenario::from_json(crate::builtin::UK_NETWORK).unwrap();
        let k = knobs(&s);
        let z = k.iter().find(|k| k.path == "policies[0].rule.z").unwrap();
        assert_eq!(
            (z.label.as_str(), z.now, z.from, z.to),
            ("FC Coalville: safety factor z", Some(1.65), 0.0, 3.0)
        );
        assert!(
            k.iter()
                .any(|k| k.label == "Delivery station Enfield: capacity (units an hour)")
        );
        assert!(k.iter().any(|k| k.path == "lanes[36].dispatch.every_hours"));
        // Every path leads to a number or an absent optional in the scenario.
        let doc = serde_json::to_value(&s).unwrap();
        for knob in &k {
            let mut d = doc.clone();
            assert!(
                super::super::path::set(&mut d, &knob.path, 1.0).is_ok(),
                "{}",
                knob.path
            );
        }
    }

    #[test]
    fn values_are_even_and_clean() {
        assert_eq!(values(0.0, 3.0, 4, false), [0.0, 1.0, 2.0, 3.0]);
        assert_eq!(values(1.0, 3.0, 5, true), [1.0, 2.0, 3.0]);
        assert_eq!(values(0.0, 1.0, 3, false), [0.0, 0.5, 1.0]);
        assert_eq!(values(1.0, 2.0, 4, false), [1.0, 1.333, 1.667, 2.0]);
        assert_eq!(values(5.0, 9.0, 1, false), [5.0]);
    }
}
