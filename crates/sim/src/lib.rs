//! Supply Sandbox simulation core.
//!
//! A deterministic discrete-event model of a fulfillment network: customer
//! orders flow from fulfillment centers (FCs) through sortation centers and
//! delivery stations to customer zones, while FCs replenish from suppliers,
//! ports and other FCs under inventory policies.
//!
//! Data flows one way:
//! [`scenario::Scenario`] (serde JSON) → [`validate::validate`] →
//! [`network::Network`] → [`engine::Engine`] → [`view::report::Report`] /
//! [`view::frame::Frame`] / [`view::Kpis`].
//!
//! Invariants: no clock, no IO, no global state. Same scenario and seed give a
//! bit-identical report natively and in wasm, so all transcendental maths goes
//! through `libm`, randomness through [`rng`], and ties in the event queue
//! break by insertion order. Units are conserved (see [`engine`]).

pub mod beer;
pub mod borders;
pub mod budget;
pub mod builtin;
pub mod channels;
pub mod competition;
pub mod controls;
pub mod defaults;
pub mod demand;
pub mod design;
pub mod disruption;
pub mod emissions;
pub mod engine;
pub mod experiment;
pub mod forecast;
pub mod geo;
pub mod lesson;
pub mod network;
pub mod ocean;
pub mod optimise;
pub mod packaging;
pub mod policy;
pub mod problem;
pub mod regulation;
pub mod rng;
pub mod rounds;
pub mod sample;
pub mod scenario;
pub mod time;
pub mod validate;
pub mod view;

pub use engine::Engine;
pub use network::Network;
pub use problem::{Problem, Subject};
pub use scenario::Scenario;
pub use time::SimTime;
pub use validate::{validate, warnings};
pub use view::report::Report;
pub use view::{Kpis, frame::Frame};

/// Parse, validate and run a scenario for `days` days: the one-call path the
/// CLI and tests use.
pub fn run_json(json: &str, days: Option<u32>, seed: u64) -> Result<Report, Vec<Problem>> {
    let scenario = Scenario::from_json(json)?;
    let network = validate(&scenario)?;
    let days = days.unwrap_or(network.horizon.default_days);
    let mut engine = Engine::new(network, seed);
    engine.run_until(days as SimTime * time::DAY);
    Ok(engine.report())
}
