//! The FC choice, shown with nothing selected: the order candidates are
//! tried in, and the weights that pick among those that can meet the
//! promise (hours to delivery, transport £, kg CO2e).

use super::fields::{choice_select, number_field};
use crate::labels::{ASSIGN_RULES, assign_label};
use crate::ui::use_ui;
use leptos::prelude::*;
use supply_sim::scenario::AssignWeights;

#[component]
pub fn FulfilmentPanel() -> impl IntoView {
    let ui = use_ui();
    let (rule, w) = ui
        .sb
        .with_value(|s| (s.scenario.assignment, s.scenario.assignment_weights));
    let set_weights = move |f: fn(&mut AssignWeights, f64), v: f64| {
        ui.edit(|s| f(&mut s.assignment_weights, v.max(0.0)));
    };
    view! {
        <fieldset class="fulfilment" data-testid="fulfilment">
            <legend>"Which FC serves an order"</legend>
            {choice_select("Try", "assignment-rule", ASSIGN_RULES.to_vec(), move |r| r == rule, assign_label,
                move |r| ui.edit(|s| s.assignment = r))}
            <p class="hint">"An FC is chosen only if it can still meet the promise (stock, pick queue, route). Among those, weights pick the cheapest by: "</p>
            {number_field("per hour", "to delivery", Some(w.hours), "weight-hours", move |v| set_weights(|w, v| w.hours = v, v))}
            {number_field("per £", "transport", Some(w.gbp), "weight-gbp", move |v| set_weights(|w, v| w.gbp = v, v))}
            {number_field("per kg", "CO2e", Some(w.co2e_kg), "weight-co2e", move |v| set_weights(|w, v| w.co2e_kg = v, v))}
            <p class="hint">"All zero: the first that can meet the promise, in the order above."</p>
        </fieldset>
    }
}
