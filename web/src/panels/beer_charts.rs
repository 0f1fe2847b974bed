//! The beer game's charts: lines over the weeks of a game, drawn with
//! plotters on a canvas like `crate::charts`, but with weeks on the x axis,
//! room below zero (net inventory goes negative when a stage owes cases)
//! and the key written in the page beside the chart rather than on it, so
//! it never hides a line.

use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;

/// Line colours: the four stages, retailer first, then more for the class
/// view's teams (colour-blind-safe Okabe–Ito hues, then darker variants).
pub const PALETTE: [(u8, u8, u8); 8] = [
    (0, 114, 178),
    (230, 159, 0),
    (0, 158, 115),
    (204, 121, 167),
    (213, 94, 0),
    (86, 180, 233),
    (120, 94, 30),
    (90, 90, 90),
];

/// End-customer demand: black, drawn thicker than the stages' lines.
pub const DEMAND_COLOUR: (u8, u8, u8) = (23, 32, 42);

/// Text size on the charts, CSS pixels (the page's 12 px minimum).
const FONT_PX: f64 = 12.0;

/// Headroom above the highest value, so the top line is not on the frame.
const HEADROOM: f64 = 1.08;

/// Line widths, CSS pixels.
const LINE_PX: f64 = 2.0;
const BOLD_LINE_PX: f64 = 3.0;

pub struct WeekSeries {
    pub label: String,
    /// (week, value), week 1 first.
    pub points: Vec<(f64, f64)>,
    pub colour: (u8, u8, u8),
    pub bold: bool,
}

/// Draws `series` on the canvas, sized to its CSS box at the device pixel
/// ratio; x is the week (from 1), `y_title` names the y axis and its unit.
pub fn week_chart(canvas: &HtmlCanvasElement, series: &[WeekSeries], y_title: &str) {
    let dpr = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio());
    let (w, h) = (
        f64::from(canvas.client_width().max(50)),
        f64::from(canvas.client_height().max(50)),
    );
    let (pw, ph) = ((w * dpr) as u32, (h * dpr) as u32);
    if canvas.width() != pw || canvas.height() != ph {
        canvas.set_width(pw);
        canvas.set_height(ph);
    }
    let Some(backend) = CanvasBackend::with_canvas_object(canvas.clone()) else {
        return;
    };
    let root = backend.into_drawing_area();
    let _ = root.fill(&WHITE);
    let (x1, y0, y1) = extent(series);
    let px = |v: f64| (v * dpr) as i32;
    let font = ("sans-serif", px(FONT_PX));
    let Ok(mut chart) = ChartBuilder::on(&root)
        .margin(px(8.0))
        .x_label_area_size(px(34.0))
        .y_label_area_size(px(56.0))
        .build_cartesian_2d(1.0..x1, y0..y1)
    else {
        return;
    };
    let _ = chart
        .configure_mesh()
        .x_labels(week_ticks(x1))
        .x_label_formatter(&|v| format!("{v:.0}"))
        .y_labels(6)
        .y_label_formatter(&|v| format!("{v:.0}"))
        .x_desc("Week")
        .y_desc(y_title)
        .label_style(font)
        .axis_desc_style(font)
        .light_line_style(RGBColor(235, 238, 242))
        .draw();
    if y0 < 0.0 {
        let zero = [(1.0, 0.0), (x1, 0.0)];
        let _ = chart.draw_series(LineSeries::new(
            zero,
            RGBColor(120, 130, 140).stroke_width(1),
        ));
    }
    for s in series {
        let (r, g, b) = s.colour;
        let width = if s.bold { BOLD_LINE_PX } else { LINE_PX };
        let style = RGBColor(r, g, b).stroke_width(px(width).max(1) as u32);
        let _ = chart.draw_series(LineSeries::new(s.points.iter().copied(), style));
    }
    let _ = root.present();
}

/// The last week, and the lowest and highest values with headroom; an axis
/// at least two weeks wide and one unit tall, always including 0.
fn extent(series: &[WeekSeries]) -> (f64, f64, f64) {
    let (mut x1, mut y0, mut y1) = (2.0f64, 0.0f64, 0.0f64);
    for &(x, y) in series.iter().flat_map(|s| s.points.iter()) {
        x1 = x1.max(x);
        y0 = y0.min(y);
        y1 = y1.max(y);
    }
    let y1 = if y1 > 0.0 { y1 * HEADROOM } else { 1.0 };
    let y0 = if y0 < 0.0 { y0 * HEADROOM } else { 0.0 };
    (x1, y0, y1)
}

/// How many week labels: no more than there are whole weeks, so every
/// tick is a week number, and at most ten.
fn week_ticks(last_week: f64) -> usize {
    ((last_week - 1.0).ceil() as usize + 1).clamp(2, 10)
}
