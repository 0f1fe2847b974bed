//! The standard normal distribution: density, distribution function, its
//! inverse, and the loss function.
//!
//! Everything goes through `libm` so that results are bit-identical natively
//! and in wasm32 (std's `exp`/`ln` may differ between targets).

use crate::PlanError;

/// √(2π), the normal density's normalising constant.
const SQRT_2PI: f64 = 2.506_628_274_631_000_7;

/// Acklam's rational approximation to Φ⁻¹, central region numerator
/// (P. J. Acklam, "An algorithm for computing the inverse normal cumulative
/// distribution function", 2003; relative error below 1.15e-9 before refinement).
const ACKLAM_A: [f64; 6] = [
    -3.969_683_028_665_376e1,
    2.209_460_984_245_205e2,
    -2.759_285_104_469_687e2,
    1.383_577_518_672_69e2,
    -3.066_479_806_614_716e1,
    2.506_628_277_459_239,
];
/// Acklam, central region denominator.
const ACKLAM_B: [f64; 5] = [
    -5.447_609_879_822_406e1,
    1.615_858_368_580_409e2,
    -1.556_989_798_598_866e2,
    6.680_131_188_771_972e1,
    -1.328_068_155_288_572e1,
];
/// Acklam, tail region numerator.
const ACKLAM_C: [f64; 6] = [
    -7.784_894_002_430_293e-3,
    -3.223_964_580_411_365e-1,
    -2.400_758_277_161_838,
    -2.549_732_539_343_734,
    4.374_664_141_464_968,
    2.938_163_982_698_783,
];
/// Acklam, tail region denominator.
const ACKLAM_D: [f64; 4] = [
    7.784_695_709_041_462e-3,
    3.224_671_290_700_398e-1,
    2.445_134_137_142_996,
    3.754_408_661_907_416,
];
/// Below this probability Acklam switches from the central to the tail formula.
const ACKLAM_P_LOW: f64 = 0.02425;
/// Halley steps applied to Acklam's estimate; each roughly cubes the relative
/// error, so two take 1e-9 to the limit of the libm cdf (~1e-15).
const HALLEY_STEPS: usize = 2;

/// Standard normal density φ(x) = exp(−x²/2)/√(2π).
pub fn pdf(x: f64) -> f64 {
    libm::exp(-0.5 * x * x) / SQRT_2PI
}

/// Standard normal distribution function Φ(x) = ½·erfc(−x/√2).
///
/// Accurate in relative terms in the lower tail; for the upper tail use
/// [`survival`].
pub fn cdf(x: f64) -> f64 {
    0.5 * libm::erfc(-x * std::f64::consts::FRAC_1_SQRT_2)
}

/// Upper tail 1 − Φ(x) = ½·erfc(x/√2), accurate for large x.
pub fn survival(x: f64) -> f64 {
    0.5 * libm::erfc(x * std::f64::consts::FRAC_1_SQRT_2)
}

/// Standard normal loss function L(z) = E[(Z − z)⁺] = φ(z) − z·(1 − Φ(z)).
///
/// For demand N(μ, σ²), the expected shortfall beyond a level S is
/// σ·L((S − μ)/σ) units.
pub fn loss(z: f64) -> f64 {
    pdf(z) - z * survival(z)
}

/// Inverse standard normal distribution function: the z with Φ(z) = p.
///
/// Acklam's rational approximation, refined with Halley steps on the libm
/// cdf; accurate to about 1e-15 relative (well inside the 1e-12 aim).
/// `p` must lie strictly between 0 and 1.
pub fn inverse_cdf(p: f64) -> Result<f64, PlanError> {
    if p.is_nan() || p <= 0.0 || p >= 1.0 {
        return Err(PlanError::Invalid(format!(
            "a probability for the inverse normal must be strictly between 0 and 1 (got {p})"
        )));
    }
    // Φ⁻¹(p) = −Φ⁻¹(1 − p); 1 − p is exact for p ≥ 0.5 (Sterbenz), and the
    // lower tail is where the erfc-based cdf is accurate.
    if p > 0.5 {
        Ok(-lower_half(1.0 - p))
    } else {
        Ok(lower_half(p))
    }
}

/// Φ⁻¹(p) for 0 < p ≤ 0.5.
fn lower_half(p: f64) -> f64 {
    let mut x = acklam_lower(p);
    for _ in 0..HALLEY_STEPS {
        let e = cdf(x) - p;
        let u = e * SQRT_2PI * libm::exp(0.5 * x * x);
        if !u.is_finite() {
            break; // p near the smallest subnormal: keep Acklam's estimate
        }
        x -= u / (1.0 + 0.5 * x * u);
    }
    x
}

/// Acklam's approximation for 0 < p ≤ 0.5.
fn acklam_lower(p: f64) -> f64 {
    let [a1, a2, a3, a4, a5, a6] = ACKLAM_A;
    let [b1, b2, b3, b4, b5] = ACKLAM_B;
    let [c1, c2, c3, c4, c5, c6] = ACKLAM_C;
    let [d1, d2, d3, d4] = ACKLAM_D;
    if p < ACKLAM_P_LOW {
        let q = libm::sqrt(-2.0 * libm::log(p));
        (((((c1 * q + c2) * q + c3) * q + c4) * q + c5) * q + c6)
            / ((((d1 * q + d2) * q + d3) * q + d4) * q + 1.0)
    } else {
        let q = p - 0.5;
        let r = q * q;
        (((((a1 * r + a2) * r + a3) * r + a4) * r + a5) * r + a6) * q
            / (((((b1 * r + b2) * r + b3) * r + b4) * r + b5) * r + 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_and_cdf_match_tabulated_values() {
        // Reference values: Abramowitz & Stegun table 26.1 / any statistics table.
        assert!((pdf(0.0) - 0.398_942_280_401_432_7).abs() < 1e-16);
        assert!((cdf(0.0) - 0.5).abs() < 1e-16);
        assert!((cdf(1.959_963_984_540_054) - 0.975).abs() < 1e-15);
        assert!((cdf(-1.0) - 0.158_655_253_931_457_05).abs() < 1e-15);
        assert!((survival(8.0) - 6.220_960_574_271_784e-16).abs() < 1e-28);
    }

    #[test]
    fn inverse_cdf_matches_known_quantiles() {
        let cases = [
            (0.975, 1.959_963_984_540_054),
            (0.9, 1.281_551_565_544_600_5),
            (0.5, 0.0),
            (0.05, -1.644_853_626_951_472_2),
            (1e-10, -6.361_340_902_404_056),
        ];
        for (p, z) in cases {
            let got = inverse_cdf(p).unwrap();
            assert!((got - z).abs() < 1e-12, "Φ⁻¹({p}) = {got}, want {z}");
        }
    }

    #[test]
    fn inverse_cdf_round_trips_to_1e_12() {
        let mut p = 1e-12;
        while p < 1.0 {
            let z = inverse_cdf(p).unwrap();
            let back = if p > 0.5 { 1.0 - survival(z) } else { cdf(z) };
            assert!(((back - p) / p).abs() < 1e-12, "p {p}: Φ(Φ⁻¹(p)) = {back}");
            p = if p < 0.01 { p * 3.7 } else { p + 0.0137 };
        }
    }

    #[test]
    fn inverse_cdf_is_antisymmetric() {
        for p in [0.001, 0.02, 0.2, 0.3, 0.49] {
            let lo = inverse_cdf(p).unwrap();
            let hi = inverse_cdf(1.0 - p).unwrap();
            assert!((lo + hi).abs() < 1e-14, "{p}: {lo} vs {hi}");
        }
    }

    #[test]
    fn inverse_cdf_rejects_impossible_probabilities() {
        for p in [0.0, 1.0, -0.1, 1.5, f64::NAN] {
            let err = inverse_cdf(p).unwrap_err().to_string();
            assert!(err.contains("strictly between 0 and 1"), "{err}");
        }
    }

    #[test]
    fn loss_matches_definition_and_limits() {
        // L(0) = φ(0), and L(−z) = L(z) + z because (Z + z)⁺ − (−Z − z)⁺ = Z + z
        // and −Z has the same law as Z.
        assert!((loss(0.0) - pdf(0.0)).abs() < 1e-16);
        for z in [0.3, 1.0, 2.5] {
            assert!((loss(-z) - (loss(z) + z)).abs() < 1e-14);
        }
        // Tabulated: L(1) = 0.083315470.
        assert!((loss(1.0) - 0.083_315_470_5).abs() < 1e-9);
        assert!(loss(10.0) >= 0.0 && loss(10.0) < 1e-23);
    }
}
