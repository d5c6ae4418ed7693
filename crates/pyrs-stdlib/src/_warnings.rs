//! `_warnings` (CPython's Python/_warnings.c as a module): the interpreter's warning filters
//! and `warn`/`warn_explicit`, which Lib/warnings.py imports in place of its own Python
//! versions (`from _warnings import filters, _defaultaction, _onceregistry, warn,
//! warn_explicit, _filters_mutated`). The machinery itself is `pyrs_vm::warnings`, which the
//! interpreter also uses for its own warnings, so both see the same filters.

use pyrs_objects::args::Args;
use pyrs_objects::module::{new_module, ModuleData};
use pyrs_objects::native::{new_module_function, NativeFn};
use pyrs_objects::str::StrData;
use pyrs_objects::{protocol, str as pystr, tuple, PyErr, PyResult, Value};
use pyrs_vm::warnings;

const DOC: &str = "_warnings provides basic warning filtering support.\n\
                   It is a helper module to speed up interpreter start-up.";

/// Makes the `_warnings` module.
pub(crate) fn init() -> PyResult<Value> {
    let module = new_module("_warnings");
    let d = module
        .downcast::<ModuleData>()
        .ok_or_else(|| PyErr::system_error("_warnings: not a module"))?
        .dict();
    d.set_str("__doc__", pystr::new(DOC));
    d.set_str("filters", warnings::filters());
    d.set_str("_defaultaction", warnings::default_action());
    d.set_str("_onceregistry", warnings::once_registry());
    let functions: &[(&'static str, NativeFn)] = &[
        ("warn", warn),
        ("warn_explicit", warn_explicit),
        ("_filters_mutated", filters_mutated),
    ];
    for (name, f) in functions {
        d.set_str(name, new_module_function(name, *f, module.clone()));
    }
    Ok(module)
}

/// `warn(message, category=None, stacklevel=1, source=None, *, skip_file_prefixes=())`.
fn warn(args: Args<'_>) -> PyResult<Value> {
    let [message, category, stacklevel, source, prefixes] = args.bind(
        "warn",
        [
            "message",
            "category",
            "stacklevel",
            "source",
            "skip_file_prefixes",
        ],
        1,
        0,
        4,
    )?;
    let message = message.expect("required");
    let stacklevel = match &stacklevel {
        Some(n) => protocol::index_isize(n, false)?,
        None => 1,
    };
    let mut skip = Vec::new();
    if let Some(p) = &prefixes {
        let Some(items) = tuple::items_of(p) else {
            return Err(PyErr::type_error(format!(
                "warn() argument 'skip_file_prefixes' must be tuple, not {}",
                p.type_data().name()
            )));
        };
        for item in items {
            if item.downcast::<StrData>().is_none() {
                return Err(PyErr::type_error(format!(
                    "Found non-str '{}' in skip_file_prefixes.",
                    item.type_data().name()
                )));
            }
            skip.push(pystr::text_of(item).unwrap_or_default());
        }
    }
    warnings::py_warn(
        &message,
        category.as_ref(),
        stacklevel,
        source.as_ref(),
        &skip,
    )?;
    Ok(pyrs_objects::none())
}

/// `warn_explicit(message, category, filename, lineno, module=<absent>, registry=None,
/// module_globals=None, source=None)`.
fn warn_explicit(args: Args<'_>) -> PyResult<Value> {
    let [message, category, filename, lineno, module, registry, module_globals, source] = args
        .bind(
            "warn_explicit",
            [
                "message",
                "category",
                "filename",
                "lineno",
                "module",
                "registry",
                "module_globals",
                "source",
            ],
            4,
            0,
            8,
        )?;
    let (message, category) = (message.expect("required"), category.expect("required"));
    let filename = filename.expect("required");
    if filename.downcast::<StrData>().is_none() {
        return Err(PyErr::type_error(format!(
            "warn_explicit() argument 'filename' must be str, not {}",
            filename.type_data().name()
        )));
    }
    let lineno = lineno.expect("required");
    let lineno = protocol::index_isize(&lineno, false)?;
    let lineno = i32::try_from(lineno)
        .map_err(|_| PyErr::overflow_error("Python int too large to convert to C int"))?;
    warnings::py_warn_explicit(
        &message,
        &category,
        &filename,
        i64::from(lineno),
        module.as_ref(),
        registry.as_ref(),
        module_globals.as_ref(),
        source.as_ref(),
    )?;
    Ok(pyrs_objects::none())
}

/// `_filters_mutated()`: Lib/warnings.py calls it whenever it changes `filters`.
fn filters_mutated(args: Args<'_>) -> PyResult<Value> {
    args.exact("_filters_mutated", 0, 0)?;
    warnings::filters_mutated();
    Ok(pyrs_objects::none())
}
