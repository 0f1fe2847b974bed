//! KPI figures as a person reads them: a mean with its 95 % interval, a
//! difference with its interval and what it means (better, worse, or no
//! clear difference at 95 %).

use supply_sim::experiment::result::KpiInfo;
use supply_sim::experiment::stats::Summary;
use supply_sim::view::format::thousands;

/// The KPI's name with the unit its figures leave out: "CO₂e (kg)".
pub fn heading(k: &KpiInfo) -> String {
    match k.unit.as_str() {
        "share" | "£" | "orders" => k.label.clone(),
        unit => format!("{} ({unit})", k.label),
    }
}

/// `x` as the table shows it: shares as %, money in £, counts with
/// commas; other units are in the heading.
pub fn value(k: &KpiInfo, x: f64) -> String {
    match k.unit.as_str() {
        "share" => format!("{:.1} %", x * 100.0),
        "£" => format!("£{}", bare(k, x)),
        _ => bare(k, x),
    }
}

/// `x` with no unit: shares in points, large figures whole.
fn bare(k: &KpiInfo, x: f64) -> String {
    match k.unit.as_str() {
        "share" => format!("{:.1}", x * 100.0),
        _ if x.abs() >= 1000.0 => thousands(x.round() as i64),
        "£" => format!("{x:.2}"),
        "g" => format!("{x:.0}"),
        _ => format!("{x:.1}"),
    }
}

fn sign(x: f64) -> &'static str {
    if x > 0.0 {
        "+"
    } else if x < 0.0 {
        "−"
    } else {
        "±"
    }
}

/// A difference, signed: shares in percentage points.
pub fn signed(k: &KpiInfo, x: f64) -> String {
    let body = match k.unit.as_str() {
        "share" => format!("{} pts", bare(k, x.abs())),
        _ => value(k, x.abs()),
    };
    format!("{}{body}", sign(x))
}

/// "71.2 % ± 0.8" (the interval's half-width), or the mean alone.
pub fn mean_with_interval(k: &KpiInfo, s: Option<Summary>) -> String {
    let Some(s) = s else { return "withheld".into() };
    match s.ci95_high {
        Some(h) => format!("{} ± {}", value(k, s.mean), bare(k, h - s.mean)),
        None => value(k, s.mean),
    }
}

/// "+2.1 pts (+1.4 to +2.8)": the mean difference, then its interval.
pub fn difference(k: &KpiInfo, d: Option<Summary>) -> String {
    let Some(d) = d else { return "—".into() };
    match (d.ci95_low, d.ci95_high) {
        (Some(l), Some(h)) => format!(
            "{} ({}{} to {}{})",
            signed(k, d.mean),
            sign(l),
            bare(k, l.abs()),
            sign(h),
            bare(k, h.abs())
        ),
        _ => signed(k, d.mean),
    }
}

/// What the difference means: "better", "worse", or "no clear difference"
/// when its interval holds zero.
pub fn verdict(k: &KpiInfo, d: Option<Summary>) -> &'static str {
    match d {
        Some(d) if d.excludes_zero() => {
            if (d.mean > 0.0) == k.higher_is_better {
                "better"
            } else {
                "worse"
            }
        }
        Some(_) => "no clear difference",
        None => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn kpi(unit: &str, higher: bool) -> KpiInfo {
        KpiInfo {
            name: "x".into(),
            label: "X".into(),
            unit: unit.into(),
            higher_is_better: higher,
        }
    }

    #[test]
    fn figures_read_in_their_units() {
        assert_eq!(value(&kpi("share", true), 0.7123), "71.2 %");
        assert_eq!(value(&kpi("£", false), 1.724), "£1.72");
        assert_eq!(value(&kpi("£", false), 123456.0), "£123,456");
        assert_eq!(heading(&kpi("kg", false)), "X (kg)");
        let d = Summary::of(&[-0.01, 0.0, 0.04]);
        assert_eq!(
            difference(&kpi("share", true), d),
            "+1.0 pts (−5.6 to +7.6)"
        );
        assert_eq!(signed(&kpi("share", true), -0.021), "−2.1 pts");
        let d = Summary::of(&[0.01, 0.011, 0.012]);
        assert_eq!(verdict(&kpi("share", true), d), "better");
        assert_eq!(verdict(&kpi("£", false), d), "worse");
        assert_eq!(
            verdict(&kpi("£", false), Summary::of(&[-1.0, 1.0])),
            "no clear difference"
        );
    }
}
