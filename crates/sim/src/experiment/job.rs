//! An experiment worker's side: the page prepares a spec in each worker,
//! then hands each worker one run at a time, so runs spread over the
//! workers and a cancel waits for one run at most. Request and reply
//! travel as JSON.

use super::{Experiment, PAGE, Spec, run::RunResult};
use crate::problem::Problem;
use serde::{Deserialize, Serialize};

/// What the page asks of a worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "request", rename_all = "snake_case")]
pub enum Request {
    /// Check and compile the spec's variants, within the page's allowance.
    Prepare { spec: Box<Spec> },
    /// Run number `run` of the prepared spec.
    Run { run: u64 },
}

/// What a worker answers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "reply", rename_all = "snake_case")]
pub enum Reply {
    Prepared { runs: u64, hash: String },
    Ran { result: Box<RunResult> },
    Failed { message: String },
}

/// A worker's state: the experiment it prepared last.
#[derive(Default)]
pub struct Runner {
    experiment: Option<Experiment>,
}

impl Runner {
    pub fn handle(&mut self, req: Request) -> Reply {
        match req {
            Request::Prepare { spec } => match Experiment::prepare(&spec, &PAGE) {
                Ok(e) => {
                    let reply = Reply::Prepared {
                        runs: e.runs(),
                        hash: e.hash.clone(),
                    };
                    self.experiment = Some(e);
                    reply
                }
                Err(p) => Reply::Failed {
                    message: describe(&p),
                },
            },
            Request::Run { run } => match &self.experiment {
                Some(e) if run < e.runs() => Reply::Ran {
                    result: Box::new(e.run(run)),
                },
                Some(e) => Reply::Failed {
                    message: format!("run {run} is past the experiment's {} runs", e.runs()),
                },
                None => Reply::Failed {
                    message: "no experiment is prepared".into(),
                },
            },
        }
    }
}

/// Problems as one message a person reads.
pub fn describe(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(Problem::describe)
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_before_a_spec_or_past_the_end_is_refused() {
        let mut r = Runner::default();
        assert!(matches!(
            r.handle(Request::Run { run: 0 }),
            Reply::Failed { .. }
        ));
        let spec: Spec = serde_json::from_value(serde_json::json!({
            "experiment": "compare", "days": 1, "replications": 2,
            "a": serde_json::from_str::<serde_json::Value>(crate::builtin::BEER_GAME).unwrap(),
            "b": serde_json::from_str::<serde_json::Value>(crate::builtin::BEER_GAME).unwrap(),
        }))
        .unwrap();
        let reply = r.handle(Request::Prepare {
            spec: Box::new(spec),
        });
        assert!(
            matches!(reply, Reply::Prepared { runs: 4, .. }),
            "{reply:?}"
        );
        assert!(matches!(
            r.handle(Request::Run { run: 3 }),
            Reply::Ran { .. }
        ));
        assert!(matches!(
            r.handle(Request::Run { run: 4 }),
            Reply::Failed { .. }
        ));
    }
}
