//! `atexit` (CPython's Modules/atexitmodule.c): functions to call when the interpreter
//! exits. The VM calls `atexit._run_exitfuncs()` after the main program ends, when the
//! module was imported.

use std::cell::RefCell;

use pyrs_objects::args::Args;
use pyrs_objects::module::{new_module, ModuleData};
use pyrs_objects::native::{new_module_function, NativeFn};
use pyrs_objects::{int, protocol, tuple, PyErr, PyResult, SyncCell, Value};

/// A registered call: the function, its positional arguments (a tuple) and its keyword
/// arguments (names and values); `None` once unregistered.
type Callback = Option<(Value, Value, Vec<(Value, Value)>)>;

static CALLBACKS: SyncCell<RefCell<Vec<Callback>>> = SyncCell(RefCell::new(Vec::new()));

/// Makes the `atexit` module.
pub(crate) fn init() -> PyResult<Value> {
    let module = new_module("atexit");
    let d = module
        .downcast::<ModuleData>()
        .ok_or_else(|| PyErr::system_error("atexit: not a module"))?
        .dict();
    let functions: &[(&'static str, NativeFn)] = &[
        ("register", register),
        ("unregister", unregister),
        ("_run_exitfuncs", run_exitfuncs),
        ("_clear", clear),
        ("_ncallbacks", ncallbacks),
    ];
    for (name, f) in functions {
        d.set_str(name, new_module_function(name, *f, module.clone()));
    }
    Ok(module)
}

fn register(args: Args<'_>) -> PyResult<Value> {
    let pos = args.pos();
    let Some(func) = pos.first() else {
        return Err(PyErr::type_error(
            "register() takes at least 1 argument (0 given)",
        ));
    };
    if !protocol::is_callable(func) {
        return Err(PyErr::type_error("the first argument must be callable"));
    }
    let kwargs = args.kwargs().map(|(k, v)| (k.clone(), v.clone())).collect();
    CALLBACKS
        .0
        .borrow_mut()
        .push(Some((func.clone(), tuple::new(pos[1..].to_vec()), kwargs)));
    Ok(func.clone())
}

fn unregister(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("unregister", 1, 1)?;
    let count = CALLBACKS.0.borrow().len();
    for i in 0..count {
        let func = match CALLBACKS.0.borrow().get(i) {
            Some(Some((f, _, _))) => f.clone(),
            _ => continue,
        };
        if protocol::eq(&func, &a[0])? {
            if let Some(slot) = CALLBACKS.0.borrow_mut().get_mut(i) {
                let old = slot.take();
                drop(old);
            }
        }
    }
    Ok(pyrs_objects::none())
}

/// Calls the registered functions, last registered first, reporting their exceptions.
fn run_exitfuncs(args: Args<'_>) -> PyResult<Value> {
    args.exact("_run_exitfuncs", 0, 0)?;
    let callbacks = std::mem::take(&mut *CALLBACKS.0.borrow_mut());
    for (func, pos, kwargs) in callbacks.into_iter().rev().flatten() {
        let mut values: Vec<Value> = tuple::items_of(&pos).unwrap_or_default().to_vec();
        let names: Vec<Value> = kwargs.iter().map(|(k, _)| k.clone()).collect();
        values.extend(kwargs.into_iter().map(|(_, v)| v));
        if let Err(err) = protocol::call(&func, Args::new(&values, &names)) {
            let what = protocol::repr_string(&func)
                .unwrap_or_else(|_| "<object repr() failed>".to_string());
            (pyrs_objects::hooks::get().unraisable)(
                &err,
                &format!("Exception ignored in atexit callback {what}"),
                None,
            );
        }
    }
    Ok(pyrs_objects::none())
}

fn clear(args: Args<'_>) -> PyResult<Value> {
    args.exact("_clear", 0, 0)?;
    let old = std::mem::take(&mut *CALLBACKS.0.borrow_mut());
    drop(old);
    Ok(pyrs_objects::none())
}

fn ncallbacks(args: Args<'_>) -> PyResult<Value> {
    args.exact("_ncallbacks", 0, 0)?;
    Ok(int::from_usize(CALLBACKS.0.borrow().len()))
}
