//! Demand controls: the global multiplier (hot-applied to the running sim),
//! the weekly pattern, peak events, and a chart of the demand they generate.

use crate::charts::{Series, line_chart};
use crate::ui::use_ui;
use leptos::html::Canvas;
use leptos::prelude::*;
use supply_sim::controls::{self, DemandSchedule};
use supply_sim::scenario::DemandEvent;
use supply_sim::time::{DAY, HOUR};

const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// Expected orders per day over the horizon, from the compiled demand
/// streams and the demand controls.
fn expected_daily(
    net: &supply_sim::Network,
    days: u32,
    controls: &DemandSchedule,
) -> Vec<(f64, f64)> {
    (0..days as u64)
        .map(|d| {
            let total: f64 = (0..24)
                .map(|h| {
                    let t = d * DAY + h * HOUR;
                    let m = controls.at(t);
                    net.demand.iter().map(|s| s.mean_at(t, m)).sum::<f64>()
                })
                .sum();
            (d as f64 + 0.5, total)
        })
        .collect()
}

#[component]
pub fn DemandPanel() -> impl IntoView {
    let ui = use_ui();
    // The slider's value while it moves, before it is recorded on release.
    let multiplier = RwSignal::new(ui.sb.with_value(|s| s.demand_multiplier()));
    view! {
        <div class="demand">
            <h2>"Demand"</h2>
            <Slider multiplier=multiplier />
            <ControlList />
            <WeeklyPattern />
            <PeakEvents />
            <h3>"Demand these settings generate"</h3>
            <ExpectedDemand multiplier=multiplier />
        </div>
    }
}

/// The demand slider: previews while it moves, records a control on release.
#[component]
fn Slider(multiplier: RwSignal<f64>) -> impl IntoView {
    let ui = use_ui();
    let parse = |ev: &leptos::ev::Event| event_target_value(ev).parse::<f64>().ok();
    view! {
        <label class="field">
            <span>"Demand multiplier " <strong data-testid="demand-multiplier-value">{move || format!("×{:.1}", multiplier.get())}</strong></span>
            <input
                type="range"
                min="0"
                max="3"
                step="0.1"
                data-testid="demand-multiplier"
                prop:value=move || multiplier.get().to_string()
                on:input=move |ev| {
                    if let Some(m) = parse(&ev) {
                        multiplier.set(m);
                    }
                }
                on:change=move |ev| {
                    if let Some(m) = parse(&ev) {
                        ui.set_demand_multiplier(m);
                    }
                }
            />
        </label>
        <p class="hint">"Applies from the next hour on, and is kept with the scenario: undo, export and a re-run replay it."</p>
    }
}

/// Expected orders per day under the recorded controls, with the slider's
/// value previewed from the next hour on while it moves.
#[component]
fn ExpectedDemand(multiplier: RwSignal<f64>) -> impl IntoView {
    let ui = use_ui();
    let canvas = NodeRef::<Canvas>::new();
    Effect::new(move |_| {
        ui.rev.track();
        let m = multiplier.get();
        let Some(c) = canvas.get() else { return };
        ui.sb.with_value(|s| {
            let Some(e) = &s.engine else { return };
            let mut recorded = s.scenario.controls.clone();
            if m != e.demand_multiplier() {
                controls::set_demand_from(&mut recorded, e.next_draw_time(), m);
            }
            let schedule = DemandSchedule::new(&recorded);
            let pts = expected_daily(e.network(), s.scenario.days.max(7), &schedule);
            let series = Series {
                label: "orders/day",
                points: &pts,
                colour: (211, 84, 0),
            };
            line_chart(&c, &[series]);
        });
    });
    view! { <canvas class="chart" data-testid="demand-chart" node_ref=canvas></canvas> }
}

/// Weekday weights, edited for every zone at once.
#[component]
fn WeeklyPattern() -> impl IntoView {
    let ui = use_ui();
    let weekly = ui.sb.with_value(|s| {
        s.scenario
            .demand
            .first()
            .and_then(|d| d.weekly.clone())
            .unwrap_or_else(|| vec![1.0; 7])
    });
    let set = move |i: usize, v: f64| {
        ui.edit(|s| {
            for d in &mut s.demand {
                let mut w = d.weekly.clone().unwrap_or_else(|| vec![1.0; 7]);
                if w.len() == 7 {
                    w[i] = v;
                }
                d.weekly = Some(w);
            }
        })
    };
    view! {
        <fieldset class="weekly">
            <legend>"Weekly pattern (all zones)"</legend>
            {weekly.iter().enumerate().map(|(i, w)| view! {
                <label>
                    <span>{WEEKDAYS[i]}</span>
                    <input type="text" inputmode="decimal" data-testid=format!("weekly-{i}") prop:value=format!("{w:.2}")
                        on:change=move |ev| {
                            match event_target_value(&ev).trim().parse::<f64>() {
                                Ok(v) => set(i, v),
                                Err(_) => ui.status.set(format!("{} weight must be a number", WEEKDAYS[i])),
                            }
                        }
                    />
                </label>
            }).collect_view()}
        </fieldset>
    }
}

/// Peak events for every zone: the list, and a two-day sale to add.
#[component]
fn PeakEvents() -> impl IntoView {
    let ui = use_ui();
    let events = ui.sb.with_value(|s| {
        s.scenario
            .demand
            .first()
            .map(|d| d.events.clone())
            .unwrap_or_default()
    });
    let sale_start = RwSignal::new(3.0f64);
    let add_sale = move |_| {
        let start = sale_start.get_untracked() - 1.0;
        ui.edit(|s| {
            for d in &mut s.demand {
                d.events.push(DemandEvent {
                    name: "Two-day sale".into(),
                    start_day: start,
                    days: 2.0,
                    multiplier: 3.0,
                });
            }
        });
        ui.status.set(format!(
            "Added a two-day sale at ×3 from day {}",
            start + 1.0
        ));
    };
    view! {
        <fieldset class="events">
            <legend>"Peak events (all zones)"</legend>
            <ul>
                {events.iter().enumerate().map(|(i, e)| view! {
                    <li>
                        {format!("{}: day {} for {} days ×{}", if e.name.is_empty() { "event" } else { &e.name }, e.start_day + 1.0, e.days, e.multiplier)}
                        <button title="Remove" on:click=move |_| ui.edit(|s| for d in &mut s.demand { if i < d.events.len() { d.events.remove(i); } })>"✕"</button>
                    </li>
                }).collect_view()}
            </ul>
            <label class="field row">
                <span>"Sale from day"</span>
                <input type="text" inputmode="numeric" data-testid="sale-start" prop:value=move || sale_start.get().to_string()
                    on:change=move |ev| {
                        if let Ok(v) = event_target_value(&ev).trim().parse::<f64>() {
                            sale_start.set(v.max(1.0));
                        }
                    }
                />
                <button data-testid="add-sale" on:click=add_sale>"Add two-day sale ×3"</button>
            </label>
        </fieldset>
    }
}

/// The demand controls recorded so far, each removable.
#[component]
fn ControlList() -> impl IntoView {
    let ui = use_ui();
    let rows = move || {
        ui.rev.track();
        ui.sb.with_value(|s| s.scenario.controls.clone())
    };
    view! {
        <ul class="controls-list" data-testid="controls-list">
            {move || rows().into_iter().enumerate().map(|(i, c)| {
                let from = super::controls::clock_label(supply_sim::time::hours(c.at_h));
                view! {
                    <li>
                        {format!("Demand ×{:.1} from {from}", c.demand_multiplier)}
                        <button title="Remove this control" on:click=move |_| {
                            ui.edit(|s| { if i < s.controls.len() { s.controls.remove(i); } });
                            ui.status.set("Control removed; the run replays without it".into());
                        }>"✕"</button>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
