//! Countries and borders: customs on lanes between two countries.
//!
//! A facility may name its country. A lane whose two ends are in countries
//! the scenario's `borders` pair passes customs: each vehicle trip and each
//! replenishment shipment on it waits at the border (a gamma-distributed
//! time with the stated mean and standard deviation). A shipment pays a
//! broker's fee for its declaration; each parcel, being its own
//! consignment, pays a carrier's clearance fee. Shipments also pay import duty on their
//! goods' value; parcels are low-value consignments, which the UK charges
//! no customs duty on up to £135 (GOV.UK, "VAT and overseas goods sold
//! directly to customers in the UK"). Two countries with no entry have an
//! open border, as inside the EU single market.
//!
//! The FC choice plans with the mean wait and counts the fee per parcel.

use crate::network::{FacilityInfo, LaneInfo};
use crate::problem::Subject;
use crate::rng::Rng;
use crate::scenario::Scenario;
use crate::time::{HOUR, NEVER, SimTime};
use crate::validate::check::{At, Checker};

/// HMRC's estimate of what a customs declaration costs a business, GBP
/// (HMRC chief executive Jon Thompson to the Treasury Committee, 2018:
/// £32.50 a declaration).
pub const HMRC_COST_PER_DECLARATION: f64 = 32.5;

/// A carrier's fee to clear one import parcel, GBP: Parcelforce's
/// handling fee for parcels worth under £900 ("How are customs fees
/// calculated?", parcelforce.com, 2025).
pub const PARCELFORCE_CLEARANCE_FEE: f64 = 12.0;

/// Mean wait for a truck at the UK–EU border, hours: a truck with its
/// papers in order clears in 20 minutes to an hour (International Chamber
/// of Shipping, in The Loadstar, 2018), and queues of eight hours formed at
/// Dover in January 2021 (IRU, "Brexit chaos", 2021). Four hours, with a
/// spread as large, lies between.
pub const UK_EU_DELAY_HOURS: f64 = 4.0;

/// Longest mean wait a border may state, hours: a month.
const MAX_DELAY_HOURS: f64 = 720.0;

/// What crossing a lane's border takes: a wait and fees.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Customs {
    pub mean_s: f64,
    pub sd_s: f64,
    pub per_declaration: f64,
    pub per_parcel: f64,
    pub duty_rate: f64,
}

impl Customs {
    /// One wait at the border, seconds.
    pub fn wait(&self, rng: &mut Rng) -> SimTime {
        if self.sd_s <= 0.0 || self.mean_s <= 0.0 {
            return self.mean_s as SimTime;
        }
        let ratio = self.mean_s / self.sd_s;
        let drawn = crate::sample::gamma(rng, ratio * ratio, self.sd_s / ratio);
        libm::round(drawn.clamp(0.0, NEVER as f64 / 4.0)) as SimTime
    }
}

/// Check the borders and each facility's country, and give each lane
/// between two paired countries its customs.
pub(crate) fn build(
    s: &Scenario,
    facilities: &[FacilityInfo],
    lanes: &mut [LaneInfo],
    ck: &mut Checker,
) {
    for (i, f) in s.facilities.iter().enumerate() {
        if let Some(c) = &f.country
            && !is_code(c)
        {
            let at = At::new(Subject::Facility(i), f.name.clone());
            let msg = format!(
                "{c:?} is not a country code: use two or three capital letters, like GB or FR"
            );
            ck.err(&at, "country", msg);
        }
    }
    let mut pairs: Vec<(&str, &str, Customs)> = Vec::new();
    for (k, b) in s.borders.iter().enumerate() {
        let at = At::part(&format!("borders[{k}]"));
        let field = |name: &str| name.to_owned();
        let [a, c] = [b.countries[0].as_str(), b.countries[1].as_str()];
        if a == c || !is_code(a) || !is_code(c) {
            ck.err(
                &at,
                &field("countries"),
                "give two different country codes, like [\"GB\", \"FR\"]",
            );
        }
        if ck.nonneg(&at, &field("delay_hours"), b.delay_hours) && b.delay_hours > MAX_DELAY_HOURS {
            ck.err(
                &at,
                &field("delay_hours"),
                format!(
                    "must be at most {MAX_DELAY_HOURS} hours (a month), got {}",
                    b.delay_hours
                ),
            );
        }
        ck.nonneg(&at, &field("delay_sd_hours"), b.delay_sd_hours);
        ck.nonneg(&at, &field("cost_per_declaration"), b.cost_per_declaration);
        ck.nonneg(&at, &field("cost_per_parcel"), b.cost_per_parcel);
        ck.prob(&at, &field("duty_rate"), b.duty_rate, true);
        if pairs.iter().any(|(x, y, _)| same_pair((x, y), (a, c))) {
            ck.err(&at, &field("countries"), "this border is listed twice");
        }
        pairs.push((
            a,
            c,
            Customs {
                mean_s: b.delay_hours.clamp(0.0, MAX_DELAY_HOURS) * HOUR as f64,
                sd_s: b.delay_sd_hours.clamp(0.0, MAX_DELAY_HOURS) * HOUR as f64,
                per_declaration: b.cost_per_declaration.max(0.0),
                per_parcel: b.cost_per_parcel.max(0.0),
                duty_rate: b.duty_rate.clamp(0.0, 1.0),
            },
        ));
    }
    for li in lanes.iter_mut() {
        let (a, c) = (&facilities[li.from].country, &facilities[li.to].country);
        if a.is_empty() || c.is_empty() || a == c {
            continue;
        }
        li.customs = pairs
            .iter()
            .find(|(x, y, _)| same_pair((x, y), (a, c)))
            .map(|p| p.2);
    }
}

fn same_pair(p: (&str, &str), q: (&str, &str)) -> bool {
    p == q || (p.0, p.1) == (q.1, q.0)
}

/// Two or three capital letters.
fn is_code(c: &str) -> bool {
    (2..=3).contains(&c.len()) && c.bytes().all(|b| b.is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_have_the_stated_mean_and_spread() {
        let c = Customs {
            mean_s: 4.0 * HOUR as f64,
            sd_s: 4.0 * HOUR as f64,
            per_declaration: 0.0,
            per_parcel: 0.0,
            duty_rate: 0.0,
        };
        let mut rng = Rng::new(7);
        let n = 20_000;
        let w: Vec<f64> = (0..n)
            .map(|_| c.wait(&mut rng) as f64 / HOUR as f64)
            .collect();
        let mean = w.iter().sum::<f64>() / n as f64;
        let var = w.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / n as f64;
        assert!((mean - 4.0).abs() < 0.1, "mean {mean}");
        assert!((var.sqrt() - 4.0).abs() < 0.2, "sd {}", var.sqrt());
        let fixed = Customs { sd_s: 0.0, ..c };
        assert_eq!(fixed.wait(&mut rng), 4 * HOUR);
    }

    #[test]
    fn country_codes() {
        assert!(is_code("GB") && is_code("FRA"));
        assert!(!is_code("gb") && !is_code("") && !is_code("Britain"));
        assert!(same_pair(("GB", "FR"), ("FR", "GB")));
    }
}
