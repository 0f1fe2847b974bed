//! Human labels for the sim's values, and the keys of the select options
//! that offer them. A key is the sim's own serde name for the value (what a
//! scenario file says), read from serde rather than written again here, and
//! a key is read back by matching it against the options themselves.

use serde::Serialize;
use serde_json::Value;
use supply_sim::emissions::Mode;
use supply_sim::scenario::{
    AssignRule, Automation, ChannelPriority, FacilityKind, ForecastFrom, ForecastSpec, Promise,
};

/// Automation levels, in the order the inspector lists them.
pub const AUTOMATIONS: [Automation; 3] = [
    Automation::Manual,
    Automation::Mechanised,
    Automation::Robotic,
];

/// FC choice rules, in the order the fulfilment panel lists them.
pub const ASSIGN_RULES: [AssignRule; 2] =
    [AssignRule::NearestWithStock, AssignRule::FastestWithStock];

pub fn assign_label(rule: AssignRule) -> &'static str {
    match rule {
        AssignRule::NearestWithStock => "Nearest FC first",
        AssignRule::FastestWithStock => "Fastest route first",
    }
}

/// Channel priority rules, in the order the channels box lists them.
pub const CHANNEL_PRIORITIES: [ChannelPriority; 3] = [
    ChannelPriority::FirstCome,
    ChannelPriority::SiteFirst,
    ChannelPriority::MultichannelFirst,
];

pub fn channel_priority_label(p: ChannelPriority) -> &'static str {
    match p {
        ChannelPriority::FirstCome => "First come",
        ChannelPriority::SiteFirst => "Our site first",
        ChannelPriority::MultichannelFirst => "Multi-channel first",
    }
}

/// Delivery promises, in the order the inspector lists them.
pub const PROMISES: [Promise; 3] = [Promise::SameDay, Promise::NextDay, Promise::TwoDay];

/// The serde name of a value: a unit variant's name (`"same_day"`), or the
/// `"type"` tag of an internally tagged variant (`"s_S"`); empty for
/// anything else.
pub fn key<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(Value::String(name)) => name,
        Ok(Value::Object(fields)) => fields
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned(),
        _ => String::new(),
    }
}

/// The option whose [`key`] is `k`.
pub fn parse<T: Serialize + Copy>(options: &[T], k: &str) -> Option<T> {
    options.iter().copied().find(|o| key(o) == k)
}

pub fn kind_label(kind: FacilityKind) -> &'static str {
    match kind {
        FacilityKind::Supplier => "Supplier",
        FacilityKind::Port => "Port",
        FacilityKind::FulfillmentCenter => "Fulfillment center",
        FacilityKind::SortationCenter => "Sortation center",
        FacilityKind::DeliveryStation => "Delivery station",
        FacilityKind::CustomerZone => "Customer zone",
    }
}

pub fn mode_label(mode: Mode) -> &'static str {
    mode.label()
}

/// An automation level with its pick-rate factor.
pub fn automation_label(a: Automation) -> &'static str {
    match a {
        Automation::Manual => "Manual (×1 pick rate)",
        Automation::Mechanised => "Mechanised (×1.6)",
        Automation::Robotic => "Robotic (×2.5)",
    }
}

pub fn promise_label(p: Promise) -> &'static str {
    match p {
        Promise::SameDay => "Same day",
        Promise::NextDay => "Next day",
        Promise::TwoDay => "Two day",
    }
}

/// What a policy's orders are based on.
pub fn forecast_label(forecast: Option<ForecastSpec>) -> String {
    match forecast {
        Some(ForecastSpec::MovingAverage { periods }) => {
            format!("moving average over {periods} periods")
        }
        Some(ForecastSpec::ExpSmoothing { alpha }) => format!("exponential smoothing, α = {alpha}"),
        Some(f) => f.title().to_lowercase(),
        None => "expected demand".into(),
    }
}

/// What a stocking point's forecast learns from, as the inspector offers it.
pub fn forecast_from_label(from: ForecastFrom) -> &'static str {
    match from {
        ForecastFrom::Orders => "Orders it receives",
        ForecastFrom::EndCustomers => "End-customer demand (shared)",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::DeserializeOwned;
    use std::collections::HashSet;
    use supply_sim::scenario::Rule;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    /// Every option's key is distinct and parses back to that option, and
    /// serde reads the value the key came from back as the same option.
    fn round_trips<T>(options: &[T])
    where
        T: Serialize + DeserializeOwned + Copy + PartialEq + std::fmt::Debug,
    {
        let keys: HashSet<String> = options.iter().map(key).collect();
        assert_eq!(keys.len(), options.len(), "{options:?}");
        for o in options {
            let k = key(o);
            assert!(!k.is_empty(), "{o:?}");
            assert_eq!(parse(options, &k), Some(*o));
            let json = serde_json::to_value(o).unwrap();
            let named = json.get("type").unwrap_or(&json);
            assert_eq!(named, &Value::String(k));
            assert_eq!(serde_json::from_value::<T>(json).unwrap(), *o);
        }
    }

    #[test]
    fn every_select_key_round_trips_to_its_variant() {
        round_trips(&AUTOMATIONS);
        round_trips(&PROMISES);
        round_trips(&Rule::starters());
        round_trips(&Mode::ALL);
        assert_eq!(parse(&PROMISES, "no_such_promise"), None);
    }

    #[test]
    fn keys_are_the_names_scenario_files_use() {
        assert_eq!(key(&Automation::Robotic), "robotic");
        assert_eq!(key(&Promise::SameDay), "same_day");
        assert_eq!(key(&Rule::SS { s: 1.0, big_s: 2.0 }), "s_S");
        assert_eq!(key(&Rule::RQ { r: 1.0, q: 2.0 }), "r_q");
        for m in Mode::ALL {
            assert_eq!(key(&m), m.name());
        }
    }
}
