//! Pointer and keyboard gestures on the map: pan, pinch, move a facility,
//! select what was clicked, hover, wheel zoom; keys for undo/redo, nudge,
//! delete and deselect.

use crate::map::{self, Selection};
use crate::ui::Ui;
use crate::viewport::Viewport;
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use web_sys::{HtmlDivElement, KeyboardEvent, PointerEvent, WheelEvent};

/// What the pointer is doing on the map.
enum Gesture {
    None,
    Pan {
        x: f64,
        y: f64,
        /// The map moved: a press that did not is a click on empty map.
        moved: bool,
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

type Shared = Rc<RefCell<Pointers>>;

fn local_xy(m: &HtmlDivElement, client_x: i32, client_y: i32) -> (f64, f64) {
    let r = m.get_bounding_client_rect();
    (client_x as f64 - r.left(), client_y as f64 - r.top())
}

fn facility_position(ui: Ui, id: &str) -> Option<(f64, f64)> {
    ui.sb.with_value(|s| {
        s.scenario
            .facilities
            .iter()
            .find(|f| f.id == id)
            .map(|f| (f.lat, f.lon))
    })
}

/// Listen for pointer and wheel events on the map box for the life of the page.
pub fn attach(ui: Ui, m: &HtmlDivElement) {
    let state: Shared = Rc::new(RefCell::new(Pointers {
        gesture: Gesture::None,
        touches: Vec::new(),
    }));
    let down = {
        let (state, m) = (state.clone(), m.clone());
        Closure::<dyn FnMut(PointerEvent)>::new(move |ev| pointer_down(ui, &state, &m, ev))
    };
    let moved = {
        let (state, m) = (state.clone(), m.clone());
        Closure::<dyn FnMut(PointerEvent)>::new(move |ev| pointer_move(ui, &state, &m, ev))
    };
    let up = Closure::<dyn FnMut(PointerEvent)>::new(move |ev| pointer_up(ui, &state, ev));
    let wheel = {
        let m = m.clone();
        Closure::<dyn FnMut(WheelEvent)>::new(move |ev| wheel_zoom(ui, &m, ev))
    };
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

fn pointer_down(ui: Ui, state: &Shared, m: &HtmlDivElement, ev: PointerEvent) {
    // Buttons over the map handle their own clicks; capturing their
    // pointer here would retarget the click to the map.
    let on_canvas = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| el.tag_name() == "CANVAS");
    if ev.button() != 0 || !on_canvas {
        return;
    }
    let (x, y) = local_xy(m, ev.client_x(), ev.client_y());
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
    let Some(v) = ui.view.get_value() else { return };
    st.gesture = pick(ui, &v, x, y);
}

/// Select what is under a press (facility, then vehicle, then lane) and
/// start the gesture it begins: moving the facility, or panning empty map.
fn pick(ui: Ui, v: &Viewport, x: f64, y: f64) -> Gesture {
    if let Some(id) = ui.sb.with_value(|s| map::facility_at(v, &s.scenario, x, y)) {
        let from = facility_position(ui, &id).unwrap_or((0.0, 0.0));
        ui.selected.set(Some(Selection::Facility(id.clone())));
        return Gesture::Move {
            id,
            from,
            moved: false,
        };
    }
    let vehicle = ui.sb.with_value(|s| {
        let e = s.engine.as_ref()?;
        let placer = map::Placer::for_view(v, &s.scenario);
        map::vehicle_at(&placer, &e.frame(), e.now(), x, y)
    });
    if let Some(veh) = vehicle {
        ui.selected.set(Some(Selection::Vehicle {
            lane: veh.lane,
            depart: veh.depart,
        }));
        return Gesture::None;
    }
    let lane = ui
        .sb
        .with_value(|s| map::lane_at(v, &s.scenario, &s.lane_ends, x, y));
    if let Some(lane) = lane {
        ui.selected.set(Some(Selection::Lane(lane)));
        return Gesture::None;
    }
    Gesture::Pan { x, y, moved: false }
}

fn pointer_move(ui: Ui, state: &Shared, m: &HtmlDivElement, ev: PointerEvent) {
    let (x, y) = local_xy(m, ev.client_x(), ev.client_y());
    let mut guard = state.borrow_mut();
    let st = &mut *guard;
    match &mut st.gesture {
        Gesture::Pinch => pinch(ui, &mut st.touches, ev.pointer_id(), x, y),
        Gesture::Pan {
            x: px,
            y: py,
            moved,
        } => {
            let (dx, dy) = (x - *px, y - *py);
            if dx != 0.0 || dy != 0.0 {
                *moved = true;
            }
            (*px, *py) = (x, y);
            ui.view.update_value(|v| {
                if let Some(v) = v {
                    v.pan(dx, dy);
                }
            });
        }
        Gesture::Move { id, moved, .. } => {
            let Some(v) = ui.view.get_value() else { return };
            let (lat, lon) = v.unproject(x, y);
            *moved = true;
            // Live preview; the undoable edit is made on release.
            ui.sb.update_value(|s| {
                if let Some(f) = s.scenario.facilities.iter_mut().find(|f| &f.id == id) {
                    (f.lat, f.lon) = (lat, lon);
                }
            });
        }
        Gesture::None => hover(ui, m, x, y),
    }
}

/// Move one touch point to (x, y) and zoom by how far the two points spread,
/// about their midpoint.
fn pinch(ui: Ui, touches: &mut [(i32, f64, f64)], pointer: i32, x: f64, y: f64) {
    let old = touches.to_vec();
    if let Some(t) = touches.iter_mut().find(|t| t.0 == pointer) {
        t.1 = x;
        t.2 = y;
    }
    if let ([a, b], [c, d]) = (old.as_slice(), &*touches) {
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
}

/// Hovering names a facility whose label is hidden at this zoom.
fn hover(ui: Ui, m: &HtmlDivElement, x: f64, y: f64) {
    let hover = ui.view.get_value().and_then(|v| {
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

fn pointer_up(ui: Ui, state: &Shared, ev: PointerEvent) {
    let mut st = state.borrow_mut();
    st.touches.retain(|t| t.0 != ev.pointer_id());
    if let Gesture::Move {
        id,
        from,
        moved: true,
    } = &st.gesture
    {
        finish_move(ui, id, *from);
    }
    // A click on empty map clears the selection (back to the demand panel).
    if let Gesture::Pan { moved: false, .. } = st.gesture {
        ui.selected.set(None);
    }
    if st.touches.is_empty() {
        st.gesture = Gesture::None;
    }
    ui.rev.update(|r| *r += 1);
}

/// Put a dragged facility back where it started, then make the move one
/// undoable edit.
fn finish_move(ui: Ui, id: &str, from: (f64, f64)) {
    let to = facility_position(ui, id);
    ui.sb.update_value(|s| {
        if let Some(f) = s.scenario.facilities.iter_mut().find(|f| f.id == id) {
            (f.lat, f.lon) = from;
        }
    });
    if let Some((lat, lon)) = to {
        ui.edit(|s| {
            crate::edit::move_facility(s, id, lat, lon);
        });
        ui.status
            .set("Moved; distances and transit times updated".into());
    }
}

fn wheel_zoom(ui: Ui, m: &HtmlDivElement, ev: WheelEvent) {
    ev.prevent_default();
    let (x, y) = local_xy(m, ev.client_x(), ev.client_y());
    let factor = (-ev.delta_y() * 0.0015).exp();
    ui.view.update_value(|v| {
        if let Some(v) = v {
            v.zoom_at(x, y, factor);
        }
    });
}

/// Keys on the page (outside form fields): Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y
/// undo and redo; with a facility selected, arrows nudge it (Shift for
/// bigger steps) and Delete removes it; Escape clears any selection.
pub fn on_key(ui: Ui, ev: KeyboardEvent) {
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
    // Escape clears any selection: facility, lane or vehicle.
    if key == "Escape" {
        ui.selected.set(None);
        return;
    }
    let Some(Selection::Facility(id)) = ui.selected.get_untracked() else {
        if on_map(&ev) {
            map_key(ui, &ev);
        }
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
        _ => return,
    };
    ev.prevent_default();
    nudge(ui, &id, dx, dy);
}

/// Is the key for the map: pressed with the map focused, or with nothing
/// focused at all?
fn on_map(ev: &KeyboardEvent) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_none_or(|el| {
            el.tag_name() == "BODY" || el.get_attribute("data-testid").as_deref() == Some("map")
        })
}

/// Screen pixels an arrow key pans the map by (Shift: four times as far).
const ARROW_PAN_PX: f64 = 60.0;
/// Zoom factor of one `+` or `−` key press, the same as the map's buttons.
pub const KEY_ZOOM: f64 = 1.5;

/// The map's own keys: Space plays or pauses, `+`/`−` zoom on the centre,
/// the arrows pan.
fn map_key(ui: Ui, ev: &KeyboardEvent) {
    let step = if ev.shift_key() {
        4.0 * ARROW_PAN_PX
    } else {
        ARROW_PAN_PX
    };
    let view = |f: &dyn Fn(&mut crate::viewport::Viewport)| {
        ui.view.update_value(|v| {
            if let Some(v) = v {
                f(v)
            }
        })
    };
    match ev.key().as_str() {
        " " => ui.toggle_playing(),
        "+" | "=" => view(&|v| v.zoom_at(v.width / 2.0, v.height / 2.0, KEY_ZOOM)),
        "-" | "_" => view(&|v| v.zoom_at(v.width / 2.0, v.height / 2.0, 1.0 / KEY_ZOOM)),
        // An arrow moves the view, so the map slides the other way.
        "ArrowLeft" => view(&|v| v.pan(step, 0.0)),
        "ArrowRight" => view(&|v| v.pan(-step, 0.0)),
        "ArrowUp" => view(&|v| v.pan(0.0, step)),
        "ArrowDown" => view(&|v| v.pan(0.0, -step)),
        _ => return,
    }
    ev.prevent_default();
}

/// Move a facility by (dx, dy) screen pixels, as one undoable edit.
fn nudge(ui: Ui, id: &str, dx: f64, dy: f64) {
    let Some(v) = ui.view.get_value() else { return };
    if let Some((lat, lon)) = facility_position(ui, id) {
        let (x, y) = v.project(lat, lon);
        let (lat, lon) = v.unproject(x + dx, y + dy);
        ui.edit(|s| {
            crate::edit::move_facility(s, id, lat, lon);
        });
    }
}
