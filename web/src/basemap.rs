//! Offline basemap: decodes `web/assets/basemap.bin`, the land and border
//! outlines the map draws under the network.
//!
//! The asset is built by `web/tools/make-basemap.mjs` from Natural Earth
//! (public domain) via the npm package `world-atlas`: 1:50m detail in a
//! Europe window (lon -25..45, lat 34..72) and 1:110m for the rest of the
//! world (lat limited to -85..85). This module is plain `std` Rust: no web
//! types, so it is unit-tested natively and in wasm alike.
//!
//! # Byte format (version 1)
//!
//! All integers are little-endian. `uv` is an unsigned LEB128 varint of at
//! most 5 bytes holding a value below 2^32; `sv` is a zigzag-encoded signed
//! 32-bit value (`(n << 1) ^ (n >> 31)`) stored as a `uv`.
//!
//! ```text
//! file    := header section{section_count} trailer
//! header  := magic "SSBM" (4 bytes)  version:u8 (= 1)  section_count:u8
//! section := scale:u8             Natural Earth scale in millions (50 or 110)
//!            units:uv             coordinate units per degree (1..=1_000_000)
//!            clip:sv{4}           clip box in units: lon_min lat_min lon_max lat_max
//!            ring_count:uv  ring{ring_count}
//!            line_count:uv  line{line_count}
//! ring    := head:uv              (point_count << 1) | is_hole; point_count >= 3
//!            run_count:uv         runs of hidden (not coastline) edges
//!            run{run_count}       gap:uv len:uv, len >= 1: the run covers edges
//!                                 [start, start + len), start = end of the
//!                                 previous run (0 for the first) + gap; runs
//!                                 end at or before point_count
//!            point{point_count}   closed implicitly: edge i joins point i to
//!                                 point (i + 1) % point_count
//! line    := point_count:uv (>= 2)  point{point_count}
//! point   := dlon:sv dlat:sv      delta from the previous point of the same
//!                                 section (its rings, then its lines); the
//!                                 first point of a section is relative to (0, 0)
//! trailer := crc32:u32            CRC-32 (IEEE, as zlib/PNG) of all bytes before it
//! ```
//!
//! Degrees are `value / units`; every point lies within |lon| <= 180 and
//! |lat| <= 90. Land rings are filled (outer rings counter-clockwise in
//! lon/lat with lat up, holes clockwise; rings never overlap, so the nonzero
//! and even-odd rules both work). Coastlines are the ring edges that are not
//! hidden: hidden edges are cuts along a clip box or the antimeridian, which
//! must be filled but never stroked. Borders are the edges shared by two
//! countries.
//!
//! [`decode`] never panics: bad or truncated input is an `Err` that names
//! what is wrong and the byte offset.

use crate::asset_reader::{Header, Reader, TRAILER_LEN, checked_body};
/// First four bytes of the asset.
pub const MAGIC: [u8; 4] = *b"SSBM";
/// The format version this decoder reads.
pub const VERSION: u8 = 1;

const HEADER_LEN: usize = 6;

/// A point in degrees.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LonLat {
    pub lon: f64,
    pub lat: f64,
}

/// An axis-aligned box in degrees (inclusive).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BBox {
    pub min_lon: f64,
    pub min_lat: f64,
    pub max_lon: f64,
    pub max_lat: f64,
}

impl BBox {
    /// The smallest box holding every point (an inverted, empty box for no
    /// points: it contains and intersects nothing).
    pub fn of(points: &[LonLat]) -> BBox {
        let mut b = BBox {
            min_lon: f64::INFINITY,
            min_lat: f64::INFINITY,
            max_lon: f64::NEG_INFINITY,
            max_lat: f64::NEG_INFINITY,
        };
        for p in points {
            b.min_lon = b.min_lon.min(p.lon);
            b.min_lat = b.min_lat.min(p.lat);
            b.max_lon = b.max_lon.max(p.lon);
            b.max_lat = b.max_lat.max(p.lat);
        }
        b
    }

    #[allow(dead_code, reason = "API for the map; used by the tests")]
    pub fn contains(&self, p: LonLat) -> bool {
        p.lon >= self.min_lon
            && p.lon <= self.max_lon
            && p.lat >= self.min_lat
            && p.lat <= self.max_lat
    }
}

/// A closed land ring (the closing point is not repeated).
#[derive(Clone, Debug, PartialEq)]
pub struct Ring {
    pub points: Vec<LonLat>,
    pub bbox: BBox,
    /// A hole (an inland sea such as the Caspian) inside an outer ring.
    pub hole: bool,
}

impl Ring {
    /// Even-odd point-in-ring test (a point exactly on an edge may go
    /// either way).
    #[allow(dead_code, reason = "API for the map; used by the tests")]
    pub fn contains(&self, p: LonLat) -> bool {
        if !self.bbox.contains(p) {
            return false;
        }
        let Some(&last) = self.points.last() else {
            return false;
        };
        let mut inside = false;
        let mut b = last;
        for &a in &self.points {
            if (a.lat > p.lat) != (b.lat > p.lat) {
                let x = a.lon + (p.lat - a.lat) / (b.lat - a.lat) * (b.lon - a.lon);
                if p.lon < x {
                    inside = !inside;
                }
            }
            b = a;
        }
        inside
    }
}

/// An open polyline (a coastline stretch or a border).
#[derive(Clone, Debug, PartialEq)]
pub struct Polyline {
    pub points: Vec<LonLat>,
    pub bbox: BBox,
}

/// Where one level of detail applies.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Section {
    /// Natural Earth scale in millions: 50 (finer) or 110.
    pub scale: u8,
    /// Quantisation: coordinates are multiples of 1 / units_per_degree.
    pub units_per_degree: u32,
    /// The box the section's data was clipped to (for the 1:110m world,
    /// the box around its pieces, which leave out the 1:50m window).
    pub clip: BBox,
}

/// The decoded basemap.
#[derive(Clone, Debug, PartialEq)]
pub struct Basemap {
    pub version: u8,
    pub sections: Vec<Section>,
    /// Land to fill (one path, nonzero or even-odd rule).
    pub land: Vec<Ring>,
    /// Coastlines to stroke: the visible edges of `land`.
    pub coast: Vec<Polyline>,
    /// Country borders to stroke.
    pub borders: Vec<Polyline>,
}

impl Basemap {
    /// Whether a point is on land (even-odd over all rings, so holes count).
    #[allow(dead_code, reason = "API for the map; used by the tests")]
    pub fn is_land(&self, p: LonLat) -> bool {
        self.land.iter().filter(|r| r.contains(p)).count() % 2 == 1
    }

    /// Total number of stored points (land rings plus borders).
    #[allow(dead_code, reason = "API for the map; used by the tests")]
    pub fn point_count(&self) -> usize {
        self.land.iter().map(|r| r.points.len()).sum::<usize>()
            + self.borders.iter().map(|l| l.points.len()).sum::<usize>()
    }
}

/// Decodes the asset. Never panics: any malformed, truncated or corrupted
/// input gives an `Err` naming the problem and its byte offset.
pub fn decode(bytes: &[u8]) -> Result<Basemap, String> {
    let (map, consumed) = decode_counted(bytes)?;
    debug_assert_eq!(consumed, bytes.len());
    Ok(map)
}

/// Decodes and returns the number of bytes read (always the whole input on
/// success).
fn decode_counted(bytes: &[u8]) -> Result<(Basemap, usize), String> {
    let header = Header {
        asset: "basemap",
        magic: MAGIC,
        version: VERSION,
        min_len: HEADER_LEN,
    };
    let body = checked_body(bytes, &header)?;
    let body_len = body.len();
    let mut r = Reader::new(body);
    r.pos = HEADER_LEN;
    let section_count = bytes[5];
    let mut map = Basemap {
        version: VERSION,
        sections: Vec::with_capacity(section_count as usize),
        land: Vec::new(),
        coast: Vec::new(),
        borders: Vec::new(),
    };
    for i in 0..section_count {
        read_section(&mut r, &mut map).map_err(|e| format!("basemap: section {i}: {e}"))?;
    }
    if r.pos != body_len {
        return Err(format!(
            "basemap: {} unexpected bytes at byte {} after the last section",
            body_len - r.pos,
            r.pos
        ));
    }
    Ok((map, r.pos + TRAILER_LEN))
}

fn read_section(r: &mut Reader, map: &mut Basemap) -> Result<(), String> {
    let scale = r.u8("scale")?;
    let at = r.pos;
    let units = r.uv("units per degree")?;
    if units == 0 || units > 1_000_000 {
        return Err(format!(
            "units per degree {units} at byte {at} is not in 1..=1000000"
        ));
    }
    let lon_limit = 180 * i64::from(units);
    let lat_limit = 90 * i64::from(units);
    let to_deg = |v: i64| v as f64 / f64::from(units);

    let at = r.pos;
    let mut clip = [0i64; 4];
    for (k, v) in clip.iter_mut().enumerate() {
        *v = i64::from(r.sv("clip box")?);
        let limit = if k % 2 == 0 { lon_limit } else { lat_limit };
        if v.abs() > limit {
            return Err(format!("clip box value {v} at byte {at} is off the globe"));
        }
    }
    if clip[0] > clip[2] || clip[1] > clip[3] {
        return Err(format!("clip box at byte {at} is inverted"));
    }
    map.sections.push(Section {
        scale,
        units_per_degree: units,
        clip: BBox {
            min_lon: to_deg(clip[0]),
            min_lat: to_deg(clip[1]),
            max_lon: to_deg(clip[2]),
            max_lat: to_deg(clip[3]),
        },
    });

    // Running position for delta decoding, across the whole section.
    let mut cur = (0i64, 0i64);
    let mut point = |r: &mut Reader| -> Result<LonLat, String> {
        let at = r.pos;
        cur.0 += i64::from(r.sv("longitude delta")?);
        cur.1 += i64::from(r.sv("latitude delta")?);
        if cur.0.abs() > lon_limit || cur.1.abs() > lat_limit {
            return Err(format!(
                "point at byte {at} is off the globe ({}, {})",
                to_deg(cur.0),
                to_deg(cur.1)
            ));
        }
        Ok(LonLat {
            lon: to_deg(cur.0),
            lat: to_deg(cur.1),
        })
    };

    // A ring takes at least 8 bytes (head, run count, three 2-byte points).
    let ring_count = r.count("ring count", 8)?;
    map.land.reserve(ring_count);
    for _ in 0..ring_count {
        let at = r.pos;
        let head = r.uv("ring head")?;
        let n = (head >> 1) as usize;
        let hole = head & 1 == 1;
        if n < 3 {
            return Err(format!(
                "ring at byte {at} has {n} points (3 or more needed)"
            ));
        }
        r.ensure(n, 2, "ring points", at)?;
        let hidden = read_hidden_edges(r, n, at)?;
        let mut points = Vec::with_capacity(n);
        for _ in 0..n {
            points.push(point(r)?);
        }
        coastlines(&points, &hidden, &mut map.coast);
        map.land.push(Ring {
            bbox: BBox::of(&points),
            points,
            hole,
        });
    }

    // A line takes at least 5 bytes (count, two 2-byte points).
    let line_count = r.count("line count", 5)?;
    map.borders.reserve(line_count);
    for _ in 0..line_count {
        let at = r.pos;
        let n = r.uv("line point count")? as usize;
        if n < 2 {
            return Err(format!(
                "line at byte {at} has {n} points (2 or more needed)"
            ));
        }
        r.ensure(n, 2, "line points", at)?;
        let mut points = Vec::with_capacity(n);
        for _ in 0..n {
            points.push(point(r)?);
        }
        map.borders.push(Polyline {
            bbox: BBox::of(&points),
            points,
        });
    }
    Ok(())
}

/// Which of a ring's `n` edges (the ring starts at byte `at`) are hidden
/// (clip edges, not coastline): runs of (gap, length).
fn read_hidden_edges(r: &mut Reader, n: usize, at: usize) -> Result<Vec<bool>, String> {
    let runs_at = r.pos;
    let run_count = r.count("hidden-edge run count", 2)?;
    if run_count > n {
        return Err(format!(
            "ring at byte {at} has {run_count} hidden-edge runs for {n} edges (at byte {runs_at})"
        ));
    }
    let mut hidden = vec![false; n];
    let mut end = 0usize;
    for _ in 0..run_count {
        let at = r.pos;
        let gap = r.uv("hidden-edge gap")? as usize;
        let len = r.uv("hidden-edge length")? as usize;
        let start = end.saturating_add(gap);
        let stop = start.saturating_add(len);
        if len == 0 || stop > n {
            return Err(format!(
                "hidden-edge run at byte {at} (edges {start}..{stop}) does not fit a ring of {n} edges"
            ));
        }
        hidden[start..stop].fill(true);
        end = stop;
    }
    Ok(hidden)
}

/// Splits a ring into polylines along its visible (not hidden) edges.
fn coastlines(points: &[LonLat], hidden: &[bool], out: &mut Vec<Polyline>) {
    let n = points.len();
    let Some(first_hidden) = hidden.iter().position(|&h| h) else {
        let mut line = points.to_vec();
        line.push(points[0]);
        out.push(Polyline {
            bbox: BBox::of(points),
            points: line,
        });
        return;
    };
    // Start just after a hidden edge so no stretch wraps past the start.
    let start = first_hidden + 1;
    let mut line: Vec<LonLat> = Vec::new();
    let mut flush = |line: &mut Vec<LonLat>| {
        if line.len() >= 2 {
            let points = std::mem::take(line);
            out.push(Polyline {
                bbox: BBox::of(&points),
                points,
            });
        }
        line.clear();
    };
    for k in 0..n {
        let e = (start + k) % n;
        if hidden[e] {
            flush(&mut line);
        } else {
            if line.is_empty() {
                line.push(points[e]);
            }
            line.push(points[(e + 1) % n]);
        }
    }
    flush(&mut line);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::asset_reader::crc32;
    // wasm-bindgen-test does not collect plain `#[test]` functions on wasm32
    // (see its README); there, `#[test]` below means `#[wasm_bindgen_test]`,
    // which runs in Node. Natively it is the ordinary libtest attribute.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    const ASSET: &[u8] = include_bytes!("../assets/basemap.bin");

    fn asset() -> Basemap {
        decode(ASSET).expect("the vendored basemap decodes")
    }

    fn ll(lat: f64, lon: f64) -> LonLat {
        LonLat { lon, lat }
    }

    // ---- a small encoder for hand-made samples ----

    struct W(Vec<u8>);

    impl W {
        fn uv(&mut self, mut v: u32) {
            loop {
                let b = (v & 0x7f) as u8;
                v >>= 7;
                if v == 0 {
                    self.0.push(b);
                    return;
                }
                self.0.push(b | 0x80);
            }
        }
        fn sv(&mut self, v: i32) {
            self.uv(((v << 1) ^ (v >> 31)) as u32);
        }
    }

    struct SampleRing {
        hole: bool,
        runs: Vec<(u32, u32)>, // (gap, len)
        points: Vec<(i32, i32)>,
    }

    struct SampleSection {
        scale: u8,
        units: u32,
        clip: [i32; 4],
        rings: Vec<SampleRing>,
        lines: Vec<Vec<(i32, i32)>>,
    }

    fn encode(version: u8, sections: &[SampleSection]) -> Vec<u8> {
        let mut w = W(MAGIC.to_vec());
        w.0.push(version);
        w.0.push(sections.len() as u8);
        for s in sections {
            w.0.push(s.scale);
            w.uv(s.units);
            for v in s.clip {
                w.sv(v);
            }
            let mut cur = (0, 0);
            let mut point = |w: &mut W, p: (i32, i32)| {
                w.sv(p.0 - cur.0);
                w.sv(p.1 - cur.1);
                cur = p;
            };
            w.uv(s.rings.len() as u32);
            for r in &s.rings {
                w.uv(((r.points.len() as u32) << 1) | u32::from(r.hole));
                w.uv(r.runs.len() as u32);
                for &(gap, len) in &r.runs {
                    w.uv(gap);
                    w.uv(len);
                }
                for &p in &r.points {
                    point(&mut w, p);
                }
            }
            w.uv(s.lines.len() as u32);
            for l in &s.lines {
                w.uv(l.len() as u32);
                for &p in l {
                    point(&mut w, p);
                }
            }
        }
        seal(w.0)
    }

    /// Appends the CRC trailer.
    fn seal(mut body: Vec<u8>) -> Vec<u8> {
        let crc = crc32(&body);
        body.extend_from_slice(&crc.to_le_bytes());
        body
    }

    /// Recomputes the trailer of an already sealed file.
    fn reseal(bytes: &[u8]) -> Vec<u8> {
        seal(bytes[..bytes.len().saturating_sub(4)].to_vec())
    }

    fn sample_sections() -> Vec<SampleSection> {
        vec![
            SampleSection {
                scale: 50,
                units: 1000,
                clip: [-25_000, 34_000, 45_000, 72_000],
                rings: vec![
                    // A square cut by the clip box's west side: edge 3
                    // (from the last point back to the first) is hidden.
                    SampleRing {
                        hole: false,
                        runs: vec![(3, 1)],
                        points: vec![
                            (-25_000, 50_000),
                            (-20_000, 50_000),
                            (-20_000, 55_000),
                            (-25_000, 55_000),
                        ],
                    },
                    SampleRing {
                        hole: false,
                        runs: vec![],
                        points: vec![(0, 40_000), (1_000, 40_000), (1_000, 41_000)],
                    },
                    SampleRing {
                        hole: true,
                        runs: vec![],
                        points: vec![(-23_000, 52_000), (-23_000, 53_000), (-22_000, 53_000)],
                    },
                ],
                lines: vec![vec![(5_000, 45_000), (6_000, 46_000), (7_000, 45_500)]],
            },
            SampleSection {
                scale: 110,
                units: 100,
                clip: [-18_000, -8_500, 18_000, 8_500],
                rings: vec![SampleRing {
                    hole: false,
                    runs: vec![(0, 1), (1, 1)],
                    points: vec![(17_000, 0), (18_000, 0), (18_000, 100), (17_500, 200)],
                }],
                lines: vec![],
            },
        ]
    }

    fn sample() -> Vec<u8> {
        encode(VERSION, &sample_sections())
    }

    /// Deterministic xorshift, so failures reproduce.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    // ---- the vendored asset ----

    #[test]
    fn asset_header_version_matches_decoder() {
        assert_eq!(ASSET[..4], MAGIC);
        assert_eq!(ASSET[4], VERSION, "rebuild the asset or update the decoder");
        assert_eq!(asset().version, VERSION);
    }

    #[test]
    fn asset_is_read_to_the_last_byte() {
        let (_, consumed) = decode_counted(ASSET).unwrap();
        assert_eq!(consumed, ASSET.len());
    }

    #[test]
    fn asset_sections_are_50m_europe_and_110m_world() {
        let m = asset();
        assert_eq!(m.sections.len(), 2);
        let eu = m.sections[0];
        assert_eq!((eu.scale, eu.units_per_degree), (50, 1000));
        assert_eq!(
            eu.clip,
            BBox {
                min_lon: -25.0,
                min_lat: 34.0,
                max_lon: 45.0,
                max_lat: 72.0
            }
        );
        let world = m.sections[1];
        assert_eq!(world.scale, 110);
        assert!(world.clip.min_lon <= -179.9 && world.clip.max_lon >= 179.9);
    }

    #[test]
    fn asset_counts_are_in_expected_ranges() {
        let m = asset();
        assert!(
            (200..2000).contains(&m.land.len()),
            "{} land rings",
            m.land.len()
        );
        assert!(
            (100..1000).contains(&m.borders.len()),
            "{} border lines",
            m.borders.len()
        );
        assert!(m.coast.len() >= 200, "{} coast lines", m.coast.len());
        let n = m.point_count();
        assert!((8_000..60_000).contains(&n), "{n} points");
        assert!(ASSET.len() < 150_000, "asset is {} bytes", ASSET.len());
    }

    #[test]
    fn great_britain_outline_is_there() {
        let m = asset();
        // Mainland Great Britain: Land's End/Ardnamurchan to Lowestoft, the
        // Lizard to Dunnet Head. Its box is lon -6.2..1.8, lat 50.0..58.7.
        let gb: Vec<&Ring> = m
            .land
            .iter()
            .filter(|r| {
                let b = r.bbox;
                !r.hole
                    && (-6.6..=-5.5).contains(&b.min_lon)
                    && (1.5..=2.0).contains(&b.max_lon)
                    && (49.8..=50.2).contains(&b.min_lat)
                    && (58.4..=58.9).contains(&b.max_lat)
            })
            .collect();
        assert_eq!(gb.len(), 1, "exactly one ring shaped like Great Britain");
        let gb = gb[0];
        assert!(gb.points.len() >= 300, "GB has {} points", gb.points.len());
        for (name, p) in [
            ("London", ll(51.51, -0.13)),
            ("Glasgow", ll(55.86, -4.25)),
            ("Birmingham", ll(52.48, -1.90)),
            ("Daventry", ll(52.26, -1.16)),
            ("Inverness", ll(57.48, -4.22)),
        ] {
            assert!(gb.contains(p), "{name} inside the GB ring");
            assert!(m.is_land(p), "{name} on land");
        }
        for (name, p) in [
            ("Athlone", ll(53.42, -7.94)),
            ("Irish Sea", ll(53.5, -5.0)),
            ("North Sea", ll(55.0, 3.0)),
            ("Paris", ll(48.86, 2.35)),
        ] {
            assert!(!gb.contains(p), "{name} outside the GB ring");
        }
    }

    #[test]
    fn land_and_sea_where_expected() {
        let m = asset();
        for (name, p) in [
            ("Athlone", ll(53.42, -7.94)),
            ("Paris", ll(48.86, 2.35)),
            ("Moscow", ll(55.75, 37.62)),
            ("Sahara", ll(25.0, 10.0)),
            ("Kansas", ll(38.5, -98.0)),
            ("Siberia", ll(62.0, 100.0)),
            ("Australia", ll(-25.0, 134.0)),
            ("Brazil", ll(-10.0, -50.0)),
            ("Antarctica", ll(-80.0, 0.0)),
            // Natural Earth's coast meets the antimeridian at -84.71.
            ("Antarctica east of the antimeridian", ll(-84.9, -179.95)),
            ("Antarctica west of the antimeridian", ll(-84.9, 179.95)),
            ("Chukotka", ll(67.0, 175.0)),
        ] {
            assert!(m.is_land(p), "{name} should be land");
        }
        for (name, p) in [
            ("Irish Sea", ll(53.5, -5.0)),
            ("North Sea", ll(55.0, 3.0)),
            ("Bay of Biscay", ll(45.5, -5.0)),
            ("Mediterranean", ll(35.5, 18.0)),
            ("Atlantic", ll(30.0, -40.0)),
            ("Pacific", ll(0.0, -150.0)),
            ("Caspian (a hole)", ll(42.0, 51.0)),
            ("Norwegian Sea", ll(70.5, 5.0)),
            ("Bering Sea", ll(58.0, -175.0)),
            ("Arctic Ocean", ll(80.0, -150.0)),
            ("Southern Ocean", ll(-60.0, 0.0)),
        ] {
            assert!(!m.is_land(p), "{name} should be sea");
        }
    }

    #[test]
    fn island_of_ireland_border_is_a_line() {
        let m = asset();
        let border = m.borders.iter().any(|l| {
            let b = l.bbox;
            b.min_lon > -8.4
                && b.max_lon < -5.9
                && b.min_lat > 53.9
                && b.max_lat < 55.3
                && l.points.len() >= 10
        });
        assert!(
            border,
            "the Northern Ireland border should be a border line"
        );
    }

    #[test]
    fn bboxes_hold_their_points_and_coordinates_are_on_the_globe() {
        let m = asset();
        let lines = m.coast.iter().chain(&m.borders);
        for (points, bbox) in m
            .land
            .iter()
            .map(|r| (&r.points, r.bbox))
            .chain(lines.map(|l| (&l.points, l.bbox)))
        {
            assert_eq!(bbox, BBox::of(points));
            for p in points {
                assert!(bbox.contains(*p));
                assert!(p.lon.abs() <= 180.0 && p.lat.abs() <= 85.0, "{p:?}");
            }
        }
    }

    #[test]
    fn rings_are_oriented_outer_ccw_holes_cw() {
        for r in asset().land {
            let n = r.points.len();
            let area2: f64 = (0..n)
                .map(|i| {
                    let (a, b) = (r.points[i], r.points[(i + 1) % n]);
                    a.lon * b.lat - b.lon * a.lat
                })
                .sum();
            assert_eq!(area2 < 0.0, r.hole, "ring {:?} area {area2}", r.bbox);
        }
    }

    #[test]
    fn coastlines_never_run_along_clip_edges() {
        let m = asset();
        let eu = m.sections[0].clip;
        let cut = |a: LonLat, b: LonLat| {
            [eu.min_lon, eu.max_lon, -180.0, 180.0]
                .iter()
                .any(|&x| a.lon == x && b.lon == x)
                || [eu.min_lat, eu.max_lat, -85.0, 85.0]
                    .iter()
                    .any(|&y| a.lat == y && b.lat == y)
        };
        for l in &m.coast {
            for w in l.points.windows(2) {
                assert!(!cut(w[0], w[1]), "coast segment along a cut: {:?}", w);
            }
        }
        // ...while the land rings do have such edges (the window is cut).
        let cut_edges = m
            .land
            .iter()
            .flat_map(|r| {
                (0..r.points.len()).map(move |i| (r.points[i], r.points[(i + 1) % r.points.len()]))
            })
            .filter(|&(a, b)| cut(a, b))
            .count();
        assert!(cut_edges > 10, "{cut_edges} cut edges");
    }

    #[test]
    fn no_stroke_jumps_across_the_map() {
        // Rings stitched across the antimeridian must have been cut there,
        // not drawn as lines spanning the whole world. (The longest real
        // segment is the 1:110m US-Canada border along 49N, 28 degrees.)
        let m = asset();
        for l in m.coast.iter().chain(&m.borders) {
            for w in l.points.windows(2) {
                let d = (w[1].lon - w[0].lon).abs().max((w[1].lat - w[0].lat).abs());
                assert!(d < 40.0, "segment {:?} is {d} degrees long", w);
            }
        }
    }

    #[test]
    fn truncated_or_flipped_asset_is_an_error() {
        for len in (0..ASSET.len()).step_by(997).chain([ASSET.len() - 1]) {
            assert!(decode(&ASSET[..len]).is_err(), "prefix of {len} bytes");
        }
        let mut rng = Rng(0x5eed_ba5e);
        for _ in 0..50 {
            let mut b = ASSET.to_vec();
            let i = rng.below(b.len());
            b[i] ^= 1 << rng.below(8);
            assert!(decode(&b).is_err(), "flip at byte {i}");
        }
    }

    #[test]
    fn corrupted_asset_with_valid_checksum_never_panics() {
        let mut rng = Rng(0xc0ff_ee00_1234);
        for _ in 0..40 {
            let mut b = ASSET.to_vec();
            for _ in 0..1 + rng.below(4) {
                let i = HEADER_LEN + rng.below(b.len() - HEADER_LEN - 4);
                b[i] = rng.next() as u8;
            }
            let _ = decode(&reseal(&b));
        }
    }

    // ---- hand-made samples ----

    #[test]
    fn sample_round_trips() {
        let m = decode(&sample()).unwrap();
        assert_eq!(m.sections.len(), 2);
        assert_eq!(m.sections[1].units_per_degree, 100);
        assert_eq!(m.land.len(), 4);
        assert_eq!(m.borders.len(), 1);
        let sq = &m.land[0];
        assert_eq!(sq.points[1], ll(50.0, -20.0));
        assert_eq!(
            sq.bbox,
            BBox {
                min_lon: -25.0,
                min_lat: 50.0,
                max_lon: -20.0,
                max_lat: 55.0
            }
        );
        assert!(m.land[2].hole);
        assert!(m.is_land(ll(51.0, -21.0)));
        assert!(!m.is_land(ll(52.8, -22.8)), "inside the hole");
        // Square: edges 0..3 visible as one line of 4 points; triangle and
        // hole: closed lines of 4 points; the last ring: edges 0 and 2
        // hidden, so edges 1 and 3 are separate lines.
        let coast: Vec<usize> = m.coast.iter().map(|l| l.points.len()).collect();
        assert_eq!(coast, vec![4, 4, 4, 2, 2]);
        assert_eq!(m.coast[0].points[0], ll(50.0, -25.0));
        assert_eq!(m.coast[0].points[3], ll(55.0, -25.0));
        assert_eq!(m.borders[0].points[2], ll(45.5, 7.0));
        assert_eq!(m.land[3].points[1], ll(0.0, 180.0));
    }

    #[test]
    fn every_prefix_of_a_sample_is_an_error() {
        let s = sample();
        for len in 0..s.len() {
            let e = decode(&s[..len]).unwrap_err();
            assert!(e.contains("byte"), "{e}");
        }
        // Also without the checksum to stop it: cut the body, reseal.
        for len in HEADER_LEN..s.len() - 4 {
            let e = decode(&seal(s[..len].to_vec())).unwrap_err();
            assert!(e.contains("byte"), "{e}");
        }
    }

    #[test]
    fn every_byte_flip_of_a_sample_is_an_error() {
        let s = sample();
        for i in 0..s.len() {
            for bit in 0..8 {
                let mut b = s.clone();
                b[i] ^= 1 << bit;
                assert!(decode(&b).is_err(), "flip bit {bit} of byte {i}");
            }
        }
    }

    #[test]
    fn random_corruption_with_valid_checksum_never_panics() {
        let s = sample();
        let mut rng = Rng(42);
        let mut errs = 0;
        for _ in 0..20_000 {
            let mut b = s.clone();
            for _ in 0..1 + rng.below(3) {
                let i = rng.below(b.len() - 4);
                b[i] = rng.next() as u8;
            }
            if rng.below(4) == 0 {
                let cut = rng.below(b.len());
                b.truncate(cut.max(4));
            }
            if decode(&reseal(&b)).is_err() {
                errs += 1;
            }
        }
        assert!(errs > 1000, "corruption should usually be caught ({errs})");
    }

    #[test]
    fn specific_errors_name_the_problem_and_offset() {
        let err = |b: &[u8]| decode(b).unwrap_err();
        assert!(err(b"").contains("too short"));
        assert!(err(b"PNG\x89\x01\x00\0\0\0\0").contains("bad magic at byte 0"));

        let v2 = encode(2, &sample_sections());
        assert!(err(&v2).contains("unsupported version 2 at byte 4"));

        let mut s = sample();
        let n = s.len();
        s[n - 1] ^= 0xff;
        assert!(err(&s).contains(&format!("checksum mismatch at byte {}", n - 4)));

        // Trailing garbage after the last section.
        let mut body = sample();
        body.truncate(body.len() - 4);
        body.push(0);
        let e = err(&seal(body));
        assert!(e.contains("1 unexpected bytes at byte"), "{e}");

        // A ring count far larger than the data.
        let mut w = W(MAGIC.to_vec());
        w.0.extend([VERSION, 1, 50]);
        w.uv(1000);
        for _ in 0..4 {
            w.sv(0);
        }
        w.uv(u32::MAX);
        let e = err(&seal(w.0));
        assert!(
            e.contains("ring count at byte 13") && e.contains("cannot fit"),
            "{e}"
        );

        // Zero units per degree.
        let mut w = W(MAGIC.to_vec());
        w.0.extend([VERSION, 1, 50, 0]);
        let e = err(&seal(w.0));
        assert!(e.contains("units per degree 0 at byte 7"), "{e}");

        // A point off the globe.
        let mut sections = sample_sections();
        sections[0].lines[0][1] = (181_000, 0);
        let e = err(&encode(VERSION, &sections));
        assert!(e.contains("off the globe"), "{e}");

        // A hidden-edge run past the ring's end.
        let mut sections = sample_sections();
        sections[0].rings[0].runs = vec![(2, 3)];
        let e = err(&encode(VERSION, &sections));
        assert!(e.contains("does not fit a ring of 4 edges"), "{e}");

        // A ring of two points.
        let mut sections = sample_sections();
        sections[0].rings[1].points.pop();
        let e = err(&encode(VERSION, &sections));
        assert!(e.contains("has 2 points"), "{e}");

        // An overlong varint.
        let mut w = W(MAGIC.to_vec());
        w.0.extend([VERSION, 1, 50, 0xff, 0xff, 0xff, 0xff, 0x7f]);
        let e = err(&seal(w.0));
        assert!(e.contains("varint longer than 32 bits"), "{e}");
    }

    #[test]
    fn crc_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xcbf4_3926);
    }
}
