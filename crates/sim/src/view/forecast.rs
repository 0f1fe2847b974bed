//! How well each stocking point forecast its demand: WAPE, bias and MASE
//! over the periods after the warm-up (each forecast scored on a period it
//! had not seen), pooled over the FC's SKUs and broken down by demand
//! class; and the forecast beside the actual demand, period by period, for
//! the chart.

use crate::engine::Engine;
use crate::forecast::Accuracy;
use serde::Serialize;
use std::collections::BTreeMap;

/// Accuracy over a set of series.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AccuracyFigures {
    /// SKU series pooled.
    pub series: u32,
    /// Review periods scored.
    pub periods: u64,
    /// Σ|forecast − actual| ÷ Σ actual.
    pub wape: Option<f64>,
    /// Σ(forecast − actual) ÷ Σ actual: positive means over-forecast.
    pub bias: Option<f64>,
    /// Mean absolute error ÷ the seasonal naive forecast's (below 1 beats it).
    pub mase: Option<f64>,
}

impl AccuracyFigures {
    fn of(a: &Accuracy, series: u32) -> AccuracyFigures {
        AccuracyFigures {
            series,
            periods: a.periods,
            wape: a.wape(),
            bias: a.bias(),
            mase: a.mase(),
        }
    }
}

/// One demand class's accuracy at an FC.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClassAccuracy {
    /// smooth, erratic, intermittent or lumpy (Syntetos–Boylan–Croston);
    /// "too little demand" for series with fewer than two demands.
    pub class: &'static str,
    #[serde(flatten)]
    pub figures: AccuracyFigures,
}

/// The forecasting figures of one FC.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ForecastReport {
    /// The models its policies use (`type` names), in order.
    pub models: Vec<&'static str>,
    #[serde(flatten)]
    pub all: AccuracyFigures,
    pub by_class: Vec<ClassAccuracy>,
}

/// Forecast and actual demand in one statistics period, in units.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct ForecastPoint {
    pub period: u64,
    pub forecast: f64,
    pub actual: f64,
}

impl Engine {
    /// The forecasting figures of the FC in `slot`; None when it has no
    /// policy.
    pub fn forecast_report(&self, slot: usize) -> Option<ForecastReport> {
        let net = self.network();
        let mut all = Accuracy::default();
        let mut classes: BTreeMap<Option<crate::forecast::DemandClass>, (Accuracy, u32)> =
            BTreeMap::new();
        let mut models = Vec::new();
        let mut n = 0;
        for (pi, a) in self.stock().forecast_accuracy(slot) {
            let key = net.policies[pi].forecast.key();
            if !models.contains(&key) {
                models.push(key);
            }
            all.merge(a);
            let c = classes.entry(a.class()).or_default();
            c.0.merge(a);
            c.1 += 1;
            n += 1;
        }
        (n > 0).then(|| ForecastReport {
            models,
            all: AccuracyFigures::of(&all, n),
            by_class: classes
                .iter()
                .map(|(class, (a, k))| ClassAccuracy {
                    class: class.map_or("too little demand", |c| c.name()),
                    figures: AccuracyFigures::of(a, *k),
                })
                .collect(),
        })
    }

    /// Policy `pi`'s forecast now, as a planner reads it: demand per
    /// statistics period over the `cover` periods ahead (the next period's
    /// when `cover` is 0), and the standard deviation of its one-step
    /// error per period.
    pub fn policy_forecast(&self, pi: usize, cover: f64) -> (f64, f64) {
        self.stock()
            .forecast_of(self.network(), pi, cover, self.now())
    }

    /// Forecast beside actual demand at facility `f`, per statistics period
    /// from the start (empty unless `f` is a stocking FC).
    pub fn forecast_series(&self, f: usize) -> Vec<ForecastPoint> {
        let Some(slot) = self.network().fc_slot.get(f).copied().flatten() else {
            return Vec::new();
        };
        self.stock()
            .forecast_log(slot as usize)
            .iter()
            .enumerate()
            .map(|(i, &[forecast, actual])| ForecastPoint {
                period: i as u64 + 1,
                forecast,
                actual,
            })
            .collect()
    }
}
