//! The hash of `str`, `bytes` and `memoryview` data, as CPython 3.13's Python/pyhash.c
//! computes it: SipHash-1-3 keyed by the interpreter's hash secret, which
//! Python/bootstrap_hash.c fills from PYTHONHASHSEED (all zero for 0, CPython's LCG for a
//! number) or from the operating system's random bytes.
//!
//! A `str` is hashed over its canonical code units (CPython's PEP 393 representation): one
//! byte per code point when every code point is below 256, two (UCS-2, little-endian) when all
//! are below 65536, else four (UCS-4). So `hash('é')` and `hash(b'\xe9')` agree, as in CPython.
//!
//! The secret is fixed once per process, before the first hash: [`init_hash_secret`] sets it
//! from the command line's reading of PYTHONHASHSEED; otherwise the first hash reads
//! PYTHONHASHSEED from the environment itself (as an embedding `Py_Initialize` does).

use std::sync::OnceLock;

/// `_Py_HashSecret_t`: 24 bytes, of which SipHash uses the first 16 as its keys k0 and k1.
struct HashSecret {
    k0: u64,
    k1: u64,
}

static SECRET: OnceLock<HashSecret> = OnceLock::new();

/// Where the hash secret comes from (`PyConfig.use_hash_seed` and `hash_seed`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HashSeed {
    /// PYTHONHASHSEED unset or `random`: random bytes from the operating system.
    Random,
    /// PYTHONHASHSEED=N: 0 turns randomisation off (an all-zero secret); any other N fills
    /// the secret from CPython's linear congruential generator.
    Fixed(u32),
}

impl HashSeed {
    /// The seed PYTHONHASHSEED's text asks for, or `None` when CPython would reject it.
    pub fn parse(text: &str) -> Option<HashSeed> {
        if text == "random" {
            Some(HashSeed::Random)
        } else {
            text.parse::<u32>().ok().map(HashSeed::Fixed)
        }
    }
}

/// Fixes the hash secret for the rest of the process (`_Py_HashRandomization_Init`). Returns
/// false when a hash was already computed with another secret, which is too late to change.
pub fn init_hash_secret(seed: HashSeed) -> bool {
    let mut fresh = false;
    SECRET.get_or_init(|| {
        fresh = true;
        make_secret(seed)
    });
    fresh
}

fn secret() -> &'static HashSecret {
    SECRET.get_or_init(|| {
        let seed = std::env::var("PYTHONHASHSEED")
            .ok()
            .filter(|v| !v.is_empty())
            .and_then(|v| HashSeed::parse(&v))
            .unwrap_or(HashSeed::Random);
        make_secret(seed)
    })
}

fn make_secret(seed: HashSeed) -> HashSecret {
    let mut bytes = [0u8; 24];
    match seed {
        HashSeed::Fixed(0) => {}
        HashSeed::Fixed(n) => lcg_urandom(n, &mut bytes),
        HashSeed::Random => os_random(&mut bytes),
    }
    HashSecret {
        k0: u64::from_le_bytes(bytes[0..8].try_into().expect("8 bytes")),
        k1: u64::from_le_bytes(bytes[8..16].try_into().expect("8 bytes")),
    }
}

/// Bootstrap_hash.c's `lcg_urandom`: the bytes of a seeded linear congruential generator
/// (the one of Microsoft's C runtime), so that PYTHONHASHSEED=N gives the same hashes on
/// every platform.
fn lcg_urandom(seed: u32, buffer: &mut [u8]) {
    let mut x = seed;
    for byte in buffer {
        x = x.wrapping_mul(214013).wrapping_add(2531011);
        *byte = (x >> 16) as u8;
    }
}

/// Random bytes from the operating system (`pyurandom`): /dev/urandom, or where that cannot
/// be read, the randomly keyed hasher of Rust's standard library.
fn os_random(buffer: &mut [u8]) {
    use std::io::Read;
    let read = std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(buffer));
    if read.is_err() {
        use std::hash::{BuildHasher, Hasher};
        for chunk in buffer.chunks_mut(8) {
            let mut h = std::collections::hash_map::RandomState::new().build_hasher();
            h.write_usize(chunk.as_ptr() as usize);
            let word = h.finish().to_le_bytes();
            chunk.copy_from_slice(&word[..chunk.len()]);
        }
    }
}

/// SipHash's state: four 64-bit words.
struct Sip {
    v0: u64,
    v1: u64,
    v2: u64,
    v3: u64,
}

impl Sip {
    fn new(k0: u64, k1: u64) -> Sip {
        Sip {
            v0: k0 ^ 0x736f_6d65_7073_6575,
            v1: k1 ^ 0x646f_7261_6e64_6f6d,
            v2: k0 ^ 0x6c79_6765_6e65_7261,
            v3: k1 ^ 0x7465_6462_7974_6573,
        }
    }

    #[inline]
    fn round(&mut self) {
        self.v0 = self.v0.wrapping_add(self.v1);
        self.v2 = self.v2.wrapping_add(self.v3);
        self.v1 = self.v1.rotate_left(13) ^ self.v0;
        self.v3 = self.v3.rotate_left(16) ^ self.v2;
        self.v0 = self.v0.rotate_left(32);
        self.v2 = self.v2.wrapping_add(self.v1);
        self.v0 = self.v0.wrapping_add(self.v3);
        self.v1 = self.v1.rotate_left(17) ^ self.v2;
        self.v3 = self.v3.rotate_left(21) ^ self.v0;
        self.v2 = self.v2.rotate_left(32);
    }

    /// One compression round for a message word (the "1" of SipHash-1-3).
    #[inline]
    fn compress(&mut self, m: u64) {
        self.v3 ^= m;
        self.round();
        self.v0 ^= m;
    }

    /// The last word (the length in its top byte) and the three finalisation rounds.
    fn finish(mut self, last: u64) -> u64 {
        self.compress(last);
        self.v2 ^= 0xff;
        self.round();
        self.round();
        self.round();
        (self.v0 ^ self.v1) ^ (self.v2 ^ self.v3)
    }
}

/// SipHash-1-3 of a message given as little-endian 64-bit words, then the tail's bytes.
fn siphash13(k0: u64, k1: u64, src: &[u8]) -> u64 {
    let mut sip = Sip::new(k0, k1);
    let mut words = src.chunks_exact(8);
    for word in &mut words {
        sip.compress(u64::from_le_bytes(word.try_into().expect("8 bytes")));
    }
    let mut tail = 0u64;
    for (i, &b) in words.remainder().iter().enumerate() {
        tail |= u64::from(b) << (8 * i);
    }
    sip.finish(tail | ((src.len() as u64) << 56))
}

/// `_Py_HashBytes`: the hash of raw bytes (`bytes`, a `memoryview`, a string's code units).
/// 0 for no bytes; never -1, which means "not computed".
pub fn hash_bytes(bytes: &[u8]) -> i64 {
    if bytes.is_empty() {
        return 0;
    }
    let s = secret();
    finish(siphash13(s.k0, s.k1, bytes))
}

fn finish(h: u64) -> i64 {
    match h as i64 {
        -1 => -2,
        h => h,
    }
}

/// The hash of a string from its code points: hashed as CPython's 1-, 2- or 4-byte code
/// units, whichever the largest code point needs. `max` is that largest code point.
pub fn hash_code_points(code_points: impl Iterator<Item = u32>, len: usize, max: u32) -> i64 {
    if len == 0 {
        return 0;
    }
    let width: usize = if max < 0x100 {
        1
    } else if max < 0x10000 {
        2
    } else {
        4
    };
    let mut units = Vec::with_capacity(len * width);
    for cp in code_points {
        units.extend_from_slice(&cp.to_le_bytes()[..width]);
    }
    hash_bytes(&units)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hash_with(seed: u32, units: &[u8]) -> i64 {
        let secret = make_secret(HashSeed::Fixed(seed));
        finish(siphash13(secret.k0, secret.k1, units))
    }

    /// Hashes python3.13 prints under PYTHONHASHSEED=0, 1 and 123.
    #[test]
    fn matches_cpython() {
        assert_eq!(hash_with(0, b"spam"), -7643603308804133256);
        assert_eq!(hash_with(0, b"abcdefghijklmnop"), -7712962755478248686);
        assert_eq!(hash_with(0, &[0xe9]), 6047309291227476195);
        assert_eq!(hash_with(0, &[0xac, 0x20]), -5529981157763016009);
        assert_eq!(
            hash_with(0, &[0x00, 0xf6, 0x01, 0x00]),
            -3536540696076613844
        );
        assert_eq!(hash_with(1, b"spam"), -8496561340214978859);
        assert_eq!(hash_with(123, b"spam"), 8441529806636142893);
        assert_eq!(hash_with(123, &[0xe9]), 2030960749240960898);
    }
}
