//! Work survives a reload: the edited scenario is kept in localStorage.
//! Nothing leaves the machine.

use crate::sandbox::Sandbox;
use supply_sim::Scenario;

const KEY: &str = "supply-sandbox/scenario/v1";
const NAME_KEY: &str = "supply-sandbox/name/v1";
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
    Some(match Scenario::from_json(&json) {
        Ok(scenario) => Ok(Sandbox::restored(
            &name,
            scenario,
            supply_sim::defaults::SEED,
        )),
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
