//! A guard against overflowing the Rust stack: deep Python recursion (with a raised
//! recursion limit) becomes RecursionError before the native stack runs out.

use std::cell::Cell;

use pyrs_objects::{PyErr, PyResult, SyncCell};

/// How much native stack the interpreter thread has, and where it starts.
static LIMITS: SyncCell<(Cell<usize>, Cell<usize>)> = SyncCell((Cell::new(0), Cell::new(0)));

/// The stack size the interpreter's thread is created with.
pub(crate) const STACK_SIZE: usize = 1 << 30;

const MARGIN: usize = 512 * 1024;

/// Records that the current thread's stack starts near here and has `size` bytes.
pub(crate) fn set_base(size: usize) {
    let here = 0u8;
    LIMITS.0 .0.set(&here as *const u8 as usize);
    LIMITS.0 .1.set(size);
}

/// RecursionError when the native stack is nearly used up.
#[inline]
pub(crate) fn check() -> PyResult<()> {
    let base = LIMITS.0 .0.get();
    if base == 0 {
        return Ok(());
    }
    let here = 0u8;
    let sp = &here as *const u8 as usize;
    let used = base.saturating_sub(sp);
    if used + MARGIN > LIMITS.0 .1.get() {
        return Err(PyErr::recursion_error("maximum recursion depth exceeded"));
    }
    Ok(())
}
