//! The sweep's charts, drawn with plotters on a canvas: a KPI against one
//! parameter (means with their 95 % intervals as whiskers), a heat map of
//! a KPI over two parameters, and the cost–service Pareto front with the
//! current scenario marked.

use crate::charts::drawing_area;
use plotters::prelude::*;
use web_sys::HtmlCanvasElement;

/// Text size, CSS pixels (the page's 12 px minimum).
const FONT_PX: f64 = 12.0;
/// The means' line and points.
const MEAN: RGBColor = RGBColor(31, 119, 180);
/// The current scenario's mark (the palette's orange).
const CURRENT: RGBColor = RGBColor(230, 126, 34);
/// Points off the front.
const OFF_FRONT: RGBColor = RGBColor(160, 168, 176);
const GRID: RGBColor = RGBColor(235, 238, 242);

/// A span with a margin, never empty.
fn padded(lo: f64, hi: f64) -> (f64, f64) {
    let span = (hi - lo).abs().max(hi.abs() * 0.01).max(1e-9);
    (lo - span * 0.08, hi + span * 0.08)
}

/// One value of a KPI over a parameter: x, mean, interval.
#[derive(Clone, Copy, Debug)]
pub struct Point {
    pub x: f64,
    pub mean: f64,
    pub low: f64,
    pub high: f64,
}

/// Means joined by a line, each with its 95 % interval as a whisker, and
/// the current scenario as an orange diamond at its value (if it has one).
pub fn interval_line(
    canvas: &HtmlCanvasElement,
    points: &[Point],
    current: Option<(f64, f64)>,
    x_title: &str,
    y_title: &str,
) {
    let Some((root, dpr)) = drawing_area(canvas) else {
        return;
    };
    let px = |v: f64| (v * dpr) as i32;
    let font = ("sans-serif", px(FONT_PX));
    let xs = points.iter().map(|p| p.x).chain(current.map(|c| c.0));
    let ys = points
        .iter()
        .flat_map(|p| [p.low, p.high])
        .chain(current.map(|c| c.1));
    let (x0, x1) = padded(
        xs.clone().fold(f64::INFINITY, f64::min),
        xs.fold(f64::NEG_INFINITY, f64::max),
    );
    let (y0, y1) = padded(
        ys.clone().fold(f64::INFINITY, f64::min),
        ys.fold(f64::NEG_INFINITY, f64::max),
    );
    let Ok(mut chart) = ChartBuilder::on(&root)
        .margin(px(8.0))
        .x_label_area_size(px(34.0))
        .y_label_area_size(px(62.0))
        .build_cartesian_2d(x0..x1, y0..y1)
    else {
        return;
    };
    let _ = chart
        .configure_mesh()
        .x_labels(6)
        .y_labels(5)
        .x_desc(x_title)
        .y_desc(y_title)
        .label_style(font)
        .axis_desc_style(font)
        .light_line_style(GRID)
        .draw();
    let stroke = MEAN.stroke_width(px(2.0).max(1) as u32);
    let _ = chart.draw_series(LineSeries::new(
        points.iter().map(|p| (p.x, p.mean)),
        stroke,
    ));
    let cap = (x1 - x0) * 0.01;
    for p in points {
        let whisker = vec![(p.x, p.low), (p.x, p.high)];
        let caps = [
            (p.x - cap, p.low),
            (p.x + cap, p.low),
            (p.x - cap, p.high),
            (p.x + cap, p.high),
        ];
        let _ = chart.draw_series([
            PathElement::new(whisker, MEAN.stroke_width(1)),
            PathElement::new(vec![caps[0], caps[1]], MEAN.stroke_width(1)),
            PathElement::new(vec![caps[2], caps[3]], MEAN.stroke_width(1)),
        ]);
        let _ = chart.draw_series([Circle::new((p.x, p.mean), px(3.0), MEAN.filled())]);
    }
    if let Some((x, y)) = current {
        let r = px(6.0);
        let diamond = move |c: (i32, i32)| {
            vec![
                (c.0, c.1 - r),
                (c.0 + r, c.1),
                (c.0, c.1 + r),
                (c.0 - r, c.1),
            ]
        };
        let _ = chart.draw_series([
            EmptyElement::at((x, y)) + Polygon::new(diamond((0, 0)), CURRENT.filled())
        ]);
    }
    let _ = root.present();
}

/// A heat map: `values[i × ys.len() + j]` at (xs[i], ys[j]); darker is
/// better; each cell shows its value as `label` writes it.
pub fn heat_map(
    canvas: &HtmlCanvasElement,
    (xs, ys): (&[f64], &[f64]),
    values: &[Option<f64>],
    higher_is_better: bool,
    label: &dyn Fn(f64) -> String,
    (x_title, y_title): (&str, &str),
) {
    let Some((root, dpr)) = drawing_area(canvas) else {
        return;
    };
    let px = |v: f64| (v * dpr) as i32;
    let font = ("sans-serif", px(FONT_PX));
    let (nx, ny) = (xs.len(), ys.len());
    let Ok(mut chart) = ChartBuilder::on(&root)
        .margin(px(8.0))
        .x_label_area_size(px(34.0))
        .y_label_area_size(px(62.0))
        .build_cartesian_2d(0.0..nx as f64, 0.0..ny as f64)
    else {
        return;
    };
    let name = |v: &[f64], at: f64| {
        v.get(at.floor() as usize)
            .map_or(String::new(), |x| format!("{x}"))
    };
    let _ = chart
        .configure_mesh()
        .disable_mesh()
        .x_labels(nx * 2 + 1)
        .y_labels(ny * 2 + 1)
        .x_label_formatter(&|v| {
            if v.fract() == 0.5 {
                name(xs, *v)
            } else {
                String::new()
            }
        })
        .y_label_formatter(&|v| {
            if v.fract() == 0.5 {
                name(ys, *v)
            } else {
                String::new()
            }
        })
        .x_desc(x_title)
        .y_desc(y_title)
        .label_style(font)
        .axis_desc_style(font)
        .draw();
    let known = values.iter().flatten();
    let (lo, hi) = (
        known.clone().fold(f64::INFINITY, |a, &b| a.min(b)),
        known.fold(f64::NEG_INFINITY, |a, &b| a.max(b)),
    );
    for i in 0..nx {
        for j in 0..ny {
            let Some(v) = values.get(i * ny + j).copied().flatten() else {
                continue;
            };
            let mut t = if hi > lo { (v - lo) / (hi - lo) } else { 0.5 };
            if !higher_is_better {
                t = 1.0 - t;
            }
            // From pale to the palette's blue: better is darker.
            let mix = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t) as u8;
            let fill = RGBColor(mix(236, 31), mix(242, 84), mix(248, 140));
            let text = if t > 0.55 { WHITE } else { BLACK };
            let (x, y) = (i as f64, j as f64);
            let _ =
                chart.draw_series([Rectangle::new([(x, y), (x + 1.0, y + 1.0)], fill.filled())]);
            let style =
                TextStyle::from(font)
                    .color(&text)
                    .pos(plotters::style::text_anchor::Pos::new(
                        plotters::style::text_anchor::HPos::Center,
                        plotters::style::text_anchor::VPos::Center,
                    ));
            let _ = chart.draw_series([Text::new(label(v), (x + 0.5, y + 0.5), style)]);
        }
    }
    let _ = root.present();
}

/// A variant on the cost–service plane.
#[derive(Clone, Copy, Debug)]
pub struct Choice {
    pub cost: f64,
    pub on_time_pct: f64,
    pub on_front: bool,
    pub current: bool,
}

/// Cost per package against on-time: the front's points blue, the others
/// grey, the current scenario an orange diamond. The front is over three
/// KPIs (CO₂e too), so its points are not joined: on this plane a point of
/// the front may sit below another.
pub fn pareto(canvas: &HtmlCanvasElement, points: &[Choice]) {
    let Some((root, dpr)) = drawing_area(canvas) else {
        return;
    };
    let px = |v: f64| (v * dpr) as i32;
    let font = ("sans-serif", px(FONT_PX));
    let (x0, x1) = padded(
        points.iter().map(|p| p.cost).fold(f64::INFINITY, f64::min),
        points
            .iter()
            .map(|p| p.cost)
            .fold(f64::NEG_INFINITY, f64::max),
    );
    let (y0, y1) = padded(
        points
            .iter()
            .map(|p| p.on_time_pct)
            .fold(f64::INFINITY, f64::min),
        points
            .iter()
            .map(|p| p.on_time_pct)
            .fold(f64::NEG_INFINITY, f64::max),
    );
    let Ok(mut chart) = ChartBuilder::on(&root)
        .margin(px(8.0))
        .x_label_area_size(px(34.0))
        .y_label_area_size(px(62.0))
        .build_cartesian_2d(x0..x1, y0..y1)
    else {
        return;
    };
    let _ = chart
        .configure_mesh()
        .x_labels(5)
        .y_labels(5)
        .x_label_formatter(&|v| format!("£{v:.3}"))
        .y_label_formatter(&|v| format!("{v:.1}"))
        .x_desc("Cost per package (£)")
        .y_desc("On time (%)")
        .label_style(font)
        .axis_desc_style(font)
        .light_line_style(GRID)
        .draw();
    let mut front: Vec<(f64, f64)> = points
        .iter()
        .filter(|p| p.on_front)
        .map(|p| (p.cost, p.on_time_pct))
        .collect();
    front.sort_by(|a, b| a.0.total_cmp(&b.0));
    let _ = chart.draw_series(LineSeries::new(
        front,
        MEAN.stroke_width(px(1.5).max(1) as u32),
    ));
    for p in points {
        let colour = if p.on_front { MEAN } else { OFF_FRONT };
        let _ = chart.draw_series([Circle::new(
            (p.cost, p.on_time_pct),
            px(4.0),
            colour.filled(),
        )]);
        if p.current {
            let r = px(7.0);
            let diamond = vec![(0, -r), (r, 0), (0, r), (-r, 0)];
            let _ = chart
                .draw_series([EmptyElement::at((p.cost, p.on_time_pct))
                    + Polygon::new(diamond, CURRENT.filled())]);
        }
    }
    let _ = root.present();
}
