//! The scenario: plain serde data, versioned JSON (`"version": 1`).
//!
//! This is what the UI edits and what files hold; it is never used by the
//! engine directly. [`crate::validate::validate`] checks it and compiles it to a
//! [`crate::network::Network`]. Optional fields default as documented on each
//! field; the JSON Schema is `scenarios/scenario.schema.json`.
//!
//! Units: hours, days, km, kg, m³, GBP. Demand is in orders per day; one order
//! is `units_per_order` units of one SKU.

use crate::defaults;
use crate::emissions::Mode;
pub use crate::policy::Rule;
use crate::problem::Problem;
use serde::{Deserialize, Serialize};

pub const VERSION: u32 = 1;

fn d_days() -> u32 {
    defaults::HORIZON_DAYS
}
fn d_period() -> f64 {
    defaults::PERIOD_HOURS
}
fn d_scale() -> f64 {
    1.0
}
fn is_one(x: &f64) -> bool {
    *x == 1.0
}
fn d_circuity() -> f64 {
    defaults::CIRCUITY
}
fn d_wage() -> f64 {
    defaults::WAGE_PER_HOUR
}
fn d_holding() -> f64 {
    defaults::HOLDING_RATE
}
fn d_one() -> u32 {
    1
}
fn d_weather_speed() -> f64 {
    crate::disruption::HEAVY_SNOW_ROAD_SPEED
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn yes() -> bool {
    true
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Format version; must be 1.
    pub version: u32,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Default horizon in days (the CLI's `--days` overrides).
    #[serde(default = "d_days")]
    pub days: u32,
    /// Statistics and default review period, hours (24 = daily, 168 = weekly).
    #[serde(default = "d_period")]
    pub period_hours: f64,
    /// Periods starting before this many days are left out of the per-period
    /// facility statistics (demand/order variance, cycle service level).
    #[serde(default)]
    pub warmup_days: f64,
    #[serde(default)]
    pub stockout: StockoutRule,
    #[serde(default)]
    pub assignment: AssignRule,
    /// How the FC choice weighs the candidates that can meet the promise
    /// (all zero: the first in the assignment rule's order).
    #[serde(default, skip_serializing_if = "AssignWeights::is_zero")]
    pub assignment_weights: AssignWeights,
    /// Road distance / great-circle distance when a lane gives no distance.
    #[serde(default = "d_circuity")]
    pub circuity: f64,
    /// Loaded warehouse wage, GBP per paid hour (default: the UK National
    /// Living Wage from April 2025 with employer NI and pension).
    #[serde(default = "d_wage")]
    pub wage_per_hour: f64,
    /// Share of the network to run, 0 < scale ≤ 1 (default 1): demand,
    /// capacities and staff's output and pay are multiplied by it, and each
    /// vehicle carries that share of a real vehicle's load at that share of
    /// its cost and emissions (drones stay whole and their fleet shrinks).
    /// Utilisations and per-package figures stay those of the whole
    /// network; totals are the share's.
    #[serde(default = "d_scale", skip_serializing_if = "is_one")]
    pub scale: f64,
    #[serde(default)]
    pub products: Vec<Product>,
    /// Generates `count` identical SKUs (compact form for large catalogues).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product_catalog: Option<ProductCatalog>,
    pub facilities: Vec<Facility>,
    pub lanes: Vec<Lane>,
    #[serde(default)]
    pub demand: Vec<Demand>,
    #[serde(default)]
    pub policies: Vec<Policy>,
    /// Live controls set while the run played (the demand slider), replayed
    /// from their hour on. See [`crate::controls`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub controls: Vec<Control>,
    /// The boxes orders are packed in (none: parcels are their items'
    /// volume and weight). See [`crate::packaging`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub packaging: Option<Packaging>,
    /// The sales channels' promise, fees and priority. See
    /// [`crate::channels`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channels: Option<Channels>,
    /// Outages and bad weather at set times. See [`crate::disruption`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disruptions: Vec<Disruption>,
    /// Customs between pairs of countries (facilities' `country`). A lane
    /// between two countries with no entry here crosses an open border.
    /// See [`crate::borders`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub borders: Vec<Border>,
    /// Carbon price, drivers' hours and low-emission zones. See
    /// [`crate::regulation`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regulation: Option<Regulation>,
    /// A competitor every zone can buy from instead. See
    /// [`crate::competition`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub competition: Option<Competition>,
}

fn d_competitor_on_time() -> f64 {
    crate::competition::COMPETITOR_ON_TIME
}
fn d_demand_per_day() -> f64 {
    crate::competition::DEMAND_PER_DAY
}
fn d_window() -> f64 {
    crate::competition::WINDOW_DAYS
}

/// The competitor's offer, and how much demand a day of delivery moves.
/// Each zone's `demand` is what we win when our offer matches it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Competition {
    /// The competitor's promise.
    pub promise: Promise,
    /// The share of the competitor's orders on time (default 0.95).
    #[serde(default = "d_competitor_on_time")]
    pub on_time: f64,
    /// Demand won (or lost) per day our expected delivery beats (or
    /// trails) the competitor's, a share (default 0.0145).
    #[serde(default = "d_demand_per_day")]
    pub demand_per_day: f64,
    /// Days of our recent on-time that customers judge us by (default 7).
    #[serde(default = "d_window")]
    pub window_days: f64,
}

/// Customs on the border between two countries, both ways.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Border {
    /// The two countries, as the facilities name them (ISO 3166 codes).
    pub countries: [String; 2],
    /// Mean wait at customs per vehicle or shipment, hours.
    pub delay_hours: f64,
    /// Its standard deviation, hours (a gamma distribution; default 0).
    #[serde(default)]
    pub delay_sd_hours: f64,
    /// Broker's fee per customs declaration of a replenishment shipment, GBP.
    #[serde(default)]
    pub cost_per_declaration: f64,
    /// Carrier's clearance fee per parcel, GBP (each is its own consignment).
    #[serde(default)]
    pub cost_per_parcel: f64,
    /// Import duty on the value of replenishment shipments, a share
    /// (parcels are low-value consignments, free of duty).
    #[serde(default)]
    pub duty_rate: f64,
}

/// The rules a country or city sets on the network.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Regulation {
    /// GBP per tonne CO2e emitted, added to cost and to the FC choice's
    /// cost estimate (0: none).
    #[serde(default)]
    pub carbon_price_per_tonne: f64,
    /// Drivers' hours limits for HGV drivers setting out in a country.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub driver_hours: Vec<DriverHours>,
    /// Zones that charge or bar diesel vans.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub low_emission_zones: Vec<LowEmissionZone>,
}

fn d_driving_day() -> f64 {
    crate::regulation::EU_DAILY_DRIVING_HOURS
}
fn d_break_after() -> f64 {
    crate::regulation::EU_DRIVING_BEFORE_BREAK_HOURS
}
fn d_break_minutes() -> f64 {
    crate::regulation::EU_BREAK_MINUTES
}
fn d_daily_rest() -> f64 {
    crate::regulation::EU_DAILY_REST_HOURS
}
fn d_lez_charge() -> f64 {
    crate::regulation::ULEZ_DAILY_CHARGE
}

/// One country's drivers' hours for HGVs, a single driver (defaults: the
/// EU and GB rules).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DriverHours {
    pub country: String,
    /// Most driving in a day, hours.
    #[serde(default = "d_driving_day")]
    pub driving_hours_per_day: f64,
    /// Driving before a break is due, hours.
    #[serde(default = "d_break_after")]
    pub break_after_hours: f64,
    #[serde(default = "d_break_minutes")]
    pub break_minutes: f64,
    /// Rest between two days' driving, hours.
    #[serde(default = "d_daily_rest")]
    pub daily_rest_hours: f64,
}

/// A customer zone inside a low-emission zone.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LowEmissionZone {
    /// The customer zone, by id.
    pub zone: String,
    /// Charge diesel vans each time they enter, or bar them.
    #[serde(default)]
    pub diesel_vans: LezRule,
    /// GBP per diesel van a day it enters (one round a day).
    #[serde(default = "d_lez_charge")]
    pub charge_per_day: f64,
}

/// What a low-emission zone does to a diesel van.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LezRule {
    #[default]
    Charge,
    Bar,
}

/// Something that goes wrong for a while, from `start_day` (days since the
/// start, fractions allowed) for `days`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Disruption {
    /// A facility stops work: an FC or station outage, a port strike, a
    /// supplier failure. Work queued or arriving waits until it ends.
    Outage {
        facility: String,
        start_day: f64,
        days: f64,
    },
    /// Bad weather: drones are grounded and road vehicles drive at
    /// `road_speed` of their usual speed (a share, default 0.7).
    Weather {
        start_day: f64,
        days: f64,
        #[serde(default = "d_weather_speed")]
        road_speed: f64,
    },
}

impl Disruption {
    /// When it starts and how long it lasts, days.
    pub fn window(&self) -> (f64, f64) {
        match self {
            Disruption::Outage {
                start_day, days, ..
            }
            | Disruption::Weather {
                start_day, days, ..
            } => (*start_day, *days),
        }
    }
}

/// The sales channels. Orders for our own stock placed on our site are own
/// retail; orders for a marketplace seller's stock (a product marked
/// `seller`) placed on our site are marketplace orders; orders from other
/// sales channels (each demand's `multichannel_share`) are multi-channel
/// fulfilment, for the sellers' stock when any product is theirs.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Channels {
    /// Whose parcels board first when a lane's vehicles cannot take every
    /// parcel that is ready.
    #[serde(default)]
    pub priority: ChannelPriority,
    /// The promise made on multi-channel orders (default: the zone's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multichannel_promise: Option<Promise>,
    /// Fee a seller pays per unit we ship of its stock for a marketplace
    /// order, GBP.
    #[serde(default)]
    pub fulfilment_fee_per_unit: f64,
    /// Fee a seller pays per unit we ship of its stock for a multi-channel
    /// order, GBP (default: the fulfilment fee).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multichannel_fee_per_unit: Option<f64>,
    /// Fee a seller pays for its stock on our shelves, GBP per m³ per month.
    #[serde(default)]
    pub storage_fee_per_m3_month: f64,
}

/// Whose parcels board first when vehicles are short.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChannelPriority {
    /// In the order they became ready, whatever their channel.
    #[default]
    FirstCome,
    /// Orders placed on our site (own retail and marketplace) before
    /// multi-channel orders.
    SiteFirst,
    /// Multi-channel orders before orders placed on our site.
    MultichannelFirst,
}

/// How orders are packed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Packaging {
    /// Pack each order in the smallest box it fits (true, the default), or
    /// in the default box whenever it fits (false).
    #[serde(default = "yes")]
    pub right_sizing: bool,
    pub boxes: Vec<BoxSize>,
    /// The box for every order that fits it when right-sizing is off, by
    /// name (default: the largest box).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_box: Option<String>,
}

/// A corrugated box of the set.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BoxSize {
    pub name: String,
    /// Inside length, width and height, cm.
    pub cm: [f64; 3],
}

/// A control a person set at a moment of the run.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Control {
    /// Sim hours since the start from which it applies (demand is drawn
    /// hour by hour, so in practice a whole hour).
    pub at_h: f64,
    /// Scales all demand drawn from then on (1 = as the scenario says).
    pub demand_multiplier: f64,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StockoutRule {
    #[default]
    Backorder,
    LostSale,
}

/// The demand signal a stocking point forecasts from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ForecastFrom {
    /// The orders it receives: its own customers' and downstream FCs'
    /// replenishment orders.
    #[default]
    Orders,
    /// End-customer demand at itself and every FC downstream of it, shared
    /// with it as it happens.
    EndCustomers,
}

impl ForecastFrom {
    fn is_orders(&self) -> bool {
        *self == ForecastFrom::Orders
    }
}

/// How an order picks its fulfillment center (pluggable rule).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AssignRule {
    /// Nearest FC (great-circle to the zone centroid) that has the SKU on hand.
    #[default]
    NearestWithStock,
    /// FC with the shortest planned transit to the zone that has the SKU.
    FastestWithStock,
}

/// Weights of the FC choice among the candidates that can meet the
/// promise: it takes the one with the lowest
/// `hours × estimated delivery + gbp × estimated transport £ + co2e_kg ×
/// estimated transport kg CO2e`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssignWeights {
    /// Per hour until the estimated delivery.
    #[serde(default)]
    pub hours: f64,
    /// Per GBP of estimated transport cost.
    #[serde(default)]
    pub gbp: f64,
    /// Per kg of estimated transport CO2e.
    #[serde(default)]
    pub co2e_kg: f64,
}

impl AssignWeights {
    pub fn is_zero(&self) -> bool {
        *self == AssignWeights::default()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Product {
    pub id: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    pub weight_kg: f64,
    pub volume_m3: f64,
    /// Unit value, GBP.
    pub value: f64,
    /// Annual holding cost as a fraction of value (default 0.25).
    #[serde(default = "d_holding")]
    pub holding_rate: f64,
    #[serde(default)]
    pub backorder_cost_per_unit_day: f64,
    #[serde(default)]
    pub lost_sale_cost: f64,
    /// The stock belongs to a marketplace seller and is stored in our FCs
    /// (fulfilled by us, for fees).
    #[serde(default, skip_serializing_if = "is_false")]
    pub seller: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProductCatalog {
    pub count: u32,
    pub prefix: String,
    pub weight_kg: f64,
    pub volume_m3: f64,
    pub value: f64,
    #[serde(default = "d_holding")]
    pub holding_rate: f64,
    #[serde(default)]
    pub backorder_cost_per_unit_day: f64,
    #[serde(default)]
    pub lost_sale_cost: f64,
    /// Every generated SKU is a marketplace seller's.
    #[serde(default, skip_serializing_if = "is_false")]
    pub seller: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FacilityKind {
    Supplier,
    Port,
    FulfillmentCenter,
    SortationCenter,
    DeliveryStation,
    CustomerZone,
}

impl FacilityKind {
    pub fn name(self) -> &'static str {
        match self {
            FacilityKind::Supplier => "supplier",
            FacilityKind::Port => "port",
            FacilityKind::FulfillmentCenter => "fulfillment_center",
            FacilityKind::SortationCenter => "sortation_center",
            FacilityKind::DeliveryStation => "delivery_station",
            FacilityKind::CustomerZone => "customer_zone",
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Automation {
    #[default]
    Manual,
    Mechanised,
    Robotic,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Promise {
    SameDay,
    NextDay,
    TwoDay,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Shift {
    pub start_hour: f64,
    pub end_hour: f64,
    /// Heads rostered on this shift (default: enough to run at capacity).
    /// Each head handles 1 / `labour_hours_per_unit` units an hour, so
    /// fewer heads pick or sort less; every rostered hour is paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heads: Option<u32>,
}

/// A site. Fields beyond id/name/kind/lat/lon apply to some kinds only;
/// validation says which are required where.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Facility {
    pub id: String,
    pub name: String,
    pub kind: FacilityKind,
    pub lat: f64,
    pub lon: f64,
    /// FC: units picked+packed per hour before the automation multiplier;
    /// sortation center / delivery station: parcels per hour. Required for those kinds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity_per_hour: Option<f64>,
    /// FC only: manual ×1, mechanised ×1.6, robotic ×2.5 pick rate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub automation: Option<Automation>,
    /// FC/sortation/station working hours each day (default: 24 h).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shifts: Option<Vec<Shift>>,
    /// Override of the non-labour handling cost per unit, GBP.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handling_cost_per_unit: Option<f64>,
    /// Override of labour hours per unit handled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub labour_hours_per_unit: Option<f64>,
    /// FC/sortation/station: share of rostered heads absent, drawn per
    /// shift, 0..0.9 (default 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub absence_rate: Option<f64>,
    /// FC/sortation/station: GBP a day whatever it handles: rent, rates and
    /// automation amortised (default: from its size and automation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fixed_cost_per_day: Option<f64>,
    /// Supplier: production/release capacity, units per day (default unlimited).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub production_per_day: Option<f64>,
    /// Supplier: production lead time, hours (default 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead_time_hours: Option<f64>,
    /// Supplier: offers vendor-managed inventory (required by `vmi` policies).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub vmi: bool,
    /// Port: scheduled vessel interval, hours. Required for ports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vessel_interval_hours: Option<f64>,
    /// Port: standard deviation of vessel ETA, hours (default 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eta_sd_hours: Option<f64>,
    /// Port: dwell from vessel arrival to release, hours (default 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dwell_hours: Option<f64>,
    /// Port: shipment visibility. The planner hears each vessel's updated
    /// ETA every this many hours of its voyage (default: none; it plans
    /// with the scheduled ETA until the vessel berths).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eta_updates_hours: Option<f64>,
    /// The country it is in, an ISO 3166 code such as "GB" or "FR"
    /// (default: none; lanes to or from it cross no border).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Customer zone: population (informational; demand is in `demand`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population: Option<u64>,
    /// Customer zone: radius of the area served, km. Required for zones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub radius_km: Option<f64>,
    /// Customer zone: delivery promise. Required for zones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub promise: Option<Promise>,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dispatch {
    /// Scheduled departures every N hours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub every_hours: Option<f64>,
    /// First scheduled departure, hours after t=0 (default 0).
    #[serde(default)]
    pub offset_hours: f64,
    /// Also leave as soon as a vehicle is full.
    #[serde(default)]
    pub when_full: bool,
}

/// A directed lane between two facilities. Everything but from/to/mode
/// defaults from the mode table in [`crate::emissions`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lane {
    pub from: String,
    pub to: String,
    pub mode: Mode,
    /// Default: great-circle distance × circuity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distance_km: Option<f64>,
    /// Default: distance / speed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transit_hours: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speed_kmh: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost_per_km: Option<f64>,
    /// GBP per hour a vehicle is out on its round trip (driver and lease).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost_per_hour: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost_per_unit: Option<f64>,
    /// GBP per tonne-km of load, for a carrier that bills by weight (no
    /// built-in mode does: road and rail bill per load-unit km).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost_per_tkm: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity_kg: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity_m3: Option<f64>,
    /// Parcel lanes: when vehicles leave (default every 2 h and when full).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dispatch: Option<Dispatch>,
    /// Fleet size on this lane (default unlimited). A vehicle is busy for the
    /// round trip.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vehicles: Option<u32>,
    /// Crowdsourced: share of `vehicles` available in each hour of the day (24 values).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hourly_availability: Option<Vec<f64>>,
    /// Override: kg CO2e per vehicle-km.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub co2e_kg_per_km: Option<f64>,
    /// Override: kg CO2e per tonne-km.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub co2e_kg_per_tkm: Option<f64>,
    /// Last mile: minutes per stop (default 2 for vans, 0 otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stop_minutes: Option<f64>,
    /// Drone: maximum one-way range, km (default 15).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range_km: Option<f64>,
    /// Drone: probability a departure is grounded by weather (retry in 1 h).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub downtime_prob: Option<f64>,
    /// Probability that a parcel on this lane is lost or damaged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loss_rate: Option<f64>,
}

/// Per-draw distribution of the number of orders in an hour.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Distribution {
    Poisson,
    /// Normal with sd = cv × hourly mean, rounded and clamped at 0.
    Normal {
        cv: f64,
    },
    /// Variance = mean + mean²/dispersion.
    NegativeBinomial {
        dispersion: f64,
    },
    /// The expected count exactly, carrying fractions between hours.
    Deterministic,
}

/// Which SKUs a demand stream orders.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum SkuMix {
    /// SKU of rank r (catalogue order) has weight 1/r^s.
    Zipf {
        s: f64,
    },
    Uniform,
    Shares {
        shares: Vec<SkuShare>,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SkuShare {
    pub sku: String,
    pub weight: f64,
}

/// A multiplier over a window of days: peak events (a sale) and shocks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemandEvent {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    pub start_day: f64,
    pub days: f64,
    pub multiplier: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Demand {
    pub zone: String,
    /// Mean orders per day before patterns, trend and events.
    pub orders_per_day: f64,
    pub distribution: Distribution,
    #[serde(default = "d_one")]
    pub units_per_order: u32,
    pub sku_mix: SkuMix,
    /// Monday..Sunday multipliers (normalised to mean 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weekly: Option<Vec<f64>>,
    /// Hour 0..23 multipliers (normalised to mean 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hourly: Option<Vec<f64>>,
    /// Linear growth per year as a fraction (0.1 = +10 %/yr).
    #[serde(default)]
    pub trend_per_year: f64,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<DemandEvent>,
    /// Share of orders from other sales channels (fulfilled the same way).
    #[serde(default)]
    pub multichannel_share: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum ForecastSpec {
    MovingAverage {
        periods: u32,
    },
    ExpSmoothing {
        alpha: f64,
    },
    /// Level, damped trend and a weekly season (when reviews are daily or
    /// more often); α level, β trend, γ season.
    HoltWinters {
        alpha: f64,
        beta: f64,
        gamma: f64,
    },
    /// For slow items: demand size and interval smoothed by α.
    Croston {
        alpha: f64,
    },
    /// For slow items: size by α, probability of demand by β.
    Tsb {
        alpha: f64,
        beta: f64,
    },
    /// Gradient-boosted trees trained on the run's own demand history
    /// (lags, weekday, planned peak events).
    Learned,
}

impl ForecastSpec {
    /// One of each model, as a person switching to it first sees it.
    pub const STARTERS: [ForecastSpec; 6] = [
        ForecastSpec::MovingAverage { periods: 7 },
        ForecastSpec::ExpSmoothing { alpha: 0.3 },
        ForecastSpec::HoltWinters {
            alpha: 0.2,
            beta: 0.05,
            gamma: 0.2,
        },
        ForecastSpec::Croston { alpha: 0.1 },
        ForecastSpec::Tsb {
            alpha: 0.1,
            beta: 0.1,
        },
        ForecastSpec::Learned,
    ];

    /// The model's name as a person reads it.
    pub fn title(&self) -> &'static str {
        match self {
            ForecastSpec::MovingAverage { .. } => "Moving average",
            ForecastSpec::ExpSmoothing { .. } => "Exponential smoothing",
            ForecastSpec::HoltWinters { .. } => "Holt-Winters",
            ForecastSpec::Croston { .. } => "Croston (slow)",
            ForecastSpec::Tsb { .. } => "TSB (slow)",
            ForecastSpec::Learned => "Learned (trees)",
        }
    }

    /// The model's name in the scenario (`type`).
    pub fn key(&self) -> &'static str {
        match self {
            ForecastSpec::MovingAverage { .. } => "moving_average",
            ForecastSpec::ExpSmoothing { .. } => "exp_smoothing",
            ForecastSpec::HoltWinters { .. } => "holt_winters",
            ForecastSpec::Croston { .. } => "croston",
            ForecastSpec::Tsb { .. } => "tsb",
            ForecastSpec::Learned => "learned",
        }
    }

    /// The smoothing weights a person may edit: (field, label, value).
    pub fn params(&self) -> Vec<(&'static str, &'static str, f64)> {
        match *self {
            ForecastSpec::MovingAverage { periods } => vec![("periods", "Periods", periods as f64)],
            ForecastSpec::ExpSmoothing { alpha } | ForecastSpec::Croston { alpha } => {
                vec![("alpha", "Smoothing α", alpha)]
            }
            ForecastSpec::HoltWinters { alpha, beta, gamma } => vec![
                ("alpha", "Level α", alpha),
                ("beta", "Trend β", beta),
                ("gamma", "Season γ", gamma),
            ],
            ForecastSpec::Tsb { alpha, beta } => {
                vec![("alpha", "Size α", alpha), ("beta", "Probability β", beta)]
            }
            ForecastSpec::Learned => vec![],
        }
    }

    /// This model with parameter `key` set to `v` (periods are rounded).
    pub fn with(self, key: &str, v: f64) -> ForecastSpec {
        use ForecastSpec::*;
        match (self, key) {
            (MovingAverage { .. }, "periods") => MovingAverage {
                periods: libm::round(v.clamp(0.0, u32::MAX as f64)) as u32,
            },
            (ExpSmoothing { .. }, "alpha") => ExpSmoothing { alpha: v },
            (Croston { .. }, "alpha") => Croston { alpha: v },
            (HoltWinters { beta, gamma, .. }, "alpha") => HoltWinters {
                alpha: v,
                beta,
                gamma,
            },
            (HoltWinters { alpha, gamma, .. }, "beta") => HoltWinters {
                alpha,
                beta: v,
                gamma,
            },
            (HoltWinters { alpha, beta, .. }, "gamma") => HoltWinters {
                alpha,
                beta,
                gamma: v,
            },
            (Tsb { beta, .. }, "alpha") => Tsb { alpha: v, beta },
            (Tsb { alpha, .. }, "beta") => Tsb { alpha, beta: v },
            (other, _) => other,
        }
    }

    /// The forecasting crate's model.
    pub fn model(&self) -> supply_forecast::Model {
        use supply_forecast::Model;
        match *self {
            ForecastSpec::MovingAverage { periods } => Model::MovingAverage { periods },
            ForecastSpec::ExpSmoothing { alpha } => Model::ExpSmoothing { alpha },
            ForecastSpec::HoltWinters { alpha, beta, gamma } => {
                Model::HoltWinters { alpha, beta, gamma }
            }
            ForecastSpec::Croston { alpha } => Model::Croston { alpha },
            ForecastSpec::Tsb { alpha, beta } => Model::Tsb { alpha, beta },
            ForecastSpec::Learned => Model::Boosted,
        }
    }
}

/// An inventory policy at a stocking point (FC) for one SKU or all SKUs.
/// A policy naming a SKU overrides the all-SKU one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    pub facility: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sku: Option<String>,
    /// Supplier, port or upstream FC that replenishes.
    pub source: String,
    /// A faster supplier or FC to order from when the stock will run out
    /// before the next shipment from a port arrives, by the ETA the
    /// planner knows (default: none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expedite_from: Option<String>,
    pub rule: Rule,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forecast: Option<ForecastSpec>,
    /// What the forecast learns from: the orders this FC receives (its
    /// customers' and downstream FCs'), or, with information sharing, the
    /// end-customer demand of every FC it serves (Lee, Padmanabhan & Whang
    /// 1997's remedy for the bullwhip effect).
    #[serde(default, skip_serializing_if = "ForecastFrom::is_orders")]
    pub forecast_from: ForecastFrom,
    /// Default: the scenario's `period_hours`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_hours: Option<f64>,
    /// Information delay from placing an order to the source seeing it.
    #[serde(default)]
    pub order_delay_hours: f64,
    /// Default: the policy's target level at t=0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initial_stock: Option<f64>,
    /// Units already in transit per review period at t=0 (beer-game pipeline).
    #[serde(default)]
    pub initial_in_transit_per_period: f64,
}

impl Lane {
    /// A lane with every optional field left to its default.
    pub fn new(from: &str, to: &str, mode: Mode) -> Lane {
        Lane {
            from: from.to_owned(),
            to: to.to_owned(),
            mode,
            distance_km: None,
            transit_hours: None,
            speed_kmh: None,
            cost_per_km: None,
            cost_per_hour: None,
            cost_per_unit: None,
            cost_per_tkm: None,
            capacity_kg: None,
            capacity_m3: None,
            dispatch: None,
            vehicles: None,
            hourly_availability: None,
            co2e_kg_per_km: None,
            co2e_kg_per_tkm: None,
            stop_minutes: None,
            range_km: None,
            downtime_prob: None,
            loss_rate: None,
        }
    }
}

impl Facility {
    /// A facility with every kind-specific field left unset.
    pub fn new(id: String, name: String, kind: FacilityKind, lat: f64, lon: f64) -> Facility {
        Facility {
            id,
            name,
            kind,
            lat,
            lon,
            capacity_per_hour: None,
            automation: None,
            shifts: None,
            handling_cost_per_unit: None,
            labour_hours_per_unit: None,
            absence_rate: None,
            fixed_cost_per_day: None,
            production_per_day: None,
            lead_time_hours: None,
            vmi: false,
            vessel_interval_hours: None,
            eta_sd_hours: None,
            dwell_hours: None,
            eta_updates_hours: None,
            country: None,
            population: None,
            radius_km: None,
            promise: None,
        }
    }
}

impl Scenario {
    /// Parse JSON. Syntax and type errors become one [`Problem`] with the JSON
    /// path of the offending value and its line/column.
    pub fn from_json(text: &str) -> Result<Scenario, Vec<Problem>> {
        parse_json(text)
    }

    /// A facility's name as a person knows it, by id (the id itself if
    /// there is no such facility).
    pub fn name_of(&self, id: &str) -> String {
        self.facilities
            .iter()
            .find(|f| f.id == id)
            .map_or_else(|| id.to_owned(), |f| f.name.clone())
    }

    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// Parse a JSON document into `T`. A syntax or type error becomes one
/// [`Problem`] with the JSON path of the offending value and its line and
/// column (the scenario's and the lesson's parser).
pub fn parse_json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, Vec<Problem>> {
    serde_json::from_str::<T>(text).map_err(|e| {
        let (line, column) = (e.line(), e.column());
        let path = if line > 0 {
            path_at(text, line, column)
        } else {
            String::new()
        };
        let msg = e.to_string();
        // serde_json appends " at line L column C"; keep the message clean.
        let msg = match msg.rfind(" at line ") {
            Some(i) => msg[..i].to_string(),
            None => msg,
        };
        vec![Problem {
            line: Some(line),
            column: Some(column),
            ..Problem::new(path, msg)
        }]
    })
}

/// JSON path (`facilities[3].capacity_per_hour`) of the innermost value or key
/// at 1-based `line`/`column`. A small scanner: it tracks the container stack
/// through strings, keys and commas up to the position. Best-effort on invalid
/// JSON (it reports the path reached so far).
pub fn path_at(text: &str, line: usize, column: usize) -> String {
    enum Frame {
        Obj(Option<String>),
        Arr(usize),
    }
    // Byte offset of the target position.
    let mut target = text.len();
    let (mut l, mut c) = (1usize, 1usize);
    for (i, ch) in text.char_indices() {
        if l == line && c >= column {
            target = i;
            break;
        }
        if ch == '\n' {
            l += 1;
            c = 1;
        } else {
            c += 1;
        }
    }
    let bytes = text.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let mut expecting_key = false;
    let mut i = 0;
    while i < bytes.len() && i < target {
        match bytes[i] {
            b'{' => {
                stack.push(Frame::Obj(None));
                expecting_key = true;
            }
            b'[' => {
                stack.push(Frame::Arr(0));
                expecting_key = false;
            }
            b'}' | b']' => {
                stack.pop();
                expecting_key = false;
            }
            b',' => match stack.last_mut() {
                Some(Frame::Arr(n)) => *n += 1,
                Some(Frame::Obj(k)) => {
                    *k = None;
                    expecting_key = true;
                }
                None => {}
            },
            b'"' => {
                let start = i + 1;
                let mut j = start;
                while j < bytes.len() && bytes[j] != b'"' {
                    j += if bytes[j] == b'\\' { 2 } else { 1 };
                }
                if expecting_key {
                    if let Some(Frame::Obj(k)) = stack.last_mut() {
                        *k = Some(
                            text.get(start..j.min(bytes.len()))
                                .unwrap_or("")
                                .to_string(),
                        );
                    }
                    expecting_key = false;
                }
                i = j;
            }
            _ => {}
        }
        i += 1;
    }
    let mut out = String::new();
    for f in &stack {
        match f {
            Frame::Obj(Some(k)) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Frame::Obj(None) => {}
            Frame::Arr(n) => {
                out.push('[');
                out.push_str(&n.to_string());
                out.push(']');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_error_has_path_and_position() {
        let text = r#"{"version": 1, "name": "x",
  "facilities": [
    {"id": "a", "name": "A", "kind": "port", "lat": 1, "lon": 2},
    {"id": "b", "name": "B", "kind": "fulfillment_center", "lat": 1, "lon": 2, "capacity_per_hour": "fast"}
  ],
  "lanes": []}"#;
        let err = Scenario::from_json(text).unwrap_err();
        assert_eq!(err.len(), 1);
        assert_eq!(
            err[0].path, "facilities[1].capacity_per_hour",
            "{:?}",
            err[0]
        );
        assert_eq!(err[0].line, Some(4));
    }

    #[test]
    fn syntax_error_is_a_problem_not_a_panic() {
        let err = Scenario::from_json("{\"version\": 1, \"name\": ").unwrap_err();
        assert!(err[0].line.is_some());
        let err = Scenario::from_json("").unwrap_err();
        assert_eq!(err.len(), 1);
    }

    #[test]
    fn unknown_field_is_reported_with_its_path() {
        let text = r#"{"version": 1, "name": "x", "facilities": [], "lanes": [{"from": "a", "to": "b", "mode": "drone", "colour": 3}]}"#;
        let err = Scenario::from_json(text).unwrap_err();
        assert!(err[0].message.contains("colour"), "{:?}", err[0]);
        assert!(err[0].path.starts_with("lanes[0]"), "{:?}", err[0]);
    }
}
