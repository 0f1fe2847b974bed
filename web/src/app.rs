//! The page: layout, the animation loop, and map pointer/keyboard handling.

use crate::basemap_layer::BasemapLayer;
use crate::map::{self, Scene, Selection};
use crate::panels::{Controls, FacilityList, Inspector, KpiPanel, Palette, PerfOverlay};
use crate::perf::PerfWindow;
use crate::sandbox::Sandbox;
use crate::ui::{SPEEDS, Ui, use_ui};
use crate::viewport::Viewport;
use leptos::html::{Canvas, Div};
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use supply_sim::Frame;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use web_sys::{CanvasRenderingContext2d, PointerEvent, WheelEvent};

/// Our work budget per animation frame, ms: the sim gets what drawing the
/// last frame left of it (at least 1 ms, so a busy map still advances).
const FRAME_BUDGET_MS: f64 = 7.0;
/// Events between checks of the clock.
const EVENT_CHUNK: usize = 512;

fn perf_now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

fn query_flag(name: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .and_then(|q| web_sys::UrlSearchParams::new_with_str(&q).ok())
        .and_then(|p| p.get(name))
        .is_some_and(|v| v == "1" || v == "true")
}

fn query_value(name: &str) -> Option<String> {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .and_then(|q| web_sys::UrlSearchParams::new_with_str(&q).ok())
        .and_then(|p| p.get(name))
}

#[component]
pub fn App() -> impl IntoView {
    // A `?scenario=` link opens that built-in; otherwise the saved work, then uk-network.
    let requested = query_value("scenario");
    let mut notes = Vec::new();
    let saved = match crate::persist::load() {
        Some(Ok(sb)) => Some(sb),
        Some(Err(why)) => {
            notes.push(format!("Your saved work could not be read ({why})"));
            None
        }
        None => None,
    };
    let sandbox = match requested.as_deref().map(Sandbox::builtin) {
        Some(Ok(sb)) => sb,
        other => {
            if let (Some(Err(_)), Some(n)) = (other, &requested) {
                notes.push(format!("No built-in scenario named {n:?}"));
            }
            saved
                .or_else(|| Sandbox::builtin("uk-network").ok())
                .unwrap_or_else(|| Sandbox::new("empty", empty_scenario()))
        }
    };
    let ui = Ui::new(sandbox);
    if !notes.is_empty() {
        let opened = ui.sb.with_value(|s| s.scenario.name.clone());
        ui.status
            .set(format!("{}; opened {opened}", notes.join("; ")));
    }
    provide_context(ui);
    ui.refresh();

    let canvas = NodeRef::<Canvas>::new();
    let map_box = NodeRef::<Div>::new();
    let perf_on = query_flag("perf");

    Effect::new(move |_| {
        if let (Some(c), Some(m)) = (canvas.get(), map_box.get()) {
            start_loop(ui, c, m, perf_on);
        }
    });
    window_event_listener(leptos::ev::keydown, move |ev| on_key(ui, ev));

    view! {
        <Controls />
        <main class="workspace">
            <aside class="left">
                <Palette map_box=map_box />
                <FacilityList />
            </aside>
            <div class="map" data-testid="map" node_ref=map_box tabindex="0" aria-label="Network map">
                <canvas node_ref=canvas data-testid="map-canvas"></canvas>
                <MapButtons />
                <Legend />
                <ScaleBar />
                {move || perf_on.then(|| view! { <PerfOverlay /> })}
                <p class="status" data-testid="status">{move || ui.status.get()}</p>
            </div>
            <aside class="right">
                <KpiPanel />
                <Inspector />
            </aside>
        </main>
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
            <button title="Zoom in" data-testid="zoom-in" on:click=move |_| zoom(1.5)>"+"</button>
            <button title="Zoom out" data-testid="zoom-out" on:click=move |_| zoom(1.0 / 1.5)>"−"</button>
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

#[component]
fn Legend() -> impl IntoView {
    use supply_sim::emissions::Mode;
    view! {
        <div class="legend" data-testid="legend">
            {Mode::ALL
                .iter()
                .map(|&m| {
                    view! {
                        <span>
                            <i style=format!("background:{}", crate::style::mode_colour(m))></i>
                            {crate::style::mode_label(m)}
                        </span>
                    }
                })
                .collect_view()}
        </div>
    }
}

/// What the pointer is doing on the map.
enum Gesture {
    None,
    Pan {
        x: f64,
        y: f64,
    },
    Move {
        id: String,
        from: (f64, f64),
        moved: bool,
    },
    Pinch,
}

struct Pointers {
    gesture: Gesture,
    /// Active touch points (id, x, y) for pinch zoom.
    touches: Vec<(i32, f64, f64)>,
}

fn local_xy(m: &web_sys::HtmlDivElement, ev: &PointerEvent) -> (f64, f64) {
    let r = m.get_bounding_client_rect();
    (
        ev.client_x() as f64 - r.left(),
        ev.client_y() as f64 - r.top(),
    )
}

fn start_loop(
    ui: Ui,
    canvas: web_sys::HtmlCanvasElement,
    map_box: web_sys::HtmlDivElement,
    perf_on: bool,
) {
    let Some(ctx) = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
    else {
        ui.status.set("This browser cannot draw on a canvas".into());
        return;
    };
    let basemap = match BasemapLayer::load() {
        Ok(b) => Some(b),
        Err(e) => {
            ui.status.set(format!("Basemap unavailable: {e}"));
            None
        }
    };
    attach_pointer_handlers(ui, &map_box);

    let mut frame = Frame::default();
    let mut last_ts: Option<f64> = None;
    let mut last_ui = 0.0;
    let mut window = PerfWindow::default();
    let mut last_draw_ms = 0.0;
    let tick = move |ts: f64| {
        let t0 = perf_now();
        // Size the canvas to its box at the device pixel ratio.
        let dpr = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio());
        let (w, h) = (
            map_box.client_width().max(1) as f64,
            map_box.client_height().max(1) as f64,
        );
        let (pw, ph) = ((w * dpr).round() as u32, (h * dpr).round() as u32);
        if canvas.width() != pw || canvas.height() != ph {
            canvas.set_width(pw);
            canvas.set_height(ph);
        }
        let mut view = ui.view.get_value().unwrap_or_else(|| Viewport::new(w, h));
        view.width = w;
        view.height = h;
        if ui.fit_requested.get_value() {
            ui.sb.with_value(|s| {
                view.fit(s.scenario.facilities.iter().map(|f| (f.lat, f.lon)), 72.0)
            });
            ui.fit_requested.set_value(false);
        }
        ui.view.set_value(Some(view));
        let bar = map::scale_bar(view.km_per_px(), 120.0);
        if ui.scale.get_untracked() != bar {
            ui.scale.set(bar);
        }

        // Advance the sim within the budget.
        let dt = last_ts.map_or(0.0, |l| ((ts - l) / 1000.0).clamp(0.0, 0.25));
        last_ts = Some(ts);
        let mut events = 0;
        let catching_up = ui.sb.with_value(Sandbox::catching_up);
        if ui.playing.get_untracked() || catching_up {
            let rate = SPEEDS[ui.speed.get_untracked()].0 as f64;
            let target = ui.sb.with_value(|s| s.now())
                + if ui.playing.get_untracked() {
                    (rate * dt) as u64
                } else {
                    0
                };
            ui.sb.update_value(|s| {
                loop {
                    let n = s.advance(target, EVENT_CHUNK);
                    events += n;
                    if n < EVENT_CHUNK
                        || perf_now() - t0 > (FRAME_BUDGET_MS - last_draw_ms).max(1.0)
                    {
                        break;
                    }
                }
            });
        }
        let t1 = perf_now();

        // Draw.
        ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0).ok();
        let selected = ui.selected.get_untracked();
        let ghost = ui.ghost.get_value();
        let hovered = ui.hovered.get_value();
        ui.sb.with_value(|s| {
            if let Some(e) = &s.engine {
                e.frame_into(&mut frame);
            } else {
                frame = Frame::default();
            }
            let scene = Scene {
                view: &view,
                scenario: &s.scenario,
                lane_ends: &s.lane_ends,
                frame: s.engine.as_ref().map(|_| &frame),
                time: s.now(),
                selected: selected.as_ref(),
                hovered: hovered.as_deref(),
                ghost,
                basemap: basemap.as_ref(),
                wall_ms: ts,
            };
            map::draw(&ctx, &scene);
        });
        let t2 = perf_now();
        last_draw_ms = t2 - t1;

        // Mirror to the panels a few times a second, not every frame.
        if ts - last_ui > 200.0 {
            last_ui = ts;
            ui.refresh();
        }
        if perf_on
            && let Some(stats) = window.frame(
                t2,
                t1 - t0,
                t2 - t1,
                events,
                frame.vehicles.len(),
                frame.time,
            )
        {
            ui.perf.set(Some(stats));
        }
    };
    request_frames(tick);
}

/// Call `tick` on every animation frame for the life of the page.
fn request_frames(mut tick: impl FnMut(f64) + 'static) {
    type Slot = Rc<RefCell<Option<Closure<dyn FnMut(f64)>>>>;
    let slot: Slot = Rc::new(RefCell::new(None));
    let again = slot.clone();
    *slot.borrow_mut() = Some(Closure::new(move |ts: f64| {
        tick(ts);
        if let (Some(w), Some(cb)) = (web_sys::window(), again.borrow().as_ref()) {
            let _ = w.request_animation_frame(cb.as_ref().unchecked_ref());
        }
    }));
    if let (Some(w), Some(cb)) = (web_sys::window(), slot.borrow().as_ref()) {
        let _ = w.request_animation_frame(cb.as_ref().unchecked_ref());
    }
}

fn attach_pointer_handlers(ui: Ui, m: &web_sys::HtmlDivElement) {
    let state = Rc::new(RefCell::new(Pointers {
        gesture: Gesture::None,
        touches: Vec::new(),
    }));
    let view = move || ui.view.get_value();

    let down = {
        let (state, m) = (state.clone(), m.clone());
        Closure::<dyn FnMut(PointerEvent)>::new(move |ev: PointerEvent| {
            // Buttons over the map handle their own clicks; capturing their
            // pointer here would retarget the click to the map.
            let on_canvas = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|el| el.tag_name() == "CANVAS");
            if ev.button() != 0 || !on_canvas {
                return;
            }
            let (x, y) = local_xy(&m, &ev);
            let _ = m.set_pointer_capture(ev.pointer_id());
            let _ = m.focus();
            let mut st = state.borrow_mut();
            if ev.pointer_type() == "touch" {
                st.touches.push((ev.pointer_id(), x, y));
                if st.touches.len() == 2 {
                    st.gesture = Gesture::Pinch;
                    return;
                }
            }
            let Some(v) = view() else { return };
            let hit = ui
                .sb
                .with_value(|s| map::facility_at(&v, &s.scenario, x, y));
            st.gesture = if let Some(id) = hit {
                let from = ui.sb.with_value(|s| {
                    s.scenario
                        .facilities
                        .iter()
                        .find(|f| f.id == id)
                        .map_or((0.0, 0.0), |f| (f.lat, f.lon))
                });
                ui.selected.set(Some(Selection::Facility(id.clone())));
                Gesture::Move {
                    id,
                    from,
                    moved: false,
                }
            } else if let Some(veh) = ui.sb.with_value(|s| {
                let e = s.engine.as_ref()?;
                let placer = map::Placer::for_view(&v, &s.scenario);
                map::vehicle_at(&placer, &e.frame(), e.now(), x, y)
            }) {
                ui.selected.set(Some(Selection::Vehicle {
                    lane: veh.lane,
                    depart: veh.depart,
                }));
                Gesture::None
            } else if let Some(lane) = ui
                .sb
                .with_value(|s| map::lane_at(&v, &s.scenario, &s.lane_ends, x, y))
            {
                ui.selected.set(Some(Selection::Lane(lane)));
                Gesture::None
            } else {
                Gesture::Pan { x, y }
            };
        })
    };
    let moved = {
        let (state, m) = (state.clone(), m.clone());
        Closure::<dyn FnMut(PointerEvent)>::new(move |ev: PointerEvent| {
            let (x, y) = local_xy(&m, &ev);
            let mut st = state.borrow_mut();
            if let Gesture::Pinch = st.gesture {
                let old = st.touches.clone();
                if let Some(t) = st.touches.iter_mut().find(|t| t.0 == ev.pointer_id()) {
                    t.1 = x;
                    t.2 = y;
                }
                if let ([a, b], [c, d]) = (old.as_slice(), st.touches.as_slice()) {
                    let d0 = ((a.1 - b.1).powi(2) + (a.2 - b.2).powi(2)).sqrt();
                    let d1 = ((c.1 - d.1).powi(2) + (c.2 - d.2).powi(2)).sqrt();
                    if d0 > 1.0 {
                        let (mx, my) = ((c.1 + d.1) / 2.0, (c.2 + d.2) / 2.0);
                        ui.view.update_value(|v| {
                            if let Some(v) = v {
                                v.zoom_at(mx, my, d1 / d0);
                            }
                        });
                    }
                }
                return;
            }
            match &mut st.gesture {
                Gesture::Pan { x: px, y: py } => {
                    let (dx, dy) = (x - *px, y - *py);
                    (*px, *py) = (x, y);
                    ui.view.update_value(|v| {
                        if let Some(v) = v {
                            v.pan(dx, dy);
                        }
                    });
                }
                Gesture::Move { id, moved, .. } => {
                    let Some(v) = view() else { return };
                    let (lat, lon) = v.unproject(x, y);
                    *moved = true;
                    // Live preview; the undoable edit is made on release.
                    ui.sb.update_value(|s| {
                        if let Some(f) = s.scenario.facilities.iter_mut().find(|f| &f.id == id) {
                            (f.lat, f.lon) = (lat, lon);
                        }
                    });
                }
                Gesture::None => {
                    // Hovering names a facility whose label is hidden at this zoom.
                    let hover = view().and_then(|v| {
                        ui.sb
                            .with_value(|s| map::facility_at(&v, &s.scenario, x, y))
                    });
                    if let Some(el) = m.dyn_ref::<web_sys::HtmlElement>() {
                        let _ = el
                            .style()
                            .set_property("cursor", if hover.is_some() { "pointer" } else { "" });
                    }
                    ui.hovered.set_value(hover);
                }
                Gesture::Pinch => {}
            }
        })
    };
    let up = {
        let state = state.clone();
        Closure::<dyn FnMut(PointerEvent)>::new(move |ev: PointerEvent| {
            let mut st = state.borrow_mut();
            st.touches.retain(|t| t.0 != ev.pointer_id());
            if let Gesture::Move {
                id,
                from,
                moved: true,
            } = &st.gesture
            {
                let (id, from) = (id.clone(), *from);
                let to = ui.sb.with_value(|s| {
                    s.scenario
                        .facilities
                        .iter()
                        .find(|f| f.id == id)
                        .map(|f| (f.lat, f.lon))
                });
                // Put it back, then make the move one undoable edit.
                ui.sb.update_value(|s| {
                    if let Some(f) = s.scenario.facilities.iter_mut().find(|f| f.id == id) {
                        (f.lat, f.lon) = from;
                    }
                });
                if let Some((lat, lon)) = to {
                    ui.edit(|s| {
                        crate::edit::move_facility(s, &id, lat, lon);
                    });
                    ui.status
                        .set("Moved; distances and transit times updated".into());
                }
            } else if matches!(st.gesture, Gesture::Pan { .. }) {
                // A click on empty map clears the selection.
            }
            if st.touches.is_empty() {
                st.gesture = Gesture::None;
            }
            ui.rev.update(|r| *r += 1);
        })
    };
    let wheel = Closure::<dyn FnMut(WheelEvent)>::new({
        let m = m.clone();
        move |ev: WheelEvent| {
            ev.prevent_default();
            let r = m.get_bounding_client_rect();
            let (x, y) = (
                ev.client_x() as f64 - r.left(),
                ev.client_y() as f64 - r.top(),
            );
            let factor = (-ev.delta_y() * 0.0015).exp();
            ui.view.update_value(|v| {
                if let Some(v) = v {
                    v.zoom_at(x, y, factor);
                }
            });
        }
    });
    let target: &web_sys::EventTarget = m.as_ref();
    let _ = target.add_event_listener_with_callback("pointerdown", down.as_ref().unchecked_ref());
    let _ = target.add_event_listener_with_callback("pointermove", moved.as_ref().unchecked_ref());
    let _ = target.add_event_listener_with_callback("pointerup", up.as_ref().unchecked_ref());
    let _ = target.add_event_listener_with_callback("pointercancel", up.as_ref().unchecked_ref());
    let _ = target.add_event_listener_with_callback("wheel", wheel.as_ref().unchecked_ref());
    // The map lives as long as the page.
    down.forget();
    moved.forget();
    up.forget();
    wheel.forget();
}

fn on_key(ui: Ui, ev: web_sys::KeyboardEvent) {
    // Typing in a field keeps the browser's own undo and arrows.
    let in_field = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
    if in_field {
        return;
    }
    let key = ev.key();
    let ctrl = ev.ctrl_key() || ev.meta_key();
    if ctrl && (key == "z" || key == "Z") {
        ev.prevent_default();
        if ev.shift_key() {
            ui.redo()
        } else {
            ui.undo()
        }
        return;
    }
    if ctrl && (key == "y" || key == "Y") {
        ev.prevent_default();
        ui.redo();
        return;
    }
    let Some(Selection::Facility(id)) = ui.selected.get_untracked() else {
        return;
    };
    let step = if ev.shift_key() { 25.0 } else { 5.0 };
    let (dx, dy) = match key.as_str() {
        "ArrowLeft" => (-step, 0.0),
        "ArrowRight" => (step, 0.0),
        "ArrowUp" => (0.0, -step),
        "ArrowDown" => (0.0, step),
        "Delete" | "Backspace" => {
            ev.prevent_default();
            ui.edit(|s| {
                crate::edit::delete_facility(s, &id);
            });
            ui.selected.set(None);
            ui.status.set(format!("Deleted {id}"));
            return;
        }
        "Escape" => {
            ui.selected.set(None);
            return;
        }
        _ => return,
    };
    ev.prevent_default();
    let Some(v) = ui.view.get_value() else { return };
    let pos = ui.sb.with_value(|s| {
        s.scenario
            .facilities
            .iter()
            .find(|f| f.id == id)
            .map(|f| v.project(f.lat, f.lon))
    });
    if let Some((x, y)) = pos {
        let (lat, lon) = v.unproject(x + dx, y + dy);
        ui.edit(|s| {
            crate::edit::move_facility(s, &id, lat, lon);
        });
    }
}
