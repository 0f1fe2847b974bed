//! The plan worker: Optimise stock (`supply_sim::optimise::job`) off the
//! page's main thread, so the map keeps animating. The page sends a
//! `PlanRequest` as JSON; the worker answers with `PlanReply`s as JSON:
//! progress as it goes, then the plan and its check, or what went wrong.
//! Shared by the worker binary (`src/bin/plan_worker.rs`, which registers
//! it) and the page (which spawns it by Trunk's loader script).

use gloo_worker::{HandlerId, Worker, WorkerScope};
use supply_sim::optimise::job::{self, PlanReply, PlanRequest};

pub struct PlanWorker;

impl Worker for PlanWorker {
    type Message = ();
    type Input = String;
    type Output = String;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        PlanWorker
    }

    fn update(&mut self, _scope: &WorkerScope<Self>, _msg: ()) {}

    fn received(&mut self, scope: &WorkerScope<Self>, msg: String, id: HandlerId) {
        let last = match serde_json::from_str::<PlanRequest>(&msg) {
            Ok(req) => job::run(&req, &mut |r| scope.respond(id, to_json(&r))),
            Err(e) => PlanReply::Failed {
                message: format!("the plan request could not be read: {e}"),
            },
        };
        scope.respond(id, to_json(&last));
    }
}

fn to_json(r: &PlanReply) -> String {
    serde_json::to_string(r).unwrap_or_else(|e| {
        serde_json::json!({"reply": "failed", "message": format!("the reply could not be written: {e}")})
            .to_string()
    })
}
