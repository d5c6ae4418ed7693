//! The `itertools` module (CPython's Modules/itertoolsmodule.c): lazy iterator types, each a
//! native type whose constructor checks its arguments as CPython's does and whose `next`
//! slot computes one item at a time.
//!
//! State lives in `Cell`s and short `RefCell` borrows; no borrow is held while an underlying
//! iterator's `next`, a key function or a comparison (which may run Python code) is called.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;
use std::sync::OnceLock;

use pyrs_objects::gc::{clear_cell, visit_cell};
use pyrs_objects::native::{MethodDef, MethodKind};
use pyrs_objects::object::{alloc, Payload};
use pyrs_objects::typeobject::{BinOp, CompareOp, NewFn, NextFn, TypeBuilder, UnaryOp};
use pyrs_objects::{int, protocol, str as pystr, tuple, Args, PyErr, PyResult, SyncCell, Value};

use crate::argconv::module_dict;

/// Makes the module.
pub(crate) fn init() -> PyResult<Value> {
    let module = pyrs_objects::module::new_module("itertools");
    let d = module_dict(&module);
    d.set_str(
        "__doc__",
        pystr::new("Functional tools for creating and using iterators."),
    );
    let t = types();
    for ty in [
        &t.accumulate,
        &t.batched,
        &t.chain,
        &t.combinations,
        &t.combinations_with_replacement,
        &t.compress,
        &t.count,
        &t.cycle,
        &t.dropwhile,
        &t.filterfalse,
        &t.groupby,
        &t.grouper,
        &t.islice,
        &t.pairwise,
        &t.permutations,
        &t.product,
        &t.repeat,
        &t.starmap,
        &t.takewhile,
        &t.tee,
        &t.zip_longest,
    ] {
        let name = pyrs_objects::typeobject::type_data(ty)
            .map(|t| t.name())
            .unwrap_or_default();
        d.set_str(&name, ty.clone());
    }
    d.set_str(
        "tee",
        pyrs_objects::native::new_module_function("tee", tee_function, module.clone()),
    );
    d.set_str("_tee", t.tee.clone());
    Ok(module)
}

struct Types {
    accumulate: Value,
    batched: Value,
    chain: Value,
    combinations: Value,
    combinations_with_replacement: Value,
    compress: Value,
    count: Value,
    cycle: Value,
    dropwhile: Value,
    filterfalse: Value,
    groupby: Value,
    grouper: Value,
    islice: Value,
    pairwise: Value,
    permutations: Value,
    product: Value,
    repeat: Value,
    starmap: Value,
    takewhile: Value,
    tee: Value,
    zip_longest: Value,
}

fn iterator_type(b: TypeBuilder, new: Option<NewFn>, next: NextFn, subclassable: bool) -> Value {
    let b = b.module("itertools").slots(|s| {
        s.iter.set(Some(|it| Ok(it.clone())));
        s.next.set(Some(next));
        s.new.set(new);
    });
    if subclassable {
        b.subclassable().build()
    } else {
        b.build()
    }
}

fn types() -> &'static Types {
    static TYPES: OnceLock<SyncCell<Types>> = OnceLock::new();
    &TYPES
        .get_or_init(|| {
            let ty = |b, new, next| iterator_type(b, Some(new), next, true);
            SyncCell(Types {
                accumulate: ty(
                    TypeBuilder::new::<Accumulate>("accumulate"),
                    accumulate_new,
                    accumulate_next,
                ),
                batched: ty(
                    TypeBuilder::new::<Batched>("batched"),
                    batched_new,
                    batched_next,
                ),
                chain: ty(
                    TypeBuilder::new::<Chain>("chain").methods(CHAIN_METHODS),
                    chain_new,
                    chain_next,
                ),
                combinations: ty(
                    TypeBuilder::new::<Combinations>("combinations"),
                    combinations_new,
                    combinations_next,
                ),
                combinations_with_replacement: ty(
                    TypeBuilder::new::<Combinations>("combinations_with_replacement"),
                    cwr_new,
                    cwr_next,
                ),
                compress: ty(
                    TypeBuilder::new::<Compress>("compress"),
                    compress_new,
                    compress_next,
                ),
                count: ty(
                    TypeBuilder::new::<Count>("count").slots(|s| s.repr.set(Some(count_repr))),
                    count_new,
                    count_next,
                ),
                cycle: ty(TypeBuilder::new::<Cycle>("cycle"), cycle_new, cycle_next),
                dropwhile: ty(
                    TypeBuilder::new::<While>("dropwhile"),
                    dropwhile_new,
                    dropwhile_next,
                ),
                filterfalse: ty(
                    TypeBuilder::new::<FilterFalse>("filterfalse"),
                    filterfalse_new,
                    filterfalse_next,
                ),
                groupby: ty(
                    TypeBuilder::new::<GroupBy>("groupby"),
                    groupby_new,
                    groupby_next,
                ),
                grouper: iterator_type(
                    TypeBuilder::new::<Grouper>("_grouper"),
                    None,
                    grouper_next,
                    false,
                ),
                islice: ty(
                    TypeBuilder::new::<Islice>("islice"),
                    islice_new,
                    islice_next,
                ),
                pairwise: ty(
                    TypeBuilder::new::<Pairwise>("pairwise"),
                    pairwise_new,
                    pairwise_next,
                ),
                permutations: ty(
                    TypeBuilder::new::<Combinations>("permutations"),
                    permutations_new,
                    permutations_next,
                ),
                product: ty(
                    TypeBuilder::new::<Product>("product"),
                    product_new,
                    product_next,
                ),
                repeat: ty(
                    TypeBuilder::new::<Repeat>("repeat")
                        .methods(REPEAT_METHODS)
                        .slots(|s| s.repr.set(Some(repeat_repr))),
                    repeat_new,
                    repeat_next,
                ),
                starmap: ty(
                    TypeBuilder::new::<Starmap>("starmap"),
                    starmap_new,
                    starmap_next,
                ),
                takewhile: ty(
                    TypeBuilder::new::<While>("takewhile"),
                    takewhile_new,
                    takewhile_next,
                ),
                tee: iterator_type(
                    TypeBuilder::new::<Tee>("_tee").methods(TEE_METHODS),
                    Some(tee_new),
                    tee_next,
                    false,
                ),
                zip_longest: ty(
                    TypeBuilder::new::<ZipLongest>("zip_longest"),
                    zip_longest_new,
                    zip_longest_next,
                ),
            })
        })
        .0
}

// ---------------------------------------------------------------------------------------
// Argument helpers.

fn payload<T: Payload>(it: &Value) -> PyResult<&T> {
    it.downcast::<T>()
        .ok_or_else(|| PyErr::system_error("bad itertools object"))
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// CPython's `_PyArg_CheckPositional` message ("cycle expected 1 argument, got 0").
fn positional<'a>(args: &Args<'a>, name: &str, min: usize, max: usize) -> PyResult<&'a [Value]> {
    args.no_kwargs(name)?;
    let pos = args.pos();
    let n = pos.len();
    if n < min {
        let at_least = if min == max { "" } else { "at least " };
        return Err(PyErr::type_error(format!(
            "{name} expected {at_least}{}, got {n}",
            plural(min, "argument")
        )));
    }
    if n > max {
        let at_most = if min == max { "" } else { "at most " };
        return Err(PyErr::type_error(format!(
            "{name} expected {at_most}{}, got {n}",
            plural(max, "argument")
        )));
    }
    Ok(pos)
}

/// Binds arguments by name as `PyArg_ParseTupleAndKeywords` does: `names[..required]` must
/// be given, `names[keyword_only_from..]` only by keyword.
fn bind<const N: usize>(
    args: &Args<'_>,
    func: &str,
    names: [&str; N],
    required: usize,
    keyword_only_from: usize,
) -> PyResult<[Option<Value>; N]> {
    let pos = args.pos();
    let total = args.values().len();
    if total > N {
        return Err(PyErr::type_error(format!(
            "{func}() takes at most {} ({total} given)",
            plural(N, "argument")
        )));
    }
    if pos.len() > keyword_only_from {
        let how = if keyword_only_from == required {
            "exactly"
        } else {
            "at most"
        };
        return Err(PyErr::type_error(format!(
            "{func}() takes {how} {} ({} given)",
            plural(keyword_only_from, "positional argument"),
            pos.len()
        )));
    }
    let mut out: [Option<Value>; N] = std::array::from_fn(|_| None);
    for (slot, v) in out.iter_mut().zip(pos) {
        *slot = Some(v.clone());
    }
    for (name, value) in args.kwargs() {
        let key = pystr::text_of(name).unwrap_or_default();
        match names.iter().position(|n| *n == key) {
            Some(i) if out[i].is_some() => {
                return Err(PyErr::type_error(format!(
                    "argument for {func}() given by name ('{key}') and position ({})",
                    i + 1
                )))
            }
            Some(i) => out[i] = Some(value.clone()),
            None => {
                return Err(PyErr::type_error(format!(
                    "{func}() got an unexpected keyword argument '{key}'"
                )))
            }
        }
    }
    for (i, slot) in out.iter().enumerate().take(required) {
        if slot.is_none() {
            return Err(PyErr::type_error(format!(
                "{func}() missing required argument '{}' (pos {})",
                names[i],
                i + 1
            )));
        }
    }
    Ok(out)
}

/// A `Py_ssize_t` argument ("'str' object cannot be interpreted as an integer").
fn ssize_arg(v: &Value) -> PyResult<i64> {
    if let Some(i) = v.as_small() {
        return Ok(i);
    }
    let i = protocol::index(v)?;
    int::as_i64(&i)
        .ok_or_else(|| PyErr::overflow_error("Python int too large to convert to C ssize_t"))
}

fn call(func: &Value, args: &[Value]) -> PyResult<Value> {
    protocol::call1(func, args)
}

// ---------------------------------------------------------------------------------------
// count

/// The payload of `count`.
struct Count {
    cnt: RefCell<Value>,
    step: Value,
}

impl Payload for Count {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        if let Ok(cnt) = self.cnt.try_borrow() {
            visit(&cnt);
        }
        visit(&self.step);
    }
}

fn is_number(v: &Value) -> bool {
    let slots = &v.type_data().slots;
    v.is_small()
        || slots.unary[UnaryOp::Index as usize].get().is_some()
        || slots.unary[UnaryOp::Int as usize].get().is_some()
        || slots.unary[UnaryOp::Float as usize].get().is_some()
        || v.downcast::<pyrs_objects::complex::ComplexData>().is_some()
}

fn is_int_one(v: &Value) -> bool {
    int::as_i64(v) == Some(1)
}

fn count_new(cls: &Value, args: Args<'_>) -> PyResult<Value> {
    let [start, step] = bind(&args, "count", ["start", "step"], 0, 2)?;
    let start = start.unwrap_or(Value::small(0));
    let step = step.unwrap_or(Value::small(1));
    if !is_number(&start) || !is_number(&step) {
        return Err(PyErr::type_error("a number is required"));
    }
    // An int start with a step of int 1 counts in plain ints (count(True) is count(1)).
    let start = match int::as_int(&start) {
        Some(i) if is_int_one(&step) => int::from_bigint(i.to_bigint()),
        _ => start,
    };
    Ok(alloc(
        cls,
        Count {
            cnt: RefCell::new(start),
            step,
        },
    ))
}

fn count_next(it: &Value) -> PyResult<Option<Value>> {
    let d = payload::<Count>(it)?;
    let cnt = d.cnt.borrow().clone();
    let next = match (cnt.as_small(), d.step.as_small()) {
        (Some(a), Some(b)) if Value::fits_small(a.saturating_add(b)) => Value::small(a + b),
        _ => protocol::binary_op(&cnt, &d.step, BinOp::Add)?,
    };
    *d.cnt.borrow_mut() = next;
    Ok(Some(cnt))
}

fn count_repr(it: &Value) -> PyResult<Value> {
    let d = payload::<Count>(it)?;
    let cnt = d.cnt.borrow().clone();
    let name = it.type_data().name();
    let text = if is_int_one(&d.step) && int::as_int(&d.step).is_some() {
        format!("{name}({})", protocol::repr_string(&cnt)?)
    } else {
        format!(
            "{name}({}, {})",
            protocol::repr_string(&cnt)?,
            protocol::repr_string(&d.step)?
        )
    };
    Ok(pystr::new(&text))
}

// ---------------------------------------------------------------------------------------
// cycle

struct Cycle {
    iter: RefCell<Option<Value>>,
    saved: RefCell<Vec<Value>>,
    index: Cell<usize>,
}

impl Payload for Cycle {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit_cell(&self.iter, visit);
        if let Ok(saved) = self.saved.try_borrow() {
            saved.iter().for_each(visit);
        }
    }

    fn clear(&self) {
        clear_cell(&self.iter);
        let old = self
            .saved
            .try_borrow_mut()
            .map(|mut s| std::mem::take(&mut *s));
        drop(old);
    }
}

fn cycle_new(cls: &Value, args: Args<'_>) -> PyResult<Value> {
    let a = positional(&args, "cycle", 1, 1)?;
    let iter = protocol::iter(&a[0])?;
    Ok(alloc(
        cls,
        Cycle {
            iter: RefCell::new(Some(iter)),
            saved: RefCell::new(Vec::new()),
            index: Cell::new(0),
        },
    ))
}

fn cycle_next(it: &Value) -> PyResult<Option<Value>> {
    let d = payload::<Cycle>(it)?;
    let source = d.iter.borrow().clone();
    if let Some(source) = source {
        if let Some(item) = protocol::next(&source)? {
            d.saved.borrow_mut().push(item.clone());
            return Ok(Some(item));
        }
        *d.iter.borrow_mut() = None;
    }
    let saved = d.saved.borrow();
    if saved.is_empty() {
        return Ok(None);
    }
    let i = d.index.get() % saved.len();
    d.index.set((i + 1) % saved.len());
    Ok(Some(saved[i].clone()))
}

// ---------------------------------------------------------------------------------------
// repeat

struct Repeat {
    object: Value,
    /// Items left; -1 for forever.
    count: Cell<i64>,
}

impl Payload for Repeat {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.object);
    }
}

fn repeat_new(cls: &Value, args: Args<'_>) -> PyResult<Value> {
    let [object, times] = bind(&args, "repeat", ["object", "times"], 1, 2)?;
    let count = match times {
        Some(t) => ssize_arg(&t)?.max(0),
        None => -1,
    };
    Ok(alloc(
        cls,
        Repeat {
            object: object.expect("required"),
            count: Cell::new(count),
        },
    ))
}

fn repeat_next(it: &Value) -> PyResult<Option<Value>> {
    let d = payload::<Repeat>(it)?;
    match d.count.get() {
        0 => Ok(None),
        n => {
            if n > 0 {
                d.count.set(n - 1);
            }
            Ok(Some(d.object.clone()))
        }
    }
}

fn repeat_repr(it: &Value) -> PyResult<Value> {
    let d = payload::<Repeat>(it)?;
    let name = it.type_data().name();
    let obj = protocol::repr_string(&d.object)?;
    Ok(pystr::new(&match d.count.get() {
        -1 => format!("{name}({obj})"),
        n => format!("{name}({obj}, {n})"),
    }))
}

fn repeat_length_hint(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("__length_hint__", 1, 1)?;
    let d = payload::<Repeat>(&a[0])?;
    match d.count.get() {
        -1 => Err(PyErr::type_error("len() of unsized object")),
        n => Ok(int::from_i64(n)),
    }
}

const REPEAT_METHODS: &[MethodDef] = &[MethodDef::new(
    "__length_hint__",
    MethodKind::Method(repeat_length_hint),
)];

// ---------------------------------------------------------------------------------------
// accumulate

struct Accumulate {
    iter: Value,
    func: Option<Value>,
    total: RefCell<Option<Value>>,
    initial: RefCell<Option<Value>>,
}

impl Payload for Accumulate {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.iter);
        if let Some(func) = &self.func {
            visit(func);
        }
        visit_cell(&self.total, visit);
        visit_cell(&self.initial, visit);
    }

    fn clear(&self) {
        clear_cell(&self.total);
        clear_cell(&self.initial);
    }
}

fn accumulate_new(cls: &Value, args: Args<'_>) -> PyResult<Value> {
    let [iterable, func, initial] =
        bind(&args, "accumulate", ["iterable", "func", "initial"], 1, 2)?;
    let iter = protocol::iter(&iterable.expect("required"))?;
    let none = |v: Option<Value>| v.filter(|v| !protocol::is_none(v));
    Ok(alloc(
        cls,
        Accumulate {
            iter,
            func: none(func),
            total: RefCell::new(None),
            initial: RefCell::new(none(initial)),
        },
    ))
}

fn accumulate_next(it: &Value) -> PyResult<Option<Value>> {
    let d = payload::<Accumulate>(it)?;
    let initial = d.initial.borrow_mut().take();
    if let Some(initial) = initial {
        *d.total.borrow_mut() = Some(initial.clone());
        return Ok(Some(initial));
    }
    let Some(item) = protocol::next(&d.iter)? else {
        return Ok(None);
    };
    let total = d.total.borrow().clone();
    let new = match total {
        None => item,
        Some(total) => match &d.func {
            Some(f) => call(f, &[total, item])?,
            None => protocol::binary_op(&total, &item, BinOp::Add)?,
        },
    };
    *d.total.borrow_mut() = Some(new.clone());
    Ok(Some(new))
}

// ---------------------------------------------------------------------------------------
// chain

struct Chain {
    /// An iterator over the iterables; `None` once exhausted.
    source: RefCell<Option<Value>>,
    /// The iterator of the current iterable.
    active: RefCell<Option<Value>>,
}

impl Payload for Chain {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit_cell(&self.source, visit);
        visit_cell(&self.active, visit);
    }

    fn clear(&self) {
        clear_cell(&self.source);
        clear_cell(&self.active);
    }
}

fn chain_new(cls: &Value, args: Args<'_>) -> PyResult<Value> {
    args.no_kwargs("chain")?;
    let source = protocol::iter(&tuple::new(args.pos().to_vec()))?;
    Ok(alloc(
        cls,
        Chain {
            source: RefCell::new(Some(source)),
            active: RefCell::new(None),
        },
    ))
}

fn chain_from_iterable(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("chain.from_iterable", 2, 2).map_err(|_| {
        PyErr::type_error(format!(
            "chain.from_iterable() takes exactly one argument ({} given)",
            args.values().len().saturating_sub(1)
        ))
    })?;
    let source = protocol::iter(&a[1])?;
    Ok(alloc(
        &a[0],
        Chain {
            source: RefCell::new(Some(source)),
            active: RefCell::new(None),
        },
    ))
}

const CHAIN_METHODS: &[MethodDef] = &[MethodDef::new(
    "from_iterable",
    MethodKind::Class(chain_from_iterable),
)];

fn chain_next(it: &Value) -> PyResult<Option<Value>> {
    let d = payload::<Chain>(it)?;
    loop {
        let active = d.active.borrow().clone();
        if let Some(active) = active {
            if let Some(item) = protocol::next(&active)? {
                return Ok(Some(item));
            }
            *d.active.borrow_mut() = None;
        }
        let source = d.source.borrow().clone();
        let Some(source) = source else {
            return Ok(None);
        };
        match protocol::next(&source)? {
            Some(iterable) => *d.active.borrow_mut() = Some(protocol::iter(&iterable)?),
            None => {
                *d.source.borrow_mut() = None;
                return Ok(None);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// compress

struct Compress {
    data: Value,
    selectors: Value,
}

impl Payload for Compress {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.data);
        visit(&self.selectors);
    }
}

fn compress_new(cls: &Value, args: Args<'_>) -> PyResult<Value> {
    let [data, selectors] = bind(&args, "compress", ["data", "selectors"], 2, 2)?;
    let data = protocol::iter(&data.expect("required"))?;
    let selectors = protocol::iter(&selectors.expect("required"))?;
    Ok(alloc(cls, Compress { data, selectors }))
}

fn compress_next(it: &Value) -> PyResult<Option<Value>> {
    let d = payload::<Compress>(it)?;
    loop {
        let Some(datum) = protocol::next(&d.data)? else {
            return Ok(None);
        };
        let Some(selector) = protocol::next(&d.selectors)? else {
            return Ok(None);
        };
        if protocol::is_true(&selector)? {
            return Ok(Some(datum));
        }
    }
}

// ---------------------------------------------------------------------------------------
// dropwhile, takewhile, filterfalse

/// The payload of `dropwhile` and `takewhile`.
struct While {
    func: Value,
    iter: Value,
    /// dropwhile: done dropping; takewhile: stopped.
    done: Cell<bool>,
}

impl Payload for While {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.func);
        visit(&self.iter);
    }
}

fn while_new(cls: &Value, args: Args<'_>, name: &str) -> PyResult<Value> {
    let a = positional(&args, name, 2, 2)?;
    let iter = protocol::iter(&a[1])?;
    Ok(alloc(
        cls,
        While {
            func: a[0].clone(),
            iter,
            done: Cell::new(false),
        },
    ))
}

fn dropwhile_new(cls: &Value, args: Args<'_>) -> PyResult<Value> {
    while_new(cls, args, "dropwhile")
}

fn takewhile_new(cls: &Value, args: Args<'_>) -> PyResult<Value> {
    while_new(cls, args, "takewhile")
}

fn dropwhile_next(it: &Value) -> PyResult<Option<Value>> {
    let d = payload::<While>(it)?;
    loop {
        let Some(item) = protocol::next(&d.iter)? else {
            return Ok(None);
        };
        if d.done.get() {
            return Ok(Some(item));
        }
        let keep_dropping = protocol::is_true(&call(&d.func, std::slice::from_ref(&item))?)?;
        if !keep_dropping {
            d.done.set(true);
            return Ok(Some(item));
        }
    }
}

fn takewhile_next(it: &Value) -> PyResult<Option<Value>> {
    let d = payload::<While>(it)?;
    if d.done.get() {
        return Ok(None);
    }
    let Some(item) = protocol::next(&d.iter)? else {
        return Ok(None);
    };
    if protocol::is_true(&call(&d.func, std::slice::from_ref(&item))?)? {
        return Ok(Some(item));
    }
    d.done.set(true);
    Ok(None)
}

struct FilterFalse {
    func: Option<Value>,
    iter: Value,
}

impl Payload for FilterFalse {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        if let Some(func) = &self.func {
            visit(func);
        }
        visit(&self.iter);
    }
}

fn filterfalse_new(cls: &Value, args: Args<'_>) -> PyResult<Value> {
    let a = positional(&args, "filterfalse", 2, 2)?;
    let iter = protocol::iter(&a[1])?;
    let func = Some(a[0].clone()).filter(|f| !protocol::is_none(f));
    Ok(alloc(cls, FilterFalse { func, iter }))
}

fn filterfalse_next(it: &Value) -> PyResult<Option<Value>> {
    let d = payload::<FilterFalse>(it)?;
    loop {
        let Some(item) = protocol::next(&d.iter)? else {
            return Ok(None);
        };
        let truth = match &d.func {
            Some(f) => protocol::is_true(&call(f, std::slice::from_ref(&item))?)?,
            None => protocol::is_true(&item)?,
        };
        if !truth {
            return Ok(Some(item));
        }
    }
}

// ---------------------------------------------------------------------------------------
// groupby

struct GroupBy {
    iter: Value,
    keyfunc: Option<Value>,
    tgtkey: RefCell<Option<Value>>,
    currkey: RefCell<Option<Value>>,
    currvalue: RefCell<Option<Value>>,
    /// The address of the current `_grouper` (only it may still yield).
    currgrouper: Cell<usize>,
}

impl Payload for GroupBy {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.iter);
        if let Some(keyfunc) = &self.keyfunc {
            visit(keyfunc);
        }
        visit_cell(&self.tgtkey, visit);
        visit_cell(&self.currkey, visit);
        visit_cell(&self.currvalue, visit);
    }

    fn clear(&self) {
        clear_cell(&self.tgtkey);
        clear_cell(&self.currkey);
        clear_cell(&self.currvalue);
    }
}

struct Grouper {
    parent: Value,
    tgtkey: Value,
}

impl Payload for Grouper {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.parent);
        visit(&self.tgtkey);
    }
}

fn groupby_new(cls: &Value, args: Args<'_>) -> PyResult<Value> {
    let [iterable, key] = bind(&args, "groupby", ["iterable", "key"], 1, 2)?;
    let iter = protocol::iter(&iterable.expect("required"))?;
    Ok(alloc(
        cls,
        GroupBy {
            iter,
            keyfunc: key.filter(|k| !protocol::is_none(k)),
            tgtkey: RefCell::new(None),
            currkey: RefCell::new(None),
            currvalue: RefCell::new(None),
            currgrouper: Cell::new(0),
        },
    ))
}

/// Reads the next value and its key; false when the input is exhausted.
fn groupby_step(d: &GroupBy) -> PyResult<bool> {
    let Some(value) = protocol::next(&d.iter)? else {
        return Ok(false);
    };
    let key = match &d.keyfunc {
        Some(f) => call(f, std::slice::from_ref(&value))?,
        None => value.clone(),
    };
    *d.currvalue.borrow_mut() = Some(value);
    *d.currkey.borrow_mut() = Some(key);
    Ok(true)
}

fn groupby_next(it: &Value) -> PyResult<Option<Value>> {
    let d = payload::<GroupBy>(it)?;
    d.currgrouper.set(0);
    // Skip to the next group.
    loop {
        let currkey = d.currkey.borrow().clone();
        if let Some(currkey) = currkey {
            let tgtkey = d.tgtkey.borrow().clone();
            match tgtkey {
                None => break,
                Some(tgt) => {
                    if !protocol::rich_compare_bool(&tgt, &currkey, CompareOp::Eq)? {
                        break;
                    }
                }
            }
        }
        if !groupby_step(d)? {
            return Ok(None);
        }
    }
    let key = d.currkey.borrow().clone().expect("a current key");
    *d.tgtkey.borrow_mut() = Some(key.clone());
    let grouper = alloc(
        &types().grouper,
        Grouper {
            parent: it.clone(),
            tgtkey: key.clone(),
        },
    );
    d.currgrouper.set(grouper.word());
    Ok(Some(tuple::new(vec![key, grouper])))
}

fn grouper_next(it: &Value) -> PyResult<Option<Value>> {
    let g = payload::<Grouper>(it)?;
    let d = payload::<GroupBy>(&g.parent)?;
    if d.currgrouper.get() != it.word() {
        return Ok(None);
    }
    if d.currvalue.borrow().is_none() && !groupby_step(d)? {
        return Ok(None);
    }
    let currkey = d.currkey.borrow().clone().expect("a current key");
    if !protocol::rich_compare_bool(&g.tgtkey, &currkey, CompareOp::Eq)? {
        return Ok(None);
    }
    Ok(d.currvalue.borrow_mut().take())
}

// ---------------------------------------------------------------------------------------
// islice

struct Islice {
    iter: RefCell<Option<Value>>,
    /// The index of the next item to return.
    next: Cell<i64>,
    /// -1: no stop.
    stop: i64,
    step: i64,
    /// How many items were read.
    cnt: Cell<i64>,
}

impl Payload for Islice {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit_cell(&self.iter, visit);
    }

    fn clear(&self) {
        clear_cell(&self.iter);
    }
}

/// An islice bound: None, or an int in 0..=sys.maxsize; anything else is a ValueError.
fn islice_bound(v: &Value, message: &str) -> PyResult<Option<i64>> {
    if protocol::is_none(v) {
        return Ok(None);
    }
    let err = || PyErr::value_error(message);
    if !protocol::has_index(v) {
        return Err(err());
    }
    let i = protocol::index(v)?;
    match int::as_i64(&i) {
        Some(n) if n >= 0 => Ok(Some(n)),
        _ => Err(err()),
    }
}

fn islice_new(cls: &Value, args: Args<'_>) -> PyResult<Value> {
    let a = positional(&args, "islice", 2, 4)?;
    const STOP: &str =
        "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
    const INDICES: &str = "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
    let (start, stop, step);
    if a.len() == 2 {
        start = 0;
        stop = islice_bound(&a[1], STOP)?.unwrap_or(-1);
        step = 1;
    } else {
        start = islice_bound(&a[1], INDICES)?.unwrap_or(0);
        stop = islice_bound(&a[2], STOP)?.unwrap_or(-1);
        step = match a.get(3) {
            None => 1,
            Some(s) => {
                match islice_bound(s, "Step for islice() must be a positive integer or None.") {
                    Ok(Some(n)) if n >= 1 => n,
                    Ok(None) => 1,
                    _ => {
                        return Err(PyErr::value_error(
                            "Step for islice() must be a positive integer or None.",
                        ))
                    }
                }
            }
        };
    }
    let iter = protocol::iter(&a[0])?;
    Ok(alloc(
        cls,
        Islice {
            iter: RefCell::new(Some(iter)),
            next: Cell::new(start),
            stop,
            step,
            cnt: Cell::new(0),
        },
    ))
}

fn islice_next(it: &Value) -> PyResult<Option<Value>> {
    let d = payload::<Islice>(it)?;
    let source = d.iter.borrow().clone();
    let Some(source) = source else {
        return Ok(None);
    };
    let empty = || {
        *d.iter.borrow_mut() = None;
        Ok(None)
    };
    while d.cnt.get() < d.next.get() {
        if protocol::next(&source)?.is_none() {
            return empty();
        }
        d.cnt.set(d.cnt.get() + 1);
    }
    if d.stop != -1 && d.cnt.get() >= d.stop {
        return empty();
    }
    let Some(item) = protocol::next(&source)? else {
        return empty();
    };
    d.cnt.set(d.cnt.get() + 1);
    let old = d.next.get();
    let mut next = old.saturating_add(d.step);
    if next < old || (d.stop != -1 && next > d.stop) {
        next = d.stop;
    }
    d.next.set(next);
    Ok(Some(item))
}

// ---------------------------------------------------------------------------------------
// pairwise

struct Pairwise {
    iter: RefCell<Option<Value>>,
    old: RefCell<Option<Value>>,
}

impl Payload for Pairwise {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit_cell(&self.iter, visit);
        visit_cell(&self.old, visit);
    }

    fn clear(&self) {
        clear_cell(&self.iter);
        clear_cell(&self.old);
    }
}

fn pairwise_new(cls: &Value, args: Args<'_>) -> PyResult<Value> {
    let a = positional(&args, "pairwise", 1, 1)?;
    let iter = protocol::iter(&a[0])?;
    Ok(alloc(
        cls,
        Pairwise {
            iter: RefCell::new(Some(iter)),
            old: RefCell::new(None),
        },
    ))
}

fn pairwise_next(it: &Value) -> PyResult<Option<Value>> {
    let d = payload::<Pairwise>(it)?;
    let source = d.iter.borrow().clone();
    let Some(source) = source else {
        return Ok(None);
    };
    let finish = || {
        *d.iter.borrow_mut() = None;
        *d.old.borrow_mut() = None;
        Ok(None)
    };
    let old = d.old.borrow().clone();
    let old = match old {
        Some(old) => old,
        None => match protocol::next(&source)? {
            Some(v) => {
                *d.old.borrow_mut() = Some(v.clone());
                v
            }
            None => return finish(),
        },
    };
    let Some(new) = protocol::next(&source)? else {
        return finish();
    };
    *d.old.borrow_mut() = Some(new.clone());
    Ok(Some(tuple::new(vec![old, new])))
}

// ---------------------------------------------------------------------------------------
// starmap

struct Starmap {
    func: Value,
    iter: Value,
}

impl Payload for Starmap {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.func);
        visit(&self.iter);
    }
}

fn starmap_new(cls: &Value, args: Args<'_>) -> PyResult<Value> {
    let a = positional(&args, "starmap", 2, 2)?;
    let iter = protocol::iter(&a[1])?;
    Ok(alloc(
        cls,
        Starmap {
            func: a[0].clone(),
            iter,
        },
    ))
}

fn starmap_next(it: &Value) -> PyResult<Option<Value>> {
    let d = payload::<Starmap>(it)?;
    let Some(args) = protocol::next(&d.iter)? else {
        return Ok(None);
    };
    let args = match tuple::items_of(&args) {
        Some(items) => items.to_vec(),
        None => protocol::collect(&args)?,
    };
    call(&d.func, &args).map(Some)
}

// ---------------------------------------------------------------------------------------
// tee

/// What the iterators made by one `tee()` share: the source and the items some of them have
/// not read yet.
struct TeeShared {
    source: Value,
    /// Items from index `base` on.
    buffer: VecDeque<Value>,
    base: u64,
    /// Each live tee's position; `None` for dead ones.
    positions: Vec<Option<u64>>,
    running: bool,
}

struct Tee {
    shared: Rc<RefCell<TeeShared>>,
    slot: usize,
}

impl Payload for Tee {}

impl Drop for Tee {
    fn drop(&mut self) {
        if let Ok(mut s) = self.shared.try_borrow_mut() {
            s.positions[self.slot] = None;
            trim(&mut s);
        }
    }
}

/// Drops the buffered items every live tee has read.
fn trim(s: &mut TeeShared) {
    let min = s.positions.iter().flatten().min().copied();
    let min = min.unwrap_or(s.base + s.buffer.len() as u64);
    while s.base < min && !s.buffer.is_empty() {
        s.buffer.pop_front();
        s.base += 1;
    }
}

fn new_tee(shared: &Rc<RefCell<TeeShared>>, position: u64) -> Value {
    let slot = {
        let mut s = shared.borrow_mut();
        s.positions.push(Some(position));
        s.positions.len() - 1
    };
    alloc(
        &types().tee,
        Tee {
            shared: shared.clone(),
            slot,
        },
    )
}

fn tee_from_iterable(iterable: &Value) -> PyResult<Value> {
    if let Some(t) = iterable.downcast::<Tee>() {
        let pos = t.shared.borrow().positions[t.slot].unwrap_or(0);
        return Ok(new_tee(&t.shared, pos));
    }
    let source = protocol::iter(iterable)?;
    let shared = Rc::new(RefCell::new(TeeShared {
        source,
        buffer: VecDeque::new(),
        base: 0,
        positions: Vec::new(),
        running: false,
    }));
    Ok(new_tee(&shared, 0))
}

fn tee_new(_cls: &Value, args: Args<'_>) -> PyResult<Value> {
    let a = positional(&args, "_tee", 1, 1)?;
    tee_from_iterable(&a[0])
}

fn tee_next(it: &Value) -> PyResult<Option<Value>> {
    let t = payload::<Tee>(it)?;
    let (pos, source) = {
        let s = t.shared.borrow();
        let pos = s.positions[t.slot].unwrap_or(0);
        if pos < s.base + s.buffer.len() as u64 {
            let item = s.buffer[(pos - s.base) as usize].clone();
            drop(s);
            let mut s = t.shared.borrow_mut();
            s.positions[t.slot] = Some(pos + 1);
            trim(&mut s);
            return Ok(Some(item));
        }
        if s.running {
            return Err(PyErr::runtime_error("cannot re-enter the tee iterator"));
        }
        (pos, s.source.clone())
    };
    t.shared.borrow_mut().running = true;
    let item = protocol::next(&source);
    let mut s = t.shared.borrow_mut();
    s.running = false;
    let Some(item) = item? else {
        return Ok(None);
    };
    // Only the tees behind this one need the item kept.
    let others_behind = s
        .positions
        .iter()
        .enumerate()
        .any(|(i, p)| i != t.slot && p.is_some_and(|p| p <= pos));
    if others_behind {
        s.buffer.push_back(item.clone());
    } else {
        s.base = pos + 1;
        s.buffer.clear();
    }
    s.positions[t.slot] = Some(pos + 1);
    trim(&mut s);
    Ok(Some(item))
}

fn tee_copy(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("__copy__", 1, 1)?;
    let t = payload::<Tee>(&a[0])?;
    let pos = t.shared.borrow().positions[t.slot].unwrap_or(0);
    Ok(new_tee(&t.shared, pos))
}

const TEE_METHODS: &[MethodDef] = &[MethodDef::new("__copy__", MethodKind::Method(tee_copy))];

fn tee_function(args: Args<'_>) -> PyResult<Value> {
    let a = positional(&args, "tee", 1, 2)?;
    let n = match a.get(1) {
        Some(n) => ssize_arg(n)?,
        None => 2,
    };
    if n < 0 {
        return Err(PyErr::value_error("n must be >= 0"));
    }
    if n == 0 {
        return Ok(tuple::empty());
    }
    let it = protocol::iter(&a[0])?;
    let copy = protocol::getattr_opt(&it, &pystr::intern("__copy__"))?;
    let (first, copy) = match copy {
        Some(copy) => (it, copy),
        None => {
            let first = tee_from_iterable(&it)?;
            let copy = protocol::getattr(&first, &pystr::intern("__copy__"))?;
            (first, copy)
        }
    };
    let mut out = vec![first];
    for _ in 1..n {
        out.push(call(&copy, &[])?);
    }
    Ok(tuple::new(out))
}

// ---------------------------------------------------------------------------------------
// zip_longest

struct ZipLongest {
    iters: RefCell<Vec<Option<Value>>>,
    active: Cell<usize>,
    fillvalue: Value,
}

impl Payload for ZipLongest {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        if let Ok(iters) = self.iters.try_borrow() {
            iters.iter().flatten().for_each(&mut *visit);
        }
        visit(&self.fillvalue);
    }

    fn clear(&self) {
        // Each slot emptied, not the list: its length is the number of iterables.
        let old: Vec<Value> = match self.iters.try_borrow_mut() {
            Ok(mut iters) => iters.iter_mut().filter_map(Option::take).collect(),
            Err(_) => Vec::new(),
        };
        drop(old);
    }
}

fn zip_longest_new(cls: &Value, args: Args<'_>) -> PyResult<Value> {
    let mut fillvalue = pyrs_objects::none();
    for (name, value) in args.kwargs() {
        if pystr::text_of(name).as_deref() == Some("fillvalue") {
            fillvalue = value.clone();
        } else {
            return Err(PyErr::type_error(
                "zip_longest() got an unexpected keyword argument",
            ));
        }
    }
    let iters = args
        .pos()
        .iter()
        .map(|a| protocol::iter(a).map(Some))
        .collect::<PyResult<Vec<_>>>()?;
    let active = iters.len();
    Ok(alloc(
        cls,
        ZipLongest {
            iters: RefCell::new(iters),
            active: Cell::new(active),
            fillvalue,
        },
    ))
}

fn zip_longest_next(it: &Value) -> PyResult<Option<Value>> {
    let d = payload::<ZipLongest>(it)?;
    let n = d.iters.borrow().len();
    if n == 0 || d.active.get() == 0 {
        return Ok(None);
    }
    let mut result = Vec::with_capacity(n);
    for i in 0..n {
        let source = d.iters.borrow()[i].clone();
        let item = match source {
            None => d.fillvalue.clone(),
            Some(source) => match protocol::next(&source)? {
                Some(item) => item,
                None => {
                    d.active.set(d.active.get() - 1);
                    if d.active.get() == 0 {
                        return Ok(None);
                    }
                    d.iters.borrow_mut()[i] = None;
                    d.fillvalue.clone()
                }
            },
        };
        result.push(item);
    }
    Ok(Some(tuple::new(result)))
}

// ---------------------------------------------------------------------------------------
// product

struct Product {
    pools: Vec<Vec<Value>>,
    indices: RefCell<Vec<usize>>,
    /// 0: not started; 1: running; 2: exhausted.
    state: Cell<u8>,
}

impl Payload for Product {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        self.pools.iter().flatten().for_each(visit);
    }
}

fn product_new(cls: &Value, args: Args<'_>) -> PyResult<Value> {
    let mut repeat = 1i64;
    for (name, value) in args.kwargs() {
        let key = pystr::text_of(name).unwrap_or_default();
        if key == "repeat" {
            repeat = ssize_arg(value)?;
        } else {
            return Err(PyErr::type_error(format!(
                "product() got an unexpected keyword argument '{key}'"
            )));
        }
    }
    if repeat < 0 {
        return Err(PyErr::value_error("repeat argument cannot be negative"));
    }
    let mut base = Vec::new();
    for a in args.pos() {
        base.push(protocol::collect(a)?);
    }
    let mut pools = Vec::new();
    if !base.is_empty() {
        for _ in 0..repeat {
            pools.extend(base.iter().cloned());
        }
    }
    let n = pools.len();
    Ok(alloc(
        cls,
        Product {
            pools,
            indices: RefCell::new(vec![0; n]),
            state: Cell::new(0),
        },
    ))
}

fn product_next(it: &Value) -> PyResult<Option<Value>> {
    let d = payload::<Product>(it)?;
    match d.state.get() {
        2 => return Ok(None),
        0 => {
            d.state.set(1);
            if d.pools.iter().any(Vec::is_empty) {
                d.state.set(2);
                return Ok(None);
            }
        }
        _ => {
            let mut indices = d.indices.borrow_mut();
            let mut i = indices.len();
            loop {
                if i == 0 {
                    d.state.set(2);
                    return Ok(None);
                }
                i -= 1;
                indices[i] += 1;
                if indices[i] < d.pools[i].len() {
                    break;
                }
                indices[i] = 0;
            }
        }
    }
    let indices = d.indices.borrow();
    Ok(Some(tuple::new(
        indices
            .iter()
            .zip(&d.pools)
            .map(|(&i, pool)| pool[i].clone())
            .collect(),
    )))
}

// ---------------------------------------------------------------------------------------
// permutations, combinations, combinations_with_replacement

/// The payload of the three combinatoric types over one pool.
struct Combinations {
    pool: Vec<Value>,
    r: usize,
    indices: RefCell<Vec<usize>>,
    cycles: RefCell<Vec<usize>>,
    /// 0: not started; 1: running; 2: exhausted.
    state: Cell<u8>,
}

impl Payload for Combinations {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        self.pool.iter().for_each(visit);
    }
}

fn make_combinations(cls: &Value, pool: Vec<Value>, r: i64, indices: Vec<usize>) -> Value {
    let n = pool.len();
    let r = r as usize;
    let cycles = (0..r).map(|i| n.saturating_sub(i)).collect();
    alloc(
        cls,
        Combinations {
            pool,
            r,
            indices: RefCell::new(indices),
            cycles: RefCell::new(cycles),
            state: Cell::new(0),
        },
    )
}

fn r_arg(v: &Value) -> PyResult<i64> {
    let r = ssize_arg(v)?;
    if r < 0 {
        return Err(PyErr::value_error("r must be non-negative"));
    }
    Ok(r)
}

fn permutations_new(cls: &Value, args: Args<'_>) -> PyResult<Value> {
    let [iterable, r] = bind(&args, "permutations", ["iterable", "r"], 1, 2)?;
    let pool = protocol::collect(&iterable.expect("required"))?;
    let r = match r {
        Some(r) if !protocol::is_none(&r) => {
            if int::as_int(&r).is_none() {
                return Err(PyErr::type_error("Expected int as r"));
            }
            r_arg(&r)?
        }
        _ => pool.len() as i64,
    };
    let n = pool.len();
    Ok(make_combinations(cls, pool, r, (0..n).collect()))
}

fn combinations_new(cls: &Value, args: Args<'_>) -> PyResult<Value> {
    let [iterable, r] = bind(&args, "combinations", ["iterable", "r"], 2, 2)?;
    let pool = protocol::collect(&iterable.expect("required"))?;
    let r = r_arg(&r.expect("required"))?;
    let indices = (0..r.max(0) as usize).collect();
    Ok(make_combinations(cls, pool, r, indices))
}

fn cwr_new(cls: &Value, args: Args<'_>) -> PyResult<Value> {
    let [iterable, r] = bind(
        &args,
        "combinations_with_replacement",
        ["iterable", "r"],
        2,
        2,
    )?;
    let pool = protocol::collect(&iterable.expect("required"))?;
    let r = r_arg(&r.expect("required"))?;
    Ok(make_combinations(cls, pool, r, vec![0; r as usize]))
}

fn pick(d: &Combinations, indices: &[usize]) -> Value {
    tuple::new(indices.iter().map(|&i| d.pool[i].clone()).collect())
}

fn permutations_next(it: &Value) -> PyResult<Option<Value>> {
    let d = payload::<Combinations>(it)?;
    let n = d.pool.len();
    let r = d.r;
    match d.state.get() {
        2 => return Ok(None),
        0 => {
            d.state.set(1);
            if r > n {
                d.state.set(2);
                return Ok(None);
            }
        }
        _ => {
            let mut indices = d.indices.borrow_mut();
            let mut cycles = d.cycles.borrow_mut();
            let mut i = r;
            loop {
                if i == 0 {
                    d.state.set(2);
                    return Ok(None);
                }
                i -= 1;
                cycles[i] -= 1;
                if cycles[i] == 0 {
                    // Rotate indices[i:] left by one.
                    indices[i..].rotate_left(1);
                    cycles[i] = n - i;
                } else {
                    let j = cycles[i];
                    indices.swap(i, n - j);
                    break;
                }
            }
        }
    }
    let indices = d.indices.borrow();
    Ok(Some(pick(d, &indices[..r])))
}

fn combinations_next(it: &Value) -> PyResult<Option<Value>> {
    let d = payload::<Combinations>(it)?;
    let n = d.pool.len();
    let r = d.r;
    match d.state.get() {
        2 => return Ok(None),
        0 => {
            d.state.set(1);
            if r > n {
                d.state.set(2);
                return Ok(None);
            }
        }
        _ => {
            let mut indices = d.indices.borrow_mut();
            // The rightmost index that can still move right.
            let Some(i) = (0..r).rev().find(|&i| indices[i] != i + n - r) else {
                d.state.set(2);
                return Ok(None);
            };
            indices[i] += 1;
            for j in i + 1..r {
                indices[j] = indices[j - 1] + 1;
            }
        }
    }
    let indices = d.indices.borrow();
    Ok(Some(pick(d, &indices)))
}

fn cwr_next(it: &Value) -> PyResult<Option<Value>> {
    let d = payload::<Combinations>(it)?;
    let n = d.pool.len();
    let r = d.r;
    match d.state.get() {
        2 => return Ok(None),
        0 => {
            d.state.set(1);
            if n == 0 && r > 0 {
                d.state.set(2);
                return Ok(None);
            }
        }
        _ => {
            let mut indices = d.indices.borrow_mut();
            let Some(i) = (0..r).rev().find(|&i| indices[i] != n - 1) else {
                d.state.set(2);
                return Ok(None);
            };
            let v = indices[i] + 1;
            for x in &mut indices[i..] {
                *x = v;
            }
        }
    }
    let indices = d.indices.borrow();
    Ok(Some(pick(d, &indices)))
}

// ---------------------------------------------------------------------------------------
// batched

struct Batched {
    iter: RefCell<Option<Value>>,
    n: usize,
    strict: bool,
}

impl Payload for Batched {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit_cell(&self.iter, visit);
    }

    fn clear(&self) {
        clear_cell(&self.iter);
    }
}

fn batched_new(cls: &Value, args: Args<'_>) -> PyResult<Value> {
    let [iterable, n, strict] = bind(&args, "batched", ["iterable", "n", "strict"], 2, 2)?;
    let n = ssize_arg(&n.expect("required"))?;
    if n < 1 {
        return Err(PyErr::value_error("n must be at least one"));
    }
    let strict = match strict {
        Some(s) => protocol::is_true(&s)?,
        None => false,
    };
    let iter = protocol::iter(&iterable.expect("required"))?;
    Ok(alloc(
        cls,
        Batched {
            iter: RefCell::new(Some(iter)),
            n: n as usize,
            strict,
        },
    ))
}

fn batched_next(it: &Value) -> PyResult<Option<Value>> {
    let d = payload::<Batched>(it)?;
    let source = d.iter.borrow().clone();
    let Some(source) = source else {
        return Ok(None);
    };
    let mut items = Vec::new();
    while items.len() < d.n {
        match protocol::next(&source) {
            Ok(Some(item)) => items.push(item),
            Ok(None) => break,
            Err(e) => {
                *d.iter.borrow_mut() = None;
                return Err(e);
            }
        }
    }
    if items.len() < d.n {
        *d.iter.borrow_mut() = None;
        if items.is_empty() {
            return Ok(None);
        }
        if d.strict {
            return Err(PyErr::value_error("batched(): incomplete batch"));
        }
    }
    Ok(Some(tuple::new(items)))
}
