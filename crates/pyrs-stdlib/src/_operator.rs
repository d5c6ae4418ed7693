//! The `_operator` module (CPython's Modules/_operator.c), reduced to `_compare_digest`, the
//! constant-time comparison `hmac.compare_digest` is; operator.py's pure-Python functions
//! serve everything else (its `from _operator import *` finds no public names here).

use pyrs_objects::str::StrData;
use pyrs_objects::{bytes, Args, PyErr, PyResult, Value};

use crate::argconv::{add_functions, module_dict, type_name};

/// `_operator.__doc__`, which operator.py takes as its own.
const DOC: &str = "Operator interface.\n\nThis module exports a set of functions implemented in C \
corresponding\nto the intrinsic operators of Python.  For example, operator.add(x, y)\nis \
equivalent to the expression x+y.  The function names are those\nused for special methods; \
variants without leading and trailing\n'__' are also provided for convenience.";

/// Makes the module.
pub(crate) fn init() -> PyResult<Value> {
    let module = pyrs_objects::module::new_module("_operator");
    module_dict(&module).set_str("__doc__", pyrs_objects::str::new(DOC));
    add_functions(&module, &[("_compare_digest", compare_digest)]);
    Ok(module)
}

/// Whether `a == b`, in time that depends on the length of `b` only.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    let mut result = (a.len() != b.len()) as u8;
    // Compare against `a` itself when the lengths differ, so the loop still runs over `b`.
    let left = if a.len() == b.len() { a } else { b };
    for (x, y) in left.iter().zip(b) {
        result |= x ^ y;
    }
    result == 0
}

fn compare_digest(args: Args<'_>) -> PyResult<Value> {
    let pos = args.exact("_compare_digest", 2, 2)?;
    let (a, b) = (&pos[0], &pos[1]);
    let equal = match (a.downcast::<StrData>(), b.downcast::<StrData>()) {
        (Some(x), Some(y)) => {
            if !x.is_ascii() || !y.is_ascii() {
                return Err(PyErr::type_error(
                    "comparing strings with non-ASCII characters is not supported",
                ));
            }
            let (x, y) = (x.to_string_lossy(), y.to_string_lossy());
            constant_time_eq(x.as_bytes(), y.as_bytes())
        }
        _ => {
            let (x, y) = (bytes::buffer(a), bytes::buffer(b));
            match (x, y) {
                (Some(x), Some(y)) => constant_time_eq(&x, &y),
                (None, None) => {
                    return Err(PyErr::type_error(format!(
                        "unsupported operand types(s) or combination of types: '{}' and '{}'",
                        type_name(a),
                        type_name(b)
                    )))
                }
                (None, _) => return Err(not_buffer(a)),
                (_, None) => return Err(not_buffer(b)),
            }
        }
    };
    Ok(pyrs_objects::bool(equal))
}

fn not_buffer(v: &Value) -> PyErr {
    PyErr::type_error(format!(
        "a bytes-like object is required, not '{}'",
        type_name(v)
    ))
}
