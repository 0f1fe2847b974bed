//! Breakdown: order outcomes by customer zone, SKU class and sales channel,
//! so the report can say where the network serves well and where it does
//! not, beyond the network totals.

/// One slice's orders: how many, how they ended, how long they took.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Slice {
    pub placed: u64,
    pub units: u64,
    /// Units served from stock as the order arrived.
    pub units_filled: u64,
    pub delivered: u64,
    pub on_time: u64,
    /// Lost sales, lost in transit, or no vehicle could carry them.
    pub lost: u64,
    pub lead_sum_s: f64,
}

impl Slice {
    fn since(&self, b: &Slice) -> Slice {
        Slice {
            placed: self.placed - b.placed,
            units: self.units - b.units,
            units_filled: self.units_filled - b.units_filled,
            delivered: self.delivered - b.delivered,
            on_time: self.on_time - b.on_time,
            lost: self.lost - b.lost,
            lead_sum_s: self.lead_sum_s - b.lead_sum_s,
        }
    }
}

/// The slices an order counts in: its zone (facility index), its SKU's
/// class (0 = A, 1 = B, 2 = C) and its channel (0 = own, 1 = multi-channel).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Keys {
    pub zone: u32,
    pub class: u8,
    pub channel: u8,
}

#[derive(Clone, Debug, Default, PartialEq)]
struct Slices {
    /// Per facility index (zones only are used).
    zones: Vec<Slice>,
    classes: [Slice; 3],
    channels: [Slice; crate::channels::COUNT],
}

#[derive(Clone, Debug, Default)]
pub(crate) struct Breakdown {
    now: Slices,
    /// The slices as the warm-up ended: the views count from them.
    base: Option<Box<Slices>>,
}

impl Breakdown {
    pub fn new(facilities: usize) -> Breakdown {
        Breakdown {
            now: Slices {
                zones: vec![Slice::default(); facilities],
                ..Slices::default()
            },
            base: None,
        }
    }

    fn each(&mut self, k: Keys, f: impl Fn(&mut Slice)) {
        f(&mut self.now.zones[k.zone as usize]);
        f(&mut self.now.classes[k.class as usize]);
        f(&mut self.now.channels[k.channel as usize]);
    }

    pub fn placed(&mut self, k: Keys, units: u32, filled: bool) {
        self.each(k, |s| {
            s.placed += 1;
            s.units += units as u64;
            if filled {
                s.units_filled += units as u64;
            }
        });
    }

    pub fn delivered(&mut self, k: Keys, lead_s: u64, on_time: bool) {
        self.each(k, |s| {
            s.delivered += 1;
            s.on_time += u64::from(on_time);
            s.lead_sum_s += lead_s as f64;
        });
    }

    pub fn lost(&mut self, k: Keys) {
        self.each(k, |s| s.lost += 1);
    }

    pub fn mark_warmup(&mut self) {
        self.base = Some(Box::new(self.now.clone()));
    }

    fn since(&self, now: &Slice, pick: impl Fn(&Slices) -> &Slice) -> Slice {
        match &self.base {
            Some(b) => now.since(pick(b)),
            None => *now,
        }
    }

    /// Zone `f`'s slice since the warm-up.
    pub fn zone(&self, f: usize) -> Slice {
        self.since(&self.now.zones[f], |b| &b.zones[f])
    }

    /// Zone `f`'s slice since the start, warm-up included.
    pub fn zone_total(&self, f: usize) -> Slice {
        self.now.zones[f]
    }

    /// SKU class `c`'s slice (0 = A) since the warm-up.
    pub fn class(&self, c: usize) -> Slice {
        self.since(&self.now.classes[c], |b| &b.classes[c])
    }

    /// Channel `c`'s slice (0 = own, 1 = multi-channel) since the warm-up.
    pub fn channel(&self, c: usize) -> Slice {
        self.since(&self.now.channels[c], |b| &b.channels[c])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_order_counts_once_in_each_breakdown_and_the_warm_up_is_left_out() {
        let mut b = Breakdown::new(3);
        let k = Keys {
            zone: 2,
            class: 1,
            channel: 0,
        };
        b.placed(k, 2, true);
        b.mark_warmup();
        b.placed(k, 3, false);
        b.delivered(k, 7200, true);
        b.lost(k);
        let want = Slice {
            placed: 1,
            units: 3,
            units_filled: 0,
            delivered: 1,
            on_time: 1,
            lost: 1,
            lead_sum_s: 7200.0,
        };
        assert_eq!(b.zone(2), want);
        assert_eq!(b.class(1), want);
        assert_eq!(b.channel(0), want);
        assert_eq!(b.zone(0), Slice::default());
        assert_eq!(b.class(0), Slice::default());
    }
}
