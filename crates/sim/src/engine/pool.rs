//! A pool of reusable records (orders, vehicles, shipments, requests).
//!
//! Ids are small dense indices; a released slot is handed out again (last
//! released first) with its old buffers, so the steady state allocates
//! nothing per event. A record says itself whether it is in use (the pool
//! keeps no flags of its own: one less array to touch per event).

use std::ops::{Index, IndexMut};

/// A record a pool can hold.
pub(crate) trait Slot: Default {
    /// Is the record in use (not released)? Callers mark a record unused
    /// before they release it.
    fn in_use(&self) -> bool;
}

#[derive(Clone, Debug)]
pub(crate) struct Pool<T> {
    items: Vec<T>,
    free: Vec<u32>,
}

impl<T> Default for Pool<T> {
    fn default() -> Self {
        Pool {
            items: Vec::new(),
            free: Vec::new(),
        }
    }
}

impl<T: Slot> Pool<T> {
    /// A slot for a new record. A reused slot keeps its old contents: the
    /// caller resets what it needs (and keeps the buffers).
    pub fn alloc(&mut self) -> u32 {
        match self.free.pop() {
            Some(id) => id,
            None => {
                self.items.push(T::default());
                (self.items.len() - 1) as u32
            }
        }
    }

    /// Give slot `id` back (the caller has marked it unused).
    pub fn release(&mut self, id: u32) {
        debug_assert!(!self[id].in_use(), "released while in use: {id}");
        self.free.push(id);
    }

    /// Every record, released or not, in id order (callers tell them
    /// apart by their contents).
    pub fn all(&self) -> impl Iterator<Item = &T> + '_ {
        self.items.iter()
    }

    /// Records in use, in id order.
    pub fn live(&self) -> impl Iterator<Item = &T> + '_ {
        self.items.iter().filter(|t| t.in_use())
    }
}

impl<T> Index<u32> for Pool<T> {
    type Output = T;
    #[inline]
    fn index(&self, id: u32) -> &T {
        &self.items[id as usize]
    }
}

impl<T> IndexMut<u32> for Pool<T> {
    #[inline]
    fn index_mut(&mut self, id: u32) -> &mut T {
        &mut self.items[id as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::{Pool, Slot};

    /// A number in use while non-zero.
    #[derive(Clone, Copy, Debug, Default, PartialEq)]
    struct N(u32);
    impl Slot for N {
        fn in_use(&self) -> bool {
            self.0 != 0
        }
    }

    #[test]
    fn released_slots_are_reused_last_first_and_skipped_by_live() {
        let mut p: Pool<N> = Pool::default();
        let (a, b, c) = (p.alloc(), p.alloc(), p.alloc());
        assert_eq!((a, b, c), (0, 1, 2));
        p[a] = N(10);
        p[b] = N(11);
        p[c] = N(12);
        p[a] = N(0);
        p.release(a);
        p[c] = N(0);
        p.release(c);
        assert_eq!(p.live().copied().collect::<Vec<_>>(), vec![N(11)]);
        assert_eq!(p.alloc(), c);
        assert_eq!(p.alloc(), a);
        assert_eq!(p.alloc(), 3);
    }
}
