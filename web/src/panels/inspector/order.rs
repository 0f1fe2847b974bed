//! The order view: a tracked order's steps so far, each with its time, while
//! the map draws the way it took (the trace is rebuilt when the order is
//! picked from a vehicle's parcels).

use crate::ui::Ui;
use leptos::prelude::*;

pub fn order_view(ui: Ui) -> impl IntoView {
    let trace = ui.trace.get_untracked();
    let Some(t) = trace else {
        return view! { <p>"No order is tracked."</p> }.into_any();
    };
    let done = t.events.last().is_some_and(|e| e.step.is_last());
    view! {
        <div class="inspect-order" data-testid="inspector-order">
            <h2>{format!("Order {}", t.order)}</h2>
            <p class="meta">"Its way so far, rebuilt from the run's seed; the map draws it in magenta."</p>
            <ol class="trace" data-testid="order-trace">
                {t.lines.iter().map(|l| view! { <li>{l.clone()}</li> }).collect_view()}
            </ol>
            {(!done).then(|| view! { <p class="meta">"Still on its way."</p> })}
        </div>
    }
    .into_any()
}
