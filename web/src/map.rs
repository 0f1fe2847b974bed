//! Drawing the map on a 2D canvas: basemap, lanes, facilities, vehicles.
//!
//! Everything is in CSS pixels; the context is scaled by devicePixelRatio once
//! per frame. Vehicles are batched into one path per mode so 10,000 of them
//! cost a handful of canvas calls.

use crate::style::{SELECTION_BLUE, kind_colour, mode_colour, mode_dash};
use crate::viewport::Viewport;
use std::f64::consts::TAU;
use supply_sim::emissions::Mode;
use supply_sim::scenario::{Facility, FacilityKind, Scenario};
use supply_sim::time::SimTime;
use supply_sim::view::frame::{Frame, VehicleState};
use wasm_bindgen::JsValue;
use web_sys::CanvasRenderingContext2d as Ctx;

/// What is selected on the map.
#[derive(Clone, Debug, PartialEq)]
pub enum Selection {
    Facility(String),
    Lane(usize),
    /// A vehicle trip, identified by its lane and departure time.
    Vehicle {
        lane: u32,
        depart: SimTime,
    },
    /// An order being tracked, by its place among the run's orders.
    Order(u64),
}

/// Everything one frame draws.
pub struct Scene<'a> {
    pub view: &'a Viewport,
    pub scenario: &'a Scenario,
    /// Each lane's facility indices, from [`crate::lane_ends::resolve`].
    pub lane_ends: &'a [Option<(usize, usize)>],
    pub frame: Option<&'a Frame>,
    /// Sim time to interpolate vehicles at (between engine events).
    pub time: SimTime,
    pub selected: Option<&'a Selection>,
    /// The facility under the pointer (its label shows at any zoom).
    pub hovered: Option<&'a str>,
    /// A facility being dragged from the palette: kind and screen position.
    pub ghost: Option<(FacilityKind, f64, f64)>,
    pub basemap: Option<&'a crate::basemap_layer::BasemapLayer>,
    /// Wall-clock milliseconds, for the stockout pulse.
    pub wall_ms: f64,
    /// The selected van's round, (lat, lon) from its station and back.
    pub round: Option<&'a [(f64, f64)]>,
    /// The tracked order's way so far, (lat, lon) of each place it passed.
    pub trace: Option<&'a [(f64, f64)]>,
    /// A network design not yet accepted.
    pub proposal: Option<&'a Proposal>,
    /// Label text size, CSS px: [`LABEL_PX`], larger in large-text mode.
    pub text_px: f64,
    /// Label widths measured so far at `text_px`, by text: measuring text
    /// is slow, and names seldom change.
    pub widths: &'a std::cell::RefCell<std::collections::HashMap<String, f64>>,
}

pub fn draw(ctx: &Ctx, scene: &Scene) {
    let v = scene.view;
    ctx.set_fill_style_str("#cfe0ec");
    ctx.fill_rect(0.0, 0.0, v.width, v.height);
    if let Some(b) = scene.basemap {
        b.draw(ctx, v);
    }
    let pos: Vec<(f64, f64)> = scene
        .scenario
        .facilities
        .iter()
        .map(|f| v.project(f.lat, f.lon))
        .collect();
    let towns = visible_towns(v);
    draw_town_dots(ctx, &towns);
    draw_zones(ctx, scene, &pos);
    draw_lanes(ctx, scene, &pos);
    if let Some(path) = scene.round {
        draw_round(ctx, v, path);
    }
    if let Some(path) = scene.trace {
        draw_trace(ctx, v, path);
    }
    if let Some(p) = scene.proposal {
        draw_proposal(ctx, v, p);
    }
    if let Some(frame) = scene.frame {
        let placer = Placer::new(v, scene.scenario, pos.clone());
        draw_vehicles(ctx, v, frame, scene.time, &placer, scene.selected);
    }
    draw_facilities(ctx, scene, &pos);
    draw_labels(ctx, scene, &pos, &towns);
    if let Some((kind, x, y)) = scene.ghost {
        ctx.set_global_alpha(0.6);
        draw_icon(ctx, kind, x, y, 11.0);
        ctx.set_global_alpha(1.0);
    }
}

/// Zone discs, all in one path: one fill and one stroke, however many.
fn draw_zones(ctx: &Ctx, scene: &Scene, pos: &[(f64, f64)]) {
    let km_px = scene.view.km_per_px();
    ctx.set_fill_style_str("rgba(241, 196, 15, 0.16)");
    ctx.set_stroke_style_str("rgba(183, 149, 11, 0.55)");
    ctx.set_line_width(1.0);
    ctx.begin_path();
    for (f, &(x, y)) in scene.scenario.facilities.iter().zip(pos) {
        if f.kind != FacilityKind::CustomerZone {
            continue;
        }
        let r = (f.radius_km.unwrap_or(10.0) / km_px).max(6.0);
        ctx.move_to(x + r, y);
        let _ = ctx.arc(x, y, r, 0.0, TAU);
    }
    ctx.fill();
    ctx.stroke();
}

fn draw_lanes(ctx: &Ctx, scene: &Scene, pos: &[(f64, f64)]) {
    let s = scene.scenario;
    // Flow now: vehicles in flight per lane.
    let mut in_flight = vec![0u32; s.lanes.len()];
    if let Some(frame) = scene.frame {
        for veh in &frame.vehicles {
            if let Some(n) = in_flight.get_mut(veh.lane as usize) {
                *n += 1;
            }
        }
    }
    // Lanes alike in mode, selection and width share one stroke.
    let mut segments: Vec<(LaneLook, Segment)> = Vec::new();
    for ((i, lane), ends) in s.lanes.iter().enumerate().zip(scene.lane_ends) {
        let Some((a, b)) = *ends else { continue };
        let selected = scene.selected == Some(&Selection::Lane(i));
        let width = 1.2 + (in_flight[i] as f64).sqrt().min(5.0);
        let look = (lane.mode, selected, (width * 4.0).round() as u32);
        let points = lane_points(scene.view, s, lane.mode, (a, b), (pos[a], pos[b]));
        segments.extend(points.windows(2).map(|w| (look, (w[0], w[1]))));
    }
    segments.sort_by_key(|seg| seg.0);
    for group in segments.chunk_by(|a, b| a.0 == b.0) {
        let (mode, selected, quarter_px) = group[0].0;
        let width = f64::from(quarter_px) / 4.0;
        ctx.set_stroke_style_str(mode_colour(mode));
        ctx.set_global_alpha(if selected { 1.0 } else { 0.55 });
        ctx.set_line_width(if selected { width + 3.0 } else { width });
        set_dash(ctx, mode_dash(mode));
        ctx.begin_path();
        for &(_, ((ax, ay), (bx, by))) in group {
            ctx.move_to(ax, ay);
            ctx.line_to(bx, by);
        }
        ctx.stroke();
    }
    set_dash(ctx, &[]);
    ctx.set_global_alpha(1.0);
}

/// How a lane is stroked: its mode, whether selected, its width in
/// quarter pixels. Lanes that look alike are drawn in one stroke.
type LaneLook = (Mode, bool, u32);
/// A lane's two ends on screen.
type Segment = ((f64, f64), (f64, f64));

fn set_dash(ctx: &Ctx, dash: &[f64]) {
    let arr = js_sys::Array::new();
    for d in dash {
        arr.push(&JsValue::from_f64(*d));
    }
    let _ = ctx.set_line_dash(&arr);
}

/// Where a vehicle is at `t`, as a fraction of its lane.
pub fn progress(depart: SimTime, arrive: SimTime, t: SimTime) -> f64 {
    if arrive <= depart {
        return 1.0;
    }
    (t.saturating_sub(depart) as f64 / (arrive - depart) as f64).clamp(0.0, 1.0)
}

/// A stable pseudo-random point in the unit disc for one vehicle trip.
fn disc_offset(lane: u32, depart: SimTime) -> (f64, f64) {
    let mut h = (u64::from(lane) << 40) ^ depart.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    h ^= h >> 31;
    h = h.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    h ^= h >> 29;
    let angle = (h & 0xFFFF) as f64 / 65_536.0 * TAU;
    let r = (((h >> 16) & 0xFFFF) as f64 / 65_536.0).sqrt();
    (r * angle.cos(), r * angle.sin())
}

/// Where vehicles are on screen.
pub struct Placer {
    /// Facility positions, CSS px.
    pos: Vec<(f64, f64)>,
    /// Zone radius in px (0 for other kinds): last-mile vehicles head for a
    /// spot inside the zone, not its centre, so vans fan out over the area.
    spread: Vec<f64>,
}

impl Placer {
    pub fn new(view: &Viewport, s: &Scenario, pos: Vec<(f64, f64)>) -> Placer {
        let km_px = view.km_per_px();
        let spread = s
            .facilities
            .iter()
            .map(|f| match f.kind {
                FacilityKind::CustomerZone => f.radius_km.unwrap_or(10.0) / km_px,
                _ => 0.0,
            })
            .collect();
        Placer { pos, spread }
    }

    pub fn for_view(view: &Viewport, s: &Scenario) -> Placer {
        let pos = s
            .facilities
            .iter()
            .map(|f| view.project(f.lat, f.lon))
            .collect();
        Placer::new(view, s, pos)
    }

    /// A vehicle's screen position at sim time `t`, interpolated along its lane.
    pub fn xy(&self, veh: &VehicleState, t: SimTime) -> Option<(f64, f64)> {
        self.pose(veh, t).map(|(x, y, _, _)| (x, y))
    }

    /// A vehicle's position and heading (a unit vector, east-south) at `t`.
    pub fn pose(&self, veh: &VehicleState, t: SimTime) -> Option<(f64, f64, f64, f64)> {
        let &(ax, ay) = self.pos.get(veh.from as usize)?;
        let &(bx, by) = self.pos.get(veh.to as usize)?;
        let (bx, by) = match self.spread.get(veh.to as usize) {
            Some(&r) if r > 0.0 => {
                let (ox, oy) = disc_offset(veh.lane, veh.depart);
                (bx + ox * r, by + oy * r)
            }
            _ => (bx, by),
        };
        let p = progress(veh.depart, veh.arrive, t);
        let len = (bx - ax).hypot(by - ay);
        let (hx, hy) = if len > 1e-9 {
            ((bx - ax) / len, (by - ay) / len)
        } else {
            (1.0, 0.0)
        };
        Some((ax + (bx - ax) * p, ay + (by - ay) * p, hx, hy))
    }
}

/// A vehicle's body on the map, CSS px: length along its heading and width,
/// for a parcel vehicle and for a (larger) replenishment shipment.
const BODY: (f64, f64) = (20.0, 10.0);
const SHIPMENT_BODY: (f64, f64) = (24.0, 12.0);
/// The solid cab at the back and the border round the load space, px.
const CAB: f64 = 5.0;
/// Above this many vehicles in flight they are drawn as plain squares, to
/// stay within the frame budget (`cargo xtask bench-web`, BENCHMARKS.md).
const DETAILED_VEHICLES: usize = 2_000;
/// A vehicle's square side when there are more, CSS px (a shipment's larger).
const SQUARE: f64 = 7.0;
const SHIPMENT_SQUARE: f64 = 9.0;
const BORDER: f64 = 2.0;

/// The four corners of a box along heading (hx, hy) centred at (x, y):
/// from `back` to `front` along the heading, half-width `half` across it.
fn oriented(
    x: f64,
    y: f64,
    (hx, hy): (f64, f64),
    back: f64,
    front: f64,
    half: f64,
) -> [(f64, f64); 4] {
    let (nx, ny) = (-hy, hx);
    let at = |along: f64, across: f64| (x + hx * along + nx * across, y + hy * along + ny * across);
    [
        at(back, -half),
        at(front, -half),
        at(front, half),
        at(back, half),
    ]
}

/// Add a closed polygon to the current path. It is closed with a line back
/// to its start, not `closePath`, which Chromium makes slower the longer
/// the path is (3.6 s a second with 12,000 vehicles in one path).
fn add_polygon(ctx: &Ctx, pts: &[(f64, f64)]) {
    ctx.move_to(pts[0].0, pts[0].1);
    for &(px, py) in &pts[1..] {
        ctx.line_to(px, py);
    }
    ctx.line_to(pts[0].0, pts[0].1);
}

/// Vehicles as arrows in their mode's colour, pointing the way they go.
/// A parcel vehicle's load space shows how full it is: coloured from the
/// back, white where it is empty.
fn draw_vehicles(
    ctx: &Ctx,
    view: &Viewport,
    frame: &Frame,
    t: SimTime,
    placer: &Placer,
    selected: Option<&Selection>,
) {
    ctx.set_stroke_style_str("#ffffff");
    ctx.set_line_width(1.0);
    // Arrows with a fill level and outlines help a few vehicles read; with
    // thousands they cannot be told apart and only cost time, so squares.
    let detailed = frame.vehicles.len() < DETAILED_VEHICLES;
    let (w, h) = (view.width, view.height);
    // The empty load space of every vehicle, filled white in one go.
    let mut empty: Vec<[(f64, f64); 4]> = Vec::new();
    for mode in Mode::ALL {
        ctx.set_fill_style_str(mode_colour(mode));
        ctx.begin_path();
        let mut any = false;
        for veh in frame.vehicles.iter().filter(|v| v.mode == mode) {
            let Some((x, y, hx, hy)) = placer.pose(veh, t) else {
                continue;
            };
            if x < -20.0 || y < -20.0 || x > w + 20.0 || y > h + 20.0 {
                continue;
            }
            let (len, wid) = if veh.replenishment {
                SHIPMENT_BODY
            } else {
                BODY
            };
            any = true;
            if !detailed {
                let side = if veh.replenishment {
                    SHIPMENT_SQUARE
                } else {
                    SQUARE
                };
                ctx.rect(x - side / 2.0, y - side / 2.0, side, side);
                continue;
            }
            let (back, half) = (-len / 2.0, wid / 2.0);
            let nose = len / 2.0 - half;
            let body = oriented(x, y, (hx, hy), back, nose, half);
            let tip = (x + hx * len / 2.0, y + hy * len / 2.0);
            add_polygon(ctx, &[body[0], body[1], tip, body[2], body[3]]);
            if let Some(fill) = veh.fill {
                let (from, to) = (back + CAB, nose - BORDER);
                let start = from + (to - from) * f64::from(fill.clamp(0.0, 1.0));
                if start < to {
                    empty.push(oriented(x, y, (hx, hy), start, to, half - BORDER));
                }
            }
        }
        if any {
            ctx.fill();
            if detailed {
                ctx.stroke();
            }
        }
    }
    ctx.set_fill_style_str("#ffffff");
    ctx.begin_path();
    for quad in &empty {
        add_polygon(ctx, quad);
    }
    ctx.fill();
    if let Some(Selection::Vehicle { lane, depart }) = selected
        && let Some(veh) = frame
            .vehicles
            .iter()
            .find(|v| v.lane == *lane && v.depart == *depart)
        && let Some((x, y)) = placer.xy(veh, t)
    {
        ctx.set_stroke_style_str(SELECTION_BLUE);
        ctx.set_line_width(3.0);
        ctx.begin_path();
        let _ = ctx.arc(x, y, 13.0, 0.0, TAU);
        ctx.stroke();
    }
}

/// A van's round: a thin line through its stops, a dot at each.
fn draw_round(ctx: &Ctx, v: &Viewport, path: &[(f64, f64)]) {
    ctx.set_stroke_style_str(SELECTION_BLUE);
    ctx.set_fill_style_str(SELECTION_BLUE);
    ctx.set_line_width(1.5);
    ctx.begin_path();
    for (k, &(lat, lon)) in path.iter().enumerate() {
        let (x, y) = v.project(lat, lon);
        if k == 0 {
            ctx.move_to(x, y);
        } else {
            ctx.line_to(x, y);
        }
    }
    ctx.stroke();
    for &(lat, lon) in &path[1..path.len().saturating_sub(1)] {
        let (x, y) = v.project(lat, lon);
        ctx.fill_rect(x - 1.5, y - 1.5, 3.0, 3.0);
    }
}

/// A tracked order's way: a thick line through the places it passed, a
/// ring at each, and a filled dot where it is now.
fn draw_trace(ctx: &Ctx, v: &Viewport, path: &[(f64, f64)]) {
    let pts: Vec<(f64, f64)> = path.iter().map(|&(lat, lon)| v.project(lat, lon)).collect();
    ctx.set_stroke_style_str(TRACE_COLOUR);
    ctx.set_fill_style_str(TRACE_COLOUR);
    ctx.set_line_width(4.0);
    ctx.begin_path();
    for (k, &(x, y)) in pts.iter().enumerate() {
        if k == 0 {
            ctx.move_to(x, y);
        } else {
            ctx.line_to(x, y);
        }
    }
    ctx.stroke();
    ctx.set_line_width(2.0);
    for &(x, y) in &pts {
        ctx.begin_path();
        let _ = ctx.arc(x, y, 9.0, 0.0, TAU);
        ctx.stroke();
    }
    if let Some(&(x, y)) = pts.last() {
        ctx.begin_path();
        let _ = ctx.arc(x, y, 5.0, 0.0, TAU);
        ctx.fill();
    }
}

/// A network design drawn over the map, (lat, lon) throughout.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Proposal {
    /// Each station of the design, and whether it is new.
    pub stations: Vec<(f64, f64, bool)>,
    /// From each station to each zone it would serve.
    pub links: Vec<((f64, f64), (f64, f64))>,
    /// Stations the design would close.
    pub closed: Vec<(f64, f64)>,
}

/// The design's colour: a deep green, apart from the modes' and the
/// trace's magenta.
const PROPOSAL_COLOUR: &str = "#1b7f3b";

/// A design: dashed lines from each station to its zones, new stations as
/// green rings with a cross, kept ones as green rings, closed ones struck
/// through in red.
fn draw_proposal(ctx: &Ctx, v: &Viewport, p: &Proposal) {
    ctx.set_stroke_style_str(PROPOSAL_COLOUR);
    ctx.set_line_width(2.0);
    let dash = js_sys::Array::of2(&6.0.into(), &4.0.into());
    let _ = ctx.set_line_dash(&dash);
    ctx.begin_path();
    for &((a_lat, a_lon), (b_lat, b_lon)) in &p.links {
        let (x0, y0) = v.project(a_lat, a_lon);
        let (x1, y1) = v.project(b_lat, b_lon);
        ctx.move_to(x0, y0);
        ctx.line_to(x1, y1);
    }
    ctx.stroke();
    let _ = ctx.set_line_dash(&js_sys::Array::new());
    ctx.set_line_width(3.0);
    for &(lat, lon, new) in &p.stations {
        let (x, y) = v.project(lat, lon);
        ctx.begin_path();
        let _ = ctx.arc(x, y, 12.0, 0.0, TAU);
        ctx.stroke();
        if new {
            ctx.begin_path();
            ctx.move_to(x - 6.0, y);
            ctx.line_to(x + 6.0, y);
            ctx.move_to(x, y - 6.0);
            ctx.line_to(x, y + 6.0);
            ctx.stroke();
        }
    }
    ctx.set_stroke_style_str("#b03a2e");
    for &(lat, lon) in &p.closed {
        let (x, y) = v.project(lat, lon);
        ctx.begin_path();
        ctx.move_to(x - 10.0, y - 10.0);
        ctx.line_to(x + 10.0, y + 10.0);
        ctx.move_to(x + 10.0, y - 10.0);
        ctx.line_to(x - 10.0, y + 10.0);
        ctx.stroke();
    }
}

/// The tracked order's colour: magenta, apart from every mode's and the
/// selection blue.
const TRACE_COLOUR: &str = "#c2185b";

/// How near a click must be to a vehicle's centre to pick it, CSS px:
/// anywhere on its body.
const PICK_RADIUS: f64 = 12.0;

/// The vehicle nearest a screen point, within a few pixels.
pub fn vehicle_at(
    placer: &Placer,
    frame: &Frame,
    t: SimTime,
    px: f64,
    py: f64,
) -> Option<VehicleState> {
    frame
        .vehicles
        .iter()
        .filter_map(|v| {
            placer
                .xy(v, t)
                .map(|(x, y)| ((x - px).powi(2) + (y - py).powi(2), v))
        })
        .filter(|(d2, _)| *d2 <= PICK_RADIUS * PICK_RADIUS)
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, v)| *v)
}

/// Facility icons with their utilisation arcs, stockout rings and the
/// selection ring. Each kind of mark is one path, so a network of hundreds
/// of sites costs a handful of fills and strokes.
fn draw_facilities(ctx: &Ctx, scene: &Scene, pos: &[(f64, f64)]) {
    let (w, h) = (scene.view.width, scene.view.height);
    let on_screen = |&(_, &(x, y)): &(&Facility, &(f64, f64))| {
        x > -40.0 && y > -40.0 && x < w + 40.0 && y < h + 40.0
    };
    let sites: Vec<(usize, &Facility, (f64, f64))> = scene
        .scenario
        .facilities
        .iter()
        .zip(pos)
        .enumerate()
        .filter(|(_, p)| on_screen(p))
        .map(|(i, (f, &xy))| (i, f, xy))
        .collect();
    let state = |i: usize| scene.frame.and_then(|fr| fr.facilities.get(i));
    // Utilisation arcs: the busier, the fuller.
    ctx.set_stroke_style_str("#34495e");
    ctx.set_line_width(3.0);
    ctx.begin_path();
    for &(i, f, (x, y)) in &sites {
        let Some(st) = state(i).filter(|st| st.utilisation > 0.0) else {
            continue;
        };
        if f.kind == FacilityKind::CustomerZone {
            continue;
        }
        let r = icon_size(f.kind) + 5.0;
        ctx.move_to(x, y - r);
        let _ = ctx.arc(
            x,
            y,
            r,
            -TAU / 4.0,
            -TAU / 4.0 + TAU * st.utilisation.min(1.0),
        );
    }
    ctx.stroke();
    // Stockout rings, pulsing together.
    let pulse = 0.5 + 0.5 * (scene.wall_ms / 250.0).sin();
    ctx.set_stroke_style_str("#e74c3c");
    ctx.set_line_width(2.0 + 2.0 * pulse);
    ctx.begin_path();
    for &(i, f, (x, y)) in &sites {
        if state(i).is_some_and(|st| st.stockout) {
            let r = icon_size(f.kind) + 9.0 + 3.0 * pulse;
            ctx.move_to(x + r, y);
            let _ = ctx.arc(x, y, r, 0.0, TAU);
        }
    }
    ctx.stroke();
    if let Some(&(_, f, (x, y))) = sites
        .iter()
        .find(|(_, f, _)| matches!(scene.selected, Some(Selection::Facility(id)) if *id == f.id))
    {
        ctx.set_stroke_style_str(SELECTION_BLUE);
        ctx.set_line_width(3.0);
        ctx.begin_path();
        let _ = ctx.arc(x, y, icon_size(f.kind) + 12.0, 0.0, TAU);
        ctx.stroke();
    }
    for kind in crate::edit::KINDS {
        begin_icons(ctx, kind);
        for &(_, _, (x, y)) in sites.iter().filter(|(_, f, _)| f.kind == kind) {
            icon_path(ctx, kind, x, y, icon_size(kind));
        }
        ctx.fill();
        ctx.stroke();
    }
}

/// The most minor place rank shown at a zoom (km per CSS pixel): only the
/// great cities when the whole of Europe is in view, towns of 50,000 when
/// a region is. Ranks are set out in [`crate::places`].
fn town_rank_at(km_px: f64) -> Option<u8> {
    const STEPS: [(f64, u8); 6] = [(6.0, 0), (3.0, 2), (1.5, 3), (0.7, 4), (0.35, 5), (0.15, 6)];
    if km_px > 20.0 {
        return None;
    }
    Some(STEPS.iter().find(|(km, _)| km_px > *km).map_or(7, |s| s.1))
}

/// Radius of a town's dot, CSS px.
const TOWN_DOT: f64 = 2.5;

/// The places in view at this zoom, projected, most important first.
fn visible_towns(v: &Viewport) -> Vec<(f64, f64, &'static crate::places::Place)> {
    let Some(rank) = town_rank_at(v.km_per_px()) else {
        return Vec::new();
    };
    crate::places::up_to_rank(rank)
        .iter()
        .map(|p| {
            let (x, y) = v.project(p.lat, p.lon);
            (x, y, p)
        })
        .filter(|&(x, y, _)| x >= 0.0 && y >= 0.0 && x <= v.width && y <= v.height)
        .collect()
}

fn draw_town_dots(ctx: &Ctx, towns: &[(f64, f64, &crate::places::Place)]) {
    ctx.set_fill_style_str("#7b8a97");
    ctx.begin_path();
    for &(x, y, _) in towns {
        ctx.move_to(x + TOWN_DOT, y);
        let _ = ctx.arc(x, y, TOWN_DOT, 0.0, TAU);
    }
    ctx.fill();
}

/// Icon half-size per kind, CSS px.
fn icon_size(kind: FacilityKind) -> f64 {
    match kind {
        FacilityKind::FulfillmentCenter | FacilityKind::Port => 10.0,
        FacilityKind::CustomerZone => 5.0,
        _ => 8.0,
    }
}

/// Which labels go first when space is short: the selected or hovered
/// site, then the big sites, then the small.
fn label_priority(kind: FacilityKind, picked: bool) -> u32 {
    match (picked, kind) {
        (true, _) => 0,
        (_, FacilityKind::FulfillmentCenter | FacilityKind::Port | FacilityKind::Supplier) => 1,
        (_, FacilityKind::SortationCenter) => 2,
        (_, FacilityKind::DeliveryStation) => 3,
        (_, FacilityKind::CustomerZone) => 4,
    }
}

/// Height of one label line, CSS px (12 px text).
const LABEL_LINE: f64 = 15.0;

/// Label text size, CSS px, at the page's normal size (the page's smallest
/// text is 12 px too).
pub const LABEL_PX: f64 = 12.0;

/// How far outside the view a site may be and still have its label tried, px.
const LABEL_SLACK: f64 = 40.0;

/// Mean width of a character of the detail line ("stock 12 · queue 3"), in
/// ems of the label size: digits and spaces of a sans-serif face, rounded up.
const DETAIL_EM: f64 = 0.56;

/// Priority of town labels: after every facility's, big towns first.
const TOWN_PRIORITY: u32 = 10;

/// Facility names (and an FC's stock and queue when zoomed in), then town
/// names, placed so none overlaps another or an icon; the ones with no
/// room are hidden.
fn draw_labels(
    ctx: &Ctx,
    scene: &Scene,
    pos: &[(f64, f64)],
    towns: &[(f64, f64, &crate::places::Place)],
) {
    use crate::label_layout::{Label, Rect, place};
    // Labels appear as the map zooms in: big sites first, then all.
    let km_px = scene.view.km_per_px();
    ctx.set_font(&format!("{}px system-ui, sans-serif", scene.text_px));
    let line = LABEL_LINE * scene.text_px / LABEL_PX;
    ctx.set_text_baseline("top");
    // Names are borrowed from the scenario and the places asset, not copied.
    let mut texts: Vec<(&str, Option<String>)> = Vec::new();
    let mut labels: Vec<Label> = Vec::new();
    let mut icons: Vec<Rect> = Vec::new();
    let mut widths = scene.widths.borrow_mut();
    let mut width = |t: &str| match widths.get(t) {
        Some(&w) => w,
        None => {
            let w = ctx
                .measure_text(t)
                .map_or(7.0 * t.len() as f64, |m| m.width());
            widths.insert(t.to_owned(), w);
            w
        }
    };
    let (vw, vh) = (scene.view.width, scene.view.height);
    let in_view = |x: f64, y: f64| {
        x > -LABEL_SLACK && y > -LABEL_SLACK && x < vw + LABEL_SLACK && y < vh + LABEL_SLACK
    };
    for (i, (f, &(x, y))) in scene.scenario.facilities.iter().zip(pos).enumerate() {
        if !in_view(x, y) {
            continue;
        }
        let size = icon_size(f.kind);
        icons.push(Rect::around(x, y, size));
        let picked = matches!(scene.selected, Some(Selection::Facility(id)) if *id == f.id)
            || scene.hovered == Some(f.id.as_str());
        let major = label_priority(f.kind, false) == 1;
        if !(km_px < 0.35 || (major && km_px < 1.5) || picked) {
            continue;
        }
        let state = scene.frame.and_then(|fr| fr.facilities.get(i));
        let detail = state
            .filter(|_| f.kind == FacilityKind::FulfillmentCenter && (km_px < 0.35 || picked))
            .map(|st| format!("stock {} · queue {}", st.stock, st.queue));
        // The detail changes every frame: its width is estimated, not cached.
        let w = width(&f.name).max(detail.as_deref().map_or(0.0, |d| {
            DETAIL_EM * scene.text_px * d.chars().count() as f64
        }));
        let lines = if detail.is_some() { 2.0 } else { 1.0 };
        let short = detail.is_some().then(|| (width(&f.name), line));
        labels.push(Label {
            x,
            y,
            r: size,
            w,
            h: line * lines,
            priority: label_priority(f.kind, picked),
            short,
            must: picked,
        });
        texts.push((&f.name, detail));
    }
    let facility_labels = labels.len();
    for &(x, y, p) in towns {
        let w = width(&p.name);
        labels.push(Label {
            x,
            y,
            r: TOWN_DOT,
            w,
            h: line,
            priority: TOWN_PRIORITY + u32::from(p.rank),
            short: None,
            must: false,
        });
        texts.push((&p.name, None));
    }
    let placed = place(&labels, &icons, scene.view.width, scene.view.height);
    for (k, ((name, detail), spot)) in texts.iter().zip(placed).enumerate() {
        let Some(p) = spot else { continue };
        let r = p.rect;
        ctx.set_fill_style_str(if k < facility_labels {
            "#17202a"
        } else {
            "#4d5b68"
        });
        let _ = ctx.fill_text(name, r.x, r.y);
        if let Some(d) = detail.as_ref().filter(|_| p.full) {
            ctx.set_fill_style_str("#566573");
            let _ = ctx.fill_text(d, r.x, r.y + line);
        }
    }
    ctx.set_text_baseline("alphabetic");
}

/// One icon per kind: distinct shape and colour.
pub fn draw_icon(ctx: &Ctx, kind: FacilityKind, x: f64, y: f64, r: f64) {
    begin_icons(ctx, kind);
    icon_path(ctx, kind, x, y, r);
    ctx.fill();
    ctx.stroke();
}

/// Start a path of icons of one kind: its colour and a white outline.
fn begin_icons(ctx: &Ctx, kind: FacilityKind) {
    ctx.set_fill_style_str(kind_colour(kind));
    ctx.set_stroke_style_str("#ffffff");
    ctx.set_line_width(1.5);
    ctx.begin_path();
}

/// Add one icon's shape to the current path (closed with lines, see
/// [`add_polygon`]).
fn icon_path(ctx: &Ctx, kind: FacilityKind, x: f64, y: f64, r: f64) {
    match kind {
        FacilityKind::Supplier => {
            add_polygon(ctx, &[(x, y - r), (x + r, y), (x, y + r), (x - r, y)]);
        }
        FacilityKind::Port => add_polygon(
            ctx,
            &[
                (x - r, y - r * 0.4),
                (x + r, y - r * 0.4),
                (x + r * 0.6, y + r * 0.8),
                (x - r * 0.6, y + r * 0.8),
            ],
        ),
        FacilityKind::FulfillmentCenter => ctx.rect(x - r, y - r * 0.8, 2.0 * r, 1.6 * r),
        FacilityKind::SortationCenter => {
            let hex: Vec<(f64, f64)> = (0..6)
                .map(|k| {
                    let a = TAU * k as f64 / 6.0;
                    (x + r * a.cos(), y + r * a.sin())
                })
                .collect();
            add_polygon(ctx, &hex);
        }
        FacilityKind::DeliveryStation => {
            add_polygon(
                ctx,
                &[(x, y - r), (x + r, y + r * 0.8), (x - r, y + r * 0.8)],
            );
        }
        FacilityKind::CustomerZone => {
            ctx.move_to(x + r, y);
            let _ = ctx.arc(x, y, r, 0.0, TAU);
        }
    }
}

/// A round scale-bar length (1, 2 or 5 × 10^n km) about `target_px` long,
/// and its length in pixels.
pub fn scale_bar(km_per_px: f64, target_px: f64) -> (f64, f64) {
    let target_km = km_per_px * target_px;
    let step = [1.0, 2.0, 5.0]
        .iter()
        .flat_map(|m| (-2..5).map(move |e| m * 10f64.powi(e)))
        .filter(|&k| k <= target_km)
        .fold(0.01, f64::max);
    (step, step / km_per_px)
}

/// The facility under a screen point (nearest within a few pixels).
pub fn facility_at(view: &Viewport, s: &Scenario, px: f64, py: f64) -> Option<String> {
    s.facilities
        .iter()
        .map(|f| {
            let (x, y) = view.project(f.lat, f.lon);
            ((x - px).powi(2) + (y - py).powi(2), &f.id)
        })
        .filter(|(d2, _)| *d2 <= 14.0 * 14.0)
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, id)| id.clone())
}

/// The screen points a lane from facility `a` to `b` (at `ends` on
/// screen) is drawn through: straight, or a sea lane along its corridor.
fn lane_points(
    view: &Viewport,
    s: &Scenario,
    mode: Mode,
    (a, b): (usize, usize),
    ends: ((f64, f64), (f64, f64)),
) -> Vec<(f64, f64)> {
    let mut points = vec![ends.0];
    if mode == Mode::Ocean
        && let (Some(fa), Some(fb)) = (s.facilities.get(a), s.facilities.get(b))
    {
        let path = supply_sim::ocean::sea_path((fa.lat, fa.lon), (fb.lat, fb.lon));
        points.extend(path.iter().map(|&(lat, lon)| view.project(lat, lon)));
    }
    points.push(ends.1);
    points
}

/// The lane under a screen point (within 5 px of the line it is drawn as).
pub fn lane_at(
    view: &Viewport,
    s: &Scenario,
    lane_ends: &[Option<(usize, usize)>],
    px: f64,
    py: f64,
) -> Option<usize> {
    let at = |i: usize| s.facilities.get(i).map(|f| view.project(f.lat, f.lon));
    lane_ends
        .iter()
        .enumerate()
        .filter_map(|(i, ends)| {
            let (a, b) = (*ends)?;
            let points = lane_points(view, s, s.lanes.get(i)?.mode, (a, b), (at(a)?, at(b)?));
            let d = points
                .windows(2)
                .map(|w| segment_distance(px, py, w[0].0, w[0].1, w[1].0, w[1].1))
                .fold(f64::INFINITY, f64::min);
            Some((d, i))
        })
        .filter(|(d, _)| *d <= 5.0)
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, i)| i)
}

fn segment_distance(px: f64, py: f64, ax: f64, ay: f64, bx: f64, by: f64) -> f64 {
    let (dx, dy) = (bx - ax, by - ay);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (((px - ax) * dx + (py - ay) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    ((px - ax - t * dx).powi(2) + (py - ay - t * dy).powi(2)).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn vehicles_interpolate_between_departure_and_arrival() {
        assert_eq!(progress(100, 200, 50), 0.0);
        assert_eq!(progress(100, 200, 150), 0.5);
        assert_eq!(progress(100, 200, 300), 1.0);
        assert_eq!(progress(100, 100, 100), 1.0);
    }

    #[test]
    fn fan_out_offsets_stay_in_the_unit_disc_and_spread() {
        let pts: Vec<_> = (0..200)
            .map(|i| disc_offset(i % 7, i as u64 * 3600))
            .collect();
        assert!(pts.iter().all(|(x, y)| x * x + y * y <= 1.0 + 1e-12));
        assert_eq!(disc_offset(3, 7200), disc_offset(3, 7200));
        // Both halves of the disc are used.
        assert!(pts.iter().any(|p| p.0 < -0.3) && pts.iter().any(|p| p.0 > 0.3));
    }

    #[test]
    fn scale_bar_is_round_and_about_the_target_length() {
        let (km, px) = scale_bar(0.5, 120.0);
        assert_eq!(km, 50.0);
        assert!((px - 100.0).abs() < 1e-9);
        let (km, _) = scale_bar(0.013, 120.0);
        assert_eq!(km, 1.0);
    }

    #[test]
    fn a_sea_lane_is_picked_where_it_is_drawn_through_suez() {
        let s = Scenario::from_json(supply_sim::builtin::OCEAN_INBOUND).unwrap();
        let ends = crate::lane_ends::resolve(&s);
        let mut view = Viewport::new(1000.0, 700.0);
        view.fit(s.facilities.iter().map(|f| (f.lat, f.lon)), 40.0);
        let (x, y) = view.project(29.9, 32.55);
        assert_eq!(lane_at(&view, &s, &ends, x, y), Some(0));
        // The straight line between the ends passes nowhere near Suez:
        // halfway along it there is no lane.
        let (a, b) = (view.project(31.23, 121.47), view.project(51.95, 4.14));
        let mid = ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0);
        assert_eq!(lane_at(&view, &s, &ends, mid.0, mid.1), None);
    }

    #[test]
    fn segment_distance_is_perpendicular_inside_and_to_the_end_outside() {
        assert!((segment_distance(5.0, 3.0, 0.0, 0.0, 10.0, 0.0) - 3.0).abs() < 1e-12);
        assert!((segment_distance(13.0, 4.0, 0.0, 0.0, 10.0, 0.0) - 5.0).abs() < 1e-12);
    }
}
