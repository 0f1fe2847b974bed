//! The top bar: scenario, play/pause/step/reset, speed and the sim clock.

use crate::sandbox::Sandbox;
use crate::ui::{SPEEDS, use_ui};
use leptos::prelude::*;
use supply_sim::time::{HOUR, SimTime};

/// "Day 3 (Wed) 14:05".
pub fn clock_label(t: SimTime) -> String {
    supply_sim::view::format::clock(t)
}

#[component]
pub fn Controls() -> impl IntoView {
    let ui = use_ui();
    let current_name = move || {
        ui.rev.get();
        ui.sb.with_value(|s| s.name.clone())
    };
    let on_scenario = move |ev| ui.open(&event_target_value(&ev));
    let step = move |_| {
        ui.playing.set(false);
        ui.sb.update_value(|s| {
            let target = s.now() + HOUR;
            while s.now() < target && s.advance(target, 100_000) > 0 {}
        });
        ui.refresh();
    };
    let reset = move |_| {
        ui.sb.update_value(Sandbox::reset);
        ui.changed();
        ui.status.set("Reset to day 1, 00:00".into());
    };
    view! {
        <header class="topbar">
            <h1>"Supply Sandbox"</h1>
            <label class="field full-only">
                <span class="sr-only">"Scenario"</span>
                <select data-testid="scenario-select" on:change=on_scenario prop:value=current_name>
                    {move || scenario_options(current_name())
                        .into_iter()
                        .map(|n| {
                            let label = if n.starts_with(crate::lesson_run::NAME_PREFIX) {
                                "In a lesson".to_owned()
                            } else if ui.is_edited(&n) {
                                format!("{n} (edited)")
                            } else {
                                n.clone()
                            };
                            view! { <option value=n>{label}</option> }
                        })
                        .collect_view()}
                </select>
            </label>
            <span class="full-only"><LessonMenu /></span>
            <span class="full-only"><crate::panels::BeerGame /></span>
            {crate::app::embedded().then(|| view! { <OpenFull /> })}
            // Always there (disabled until there are edits), so the bar never reflows.
            <button data-testid="revert" class:edited=move || ui.is_edited(&current_name())
                prop:disabled=move || !ui.is_edited(&current_name())
                title="Your edits are kept when you switch scenario. Revert goes back to the original (Ctrl+Z undoes it)"
                on:click=move |_| ui.revert()>"Revert"</button>
            <div class="transport">
                <button data-testid="play-pause"
                    title="Play or pause (Space on the map)"
                    aria-pressed=move || ui.playing.get().to_string()
                    class:on=move || ui.playing.get()
                    on:click=move |_| ui.toggle_playing()>
                    {move || if ui.playing.get() { "❚❚ Pause" } else { "▶ Play" }}
                </button>
                <button data-testid="step" title="Advance one sim hour" on:click=step>"+1 h"</button>
                <button data-testid="reset" title="Restart the run at day 1" on:click=reset>"⟲ Reset"</button>
            </div>
            <label class="field">
                <span class="sr-only">"Speed"</span>
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
            <span class="full-only"><crate::panels::stock_plan::StockPlanButton /></span>
            <span class="full-only"><crate::panels::experiments::ExperimentsButton /></span>
            <span class="files full-only">
                <button data-testid="export-scenario" title="Download the scenario as JSON" on:click=move |_| crate::files::export_scenario(ui)>"Export"</button>
                <button data-testid="export-report" title="Download the current KPI report as JSON" on:click=move |_| crate::files::export_report(ui)>"Report"</button>
                <crate::panels::print_report::PrintButton />
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
                <ShareMenu />
                <ViewSettings />
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

/// In an embedded page: the same work in the full sandbox, in a new tab
/// (a share link, so the edits made here go along).
#[component]
fn OpenFull() -> impl IntoView {
    let ui = use_ui();
    let open = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        let fragment = ui
            .sb
            .with_value(|s| crate::share::encode(&s.name, s.seed, &s.scenario));
        let Some(w) = web_sys::window() else { return };
        let path = w.location().pathname().unwrap_or_default();
        let _ = w.open_with_url_and_target(&format!("{path}#{fragment}"), "_blank");
    };
    view! {
        <a class="open-full" data-testid="open-full" href="./" target="_blank" rel="noopener"
            title="Open this scenario, with your edits, in the full sandbox in a new tab"
            on:click=open>"Open full sandbox ↗"</a>
    }
}

/// The built-in lessons, by title; choosing one opens it.
#[component]
fn LessonMenu() -> impl IntoView {
    let ui = use_ui();
    let titles: Vec<(String, String)> = supply_sim::builtin::LESSONS
        .iter()
        .filter_map(|(id, json)| {
            let l: supply_sim::lesson::Lesson = serde_json::from_str(json).ok()?;
            Some(((*id).to_owned(), l.title))
        })
        .collect();
    let current = move || {
        ui.rev.get();
        ui.sb.with_value(|s| {
            s.lesson
                .as_ref()
                .map_or(String::new(), |l| l.lesson.id.clone())
        })
    };
    view! {
        <label class="field">
            <span class="sr-only">"Lesson"</span>
            <select data-testid="lesson-select" prop:value=current
                on:change=move |ev| {
                    let id = event_target_value(&ev);
                    if !id.is_empty() {
                        ui.open_lesson(&id);
                    }
                }>
                <option value="">"Lessons…"</option>
                {titles.into_iter().map(|(id, t)| view! { <option value=id>{t}</option> }).collect_view()}
            </select>
        </label>
    }
}

/// A link that opens this exact run: the scenario with its recorded
/// controls and the seed, in the URL fragment (nothing goes to a server).
#[component]
fn ShareMenu() -> impl IntoView {
    let ui = use_ui();
    let link = RwSignal::new(String::new());
    let make = move || {
        let fragment = ui
            .sb
            .with_value(|s| crate::share::encode(&s.name, s.seed, &s.scenario));
        let page = web_sys::window()
            .and_then(|w| {
                let loc = w.location();
                Some(format!(
                    "{}{}{}",
                    loc.origin().ok()?,
                    loc.pathname().ok()?,
                    loc.search().ok()?
                ))
            })
            .unwrap_or_default();
        link.set(format!("{page}#{fragment}"));
    };
    let copy = move |_| {
        let text = link.get_untracked();
        if let Some(w) = web_sys::window() {
            let _ = w.navigator().clipboard().write_text(&text);
        }
        ui.status.set(format!(
            "Link copied ({} characters): it opens this scenario and replays the same run",
            crate::panels::kpis::thousands(text.len() as i64)
        ));
    };
    view! {
        <details class="settings" data-testid="share" on:toggle=move |_| make()>
            <summary title="A link that opens this exact run">"Share"</summary>
            <div class="settings-menu share-menu">
                <label for="share-link">"Link to this scenario and run"</label>
                <input id="share-link" type="text" readonly data-testid="share-link" prop:value=move || link.get() />
                <button data-testid="share-copy" on:click=copy>"Copy link"</button>
                <p class="hint">"Anyone who opens it gets your scenario, its recorded controls and seed: the same run, in their own browser."</p>
            </div>
        </details>
    }
}

/// A view setting: its test id, its words, whether it is on, and how to set it.
type Choice = (&'static str, &'static str, bool, fn(bool));

/// How the page behaves for a class: play on open, large text.
#[component]
fn ViewSettings() -> impl IntoView {
    use crate::prefs;
    let choices: [Choice; 2] = [
        (
            "autoplay",
            "Play when the page opens",
            prefs::autoplay(),
            prefs::set_autoplay,
        ),
        (
            "large-text",
            "Large text (projector)",
            prefs::large_text(),
            prefs::set_large_text,
        ),
    ];
    view! {
        <details class="settings" data-testid="view-settings">
            <summary title="View settings">"View"</summary>
            <div class="settings-menu">
                {choices
                    .into_iter()
                    .map(|(testid, text, on, set)| view! {
                        <label>
                            <input type="checkbox" data-testid=testid prop:checked=on
                                on:change=move |ev| set(event_target_checked(&ev)) />
                            {text}
                        </label>
                    })
                    .collect_view()}
            </div>
        </details>
    }
}

/// Benchmark scenarios, listed only with `?dev`: learners never need them.
const DEV_ONLY: [&str; 1] = ["stress-vehicles"];

/// The scenario menu: the built-ins a learner needs (all of them with
/// `?dev`), and the open one if it is not among them (an import).
fn scenario_options(current: String) -> Vec<String> {
    let dev = crate::app::query_flag("dev");
    let mut names: Vec<String> = supply_sim::builtin::ALL
        .iter()
        .map(|(n, _)| *n)
        .filter(|n| dev || !DEV_ONLY.contains(n))
        .map(str::to_owned)
        .collect();
    if !names.contains(&current) {
        names.push(current);
    }
    names
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
