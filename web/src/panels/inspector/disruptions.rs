//! Disrupt the run at the current sim time: close a facility (with it
//! selected) or bring bad weather, for a number of hours. With nothing
//! selected, the list of disruptions, how on-time recovered from each, and
//! a way to remove them.

use crate::ui::{Ui, use_ui};
use leptos::prelude::*;
use supply_sim::scenario::Disruption;
use supply_sim::time::{DAY, HOUR};
use supply_sim::view::format::percent;

/// How long a disruption from the menu lasts unless the person says, hours.
const DEFAULT_HOURS: f64 = 24.0;

/// Days since the start of `t` seconds, rounded to the minute so a
/// disruption's start reads cleanly in the scenario file.
fn day_of(t: u64) -> f64 {
    (t as f64 / 60.0).round() * 60.0 / DAY as f64
}

/// Add `d` (built from the start day and length in days) as one edit.
fn add(ui: Ui, hours: RwSignal<f64>, d: impl FnOnce(f64, f64) -> Disruption) {
    let start = day_of(ui.clock.get_untracked());
    let days = hours.get_untracked().max(1.0) / (DAY / HOUR) as f64;
    ui.edit(|s| s.disruptions.push(d(start, days)));
}

fn hours_input(hours: RwSignal<f64>, testid: &'static str, label: &'static str) -> impl IntoView {
    view! {
        <input type="number" min="1" step="1" data-testid=testid aria-label=label prop:value=move || hours.get()
            on:change=move |ev| {
                if let Ok(h) = event_target_value(&ev).parse::<f64>() {
                    hours.set(h.clamp(1.0, 24.0 * 365.0));
                }
            } />
    }
}

/// Close facility `id` from now: an outage, port strike or supplier failure.
pub fn outage_button(ui: Ui, id: String) -> impl IntoView {
    let hours = RwSignal::new(DEFAULT_HOURS);
    view! {
        <div class="disrupt">
            <span>"Disrupt: for"</span>
            {hours_input(hours, "disrupt-hours", "Hours closed")}
            <span>"hours from now"</span>
            <button data-testid="disrupt-outage" on:click=move |_| {
                let facility = id.clone();
                add(ui, hours, |start_day, days| Disruption::Outage { facility, start_day, days });
            }>"Close it"</button>
        </div>
    }
}

#[component]
pub fn DisruptionsPanel() -> impl IntoView {
    let ui = use_ui();
    let hours = RwSignal::new(DEFAULT_HOURS);
    let list = move || {
        ui.rev.track();
        ui.kpis.track();
        let reports = ui.sb.with_value(|s| s.disruptions());
        let items = ui.sb.with_value(|s| s.scenario.disruptions.clone());
        items
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let line = reports
                    .get(i)
                    .map_or_else(|| supply_sim::disruption::describe(d), line);
                view! {
                    <li data-testid="disruption-item">{line}" "
                        <button class="link" title="Remove this disruption" on:click=move |_| {
                            ui.edit(|s| if i < s.disruptions.len() { s.disruptions.remove(i); });
                        }>"remove"</button>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <fieldset class="disruptions" data-testid="disruptions">
            <legend>"Disruptions"</legend>
            <div class="disrupt">
                <span>"For"</span>
                {hours_input(hours, "weather-hours", "Hours of bad weather")}
                <span>"hours from now"</span>
                <button data-testid="disrupt-weather" on:click=move |_| {
                    add(ui, hours, |start_day, days| Disruption::Weather {
                        start_day,
                        days,
                        road_speed: supply_sim::disruption::HEAVY_SNOW_ROAD_SPEED,
                    });
                }>"Bad weather"</button>
            </div>
            <p class="hint">"Bad weather grounds drones and slows road vehicles to 70 %. To close a facility, select it."</p>
            <ul class="disruption-list">{list}</ul>
        </fieldset>
    }
}

/// One disruption and how on-time recovered from it.
fn line(r: &supply_sim::view::disruption::DisruptionReport) -> String {
    let recovery = match (r.worst_on_time, r.days_to_recover) {
        (None, Some(_)) => "on-time never fell 5 points".to_string(),
        (Some(w), Some(d)) => format!(
            "worst day {}, recovered {d:.0} days after",
            percent(Some(w))
        ),
        (None, None) => "no day since it began has ended yet".to_string(),
        (Some(w), None) => format!("worst day {}, not recovered yet", percent(Some(w))),
    };
    format!(
        "{}, day {:.1} to {:.1}: on time {} before; {recovery}.",
        r.what,
        r.start_day + 1.0,
        r.end_day + 1.0,
        percent(r.on_time_before),
    )
}
