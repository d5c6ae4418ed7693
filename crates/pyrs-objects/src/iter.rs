//! Iterators over the built-in sequences (CPython's listobject.c, tupleobject.c and
//! unicodeobject.c iterators, and Objects/iterobject.c's `callable_iterator`): one
//! index-stepping iterator type per sequence type, which lets go of its sequence once
//! exhausted, plus `list_reverseiterator` and `iter(callable, sentinel)`.

use std::cell::{Cell, RefCell};
use std::sync::OnceLock;

use crate::error::{PyErr, PyResult};
use crate::native::{MethodDef, MethodKind};
use crate::object::Payload;
use crate::typeobject::TypeBuilder;
use crate::value::Value;
use crate::SyncCell;

/// The payload of `list_iterator`, `tuple_iterator` and `str_ascii_iterator`…
pub struct IndexIter {
    seq: RefCell<Option<Value>>,
    index: Cell<usize>,
}

impl Payload for IndexIter {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        crate::gc::visit_cell(&self.seq, visit);
    }

    fn clear(&self) {
        crate::gc::clear_cell(&self.seq);
    }
}

struct IterTypes {
    list: Value,
    tuple: Value,
    str: Value,
    list_reverse: Value,
    callable: Value,
}

static TYPES: OnceLock<SyncCell<IterTypes>> = OnceLock::new();

fn iter_types() -> &'static IterTypes {
    &TYPES
        .get_or_init(|| {
            let build = |name: &'static str, next: crate::typeobject::NextFn| {
                TypeBuilder::new::<IndexIter>(name)
                    .slots(|s| {
                        s.iter.set(Some(|it| Ok(it.clone())));
                        s.next.set(Some(next));
                    })
                    .methods(INDEX_ITER_METHODS)
                    .build()
            };
            let list_reverse = TypeBuilder::new::<IndexIter>("list_reverseiterator")
                .slots(|s| {
                    s.iter.set(Some(|it| Ok(it.clone())));
                    s.next.set(Some(list_reverse_next));
                })
                .methods(REVERSE_ITER_METHODS)
                .build();
            let callable = TypeBuilder::new::<CallableIter>("callable_iterator")
                .slots(|s| {
                    s.iter.set(Some(|it| Ok(it.clone())));
                    s.next.set(Some(callable_next));
                })
                .build();
            SyncCell(IterTypes {
                list: build("list_iterator", list_next),
                tuple: build("tuple_iterator", tuple_next),
                str: build("str_iterator", str_next),
                list_reverse,
                callable,
            })
        })
        .0
}

fn new_iter(ty: &Value, seq: Value) -> Value {
    crate::object::alloc(
        ty,
        IndexIter {
            seq: RefCell::new(Some(seq)),
            index: Cell::new(0),
        },
    )
}

/// `iter(list)`.
pub fn list_iter(list: &Value) -> PyResult<Value> {
    Ok(new_iter(&iter_types().list, list.clone()))
}

/// `iter(tuple)`.
pub fn tuple_iter(tuple: &Value) -> PyResult<Value> {
    Ok(new_iter(&iter_types().tuple, tuple.clone()))
}

/// `iter(str)`.
pub fn str_iter(s: &Value) -> PyResult<Value> {
    Ok(new_iter(&iter_types().str, s.clone()))
}

fn data(it: &Value) -> PyResult<&IndexIter> {
    it.downcast::<IndexIter>()
        .ok_or_else(|| PyErr::system_error("bad iterator"))
}

fn step(it: &Value, get: impl Fn(&Value, usize) -> Option<Value>) -> PyResult<Option<Value>> {
    let d = data(it)?;
    let seq = d.seq.borrow().clone();
    let Some(seq) = seq else {
        return Ok(None);
    };
    let i = d.index.get();
    match get(&seq, i) {
        Some(v) => {
            d.index.set(i + 1);
            Ok(Some(v))
        }
        None => {
            let old = d.seq.borrow_mut().take();
            drop(old);
            Ok(None)
        }
    }
}

fn list_next(it: &Value) -> PyResult<Option<Value>> {
    step(it, |seq, i| seq.downcast::<crate::list::ListData>()?.get(i))
}

fn tuple_next(it: &Value) -> PyResult<Option<Value>> {
    step(it, |seq, i| {
        seq.downcast::<crate::tuple::TupleData>()?
            .items()
            .get(i)
            .cloned()
    })
}

fn str_next(it: &Value) -> PyResult<Option<Value>> {
    // Strings are immutable: step by code point index (O(1) for ASCII).
    step(it, |seq, i| {
        let s = seq.downcast::<crate::str::StrData>()?;
        let cp = s.code_point_at(i)?;
        Some(crate::str::from_code_points(&[cp]))
    })
}

fn seq_len(seq: &Value) -> usize {
    if let Some(l) = seq.downcast::<crate::list::ListData>() {
        return l.len();
    }
    if let Some(t) = seq.downcast::<crate::tuple::TupleData>() {
        return t.len();
    }
    if let Some(s) = seq.downcast::<crate::str::StrData>() {
        return s.char_len();
    }
    0
}

fn length_hint(args: crate::Args<'_>) -> PyResult<Value> {
    let it = &args.pos()[0];
    let name = format!("{}.__length_hint__", it.type_data().name());
    crate::sequence::method_args(&args, &name, 0, 0)?;
    let d = data(it)?;
    let seq = d.seq.borrow().clone();
    let n = match seq {
        Some(seq) => seq_len(&seq).saturating_sub(d.index.get()),
        None => 0,
    };
    Ok(crate::int::from_usize(n))
}

const INDEX_ITER_METHODS: &[MethodDef] = &[MethodDef::new(
    "__length_hint__",
    MethodKind::Method(length_hint),
)];

/// `reversed(list)`: steps from the last index down, ending early if the list shrinks
/// below it.
pub fn list_reverse_iter(list: &Value) -> Value {
    let len = list
        .downcast::<crate::list::ListData>()
        .map_or(0, |l| l.len());
    crate::object::alloc(
        &iter_types().list_reverse,
        IndexIter {
            seq: RefCell::new((len > 0).then(|| list.clone())),
            // The index of the next item plus one (0: exhausted).
            index: Cell::new(len),
        },
    )
}

fn list_reverse_next(it: &Value) -> PyResult<Option<Value>> {
    let d = data(it)?;
    let seq = d.seq.borrow().clone();
    let Some(seq) = seq else {
        return Ok(None);
    };
    let i = d.index.get();
    if i > 0 {
        if let Some(v) = seq
            .downcast::<crate::list::ListData>()
            .and_then(|l| l.get(i - 1))
        {
            d.index.set(i - 1);
            return Ok(Some(v));
        }
    }
    d.index.set(0);
    let old = d.seq.borrow_mut().take();
    drop(old);
    Ok(None)
}

fn reverse_length_hint(args: crate::Args<'_>) -> PyResult<Value> {
    crate::sequence::method_args(&args, "list_reverseiterator.__length_hint__", 0, 0)?;
    let d = data(&args.pos()[0])?;
    let seq = d.seq.borrow().clone();
    let n = match seq {
        Some(seq) if d.index.get() <= seq_len(&seq) => d.index.get(),
        _ => 0,
    };
    Ok(crate::int::from_usize(n))
}

const REVERSE_ITER_METHODS: &[MethodDef] = &[MethodDef::new(
    "__length_hint__",
    MethodKind::Method(reverse_length_hint),
)];

/// The payload of `callable_iterator`.
pub struct CallableIter {
    /// The callable and the sentinel, until exhausted.
    state: RefCell<Option<(Value, Value)>>,
}

impl Payload for CallableIter {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        if let Ok(state) = self.state.try_borrow() {
            if let Some((callable, sentinel)) = state.as_ref() {
                visit(callable);
                visit(sentinel);
            }
        }
    }

    fn clear(&self) {
        let old = self.state.try_borrow_mut().ok().and_then(|mut s| s.take());
        drop(old);
    }
}

/// `iter(callable, sentinel)`: calls `callable()` until it returns something equal to
/// `sentinel` (or raises StopIteration).
pub fn callable_iter(callable: Value, sentinel: Value) -> Value {
    crate::object::alloc(
        &iter_types().callable,
        CallableIter {
            state: RefCell::new(Some((callable, sentinel))),
        },
    )
}

fn callable_next(it: &Value) -> PyResult<Option<Value>> {
    let d = it
        .downcast::<CallableIter>()
        .ok_or_else(|| PyErr::system_error("bad callable iterator"))?;
    let state = d.state.borrow().clone();
    let Some((callable, sentinel)) = state else {
        return Ok(None);
    };
    let finish = || {
        let old = d.state.borrow_mut().take();
        drop(old);
    };
    match crate::protocol::call1(&callable, &[]) {
        Ok(v) => {
            if crate::protocol::eq(&v, &sentinel)? {
                finish();
                return Ok(None);
            }
            Ok(Some(v))
        }
        Err(e) if e.is(crate::ExcKind::StopIteration) => {
            finish();
            Ok(None)
        }
        Err(e) => Err(e),
    }
}
