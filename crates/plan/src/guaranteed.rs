//! Strategic safety-stock placement under the guaranteed-service model:
//! the dynamic programme of Graves & Willems (2000) for tree networks
//! (serial lines, assemblies, distribution trees and any mix that is a tree
//! when links are taken as undirected), as presented in Snyder & Shen,
//! *Fundamentals of Supply Chain Theory* (2nd ed., ch. 6).
//!
//! Stage j takes T_j periods to process, holds stock at h_j per unit per
//! period, and quotes its customers an outbound service time S_j (whole
//! periods). It is quoted an inbound service time SI_j ≥ S_i by each supplier
//! i (and SI_j ≥ its external inbound service time), so its net lead time is
//! τ_j = SI_j + T_j − S_j ≥ 0 and it holds safety stock z·σ_j·√τ_j, where σ_j
//! is the standard deviation of its net demand per period (the square root of
//! the summed variances of the external demand it serves, directly or
//! through customers) and z the safety factor. A stage with external demand
//! must quote S_j ≤ its maximum service time (default 0). The model chooses
//! the service times to minimise Σ_j h_j·z·σ_j·√τ_j.
//!
//! The programme roots each tree, and for each stage, bottom-up, tabulates
//! the least cost of its subtree as a function of the one service time that
//! couples it to the stage above: its outbound S_j if it supplies that stage,
//! its inbound SI_j if it is supplied by it. Service times range over
//! 0..=M_j, M_j being the longest replenishment time, so the work is
//! O(n·M²) and bounded by [`MAX_GSM_TABLE_CELLS`].

mod tree;

use serde::{Deserialize, Serialize};

use crate::PlanError;
use tree::{Link, Tree};

/// Most (stage, outbound, inbound) cells the programme may evaluate,
/// n × (M + 1)²: about a second of a debug build.
pub const MAX_GSM_TABLE_CELLS: u64 = 20_000_000;

/// External demand at a stage, per period.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct GsmDemand {
    /// Mean demand per period (units).
    pub mean: f64,
    /// Standard deviation of demand per period (units).
    pub sd: f64,
}

/// One stage of a guaranteed-service network.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GsmStage {
    /// Unique name, used for links and messages.
    pub name: String,
    /// Processing time T_j (whole periods, at least 0).
    pub processing_time: i64,
    /// Holding cost h_j (currency per unit per period).
    pub holding_cost: f64,
    /// Names of the stages that supply this one (none for a raw-material stage).
    #[serde(default)]
    pub suppliers: Vec<String>,
    /// External demand served by this stage; required at stages with no customers.
    #[serde(default)]
    pub demand: Option<GsmDemand>,
    /// Cap on the outbound service time S_j (periods). Defaults to 0 at a
    /// stage with external demand and to no cap elsewhere.
    #[serde(default)]
    pub max_service_time: Option<i64>,
    /// Service time quoted by outside suppliers (periods; SI_j is at least this).
    #[serde(default)]
    pub external_inbound_service_time: i64,
}

/// A network to plan: its stages and the safety factor z.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GsmNetwork {
    /// Safety factor z: each stage covers demand up to its mean plus z·σ·√τ.
    pub safety_factor: f64,
    /// The stages, linked by their `suppliers`.
    pub stages: Vec<GsmStage>,
}

/// The plan for one stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GsmStagePlan {
    /// The stage's name.
    pub name: String,
    /// Committed outbound service time S_j (periods).
    pub outbound_service_time: i64,
    /// Inbound service time SI_j the stage plans for (periods).
    pub inbound_service_time: i64,
    /// Net lead time τ_j = SI_j + T_j − S_j (periods).
    pub net_lead_time: i64,
    /// Net mean demand per period (units).
    pub demand_mean: f64,
    /// Net standard deviation of demand per period (units).
    pub demand_sd: f64,
    /// Safety stock z·σ_j·√τ_j (units).
    pub safety_stock: f64,
    /// Base-stock level μ_j·τ_j + safety stock (units).
    pub base_stock_level: f64,
    /// Holding cost of the safety stock, h_j × safety stock (currency per period).
    pub holding_cost: f64,
}

/// The optimal placement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GsmPlan {
    /// One plan per stage, in the network's order.
    pub stages: Vec<GsmStagePlan>,
    /// Total safety-stock holding cost Σ h_j z σ_j √τ_j (currency per period).
    pub total_holding_cost: f64,
}

/// Optimal committed service times and safety stocks for a tree network.
pub fn optimize_guaranteed_service(network: &GsmNetwork) -> Result<GsmPlan, PlanError> {
    let tree = tree::build(network)?;
    let roots: Vec<f64> = (0..=tree.width).map(|t| libm::sqrt(t as f64)).collect();
    let mut tables: Vec<Option<Tables>> = (0..network.stages.len()).map(|_| None).collect();
    for &k in tree.order.iter().rev() {
        tables[k] = Some(solve_stage(network, &tree, &tables, &roots, k));
    }
    let tables: Vec<Tables> = tables.into_iter().flatten().collect();
    let (outbound, inbound) = assign(&tree, &tables);
    Ok(report(network, &tree, &outbound, &inbound))
}

/// One stage's least subtree costs. Indices run over 0..=width periods;
/// `f64::INFINITY` marks an infeasible value.
struct Tables {
    /// F(S): least cost given outbound S, and the inbound SI achieving it.
    f: Vec<f64>,
    f_inbound: Vec<usize>,
    /// min over S' ≤ y of F(S'), and the S' achieving it.
    f_upto: Vec<f64>,
    f_upto_at: Vec<usize>,
    /// The best outbound S for each inbound SI.
    psi_outbound: Vec<usize>,
    /// G(x): least cost given inbound SI ≥ x, and the SI achieving it.
    g: Vec<f64>,
    g_inbound: Vec<usize>,
}

/// Tabulate stage `k`'s F and G from its children's tables.
fn solve_stage(
    network: &GsmNetwork,
    tree: &Tree,
    tables: &[Option<Tables>],
    roots: &[f64],
    k: usize,
) -> Tables {
    let stage = &network.stages[k];
    let width = tree.width;
    let t = stage.processing_time as usize;
    let lo = stage.external_inbound_service_time as usize;
    let cap = tree.max_replenishment[k] as usize - t;
    let top = tree.max_service[k] as usize;
    let scale = stage.holding_cost * network.safety_factor * tree.net_sd[k];
    let (from_suppliers, from_customers) = child_costs(tree, tables, k);
    let mut f = vec![f64::INFINITY; width + 1];
    let mut f_inbound = vec![0; width + 1];
    let mut psi = vec![f64::INFINITY; width + 1];
    let mut psi_outbound = vec![0; width + 1];
    for si in lo..=cap {
        for s in 0..=top.min(si + t) {
            let cost = scale * roots[si + t - s] + from_suppliers[si] + from_customers[s];
            if cost < f[s] {
                f[s] = cost;
                f_inbound[s] = si;
            }
            if cost < psi[si] {
                psi[si] = cost;
                psi_outbound[si] = s;
            }
        }
    }
    let (f_upto, f_upto_at) = prefix_min(&f);
    let (g, g_inbound) = suffix_min(&psi);
    Tables {
        f,
        f_inbound,
        f_upto,
        f_upto_at,
        psi_outbound,
        g,
        g_inbound,
    }
}

/// Sums of the children's least costs: by inbound SI for children that
/// supply `k` (each quotes some S ≤ SI), by outbound S for children that `k`
/// supplies (each plans for some inbound ≥ S).
fn child_costs(tree: &Tree, tables: &[Option<Tables>], k: usize) -> (Vec<f64>, Vec<f64>) {
    let mut by_inbound = vec![0.0; tree.width + 1];
    let mut by_outbound = vec![0.0; tree.width + 1];
    for &(c, link) in &tree.children[k] {
        let Some(child) = &tables[c] else { continue };
        let (sum, costs) = match link {
            Link::Supplier => (&mut by_inbound, &child.f_upto),
            Link::Customer => (&mut by_outbound, &child.g),
        };
        for (acc, cost) in sum.iter_mut().zip(costs) {
            *acc += cost;
        }
    }
    (by_inbound, by_outbound)
}

/// Running minimum from the left; ties go to the larger index, so a supplier
/// quotes the longest service time its customer's inbound allows.
fn prefix_min(values: &[f64]) -> (Vec<f64>, Vec<usize>) {
    let mut best = (f64::INFINITY, 0);
    let mut mins = Vec::with_capacity(values.len());
    let mut at = Vec::with_capacity(values.len());
    for (i, &v) in values.iter().enumerate() {
        if v <= best.0 {
            best = (v, i);
        }
        mins.push(best.0);
        at.push(best.1);
    }
    (mins, at)
}

/// Running minimum from the right; ties go to the smaller index, so a stage
/// plans for the shortest inbound service time that is optimal.
fn suffix_min(values: &[f64]) -> (Vec<f64>, Vec<usize>) {
    let n = values.len();
    let mut best = (f64::INFINITY, n.saturating_sub(1));
    let mut mins = vec![f64::INFINITY; n];
    let mut at = vec![0; n];
    for i in (0..n).rev() {
        if values[i] <= best.0 {
            best = (values[i], i);
        }
        mins[i] = best.0;
        at[i] = best.1;
    }
    (mins, at)
}

/// Walk down from each root, fixing each stage's service times from the
/// ones above it.
fn assign(tree: &Tree, tables: &[Tables]) -> (Vec<usize>, Vec<usize>) {
    let n = tables.len();
    let (mut outbound, mut inbound) = (vec![0; n], vec![0; n]);
    for &k in &tree.order {
        if tree.is_root[k] {
            let t = &tables[k];
            let s = (0..t.f.len()).fold(0, |b, s| if t.f[s] < t.f[b] { s } else { b });
            outbound[k] = s;
            inbound[k] = t.f_inbound[s];
        }
        for &(c, link) in &tree.children[k] {
            let t = &tables[c];
            match link {
                Link::Supplier => {
                    outbound[c] = t.f_upto_at[inbound[k]];
                    inbound[c] = t.f_inbound[outbound[c]];
                }
                Link::Customer => {
                    inbound[c] = t.g_inbound[outbound[k]];
                    outbound[c] = t.psi_outbound[inbound[c]];
                }
            }
        }
    }
    (outbound, inbound)
}

fn report(network: &GsmNetwork, tree: &Tree, outbound: &[usize], inbound: &[usize]) -> GsmPlan {
    let z = network.safety_factor;
    let stages: Vec<GsmStagePlan> = network
        .stages
        .iter()
        .enumerate()
        .map(|(k, stage)| {
            // The programme keeps S ≤ SI + T; saturating keeps this panic-free regardless.
            let tau = (inbound[k] + stage.processing_time as usize).saturating_sub(outbound[k]);
            let safety_stock = z * tree.net_sd[k] * libm::sqrt(tau as f64);
            GsmStagePlan {
                name: stage.name.clone(),
                outbound_service_time: outbound[k] as i64,
                inbound_service_time: inbound[k] as i64,
                net_lead_time: tau as i64,
                demand_mean: tree.net_mean[k],
                demand_sd: tree.net_sd[k],
                safety_stock,
                base_stock_level: tree.net_mean[k] * tau as f64 + safety_stock,
                holding_cost: stage.holding_cost * safety_stock,
            }
        })
        .collect();
    GsmPlan {
        total_holding_cost: stages.iter().map(|s| s.holding_cost).sum(),
        stages,
    }
}
