//! Generator for `scenarios/bench-large.json`: a synthetic national network,
//! ≥500 facilities and 1,000 SKUs, about 2.3 million orders a year.
//!
//! Compact by construction: SKUs come from `product_catalog` and each zone has
//! one demand row with a Zipf SKU mix, instead of zone × SKU rows. Positions
//! are pseudo-random over Great Britain from a fixed seed, so the file is
//! reproducible: `supply-cli gen-bench-large > scenarios/bench-large.json`.

use serde_json::{Value, json};

struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    }
    /// A point inside a rough Great Britain box.
    fn point(&mut self) -> (f64, f64) {
        let lat = 50.6 + 6.8 * self.next();
        // The island narrows northwards.
        let west = -5.3 + 0.6 * ((lat - 50.6) / 6.8);
        let east = 1.6 - 3.6 * ((lat - 50.6) / 6.8);
        (round4(lat), round4(west + (east - west) * self.next()))
    }
}

fn round4(x: f64) -> f64 {
    (x * 1e4).round() / 1e4
}

fn dist2(a: (f64, f64), b: (f64, f64)) -> f64 {
    let dx = (a.1 - b.1) * (a.0.to_radians().cos());
    (a.0 - b.0).powi(2) + dx * dx
}

/// Indices of the `k` nearest of `pts` to `p`.
fn nearest(p: (f64, f64), pts: &[(f64, f64)], k: usize) -> Vec<usize> {
    let mut ix: Vec<usize> = (0..pts.len()).collect();
    ix.sort_by(|&a, &b| {
        dist2(p, pts[a])
            .total_cmp(&dist2(p, pts[b]))
            .then(a.cmp(&b))
    });
    ix.truncate(k);
    ix
}

pub fn generate(zones: usize, skus: usize, orders_per_day: f64) -> String {
    let mut r = SplitMix(2024);
    let (n_sup, n_port, n_fc, n_sc, n_ds) = (6, 2, 24, 40, 120);
    let sup: Vec<_> = (0..n_sup).map(|_| r.point()).collect();
    let ports = [(51.9536, 1.3511), (50.9000, -1.4000)];
    let fc: Vec<_> = (0..n_fc).map(|_| r.point()).collect();
    let sc: Vec<_> = (0..n_sc).map(|_| r.point()).collect();
    let ds: Vec<_> = (0..n_ds).map(|_| r.point()).collect();
    let zs: Vec<_> = (0..zones).map(|_| r.point()).collect();
    let mut facilities: Vec<Value> = Vec::new();
    for (i, p) in sup.iter().enumerate() {
        facilities.push(json!({"id": format!("SUP{i}"), "name": format!("Supplier {i}"), "kind": "supplier",
            "lat": p.0, "lon": p.1, "vmi": true, "lead_time_hours": 24, "production_per_day": 400000}));
    }
    for (i, p) in ports.iter().enumerate().take(n_port) {
        facilities.push(json!({"id": format!("PORT{i}"), "name": format!("Port {i}"), "kind": "port",
            "lat": p.0, "lon": p.1, "vessel_interval_hours": 72, "eta_sd_hours": 12, "dwell_hours": 24}));
    }
    let automation = ["manual", "mechanised", "robotic"];
    for (i, p) in fc.iter().enumerate() {
        facilities.push(
            json!({"id": format!("FC{i}"), "name": format!("FC {i}"), "kind": "fulfillment_center",
            "lat": p.0, "lon": p.1, "capacity_per_hour": 400, "automation": automation[i % 3]}),
        );
    }
    for (i, p) in sc.iter().enumerate() {
        facilities.push(json!({"id": format!("SC{i}"), "name": format!("Sortation {i}"), "kind": "sortation_center",
            "lat": p.0, "lon": p.1, "capacity_per_hour": 3000}));
    }
    for (i, p) in ds.iter().enumerate() {
        facilities.push(json!({"id": format!("DS{i}"), "name": format!("Station {i}"), "kind": "delivery_station",
            "lat": p.0, "lon": p.1, "capacity_per_hour": 1500}));
    }
    let promise = ["same_day", "next_day", "next_day", "two_day"];
    for (i, p) in zs.iter().enumerate() {
        facilities.push(json!({"id": format!("Z{i}"), "name": format!("Zone {i}"), "kind": "customer_zone",
            "lat": p.0, "lon": p.1, "radius_km": 8, "population": 150000, "promise": promise[i % 4]}));
    }
    let mut lanes: Vec<Value> = Vec::new();
    let mut policies: Vec<Value> = Vec::new();
    for (i, p) in fc.iter().enumerate() {
        // Inbound: nearest supplier, or a port for every third FC.
        let src = if i % 3 == 2 {
            format!("PORT{}", i % n_port)
        } else {
            format!("SUP{}", nearest(*p, &sup, 1)[0])
        };
        lanes.push(json!({"from": src, "to": format!("FC{i}"), "mode": if i % 2 == 0 { "electric_hgv" } else { "diesel_hgv" }}));
        let rule = match i % 4 {
            0 => json!({"type": "base_stock", "z": 1.65}),
            1 => json!({"type": "periodic", "z": 1.28}),
            2 => json!({"type": "jit", "safety_factor": 0.2}),
            _ => json!({"type": "s_S", "s": 20, "S": 80}),
        };
        let rule = if src.starts_with("PORT") && i % 4 == 3 {
            json!({"type": "base_stock", "z": 2.0})
        } else {
            rule
        };
        policies.push(
            json!({"facility": format!("FC{i}"), "source": src, "rule": rule,
            "forecast": {"type": "exp_smoothing", "alpha": 0.2}}),
        );
        for s in nearest(*p, &sc, 4) {
            lanes.push(json!({"from": format!("FC{i}"), "to": format!("SC{s}"), "mode": if s % 3 == 0 { "electric_rail" } else { "electric_hgv" },
                "dispatch": {"every_hours": 4, "when_full": true}}));
        }
    }
    // Every sortation center is fed by its nearest FC.
    for (s, p) in sc.iter().enumerate() {
        let f = nearest(*p, &fc, 1)[0];
        if !nearest(fc[f], &sc, 4).contains(&s) {
            lanes.push(
                json!({"from": format!("FC{f}"), "to": format!("SC{s}"), "mode": "electric_hgv",
                "dispatch": {"every_hours": 4, "when_full": true}}),
            );
        }
    }
    for (i, p) in sc.iter().enumerate() {
        for d in nearest(*p, &ds, 5) {
            lanes.push(
                json!({"from": format!("SC{i}"), "to": format!("DS{d}"), "mode": "diesel_hgv",
                "dispatch": {"every_hours": 3, "when_full": true}}),
            );
        }
    }
    // Every station reaches its SC: guarantee a route by linking each station
    // from its nearest sortation center too.
    for (d, p) in ds.iter().enumerate() {
        let s = nearest(*p, &sc, 1)[0];
        if !nearest(sc[s], &ds, 5).contains(&d) {
            lanes.push(
                json!({"from": format!("SC{s}"), "to": format!("DS{d}"), "mode": "diesel_hgv",
                "dispatch": {"every_hours": 3, "when_full": true}}),
            );
        }
    }
    let last_mile = ["electric_van", "diesel_van", "electric_van", "crowdsourced"];
    let mut demand = Vec::new();
    let per_zone = (orders_per_day / zones.max(1) as f64 * 100.0).round() / 100.0;
    for (z, p) in zs.iter().enumerate() {
        for (k, d) in nearest(*p, &ds, 2).into_iter().enumerate() {
            let mode = if k == 0 {
                last_mile[z % 4]
            } else {
                "diesel_van"
            };
            let mut lane = json!({"from": format!("DS{d}"), "to": format!("Z{z}"), "mode": mode,
                "dispatch": {"every_hours": 2, "when_full": true}, "capacity_kg": 400});
            if mode == "crowdsourced" {
                lane["vehicles"] = json!(30);
                lane["capacity_kg"] = json!(60);
            }
            lanes.push(lane);
        }
        demand.push(json!({"zone": format!("Z{z}"), "orders_per_day": per_zone,
            "distribution": {"type": "negative_binomial", "dispersion": 10}, "sku_mix": {"type": "zipf", "s": 1.0},
            "weekly": [1.1, 1.05, 1.0, 1.0, 1.0, 0.9, 0.95], "multichannel_share": 0.1,
            "events": [{"name": "Peak sale", "start_day": 320, "days": 2, "multiplier": 3}]}));
    }
    let scenario = json!({
        "version": 1,
        "name": "Benchmark: large national network",
        "description": format!("Synthetic benchmark: {} facilities, {skus} SKUs, 365 days, ~{:.1} million orders. Generated by `supply-cli gen-bench-large`.",
            facilities.len(), orders_per_day * 365.0 / 1e6),
        "days": 365,
        "period_hours": 24,
        "product_catalog": {"count": skus, "prefix": "SKU", "weight_kg": 1.2, "volume_m3": 0.004, "value": 25},
        "facilities": facilities,
        "lanes": lanes,
        "demand": demand,
        "policies": policies
    });
    compact_lines(&scenario)
}

/// One array element per line: compact, still diffable.
fn compact_lines(v: &Value) -> String {
    let Value::Object(map) = v else {
        return v.to_string();
    };
    let mut out = String::from("{\n");
    let n = map.len();
    for (i, (k, val)) in map.iter().enumerate() {
        let sep = if i + 1 < n { "," } else { "" };
        match val {
            Value::Array(items) if items.iter().all(Value::is_object) && !items.is_empty() => {
                out.push_str(&format!("  {}: [\n", Value::String(k.clone())));
                for (j, it) in items.iter().enumerate() {
                    let s = if j + 1 < items.len() { "," } else { "" };
                    out.push_str(&format!("    {it}{s}\n"));
                }
                out.push_str(&format!("  ]{sep}\n"));
            }
            _ => out.push_str(&format!("  {}: {val}{sep}\n", Value::String(k.clone()))),
        }
    }
    out.push('}');
    out
}
