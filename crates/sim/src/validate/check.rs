//! The checker every validation module shares: where a value is (subject,
//! JSON path, the name a person knows it by) and the common checks.

use crate::defaults::MAX_ABS_Z;
use crate::problem::{Problem, Subject};

/// Where a value sits: its subject, the JSON path of the subject, and the
/// subject's name.
#[derive(Clone, Debug)]
pub(crate) struct At {
    subject: Option<Subject>,
    path: String,
    name: String,
}

impl At {
    /// A top-level field of the scenario.
    pub fn root() -> At {
        At {
            subject: None,
            path: String::new(),
            name: String::new(),
        }
    }

    /// A part of the scenario that is not one subject (`product_catalog`).
    pub fn part(path: &str) -> At {
        At {
            subject: None,
            path: path.to_owned(),
            name: String::new(),
        }
    }

    pub fn new(subject: Subject, name: impl Into<String>) -> At {
        let path = match subject {
            Subject::Facility(i) => format!("facilities[{i}]"),
            Subject::Lane(i) => format!("lanes[{i}]"),
            Subject::Product(i) => format!("products[{i}]"),
            Subject::Demand(i) => format!("demand[{i}]"),
            Subject::Policy(i) => format!("policies[{i}]"),
            Subject::Control(i) => format!("controls[{i}]"),
            Subject::Disruption(i) => format!("disruptions[{i}]"),
        };
        At {
            subject: Some(subject),
            path,
            name: name.into(),
        }
    }

    /// The JSON path of `field` here.
    pub fn path(&self, field: &str) -> String {
        match (self.path.is_empty(), field.is_empty()) {
            (_, true) => self.path.clone(),
            (true, false) => field.to_owned(),
            (false, false) => format!("{}.{field}", self.path),
        }
    }
}

/// Problems found so far.
#[derive(Default)]
pub(crate) struct Checker {
    pub problems: Vec<Problem>,
}

impl Checker {
    pub fn err(&mut self, at: &At, field: &str, msg: impl Into<String>) {
        self.problems.push(Problem {
            subject: at.subject,
            name: at.name.clone(),
            field: field.to_owned(),
            ..Problem::new(at.path(field), msg)
        });
    }

    /// Finite and > 0.
    pub fn pos(&mut self, at: &At, field: &str, v: f64) -> bool {
        let ok = v.is_finite() && v > 0.0;
        if !ok {
            self.err(at, field, format!("must be a finite number > 0, got {v}"));
        }
        ok
    }

    /// Finite and >= 0.
    pub fn nonneg(&mut self, at: &At, field: &str, v: f64) -> bool {
        let ok = v.is_finite() && v >= 0.0;
        if !ok {
            self.err(at, field, format!("must be a finite number >= 0, got {v}"));
        }
        ok
    }

    /// A probability: in [0, 1], or [0, 1) when `max_excl`.
    pub fn prob(&mut self, at: &At, field: &str, v: f64, max_excl: bool) -> bool {
        let ok = v.is_finite() && v >= 0.0 && if max_excl { v < 1.0 } else { v <= 1.0 };
        if !ok {
            let hi = if max_excl { "1)" } else { "1]" };
            self.err(at, field, format!("must be in [0, {hi}, got {v}"));
        }
        ok
    }

    pub fn opt_pos(&mut self, at: &At, field: &str, v: Option<f64>) {
        if let Some(v) = v {
            self.pos(at, field, v);
        }
    }

    pub fn opt_nonneg(&mut self, at: &At, field: &str, v: Option<f64>) {
        if let Some(v) = v {
            self.nonneg(at, field, v);
        }
    }

    /// A pattern of `n` weights (weekdays, hours): finite, >= 0 and not all
    /// 0. Says which entry is wrong, by `name(k)`.
    pub fn weights(
        &mut self,
        at: &At,
        field: &str,
        v: &Option<Vec<f64>>,
        n: usize,
        name: impl Fn(usize) -> String,
    ) {
        let Some(v) = v else { return };
        if v.len() != n {
            self.err(
                at,
                field,
                format!("must have exactly {n} values, has {}", v.len()),
            );
        } else if let Some(k) = v.iter().position(|x| !x.is_finite() || *x < 0.0) {
            let msg = format!(
                "{}'s weight must be a finite number >= 0, got {}",
                name(k),
                v[k]
            );
            self.err(at, field, msg);
        } else if v.iter().sum::<f64>() <= 0.0 {
            self.err(at, field, "weights must not all be 0");
        }
    }

    /// A safety factor z, if given, within ±[`MAX_ABS_Z`].
    pub fn z(&mut self, at: &At, field: &str, z: Option<f64>) {
        if let Some(z) = z
            && !(z.is_finite() && z.abs() <= MAX_ABS_Z)
        {
            self.err(at, field, format!("must be in [-{MAX_ABS_Z}, {MAX_ABS_Z}]"));
        }
    }
}
