//! Who places each stage's orders: a person, or one of three computer rules.
//!
//! # Sterman's anchoring-and-adjustment heuristic
//!
//! Sterman (1989) models a subject's order as
//!
//! ```text
//! O_t = max(0, L̂_t + α_S (S' − S_t − β SL_t))
//! L̂_t = θ L_{t−1} + (1 − θ) L̂_{t−1}
//! ```
//!
//! where `L` is the incoming order rate the player sees (its "loss" from
//! stock), `S_t` = inventory − backlog (effective inventory), `SL_t` the
//! supply line (ordered, not yet received: slips in the mail, the supplier's
//! backlog and cases in transit; see [`StageView`]), `α_S` the fraction
//! of the stock gap corrected each week, `β` the weight given to the supply
//! line and `S'` the effective desired stock (the desired stock plus `β`
//! times the desired supply line). Here `L_{t−1}` is the most recent
//! incoming order, the one the player has just read in step 2 of this week:
//! the decision is the last act of the week. The forecast starts at the
//! board's equilibrium order, [`INITIAL_FLOW`] cases a week.
//!
//! The defaults are the mean estimates across Sterman's subjects, θ = 0.36,
//! α_S = 0.26, β = 0.34, S' = 17, as recorded in the MIT Beer Game model of
//! J. Paine ("Sterman 1989 Decision Heuristic Parameters": theta 0.36,
//! alpha_s 0.26, beta 0.34, S_prime 17, with the board's 2-week shipping and
//! 2-week information delays, 12 cases, 0.50 and 1.00 costs) and in other
//! published implementations of the heuristic.
//!
//! Orders are whole cases: the rule's value is rounded to the nearest whole
//! case, halves up (`f64::round`, exact and identical on every target), then
//! capped at [`MAX_ORDER`].
//!
//! [`StageView`]: super::StageView
//! [`INITIAL_FLOW`]: super::INITIAL_FLOW
//! [`MAX_ORDER`]: super::MAX_ORDER

use serde::{Deserialize, Serialize};

use super::{INITIAL_FLOW, MAX_LEVEL, MAX_ORDER, ROLE_NAMES};

/// Sterman's (1989) mean estimate of θ, the weight of the latest incoming
/// order in the demand forecast (exponential smoothing).
pub const STERMAN_THETA: f64 = 0.36;

/// Sterman's (1989) mean estimate of α_S, the fraction of the gap between
/// desired and effective stock ordered each week.
pub const STERMAN_ALPHA_S: f64 = 0.26;

/// Sterman's (1989) mean estimate of β, the weight subjects gave the supply
/// line (1 would account for it fully; subjects gave it about a third).
pub const STERMAN_BETA: f64 = 0.34;

/// Sterman's (1989) mean estimate of S', the effective desired stock, in
/// cases.
pub const STERMAN_S_PRIME: f64 = 17.0;

/// Who places a stage's orders.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Player {
    /// A person: the game waits for [`super::BeerGame::submit`] each week.
    Human,
    /// Sterman's (1989) anchoring-and-adjustment heuristic (module doc).
    Sterman {
        theta: f64,
        alpha_s: f64,
        beta: f64,
        s_prime: f64,
    },
    /// Orders up to `level` cases on the inventory position, inventory −
    /// backlog + supply line: `O = max(0, level − position)`.
    BaseStock { level: i64 },
    /// Orders exactly what it was ordered this week (the retailer: customer
    /// demand).
    PassOn,
}

/// What a computer player sees when it orders (after step 4).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Seen {
    /// The order read this week.
    pub incoming: u32,
    /// What the forecast smooths: the incoming order, or with customer
    /// demand shared, this week's end-customer demand.
    pub signal: u32,
    pub inventory: u32,
    pub backlog: u32,
    pub supply_line: u32,
}

impl Player {
    /// Sterman's heuristic with his mean parameter estimates.
    pub fn sterman() -> Player {
        Player::Sterman {
            theta: STERMAN_THETA,
            alpha_s: STERMAN_ALPHA_S,
            beta: STERMAN_BETA,
            s_prime: STERMAN_S_PRIME,
        }
    }

    pub fn is_human(&self) -> bool {
        matches!(self, Player::Human)
    }

    /// The serde name of the kind of player.
    pub fn kind(&self) -> &'static str {
        match self {
            Player::Human => "human",
            Player::Sterman { .. } => "sterman",
            Player::BaseStock { .. } => "base_stock",
            Player::PassOn => "pass_on",
        }
    }

    /// Every problem with this player's parameters, naming the stage.
    pub(crate) fn problems(&self, stage: usize) -> Vec<String> {
        let at = format!("players[{stage}] ({})", ROLE_NAMES[stage]);
        let mut out = Vec::new();
        match *self {
            Player::Sterman {
                theta,
                alpha_s,
                beta,
                s_prime,
            } => {
                for (name, v) in [("theta", theta), ("alpha_s", alpha_s), ("beta", beta)] {
                    check(&mut out, &at, name, v, 1.0);
                }
                check(&mut out, &at, "s_prime", s_prime, f64::from(MAX_LEVEL));
            }
            Player::BaseStock { level } if !(0..=i64::from(MAX_LEVEL)).contains(&level) => {
                out.push(format!(
                    "{at}: base_stock level must be between 0 and {MAX_LEVEL} cases, got {level}"
                ));
            }
            _ => {}
        }
        out
    }

    /// This week's order, or `None` for a person. `forecast` is the player's
    /// L̂, updated here (Sterman only).
    pub(crate) fn decide(&self, seen: &Seen, forecast: &mut f64) -> Option<u32> {
        let position =
            i64::from(seen.inventory) - i64::from(seen.backlog) + i64::from(seen.supply_line);
        match *self {
            Player::Human => None,
            Player::PassOn => Some(seen.incoming.min(MAX_ORDER)),
            Player::BaseStock { level } => {
                let gap = (level - position).clamp(0, i64::from(MAX_ORDER));
                Some(u32::try_from(gap).unwrap_or(MAX_ORDER))
            }
            Player::Sterman {
                theta,
                alpha_s,
                beta,
                s_prime,
            } => {
                *forecast = theta * f64::from(seen.signal) + (1.0 - theta) * *forecast;
                let stock = f64::from(seen.inventory) - f64::from(seen.backlog);
                let gap = s_prime - stock - beta * f64::from(seen.supply_line);
                Some(whole_cases(*forecast + alpha_s * gap))
            }
        }
    }
}

/// The forecast every player starts with: the board's equilibrium order.
pub(crate) const INITIAL_FORECAST: f64 = INITIAL_FLOW as f64;

/// Rounds a wanted order to whole cases: nearest, halves up; nothing below
/// zero (or for a non-finite value); at most [`MAX_ORDER`].
fn whole_cases(x: f64) -> u32 {
    if !x.is_finite() || x <= 0.0 {
        return 0;
    }
    let rounded = x.round().min(f64::from(MAX_ORDER));
    // In 0..=MAX_ORDER and whole, so the conversion is exact.
    rounded as u32
}

fn check(out: &mut Vec<String>, at: &str, name: &str, v: f64, max: f64) {
    if !v.is_finite() || !(0.0..=max).contains(&v) {
        out.push(format!(
            "{at}: sterman {name} must be a number from 0 to {max}, got {v}"
        ));
    }
}
