//! Scenario → Network. Lists every problem, each with a JSON path.
//!
//! Validation never stops at the first problem: a person editing a scenario
//! sees everything to fix at once. Only a clean scenario compiles into a
//! [`Network`], so the engine never meets an out-of-range index or a NaN.

use crate::demand::{AliasTable, DemandStream, normalised};
use crate::emissions::Mode;
use crate::geo::{LatLon, haversine_km};
use crate::network::*;
use crate::scenario::*;
use crate::time::{DAY, HOUR, hours};
use petgraph::graph::{DiGraph, NodeIndex};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;

/// One thing wrong with a scenario.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// JSON path such as `facilities[3].capacity_per_hour` ("" = whole document).
    pub path: String,
    pub message: String,
    /// 1-based position for syntax/type errors.
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl Problem {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem {
            path: path.into(),
            message: message.into(),
            line: None,
            column: None,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path.is_empty() {
            "(document)"
        } else {
            &self.path
        };
        write!(f, "{path}: {}", self.message)?;
        if let (Some(l), Some(c)) = (self.line, self.column) {
            write!(f, " (line {l}, column {c})")?;
        }
        Ok(())
    }
}

struct Ck {
    problems: Vec<Problem>,
}

impl Ck {
    fn err(&mut self, path: impl Into<String>, msg: impl Into<String>) {
        self.problems.push(Problem::new(path, msg));
    }
    /// Finite and > 0.
    fn pos(&mut self, path: &str, v: f64) -> bool {
        let ok = v.is_finite() && v > 0.0;
        if !ok {
            self.err(path, format!("must be a finite number > 0, got {v}"));
        }
        ok
    }
    /// Finite and >= 0.
    fn nonneg(&mut self, path: &str, v: f64) -> bool {
        let ok = v.is_finite() && v >= 0.0;
        if !ok {
            self.err(path, format!("must be a finite number >= 0, got {v}"));
        }
        ok
    }
    fn prob(&mut self, path: &str, v: f64, max_excl: bool) -> bool {
        let ok = v.is_finite() && v >= 0.0 && if max_excl { v < 1.0 } else { v <= 1.0 };
        if !ok {
            let hi = if max_excl { "1)" } else { "1]" };
            self.err(path, format!("must be in [0, {hi}, got {v}"));
        }
        ok
    }
    fn opt_pos(&mut self, path: &str, v: Option<f64>) {
        if let Some(v) = v {
            self.pos(path, v);
        }
    }
    fn opt_nonneg(&mut self, path: &str, v: Option<f64>) {
        if let Some(v) = v {
            self.nonneg(path, v);
        }
    }
    fn pattern(&mut self, path: &str, v: &Option<Vec<f64>>, n: usize) {
        if let Some(v) = v {
            if v.len() != n {
                self.err(
                    path,
                    format!("must have exactly {n} values, has {}", v.len()),
                );
            } else if v.iter().any(|x| !x.is_finite() || *x < 0.0) || v.iter().sum::<f64>() <= 0.0 {
                self.err(path, "values must be finite, >= 0, and not all 0");
            }
        }
    }
}

/// Automation: (pick-rate multiplier, handling GBP/unit, labour h/unit).
/// Assumptions: manual ≈ 50 units per labour hour picked and packed; robotic
/// goods-to-person cells ≈ 250 u/h per attendant with higher capital cost per unit.
fn automation_params(a: Automation) -> (f64, f64, f64) {
    match a {
        Automation::Manual => (1.0, 0.10, 0.020),
        Automation::Mechanised => (1.6, 0.12, 0.010),
        Automation::Robotic => (2.5, 0.15, 0.004),
    }
}

/// Handling defaults for cross-docks: (GBP/parcel, labour h/parcel).
fn crossdock_params(kind: FacilityKind) -> (f64, f64) {
    match kind {
        FacilityKind::SortationCenter => (0.03, 0.002),
        FacilityKind::DeliveryStation => (0.05, 0.004),
        _ => (0.0, 0.0),
    }
}

/// Validate and compile. Returns every problem found.
pub fn validate(s: &Scenario) -> Result<Network, Vec<Problem>> {
    let mut ck = Ck {
        problems: Vec::new(),
    };
    if s.version != VERSION {
        ck.err(
            "version",
            format!("unsupported version {}, expected {VERSION}", s.version),
        );
    }
    if s.name.trim().is_empty() {
        ck.err("name", "must not be empty");
    }
    if s.days == 0 || s.days > 3650 {
        ck.err("days", format!("must be in 1..=3650, got {}", s.days));
    }
    if ck.pos("period_hours", s.period_hours) && s.period_hours < 1.0 {
        ck.err("period_hours", "must be at least 1 hour");
    }
    if !(s.circuity.is_finite() && (1.0..=3.0).contains(&s.circuity)) {
        ck.err("circuity", format!("must be in [1, 3], got {}", s.circuity));
    }
    ck.nonneg("wage_per_hour", s.wage_per_hour);
    ck.nonneg("warmup_days", s.warmup_days);

    // Products.
    let mut products: Vec<ProductInfo> = Vec::new();
    let mut sku_ix: BTreeMap<&str, usize> = BTreeMap::new();
    let year_s = 365.0 * DAY as f64;
    for (i, p) in s.products.iter().enumerate() {
        let path = format!("products[{i}]");
        if p.id.is_empty() {
            ck.err(format!("{path}.id"), "must not be empty");
        } else if sku_ix.insert(&p.id, i).is_some() {
            ck.err(
                format!("{path}.id"),
                format!("duplicate product id {:?}", p.id),
            );
        }
        ck.pos(&format!("{path}.weight_kg"), p.weight_kg);
        ck.pos(&format!("{path}.volume_m3"), p.volume_m3);
        ck.nonneg(&format!("{path}.value"), p.value);
        ck.nonneg(&format!("{path}.holding_rate"), p.holding_rate);
        ck.nonneg(
            &format!("{path}.backorder_cost_per_unit_day"),
            p.backorder_cost_per_unit_day,
        );
        ck.nonneg(&format!("{path}.lost_sale_cost"), p.lost_sale_cost);
        products.push(ProductInfo {
            id: p.id.clone(),
            weight_kg: p.weight_kg,
            volume_m3: p.volume_m3,
            value: p.value,
            holding_per_unit_s: p.value * p.holding_rate / year_s,
            backorder_per_unit_s: p.backorder_cost_per_unit_day / DAY as f64,
            lost_sale_cost: p.lost_sale_cost,
        });
    }
    if let Some(c) = &s.product_catalog {
        let path = "product_catalog";
        if c.count == 0 || c.count > 100_000 {
            ck.err(
                format!("{path}.count"),
                format!("must be in 1..=100000, got {}", c.count),
            );
        }
        ck.pos(&format!("{path}.weight_kg"), c.weight_kg);
        ck.pos(&format!("{path}.volume_m3"), c.volume_m3);
        ck.nonneg(&format!("{path}.value"), c.value);
        ck.nonneg(&format!("{path}.holding_rate"), c.holding_rate);
        ck.nonneg(
            &format!("{path}.backorder_cost_per_unit_day"),
            c.backorder_cost_per_unit_day,
        );
        ck.nonneg(&format!("{path}.lost_sale_cost"), c.lost_sale_cost);
        if c.count <= 100_000 {
            for k in 0..c.count {
                products.push(ProductInfo {
                    id: format!("{}{:05}", c.prefix, k + 1),
                    weight_kg: c.weight_kg,
                    volume_m3: c.volume_m3,
                    value: c.value,
                    holding_per_unit_s: c.value * c.holding_rate / year_s,
                    backorder_per_unit_s: c.backorder_cost_per_unit_day / DAY as f64,
                    lost_sale_cost: c.lost_sale_cost,
                });
            }
        }
    }
    let n_sku = products.len();
    if n_sku == 0 && !s.demand.is_empty() {
        ck.err(
            "products",
            "demand needs at least one product (products or product_catalog)",
        );
    }

    // Facilities.
    let mut fac_ix: BTreeMap<&str, usize> = BTreeMap::new();
    let mut facilities = Vec::with_capacity(s.facilities.len());
    for (i, f) in s.facilities.iter().enumerate() {
        let path = format!("facilities[{i}]");
        if f.id.is_empty() {
            ck.err(format!("{path}.id"), "must not be empty");
        } else if fac_ix.insert(&f.id, i).is_some() {
            ck.err(
                format!("{path}.id"),
                format!("duplicate facility id {:?}", f.id),
            );
        }
        if !(f.lat.is_finite() && (-90.0..=90.0).contains(&f.lat)) {
            ck.err(
                format!("{path}.lat"),
                format!("must be in [-90, 90], got {}", f.lat),
            );
        }
        if !(f.lon.is_finite() && (-180.0..=180.0).contains(&f.lon)) {
            ck.err(
                format!("{path}.lon"),
                format!("must be in [-180, 180], got {}", f.lon),
            );
        }
        let kind = f.kind;
        let is_server = matches!(
            kind,
            FacilityKind::FulfillmentCenter
                | FacilityKind::SortationCenter
                | FacilityKind::DeliveryStation
        );
        let mut rate_per_s = 0.0;
        let (mut handling, mut labour) = crossdock_params(kind);
        if is_server {
            match f.capacity_per_hour {
                None => ck.err(
                    format!("{path}.capacity_per_hour"),
                    format!("required for a {}", kind.name()),
                ),
                Some(c) => {
                    if ck.pos(&format!("{path}.capacity_per_hour"), c) {
                        rate_per_s = c / HOUR as f64;
                    }
                }
            }
        }
        if kind == FacilityKind::FulfillmentCenter {
            let (mult, h, l) = automation_params(f.automation.unwrap_or_default());
            rate_per_s *= mult;
            handling = h;
            labour = l;
        } else if f.automation.is_some() {
            ck.err(
                format!("{path}.automation"),
                "only fulfillment centers have an automation level",
            );
        }
        if let Some(h) = f.handling_cost_per_unit
            && ck.nonneg(&format!("{path}.handling_cost_per_unit"), h)
        {
            handling = h;
        }
        if let Some(l) = f.labour_hours_per_unit
            && ck.nonneg(&format!("{path}.labour_hours_per_unit"), l)
        {
            labour = l;
        }
        let mut shifts = Vec::new();
        if let Some(sh) = &f.shifts {
            if !is_server {
                ck.err(
                    format!("{path}.shifts"),
                    "only FCs, sortation centers and delivery stations have shifts",
                );
            }
            if sh.is_empty() {
                ck.err(
                    format!("{path}.shifts"),
                    "must list at least one shift (omit for 24 h)",
                );
            }
            for (k, w) in sh.iter().enumerate() {
                let ok = w.start_hour.is_finite()
                    && w.end_hour.is_finite()
                    && 0.0 <= w.start_hour
                    && w.start_hour < w.end_hour
                    && w.end_hour <= 24.0;
                if ok {
                    shifts.push((hours(w.start_hour), hours(w.end_hour)));
                } else {
                    ck.err(
                        format!("{path}.shifts[{k}]"),
                        "needs 0 <= start_hour < end_hour <= 24",
                    );
                }
            }
            shifts.sort();
            for k in 1..shifts.len() {
                if shifts[k].0 < shifts[k - 1].1 {
                    ck.err(format!("{path}.shifts"), "shifts overlap");
                    break;
                }
            }
        }
        let mut production_per_s = 0.0;
        if let Some(p) = f.production_per_day {
            if kind != FacilityKind::Supplier {
                ck.err(
                    format!("{path}.production_per_day"),
                    "only suppliers have a production rate",
                );
            } else if ck.pos(&format!("{path}.production_per_day"), p) {
                production_per_s = p / DAY as f64;
            }
        }
        ck.opt_nonneg(&format!("{path}.lead_time_hours"), f.lead_time_hours);
        if f.vmi && kind != FacilityKind::Supplier {
            ck.err(
                format!("{path}.vmi"),
                "only suppliers run vendor-managed inventory",
            );
        }
        let mut vessel_interval_s = 0;
        if kind == FacilityKind::Port {
            match f.vessel_interval_hours {
                None => ck.err(
                    format!("{path}.vessel_interval_hours"),
                    "required for a port",
                ),
                Some(v) => {
                    if ck.pos(&format!("{path}.vessel_interval_hours"), v) {
                        vessel_interval_s = hours(v).max(1);
                    }
                }
            }
        } else {
            for (name, v) in [
                ("vessel_interval_hours", f.vessel_interval_hours),
                ("eta_sd_hours", f.eta_sd_hours),
                ("dwell_hours", f.dwell_hours),
            ] {
                if v.is_some() {
                    ck.err(format!("{path}.{name}"), "only ports have vessels");
                }
            }
        }
        ck.opt_nonneg(&format!("{path}.eta_sd_hours"), f.eta_sd_hours);
        ck.opt_nonneg(&format!("{path}.dwell_hours"), f.dwell_hours);
        let mut radius_km = 0.0;
        if kind == FacilityKind::CustomerZone {
            match f.radius_km {
                None => ck.err(format!("{path}.radius_km"), "required for a customer zone"),
                Some(r) => {
                    if ck.pos(&format!("{path}.radius_km"), r) {
                        radius_km = r;
                    }
                }
            }
            if f.promise.is_none() {
                ck.err(
                    format!("{path}.promise"),
                    "required for a customer zone (same_day, next_day or two_day)",
                );
            }
        }
        facilities.push(FacilityInfo {
            id: f.id.clone(),
            name: f.name.clone(),
            kind,
            lat: f.lat,
            lon: f.lon,
            rate_per_s,
            shifts,
            handling_cost_per_unit: handling,
            labour_hours_per_unit: labour,
            production_per_s,
            lead_time_s: hours(f.lead_time_hours.unwrap_or(0.0)),
            vmi: f.vmi,
            vessel_interval_s,
            eta_sd_s: f.eta_sd_hours.unwrap_or(0.0).max(0.0) * HOUR as f64,
            dwell_s: hours(f.dwell_hours.unwrap_or(0.0)),
            population: f.population.unwrap_or(0),
            radius_km,
            promise: f.promise,
        });
    }

    // Lanes.
    use FacilityKind::*;
    let mut lanes = Vec::with_capacity(s.lanes.len());
    let mut lane_keys: BTreeMap<(usize, usize, Mode), usize> = BTreeMap::new();
    for (i, l) in s.lanes.iter().enumerate() {
        let path = format!("lanes[{i}]");
        let from = fac_ix.get(l.from.as_str()).copied();
        let to = fac_ix.get(l.to.as_str()).copied();
        if from.is_none() {
            ck.err(
                format!("{path}.from"),
                format!("unknown facility {:?}", l.from),
            );
        }
        if to.is_none() {
            ck.err(format!("{path}.to"), format!("unknown facility {:?}", l.to));
        }
        let d = l.mode.defaults();
        for (name, v) in [
            ("distance_km", l.distance_km),
            ("transit_hours", l.transit_hours),
            ("cost_per_km", l.cost_per_km),
            ("cost_per_unit", l.cost_per_unit),
            ("cost_per_tkm", l.cost_per_tkm),
            ("co2e_kg_per_km", l.co2e_kg_per_km),
            ("co2e_kg_per_tkm", l.co2e_kg_per_tkm),
            ("stop_minutes", l.stop_minutes),
        ] {
            ck.opt_nonneg(&format!("{path}.{name}"), v);
        }
        for (name, v) in [
            ("speed_kmh", l.speed_kmh),
            ("capacity_kg", l.capacity_kg),
            ("capacity_m3", l.capacity_m3),
            ("range_km", l.range_km),
        ] {
            ck.opt_pos(&format!("{path}.{name}"), v);
        }
        if l.co2e_kg_per_km.is_some() && l.co2e_kg_per_tkm.is_some() {
            ck.err(
                format!("{path}.co2e_kg_per_tkm"),
                "give co2e_kg_per_km or co2e_kg_per_tkm, not both",
            );
        }
        if let Some(p) = l.downtime_prob {
            ck.prob(&format!("{path}.downtime_prob"), p, true);
        }
        if let Some(p) = l.loss_rate {
            ck.prob(&format!("{path}.loss_rate"), p, false);
        }
        if l.vehicles == Some(0) {
            ck.err(
                format!("{path}.vehicles"),
                "must be at least 1 (omit for unlimited)",
            );
        }
        ck.pattern(
            &format!("{path}.hourly_availability"),
            &l.hourly_availability,
            24,
        );
        if let Some(h) = &l.hourly_availability {
            if h.iter().any(|x| *x > 1.0) {
                ck.err(
                    format!("{path}.hourly_availability"),
                    "values are shares of the fleet, in [0, 1]",
                );
            }
            if l.vehicles.is_none() {
                ck.err(
                    format!("{path}.vehicles"),
                    "hourly_availability needs a fleet size",
                );
            }
        }
        let (every_s, offset_s, when_full) = match &l.dispatch {
            None => (Some(2 * HOUR), 0, true),
            Some(dsp) => {
                let mut every = None;
                if let Some(e) = dsp.every_hours
                    && ck.pos(&format!("{path}.dispatch.every_hours"), e)
                {
                    every = Some(hours(e).max(60));
                }
                ck.nonneg(&format!("{path}.dispatch.offset_hours"), dsp.offset_hours);
                if dsp.every_hours.is_none() && !dsp.when_full {
                    ck.err(
                        format!("{path}.dispatch"),
                        "never dispatches: give every_hours, when_full, or both",
                    );
                }
                (every, hours(dsp.offset_hours), dsp.when_full)
            }
        };
        let (Some(fi), Some(ti)) = (from, to) else {
            continue;
        };
        if fi == ti {
            ck.err(
                format!("{path}.to"),
                "a lane must join two different facilities",
            );
            continue;
        }
        let (fk, tk) = (facilities[fi].kind, facilities[ti].kind);
        let allowed = match fk {
            Supplier | Port => tk == FulfillmentCenter,
            FulfillmentCenter => matches!(
                tk,
                FulfillmentCenter | SortationCenter | DeliveryStation | CustomerZone
            ),
            SortationCenter => matches!(tk, SortationCenter | DeliveryStation | CustomerZone),
            DeliveryStation => matches!(tk, DeliveryStation | CustomerZone),
            CustomerZone => false,
        };
        if !allowed {
            ck.err(
                &path,
                format!("a lane cannot run from a {} to a {}", fk.name(), tk.name()),
            );
            continue;
        }
        if lane_keys.insert((fi, ti, l.mode), i).is_some() {
            ck.err(
                &path,
                format!("duplicate lane {} -> {} by {}", l.from, l.to, l.mode.name()),
            );
        }
        let gc = haversine_km(
            LatLon {
                lat: facilities[fi].lat,
                lon: facilities[fi].lon,
            },
            LatLon {
                lat: facilities[ti].lat,
                lon: facilities[ti].lon,
            },
        );
        let distance_km = l.distance_km.unwrap_or(gc * s.circuity);
        let speed_kmh = l.speed_kmh.unwrap_or(d.speed_kmh);
        let transit_s = match l.transit_hours {
            Some(h) => hours(h),
            None if speed_kmh > 0.0 => hours(distance_km / speed_kmh),
            None => 0,
        };
        if l.mode == Mode::Drone {
            let range = l.range_km.unwrap_or(15.0);
            if distance_km > range {
                ck.err(
                    format!("{path}.distance_km"),
                    format!("{distance_km:.1} km is beyond the drone range of {range} km"),
                );
            }
        }
        let co2 = match (l.co2e_kg_per_km, l.co2e_kg_per_tkm) {
            (Some(f), _) => crate::emissions::Co2Basis::PerVehicleKm(f),
            (None, Some(f)) => crate::emissions::Co2Basis::PerTonneKm(f),
            _ => d.co2,
        };
        let default_stop = if matches!(
            l.mode,
            Mode::DieselVan | Mode::ElectricVan | Mode::Crowdsourced
        ) {
            2.0
        } else {
            0.0
        };
        let mut avail = None;
        if let Some(h) = &l.hourly_availability
            && h.len() == 24
        {
            let mut a = [0.0; 24];
            a.copy_from_slice(h);
            avail = Some(a);
        }
        lanes.push((
            i,
            LaneInfo {
                from: fi,
                to: ti,
                mode: l.mode,
                distance_km,
                transit_s,
                speed_kmh,
                cost_per_km: l.cost_per_km.unwrap_or(d.cost_per_km),
                cost_per_unit: l.cost_per_unit.unwrap_or(d.cost_per_unit),
                cost_per_tkm: l.cost_per_tkm.unwrap_or(d.cost_per_tkm),
                capacity_kg: l.capacity_kg.unwrap_or(d.capacity_kg),
                capacity_m3: l.capacity_m3.unwrap_or(d.capacity_m3),
                every_s,
                offset_s,
                when_full,
                vehicles: l.vehicles,
                hourly_availability: avail,
                co2,
                net_zero: d.net_zero,
                stop_s: crate::time::seconds(l.stop_minutes.unwrap_or(default_stop) * 60.0),
                downtime_prob: l.downtime_prob.unwrap_or(0.0),
                loss_rate: l.loss_rate.unwrap_or(0.0),
            },
        ));
    }

    // Demand streams.
    let mut sku_tables: Vec<AliasTable> = Vec::new();
    let mut table_keys: Vec<SkuMix> = Vec::new();
    let mut demand = Vec::new();
    for (i, dm) in s.demand.iter().enumerate() {
        let path = format!("demand[{i}]");
        let zone = fac_ix.get(dm.zone.as_str()).copied();
        match zone {
            None => ck.err(
                format!("{path}.zone"),
                format!("unknown facility {:?}", dm.zone),
            ),
            Some(z) if facilities[z].kind != CustomerZone => ck.err(
                format!("{path}.zone"),
                format!(
                    "{:?} is a {}, not a customer zone",
                    dm.zone,
                    facilities[z].kind.name()
                ),
            ),
            _ => {}
        }
        ck.nonneg(&format!("{path}.orders_per_day"), dm.orders_per_day);
        if dm.orders_per_day > 1e7 {
            ck.err(
                format!("{path}.orders_per_day"),
                "at most 10,000,000 orders per day per stream",
            );
        }
        match dm.distribution {
            Distribution::Normal { cv } => {
                ck.nonneg(&format!("{path}.distribution.cv"), cv);
            }
            Distribution::NegativeBinomial { dispersion } => {
                ck.pos(&format!("{path}.distribution.dispersion"), dispersion);
            }
            _ => {}
        }
        if dm.units_per_order == 0 || dm.units_per_order > 1000 {
            ck.err(format!("{path}.units_per_order"), "must be in 1..=1000");
        }
        ck.pattern(&format!("{path}.weekly"), &dm.weekly, 7);
        ck.pattern(&format!("{path}.hourly"), &dm.hourly, 24);
        if !dm.trend_per_year.is_finite() || !(-1.0..=100.0).contains(&dm.trend_per_year) {
            ck.err(format!("{path}.trend_per_year"), "must be in [-1, 100]");
        }
        ck.prob(
            &format!("{path}.multichannel_share"),
            dm.multichannel_share,
            false,
        );
        let mut events = Vec::new();
        for (k, e) in dm.events.iter().enumerate() {
            let p = format!("{path}.events[{k}]");
            let a = ck.nonneg(&format!("{p}.start_day"), e.start_day);
            let b = ck.pos(&format!("{p}.days"), e.days);
            let mut c = ck.nonneg(&format!("{p}.multiplier"), e.multiplier);
            if e.multiplier > 1000.0 {
                ck.err(format!("{p}.multiplier"), "must be at most 1000");
                c = false;
            }
            if a && b && c {
                let start = hours(e.start_day * 24.0);
                events.push((start, start + hours(e.days * 24.0), e.multiplier));
            }
        }
        // SKU mix.
        let weights: Option<Vec<f64>> = match &dm.sku_mix {
            SkuMix::Uniform => Some(vec![1.0; n_sku]),
            SkuMix::Zipf { s: ex } => {
                if ck.nonneg(&format!("{path}.sku_mix.s"), *ex) {
                    Some(
                        (1..=n_sku)
                            .map(|r| 1.0 / libm::pow(r as f64, *ex))
                            .collect(),
                    )
                } else {
                    None
                }
            }
            SkuMix::Shares { shares } => {
                let mut w = vec![0.0; n_sku];
                let mut ok = true;
                for (k, sh) in shares.iter().enumerate() {
                    match sku_ix.get(sh.sku.as_str()) {
                        None => {
                            ok = false;
                            ck.err(
                                format!("{path}.sku_mix.shares[{k}].sku"),
                                format!("unknown product {:?}", sh.sku),
                            );
                        }
                        Some(&j) => {
                            if ck.nonneg(&format!("{path}.sku_mix.shares[{k}].weight"), sh.weight) {
                                w[j] += sh.weight;
                            } else {
                                ok = false;
                            }
                        }
                    }
                }
                if ok && w.iter().sum::<f64>() <= 0.0 {
                    ck.err(
                        format!("{path}.sku_mix.shares"),
                        "weights must not all be 0",
                    );
                    ok = false;
                }
                ok.then_some(w)
            }
        };
        let (Some(z), Some(w)) = (zone, weights) else {
            continue;
        };
        if n_sku == 0 || w.iter().sum::<f64>() <= 0.0 {
            continue;
        }
        let table = match table_keys.iter().position(|k| *k == dm.sku_mix) {
            Some(t) => t,
            None => {
                table_keys.push(dm.sku_mix.clone());
                sku_tables.push(AliasTable::new(&w));
                sku_tables.len() - 1
            }
        };
        demand.push(DemandStream {
            zone: z,
            per_hour: dm.orders_per_day / 24.0,
            dist: dm.distribution,
            units_per_order: dm.units_per_order.max(1),
            sku_table: table,
            weekly: normalised::<7>(dm.weekly.as_deref()),
            hourly: normalised::<24>(dm.hourly.as_deref()),
            trend_per_s: dm.trend_per_year / (365.0 * DAY as f64),
            events,
            multichannel_share: dm.multichannel_share,
        });
    }

    // Graph and parcel routes.
    let mut parcel: DiGraph<u32, u32> = DiGraph::new();
    let pnodes: Vec<NodeIndex> = (0..facilities.len())
        .map(|i| parcel.add_node(i as u32))
        .collect();
    let mut lane_infos: Vec<LaneInfo> = Vec::with_capacity(lanes.len());
    for (_, li) in lanes {
        let ix = lane_infos.len();
        let fk = facilities[li.from].kind;
        let tk = facilities[li.to].kind;
        if matches!(fk, FulfillmentCenter | SortationCenter | DeliveryStation)
            && matches!(tk, SortationCenter | DeliveryStation | CustomerZone)
        {
            parcel.add_edge(pnodes[li.from], pnodes[li.to], ix as u32);
        }
        lane_infos.push(li);
    }
    let fcs: Vec<u32> = (0..facilities.len())
        .filter(|&i| facilities[i].kind == FulfillmentCenter)
        .map(|i| i as u32)
        .collect();
    let mut fc_slot = vec![None; facilities.len()];
    for (k, &f) in fcs.iter().enumerate() {
        fc_slot[f as usize] = Some(k as u32);
    }
    let mut routes: Vec<Vec<u32>> = Vec::new();
    let mut candidates: Vec<Vec<(u32, u32)>> = vec![Vec::new(); facilities.len()];
    let zones_with_demand: std::collections::BTreeSet<usize> =
        demand.iter().map(|d| d.zone).collect();
    for &z in &zones_with_demand {
        let zl = LatLon {
            lat: facilities[z].lat,
            lon: facilities[z].lon,
        };
        let mut cands: Vec<(f64, u32, u32)> = Vec::new();
        for &f in &fcs {
            // Cost of an edge: transit plus half the dispatch interval (expected wait).
            let found = petgraph::algo::astar(
                &parcel,
                pnodes[f as usize],
                |n| n == pnodes[z],
                |e| {
                    let li = &lane_infos[*e.weight() as usize];
                    li.transit_s + li.every_s.unwrap_or(0) / 2
                },
                |_| 0,
            );
            if let Some((cost, path)) = found {
                let mut route = Vec::new();
                for w in path.windows(2) {
                    // Choose the fastest parallel lane between consecutive nodes.
                    let best = parcel
                        .edges_connecting(w[0], w[1])
                        .map(|e| *e.weight())
                        .min_by_key(|&l| {
                            let li = &lane_infos[l as usize];
                            (li.transit_s + li.every_s.unwrap_or(0) / 2, l)
                        });
                    if let Some(b) = best {
                        route.push(b);
                    }
                }
                let fl = LatLon {
                    lat: facilities[f as usize].lat,
                    lon: facilities[f as usize].lon,
                };
                let key = match s.assignment {
                    AssignRule::NearestWithStock => haversine_km(fl, zl),
                    AssignRule::FastestWithStock => cost as f64,
                };
                routes.push(route);
                cands.push((key, f, (routes.len() - 1) as u32));
            }
        }
        cands.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        candidates[z] = cands.into_iter().map(|(_, f, r)| (f, r)).collect();
    }
    for (i, dm) in s.demand.iter().enumerate() {
        if let Some(&z) = fac_ix.get(dm.zone.as_str())
            && facilities[z].kind == CustomerZone
            && candidates[z].is_empty()
        {
            ck.err(
                format!("demand[{i}].zone"),
                format!(
                    "no route of lanes from any fulfillment center reaches {:?}",
                    dm.zone
                ),
            );
        }
    }

    // Expected demand per FC × SKU per period (planning prior for policies).
    let period_s = hours(s.period_hours).max(HOUR);
    let periods_per_hour = period_s as f64 / HOUR as f64;
    let nfc = fcs.len();
    let mut exp_mean = vec![0.0; nfc * n_sku.max(1)];
    let mut exp_var = vec![0.0; nfc * n_sku.max(1)];
    for d in &demand {
        let Some(&(f, _)) = candidates[d.zone].first() else {
            continue;
        };
        let slot = fc_slot[f as usize].unwrap_or(0) as usize;
        let table = &sku_tables[d.sku_table];
        let m = d.per_hour;
        let v = d.hourly_variance(m);
        let u = d.units_per_order as f64;
        let probs = table.probabilities();
        for (k, &p) in probs.iter().enumerate() {
            if p == 0.0 {
                continue;
            }
            exp_mean[slot * n_sku + k] += u * p * m * periods_per_hour;
            // Thinning a count with mean m, variance v by p.
            exp_var[slot * n_sku + k] += u * u * (p * p * v + p * (1.0 - p) * m) * periods_per_hour;
        }
    }

    // Policies.
    let mut policy_keys: BTreeMap<(usize, Option<usize>), usize> = BTreeMap::new();
    let mut raw: Vec<(usize, Option<usize>, usize, usize, &Policy)> = Vec::new();
    for (i, p) in s.policies.iter().enumerate() {
        let path = format!("policies[{i}]");
        let fc = fac_ix.get(p.facility.as_str()).copied();
        match fc {
            None => ck.err(
                format!("{path}.facility"),
                format!("unknown facility {:?}", p.facility),
            ),
            Some(f) if facilities[f].kind != FulfillmentCenter => ck.err(
                format!("{path}.facility"),
                format!(
                    "{:?} is a {}; only fulfillment centers hold stock",
                    p.facility,
                    facilities[f].kind.name()
                ),
            ),
            _ => {}
        }
        let sku = match &p.sku {
            None => Some(None),
            Some(id) => match sku_ix.get(id.as_str()) {
                Some(&k) => Some(Some(k)),
                None if products.iter().any(|pr| &pr.id == id) => {
                    Some(products.iter().position(|pr| &pr.id == id))
                }
                None => {
                    ck.err(format!("{path}.sku"), format!("unknown product {id:?}"));
                    None
                }
            },
        };
        let src = fac_ix.get(p.source.as_str()).copied();
        match src {
            None => ck.err(
                format!("{path}.source"),
                format!("unknown facility {:?}", p.source),
            ),
            Some(sf) => {
                let k = facilities[sf].kind;
                if !matches!(k, Supplier | Port | FulfillmentCenter) {
                    ck.err(
                        format!("{path}.source"),
                        format!("a {} cannot replenish stock", k.name()),
                    );
                } else if Some(sf) == fc {
                    ck.err(
                        format!("{path}.source"),
                        "a facility cannot replenish itself",
                    );
                }
            }
        }
        let lane = match (src, fc) {
            (Some(a), Some(b)) => {
                // Prefer the lowest-index lane source → fc.
                let l = lane_infos.iter().position(|l| l.from == a && l.to == b);
                if l.is_none() && a != b {
                    ck.err(
                        format!("{path}.source"),
                        format!("no lane from {:?} to {:?}", p.source, p.facility),
                    );
                }
                l
            }
            _ => None,
        };
        match p.rule {
            Rule::BaseStock { level, z } => {
                ck.opt_nonneg(&format!("{path}.rule.level"), level);
                if let Some(z) = z
                    && !(z.is_finite() && (-5.0..=5.0).contains(&z))
                {
                    ck.err(format!("{path}.rule.z"), "must be in [-5, 5]");
                }
            }
            Rule::SS { s: lo, big_s } => {
                ck.nonneg(&format!("{path}.rule.s"), lo);
                if ck.nonneg(&format!("{path}.rule.S"), big_s) && big_s <= lo {
                    ck.err(format!("{path}.rule.S"), "S must be greater than s");
                }
            }
            Rule::RQ { r, q } => {
                ck.nonneg(&format!("{path}.rule.r"), r);
                ck.pos(&format!("{path}.rule.q"), q);
            }
            Rule::Periodic {
                cover_periods,
                safety_stock,
                z,
            } => {
                ck.opt_pos(&format!("{path}.rule.cover_periods"), cover_periods);
                ck.nonneg(&format!("{path}.rule.safety_stock"), safety_stock);
                if let Some(z) = z
                    && !(z.is_finite() && (-5.0..=5.0).contains(&z))
                {
                    ck.err(format!("{path}.rule.z"), "must be in [-5, 5]");
                }
            }
            Rule::Jit { safety_factor } => {
                ck.nonneg(&format!("{path}.rule.safety_factor"), safety_factor);
            }
            Rule::Vmi { min_days, max_days } => {
                ck.nonneg(&format!("{path}.rule.min_days"), min_days);
                if ck.pos(&format!("{path}.rule.max_days"), max_days) && max_days < min_days {
                    ck.err(format!("{path}.rule.max_days"), "must be at least min_days");
                }
                if let Some(sf) = src
                    && !(facilities[sf].kind == Supplier && facilities[sf].vmi)
                {
                    ck.err(
                        format!("{path}.source"),
                        "a vmi policy needs a supplier with \"vmi\": true",
                    );
                }
            }
        }
        match p.forecast {
            Some(ForecastSpec::MovingAverage { periods }) if periods == 0 || periods > 520 => {
                ck.err(format!("{path}.forecast.periods"), "must be in 1..=520");
            }
            Some(ForecastSpec::ExpSmoothing { alpha })
                if !(alpha.is_finite() && alpha > 0.0 && alpha <= 1.0) =>
            {
                ck.err(format!("{path}.forecast.alpha"), "must be in (0, 1]");
            }
            _ => {}
        }
        if let Some(r) = p.review_hours
            && ck.pos(&format!("{path}.review_hours"), r)
            && r < 1.0
        {
            ck.err(format!("{path}.review_hours"), "must be at least 1 hour");
        }
        ck.nonneg(&format!("{path}.order_delay_hours"), p.order_delay_hours);
        ck.opt_nonneg(&format!("{path}.initial_stock"), p.initial_stock);
        ck.nonneg(
            &format!("{path}.initial_in_transit_per_period"),
            p.initial_in_transit_per_period,
        );
        if let (Some(f), Some(k)) = (fc, sku) {
            if policy_keys.insert((f, k), i).is_some() {
                ck.err(&path, "duplicate policy for this facility and SKU");
            }
            if let (Some(sf), Some(l)) = (src, lane) {
                raw.push((f, k, sf, l, p));
            }
        }
    }
    // FC → FC sourcing must not loop (a loop would never receive stock).
    let mut upstream: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &(f, _, sf, _, _) in &raw {
        if facilities[sf].kind == FulfillmentCenter {
            upstream.entry(f).or_default().push(sf);
        }
    }
    for (i, p) in s.policies.iter().enumerate() {
        let Some(&start) = fac_ix.get(p.facility.as_str()) else {
            continue;
        };
        let mut seen = vec![false; facilities.len()];
        let mut stack = vec![start];
        let mut cyc = false;
        while let Some(x) = stack.pop() {
            for &u in upstream.get(&x).map(|v| v.as_slice()).unwrap_or(&[]) {
                if u == start {
                    cyc = true;
                }
                if !seen[u] {
                    seen[u] = true;
                    stack.push(u);
                }
            }
        }
        if cyc {
            ck.err(
                format!("policies[{i}].source"),
                "replenishment sources form a loop",
            );
        }
    }
    // Levels beyond a billion units are typos, and would overflow stock counters.
    for (i, p) in s.policies.iter().enumerate() {
        let big = |x: f64| x > 1e9;
        let too_big = match p.rule {
            Rule::BaseStock { level, .. } => level.is_some_and(big),
            Rule::SS { s: lo, big_s } => big(lo) || big(big_s),
            Rule::RQ { r, q } => big(r) || big(q),
            Rule::Periodic {
                safety_stock,
                cover_periods,
                ..
            } => big(safety_stock) || cover_periods.is_some_and(|c| c > 1e4),
            Rule::Jit { safety_factor } => safety_factor > 100.0,
            Rule::Vmi { max_days, .. } => max_days > 3650.0,
        };
        if too_big {
            ck.err(
                format!("policies[{i}].rule"),
                "levels must be at most 1,000,000,000 units (and covers at most 10 years)",
            );
        }
        if p.initial_stock.is_some_and(|x| x > 1e9) || p.initial_in_transit_per_period > 1e9 {
            ck.err(
                format!("policies[{i}]"),
                "initial stock must be at most 1,000,000,000 units",
            );
        }
    }
    if !ck.problems.is_empty() {
        return Err(ck.problems);
    }

    // Expand policies to FC × SKU (a SKU-specific policy overrides the all-SKU one),
    // downstream FCs first so their expected demand flows to their sources.
    let mut chosen: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for (ri, &(f, k, _, _, _)) in raw.iter().enumerate() {
        match k {
            Some(k) => {
                chosen.insert((f, k), ri);
            }
            None => {
                for k in 0..n_sku {
                    if !policy_keys.contains_key(&(f, Some(k))) {
                        chosen.insert((f, k), ri);
                    }
                }
            }
        }
    }
    // Depth of each FC in the sourcing tree (0 = nobody sources from it).
    let mut depth = vec![0usize; facilities.len()];
    for _ in 0..facilities.len() {
        let mut changed = false;
        for &(f, _, sf, _, _) in &raw {
            if facilities[sf].kind == FulfillmentCenter && depth[sf] < depth[f] + 1 {
                depth[sf] = depth[f] + 1;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let mut order: Vec<(usize, usize)> = chosen.keys().copied().collect();
    order.sort_by_key(|&(f, k)| (depth[f], f, k));
    let mut policies = Vec::with_capacity(order.len());
    for (f, k) in order {
        let (_, _, sf, l, p) = raw[chosen[&(f, k)]];
        let slot = fc_slot[f].unwrap_or(0) as usize;
        let mean = exp_mean[slot * n_sku + k];
        let var = exp_var[slot * n_sku + k];
        let review_s = p.review_hours.map(hours).unwrap_or(period_s).max(HOUR);
        let src = &facilities[sf];
        let source_s = match src.kind {
            Supplier => src.lead_time_s,
            Port => src.vessel_interval_s / 2 + src.dwell_s,
            _ => 0,
        };
        let lead_time_s = hours(p.order_delay_hours) + source_s + lane_infos[l].transit_s;
        let r_periods = review_s as f64 / period_s as f64;
        let l_periods = lead_time_s as f64 / period_s as f64;
        let cover = l_periods + r_periods;
        let rule = match p.rule {
            Rule::BaseStock { level, z } => RuleInfo::BaseStock {
                level: level
                    .unwrap_or_else(|| mean * cover + z.unwrap_or(1.645) * libm::sqrt(var * cover)),
            },
            Rule::SS { s: lo, big_s } => RuleInfo::SS { s: lo, big_s },
            Rule::RQ { r, q } => RuleInfo::RQ { r, q },
            Rule::Periodic {
                cover_periods,
                safety_stock,
                z,
            } => RuleInfo::Periodic {
                cover: cover_periods.unwrap_or(cover),
                safety: safety_stock,
                z,
            },
            Rule::Jit { safety_factor } => RuleInfo::Jit {
                cover,
                safety_factor,
            },
            Rule::Vmi { min_days, max_days } => {
                let per_day = DAY as f64 / period_s as f64;
                RuleInfo::Vmi {
                    min_periods: min_days * per_day,
                    max_periods: max_days * per_day,
                }
            }
        };
        let target = match rule {
            RuleInfo::BaseStock { level } => level,
            RuleInfo::SS { big_s, .. } => big_s,
            RuleInfo::RQ { r, q } => r + q,
            RuleInfo::Periodic { cover, safety, z } => {
                mean * cover + z.map(|z| z * libm::sqrt(var * cover)).unwrap_or(safety)
            }
            RuleInfo::Jit {
                cover,
                safety_factor,
            } => mean * cover * (1.0 + safety_factor),
            RuleInfo::Vmi { max_periods, .. } => mean * max_periods,
        };
        let initial_stock = libm::round(p.initial_stock.unwrap_or(target).clamp(0.0, 1e9)) as u32;
        let initial_in_transit = libm::round(p.initial_in_transit_per_period.min(1e9)) as u32;
        // Upstream FCs see this FC's expected demand.
        if facilities[sf].kind == FulfillmentCenter
            && let Some(ss) = fc_slot[sf]
        {
            exp_mean[ss as usize * n_sku + k] += mean;
            exp_var[ss as usize * n_sku + k] += var;
        }
        policies.push(PolicyInfo {
            fc: f,
            sku: k,
            source: sf,
            lane: l,
            rule,
            forecast: p
                .forecast
                .unwrap_or(ForecastSpec::MovingAverage { periods: 4 }),
            review_s,
            order_delay_s: if matches!(p.rule, Rule::Vmi { .. }) {
                0
            } else {
                hours(p.order_delay_hours)
            },
            lead_time_s,
            initial_stock,
            initial_in_transit,
            expected_per_period: mean,
            variance_per_period: var,
        });
    }

    Ok(Network {
        name: s.name.clone(),
        period_s,
        warmup_s: hours(s.warmup_days.clamp(0.0, 36_500.0) * 24.0),
        default_days: s.days,
        stockout: s.stockout,
        assignment: s.assignment,
        wage_per_hour: s.wage_per_hour,
        facilities,
        lanes: lane_infos,
        products,
        demand,
        sku_tables,
        policies,
        routes,
        candidates,
        fc_slot,
        fcs,
    })
}
