//! A pool of reusable records (orders, vehicles, shipments, requests).
//!
//! Ids are small dense indices; a released slot is handed out again (last
//! released first) with its old buffers, so the steady state allocates
//! nothing per event.

use std::ops::{Index, IndexMut};

#[derive(Clone, Debug)]
pub(crate) struct Pool<T> {
    items: Vec<T>,
    live: Vec<bool>,
    free: Vec<u32>,
}

impl<T> Default for Pool<T> {
    fn default() -> Self {
        Pool {
            items: Vec::new(),
            live: Vec::new(),
            free: Vec::new(),
        }
    }
}

impl<T: Default> Pool<T> {
    /// A slot for a new record. A reused slot keeps its old contents: the
    /// caller resets what it needs (and keeps the buffers).
    pub fn alloc(&mut self) -> u32 {
        let id = match self.free.pop() {
            Some(id) => id,
            None => {
                self.items.push(T::default());
                self.live.push(false);
                (self.items.len() - 1) as u32
            }
        };
        self.live[id as usize] = true;
        id
    }
}

impl<T> Pool<T> {
    /// Give slot `id` back.
    pub fn release(&mut self, id: u32) {
        debug_assert!(self.live[id as usize], "released twice: {id}");
        self.live[id as usize] = false;
        self.free.push(id);
    }

    /// Records in use, in id order.
    pub fn live(&self) -> impl Iterator<Item = &T> + '_ {
        self.items
            .iter()
            .zip(&self.live)
            .filter(|(_, live)| **live)
            .map(|(t, _)| t)
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
    use super::Pool;

    #[test]
    fn released_slots_are_reused_last_first_and_skipped_by_live() {
        let mut p: Pool<u32> = Pool::default();
        let (a, b, c) = (p.alloc(), p.alloc(), p.alloc());
        assert_eq!((a, b, c), (0, 1, 2));
        p[a] = 10;
        p[b] = 11;
        p[c] = 12;
        p.release(a);
        p.release(c);
        assert_eq!(p.live().copied().collect::<Vec<_>>(), vec![11]);
        assert_eq!(p.alloc(), c);
        assert_eq!(p.alloc(), a);
        // A reused slot keeps its contents until the caller resets it.
        assert_eq!(p[a], 10);
        assert_eq!(p.alloc(), 3);
    }
}
