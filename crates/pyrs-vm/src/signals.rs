//! Where the evaluation loop checks for pending signals (and runs a scheduled cycle
//! collection, [`pyrs_objects::gc`]): a C-level handler records the
//! signal ([`trip`]), and the next check runs the Python-level handler that the `_signal`
//! module installed (Ctrl-C without one becomes KeyboardInterrupt).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;

use pyrs_objects::{ExcKind, PyErr, PyResult};

/// Set when any signal arrived since the last check.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Linux's `NSIG`: signal numbers are below it.
pub const NSIG: usize = 65;

/// Which signals arrived since the last check.
static TRIPPED: [AtomicBool; NSIG] = [const { AtomicBool::new(false) }; NSIG];

/// Runs the Python-level handler of a signal (installed by the `_signal` module).
pub type SignalRunner = fn(i32) -> PyResult<()>;

static RUNNER: OnceLock<SignalRunner> = OnceLock::new();

/// Installs the function that runs Python-level signal handlers.
pub fn set_runner(runner: SignalRunner) {
    let _ = RUNNER.set(runner);
}

/// Records that signal `signum` arrived. Async-signal-safe: only atomic stores.
pub fn trip(signum: i32) {
    if let Some(flag) = usize::try_from(signum).ok().and_then(|i| TRIPPED.get(i)) {
        flag.store(true, Ordering::Relaxed);
    }
    INTERRUPTED.store(true, Ordering::SeqCst);
}

/// Records an interrupt (SIGINT, called from a signal handler).
pub fn interrupt() {
    trip(2);
}

/// Runs the handlers of the signals that arrived since the last check; the first one that
/// raises ends the check with its exception (the others run at the next check).
#[inline]
pub fn check() -> PyResult<()> {
    // The cycle collection that allocation scheduled runs here too (CPython's eval breaker).
    pyrs_objects::gc::collect_if_scheduled();
    if INTERRUPTED.load(Ordering::Relaxed) {
        return run_pending();
    }
    Ok(())
}

#[cold]
fn run_pending() -> PyResult<()> {
    INTERRUPTED.store(false, Ordering::SeqCst);
    for (signum, flag) in TRIPPED.iter().enumerate() {
        if !flag.swap(false, Ordering::Relaxed) {
            continue;
        }
        let result = match RUNNER.get() {
            Some(runner) => runner(signum as i32),
            None if signum == 2 => Err(PyErr::with_args(ExcKind::KeyboardInterrupt, Vec::new())),
            None => Ok(()),
        };
        if let Err(e) = result {
            if TRIPPED.iter().any(|f| f.load(Ordering::Relaxed)) {
                INTERRUPTED.store(true, Ordering::Relaxed);
            }
            return Err(e);
        }
    }
    Ok(())
}
