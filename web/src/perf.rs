//! The `?perf=1` overlay's figures: a rolling window over recent frames.

use supply_sim::time::SimTime;

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct PerfStats {
    pub fps: f64,
    /// Our work per frame (sim step + draw), mean over the window, ms.
    pub frame_ms: f64,
    pub sim_ms: f64,
    pub draw_ms: f64,
    /// Worst frame in the window, ms.
    pub max_frame_ms: f64,
    pub events_per_s: f64,
    pub vehicles: usize,
    pub sim_time: SimTime,
}

#[derive(Default)]
pub struct PerfWindow {
    start_ms: f64,
    frames: u32,
    sim_ms: f64,
    draw_ms: f64,
    max_ms: f64,
    events: u64,
}

impl PerfWindow {
    /// Record one frame; every half second returns fresh stats.
    pub fn frame(
        &mut self,
        now_ms: f64,
        sim_ms: f64,
        draw_ms: f64,
        events: usize,
        vehicles: usize,
        sim_time: SimTime,
    ) -> Option<PerfStats> {
        if self.frames == 0 && self.start_ms == 0.0 {
            self.start_ms = now_ms;
        }
        self.frames += 1;
        self.sim_ms += sim_ms;
        self.draw_ms += draw_ms;
        self.max_ms = self.max_ms.max(sim_ms + draw_ms);
        self.events += events as u64;
        let elapsed = now_ms - self.start_ms;
        if elapsed < 500.0 {
            return None;
        }
        let n = self.frames as f64;
        let stats = PerfStats {
            fps: n * 1000.0 / elapsed,
            frame_ms: (self.sim_ms + self.draw_ms) / n,
            sim_ms: self.sim_ms / n,
            draw_ms: self.draw_ms / n,
            max_frame_ms: self.max_ms,
            events_per_s: self.events as f64 * 1000.0 / elapsed,
            vehicles,
            sim_time,
        };
        *self = PerfWindow {
            start_ms: now_ms,
            ..PerfWindow::default()
        };
        Some(stats)
    }
}
