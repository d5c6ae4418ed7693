//! Dict views (`keys()`, `values()`, `items()`) and their iterators (CPython's
//! Objects/dictobject.c), which raise "dictionary changed size during iteration" when the
//! dict is resized under them.

use std::cell::{Cell, RefCell};
use std::sync::OnceLock;

use crate::dict::DictData;
use crate::error::{PyErr, PyResult};
use crate::object::Payload;
use crate::protocol;
use crate::typeobject::TypeBuilder;
use crate::value::Value;
use crate::SyncCell;

/// Which view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ViewKind {
    /// `dict_keys`
    Keys,
    /// `dict_values`
    Values,
    /// `dict_items`
    Items,
}

/// The payload of a dict view.
pub struct DictView {
    /// The dict.
    pub dict: Value,
    /// Which view.
    pub kind: ViewKind,
}

impl Payload for DictView {}

/// The payload of a dict iterator.
pub struct DictIter {
    dict: RefCell<Option<Value>>,
    kind: ViewKind,
    pos: Cell<usize>,
    len: Cell<usize>,
}

impl Payload for DictIter {}

struct Types {
    views: [Value; 3],
    iters: [Value; 3],
}

static TYPES: OnceLock<SyncCell<Types>> = OnceLock::new();

fn types() -> &'static Types {
    &TYPES
        .get_or_init(|| {
            let view = |name: &'static str| {
                TypeBuilder::new::<DictView>(name)
                    .slots(|s| {
                        s.iter.set(Some(view_iter));
                        s.len.set(Some(|v| Ok(view_dict(v)?.len())));
                        s.repr.set(Some(view_repr));
                        s.contains.set(Some(view_contains));
                    })
                    .build()
            };
            let iter = |name: &'static str| {
                TypeBuilder::new::<DictIter>(name)
                    .slots(|s| {
                        s.iter.set(Some(|it| Ok(it.clone())));
                        s.next.set(Some(iter_next));
                    })
                    .build()
            };
            SyncCell(Types {
                views: [view("dict_keys"), view("dict_values"), view("dict_items")],
                iters: [
                    iter("dict_keyiterator"),
                    iter("dict_valueiterator"),
                    iter("dict_itemiterator"),
                ],
            })
        })
        .0
}

/// A view of `dict`.
pub fn view(dict: &Value, kind: ViewKind) -> PyResult<Value> {
    Ok(crate::object::alloc(
        &types().views[kind as usize],
        DictView {
            dict: dict.clone(),
            kind,
        },
    ))
}

fn view_of(v: &Value) -> PyResult<&DictView> {
    v.downcast::<DictView>()
        .ok_or_else(|| PyErr::system_error("bad dict view"))
}

fn view_dict(v: &Value) -> PyResult<&DictData> {
    view_of(v)?
        .dict
        .downcast::<DictData>()
        .ok_or_else(|| PyErr::system_error("bad dict view"))
}

fn new_iter(dict: &Value, kind: ViewKind) -> PyResult<Value> {
    let len = dict
        .downcast::<DictData>()
        .ok_or_else(|| PyErr::system_error("bad dict"))?
        .len();
    Ok(crate::object::alloc(
        &types().iters[kind as usize],
        DictIter {
            dict: RefCell::new(Some(dict.clone())),
            kind,
            pos: Cell::new(0),
            len: Cell::new(len),
        },
    ))
}

/// `iter(dict)`.
pub fn keys_iter(dict: &Value) -> PyResult<Value> {
    new_iter(dict, ViewKind::Keys)
}

fn view_iter(v: &Value) -> PyResult<Value> {
    let view = view_of(v)?;
    new_iter(&view.dict, view.kind)
}

fn view_repr(v: &Value) -> PyResult<Value> {
    let view = view_of(v)?;
    let name = v.type_data().name();
    let Some(_guard) = crate::repr_guard::enter(v)? else {
        return Ok(crate::str::new("..."));
    };
    let items = protocol::collect(v)?;
    let mut out = format!("{name}([");
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&protocol::repr_string(item)?);
    }
    out.push_str("])");
    let _ = view;
    Ok(crate::str::new(&out))
}

fn view_contains(v: &Value, x: &Value) -> PyResult<bool> {
    let view = view_of(v)?;
    let d = view_dict(v)?;
    match view.kind {
        ViewKind::Keys => Ok(d.get_item(x)?.is_some()),
        ViewKind::Values => crate::sequence::contains(&d.values(), x),
        ViewKind::Items => {
            let Some(pair) = crate::tuple::items_of(x) else {
                return Ok(false);
            };
            if pair.len() != 2 {
                return Ok(false);
            }
            match d.get_item(&pair[0])? {
                Some(found) => protocol::eq(&found, &pair[1]),
                None => Ok(false),
            }
        }
    }
}

fn iter_next(it: &Value) -> PyResult<Option<Value>> {
    let data = it
        .downcast::<DictIter>()
        .ok_or_else(|| PyErr::system_error("bad dict iterator"))?;
    let dict = data.dict.borrow().clone();
    let Some(dict) = dict else {
        return Ok(None);
    };
    let d = dict.downcast::<DictData>().expect("dict");
    if d.len() != data.len.get() {
        data.len.set(usize::MAX);
        return Err(PyErr::runtime_error(
            "dictionary changed size during iteration",
        ));
    }
    match d.next_entry(data.pos.get()) {
        Some((next, k, v)) => {
            data.pos.set(next);
            Ok(Some(match data.kind {
                ViewKind::Keys => k,
                ViewKind::Values => v,
                ViewKind::Items => crate::tuple::new(vec![k, v]),
            }))
        }
        None => {
            let old = data.dict.borrow_mut().take();
            drop(old);
            Ok(None)
        }
    }
}
