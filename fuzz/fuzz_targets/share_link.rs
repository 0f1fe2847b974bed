//! Any text as a link's fragment: the page's share-link decoder never
//! panics, never inflates past its limit, and what it opens encodes back to
//! a link that opens the same.
#![no_main]

#[allow(dead_code)]
#[path = "../../web/src/share.rs"]
mod share;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // As typed, and as a share link's body.
    for fragment in [text.to_owned(), format!("{}{text}", share::PREFIX)] {
        if let Ok(opened) = share::decode(&fragment) {
            let again = share::encode(&opened.name, opened.seed, &opened.scenario);
            let back = share::decode(&again).expect("a link we made opens");
            assert_eq!(back.scenario, opened.scenario);
        }
    }
});
