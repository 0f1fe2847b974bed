//! Every built-in lesson plays through to its goal: its scenario as it opens
//! misses each step's goal, the edits a student makes (within the step's
//! locks) meet it, and an edit the step locks is refused. Lesson files get
//! path-precise problems like scenarios.

#![cfg(not(target_arch = "wasm32"))]

use supply_sim::defaults::SEED;
use supply_sim::emissions::Mode;
use supply_sim::lesson::{self, Lesson, Step, text};
use supply_sim::scenario::{Facility, FacilityKind, ForecastSpec, Lane, Rule, Scenario};

fn open(id: &str) -> (Lesson, Scenario) {
    let json = supply_sim::builtin::lesson(id).expect("built-in lesson");
    Lesson::open(json).unwrap_or_else(|p| panic!("{id}: {p:#?}"))
}

/// Apply a student's edit within `step`'s locks, as the page does.
fn edit(step: &Step, s: &mut Scenario, f: impl FnOnce(&mut Scenario)) {
    let before = s.clone();
    f(s);
    assert_ne!(&before, s, "the edit changed nothing");
    step.allow_edit(&before, s)
        .unwrap_or_else(|why| panic!("{}: a solution edit was refused: {why}", step.title));
}

fn met(step: &Step, s: &Scenario) -> (bool, String) {
    let m = lesson::measure_step(step, s, SEED).expect("valid scenario");
    let verdicts = step.goal.judge(&m);
    let words: Vec<String> = step
        .goal
        .all
        .iter()
        .zip(&verdicts)
        .map(|(c, ok)| format!("{} = {:?} ({ok})", c.describe(None), m.get(&c.figure())))
        .collect();
    (verdicts.iter().all(|v| *v), words.join("; "))
}

/// The step's goal is missed as the scenario stands, and met after `solve`.
fn plays_through(step: &Step, s: &mut Scenario, solve: impl FnOnce(&mut Scenario)) {
    let (before, words) = met(step, s);
    assert!(!before, "{}: met before any edit: {words}", step.title);
    edit(step, s, solve);
    let (after, words) = met(step, s);
    assert!(after, "{}: not met after the solution: {words}", step.title);
    let m = lesson::measure_step(step, s, SEED).unwrap();
    let debrief = text::fill(&step.debrief, &m);
    assert!(
        !debrief.contains('{') && !debrief.contains('–'),
        "{debrief}"
    );
}

fn policy_at<'a>(s: &'a mut Scenario, fc: &str) -> &'a mut supply_sim::scenario::Policy {
    s.policies
        .iter_mut()
        .find(|p| p.facility == fc)
        .expect("policy")
}

#[test]
fn bullwhip_a_longer_forecast_memory_calms_the_factory() {
    let (l, mut s) = open("bullwhip");
    plays_through(&l.steps[0], &mut s, |s| {
        for p in &mut s.policies {
            p.forecast = Some(ForecastSpec::ExpSmoothing { alpha: 0.1 });
        }
    });
}

#[test]
fn safety_stock_a_higher_z_at_daventry_buys_its_fill_rate() {
    let (l, mut s) = open("safety-stock");
    // Too much stock misses the goal as surely as too little.
    let mut heavy = s.clone();
    policy_at(&mut heavy, "FC-DIR").rule = Rule::Periodic {
        cover_periods: None,
        safety_stock: 0.0,
        z: Some(4.0),
    };
    assert!(!met(&l.steps[0], &heavy).0);
    plays_through(&l.steps[0], &mut s, |s| {
        policy_at(s, "FC-DIR").rule = Rule::Periodic {
            cover_periods: None,
            safety_stock: 0.0,
            z: Some(3.3),
        };
    });
}

#[test]
fn last_mile_electric_vans_cut_carbon_and_drones_cost_too_much() {
    let (l, s) = open("last-mile");
    let switch = |s: &mut Scenario, to: Mode| {
        for lane in &mut s.lanes {
            if lane.mode == Mode::DieselVan {
                lane.mode = to;
            }
        }
    };
    let mut drones = s.clone();
    edit(&l.steps[0], &mut drones, |s| switch(s, Mode::Drone));
    assert!(
        !met(&l.steps[0], &drones).0,
        "drones everywhere should cost too much"
    );
    let mut s = s;
    plays_through(&l.steps[0], &mut s, |s| switch(s, Mode::ElectricVan));
}

/// What the palette does with a delivery station dropped at (lat, lon): fed
/// by the nearest sortation centre, serving the zones nearer to it.
fn add_station(s: &mut Scenario, lat: f64, lon: f64, zones: &[&str]) {
    let mut ds = Facility::new(
        "DS-NEW".into(),
        "New delivery station".into(),
        FacilityKind::DeliveryStation,
        lat,
        lon,
    );
    ds.capacity_per_hour = Some(1200.0);
    s.facilities.push(ds);
    s.lanes
        .push(Lane::new("SC-AVO", "DS-NEW", Mode::ElectricHgv));
    for z in zones {
        s.lanes.push(Lane::new("DS-NEW", z, Mode::ElectricVan));
    }
}

#[test]
fn station_siting_a_station_near_exeter_meets_the_goal_one_in_bristol_does_not() {
    let (l, s) = open("station-siting");
    let mut in_bristol = s.clone();
    edit(&l.steps[0], &mut in_bristol, |s| {
        add_station(s, 51.46, -2.58, &["Z-BS"])
    });
    assert!(!met(&l.steps[0], &in_bristol).0);
    let mut s = s;
    plays_through(&l.steps[0], &mut s, |s| {
        add_station(s, 50.75, -3.45, &["Z-EX", "Z-TA"])
    });
}

#[test]
fn peak_season_stock_first_then_people() {
    let (l, mut s) = open("peak-season");
    plays_through(&l.steps[0], &mut s, |s| {
        for p in &mut s.policies {
            p.rule = match p.rule {
                Rule::Vmi { .. } => Rule::Vmi {
                    min_days: 9.0,
                    max_days: 13.0,
                },
                _ => Rule::Periodic {
                    cover_periods: Some(9.0),
                    safety_stock: 0.0,
                    z: Some(1.65),
                },
            };
            p.forecast
                .get_or_insert(ForecastSpec::MovingAverage { periods: 7 });
        }
    });
    plays_through(&l.steps[1], &mut s, |s| {
        for f in &mut s.facilities {
            if let Some(c) = &mut f.capacity_per_hour
                && matches!(
                    f.kind,
                    FacilityKind::FulfillmentCenter
                        | FacilityKind::SortationCenter
                        | FacilityKind::DeliveryStation
                )
            {
                *c *= 1.5;
            }
        }
    });
}

#[test]
fn a_step_refuses_what_it_locks_and_names_it() {
    let (l, s) = open("safety-stock");
    let mut other = s.clone();
    policy_at(&mut other, "FC-COA").rule = Rule::BaseStock {
        level: None,
        z: Some(3.0),
    };
    let why = l.steps[0].allow_edit(&s, &other).unwrap_err();
    assert!(
        why.contains("FC Coalville") && why.contains("FC Daventry"),
        "{why}"
    );
    let mut moved = s.clone();
    moved.facilities[0].lat += 0.1;
    assert!(l.steps[0].allow_edit(&s, &moved).is_err());
    let mut slider = s.clone();
    supply_sim::controls::set_demand_from(&mut slider.controls, 3600, 2.0);
    assert!(
        l.steps[0]
            .allow_edit(&s, &slider)
            .unwrap_err()
            .contains("demand")
    );
}

#[test]
fn a_broken_lesson_file_gets_every_problem_with_its_path() {
    let bad = r#"{"lesson": 1, "id": "x", "title": "X", "intro": "i", "scenario": "uk-network",
      "steps": [{"title": "s", "instruction": "i", "editable": ["everything", "policy:NOPE"],
        "goal": {"by_day": 99, "all": [{"kpi": "utilization"}, {"kpi": "fill_rate", "facility": "FC-DIR", "at_least": 2, "at_most": 1}]},
        "debrief": "{nonsense} {mean_on_hand:NOPE}"}]}"#;
    let problems = Lesson::open(bad).unwrap_err();
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    for want in [
        "steps[0].goal.by_day",
        "steps[0].goal.all[0].kpi",
        "steps[0].goal.all[0]",
        "steps[0].goal.all[1].facility",
        "steps[0].editable[0]",
        "steps[0].editable[1]",
        "steps[0].debrief",
    ] {
        assert!(paths.contains(&want), "missing {want} in {problems:#?}");
    }
    // A syntax error and a bad inline scenario are found where they are.
    let p = Lesson::open(r#"{"lesson": 1, "id": 5}"#).unwrap_err();
    assert_eq!(p[0].path, "id");
    let p = Lesson::open(
        r#"{"lesson": 1, "id": "x", "title": "X", "intro": "i", "steps": [],
      "scenario": {"version": 1, "name": "n", "facilities": [], "lanes": [], "days": "ten"}}"#,
    )
    .unwrap_err();
    assert_eq!(p[0].path, "scenario.days", "{p:#?}");
    let p = Lesson::open(r#"{"lesson": 1, "id": "x", "title": "X", "intro": "i", "steps": [], "scenario": "atlantis"}"#)
        .unwrap_err();
    assert!(p[0].message.contains("atlantis"));
}

/// The README's worked example is a lesson that opens, is missed as it
/// opens, and is met by what its instruction asks.
#[test]
fn the_readmes_worked_example_opens_and_plays_through() {
    let readme = include_str!("../../../README.md");
    let from = readme.find("**Writing a lesson**").expect("the section");
    let start = readme[from..].find("```json").expect("the example") + from + "```json".len();
    let end = readme[start..].find("```").expect("its end") + start;
    let (l, mut s) = Lesson::open(&readme[start..end]).unwrap_or_else(|p| panic!("{p:#?}"));
    plays_through(&l.steps[0], &mut s, |s| {
        for lane in s.lanes.iter_mut().filter(|l| l.from == "DS-LDN-S") {
            lane.mode = Mode::ElectricVan;
        }
    });
}

#[test]
fn shipment_zero_clean_legs_are_not_clean_shipments_until_the_stock_is() {
    let (l, mut s) = open("shipment-zero");
    let electrify = |s: &mut Scenario, inbound: bool| {
        for lane in &mut s.lanes {
            if lane.to.starts_with("FC-") == inbound {
                lane.mode = lane.mode.electric();
            }
        }
    };
    plays_through(&l.steps[0], &mut s, |s| electrify(s, false));
    plays_through(&l.steps[1], &mut s, |s| electrify(s, true));
}
