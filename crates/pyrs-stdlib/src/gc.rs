//! `gc` (CPython's Modules/gcmodule.c): the interface to the cycle collector of
//! [`pyrs_objects::gc`] — `collect`, the switch (`enable`/`disable`/`isenabled`), the
//! thresholds and counts, the debug flags, `get_objects`, `get_referrers`/`get_referents`,
//! `callbacks`, `garbage` (filled under `DEBUG_SAVEALL`), `freeze`/`unfreeze`,
//! `is_tracked` and `is_finalized`.

use pyrs_objects::args::Args;
use pyrs_objects::gc;
use pyrs_objects::module::{new_module, ModuleData};
use pyrs_objects::native::{new_module_function, NativeFn};
use pyrs_objects::{protocol, PyErr, PyResult, Value};

/// Makes the `gc` module.
pub(crate) fn init() -> PyResult<Value> {
    let module = new_module("gc");
    let d = module
        .downcast::<ModuleData>()
        .ok_or_else(|| PyErr::system_error("gc: not a module"))?
        .dict();
    let functions: &[(&'static str, NativeFn)] = &[
        ("enable", enable),
        ("disable", disable),
        ("isenabled", isenabled),
        ("get_threshold", get_threshold),
        ("set_threshold", set_threshold),
        ("get_debug", get_debug),
        ("set_debug", set_debug),
        ("freeze", freeze),
        ("unfreeze", unfreeze),
        ("get_freeze_count", get_freeze_count),
        ("collect", collect),
        ("get_count", get_count),
        ("get_stats", get_stats),
        ("get_objects", get_objects),
        ("get_referrers", get_referrers),
        ("get_referents", get_referents),
        ("is_tracked", is_tracked),
        ("is_finalized", is_finalized),
    ];
    for (name, f) in functions {
        d.set_str(name, new_module_function(name, *f, module.clone()));
    }
    for (name, value) in [
        ("DEBUG_STATS", 1),
        ("DEBUG_COLLECTABLE", 2),
        ("DEBUG_UNCOLLECTABLE", 4),
        ("DEBUG_SAVEALL", 32),
        ("DEBUG_LEAK", 38),
    ] {
        d.set_str(name, Value::small(value));
    }
    let callbacks = pyrs_objects::list::new(Vec::new());
    let garbage = pyrs_objects::list::new(Vec::new());
    gc::install_lists(callbacks.clone(), garbage.clone());
    d.set_str("callbacks", callbacks);
    d.set_str("garbage", garbage);
    Ok(module)
}

fn enable(args: Args<'_>) -> PyResult<Value> {
    args.exact("gc.enable", 0, 0)?;
    gc::set_enabled(true);
    Ok(pyrs_objects::none())
}

fn disable(args: Args<'_>) -> PyResult<Value> {
    args.exact("gc.disable", 0, 0)?;
    gc::set_enabled(false);
    Ok(pyrs_objects::none())
}

fn isenabled(args: Args<'_>) -> PyResult<Value> {
    args.exact("gc.isenabled", 0, 0)?;
    Ok(pyrs_objects::bool(gc::is_enabled()))
}

/// An argument converted as CPython's `i` format does (a C `int`).
fn c_int(v: &Value) -> PyResult<i32> {
    let n = protocol::index_isize(v, false)?;
    i32::try_from(n).map_err(|_| {
        PyErr::overflow_error(if n < 0 {
            "signed integer is less than minimum"
        } else {
            "signed integer is greater than maximum"
        })
    })
}

/// `get_threshold()`: the three thresholds, as a tuple.
fn get_threshold(args: Args<'_>) -> PyResult<Value> {
    args.exact("gc.get_threshold", 0, 0)?;
    let t = gc::get_threshold();
    Ok(pyrs_objects::tuple::new(
        t.iter().map(|&n| Value::small(n as i64)).collect(),
    ))
}

/// `set_threshold(threshold0[, threshold1[, threshold2]])`: the ones given change.
fn set_threshold(args: Args<'_>) -> PyResult<Value> {
    args.no_kwargs("set_threshold")?;
    let pos = args.pos();
    if pos.is_empty() || pos.len() > 3 {
        return Err(PyErr::type_error(
            "gc.set_threshold requires 1 to 3 arguments",
        ));
    }
    let mut t = gc::get_threshold();
    for (slot, v) in t.iter_mut().zip(pos) {
        *slot = c_int(v)?;
    }
    gc::set_threshold(t);
    Ok(pyrs_objects::none())
}

/// `get_debug()`: the debug flags.
fn get_debug(args: Args<'_>) -> PyResult<Value> {
    args.exact("gc.get_debug", 0, 0)?;
    Ok(Value::small(gc::get_debug() as i64))
}

/// `set_debug(flags)`.
fn set_debug(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("gc.set_debug", 1, 1)?;
    gc::set_debug(c_int(&a[0])?);
    Ok(pyrs_objects::none())
}

/// `freeze()`: moves every tracked object to the permanent generation.
fn freeze(args: Args<'_>) -> PyResult<Value> {
    args.exact("gc.freeze", 0, 0)?;
    gc::freeze();
    Ok(pyrs_objects::none())
}

/// `unfreeze()`: moves the permanent generation back to the oldest.
fn unfreeze(args: Args<'_>) -> PyResult<Value> {
    args.exact("gc.unfreeze", 0, 0)?;
    gc::unfreeze();
    Ok(pyrs_objects::none())
}

/// `get_freeze_count()`: the size of the permanent generation.
fn get_freeze_count(args: Args<'_>) -> PyResult<Value> {
    args.exact("gc.get_freeze_count", 0, 0)?;
    Ok(Value::small(gc::get_freeze_count() as i64))
}

/// `collect(generation=2)`: the number of unreachable objects found.
fn collect(args: Args<'_>) -> PyResult<Value> {
    let [g] = args.bind("collect", ["generation"], 0, 0, 1)?;
    let g = match g {
        Some(g) => c_int(&g)?,
        None => 2,
    };
    if !(0..3).contains(&g) {
        return Err(PyErr::value_error("invalid generation"));
    }
    let r = gc::collect(g as usize);
    Ok(Value::small((r.collected + r.uncollectable) as i64))
}

/// `get_count()`: the three generations' counts.
fn get_count(args: Args<'_>) -> PyResult<Value> {
    args.exact("gc.get_count", 0, 0)?;
    Ok(pyrs_objects::tuple::new(
        gc::get_count()
            .iter()
            .map(|&n| Value::small(n as i64))
            .collect(),
    ))
}

/// `get_stats()`: a dict per generation.
fn get_stats(args: Args<'_>) -> PyResult<Value> {
    args.exact("gc.get_stats", 0, 0)?;
    let mut out = Vec::new();
    for [collections, collected, uncollectable] in gc::get_stats() {
        let d = pyrs_objects::dict::new();
        if let Some(data) = d.downcast::<pyrs_objects::dict::DictData>() {
            data.set_str("collections", Value::small(collections as i64));
            data.set_str("collected", Value::small(collected as i64));
            data.set_str("uncollectable", Value::small(uncollectable as i64));
        }
        out.push(d);
    }
    Ok(pyrs_objects::list::new(out))
}

/// `get_objects(generation=None)`: the tracked objects (of one generation).
fn get_objects(args: Args<'_>) -> PyResult<Value> {
    let [g] = args.bind("get_objects", ["generation"], 0, 0, 1)?;
    let g = match g {
        Some(g) if !protocol::is_none(&g) => {
            let n = protocol::index_isize(&g, false)?;
            if n >= 3 {
                return Err(PyErr::value_error(
                    "generation parameter must be less than the number of available \
                     generations (3)",
                ));
            }
            usize::try_from(n).ok()
        }
        _ => None,
    };
    Ok(pyrs_objects::list::new(gc::get_objects(g)))
}

/// `get_referrers(*objs)`: the tracked objects that refer to any of `objs`.
fn get_referrers(args: Args<'_>) -> PyResult<Value> {
    args.no_kwargs("get_referrers")?;
    Ok(pyrs_objects::list::new(gc::get_referrers(args.pos())))
}

/// `get_referents(*objs)`: the objects that any of `objs` refers to.
fn get_referents(args: Args<'_>) -> PyResult<Value> {
    args.no_kwargs("get_referents")?;
    let mut out = Vec::new();
    for obj in args.pos() {
        out.extend(gc::get_referents(obj));
    }
    Ok(pyrs_objects::list::new(out))
}

/// Whether CPython would have `obj` tracked: it leaves the empty tuple out, and keeps a dict
/// untracked until a key or value that may be tracked goes in (pyrs's own dicts follow that
/// rule when made by `{}` or `dict()`, not yet when made by copying).
fn cpython_tracked(obj: &Value) -> bool {
    if !gc::is_tracked(obj) {
        return false;
    }
    if let Some(t) = obj.downcast::<pyrs_objects::tuple::TupleData>() {
        return !t.items().is_empty();
    }
    if obj.is_exact(&pyrs_objects::types().dict) {
        let mut any = false;
        gc::traverse(obj, &mut |v| any |= gc::may_be_tracked(v));
        return any;
    }
    true
}

/// `is_tracked(obj)`.
fn is_tracked(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("is_tracked", 1, 1)?;
    Ok(pyrs_objects::bool(cpython_tracked(&a[0])))
}

/// `is_finalized(obj)`.
fn is_finalized(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("is_finalized", 1, 1)?;
    Ok(pyrs_objects::bool(gc::is_finalized(&a[0])))
}
