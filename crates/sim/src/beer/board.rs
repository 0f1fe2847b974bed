//! The board itself: inventories, backlogs, shipping and production boxes,
//! order slips; the mechanical steps 1, 2 and 4 of a week and the placing
//! of orders (step 5). No decisions here: [`super::game`] asks the players.

use super::{
    FACTORY, INITIAL_FLOW, INITIAL_INVENTORY, MAIL_DELAY_WEEKS, PRODUCTION_DELAY_WEEKS,
    REQUEST_DELAY_WEEKS, SHIPPING_DELAY_WEEKS, STAGES,
};

// The factory's inbound boxes are its production delay, held with the
// shipping boxes of the other stages; the two delays must be equally long.
const _: () = assert!(SHIPPING_DELAY_WEEKS == PRODUCTION_DELAY_WEEKS);

/// What steps 1–4 of one week moved.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Moves {
    /// Cases each stage received into inventory (step 1).
    pub received: [u32; STAGES],
    /// The order each stage read (step 2); the retailer's is customer demand.
    pub incoming: [u32; STAGES],
    /// Cases each stage shipped (step 2); the retailer's went to customers.
    pub shipped: [u32; STAGES],
    /// Cases the factory started brewing (step 4): last week's request.
    pub brewed: u32,
}

/// The state of one board between steps.
#[derive(Clone, Debug)]
pub(crate) struct Board {
    pub inventory: [u32; STAGES],
    pub backlog: [u32; STAGES],
    /// Cases on their way into each stage, nearest box first: shipping
    /// boxes, and for the factory its production boxes.
    inbound: [[u32; SHIPPING_DELAY_WEEKS]; STAGES],
    /// Slips stage `i` sent to stage `i + 1`, nearest box first ("incoming
    /// orders", then "orders placed").
    mail: [[u32; MAIL_DELAY_WEEKS]; STAGES - 1],
    /// The factory's production-request box.
    request: [u32; REQUEST_DELAY_WEEKS],
}

/// Takes the nearest box's contents and moves every other box one nearer,
/// leaving the farthest box empty.
fn shift<const N: usize>(boxes: &mut [u32; N]) -> u32 {
    let front = boxes[0];
    boxes.rotate_left(1);
    boxes[N - 1] = 0;
    front
}

impl Board {
    /// The board as the instructions set it up (§5a).
    pub fn initial() -> Board {
        Board {
            inventory: [INITIAL_INVENTORY; STAGES],
            backlog: [0; STAGES],
            inbound: [[INITIAL_FLOW; SHIPPING_DELAY_WEEKS]; STAGES],
            mail: [[INITIAL_FLOW; MAIL_DELAY_WEEKS]; STAGES - 1],
            request: [INITIAL_FLOW; REQUEST_DELAY_WEEKS],
        }
    }

    /// Step 1: every stage takes in its nearest box; the boxes advance.
    pub fn receive(&mut self) -> [u32; STAGES] {
        let mut received = [0; STAGES];
        for (i, got) in received.iter_mut().enumerate() {
            *got = shift(&mut self.inbound[i]);
            self.inventory[i] += *got;
        }
        received
    }

    /// Step 2: every stage reads its incoming order and ships the order plus
    /// its backlog as far as its inventory goes; the rest is backlog. The
    /// retailer's incoming order is `demand`; what it ships goes to customers.
    pub fn fill(&mut self, demand: u32, moves: &mut Moves) {
        for i in 0..STAGES {
            let incoming = if i == 0 { demand } else { self.mail[i - 1][0] };
            let owed = incoming + self.backlog[i];
            let shipped = owed.min(self.inventory[i]);
            self.inventory[i] -= shipped;
            self.backlog[i] = owed - shipped;
            if i > 0 {
                self.inbound[i - 1][SHIPPING_DELAY_WEEKS - 1] += shipped;
            }
            moves.incoming[i] = incoming;
            moves.shipped[i] = shipped;
        }
    }

    /// Step 4: the order slips advance (the slip read in step 2 is gone) and
    /// the brewery brews last week's request. Returns the cases brewed.
    pub fn advance_slips(&mut self) -> u32 {
        for slips in &mut self.mail {
            shift(slips);
        }
        let brewed = shift(&mut self.request);
        self.inbound[FACTORY][PRODUCTION_DELAY_WEEKS - 1] += brewed;
        brewed
    }

    /// Step 5: each stage's order goes into the farthest order box (the
    /// factory's into the production-request box).
    pub fn place(&mut self, orders: [u32; STAGES]) {
        for (slips, &order) in self.mail.iter_mut().zip(&orders) {
            slips[MAIL_DELAY_WEEKS - 1] = order;
        }
        self.request[REQUEST_DELAY_WEEKS - 1] = orders[FACTORY];
    }

    /// Cases a stage has ordered and not yet received: its slips still in
    /// the mail, the supplier's backlog (all of it owed to this stage, the
    /// chain being a line) and the cases in its inbound boxes. For the
    /// factory: its waiting request and the cases brewing.
    pub fn supply_line(&self, stage: usize) -> u32 {
        let inbound: u32 = self.inbound[stage].iter().sum();
        if stage == FACTORY {
            return inbound + self.request.iter().sum::<u32>();
        }
        let mail: u32 = self.mail[stage].iter().sum();
        inbound + mail + self.backlog[stage + 1]
    }

    /// Cases on the board: inventories plus every shipping and production box.
    pub fn cases(&self) -> u64 {
        let stock: u64 = self.inventory.iter().map(|&c| u64::from(c)).sum();
        let moving: u64 = self.inbound.iter().flatten().map(|&c| u64::from(c)).sum();
        stock + moving
    }
}
