//! Heights of a conversation's message rows, for a virtualised view whose rows wrap.
//!
//! Only visible rows are laid out; each one's height is remembered once measured. A row not
//! measured yet counts as one line (most chat lines are), so the scroll bar is exact for what
//! was seen and close for the rest. The total is kept up to date as rows are measured, and
//! the first visible row is found by walking from the nearer end (the bottom, where a chat
//! usually is), so a frame costs what the visible rows cost, not a pass over 100,000. A
//! change of width or text size forgets the measurements, since every wrap changes.

/// The rows of one conversation.
#[derive(Debug, Clone, Default)]
pub(crate) struct RowHeights {
    /// Height of each row including spacing; 0 = not measured.
    heights: Vec<f32>,
    /// What the measurements depend on: column width and line height (bits, for equality).
    measured_for: (u32, u32),
    /// Height of a row not measured yet (one line plus spacing).
    estimate: f32,
    /// Sum and count of the measured heights (so the total costs nothing).
    measured_sum: f64,
    measured_count: usize,
}

impl RowHeights {
    /// Makes room for `rows` rows measured at `width` with lines of `line` points
    /// (spacing included), forgetting measurements made for another width or size.
    pub(crate) fn prepare(&mut self, rows: usize, width: f32, line: f32) {
        let key = (width.round().to_bits(), line.to_bits());
        // Another width or size, or a log that was cleared: start again.
        if key != self.measured_for || rows < self.heights.len() {
            self.measured_for = key;
            self.heights.clear();
            self.measured_sum = 0.0;
            self.measured_count = 0;
        }
        self.estimate = line;
        self.heights.resize(rows, 0.0);
    }

    fn height(&self, height: f32) -> f32 {
        if height > 0.0 { height } else { self.estimate }
    }

    /// The first row that reaches below `y`, and its top; `(rows, total)` when none does.
    pub(crate) fn first_below(&self, y: f32) -> (usize, f32) {
        let total = self.total();
        if y >= total {
            return (self.heights.len(), total);
        }
        if y > total / 2.0 {
            // From the bottom: rows below the view are few when the chat is read at its end.
            let mut bottom = total;
            for (index, height) in self.heights.iter().enumerate().rev() {
                let top = bottom - self.height(*height);
                if top <= y {
                    return (index, top.max(0.0));
                }
                bottom = top;
            }
            return (0, 0.0);
        }
        let mut top = 0.0;
        for (index, height) in self.heights.iter().enumerate() {
            let bottom = top + self.height(*height);
            if bottom > y {
                return (index, top);
            }
            top = bottom;
        }
        (self.heights.len(), top)
    }

    /// Remembers the measured height of row `index`.
    pub(crate) fn set(&mut self, index: usize, height: f32) {
        if let Some(slot) = self.heights.get_mut(index) {
            if *slot > 0.0 {
                self.measured_sum -= f64::from(*slot);
            } else {
                self.measured_count += 1;
            }
            *slot = height;
            self.measured_sum += f64::from(height);
        }
    }

    /// The height of all rows.
    pub(crate) fn total(&self) -> f32 {
        let unmeasured = self.heights.len() - self.measured_count;
        (self.measured_sum + unmeasured as f64 * f64::from(self.estimate)) as f32
    }

    /// The height remembered for row `index`, if measured.
    #[cfg(test)]
    fn measured(&self, index: usize) -> Option<f32> {
        self.heights.get(index).copied().filter(|h| *h > 0.0)
    }
}

#[cfg(test)]
mod tests;
