//! `except*` matching (CPython's `_PyEval_ExceptionGroupMatch`). FIXME: exception groups.

use pyrs_objects::{PyResult, Value};

/// Splits exception `e` by `class`: (rest, match).
pub(crate) fn split(e: &Value, class: &Value) -> PyResult<(Value, Value)> {
    if crate::exc::matches(e, class)? {
        return Ok((pyrs_objects::none(), e.clone()));
    }
    Ok((e.clone(), pyrs_objects::none()))
}
