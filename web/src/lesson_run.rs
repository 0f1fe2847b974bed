//! A lesson being played: which step the student is on, the figures its
//! goal was judged on, and the hints shown. Plain Rust: the sandbox owns it
//! and feeds it the run; the lesson panel reads it.

use supply_sim::Engine;
use supply_sim::lesson::{Lesson, Measures, Step, text};
use supply_sim::scenario::Scenario;
use supply_sim::time::SimTime;

/// The prefix of a lesson's sandbox name, so a reload or the scenario menu
/// knows a lesson is open.
pub const NAME_PREFIX: &str = "lesson:";

pub struct LessonRun {
    pub lesson: Lesson,
    step: usize,
    /// The current step's figures at its goal moment, once the run got there.
    judged: Option<Measures>,
    /// Steps whose goal was met, by index.
    passed: Vec<bool>,
    hints_shown: usize,
}

/// A student's progress through a lesson.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Progress {
    pub step: usize,
    pub passed: Vec<bool>,
    pub hints_shown: usize,
}

/// Where the current step stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The run has not reached the goal's day.
    Pending,
    Met,
    Missed,
}

impl LessonRun {
    pub fn new(lesson: Lesson) -> LessonRun {
        let n = lesson.steps.len();
        LessonRun {
            lesson,
            step: 0,
            judged: None,
            passed: vec![false; n],
            hints_shown: 0,
        }
    }

    /// Open the built-in lesson `id`, with the scenario it starts from.
    pub fn builtin(id: &str) -> Result<(LessonRun, Scenario), String> {
        let json = supply_sim::builtin::lesson(id).ok_or(format!("no built-in lesson {id:?}"))?;
        let (lesson, scenario) = Lesson::open(json)
            .map_err(|p| p.first().map(ToString::to_string).unwrap_or_default())?;
        Ok((LessonRun::new(lesson), scenario))
    }

    pub fn step_index(&self) -> usize {
        self.step
    }

    pub fn step(&self) -> &Step {
        &self.lesson.steps[self.step]
    }

    pub fn steps(&self) -> usize {
        self.lesson.steps.len()
    }

    pub fn passed(&self, i: usize) -> bool {
        self.passed.get(i).copied().unwrap_or(false)
    }

    /// Is this the last step, and met?
    pub fn complete(&self) -> bool {
        self.passed.iter().all(|p| *p)
    }

    /// The moment the current step's goal is judged.
    pub fn judged_at(&self, horizon_days: u32) -> SimTime {
        self.step().goal.judged_at(horizon_days)
    }

    /// The run was restarted (an edit, a reset): judge again when it gets there.
    pub fn rerun(&mut self) {
        self.judged = None;
    }

    /// Called at every sampled moment of the run: at the goal's moment,
    /// take the step's figures and judge them.
    pub fn observe(&mut self, engine: &Engine, horizon_days: u32) {
        if self.judged.is_none() && engine.now() >= self.judged_at(horizon_days) {
            let m = Measures::take(engine, &self.step().figures());
            self.passed[self.step] = self.step().goal.met(&m);
            self.judged = Some(m);
        }
    }

    pub fn verdict(&self) -> Verdict {
        match &self.judged {
            None => Verdict::Pending,
            Some(_) if self.passed[self.step] => Verdict::Met,
            Some(_) => Verdict::Missed,
        }
    }

    /// The figures the panel shows: as judged, or live until then.
    pub fn figures(&self, engine: Option<&Engine>) -> Option<Measures> {
        self.judged
            .clone()
            .or_else(|| engine.map(|e| Measures::take(e, &self.step().figures())))
    }

    /// The debrief with the student's figures, once the goal is met (a
    /// missed goal shows its figures and hints instead).
    pub fn debrief(&self) -> Option<String> {
        let m = self.judged.as_ref().filter(|_| self.passed[self.step])?;
        Some(text::fill(&self.step().debrief, m))
    }

    /// On to the next step, once this one is met. The run goes on from
    /// where it is; the next goal is judged when the run reaches its day
    /// (a reset runs it again from day 1).
    pub fn next_step(&mut self) -> bool {
        if !self.passed[self.step] || self.step + 1 >= self.steps() {
            return false;
        }
        self.step += 1;
        self.judged = None;
        self.hints_shown = 0;
        true
    }

    pub fn hints_shown(&self) -> usize {
        self.hints_shown
    }

    /// Where the student is: the step, the steps passed and the hints shown
    /// (kept with the work, so a reload goes on from there).
    pub fn progress(&self) -> Progress {
        Progress {
            step: self.step,
            passed: self.passed.clone(),
            hints_shown: self.hints_shown,
        }
    }

    /// Take up saved progress; a progress that does not fit this lesson
    /// (a different number of steps) is left aside and the lesson starts
    /// over.
    pub fn resume(&mut self, p: &Progress) {
        if p.passed.len() != self.steps() || p.step >= self.steps() {
            return;
        }
        self.step = p.step;
        self.passed = p.passed.clone();
        self.hints_shown = p.hints_shown.min(self.step().hints.len());
        self.judged = None;
    }

    pub fn show_hint(&mut self) {
        self.hints_shown = (self.hints_shown + 1).min(self.step().hints.len());
    }

    /// May the student make this edit now? `Err` says what is locked.
    pub fn allow_edit(&self, before: &Scenario, after: &Scenario) -> Result<(), String> {
        self.step().allow_edit(before, after)
    }
}
