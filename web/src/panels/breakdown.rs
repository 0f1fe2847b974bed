//! Service broken down: by customer zone, SKU class or sales channel, as a
//! table under the KPIs. Folded until opened; while open it is redrawn once
//! a simulated hour (the breakdown walks the open orders).

use crate::sandbox::Sandbox;
use crate::ui::use_ui;
use leptos::prelude::*;
use supply_sim::time::HOUR;
use supply_sim::view::breakdown::{BreakdownReport, SliceReport};
use supply_sim::view::format::thousands;

/// The breakdowns a person can pick, by their label.
const BY: [&str; 3] = ["Zone", "SKU class (ABC)", "Channel"];

fn rows(b: BreakdownReport, by: usize) -> Vec<SliceReport> {
    match by {
        0 => b.zones,
        1 => b.sku_classes,
        _ => b.channels,
    }
}

#[component]
pub fn BreakdownPanel() -> impl IntoView {
    let ui = use_ui();
    let open = RwSignal::new(false);
    let by = RwSignal::new(0usize);
    // The simulated hour, so the table is rebuilt once an hour, not a frame;
    // and whether an edit's replay is still catching up, so the table is
    // rebuilt when it has (it may end at the hour it started from).
    let hour = Memo::new(move |_| {
        let h = ui.kpis.get().map(|k| k.time / HOUR);
        (h, ui.sb.with_value(Sandbox::catching_up))
    });
    let table = move || {
        if !open.get() {
            return None;
        }
        let _ = hour.get();
        ui.rev.track();
        let b = ui.sb.with_value(|s| s.breakdown())?;
        Some(slice_table(rows(b, by.get())))
    };
    view! {
        <details class="breakdown" data-testid="breakdown" on:toggle=move |ev| {
            open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open());
        }>
            <summary>"Service by zone, SKU class or channel"</summary>
            <label class="field row">
                <span>"By"</span>
                <select data-testid="breakdown-by" on:change=move |ev| {
                    by.set(event_target_value(&ev).parse::<usize>().unwrap_or(0).min(BY.len() - 1));
                }>
                    {BY.iter().enumerate().map(|(i, l)| view! { <option value=i.to_string()>{*l}</option> }).collect_view()}
                </select>
            </label>
            {table}
        </details>
    }
}

fn slice_table(rows: Vec<SliceReport>) -> impl IntoView {
    let body = rows
        .into_iter()
        .map(|s| {
            let decided = s.delivered + s.lost + s.overdue;
            let on_time = if decided == 0 {
                "–".to_string()
            } else {
                format!("{:.1}", s.on_time_rate * 100.0)
            };
            view! {
                <tr data-testid="breakdown-row">
                    <th scope="row">{s.name}</th>
                    <td>{thousands(s.placed as i64)}</td>
                    <td>{on_time}</td>
                    <td>{format!("{:.1}", s.fill_rate * 100.0)}</td>
                    <td>{format!("{:.1}", s.mean_lead_time_h)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="breakdown-table">
            <thead><tr><th>""</th><th>"Orders"</th><th>"On time %"</th><th>"Fill %"</th><th>"Hours"</th></tr></thead>
            <tbody>{body}</tbody>
        </table>
    }
}
