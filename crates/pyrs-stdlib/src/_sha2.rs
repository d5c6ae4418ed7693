//! The `_sha2` module (CPython's Modules/sha2module.c): the SHA-224, SHA-256, SHA-384 and
//! SHA-512 hash objects behind `hashlib`, computed by RustCrypto's sha2 crate.

use std::sync::OnceLock;

use pyrs_objects::{Args, PyResult, SyncCell, Value};
use sha2::Digest;

use crate::argconv::{add_functions, module_dict};
use crate::hashobject::{hash_type, new_hash, string_arg, Fixed, HashSpec};

static SHA224: HashSpec = HashSpec {
    name: "sha224",
    type_name: "SHA224Type",
    block_size: 64,
    xof: false,
};
static SHA256: HashSpec = HashSpec {
    name: "sha256",
    type_name: "SHA256Type",
    block_size: 64,
    xof: false,
};
static SHA384: HashSpec = HashSpec {
    name: "sha384",
    type_name: "SHA384Type",
    block_size: 128,
    xof: false,
};
static SHA512: HashSpec = HashSpec {
    name: "sha512",
    type_name: "SHA512Type",
    block_size: 128,
    xof: false,
};

struct Types {
    sha224: Value,
    sha256: Value,
    sha384: Value,
    sha512: Value,
}

fn types() -> &'static Types {
    static TYPES: OnceLock<SyncCell<Types>> = OnceLock::new();
    &TYPES
        .get_or_init(|| {
            let t = |name| hash_type(name, "_sha2", false).build();
            SyncCell(Types {
                sha224: t("SHA224Type"),
                sha256: t("SHA256Type"),
                sha384: t("SHA384Type"),
                sha512: t("SHA512Type"),
            })
        })
        .0
}

/// Makes the module.
pub(crate) fn init() -> PyResult<Value> {
    let module = pyrs_objects::module::new_module("_sha2");
    let d = module_dict(&module);
    let t = types();
    d.set_str("SHA224Type", t.sha224.clone());
    d.set_str("SHA256Type", t.sha256.clone());
    d.set_str("SHA384Type", t.sha384.clone());
    d.set_str("SHA512Type", t.sha512.clone());
    add_functions(
        &module,
        &[
            ("sha224", sha224),
            ("sha256", sha256),
            ("sha384", sha384),
            ("sha512", sha512),
        ],
    );
    Ok(module)
}

fn sha224(args: Args<'_>) -> PyResult<Value> {
    let data = string_arg(args, "sha224")?;
    let algo = Box::new(Fixed(sha2::Sha224::new()));
    new_hash(&types().sha224, &SHA224, 28, algo, data.as_ref())
}

fn sha256(args: Args<'_>) -> PyResult<Value> {
    let data = string_arg(args, "sha256")?;
    let algo = Box::new(Fixed(sha2::Sha256::new()));
    new_hash(&types().sha256, &SHA256, 32, algo, data.as_ref())
}

fn sha384(args: Args<'_>) -> PyResult<Value> {
    let data = string_arg(args, "sha384")?;
    let algo = Box::new(Fixed(sha2::Sha384::new()));
    new_hash(&types().sha384, &SHA384, 48, algo, data.as_ref())
}

fn sha512(args: Args<'_>) -> PyResult<Value> {
    let data = string_arg(args, "sha512")?;
    let algo = Box::new(Fixed(sha2::Sha512::new()));
    new_hash(&types().sha512, &SHA512, 64, algo, data.as_ref())
}
