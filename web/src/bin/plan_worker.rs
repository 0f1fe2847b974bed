//! The plan worker's entry point: registers the worker (see `plan_worker.rs`).

#[path = "../plan_worker.rs"]
mod plan_worker;

use gloo_worker::Registrable;

fn main() {
    console_error_panic_hook::set_once();
    plan_worker::PlanWorker::registrar().register();
}
