//! The JS API for a page that embeds the sandbox in an iframe: requests and
//! replies over `postMessage`, and events for subscribers.
//!
//! Messages are accepted only from the origins the embedding page declares
//! in the iframe's address (`?parent=https://lms.example,https://…`) and
//! from the sandbox's own origin; others are ignored. Every message is an
//! object `{ "supplySandbox": 1, "id": …, "type": … }`; the reply carries
//! the same `id` with `ok: true` and a `result`, or `ok: false` and an
//! `error` saying what is wrong. Malformed messages get an error reply and
//! never stop the app. The types are documented in
//! `web/examples/supply-sandbox-api.d.ts`.

use crate::lesson_run::Verdict;
use crate::ui::{SPEEDS, Ui};
use leptos::prelude::*;
use serde::Deserialize;
use serde_json::{Value, json};
use std::cell::RefCell;
use std::rc::Rc;
use supply_sim::time::{DAY, HOUR, SimTime};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// The protocol's version, `supplySandbox` in every message.
pub const VERSION: u64 = 1;

/// Events a subscriber can ask for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// The KPIs, five times a second while the run moves.
    Kpi,
    /// The lesson step's goal was judged (met or not).
    Goal,
    /// The run reached the scenario's horizon.
    End,
}

#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Request {
    /// A built-in scenario's name or a whole scenario; or a lesson likewise.
    Load {
        #[serde(default)]
        scenario: Option<Value>,
        #[serde(default)]
        lesson: Option<Value>,
    },
    Play,
    Pause,
    /// Run to the end of a day (or an hour); back from day 1 if it is past.
    Seek {
        #[serde(default)]
        day: Option<f64>,
        #[serde(default)]
        hour: Option<f64>,
    },
    /// `param`: `demand_multiplier` or `speed_hours_per_second`; or a
    /// facility's field by id; or any scenario value by JSON Pointer.
    Set {
        #[serde(default)]
        param: Option<String>,
        #[serde(default)]
        facility: Option<String>,
        #[serde(default)]
        field: Option<String>,
        #[serde(default)]
        pointer: Option<String>,
        value: Value,
    },
    Kpis,
    Subscribe {
        events: Vec<EventKind>,
    },
    Unsubscribe,
}

/// The origins allowed to drive the sandbox: its own and the `?parent=` list.
pub fn allowed_origins(own: &str, parent_param: Option<&str>) -> Vec<String> {
    let mut out = vec![own.to_owned()];
    for o in parent_param.unwrap_or("").split(',') {
        let o = o.trim().trim_end_matches('/');
        let looks_like_origin = (o.starts_with("https://") || o.starts_with("http://"))
            && !o["https://".len().min(o.len())..].contains('/');
        if looks_like_origin && !out.iter().any(|x| x == o) {
            out.push(o.to_owned());
        }
    }
    out
}

/// Read one message: its id (to answer with) and the request, or why it
/// cannot be read.
pub fn parse(data: &Value) -> (Value, Result<Request, String>) {
    let id = data.get("id").cloned().unwrap_or(Value::Null);
    let Some(obj) = data.as_object() else {
        return (id, Err("a message must be an object".into()));
    };
    // A JS number arrives as a float: 1.0 is version 1.
    if obj.get("supplySandbox").and_then(Value::as_f64) != Some(VERSION as f64) {
        return (id, Err(format!("\"supplySandbox\" must be {VERSION}")));
    }
    let mut body = obj.clone();
    body.remove("supplySandbox");
    body.remove("id");
    let req = serde_json::from_value::<Request>(Value::Object(body)).map_err(|e| e.to_string());
    (id, req)
}

struct Subscriber {
    window: web_sys::Window,
    origin: String,
    events: Vec<EventKind>,
}

/// What the events last saw, so each is sent once when it happens.
#[derive(Default)]
struct Seen {
    verdict: Option<Verdict>,
    ended: bool,
}

/// Listen for messages and send the subscribed events. Called once.
pub fn start(ui: Ui, allowed: Vec<String>) {
    let subs: Rc<RefCell<Vec<Subscriber>>> = Rc::default();
    let allowed_for_ready = allowed.clone();
    let s = subs.clone();
    let on_message =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            on_message(ui, &allowed, &s, &ev);
        });
    if let Some(w) = web_sys::window() {
        let _ = w.add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref());
    }
    on_message.forget();
    announce_ready(&allowed_for_ready);
    let seen = RefCell::new(Seen::default());
    Effect::new(move |_| {
        ui.clock.track();
        ui.rev.track();
        send_events(ui, &subs.borrow(), &mut seen.borrow_mut());
    });
}

/// Tell an embedding page the API listens, if the page's origin (from the
/// referrer) is one allowed; a post to any other origin would be refused.
fn announce_ready(allowed: &[String]) {
    let Some(w) = web_sys::window() else { return };
    let Ok(Some(parent)) = w.parent() else { return };
    if parent == w {
        return;
    }
    let referrer = w.document().map(|d| d.referrer()).unwrap_or_default();
    let Some(origin) = origin_of(&referrer) else {
        return;
    };
    if allowed.contains(&origin) {
        post(
            &parent,
            &origin,
            &json!({"supplySandbox": VERSION, "event": "ready"}),
        );
    }
}

/// `https://host:port` of a URL, if it is an http(s) URL.
fn origin_of(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#']).next()?;
    Some(format!("{}{host}", &url[..url.len() - rest.len()]))
}

fn on_message(
    ui: Ui,
    allowed: &[String],
    subs: &RefCell<Vec<Subscriber>>,
    ev: &web_sys::MessageEvent,
) {
    let origin = ev.origin();
    if !allowed.contains(&origin) {
        return;
    }
    // The sender's window belongs to another realm, so a checked cast
    // (`instanceof Window`) fails on it: it is used only to post to.
    let Some(window) = ev.source().map(|s| s.unchecked_into::<web_sys::Window>()) else {
        return;
    };
    let data: Value = serde_wasm_bindgen::from_value(ev.data()).unwrap_or(Value::Null);
    // Our own replies and events come back through the same channel when
    // the page talks to itself: they carry no request.
    if data.get("ok").is_some() || data.get("event").is_some() {
        return;
    }
    let (id, req) = parse(&data);
    let reply = match req.and_then(|r| handle(ui, r, &window, &origin, subs)) {
        Ok(result) => json!({"supplySandbox": VERSION, "id": id, "ok": true, "result": result}),
        Err(error) => json!({"supplySandbox": VERSION, "id": id, "ok": false, "error": error}),
    };
    post(&window, &origin, &reply);
}

/// `window.postMessage(v, origin)`, looked up on the window itself: the
/// sender's window is another realm's, on which web-sys's binding (this
/// realm's `Window.prototype.postMessage`) is an illegal invocation.
fn post(window: &web_sys::Window, origin: &str, v: &Value) {
    let s = serde_wasm_bindgen::Serializer::json_compatible();
    let Ok(js) = serde::Serialize::serialize(v, &s) else {
        return;
    };
    // `typeof`, not `instanceof`: the function is the other realm's too.
    let f = js_sys::Reflect::get(window, &JsValue::from_str("postMessage"));
    if let Ok(f) = f
        && f.is_function()
    {
        let f: js_sys::Function = f.unchecked_into();
        let _ = f.call2(window, &js, &JsValue::from_str(origin));
    }
}

fn handle(
    ui: Ui,
    req: Request,
    window: &web_sys::Window,
    origin: &str,
    subs: &RefCell<Vec<Subscriber>>,
) -> Result<Value, String> {
    match req {
        Request::Load { scenario, lesson } => load(ui, scenario, lesson),
        Request::Play | Request::Pause => {
            ui.playing.set(matches!(req, Request::Play));
            Ok(json!({"playing": ui.playing.get_untracked()}))
        }
        Request::Seek { day, hour } => seek(ui, day, hour),
        Request::Set {
            param,
            facility,
            field,
            pointer,
            value,
        } => set(ui, param, facility.zip(field), pointer, value),
        Request::Kpis => Ok(kpis(ui)),
        Request::Subscribe { events } => {
            let mut s = subs.borrow_mut();
            s.retain(|x| x.origin != origin || x.window != *window);
            s.push(Subscriber {
                window: window.clone(),
                origin: origin.to_owned(),
                events: events.clone(),
            });
            Ok(json!({"subscribed": events.len()}))
        }
        Request::Unsubscribe => {
            subs.borrow_mut()
                .retain(|x| x.origin != origin || x.window != *window);
            Ok(json!({"subscribed": 0}))
        }
    }
}

fn load(ui: Ui, scenario: Option<Value>, lesson: Option<Value>) -> Result<Value, String> {
    match (scenario, lesson) {
        (Some(Value::String(name)), None) => {
            let sb = crate::sandbox::Sandbox::builtin(&name)
                .map_err(|p| p.first().map(|p| p.describe()).unwrap_or_default())?;
            ui.load(sb);
        }
        (Some(v @ Value::Object(_)), None) => {
            let text = v.to_string();
            let s = supply_sim::Scenario::from_json(&text)
                .map_err(|p| p.first().map(|p| p.to_string()).unwrap_or_default())?;
            ui.load(crate::sandbox::Sandbox::new("embedded", s));
        }
        (None, Some(Value::String(id))) => {
            ui.load(crate::sandbox::Sandbox::lesson(&id)?);
        }
        (None, Some(v @ Value::Object(_))) => {
            let (l, s) = supply_sim::lesson::Lesson::open(&v.to_string())
                .map_err(|p| p.first().map(|p| p.to_string()).unwrap_or_default())?;
            ui.load(crate::sandbox::Sandbox::with_lesson(
                crate::lesson_run::LessonRun::new(l),
                s,
            ));
        }
        _ => {
            return Err(
                "load needs \"scenario\" or \"lesson\": a built-in's name or a whole one".into(),
            );
        }
    }
    let (name, problems) = ui
        .sb
        .with_value(|s| (s.scenario.name.clone(), s.problems.len()));
    Ok(json!({"name": name, "problems": problems}))
}

fn seek(ui: Ui, day: Option<f64>, hour: Option<f64>) -> Result<Value, String> {
    let hours = match (day, hour) {
        (Some(d), None) => d * 24.0,
        (None, Some(h)) => h,
        _ => return Err("seek needs \"day\" or \"hour\"".into()),
    };
    if !hours.is_finite() || hours < 0.0 {
        return Err("seek: the time must be a number of days or hours from 0".into());
    }
    let limit = ui.sb.with_value(|s| s.play_limit());
    let target = ((hours * HOUR as f64) as SimTime).min(limit);
    ui.playing.set(false);
    ui.sb.update_value(|s| {
        if target < s.now() {
            s.reset();
        }
        while s.now() < target && s.advance(target, 1_000_000) > 0 {}
    });
    ui.changed();
    Ok(json!({"time_h": ui.clock.get_untracked() as f64 / HOUR as f64}))
}

fn set(
    ui: Ui,
    param: Option<String>,
    facility_field: Option<(String, String)>,
    pointer: Option<String>,
    value: Value,
) -> Result<Value, String> {
    if let Some(p) = param {
        return set_param(ui, &p, &value);
    }
    let pointer = match (facility_field, pointer) {
        (Some((id, field)), None) => {
            let i = ui
                .sb
                .with_value(|s| s.scenario.facilities.iter().position(|f| f.id == id))
                .ok_or(format!("no facility with id {id:?}"))?;
            format!("/facilities/{i}/{field}")
        }
        (None, Some(p)) => p,
        _ => return Err("set needs \"param\", \"facility\" and \"field\", or \"pointer\"".into()),
    };
    let edited = ui
        .sb
        .with_value(|s| edited_scenario(&s.scenario, &pointer, value))?;
    if !ui.try_edit(|s| *s = edited) {
        return Err(ui.status.get_untracked());
    }
    let problems = ui
        .sb
        .with_value(|s| s.problems.iter().map(|p| p.describe()).collect::<Vec<_>>());
    Ok(json!({"problems": problems}))
}

/// The scenario with the value at a JSON Pointer replaced (or the field
/// added to an existing object), read back as a scenario.
pub fn edited_scenario(
    s: &supply_sim::Scenario,
    pointer: &str,
    value: Value,
) -> Result<supply_sim::Scenario, String> {
    let mut doc = serde_json::to_value(s).map_err(|e| e.to_string())?;
    let (parent, key) = pointer.rsplit_once('/').ok_or(format!(
        "{pointer:?} is not a JSON Pointer (it starts with /)"
    ))?;
    let target = doc
        .pointer_mut(parent)
        .ok_or(format!("nothing at {parent:?} in the scenario"))?;
    match target {
        Value::Object(m) => {
            m.insert(key.replace("~1", "/").replace("~0", "~"), value);
        }
        Value::Array(a) => {
            let slot = key.parse::<usize>().ok().and_then(|i| a.get_mut(i));
            *slot.ok_or(format!("no item {key} at {parent:?}"))? = value;
        }
        _ => return Err(format!("{parent:?} holds a value, not an object or a list")),
    }
    supply_sim::Scenario::from_json(&doc.to_string())
        .map_err(|p| p.first().map(|p| p.to_string()).unwrap_or_default())
}

fn set_param(ui: Ui, param: &str, value: &Value) -> Result<Value, String> {
    let v = value.as_f64().filter(|v| v.is_finite() && *v >= 0.0);
    match (param, v) {
        ("demand_multiplier", Some(m)) if m <= crate::panels::MAX_DEMAND_MULTIPLIER => {
            if !ui.set_demand_multiplier(m) {
                return Err(ui.status.get_untracked());
            }
            Ok(json!({"demand_multiplier": ui.sb.with_value(|s| s.demand_multiplier())}))
        }
        ("speed_hours_per_second", Some(h)) => {
            let i = SPEEDS
                .iter()
                .position(|(s, _)| *s as f64 >= h * HOUR as f64)
                .unwrap_or(SPEEDS.len() - 1);
            ui.speed.set(i);
            Ok(json!({"speed_hours_per_second": SPEEDS[i].0 as f64 / HOUR as f64}))
        }
        ("demand_multiplier" | "speed_hours_per_second", _) => Err(format!(
            "{param} must be a number from 0{}",
            if param == "demand_multiplier" {
                format!(" to {}", crate::panels::MAX_DEMAND_MULTIPLIER)
            } else {
                String::new()
            }
        )),
        _ => Err(format!(
            "unknown param {param:?}: demand_multiplier or speed_hours_per_second"
        )),
    }
}

fn kpis(ui: Ui) -> Value {
    ui.sb.with_value(|s| {
        let lesson = s.lesson.as_ref().map(|l| {
            json!({"id": l.lesson.id, "step": l.step_index() + 1, "steps": l.steps(),
                   "verdict": verdict_name(l.verdict()), "complete": l.complete()})
        });
        json!({
            "time_h": s.now() as f64 / HOUR as f64,
            "day": s.now() / DAY + 1,
            "scenario": s.scenario.name,
            "kpis": s.kpis(),
            "at_end": s.at_end(),
            "lesson": lesson,
        })
    })
}

fn verdict_name(v: Verdict) -> &'static str {
    match v {
        Verdict::Pending => "pending",
        Verdict::Met => "met",
        Verdict::Missed => "missed",
    }
}

fn send_events(ui: Ui, subs: &[Subscriber], seen: &mut Seen) {
    let (verdict, ended) = ui
        .sb
        .with_value(|s| (s.lesson.as_ref().map(|l| l.verdict()), s.at_end()));
    let goal_now = verdict.filter(|v| *v != Verdict::Pending && seen.verdict != Some(*v));
    let end_now = ended && !seen.ended;
    (seen.verdict, seen.ended) = (verdict, ended);
    if subs.is_empty() {
        return;
    }
    let state = kpis(ui);
    for sub in subs {
        let send = |event: &str| {
            post(
                &sub.window,
                &sub.origin,
                &json!({"supplySandbox": VERSION, "event": event, "data": state}),
            );
        };
        if sub.events.contains(&EventKind::Kpi) {
            send("kpi");
        }
        if goal_now.is_some() && sub.events.contains(&EventKind::Goal) {
            send("goal");
        }
        if end_now && sub.events.contains(&EventKind::End) {
            send("end");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn only_declared_origins_are_allowed() {
        let a = allowed_origins(
            "http://127.0.0.1:8080",
            Some("https://lms.example/, javascript:alert(1),https://x.org/path, http://b.example"),
        );
        assert_eq!(
            a,
            [
                "http://127.0.0.1:8080",
                "https://lms.example",
                "http://b.example"
            ]
        );
        assert_eq!(allowed_origins("http://o", None), ["http://o"]);
    }

    #[test]
    fn a_referrer_gives_its_origin() {
        assert_eq!(
            origin_of("http://127.0.0.1:8080/examples/course.html?x#y").as_deref(),
            Some("http://127.0.0.1:8080")
        );
        assert_eq!(
            origin_of("https://lms.example").as_deref(),
            Some("https://lms.example")
        );
        assert_eq!(origin_of(""), None);
        assert_eq!(origin_of("file:///c/x.html"), None);
    }

    #[test]
    fn malformed_messages_say_what_is_wrong() {
        let (_, r) = parse(&json!("play"));
        assert!(r.unwrap_err().contains("object"));
        let (id, r) = parse(&json!({"id": 7, "type": "play"}));
        assert_eq!(id, json!(7));
        assert!(r.unwrap_err().contains("supplySandbox"));
        let (_, r) = parse(&json!({"supplySandbox": 1.0, "type": "play"}));
        assert!(matches!(r, Ok(Request::Play)), "a JS number is a float");
        let (_, r) = parse(&json!({"supplySandbox": 1.5, "type": "play"}));
        assert!(r.is_err());
        let (_, r) = parse(&json!({"supplySandbox": 1, "type": "fly"}));
        assert!(r.unwrap_err().contains("fly"));
        let (_, r) = parse(&json!({"supplySandbox": 1, "type": "seek", "day": "soon"}));
        assert!(r.is_err());
        let (_, r) = parse(
            &json!({"supplySandbox": 1, "id": "a", "type": "subscribe", "events": ["kpi", "goal"]}),
        );
        assert!(matches!(r, Ok(Request::Subscribe { .. })));
    }

    #[test]
    fn a_pointer_edit_changes_one_value_and_a_bad_one_says_why() {
        let s = supply_sim::Scenario::from_json(supply_sim::builtin::UK_NETWORK).unwrap();
        let e = edited_scenario(&s, "/facilities/2/capacity_per_hour", json!(5000.0)).unwrap();
        assert_eq!(e.facilities[2].capacity_per_hour, Some(5000.0));
        assert!(edited_scenario(&s, "/facilities/999/x", json!(1)).is_err());
        assert!(edited_scenario(&s, "/facilities/2/capacity_per_hour", json!("lots")).is_err());
        assert!(edited_scenario(&s, "nonsense", json!(1)).is_err());
    }
}
