//! The ledger: what the network has done so far, each thing counted once.
//!
//! Order outcomes, transport (cost, CO2e, trips), where every supplied unit
//! is, one account per lane, and the marks that close each statistics
//! period. Mechanics write to it only through the methods named after what
//! happened; views read the records.

use super::stats::Histogram;
use crate::channels;
use crate::time::SimTime;

/// Customer orders: how many, how they ended, how long they took.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Outcomes {
    pub placed: u64,
    pub multichannel: u64,
    pub delivered: u64,
    /// Delivered orders whose every leg, their stock's replenishment
    /// included, ran on a net-zero mode.
    pub net_zero_shipments: u64,
    pub on_time: u64,
    pub late: u64,
    pub backordered: u64,
    pub lost_sales: u64,
    pub lost_in_transit: u64,
    /// Parcels no vehicle on their next hop could carry (too heavy or bulky).
    pub unshippable: u64,
    pub customer_units: u64,
    /// Units served from stock on arrival.
    pub customer_units_filled: u64,
    pub lead_sum_s: f64,
    pub lost_sale_cost: f64,
    /// Fees sellers paid for the units we shipped of their stock, GBP, by
    /// channel.
    pub fulfilment_fees: [f64; channels::COUNT],
}

impl Outcomes {
    fn since(&self, b: &Outcomes) -> Outcomes {
        Outcomes {
            placed: self.placed - b.placed,
            multichannel: self.multichannel - b.multichannel,
            delivered: self.delivered - b.delivered,
            net_zero_shipments: self.net_zero_shipments - b.net_zero_shipments,
            on_time: self.on_time - b.on_time,
            late: self.late - b.late,
            backordered: self.backordered - b.backordered,
            lost_sales: self.lost_sales - b.lost_sales,
            lost_in_transit: self.lost_in_transit - b.lost_in_transit,
            unshippable: self.unshippable - b.unshippable,
            customer_units: self.customer_units - b.customer_units,
            customer_units_filled: self.customer_units_filled - b.customer_units_filled,
            lead_sum_s: self.lead_sum_s - b.lead_sum_s,
            lost_sale_cost: self.lost_sale_cost - b.lost_sale_cost,
            fulfilment_fees: std::array::from_fn(|c| {
                self.fulfilment_fees[c] - b.fulfilment_fees[c]
            }),
        }
    }
}

/// Vehicles on the road: spend, emissions, trips and parcel legs.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Transport {
    pub cost: f64,
    pub co2e_kg: f64,
    pub legs: u64,
    pub net_zero_legs: u64,
    pub vehicle_trips: u64,
    pub vehicle_km: f64,
}

impl Transport {
    fn since(&self, b: &Transport) -> Transport {
        Transport {
            cost: self.cost - b.cost,
            co2e_kg: self.co2e_kg - b.co2e_kg,
            legs: self.legs - b.legs,
            net_zero_legs: self.net_zero_legs - b.net_zero_legs,
            vehicle_trips: self.vehicle_trips - b.vehicle_trips,
            vehicle_km: self.vehicle_km - b.vehicle_km,
        }
    }
}

/// Orders packed: in boxes or their own cartons, with the board used.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Packing {
    pub parcels: u64,
    /// Of them, packed in a box of the set.
    pub boxed: u64,
    pub board_kg: f64,
    /// Σ parcel volume and Σ items' volume, m³ (their gap is air).
    pub parcel_m3: f64,
    pub items_m3: f64,
}

impl Packing {
    fn since(&self, b: &Packing) -> Packing {
        Packing {
            parcels: self.parcels - b.parcels,
            boxed: self.boxed - b.boxed,
            board_kg: self.board_kg - b.board_kg,
            parcel_m3: self.parcel_m3 - b.parcel_m3,
            items_m3: self.items_m3 - b.items_m3,
        }
    }
}

/// What borders and regulation charged: customs and low-emission zones.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Levies {
    /// Vehicle trips and replenishment shipments that cleared customs.
    pub crossings: u64,
    /// Σ their waits at the border, seconds.
    pub customs_wait_s: f64,
    /// Declarations and parcels cleared.
    pub declarations: u64,
    pub customs_fees: f64,
    pub duties: f64,
    /// Real diesel vans that entered a charging low-emission zone.
    pub lez_entries: f64,
    pub lez_charges: f64,
}

impl Levies {
    fn since(&self, b: &Levies) -> Levies {
        Levies {
            crossings: self.crossings - b.crossings,
            customs_wait_s: self.customs_wait_s - b.customs_wait_s,
            declarations: self.declarations - b.declarations,
            customs_fees: self.customs_fees - b.customs_fees,
            duties: self.duties - b.duties,
            lez_entries: self.lez_entries - b.lez_entries,
            lez_charges: self.lez_charges - b.lez_charges,
        }
    }
}

/// Where every supplied unit is (the conservation counters).
#[derive(Clone, Debug, Default)]
pub(crate) struct UnitBalance {
    pub supplied: u64,
    /// On FC shelves.
    pub stock: u64,
    /// Picked at an FC, waiting for a vehicle.
    pub at_fc: u64,
    pub at_crossdock: u64,
    pub in_vehicles: u64,
    pub in_shipments: u64,
    pub delivered: u64,
    pub lost: u64,
}

/// One lane's account.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct LaneAccount {
    pub trips: u64,
    /// Vehicles sent (a shipment may need several).
    pub vehicles: u64,
    /// Σ of the share of a real vehicle each vehicle sent was.
    pub real_vehicles: f64,
    pub units: u64,
    pub parcels: u64,
    pub km: f64,
    pub cost: f64,
    pub co2e_kg: f64,
    /// Σ over vehicles of the share of its capacity loaded.
    pub fill: f64,
}

impl LaneAccount {
    fn since(&self, b: &LaneAccount) -> LaneAccount {
        LaneAccount {
            trips: self.trips - b.trips,
            vehicles: self.vehicles - b.vehicles,
            real_vehicles: self.real_vehicles - b.real_vehicles,
            units: self.units - b.units,
            parcels: self.parcels - b.parcels,
            fill: self.fill - b.fill,
            km: self.km - b.km,
            cost: self.cost - b.cost,
            co2e_kg: self.co2e_kg - b.co2e_kg,
        }
    }
}

/// One vehicle trip (or a bulk shipment of `vehicles` vehicles) to charge.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Trip {
    pub cost: f64,
    pub co2e_kg: f64,
    pub km: f64,
    pub vehicles: u64,
    /// Σ over its vehicles of the share of a real vehicle each is.
    pub real_vehicles: f64,
    pub units: u64,
    /// Parcel legs carried (0 for replenishment).
    pub parcels: u64,
    /// Σ over its vehicles of the share of capacity loaded (weight or
    /// volume, whichever binds).
    pub fill: f64,
    pub net_zero: bool,
}

/// The running totals at the end of one statistics period.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct PeriodMark {
    pub placed: u64,
    pub delivered: u64,
    pub on_time: u64,
    pub customer_units: u64,
    pub filled: u64,
    pub cost: f64,
    pub co2e: f64,
}

/// Cost so far by kind, GBP.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct CostBreakdown {
    pub transport: f64,
    pub handling: f64,
    pub holding: f64,
    pub labour: f64,
    /// Facilities' fixed costs: rent, rates, automation amortised.
    pub facilities: f64,
    pub backorder: f64,
    pub lost_sales: f64,
    /// Customs brokers' fees and import duty.
    pub customs: f64,
    /// Low-emission zone charges.
    pub low_emission_zones: f64,
    /// The carbon price on the CO2e emitted.
    pub carbon: f64,
}

impl CostBreakdown {
    /// The one total cost: the report, the live tiles and the period series
    /// all use it.
    pub fn total(&self) -> f64 {
        self.transport
            + self.handling
            + self.holding
            + self.labour
            + self.facilities
            + self.backorder
            + self.lost_sales
            + self.customs
            + self.low_emission_zones
            + self.carbon
    }
}

/// The ledger as the warm-up ended: what the figures count from.
#[derive(Clone, Debug)]
struct Base {
    /// Total cost at the end of the warm-up (the period series stays whole-run).
    cost: f64,
    outcomes: Outcomes,
    transport: Transport,
    packing: Packing,
    levies: Levies,
    lanes: Vec<LaneAccount>,
    lead_hist: Histogram,
}

#[derive(Clone, Debug, Default)]
pub(crate) struct Ledger {
    outcomes: Outcomes,
    lead_hist: Histogram,
    transport: Transport,
    packing: Packing,
    levies: Levies,
    units: UnitBalance,
    lanes: Vec<LaneAccount>,
    series: Vec<PeriodMark>,
    /// Set when the warm-up ends; the views count from it.
    base: Option<Box<Base>>,
}

impl Ledger {
    pub fn new(lanes: usize) -> Ledger {
        Ledger {
            lanes: vec![LaneAccount::default(); lanes],
            ..Ledger::default()
        }
    }

    /// The warm-up ended, with `cost` spent so far: the figures count from here.
    pub fn mark_warmup(&mut self, cost: f64) {
        self.base = Some(Box::new(Base {
            cost,
            outcomes: self.outcomes,
            transport: self.transport,
            packing: self.packing,
            levies: self.levies,
            lanes: self.lanes.clone(),
            lead_hist: self.lead_hist.clone(),
        }));
    }

    /// Order outcomes since the warm-up.
    pub fn outcomes(&self) -> Outcomes {
        match &self.base {
            Some(b) => self.outcomes.since(&b.outcomes),
            None => self.outcomes,
        }
    }
    /// Lead times of the orders delivered since the warm-up.
    pub fn lead_times(&self) -> Histogram {
        match &self.base {
            Some(b) => self.lead_hist.since(&b.lead_hist),
            None => self.lead_hist.clone(),
        }
    }
    /// Transport since the warm-up.
    pub fn transport(&self) -> Transport {
        match &self.base {
            Some(b) => self.transport.since(&b.transport),
            None => self.transport,
        }
    }
    /// Packing since the warm-up.
    pub fn packing(&self) -> Packing {
        match &self.base {
            Some(b) => self.packing.since(&b.packing),
            None => self.packing,
        }
    }
    /// Customs and low-emission zone charges since the warm-up.
    pub fn levies(&self) -> Levies {
        match &self.base {
            Some(b) => self.levies.since(&b.levies),
            None => self.levies,
        }
    }
    /// A vehicle or shipment cleared customs after `wait_s`, with
    /// `declarations` declarations, paying `fees` and `duty`.
    pub fn customs_cleared(&mut self, wait_s: SimTime, declarations: u64, fees: f64, duty: f64) {
        let l = &mut self.levies;
        l.crossings += 1;
        l.customs_wait_s += wait_s as f64;
        l.declarations += declarations;
        l.customs_fees += fees;
        l.duties += duty;
    }
    /// `vans` real diesel vans entered a low-emission zone, paying `charge`.
    pub fn lez_entered(&mut self, vans: f64, charge: f64) {
        self.levies.lez_entries += vans;
        self.levies.lez_charges += charge;
    }
    pub fn units(&self) -> &UnitBalance {
        &self.units
    }
    /// Lane `i`'s account since the warm-up.
    pub fn lane(&self, i: usize) -> LaneAccount {
        match &self.base {
            Some(b) => self.lanes[i].since(&b.lanes[i]),
            None => self.lanes[i],
        }
    }
    pub fn series(&self) -> &[PeriodMark] {
        &self.series
    }

    // Customer orders.
    pub fn order_placed(&mut self, units: u32, channel: u8) {
        self.outcomes.placed += 1;
        self.outcomes.customer_units += units as u64;
        self.outcomes.multichannel += u64::from(channel == channels::MULTICHANNEL);
    }
    /// A seller paid `fee` for the units of an order of `channel` we shipped.
    pub fn fulfilment_fee(&mut self, channel: u8, fee: f64) {
        self.outcomes.fulfilment_fees[channel as usize] += fee;
    }
    pub fn filled_from_stock(&mut self, units: u32) {
        self.outcomes.customer_units_filled += units as u64;
    }
    pub fn lost_sale(&mut self, cost: f64) {
        self.outcomes.lost_sales += 1;
        self.outcomes.lost_sale_cost += cost;
    }
    pub fn backordered(&mut self) {
        self.outcomes.backordered += 1;
    }
    pub fn delivered(&mut self, lead_s: SimTime, on_time: bool, units: u32) {
        let o = &mut self.outcomes;
        o.delivered += 1;
        o.lead_sum_s += lead_s as f64;
        self.lead_hist.push(lead_s);
        if on_time {
            o.on_time += 1;
        } else {
            o.late += 1;
        }
        self.units.delivered += units as u64;
    }
    /// An order packed: its items' volume, its parcel's, and the board of
    /// its box (0: its own carton).
    pub fn packed(&mut self, items_m3: f64, parcel_m3: f64, board_kg: f64) {
        let p = &mut self.packing;
        p.parcels += 1;
        p.boxed += u64::from(board_kg > 0.0);
        p.board_kg += board_kg;
        p.parcel_m3 += parcel_m3;
        p.items_m3 += items_m3;
    }
    /// A delivered order's shipment: all its legs net-zero, or not.
    pub fn shipment_done(&mut self, net_zero: bool) {
        self.outcomes.net_zero_shipments += u64::from(net_zero);
    }
    /// A parcel waiting at a node that no vehicle on its hop can carry.
    pub fn unshippable(&mut self, from_fc: bool, units: u32) {
        self.outcomes.unshippable += 1;
        if from_fc {
            self.units.at_fc -= units as u64;
        } else {
            self.units.at_crossdock -= units as u64;
        }
        self.units.lost += units as u64;
    }

    pub fn lost_in_transit(&mut self, units: u32) {
        self.outcomes.lost_in_transit += 1;
        self.units.lost += units as u64;
    }

    /// Charge a trip to the totals and to its lane.
    pub fn charge_trip(&mut self, lane: usize, trip: Trip) {
        let t = &mut self.transport;
        t.cost += trip.cost;
        t.co2e_kg += trip.co2e_kg;
        // Absurd capacities (a valid but tiny capacity_kg) can make a bulk
        // shipment astronomically many vehicles: count saturating.
        t.vehicle_trips = t.vehicle_trips.saturating_add(trip.vehicles);
        t.vehicle_km += trip.km;
        t.legs += trip.parcels;
        if trip.net_zero {
            t.net_zero_legs += trip.parcels;
        }
        let a = &mut self.lanes[lane];
        a.cost += trip.cost;
        a.co2e_kg += trip.co2e_kg;
        a.km += trip.km;
        a.trips += 1;
        a.vehicles = a.vehicles.saturating_add(trip.vehicles);
        a.real_vehicles += trip.real_vehicles;
        a.units += trip.units;
        a.parcels += trip.parcels;
        a.fill += trip.fill;
    }

    // Unit movements (the conservation counters).
    pub fn supplied(&mut self, units: u64) {
        self.units.supplied += units;
    }
    pub fn shelved(&mut self, units: u32) {
        self.units.stock += units as u64;
    }
    pub fn unshelved(&mut self, units: u32) {
        self.units.stock -= units as u64;
    }
    pub fn picked(&mut self, units: u32) {
        self.units.at_fc += units as u64;
    }
    /// Parcels leave a node on a vehicle.
    pub fn loaded(&mut self, from_fc: bool, units: u64) {
        if from_fc {
            self.units.at_fc -= units;
        } else {
            self.units.at_crossdock -= units;
        }
        self.units.in_vehicles += units;
    }
    pub fn unloaded(&mut self, units: u64) {
        self.units.in_vehicles -= units;
    }
    pub fn cross_docked(&mut self, units: u32) {
        self.units.at_crossdock += units as u64;
    }
    pub fn shipment_departed(&mut self, units: u64) {
        self.units.in_shipments += units;
    }
    pub fn shipment_arrived(&mut self, units: u64) {
        self.units.in_shipments -= units;
    }

    /// Close a statistics period with the total cost since the warm-up (the
    /// marks themselves run from the start).
    pub fn mark_period(&mut self, cost: f64) {
        let cost = cost + self.base.as_ref().map_or(0.0, |b| b.cost);
        let o = &self.outcomes;
        self.series.push(PeriodMark {
            placed: o.placed,
            delivered: o.delivered,
            on_time: o.on_time,
            customer_units: o.customer_units,
            filled: o.customer_units_filled,
            cost,
            co2e: self.transport.co2e_kg,
        });
    }
}
