//! The intrinsics of PEP 695 type parameters and aliases (CPython's `_PyIntrinsics_*` that
//! call into Objects/typevarobject.c): what `def f[T: int]()`, `class C[*Ts]` and
//! `type X = ...` compile to. The objects themselves are [`pyrs_objects::typevar`]'s.

use pyrs_objects::typevar::{self, ParamKind};
use pyrs_objects::{PyErr, PyResult, Value};

use crate::function::FunctionData;

/// `CALL_INTRINSIC_1` for the typing intrinsics (7–11).
pub(crate) fn intrinsic1(oparg: u32, v: Value) -> PyResult<Value> {
    match oparg {
        // INTRINSIC_TYPEVAR, INTRINSIC_PARAMSPEC, INTRINSIC_TYPEVARTUPLE: the name.
        7 => Ok(typevar::make_from_syntax(ParamKind::TypeVar, v, None, None)),
        8 => Ok(typevar::make_from_syntax(
            ParamKind::ParamSpec,
            v,
            None,
            None,
        )),
        9 => Ok(typevar::make_from_syntax(
            ParamKind::TypeVarTuple,
            v,
            None,
            None,
        )),
        // INTRINSIC_SUBSCRIPT_GENERIC: `Generic[*params]`, a generic class's implicit base.
        10 => typevar::subscript_generic(v),
        // INTRINSIC_TYPEALIAS: (name, type_params or None, compute_value).
        11 => {
            let items = pyrs_objects::tuple::items_of(&v)
                .filter(|t| t.len() == 3)
                .ok_or_else(|| PyErr::system_error("INTRINSIC_TYPEALIAS expects a 3-tuple"))?;
            let params = if pyrs_objects::protocol::is_none(&items[1]) {
                None
            } else {
                Some(items[1].clone())
            };
            Ok(typevar::make_type_alias(
                items[0].clone(),
                params,
                items[2].clone(),
            ))
        }
        _ => Err(PyErr::system_error(format!(
            "invalid intrinsic function {oparg}"
        ))),
    }
}

/// `CALL_INTRINSIC_2`.
pub(crate) fn intrinsic2(oparg: u32, a: Value, b: Value) -> PyResult<Value> {
    match oparg {
        1 => crate::exception_group::prep_reraise_star(a, b),
        // INTRINSIC_TYPEVAR_WITH_BOUND: (name, evaluate_bound).
        2 => Ok(typevar::make_from_syntax(
            ParamKind::TypeVar,
            a,
            Some(b),
            None,
        )),
        // INTRINSIC_TYPEVAR_WITH_CONSTRAINTS: (name, evaluate_constraints).
        3 => Ok(typevar::make_from_syntax(
            ParamKind::TypeVar,
            a,
            None,
            Some(b),
        )),
        // INTRINSIC_SET_FUNCTION_TYPE_PARAMS: (function, type_params).
        4 => {
            if let Some(fd) = a.downcast::<FunctionData>() {
                *fd.type_params.borrow_mut() = b;
            }
            Ok(a)
        }
        // INTRINSIC_SET_TYPEPARAM_DEFAULT: (type parameter, evaluate_default).
        5 => typevar::set_default_evaluator(&a, b),
        _ => Err(PyErr::system_error(format!(
            "invalid intrinsic function {oparg}"
        ))),
    }
}
