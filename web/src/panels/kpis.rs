//! Live KPI tiles, the time-series chart and the `?perf=1` overlay.

use crate::charts::{Series, line_chart};
use crate::sandbox::Sample;
use crate::ui::use_ui;
use leptos::html::Canvas;
use leptos::prelude::*;
use supply_sim::Kpis;
use supply_sim::view::{glossary, per_package_withheld};

/// A KPI tile: its name and tooltip come from the sim's glossary.
fn tile(
    key: &'static str,
    testid: &'static str,
    unit: &'static str,
    value: impl Fn() -> String + Send + Sync + 'static,
) -> impl IntoView {
    let term = glossary::term(key);
    let name = term.map_or(key, |t| t.name);
    let tip = term.map(|t| format!("{}\n{} ({})", t.definition, t.formula, t.unit));
    view! {
        <div class="kpi" title=tip data-testid=format!("tile-{key}")>
            <span class="label">{name}</span>
            <span class="value"><span data-testid=testid>{value}</span><small>{unit}</small></span>
        </div>
    }
}

/// Shown where a rate has no denominator yet.
const NONE: &str = "–";

/// Per-delivery figures mean nothing before the first delivery.
fn delivered(k: &Kpis, text: String) -> String {
    if k.orders_delivered == 0 {
        NONE.into()
    } else {
        text
    }
}

/// A per-package figure, or a dash while it is withheld.
fn per_package(v: Option<f64>, digits: usize) -> String {
    v.map_or_else(|| NONE.into(), |v| format!("{v:.digits$}"))
}

/// One line on the chart: its label, how to read it from a sample, its colour.
type Line = (&'static str, fn(&Kpis) -> f64, (u8, u8, u8));

const BLUE: (u8, u8, u8) = (31, 111, 235);
const ORANGE: (u8, u8, u8) = (211, 84, 0);

/// The views the chart offers (figures cumulative since day 1).
const METRICS: [(&str, &[Line]); 8] = [
    (
        "On time & fill rate (%)",
        &[
            ("on time", |k| k.on_time_rate * 100.0, BLUE),
            ("fill rate", |k| k.fill_rate * 100.0, ORANGE),
        ],
    ),
    (
        "Orders placed & delivered",
        &[
            ("placed", |k| k.orders_placed as f64, ORANGE),
            ("delivered", |k| k.orders_delivered as f64, BLUE),
        ],
    ),
    (
        "Mean delivery time (h)",
        &[("hours", |k| k.mean_lead_time_h, BLUE)],
    ),
    (
        "Cost per package (£)",
        &[("£", |k| k.cost_per_package.unwrap_or(f64::NAN), BLUE)],
    ),
    (
        "CO2e per package (g)",
        &[("g", |k| k.co2e_g_per_package.unwrap_or(f64::NAN), BLUE)],
    ),
    (
        "Inventory on hand (units)",
        &[("units", |k| k.on_hand as f64, BLUE)],
    ),
    (
        "Net-zero share of legs (%)",
        &[("%", |k| k.net_zero_share * 100.0, BLUE)],
    ),
    (
        "Warehouse labour (h)",
        &[("hours", |k| k.labour_hours, BLUE)],
    ),
];

#[component]
pub fn KpiPanel() -> impl IntoView {
    let ui = use_ui();
    let k = move |f: fn(&Kpis) -> String| {
        move || ui.kpis.get().map(|k| f(&k)).unwrap_or_else(|| NONE.into())
    };
    let metric = RwSignal::new(0usize);
    let canvas = NodeRef::<Canvas>::new();
    // Redraw when the KPIs tick (a few times a second) or the metric changes.
    Effect::new(move |_| {
        ui.kpis.track();
        ui.rev.track();
        let m = metric.get();
        let Some(c) = canvas.get() else { return };
        let lines = METRICS[m].1;
        ui.sb.with_value(|s| {
            let points: Vec<Vec<(f64, f64)>> = lines
                .iter()
                .map(|(_, read, _)| {
                    s.series
                        .iter()
                        .map(|Sample { kpis }| (kpis.time as f64 / 86_400.0, read(kpis)))
                        // Withheld figures (NaN) leave a gap, not a zero.
                        .filter(|p| p.1.is_finite())
                        .collect()
                })
                .collect();
            let series: Vec<Series> = lines
                .iter()
                .zip(&points)
                .map(|(&(label, _, colour), pts)| Series {
                    label,
                    points: pts,
                    colour,
                })
                .collect();
            line_chart(&c, &series);
        });
    });
    view! {
        <section class="kpis" aria-label="Key performance indicators">
            <h2>"KPIs"</h2>
            <div class="tiles">
                {tile("orders_placed", "kpi-orders", "", k(|k| k.orders_placed.to_string()))}
                {tile("orders_delivered", "kpi-delivered", "", k(|k| k.orders_delivered.to_string()))}
                {tile("on_time_rate", "kpi-on-time", "%", k(|k| delivered(k, format!("{:.1}", k.on_time_rate * 100.0))))}
                {tile("fill_rate", "kpi-fill-rate", "%", k(|k| if k.orders_placed == 0 { NONE.into() } else { format!("{:.1}", k.fill_rate * 100.0) }))}
                {tile("mean_lead_time_h", "kpi-lead-time", "h", k(|k| delivered(k, format!("{:.1}", k.mean_lead_time_h))))}
                {tile("cost_per_package", "kpi-cost-per-package", "£", k(|k| per_package(k.cost_per_package, 2)))}
                {tile("co2e_g_per_package", "kpi-co2-per-package", "g", k(|k| per_package(k.co2e_g_per_package, 0)))}
                {tile("on_hand", "kpi-on-hand", "units", k(|k| k.on_hand.to_string()))}
                {tile("net_zero_share", "kpi-net-zero", "%", k(|k| delivered(k, format!("{:.0}", k.net_zero_share * 100.0))))}
                {tile("labour_hours", "kpi-labour", "h", k(|k| format!("{:.0}", k.labour_hours)))}
            </div>
            <p class="hint withheld" data-testid="kpi-withheld">{move || ui.kpis.get().and_then(|k| per_package_withheld(k.orders_placed, k.orders_delivered)).map(|w| format!("Per package: {w}"))}</p>
            <label class="field row">
                <span>"Chart"</span>
                <select data-testid="chart-metric" on:change=move |ev| {
                    if let Ok(i) = event_target_value(&ev).parse::<usize>() {
                        metric.set(i.min(METRICS.len() - 1));
                    }
                }>
                    {METRICS.iter().enumerate().map(|(i, (l, _))| view! { <option value=i.to_string()>{*l}</option> }).collect_view()}
                </select>
            </label>
            <canvas class="chart" data-testid="kpi-chart" node_ref=canvas></canvas>
        </section>
    }
}

#[component]
pub fn PerfOverlay() -> impl IntoView {
    let ui = use_ui();
    let p = move || ui.perf.get().unwrap_or_default();
    // The figures are also data attributes, for the frame-time benchmark.
    view! {
        <div
            class="perf"
            data-testid="perf"
            data-fps=move || format!("{:.1}", p().fps)
            data-frame-ms=move || format!("{:.3}", p().frame_ms)
            data-sim-ms=move || format!("{:.3}", p().sim_ms)
            data-draw-ms=move || format!("{:.3}", p().draw_ms)
            data-max-frame-ms=move || format!("{:.3}", p().max_frame_ms)
            data-events-per-s=move || format!("{:.0}", p().events_per_s)
            data-vehicles=move || p().vehicles.to_string()
        >
            {move || match ui.perf.get() {
                Some(p) => format!(
                    "{:.0} fps · {:.2} ms/frame (sim {:.2} + draw {:.2}, worst {:.1}) · {:.0} events/s · {} vehicles",
                    p.fps, p.frame_ms, p.sim_ms, p.draw_ms, p.max_frame_ms, p.events_per_s, p.vehicles
                ),
                None => "measuring…".into(),
            }}
        </div>
    }
}
