//! The map's view: Web Mercator world coordinates, pan and zoom.
//!
//! World coordinates are Mercator in [0, 1] × [0, 1] (x east, y south), so a
//! zoom is "CSS pixels per world unit". Display maths only: std floats are fine
//! here (the sim's determinism does not depend on them).

use std::f64::consts::PI;

/// Mercator's usable latitude limit.
const MAX_LAT: f64 = 85.051_128_78;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    /// World coordinate at the centre of the canvas.
    pub cx: f64,
    pub cy: f64,
    /// CSS pixels per world unit.
    pub scale: f64,
    /// Canvas size in CSS pixels.
    pub width: f64,
    pub height: f64,
}

pub const MIN_SCALE: f64 = 256.0;
/// 2^24: about 2 m per pixel.
pub const MAX_SCALE: f64 = 16_777_216.0;

pub fn to_world(lat: f64, lon: f64) -> (f64, f64) {
    let lat = lat.clamp(-MAX_LAT, MAX_LAT).to_radians();
    let x = (lon + 180.0) / 360.0;
    let y = (1.0 - ((PI / 4.0 + lat / 2.0).tan()).ln() / PI) / 2.0;
    (x, y)
}

pub fn to_lat_lon(x: f64, y: f64) -> (f64, f64) {
    let lon = x * 360.0 - 180.0;
    let lat = (PI * (1.0 - 2.0 * y)).sinh().atan().to_degrees();
    (lat, lon)
}

impl Viewport {
    pub fn new(width: f64, height: f64) -> Viewport {
        Viewport {
            cx: 0.5,
            cy: 0.5,
            scale: MIN_SCALE,
            width,
            height,
        }
    }

    /// Canvas CSS pixel of a lat/lon.
    pub fn project(&self, lat: f64, lon: f64) -> (f64, f64) {
        let (x, y) = to_world(lat, lon);
        self.world_to_screen(x, y)
    }

    pub fn world_to_screen(&self, x: f64, y: f64) -> (f64, f64) {
        (
            (x - self.cx) * self.scale + self.width / 2.0,
            (y - self.cy) * self.scale + self.height / 2.0,
        )
    }

    pub fn unproject(&self, px: f64, py: f64) -> (f64, f64) {
        let x = self.cx + (px - self.width / 2.0) / self.scale;
        let y = self.cy + (py - self.height / 2.0) / self.scale;
        to_lat_lon(x, y.clamp(0.0, 1.0))
    }

    /// Move the view by a screen delta (drag the map by dx, dy pixels).
    pub fn pan(&mut self, dx: f64, dy: f64) {
        self.cx -= dx / self.scale;
        self.cy = (self.cy - dy / self.scale).clamp(0.0, 1.0);
    }

    /// Zoom by `factor` keeping the world point under screen (px, py) fixed.
    pub fn zoom_at(&mut self, px: f64, py: f64, factor: f64) {
        let wx = self.cx + (px - self.width / 2.0) / self.scale;
        let wy = self.cy + (py - self.height / 2.0) / self.scale;
        self.scale = (self.scale * factor).clamp(MIN_SCALE, MAX_SCALE);
        self.cx = wx - (px - self.width / 2.0) / self.scale;
        self.cy = wy - (py - self.height / 2.0) / self.scale;
    }

    /// Fit lat/lon points with a margin in pixels.
    pub fn fit(&mut self, points: impl IntoIterator<Item = (f64, f64)>, margin: f64) {
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for (lat, lon) in points {
            let (x, y) = to_world(lat, lon);
            x0 = x0.min(x);
            y0 = y0.min(y);
            x1 = x1.max(x);
            y1 = y1.max(y);
        }
        if x0 > x1 {
            return;
        }
        self.cx = (x0 + x1) / 2.0;
        self.cy = (y0 + y1) / 2.0;
        let w = (self.width - 2.0 * margin).max(10.0);
        let h = (self.height - 2.0 * margin).max(10.0);
        let span_x = (x1 - x0).max(1e-6);
        let span_y = (y1 - y0).max(1e-6);
        self.scale = (w / span_x).min(h / span_y).clamp(MIN_SCALE, MAX_SCALE);
    }

    /// Kilometres per CSS pixel at the view centre (for labels and the scale bar).
    pub fn km_per_px(&self) -> f64 {
        let (lat, _) = to_lat_lon(self.cx, self.cy);
        40_075.016_686 * lat.to_radians().cos() / self.scale
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn project_unproject_round_trips() {
        let mut v = Viewport::new(800.0, 600.0);
        v.fit([(50.0, -6.0), (58.0, 2.0)], 20.0);
        for &(lat, lon) in &[(51.5, -0.13), (55.86, -4.25), (53.4, -2.6)] {
            let (px, py) = v.project(lat, lon);
            let (la, lo) = v.unproject(px, py);
            assert!((la - lat).abs() < 1e-9 && (lo - lon).abs() < 1e-9);
        }
    }

    #[test]
    fn fit_puts_every_point_on_screen_and_north_up() {
        let mut v = Viewport::new(800.0, 600.0);
        v.fit([(50.0, -6.0), (58.0, 2.0)], 20.0);
        let (x0, y0) = v.project(50.0, -6.0);
        let (x1, y1) = v.project(58.0, 2.0);
        for (x, y) in [(x0, y0), (x1, y1)] {
            assert!(
                (19.0..=781.0).contains(&x) && (19.0..=581.0).contains(&y),
                "{x},{y}"
            );
        }
        assert!(y1 < y0, "north is up");
        assert!(x1 > x0, "east is right");
    }

    #[test]
    fn zoom_keeps_the_point_under_the_cursor() {
        let mut v = Viewport::new(800.0, 600.0);
        v.fit([(50.0, -6.0), (58.0, 2.0)], 20.0);
        let before = v.unproject(300.0, 200.0);
        v.zoom_at(300.0, 200.0, 2.0);
        let after = v.unproject(300.0, 200.0);
        assert!((before.0 - after.0).abs() < 1e-9 && (before.1 - after.1).abs() < 1e-9);
        // Zooming at the centre keeps the centre latitude, so scale halves exactly.
        let km = v.km_per_px();
        v.zoom_at(400.0, 300.0, 2.0);
        assert!((v.km_per_px() - km / 2.0).abs() < 1e-9);
    }

    #[test]
    fn pan_moves_the_map_with_the_pointer() {
        let mut v = Viewport::new(800.0, 600.0);
        v.fit([(50.0, -6.0), (58.0, 2.0)], 20.0);
        let (x, y) = v.project(51.5, -0.13);
        v.pan(40.0, -25.0);
        let (x2, y2) = v.project(51.5, -0.13);
        assert!((x2 - x - 40.0).abs() < 1e-6 && (y2 - y + 25.0).abs() < 1e-6);
    }
}
