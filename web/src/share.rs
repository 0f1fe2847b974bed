//! Share links: the whole scenario (with its recorded controls), its name
//! and the seed, in the URL fragment, so opening the link replays exactly
//! the run that was shared. The fragment never reaches a server.
//!
//! Format (version 1): `#share=1.` followed by base64url (no padding) of
//! the raw-deflate-compressed JSON `{"name": …, "seed": …, "scenario": …}`.
//! Plain std Rust apart from the crates, so it is tested natively and in
//! wasm alike.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};
use supply_sim::Scenario;

/// The fragment key and the format version this build writes and reads.
pub const PREFIX: &str = "share=";
pub const VERSION: u32 = 1;

/// Deflate level: the best compression; a link is made once and read once.
const LEVEL: u8 = 9;

/// The most a link may inflate to, bytes: ten times the UK network's
/// scenario, so a hostile link cannot exhaust memory.
pub const MAX_INFLATED: usize = 2_000_000;

/// The longest fragment read, characters: browsers keep URLs of a few
/// megabytes, and a real scenario needs a few thousand.
pub const MAX_FRAGMENT: usize = 1_000_000;

#[derive(Serialize, Deserialize)]
struct Shared {
    name: String,
    seed: u64,
    scenario: serde_json::Value,
}

/// What a link opens: the sandbox's name, its seed and its scenario.
#[derive(Debug)]
pub struct Opened {
    pub name: String,
    pub seed: u64,
    pub scenario: Scenario,
}

/// The fragment (without `#`) that opens this scenario, name and seed.
pub fn encode(name: &str, seed: u64, scenario: &Scenario) -> String {
    let shared = Shared {
        name: name.to_owned(),
        seed,
        scenario: serde_json::to_value(scenario).unwrap_or_default(),
    };
    let json = serde_json::to_vec(&shared).unwrap_or_default();
    let packed = miniz_oxide::deflate::compress_to_vec(&json, LEVEL);
    format!("{PREFIX}{VERSION}.{}", URL_SAFE_NO_PAD.encode(packed))
}

/// Is this fragment (without `#`) a share link at all?
pub fn is_share(fragment: &str) -> bool {
    fragment.starts_with(PREFIX)
}

/// Read a share link's fragment (without `#`), or say in words why not.
pub fn decode(fragment: &str) -> Result<Opened, String> {
    let body = fragment
        .strip_prefix(PREFIX)
        .ok_or("This is not a share link")?;
    if body.len() > MAX_FRAGMENT {
        return Err(format!(
            "This share link is {} characters long, more than the {MAX_FRAGMENT} a link may be",
            body.len()
        ));
    }
    let (version, data) = body
        .split_once('.')
        .ok_or("This share link is cut short: it has no version")?;
    match version.parse::<u32>() {
        Ok(VERSION) => {}
        Ok(v) if v > VERSION => {
            return Err(format!(
                "This share link was made by a newer Supply Sandbox (format {v}; this one reads {VERSION})"
            ));
        }
        _ => {
            return Err(format!(
                "This share link has an unknown format ({version:?})"
            ));
        }
    }
    let packed = URL_SAFE_NO_PAD
        .decode(data)
        .map_err(|_| "This share link is damaged: it is not valid base64url".to_owned())?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_INFLATED)
        .map_err(|_| "This share link is damaged or too large to open".to_owned())?;
    let shared: Shared =
        serde_json::from_slice(&json).map_err(|e| format!("This share link is damaged: {e}"))?;
    let scenario = Scenario::from_json(&shared.scenario.to_string()).map_err(|p| {
        let first = p.first().map(|p| p.describe()).unwrap_or_default();
        format!("This share link's scenario cannot be read: {first}")
    })?;
    Ok(Opened {
        name: shared.name,
        seed: shared.seed,
        scenario,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn uk() -> Scenario {
        Scenario::from_json(supply_sim::builtin::get("uk-network").unwrap()).unwrap()
    }

    #[test]
    fn a_link_round_trips_the_scenario_name_and_seed_and_is_short() {
        let mut s = uk();
        supply_sim::controls::set_demand_from(&mut s.controls, 36 * 3600, 2.5);
        let link = encode("my network", 99, &s);
        assert!(is_share(&link));
        // About 5,000 characters for the whole UK network: fits any URL.
        assert!(link.len() < 8_000, "{} characters", link.len());
        let back = decode(&link).unwrap();
        assert_eq!((back.name.as_str(), back.seed), ("my network", 99));
        assert_eq!(back.scenario, s);
    }

    #[test]
    fn broken_newer_and_hostile_links_say_why_and_never_panic() {
        let link = encode("x", 1, &uk());
        let cut = &link[..link.len() / 2];
        assert!(decode(cut).unwrap_err().contains("damaged"));
        assert!(decode("share=").unwrap_err().contains("no version"));
        assert!(
            decode("share=2.abc")
                .unwrap_err()
                .contains("newer Supply Sandbox")
        );
        assert!(
            decode("share=x.abc")
                .unwrap_err()
                .contains("unknown format")
        );
        assert!(decode("share=1.@@@").unwrap_err().contains("base64url"));
        assert!(decode("scenario=uk").is_err());
        // A deflate bomb: 5 MB of spaces is refused, not inflated.
        let bomb = miniz_oxide::deflate::compress_to_vec(&vec![b' '; 5_000_000], 9);
        let bomb = format!("{PREFIX}1.{}", URL_SAFE_NO_PAD.encode(bomb));
        assert!(decode(&bomb).unwrap_err().contains("too large"));
        // Every prefix of a real link is an error or the scenario, never a panic.
        for n in (0..link.len()).step_by(97) {
            let _ = decode(&link[..n]);
        }
    }
}
