//! The `_md5` module (CPython's Modules/md5module.c): the MD5 hash object behind
//! `hashlib.md5`, computed by RustCrypto's md-5 crate.

use std::sync::OnceLock;

use md5::Digest;
use pyrs_objects::{Args, PyResult, SyncCell, Value};

use crate::argconv::{add_functions, module_dict};
use crate::hashobject::{hash_type, new_hash, string_arg, Fixed, HashSpec};

static SPEC: HashSpec = HashSpec {
    name: "md5",
    type_name: "md5",
    block_size: 64,
    xof: false,
};

fn md5_type() -> &'static Value {
    static TYPE: OnceLock<SyncCell<Value>> = OnceLock::new();
    &TYPE
        .get_or_init(|| SyncCell(hash_type("md5", "_md5", false).build()))
        .0
}

/// Makes the module.
pub(crate) fn init() -> PyResult<Value> {
    let module = pyrs_objects::module::new_module("_md5");
    module_dict(&module).set_str("MD5Type", md5_type().clone());
    add_functions(&module, &[("md5", md5)]);
    Ok(module)
}

fn md5(args: Args<'_>) -> PyResult<Value> {
    let data = string_arg(args, "md5")?;
    new_hash(
        md5_type(),
        &SPEC,
        16,
        Box::new(Fixed(md5::Md5::new())),
        data.as_ref(),
    )
}
