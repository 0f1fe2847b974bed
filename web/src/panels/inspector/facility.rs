//! The facility view: name, position, live figures, the parameters its kind
//! has (capacity, automation and inventory policy, lead time and production,
//! vessels and dwell, zone demand and promise), its lanes, and delete.

use super::fields::{choice_select, number_field};
use super::inline_problems;
use super::policy::policy_editor;
use crate::charts::{Series, line_chart};
use crate::labels::{
    AUTOMATIONS, PROMISES, automation_label, kind_label, mode_label, promise_label,
};
use crate::map::Selection;
use crate::ui::{Ui, use_ui};
use leptos::prelude::*;
use supply_sim::Subject;
use supply_sim::scenario::{Automation, Facility, FacilityKind};
use supply_sim::view::forecast::ForecastPoint;

/// Change the facility `id` as one undoable edit.
fn edit_facility(ui: Ui, id: String, f: impl FnOnce(&mut Facility)) {
    ui.edit(move |s| {
        if let Some(fac) = s.facilities.iter_mut().find(|x| x.id == id) {
            f(fac);
        }
    });
}

pub fn facility_view(ui: Ui, id: String) -> AnyView {
    let Some((idx, f)) = ui.sb.with_value(|s| {
        s.scenario
            .facilities
            .iter()
            .position(|f| f.id == id)
            .map(|i| (i, s.scenario.facilities[i].clone()))
    }) else {
        return view! { <p>"Nothing selected"</p> }.into_any();
    };
    let del = id.clone();
    view! {
        <div class="inspect-facility">
            <h2>{kind_label(f.kind)} <small>{id.clone()}</small></h2>
            {name_input(ui, &id, &f.name)}
            {super::regulation::country_input(ui, id.clone(), f.country.clone())}
            <p class="meta" data-testid="inspector-position">{format!("{:.4}°, {:.4}°", f.lat, f.lon)}</p>
            <p class="meta live pre" data-testid="inspector-live">{live_text(ui, idx, f.kind)}</p>
            {(f.kind == FacilityKind::FulfillmentCenter).then(|| view! { <ForecastChart idx=idx /> })}
            {kind_fields(ui, &id, &f)}
            {own_problems(ui, idx, &f.id)}
            {lanes_of(ui, &id)}
            {super::disruptions::outage_button(ui, id.clone())}
            <button class="danger" data-testid="inspector-delete" on:click=move |_| {
                ui.edit(|s| { crate::edit::delete_facility(s, &del); });
                ui.selected.set(None);
            }>"Delete facility"</button>
        </div>
    }
    .into_any()
}

/// The scenario's problems with facility `idx`, and with the demand of the
/// zone it is.
fn own_problems(ui: Ui, idx: usize, id: &str) -> impl IntoView {
    let id = id.to_owned();
    inline_problems(ui, "facility-problems", move |p, s| match p.subject {
        Some(Subject::Facility(i)) => i == idx,
        Some(Subject::Demand(i)) => s.demand.get(i).is_some_and(|d| d.zone == id),
        _ => false,
    })
}

/// Live figures: re-read from the engine whenever the clock ticks, for this
/// facility alone (not the whole frame and report).
fn live_text(ui: Ui, idx: usize, kind: FacilityKind) -> impl Fn() -> Option<String> + 'static {
    move || {
        ui.clock.track();
        ui.sb.with_value(|s| {
            let e = s.engine.as_ref()?;
            if idx >= e.network().facilities.len() {
                return None;
            }
            let st = e.facility_state(idx);
            let mut text = format!(
                "stock {} · queue {} · utilisation {:.0}%{}",
                st.stock,
                st.queue,
                st.utilisation * 100.0,
                if st.stockout { " · STOCKOUT" } else { "" }
            );
            let net = e.network();
            let crew = &net.facilities[idx].crew;
            if !crew.heads.is_empty() {
                let heads: Vec<String> = crew.heads.iter().map(u32::to_string).collect();
                text += &format!(
                    "\nheads per shift {} · fixed cost £{:.0} a day",
                    heads.join(", "),
                    crew.fixed_cost_per_day / net.scale
                );
            }
            if kind == FacilityKind::FulfillmentCenter
                && let Some(r) = e.facility_report(idx)
            {
                if let Some(fill) = r.fill_rate {
                    text += &format!("\nfill rate {:.1}%", fill * 100.0);
                }
                text += &format!(
                    " · mean on hand {:.0} · holding cost £{:.0}",
                    r.mean_on_hand, r.holding_cost
                );
                let ratio = supply_sim::lesson::Metric::OrderVarianceRatio.value(e, Some(idx));
                if let Some(v) = ratio {
                    text += &format!(
                        "\norder-variance ratio {v:.2} (its orders' variance over its demand's)"
                    );
                }
                if let Some(f) = &r.forecast {
                    text += &forecast_line(f);
                }
            }
            Some(text)
        })
    }
}

/// The FC's forecast beside the demand it forecast, period by period (all
/// its SKUs), redrawn as each period closes.
#[component]
fn ForecastChart(idx: usize) -> impl IntoView {
    let ui = use_ui();
    let canvas = NodeRef::<leptos::html::Canvas>::new();
    let drawn = StoredValue::new((u64::MAX, usize::MAX));
    Effect::new(move |_| {
        ui.clock.track();
        let rev = ui.rev.get();
        let Some(c) = canvas.get() else { return };
        ui.sb.with_value(|s| {
            let Some(e) = &s.engine else { return };
            let log = e.forecast_series(idx);
            if log.is_empty() || drawn.get_value() == (rev, log.len()) {
                return;
            }
            drawn.set_value((rev, log.len()));
            // Each period drawn where it closes, on the clock's day axis.
            let period_s = e.network().horizon.period_s;
            let line = |read: fn(&ForecastPoint) -> f64| -> Vec<(f64, f64)> {
                log.iter()
                    .map(|p| (crate::charts::day_of(p.period * period_s), read(p)))
                    .collect()
            };
            let (forecast, actual) = (line(|p| p.forecast), line(|p| p.actual));
            let series = [
                Series {
                    label: "forecast",
                    points: &forecast,
                    colour: (31, 119, 180),
                },
                Series {
                    label: "demand",
                    points: &actual,
                    colour: (211, 84, 0),
                },
            ];
            line_chart(&c, &series, "Units a period");
        });
    });
    view! {
        <figure class="forecast-chart">
            <canvas class="chart" data-testid="forecast-chart" node_ref=canvas
                aria-label="The FC's forecast beside its demand, period by period"></canvas>
            <figcaption class="meta">"Forecast and demand, all SKUs, each period as it closes"</figcaption>
        </figure>
    }
}

/// The FC's forecast accuracy since the warm-up; gaps until there was demand.
fn forecast_line(f: &supply_sim::view::forecast::ForecastReport) -> String {
    let pct = |v: Option<f64>| v.map_or("–".into(), |v| format!("{:+.1}%", v * 100.0));
    format!(
        "\nforecast ({}): WAPE {} · bias {} · MASE {}",
        f.models.join(", "),
        f.all
            .wape
            .map_or("–".into(), |v| format!("{:.1}%", v * 100.0)),
        pct(f.all.bias),
        f.all.mase.map_or("–".into(), |v| format!("{v:.2}")),
    )
}

fn name_input(ui: Ui, id: &str, name: &str) -> impl IntoView {
    let id = id.to_owned();
    view! {
        <label class="field row">
            <span>"Name"</span>
            <input
                type="text"
                class="wide"
                data-testid="inspector-name"
                prop:value=name.to_owned()
                on:change=move |ev| {
                    let name = event_target_value(&ev);
                    edit_facility(ui, id.clone(), |f| f.name = name);
                }
            />
        </label>
    }
}

/// A number field for one parameter of facility `id`: (label, unit, test id).
fn facility_number(
    ui: Ui,
    id: &str,
    (label, unit, testid): (&'static str, &'static str, &'static str),
    value: Option<f64>,
    set: fn(&mut Facility, f64),
) -> AnyView {
    let id = id.to_owned();
    number_field(label, unit, value, testid, move |v| {
        edit_facility(ui, id.clone(), |f| set(f, v))
    })
    .into_any()
}

/// Who works an FC, sortation center or delivery station: heads on each
/// shift (empty: enough for the capacity), absence and the fixed cost.
fn staff_fields(ui: Ui, id: &str, f: &Facility) -> Vec<AnyView> {
    let field = |what, value, set| facility_number(ui, id, what, value, set);
    let heads = f
        .shifts
        .as_ref()
        .and_then(|s| s.first())
        .and_then(|s| s.heads)
        .map(f64::from);
    vec![
        field(
            ("Heads per shift", "people", "inspector-heads"),
            heads,
            set_heads,
        ),
        field(
            ("Absence", "share", "inspector-absence"),
            f.absence_rate,
            |f, v| f.absence_rate = Some(v),
        ),
        field(
            ("Fixed cost", "£/day", "inspector-fixed-cost"),
            f.fixed_cost_per_day,
            |f, v| f.fixed_cost_per_day = Some(v),
        ),
    ]
}

/// Roster `v` heads on every shift (a 24-hour shift if there are none),
/// rounded to whole people; under one is kept as 0 for validation to name.
fn set_heads(f: &mut Facility, v: f64) {
    let heads = if v.is_finite() && v >= 0.5 {
        v.round().min(u32::MAX as f64) as u32
    } else {
        0
    };
    let shifts = f.shifts.get_or_insert_with(|| {
        vec![supply_sim::scenario::Shift {
            start_hour: 0.0,
            end_hour: 24.0,
            heads: None,
        }]
    });
    for s in shifts {
        s.heads = Some(heads);
    }
}

/// The parameters a facility of this kind has.
fn kind_fields(ui: Ui, id: &str, f: &Facility) -> Vec<AnyView> {
    let field = |what, value, set| facility_number(ui, id, what, value, set);
    match f.kind {
        FacilityKind::FulfillmentCenter => {
            let mut v = vec![
                field(
                    ("Capacity", "units/h", "inspector-capacity"),
                    f.capacity_per_hour,
                    |f, v| f.capacity_per_hour = Some(v),
                ),
                automation_select(ui, id, f.automation.unwrap_or_default()).into_any(),
            ];
            v.extend(staff_fields(ui, id, f));
            v.push(policy_editor(ui, id).into_any());
            v
        }
        FacilityKind::SortationCenter | FacilityKind::DeliveryStation => {
            let mut v = vec![field(
                ("Capacity", "parcels/h", "inspector-capacity"),
                f.capacity_per_hour,
                |f, v| f.capacity_per_hour = Some(v),
            )];
            v.extend(staff_fields(ui, id, f));
            v
        }
        FacilityKind::Supplier => vec![
            field(
                ("Lead time", "h", "inspector-lead-time"),
                f.lead_time_hours,
                |f, v| f.lead_time_hours = Some(v),
            ),
            field(
                ("Production", "units/day", "inspector-production"),
                f.production_per_day,
                |f, v| f.production_per_day = Some(v),
            ),
        ],
        FacilityKind::Port => vec![
            field(
                ("Vessel every", "h", "inspector-vessel"),
                f.vessel_interval_hours,
                |f, v| f.vessel_interval_hours = Some(v),
            ),
            field(("Dwell", "h", "inspector-dwell"), f.dwell_hours, |f, v| {
                f.dwell_hours = Some(v)
            }),
            field(
                ("Vessels off schedule by (sd)", "h", "inspector-eta-sd"),
                f.eta_sd_hours,
                |f, v| f.eta_sd_hours = Some(v),
            ),
            // Visibility: 0 turns the updates off.
            field(
                ("ETA updates every (0: none)", "h", "inspector-eta-updates"),
                Some(f.eta_updates_hours.unwrap_or(0.0)),
                |f, v| f.eta_updates_hours = (v > 0.0).then_some(v),
            ),
        ],
        FacilityKind::CustomerZone => vec![zone_editor(ui, id, f).into_any()],
    }
}

fn automation_select(ui: Ui, id: &str, current: Automation) -> impl IntoView {
    let id = id.to_owned();
    choice_select(
        "Automation",
        "inspector-automation",
        AUTOMATIONS.to_vec(),
        move |a| a == current,
        automation_label,
        move |a| edit_facility(ui, id.clone(), |f| f.automation = Some(a)),
    )
}

fn zone_editor(ui: Ui, id: &str, f: &Facility) -> impl IntoView {
    let demand = ui.sb.with_value(|s| {
        s.scenario
            .demand
            .iter()
            .find(|d| d.zone == id)
            .map(|d| d.orders_per_day)
    });
    let (a, b, c) = (id.to_owned(), id.to_owned(), id.to_owned());
    let promise = f.promise;
    view! {
        {number_field("Orders", "per day", demand, "inspector-orders-per-day", move |v| {
            ui.edit(|s| {
                if let Some(d) = s.demand.iter_mut().find(|d| d.zone == a) {
                    d.orders_per_day = v;
                }
            })
        })}
        {choice_select(
            "Promise",
            "inspector-promise",
            PROMISES.to_vec(),
            move |p| promise == Some(p),
            promise_label,
            move |p| edit_facility(ui, b.clone(), |f| f.promise = Some(p)),
        )}
        {number_field("Radius", "km", f.radius_km, "inspector-radius", move |v| {
            edit_facility(ui, c.clone(), |f| f.radius_km = Some(v))
        })}
        {super::regulation::lez_select(ui, id.to_owned())}
    }
}

/// The lanes in and out of a facility (click one to inspect it) and a way to
/// add one.
fn lanes_of(ui: Ui, id: &str) -> impl IntoView {
    let (rows, others) = ui.sb.with_value(|s| {
        let name = |fid: &str| {
            s.scenario
                .facilities
                .iter()
                .find(|f| f.id == fid)
                .map_or(fid.to_owned(), |f| f.name.clone())
        };
        let rows: Vec<(usize, String)> = s
            .scenario
            .lanes
            .iter()
            .enumerate()
            .filter(|(_, l)| l.from == id || l.to == id)
            .map(|(i, l)| {
                let text = if l.from == id {
                    format!("→ {} ({})", name(&l.to), mode_label(l.mode))
                } else {
                    format!("← {} ({})", name(&l.from), mode_label(l.mode))
                };
                (i, text)
            })
            .collect();
        let others: Vec<(String, String)> = s
            .scenario
            .facilities
            .iter()
            .filter(|f| f.id != id)
            .map(|f| (f.id.clone(), f.name.clone()))
            .collect();
        (rows, others)
    });
    let from = id.to_owned();
    view! {
        <fieldset class="links">
            <legend>{format!("Lanes ({})", rows.len())}</legend>
            <ul data-testid="inspector-lanes">
                {rows.into_iter().map(|(i, text)| view! {
                    <li><button class="link" on:click=move |_| ui.selected.set(Some(Selection::Lane(i)))>{text}</button></li>
                }).collect_view()}
            </ul>
            <label class="field row">
                <span>"Add lane to"</span>
                <select data-testid="inspector-connect" on:change=move |ev| {
                    let to = event_target_value(&ev);
                    if to.is_empty() {
                        return;
                    }
                    let mut added = false;
                    ui.edit(|s| added = crate::edit::connect(s, &from, &to));
                    ui.status.set(if added { format!("Added a lane to {to}") } else { "That lane already exists".into() });
                }>
                    <option value="" selected=true>"choose a facility…"</option>
                    {others.into_iter().map(|(fid, name)| view! { <option value=fid>{name}</option> }).collect_view()}
                </select>
            </label>
        </fieldset>
    }
}
