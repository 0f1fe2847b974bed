//! Transport modes: default speed, capacity, cost and CO2e factors.
//!
//! # CO2e factors (source)
//! UK Government GHG Conversion Factors for Company Reporting 2024 (DESNZ,
//! published June 2024), tabs "Freighting goods", "Delivery vehicles",
//! "Passenger vehicles" and "UK electricity"; kg CO2e, tank-to-wheel (scope 1
//! style, no well-to-tank), values rounded:
//! - HGV (all diesel), all HGVs, average laden: 0.89061 kg CO2e per vehicle-km.
//! - Van, diesel, average (up to 3.5 t): 0.251 kg CO2e per vehicle-km.
//! - Car, average, unknown fuel (crowdsourced drivers' own cars): 0.166 kg/km.
//! - Cargo ship, container ship average: 0.0161 kg CO2e per tonne-km.
//! - UK electricity, generation: 0.20705 kg CO2e per kWh (used for all electric
//!   modes as grid factor × energy use; zero at the tailpipe).
//!
//! CO2e: road vehicles we dispatch are charged per vehicle-km (the vehicle
//! runs whatever its load); shared carriers (ship, train) per tonne-km of our
//! load, the DESNZ convention for freight on shared capacity.
//!
//! # Energy-use assumptions (not from DESNZ; typical published vehicle data)
//! electric van 0.25 kWh/km; electric 44 t HGV 1.3 kWh/km; electric freight
//! train 0.02 kWh per tonne-km; small delivery drone 0.04 kWh/km.
//!
//! # Cost assumptions (GBP, 2024, including driver where there is one)
//! Road and rail are billed on one basis: per kilometre of the load unit we
//! fill. On the road that unit is the vehicle; on rail it is the 40 ft
//! intermodal container we book on a scheduled train (we never hire the
//! whole train), so a rail "vehicle" here is one container: 26 t payload,
//! 67 m³ (ISO 668 40 ft box, 30.4 t gross less 3.8 t tare; 67.7 m³ inside).
//! - diesel HGV £1.30/km, electric HGV £1.25/km: a 44 t artic fully
//!   costed with its driver. Road Haulage Association figures (c. 2018:
//!   73,000 miles a year at 8 mpg, fuel about a third of running costs)
//!   give about £1.00–1.05/km; 2025 wages and fuel put it at £1.0–1.4/km.
//!   UK market haulage rates run near £1.50 per mile (£0.93/km).
//! - electric rail £0.75 per container-km (£0.029 per tonne-km at 26 t):
//!   an assumption inside the £0.02–0.05 per tonne-km usually quoted for
//!   UK trunk intermodal, before the road collection and delivery at each
//!   end; 58 % of the diesel HGV per load unit.
//! - vans are billed per hour of their round (driver and lease) and per km
//!   (energy, tyres, maintenance): a driver at the loaded National Living
//!   Wage, £13.90/h (see `defaults::WAGE_PER_HOUR`), plus a lease of about
//!   £450 a month for a 3.5 t diesel panel van or £650 for an electric one
//!   over 22 ten-hour days (assumptions from UK contract-hire price
//!   lists): diesel £16.00/h, electric £16.90/h. Per km, diesel at 8.5 l
//!   per 100 km and £1.45 a litre plus £0.05 upkeep, £0.17; electric at
//!   0.25 kWh/km and £0.25 a kWh plus £0.03 upkeep, £0.09.
//! - ocean £0.08 per unit (slot share); crowdsourced driver £2.50 per
//!   delivery (UK gig couriers are paid £0.35–1.00 a parcel on rounds and
//!   more for on-demand drops); drone £0.20/km + £0.50 per delivery.
//!
//! Each lane may override any of these, including a per tonne-km tariff.

use serde::{Deserialize, Serialize};

/// UK grid electricity, DESNZ 2024 generation factor, kg CO2e per kWh.
pub const GRID_KG_PER_KWH: f64 = 0.20705;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    Ocean,
    ElectricRail,
    DieselHgv,
    ElectricHgv,
    DieselVan,
    ElectricVan,
    Crowdsourced,
    Drone,
}

/// How a mode's emissions scale.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Co2Basis {
    /// kg CO2e per vehicle-km.
    PerVehicleKm(f64),
    /// kg CO2e per tonne-km of load carried.
    PerTonneKm(f64),
}

/// Default parameters of a mode; lanes may override each.
#[derive(Clone, Copy, Debug)]
pub struct ModeDefaults {
    pub speed_kmh: f64,
    pub capacity_kg: f64,
    pub capacity_m3: f64,
    pub cost_per_km: f64,
    /// GBP per hour a vehicle is out (driver and lease), vans.
    pub cost_per_hour: f64,
    pub cost_per_unit: f64,
    /// GBP per tonne-km of load (shared carriers).
    pub cost_per_tkm: f64,
    pub co2: Co2Basis,
    /// Zero emissions at the tailpipe (battery-electric or grid-electric).
    pub net_zero: bool,
}

impl Mode {
    pub const ALL: [Mode; 8] = [
        Mode::Ocean,
        Mode::ElectricRail,
        Mode::DieselHgv,
        Mode::ElectricHgv,
        Mode::DieselVan,
        Mode::ElectricVan,
        Mode::Crowdsourced,
        Mode::Drone,
    ];

    /// The mode as a person reads it ("Electric HGV").
    pub fn label(self) -> &'static str {
        match self {
            Mode::Ocean => "Ocean",
            Mode::ElectricRail => "Electric rail",
            Mode::DieselHgv => "Diesel HGV",
            Mode::ElectricHgv => "Electric HGV",
            Mode::DieselVan => "Diesel van",
            Mode::ElectricVan => "Electric van",
            Mode::Crowdsourced => "Crowdsourced driver",
            Mode::Drone => "Drone",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Mode::Ocean => "ocean",
            Mode::ElectricRail => "electric_rail",
            Mode::DieselHgv => "diesel_hgv",
            Mode::ElectricHgv => "electric_hgv",
            Mode::DieselVan => "diesel_van",
            Mode::ElectricVan => "electric_van",
            Mode::Crowdsourced => "crowdsourced",
            Mode::Drone => "drone",
        }
    }

    /// The zero-emission mode that does this mode's job: an electric HGV for
    /// a diesel one, an electric van for a diesel van; the mode itself if it
    /// is net-zero already or the model has no net-zero counterpart (ocean,
    /// crowdsourced drivers' own cars).
    pub fn electric(self) -> Mode {
        match self {
            Mode::DieselHgv => Mode::ElectricHgv,
            Mode::DieselVan => Mode::ElectricVan,
            m => m,
        }
    }

    pub fn defaults(self) -> ModeDefaults {
        use Co2Basis::*;
        let g = GRID_KG_PER_KWH;
        #[rustfmt::skip]
        let (speed_kmh, capacity_kg, capacity_m3, cost_per_km, cost_per_hour, cost_per_unit, cost_per_tkm, co2, net_zero) =
            match self {
                Mode::Ocean => (30.0, 2.0e7, 60_000.0, 0.0, 0.0, 0.08, 0.0, PerTonneKm(0.0161), false),
                Mode::ElectricRail => (80.0, 26_000.0, 67.0, 0.75, 0.0, 0.0, 0.0, PerTonneKm(0.02 * g), true),
                Mode::DieselHgv => (70.0, 20_000.0, 80.0, 1.30, 0.0, 0.0, 0.0, PerVehicleKm(0.89061), false),
                Mode::ElectricHgv => (65.0, 18_000.0, 80.0, 1.25, 0.0, 0.0, 0.0, PerVehicleKm(1.3 * g), true),
                Mode::DieselVan => (35.0, 1_000.0, 12.0, 0.17, 16.00, 0.0, 0.0, PerVehicleKm(0.251), false),
                Mode::ElectricVan => (35.0, 900.0, 12.0, 0.09, 16.90, 0.0, 0.0, PerVehicleKm(0.25 * g), true),
                Mode::Crowdsourced => (30.0, 150.0, 1.0, 0.0, 0.0, 2.50, 0.0, PerVehicleKm(0.166), false),
                Mode::Drone => (80.0, 2.5, 0.01, 0.20, 0.0, 0.50, 0.0, PerVehicleKm(0.04 * g), true),
            };
        ModeDefaults {
            speed_kmh,
            capacity_kg,
            capacity_m3,
            cost_per_km,
            cost_per_hour,
            cost_per_unit,
            cost_per_tkm,
            co2,
            net_zero,
        }
    }
}

/// kg CO2e of one trip of `km` carrying `load_kg`.
pub fn trip_co2e_kg(basis: Co2Basis, km: f64, load_kg: f64) -> f64 {
    match basis {
        Co2Basis::PerVehicleKm(f) => f * km,
        Co2Basis::PerTonneKm(f) => f * km * load_kg / 1000.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn electric_modes_are_net_zero_and_diesel_not() {
        for m in Mode::ALL {
            let d = m.defaults();
            let electric = matches!(
                m,
                Mode::ElectricRail | Mode::ElectricHgv | Mode::ElectricVan | Mode::Drone
            );
            assert_eq!(d.net_zero, electric, "{m:?}");
            assert!(d.speed_kmh > 0.0 && d.capacity_kg > 0.0);
        }
        // An e-van emits less per km than a diesel van on the 2024 UK grid.
        let per_km = |m: Mode| trip_co2e_kg(m.defaults().co2, 1.0, 500.0);
        assert!(per_km(Mode::ElectricVan) < per_km(Mode::DieselVan));
        assert!(per_km(Mode::ElectricHgv) < per_km(Mode::DieselHgv));
    }
}
