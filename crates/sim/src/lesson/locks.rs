//! What a lesson step lets the student change.
//!
//! A step's `editable` list names what may change; everything else is
//! locked. An edit is judged by what it changed, not by which button made
//! it: [`changes`] compares the scenario before and after, so a drag, an
//! inspector field, an import or the demand slider are all held to the
//! same list.
//!
//! The entries:
//! - `demand`: demand streams and the demand slider's controls;
//! - `policies`, or `policy:<facility id>`: inventory policies;
//! - `lanes`, or `lanes:<facility id>`: lanes (those leaving that facility);
//! - `facilities`, or `facility:<facility id>`: a facility's fields,
//!   moving it included;
//! - `add_remove`: adding and removing facilities, with the lanes,
//!   policies and demand that come and go with them;
//! - `settings`: everything else (assignment, horizon, scale, products).

use crate::scenario::Scenario;
use serde_json::Value;
use std::collections::BTreeSet;

/// One thing an edit changed.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    Demand,
    Policy(String),
    /// A lane, by the ids of its ends.
    Lane(String, String),
    Facility(String),
    Added(String),
    Removed(String),
    Settings(String),
}

/// Is `entry` a valid `editable` entry? (`Err`: why not.)
pub fn check_entry(entry: &str, facility_ids: &[&str]) -> Result<(), String> {
    let known = |id: &str| {
        if facility_ids.contains(&id) {
            Ok(())
        } else {
            Err(format!(
                "no facility with id {id:?} in the lesson's scenario"
            ))
        }
    };
    match entry.split_once(':') {
        None if [
            "demand",
            "policies",
            "lanes",
            "facilities",
            "add_remove",
            "settings",
        ]
        .contains(&entry) =>
        {
            Ok(())
        }
        Some(("policy" | "lanes" | "facility", id)) => known(id),
        _ => Err(format!(
            "{entry:?} is not one of demand, policies, policy:<id>, lanes, lanes:<id>, \
             facilities, facility:<id>, add_remove, settings"
        )),
    }
}

/// May a step with these entries make this change?
pub fn allows(editable: &[String], change: &Change) -> bool {
    let has = |e: &str| editable.iter().any(|x| x == e);
    match change {
        Change::Demand => has("demand"),
        Change::Policy(f) => has("policies") || has(&format!("policy:{f}")),
        Change::Lane(from, _) => has("lanes") || has(&format!("lanes:{from}")),
        Change::Facility(f) => has("facilities") || has(&format!("facility:{f}")),
        Change::Added(_) | Change::Removed(_) => has("add_remove"),
        Change::Settings(_) => has("settings"),
    }
}

/// The first change an edit made that the step does not allow, if any.
pub fn refused(editable: &[String], before: &Scenario, after: &Scenario) -> Option<Change> {
    changes(before, after)
        .into_iter()
        .find(|c| !allows(editable, c))
}

/// Everything an edit changed, in a fixed order.
pub fn changes(before: &Scenario, after: &Scenario) -> Vec<Change> {
    let (b, a) = (as_value(before), as_value(after));
    let mut out = BTreeSet::new();
    let (b_fac, a_fac) = (
        keyed(&b, "facilities", &["id"]),
        keyed(&a, "facilities", &["id"]),
    );
    let mut gone_or_new = BTreeSet::new();
    for (id, v) in &a_fac {
        match b_fac.iter().find(|(k, _)| k == id) {
            None => {
                out.insert(Change::Added(id.clone()));
                gone_or_new.insert(id.clone());
            }
            Some((_, old)) if old != v => {
                out.insert(Change::Facility(id.clone()));
            }
            _ => {}
        }
    }
    for (id, _) in &b_fac {
        if !a_fac.iter().any(|(k, _)| k == id) {
            out.insert(Change::Removed(id.clone()));
            gone_or_new.insert(id.clone());
        }
    }
    let touched = |key: &str| key.split('\u{1f}').any(|id| gone_or_new.contains(id));
    for key in differing(&b, &a, "lanes", &["from", "to"]) {
        if !touched(&key) {
            let (from, to) = key.split_once('\u{1f}').unwrap_or((&key, ""));
            out.insert(Change::Lane(from.to_owned(), to.to_owned()));
        }
    }
    for key in differing(&b, &a, "policies", &["facility"]) {
        if !touched(&key) {
            out.insert(Change::Policy(key));
        }
    }
    let demand = differing(&b, &a, "demand", &["zone"]);
    if demand.iter().any(|k| !touched(k)) || b.get("controls") != a.get("controls") {
        out.insert(Change::Demand);
    }
    settings(&b, &a, &mut out);
    out.into_iter().collect()
}

/// The scenario's top-level fields other than the lists above.
fn settings(b: &Value, a: &Value, out: &mut BTreeSet<Change>) {
    const LISTS: [&str; 5] = ["facilities", "lanes", "policies", "demand", "controls"];
    let (Some(b), Some(a)) = (b.as_object(), a.as_object()) else {
        return;
    };
    let keys: BTreeSet<&String> = b.keys().chain(a.keys()).collect();
    for k in keys {
        if !LISTS.contains(&k.as_str()) && b.get(k) != a.get(k) {
            out.insert(Change::Settings(k.clone()));
        }
    }
}

fn as_value(s: &Scenario) -> Value {
    serde_json::to_value(s).unwrap_or(Value::Null)
}

/// A list's entries keyed by the named fields (joined by a unit separator)
/// and their place among entries with the same key.
fn keyed(doc: &Value, list: &str, fields: &[&str]) -> Vec<(String, Value)> {
    let items = doc.get(list).and_then(Value::as_array);
    let mut seen: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for item in items.into_iter().flatten() {
        let key: Vec<&str> = fields
            .iter()
            .map(|f| item.get(*f).and_then(Value::as_str).unwrap_or(""))
            .collect();
        let key = key.join("\u{1f}");
        let nth = seen.iter().filter(|k| **k == key).count();
        seen.push(key.clone());
        out.push((
            if nth == 0 {
                key
            } else {
                format!("{key}\u{1f}#{nth}")
            },
            item.clone(),
        ));
    }
    out
}

/// Keys of a list's entries that were added, removed or changed (without
/// the `#n` of repeated keys).
fn differing(b: &Value, a: &Value, list: &str, fields: &[&str]) -> BTreeSet<String> {
    let (bk, ak) = (keyed(b, list, fields), keyed(a, list, fields));
    let find =
        |v: &[(String, Value)], k: &str| v.iter().find(|(x, _)| x == k).map(|(_, v)| v.clone());
    let keys: BTreeSet<&String> = bk.iter().chain(ak.iter()).map(|(k, _)| k).collect();
    keys.into_iter()
        .filter(|k| find(&bk, k) != find(&ak, k))
        .map(|k| match k.split_once("\u{1f}#") {
            Some((base, _)) => base.to_owned(),
            None => k.clone(),
        })
        .collect()
}

/// The refusal in words: "This step lets you change inventory policies;
/// moving or editing Leeds FC is locked."
pub fn describe(change: &Change, name_of: impl Fn(&str) -> String) -> String {
    let what = match change {
        Change::Demand => "demand".to_owned(),
        Change::Policy(f) => format!("the inventory policy at {}", name_of(f)),
        Change::Lane(a, b) => format!("the lane {} → {}", name_of(a), name_of(b)),
        Change::Facility(f) => format!("{} (moving or editing it)", name_of(f)),
        Change::Added(f) => format!("adding {}", name_of(f)),
        Change::Removed(f) => format!("removing {}", name_of(f)),
        Change::Settings(k) => format!("the scenario's {}", k.replace('_', " ")),
    };
    format!("This lesson step locks {what}.")
}

/// "It lets you change inventory policies and demand." (or "It locks
/// everything.").
pub fn editable_words(editable: &[String], name_of: impl Fn(&str) -> String) -> String {
    let words: Vec<String> = editable
        .iter()
        .map(|e| match e.split_once(':') {
            Some(("policy", id)) => format!("the inventory policy at {}", name_of(id)),
            Some(("lanes", id)) => format!("the lanes from {}", name_of(id)),
            Some((_, id)) => name_of(id),
            None => match e.as_str() {
                "policies" => "inventory policies".to_owned(),
                "add_remove" => "adding and removing facilities".to_owned(),
                "settings" => "the scenario's settings".to_owned(),
                other => other.to_owned(),
            },
        })
        .collect();
    match words.as_slice() {
        [] => "It locks everything.".to_owned(),
        [one] => format!("It lets you change {one}."),
        [init @ .., last] => format!("It lets you change {} and {last}.", init.join(", ")),
    }
}
