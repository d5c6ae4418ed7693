//! The rest of the built-in functions (the numeric, iteration and code-execution builtins).

use pyrs_objects::dict::DictData;
use pyrs_objects::{PyErr, PyResult, Value};

/// Adds this module's functions to the builtins namespace.
pub(crate) fn register(_d: &DictData) {}

/// `iter(callable, sentinel)`.
pub(crate) fn callable_iterator(_callable: Value, _sentinel: Value) -> PyResult<Value> {
    Err(PyErr::not_implemented("iter(callable, sentinel)"))
}

/// `ord()` of a bytes-like object.
pub(crate) fn ord_bytes(v: &Value) -> PyResult<Value> {
    Err(PyErr::type_error(format!(
        "ord() expected string of length 1, but {} found",
        v.type_data().name()
    )))
}
