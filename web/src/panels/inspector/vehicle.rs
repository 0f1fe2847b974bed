//! The vehicle view: where a trip goes, what it carries, when it arrives.

use crate::labels::mode_label;
use crate::map::Selection;
use crate::panels::controls::clock_label;
use crate::ui::Ui;
use leptos::prelude::*;
use supply_sim::SimTime;

/// A vehicle trip, read live from the engine's frame, so it updates as the
/// clock ticks.
pub fn vehicle_view(ui: Ui, lane: u32, depart: SimTime) -> impl IntoView {
    let text = move || {
        let now = ui.clock.get();
        ui.sb.with_value(|s| {
            let e = s.engine.as_ref()?;
            let v = e
                .frame()
                .vehicles
                .into_iter()
                .find(|v| v.lane == lane && v.depart == depart)?;
            let name = |i: u32| {
                s.scenario
                    .facilities
                    .get(i as usize)
                    .map_or("?".into(), |f| f.name.clone())
            };
            let kind = if v.replenishment {
                "Replenishment shipment"
            } else {
                "Parcels"
            };
            let scale = s.scenario.scale;
            let round = e.van_round(lane, depart).map_or(String::new(), |r| {
                let share = if scale < 1.0 {
                    format!(
                        "\nThe run is a {} % share of the network: this van carries {} units of the real round's load.",
                        scale * 100.0,
                        v.load_units
                    )
                } else {
                    String::new()
                };
                format!(
                    "\nRound: {} stops, {:.0} km by road as drawn ({:.0} km charged).{share}",
                    r.stops, r.km, r.charged_km
                )
            });
            Some(format!(
                "{} → {}\n{} by {}: {} units\nDeparted {} · arrives {} ({:.1} h to go){round}",
                name(v.from),
                name(v.to),
                kind,
                mode_label(v.mode),
                v.load_units,
                clock_label(v.depart),
                clock_label(v.arrive),
                v.arrive.saturating_sub(now) as f64 / 3600.0,
            ))
        })
    };
    view! {
        <div class="inspect-vehicle" data-testid="inspector-vehicle">
            <h2>"Vehicle"</h2>
            <p class="meta live pre">{move || text().unwrap_or_else(|| "Arrived: this trip is over.".into())}</p>
            <button class="link" on:click=move |_| ui.selected.set(Some(Selection::Lane(lane as usize)))>"Inspect its lane"</button>
            {parcels(ui, lane, depart)}
        </div>
    }
}

/// Parcels listed, at most: a van round carries hundreds.
const PARCELS_LISTED: usize = 12;

/// The parcels on board, each a button that tracks its order.
fn parcels(ui: Ui, lane: u32, depart: SimTime) -> impl IntoView {
    let (list, zones) = ui.sb.with_value(|s| {
        let list = s
            .engine
            .as_ref()
            .map(|e| e.vehicle_parcels(lane, depart))
            .unwrap_or_default();
        let zones: Vec<String> = list
            .iter()
            .map(|p| {
                s.scenario
                    .facilities
                    .get(p.zone)
                    .map_or("?".into(), |f| f.name.clone())
            })
            .collect();
        (list, zones)
    });
    (!list.is_empty()).then(|| {
        let more = list.len().saturating_sub(PARCELS_LISTED);
        view! {
            <h3>{format!("Parcels on board ({})", list.len())}</h3>
            <ul class="parcels" data-testid="vehicle-parcels">
                {list.iter().zip(&zones).take(PARCELS_LISTED).map(|(p, zone)| {
                    let order = p.order;
                    view! {
                        <li><button class="link" data-testid="parcel" on:click=move |_| ui.show_trace(order)>
                            {format!("Order {order} for {zone}, {} unit(s), promised by {}", p.units, clock_label(p.promise))}
                        </button></li>
                    }
                }).collect_view()}
            </ul>
            {(more > 0).then(|| view! { <p class="meta">{format!("and {more} more")}</p> })}
        }
    })
}
