//! A learned forecast: gradient-boosted regression trees (Friedman 2001)
//! with squared loss, trained on the series' own history as it grows.
//!
//! The trees learn demand *relative to its level* (a smoothed mean), so
//! what they learn about the week or a sale carries over as the level
//! moves: the forecast is level × the trees' ratio. Features of a period,
//! each over the level: demand one, two and one season before and the mean
//! of the last season; then the position in the season and the calendar's
//! planned demand multiplier (peak events). Forecasts further ahead feed
//! the earlier forecasts back as lags. Until the history is long enough to
//! learn from, the forecast is the level itself.
//!
//! Training is exact and deterministic: features are sorted once per fit
//! (ties by row), every split between distinct values is tried, and ties in
//! gain keep the first split found, so the same history gives the same
//! trees on every target.
//!
//! A forecaster alone refits on its own history ([`Boosted::observe`]).
//! Many series can instead share one model ([`fit_pool`]): the sim's
//! stocking points pool the SKUs they review together, as global models
//! trained across a catalogue do (the M5 competition's winners were such
//! models). Features over the level make the series comparable, a slow
//! SKU learns from its busier neighbours, and one fit serves them all.

use crate::Period;
use std::sync::Arc;

/// Trees per fit. With shrinkage 0.1, 40 trees reach 1 − 0.9⁴⁰ ≈ 98.5 % of
/// a fitted signal.
pub const TREES: usize = 40;
/// Shrinkage: Friedman (2001) finds ν ≤ 0.1 generalises best.
pub const LEARNING_RATE: f64 = 0.1;
/// Depth 3 is 8 leaves: Hastie, Tibshirani & Friedman, *Elements of
/// Statistical Learning* §10.11, find 4–8 leaves work well for boosting.
pub const DEPTH: usize = 3;
/// Most rows one pooled fit trains on: past it, every k-th row is taken
/// (k the smallest that fits), oldest first within each series, so a fit
/// stays within about a tenth of a second however big the catalogue.
pub const MAX_POOL_ROWS: usize = 20_000;
/// Fewest rows in a leaf, so a leaf is an average of more than a week of
/// days and not one noisy day (a guard against over-fitting noisy daily
/// SKU demand; ESL §10.12 regularises the same way).
pub const MIN_LEAF: usize = 10;
/// Rows of history needed before the first fit: four seasons of a week.
pub const MIN_HISTORY: usize = 28;
/// Refit after this many new periods (a week of days).
pub const REFIT_EVERY: usize = 7;
/// History kept: a year of days. Older periods drop out of training.
pub const MAX_HISTORY: usize = 364;
/// Smoothing weight of the level the trees scale by (and the forecast
/// before the first fit).
pub const LEVEL_ALPHA: f64 = 0.2;
/// Below this level (units per period) demand is treated as none.
const MIN_LEVEL: f64 = 1e-9;

const FEATURES: usize = 6;

#[derive(Clone, Debug)]
struct Node {
    feature: u8,
    threshold: f64,
    /// Children (left: value < threshold), or none for a leaf.
    children: Option<(u32, u32)>,
    value: f64,
}

#[derive(Clone, Debug, Default)]
struct Ensemble {
    base: f64,
    trees: Vec<Vec<Node>>,
}

impl Ensemble {
    fn predict(&self, x: &[f64; FEATURES]) -> f64 {
        self.trees
            .iter()
            .fold(self.base, |y, tree| y + tree_value(tree, x))
    }
}

/// What one tree adds for the features `x`: the value of the leaf they reach.
fn tree_value(tree: &[Node], x: &[f64; FEATURES]) -> f64 {
    let mut n = 0usize;
    while let Some((l, r)) = tree[n].children {
        let node = &tree[n];
        n = if x[node.feature as usize] < node.threshold {
            l as usize
        } else {
            r as usize
        };
    }
    tree[n].value
}

/// A learned forecaster over a season of `season` periods.
#[derive(Clone, Debug)]
pub struct Boosted {
    season: usize,
    /// Demand, what was known of its period, and the level before it.
    history: Vec<(f64, Period, f64)>,
    since_fit: usize,
    /// Its own model, or the one its pool shares.
    model: Option<Arc<Ensemble>>,
    /// Fitted with others by [`fit_pool`], not on its own.
    pooled: bool,
    level: f64,
}

impl Boosted {
    pub fn new(season: u32, prior_mean: f64) -> Boosted {
        Boosted {
            season: season.max(1) as usize,
            history: Vec::new(),
            since_fit: 0,
            model: None,
            pooled: false,
            level: prior_mean,
        }
    }

    /// This forecaster leaves fitting to its pool ([`fit_pool`]).
    pub fn join_pool(&mut self) {
        self.pooled = true;
    }

    /// A pooled forecaster's pool is due a fit: it has history enough
    /// and no model yet, or a refit's worth of new periods.
    pub fn pool_due(&self) -> bool {
        self.pooled
            && self.history.len() >= MIN_HISTORY
            && (self.model.is_none() || self.since_fit >= REFIT_EVERY)
    }

    /// The model has been fitted at least once.
    pub fn trained(&self) -> bool {
        self.model.is_some()
    }

    pub fn observe(&mut self, x: f64, p: Period) {
        if self.history.len() == MAX_HISTORY {
            self.history.remove(0);
        }
        self.history.push((x, p, self.level));
        self.level += LEVEL_ALPHA * (x - self.level);
        self.since_fit += 1;
        if !self.pooled
            && self.history.len() >= MIN_HISTORY
            && (self.model.is_none() || self.since_fit >= REFIT_EVERY)
        {
            self.fit();
        }
    }

    fn fit(&mut self) {
        let (mut rows, mut targets) = (Vec::new(), Vec::new());
        self.training_rows(&mut rows, &mut targets, 1);
        if !rows.is_empty() {
            self.model = Some(Arc::new(fit_ensemble(&rows, &targets)));
        }
        self.since_fit = 0;
    }

    /// Every `stride`-th of its training rows (features of a period, its
    /// demand over its level), appended.
    fn training_rows(
        &self,
        rows: &mut Vec<[f64; FEATURES]>,
        targets: &mut Vec<f64>,
        stride: usize,
    ) {
        let ys: Vec<f64> = self.history.iter().map(|h| h.0).collect();
        let start = self.season.max(2);
        for t in (start..ys.len()).step_by(stride.max(1)) {
            let (x, p, level) = self.history[t];
            if level > MIN_LEVEL {
                rows.push(features(&ys[..t], p, self.season, level));
                targets.push(x / level);
            }
        }
    }

    /// Rows it could train on.
    fn row_count(&self) -> usize {
        self.history.len().saturating_sub(self.season.max(2))
    }

    pub fn ahead(&self, periods: &[Period]) -> Vec<f64> {
        let mut level = self.level;
        let Some(model) = self.model.as_ref().filter(|_| level > MIN_LEVEL) else {
            return vec![level; periods.len()];
        };
        // Features look back at most a season (and two periods): only
        // that tail of the history is needed.
        let tail = self.season.max(2);
        let from = self.history.len().saturating_sub(tail);
        let mut ys: Vec<f64> = self.history[from..].iter().map(|h| h.0).collect();
        let seen = ys.len();
        // Each forecast moves the level as that demand would, so the
        // ratios further ahead are read against the level they were
        // learned with.
        for &p in periods {
            let ratio = model.predict(&features(&ys, p, self.season, level.max(MIN_LEVEL)));
            let y = level * ratio.max(0.0);
            level += LEVEL_ALPHA * (y - level);
            ys.push(y);
        }
        ys.split_off(seen)
    }
}

/// Fit one model on the histories of every forecaster in `pool` and give
/// it to each (those with too little history to learn from add no rows).
/// Deterministic: rows are gathered in the pool's order.
pub fn fit_pool(pool: &mut [&mut Boosted]) {
    let total: usize = pool
        .iter()
        .filter(|b| b.history.len() >= MIN_HISTORY)
        .map(|b| b.row_count())
        .sum();
    if total == 0 {
        return;
    }
    let stride = total.div_ceil(MAX_POOL_ROWS);
    let (mut rows, mut targets) = (Vec::new(), Vec::new());
    for b in pool.iter().filter(|b| b.history.len() >= MIN_HISTORY) {
        b.training_rows(&mut rows, &mut targets, stride);
    }
    if rows.is_empty() {
        return;
    }
    let model = Arc::new(fit_ensemble(&rows, &targets));
    for b in pool.iter_mut() {
        b.model = Some(Arc::clone(&model));
        b.since_fit = 0;
    }
}

/// The features of the period after `past`, known to happen as `p`, with
/// demand over the `level` it follows.
fn features(past: &[f64], p: Period, season: usize, level: f64) -> [f64; FEATURES] {
    let lag = |k: usize| past.len().checked_sub(k).map_or(0.0, |i| past[i]) / level;
    let last = &past[past.len().saturating_sub(season)..];
    let mean = if last.is_empty() {
        0.0
    } else {
        last.iter().sum::<f64>() / last.len() as f64
    };
    [
        lag(1),
        lag(2),
        lag(season),
        mean / level,
        p.season_index as f64,
        p.event,
    ]
}

fn fit_ensemble(rows: &[[f64; FEATURES]], ys: &[f64]) -> Ensemble {
    let n = ys.len();
    let base = ys.iter().sum::<f64>() / n.max(1) as f64;
    let order: Vec<Vec<u32>> = (0..FEATURES)
        .map(|f| {
            let mut ix: Vec<u32> = (0..n as u32).collect();
            ix.sort_by(|&a, &b| {
                rows[a as usize][f]
                    .total_cmp(&rows[b as usize][f])
                    .then(a.cmp(&b))
            });
            ix
        })
        .collect();
    let mut pred = vec![base; n];
    let mut trees = Vec::with_capacity(TREES);
    for _ in 0..TREES {
        let residual: Vec<f64> = ys.iter().zip(&pred).map(|(y, p)| y - p).collect();
        let tree = grow(rows, &residual, &order);
        for (p, row) in pred.iter_mut().zip(rows) {
            *p += tree_value(&tree, row);
        }
        trees.push(tree);
    }
    Ensemble { base, trees }
}

/// The best split of each open node, found in one pass per feature.
#[derive(Clone, Copy, Default)]
struct Scan {
    sum: f64,
    count: usize,
    last: f64,
    best_gain: f64,
    best: Option<(u8, f64)>,
}

/// One regression tree on the residuals, grown level by level.
fn grow(rows: &[[f64; FEATURES]], r: &[f64], order: &[Vec<u32>]) -> Vec<Node> {
    let mut tree = vec![leaf(r.iter().sum::<f64>() / r.len().max(1) as f64)];
    let mut node_of = vec![0u32; r.len()];
    let mut open: Vec<u32> = vec![0];
    for _ in 0..DEPTH {
        let mut totals = vec![(0.0, 0usize); tree.len()];
        for (i, &nd) in node_of.iter().enumerate() {
            totals[nd as usize].0 += r[i];
            totals[nd as usize].1 += 1;
        }
        let mut scans = vec![Scan::default(); tree.len()];
        for (f, ix) in order.iter().enumerate() {
            for s in scans.iter_mut() {
                (s.sum, s.count) = (0.0, 0);
            }
            for &i in ix {
                let (i, nd) = (i as usize, node_of[i as usize] as usize);
                let (total, n) = totals[nd];
                let (v, s) = (rows[i][f], &mut scans[nd]);
                let right = n - s.count;
                if s.count >= MIN_LEAF && right >= MIN_LEAF && v > s.last {
                    let sr = total - s.sum;
                    let gain = s.sum * s.sum / s.count as f64 + sr * sr / right as f64
                        - total * total / n as f64;
                    if gain > s.best_gain {
                        s.best_gain = gain;
                        s.best = Some((f as u8, 0.5 * (s.last + v)));
                    }
                }
                s.sum += r[i];
                s.count += 1;
                s.last = v;
            }
        }
        let mut next_open = Vec::new();
        for &nd in &open {
            let Some((feature, threshold)) = scans[nd as usize].best else {
                continue;
            };
            let (l, rt) = (tree.len() as u32, tree.len() as u32 + 1);
            tree.push(leaf(0.0));
            tree.push(leaf(0.0));
            let node = &mut tree[nd as usize];
            (node.feature, node.threshold, node.children) = (feature, threshold, Some((l, rt)));
            next_open.extend([l, rt]);
        }
        if next_open.is_empty() {
            break;
        }
        for (i, nd) in node_of.iter_mut().enumerate() {
            if let Some((l, rt)) = tree[*nd as usize].children {
                let node = &tree[*nd as usize];
                *nd = if rows[i][node.feature as usize] < node.threshold {
                    l
                } else {
                    rt
                };
            }
        }
        open = next_open;
    }
    set_leaf_values(&mut tree, &node_of, r);
    tree
}

fn leaf(value: f64) -> Node {
    Node {
        feature: 0,
        threshold: 0.0,
        children: None,
        value,
    }
}

/// Each leaf predicts the shrunk mean residual of its rows.
fn set_leaf_values(tree: &mut [Node], node_of: &[u32], r: &[f64]) {
    let mut sums = vec![(0.0, 0usize); tree.len()];
    for (i, &nd) in node_of.iter().enumerate() {
        sums[nd as usize].0 += r[i];
        sums[nd as usize].1 += 1;
    }
    for (node, (s, c)) in tree.iter_mut().zip(sums) {
        if node.children.is_none() {
            node.value = if c > 0 {
                LEARNING_RATE * s / c as f64
            } else {
                0.0
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(t: usize, event: f64) -> Period {
        Period {
            season_index: (t % 7) as u32,
            event,
        }
    }

    #[test]
    fn learns_a_weekly_shape() {
        let week = [40.0, 100.0, 100.0, 100.0, 100.0, 160.0, 100.0];
        let mut b = Boosted::new(7, 100.0);
        for t in 0..7 * 12 {
            b.observe(week[t % 7], day(t, 1.0));
        }
        assert!(b.trained());
        let next: Vec<Period> = (84..91).map(|t| day(t, 1.0)).collect();
        for (got, want) in b.ahead(&next).iter().zip(week) {
            assert!((got - want).abs() < 10.0, "forecast {got}, demand {want}");
        }
    }

    #[test]
    fn learns_what_a_planned_event_does() {
        // Demand is 100, or 250 on the days the calendar marks 2.5.
        let event = |t: usize| if t % 10 == 9 { 2.5 } else { 1.0 };
        let mut b = Boosted::new(7, 100.0);
        for t in 0..200 {
            b.observe(100.0 * event(t), day(t, event(t)));
        }
        let f = b.ahead(&[day(200, 1.0), day(201, 2.5)]);
        assert!((f[0] - 100.0).abs() < 15.0, "ordinary day {}", f[0]);
        assert!(f[1] > 200.0, "event day {}", f[1]);
    }

    #[test]
    fn falls_back_to_smoothing_until_it_has_history() {
        let mut b = Boosted::new(7, 50.0);
        b.observe(100.0, day(0, 1.0));
        assert!(!b.trained());
        assert_eq!(b.ahead(&[day(1, 1.0)]), vec![60.0]);
    }

    #[test]
    fn the_same_history_gives_the_same_forecast() {
        let run = || {
            let mut b = Boosted::new(7, 10.0);
            for t in 0..90 {
                b.observe(((t * 37) % 23) as f64, day(t, 1.0));
            }
            b.ahead(&[day(90, 1.0), day(91, 1.0)])
        };
        assert_eq!(run(), run());
    }
}
