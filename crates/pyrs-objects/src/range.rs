//! The `range` type and its iterators (CPython's Objects/rangeobject.c): an immutable
//! arithmetic sequence of ints of any size, with O(1) length, indexing, slicing (which gives
//! a range) and membership for ints.
//!
//! A range whose bounds fit an `i64` iterates with `range_iterator`; others with
//! `longrange_iterator`, as in CPython.

use std::cell::{Cell, RefCell};
use std::sync::OnceLock;

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use crate::args::Args;
use crate::error::{PyErr, PyResult};
use crate::int::{self, as_int, IntRef};
use crate::native::{MethodDef, MethodKind};
use crate::object::Payload;
use crate::protocol;
use crate::sequence::SliceData;
use crate::typeobject::{CompareOp, TypeBuilder};
use crate::value::Value;
use crate::SyncCell;

/// The payload of a `range`.
pub struct RangeData {
    /// `start`.
    pub start: BigInt,
    /// `stop`.
    pub stop: BigInt,
    /// `step` (never zero).
    pub step: BigInt,
    /// The number of items.
    pub len: BigInt,
}

impl Payload for RangeData {}

/// The number of items of `range(start, stop, step)` (CPython's `compute_range_length`).
fn length(start: &BigInt, stop: &BigInt, step: &BigInt) -> BigInt {
    let (lo, hi, step) = if step.is_positive() {
        (start, stop, step.clone())
    } else {
        (stop, start, -step)
    };
    if lo >= hi {
        return BigInt::zero();
    }
    (hi - lo - BigInt::one()) / step + BigInt::one()
}

impl RangeData {
    /// `range(start, stop, step)`; `step` must not be zero.
    pub fn new(start: BigInt, stop: BigInt, step: BigInt) -> RangeData {
        let len = length(&start, &stop, &step);
        RangeData {
            start,
            stop,
            step,
            len,
        }
    }

    /// The item at `i` (which must be within `0..len`).
    fn item(&self, i: &BigInt) -> BigInt {
        &self.start + i * &self.step
    }

    /// Whether the int `x` is an item.
    fn contains_int(&self, x: &BigInt) -> bool {
        let in_bounds = if self.step.is_positive() {
            &self.start <= x && x < &self.stop
        } else {
            &self.stop < x && x <= &self.start
        };
        in_bounds && (x - &self.start).mod_floor(&self.step).is_zero()
    }

    /// The `i64` bounds, when everything fits (the fast iterator).
    fn small(&self) -> Option<(i64, i64, i64)> {
        Some((
            self.start.to_i64()?,
            self.step.to_i64()?,
            self.len.to_i64()?,
        ))
    }
}

struct RangeTypes {
    range: Value,
    iter: Value,
    long_iter: Value,
}

static TYPES: OnceLock<SyncCell<RangeTypes>> = OnceLock::new();

fn range_types() -> &'static RangeTypes {
    &TYPES
        .get_or_init(|| {
            let range = TypeBuilder::new::<RangeData>("range")
                .slots(|s| {
                    s.repr.set(Some(range_repr));
                    s.hash.set(Some(range_hash));
                    s.richcompare.set(Some(range_richcompare));
                    s.len.set(Some(range_len));
                    s.bool.set(Some(|r| Ok(!data(r).len.is_zero())));
                    s.getitem.set(Some(range_getitem));
                    s.contains.set(Some(range_contains));
                    s.iter.set(Some(range_iter));
                    s.new.set(Some(range_new));
                })
                .methods(RANGE_METHODS)
                .build();
            let iter = TypeBuilder::new::<RangeIter>("range_iterator")
                .slots(|s| {
                    s.iter.set(Some(|it| Ok(it.clone())));
                    s.next.set(Some(range_iter_next));
                })
                .methods(ITER_METHODS)
                .build();
            let long_iter = TypeBuilder::new::<LongRangeIter>("longrange_iterator")
                .slots(|s| {
                    s.iter.set(Some(|it| Ok(it.clone())));
                    s.next.set(Some(long_iter_next));
                })
                .methods(LONG_ITER_METHODS)
                .build();
            SyncCell(RangeTypes {
                range,
                iter,
                long_iter,
            })
        })
        .0
}

/// The `range` type.
pub fn range_type() -> &'static Value {
    &range_types().range
}

/// A new `range` (`step` must not be zero).
pub fn new(start: BigInt, stop: BigInt, step: BigInt) -> Value {
    crate::object::alloc(range_type(), RangeData::new(start, stop, step))
}

fn data(r: &Value) -> &RangeData {
    r.downcast::<RangeData>().expect("range slot on a range")
}

fn big(v: &Value) -> PyResult<BigInt> {
    let i = protocol::index(v)?;
    Ok(as_int(&i).map(IntRef::to_bigint).unwrap_or_default())
}

fn range_new(_cls: &Value, args: Args<'_>) -> PyResult<Value> {
    args.no_kwargs("range")?;
    let a = args.pos();
    let (start, stop, step) = match a {
        [] => {
            return Err(PyErr::type_error(
                "range expected at least 1 argument, got 0",
            ))
        }
        [stop] => (BigInt::zero(), big(stop)?, BigInt::one()),
        [start, stop] => (big(start)?, big(stop)?, BigInt::one()),
        [start, stop, step] => {
            let (start, stop, step) = (big(start)?, big(stop)?, big(step)?);
            if step.is_zero() {
                return Err(PyErr::value_error("range() arg 3 must not be zero"));
            }
            (start, stop, step)
        }
        _ => {
            return Err(PyErr::type_error(format!(
                "range expected at most 3 arguments, got {}",
                a.len()
            )))
        }
    };
    Ok(new(start, stop, step))
}

fn range_repr(r: &Value) -> PyResult<Value> {
    let d = data(r);
    let text = if d.step.is_one() {
        format!("range({}, {})", d.start, d.stop)
    } else {
        format!("range({}, {}, {})", d.start, d.stop, d.step)
    };
    Ok(crate::str::new(&text))
}

fn range_len(r: &Value) -> PyResult<usize> {
    data(r)
        .len
        .to_isize()
        .map(|n| n as usize)
        .ok_or_else(|| PyErr::overflow_error("Python int too large to convert to C ssize_t"))
}

/// CPython's range hash: the hash of `(len, start, step)`, with `start` and `step` replaced
/// by None when they do not matter.
fn range_hash(r: &Value) -> PyResult<i64> {
    let d = data(r);
    let len = int::from_bigint(d.len.clone());
    let none = crate::none;
    let t = if d.len.is_zero() {
        crate::tuple::new(vec![len, none(), none()])
    } else if d.len.is_one() {
        crate::tuple::new(vec![len, int::from_bigint(d.start.clone()), none()])
    } else {
        crate::tuple::new(vec![
            len,
            int::from_bigint(d.start.clone()),
            int::from_bigint(d.step.clone()),
        ])
    };
    protocol::hash(&t)
}

fn equal(a: &RangeData, b: &RangeData) -> bool {
    if a.len != b.len {
        return false;
    }
    if a.len.is_zero() {
        return true;
    }
    if a.start != b.start {
        return false;
    }
    a.len.is_one() || a.step == b.step
}

fn range_richcompare(a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
    let (Some(x), Some(y)) = (a.downcast::<RangeData>(), b.downcast::<RangeData>()) else {
        return Ok(crate::not_implemented());
    };
    match op {
        CompareOp::Eq => Ok(crate::bool(a.is(b) || equal(x, y))),
        CompareOp::Ne => Ok(crate::bool(!(a.is(b) || equal(x, y)))),
        _ => Ok(crate::not_implemented()),
    }
}

/// A slice's bounds resolved against a length of any size (CPython's
/// `_PySlice_GetLongIndices`).
pub fn slice_indices_big(s: &SliceData, len: &BigInt) -> PyResult<(BigInt, BigInt, BigInt)> {
    let index = |v: &Value| -> PyResult<BigInt> {
        if !protocol::has_index(v) {
            return Err(PyErr::type_error(
                "slice indices must be integers or None or have an __index__ method",
            ));
        }
        big(v)
    };
    let step = if protocol::is_none(&s.step) {
        BigInt::one()
    } else {
        let step = index(&s.step)?;
        if step.is_zero() {
            return Err(PyErr::value_error("slice step cannot be zero"));
        }
        step
    };
    let negative = step.is_negative();
    let (lower, upper) = if negative {
        (-BigInt::one(), len - BigInt::one())
    } else {
        (BigInt::zero(), len.clone())
    };
    let bound = |v: &Value, default: &BigInt| -> PyResult<BigInt> {
        if protocol::is_none(v) {
            return Ok(default.clone());
        }
        let mut i = index(v)?;
        if i.is_negative() {
            i += len;
            if i < lower {
                i = lower.clone();
            }
        } else if i > upper {
            i = upper.clone();
        }
        Ok(i)
    };
    let start = bound(&s.start, if negative { &upper } else { &lower })?;
    let stop = bound(&s.stop, if negative { &lower } else { &upper })?;
    Ok((start, stop, step))
}

fn range_getitem(r: &Value, key: &Value) -> PyResult<Value> {
    let d = data(r);
    if let Some(s) = key.downcast::<SliceData>() {
        let (start, stop, step) = slice_indices_big(s, &d.len)?;
        return Ok(new(d.item(&start), d.item(&stop), &d.step * step));
    }
    if !protocol::has_index(key) {
        return Err(PyErr::type_error(format!(
            "range indices must be integers or slices, not {}",
            key.type_data().name()
        )));
    }
    let mut i = big(key)?;
    if i.is_negative() {
        i += &d.len;
    }
    if i.is_negative() || i >= d.len {
        return Err(PyErr::index_error("range object index out of range"));
    }
    Ok(int::from_bigint(d.item(&i)))
}

/// Whether `x` is an exact `int` or `bool` (what the O(1) membership test accepts).
fn exact_int(x: &Value) -> Option<BigInt> {
    let t = crate::types();
    if x.is_small() || x.is_exact(&t.int) || x.is_exact(&t.bool) {
        return as_int(x).map(IntRef::to_bigint);
    }
    None
}

fn range_contains(r: &Value, x: &Value) -> PyResult<bool> {
    if let Some(i) = exact_int(x) {
        return Ok(data(r).contains_int(&i));
    }
    let it = range_iter(r)?;
    while let Some(item) = protocol::next(&it)? {
        if protocol::eq(&item, x)? {
            return Ok(true);
        }
    }
    Ok(false)
}

fn this<'a>(args: &Args<'a>, name: &str) -> PyResult<&'a RangeData> {
    protocol::self_payload::<RangeData>(&args.pos()[0], name, "range")
}

fn count(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("count", 2, 2)?;
    let d = this(&args, "count")?;
    if let Some(i) = exact_int(&a[1]) {
        return Ok(Value::small(d.contains_int(&i) as i64));
    }
    let it = range_iter(&a[0])?;
    let mut n: i64 = 0;
    while let Some(item) = protocol::next(&it)? {
        if protocol::eq(&item, &a[1])? {
            n += 1;
        }
    }
    Ok(int::from_i64(n))
}

fn index(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("index", 2, 2)?;
    let d = this(&args, "index")?;
    if let Some(i) = exact_int(&a[1]) {
        if !d.contains_int(&i) {
            return Err(PyErr::value_error(format!(
                "{} is not in range",
                protocol::repr_string(&a[1])?
            )));
        }
        return Ok(int::from_bigint((i - &d.start) / &d.step));
    }
    let it = range_iter(&a[0])?;
    let mut n: i64 = 0;
    while let Some(item) = protocol::next(&it)? {
        if protocol::eq(&item, &a[1])? {
            return Ok(int::from_i64(n));
        }
        n += 1;
    }
    Err(PyErr::value_error("sequence.index(x): x not in sequence"))
}

fn reversed(args: Args<'_>) -> PyResult<Value> {
    args.exact("__reversed__", 1, 1)?;
    let d = this(&args, "__reversed__")?;
    let last = if d.len.is_zero() {
        d.start.clone()
    } else {
        d.item(&(&d.len - BigInt::one()))
    };
    Ok(make_iter(last, -&d.step, d.len.clone()))
}

fn start(r: &Value) -> PyResult<Value> {
    Ok(int::from_bigint(data(r).start.clone()))
}

fn stop(r: &Value) -> PyResult<Value> {
    Ok(int::from_bigint(data(r).stop.clone()))
}

fn step(r: &Value) -> PyResult<Value> {
    Ok(int::from_bigint(data(r).step.clone()))
}

const RANGE_METHODS: &[MethodDef] = &[
    MethodDef::new("count", MethodKind::Method(count)),
    MethodDef::new("index", MethodKind::Method(index)),
    MethodDef::new("__reversed__", MethodKind::Method(reversed)),
    MethodDef::new("start", MethodKind::GetSet(start, None)),
    MethodDef::new("stop", MethodKind::GetSet(stop, None)),
    MethodDef::new("step", MethodKind::GetSet(step, None)),
    MethodDef::new("__reduce__", MethodKind::Method(range_reduce)),
];

/// `range.__reduce__()`: `(range, (start, stop, step))`.
fn range_reduce(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("__reduce__", 1, 1)?;
    let r = &a[0];
    Ok(crate::tuple::new(vec![
        r.class().clone(),
        crate::tuple::new(vec![start(r)?, stop(r)?, step(r)?]),
    ]))
}

// ---------------------------------------------------------------------------------------
// Iterators.

/// The payload of `range_iterator`: the next value, the step and how many are left.
pub struct RangeIter {
    next: Cell<i64>,
    step: i64,
    left: Cell<i64>,
}

impl Payload for RangeIter {}

/// The payload of `longrange_iterator`.
pub struct LongRangeIter {
    state: RefCell<(BigInt, BigInt, BigInt)>,
}

impl Payload for LongRangeIter {}

fn make_iter(start: BigInt, step: BigInt, len: BigInt) -> Value {
    // The fast iterator needs every value it produces, and the one after, to fit.
    let fits = (|| {
        let s = start.to_i64()?;
        let st = step.to_i64()?;
        let n = len.to_i64()?;
        let end = s as i128 + st as i128 * n as i128;
        i64::try_from(end).ok()?;
        Some((s, st, n))
    })();
    match fits {
        Some((next, step, left)) => crate::object::alloc(
            &range_types().iter,
            RangeIter {
                next: Cell::new(next),
                step,
                left: Cell::new(left),
            },
        ),
        None => crate::object::alloc(
            &range_types().long_iter,
            LongRangeIter {
                state: RefCell::new((start, step, len)),
            },
        ),
    }
}

fn range_iter(r: &Value) -> PyResult<Value> {
    let d = data(r);
    if let Some((start, step, len)) = d.small() {
        let end = start as i128 + step as i128 * len as i128;
        if i64::try_from(end).is_ok() {
            return Ok(crate::object::alloc(
                &range_types().iter,
                RangeIter {
                    next: Cell::new(start),
                    step,
                    left: Cell::new(len),
                },
            ));
        }
    }
    Ok(make_iter(d.start.clone(), d.step.clone(), d.len.clone()))
}

fn range_iter_next(it: &Value) -> PyResult<Option<Value>> {
    let d = it
        .downcast::<RangeIter>()
        .ok_or_else(|| PyErr::system_error("bad range iterator"))?;
    let left = d.left.get();
    if left <= 0 {
        return Ok(None);
    }
    let v = d.next.get();
    d.left.set(left - 1);
    d.next.set(v.wrapping_add(d.step));
    Ok(Some(int::from_i64(v)))
}

fn long_iter_next(it: &Value) -> PyResult<Option<Value>> {
    let d = it
        .downcast::<LongRangeIter>()
        .ok_or_else(|| PyErr::system_error("bad range iterator"))?;
    let mut state = d.state.borrow_mut();
    let (next, step, left) = &mut *state;
    if !left.is_positive() {
        return Ok(None);
    }
    let v = next.clone();
    *next += &*step;
    *left -= 1;
    drop(state);
    Ok(Some(int::from_bigint(v)))
}

fn iter_length_hint(args: Args<'_>) -> PyResult<Value> {
    args.exact("__length_hint__", 1, 1)?;
    let d =
        protocol::self_payload::<RangeIter>(&args.pos()[0], "__length_hint__", "range_iterator")?;
    Ok(int::from_i64(d.left.get().max(0)))
}

fn long_iter_length_hint(args: Args<'_>) -> PyResult<Value> {
    args.exact("__length_hint__", 1, 1)?;
    let d = protocol::self_payload::<LongRangeIter>(
        &args.pos()[0],
        "__length_hint__",
        "longrange_iterator",
    )?;
    let left = d.state.borrow().2.clone();
    Ok(int::from_bigint(left))
}

const ITER_METHODS: &[MethodDef] = &[MethodDef::new(
    "__length_hint__",
    MethodKind::Method(iter_length_hint),
)];

const LONG_ITER_METHODS: &[MethodDef] = &[MethodDef::new(
    "__length_hint__",
    MethodKind::Method(long_iter_length_hint),
)];
