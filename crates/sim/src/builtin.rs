//! Built-in scenarios, compiled in from `scenarios/`.
//!
//! Only the two small ones are embedded (the web bundle carries them);
//! `bench-large` stays a file the CLI and benchmarks read.

/// A UK fulfillment network (port, FCs, sortation, delivery stations, zones).
pub const UK_NETWORK: &str = include_str!("../../../scenarios/uk-network.json");
/// The classic four-stage beer distribution game.
pub const BEER_GAME: &str = include_str!("../../../scenarios/beer-game.json");

/// (name, JSON) of every embedded scenario.
pub const ALL: [(&str, &str); 2] = [("uk-network", UK_NETWORK), ("beer-game", BEER_GAME)];

/// Look a built-in scenario up by name.
pub fn get(name: &str) -> Option<&'static str> {
    ALL.iter().find(|(n, _)| *n == name).map(|(_, j)| *j)
}
