//! The setup form: who plays each role, what is shared, how many weeks,
//! and Start; the link's options not understood are listed above it.

use super::{Beer, Phase, STAGES, Seat, parse_weeks, role_title};
use leptos::prelude::*;
use supply_sim::beer::ROLE_NAMES;
use wasm_bindgen::JsCast;

/// Roles, sharing, length, and Start.
#[component]
pub fn SetupForm(beer: Beer) -> impl IntoView {
    let weeks_text = RwSignal::new(beer.setup.get_untracked().weeks.to_string());
    let error = RwSignal::new(None::<String>);
    let form = NodeRef::<leptos::html::Form>::new();
    // The first role's select takes the focus, so Tab walks the form.
    Effect::new(move |_| {
        let first = form
            .get()
            .and_then(|f| f.query_selector("select").ok().flatten());
        if let Some(el) = first.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = el.focus();
        }
    });
    let start = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let started = parse_weeks(&weeks_text.get_untracked()).and_then(|w| {
            beer.setup.update(|s| s.weeks = w);
            beer.start()
        });
        error.set(started.err());
    };
    let notes = move || {
        let notes = beer.notes.get();
        (!notes.is_empty()).then(|| {
            view! {
                <div class="beer-notes" role="status" data-testid="beer-notes">
                    <p>"Some of the link's options were not understood and keep their defaults:"</p>
                    <ul>{notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                </div>
            }
        })
    };
    view! {
        <form class="beer-setup" node_ref=form on:submit=start data-testid="beer-setup">
            <p class="beer-intro">"Four stages brew and ship beer down a line to customers: the factory brews, the distributor, the wholesaler and the retailer each order from the stage above. Orders take two weeks in the mail and cases two weeks on the road. Each week every stage pays $0.50 for each case it holds and $1.00 for each case it owes. The team with the lowest total cost wins."</p>
            {notes}
            <fieldset class="beer-seats">
                <legend>"Who plays each role"</legend>
                {(0..STAGES).map(|i| view! { <SeatChoice beer=beer stage=i /> }).collect_view()}
                <p class="beer-small">"Several roles can be \"a person\": you then take turns at this screen (hot seat), each seeing only your own stage. The computer players: Sterman's is the anchoring-and-adjustment rule fitted to people who played the board game, with Sterman's (1989) mean estimated parameters (θ 0.36, α 0.26, β 0.34, S′ 17): it forecasts the orders, closes about a quarter of its stock gap each week and counts only a third of what is already on order. Base stock orders up to a level of inventory plus what is on order. Pass on orders what it was ordered."</p>
            </fieldset>
            <SharingChoice beer=beer />
            <div class="beer-weeks">
                <label for="beer-weeks">"Weeks to play"</label>
                <input id="beer-weeks" type="text" inputmode="numeric" size="5" data-testid="beer-weeks"
                    aria-describedby="beer-setup-error"
                    prop:value=move || weeks_text.get()
                    on:input=move |ev| weeks_text.set(event_target_value(&ev)) />
                <span class="beer-small">"The board's game lasts 36 (the players are not told when it ends)."</span>
            </div>
            <p id="beer-setup-error" class="beer-error" role="alert" data-testid="beer-setup-error">{move || error.get()}</p>
            <div class="beer-buttons">
                <button type="submit" class="primary" data-testid="beer-start">"Start the game"</button>
                <button type="button" data-testid="beer-class-open" title="Open a class's result files and compare the teams" on:click=move |_| beer.phase.set(Phase::Class)>"Class view"</button>
            </div>
        </form>
    }
}

/// One role's select: a person or one of the computer players.
#[component]
fn SeatChoice(beer: Beer, stage: usize) -> impl IntoView {
    let id = format!("beer-seat-{}", ROLE_NAMES[stage]);
    let current = move || beer.setup.with(|s| s.seats[stage].key());
    let tip = move || beer.setup.with(|s| s.seats[stage].tip(stage));
    let title = move || beer.setup.with(|s| s.seats[stage].explanation(stage));
    view! {
        <div class="beer-seat">
            <label for=id.clone()>{role_title(stage)}</label>
            <select id=id.clone() data-testid=id prop:value=current title=title
                on:change=move |ev| {
                    if let Some(seat) = Seat::from_key(&event_target_value(&ev)) {
                        beer.setup.update(|s| s.seats[stage] = seat);
                    }
                }>
                {Seat::ALL.into_iter().map(|seat| view! {
                    <option value=seat.key() title=seat.explanation(stage) selected=move || current() == seat.key()>{seat.label()}</option>
                }).collect_view()}
            </select>
            <span class="beer-small beer-tip">{tip}</span>
        </div>
    }
}

/// The two information-sharing checkboxes.
#[component]
fn SharingChoice(beer: Beer) -> impl IntoView {
    let demand = move || beer.setup.with(|s| s.sharing.customer_demand);
    let stock = move || beer.setup.with(|s| s.sharing.inventories);
    view! {
        <fieldset class="beer-sharing">
            <legend>"Information sharing"</legend>
            <label title="Every role sees this week's end-customer demand; computer players forecast from it">
                <input type="checkbox" data-testid="beer-share-demand" prop:checked=demand
                    on:change=move |ev| beer.setup.update(|s| s.sharing.customer_demand = event_target_checked(&ev)) />
                "Show end-customer demand to every role"
            </label>
            <label title="Every role sees every stage's inventory and backlog">
                <input type="checkbox" data-testid="beer-share-inventory" prop:checked=stock
                    on:change=move |ev| beer.setup.update(|s| s.sharing.inventories = event_target_checked(&ev)) />
                "Show every stage's inventory"
            </label>
        </fieldset>
    }
}
