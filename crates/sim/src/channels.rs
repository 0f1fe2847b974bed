//! Sales channels and seller services: which channel an order comes from,
//! its promise, the fees sellers pay, and whose parcels board first.
//!
//! An order for our own stock placed on our site is own retail; one for a
//! marketplace seller's stock (stored in our FCs) is a marketplace order;
//! one from another sales channel is multi-channel fulfilment. Sellers pay
//! a fee per unit we ship of their stock and a storage fee for the volume
//! it takes on our shelves: the managed service's revenue. When a lane's
//! vehicles cannot take every ready parcel, the priority rule says whose
//! board first (the rest wait for the next departure).

use crate::scenario::{ChannelPriority, Channels, Promise};
use crate::time::DAY;
use crate::validate::check::{At, Checker};

/// Own retail: our stock, ordered on our site.
pub const OWN: u8 = 0;
/// A marketplace seller's stock, ordered on our site.
pub const MARKETPLACE: u8 = 1;
/// An order from another sales channel.
pub const MULTICHANNEL: u8 = 2;
/// How many channels there are.
pub const COUNT: usize = 3;
/// How many priority ranks a dock keeps apart.
pub const RANKS: usize = 2;

/// Fee for a small parcel (up to 1.9 kg) shipped by Fulfilment by Amazon in
/// the UK from 1 February 2025, GBP per unit (FBA Navigator Academy,
/// "Understanding the real Amazon FBA cost in the UK (2025)", May 2025).
pub const FBA_SMALL_PARCEL_FEE_GBP: f64 = 3.00;

/// FBA UK monthly storage fee for standard-size units, January to
/// September 2025: £0.75 per cubic foot (same source), in GBP per m³.
pub const FBA_STORAGE_GBP_PER_M3_MONTH: f64 = 0.75 / 0.028_316_846_592;

/// Average month, seconds (365.25 / 12 days).
const MONTH_S: f64 = 365.25 / 12.0 * DAY as f64;

/// Storage fees above this are warned: more than ten times FBA's Q4 peak
/// rate (£2.40 per cubic foot, about £85 per m³, same source).
const ABSURD_STORAGE_GBP_PER_M3_MONTH: f64 = 850.0;

/// Per-unit fees above this are warned (a hundred times the FBA fee).
const ABSURD_FEE_PER_UNIT_GBP: f64 = 300.0;

/// The compiled channel rules.
#[derive(Clone, Debug, PartialEq)]
pub struct ChannelsInfo {
    /// The scenario's priority rule (`None`: it sets no channel rules).
    pub priority: Option<ChannelPriority>,
    /// Each channel's boarding rank (0 boards first).
    pub rank: [u8; COUNT],
    pub multichannel_promise: Option<Promise>,
    /// Fee per unit shipped of a seller's stock, by channel, GBP.
    pub fee_per_unit: [f64; COUNT],
    /// Storage fee, GBP per m³ per second on the shelf.
    pub storage_per_m3_s: f64,
}

impl Default for ChannelsInfo {
    fn default() -> Self {
        ChannelsInfo {
            priority: None,
            rank: [0; COUNT],
            multichannel_promise: None,
            fee_per_unit: [0.0; COUNT],
            storage_per_m3_s: 0.0,
        }
    }
}

impl ChannelsInfo {
    /// The fee for `units` of a product shipped for an order of `channel`:
    /// only a seller's stock earns fees.
    pub fn fee(&self, seller: bool, channel: u8, units: u32) -> f64 {
        if seller {
            self.fee_per_unit[channel as usize] * units as f64
        } else {
            0.0
        }
    }
}

/// Each channel's boarding rank under a priority rule.
pub fn ranks(rule: ChannelPriority) -> [u8; COUNT] {
    match rule {
        ChannelPriority::FirstCome => [0, 0, 0],
        ChannelPriority::SiteFirst => [0, 0, 1],
        ChannelPriority::MultichannelFirst => [1, 1, 0],
    }
}

/// Check and compile the scenario's channel rules.
pub(crate) fn build(c: &Channels, ck: &mut Checker) -> ChannelsInfo {
    let at = At::part("channels");
    ck.nonneg(&at, "fulfilment_fee_per_unit", c.fulfilment_fee_per_unit);
    ck.nonneg(&at, "storage_fee_per_m3_month", c.storage_fee_per_m3_month);
    let mcf = c
        .multichannel_fee_per_unit
        .unwrap_or(c.fulfilment_fee_per_unit);
    if let Some(f) = c.multichannel_fee_per_unit {
        ck.nonneg(&at, "multichannel_fee_per_unit", f);
    }
    ChannelsInfo {
        priority: Some(c.priority),
        rank: ranks(c.priority),
        multichannel_promise: c.multichannel_promise,
        fee_per_unit: [0.0, c.fulfilment_fee_per_unit, mcf],
        storage_per_m3_s: c.storage_fee_per_m3_month / MONTH_S,
    }
}

/// Warn of valid but absurd channel rules.
pub(crate) fn warn_absurd(c: &Channels, ck: &mut Checker) {
    let at = At::part("channels");
    if c.storage_fee_per_m3_month > ABSURD_STORAGE_GBP_PER_M3_MONTH {
        let msg = format!(
            "£{} per m³ a month is over ten times FBA's peak storage rate (about £85)",
            c.storage_fee_per_m3_month
        );
        ck.err(&at, "storage_fee_per_m3_month", msg);
    }
    let fees = [
        ("fulfilment_fee_per_unit", Some(c.fulfilment_fee_per_unit)),
        ("multichannel_fee_per_unit", c.multichannel_fee_per_unit),
    ];
    for (field, fee) in fees {
        if let Some(f) = fee.filter(|f| *f > ABSURD_FEE_PER_UNIT_GBP) {
            let msg = format!("£{f} a unit is a hundred times FBA's £3.00 small-parcel fee");
            ck.err(&at, field, msg);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_sellers_stock_earns_fees_and_mcf_defaults_to_the_fulfilment_fee() {
        let c = Channels {
            fulfilment_fee_per_unit: 3.0,
            storage_fee_per_m3_month: 26.0,
            ..Channels::default()
        };
        let info = build(&c, &mut Checker::default());
        assert_eq!(info.fee(true, MARKETPLACE, 2), 6.0);
        assert_eq!(info.fee(true, MULTICHANNEL, 1), 3.0);
        assert_eq!(info.fee(false, MULTICHANNEL, 5), 0.0);
        assert_eq!(info.fee(true, OWN, 5), 0.0);
        let month = info.storage_per_m3_s * MONTH_S;
        assert!((month - 26.0).abs() < 1e-9);
    }

    #[test]
    fn fba_storage_rate_is_about_26_pounds_per_cubic_metre() {
        assert!((26.0..27.0).contains(&FBA_STORAGE_GBP_PER_M3_MONTH));
    }

    #[test]
    fn negative_fees_are_problems_and_huge_ones_warnings() {
        let mut ck = Checker::default();
        let c = Channels {
            fulfilment_fee_per_unit: -1.0,
            multichannel_fee_per_unit: Some(500.0),
            ..Channels::default()
        };
        build(&c, &mut ck);
        assert_eq!(ck.problems.len(), 1);
        assert!(
            ck.problems[0]
                .to_string()
                .contains("fulfilment_fee_per_unit")
        );
        let mut warn = Checker::default();
        warn_absurd(&c, &mut warn);
        assert_eq!(warn.problems.len(), 1);
        assert_eq!(warn.problems[0].field, "multichannel_fee_per_unit");
    }
}
