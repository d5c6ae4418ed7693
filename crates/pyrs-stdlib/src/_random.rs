//! The `_random` module (CPython's Modules/_randommodule.c): `Random`, the Mersenne Twister
//! (MT19937) generator that Lib/random.py builds every distribution on. Seeding, the state
//! tuple and `getrandbits` follow CPython word for word, so a seeded generator gives CPython's
//! numbers.

use std::cell::RefCell;
use std::sync::OnceLock;

use num_bigint::{BigInt, BigUint, Sign};
use num_traits::{Signed, ToPrimitive};
use pyrs_objects::native::{MethodDef, MethodKind};
use pyrs_objects::object::{alloc, Payload};
use pyrs_objects::typeobject::TypeBuilder;
use pyrs_objects::{float, int, protocol, tuple, Args, ExcKind, PyErr, PyResult, SyncCell, Value};

use crate::argconv::module_dict;

/// Makes the module.
pub(crate) fn init() -> PyResult<Value> {
    let module = pyrs_objects::module::new_module("_random");
    let d = module_dict(&module);
    d.set_str("Random", random_type().clone());
    d.set_str(
        "__doc__",
        pyrs_objects::str::new("Module implements the Mersenne Twister random number generator."),
    );
    Ok(module)
}

fn random_type() -> &'static Value {
    static TYPE: OnceLock<SyncCell<Value>> = OnceLock::new();
    &TYPE
        .get_or_init(|| {
            SyncCell(
                TypeBuilder::new::<RandomObject>("Random")
                    .module("_random")
                    .subclassable()
                    .doc(
                        "Random() -> create a random number generator with its own internal state.",
                    )
                    .methods(RANDOM_METHODS)
                    .slots(|s| {
                        s.new.set(Some(random_new));
                        s.init.set(Some(random_init));
                    })
                    .build(),
            )
        })
        .0
}

/// Number of 32-bit words of state.
const N: usize = 624;
/// The twist's middle word offset.
const M: usize = 397;
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER_MASK: u32 = 0x8000_0000;
const LOWER_MASK: u32 = 0x7fff_ffff;

/// The generator's state: 624 words and the index of the next word to temper.
struct Mt {
    state: [u32; N],
    index: usize,
}

impl Mt {
    /// The next 32 random bits (`genrand_uint32`).
    fn next_u32(&mut self) -> u32 {
        let mt = &mut self.state;
        if self.index >= N {
            let mag = |y: u32| if y & 1 == 0 { 0 } else { MATRIX_A };
            for kk in 0..N {
                let y = (mt[kk] & UPPER_MASK) | (mt[(kk + 1) % N] & LOWER_MASK);
                mt[kk] = mt[(kk + M) % N] ^ (y >> 1) ^ mag(y);
            }
            self.index = 0;
        }
        let mut y = mt[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^= y >> 18;
        y
    }

    /// A float in [0, 1) with 53 random bits (`genrand_res53`).
    fn next_f64(&mut self) -> f64 {
        let a = self.next_u32() >> 5;
        let b = self.next_u32() >> 6;
        (a as f64 * 67_108_864.0 + b as f64) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `init_genrand`.
    fn init_genrand(&mut self, seed: u32) {
        let mt = &mut self.state;
        mt[0] = seed;
        for i in 1..N {
            mt[i] = 1_812_433_253u32
                .wrapping_mul(mt[i - 1] ^ (mt[i - 1] >> 30))
                .wrapping_add(i as u32);
        }
        self.index = N;
    }

    /// `init_by_array`: seeds from a key of 32-bit words.
    fn init_by_array(&mut self, key: &[u32]) {
        self.init_genrand(19_650_218);
        let mt = &mut self.state;
        let (mut i, mut j) = (1usize, 0usize);
        for _ in 0..N.max(key.len()) {
            mt[i] = (mt[i] ^ (mt[i - 1] ^ (mt[i - 1] >> 30)).wrapping_mul(1_664_525))
                .wrapping_add(key[j])
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if j >= key.len() {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            mt[i] = (mt[i] ^ (mt[i - 1] ^ (mt[i - 1] >> 30)).wrapping_mul(1_566_083_941))
                .wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x8000_0000;
    }

    /// Seeds from the system's entropy, or from the time and process id when there is none.
    fn seed_urandom(&mut self) {
        let mut bytes = [0u8; N * 4];
        let key: Vec<u32> = if fill_urandom(&mut bytes) {
            bytes
                .chunks_exact(4)
                .map(|c| u32::from_ne_bytes([c[0], c[1], c[2], c[3]]))
                .collect()
        } else {
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or(0);
            let mono = std::time::Instant::now().elapsed().as_nanos() as u64;
            vec![
                now as u32,
                (now >> 32) as u32,
                std::process::id(),
                mono as u32,
                (mono >> 32) as u32,
            ]
        };
        self.init_by_array(&key);
    }
}

/// Fills `buf` from the kernel's random source; false when it cannot.
fn fill_urandom(buf: &mut [u8]) -> bool {
    let mut done = 0;
    while done < buf.len() {
        // SAFETY: the pointer and length describe the unfilled tail of `buf`.
        let n = unsafe {
            libc::getrandom(
                buf[done..].as_mut_ptr().cast(),
                buf.len() - done,
                libc::GRND_NONBLOCK,
            )
        };
        if n < 0 {
            if std::io::Error::last_os_error().raw_os_error() == Some(libc::EINTR) {
                continue;
            }
            return false;
        }
        done += n as usize;
    }
    true
}

/// The payload of a `Random` object.
struct RandomObject {
    mt: RefCell<Mt>,
}

impl Payload for RandomObject {}

fn this<'a>(v: &'a Value, method: &str) -> PyResult<&'a RandomObject> {
    protocol::self_payload::<RandomObject>(v, method, "_random.Random")
}

fn random_new(cls: &Value, _args: Args<'_>) -> PyResult<Value> {
    // Zeroed, as PyType_GenericNew leaves it until `__init__` seeds it.
    let mt = Mt {
        state: [0; N],
        index: 0,
    };
    Ok(alloc(
        cls,
        RandomObject {
            mt: RefCell::new(mt),
        },
    ))
}

fn random_init(obj: &Value, args: Args<'_>) -> PyResult<()> {
    if args.has_kwargs() {
        return Err(PyErr::type_error("Random() takes no keyword arguments"));
    }
    let pos = args.pos();
    if pos.len() > 1 {
        return Err(PyErr::type_error("Random() requires 0 or 1 argument"));
    }
    seed_with(obj, pos.first())
}

/// `random_seed`: None seeds from entropy; an int by its absolute value, split into 32-bit
/// words from the right; anything else by its hash taken as unsigned.
fn seed_with(obj: &Value, arg: Option<&Value>) -> PyResult<()> {
    let r = this(obj, "seed")?;
    let n: BigUint = match arg {
        None => {
            r.mt.borrow_mut().seed_urandom();
            return Ok(());
        }
        Some(a) if protocol::is_none(a) => {
            r.mt.borrow_mut().seed_urandom();
            return Ok(());
        }
        Some(a) => match int::as_int(a) {
            Some(i) => i.to_bigint().abs().to_biguint().unwrap_or_default(),
            None => BigUint::from(protocol::hash(a)? as u64),
        },
    };
    let mut key = n.to_u32_digits();
    if key.is_empty() {
        key.push(0);
    }
    r.mt.borrow_mut().init_by_array(&key);
    Ok(())
}

fn random_random(args: Args<'_>) -> PyResult<Value> {
    let pos = args.exact("random", 1, 1)?;
    let r = this(&pos[0], "random")?;
    let x = r.mt.borrow_mut().next_f64();
    Ok(float::new(x))
}

fn random_seed(args: Args<'_>) -> PyResult<Value> {
    let pos = args.skip_first().exact("seed", 0, 1)?;
    this(&args.pos()[0], "seed")?;
    seed_with(&args.pos()[0], pos.first())?;
    Ok(pyrs_objects::none())
}

fn random_getstate(args: Args<'_>) -> PyResult<Value> {
    let pos = args.exact("getstate", 1, 1)?;
    let r = this(&pos[0], "getstate")?;
    let (words, index) = {
        let mt = r.mt.borrow();
        (mt.state, mt.index)
    };
    let mut items: Vec<Value> = words.iter().map(|&w| int::from_i64(w as i64)).collect();
    items.push(int::from_i64(index as i64));
    Ok(tuple::new(items))
}

/// `PyLong_AsUnsignedLong`: an int (no `__index__`) in 0..2**64.
fn as_unsigned_long(v: &Value) -> PyResult<u64> {
    let Some(i) = int::as_int(v) else {
        return Err(PyErr::type_error("an integer is required"));
    };
    if i.is_negative() {
        return Err(PyErr::new(
            ExcKind::OverflowError,
            "can't convert negative value to unsigned int",
        ));
    }
    i.to_bigint().to_u64().ok_or_else(|| {
        PyErr::new(
            ExcKind::OverflowError,
            "Python int too large to convert to C unsigned long",
        )
    })
}

/// `PyLong_AsLong` (through `__index__`).
fn as_long(v: &Value) -> PyResult<i64> {
    let i = protocol::index(v)?;
    int::as_i64(&i).ok_or_else(|| {
        PyErr::new(
            ExcKind::OverflowError,
            "Python int too large to convert to C long",
        )
    })
}

fn random_setstate(args: Args<'_>) -> PyResult<Value> {
    let pos = args.skip_first().exact("setstate", 1, 1)?;
    let r = this(&args.pos()[0], "setstate")?;
    let Some(items) = tuple::items_of(&pos[0]) else {
        return Err(PyErr::type_error("state vector must be a tuple"));
    };
    if items.len() != N + 1 {
        return Err(PyErr::value_error("state vector is the wrong size"));
    }
    let mut words = [0u32; N];
    for (w, item) in words.iter_mut().zip(items) {
        *w = as_unsigned_long(item)? as u32;
    }
    let index = as_long(&items[N])?;
    if !(0..=N as i64).contains(&index) {
        return Err(PyErr::value_error("invalid state"));
    }
    let mut mt = r.mt.borrow_mut();
    mt.state = words;
    mt.index = index as usize;
    Ok(pyrs_objects::none())
}

fn random_getrandbits(args: Args<'_>) -> PyResult<Value> {
    let pos = args.skip_first().exact("getrandbits", 1, 1)?;
    let r = this(&args.pos()[0], "getrandbits")?;
    let k = protocol::index(&pos[0])?;
    let k = int::as_i64(&k)
        .and_then(|k| i32::try_from(k).ok())
        .ok_or_else(|| {
            PyErr::new(
                ExcKind::OverflowError,
                "Python int too large to convert to C int",
            )
        })?;
    if k < 0 {
        return Err(PyErr::value_error("number of bits must be non-negative"));
    }
    if k == 0 {
        return Ok(int::from_i64(0));
    }
    let mut mt = r.mt.borrow_mut();
    if k <= 32 {
        return Ok(int::from_i64((mt.next_u32() >> (32 - k)) as i64));
    }
    // Words from least to most significant; the last keeps only its top bits.
    let words = (k as usize - 1) / 32 + 1;
    let mut digits = Vec::new();
    digits
        .try_reserve_exact(words)
        .map_err(|_| PyErr::new(ExcKind::MemoryError, ""))?;
    let mut left = k;
    for _ in 0..words {
        let mut w = mt.next_u32();
        if left < 32 {
            w >>= 32 - left;
        }
        digits.push(w);
        left -= 32;
    }
    drop(mt);
    Ok(int::from_bigint(BigInt::from_biguint(
        Sign::Plus,
        BigUint::new(digits),
    )))
}

const RANDOM_METHODS: &[MethodDef] = &[
    MethodDef {
        name: "random",
        kind: MethodKind::Method(random_random),
        doc: Some("random() -> x in the interval [0, 1)."),
    },
    MethodDef::new("seed", MethodKind::Method(random_seed)),
    MethodDef::new("getstate", MethodKind::Method(random_getstate)),
    MethodDef::new("setstate", MethodKind::Method(random_setstate)),
    MethodDef::new("getrandbits", MethodKind::Method(random_getrandbits)),
];
