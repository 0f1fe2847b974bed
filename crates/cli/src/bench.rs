//! `supply-cli bench`: wall-clock throughput of the engine on a scenario.

use crate::{Opts, compile, load};
use std::process::ExitCode;
use std::time::Instant;
use supply_sim::{Engine, SimTime, time::DAY};

/// Peak resident set size in MiB (Linux `VmHWM`), if available.
fn peak_rss_mib() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

pub fn bench(o: &Opts) -> Result<(), ExitCode> {
    let path = o
        .positional
        .first()
        .map(String::as_str)
        .unwrap_or("scenarios/bench-large.json");
    let text = load(path).map_err(|e| {
        eprintln!("{e}");
        ExitCode::from(1)
    })?;
    let t0 = Instant::now();
    let net = compile(path, &text)?;
    let compile_s = t0.elapsed().as_secs_f64();
    let days = crate::runnable(o, path, &net)?;
    let (nf, nl, ns) = (net.facilities.len(), net.lanes.len(), net.products.len());
    let mut best = f64::INFINITY;
    let mut last = None;
    for _ in 0..o.repeat {
        let mut e = Engine::new(net.clone(), o.seed);
        let t = Instant::now();
        e.run_until(days as SimTime * DAY);
        let secs = t.elapsed().as_secs_f64();
        best = best.min(secs);
        last = Some(e);
    }
    let Some(e) = last else {
        return Err(ExitCode::from(1));
    };
    let r = e.report();
    let events = r.events as f64;
    let orders = r.orders.placed as f64;
    println!("scenario        {} ({path})", r.scenario);
    println!("network         {nf} facilities, {nl} lanes, {ns} SKUs; compile {compile_s:.3} s");
    println!("horizon         {days} days, seed {}", o.seed);
    println!("events          {}", r.events);
    println!(
        "orders placed   {} (delivered {})",
        r.orders.placed, r.orders.delivered
    );
    println!("wall time       {best:.3} s (best of {})", o.repeat);
    println!("events/s        {:.2} M", events / best / 1e6);
    println!("orders/s        {:.2} M", orders / best / 1e6);
    match peak_rss_mib() {
        Some(m) => println!("peak memory     {m:.1} MiB (VmHWM)"),
        None => println!("peak memory     n/a"),
    }
    println!(
        "conservation    {}",
        if r.conservation.balanced() {
            "balanced"
        } else {
            "NOT BALANCED"
        }
    );
    Ok(())
}
