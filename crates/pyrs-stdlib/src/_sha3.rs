//! The `_sha3` module (CPython's Modules/sha3module.c): the SHA3-224/256/384/512 hash
//! objects and the SHAKE128/SHAKE256 extendable-output functions behind `hashlib`, computed
//! by RustCrypto's sha3 crate.

use std::sync::OnceLock;

use pyrs_objects::native::{MethodDef, MethodKind};
use pyrs_objects::{bytes, int, Args, PyResult, SyncCell, Value};
use sha3::digest::{ExtendableOutput, Update};
use sha3::Digest;

use crate::argconv::module_dict;
use crate::hashobject::{data_arg, hash_type, new_hash, Fixed, HashAlgo, HashObject, HashSpec};

/// A SHAKE state: any number of output bytes.
struct Xof<D>(D);

impl<D: Update + ExtendableOutput + Clone + 'static> HashAlgo for Xof<D> {
    fn update(&mut self, data: &[u8]) {
        Update::update(&mut self.0, data);
    }

    fn finish(&self, len: usize) -> Vec<u8> {
        let mut out = vec![0; len];
        self.0.clone().finalize_xof_into(&mut out);
        out
    }

    fn box_clone(&self) -> Box<dyn HashAlgo> {
        Box::new(Xof(self.0.clone()))
    }
}

macro_rules! spec {
    ($name:literal, $rate:expr, $xof:expr) => {
        HashSpec {
            name: $name,
            type_name: $name,
            block_size: $rate,
            xof: $xof,
        }
    };
}

static SHA3_224: HashSpec = spec!("sha3_224", 144, false);
static SHA3_256: HashSpec = spec!("sha3_256", 136, false);
static SHA3_384: HashSpec = spec!("sha3_384", 104, false);
static SHA3_512: HashSpec = spec!("sha3_512", 72, false);
static SHAKE_128: HashSpec = spec!("shake_128", 168, true);
static SHAKE_256: HashSpec = spec!("shake_256", 136, true);

struct Types {
    sha3_224: Value,
    sha3_256: Value,
    sha3_384: Value,
    sha3_512: Value,
    shake_128: Value,
    shake_256: Value,
}

fn types() -> &'static Types {
    static TYPES: OnceLock<SyncCell<Types>> = OnceLock::new();
    &TYPES
        .get_or_init(|| {
            let t = |name, xof| {
                hash_type(name, "_sha3", xof)
                    .methods(KECCAK_ATTRIBUTES)
                    .slots(|s| s.new.set(Some(sha3_new)))
                    .build()
            };
            SyncCell(Types {
                sha3_224: t("sha3_224", false),
                sha3_256: t("sha3_256", false),
                sha3_384: t("sha3_384", false),
                sha3_512: t("sha3_512", false),
                shake_128: t("shake_128", true),
                shake_256: t("shake_256", true),
            })
        })
        .0
}

/// Makes the module.
pub(crate) fn init() -> PyResult<Value> {
    let module = pyrs_objects::module::new_module("_sha3");
    let d = module_dict(&module);
    let t = types();
    for (name, ty) in [
        ("sha3_224", &t.sha3_224),
        ("sha3_256", &t.sha3_256),
        ("sha3_384", &t.sha3_384),
        ("sha3_512", &t.sha3_512),
        ("shake_128", &t.shake_128),
        ("shake_256", &t.shake_256),
    ] {
        d.set_str(name, ty.clone());
    }
    Ok(module)
}

/// `sha3_224(data=b'', /, *, usedforsecurity=True)` and its siblings: the types are the
/// constructors.
fn sha3_new(cls: &Value, args: Args<'_>) -> PyResult<Value> {
    let t = types();
    let (spec, size, algo): (&'static HashSpec, usize, Box<dyn HashAlgo>) = if cls.is(&t.sha3_224) {
        (&SHA3_224, 28, Box::new(Fixed(sha3::Sha3_224::new())))
    } else if cls.is(&t.sha3_256) {
        (&SHA3_256, 32, Box::new(Fixed(sha3::Sha3_256::new())))
    } else if cls.is(&t.sha3_384) {
        (&SHA3_384, 48, Box::new(Fixed(sha3::Sha3_384::new())))
    } else if cls.is(&t.sha3_512) {
        (&SHA3_512, 64, Box::new(Fixed(sha3::Sha3_512::new())))
    } else if cls.is(&t.shake_128) {
        (&SHAKE_128, 0, Box::new(Xof(sha3::Shake128::default())))
    } else {
        (&SHAKE_256, 0, Box::new(Xof(sha3::Shake256::default())))
    };
    let data = data_arg(args, spec.name)?;
    new_hash(cls, spec, size, algo, data.as_ref())
}

fn spec_of(v: &Value) -> PyResult<&'static HashSpec> {
    v.downcast::<HashObject>()
        .map(HashObject::spec)
        .ok_or_else(|| pyrs_objects::PyErr::type_error("a sha3 object is required"))
}

fn get_rate_bits(v: &Value) -> PyResult<Value> {
    Ok(int::from_usize(spec_of(v)?.block_size * 8))
}

fn get_capacity_bits(v: &Value) -> PyResult<Value> {
    Ok(int::from_usize(1600 - spec_of(v)?.block_size * 8))
}

fn get_suffix(v: &Value) -> PyResult<Value> {
    Ok(bytes::new(vec![if spec_of(v)?.xof { 0x1f } else { 0x06 }]))
}

const KECCAK_ATTRIBUTES: &[MethodDef] = &[
    MethodDef::new(
        "_capacity_bits",
        MethodKind::GetSet(get_capacity_bits, None),
    ),
    MethodDef::new("_rate_bits", MethodKind::GetSet(get_rate_bits, None)),
    MethodDef::new("_suffix", MethodKind::GetSet(get_suffix, None)),
];
