//! Input helpers the inspector views share: a number field that validates
//! inline, and a select over
//! the sim's values keyed by their serde names.

use crate::labels::{PROMISES, key, parse, promise_label};
use leptos::prelude::*;
use serde::Serialize;
use supply_sim::scenario::Promise;

/// A number input that commits on change; text that is not a number shows an
/// inline message and changes nothing.
pub fn number_field(
    label: &'static str,
    unit: &'static str,
    value: Option<f64>,
    testid: impl Into<String>,
    commit: impl Fn(f64) + 'static,
) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let testid: String = testid.into();
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

/// A select offering `options` (shown by `text`, keyed by their serde
/// names); `pick` gets the option chosen.
pub fn choice_select<T: Serialize + Copy + 'static>(
    label: &'static str,
    testid: &'static str,
    options: Vec<T>,
    selected: impl Fn(T) -> bool,
    text: fn(T) -> &'static str,
    pick: impl Fn(T) + 'static,
) -> impl IntoView {
    let current = options.iter().find(|&&o| selected(o)).map(key);
    let items = options
        .iter()
        .map(|&o| view! { <option value=key(&o) selected=selected(o)>{text(o)}</option> })
        .collect_view();
    // The property, not only the options' attribute: once a person has
    // picked an option, a redrawn `selected` attribute no longer moves the
    // select (so after Undo it kept showing the undone choice).
    view! {
        <label class="field row">
            <span>{label}</span>
            <select
                data-testid=testid
                prop:value=current
                on:change=move |ev| {
                    if let Some(o) = parse(&options, &event_target_value(&ev)) {
                        pick(o);
                    }
                }
            >
                {items}
            </select>
        </label>
    }
}

/// A promise select with a first option for "none of them" (`unset`: its
/// key and label); `pick` gets the promise chosen, or `None` for that option.
pub fn optional_promise_select(
    (label, testid): (&'static str, &'static str),
    (unset_key, unset): (&'static str, &'static str),
    current: Option<Promise>,
    pick: impl Fn(Option<Promise>) + 'static,
) -> impl IntoView {
    let value = current.map_or_else(|| unset_key.to_owned(), |p| key(&p));
    view! {
        <label class="field row">
            <span>{label}</span>
            <select data-testid=testid prop:value=value
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    let p = parse(&PROMISES, &v);
                    if p.is_some() || v == unset_key {
                        pick(p);
                    }
                }>
                <option value=unset_key>{unset}</option>
                {PROMISES.map(|p| view! { <option value=key(&p)>{promise_label(p)}</option> }).collect_view()}
            </select>
        </label>
    }
}
