//! Import and export: the scenario and the report as JSON files. Downloads are
//! blob URLs made in the page; nothing leaves the machine.

use crate::sandbox::Sandbox;
use crate::ui::Ui;
use leptos::prelude::*;
use supply_sim::Scenario;
use wasm_bindgen::{JsCast, JsValue};

/// Offer `text` as a file download named `name`.
pub fn download(name: &str, text: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = doc.create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    web_sys::Url::revoke_object_url(&url)
}

/// A file name from a scenario name: lower case, dashes.
pub fn file_stem(name: &str) -> String {
    let stem: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let stem = stem
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if stem.is_empty() {
        "scenario".into()
    } else {
        stem
    }
}

pub fn export_scenario(ui: Ui) {
    let (name, json) = ui
        .sb
        .with_value(|s| (file_stem(&s.scenario.name), s.scenario.to_json_pretty()));
    if download(&format!("{name}.json"), &json).is_err() {
        ui.status.set("This browser refused the download".into());
    }
}

pub fn export_report(ui: Ui) {
    let out = ui.sb.with_value(|s| {
        let e = s.engine.as_ref()?;
        let json = serde_json::to_string_pretty(&e.report()).ok()?;
        Some((file_stem(&s.scenario.name), json))
    });
    match out {
        Some((name, json)) => {
            if download(&format!("{name}-report.json"), &json).is_err() {
                ui.status.set("This browser refused the download".into());
            }
        }
        None => ui
            .status
            .set("No report: the scenario has problems to fix first".into()),
    }
}

/// Open an imported file. A file that does not parse leaves the current work
/// as it is and says what is wrong and where.
pub fn import_text(ui: Ui, file_name: &str, text: &str) {
    if is_lesson(text) {
        return import_lesson(ui, file_name, text);
    }
    ui.status.set(match Scenario::from_json(text) {
        Ok(scenario) => {
            let name = file_name.trim_end_matches(".json").to_owned();
            ui.load(Sandbox::new(&name, scenario));
            let problems = ui
                .sb
                .with_value(|s| supply_sim::problem::summarise(&s.problems).len());
            match problems {
                0 => format!("Opened {file_name}"),
                1 => format!("Opened {file_name}; it has a problem to fix, shown on the right"),
                n => format!("Opened {file_name}; it has {n} problems to fix, shown on the right"),
            }
        }
        Err(problems) => format!(
            "Cannot open {file_name}: {}. Your work is unchanged.",
            problems.first().map(where_and_what).unwrap_or_default()
        ),
    });
}

/// Does the text look like a lesson file (`"lesson": N` at the top)?
fn is_lesson(text: &str) -> bool {
    serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(text)
        .is_ok_and(|m| m.contains_key("lesson"))
}

/// Open an imported lesson: checked like a scenario, problems with their
/// paths, and the current work kept when it cannot be opened.
fn import_lesson(ui: Ui, file_name: &str, text: &str) {
    match supply_sim::lesson::Lesson::open(text) {
        Ok((lesson, scenario)) => {
            let title = lesson.title.clone();
            let run = crate::lesson_run::LessonRun::new(lesson);
            ui.load(Sandbox::with_lesson(run, scenario));
            ui.status
                .set(format!("Opened the lesson {title} from {file_name}"));
        }
        Err(problems) => {
            let n = supply_sim::problem::summarise(&problems).len();
            let more = if n > 1 {
                format!(" (and {} more)", n - 1)
            } else {
                String::new()
            };
            ui.status.set(format!(
                "Cannot open the lesson {file_name}: {}{more}. Your work is unchanged.",
                problems.first().map(where_and_what).unwrap_or_default()
            ));
        }
    }
}

/// A file's first problem for a person: what is wrong, then where, once.
fn where_and_what(p: &supply_sim::Problem) -> String {
    match (p.line, p.column) {
        (Some(l), Some(c)) => format!("{} (line {l}, column {c})", p.describe()),
        _ => p.describe(),
    }
}

/// Read the file chosen in an `<input type=file>` and import it.
pub fn import_from_input(ui: Ui, input: web_sys::HtmlInputElement) {
    let Some(file) = input.files().and_then(|f| f.get(0)) else {
        return;
    };
    let name = file.name();
    leptos::task::spawn_local(async move {
        match wasm_bindgen_futures::JsFuture::from(file.text()).await {
            Ok(text) => import_text(ui, &name, &text.as_string().unwrap_or_default()),
            Err(_) => ui.status.set(format!("Cannot read {name}")),
        }
        input.set_value("");
    });
}

#[cfg(test)]
mod tests {
    use super::file_stem;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn file_names_are_tidy() {
        assert_eq!(
            file_stem("UK fulfillment network"),
            "uk-fulfillment-network"
        );
        assert_eq!(
            file_stem("  Stress: 10,000 vehicles "),
            "stress-10-000-vehicles"
        );
        assert_eq!(file_stem("???"), "scenario");
    }
}
