//! Reading the vendored binary assets (`basemap.bin`, `places.bin`): a
//! cursor over their bytes that never panics, with LEB128 varints,
//! zigzag-signed values and counts the remaining bytes must be able to
//! hold; and the CRC-32 each asset ends with. Plain std Rust.

/// A cursor over an asset's body; every read names what it was reading
/// and where when the data runs out or is malformed.
pub struct Reader<'a> {
    bytes: &'a [u8],
    pub pos: usize,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, pos: 0 }
    }

    /// Bytes not yet read.
    pub fn left(&self) -> usize {
        self.bytes.len() - self.pos
    }

    pub fn u8(&mut self, what: &str) -> Result<u8, String> {
        match self.bytes.get(self.pos) {
            Some(&b) => {
                self.pos += 1;
                Ok(b)
            }
            None => Err(format!(
                "{what} at byte {}: unexpected end of data",
                self.pos
            )),
        }
    }

    /// The next `n` bytes.
    pub fn take(&mut self, n: usize, what: &str) -> Result<&'a [u8], String> {
        let left = self.bytes.len() - self.pos;
        if n > left {
            return Err(format!(
                "{what} at byte {}: {n} bytes needed, {left} left",
                self.pos
            ));
        }
        let out = &self.bytes[self.pos..self.pos + n];
        self.pos += n;
        Ok(out)
    }

    /// An unsigned LEB128 varint of at most 5 bytes holding a value below 2^32.
    pub fn uv(&mut self, what: &str) -> Result<u32, String> {
        let at = self.pos;
        let mut value: u32 = 0;
        for i in 0..5 {
            let b = self.u8(what)?;
            let bits = u32::from(b & 0x7f);
            if i == 4 && (b & 0x80 != 0 || bits > 0x0f) {
                return Err(format!("{what} at byte {at}: varint longer than 32 bits"));
            }
            value |= bits << (7 * i);
            if b & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(format!("{what} at byte {at}: varint longer than 32 bits"))
    }

    /// A zigzag-encoded signed 32-bit value stored as a [`Reader::uv`].
    pub fn sv(&mut self, what: &str) -> Result<i32, String> {
        let v = self.uv(what)?;
        Ok(((v >> 1) as i32) ^ -((v & 1) as i32))
    }

    /// Reads a count of items that each take at least `min_bytes`, refusing
    /// counts the remaining data cannot hold (so a corrupt count cannot ask
    /// for a huge allocation).
    pub fn count(&mut self, what: &str, min_bytes: usize) -> Result<usize, String> {
        let at = self.pos;
        let n = self.uv(what)? as usize;
        self.ensure(n, min_bytes, what, at)?;
        Ok(n)
    }

    pub fn ensure(&self, n: usize, min_bytes: usize, what: &str, at: usize) -> Result<(), String> {
        let left = self.bytes.len() - self.pos;
        if n.saturating_mul(min_bytes) > left {
            return Err(format!(
                "{what} at byte {at}: {n} items cannot fit in the {left} bytes left"
            ));
        }
        Ok(())
    }
}

/// What an asset's file starts with, for [`checked_body`].
pub struct Header<'a> {
    /// The asset's name in messages ("basemap").
    pub asset: &'a str,
    pub magic: [u8; 4],
    /// The one version this build reads (byte 4).
    pub version: u8,
    /// The fewest header bytes a valid file has.
    pub min_len: usize,
}

/// Bytes of the CRC-32 trailer every asset ends with.
pub const TRAILER_LEN: usize = 4;

/// Check an asset's magic, version and trailing CR-32, and return its body
/// (everything before the checksum); or say what is wrong and where.
pub fn checked_body<'a>(bytes: &'a [u8], h: &Header) -> Result<&'a [u8], String> {
    let asset = h.asset;
    if bytes.len() < h.min_len + TRAILER_LEN {
        return Err(format!(
            "{asset}: {} bytes at byte 0 is too short for a header and checksum ({} bytes)",
            bytes.len(),
            h.min_len + TRAILER_LEN
        ));
    }
    if bytes[..4] != h.magic {
        return Err(format!(
            "{asset}: bad magic at byte 0: {:02x?}, expected {:?}",
            &bytes[..4],
            String::from_utf8_lossy(&h.magic)
        ));
    }
    if bytes[4] != h.version {
        return Err(format!(
            "{asset}: unsupported version {} at byte 4 (this decoder reads version {})",
            bytes[4], h.version
        ));
    }
    let body_len = bytes.len() - TRAILER_LEN;
    let mut stored = [0u8; TRAILER_LEN];
    stored.copy_from_slice(&bytes[body_len..]);
    let (stored, computed) = (u32::from_le_bytes(stored), crc32(&bytes[..body_len]));
    if stored != computed {
        return Err(format!(
            "{asset}: checksum mismatch at byte {body_len}: stored {stored:08x}, computed \
             {computed:08x} (truncated or corrupted file)"
        ));
    }
    Ok(&bytes[..body_len])
}

const CRC_TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut n = 0;
    while n < 256 {
        let mut c = n as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 {
                0xedb8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            k += 1;
        }
        table[n] = c;
        n += 1;
    }
    table
};

/// CRC-32 (IEEE 802.3, reflected, as zlib and PNG use).
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut c = 0xffff_ffffu32;
    for &b in bytes {
        c = CRC_TABLE[((c ^ u32::from(b)) & 0xff) as usize] ^ (c >> 8);
    }
    c ^ 0xffff_ffff
}
