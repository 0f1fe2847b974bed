//! `supply-cli trace <scenario> --order N`: every step of the order placed
//! N-th (0-based) in the run, rebuilt by running the scenario with its seed
//! and naming that order; `--json` for the steps as data.

use crate::{Opts, network_arg, runnable};
use std::process::ExitCode;
use supply_sim::{Engine, SimTime, time::DAY};

pub fn trace(o: &Opts) -> Result<(), ExitCode> {
    let Some(order) = o.number("order") else {
        eprintln!("trace needs --order N (the order's place in the run, from 0)");
        return Err(ExitCode::from(1));
    };
    let net = network_arg(o, "trace needs a scenario")?;
    let source = o.positional.first().map_or("", String::as_str);
    let days = runnable(o, source, &net)?;
    let mut e = Engine::new(net, o.seed);
    e.trace_order(order);
    // Day by day, so the run stops once the order is delivered or lost.
    for d in 1..=SimTime::from(days) {
        e.run_until(d * DAY);
        if e.trace().last().is_some_and(|last| last.step.is_last()) {
            break;
        }
    }
    let t = e.traced(order);
    if t.events.is_empty() {
        eprintln!(
            "{source}: order {order} was not placed in the run's {days} days (it placed {} orders)",
            e.report().orders.placed
        );
        return Err(ExitCode::from(2));
    }
    if o.json {
        println!("{}", serde_json::to_string_pretty(&t).unwrap_or_default());
    } else {
        println!("Order {order} of {source}, seed {}:", o.seed);
        for line in &t.lines {
            println!("  {line}");
        }
        if !t.events.last().is_some_and(|l| l.step.is_last()) {
            println!("  (still on its way at the end of day {days})");
        }
    }
    Ok(())
}
