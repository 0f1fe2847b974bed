//! The experiment worker: runs an experiment's runs off the page's main
//! thread (`supply_sim::experiment::job`). The page prepares a spec in
//! each worker it starts, then sends one run at a time; each answer is a
//! run's result as JSON. Shared by the worker binary
//! (`src/bin/experiment_worker.rs`) and the page (which spawns it).

use gloo_worker::{HandlerId, Worker, WorkerScope};
use supply_sim::experiment::job::{Reply, Request, Runner};

pub struct ExperimentWorker {
    runner: Runner,
}

impl Worker for ExperimentWorker {
    type Message = ();
    type Input = String;
    type Output = String;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        ExperimentWorker {
            runner: Runner::default(),
        }
    }

    fn update(&mut self, _scope: &WorkerScope<Self>, _msg: ()) {}

    fn received(&mut self, scope: &WorkerScope<Self>, msg: String, id: HandlerId) {
        let reply = match serde_json::from_str::<Request>(&msg) {
            Ok(req) => self.runner.handle(req),
            Err(e) => Reply::Failed {
                message: format!("the experiment request could not be read: {e}"),
            },
        };
        let text = serde_json::to_string(&reply).unwrap_or_else(|e| {
            serde_json::json!({"reply": "failed", "message": format!("the reply could not be written: {e}")})
                .to_string()
        });
        scope.respond(id, text);
    }
}
