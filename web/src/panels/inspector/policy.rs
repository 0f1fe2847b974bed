//! The inventory policy of an FC: one rule for every SKU policy there
//! (edited together), its parameters, and the forecast it orders from.

use super::fields::{choice_select, number_field, rule_pair};
use crate::labels::{forecast_label, key};
use crate::ui::Ui;
use leptos::prelude::*;
use supply_sim::scenario::{Rule, Scenario};

/// The rule every policy at this FC uses (they are edited together).
pub fn policy_editor(ui: Ui, id: &str) -> AnyView {
    let policies: Vec<_> = ui.sb.with_value(|s| {
        s.scenario
            .policies
            .iter()
            .filter(|p| p.facility == id)
            .cloned()
            .collect()
    });
    let Some(first) = policies.first().cloned() else {
        return view! { <p class="meta">"No inventory policy: this FC stocks nothing."</p> }
            .into_any();
    };
    let set_rule = {
        let id = id.to_owned();
        move |rule: Rule| {
            let id = id.clone();
            ui.edit(move |s: &mut Scenario| {
                for p in s.policies.iter_mut().filter(|p| p.facility == id) {
                    p.rule = rule;
                }
            })
        }
    };
    // Choosing a rule starts it at the sim's starter values.
    let current = key(&first.rule);
    let choose = choice_select(
        "Rule",
        "inspector-policy",
        Rule::starters().to_vec(),
        move |r| key(&r) == current,
        |r| r.title(),
        set_rule.clone(),
    );
    view! {
        <fieldset class="policy">
            <legend>{format!("Inventory policy ({} SKU rule(s), from {})", policies.len(), first.source)}</legend>
            {choose}
            {rule_params(set_rule, first.rule)}
            <p class="meta">{format!("{} · forecast: {}", first.rule.title(), forecast_label(first.forecast))}</p>
        </fieldset>
    }
    .into_any()
}

/// The fields of a rule's parameters; each change sets the whole rule.
fn rule_params(set: impl Fn(Rule) + Clone + 'static, rule: Rule) -> AnyView {
    match rule {
        Rule::BaseStock { z, .. } => number_field(
            "Safety factor z",
            "σ",
            z.or(Some(1.65)),
            "inspector-z",
            move |v| {
                set(Rule::BaseStock {
                    level: None,
                    z: Some(v),
                })
            },
        )
        .into_any(),
        Rule::Periodic {
            cover_periods,
            safety_stock,
            z,
        } => number_field("Safety factor z", "σ", z, "inspector-z", move |v| {
            set(Rule::Periodic {
                cover_periods,
                safety_stock,
                z: Some(v),
            })
        })
        .into_any(),
        Rule::Jit { safety_factor } => number_field(
            "Safety share",
            "of forecast",
            Some(safety_factor),
            "inspector-safety",
            move |v| set(Rule::Jit { safety_factor: v }),
        )
        .into_any(),
        Rule::SS { s, big_s } => rule_pair(
            set,
            [
                ("s (reorder at)", "inspector-s"),
                ("S (order up to)", "inspector-big-s"),
            ],
            "units",
            (s, big_s),
            |s, big_s| Rule::SS { s, big_s },
        ),
        Rule::RQ { r, q } => rule_pair(
            set,
            [
                ("R (reorder point)", "inspector-r"),
                ("Q (lot size)", "inspector-q"),
            ],
            "units",
            (r, q),
            |r, q| Rule::RQ { r, q },
        ),
        Rule::Vmi { min_days, max_days } => rule_pair(
            set,
            [
                ("Refill below", "inspector-min-days"),
                ("Refill up to", "inspector-max-days"),
            ],
            "days of cover",
            (min_days, max_days),
            |min_days, max_days| Rule::Vmi { min_days, max_days },
        ),
    }
}
