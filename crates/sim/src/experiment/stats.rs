//! The statistics of replications: a mean with its 95 % confidence
//! interval (Student's t), and the same for paired differences, which is
//! what common random numbers buy (Law 2015, *Simulation Modeling and
//! Analysis*, 5th ed., §10.2: the paired-t interval).

use serde::{Deserialize, Serialize};

/// Two-sided 97.5 % Student t quantile for `df` degrees of freedom
/// (tables to 30; beyond, a series close to within 0.001).
pub fn t975(df: usize) -> f64 {
    const T: [f64; 30] = [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
        2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056,
        2.052, 2.048, 2.045, 2.042,
    ];
    if df == 0 {
        f64::NAN
    } else if df <= 30 {
        T[df - 1]
    } else {
        1.96 + 2.4 / df as f64
    }
}

/// A sample's mean, standard deviation and 95 % confidence interval of
/// the mean. With fewer than two values the interval is unknown (`None`).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub n: usize,
    pub mean: f64,
    pub sd: f64,
    pub ci95_low: Option<f64>,
    pub ci95_high: Option<f64>,
}

impl Summary {
    /// `None` for an empty sample.
    pub fn of(xs: &[f64]) -> Option<Summary> {
        let n = xs.len();
        if n == 0 {
            return None;
        }
        let mean = xs.iter().sum::<f64>() / n as f64;
        let var = if n > 1 {
            xs.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (n - 1) as f64
        } else {
            0.0
        };
        let half = (n > 1).then(|| t975(n - 1) * libm::sqrt(var / n as f64));
        Some(Summary {
            n,
            mean,
            sd: libm::sqrt(var),
            ci95_low: half.map(|h| mean - h),
            ci95_high: half.map(|h| mean + h),
        })
    }

    /// Whether the interval excludes zero: the difference is significant
    /// at the 5 % level.
    pub fn excludes_zero(&self) -> bool {
        matches!((self.ci95_low, self.ci95_high), (Some(l), Some(h)) if l > 0.0 || h < 0.0)
    }
}

/// The paired differences `b − a` of the replications both have.
pub fn paired(a: &[Option<f64>], b: &[Option<f64>]) -> Option<Summary> {
    let d: Vec<f64> = a
        .iter()
        .zip(b)
        .filter_map(|(x, y)| Some((*y)? - (*x)?))
        .collect();
    Summary::of(&d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interval_is_t_times_the_standard_error() {
        // 1..=5: mean 3, sd √2.5, t(4) = 2.776.
        let s = Summary::of(&[1.0, 2.0, 3.0, 4.0, 5.0]).unwrap();
        assert_eq!(s.mean, 3.0);
        let half = 2.776 * (2.5f64 / 5.0).sqrt();
        assert!((s.ci95_high.unwrap() - 3.0 - half).abs() < 1e-12);
        assert!(s.excludes_zero());
        assert_eq!(Summary::of(&[7.0]).unwrap().ci95_low, None);
        assert!(Summary::of(&[]).is_none());
    }

    #[test]
    fn pairing_removes_the_shared_noise() {
        // B is A plus 1 with noise shared by the pair: the paired interval
        // is exact, the unpaired means' intervals overlap.
        let a = [Some(10.0), Some(20.0), Some(30.0), None];
        let b = [Some(11.0), Some(21.0), Some(31.0), Some(5.0)];
        let d = paired(&a, &b).unwrap();
        assert_eq!((d.n, d.mean, d.sd), (3, 1.0, 0.0));
        assert!(d.excludes_zero());
        let a_only = Summary::of(&[10.0, 20.0, 30.0]).unwrap();
        assert!(a_only.ci95_high.unwrap() > 21.0);
    }
}
