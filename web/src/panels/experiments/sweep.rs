//! Sweep: pick one or two of the scenario's numbers (`knobs`), a range
//! and a number of steps for each, and run the current scenario and every
//! point of the grid with shared seeds. The result charts a KPI against
//! the parameter (means with 95 % intervals) or as a heat map over two,
//! plots the cost–service Pareto front with the current scenario marked,
//! and lists each point.

use super::plots::{self, Choice, Point};
use super::table;
use super::{ExperimentsState, Kept, run_days, runner};
use crate::ui::use_ui;
use leptos::html::Canvas;
use leptos::prelude::*;
use supply_sim::experiment::knobs::{self, Knob};
use supply_sim::experiment::result::Outcome;
use supply_sim::experiment::{Design, Parameter, Spec};

/// Steps a range takes unless the person says otherwise.
const DEFAULT_STEPS: u32 = 5;
/// The most steps a parameter may take in the page (a 20 × 20 heat map
/// is already 400 points).
const MAX_STEPS: u32 = 20;

/// One parameter's choice: which knob (by path), its range and steps.
#[derive(Clone, Copy)]
struct Axis {
    path: RwSignal<String>,
    from: RwSignal<f64>,
    to: RwSignal<f64>,
    steps: RwSignal<u32>,
}

impl Axis {
    fn new() -> Axis {
        Axis {
            path: RwSignal::new(String::new()),
            from: RwSignal::new(0.0),
            to: RwSignal::new(1.0),
            steps: RwSignal::new(DEFAULT_STEPS),
        }
    }

    /// Choose `k`, with its range to start from.
    fn choose(&self, k: &Knob) {
        self.path.set(k.path.clone());
        self.from.set(k.from);
        self.to.set(k.to);
    }

    fn parameter(&self, knobs: &[Knob]) -> Option<Parameter> {
        let path = self.path.get_untracked();
        let k = knobs.iter().find(|k| k.path == path)?;
        Some(Parameter {
            label: k.label.clone(),
            path,
            values: knobs::values(
                self.from.get_untracked(),
                self.to.get_untracked(),
                self.steps.get_untracked(),
                k.whole,
            ),
        })
    }
}

#[component]
pub fn SweepTab() -> impl IntoView {
    let ui = use_ui();
    let state = expect_context::<ExperimentsState>();
    let knob_list = Memo::new(move |_| {
        ui.rev.track();
        ui.sb.with_value(|s| knobs::knobs(&s.scenario))
    });
    let (first, second) = (Axis::new(), Axis::new());
    let two = RwSignal::new(false);
    // Start on the first safety factor, or the first knob.
    Effect::new(move |_| {
        let list = knob_list.get();
        if first.path.get_untracked().is_empty()
            && let Some(k) = list
                .iter()
                .find(|k| k.path.ends_with(".z"))
                .or(list.first())
        {
            first.choose(k);
        }
    });
    let run = move |_| {
        let list = knob_list.get_untracked();
        let mut parameters: Vec<Parameter> = first.parameter(&list).into_iter().collect();
        if two.get_untracked() {
            parameters.extend(second.parameter(&list));
        }
        let spec = ui.sb.with_value(|s| Spec {
            design: Design::Sweep {
                scenario: Box::new(s.scenario.clone()),
                parameters,
            },
            days: run_days(state, &s.scenario),
            replications: state.replications.get_untracked(),
            seed: s.seed,
        });
        runner::start(state, spec);
    };
    let runs = move || {
        let points = first.steps.get() * if two.get() { second.steps.get() } else { 1 };
        (points + 1) * state.replications.get()
    };
    view! {
        <div class="experiment-sweep" data-testid="sweep">
            <h3>"Sweep parameters"</h3>
            <p class="meta">"Run the scenario as it is and at every value of one parameter, or every pair of values of two, with shared seeds."</p>
            {axis_view(first, knob_list, "sweep-first")}
            <label class="field row">
                <input type="checkbox" data-testid="sweep-two" prop:checked=move || two.get()
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        two.set(on);
                        if on && second.path.get_untracked().is_empty()
                            && let Some(k) = knob_list.get_untracked().iter().find(|k| k.path != first.path.get_untracked())
                        {
                            second.choose(k);
                        }
                    } />
                <span>"and a second parameter (a heat map)"</span>
            </label>
            {move || two.get().then(|| axis_view(second, knob_list, "sweep-second"))}
            <div class="row-buttons">
                <button data-testid="sweep-run" prop:disabled=move || state.progress.get().is_some()
                    on:click=run>{move || format!("Run the sweep ({} runs)", runs())}</button>
            </div>
        </div>
    }
}

/// A knob select with its range and steps.
fn axis_view(axis: Axis, knob_list: Memo<Vec<Knob>>, id: &'static str) -> impl IntoView {
    let number = move |signal: RwSignal<f64>, testid: String| {
        view! {
            <input type="text" inputmode="decimal" data-testid=testid
                prop:value=move || signal.get().to_string()
                on:change=move |ev| {
                    if let Ok(v) = event_target_value(&ev).trim().parse::<f64>()
                        && v.is_finite()
                    {
                        signal.set(v);
                    }
                } />
        }
    };
    view! {
        <label class="field">
            <span>"Parameter"</span>
            <select data-testid=format!("{id}-knob")
                prop:value=move || axis.path.get()
                on:change=move |ev| {
                    let path = event_target_value(&ev);
                    if let Some(k) = knob_list.get_untracked().iter().find(|k| k.path == path) {
                        axis.choose(k);
                    }
                }>
                {move || knob_list.get().into_iter().map(|k| {
                    let now = k.now.map_or("default".to_owned(), |v| format!("{v}"));
                    view! { <option value=k.path.clone()>{format!("{} (now {now})", k.label)}</option> }
                }).collect_view()}
            </select>
        </label>
        <div class="experiment-settings">
            <label class="field row"><span>"From"</span>{number(axis.from, format!("{id}-from"))}</label>
            <label class="field row"><span>"To"</span>{number(axis.to, format!("{id}-to"))}</label>
            <label class="field row">
                <span>"Steps"</span>
                <input type="number" min="1" max=MAX_STEPS.to_string() data-testid=format!("{id}-steps")
                    prop:value=move || axis.steps.get().to_string()
                    on:change=move |ev| {
                        if let Ok(n) = event_target_value(&ev).trim().parse::<u32>() {
                            axis.steps.set(n.clamp(1, MAX_STEPS));
                        }
                    } />
            </label>
        </div>
    }
}

/// A sweep's result: the KPI chart, the Pareto front and the points.
pub fn result(kept: &Kept) -> impl IntoView + use<> {
    let o = kept.outcome.clone();
    let kpi = RwSignal::new(0usize);
    let chart = NodeRef::<Canvas>::new();
    let front = NodeRef::<Canvas>::new();
    let (o1, o2) = (o.clone(), o.clone());
    Effect::new(move |_| {
        if let Some(c) = chart.get() {
            draw_kpi(&c, &o1, kpi.get());
        }
    });
    Effect::new(move |_| {
        if let Some(c) = front.get() {
            draw_front(&c, &o2);
        }
    });
    let points = o.variants.len() - 1;
    view! {
        <h3>{format!("Sweep: {points} points and the current scenario, {} replications of {} days", o.replications, o.days)}</h3>
        <label class="field row">
            <span>"Chart"</span>
            <select data-testid="sweep-kpi" on:change=move |ev| {
                if let Ok(i) = event_target_value(&ev).parse::<usize>() {
                    kpi.set(i);
                }
            }>
                {o.kpis.iter().enumerate().map(|(i, k)| view! { <option value=i.to_string()>{table::heading(k)}</option> }).collect_view()}
            </select>
        </label>
        <canvas class="chart" data-testid="sweep-chart" node_ref=chart></canvas>
        <p class="meta">{if o.parameters.len() == 1 {
            "Means with their 95 % intervals; the orange diamond is the scenario as it is."
        } else {
            "Each cell is the mean of its replications; darker is better."
        }}</p>
        <h3>"Cost against service"</h3>
        <canvas class="chart" data-testid="sweep-pareto" node_ref=front></canvas>
        <p class="meta">"Blue points are on the Pareto front: no other point is cheaper, more on time and lower in CO₂e per package at once. The orange diamond is the scenario as it is."</p>
        {points_table(&o, kpi)}
    }
}

fn mean(o: &Outcome, v: usize, kpi: &str) -> Option<supply_sim::experiment::stats::Summary> {
    o.variants[v].kpis.get(kpi).copied().flatten()
}

fn draw_kpi(c: &web_sys::HtmlCanvasElement, o: &Outcome, kpi: usize) {
    let Some(k) = o.kpis.get(kpi) else { return };
    let scale = if k.unit == "share" { 100.0 } else { 1.0 };
    let y_title = table::heading(k).replace(" (", ", ").replace(')', "")
        + if k.unit == "share" { " (%)" } else { "" };
    if o.parameters.len() == 1 {
        let points: Vec<Point> = (1..o.variants.len())
            .filter_map(|v| {
                let s = mean(o, v, &k.name)?;
                Some(Point {
                    x: o.variants[v].settings[0]?,
                    mean: s.mean * scale,
                    low: s.ci95_low.unwrap_or(s.mean) * scale,
                    high: s.ci95_high.unwrap_or(s.mean) * scale,
                })
            })
            .collect();
        let current = o.variants[0].settings[0].zip(mean(o, 0, &k.name).map(|s| s.mean * scale));
        plots::interval_line(c, &points, current, &o.parameters[0].label, &y_title);
    } else {
        let axis = |i: usize| -> Vec<f64> {
            let mut v: Vec<f64> = o.variants[1..]
                .iter()
                .filter_map(|v| v.settings[i])
                .collect();
            v.dedup();
            v.sort_by(f64::total_cmp);
            v.dedup();
            v
        };
        let values: Vec<Option<f64>> = (1..o.variants.len())
            .map(|v| mean(o, v, &k.name).map(|s| s.mean))
            .collect();
        let label = |x: f64| table::value(k, x);
        plots::heat_map(
            c,
            (&axis(0), &axis(1)),
            &values,
            k.higher_is_better,
            &label,
            (&o.parameters[0].label, &o.parameters[1].label),
        );
    }
}

fn draw_front(c: &web_sys::HtmlCanvasElement, o: &Outcome) {
    let choices: Vec<Choice> = (0..o.variants.len())
        .filter_map(|v| {
            Some(Choice {
                cost: mean(o, v, "cost_per_package")?.mean,
                on_time_pct: mean(o, v, "on_time_rate")?.mean * 100.0,
                on_front: o.pareto.contains(&v),
                current: v == 0,
            })
        })
        .collect();
    plots::pareto(c, &choices);
}

fn points_table(o: &Outcome, kpi: RwSignal<usize>) -> impl IntoView + use<> {
    let o = o.clone();
    move || {
        let k = o.kpis[kpi.get().min(o.kpis.len() - 1)].clone();
        let rows = o
            .variants
            .iter()
            .enumerate()
            .map(|(v, var)| {
                let d = var.difference.get(&k.name).copied().flatten();
                view! {
                    <tr data-testid="sweep-row" data-front=o.pareto.contains(&v).to_string()>
                        <th scope="row">{var.label.clone()}</th>
                        <td>{table::mean_with_interval(&k, mean(&o, v, &k.name))}</td>
                        <td>{if v == 0 { "—".to_owned() } else { table::difference(&k, d) }}</td>
                        <td>{if o.pareto.contains(&v) { "on the front" } else { "" }}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="compare-table" data-testid="sweep-table">
                <thead><tr>
                    <th scope="col">"Point"</th><th scope="col">{table::heading(&k)}</th>
                    <th scope="col">"− current (95 %)"</th><th scope="col">"Pareto"</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        }
    }
}
