//! Lane endpoints as facility indices: the scenario names a lane's ends by
//! facility id; the sandbox resolves them once per scenario change so that
//! drawing and hit-testing index straight into the facilities.

use std::collections::HashMap;
use supply_sim::scenario::Scenario;

/// Each lane's (from, to) facility indices, or `None` where an id is unknown.
pub fn resolve(s: &Scenario) -> Vec<Option<(usize, usize)>> {
    let index: HashMap<&str, usize> = s
        .facilities
        .iter()
        .enumerate()
        .map(|(i, f)| (f.id.as_str(), i))
        .collect();
    s.lanes
        .iter()
        .map(|l| Some((*index.get(l.from.as_str())?, *index.get(l.to.as_str())?)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn lane_ends_index_facilities_and_skip_unknown_ids() {
        let mut s = Scenario::from_json(supply_sim::builtin::BEER_GAME).unwrap();
        let ends = resolve(&s);
        assert_eq!(ends.len(), s.lanes.len());
        for (l, e) in s.lanes.iter().zip(&ends) {
            let (a, b) = e.unwrap();
            assert_eq!(s.facilities[a].id, l.from);
            assert_eq!(s.facilities[b].id, l.to);
        }
        s.lanes[0].to = "nowhere".into();
        assert_eq!(resolve(&s)[0], None);
    }
}
