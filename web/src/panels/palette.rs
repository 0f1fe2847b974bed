//! The palette (drag a kind onto the map, or click / Enter to place it at the
//! map centre) and the list of facilities.

use crate::edit::{KINDS, add_facility, kind_slug};
use crate::labels::kind_label;
use crate::map::Selection;
use crate::style::{kind_colour, kind_glyph};
use crate::ui::{Ui, use_ui};
use leptos::html::Div;
use leptos::prelude::*;
use supply_sim::scenario::FacilityKind;

/// A palette drag in progress.
#[derive(Clone, Copy)]
struct Drag {
    kind: FacilityKind,
    start: (f64, f64),
    moved: bool,
}

/// Place a facility at a map point (CSS px) and select it.
fn place(ui: Ui, kind: FacilityKind, x: f64, y: f64) {
    let Some(v) = ui.view.get_value() else { return };
    let (lat, lon) = v.unproject(x, y);
    let mut id = String::new();
    if !ui.try_edit(|s| id = add_facility(s, kind, lat, lon)) {
        return;
    }
    let (name, links) = ui.sb.with_value(|s| {
        let name = s
            .scenario
            .facilities
            .iter()
            .find(|f| f.id == id)
            .map(|f| f.name.clone());
        let links = s
            .scenario
            .lanes
            .iter()
            .filter(|l| l.from == id || l.to == id)
            .count();
        (name.unwrap_or_default(), links)
    });
    ui.status.set(format!(
        "Placed {name} with {links} automatic lane(s); Ctrl+Z to undo"
    ));
    ui.selected.set(Some(Selection::Facility(id)));
}

fn map_point(map_box: NodeRef<Div>, cx: f64, cy: f64) -> Option<(f64, f64)> {
    let r = map_box.get_untracked()?.get_bounding_client_rect();
    let (x, y) = (cx - r.left(), cy - r.top());
    (x >= 0.0 && y >= 0.0 && x <= r.width() && y <= r.height()).then_some((x, y))
}

#[component]
pub fn Palette(map_box: NodeRef<Div>) -> impl IntoView {
    let ui = use_ui();
    let drag = StoredValue::new(None::<Drag>);
    // A drag that ended on the map must not also count as a click.
    let just_dropped = StoredValue::new(false);

    window_event_listener(leptos::ev::pointermove, move |ev| {
        let Some(mut d) = drag.get_value() else {
            return;
        };
        let (cx, cy) = (ev.client_x() as f64, ev.client_y() as f64);
        if (cx - d.start.0).abs() + (cy - d.start.1).abs() > 4.0 {
            d.moved = true;
            drag.set_value(Some(d));
        }
        ui.ghost.set_value(
            map_point(map_box, cx, cy)
                .filter(|_| d.moved)
                .map(|(x, y)| (d.kind, x, y)),
        );
    });
    window_event_listener(leptos::ev::pointerup, move |ev| {
        let Some(d) = drag.get_value() else { return };
        drag.set_value(None);
        ui.ghost.set_value(None);
        if !d.moved {
            return;
        }
        just_dropped.set_value(true);
        match map_point(map_box, ev.client_x() as f64, ev.client_y() as f64) {
            Some((x, y)) => place(ui, d.kind, x, y),
            None => ui.status.set("Drop it on the map to place it".into()),
        }
    });

    view! {
        <section class="palette" aria-label="Facility palette">
            <h2>"Add a facility"</h2>
            <p class="hint">"Drag onto the map, or press Enter to place at the centre."</p>
            {KINDS
                .iter()
                .map(|&kind| {
                    view! {
                        <button
                            class="palette-item"
                            data-testid=format!("palette-{}", kind_slug(kind))
                            title=format!("{}: drag onto the map", kind_label(kind))
                            on:pointerdown=move |ev| {
                                if ev.button() == 0 {
                                    drag.set_value(Some(Drag {
                                        kind,
                                        start: (ev.client_x() as f64, ev.client_y() as f64),
                                        moved: false,
                                    }));
                                }
                            }
                            on:click=move |_| {
                                if just_dropped.get_value() {
                                    just_dropped.set_value(false);
                                    return;
                                }
                                let Some(v) = ui.view.get_value() else { return };
                                place(ui, kind, v.width / 2.0, v.height / 2.0);
                                if let Some(m) = map_box.get_untracked() {
                                    let _ = m.focus();
                                }
                            }
                        >
                            <span class="glyph" style=format!("color:{}", kind_colour(kind))>{kind_glyph(kind)}</span>
                            {kind_label(kind)}
                        </button>
                    }
                })
                .collect_view()}
        </section>
    }
}

#[component]
pub fn FacilityList() -> impl IntoView {
    let ui = use_ui();
    let rows = move || {
        ui.rev.get();
        let sel = ui.selected.get();
        ui.sb.with_value(|s| {
            s.scenario
                .facilities
                .iter()
                .map(|f| {
                    let id = f.id.clone();
                    let selected = matches!(&sel, Some(Selection::Facility(x)) if *x == id);
                    let pick = id.clone();
                    view! {
                        <li>
                            <button
                                data-testid="facility-item"
                                data-id=id
                                class:selected=selected
                                aria-pressed=selected.to_string()
                                title=format!("{}: inspect it", f.name)
                                on:click=move |_| ui.selected.set(Some(Selection::Facility(pick.clone())))
                            >
                                <span class="glyph" aria-hidden="true" style=format!("color:{}", kind_colour(f.kind))>{kind_glyph(f.kind)}</span>
                                <span class="name">{f.name.clone()}</span>
                            </button>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let count = move || {
        ui.rev.get();
        ui.sb.with_value(|s| s.scenario.facilities.len())
    };
    view! {
        <section class="facilities">
            <h2>"Facilities " <span class="count">{count}</span></h2>
            <ul data-testid="facility-list">{rows}</ul>
        </section>
    }
}
