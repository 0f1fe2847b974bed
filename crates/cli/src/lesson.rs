//! `supply-cli lesson <lesson.json|builtin:ID> [--scenario S.json] [--seed N]`:
//! check a lesson file the way the page opens it, then judge each step's
//! goal on the lesson's own scenario, or on a student's exported scenario
//! (`--scenario`), at the step's goal day. Exit 0 when every goal judged is
//! met, 3 when one is missed, 2 when the lesson or the scenario is invalid.

use crate::{Opts, load, print_problems};
use std::process::ExitCode;
use supply_sim::Scenario;
use supply_sim::lesson::{self, Lesson};

pub fn lesson(o: &Opts) -> Result<(), ExitCode> {
    let path = o.positional.first().ok_or_else(|| {
        eprintln!(
            "usage: supply-cli lesson <lesson.json|builtin:ID> [--scenario S.json] [--seed N]"
        );
        ExitCode::from(1)
    })?;
    let text = match path.strip_prefix("builtin:") {
        Some(id) => supply_sim::builtin::lesson(id)
            .map(str::to_owned)
            .ok_or_else(|| {
                eprintln!("no built-in lesson {id:?}");
                ExitCode::from(1)
            })?,
        None => std::fs::read_to_string(path).map_err(|e| {
            eprintln!("cannot read {path}: {e}");
            ExitCode::from(1)
        })?,
    };
    let (lesson, mut scenario) = Lesson::open(&text).map_err(|p| {
        print_problems(path, &p);
        ExitCode::from(2)
    })?;
    if let Some(s) = &o.scenario {
        let t = load(s).map_err(|e| {
            eprintln!("{e}");
            ExitCode::from(1)
        })?;
        scenario = Scenario::from_json(&t).map_err(|p| {
            print_problems(s, &p);
            ExitCode::from(2)
        })?;
    }
    // The scenario to judge must be runnable within the budget too.
    let source = o.scenario.as_deref().unwrap_or(path);
    if let Ok(net) = supply_sim::validate(&scenario) {
        crate::runnable(o, source, &net)?;
    }
    println!(
        "{}: {} ({} steps)",
        lesson.id,
        lesson.title,
        lesson.steps.len()
    );
    let mut all_met = true;
    for (i, step) in lesson.steps.iter().enumerate() {
        let m = lesson::measure_step(step, &scenario, o.seed).map_err(|p| {
            print_problems(o.scenario.as_deref().unwrap_or(path), &p);
            ExitCode::from(2)
        })?;
        let verdicts = step.goal.judge(&m);
        let met = verdicts.iter().all(|v| *v);
        all_met &= met;
        let day = step.goal.judged_at(scenario.days) / supply_sim::time::DAY;
        println!(
            "step {}: {} — by day {day}: {}",
            i + 1,
            step.title,
            if met { "met" } else { "not met" }
        );
        for (c, ok) in step.goal.all.iter().zip(verdicts) {
            let v = m
                .get(&c.figure())
                .map_or("–".to_owned(), |v| c.kpi.format(v));
            let name = c.facility.as_deref().map(|id| scenario.name_of(id));
            println!(
                "  [{}] {}: {v}",
                if ok { "x" } else { " " },
                c.describe(name.as_deref())
            );
        }
    }
    if all_met {
        Ok(())
    } else {
        Err(ExitCode::from(3))
    }
}
