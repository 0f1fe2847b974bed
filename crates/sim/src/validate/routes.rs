//! Parcel routes: for each zone with demand, a route of lanes from every FC
//! that reaches it, and the FCs in the order the assignment rule prefers.

use super::check::{At, Checker};
use super::index::Index;
use crate::defaults::OVERFLOW_ORDER;
use crate::demand::DemandStream;
use crate::emissions::Co2Basis;
use crate::geo::{LatLon, haversine_km};
use crate::network::{FacilityInfo, LaneInfo, RouteRate};
use crate::problem::Subject;
use crate::scenario::{AssignRule, FacilityKind, Scenario};
use crate::time::{HOUR, SimTime};
use petgraph::graph::{DiGraph, NodeIndex};
use std::collections::{BTreeMap, BTreeSet};

pub(super) struct Routes {
    /// Lane sequences FC → … → zone, and each one's planned time.
    pub routes: Vec<Vec<u32>>,
    pub planned_s: Vec<SimTime>,
    pub per_kg: Vec<RouteRate>,
    /// Per facility (empty unless a zone): (fc, route) in preference order.
    pub candidates: Vec<Vec<(u32, u32)>>,
    /// Stocking slot → facility, and facility → slot.
    pub fcs: Vec<u32>,
    pub fc_slot: Vec<Option<u32>>,
    /// Per lane: the other lanes with the same ends, in overflow order.
    pub overflow: Vec<Vec<u32>>,
}

/// For each lane, the other lanes between the same two facilities, in the
/// stated overflow order of their modes (then scenario order).
fn overflow(lanes: &[LaneInfo]) -> Vec<Vec<u32>> {
    let rank = |l: &LaneInfo| {
        OVERFLOW_ORDER
            .iter()
            .position(|&m| m == l.mode)
            .unwrap_or(usize::MAX)
    };
    let mut hops: BTreeMap<(usize, usize), Vec<u32>> = BTreeMap::new();
    for (i, l) in lanes.iter().enumerate() {
        hops.entry((l.from, l.to)).or_default().push(i as u32);
    }
    for hop in hops.values_mut() {
        hop.sort_by_key(|&j| (rank(&lanes[j as usize]), j));
    }
    lanes
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let hop = &hops[&(l.from, l.to)];
            hop.iter().copied().filter(|&j| j as usize != i).collect()
        })
        .collect()
}

/// A route's transport cost and CO2e per kg with every vehicle full.
fn route_rate(lanes: &[LaneInfo], route: &[u32]) -> RouteRate {
    let mut r = RouteRate::default();
    for &l in route {
        let li = &lanes[l as usize];
        let km = li.distance_km;
        let out_h = 2.0 * li.transit_s as f64 / HOUR as f64;
        r.gbp_per_kg += (li.tariff.per_km * km + li.tariff.per_hour * out_h) / li.fit_kg
            + li.tariff.per_tkm * km / 1000.0;
        r.gbp_per_unit += li.tariff.per_unit + li.customs.map_or(0.0, |c| c.per_parcel);
        r.co2e_kg_per_kg += match li.co2 {
            Co2Basis::PerVehicleKm(f) => f * km / li.fit_kg,
            Co2Basis::PerTonneKm(f) => f * km / 1000.0,
        };
    }
    r
}

/// Planned time on a lane: transit, the mean wait at customs, and half
/// the dispatch interval (the expected wait for a departure).
fn planned_s(li: &LaneInfo) -> SimTime {
    let customs = li.customs.map_or(0, |c| c.mean_s as SimTime);
    li.transit_s + customs + li.dispatch.every_s.unwrap_or(0) / 2
}

fn pos(f: &FacilityInfo) -> LatLon {
    LatLon {
        lat: f.lat,
        lon: f.lon,
    }
}

/// The graph of parcel lanes (FC/cross-dock → cross-dock/zone); edge weight = lane index.
fn parcel_graph(
    facilities: &[FacilityInfo],
    lanes: &[LaneInfo],
) -> (DiGraph<u32, u32>, Vec<NodeIndex>) {
    use FacilityKind::*;
    let mut g = DiGraph::new();
    let nodes: Vec<NodeIndex> = (0..facilities.len())
        .map(|i| g.add_node(i as u32))
        .collect();
    for (ix, li) in lanes.iter().enumerate() {
        let (fk, tk) = (facilities[li.from].kind, facilities[li.to].kind);
        if matches!(fk, FulfillmentCenter | SortationCenter | DeliveryStation)
            && matches!(tk, SortationCenter | DeliveryStation | CustomerZone)
        {
            g.add_edge(nodes[li.from], nodes[li.to], ix as u32);
        }
    }
    (g, nodes)
}

pub(super) fn build(
    s: &Scenario,
    ix: &Index,
    facilities: &[FacilityInfo],
    lanes: &[LaneInfo],
    demand: &[DemandStream],
    ck: &mut Checker,
) -> Routes {
    let fcs: Vec<u32> = (0..facilities.len())
        .filter(|&i| facilities[i].kind == FacilityKind::FulfillmentCenter)
        .map(|i| i as u32)
        .collect();
    let mut fc_slot = vec![None; facilities.len()];
    for (k, &f) in fcs.iter().enumerate() {
        fc_slot[f as usize] = Some(k as u32);
    }
    let (graph, nodes) = parcel_graph(facilities, lanes);
    let mut out = Routes {
        routes: Vec::new(),
        planned_s: Vec::new(),
        per_kg: Vec::new(),
        candidates: vec![Vec::new(); facilities.len()],
        fcs,
        fc_slot,
        overflow: overflow(lanes),
    };
    let zones: BTreeSet<usize> = demand.iter().map(|d| d.zone).collect();
    for &z in &zones {
        let mut cands: Vec<(f64, u32, u32)> = Vec::new();
        for &f in &out.fcs {
            let Some((cost, route)) = fastest_route(&graph, &nodes, lanes, f as usize, z) else {
                continue;
            };
            let key = match s.assignment {
                AssignRule::NearestWithStock => {
                    haversine_km(pos(&facilities[f as usize]), pos(&facilities[z]))
                }
                AssignRule::FastestWithStock => cost as f64,
            };
            out.per_kg.push(route_rate(lanes, &route));
            out.routes.push(route);
            out.planned_s.push(cost);
            cands.push((key, f, (out.routes.len() - 1) as u32));
        }
        cands.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        out.candidates[z] = cands.into_iter().map(|(_, f, r)| (f, r)).collect();
    }
    for (i, dm) in s.demand.iter().enumerate() {
        if let Some(z) = ix.facility(&dm.zone)
            && facilities[z].kind == FacilityKind::CustomerZone
            && out.candidates[z].is_empty()
        {
            let at = At::new(Subject::Demand(i), ix.name(&dm.zone));
            let msg = format!(
                "no route of lanes from any fulfillment center reaches {:?}",
                dm.zone
            );
            ck.err(&at, "zone", msg);
        }
    }
    out
}

/// The quickest planned route of lanes from facility `from` to `to`, and its
/// planned seconds; between two nodes the fastest parallel lane.
fn fastest_route(
    g: &DiGraph<u32, u32>,
    nodes: &[NodeIndex],
    lanes: &[LaneInfo],
    from: usize,
    to: usize,
) -> Option<(SimTime, Vec<u32>)> {
    let (cost, path) = petgraph::algo::astar(
        g,
        nodes[from],
        |n| n == nodes[to],
        |e| planned_s(&lanes[*e.weight() as usize]),
        |_| 0,
    )?;
    let route = path
        .windows(2)
        .filter_map(|w| {
            g.edges_connecting(w[0], w[1])
                .map(|e| *e.weight())
                .min_by_key(|&l| (planned_s(&lanes[l as usize]), l))
        })
        .collect();
    Some((cost, route))
}
