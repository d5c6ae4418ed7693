//! Generators and coroutines (CPython's Objects/genobject.c): a suspended frame that owns
//! its slots, resumed by `next()`/`send()`/`throw()`/`close()`, delegating through `yield
//! from` and `await`.

use std::cell::{Cell, RefCell};
use std::sync::OnceLock;

use pyrs_bytecode::{CodeFlags, Opcode};
use pyrs_objects::exceptions::BaseExceptionData;
use pyrs_objects::native::{MethodDef, MethodKind};
use pyrs_objects::object::Payload;
use pyrs_objects::typeobject::{type_data, TypeBuilder};
use pyrs_objects::{protocol, str as pystr, Args, ExcKind, PyErr, PyResult, SyncCell, Value};

use crate::eval::{execute, Exit};
use crate::frame::Frame;
use crate::function::FunctionData;

/// Which kind of generator-like object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `def` with `yield`.
    Generator,
    /// `async def`.
    Coroutine,
    /// `async def` with `yield`.
    AsyncGenerator,
}

/// The payload of a generator, coroutine or async generator.
pub struct GeneratorData {
    frame: RefCell<Option<Box<Frame>>>,
    running: Cell<bool>,
    started: Cell<bool>,
    kind: Kind,
    /// `__name__`.
    pub name: RefCell<Value>,
    /// `__qualname__`.
    pub qualname: RefCell<Value>,
    code: Value,
    saved_exc: RefCell<Option<Value>>,
    /// Async generators: closed (finished, or `aclose()` begun).
    pub(crate) ag_closed: Cell<bool>,
    /// Async generators: an `asend`/`athrow` awaitable is running it.
    pub(crate) ag_running_async: Cell<bool>,
    /// Async generators: the `sys.set_asyncgen_hooks` hooks were consulted.
    pub(crate) ag_hooks_inited: Cell<bool>,
    /// Async generators: the finalizer hook in force at the first iteration.
    pub(crate) ag_finalizer: RefCell<Option<Value>>,
    /// Coroutines: where they were made, when origin tracking is on (a tuple of
    /// `(filename, line, function)`; plain data, so the cycle collector need not see it).
    cr_origin: Option<Value>,
    /// While the generator runs, its frame (taken out of `frame` for the run; boxed, so it
    /// does not move), for `gi_frame`.
    running_frame: Cell<*const Frame>,
}

impl GeneratorData {
    /// Whether the frame has finished (returned, raised or was closed).
    pub(crate) fn is_finished(&self) -> bool {
        self.frame.borrow().is_none()
    }
}

impl Payload for GeneratorData {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        gc_traverse(self, visit);
    }

    fn clear(&self) {
        gc_clear(self);
    }
}

/// What resuming a generator gave.
pub enum Sent {
    /// It yielded this value.
    Yielded(Value),
    /// It returned this value (it is finished).
    Returned(Value),
}

struct Types {
    generator: Value,
    coroutine: Value,
    async_generator: Value,
}

static TYPES: OnceLock<SyncCell<Types>> = OnceLock::new();

fn types() -> &'static Types {
    &TYPES
        .get_or_init(|| {
            let builder = |name: &'static str, iterable: bool, methods: &'static [MethodDef]| {
                TypeBuilder::new::<GeneratorData>(name)
                    .flags(pyrs_objects::typeobject::TypeFlags::MANAGED_WEAKREF)
                    .slots(|s| {
                        if iterable {
                            s.iter.set(Some(|g| Ok(g.clone())));
                            s.next.set(Some(gen_next));
                        }
                        s.repr.set(Some(gen_repr));
                        s.del.set(Some(gen_del));
                    })
                    .methods(methods)
            };
            SyncCell(Types {
                generator: builder("generator", true, GEN_METHODS).build(),
                coroutine: builder("coroutine", false, CORO_METHODS).build(),
                async_generator: builder("async_generator", false, AGEN_METHODS)
                    .methods(crate::async_gen::AGEN_METHODS)
                    .build(),
            })
        })
        .0
}

/// The `generator` type.
pub fn generator_type() -> &'static Value {
    &types().generator
}

/// Whether `v` is a generator.
pub fn is_generator(v: &Value) -> bool {
    v.is_exact(&types().generator)
}

/// Whether `v` is a coroutine.
pub fn is_coroutine(v: &Value) -> bool {
    v.is_exact(&types().coroutine)
}

/// Makes the generator of a call to a generator function: runs the frame's prologue (up to
/// `RETURN_GENERATOR`) and suspends it.
pub fn new_generator(mut frame: Frame, _f: &Value, fd: &FunctionData) -> PyResult<Value> {
    match execute(&mut frame, None)? {
        Exit::Generator => {}
        _ => {
            return Err(PyErr::system_error(
                "generator code without RETURN_GENERATOR",
            ))
        }
    }
    let flags = frame.code().flags();
    let kind = if flags.contains(CodeFlags::COROUTINE) {
        Kind::Coroutine
    } else if flags.contains(CodeFlags::ASYNC_GENERATOR) {
        Kind::AsyncGenerator
    } else {
        Kind::Generator
    };
    let ty = match kind {
        Kind::Generator => &types().generator,
        Kind::Coroutine => &types().coroutine,
        Kind::AsyncGenerator => &types().async_generator,
    };
    let code = frame.code.clone();
    let depth = ORIGIN_DEPTH.0.get();
    let cr_origin = (kind == Kind::Coroutine && depth > 0).then(|| compute_origin(depth));
    Ok(pyrs_objects::object::alloc(
        ty,
        GeneratorData {
            frame: RefCell::new(Some(Box::new(frame))),
            running: Cell::new(false),
            started: Cell::new(false),
            kind,
            name: RefCell::new(fd.name.borrow().clone()),
            qualname: RefCell::new(fd.qualname.borrow().clone()),
            code,
            saved_exc: RefCell::new(None),
            ag_closed: Cell::new(false),
            ag_running_async: Cell::new(false),
            ag_hooks_inited: Cell::new(false),
            ag_finalizer: RefCell::new(None),
            cr_origin,
            running_frame: Cell::new(std::ptr::null()),
        },
    ))
}

fn data(g: &Value) -> PyResult<&GeneratorData> {
    g.downcast::<GeneratorData>()
        .ok_or_else(|| PyErr::type_error("descriptor requires a generator"))
}

fn kind_name(k: Kind) -> &'static str {
    match k {
        Kind::Generator => "generator",
        Kind::Coroutine => "coroutine",
        Kind::AsyncGenerator => "async generator",
    }
}

/// Resumes a generator with `value` sent in, or with `throw` raised at its `yield`.
pub fn resume(g: &Value, value: Value, throw: Option<PyErr>) -> PyResult<Sent> {
    let d = data(g)?;
    if d.running.get() {
        return Err(PyErr::value_error(format!(
            "{} already executing",
            kind_name(d.kind)
        )));
    }
    let frame = d.frame.borrow_mut().take();
    let Some(mut frame) = frame else {
        if let Some(e) = throw {
            return Err(e);
        }
        if d.kind == Kind::Coroutine {
            return Err(PyErr::runtime_error(
                "cannot reuse already awaited coroutine",
            ));
        }
        return Ok(Sent::Returned(pyrs_objects::none()));
    };
    if throw.is_none() {
        if !d.started.get() && !protocol::is_none(&value) {
            *d.frame.borrow_mut() = Some(frame);
            return Err(PyErr::type_error(format!(
                "can't send non-None value to a just-started {}",
                kind_name(d.kind)
            )));
        }
        frame.push(value);
    }
    d.started.set(true);
    let caller_exc = crate::exc::handled();
    if let Some(saved) = d.saved_exc.borrow_mut().take() {
        crate::exc::set_handled(Some(saved));
    }
    d.running.set(true);
    d.running_frame.set(&*frame as *const Frame);
    let r = execute(&mut frame, throw);
    d.running_frame.set(std::ptr::null());
    d.running.set(false);
    let current = crate::exc::set_handled(caller_exc.clone());
    let own = match (&current, &caller_exc) {
        (Some(c), Some(p)) if c.is(p) => None,
        (c, _) => c.clone(),
    };
    match r {
        Ok(Exit::Yield(v)) => {
            *d.saved_exc.borrow_mut() = own;
            *d.frame.borrow_mut() = Some(frame);
            Ok(Sent::Yielded(v))
        }
        Ok(Exit::Return(v)) => Ok(Sent::Returned(v)),
        Ok(Exit::Generator) => Err(PyErr::system_error("RETURN_GENERATOR while resuming")),
        Err(e) => Err(e),
    }
}

/// `SEND`: sends `value` into any receiver of `yield from`/`await`.
pub fn send(receiver: &Value, value: Value) -> PyResult<Sent> {
    if receiver.downcast::<GeneratorData>().is_some() {
        return resume(receiver, value, None);
    }
    // As CPython's SEND: `tp_iternext` directly (not `next()`, which would swallow the
    // StopIteration carrying the delegate's result), or the `send` method.
    let iternext = receiver.type_data().slots.next.get();
    let r = if let (true, Some(iternext)) = (protocol::is_none(&value), iternext) {
        iternext(receiver).map(|o| o.ok_or(()))
    } else {
        protocol::call_method(receiver, "send", &[value]).map(Ok)
    };
    match r {
        Ok(Ok(v)) => Ok(Sent::Yielded(v)),
        Ok(Err(())) => Ok(Sent::Returned(pyrs_objects::none())),
        Err(e) if e.is(ExcKind::StopIteration) => Ok(Sent::Returned(stop_value(&e))),
        Err(e) => Err(e),
    }
}

/// The `value` of a StopIteration.
pub fn stop_value(e: &PyErr) -> Value {
    pyrs_objects::exceptions::args_of(e.value())
        .into_iter()
        .next()
        .unwrap_or_else(pyrs_objects::none)
}

pub(crate) fn stop_iteration(value: Value) -> PyErr {
    let err = PyErr::stop_iteration(if protocol::is_none(&value) {
        None
    } else {
        Some(value.clone())
    });
    pyrs_objects::exceptions::set_attr(err.value(), "value", value);
    err
}

fn gen_next(g: &Value) -> PyResult<Option<Value>> {
    match resume(g, pyrs_objects::none(), None)? {
        Sent::Yielded(v) => Ok(Some(v)),
        Sent::Returned(v) if protocol::is_none(&v) => Ok(None),
        Sent::Returned(v) => Err(stop_iteration(v)),
    }
}

fn gen_send(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("send", 2, 2)?;
    match resume(&a[0], a[1].clone(), None)? {
        Sent::Yielded(v) => Ok(v),
        Sent::Returned(v) => Err(stop_iteration(v)),
    }
}

/// The sub-iterator a generator suspended in `yield from`/`await` delegates to.
fn yield_from(d: &GeneratorData) -> Option<Value> {
    let frame = d.frame.borrow();
    let frame = frame.as_ref()?;
    let code = frame.code();
    let unit = code.instrs.get(frame.lasti)?;
    if unit.opcode == Opcode::YIELD_VALUE as u8 && unit.arg == 1 && d.started.get() {
        frame.peek(1).clone()
    } else {
        None
    }
}

/// `throw(exc)`: raises `exc` where the generator is suspended (after letting a delegate
/// handle it).
pub fn throw(g: &Value, exc: PyErr) -> PyResult<Sent> {
    let d = data(g)?;
    if let Some(yf) = yield_from(d) {
        if exc.is(ExcKind::GeneratorExit) {
            d.running.set(true);
            let r = close_iter(&yf);
            d.running.set(false);
            if let Err(e) = r {
                return resume(g, pyrs_objects::none(), Some(e));
            }
            return resume(g, pyrs_objects::none(), Some(exc));
        }
        let delegated = if yf.downcast::<GeneratorData>().is_some() {
            d.running.set(true);
            let r = throw(&yf, exc);
            d.running.set(false);
            Some(r)
        } else {
            match protocol::getattr_opt(&yf, &pystr::intern("throw"))? {
                Some(m) => {
                    d.running.set(true);
                    let r = protocol::call1(&m, &[exc.value().clone()]);
                    d.running.set(false);
                    Some(r.map(Sent::Yielded))
                }
                None => {
                    return resume(g, pyrs_objects::none(), Some(exc));
                }
            }
        };
        return match delegated.expect("set") {
            Ok(Sent::Yielded(v)) => Ok(Sent::Yielded(v)),
            Ok(Sent::Returned(v)) => {
                // The delegate finished: its value is what `yield from` evaluates to.
                resume(g, pyrs_objects::none(), Some(stop_iteration(v)))
            }
            Err(e) => resume(g, pyrs_objects::none(), Some(e)),
        };
    }
    resume(g, pyrs_objects::none(), Some(exc))
}

fn close_iter(it: &Value) -> PyResult<()> {
    if it.downcast::<GeneratorData>().is_some() {
        return close(it);
    }
    if let Some(m) = protocol::getattr_opt(it, &pystr::intern("close"))? {
        protocol::call1(&m, &[])?;
    }
    Ok(())
}

/// The exception `throw(typ, val, tb)` raises.
pub(crate) fn throw_args(a: &[Value]) -> PyResult<PyErr> {
    let typ = &a[0];
    let val = a.get(1).filter(|v| !protocol::is_none(v));
    let tb = a.get(2).filter(|v| !protocol::is_none(v));
    if let Some(tb) = tb {
        if tb.downcast::<crate::exc::TracebackData>().is_none() {
            return Err(PyErr::type_error(
                "throw() third argument must be a traceback object",
            ));
        }
    }
    let exc = if type_data(typ).is_some() {
        if !pyrs_objects::typeobject::is_subtype(typ, ExcKind::BaseException.class()) {
            return Err(PyErr::type_error(format!(
                "exceptions must be classes or instances deriving from BaseException, not {}",
                typ.type_data().name()
            )));
        }
        match val {
            Some(v) if pyrs_objects::typeobject::is_instance(v, typ) => v.clone(),
            Some(v) => match pyrs_objects::tuple::items_of(v) {
                Some(items) => protocol::call1(typ, items)?,
                None => protocol::call1(typ, std::slice::from_ref(v))?,
            },
            None => protocol::call1(typ, &[])?,
        }
    } else if pyrs_objects::typeobject::is_instance(typ, ExcKind::BaseException.class()) {
        if val.is_some() {
            return Err(PyErr::type_error(
                "instance exception may not have a separate value",
            ));
        }
        typ.clone()
    } else {
        return Err(PyErr::type_error(format!(
            "exceptions must be classes or instances deriving from BaseException, not {}",
            typ.type_data().name()
        )));
    };
    if let (Some(tb), Some(d)) = (tb, exc.downcast::<BaseExceptionData>()) {
        *d.traceback.borrow_mut() = Some(tb.clone());
    }
    Ok(PyErr::from_value(exc))
}

fn gen_throw(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("throw", 2, 4)?;
    let err = throw_args(&a[1..])?;
    match throw(&a[0], err)? {
        Sent::Yielded(v) => Ok(v),
        Sent::Returned(v) => Err(stop_iteration(v)),
    }
}

/// `close()`: raises GeneratorExit inside; a generator that yields instead is an error.
pub fn close(g: &Value) -> PyResult<()> {
    let d = data(g)?;
    if d.frame.borrow().is_none() {
        return Ok(());
    }
    if !d.started.get() {
        let old = d.frame.borrow_mut().take();
        drop(old);
        return Ok(());
    }
    let exit = PyErr::with_args(ExcKind::GeneratorExit, Vec::new());
    match throw(g, exit) {
        Ok(Sent::Yielded(_)) => Err(PyErr::runtime_error(format!(
            "{} ignored GeneratorExit",
            kind_name(d.kind)
        ))),
        Ok(Sent::Returned(_)) => Ok(()),
        Err(e) if e.is(ExcKind::GeneratorExit) || e.is(ExcKind::StopIteration) => Ok(()),
        Err(e) => Err(e),
    }
}

fn gen_close(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("close", 1, 1)?;
    close(&a[0])?;
    Ok(pyrs_objects::none())
}

fn gen_del(g: &Value) {
    let Ok(d) = data(g) else { return };
    if d.kind == Kind::AsyncGenerator && crate::async_gen::finalize(g, d) {
        return;
    }
    if d.frame.borrow().is_none() || !d.started.get() {
        if d.kind == Kind::Coroutine && d.frame.borrow().is_some() {
            let qualname = d.qualname.borrow().clone();
            crate::warnings::warn_unawaited_coroutine(g, &qualname);
        }
        return;
    }
    if let Err(e) = close(g) {
        (pyrs_objects::hooks::get().unraisable)(&e, "Exception ignored in", Some(g));
    }
}

fn gen_repr(g: &Value) -> PyResult<Value> {
    let d = data(g)?;
    let q = pystr::text_of(&d.qualname.borrow()).unwrap_or_default();
    let kind = match d.kind {
        Kind::Generator => "generator",
        Kind::Coroutine => "coroutine",
        Kind::AsyncGenerator => "async_generator",
    };
    Ok(pystr::new(&format!(
        "<{kind} object {q} at {:#x}>",
        g.word()
    )))
}

fn gen_name(g: &Value) -> PyResult<Value> {
    Ok(data(g)?.name.borrow().clone())
}

fn gen_qualname(g: &Value) -> PyResult<Value> {
    Ok(data(g)?.qualname.borrow().clone())
}

fn gen_running(g: &Value) -> PyResult<Value> {
    Ok(pyrs_objects::bool(data(g)?.running.get()))
}

fn gen_code(g: &Value) -> PyResult<Value> {
    Ok(data(g)?.code.clone())
}

fn gen_frame(g: &Value) -> PyResult<Value> {
    let d = data(g)?;
    let running = d.running_frame.get();
    if !running.is_null() {
        // SAFETY: set only while `resume` runs the boxed frame, which stays put until the
        // pointer is cleared.
        return Ok(crate::exc::frame_object(unsafe { &*running }));
    }
    let frame = d.frame.borrow();
    Ok(match frame.as_ref() {
        Some(f) => crate::exc::frame_object(f),
        None => pyrs_objects::none(),
    })
}

fn gen_yieldfrom(g: &Value) -> PyResult<Value> {
    Ok(yield_from(data(g)?).unwrap_or_else(pyrs_objects::none))
}

fn gen_suspended(g: &Value) -> PyResult<Value> {
    let d = data(g)?;
    Ok(pyrs_objects::bool(
        d.started.get() && !d.running.get() && d.frame.borrow().is_some(),
    ))
}

const GEN_METHODS: &[MethodDef] = &[
    MethodDef::new("send", MethodKind::Method(gen_send)),
    MethodDef::new("throw", MethodKind::Method(gen_throw)),
    MethodDef::new("close", MethodKind::Method(gen_close)),
    MethodDef::new("__name__", MethodKind::GetSet(gen_name, None)),
    MethodDef::new("__qualname__", MethodKind::GetSet(gen_qualname, None)),
    MethodDef::new("gi_running", MethodKind::GetSet(gen_running, None)),
    MethodDef::new("gi_code", MethodKind::GetSet(gen_code, None)),
    MethodDef::new("gi_frame", MethodKind::GetSet(gen_frame, None)),
    MethodDef::new("gi_yieldfrom", MethodKind::GetSet(gen_yieldfrom, None)),
    MethodDef::new("gi_suspended", MethodKind::GetSet(gen_suspended, None)),
];

const CORO_METHODS: &[MethodDef] = &[
    MethodDef::new("send", MethodKind::Method(gen_send)),
    MethodDef::new("throw", MethodKind::Method(gen_throw)),
    MethodDef::new("close", MethodKind::Method(gen_close)),
    MethodDef::new("__name__", MethodKind::GetSet(gen_name, None)),
    MethodDef::new("__qualname__", MethodKind::GetSet(gen_qualname, None)),
    MethodDef::new("cr_running", MethodKind::GetSet(gen_running, None)),
    MethodDef::new("cr_code", MethodKind::GetSet(gen_code, None)),
    MethodDef::new("cr_frame", MethodKind::GetSet(gen_frame, None)),
    MethodDef::new("cr_await", MethodKind::GetSet(gen_yieldfrom, None)),
    MethodDef::new("cr_suspended", MethodKind::GetSet(gen_suspended, None)),
    MethodDef::new("cr_origin", MethodKind::GetSet(coro_origin, None)),
];

fn coro_origin(g: &Value) -> PyResult<Value> {
    Ok(data(g)?
        .cr_origin
        .clone()
        .unwrap_or_else(pyrs_objects::none))
}

/// `sys.set_coroutine_origin_tracking_depth`'s value: how many frames a new coroutine
/// records as its `cr_origin`.
static ORIGIN_DEPTH: SyncCell<Cell<usize>> = SyncCell(Cell::new(0));

/// `sys.get_coroutine_origin_tracking_depth()`.
pub(crate) fn get_origin_depth(args: Args<'_>) -> PyResult<Value> {
    args.exact("get_coroutine_origin_tracking_depth", 0, 0)?;
    Ok(pyrs_objects::int::from_usize(ORIGIN_DEPTH.0.get()))
}

/// `sys.set_coroutine_origin_tracking_depth(depth)`.
pub(crate) fn set_origin_depth(args: Args<'_>) -> PyResult<Value> {
    let [depth] = args.bind("set_coroutine_origin_tracking_depth", ["depth"], 1, 0, 1)?;
    let depth = protocol::index_isize(&depth.expect("required"), true)?;
    if depth < 0 {
        return Err(PyErr::value_error("depth must be >= 0"));
    }
    ORIGIN_DEPTH.0.set(depth as usize);
    Ok(pyrs_objects::none())
}

/// `cr_origin` of a coroutine made now: `(filename, line, function)` of the innermost
/// frames, innermost first.
fn compute_origin(depth: usize) -> Value {
    let mut out = Vec::new();
    let mut frame = crate::frame::current();
    while let Some(f) = frame.filter(|_| out.len() < depth) {
        let code = f.code();
        out.push(pyrs_objects::tuple::new(vec![
            code.filename.clone(),
            pyrs_objects::int::from_i64(i64::from(f.lineno())),
            code.name.clone(),
        ]));
        // SAFETY: a running frame's `back` is a frame still running below it (or null).
        frame = unsafe { f.back.as_ref() };
    }
    pyrs_objects::tuple::new(out)
}

/// The attributes async generators share with generators (their methods are in
/// crates/pyrs-vm/src/async_gen.rs).
const AGEN_METHODS: &[MethodDef] = &[
    MethodDef::new("__name__", MethodKind::GetSet(gen_name, None)),
    MethodDef::new("__qualname__", MethodKind::GetSet(gen_qualname, None)),
    MethodDef::new("ag_code", MethodKind::GetSet(gen_code, None)),
    MethodDef::new("ag_frame", MethodKind::GetSet(gen_frame, None)),
    MethodDef::new("ag_await", MethodKind::GetSet(gen_yieldfrom, None)),
    MethodDef::new("ag_suspended", MethodKind::GetSet(gen_suspended, None)),
];

/// `GET_AWAITABLE`: the iterator `await x` delegates to.
pub fn get_awaitable(v: &Value, _oparg: u32) -> PyResult<Value> {
    if is_coroutine(v) {
        return Ok(v.clone());
    }
    // A generator made by a `types.coroutine` function (CO_ITERABLE_COROUTINE).
    if let Some(d) = v.downcast::<GeneratorData>() {
        let flags = d
            .code
            .downcast::<crate::code::CodeData>()
            .map(|c| c.flags());
        if d.kind == Kind::Generator
            && flags.is_some_and(|f| f.contains(CodeFlags::ITERABLE_COROUTINE))
        {
            return Ok(v.clone());
        }
    }
    match protocol::lookup_special(v, "__await__")? {
        Some(m) => {
            let it = protocol::call1(&m, &[])?;
            if is_coroutine(&it) || it.type_data().slots.next.get().is_none() {
                return Err(PyErr::type_error(format!(
                    "__await__() returned non-iterator of type '{}'",
                    it.type_data().name()
                )));
            }
            Ok(it)
        }
        None => Err(PyErr::type_error(format!(
            "'{}' object can't be awaited",
            v.type_data().name()
        ))),
    }
}

/// The async iteration and `async with` instructions.
pub fn async_op(frame: &mut Frame, op: Opcode) -> PyResult<()> {
    match op {
        Opcode::GET_AITER => {
            let v = frame.pop();
            let m = protocol::lookup_special(&v, "__aiter__")?.ok_or_else(|| {
                PyErr::type_error(format!(
                    "'async for' requires an object with __aiter__ method, got {}",
                    v.type_data().name()
                ))
            })?;
            let it = protocol::call1(&m, &[])?;
            frame.push(it);
        }
        Opcode::GET_ANEXT => {
            let it = frame.peek(1).clone().expect("aiter");
            let m = protocol::lookup_special(&it, "__anext__")?.ok_or_else(|| {
                PyErr::type_error(format!(
                    "'async for' requires an iterator with __anext__ method, got {}",
                    it.type_data().name()
                ))
            })?;
            let aw = protocol::call1(&m, &[])?;
            let aw = get_awaitable(&aw, 0)?;
            frame.push(aw);
        }
        Opcode::BEFORE_ASYNC_WITH => {
            let mgr = frame.pop();
            let enter = protocol::lookup_special(&mgr, "__aenter__")?.ok_or_else(|| {
                PyErr::type_error(format!(
                    "'{}' object does not support the asynchronous context manager protocol",
                    mgr.type_data().name()
                ))
            })?;
            let exit = protocol::lookup_special(&mgr, "__aexit__")?.ok_or_else(|| {
                PyErr::type_error(format!(
                    "'{}' object does not support the asynchronous context manager protocol (missed __aexit__ method)",
                    mgr.type_data().name()
                ))
            })?;
            let res = protocol::call1(&enter, &[])?;
            frame.push(exit);
            frame.push(res);
        }
        Opcode::END_ASYNC_FOR => {
            let e = frame.pop();
            drop(frame.pop_opt());
            if !pyrs_objects::typeobject::is_instance(&e, ExcKind::StopAsyncIteration.class()) {
                return Err(PyErr::from_value(e));
            }
        }
        _ => {}
    }
    Ok(())
}

/// The cycle collector's view of a generator: the references its suspended frame and fields
/// own (a running generator's frame is out of the object, on the Rust stack).
fn gc_traverse(d: &GeneratorData, visit: &mut dyn FnMut(&Value)) {
    if let Ok(frame) = d.frame.try_borrow() {
        if let Some(frame) = frame.as_ref() {
            frame.traverse(visit);
        }
    }
    for cell in [&d.name, &d.qualname] {
        if let Ok(v) = cell.try_borrow() {
            visit(&v);
        }
    }
    visit(&d.code);
    for cell in [&d.saved_exc, &d.ag_finalizer] {
        if let Ok(v) = cell.try_borrow() {
            if let Some(v) = v.as_ref() {
                visit(v);
            }
        }
    }
}

/// Breaks a garbage generator's cycles: its frame (already closed by its finalizer) goes.
fn gc_clear(d: &GeneratorData) {
    let frame = d.frame.try_borrow_mut().map(|mut f| f.take());
    drop(frame);
    let exc = d.saved_exc.try_borrow_mut().map(|mut e| e.take());
    drop(exc);
    let finalizer = d.ag_finalizer.try_borrow_mut().map(|mut f| f.take());
    drop(finalizer);
}
