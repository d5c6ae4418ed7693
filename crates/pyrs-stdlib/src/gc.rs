//! `gc` (CPython's Modules/gcmodule.c), for a pyrs that has no cycle collector yet: objects
//! die by reference counting alone, and reference cycles are never freed.
//! What a collector would obey is kept and reported back as CPython does: the switch
//! (`enable`/`disable`/`isenabled`), the thresholds (`get_threshold`/`set_threshold`, CPython's
//! defaults), the debug flags (`get_debug`/`set_debug` and the `DEBUG_*` constants); no object
//! is ever in a generation, so `freeze` moves nothing and `get_freeze_count()` stays 0, and
//! `garbage` (what a collector could not free) stays empty.
//! FIXME: the cycle collector, and with it `collect` (absent rather than a 0 that would claim
//! no cycles were found), `get_count`, `get_objects`, `get_referrers`, `get_referents`,
//! `get_stats`, `is_tracked`, `is_finalized` (`__del__` is not yet marked as run once, PEP
//! 442) and `callbacks`.

use std::cell::Cell;

use pyrs_objects::args::Args;
use pyrs_objects::module::{new_module, ModuleData};
use pyrs_objects::native::{new_module_function, NativeFn};
use pyrs_objects::{protocol, PyErr, PyResult, SyncCell, Value};

static ENABLED: SyncCell<Cell<bool>> = SyncCell(Cell::new(true));
/// The three generations' thresholds (CPython 3.13's defaults).
static THRESHOLDS: SyncCell<Cell<[i32; 3]>> = SyncCell(Cell::new([2000, 10, 10]));
/// `set_debug`'s flags.
static DEBUG: SyncCell<Cell<i32>> = SyncCell(Cell::new(0));

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
    d.set_str("garbage", pyrs_objects::list::new(Vec::new()));
    Ok(module)
}

fn enable(args: Args<'_>) -> PyResult<Value> {
    args.exact("gc.enable", 0, 0)?;
    ENABLED.0.set(true);
    Ok(pyrs_objects::none())
}

fn disable(args: Args<'_>) -> PyResult<Value> {
    args.exact("gc.disable", 0, 0)?;
    ENABLED.0.set(false);
    Ok(pyrs_objects::none())
}

fn isenabled(args: Args<'_>) -> PyResult<Value> {
    args.exact("gc.isenabled", 0, 0)?;
    Ok(pyrs_objects::bool(ENABLED.0.get()))
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
    let t = THRESHOLDS.0.get();
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
    let mut t = THRESHOLDS.0.get();
    for (slot, v) in t.iter_mut().zip(pos) {
        *slot = c_int(v)?;
    }
    THRESHOLDS.0.set(t);
    Ok(pyrs_objects::none())
}

/// `get_debug()`: the debug flags.
fn get_debug(args: Args<'_>) -> PyResult<Value> {
    args.exact("gc.get_debug", 0, 0)?;
    Ok(Value::small(DEBUG.0.get() as i64))
}

/// `set_debug(flags)`.
fn set_debug(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("gc.set_debug", 1, 1)?;
    DEBUG.0.set(c_int(&a[0])?);
    Ok(pyrs_objects::none())
}

/// `freeze()`: moves every object of the generations to the permanent one; there are none.
fn freeze(args: Args<'_>) -> PyResult<Value> {
    args.exact("gc.freeze", 0, 0)?;
    Ok(pyrs_objects::none())
}

/// `unfreeze()`: moves the permanent generation back to the oldest; it is empty.
fn unfreeze(args: Args<'_>) -> PyResult<Value> {
    args.exact("gc.unfreeze", 0, 0)?;
    Ok(pyrs_objects::none())
}

/// `get_freeze_count()`: the size of the permanent generation, always 0.
fn get_freeze_count(args: Args<'_>) -> PyResult<Value> {
    args.exact("gc.get_freeze_count", 0, 0)?;
    Ok(Value::small(0))
}
