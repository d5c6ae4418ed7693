//! `_thread` (CPython's Modules/_threadmodule.c): locks, thread identity and thread-local
//! objects, for `threading`, `functools`, `reprlib` and the rest of the library.
//!
//! pyrs runs Python on one thread for now: `start_new_thread` and `start_joinable_thread`
//! raise RuntimeError saying so. Locks are real state on that one thread, so a blocking
//! acquire of a lock that is already held can never succeed: CPython would wait forever,
//! pyrs raises RuntimeError ("deadlock") instead, and an acquire with a timeout sleeps for
//! the timeout and fails as CPython's would.

use std::cell::Cell;
use std::sync::OnceLock;

use pyrs_objects::args::Args;
use pyrs_objects::float;
use pyrs_objects::module::{new_module, ModuleData};
use pyrs_objects::native::{new_module_function, MethodDef, MethodKind, NativeFn};
use pyrs_objects::object::Payload;
use pyrs_objects::typeobject::TypeBuilder;
use pyrs_objects::{int, protocol, ExcKind, PyErr, PyResult, SyncCell, Value};

/// CPython's `PY_TIMEOUT_MAX / 1e9` on Linux (`_thread.TIMEOUT_MAX`).
const TIMEOUT_MAX: f64 = 9223372036.0;

/// The payload of a `_thread.lock`.
pub(crate) struct LockData {
    locked: Cell<bool>,
}

impl Payload for LockData {}

/// The payload of a `_thread.RLock`: the owner's ident (0: none) and the depth.
pub(crate) struct RLockData {
    owner: Cell<u64>,
    count: Cell<u64>,
}

impl Payload for RLockData {}

/// The payload of a `_thread._ThreadHandle`.
pub(crate) struct ThreadHandleData {
    ident: u64,
    done: Cell<bool>,
}

impl Payload for ThreadHandleData {}

struct Types {
    lock: Value,
    rlock: Value,
    handle: Value,
    local: Value,
}

static TYPES: OnceLock<SyncCell<Types>> = OnceLock::new();

fn types() -> &'static Types {
    &TYPES
        .get_or_init(|| {
            SyncCell(Types {
                lock: TypeBuilder::new::<LockData>("lock")
                    .module("_thread")
                    .slots(|s| {
                        s.repr.set(Some(lock_repr));
                        s.new.set(Some(|_, args| {
                            args.exact("lock", 0, 0)?;
                            Ok(new_lock())
                        }));
                    })
                    .methods(LOCK_METHODS)
                    .build(),
                rlock: TypeBuilder::new::<RLockData>("RLock")
                    .module("_thread")
                    .subclassable()
                    .slots(|s| {
                        s.repr.set(Some(rlock_repr));
                        s.new.set(Some(|cls, _| {
                            Ok(pyrs_objects::object::alloc(
                                cls,
                                RLockData {
                                    owner: Cell::new(0),
                                    count: Cell::new(0),
                                },
                            ))
                        }));
                    })
                    .methods(RLOCK_METHODS)
                    .build(),
                handle: TypeBuilder::new::<ThreadHandleData>("_ThreadHandle")
                    .module("_thread")
                    .slots(|s| {
                        s.new.set(Some(|cls, args| {
                            args.exact("_ThreadHandle", 0, 0)?;
                            Ok(pyrs_objects::object::alloc(
                                cls,
                                ThreadHandleData {
                                    ident: 0,
                                    done: Cell::new(false),
                                },
                            ))
                        }));
                    })
                    .methods(HANDLE_METHODS)
                    .build(),
                local: TypeBuilder::new::<()>("_local")
                    .module("_thread")
                    .with_dict()
                    .subclassable()
                    .build(),
            })
        })
        .0
}

/// Makes the `_thread` module.
pub(crate) fn init() -> PyResult<Value> {
    let module = new_module("_thread");
    let d = module
        .downcast::<ModuleData>()
        .ok_or_else(|| PyErr::system_error("_thread: not a module"))?
        .dict();
    let t = types();
    d.set_str("LockType", t.lock.clone());
    d.set_str("lock", t.lock.clone());
    d.set_str("RLock", t.rlock.clone());
    d.set_str("_ThreadHandle", t.handle.clone());
    d.set_str("_local", t.local.clone());
    d.set_str("error", ExcKind::RuntimeError.class().clone());
    d.set_str("TIMEOUT_MAX", float::new(TIMEOUT_MAX));
    let functions: &[(&'static str, NativeFn)] = &[
        ("allocate_lock", allocate_lock),
        ("allocate", allocate_lock),
        ("get_ident", get_ident),
        ("get_native_id", get_native_id),
        ("_get_main_thread_ident", get_ident),
        ("_count", count),
        ("start_new_thread", start_new_thread),
        ("start_new", start_new_thread),
        ("start_joinable_thread", start_new_thread),
        ("daemon_threads_allowed", |_| Ok(pyrs_objects::bool(true))),
        ("_is_main_interpreter", |_| Ok(pyrs_objects::bool(true))),
        ("_shutdown", |_| Ok(pyrs_objects::none())),
        ("_make_thread_handle", make_thread_handle),
        ("stack_size", stack_size),
        ("interrupt_main", interrupt_main),
        ("exit", |_| {
            Err(PyErr::with_args(ExcKind::SystemExit, vec![]))
        }),
        ("exit_thread", |_| {
            Err(PyErr::with_args(ExcKind::SystemExit, vec![]))
        }),
    ];
    for (name, f) in functions {
        d.set_str(name, new_module_function(name, *f, module.clone()));
    }
    Ok(module)
}

/// The one thread's identifier (CPython's `pthread_self()` value; here the process id, which
/// on Linux is also the main thread's native id, made to look like an address).
fn ident() -> u64 {
    (std::process::id() as u64) << 12 | 0x7000_0000_0000
}

fn get_ident(args: Args<'_>) -> PyResult<Value> {
    args.exact("get_ident", 0, 0)?;
    Ok(int::from_i64(ident() as i64))
}

fn get_native_id(args: Args<'_>) -> PyResult<Value> {
    args.exact("get_native_id", 0, 0)?;
    Ok(int::from_i64(std::process::id() as i64))
}

fn count(args: Args<'_>) -> PyResult<Value> {
    args.exact("_count", 0, 0)?;
    Ok(Value::small(0))
}

fn start_new_thread(_args: Args<'_>) -> PyResult<Value> {
    Err(PyErr::runtime_error(
        "can't start new thread: pyrs does not run threads yet",
    ))
}

fn stack_size(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("stack_size", 0, 1)?;
    if let Some(size) = a.first() {
        let n = protocol::index_isize(size, false)?;
        if n != 0 && n < 32768 {
            return Err(PyErr::value_error("size not valid: 32768 bytes"));
        }
    }
    Ok(Value::small(0))
}

fn interrupt_main(args: Args<'_>) -> PyResult<Value> {
    args.exact("interrupt_main", 0, 1)?;
    Err(PyErr::new(ExcKind::KeyboardInterrupt, ""))
}

fn make_thread_handle(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("_make_thread_handle", 1, 1)?;
    let ident = int::as_i64(&a[0]).unwrap_or(0) as u64;
    Ok(pyrs_objects::object::alloc(
        &types().handle,
        ThreadHandleData {
            ident,
            done: Cell::new(false),
        },
    ))
}

fn new_lock() -> Value {
    pyrs_objects::object::alloc(
        &types().lock,
        LockData {
            locked: Cell::new(false),
        },
    )
}

fn allocate_lock(args: Args<'_>) -> PyResult<Value> {
    args.exact("allocate_lock", 0, 0)?;
    Ok(new_lock())
}

/// Parses `acquire(blocking=True, timeout=-1)`: `None` for a non-blocking attempt, else
/// the timeout in seconds (negative: forever).
fn acquire_args(args: &Args<'_>) -> PyResult<Option<f64>> {
    let [blocking, timeout] =
        args.skip_first()
            .bind("acquire", ["blocking", "timeout"], 0, 0, 2)?;
    let blocking = match blocking {
        Some(b) => protocol::is_true(&b)?,
        None => true,
    };
    let timeout = match timeout {
        Some(t) => crate::time::seconds(&t)?,
        None => -1.0,
    };
    if !blocking && timeout != -1.0 {
        return Err(PyErr::value_error(
            "can't specify a timeout for a non-blocking call",
        ));
    }
    if timeout < 0.0 && timeout != -1.0 {
        return Err(PyErr::value_error(
            "timeout value must be a non-negative number",
        ));
    }
    if timeout > TIMEOUT_MAX {
        return Err(PyErr::overflow_error("timeout value is too large"));
    }
    Ok(blocking.then_some(timeout))
}

/// What waiting `timeout` seconds for a lock no other thread can release comes to.
fn wait_in_vain(timeout: Option<f64>) -> PyResult<Value> {
    match timeout {
        None => Ok(pyrs_objects::bool(false)),
        Some(t) if t < 0.0 => Err(PyErr::runtime_error(
            "deadlock: the lock is held and no other thread can release it",
        )),
        Some(t) => {
            std::thread::sleep(std::time::Duration::from_secs_f64(t));
            Ok(pyrs_objects::bool(false))
        }
    }
}

fn lock_of<'a>(args: &Args<'a>, method: &str) -> PyResult<&'a LockData> {
    let this = args
        .pos()
        .first()
        .ok_or_else(|| PyErr::type_error(format!("{method}() needs an argument")))?;
    protocol::self_payload::<LockData>(this, method, "_thread.lock")
}

static LOCK_METHODS: &[MethodDef] = &[
    MethodDef::new("acquire", MethodKind::Method(lock_acquire)),
    MethodDef::new("acquire_lock", MethodKind::Method(lock_acquire)),
    MethodDef::new("__enter__", MethodKind::Method(lock_acquire)),
    MethodDef::new("release", MethodKind::Method(lock_release)),
    MethodDef::new("release_lock", MethodKind::Method(lock_release)),
    MethodDef::new("__exit__", MethodKind::Method(lock_exit)),
    MethodDef::new("locked", MethodKind::Method(lock_locked)),
    MethodDef::new("locked_lock", MethodKind::Method(lock_locked)),
    MethodDef::new("_at_fork_reinit", MethodKind::Method(lock_reinit)),
];

fn lock_acquire(args: Args<'_>) -> PyResult<Value> {
    let lock = lock_of(&args, "acquire")?;
    let timeout = acquire_args(&args)?;
    if !lock.locked.get() {
        lock.locked.set(true);
        return Ok(pyrs_objects::bool(true));
    }
    wait_in_vain(timeout)
}

fn release(lock: &LockData) -> PyResult<Value> {
    if !lock.locked.get() {
        return Err(PyErr::runtime_error("release unlocked lock"));
    }
    lock.locked.set(false);
    Ok(pyrs_objects::none())
}

fn lock_release(args: Args<'_>) -> PyResult<Value> {
    let lock = lock_of(&args, "release")?;
    args.exact("release", 1, 1)?;
    release(lock)
}

fn lock_exit(args: Args<'_>) -> PyResult<Value> {
    let lock = lock_of(&args, "__exit__")?;
    release(lock)
}

fn lock_locked(args: Args<'_>) -> PyResult<Value> {
    let lock = lock_of(&args, "locked")?;
    args.exact("locked", 1, 1)?;
    Ok(pyrs_objects::bool(lock.locked.get()))
}

fn lock_reinit(args: Args<'_>) -> PyResult<Value> {
    let lock = lock_of(&args, "_at_fork_reinit")?;
    lock.locked.set(false);
    Ok(pyrs_objects::none())
}

fn lock_repr(v: &Value) -> PyResult<Value> {
    let lock = protocol::self_payload::<LockData>(v, "__repr__", "_thread.lock")?;
    let state = if lock.locked.get() {
        "locked"
    } else {
        "unlocked"
    };
    Ok(pyrs_objects::str::new(&format!(
        "<{state} _thread.lock object at {:#x}>",
        v.word()
    )))
}

fn rlock_of<'a>(args: &Args<'a>, method: &str) -> PyResult<&'a RLockData> {
    let this = args
        .pos()
        .first()
        .ok_or_else(|| PyErr::type_error(format!("{method}() needs an argument")))?;
    protocol::self_payload::<RLockData>(this, method, "_thread.RLock")
}

static RLOCK_METHODS: &[MethodDef] = &[
    MethodDef::new("acquire", MethodKind::Method(rlock_acquire)),
    MethodDef::new("__enter__", MethodKind::Method(rlock_acquire)),
    MethodDef::new("release", MethodKind::Method(rlock_release)),
    MethodDef::new("__exit__", MethodKind::Method(rlock_release)),
    MethodDef::new("_is_owned", MethodKind::Method(rlock_is_owned)),
    MethodDef::new(
        "_recursion_count",
        MethodKind::Method(rlock_recursion_count),
    ),
    MethodDef::new("_release_save", MethodKind::Method(rlock_release_save)),
    MethodDef::new(
        "_acquire_restore",
        MethodKind::Method(rlock_acquire_restore),
    ),
    MethodDef::new("_at_fork_reinit", MethodKind::Method(rlock_reinit)),
];

fn rlock_acquire(args: Args<'_>) -> PyResult<Value> {
    let lock = rlock_of(&args, "acquire")?;
    let timeout = acquire_args(&args)?;
    let me = ident();
    if lock.count.get() == 0 || lock.owner.get() == me {
        lock.owner.set(me);
        lock.count.set(lock.count.get() + 1);
        return Ok(pyrs_objects::bool(true));
    }
    wait_in_vain(timeout)
}

fn rlock_release(args: Args<'_>) -> PyResult<Value> {
    let lock = rlock_of(&args, "release")?;
    if lock.count.get() == 0 || lock.owner.get() != ident() {
        return Err(PyErr::runtime_error("cannot release un-acquired lock"));
    }
    lock.count.set(lock.count.get() - 1);
    if lock.count.get() == 0 {
        lock.owner.set(0);
    }
    Ok(pyrs_objects::none())
}

fn rlock_is_owned(args: Args<'_>) -> PyResult<Value> {
    let lock = rlock_of(&args, "_is_owned")?;
    Ok(pyrs_objects::bool(
        lock.count.get() > 0 && lock.owner.get() == ident(),
    ))
}

fn rlock_recursion_count(args: Args<'_>) -> PyResult<Value> {
    let lock = rlock_of(&args, "_recursion_count")?;
    let n = if lock.owner.get() == ident() {
        lock.count.get()
    } else {
        0
    };
    Ok(int::from_i64(n as i64))
}

fn rlock_release_save(args: Args<'_>) -> PyResult<Value> {
    let lock = rlock_of(&args, "_release_save")?;
    if lock.count.get() == 0 {
        return Err(PyErr::runtime_error("cannot release un-acquired lock"));
    }
    let state = pyrs_objects::tuple::new(vec![
        int::from_i64(lock.count.get() as i64),
        int::from_i64(lock.owner.get() as i64),
    ]);
    lock.count.set(0);
    lock.owner.set(0);
    Ok(state)
}

fn rlock_acquire_restore(args: Args<'_>) -> PyResult<Value> {
    let lock = rlock_of(&args, "_acquire_restore")?;
    let a = args.exact("_acquire_restore", 2, 2)?;
    let items = pyrs_objects::tuple::items_of(&a[1])
        .filter(|i| i.len() == 2)
        .ok_or_else(|| PyErr::type_error("_acquire_restore() argument 1 must be tuple"))?;
    lock.count.set(int::as_i64(&items[0]).unwrap_or(0) as u64);
    lock.owner.set(int::as_i64(&items[1]).unwrap_or(0) as u64);
    Ok(pyrs_objects::none())
}

fn rlock_reinit(args: Args<'_>) -> PyResult<Value> {
    let lock = rlock_of(&args, "_at_fork_reinit")?;
    lock.count.set(0);
    lock.owner.set(0);
    Ok(pyrs_objects::none())
}

fn rlock_repr(v: &Value) -> PyResult<Value> {
    let lock = protocol::self_payload::<RLockData>(v, "__repr__", "_thread.RLock")?;
    let state = if lock.count.get() > 0 {
        "locked"
    } else {
        "unlocked"
    };
    let class = protocol::getattr_str(v.class(), "__module__")
        .ok()
        .and_then(|m| pyrs_objects::str::text_of(&m))
        .map(|m| format!("{m}.{}", v.type_data().name()))
        .unwrap_or_else(|| v.type_data().name());
    Ok(pyrs_objects::str::new(&format!(
        "<{state} {class} object owner={} count={} at {:#x}>",
        lock.owner.get(),
        lock.count.get(),
        v.word()
    )))
}

fn handle_of<'a>(args: &Args<'a>, method: &str) -> PyResult<&'a ThreadHandleData> {
    let this = args
        .pos()
        .first()
        .ok_or_else(|| PyErr::type_error(format!("{method}() needs an argument")))?;
    protocol::self_payload::<ThreadHandleData>(this, method, "_thread._ThreadHandle")
}

static HANDLE_METHODS: &[MethodDef] = &[
    MethodDef::new("ident", MethodKind::GetSet(handle_ident, None)),
    MethodDef::new("is_done", MethodKind::Method(handle_is_done)),
    MethodDef::new("_set_done", MethodKind::Method(handle_set_done)),
    MethodDef::new("join", MethodKind::Method(handle_join)),
];

fn handle_ident(v: &Value) -> PyResult<Value> {
    let h = protocol::self_payload::<ThreadHandleData>(v, "ident", "_thread._ThreadHandle")?;
    Ok(int::from_i64(h.ident as i64))
}

fn handle_is_done(args: Args<'_>) -> PyResult<Value> {
    let h = handle_of(&args, "is_done")?;
    Ok(pyrs_objects::bool(h.done.get()))
}

fn handle_set_done(args: Args<'_>) -> PyResult<Value> {
    let h = handle_of(&args, "_set_done")?;
    h.done.set(true);
    Ok(pyrs_objects::none())
}

fn handle_join(args: Args<'_>) -> PyResult<Value> {
    let h = handle_of(&args, "join")?;
    if h.ident == ident() && !h.done.get() {
        return Err(PyErr::runtime_error("Cannot join current thread"));
    }
    Ok(pyrs_objects::none())
}
