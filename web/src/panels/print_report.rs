//! The printable report: the run's figures as an HTML page for paper or a
//! PDF (the browser's print), next to the JSON report. Built from
//! `Engine::report` when the person asks for it; the print style sheet
//! shows only this.

use crate::panels::kpis::{pounds, thousands};
use crate::ui::{Ui, use_ui};
use leptos::prelude::*;
use supply_sim::Report;
use supply_sim::lesson::Measures;

/// What the printed page shows, taken once when Print is pressed.
#[derive(Clone)]
pub struct Printed {
    name: String,
    description: String,
    report: Report,
    lesson: Option<LessonLines>,
}

#[derive(Clone)]
struct LessonLines {
    title: String,
    step: String,
    conditions: Vec<(String, String, bool)>,
    debrief: Option<String>,
}

fn lesson_lines(sb: &crate::sandbox::Sandbox) -> Option<LessonLines> {
    let l = sb.lesson.as_ref()?;
    let m = l
        .figures(sb.engine.as_ref())
        .unwrap_or_else(Measures::default);
    let conditions = l
        .step()
        .goal
        .all
        .iter()
        .map(|c| {
            let v = m.get(&c.figure());
            let value = v.map_or_else(|| "–".to_owned(), |v| c.kpi.format(v));
            let name = c.facility.as_deref().map(|id| sb.scenario.name_of(id));
            (c.describe(name.as_deref()), value, c.holds(v))
        })
        .collect();
    Some(LessonLines {
        title: l.lesson.title.clone(),
        step: format!(
            "Step {} of {}: {}",
            l.step_index() + 1,
            l.steps(),
            l.step().title
        ),
        conditions,
        debrief: l.debrief(),
    })
}

/// The report to print, shared by the Print button and the page's print
/// view (provided by the page).
#[derive(Clone, Copy)]
pub struct PrintState(RwSignal<Option<Printed>>);

impl PrintState {
    pub fn new() -> PrintState {
        PrintState(RwSignal::new(None))
    }
}

/// The Print button: takes the run's report, then opens the browser's print.
#[component]
pub fn PrintButton() -> impl IntoView {
    let ui = use_ui();
    let state = expect_context::<PrintState>();
    let print = move |_| {
        let p = ui.sb.with_value(|s| {
            let e = s.engine.as_ref()?;
            Some(Printed {
                name: s.scenario.name.clone(),
                description: s.scenario.description.clone(),
                report: e.report(),
                lesson: lesson_lines(s),
            })
        });
        let Some(p) = p else {
            ui.status
                .set("No report to print: the scenario has problems to fix first".into());
            return;
        };
        state.0.set(Some(p));
        // Print once the page holds the report.
        request_animation_frame(move || {
            if let Some(w) = web_sys::window() {
                let _ = w.print();
            }
        });
    };
    view! {
        <button data-testid="print-report" title="A printable report of this run (print it, or save it as a PDF)" on:click=print>"Print"</button>
    }
}

/// The printed page: hidden on screen, the whole page on paper.
#[component]
pub fn PrintView() -> impl IntoView {
    let ui = use_ui();
    let state = expect_context::<PrintState>();
    view! {
        <article class="print-report" data-testid="print-view">
            {move || state.0.get().map(|p| report_view(ui, p))}
        </article>
    }
}

fn report_view(ui: Ui, p: Printed) -> impl IntoView {
    let r = &p.report;
    let seed = ui.sb.with_value(|s| s.seed);
    view! {
        <h1>{format!("Supply Sandbox report: {}", p.name)}</h1>
        <p class="meta">{format!("After {:.1} days, seed {seed}; figures since day {:.0}. KPI definitions: GLOSSARY.md.", r.days, r.measured_from_day + 1.0)}</p>
        {(!p.description.is_empty()).then(|| view! { <p>{p.description.clone()}</p> })}
        {p.lesson.clone().map(lesson_view)}
        <h2>"Service"</h2>
        {table(&[
            ("Orders placed", thousands(r.orders.placed as i64)),
            ("Delivered", thousands(r.orders.delivered as i64)),
            ("On time", format!("{:.1} %", r.service.on_time_rate * 100.0)),
            ("Late or overdue", thousands((r.orders.late + r.orders.overdue) as i64)),
            ("Lost", thousands(r.orders.lost as i64)),
            ("Fill rate", format!("{:.1} %", r.service.fill_rate * 100.0)),
            ("Mean delivery time", format!("{:.1} h", r.service.mean_lead_time_h)),
            ("95th percentile delivery time", format!("{:.1} h", r.service.p95_lead_time_h)),
        ])}
        <h2>"Cost and emissions"</h2>
        {table(&[
            ("Total cost", pounds(r.cost.total)),
            ("Cost per package", r.cost.per_package.map_or_else(|| "–".into(), pounds)),
            ("Transport · handling · holding", format!("{} · {} · {}", pounds(r.cost.transport), pounds(r.cost.handling), pounds(r.cost.holding))),
            ("Labour · facilities · backorders · lost sales", format!("{} · {} · {} · {}", pounds(r.cost.labour), pounds(r.cost.facilities), pounds(r.cost.backorder), pounds(r.cost.lost_sales))),
            ("Staff hours", thousands(r.cost.labour_hours.round() as i64)),
            ("CO₂e", format!("{} kg", thousands(r.emissions.co2e_kg.round() as i64))),
            ("CO₂e per package", r.emissions.co2e_g_per_package.map_or_else(|| "–".into(), |g| format!("{g:.0} g"))),
            ("Zero-emission share of legs", format!("{:.0} %", r.emissions.net_zero_share * 100.0)),
            ("Shipment Zero: orders net-zero on every leg", format!("{:.0} %", r.emissions.shipment_zero_share * 100.0)),
            ("CO₂e inbound · middle mile · last mile", format!("{} · {} · {} kg", thousands(r.emissions.co2e_inbound_kg.round() as i64), thousands(r.emissions.co2e_middle_mile_kg.round() as i64), thousands(r.emissions.co2e_last_mile_kg.round() as i64))),
        ])}
        {r.packaging.as_ref().map(|k| table(&[
            ("Packing", if k.right_sizing { "right-sized".to_string() } else { "default box".to_string() }),
            ("Parcels packed · in a box", format!("{} · {}", thousands(k.parcels as i64), thousands(k.boxed as i64))),
            ("Board · its CO₂e", format!("{} kg · {} kg", thousands(k.board_kg.round() as i64), thousands(k.board_co2e_kg.round() as i64))),
            ("Air in parcels", format!("{:.0} %", k.air_share * 100.0)),
        ]))}
        {r.channels.as_ref().map(|c| table(&[
            ("Channel priority when vans are short", crate::labels::channel_priority_label(c.priority).to_string()),
            ("Seller fees: marketplace · multi-channel · storage", format!("{} · {} · {}", pounds(c.marketplace_fees), pounds(c.multichannel_fees), pounds(c.storage_fees))),
        ]))}
        {r.regulation.as_ref().map(|g| table(&[
            ("Customs crossings · mean wait", format!("{} · {:.1} h", thousands(g.customs_crossings as i64), g.mean_customs_wait_h)),
            ("Customs fees · duty", format!("{} · {}", pounds(g.customs_fees), pounds(g.duties))),
            ("Low-emission zone charges", pounds(g.lez_charges)),
            ("Carbon cost (at £ per t)", format!("{} (at £{:.0})", pounds(g.carbon_cost), g.carbon_price_per_tonne)),
        ]))}
        {r.competition.as_ref().map(|c| {
            let n = c.zones.len().max(1) as f64;
            let mean = c.zones.iter().map(|z| z.demand_multiplier).sum::<f64>() / n;
            table(&[
                ("Competitor: promise · on time", format!("{} · {:.0} %", crate::labels::promise_label(c.competitor_promise), c.competitor_on_time * 100.0)),
                ("Our demand against matching them (zones' mean)", format!("{:+.1} %", (mean - 1.0) * 100.0)),
            ])
        })}
        {facility_table(r)}
        {lane_table(r)}
    }
}

fn lesson_view(l: LessonLines) -> impl IntoView {
    view! {
        <section class="print-lesson">
            <h2>{format!("Lesson: {}", l.title)}</h2>
            <p>{l.step}</p>
            <ul>{l.conditions.into_iter().map(|(what, value, ok)| view! {
                <li>{format!("{} {what}: {value}", if ok { "✓" } else { "✗" })}</li>
            }).collect_view()}</ul>
            {l.debrief.map(|d| view! { <p>{d}</p> })}
        </section>
    }
}

fn table(rows: &[(&'static str, String)]) -> impl IntoView + use<> {
    let rows: Vec<_> = rows.iter().map(|(k, v)| (*k, v.clone())).collect();
    view! {
        <table class="print-pairs"><tbody>
            {rows.into_iter().map(|(k, v)| view! { <tr><th scope="row">{k}</th><td>{v}</td></tr> }).collect_view()}
        </tbody></table>
    }
}

fn facility_table(r: &Report) -> impl IntoView + use<> {
    let rows: Vec<_> = r
        .facilities
        .iter()
        .map(|f| {
            (
                f.id.clone(),
                crate::labels::kind_label(f.kind),
                thousands(f.throughput_units as i64),
                format!("{:.0} %", f.utilization * 100.0),
                f.fill_rate
                    .map_or_else(|| "–".into(), |v| format!("{:.1} %", v * 100.0)),
            )
        })
        .collect();
    view! {
        <h2>"Facilities"</h2>
        <table class="print-grid">
            <thead><tr><th>"Facility"</th><th>"Kind"</th><th>"Units through"</th><th>"Utilisation"</th><th>"Fill rate"</th></tr></thead>
            <tbody>{rows.into_iter().map(|(id, kind, units, util, fill)| view! {
                <tr><td>{id}</td><td>{kind}</td><td>{units}</td><td>{util}</td><td>{fill}</td></tr>
            }).collect_view()}</tbody>
        </table>
    }
}

fn lane_table(r: &Report) -> impl IntoView + use<> {
    let rows: Vec<_> = r
        .lanes
        .iter()
        .map(|l| {
            (
                format!("{} → {}", l.from, l.to),
                crate::labels::mode_label(l.mode),
                thousands(l.trips as i64),
                thousands(l.km.round() as i64),
                pounds(l.cost),
                format!("{:.0}", l.co2e_kg),
            )
        })
        .collect();
    view! {
        <h2>"Lanes"</h2>
        <table class="print-grid">
            <thead><tr><th>"Lane"</th><th>"Mode"</th><th>"Trips"</th><th>"km"</th><th>"Cost"</th><th>"kg CO₂e"</th></tr></thead>
            <tbody>{rows.into_iter().map(|(lane, mode, trips, km, cost, co2)| view! {
                <tr><td>{lane}</td><td>{mode}</td><td>{trips}</td><td>{km}</td><td>{cost}</td><td>{co2}</td></tr>
            }).collect_view()}</tbody>
        </table>
    }
}
