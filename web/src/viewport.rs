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
    /// World box the centre stays in (the network's), so no pan or zoom
    /// can lose the network off screen.
    pub bounds: Option<[f64; 4]>,
}

/// The whole world in 256 pixels.
pub const MIN_SCALE: f64 = 256.0;
/// How far out from the network's fit the view may zoom: the network then
/// spans a quarter of the view, still recognisable as itself.
const ZOOM_OUT_LIMIT: f64 = 4.0;

/// 2^18: about 100 m per pixel in Britain, a town across the map. The
/// basemap is 1:50m, so closer in it would be an empty field.
pub const MAX_SCALE: f64 = 262_144.0;

pub fn to_world(lat: f64, lon: f64) -> (f64, f64) {
    let lat = lat.clamp(-MAX_LAT, MAX_LAT).to_radians();
    let x = (lon + 180.0) / 360.0;
    let y = (1.0 - ((PI / 4.0 + lat / 2.0).tan()).ln() / PI) / 2.0;
    (x, y)
}

/// The world box of lat/lon points: [x0, y0, x1, y1] (None if no points).
fn world_box(points: impl IntoIterator<Item = (f64, f64)>) -> Option<[f64; 4]> {
    let mut b = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
    for (lat, lon) in points {
        let (x, y) = to_world(lat, lon);
        b = [b[0].min(x), b[1].min(y), b[2].max(x), b[3].max(y)];
    }
    (b[0] <= b[2]).then_some(b)
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
            bounds: None,
        }
    }

    /// Keep the centre over the box of `points` (lat, lon) from now on.
    pub fn set_bounds(&mut self, points: impl IntoIterator<Item = (f64, f64)>) {
        self.bounds = world_box(points);
        self.clamp();
    }

    /// The farthest out the view goes: the network a quarter of the view
    /// across ([`ZOOM_OUT_LIMIT`]), or the whole world with no network.
    fn min_scale(&self) -> f64 {
        let Some([x0, y0, x1, y1]) = self.bounds else {
            return MIN_SCALE;
        };
        let (sx, sy) = (x1 - x0, y1 - y0);
        if sx <= 0.0 && sy <= 0.0 {
            return MIN_SCALE;
        }
        let fit = (self.width / sx.max(1e-9)).min(self.height / sy.max(1e-9));
        (fit / ZOOM_OUT_LIMIT).clamp(MIN_SCALE, MAX_SCALE)
    }

    /// Scale within its limits, the centre in the world and in the bounds.
    fn clamp(&mut self) {
        if !(self.scale.is_finite() && self.cx.is_finite() && self.cy.is_finite()) {
            *self = Viewport::new(self.width, self.height);
        }
        self.scale = self.scale.clamp(self.min_scale(), MAX_SCALE);
        self.cy = self.cy.clamp(0.0, 1.0);
        if let Some([x0, y0, x1, y1]) = self.bounds {
            self.cx = self.cx.clamp(x0, x1);
            self.cy = self.cy.clamp(y0, y1);
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
        self.cy -= dy / self.scale;
        self.clamp();
    }

    /// Zoom by `factor` keeping the world point under screen (px, py) fixed.
    pub fn zoom_at(&mut self, px: f64, py: f64, factor: f64) {
        let wx = self.cx + (px - self.width / 2.0) / self.scale;
        let wy = self.cy + (py - self.height / 2.0) / self.scale;
        self.scale = (self.scale * factor).clamp(MIN_SCALE, MAX_SCALE);
        self.cx = wx - (px - self.width / 2.0) / self.scale;
        self.cy = wy - (py - self.height / 2.0) / self.scale;
        self.clamp();
    }

    /// Fit lat/lon points with a margin in pixels.
    pub fn fit(&mut self, points: impl IntoIterator<Item = (f64, f64)>, margin: f64) {
        let points: Vec<_> = points.into_iter().collect();
        let Some([x0, y0, x1, y1]) = world_box(points.iter().copied()) else {
            return;
        };
        self.set_bounds(points);
        self.cx = (x0 + x1) / 2.0;
        self.cy = (y0 + y1) / 2.0;
        let w = (self.width - 2.0 * margin).max(10.0);
        let h = (self.height - 2.0 * margin).max(10.0);
        let span_x = (x1 - x0).max(1e-6);
        let span_y = (y1 - y0).max(1e-6);
        self.scale = (w / span_x).min(h / span_y);
        self.clamp();
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

    /// The UK network's corners.
    const UK: [(f64, f64); 2] = [(50.0, -6.0), (58.0, 2.0)];

    /// Does the network's box overlap the screen?
    fn network_on_screen(v: &Viewport) -> bool {
        let (x0, y0) = v.project(UK[0].0, UK[0].1);
        let (x1, y1) = v.project(UK[1].0, UK[1].1);
        x0.min(x1) <= v.width && x0.max(x1) >= 0.0 && y0.min(y1) <= v.height && y0.max(y1) >= 0.0
    }

    #[test]
    fn no_wheel_pinch_or_pan_loses_the_network_or_the_numbers() {
        // Random sequences, seeded: wheel and pinch steps at random points
        // (fast wheels included), and drags of up to two screens.
        for seq in 0..300 {
            let mut rng = supply_sim::rng::Rng::fork(7, supply_sim::rng::Stream::Demand, seq);
            let mut v = Viewport::new(800.0, 600.0);
            v.fit(UK, 20.0);
            for _ in 0..60 {
                let (px, py) = (rng.f64() * 800.0, rng.f64() * 600.0);
                if rng.f64() < 0.6 {
                    let factor = 2f64.powf(rng.f64() * 6.0 - 3.0);
                    v.zoom_at(px, py, factor);
                } else {
                    v.pan((rng.f64() - 0.5) * 3200.0, (rng.f64() - 0.5) * 2400.0);
                }
                assert!(v.cx.is_finite() && v.cy.is_finite() && v.scale.is_finite());
                assert!((v.min_scale()..=MAX_SCALE).contains(&v.scale));
                assert!(v.min_scale() >= MIN_SCALE);
                assert!(v.km_per_px().is_finite() && v.km_per_px() > 0.0);
                assert!(network_on_screen(&v), "sequence {seq}: {v:?}");
            }
        }
    }

    #[test]
    fn zooming_out_fast_below_the_centre_keeps_the_scale_true() {
        // The reported collapse: in around London, then out hard with the
        // pointer below the centre.
        let mut v = Viewport::new(1440.0, 900.0);
        v.fit(UK, 20.0);
        let km0 = v.km_per_px();
        let (lx, ly) = v.project(51.5, -0.13);
        for _ in 0..8 {
            v.zoom_at(lx, ly, 2.0);
        }
        for _ in 0..12 {
            v.zoom_at(720.0, 880.0, 0.25);
        }
        let lat = to_lat_lon(v.cx, v.cy).0;
        assert!((49.0..=59.0).contains(&lat), "centre at latitude {lat}");
        assert!(v.km_per_px() >= km0, "{} km/px", v.km_per_px());
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
