//! `gc` (CPython's Modules/gcmodule.c), for a pyrs that has no cycle collector yet: objects
//! die by reference counting alone, so `collect()` finds nothing to free and returns 0, and
//! `enable`/`disable`/`isenabled` keep the switch that a collector would obey.
//! FIXME: the cycle collector, and with it `get_objects`, `get_referrers`, thresholds and
//! callbacks.

use std::cell::Cell;

use pyrs_objects::args::Args;
use pyrs_objects::module::{new_module, ModuleData};
use pyrs_objects::native::{new_module_function, NativeFn};
use pyrs_objects::{protocol, PyErr, PyResult, SyncCell, Value};

static ENABLED: SyncCell<Cell<bool>> = SyncCell(Cell::new(true));

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
        ("collect", collect),
    ];
    for (name, f) in functions {
        d.set_str(name, new_module_function(name, *f, module.clone()));
    }
    Ok(module)
}

fn enable(args: Args<'_>) -> PyResult<Value> {
    args.exact("enable", 0, 0)?;
    ENABLED.0.set(true);
    Ok(pyrs_objects::none())
}

fn disable(args: Args<'_>) -> PyResult<Value> {
    args.exact("disable", 0, 0)?;
    ENABLED.0.set(false);
    Ok(pyrs_objects::none())
}

fn isenabled(args: Args<'_>) -> PyResult<Value> {
    args.exact("isenabled", 0, 0)?;
    Ok(pyrs_objects::bool(ENABLED.0.get()))
}

/// `collect(generation=2)`: the number of unreachable objects found, always 0 without a
/// cycle collector.
fn collect(args: Args<'_>) -> PyResult<Value> {
    let [generation] = args.bind("collect", ["generation"], 0, 0, 1)?;
    if let Some(g) = generation {
        let g = protocol::index_isize(&g, false)?;
        if !(0..=2).contains(&g) {
            return Err(PyErr::value_error("invalid generation"));
        }
    }
    Ok(Value::small(0))
}
