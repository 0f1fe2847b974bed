//! The debrief: the team's orders, net inventory and cost week by week, each
//! stage's order-variance ratio, the same setup played by four Sterman
//! players and by a base-stock team, and the bullwhip in the player's own
//! figures. "Download my result" saves the game for the class view.

use super::charts::{PALETTE, WeekSeries, demand_line, week_chart};
use super::{
    BASE_STOCK_LEVELS, Beer, Phase, beer_table, dollars, people_phrase, player_label, ratio_text,
    role_title,
};
use leptos::prelude::*;
use supply_sim::beer::{BeerConfig, BeerGame, BeerResult, FACTORY, Player, ROLE_NAMES, STAGES};

/// The lowest and highest of some weekly figures (0, 0 for none).
fn min_max(values: impl Iterator<Item = u32>) -> (u32, u32) {
    values
        .fold(None, |acc: Option<(u32, u32)>, v| {
            Some(acc.map_or((v, v), |(lo, hi)| (lo.min(v), hi.max(v))))
        })
        .unwrap_or((0, 0))
}

/// The same game with other players: four Sterman players, and the
/// base-stock team of [`BASE_STOCK_LEVELS`].
pub(crate) struct Benchmarks {
    pub sterman: Option<BeerResult>,
    pub base_stock: Option<BeerResult>,
}

impl Benchmarks {
    pub fn of(config: &BeerConfig) -> Benchmarks {
        let with = |players: [Player; STAGES]| {
            BeerGame::run(BeerConfig {
                players,
                ..config.clone()
            })
            .ok()
        };
        Benchmarks {
            sterman: with(std::array::from_fn(|_| Player::sterman())),
            base_stock: with(std::array::from_fn(|i| Player::BaseStock {
                level: BASE_STOCK_LEVELS[i],
            })),
        }
    }
}

/// The bullwhip in three sentences, with the game's own figures.
pub(crate) fn bullwhip_text(r: &BeerResult, base_stock: Option<&BeerResult>) -> String {
    let s = &r.summary;
    let (dmin, dmax) = min_max(r.history.iter().map(|w| w.customer_demand));
    let (fmin, fmax) = min_max(r.history.iter().map(|w| w.stages[FACTORY].order));
    let Some(factory) = s.stages[FACTORY].order_variance_ratio else {
        return format!(
            "Customer demand never changed in this game ({dmin} cases a week), so there was no \
             swing for the chain to amplify and the order-variance ratios are undefined. Play \
             the board's demand (4 cases a week, then 8 from week 5) to see the bullwhip."
        );
    };
    let own: Vec<String> = (0..STAGES)
        .filter(|&i| r.config.players[i].is_human())
        .map(|i| {
            let ratio = ratio_text(s.stages[i].order_variance_ratio);
            format!("as the {}, {ratio} times", ROLE_NAMES[i])
        })
        .collect();
    let own = if own.is_empty() {
        String::new()
    } else {
        format!(" (your own orders: {})", own.join("; "))
    };
    let peak = s.stages.iter().map(|x| x.peak_backlog).max().unwrap_or(0);
    let against = base_stock.map_or(String::new(), |b| {
        format!(
            ", against {} for a base-stock team that counts what is on order",
            dollars(b.summary.team_cost)
        )
    });
    format!(
        "The bullwhip is the way a small change in what customers buy grows into ever larger \
         swings in the orders placed further up the chain. In your game customers bought between \
         {dmin} and {dmax} cases a week, yet the factory's orders ranged from {fmin} to {fmax}: \
         their variance was {factory:.1} times the customers'{own}. Orders take weeks to turn into \
         cases, so a stage that forgets what it already has on order orders again and the surplus \
         arrives all at once: your team owed up to {peak} cases at one stage and paid {}{against}.",
        dollars(s.team_cost)
    )
}

/// The weekly lines of a result: each stage's `figure`, and with
/// `demand` the customers' orders too.
fn stage_lines(
    r: &BeerResult,
    figure: fn(&BeerResult, usize, usize) -> f64,
    demand: bool,
) -> Vec<WeekSeries> {
    let mut lines: Vec<WeekSeries> = (0..STAGES)
        .map(|i| WeekSeries {
            label: role_title(i),
            points: (0..r.history.len())
                .map(|t| (f64::from(r.history[t].week), figure(r, t, i)))
                .collect(),
            colour: PALETTE[i],
            bold: false,
        })
        .collect();
    if demand {
        lines.push(demand_line(&r.history));
    }
    lines
}

fn order(r: &BeerResult, t: usize, i: usize) -> f64 {
    f64::from(r.history[t].stages[i].order)
}

fn net_inventory(r: &BeerResult, t: usize, i: usize) -> f64 {
    let s = &r.history[t].stages[i];
    f64::from(s.inventory) - f64::from(s.backlog)
}

fn cumulative_cost(r: &BeerResult, t: usize, i: usize) -> f64 {
    r.history[..=t].iter().map(|w| w.stages[i].cost).sum()
}

/// The file a result is saved as: the people's roles, or "computer".
fn result_file_name(r: &BeerResult) -> String {
    let roles: Vec<&str> = (0..STAGES)
        .filter(|&i| r.config.players[i].is_human())
        .map(|i| ROLE_NAMES[i])
        .collect();
    let who = if roles.is_empty() {
        "computer".to_string()
    } else {
        roles.join("-")
    };
    format!("beer-result-{who}.json")
}

/// The game's outcome in a sentence: who played and what the team paid.
fn headline(r: &BeerResult) -> String {
    let players = &r.config.players;
    let team = match players.iter().filter(|p| p.is_human()).count() {
        0 => "The computer played every role; the team".to_string(),
        1 => format!(
            "Your team, with {} played by a person,",
            people_phrase(players)
        ),
        _ => format!(
            "Your team, with {} played by people,",
            people_phrase(players)
        ),
    };
    format!(
        "Game over after {} weeks. {team} paid {}.",
        r.summary.weeks,
        dollars(r.summary.team_cost)
    )
}

#[component]
pub fn Debrief(beer: Beer) -> impl IntoView {
    let Some(result) = beer
        .game
        .with_untracked(|g| g.as_ref().map(BeerGame::result))
    else {
        return view! { <p>"No game has been played yet."</p> }.into_any();
    };
    let bench = Benchmarks::of(&result.config);
    let saved = RwSignal::new(None::<String>);
    let to_save = result.clone();
    let download = move |_| {
        let name = result_file_name(&to_save);
        saved.set(Some(
            match crate::files::download(&name, &to_save.to_json()) {
                Ok(()) => format!("Saved as {name}"),
                Err(_) => "This browser refused the download".into(),
            },
        ));
    };
    view! {
        <div class="beer-debrief" data-testid="beer-debrief">
            <p class="beer-headline" data-testid="beer-headline">{headline(&result)}</p>
            <section class="beer-bullwhip" data-testid="beer-bullwhip" aria-label="What the bullwhip is">
                <h3>"The bullwhip"</h3>
                <p>{bullwhip_text(&result, bench.base_stock.as_ref())}</p>
            </section>
            <div class="beer-charts">
                <WeekChart testid="beer-chart-orders" title="Orders placed each week" y_title="Cases a week"
                    lines=stage_lines(&result, order, true) />
                <WeekChart testid="beer-chart-net" title="Net inventory (inventory − backlog)" y_title="Cases"
                    lines=stage_lines(&result, net_inventory, false) />
                <WeekChart testid="beer-chart-cost" title="Cost so far, by stage" y_title="Dollars"
                    lines=stage_lines(&result, cumulative_cost, false) />
            </div>
            <div class="beer-tables">
                <StageTable result=result.clone() />
                <CompareTable result=result.clone() bench=bench />
            </div>
            <div class="beer-buttons">
                <button class="primary" data-testid="beer-download" on:click=download>"Download my result"</button>
                <button data-testid="beer-class-open" on:click=move |_| beer.phase.set(Phase::Class)>"Class view"</button>
                <button data-testid="beer-new-game" on:click=move |_| beer.phase.set(Phase::Setup)>"New game"</button>
                <span role="status" class="beer-small" data-testid="beer-saved">{move || saved.get()}</span>
            </div>
        </div>
    }
    .into_any()
}

/// A chart with its title and a key written beside it; redrawn when the
/// window is resized.
#[component]
pub fn WeekChart(
    testid: &'static str,
    title: &'static str,
    y_title: &'static str,
    lines: Vec<WeekSeries>,
) -> impl IntoView {
    let canvas = NodeRef::<leptos::html::Canvas>::new();
    let key: Vec<(String, (u8, u8, u8))> =
        lines.iter().map(|l| (l.label.clone(), l.colour)).collect();
    let lines = StoredValue::new_local(lines);
    let draw = move || {
        if let Some(c) = canvas.get_untracked() {
            lines.with_value(|l| week_chart(&c, l, y_title));
        }
    };
    Effect::new(move |_| {
        if canvas.get().is_some() {
            draw();
        }
    });
    // The listener lives as long as the chart: a resize after the chart
    // is gone must not reach its disposed canvas.
    let resize = window_event_listener(leptos::ev::resize, move |_| draw());
    on_cleanup(move || resize.remove());
    view! {
        <figure class="beer-chart">
            <figcaption>{title}</figcaption>
            <canvas data-testid=testid node_ref=canvas role="img" aria-label=format!("{title}, by week")></canvas>
            <ul class="beer-key">{key.into_iter().map(|(label, (r, g, b))| view! {
                <li><span class="swatch" style=format!("background: rgb({r},{g},{b})")></span>{label}</li>
            }).collect_view()}</ul>
        </figure>
    }
}

/// Each stage's ratio, cost and peak backlog, and the team's cost.
#[component]
fn StageTable(result: BeerResult) -> impl IntoView {
    let s = result.summary;
    let head = view! {
        <th scope="col">"Stage"</th><th scope="col" class="text">"Played by"</th>
        <th scope="col" title="Variance of the stage's orders over the variance of end-customer demand; above 1 is the bullwhip">"Order-variance ratio"</th>
        <th scope="col">"Total cost"</th><th scope="col">"Peak backlog (cases)"</th>
    };
    let rows = (0..STAGES)
        .map(|i| {
            let st = s.stages[i];
            view! { <tr>
                <th scope="row">{role_title(i)}</th>
                <td class="text">{player_label(&result.config.players[i])}</td>
                <td data-testid="beer-ratio">{ratio_text(st.order_variance_ratio)}</td>
                <td>{dollars(st.total_cost)}</td>
                <td>{st.peak_backlog}</td>
            </tr> }
        })
        .collect_view();
    let foot = view! {
        <tfoot><tr><th scope="row" colspan="3">"Team"</th><td data-testid="beer-team-cost">{dollars(s.team_cost)}</td><td></td></tr></tfoot>
    };
    let caption = "Each stage's orders and cost";
    beer_table("beer-results", "beer-ratios", caption, head, rows, foot)
}

/// The player's team beside four Sterman players and a base-stock team.
#[component]
fn CompareTable(result: BeerResult, bench: Benchmarks) -> impl IntoView {
    let teams = [
        ("Your team", Some(result), true),
        ("Four Sterman players", bench.sterman, false),
        ("Base-stock team", bench.base_stock, false),
    ];
    let levels = format!(
        "The base-stock team orders up to {} cases of inventory plus what is on order ({} at the \
         factory, whose orders take a week less to arrive).",
        BASE_STOCK_LEVELS[0], BASE_STOCK_LEVELS[FACTORY]
    );
    let head = view! { <th scope="col">"Team"</th><th scope="col">"Team cost"</th><th scope="col">"Factory's order-variance ratio"</th> };
    let rows = teams
        .into_iter()
        .map(|(name, r, mine)| {
            let (cost, ratio) = r.map_or(("—".into(), "—".into()), |r| (
                dollars(r.summary.team_cost),
                ratio_text(r.summary.stages[FACTORY].order_variance_ratio),
            ));
            view! { <tr class:mine=mine><th scope="row">{name}</th><td>{cost}</td><td>{ratio}</td></tr> }
        })
        .collect_view();
    let caption = "The same game, other players";
    view! {
        <div class="beer-compare-box">
        {beer_table("beer-compare", "beer-compare", caption, head, rows, ())}
        <p class="beer-small">{levels}</p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use supply_sim::beer::DemandPattern;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn the_bullwhip_is_told_in_the_games_own_figures() {
        let config = BeerConfig::default();
        let r = BeerGame::run(config.clone()).unwrap();
        let bench = Benchmarks::of(&config);
        let base = bench.base_stock.as_ref().unwrap();
        assert!(base.summary.team_cost < bench.sterman.as_ref().unwrap().summary.team_cost);
        let text = bullwhip_text(&r, Some(base));
        let factory = r.summary.stages[FACTORY].order_variance_ratio.unwrap();
        assert!(text.contains(&format!("{factory:.1} times")), "{text}");
        assert!(text.contains("between 4 and 8 cases"), "{text}");
        assert!(text.contains(&dollars(r.summary.team_cost)), "{text}");
        assert!(text.contains(&dollars(base.summary.team_cost)), "{text}");
        assert!(!text.contains("your own"), "no person played: {text}");

        let flat = BeerGame::run(BeerConfig {
            demand: DemandPattern::constant(4),
            ..BeerConfig::default()
        })
        .unwrap();
        assert!(bullwhip_text(&flat, None).contains("never changed"));
    }

    #[test]
    fn lines_and_file_names() {
        let r = BeerGame::run(BeerConfig::default()).unwrap();
        let lines = stage_lines(&r, cumulative_cost, false);
        assert_eq!(lines.len(), STAGES);
        let last = lines[FACTORY].points.last().unwrap().1;
        assert_eq!(last, r.summary.stages[FACTORY].total_cost);
        assert_eq!(stage_lines(&r, order, true).len(), STAGES + 1);
        assert_eq!(result_file_name(&r), "beer-result-computer.json");
        assert!(headline(&r).contains("The computer played every role; the team paid $"));
        assert_eq!(min_max([5, 2, 9].into_iter()), (2, 9));
        assert_eq!(min_max(std::iter::empty()), (0, 0));
    }
}
