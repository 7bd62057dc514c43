//! A compact open-addressed hash table from non-zero `u32` keys to `u32` values.

/// Open-addressed (linear probing) map. Keys are already hashes, so their high bits give the
/// home slot: inserting keys in sorted order then writes the table front to back, which keeps
/// model loading fast.
#[derive(Clone, Debug, Default)]
pub(crate) struct U32Map {
    mask: usize,
    shift: u32,
    slots: Vec<(u32, u32)>,
    len: usize,
}

impl U32Map {
    /// A map with room for `n` entries at load factor ≤ 1/2.
    pub fn with_capacity(n: usize) -> Self {
        let cap = (n.max(4) * 2).next_power_of_two();
        U32Map {
            mask: cap - 1,
            shift: 32 - cap.trailing_zeros(),
            slots: vec![(0, 0); cap],
            len: 0,
        }
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Inserts or replaces; `key` must be non-zero. Returns `false` if the key was already present.
    pub fn insert(&mut self, key: u32, value: u32) -> bool {
        debug_assert!(key != 0);
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let mut i = self.home(key);
        loop {
            let (k, _) = self.slots[i];
            if k == key {
                self.slots[i].1 = value;
                return false;
            }
            if k == 0 {
                self.slots[i] = (key, value);
                self.len += 1;
                return true;
            }
            i = (i + 1) & self.mask;
        }
    }

    fn grow(&mut self) {
        let old = std::mem::take(&mut self.slots);
        *self = U32Map::with_capacity(old.len());
        for (k, v) in old {
            if k != 0 {
                self.insert(k, v);
            }
        }
    }

    #[inline]
    fn home(&self, key: u32) -> usize {
        (u64::from(key) >> self.shift) as usize
    }

    /// Looks up every key of `keys`, writing values (or `u32::MAX` if absent) to `out`.
    /// The home slots are read first, all together, so their cache misses overlap.
    #[inline]
    pub fn get_many(&self, keys: &[u32], out: &mut [u32]) {
        const N: usize = 64;
        debug_assert!(keys.len() <= N && out.len() >= keys.len());
        if self.slots.is_empty() {
            out[..keys.len()].fill(u32::MAX);
            return;
        }
        let mut first = [(0u32, 0u32); N];
        for (f, &k) in first.iter_mut().zip(keys) {
            *f = self.slots[self.home(k)];
        }
        for ((o, &k), &(fk, fv)) in out.iter_mut().zip(keys).zip(&first) {
            *o = if fk == k {
                fv
            } else if fk == 0 {
                u32::MAX
            } else {
                self.get(k).unwrap_or(u32::MAX)
            };
        }
    }

    /// The value of `key`, if present.
    #[inline]
    pub fn get(&self, key: u32) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let mut i = self.home(key);
        loop {
            let (k, v) = self.slots[i];
            if k == key {
                return Some(v);
            }
            if k == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inserts_grows_and_finds() {
        let mut m = U32Map::with_capacity(2);
        for k in 1..1000u32 {
            assert!(m.insert(k.wrapping_mul(2_654_435_761) | 1, k));
        }
        assert_eq!(m.len(), 999);
        for k in 1..1000u32 {
            assert_eq!(m.get(k.wrapping_mul(2_654_435_761) | 1), Some(k));
        }
        assert_eq!(m.get(2), None);
        assert!(U32Map::default().get(5).is_none());
    }
}
