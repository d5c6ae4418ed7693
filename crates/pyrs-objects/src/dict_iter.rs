//! Dict views (`keys()`, `values()`, `items()`) and their iterators, forward and reversed
//! (CPython's Objects/dictobject.c). An iterator raises "dictionary changed size during
//! iteration" when the dict's size changes under it, and "dictionary keys changed during
//! iteration" when it finds more keys than the dict had (a key deleted and another added).
//! Keys and items views are set-like: `&`, `|`, `-`, `^`, comparisons, `isdisjoint`.

use std::cell::{Cell, RefCell};
use std::sync::OnceLock;

use crate::args::Args;
use crate::dict::DictData;
use crate::error::{PyErr, PyResult};
use crate::native::{MethodDef, MethodKind};
use crate::object::Payload;
use crate::protocol;
use crate::typeobject::{BinOp, CompareOp, TypeBuilder};
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

impl Payload for DictView {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.dict);
    }
}

/// The payload of a dict iterator.
pub struct DictIter {
    dict: RefCell<Option<Value>>,
    kind: ViewKind,
    /// The next entry position (forward), or one past it (reversed).
    pos: Cell<usize>,
    /// The dict's size when iteration started (`usize::MAX` once it changed).
    used: Cell<usize>,
    /// How many items are still expected.
    left: Cell<usize>,
    reverse: bool,
}

impl Payload for DictIter {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        crate::gc::visit_cell(&self.dict, visit);
    }

    fn clear(&self) {
        crate::gc::clear_cell(&self.dict);
    }
}

struct Types {
    views: [Value; 3],
    iters: [Value; 3],
    reverse_iters: [Value; 3],
}

static TYPES: OnceLock<SyncCell<Types>> = OnceLock::new();

fn types() -> &'static Types {
    &TYPES
        .get_or_init(|| {
            let view = |name: &'static str, set_like: bool| {
                TypeBuilder::new::<DictView>(name)
                    .slots(|s| {
                        s.iter.set(Some(view_iter));
                        s.len.set(Some(|v| Ok(view_dict(v)?.len())));
                        s.repr.set(Some(view_repr));
                        s.contains.set(Some(view_contains));
                        if set_like {
                            s.richcompare.set(Some(view_richcompare));
                            s.number[BinOp::And as usize].set(Some(view_and));
                            s.number[BinOp::Or as usize].set(Some(view_or));
                            s.number[BinOp::Sub as usize].set(Some(view_sub));
                            s.number[BinOp::Xor as usize].set(Some(view_xor));
                        }
                    })
                    .methods(if set_like {
                        SET_VIEW_METHODS
                    } else {
                        VIEW_METHODS
                    })
                    .build()
            };
            let iter = |name: &'static str| {
                TypeBuilder::new::<DictIter>(name)
                    .slots(|s| {
                        s.iter.set(Some(|it| Ok(it.clone())));
                        s.next.set(Some(iter_next));
                    })
                    .methods(ITER_METHODS)
                    .build()
            };
            SyncCell(Types {
                views: [
                    view("dict_keys", true),
                    view("dict_values", false),
                    view("dict_items", true),
                ],
                iters: [
                    iter("dict_keyiterator"),
                    iter("dict_valueiterator"),
                    iter("dict_itemiterator"),
                ],
                reverse_iters: [
                    iter("dict_reversekeyiterator"),
                    iter("dict_reversevalueiterator"),
                    iter("dict_reverseitemiterator"),
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

fn make_iter(dict: &Value, kind: ViewKind, reverse: bool) -> PyResult<Value> {
    let d = dict
        .downcast::<DictData>()
        .ok_or_else(|| PyErr::system_error("bad dict"))?;
    let len = d.len();
    let ty = if reverse {
        &types().reverse_iters[kind as usize]
    } else {
        &types().iters[kind as usize]
    };
    Ok(crate::object::alloc(
        ty,
        DictIter {
            dict: RefCell::new(Some(dict.clone())),
            kind,
            pos: Cell::new(if reverse { d.entries_len() } else { 0 }),
            used: Cell::new(len),
            left: Cell::new(len),
            reverse,
        },
    ))
}

/// `iter(dict)`.
pub fn keys_iter(dict: &Value) -> PyResult<Value> {
    make_iter(dict, ViewKind::Keys, false)
}

/// `reversed(dict)` and the views' `__reversed__`.
pub fn reverse_iter(dict: &Value, kind: ViewKind) -> PyResult<Value> {
    make_iter(dict, kind, true)
}

fn view_iter(v: &Value) -> PyResult<Value> {
    let view = view_of(v)?;
    make_iter(&view.dict, view.kind, false)
}

fn view_repr(v: &Value) -> PyResult<Value> {
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
    Ok(crate::str::new(&out))
}

fn view_contains(v: &Value, x: &Value) -> PyResult<bool> {
    let view = view_of(v)?;
    let d = view_dict(v)?;
    match view.kind {
        ViewKind::Keys => Ok(d.get_item(x)?.is_some()),
        ViewKind::Values => {
            let mut pos = 0;
            while let Some((next, _, value)) = d.next_entry(pos) {
                if protocol::eq(&value, x)? {
                    return Ok(true);
                }
                pos = next;
            }
            Ok(false)
        }
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

fn iter_data(it: &Value) -> PyResult<&DictIter> {
    it.downcast::<DictIter>()
        .ok_or_else(|| PyErr::system_error("bad dict iterator"))
}

fn iter_next(it: &Value) -> PyResult<Option<Value>> {
    let data = iter_data(it)?;
    let dict = data.dict.borrow().clone();
    let Some(dict) = dict else {
        return Ok(None);
    };
    let d = dict.downcast::<DictData>().expect("dict");
    if d.len() != data.used.get() {
        data.used.set(usize::MAX);
        return Err(PyErr::runtime_error(
            "dictionary changed size during iteration",
        ));
    }
    let found = if data.reverse {
        d.prev_entry(data.pos.get())
    } else {
        d.next_entry(data.pos.get())
    };
    let finish = || {
        let old = data.dict.borrow_mut().take();
        drop(old);
    };
    let Some((pos, k, v)) = found else {
        finish();
        return Ok(None);
    };
    if data.left.get() == 0 {
        finish();
        return Err(PyErr::runtime_error(
            "dictionary keys changed during iteration",
        ));
    }
    data.pos.set(pos);
    data.left.set(data.left.get() - 1);
    Ok(Some(match data.kind {
        ViewKind::Keys => k,
        ViewKind::Values => v,
        ViewKind::Items => crate::tuple::new(vec![k, v]),
    }))
}

fn iter_length_hint(args: Args<'_>) -> PyResult<Value> {
    let it = &args.pos()[0];
    let name = format!("{}.__length_hint__", it.type_data().name());
    crate::sequence::method_args(&args, &name, 0, 0)?;
    let data = iter_data(it)?;
    let dict = data.dict.borrow().clone();
    let n = match dict {
        Some(dict)
            if dict
                .downcast::<DictData>()
                .is_some_and(|d| d.len() == data.used.get()) =>
        {
            data.left.get()
        }
        _ => 0,
    };
    Ok(crate::int::from_usize(n))
}

const ITER_METHODS: &[MethodDef] = &[MethodDef::new(
    "__length_hint__",
    MethodKind::Method(iter_length_hint),
)];

// ---------------------------------------------------------------------------------------
// View methods and set operations.

fn mapping(v: &Value) -> PyResult<Value> {
    let dict = view_of(v)?.dict.clone();
    crate::mappingproxy::new(dict)
}

fn view_reversed(args: Args<'_>) -> PyResult<Value> {
    let v = &args.pos()[0];
    let name = format!("{}.__reversed__", v.type_data().name());
    crate::sequence::method_args(&args, &name, 0, 0)?;
    let view = view_of(v)?;
    reverse_iter(&view.dict, view.kind)
}

fn is_set_like(v: &Value) -> bool {
    crate::set::any_set(v).is_some()
        || v.downcast::<DictView>()
            .is_some_and(|view| view.kind != ViewKind::Values)
}

fn all_contained_in(a: &Value, b: &Value) -> PyResult<bool> {
    let it = protocol::iter(a)?;
    while let Some(x) = protocol::next(&it)? {
        if !protocol::contains(b, &x)? {
            return Ok(false);
        }
    }
    Ok(true)
}

fn view_richcompare(a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
    if !is_set_like(b) {
        return Ok(crate::not_implemented());
    }
    let (la, lb) = (protocol::len(a)?, protocol::len(b)?);
    let r = match op {
        CompareOp::Eq | CompareOp::Ne => {
            let equal = la == lb && all_contained_in(a, b)?;
            equal == (op == CompareOp::Eq)
        }
        CompareOp::Lt => la < lb && all_contained_in(a, b)?,
        CompareOp::Le => la <= lb && all_contained_in(a, b)?,
        CompareOp::Gt => la > lb && all_contained_in(b, a)?,
        CompareOp::Ge => la >= lb && all_contained_in(b, a)?,
    };
    Ok(crate::bool(r))
}

/// A new set of `v`'s items (the first step of every view set operation).
fn set_of(v: &Value) -> PyResult<Value> {
    let s = crate::set::new_set(Vec::new())?;
    crate::set::any_set(&s).expect("a set").update(v)?;
    Ok(s)
}

fn call_set_method(s: &Value, name: &str, other: &Value) -> PyResult<()> {
    let m = protocol::getattr_str(s, name)?;
    protocol::call1(&m, std::slice::from_ref(other))?;
    Ok(())
}

fn view_and(a: &Value, b: &Value) -> PyResult<Value> {
    // `&` is symmetric: put the view first.
    let (a, b) = if a.downcast::<DictView>().is_some() {
        (a, b)
    } else {
        (b, a)
    };
    let s = set_of(a)?;
    call_set_method(&s, "intersection_update", b)?;
    Ok(s)
}

fn view_or(a: &Value, b: &Value) -> PyResult<Value> {
    let s = set_of(a)?;
    crate::set::any_set(&s).expect("a set").update(b)?;
    Ok(s)
}

fn view_sub(a: &Value, b: &Value) -> PyResult<Value> {
    let s = set_of(a)?;
    call_set_method(&s, "difference_update", b)?;
    Ok(s)
}

fn view_xor(a: &Value, b: &Value) -> PyResult<Value> {
    let s = set_of(a)?;
    call_set_method(&s, "symmetric_difference_update", b)?;
    Ok(s)
}

fn isdisjoint(args: Args<'_>) -> PyResult<Value> {
    let v = &args.pos()[0];
    let name = format!("{}.isdisjoint", v.type_data().name());
    let a = crate::sequence::method_args(&args, &name, 1, 1)?;
    let other = &a[0];
    if v.is(other) {
        return Ok(crate::bool(protocol::len(v)? == 0));
    }
    // Iterate over the shorter object (when its length is known).
    let (it_over, look_in) = match (is_set_like(other), protocol::len(other)) {
        (true, Ok(n)) if n > protocol::len(v)? => (v, other),
        (true, _) => (other, v),
        _ => (other, v),
    };
    let it = protocol::iter(it_over)?;
    while let Some(x) = protocol::next(&it)? {
        if protocol::contains(look_in, &x)? {
            return Ok(crate::bool(false));
        }
    }
    Ok(crate::bool(true))
}

const VIEW_METHODS: &[MethodDef] = &[
    MethodDef::new("mapping", MethodKind::GetSet(mapping, None)),
    MethodDef::new("__reversed__", MethodKind::Method(view_reversed)),
];

const SET_VIEW_METHODS: &[MethodDef] = &[
    MethodDef::new("mapping", MethodKind::GetSet(mapping, None)),
    MethodDef::new("__reversed__", MethodKind::Method(view_reversed)),
    MethodDef::new("isdisjoint", MethodKind::Method(isdisjoint)),
];
