//! `marshal` (CPython's Python/marshal.c), reduced to its `version`: pyrs reads and writes no
//! `.pyc` files, and `importlib._bootstrap_external` imports the module without calling it.
//! FIXME: `dumps`, `loads`, `dump`, `load`.

use pyrs_objects::module::{new_module, ModuleData};
use pyrs_objects::{PyErr, PyResult, Value};

/// Makes the `marshal` module.
pub(crate) fn init() -> PyResult<Value> {
    let module = new_module("marshal");
    let d = module
        .downcast::<ModuleData>()
        .ok_or_else(|| PyErr::system_error("marshal: not a module"))?
        .dict();
    d.set_str("version", Value::small(4));
    Ok(module)
}
