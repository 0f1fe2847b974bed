//! The inspector: parameters of the selected facility or lane, edited in
//! place, with the scenario's validation problems shown beside them.

use super::demand::DemandPanel;
use crate::edit::{kind_label, rule_label};
use crate::map::Selection;
use crate::style::mode_label;
use crate::ui::{Ui, use_ui};
use leptos::prelude::*;
use supply_sim::emissions::Mode;
use supply_sim::scenario::{Automation, FacilityKind, ForecastSpec, Promise, Rule, Scenario};

/// A number input that commits on change; text that is not a number shows an
/// inline message and changes nothing.
fn number_field(
    label: &'static str,
    unit: &'static str,
    value: Option<f64>,
    testid: &'static str,
    commit: impl Fn(f64) + 'static,
) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    view! {
        <label class="field row">
            <span>{label}</span>
            <input
                type="text"
                inputmode="decimal"
                data-testid=testid
                prop:value=value.map(|v| format!("{}", (v * 1000.0).round() / 1000.0)).unwrap_or_default()
                on:change=move |ev| {
                    let text = event_target_value(&ev);
                    match text.trim().parse::<f64>() {
                        Ok(v) if v.is_finite() => {
                            error.set(None);
                            commit(v);
                        }
                        _ => error.set(Some(format!("{text:?} is not a number"))),
                    }
                }
            />
            <span class="unit">{unit}</span>
        </label>
        {move || error.get().map(|e| view! { <p class="problem" role="alert">{e}</p> })}
    }
}

fn edit_facility(ui: Ui, id: String, f: impl FnOnce(&mut supply_sim::scenario::Facility)) {
    ui.edit(move |s| {
        if let Some(fac) = s.facilities.iter_mut().find(|x| x.id == id) {
            f(fac);
        }
    });
}

#[component]
pub fn Inspector() -> impl IntoView {
    let ui = use_ui();
    let body = move || {
        ui.rev.get();
        match ui.selected.get() {
            Some(Selection::Facility(id)) => facility_view(ui, id).into_any(),
            Some(Selection::Lane(i)) => lane_view(ui, i).into_any(),
            Some(Selection::Vehicle { lane, depart }) => vehicle_view(ui, lane, depart).into_any(),
            None => view! { <DemandPanel /> }.into_any(),
        }
    };
    let problems = move || {
        ui.rev.get();
        ui.sb.with_value(|s| {
            (!s.problems.is_empty()).then(|| {
                view! {
                    <div class="problems" data-testid="problems" role="alert">
                        <strong>{format!("{} problem(s): the run waits until they are fixed", s.problems.len())}</strong>
                        <ul>{s.problems.iter().map(|p| view! { <li>{p.to_string()}</li> }).collect_view()}</ul>
                    </div>
                }
            })
        })
    };
    view! {
        <section class="inspector" data-testid="inspector">
            {problems}
            {body}
        </section>
    }
}

fn facility_view(ui: Ui, id: String) -> impl IntoView {
    let Some((idx, f)) = ui.sb.with_value(|s| {
        s.scenario
            .facilities
            .iter()
            .position(|f| f.id == id)
            .map(|i| (i, s.scenario.facilities[i].clone()))
    }) else {
        return view! { <p>"Nothing selected"</p> }.into_any();
    };
    let own_problems = ui.sb.with_value(|s| {
        let prefix = format!("facilities[{idx}]");
        s.problems
            .iter()
            .filter(|p| p.path.starts_with(&prefix) || p.message.contains(&format!("{:?}", f.id)))
            .map(|p| p.to_string())
            .collect::<Vec<_>>()
    });
    let kind = f.kind;
    // Live figures: re-read from the engine whenever the clock ticks.
    let live = move || {
        ui.clock.track();
        ui.sb.with_value(|s| {
            let e = s.engine.as_ref()?;
            let st = e.frame().facilities.get(idx).copied()?;
            let mut text = format!(
                "stock {} · queue {} · utilisation {:.0}%{}",
                st.stock,
                st.queue,
                st.utilisation * 100.0,
                if st.stockout { " · STOCKOUT" } else { "" }
            );
            if kind == FacilityKind::FulfillmentCenter
                && let Some(r) = e.report().facilities.get(idx).cloned()
            {
                if let Some(fill) = r.fill_rate {
                    text += &format!("\nfill rate {:.1}%", fill * 100.0);
                }
                text += &format!(
                    " · mean on hand {:.0} · holding cost £{:.0}",
                    r.mean_on_hand, r.holding_cost
                );
            }
            Some(text)
        })
    };
    let id2 = id.clone();
    let name_input = view! {
        <label class="field row">
            <span>"Name"</span>
            <input
                type="text"
                data-testid="inspector-name"
                prop:value=f.name.clone()
                on:change=move |ev| {
                    let name = event_target_value(&ev);
                    edit_facility(ui, id2.clone(), |f| f.name = name);
                }
            />
        </label>
    };
    let mut fields: Vec<AnyView> = Vec::new();
    let i = id.clone();
    match kind {
        FacilityKind::FulfillmentCenter
        | FacilityKind::SortationCenter
        | FacilityKind::DeliveryStation => {
            let unit = if kind == FacilityKind::FulfillmentCenter {
                "units/h"
            } else {
                "parcels/h"
            };
            fields.push(
                number_field(
                    "Capacity",
                    unit,
                    f.capacity_per_hour,
                    "inspector-capacity",
                    move |v| edit_facility(ui, i.clone(), |f| f.capacity_per_hour = Some(v)),
                )
                .into_any(),
            );
        }
        _ => {}
    }
    if kind == FacilityKind::FulfillmentCenter {
        let i = id.clone();
        let current = f.automation.unwrap_or_default();
        fields.push(
            view! {
                <label class="field row">
                    <span>"Automation"</span>
                    <select
                        data-testid="inspector-automation"
                        on:change=move |ev| {
                            let a = match event_target_value(&ev).as_str() {
                                "robotic" => Automation::Robotic,
                                "mechanised" => Automation::Mechanised,
                                _ => Automation::Manual,
                            };
                            edit_facility(ui, i.clone(), |f| f.automation = Some(a));
                        }
                    >
                        <option value="manual" selected=current == Automation::Manual>"Manual (×1 pick rate)"</option>
                        <option value="mechanised" selected=current == Automation::Mechanised>"Mechanised (×1.6)"</option>
                        <option value="robotic" selected=current == Automation::Robotic>"Robotic (×2.5)"</option>
                    </select>
                </label>
            }
            .into_any(),
        );
        fields.push(policy_editor(ui, &id).into_any());
    }
    if kind == FacilityKind::Supplier {
        let (a, b) = (id.clone(), id.clone());
        fields.push(
            number_field(
                "Lead time",
                "h",
                f.lead_time_hours,
                "inspector-lead-time",
                move |v| edit_facility(ui, a.clone(), |f| f.lead_time_hours = Some(v)),
            )
            .into_any(),
        );
        fields.push(
            number_field(
                "Production",
                "units/day",
                f.production_per_day,
                "inspector-production",
                move |v| edit_facility(ui, b.clone(), |f| f.production_per_day = Some(v)),
            )
            .into_any(),
        );
    }
    if kind == FacilityKind::Port {
        let (a, b) = (id.clone(), id.clone());
        fields.push(
            number_field(
                "Vessel every",
                "h",
                f.vessel_interval_hours,
                "inspector-vessel",
                move |v| edit_facility(ui, a.clone(), |f| f.vessel_interval_hours = Some(v)),
            )
            .into_any(),
        );
        fields.push(
            number_field("Dwell", "h", f.dwell_hours, "inspector-dwell", move |v| {
                edit_facility(ui, b.clone(), |f| f.dwell_hours = Some(v))
            })
            .into_any(),
        );
    }
    if kind == FacilityKind::CustomerZone {
        fields.push(zone_editor(ui, &id, &f).into_any());
    }
    let del = id.clone();
    let links = lanes_of(ui, &id);
    view! {
        <div class="inspect-facility">
            <h2>{kind_label(kind)} <small>{id.clone()}</small></h2>
            {name_input}
            <p class="meta" data-testid="inspector-position">{format!("{:.4}°, {:.4}°", f.lat, f.lon)}</p>
            <p class="meta live pre" data-testid="inspector-live">{live}</p>
            {fields}
            {own_problems.into_iter().map(|p| view! { <p class="problem" role="alert">{p}</p> }).collect_view()}
            {links}
            <button class="danger" data-testid="inspector-delete" on:click=move |_| {
                ui.edit(|s| { crate::edit::delete_facility(s, &del); });
                ui.selected.set(None);
            }>"Delete facility"</button>
        </div>
    }
    .into_any()
}

fn zone_editor(ui: Ui, id: &str, f: &supply_sim::scenario::Facility) -> impl IntoView {
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
        <label class="field row">
            <span>"Promise"</span>
            <select data-testid="inspector-promise" on:change=move |ev| {
                let p = match event_target_value(&ev).as_str() {
                    "same_day" => Promise::SameDay,
                    "two_day" => Promise::TwoDay,
                    _ => Promise::NextDay,
                };
                edit_facility(ui, b.clone(), |f| f.promise = Some(p));
            }>
                <option value="same_day" selected=promise == Some(Promise::SameDay)>"Same day"</option>
                <option value="next_day" selected=promise == Some(Promise::NextDay)>"Next day"</option>
                <option value="two_day" selected=promise == Some(Promise::TwoDay)>"Two day"</option>
            </select>
        </label>
        {number_field("Radius", "km", f.radius_km, "inspector-radius", move |v| {
            edit_facility(ui, c.clone(), |f| f.radius_km = Some(v))
        })}
    }
}

/// A rule with two numbers, edited side by side: (label, test id) for each.
fn rule_pair(
    set: impl Fn(Rule) + Clone + 'static,
    fields: [(&'static str, &'static str); 2],
    unit: &'static str,
    (x, y): (f64, f64),
    make: fn(f64, f64) -> Rule,
) -> AnyView {
    let (a, b) = (set.clone(), set);
    view! {
        {number_field(fields[0].0, unit, Some(x), fields[0].1, move |v| a(make(v, y)))}
        {number_field(fields[1].0, unit, Some(y), fields[1].1, move |v| b(make(x, v)))}
    }
    .into_any()
}

/// The rule every policy at this FC uses (they are edited together).
fn policy_editor(ui: Ui, id: &str) -> impl IntoView {
    let policies: Vec<_> = ui.sb.with_value(|s| {
        s.scenario
            .policies
            .iter()
            .filter(|p| p.facility == id)
            .cloned()
            .collect()
    });
    let Some(first) = policies.first().cloned() else {
        return view! { <p class="meta">"No inventory policy: this FC stocks nothing."</p> }
            .into_any();
    };
    let set_rule = {
        let id = id.to_owned();
        move |rule: Rule| {
            let id = id.clone();
            ui.edit(move |s: &mut Scenario| {
                for p in s.policies.iter_mut().filter(|p| p.facility == id) {
                    p.rule = rule;
                }
            })
        }
    };
    let choose = {
        let set_rule = set_rule.clone();
        move |ev| {
            let rule = match event_target_value(&ev).as_str() {
                "base_stock" => Rule::BaseStock {
                    level: None,
                    z: Some(1.65),
                },
                "s_S" => Rule::SS {
                    s: 200.0,
                    big_s: 800.0,
                },
                "r_q" => Rule::RQ { r: 200.0, q: 400.0 },
                "periodic" => Rule::Periodic {
                    cover_periods: None,
                    safety_stock: 0.0,
                    z: Some(1.65),
                },
                "vmi" => Rule::Vmi {
                    min_days: 3.0,
                    max_days: 10.0,
                },
                _ => Rule::Jit { safety_factor: 0.1 },
            };
            set_rule(rule);
        }
    };
    let key = match first.rule {
        Rule::BaseStock { .. } => "base_stock",
        Rule::SS { .. } => "s_S",
        Rule::RQ { .. } => "r_q",
        Rule::Periodic { .. } => "periodic",
        Rule::Jit { .. } => "jit",
        Rule::Vmi { .. } => "vmi",
    };
    let options = [
        ("base_stock", "Base-stock (order-up-to)"),
        ("s_S", "(s, S)"),
        ("r_q", "(R, Q)"),
        ("periodic", "Periodic review"),
        ("jit", "JIT"),
        ("vmi", "Vendor-managed"),
    ];
    let params: AnyView = match first.rule {
        Rule::BaseStock { z, .. } => {
            let set = set_rule.clone();
            number_field(
                "Safety factor z",
                "σ",
                z.or(Some(1.65)),
                "inspector-z",
                move |v| {
                    set(Rule::BaseStock {
                        level: None,
                        z: Some(v),
                    })
                },
            )
            .into_any()
        }
        Rule::Periodic {
            cover_periods,
            safety_stock,
            z,
        } => {
            let set = set_rule.clone();
            number_field("Safety factor z", "σ", z, "inspector-z", move |v| {
                set(Rule::Periodic {
                    cover_periods,
                    safety_stock,
                    z: Some(v),
                })
            })
            .into_any()
        }
        Rule::Jit { safety_factor } => {
            let set = set_rule.clone();
            number_field(
                "Safety share",
                "of forecast",
                Some(safety_factor),
                "inspector-safety",
                move |v| set(Rule::Jit { safety_factor: v }),
            )
            .into_any()
        }
        Rule::SS { s, big_s } => rule_pair(
            set_rule.clone(),
            [
                ("s (reorder at)", "inspector-s"),
                ("S (order up to)", "inspector-big-s"),
            ],
            "units",
            (s, big_s),
            |s, big_s| Rule::SS { s, big_s },
        ),
        Rule::RQ { r, q } => rule_pair(
            set_rule.clone(),
            [
                ("R (reorder point)", "inspector-r"),
                ("Q (lot size)", "inspector-q"),
            ],
            "units",
            (r, q),
            |r, q| Rule::RQ { r, q },
        ),
        Rule::Vmi { min_days, max_days } => rule_pair(
            set_rule.clone(),
            [
                ("Refill below", "inspector-min-days"),
                ("Refill up to", "inspector-max-days"),
            ],
            "days of cover",
            (min_days, max_days),
            |min_days, max_days| Rule::Vmi { min_days, max_days },
        ),
    };
    let forecast = match first.forecast {
        Some(ForecastSpec::MovingAverage { periods }) => {
            format!("moving average over {periods} periods")
        }
        Some(ForecastSpec::ExpSmoothing { alpha }) => format!("exponential smoothing, α = {alpha}"),
        None => "expected demand".into(),
    };
    view! {
        <fieldset class="policy">
            <legend>{format!("Inventory policy ({} SKU rule(s), from {})", policies.len(), first.source)}</legend>
            <label class="field row">
                <span>"Rule"</span>
                <select data-testid="inspector-policy" on:change=choose>
                    {options.iter().map(|(v, l)| view! { <option value=*v selected=*v == key>{*l}</option> }).collect_view()}
                </select>
            </label>
            {params}
            <p class="meta">{format!("{} · forecast: {forecast}", rule_label(&first.rule))}</p>
        </fieldset>
    }
    .into_any()
}

fn lane_view(ui: Ui, i: usize) -> impl IntoView {
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
            <button class="danger" data-testid="inspector-delete-lane" on:click=move |_| {
                ui.edit(|s| { if i < s.lanes.len() { s.lanes.remove(i); } });
                ui.selected.set(None);
            }>"Delete lane"</button>
        </div>
    }
    .into_any()
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

/// A vehicle trip: where it goes, what it carries, when it arrives. Read live
/// from the engine's frame, so it updates as the clock ticks.
fn vehicle_view(ui: Ui, lane: u32, depart: supply_sim::SimTime) -> impl IntoView {
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
            Some(format!(
                "{} → {}\n{} by {}: {} units\nDeparted {} · arrives {} ({:.1} h to go)",
                name(v.from),
                name(v.to),
                kind,
                mode_label(v.mode),
                v.load_units,
                super::controls::clock_label(v.depart),
                super::controls::clock_label(v.arrive),
                v.arrive.saturating_sub(now) as f64 / 3600.0,
            ))
        })
    };
    view! {
        <div class="inspect-vehicle" data-testid="inspector-vehicle">
            <h2>"Vehicle"</h2>
            <p class="meta live pre">{move || text().unwrap_or_else(|| "Arrived: this trip is over.".into())}</p>
            <button class="link" on:click=move |_| ui.selected.set(Some(Selection::Lane(lane as usize)))>"Inspect its lane"</button>
        </div>
    }
}
