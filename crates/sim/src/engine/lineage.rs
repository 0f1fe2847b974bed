//! Lineage: which units on an FC's shelves came all the way on net-zero
//! modes, so a customer shipment can be called net-zero only if its stock's
//! replenishment legs were too ("Shipment Zero").
//!
//! Each FC × SKU bin keeps its units as lots in arrival order, each lot
//! net-zero or not, and picks take the oldest first (first in, first out,
//! as warehouses rotate stock). A bin whose stock all came one way keeps
//! only its two counts (units, net-zero units), so the common case costs two
//! array entries; the lots exist only while a bin holds both kinds.

use std::collections::VecDeque;

/// Units that arrived together, all net-zero or all not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Lot {
    units: u32,
    net_zero: bool,
}

#[derive(Clone, Debug, Default)]
pub(crate) struct Lineage {
    /// Per bin: units, and of them net-zero ones.
    units: Vec<u32>,
    net_zero: Vec<u32>,
    /// Per bin whose units are mixed (some net-zero, some not): its lots,
    /// oldest first. A bin all of one kind keeps none, so the common case
    /// touches only the two counts.
    lots: Vec<VecDeque<Lot>>,
}

impl Lineage {
    pub fn new(bins: usize) -> Lineage {
        Lineage {
            units: vec![0; bins],
            net_zero: vec![0; bins],
            lots: vec![VecDeque::new(); bins],
        }
    }

    fn mixed(&self, ix: usize) -> bool {
        self.net_zero[ix] != 0 && self.net_zero[ix] != self.units[ix]
    }

    /// `units` arrive in bin `ix`, `net_zero` of them by net-zero legs only.
    pub fn put(&mut self, ix: usize, units: u32, net_zero: u32) {
        let net_zero = net_zero.min(units);
        let was_mixed = self.mixed(ix);
        let (had, had_nz) = (self.units[ix], self.net_zero[ix]);
        self.units[ix] += units;
        self.net_zero[ix] += net_zero;
        if !self.mixed(ix) {
            return;
        }
        if !was_mixed {
            // The bin was all of one kind: that is its oldest lot.
            self.push(ix, had, had_nz == had);
        }
        self.push(ix, net_zero, true);
        self.push(ix, units - net_zero, false);
    }

    fn push(&mut self, ix: usize, units: u32, net_zero: bool) {
        if units == 0 {
            return;
        }
        let lots = &mut self.lots[ix];
        match lots.back_mut() {
            Some(last) if last.net_zero == net_zero => last.units += units,
            _ => lots.push_back(Lot { units, net_zero }),
        }
    }

    /// Take `units` from bin `ix`, oldest first: how many of them are net-zero.
    pub fn take(&mut self, ix: usize, units: u32) -> u32 {
        let units = units.min(self.units[ix]);
        let net_zero = if self.mixed(ix) {
            self.take_lots(ix, units)
        } else if self.net_zero[ix] == 0 {
            0
        } else {
            units
        };
        self.units[ix] -= units;
        self.net_zero[ix] -= net_zero;
        if !self.mixed(ix) {
            self.lots[ix].clear();
        }
        net_zero
    }

    fn take_lots(&mut self, ix: usize, mut units: u32) -> u32 {
        let lots = &mut self.lots[ix];
        let mut net_zero = 0;
        while units > 0 {
            let Some(front) = lots.front_mut() else {
                break;
            };
            let k = units.min(front.units);
            if front.net_zero {
                net_zero += k;
            }
            front.units -= k;
            units -= k;
            if front.units == 0 {
                lots.pop_front();
            }
        }
        net_zero
    }

    /// Units in bin `ix` (the audit: equals the bin's on-hand count).
    #[cfg(test)]
    pub fn units(&self, ix: usize) -> u64 {
        self.units[ix] as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_take_the_oldest_units_first() {
        let mut l = Lineage::new(1);
        l.put(0, 5, 0);
        l.put(0, 4, 4);
        assert_eq!(l.take(0, 3), 0, "the 5 diesel units came first");
        assert_eq!(l.take(0, 4), 2, "2 diesel left, then 2 net-zero");
        assert_eq!(l.take(0, 2), 2);
        assert_eq!(l.units(0), 0);
    }

    #[test]
    fn a_bin_of_one_kind_keeps_no_lots() {
        let mut l = Lineage::new(2);
        for _ in 0..100 {
            l.put(1, 3, 3);
        }
        assert!(l.lots[1].is_empty());
        assert_eq!(l.units(1), 300);
        assert_eq!(l.take(1, 300), 300);
    }

    #[test]
    fn a_mixed_bin_turns_back_to_one_kind_once_the_old_lot_is_gone() {
        let mut l = Lineage::new(1);
        l.put(0, 2, 0);
        l.put(0, 3, 3);
        assert_eq!(l.lots[0].len(), 2);
        assert_eq!(l.take(0, 2), 0);
        assert!(l.lots[0].is_empty(), "only net-zero units left");
        assert_eq!(l.take(0, 3), 3);
    }

    #[test]
    fn a_mixed_arrival_counts_both_kinds() {
        let mut l = Lineage::new(1);
        l.put(0, 10, 4);
        assert_eq!(l.take(0, 10), 4);
        l.put(0, 3, 9);
        assert_eq!(l.take(0, 3), 3, "net-zero units are capped at the units");
    }
}
