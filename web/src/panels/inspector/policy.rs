//! The inventory policy of an FC: one rule for every SKU policy there
//! (edited together), its parameters, and the forecast it orders from.

use super::fields::{choice_select, number_field};
use super::inline_problems;
use crate::labels::{forecast_from_label, forecast_label, key};
use crate::ui::Ui;
use leptos::prelude::*;
use supply_sim::Subject;
use supply_sim::scenario::{FacilityKind, ForecastFrom, ForecastSpec, Rule, Scenario};

/// The rule every policy at this FC uses (they are edited together).
pub fn policy_editor(ui: Ui, id: &str) -> AnyView {
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
    // Choosing a rule starts it at the sim's starter values.
    let current = key(&first.rule);
    let choose = choice_select(
        "Rule",
        "inspector-policy",
        Rule::starters().to_vec(),
        move |r| key(&r) == current,
        |r| r.title(),
        set_rule.clone(),
    );
    view! {
        <fieldset class="policy">
            <legend>{format!("Inventory policy ({} SKU rule(s), from {})", policies.len(), first.source)}</legend>
            {choose}
            {rule_params(set_rule, first.rule)}
            {forecast_editor(ui, id, first.forecast)}
            {supplies_an_fc(ui, id).then(|| forecast_from_editor(ui, id, first.forecast_from))}
            {expedite_editor(ui, id, &first.source, first.expedite_from.clone())}
            {policy_problems(ui, id)}
            <p class="meta">{format!(
                "{} · forecast: {}{}",
                first.rule.title(),
                forecast_label(first.forecast),
                if first.forecast_from == ForecastFrom::EndCustomers { ", from end-customer demand" } else { "" }
            )}</p>
        </fieldset>
    }
    .into_any()
}

/// The forecast the rule orders from: none (the expected demand) or one of
/// the sim's models, with the numbers that model offers.
fn forecast_editor(ui: Ui, id: &str, forecast: Option<ForecastSpec>) -> impl IntoView {
    let set = {
        let id = id.to_owned();
        move |f: Option<ForecastSpec>| {
            let id = id.clone();
            ui.edit(move |s: &mut Scenario| {
                for p in s.policies.iter_mut().filter(|p| p.facility == id) {
                    p.forecast = f;
                }
            })
        }
    };
    let current = forecast.map_or("none", |f| f.key());
    let pick = set.clone();
    let params = forecast.map(|f| {
        f.params()
            .into_iter()
            .map(|(key, label, value)| {
                let set = set.clone();
                let unit = if key == "periods" { "periods" } else { "0–1" };
                number_field(
                    label,
                    unit,
                    Some(value),
                    format!("inspector-{key}"),
                    move |v| set(Some(f.with(key, v))),
                )
            })
            .collect_view()
    });
    view! {
        <label class="field row">
            <span>"Forecast"</span>
            <select data-testid="inspector-forecast" prop:value=current on:change=move |ev| {
                let k = event_target_value(&ev);
                if k == "none" {
                    pick(None);
                } else if let Some(f) = ForecastSpec::STARTERS.iter().find(|f| f.key() == k) {
                    pick(Some(*f));
                }
            }>
                <option value="none" selected=current == "none">"Expected demand (no forecast)"</option>
                {ForecastSpec::STARTERS.iter().map(|f| view! { <option value=f.key() selected=f.key() == current>{f.title()}</option> }).collect_view()}
            </select>
        </label>
        {params}
    }
}

/// Does another FC order from FC `id`? (Only then can it learn from
/// end-customer demand rather than the orders it receives.)
fn supplies_an_fc(ui: Ui, id: &str) -> bool {
    ui.sb
        .with_value(|s| s.scenario.policies.iter().any(|p| p.source == id))
}

/// What the forecast learns from: the orders this FC receives, or the
/// end-customer demand of the FCs it serves, shared with it.
fn forecast_from_editor(ui: Ui, id: &str, from: ForecastFrom) -> impl IntoView {
    let id = id.to_owned();
    let set = move |f: ForecastFrom| {
        let id = id.clone();
        ui.edit(move |s: &mut Scenario| {
            for p in s.policies.iter_mut().filter(|p| p.facility == id) {
                p.forecast_from = f;
            }
        })
    };
    choice_select(
        "Forecast from",
        "inspector-forecast-from",
        vec![ForecastFrom::Orders, ForecastFrom::EndCustomers],
        move |f| f == from,
        forecast_from_label,
        set,
    )
}

/// Where the FC expedites from when stock will run out before the next
/// vessel's goods arrive: none, or a supplier or FC with a lane to it.
fn expedite_editor(
    ui: Ui,
    id: &str,
    source: &str,
    current: Option<String>,
) -> impl IntoView + use<> {
    let options: Vec<(String, String)> = ui.sb.with_value(|s| {
        let sc = &s.scenario;
        sc.lanes
            .iter()
            .filter(|l| l.to == id && l.from != source)
            .filter_map(|l| sc.facilities.iter().find(|f| f.id == l.from))
            .filter(|f| {
                matches!(
                    f.kind,
                    FacilityKind::Supplier | FacilityKind::FulfillmentCenter
                )
            })
            .map(|f| (f.id.clone(), f.name.clone()))
            .collect()
    });
    let id = id.to_owned();
    let value = current.unwrap_or_default();
    view! {
        <label class="field row">
            <span>"Expedite from"</span>
            <select data-testid="inspector-expedite" prop:value=value
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    let id = id.clone();
                    ui.edit(move |s: &mut Scenario| {
                        for p in s.policies.iter_mut().filter(|p| p.facility == id) {
                            p.expedite_from = (!v.is_empty()).then(|| v.clone());
                        }
                    })
                }>
                <option value="">"Nowhere"</option>
                {options.into_iter().map(|(fid, name)| view! { <option value=fid>{name}</option> }).collect_view()}
            </select>
        </label>
    }
}

/// The problems of the policies at FC `id`, next to the rule's fields.
fn policy_problems(ui: Ui, id: &str) -> impl IntoView {
    let id = id.to_owned();
    inline_problems(ui, "policy-problems", move |p, s| match p.subject {
        Some(Subject::Policy(i)) => s.policies.get(i).is_some_and(|p| p.facility == id),
        _ => false,
    })
}

/// The fields of a rule's numbers, as the rule book offers them; each
/// change sets the whole rule.
fn rule_params(set: impl Fn(Rule) + Clone + 'static, rule: Rule) -> AnyView {
    rule.params()
        .into_iter()
        .map(|p| {
            let set = set.clone();
            number_field(
                p.label,
                p.unit,
                Some(p.value),
                param_testid(p.key),
                move |v| set(rule.with(p.key, v)),
            )
        })
        .collect_view()
        .into_any()
}

/// `inspector-` and the field's scenario name in kebab case; a capital
/// letter reads "big-" (the rule's `S` is `inspector-big-s`).
fn param_testid(key: &str) -> String {
    let mut id = String::from("inspector-");
    for c in key.chars() {
        match c {
            '_' => id.push('-'),
            c if c.is_uppercase() => {
                id.push_str("big-");
                id.extend(c.to_lowercase());
            }
            c => id.push(c),
        }
    }
    id
}

#[cfg(test)]
mod tests {
    use super::param_testid;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn test_ids_follow_the_scenario_field_names() {
        assert_eq!(param_testid("z"), "inspector-z");
        assert_eq!(param_testid("S"), "inspector-big-s");
        assert_eq!(param_testid("min_days"), "inspector-min-days");
    }
}
