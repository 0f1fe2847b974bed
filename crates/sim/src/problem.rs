//! A thing wrong with a scenario, said so that a person can find it and fix
//! it: the JSON path for files and the CLI, and for the page the subject
//! (which facility, lane, product, demand stream, policy or control, by
//! index and by the name a person knows it by) and the field.

use serde::Serialize;
use std::fmt;

/// What a problem is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(tag = "kind", content = "index", rename_all = "snake_case")]
pub enum Subject {
    Facility(usize),
    Lane(usize),
    Product(usize),
    /// A demand stream (`demand[i]`).
    Demand(usize),
    Policy(usize),
    Control(usize),
    /// A disruption (`disruptions[i]`).
    Disruption(usize),
}

impl Subject {
    /// The words before a subject's name: "demand for" Manchester.
    pub fn noun(self) -> &'static str {
        match self {
            Subject::Facility(_) => "facility",
            Subject::Lane(_) => "lane",
            Subject::Product(_) => "product",
            Subject::Demand(_) => "demand for",
            Subject::Policy(_) => "inventory policy at",
            Subject::Control(_) => "control",
            Subject::Disruption(_) => "disruption:",
        }
    }
}

/// One thing wrong with a scenario.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// JSON path such as `facilities[3].capacity_per_hour` ("" = whole document).
    pub path: String,
    /// What is wrong, without naming the subject.
    pub message: String,
    /// 1-based position for syntax/type errors.
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// What the problem is about (`None`: the scenario as a whole).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<Subject>,
    /// The subject's name as a person knows it: a facility's name, a demand
    /// stream's zone name, a lane's ends.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The field within the subject, e.g. `weekly` or `rule.S` ("" = all of it).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub field: String,
}

impl Problem {
    /// A problem with the scenario as a whole, or a syntax error at `path`.
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem {
            path: path.into(),
            message: message.into(),
            line: None,
            column: None,
            subject: None,
            name: String::new(),
            field: String::new(),
        }
    }

    /// The field as words: `capacity_per_hour` → "capacity per hour",
    /// `rule.S` → "rule S".
    pub fn field_words(&self) -> String {
        self.field.replace(['_', '.'], " ")
    }

    /// One line for a person: "Facility Leeds FC · capacity per hour: must be …".
    pub fn describe(&self) -> String {
        let who = match self.subject {
            Some(s) => format!("{} {}", s.noun(), self.name),
            None if self.path.is_empty() => "the scenario".to_owned(),
            // A path into the document is written as it is, never capitalised.
            None if self.path.contains(['[', '.']) => {
                return format!("{}: {}", self.path, self.message);
            }
            None => self.path.clone(),
        };
        with_field(&who, self)
    }
}

/// "Who · field: message", capitalised.
fn with_field(who: &str, p: &Problem) -> String {
    let field = if p.field.is_empty() || p.subject.is_none() {
        String::new()
    } else {
        format!(" · {}", p.field_words())
    };
    format!("{}{field}: {}", capitalised(who), p.message)
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path.is_empty() {
            "(document)"
        } else {
            &self.path
        };
        write!(f, "{path}: {}", self.message)?;
        if let (Some(l), Some(c)) = (self.line, self.column) {
            write!(f, " (line {l}, column {c})")?;
        }
        Ok(())
    }
}

/// Problems that say the same thing about the same field of several
/// subjects of one kind (a weekday weight shared by every zone's stream),
/// merged into one line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    /// One line for a person, naming the first subject and how many more.
    pub text: String,
    /// Every problem merged into this line.
    pub count: usize,
}

/// How many subjects a summary names before "and N more".
const NAMED_IN_SUMMARY: usize = 2;

/// Merge problems that differ only in their subject, keeping first-seen order.
pub fn summarise(problems: &[Problem]) -> Vec<Summary> {
    let key = |p: &Problem| {
        let kind = p.subject.map(|s| std::mem::discriminant(&s));
        (kind, p.field.clone(), p.message.clone())
    };
    let mut groups: Vec<(_, Vec<&Problem>)> = Vec::new();
    for p in problems {
        let k = key(p);
        match groups
            .iter_mut()
            .find(|(g, _)| *g == k && p.subject.is_some())
        {
            Some((_, members)) => members.push(p),
            None => groups.push((k, vec![p])),
        }
    }
    groups
        .into_iter()
        .map(|(_, members)| Summary {
            text: merged_text(&members),
            count: members.len(),
        })
        .collect()
}

fn merged_text(members: &[&Problem]) -> String {
    let first = members[0];
    if members.len() == 1 {
        return first.describe();
    }
    let mut names: Vec<String> = members
        .iter()
        .take(NAMED_IN_SUMMARY)
        .map(|p| p.name.clone())
        .collect();
    let rest = members.len() - names.len();
    if rest > 0 {
        names.push(format!("{rest} more"));
    }
    let last = names.pop().unwrap_or_default();
    let noun = first.subject.map_or("", |s| s.noun());
    with_field(&format!("{noun} {} and {last}", names.join(", ")), first)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn weekly(i: usize, zone: &str) -> Problem {
        Problem {
            subject: Some(Subject::Demand(i)),
            name: zone.into(),
            field: "weekly".into(),
            ..Problem::new(
                format!("demand[{i}].weekly"),
                "Saturday's weight must be >= 0, got -1",
            )
        }
    }

    #[test]
    fn the_same_problem_in_many_streams_is_one_line_naming_a_zone() {
        let ps: Vec<Problem> = (0..21).map(|i| weekly(i, &format!("Zone {i}"))).collect();
        let s = summarise(&ps);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].count, 21);
        assert_eq!(
            s[0].text,
            "Demand for Zone 0, Zone 1 and 19 more · weekly: Saturday's weight must be >= 0, got -1"
        );
    }

    #[test]
    fn different_problems_stay_apart_and_one_reads_as_a_sentence() {
        let mut other = weekly(1, "Leeds");
        other.message = "weights must not all be 0".into();
        let root = Problem::new("name", "must not be empty");
        let s = summarise(&[weekly(0, "Manchester"), other, root]);
        assert_eq!(s.len(), 3);
        assert_eq!(
            s[0].text,
            "Demand for Manchester · weekly: Saturday's weight must be >= 0, got -1"
        );
        assert_eq!(s[2].text, "Name: must not be empty");
        // A path into the document is not a word to capitalise.
        let deep = Problem::new("facilities[0].lat", "invalid type");
        assert_eq!(deep.describe(), "facilities[0].lat: invalid type");
    }
}
