//! Sales channels, shown with nothing selected: whose parcels board first
//! when vans are short, the multi-channel promise, the fees sellers pay,
//! and the fees earned so far.

use crate::labels::{
    CHANNEL_PRIORITIES, PROMISES, channel_priority_label, key, parse, promise_label,
};
use crate::ui::{Ui, use_ui};
use leptos::prelude::*;
use supply_sim::scenario::Channels;
use supply_sim::view::format::thousands;

/// The multi-channel promise select's key for "the zone's own promise".
const ZONE_PROMISE: &str = "zone";

#[component]
pub fn ChannelsPanel() -> impl IntoView {
    let ui = use_ui();
    let c = ui
        .sb
        .with_value(|s| s.scenario.channels.clone())
        .unwrap_or_default();
    let priority = key(&c.priority);
    let promise = c
        .multichannel_promise
        .map_or_else(|| ZONE_PROMISE.to_owned(), |p| key(&p));
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
            <label class="field row">
                <span>"Multi-channel promise"</span>
                <select data-testid="multichannel-promise" prop:value=promise
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        let p = parse(&PROMISES, &v);
                        if p.is_some() || v == ZONE_PROMISE {
                            edit(ui, |c| c.multichannel_promise = p);
                        }
                    }>
                    <option value=ZONE_PROMISE>"The zone's"</option>
                    {PROMISES.map(|p| view! { <option value=key(&p)>{promise_label(p)}</option> }).collect_view()}
                </select>
            </label>
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
