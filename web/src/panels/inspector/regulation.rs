//! Borders and rules, shown with nothing selected: the carbon price,
//! drivers' hours and each border's customs, with what they have cost so
//! far; and, on a facility, its country and, on a zone, its low-emission
//! rule.

use super::fields::number_field;
use crate::ui::{Ui, use_ui};
use leptos::prelude::*;
use supply_sim::scenario::{Border, DriverHours, LezRule, LowEmissionZone, Regulation, Scenario};
use supply_sim::view::format::thousands;

#[component]
pub fn RegulationPanel() -> impl IntoView {
    let ui = use_ui();
    let (reg, borders, none) = ui.sb.with_value(|s| {
        let sc = &s.scenario;
        (
            sc.regulation.clone().unwrap_or_default(),
            sc.borders.clone(),
            countries(sc).is_empty(),
        )
    });
    let hours_on = !reg.driver_hours.is_empty();
    view! {
        <fieldset class="regulation" data-testid="regulation">
            <legend>"Borders and rules"</legend>
            {number_field("Carbon price", "£ per t CO2e", Some(reg.carbon_price_per_tonne), "carbon-price", move |v| {
                edit(ui, |r| r.carbon_price_per_tonne = v)
            })}
            <label class="field row">
                <input type="checkbox" data-testid="driver-hours" prop:checked=hours_on
                    disabled=none
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        ui.edit(|s| {
                            let list = if on { countries(s).into_iter().map(eu_hours).collect() } else { Vec::new() };
                            s.regulation.get_or_insert_with(Regulation::default).driver_hours = list;
                        });
                    } />
                <span>"HGV drivers keep the EU drivers' hours (9 h a day, a 45-minute break after 4.5 h, 11 h rest)"</span>
            </label>
            {borders.iter().enumerate().map(|(k, b)| border_fields(ui, k, b)).collect_view()}
            {borders.is_empty().then(|| view! {
                <p class="hint">"No customs: give facilities a country (select one) and name the borders in the scenario file's "<code>"borders"</code>"."</p>
            })}
            <p class="figures" data-testid="regulation-figures">{move || figures(ui)}</p>
        </fieldset>
    }
}

/// The countries the scenario's facilities are in, sorted.
fn countries(s: &Scenario) -> Vec<String> {
    let mut c: Vec<String> = s
        .facilities
        .iter()
        .filter_map(|f| f.country.clone())
        .collect();
    c.sort();
    c.dedup();
    c
}

fn eu_hours(country: String) -> DriverHours {
    use supply_sim::regulation::*;
    DriverHours {
        country,
        driving_hours_per_day: EU_DAILY_DRIVING_HOURS,
        break_after_hours: EU_DRIVING_BEFORE_BREAK_HOURS,
        break_minutes: EU_BREAK_MINUTES,
        daily_rest_hours: EU_DAILY_REST_HOURS,
    }
}

/// Change the regulation, creating it if the scenario has none.
fn edit(ui: Ui, f: impl FnOnce(&mut Regulation)) {
    ui.edit(|s| f(s.regulation.get_or_insert_with(Regulation::default)));
}

fn edit_border(ui: Ui, k: usize, f: impl FnOnce(&mut Border)) {
    ui.edit(|s| {
        if let Some(b) = s.borders.get_mut(k) {
            f(b);
        }
    });
}

/// One border's customs: the wait and its spread, the fees and the duty.
fn border_fields(ui: Ui, k: usize, b: &Border) -> impl IntoView + use<> {
    let title = format!("Customs {}–{}", b.countries[0], b.countries[1]);
    view! {
        <div class="border" data-testid="border">
            <strong>{title}</strong>
            {number_field("Mean wait", "hours", Some(b.delay_hours), format!("border-delay-{k}"), move |v| {
                edit_border(ui, k, |b| b.delay_hours = v)
            })}
            {number_field("Spread (sd)", "hours", Some(b.delay_sd_hours), format!("border-sd-{k}"), move |v| {
                edit_border(ui, k, |b| b.delay_sd_hours = v)
            })}
            {number_field("Per shipment", "£", Some(b.cost_per_declaration), format!("border-shipment-fee-{k}"), move |v| {
                edit_border(ui, k, |b| b.cost_per_declaration = v)
            })}
            {number_field("Per parcel", "£", Some(b.cost_per_parcel), format!("border-parcel-fee-{k}"), move |v| {
                edit_border(ui, k, |b| b.cost_per_parcel = v)
            })}
            {number_field("Duty on shipments", "%", Some(b.duty_rate * 100.0), format!("border-duty-{k}"), move |v| {
                edit_border(ui, k, |b| b.duty_rate = v / 100.0)
            })}
        </div>
    }
}

/// What borders and rules have cost so far.
fn figures(ui: Ui) -> String {
    ui.kpis.track();
    let Some(r) = ui.sb.with_value(|s| s.regulation()) else {
        return String::new();
    };
    let money = |x: f64| thousands(x.round() as i64);
    format!(
        "So far: {} customs crossings, a mean wait of {:.1} h, £{} in customs fees and duty; £{} in low-emission zone charges; £{} carbon cost.",
        thousands(r.customs_crossings as i64),
        r.mean_customs_wait_h,
        money(r.customs_fees + r.duties),
        money(r.lez_charges),
        money(r.carbon_cost),
    )
}

/// A facility's country: two or three capital letters, or empty for none.
pub fn country_input(ui: Ui, id: String, country: Option<String>) -> impl IntoView {
    view! {
        <label class="field row">
            <span>"Country"</span>
            <input type="text" data-testid="inspector-country" maxlength="3" size="4"
                placeholder="none"
                prop:value=country.unwrap_or_default()
                on:change=move |ev| {
                    let v = event_target_value(&ev).trim().to_uppercase();
                    let id = id.clone();
                    ui.edit(move |s| {
                        if let Some(f) = s.facilities.iter_mut().find(|f| f.id == id) {
                            f.country = (!v.is_empty()).then_some(v);
                        }
                    });
                } />
            <span class="unit">"ISO code"</span>
        </label>
    }
}

/// The low-emission rule of zone `id`: none, charge diesel vans a day, or
/// bar them.
pub fn lez_select(ui: Ui, id: String) -> impl IntoView {
    let current = ui.sb.with_value(|s| {
        let r = s.scenario.regulation.as_ref()?;
        r.low_emission_zones
            .iter()
            .find(|z| z.zone == id)
            .map(|z| z.diesel_vans)
    });
    let value = match current {
        None => "none",
        Some(LezRule::Charge) => "charge",
        Some(LezRule::Bar) => "bar",
    };
    view! {
        <label class="field row">
            <span>"Low-emission zone"</span>
            <select data-testid="inspector-lez" prop:value=value
                on:change=move |ev| {
                    let rule = match event_target_value(&ev).as_str() {
                        "charge" => Some(LezRule::Charge),
                        "bar" => Some(LezRule::Bar),
                        _ => None,
                    };
                    let id = id.clone();
                    edit(ui, move |r| set_lez(r, id, rule));
                }>
                <option value="none">"None"</option>
                <option value="charge">"Charges diesel vans £12.50 a day"</option>
                <option value="bar">"Bars diesel vans"</option>
            </select>
        </label>
    }
}

fn set_lez(r: &mut Regulation, zone: String, rule: Option<LezRule>) {
    let list = &mut r.low_emission_zones;
    match (list.iter_mut().find(|z| z.zone == zone), rule) {
        (Some(z), Some(rule)) => z.diesel_vans = rule,
        (Some(_), None) => list.retain(|z| z.zone != zone),
        (None, Some(rule)) => list.push(LowEmissionZone {
            zone,
            diesel_vans: rule,
            charge_per_day: supply_sim::regulation::ULEZ_DAILY_CHARGE,
        }),
        (None, None) => {}
    }
}
