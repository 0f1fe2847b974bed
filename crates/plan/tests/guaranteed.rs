//! The guaranteed-service optimiser against published instances, and against
//! exhaustive enumeration on small random trees.

use supply_plan::{GsmDemand, GsmNetwork, GsmPlan, GsmStage, optimize_guaranteed_service};

/// A stage: name, processing time, holding cost, suppliers.
fn stage(name: &str, t: i64, h: f64, suppliers: &[&str]) -> GsmStage {
    GsmStage {
        name: name.into(),
        processing_time: t,
        holding_cost: h,
        suppliers: suppliers.iter().map(|s| s.to_string()).collect(),
        demand: None,
        max_service_time: None,
        external_inbound_service_time: 0,
    }
}

/// A customer-facing stage with demand N(mean, sd²) and a maximum service time.
fn demand_stage(name: &str, t: i64, h: f64, suppliers: &[&str], sd: f64, max_s: i64) -> GsmStage {
    GsmStage {
        demand: Some(GsmDemand { mean: 0.0, sd }),
        max_service_time: Some(max_s),
        ..stage(name, t, h, suppliers)
    }
}

fn service_times(plan: &GsmPlan) -> Vec<(String, i64)> {
    plan.stages
        .iter()
        .map(|s| (s.name.clone(), s.outbound_service_time))
        .collect()
}

fn assert_service_times(plan: &GsmPlan, want: &[(&str, i64)]) {
    for (name, s) in want {
        let got = plan.stages.iter().find(|p| p.name == *name).unwrap();
        assert_eq!(
            got.outbound_service_time,
            *s,
            "stage {name}: all {:?}",
            service_times(plan)
        );
    }
}

/// Snyder & Shen, *Fundamentals of Supply Chain Theory* (2nd ed., 2019),
/// Example 6.5, as stockpyl ships it (`load_instance("example_6_5")`, tested in
/// stockpyl's `tests/test_gsm_tree.py::test_example_6_5`): 1 → 3 → {2, 4},
/// T = (2, 1, 1, 1), h = (1, 2, 3, 3), SI_ext(1) = 1, demand N(0, 1) at 2 and 4
/// with s_max = 0 and 1, z = 1. Optimum: S = {1: 0, 2: 0, 3: 0, 4: 1}, cost
/// 2√2 + √6 + 3 = 8.2779.
#[test]
fn snyder_shen_example_6_5() {
    let network = GsmNetwork {
        safety_factor: 1.0,
        stages: vec![
            GsmStage {
                external_inbound_service_time: 1,
                ..stage("1", 2, 1.0, &[])
            },
            stage("3", 1, 2.0, &["1"]),
            demand_stage("2", 1, 3.0, &["3"], 1.0, 0),
            demand_stage("4", 1, 3.0, &["3"], 1.0, 1),
        ],
    };
    let plan = optimize_guaranteed_service(&network).unwrap();
    let want = 2.0 * libm::sqrt(2.0) + libm::sqrt(6.0) + 3.0;
    assert!(
        (plan.total_holding_cost - want).abs() < 1e-12,
        "{}",
        plan.total_holding_cost
    );
    assert_service_times(&plan, &[("1", 0), ("2", 0), ("3", 0), ("4", 1)]);
    let s3 = &plan.stages[1];
    assert_eq!((s3.inbound_service_time, s3.net_lead_time), (0, 1));
    assert!((s3.demand_sd - libm::sqrt(2.0)).abs() < 1e-15);
    let s1 = &plan.stages[0];
    assert_eq!((s1.inbound_service_time, s1.net_lead_time), (1, 3));
}

/// Snyder & Shen (2019), Figure 6.14, a ten-stage assembly network (camera
/// supply chain), as stockpyl ships it (`load_instance("figure_6_14")`) with
/// z = 1.645 and demand N(0, 10²) at the final stage, tested in stockpyl's
/// `tests/test_gsm_tree.py::test_figure_6_14{,_s5,_s8,_s12}`: optimal cost and
/// committed service times for customer service times 2, 5, 8 and 12.
fn figure_6_14(customer_service_time: i64) -> GsmNetwork {
    GsmNetwork {
        safety_factor: 1.644_853_626_951_472_2,
        stages: vec![
            stage("Raw_Material", 2, 0.01, &[]),
            stage("Process_Wafers", 3, 0.03, &["Raw_Material"]),
            stage("Package_Test_Wafers", 2, 0.04, &["Process_Wafers"]),
            stage("Imager_Base", 4, 0.06, &[]),
            stage(
                "Imager_Assembly",
                2,
                0.12,
                &["Package_Test_Wafers", "Imager_Base"],
            ),
            stage("Ship_to_Final_Assembly", 3, 0.13, &["Imager_Assembly"]),
            stage("Camera", 6, 0.20, &[]),
            stage("Circuit_Board", 4, 0.08, &[]),
            stage("Other_Parts", 3, 0.04, &[]),
            demand_stage(
                "Build_Test_Pack",
                2,
                0.50,
                &[
                    "Camera",
                    "Ship_to_Final_Assembly",
                    "Circuit_Board",
                    "Other_Parts",
                ],
                10.0,
                customer_service_time,
            ),
        ],
    }
}

#[test]
fn snyder_shen_figure_6_14() {
    // (customer service time, stockpyl's optimal cost, S for stages 1..10).
    let cases: [(i64, f64, [i64; 10]); 4] = [
        (2, 18.824_004_472_592_2, [0, 3, 5, 4, 7, 0, 0, 0, 0, 2]),
        (5, 12.468_688_806_103_7, [0, 3, 5, 4, 0, 3, 3, 3, 3, 5]),
        (8, 3.257_882_364_032_85, [0, 3, 1, 1, 3, 6, 6, 4, 3, 8]),
        (12, 0.232_617_430_735_335, [0, 3, 5, 4, 7, 10, 6, 4, 3, 12]),
    ];
    for (s_max, cost, cst) in cases {
        let plan = optimize_guaranteed_service(&figure_6_14(s_max)).unwrap();
        assert!(
            (plan.total_holding_cost - cost).abs() < 1e-9,
            "s = {s_max}: cost {} vs {cost}",
            plan.total_holding_cost
        );
        let got: Vec<i64> = plan
            .stages
            .iter()
            .map(|s| s.outbound_service_time)
            .collect();
        assert_eq!(got, cst, "s = {s_max}");
    }
}

/// Snyder & Shen (2019), Problem 6.7 (serial: Forming → Firing → Glazing), as
/// stockpyl ships it: T = (1, 1, 2), h = (2, 3, 4), SI_ext = 1, demand
/// N(45, 10²), s = 0, z = 4. Optimum S = (2, 3, 0), cost 160√5.
#[test]
fn snyder_shen_problem_6_7_serial() {
    let network = GsmNetwork {
        safety_factor: 4.0,
        stages: vec![
            GsmStage {
                external_inbound_service_time: 1,
                ..stage("Forming", 1, 2.0, &[])
            },
            stage("Firing", 1, 3.0, &["Forming"]),
            GsmStage {
                demand: Some(GsmDemand {
                    mean: 45.0,
                    sd: 10.0,
                }),
                ..stage("Glazing", 2, 4.0, &["Firing"])
            },
        ],
    };
    let plan = optimize_guaranteed_service(&network).unwrap();
    assert!((plan.total_holding_cost - 160.0 * libm::sqrt(5.0)).abs() < 1e-9);
    assert_service_times(&plan, &[("Forming", 2), ("Firing", 3), ("Glazing", 0)]);
    // Glazing: τ = 3 + 2 − 0 = 5; base stock 45·5 + 4·10·√5.
    let glazing = &plan.stages[2];
    assert_eq!(glazing.net_lead_time, 5);
    let base = 45.0 * 5.0 + 40.0 * libm::sqrt(5.0);
    assert!((glazing.base_stock_level - base).abs() < 1e-9);
}

/// Snyder & Shen (2019), Problem 6.9 (a distribution-and-assembly tree: 6 → 5,
/// {4, 5} → 3 → {1, 2}), as stockpyl ships it, z = 4, with three pairs of
/// customer service times (stockpyl `test_problem_6_9*`).
#[test]
fn snyder_shen_problem_6_9_tree() {
    let cases: [(i64, i64, f64, [i64; 6]); 3] = [
        (3, 3, 15.649_530_249_501, [3, 3, 0, 0, 0, 2]),
        (0, 7, 13.121_240_238_718, [0, 7, 0, 0, 0, 2]),
        (21, 5, 10.581_119_010_355_5, [7, 5, 0, 0, 0, 2]),
    ];
    for (s1, s2, cost, cst) in cases {
        let day = 1.0 / 365.0;
        let network = GsmNetwork {
            safety_factor: 4.0,
            stages: vec![
                GsmStage {
                    demand: Some(GsmDemand {
                        mean: 22.0,
                        sd: 4.1,
                    }),
                    max_service_time: Some(s1),
                    ..stage("1", 7, 44.0 * day, &["3"])
                },
                GsmStage {
                    demand: Some(GsmDemand {
                        mean: 15.3,
                        sd: 6.2,
                    }),
                    max_service_time: Some(s2),
                    ..stage("2", 7, 28.0 * day, &["3"])
                },
                stage("3", 21, 18.0 * day, &["4", "5"]),
                stage("4", 3, 1.0 * day, &[]),
                stage("5", 8, 4.0 * day, &["6"]),
                stage("6", 2, 1.5 * day, &[]),
            ],
        };
        let plan = optimize_guaranteed_service(&network).unwrap();
        assert!(
            (plan.total_holding_cost - cost).abs() < 1e-9,
            "({s1}, {s2}): {} vs {cost}",
            plan.total_holding_cost
        );
        let got: Vec<i64> = plan
            .stages
            .iter()
            .map(|s| s.outbound_service_time)
            .collect();
        assert_eq!(got, cst, "({s1}, {s2})");
    }
}

/// A tiny deterministic LCG (Knuth's MMIX constants) for the random trees.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

/// A random tree of `n` stages: each stage after the first links to an
/// earlier one, as its supplier or its customer, at random.
fn random_tree(rng: &mut Lcg, n: usize) -> GsmNetwork {
    let mut stages: Vec<GsmStage> = (0..n)
        .map(|i| GsmStage {
            external_inbound_service_time: rng.next(2) as i64,
            ..stage(
                &format!("s{i}"),
                rng.next(4) as i64,
                0.5 + rng.next(8) as f64 / 4.0,
                &[],
            )
        })
        .collect();
    for i in 1..n {
        let j = rng.next(i as u64) as usize;
        if rng.next(2) == 0 {
            let name = stages[j].name.clone();
            stages[i].suppliers.push(name);
        } else {
            let name = stages[i].name.clone();
            stages[j].suppliers.push(name);
        }
    }
    let names: Vec<String> = stages.iter().map(|s| s.name.clone()).collect();
    for i in 0..n {
        let has_customer = stages.iter().any(|s| s.suppliers.contains(&names[i]));
        if !has_customer || rng.next(4) == 0 {
            stages[i].demand = Some(GsmDemand {
                mean: rng.next(20) as f64,
                sd: 1.0 + rng.next(5) as f64,
            });
            stages[i].max_service_time = Some(rng.next(3) as i64);
        }
    }
    GsmNetwork {
        safety_factor: 1.0 + rng.next(3) as f64 * 0.5,
        stages,
    }
}

/// Least cost by trying every integer outbound service time: for given S the
/// best inbound is the smallest allowed, max(SI_ext, suppliers' S, S − T).
fn brute_force(network: &GsmNetwork, sd: &[f64]) -> f64 {
    let n = network.stages.len();
    let index = |name: &str| network.stages.iter().position(|s| s.name == name).unwrap();
    let sups: Vec<Vec<usize>> = network
        .stages
        .iter()
        .map(|s| s.suppliers.iter().map(|x| index(x)).collect())
        .collect();
    // Any S above the sum of all times is never needed.
    let bound: i64 = network
        .stages
        .iter()
        .map(|s| s.processing_time + s.external_inbound_service_time)
        .sum();
    let mut s = vec![0i64; n];
    let mut best = f64::INFINITY;
    loop {
        let feasible = network.stages.iter().zip(&s).all(|(st, &si)| {
            st.max_service_time.is_none_or(|m| si <= m)
                && (st.demand.is_none() || st.max_service_time.is_some())
        });
        if feasible {
            let mut cost = 0.0;
            for k in 0..n {
                let st = &network.stages[k];
                let inbound = sups[k]
                    .iter()
                    .map(|&i| s[i])
                    .fold(st.external_inbound_service_time, i64::max);
                let inbound = inbound.max(s[k] - st.processing_time);
                let tau = inbound + st.processing_time - s[k];
                cost += st.holding_cost * network.safety_factor * sd[k] * libm::sqrt(tau as f64);
            }
            best = best.min(cost);
        }
        // Next S vector (odometer).
        let mut k = 0;
        while k < n && s[k] == bound {
            s[k] = 0;
            k += 1;
        }
        if k == n {
            return best;
        }
        s[k] += 1;
    }
}

#[test]
fn dp_equals_exhaustive_enumeration_on_random_trees() {
    let mut rng = Lcg(2024);
    for trial in 0..60 {
        let n = 3 + trial % 2;
        let network = random_tree(&mut rng, n);
        let plan = optimize_guaranteed_service(&network).unwrap();
        let sd: Vec<f64> = plan.stages.iter().map(|s| s.demand_sd).collect();
        let want = brute_force(&network, &sd);
        assert!(
            (plan.total_holding_cost - want).abs() < 1e-9 * (1.0 + want),
            "trial {trial}: DP {} vs enumeration {want}\n{network:?}\n{plan:?}",
            plan.total_holding_cost
        );
        // The plan is feasible and its parts add up.
        for (st, p) in network.stages.iter().zip(&plan.stages) {
            assert!(p.net_lead_time >= 0 && p.outbound_service_time >= 0);
            assert_eq!(
                p.net_lead_time,
                p.inbound_service_time + st.processing_time - p.outbound_service_time
            );
            if st.demand.is_some() {
                assert!(p.outbound_service_time <= st.max_service_time.unwrap());
            }
            for sup in &st.suppliers {
                let q = plan.stages.iter().find(|q| &q.name == sup).unwrap();
                assert!(p.inbound_service_time >= q.outbound_service_time);
            }
            assert!(p.inbound_service_time >= st.external_inbound_service_time);
        }
    }
}

/// Net demand: means add, standard deviations add in quadrature.
#[test]
fn net_demand_pools_downstream_variance() {
    let network = GsmNetwork {
        safety_factor: 2.0,
        stages: vec![
            stage("plant", 3, 1.0, &[]),
            GsmStage {
                demand: Some(GsmDemand {
                    mean: 10.0,
                    sd: 3.0,
                }),
                ..stage("east", 1, 2.0, &["plant"])
            },
            GsmStage {
                demand: Some(GsmDemand { mean: 5.0, sd: 4.0 }),
                ..stage("west", 1, 2.0, &["plant"])
            },
        ],
    };
    let plan = optimize_guaranteed_service(&network).unwrap();
    let plant = &plan.stages[0];
    assert_eq!((plant.demand_mean, plant.demand_sd), (15.0, 5.0));
    for p in &plan.stages {
        let ss = 2.0 * p.demand_sd * libm::sqrt(p.net_lead_time as f64);
        assert!((p.safety_stock - ss).abs() < 1e-12);
        assert!((p.base_stock_level - (p.demand_mean * p.net_lead_time as f64 + ss)).abs() < 1e-12);
    }
    // Pooling: the plant (σ = 5, not 3 + 4) covers its whole 3 periods; each DC
    // covers its own 1 period. Cost 1·2·5·√3 + 2·2·3·1 + 2·2·4·1.
    assert_eq!(plant.net_lead_time, 3);
    assert_eq!(
        (plan.stages[1].net_lead_time, plan.stages[2].net_lead_time),
        (1, 1)
    );
    let want = 10.0 * libm::sqrt(3.0) + 28.0;
    assert!((plan.total_holding_cost - want).abs() < 1e-12);
}
