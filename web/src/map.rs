//! Map canvas. Web Mercator projection of lat/lon onto the canvas.

use supply_sim::geo::{LatLon, haversine_km};
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

#[derive(Clone)]
pub struct Site {
    pub name: &'static str,
    pub at: LatLon,
}

#[derive(Clone)]
pub struct Lane {
    pub from: &'static str,
    pub to: &'static str,
    pub a: LatLon,
    pub b: LatLon,
    pub km: f64,
}

pub fn demo_sites() -> Vec<Site> {
    let s = |name, lat, lon| Site {
        name,
        at: LatLon { lat, lon },
    };
    vec![
        s("Felixstowe", 51.96, 1.35),
        s("Daventry", 52.26, -1.16),
        s("Warrington", 53.39, -2.59),
        s("Glasgow", 55.86, -4.25),
        s("London", 51.51, -0.13),
    ]
}

pub fn demo_lanes(sites: &[Site]) -> Vec<Lane> {
    [(0, 1), (1, 2), (2, 3), (1, 4)]
        .iter()
        .map(|&(i, j)| Lane {
            from: sites[i].name,
            to: sites[j].name,
            a: sites[i].at,
            b: sites[j].at,
            km: haversine_km(sites[i].at, sites[j].at),
        })
        .collect()
}

/// Web Mercator y in "radians" units.
fn merc_y(lat: f64) -> f64 {
    let phi = lat.to_radians();
    (std::f64::consts::FRAC_PI_4 + phi / 2.0).tan().ln()
}

pub fn draw(canvas: &HtmlCanvasElement, sites: &[Site], lanes: &[Lane]) {
    let Some(ctx) = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
    else {
        return;
    };
    let (w, h) = (canvas.width() as f64, canvas.height() as f64);
    ctx.set_fill_style_str("#dbe9f4");
    ctx.fill_rect(0.0, 0.0, w, h);

    // Fit the UK bounding box into the canvas.
    let (lon0, lon1, lat0, lat1): (f64, f64, f64, f64) = (-6.5, 2.5, 50.0, 57.0);
    let (y0, y1) = (merc_y(lat0), merc_y(lat1));
    let sx = w / (lon1 - lon0).to_radians();
    let sy = h / (y1 - y0);
    let s = sx.min(sy);
    let ox = (w - (lon1 - lon0).to_radians() * s) / 2.0;
    let oy = (h - (y1 - y0) * s) / 2.0;
    let px = |p: LatLon| {
        (
            ox + (p.lon - lon0).to_radians() * s,
            h - oy - (merc_y(p.lat) - y0) * s,
        )
    };

    ctx.set_line_width(3.0);
    ctx.set_stroke_style_str("#2f6f4f");
    for l in lanes {
        let (ax, ay) = px(l.a);
        let (bx, by) = px(l.b);
        ctx.begin_path();
        ctx.move_to(ax, ay);
        ctx.line_to(bx, by);
        ctx.stroke();
    }
    ctx.set_font("14px system-ui, sans-serif");
    for site in sites {
        let (x, y) = px(site.at);
        ctx.set_fill_style_str("#c0392b");
        ctx.begin_path();
        let _ = ctx.arc(x, y, 7.0, 0.0, std::f64::consts::TAU);
        ctx.fill();
        ctx.set_fill_style_str("#1b2631");
        let _ = ctx.fill_text(site.name, x + 10.0, y + 5.0);
    }
}
