//! The `frame` object Python code sees (CPython's Objects/frameobject.c): made lazily for a
//! running [`Frame`] (by `sys._getframe()`, a traceback entry, a trace function's event), it
//! reads the live frame while that runs, and keeps what it needs (the fast locals, the last
//! instruction, the calling frame) when the frame ends while the object is still referenced,
//! as CPython's `PyFrameObject` takes over its `_PyInterpreterFrame`.
//!
//! Also `FrameLocalsProxy` (PEP 667): `f_locals` of a function's frame, a mapping that reads
//! and writes the frame's fast locals.

use std::cell::{Cell, RefCell};
use std::sync::OnceLock;

use pyrs_bytecode::LocalKind;
use pyrs_objects::dict::DictData;
use pyrs_objects::native::{MethodDef, MethodKind};
use pyrs_objects::object::Payload;
use pyrs_objects::typeobject::{TypeBuilder, TypeFlags};
use pyrs_objects::{
    dict, int, list, protocol, str as pystr, Args, PyErr, PyResult, SyncCell, Value,
};

use crate::code::CodeData;
use crate::frame::Frame;
use crate::function::CellData;

/// The payload of a `frame` object.
pub struct FrameObject {
    /// The running frame, or null once it ended (then the fields below hold its state).
    frame: Cell<*const Frame>,
    /// `f_code`.
    pub code: Value,
    /// `f_globals`.
    pub globals: Value,
    /// `f_builtins`.
    pub builtins: Value,
    /// The locals mapping of a module or class body (`None` for an optimized frame, whose
    /// `f_locals` is a `FrameLocalsProxy`).
    pub locals: Option<Value>,
    /// The fast locals (cells included) the frame had when it ended.
    owned: RefCell<Vec<Option<Value>>>,
    /// The code unit index of the last instruction, once the frame ended.
    lasti: Cell<usize>,
    /// The calling frame's object, once the frame ended.
    back: RefCell<Option<Value>>,
    /// `f_trace`.
    trace: RefCell<Option<Value>>,
    /// `f_trace_lines`.
    trace_lines: Cell<bool>,
    /// `f_trace_opcodes`.
    trace_opcodes: Cell<bool>,
    /// Whether 'opcode' events were switched on: by setting `f_trace_opcodes` while
    /// `f_trace` is set, or by a trace event while `f_trace_opcodes` is set (as CPython
    /// instruments the code then).
    opcodes_on: Cell<bool>,
    /// Names a `FrameLocalsProxy` stored that are not fast locals of the code.
    extra: RefCell<Option<Value>>,
}

impl Payload for FrameObject {
    const GC: bool = true;

    /// What the object owns: the running frame's slots belong to the frame, not to it.
    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.code);
        visit(&self.globals);
        visit(&self.builtins);
        if let Some(l) = &self.locals {
            visit(l);
        }
        if let Ok(owned) = self.owned.try_borrow() {
            for v in owned.iter().flatten() {
                visit(v);
            }
        }
        for cell in [&self.back, &self.trace, &self.extra] {
            if let Ok(v) = cell.try_borrow() {
                if let Some(v) = v.as_ref() {
                    visit(v);
                }
            }
        }
    }

    fn clear(&self) {
        let owned = self
            .owned
            .try_borrow_mut()
            .map(|mut o| std::mem::take(&mut *o));
        drop(owned);
        for cell in [&self.back, &self.trace, &self.extra] {
            let old = cell.try_borrow_mut().map(|mut v| v.take());
            drop(old);
        }
    }
}

impl FrameObject {
    /// The running frame, if the frame has not ended.
    pub(crate) fn live(&self) -> Option<&Frame> {
        // SAFETY: the frame clears this pointer before it ends, and refreshes it whenever
        // it may have moved (it starts running, its object is asked for).
        unsafe { self.frame.get().as_ref() }
    }

    fn code_data(&self) -> &CodeData {
        self.code
            .downcast::<CodeData>()
            .expect("frame of a code object")
    }

    /// The code unit index of the instruction being (or last) executed.
    pub fn lasti(&self) -> usize {
        match self.live() {
            Some(f) => f.lasti,
            None => self.lasti.get(),
        }
    }

    /// `f_lineno`.
    pub fn lineno(&self) -> u32 {
        let code = &self.code_data().code;
        code.line_at(self.lasti() as u32)
            .unwrap_or(code.firstlineno)
    }

    /// `f_trace`.
    pub(crate) fn trace(&self) -> Option<Value> {
        self.trace.borrow().clone()
    }

    /// Sets `f_trace` (`None` clears it).
    pub(crate) fn set_trace(&self, v: Option<Value>) {
        let old = std::mem::replace(&mut *self.trace.borrow_mut(), v);
        drop(old);
    }

    /// `f_trace_lines`.
    pub(crate) fn trace_lines(&self) -> bool {
        self.trace_lines.get()
    }

    /// `f_trace_opcodes`.
    pub(crate) fn trace_opcodes(&self) -> bool {
        self.trace_opcodes.get()
    }

    /// Whether 'opcode' events fire now.
    pub(crate) fn opcodes_on(&self) -> bool {
        self.opcodes_on.get() && self.trace_opcodes.get()
    }

    /// A trace event is about to be reported: 'opcode' events start if asked for.
    pub(crate) fn note_event(&self) {
        if self.trace_opcodes.get() {
            self.opcodes_on.set(true);
        }
    }

    /// Fast local `i` (a cell's content for cells and free variables).
    fn fast_local(&self, i: usize) -> Option<Value> {
        let code = self.code_data();
        let v = match self.live() {
            Some(f) => f.local(i).clone(),
            None => self.owned.borrow().get(i).cloned().flatten(),
        };
        if code.kinds[i].contains(LocalKind::CELL) || code.kinds[i].contains(LocalKind::FREE) {
            // Before MAKE_CELL runs, a cell slot still holds the plain argument.
            return match v {
                Some(c) => match c.downcast::<CellData>() {
                    Some(cell) => cell.get(),
                    None => Some(c),
                },
                None => None,
            };
        }
        v
    }

    /// Stores fast local `i` (into its cell for cells and free variables).
    fn set_fast_local(&self, i: usize, v: Value) {
        let code = self.code_data();
        let current = match self.live() {
            Some(f) => f.local(i).clone(),
            None => self.owned.borrow().get(i).cloned().flatten(),
        };
        if code.kinds[i].contains(LocalKind::CELL) || code.kinds[i].contains(LocalKind::FREE) {
            if let Some(cell) = current.as_ref().and_then(|c| c.downcast::<CellData>()) {
                cell.set(Some(v));
                return;
            }
        }
        drop(current);
        let old = match self.live() {
            Some(f) => {
                // SAFETY: the frame is running below the caller; the evaluation loop holds
                // no reference into its fast locals across a call (only into its stack).
                let f = f as *const Frame as *mut Frame;
                unsafe { (*f).set_local(i, Some(v)) }
            }
            None => {
                let mut owned = self.owned.borrow_mut();
                match owned.get_mut(i) {
                    Some(slot) => slot.replace(v),
                    None => Some(v),
                }
            }
        };
        drop(old);
    }

    /// Binds None to every unbound fast local of the running frame (before an `f_lineno`
    /// jump).
    pub(crate) fn bind_unbound_to_none(&self) {
        let Some(f) = self.live() else {
            return;
        };
        let f = f as *const Frame as *mut Frame;
        // SAFETY: as in `set_fast_local`.
        let n = unsafe { (*f).code().nlocalsplus() };
        for i in 0..n {
            // SAFETY: as above.
            unsafe {
                if (*f).local(i).is_none() {
                    (*f).set_local(i, Some(pyrs_objects::none()));
                }
            }
        }
    }

    /// The index of the fast local named `name`, if the code has one visible to `f_locals`.
    fn local_index(&self, name: &Value) -> PyResult<Option<usize>> {
        let code = self.code_data();
        for (i, n) in code.localsplus.iter().enumerate() {
            if code.kinds[i].contains(LocalKind::HIDDEN) {
                continue;
            }
            if n.is(name) || protocol::eq(n, name)? {
                return Ok(Some(i));
            }
        }
        Ok(None)
    }

    /// The visible fast locals that hold values, in code order, then the extra names.
    fn items(&self) -> Vec<(Value, Value)> {
        let code = self.code_data();
        let mut out = Vec::new();
        for (i, n) in code.localsplus.iter().enumerate() {
            if code.kinds[i].contains(LocalKind::HIDDEN) {
                continue;
            }
            if let Some(v) = self.fast_local(i) {
                out.push((n.clone(), v));
            }
        }
        let extra = self.extra.borrow().clone();
        if let Some(d) = extra.as_ref().and_then(|d| d.downcast::<DictData>()) {
            out.extend(d.items());
        }
        out
    }

    /// A dict of the frame's locals: the mapping of a module or class body, or a fresh
    /// snapshot of an optimized frame's fast locals (what tracebacks' suggestions read).
    pub fn locals_snapshot(&self) -> Value {
        if let Some(l) = &self.locals {
            return l.clone();
        }
        let d = dict::new();
        let dd = d.downcast::<DictData>().expect("dict");
        for (k, v) in self.items() {
            let _ = dd.set_item(k, v);
        }
        d
    }
}

struct Types {
    frame: Value,
    proxy: Value,
}

static TYPES: OnceLock<SyncCell<Types>> = OnceLock::new();

fn types() -> &'static Types {
    &TYPES
        .get_or_init(|| {
            SyncCell(Types {
                frame: TypeBuilder::new::<FrameObject>("frame")
                    .flags(TypeFlags::MANAGED_WEAKREF)
                    .slots(|s| s.repr.set(Some(frame_repr)))
                    .methods(FRAME_METHODS)
                    .build(),
                proxy: TypeBuilder::new::<ProxyData>("FrameLocalsProxy")
                    .slots(|s| {
                        s.repr.set(Some(proxy_repr));
                        s.len.set(Some(|p| Ok(proxy_frame(p)?.items().len())));
                        s.getitem.set(Some(proxy_getitem));
                        s.setitem.set(Some(proxy_setitem));
                        s.contains.set(Some(|p, k| Ok(proxy_get(p, k)?.is_some())));
                        s.iter.set(Some(|p| {
                            let keys = proxy_frame(p)?.items().into_iter().map(|(k, _)| k);
                            protocol::iter(&list::new(keys.collect()))
                        }));
                    })
                    .methods(PROXY_METHODS)
                    .build(),
            })
        })
        .0
}

/// The `frame` type.
pub fn frame_type() -> &'static Value {
    &types().frame
}

/// The frame object of a running frame, made on first request (CPython's
/// `_PyFrame_GetFrameObject`).
pub fn get(frame: &Frame) -> Value {
    let existing = frame.frame_obj.take();
    let fo = existing.unwrap_or_else(|| {
        pyrs_objects::object::alloc(
            frame_type(),
            FrameObject {
                frame: Cell::new(std::ptr::null()),
                code: frame.code.clone(),
                globals: frame.globals.clone(),
                builtins: frame.builtins.clone(),
                locals: frame.locals.clone(),
                owned: RefCell::new(Vec::new()),
                lasti: Cell::new(0),
                back: RefCell::new(None),
                trace: RefCell::new(None),
                trace_lines: Cell::new(true),
                trace_opcodes: Cell::new(false),
                opcodes_on: Cell::new(false),
                extra: RefCell::new(None),
            },
        )
    });
    if let Some(d) = fo.downcast::<FrameObject>() {
        d.frame.set(frame as *const Frame);
    }
    frame.frame_obj.set(Some(fo.clone()));
    fo
}

/// Whether a frame object was made for `frame` (a read, no reference count change).
#[inline(always)]
fn has_object(frame: &Frame) -> bool {
    // SAFETY: a plain read of the cell; nothing else touches it during the read.
    unsafe { (*frame.frame_obj.as_ptr()).is_some() }
}

/// The frame object of `frame` if one was made.
pub(crate) fn existing(frame: &Frame) -> Option<Value> {
    if !has_object(frame) {
        return None;
    }
    let fo = frame.frame_obj.take();
    let out = fo.clone();
    frame.frame_obj.set(fo);
    out
}

/// The frame returned or raised (it will not run again): its object, if any, remembers
/// the caller for `f_back` (a suspended generator's frame has none).
#[inline(always)]
pub(crate) fn finish(frame: &Frame) {
    if has_object(frame) {
        finish_object(frame);
    }
}

#[cold]
fn finish_object(frame: &Frame) {
    let fo = frame.frame_obj.take();
    if let Some(fo) = &fo {
        record_back(fo, frame.back);
    }
    frame.frame_obj.set(fo);
}

#[cold]
fn record_back(fo: &Value, back: *const Frame) {
    let Some(d) = fo.downcast::<FrameObject>() else {
        return;
    };
    // SAFETY: the caller is still running below the frame that finishes.
    let back = unsafe { back.as_ref() }.map(get);
    let old = std::mem::replace(&mut *d.back.borrow_mut(), back);
    drop(old);
}

/// The frame ends while its object lives on: the object takes over its fast locals and
/// last instruction (CPython's `take_ownership`).
pub(crate) fn take_ownership(fo: Value, frame: &Frame) {
    let Some(d) = fo.downcast::<FrameObject>() else {
        return;
    };
    d.frame.set(std::ptr::null());
    d.lasti.set(frame.lasti);
    if fo.refcount() > 1 {
        let n = frame.code().nlocalsplus();
        let locals: Vec<Option<Value>> = (0..n).map(|i| frame.local(i).clone()).collect();
        let old = std::mem::replace(&mut *d.owned.borrow_mut(), locals);
        drop(old);
    } else {
        let old = d.back.borrow_mut().take();
        drop(old);
    }
}

fn fr(v: &Value) -> PyResult<&FrameObject> {
    v.downcast::<FrameObject>()
        .ok_or_else(|| PyErr::type_error("descriptor requires a 'frame' object"))
}

fn frame_repr(v: &Value) -> PyResult<Value> {
    let f = fr(v)?;
    let c = f.code_data();
    let file = pystr::text_of(&c.filename).unwrap_or_default();
    let file = protocol::repr_string(&pystr::new(&file))?;
    Ok(pystr::new(&format!(
        "<frame at {:#x}, file {file}, line {}, code {}>",
        v.word(),
        f.lineno(),
        c.code.name
    )))
}

fn f_code(v: &Value) -> PyResult<Value> {
    Ok(fr(v)?.code.clone())
}

fn f_globals(v: &Value) -> PyResult<Value> {
    Ok(fr(v)?.globals.clone())
}

fn f_builtins(v: &Value) -> PyResult<Value> {
    Ok(fr(v)?.builtins.clone())
}

fn f_locals(v: &Value) -> PyResult<Value> {
    let f = fr(v)?;
    if let Some(l) = &f.locals {
        return Ok(l.clone());
    }
    Ok(pyrs_objects::object::alloc(
        &types().proxy,
        ProxyData { frame: v.clone() },
    ))
}

fn f_lineno(v: &Value) -> PyResult<Value> {
    Ok(int::from_i64(fr(v)?.lineno() as i64))
}

fn set_f_lineno(v: &Value, new: Option<&Value>) -> PyResult<()> {
    let f = fr(v)?;
    let Some(new) = new else {
        return Err(PyErr::new(
            pyrs_objects::ExcKind::AttributeError,
            "cannot delete attribute",
        ));
    };
    crate::tracing::set_lineno(v, f, new)
}

fn f_lasti(v: &Value) -> PyResult<Value> {
    Ok(int::from_usize(fr(v)?.lasti() * 2))
}

fn f_back(v: &Value) -> PyResult<Value> {
    let f = fr(v)?;
    let back = match f.live() {
        // SAFETY: a running frame's `back` is a frame still running below it (or null:
        // the outermost frame, or a suspended generator's).
        Some(frame) => unsafe { frame.back.as_ref() }.map(get),
        None => f.back.borrow().clone(),
    };
    Ok(back.unwrap_or_else(pyrs_objects::none))
}

fn f_trace(v: &Value) -> PyResult<Value> {
    Ok(fr(v)?.trace().unwrap_or_else(pyrs_objects::none))
}

fn set_f_trace(v: &Value, new: Option<&Value>) -> PyResult<()> {
    let f = fr(v)?;
    let new = new.filter(|t| !protocol::is_none(t)).cloned();
    f.set_trace(new);
    Ok(())
}

fn f_trace_lines(v: &Value) -> PyResult<Value> {
    Ok(pyrs_objects::bool(fr(v)?.trace_lines.get()))
}

/// The value of a bool attribute (a `T_BOOL` member in CPython).
fn bool_value(new: Option<&Value>) -> PyResult<bool> {
    match new {
        Some(b) if b.is_exact(&pyrs_objects::types().bool) => protocol::is_true(b),
        Some(_) => Err(PyErr::type_error("attribute value type must be bool")),
        None => Err(PyErr::type_error("can't delete numeric/char attribute")),
    }
}

fn set_f_trace_lines(v: &Value, new: Option<&Value>) -> PyResult<()> {
    let b = bool_value(new)?;
    fr(v)?.trace_lines.set(b);
    Ok(())
}

fn f_trace_opcodes(v: &Value) -> PyResult<Value> {
    Ok(pyrs_objects::bool(fr(v)?.trace_opcodes.get()))
}

fn set_f_trace_opcodes(v: &Value, new: Option<&Value>) -> PyResult<()> {
    let b = bool_value(new)?;
    let f = fr(v)?;
    f.trace_opcodes.set(b);
    if b && f.trace.borrow().is_some() {
        f.opcodes_on.set(true);
    }
    Ok(())
}

/// `frame.clear()`: drops the locals of a frame that ended; a running frame refuses.
fn clear(args: Args<'_>) -> PyResult<Value> {
    let this = args.pos().first().cloned().ok_or_else(|| {
        PyErr::type_error("descriptor 'clear' of 'frame' object needs an argument")
    })?;
    let f = fr(&this)?;
    if let Some(frame) = f.live() {
        let executing = std::iter::successors(crate::frame::current(), |fr| {
            // SAFETY: a running frame's `back` is a frame still running below it.
            unsafe { fr.back.as_ref() }
        })
        .any(|fr| std::ptr::eq(fr, frame));
        return Err(PyErr::runtime_error(if executing {
            "cannot clear an executing frame"
        } else {
            "cannot clear a suspended frame"
        }));
    }
    let owned = std::mem::take(&mut *f.owned.borrow_mut());
    drop(owned);
    f.set_trace(None);
    let extra = f.extra.borrow_mut().take();
    drop(extra);
    Ok(pyrs_objects::none())
}

const FRAME_METHODS: &[MethodDef] = &[
    MethodDef::new("f_code", MethodKind::GetSet(f_code, None)),
    MethodDef::new("f_globals", MethodKind::GetSet(f_globals, None)),
    MethodDef::new("f_builtins", MethodKind::GetSet(f_builtins, None)),
    MethodDef::new("f_locals", MethodKind::GetSet(f_locals, None)),
    MethodDef::new("f_lineno", MethodKind::GetSet(f_lineno, Some(set_f_lineno))),
    MethodDef::new("f_back", MethodKind::GetSet(f_back, None)),
    MethodDef::new("f_lasti", MethodKind::GetSet(f_lasti, None)),
    MethodDef::new("f_trace", MethodKind::GetSet(f_trace, Some(set_f_trace))),
    MethodDef::new(
        "f_trace_lines",
        MethodKind::GetSet(f_trace_lines, Some(set_f_trace_lines)),
    ),
    MethodDef::new(
        "f_trace_opcodes",
        MethodKind::GetSet(f_trace_opcodes, Some(set_f_trace_opcodes)),
    ),
    MethodDef::new("clear", MethodKind::Method(clear)),
];

/// The payload of a `FrameLocalsProxy`: the frame whose locals it shows.
pub struct ProxyData {
    frame: Value,
}

impl Payload for ProxyData {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.frame);
    }
}

fn proxy_frame(p: &Value) -> PyResult<&FrameObject> {
    let d = p
        .downcast::<ProxyData>()
        .ok_or_else(|| PyErr::type_error("expected a FrameLocalsProxy"))?;
    fr(&d.frame)
}

fn proxy_get(p: &Value, key: &Value) -> PyResult<Option<Value>> {
    let f = proxy_frame(p)?;
    if key.downcast::<pystr::StrData>().is_some() {
        if let Some(i) = f.local_index(key)? {
            return Ok(f.fast_local(i));
        }
    }
    let extra = f.extra.borrow().clone();
    match extra.as_ref().and_then(|d| d.downcast::<DictData>()) {
        Some(d) => d.get_item(key),
        None => Ok(None),
    }
}

fn proxy_getitem(p: &Value, key: &Value) -> PyResult<Value> {
    match proxy_get(p, key)? {
        Some(v) => Ok(v),
        None => Err(PyErr::key_error(pystr::new(&format!(
            "local variable '{}' is not defined",
            protocol::repr_string(key)?
        )))),
    }
}

fn proxy_setitem(p: &Value, key: &Value, value: Option<&Value>) -> PyResult<()> {
    let f = proxy_frame(p)?;
    let Some(value) = value else {
        return Err(PyErr::type_error(
            "cannot remove variables from FrameLocalsProxy",
        ));
    };
    if key.downcast::<pystr::StrData>().is_some() {
        if let Some(i) = f.local_index(key)? {
            f.set_fast_local(i, value.clone());
            return Ok(());
        }
    }
    let extra = {
        let mut e = f.extra.borrow_mut();
        e.get_or_insert_with(dict::new).clone()
    };
    extra
        .downcast::<DictData>()
        .expect("dict")
        .set_item(key.clone(), value.clone())
}

fn proxy_repr(p: &Value) -> PyResult<Value> {
    let Some(_guard) = pyrs_objects::repr_guard::enter(p)? else {
        return Ok(pystr::new("{...}"));
    };
    let d = proxy_frame(p)?.locals_snapshot();
    protocol::repr(&d)
}

fn proxy_this<'a>(args: &Args<'a>) -> PyResult<&'a Value> {
    args.pos()
        .first()
        .ok_or_else(|| PyErr::type_error("FrameLocalsProxy method needs an argument"))
}

fn proxy_keys(args: Args<'_>) -> PyResult<Value> {
    let f = proxy_frame(proxy_this(&args)?)?;
    Ok(list::new(f.items().into_iter().map(|(k, _)| k).collect()))
}

fn proxy_values(args: Args<'_>) -> PyResult<Value> {
    let f = proxy_frame(proxy_this(&args)?)?;
    Ok(list::new(f.items().into_iter().map(|(_, v)| v).collect()))
}

fn proxy_items(args: Args<'_>) -> PyResult<Value> {
    let f = proxy_frame(proxy_this(&args)?)?;
    Ok(list::new(
        f.items()
            .into_iter()
            .map(|(k, v)| pyrs_objects::tuple::new(vec![k, v]))
            .collect(),
    ))
}

fn proxy_get_method(args: Args<'_>) -> PyResult<Value> {
    let p = proxy_this(&args)?;
    let a = &args.pos()[1..];
    if a.is_empty() || a.len() > 2 {
        return Err(PyErr::type_error(format!(
            "get expected at least 1 argument, got {}",
            a.len()
        )));
    }
    Ok(
        proxy_get(p, &a[0])?
            .unwrap_or_else(|| a.get(1).cloned().unwrap_or_else(pyrs_objects::none)),
    )
}

fn proxy_copy(args: Args<'_>) -> PyResult<Value> {
    let f = proxy_frame(proxy_this(&args)?)?;
    let d = dict::new();
    let dd = d.downcast::<DictData>().expect("dict");
    for (k, v) in f.items() {
        dd.set_item(k, v)?;
    }
    Ok(d)
}

fn proxy_update(args: Args<'_>) -> PyResult<Value> {
    let p = proxy_this(&args)?;
    let Some(other) = args.pos().get(1) else {
        return Ok(pyrs_objects::none());
    };
    let src = dict::new();
    pyrs_objects::dict::update_from(src.downcast::<DictData>().expect("dict"), other)?;
    for (k, v) in src.downcast::<DictData>().expect("dict").items() {
        proxy_setitem(p, &k, Some(&v))?;
    }
    Ok(pyrs_objects::none())
}

fn proxy_setdefault(args: Args<'_>) -> PyResult<Value> {
    let p = proxy_this(&args)?;
    let a = &args.pos()[1..];
    if a.is_empty() {
        return Err(PyErr::type_error(
            "setdefault expected at least 1 argument, got 0",
        ));
    }
    if let Some(v) = proxy_get(p, &a[0])? {
        return Ok(v);
    }
    let v = a.get(1).cloned().unwrap_or_else(pyrs_objects::none);
    proxy_setitem(p, &a[0], Some(&v))?;
    Ok(v)
}

const PROXY_METHODS: &[MethodDef] = &[
    MethodDef::new("keys", MethodKind::Method(proxy_keys)),
    MethodDef::new("values", MethodKind::Method(proxy_values)),
    MethodDef::new("items", MethodKind::Method(proxy_items)),
    MethodDef::new("get", MethodKind::Method(proxy_get_method)),
    MethodDef::new("copy", MethodKind::Method(proxy_copy)),
    MethodDef::new("update", MethodKind::Method(proxy_update)),
    MethodDef::new("setdefault", MethodKind::Method(proxy_setdefault)),
];
