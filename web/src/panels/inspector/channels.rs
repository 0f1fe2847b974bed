//! Sales channels, shown with nothing selected: whose parcels board first
//! when vans are short, the multi-channel promise, the fees sellers pay,
//! and the fees earned so far.

use super::fields::optional_promise_select;
use crate::labels::{CHANNEL_PRIORITIES, channel_priority_label, key, parse};
use crate::ui::{Ui, use_ui};
use leptos::prelude::*;
use supply_sim::scenario::Channels;
use supply_sim::view::format::thousands;

#[component]
pub fn ChannelsPanel() -> impl IntoView {
    let ui = use_ui();
    let c = ui
        .sb
        .with_value(|s| s.scenario.channels.clone())
        .unwrap_or_default();
    let priority = key(&c.priority);
    view! {
        <fieldset class="channels" data-testid="channels">
            <legend>"Sales channels"</legend>
            <label class="field row">
                <span>"When vans are short"</span>
                <select data-testid="channel-priority" prop:value=priority
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if let Some(p) = parse(&CHANNEL_PRIORITIES, &v) {
                            edit(ui, |c| c.priority = p);
                        }
                    }>
                    {CHANNEL_PRIORITIES.map(|p| view! { <option value=key(&p)>{channel_priority_label(p)}</option> }).collect_view()}
                </select>
            </label>
            {optional_promise_select(("Multi-channel promise", "multichannel-promise"), ("zone", "The zone's"), c.multichannel_promise, move |p| {
                edit(ui, |c| c.multichannel_promise = p)
            })}
            <p class="hint">"Our site: own retail and marketplace sellers. Priority acts only on lanes with a fleet limit."</p>
            <p class="hint">{fee_line(&c)}</p>
            <p class="figures" data-testid="channel-figures">{move || figures(ui)}</p>
        </fieldset>
    }
}

/// Change the channel rules, creating them if the scenario has none.
fn edit(ui: Ui, f: impl FnOnce(&mut Channels)) {
    ui.edit(|s| f(s.channels.get_or_insert_with(Channels::default)));
}

fn fee_line(c: &Channels) -> String {
    let mcf = c
        .multichannel_fee_per_unit
        .unwrap_or(c.fulfilment_fee_per_unit);
    format!(
        "Sellers (products marked seller) pay £{:.2} a unit shipped for our site, £{mcf:.2} for other channels, and £{:.2} per m³ of their stock a month.",
        c.fulfilment_fee_per_unit, c.storage_fee_per_m3_month
    )
}

/// The fees earned so far.
fn figures(ui: Ui) -> String {
    ui.kpis.track();
    let Some(r) = ui.sb.with_value(|s| s.channels()) else {
        return String::new();
    };
    format!(
        "So far: £{} in seller fees (£{} marketplace, £{} multi-channel, £{} storage).",
        thousands(r.total_fees.round() as i64),
        thousands(r.marketplace_fees.round() as i64),
        thousands(r.multichannel_fees.round() as i64),
        thousands(r.storage_fees.round() as i64),
    )
}
