//! The class view: many teams' result files ("Download my result") opened
//! at once, each team's factory orders on one chart, and a table of team
//! cost and the factory's order-variance ratio by file. A file that is not
//! a whole result is named with what is wrong; the others still load.

use super::charts::{PALETTE, WeekSeries, demand_line};
use super::debrief::WeekChart;
use super::{Beer, Phase, beer_table, dollars, people_phrase, ratio_text, sharing_phrase};
use leptos::prelude::*;
use supply_sim::beer::{BeerResult, FACTORY};

/// A loaded result and the name of the file it came from.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct TeamFile {
    pub name: String,
    pub result: BeerResult,
}

/// Loads a class's files (name, text) with `BeerResult::load_class`; when
/// some file is bad, each is loaded on its own, so the good ones still show
/// and each bad one is named with its problem.
pub(crate) fn load_named(files: &[(String, String)]) -> (Vec<TeamFile>, Vec<String>) {
    let texts: Vec<&str> = files.iter().map(|(_, t)| t.as_str()).collect();
    if let Ok(results) = BeerResult::load_class(&texts) {
        let teams = files
            .iter()
            .zip(results)
            .map(|((name, _), result)| TeamFile {
                name: name.clone(),
                result,
            })
            .collect();
        return (teams, Vec::new());
    }
    let mut teams = Vec::new();
    let mut problems = Vec::new();
    for (name, text) in files {
        match BeerResult::from_json(text) {
            Ok(result) => teams.push(TeamFile {
                name: name.clone(),
                result,
            }),
            Err(e) => problems.push(format!("{name}: {e}")),
        }
    }
    (teams, problems)
}

/// Each team's factory orders, and the customers' demand when every file
/// played the same demand for the same weeks.
fn factory_lines(teams: &[TeamFile]) -> Vec<WeekSeries> {
    let mut lines: Vec<WeekSeries> = teams
        .iter()
        .enumerate()
        .map(|(k, t)| WeekSeries {
            label: t.name.clone(),
            points: t
                .result
                .history
                .iter()
                .map(|w| (f64::from(w.week), f64::from(w.stages[FACTORY].order)))
                .collect(),
            colour: PALETTE[k % PALETTE.len()],
            bold: false,
        })
        .collect();
    let same = |t: &TeamFile| {
        let (c, first) = (&t.result.config, &teams[0].result.config);
        c.demand == first.demand && c.weeks == first.weeks
    };
    if let Some(first) = teams.first()
        && teams.iter().all(same)
    {
        lines.push(demand_line(&first.result.history));
    }
    lines
}

/// Reads every chosen file's text, then loads them together.
fn read_files(
    input: web_sys::HtmlInputElement,
    teams: RwSignal<Vec<TeamFile>>,
    problems: RwSignal<Vec<String>>,
) {
    let Some(list) = input.files() else { return };
    let files: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
    leptos::task::spawn_local(async move {
        let mut texts = Vec::with_capacity(files.len());
        let mut unread = Vec::new();
        for file in files {
            match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                Ok(text) => texts.push((file.name(), text.as_string().unwrap_or_default())),
                Err(_) => unread.push(format!(
                    "{}: this browser could not read the file",
                    file.name()
                )),
            }
        }
        let (loaded, mut bad) = load_named(&texts);
        bad.extend(unread);
        // The class view may have been left while the files were read.
        teams.try_set(loaded);
        problems.try_set(bad);
        input.set_value("");
    });
}

#[component]
pub fn ClassView(beer: Beer) -> impl IntoView {
    let teams = RwSignal::new(Vec::<TeamFile>::new());
    let problems = RwSignal::new(Vec::<String>::new());
    let back = move |_| {
        let played = beer
            .game
            .with_untracked(|g| g.as_ref().is_some_and(|g| g.finished()));
        beer.phase
            .set(if played { Phase::Debrief } else { Phase::Setup });
    };
    view! {
        <div class="beer-class" data-testid="beer-class">
            <p class="beer-intro">"Each team saves its game with \"Download my result\" at the end. Open all the teams' files at once to compare them."</p>
            <div class="beer-buttons">
                <label class="button" for="beer-class-files">"Open result files…"
                    <input id="beer-class-files" type="file" multiple accept=".json,application/json" data-testid="beer-class-files"
                        on:change=move |ev| read_files(event_target(&ev), teams, problems) />
                </label>
                <button data-testid="beer-class-back" on:click=back>"Back"</button>
            </div>
            {move || {
                let bad = problems.get();
                (!bad.is_empty()).then(|| view! {
                    <div class="beer-notes" role="alert" data-testid="beer-class-problems">
                        <p>"These files could not be opened:"</p>
                        <ul>{bad.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                    </div>
                })
            }}
            {move || {
                let t = teams.get();
                (!t.is_empty()).then(|| view! { <ClassResults teams=t /> })
            }}
        </div>
    }
}

/// The chart of every team's factory orders and the table of teams.
#[component]
fn ClassResults(teams: Vec<TeamFile>) -> impl IntoView {
    let best = teams
        .iter()
        .map(|t| t.result.summary.team_cost)
        .fold(f64::INFINITY, f64::min);
    let lines = factory_lines(&teams);
    let caption = format!("{} teams; the lowest team cost is highlighted", teams.len());
    let head = view! {
        <th scope="col">"File"</th><th scope="col" class="text">"Played by people"</th>
        <th scope="col" class="text">"Shared"</th><th scope="col">"Weeks"</th>
        <th scope="col">"Team cost"</th><th scope="col">"Factory's order-variance ratio"</th>
    };
    let rows = teams
        .into_iter()
        .map(|t| {
            let s = &t.result.summary;
            let lowest = s.team_cost == best;
            view! { <tr class:mine=lowest title=if lowest { "The lowest team cost" } else { "" }>
                <th scope="row">{t.name.clone()}</th>
                <td class="text">{people_phrase(&t.result.config.players)}</td>
                <td class="text">{sharing_phrase(t.result.config.sharing)}</td>
                <td>{s.weeks}</td>
                <td>{dollars(s.team_cost)}</td>
                <td>{ratio_text(s.stages[FACTORY].order_variance_ratio)}</td>
            </tr> }
        })
        .collect_view();
    view! {
        <div class="beer-charts beer-charts-one">
            <WeekChart testid="beer-class-chart" title="Each team's factory orders" y_title="Cases a week" lines=lines />
        </div>
        {beer_table("beer-results", "beer-class-table", caption, head, rows, ())}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use supply_sim::beer::{BeerConfig, BeerGame, Player};
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn file(name: &str, text: String) -> (String, String) {
        (name.to_string(), text)
    }

    #[test]
    fn a_bad_file_is_named_and_the_others_load() {
        let sterman = BeerGame::run(BeerConfig::default()).unwrap().to_json();
        let base = BeerGame::run(BeerConfig::with_players(std::array::from_fn(|_| {
            Player::BaseStock { level: 40 }
        })))
        .unwrap()
        .to_json();
        let (teams, problems) = load_named(&[
            file("a.json", sterman.clone()),
            file("b.json", base.clone()),
        ]);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            teams.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(),
            ["a.json", "b.json"]
        );
        assert_eq!(
            factory_lines(&teams).len(),
            3,
            "two teams and the shared demand"
        );

        let (teams, problems) = load_named(&[
            file("a.json", sterman),
            file("notes.txt", "hello".into()),
            file("b.json", base),
        ]);
        assert_eq!(teams.len(), 2);
        assert_eq!(teams[1].name, "b.json");
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].starts_with("notes.txt: not a beer game result"),
            "{problems:?}"
        );
    }
}
