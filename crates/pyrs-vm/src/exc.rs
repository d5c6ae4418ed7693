//! Raising and handling exceptions (CPython's Python/errors.c and traceback.c): the
//! exception being handled (`sys.exception()`), implicit chaining (`__context__`), traceback
//! entries added as an exception leaves each frame, and the `traceback` objects Python code
//! sees (their `tb_frame` is the frame's [`crate::frameobject`]).

use std::cell::{Cell, RefCell};
use std::sync::OnceLock;

use pyrs_objects::exceptions::BaseExceptionData;
use pyrs_objects::native::{MethodDef, MethodKind};
use pyrs_objects::object::Payload;
use pyrs_objects::typeobject::{is_subtype, type_data, TypeBuilder};
use pyrs_objects::{int, protocol, ExcKind, PyErr, PyResult, SyncCell, Value};

use crate::frame::Frame;

static HANDLED: SyncCell<RefCell<Option<Value>>> = SyncCell(RefCell::new(None));

/// The exception being handled (`sys.exception()`), if any.
pub fn handled() -> Option<Value> {
    HANDLED.0.borrow().clone()
}

/// Replaces the exception being handled, returning the previous one.
pub fn set_handled(v: Option<Value>) -> Option<Value> {
    std::mem::replace(&mut *HANDLED.0.borrow_mut(), v)
}

static RERAISED: SyncCell<Cell<Option<usize>>> = SyncCell(Cell::new(None));

/// Notes that the error about to leave the instruction at code unit `lasti` is a re-raise
/// (RERAISE, bare `raise`): the loop then adds no traceback entry for it.
pub fn mark_reraised(lasti: usize) {
    RERAISED.0.set(Some(lasti));
}

/// The re-raising instruction noted by [`mark_reraised`], clearing it.
pub fn take_reraised() -> Option<usize> {
    RERAISED.0.take()
}

/// The payload of a `traceback`.
pub struct TracebackData {
    /// `tb_frame`.
    pub frame: Value,
    /// `tb_lasti` (code unit index of the instruction).
    pub lasti: usize,
    /// `tb_lineno`.
    pub lineno: u32,
    /// `tb_next`.
    pub next: RefCell<Option<Value>>,
}

impl Payload for TracebackData {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.frame);
        if let Ok(v) = self.next.try_borrow() {
            if let Some(v) = v.as_ref() {
                visit(v);
            }
        }
    }

    fn clear(&self) {
        let old = self.next.try_borrow_mut().map(|mut v| v.take());
        drop(old);
    }
}

struct Types {
    traceback: Value,
}

static TYPES: OnceLock<SyncCell<Types>> = OnceLock::new();

fn types() -> &'static Types {
    &TYPES
        .get_or_init(|| {
            SyncCell(Types {
                traceback: TypeBuilder::new::<TracebackData>("traceback")
                    .methods(TRACEBACK_METHODS)
                    .build(),
            })
        })
        .0
}

/// The `traceback` type.
pub fn traceback_type() -> &'static Value {
    &types().traceback
}

/// The `frame` type.
pub fn frame_type() -> &'static Value {
    crate::frameobject::frame_type()
}

/// The frame object of a running frame ([`crate::frameobject::get`]).
pub fn frame_object(frame: &Frame) -> Value {
    crate::frameobject::get(frame)
}

/// Records that `err` is passing through `frame` at its current instruction: a new
/// traceback entry in front of the exception's `__traceback__`.
pub fn add_traceback(err: &PyErr, frame: &Frame) {
    let Some(data) = err.value().downcast::<BaseExceptionData>() else {
        return;
    };
    let next = data.traceback.borrow().clone();
    let tb = pyrs_objects::object::alloc(
        traceback_type(),
        TracebackData {
            frame: crate::frameobject::get(frame),
            lasti: frame.lasti,
            lineno: frame.lineno(),
            next: RefCell::new(next),
        },
    );
    *data.traceback.borrow_mut() = Some(tb);
}

/// Sets `__context__` of a newly raised exception to the exception being handled (CPython's
/// `_PyErr_SetObject`), breaking any cycle that would make.
pub fn chain_context(err: &PyErr) {
    let Some(handled) = handled() else {
        return;
    };
    let exc = err.value();
    if handled.is(exc) {
        return;
    }
    let Some(data) = exc.downcast::<BaseExceptionData>() else {
        return;
    };
    // Avoid a cycle: if `exc` is already in the handled exception's context chain, cut it
    // there.
    let mut o = handled.clone();
    while let Some(od) = o.downcast::<BaseExceptionData>() {
        let ctx = od.context.borrow().clone();
        match ctx {
            Some(c) if c.is(exc) => {
                *od.context.borrow_mut() = None;
                break;
            }
            Some(c) => o = c,
            None => break,
        }
    }
    let old = data.context.borrow_mut().replace(handled);
    drop(old);
}

/// Whether the exception has no traceback yet (it was just raised).
pub fn is_fresh(err: &PyErr) -> bool {
    err.value()
        .downcast::<BaseExceptionData>()
        .is_some_and(|d| d.traceback.borrow().is_none())
}

/// The exception `raise X` raises: an instance, or a class called with no arguments;
/// TypeError "exceptions must derive from BaseException" for anything else.
pub fn make_exception(x: &Value) -> PyResult<Value> {
    let base = ExcKind::BaseException.class();
    if type_data(x).is_some() {
        if is_subtype(x, base) {
            let inst = protocol::call1(x, &[])?;
            if !is_subtype(inst.class(), base) {
                return Err(PyErr::type_error(format!(
                    "calling {} should have returned an instance of BaseException, not {}",
                    protocol::repr_string(x)?,
                    inst.type_data().name()
                )));
            }
            return Ok(inst);
        }
    } else if is_subtype(x.class(), base) {
        return Ok(x.clone());
    }
    Err(PyErr::type_error(
        "exceptions must derive from BaseException",
    ))
}

/// Whether `exc` matches the `except` clause's `class` (a class or a tuple of classes).
pub fn matches(exc: &Value, class: &Value) -> PyResult<bool> {
    if let Some(items) = pyrs_objects::tuple::items_of(class) {
        for c in items {
            check_catchable(c)?;
        }
        return Ok(items.iter().any(|c| is_subtype(exc.class(), c)));
    }
    check_catchable(class)?;
    Ok(is_subtype(exc.class(), class))
}

fn check_catchable(class: &Value) -> PyResult<()> {
    if type_data(class).is_some() && is_subtype(class, ExcKind::BaseException.class()) {
        return Ok(());
    }
    Err(PyErr::type_error(
        "catching classes that do not inherit from BaseException is not allowed",
    ))
}

fn tb(v: &Value) -> PyResult<&TracebackData> {
    v.downcast::<TracebackData>()
        .ok_or_else(|| PyErr::type_error("bad traceback"))
}

fn tb_frame(v: &Value) -> PyResult<Value> {
    Ok(tb(v)?.frame.clone())
}

fn tb_lineno(v: &Value) -> PyResult<Value> {
    Ok(int::from_i64(tb(v)?.lineno as i64))
}

fn tb_lasti(v: &Value) -> PyResult<Value> {
    Ok(int::from_usize(tb(v)?.lasti * 2))
}

fn tb_next(v: &Value) -> PyResult<Value> {
    Ok(tb(v)?
        .next
        .borrow()
        .clone()
        .unwrap_or_else(pyrs_objects::none))
}

fn set_tb_next(v: &Value, next: Option<&Value>) -> PyResult<()> {
    let next = next.filter(|n| !protocol::is_none(n)).cloned();
    if let Some(n) = &next {
        if n.downcast::<TracebackData>().is_none() {
            return Err(PyErr::type_error(format!(
                "expected traceback object or None, got '{}'",
                n.type_data().name()
            )));
        }
    }
    *tb(v)?.next.borrow_mut() = next;
    Ok(())
}

const TRACEBACK_METHODS: &[MethodDef] = &[
    MethodDef::new("tb_frame", MethodKind::GetSet(tb_frame, None)),
    MethodDef::new("tb_lineno", MethodKind::GetSet(tb_lineno, None)),
    MethodDef::new("tb_lasti", MethodKind::GetSet(tb_lasti, None)),
    MethodDef::new("tb_next", MethodKind::GetSet(tb_next, Some(set_tb_next))),
];
