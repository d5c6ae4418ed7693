//! `sys.settrace` and `sys.setprofile` (CPython's Python/legacy_tracing.c over the events of
//! Python/instrumentation.c): the events a trace function sees ('call', 'line', 'return',
//! 'exception', 'opcode') and a profile function sees ('call', 'return', 'c_call',
//! 'c_return', 'c_exception'), and `frame.f_lineno` assignment from a 'line' event.
//!
//! Cost when nothing traces: the evaluation loop reads one flag ([`active`]) where it already
//! stops (a call's `RESUME`, a call's return, a loop's back edge). A frame whose `f_trace`
//! is set runs in the loop's traced variant, which calls [`instruction`] before each
//! instruction to decide on 'line' and 'opcode' events.

use std::cell::{Cell, OnceCell, RefCell};

use pyrs_bytecode::{exception_table, linetable, Opcode};
use pyrs_objects::{int, protocol, str as pystr, tuple, PyErr, PyResult, SyncCell, Value};

use crate::eval::Exit;
use crate::frame::Frame;
use crate::frameobject::{self, FrameObject};

const TRACE: u8 = 1;
const PROFILE: u8 = 2;

/// Which hooks are set: [`TRACE`], [`PROFILE`].
static ACTIVE: SyncCell<Cell<u8>> = SyncCell(Cell::new(0));

/// What a trace or profile function is being called for, while it runs (CPython's
/// `tstate->what_event`), which decides whether `f_lineno` may be set.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Event {
    None,
    Start,
    Resume,
    Line,
    Return,
    Exception,
    Opcode,
    Call,
}

/// A pending `f_lineno` assignment.
struct Jump {
    /// The code unit to continue at.
    target: usize,
    /// The stack depth there.
    depth: usize,
    /// The kinds of the values on the stack now.
    from: Vec<crate::jump::Kind>,
}

impl Jump {
    /// Moves the frame: pops what the target does not have, and continues there.
    fn apply(self, frame: &mut Frame) {
        crate::jump::unwind(frame, &self.from, self.depth);
        frame.ip = self.target;
    }
}

struct State {
    trace: RefCell<Option<Value>>,
    profile: RefCell<Option<Value>>,
    /// Set while a hook runs: no events fire inside it (`tstate->tracing`).
    in_hook: Cell<bool>,
    event: Cell<Event>,
    /// The frame of the event being reported.
    event_frame: Cell<*const Frame>,
    /// Set by `f_lineno` assignment: where the traced frame continues, applied once the
    /// trace function returned.
    jump: Cell<Option<Jump>>,
    /// Where a jump from a 'call' event moved a frame: its first instruction starts no
    /// line event, as after a jump from a 'line' event.
    jumped_to: Cell<Option<usize>>,
    /// Set when the untraced loop stops so that the traced one takes over.
    switch: Cell<bool>,
}

static STATE: SyncCell<State> = SyncCell(State {
    trace: RefCell::new(None),
    profile: RefCell::new(None),
    in_hook: Cell::new(false),
    event: Cell::new(Event::None),
    event_frame: Cell::new(std::ptr::null()),
    jump: Cell::new(None),
    jumped_to: Cell::new(None),
    switch: Cell::new(false),
});

fn state() -> &'static State {
    &STATE.0
}

/// Whether a trace or profile function is set.
#[inline(always)]
pub(crate) fn active() -> bool {
    ACTIVE.0.get() != 0
}

fn update_active() {
    let s = state();
    let mut bits = 0;
    if s.trace.borrow().is_some() {
        bits |= TRACE;
    }
    if s.profile.borrow().is_some() {
        bits |= PROFILE;
    }
    ACTIVE.0.set(bits);
}

/// `sys.settrace(f)` (`None` removes it).
pub fn set_trace(f: Option<Value>) {
    let old = std::mem::replace(&mut *state().trace.borrow_mut(), f);
    update_active();
    drop(old);
}

/// `sys.gettrace()`.
pub fn get_trace() -> Option<Value> {
    state().trace.borrow().clone()
}

/// `sys.setprofile(f)` (`None` removes it).
pub fn set_profile(f: Option<Value>) {
    let old = std::mem::replace(&mut *state().profile.borrow_mut(), f);
    update_active();
    drop(old);
}

/// `sys.getprofile()`.
pub fn get_profile() -> Option<Value> {
    state().profile.borrow().clone()
}

fn tracing_on() -> bool {
    ACTIVE.0.get() & TRACE != 0
}

fn profiling_on() -> bool {
    ACTIVE.0.get() & PROFILE != 0
}

/// The frame's `f_trace`, when a trace function is set and the frame has one.
fn local_trace(frame: &Frame) -> Option<(Value, Value)> {
    let fo = frameobject::existing(frame)?;
    let t = fo.downcast::<FrameObject>()?.trace()?;
    Some((fo, t))
}

/// Whether the frame should run in the traced loop.
pub(crate) fn frame_traced(frame: &Frame) -> bool {
    if !tracing_on() {
        return false;
    }
    frameobject::existing(frame)
        .and_then(|fo| {
            let d = fo.downcast::<FrameObject>()?;
            Some(d.trace().is_some() || d.trace_opcodes())
        })
        .unwrap_or(false)
}

/// Called by the untraced loop where it checks: when the frame now needs the traced loop,
/// returns the error value that makes `execute` switch (see [`take_switch`]).
#[inline]
pub(crate) fn check_switch(frame: &Frame) -> Option<PyErr> {
    if tracing_on() && frame_traced(frame) {
        state().switch.set(true);
        return Some(PyErr::system_error("switch to the traced loop"));
    }
    None
}

/// Whether the error `dispatch` returned is only the request to switch loops.
#[inline]
pub(crate) fn take_switch() -> bool {
    state().switch.replace(false)
}

/// Runs a hook with events off; its error clears the hook as CPython does.
fn call_hook(
    func: &Value,
    frame_obj: &Value,
    frame: &Frame,
    event: Event,
    name: &str,
    arg: Value,
) -> PyResult<Value> {
    let s = state();
    s.in_hook.set(true);
    let prev_event = s.event.replace(event);
    let prev_frame = s.event_frame.replace(frame as *const Frame);
    let r = protocol::call1(func, &[frame_obj.clone(), pystr::intern(name), arg]);
    s.event.set(prev_event);
    s.event_frame.set(prev_frame);
    s.in_hook.set(false);
    r
}

/// A trace event: the global function for 'call', else the frame's `f_trace`, whose result
/// (unless None) becomes the new `f_trace` (sysmodule.c's `trace_trampoline`).
fn trace_event(frame: &Frame, event: Event, name: &str, arg: Value) -> PyResult<()> {
    let s = state();
    if s.in_hook.get() || !tracing_on() {
        return Ok(());
    }
    let fo = frameobject::get(frame);
    let Some(fod) = fo.downcast::<FrameObject>() else {
        return Ok(());
    };
    let callback = if event == Event::Start || event == Event::Resume {
        get_trace()
    } else {
        fod.trace()
    };
    let Some(callback) = callback else {
        return Ok(());
    };
    if event != Event::Opcode {
        fod.note_event();
    }
    match call_hook(&callback, &fo, frame, event, name, arg) {
        Ok(r) => {
            if !protocol::is_none(&r) {
                fod.set_trace(Some(r));
            }
            Ok(())
        }
        Err(e) => {
            set_trace(None);
            fod.set_trace(None);
            Err(e)
        }
    }
}

/// A profile event: the profile function with the running frame.
fn profile_event(frame: &Frame, name: &str, arg: Value) -> PyResult<()> {
    let s = state();
    if s.in_hook.get() || !profiling_on() {
        return Ok(());
    }
    let Some(func) = get_profile() else {
        return Ok(());
    };
    let fo = frameobject::get(frame);
    match call_hook(&func, &fo, frame, Event::Call, name, arg) {
        Ok(_) => Ok(()),
        Err(e) => {
            set_profile(None);
            Err(e)
        }
    }
}

/// `RESUME` while a hook is set: the 'call' events (PY_START, or PY_RESUME for a generator
/// resumed). Returns whether the frame now needs the traced loop.
pub(crate) fn resume(frame: &mut Frame, oparg: u32) -> PyResult<bool> {
    let event = if oparg == 0 {
        Event::Start
    } else {
        Event::Resume
    };
    let s = state();
    drop(s.jump.take());
    let r = trace_event(frame, event, "call", pyrs_objects::none());
    match s.jump.take() {
        Some(jump) => {
            r?;
            s.jumped_to.set(Some(jump.target));
            jump.apply(frame);
        }
        None => r?,
    }
    profile_event(frame, "call", pyrs_objects::none())?;
    Ok(frame_traced(frame))
}

/// A generator's `throw()` enters the frame (PY_THROW): a 'call' event.
pub(crate) fn throw(frame: &Frame) -> PyResult<()> {
    trace_event(frame, Event::Resume, "call", pyrs_objects::none())?;
    profile_event(frame, "call", pyrs_objects::none())
}

/// The frame returns or yields: 'return' events.
pub(crate) fn exit(frame: &Frame, exit: &Exit) -> PyResult<()> {
    let value = match exit {
        Exit::Return(v) | Exit::Yield(v) => v.clone(),
        _ => return Ok(()),
    };
    if local_trace(frame).is_some() {
        trace_event(frame, Event::Return, "return", value.clone())?;
    }
    profile_event(frame, "return", value)
}

/// An exception leaves the frame (PY_UNWIND): 'return' events with None.
pub(crate) fn unwind(frame: &Frame) -> PyResult<()> {
    if local_trace(frame).is_some() {
        trace_event(frame, Event::Return, "return", pyrs_objects::none())?;
    }
    profile_event(frame, "return", pyrs_objects::none())
}

/// An exception is raised in the frame (RAISE): the 'exception' event with
/// `(type, value, traceback)`.
pub(crate) fn exception(frame: &Frame, err: &PyErr) -> PyResult<()> {
    if !tracing_on() || local_trace(frame).is_none() {
        return Ok(());
    }
    let exc = err.value().clone();
    let tb = protocol::getattr(&exc, &pystr::intern("__traceback__"))?;
    let arg = tuple::new(vec![exc.class().clone(), exc, tb]);
    trace_event(frame, Event::Exception, "exception", arg)
}

/// What a profile function's 'c_call' shows for a callable, if it is a built-in function
/// (or a method descriptor called with its `self`, shown bound).
fn c_function(callable: &Value, self_arg: Option<&Value>) -> Option<Value> {
    if callable
        .downcast::<pyrs_objects::native::BuiltinFunction>()
        .is_some()
    {
        return Some(callable.clone());
    }
    if callable
        .downcast::<pyrs_objects::native::MethodDescriptor>()
        .is_some()
    {
        let obj = self_arg?;
        let get = callable.type_data().slots.descr_get.get()?;
        return get(callable, Some(obj), Some(obj.class())).ok();
    }
    None
}

/// A call from the running frame while profiling: 'c_call', then 'c_return' or
/// 'c_exception', around a call of a built-in function.
pub(crate) fn profile_call(
    frame: &Frame,
    callable: &Value,
    self_arg: Option<&Value>,
    call: impl FnOnce() -> PyResult<Value>,
) -> PyResult<Value> {
    if !profiling_on() || state().in_hook.get() {
        return call();
    }
    let Some(shown) = c_function(callable, self_arg) else {
        return call();
    };
    profile_event(frame, "c_call", shown.clone())?;
    match call() {
        Ok(v) => {
            profile_event(frame, "c_return", shown)?;
            Ok(v)
        }
        Err(e) => {
            profile_event(frame, "c_exception", shown)?;
            Err(e)
        }
    }
}

/// Per code object: the line of each code unit and which instructions start a line
/// (Python/instrumentation.c's `initialize_lines`).
pub(crate) struct LineInfo {
    lines: Vec<i32>,
    starts: Vec<bool>,
}

fn line_info(code: &crate::code::CodeData) -> &LineInfo {
    code.line_info.get_or_init(|| build_line_info(code))
}

/// Storage for [`LineInfo`] in a code object.
pub(crate) type LineInfoCell = OnceCell<LineInfo>;

fn build_line_info(code: &crate::code::CodeData) -> LineInfo {
    let instrs = &code.instrs;
    let n = instrs.len();
    let mut lines = vec![-1i32; n];
    for (i, p) in linetable::positions(&code.code.linetable, code.code.firstlineno)
        .take(n)
        .enumerate()
    {
        lines[i] = p.lineno.map_or(-1, |l| l as i32);
    }
    let mut starts = vec![false; n];
    let first = instrs
        .iter()
        .position(|u| u.opcode == Opcode::RESUME as u8)
        .unwrap_or(0);
    let length = |i: usize| -> usize {
        let op = instrs[i].opcode;
        1 + Opcode::from_byte(op).map_or(0, |o| o.cache_entries() as usize)
    };
    // Pass 1: the first instruction of each run of one line.
    let mut current = -1;
    let mut i = first;
    while i < n {
        let op = Opcode::from_byte(instrs[i].opcode);
        let line = lines[i];
        match op {
            Some(Opcode::END_ASYNC_FOR | Opcode::END_FOR | Opcode::END_SEND | Opcode::RESUME) => {}
            _ => {
                if line != current && line >= 0 {
                    starts[i] = true;
                }
                current = line;
            }
        }
        i += length(i);
    }
    // Pass 2: jump targets.
    let mut i = first;
    while i < n {
        let mut oparg = 0usize;
        let mut j = i;
        while instrs[j].opcode == Opcode::EXTENDED_ARG as u8 && j + 1 < n {
            oparg = (oparg << 8) | instrs[j].arg as usize;
            j += 1;
        }
        oparg = (oparg << 8) | instrs[j].arg as usize;
        let next = j + length(j);
        let target = match Opcode::from_byte(instrs[j].opcode) {
            Some(
                Opcode::POP_JUMP_IF_FALSE
                | Opcode::POP_JUMP_IF_TRUE
                | Opcode::POP_JUMP_IF_NONE
                | Opcode::POP_JUMP_IF_NOT_NONE
                | Opcode::JUMP_FORWARD,
            ) => Some(next + oparg),
            Some(Opcode::FOR_ITER) => Some(next + oparg + 2),
            Some(Opcode::SEND) => Some(next + oparg),
            Some(Opcode::JUMP_BACKWARD | Opcode::JUMP_BACKWARD_NO_INTERRUPT) => {
                next.checked_sub(oparg)
            }
            _ => None,
        };
        if let Some(t) = target.filter(|&t| t < n && lines[t] >= 0) {
            starts[t] = true;
        }
        i = next;
    }
    // Pass 3: exception handlers.
    for entry in exception_table::decode(&code.code.exceptiontable) {
        let t = entry.target as usize;
        if t < n && lines[t] >= 0 && instrs[t].opcode != Opcode::END_ASYNC_FOR as u8 {
            starts[t] = true;
        }
    }
    LineInfo { lines, starts }
}

/// The opcode of the instruction starting at code unit `i` (past `EXTENDED_ARG`s).
fn opcode_at(code: &crate::code::CodeData, mut i: usize) -> u8 {
    let instrs = &code.instrs;
    while i + 1 < instrs.len() && instrs[i].opcode == Opcode::EXTENDED_ARG as u8 {
        i += 1;
    }
    instrs.get(i).map_or(0, |u| u.opcode)
}

/// Before each instruction of a traced frame: the 'line' event when the instruction starts
/// a line (or a loop jumped back within one line), and the 'opcode' event when
/// `f_trace_opcodes` is set. `start` is the instruction's first code unit, `prev` the
/// previous instruction's. Returns whether a trace function moved the frame (`f_lineno`
/// assignment): then `frame.ip` is where to go on.
pub(crate) fn instruction(frame: &mut Frame, start: usize, prev: &mut usize) -> PyResult<bool> {
    let mut p = std::mem::replace(prev, start);
    let s = state();
    if s.jumped_to.get().is_some() && s.jumped_to.take() == Some(start) {
        p = start;
    }
    if s.in_hook.get() || !tracing_on() {
        return Ok(false);
    }
    let Some((fo, _)) = local_trace(frame) else {
        return Ok(false);
    };
    let Some(fod) = fo.downcast::<FrameObject>() else {
        return Ok(false);
    };
    let code = frame.code_unbound();
    let info = line_info(code);
    let line = info.lines.get(start).copied().unwrap_or(-1);
    let fire_line = fod.trace_lines() && line >= 0 && {
        let prev_line = info.lines.get(p).copied().unwrap_or(-1);
        let prev_op = opcode_at(code, p);
        // A suspended generator's frame continues at the RESUME after its YIELD_VALUE; an
        // exception thrown in starts from there.
        let resumed = prev_op == Opcode::RESUME as u8 || prev_op == Opcode::YIELD_VALUE as u8;
        (info.starts[start] && (prev_line != line || resumed))
            || (prev_op == Opcode::JUMP_BACKWARD as u8 && p > start && prev_line == line)
    };
    if fire_line {
        drop(s.jump.take());
        let r = trace_event(frame, Event::Line, "line", pyrs_objects::none());
        if let Some(jump) = s.jump.take() {
            r?;
            *prev = jump.target;
            jump.apply(frame);
            return Ok(true);
        }
        r?;
    }
    if fod.opcodes_on() {
        trace_event(frame, Event::Opcode, "opcode", pyrs_objects::none())?;
    }
    Ok(false)
}

/// `frame.f_lineno = n`: only from a trace function's 'line' event of that frame; moves the
/// frame to the first instruction of line `n` (or the first line with code after it).
pub(crate) fn set_lineno(_fo: &Value, f: &FrameObject, new: &Value) -> PyResult<()> {
    let s = state();
    let event = if s.in_hook.get() {
        s.event.get()
    } else {
        Event::None
    };
    match event {
        Event::None => {
            return Err(PyErr::value_error(
                "f_lineno can only be set in a trace function",
            ))
        }
        Event::Line | Event::Resume => {}
        Event::Start => {
            return Err(PyErr::value_error(
                "can't jump from the 'call' trace event of a new frame",
            ))
        }
        Event::Call => return Err(PyErr::value_error("can't jump during a call")),
        Event::Return | Event::Exception | Event::Opcode => {
            return Err(PyErr::value_error(
                "can only jump from a 'line' trace event",
            ))
        }
    }
    if !new.is_exact(&pyrs_objects::types().int) {
        return Err(PyErr::value_error("lineno must be an integer"));
    }
    let requested = int::as_i64(new).unwrap_or(i64::MAX);
    let Some(frame) = f.live() else {
        return Err(PyErr::value_error(
            "f_lineno can only be set in a trace function",
        ));
    };
    if !std::ptr::eq(frame, s.event_frame.get()) {
        return Err(PyErr::value_error(
            "f_lineno can only be set in a trace function",
        ));
    }
    let code = frame.code_unbound();
    let firstlineno = code.code.firstlineno as i64;
    if requested < firstlineno {
        return Err(PyErr::value_error(format!(
            "line {requested} comes before the current code block"
        )));
    }
    let info = line_info(code);
    // The first line with code at or after the requested one.
    let target_line = info
        .lines
        .iter()
        .zip(&info.starts)
        .filter(|(&l, &st)| st && l as i64 >= requested)
        .map(|(&l, _)| l)
        .min();
    let Some(target_line) = target_line else {
        return Err(PyErr::value_error(format!(
            "line {requested} comes after the current code block"
        )));
    };
    let depths = crate::jump::stack_kinds(code);
    let from = depths.get(frame.lasti).cloned().flatten();
    let mut best: Option<(usize, usize)> = None;
    let mut msg: Option<String> = None;
    for (i, (&l, &st)) in info.lines.iter().zip(&info.starts).enumerate() {
        if l != target_line || !st {
            continue;
        }
        let to = depths.get(i).cloned().flatten();
        match (&from, &to) {
            (Some(a), Some(b)) if crate::jump::compatible(a, b) => {
                if best.is_none_or(|(_, d)| b.len() > d) {
                    best = Some((i, b.len()));
                }
            }
            (None, _) => msg = Some("can't jump from unreachable code".into()),
            (Some(_), to) => {
                if msg.is_none() {
                    msg = Some(crate::jump::explain(to.as_deref()));
                }
            }
        }
    }
    let Some((target, depth)) = best else {
        return Err(PyErr::value_error(msg.unwrap_or_else(|| {
            "cannot find bytecode for specified line".into()
        })));
    };
    // Locals the code at the target may take as bound: unbound ones become None, with
    // CPython's warning (it counts every unbound local rather than analysing the flow).
    let unbound = (0..code.nlocalsplus())
        .filter(|&i| frame.local(i).is_none())
        .count();
    if unbound > 0 {
        let s = if unbound == 1 { "" } else { "s" };
        crate::warnings::warn(
            pyrs_objects::ExcKind::RuntimeWarning,
            &format!("assigning None to {unbound} unbound local{s}"),
            1,
        )?;
        if let Some(fo) = frameobject::existing(frame) {
            if let Some(d) = fo.downcast::<FrameObject>() {
                d.bind_unbound_to_none();
            }
        }
    }
    s.jump.set(Some(Jump {
        target,
        depth,
        from: from.unwrap_or_default(),
    }));
    Ok(())
}
