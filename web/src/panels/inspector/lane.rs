//! The lane view: its ends, mode and fleet, distance and transit time, and
//! delete.

use super::fields::number_field;
use super::inline_problems;
use crate::labels::mode_label;
use crate::ui::Ui;
use leptos::prelude::*;
use supply_sim::Subject;
use supply_sim::emissions::Mode;

pub fn lane_view(ui: Ui, i: usize) -> AnyView {
    let Some(lane) = ui.sb.with_value(|s| s.scenario.lanes.get(i).cloned()) else {
        return view! { <p>"Nothing selected"</p> }.into_any();
    };
    let info = ui.sb.with_value(|s| {
        s.engine.as_ref().and_then(|e| {
            e.network()
                .lane(i)
                .map(|l| (l.distance_km, l.transit_s, l.net_zero))
        })
    });
    let names = ui.sb.with_value(|s| {
        let n = |id: &str| {
            s.scenario
                .facilities
                .iter()
                .find(|f| f.id == id)
                .map_or(id.to_owned(), |f| f.name.clone())
        };
        (n(&lane.from), n(&lane.to))
    });
    let set_mode = move |ev| {
        let v = event_target_value(&ev);
        if let Some(m) = Mode::ALL.iter().copied().find(|m| m.name() == v) {
            ui.edit(|s| {
                if let Some(l) = s.lanes.get_mut(i) {
                    l.mode = m;
                }
            });
        }
    };
    view! {
        <div class="inspect-lane">
            <h2>"Lane " <small>{format!("{} → {}", names.0, names.1)}</small></h2>
            <label class="field row">
                <span>"Mode"</span>
                <select data-testid="inspector-mode" on:change=set_mode>
                    {Mode::ALL.iter().map(|m| view! {
                        <option value=m.name() selected=*m == lane.mode>{mode_label(*m)}</option>
                    }).collect_view()}
                </select>
            </label>
            {number_field("Vehicles", "(blank = unlimited)", lane.vehicles.map(f64::from), "inspector-vehicles", move |v| {
                ui.edit(|s| if let Some(l) = s.lanes.get_mut(i) { l.vehicles = Some(v.max(0.0) as u32) })
            })}
            {info.map(|(km, transit, nz)| view! {
                <p class="meta">{format!(
                    "{km:.0} km · {:.1} h in transit · {}",
                    transit as f64 / 3600.0,
                    if nz { "net zero at the tailpipe" } else { "tailpipe emissions" }
                )}</p>
            })}
            {inline_problems(ui, "lane-problems", move |p, _| p.subject == Some(Subject::Lane(i)))}
            <button class="danger" data-testid="inspector-delete-lane" on:click=move |_| {
                ui.edit(|s| { if i < s.lanes.len() { s.lanes.remove(i); } });
                ui.selected.set(None);
            }>"Delete lane"</button>
        </div>
    }
    .into_any()
}
