//! `supply-cli plan`: "Optimise stock" from the command line. Runs the
//! scenario for the days its forecasts should learn from (none: plan from
//! the scenario's demand model), plans every stocking point, prints the
//! plan, then runs the scenario with the plan in place and sets its stock
//! and service beside the model's. `--write FILE` saves the planned
//! scenario; `--json` prints plan and check as JSON.

use crate::{Opts, print_problems};
use std::fmt::Write as _;
use std::process::ExitCode;
use supply_sim::optimise::{self, PlanCheck, StockPlan};
use supply_sim::view::format::percent;
use supply_sim::{Engine, Scenario, time::DAY, validate};

pub fn plan(o: &Opts) -> Result<(), ExitCode> {
    let fail = |code: u8, msg: String| {
        eprintln!("{msg}");
        ExitCode::from(code)
    };
    let (path, scenario) = crate::scenario_arg(o)?;
    let path = path.as_str();
    let net = validate(&scenario).map_err(|p| {
        print_problems(path, &p);
        ExitCode::from(2)
    })?;
    let days = crate::runnable(o, path, &net)?;
    let learn = o.number("learn-days").unwrap_or(0).min(3650);
    let target = o.service.unwrap_or(optimise::DEFAULT_TARGET_SERVICE);
    let mut engine = Engine::new(net, o.seed);
    engine.run_until(learn * DAY);
    let plan = optimise::optimise(&engine, target).map_err(|e| fail(2, format!("{path}: {e}")))?;
    let check = optimise::check(&plan, &scenario, o.seed, days).map_err(|p| {
        print_problems(path, &p);
        ExitCode::from(2)
    })?;
    if let Some(out) = &o.write {
        let planned = optimise::apply(&plan, &scenario).to_json_pretty();
        std::fs::write(out, planned + "\n")
            .map_err(|e| fail(1, format!("cannot write {out}: {e}")))?;
    }
    if o.json {
        let both = serde_json::json!({ "plan": plan, "check": check });
        println!(
            "{}",
            serde_json::to_string_pretty(&both).unwrap_or_default()
        );
    } else {
        print!("{}", text_report(&scenario, &plan, &check, o.seed));
    }
    Ok(())
}

/// The plan and its check as a person reads them.
fn text_report(s: &Scenario, plan: &StockPlan, check: &PlanCheck, seed: u64) -> String {
    let mut t = format!(
        "Stock plan for {}, from the forecasts on day {:.0}\n\n",
        s.name, plan.planned_at_day
    );
    t += "FC        SKU        model               demand/period  error sd  cover  level     safety    expected on hand\n";
    for p in &plan.points {
        let _ = writeln!(
            t,
            "{:<9} {:<10} {:<19} {:>13.1} {:>9.1} {:>6.2} {:>9.1} {:>9.1} {:>10.1}",
            p.facility,
            p.sku,
            short(p.method),
            p.demand_per_period,
            p.error_sd,
            p.cover_periods,
            p.level,
            p.safety_stock,
            p.expected_on_hand
        );
    }
    for n in &plan.notes {
        let _ = writeln!(t, "\nNote: {n}");
    }
    let _ = writeln!(
        t,
        "\nExpected: {:.0} units on hand, holding £{:.2} a day{}",
        plan.expected_on_hand,
        check.expected_holding_per_day,
        plan.serial_cost_per_period
            .map_or(String::new(), |c| format!(
                "; serial chains' expected cost £{c:.2} a period"
            ))
    );
    let _ = writeln!(
        t,
        "\nSimulated with the plan in place: {:.0} days, seed {seed}, measured from day {:.0}\n",
        check.days, check.measured_from_day
    );
    t += "FC        on hand: expected  simulated   cycle service: target  simulated   fill rate\n";
    for r in &check.rows {
        let _ = writeln!(
            t,
            "{:<9} {:>18.0} {:>10.0} {:>24} {:>10} {:>11}",
            r.facility,
            r.expected_on_hand,
            r.simulated_on_hand,
            r.target_cycle_service
                .map_or("– (passes orders on)".to_owned(), |v| percent(Some(v))),
            percent(r.cycle_service),
            percent(r.fill_rate)
        );
    }
    let _ = writeln!(
        t,
        "\nOn hand {:.0} expected, {:.0} simulated; holding £{:.2} a day expected, £{:.2} simulated; \
         backorder and lost-sale cost £{:.2} a day (units owed between FCs included); fill rate {:.1} %",
        check.expected_on_hand,
        check.simulated_on_hand,
        check.expected_holding_per_day,
        check.simulated_holding_per_day,
        check.simulated_shortage_per_day,
        check.fill_rate * 100.0
    );
    t
}

fn short(m: optimise::Method) -> &'static str {
    match m {
        optimise::Method::Serial => "serial (C–S)",
        optimise::Method::GuaranteedService => "guaranteed service",
    }
}
