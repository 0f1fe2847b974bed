//! A turn of the beer game: what the awaited player sees this week
//! (`StageView`), one order field that keeps the focus (type a number,
//! Enter), and the last weeks of the player's own stage. With several
//! people (hot seat) it says in big letters whose turn it is.

use super::{Beer, Phase, beer_table, dollars, role_title};
use leptos::prelude::*;
use supply_sim::beer::{MAX_ORDER, ROLE_NAMES, STAGES, StageView, WeekRecord};

/// Weeks of the player's own stage listed under the order field.
const RECENT_WEEKS: usize = 6;

/// An order as typed: a whole number, or a sentence saying what is wrong.
/// The range (0 to [`MAX_ORDER`]) is `BeerGame::submit`'s to check; a
/// number too long for an `i64` is refused here with the same words.
pub(crate) fn parse_order(text: &str) -> Result<i64, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("Type how many cases to order (a whole number, 0 or more), then Enter".into());
    }
    if let Ok(n) = text.parse::<i64>() {
        return Ok(n);
    }
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(if text.starts_with('-') {
            format!("An order can't be negative; {text} is")
        } else {
            format!("An order of {text} cases is over the {MAX_ORDER}-case limit")
        });
    }
    if text.parse::<f64>().is_ok_and(f64::is_finite) {
        return Err(format!(
            "Orders are whole cases; {text} is not a whole number"
        ));
    }
    Err(format!(
        "\"{text}\" is not a number: type a whole number of cases, like 8"
    ))
}

/// Makes an error from `submit` read as a sentence.
fn sentence(e: &str) -> String {
    let mut c = e.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The game's week, the awaited stage's view and how many people play.
#[derive(Clone, PartialEq)]
struct Turn {
    view: StageView,
    weeks: u32,
    people: usize,
    recent: Vec<WeekRecord>,
}

fn turn(beer: Beer) -> Option<Turn> {
    beer.game.with(|g| {
        let g = g.as_ref()?;
        let view = g.view(g.awaiting()?).ok()?;
        let history = g.history();
        Some(Turn {
            view,
            weeks: g.config().weeks,
            people: g.config().players.iter().filter(|p| p.is_human()).count(),
            recent: history[history.len().saturating_sub(RECENT_WEEKS)..].to_vec(),
        })
    })
}

/// The turn of whichever person's order the game awaits.
#[component]
pub fn Board(beer: Beer) -> impl IntoView {
    let input = NodeRef::<leptos::html::Input>::new();
    let error = RwSignal::new(None::<String>);
    let shown = Memo::new(move |_| turn(beer));
    let refocus = move || {
        if let Some(el) = input.try_get_untracked().flatten() {
            let _ = el.focus();
        }
    };
    // The order field has the focus from the first turn on.
    Effect::new(move |_| {
        if let Some(el) = input.get() {
            let _ = el.focus();
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = input
            .get_untracked()
            .map(|el| el.value())
            .unwrap_or_default();
        let result = place_order(beer, &text);
        if result.is_ok()
            && let Some(el) = input.try_get_untracked().flatten()
        {
            el.set_value("");
        }
        // The last order ends the game and this board with it.
        error.try_set(result.err());
        refocus();
    };
    view! {
        <div class="beer-board" data-testid="beer-board">
            {move || shown.get().map(|t| view! { <TurnHeader turn=t.clone() /> <StageFigures view=t.view.clone() /> })}
            <form class="beer-order" on:submit=submit>
                <label for="beer-order">{move || shown.with(|t| t.as_ref().map(order_label).unwrap_or_default())}</label>
                <input id="beer-order" type="text" inputmode="numeric" autocomplete="off" size="7"
                    data-testid="beer-order" node_ref=input aria-describedby="beer-order-error" />
                <button type="submit" class="primary" data-testid="beer-order-submit">"Order"</button>
                <span id="beer-order-error" class="beer-error" role="alert" data-testid="beer-order-error">{move || error.get()}</span>
            </form>
            <div class="beer-tables">
                {move || shown.get().map(|t| view! { <Recent turn=t.clone() /> <Positions view=t.view /> })}
            </div>
        </div>
    }
}

/// Submits the awaited person's order; the computer players then play up
/// to the next person's turn. The game over, on to the debrief.
fn place_order(beer: Beer, text: &str) -> Result<(), String> {
    let cases = parse_order(text)?;
    let mut outcome = Err("The game is not waiting for an order".to_string());
    let mut over = false;
    beer.game.update(|g| {
        let Some(g) = g.as_mut() else { return };
        let Some(stage) = g.awaiting() else { return };
        outcome = g.submit(stage, cases).map_err(|e| sentence(&e));
        over = outcome.is_ok() && g.play_out();
    });
    if over {
        beer.phase.set(Phase::Debrief);
    }
    outcome
}

fn order_label(t: &Turn) -> String {
    let v = &t.view;
    if v.stage == super::STAGES - 1 {
        "Cases to brew this week (the factory's production request)".into()
    } else {
        format!(
            "Cases the {} orders from the {} this week",
            v.role,
            ROLE_NAMES[v.stage + 1]
        )
    }
}

/// "Week N of M" and whose turn it is; with several people, in big letters.
#[component]
fn TurnHeader(turn: Turn) -> impl IntoView {
    let v = &turn.view;
    let who = if turn.people > 1 {
        format!("{}'s turn", role_title(v.stage))
    } else {
        format!("You are the {}", v.role)
    };
    let hint = (turn.people > 1).then(|| {
        view! { <p class="beer-small">"Hot seat: pass the keyboard to whoever plays this role. Each of you sees only your own stage."</p> }
    });
    view! {
        <div class="beer-turn-head">
            <p class="beer-week" data-testid="beer-week">{format!("Week {} of {}", v.week, turn.weeks)}</p>
            <p class="beer-turn" data-testid="beer-turn" aria-live="polite">{who}</p>
        </div>
        {hint}
    }
}

/// This week's figures for the stage, and what is shared.
#[component]
fn StageFigures(view: StageView) -> impl IntoView {
    let incoming = if view.stage == 0 {
        "Customers ordered"
    } else {
        "Incoming order"
    };
    // The retailer's incoming order is the customers' demand already.
    let demand = view.customer_demand.filter(|_| view.stage > 0);
    view! {
        <dl class="beer-figures" data-testid="beer-view">
            {demand.map(|d| figure("End-customer demand", d, "shared: what customers bought"))}
            {figure(incoming, view.incoming_order, "cases asked for this week")}
            {figure("Shipment received", view.received, "cases that arrived this week")}
            {view.brewed.map(|b| figure("Brewing started", b, "last week's request"))}
            {figure("Shipped", view.shipped, "cases sent on this week")}
            {figure("Inventory", view.inventory, "cases in stock ($0.50 each a week)")}
            {figure("Backlog", view.backlog, "cases owed ($1.00 each a week)")}
            {figure("On order", view.supply_line, "ordered, not yet received")}
            {figure("Cost so far", dollars(view.cost_so_far), "this stage, up to this week")}
        </dl>
    }
}

/// A figure of the stage's week: its name, its value and what it counts.
fn figure(name: &'static str, value: impl ToString, note: &'static str) -> impl IntoView {
    let value = value.to_string();
    view! { <div><dt>{name}</dt><dd>{value}</dd><dd class="beer-small">{note}</dd></div> }
}

/// Every stage's inventory and backlog, when inventories are shared.
#[component]
fn Positions(view: StageView) -> impl IntoView {
    view.positions.map(|p| {
        let head = view! { <th scope="col">"Stage"</th><th scope="col">"Inventory"</th><th scope="col">"Backlog"</th> };
        let rows = (0..STAGES)
            .map(|i| view! {
                <tr class:mine=i == view.stage><th scope="row">{role_title(i)}</th><td>{p[i].inventory}</td><td>{p[i].backlog}</td></tr>
            })
            .collect_view();
        let caption = "Every stage's stock (shared)";
        beer_table("beer-positions", "beer-positions", caption, head, rows, ())
    })
}

/// The last weeks of the player's own stage.
#[component]
fn Recent(turn: Turn) -> impl IntoView {
    let stage = turn.view.stage;
    (!turn.recent.is_empty()).then(|| {
        let head = view! {
            <th scope="col">"Week"</th><th scope="col">"Incoming order"</th><th scope="col">"Received"</th>
            <th scope="col">"Inventory"</th><th scope="col">"Backlog"</th><th scope="col">"Ordered"</th>
        };
        let rows = turn
            .recent
            .iter()
            .rev()
            .map(|w| {
                let s = w.stages[stage];
                view! { <tr>
                    <th scope="row">{w.week}</th><td>{s.incoming_order}</td><td>{s.received}</td>
                    <td>{s.inventory}</td><td>{s.backlog}</td><td>{s.order}</td>
                </tr> }
            })
            .collect_view();
        let caption = format!("The {}'s last weeks", ROLE_NAMES[stage]);
        beer_table("beer-recent", "beer-recent", caption, head, rows, ())
    })
}

#[cfg(test)]
mod tests {
    use super::parse_order;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn orders_are_read_or_refused_with_a_reason() {
        assert_eq!(parse_order("8"), Ok(8));
        assert_eq!(parse_order(" 12 "), Ok(12));
        assert_eq!(parse_order("0"), Ok(0));
        // Range is submit's job: these pass through to it.
        assert_eq!(parse_order("-3"), Ok(-3));
        assert_eq!(parse_order("10001"), Ok(10_001));
        for (text, says) in [
            ("", "Type how many"),
            ("   ", "Type how many"),
            ("2.5", "not a whole number"),
            ("1e3", "not a whole number"),
            ("abc", "\"abc\" is not a number"),
            ("8 cases", "is not a number"),
            ("99999999999999999999", "over the 10000-case limit"),
            ("-99999999999999999999", "can't be negative"),
            ("NaN", "is not a number"),
        ] {
            let e = parse_order(text).unwrap_err();
            assert!(e.contains(says), "{text:?}: {e}");
        }
    }
}
