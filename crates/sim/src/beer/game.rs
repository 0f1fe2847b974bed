//! A game in play: the board, the week, the orders people have submitted,
//! the computer players' forecasts and the history so far.

use serde::Serialize;

use super::board::{Board, Moves};
use super::players::{INITIAL_FORECAST, Player, Seen};
use super::result::{BeerResult, StageWeek, Summary, WeekRecord};
use super::{BeerConfig, FACTORY, MAX_ORDER, ROLE_NAMES, STAGES};

/// One stage's stock, as shared when [`super::Sharing::inventories`] is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Position {
    pub inventory: u32,
    pub backlog: u32,
}

/// What a stage's player sees when ordering: the week after steps 1–4.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StageView {
    /// The week being played (the last week once the game is over).
    pub week: u32,
    pub stage: usize,
    pub role: &'static str,
    /// The kind of player (serde name: human, sterman, ...).
    pub player: &'static str,
    /// The order read this week (the retailer: customer demand).
    pub incoming_order: u32,
    /// Cases received into inventory this week.
    pub received: u32,
    /// Cases shipped this week.
    pub shipped: u32,
    /// The factory only: cases it started brewing this week (last week's
    /// production request).
    pub brewed: Option<u32>,
    pub inventory: u32,
    pub backlog: u32,
    /// Cases ordered and not yet received (before this week's order).
    pub supply_line: u32,
    /// This stage's cost up to and including this week.
    pub cost_so_far: f64,
    /// This week's order, once placed.
    pub ordered: Option<u32>,
    /// Whether the game is waiting for this stage's order.
    pub awaited: bool,
    /// This week's end-customer demand: the retailer always sees it; the
    /// others only with customer demand shared.
    pub customer_demand: Option<u32>,
    /// Every stage's inventory and backlog, with inventories shared.
    pub positions: Option<[Position; STAGES]>,
}

/// A game being played week by week.
#[derive(Clone, Debug)]
pub struct BeerGame {
    config: BeerConfig,
    board: Board,
    /// The week being played, 1-based; `weeks + 1` once the game is over.
    week: u32,
    demand: u32,
    moves: Moves,
    /// Each stage's cost this week, recorded in step 3.
    cost: [f64; STAGES],
    cost_so_far: [f64; STAGES],
    orders: [Option<u32>; STAGES],
    /// Each computer player's expected incoming orders, L̂.
    forecast: [f64; STAGES],
    history: Vec<WeekRecord>,
}

impl BeerGame {
    /// A new game at week 1, steps 1–4 done, or every problem with the config.
    pub fn new(config: BeerConfig) -> Result<BeerGame, Vec<String>> {
        let problems = config.validate();
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut game = BeerGame {
            history: Vec::with_capacity(config.weeks as usize),
            config,
            board: Board::initial(),
            week: 1,
            demand: 0,
            moves: Moves::default(),
            cost: [0.0; STAGES],
            cost_so_far: [0.0; STAGES],
            orders: [None; STAGES],
            forecast: [INITIAL_FORECAST; STAGES],
        };
        game.start_week();
        Ok(game)
    }

    /// Plays a game without people to the end.
    pub fn run(config: BeerConfig) -> Result<BeerResult, Vec<String>> {
        let humans: Vec<&str> = (0..STAGES)
            .filter(|&i| config.players[i].is_human())
            .map(|i| ROLE_NAMES[i])
            .collect();
        if !humans.is_empty() {
            return Err(vec![format!(
                "run plays computer players only, but the {} {} human: \
                 play week by week with submit and advance",
                humans.join(" and "),
                if humans.len() == 1 { "is" } else { "are" }
            )]);
        }
        let mut game = BeerGame::new(config)?;
        game.play_out();
        Ok(game.result())
    }

    pub fn config(&self) -> &BeerConfig {
        &self.config
    }

    /// The week being played, from 1; `weeks + 1` once the game is over.
    pub fn week(&self) -> u32 {
        self.week
    }

    pub fn finished(&self) -> bool {
        self.week > self.config.weeks
    }

    /// The first (most downstream) human stage whose order this week is
    /// still missing; `None` when no one is awaited or the game is over.
    pub fn awaiting(&self) -> Option<usize> {
        (0..STAGES).find(|&i| self.is_awaited(i))
    }

    fn is_awaited(&self, stage: usize) -> bool {
        !self.finished() && self.config.players[stage].is_human() && self.orders[stage].is_none()
    }

    /// What `stage`'s player sees this week.
    pub fn view(&self, stage: usize) -> Result<StageView, String> {
        check_stage(stage)?;
        let share = self.config.sharing;
        let ordered = match (self.finished(), self.history.last()) {
            (true, Some(last)) => Some(last.stages[stage].order),
            _ => self.orders[stage],
        };
        Ok(StageView {
            week: self.week.min(self.config.weeks),
            stage,
            role: ROLE_NAMES[stage],
            player: self.config.players[stage].kind(),
            incoming_order: self.moves.incoming[stage],
            received: self.moves.received[stage],
            shipped: self.moves.shipped[stage],
            brewed: (stage == FACTORY).then_some(self.moves.brewed),
            inventory: self.board.inventory[stage],
            backlog: self.board.backlog[stage],
            supply_line: self.board.supply_line(stage),
            cost_so_far: self.cost_so_far[stage],
            ordered,
            awaited: self.is_awaited(stage),
            customer_demand: (stage == 0 || share.customer_demand).then_some(self.demand),
            positions: share.inventories.then(|| self.positions()),
        })
    }

    fn positions(&self) -> [Position; STAGES] {
        std::array::from_fn(|i| Position {
            inventory: self.board.inventory[i],
            backlog: self.board.backlog[i],
        })
    }

    /// A person's order for this week: whole cases, 0 to [`MAX_ORDER`], for
    /// a human stage that has not yet ordered this week.
    pub fn submit(&mut self, stage: usize, cases: i64) -> Result<(), String> {
        check_stage(stage)?;
        let role = ROLE_NAMES[stage];
        if self.finished() {
            return Err(format!(
                "the game is over: all {} weeks are played",
                self.config.weeks
            ));
        }
        let player = &self.config.players[stage];
        if !player.is_human() {
            return Err(format!(
                "the {role} is played by the computer ({}), not by a person",
                player.kind()
            ));
        }
        if let Some(done) = self.orders[stage] {
            return Err(format!(
                "the {role} has already ordered {done} cases for week {}",
                self.week
            ));
        }
        let cases = order_in_range(cases)?;
        self.orders[stage] = Some(cases);
        Ok(())
    }

    /// Once every person has ordered: the computer players order, the orders
    /// are placed (step 5), the week is recorded and the next week's steps
    /// 1–4 are played. Returns whether the week advanced (false while a
    /// person's order is awaited, or once the game is over).
    pub fn advance(&mut self) -> bool {
        if self.finished() || self.awaiting().is_some() {
            return false;
        }
        let supply_line: [u32; STAGES] = std::array::from_fn(|i| self.board.supply_line(i));
        let orders: [u32; STAGES] = std::array::from_fn(|i| self.order_of(i));
        self.board.place(orders);
        self.record(orders, supply_line);
        self.week += 1;
        self.orders = [None; STAGES];
        if !self.finished() {
            self.start_week();
        }
        true
    }

    /// Advances until the game is over or a person's order is awaited;
    /// returns whether the game is over.
    pub fn play_out(&mut self) -> bool {
        while self.advance() {}
        self.finished()
    }

    /// The weeks played so far.
    pub fn history(&self) -> &[WeekRecord] {
        &self.history
    }

    /// Totals over the weeks played so far.
    pub fn summary(&self) -> Summary {
        Summary::of(&self.history)
    }

    /// The config, the weeks played so far and their summary.
    pub fn result(&self) -> BeerResult {
        BeerResult::new(self.config.clone(), self.history.clone())
    }

    /// Cases on the board now: inventories plus shipping and production
    /// boxes. Equals [`super::INITIAL_CASES`] plus all cases brewed minus
    /// all cases delivered to customers.
    pub fn cases_in_system(&self) -> u64 {
        self.board.cases()
    }

    /// Steps 1–4 of the current week, and the costs recorded in step 3.
    fn start_week(&mut self) {
        self.demand = self.config.demand.at(self.week);
        let mut moves = Moves {
            received: self.board.receive(),
            ..Moves::default()
        };
        self.board.fill(self.demand, &mut moves);
        let costs = self.config.costs;
        for i in 0..STAGES {
            let held = f64::from(self.board.inventory[i]) * costs.holding;
            let owed = f64::from(self.board.backlog[i]) * costs.backlog;
            self.cost[i] = held + owed;
            self.cost_so_far[i] += self.cost[i];
        }
        moves.brewed = self.board.advance_slips();
        self.moves = moves;
    }

    /// The order a person submitted, or a computer player's decision.
    fn order_of(&mut self, stage: usize) -> u32 {
        if let Some(cases) = self.orders[stage] {
            return cases;
        }
        let seen = Seen {
            incoming: self.moves.incoming[stage],
            signal: if self.config.sharing.customer_demand {
                self.demand
            } else {
                self.moves.incoming[stage]
            },
            inventory: self.board.inventory[stage],
            backlog: self.board.backlog[stage],
            supply_line: self.board.supply_line(stage),
        };
        let player: &Player = &self.config.players[stage];
        // Humans always have an order by now (advance checks), so None is
        // unreachable; ordering nothing keeps it from panicking regardless.
        player.decide(&seen, &mut self.forecast[stage]).unwrap_or(0)
    }

    /// Appends the week played, with each stage's supply line as seen
    /// before ordering.
    fn record(&mut self, orders: [u32; STAGES], supply_line: [u32; STAGES]) {
        let m = &self.moves;
        let stages = std::array::from_fn(|i| StageWeek {
            incoming_order: m.incoming[i],
            received: m.received[i],
            shipped: m.shipped[i],
            inventory: self.board.inventory[i],
            backlog: self.board.backlog[i],
            supply_line: supply_line[i],
            order: orders[i],
            cost: self.cost[i],
        });
        self.history.push(WeekRecord {
            week: self.week,
            customer_demand: self.demand,
            brewed: m.brewed,
            stages,
        });
    }
}

fn check_stage(stage: usize) -> Result<(), String> {
    if stage < STAGES {
        Ok(())
    } else {
        Err(format!(
            "there is no stage {stage}: stages are 0 (retailer) to {} (factory)",
            STAGES - 1
        ))
    }
}

fn order_in_range(cases: i64) -> Result<u32, String> {
    if cases < 0 {
        return Err(format!("an order can't be negative, got {cases} cases"));
    }
    match u32::try_from(cases) {
        Ok(c) if c <= MAX_ORDER => Ok(c),
        _ => Err(format!(
            "an order of {cases} cases is over the {MAX_ORDER}-case limit"
        )),
    }
}
