//! Asynchronous generators (PEP 525; the second half of CPython's Objects/genobject.c) and
//! the `anext(it, default)` awaitable.
//!
//! An async generator is a generator frame whose `yield` hands its value out wrapped
//! (`INTRINSIC_ASYNC_GEN_WRAP`), so that, when the frame suspends, the driver can tell an
//! async `yield x` (the wrapped value: the awaitable in progress ends with `StopIteration(x)`)
//! from a suspension inside an `await` (a bare value, passed up to the event loop).
//!
//! `agen.__anext__()`/`asend(v)` return an `async_generator_asend` awaitable and
//! `athrow(...)`/`aclose()` an `async_generator_athrow` one; each runs the generator's frame
//! when awaited, and can be awaited once. The first of these calls on a generator runs the
//! hooks of `sys.set_asyncgen_hooks` (asyncio's event loop uses them to track its async
//! generators and to close them when they are collected unfinished).

use std::cell::{Cell, RefCell};
use std::sync::OnceLock;

use pyrs_objects::native::{MethodDef, MethodKind};
use pyrs_objects::object::Payload;
use pyrs_objects::typeobject::TypeBuilder;
use pyrs_objects::{protocol, structseq, Args, ExcKind, PyErr, PyResult, SyncCell, Value};

use crate::generator::{self, GeneratorData, Sent};

/// The value of an async `yield`, on its way out of the frame.
struct WrappedValue(Value);

impl Payload for WrappedValue {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.0);
    }
}

/// Where an `asend`/`athrow` awaitable is in its one use.
#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    /// Made, not yet awaited.
    Init,
    /// Being awaited.
    Iter,
    /// Done: awaiting it again is an error.
    Closed,
}

/// `async_generator_asend`: the awaitable of `__anext__()` (no value) or `asend(value)`.
struct ASend {
    gen: Value,
    sendval: Option<Value>,
    state: Cell<State>,
}

impl Payload for ASend {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.gen);
        if let Some(v) = &self.sendval {
            visit(v);
        }
    }
}

/// `async_generator_athrow`: the awaitable of `athrow(...)`, or of `aclose()` (no args).
struct AThrow {
    gen: Value,
    args: Option<Vec<Value>>,
    state: Cell<State>,
}

impl Payload for AThrow {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.gen);
        for v in self.args.iter().flatten() {
            visit(v);
        }
    }
}

/// `anext_awaitable`: what `anext(it, default)` returns; `StopAsyncIteration` from the
/// awaitable it wraps becomes the end of the await with `default`.
struct ANextAwaitable {
    wrapped: Value,
    default: Value,
    iter: RefCell<Option<Value>>,
}

impl Payload for ANextAwaitable {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.wrapped);
        visit(&self.default);
        if let Ok(it) = self.iter.try_borrow() {
            if let Some(it) = it.as_ref() {
                visit(it);
            }
        }
    }

    fn clear(&self) {
        let it = self.iter.try_borrow_mut().map(|mut i| i.take());
        drop(it);
    }
}

struct Types {
    wrapped: Value,
    asend: Value,
    athrow: Value,
    anext: Value,
    hooks: Value,
}

static TYPES: OnceLock<SyncCell<Types>> = OnceLock::new();

fn types() -> &'static Types {
    &TYPES
        .get_or_init(|| {
            SyncCell(Types {
                wrapped: TypeBuilder::new::<WrappedValue>("async_generator_wrapped_value").build(),
                asend: TypeBuilder::new::<ASend>("async_generator_asend")
                    .slots(|s| {
                        s.iter.set(Some(|a| Ok(a.clone())));
                        s.next.set(Some(|a| asend_send(a, None)));
                        s.del.set(Some(|a| {
                            if let Some(o) = a.downcast::<ASend>() {
                                warn_unawaited(o.state.get(), &o.gen, "asend");
                            }
                        }));
                    })
                    .methods(ASEND_METHODS)
                    .build(),
                athrow: TypeBuilder::new::<AThrow>("async_generator_athrow")
                    .slots(|s| {
                        s.iter.set(Some(|a| Ok(a.clone())));
                        s.next.set(Some(|a| athrow_send(a, pyrs_objects::none())));
                        s.del.set(Some(|a| {
                            if let Some(o) = a.downcast::<AThrow>() {
                                let method = if o.args.is_some() { "athrow" } else { "aclose" };
                                warn_unawaited(o.state.get(), &o.gen, method);
                            }
                        }));
                    })
                    .methods(ATHROW_METHODS)
                    .build(),
                anext: TypeBuilder::new::<ANextAwaitable>("anext_awaitable")
                    .slots(|s| {
                        s.iter.set(Some(|a| Ok(a.clone())));
                        s.next.set(Some(|a| anext_proxy(a, Proxied::Next)));
                    })
                    .methods(ANEXT_METHODS)
                    .build(),
                hooks: structseq::new_type(&HOOKS_TYPE),
            })
        })
        .0
}

/// An `asend`/`athrow` awaitable dying never awaited: CPython's RuntimeWarning.
fn warn_unawaited(state: State, gen: &Value, method: &str) {
    if state != State::Init {
        return;
    }
    let Some(d) = gen.downcast::<GeneratorData>() else {
        return;
    };
    let qualname = d.qualname.borrow().clone();
    let message = format!(
        "coroutine method '{method}' of {} was never awaited",
        protocol::repr_string(&qualname).unwrap_or_default()
    );
    crate::warnings::warn_about(ExcKind::RuntimeWarning, &message, gen);
}

/// `INTRINSIC_ASYNC_GEN_WRAP`: marks the operand of an async generator's `yield`.
pub(crate) fn wrap(v: Value) -> Value {
    pyrs_objects::object::alloc(&types().wrapped, WrappedValue(v))
}

// ---- The hooks of sys.set_asyncgen_hooks ----

struct Hooks {
    firstiter: RefCell<Option<Value>>,
    finalizer: RefCell<Option<Value>>,
}

static HOOKS: SyncCell<Hooks> = SyncCell(Hooks {
    firstiter: RefCell::new(None),
    finalizer: RefCell::new(None),
});

static HOOKS_TYPE: structseq::StructSeqDesc = structseq::StructSeqDesc {
    module: "builtins",
    name: "asyncgen_hooks",
    doc: "asyncgen_hooks\n\nA named tuple providing information about asynchronous\ngenerators hooks.  The attributes are read only.",
    fields: &["firstiter", "finalizer"],
};

/// `sys.get_asyncgen_hooks()`.
pub(crate) fn get_asyncgen_hooks(args: Args<'_>) -> PyResult<Value> {
    args.exact("get_asyncgen_hooks", 0, 0)?;
    let get = |c: &RefCell<Option<Value>>| c.borrow().clone().unwrap_or_else(pyrs_objects::none);
    Ok(structseq::new(
        &types().hooks,
        vec![get(&HOOKS.0.firstiter), get(&HOOKS.0.finalizer)],
    ))
}

/// `sys.set_asyncgen_hooks([firstiter] [, finalizer])`: a hook left out keeps its value;
/// `None` removes it.
pub(crate) fn set_asyncgen_hooks(args: Args<'_>) -> PyResult<Value> {
    let [firstiter, finalizer] =
        args.bind("set_asyncgen_hooks", ["firstiter", "finalizer"], 0, 0, 2)?;
    let check = |v: Option<Value>, what: &str| -> PyResult<Option<Option<Value>>> {
        match v {
            None => Ok(None),
            Some(v) if protocol::is_none(&v) => Ok(Some(None)),
            Some(v) if protocol::is_callable(&v) => Ok(Some(Some(v))),
            Some(v) => Err(PyErr::type_error(format!(
                "callable {what} expected, got {}",
                v.type_data().name()
            ))),
        }
    };
    let finalizer = check(finalizer, "finalizer")?;
    let firstiter = check(firstiter, "firstiter")?;
    // Replaced values are dropped after the borrows end: dropping may run Python code.
    let old_finalizer = finalizer.map(|f| HOOKS.0.finalizer.replace(f));
    let old_firstiter = firstiter.map(|f| HOOKS.0.firstiter.replace(f));
    drop((old_finalizer, old_firstiter));
    Ok(pyrs_objects::none())
}

/// The first `__anext__`/`asend`/`athrow`/`aclose` of a generator: remember the finalizer
/// hook and call the firstiter hook.
fn init_hooks(g: &Value, d: &GeneratorData) -> PyResult<()> {
    if d.ag_hooks_inited.replace(true) {
        return Ok(());
    }
    let finalizer = HOOKS.0.finalizer.borrow().clone();
    if let Some(f) = finalizer {
        *d.ag_finalizer.borrow_mut() = Some(f);
    }
    let firstiter = HOOKS.0.firstiter.borrow().clone();
    if let Some(f) = firstiter {
        protocol::call1(&f, std::slice::from_ref(g))?;
    }
    Ok(())
}

/// What the generator's finalization does instead of closing it, when a finalizer hook was
/// recorded and the generator is not closed: calls the hook with the generator. Returns
/// whether it did.
pub(crate) fn finalize(g: &Value, d: &GeneratorData) -> bool {
    if d.ag_closed.get() {
        return false;
    }
    let Some(f) = d.ag_finalizer.borrow().clone() else {
        return false;
    };
    if let Err(e) = protocol::call1(&f, std::slice::from_ref(g)) {
        (pyrs_objects::hooks::get().unraisable)(&e, "Exception ignored in", Some(g));
    }
    true
}

fn agen_data(g: &Value) -> PyResult<&GeneratorData> {
    g.downcast::<GeneratorData>()
        .ok_or_else(|| PyErr::type_error("descriptor requires an async_generator"))
}

/// What one step of the generator's frame means for the awaitable driving it: a wrapped
/// value ends the await with `StopIteration(value)`; a bare one is a suspension inside an
/// `await` and goes up to the event loop; the frame's end is `StopAsyncIteration`.
fn unwrap(d: &GeneratorData, r: PyResult<Sent>) -> PyResult<Value> {
    match r {
        Ok(Sent::Yielded(v)) => match v.downcast::<WrappedValue>() {
            Some(w) => {
                d.ag_running_async.set(false);
                Err(generator::stop_iteration(w.0.clone()))
            }
            None => Ok(v),
        },
        Ok(Sent::Returned(_)) => {
            d.ag_closed.set(true);
            d.ag_running_async.set(false);
            Err(PyErr::with_args(ExcKind::StopAsyncIteration, Vec::new()))
        }
        Err(e) => {
            if e.is(ExcKind::StopAsyncIteration) || e.is(ExcKind::GeneratorExit) {
                d.ag_closed.set(true);
            }
            d.ag_running_async.set(false);
            Err(e)
        }
    }
}

// ---- async_generator's own methods ----

fn agen_aiter(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("__aiter__", 1, 1)?;
    Ok(a[0].clone())
}

fn new_asend(g: &Value, sendval: Option<Value>) -> PyResult<Value> {
    init_hooks(g, agen_data(g)?)?;
    Ok(pyrs_objects::object::alloc(
        &types().asend,
        ASend {
            gen: g.clone(),
            sendval,
            state: Cell::new(State::Init),
        },
    ))
}

fn agen_anext(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("__anext__", 1, 1)?;
    new_asend(&a[0], None)
}

fn agen_asend(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("asend", 2, 2)?;
    new_asend(&a[0], Some(a[1].clone()))
}

fn new_athrow(g: &Value, args: Option<Vec<Value>>) -> PyResult<Value> {
    init_hooks(g, agen_data(g)?)?;
    Ok(pyrs_objects::object::alloc(
        &types().athrow,
        AThrow {
            gen: g.clone(),
            args,
            state: Cell::new(State::Init),
        },
    ))
}

fn agen_athrow(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("athrow", 2, 4)?;
    new_athrow(&a[0], Some(a[1..].to_vec()))
}

fn agen_aclose(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("aclose", 1, 1)?;
    new_athrow(&a[0], None)
}

fn agen_running(g: &Value) -> PyResult<Value> {
    Ok(pyrs_objects::bool(agen_data(g)?.ag_running_async.get()))
}

/// The methods and attributes of `async_generator`.
pub(crate) const AGEN_METHODS: &[MethodDef] = &[
    MethodDef::new("__aiter__", MethodKind::Method(agen_aiter)),
    MethodDef::new("__anext__", MethodKind::Method(agen_anext)),
    MethodDef::new("asend", MethodKind::Method(agen_asend)),
    MethodDef::new("athrow", MethodKind::Method(agen_athrow)),
    MethodDef::new("aclose", MethodKind::Method(agen_aclose)),
    MethodDef::new("ag_running", MethodKind::GetSet(agen_running, None)),
    MethodDef::new(
        "__class_getitem__",
        MethodKind::Class(pyrs_objects::genericalias::class_getitem),
    ),
];

// ---- async_generator_asend ----

fn asend_data(a: &Value) -> PyResult<&ASend> {
    a.downcast::<ASend>()
        .ok_or_else(|| PyErr::type_error("descriptor requires an async_generator_asend"))
}

/// `send(arg)` (and `__next__`, with no arg): runs the generator one step.
fn asend_send(a: &Value, arg: Option<Value>) -> PyResult<Option<Value>> {
    let o = asend_data(a)?;
    let d = agen_data(&o.gen)?;
    let mut arg = arg.unwrap_or_else(pyrs_objects::none);
    match o.state.get() {
        State::Closed => {
            return Err(PyErr::runtime_error(
                "cannot reuse already awaited __anext__()/asend()",
            ))
        }
        State::Init => {
            if d.ag_running_async.get() {
                o.state.set(State::Closed);
                return Err(PyErr::runtime_error(
                    "anext(): asynchronous generator is already running",
                ));
            }
            if protocol::is_none(&arg) {
                if let Some(v) = &o.sendval {
                    arg = v.clone();
                }
            }
            o.state.set(State::Iter);
        }
        State::Iter => {}
    }
    d.ag_running_async.set(true);
    let r = unwrap(d, generator::resume(&o.gen, arg, None));
    if r.is_err() {
        o.state.set(State::Closed);
    }
    r.map(Some)
}

fn asend_send_method(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("send", 2, 2)?;
    Ok(asend_send(&a[0], Some(a[1].clone()))?.unwrap_or_else(pyrs_objects::none))
}

fn asend_throw(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("throw", 2, 4)?;
    let o = asend_data(&a[0])?;
    if o.state.get() == State::Closed {
        return Err(PyErr::runtime_error(
            "cannot reuse already awaited __anext__()/asend()",
        ));
    }
    let d = agen_data(&o.gen)?;
    let exc = generator::throw_args(&a[1..])?;
    let r = unwrap(d, generator::throw(&o.gen, exc));
    if r.is_err() {
        o.state.set(State::Closed);
    }
    r
}

fn asend_close(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("close", 1, 1)?;
    asend_data(&a[0])?.state.set(State::Closed);
    Ok(pyrs_objects::none())
}

fn self_await(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("__await__", 1, 1)?;
    Ok(a[0].clone())
}

const ASEND_METHODS: &[MethodDef] = &[
    MethodDef::new("send", MethodKind::Method(asend_send_method)),
    MethodDef::new("throw", MethodKind::Method(asend_throw)),
    MethodDef::new("close", MethodKind::Method(asend_close)),
    MethodDef::new("__await__", MethodKind::Method(self_await)),
];

// ---- async_generator_athrow ----

fn athrow_data(a: &Value) -> PyResult<&AThrow> {
    a.downcast::<AThrow>()
        .ok_or_else(|| PyErr::type_error("descriptor requires an async_generator_athrow"))
}

const IGNORED_EXIT: &str = "async generator ignored GeneratorExit";

/// The end of an `athrow`/`aclose` await: for `aclose`, the generator finishing by
/// `StopAsyncIteration` or `GeneratorExit` is the await's ordinary end.
fn athrow_check_error(o: &AThrow, d: &GeneratorData, e: PyErr) -> PyErr {
    d.ag_running_async.set(false);
    o.state.set(State::Closed);
    if o.args.is_none() && (e.is(ExcKind::StopAsyncIteration) || e.is(ExcKind::GeneratorExit)) {
        return PyErr::stop_iteration(None);
    }
    e
}

/// In `aclose` mode, a step that yields a value (an async `yield` after GeneratorExit) is
/// the generator ignoring the exit.
fn aclose_step(o: &AThrow, d: &GeneratorData, r: PyResult<Sent>) -> PyResult<Option<Value>> {
    match r {
        Ok(Sent::Yielded(v)) if v.downcast::<WrappedValue>().is_some() => {
            d.ag_running_async.set(false);
            o.state.set(State::Closed);
            Err(PyErr::runtime_error(IGNORED_EXIT))
        }
        Ok(Sent::Yielded(v)) => Ok(Some(v)),
        Ok(Sent::Returned(_)) => Err(athrow_check_error(
            o,
            d,
            PyErr::with_args(ExcKind::StopAsyncIteration, Vec::new()),
        )),
        Err(e) => Err(athrow_check_error(o, d, e)),
    }
}

fn athrow_send(a: &Value, arg: Value) -> PyResult<Option<Value>> {
    let o = athrow_data(a)?;
    let d = agen_data(&o.gen)?;
    if o.state.get() == State::Closed {
        return Err(PyErr::runtime_error(
            "cannot reuse already awaited aclose()/athrow()",
        ));
    }
    if d.is_finished() {
        o.state.set(State::Closed);
        return Err(PyErr::stop_iteration(None));
    }
    if o.state.get() == State::Init {
        if d.ag_running_async.get() {
            o.state.set(State::Closed);
            return Err(PyErr::runtime_error(if o.args.is_none() {
                "aclose(): asynchronous generator is already running"
            } else {
                "athrow(): asynchronous generator is already running"
            }));
        }
        if d.ag_closed.get() {
            o.state.set(State::Closed);
            return Err(PyErr::with_args(ExcKind::StopAsyncIteration, Vec::new()));
        }
        if !protocol::is_none(&arg) {
            return Err(PyErr::runtime_error(
                "can't send non-None value to a just-started coroutine",
            ));
        }
        o.state.set(State::Iter);
        d.ag_running_async.set(true);
        return match &o.args {
            None => {
                d.ag_closed.set(true);
                let exit = PyErr::with_args(ExcKind::GeneratorExit, Vec::new());
                aclose_step(o, d, generator::throw(&o.gen, exit))
            }
            Some(args) => {
                let exc = generator::throw_args(args)?;
                unwrap(d, generator::throw(&o.gen, exc))
                    .map(Some)
                    .map_err(|e| athrow_check_error(o, d, e))
            }
        };
    }
    let r = generator::resume(&o.gen, arg, None);
    match &o.args {
        Some(_) => unwrap(d, r).map(Some),
        None => aclose_step(o, d, r),
    }
}

fn athrow_send_method(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("send", 2, 2)?;
    Ok(athrow_send(&a[0], a[1].clone())?.unwrap_or_else(pyrs_objects::none))
}

fn athrow_throw(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("throw", 2, 4)?;
    let o = athrow_data(&a[0])?;
    if o.state.get() == State::Closed {
        return Err(PyErr::runtime_error(
            "cannot reuse already awaited aclose()/athrow()",
        ));
    }
    let d = agen_data(&o.gen)?;
    let exc = generator::throw_args(&a[1..])?;
    let r = generator::throw(&o.gen, exc);
    match &o.args {
        Some(_) => unwrap(d, r),
        None => match r {
            Ok(Sent::Yielded(v)) if v.downcast::<WrappedValue>().is_some() => {
                d.ag_running_async.set(false);
                o.state.set(State::Closed);
                Err(PyErr::runtime_error(IGNORED_EXIT))
            }
            Ok(Sent::Yielded(v)) => Ok(v),
            Ok(Sent::Returned(_)) => Err(PyErr::stop_iteration(None)),
            Err(e) if e.is(ExcKind::StopAsyncIteration) || e.is(ExcKind::GeneratorExit) => {
                Err(PyErr::stop_iteration(None))
            }
            Err(e) => Err(e),
        },
    }
}

fn athrow_close(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("close", 1, 1)?;
    athrow_data(&a[0])?.state.set(State::Closed);
    Ok(pyrs_objects::none())
}

const ATHROW_METHODS: &[MethodDef] = &[
    MethodDef::new("send", MethodKind::Method(athrow_send_method)),
    MethodDef::new("throw", MethodKind::Method(athrow_throw)),
    MethodDef::new("close", MethodKind::Method(athrow_close)),
    MethodDef::new("__await__", MethodKind::Method(self_await)),
];

// ---- anext_awaitable ----

/// `anext(aiterator, default)`.
pub(crate) fn new_anext_awaitable(awaitable: Value, default: Value) -> Value {
    pyrs_objects::object::alloc(
        &types().anext,
        ANextAwaitable {
            wrapped: awaitable,
            default,
            iter: RefCell::new(None),
        },
    )
}

/// Which call an `anext_awaitable` passes on to the iterator of the awaitable it wraps.
enum Proxied {
    Next,
    Send(Value),
    Throw(Vec<Value>),
}

fn anext_proxy(a: &Value, call: Proxied) -> PyResult<Option<Value>> {
    let o = a
        .downcast::<ANextAwaitable>()
        .ok_or_else(|| PyErr::type_error("descriptor requires an anext_awaitable"))?;
    let cached = o.iter.borrow().clone();
    let it = match cached {
        Some(it) => it,
        None => {
            let it = generator::get_awaitable(&o.wrapped, 0)?;
            *o.iter.borrow_mut() = Some(it.clone());
            it
        }
    };
    let r = match call {
        Proxied::Next => protocol::next(&it),
        Proxied::Send(v) => protocol::call_method(&it, "send", &[v]).map(Some),
        Proxied::Throw(args) => protocol::call_method(&it, "throw", &args).map(Some),
    };
    match r {
        Err(e) if e.is(ExcKind::StopAsyncIteration) => {
            Err(generator::stop_iteration(o.default.clone()))
        }
        r => r,
    }
}

fn anext_send(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("send", 2, 2)?;
    Ok(anext_proxy(&a[0], Proxied::Send(a[1].clone()))?.unwrap_or_else(pyrs_objects::none))
}

fn anext_throw(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("throw", 2, 4)?;
    Ok(anext_proxy(&a[0], Proxied::Throw(a[1..].to_vec()))?.unwrap_or_else(pyrs_objects::none))
}

fn anext_close(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("close", 1, 1)?;
    let o = a[0]
        .downcast::<ANextAwaitable>()
        .ok_or_else(|| PyErr::type_error("descriptor requires an anext_awaitable"))?;
    let it = o.iter.borrow().clone();
    if let Some(it) = it {
        if let Some(m) = protocol::getattr_opt(&it, &pyrs_objects::str::intern("close"))? {
            protocol::call1(&m, &[])?;
        }
    }
    Ok(pyrs_objects::none())
}

const ANEXT_METHODS: &[MethodDef] = &[
    MethodDef::new("send", MethodKind::Method(anext_send)),
    MethodDef::new("throw", MethodKind::Method(anext_throw)),
    MethodDef::new("close", MethodKind::Method(anext_close)),
    MethodDef::new("__await__", MethodKind::Method(self_await)),
];
