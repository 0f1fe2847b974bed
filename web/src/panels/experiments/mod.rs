//! Experiments in the page: **Compare** (pin the scenario as A, edit it
//! into B, run both with common random numbers) and **Sweep** (one or two
//! parameters over a range). The runs happen in experiment workers
//! (`runner`), with a progress bar, the time left and a cancel button;
//! the last result is kept with the work and exported as the spec (which
//! `supply-cli experiment` runs), the result JSON (the bytes the CLI
//! prints) and CSV.

mod compare;
mod design;
mod plots;
mod runner;
mod sweep;
mod table;

use crate::ui::use_ui;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use supply_sim::Scenario;
use supply_sim::experiment::{Spec, result::Outcome};

/// An experiment's spec and result, as kept with the work.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Kept {
    pub spec: Spec,
    pub outcome: Outcome,
}

/// Runs done of the total, and when the experiment started and last
/// moved (ms on the page's clock), for the bar and the time left.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Progress {
    pub done: u64,
    pub total: u64,
    pub workers: usize,
    pub started_ms: f64,
    pub now_ms: f64,
}

impl Progress {
    /// Seconds left at the pace so far (`None` before the first run ends).
    pub fn left_s(&self) -> Option<f64> {
        (self.done > 0).then(|| {
            let per_run = (self.now_ms - self.started_ms) / self.done as f64;
            per_run * (self.total - self.done) as f64 / 1e3
        })
    }
}

/// The default replications: enough for a t interval about 0.7 standard
/// deviations wide (t(9) = 2.26), few enough to run in a minute.
pub const DEFAULT_REPLICATIONS: u32 = 10;

/// The panel's state, shared by the top bar's button and the panel.
#[derive(Clone, Copy)]
pub struct ExperimentsState {
    pub open: RwSignal<bool>,
    /// Compare's A, pinned from the scenario as it was.
    pub pinned: RwSignal<Option<Scenario>>,
    pub replications: RwSignal<u32>,
    /// Days each run lasts (`None`: the scenario's own).
    pub days: RwSignal<Option<u32>>,
    pub progress: RwSignal<Option<Progress>>,
    pub result: RwSignal<Option<Kept>>,
    /// How long the last experiment took (ms) and on how many workers.
    pub took: RwSignal<Option<(f64, usize)>>,
    pub error: RwSignal<Option<String>>,
}

impl ExperimentsState {
    pub fn new() -> ExperimentsState {
        let kept = crate::persist::load_experiment();
        ExperimentsState {
            open: RwSignal::new(false),
            pinned: RwSignal::new(None),
            replications: RwSignal::new(DEFAULT_REPLICATIONS),
            days: RwSignal::new(None),
            progress: RwSignal::new(None),
            result: RwSignal::new(kept),
            took: RwSignal::new(None),
            error: RwSignal::new(None),
        }
    }
}

/// The top bar's button.
#[component]
pub fn ExperimentsButton() -> impl IntoView {
    let state = expect_context::<ExperimentsState>();
    view! {
        <button data-testid="experiments-open" aria-pressed=move || state.open.get().to_string()
            title="Compare two scenarios or sweep a parameter, with many runs and 95 % intervals"
            on:click=move |_| state.open.update(|o| *o = !*o)>
            <span class="wide-only">"Experiments"</span><span class="narrow-only">"Trials"</span></button>
    }
}

/// The panel, at the top of the right-hand column while open.
#[component]
pub fn ExperimentsPanel() -> impl IntoView {
    let state = expect_context::<ExperimentsState>();
    let panel = NodeRef::<leptos::html::Section>::new();
    Effect::new(move |_| {
        if let Some(p) = panel.get() {
            p.scroll_into_view();
        }
    });
    view! {
        <Show when=move || state.open.get()>
            <section class="experiments" data-testid="experiments" aria-labelledby="experiments-title" node_ref=panel>
                <div class="stock-plan-head">
                    <h2 id="experiments-title">"Experiments"</h2>
                    <button data-testid="experiments-close" on:click=move |_| state.open.set(false)>"Close"</button>
                </div>
                {settings(state)}
                <compare::CompareTab />
                <sweep::SweepTab />
                <design::DesignTab />
                {move || state.progress.get().map(|p| progress_bar(state, p))}
                {move || state.error.get().map(|e| view! { <p class="problem" role="alert" data-testid="experiment-failed">{e}</p> })}
                {move || state.result.get().map(|k| result_view(state, k))}
            </section>
        </Show>
    }
}

/// Replications and days, shared by compare and sweep.
fn settings(state: ExperimentsState) -> impl IntoView {
    let ui = use_ui();
    let scenario_days = move || {
        ui.rev.track();
        ui.sb.with_value(|s| s.scenario.days)
    };
    view! {
        <div class="experiment-settings">
            <label class="field row">
                <span>"Replications"</span>
                <input type="number" min="2" max="200" step="1" data-testid="experiment-replications"
                    prop:value=move || state.replications.get().to_string()
                    on:change=move |ev| {
                        if let Ok(n) = event_target_value(&ev).trim().parse::<u32>() {
                            state.replications.set(n.clamp(2, 200));
                        }
                    } />
                <span class="unit">"runs of each, seeds shared"</span>
            </label>
            <label class="field row">
                <span>"Days"</span>
                <input type="number" min="1" max="365" step="1" data-testid="experiment-days"
                    prop:value=move || state.days.get().unwrap_or_else(scenario_days).to_string()
                    on:change=move |ev| {
                        if let Ok(n) = event_target_value(&ev).trim().parse::<u32>() {
                            state.days.set(Some(n.clamp(1, 365)));
                        }
                    } />
                <span class="unit">"each run"</span>
            </label>
        </div>
    }
}

/// The days each run lasts: the panel's, or the scenario's.
pub fn run_days(state: ExperimentsState, scenario: &Scenario) -> u32 {
    state.days.get_untracked().unwrap_or(scenario.days)
}

fn progress_bar(state: ExperimentsState, p: Progress) -> impl IntoView {
    let share = p.done as f64 / p.total.max(1) as f64;
    let left = p
        .left_s()
        .map_or("estimating the time left".to_owned(), |s| {
            format!("about {} left", duration(s))
        });
    view! {
        <div class="plan-progress" data-testid="experiment-progress" role="status">
            <progress max="1" prop:value=share></progress>
            <span>{format!(
                "{} of {} runs · {left} · {} worker{}",
                p.done,
                p.total,
                p.workers,
                if p.workers == 1 { "" } else { "s" }
            )}</span>
            <button data-testid="experiment-cancel" on:click=move |_| runner::cancel(state)>"Cancel"</button>
        </div>
    }
}

/// Seconds as a person reads a wait: "40 s", "3 min 20 s".
pub fn duration(s: f64) -> String {
    let s = s.max(0.0).round() as u64;
    if s < 60 {
        format!("{s} s")
    } else {
        format!("{} min {} s", s / 60, s % 60)
    }
}

fn result_view(state: ExperimentsState, kept: Kept) -> impl IntoView {
    let outcome = kept.outcome.clone();
    let took = move || {
        state.took.get().map(|(ms, workers)| {
            view! {
                <p class="meta" data-testid="experiment-took" data-ms=format!("{ms:.0}")>{format!(
                    "Ran in {} on {workers} worker{}, off the page's main thread.",
                    duration(ms / 1e3),
                    if workers == 1 { "" } else { "s" }
                )}</p>
            }
        })
    };
    view! {
        <div class="experiment-result" data-testid="experiment-result">
            {if outcome.experiment == "compare" {
                compare::result(&kept).into_any()
            } else {
                sweep::result(&kept).into_any()
            }}
            {took}
            {exports(kept)}
        </div>
    }
}

/// Download the spec, the result JSON and the CSV.
fn exports(kept: Kept) -> impl IntoView {
    let ui = use_ui();
    let save = move |name: &str, text: String| {
        if crate::files::download(name, &text).is_err() {
            ui.status.set(format!("{name} could not be downloaded"));
        }
    };
    let (spec, result, csv) = (
        serde_json::to_string_pretty(&kept.spec).unwrap_or_default() + "\n",
        serde_json::to_string_pretty(&kept.outcome).unwrap_or_default() + "\n",
        kept.outcome.to_csv(),
    );
    view! {
        <div class="experiment-exports">
            <span>"Export: "</span>
            <button data-testid="experiment-export-spec" title="The spec supply-cli experiment runs"
                on:click=move |_| save("experiment-spec.json", spec.clone())>"Spec (JSON)"</button>
            <button data-testid="experiment-export-json"
                on:click=move |_| save("experiment-result.json", result.clone())>"Result (JSON)"</button>
            <button data-testid="experiment-export-csv"
                on:click=move |_| save("experiment-result.csv", csv.clone())>"Result (CSV)"</button>
        </div>
    }
}
