//! A game's rules: length, customer demand, who plays, what is shared, costs.

use serde::{Deserialize, Serialize};

use super::players::Player;
use super::{
    BACKLOG_COST, DEFAULT_WEEKS, DEMAND_AFTER, DEMAND_BEFORE, DEMAND_STEP_WEEK, HOLDING_COST,
    MAX_ORDER, MAX_WEEKS, STAGES,
};

/// Customer demand at the retailer, cases per week.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum DemandPattern {
    /// `before` cases a week, then `after` from week `from_week` on.
    Step {
        before: u32,
        after: u32,
        from_week: u32,
    },
    /// One entry per week, week 1 first; at least as many as the game has
    /// weeks.
    List { cases: Vec<u32> },
}

impl Default for DemandPattern {
    /// The board's deck: 4 a week, 8 from week 5 (instructions §5b).
    fn default() -> Self {
        DemandPattern::Step {
            before: DEMAND_BEFORE,
            after: DEMAND_AFTER,
            from_week: DEMAND_STEP_WEEK,
        }
    }
}

impl DemandPattern {
    /// Constant demand, every week.
    pub fn constant(cases: u32) -> DemandPattern {
        DemandPattern::Step {
            before: cases,
            after: cases,
            from_week: 1,
        }
    }

    /// Customer demand in `week` (1-based). A list too short for the week
    /// (which validation rejects) reads as no demand.
    pub fn at(&self, week: u32) -> u32 {
        match self {
            DemandPattern::Step {
                after, from_week, ..
            } if week >= *from_week => *after,
            DemandPattern::Step { before, .. } => *before,
            DemandPattern::List { cases } => {
                let i = usize::try_from(week.saturating_sub(1)).unwrap_or(usize::MAX);
                cases.get(i).copied().unwrap_or(0)
            }
        }
    }

    fn problems(&self, weeks: u32) -> Vec<String> {
        let mut out = Vec::new();
        let too_big = |what: String, v: u32| {
            (v > MAX_ORDER).then(|| {
                format!("demand {what} is {v} cases a week, over the {MAX_ORDER}-case limit")
            })
        };
        match self {
            DemandPattern::Step {
                before,
                after,
                from_week,
            } => {
                out.extend(too_big("before the step".into(), *before));
                out.extend(too_big("after the step".into(), *after));
                if *from_week == 0 {
                    out.push("demand from_week counts from week 1, got 0".into());
                }
            }
            DemandPattern::List { cases } => {
                if cases.len() < weeks as usize {
                    out.push(format!(
                        "demand lists {} weeks but the game has {weeks}",
                        cases.len()
                    ));
                }
                for (i, &v) in cases.iter().enumerate() {
                    out.extend(too_big(format!("in week {}", i + 1), v));
                }
            }
        }
        out
    }
}

/// What the players may see beyond their own position.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Sharing {
    /// Every stage sees this week's end-customer demand, and computer
    /// players forecast from it instead of from their incoming orders (the
    /// bullwhip lever: point-of-sale data shared up the chain).
    pub customer_demand: bool,
    /// Every stage sees every stage's inventory and backlog. Shown to people;
    /// the computer rules do not use it.
    pub inventories: bool,
}

/// Costs per case per week, charged on the inventory or backlog recorded in
/// step 3.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Costs {
    pub holding: f64,
    pub backlog: f64,
}

impl Default for Costs {
    /// The board's costs, 0.50 and 1.00 (instructions §3c).
    fn default() -> Self {
        Costs {
            holding: HOLDING_COST,
            backlog: BACKLOG_COST,
        }
    }
}

/// A game: its length, the customer demand deck, the four players (retailer
/// first), what is shared and the costs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BeerConfig {
    pub weeks: u32,
    pub demand: DemandPattern,
    pub players: [Player; STAGES],
    pub sharing: Sharing,
    pub costs: Costs,
}

impl Default for BeerConfig {
    /// The board game, 36 weeks, with Sterman's heuristic at every stage.
    fn default() -> Self {
        BeerConfig {
            weeks: DEFAULT_WEEKS,
            demand: DemandPattern::default(),
            players: std::array::from_fn(|_| Player::sterman()),
            sharing: Sharing::default(),
            costs: Costs::default(),
        }
    }
}

impl BeerConfig {
    /// The board game with the given players, everything else default.
    pub fn with_players(players: [Player; STAGES]) -> BeerConfig {
        BeerConfig {
            players,
            ..BeerConfig::default()
        }
    }

    /// Every problem with this config, each a sentence naming the field; an
    /// empty list means the game can be played.
    pub fn validate(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.weeks == 0 {
            out.push("weeks must be at least 1".to_string());
        } else if self.weeks > MAX_WEEKS {
            out.push(format!(
                "weeks must be at most {MAX_WEEKS} (ten years of weekly play), got {}",
                self.weeks
            ));
        }
        out.extend(self.demand.problems(self.weeks));
        for (stage, player) in self.players.iter().enumerate() {
            out.extend(player.problems(stage));
        }
        for (name, v) in [
            ("holding", self.costs.holding),
            ("backlog", self.costs.backlog),
        ] {
            if !v.is_finite() || v < 0.0 {
                out.push(format!(
                    "costs {name} must be a finite number of at least 0, got {v}"
                ));
            }
        }
        out
    }

    /// Parses a config from JSON (missing fields take the board's defaults)
    /// and validates it.
    pub fn from_json(json: &str) -> Result<BeerConfig, Vec<String>> {
        let config: BeerConfig =
            serde_json::from_str(json).map_err(|e| vec![format!("not a beer game config: {e}")])?;
        let problems = config.validate();
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(problems)
        }
    }
}
