//! The compiled network: dense indices, resolved defaults, precomputed routes.
//!
//! Built only by [`crate::validate::validate`], so every index is in range and
//! every number is finite and in its domain; the engine relies on that and
//! does no further checking. Facilities and lanes keep the scenario's order,
//! so index `i` here is `facilities[i]` / `lanes[i]` in the scenario.

use crate::controls::DemandSchedule;
use crate::demand::{AliasTable, DemandStream};
use crate::emissions::{Co2Basis, Mode};
pub use crate::policy::RuleInfo;
use crate::scenario::{
    AssignWeights, FacilityKind, ForecastFrom, ForecastSpec, Promise, StockoutRule,
};
use crate::time::SimTime;

/// A facility as the engine and the map see it.
#[derive(Clone, Debug)]
pub struct FacilityInfo {
    pub id: String,
    pub name: String,
    pub kind: FacilityKind,
    /// Its country code ("" = none).
    pub country: String,
    pub lat: f64,
    pub lon: f64,
    /// Server rate in units (FC) or parcels (cross-docks) per second; 0 = none.
    pub rate_per_s: f64,
    /// Working windows within a day, seconds `[start, end)`, sorted; empty = 24 h.
    pub shifts: Vec<(SimTime, SimTime)>,
    pub handling_cost_per_unit: f64,
    pub labour_hours_per_unit: f64,
    pub crew: Crew,
    pub supply: SupplyInfo,
    pub port: PortInfo,
    pub zone: ZoneInfo,
}

/// Who works a facility, and what it costs whatever it handles. Empty for
/// sites that are not ours to run (suppliers, ports, zones).
#[derive(Clone, Debug, Default)]
pub struct Crew {
    /// Rostered heads per working window in the whole network: one per
    /// `shifts` entry, or one for the whole day when `shifts` is empty.
    pub heads: Vec<u32>,
    /// Units (FC) or parcels (cross-dock) one head handles a second, at
    /// the scenario's scale; 0: heads do not limit the rate.
    pub per_head_per_s: f64,
    /// The share of each head's hours paid: the scenario's scale.
    pub paid_share: f64,
    /// Share of rostered heads absent, drawn per shift.
    pub absence: f64,
    /// Heads never hold the server below its design rate (no absence and
    /// every window staffed for the full rate): the engine's fast path.
    pub full_rate: bool,
    /// GBP a day: rent, rates and automation amortised.
    pub fixed_cost_per_day: f64,
}

/// A supplier's release: production capacity and lead time.
#[derive(Clone, Copy, Debug, Default)]
pub struct SupplyInfo {
    /// Units per second; 0 = unlimited.
    pub production_per_s: f64,
    pub lead_time_s: SimTime,
    pub vmi: bool,
}

/// A port's vessels: scheduled interval, ETA spread, dwell to release,
/// and, when a sea lane reaches it, their voyage from the supplier.
#[derive(Clone, Copy, Debug, Default)]
pub struct PortInfo {
    pub vessel_interval_s: SimTime,
    pub eta_sd_s: f64,
    pub dwell_s: SimTime,
    /// The ocean lane into the port (see [`crate::ocean`]).
    pub voyage: Option<Voyage>,
    /// Shipment visibility: an updated ETA every so often (None: off).
    pub eta_updates_s: Option<SimTime>,
}

/// A sea lane's sailings: the lane, its voyage time and the supplier's
/// lead time before goods can sail.
#[derive(Clone, Copy, Debug)]
pub struct Voyage {
    pub lane: usize,
    pub transit_s: SimTime,
    pub origin_lead_s: SimTime,
}

/// A customer zone: who lives there, how far it spreads, what it is promised.
#[derive(Clone, Copy, Debug, Default)]
pub struct ZoneInfo {
    pub population: u64,
    pub radius_km: f64,
    pub promise: Option<Promise>,
}

/// A lane with every default resolved.
#[derive(Clone, Copy, Debug)]
pub struct LaneInfo {
    pub from: usize,
    pub to: usize,
    pub mode: Mode,
    pub distance_km: f64,
    pub transit_s: SimTime,
    pub speed_kmh: f64,
    /// What one simulated vehicle loads: a real vehicle's payload × `share`.
    pub capacity_kg: f64,
    pub capacity_m3: f64,
    /// A real vehicle's payload: the largest parcel it can take.
    pub fit_kg: f64,
    pub fit_m3: f64,
    /// The share of a real vehicle one simulated vehicle is: the scenario's
    /// scale, or 1 for drones (whole, their fleet cut in number instead). Its
    /// load, kilometres charged and emissions are that share of a real
    /// one's; its times are a real one's.
    pub share: f64,
    pub tariff: Tariff,
    pub dispatch: Departures,
    pub fleet: Fleet,
    pub co2: Co2Basis,
    pub net_zero: bool,
    pub loss_rate: f64,
    /// Customs, when the lane crosses a border that has them.
    pub customs: Option<crate::borders::Customs>,
    /// A low-emission zone's charge per diesel van entering, GBP (0: none).
    pub lez_charge: f64,
}

/// Which part of the network a lane is, for the CO2e split.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Leg {
    /// Replenishment into an FC, from a supplier, port or another FC, and
    /// the sea voyage into a port.
    Inbound = 0,
    /// Parcels between facilities (FC to sortation to delivery station).
    MiddleMile = 1,
    /// Parcels to a customer zone.
    LastMile = 2,
}

/// What a trip costs, GBP: per vehicle-km, per unit carried, and per
/// tonne-km of load (how shared carriers, rail and ocean, charge).
#[derive(Clone, Copy, Debug)]
pub struct Tariff {
    pub per_km: f64,
    /// Per hour a vehicle is out, its round trip (vans: driver and lease).
    pub per_hour: f64,
    pub per_unit: f64,
    pub per_tkm: f64,
}

/// When a parcel lane's vehicles leave.
#[derive(Clone, Copy, Debug)]
pub struct Departures {
    /// Timetabled every so often (None = no timetable)...
    pub every_s: Option<SimTime>,
    /// ...from this time on.
    pub offset_s: SimTime,
    /// Also as soon as a vehicle is full.
    pub when_full: bool,
}

/// A lane's vehicles: how many, when drivers are available, time per
/// stop, and the chance a departure is grounded (drones, weather).
#[derive(Clone, Copy, Debug)]
pub struct Fleet {
    /// None = unlimited.
    pub vehicles: Option<u32>,
    pub hourly_availability: Option<[f64; 24]>,
    pub stop_s: SimTime,
    pub downtime_prob: f64,
    /// Most stops a real vehicle makes on one trip (drones: one per
    /// sortie; vans: the stop limit); None: no limit.
    pub max_stops: Option<f64>,
}

#[derive(Clone, Debug)]
pub struct ProductInfo {
    pub id: String,
    pub weight_kg: f64,
    pub volume_m3: f64,
    pub value: f64,
    /// GBP per unit per second on hand.
    pub holding_per_unit_s: f64,
    /// GBP per unit per second backordered.
    pub backorder_per_unit_s: f64,
    pub lost_sale_cost: f64,
    /// A marketplace seller's stock, stored in our FCs.
    pub seller: bool,
    /// Storage fee the seller pays, GBP per unit per second on the shelf
    /// (0 unless a seller's).
    pub storage_fee_per_unit_s: f64,
}

/// One stocking point × SKU policy.
#[derive(Clone, Debug)]
pub struct PolicyInfo {
    pub fc: usize,
    pub sku: usize,
    pub source: usize,
    /// The lane source → fc that replenishment travels on.
    pub lane: usize,
    pub rule: RuleInfo,
    /// A faster source and its lane, ordered from when stock will run out
    /// before the next vessel's goods arrive.
    pub expedite: Option<(usize, usize)>,
    pub forecast: ForecastSpec,
    /// Forecast from the orders received, or from shared end-customer demand.
    pub forecast_from: ForecastFrom,
    pub review_s: SimTime,
    pub order_delay_s: SimTime,
    /// Planned replenishment lead time (order delay + source + transit).
    pub lead_time_s: SimTime,
    pub initial_stock: u32,
    pub initial_in_transit: u32,
    /// Expected demand per statistics period and its variance (planning prior).
    pub expected_per_period: f64,
    pub variance_per_period: f64,
}

/// How parcels find their way: routes, the FCs each zone prefers, and the
/// lanes that share each hop.
#[derive(Clone, Debug, Default)]
pub struct Routing {
    /// Parcel routes as lane sequences FC → … → zone (each hop's primary lane).
    pub routes: Vec<Vec<u32>>,
    /// Per facility (empty unless a zone): candidate (fc, route) in preference order.
    pub candidates: Vec<Vec<(u32, u32)>>,
    /// Per route: planned time from leaving the FC to the zone (transit
    /// plus half of each dispatch interval).
    pub planned_s: Vec<SimTime>,
    /// Per route: estimated transport cost and CO2e per kg carried, with
    /// every vehicle full (a like-for-like estimate for the FC choice).
    pub per_kg: Vec<RouteRate>,
    /// How the FC choice weighs candidates that can meet the promise.
    pub weights: AssignWeights,
    /// Per lane: the other lanes on the same hop (same ends), in the order
    /// parcels overflow to them.
    pub overflow: Vec<Vec<u32>>,
}

/// A route's estimated transport cost and CO2e per kg of parcel, and its
/// cost per unit.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct RouteRate {
    pub gbp_per_kg: f64,
    pub gbp_per_unit: f64,
    pub co2e_kg_per_kg: f64,
}

/// How long a run is and how it is cut into statistics periods.
#[derive(Clone, Copy, Debug)]
pub struct Horizon {
    /// Statistics (and default review) period.
    pub period_s: SimTime,
    /// Per-period facility statistics start at this time.
    pub warmup_s: SimTime,
    pub default_days: u32,
}

/// The compiled, validated network.
#[derive(Clone, Debug)]
pub struct Network {
    pub name: String,
    pub horizon: Horizon,
    pub stockout: StockoutRule,
    pub wage_per_hour: f64,
    /// The share of the network run (the scenario's `scale`).
    pub scale: f64,
    /// Road distance over straight-line distance (van tours in zones).
    pub circuity: f64,
    pub facilities: Vec<FacilityInfo>,
    pub lanes: Vec<LaneInfo>,
    pub products: Vec<ProductInfo>,
    pub demand: Vec<DemandStream>,
    pub sku_tables: Vec<AliasTable>,
    pub policies: Vec<PolicyInfo>,
    pub routing: Routing,
    /// Facility index → stocking slot (FCs only).
    pub fc_slot: Vec<Option<u32>>,
    /// Stocking slot → facility index.
    pub fcs: Vec<u32>,
    /// The demand multiplier over time, from the scenario's controls.
    pub controls: DemandSchedule,
    /// Each SKU's ABC class by expected demand (0 = A, 1 = B, 2 = C).
    pub sku_class: Vec<u8>,
    /// The box set, if orders are packed in boxes.
    pub packaging: Option<crate::packaging::PackagingInfo>,
    /// The sales channels' promise, fees and boarding priority.
    pub channels: crate::channels::ChannelsInfo,
    /// Outages and bad weather at set times.
    pub disruptions: crate::disruption::Disruptions,
    /// The carbon price.
    pub regulation: crate::regulation::RegulationInfo,
    /// The competitor each zone can buy from instead.
    pub competition: Option<crate::competition::CompetitionInfo>,
}

impl Network {
    pub fn lane(&self, i: usize) -> Option<&LaneInfo> {
        self.lanes.get(i)
    }

    /// Lane `i`'s part of the network: into an FC is inbound, to a customer
    /// zone is last mile, anything else middle mile.
    pub fn leg(&self, i: usize) -> Leg {
        match self.facilities[self.lanes[i].to].kind {
            FacilityKind::FulfillmentCenter | FacilityKind::Port => Leg::Inbound,
            FacilityKind::CustomerZone => Leg::LastMile,
            _ => Leg::MiddleMile,
        }
    }
}
