//! The `requestAnimationFrame` loop: size the canvas to its box, advance the
//! sim within the frame budget, draw the map, and mirror the sandbox to the
//! panels a few times a second.

use crate::basemap_layer::BasemapLayer;
use crate::map::{self, Scene, Selection};
use crate::perf::PerfWindow;
use crate::sandbox::Sandbox;
use crate::ui::{SPEEDS, Ui};
use crate::viewport::Viewport;
use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use supply_sim::{Frame, SimTime};

/// Room left round the network when the view fits it, CSS px: enough for a
/// label beside the outermost sites.
const FIT_MARGIN_PX: f64 = 90.0;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlDivElement};

/// Our work budget per animation frame, ms: the sim gets what drawing the
/// last frame left of it (at least 1 ms, so a busy map still advances).
const FRAME_BUDGET_MS: f64 = 7.0;
/// Events between checks of the clock.
const EVENT_CHUNK: usize = 512;

fn perf_now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Start drawing `canvas` (inside `map_box`) every animation frame for the
/// life of the page.
pub fn start(ui: Ui, canvas: HtmlCanvasElement, map_box: HtmlDivElement, perf_on: bool) {
    let Some(ctx) = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
    else {
        ui.status.set("This browser cannot draw on a canvas".into());
        return;
    };
    let basemap = match BasemapLayer::load() {
        Ok(b) => Some(b),
        Err(e) => {
            ui.status.set(format!("Basemap unavailable: {e}"));
            None
        }
    };
    let mut frames = FrameLoop {
        ui,
        canvas,
        map_box,
        ctx,
        basemap,
        perf_on,
        frame: Frame::default(),
        last_ts: None,
        last_ui: 0.0,
        window: PerfWindow::default(),
        last_draw_ms: 0.0,
        round: None,
        bounds_rev: None,
        widths: RefCell::new(HashMap::new()),
        widths_px: map::LABEL_PX,
    };
    request_frames(move |ts| frames.tick(ts));
}

/// What the loop keeps from one frame to the next.
struct FrameLoop {
    ui: Ui,
    canvas: HtmlCanvasElement,
    map_box: HtmlDivElement,
    ctx: CanvasRenderingContext2d,
    basemap: Option<BasemapLayer>,
    perf_on: bool,
    /// The engine's render structs, buffers reused every frame.
    frame: Frame,
    last_ts: Option<f64>,
    /// When the panels were last mirrored, ms.
    last_ui: f64,
    window: PerfWindow,
    last_draw_ms: f64,
    /// The selected van's round, built once per selection.
    round: Option<DrawnRound>,
    /// The scenario revision the view's bounds were last taken from.
    bounds_rev: Option<u64>,
    /// Label widths by text at `widths_px`, kept across frames.
    widths: RefCell<HashMap<String, f64>>,
    widths_px: f64,
}

/// A van's round as drawn: its trip (lane, departure) and the (lat, lon)
/// path from its station and back.
type DrawnRound = ((u32, SimTime), Vec<(f64, f64)>);

impl FrameLoop {
    fn tick(&mut self, ts: f64) {
        let t0 = perf_now();
        let (view, dpr) = self.size_canvas();
        let events = self.advance(ts, t0);
        let t1 = perf_now();
        self.draw(&view, dpr, ts);
        let t2 = perf_now();
        self.last_draw_ms = t2 - t1;

        // Mirror to the panels a few times a second, not every frame.
        if ts - self.last_ui > 200.0 {
            self.last_ui = ts;
            self.ui.refresh();
        }
        if self.perf_on
            && let Some(stats) = self.window.frame(
                t2,
                t1 - t0,
                t2 - t1,
                events,
                self.frame.vehicles.len(),
                self.frame.time,
            )
        {
            self.ui.perf.set(Some(stats));
        }
    }

    /// Size the canvas to its box at the device pixel ratio, update the
    /// viewport (fitting it when asked) and the scale bar. Returns the
    /// viewport and the pixel ratio.
    fn size_canvas(&mut self) -> (Viewport, f64) {
        let ui = self.ui;
        let dpr = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio());
        let (w, h) = (
            self.map_box.client_width().max(1) as f64,
            self.map_box.client_height().max(1) as f64,
        );
        let (pw, ph) = ((w * dpr).round() as u32, (h * dpr).round() as u32);
        if self.canvas.width() != pw || self.canvas.height() != ph {
            self.canvas.set_width(pw);
            self.canvas.set_height(ph);
        }
        let mut view = ui.view.get_value().unwrap_or_else(|| Viewport::new(w, h));
        view.width = w;
        view.height = h;
        let rev = ui.rev.get_untracked();
        let fit = ui.fit_requested.get_value();
        if fit || self.bounds_rev != Some(rev) {
            // A fit, or a changed network: the view's bounds follow it.
            ui.sb.with_value(|s| {
                let sites = s.scenario.facilities.iter().map(|f| (f.lat, f.lon));
                if fit {
                    view.fit(sites, FIT_MARGIN_PX);
                } else {
                    view.set_bounds(sites);
                }
            });
            ui.fit_requested.set_value(false);
            self.bounds_rev = Some(rev);
        }
        ui.view.set_value(Some(view));
        let bar = map::scale_bar(view.km_per_px(), 120.0);
        if ui.scale.get_untracked() != bar {
            ui.scale.set(bar);
        }
        (view, dpr)
    }

    /// Advance the sim by the wall time since the last frame at the chosen
    /// speed (or catch up after an edit), within what is left of the budget
    /// after `t0`. Returns the number of events processed.
    fn advance(&mut self, ts: f64, t0: f64) -> usize {
        let ui = self.ui;
        let dt = self
            .last_ts
            .map_or(0.0, |l| ((ts - l) / 1000.0).clamp(0.0, 0.25));
        self.last_ts = Some(ts);
        let mut events = 0;
        let playing = ui.playing.get_untracked();
        if !playing && !ui.sb.with_value(Sandbox::catching_up) {
            return events;
        }
        let rate = SPEEDS[ui.speed.get_untracked()].0 as f64;
        let (now, limit) = ui.sb.with_value(|s| (s.now(), s.play_limit()));
        let target = (now + if playing { (rate * dt) as u64 } else { 0 }).min(limit.max(now));
        let budget = (FRAME_BUDGET_MS - self.last_draw_ms).max(1.0);
        ui.sb.update_value(|s| {
            loop {
                let n = s.advance(target, EVENT_CHUNK);
                events += n;
                if n < EVENT_CHUNK || perf_now() - t0 > budget {
                    break;
                }
            }
        });
        // The run stops at the scenario's horizon, for the summary.
        if playing && ui.sb.with_value(Sandbox::at_end) {
            ui.playing.set(false);
            ui.refresh();
        }
        events
    }

    /// Draw the map: the engine's current frame over the scenario.
    fn draw(&mut self, view: &Viewport, dpr: f64, ts: f64) {
        let ui = self.ui;
        self.ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0).ok();
        let selected = ui.selected.get_untracked();
        let ghost = ui.ghost.get_value();
        let hovered = ui.hovered.get_value();
        let text_px = map::LABEL_PX * crate::prefs::text_scale();
        if text_px != self.widths_px {
            self.widths_px = text_px;
            self.widths.borrow_mut().clear();
        }
        let (frame, ctx, basemap) = (&mut self.frame, &self.ctx, self.basemap.as_ref());
        let round = &mut self.round;
        ui.sb.with_value(|s| {
            let key = match selected {
                Some(Selection::Vehicle { lane, depart }) => Some((lane, depart)),
                _ => None,
            };
            if round.as_ref().map(|r| r.0) != key {
                *round = key.and_then(|(lane, depart)| {
                    let r = s.engine.as_ref()?.van_round(lane, depart)?;
                    Some(((lane, depart), r.path))
                });
            }
            if let Some(e) = &s.engine {
                e.frame_into(frame);
            } else {
                *frame = Frame::default();
            }
            // The tracked order's places, (lat, lon), while one is selected.
            let trace: Option<Vec<(f64, f64)>> = matches!(selected, Some(Selection::Order(_)))
                .then(|| {
                    ui.trace.with_untracked(|t| {
                        t.iter()
                            .flat_map(|t| &t.path)
                            .filter_map(|&(f, _)| s.scenario.facilities.get(f))
                            .map(|f| (f.lat, f.lon))
                            .collect()
                    })
                });
            let proposal = ui
                .proposal
                .with_untracked(|p| p.as_ref().map(|d| proposal_marks(&s.scenario, d)));
            let scene = Scene {
                view,
                scenario: &s.scenario,
                lane_ends: &s.lane_ends,
                frame: s.engine.as_ref().map(|_| &*frame),
                time: s.now(),
                selected: selected.as_ref(),
                hovered: hovered.as_deref(),
                ghost,
                basemap,
                wall_ms: ts,
                round: round.as_ref().map(|r| r.1.as_slice()),
                trace: trace.as_deref(),
                proposal: proposal.as_ref(),
                text_px,
                widths: &self.widths,
            };
            map::draw(ctx, &scene);
        });
    }
}

/// A design as the map draws it: its stations, their zones, and the
/// stations it closes, by place.
fn proposal_marks(
    s: &supply_sim::Scenario,
    d: &supply_sim::design::Suggestion,
) -> crate::map::Proposal {
    let place = |id: &str| {
        s.facilities
            .iter()
            .find(|f| f.id == id)
            .map(|f| (f.lat, f.lon))
    };
    let mut p = crate::map::Proposal::default();
    for site in &d.sites {
        let at = (site.candidate.lat, site.candidate.lon);
        p.stations
            .push((at.0, at.1, site.candidate.existing.is_none()));
        p.links
            .extend(site.zones.iter().filter_map(|z| Some((at, place(z)?))));
    }
    p.closed = d.closed.iter().filter_map(|id| place(id)).collect();
    p
}

/// Call `tick` on every animation frame for the life of the page.
fn request_frames(mut tick: impl FnMut(f64) + 'static) {
    type Slot = Rc<RefCell<Option<Closure<dyn FnMut(f64)>>>>;
    let slot: Slot = Rc::new(RefCell::new(None));
    let again = slot.clone();
    *slot.borrow_mut() = Some(Closure::new(move |ts: f64| {
        tick(ts);
        if let (Some(w), Some(cb)) = (web_sys::window(), again.borrow().as_ref()) {
            let _ = w.request_animation_frame(cb.as_ref().unchecked_ref());
        }
    }));
    if let (Some(w), Some(cb)) = (web_sys::window(), slot.borrow().as_ref()) {
        let _ = w.request_animation_frame(cb.as_ref().unchecked_ref());
    }
}
