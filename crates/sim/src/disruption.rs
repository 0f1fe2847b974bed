//! Disruptions: facility outages and bad weather at set times.
//!
//! An outage stops a facility's work: nothing starts there until it ends
//! (work already started finishes; a pick or sort takes seconds). At a port
//! it is a strike: goods are not released; at a supplier a failure. Bad
//! weather grounds drones and slows road vehicles for its duration. The
//! report's `disruptions` section says how long on-time took to recover.

use crate::emissions::Mode;
use crate::problem::Subject;
use crate::scenario::{Disruption, Scenario};
use crate::time::{DAY, SimTime};
use crate::validate::check::{At, Checker};

/// Road speed in heavy snow as a share of the usual: freeway speeds fall
/// 5-40 % in heavy snow and 3-16 % in heavy rain (US FHWA Road Weather
/// Management Program, "How do weather events impact roads?"); a share of
/// 0.7 is the middle of the heavy-snow range.
pub const HEAVY_SNOW_ROAD_SPEED: f64 = 0.7;

/// Longest disruption, days: a year.
const MAX_DAYS: f64 = 365.0;

/// A spell of bad weather, seconds `[from, to)`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Weather {
    pub from: SimTime,
    pub to: SimTime,
    pub road_speed: f64,
}

/// The compiled disruptions.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Disruptions {
    /// Per facility: its outages, seconds `[from, to)`, sorted.
    pub outages: Vec<Vec<(SimTime, SimTime)>>,
    pub weather: Vec<Weather>,
    /// Every disruption as a person names it, with its window `[from, to)`.
    pub spans: Vec<(String, SimTime, SimTime)>,
}

impl Disruptions {
    /// The first moment at or after `t` when facility `f` is open.
    pub fn open_at(&self, f: usize, mut t: SimTime) -> SimTime {
        for &(from, to) in self.outages.get(f).into_iter().flatten() {
            if (from..to).contains(&t) {
                t = to;
            }
        }
        t
    }

    /// The weather at `t`, if it is bad.
    pub fn weather_at(&self, t: SimTime) -> Option<&Weather> {
        self.weather.iter().find(|w| (w.from..w.to).contains(&t))
    }

    /// How much slower than usual a vehicle of `mode` travels at `t`
    /// (1 in good weather; rail, sea and air are not slowed).
    pub fn slowdown(&self, mode: Mode, t: SimTime) -> f64 {
        let road = matches!(
            mode,
            Mode::DieselHgv
                | Mode::ElectricHgv
                | Mode::DieselVan
                | Mode::ElectricVan
                | Mode::Crowdsourced
        );
        match self.weather_at(t) {
            Some(w) if road => 1.0 / w.road_speed,
            _ => 1.0,
        }
    }

    /// `s` seconds of driving that start at `t`, in the weather then.
    pub fn slowed(&self, mode: Mode, t: SimTime, s: SimTime) -> SimTime {
        let slow = self.slowdown(mode, t);
        if slow == 1.0 {
            s
        } else {
            libm::round(s as f64 * slow) as SimTime
        }
    }

    /// When drones may fly again, if the weather grounds them at `t`.
    pub fn grounded_until(&self, t: SimTime) -> Option<SimTime> {
        self.weather_at(t).map(|w| w.to)
    }
}

fn seconds(days: f64) -> SimTime {
    libm::round(days * DAY as f64) as SimTime
}

/// Check and compile the scenario's disruptions; `facility` finds a
/// facility's index by id.
pub(crate) fn build(
    s: &Scenario,
    facility: impl Fn(&str) -> Option<usize>,
    ck: &mut Checker,
) -> Disruptions {
    let mut out = Disruptions {
        outages: vec![Vec::new(); s.facilities.len()],
        weather: Vec::new(),
        spans: Vec::new(),
    };
    for (i, d) in s.disruptions.iter().enumerate() {
        let at = At::new(Subject::Disruption(i), describe(d));
        let (start, days) = d.window();
        let ok = ck.nonneg(&at, "start_day", start) & ck.pos(&at, "days", days);
        if days > MAX_DAYS {
            ck.err(
                &at,
                "days",
                format!("must be at most {MAX_DAYS} days, got {days}"),
            );
        }
        let (from, to) = (seconds(start.min(1e6)), seconds((start + days).min(1e6)));
        if ok {
            out.spans.push((describe(d), from, to));
        }
        match d {
            Disruption::Outage { facility: id, .. } => match facility(id) {
                Some(f) if ok => out.outages[f].push((from, to)),
                Some(_) => {}
                None => ck.err(&at, "facility", format!("no facility with id {id:?}")),
            },
            Disruption::Weather { road_speed, .. } => {
                if !(road_speed.is_finite() && *road_speed > 0.0 && *road_speed <= 1.0) {
                    let msg = format!(
                        "must be a share of the usual speed, 0 < road_speed ≤ 1, got {road_speed}"
                    );
                    ck.err(&at, "road_speed", msg);
                } else if ok {
                    out.weather.push(Weather {
                        from,
                        to,
                        road_speed: *road_speed,
                    });
                }
            }
        }
    }
    for o in &mut out.outages {
        o.sort_unstable();
    }
    out
}

/// A disruption as a person names it.
pub fn describe(d: &Disruption) -> String {
    match d {
        Disruption::Outage { facility, .. } => format!("outage at {facility}"),
        Disruption::Weather { .. } => "bad weather".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_outages_chain_and_weather_slows_roads_only() {
        let d = Disruptions {
            outages: vec![vec![(10, 20), (15, 30)], vec![]],
            weather: vec![Weather {
                from: 100,
                to: 200,
                road_speed: 0.5,
            }],
            spans: Vec::new(),
        };
        assert_eq!(d.open_at(0, 5), 5);
        assert_eq!(d.open_at(0, 12), 30);
        assert_eq!(d.open_at(1, 12), 12);
        assert_eq!(d.slowdown(Mode::DieselVan, 150), 2.0);
        assert_eq!(d.slowdown(Mode::ElectricRail, 150), 1.0);
        assert_eq!(d.slowdown(Mode::DieselVan, 200), 1.0);
        assert_eq!(d.grounded_until(150), Some(200));
        assert_eq!(d.grounded_until(99), None);
    }
}
