//! The reactive edge: a handful of signals mirroring the [`Sandbox`], shared
//! by every panel through context.

use crate::map::Selection;
use crate::sandbox::Sandbox;
use crate::viewport::Viewport;
use leptos::prelude::*;
use supply_sim::Kpis;
use supply_sim::scenario::{FacilityKind, Scenario};
use supply_sim::time::{HOUR, SimTime};

/// Sim seconds per wall second for each speed setting (an hour a second to a week a second).
pub const SPEEDS: [(SimTime, &str); 7] = [
    (HOUR, "1 hour / s"),
    (3 * HOUR, "3 hours / s"),
    (6 * HOUR, "6 hours / s"),
    (12 * HOUR, "12 hours / s"),
    (24 * HOUR, "1 day / s"),
    (72 * HOUR, "3 days / s"),
    (168 * HOUR, "1 week / s"),
];

#[derive(Clone, Copy)]
pub struct Ui {
    pub sb: StoredValue<Sandbox, LocalStorage>,
    /// Bumped whenever the scenario, run or selection changes what panels show.
    pub rev: RwSignal<u64>,
    /// The sandbox changed since it was last saved: set by [`Ui::changed`],
    /// cleared by the page's save effect, which runs when `rev` moves.
    pub unsaved: StoredValue<bool>,
    pub kpis: RwSignal<Option<Kpis>>,
    pub clock: RwSignal<SimTime>,
    pub playing: RwSignal<bool>,
    /// Index into [`SPEEDS`].
    pub speed: RwSignal<usize>,
    pub selected: RwSignal<Option<Selection>>,
    pub view: StoredValue<Option<Viewport>>,
    /// A palette item being dragged: its kind and the pointer in map CSS pixels.
    pub ghost: StoredValue<Option<(FacilityKind, f64, f64)>>,
    pub fit_requested: StoredValue<bool>,
    /// The facility under the pointer, by id.
    pub hovered: StoredValue<Option<String>>,
    /// One-line status for the person ("Placed …", load errors).
    pub status: RwSignal<String>,
    pub perf: RwSignal<Option<crate::perf::PerfStats>>,
    /// Scale bar: length in km and in CSS pixels.
    pub scale: RwSignal<(f64, f64)>,
}

/// A comfortable default speed: a day in 8 s for daily networks, a week a
/// second for weekly-period games like the beer game.
fn default_speed(sb: &Sandbox) -> usize {
    if sb.scenario.period_hours >= 168.0 {
        SPEEDS.len() - 1
    } else {
        1
    }
}

impl Ui {
    pub fn new(sb: Sandbox) -> Ui {
        let speed = default_speed(&sb);
        Ui {
            sb: StoredValue::new_local(sb),
            rev: RwSignal::new(0),
            unsaved: StoredValue::new(false),
            kpis: RwSignal::new(None),
            clock: RwSignal::new(0),
            playing: RwSignal::new(true),
            speed: RwSignal::new(speed),
            selected: RwSignal::new(None),
            view: StoredValue::new(None),
            ghost: StoredValue::new(None),
            fit_requested: StoredValue::new(true),
            hovered: StoredValue::new(None),
            status: RwSignal::new(String::new()),
            perf: RwSignal::new(None),
            scale: RwSignal::new((0.0, 0.0)),
        }
    }

    /// Mirror the sandbox into the signals the panels read.
    pub fn refresh(&self) {
        let (kpis, now) = self.sb.with_value(|s| (s.kpis(), s.now()));
        self.kpis.set(kpis);
        self.clock.set(now);
    }

    /// The scenario or the run changed: panels re-read it and it is saved.
    pub fn changed(&self) {
        self.unsaved.set_value(true);
        self.rev.update(|r| *r += 1);
        self.refresh();
    }

    /// One undoable edit of the scenario.
    pub fn edit(&self, f: impl FnOnce(&mut Scenario)) {
        self.sb.update_value(|s| s.edit(f));
        self.changed();
    }

    /// The demand slider, recorded as a control from the next hour on.
    pub fn set_demand_multiplier(&self, m: f64) {
        let mut running = false;
        self.sb
            .update_value(|s| running = s.set_demand_multiplier(m));
        self.status.set(if running {
            format!("Demand ×{m:.1} from the next hour on (Ctrl+Z undoes it)")
        } else {
            "The run waits until the problems are fixed".into()
        });
        self.changed();
    }

    /// Read the edit history, tracking `rev` so a view re-reads it after
    /// every change.
    pub fn history<R>(&self, f: impl FnOnce(&crate::history::History<Scenario>) -> R) -> R {
        self.rev.track();
        self.sb.with_value(|s| f(&s.history))
    }

    pub fn undo(&self) {
        self.travel(false);
    }

    pub fn redo(&self) {
        self.travel(true);
    }

    fn travel(&self, redo: bool) {
        let mut ok = false;
        self.sb.update_value(|s| ok = s.travel(redo));
        let msg = match (redo, ok) {
            (false, true) => "Undone",
            (false, false) => "Nothing to undo",
            (true, true) => "Redone",
            (true, false) => "Nothing to redo",
        };
        self.status.set(msg.into());
        self.forget_missing_selection();
        self.changed();
    }

    fn forget_missing_selection(&self) {
        let keep = self.selected.with_untracked(|sel| match sel {
            Some(Selection::Facility(id)) => self
                .sb
                .with_value(|s| s.scenario.facilities.iter().any(|f| &f.id == id)),
            Some(Selection::Lane(i)) => self.sb.with_value(|s| *i < s.scenario.lanes.len()),
            Some(Selection::Vehicle { .. }) => false,
            None => true,
        });
        if !keep {
            self.selected.set(None);
        }
    }

    /// Replace the whole sandbox (a scenario switch or an import).
    pub fn load(&self, sb: Sandbox) {
        self.speed.set(default_speed(&sb));
        self.sb.set_value(sb);
        self.selected.set(None);
        self.fit_requested.set_value(true);
        self.changed();
    }
}

pub fn use_ui() -> Ui {
    expect_context::<Ui>()
}
