//! Competition, shown with nothing selected: the competitor's promise and
//! on-time, how much demand a day of delivery moves, and what each zone's
//! demand stands at against matching the competitor.

use super::fields::{number_field, optional_promise_select};
use crate::ui::{Ui, use_ui};
use leptos::prelude::*;
use supply_sim::scenario::{Competition, Promise};

#[component]
pub fn CompetitionPanel() -> impl IntoView {
    let ui = use_ui();
    let c = ui.sb.with_value(|s| s.scenario.competition.clone());
    let current = c.as_ref().map(|c| c.promise);
    view! {
        <fieldset class="competition" data-testid="competition">
            <legend>"Competition"</legend>
            {optional_promise_select(("Competitor promises", "competitor-promise"), ("none", "No competitor"), current, move |p| {
                ui.edit(|s| match p {
                    Some(p) => s.competition.get_or_insert_with(|| starter(p)).promise = p,
                    None => s.competition = None,
                })
            })}
            {c.map(|c| fields(ui, &c))}
            <p class="figures" data-testid="competition-figures">{move || figures(ui)}</p>
        </fieldset>
    }
}

/// A competitor with the cited defaults.
fn starter(promise: Promise) -> Competition {
    use supply_sim::competition::{COMPETITOR_ON_TIME, DEMAND_PER_DAY, WINDOW_DAYS};
    Competition {
        promise,
        on_time: COMPETITOR_ON_TIME,
        demand_per_day: DEMAND_PER_DAY,
        window_days: WINDOW_DAYS,
    }
}

fn edit(ui: Ui, f: impl FnOnce(&mut Competition)) {
    ui.edit(|s| {
        if let Some(c) = &mut s.competition {
            f(c);
        }
    });
}

fn fields(ui: Ui, c: &Competition) -> impl IntoView + use<> {
    view! {
        {number_field("Their on-time", "%", Some(c.on_time * 100.0), "competitor-on-time", move |v| {
            edit(ui, |c| c.on_time = v / 100.0)
        })}
        {number_field("Demand per day faster", "%", Some(c.demand_per_day * 100.0), "competition-per-day", move |v| {
            edit(ui, |c| c.demand_per_day = v / 100.0)
        })}
        <p class="hint">"Customers expect the promise's days plus a day for the share late. 1.45 % a day: Fisher, Gallino & Xu (2019)."</p>
    }
}

/// Each zone's demand against matching the competitor: the mean and the
/// extremes.
fn figures(ui: Ui) -> String {
    ui.kpis.track();
    let Some(r) = ui.sb.with_value(|s| s.competition()) else {
        return String::new();
    };
    let pct = |m: f64| format!("{:+.1} %", (m - 1.0) * 100.0);
    let n = r.zones.len().max(1) as f64;
    let mean = r.zones.iter().map(|z| z.demand_multiplier).sum::<f64>() / n;
    let lo = r
        .zones
        .iter()
        .min_by(|a, b| a.demand_multiplier.total_cmp(&b.demand_multiplier));
    let hi = r
        .zones
        .iter()
        .max_by(|a, b| a.demand_multiplier.total_cmp(&b.demand_multiplier));
    match (lo, hi) {
        (Some(lo), Some(hi)) => format!(
            "Demand against matching them: {} on average, from {} in {} to {} in {}.",
            pct(mean),
            pct(lo.demand_multiplier),
            lo.name,
            pct(hi.demand_multiplier),
            hi.name
        ),
        _ => String::new(),
    }
}
