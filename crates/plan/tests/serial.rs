//! The serial (Clark–Scarf / Chen–Zheng) optimiser against published figures.

use supply_plan::{PlanError, SerialSystem, newsvendor_normal, optimize_serial};

fn readme_instance() -> SerialSystem {
    SerialSystem {
        echelon_holding_costs: vec![4.0, 3.0, 1.0],
        lead_times: vec![1, 1, 2],
        stockout_cost: 40.0,
        demand_mean: 10.0,
        demand_sd: 2.0,
    }
}

/// Independent reference for the stockpyl README instance: the same
/// recursion solved with adaptive Simpson quadrature split at each kink
/// (600/400 points per integral, pure Python, double precision):
/// S* = (12.7659883, 23.5280786, 46.3087214), C* = 86.0155854.
#[test]
fn stockpyl_readme_instance_matches_independent_quadrature() {
    let plan = optimize_serial(&readme_instance()).unwrap();
    let want = [12.765_988_254, 23.528_078_6, 46.308_721_4];
    for (j, (&got, &w)) in plan.echelon_levels.iter().zip(&want).enumerate() {
        assert!(
            (got - w).abs() < 1e-5,
            "stage {}: S = {got}, reference {w}",
            j + 1
        );
    }
    assert!(
        (plan.expected_cost - 86.015_585_4).abs() < 1e-5,
        "cost {}",
        plan.expected_cost
    );
    // Stage 1's level has a closed form: 10 + 2·Φ⁻¹(1 − 4/48).
    assert!((plan.echelon_levels[0] - 12.765_988_254_201_275).abs() < 1e-12);
    let local = &plan.local_levels;
    assert!((local[0] + local[1] + local[2] - plan.echelon_levels[2]).abs() < 1e-12);
    assert!((local[1] - (plan.echelon_levels[1] - plan.echelon_levels[0])).abs() < 1e-12);
}

/// stockpyl (github.com/LarrySnyder/stockpyl), `ssm_serial.optimize_base_stock_levels`
/// on its README instance: echelon holding costs [4, 3, 1] for stages 1..3
/// (stage 1 downstream), lead times [1, 1, 2], stockout cost 40, demand
/// N(10, 2²). stockpyl solves a discretised version (an x grid of 1000 steps
/// of 0.088 and 100 demand points, nearest-point lookups), so its figures
/// carry that grid's error:
///
/// - README.md: S* = (12.765, 23.497, 46.280), C* = 86.025;
/// - its current code (commit 0bae176) with the defaults: S* = (12.792,
///   23.528, 46.320), C* = 86.01606; with a 0.01 grid and 200 demand points:
///   (12.80, 23.52, 46.31), C* = 86.01494.
///
/// The exact optimum (see the test above) lies within these: the cost is
/// within 0.005 of stockpyl's current default and 0.01 of the README; each
/// level is within 0.05 of every stockpyl figure (about half its grid step
/// plus the demand discretisation). Stage 1's exact level, 12.76599, is the
/// closed form, which stockpyl's own `newsvendor_heuristic` test confirms
/// for Example 6.1 (6.490880975286938, matched below).
#[test]
fn stockpyl_readme_instance_within_stockpyl_grid_error() {
    let plan = optimize_serial(&readme_instance()).unwrap();
    assert!((plan.expected_cost - 86.016_064_857).abs() < 0.005);
    assert!((plan.expected_cost - 86.025_332_219).abs() < 0.01);
    let stockpyl = [
        [12.764_978_727, 23.496_866_815, 46.280_137_428],
        [12.792, 23.528, 46.32],
        [12.80, 23.52, 46.31],
    ];
    for run in stockpyl {
        for (j, w) in run.iter().enumerate() {
            let got = plan.echelon_levels[j];
            assert!(
                (got - w).abs() < 0.05,
                "stage {}: {got} vs stockpyl {w}",
                j + 1
            );
        }
    }
    // stockpyl's newsvendor-heuristic test for Example 6.1 gives stage 1's
    // exact level (echelon h = (3, 2, 2), L = (1, 1, 2), p = 37.12, N(5, 1)).
    let ex61 = optimize_serial(&SerialSystem {
        echelon_holding_costs: vec![3.0, 2.0, 2.0],
        lead_times: vec![1, 1, 2],
        stockout_cost: 37.12,
        demand_mean: 5.0,
        demand_sd: 1.0,
    })
    .unwrap();
    assert!((ex61.echelon_levels[0] - 6.490_880_975_286_938).abs() < 1e-12);
}

/// One stage with lead time L is the newsvendor with demand over L periods,
/// N(Lμ, Lσ²) (stockpyl's and Snyder & Shen's timing: no "+1").
#[test]
fn one_stage_is_the_newsvendor_over_the_lead_time() {
    for (h, p, lead, mu, sd) in [(2.0, 18.0, 1, 120.0, 10.0), (1.5, 30.0, 4, 7.0, 3.0)] {
        let plan = optimize_serial(&SerialSystem {
            echelon_holding_costs: vec![h],
            lead_times: vec![lead],
            stockout_cost: p,
            demand_mean: mu,
            demand_sd: sd,
        })
        .unwrap();
        let l = lead as f64;
        let nv = newsvendor_normal(h, p, l * mu, sd * libm::sqrt(l)).unwrap();
        assert!((plan.echelon_levels[0] - nv.level).abs() < 1e-9);
        assert!((plan.expected_cost - nv.expected_cost).abs() < 1e-9);
        assert_eq!(plan.local_levels, plan.echelon_levels);
    }
}

/// A zero-lead-time stage at the demand end holds nothing, and the rest of
/// the chain is solved as if it were not there (with its echelon holding
/// cost dropped from the backorder slope).
#[test]
fn leading_zero_lead_time_stage_holds_nothing() {
    let mut with_zero = readme_instance();
    with_zero.echelon_holding_costs.insert(0, 5.0);
    with_zero.lead_times.insert(0, 0);
    let plan = optimize_serial(&with_zero).unwrap();
    let base = optimize_serial(&readme_instance()).unwrap();
    assert_eq!(plan.echelon_levels[0], 0.0);
    assert_eq!(&plan.echelon_levels[1..], &base.echelon_levels[..]);
    assert_eq!(plan.expected_cost, base.expected_cost);
}

/// A zero-lead-time stage in the middle (stage 2, restocked at once from
/// stage 3) holds nothing locally. Its echelon level solves
/// h_2 + g_1'(y) = 0 below S_1, i.e. S_2 = 10 + 2·Φ⁻¹(1 − (h_1 + h_2)/(p + Σh)),
/// which is below S_1, so stage 1 is capped at S_2.
#[test]
fn middle_zero_lead_time_stage_is_solved() {
    let plan = optimize_serial(&SerialSystem {
        echelon_holding_costs: vec![4.0, 3.0, 1.0],
        lead_times: vec![1, 0, 2],
        stockout_cost: 40.0,
        demand_mean: 10.0,
        demand_sd: 2.0,
    })
    .unwrap();
    let s = &plan.echelon_levels;
    let s2 = 10.0 + 2.0 * supply_plan::normal::inverse_cdf(1.0 - 7.0 / 48.0).unwrap();
    assert!((s[1] - s2).abs() < 1e-6, "{s:?} vs {s2}");
    assert!(s[1] < s[0] && s[2] > s[1], "{s:?}");
    assert_eq!(plan.local_levels[0], s[1]);
    assert_eq!(plan.local_levels[1], 0.0);
    // Stage 3 now covers 2 periods from stage 2's position; cheaper than the
    // README chain, where stage 2 had a lead time of its own.
    let base = optimize_serial(&readme_instance()).unwrap();
    assert!(plan.expected_cost < base.expected_cost && plan.expected_cost > 0.0);
}

/// Raising the stockout cost raises every level and the cost.
#[test]
fn dearer_stockouts_raise_levels_and_cost() {
    let base = optimize_serial(&readme_instance()).unwrap();
    let dear = optimize_serial(&SerialSystem {
        stockout_cost: 100.0,
        ..readme_instance()
    })
    .unwrap();
    for j in 0..3 {
        assert!(dear.echelon_levels[j] > base.echelon_levels[j]);
    }
    assert!(dear.expected_cost > base.expected_cost);
}

#[test]
fn no_lead_times_cost_nothing() {
    let plan = optimize_serial(&SerialSystem {
        lead_times: vec![0, 0, 0],
        ..readme_instance()
    })
    .unwrap();
    assert_eq!(plan.echelon_levels, vec![0.0; 3]);
    assert_eq!(plan.expected_cost, 0.0);
}

#[test]
fn very_unequal_lead_times_exceed_the_grid_budget() {
    let err = optimize_serial(&SerialSystem {
        lead_times: vec![1, 10_000, 1],
        ..readme_instance()
    })
    .unwrap_err();
    assert!(matches!(err, PlanError::TooLarge(_)), "{err}");
    let msg = err.to_string();
    assert!(msg.contains("more than the limit of 50000000"), "{msg}");
}

#[test]
fn long_chains_of_wide_tables_exceed_the_point_budget() {
    // 100 zero-lead-time stages between a 1-period and a 400-period lead
    // time: each needs a wide table, cheap to fill but too big to hold.
    let mut lead_times = vec![1];
    lead_times.extend(std::iter::repeat_n(0, 100));
    lead_times.push(400);
    let err = optimize_serial(&SerialSystem {
        echelon_holding_costs: vec![1.0; lead_times.len()],
        lead_times,
        ..readme_instance()
    })
    .unwrap_err();
    assert!(matches!(err, PlanError::TooLarge(_)), "{err}");
    let msg = err.to_string();
    assert!(
        msg.contains("points, more than the limit of 2000000"),
        "{msg}"
    );
}

/// Equal holding costs at both stages (echelon cost 0 downstream, as when
/// stock is worth the same wherever it sits): the optimum holds everything at
/// the stage facing demand and the upstream stage passes orders on, so the
/// chain is one stage whose lead time is both lead times: the newsvendor on
/// three periods' demand, plus the holding of stage 1's one-period pipeline.
/// Two stages, lead times 1 and 2, stockout cost 18, demand N(10, 2²).
fn two_stages(echelon_holding_costs: [f64; 2]) -> SerialSystem {
    SerialSystem {
        echelon_holding_costs: echelon_holding_costs.to_vec(),
        lead_times: vec![1, 2],
        stockout_cost: 18.0,
        demand_mean: 10.0,
        demand_sd: 2.0,
    }
}

#[test]
fn a_stage_adding_no_value_holds_nothing_and_the_chain_is_one_newsvendor() {
    let plan = optimize_serial(&two_stages([0.0, 2.0])).unwrap();
    let nv = newsvendor_normal(2.0, 18.0, 30.0, 2.0 * 3f64.sqrt()).unwrap();
    assert!((plan.echelon_levels[1] - nv.level).abs() < 1e-6, "{plan:?}");
    assert_eq!(plan.echelon_levels[0], plan.echelon_levels[1]);
    assert!((plan.local_levels[0] - nv.level).abs() < 1e-6);
    assert_eq!(plan.local_levels[1], 0.0);
    let pipeline = 2.0 * 10.0 * 1.0;
    assert!(
        (plan.expected_cost - (nv.expected_cost + pipeline)).abs() < 1e-6,
        "cost {} vs {}",
        plan.expected_cost,
        nv.expected_cost + pipeline
    );
}

#[test]
fn the_top_stage_needs_a_holding_cost() {
    let e = optimize_serial(&two_stages([1.0, 0.0])).unwrap_err();
    assert!(
        e.message().contains("stage 2's echelon holding cost"),
        "{e}"
    );
}
