//! Any text as a scenario file: parsing, validation, warnings and the work
//! estimate never panic, and a scenario that validates has an estimate.
#![no_main]

use libfuzzer_sys::fuzz_target;
use supply_sim::{Scenario, budget, validate, warnings};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(s) = Scenario::from_json(text) else {
        return;
    };
    let _ = warnings(&s);
    if let Ok(net) = validate(&s) {
        let e = budget::estimate(&net, s.days);
        assert!(e.orders.is_finite() && e.orders >= 0.0, "{e:?}");
        let _ = budget::check(&e, &budget::PAGE);
        let _ = budget::limits_reached(&net, s.days);
    }
});
