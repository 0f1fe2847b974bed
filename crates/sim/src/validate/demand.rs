//! Demand streams: the zone, the order-count distribution, patterns,
//! trend, events and the SKU mix (one alias table per distinct mix).

use super::check::{At, Checker};
use super::index::Index;
use crate::defaults::{MAX_EVENT_MULTIPLIER, MAX_ORDERS_PER_DAY, MAX_UNITS_PER_ORDER};
use crate::demand::{AliasTable, DemandStream, normalised};
use crate::network::FacilityInfo;
use crate::problem::Subject;
use crate::scenario::{Demand, Distribution, FacilityKind, Scenario, SkuMix};
use crate::time::{DAY, hours};

const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Compiled streams and the alias tables they draw SKUs from.
pub(super) struct Streams {
    pub demand: Vec<DemandStream>,
    pub sku_tables: Vec<AliasTable>,
}

pub(super) fn build(
    s: &Scenario,
    ix: &Index,
    facilities: &[FacilityInfo],
    seller: &[bool],
    ck: &mut Checker,
) -> Streams {
    let n_sku = seller.len();
    let mut out = Streams {
        demand: Vec::new(),
        sku_tables: Vec::new(),
    };
    let mut table_keys: Vec<(&SkuMix, bool)> = Vec::new();
    for (i, dm) in s.demand.iter().enumerate() {
        let at = At::new(Subject::Demand(i), ix.name(&dm.zone));
        let zone = zone(ck, &at, ix, facilities, dm);
        check_numbers(ck, &at, dm);
        let events = events(ck, &at, dm);
        let weights = sku_weights(ck, &at, ix, n_sku, &dm.sku_mix);
        let (Some(z), Some(w)) = (zone, weights) else {
            continue;
        };
        if n_sku == 0 || w.iter().sum::<f64>() <= 0.0 {
            continue;
        }
        let mut table = |sellers_only: bool, w: &[f64]| {
            let key = (&dm.sku_mix, sellers_only);
            match table_keys.iter().position(|k| *k == key) {
                Some(t) => t,
                None => {
                    table_keys.push(key);
                    out.sku_tables.push(AliasTable::new(w));
                    out.sku_tables.len() - 1
                }
            }
        };
        let sku_table = table(false, &w);
        let sellers: Vec<f64> = w
            .iter()
            .zip(seller)
            .map(|(&x, &s)| if s { x } else { 0.0 })
            .collect();
        let seller_table = (sellers.iter().sum::<f64>() > 0.0).then(|| table(true, &sellers));
        out.demand.push(DemandStream {
            zone: z,
            per_hour: dm.orders_per_day * s.scale / 24.0,
            dist: dm.distribution,
            units_per_order: dm.units_per_order.max(1),
            sku_table,
            seller_table,
            weekly: normalised::<7>(dm.weekly.as_deref()),
            hourly: normalised::<24>(dm.hourly.as_deref()),
            trend_per_s: dm.trend_per_year / (365.0 * DAY as f64),
            events,
            multichannel_share: dm.multichannel_share,
        });
    }
    out
}

fn zone(
    ck: &mut Checker,
    at: &At,
    ix: &Index,
    facilities: &[FacilityInfo],
    dm: &Demand,
) -> Option<usize> {
    let zone = ix.facility(&dm.zone);
    match zone {
        None => ck.err(at, "zone", format!("unknown facility {:?}", dm.zone)),
        Some(z) if facilities[z].kind != FacilityKind::CustomerZone => {
            let kind = facilities[z].kind.name();
            ck.err(
                at,
                "zone",
                format!("{:?} is a {kind}, not a customer zone", dm.zone),
            );
        }
        _ => {}
    }
    zone
}

fn check_numbers(ck: &mut Checker, at: &At, dm: &Demand) {
    ck.nonneg(at, "orders_per_day", dm.orders_per_day);
    if dm.orders_per_day > MAX_ORDERS_PER_DAY {
        ck.err(
            at,
            "orders_per_day",
            "at most 10,000,000 orders per day per stream",
        );
    }
    match dm.distribution {
        Distribution::Normal { cv } => {
            ck.nonneg(at, "distribution.cv", cv);
        }
        Distribution::NegativeBinomial { dispersion } => {
            ck.pos(at, "distribution.dispersion", dispersion);
        }
        _ => {}
    }
    if dm.units_per_order == 0 || dm.units_per_order > MAX_UNITS_PER_ORDER {
        ck.err(
            at,
            "units_per_order",
            format!("must be in 1..={MAX_UNITS_PER_ORDER}"),
        );
    }
    ck.weights(at, "weekly", &dm.weekly, 7, |k| WEEKDAYS[k].to_owned());
    ck.weights(at, "hourly", &dm.hourly, 24, |k| format!("hour {k}"));
    if !dm.trend_per_year.is_finite() || !(-1.0..=100.0).contains(&dm.trend_per_year) {
        ck.err(at, "trend_per_year", "must be in [-1, 100]");
    }
    ck.prob(at, "multichannel_share", dm.multichannel_share, false);
}

/// Peak events as (start, end, multiplier), seconds.
fn events(ck: &mut Checker, at: &At, dm: &Demand) -> Vec<(u64, u64, f64)> {
    let mut out = Vec::new();
    for (k, e) in dm.events.iter().enumerate() {
        let f = |name: &str| format!("events[{k}].{name}");
        let a = ck.nonneg(at, &f("start_day"), e.start_day);
        let b = ck.pos(at, &f("days"), e.days);
        let mut c = ck.nonneg(at, &f("multiplier"), e.multiplier);
        if e.multiplier > MAX_EVENT_MULTIPLIER {
            ck.err(
                at,
                &f("multiplier"),
                format!("must be at most {MAX_EVENT_MULTIPLIER}"),
            );
            c = false;
        }
        if a && b && c {
            let start = hours(e.start_day * 24.0);
            out.push((start, start + hours(e.days * 24.0), e.multiplier));
        }
    }
    out
}

/// Weight of each SKU in the mix (`None` if the mix is invalid).
fn sku_weights(
    ck: &mut Checker,
    at: &At,
    ix: &Index,
    n_sku: usize,
    mix: &SkuMix,
) -> Option<Vec<f64>> {
    match mix {
        SkuMix::Uniform => Some(vec![1.0; n_sku]),
        SkuMix::Zipf { s: ex } => ck.nonneg(at, "sku_mix.s", *ex).then(|| {
            (1..=n_sku)
                .map(|r| 1.0 / libm::pow(r as f64, *ex))
                .collect()
        }),
        SkuMix::Shares { shares } => {
            let mut w = vec![0.0; n_sku];
            let mut ok = true;
            for (k, sh) in shares.iter().enumerate() {
                match ix.product(&sh.sku) {
                    None => {
                        ok = false;
                        let msg = format!("unknown product {:?}", sh.sku);
                        ck.err(at, &format!("sku_mix.shares[{k}].sku"), msg);
                    }
                    Some(j) => {
                        if ck.nonneg(at, &format!("sku_mix.shares[{k}].weight"), sh.weight) {
                            w[j] += sh.weight;
                        } else {
                            ok = false;
                        }
                    }
                }
            }
            if ok && w.iter().sum::<f64>() <= 0.0 {
                ck.err(at, "sku_mix.shares", "weights must not all be 0");
                ok = false;
            }
            ok.then_some(w)
        }
    }
}
