//! Optimise stock as one job, for a worker off the page's main thread: the
//! scenario is replayed to the moment whose forecasts the plan uses, the
//! plan made, and the planned scenario run beside it, reporting progress
//! as it goes. Request and reply travel as JSON.

use super::{PlanCheck, StockPlan, check_with, optimise};
use crate::budget;
use crate::engine::Engine;
use crate::scenario::Scenario;
use crate::time::{DAY, SimTime};
use serde::{Deserialize, Serialize};

/// What to plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanRequest {
    pub scenario: Scenario,
    pub seed: u64,
    /// Plan from the forecasts at this sim time (seconds).
    pub at: SimTime,
    /// Days the planned scenario runs for the check.
    pub days: u32,
    /// Cycle service planned for where costs are not stated.
    pub target_service: f64,
}

/// What the job says as it goes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "reply", rename_all = "snake_case")]
pub enum PlanReply {
    /// A share of the work done (0–1) and what is being done.
    Progress {
        done: f64,
        doing: String,
    },
    Done {
        plan: StockPlan,
        check: PlanCheck,
    },
    Failed {
        message: String,
    },
}

/// What the job says while it forecasts and plans (after the replay).
pub const PLANNING: &str = "Forecasting and planning";
/// What it says while the planned scenario runs.
pub const RUNNING: &str = "Running the plan";
/// What it says while it replays the run to now.
pub const REPLAYING: &str = "Replaying the run to now";

/// Progress reports per phase: often enough for a smooth bar.
const STEPS: u64 = 20;
/// Share of the bar the replay takes (the check's run takes the rest).
const REPLAY_SHARE: f64 = 0.5;

/// Run the job, telling `progress` as it goes; the last reply is `Done`
/// or `Failed`.
pub fn run(req: &PlanRequest, progress: &mut dyn FnMut(PlanReply)) -> PlanReply {
    match plan_and_check(req, progress) {
        Ok((plan, check)) => PlanReply::Done { plan, check },
        Err(message) => PlanReply::Failed { message },
    }
}

fn plan_and_check(
    req: &PlanRequest,
    progress: &mut dyn FnMut(PlanReply),
) -> Result<(StockPlan, PlanCheck), String> {
    // The worker runs in the page: the page's budget, for the replay and
    // the check's run alike.
    let days = req.days.max((req.at / DAY) as u32 + 1);
    let (net, _) =
        budget::validate_within(&req.scenario, days, &budget::PAGE).map_err(|p| problems(&p))?;
    let mut engine = Engine::new(net, req.seed);
    let mut say = |done: f64, doing: &str| {
        progress(PlanReply::Progress {
            done,
            doing: doing.to_owned(),
        })
    };
    for k in 1..=STEPS {
        engine.run_until(req.at * k / STEPS);
        say(REPLAY_SHARE * k as f64 / STEPS as f64, REPLAYING);
    }
    say(REPLAY_SHARE, PLANNING);
    let plan = optimise(&engine, req.target_service)?;
    say(REPLAY_SHARE, RUNNING);
    let days = req.days.max(1);
    let check = check_with(&plan, &req.scenario, req.seed, days, &mut |t| {
        let share = t as f64 / (days as SimTime * DAY) as f64;
        say(REPLAY_SHARE + (1.0 - REPLAY_SHARE) * share, RUNNING)
    })
    .map_err(|p| problems(&p))?;
    Ok((plan, check))
}

fn problems(p: &[crate::Problem]) -> String {
    let lines: Vec<String> = p.iter().map(|p| p.to_string()).collect();
    format!("the scenario has problems: {}", lines.join("; "))
}

/// The step `check_with` reports progress at: a twentieth of the run.
pub(super) fn step_of(days: u32) -> SimTime {
    (days as SimTime * DAY / STEPS).max(1)
}
