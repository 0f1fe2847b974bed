//! Checks a guaranteed-service network and compiles it to the tree the
//! dynamic programme walks: a rooting of each component,
//! net demand per stage and the longest replenishment time per stage.

use std::collections::BTreeMap;

use super::{GsmNetwork, GsmStage, MAX_GSM_TABLE_CELLS};
use crate::{PlanError, check};

/// How a stage in the rooted tree relates to the stage it hangs from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Link {
    /// The child supplies the stage above it in the rooting.
    Supplier,
    /// The child is supplied by (is a customer of) the stage above it.
    Customer,
}

/// A validated network, as the dynamic programme needs it.
pub(super) struct Tree {
    /// Every stage, each component's root first and parents before children.
    pub order: Vec<usize>,
    /// Whether a stage is the root of its component.
    pub is_root: Vec<bool>,
    /// Children of each stage in the rooting, with their relation to it.
    pub children: Vec<Vec<(usize, Link)>>,
    /// Net mean demand per period at each stage (units).
    pub net_mean: Vec<f64>,
    /// Net standard deviation of demand per period at each stage (units).
    pub net_sd: Vec<f64>,
    /// Longest replenishment time M_j = T_j + max(SI_ext_j, max over suppliers M_i) (periods).
    pub max_replenishment: Vec<i64>,
    /// Largest outbound service time allowed: min(M_j, the stage's maximum service time).
    pub max_service: Vec<i64>,
    /// max_j M_j: every table runs over 0..=width.
    pub width: usize,
}

/// How a stage is named in messages: by name, or by position if it has none.
pub(super) fn label(index: usize, stage: &GsmStage) -> String {
    if stage.name.is_empty() {
        format!("stage {}", index + 1)
    } else {
        format!("stage \"{}\"", stage.name)
    }
}

/// Validate `network` and compile it.
pub(super) fn build(network: &GsmNetwork) -> Result<Tree, PlanError> {
    if network.stages.is_empty() {
        return Err(PlanError::Invalid("the network has no stages".into()));
    }
    check::non_negative(
        network.safety_factor,
        "the safety factor",
        "standard deviations",
    )?;
    for (i, stage) in network.stages.iter().enumerate() {
        check_numbers(i, stage)?;
    }
    let suppliers = supplier_indices(network)?;
    check_no_cycle(network, &suppliers)?;
    let customers = invert(&suppliers);
    let topo = upstream_first(&suppliers, &customers);
    let (net_mean, net_sd) = net_demand(network, &customers, &topo)?;
    let max_replenishment = replenishment_times(network, &suppliers, &topo);
    let max_service: Vec<i64> = network
        .stages
        .iter()
        .zip(&max_replenishment)
        .map(|(s, &m)| m.min(service_cap(s)))
        .collect();
    let width = check_budget(&max_replenishment)?;
    let (order, is_root, children) = root(&suppliers, &customers);
    Ok(Tree {
        order,
        is_root,
        children,
        net_mean,
        net_sd,
        max_replenishment,
        max_service,
        width,
    })
}

/// The stage's own cap on its outbound service time: as given, else 0 for a
/// stage serving external demand (serve customers from stock), else none.
fn service_cap(stage: &GsmStage) -> i64 {
    match (stage.max_service_time, &stage.demand) {
        (Some(cap), _) => cap,
        (None, Some(_)) => 0,
        (None, None) => i64::MAX,
    }
}

fn check_numbers(i: usize, stage: &GsmStage) -> Result<(), PlanError> {
    let who = label(i, stage);
    check::periods(stage.processing_time, &format!("{who}'s processing time"))?;
    check::non_negative(
        stage.holding_cost,
        &format!("{who}'s holding cost"),
        "per unit per period",
    )?;
    check::periods(
        stage.external_inbound_service_time,
        &format!("{who}'s external inbound service time"),
    )?;
    if let Some(cap) = stage.max_service_time {
        check::periods(cap, &format!("{who}'s maximum service time"))?;
    }
    if let Some(d) = &stage.demand {
        check::non_negative(d.mean, &format!("{who}'s mean demand"), "units per period")?;
        check::non_negative(
            d.sd,
            &format!("{who}'s demand standard deviation"),
            "units per period",
        )?;
    }
    Ok(())
}

/// Resolve supplier names to indices: every name must be a distinct stage.
fn supplier_indices(network: &GsmNetwork) -> Result<Vec<Vec<usize>>, PlanError> {
    let mut by_name: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, stage) in network.stages.iter().enumerate() {
        if stage.name.is_empty() {
            return Err(PlanError::Invalid(format!("stage {} has no name", i + 1)));
        }
        if let Some(&j) = by_name.get(stage.name.as_str()) {
            return Err(PlanError::Invalid(format!(
                "two stages are named \"{}\" (stages {} and {}): names must be unique",
                stage.name,
                j + 1,
                i + 1
            )));
        }
        by_name.insert(&stage.name, i);
    }
    let mut all = Vec::with_capacity(network.stages.len());
    for (i, stage) in network.stages.iter().enumerate() {
        let mut list: Vec<usize> = Vec::with_capacity(stage.suppliers.len());
        for name in &stage.suppliers {
            let who = label(i, stage);
            let Some(&j) = by_name.get(name.as_str()) else {
                return Err(PlanError::Invalid(format!(
                    "{who} lists supplier \"{name}\", which is not a stage in the network"
                )));
            };
            if j == i {
                return Err(PlanError::Invalid(format!(
                    "{who} lists itself as a supplier"
                )));
            }
            if list.contains(&j) {
                return Err(PlanError::Invalid(format!(
                    "{who} lists supplier \"{name}\" twice"
                )));
            }
            list.push(j);
        }
        all.push(list);
    }
    Ok(all)
}

/// A union–find pass over the links: a link joining two stages already
/// connected closes a loop, which the model (a tree) cannot have.
fn check_no_cycle(network: &GsmNetwork, suppliers: &[Vec<usize>]) -> Result<(), PlanError> {
    let mut parent: Vec<usize> = (0..suppliers.len()).collect();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for (i, list) in suppliers.iter().enumerate() {
        for &j in list {
            let (a, b) = (find(&mut parent, i), find(&mut parent, j));
            if a == b {
                return Err(PlanError::Invalid(format!(
                    "the supply links form a loop: \"{}\" supplying \"{}\" closes a cycle, \
                     but the guaranteed-service model needs a tree (at most one path \
                     between any two stages)",
                    network.stages[j].name, network.stages[i].name
                )));
            }
            parent[a] = b;
        }
    }
    Ok(())
}

fn invert(suppliers: &[Vec<usize>]) -> Vec<Vec<usize>> {
    let mut customers = vec![Vec::new(); suppliers.len()];
    for (i, list) in suppliers.iter().enumerate() {
        for &j in list {
            customers[j].push(i);
        }
    }
    customers
}

/// Kahn's order, suppliers before customers (complete: a forest has no cycle).
fn upstream_first(suppliers: &[Vec<usize>], customers: &[Vec<usize>]) -> Vec<usize> {
    let mut waiting: Vec<usize> = suppliers.iter().map(Vec::len).collect();
    let mut order: Vec<usize> = (0..suppliers.len()).filter(|&i| waiting[i] == 0).collect();
    let mut next = 0;
    while next < order.len() {
        let i = order[next];
        next += 1;
        for &c in &customers[i] {
            waiting[c] -= 1;
            if waiting[c] == 0 {
                order.push(c);
            }
        }
    }
    order
}

/// Net demand: a stage's own demand plus its customers' net demand (means
/// add; variances add, demand at different stages being independent).
fn net_demand(
    network: &GsmNetwork,
    customers: &[Vec<usize>],
    topo: &[usize],
) -> Result<(Vec<f64>, Vec<f64>), PlanError> {
    let n = customers.len();
    let (mut mean, mut var) = (vec![0.0; n], vec![0.0; n]);
    for &i in topo.iter().rev() {
        let stage = &network.stages[i];
        if customers[i].is_empty() && stage.demand.is_none() {
            return Err(PlanError::Invalid(format!(
                "{} has no customers downstream and no demand of its own: give it a \
                 demand or make it a supplier of another stage",
                label(i, stage)
            )));
        }
        if let Some(d) = &stage.demand {
            mean[i] += d.mean;
            var[i] += d.sd * d.sd;
        }
        for &c in &customers[i] {
            mean[i] += mean[c];
            var[i] += var[c];
        }
    }
    Ok((mean, var.into_iter().map(libm::sqrt).collect()))
}

fn replenishment_times(network: &GsmNetwork, suppliers: &[Vec<usize>], topo: &[usize]) -> Vec<i64> {
    let mut m = vec![0i64; suppliers.len()];
    for &i in topo {
        let stage = &network.stages[i];
        let inbound = suppliers[i]
            .iter()
            .map(|&j| m[j])
            .fold(stage.external_inbound_service_time, i64::max);
        m[i] = inbound.saturating_add(stage.processing_time);
    }
    m
}

/// Refuse networks whose tables, n × (M + 1)² cells, exceed the budget.
fn check_budget(max_replenishment: &[i64]) -> Result<usize, PlanError> {
    let longest = max_replenishment.iter().copied().max().unwrap_or(0);
    let side = longest as f64 + 1.0;
    let cells = max_replenishment.len() as f64 * side * side;
    if cells > MAX_GSM_TABLE_CELLS as f64 {
        return Err(PlanError::TooLarge(format!(
            "this network needs {} stages × ({longest} + 1)² = {cells:.0} table cells, \
             more than the limit of {MAX_GSM_TABLE_CELLS} (its longest replenishment \
             time is {longest} periods)",
            max_replenishment.len()
        )));
    }
    Ok(longest as usize)
}

type Rooting = (Vec<usize>, Vec<bool>, Vec<Vec<(usize, Link)>>);

/// Root each component at its first stage (in input order) and list stages
/// breadth-first, so every stage comes after the one it hangs from.
fn root(suppliers: &[Vec<usize>], customers: &[Vec<usize>]) -> Rooting {
    let n = suppliers.len();
    let mut seen = vec![false; n];
    let mut is_root = vec![false; n];
    let mut children = vec![Vec::new(); n];
    let mut order = Vec::with_capacity(n);
    for start in 0..n {
        if seen[start] {
            continue;
        }
        seen[start] = true;
        is_root[start] = true;
        let mut next = order.len();
        order.push(start);
        while next < order.len() {
            let k = order[next];
            next += 1;
            let ups = suppliers[k].iter().map(|&c| (c, Link::Supplier));
            let downs = customers[k].iter().map(|&c| (c, Link::Customer));
            for (c, link) in ups.chain(downs) {
                if !seen[c] {
                    seen[c] = true;
                    children[k].push((c, link));
                    order.push(c);
                }
            }
        }
    }
    (order, is_root, children)
}
