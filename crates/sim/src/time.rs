//! Integer simulation time. One tick is one second; `SimTime` 0 is Monday 00:00.
//!
//! Integer time keeps event ordering exact and identical on every platform.

/// Seconds since the start of the run.
pub type SimTime = u64;

pub const MINUTE: SimTime = 60;
pub const HOUR: SimTime = 3_600;
pub const DAY: SimTime = 86_400;
pub const WEEK: SimTime = 7 * DAY;

/// Longest duration the model accepts (100 years): keeps time arithmetic far
/// from overflow whatever a scenario says.
pub const MAX_DURATION: SimTime = 100 * 365 * DAY;

/// Events later than this never happen (keeps `now + duration` from overflowing).
pub const NEVER: SimTime = SimTime::MAX / 4;

/// Seconds (possibly fractional, possibly huge) to a duration no longer than
/// [`MAX_DURATION`].
pub fn seconds(s: f64) -> SimTime {
    if s.is_finite() && s > 0.0 {
        (s.min(MAX_DURATION as f64) + 0.5) as SimTime
    } else {
        0
    }
}

/// Hours (possibly fractional) to whole seconds, rounded; negatives clamp to 0,
/// huge values to [`MAX_DURATION`].
pub fn hours(h: f64) -> SimTime {
    if h.is_finite() && h > 0.0 {
        ((h * HOUR as f64 + 0.5) as SimTime).min(MAX_DURATION)
    } else {
        0
    }
}

/// Seconds to hours as a float (for reports).
pub fn to_hours(t: SimTime) -> f64 {
    t as f64 / HOUR as f64
}
