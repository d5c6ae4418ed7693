//! Room for deep trees: the passes recurse once per level of nesting, so they first run on
//! the caller's stack with a small depth limit, and only a tree deeper than that is walked
//! again on a thread of its own with a large stack and CPython's limit.

use crate::symtable::Stop;

/// Levels of nesting any caller's stack has room for (a test thread has 2 MiB, and the
/// deep-tree tests give the passes 1 MiB; a level takes a few frames of at most a few hundred
/// bytes each in a release build, but several kilobytes in a debug build, where code
/// generation's `visit_expr_inner` keeps every arm's temporaries in one frame).
const SHALLOW: usize = if cfg!(debug_assertions) { 90 } else { 150 };

/// The deepest nesting walked at all. The parser refuses trees deeper than about 10,000
/// levels, as CPython's does, so a parsed tree always fits; a deeper hand-built tree is
/// CPython's `RecursionError`.
const DEEP: usize = 20_000;

/// The stack of the thread that walks deep trees (reserved, not committed, until used).
const BIG_STACK: usize = 1 << 30;

/// Runs `pass` with [`SHALLOW`] as its depth limit, and again on a big stack with [`DEEP`]
/// if it stopped with [`Stop::TooDeep`].
pub(crate) fn run<T: Send>(pass: impl Fn(usize) -> Result<T, Stop> + Sync) -> Result<T, Stop> {
    match pass(SHALLOW) {
        Err(Stop::TooDeep) => {}
        done => return done,
    }
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("pyrs-compiler-deep".into())
            .stack_size(BIG_STACK)
            .spawn_scoped(scope, || pass(DEEP))
            .ok()
            .and_then(|handle| handle.join().ok())
            .unwrap_or(Err(Stop::TooDeep))
    })
}

/// [`run`] for a pass that changes `data` as it goes: the second attempt, on the big stack,
/// continues from where the first left it (the pass must tolerate that).
pub(crate) fn run_mut<D: Send, T: Send>(
    data: &mut D,
    pass: impl Fn(&mut D, usize) -> Result<T, Stop> + Sync,
) -> Result<T, Stop> {
    match pass(data, SHALLOW) {
        Err(Stop::TooDeep) => {}
        done => return done,
    }
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("pyrs-compiler-deep".into())
            .stack_size(BIG_STACK)
            .spawn_scoped(scope, || pass(data, DEEP))
            .ok()
            .and_then(|handle| handle.join().ok())
            .unwrap_or(Err(Stop::TooDeep))
    })
}
