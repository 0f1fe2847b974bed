//! The sim worker's entry point: registers the worker (see `sim_worker.rs`).

// The page's side of the module (its loader path, writing jobs) is unused here.
#[allow(dead_code)]
#[path = "../sim_worker.rs"]
mod sim_worker;

use gloo_worker::Registrable;

fn main() {
    console_error_panic_hook::set_once();
    sim_worker::SimWorker::registrar().register();
}
