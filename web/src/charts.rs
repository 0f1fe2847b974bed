//! Small line charts drawn with plotters on a canvas (axes, ticks and labels
//! come from plotters rather than hand-drawn code). One function, [`chart`],
//! draws them all; a [`Look`] says how a chart's axes read and where its key
//! goes: [`DAYS`] for the KPI and demand charts, the beer game's weeks in
//! `panels/beer_charts.rs`.

use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;

/// The x value of the start of the run: day 1, as the clock counts.
pub const FIRST_DAY: f64 = 1.0;

/// Sim seconds to the chart's x axis: day 1 starts at [`FIRST_DAY`].
pub fn day_of(t: u64) -> f64 {
    FIRST_DAY + t as f64 / 86_400.0
}

/// Headroom beyond the highest (and below a negative lowest) value, so the
/// outermost line is not on the frame.
const HEADROOM: f64 = 1.08;

/// Text size on the charts, CSS pixels (the page's 12 px minimum).
const FONT_PX: f64 = 12.0;

/// A line's width, CSS pixels, unless it says otherwise.
pub const LINE_PX: f64 = 2.0;

/// How the x axis reads: its title, the x value it starts at (its first
/// whole-number tick) and at most how many ticks it has.
#[derive(Clone, Copy, Debug)]
pub struct XAxis {
    pub title: &'static str,
    pub first: f64,
    pub max_ticks: usize,
}

impl XAxis {
    /// How many x labels an axis ending at `last` gets: one per whole unit
    /// at most, so plotters never picks a fractional step (every tick is a
    /// day or week number), and at most `max_ticks`.
    fn ticks(&self, last: f64) -> usize {
        ((last - self.first).ceil() as usize + 1).clamp(2, self.max_ticks)
    }
}

/// How a chart reads, beyond its lines and its y title.
#[derive(Clone, Copy, Debug)]
pub struct Look {
    pub x: XAxis,
    /// At most how many y labels.
    pub y_labels: usize,
    /// Whole numbers on the y axis (counts, such as cases) whatever its
    /// span; otherwise one decimal place on a span under 20.
    pub y_whole: bool,
    /// A key on the chart when it has more than one line; without it the
    /// page writes the key beside the chart.
    pub key: bool,
    /// Space around the chart and for the y labels, CSS pixels.
    pub margin_px: f64,
    pub y_label_px: f64,
}

/// The day of the run, numbered like the clock (day 1 starts at x = 1), and
/// the key on the chart.
pub const DAYS: Look = Look {
    x: XAxis {
        title: "Day",
        first: FIRST_DAY,
        max_ticks: 8,
    },
    y_labels: 5,
    y_whole: false,
    key: true,
    margin_px: 6.0,
    y_label_px: 62.0,
};

/// A line on a chart: its name in the key, its (x, y) points and colour.
pub trait Line {
    fn label(&self) -> &str;
    fn points(&self) -> &[(f64, f64)];
    fn colour(&self) -> (u8, u8, u8);
    /// Stroke width, CSS pixels.
    fn width_px(&self) -> f64 {
        LINE_PX
    }
}

pub struct Series<'a> {
    pub label: &'a str,
    pub points: &'a [(f64, f64)],
    pub colour: (u8, u8, u8),
}

impl Line for Series<'_> {
    fn label(&self) -> &str {
        self.label
    }
    fn points(&self) -> &[(f64, f64)] {
        self.points
    }
    fn colour(&self) -> (u8, u8, u8) {
        self.colour
    }
}

/// Draw series on the canvas with the [`DAYS`] look: the x axis is the day
/// of the run, numbered like the clock; `y_title` names the y axis and its
/// unit.
pub fn line_chart(canvas: &HtmlCanvasElement, series: &[Series], y_title: &str) {
    chart(canvas, series, y_title, &DAYS);
}

/// The canvas sized to its CSS box at the device pixel ratio, cleared to
/// white, as a plotters drawing area; and that ratio.
pub fn drawing_area(
    canvas: &HtmlCanvasElement,
) -> Option<(DrawingArea<CanvasBackend, plotters::coord::Shift>, f64)> {
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
    let root = CanvasBackend::with_canvas_object(canvas.clone())?.into_drawing_area();
    root.fill(&WHITE).ok()?;
    Some((root, dpr))
}

/// Draw `lines` on the canvas, sized to its CSS box at the device pixel
/// ratio, as `look` says; `y_title` names the y axis and its unit. The y
/// axis always includes 0, with a line at 0 when values go below it.
pub fn chart<L: Line>(canvas: &HtmlCanvasElement, lines: &[L], y_title: &str, look: &Look) {
    let Some((root, dpr)) = drawing_area(canvas) else {
        return;
    };
    let (x0, (x1, y0, y1)) = (look.x.first, extent(lines, look.x.first));
    let px = |v: f64| (v * dpr) as i32;
    let font = ("sans-serif", px(FONT_PX));
    let y_span = y1 - y0;
    let Ok(mut chart) = ChartBuilder::on(&root)
        .margin(px(look.margin_px))
        .x_label_area_size(px(34.0))
        .y_label_area_size(px(look.y_label_px))
        .build_cartesian_2d(x0..x1, y0..y1)
    else {
        return;
    };
    let _ = chart
        .configure_mesh()
        .x_labels(look.x.ticks(x1))
        .x_label_formatter(&|v| format!("{v:.0}"))
        .y_labels(look.y_labels)
        .y_label_formatter(&|v| {
            if look.y_whole || y_span >= 20.0 {
                format!("{v:.0}")
            } else {
                format!("{v:.1}")
            }
        })
        .x_desc(look.x.title)
        .y_desc(y_title)
        .label_style(font)
        .axis_desc_style(font)
        .light_line_style(RGBColor(235, 238, 242))
        .draw();
    if y0 < 0.0 {
        let zero = [(x0, 0.0), (x1, 0.0)];
        let _ = chart.draw_series(LineSeries::new(
            zero,
            RGBColor(120, 130, 140).stroke_width(1),
        ));
    }
    for l in lines {
        let (r, g, b) = l.colour();
        let colour = RGBColor(r, g, b);
        let width = px(l.width_px()).max(1) as u32;
        let line = LineSeries::new(l.points().iter().copied(), colour.stroke_width(width));
        if let Ok(drawn) = chart.draw_series(line) {
            let key = px(16.0);
            drawn.label(l.label()).legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + key, y)], colour.stroke_width(width))
            });
        }
    }
    // A key only when there is more than one line to tell apart.
    if look.key && lines.len() > 1 {
        let _ = chart
            .configure_series_labels()
            .position(SeriesLabelPosition::LowerRight)
            .label_font(font)
            .background_style(WHITE.mix(0.85))
            .border_style(RGBColor(213, 219, 225))
            .draw();
    }
    let _ = root.present();
}

/// The last x and the lowest and highest y, with headroom: an axis at
/// least one unit wide from `first` and one unit tall, always including 0.
fn extent<L: Line>(lines: &[L], first: f64) -> (f64, f64, f64) {
    let (mut x1, mut y0, mut y1) = (first + 1.0, 0.0f64, 0.0f64);
    for &(x, y) in lines.iter().flat_map(|l| l.points().iter()) {
        x1 = x1.max(x);
        y0 = y0.min(y);
        y1 = y1.max(y);
    }
    let y1 = if y1 > 0.0 { y1 * HEADROOM } else { 1.0 };
    let y0 = if y0 < 0.0 { y0 * HEADROOM } else { 0.0 };
    (x1, y0, y1)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn the_day_axis_reads_whole_days_like_the_clock() {
        assert_eq!(DAYS.x.title, "Day");
        assert_eq!(day_of(0), FIRST_DAY);
        // No more labels than whole days from day 1, at least 2, at most 8.
        assert_eq!(DAYS.x.ticks(FIRST_DAY + 1.0), 2);
        assert_eq!(DAYS.x.ticks(FIRST_DAY + 2.5), 4);
        assert_eq!(DAYS.x.ticks(day_of(3 * 86_400)), 4);
        assert_eq!(DAYS.x.ticks(day_of(30 * 86_400)), 8);
    }

    #[test]
    fn the_extent_includes_zero_with_headroom() {
        let near = |a: (f64, f64, f64), b: (f64, f64, f64)| {
            (a.0 - b.0).abs() < 1e-9 && (a.1 - b.1).abs() < 1e-9 && (a.2 - b.2).abs() < 1e-9
        };
        let series = |points: &'static [(f64, f64)]| Series {
            label: "x",
            points,
            colour: (0, 0, 0),
        };
        // Early in a run: at least a day wide and one unit tall.
        assert!(near(extent::<Series>(&[], FIRST_DAY), (2.0, 0.0, 1.0)));
        assert!(near(
            extent(&[series(&[(1.0, 0.0), (1.5, 0.0)])], FIRST_DAY),
            (2.0, 0.0, 1.0)
        ));
        let up = extent(&[series(&[(1.0, 10.0), (3.5, 50.0)])], FIRST_DAY);
        assert!(near(up, (3.5, 0.0, 54.0)), "{up:?}");
        let owed = extent(&[series(&[(1.0, -10.0), (5.0, 20.0)])], 1.0);
        assert!(near(owed, (5.0, -10.8, 21.6)), "{owed:?}");
    }
}
