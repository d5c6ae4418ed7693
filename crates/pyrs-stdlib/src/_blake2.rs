//! The `_blake2` module (CPython's Modules/blake2module.c): the BLAKE2b and BLAKE2s hash
//! objects with their full parameter block (digest size, key, salt, personalisation and the
//! tree-hashing fields), as RFC 7693 and the BLAKE2 paper define them.
//!
//! Written here rather than taken from RustCrypto's blake2 crate: that crate's variable
//! output API takes a key, salt and personalisation but not the tree parameters (fanout,
//! depth, leaf size, node offset and depth, inner size, last node) that `hashlib.blake2b`
//! accepts, and the compression function is a few dozen lines.

use std::sync::OnceLock;

use pyrs_objects::typeobject::type_data;
use pyrs_objects::{int, protocol, Args, ExcKind, PyErr, PyResult, SyncCell, Value};

use crate::argconv::{bool_arg, buffer_arg, module_dict};
use crate::hashobject::{hash_type, new_hash, unsigned_long, HashAlgo, HashSpec};

/// The message schedule of each round.
const SIGMA: [[usize; 16]; 10] = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
    [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
    [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
    [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
    [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
    [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
    [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
    [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
    [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
    [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
];

/// One BLAKE2 variant: `$word` words, `$block`-byte blocks, `$rounds` rounds, the rotation
/// counts of the mixing function and the initial vector.
macro_rules! blake2_variant {
    ($state:ident, $word:ty, $block:expr, $rounds:expr, [$r1:expr, $r2:expr, $r3:expr, $r4:expr], $iv:expr) => {
        #[derive(Clone)]
        struct $state {
            h: [$word; 8],
            /// Bytes compressed so far.
            counter: u128,
            /// Input not yet compressed: the last block is kept until the end, when it is
            /// compressed with the final flag.
            buf: Vec<u8>,
            last_node: bool,
            out_len: usize,
        }

        impl $state {
            const IV: [$word; 8] = $iv;
            const WORD: usize = std::mem::size_of::<$word>();

            /// A state for the parameter block `param` (already holding digest and key
            /// lengths), fed the padded key when there is one.
            fn new(param: &[u8], key: &[u8], last_node: bool, out_len: usize) -> $state {
                let mut h = Self::IV;
                for (i, w) in h.iter_mut().enumerate() {
                    let mut word = [0u8; std::mem::size_of::<$word>()];
                    word.copy_from_slice(&param[i * Self::WORD..(i + 1) * Self::WORD]);
                    *w ^= <$word>::from_le_bytes(word);
                }
                let mut s = $state {
                    h,
                    counter: 0,
                    buf: Vec::with_capacity($block),
                    last_node,
                    out_len,
                };
                if !key.is_empty() {
                    let mut block = key.to_vec();
                    block.resize($block, 0);
                    s.update(&block);
                }
                s
            }

            fn compress(&mut self, block: &[u8], last: bool) {
                let mut m = [0 as $word; 16];
                for (i, w) in m.iter_mut().enumerate() {
                    let mut word = [0u8; std::mem::size_of::<$word>()];
                    word.copy_from_slice(&block[i * Self::WORD..(i + 1) * Self::WORD]);
                    *w = <$word>::from_le_bytes(word);
                }
                let mut v = [0 as $word; 16];
                v[..8].copy_from_slice(&self.h);
                v[8..].copy_from_slice(&Self::IV);
                v[12] ^= self.counter as $word;
                v[13] ^= (self.counter >> (8 * Self::WORD)) as $word;
                if last {
                    v[14] = !v[14];
                    if self.last_node {
                        v[15] = !v[15];
                    }
                }
                let g = |v: &mut [$word; 16],
                         a: usize,
                         b: usize,
                         c: usize,
                         d: usize,
                         x: $word,
                         y: $word| {
                    v[a] = v[a].wrapping_add(v[b]).wrapping_add(x);
                    v[d] = (v[d] ^ v[a]).rotate_right($r1);
                    v[c] = v[c].wrapping_add(v[d]);
                    v[b] = (v[b] ^ v[c]).rotate_right($r2);
                    v[a] = v[a].wrapping_add(v[b]).wrapping_add(y);
                    v[d] = (v[d] ^ v[a]).rotate_right($r3);
                    v[c] = v[c].wrapping_add(v[d]);
                    v[b] = (v[b] ^ v[c]).rotate_right($r4);
                };
                for round in 0..$rounds {
                    let s = &SIGMA[round % 10];
                    g(&mut v, 0, 4, 8, 12, m[s[0]], m[s[1]]);
                    g(&mut v, 1, 5, 9, 13, m[s[2]], m[s[3]]);
                    g(&mut v, 2, 6, 10, 14, m[s[4]], m[s[5]]);
                    g(&mut v, 3, 7, 11, 15, m[s[6]], m[s[7]]);
                    g(&mut v, 0, 5, 10, 15, m[s[8]], m[s[9]]);
                    g(&mut v, 1, 6, 11, 12, m[s[10]], m[s[11]]);
                    g(&mut v, 2, 7, 8, 13, m[s[12]], m[s[13]]);
                    g(&mut v, 3, 4, 9, 14, m[s[14]], m[s[15]]);
                }
                for i in 0..8 {
                    self.h[i] ^= v[i] ^ v[i + 8];
                }
            }
        }

        impl HashAlgo for $state {
            fn update(&mut self, mut data: &[u8]) {
                while !data.is_empty() {
                    if self.buf.len() == $block {
                        let block = std::mem::take(&mut self.buf);
                        self.counter += $block as u128;
                        self.compress(&block, false);
                        self.buf = block;
                        self.buf.clear();
                    }
                    let take = ($block - self.buf.len()).min(data.len());
                    self.buf.extend_from_slice(&data[..take]);
                    data = &data[take..];
                }
            }

            fn finish(&self, _len: usize) -> Vec<u8> {
                let mut s = self.clone();
                s.counter += s.buf.len() as u128;
                let mut block = std::mem::take(&mut s.buf);
                block.resize($block, 0);
                s.compress(&block, true);
                let mut out: Vec<u8> = s.h.iter().flat_map(|w| w.to_le_bytes()).collect();
                out.truncate(s.out_len);
                out
            }

            fn box_clone(&self) -> Box<dyn HashAlgo> {
                Box::new(self.clone())
            }
        }
    };
}

blake2_variant!(
    Blake2bState,
    u64,
    128,
    12,
    [32, 24, 16, 63],
    [
        0x6a09e667f3bcc908,
        0xbb67ae8584caa73b,
        0x3c6ef372fe94f82b,
        0xa54ff53a5f1d36f1,
        0x510e527fade682d1,
        0x9b05688c2b3e6c1f,
        0x1f83d9abfb41bd6b,
        0x5be0cd19137e2179,
    ]
);

blake2_variant!(
    Blake2sState,
    u32,
    64,
    10,
    [16, 12, 8, 7],
    [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ]
);

static BLAKE2B: HashSpec = HashSpec {
    name: "blake2b",
    type_name: "blake2b",
    block_size: 128,
    xof: false,
};
static BLAKE2S: HashSpec = HashSpec {
    name: "blake2s",
    type_name: "blake2s",
    block_size: 64,
    xof: false,
};

/// The sizes of one variant: (max digest, max key, salt, person).
struct Sizes {
    digest: usize,
    key: usize,
    salt: usize,
    person: usize,
}

const B_SIZES: Sizes = Sizes {
    digest: 64,
    key: 64,
    salt: 16,
    person: 16,
};
const S_SIZES: Sizes = Sizes {
    digest: 32,
    key: 32,
    salt: 8,
    person: 8,
};

struct Types {
    blake2b: Value,
    blake2s: Value,
}

fn types() -> &'static Types {
    static TYPES: OnceLock<SyncCell<Types>> = OnceLock::new();
    &TYPES
        .get_or_init(|| {
            let t = |name, sizes: &Sizes| {
                let ty = hash_type(name, "_blake2", false)
                    .slots(|s| s.new.set(Some(blake2_new)))
                    .build();
                if let Some(td) = type_data(&ty) {
                    if let Some(d) = td.dict().downcast::<pyrs_objects::dict::DictData>() {
                        d.set_str("SALT_SIZE", int::from_usize(sizes.salt));
                        d.set_str("PERSON_SIZE", int::from_usize(sizes.person));
                        d.set_str("MAX_KEY_SIZE", int::from_usize(sizes.key));
                        d.set_str("MAX_DIGEST_SIZE", int::from_usize(sizes.digest));
                    }
                }
                ty
            };
            SyncCell(Types {
                blake2b: t("blake2b", &B_SIZES),
                blake2s: t("blake2s", &S_SIZES),
            })
        })
        .0
}

/// Makes the module.
pub(crate) fn init() -> PyResult<Value> {
    let module = pyrs_objects::module::new_module("_blake2");
    let d = module_dict(&module);
    let t = types();
    d.set_str("blake2b", t.blake2b.clone());
    d.set_str("blake2s", t.blake2s.clone());
    for (prefix, sizes) in [("BLAKE2B", &B_SIZES), ("BLAKE2S", &S_SIZES)] {
        d.set_str(&format!("{prefix}_SALT_SIZE"), int::from_usize(sizes.salt));
        d.set_str(
            &format!("{prefix}_PERSON_SIZE"),
            int::from_usize(sizes.person),
        );
        d.set_str(
            &format!("{prefix}_MAX_KEY_SIZE"),
            int::from_usize(sizes.key),
        );
        d.set_str(
            &format!("{prefix}_MAX_DIGEST_SIZE"),
            int::from_usize(sizes.digest),
        );
    }
    Ok(module)
}

/// Clinic's `int`.
fn c_int(v: &Value) -> PyResult<i64> {
    let i = protocol::index(v)?;
    int::as_i64(&i)
        .filter(|i| i32::try_from(*i).is_ok())
        .ok_or_else(|| {
            PyErr::new(
                ExcKind::OverflowError,
                "Python int too large to convert to C int",
            )
        })
}

/// `blake2b(data=b'', /, *, digest_size=64, key=b'', salt=b'', person=b'', fanout=1,
/// depth=1, leaf_size=0, node_offset=0, node_depth=0, inner_size=0, last_node=False,
/// usedforsecurity=True)`, and `blake2s` with its smaller sizes.
fn blake2_new(cls: &Value, args: Args<'_>) -> PyResult<Value> {
    let is_b = !cls.is(&types().blake2s);
    let (spec, sizes) = if is_b {
        (&BLAKE2B, &B_SIZES)
    } else {
        (&BLAKE2S, &S_SIZES)
    };
    let [data, digest_size, key, salt, person, fanout, depth, leaf_size, node_offset, node_depth, inner_size, last_node, _usedforsecurity] =
        args.bind(
            spec.name,
            [
                "data",
                "digest_size",
                "key",
                "salt",
                "person",
                "fanout",
                "depth",
                "leaf_size",
                "node_offset",
                "node_depth",
                "inner_size",
                "last_node",
                "usedforsecurity",
            ],
            0,
            1,
            1,
        )?;
    let max = sizes.digest;
    let digest_size = match &digest_size {
        Some(v) => c_int(v)?,
        None => max as i64,
    };
    if digest_size < 1 || digest_size > max as i64 {
        return Err(PyErr::value_error(format!(
            "digest_size must be between 1 and {max} bytes"
        )));
    }
    let bytes_of = |v: &Option<Value>| -> PyResult<Vec<u8>> {
        match v {
            Some(v) => buffer_arg(v),
            None => Ok(Vec::new()),
        }
    };
    let key = bytes_of(&key)?;
    let salt = bytes_of(&salt)?;
    let person = bytes_of(&person)?;
    if salt.len() > sizes.salt {
        return Err(PyErr::value_error(format!(
            "maximum salt length is {} bytes",
            sizes.salt
        )));
    }
    if person.len() > sizes.person {
        return Err(PyErr::value_error(format!(
            "maximum person length is {} bytes",
            sizes.person
        )));
    }
    let int_or = |v: &Option<Value>, default: i64| -> PyResult<i64> {
        match v {
            Some(v) => c_int(v),
            None => Ok(default),
        }
    };
    let fanout = int_or(&fanout, 1)?;
    if !(0..=255).contains(&fanout) {
        return Err(PyErr::value_error("fanout must be between 0 and 255"));
    }
    let depth = int_or(&depth, 1)?;
    if !(1..=255).contains(&depth) {
        return Err(PyErr::value_error("depth must be between 1 and 255"));
    }
    let leaf_size = match &leaf_size {
        Some(v) => unsigned_long(v)?,
        None => 0,
    };
    if leaf_size > 0xffff_ffff {
        return Err(PyErr::new(ExcKind::OverflowError, "leaf_size is too large"));
    }
    let node_offset = match &node_offset {
        Some(v) => unsigned_long(v)?,
        None => 0,
    };
    if !is_b && node_offset > 0xffff_ffff_ffff {
        return Err(PyErr::new(
            ExcKind::OverflowError,
            "node_offset is too large",
        ));
    }
    let node_depth = int_or(&node_depth, 0)?;
    if !(0..=255).contains(&node_depth) {
        return Err(PyErr::value_error("node_depth must be between 0 and 255"));
    }
    let inner_size = int_or(&inner_size, 0)?;
    if inner_size < 0 || inner_size > max as i64 {
        return Err(PyErr::value_error(format!(
            "inner_size must be between 0 and is {max}"
        )));
    }
    if key.len() > sizes.key {
        return Err(PyErr::value_error(format!(
            "maximum key length is {} bytes",
            sizes.key
        )));
    }
    let last_node = bool_arg(last_node.as_ref(), false)?;

    // The parameter block.
    let mut param = vec![0u8; if is_b { 64 } else { 32 }];
    param[0] = digest_size as u8;
    param[1] = key.len() as u8;
    param[2] = fanout as u8;
    param[3] = depth as u8;
    param[4..8].copy_from_slice(&(leaf_size as u32).to_le_bytes());
    let algo: Box<dyn HashAlgo> = if is_b {
        param[8..16].copy_from_slice(&node_offset.to_le_bytes());
        param[16] = node_depth as u8;
        param[17] = inner_size as u8;
        param[32..32 + salt.len()].copy_from_slice(&salt);
        param[48..48 + person.len()].copy_from_slice(&person);
        Box::new(Blake2bState::new(
            &param,
            &key,
            last_node,
            digest_size as usize,
        ))
    } else {
        param[8..14].copy_from_slice(&node_offset.to_le_bytes()[..6]);
        param[14] = node_depth as u8;
        param[15] = inner_size as u8;
        param[16..16 + salt.len()].copy_from_slice(&salt);
        param[24..24 + person.len()].copy_from_slice(&person);
        Box::new(Blake2sState::new(
            &param,
            &key,
            last_node,
            digest_size as usize,
        ))
    };
    new_hash(cls, spec, digest_size as usize, algo, data.as_ref())
}
