//! Warnings: values that are valid but absurd for a real network. They do
//! not stop a run (a class may push a lever to an extreme on purpose), but a
//! person is told, naming the thing and the field, so a typo such as 1e12
//! units an hour is not taken for a result.

use super::check::{At, Checker};
use super::index::Index;
use crate::problem::{Problem, Subject};
use crate::scenario::{ChannelPriority, Facility, Lane, Scenario};

/// Units or parcels an hour above which a site is beyond any real one. The
/// largest fulfilment centres are reported to ship over a million units on
/// a peak day (Amazon's biggest US sites, peak-season press coverage), some
/// 40,000 to 60,000 an hour; this allows twice the top of that.
pub const MAX_PLAUSIBLE_CAPACITY_PER_HOUR: f64 = 120_000.0;

/// Staff absence above which a figure is surely a typo: UK absence averages
/// 7.8 days a year, about 3.4 % (CIPD Health and wellbeing at work, 2023).
pub const MAX_PLAUSIBLE_ABSENCE: f64 = 0.25;

/// Orders a day above which one zone is beyond any real one: a tenth of the
/// whole UK parcel market, about 4.2 billion parcels a year or 11.5 million
/// a day (Ofcom, Annual monitoring update on postal services, 2023). A zone
/// in the sandbox is a city's districts, far smaller.
pub const MAX_PLAUSIBLE_ZONE_ORDERS_PER_DAY: f64 = 1_150_000.0;

/// Walking pace, km/h: a vehicle slower than this is surely a typo.
pub const WALKING_PACE_KMH: f64 = 5.0;

/// Units or parcels an hour below which a site is surely a typo: one an
/// hour is an hour's work for a single pick.
pub const MIN_PLAUSIBLE_CAPACITY_PER_HOUR: f64 = 1.0;

/// A cost per unit, km, hour, tonne-km or hour of work above this, GBP, is
/// beyond anything real (a lorry costs about £2 a km, a pick a few pence,
/// a worker £12–25 an hour); past it, a run's totals run to 10¹⁸.
pub const MAX_PLAUSIBLE_UNIT_COST: f64 = 1_000_000.0;

/// A site's fixed cost a day above this, GBP, is beyond any real one: the
/// largest fulfilment centres cost some £50,000 a day in rent, rates and
/// automation.
pub const MAX_PLAUSIBLE_FIXED_COST_PER_DAY: f64 = 10_000_000.0;

/// A transit longer than this, days, is beyond any real lane: the longest
/// container voyages (Asia to northern Europe round the Cape) take 40–50.
pub const MAX_PLAUSIBLE_TRANSIT_DAYS: f64 = 90.0;

/// A supplier lead time longer than this, days, is surely a typo.
pub const MAX_PLAUSIBLE_LEAD_DAYS: f64 = 365.0;

/// Below this share of the network the run has too few orders to say much.
pub const MIN_USEFUL_SCALE: f64 = 0.001;

/// Every warning for a scenario, in the same form as a problem.
pub fn warnings(s: &Scenario) -> Vec<Problem> {
    let mut ck = Checker::default();
    let ix = Index::new(s);
    if s.scale < MIN_USEFUL_SCALE {
        ck.err(
            &At::root(),
            "scale",
            format!(
                "{} of the network is a handful of orders; figures will be noisy (try 0.01 or more)",
                s.scale
            ),
        );
    }
    for (i, f) in s.facilities.iter().enumerate() {
        let at = At::new(Subject::Facility(i), f.name.clone());
        facility_warnings(&mut ck, &at, f);
        if let Some(a) = f.absence_rate.filter(|&a| a > MAX_PLAUSIBLE_ABSENCE) {
            ck.err(
                &at,
                "absence_rate",
                format!(
                    "{a} of staff away on a shift is far above the UK's 3.4 %; check the figure"
                ),
            );
        }
    }
    for (i, d) in s.demand.iter().enumerate() {
        if d.orders_per_day > MAX_PLAUSIBLE_ZONE_ORDERS_PER_DAY {
            let at = At::new(Subject::Demand(i), ix.name(&d.zone));
            ck.err(
                &at,
                "orders_per_day",
                format!("{} orders a day is over a tenth of the whole UK parcel market (about 11.5 million a day); check the figure", d.orders_per_day),
            );
        }
    }
    let smallest = smallest_parcel(s);
    for (i, l) in s.lanes.iter().enumerate() {
        let at = At::new(Subject::Lane(i), ix.lane_name(&l.from, &l.to));
        lane_warnings(&mut ck, &at, l, smallest);
    }
    if s.wage_per_hour > MAX_PLAUSIBLE_UNIT_COST {
        ck.err(
            &At::root(),
            "wage_per_hour",
            too_costly(s.wage_per_hour, "an hour"),
        );
    }
    for (i, d) in s.disruptions.iter().enumerate() {
        let (start, _) = d.window();
        if start >= f64::from(s.days) {
            let at = At::new(Subject::Disruption(i), crate::disruption::describe(d));
            let msg = format!(
                "starts on day {start}, after the run's {} days: it will not be seen unless the run goes on",
                s.days
            );
            ck.err(&at, "start_day", msg);
        }
    }
    if let Some(c) = &s.channels {
        crate::channels::warn_absurd(c, &mut ck);
        let limited = s.lanes.iter().any(|l| l.vehicles.is_some());
        if c.priority != ChannelPriority::FirstCome && !limited {
            let msg = "no lane has a fleet limit, so every ready parcel leaves and the priority never acts; set a lane's vehicles to see it";
            ck.err(&At::part("channels"), "priority", msg);
        }
    }
    ck.problems
}

fn too_costly(v: f64, per: &str) -> String {
    format!("£{v} {per} is beyond any real cost (over £1 million); check the figure")
}

/// A site's capacity, costs and lead time.
fn facility_warnings(ck: &mut Checker, at: &At, f: &Facility) {
    match f.capacity_per_hour {
        Some(c) if c > MAX_PLAUSIBLE_CAPACITY_PER_HOUR => ck.err(
            at,
            "capacity_per_hour",
            format!("{c} an hour is more than any real site handles (the largest, about 60,000); check the figure"),
        ),
        Some(c) if c > 0.0 && c < MIN_PLAUSIBLE_CAPACITY_PER_HOUR => ck.err(
            at,
            "capacity_per_hour",
            format!("{c} an hour is less than one: the site would take days over one order; check the figure"),
        ),
        _ => {}
    }
    if let Some(v) = f
        .handling_cost_per_unit
        .filter(|&v| v > MAX_PLAUSIBLE_UNIT_COST)
    {
        ck.err(at, "handling_cost_per_unit", too_costly(v, "a unit"));
    }
    if let Some(v) = f
        .fixed_cost_per_day
        .filter(|&v| v > MAX_PLAUSIBLE_FIXED_COST_PER_DAY)
    {
        ck.err(
            at,
            "fixed_cost_per_day",
            format!("£{v} a day is beyond any real site's fixed cost (the largest, about £50,000); check the figure"),
        );
    }
    if let Some(h) = f
        .lead_time_hours
        .filter(|&h| h / 24.0 > MAX_PLAUSIBLE_LEAD_DAYS)
    {
        ck.err(
            at,
            "lead_time_hours",
            format!("{h} hours is over a year; stock would be sized to cover it; check the figure"),
        );
    }
}

/// The lightest product's weight (kg) and the smallest one's volume (m³).
fn smallest_parcel(s: &Scenario) -> Option<(f64, f64)> {
    let mut sizes: Vec<(f64, f64)> = s
        .products
        .iter()
        .map(|p| (p.weight_kg, p.volume_m3))
        .collect();
    if let Some(c) = &s.product_catalog {
        sizes.push((c.weight_kg, c.volume_m3));
    }
    let kg = sizes.iter().map(|p| p.0).fold(f64::INFINITY, f64::min);
    let m3 = sizes.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
    (kg.is_finite() && m3.is_finite()).then_some((kg, m3))
}

/// A lane's speed, transit, vehicle size and costs.
fn lane_warnings(ck: &mut Checker, at: &At, l: &Lane, smallest: Option<(f64, f64)>) {
    if let Some(v) = l.speed_kmh.filter(|&v| v < WALKING_PACE_KMH) {
        ck.err(
            at,
            "speed_kmh",
            format!("{v} km/h is slower than walking; check the figure"),
        );
    }
    if let Some(h) = l
        .transit_hours
        .filter(|&h| h / 24.0 > MAX_PLAUSIBLE_TRANSIT_DAYS)
    {
        ck.err(
            at,
            "transit_hours",
            format!("{h} hours is longer than any real voyage (the longest, about 50 days); check the figure"),
        );
    }
    if let Some((kg, m3)) = smallest {
        if let Some(c) = l.capacity_kg.filter(|&c| c > 0.0 && c < kg) {
            ck.err(
                at,
                "capacity_kg",
                format!("{c} kg holds no parcel (the lightest product weighs {kg} kg): nothing could travel; check the figure"),
            );
        }
        if let Some(c) = l.capacity_m3.filter(|&c| c > 0.0 && c < m3) {
            ck.err(
                at,
                "capacity_m3",
                format!("{c} m³ holds no parcel (the smallest product takes {m3} m³): nothing could travel; check the figure"),
            );
        }
    }
    let costs = [
        ("cost_per_km", l.cost_per_km, "a km"),
        ("cost_per_hour", l.cost_per_hour, "an hour"),
        ("cost_per_unit", l.cost_per_unit, "a unit"),
        ("cost_per_tkm", l.cost_per_tkm, "a tonne-km"),
    ];
    for (field, v, per) in costs {
        if let Some(v) = v.filter(|&v| v > MAX_PLAUSIBLE_UNIT_COST) {
            ck.err(at, field, too_costly(v, per));
        }
    }
}
