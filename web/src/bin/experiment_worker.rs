//! The experiment worker's entry point: registers the worker (see
//! `experiment_worker.rs`).

#[path = "../experiment_worker.rs"]
mod experiment_worker;

use gloo_worker::Registrable;

fn main() {
    console_error_panic_hook::set_once();
    experiment_worker::ExperimentWorker::registrar().register();
}
