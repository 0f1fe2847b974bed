//! The numerical core of the serial optimiser: the Chen–Zheng recursion on a
//! lattice (see the parent module for the maths).
//!
//! All functions live on one lattice x_k = k·Δ. Stage j's G_j is tabulated on
//! an index range chosen, from the top stage down, to cover every point the
//! next stage asks for while tabulating or searching; above its range G_j is
//! the constant g_j(S_j). The convolution is the trapezoid rule, which for a
//! smooth integrand times a normal density sampled at ≥ 2 points per sd is
//! accurate far beyond f64; the only non-smoothness, G_j's change of curvature
//! at S_j, costs O(Δ³).

use crate::{PlanError, normal};

/// Lattice points per standard deviation of the narrowest one-stage lead-time
/// demand (Δ = σ√L_min / 40). On the stockpyl README instance, 20, 40 and 80
/// give costs within 3e-6 and 5e-7 of one another and of an independent
/// adaptive-quadrature solution; 40 runs in ~0.1 s in a debug build.
const STEPS_PER_SD: f64 = 40.0;
/// Lead-time demand is truncated at mean ± 8 sd: the tail mass Φ(−8) ≈ 6e-16
/// is below f64 resolution of the sums (stockpyl truncates at ±4 sd).
const TAIL_SDS: f64 = 8.0;
/// S_j is searched over the cumulative lead-time demand's mean ± 8 sd; an
/// optimum outside means a critical ratio within ~1e-15 of 0 or 1.
const SEARCH_SDS: f64 = 8.0;
/// Golden-section iterations: 0.618^80 shrinks the 16-sd window below 1e-15 sd.
const GOLDEN_ITERATIONS: usize = 80;
/// 1/φ, the golden-section ratio (√5 − 1)/2.
const INV_GOLDEN: f64 = 0.618_033_988_749_894_8;
/// A search result this close to the window's edge (as a fraction of the
/// window) is taken to mean the optimum lies beyond it.
const EDGE_FRACTION: f64 = 1e-6;
/// Largest lattice index allowed, so k·Δ keeps ~4 significant digits below Δ
/// (f64 has 53 bits; 2^40 leaves 13 bits of fraction).
const MAX_LATTICE_INDEX: f64 = 1_099_511_627_776.0;

/// Most lattice multiply-adds one serial optimisation may spend (tabulating
/// every G_j, plus the golden-section searches). About half a second of a
/// debug build; the stockpyl README instance needs about 1.5 million.
pub const MAX_SERIAL_GRID_TERMS: u64 = 50_000_000;
/// Most lattice points held in all tables at once (8 bytes each: 16 MB, small
/// enough for the browser); the stockpyl README instance holds about 5,000.
pub const MAX_SERIAL_GRID_POINTS: u64 = 2_000_000;

/// One stage of the reduced chain (its first stage has a lead time above 0).
pub(super) struct Stage {
    /// The stage's number in the caller's system (1 = downstream), for messages.
    pub number: usize,
    /// Echelon holding cost h_j (currency per unit per period).
    pub holding: f64,
    /// Lead time L_j (periods).
    pub lead: i64,
    /// Mean of the L_j-period demand (units).
    pub mean: f64,
    /// Standard deviation of the L_j-period demand (units).
    pub sd: f64,
}

/// Optimal echelon levels of the reduced chain and g_N(S_N).
pub(super) struct Solution {
    pub levels: Vec<f64>,
    pub cost: f64,
}

/// An inclusive range of lattice indices.
#[derive(Clone, Copy)]
struct Span {
    lo: i64,
    hi: i64,
}

impl Span {
    fn len(self) -> f64 {
        self.hi as f64 - self.lo as f64 + 1.0
    }
}

/// Where everything lives on the lattice.
struct Layout {
    /// Lattice step Δ (units).
    step: f64,
    /// Search window for each S_j (units).
    windows: Vec<(f64, f64)>,
    /// Offsets n (y − x = n·Δ) where stage j's lead-time density is sampled.
    kernels: Vec<Span>,
    /// Index range of each tabulated G_j, j = 0..N−2 (G_{N−1} is never needed).
    tables: Vec<Span>,
}

/// A tabulated G_j.
struct Table {
    lo: i64,
    values: Vec<f64>,
    /// g_j(S_j): the value of G_j at and above S_j.
    top: f64,
}

impl Table {
    fn at(&self, k: i64) -> f64 {
        let i = k - self.lo;
        if i < 0 {
            // The layout makes this unreachable; the nearest value is the safe answer.
            self.values.first().copied().unwrap_or(self.top)
        } else {
            self.values.get(i as usize).copied().unwrap_or(self.top)
        }
    }
}

/// Solve the reduced chain, `backorder` = p + Σ h_j being G_0's slope below 0.
pub(super) fn solve(stages: &[Stage], backorder: f64) -> Result<Solution, PlanError> {
    let layout = layout(stages)?;
    let mut solver = Solver {
        stages,
        backorder,
        step: layout.step,
        levels: Vec::with_capacity(stages.len()),
        best: Vec::with_capacity(stages.len()),
        tables: Vec::with_capacity(layout.tables.len()),
    };
    for j in 0..stages.len() {
        let level = solver.level(j, layout.windows[j])?;
        solver.levels.push(level);
        solver.best.push(solver.g(j, level));
        if let Some(&span) = layout.tables.get(j) {
            let table = solver.tabulate(j, span, layout.kernels[j]);
            solver.tables.push(table);
        }
    }
    Ok(Solution {
        cost: solver.best.last().copied().unwrap_or(0.0),
        levels: solver.levels,
    })
}

fn layout(stages: &[Stage]) -> Result<Layout, PlanError> {
    let step = stages
        .iter()
        .filter(|s| s.lead > 0)
        .map(|s| s.sd / STEPS_PER_SD)
        .fold(f64::INFINITY, f64::min);
    let (mut mean, mut var) = (0.0, 0.0);
    let mut windows = Vec::with_capacity(stages.len());
    let mut kernels = Vec::with_capacity(stages.len());
    for s in stages {
        mean += s.mean;
        var += s.sd * s.sd;
        let half = SEARCH_SDS * libm::sqrt(var);
        windows.push((mean - half, mean + half));
        kernels.push(if s.lead == 0 {
            Span { lo: 0, hi: 0 }
        } else {
            Span {
                lo: lattice_ceil((s.mean - TAIL_SDS * s.sd) / step)?,
                hi: lattice_floor((s.mean + TAIL_SDS * s.sd) / step)?,
            }
        });
    }
    let tables = table_spans(&windows, &kernels, step)?;
    let layout = Layout {
        step,
        windows,
        kernels,
        tables,
    };
    check_budget(&layout)?;
    Ok(layout)
}

/// Table ranges, from the top stage down: G_j must cover what stage j+1
/// reads while tabulating its own table or searching its window.
fn table_spans(
    windows: &[(f64, f64)],
    kernels: &[Span],
    step: f64,
) -> Result<Vec<Span>, PlanError> {
    let n = windows.len();
    let window_span = |j: usize| -> Result<Span, PlanError> {
        Ok(Span {
            lo: lattice_floor(windows[j].0 / step)? - 1,
            hi: lattice_ceil(windows[j].1 / step)? + 1,
        })
    };
    let mut spans = vec![Span { lo: 0, hi: 0 }; n.saturating_sub(1)];
    if n < 2 {
        return Ok(spans);
    }
    let mut read_by_next = window_span(n - 1)?;
    for j in (0..n - 1).rev() {
        let next_kernel = kernels[j + 1];
        // Saturating: an absurdly long chain is refused by the budget, not overflowed.
        let need = Span {
            lo: read_by_next.lo.saturating_sub(next_kernel.hi),
            hi: read_by_next.hi.saturating_sub(next_kernel.lo),
        };
        let own = window_span(j)?;
        spans[j] = Span {
            lo: need.lo.min(own.lo),
            hi: need.hi.max(own.hi),
        };
        read_by_next = spans[j];
    }
    Ok(spans)
}

fn check_budget(layout: &Layout) -> Result<(), PlanError> {
    let (mut terms, mut points) = (0.0, 0.0);
    for (j, kernel) in layout.kernels.iter().enumerate() {
        if let Some(table) = layout.tables.get(j) {
            terms += table.len() * kernel.len();
            points += table.len();
        }
        terms += GOLDEN_ITERATIONS as f64 * kernel.len();
    }
    if points > MAX_SERIAL_GRID_POINTS as f64 {
        return Err(PlanError::TooLarge(format!(
            "this serial system needs a grid of {points:.0} points, more than the limit \
             of {MAX_SERIAL_GRID_POINTS} (the lattice step is {:.3e} units, set by the \
             shortest lead time; very unequal lead times make the grid large)",
            layout.step
        )));
    }
    if terms > MAX_SERIAL_GRID_TERMS as f64 {
        return Err(PlanError::TooLarge(format!(
            "this serial system needs a grid of about {terms:.0} terms, more than the limit \
             of {MAX_SERIAL_GRID_TERMS} (the lattice step is {:.3e} units, set by the \
             shortest lead time; very unequal lead times make the grid large)",
            layout.step
        )));
    }
    Ok(())
}

fn lattice_floor(x: f64) -> Result<i64, PlanError> {
    lattice_index(libm::floor(x))
}

fn lattice_ceil(x: f64) -> Result<i64, PlanError> {
    lattice_index(libm::ceil(x))
}

fn lattice_index(x: f64) -> Result<i64, PlanError> {
    if x.abs() <= MAX_LATTICE_INDEX {
        Ok(x as i64)
    } else {
        Err(PlanError::TooLarge(format!(
            "this serial system needs lattice index {x:.3e}, more than the limit of \
             {MAX_LATTICE_INDEX:.3e}: the mean lead-time demand is too large relative \
             to its standard deviation"
        )))
    }
}

/// The recursion's state: levels, optimal values and tables found so far.
struct Solver<'a> {
    stages: &'a [Stage],
    backorder: f64,
    step: f64,
    levels: Vec<f64>,
    best: Vec<f64>,
    tables: Vec<Table>,
}

impl Solver<'_> {
    /// g_j(y) at any y, given tables 0..j−1 (for j = 0, in closed form).
    fn g(&self, j: usize, y: f64) -> f64 {
        let s = &self.stages[j];
        if j == 0 {
            let z = (y - s.mean) / s.sd;
            return s.holding * (y - s.mean) + self.backorder * s.sd * normal::loss(z);
        }
        if s.lead == 0 {
            return s.holding * y + self.g_capped(j - 1, y);
        }
        let lo = libm::ceil((y - s.mean - TAIL_SDS * s.sd) / self.step) as i64;
        let hi = libm::floor((y - s.mean + TAIL_SDS * s.sd) / self.step) as i64;
        let table = &self.tables[j - 1];
        let mut sum = 0.0;
        for k in lo..=hi {
            let d = y - k as f64 * self.step;
            sum += table.at(k) * normal::pdf((d - s.mean) / s.sd);
        }
        s.holding * (y - s.mean) + sum * self.step / s.sd
    }

    /// G_j(x) = g_j(min(S_j, x)).
    fn g_capped(&self, j: usize, x: f64) -> f64 {
        if x >= self.levels[j] {
            self.best[j]
        } else {
            self.g(j, x)
        }
    }

    /// S_j: in closed form for the first stage, by golden section otherwise.
    fn level(&self, j: usize, window: (f64, f64)) -> Result<f64, PlanError> {
        let s = &self.stages[j];
        let level = if j == 0 {
            let ratio = (self.backorder - s.holding) / self.backorder;
            let z = normal::inverse_cdf(ratio).map_err(|_| self.outside(j))?;
            s.mean + s.sd * z
        } else {
            golden_min(window, |y| self.g(j, y))
        };
        let margin = EDGE_FRACTION * (window.1 - window.0);
        if level <= window.0 + margin || level >= window.1 - margin {
            return Err(self.outside(j));
        }
        Ok(level)
    }

    fn outside(&self, j: usize) -> PlanError {
        PlanError::Unsolvable(format!(
            "stage {}'s optimal echelon base-stock level lies beyond mean ± {SEARCH_SDS} \
             standard deviations of its lead-time demand: the holding and stockout costs \
             are too lopsided for a finite plan",
            self.stages[j].number
        ))
    }

    /// Tabulate G_j over `span`, `kernel` being stage j's density offsets.
    fn tabulate(&self, j: usize, span: Span, kernel: Span) -> Table {
        let s = &self.stages[j];
        let weights: Vec<f64> = (kernel.lo..=kernel.hi)
            .map(|n| self.step / s.sd * normal::pdf((n as f64 * self.step - s.mean) / s.sd))
            .collect();
        let values = (span.lo..=span.hi)
            .map(|i| {
                let x = i as f64 * self.step;
                if x >= self.levels[j] {
                    self.best[j]
                } else if j == 0 {
                    self.g(0, x)
                } else if s.lead == 0 {
                    s.holding * x + self.tables[j - 1].at(i)
                } else {
                    let prev = &self.tables[j - 1];
                    let conv: f64 = (kernel.lo..=kernel.hi)
                        .zip(&weights)
                        .map(|(n, w)| w * prev.at(i - n))
                        .sum();
                    s.holding * (x - s.mean) + conv
                }
            })
            .collect();
        Table {
            lo: span.lo,
            values,
            top: self.best[j],
        }
    }
}

/// Minimise a convex `f` over `window` by golden-section search.
fn golden_min(window: (f64, f64), f: impl Fn(f64) -> f64) -> f64 {
    let (mut a, mut b) = window;
    let mut c = b - INV_GOLDEN * (b - a);
    let mut d = a + INV_GOLDEN * (b - a);
    let (mut fc, mut fd) = (f(c), f(d));
    for _ in 0..GOLDEN_ITERATIONS {
        if fc <= fd {
            b = d;
            d = c;
            fd = fc;
            c = b - INV_GOLDEN * (b - a);
            fc = f(c);
        } else {
            a = c;
            c = d;
            fc = fd;
            d = a + INV_GOLDEN * (b - a);
            fd = f(d);
        }
    }
    if fc <= fd { c } else { d }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn golden_section_finds_a_parabola_minimum() {
        let x = golden_min((-10.0, 30.0), |y| (y - 3.25) * (y - 3.25) + 1.0);
        assert!((x - 3.25).abs() < 1e-7, "{x}");
    }

    #[test]
    fn table_reads_beyond_its_top_give_the_optimal_value() {
        let t = Table {
            lo: -2,
            values: vec![5.0, 4.0, 3.0],
            top: 2.5,
        };
        assert_eq!(t.at(-2), 5.0);
        assert_eq!(t.at(0), 3.0);
        assert_eq!(t.at(7), 2.5);
        assert_eq!(t.at(-9), 5.0);
    }
}
