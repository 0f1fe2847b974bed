//! Random variate samplers and normal-distribution helpers, on `libm` only.
//!
//! `rand_distr` is not used because its samplers call std's `ln`/`exp`, whose
//! last bits differ between native and wasm builds; these samplers give
//! bit-identical draws on both.

use crate::rng::Rng;

/// Poisson(mean). Inversion by sequential search below mean 10, otherwise
/// Hörmann's PTRS transformed rejection (Hörmann 1993, "The transformed
/// rejection method for generating Poisson random variables").
pub fn poisson(rng: &mut Rng, mean: f64) -> u64 {
    if mean.is_nan() || mean <= 0.0 {
        return 0;
    }
    if mean < 10.0 {
        return poisson_inversion(rng, mean, libm::exp(-mean));
    }
    let smu = libm::sqrt(mean);
    let b = 0.931 + 2.53 * smu;
    let a = -0.059 + 0.02483 * b;
    let inv_alpha = 1.1239 + 1.1328 / (b - 3.4);
    let vr = 0.9277 - 3.6224 / (b - 2.0);
    let log_mean = libm::log(mean);
    loop {
        let u = rng.f64() - 0.5;
        let v = rng.f64_open0();
        let us = 0.5 - libm::fabs(u);
        let k = libm::floor((2.0 * a / us + b) * u + mean + 0.43);
        if us >= 0.07 && v <= vr {
            return k as u64;
        }
        if k < 0.0 || (us < 0.013 && v > us) {
            continue;
        }
        let lhs = libm::log(v) + libm::log(inv_alpha) - libm::log(a / (us * us) + b);
        let rhs = -mean + k * log_mean - libm::lgamma(k + 1.0);
        if lhs <= rhs {
            return k as u64;
        }
    }
}

/// Poisson by sequential-search inversion, given `p0` = e^(−mean).
pub fn poisson_inversion(rng: &mut Rng, mean: f64, p0: f64) -> u64 {
    let u = rng.f64();
    let (mut p, mut s, mut k) = (p0, p0, 0u64);
    while u > s && k < 1_000 {
        k += 1;
        p *= mean / k as f64;
        s += p;
    }
    k
}

/// Negative binomial (mean, dispersion k) by sequential-search inversion,
/// given `p0` = (k/(k+mean))^k; P(n+1) = P(n)·(n+k)/(n+1)·mean/(k+mean).
pub fn neg_binomial_inversion(rng: &mut Rng, mean: f64, k: f64, p0: f64) -> u64 {
    let q = mean / (k + mean);
    let u = rng.f64();
    let (mut p, mut s, mut n) = (p0, p0, 0u64);
    while u > s && n < 10_000 {
        p *= (n as f64 + k) / (n as f64 + 1.0) * q;
        n += 1;
        s += p;
    }
    n
}

/// Standard normal by the Marsaglia polar method.
pub fn std_normal(rng: &mut Rng) -> f64 {
    loop {
        let u = 2.0 * rng.f64() - 1.0;
        let v = 2.0 * rng.f64() - 1.0;
        let s = u * u + v * v;
        if s > 0.0 && s < 1.0 {
            return u * libm::sqrt(-2.0 * libm::log(s) / s);
        }
    }
}

/// Gamma(shape, scale) by Marsaglia and Tsang (2000); shape < 1 via the
/// U^(1/shape) boost.
pub fn gamma(rng: &mut Rng, shape: f64, scale: f64) -> f64 {
    if shape.is_nan() || shape <= 0.0 || scale.is_nan() || scale <= 0.0 {
        return 0.0;
    }
    if shape < 1.0 {
        let u = rng.f64_open0();
        return gamma(rng, shape + 1.0, scale) * libm::pow(u, 1.0 / shape);
    }
    let d = shape - 1.0 / 3.0;
    let c = 1.0 / libm::sqrt(9.0 * d);
    loop {
        let x = std_normal(rng);
        let v = 1.0 + c * x;
        if v <= 0.0 {
            continue;
        }
        let v = v * v * v;
        let u = rng.f64_open0();
        if u < 1.0 - 0.0331 * x * x * x * x
            || libm::log(u) < 0.5 * x * x + d * (1.0 - v + libm::log(v))
        {
            return d * v * scale;
        }
    }
}

/// Negative binomial with the given mean and dispersion `k`
/// (variance = mean + mean²/k), as a gamma–Poisson mixture.
pub fn neg_binomial(rng: &mut Rng, mean: f64, k: f64) -> u64 {
    if mean <= 0.0 {
        return 0;
    }
    let lambda = gamma(rng, k, mean / k);
    poisson(rng, lambda)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn moments(xs: &[f64]) -> (f64, f64) {
        let n = xs.len() as f64;
        let m = xs.iter().sum::<f64>() / n;
        let v = xs.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (n - 1.0);
        (m, v)
    }

    #[test]
    fn poisson_mean_and_variance_small_and_large() {
        for &mu in &[0.3, 4.0, 9.9, 10.0, 37.5, 480.0] {
            let mut r = Rng::new(1);
            let xs: Vec<f64> = (0..100_000).map(|_| poisson(&mut r, mu) as f64).collect();
            let (m, v) = moments(&xs);
            // 5 standard errors of the mean; variance within 5%.
            assert!((m - mu).abs() < 5.0 * (mu / 1e5).sqrt(), "mu {mu} mean {m}");
            assert!((v / mu - 1.0).abs() < 0.05, "mu {mu} var {v}");
        }
    }

    #[test]
    fn normal_gamma_negbin_moments() {
        let mut r = Rng::new(2);
        let xs: Vec<f64> = (0..100_000).map(|_| std_normal(&mut r)).collect();
        let (m, v) = moments(&xs);
        assert!(m.abs() < 0.02 && (v - 1.0).abs() < 0.02, "{m} {v}");
        let xs: Vec<f64> = (0..100_000).map(|_| gamma(&mut r, 2.5, 2.0)).collect();
        let (m, v) = moments(&xs);
        assert!(
            (m - 5.0).abs() < 0.05 && (v / 10.0 - 1.0).abs() < 0.04,
            "{m} {v}"
        );
        let xs: Vec<f64> = (0..100_000).map(|_| gamma(&mut r, 0.5, 1.0)).collect();
        let (m, _) = moments(&xs);
        assert!((m - 0.5).abs() < 0.01, "{m}");
        let xs: Vec<f64> = (0..100_000)
            .map(|_| neg_binomial(&mut r, 6.0, 3.0) as f64)
            .collect();
        let (m, v) = moments(&xs);
        assert!(
            (m - 6.0).abs() < 0.05 && (v / 18.0 - 1.0).abs() < 0.05,
            "{m} {v}"
        );
    }

    #[test]
    fn inversion_samplers_match_their_moments() {
        let mut r = Rng::new(4);
        for &(m, k) in &[(0.6, 10.0), (3.0, 1.0), (9.5, 2.5)] {
            let p0 = libm::pow(k / (k + m), k);
            let xs: Vec<f64> = (0..200_000)
                .map(|_| neg_binomial_inversion(&mut r, m, k, p0) as f64)
                .collect();
            let (mean, var) = moments(&xs);
            let v = m + m * m / k;
            assert!(
                (mean - m).abs() < 5.0 * (v / 2e5).sqrt(),
                "nb {m} {k}: mean {mean}"
            );
            assert!((var / v - 1.0).abs() < 0.04, "nb {m} {k}: var {var} vs {v}");
            let xs: Vec<f64> = (0..200_000)
                .map(|_| poisson_inversion(&mut r, m, libm::exp(-m)) as f64)
                .collect();
            let (mean, var) = moments(&xs);
            assert!(
                (mean - m).abs() < 5.0 * (m / 2e5).sqrt() && (var / m - 1.0).abs() < 0.03,
                "poisson {m}: {mean} {var}"
            );
        }
    }
}
