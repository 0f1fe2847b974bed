//! Crews: who is at work in a facility's shifts, how fast they work, and
//! the hours they are paid.
//!
//! A shift's rate is the facility's design rate, or what the heads present
//! can handle if that is less: present heads × units per head-hour. Heads
//! present are drawn per shift and day, Binomial(rostered, 1 − absence),
//! from a stream keyed by (facility, day), so any part of the engine can
//! ask about any day and get the same answer. Every rostered hour is paid
//! (contracted staff; sick pay is assumed to cost the wage).

use crate::network::{Crew, FacilityInfo};
use crate::rng::{Rng, Stream};
use crate::time::{DAY, SimTime};

/// Past this many days ahead a backlog is worked off at the mean rate
/// (no draws): a queue that long is a failure either way, and the walk
/// stays bounded.
const DRAWN_DAYS: SimTime = 28;

/// Below this many rostered heads the draw is exact (one Bernoulli each);
/// above it, the normal approximation of the binomial.
const EXACT_HEADS: u32 = 40;

const ALL_DAY: [(SimTime, SimTime); 1] = [(0, DAY)];

/// The facility's working windows: its shifts, or the whole day.
fn windows(fi: &FacilityInfo) -> &[(SimTime, SimTime)] {
    if fi.shifts.is_empty() {
        &ALL_DAY
    } else {
        &fi.shifts
    }
}

/// Heads present in window `k` of `day` at facility `f`.
fn present(crew: &Crew, seed: u64, f: usize, day: SimTime, k: usize) -> f64 {
    if crew.absence == 0.0 {
        return crew.heads[k] as f64;
    }
    let mut rng = Rng::fork(seed, Stream::Absence, ((f as u64) << 32) ^ day);
    let p = 1.0 - crew.absence;
    let mut n = 0.0;
    // Windows draw in order, so window k's draw never depends on who asks.
    for &h in &crew.heads[..=k] {
        n = if h <= EXACT_HEADS {
            (0..h).filter(|_| rng.f64() < p).count() as f64
        } else {
            let (mean, sd) = (h as f64 * p, libm::sqrt(h as f64 * p * (1.0 - p)));
            let z = crate::sample::std_normal(&mut rng);
            libm::round(mean + sd * z).clamp(0.0, h as f64)
        };
    }
    n
}

/// Share of the design rate worked in window `k` with `heads` present.
fn efficiency(fi: &FacilityInfo, heads: f64) -> f64 {
    let c = &fi.crew;
    if c.per_head_per_s == 0.0 || fi.rate_per_s == 0.0 {
        return 1.0;
    }
    (heads * c.per_head_per_s / fi.rate_per_s).min(1.0)
}

/// Finish time of `work` seconds of design-rate work at facility `f` from
/// `start`, worked only in its windows at the rate its crew allows.
pub(crate) fn finish(
    fi: &FacilityInfo,
    seed: u64,
    f: usize,
    start: SimTime,
    work: SimTime,
) -> SimTime {
    let c = &fi.crew;
    let mut left = work as f64;
    let mut t = start;
    let first_day = start / DAY;
    loop {
        let (day, tod) = (t / DAY, t % DAY);
        if day >= first_day + DRAWN_DAYS {
            return at_mean_rate(fi, t, left);
        }
        for (k, &(a, b)) in windows(fi).iter().enumerate() {
            if tod >= b {
                continue;
            }
            let s = tod.max(a);
            let e = efficiency(fi, present(c, seed, f, day, k));
            let can = e * (b - s) as f64;
            if e > 0.0 && left <= can {
                return day * DAY + s + libm::ceil(left / e) as SimTime;
            }
            left -= can;
        }
        t = (day + 1) * DAY;
    }
}

/// Finish from `t` with `left` seconds of work at each window's expected
/// rate (rostered heads less the mean absence).
fn at_mean_rate(fi: &FacilityInfo, t: SimTime, left: f64) -> SimTime {
    let c = &fi.crew;
    let rate = |k: usize| efficiency(fi, c.heads[k] as f64 * (1.0 - c.absence));
    let per_day: f64 = windows(fi)
        .iter()
        .enumerate()
        .map(|(k, &(a, b))| rate(k) * (b - a) as f64)
        .sum();
    if per_day <= 0.0 {
        return crate::time::NEVER;
    }
    // Whole days first; the last, partial day is walked window by window.
    let days = (libm::ceil(left / per_day) - 1.0).max(0.0);
    let mut left = left - days * per_day;
    let day = t / DAY + days as SimTime;
    for (k, &(a, b)) in windows(fi).iter().enumerate() {
        let can = rate(k) * (b - a) as f64;
        if left <= can && rate(k) > 0.0 {
            return day * DAY + a + libm::ceil(left / rate(k)) as SimTime;
        }
        left -= can;
    }
    (day + 1) * DAY
}

/// Head-seconds rostered at facility `fi` from time 0 to `t`, at scale.
pub(crate) fn rostered_head_s(fi: &FacilityInfo, t: SimTime) -> f64 {
    if fi.crew.heads.is_empty() {
        return 0.0;
    }
    let (days, tod) = (t / DAY, t % DAY);
    windows(fi)
        .iter()
        .enumerate()
        .map(|(k, &(a, b))| {
            let today = tod.clamp(a, b) - a;
            fi.crew.heads[k] as f64 * (days * (b - a) + today) as f64
        })
        .sum::<f64>()
        * fi.crew.paid_share
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absence_draws_match_the_binomial_mean() {
        let crew = Crew {
            heads: vec![2, 2],
            per_head_per_s: 1.0,
            paid_share: 1.0,
            absence: 0.6,
            full_rate: false,
            fixed_cost_per_day: 0.0,
        };
        let days = 4000;
        let mut sum = [0.0; 2];
        let mut zeros = [0; 2];
        for d in 0..days {
            for (k, s) in sum.iter_mut().enumerate() {
                let n = present(&crew, 9, 1, d, k);
                *s += n;
                zeros[k] += (n == 0.0) as u32;
            }
        }
        // P(nobody) = 0.6² = 0.36.
        for z in zeros {
            let share = z as f64 / days as f64;
            assert!((share - 0.36).abs() < 0.03, "nobody came {share}");
        }
        for s in sum {
            let mean = s / days as f64;
            assert!((mean - 0.8).abs() < 0.05, "mean heads present {mean}");
        }
    }
}
