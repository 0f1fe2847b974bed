//! The lesson panel: the lesson's introduction, its steps, the current
//! step's instruction and goal ticked live, hints on request, and once the
//! goal is judged the debrief with the student's own figures and a chart
//! of each figure against its bound.

use crate::lesson_run::{LessonRun, Verdict};
use crate::panels::controls::clock_label;
use crate::ui::{Ui, use_ui};
use leptos::prelude::*;
use supply_sim::lesson::{Condition, Measures};
use supply_sim::time::DAY;

/// Everything the panel shows, read from the sandbox in one go.
#[derive(Clone, PartialEq)]
struct Shown {
    title: String,
    intro: String,
    steps: Vec<(String, bool)>,
    step: usize,
    instruction: String,
    verdict: Verdict,
    judged_day: u64,
    hints: Vec<String>,
    hints_left: usize,
    debrief: Option<String>,
    can_go_on: bool,
    complete: bool,
}

#[derive(Clone, PartialEq)]
struct ConditionRow {
    words: String,
    value: Option<String>,
    holds: bool,
    /// Value and bound on one scale, 0..=1, for the debrief chart.
    bar: Option<(f64, f64)>,
}

fn rows(run: &LessonRun, m: &Measures, name_of: &dyn Fn(&str) -> String) -> Vec<ConditionRow> {
    run.step()
        .goal
        .all
        .iter()
        .map(|c| {
            let v = m.get(&c.figure());
            ConditionRow {
                words: c.describe(c.facility.as_deref().map(name_of).as_deref()),
                value: v.map(|v| c.kpi.format(v)),
                holds: c.holds(v),
                bar: v.map(|v| bar(c, v)),
            }
        })
        .collect()
}

/// The value and the condition's bound as shares of a common scale.
fn bar(c: &Condition, v: f64) -> (f64, f64) {
    let bound = c.at_least.or(c.at_most).unwrap_or(0.0);
    let top = v.abs().max(bound.abs()) * 1.25;
    if top > 0.0 {
        (v.abs() / top, bound.abs() / top)
    } else {
        (0.0, 0.0)
    }
}

fn shown(ui: Ui) -> Option<Shown> {
    ui.sb.with_value(|s| {
        let run = s.lesson.as_ref()?;
        let step = run.step();
        let verdict = run.verdict();
        Some(Shown {
            title: run.lesson.title.clone(),
            intro: run.lesson.intro.clone(),
            steps: (0..run.steps())
                .map(|i| (run.lesson.steps[i].title.clone(), run.passed(i)))
                .collect(),
            step: run.step_index(),
            instruction: step.instruction.clone(),
            verdict,
            judged_day: run.judged_at(s.scenario.days) / DAY,
            hints: step.hints[..run.hints_shown()].to_vec(),
            hints_left: step.hints.len() - run.hints_shown(),
            debrief: run.debrief(),
            can_go_on: verdict == Verdict::Met && run.step_index() + 1 < run.steps(),
            complete: run.complete(),
        })
    })
}

/// The goal's conditions with the figures so far (or as judged).
fn live_rows(ui: Ui) -> Vec<ConditionRow> {
    ui.sb.with_value(|s| {
        let Some(run) = s.lesson.as_ref() else {
            return Vec::new();
        };
        let m = run.figures(s.engine.as_ref()).unwrap_or_default();
        rows(run, &m, &|id: &str| s.scenario.name_of(id))
    })
}

/// The panel re-renders only when what it says changes (a step, a verdict,
/// a hint), so a folded introduction or a focused button stays as the
/// person left it; the figures update on their own five times a second.
#[component]
pub fn LessonPanel() -> impl IntoView {
    let ui = use_ui();
    let data = Memo::new(move |_| {
        ui.clock.track();
        ui.rev.track();
        shown(ui)
    });
    let live = Memo::new(move |_| {
        ui.clock.track();
        ui.rev.track();
        live_rows(ui)
    });
    move || data.get().map(|d| panel(ui, d, live))
}

fn panel(ui: Ui, d: Shown, live: Memo<Vec<ConditionRow>>) -> impl IntoView {
    let next = move |_| {
        ui.sb.update_value(|s| {
            s.next_lesson_step();
        });
        ui.status
            .set("Next step: the run replays to now and judges the new goal at its day".into());
        ui.changed();
    };
    let hint = move |_| {
        ui.sb.update_value(|s| {
            if let Some(l) = &mut s.lesson {
                l.show_hint();
            }
        });
        ui.changed();
    };
    let leave = move |_| ui.open("uk-network");
    let n = d.steps.len();
    view! {
        <section class="lesson" data-testid="lesson-panel" aria-label="Lesson">
            <div class="lesson-head">
                <h2>{format!("Lesson: {}", d.title)}</h2>
                <button data-testid="lesson-leave" title="Leave the lesson and open the UK network" on:click=leave>"Leave"</button>
            </div>
            <details class="lesson-intro" data-testid="lesson-intro" open=d.step == 0 && d.verdict == Verdict::Pending>
                <summary>"About this lesson"</summary>
                {d.intro.split("\n\n").map(|p| view! { <p>{p.to_owned()}</p> }).collect_view()}
            </details>
            <ol class="lesson-steps">
                {d.steps.iter().enumerate().map(|(i, (t, ok))| view! {
                    <li class:current=i == d.step class:passed=*ok>{if *ok { format!("✓ {t}") } else { t.clone() }}</li>
                }).collect_view()}
            </ol>
            <h3 data-testid="lesson-step">{format!("Step {} of {n}", d.step + 1)}</h3>
            <p data-testid="lesson-instruction">{d.instruction.clone()}</p>
            <ul class="lesson-goal" data-testid="lesson-goal">
                {move || live.get().into_iter().map(|c| view! {
                    <li class:holds=c.holds data-testid="goal-condition">
                        <span aria-hidden="true">{if c.holds { "✓" } else { "○" }}</span>
                        {format!(" {}: ", c.words)}
                        <b>{c.value.unwrap_or_else(|| "not yet".into())}</b>
                    </li>
                }).collect_view()}
            </ul>
            <p class="lesson-verdict" data-testid="lesson-verdict" data-verdict=verdict_key(d.verdict)>
                {let d = d.clone(); move || verdict_words(ui, &d)}
            </p>
            {debrief_view(&d, &live.get_untracked())}
            <div class="lesson-buttons">
                <button data-testid="lesson-hint" prop:disabled=d.hints_left == 0 on:click=hint>
                    {format!("Hint ({} left)", d.hints_left)}
                </button>
                {d.can_go_on.then(|| view! { <button class="primary" data-testid="lesson-next" on:click=next>"Next step →"</button> })}
            </div>
            <ul class="lesson-hints" data-testid="lesson-hints">
                {d.hints.iter().map(|h| view! { <li>{h.clone()}</li> }).collect_view()}
            </ul>
        </section>
    }
}

fn verdict_key(v: Verdict) -> &'static str {
    match v {
        Verdict::Pending => "pending",
        Verdict::Met => "met",
        Verdict::Missed => "missed",
    }
}

fn verdict_words(ui: Ui, d: &Shown) -> String {
    let day = d.judged_day;
    match d.verdict {
        Verdict::Pending => format!(
            "Judged at the end of day {day}; now {}. Figures so far.",
            clock_label(ui.clock.get())
        ),
        Verdict::Met if d.complete => format!("Goal met at the end of day {day}. Lesson complete!"),
        Verdict::Met => format!("Goal met at the end of day {day}."),
        Verdict::Missed => format!(
            "Not met at the end of day {day}. Change something and the run replays to now; a hint may help."
        ),
    }
}

/// The debrief: the step's text with the student's figures, and each
/// figure drawn against its bound.
fn debrief_view(d: &Shown, conditions: &[ConditionRow]) -> Option<impl IntoView + use<>> {
    let text = d.debrief.clone()?;
    let bars = conditions
        .iter()
        .filter_map(|c| c.bar.map(|b| (c.words.clone(), c.value.clone(), c.holds, b)))
        .map(|(words, value, holds, (v, bound))| {
            view! {
                <figure class="goal-bar" data-testid="goal-bar">
                    <figcaption>{format!("{words}: {}", value.unwrap_or_default())}</figcaption>
                    <div class="track" role="img" aria-label=format!("{words}: {}", if holds { "met" } else { "not met" })>
                        <span class:holds=holds style=format!("width:{:.1}%", v * 100.0)></span>
                        <i title="the goal" style=format!("left:{:.1}%", bound * 100.0)></i>
                    </div>
                </figure>
            }
        })
        .collect_view();
    Some(view! {
        <div class="lesson-debrief" data-testid="lesson-debrief">
            <h3>"Debrief"</h3>
            <p>{text}</p>
            {bars}
        </div>
    })
}
