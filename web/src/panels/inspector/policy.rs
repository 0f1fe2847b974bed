//! The inventory policy of an FC: one rule for every SKU policy there
//! (edited together), its parameters, and the forecast it orders from.

use super::fields::{number_field, rule_pair};
use crate::edit::rule_label;
use crate::ui::Ui;
use leptos::prelude::*;
use supply_sim::scenario::{ForecastSpec, Rule, Scenario};

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
    let choose = {
        let set_rule = set_rule.clone();
        move |ev| set_rule(default_rule(&event_target_value(&ev)))
    };
    let key = match first.rule {
        Rule::BaseStock { .. } => "base_stock",
        Rule::SS { .. } => "s_S",
        Rule::RQ { .. } => "r_q",
        Rule::Periodic { .. } => "periodic",
        Rule::Jit { .. } => "jit",
        Rule::Vmi { .. } => "vmi",
    };
    let options = [
        ("base_stock", "Base-stock (order-up-to)"),
        ("s_S", "(s, S)"),
        ("r_q", "(R, Q)"),
        ("periodic", "Periodic review"),
        ("jit", "JIT"),
        ("vmi", "Vendor-managed"),
    ];
    view! {
        <fieldset class="policy">
            <legend>{format!("Inventory policy ({} SKU rule(s), from {})", policies.len(), first.source)}</legend>
            <label class="field row">
                <span>"Rule"</span>
                <select data-testid="inspector-policy" on:change=choose>
                    {options.iter().map(|(v, l)| view! { <option value=*v selected=*v == key>{*l}</option> }).collect_view()}
                </select>
            </label>
            {rule_params(set_rule, first.rule)}
            <p class="meta">{format!("{} · forecast: {}", rule_label(&first.rule), forecast_text(first.forecast))}</p>
        </fieldset>
    }
    .into_any()
}

/// The rule a person gets on choosing it from the list.
fn default_rule(key: &str) -> Rule {
    match key {
        "base_stock" => Rule::BaseStock {
            level: None,
            z: Some(1.65),
        },
        "s_S" => Rule::SS {
            s: 200.0,
            big_s: 800.0,
        },
        "r_q" => Rule::RQ { r: 200.0, q: 400.0 },
        "periodic" => Rule::Periodic {
            cover_periods: None,
            safety_stock: 0.0,
            z: Some(1.65),
        },
        "vmi" => Rule::Vmi {
            min_days: 3.0,
            max_days: 10.0,
        },
        _ => Rule::Jit { safety_factor: 0.1 },
    }
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

fn forecast_text(forecast: Option<ForecastSpec>) -> String {
    match forecast {
        Some(ForecastSpec::MovingAverage { periods }) => {
            format!("moving average over {periods} periods")
        }
        Some(ForecastSpec::ExpSmoothing { alpha }) => format!("exponential smoothing, α = {alpha}"),
        None => "expected demand".into(),
    }
}
