//! Any text as a lesson file: opening it (parse, resolve and validate its
//! scenario, check its steps) never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use supply_sim::lesson::Lesson;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = Lesson::open(text);
    }
});
