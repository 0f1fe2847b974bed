//! Small line charts drawn with plotters on a canvas (axes, ticks and labels
//! come from plotters rather than hand-drawn code).

use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;

/// The x value of the start of the run: day 1, as the clock counts.
pub const FIRST_DAY: f64 = 1.0;

/// Sim seconds to the chart's x axis: day 1 starts at [`FIRST_DAY`].
pub fn day_of(t: u64) -> f64 {
    FIRST_DAY + t as f64 / 86_400.0
}

/// How many x labels a span of `days` gets: one per whole day at most, so
/// plotters never picks a fractional step, and at most eight.
fn day_ticks(days: f64) -> usize {
    (days.ceil() as usize + 1).clamp(2, 8)
}

pub struct Series<'a> {
    pub label: &'a str,
    pub points: &'a [(f64, f64)],
    pub colour: (u8, u8, u8),
}

/// Draw series on the canvas, sized to its CSS box at the device pixel ratio.
/// The x axis is the day of the run, numbered like the clock (day 1 starts
/// at x = 1); `y_title` names the y axis and its unit.
pub fn line_chart(canvas: &HtmlCanvasElement, series: &[Series], y_title: &str) {
    let dpr = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio());
    let (w, h) = (
        canvas.client_width().max(50) as f64,
        canvas.client_height().max(50) as f64,
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
    let all = series.iter().flat_map(|s| s.points.iter());
    let (mut x1, mut y0, mut y1) = (FIRST_DAY, 0.0f64, 0.0f64);
    for &(x, y) in all {
        x1 = x1.max(x);
        y0 = y0.min(y);
        y1 = y1.max(y);
    }
    // At least a day wide, so early in a run the axis is not a smear of labels.
    let x1 = x1.max(FIRST_DAY + 1.0);
    let y1 = if y1 > y0 { y1 * 1.08 } else { y0 + 1.0 };
    let font = (12.0 * dpr) as i32;
    let y_span = y1 - y0;
    let Ok(mut chart) = ChartBuilder::on(&root)
        .margin((6.0 * dpr) as i32)
        .x_label_area_size((34.0 * dpr) as i32)
        .y_label_area_size((62.0 * dpr) as i32)
        .build_cartesian_2d(FIRST_DAY..x1, y0..y1)
    else {
        return;
    };
    let _ = chart
        .configure_mesh()
        // No more labels than whole days, so every tick is a day number.
        .x_labels(day_ticks(x1 - FIRST_DAY))
        .x_label_formatter(&|v| format!("{v:.0}"))
        .y_label_formatter(&|v| {
            if y_span >= 20.0 {
                format!("{v:.0}")
            } else {
                format!("{v:.1}")
            }
        })
        .y_labels(5)
        .x_desc("Day")
        .y_desc(y_title)
        .label_style(("sans-serif", font))
        .axis_desc_style(("sans-serif", font))
        .light_line_style(RGBColor(235, 238, 242))
        .draw();
    for s in series {
        let colour = RGBColor(s.colour.0, s.colour.1, s.colour.2);
        let width = (2.0 * dpr) as u32;
        let line = LineSeries::new(s.points.iter().copied(), colour.stroke_width(width));
        if let Ok(drawn) = chart.draw_series(line) {
            let key = (16.0 * dpr) as i32;
            drawn.label(s.label).legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + key, y)], colour.stroke_width(width))
            });
        }
    }
    // A key only when there is more than one line to tell apart.
    if series.len() > 1 {
        let _ = chart
            .configure_series_labels()
            .position(SeriesLabelPosition::LowerRight)
            .label_font(("sans-serif", font))
            .background_style(WHITE.mix(0.85))
            .border_style(RGBColor(213, 219, 225))
            .draw();
    }
    let _ = root.present();
}
