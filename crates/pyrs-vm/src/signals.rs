//! Where the evaluation loop checks for pending signals (Ctrl-C becomes KeyboardInterrupt).

use std::sync::atomic::{AtomicBool, Ordering};

use pyrs_objects::{ExcKind, PyErr, PyResult};

static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Records an interrupt (called from a signal handler).
pub fn interrupt() {
    INTERRUPTED.store(true, Ordering::Relaxed);
}

/// Raises KeyboardInterrupt if an interrupt arrived since the last check.
#[inline]
pub fn check() -> PyResult<()> {
    if INTERRUPTED.load(Ordering::Relaxed) {
        INTERRUPTED.store(false, Ordering::Relaxed);
        return Err(PyErr::with_args(ExcKind::KeyboardInterrupt, Vec::new()));
    }
    Ok(())
}
