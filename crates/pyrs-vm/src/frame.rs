//! Frames (CPython's `_PyInterpreterFrame`, Include/internal/pycore_frame.h): the fast locals
//! and value stack of one running code object, kept in one contiguous per-interpreter stack
//! of slots so that a call allocates nothing; a generator's frame owns its slots instead.

use std::cell::Cell;

use pyrs_objects::{PyErr, PyResult, SyncCell, Value};

use crate::code::CodeData;

/// How many slots the shared stack holds (32 MiB of address space, committed as used).
const STACK_SLOTS: usize = 1 << 22;

struct DataStack {
    base: Cell<*mut Option<Value>>,
    top: Cell<usize>,
}

static DATA_STACK: SyncCell<DataStack> = SyncCell(DataStack {
    base: Cell::new(std::ptr::null_mut()),
    top: Cell::new(0),
});

fn stack_base() -> *mut Option<Value> {
    let s = &DATA_STACK.0;
    let mut base = s.base.get();
    if base.is_null() {
        let layout = std::alloc::Layout::array::<Option<Value>>(STACK_SLOTS).expect("layout");
        // SAFETY: a nonzero layout; zeroed memory is `None` in every slot (Option<Value> is
        // a nullable word).
        base = unsafe { std::alloc::alloc_zeroed(layout) } as *mut Option<Value>;
        if base.is_null() {
            std::alloc::handle_alloc_error(layout);
        }
        s.base.set(base);
    }
    base
}

/// Where a frame's slots live.
enum Storage {
    /// On the shared stack, from this index.
    Shared(usize),
    /// Owned (a generator's frame); the box is only held, the slots pointer reads it.
    #[allow(dead_code)]
    Owned(Box<[Option<Value>]>),
}

/// One activation of a code object.
pub struct Frame {
    /// The code object (a `code`).
    pub code: Value,
    code_data: *const CodeData,
    /// The function being run, if any.
    pub func: Option<Value>,
    /// The module namespace.
    pub globals: Value,
    /// The builtins namespace (a dict).
    pub builtins: Value,
    /// The locals mapping of module and class bodies (`None` for optimized functions).
    pub locals: Option<Value>,
    storage: Storage,
    slots: *mut Option<Value>,
    nslots: usize,
    /// The index of the next code unit to execute.
    pub ip: usize,
    /// The index of the first free stack slot.
    pub sp: usize,
    /// The code unit index of the instruction being executed (for tracebacks).
    pub lasti: usize,
    /// The calling frame (null for the outermost, and for a generator's frame while it is
    /// suspended).
    pub back: *const Frame,
    /// The `frame` object made for this frame, if any ([`crate::frameobject`]). It points
    /// at the frame, which therefore must not move while it has one: frames move only
    /// before they first run their `RESUME` (a generator's frame into the generator after
    /// its prologue), and nothing makes a frame object before that.
    pub(crate) frame_obj: Cell<Option<Value>>,
}

impl Frame {
    /// A frame for `code`, its slots on the shared stack (or owned, for generators).
    pub fn new(
        code: Value,
        func: Option<Value>,
        globals: Value,
        builtins: Value,
        locals: Option<Value>,
        owned: bool,
    ) -> PyResult<Frame> {
        let data = code
            .downcast::<CodeData>()
            .ok_or_else(|| PyErr::system_error("frame of a non-code object"))?
            as *const CodeData;
        // SAFETY: `code` keeps its payload alive as long as the frame.
        let n = unsafe { (*data).frame_size };
        let (storage, slots) = if owned {
            let mut boxed: Box<[Option<Value>]> = (0..n).map(|_| None).collect();
            let ptr = boxed.as_mut_ptr();
            (Storage::Owned(boxed), ptr)
        } else {
            let s = &DATA_STACK.0;
            let base = stack_base();
            let top = s.top.get();
            if top + n > STACK_SLOTS {
                return Err(PyErr::recursion_error("maximum recursion depth exceeded"));
            }
            s.top.set(top + n);
            // SAFETY: within the allocation.
            (Storage::Shared(top), unsafe { base.add(top) })
        };
        // SAFETY: as above.
        let nlocals = unsafe { (*data).nlocalsplus() };
        Ok(Frame {
            code,
            code_data: data,
            func,
            globals,
            builtins,
            locals,
            storage,
            slots,
            nslots: n,
            ip: 0,
            sp: nlocals,
            lasti: 0,
            back: std::ptr::null(),
            frame_obj: Cell::new(None),
        })
    }

    /// The code object's data.
    #[inline]
    pub fn code(&self) -> &CodeData {
        // SAFETY: `self.code` keeps it alive.
        unsafe { &*self.code_data }
    }

    /// The code object's data, with a lifetime not tied to the frame (the frame's `code`
    /// field keeps it alive; the caller must not outlive the frame with it).
    #[inline]
    pub(crate) fn code_unbound<'a>(&self) -> &'a CodeData {
        // SAFETY: see the doc comment.
        unsafe { &*self.code_data }
    }

    /// Fast local (or cell/free slot) `i`.
    #[inline]
    pub fn local(&self, i: usize) -> &Option<Value> {
        debug_assert!(i < self.nslots);
        // SAFETY: `i` is below the frame's slot count (the code object's layout).
        unsafe { &*self.slots.add(i) }
    }

    /// Sets fast local `i`, returning the old value (drop it when nothing is borrowed).
    #[inline]
    pub fn set_local(&mut self, i: usize, v: Option<Value>) -> Option<Value> {
        debug_assert!(i < self.nslots);
        // SAFETY: as in `local`.
        unsafe { std::mem::replace(&mut *self.slots.add(i), v) }
    }

    /// Pushes onto the value stack.
    #[inline]
    pub fn push(&mut self, v: Value) {
        debug_assert!(self.sp < self.nslots);
        // SAFETY: the compiler's stack depth bound keeps `sp` within the frame.
        unsafe { *self.slots.add(self.sp) = Some(v) };
        self.sp += 1;
    }

    /// Pushes a value or NULL.
    #[inline]
    pub fn push_opt(&mut self, v: Option<Value>) {
        debug_assert!(self.sp < self.nslots);
        // SAFETY: as in `push`.
        unsafe { *self.slots.add(self.sp) = v };
        self.sp += 1;
    }

    /// Pops a value or NULL.
    #[inline]
    pub fn pop_opt(&mut self) -> Option<Value> {
        self.sp -= 1;
        // SAFETY: `sp` stays within the frame.
        unsafe { (*self.slots.add(self.sp)).take() }
    }

    /// Pops a value (NULL becomes a SystemError-worthy None; the compiler never leaves one
    /// where a value is expected).
    #[inline]
    pub fn pop(&mut self) -> Value {
        self.pop_opt().unwrap_or_else(pyrs_objects::none)
    }

    /// The value `n` below the top (1 is the top).
    #[inline]
    pub fn peek(&self, n: usize) -> &Option<Value> {
        // SAFETY: as in `push`.
        unsafe { &*self.slots.add(self.sp - n) }
    }

    /// Replaces the value `n` below the top.
    #[inline]
    pub fn set_peek(&mut self, n: usize, v: Option<Value>) -> Option<Value> {
        // SAFETY: as in `push`.
        unsafe { std::mem::replace(&mut *self.slots.add(self.sp - n), v) }
    }

    /// The top `n` stack values as a slice of values (each must be set).
    #[inline]
    pub fn top_values(&self, n: usize) -> &[Value] {
        // SAFETY: the slots are `Option<Value>`, which has `Value`'s layout with None as 0;
        // the evaluation loop only asks for slots holding values.
        unsafe { std::slice::from_raw_parts(self.slots.add(self.sp - n) as *const Value, n) }
    }

    /// The top `n` stack slots.
    #[inline]
    pub fn top_slots(&self, n: usize) -> &[Option<Value>] {
        // SAFETY: as in `push`.
        unsafe { std::slice::from_raw_parts(self.slots.add(self.sp - n), n) }
    }

    /// Drops the top `n` stack values.
    #[inline]
    pub fn drop_top(&mut self, n: usize) {
        for _ in 0..n {
            drop(self.pop_opt());
        }
    }

    /// Pops the stack down to `depth` slots above the locals.
    pub fn unwind_to(&mut self, depth: usize) {
        let target = self.code().nlocalsplus() + depth;
        while self.sp > target {
            drop(self.pop_opt());
        }
    }

    /// The stack depth above the locals.
    pub fn depth(&self) -> usize {
        self.sp - self.code().nlocalsplus()
    }

    /// Calls `visit` on every reference the frame owns (for the cycle collector, when a
    /// generator owns the frame).
    pub fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.code);
        if let Some(f) = &self.func {
            visit(f);
        }
        visit(&self.globals);
        visit(&self.builtins);
        if let Some(l) = &self.locals {
            visit(l);
        }
        for i in 0..self.nslots {
            // SAFETY: within the frame.
            if let Some(v) = unsafe { &*self.slots.add(i) } {
                visit(v);
            }
        }
        // SAFETY: a plain read of the cell; nothing replaces it during the traversal.
        if let Some(fo) = unsafe { &*self.frame_obj.as_ptr() } {
            visit(fo);
        }
    }

    /// The current line (of the instruction being executed).
    pub fn lineno(&self) -> u32 {
        self.code()
            .code
            .line_at(self.lasti as u32)
            .unwrap_or(self.code().code.firstlineno)
    }
}

impl Drop for Frame {
    fn drop(&mut self) {
        // A frame object that outlives the frame takes over its locals first.
        if let Some(fo) = self.frame_obj.get_mut().take() {
            crate::frameobject::take_ownership(fo, self);
        }
        // Clear the slots (dropping may run `__del__`, which may push frames of its own
        // above ours: the shared stack is released afterwards).
        for i in 0..self.nslots {
            // SAFETY: within the frame.
            let old = unsafe { (*self.slots.add(i)).take() };
            drop(old);
        }
        if let Storage::Shared(start) = self.storage {
            DATA_STACK.0.top.set(start);
        }
    }
}

/// The frame currently executing, for `super()`, `globals()`, `sys._getframe()`.
static CURRENT: SyncCell<Cell<*const Frame>> = SyncCell(Cell::new(std::ptr::null()));

/// The running frame, if any.
pub fn current() -> Option<&'static Frame> {
    let p = CURRENT.0.get();
    // SAFETY: frames unregister themselves before they end.
    unsafe { p.as_ref() }
}

/// Makes `frame` the running frame until the guard drops; then the frame is unlinked from
/// its caller (a suspended generator's frame has no `f_back`).
pub(crate) struct Enter {
    prev: *const Frame,
    frame: *mut Frame,
}

impl Enter {
    pub(crate) fn new(frame: &mut Frame) -> Enter {
        let prev = CURRENT.0.replace(frame as *const Frame);
        frame.back = prev;
        Enter {
            prev,
            frame: frame as *mut Frame,
        }
    }
}

impl Drop for Enter {
    fn drop(&mut self) {
        CURRENT.0.set(self.prev);
        // SAFETY: the guard lives in `execute`, which borrows the frame for its whole run.
        unsafe { (*self.frame).back = std::ptr::null() };
    }
}
