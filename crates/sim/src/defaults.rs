//! Named defaults: the numbers the model assumes when a scenario does not
//! say, and the limits validation enforces. The sim, the web app and the CLI
//! take them from here; each says why it is what it is and where it comes
//! from.

use crate::emissions::Mode;
use crate::scenario::{Automation, FacilityKind};
use crate::time::SimTime;

// ---- Runs -------------------------------------------------------------

/// The seed the page and the CLI use unless told otherwise. Any fixed value
/// makes a run reproducible; 42 by convention.
pub const SEED: u64 = 42;

/// Horizon when a scenario gives none, days: two weekly cycles, long enough
/// for stock to turn over at daily review.
pub const HORIZON_DAYS: u32 = 14;

/// Statistics (and default review) period, hours: a day, the usual planning
/// bucket of an e-commerce FC.
pub const PERIOD_HOURS: f64 = 24.0;

/// Road distance over great-circle distance when a lane gives no distance.
/// Ballou, Rahardja & Sakai (2002), "Selected country circuity factors for
/// road travel distance estimation", *Transportation Research A* 36: national
/// averages lie between about 1.15 and 1.4; 1.3 suits UK trunk roads with
/// urban ends.
pub const CIRCUITY: f64 = 1.3;

/// Loaded warehouse wage, GBP per paid hour: the UK National Living Wage
/// from 1 April 2025, £12.21 (GOV.UK, "National Minimum Wage and National
/// Living Wage rates"), plus employer National Insurance (15 % above
/// £5,000 a year from 6 April 2025, HMRC) and the 3 % auto-enrolment
/// pension minimum: £27,158 a year over 1,950 paid hours (37.5 h × 52).
pub const WAGE_PER_HOUR: f64 = 13.90;

/// Share of rostered staff absent on a shift in the built-in UK network:
/// CIPD, *Health and wellbeing at work* 2023, 7.8 days lost per employee a
/// year, over about 228 working days.
pub const UK_ABSENCE_RATE: f64 = 0.034;

/// Highest absence rate a facility may give; past it a shift is mostly
/// empty and the figure is a typo.
pub const MAX_ABSENCE_RATE: f64 = 0.9;

/// Annual holding cost as a share of unit value: capital, storage, shrink
/// and obsolescence together. Textbooks give 20–30 % (Silver, Pyke & Thomas,
/// *Inventory and Production Management in Supply Chains*, 4th ed., ch. 3).
pub const HOLDING_RATE: f64 = 0.25;

// ---- Service ----------------------------------------------------------

/// Same-day orders placed before this hour are due by midnight; later ones
/// are due the next day. 14:00 is a common UK same-day cut-off for
/// metropolitan delivery.
pub const SAME_DAY_CUTOFF_HOUR: SimTime = 14;

/// Safety factor for levels left to the model: a 95 % cycle service level
/// under normal demand, z = Φ⁻¹(0.95) = 1.645.
pub const SERVICE_Z: f64 = 1.645;

/// Safety factors beyond ±5 σ are typos (Φ(5) is 1 − 3·10⁻⁷).
pub const MAX_ABS_Z: f64 = 5.0;

/// Moving-average window when a policy names no forecast, periods: a
/// month of weekly or four days of daily data, the common short window.
pub const FORECAST_PERIODS: u32 = 4;

/// Per-package cost and CO2e are shown once at least this share of the
/// orders placed has been delivered: before that, start-up costs (the
/// first replenishment, stock on the shelves) spread over a handful of
/// parcels give absurd figures (a one-day run: £18 and 4 kg CO2e each).
pub const PER_PACKAGE_MIN_DELIVERED_SHARE: f64 = 0.5;

// ---- Lanes ------------------------------------------------------------

/// Parcel lanes with no dispatch rule leave every this many hours (and when
/// a vehicle is full): a typical linehaul wave interval.
pub const DISPATCH_EVERY_HOURS: SimTime = 2;

/// Minutes at each stop for vans and crowdsourced drivers: park, walk,
/// hand over. An assumption; London parcel rounds spend a few minutes per
/// stop on foot (Allen et al. 2018, *Transportation Research D* 61).
pub const VAN_STOP_MINUTES: f64 = 2.0;

/// Most stops on one van round. An assumption: Allen et al. (2018,
/// *Transportation Research D* 61) observed central-London rounds of 72
/// customers and 127 parcels; suburban rounds run longer.
pub const VAN_MAX_STOPS: usize = 150;

/// Longest van round, out, tour and back, hours: the GB domestic drivers'
/// hours rules allow at most 11 hours on duty a day (GOV.UK, "Drivers'
/// hours: GB domestic rules").
pub const DRIVER_DUTY_HOURS: f64 = 11.0;

/// Parcels a delivery drone carries per sortie: one (a winch or drop box
/// holds a single package; Wing and Zipline fly one per flight).
pub const DRONE_PARCELS_PER_SORTIE: u32 = 1;

/// When a hop has several lanes, parcels overflow from the primary (the
/// fastest) to the others in this order of mode: electric vans first, then
/// diesel, then crowdsourced drivers for surges, drones last.
pub const OVERFLOW_ORDER: [Mode; 8] = [
    Mode::ElectricVan,
    Mode::DieselVan,
    Mode::Crowdsourced,
    Mode::Drone,
    Mode::ElectricHgv,
    Mode::DieselHgv,
    Mode::ElectricRail,
    Mode::Ocean,
];

/// One-way drone range when a lane gives none, km: delivery drones in
/// service fly 10–20 km from their base.
pub const DRONE_RANGE_KM: f64 = 15.0;

// ---- Facilities -------------------------------------------------------

/// Automation level → (pick-rate multiplier, handling GBP per unit, labour
/// hours per unit). Assumptions: manual ≈ 50 units per labour hour picked
/// and packed; mechanised (conveyors, pick-to-light) ≈ 100; robotic
/// goods-to-person cells ≈ 250 per attendant, at a higher capital cost per
/// unit.
pub fn automation(a: Automation) -> (f64, f64, f64) {
    match a {
        Automation::Manual => (1.0, 0.10, 0.020),
        Automation::Mechanised => (1.6, 0.12, 0.010),
        Automation::Robotic => (2.5, 0.15, 0.004),
    }
}

/// Cross-dock handling: (GBP per parcel, labour hours per parcel). Sortation
/// is mostly automated (≈ 500 parcels per labour hour); delivery stations
/// sort to routes by hand (≈ 250).
pub fn crossdock(kind: FacilityKind) -> (f64, f64) {
    match kind {
        FacilityKind::SortationCenter => (0.03, 0.002),
        FacilityKind::DeliveryStation => (0.05, 0.004),
        _ => (0.0, 0.0),
    }
}

/// Fixed cost of a facility, GBP a day, from its kind, automation and
/// `capacity_per_hour` as the scenario gives it (for an FC, before the
/// automation multiplier: the building's size): floor space × (rent +
/// business rates) plus automation capital, per unit of the automated
/// rate, amortised over 10 years.
/// - Rent: UK big-box logistics £8.25–8.50 per sq ft a year in the
///   Midlands (CBRE, Q1 2022), £11.50 average for units over 100,000 sq ft
///   (Colliers 2024); business rates add about half the rent (the UK
///   multiplier is about 0.5 of rateable value): £12 per sq ft a year.
/// - Space per unit of hourly capacity (assumptions): an FC of 500,000 sq
///   ft (the Amazon UK average) runs about 12,500 units an hour (40 sq ft
///   each); a sortation center of 300,000 sq ft sorts about 25,000
///   parcels an hour (12); a delivery station of 100,000 sq ft sorts about
///   5,000 (20).
/// - Automation capital per unit of hourly capacity (assumptions):
///   mechanised £1,200 (conveyors, pick-to-light), robotic £4,000
///   (goods-to-person robots and stations), sortation £1,500 (tilt-tray
///   or cross-belt sorters).
pub fn fixed_cost_per_day(kind: FacilityKind, a: Automation, capacity_per_hour: f64) -> f64 {
    const RENT_AND_RATES_PER_SQFT_YEAR: f64 = 12.0;
    const YEARS: f64 = 10.0;
    let (sqft, capex) = match (kind, a) {
        (FacilityKind::FulfillmentCenter, Automation::Manual) => (40.0, 0.0),
        (FacilityKind::FulfillmentCenter, Automation::Mechanised) => (40.0, 1_200.0),
        (FacilityKind::FulfillmentCenter, Automation::Robotic) => (40.0, 4_000.0),
        (FacilityKind::SortationCenter, _) => (12.0, 1_500.0),
        (FacilityKind::DeliveryStation, _) => (20.0, 0.0),
        _ => (0.0, 0.0),
    };
    let mult = if kind == FacilityKind::FulfillmentCenter {
        automation(a).0
    } else {
        1.0
    };
    let per_year = sqft * RENT_AND_RATES_PER_SQFT_YEAR + mult * capex / YEARS;
    capacity_per_hour * per_year / 365.0
}

// ---- Limits -----------------------------------------------------------
// Values past these are typos, or runs no browser could finish; each would
// otherwise risk overflowing a counter.

/// Longest horizon, days (ten years).
pub const MAX_DAYS: u32 = 3650;
/// Most SKUs a generated catalogue may have.
pub const MAX_CATALOG_SKUS: u32 = 100_000;
/// Most orders a day one demand stream may ask for.
pub const MAX_ORDERS_PER_DAY: f64 = 1e7;
/// Most units in one order.
pub const MAX_UNITS_PER_ORDER: u32 = 1000;
/// Largest multiplier a demand event may apply.
pub const MAX_EVENT_MULTIPLIER: f64 = 1000.0;
/// Largest demand multiplier a control may set (the engine clamps to it).
pub const MAX_DEMAND_MULTIPLIER: f64 = 100.0;
/// Largest stock level, initial stock or lot, units.
pub const MAX_STOCK_UNITS: f64 = 1e9;
/// Longest cover a periodic rule may ask for, periods.
pub const MAX_COVER_PERIODS: f64 = 1e4;
/// Largest JIT safety share of the forecast (100 × the forecast).
pub const MAX_JIT_SAFETY: f64 = 100.0;
/// Longest moving-average window, periods (ten years of weeks).
pub const MAX_FORECAST_PERIODS: u32 = 520;
