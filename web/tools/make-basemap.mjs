#!/usr/bin/env node
// make-basemap.mjs: builds web/assets/basemap.bin, the offline basemap.
//
// Source: Natural Earth (public domain) via the npm package `world-atlas`
// (TopoJSON), decoded with `topojson-client`. Both are pinned devDependencies
// in the root package.json. Run from anywhere:
//
//     node web/tools/make-basemap.mjs [output path]
//
// The output is deterministic: the same inputs give byte-identical output.
// The decoder is web/src/basemap.rs; keep the two in step (bump VERSION on
// any change to the format).
//
// What goes in
// ------------
// * A Europe window (lon -25..45, lat 34..72) from countries-50m: land
//   polygons and the country-border mesh, clipped to the window, coordinates
//   in 1/1000 degree.
// * The rest of the world from countries-110m, clipped to four rectangles
//   that tile the world outside the Europe window (lat limited to -85..85,
//   the useful Web Mercator range), coordinates in 1/100 degree.
// Land polygons are meant to be filled; coastlines are their edges except
// the "hidden" ones that lie along a clip rectangle (or along the
// antimeridian / latitude limit where Natural Earth itself cuts). Borders are
// the mesh of edges shared by two different countries (no coastlines), drawn
// as polylines.
//
// Byte format (version 1)
// -----------------------
// All integers are little-endian. `uv` is an unsigned LEB128 varint of at
// most 5 bytes holding a value < 2^32; `sv` is a zigzag-encoded signed value
// ((n << 1) ^ (n >> 31)) stored as a `uv`.
//
//   file    := header section{section_count} trailer
//   header  := magic:"SSBM" (4 bytes) version:u8 (=1) section_count:u8
//   section := scale:u8            Natural Earth scale in millions (50 or 110)
//              units:uv            coordinate units per degree (1..=1_000_000)
//              clip:sv{4}          clip box, in units: lon_min lat_min lon_max lat_max
//              ring_count:uv  ring{ring_count}
//              line_count:uv  line{line_count}
//   ring    := head:uv             (point_count << 1) | is_hole, point_count >= 3
//              run_count:uv        runs of hidden (not coastline) edges
//              run{run_count}      gap:uv len:uv (len >= 1); the run covers
//                                  edges [start, start+len) with start = end of
//                                  the previous run (0 for the first) + gap;
//                                  the last run ends at or before point_count
//              point{point_count}  the ring is closed implicitly: edge i joins
//                                  point i to point (i+1) % point_count
//   line    := point_count:uv (>= 2)  point{point_count}
//   point   := dlon:sv dlat:sv     delta from the previous point in the same
//                                  section (rings first, then lines); the
//                                  first point of a section is relative to (0, 0)
//   trailer := crc32:u32           CRC-32 (IEEE 802.3, as in zlib/PNG) of every
//                                  byte before it
//
// Degrees = units value / units-per-degree; every point lies within
// |lon| <= 180, |lat| <= 90. Outer rings are counter-clockwise in (lon, lat)
// with lat pointing up, holes clockwise, and rings of one layer never
// overlap, so either the nonzero or the even-odd fill rule fills land.

import { createRequire } from "node:module";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import topojson from "topojson-client";

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const OUT = resolve(process.argv[2] ?? resolve(here, "../assets/basemap.bin"));

const VERSION = 1;
const LAT_LIMIT = 85;
const EUROPE = { lonMin: -25, latMin: 34, lonMax: 45, latMax: 72 };
const WORLD_RECTS = [
  { lonMin: -180, latMin: -LAT_LIMIT, lonMax: EUROPE.lonMin, latMax: LAT_LIMIT }, // Americas, Atlantic
  { lonMin: EUROPE.lonMax, latMin: -LAT_LIMIT, lonMax: 180, latMax: LAT_LIMIT }, // Asia, Oceania
  { lonMin: EUROPE.lonMin, latMin: -LAT_LIMIT, lonMax: EUROPE.lonMax, latMax: EUROPE.latMin }, // Africa
  { lonMin: EUROPE.lonMin, latMin: EUROPE.latMax, lonMax: EUROPE.lonMax, latMax: LAT_LIMIT }, // Arctic
];

// Douglas-Peucker tolerance per section, in degrees (0 = keep every vertex
// that survives quantisation). The sources are already generalised for their
// scale, so only a light pass is needed to stay within budget.
const SECTIONS = [
  { file: "countries-50m.json", scale: 50, units: 1000, rects: [EUROPE], tolerance: 0.004 },
  { file: "countries-110m.json", scale: 110, units: 100, rects: WORLD_RECTS, tolerance: 0.02 },
];

// ---------------------------------------------------------------- geometry

// Natural Earth cuts at the antimeridian; TopoJSON dequantisation leaves
// those vertices a hair off +-180. Snap them so they count as cut edges.
function snap([lon, lat]) {
  if (Math.abs(lon - 180) < 1e-6) lon = 180;
  if (Math.abs(lon + 180) < 1e-6) lon = -180;
  return [lon, lat];
}

// world-atlas stitches polygons across the antimeridian (its rings are
// spherical), so a ring can jump from lon 179.x to -179.x in one edge, and
// Antarctica's ring goes once around the South Pole. Make the longitudes
// continuous instead (they may then leave -180..180), and close a ring that
// goes round a pole along that pole's latitude. The caller clips the result
// against copies of each rectangle shifted by multiples of 360 degrees.
function unwrapRing(ring) {
  const out = [ring[0]];
  let off = 0;
  for (let k = 1; k < ring.length; k++) {
    const d = ring[k][0] - ring[k - 1][0];
    if (d > 180) off -= 360;
    else if (d < -180) off += 360;
    out.push([ring[k][0] + off, ring[k][1]]);
  }
  const d = ring[0][0] - ring[ring.length - 1][0];
  const net = off + (d > 180 ? -360 : d < -180 ? 360 : 0);
  if (net !== 0) {
    const meanLat = ring.reduce((s, p) => s + p[1], 0) / ring.length;
    const pole = meanLat < 0 ? -90 : 90;
    const [lon0, lat0] = ring[0];
    out.push([lon0 + net, lat0], [lon0 + net, pole], [lon0, pole]);
  }
  return out;
}

function shiftRect(r, dx) {
  return { lonMin: r.lonMin + dx, latMin: r.latMin, lonMax: r.lonMax + dx, latMax: r.latMax };
}

// Splits a polyline where it jumps across the antimeridian.
function splitAtAntimeridian(line) {
  const out = [[line[0]]];
  for (let k = 1; k < line.length; k++) {
    if (Math.abs(line[k][0] - line[k - 1][0]) > 180) out.push([]);
    out[out.length - 1].push(line[k]);
  }
  return out.filter((l) => l.length >= 2);
}

// Sutherland-Hodgman clip of a closed ring (no repeated closing point)
// against an axis-aligned rectangle. Intersections are placed exactly on the
// boundary value so that clip edges can be recognised after quantisation.
function clipRing(ring, r) {
  const sides = [
    { inside: (p) => p[0] >= r.lonMin, cut: (a, b) => atLon(a, b, r.lonMin) },
    { inside: (p) => p[0] <= r.lonMax, cut: (a, b) => atLon(a, b, r.lonMax) },
    { inside: (p) => p[1] >= r.latMin, cut: (a, b) => atLat(a, b, r.latMin) },
    { inside: (p) => p[1] <= r.latMax, cut: (a, b) => atLat(a, b, r.latMax) },
  ];
  let pts = ring;
  for (const side of sides) {
    if (pts.length === 0) break;
    const out = [];
    for (let i = 0; i < pts.length; i++) {
      const cur = pts[i];
      const prev = pts[(i + pts.length - 1) % pts.length];
      const ci = side.inside(cur);
      const pi = side.inside(prev);
      if (ci) {
        if (!pi) out.push(side.cut(prev, cur));
        out.push(cur);
      } else if (pi) {
        out.push(side.cut(prev, cur));
      }
    }
    pts = out;
  }
  return pts;
}

function atLon(a, b, lon) {
  const t = (lon - a[0]) / (b[0] - a[0]);
  return [lon, a[1] + t * (b[1] - a[1])];
}

function atLat(a, b, lat) {
  const t = (lat - a[1]) / (b[1] - a[1]);
  return [a[0] + t * (b[0] - a[0]), lat];
}

// Liang-Barsky clip of one segment; returns [p, q] or null.
function clipSegment(a, b, r) {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  let t0 = 0;
  let t1 = 1;
  const checks = [
    [-dx, a[0] - r.lonMin],
    [dx, r.lonMax - a[0]],
    [-dy, a[1] - r.latMin],
    [dy, r.latMax - a[1]],
  ];
  for (const [p, q] of checks) {
    if (p === 0) {
      if (q < 0) return null;
    } else {
      const t = q / p;
      if (p < 0) {
        if (t > t1) return null;
        if (t > t0) t0 = t;
      } else {
        if (t < t0) return null;
        if (t < t1) t1 = t;
      }
    }
  }
  const at = (t) => {
    if (t === 0) return a;
    if (t === 1) return b;
    let x = a[0] + t * dx;
    let y = a[1] + t * dy;
    // Land exactly on the boundary it was cut at.
    x = Math.min(Math.max(x, r.lonMin), r.lonMax);
    y = Math.min(Math.max(y, r.latMin), r.latMax);
    return [x, y];
  };
  return [at(t0), at(t1)];
}

// Clip an open polyline; returns a list of polylines inside the rectangle.
function clipLine(line, r) {
  const out = [];
  let cur = null;
  for (let i = 0; i + 1 < line.length; i++) {
    const seg = clipSegment(line[i], line[i + 1], r);
    if (!seg) {
      if (cur) out.push(cur);
      cur = null;
      continue;
    }
    const [p, q] = seg;
    if (cur && cur[cur.length - 1][0] === p[0] && cur[cur.length - 1][1] === p[1]) {
      cur.push(q);
    } else {
      if (cur) out.push(cur);
      cur = [p, q];
    }
    if (q !== line[i + 1]) {
      out.push(cur);
      cur = null;
    }
  }
  if (cur) out.push(cur);
  return out;
}

function perpDist2(p, a, b) {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  if (len2 === 0) return (p[0] - a[0]) ** 2 + (p[1] - a[1]) ** 2;
  let t = ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2;
  t = Math.max(0, Math.min(1, t));
  return (p[0] - a[0] - t * dx) ** 2 + (p[1] - a[1] - t * dy) ** 2;
}

// Douglas-Peucker keeping both ends (iterative, so deep rings can't overflow).
function simplifyOpen(pts, tol) {
  if (tol <= 0 || pts.length <= 2) return pts;
  const keep = new Uint8Array(pts.length);
  keep[0] = 1;
  keep[pts.length - 1] = 1;
  const stack = [[0, pts.length - 1]];
  const tol2 = tol * tol;
  while (stack.length) {
    const [i, j] = stack.pop();
    let best = -1;
    let bestD = tol2;
    for (let k = i + 1; k < j; k++) {
      const d = perpDist2(pts[k], pts[i], pts[j]);
      if (d > bestD) {
        bestD = d;
        best = k;
      }
    }
    if (best >= 0) {
      keep[best] = 1;
      stack.push([i, best], [best, j]);
    }
  }
  return pts.filter((_, k) => keep[k]);
}

function onBoundary(p, r) {
  return p[0] === r.lonMin || p[0] === r.lonMax || p[1] === r.latMin || p[1] === r.latMax;
}

// A closed ring is simplified in stretches between vertices that must stay
// (those on the clip boundary, so that cut edges stay exactly on it), or
// split at its first and farthest vertex when nothing pins it.
function simplifyRing(ring, tol, r) {
  if (tol <= 0 || ring.length <= 4) return ring;
  let pins = [];
  for (let i = 0; i < ring.length; i++) if (onBoundary(ring[i], r)) pins.push(i);
  if (pins.length === 0) {
    let far = 0;
    let farD = -1;
    for (let i = 1; i < ring.length; i++) {
      const d = (ring[i][0] - ring[0][0]) ** 2 + (ring[i][1] - ring[0][1]) ** 2;
      if (d > farD) {
        farD = d;
        far = i;
      }
    }
    pins = [0, far];
  }
  const out = [];
  for (let k = 0; k < pins.length; k++) {
    const i = pins[k];
    const j = pins[(k + 1) % pins.length];
    const stretch = [];
    for (let m = i; ; m = (m + 1) % ring.length) {
      stretch.push(ring[m]);
      if (m === j && stretch.length > 1) break;
      if (pins.length === 1 && stretch.length > ring.length) break;
    }
    const s = simplifyOpen(stretch, tol);
    for (let m = 0; m + 1 < s.length; m++) out.push(s[m]);
  }
  return out;
}

// ------------------------------------------------------------ quantisation

function quantise(pts, units) {
  const out = [];
  for (const [lon, lat] of pts) {
    const q = [Math.round(lon * units), Math.round(lat * units)];
    const last = out[out.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
  }
  return out;
}

function signedArea2(ring) {
  let s = 0;
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i];
    const b = ring[(i + 1) % ring.length];
    s += a[0] * b[1] - b[0] * a[1];
  }
  return s;
}

// Remove spikes (a -> b -> a) and repeated points that quantisation or
// clipping can leave, until none remain.
function cleanRing(ring) {
  let pts = ring.slice();
  let changed = true;
  while (changed && pts.length >= 3) {
    changed = false;
    const out = [];
    for (let i = 0; i < pts.length; i++) {
      const p = pts[i];
      const n = pts[(i + 1) % pts.length];
      if (p[0] === n[0] && p[1] === n[1]) {
        changed = true;
        continue;
      }
      out.push(p);
    }
    pts = out;
    if (pts.length < 3) break;
    const out2 = [];
    for (let i = 0; i < pts.length; i++) {
      const prev = pts[(i + pts.length - 1) % pts.length];
      const p = pts[i];
      const next = pts[(i + 1) % pts.length];
      const cross = (p[0] - prev[0]) * (next[1] - p[1]) - (p[1] - prev[1]) * (next[0] - p[0]);
      const back = (p[0] - prev[0]) * (next[0] - p[0]) + (p[1] - prev[1]) * (next[1] - p[1]);
      if (cross === 0 && back <= 0) {
        changed = true; // spike or zero-length: drop the tip
        continue;
      }
      out2.push(p);
    }
    pts = out2;
  }
  return pts;
}

// Edges whose two ends lie on the same side of the clip rectangle (or of the
// world's own edge) are cuts, not coastline.
function hiddenRuns(ring, rq) {
  const n = ring.length;
  const hidden = [];
  for (let i = 0; i < n; i++) {
    const a = ring[i];
    const b = ring[(i + 1) % n];
    const same = (v) => a[0] === v && b[0] === v;
    const sameLat = (v) => a[1] === v && b[1] === v;
    hidden.push(
      same(rq.lonMin) || same(rq.lonMax) || sameLat(rq.latMin) || sameLat(rq.latMax) ||
        same(rq.w180) || same(rq.e180),
    );
  }
  const runs = [];
  for (let i = 0; i < n; i++) {
    if (!hidden[i]) continue;
    const start = i;
    while (i < n && hidden[i]) i++;
    runs.push([start, i - start]);
  }
  return runs;
}

// ------------------------------------------------------------------ bytes

class Writer {
  constructor() {
    this.bytes = [];
  }
  u8(v) {
    if (!Number.isInteger(v) || v < 0 || v > 255) throw new Error(`u8 out of range: ${v}`);
    this.bytes.push(v);
  }
  uv(v) {
    if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) throw new Error(`uv out of range: ${v}`);
    do {
      let b = v % 128;
      v = Math.floor(v / 128);
      if (v > 0) b |= 0x80;
      this.bytes.push(b);
    } while (v > 0);
  }
  sv(v) {
    if (!Number.isInteger(v) || v < -0x80000000 || v > 0x7fffffff) throw new Error(`sv out of range: ${v}`);
    this.uv(v >= 0 ? v * 2 : -v * 2 - 1);
  }
  raw(arr) {
    for (const b of arr) this.u8(b);
  }
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// ------------------------------------------------------------------- main

function readTopo(name) {
  return JSON.parse(readFileSync(require.resolve(`world-atlas/${name}`), "utf8"));
}

function polygonsOf(geom) {
  if (!geom) return [];
  if (geom.type === "Polygon") return [geom.coordinates];
  if (geom.type === "MultiPolygon") return geom.coordinates;
  if (geom.type === "GeometryCollection") return geom.geometries.flatMap(polygonsOf);
  throw new Error(`unexpected land geometry ${geom.type}`);
}

function buildSection(spec) {
  const topo = readTopo(spec.file);
  const land = topojson.feature(topo, topo.objects.land);
  const landGeoms = land.type === "FeatureCollection" ? land.features.map((f) => f.geometry) : [land.geometry];
  const borders = topojson.mesh(topo, topo.objects.countries, (a, b) => a !== b);
  const u = spec.units;

  const rings = [];
  const lines = [];
  for (const r of spec.rects) {
    const rq = {
      lonMin: Math.round(r.lonMin * u),
      lonMax: Math.round(r.lonMax * u),
      latMin: Math.round(r.latMin * u),
      latMax: Math.round(r.latMax * u),
      w180: -180 * u,
      e180: 180 * u,
    };
    for (const geom of landGeoms) {
      for (const poly of polygonsOf(geom)) {
        poly.forEach((src, idx) => {
          const hole = idx > 0;
          let ring = src.map(snap);
          const f = ring[0];
          const l = ring[ring.length - 1];
          if (f[0] === l[0] && f[1] === l[1]) ring = ring.slice(0, -1);
          ring = unwrapRing(ring);
          let lo = Infinity;
          let hi = -Infinity;
          for (const p of ring) {
            lo = Math.min(lo, p[0]);
            hi = Math.max(hi, p[0]);
          }
          const kMin = Math.ceil((lo - r.lonMax) / 360);
          const kMax = Math.floor((hi - r.lonMin) / 360);
          for (let k = kMin; k <= kMax; k++) {
            let c = clipRing(ring, shiftRect(r, 360 * k));
            if (c.length < 3) continue;
            if (k !== 0) c = c.map(([lon, lat]) => [lon - 360 * k, lat]);
            c = simplifyRing(c, spec.tolerance, r);
            const q = cleanRing(quantise(c, u));
            if (q.length < 3) continue;
            const area = signedArea2(q);
            if (area === 0) continue;
            if (area > 0 === hole) q.reverse(); // outer CCW, holes CW
            rings.push({ hole, points: q, runs: hiddenRuns(q, rq) });
          }
        });
      }
    }
    for (const src of borders.coordinates.flatMap((l) => splitAtAntimeridian(l.map(snap)))) {
      for (const piece of clipLine(src, r)) {
        const q = quantise(simplifyOpen(piece, spec.tolerance), u);
        if (q.length >= 2) lines.push(q);
      }
    }
  }
  return { spec, rings, lines };
}

function writeSection(w, s) {
  const u = s.spec.units;
  w.u8(s.spec.scale);
  w.uv(u);
  const bounds = s.spec.rects.reduce(
    (b, r) => ({
      lonMin: Math.min(b.lonMin, r.lonMin),
      latMin: Math.min(b.latMin, r.latMin),
      lonMax: Math.max(b.lonMax, r.lonMax),
      latMax: Math.max(b.latMax, r.latMax),
    }),
    { lonMin: 180, latMin: 90, lonMax: -180, latMax: -90 },
  );
  for (const v of [bounds.lonMin, bounds.latMin, bounds.lonMax, bounds.latMax]) w.sv(Math.round(v * u));
  let px = 0;
  let py = 0;
  const point = ([x, y]) => {
    w.sv(x - px);
    w.sv(y - py);
    px = x;
    py = y;
  };
  w.uv(s.rings.length);
  for (const ring of s.rings) {
    w.uv(ring.points.length * 2 + (ring.hole ? 1 : 0));
    w.uv(ring.runs.length);
    let end = 0;
    for (const [start, len] of ring.runs) {
      w.uv(start - end);
      w.uv(len);
      end = start + len;
    }
    ring.points.forEach(point);
  }
  w.uv(s.lines.length);
  for (const line of s.lines) {
    w.uv(line.length);
    line.forEach(point);
  }
}

const sections = SECTIONS.map(buildSection);
const w = new Writer();
w.raw([0x53, 0x53, 0x42, 0x4d]); // "SSBM"
w.u8(VERSION);
w.u8(sections.length);
for (const s of sections) writeSection(w, s);
const body = Uint8Array.from(w.bytes);
const crc = crc32(body);
const out = new Uint8Array(body.length + 4);
out.set(body);
new DataView(out.buffer).setUint32(body.length, crc, true);

mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, out);

const gz = gzipSync(out, { level: 9 }).length;
for (const s of sections) {
  const pts = s.rings.reduce((n, r) => n + r.points.length, 0);
  const lpts = s.lines.reduce((n, l) => n + l.length, 0);
  console.log(
    `  1:${s.spec.scale}m  ${s.rings.length} land rings (${pts} points), ${s.lines.length} border lines (${lpts} points)`,
  );
}
console.log(`wrote ${OUT}: ${out.length} bytes, ${gz} bytes gzip -9`);
