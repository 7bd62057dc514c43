//! The binary model format.
//!
//! ```text
//! "DYADTAG\x01"                        magic
//! u32 LE                               format version (1)
//! varint n, n bytes                    info (UTF-8: how the model was made)
//! u64 LE                               feature templates used (bit t = template t)
//! varint n, n × u64 LE                 lexicon classes: bit p set = Penn tag `Pos::ALL[p]` allowed;
//!                                      top byte = 1 + index of the most likely tag (0: none)
//! varint n, n × varint Δkey, n × varint class      lexicon: sorted word keys → class index
//! varint n, n × varint Δkey, n × u8 tag index      tag dictionary: sorted word keys → tag
//! varint n, n × varint Δkey, then per feature: u8 count, count × (u8 tag index, zigzag varint)
//! u64 LE                               FNV-1a 64 of every byte before it
//! ```

use super::TaggerError;
use crate::text::Pos;

const MAGIC: &[u8; 8] = b"DYADTAG\x01";
const VERSION: u32 = 1;

/// A model as stored: sorted, sparse, quantised weights, in flat arrays.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct ModelData {
    pub info: String,
    /// Feature templates used.
    pub templates: u64,
    /// Allowed-tag masks (top byte: 1 + most likely tag); index 0 is "no entry".
    pub lex_classes: Vec<u64>,
    /// (word key, class index), sorted by key.
    pub lex: Vec<(u32, u16)>,
    /// (word key, tag index) of frequent unambiguous words, sorted by key.
    pub tagdict: Vec<(u32, u8)>,
    /// Feature keys, sorted.
    pub feat_keys: Vec<u32>,
    /// Feature `i` has the weights `weights[feat_starts[i]..feat_starts[i + 1]]`.
    pub feat_starts: Vec<u32>,
    /// (tag index, weight).
    pub weights: Vec<(u8, i16)>,
}

fn fnv64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn zigzag(v: i16) -> u64 {
    let v = i32::from(v);
    ((v << 1) ^ (v >> 31)) as u32 as u64
}

fn unzigzag(v: u64) -> i64 {
    ((v >> 1) as i64) ^ -((v & 1) as i64)
}

impl ModelData {
    /// Serialises the model.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(1 << 20);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        put_varint(&mut out, self.info.len() as u64);
        out.extend_from_slice(self.info.as_bytes());
        out.extend_from_slice(&self.templates.to_le_bytes());
        put_varint(&mut out, self.lex_classes.len() as u64);
        for m in &self.lex_classes {
            out.extend_from_slice(&m.to_le_bytes());
        }
        put_varint(&mut out, self.lex.len() as u64);
        let mut prev = 0u32;
        for &(k, _) in &self.lex {
            put_varint(&mut out, u64::from(k - prev));
            prev = k;
        }
        for &(_, c) in &self.lex {
            put_varint(&mut out, u64::from(c));
        }
        put_varint(&mut out, self.tagdict.len() as u64);
        let mut prev = 0u32;
        for &(k, _) in &self.tagdict {
            put_varint(&mut out, u64::from(k - prev));
            prev = k;
        }
        out.extend(self.tagdict.iter().map(|&(_, p)| p));
        put_varint(&mut out, self.feat_keys.len() as u64);
        let mut prev = 0u32;
        for &k in &self.feat_keys {
            put_varint(&mut out, u64::from(k - prev));
            prev = k;
        }
        for w in self.feat_starts.windows(2) {
            let ws = &self.weights[w[0] as usize..w[1] as usize];
            out.push(ws.len() as u8);
            for &(p, w) in ws {
                out.push(p);
                put_varint(&mut out, zigzag(w));
            }
        }
        let sum = fnv64(&out);
        out.extend_from_slice(&sum.to_le_bytes());
        out
    }

    /// Parses and validates a model.
    pub fn from_bytes(bytes: &[u8]) -> Result<ModelData, TaggerError> {
        if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
            return Err(TaggerError::BadMagic);
        }
        if bytes.len() < MAGIC.len() + 4 + 8 {
            return Err(TaggerError::Truncated);
        }
        let version = u32::from_le_bytes(bytes[8..12].try_into().expect("4 bytes"));
        if version != VERSION {
            return Err(TaggerError::Version(version));
        }
        let (body, sum) = bytes.split_at(bytes.len() - 8);
        if fnv64(body) != u64::from_le_bytes(sum.try_into().expect("8 bytes")) {
            return Err(TaggerError::Checksum);
        }
        let mut r = Reader { b: body, pos: 12 };
        let n = r.len()?;
        let info = std::str::from_utf8(r.take(n)?)
            .map_err(|_| TaggerError::Corrupt("info is not UTF-8"))?
            .to_owned();
        let templates = u64::from_le_bytes(r.take(8)?.try_into().expect("8 bytes"));
        let n = r.len()?;
        let mut lex_classes = Vec::with_capacity(n);
        for _ in 0..n {
            let m = u64::from_le_bytes(r.take(8)?.try_into().expect("8 bytes"));
            if (m & ((1 << 56) - 1)) >> Pos::ALL.len() != 0 || (m >> 56) as usize > Pos::ALL.len() {
                return Err(TaggerError::Corrupt("lexicon class names an unknown tag"));
            }
            lex_classes.push(m);
        }
        let n = r.len()?;
        let keys = r.keys(n)?;
        let mut lex = Vec::with_capacity(n);
        for k in keys {
            let c = r.varint()?;
            if c == 0 || c >= lex_classes.len() as u64 {
                return Err(TaggerError::Corrupt("lexicon entry has a bad class"));
            }
            lex.push((k, c as u16));
        }
        let n = r.len()?;
        let keys = r.keys(n)?;
        let tags = r.take(n)?;
        if tags.iter().any(|&p| usize::from(p) >= Pos::ALL.len()) {
            return Err(TaggerError::Corrupt("tag dictionary names an unknown tag"));
        }
        let tagdict = keys.into_iter().zip(tags.iter().copied()).collect();
        let n = r.len()?;
        let feat_keys = r.keys(n)?;
        let mut feat_starts = Vec::with_capacity(n + 1);
        feat_starts.push(0u32);
        let mut weights = Vec::with_capacity(n * 3);
        for _ in 0..n {
            let count = r.take(1)?[0] as usize;
            for _ in 0..count {
                let p = r.take(1)?[0];
                if usize::from(p) >= Pos::ALL.len() {
                    return Err(TaggerError::Corrupt("weight names an unknown tag"));
                }
                let w =
                    i16::try_from(unzigzag(r.varint()?)).map_err(|_| TaggerError::Corrupt("weight out of range"))?;
                weights.push((p, w));
            }
            feat_starts.push(weights.len() as u32);
        }
        if weights.len() >= 1 << 23 {
            return Err(TaggerError::Corrupt("too many weights"));
        }
        if r.pos != body.len() {
            return Err(TaggerError::Corrupt("trailing bytes"));
        }
        Ok(ModelData {
            info,
            templates,
            lex_classes,
            lex,
            tagdict,
            feat_keys,
            feat_starts,
            weights,
        })
    }
}

struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], TaggerError> {
        let end = self.pos.checked_add(n).ok_or(TaggerError::Truncated)?;
        let s = self.b.get(self.pos..end).ok_or(TaggerError::Truncated)?;
        self.pos = end;
        Ok(s)
    }

    fn varint(&mut self) -> Result<u64, TaggerError> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = *self.b.get(self.pos).ok_or(TaggerError::Truncated)?;
            self.pos += 1;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(TaggerError::Corrupt("varint too long"))
    }

    /// A count, bounded by the bytes left (each counted item takes at least one byte).
    fn len(&mut self) -> Result<usize, TaggerError> {
        let n = self.varint()?;
        if n > (self.b.len() - self.pos) as u64 {
            return Err(TaggerError::Truncated);
        }
        Ok(n as usize)
    }

    fn keys(&mut self, n: usize) -> Result<Vec<u32>, TaggerError> {
        let mut keys = Vec::with_capacity(n);
        let mut prev = 0u64;
        for _ in 0..n {
            let d = self.varint()?;
            let k = prev + d;
            if d == 0 || k > u64::from(u32::MAX) {
                return Err(TaggerError::Corrupt("keys not strictly increasing"));
            }
            keys.push(k as u32);
            prev = k;
        }
        Ok(keys)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let m = ModelData {
            info: "test".into(),
            templates: 0b1110,
            lex_classes: vec![0, 1 << (Pos::NN as u8)],
            lex: vec![(3, 1), (900, 1)],
            tagdict: vec![(5, Pos::DT as u8)],
            feat_keys: vec![7, u32::MAX],
            feat_starts: vec![0, 2, 2],
            weights: vec![(Pos::NN as u8, -300), (Pos::VB as u8, 2)],
        };
        assert_eq!(ModelData::from_bytes(&m.to_bytes()).unwrap(), m);
    }
}
