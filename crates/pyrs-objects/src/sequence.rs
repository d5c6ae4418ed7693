//! What the built-in sequences share (CPython's Objects/abstract.c sequence helpers and
//! sliceobject.c): index normalisation, slices and their `indices()`, lexicographic
//! comparison, membership and repetition.

use std::sync::OnceLock;

use crate::args::Args;
use crate::error::{PyErr, PyResult};
use crate::object::Payload;
use crate::protocol;
use crate::typeobject::{CompareOp, TypeBuilder};
use crate::value::Value;
use crate::SyncCell;

/// The payload of a `slice`.
pub struct SliceData {
    /// `start`.
    pub start: Value,
    /// `stop`.
    pub stop: Value,
    /// `step`.
    pub step: Value,
}

impl Payload for SliceData {}

static SLICE_TYPE: OnceLock<SyncCell<Value>> = OnceLock::new();

/// The `slice` type.
pub fn slice_type() -> &'static Value {
    &SLICE_TYPE
        .get_or_init(|| {
            SyncCell(
                TypeBuilder::new::<SliceData>("slice")
                    .slots(|s| {
                        s.repr.set(Some(slice_repr));
                        s.new.set(Some(slice_new));
                        s.richcompare.set(Some(slice_richcompare));
                        s.hash.set(Some(slice_hash));
                    })
                    .methods(crate::sequence_methods::SLICE_METHODS)
                    .build(),
            )
        })
        .0
}

/// `slice(start, stop, step)`.
pub fn new_slice(start: Value, stop: Value, step: Value) -> Value {
    crate::object::alloc(slice_type(), SliceData { start, stop, step })
}

fn slice_of(v: &Value) -> PyResult<&SliceData> {
    v.downcast::<SliceData>()
        .ok_or_else(|| PyErr::system_error("bad slice"))
}

fn slice_repr(v: &Value) -> PyResult<Value> {
    let s = slice_of(v)?;
    Ok(crate::str::new(&format!(
        "slice({}, {}, {})",
        protocol::repr_string(&s.start)?,
        protocol::repr_string(&s.stop)?,
        protocol::repr_string(&s.step)?
    )))
}

fn slice_hash(v: &Value) -> PyResult<i64> {
    let s = slice_of(v)?;
    let t = crate::tuple::new(vec![s.start.clone(), s.stop.clone(), s.step.clone()]);
    protocol::hash(&t)
}

fn slice_richcompare(a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
    let (Some(x), Some(y)) = (a.downcast::<SliceData>(), b.downcast::<SliceData>()) else {
        return Ok(crate::not_implemented());
    };
    compare(
        &[x.start.clone(), x.stop.clone(), x.step.clone()],
        &[y.start.clone(), y.stop.clone(), y.step.clone()],
        op,
    )
}

fn slice_new(_cls: &Value, args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("slice", 1, 3)?;
    let none = crate::none;
    Ok(match a {
        [stop] => new_slice(none(), stop.clone(), none()),
        [start, stop] => new_slice(start.clone(), stop.clone(), none()),
        [start, stop, step] => new_slice(start.clone(), stop.clone(), step.clone()),
        _ => unreachable!("checked by exact"),
    })
}

/// A slice resolved against a length: `start`, `stop`, `step` and the number of items.
#[derive(Clone, Copy, Debug)]
pub struct Resolved {
    /// First index.
    pub start: isize,
    /// End bound.
    pub stop: isize,
    /// Step (never 0).
    pub step: isize,
    /// How many items it selects.
    pub len: usize,
}

impl Resolved {
    /// The selected items of `items`.
    pub fn pick(&self, items: &[Value]) -> Vec<Value> {
        self.indices().map(|i| items[i].clone()).collect()
    }

    /// The selected indices.
    pub fn indices(&self) -> impl Iterator<Item = usize> {
        let (start, step) = (self.start, self.step);
        (0..self.len).map(move |k| (start + k as isize * step) as usize)
    }
}

impl SliceData {
    /// `slice.indices(len)` (CPython's `PySlice_Unpack` + `PySlice_AdjustIndices`).
    pub fn resolve(&self, len: usize) -> PyResult<Resolved> {
        let len = len as isize;
        let step = if protocol::is_none(&self.step) {
            1
        } else {
            let s = slice_index(&self.step)?;
            if s == 0 {
                return Err(PyErr::value_error("slice step cannot be zero"));
            }
            s.max(-isize::MAX)
        };
        let (lower, upper) = if step < 0 { (-1, len - 1) } else { (0, len) };
        let bound = |v: &Value, default: isize| -> PyResult<isize> {
            if protocol::is_none(v) {
                return Ok(default);
            }
            let mut i = slice_index(v)?;
            if i < 0 {
                i = i.saturating_add(len);
                if i < lower {
                    i = lower;
                }
            } else if i > upper {
                i = upper;
            }
            Ok(i)
        };
        let start = bound(&self.start, if step < 0 { upper } else { lower })?;
        let stop = bound(&self.stop, if step < 0 { lower } else { upper })?;
        let n = if step < 0 {
            if stop < start {
                (start - stop - 1) / (-step) + 1
            } else {
                0
            }
        } else if start < stop {
            (stop - start - 1) / step + 1
        } else {
            0
        };
        Ok(Resolved {
            start,
            stop,
            step,
            len: n as usize,
        })
    }
}

fn slice_index(v: &Value) -> PyResult<isize> {
    if !protocol::has_index(v) {
        return Err(PyErr::type_error(
            "slice indices must be integers or None or have an __index__ method",
        ));
    }
    protocol::index_isize(v, true)
}

/// The resolved slice, if `key` is a slice; `Ok(None)` for an index.
pub fn as_slice(key: &Value) -> PyResult<Option<SliceData>> {
    Ok(key.downcast::<SliceData>().map(|s| SliceData {
        start: s.start.clone(),
        stop: s.stop.clone(),
        step: s.step.clone(),
    }))
}

/// An index argument of `name`'s `__getitem__`, or CPython's TypeError "NAME indices must be
/// integers or slices, not T".
pub fn index_arg(key: &Value, name: &str) -> PyResult<isize> {
    if let Some(i) = key.as_small() {
        return Ok(i as isize);
    }
    if !protocol::has_index(key) {
        return Err(PyErr::type_error(format!(
            "{name} indices must be integers or slices, not {}",
            key.type_data().name()
        )));
    }
    protocol::index_isize(key, false)
}

/// `items[i]` with Python's negative indices.
pub fn get(items: &[Value], i: isize) -> Option<Value> {
    let i = normalize(i, items.len())?;
    items.get(i).cloned()
}

/// A Python index made non-negative, if in range.
pub fn normalize(i: isize, len: usize) -> Option<usize> {
    let i = if i < 0 { i + len as isize } else { i };
    (i >= 0 && (i as usize) < len).then_some(i as usize)
}

/// `x in items` by `==` (identity first).
pub fn contains(items: &[Value], x: &Value) -> PyResult<bool> {
    for item in items {
        if protocol::eq(item, x)? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Lexicographic comparison of two sequences (CPython's `list_richcompare`): the first
/// unequal pair decides; else the lengths.
pub fn compare(a: &[Value], b: &[Value], op: CompareOp) -> PyResult<Value> {
    if a.len() != b.len() && matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(crate::bool(op == CompareOp::Ne));
    }
    let mut i = 0;
    while i < a.len() && i < b.len() {
        if !protocol::eq(&a[i], &b[i])? {
            break;
        }
        i += 1;
    }
    if i >= a.len() || i >= b.len() {
        return Ok(crate::bool(crate::int::compare_result(
            a.len().cmp(&b.len()),
            op,
        )));
    }
    match op {
        CompareOp::Eq => Ok(crate::bool(false)),
        CompareOp::Ne => Ok(crate::bool(true)),
        _ => protocol::rich_compare(&a[i], &b[i], op),
    }
}

/// `items * n`.
pub fn repeat(items: &[Value], n: isize) -> PyResult<Vec<Value>> {
    if n <= 0 || items.is_empty() {
        return Ok(Vec::new());
    }
    let total = items
        .len()
        .checked_mul(n as usize)
        .filter(|&t| t < isize::MAX as usize / 8)
        .ok_or_else(|| PyErr::new(crate::ExcKind::MemoryError, ""))?;
    let mut out = try_with_capacity(total)?;
    for _ in 0..n {
        out.extend(items.iter().cloned());
    }
    Ok(out)
}

/// An empty vector with room for `n` items, or MemoryError when that much memory cannot be
/// had (Rust would abort the process).
pub fn try_with_capacity<T>(n: usize) -> PyResult<Vec<T>> {
    let mut v = Vec::new();
    v.try_reserve_exact(n)
        .map_err(|_| PyErr::new(crate::ExcKind::MemoryError, ""))?;
    Ok(v)
}

/// The arguments of a method after `self`, checked as CPython checks a built-in method's
/// positional count (`name` is `list.append` for a one-argument or no-argument method,
/// `index` for one with a signature), no keywords allowed.
pub(crate) fn method_args<'a>(
    args: &Args<'a>,
    name: &str,
    min: usize,
    max: usize,
) -> PyResult<&'a [Value]> {
    args.no_kwargs(name)?;
    let rest = &args.pos()[1..];
    let n = rest.len();
    if n >= min && n <= max {
        return Ok(rest);
    }
    Err(PyErr::type_error(crate::args::count_message(
        name, min, max, n,
    )))
}

/// A `start`/`stop` argument of `index` methods (CPython's `_PyEval_SliceIndexNotNone`),
/// made non-negative and clamped to `len`.
pub(crate) fn index_bound(v: &Value, len: usize) -> PyResult<usize> {
    if !protocol::has_index(v) {
        return Err(PyErr::type_error(
            "slice indices must be integers or have an __index__ method",
        ));
    }
    let i = protocol::index_isize(v, true)?;
    Ok(if i < 0 {
        (i.saturating_add(len as isize)).max(0) as usize
    } else {
        (i as usize).min(len)
    })
}
