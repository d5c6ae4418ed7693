//! `_tracemalloc` (CPython's Python/tracemalloc.c and Modules/_tracemalloc.c): while tracing
//! is on, every memory block the interpreter's thread allocates is recorded with its size and
//! the Python traceback that allocated it, for `tracemalloc` (snapshots, statistics,
//! `get_object_traceback`) and for the "Object allocated at" lines of warnings.
//!
//! The recording sits in the process's allocator: the `pyrs` binary installs
//! [`TracingAllocator`] around its allocator, which costs one relaxed atomic load per
//! allocation and free while tracing is off. While it is on, each allocation made on the
//! thread that started tracing records `(address → size, traceback)`; frees forget. What is
//! counted is every heap block Rust allocates for the interpreter (objects, their buffers,
//! the compiler's trees while it compiles), so the sizes are pyrs's own and differ from
//! CPython's, which traces its object allocator.
//!
//! Invariants: the recorder never records its own allocations (a per-thread guard); tracebacks
//! are captured by reading the running frames, which allocates nothing but the traceback's
//! own vector; Python objects held by the table (file names) are only touched on the thread
//! that traces, which holds the interpreter lock.

use std::alloc::{GlobalAlloc, Layout};
use std::cell::Cell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;

use pyrs_objects::args::Args;
use pyrs_objects::native::NativeFn;
use pyrs_objects::{int, list, protocol, tuple, PyErr, PyResult, SyncCell, Value};

use crate::argconv::{add_functions, module_dict};

/// The largest traceback limit `start` accepts (CPython's MAX_NFRAME).
const MAX_NFRAME: usize = 65535;

/// Whether tracing is on: the allocator's only check while it is off.
static TRACING: AtomicBool = AtomicBool::new(false);

/// The thread that started tracing (its `pthread_self`): only its allocations are recorded.
static TRACED_THREAD: AtomicU64 = AtomicU64::new(0);

thread_local! {
    /// Set while this thread records or forgets, so the table's own allocations are not
    /// recorded.
    static BUSY: Cell<bool> = const { Cell::new(false) };
}

/// One frame of a traceback: the code's file name and the line.
type Frame = (Value, u32);

/// A recorded allocation.
struct Trace {
    size: usize,
    traceback: Rc<Traceback>,
}

/// The frames of one allocation, innermost first, and how many frames there were in all.
struct Traceback {
    frames: Box<[Frame]>,
    total: usize,
}

/// Everything tracing keeps.
struct Table {
    traces: HashMap<usize, Trace>,
    /// The traceback of the previous recording, shared by the next one when equal.
    last: Option<Rc<Traceback>>,
    limit: usize,
    current: usize,
    peak: usize,
}

/// The table, behind a lock because frees come from any thread; the values it holds are
/// touched only by the traced thread (see the module documentation).
static TABLE: Mutex<SyncCell<Option<Table>>> = Mutex::new(SyncCell(None));

/// The allocator the `pyrs` binary installs: `A`, with allocations recorded while tracing.
pub struct TracingAllocator<A>(pub A);

// SAFETY: every call is forwarded to `A` unchanged; recording only reads the returned
// pointers.
unsafe impl<A: GlobalAlloc> GlobalAlloc for TracingAllocator<A> {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = self.0.alloc(layout);
        if TRACING.load(Ordering::Relaxed) && !p.is_null() {
            record(p as usize, layout.size(), None);
        }
        p
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = self.0.alloc_zeroed(layout);
        if TRACING.load(Ordering::Relaxed) && !p.is_null() {
            record(p as usize, layout.size(), None);
        }
        p
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if TRACING.load(Ordering::Relaxed) {
            forget(ptr as usize);
        }
        self.0.dealloc(ptr, layout)
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = self.0.realloc(ptr, layout, new_size);
        if TRACING.load(Ordering::Relaxed) && !p.is_null() {
            record(p as usize, new_size, Some(ptr as usize));
        }
        p
    }
}

/// The calling thread's identifier.
fn thread_ident() -> u64 {
    // SAFETY: pthread_self has no preconditions.
    unsafe { libc::pthread_self() as u64 }
}

/// Runs `f` unless this thread is already recording; false if it was.
fn guarded(f: impl FnOnce()) -> bool {
    let entered = BUSY.try_with(|busy| !busy.replace(true)).unwrap_or(false);
    if entered {
        f();
        let _ = BUSY.try_with(|busy| busy.set(false));
    }
    entered
}

/// The running frames, innermost first, at most `limit` of them, and how many there are.
fn capture(limit: usize) -> Traceback {
    let mut frames = Vec::with_capacity(limit.min(16));
    let mut total = 0;
    let mut frame = pyrs_vm::frame::current();
    while let Some(f) = frame {
        if frames.len() < limit {
            frames.push((f.code().filename.clone(), f.lineno()));
        }
        total += 1;
        // SAFETY: a running frame's `back` is a frame still running below it, or null.
        frame = unsafe { f.back.as_ref() };
    }
    Traceback {
        frames: frames.into_boxed_slice(),
        total,
    }
}

fn same_frames(a: &Traceback, b: &Traceback) -> bool {
    a.total == b.total
        && a.frames.len() == b.frames.len()
        && a.frames
            .iter()
            .zip(b.frames.iter())
            .all(|((fa, la), (fb, lb))| la == lb && fa.is(fb))
}

/// Records a block of `size` bytes at `address` (which replaces the block at `moved_from`
/// for a reallocation), with the current traceback.
fn record(address: usize, size: usize, moved_from: Option<usize>) {
    if TRACED_THREAD.load(Ordering::Relaxed) != thread_ident() {
        if let Some(old) = moved_from {
            forget(old);
        }
        return;
    }
    let mut dropped = None;
    guarded(|| {
        let Ok(mut guard) = TABLE.lock() else {
            return;
        };
        let Some(table) = guard.0.as_mut() else {
            return;
        };
        if let Some(old) = moved_from {
            if let Some(trace) = table.traces.remove(&old) {
                table.current -= trace.size;
                dropped = Some(trace);
            }
        }
        let traceback = capture(table.limit);
        let traceback = match &table.last {
            Some(last) if same_frames(last, &traceback) => Rc::clone(last),
            _ => {
                let new = Rc::new(traceback);
                table.last = Some(Rc::clone(&new));
                new
            }
        };
        if let Some(previous) = table.traces.insert(address, Trace { size, traceback }) {
            table.current -= previous.size;
        }
        table.current += size;
        table.peak = table.peak.max(table.current);
    });
    // Dropped outside the lock and the guard: dropping frames may free their file names.
    drop(dropped);
}

/// Forgets the block at `address`, if it was recorded.
fn forget(address: usize) {
    let mut dropped = None;
    let entered = guarded(|| {
        let Ok(mut guard) = TABLE.lock() else {
            return;
        };
        if let Some(table) = guard.0.as_mut() {
            if let Some(trace) = table.traces.remove(&address) {
                table.current -= trace.size;
                dropped = Some(trace);
            }
        }
    });
    if !entered {
        return;
    }
    if TRACED_THREAD.load(Ordering::Relaxed) == thread_ident() {
        drop(dropped);
    } else {
        // Its file names belong to the traced thread; a free from another thread leaves them.
        std::mem::forget(dropped);
    }
}

/// Runs `f` on the table with recording suspended on this thread, so that what `f` allocates
/// or frees while it holds the lock is neither recorded nor waits for the lock. Never called
/// from inside the allocator.
fn with_table<R>(f: impl FnOnce(&mut Option<Table>) -> R) -> R {
    let was_busy = BUSY.with(|busy| busy.replace(true));
    let result = {
        let mut guard = TABLE.lock().unwrap_or_else(|e| e.into_inner());
        f(&mut guard.0)
    };
    BUSY.with(|busy| busy.set(was_busy));
    result
}

/// Makes the `_tracemalloc` module.
pub(crate) fn init() -> PyResult<Value> {
    let module = pyrs_objects::module::new_module("_tracemalloc");
    module_dict(&module).set_str(
        "__doc__",
        pyrs_objects::str::new("Debug module to trace memory blocks allocated by Python."),
    );
    let functions: &[(&'static str, NativeFn)] = &[
        ("start", start),
        ("stop", stop),
        ("is_tracing", is_tracing),
        ("clear_traces", clear_traces),
        ("get_traceback_limit", get_traceback_limit),
        ("get_traced_memory", get_traced_memory),
        ("reset_peak", reset_peak),
        ("get_tracemalloc_memory", get_tracemalloc_memory),
        ("_get_traces", get_traces),
        ("_get_object_traceback", get_object_traceback),
    ];
    add_functions(&module, functions);
    Ok(module)
}

/// `start(nframe=1)`: starts tracing (or changes the limit), keeping what was traced.
fn start(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("start", 0, 1)?;
    let limit = match a.first() {
        Some(v) => protocol::index_isize(v, false)?,
        None => 1,
    };
    if limit < 1 || limit > MAX_NFRAME as isize {
        return Err(PyErr::value_error(format!(
            "the number of frames must be in range [1; {MAX_NFRAME}]"
        )));
    }
    let dropped = with_table(|table| match table {
        Some(table) => {
            table.limit = limit as usize;
            None
        }
        None => {
            *table = Some(Table {
                traces: HashMap::new(),
                last: None,
                limit: limit as usize,
                current: 0,
                peak: 0,
            });
            None::<Table>
        }
    });
    drop(dropped);
    TRACED_THREAD.store(thread_ident(), Ordering::Relaxed);
    TRACING.store(true, Ordering::Relaxed);
    Ok(pyrs_objects::none())
}

/// Takes the table away (tracing off), to be dropped outside the lock.
fn take_table() -> Option<Table> {
    TRACING.store(false, Ordering::Relaxed);
    with_table(|table| table.take())
}

/// `stop()`: stops tracing and forgets every trace.
fn stop(args: Args<'_>) -> PyResult<Value> {
    args.exact("stop", 0, 0)?;
    drop(take_table());
    Ok(pyrs_objects::none())
}

/// `is_tracing()`.
fn is_tracing(args: Args<'_>) -> PyResult<Value> {
    args.exact("is_tracing", 0, 0)?;
    Ok(pyrs_objects::bool(TRACING.load(Ordering::Relaxed)))
}

/// `clear_traces()`: forgets the traces, tracing on.
fn clear_traces(args: Args<'_>) -> PyResult<Value> {
    args.exact("clear_traces", 0, 0)?;
    let old = with_table(|table| {
        table.as_mut().map(|table| {
            table.current = 0;
            table.peak = 0;
            table.last = None;
            std::mem::take(&mut table.traces)
        })
    });
    drop(old);
    Ok(pyrs_objects::none())
}

/// `get_traceback_limit()`: the frames kept per traceback (1 before the first start).
fn get_traceback_limit(args: Args<'_>) -> PyResult<Value> {
    args.exact("get_traceback_limit", 0, 0)?;
    let limit = with_table(|table| table.as_ref().map_or(1, |t| t.limit));
    Ok(int::from_usize(limit))
}

/// `get_traced_memory()`: (current, peak) bytes of the traced blocks.
fn get_traced_memory(args: Args<'_>) -> PyResult<Value> {
    args.exact("get_traced_memory", 0, 0)?;
    let (current, peak) =
        with_table(|table| table.as_ref().map_or((0, 0), |t| (t.current, t.peak)));
    Ok(tuple::new(vec![
        int::from_usize(current),
        int::from_usize(peak),
    ]))
}

/// `reset_peak()`: the peak becomes the current size.
fn reset_peak(args: Args<'_>) -> PyResult<Value> {
    args.exact("reset_peak", 0, 0)?;
    with_table(|table| {
        if let Some(table) = table.as_mut() {
            table.peak = table.current;
        }
    });
    Ok(pyrs_objects::none())
}

/// `get_tracemalloc_memory()`: the bytes tracing itself uses (its table).
fn get_tracemalloc_memory(args: Args<'_>) -> PyResult<Value> {
    args.exact("get_tracemalloc_memory", 0, 0)?;
    let bytes = with_table(|table| {
        table.as_ref().map_or(0, |t| {
            t.traces.capacity() * (std::mem::size_of::<usize>() + std::mem::size_of::<Trace>() + 1)
        })
    });
    Ok(int::from_usize(bytes))
}

/// A traceback as `tracemalloc` takes it: a tuple of (filename, lineno), innermost first.
fn traceback_tuple(frames: &[Frame]) -> Value {
    tuple::new(
        frames
            .iter()
            .map(|(file, line)| tuple::new(vec![file.clone(), int::from_usize(*line as usize)]))
            .collect(),
    )
}

/// `_get_traces()`: a list of (domain, size, traceback, total_nframe) for every traced block.
fn get_traces(args: Args<'_>) -> PyResult<Value> {
    args.exact("_get_traces", 0, 0)?;
    // Copied out under the lock first: building the Python objects allocates.
    let traces: Vec<(usize, Rc<Traceback>)> = with_table(|table| {
        table.as_ref().map_or_else(Vec::new, |t| {
            t.traces
                .values()
                .map(|trace| (trace.size, Rc::clone(&trace.traceback)))
                .collect()
        })
    });
    let items = traces
        .iter()
        .map(|(size, traceback)| {
            tuple::new(vec![
                int::from_usize(0),
                int::from_usize(*size),
                traceback_tuple(&traceback.frames),
                int::from_usize(traceback.total),
            ])
        })
        .collect();
    Ok(list::new(items))
}

/// `_get_object_traceback(obj)`: the traceback that allocated `obj`, or None.
fn get_object_traceback(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("_get_object_traceback", 1, 1)?;
    let Some(address) = pyrs_objects::object::allocation_base(&a[0]) else {
        return Ok(pyrs_objects::none());
    };
    let traceback = with_table(|table| {
        table
            .as_ref()
            .and_then(|t| t.traces.get(&address))
            .map(|trace| Rc::clone(&trace.traceback))
    });
    Ok(match traceback {
        Some(traceback) => traceback_tuple(&traceback.frames),
        None => pyrs_objects::none(),
    })
}

/// Starts tracing at start-up with `nframe` frames (`-X tracemalloc[=N]`, PYTHONTRACEMALLOC).
pub(crate) fn start_at_startup(nframe: usize) -> PyResult<()> {
    let limit = int::from_usize(nframe);
    start(Args::positional(std::slice::from_ref(&limit)))?;
    Ok(())
}
