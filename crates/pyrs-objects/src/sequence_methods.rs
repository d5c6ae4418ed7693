//! Methods of `slice` objects (`indices`, and the `start`/`stop`/`step` attributes).

use crate::args::Args;
use crate::error::{PyErr, PyResult};
use crate::native::{MethodDef, MethodKind};
use crate::sequence::SliceData;
use crate::value::Value;

fn slice_of(v: &Value) -> PyResult<&SliceData> {
    v.downcast::<SliceData>()
        .ok_or_else(|| PyErr::system_error("bad slice"))
}

fn start(v: &Value) -> PyResult<Value> {
    Ok(slice_of(v)?.start.clone())
}

fn stop(v: &Value) -> PyResult<Value> {
    Ok(slice_of(v)?.stop.clone())
}

fn step(v: &Value) -> PyResult<Value> {
    Ok(slice_of(v)?.step.clone())
}

fn indices(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("indices", 2, 2)?;
    let n = crate::protocol::index_isize(&a[1], false)?;
    if n < 0 {
        return Err(PyErr::value_error("length should not be negative"));
    }
    let r = slice_of(&a[0])?.resolve(n as usize)?;
    Ok(crate::tuple::new(vec![
        crate::int::from_i64(r.start as i64),
        crate::int::from_i64(r.stop as i64),
        crate::int::from_i64(r.step as i64),
    ]))
}

/// The `slice` type's methods and attributes.
pub(crate) const SLICE_METHODS: &[MethodDef] = &[
    MethodDef::new("start", MethodKind::GetSet(start, None)),
    MethodDef::new("stop", MethodKind::GetSet(stop, None)),
    MethodDef::new("step", MethodKind::GetSet(step, None)),
    MethodDef::new("indices", MethodKind::Method(indices)),
    MethodDef::new("__reduce__", MethodKind::Method(slice_reduce)),
];

/// `slice.__reduce__()`: `(slice, (start, stop, step))`.
fn slice_reduce(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("__reduce__", 1, 1)?;
    let s = &a[0];
    Ok(crate::tuple::new(vec![
        s.class().clone(),
        crate::tuple::new(vec![start(s)?, stop(s)?, step(s)?]),
    ]))
}
