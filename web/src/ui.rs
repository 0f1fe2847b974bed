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
    /// Edited sandboxes the person switched away from, with their undo
    /// history, to come back to.
    pub kept: StoredValue<Vec<Sandbox>, LocalStorage>,
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
    /// The tracked order's trace, while an order is selected.
    pub trace: RwSignal<Option<supply_sim::view::trace::Trace>>,
    /// A network design shown over the map until it is accepted or
    /// dismissed.
    pub proposal: RwSignal<Option<supply_sim::design::Suggestion>>,
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
    pub fn new(sb: Sandbox, autoplay: bool) -> Ui {
        let speed = default_speed(&sb);
        Ui {
            sb: StoredValue::new_local(sb),
            kept: StoredValue::new_local(Vec::new()),
            rev: RwSignal::new(0),
            unsaved: StoredValue::new(false),
            kpis: RwSignal::new(None),
            clock: RwSignal::new(0),
            playing: RwSignal::new(autoplay),
            speed: RwSignal::new(speed),
            selected: RwSignal::new(None),
            view: StoredValue::new(None),
            ghost: StoredValue::new(None),
            fit_requested: StoredValue::new(true),
            hovered: StoredValue::new(None),
            status: RwSignal::new(String::new()),
            perf: RwSignal::new(None),
            scale: RwSignal::new((0.0, 0.0)),
            trace: RwSignal::new(None),
            proposal: RwSignal::new(None),
        }
    }

    /// Track order `order`: its trace is rebuilt, shown in the inspector and
    /// drawn on the map.
    pub fn show_trace(&self, order: u64) {
        let t = self.sb.with_value(|s| s.trace(order));
        if t.is_none() {
            self.status
                .set("No trace while the scenario has problems to fix".into());
            return;
        }
        self.trace.set(t);
        self.selected.set(Some(Selection::Order(order)));
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

    /// One undoable edit of the scenario; an edit the lesson locks is
    /// refused with the reason.
    pub fn edit(&self, f: impl FnOnce(&mut Scenario)) {
        self.try_edit(f);
    }

    /// [`Ui::edit`], saying whether the edit was made (false: the lesson
    /// locks it, and the status line says why).
    pub fn try_edit(&self, f: impl FnOnce(&mut Scenario)) -> bool {
        let mut result = Ok(());
        self.sb.update_value(|s| result = s.edit(f));
        let done = result.is_ok();
        if let Err(why) = result {
            self.status.set(why);
        }
        self.changed();
        done
    }

    /// The demand slider, recorded as a control from the next hour on.
    /// False when it was not applied (a lesson locks demand, or the run
    /// waits for problems to be fixed); the status line says why.
    pub fn set_demand_multiplier(&self, m: f64) -> bool {
        let mut result = Ok(false);
        self.sb
            .update_value(|s| result = s.set_demand_multiplier(m));
        let applied = result == Ok(true);
        self.status.set(match result {
            Ok(true) => format!("Demand ×{m:.1} from the next hour on (Ctrl+Z undoes it)"),
            Ok(false) => "The run waits until the problems are fixed".into(),
            Err(why) => why,
        });
        self.changed();
        applied
    }

    /// Read the edit history, tracking `rev` so a view re-reads it after
    /// every change.
    pub fn history<R>(&self, f: impl FnOnce(&crate::history::History<Scenario>) -> R) -> R {
        self.rev.track();
        self.sb.with_value(|s| f(&s.history))
    }

    /// Play if paused, pause if playing.
    pub fn toggle_playing(&self) {
        self.playing.update(|p| *p = !*p);
        self.refresh();
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
            Some(Selection::Vehicle { .. } | Selection::Order(_)) => false,
            None => true,
        });
        if !keep {
            self.selected.set(None);
        }
    }

    /// Replace the whole sandbox (a scenario switch or an import). An edited
    /// sandbox left behind is kept, in memory and in the browser's storage.
    pub fn load(&self, sb: Sandbox) {
        self.speed.set(default_speed(&sb));
        let mut old = None;
        self.sb
            .update_value(|s| old = Some(std::mem::replace(s, sb)));
        if let Some(old) = old {
            crate::persist::keep_edits(&old);
            if old.edited() {
                self.kept.update_value(|k| {
                    k.retain(|s| s.name != old.name);
                    k.push(old);
                });
            }
        }
        self.selected.set(None);
        self.fit_requested.set_value(true);
        self.changed();
    }

    /// Switch to the built-in scenario `name`, with the edits the person
    /// left in it if there are any. Says which it opened, or why it cannot.
    pub fn open(&self, name: &str) {
        let kept = self
            .kept
            .try_update_value(|k| k.iter().position(|s| s.name == name).map(|i| k.remove(i)))
            .flatten();
        let next = match kept {
            Some(sb) => sb,
            None => match crate::persist::kept_edits(name) {
                Some(scenario) => Sandbox::new(name, scenario),
                None => match Sandbox::builtin(name) {
                    Ok(sb) => sb,
                    Err(problems) => {
                        let why = problems.first().map(|p| p.describe()).unwrap_or_default();
                        self.status.set(format!("Cannot open {name}: {why}"));
                        return;
                    }
                },
            },
        };
        let restored = next.edited();
        self.load(next);
        self.status.set(if restored {
            format!("Opened {name} with your edits; Revert brings back the original")
        } else {
            format!("Opened {name}")
        });
    }

    /// Does the sandbox called `name` hold edits, open or kept?
    pub fn is_edited(&self, name: &str) -> bool {
        self.rev.track();
        let open = self.sb.with_value(|s| s.name == name && s.edited());
        open || self
            .kept
            .with_value(|k| k.iter().any(|s| s.name == name && s.edited()))
    }

    /// Back to the scenario as it was opened; undo brings the edits back.
    pub fn revert(&self) {
        let mut result = Ok(());
        self.sb.update_value(|s| result = s.revert());
        self.forget_missing_selection();
        self.status.set(match result {
            Ok(()) => "Back to the original scenario (Ctrl+Z brings your edits back)".into(),
            Err(why) => why,
        });
        self.changed();
    }

    /// Open the built-in lesson `id` (its scenario, steps and locks).
    pub fn open_lesson(&self, id: &str) {
        match Sandbox::lesson(id) {
            Ok(sb) => {
                let title = sb.lesson.as_ref().map(|l| l.lesson.title.clone());
                self.load(sb);
                self.status
                    .set(format!("Lesson: {}", title.unwrap_or_default()));
            }
            Err(why) => self.status.set(format!("Cannot open lesson {id}: {why}")),
        }
    }
}

pub fn use_ui() -> Ui {
    expect_context::<Ui>()
}
