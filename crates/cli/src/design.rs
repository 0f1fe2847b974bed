//! `supply-cli design`: where delivery stations should stand for the
//! scenario's demand (the facility-location model of
//! `supply_sim::design`), as text or `--json`; `--write FILE` saves the
//! scenario with the design in place.

use crate::{Opts, print_problems};
use std::process::ExitCode;
use supply_sim::design::{self, DEFAULT_GRID, DEFAULT_NODE_LIMIT, MAX_GRID, Request};
use supply_sim::view::format::thousands;

pub fn design(o: &Opts) -> Result<(), ExitCode> {
    let fail = |code: u8, msg: String| {
        eprintln!("{msg}");
        ExitCode::from(code)
    };
    let (path, scenario) = crate::scenario_arg(o)?;
    let path = path.as_str();
    let req = Request {
        scenario,
        grid: o
            .number("grid")
            .map_or(DEFAULT_GRID, |g| g.min(u64::from(MAX_GRID)) as u32),
        node_limit: o.number("node-limit").unwrap_or(DEFAULT_NODE_LIMIT).max(1),
    };
    let d = design::suggest(&req).map_err(|p| {
        print_problems(path, &p);
        ExitCode::from(2)
    })?;
    if let Some(out) = &o.write {
        let designed = design::apply(&req.scenario, &d).to_json_pretty();
        std::fs::write(out, designed + "\n")
            .map_err(|e| fail(1, format!("cannot write {out}: {e}")))?;
    }
    if o.json {
        println!("{}", serde_json::to_string_pretty(&d).unwrap_or_default());
        return Ok(());
    }
    println!(
        "{} zones, {} candidates ({} a side of grid): {}",
        d.zones,
        d.candidates,
        req.grid,
        d.summary()
    );
    for site in &d.sites {
        let kind = if site.candidate.existing.is_some() {
            "keep"
        } else {
            "new "
        };
        println!(
            "  {kind} {} ({:.3}, {:.3}): {} orders a day from {}",
            site.candidate.name,
            site.candidate.lat,
            site.candidate.lon,
            thousands(site.orders_per_day.round() as i64),
            site.zones
                .iter()
                .map(|z| req.scenario.name_of(z))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    for id in &d.closed {
        println!("  close {}", req.scenario.name_of(id));
    }
    Ok(())
}
