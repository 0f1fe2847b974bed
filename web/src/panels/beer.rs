//! The beer game, playable: set up roles (people or computer players) and
//! information sharing, play week by week from the keyboard, then the
//! debrief charts. Runs `supply_sim::beer`; opened from the top bar's
//! "Beer game" button or with `?beer=1`.
//!
//! The dialog moves through four phases: setup (`beer_setup.rs`, with the
//! link options parsed here), play
//! (`beer_board.rs`), the debrief (`beer_debrief.rs`, charts drawn by
//! `beer_charts.rs`) and the class view of many teams' result files
//! (`beer_class.rs`). An instructor can preset the setup with link options,
//! `?beer=1&roles=retailer,factory&share=demand,inventory&weeks=N`; a value
//! the page does not know is named in the setup and left at its default.

#[path = "beer_board.rs"]
mod board;
#[path = "beer_charts.rs"]
mod charts;
#[path = "beer_class.rs"]
mod class;
#[path = "beer_debrief.rs"]
mod debrief;
#[path = "beer_setup.rs"]
mod setup;

use leptos::prelude::*;
use supply_sim::beer::{
    BeerConfig, BeerGame as Game, DEFAULT_WEEKS, MAX_WEEKS, Player, ROLE_NAMES, STAGES, Sharing,
};

/// Base-stock levels by stage, retailer first: the pipeline at the board's
/// demand of 8 plus its 12 cases, so inventory settles back at 12: 8 × 4 +
/// 12 = 44 below the factory (an order spends 4 weeks in the pipeline) and
/// 8 × 3 + 12 = 36 at the factory (1 week's request, 2 brewing). As in
/// `crates/sim/tests/beer_board.rs`, test 5.
pub(crate) const BASE_STOCK_LEVELS: [i64; STAGES] = [44, 44, 44, 36];

/// Who sits at a stage, as the setup offers it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Seat {
    Person,
    Sterman,
    BaseStock,
    PassOn,
}

impl Seat {
    const ALL: [Seat; 4] = [Seat::Person, Seat::Sterman, Seat::BaseStock, Seat::PassOn];

    /// The select's value for this seat.
    fn key(self) -> &'static str {
        match self {
            Seat::Person => "person",
            Seat::Sterman => "sterman",
            Seat::BaseStock => "base_stock",
            Seat::PassOn => "pass_on",
        }
    }

    fn from_key(key: &str) -> Option<Seat> {
        Seat::ALL.into_iter().find(|s| s.key() == key)
    }

    fn label(self) -> &'static str {
        match self {
            Seat::Person => "A person",
            Seat::Sterman => "Computer (Sterman)",
            Seat::BaseStock => "Computer (base stock)",
            Seat::PassOn => "Computer (pass on)",
        }
    }

    /// A line under the select saying what this player does.
    fn tip(self, stage: usize) -> String {
        match self {
            Seat::Person => "Types this role's order each week".into(),
            Seat::Sterman => "Sterman's (1989) anchoring and adjustment".into(),
            Seat::BaseStock => format!("Orders up to {} cases", BASE_STOCK_LEVELS[stage]),
            Seat::PassOn => "Orders what it was ordered".into(),
        }
    }

    /// What the player does in full, for the tooltip.
    fn explanation(self, stage: usize) -> String {
        match self {
            Seat::Person => "Someone at this screen types this role's order each week".into(),
            Seat::Sterman => STERMAN_TIP.into(),
            Seat::BaseStock => format!(
                "Orders up to {} cases of inventory position (inventory − backlog + on order)",
                BASE_STOCK_LEVELS[stage]
            ),
            Seat::PassOn => "Passes on exactly what it was ordered this week".into(),
        }
    }

    fn player(self, stage: usize) -> Player {
        match self {
            Seat::Person => Player::Human,
            Seat::Sterman => Player::sterman(),
            Seat::BaseStock => Player::BaseStock {
                level: BASE_STOCK_LEVELS[stage],
            },
            Seat::PassOn => Player::PassOn,
        }
    }
}

/// The tooltip of Sterman's computer player.
const STERMAN_TIP: &str = "Sterman's anchoring-and-adjustment rule with his 1989 mean estimated \
    parameters (θ 0.36, α 0.26, β 0.34, S′ 17): forecast the orders, then close about a quarter \
    of the stock gap, counting only a third of what is already on order";

/// How a player of a finished or running game is described: "A person",
/// "Sterman's player", ...
pub(crate) fn player_label(p: &Player) -> &'static str {
    match p {
        Player::Human => "A person",
        Player::Sterman { .. } => "Sterman's player",
        Player::BaseStock { .. } => "Base stock",
        Player::PassOn => "Passes orders on",
    }
}

/// A stage's name with a capital: "Retailer".
pub(crate) fn role_title(stage: usize) -> String {
    let name = ROLE_NAMES.get(stage).copied().unwrap_or("stage");
    let mut c = name.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The roles people play, as a phrase: "the retailer and the factory".
pub(crate) fn people_phrase(players: &[Player; STAGES]) -> String {
    let roles: Vec<String> = (0..STAGES)
        .filter(|&i| players[i].is_human())
        .map(|i| format!("the {}", ROLE_NAMES[i]))
        .collect();
    match roles.as_slice() {
        [] => "nobody (computer only)".into(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// What each stage was shown beyond its own position, as a phrase.
pub(crate) fn sharing_phrase(sharing: Sharing) -> &'static str {
    match (sharing.customer_demand, sharing.inventories) {
        (false, false) => "nothing",
        (true, false) => "customer demand",
        (false, true) => "inventories",
        (true, true) => "demand and inventories",
    }
}

/// A cost in the board's dollars, to the cent, thousands separated.
pub(crate) fn dollars(v: f64) -> String {
    let cents = (v * 100.0).round();
    let whole = (cents / 100.0).trunc().abs() as u64;
    let frac = (cents.abs() % 100.0) as u64;
    let digits = whole.to_string();
    let mut grouped = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    let sign = if cents < 0.0 { "−" } else { "" };
    format!("{sign}${grouped}.{frac:02}")
}

/// An order-variance ratio, or a dash when customer demand never varied.
pub(crate) fn ratio_text(r: Option<f64>) -> String {
    r.map_or_else(|| "—".into(), |r| format!("{r:.1}"))
}

/// A beer table (`class` beside "beer-table"): its caption, the column
/// headings (`th` cells), the body's rows and a foot (`()` for none).
pub(crate) fn beer_table(
    class: &'static str,
    testid: &'static str,
    caption: impl IntoView,
    head: impl IntoView,
    rows: impl IntoView,
    foot: impl IntoView,
) -> impl IntoView {
    view! {
        <table class=format!("beer-table {class}") data-testid=testid>
            <caption>{caption}</caption>
            <thead><tr>{head}</tr></thead>
            <tbody>{rows}</tbody>
            {foot}
        </table>
    }
}

/// The game's setup: who plays each stage, what is shared, how long.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Setup {
    pub seats: [Seat; STAGES],
    pub sharing: Sharing,
    pub weeks: u32,
}

impl Default for Setup {
    /// The person plays the retailer, Sterman's player the rest; nothing
    /// shared; the board's 36 weeks.
    fn default() -> Self {
        let mut seats = [Seat::Sterman; STAGES];
        seats[0] = Seat::Person;
        Setup {
            seats,
            sharing: Sharing::default(),
            weeks: DEFAULT_WEEKS,
        }
    }
}

impl Setup {
    pub fn config(&self) -> BeerConfig {
        BeerConfig {
            weeks: self.weeks,
            sharing: self.sharing,
            players: std::array::from_fn(|i| self.seats[i].player(i)),
            ..BeerConfig::default()
        }
    }

    /// The setup a link asks for (`roles`, `share`, `weeks`, read by `get`),
    /// and a sentence for each value not understood, which keeps its default.
    pub fn from_link(get: &dyn Fn(&str) -> Option<String>) -> (Setup, Vec<String>) {
        let mut setup = Setup::default();
        let mut notes = Vec::new();
        if let Some(text) = get("roles") {
            let (people, bad) = parse_roles(&text);
            notes.extend(bad);
            if let Some(people) = people {
                setup.seats = std::array::from_fn(|i| {
                    if people[i] {
                        Seat::Person
                    } else {
                        Seat::Sterman
                    }
                });
            }
        }
        if let Some(text) = get("share") {
            let (sharing, bad) = parse_share(&text);
            setup.sharing = sharing;
            notes.extend(bad);
        }
        if let Some(text) = get("weeks") {
            match parse_weeks(&text) {
                Ok(w) => setup.weeks = w,
                Err(e) => notes.push(format!("{e}; playing {DEFAULT_WEEKS} weeks")),
            }
        }
        (setup, notes)
    }
}

/// The link's `roles=`: the roles people play, comma separated, or `none`.
/// Returns which stages people play (`None`: keep the default) and a note
/// for each name not understood.
fn parse_roles(text: &str) -> (Option<[bool; STAGES]>, Vec<String>) {
    let mut people = [false; STAGES];
    let mut any = false;
    let mut notes = Vec::new();
    for word in text.split(',').map(|w| w.trim().to_lowercase()) {
        if word == "none" {
            any = true;
        } else if let Some(i) = ROLE_NAMES.iter().position(|r| *r == word) {
            people[i] = true;
            any = true;
        } else if !word.is_empty() {
            notes.push(format!(
                "The link's roles names \"{word}\", which is not a role: use retailer, \
                 wholesaler, distributor or factory (or none)"
            ));
        }
    }
    if !any {
        notes.push("The link's roles name no role, so a person plays the retailer".into());
    }
    (any.then_some(people), notes)
}

/// The link's `share=`: `demand`, `inventory`, both, or `none`; a note for
/// each word not understood.
fn parse_share(text: &str) -> (Sharing, Vec<String>) {
    let mut sharing = Sharing::default();
    let mut notes = Vec::new();
    for word in text.split(',').map(|w| w.trim().to_lowercase()) {
        match word.as_str() {
            "demand" => sharing.customer_demand = true,
            "inventory" | "inventories" => sharing.inventories = true,
            "none" | "" => {}
            other => notes.push(format!(
                "The link's share names \"{other}\", which is not shared information: use \
                 demand, inventory or both (demand,inventory)"
            )),
        }
    }
    (sharing, notes)
}

/// A game's length as typed: a whole number of weeks, 1 to [`MAX_WEEKS`].
pub(crate) fn parse_weeks(text: &str) -> Result<u32, String> {
    let text = text.trim();
    match text.parse::<u32>() {
        Ok(w) if (1..=MAX_WEEKS).contains(&w) => Ok(w),
        _ => Err(format!(
            "The number of weeks must be a whole number from 1 to {MAX_WEEKS}; \"{text}\" is not"
        )),
    }
}

/// Where the dialog is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Phase {
    Setup,
    Play,
    Debrief,
    Class,
}

/// The dialog's state, shared by its phases.
#[derive(Clone, Copy)]
pub(crate) struct Beer {
    pub phase: RwSignal<Phase>,
    pub setup: RwSignal<Setup>,
    /// The game being played, or the one just played.
    pub game: RwSignal<Option<Game>>,
    /// What the link asked for and the page did not understand.
    pub notes: RwSignal<Vec<String>>,
}

impl Beer {
    fn new() -> Beer {
        let wanted = crate::app::query_flag("beer");
        let (setup, notes) = if wanted {
            Setup::from_link(&crate::app::query_value)
        } else {
            (Setup::default(), Vec::new())
        };
        Beer {
            phase: RwSignal::new(Phase::Setup),
            setup: RwSignal::new(setup),
            game: RwSignal::new(None),
            notes: RwSignal::new(notes),
        }
    }

    /// Starts a game from the setup: the computer plays up to the first
    /// person's turn, or to the end when nobody is a person.
    fn start(self) -> Result<(), String> {
        let mut game = Game::new(self.setup.get_untracked().config()).map_err(|p| p.join("; "))?;
        let over = game.play_out();
        self.game.set(Some(game));
        self.phase
            .set(if over { Phase::Debrief } else { Phase::Play });
        Ok(())
    }
}

/// The top bar's button, and the game in a dialog over the page.
#[component]
pub fn BeerGame() -> impl IntoView {
    let open = RwSignal::new(crate::app::query_flag("beer"));
    let ui = crate::ui::use_ui();
    // The network run waits behind the game rather than play unseen.
    Effect::new(move |_| {
        if open.get() {
            ui.playing.set(false);
        }
    });
    let beer = Beer::new();
    let opener = NodeRef::<leptos::html::Button>::new();
    let close = move || {
        open.set(false);
        if let Some(b) = opener.get_untracked() {
            let _ = b.focus();
        }
    };
    let escape = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" && open.get_untracked() {
            ev.prevent_default();
            close();
        }
    });
    on_cleanup(move || escape.remove());
    view! {
        <button data-testid="beer-open" node_ref=opener title="Play the beer distribution game" on:click=move |_| open.set(true)>"Beer game"</button>
        <Show when=move || open.get()>
            <div class="beer-overlay" role="dialog" aria-modal="true" aria-labelledby="beer-title" data-testid="beer-dialog">
                <div class="beer-head">
                    <h2 id="beer-title">"The beer game"</h2>
                    <span class="beer-phase">{move || phase_title(beer.phase.get())}</span>
                    <button data-testid="beer-close" title="Close the beer game (Escape); a game in play waits for you" on:click=move |_| close()>"Close"</button>
                </div>
                {move || match beer.phase.get() {
                    Phase::Setup => view! { <setup::SetupForm beer=beer /> }.into_any(),
                    Phase::Play => view! { <board::Board beer=beer /> }.into_any(),
                    Phase::Debrief => view! { <debrief::Debrief beer=beer /> }.into_any(),
                    Phase::Class => view! { <class::ClassView beer=beer /> }.into_any(),
                }}
            </div>
        </Show>
    }
}

fn phase_title(phase: Phase) -> &'static str {
    match phase {
        Phase::Setup => "Set up a game",
        Phase::Play => "Playing",
        Phase::Debrief => "Debrief",
        Phase::Class => "Class view",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn link(pairs: &[(&str, &str)]) -> (Setup, Vec<String>) {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Setup::from_link(&move |name: &str| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        })
    }

    #[test]
    fn no_options_give_the_default_game() {
        let (setup, notes) = link(&[]);
        assert_eq!(setup, Setup::default());
        assert!(notes.is_empty());
        assert_eq!(
            setup.seats,
            [Seat::Person, Seat::Sterman, Seat::Sterman, Seat::Sterman]
        );
        assert_eq!(setup.weeks, 36);
        let config = setup.config();
        assert!(config.validate().is_empty());
        assert!(config.players[0].is_human() && !config.players[1].is_human());
    }

    #[test]
    fn roles_share_and_weeks_are_read() {
        let (setup, notes) = link(&[
            ("roles", "Retailer, factory"),
            ("share", "demand,inventory"),
            ("weeks", " 20 "),
        ]);
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(
            setup.seats,
            [Seat::Person, Seat::Sterman, Seat::Sterman, Seat::Person]
        );
        assert!(setup.sharing.customer_demand && setup.sharing.inventories);
        assert_eq!(setup.weeks, 20);
        let (nobody, notes) = link(&[("roles", "none"), ("share", "inventories")]);
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(nobody.seats, [Seat::Sterman; STAGES]);
        assert!(!nobody.sharing.customer_demand && nobody.sharing.inventories);
    }

    #[test]
    fn unknown_values_are_named_and_keep_their_defaults() {
        let (setup, notes) = link(&[
            ("roles", "wholesaler,manager"),
            ("share", "demand,secrets"),
            ("weeks", "lots"),
        ]);
        assert_eq!(setup.seats[1], Seat::Person, "the valid role is kept");
        assert_eq!(setup.seats[0], Seat::Sterman);
        assert!(setup.sharing.customer_demand && !setup.sharing.inventories);
        assert_eq!(setup.weeks, 36);
        assert_eq!(notes.len(), 3, "{notes:?}");
        assert!(notes[0].contains("\"manager\""), "{}", notes[0]);
        assert!(notes[1].contains("\"secrets\""), "{}", notes[1]);
        assert!(
            notes[2].contains("\"lots\"") && notes[2].contains("36"),
            "{}",
            notes[2]
        );

        for weeks in ["0", "521", "-3", "2.5", "", "99999999999999999999"] {
            let (s, notes) = link(&[("weeks", weeks)]);
            assert_eq!((s.weeks, notes.len()), (36, 1), "weeks={weeks}");
        }
        let (s, notes) = link(&[("roles", ",,")]);
        assert_eq!((s, notes.len()), (Setup::default(), 1));
        assert_eq!(parse_weeks("520"), Ok(520));
    }

    #[test]
    fn figures_read_well() {
        assert_eq!(dollars(0.0), "$0.00");
        assert_eq!(dollars(1234.5), "$1,234.50");
        assert_eq!(dollars(1_000_000.25), "$1,000,000.25");
        assert_eq!(ratio_text(None), "—");
        assert_eq!(ratio_text(Some(12.345)), "12.3");
        assert_eq!(role_title(3), "Factory");
        assert_eq!(sharing_phrase(Sharing::default()), "nothing");
        let mut players = BeerConfig::default().players;
        assert!(people_phrase(&players).starts_with("nobody"));
        players[0] = Player::Human;
        assert_eq!(people_phrase(&players), "the retailer");
        players[2] = Player::Human;
        players[3] = Player::Human;
        assert_eq!(
            people_phrase(&players),
            "the retailer, the distributor and the factory"
        );
    }
}
