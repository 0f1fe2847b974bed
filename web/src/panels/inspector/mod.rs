//! The inspector: parameters of the selected facility, lane or vehicle,
//! edited in place, with the scenario's validation problems shown above
//! them. With nothing selected it shows the demand panel.

mod facility;
mod fields;
mod lane;
mod policy;
mod vehicle;

use super::demand::DemandPanel;
use crate::map::Selection;
use crate::ui::use_ui;
use leptos::prelude::*;

#[component]
pub fn Inspector() -> impl IntoView {
    let ui = use_ui();
    let body = move || {
        ui.rev.get();
        match ui.selected.get() {
            Some(Selection::Facility(id)) => facility::facility_view(ui, id).into_any(),
            Some(Selection::Lane(i)) => lane::lane_view(ui, i).into_any(),
            Some(Selection::Vehicle { lane, depart }) => {
                vehicle::vehicle_view(ui, lane, depart).into_any()
            }
            None => view! { <DemandPanel /> }.into_any(),
        }
    };
    view! {
        <section class="inspector" data-testid="inspector">
            {move || problems(ui)}
            {body}
        </section>
    }
}

/// Every problem in the scenario, while there are any.
fn problems(ui: crate::ui::Ui) -> Option<impl IntoView> {
    ui.rev.get();
    ui.sb.with_value(|s| {
        (!s.problems.is_empty()).then(|| {
            view! {
                <div class="problems" data-testid="problems" role="alert">
                    <strong>{format!("{} problem(s): the run waits until they are fixed", s.problems.len())}</strong>
                    <ul>{s.problems.iter().map(|p| view! { <li>{p.to_string()}</li> }).collect_view()}</ul>
                </div>
            }
        })
    })
}
