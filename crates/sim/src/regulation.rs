//! Regulation: the levers a country or city sets on the network.
//!
//! - **Carbon price**: GBP per tonne CO2e on everything the network emits,
//!   added to cost; the FC choice's cost estimate counts it too, so with
//!   cost weighed it prefers cleaner routes.
//! - **Drivers' hours**: an HGV lane setting out from a country with limits
//!   takes its breaks and daily rests on the way (a single driver), unless
//!   the lane states its own transit time.
//! - **Low-emission zones**: a customer zone that charges diesel vans a day
//!   rate each time one enters (one round a day), or bars them (a diesel
//!   van lane into it is then an error to fix).

use crate::emissions::Mode;
use crate::network::{FacilityInfo, LaneInfo};
use crate::problem::Subject;
use crate::scenario::{FacilityKind, LezRule, Regulation, Scenario};
use crate::time::{HOUR, SimTime};
use crate::validate::check::{At, Checker};

/// EU drivers' hours (Regulation (EC) No 561/2006, Articles 6 to 8, kept in
/// GB law for HGVs: GOV.UK, "Drivers' hours: EU and AETR rules"): at most
/// 9 hours' driving a day, a 45-minute break after 4.5 hours, and 11 hours'
/// daily rest.
pub const EU_DAILY_DRIVING_HOURS: f64 = 9.0;
pub const EU_DRIVING_BEFORE_BREAK_HOURS: f64 = 4.5;
pub const EU_BREAK_MINUTES: f64 = 45.0;
pub const EU_DAILY_REST_HOURS: f64 = 11.0;

/// London's Ultra Low Emission Zone daily charge for a vehicle that does
/// not meet its standards, GBP (Transport for London, 2023 onwards). ULEZ
/// charges diesel vans older than Euro 6: a zone set to charge takes the
/// network's diesel vans to be such.
pub const ULEZ_DAILY_CHARGE: f64 = 12.5;

/// A country's limits, in seconds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DriverRules {
    pub per_day_s: f64,
    pub before_break_s: f64,
    pub break_s: f64,
    pub rest_s: f64,
}

impl DriverRules {
    /// The EU's, for tests and defaults.
    pub fn eu() -> DriverRules {
        DriverRules {
            per_day_s: EU_DAILY_DRIVING_HOURS * HOUR as f64,
            before_break_s: EU_DRIVING_BEFORE_BREAK_HOURS * HOUR as f64,
            break_s: EU_BREAK_MINUTES * 60.0,
            rest_s: EU_DAILY_REST_HOURS * HOUR as f64,
        }
    }

    /// Time on the road for `drive_s` of driving: each day's driving with
    /// its breaks, and a daily rest between days. Closed form, so an absurd
    /// distance or limit costs no more than a sensible one.
    pub fn journey_s(&self, drive_s: SimTime) -> SimTime {
        let drive = drive_s as f64;
        if drive <= 0.0 {
            return drive_s;
        }
        let breaks_in = |d: f64| (libm::ceil(d / self.before_break_s) - 1.0).max(0.0);
        let days = libm::ceil(drive / self.per_day_s);
        let last = drive - (days - 1.0) * self.per_day_s;
        let full_day = breaks_in(self.per_day_s) * self.break_s + self.rest_s;
        let total = drive + (days - 1.0) * full_day + breaks_in(last) * self.break_s;
        // `as` saturates; the cap keeps later sums of times far from overflow.
        (libm::round(total) as SimTime).min(crate::time::NEVER / 4)
    }
}

/// The compiled regulation the engine charges.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct RegulationInfo {
    pub carbon_per_tonne: f64,
}

/// Check the regulation, stretch HGV lanes' transit for drivers' hours,
/// give diesel van lanes into charging zones their charge, and report
/// lanes into barring zones.
pub(crate) fn build(
    s: &Scenario,
    facilities: &[FacilityInfo],
    lanes: &mut [LaneInfo],
    ck: &mut Checker,
) -> RegulationInfo {
    let Some(r) = &s.regulation else {
        return RegulationInfo::default();
    };
    let at = At::part("regulation");
    ck.nonneg(&at, "carbon_price_per_tonne", r.carbon_price_per_tonne);
    let rules = driver_rules(r, &at, ck);
    // Lanes that failed their checks are left out of `lanes`; its indices
    // are the scenario's only when every lane compiled.
    let whole = lanes.len() == s.lanes.len();
    for (i, li) in lanes.iter_mut().enumerate().filter(|_| whole) {
        let hgv = matches!(li.mode, Mode::DieselHgv | Mode::ElectricHgv);
        let country = &facilities[li.from].country;
        if hgv
            && s.lanes[i].transit_hours.is_none()
            && let Some((_, dr)) = rules.iter().find(|(c, _)| c == country)
        {
            li.transit_s = dr.journey_s(li.transit_s);
        }
    }
    low_emission_zones(s, r, facilities, lanes, ck);
    RegulationInfo {
        carbon_per_tonne: r.carbon_price_per_tonne.max(0.0),
    }
}

fn driver_rules(r: &Regulation, at: &At, ck: &mut Checker) -> Vec<(String, DriverRules)> {
    let mut out = Vec::new();
    for (k, d) in r.driver_hours.iter().enumerate() {
        let f = |name: &str| format!("driver_hours[{k}].{name}");
        let mut ok = ck.pos(at, &f("driving_hours_per_day"), d.driving_hours_per_day);
        ok &= ck.pos(at, &f("break_after_hours"), d.break_after_hours);
        ok &= ck.nonneg(at, &f("break_minutes"), d.break_minutes);
        ok &= ck.nonneg(at, &f("daily_rest_hours"), d.daily_rest_hours);
        if ok && d.driving_hours_per_day > 24.0 {
            ck.err(at, &f("driving_hours_per_day"), "a day has 24 hours");
            ok = false;
        }
        if out.iter().any(|(c, _)| *c == d.country) {
            ck.err(
                at,
                &f("country"),
                format!("{} has drivers' hours twice", d.country),
            );
        }
        if ok {
            out.push((
                d.country.clone(),
                DriverRules {
                    per_day_s: d.driving_hours_per_day * HOUR as f64,
                    before_break_s: d.break_after_hours * HOUR as f64,
                    break_s: d.break_minutes * 60.0,
                    rest_s: d.daily_rest_hours * HOUR as f64,
                },
            ));
        }
    }
    out
}

fn low_emission_zones(
    s: &Scenario,
    r: &Regulation,
    facilities: &[FacilityInfo],
    lanes: &mut [LaneInfo],
    ck: &mut Checker,
) {
    for (k, z) in r.low_emission_zones.iter().enumerate() {
        let at = At::part("regulation");
        let f = |name: &str| format!("low_emission_zones[{k}].{name}");
        let Some(zi) = facilities.iter().position(|fi| fi.id == z.zone) else {
            ck.err(&at, &f("zone"), format!("no facility has id {:?}", z.zone));
            continue;
        };
        if facilities[zi].kind != FacilityKind::CustomerZone {
            ck.err(
                &at,
                &f("zone"),
                format!("{} is not a customer zone", facilities[zi].name),
            );
            continue;
        }
        ck.nonneg(&at, &f("charge_per_day"), z.charge_per_day);
        for li in lanes.iter_mut() {
            if li.to != zi || li.mode != Mode::DieselVan {
                continue;
            }
            match z.diesel_vans {
                LezRule::Charge => li.lez_charge = z.charge_per_day.max(0.0),
                LezRule::Bar => {
                    let (a, b) = (&facilities[li.from], &facilities[zi]);
                    let i = s
                        .lanes
                        .iter()
                        .position(|l| l.from == a.id && l.to == b.id && l.mode == Mode::DieselVan)
                        .unwrap_or(0);
                    let name = format!("{} → {}", a.name, b.name);
                    let msg = format!(
                        "diesel vans are barred from {}'s low-emission zone: make this an electric van lane, or charge them instead",
                        facilities[zi].name
                    );
                    ck.err(&At::new(Subject::Lane(i), name), "mode", msg);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eu_hours_add_breaks_and_rests() {
        let eu = DriverRules::eu();
        let h = |x: f64| (x * HOUR as f64) as SimTime;
        // Under 4.5 h: no break.
        assert_eq!(eu.journey_s(h(4.0)), h(4.0));
        // 6 h: one 45-minute break.
        assert_eq!(eu.journey_s(h(6.0)), h(6.75));
        // 9 h: one break; 12 h: 9 h + break, 11 h rest, 3 h.
        assert_eq!(eu.journey_s(h(9.0)), h(9.75));
        assert_eq!(eu.journey_s(h(12.0)), h(9.75 + 11.0 + 3.0));
        // Two full days and an hour: two rests, two days' breaks.
        assert_eq!(eu.journey_s(h(19.0)), h(2.0 * (9.75 + 11.0) + 1.0));
    }

    #[test]
    fn an_absurd_journey_or_limit_is_answered_at_once() {
        let tiny = DriverRules {
            per_day_s: 1e-6,
            ..DriverRules::eu()
        };
        let t = tiny.journey_s(crate::time::NEVER / 8);
        assert!(t > 0 && t <= crate::time::NEVER / 4);
        assert!(DriverRules::eu().journey_s(crate::time::NEVER / 8) <= crate::time::NEVER / 4);
    }
}
