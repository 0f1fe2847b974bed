//! Lessons: a scenario, an introduction and steps, each step with an
//! instruction, what the student may change, a goal the simulation checks,
//! hints and a debrief that quotes the student's own figures.
//!
//! A lesson is a versioned JSON file (`"lesson": 1`, schema in
//! `lessons/lesson.schema.json`) an instructor writes without code. It is
//! parsed and checked like a scenario: every problem with its JSON path
//! ([`Lesson::open`]), the scenario's own problems under `scenario.`.
//!
//! The scenario is a built-in's name (`"uk-network"`) or a whole scenario.

pub mod goal;
pub mod locks;
pub mod text;

pub use goal::{Condition, Figure, Goal, Measures, Metric};

use crate::problem::Problem;
use crate::scenario::{Scenario, parse_json};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The lesson format's version.
pub const VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lesson {
    /// Format version; must be 1.
    pub lesson: u32,
    pub id: String,
    pub title: String,
    /// One line for a list of lessons.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub summary: String,
    /// What the lesson is about, shown before the first step.
    pub intro: String,
    /// A built-in scenario's name, or a whole scenario.
    pub scenario: Value,
    pub steps: Vec<Step>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub title: String,
    pub instruction: String,
    /// What the student may change (see [`locks`]); absent: everything.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub editable: Option<Vec<String>>,
    pub goal: Goal,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hints: Vec<String>,
    /// Shown once the goal is judged; `{kpi}` or `{kpi:facility id}` is
    /// replaced by the student's figure (see [`text`]).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub debrief: String,
}

impl Step {
    /// Every figure the step's goal and debrief name.
    pub fn figures(&self) -> Vec<Figure> {
        let mut out: Vec<Figure> = self.goal.all.iter().map(Condition::figure).collect();
        for f in text::placeholders(&self.debrief).into_iter().flatten() {
            if !out.contains(&f) {
                out.push(f);
            }
        }
        out
    }

    /// May the student make the edit from `before` to `after`? `Err` says
    /// what is locked, by the names a person knows.
    pub fn allow_edit(&self, before: &Scenario, after: &Scenario) -> Result<(), String> {
        let Some(editable) = &self.editable else {
            return Ok(());
        };
        let Some(change) = locks::refused(editable, before, after) else {
            return Ok(());
        };
        // A facility just added is known by its name in `after`.
        let name_of = |id: &str| {
            let n = before.name_of(id);
            if n == id { after.name_of(id) } else { n }
        };
        Err(format!(
            "{} {}",
            locks::describe(&change, name_of),
            locks::editable_words(editable, name_of)
        ))
    }
}

impl Lesson {
    /// Parse and check a lesson and its scenario: the lesson and the
    /// scenario it opens with, or every problem found.
    pub fn open(text: &str) -> Result<(Lesson, Scenario), Vec<Problem>> {
        let lesson: Lesson = parse_json(text)?;
        let scenario = lesson.resolve_scenario()?;
        let problems = lesson.check(&scenario);
        if problems.is_empty() {
            Ok((lesson, scenario))
        } else {
            Err(problems)
        }
    }

    /// The scenario the lesson opens with (problems under `scenario`).
    fn resolve_scenario(&self) -> Result<Scenario, Vec<Problem>> {
        let scenario = match &self.scenario {
            Value::String(name) => {
                let json = crate::builtin::get(name).ok_or_else(|| {
                    vec![Problem::new(
                        "scenario",
                        format!("no built-in scenario named {name:?}"),
                    )]
                })?;
                Scenario::from_json(json)?
            }
            Value::Object(_) => {
                let text = serde_json::to_string_pretty(&self.scenario).unwrap_or_default();
                Scenario::from_json(&text).map_err(under_scenario)?
            }
            _ => {
                return Err(vec![Problem::new(
                    "scenario",
                    "must be a built-in scenario's name or a scenario",
                )]);
            }
        };
        crate::validate(&scenario).map_err(under_scenario)?;
        Ok(scenario)
    }

    /// The lesson's own problems, given its scenario.
    pub fn check(&self, scenario: &Scenario) -> Vec<Problem> {
        let mut out = Vec::new();
        if self.lesson != VERSION {
            out.push(Problem::new(
                "lesson",
                format!(
                    "lesson format {} is not supported (this version reads {VERSION})",
                    self.lesson
                ),
            ));
        }
        for (field, v) in [
            ("id", &self.id),
            ("title", &self.title),
            ("intro", &self.intro),
        ] {
            if v.trim().is_empty() {
                out.push(Problem::new(field, "must not be empty"));
            }
        }
        if self.steps.is_empty() {
            out.push(Problem::new("steps", "a lesson needs at least one step"));
        }
        let ids: Vec<&str> = scenario.facilities.iter().map(|f| f.id.as_str()).collect();
        for (i, step) in self.steps.iter().enumerate() {
            check_step(step, &format!("steps[{i}]"), &ids, scenario.days, &mut out);
        }
        out
    }
}

fn check_step(step: &Step, at: &str, ids: &[&str], days: u32, out: &mut Vec<Problem>) {
    if step.title.trim().is_empty() {
        out.push(Problem::new(format!("{at}.title"), "must not be empty"));
    }
    if step.goal.all.is_empty() {
        out.push(Problem::new(
            format!("{at}.goal.all"),
            "a goal needs at least one condition",
        ));
    }
    if let Some(d) = step.goal.by_day
        && !(1..=days).contains(&d)
    {
        out.push(Problem::new(
            format!("{at}.goal.by_day"),
            format!("must be a day of the scenario, 1 to {days}"),
        ));
    }
    for (j, c) in step.goal.all.iter().enumerate() {
        check_condition(c, &format!("{at}.goal.all[{j}]"), ids, out);
    }
    for (j, e) in step.editable.iter().flatten().enumerate() {
        if let Err(why) = locks::check_entry(e, ids) {
            out.push(Problem::new(format!("{at}.editable[{j}]"), why));
        }
    }
    for p in text::placeholders(&step.debrief) {
        match p {
            Err(why) => out.push(Problem::new(format!("{at}.debrief"), why)),
            Ok(f) => {
                if let Some(why) = figure_problem(&f, ids) {
                    out.push(Problem::new(format!("{at}.debrief"), why));
                }
            }
        }
    }
}

fn check_condition(c: &Condition, at: &str, ids: &[&str], out: &mut Vec<Problem>) {
    if let Some(why) = figure_problem(&c.figure(), ids) {
        let field = if c.facility.is_some() {
            "facility"
        } else {
            "kpi"
        };
        out.push(Problem::new(format!("{at}.{field}"), why));
    }
    let bounds = [("at_least", c.at_least), ("at_most", c.at_most)];
    if bounds.iter().all(|(_, b)| b.is_none()) {
        out.push(Problem::new(at, "give at_least, at_most or both"));
    }
    for (field, b) in bounds {
        if b.is_some_and(|b| !b.is_finite()) {
            out.push(Problem::new(
                format!("{at}.{field}"),
                "must be a finite number",
            ));
        }
    }
    if let (Some(lo), Some(hi)) = (c.at_least, c.at_most)
        && lo > hi
    {
        out.push(Problem::new(
            at,
            "at_least is above at_most: no figure can meet it",
        ));
    }
}

/// Why a figure cannot be measured in this scenario, if it cannot.
fn figure_problem(f: &Figure, ids: &[&str]) -> Option<String> {
    match (&f.facility, f.kpi.per_facility()) {
        (None, true) => Some(format!(
            "{} is a facility's figure: give its facility",
            f.kpi.key()
        )),
        (Some(_), false) => Some(format!(
            "{} is the network's figure: leave out the facility",
            f.kpi.key()
        )),
        (Some(id), true) if !ids.contains(&id.as_str()) => Some(format!(
            "no facility with id {id:?} in the lesson's scenario"
        )),
        _ => None,
    }
}

/// The scenario's problems, under the lesson's `scenario` key. The line
/// and column of a re-serialised scenario are not the file's: dropped.
fn under_scenario(problems: Vec<Problem>) -> Vec<Problem> {
    problems
        .into_iter()
        .map(|mut p| {
            p.path = if p.path.is_empty() {
                "scenario".to_owned()
            } else {
                format!("scenario.{}", p.path)
            };
            (p.line, p.column) = (None, None);
            p
        })
        .collect()
}

/// Run `scenario` to the end of `step`'s goal day with `seed` and measure
/// the figures the step names: how a test, the CLI or a grader checks a
/// student's scenario against a step.
pub fn measure_step(step: &Step, scenario: &Scenario, seed: u64) -> Result<Measures, Vec<Problem>> {
    let network = crate::validate(scenario)?;
    let at = step.goal.judged_at(scenario.days);
    let mut engine = crate::Engine::new(network, seed);
    engine.run_until(at);
    Ok(Measures::take(&engine, &step.figures()))
}
