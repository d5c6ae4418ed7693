//! The `_collections` module (CPython's Modules/_collectionsmodule.c): `deque`, a
//! double-ended queue with an optional maximum length, its iterators, and `defaultdict`, the
//! dict subclass whose `__missing__` calls a factory. `collections` re-exports them;
//! `OrderedDict`, `_count_elements` and `_tuplegetter` have pure-Python fallbacks there.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::sync::OnceLock;

use pyrs_objects::args::count_message;
use pyrs_objects::dict::DictData;
use pyrs_objects::native::{MethodDef, MethodKind};
use pyrs_objects::object::{alloc, Payload};
use pyrs_objects::typeobject::{type_data, BinOp, CompareOp, TypeBuilder};
use pyrs_objects::{
    int, list, protocol, repr_guard, str as pystr, tuple, Args, PyErr, PyResult, SyncCell, Value,
};

use crate::argconv::module_dict;

/// Makes the module.
pub(crate) fn init() -> PyResult<Value> {
    let module = pyrs_objects::module::new_module("_collections");
    let d = module_dict(&module);
    let t = types();
    d.set_str("deque", t.deque.clone());
    d.set_str("_deque_iterator", t.iterator.clone());
    d.set_str("_deque_reverse_iterator", t.reverse_iterator.clone());
    d.set_str("defaultdict", t.defaultdict.clone());
    Ok(module)
}

struct Types {
    deque: Value,
    iterator: Value,
    reverse_iterator: Value,
    defaultdict: Value,
}

fn types() -> &'static Types {
    static TYPES: OnceLock<SyncCell<Types>> = OnceLock::new();
    &TYPES
        .get_or_init(|| {
            let deque = TypeBuilder::new::<Deque>("deque")
                .module("collections")
                .subclassable()
                .flags(pyrs_objects::typeobject::TypeFlags::SEQUENCE)
                .unhashable()
                .methods(DEQUE_METHODS)
                .slots(|s| {
                    s.new.set(Some(deque_new));
                    s.init.set(Some(deque_init));
                    s.repr.set(Some(deque_repr));
                    s.hash.set(Some(deque_hash));
                    s.len.set(Some(|d| Ok(data(d)?.items.borrow().len())));
                    s.getitem.set(Some(deque_getitem));
                    s.setitem.set(Some(deque_setitem));
                    s.contains.set(Some(deque_contains));
                    s.iter.set(Some(|d| deque_iter(d, false)));
                    s.richcompare.set(Some(deque_richcompare));
                    s.concat.set(Some(deque_concat));
                    s.repeat.set(Some(deque_repeat));
                    s.inplace[BinOp::Add as usize].set(Some(deque_inplace_concat));
                    s.inplace[BinOp::Mul as usize].set(Some(deque_inplace_repeat));
                })
                .build();
            let iter_type = |name: &'static str| {
                TypeBuilder::new::<DequeIter>(name)
                    .module("collections")
                    .methods(ITER_METHODS)
                    .slots(|s| {
                        s.iter.set(Some(|it| Ok(it.clone())));
                        s.next.set(Some(deque_iter_next));
                    })
                    .build()
            };
            let dict_type = pyrs_objects::types().dict.clone();
            let defaultdict = TypeBuilder::new::<DictData>("defaultdict")
                .module("collections")
                .base(&dict_type)
                .subclassable()
                .methods(DEFAULTDICT_METHODS)
                .slots(|s| {
                    s.init.set(Some(defaultdict_init));
                    s.repr.set(Some(defaultdict_repr));
                    s.number[BinOp::Or as usize].set(Some(defaultdict_or));
                })
                .build();
            SyncCell(Types {
                deque,
                iterator: iter_type("_deque_iterator"),
                reverse_iterator: iter_type("_deque_reverse_iterator"),
                defaultdict,
            })
        })
        .0
}

// ---------------------------------------------------------------------------------------
// deque

/// The payload of a `deque`.
struct Deque {
    items: RefCell<VecDeque<Value>>,
    maxlen: Cell<Option<usize>>,
    /// Bumped by every change of length or order: what iterators check.
    state: Cell<u64>,
}

impl Payload for Deque {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        if let Ok(items) = self.items.try_borrow() {
            items.iter().for_each(visit);
        }
    }

    fn clear(&self) {
        let old = self
            .items
            .try_borrow_mut()
            .map(|mut i| std::mem::take(&mut *i));
        drop(old);
    }
}

fn data(d: &Value) -> PyResult<&Deque> {
    d.downcast::<Deque>().ok_or_else(|| {
        PyErr::type_error(format!(
            "descriptor requires a 'collections.deque' object but received '{}'",
            d.type_data().name()
        ))
    })
}

impl Deque {
    fn changed(&self) {
        self.state.set(self.state.get().wrapping_add(1));
    }

    fn snapshot(&self) -> Vec<Value> {
        self.items.borrow().iter().cloned().collect()
    }

    /// Appends on the right, dropping from the left past `maxlen`; the dropped value is
    /// released after the borrow ends.
    fn push_back(&self, v: Value) {
        let dropped = {
            let mut items = self.items.borrow_mut();
            match self.maxlen.get() {
                Some(0) => Some(v),
                Some(m) => {
                    items.push_back(v);
                    if items.len() > m {
                        items.pop_front()
                    } else {
                        None
                    }
                }
                None => {
                    items.push_back(v);
                    None
                }
            }
        };
        self.changed();
        drop(dropped);
    }

    fn push_front(&self, v: Value) {
        let dropped = {
            let mut items = self.items.borrow_mut();
            match self.maxlen.get() {
                Some(0) => Some(v),
                Some(m) => {
                    items.push_front(v);
                    if items.len() > m {
                        items.pop_back()
                    } else {
                        None
                    }
                }
                None => {
                    items.push_front(v);
                    None
                }
            }
        };
        self.changed();
        drop(dropped);
    }

    fn clear(&self) {
        let old = std::mem::take(&mut *self.items.borrow_mut());
        self.changed();
        drop(old);
    }
}

fn this<'a>(args: &Args<'a>) -> PyResult<&'a Deque> {
    data(&args.pos()[0])
}

/// The arguments after `self` of a method taking `min..=max` positional ones.
fn method_args<'a>(args: &Args<'a>, name: &str, min: usize, max: usize) -> PyResult<&'a [Value]> {
    let rest = args.skip_first();
    if min == max && max <= 1 {
        return rest.exact(&format!("deque.{name}"), min, max);
    }
    rest.no_kwargs(&format!("deque.{name}"))?;
    let pos = rest.pos();
    if pos.len() < min || pos.len() > max {
        return Err(PyErr::type_error(count_message(name, min, max, pos.len())));
    }
    Ok(pos)
}

fn deque_new(cls: &Value, _args: Args<'_>) -> PyResult<Value> {
    Ok(alloc(
        cls,
        Deque {
            items: RefCell::new(VecDeque::new()),
            maxlen: Cell::new(None),
            state: Cell::new(0),
        },
    ))
}

fn deque_init(d: &Value, args: Args<'_>) -> PyResult<()> {
    let pos = args.pos();
    let total = args.values().len();
    if total > 2 {
        return Err(PyErr::type_error(format!(
            "deque() takes at most 2 arguments ({total} given)"
        )));
    }
    let mut iterable = pos.first().cloned();
    let mut maxlen = pos.get(1).cloned();
    for (name, value) in args.kwargs() {
        match pystr::text_of(name).as_deref() {
            Some("iterable") if iterable.is_none() => iterable = Some(value.clone()),
            Some("maxlen") if maxlen.is_none() => maxlen = Some(value.clone()),
            Some(n @ ("iterable" | "maxlen")) => {
                let i = if n == "iterable" { 1 } else { 2 };
                return Err(PyErr::type_error(format!(
                    "argument for deque() given by name ('{n}') and position ({i})"
                )));
            }
            other => {
                return Err(PyErr::type_error(format!(
                    "deque() got an unexpected keyword argument '{}'",
                    other.unwrap_or_default()
                )))
            }
        }
    }
    let dq = data(d)?;
    let maxlen = match maxlen {
        Some(m) if !protocol::is_none(&m) => {
            let Some(i) = int::as_int(&m) else {
                return Err(PyErr::type_error("an integer is required"));
            };
            let n = i.to_i64().ok_or_else(|| {
                PyErr::overflow_error("Python int too large to convert to C ssize_t")
            })?;
            if n < 0 {
                return Err(PyErr::value_error("maxlen must be non-negative"));
            }
            Some(n as usize)
        }
        _ => None,
    };
    dq.maxlen.set(maxlen);
    if !dq.items.borrow().is_empty() {
        dq.clear();
    }
    if let Some(iterable) = iterable {
        extend(dq, &iterable, false)?;
    }
    Ok(())
}

fn extend(dq: &Deque, iterable: &Value, left: bool) -> PyResult<()> {
    // Extending a deque by itself reads a snapshot first.
    let items = if iterable
        .downcast::<Deque>()
        .is_some_and(|o| std::ptr::eq(o, dq))
    {
        dq.snapshot()
    } else {
        let it = protocol::iter(iterable)?;
        while let Some(item) = protocol::next(&it)? {
            if left {
                dq.push_front(item);
            } else {
                dq.push_back(item);
            }
        }
        return Ok(());
    };
    for item in items {
        if left {
            dq.push_front(item);
        } else {
            dq.push_back(item);
        }
    }
    Ok(())
}

fn deque_repr(d: &Value) -> PyResult<Value> {
    let dq = data(d)?;
    let Some(_guard) = repr_guard::enter(d)? else {
        return Ok(pystr::new("[...]"));
    };
    let items = dq.snapshot();
    let mut parts = Vec::with_capacity(items.len());
    for item in &items {
        parts.push(protocol::repr_string(item)?);
    }
    let name = d.type_data().name();
    let body = format!("[{}]", parts.join(", "));
    Ok(pystr::new(&match dq.maxlen.get() {
        Some(m) => format!("{name}({body}, maxlen={m})"),
        None => format!("{name}({body})"),
    }))
}

fn deque_hash(_d: &Value) -> PyResult<i64> {
    Err(PyErr::type_error("unhashable type: 'collections.deque'"))
}

/// A normalised index in `0..len`, or IndexError "deque index out of range".
fn deque_index(dq: &Deque, key: &Value) -> PyResult<usize> {
    if !protocol::has_index(key) {
        return Err(PyErr::type_error(format!(
            "sequence index must be integer, not '{}'",
            key.type_data().name()
        )));
    }
    let i = protocol::index_isize(key, false)? as i64;
    let len = dq.items.borrow().len() as i64;
    let i = if i < 0 { i + len } else { i };
    if i < 0 || i >= len {
        return Err(PyErr::index_error("deque index out of range"));
    }
    Ok(i as usize)
}

fn deque_getitem(d: &Value, key: &Value) -> PyResult<Value> {
    let dq = data(d)?;
    let i = deque_index(dq, key)?;
    Ok(dq.items.borrow()[i].clone())
}

fn deque_setitem(d: &Value, key: &Value, value: Option<&Value>) -> PyResult<()> {
    let dq = data(d)?;
    let i = deque_index(dq, key)?;
    let old = match value {
        Some(v) => std::mem::replace(&mut dq.items.borrow_mut()[i], v.clone()),
        None => {
            let old = dq.items.borrow_mut().remove(i);
            dq.changed();
            old.expect("index in range")
        }
    };
    drop(old);
    Ok(())
}

fn deque_contains(d: &Value, x: &Value) -> PyResult<bool> {
    let dq = data(d)?;
    let state = dq.state.get();
    let n = dq.items.borrow().len();
    for i in 0..n {
        let Some(item) = dq.items.borrow().get(i).cloned() else {
            break;
        };
        let eq = item.is(x) || protocol::eq(&item, x)?;
        if dq.state.get() != state {
            return Err(PyErr::runtime_error("deque mutated during iteration"));
        }
        if eq {
            return Ok(true);
        }
    }
    Ok(false)
}

fn deque_richcompare(a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
    let (Ok(x), Some(_)) = (data(a), b.downcast::<Deque>()) else {
        return Ok(pyrs_objects::not_implemented());
    };
    let y = data(b)?;
    let (xs, ys) = (x.snapshot(), y.snapshot());
    // As for lists: compare at the first difference, else by length.
    if matches!(op, CompareOp::Eq | CompareOp::Ne) && xs.len() != ys.len() {
        return Ok(pyrs_objects::bool(op == CompareOp::Ne));
    }
    for (p, q) in xs.iter().zip(&ys) {
        if !(p.is(q) || protocol::eq(p, q)?) {
            return match op {
                CompareOp::Eq => Ok(pyrs_objects::bool(false)),
                CompareOp::Ne => Ok(pyrs_objects::bool(true)),
                _ => protocol::rich_compare(p, q, op),
            };
        }
    }
    Ok(pyrs_objects::bool(int::compare_result(
        xs.len().cmp(&ys.len()),
        op,
    )))
}

/// A new deque of `d`'s type (or `deque`) with the same maxlen holding `items`.
fn new_like(d: &Value, items: Vec<Value>) -> PyResult<Value> {
    let dq = data(d)?;
    let cls = if d.is_exact(&types().deque) {
        types().deque.clone()
    } else {
        d.class().clone()
    };
    let maxlen = match dq.maxlen.get() {
        Some(m) => int::from_usize(m),
        None => pyrs_objects::none(),
    };
    protocol::call1(&cls, &[list::new(items), maxlen])
}

fn deque_concat(a: &Value, b: &Value) -> PyResult<Value> {
    let Some(other) = b.downcast::<Deque>() else {
        return Err(PyErr::type_error(format!(
            "can only concatenate deque (not \"{}\") to deque",
            b.type_data().name()
        )));
    };
    let mut items = data(a)?.snapshot();
    items.extend(other.snapshot());
    new_like(a, items)
}

fn repeated(items: Vec<Value>, n: isize) -> Vec<Value> {
    let n = n.max(0) as usize;
    let mut out = Vec::with_capacity(items.len() * n);
    for _ in 0..n {
        out.extend(items.iter().cloned());
    }
    out
}

fn deque_repeat(d: &Value, n: isize) -> PyResult<Value> {
    let items = data(d)?.snapshot();
    new_like(d, repeated(items, n))
}

fn deque_inplace_concat(d: &Value, other: &Value) -> PyResult<Value> {
    extend(data(d)?, other, false)?;
    Ok(d.clone())
}

fn deque_inplace_repeat(d: &Value, n: &Value) -> PyResult<Value> {
    if !protocol::has_index(n) {
        return Ok(pyrs_objects::not_implemented());
    }
    let n = protocol::index_isize(n, true)?;
    let dq = data(d)?;
    let items = repeated(dq.snapshot(), n);
    dq.clear();
    for item in items {
        dq.push_back(item);
    }
    Ok(d.clone())
}

fn append(args: Args<'_>) -> PyResult<Value> {
    let a = method_args(&args, "append", 1, 1)?;
    this(&args)?.push_back(a[0].clone());
    Ok(pyrs_objects::none())
}

fn appendleft(args: Args<'_>) -> PyResult<Value> {
    let a = method_args(&args, "appendleft", 1, 1)?;
    this(&args)?.push_front(a[0].clone());
    Ok(pyrs_objects::none())
}

fn pop(args: Args<'_>) -> PyResult<Value> {
    method_args(&args, "pop", 0, 0)?;
    let dq = this(&args)?;
    let v = dq.items.borrow_mut().pop_back();
    dq.changed();
    v.ok_or_else(|| PyErr::index_error("pop from an empty deque"))
}

fn popleft(args: Args<'_>) -> PyResult<Value> {
    method_args(&args, "popleft", 0, 0)?;
    let dq = this(&args)?;
    let v = dq.items.borrow_mut().pop_front();
    dq.changed();
    v.ok_or_else(|| PyErr::index_error("pop from an empty deque"))
}

fn extend_method(args: Args<'_>) -> PyResult<Value> {
    let a = method_args(&args, "extend", 1, 1)?;
    extend(this(&args)?, &a[0], false)?;
    Ok(pyrs_objects::none())
}

fn extendleft(args: Args<'_>) -> PyResult<Value> {
    let a = method_args(&args, "extendleft", 1, 1)?;
    extend(this(&args)?, &a[0], true)?;
    Ok(pyrs_objects::none())
}

fn clear(args: Args<'_>) -> PyResult<Value> {
    method_args(&args, "clear", 0, 0)?;
    this(&args)?.clear();
    Ok(pyrs_objects::none())
}

fn copy(args: Args<'_>) -> PyResult<Value> {
    method_args(&args, "copy", 0, 0)?;
    let d = &args.pos()[0];
    new_like(d, data(d)?.snapshot())
}

fn copy_dunder(args: Args<'_>) -> PyResult<Value> {
    method_args(&args, "__copy__", 0, 0)?;
    let d = &args.pos()[0];
    new_like(d, data(d)?.snapshot())
}

fn count(args: Args<'_>) -> PyResult<Value> {
    let a = method_args(&args, "count", 1, 1)?;
    let dq = this(&args)?;
    let state = dq.state.get();
    let mut n = 0usize;
    for item in dq.snapshot() {
        if item.is(&a[0]) || protocol::eq(&item, &a[0])? {
            n += 1;
        }
        if dq.state.get() != state {
            return Err(PyErr::runtime_error("deque mutated during iteration"));
        }
    }
    Ok(int::from_usize(n))
}

/// Clamps a start/stop argument of `index` as slice bounds are clamped.
fn clamp_bound(v: &Value, len: usize) -> PyResult<usize> {
    let i = protocol::index_isize(v, true)? as i64;
    let len = len as i64;
    Ok(if i < 0 { (i + len).max(0) } else { i.min(len) } as usize)
}

fn index(args: Args<'_>) -> PyResult<Value> {
    let a = method_args(&args, "index", 1, 3)?;
    let dq = this(&args)?;
    let len = dq.items.borrow().len();
    let start = match a.get(1) {
        Some(s) => clamp_bound(s, len)?,
        None => 0,
    };
    let stop = match a.get(2) {
        Some(s) => clamp_bound(s, len)?,
        None => len,
    };
    let state = dq.state.get();
    for i in start..stop {
        let Some(item) = dq.items.borrow().get(i).cloned() else {
            break;
        };
        let eq = item.is(&a[0]) || protocol::eq(&item, &a[0])?;
        if dq.state.get() != state {
            return Err(PyErr::runtime_error("deque mutated during iteration"));
        }
        if eq {
            return Ok(int::from_usize(i));
        }
    }
    Err(PyErr::value_error(format!(
        "{} is not in deque",
        protocol::repr_string(&a[0])?
    )))
}

fn insert(args: Args<'_>) -> PyResult<Value> {
    let a = method_args(&args, "insert", 2, 2)?;
    let dq = this(&args)?;
    let i = protocol::index_isize(&a[0], true)? as i64;
    let len = dq.items.borrow().len();
    if dq.maxlen.get() == Some(len) {
        return Err(PyErr::index_error("deque already at its maximum size"));
    }
    let len = len as i64;
    let i = if i < 0 { (i + len).max(0) } else { i.min(len) } as usize;
    dq.items.borrow_mut().insert(i, a[1].clone());
    dq.changed();
    Ok(pyrs_objects::none())
}

fn remove(args: Args<'_>) -> PyResult<Value> {
    let a = method_args(&args, "remove", 1, 1)?;
    let dq = this(&args)?;
    let len = dq.items.borrow().len();
    let state = dq.state.get();
    for i in 0..len {
        let Some(item) = dq.items.borrow().get(i).cloned() else {
            break;
        };
        let eq = item.is(&a[0]) || protocol::eq(&item, &a[0])?;
        if dq.state.get() != state {
            return Err(PyErr::index_error("deque mutated during remove()."));
        }
        if eq {
            let old = dq.items.borrow_mut().remove(i);
            dq.changed();
            drop(old);
            return Ok(pyrs_objects::none());
        }
    }
    Err(PyErr::value_error(format!(
        "{} is not in deque",
        protocol::repr_string(&a[0])?
    )))
}

fn reverse(args: Args<'_>) -> PyResult<Value> {
    method_args(&args, "reverse", 0, 0)?;
    let dq = this(&args)?;
    dq.items.borrow_mut().make_contiguous().reverse();
    dq.changed();
    Ok(pyrs_objects::none())
}

fn rotate(args: Args<'_>) -> PyResult<Value> {
    let a = method_args(&args, "rotate", 0, 1)?;
    let dq = this(&args)?;
    let n = match a.first() {
        Some(n) => {
            let i = protocol::index(n)?;
            int::as_i64(&i).ok_or_else(|| {
                PyErr::overflow_error("Python int too large to convert to C ssize_t")
            })?
        }
        None => 1,
    };
    let mut items = dq.items.borrow_mut();
    let len = items.len() as i64;
    if len > 1 {
        let k = n.rem_euclid(len) as usize;
        items.rotate_right(k);
    }
    drop(items);
    dq.changed();
    Ok(pyrs_objects::none())
}

fn maxlen(d: &Value) -> PyResult<Value> {
    Ok(match data(d)?.maxlen.get() {
        Some(m) => int::from_usize(m),
        None => pyrs_objects::none(),
    })
}

fn reversed_method(args: Args<'_>) -> PyResult<Value> {
    method_args(&args, "__reversed__", 0, 0)?;
    deque_iter(&args.pos()[0], true)
}

fn reduce(args: Args<'_>) -> PyResult<Value> {
    method_args(&args, "__reduce__", 0, 0)?;
    let d = &args.pos()[0];
    let dq = data(d)?;
    let ctor_args = match dq.maxlen.get() {
        Some(m) => tuple::new(vec![tuple::empty(), int::from_usize(m)]),
        None => tuple::empty(),
    };
    let state = match d.dict_slot().and_then(|s| s.borrow().clone()) {
        Some(dict) if dict.downcast::<DictData>().is_some_and(|x| !x.is_empty()) => dict,
        _ => pyrs_objects::none(),
    };
    Ok(tuple::new(vec![
        d.class().clone(),
        ctor_args,
        state,
        deque_iter(d, false)?,
    ]))
}

fn class_getitem(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("__class_getitem__", 2, 2)?;
    Ok(pyrs_objects::genericalias::new(a[0].clone(), a[1].clone()))
}

fn sizeof(args: Args<'_>) -> PyResult<Value> {
    method_args(&args, "__sizeof__", 0, 0)?;
    let dq = this(&args)?;
    Ok(int::from_usize(
        std::mem::size_of::<Deque>() + 16 + dq.items.borrow().capacity() * 8,
    ))
}

const DEQUE_METHODS: &[MethodDef] = &[
    MethodDef::new("append", MethodKind::Method(append)),
    MethodDef::new("appendleft", MethodKind::Method(appendleft)),
    MethodDef::new("pop", MethodKind::Method(pop)),
    MethodDef::new("popleft", MethodKind::Method(popleft)),
    MethodDef::new("extend", MethodKind::Method(extend_method)),
    MethodDef::new("extendleft", MethodKind::Method(extendleft)),
    MethodDef::new("clear", MethodKind::Method(clear)),
    MethodDef::new("copy", MethodKind::Method(copy)),
    MethodDef::new("__copy__", MethodKind::Method(copy_dunder)),
    MethodDef::new("count", MethodKind::Method(count)),
    MethodDef::new("index", MethodKind::Method(index)),
    MethodDef::new("insert", MethodKind::Method(insert)),
    MethodDef::new("remove", MethodKind::Method(remove)),
    MethodDef::new("reverse", MethodKind::Method(reverse)),
    MethodDef::new("rotate", MethodKind::Method(rotate)),
    MethodDef::new("__reversed__", MethodKind::Method(reversed_method)),
    MethodDef::new("__reduce__", MethodKind::Method(reduce)),
    MethodDef::new("__sizeof__", MethodKind::Method(sizeof)),
    MethodDef::new("__class_getitem__", MethodKind::Class(class_getitem)),
    MethodDef::new("maxlen", MethodKind::GetSet(maxlen, None)),
];

// ---------------------------------------------------------------------------------------
// deque iterators

struct DequeIter {
    deque: Value,
    /// Items yielded so far.
    index: Cell<usize>,
    state: u64,
    reverse: bool,
}

impl Payload for DequeIter {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.deque);
    }
}

fn deque_iter(d: &Value, reverse: bool) -> PyResult<Value> {
    let dq = data(d)?;
    let t = types();
    Ok(alloc(
        if reverse {
            &t.reverse_iterator
        } else {
            &t.iterator
        },
        DequeIter {
            deque: d.clone(),
            index: Cell::new(0),
            state: dq.state.get(),
            reverse,
        },
    ))
}

fn deque_iter_next(it: &Value) -> PyResult<Option<Value>> {
    let d = it
        .downcast::<DequeIter>()
        .ok_or_else(|| PyErr::system_error("bad deque iterator"))?;
    let dq = data(&d.deque)?;
    if dq.state.get() != d.state {
        return Err(PyErr::runtime_error("deque mutated during iteration"));
    }
    let items = dq.items.borrow();
    let i = d.index.get();
    if i >= items.len() {
        return Ok(None);
    }
    d.index.set(i + 1);
    let pos = if d.reverse { items.len() - 1 - i } else { i };
    Ok(Some(items[pos].clone()))
}

fn iter_length_hint(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("__length_hint__", 1, 1)?;
    let d = a[0]
        .downcast::<DequeIter>()
        .ok_or_else(|| PyErr::system_error("bad deque iterator"))?;
    let len = data(&d.deque)?.items.borrow().len();
    Ok(int::from_usize(len.saturating_sub(d.index.get())))
}

const ITER_METHODS: &[MethodDef] = &[MethodDef::new(
    "__length_hint__",
    MethodKind::Method(iter_length_hint),
)];

// ---------------------------------------------------------------------------------------
// defaultdict

fn dict_data(d: &Value) -> PyResult<&DictData> {
    d.downcast::<DictData>()
        .ok_or_else(|| PyErr::type_error("a defaultdict is required"))
}

fn defaultdict_init(d: &Value, args: Args<'_>) -> PyResult<()> {
    let pos = args.pos();
    let (factory, rest) = match pos.split_first() {
        Some((f, rest)) => (Some(f.clone()), rest),
        None => (None, pos),
    };
    let factory = factory.filter(|f| !protocol::is_none(f));
    if let Some(f) = &factory {
        if !protocol::is_callable(f) {
            return Err(PyErr::type_error("first argument must be callable or None"));
        }
    }
    let dd = dict_data(d)?;
    dd.set_extra(factory);
    if rest.len() > 1 {
        return Err(PyErr::type_error(format!(
            "dict expected at most 1 argument, got {}",
            rest.len()
        )));
    }
    if let Some(other) = rest.first() {
        pyrs_objects::dict::update_from(dd, other)?;
    }
    for (k, v) in args.kwargs() {
        dd.set_item(k.clone(), v.clone())?;
    }
    Ok(())
}

fn missing(args: Args<'_>) -> PyResult<Value> {
    let a = args.skip_first().exact("__missing__", 1, 1)?;
    let d = &args.pos()[0];
    let Some(factory) = dict_data(d)?.extra() else {
        return Err(PyErr::key_error(a[0].clone()));
    };
    let value = protocol::call1(&factory, &[])?;
    protocol::setitem(d, &a[0], Some(&value))?;
    Ok(value)
}

fn defaultdict_repr(d: &Value) -> PyResult<Value> {
    let factory = match dict_data(d)?.extra() {
        None => "None".to_string(),
        Some(f) => match repr_guard::enter(&f)? {
            Some(_guard) => protocol::repr_string(&f)?,
            None => "...".to_string(),
        },
    };
    let dict_repr = type_data(&pyrs_objects::types().dict)
        .and_then(|t| t.slots.repr.get())
        .ok_or_else(|| PyErr::system_error("dict has no repr"))?;
    let body = dict_repr(d)?;
    let body = pystr::text_of(&body).unwrap_or_default();
    let name = d.type_data().name();
    Ok(pystr::new(&format!("{name}({factory}, {body})")))
}

/// `type(d)(d.default_factory, d)`.
fn copy_of(d: &Value, contents: &Value) -> PyResult<Value> {
    let factory = dict_data(d)?.extra().unwrap_or_else(pyrs_objects::none);
    protocol::call1(d.class(), &[factory, contents.clone()])
}

fn defaultdict_copy(args: Args<'_>) -> PyResult<Value> {
    args.skip_first().exact("copy", 0, 0)?;
    let d = &args.pos()[0];
    copy_of(d, d)
}

fn defaultdict_reduce(args: Args<'_>) -> PyResult<Value> {
    args.skip_first().exact("__reduce__", 0, 0)?;
    let d = &args.pos()[0];
    let ctor_args = match dict_data(d)?.extra() {
        Some(f) => tuple::new(vec![f]),
        None => tuple::empty(),
    };
    let items = protocol::call_method(d, "items", &[])?;
    Ok(tuple::new(vec![
        d.class().clone(),
        ctor_args,
        pyrs_objects::none(),
        pyrs_objects::none(),
        protocol::iter(&items)?,
    ]))
}

fn defaultdict_or(a: &Value, b: &Value) -> PyResult<Value> {
    if a.downcast::<DictData>().is_none() || b.downcast::<DictData>().is_none() {
        return Ok(pyrs_objects::not_implemented());
    }
    let dd = &types().defaultdict;
    let this = if pyrs_objects::typeobject::is_instance(a, dd) {
        a
    } else {
        b
    };
    let new = copy_of(this, a)?;
    pyrs_objects::dict::update_from(dict_data(&new)?, b)?;
    Ok(new)
}

fn default_factory(d: &Value) -> PyResult<Value> {
    Ok(dict_data(d)?.extra().unwrap_or_else(pyrs_objects::none))
}

fn set_default_factory(d: &Value, value: Option<&Value>) -> PyResult<()> {
    let value = value.filter(|v| !protocol::is_none(v)).cloned();
    dict_data(d)?.set_extra(value);
    Ok(())
}

const DEFAULTDICT_METHODS: &[MethodDef] = &[
    MethodDef::new("__missing__", MethodKind::Method(missing)),
    MethodDef::new("copy", MethodKind::Method(defaultdict_copy)),
    MethodDef::new("__copy__", MethodKind::Method(defaultdict_copy)),
    MethodDef::new("__reduce__", MethodKind::Method(defaultdict_reduce)),
    MethodDef::new(
        "default_factory",
        MethodKind::GetSet(default_factory, Some(set_default_factory)),
    ),
];
