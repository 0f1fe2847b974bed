//! Work survives a reload: the edited scenario is kept in localStorage.
//! Nothing leaves the machine.

use crate::sandbox::Sandbox;
use supply_sim::Scenario;

const KEY: &str = "supply-sandbox/scenario/v1";
const NAME_KEY: &str = "supply-sandbox/name/v1";
/// The lesson being played, as its file (so an imported lesson survives a
/// reload too); absent when no lesson is open.
const LESSON_KEY: &str = "supply-sandbox/lesson/v1";
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

/// Keep the sandbox's scenario and name for the next visit.
pub fn save(sb: &Sandbox) {
    let Some(st) = storage() else { return };
    let _ = st.set_item(&key(KEY), &sb.scenario.to_json_pretty());
    let _ = st.set_item(&key(NAME_KEY), &sb.name);
    let _ = match sb
        .lesson
        .as_ref()
        .and_then(|l| serde_json::to_string(&l.lesson).ok())
    {
        Some(json) => st.set_item(&key(LESSON_KEY), &json),
        None => st.remove_item(&key(LESSON_KEY)),
    };
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
    Some(match Scenario::from_json(&json) {
        Ok(scenario) => Ok(
            match lesson.and_then(|l| supply_sim::lesson::Lesson::open(&l).ok()) {
                Some((lesson, start)) => Sandbox::resumed(
                    crate::lesson_run::LessonRun::new(lesson),
                    start,
                    scenario,
                    supply_sim::defaults::SEED,
                ),
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
