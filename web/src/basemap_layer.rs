//! The basemap ready to draw: outlines converted once to Mercator world
//! coordinates, so a frame only scales, culls off-screen shapes and skips
//! points closer than a pixel.

use crate::basemap::{Basemap, LonLat};
use crate::viewport::{Viewport, to_world};
use web_sys::CanvasRenderingContext2d as Ctx;

struct Shape {
    /// World bounding box: x0, y0, x1, y1.
    bbox: [f64; 4],
    points: Vec<(f64, f64)>,
}

pub struct BasemapLayer {
    land: Vec<Shape>,
    coast: Vec<Shape>,
    borders: Vec<Shape>,
}

/// The asset, vendored in the repo and compiled into the wasm.
const ASSET: &[u8] = include_bytes!("../assets/basemap.bin");

fn shape(points: &[LonLat]) -> Shape {
    let pts: Vec<(f64, f64)> = points.iter().map(|p| to_world(p.lat, p.lon)).collect();
    let mut bbox = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
    for &(x, y) in &pts {
        bbox = [
            bbox[0].min(x),
            bbox[1].min(y),
            bbox[2].max(x),
            bbox[3].max(y),
        ];
    }
    Shape { bbox, points: pts }
}

impl BasemapLayer {
    pub fn load() -> Result<BasemapLayer, String> {
        Ok(BasemapLayer::new(&crate::basemap::decode(ASSET)?))
    }

    pub fn new(b: &Basemap) -> BasemapLayer {
        BasemapLayer {
            land: b.land.iter().map(|r| shape(&r.points)).collect(),
            coast: b.coast.iter().map(|l| shape(&l.points)).collect(),
            borders: b.borders.iter().map(|l| shape(&l.points)).collect(),
        }
    }

    pub fn draw(&self, ctx: &Ctx, v: &Viewport) {
        ctx.set_fill_style_str("#f4f1e8");
        ctx.begin_path();
        trace(ctx, v, &self.land, true);
        ctx.fill();
        ctx.set_line_width(0.8);
        ctx.set_stroke_style_str("#a9a190");
        ctx.begin_path();
        trace(ctx, v, &self.coast, false);
        ctx.stroke();
        ctx.set_stroke_style_str("#c9bfae");
        ctx.begin_path();
        trace(ctx, v, &self.borders, false);
        ctx.stroke();
    }
}

fn trace(ctx: &Ctx, v: &Viewport, shapes: &[Shape], close: bool) {
    // Visible world window.
    let (hw, hh) = (v.width / 2.0 / v.scale, v.height / 2.0 / v.scale);
    let (x0, y0, x1, y1) = (v.cx - hw, v.cy - hh, v.cx + hw, v.cy + hh);
    for s in shapes {
        if s.bbox[2] < x0 || s.bbox[0] > x1 || s.bbox[3] < y0 || s.bbox[1] > y1 {
            continue;
        }
        // Shapes smaller than a pixel add nothing.
        if (s.bbox[2] - s.bbox[0]).max(s.bbox[3] - s.bbox[1]) * v.scale < 1.0 {
            continue;
        }
        let mut last = (f64::MAX, f64::MAX);
        for (i, &(x, y)) in s.points.iter().enumerate() {
            let (px, py) = v.world_to_screen(x, y);
            if i == 0 {
                ctx.move_to(px, py);
            } else if (px - last.0).abs() + (py - last.1).abs() >= 0.7 || i + 1 == s.points.len() {
                ctx.line_to(px, py);
            } else {
                continue;
            }
            last = (px, py);
        }
        if close {
            ctx.close_path();
        }
    }
}
