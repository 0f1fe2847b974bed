//! Work survives a reload: the edited scenario is kept in localStorage,
//! with the lesson being played and the student's progress in it. A save
//! that fails (no storage in a private window, a full quota) is reported.
//! Nothing leaves the machine.

use crate::lesson_run::Progress;
use crate::panels::stock_plan::Planned;
use crate::sandbox::Sandbox;
use supply_sim::Scenario;

const KEY: &str = "supply-sandbox/scenario/v1";
const NAME_KEY: &str = "supply-sandbox/name/v1";
/// The lesson being played, as its file (so an imported lesson survives a
/// reload too); absent when no lesson is open.
const LESSON_KEY: &str = "supply-sandbox/lesson/v1";
/// The student's progress in that lesson: step, steps passed, hints shown.
const PROGRESS_KEY: &str = "supply-sandbox/lesson-progress/v1";
/// The last Optimise stock plan, with its check and the scenario it was
/// made from.
const PLAN_KEY: &str = "supply-sandbox/stock-plan/v1";
const EXPERIMENT_KEY: &str = "supply-sandbox/experiment/v1";
/// Prefix of the edited scenarios left behind by a switch, one per name.
const EDITS_KEY: &str = "supply-sandbox/edits/v1/";

/// A storage key: an embedded page keeps its work apart from the full
/// sandbox's, so a course page neither reads nor overwrites it.
fn key(base: &str) -> String {
    if crate::app::embedded() {
        format!("embedded/{base}")
    } else {
        base.to_owned()
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Why work could not be kept, as the status line says it.
const NO_STORAGE: &str = "Your work cannot be kept in this browser: its storage is off (a private window, or site data blocked). Export the scenario to keep it";

/// Keep the sandbox's scenario and name for the next visit, with the
/// lesson being played and the student's progress in it. `Err` says why
/// the work could not be kept (no storage, or the storage is full), so
/// the page can tell the person rather than lose it in silence.
pub fn save(sb: &Sandbox) -> Result<(), String> {
    let st = storage().ok_or(NO_STORAGE)?;
    let scenario = sb.scenario.to_json_pretty();
    let full = |_| {
        format!(
            "Your work could not be saved: this browser's storage for the page is full (the scenario is {} KB). Export the scenario to keep it",
            scenario.len() / 1024
        )
    };
    st.set_item(&key(KEY), &scenario).map_err(full)?;
    st.set_item(&key(NAME_KEY), &sb.name).map_err(full)?;
    match &sb.lesson {
        Some(l) => {
            let lesson = serde_json::to_string(&l.lesson).unwrap_or_default();
            let progress = serde_json::to_string(&l.progress()).unwrap_or_default();
            st.set_item(&key(LESSON_KEY), &lesson).map_err(full)?;
            st.set_item(&key(PROGRESS_KEY), &progress).map_err(full)?;
        }
        None => {
            let _ = st.remove_item(&key(LESSON_KEY));
            let _ = st.remove_item(&key(PROGRESS_KEY));
        }
    }
    Ok(())
}

/// The saved sandbox, if there is one. A saved scenario with problems is
/// restored (the person sees the problems and keeps the work); one that no
/// longer parses is an `Err` saying why, so the page can tell the person.
pub fn load() -> Option<Result<Sandbox, String>> {
    let st = storage()?;
    let json = st.get_item(&key(KEY)).ok()??;
    let name = st
        .get_item(&key(NAME_KEY))
        .ok()?
        .unwrap_or_else(|| "saved".into());
    let lesson = st.get_item(&key(LESSON_KEY)).ok().flatten();
    let progress: Option<Progress> = st
        .get_item(&key(PROGRESS_KEY))
        .ok()
        .flatten()
        .and_then(|p| serde_json::from_str(&p).ok());
    Some(match Scenario::from_json(&json) {
        Ok(scenario) => Ok(
            match lesson.and_then(|l| supply_sim::lesson::Lesson::open(&l).ok()) {
                Some((lesson, start)) => {
                    let mut run = crate::lesson_run::LessonRun::new(lesson);
                    if let Some(p) = &progress {
                        run.resume(p);
                    }
                    Sandbox::resumed(run, start, scenario, supply_sim::defaults::SEED)
                }
                None => Sandbox::restored(&name, scenario, supply_sim::defaults::SEED),
            },
        ),
        Err(problems) => Err(problems.first().map(|p| p.to_string()).unwrap_or_default()),
    })
}

/// Keep a sandbox's edits under its name when the person switches away from
/// it, so coming back (even after a reload) finds them; an unedited sandbox
/// clears what was kept.
pub fn keep_edits(sb: &Sandbox) {
    let Some(st) = storage() else { return };
    let slot = format!("{}{}", key(EDITS_KEY), sb.name);
    let _ = if sb.edited() {
        st.set_item(&slot, &sb.scenario.to_json_pretty())
    } else {
        st.remove_item(&slot)
    };
}

/// The edits kept for the scenario called `name`, if any still parse.
pub fn kept_edits(name: &str) -> Option<Scenario> {
    let json = storage()?
        .get_item(&format!("{}{name}", key(EDITS_KEY)))
        .ok()??;
    Scenario::from_json(&json).ok()
}

/// Keep the last stock plan with the work.
pub fn save_plan(p: &Planned) -> Result<(), String> {
    let st = storage().ok_or(NO_STORAGE)?;
    let json = serde_json::to_string(p).unwrap_or_default();
    st.set_item(&key(PLAN_KEY), &json).map_err(|_| {
        format!(
            "The stock plan could not be kept: this browser's storage for the page is full ({} KB)",
            json.len() / 1024
        )
    })
}

/// The stock plan kept with the work, if one still reads.
pub fn load_plan() -> Option<Planned> {
    let json = storage()?.get_item(&key(PLAN_KEY)).ok()??;
    serde_json::from_str(&json).ok()
}

/// Keep the last experiment's spec and result with the work.
pub fn save_experiment(k: &crate::panels::experiments::Kept) -> Result<(), String> {
    let st = storage().ok_or(NO_STORAGE)?;
    let json = serde_json::to_string(k).unwrap_or_default();
    st.set_item(&key(EXPERIMENT_KEY), &json).map_err(|_| {
        format!(
            "The experiment could not be kept: this browser's storage for the page is full ({} KB); export it",
            json.len() / 1024
        )
    })
}

/// The experiment kept with the work, if one still reads.
pub fn load_experiment() -> Option<crate::panels::experiments::Kept> {
    let json = storage()?.get_item(&key(EXPERIMENT_KEY)).ok()??;
    serde_json::from_str(&json).ok()
}
