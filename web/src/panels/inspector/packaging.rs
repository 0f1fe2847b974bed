//! Packaging, shown with nothing selected: right-sizing on or off, the
//! default box, the box set, and what the packing has used so far.

use crate::ui::{Ui, use_ui};
use leptos::prelude::*;
use supply_sim::scenario::Packaging;
use supply_sim::view::format::thousands;

#[component]
pub fn PackagingPanel() -> impl IntoView {
    let ui = use_ui();
    let Some(p) = ui.sb.with_value(|s| s.scenario.packaging.clone()) else {
        return view! {
            <fieldset class="packaging" data-testid="packaging">
                <legend>"Packaging"</legend>
                <p class="hint">"Parcels ship as their items: this scenario names no boxes (a "<code>"packaging"</code>" section in its file adds them)."</p>
            </fieldset>
        }
        .into_any();
    };
    view! {
        <fieldset class="packaging" data-testid="packaging">
            <legend>"Packaging"</legend>
            <label class="field row">
                <input type="checkbox" data-testid="right-sizing" prop:checked=p.right_sizing
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        ui.edit(|s| if let Some(p) = &mut s.packaging { p.right_sizing = on });
                    } />
                <span>"Right-size: each order in the smallest box it fits"</span>
            </label>
            {default_box(ui, &p)}
            <p class="hint">"Boxes (inside, cm): "{box_list(&p)}</p>
            <p class="figures" data-testid="packaging-figures">{move || figures(ui)}</p>
        </fieldset>
    }
    .into_any()
}

/// The box every order that fits it goes in when right-sizing is off.
fn default_box(ui: Ui, p: &Packaging) -> impl IntoView {
    let largest = p
        .boxes
        .iter()
        .max_by(|a, b| volume(a.cm).total_cmp(&volume(b.cm)));
    let current = p.default_box.clone().or(largest.map(|b| b.name.clone()));
    let options = p
        .boxes
        .iter()
        .map(|b| view! { <option value=b.name.clone()>{b.name.clone()}</option> })
        .collect_view();
    view! {
        <label class="field row">
            <span>"Default box"</span>
            <select data-testid="default-box" prop:value=current disabled=p.right_sizing
                on:change=move |ev| {
                    let name = event_target_value(&ev);
                    ui.edit(|s| if let Some(p) = &mut s.packaging { p.default_box = Some(name) });
                }>
                {options}
            </select>
        </label>
    }
}

fn volume([l, w, h]: [f64; 3]) -> f64 {
    l * w * h
}

fn box_list(p: &Packaging) -> String {
    let sizes: Vec<String> = p
        .boxes
        .iter()
        .map(|b| format!("{} {}×{}×{}", b.name, b.cm[0], b.cm[1], b.cm[2]))
        .collect();
    sizes.join(" · ")
}

/// What the run has packed so far.
fn figures(ui: Ui) -> String {
    ui.kpis.track();
    let Some(r) = ui.sb.with_value(|s| s.packaging()) else {
        return String::new();
    };
    match (r.board_g_per_package, r.mean_parcel_l) {
        (Some(g), Some(l)) => format!(
            "So far: {} parcels, {g:.0} g of board each ({:.0} g CO₂e), {:.0} % of their volume air, {l:.1} L on average.",
            thousands(r.parcels as i64),
            g * supply_sim::packaging::BOARD_CO2E_KG_PER_KG,
            r.air_share * 100.0,
        ),
        _ => "Nothing packed yet.".into(),
    }
}
