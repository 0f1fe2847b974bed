//! Products: the listed SKUs and the generated catalogue, one builder for both.

use super::check::{At, Checker};
use crate::defaults::MAX_CATALOG_SKUS;
use crate::network::ProductInfo;
use crate::problem::Subject;
use crate::scenario::{Product, ProductCatalog, Scenario};
use crate::time::DAY;
use std::collections::BTreeSet;

/// The numbers a product and a catalogue share.
struct Numbers {
    weight_kg: f64,
    volume_m3: f64,
    value: f64,
    holding_rate: f64,
    backorder_cost_per_unit_day: f64,
    lost_sale_cost: f64,
    seller: bool,
}

impl From<&Product> for Numbers {
    fn from(p: &Product) -> Numbers {
        Numbers {
            weight_kg: p.weight_kg,
            volume_m3: p.volume_m3,
            value: p.value,
            holding_rate: p.holding_rate,
            backorder_cost_per_unit_day: p.backorder_cost_per_unit_day,
            lost_sale_cost: p.lost_sale_cost,
            seller: p.seller,
        }
    }
}

impl From<&ProductCatalog> for Numbers {
    fn from(c: &ProductCatalog) -> Numbers {
        Numbers {
            weight_kg: c.weight_kg,
            volume_m3: c.volume_m3,
            value: c.value,
            holding_rate: c.holding_rate,
            backorder_cost_per_unit_day: c.backorder_cost_per_unit_day,
            lost_sale_cost: c.lost_sale_cost,
            seller: c.seller,
        }
    }
}

impl Numbers {
    fn check(&self, ck: &mut Checker, at: &At) {
        ck.pos(at, "weight_kg", self.weight_kg);
        ck.pos(at, "volume_m3", self.volume_m3);
        ck.nonneg(at, "value", self.value);
        ck.nonneg(at, "holding_rate", self.holding_rate);
        ck.nonneg(
            at,
            "backorder_cost_per_unit_day",
            self.backorder_cost_per_unit_day,
        );
        ck.nonneg(at, "lost_sale_cost", self.lost_sale_cost);
    }

    fn info(&self, id: String) -> ProductInfo {
        let year_s = 365.0 * DAY as f64;
        ProductInfo {
            id,
            weight_kg: self.weight_kg,
            volume_m3: self.volume_m3,
            value: self.value,
            holding_per_unit_s: self.value * self.holding_rate / year_s,
            backorder_per_unit_s: self.backorder_cost_per_unit_day / DAY as f64,
            lost_sale_cost: self.lost_sale_cost,
            seller: self.seller,
            storage_fee_per_unit_s: 0.0,
        }
    }
}

/// Every product: the listed ones, then the catalogue's.
pub(super) fn build(s: &Scenario, ck: &mut Checker) -> Vec<ProductInfo> {
    let mut products = Vec::new();
    let mut seen = BTreeSet::new();
    for (i, p) in s.products.iter().enumerate() {
        let at = At::new(Subject::Product(i), p.id.clone());
        if p.id.is_empty() {
            ck.err(&at, "id", "must not be empty");
        } else if !seen.insert(p.id.as_str()) {
            ck.err(&at, "id", format!("duplicate product id {:?}", p.id));
        }
        let n = Numbers::from(p);
        n.check(ck, &at);
        products.push(n.info(p.id.clone()));
    }
    if let Some(c) = &s.product_catalog {
        let at = At::part("product_catalog");
        if c.count == 0 || c.count > MAX_CATALOG_SKUS {
            ck.err(
                &at,
                "count",
                format!("must be in 1..={MAX_CATALOG_SKUS}, got {}", c.count),
            );
        }
        let n = Numbers::from(c);
        n.check(ck, &at);
        if c.count <= MAX_CATALOG_SKUS {
            products.extend((0..c.count).map(|k| n.info(format!("{}{:05}", c.prefix, k + 1))));
        }
    }
    if products.is_empty() && !s.demand.is_empty() {
        ck.err(
            &At::part("products"),
            "",
            "demand needs at least one product (products or product_catalog)",
        );
    }
    products
}
