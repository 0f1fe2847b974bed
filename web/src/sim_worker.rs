//! The sim worker: the page's heavy work off its main thread, so the map
//! keeps animating. One binary serves both jobs (one build, one download):
//! Optimise stock (`supply_sim::optimise::job`: progress as it goes, then
//! the plan and its check) and experiments (`supply_sim::experiment::job`:
//! prepare a spec, then one run at a time) and network design
//! (`supply_sim::design::job`). The page spawns a worker per
//! use through Trunk's loader script; requests and replies are JSON.
//! Shared by the worker binary (`src/bin/sim_worker.rs`, which registers
//! it) and the page.

use gloo_worker::{HandlerId, Worker, WorkerScope};
use serde::{Deserialize, Serialize};
use supply_sim::experiment::job::{self as experiment, Runner};
use supply_sim::optimise::job::{self as plan, PlanReply, PlanRequest};

/// The script Trunk writes for the worker binary (workers are not hashed).
pub const LOADER: &str = "./sim-worker_loader.js";

/// A job for the worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "job", content = "request", rename_all = "snake_case")]
pub enum Job {
    Plan(Box<PlanRequest>),
    Experiment(Box<experiment::Request>),
    Design(Box<supply_sim::design::Request>),
}

impl Job {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

pub struct SimWorker {
    /// The experiment this worker prepared.
    runner: Runner,
}

impl Worker for SimWorker {
    type Message = ();
    type Input = String;
    type Output = String;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        SimWorker {
            runner: Runner::default(),
        }
    }

    fn update(&mut self, _scope: &WorkerScope<Self>, _msg: ()) {}

    fn received(&mut self, scope: &WorkerScope<Self>, msg: String, id: HandlerId) {
        match serde_json::from_str::<Job>(&msg) {
            Ok(Job::Plan(req)) => {
                let last = plan::run(&req, &mut |r| scope.respond(id, to_json(&r)));
                scope.respond(id, to_json(&last));
            }
            Ok(Job::Experiment(req)) => scope.respond(id, to_json(&self.runner.handle(*req))),
            Ok(Job::Design(req)) => scope.respond(id, to_json(&supply_sim::design::job(&req))),
            Err(e) => {
                let message = format!("the worker's job could not be read: {e}");
                scope.respond(id, to_json(&PlanReply::Failed { message }));
            }
        }
    }
}

/// A reply as JSON; a reply that cannot be written says so in the shape
/// both panels read ("failed", with a message).
fn to_json<T: Serialize>(reply: &T) -> String {
    serde_json::to_string(reply).unwrap_or_else(|e| {
        serde_json::json!({"reply": "failed", "message": format!("the reply could not be written: {e}")})
            .to_string()
    })
}
