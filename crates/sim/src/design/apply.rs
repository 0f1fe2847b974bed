//! A design written into a scenario as one edit: new stations fed like
//! the nearest existing one, each zone's last mile from its station, and
//! the stations the design leaves out removed with their lanes.

use super::Suggestion;
use crate::emissions::Mode;
use crate::geo::{LatLon, haversine_km};
use crate::scenario::{Disruption, Facility, FacilityKind, Lane, Scenario};

/// The scenario with `sug` in place.
pub fn apply(s: &Scenario, sug: &Suggestion) -> Scenario {
    let mut out = s.clone();
    let mut station_of_site = Vec::with_capacity(sug.sites.len());
    for site in &sug.sites {
        let id = match &site.candidate.existing {
            Some(id) => id.clone(),
            None => add_station(&mut out, s, site),
        };
        station_of_site.push(id);
    }
    for (site, station) in sug.sites.iter().zip(&station_of_site) {
        for zone in &site.zones {
            serve_zone(&mut out, s, zone, station);
        }
    }
    let closed = |id: &str| sug.closed.iter().any(|c| c == id);
    out.facilities.retain(|f| !closed(&f.id));
    out.lanes.retain(|l| !closed(&l.from) && !closed(&l.to));
    out.disruptions
        .retain(|d| !matches!(d, Disruption::Outage { facility, .. } if closed(facility)));
    out
}

/// Add the site's station, fed like the nearest existing station (its
/// inbound lanes copied) or, with none, by HGV from the nearest sortation
/// center or FC. Returns its id.
fn add_station(out: &mut Scenario, s: &Scenario, site: &super::Site) -> String {
    let c = &site.candidate;
    let at = LatLon {
        lat: c.lat,
        lon: c.lon,
    };
    let id = (1..)
        .map(|k| format!("DS-NEW-{k}"))
        .find(|id| out.facilities.iter().all(|f| &f.id != id))
        .unwrap_or_default();
    let nearest = |kinds: &[FacilityKind], fed: bool| {
        s.facilities
            .iter()
            .filter(|f| kinds.contains(&f.kind))
            .filter(|f| !fed || s.lanes.iter().any(|l| l.to == f.id))
            .min_by(|a, b| distance(a, at).total_cmp(&distance(b, at)))
    };
    let mut station = Facility::new(
        id.clone(),
        c.name.clone(),
        FacilityKind::DeliveryStation,
        c.lat,
        c.lon,
    );
    station.capacity_per_hour = Some(c.capacity_per_day / super::MAX_UTILISATION / 24.0);
    match nearest(&[FacilityKind::DeliveryStation], true) {
        Some(twin) => {
            station.country = twin.country.clone();
            let feeds: Vec<Lane> = s
                .lanes
                .iter()
                .filter(|l| l.to == twin.id)
                .cloned()
                .collect();
            out.lanes.extend(feeds.into_iter().map(|l| {
                let from = l.from.clone();
                relinked(l, &from, &id)
            }));
        }
        None => {
            if let Some(src) = nearest(
                &[
                    FacilityKind::SortationCenter,
                    FacilityKind::FulfillmentCenter,
                ],
                false,
            ) {
                station.country = src.country.clone();
                out.lanes.push(Lane::new(&src.id, &id, Mode::DieselHgv));
            }
        }
    }
    out.facilities.push(station);
    id
}

fn distance(f: &Facility, at: LatLon) -> f64 {
    haversine_km(
        LatLon {
            lat: f.lat,
            lon: f.lon,
        },
        at,
    )
}

/// A copy of `l` between new ends, its length left to the map.
fn relinked(mut l: Lane, from: &str, to: &str) -> Lane {
    l.from = from.to_owned();
    l.to = to.to_owned();
    l.distance_km = None;
    l.transit_hours = None;
    l
}

/// Serve `zone` from `station` alone. A zone its station already serves
/// alone keeps its lanes as they are; otherwise its lanes from stations
/// (a van lane, say, and crowdsourced drivers) move to `station`, with
/// their modes and dispatch (a diesel van if it had none).
fn serve_zone(out: &mut Scenario, s: &Scenario, zone: &str, station: &str) {
    let is_station = |id: &str| {
        s.facilities
            .iter()
            .chain(out.facilities.iter())
            .any(|f| f.id == id && f.kind == FacilityKind::DeliveryStation)
    };
    let feeds = |l: &Lane| l.to == zone && is_station(&l.from);
    if out
        .lanes
        .iter()
        .filter(|l| feeds(l))
        .all(|l| l.from == station)
        && out.lanes.iter().any(&feeds)
    {
        return;
    }
    let mut moved: Vec<Lane> = s.lanes.iter().filter(|l| feeds(l)).cloned().collect();
    if moved.is_empty() {
        moved.push(Lane::new(station, zone, Mode::DieselVan));
    }
    let keep: Vec<bool> = out.lanes.iter().map(|l| !feeds(l)).collect();
    let mut k = keep.iter();
    out.lanes.retain(|_| *k.next().unwrap_or(&true));
    // One lane per mode: two old stations' van lanes become one.
    moved.dedup_by(|a, b| a.mode == b.mode);
    out.lanes
        .extend(moved.into_iter().map(|l| relinked(l, station, zone)));
}
