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

/// A chart view: the menu entry, the y axis title, and its lines.
type Metric = (&'static str, &'static str, &'static [Line]);

const BLUE: (u8, u8, u8) = (31, 111, 235);
const ORANGE: (u8, u8, u8) = (211, 84, 0);

/// A figure over a count that may still be zero: NaN (a gap in the line,
/// not a fall to 0) until the count has something in it.
fn over(count: u64, v: f64) -> f64 {
    if count == 0 { f64::NAN } else { v }
}

/// The views the chart offers: every figure is cumulative since day 1.
const METRICS: [Metric; 9] = [
    (
        "On time & fill rate",
        "% since day 1",
        &[
            (
                "on time",
                |k| over(k.orders_delivered, k.on_time_rate * 100.0),
                BLUE,
            ),
            (
                "fill rate",
                |k| over(k.orders_placed, k.fill_rate * 100.0),
                ORANGE,
            ),
        ],
    ),
    (
        "Orders placed & delivered",
        "Orders since day 1",
        &[
            ("placed", |k| k.orders_placed as f64, ORANGE),
            ("delivered", |k| k.orders_delivered as f64, BLUE),
        ],
    ),
    (
        "Mean delivery time",
        "Hours",
        &[(
            "hours",
            |k| over(k.orders_delivered, k.mean_lead_time_h),
            BLUE,
        )],
    ),
    (
        "Cost per package",
        "£ per package",
        &[("£", |k| k.cost_per_package.unwrap_or(f64::NAN), BLUE)],
    ),
    (
        "CO₂e per package",
        "g CO₂e per package",
        &[("g", |k| k.co2e_g_per_package.unwrap_or(f64::NAN), BLUE)],
    ),
    (
        "Stock on hand",
        "Units",
        &[("units", |k| k.on_hand as f64, BLUE)],
    ),
    (
        "Zero-emission legs",
        "% of parcel legs",
        &[(
            "%",
            |k| over(k.orders_delivered, k.net_zero_share * 100.0),
            BLUE,
        )],
    ),
    (
        "Shipment Zero",
        "% of delivered orders net-zero on every leg",
        &[(
            "%",
            |k| over(k.orders_delivered, k.shipment_zero_share * 100.0),
            BLUE,
        )],
    ),
    (
        "Warehouse staff hours",
        "Hours paid since day 1",
        &[("hours", |k| k.labour_hours, BLUE)],
    ),
];

pub use supply_sim::view::format::{pounds, thousands};

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
        let (_, y_title, lines) = METRICS[m];
        ui.sb.with_value(|s| {
            let points: Vec<Vec<(f64, f64)>> = lines
                .iter()
                .map(|(_, read, _)| {
                    s.series
                        .iter()
                        .map(|Sample { kpis }| (crate::charts::day_of(kpis.time), read(kpis)))
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
            line_chart(&c, &series, y_title);
        });
    });
    view! {
        <section class="kpis" aria-label="Key performance indicators" class:stale=move || { ui.rev.track(); ui.sb.with_value(|s| s.stale()) }>
            <h2>"KPIs " <small>"since day 1"</small></h2>
            {move || {
                ui.rev.track();
                ui.sb.with_value(|s| s.stale()).then(|| view! {
                    <p class="stale-note" data-testid="kpi-stale">
                        "Figures of the last good run, frozen until the problems below are fixed"
                    </p>
                })
            }}
            <div class="tiles">
                {tile("orders_placed", "kpi-orders", "", k(|k| thousands(k.orders_placed as i64)))}
                {tile("orders_delivered", "kpi-delivered", "", k(|k| thousands(k.orders_delivered as i64)))}
                {tile("on_time_rate", "kpi-on-time", "%", k(|k| delivered(k, format!("{:.1}", k.on_time_rate * 100.0))))}
                {tile("fill_rate", "kpi-fill-rate", "%", k(|k| if k.orders_placed == 0 { NONE.into() } else { format!("{:.1}", k.fill_rate * 100.0) }))}
                {tile("mean_lead_time_h", "kpi-lead-time", "h", k(|k| delivered(k, format!("{:.1}", k.mean_lead_time_h))))}
                {tile("cost_per_package", "kpi-cost-per-package", "", k(|k| k.cost_per_package.map_or_else(|| NONE.into(), pounds)))}
                {tile("co2e_g_per_package", "kpi-co2-per-package", "g", k(|k| per_package(k.co2e_g_per_package, 0)))}
                {tile("on_hand", "kpi-on-hand", "units", k(|k| thousands(k.on_hand as i64)))}
                {tile("net_zero_share", "kpi-net-zero", "%", k(|k| delivered(k, format!("{:.0}", k.net_zero_share * 100.0))))}
                {tile("shipment_zero_share", "kpi-shipment-zero", "%", k(|k| delivered(k, format!("{:.0}", k.shipment_zero_share * 100.0))))}
                {tile("labour_hours", "kpi-labour", "h", k(|k| thousands(k.labour_hours.round() as i64)))}
            </div>
            <p class="hint withheld" data-testid="kpi-withheld">{move || ui.kpis.get().and_then(|k| per_package_withheld(k.orders_placed, k.orders_delivered)).map(|w| format!("Per package: {w}"))}</p>
            <label class="field row">
                <span>"Chart"</span>
                <select data-testid="chart-metric" on:change=move |ev| {
                    if let Ok(i) = event_target_value(&ev).parse::<usize>() {
                        metric.set(i.min(METRICS.len() - 1));
                    }
                }>
                    {METRICS.iter().enumerate().map(|(i, (l, _, _))| view! { <option value=i.to_string()>{*l}</option> }).collect_view()}
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

#[cfg(test)]
mod tests {
    use super::{pounds, thousands};
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn money_and_counts_read_as_people_write_them() {
        assert_eq!(pounds(3.384), "£3.38");
        assert_eq!(pounds(72.0), "£72.00");
        assert_eq!(pounds(1204.4), "£1,204");
        assert_eq!(thousands(35836), "35,836");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(-1_000_000), "-1,000,000");
        assert_eq!(thousands(0), "0");
    }
}
