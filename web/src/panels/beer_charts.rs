//! The beer game's charts: lines over the weeks of a game, drawn by
//! `crate::charts::chart` with weeks on the x axis, whole cases on the y
//! axis (room below zero: net inventory goes negative when a stage owes
//! cases) and the key written in the page beside the chart rather than on
//! it, so it never hides a line.

use crate::charts::{LINE_PX, Line, Look, XAxis, chart};
use supply_sim::beer::WeekRecord;
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
const DEMAND_COLOUR: (u8, u8, u8) = (23, 32, 42);

/// The weeks of a game from week 1, whole numbers on the y axis and no
/// key on the chart.
const WEEKS: Look = Look {
    x: XAxis {
        title: "Week",
        first: 1.0,
        max_ticks: 10,
    },
    y_labels: 6,
    y_whole: true,
    key: false,
    margin_px: 8.0,
    y_label_px: 56.0,
};

/// The demand line's width, CSS pixels.
const BOLD_LINE_PX: f64 = 3.0;

pub struct WeekSeries {
    pub label: String,
    /// (week, value), week 1 first.
    pub points: Vec<(f64, f64)>,
    pub colour: (u8, u8, u8),
    pub bold: bool,
}

impl Line for WeekSeries {
    fn label(&self) -> &str {
        &self.label
    }
    fn points(&self) -> &[(f64, f64)] {
        &self.points
    }
    fn colour(&self) -> (u8, u8, u8) {
        self.colour
    }
    fn width_px(&self) -> f64 {
        if self.bold { BOLD_LINE_PX } else { LINE_PX }
    }
}

/// The end customers' demand of a game's weeks: the bold black line.
pub fn demand_line(history: &[WeekRecord]) -> WeekSeries {
    WeekSeries {
        label: "End-customer demand".into(),
        points: history
            .iter()
            .map(|w| (f64::from(w.week), f64::from(w.customer_demand)))
            .collect(),
        colour: DEMAND_COLOUR,
        bold: true,
    }
}

/// Draws `series` on the canvas, sized to its CSS box at the device pixel
/// ratio; x is the week (from 1), `y_title` names the y axis and its unit.
pub fn week_chart(canvas: &HtmlCanvasElement, series: &[WeekSeries], y_title: &str) {
    chart(canvas, series, y_title, &WEEKS);
}
