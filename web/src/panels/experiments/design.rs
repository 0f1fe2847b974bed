//! Network design in the page: suggest where delivery stations should
//! stand for the scenario's demand (`supply_sim::design`, solved in a sim
//! worker under a node limit), show the suggestion over the map, and
//! accept it as one undoable edit, with the network before pinned as A so
//! that Run A and B compares them.

use super::ExperimentsState;
use crate::sim_worker::{Job, LOADER, SimWorker};
use crate::ui::use_ui;
use gloo_worker::{Spawnable, WorkerBridge};
use leptos::prelude::*;
use std::cell::RefCell;
use supply_sim::design::{
    self, DEFAULT_GRID, DEFAULT_NODE_LIMIT, MAX_GRID, Reply, Request, Suggestion,
};
use supply_sim::view::format::thousands;

thread_local! {
    /// The worker of the design in flight (let go when it answers).
    static BRIDGE: RefCell<Option<WorkerBridge<SimWorker>>> = const { RefCell::new(None) };
}

/// The most branch-and-bound nodes a person may ask for: a few seconds of
/// a worker on the largest grid.
const MAX_NODE_LIMIT: u64 = 200_000;

#[component]
pub fn DesignTab() -> impl IntoView {
    let ui = use_ui();
    let state = expect_context::<ExperimentsState>();
    let grid = RwSignal::new(u64::from(DEFAULT_GRID));
    let nodes = RwSignal::new(DEFAULT_NODE_LIMIT);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let suggest = move |_| {
        let scenario = ui.sb.with_value(|s| s.scenario.clone());
        let req = Request {
            scenario,
            grid: grid.get_untracked() as u32,
            node_limit: nodes.get_untracked(),
        };
        busy.set(true);
        error.set(None);
        ui.proposal.set(None);
        let bridge = SimWorker::spawner()
            .callback(move |reply: String| {
                busy.set(false);
                BRIDGE.with(|b| b.borrow_mut().take());
                match serde_json::from_str::<Reply>(&reply) {
                    Ok(Reply::Designed { suggestion }) => ui.proposal.set(Some(*suggestion)),
                    Ok(Reply::Failed { message }) => error.set(Some(message)),
                    Err(e) => error.set(Some(format!("the worker's reply could not be read: {e}"))),
                }
            })
            .with_loader(true)
            .as_module(false)
            .spawn(LOADER);
        bridge.send(Job::Design(Box::new(req)).to_json());
        BRIDGE.with(|b| *b.borrow_mut() = Some(bridge));
    };
    let number = move |signal: RwSignal<u64>, max: u64, testid: &'static str| {
        view! {
            <input type="number" min="1" max=max.to_string() data-testid=testid
                prop:value=move || signal.get().to_string()
                on:change=move |ev| {
                    if let Ok(n) = event_target_value(&ev).trim().parse::<u64>() {
                        signal.set(n.clamp(1, max));
                    }
                } />
        }
    };
    view! {
        <div class="experiment-design" data-testid="design">
            <h3>"Design delivery stations"</h3>
            <p class="meta">"Where should delivery stations stand for this demand? Each candidate (today's stations and a grid over the zones) opens at its rent and crew a day; each zone is served from an open station at the van cost of its distance, up to 70 % of the station's capacity. A mixed-integer programme, solved off the page."</p>
            <div class="experiment-settings">
                <label class="field row"><span>"Grid"</span>{number(grid, u64::from(MAX_GRID), "design-grid")}<span class="unit">"points a side"</span></label>
                <label class="field row"><span>"Node limit"</span>{number(nodes, MAX_NODE_LIMIT, "design-nodes")}</label>
            </div>
            <div class="row-buttons">
                <button data-testid="design-run" prop:disabled=move || busy.get() on:click=suggest>
                    {move || if busy.get() { "Designing…" } else { "Suggest stations" }}
                </button>
            </div>
            {move || error.get().map(|e| view! { <p class="problem" role="alert" data-testid="design-failed">{e}</p> })}
            {move || ui.proposal.get().map(|d| suggestion_view(state, d))}
        </div>
    }
}

fn suggestion_view(state: ExperimentsState, d: Suggestion) -> impl IntoView {
    let ui = use_ui();
    let names = move |ids: &[String]| {
        ui.sb.with_value(|s| {
            ids.iter()
                .map(|z| s.scenario.name_of(z))
                .collect::<Vec<_>>()
                .join(", ")
        })
    };
    let summary = d.summary();
    let rows = d
        .sites
        .iter()
        .map(|site| {
            let new = site.candidate.existing.is_none();
            view! {
                <li data-testid="design-site" class:new=new>
                    <strong>{if new { "New: " } else { "Keep: " }}{site.candidate.name.clone()}</strong>
                    {format!(" · {} orders a day from {}", thousands(site.orders_per_day.round() as i64), names(&site.zones))}
                </li>
            }
        })
        .collect_view();
    let closed = (!d.closed.is_empty()).then(|| {
        view! { <li data-testid="design-closed" class="closed"><strong>"Close: "</strong>{names(&d.closed)}</li> }
    });
    let accept = move |_| {
        let Some(d) = ui.proposal.get_untracked() else {
            return;
        };
        let before = ui.sb.with_value(|s| s.scenario.clone());
        if ui.try_edit(|s| *s = design::apply(s, &d)) {
            state.pinned.set(Some(before));
            ui.proposal.set(None);
            ui.status.set("Design accepted (Ctrl+Z undoes it); the network before is pinned as A: Run A and B to compare".into());
        }
    };
    view! {
        <p data-testid="design-summary">{summary}</p>
        <p class="meta">"Figures at the network's full size: rent and crew a day and van stems (out and back over the road, per parcel of a 150-stop round). Green rings on the map are the design's stations, a cross marks a new one; red crosses, stations it closes."</p>
        <ul class="plan-rows">{rows}{closed}</ul>
        <div class="row-buttons">
            <button data-testid="design-accept" on:click=accept>"Accept the design"</button>
            <button data-testid="design-dismiss" on:click=move |_| ui.proposal.set(None)>"Dismiss"</button>
        </div>
    }
}
