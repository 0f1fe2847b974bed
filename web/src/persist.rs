//! Work survives a reload: the edited scenario is kept in localStorage.
//! Nothing leaves the machine.

use crate::sandbox::Sandbox;
use supply_sim::Scenario;

const KEY: &str = "supply-sandbox/scenario/v1";
const NAME_KEY: &str = "supply-sandbox/name/v1";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Keep the sandbox's scenario and name for the next visit.
pub fn save(sb: &Sandbox) {
    let Some(st) = storage() else { return };
    let _ = st.set_item(KEY, &sb.scenario.to_json_pretty());
    let _ = st.set_item(NAME_KEY, &sb.name);
}

/// The saved sandbox, if there is one. A saved scenario with problems is
/// restored (the person sees the problems and keeps the work); one that no
/// longer parses is an `Err` saying why, so the page can tell the person.
pub fn load() -> Option<Result<Sandbox, String>> {
    let st = storage()?;
    let json = st.get_item(KEY).ok()??;
    let name = st
        .get_item(NAME_KEY)
        .ok()?
        .unwrap_or_else(|| "saved".into());
    Some(match Scenario::from_json(&json) {
        Ok(scenario) => Ok(Sandbox::new(&name, scenario)),
        Err(problems) => Err(problems.first().map(|p| p.to_string()).unwrap_or_default()),
    })
}

pub fn forget() {
    if let Some(st) = storage() {
        let _ = st.remove_item(KEY);
        let _ = st.remove_item(NAME_KEY);
    }
}
