//! The intrinsics of PEP 695 type parameters and aliases (CPython's Objects/typevarobject.c).
//! FIXME: TypeVar, ParamSpec, TypeVarTuple and TypeAliasType objects.

use pyrs_objects::{PyErr, PyResult, Value};

/// `CALL_INTRINSIC_1` for the typing intrinsics.
pub(crate) fn intrinsic1(oparg: u32, _v: Value) -> PyResult<Value> {
    Err(PyErr::system_error(format!(
        "type parameter intrinsic {oparg} is not supported yet"
    )))
}

/// `CALL_INTRINSIC_2`.
pub(crate) fn intrinsic2(oparg: u32, a: Value, b: Value) -> PyResult<Value> {
    if oparg == 1 {
        return crate::exception_group::prep_reraise_star(a, b);
    }
    Err(PyErr::system_error(format!(
        "intrinsic {oparg} is not supported yet"
    )))
}
