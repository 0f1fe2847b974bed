//! The app's model, outside the reactive system: the scenario being edited,
//! its undo history, and the engine running it. Signals in `ui` only mirror
//! what the page shows.

use crate::history::History;
use crate::lesson_run::LessonRun;
use supply_sim::Kpis;
use supply_sim::controls::{self, DemandSchedule};
use supply_sim::time::{DAY, HOUR, SimTime};
use supply_sim::{Engine, Problem, Scenario, budget};

/// One point of the KPI time series, sampled every sim hour.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sample {
    pub kpis: Kpis,
}

pub struct Sandbox {
    pub name: String,
    pub scenario: Scenario,
    /// The scenario as it was opened: a built-in's own text, or an imported
    /// file. The sandbox is "edited" while `scenario` differs from it.
    original: Scenario,
    /// Lane endpoints as facility indices, for drawing and hit-testing.
    pub lane_ends: Vec<Option<(usize, usize)>>,
    pub history: History<Scenario>,
    /// The run of the scenario; `None` while the scenario has problems.
    pub engine: Option<Engine>,
    /// While the scenario has problems: the last good run, frozen, so its
    /// KPIs, clock and chart stay on screen (greyed) instead of vanishing.
    last_good: Option<Engine>,
    pub problems: Vec<Problem>,
    /// Values that are valid but absurd: the run goes on, the person is told.
    pub warnings: Vec<Problem>,
    pub seed: u64,
    pub series: Vec<Sample>,
    next_sample: SimTime,
    /// After an edit the new run fast-forwards to where the old one was.
    catch_up_to: SimTime,
    /// The person chose to run on past the scenario's horizon.
    pub past_horizon: bool,
    /// The lesson being played in this sandbox, if any: its steps lock
    /// edits and its goals are judged on the run.
    pub lesson: Option<LessonRun>,
}

impl Sandbox {
    pub fn new(name: &str, scenario: Scenario) -> Sandbox {
        Sandbox::seeded(name, scenario, supply_sim::defaults::SEED)
    }

    /// A sandbox running `scenario` with `seed` (a share link's).
    pub fn seeded(name: &str, scenario: Scenario, seed: u64) -> Sandbox {
        let original = supply_sim::builtin::get(name)
            .and_then(|json| Scenario::from_json(json).ok())
            .unwrap_or_else(|| scenario.clone());
        let mut s = Sandbox {
            name: name.to_owned(),
            scenario,
            original,
            lane_ends: Vec::new(),
            history: History::new(200),
            engine: None,
            last_good: None,
            problems: Vec::new(),
            warnings: Vec::new(),
            seed,
            series: Vec::new(),
            next_sample: 0,
            catch_up_to: 0,
            past_horizon: false,
            lesson: None,
        };
        s.restart();
        s
    }

    /// A sandbox opened from saved work or a share link: one named after a
    /// built-in lesson plays that lesson again, from its first step.
    pub fn restored(name: &str, scenario: Scenario, seed: u64) -> Sandbox {
        let lesson = name
            .strip_prefix(crate::lesson_run::NAME_PREFIX)
            .and_then(|id| LessonRun::builtin(id).ok());
        match lesson {
            Some((run, start)) => Sandbox::resumed(run, start, scenario, seed),
            None => Sandbox::seeded(name, scenario, seed),
        }
    }

    /// A lesson taken up on `scenario` with `seed` (named after the lesson,
    /// so its edits are kept apart from the scenario's own); Revert goes
    /// back to the lesson's `start`.
    pub fn resumed(run: LessonRun, start: Scenario, scenario: Scenario, seed: u64) -> Sandbox {
        let name = format!("{}{}", crate::lesson_run::NAME_PREFIX, run.lesson.id);
        let mut sb = Sandbox::seeded(&name, scenario, seed);
        sb.original = start;
        sb.lesson = Some(run);
        sb
    }

    /// Open the built-in lesson `id` on the scenario it starts from.
    pub fn lesson(id: &str) -> Result<Sandbox, String> {
        let (run, scenario) = LessonRun::builtin(id)?;
        Ok(Sandbox::with_lesson(run, scenario))
    }

    /// A sandbox playing `run` from its start, `scenario`.
    pub fn with_lesson(run: LessonRun, scenario: Scenario) -> Sandbox {
        Sandbox::resumed(run, scenario.clone(), scenario, supply_sim::defaults::SEED)
    }

    /// On to the lesson's next step; the run is replayed to now so the new
    /// goal is judged at its own day.
    pub fn next_lesson_step(&mut self) -> bool {
        let moved = self.lesson.as_mut().is_some_and(LessonRun::next_step);
        if moved {
            self.rerun_to_now();
        }
        moved
    }

    /// Load a built-in scenario by name.
    pub fn builtin(name: &str) -> Result<Sandbox, Vec<Problem>> {
        let json = supply_sim::builtin::get(name).ok_or_else(|| {
            vec![Problem::new(
                "",
                format!("no built-in scenario named {name:?}"),
            )]
        })?;
        Ok(Sandbox::new(name, Scenario::from_json(json)?))
    }

    /// Does the scenario differ from the one that was opened?
    pub fn edited(&self) -> bool {
        self.scenario != self.original
    }

    /// Go back to the scenario as it was opened, as one undoable edit.
    pub fn revert(&mut self) -> Result<(), String> {
        let original = self.original.clone();
        self.edit(|s| *s = original)
    }

    pub fn now(&self) -> SimTime {
        self.run().map_or(0, Engine::now)
    }

    /// The run on screen: the live one, or the last good one while the
    /// scenario has problems.
    fn run(&self) -> Option<&Engine> {
        self.engine.as_ref().or(self.last_good.as_ref())
    }

    /// The scenario's horizon: the end of its last day.
    pub fn horizon(&self) -> SimTime {
        SimTime::from(self.scenario.days) * DAY
    }

    /// Has the run reached its horizon, and the person not chosen to go on?
    pub fn at_end(&self) -> bool {
        !self.past_horizon && self.now() >= self.horizon()
    }

    /// Where playing may take the run to now: the horizon, unless the
    /// person chose to go on past it.
    pub fn play_limit(&self) -> SimTime {
        if self.past_horizon {
            SimTime::MAX
        } else {
            self.horizon()
        }
    }

    /// Start again at day 1, stopping at the horizon again.
    pub fn reset(&mut self) {
        self.past_horizon = false;
        self.restart();
    }

    /// Are the figures on screen the last good run's, frozen?
    pub fn stale(&self) -> bool {
        self.engine.is_none() && self.last_good.is_some()
    }

    /// Validate and start a fresh run at t = 0. While the scenario has
    /// problems, the last good run stays, frozen, with its series.
    pub fn restart(&mut self) {
        self.lane_ends = crate::lane_ends::resolve(&self.scenario);
        self.warnings = supply_sim::warnings(&self.scenario);
        self.catch_up_to = 0;
        if let Some(l) = &mut self.lesson {
            l.rerun();
        }
        match budget::validate_within(&self.scenario, self.scenario.days, &budget::PAGE) {
            Ok((network, limits)) => {
                self.warnings.extend(limits);
                self.engine = Some(Engine::new(network, self.seed));
                self.last_good = None;
                self.problems.clear();
                self.series.clear();
                self.next_sample = 0;
            }
            Err(problems) => {
                self.problems = problems;
                if let Some(e) = self.engine.take() {
                    self.last_good = Some(e);
                }
            }
        }
    }

    /// Apply an edit as one undoable step. The new scenario is re-run from
    /// t = 0 up to the current sim time (deterministic, same seed), so the
    /// KPIs show the effect of the change at the same moment. An edit the
    /// lesson's step locks is undone at once: `Err` says what is locked.
    pub fn edit(&mut self, f: impl FnOnce(&mut Scenario)) -> Result<(), String> {
        let before = self.scenario.clone();
        f(&mut self.scenario);
        if self.scenario == before {
            return Ok(());
        }
        if let Some(l) = &self.lesson
            && let Err(why) = l.allow_edit(&before, &self.scenario)
        {
            self.scenario = before;
            return Err(why);
        }
        self.history.record(before);
        self.rerun_to_now();
        Ok(())
    }

    /// Step back (`redo` false) or forward through the edit history.
    pub fn travel(&mut self, redo: bool) -> bool {
        let current = self.scenario.clone();
        let to = if redo {
            self.history.redo(current)
        } else {
            self.history.undo(current)
        };
        let Some(scenario) = to else { return false };
        self.scenario = scenario;
        self.rerun_to_now();
        true
    }

    fn rerun_to_now(&mut self) {
        let target = self.now().max(self.catch_up_to);
        self.restart();
        self.catch_up_to = target;
    }

    /// The demand slider: "demand × `m` from the next hour on", recorded in
    /// the scenario as one undoable step (so export, undo and a re-run
    /// replay it) and applied to the running engine without a re-run, which
    /// a replay reproduces exactly. `Ok(false)` while there is no run,
    /// `Err` when the lesson's step locks demand.
    pub fn set_demand_multiplier(&mut self, m: f64) -> Result<bool, String> {
        let Some(e) = &mut self.engine else {
            return Ok(false);
        };
        // During a catch-up the person is watching `catch_up_to`.
        let watching = self.catch_up_to.div_ceil(HOUR) * HOUR;
        let at = e.next_draw_time().max(watching);
        let before = self.scenario.clone();
        controls::set_demand_from(&mut self.scenario.controls, at, m);
        if let Some(l) = &self.lesson
            && let Err(why) = l.allow_edit(&before, &self.scenario)
        {
            self.scenario = before;
            return Err(why);
        }
        if self.scenario != before {
            let schedule = DemandSchedule::new(&self.scenario.controls);
            let asked = budget::estimate_with(e.network(), self.scenario.days, &schedule);
            if let Err(p) = budget::check(&asked, &budget::PAGE) {
                self.scenario = before;
                return Err(format!("Demand not changed: {}", p.message));
            }
            self.history.record(before);
            e.set_demand_schedule(schedule);
        }
        Ok(true)
    }

    /// The steps so far of the order placed `order`-th in this run, rebuilt
    /// by running the scenario again with the same seed to now (none while
    /// the scenario has problems).
    pub fn trace(&self, order: u64) -> Option<supply_sim::view::trace::Trace> {
        let (net, _) =
            budget::validate_within(&self.scenario, self.scenario.days, &budget::PAGE).ok()?;
        let mut e = Engine::new(net, self.seed);
        e.trace_order(order);
        e.run_until(self.now());
        Some(e.traced(order))
    }

    /// The demand multiplier the next hour is drawn with.
    pub fn demand_multiplier(&self) -> f64 {
        self.engine.as_ref().map_or(1.0, Engine::demand_multiplier)
    }

    /// Advance the sim toward `target`, at most `max_events` events. Returns
    /// the number of events processed. Catch-up after an edit runs first.
    pub fn advance(&mut self, target: SimTime, max_events: usize) -> usize {
        let target = target.max(self.catch_up_to);
        let Some(e) = &mut self.engine else { return 0 };
        let mut done = 0;
        while done < max_events && e.now() < target {
            let step_to = target.min(self.next_sample);
            if e.now() < step_to {
                done += e.step_until(step_to, max_events - done);
                if e.now() < step_to {
                    break;
                }
            }
            if e.now() >= self.next_sample {
                self.series.push(Sample { kpis: e.kpis() });
                self.next_sample += HOUR;
                if let Some(l) = &mut self.lesson {
                    l.observe(e, self.scenario.days);
                }
            }
        }
        done
    }

    /// Is the run still replaying up to where it was before an edit?
    pub fn catching_up(&self) -> bool {
        self.engine
            .as_ref()
            .is_some_and(|e| e.now() < self.catch_up_to)
    }

    /// Service by zone, SKU class and channel, on screen.
    pub fn breakdown(&self) -> Option<supply_sim::view::breakdown::BreakdownReport> {
        self.run().map(Engine::breakdown_report)
    }

    /// The packing figures on screen (`None`: the scenario packs no boxes).
    pub fn packaging(&self) -> Option<supply_sim::view::report::PackagingReport> {
        self.run().and_then(Engine::packaging_report)
    }

    /// The seller-service fees on screen (`None`: no channel rules).
    pub fn channels(&self) -> Option<supply_sim::view::channels::ChannelsReport> {
        self.run().and_then(Engine::channels_report)
    }

    /// Customs, low-emission zone and carbon charges on screen (`None`:
    /// the scenario has none).
    pub fn regulation(&self) -> Option<supply_sim::view::regulation::RegulationReport> {
        self.run().and_then(Engine::regulation_report)
    }

    /// Each zone's demand against the competitor on screen (`None`: no
    /// competitor).
    pub fn competition(&self) -> Option<supply_sim::view::competition::CompetitionReport> {
        self.run().and_then(Engine::competition_report)
    }

    /// Each disruption and how on-time recovered, on screen.
    pub fn disruptions(&self) -> Vec<supply_sim::view::disruption::DisruptionReport> {
        self.run()
            .map(Engine::disruption_reports)
            .unwrap_or_default()
    }

    /// The KPIs on screen (the last good run's while there are problems).
    pub fn kpis(&self) -> Option<Kpis> {
        self.run().map(Engine::kpis)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn a_replay_of_the_exported_scenario_equals_the_live_run_kpi_for_kpi() {
        let mut live = Sandbox::builtin("uk-network").unwrap();
        live.advance(30 * HOUR + 77, usize::MAX);
        assert_eq!(live.set_demand_multiplier(2.5), Ok(true));
        live.advance(60 * HOUR, 5_000);
        assert_eq!(live.set_demand_multiplier(0.5), Ok(true));
        live.advance(90 * HOUR, usize::MAX);
        assert_eq!(live.scenario.controls.len(), 2);
        assert_eq!(live.demand_multiplier(), 0.5);

        let exported = live.scenario.to_json_pretty();
        let mut replay = Sandbox::new("replay", Scenario::from_json(&exported).unwrap());
        replay.advance(90 * HOUR, usize::MAX);
        assert_eq!(replay.series.len(), live.series.len());
        assert_eq!(replay.series, live.series);

        // Undo takes the last control away and re-runs to the same moment.
        assert!(live.travel(false));
        assert_eq!(live.scenario.controls.len(), 1);
        live.advance(0, usize::MAX);
        assert_eq!(live.now(), 90 * HOUR);
        assert_eq!(live.demand_multiplier(), 2.5);
        assert!(live.kpis().unwrap().orders_placed > replay.kpis().unwrap().orders_placed);
    }

    #[test]
    fn the_breakdown_after_an_edit_counts_the_replayed_orders() {
        let mut sb = Sandbox::builtin("uk-network").unwrap();
        sb.advance(80 * HOUR, usize::MAX);
        let placed = |sb: &Sandbox| -> u64 {
            sb.breakdown()
                .unwrap()
                .channels
                .iter()
                .map(|c| c.placed)
                .sum()
        };
        let before = placed(&sb);
        assert_eq!(before, sb.kpis().unwrap().orders_placed);
        sb.edit(|s| {
            s.channels.as_mut().unwrap().multichannel_promise =
                Some(supply_sim::scenario::Promise::TwoDay)
        })
        .unwrap();
        sb.advance(0, usize::MAX);
        assert_eq!(sb.now(), 80 * HOUR);
        assert_eq!(placed(&sb), before);
    }

    #[test]
    fn an_invalid_edit_freezes_the_last_good_run_and_a_fix_resumes_it() {
        let mut sb = Sandbox::builtin("uk-network").unwrap();
        sb.advance(30 * HOUR, usize::MAX);
        let (kpis, samples) = (sb.kpis().unwrap(), sb.series.len());
        sb.edit(|s| s.facilities[2].capacity_per_hour = Some(-5.0))
            .unwrap();
        assert!(!sb.problems.is_empty() && sb.stale());
        // Nothing runs, and the figures on screen are the last good run's.
        assert_eq!(sb.advance(60 * HOUR, usize::MAX), 0);
        assert_eq!(sb.kpis(), Some(kpis));
        assert_eq!((sb.now(), sb.series.len()), (30 * HOUR, samples));
        assert!(sb.travel(false));
        assert!(!sb.stale() && sb.problems.is_empty());
        sb.advance(0, usize::MAX);
        assert_eq!(sb.now(), 30 * HOUR);
        assert_eq!(sb.kpis(), Some(kpis));
    }

    #[test]
    fn revert_goes_back_to_the_original_and_undo_brings_the_edit_back() {
        let mut sb = Sandbox::builtin("beer-game").unwrap();
        assert!(!sb.edited());
        sb.edit(|s| s.facilities[1].name = "Brewery two".into())
            .unwrap();
        assert!(sb.edited());
        sb.revert().unwrap();
        assert!(!sb.edited());
        assert!(sb.travel(false));
        assert_eq!(sb.scenario.facilities[1].name, "Brewery two");
    }

    #[test]
    fn a_lesson_refuses_locked_edits_and_judges_its_goal_at_its_day() {
        use crate::lesson_run::Verdict;
        use supply_sim::scenario::ForecastSpec;
        let mut sb = Sandbox::lesson("bullwhip").unwrap();
        let before = sb.scenario.clone();
        let why = sb
            .edit(|s| s.facilities[1].name = "Brewery two".into())
            .unwrap_err();
        assert!(
            why.contains("locks") && why.contains("inventory policies"),
            "{why}"
        );
        assert_eq!(sb.scenario, before);
        assert!(!sb.history.can_undo());
        assert!(sb.set_demand_multiplier(2.0).is_err());
        let end = sb.horizon();
        sb.advance(end, usize::MAX);
        let l = sb.lesson.as_ref().unwrap();
        assert_eq!(l.verdict(), Verdict::Missed);
        sb.edit(|s| {
            for p in &mut s.policies {
                p.forecast = Some(ForecastSpec::ExpSmoothing { alpha: 0.1 });
            }
        })
        .unwrap();
        assert_eq!(sb.lesson.as_ref().unwrap().verdict(), Verdict::Pending);
        sb.advance(0, usize::MAX);
        let l = sb.lesson.as_ref().unwrap();
        assert_eq!(l.verdict(), Verdict::Met);
        assert!(l.complete());
        let debrief = l.debrief().unwrap();
        assert!(
            debrief.contains("started at 3.34") && !debrief.contains('{'),
            "{debrief}"
        );
    }
}
