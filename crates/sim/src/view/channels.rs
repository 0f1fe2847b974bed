//! The report's seller services: the fees marketplace sellers paid for the
//! fulfilment and storage of their stock, and the priority rule in force.
//! Service by channel is in the breakdowns.

use crate::channels::{MARKETPLACE, MULTICHANNEL};
use crate::engine::Engine;
use crate::scenario::ChannelPriority;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChannelsReport {
    /// Whose parcels board first when vehicles are short.
    pub priority: ChannelPriority,
    /// Fees for units shipped of sellers' stock on marketplace orders, GBP.
    pub marketplace_fees: f64,
    /// Fees for units shipped of sellers' stock on multi-channel orders, GBP.
    pub multichannel_fees: f64,
    /// Storage fees for sellers' stock on our shelves, GBP.
    pub storage_fees: f64,
    /// The three together: the managed service's revenue, GBP.
    pub total_fees: f64,
}

impl Engine {
    /// Seller services, when the scenario sets channel rules.
    pub fn channels_report(&self) -> Option<ChannelsReport> {
        let priority = self.network().channels.priority?;
        let fees = self.ledger().outcomes().fulfilment_fees;
        let storage = self.stock().storage_fees_at(self.now());
        let (mp, mcf) = (fees[MARKETPLACE as usize], fees[MULTICHANNEL as usize]);
        Some(ChannelsReport {
            priority,
            marketplace_fees: mp,
            multichannel_fees: mcf,
            storage_fees: storage,
            total_fees: mp + mcf + storage,
        })
    }
}
