//! The beer distribution game as a board model, playable week by week.
//!
//! Four stages in a line, retailer (0), wholesaler (1), distributor (2) and
//! factory (3), exactly as on the board of Sterman, J.D. (1989) "Modeling
//! managerial behavior: misperceptions of feedback in a dynamic decision
//! making experiment", *Management Science* 35(3):321–339. The board's rules,
//! initial conditions and costs are those of the System Dynamics Society's
//! *Instructions for Running the Production-Distribution Game* (May 1998,
//! adapted from Sterman's instructions, MIT D-3679, 1984), which this module
//! calls "the instructions" below; the heuristic's parameters are Sterman's
//! (1989) mean estimates (see [`players`]).
//!
//! This is a separate model from the discrete-event engine: whole cases,
//! whole weeks, no randomness, no clock. Same config, same orders: same
//! result, bit for bit, natively and in wasm.
//!
//! # The board
//!
//! Between two stages lie two shipping boxes (cases, a two-week shipping
//! delay) and two order boxes ("orders placed" and "incoming orders": a
//! two-week mail delay). The factory has a production-request box (one
//! week) and two production-delay boxes (two weeks). At the start every
//! inventory holds 12 cases, every shipping and production box 4 cases and
//! every order box a slip reading 4 (instructions §5a; their checklist asks
//! for "seven order slips per game board with 4 on each one": two per link
//! and the production request). Customers order 4 cases a week until week 5
//! and 8 a week from week 5 on (§5b). Holding costs 0.50 per case per week,
//! backlog 1.00 (§3c). The game is halted after 36 weeks (§7a).
//!
//! The timing below agrees with the board replica of Edali, M. & Yasarcan,
//! H. (2014) "A mathematical model of the beer game", *JASSS* 17(4):2,
//! which reproduces Sterman's benchmark costs ("orders placed at week
//! (t+1) ... become the incoming orders ... at week (t+2)"; costs 0.5 and 1
//! per case-week), and with J. Paine's MIT R model of the game (shipping
//! delay 2 weeks, information delay 2 weeks, 12 cases, 0.5 and 1).
//!
//! # A week
//!
//! The instructions' five steps, every stage at once:
//!
//! 1. Receive inventory and advance the shipping delays (the factory
//!    advances its production delay).
//! 2. Look at the incoming order and fill it plus the backlog from
//!    inventory, as far as stock allows, into the far shipping box on the
//!    way to the customer stage (the retailer ships to end customers).
//! 3. Record inventory or backlog; the week's cost is charged on these.
//! 4. Advance the order slips; the brewery brews (last week's production
//!    request becomes cases in the far production box).
//! 5. Place and record orders (the factory: its production request).
//!
//! A player decides after step 4, so [`BeerGame::view`] shows the week after
//! steps 1–4 and [`BeerGame::advance`] performs step 5 and then steps 1–4 of
//! the next week. (Reading the slip in step 2 and advancing the slips in
//! step 4, as the instructions do, or advancing them in step 2 as some
//! descriptions do, gives the same timing: nothing reads the boxes between.)
//!
//! # Timeline
//!
//! An order placed by stage *i* in week *t*:
//!
//! | week | step | where it is |
//! |------|------|-------------|
//! | t    | 5    | written into the "orders placed" box |
//! | t+1  | 4    | moved to stage *i+1*'s "incoming orders" box |
//! | t+2  | 2    | read by stage *i+1*, which ships what it can into the far shipping box |
//! | t+3  | 1    | the cases move to the near shipping box |
//! | t+4  | 1    | the cases enter stage *i*'s inventory |
//!
//! A production request placed by the factory in week *t*:
//!
//! | week | step | where it is |
//! |------|------|-------------|
//! | t    | 5    | written into the production-request box |
//! | t+1  | 4    | brewed: cases in the far production box (production starts) |
//! | t+2  | 1    | the near production box |
//! | t+3  | 1    | the factory's inventory |
//!
//! So the lead time from order to goods is four weeks at the three lower
//! stages (if the supplier has stock) and three weeks at the factory, which
//! never runs short of raw material.
//!
//! # Units
//!
//! Cases are whole and conserved: the cases in inventories, shipping boxes
//! and production boxes equal the 80 on the board at the start plus every
//! case brewed minus every case delivered to customers
//! ([`BeerGame::cases_in_system`]). Orders and requests are slips, not cases.

mod board;
mod config;
mod game;
pub mod players;
mod result;

pub use config::{BeerConfig, Costs, DemandPattern, Sharing};
pub use game::{BeerGame, Position, StageView};
pub use players::Player;
pub use result::{BeerResult, RESULT_VERSION, StageSummary, StageWeek, Summary, WeekRecord};

/// Number of stages on the board: retailer, wholesaler, distributor, factory.
pub const STAGES: usize = 4;

/// Index of the factory, the only stage that brews instead of ordering.
pub const FACTORY: usize = STAGES - 1;

/// Stage names in board order, retailer (0) to factory (3).
pub const ROLE_NAMES: [&str; STAGES] = ["retailer", "wholesaler", "distributor", "factory"];

/// Cases in every inventory at the start: "twelve chips ... in each
/// inventory" (instructions §5a).
pub const INITIAL_INVENTORY: u32 = 12;

/// Cases in every shipping and production box, and the number on every
/// order slip, at the start: "four chips in each shipping box and
/// production delay ... order slips with 4 written on them ... in each order
/// box" (instructions §5a). Also the equilibrium order rate the heuristic's
/// forecast starts from.
pub const INITIAL_FLOW: u32 = 4;

/// Weeks cases spend between two stages: two shipping boxes (instructions
/// §5a; Sterman 1989, a two-week shipping delay).
pub const SHIPPING_DELAY_WEEKS: usize = 2;

/// Weeks an order slip spends in the mail: the "orders placed" and
/// "incoming orders" boxes (instructions §2b, §5a).
pub const MAIL_DELAY_WEEKS: usize = 2;

/// Weeks a production request waits before brewing: one production-request
/// box (instructions §4 step 4: "converts the production request from last
/// week into cases").
pub const REQUEST_DELAY_WEEKS: usize = 1;

/// Weeks beer spends brewing: two production-delay boxes (instructions §5a).
pub const PRODUCTION_DELAY_WEEKS: usize = 2;

/// Cases on the board at the start: 12 in each of 4 inventories, 4 in each
/// of 3 × 2 shipping boxes and 2 production boxes.
pub const INITIAL_CASES: u32 = STAGES as u32 * INITIAL_INVENTORY
    + ((STAGES - 1) * SHIPPING_DELAY_WEEKS + PRODUCTION_DELAY_WEEKS) as u32 * INITIAL_FLOW;

/// Default length of a game: "Halt the game after about 36 weeks"
/// (instructions §7a; the players are told it lasts 50).
pub const DEFAULT_WEEKS: u32 = 36;

/// Longest game accepted: ten years of weekly play. A sanity limit of this
/// model, not a rule of the board.
pub const MAX_WEEKS: u32 = 520;

/// Largest order (or customer demand) accepted in a week: 2,500 times the
/// board's steady order of 4. A sanity limit of this model; computer
/// players' orders are capped here too.
pub const MAX_ORDER: u32 = 10_000;

/// Largest stock target accepted (Sterman's S', a base-stock level): ten
/// weeks of the largest order. A sanity limit of this model.
pub const MAX_LEVEL: u32 = 10 * MAX_ORDER;

/// Customer demand before the step: "four cases per week until week five"
/// (instructions §5b).
pub const DEMAND_BEFORE: u32 = 4;

/// Customer demand from the step on: "then eight per week from week five
/// on" (instructions §5b).
pub const DEMAND_AFTER: u32 = 8;

/// First week of the higher demand (instructions §5b).
pub const DEMAND_STEP_WEEK: u32 = 5;

/// Holding cost per case per week: "$0.50 per case per week" (instructions
/// §3c; Sterman 1989).
pub const HOLDING_COST: f64 = 0.5;

/// Backlog cost per case per week: "$1.00 per case per week" (instructions
/// §3c; Sterman 1989).
pub const BACKLOG_COST: f64 = 1.0;
