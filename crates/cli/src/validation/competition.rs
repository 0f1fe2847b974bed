//! Competition: faster promises win demand and cost more.

use super::{builtin_json, run};
use serde_json::{Value, json};
use std::fmt::Write as _;
use supply_sim::builtin;
use supply_sim::view::format::{percent, thousands};

/// Days of each run.
const DAYS: u32 = 14;

/// The UK network with every zone promised `promise`, its vans leaving
/// every `every_h` hours, against a next-day competitor on time 95 %.
fn offer(promise: &str, every_h: f64) -> Value {
    let mut v = builtin_json(builtin::UK_NETWORK);
    let mut zones = Vec::new();
    if let Some(fs) = v["facilities"].as_array_mut() {
        for f in fs.iter_mut().filter(|f| f["kind"] == "customer_zone") {
            f["promise"] = json!(promise);
            zones.push(f["id"].clone());
        }
    }
    if let Some(ls) = v["lanes"].as_array_mut() {
        for l in ls.iter_mut().filter(|l| zones.contains(&l["to"])) {
            if l.get("dispatch").is_some() {
                l["dispatch"]["every_hours"] = json!(every_h);
            }
        }
    }
    v["competition"] = json!({"promise": "next_day", "on_time": 0.95});
    v
}

pub fn faster_promises() -> Result<String, String> {
    let mut out = String::from(
        "\n## Competition: faster promises win demand and cost more\n\nThe UK network over 14 \
         days against a competitor promising next day and on time 95 % of the time. Customers \
         expect delivery after the promise's days plus a day for the share late; each day we \
         beat (trail) the competitor by raises (cuts) a zone's demand by 1.45 % (Fisher, Gallino \
         & Xu 2019). Every zone gets the same promise, and its vans leave as often as the \
         promise needs.\n\n\
         | promise | vans leave every | orders placed | demand against matching the competitor | on time | cost per package | total cost |\n\
         |---|---|---|---|---|---|---|\n",
    );
    for (promise, label, every) in [
        ("two_day", "two-day", 12.0),
        ("next_day", "next day", 3.0),
        ("same_day", "same day", 1.0),
    ] {
        let r = run(&offer(promise, every), DAYS)?;
        let c = r.competition.as_ref().ok_or("no competition section")?;
        let n = c.zones.len().max(1) as f64;
        let mean = c.zones.iter().map(|z| z.demand_multiplier).sum::<f64>() / n;
        let _ = writeln!(
            out,
            "| {label} | {every} h | {} | {:+.1} % | {} | £{:.2} | £{} |",
            thousands(r.orders.placed as i64),
            (mean - 1.0) * 100.0,
            percent(Some(r.service.on_time_rate)),
            r.cost.per_package.unwrap_or(f64::NAN),
            thousands(r.cost.total.round() as i64),
        );
    }
    out.push_str(
        "\nThe faster promise wins orders, but less than a day's 1.45 % a step: the network \
         keeps a same-day promise less often, and late orders cost it back. Vans sent hourly \
         leave emptier, so each package costs more. The report's `competition` section has \
         each zone's demand multiplier; `crates/sim/tests/competition.rs` holds the \
         directions.\n",
    );
    Ok(out)
}
