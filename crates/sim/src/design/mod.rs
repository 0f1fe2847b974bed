//! Network design (greenfield): where delivery stations should stand for
//! the scenario's demand. The capacitated facility-location problem
//! (Daskin 2013, *Network and Discrete Location*, ch. 6): open a candidate
//! at its cost per day (rent and rates, and the crew its capacity needs,
//! rostered around the clock as the engine rosters them), serve each
//! customer zone's orders from open
//! stations at the van cost per order of the distance, within each
//! station's capacity. Candidates are the existing delivery stations and a
//! grid over the zones. Solved as a mixed-integer programme with `good_lp`
//! and the pure-Rust `microlp` solver under a node limit (never a time
//! limit), so a design reproduces on every machine.
//!
//! Figures are at the network's full size (demand as written, before
//! `scale`). The suggestion is data until [`apply`] writes it into a
//! scenario.

mod apply;

pub use apply::apply;

use crate::defaults;
use crate::emissions::Mode;
use crate::geo::{LatLon, haversine_km};
use crate::problem::Problem;
use crate::scenario::{FacilityKind, Scenario};
use good_lp::{Expression, ProblemVariables, SolverModel, Variable, constraint, variable};
use serde::{Deserialize, Serialize};

/// Grid points a side unless a person says otherwise: 5 × 5 = 25 new
/// candidates beside the existing stations.
pub const DEFAULT_GRID: u32 = 5;
/// The most grid points a side (20 × 20 = 400 candidates).
pub const MAX_GRID: u32 = 20;
/// Branch-and-bound nodes unless a person says otherwise: a uk-network
/// design proves optimal in far fewer.
pub const DEFAULT_NODE_LIMIT: u64 = 5_000;
/// A zone is served only by candidates within this stem of it, km: a van
/// out 60 km and back at 35 km/h spends 3.4 of its 11 duty hours driving
/// the stem (defaults::DRIVER_DUTY_HOURS), and real stations sit much
/// closer. Each zone keeps at least its [`NEAREST`] candidates.
pub const MAX_STEM_KM: f64 = 60.0;
/// Candidates every zone may use, however far.
pub const NEAREST: usize = 3;
/// Parcels a van round carries, for the stem's cost per parcel: the most
/// stops on a round (defaults::VAN_MAX_STOPS, after Allen et al. 2018).
const PARCELS_PER_ROUND: f64 = defaults::VAN_MAX_STOPS as f64;
/// A new station's hours a day (stations sort around the clock).
const HOURS_PER_DAY: f64 = 24.0;
/// The share of a station's capacity a design may load it to. Waits grow
/// as u / (1 − u) (Hopp & Spearman, *Factory Physics*, 3rd ed., ch. 8):
/// at 70 % a parcel waits about 2.3 times its handling time, and demand
/// peaks within the day need the rest; the UK network's stations are
/// sized to run at 55–70 %.
pub const MAX_UTILISATION: f64 = 0.7;

/// What to design.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Request {
    pub scenario: Scenario,
    /// Grid points a side.
    pub grid: u32,
    pub node_limit: u64,
}

/// A candidate site.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    pub name: String,
    pub lat: f64,
    pub lon: f64,
    /// The existing station's id, for a station already there.
    pub existing: Option<String>,
    /// Orders a day it may take: its capacity at [`MAX_UTILISATION`].
    pub capacity_per_day: f64,
    /// Rent and rates and the crew, £ a day, whatever it handles.
    pub fixed_per_day: f64,
}

/// An open station of the design and the zones it serves.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Site {
    pub candidate: Candidate,
    /// Zone ids, each served wholly by its main station.
    pub zones: Vec<String>,
    pub orders_per_day: f64,
}

/// The design.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Suggestion {
    pub sites: Vec<Site>,
    /// Existing stations the design does not open.
    pub closed: Vec<String>,
    /// The model's cost a day of the design: fixed plus van stems, £.
    pub cost_per_day: f64,
    /// The same model's cost of the network as it is (each zone from the
    /// stations its lanes name), £; `None` if a zone has no station.
    pub current_cost_per_day: Option<f64>,
    /// Whether the solver proved the design optimal within the node limit.
    pub optimal: bool,
    pub candidates: usize,
    pub zones: usize,
}

/// What a worker answers to a design request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "reply", rename_all = "snake_case")]
pub enum Reply {
    Designed { suggestion: Box<Suggestion> },
    Failed { message: String },
}

/// Design as a worker's job: the suggestion, or what went wrong.
pub fn job(req: &Request) -> Reply {
    match suggest(req) {
        Ok(s) => Reply::Designed {
            suggestion: Box::new(s),
        },
        Err(p) => Reply::Failed {
            message: crate::experiment::job::describe(&p),
        },
    }
}

impl Suggestion {
    /// "17 stations, £198,859 a day, proved optimal; the network as it
    /// is: £202,516."
    pub fn summary(&self) -> String {
        use crate::view::format::pounds;
        format!(
            "{} stations, {} a day, {}; the network as it is: {}.",
            self.sites.len(),
            pounds(self.cost_per_day),
            if self.optimal {
                "proved optimal"
            } else {
                "the best found within the node limit"
            },
            self.current_cost_per_day
                .map_or("a zone has no station".into(), pounds)
        )
    }
}

/// A customer zone's demand and place.
struct Zone {
    id: String,
    at: LatLon,
    orders_per_day: f64,
}

fn zones(s: &Scenario) -> Vec<Zone> {
    s.facilities
        .iter()
        .filter(|f| f.kind == FacilityKind::CustomerZone)
        .map(|f| Zone {
            id: f.id.clone(),
            at: LatLon {
                lat: f.lat,
                lon: f.lon,
            },
            orders_per_day: s
                .demand
                .iter()
                .filter(|d| d.zone == f.id)
                .map(|d| d.orders_per_day)
                .sum(),
        })
        .filter(|z| z.orders_per_day > 0.0)
        .collect()
}

/// A van stem's cost per parcel from `a` to `b` and back, £ (diesel van
/// defaults: per km plus the driver's time at its speed).
fn stem_cost(a: LatLon, b: LatLon, circuity: f64) -> f64 {
    let v = Mode::DieselVan.defaults();
    let per_km = v.cost_per_km + v.cost_per_hour / v.speed_kmh;
    2.0 * haversine_km(a, b) * circuity * per_km / PARCELS_PER_ROUND
}

/// A zone's stems a day from candidate `c`, £.
fn zone_cost(z: &Zone, c: &Candidate, circuity: f64) -> f64 {
    z.orders_per_day
        * stem_cost(
            z.at,
            LatLon {
                lat: c.lat,
                lon: c.lon,
            },
            circuity,
        )
}

/// The existing stations and a `grid` × `grid` lattice over the zones.
fn candidates(s: &Scenario, zones: &[Zone], grid: u32) -> Vec<Candidate> {
    let stations: Vec<&crate::scenario::Facility> = s
        .facilities
        .iter()
        .filter(|f| f.kind == FacilityKind::DeliveryStation)
        .collect();
    let mut caps: Vec<f64> = stations
        .iter()
        .filter_map(|f| f.capacity_per_hour)
        .collect();
    caps.sort_by(f64::total_cmp);
    // A new station is the size of the median existing one (5,000 parcels
    // an hour without one: defaults::fixed_cost_per_day's typical station).
    let size = caps.get(caps.len() / 2).copied().unwrap_or(5_000.0);
    let (_, default_labour) = defaults::crossdock(FacilityKind::DeliveryStation);
    let day_cost = |cap_h: f64, rent: Option<f64>, labour: Option<f64>| {
        let rent = rent.unwrap_or_else(|| {
            defaults::fixed_cost_per_day(FacilityKind::DeliveryStation, Default::default(), cap_h)
        });
        // Heads enough for the capacity, as validation rosters them.
        let heads = libm::ceil(cap_h * labour.unwrap_or(default_labour) - 1e-9).max(0.0);
        rent + heads * HOURS_PER_DAY * s.wage_per_hour
    };
    let mut out: Vec<Candidate> = stations
        .iter()
        .map(|f| {
            let cap_h = f.capacity_per_hour.unwrap_or(size);
            Candidate {
                name: f.name.clone(),
                lat: f.lat,
                lon: f.lon,
                existing: Some(f.id.clone()),
                capacity_per_day: cap_h * HOURS_PER_DAY * MAX_UTILISATION,
                fixed_per_day: day_cost(cap_h, f.fixed_cost_per_day, f.labour_hours_per_unit),
            }
        })
        .collect();
    let (lat0, lat1, lon0, lon1) = zones.iter().fold(
        (
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ),
        |b, z| {
            (
                b.0.min(z.at.lat),
                b.1.max(z.at.lat),
                b.2.min(z.at.lon),
                b.3.max(z.at.lon),
            )
        },
    );
    let step = |lo: f64, hi: f64, k: u32| {
        if grid > 1 {
            lo + (hi - lo) * f64::from(k) / f64::from(grid - 1)
        } else {
            (lo + hi) / 2.0
        }
    };
    for a in 0..grid {
        for b in 0..grid {
            let at = LatLon {
                lat: step(lat0, lat1, a),
                lon: step(lon0, lon1, b),
            };
            let near = zones
                .iter()
                .min_by(|x, y| haversine_km(x.at, at).total_cmp(&haversine_km(y.at, at)))
                .map_or_else(String::new, |z| s.name_of(&z.id));
            out.push(Candidate {
                name: format!("Proposed station {} (near {near})", a * grid + b + 1),
                lat: at.lat,
                lon: at.lon,
                existing: None,
                capacity_per_day: size * HOURS_PER_DAY * MAX_UTILISATION,
                fixed_per_day: day_cost(size, None, None),
            });
        }
    }
    out
}

/// The pairs (zone, candidate) the model may use: within the stem limit,
/// and each zone's nearest few.
fn arcs(zones: &[Zone], cands: &[Candidate]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (i, z) in zones.iter().enumerate() {
        let mut by_distance: Vec<(f64, usize)> = cands
            .iter()
            .enumerate()
            .map(|(j, c)| {
                (
                    haversine_km(
                        z.at,
                        LatLon {
                            lat: c.lat,
                            lon: c.lon,
                        },
                    ),
                    j,
                )
            })
            .collect();
        by_distance.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        out.extend(
            by_distance
                .iter()
                .enumerate()
                .filter(|(rank, (km, _))| *rank < NEAREST || *km <= MAX_STEM_KM)
                .map(|(_, &(_, j))| (i, j)),
        );
    }
    out
}

/// The most zone–candidate pairs a design takes on: the programme has a
/// variable and a row for each. Measured natively: uk-network on a 20 × 20
/// grid solves in 0.07 s and bench-large's 400 zones on a 5 × 5 grid (145
/// candidates) in 0.5 s, but its 7,269 pairs on a 20 × 20 grid ran for
/// minutes.
pub const MAX_ARCS: usize = 3_000;

/// Suggest where delivery stations should stand. An invalid scenario is
/// refused with its problems, and one too big to design with the figure.
pub fn suggest(req: &Request) -> Result<Suggestion, Vec<Problem>> {
    let s = &req.scenario;
    crate::validate(s)?;
    let grid = req.grid.min(MAX_GRID);
    let zones = zones(s);
    if zones.is_empty() {
        return Err(vec![Problem::new(
            "facilities",
            "there are no customer zones with demand to design stations for",
        )]);
    }
    let cands = candidates(s, &zones, grid);
    let arcs = arcs(&zones, &cands);
    if arcs.len() > MAX_ARCS {
        return Err(vec![Problem::new(
            "design",
            format!(
                "{} zones and {} candidates make {} zone–station pairs within reach, more than the {MAX_ARCS} a design takes on: use a coarser grid",
                zones.len(),
                cands.len(),
                arcs.len()
            ),
        )]);
    }
    let total: f64 = zones.iter().map(|z| z.orders_per_day).sum();
    let capacity: f64 = cands.iter().map(|c| c.capacity_per_day).sum();
    if capacity < total {
        return Err(vec![Problem::new(
            "facilities",
            format!(
                "the candidates hold {capacity:.0} orders a day, fewer than the zones' {total:.0}: add stations or a finer grid"
            ),
        )]);
    }
    let solved = solve(s.circuity, &zones, &cands, &arcs, req.node_limit)?;
    Ok(read_out(s, &zones, &cands, &arcs, &solved))
}

/// Each arc's share of its zone (a candidate is open where it serves),
/// and whether the solver proved it optimal.
struct Solved {
    share: Vec<f64>,
    optimal: bool,
}

fn solve(
    circuity: f64,
    zones: &[Zone],
    cands: &[Candidate],
    arcs: &[(usize, usize)],
    node_limit: u64,
) -> Result<Solved, Vec<Problem>> {
    let mut vars = ProblemVariables::new();
    let open: Vec<Variable> = cands
        .iter()
        .map(|_| vars.add(variable().binary()))
        .collect();
    let share: Vec<Variable> = arcs
        .iter()
        .map(|_| vars.add(variable().min(0.0).max(1.0)))
        .collect();
    let mut cost = Expression::default();
    for (c, y) in cands.iter().zip(&open) {
        cost += c.fixed_per_day * *y;
    }
    for (&(i, j), x) in arcs.iter().zip(&share) {
        let at = LatLon {
            lat: cands[j].lat,
            lon: cands[j].lon,
        };
        cost += zones[i].orders_per_day * stem_cost(zones[i].at, at, circuity) * *x;
    }
    let mut model = vars.minimise(cost).using(good_lp::microlp);
    for i in 0..zones.len() {
        let served: Expression = arcs
            .iter()
            .zip(&share)
            .filter(|(a, _)| a.0 == i)
            .map(|(_, x)| *x)
            .sum();
        model = model.with(constraint!(served == 1.0));
    }
    // Only an open station serves (the strong form: one row an arc).
    for (&(_, j), x) in arcs.iter().zip(&share) {
        model = model.with(constraint!(*x <= open[j]));
    }
    for (j, c) in cands.iter().enumerate() {
        let load: Expression = arcs
            .iter()
            .zip(&share)
            .filter(|(a, _)| a.1 == j)
            .map(|(a, x)| zones[a.0].orders_per_day / c.capacity_per_day * *x)
            .sum();
        model = model.with(constraint!(load <= open[j]));
    }
    let mut options = microlp::SolveOptions::default();
    options.node_limit = Some(node_limit);
    let failed = |why: String| vec![Problem::new("design", why)];
    let outcome = model
        .as_inner()
        .solve_with(options)
        .map_err(|e| failed(format!("the solver could not design the network: {e}")))?;
    let solution = outcome.into_solution().map_err(|_| {
        failed(format!("no design was found within {node_limit} branch-and-bound nodes: raise the node limit or use a coarser grid"))
    })?;
    let optimal = solution.termination_reason() == microlp::TerminationReason::ProvenOptimal;
    let values: Vec<f64> = solution.iter().map(|(_, v)| v).collect();
    // good_lp numbers the variables as added: the candidates, then the arcs.
    let shares = values.get(cands.len()..).unwrap_or_default();
    Ok(Solved {
        share: shares.to_vec(),
        optimal,
    })
}

/// The design as sites and their zones: each zone goes wholly to the open
/// station with its largest share (the optimum splits a zone only where a
/// capacity binds).
fn read_out(
    s: &Scenario,
    zones: &[Zone],
    cands: &[Candidate],
    arcs: &[(usize, usize)],
    solved: &Solved,
) -> Suggestion {
    let mut main: Vec<Option<(usize, f64)>> = vec![None; zones.len()];
    for (&(i, j), &x) in arcs.iter().zip(&solved.share) {
        if main[i].is_none_or(|(_, best)| x > best) {
            main[i] = Some((j, x));
        }
    }
    let mut sites: Vec<Site> = Vec::new();
    let mut slot: Vec<Option<usize>> = vec![None; cands.len()];
    let mut cost = 0.0;
    for (i, z) in zones.iter().enumerate() {
        let Some((j, _)) = main[i] else { continue };
        let c = &cands[j];
        cost += zone_cost(z, c, s.circuity);
        let k = *slot[j].get_or_insert_with(|| {
            sites.push(Site {
                candidate: c.clone(),
                zones: Vec::new(),
                orders_per_day: 0.0,
            });
            sites.len() - 1
        });
        sites[k].zones.push(z.id.clone());
        sites[k].orders_per_day += z.orders_per_day;
    }
    cost += sites
        .iter()
        .map(|site| site.candidate.fixed_per_day)
        .sum::<f64>();
    let closed = cands
        .iter()
        .enumerate()
        .filter(|(j, _)| slot[*j].is_none())
        .filter_map(|(_, c)| c.existing.clone())
        .collect();
    Suggestion {
        sites,
        closed,
        cost_per_day: cost,
        current_cost_per_day: current_cost(s, zones, cands),
        optimal: solved.optimal,
        candidates: cands.len(),
        zones: zones.len(),
    }
}

/// The model's cost of the network as it is: each zone from the first
/// station whose lane reaches it, and each such station's fixed cost.
fn current_cost(s: &Scenario, zones: &[Zone], cands: &[Candidate]) -> Option<f64> {
    let mut used = vec![false; cands.len()];
    let mut cost = 0.0;
    for z in zones {
        let j = s.lanes.iter().find_map(|l| {
            (l.to == z.id).then(|| {
                cands
                    .iter()
                    .position(|c| c.existing.as_deref() == Some(l.from.as_str()))
            })?
        })?;
        used[j] = true;
        let c = &cands[j];
        cost += zone_cost(z, c, s.circuity);
    }
    Some(
        cost + cands
            .iter()
            .zip(&used)
            .filter(|(_, u)| **u)
            .map(|(c, _)| c.fixed_per_day)
            .sum::<f64>(),
    )
}
