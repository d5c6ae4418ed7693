//! `_weakref` (CPython's Modules/_weakref.c): the weak reference types of
//! `pyrs_objects::weakref` and the functions `weakref.py` and `_weakrefset.py` import.

use pyrs_objects::args::Args;
use pyrs_objects::dict::DictData;
use pyrs_objects::module::new_module;
use pyrs_objects::native::new_module_function;
use pyrs_objects::weakref as wr;
use pyrs_objects::{int, list, protocol, PyErr, PyResult, Value};

/// Makes the `_weakref` module.
pub(crate) fn init() -> PyResult<Value> {
    let module = new_module("_weakref");
    let d = module
        .downcast::<pyrs_objects::module::ModuleData>()
        .ok_or_else(|| PyErr::system_error("_weakref: not a module"))?
        .dict();
    d.set_str("ref", wr::ref_type().clone());
    d.set_str("ReferenceType", wr::ref_type().clone());
    d.set_str("ProxyType", wr::proxy_type().clone());
    d.set_str("CallableProxyType", wr::callable_proxy_type().clone());
    let functions: [(&'static str, pyrs_objects::native::NativeFn); 4] = [
        ("getweakrefcount", getweakrefcount),
        ("getweakrefs", getweakrefs),
        ("proxy", proxy),
        ("_remove_dead_weakref", remove_dead_weakref),
    ];
    for (name, f) in functions {
        d.set_str(name, new_module_function(name, f, module.clone()));
    }
    Ok(module)
}

fn getweakrefcount(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("_weakref.getweakrefcount", 1, 1)?;
    Ok(int::from_i64(wr::weakref_count(&a[0]) as i64))
}

fn getweakrefs(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("_weakref.getweakrefs", 1, 1)?;
    Ok(list::new(wr::weakrefs_of(&a[0])))
}

fn proxy(args: Args<'_>) -> PyResult<Value> {
    args.no_kwargs("proxy")?;
    let pos = args.pos();
    match pos.len() {
        1 | 2 => wr::new_proxy(&pos[0], pos.get(1).cloned()),
        0 => Err(PyErr::type_error(
            "proxy expected at least 1 argument, got 0",
        )),
        n => Err(PyErr::type_error(format!(
            "proxy expected at most 2 arguments, got {n}"
        ))),
    }
}

/// `_remove_dead_weakref(dict, key)`: deletes `dict[key]` if it is a dead weak reference.
fn remove_dead_weakref(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("_remove_dead_weakref", 2, 2)?;
    let Some(dict) = a[0].downcast::<DictData>() else {
        return Err(PyErr::type_error(format!(
            "_remove_dead_weakref() argument 1 must be dict, not {}",
            a[0].type_data().name()
        )));
    };
    if let Some(value) = dict.get_item(&a[1])? {
        if wr::is_ref(&value) && wr::referent_of(&value).is_none() {
            protocol::setitem(&a[0], &a[1], None)?;
        }
    }
    Ok(pyrs_objects::none())
}
