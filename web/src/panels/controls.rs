//! The top bar: scenario, play/pause/step/reset, speed and the sim clock.

use crate::sandbox::Sandbox;
use crate::ui::{SPEEDS, use_ui};
use leptos::prelude::*;
use supply_sim::time::{DAY, HOUR, MINUTE, SimTime};

const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// "Day 3 (Wed) 14:05".
pub fn clock_label(t: SimTime) -> String {
    let day = t / DAY;
    let (h, m) = ((t % DAY) / HOUR, (t % HOUR) / MINUTE);
    format!(
        "Day {} ({}) {h:02}:{m:02}",
        day + 1,
        DAYS[(day % 7) as usize]
    )
}

#[component]
pub fn Controls() -> impl IntoView {
    let ui = use_ui();
    let current_name = move || {
        ui.rev.get();
        ui.sb.with_value(|s| s.name.clone())
    };
    let on_scenario = move |ev| {
        let name = event_target_value(&ev);
        match Sandbox::builtin(&name) {
            Ok(sb) => {
                crate::persist::forget();
                ui.load(sb);
                ui.status.set(format!("Opened {name}"));
            }
            Err(problems) => ui.status.set(format!(
                "Cannot open {name}: {}",
                problems.first().map(|p| p.to_string()).unwrap_or_default()
            )),
        }
    };
    let step = move |_| {
        ui.playing.set(false);
        ui.sb.update_value(|s| {
            let target = s.now() + HOUR;
            while s.now() < target && s.advance(target, 100_000) > 0 {}
        });
        ui.refresh();
    };
    let reset = move |_| {
        ui.sb.update_value(|s| s.restart());
        ui.changed();
        ui.status.set("Reset to day 1, 00:00".into());
    };
    view! {
        <header class="topbar">
            <h1>"Supply Sandbox"</h1>
            <label class="field">
                <span>"Scenario"</span>
                <select data-testid="scenario-select" on:change=on_scenario prop:value=current_name>
                    {supply_sim::builtin::ALL
                        .iter()
                        .map(|(n, _)| view! { <option value=*n>{*n}</option> })
                        .collect_view()}
                    {move || {
                        let n = current_name();
                        supply_sim::builtin::get(&n)
                            .is_none()
                            .then(|| view! { <option value=n.clone()>{format!("{n} (edited)")}</option> })
                    }}
                </select>
            </label>
            <div class="transport">
                <button data-testid="play" title="Play" class:on=move || ui.playing.get() on:click=move |_| ui.playing.set(true)>"▶ Play"</button>
                <button data-testid="pause" title="Pause" class:on=move || !ui.playing.get() on:click=move |_| {
                    ui.playing.set(false);
                    ui.refresh();
                }>"❚❚ Pause"</button>
                <button data-testid="step" title="Advance one sim hour" on:click=step>"+1 h"</button>
                <button data-testid="reset" title="Restart the run at day 1" on:click=reset>"⟲ Reset"</button>
            </div>
            <label class="field">
                <span>"Speed"</span>
                <select
                    data-testid="speed"
                    prop:value=move || ui.speed.get().to_string()
                    on:change=move |ev| {
                        if let Ok(i) = event_target_value(&ev).parse::<usize>() {
                            ui.speed.set(i.min(SPEEDS.len() - 1));
                        }
                    }
                >
                    {SPEEDS
                        .iter()
                        .enumerate()
                        .map(|(i, (_, label))| view! { <option value=i.to_string()>{*label}</option> })
                        .collect_view()}
                </select>
            </label>
            <span class="clock" data-testid="sim-clock">{move || clock_label(ui.clock.get())}</span>
            <span class="files">
                <button data-testid="export-scenario" title="Download the scenario as JSON" on:click=move |_| crate::files::export_scenario(ui)>"Export"</button>
                <button data-testid="export-report" title="Download the current KPI report as JSON" on:click=move |_| crate::files::export_report(ui)>"Report"</button>
                <label class="button" title="Open a scenario JSON file">
                    "Import"
                    <input
                        type="file"
                        accept=".json,application/json"
                        data-testid="import-scenario"
                        on:change=move |ev| {
                            if let Some(input) = ev
                                .target()
                                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(t).ok())
                            {
                                crate::files::import_from_input(ui, input);
                            }
                        }
                    />
                </label>
            </span>
            <span class="undo">
                <button data-testid="undo" title="Undo (Ctrl+Z)" aria-label="Undo"
                    prop:disabled=move || !ui.history(|h| h.can_undo())
                    on:click=move |_| ui.undo()>"↶"</button>
                <button data-testid="redo" title="Redo (Ctrl+Shift+Z)" aria-label="Redo"
                    prop:disabled=move || !ui.history(|h| h.can_redo())
                    on:click=move |_| ui.redo()>"↷"</button>
            </span>
        </header>
    }
}

#[cfg(test)]
mod tests {
    use super::clock_label;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn clock_reads_day_weekday_and_time() {
        assert_eq!(clock_label(0), "Day 1 (Mon) 00:00");
        assert_eq!(
            clock_label(2 * 86_400 + 14 * 3600 + 5 * 60 + 59),
            "Day 3 (Wed) 14:05"
        );
        assert_eq!(clock_label(7 * 86_400), "Day 8 (Mon) 00:00");
    }
}
