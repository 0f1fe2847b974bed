//! The beer game board model (`supply_sim::beer`): the board's timing week
//! by week, its steady state, the bullwhip under Sterman's heuristic and
//! the levers against it, conservation of cases, and bad input.

use supply_sim::beer::{
    BeerConfig, BeerGame, BeerResult, DemandPattern, INITIAL_CASES, INITIAL_FLOW,
    INITIAL_INVENTORY, Player, STAGES, Sharing, Summary,
};

const RETAILER: usize = 0;
const WHOLESALER: usize = 1;
const DISTRIBUTOR: usize = 2;
const FACTORY: usize = 3;

fn humans(weeks: u32, demand: DemandPattern) -> BeerConfig {
    BeerConfig {
        weeks,
        demand,
        players: std::array::from_fn(|_| Player::Human),
        ..BeerConfig::default()
    }
}

/// Plays a game of four people, each ordering `order(stage, week)`,
/// checking the turn-taking on the way.
fn play_humans(config: BeerConfig, order: impl Fn(usize, u32) -> i64) -> BeerGame {
    let mut game = BeerGame::new(config).expect("valid config");
    while !game.finished() {
        let week = game.week();
        for stage in 0..STAGES {
            assert_eq!(game.awaiting(), Some(stage), "week {week}");
            assert!(
                !game.advance(),
                "week {week}: advanced without stage {stage}"
            );
            game.submit(stage, order(stage, week)).expect("valid order");
        }
        assert_eq!(game.awaiting(), None);
        assert!(game.advance());
    }
    game
}

fn run(config: BeerConfig) -> BeerResult {
    BeerGame::run(config).expect("valid all-computer config")
}

fn ratios(s: &Summary) -> [f64; STAGES] {
    std::array::from_fn(|i| s.stages[i].order_variance_ratio.expect("demand varies"))
}

/// Test 1. The retailer orders 10 instead of 4 in week 4 and the factory
/// requests 9 in week 10; everyone else orders 4 against a steady demand of
/// 4. The extra order reaches the wholesaler in week 6 (two weeks of mail),
/// which ships it at once from stock; the retailer receives it in week 8
/// (two weeks of shipping). The factory's request is brewed in week 11 and
/// reaches its inventory in week 13.
#[test]
fn board_timing_week_by_week() {
    let order = |stage, week| match (stage, week) {
        (RETAILER, 4) => 10,
        (FACTORY, 10) => 9,
        _ => 4,
    };
    let game = play_humans(humans(20, DemandPattern::constant(4)), order);
    for w in game.history() {
        let t = w.week;
        let [r, wh, _, f] = &w.stages;
        let expect = |at: u32, hit: u32| if t == at { hit } else { 4 };
        assert_eq!(
            wh.incoming_order,
            expect(6, 10),
            "wholesaler's order, week {t}"
        );
        assert_eq!(wh.shipped, expect(6, 10), "wholesaler ships, week {t}");
        assert_eq!(r.received, expect(8, 10), "retailer receives, week {t}");
        assert_eq!(w.brewed, expect(11, 9), "factory brews, week {t}");
        assert_eq!(f.received, expect(13, 9), "factory receives, week {t}");
        // The wholesaler had 16 cases when the 10 came: it is left with 6.
        assert_eq!(wh.inventory, if t < 6 { 12 } else { 6 }, "week {t}");
        assert_eq!(r.inventory, if t < 8 { 12 } else { 18 }, "week {t}");
        assert_eq!(f.inventory, if t < 13 { 12 } else { 17 }, "week {t}");
        assert_eq!(wh.backlog + r.backlog + f.backlog, 0);
    }
    assert_link_delays(game.history());
}

/// The delays as identities: a stage's incoming order is its customer's
/// order of two weeks before, its receipts its supplier's shipments of two
/// weeks before; the brewery brews last week's request and the factory
/// receives what was brewed two weeks before. (The first weeks come from
/// the board's initial slips and cases, all 4.)
fn assert_link_delays(history: &[supply_sim::beer::WeekRecord]) {
    let at = |t: usize| &history[t - 1];
    for t in 1..=history.len() {
        let w = at(t);
        for i in 0..STAGES - 1 {
            let ordered = if t > 2 {
                at(t - 2).stages[i].order
            } else {
                INITIAL_FLOW
            };
            assert_eq!(
                w.stages[i + 1].incoming_order,
                ordered,
                "week {t} stage {}",
                i + 1
            );
            let sent = if t > 2 {
                at(t - 2).stages[i + 1].shipped
            } else {
                INITIAL_FLOW
            };
            assert_eq!(w.stages[i].received, sent, "week {t} stage {i}");
        }
        let requested = if t > 1 {
            at(t - 1).stages[FACTORY].order
        } else {
            INITIAL_FLOW
        };
        assert_eq!(w.brewed, requested, "week {t}");
        let brewed = if t > 2 {
            at(t - 2).brewed
        } else {
            INITIAL_FLOW
        };
        assert_eq!(w.stages[FACTORY].received, brewed, "week {t}");
    }
}

/// Test 2. Constant demand of 4 with everyone ordering 4 (passing orders on,
/// or people ordering 4): every inventory stays at 12, nothing is
/// backlogged, and the team pays 0.5 × 12 × 4 = 24 every week, exactly.
#[test]
fn steady_state_costs_exactly_24_a_week() {
    let weeks = 52;
    let pass_on = BeerConfig {
        weeks,
        demand: DemandPattern::constant(4),
        players: std::array::from_fn(|_| Player::PassOn),
        ..BeerConfig::default()
    };
    let by_hand = play_humans(humans(weeks, DemandPattern::constant(4)), |_, _| 4).result();
    for result in [run(pass_on), by_hand] {
        for w in &result.history {
            for s in &w.stages {
                assert_eq!((s.inventory, s.backlog), (INITIAL_INVENTORY, 0));
                assert_eq!((s.order, s.shipped, s.received), (4, 4, 4));
                assert_eq!(s.cost, 6.0);
            }
            let team: f64 = w.stages.iter().map(|s| s.cost).sum();
            assert_eq!(team, 0.5 * 12.0 * 4.0, "week {}", w.week);
        }
        assert_eq!(result.summary.team_cost, 24.0 * f64::from(weeks));
        for s in &result.summary.stages {
            assert_eq!(s.order_variance, 0.0);
            assert_eq!(
                s.order_variance_ratio, None,
                "undefined for constant demand"
            );
        }
    }
}

/// Test 3. Four Sterman players on the board game (the default config): the
/// order-variance ratio rises at every step up the chain, and the
/// factory's is far above 1.
#[test]
fn sterman_team_shows_the_bullwhip() {
    let r = run(BeerConfig::default());
    let ratio = ratios(&r.summary);
    eprintln!("sterman ratios {ratio:?} team cost {}", r.summary.team_cost);
    for i in 1..STAGES {
        assert!(
            ratio[i] > ratio[i - 1],
            "stage {i}: ratio {} not above stage {}'s {}",
            ratio[i],
            i - 1,
            ratio[i - 1]
        );
    }
    assert!(ratio[RETAILER] > 1.0, "retailer ratio {}", ratio[RETAILER]);
    assert!(ratio[FACTORY] > 10.0, "factory ratio {}", ratio[FACTORY]);
    assert!(r.summary.stages[FACTORY].peak_backlog > 0);
}

/// Test 4. Sharing end-customer demand (computer players forecast from it)
/// lowers the factory's order-variance ratio for the Sterman team.
#[test]
fn sharing_customer_demand_tames_the_factory() {
    let local = run(BeerConfig::default());
    let shared = run(BeerConfig {
        sharing: Sharing {
            customer_demand: true,
            inventories: false,
        },
        ..BeerConfig::default()
    });
    let (before, after) = (ratios(&local.summary), ratios(&shared.summary));
    eprintln!(
        "factory ratio local {} shared {}",
        before[FACTORY], after[FACTORY]
    );
    eprintln!(
        "team cost local {} shared {}",
        local.summary.team_cost, shared.summary.team_cost
    );
    assert!(
        after[FACTORY] < before[FACTORY],
        "shared {} vs local {}",
        after[FACTORY],
        before[FACTORY]
    );
    // The retailer forecasts from customer demand either way; it gains only
    // from a steadier supplier (its supply line holds the wholesaler's backlog).
    assert!(after[RETAILER] <= before[RETAILER]);
}

/// Test 5. A base-stock team costs less than the Sterman team. Its levels
/// are the pipeline at the new demand of 8 plus the board's 12 cases, so
/// that inventory settles back at 12: 8 × 4 + 12 = 44 below the factory (an
/// order is 4 weeks in the pipeline: 2 mail, 2 shipping) and 8 × 3 + 12 =
/// 36 at the factory (1 request, 2 brewing).
#[test]
fn base_stock_team_beats_sterman_team() {
    let levels = [44, 44, 44, 36];
    let base = run(BeerConfig::with_players(std::array::from_fn(|i| {
        Player::BaseStock { level: levels[i] }
    })));
    let sterman = run(BeerConfig::default());
    eprintln!(
        "team cost base stock {} sterman {}; base-stock ratios {:?}",
        base.summary.team_cost,
        sterman.summary.team_cost,
        ratios(&base.summary)
    );
    assert!(base.summary.team_cost < sterman.summary.team_cost);
}

/// Test 6. Cases are conserved every week: cases on the board (inventories,
/// shipping and production boxes) = the 80 at the start + cases brewed −
/// cases delivered to customers. Backlogs are orders read less cases
/// shipped, and each supply line is the board's initial one plus orders
/// placed less cases received.
#[test]
fn cases_are_conserved_every_week() {
    let configs = [
        BeerConfig::default(),
        BeerConfig::with_players(std::array::from_fn(|_| Player::BaseStock { level: 30 })),
        BeerConfig::with_players([
            Player::PassOn,
            Player::sterman(),
            Player::BaseStock { level: 20 },
            Player::Sterman {
                theta: 1.0,
                alpha_s: 1.0,
                beta: 0.0,
                s_prime: 40.0,
            },
        ]),
    ];
    for config in configs {
        check_conservation(BeerGame::new(config).unwrap(), |_, _| None);
    }
    // People ordering erratically, up to the 10,000-case limit once.
    let erratic = |stage: usize, week: u32| {
        let w = i64::from(week);
        Some(if w == 9 && stage == 2 {
            10_000
        } else {
            (w * 7 + stage as i64 * 3) % 13
        })
    };
    check_conservation(
        BeerGame::new(humans(60, DemandPattern::default())).unwrap(),
        erratic,
    );
}

fn check_conservation(mut game: BeerGame, order: impl Fn(usize, u32) -> Option<i64>) {
    assert_eq!(INITIAL_CASES, 80);
    while !game.finished() {
        // Mid-week (steps 1-4 done): this week's brewing and deliveries count too.
        let (factory, retailer) = (game.view(FACTORY).unwrap(), game.view(RETAILER).unwrap());
        let now = (factory.brewed.unwrap(), retailer.shipped);
        assert_balance(&game, now);
        for stage in 0..STAGES {
            if let Some(cases) = order(stage, game.week()) {
                game.submit(stage, cases).unwrap();
            }
        }
        assert!(game.advance());
        for i in 0..STAGES {
            check_stage_books(game.history(), i);
        }
    }
    assert_balance(&game, (0, 0));
    assert_link_delays(game.history());
}

/// Cases on the board + delivered = 80 + brewed, over the weeks recorded
/// and `(brewed, delivered)` of a week under way.
fn assert_balance(game: &BeerGame, (brewed_now, delivered_now): (u32, u32)) {
    let h = game.history();
    let brewed: u64 = h.iter().map(|w| u64::from(w.brewed)).sum::<u64>() + u64::from(brewed_now);
    let delivered: u64 = h
        .iter()
        .map(|w| u64::from(w.stages[RETAILER].shipped))
        .sum::<u64>()
        + u64::from(delivered_now);
    assert_eq!(
        game.cases_in_system() + delivered,
        80 + brewed,
        "week {}",
        game.week()
    );
}

fn check_stage_books(h: &[supply_sim::beer::WeekRecord], i: usize) {
    let last = &h[h.len() - 1].stages[i];
    let sum = |f: fn(&supply_sim::beer::StageWeek) -> u32| -> i64 {
        h.iter().map(|w| i64::from(f(&w.stages[i]))).sum()
    };
    assert_eq!(
        i64::from(last.backlog),
        sum(|s| s.incoming_order) - sum(|s| s.shipped)
    );
    // Before the board starts: 2 slips + 2 boxes of 4 below the factory;
    // the factory's request slip + 2 production boxes.
    let initial = if i == FACTORY { 12 } else { 16 };
    let ordered_before = sum(|s| s.order) - i64::from(last.order);
    let expected = initial + ordered_before - sum(|s| s.received);
    assert_eq!(
        i64::from(last.supply_line),
        expected,
        "stage {i} week {}",
        h.len()
    );
}

/// Test 7. Bad input gives clear errors, never a panic; results survive a
/// JSON round trip and a damaged file is refused.
#[test]
fn bad_orders_are_refused() {
    let mut sterman = BeerGame::new(BeerConfig::default()).unwrap();
    let e = sterman.submit(WHOLESALER, 4).unwrap_err();
    assert!(e.contains("wholesaler") && e.contains("computer"), "{e}");
    assert!(sterman.submit(7, 4).unwrap_err().contains("no stage 7"));
    assert!(sterman.view(4).is_err());
    assert_eq!(sterman.awaiting(), None);

    let mut people = BeerGame::new(humans(2, DemandPattern::default())).unwrap();
    for (cases, says) in [(-1, "negative"), (10_001, "limit"), (i64::MAX, "limit")] {
        let e = people.submit(DISTRIBUTOR, cases).unwrap_err();
        assert!(e.contains(says), "{cases}: {e}");
    }
    people.submit(DISTRIBUTOR, 10_000).unwrap();
    assert!(
        people
            .submit(DISTRIBUTOR, 4)
            .unwrap_err()
            .contains("already ordered")
    );
    assert_eq!(people.awaiting(), Some(RETAILER));
    assert!(people.view(DISTRIBUTOR).unwrap().ordered == Some(10_000));
    assert!(!people.advance(), "advanced with three orders missing");
    for _ in 0..2 {
        for stage in 0..STAGES {
            let _ = people.submit(stage, 0);
        }
        assert!(people.advance());
    }
    assert!(people.finished());
    assert!(people.submit(RETAILER, 4).unwrap_err().contains("over"));
    assert!(!people.advance());
    assert!(BeerGame::run(humans(3, DemandPattern::default())).is_err());
}

#[test]
fn bad_configs_list_every_problem() {
    let mut c = BeerConfig::with_players([
        Player::Sterman {
            theta: f64::NAN,
            alpha_s: -0.1,
            beta: 0.34,
            s_prime: f64::INFINITY,
        },
        Player::BaseStock { level: -5 },
        Player::PassOn,
        Player::Human,
    ]);
    c.weeks = 0;
    c.costs.holding = f64::NAN;
    c.costs.backlog = -1.0;
    c.demand = DemandPattern::Step {
        before: 4,
        after: 20_000,
        from_week: 0,
    };
    let problems = c.validate();
    eprintln!("{problems:#?}");
    for says in [
        "weeks must be at least 1",
        "players[0] (retailer): sterman theta",
        "sterman alpha_s",
        "sterman s_prime",
        "players[1] (wholesaler): base_stock level",
        "costs holding",
        "costs backlog",
        "demand after the step is 20000",
        "from_week",
    ] {
        assert!(
            problems.iter().any(|p| p.contains(says)),
            "no problem with {says:?}"
        );
    }
    assert_eq!(problems.len(), 9);
    assert_eq!(BeerGame::new(c).unwrap_err().len(), 9);

    let long = BeerConfig {
        weeks: 521,
        demand: DemandPattern::List { cases: vec![4; 10] },
        ..BeerConfig::default()
    };
    let problems = long.validate();
    assert!(
        problems.iter().any(|p| p.contains("at most 520")),
        "{problems:?}"
    );
    assert!(
        problems.iter().any(|p| p.contains("lists 10 weeks")),
        "{problems:?}"
    );

    assert!(BeerConfig::from_json(r#"{"weeks": -3}"#).unwrap_err()[0].contains("not a beer"));
    assert!(BeerConfig::from_json(r#"{"players": [{"type": "oracle"}]}"#).is_err());
    let ok = BeerConfig::from_json(r#"{"weeks": 40, "sharing": {"customer_demand": true}}"#);
    let ok = ok.expect("missing fields take the board's defaults");
    assert_eq!((ok.weeks, ok.players[3].clone()), (40, Player::sterman()));
}

#[test]
fn results_round_trip_and_damage_is_refused() {
    let mut c = BeerConfig::default();
    c.players[RETAILER] = Player::BaseStock { level: 30 };
    c.sharing.inventories = true;
    let r = run(c.clone());
    let json = r.to_json();
    let back = BeerResult::from_json(&json).expect("round trip");
    assert_eq!(back, r);
    assert_eq!(run(c).to_json(), json, "deterministic");

    let cut = &json[..json.len() / 2];
    assert!(
        BeerResult::from_json(cut)
            .unwrap_err()
            .contains("not a beer game result")
    );
    let v2 = json.replacen("\"version\": 1", "\"version\": 2", 1);
    assert!(
        BeerResult::from_json(&v2)
            .unwrap_err()
            .contains("version 2")
    );
    let skipped = json.replacen("\"week\": 2,", "\"week\": 3,", 1);
    assert!(
        BeerResult::from_json(&skipped)
            .unwrap_err()
            .contains("expected week 2")
    );
    let class = BeerResult::load_class(&[&json, "{}", &json]);
    let problems = class.unwrap_err();
    assert_eq!(problems.len(), 1);
    assert!(problems[0].starts_with("file 2:"), "{problems:?}");
    assert_eq!(BeerResult::load_class(&[&json, &json]).unwrap().len(), 2);
}
