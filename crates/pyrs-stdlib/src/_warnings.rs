//! `_warnings` (CPython's Python/_warnings.c), reduced to what pyrs needs: `warn` and
//! `warn_explicit` hand over to the pure-Python `warnings` module, which keeps the filters
//! (without `filters` here, `warnings.py` uses its own Python implementation, as CPython's
//! does when the C accelerator is missing).

use pyrs_objects::args::Args;
use pyrs_objects::module::{new_module, ModuleData};
use pyrs_objects::native::{new_module_function, NativeFn};
use pyrs_objects::{protocol, PyErr, PyResult, Value};

/// Makes the `_warnings` module.
pub(crate) fn init() -> PyResult<Value> {
    let module = new_module("_warnings");
    let d = module
        .downcast::<ModuleData>()
        .ok_or_else(|| PyErr::system_error("_warnings: not a module"))?
        .dict();
    let functions: &[(&'static str, NativeFn)] =
        &[("warn", warn), ("warn_explicit", warn_explicit)];
    for (name, f) in functions {
        d.set_str(name, new_module_function(name, *f, module.clone()));
    }
    Ok(module)
}

fn forward(name: &str, args: Args<'_>) -> PyResult<Value> {
    let warnings = pyrs_vm::import::import_absolute("warnings")?;
    let f = protocol::getattr_str(&warnings, name)?;
    protocol::call(&f, args)
}

fn warn(args: Args<'_>) -> PyResult<Value> {
    forward("warn", args)
}

fn warn_explicit(args: Args<'_>) -> PyResult<Value> {
    forward("warn_explicit", args)
}
