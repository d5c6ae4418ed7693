//! Iterators over the built-in sequences (CPython's listobject.c, tupleobject.c and
//! unicodeobject.c iterators): one index-stepping iterator type per sequence type, which
//! lets go of its sequence once exhausted.

use std::cell::{Cell, RefCell};
use std::sync::OnceLock;

use crate::error::{PyErr, PyResult};
use crate::object::Payload;
use crate::typeobject::TypeBuilder;
use crate::value::Value;
use crate::SyncCell;

/// The payload of `list_iterator`, `tuple_iterator` and `str_ascii_iterator`…
pub struct IndexIter {
    seq: RefCell<Option<Value>>,
    index: Cell<usize>,
}

impl Payload for IndexIter {}

struct IterTypes {
    list: Value,
    tuple: Value,
    str: Value,
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
                    .build()
            };
            SyncCell(IterTypes {
                list: build("list_iterator", list_next),
                tuple: build("tuple_iterator", tuple_next),
                str: build("str_iterator", str_next),
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
