//! `_typing` (CPython's Modules/_typingmodule.c): the native half of Lib/typing.py — the
//! type-parameter objects of `pyrs_objects::typevar` and `_idfunc`.

use pyrs_objects::args::Args;
use pyrs_objects::module::new_module;
use pyrs_objects::native::new_module_function;
use pyrs_objects::typevar as tv;
use pyrs_objects::{PyErr, PyResult, Value};

/// Makes the `_typing` module.
pub(crate) fn init() -> PyResult<Value> {
    let module = new_module("_typing");
    let d = module
        .downcast::<pyrs_objects::module::ModuleData>()
        .ok_or_else(|| PyErr::system_error("_typing: not a module"))?
        .dict();
    d.set_str("TypeVar", tv::typevar_type().clone());
    d.set_str("ParamSpec", tv::paramspec_type().clone());
    d.set_str("TypeVarTuple", tv::typevartuple_type().clone());
    d.set_str("ParamSpecArgs", tv::paramspec_args_type().clone());
    d.set_str("ParamSpecKwargs", tv::paramspec_kwargs_type().clone());
    d.set_str("TypeAliasType", tv::type_alias_type().clone());
    d.set_str("Generic", tv::generic_type().clone());
    d.set_str("NoDefault", tv::no_default().clone());
    d.set_str(
        "_idfunc",
        new_module_function("_idfunc", idfunc, module.clone()),
    );
    Ok(module)
}

/// `_idfunc(_, x)`: `x` (what `typing.NewType` instances call).
fn idfunc(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("_idfunc", 2, 2)?;
    Ok(a[1].clone())
}
