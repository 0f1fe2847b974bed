//! Demand controls: the global multiplier (hot-applied to the running sim),
//! the weekly pattern, peak events, and a chart of the demand they generate.

use crate::charts::{Series, line_chart};
use crate::ui::use_ui;
use leptos::html::Canvas;
use leptos::prelude::*;
use supply_sim::controls::{self, DemandSchedule};
use supply_sim::scenario::DemandEvent;
use supply_sim::time::DAY;

const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// Expected orders per day over the horizon, from the compiled demand
/// streams and the demand controls.
fn expected_daily(
    net: &supply_sim::Network,
    days: u32,
    controls: &DemandSchedule,
) -> Vec<(f64, f64)> {
    supply_sim::budget::expected_daily(net, days, controls)
        .into_iter()
        .enumerate()
        .map(|(d, total)| (crate::charts::day_of(d as u64 * DAY + DAY / 2), total))
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
/// The demand slider's top: three times the scenario's demand (the UK
/// network's peak sale), far enough for a peak exercise.
pub const MAX_DEMAND_MULTIPLIER: f64 = 3.0;

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
                max=MAX_DEMAND_MULTIPLIER.to_string()
                step="0.1"
                data-testid="demand-multiplier"
                prop:value=move || multiplier.get().to_string()
                on:input=move |ev| {
                    if let Some(m) = parse(&ev) {
                        multiplier.set(m);
                    }
                }
                on:change=move |ev| {
                    if let Some(m) = parse(&ev)
                        && !ui.set_demand_multiplier(m)
                    {
                        // Refused (a lesson locks demand): show what runs.
                        multiplier.set(ui.sb.with_value(|s| s.demand_multiplier()));
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
            line_chart(&c, &[series], "Orders per day");
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
    let sale_start = RwSignal::new(3u32);
    let sale_error = RwSignal::new(None::<String>);
    let horizon = ui.sb.with_value(|s| s.scenario.days);
    let add_sale = move |_| {
        if sale_error.get_untracked().is_some() {
            return;
        }
        let day = sale_start.get_untracked();
        ui.edit(|s| {
            for d in &mut s.demand {
                d.events.push(DemandEvent {
                    name: "Two-day sale".into(),
                    start_day: f64::from(day - 1),
                    days: 2.0,
                    multiplier: 3.0,
                });
            }
        });
        ui.status.set(format!(
            "Added a two-day sale at ×3 on days {day}–{}",
            day + 1
        ));
    };
    view! {
        <fieldset class="events">
            <legend>"Peak events (all zones)"</legend>
            <ul>
                {events.iter().enumerate().map(|(i, e)| view! {
                    <li>
                        <span data-testid="event-text">{event_text(e)}</span>
                        <button title="Remove" on:click=move |_| ui.edit(|s| for d in &mut s.demand { if i < d.events.len() { d.events.remove(i); } })>"✕"</button>
                    </li>
                }).collect_view()}
            </ul>
            <label class="field row">
                <span>"Sale from day"</span>
                <input type="text" inputmode="numeric" data-testid="sale-start"
                    prop:value=move || sale_start.get().to_string()
                    aria-invalid=move || sale_error.get().is_some().to_string()
                    on:change=move |ev| match sale_day(&event_target_value(&ev), horizon) {
                        Ok(day) => {
                            sale_start.set(day);
                            sale_error.set(None);
                        }
                        Err(why) => sale_error.set(Some(why)),
                    }
                />
                <button data-testid="add-sale" prop:disabled=move || sale_error.get().is_some() on:click=add_sale>"Add two-day sale ×3"</button>
            </label>
            {move || sale_error.get().map(|e| view! { <p class="problem" role="alert" data-testid="sale-error">{e}</p> })}
        </fieldset>
    }
}

/// An event this many days long or longer lasts the rest of any run, so it
/// is read "from day N on" (the beer game's step is 100,000 days long).
const OPEN_ENDED_DAYS: f64 = 3650.0;

/// A peak event in words: "Two-day sale: demand ×3 on days 3–4".
fn event_text(e: &DemandEvent) -> String {
    let name = if e.name.is_empty() { "Event" } else { &e.name };
    let first = e.start_day + 1.0;
    if e.days >= OPEN_ENDED_DAYS {
        format!("{name}: demand ×{} from day {first} on", e.multiplier)
    } else if e.days <= 1.0 {
        format!("{name}: demand ×{} on day {first}", e.multiplier)
    } else {
        format!(
            "{name}: demand ×{} on days {first}–{}",
            e.multiplier,
            e.start_day + e.days
        )
    }
}

/// The sale's first day as typed: a whole day of the scenario, 1 to
/// `horizon`, or a message saying what is wrong.
fn sale_day(text: &str, horizon: u32) -> Result<u32, String> {
    let text = text.trim();
    let day: u32 = text.parse().map_err(|_| {
        format!(
            "The sale's first day must be a whole number from 1 to {horizon}; \"{text}\" is not"
        )
    })?;
    if day == 0 || day > horizon {
        return Err(format!(
            "Day {day} is outside the scenario's {horizon} days; choose a day from 1 to {horizon}"
        ));
    }
    Ok(day)
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

#[cfg(test)]
mod tests {
    use super::{event_text, sale_day};
    use supply_sim::scenario::DemandEvent;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn a_sale_day_is_a_whole_day_of_the_scenario() {
        assert_eq!(sale_day(" 3 ", 14), Ok(3));
        assert_eq!(sale_day("14", 14), Ok(14));
        assert!(sale_day("abc", 14).unwrap_err().contains("\"abc\" is not"));
        assert!(sale_day("2.5", 14).is_err());
        assert!(sale_day("0", 14).unwrap_err().contains("from 1 to 14"));
        assert!(
            sale_day("999", 14)
                .unwrap_err()
                .starts_with("Day 999 is outside the scenario's 14 days")
        );
    }

    #[test]
    fn events_read_as_days_not_durations() {
        let ev = |name: &str, start_day, days, multiplier| DemandEvent {
            name: name.into(),
            start_day,
            days,
            multiplier,
        };
        assert_eq!(
            event_text(&ev("Two-day sale", 2.0, 2.0, 3.0)),
            "Two-day sale: demand ×3 on days 3–4"
        );
        assert_eq!(
            event_text(&ev("", 28.0, 100_000.0, 2.0)),
            "Event: demand ×2 from day 29 on"
        );
        assert_eq!(
            event_text(&ev("Flash", 0.0, 1.0, 1.5)),
            "Flash: demand ×1.5 on day 1"
        );
    }
}
