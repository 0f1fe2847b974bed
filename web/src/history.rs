//! Undo/redo by snapshots. Scenarios are small (kilobytes), so a snapshot per
//! edit is simpler and safer than inverse operations.

pub struct History<T> {
    past: Vec<T>,
    future: Vec<T>,
    limit: usize,
}

impl<T> History<T> {
    pub fn new(limit: usize) -> History<T> {
        History {
            past: Vec::new(),
            future: Vec::new(),
            limit,
        }
    }

    /// Remember the state before an edit; a new edit clears the redo stack.
    pub fn record(&mut self, before: T) {
        self.past.push(before);
        if self.past.len() > self.limit {
            self.past.remove(0);
        }
        self.future.clear();
    }

    /// The state to go back to, given the current one.
    /// Is there an edit to step back over?
    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    /// Is there an undone edit to step forward to?
    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }

    pub fn undo(&mut self, current: T) -> Option<T> {
        let prev = self.past.pop()?;
        self.future.push(current);
        Some(prev)
    }

    pub fn redo(&mut self, current: T) -> Option<T> {
        let next = self.future.pop()?;
        self.past.push(current);
        Some(next)
    }
}

#[cfg(test)]
mod tests {
    use super::History;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn undo_then_redo_walks_back_and_forth() {
        let mut h = History::new(10);
        let mut state = 0;
        for next in 1..=3 {
            h.record(state);
            state = next;
        }
        state = h.undo(state).unwrap();
        state = h.undo(state).unwrap();
        assert_eq!(state, 1);
        state = h.redo(state).unwrap();
        assert_eq!(state, 2);
        // A new edit drops the redo branch.
        h.record(state);
        state = 9;
        assert!(h.redo(state).is_none());
        assert!(!h.can_redo() && h.can_undo());
        assert_eq!(h.undo(state), Some(2));
    }

    #[test]
    fn the_limit_drops_the_oldest_snapshot() {
        let mut h = History::new(2);
        h.record(1);
        h.record(2);
        h.record(3);
        assert_eq!(h.undo(4), Some(3));
        assert_eq!(h.undo(3), Some(2));
        assert_eq!(h.undo(2), None);
    }
}
