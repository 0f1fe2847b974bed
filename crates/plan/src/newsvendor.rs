//! The newsvendor: the single-period (or base-stock, per-period) level that
//! balances overage and underage cost under normal demand.

use serde::{Deserialize, Serialize};

use crate::{PlanError, check, normal};

/// The optimal newsvendor level and its cost.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Newsvendor {
    /// Optimal order-up-to level S* (units).
    pub level: f64,
    /// Critical ratio p/(p + h): the optimal probability of no stockout.
    pub critical_ratio: f64,
    /// Safety factor z* = Φ⁻¹(p/(p + h)), so S* = μ + z*·σ.
    pub safety_factor: f64,
    /// Expected cost at S*: (h + p)·σ·φ(z*) (currency per period).
    pub expected_cost: f64,
}

/// Optimal newsvendor level for demand N(`mean`, `sd`²).
///
/// `holding` (h) is the cost per unit left over and `stockout` (p) the cost per
/// unit short, both in currency per unit per period; `mean` and `sd` are in
/// units per period. S* = μ + σ·Φ⁻¹(p/(p + h)); the expected cost
/// E[h(S − D)⁺ + p(D − S)⁺] at S* is (h + p)·σ·φ(z*).
pub fn newsvendor_normal(
    holding: f64,
    stockout: f64,
    mean: f64,
    sd: f64,
) -> Result<Newsvendor, PlanError> {
    check::positive(holding, "the holding cost", "per unit per period")?;
    check::positive(stockout, "the stockout cost", "per unit per period")?;
    check::non_negative(mean, "the mean demand", "units per period")?;
    check::positive(sd, "the demand standard deviation", "units per period")?;
    let critical_ratio = stockout / (stockout + holding);
    let z = normal::inverse_cdf(critical_ratio).map_err(|_| {
        PlanError::Unsolvable(format!(
            "the critical ratio p/(p + h) = {critical_ratio} is too close to 0 or 1 \
             for a finite level (holding cost {holding}, stockout cost {stockout})"
        ))
    })?;
    Ok(Newsvendor {
        level: mean + sd * z,
        critical_ratio,
        safety_factor: z,
        expected_cost: (holding + stockout) * sd * normal::pdf(z),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn textbook_instance() {
        // h = 2, p = 18, D ~ N(120, 10²): ratio 0.9, z* = 1.2816, S* = 132.816.
        let nv = newsvendor_normal(2.0, 18.0, 120.0, 10.0).unwrap();
        assert!((nv.critical_ratio - 0.9).abs() < 1e-15);
        assert!((nv.level - 132.816).abs() < 5e-4, "level {}", nv.level);
        // (h + p)σφ(z*) = 20·10·φ(1.281552) = 35.0996.
        assert!(
            (nv.expected_cost - 35.0996).abs() < 5e-4,
            "cost {}",
            nv.expected_cost
        );
    }

    #[test]
    fn closed_form_cost_equals_direct_expectation() {
        // E[h(S−D)⁺ + p(D−S)⁺] = h(S−μ) + (h+p)σL(z) at any S; at S* it is (h+p)σφ(z*).
        let (h, p, mu, sd) = (2.0, 18.0, 120.0, 10.0);
        let nv = newsvendor_normal(h, p, mu, sd).unwrap();
        let cost = |s: f64| h * (s - mu) + (h + p) * sd * normal::loss((s - mu) / sd);
        assert!((cost(nv.level) - nv.expected_cost).abs() < 1e-10);
        assert!(cost(nv.level - 0.01) > nv.expected_cost);
        assert!(cost(nv.level + 0.01) > nv.expected_cost);
    }

    #[test]
    fn bad_inputs_are_named() {
        let e = newsvendor_normal(f64::NAN, 1.0, 1.0, 1.0).unwrap_err();
        assert_eq!(e.to_string(), "the holding cost must be a number (got NaN)");
        let e = newsvendor_normal(1.0, 1.0, 1.0, 0.0).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("the demand standard deviation must be more than 0")
        );
        let e = newsvendor_normal(1.0, -3.0, 1.0, 1.0).unwrap_err();
        assert!(e.to_string().contains("stockout cost must be more than 0"));
        let e = newsvendor_normal(1e-300, 1e300, 1.0, 1.0).unwrap_err();
        assert!(matches!(e, PlanError::Unsolvable(_)), "{e}");
    }
}
