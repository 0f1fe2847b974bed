//! Compare: pin the scenario as A, edit it into B, and run both with the
//! same seeds. The result shows each KPI for A and B with 95 % intervals,
//! B − A with its paired interval, the two series per day together, and
//! opens A or B on the map.

use super::table;
use super::{ExperimentsState, Kept, run_days, runner};
use crate::charts::{Series, line_chart};
use crate::ui::use_ui;
use leptos::html::Canvas;
use leptos::prelude::*;
use supply_sim::Scenario;
use supply_sim::experiment::result::{MeanPoint, Outcome};
use supply_sim::experiment::{Design, Spec};

/// A's and B's colours on the chart (the palette's blue and orange).
const A_COLOUR: (u8, u8, u8) = (31, 119, 180);
const B_COLOUR: (u8, u8, u8) = (230, 126, 34);

/// The series the chart can show: name, y title, reading.
type Reading = fn(&MeanPoint) -> f64;
const SERIES: [(&str, &str, Reading); 4] = [
    ("On time", "Delivered on time that day (%)", |p| {
        p.on_time_share * 100.0
    }),
    ("Fill rate", "Fill rate that day (%)", |p| {
        p.fill_rate * 100.0
    }),
    ("Cost", "Cost that day (£)", |p| p.cost),
    ("CO₂e", "CO₂e that day (kg)", |p| p.co2e_kg),
];

#[component]
pub fn CompareTab() -> impl IntoView {
    let ui = use_ui();
    let state = expect_context::<ExperimentsState>();
    let same = Memo::new(move |_| {
        ui.rev.track();
        let pinned = state.pinned.get();
        pinned.is_some_and(|a| ui.sb.with_value(|s| s.scenario == a))
    });
    let pin = move |_| {
        let now = ui.sb.with_value(|s| s.scenario.clone());
        state.pinned.set(Some(now));
        ui.status
            .set("Pinned as A: now edit the scenario to make B".into());
    };
    let run = move |_| {
        let Some(a) = state.pinned.get_untracked() else {
            return;
        };
        let spec = ui.sb.with_value(|s| Spec {
            design: Design::Compare {
                a: Box::new(a),
                b: Box::new(s.scenario.clone()),
            },
            days: run_days(state, &s.scenario),
            replications: state.replications.get_untracked(),
            seed: s.seed,
        });
        runner::start(state, spec);
    };
    view! {
        <div class="experiment-compare" data-testid="compare">
            <h3>"Compare A and B"</h3>
            <p class="meta">"Pin the scenario as A, edit it to make B, then run both. Replication r of A and of B share a seed, so a difference is the edit's, not chance's."</p>
            {move || match state.pinned.get() {
                None => view! { <p data-testid="compare-state">"No A pinned yet."</p> }.into_any(),
                Some(a) => view! {
                    <p data-testid="compare-state">{move || if same.get() {
                        format!("A: {} as pinned. B is still the same: edit the scenario to make B.", a.name)
                    } else {
                        format!("A: {} as pinned. B: the scenario as it is now.", a.name)
                    }}</p>
                }.into_any(),
            }}
            <div class="row-buttons">
                <button data-testid="compare-pin" on:click=pin>
                    {move || if state.pinned.get().is_some() { "Pin again as A" } else { "Pin as A" }}
                </button>
                <button data-testid="compare-run"
                    prop:disabled=move || state.pinned.get().is_none() || state.progress.get().is_some()
                    on:click=run>"Run A and B"</button>
            </div>
        </div>
    }
}

/// A compare's result: the table, the chart, and A or B on the map.
pub fn result(kept: &Kept) -> impl IntoView + use<> {
    let o = kept.outcome.clone();
    let (a, b) = match &kept.spec.design {
        Design::Compare { a, b } => ((**a).clone(), (**b).clone()),
        Design::Sweep { .. } => return ().into_any(),
    };
    view! {
        <h3>{format!("A and B: {} replications of {} days", o.replications, o.days)}</h3>
        {kpi_table(&o)}
        {series_chart(&o)}
        {map_switch(a, b)}
    }
    .into_any()
}

fn kpi_table(o: &Outcome) -> impl IntoView + use<> {
    let (va, vb) = (&o.variants[0], &o.variants[1]);
    let rows = o
        .kpis
        .iter()
        .map(|k| {
            let d = vb.difference.get(&k.name).copied().flatten();
            let verdict = table::verdict(k, d);
            view! {
                <tr data-testid="compare-row" data-kpi=k.name.clone()
                    data-difference=d.map_or(String::new(), |d| d.mean.to_string())>
                    <th scope="row">{table::heading(k)}</th>
                    <td>{table::mean_with_interval(k, va.kpis.get(&k.name).copied().flatten())}</td>
                    <td>{table::mean_with_interval(k, vb.kpis.get(&k.name).copied().flatten())}</td>
                    <td>{table::difference(k, d)}</td>
                    <td class=format!("verdict {}", verdict.replace(' ', "-"))>{verdict}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="compare-table" data-testid="compare-table">
            <thead><tr>
                <th scope="col">"KPI"</th><th scope="col">"A"</th><th scope="col">"B"</th>
                <th scope="col">"B − A (95 % interval)"</th><th scope="col">"At 95 %"</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
        <p class="meta">"Means ± the half-width of their 95 % intervals; B − A is the mean of the paired differences."</p>
    }
}

fn series_chart(o: &Outcome) -> impl IntoView + use<> {
    let chosen = RwSignal::new(0usize);
    let canvas = NodeRef::<Canvas>::new();
    let (a, b) = (o.variants[0].series.clone(), o.variants[1].series.clone());
    Effect::new(move |_| {
        let (_, y_title, read) = SERIES[chosen.get()];
        let Some(c) = canvas.get() else { return };
        let points = |s: &[MeanPoint]| -> Vec<(f64, f64)> {
            s.iter()
                .enumerate()
                .map(|(i, p)| (i as f64 + 1.0, read(p)))
                .collect()
        };
        let (pa, pb) = (points(&a), points(&b));
        let lines = [
            Series {
                label: "A",
                points: &pa,
                colour: A_COLOUR,
            },
            Series {
                label: "B",
                points: &pb,
                colour: B_COLOUR,
            },
        ];
        line_chart(&c, &lines, y_title);
    });
    view! {
        <label class="field row">
            <span>"Chart"</span>
            <select data-testid="compare-series" on:change=move |ev| {
                if let Ok(i) = event_target_value(&ev).parse::<usize>() {
                    chosen.set(i.min(SERIES.len() - 1));
                }
            }>
                {SERIES.iter().enumerate().map(|(i, (name, _, _))| view! { <option value=i.to_string()>{*name}</option> }).collect_view()}
            </select>
            <span class="unit">"mean of the replications, each day"</span>
        </label>
        <canvas class="chart" data-testid="compare-chart" node_ref=canvas></canvas>
    }
}

fn map_switch(a: Scenario, b: Scenario) -> impl IntoView {
    let ui = use_ui();
    let open = move |which: &'static str, s: Scenario| {
        if ui.try_edit(move |now| *now = s) {
            ui.status
                .set(format!("{which} is on the map (Ctrl+Z goes back)"));
        }
    };
    let (a2, b2) = (a.clone(), b.clone());
    view! {
        <div class="row-buttons">
            <button data-testid="compare-show-a" on:click=move |_| open("A", a2.clone())>"Show A on the map"</button>
            <button data-testid="compare-show-b" on:click=move |_| open("B", b2.clone())>"Show B on the map"</button>
        </div>
    }
}
