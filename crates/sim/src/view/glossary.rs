//! The KPI glossary: what each headline figure means, its unit and its
//! formula. One source for the report's documentation (`GLOSSARY.md`,
//! written by `supply-cli glossary`), the CLI and the page's tooltips.
//!
//! Every figure is defined so that it cannot flatter: an order past its
//! promise is late whether or not it has been delivered, and a figure with
//! too little behind it is withheld with the reason.

/// One KPI.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Term {
    /// The field in [`crate::Kpis`] (and the report section it appears in).
    pub key: &'static str,
    pub name: &'static str,
    pub unit: &'static str,
    pub definition: &'static str,
    pub formula: &'static str,
}

/// Every headline KPI, in the order the page shows them.
pub const TERMS: [Term; 11] = [
    Term {
        key: "orders_placed",
        name: "Orders",
        unit: "orders",
        definition: "Customer orders placed so far, from every sales channel.",
        formula: "count of orders placed",
    },
    Term {
        key: "orders_delivered",
        name: "Delivered",
        unit: "orders",
        definition: "Orders that have reached their customer.",
        formula: "count of orders delivered",
    },
    Term {
        key: "on_time_rate",
        name: "On time",
        unit: "% of decided orders",
        definition: "Share of decided orders delivered by their promise. An order is decided once it is delivered, lost, or its promise has passed undelivered: an open order past its promise counts as late at once, so a backlog cannot hide. Same-day orders placed before 14:00 are due by midnight; next-day by the next midnight; two-day by the one after.",
        formula: "delivered on time / (delivered + overdue open + lost)",
    },
    Term {
        key: "fill_rate",
        name: "Fill rate",
        unit: "% of units",
        definition: "Share of the units customers ordered that their FC had on its shelves when the order arrived (unit fill rate). It says nothing of delivery: on-time does that.",
        formula: "units served from stock at order time / units ordered",
    },
    Term {
        key: "mean_lead_time_h",
        name: "Delivery time",
        unit: "hours",
        definition: "Mean time from order to delivery over decided orders. Overdue open orders count at their age so far, so while any are open the figure is a lower bound rather than an average of the fast ones only.",
        formula: "(Σ lead time of delivered + Σ age of overdue open) / (delivered + overdue open)",
    },
    Term {
        key: "cost_per_package",
        name: "Cost / package",
        unit: "£ per delivered order",
        definition: "Total cost so far (transport, handling, labour, facilities' fixed costs, holding, backorders, lost sales) over the orders delivered. Withheld until half the orders placed are delivered: before that, start-up costs over a handful of parcels give absurd figures.",
        formula: "total cost / delivered, once delivered ≥ 50 % of placed",
    },
    Term {
        key: "co2e_g_per_package",
        name: "CO₂e / package",
        unit: "g CO₂e per delivered order",
        definition: "Transport emissions so far (linehaul, replenishment and last mile, DESNZ 2024 factors) over the orders delivered; withheld like cost per package.",
        formula: "1000 × kg CO₂e / delivered, once delivered ≥ 50 % of placed",
    },
    Term {
        key: "on_hand",
        name: "On hand",
        unit: "units",
        definition: "Units on FC shelves, plus units picked and waiting for a vehicle at an FC.",
        formula: "stock + picked at FCs",
    },
    Term {
        key: "net_zero_share",
        name: "Zero-emission legs",
        unit: "% of parcel legs",
        definition: "Share of parcel legs (one parcel on one lane) carried by modes with no tailpipe emissions: electric vans and HGVs, electric rail, cargo bikes, drones.",
        formula: "zero-emission parcel legs / parcel legs",
    },
    Term {
        key: "shipment_zero_share",
        name: "Shipment Zero",
        unit: "% of delivered orders",
        definition: "Share of delivered orders that were net-zero shipments: every leg ran on a zero-emission mode, the replenishment that brought their stock to the FC included (stock is picked oldest first; a port's stock came by sea, which is not net-zero). Lower than the leg share whenever any leg, inbound included, burns fuel.",
        formula: "delivered orders with every leg zero-emission / delivered orders",
    },
    Term {
        key: "labour_hours",
        name: "Staff hours",
        unit: "hours",
        definition: "Warehouse head-hours paid so far: the heads rostered on each shift at FCs, sortation centers and delivery stations, busy or idle, present or absent. Heads are the capacity: each handles 1 / (labour hours per unit) units an hour.",
        formula: "Σ facilities Σ shifts rostered heads × hours worked since the warm-up",
    },
];

/// The term for a KPI key.
pub fn term(key: &str) -> Option<&'static Term> {
    TERMS.iter().find(|t| t.key == key)
}

/// The glossary as Markdown (`GLOSSARY.md`).
pub fn markdown() -> String {
    let mut out = String::from(
        "# KPI glossary\n\nWhat each headline figure of Supply Sandbox means. Written by \
         `cargo run -p supply-cli -- glossary` from `crates/sim/src/view/glossary.rs`, \
         which the report and the page's tooltips also use; a test keeps this file equal \
         to it.\n\nEvery figure counts from the end of the scenario's warm-up \
         (`warmup_days`; the report's `measured_from_day`), or from the start if it has none. \
         The unit balance (`conservation`) and the period series cover the whole run.\n\n| KPI | unit | definition | formula |\n|---|---|---|---|\n",
    );
    for t in TERMS {
        out += &format!(
            "| {} (`{}`) | {} | {} | {} |\n",
            t.name, t.key, t.unit, t.definition, t.formula
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_term_names_a_live_kpi() {
        let kpis = serde_json::to_value(crate::Kpis::default()).unwrap();
        for t in TERMS {
            assert!(kpis.get(t.key).is_some(), "{} is not a KPI field", t.key);
        }
        assert_eq!(term("fill_rate").map(|t| t.name), Some("Fill rate"));
    }
}
