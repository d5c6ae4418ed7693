//! The built-in iterator types `enumerate`, `zip`, `map`, `filter` and `reversed` (CPython's
//! Objects/enumobject.c and the iterator types of Python/bltinmodule.c). Each type's `new`
//! slot is its constructor, with CPython's argument errors, so `builtins.zip` is the type.

use std::cell::{Cell, RefCell};
use std::sync::OnceLock;

use crate::args::Args;
use crate::error::{PyErr, PyResult};
use crate::exceptions::ExcKind;
use crate::native::{MethodDef, MethodKind};
use crate::object::Payload;
use crate::protocol;
use crate::typeobject::{BinOp, TypeBuilder};
use crate::value::Value;
use crate::SyncCell;

/// The payload of `enumerate`.
pub struct Enumerate {
    iter: Value,
    count: RefCell<Value>,
}

impl Payload for Enumerate {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.iter);
        if let Ok(count) = self.count.try_borrow() {
            visit(&count);
        }
    }
}

/// The payload of `zip`.
pub struct Zip {
    iters: Vec<Value>,
    strict: bool,
}

impl Payload for Zip {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        self.iters.iter().for_each(visit);
    }
}

/// The payload of `map`.
pub struct Map {
    func: Value,
    iters: Vec<Value>,
}

impl Payload for Map {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.func);
        self.iters.iter().for_each(visit);
    }
}

/// The payload of `filter`.
pub struct Filter {
    func: Value,
    iter: Value,
}

impl Payload for Filter {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.func);
        visit(&self.iter);
    }
}

/// The payload of `reversed` (over a sequence without `__reversed__`).
pub struct Reversed {
    seq: RefCell<Option<Value>>,
    /// The next index to read, plus one (0: exhausted).
    index: Cell<usize>,
}

impl Payload for Reversed {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        crate::gc::visit_cell(&self.seq, visit);
    }

    fn clear(&self) {
        crate::gc::clear_cell(&self.seq);
    }
}

struct IterTypes {
    enumerate: Value,
    zip: Value,
    map: Value,
    filter: Value,
    reversed: Value,
}

static TYPES: OnceLock<SyncCell<IterTypes>> = OnceLock::new();

fn types() -> &'static IterTypes {
    &TYPES
        .get_or_init(|| {
            let build =
                |b: TypeBuilder, new: crate::typeobject::NewFn, next: crate::typeobject::NextFn| {
                    b.subclassable()
                        .slots(|s| {
                            s.iter.set(Some(|it| Ok(it.clone())));
                            s.next.set(Some(next));
                            s.new.set(Some(new));
                        })
                        .build()
                };
            SyncCell(IterTypes {
                enumerate: build(
                    TypeBuilder::new::<Enumerate>("enumerate").methods(ENUMERATE_METHODS),
                    enumerate_new,
                    enumerate_next,
                ),
                zip: build(TypeBuilder::new::<Zip>("zip"), zip_new, zip_next),
                map: build(TypeBuilder::new::<Map>("map"), map_new, map_next),
                filter: build(
                    TypeBuilder::new::<Filter>("filter"),
                    filter_new,
                    filter_next,
                ),
                reversed: build(
                    TypeBuilder::new::<Reversed>("reversed").methods(REVERSED_METHODS),
                    reversed_new,
                    reversed_next,
                ),
            })
        })
        .0
}

/// The `enumerate` type.
pub fn enumerate_type() -> &'static Value {
    &types().enumerate
}

/// The `zip` type.
pub fn zip_type() -> &'static Value {
    &types().zip
}

/// The `map` type.
pub fn map_type() -> &'static Value {
    &types().map
}

/// The `filter` type.
pub fn filter_type() -> &'static Value {
    &types().filter
}

/// The `reversed` type.
pub fn reversed_type() -> &'static Value {
    &types().reversed
}

fn payload<T: Payload>(it: &Value) -> PyResult<&T> {
    it.downcast::<T>()
        .ok_or_else(|| PyErr::system_error("bad iterator"))
}

// ---------------------------------------------------------------------------------------
// enumerate

fn enumerate_new(cls: &Value, args: Args<'_>) -> PyResult<Value> {
    let pos = args.pos();
    let total = args.values().len();
    if total > 2 {
        return Err(PyErr::type_error(format!(
            "enumerate() takes at most 2 arguments ({total} given)"
        )));
    }
    let mut iterable = pos.first().cloned();
    let mut start = pos.get(1).cloned();
    for (name, value) in args.kwargs() {
        match crate::str::text_of(name).as_deref() {
            Some("iterable") if iterable.is_none() => iterable = Some(value.clone()),
            Some("start") if start.is_none() => start = Some(value.clone()),
            Some(n @ ("iterable" | "start")) => {
                let position = if n == "iterable" { 1 } else { 2 };
                return Err(PyErr::type_error(format!(
                    "argument for enumerate() given by name ('{n}') and position ({position})"
                )));
            }
            other => {
                return Err(PyErr::type_error(format!(
                    "enumerate() got an unexpected keyword argument '{}'",
                    other.unwrap_or_default()
                )))
            }
        }
    }
    let Some(iterable) = iterable else {
        return Err(PyErr::type_error(
            "enumerate() missing required argument 'iterable'",
        ));
    };
    let count = match start {
        Some(s) => protocol::index(&s)?,
        None => Value::small(0),
    };
    let iter = protocol::iter(&iterable)?;
    Ok(crate::object::alloc(
        cls,
        Enumerate {
            iter,
            count: RefCell::new(count),
        },
    ))
}

fn enumerate_next(it: &Value) -> PyResult<Option<Value>> {
    let d = payload::<Enumerate>(it)?;
    let Some(item) = protocol::next(&d.iter)? else {
        return Ok(None);
    };
    let count = d.count.borrow().clone();
    let next = match count.as_small() {
        Some(i) if i < crate::value::SMALL_MAX => Value::small(i + 1),
        _ => protocol::binary_op(&count, &Value::small(1), BinOp::Add)?,
    };
    *d.count.borrow_mut() = next;
    Ok(Some(crate::tuple::new(vec![count, item])))
}

const ENUMERATE_METHODS: &[MethodDef] = &[MethodDef::new(
    "__class_getitem__",
    MethodKind::Class(crate::genericalias::class_getitem),
)];

// ---------------------------------------------------------------------------------------
// zip

fn zip_new(cls: &Value, args: Args<'_>) -> PyResult<Value> {
    let mut strict = false;
    for (name, value) in args.kwargs() {
        match crate::str::text_of(name).as_deref() {
            Some("strict") => strict = protocol::is_true(value)?,
            other => {
                return Err(PyErr::type_error(format!(
                    "zip() got an unexpected keyword argument '{}'",
                    other.unwrap_or_default()
                )))
            }
        }
    }
    let iters = args
        .pos()
        .iter()
        .map(protocol::iter)
        .collect::<PyResult<Vec<_>>>()?;
    Ok(crate::object::alloc(cls, Zip { iters, strict }))
}

fn arguments(n: usize) -> String {
    if n == 1 {
        "argument 1".to_string()
    } else {
        format!("arguments 1-{n}")
    }
}

fn zip_next(it: &Value) -> PyResult<Option<Value>> {
    let d = payload::<Zip>(it)?;
    if d.iters.is_empty() {
        return Ok(None);
    }
    let mut items = Vec::with_capacity(d.iters.len());
    for (i, iter) in d.iters.iter().enumerate() {
        match protocol::next(iter)? {
            Some(item) => items.push(item),
            None => {
                if !d.strict {
                    return Ok(None);
                }
                if i > 0 {
                    return Err(PyErr::value_error(format!(
                        "zip() argument {} is shorter than {}",
                        i + 1,
                        arguments(i)
                    )));
                }
                for (j, other) in d.iters.iter().enumerate().skip(1) {
                    if protocol::next(other)?.is_some() {
                        return Err(PyErr::value_error(format!(
                            "zip() argument {} is longer than {}",
                            j + 1,
                            arguments(j)
                        )));
                    }
                }
                return Ok(None);
            }
        }
    }
    Ok(Some(crate::tuple::new(items)))
}

// ---------------------------------------------------------------------------------------
// map

fn map_new(cls: &Value, args: Args<'_>) -> PyResult<Value> {
    if cls.is(map_type()) {
        args.no_kwargs("map")?;
    }
    let pos = args.pos();
    if pos.len() < 2 {
        return Err(PyErr::type_error("map() must have at least two arguments."));
    }
    let iters = pos[1..]
        .iter()
        .map(protocol::iter)
        .collect::<PyResult<Vec<_>>>()?;
    Ok(crate::object::alloc(
        cls,
        Map {
            func: pos[0].clone(),
            iters,
        },
    ))
}

fn map_next(it: &Value) -> PyResult<Option<Value>> {
    let d = payload::<Map>(it)?;
    let mut items = Vec::with_capacity(d.iters.len());
    for iter in &d.iters {
        match protocol::next(iter)? {
            Some(item) => items.push(item),
            None => return Ok(None),
        }
    }
    protocol::call1(&d.func, &items).map(Some)
}

// ---------------------------------------------------------------------------------------
// filter

fn filter_new(cls: &Value, args: Args<'_>) -> PyResult<Value> {
    if cls.is(filter_type()) {
        args.no_kwargs("filter")?;
    }
    let pos = args.pos();
    if pos.len() != 2 {
        return Err(PyErr::type_error(format!(
            "filter expected 2 arguments, got {}",
            pos.len()
        )));
    }
    let iter = protocol::iter(&pos[1])?;
    Ok(crate::object::alloc(
        cls,
        Filter {
            func: pos[0].clone(),
            iter,
        },
    ))
}

fn filter_next(it: &Value) -> PyResult<Option<Value>> {
    let d = payload::<Filter>(it)?;
    let plain = protocol::is_none(&d.func) || d.func.is(&crate::types().bool);
    while let Some(item) = protocol::next(&d.iter)? {
        let keep = if plain {
            protocol::is_true(&item)?
        } else {
            let r = protocol::call1(&d.func, std::slice::from_ref(&item))?;
            protocol::is_true(&r)?
        };
        if keep {
            return Ok(Some(item));
        }
    }
    Ok(None)
}

// ---------------------------------------------------------------------------------------
// reversed

fn not_reversible(seq: &Value) -> PyErr {
    PyErr::type_error(format!(
        "'{}' object is not reversible",
        seq.type_data().name()
    ))
}

/// `reversed(seq)`: `seq.__reversed__()`, or an iterator reading `seq[len - 1]` down to
/// `seq[0]`.
pub fn reversed(seq: &Value) -> PyResult<Value> {
    reversed_of(reversed_type(), seq)
}

fn reversed_of(cls: &Value, seq: &Value) -> PyResult<Value> {
    if let Some(method) = protocol::lookup_special(seq, "__reversed__")? {
        if protocol::is_none(&method) {
            return Err(not_reversible(seq));
        }
        return protocol::call1(&method, &[]);
    }
    let ty = seq.type_data();
    let is_dict = crate::typeobject::is_instance(seq, &crate::types().dict);
    if is_dict || ty.slots.getitem.get().is_none() || ty.slots.len.get().is_none() {
        return Err(not_reversible(seq));
    }
    let len = protocol::len(seq)?;
    Ok(crate::object::alloc(
        cls,
        Reversed {
            seq: RefCell::new((len > 0).then(|| seq.clone())),
            index: Cell::new(len),
        },
    ))
}

fn reversed_new(cls: &Value, args: Args<'_>) -> PyResult<Value> {
    if cls.is(reversed_type()) {
        args.no_kwargs("reversed")?;
    }
    let pos = args.pos();
    if pos.len() != 1 {
        return Err(PyErr::type_error(format!(
            "reversed expected 1 argument, got {}",
            pos.len()
        )));
    }
    reversed_of(cls, &pos[0])
}

fn reversed_next(it: &Value) -> PyResult<Option<Value>> {
    let d = payload::<Reversed>(it)?;
    let seq = d.seq.borrow().clone();
    let Some(seq) = seq else {
        return Ok(None);
    };
    let i = d.index.get();
    if i > 0 {
        match protocol::getitem(&seq, &crate::int::from_usize(i - 1)) {
            Ok(item) => {
                d.index.set(i - 1);
                return Ok(Some(item));
            }
            Err(e) if e.is(ExcKind::IndexError) || e.is(ExcKind::StopIteration) => {}
            Err(e) => return Err(e),
        }
    }
    d.index.set(0);
    let old = d.seq.borrow_mut().take();
    drop(old);
    Ok(None)
}

fn reversed_length_hint(args: Args<'_>) -> PyResult<Value> {
    crate::sequence::method_args(&args, "reversed.__length_hint__", 0, 0)?;
    let d = payload::<Reversed>(&args.pos()[0])?;
    let seq = d.seq.borrow().clone();
    let n = match seq {
        None => 0,
        Some(seq) => {
            let size = protocol::len(&seq)?;
            if size < d.index.get() {
                0
            } else {
                d.index.get()
            }
        }
    };
    Ok(crate::int::from_usize(n))
}

const REVERSED_METHODS: &[MethodDef] = &[MethodDef::new(
    "__length_hint__",
    MethodKind::Method(reversed_length_hint),
)];
