//! The evaluation loop (CPython's Python/ceval.c with Python/bytecodes.c): executes one
//! frame's instructions; an error unwinds to the handler the exception table gives for the
//! failing instruction, or leaves the frame with a traceback entry added.
//!
//! Each `Opcode::X` arm below is the instruction `X` of Python/bytecodes.c; the stack
//! pictures in pyrs-bytecode's opcode table say what it pops and pushes.

use pyrs_bytecode::{CodeUnit, Opcode};
use pyrs_objects::dict::DictData;
use pyrs_objects::exceptions::BaseExceptionData;
use pyrs_objects::protocol::{self, is_none};
use pyrs_objects::typeobject::{BinOp, CompareOp, TypeFlags, UnaryOp};
use pyrs_objects::{
    dict, int, list, str as pystr, tuple, types, Args, ExcKind, PyErr, PyResult, Value,
};

use crate::call::call_value;
use crate::exc;
use crate::frame::{Enter, Frame};
use crate::function::{CellData, FunctionData};

/// How a frame stopped running.
pub enum Exit {
    /// It returned this value.
    Return(Value),
    /// It yielded this value (generators).
    Yield(Value),
    /// It reached `RETURN_GENERATOR`: the generator object can be made.
    Generator,
}

/// Runs a frame to its end and returns its value.
pub fn run(frame: &mut Frame) -> PyResult<Value> {
    match execute(frame, None)? {
        Exit::Return(v) => Ok(v),
        Exit::Yield(_) | Exit::Generator => Err(PyErr::system_error("a plain frame yielded")),
    }
}

fn cache_sizes() -> &'static [u8; 256] {
    static TABLE: std::sync::OnceLock<[u8; 256]> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = [0u8; 256];
        for (b, slot) in t.iter_mut().enumerate() {
            if let Some(op) = Opcode::from_byte(b as u8) {
                *slot = op.cache_entries() as u8;
            }
        }
        t
    })
}

/// Runs `frame` from its current instruction until it returns, yields or raises; `throw`
/// raises that exception at the current instruction first (a generator's `throw()`).
pub fn execute(frame: &mut Frame, throw: Option<PyErr>) -> PyResult<Exit> {
    let _depth = protocol::enter_recursion("")?;
    crate::stack::check()?;
    let _enter = Enter::new(frame);
    let mut pending = throw;
    // Whether the frame runs in the traced loop (a trace function is set and the frame has
    // its own, `f_trace`): see crate::tracing.
    let mut traced = false;
    if crate::tracing::active() {
        if pending.is_some() {
            if let Err(e) = crate::tracing::throw(frame) {
                pending = Some(e);
            }
        }
        traced = crate::tracing::frame_traced(frame);
    }
    loop {
        let mut err = match pending.take() {
            Some(e) => e,
            None => {
                let result = if traced {
                    dispatch::<true>(frame)
                } else {
                    dispatch::<false>(frame)
                };
                match result {
                    Ok(exit) if !crate::tracing::active() => {
                        if let Exit::Return(_) = exit {
                            crate::frameobject::finish(frame);
                        }
                        return Ok(exit);
                    }
                    Ok(exit) => match crate::tracing::exit(frame, &exit) {
                        Ok(()) => {
                            if let Exit::Return(_) = exit {
                                crate::frameobject::finish(frame);
                            }
                            return Ok(exit);
                        }
                        Err(e) => e,
                    },
                    Err(_) if crate::tracing::take_switch() => {
                        traced = true;
                        continue;
                    }
                    Err(e) => e,
                }
            }
        };
        if exc::is_fresh(&err) {
            exc::chain_context(&err);
        }
        // A re-raise (RERAISE, bare `raise`) goes straight to the handler search, from the
        // re-raising instruction, without a new traceback entry (ceval.c's
        // `exception_unwind`).
        let reraised_at = exc::take_reraised();
        if reraised_at.is_none() {
            exc::add_traceback(&err, frame);
            if crate::tracing::active() {
                if let Err(e) = crate::tracing::exception(frame, &err) {
                    err = e;
                }
            }
        }
        let at = reraised_at.unwrap_or(frame.lasti);
        match frame.code().code.handler_at(at as u32) {
            Some(h) => {
                frame.unwind_to(h.depth as usize);
                if h.lasti {
                    frame.push(int::from_usize(frame.lasti));
                }
                frame.push(err.into_value());
                frame.ip = h.target as usize;
            }
            None => {
                if crate::tracing::active() {
                    crate::tracing::unwind(frame)?;
                }
                crate::frameobject::finish(frame);
                return Err(err);
            }
        }
    }
}

#[inline]
fn name_error(name: &Value) -> PyErr {
    let text = pystr::text_of(name).unwrap_or_default();
    let err = PyErr::name_error(format!("name '{text}' is not defined"));
    set_name_attr(&err, name);
    err
}

fn set_name_attr(err: &PyErr, name: &Value) {
    pyrs_objects::exceptions::set_attr(err.value(), "name", name.clone());
}

fn unbound_local(frame: &Frame, i: usize) -> PyErr {
    let name = &frame.code().localsplus[i];
    let text = pystr::text_of(name).unwrap_or_default();
    let err = PyErr::new(
        ExcKind::UnboundLocalError,
        format!("cannot access local variable '{text}' where it is not associated with a value"),
    );
    set_name_attr(&err, name);
    err
}

fn unbound_free(frame: &Frame, i: usize) -> PyErr {
    let code = frame.code();
    let name = &code.localsplus[i];
    let text = pystr::text_of(name).unwrap_or_default();
    if code.kinds[i].contains(pyrs_bytecode::LocalKind::FREE) {
        let err = PyErr::name_error(format!(
            "cannot access free variable '{text}' where it is not associated with a value in enclosing scope"
        ));
        set_name_attr(&err, name);
        err
    } else {
        unbound_local(frame, i)
    }
}

fn dict_of(v: &Value) -> Option<&DictData> {
    v.downcast::<DictData>()
}

/// `globals[name]`, then `builtins[name]`.
#[inline]
fn load_global(frame: &Frame, name: &Value) -> PyResult<Value> {
    if let Some(g) = dict_of(&frame.globals) {
        if let Some(v) = g.get_str(name) {
            return Ok(v);
        }
    }
    match dict_of(&frame.builtins) {
        Some(b) => b.get_str(name).ok_or_else(|| name_error(name)),
        None => match protocol::getitem(&frame.builtins, name) {
            Ok(v) => Ok(v),
            Err(e) if e.is(ExcKind::KeyError) => Err(name_error(name)),
            Err(e) => Err(e),
        },
    }
}

/// Looks `name` up in a mapping that may not be a dict; `None` when absent.
fn mapping_get(mapping: &Value, name: &Value) -> PyResult<Option<Value>> {
    if let Some(d) = dict_of(mapping) {
        if mapping.is_exact(&types().dict) {
            // The interned name finds its own key without hashing or comparing.
            if let Some(v) = d.get_str(name) {
                return Ok(Some(v));
            }
            return d.get_item(name);
        }
    }
    match protocol::getitem(mapping, name) {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.is(ExcKind::KeyError) => Ok(None),
        Err(e) => Err(e),
    }
}

fn locals_of(frame: &Frame, what: &str) -> PyResult<Value> {
    frame
        .locals
        .clone()
        .ok_or_else(|| PyErr::system_error(format!("no locals found when {what}")))
}

fn format_value(value: &Value, spec: Option<&Value>) -> PyResult<Value> {
    if spec.is_none() && value.is_exact(&types().str) {
        return Ok(value.clone());
    }
    let spec = spec.cloned().unwrap_or_else(|| pystr::new(""));
    crate::builtins::format(value, &spec)
}

/// Whether the instruction at `next` stores into a local that holds `left`, with `left`
/// and `right` exact `str`s (CPython's `BINARY_OP_INPLACE_ADD_UNICODE`); if so the local
/// lets go of `left` now, so that the concatenation may reuse its buffer. The `STORE_FAST` that follows stores the
/// result either way.
#[inline]
fn release_target_local(
    frame: &mut Frame,
    instrs: &[CodeUnit],
    next: usize,
    left: &Value,
    right: &Value,
) -> bool {
    let Some(unit) = instrs.get(next) else {
        return false;
    };
    if unit.opcode != Opcode::STORE_FAST as u8
        || !left.is_exact(&types().str)
        || !right.is_exact(&types().str)
    {
        return false;
    }
    let local = unit.arg as usize;
    if !frame.local(local).as_ref().is_some_and(|v| v.is(left)) {
        return false;
    }
    drop(frame.set_local(local, None));
    true
}

// Inlined into both variants of `dispatch` (with two callers the compiler would stop).
#[inline(always)]
fn binary_op(a: &Value, b: &Value, oparg: u32) -> PyResult<Value> {
    if let (Some(x), Some(y)) = (a.as_small(), b.as_small()) {
        let op = BinOp::ALL[(oparg % 13) as usize];
        if let Some(r) = int::small_binop(x, y, op) {
            return r;
        }
    } else if let Some(r) = float_binop_fast(a, b, oparg) {
        return Ok(r);
    }
    if oparg >= 13 {
        protocol::inplace_op(a, b, BinOp::ALL[(oparg - 13) as usize])
    } else {
        match BinOp::ALL.get(oparg as usize) {
            Some(&op) => protocol::binary_op(a, b, op),
            None => Err(PyErr::system_error("bad BINARY_OP argument")),
        }
    }
}

/// The value of an exact `float` or a small `int` operand (the specialised float
/// instructions of Python/bytecodes.c, `BINARY_OP_ADD_FLOAT` and friends): subclasses may
/// override the operators, so only the exact types qualify.
#[inline]
fn exact_float_operand(v: &Value) -> Option<f64> {
    if let Some(i) = v.as_small() {
        return Some(i as f64);
    }
    let f = v.downcast::<pyrs_objects::float::FloatData>()?;
    if v.is_exact(&types().float) {
        Some(f.0)
    } else {
        None
    }
}

/// `a OP b` for `+ - *` and `/` (nonzero divisor) where one operand is an exact `float` and
/// the other an exact float or a small int; `None` sends it down the generic path.
#[inline(always)]
fn float_binop_fast(a: &Value, b: &Value, oparg: u32) -> Option<Value> {
    let x = exact_float_operand(a)?;
    let y = exact_float_operand(b)?;
    let r = match BinOp::ALL[(oparg % 13) as usize] {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mul => x * y,
        BinOp::TrueDiv if y != 0.0 => x / y,
        _ => return None,
    };
    Some(pyrs_objects::float::new(r))
}

#[inline(always)]
fn compare(a: &Value, b: &Value, oparg: u32) -> PyResult<Value> {
    let op = CompareOp::from_index((oparg >> 5) as usize)
        .ok_or_else(|| PyErr::system_error("bad COMPARE_OP argument"))?;
    if let (Some(x), Some(y)) = (a.as_small(), b.as_small()) {
        return Ok(pyrs_objects::bool(int::compare_result(x.cmp(&y), op)));
    }
    if let (Some(x), Some(y)) = (
        a.downcast::<pyrs_objects::float::FloatData>(),
        b.downcast::<pyrs_objects::float::FloatData>(),
    ) {
        if a.is_exact(&types().float) && b.is_exact(&types().float) {
            let (x, y) = (x.0, y.0);
            let r = match op {
                CompareOp::Lt => x < y,
                CompareOp::Le => x <= y,
                CompareOp::Eq => x == y,
                CompareOp::Ne => x != y,
                CompareOp::Gt => x > y,
                CompareOp::Ge => x >= y,
            };
            return Ok(pyrs_objects::bool(r));
        }
    }
    let r = protocol::rich_compare(a, b, op)?;
    if oparg & 16 != 0 {
        return Ok(pyrs_objects::bool(protocol::is_true(&r)?));
    }
    Ok(r)
}

/// Unpacks an iterable into exactly `n` values (pushed last first) or `before` + a list +
/// `after` for a starred target.
fn unpack(frame: &mut Frame, seq: &Value, before: usize, after: Option<usize>) -> PyResult<()> {
    let items: Vec<Value> = match (
        pyrs_objects::tuple::items_of(seq),
        seq.downcast::<pyrs_objects::list::ListData>(),
    ) {
        (Some(items), _) => items.to_vec(),
        (None, Some(l)) => l.to_vec(),
        _ => {
            let it = protocol::iter(seq).map_err(|e| {
                if e.is(ExcKind::TypeError) && seq.type_data().slots.iter.get().is_none() {
                    PyErr::type_error(format!(
                        "cannot unpack non-iterable {} object",
                        seq.type_data().name()
                    ))
                } else {
                    e
                }
            })?;
            let mut out = Vec::new();
            while let Some(v) = protocol::next(&it)? {
                out.push(v);
                if after.is_none() && out.len() > before {
                    return Err(PyErr::value_error(format!(
                        "too many values to unpack (expected {before})"
                    )));
                }
            }
            out
        }
    };
    match after {
        None => {
            if items.len() != before {
                return Err(PyErr::value_error(if items.len() < before {
                    format!(
                        "not enough values to unpack (expected {before}, got {})",
                        items.len()
                    )
                } else {
                    format!("too many values to unpack (expected {before})")
                }));
            }
            for v in items.into_iter().rev() {
                frame.push(v);
            }
        }
        Some(after) => {
            if items.len() < before + after {
                return Err(PyErr::value_error(format!(
                    "not enough values to unpack (expected at least {}, got {})",
                    before + after,
                    items.len()
                )));
            }
            let mut items = items;
            let tail: Vec<Value> = items.split_off(items.len() - after);
            let middle: Vec<Value> = items.split_off(before);
            for v in tail.into_iter().rev() {
                frame.push(v);
            }
            frame.push(list::new(middle));
            for v in items.into_iter().rev() {
                frame.push(v);
            }
        }
    }
    Ok(())
}

/// Calls with the `n` values on top of the stack (and the callable and self-or-NULL below
/// them), `kwnames` naming the last of them.
#[inline]
fn do_call(frame: &mut Frame, argc: usize, kwnames: Option<&Value>) -> PyResult<()> {
    // [callable, self_or_null, args...]
    let self_slot = frame.peek(argc + 1).is_some();
    if !self_slot {
        // A bound method called as such: unpack it so the call needs no new argument array.
        let callable = frame.peek(argc + 2).clone();
        if let Some(c) = &callable {
            if let Some(m) = c.downcast::<pyrs_objects::descr::MethodData>() {
                let (func, obj) = (m.func.clone(), m.obj.clone());
                frame.set_peek(argc + 2, Some(func));
                frame.set_peek(argc + 1, Some(obj));
            }
        }
    }
    let has_self = frame.peek(argc + 1).is_some();
    let n = argc + has_self as usize;
    let callable = frame
        .peek(argc + 2)
        .clone()
        .ok_or_else(|| PyErr::system_error("call of NULL"))?;
    let kw: &[Value] = match kwnames {
        Some(k) => tuple::items_of(k).unwrap_or(&[]),
        None => &[],
    };
    let result = {
        let values = frame.top_values(n);
        if crate::tracing::active() {
            crate::tracing::profile_call(frame, &callable, values.first(), || {
                call_value(&callable, Args::new(values, kw))
            })
        } else {
            call_value(&callable, Args::new(values, kw))
        }
    };
    frame.drop_top(argc + 2);
    frame.push(result?);
    Ok(())
}

fn call_function_ex(frame: &mut Frame, has_kwargs: bool) -> PyResult<()> {
    let kwargs = if has_kwargs { frame.pop_opt() } else { None };
    let callargs = frame.pop();
    let _null = frame.pop_opt();
    let func = frame.pop();
    let mut values: Vec<Value> = match tuple::items_of(&callargs) {
        Some(items) => items.to_vec(),
        None => protocol::collect(&callargs).map_err(|e| {
            if e.is(ExcKind::TypeError) && callargs.type_data().slots.iter.get().is_none() {
                PyErr::type_error(format!(
                    "{} argument after * must be an iterable, not {}",
                    function_str(&func),
                    callargs.type_data().name()
                ))
            } else {
                e
            }
        })?,
    };
    let mut names: Vec<Value> = Vec::new();
    if let Some(kw) = kwargs {
        let Some(d) = dict_of(&kw) else {
            return Err(PyErr::type_error(format!(
                "{} argument after ** must be a mapping, not {}",
                function_str(&func),
                kw.type_data().name()
            )));
        };
        for (k, v) in d.items() {
            if k.downcast::<pyrs_objects::str::StrData>().is_none() {
                return Err(PyErr::type_error("keywords must be strings"));
            }
            names.push(k);
            values.push(v);
        }
    }
    let r = if crate::tracing::active() {
        crate::tracing::profile_call(frame, &func, values.first(), || {
            call_value(&func, Args::new(&values, &names))
        })?
    } else {
        call_value(&func, Args::new(&values, &names))?
    };
    frame.push(r);
    Ok(())
}

/// How call errors name a callable (CPython's `_PyObject_FunctionStr`): `module.qualname()`
/// (no module for builtins), or the object's `str()` when it has no `__qualname__`.
pub(crate) fn function_str(func: &Value) -> String {
    let attr = |name: &str| {
        protocol::getattr_opt(func, &pyrs_objects::str::intern(name))
            .ok()
            .flatten()
            .and_then(|v| pyrs_objects::str::text_of(&v))
    };
    let Some(qualname) = attr("__qualname__") else {
        return protocol::str_string(func).unwrap_or_default();
    };
    match attr("__module__") {
        Some(m) if m != "builtins" => format!("{m}.{qualname}()"),
        _ => format!("{qualname}()"),
    }
}

fn import_name(frame: &mut Frame, name: &Value) -> PyResult<()> {
    let fromlist = frame.pop();
    let level = frame.pop();
    let module = crate::import::import_name(frame, name, &fromlist, &level)?;
    frame.push(module);
    Ok(())
}

fn load_super_attr(frame: &mut Frame, oparg: u32) -> PyResult<()> {
    let name = frame.code().names[(oparg >> 2) as usize].clone();
    let obj = frame.pop();
    let class = frame.pop();
    let global_super = frame.pop();
    let method = oparg & 1 != 0;
    let result = if global_super.is(crate::super_type::super_type()) && oparg & 2 != 0 {
        crate::super_type::super_lookup(&class, &obj, &name, method)?
    } else {
        let sup = if oparg & 2 != 0 {
            protocol::call1(&global_super, &[class, obj.clone()])?
        } else {
            protocol::call1(&global_super, &[])?
        };
        (protocol::getattr(&sup, &name)?, None)
    };
    frame.push(result.0);
    if method {
        frame.push_opt(result.1);
    }
    Ok(())
}

/// `LOAD_ATTR` in its method-loading form: `[owner] → [meth, owner]` when the attribute is
/// a plain method found on the type, else `[attr, NULL]`.
#[inline]
fn load_method(frame: &mut Frame, owner: Value, name: &Value) -> PyResult<()> {
    let ty = owner.type_data();
    let generic = ty.slots.getattro.get().map(|f| f as *const () as usize)
        == Some(protocol::generic_getattr as *const () as usize);
    if generic {
        if let Some(descr) = ty.lookup(name) {
            let dt = descr.type_data();
            if dt.flags.get().contains(TypeFlags::METHOD_DESCRIPTOR) {
                // An instance attribute of the same name shadows the method.
                let shadow = match owner.dict_slot() {
                    Some(slot) => {
                        let d = slot.borrow().clone();
                        d.and_then(|d| d.downcast::<DictData>().and_then(|d| d.get_str(name)))
                    }
                    None => None,
                };
                match shadow {
                    Some(v) => {
                        frame.push(v);
                        frame.push_opt(None);
                    }
                    None => {
                        frame.push(descr);
                        frame.push(owner);
                    }
                }
                return Ok(());
            }
        }
    }
    let attr = protocol::getattr(&owner, name)?;
    frame.push(attr);
    frame.push_opt(None);
    Ok(())
}

fn reraise(frame: &mut Frame, oparg: u32) -> PyErr {
    exc::mark_reraised(frame.lasti);
    let exc = frame.pop();
    if oparg != 0 {
        if let Some(Some(lasti)) = Some(frame.peek(1).clone()) {
            if let Some(i) = lasti.as_small() {
                frame.lasti = i as usize;
            }
        }
    }
    PyErr::from_value(exc)
}

fn raise(frame: &mut Frame, oparg: u32) -> PyErr {
    let result: PyResult<PyErr> = (|| match oparg {
        0 => match exc::handled() {
            Some(e) => {
                exc::mark_reraised(frame.lasti);
                Ok(PyErr::from_value(e))
            }
            None => Err(PyErr::runtime_error("No active exception to reraise")),
        },
        1 => {
            let e = frame.pop();
            let inst = exc::make_exception(&e)?;
            let err = PyErr::from_value(inst);
            exc::chain_context(&err);
            Ok(err)
        }
        _ => {
            let cause = frame.pop();
            let e = frame.pop();
            let inst = exc::make_exception(&e)?;
            let cause = if is_none(&cause) {
                None
            } else if pyrs_objects::typeobject::type_data(&cause).is_some() {
                if !pyrs_objects::typeobject::is_subtype(&cause, ExcKind::BaseException.class()) {
                    return Err(PyErr::type_error(
                        "exception causes must derive from BaseException",
                    ));
                }
                Some(protocol::call1(&cause, &[])?)
            } else if pyrs_objects::typeobject::is_instance(&cause, ExcKind::BaseException.class())
            {
                Some(cause)
            } else {
                return Err(PyErr::type_error(
                    "exception causes must derive from BaseException",
                ));
            };
            if let Some(d) = inst.downcast::<BaseExceptionData>() {
                *d.cause.borrow_mut() = cause;
                d.suppress_context.set(true);
            }
            let err = PyErr::from_value(inst);
            exc::chain_context(&err);
            Ok(err)
        }
    })();
    match result {
        Ok(e) | Err(e) => e,
    }
}

fn intrinsic1(frame: &mut Frame, oparg: u32, v: Value) -> PyResult<Value> {
    match oparg {
        1 => {
            // INTRINSIC_PRINT: the interactive display hook, sys.displayhook.
            let hook = crate::sys::get("displayhook")
                .ok_or_else(|| PyErr::runtime_error("lost sys.displayhook"))?;
            protocol::call1(&hook, std::slice::from_ref(&v))?;
            Ok(pyrs_objects::none())
        }
        2 => {
            let locals = locals_of(frame, "importing *")?;
            crate::import::import_star(&v, &locals)?;
            Ok(pyrs_objects::none())
        }
        3 => {
            // INTRINSIC_STOPITERATION_ERROR (PEP 479).
            let code = frame.code();
            let flags = code.flags();
            let kind = if flags.contains(pyrs_bytecode::CodeFlags::COROUTINE) {
                "coroutine"
            } else if flags.contains(pyrs_bytecode::CodeFlags::ASYNC_GENERATOR) {
                "async generator"
            } else {
                "generator"
            };
            let msg = if pyrs_objects::typeobject::is_instance(&v, ExcKind::StopIteration.class()) {
                format!("{kind} raised StopIteration")
            } else if kind == "async generator"
                && pyrs_objects::typeobject::is_instance(&v, ExcKind::StopAsyncIteration.class())
            {
                format!("{kind} raised StopAsyncIteration")
            } else {
                return Ok(v);
            };
            let err = PyErr::runtime_error(msg);
            if let Some(d) = err.value().downcast::<BaseExceptionData>() {
                *d.cause.borrow_mut() = Some(v.clone());
                *d.context.borrow_mut() = Some(v);
                d.suppress_context.set(true);
            }
            Ok(err.into_value())
        }
        4 => Ok(crate::async_gen::wrap(v)),
        5 => protocol::unary_op(&v, UnaryOp::Pos),
        6 => {
            let items = v
                .downcast::<pyrs_objects::list::ListData>()
                .map(|l| l.to_vec())
                .unwrap_or_default();
            Ok(tuple::new(items))
        }
        _ => crate::typing::intrinsic1(oparg, v),
    }
}

/// In the untraced loop, where it checks for a trace function: the error that makes
/// `execute` go on in the traced loop when the frame now needs it.
#[inline(always)]
fn switch_check<const TRACED: bool>(frame: &Frame) -> PyResult<()> {
    if !TRACED && crate::tracing::active() {
        if let Some(e) = crate::tracing::check_switch(frame) {
            return Err(e);
        }
    }
    Ok(())
}

/// Executes instructions until the frame returns, yields or an instruction fails (then
/// `frame.lasti` is that instruction). `TRACED` is the variant for a frame with a local
/// trace function: 'line' and 'opcode' events before instructions.
fn dispatch<const TRACED: bool>(frame: &mut Frame) -> PyResult<Exit> {
    let caches = cache_sizes();
    let code = frame.code_unbound();
    let instrs: &[CodeUnit] = &code.instrs;
    // The previous instruction's first code unit (for the traced variant's line events).
    let mut prev = frame.lasti;
    loop {
        let start = frame.ip;
        let unit = instrs[start];
        let mut opcode = unit.opcode;
        let mut oparg = unit.arg as u32;
        let mut ip = start + 1;
        while opcode == Opcode::EXTENDED_ARG as u8 {
            let next = instrs[ip];
            opcode = next.opcode;
            oparg = (oparg << 8) | next.arg as u32;
            ip += 1;
        }
        frame.lasti = ip - 1;
        ip += caches[opcode as usize] as usize;
        frame.ip = ip;
        if TRACED && crate::tracing::instruction(frame, start, &mut prev)? {
            continue;
        }
        let Some(op) = Opcode::from_byte(opcode) else {
            return Err(PyErr::system_error(format!("unknown opcode {opcode}")));
        };
        match op {
            Opcode::RESUME if crate::tracing::active() => {
                pyrs_objects::gc::collect_if_scheduled();
                if crate::tracing::resume(frame, oparg)? && !TRACED {
                    switch_check::<TRACED>(frame)?;
                }
            }
            Opcode::NOP | Opcode::CACHE => {}
            // A call's entry is, with loops' back edges, where a scheduled collection runs.
            Opcode::RESUME | Opcode::RESUME_CHECK => pyrs_objects::gc::collect_if_scheduled(),
            Opcode::POP_TOP => drop(frame.pop_opt()),
            Opcode::PUSH_NULL => frame.push_opt(None),
            Opcode::END_FOR => drop(frame.pop_opt()),
            Opcode::END_SEND => {
                let v = frame.pop_opt();
                drop(frame.pop_opt());
                frame.push_opt(v);
            }
            Opcode::COPY => {
                let v = frame.peek(oparg as usize).clone();
                frame.push_opt(v);
            }
            Opcode::SWAP => {
                let n = oparg as usize;
                let top = frame.set_peek(1, None);
                let other = frame.set_peek(n, top);
                frame.set_peek(1, other);
            }
            Opcode::LOAD_CONST => frame.push(code.consts[oparg as usize].clone()),
            Opcode::RETURN_CONST => return Ok(Exit::Return(code.consts[oparg as usize].clone())),
            Opcode::RETURN_VALUE => return Ok(Exit::Return(frame.pop())),
            Opcode::LOAD_FAST => {
                let v = frame.local(oparg as usize).clone();
                match v {
                    Some(v) => frame.push(v),
                    None => return Err(unbound_local(frame, oparg as usize)),
                }
            }
            Opcode::LOAD_FAST_CHECK => {
                let v = frame.local(oparg as usize).clone();
                match v {
                    Some(v) => frame.push(v),
                    None => return Err(unbound_local(frame, oparg as usize)),
                }
            }
            Opcode::LOAD_FAST_AND_CLEAR => {
                let v = frame.set_local(oparg as usize, None);
                frame.push_opt(v);
            }
            Opcode::LOAD_FAST_LOAD_FAST => {
                let (a, b) = ((oparg >> 4) as usize, (oparg & 15) as usize);
                let va = frame
                    .local(a)
                    .clone()
                    .ok_or_else(|| unbound_local(frame, a))?;
                let vb = frame
                    .local(b)
                    .clone()
                    .ok_or_else(|| unbound_local(frame, b))?;
                frame.push(va);
                frame.push(vb);
            }
            Opcode::STORE_FAST => {
                let v = frame.pop_opt();
                let old = frame.set_local(oparg as usize, v);
                drop(old);
            }
            Opcode::STORE_FAST_LOAD_FAST => {
                let v = frame.pop_opt();
                let old = frame.set_local((oparg >> 4) as usize, v);
                drop(old);
                let b = (oparg & 15) as usize;
                let vb = frame
                    .local(b)
                    .clone()
                    .ok_or_else(|| unbound_local(frame, b))?;
                frame.push(vb);
            }
            Opcode::STORE_FAST_STORE_FAST => {
                let v1 = frame.pop_opt();
                let old = frame.set_local((oparg >> 4) as usize, v1);
                drop(old);
                let v2 = frame.pop_opt();
                let old = frame.set_local((oparg & 15) as usize, v2);
                drop(old);
            }
            Opcode::DELETE_FAST => {
                let old = frame.set_local(oparg as usize, None);
                if old.is_none() {
                    return Err(unbound_local(frame, oparg as usize));
                }
                drop(old);
            }
            Opcode::MAKE_CELL => {
                let i = oparg as usize;
                let v = frame.set_local(i, None);
                frame.set_local(i, Some(crate::function::new_cell(v)));
            }
            Opcode::COPY_FREE_VARS => {
                let n = oparg as usize;
                let closure = frame
                    .func
                    .as_ref()
                    .and_then(|f| f.downcast::<FunctionData>())
                    .and_then(|f| f.closure.borrow().clone());
                if let Some(closure) = closure {
                    let cells = tuple::items_of(&closure).unwrap_or(&[]).to_vec();
                    let offset = code.nlocalsplus() - n;
                    for (i, c) in cells.into_iter().enumerate().take(n) {
                        frame.set_local(offset + i, Some(c));
                    }
                }
            }
            Opcode::LOAD_DEREF => {
                let i = oparg as usize;
                let v = frame
                    .local(i)
                    .as_ref()
                    .and_then(|c| c.downcast::<CellData>())
                    .and_then(CellData::get);
                match v {
                    Some(v) => frame.push(v),
                    None => return Err(unbound_free(frame, i)),
                }
            }
            Opcode::STORE_DEREF => {
                let v = frame.pop();
                if let Some(c) = frame
                    .local(oparg as usize)
                    .as_ref()
                    .and_then(|c| c.downcast::<CellData>())
                {
                    c.set(Some(v));
                }
            }
            Opcode::DELETE_DEREF => {
                let i = oparg as usize;
                let cell = frame.local(i).clone();
                match cell.as_ref().and_then(|c| c.downcast::<CellData>()) {
                    Some(c) if c.get().is_some() => c.set(None),
                    _ => return Err(unbound_free(frame, i)),
                }
            }
            Opcode::LOAD_FROM_DICT_OR_DEREF => {
                let mapping = frame.pop();
                let i = oparg as usize;
                let name = code.localsplus[i].clone();
                match mapping_get(&mapping, &name)? {
                    Some(v) => frame.push(v),
                    None => {
                        let v = frame
                            .local(i)
                            .as_ref()
                            .and_then(|c| c.downcast::<CellData>())
                            .and_then(CellData::get);
                        match v {
                            Some(v) => frame.push(v),
                            None => return Err(unbound_free(frame, i)),
                        }
                    }
                }
            }
            Opcode::LOAD_FROM_DICT_OR_GLOBALS => {
                let mapping = frame.pop();
                let name = &code.names[oparg as usize];
                match mapping_get(&mapping, name)? {
                    Some(v) => frame.push(v),
                    None => {
                        let v = load_global(frame, name)?;
                        frame.push(v);
                    }
                }
            }
            Opcode::LOAD_GLOBAL => {
                let name = &code.names[(oparg >> 1) as usize];
                let v = load_global(frame, name)?;
                frame.push(v);
                if oparg & 1 != 0 {
                    frame.push_opt(None);
                }
            }
            Opcode::STORE_GLOBAL => {
                let v = frame.pop();
                let name = code.names[oparg as usize].clone();
                match dict_of(&frame.globals) {
                    Some(g) => g.set_item(name, v)?,
                    None => protocol::setitem(&frame.globals, &name, Some(&v))?,
                }
            }
            Opcode::DELETE_GLOBAL => {
                let name = &code.names[oparg as usize];
                let removed = match dict_of(&frame.globals) {
                    Some(g) => g.del_item(name)?,
                    None => None,
                };
                if removed.is_none() {
                    return Err(name_error(name));
                }
            }
            Opcode::LOAD_NAME => {
                let name = &code.names[oparg as usize];
                let Some(locals) = frame.locals.clone() else {
                    return Err(PyErr::system_error(format!(
                        "no locals found when loading {}",
                        pystr::text_of(name).unwrap_or_default()
                    )));
                };
                let v = match mapping_get(&locals, name)? {
                    Some(v) => v,
                    None => load_global(frame, name)?,
                };
                frame.push(v);
            }
            Opcode::STORE_NAME => {
                let v = frame.pop();
                let name = code.names[oparg as usize].clone();
                let locals = locals_of(frame, "storing")?;
                match dict_of(&locals) {
                    Some(d) if locals.is_exact(&types().dict) => d.set_item(name, v)?,
                    _ => protocol::setitem(&locals, &name, Some(&v))?,
                }
            }
            Opcode::DELETE_NAME => {
                let name = &code.names[oparg as usize];
                let locals = locals_of(frame, "deleting")?;
                let ok = match dict_of(&locals) {
                    Some(d) if locals.is_exact(&types().dict) => d.del_item(name)?.is_some(),
                    _ => match protocol::setitem(&locals, name, None) {
                        Ok(()) => true,
                        Err(e) if e.is(ExcKind::KeyError) => false,
                        Err(e) => return Err(e),
                    },
                };
                if !ok {
                    return Err(name_error(name));
                }
            }
            Opcode::LOAD_LOCALS => {
                let l = locals_of(frame, "loading locals")?;
                frame.push(l);
            }
            Opcode::LOAD_ATTR => {
                let name = &code.names[(oparg >> 1) as usize];
                let owner = frame.pop();
                if oparg & 1 != 0 {
                    load_method(frame, owner, name)?;
                } else {
                    let v = protocol::getattr(&owner, name)?;
                    frame.push(v);
                }
            }
            Opcode::STORE_ATTR => {
                let owner = frame.pop();
                let v = frame.pop();
                protocol::setattr(&owner, &code.names[oparg as usize], Some(&v))?;
            }
            Opcode::DELETE_ATTR => {
                let owner = frame.pop();
                protocol::setattr(&owner, &code.names[oparg as usize], None)?;
            }
            Opcode::LOAD_SUPER_ATTR => load_super_attr(frame, oparg)?,
            Opcode::BINARY_OP => {
                let b = frame.pop();
                let mut a = frame.pop();
                if (oparg == 0 || oparg == 13) && release_target_local(frame, instrs, ip, &a, &b) {
                    // `s += t` / `s = s + t` into the local holding `s`: with the local's
                    // reference gone, a `str` nothing else holds grows in place.
                    if pyrs_objects::str::append_in_place(&mut a, &b) {
                        frame.push(a);
                        continue;
                    }
                }
                let r = binary_op(&a, &b, oparg)?;
                frame.push(r);
            }
            Opcode::COMPARE_OP => {
                let b = frame.pop();
                let a = frame.pop();
                let r = compare(&a, &b, oparg)?;
                frame.push(r);
            }
            Opcode::IS_OP => {
                let b = frame.pop();
                let a = frame.pop();
                frame.push(pyrs_objects::bool(a.is(&b) != (oparg != 0)));
            }
            Opcode::CONTAINS_OP => {
                let container = frame.pop();
                let item = frame.pop();
                let r = protocol::contains(&container, &item)?;
                frame.push(pyrs_objects::bool(r != (oparg != 0)));
            }
            Opcode::TO_BOOL => {
                let v = frame.pop();
                let b = protocol::is_true(&v)?;
                frame.push(pyrs_objects::bool(b));
            }
            Opcode::UNARY_NOT => {
                let v = frame.pop();
                let b = protocol::is_true(&v)?;
                frame.push(pyrs_objects::bool(!b));
            }
            Opcode::UNARY_NEGATIVE => {
                let v = frame.pop();
                let r = match v.as_small() {
                    Some(i) if i != pyrs_objects::value::SMALL_MIN => int::from_i64(-i),
                    _ => protocol::unary_op(&v, UnaryOp::Neg)?,
                };
                frame.push(r);
            }
            Opcode::UNARY_INVERT => {
                let v = frame.pop();
                let r = protocol::unary_op(&v, UnaryOp::Invert)?;
                frame.push(r);
            }
            Opcode::POP_JUMP_IF_FALSE => {
                let v = frame.pop();
                if !truth(&v)? {
                    frame.ip += oparg as usize;
                }
            }
            Opcode::POP_JUMP_IF_TRUE => {
                let v = frame.pop();
                if truth(&v)? {
                    frame.ip += oparg as usize;
                }
            }
            Opcode::POP_JUMP_IF_NONE => {
                let v = frame.pop();
                if is_none(&v) {
                    frame.ip += oparg as usize;
                }
            }
            Opcode::POP_JUMP_IF_NOT_NONE => {
                let v = frame.pop();
                if !is_none(&v) {
                    frame.ip += oparg as usize;
                }
            }
            Opcode::JUMP_FORWARD => frame.ip += oparg as usize,
            Opcode::JUMP_BACKWARD | Opcode::JUMP_BACKWARD_NO_INTERRUPT => {
                frame.ip -= oparg as usize;
                crate::signals::check()?;
                switch_check::<TRACED>(frame)?;
            }
            Opcode::GET_ITER => {
                let v = frame.pop();
                let it = protocol::iter(&v)?;
                frame.push(it);
            }
            Opcode::GET_YIELD_FROM_ITER => {
                let v = frame.pop();
                let it = if crate::generator::is_generator(&v) || crate::generator::is_coroutine(&v)
                {
                    v
                } else {
                    protocol::iter(&v)?
                };
                frame.push(it);
            }
            Opcode::FOR_ITER => {
                let next = {
                    let it = frame
                        .peek(1)
                        .as_ref()
                        .ok_or_else(|| PyErr::system_error("FOR_ITER of NULL"))?;
                    protocol::next(it)?
                };
                match next {
                    Some(v) => frame.push(v),
                    None => {
                        drop(frame.pop_opt());
                        frame.ip += oparg as usize + 2;
                    }
                }
            }
            Opcode::GET_LEN => {
                let n = protocol::len(frame.peek(1).as_ref().expect("value"))?;
                frame.push(int::from_usize(n));
            }
            Opcode::BINARY_SUBSCR => {
                let key = frame.pop();
                let container = frame.pop();
                let v = protocol::getitem(&container, &key)?;
                frame.push(v);
            }
            Opcode::STORE_SUBSCR => {
                let key = frame.pop();
                let container = frame.pop();
                let v = frame.pop();
                protocol::setitem(&container, &key, Some(&v))?;
            }
            Opcode::DELETE_SUBSCR => {
                let key = frame.pop();
                let container = frame.pop();
                protocol::setitem(&container, &key, None)?;
            }
            Opcode::BINARY_SLICE => {
                let stop = frame.pop();
                let start = frame.pop();
                let container = frame.pop();
                let slice = pyrs_objects::sequence::new_slice(start, stop, pyrs_objects::none());
                let v = protocol::getitem(&container, &slice)?;
                frame.push(v);
            }
            Opcode::STORE_SLICE => {
                let stop = frame.pop();
                let start = frame.pop();
                let container = frame.pop();
                let v = frame.pop();
                let slice = pyrs_objects::sequence::new_slice(start, stop, pyrs_objects::none());
                protocol::setitem(&container, &slice, Some(&v))?;
            }
            Opcode::BUILD_SLICE => {
                let step = if oparg == 3 {
                    frame.pop()
                } else {
                    pyrs_objects::none()
                };
                let stop = frame.pop();
                let start = frame.pop();
                frame.push(pyrs_objects::sequence::new_slice(start, stop, step));
            }
            Opcode::BUILD_TUPLE => {
                let n = oparg as usize;
                let items = frame.top_values(n).to_vec();
                frame.drop_top(n);
                frame.push(tuple::new(items));
            }
            Opcode::BUILD_LIST => {
                let n = oparg as usize;
                let items = frame.top_values(n).to_vec();
                frame.drop_top(n);
                frame.push(list::new(items));
            }
            Opcode::BUILD_SET => {
                let n = oparg as usize;
                let items = frame.top_values(n).to_vec();
                frame.drop_top(n);
                let s = crate::builtins::new_set(items)?;
                frame.push(s);
            }
            Opcode::BUILD_MAP => {
                let n = oparg as usize;
                let items = frame.top_values(2 * n).to_vec();
                frame.drop_top(2 * n);
                let d = dict::new();
                let dd = dict_of(&d).expect("dict");
                for pair in items.chunks(2) {
                    dd.set_item(pair[0].clone(), pair[1].clone())?;
                }
                frame.push(d);
            }
            Opcode::BUILD_CONST_KEY_MAP => {
                let n = oparg as usize;
                let keys = frame.pop();
                let values = frame.top_values(n).to_vec();
                frame.drop_top(n);
                let d = dict::new();
                let dd = dict_of(&d).expect("dict");
                for (k, v) in tuple::items_of(&keys).unwrap_or(&[]).iter().zip(values) {
                    dd.set_item(k.clone(), v)?;
                }
                frame.push(d);
            }
            Opcode::BUILD_STRING => {
                let n = oparg as usize;
                let s = {
                    let parts = frame.top_values(n);
                    crate::builtins::concat_strings(parts)?
                };
                frame.drop_top(n);
                frame.push(s);
            }
            Opcode::LIST_APPEND => {
                let v = frame.pop();
                let l = frame.peek(oparg as usize).clone().expect("list");
                l.downcast::<pyrs_objects::list::ListData>()
                    .ok_or_else(|| PyErr::system_error("LIST_APPEND to a non-list"))?
                    .push(v);
            }
            Opcode::LIST_EXTEND => {
                let it = frame.pop();
                let l = frame.peek(oparg as usize).clone().expect("list");
                let items = protocol::collect(&it).map_err(|e| {
                    if e.is(ExcKind::TypeError)
                        && it.type_data().slots.iter.get().is_none()
                        && it.type_data().slots.getitem.get().is_none()
                    {
                        PyErr::type_error(format!(
                            "Value after * must be an iterable, not {}",
                            it.type_data().name()
                        ))
                    } else {
                        e
                    }
                })?;
                l.downcast::<pyrs_objects::list::ListData>()
                    .ok_or_else(|| PyErr::system_error("LIST_EXTEND of a non-list"))?
                    .with_items(|v| v.extend(items));
            }
            Opcode::SET_ADD => {
                let v = frame.pop();
                let s = frame.peek(oparg as usize).clone().expect("set");
                crate::builtins::set_add(&s, v)?;
            }
            Opcode::SET_UPDATE => {
                let it = frame.pop();
                let s = frame.peek(oparg as usize).clone().expect("set");
                for v in protocol::collect(&it)? {
                    crate::builtins::set_add(&s, v)?;
                }
            }
            Opcode::MAP_ADD => {
                let v = frame.pop();
                let k = frame.pop();
                let d = frame.peek(oparg as usize).clone().expect("dict");
                dict_of(&d)
                    .ok_or_else(|| PyErr::system_error("MAP_ADD to a non-dict"))?
                    .set_item(k, v)?;
            }
            Opcode::DICT_UPDATE => {
                let update = frame.pop();
                let d = frame.peek(oparg as usize).clone().expect("dict");
                let dd =
                    dict_of(&d).ok_or_else(|| PyErr::system_error("DICT_UPDATE of a non-dict"))?;
                if let Err(e) = pyrs_objects::dict::update_from(dd, &update) {
                    if e.is(ExcKind::TypeError)
                        && protocol::getattr_opt(&update, &pystr::intern("keys"))?.is_none()
                    {
                        return Err(PyErr::type_error(format!(
                            "'{}' object is not a mapping",
                            update.type_data().name()
                        )));
                    }
                    return Err(e);
                }
            }
            Opcode::DICT_MERGE => {
                let update = frame.pop();
                let d = frame.peek(oparg as usize).clone().expect("dict");
                let func = frame.peek(oparg as usize + 3).clone();
                crate::builtins::dict_merge(&d, &update, func.as_ref())?;
            }
            Opcode::UNPACK_SEQUENCE => {
                let seq = frame.pop();
                unpack(frame, &seq, oparg as usize, None)?;
            }
            Opcode::UNPACK_EX => {
                let seq = frame.pop();
                unpack(
                    frame,
                    &seq,
                    (oparg & 0xFF) as usize,
                    Some((oparg >> 8) as usize),
                )?;
            }
            Opcode::CALL => {
                do_call(frame, oparg as usize, None)?;
                switch_check::<TRACED>(frame)?;
            }
            Opcode::CALL_KW => {
                let kwnames = frame.pop();
                do_call(frame, oparg as usize, Some(&kwnames))?;
                switch_check::<TRACED>(frame)?;
            }
            Opcode::CALL_FUNCTION_EX => {
                call_function_ex(frame, oparg & 1 != 0)?;
                switch_check::<TRACED>(frame)?;
            }
            Opcode::CALL_INTRINSIC_1 => {
                let v = frame.pop();
                let r = intrinsic1(frame, oparg, v)?;
                frame.push(r);
            }
            Opcode::CALL_INTRINSIC_2 => {
                let v1 = frame.pop();
                let v2 = frame.pop();
                let r = crate::typing::intrinsic2(oparg, v2, v1)?;
                frame.push(r);
            }
            Opcode::MAKE_FUNCTION => {
                let code_obj = frame.pop();
                let f = crate::function::new_function(code_obj, frame.globals.clone())?;
                frame.push(f);
            }
            Opcode::SET_FUNCTION_ATTRIBUTE => {
                let f = frame.pop();
                let attr = frame.pop();
                if let Some(fd) = f.downcast::<FunctionData>() {
                    match oparg {
                        1 => *fd.defaults.borrow_mut() = Some(attr),
                        2 => *fd.kwdefaults.borrow_mut() = Some(attr),
                        4 => *fd.annotations.borrow_mut() = Some(attr),
                        8 => *fd.closure.borrow_mut() = Some(attr),
                        _ => {}
                    }
                }
                frame.push(f);
            }
            Opcode::LOAD_BUILD_CLASS => {
                let bc = match dict_of(&frame.builtins) {
                    Some(b) => b.get_str(&pystr::intern("__build_class__")),
                    None => None,
                };
                match bc {
                    Some(f) => frame.push(f),
                    None => return Err(PyErr::name_error("__build_class__ not found")),
                }
            }
            Opcode::SETUP_ANNOTATIONS => {
                let locals = locals_of(frame, "setting up annotations")?;
                let key = pystr::intern("__annotations__");
                if mapping_get(&locals, &key)?.is_none() {
                    protocol::setitem(&locals, &key, Some(&dict::new()))?;
                }
            }
            Opcode::LOAD_ASSERTION_ERROR => frame.push(ExcKind::AssertionError.class().clone()),
            Opcode::RAISE_VARARGS => return Err(raise(frame, oparg)),
            Opcode::RERAISE => return Err(reraise(frame, oparg)),
            Opcode::PUSH_EXC_INFO => {
                let e = frame.pop();
                let prev = exc::set_handled(Some(e.clone()));
                frame.push(prev.unwrap_or_else(pyrs_objects::none));
                frame.push(e);
            }
            Opcode::POP_EXCEPT => {
                let prev = frame.pop();
                let restore = if is_none(&prev) { None } else { Some(prev) };
                let old = exc::set_handled(restore);
                drop(old);
            }
            Opcode::CHECK_EXC_MATCH => {
                let class = frame.pop();
                let e = frame.peek(1).clone().expect("exception");
                let m = exc::matches(&e, &class)?;
                frame.push(pyrs_objects::bool(m));
            }
            Opcode::CHECK_EG_MATCH => {
                let class = frame.pop();
                let e = frame.pop();
                let (rest, matched) = crate::exception_group::split(&e, &class)?;
                frame.push(rest);
                frame.push(matched);
            }
            Opcode::CLEANUP_THROW => {
                // [sub_iter, last_sent, exc] → [None, value] for StopIteration.
                let e = frame.pop();
                if pyrs_objects::typeobject::is_instance(&e, ExcKind::StopIteration.class()) {
                    drop(frame.pop_opt());
                    drop(frame.pop_opt());
                    let value = protocol::getattr(&e, &pystr::intern("value"))?;
                    frame.push(pyrs_objects::none());
                    frame.push(value);
                } else {
                    // A re-raise: the frame already has its traceback entry.
                    exc::mark_reraised(frame.lasti);
                    return Err(PyErr::from_value(e));
                }
            }
            Opcode::BEFORE_WITH => {
                let mgr = frame.pop();
                let (exit, res) = crate::builtins::enter_with(&mgr)?;
                frame.push(exit);
                frame.push(res);
            }
            Opcode::WITH_EXCEPT_START => {
                // [exit, lasti, prev_exc, val] → [..., res]
                let val = frame.peek(1).clone().expect("exception");
                let exit = frame.peek(4).clone().expect("exit");
                let tb = protocol::getattr(&val, &pystr::intern("__traceback__"))?;
                let r = protocol::call1(&exit, &[val.class().clone(), val, tb])?;
                frame.push(r);
            }
            Opcode::FORMAT_SIMPLE => {
                let v = frame.pop();
                let r = format_value(&v, None)?;
                frame.push(r);
            }
            Opcode::FORMAT_WITH_SPEC => {
                let spec = frame.pop();
                let v = frame.pop();
                let r = format_value(&v, Some(&spec))?;
                frame.push(r);
            }
            Opcode::CONVERT_VALUE => {
                let v = frame.pop();
                let r = match oparg {
                    1 => protocol::str(&v)?,
                    2 => protocol::repr(&v)?,
                    3 => crate::builtins::ascii(&v)?,
                    _ => v,
                };
                frame.push(r);
            }
            Opcode::IMPORT_NAME => {
                let name = code.names[oparg as usize].clone();
                import_name(frame, &name)?;
            }
            Opcode::IMPORT_FROM => {
                let name = &code.names[oparg as usize];
                let module = frame.peek(1).clone().expect("module");
                let v = crate::import::import_from(&module, name)?;
                frame.push(v);
            }
            Opcode::RETURN_GENERATOR => return Ok(Exit::Generator),
            Opcode::YIELD_VALUE => return Ok(Exit::Yield(frame.pop())),
            Opcode::SEND => {
                let v = frame.pop();
                let receiver = frame.peek(1).clone().expect("receiver");
                match crate::generator::send(&receiver, v)? {
                    crate::generator::Sent::Yielded(y) => frame.push(y),
                    crate::generator::Sent::Returned(r) => {
                        frame.push(r);
                        frame.ip += oparg as usize;
                    }
                }
            }
            Opcode::GET_AWAITABLE => {
                let v = frame.pop();
                let a = crate::generator::get_awaitable(&v, oparg)?;
                frame.push(a);
            }
            Opcode::GET_AITER
            | Opcode::GET_ANEXT
            | Opcode::BEFORE_ASYNC_WITH
            | Opcode::END_ASYNC_FOR => {
                crate::generator::async_op(frame, op)?;
            }
            Opcode::EXIT_INIT_CHECK => {
                let v = frame.pop();
                if !is_none(&v) {
                    return Err(PyErr::type_error(format!(
                        "__init__() should return None, not '{}'",
                        v.type_data().name()
                    )));
                }
            }
            Opcode::MATCH_MAPPING
            | Opcode::MATCH_SEQUENCE
            | Opcode::MATCH_KEYS
            | Opcode::MATCH_CLASS => {
                crate::matching::execute(frame, op, oparg)?;
            }
            _ => {
                return Err(PyErr::system_error(format!(
                    "unsupported instruction {}",
                    op.name()
                )))
            }
        }
    }
}

#[inline]
fn truth(v: &Value) -> PyResult<bool> {
    let t = types();
    if v.is(&t.true_) {
        return Ok(true);
    }
    if v.is(&t.false_) {
        return Ok(false);
    }
    protocol::is_true(v)
}
