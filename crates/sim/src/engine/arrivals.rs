//! Order arrivals: each hour, each demand stream draws its order count (see
//! [`crate::demand`]); the orders get uniform arrival instants within the
//! hour and one SKU each from the stream's mix, and some come from other
//! sales channels (for a seller's SKU, when the mix has any). The hour's
//! orders are then handed out instant by instant.

use crate::channels;
use crate::controls::DemandSchedule;
use crate::demand::{DemandStream, DrawState};
use crate::network::Network;
use crate::rng::{Rng, Stream};
use crate::time::{HOUR, SimTime};

/// One customer order about to arrive.
#[derive(Clone, Copy, Debug)]
pub(crate) struct NewOrder {
    pub at: SimTime,
    pub stream: u32,
    pub sku: u32,
    /// Its sales channel ([`crate::channels`]).
    pub channel: u8,
}

#[derive(Clone, Debug)]
pub(crate) struct Arrivals {
    rng_demand: Rng,
    rng_sku: Rng,
    rng_arrival: Rng,
    draw_state: Vec<DrawState>,
    /// The current hour's orders, sorted by instant; `next` is the first not
    /// yet handed out.
    hour: Vec<NewOrder>,
    next: usize,
    /// The next hour not yet drawn.
    undrawn: SimTime,
    schedule: DemandSchedule,
    /// Per facility: the market's demand multiplier (empty: none).
    zone_multiplier: Vec<f64>,
}

impl Arrivals {
    pub fn new(net: &Network, seed: u64) -> Arrivals {
        Arrivals {
            rng_demand: Rng::fork(seed, Stream::Demand, 0),
            rng_sku: Rng::fork(seed, Stream::Sku, 0),
            rng_arrival: Rng::fork(seed, Stream::Arrival, 0),
            draw_state: vec![DrawState::default(); net.demand.len()],
            hour: Vec::new(),
            next: 0,
            undrawn: 0,
            schedule: net.controls.clone(),
            zone_multiplier: Vec::new(),
        }
    }

    /// When the next hour of demand is drawn: controls from then on can
    /// still change it.
    pub fn next_draw_time(&self) -> SimTime {
        self.undrawn
    }

    /// The multiplier the next hour's demand is drawn with.
    pub fn multiplier(&self) -> f64 {
        self.schedule.at(self.undrawn)
    }

    pub fn schedule(&self) -> &DemandSchedule {
        &self.schedule
    }

    /// Replace the demand schedule: hours already drawn keep their demand.
    pub fn set_schedule(&mut self, schedule: DemandSchedule) {
        self.schedule = schedule;
    }

    /// The market's demand multiplier per facility, from the next hour drawn.
    pub fn set_zone_multipliers(&mut self, m: &[f64]) {
        self.zone_multiplier.clear();
        self.zone_multiplier.extend_from_slice(m);
    }

    /// Draw the hour starting at `t`; returns the first arrival instant.
    pub fn draw_hour(&mut self, net: &Network, t: SimTime) -> Option<SimTime> {
        self.hour.clear();
        self.next = 0;
        self.undrawn = t + HOUR;
        let multiplier = self.schedule.at(t);
        for (s, d) in net.demand.iter().enumerate() {
            let market = self.zone_multiplier.get(d.zone).copied().unwrap_or(1.0);
            let mean = d.mean_at(t, multiplier * market);
            let n = d.draw(&mut self.rng_demand, mean, &mut self.draw_state[s]);
            let table = &net.sku_tables[d.sku_table];
            for _ in 0..n {
                let at = t + self.rng_arrival.below(HOUR);
                let sku = table.sample(&mut self.rng_sku) as u32;
                let (channel, sku) = self.channel(net, d, sku);
                self.hour.push(NewOrder {
                    at,
                    stream: s as u32,
                    sku,
                    channel,
                });
            }
        }
        // Stable: equal instants keep stream order.
        self.hour.sort_by_key(|o| o.at);
        self.next_at()
    }

    /// An order's channel, and its SKU: a multi-channel order is for a
    /// seller's SKU when the stream's mix has any.
    fn channel(&mut self, net: &Network, d: &DemandStream, sku: u32) -> (u8, u32) {
        let multichannel =
            d.multichannel_share > 0.0 && self.rng_arrival.f64() < d.multichannel_share;
        match (multichannel, d.seller_table) {
            (true, Some(t)) => {
                let sku = net.sku_tables[t].sample(&mut self.rng_sku) as u32;
                (channels::MULTICHANNEL, sku)
            }
            (true, None) => (channels::MULTICHANNEL, sku),
            (false, _) if net.products[sku as usize].seller => (channels::MARKETPLACE, sku),
            (false, _) => (channels::OWN, sku),
        }
    }

    /// The next order instant not yet handed out.
    pub fn next_at(&self) -> Option<SimTime> {
        self.hour.get(self.next).map(|o| o.at)
    }

    /// The next order if it arrives at `now`.
    pub fn take_at(&mut self, now: SimTime) -> Option<NewOrder> {
        let o = *self.hour.get(self.next)?;
        if o.at != now {
            return None;
        }
        self.next += 1;
        Some(o)
    }
}
