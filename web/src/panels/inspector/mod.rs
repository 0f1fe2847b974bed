//! The inspector: parameters of the selected facility, lane or vehicle,
//! edited in place, with the scenario's validation problems shown above
//! them. With nothing selected it shows the demand panel.

mod channels;
mod competition;
mod disruptions;
mod facility;
mod fields;
mod fulfilment;
mod lane;
mod order;
mod packaging;
mod policy;
mod regulation;
mod vehicle;

use super::demand::DemandPanel;
use crate::map::Selection;
use crate::ui::{Ui, use_ui};
use leptos::prelude::*;
use supply_sim::problem::summarise;
use supply_sim::{Problem, Scenario};

#[component]
pub fn Inspector() -> impl IntoView {
    let ui = use_ui();
    let body = move || {
        ui.rev.get();
        match ui.selected.get() {
            Some(Selection::Facility(id)) => facility::facility_view(ui, id).into_any(),
            Some(Selection::Lane(i)) => lane::lane_view(ui, i).into_any(),
            Some(Selection::Vehicle { lane, depart }) => {
                vehicle::vehicle_view(ui, lane, depart).into_any()
            }
            Some(Selection::Order(_)) => order::order_view(ui).into_any(),
            None => view! {
                <DemandPanel />
                <fulfilment::FulfilmentPanel />
                <disruptions::DisruptionsPanel />
                <channels::ChannelsPanel />
                <regulation::RegulationPanel />
                <competition::CompetitionPanel />
                <packaging::PackagingPanel />
            }
            .into_any(),
        }
    };
    view! {
        <section class="inspector" data-testid="inspector">
            {move || problems(ui)}
            // Outside the body, so folding it survives edits.
            {move || ui.selected.get().is_none().then(|| view! { <About /> })}
            {body}
        </section>
    }
}

/// What the scenario is, in its author's words (the beer game's says what
/// it teaches and cites Sterman), shown with nothing selected.
#[component]
fn About() -> impl IntoView {
    let ui = use_ui();
    let read = move || {
        ui.rev.track();
        ui.sb
            .with_value(|s| (s.scenario.name.clone(), s.scenario.description.clone()))
    };
    view! {
        <details class="about" data-testid="about" open class:empty=move || read().1.is_empty()>
            <summary>{move || format!("About {}", read().0)}</summary>
            <p>{move || read().1}</p>
        </details>
    }
}

/// Every problem in the scenario, while there are any: one line per
/// distinct problem (the same problem in many demand streams is one line);
/// then the warnings, which do not stop the run.
fn problems(ui: Ui) -> impl IntoView {
    ui.rev.get();
    ui.sb.with_value(|s| {
        let problems = (!s.problems.is_empty()).then(|| {
            let lines = summarise(&s.problems);
            view! {
                <div class="problems" data-testid="problems" role="alert">
                    <strong>{match lines.len() {
                        1 => "1 problem: the run waits until it is fixed".to_owned(),
                        n => format!("{n} problems: the run waits until they are fixed"),
                    }}</strong>
                    <ul>{lines.into_iter().map(|l| view! { <li>{l.text}</li> }).collect_view()}</ul>
                </div>
            }
        });
        let warnings = (!s.warnings.is_empty()).then(|| {
            let lines = summarise(&s.warnings);
            view! {
                <div class="warnings" data-testid="warnings" role="status">
                    <strong>"Check these values (the run goes on):"</strong>
                    <ul>{lines.into_iter().map(|l| view! { <li>{l.text}</li> }).collect_view()}</ul>
                </div>
            }
        });
        (problems, warnings)
    })
}

/// The problems `mine` picks, shown next to the fields they are about
/// ("field: what is wrong").
pub(super) fn inline_problems(
    ui: Ui,
    testid: &'static str,
    mine: impl Fn(&Problem, &Scenario) -> bool,
) -> impl IntoView {
    let text = |p: &Problem| match p.field.is_empty() {
        true => p.message.clone(),
        false => format!("{}: {}", p.field_words(), p.message),
    };
    // (is a warning, text): problems first, then warnings.
    let lines: Vec<(bool, String)> = ui.sb.with_value(|s| {
        let pick = |list: &[Problem], warn: bool| {
            list.iter()
                .filter(|p| mine(p, &s.scenario))
                .map(|p| (warn, text(p)))
                .collect::<Vec<_>>()
        };
        [pick(&s.problems, false), pick(&s.warnings, true)].concat()
    });
    (!lines.is_empty()).then(|| {
        view! {
            <div class="inline-problems" data-testid=testid>
                {lines.into_iter().map(|(warn, l)| view! {
                    <p class:problem=!warn class:warning=warn role=if warn { "status" } else { "alert" }>{l}</p>
                }).collect_view()}
            </div>
        }
    })
}
