//! Bad input gives a clear error naming the field, never a panic.

use supply_plan::{
    GsmDemand, GsmNetwork, GsmStage, PlanError, SerialSystem, newsvendor_normal,
    optimize_guaranteed_service, optimize_serial,
};

fn serial() -> SerialSystem {
    SerialSystem {
        echelon_holding_costs: vec![4.0, 3.0, 1.0],
        lead_times: vec![1, 1, 2],
        stockout_cost: 40.0,
        demand_mean: 10.0,
        demand_sd: 2.0,
    }
}

fn serial_error(system: SerialSystem) -> String {
    match optimize_serial(&system) {
        Err(PlanError::Invalid(m)) => m,
        other => panic!("expected an invalid-input error, got {other:?}"),
    }
}

#[test]
fn serial_negative_lead_time_is_named() {
    let mut s = serial();
    s.lead_times[1] = -1;
    assert_eq!(
        serial_error(s),
        "stage 2's lead time must be at least 0 periods (got -1)"
    );
}

#[test]
fn serial_zero_or_negative_sd_is_named() {
    for sd in [0.0, -2.0] {
        let msg = serial_error(SerialSystem {
            demand_sd: sd,
            ..serial()
        });
        assert_eq!(
            msg,
            format!(
                "the standard deviation of demand per period must be more than 0 units (got {sd})"
            )
        );
    }
}

#[test]
fn serial_nan_and_infinite_costs_are_named() {
    let mut s = serial();
    s.echelon_holding_costs[2] = f64::NAN;
    assert_eq!(
        serial_error(s),
        "stage 3's echelon holding cost must be a number (got NaN)"
    );
    let msg = serial_error(SerialSystem {
        stockout_cost: f64::INFINITY,
        ..serial()
    });
    assert_eq!(msg, "the stockout cost must be finite (got inf)");
    // Below the top a stage may add no value (0), but not a negative one.
    let mut s = serial();
    s.echelon_holding_costs[0] = -1.0;
    assert!(serial_error(s).starts_with("stage 1's echelon holding cost must be at least 0"));
    let mut s = serial();
    s.echelon_holding_costs[2] = 0.0;
    assert!(serial_error(s).starts_with("stage 3's echelon holding cost must be more than 0"));
}

#[test]
fn serial_shape_errors_are_named() {
    let msg = serial_error(SerialSystem {
        lead_times: vec![1, 1],
        ..serial()
    });
    assert!(msg.starts_with("lead_times has 2 entries but echelon_holding_costs has 3"));
    let msg = serial_error(SerialSystem {
        echelon_holding_costs: vec![],
        lead_times: vec![],
        ..serial()
    });
    assert!(msg.contains("at least one stage"), "{msg}");
    let msg = serial_error(SerialSystem {
        demand_mean: -1.0,
        ..serial()
    });
    assert_eq!(
        msg,
        "the mean demand per period must be at least 0 units (got -1)"
    );
}

#[test]
fn serial_extreme_inputs_do_not_panic() {
    // Huge lead time: refused by the budget, quoting the figure.
    let err = optimize_serial(&SerialSystem {
        lead_times: vec![1, 1, i64::MAX],
        ..serial()
    })
    .unwrap_err();
    assert!(matches!(err, PlanError::TooLarge(_)), "{err}");
    assert!(err.to_string().contains("more than the limit of"), "{err}");
    // Lopsided costs: the level is effectively unbounded (z ≈ −37).
    let err = optimize_serial(&SerialSystem {
        echelon_holding_costs: vec![4.0],
        lead_times: vec![1],
        stockout_cost: 1e-300,
        ..serial()
    })
    .unwrap_err();
    assert!(matches!(err, PlanError::Unsolvable(_)), "{err}");
    assert!(
        err.to_string()
            .starts_with("stage 1's optimal echelon base-stock level")
    );
    // Huge mean relative to the sd: refused rather than losing precision.
    let err = optimize_serial(&SerialSystem {
        demand_mean: 1e15,
        demand_sd: 1e-3,
        ..serial()
    })
    .unwrap_err();
    assert!(matches!(err, PlanError::TooLarge(_)), "{err}");
}

#[test]
fn newsvendor_errors_are_named() {
    let e = newsvendor_normal(2.0, f64::NAN, 120.0, 10.0).unwrap_err();
    assert_eq!(
        e.to_string(),
        "the stockout cost must be a number (got NaN)"
    );
    let e = newsvendor_normal(2.0, 18.0, 120.0, -1.0).unwrap_err();
    assert_eq!(
        e.to_string(),
        "the demand standard deviation must be more than 0 units per period (got -1)"
    );
}

fn stage(name: &str, suppliers: &[&str]) -> GsmStage {
    GsmStage {
        name: name.into(),
        processing_time: 1,
        holding_cost: 1.0,
        suppliers: suppliers.iter().map(|s| s.to_string()).collect(),
        demand: None,
        max_service_time: None,
        external_inbound_service_time: 0,
    }
}

fn with_demand(s: GsmStage) -> GsmStage {
    GsmStage {
        demand: Some(GsmDemand { mean: 5.0, sd: 1.0 }),
        ..s
    }
}

fn gsm_error(stages: Vec<GsmStage>) -> PlanError {
    optimize_guaranteed_service(&GsmNetwork {
        safety_factor: 1.645,
        stages,
    })
    .unwrap_err()
}

#[test]
fn gsm_cycle_is_refused() {
    let err = gsm_error(vec![
        stage("A", &["C"]),
        stage("B", &["A"]),
        with_demand(stage("C", &["B"])),
    ]);
    assert!(matches!(err, PlanError::Invalid(_)));
    let msg = err.to_string();
    assert!(msg.starts_with("the supply links form a loop"), "{msg}");
    assert!(msg.contains("needs a tree"), "{msg}");
    // An undirected loop (a diamond) is refused too: not a tree.
    let err = gsm_error(vec![
        stage("top", &[]),
        stage("left", &["top"]),
        stage("right", &["top"]),
        with_demand(stage("bottom", &["left", "right"])),
    ]);
    assert!(
        err.to_string()
            .contains("\"right\" supplying \"bottom\" closes a cycle"),
        "{err}"
    );
}

#[test]
fn gsm_missing_parent_is_named() {
    let err = gsm_error(vec![stage("A", &[]), with_demand(stage("B", &["Plant"]))]);
    assert_eq!(
        err.to_string(),
        "stage \"B\" lists supplier \"Plant\", which is not a stage in the network"
    );
}

#[test]
fn gsm_link_and_name_errors_are_named() {
    let msg = gsm_error(vec![with_demand(stage("A", &["A"]))]).to_string();
    assert_eq!(msg, "stage \"A\" lists itself as a supplier");
    let msg = gsm_error(vec![stage("A", &[]), with_demand(stage("B", &["A", "A"]))]).to_string();
    assert_eq!(msg, "stage \"B\" lists supplier \"A\" twice");
    let msg = gsm_error(vec![stage("A", &[]), with_demand(stage("A", &[]))]).to_string();
    assert!(
        msg.starts_with("two stages are named \"A\" (stages 1 and 2)"),
        "{msg}"
    );
    let msg = gsm_error(vec![with_demand(stage("", &[]))]).to_string();
    assert_eq!(msg, "stage 1 has no name");
    let msg = gsm_error(vec![]).to_string();
    assert_eq!(msg, "the network has no stages");
    let msg = gsm_error(vec![stage("A", &[]), stage("B", &["A"])]).to_string();
    assert!(
        msg.starts_with("stage \"B\" has no customers downstream and no demand"),
        "{msg}"
    );
}

#[test]
fn gsm_number_errors_are_named() {
    let mut s = with_demand(stage("DC", &[]));
    s.processing_time = -2;
    assert_eq!(
        gsm_error(vec![s]).to_string(),
        "stage \"DC\"'s processing time must be at least 0 periods (got -2)"
    );
    let mut s = with_demand(stage("DC", &[]));
    s.holding_cost = f64::NAN;
    assert_eq!(
        gsm_error(vec![s]).to_string(),
        "stage \"DC\"'s holding cost must be a number (got NaN)"
    );
    let mut s = with_demand(stage("DC", &[]));
    s.demand = Some(GsmDemand {
        mean: 1.0,
        sd: -1.0,
    });
    assert!(
        gsm_error(vec![s])
            .to_string()
            .contains("demand standard deviation must be at least 0")
    );
    let mut s = with_demand(stage("DC", &[]));
    s.max_service_time = Some(-1);
    assert!(
        gsm_error(vec![s])
            .to_string()
            .contains("maximum service time must be at least 0")
    );
    let err = optimize_guaranteed_service(&GsmNetwork {
        safety_factor: f64::NAN,
        stages: vec![with_demand(stage("DC", &[]))],
    })
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "the safety factor must be a number (got NaN)"
    );
}

#[test]
fn gsm_too_big_is_refused_with_the_figure() {
    let mut s = with_demand(stage("DC", &[]));
    s.processing_time = 10_000;
    let err = gsm_error(vec![
        stage("Plant", &[]),
        GsmStage {
            suppliers: vec!["Plant".into()],
            ..s
        },
    ]);
    assert!(matches!(err, PlanError::TooLarge(_)), "{err}");
    let msg = err.to_string();
    assert!(msg.contains("(10001 + 1)²"), "{msg}");
    assert!(msg.contains("more than the limit of 20000000"), "{msg}");
    // Saturating arithmetic: a processing time of i64::MAX is refused, not overflowed.
    let mut s = with_demand(stage("DC", &[]));
    s.processing_time = i64::MAX;
    s.external_inbound_service_time = i64::MAX;
    assert!(matches!(gsm_error(vec![s]), PlanError::TooLarge(_)));
}
