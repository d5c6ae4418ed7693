//! The `_sha1` module (CPython's Modules/sha1module.c): the SHA-1 hash object behind
//! `hashlib.sha1`, computed by RustCrypto's sha1 crate.

use std::sync::OnceLock;

use pyrs_objects::{Args, PyResult, SyncCell, Value};
use sha1::Digest;

use crate::argconv::{add_functions, module_dict};
use crate::hashobject::{hash_type, new_hash, string_arg, Fixed, HashSpec};

static SPEC: HashSpec = HashSpec {
    name: "sha1",
    type_name: "sha1",
    block_size: 64,
    xof: false,
};

fn sha1_type() -> &'static Value {
    static TYPE: OnceLock<SyncCell<Value>> = OnceLock::new();
    &TYPE
        .get_or_init(|| SyncCell(hash_type("sha1", "_sha1", false).build()))
        .0
}

/// Makes the module.
pub(crate) fn init() -> PyResult<Value> {
    let module = pyrs_objects::module::new_module("_sha1");
    module_dict(&module).set_str("SHA1Type", sha1_type().clone());
    add_functions(&module, &[("sha1", sha1)]);
    Ok(module)
}

fn sha1(args: Args<'_>) -> PyResult<Value> {
    let data = string_arg(args, "sha1")?;
    new_hash(
        sha1_type(),
        &SPEC,
        20,
        Box::new(Fixed(sha1::Sha1::new())),
        data.as_ref(),
    )
}
