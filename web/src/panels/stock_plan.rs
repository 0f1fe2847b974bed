//! Optimise stock: the top bar's button opens this panel, which plans every
//! FC's stock from the forecasts at the run's current time (Clark–Scarf
//! where the FCs form a chain, guaranteed service elsewhere) and runs the
//! planned scenario beside what the model expects. All of it happens in the
//! plan worker, off the main thread, so the map keeps moving; a progress bar
//! shows when it takes longer than a moment. Apply writes the plan into the
//! scenario as one undoable edit.

use crate::sim_worker::{Job, LOADER, SimWorker};
use crate::ui::{Ui, use_ui};
use gloo_worker::{Spawnable, WorkerBridge};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use supply_sim::Scenario;
use supply_sim::optimise::job::{self, PlanReply, PlanRequest};
use supply_sim::optimise::{self, CheckRow, PlanCheck, StockPlan};
use supply_sim::view::format::{percent, thousands};

/// A job shorter than this shows no progress bar (it would only flicker).
const BAR_AFTER_MS: u64 = 200;

/// What the last plan gave.
#[derive(Clone, Debug, PartialEq)]
enum Outcome {
    Ready(Box<Planned>),
    Failed(String),
}

/// A plan, its check, and the scenario it was made from (kept with the
/// work, so a reload shows it again; applied only to that scenario).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Planned {
    plan: StockPlan,
    check: PlanCheck,
    from: Scenario,
}

/// When the job's phases began and ended, ms on the page's clock (for the
/// timings line and the benchmark).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Timings {
    sent: f64,
    planning: Option<f64>,
    running: Option<f64>,
    done: Option<f64>,
}

impl Timings {
    /// (replay, forecast and plan, run of the plan), seconds, once done.
    fn phases(&self) -> Option<(f64, f64, f64)> {
        let (p, r, d) = (self.planning?, self.running?, self.done?);
        Some(((p - self.sent) / 1e3, (r - p) / 1e3, (d - r) / 1e3))
    }
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// The panel's state, shared by the top bar's button and the panel
/// (provided by the page).
#[derive(Clone, Copy)]
pub struct StockPlanState {
    timings: RwSignal<Timings>,
    open: RwSignal<bool>,
    target_pct: RwSignal<f64>,
    running: RwSignal<bool>,
    show_bar: RwSignal<bool>,
    progress: RwSignal<(f64, String)>,
    outcome: RwSignal<Option<Outcome>>,
}

impl StockPlanState {
    pub fn new() -> StockPlanState {
        StockPlanState {
            timings: RwSignal::new(Timings::default()),
            open: RwSignal::new(false),
            target_pct: RwSignal::new(optimise::DEFAULT_TARGET_SERVICE * 100.0),
            running: RwSignal::new(false),
            show_bar: RwSignal::new(false),
            progress: RwSignal::new((0.0, String::new())),
            // The last plan, as saved with the work.
            outcome: RwSignal::new(
                crate::persist::load_plan().map(|p| Outcome::Ready(Box::new(p))),
            ),
        }
    }
}

thread_local! {
    /// The worker, started on first use and kept for the page's life.
    static BRIDGE: RefCell<Option<WorkerBridge<SimWorker>>> = const { RefCell::new(None) };
}

/// Send `req` to the worker (starting it if need be); its replies update
/// `state`.
fn send(state: StockPlanState, req: &PlanRequest) {
    let text = Job::Plan(Box::new(req.clone())).to_json();
    BRIDGE.with(|b| {
        let mut b = b.borrow_mut();
        let bridge = b.get_or_insert_with(|| {
            SimWorker::spawner()
                .callback(move |reply: String| receive(state, &reply))
                .with_loader(true)
                // Trunk's loader calls importScripts: a classic worker.
                .as_module(false)
                .spawn(LOADER)
        });
        bridge.send(text);
    });
}

/// A reply from the worker.
fn receive(state: StockPlanState, reply: &str) {
    match serde_json::from_str::<PlanReply>(reply) {
        Ok(PlanReply::Progress { done, doing }) => {
            let t = now_ms();
            state.timings.update(|m| match doing.as_str() {
                job::PLANNING => m.planning = m.planning.or(Some(t)),
                job::RUNNING => m.running = m.running.or(Some(t)),
                _ => {}
            });
            state.progress.set((done, doing));
        }
        Ok(PlanReply::Done { plan, check }) => {
            let from = PLANNED_FROM.with(|f| f.borrow_mut().take());
            let Some(from) = from else { return };
            let planned = Planned { plan, check, from };
            if let Err(why) = crate::persist::save_plan(&planned) {
                crate::ui::use_ui().status.set(why);
            }
            finish(state, Outcome::Ready(Box::new(planned)));
        }
        Ok(PlanReply::Failed { message }) => finish(state, Outcome::Failed(message)),
        Err(e) => finish(
            state,
            Outcome::Failed(format!("the worker's reply could not be read: {e}")),
        ),
    }
}

thread_local! {
    /// The scenario of the job in flight.
    static PLANNED_FROM: RefCell<Option<Scenario>> = const { RefCell::new(None) };
}

fn finish(state: StockPlanState, outcome: Outcome) {
    state.timings.update(|m| m.done = Some(now_ms()));
    state.running.set(false);
    state.show_bar.set(false);
    state.outcome.set(Some(outcome));
}

/// Start a plan of the scenario as it is now.
fn plan(ui: Ui, state: StockPlanState) {
    let target = state.target_pct.get_untracked() / 100.0;
    let req = ui.sb.with_value(|s| {
        s.engine.as_ref()?;
        Some(PlanRequest {
            scenario: s.scenario.clone(),
            seed: s.seed,
            at: s.now(),
            days: s.scenario.days,
            target_service: target,
        })
    });
    let Some(req) = req else {
        state.outcome.set(Some(Outcome::Failed(
            "The scenario has problems to fix before its stock can be planned".into(),
        )));
        return;
    };
    PLANNED_FROM.with(|f| *f.borrow_mut() = Some(req.scenario.clone()));
    state.timings.set(Timings {
        sent: now_ms(),
        ..Timings::default()
    });
    state.running.set(true);
    state.show_bar.set(false);
    state.progress.set((0.0, "Starting".into()));
    state.outcome.set(None);
    set_timeout(
        move || {
            if state.running.get_untracked() {
                state.show_bar.set(true);
            }
        },
        std::time::Duration::from_millis(BAR_AFTER_MS),
    );
    send(state, &req);
}

/// The top bar's button.
#[component]
pub fn StockPlanButton() -> impl IntoView {
    let state = expect_context::<StockPlanState>();
    view! {
        <button data-testid="plan-open" aria-pressed=move || state.open.get().to_string()
            title="Plan every FC's stock from the forecasts now, and see the plan run"
            on:click=move |_| state.open.update(|o| *o = !*o)>
            <span class="wide-only">"Optimise stock"</span><span class="narrow-only">"Plan"</span></button>
    }
}

/// The panel, at the top of the right-hand column while open (scrolled
/// into view as it opens).
#[component]
pub fn StockPlanPanel() -> impl IntoView {
    let ui = use_ui();
    let state = expect_context::<StockPlanState>();
    let panel = NodeRef::<leptos::html::Section>::new();
    Effect::new(move |_| {
        if let Some(p) = panel.get() {
            p.scroll_into_view();
        }
    });
    view! {
        <Show when=move || state.open.get()>
            <section class="stock-plan" data-testid="stock-plan" aria-labelledby="stock-plan-title" node_ref=panel>
                <div class="stock-plan-head">
                    <h2 id="stock-plan-title">"Optimise stock"</h2>
                    <button data-testid="plan-close" on:click=move |_| state.open.set(false)>"Close"</button>
                </div>
                <p class="meta">"Plans each FC's stock from its forecast now: Clark–Scarf where FCs form a chain, guaranteed service (Graves–Willems) elsewhere. Then runs the plan for the scenario's days, beside what the model expects."</p>
                {target_field(state)}
                <button data-testid="plan-run" prop:disabled=move || state.running.get()
                    on:click=move |_| plan(ui, state)>"Plan from today's forecasts"</button>
                {move || state.show_bar.get().then(|| progress_bar(state))}
                {move || state.outcome.get().map(|o| outcome_view(ui, state, o))}
            </section>
        </Show>
    }
}

fn target_field(state: StockPlanState) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let (lo, hi) = optimise::TARGET_SERVICE_RANGE;
    view! {
        <label class="field row">
            <span>"Target cycle service"</span>
            <input type="text" inputmode="decimal" data-testid="plan-target"
                prop:value=move || format!("{}", state.target_pct.get())
                on:change=move |ev| {
                    let text = event_target_value(&ev);
                    match text.trim().trim_end_matches('%').trim().parse::<f64>() {
                        Ok(v) if (lo * 100.0..=hi * 100.0).contains(&v) => {
                            error.set(None);
                            state.target_pct.set(v);
                        }
                        _ => error.set(Some(format!(
                            "{text:?}: give a percentage from {} to {}",
                            lo * 100.0,
                            hi * 100.0
                        ))),
                    }
                } />
            <span class="unit">"% where costs are silent"</span>
        </label>
        {move || error.get().map(|e| view! { <p class="problem" role="alert">{e}</p> })}
    }
}

fn progress_bar(state: StockPlanState) -> impl IntoView {
    let done = move || state.progress.get().0;
    view! {
        <div class="plan-progress" data-testid="plan-progress" role="status">
            <progress max="1" prop:value=done></progress>
            <span>{move || format!("{} … {:.0} %", state.progress.get().1, done() * 100.0)}</span>
        </div>
    }
}

fn outcome_view(ui: Ui, state: StockPlanState, outcome: Outcome) -> AnyView {
    let planned = match outcome {
        Outcome::Failed(why) => {
            return view! { <p class="problem" role="alert" data-testid="plan-failed">{why}</p> }
                .into_any();
        }
        Outcome::Ready(p) => p,
    };
    let (plan, check) = (planned.plan.clone(), planned.check.clone());
    let from = planned.from.clone();
    let stale = Memo::new(move |_| {
        ui.rev.track();
        ui.sb.with_value(|s| s.scenario != from)
    });
    let apply = {
        let plan = plan.clone();
        move |_| {
            let plan = plan.clone();
            if ui.try_edit(move |s| *s = optimise::apply(&plan, s)) {
                ui.status.set(
                    "Stock plan applied: every FC's policy is the plan's (Ctrl+Z undoes it)".into(),
                );
                state.open.set(false);
            }
        }
    };
    view! {
        <div class="plan-result" data-testid="plan-result">
            <p class="meta">{format!(
                "From the forecasts on day {:.0}; the plan run for {:.0} days (figures from day {:.0}).",
                plan.planned_at_day.floor() + 1.0,
                check.days,
                check.measured_from_day + 1.0
            )}</p>
            {plan.notes.iter().map(|n| view! { <p class="note">{n.clone()}</p> }).collect_view()}
            <ul class="plan-rows">
                {check.rows.iter().map(|r| row_view(&plan, r)).collect_view()}
            </ul>
            <p data-testid="plan-totals">{format!(
                "All FCs: {} units on hand expected, {} simulated; holding £{:.0} a day expected, £{:.0} simulated; fill rate {:.1} %.",
                thousands(check.expected_on_hand.round() as i64),
                thousands(check.simulated_on_hand.round() as i64),
                check.expected_holding_per_day,
                check.simulated_holding_per_day,
                check.fill_rate * 100.0
            )}</p>
            {move || state.timings.get().phases().map(|(replay, plan, run)| view! {
                <p class="meta" data-testid="plan-timings"
                    data-replay-ms=format!("{:.0}", replay * 1e3)
                    data-plan-ms=format!("{:.0}", plan * 1e3)
                    data-run-ms=format!("{:.0}", run * 1e3)>
                    {format!(
                        "Worked off the page: replay {}, forecast and plan {}, run of the plan {}.",
                        duration(replay),
                        duration(plan),
                        duration(run)
                    )}
                </p>
            })}
            {move || stale.get().then(|| view! { <p class="warning" role="status">"The scenario changed since this plan: plan again to apply it."</p> })}
            <button data-testid="plan-apply" prop:disabled=move || stale.get() on:click=apply>"Apply the plan"</button>
        </div>
    }
    .into_any()
}

/// Seconds as a person reads a short wait: "40 ms", "1.3 s".
fn duration(s: f64) -> String {
    if s < 1.0 {
        format!("{:.0} ms", s * 1e3)
    } else {
        format!("{s:.1} s")
    }
}

/// One FC: its model, safety stock, and the model's figures beside the run's.
fn row_view(plan: &StockPlan, r: &CheckRow) -> impl IntoView {
    let points: Vec<_> = plan
        .points
        .iter()
        .filter(|p| p.facility == r.facility)
        .collect();
    let method = points.first().map_or("", |p| p.method.title());
    let safety: f64 = points.iter().map(|p| p.safety_stock.max(0.0)).sum();
    let holds = r.target_cycle_service.is_some();
    view! {
        <li data-testid="plan-row">
            <strong>{r.name.clone()}</strong>
            <span class="meta">{format!(" · {method}")}</span>
            {if holds {
                view! {
                    <div>{format!(
                        "Safety stock {} · on hand {} expected, {} simulated",
                        thousands(safety.round() as i64),
                        thousands(r.expected_on_hand.round() as i64),
                        thousands(r.simulated_on_hand.round() as i64)
                    )}</div>
                    <div>{format!(
                        "Cycle service {} target, {} simulated · fill rate {}",
                        percent(r.target_cycle_service),
                        percent(r.cycle_service),
                        percent(r.fill_rate)
                    )}</div>
                }
                .into_any()
            } else {
                view! { <div>"Holds no stock: passes orders on to its source"</div> }.into_any()
            }}
        </li>
    }
}
