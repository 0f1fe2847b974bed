//! `supply-cli replicate`: independent replications (seeds S, S+1, …) and
//! 95 % confidence intervals of the headline KPIs, for analysts comparing
//! variants.

use crate::Opts;
use serde_json::{Value, json};
use std::process::ExitCode;
use supply_sim::experiment::stats::Summary;
use supply_sim::{Engine, Report, SimTime, time::DAY};

pub fn replicate(o: &Opts) -> Result<(), ExitCode> {
    let net = crate::network_arg(o, "replicate needs a scenario")?;
    let days = crate::runnable(o, o.positional.first().map_or("", String::as_str), &net)?;
    let runs = o
        .numbers
        .iter()
        .find(|(k, _)| k == "runs")
        .map(|x| x.1)
        .unwrap_or(10)
        .clamp(2, 1000);
    let reports: Vec<Report> = (0..runs)
        .map(|i| {
            let mut e = Engine::new(net.clone(), o.seed.wrapping_add(i));
            e.run_until(days as SimTime * DAY);
            e.report()
        })
        .collect();
    type Kpi = (&'static str, fn(&Report) -> Option<f64>);
    let kpis: [Kpi; 8] = [
        ("fill_rate", |r| Some(r.service.fill_rate)),
        ("on_time_rate", |r| Some(r.service.on_time_rate)),
        ("mean_lead_time_h", |r| Some(r.service.mean_lead_time_h)),
        ("cost_per_package", |r| r.cost.per_package),
        ("co2e_g_per_package", |r| r.emissions.co2e_g_per_package),
        ("net_zero_share", |r| Some(r.emissions.net_zero_share)),
        ("shipment_zero_share", |r| {
            Some(r.emissions.shipment_zero_share)
        }),
        ("orders_delivered", |r| Some(r.orders.delivered as f64)),
    ];
    let mut out = serde_json::Map::new();
    out.insert("scenario".into(), json!(reports[0].scenario));
    out.insert("days".into(), json!(days));
    out.insert("runs".into(), json!(runs));
    out.insert(
        "seeds".into(),
        json!([o.seed, o.seed.wrapping_add(runs - 1)]),
    );
    for (name, f) in kpis {
        let xs: Vec<f64> = reports.iter().filter_map(f).collect();
        let value = if xs.len() == reports.len() {
            json!(Summary::of(&xs))
        } else {
            let why = reports.iter().find_map(|r| r.withheld.first().cloned());
            json!({"withheld_in_runs": reports.len() - xs.len(), "why": why})
        };
        out.insert(name.into(), value);
    }
    println!(
        "{}",
        serde_json::to_string_pretty(&Value::Object(out)).unwrap_or_default()
    );
    Ok(())
}
