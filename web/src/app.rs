//! The page: layout and the components around the map. The frame loop
//! ([`crate::frame_loop`]) and the map gestures ([`crate::gestures`]) are
//! started from here once the map is in the document.

use crate::panels::{
    Controls, FacilityList, Inspector, KpiPanel, LessonPanel, Palette, PerfOverlay,
};
use crate::sandbox::Sandbox;
use crate::ui::{Ui, use_ui};
use crate::{frame_loop, gestures};
use leptos::html::{Canvas, Div};
use leptos::prelude::*;

pub fn query_flag(name: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .and_then(|q| web_sys::UrlSearchParams::new_with_str(&q).ok())
        .and_then(|p| p.get(name))
        .is_some_and(|v| v == "1" || v == "true")
}

/// Is the page embedded (`?embed=1`): compact chrome for a course page.
pub fn embedded() -> bool {
    query_flag("embed")
}

pub fn query_value(name: &str) -> Option<String> {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .and_then(|q| web_sys::UrlSearchParams::new_with_str(&q).ok())
        .and_then(|p| p.get(name))
}

/// The sandbox the page opens with: a `?scenario=` link's built-in, else the
/// saved work, else uk-network; and notes for the person on what was skipped.
fn opening_sandbox() -> (Sandbox, Vec<String>) {
    let requested = query_value("scenario");
    let mut notes = Vec::new();
    // An embedded page keeps its work apart (see `persist`).
    let saved = match crate::persist::load() {
        Some(Ok(sb)) => Some(sb),
        Some(Err(why)) => {
            notes.push(format!("Your saved work could not be read ({why})"));
            None
        }
        None => None,
    };
    if let Some(link) = share_fragment() {
        forget_fragment();
        match crate::share::decode(&link) {
            Ok(opened) => return (from_link(opened, saved), notes),
            Err(why) => notes.push(format!("{why}; your work is unchanged")),
        }
    }
    let mut saved = saved;
    if let Some(id) = query_value("lesson") {
        match lesson_sandbox(&id, &mut saved) {
            Ok(sb) => return (sb, notes),
            Err(why) => notes.push(why),
        }
    }
    let sandbox = match (requested, saved) {
        // A link to the scenario the saved work is in: the work wins.
        (Some(n), Some(saved)) if saved.name == n => saved,
        (Some(n), saved) if supply_sim::builtin::get(&n).is_some() => {
            // The saved work stays kept under its name for coming back to.
            if let Some(saved) = saved {
                crate::persist::keep_edits(&saved);
            }
            match crate::persist::kept_edits(&n) {
                Some(scenario) => Sandbox::new(&n, scenario),
                None => {
                    Sandbox::builtin(&n).unwrap_or_else(|_| Sandbox::new("empty", empty_scenario()))
                }
            }
        }
        (requested, saved) => {
            if let Some(n) = requested {
                notes.push(format!("No built-in scenario named {n:?}"));
            }
            saved
                .or_else(|| Sandbox::builtin("uk-network").ok())
                .unwrap_or_else(|| Sandbox::new("empty", empty_scenario()))
        }
    };
    (sandbox, notes)
}

/// The sandbox a `?lesson=` link opens: the saved work if it is that
/// lesson's (taken from `saved`), else the lesson afresh (the saved work
/// kept under its name).
fn lesson_sandbox(id: &str, saved: &mut Option<Sandbox>) -> Result<Sandbox, String> {
    let name = format!("{}{id}", crate::lesson_run::NAME_PREFIX);
    if saved
        .as_ref()
        .is_some_and(|s| s.name == name && s.lesson.is_some())
        && let Some(s) = saved.take()
    {
        return Ok(s);
    }
    let sb = Sandbox::lesson(id)?;
    if let Some(s) = saved {
        crate::persist::keep_edits(s);
    }
    Ok(sb)
}

/// The page's share-link fragment (without `#`), if it has one.
fn share_fragment() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let fragment = hash.strip_prefix('#').unwrap_or(&hash).to_owned();
    crate::share::is_share(&fragment).then_some(fragment)
}

/// Take the link out of the address bar once read, so a reload opens the
/// person's saved work (which by then is the shared scenario and any edits).
fn forget_fragment() {
    let Some(w) = web_sys::window() else { return };
    let loc = w.location();
    let url = format!(
        "{}{}",
        loc.pathname().unwrap_or_default(),
        loc.search().unwrap_or_default()
    );
    if let Ok(h) = w.history() {
        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// The sandbox a share link opens. The person's saved work is kept under
/// its own name; a shared scenario of the same name is opened beside it.
fn from_link(opened: crate::share::Opened, saved: Option<Sandbox>) -> Sandbox {
    let mut name = opened.name;
    if let Some(saved) = saved {
        crate::persist::keep_edits(&saved);
        if saved.name == name && saved.edited() {
            name = format!("{name} (shared)");
        }
    }
    Sandbox::restored(&name, opened.scenario, opened.seed)
}

/// How long a status message stays, seconds: long enough to read a
/// two-line import error aloud to a class.
const STATUS_SECONDS: u64 = 10;

#[component]
pub fn App() -> impl IntoView {
    let (mut sandbox, notes) = opening_sandbox();
    // `?horizon=off` runs on past the horizon (the frame-time benchmark).
    sandbox.past_horizon = query_value("horizon").as_deref() == Some("off");
    let ui = Ui::new(sandbox, crate::prefs::autoplay());
    crate::prefs::apply_large_text(crate::prefs::large_text());
    if !notes.is_empty() {
        let opened = ui.sb.with_value(|s| s.scenario.name.clone());
        ui.status
            .set(format!("{}; opened {opened}", notes.join("; ")));
    }
    provide_context(ui);
    provide_context(crate::panels::print_report::PrintState::new());
    provide_context(crate::panels::stock_plan::StockPlanState::new());
    provide_context(crate::panels::experiments::ExperimentsState::new());
    ui.refresh();
    let own_origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    let parents = query_value("parent");
    crate::embed_api::start(
        ui,
        crate::embed_api::allowed_origins(&own_origin, parents.as_deref()),
    );
    let embed = embedded();
    crate::prefs::apply_root_class("embed", embed);
    let lesson_panel = !(embed && query_value("lesson_panel").as_deref() == Some("0"));
    // Work survives a reload: each change (edit, undo/redo, reset, load)
    // moves the revision and marks the sandbox unsaved; save it then.
    Effect::new(move |_| {
        ui.rev.track();
        if ui.unsaved.get_value() {
            ui.unsaved.set_value(false);
            if let Err(why) = ui.sb.with_value(crate::persist::save) {
                ui.status.set(why);
            }
        }
    });

    // A status line is a toast: it clears itself once read.
    Effect::new(move |_| {
        let msg = ui.status.get();
        if msg.is_empty() {
            return;
        }
        set_timeout(
            move || {
                if ui.status.get_untracked() == msg {
                    ui.status.set(String::new());
                }
            },
            std::time::Duration::from_secs(STATUS_SECONDS),
        );
    });

    let canvas = NodeRef::<Canvas>::new();
    let map_box = NodeRef::<Div>::new();
    let perf_on = query_flag("perf");

    Effect::new(move |_| {
        if let (Some(c), Some(m)) = (canvas.get(), map_box.get()) {
            gestures::attach(ui, &m);
            frame_loop::start(ui, c, m, perf_on);
        }
    });
    window_event_listener(leptos::ev::keydown, move |ev| gestures::on_key(ui, ev));

    view! {
        <Controls />
        <main class="workspace">
            <aside class="left">
                <Palette map_box=map_box />
                <FacilityList />
            </aside>
            <div class="map" data-testid="map" node_ref=map_box tabindex="0" role="application"
                aria-label="Network map" aria-describedby="map-summary">
                <MapSummary />
                <canvas node_ref=canvas data-testid="map-canvas"></canvas>
                <MapButtons />
                <Legend />
                <ScaleBar />
                <EndOfRun />
                <p class="attribution">"Coast: Natural Earth · Places: © GeoNames, CC BY 4.0"</p>
                {move || perf_on.then(|| view! { <PerfOverlay /> })}
                <p class="status" data-testid="status" aria-live="polite">{move || ui.status.get()}</p>
            </div>
            <aside class="right">
                {lesson_panel.then(|| view! { <LessonPanel /> })}
                <crate::panels::stock_plan::StockPlanPanel />
                <crate::panels::experiments::ExperimentsPanel />
                <KpiPanel />
                <crate::panels::breakdown::BreakdownPanel />
                <Inspector />
            </aside>
        </main>
        <crate::panels::print_report::PrintView />
    }
}

fn empty_scenario() -> supply_sim::Scenario {
    supply_sim::Scenario::from_json(
        r#"{"version": 1, "name": "Empty", "facilities": [], "lanes": []}"#,
    )
    .expect("the empty scenario parses")
}

#[component]
fn MapButtons() -> impl IntoView {
    let ui = use_ui();
    let zoom = move |factor: f64| {
        ui.view.update_value(|v| {
            if let Some(v) = v {
                let (cx, cy) = (v.width / 2.0, v.height / 2.0);
                v.zoom_at(cx, cy, factor);
            }
        });
    };
    view! {
        <div class="map-buttons">
            <button title="Zoom in" data-testid="zoom-in" on:click=move |_| zoom(gestures::KEY_ZOOM)>"+"</button>
            <button title="Zoom out" data-testid="zoom-out" on:click=move |_| zoom(1.0 / gestures::KEY_ZOOM)>"−"</button>
            <button title="Fit the network" data-testid="fit" on:click=move |_| ui.fit_requested.set_value(true)>"⤢"</button>
        </div>
    }
}

#[component]
fn ScaleBar() -> impl IntoView {
    let ui = use_ui();
    let label = move || {
        let km = ui.scale.get().0;
        if km >= 1.0 {
            format!("{km} km")
        } else {
            format!("{} m", (km * 1000.0).round())
        }
    };
    view! {
        <div class="scale-bar" style=move || format!("width:{:.0}px", ui.scale.get().1)>
            <span data-testid="scale">{label}</span>
        </div>
    }
}

/// At the scenario's horizon the run stops and says how it went, with a
/// way to go on past it or to start again.
#[component]
fn EndOfRun() -> impl IntoView {
    let ui = use_ui();
    let ended = move || {
        ui.clock.track();
        ui.rev.track();
        ui.sb.with_value(|s| s.at_end())
    };
    let summary = move || {
        ui.clock.track();
        let (days, kpis) = ui.sb.with_value(|s| (s.scenario.days, s.kpis()));
        let k = kpis?;
        let pct = |v: f64| format!("{:.1} %", v * 100.0);
        let mut lines = vec![
            format!(
                "{} orders placed, {} delivered",
                crate::panels::kpis::thousands(k.orders_placed as i64),
                crate::panels::kpis::thousands(k.orders_delivered as i64)
            ),
            format!(
                "On time {} · fill rate {}",
                pct(k.on_time_rate),
                pct(k.fill_rate)
            ),
        ];
        if let (Some(c), Some(g)) = (k.cost_per_package, k.co2e_g_per_package) {
            lines.push(format!(
                "{} and {g:.0} g CO₂e per package",
                crate::panels::kpis::pounds(c)
            ));
        }
        Some((days, lines))
    };
    let go_on = move |_| {
        ui.sb.update_value(|s| s.past_horizon = true);
        ui.playing.set(true);
        ui.changed();
    };
    let again = move |_| {
        ui.sb.update_value(crate::sandbox::Sandbox::reset);
        ui.playing.set(true);
        ui.changed();
    };
    view! {
        <Show when=ended>
            <section class="end-of-run" data-testid="end-of-run" role="status">
                {move || summary().map(|(days, lines)| view! {
                    <h2>{format!("End of the run: day {days} is over")}</h2>
                    <ul>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                })}
                <div class="end-buttons">
                    <button data-testid="continue" on:click=go_on>"Continue past the horizon"</button>
                    <button data-testid="run-again" on:click=again>"Run again from day 1"</button>
                </div>
            </section>
        </Show>
    }
}

/// The key to every symbol on the map: facility kinds, zone areas,
/// utilisation arcs, the stockout ring, vehicles and lane modes. It can be
/// collapsed, and on a small page it starts so.
#[component]
fn Legend() -> impl IntoView {
    use crate::labels::{kind_label, mode_label};
    use crate::style::{kind_colour, kind_glyph, mode_colour};
    use supply_sim::emissions::Mode;
    let size = |v: Result<wasm_bindgen::JsValue, _>| v.ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
    let wide = web_sys::window().is_some_and(|w| {
        size(w.inner_width()) >= LEGEND_OPEN_PX.0 && size(w.inner_height()) >= LEGEND_OPEN_PX.1
    });
    view! {
        <details class="legend" data-testid="legend" open=wide>
            <summary>"Legend"</summary>
            <div class="legend-grid">
                {crate::edit::KINDS
                    .iter()
                    .map(|&k| view! {
                        <span><b class="glyph" aria-hidden="true" style=format!("color:{}", kind_colour(k))>{kind_glyph(k)}</b>{kind_label(k)}</span>
                    })
                    .collect_view()}
                <span><b class="sym zone" aria-hidden="true"></b>"Zone's area"</span>
                <span><b class="sym busy" aria-hidden="true"></b>"Arc: how busy"</span>
                <span><b class="sym stockout" aria-hidden="true"></b>"Red ring: out of stock"</span>
                <span><b class="sym vehicle" aria-hidden="true"></b>"Vehicle: colour = how full"</span>
                {Mode::ALL
                    .iter()
                    .map(|&m| view! {
                        <span><i aria-hidden="true" style=format!("background:{}", mode_colour(m))></i>{mode_label(m)}</span>
                    })
                    .collect_view()}
            </div>
        </details>
    }
}

/// The smallest page (CSS px, width and height) on which the legend starts
/// open: on smaller ones it would hide part of the network.
const LEGEND_OPEN_PX: (f64, f64) = (1400.0, 850.0);

/// The map's text alternative: what it shows, in words, and where the
/// accessible view (the facility list) is.
#[component]
fn MapSummary() -> impl IntoView {
    let ui = use_ui();
    let text = move || {
        ui.rev.track();
        ui.sb.with_value(|s| {
            let mut counts: Vec<String> = Vec::new();
            for &k in crate::edit::KINDS.iter() {
                let n = s.scenario.facilities.iter().filter(|f| f.kind == k).count();
                if n > 0 {
                    counts.push(format!("{n} {}", crate::labels::kind_label(k).to_lowercase()));
                }
            }
            format!(
                "Map of {}: {} facilities ({}) joined by {} lanes. The facility list is the map in words: choose a facility there to inspect it. On the map, the arrow keys pan, + and − zoom, and Space plays or pauses.",
                s.scenario.name,
                s.scenario.facilities.len(),
                counts.join(", "),
                s.scenario.lanes.len()
            )
        })
    };
    view! { <p id="map-summary" class="sr-only" data-testid="map-summary">{text}</p> }
}
