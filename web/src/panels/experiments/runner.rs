//! The experiment's workers: a pool of experiment workers, each prepared
//! with the spec and handed one run at a time, so the runs spread over
//! them and a cancel waits for at most one run each. The results are put
//! together in run order on the page ([`Outcome::of`]), so they are the
//! bytes `supply-cli experiment` prints for the same spec.

use super::{ExperimentsState, Kept, Progress};
use crate::sim_worker::{Job, LOADER, SimWorker};
use gloo_worker::{Spawnable, WorkerBridge};
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use supply_sim::experiment::job::{Reply, Request, describe};
use supply_sim::experiment::{Experiment, PAGE, Spec, result::Outcome, run::RunResult};

/// The most workers an experiment starts: past four, a laptop's other
/// work and the map's animation suffer more than the runs gain.
const MAX_WORKERS: usize = 4;

/// The experiment in flight.
struct InFlight {
    generation: u64,
    experiment: Experiment,
    next: u64,
    results: Vec<RunResult>,
    bridges: Vec<WorkerBridge<SimWorker>>,
}

thread_local! {
    static JOB: RefCell<Option<InFlight>> = const { RefCell::new(None) };
    /// Moves on at each start and cancel, so a late reply of an old job is
    /// ignored.
    static GENERATION: Cell<u64> = const { Cell::new(0) };
}

/// Workers to start: one a core but one left for the page, at least one.
fn workers(runs: u64) -> usize {
    let cores = web_sys::window().map_or(1.0, |w| w.navigator().hardware_concurrency());
    let n = (cores as usize).saturating_sub(1).clamp(1, MAX_WORKERS);
    n.min(runs.max(1) as usize)
}

pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

fn encode(req: Request) -> String {
    Job::Experiment(Box::new(req)).to_json()
}

/// Start `spec` (cancelling one in flight); progress and the result land
/// in `state`.
pub fn start(state: ExperimentsState, spec: Spec) {
    cancel(state);
    state.result.set(None);
    let experiment = match Experiment::prepare(&spec, &PAGE) {
        Ok(e) => e,
        Err(p) => {
            state.error.set(Some(describe(&p)));
            return;
        }
    };
    let generation = GENERATION.with(|g| {
        g.set(g.get() + 1);
        g.get()
    });
    let total = experiment.runs();
    let prepare = encode(Request::Prepare {
        spec: Box::new(spec),
    });
    let bridges: Vec<WorkerBridge<SimWorker>> = (0..workers(total))
        .map(|w| {
            let bridge = SimWorker::spawner()
                .callback(move |reply: String| receive(state, generation, w, &reply))
                .with_loader(true)
                // Trunk's loader calls importScripts: a classic worker.
                .as_module(false)
                .spawn(LOADER);
            bridge.send(prepare.clone());
            bridge
        })
        .collect();
    for (w, b) in bridges.iter().enumerate() {
        b.send(encode(Request::Run { run: w as u64 }));
    }
    let next = bridges.len() as u64;
    state.error.set(None);
    state.progress.set(Some(Progress {
        done: 0,
        total,
        workers: bridges.len(),
        started_ms: now_ms(),
        now_ms: now_ms(),
    }));
    JOB.with(|j| {
        *j.borrow_mut() = Some(InFlight {
            generation,
            experiment,
            next,
            results: Vec::with_capacity(total as usize),
            bridges,
        })
    });
}

/// Stop the experiment in flight: its workers are let go (each stops
/// after the run in hand) and its results dropped.
pub fn cancel(state: ExperimentsState) {
    GENERATION.with(|g| g.set(g.get() + 1));
    JOB.with(|j| j.borrow_mut().take());
    state.progress.set(None);
}

/// What a worker's reply means for the job.
enum Next {
    Nothing,
    Progress(u64),
    Done(Box<Kept>),
    Failed(String),
}

fn receive(state: ExperimentsState, generation: u64, worker: usize, reply: &str) {
    let next = JOB.with(|j| {
        let mut j = j.borrow_mut();
        match j.as_mut() {
            Some(job) if job.generation == generation => step(job, worker, reply),
            _ => Next::Nothing,
        }
    });
    match next {
        Next::Nothing => {}
        Next::Progress(done) => state.progress.update(|p| {
            if let Some(p) = p {
                p.done = done;
                p.now_ms = now_ms();
            }
        }),
        Next::Done(kept) => {
            JOB.with(|j| j.borrow_mut().take());
            if let Err(why) = crate::persist::save_experiment(&kept) {
                crate::ui::use_ui().status.set(why);
            }
            let took = state
                .progress
                .get_untracked()
                .map(|p| (now_ms() - p.started_ms, p.workers));
            state.took.set(took);
            state.progress.set(None);
            state.result.set(Some(*kept));
        }
        Next::Failed(message) => {
            cancel(state);
            state.error.set(Some(message));
        }
    }
}

/// Take a reply: keep a run's result and hand that worker the next run.
fn step(job: &mut InFlight, worker: usize, reply: &str) -> Next {
    let reply = match serde_json::from_str::<Reply>(reply) {
        Ok(r) => r,
        Err(e) => return Next::Failed(format!("a worker's reply could not be read: {e}")),
    };
    match reply {
        Reply::Prepared { .. } => Next::Nothing,
        Reply::Failed { message } => Next::Failed(message),
        Reply::Ran { result } => {
            job.results.push(*result);
            let total = job.experiment.runs();
            if job.next < total {
                job.bridges[worker].send(encode(Request::Run { run: job.next }));
                job.next += 1;
            }
            let done = job.results.len() as u64;
            if done < total {
                return Next::Progress(done);
            }
            match Outcome::of(&job.experiment, &job.results) {
                Ok(outcome) => Next::Done(Box::new(Kept {
                    spec: job.experiment.spec.clone(),
                    outcome,
                })),
                Err(e) => Next::Failed(e),
            }
        }
    }
}
