//! Supply Sandbox planning maths: inventory optimisation for the networks the
//! simulator runs.
//!
//! - [`normal`]: the standard normal density, distribution, inverse and loss function.
//! - [`newsvendor`]: the single-period newsvendor level under normal demand.
//! - [`serial`]: exact optimal echelon base-stock levels for a serial system
//!   under the stochastic-service model (Clark & Scarf 1960, in the
//!   formulation of Chen & Zheng 1994, as presented by Snyder & Shen 2019 §6.2).
//! - [`guaranteed`]: optimal committed service times and safety stocks for a
//!   tree network under the guaranteed-service model (Graves & Willems 2000).
//!
//! Like `supply-sim`, this crate has no IO, no clock, no randomness and no
//! globals, and all transcendental maths goes through `libm`, so a plan is
//! bit-identical natively and in wasm32. Bad input never panics: every public
//! function validates and returns a [`PlanError`] naming the offending field.
//!
//! References:
//! - A. J. Clark and H. Scarf. Optimal policies for a multi-echelon inventory
//!   problem. *Management Science* 6(4):475–490, 1960.
//! - F. Chen and Y.-S. Zheng. Lower bounds for multi-echelon stochastic
//!   inventory systems. *Management Science* 40(11):1426–1443, 1994.
//! - S. C. Graves and S. P. Willems. Optimizing strategic safety stock
//!   placement in supply chains. *Manufacturing & Service Operations
//!   Management* 2(1):68–83, 2000.
//! - L. V. Snyder and Z.-J. M. Shen. *Fundamentals of Supply Chain Theory*,
//!   2nd ed. Wiley, 2019.

pub mod guaranteed;
pub mod newsvendor;
pub mod normal;
pub mod serial;

mod check;

pub use guaranteed::{
    GsmDemand, GsmNetwork, GsmPlan, GsmStage, GsmStagePlan, MAX_GSM_TABLE_CELLS,
    optimize_guaranteed_service,
};
pub use newsvendor::{Newsvendor, newsvendor_normal};
pub use serial::{
    MAX_SERIAL_GRID_POINTS, MAX_SERIAL_GRID_TERMS, SerialPlan, SerialSystem, optimize_serial,
};

use std::fmt;

/// Why a plan could not be made. Each message names the input as a person
/// knows it ("stage 2's lead time …") and says what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanError {
    /// An input is missing, out of range or inconsistent.
    Invalid(String),
    /// The problem needs more computation than the crate's budget allows; the
    /// message quotes the figure and the limit.
    TooLarge(String),
    /// The inputs are valid but the optimum lies outside the range searched
    /// (cost ratios so extreme that the level is effectively unbounded).
    Unsolvable(String),
}

impl PlanError {
    /// The message alone, without the kind.
    pub fn message(&self) -> &str {
        match self {
            PlanError::Invalid(m) | PlanError::TooLarge(m) | PlanError::Unsolvable(m) => m,
        }
    }
}

impl fmt::Display for PlanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for PlanError {}
