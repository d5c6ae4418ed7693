//! `_signal` (CPython's Modules/signalmodule.c): Python-level signal handlers, under
//! `signal`.
//!
//! A Python handler is installed at the C level as a small handler that records the signal
//! (`pyrs_vm::signals::trip`) and writes its number to the wakeup descriptor
//! (`set_wakeup_fd`); the evaluation loop then calls the Python handler between
//! instructions, with the signal number and `None` for the frame. As in CPython, importing
//! the module makes SIGINT raise KeyboardInterrupt through `default_int_handler`.
//! The timers (`setitimer`), signal masks (`pthread_sigmask`) and the waits (`sigwait`…)
//! are not written yet.

use std::cell::RefCell;
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::OnceLock;

use pyrs_objects::args::Args;
use pyrs_objects::native::{new_module_function, NativeFn};
use pyrs_objects::{int, protocol, ExcKind, PyErr, PyResult, SyncCell, Value};

use crate::argconv::{add_functions, last_errno, module_dict, os_error};

use pyrs_vm::signals::NSIG;

const SIG_DFL: i64 = 0;
const SIG_IGN: i64 = 1;

/// The Python-level handler of each signal: `SIG_DFL`/`SIG_IGN` as ints, a callable, or
/// `None` for a handler not installed from Python.
static HANDLERS: OnceLock<SyncCell<RefCell<Vec<Value>>>> = OnceLock::new();

/// The descriptor `set_wakeup_fd` named, -1 for none.
static WAKEUP_FD: AtomicI32 = AtomicI32::new(-1);

fn handlers() -> &'static RefCell<Vec<Value>> {
    &HANDLERS
        .get_or_init(|| {
            let mut table = Vec::with_capacity(NSIG);
            table.push(pyrs_objects::none());
            for signum in 1..NSIG as i32 {
                table.push(current_disposition(signum));
            }
            SyncCell(RefCell::new(table))
        })
        .0
}

/// What the process does on `signum` now, as `getsignal` reports it.
fn current_disposition(signum: i32) -> Value {
    // SAFETY: an all-zero sigaction is valid; sigaction only reads the current one.
    let mut old: libc::sigaction = unsafe { std::mem::zeroed() };
    let r = unsafe { libc::sigaction(signum, std::ptr::null(), &mut old) };
    if r < 0 {
        return pyrs_objects::none();
    }
    match old.sa_sigaction {
        libc::SIG_DFL => int::from_i64(SIG_DFL),
        libc::SIG_IGN => int::from_i64(SIG_IGN),
        _ => pyrs_objects::none(),
    }
}

/// The C-level handler under every Python handler.
extern "C" fn trip_signal(signum: libc::c_int) {
    pyrs_vm::signals::trip(signum);
    let fd = WAKEUP_FD.load(Ordering::Relaxed);
    if fd >= 0 {
        let byte = signum as u8;
        // SAFETY: write is async-signal-safe; errno is saved and restored around it.
        unsafe {
            let saved = *libc::__errno_location();
            libc::write(fd, (&byte as *const u8).cast(), 1);
            *libc::__errno_location() = saved;
        }
    }
}

/// Installs `action` (SIG_DFL, SIG_IGN or [`trip_signal`]) for `signum`.
fn install(signum: i32, action: libc::sighandler_t) -> PyResult<()> {
    // SAFETY: an all-zero sigaction with a valid handler and an empty mask.
    unsafe {
        let mut sa: libc::sigaction = std::mem::zeroed();
        sa.sa_sigaction = action;
        libc::sigemptyset(&mut sa.sa_mask);
        sa.sa_flags = libc::SA_ONSTACK;
        if libc::sigaction(signum, &sa, std::ptr::null_mut()) < 0 {
            return Err(os_error(last_errno(), None, None));
        }
    }
    Ok(())
}

/// Runs the Python handler of `signum` (called by the evaluation loop).
fn run_handler(signum: i32) -> PyResult<()> {
    let handler = handlers()
        .borrow()
        .get(signum as usize)
        .cloned()
        .unwrap_or_else(pyrs_objects::none);
    if protocol::is_none(&handler) || int::as_int(&handler).is_some() {
        return Ok(());
    }
    protocol::call1(
        &handler,
        &[int::from_i64(signum as i64), pyrs_objects::none()],
    )?;
    Ok(())
}

const SIGNALS: &[(&str, i64)] = &[
    ("SIGHUP", 1),
    ("SIGINT", 2),
    ("SIGQUIT", 3),
    ("SIGILL", 4),
    ("SIGTRAP", 5),
    ("SIGABRT", 6),
    ("SIGIOT", 6),
    ("SIGBUS", 7),
    ("SIGFPE", 8),
    ("SIGKILL", 9),
    ("SIGUSR1", 10),
    ("SIGSEGV", 11),
    ("SIGUSR2", 12),
    ("SIGPIPE", 13),
    ("SIGALRM", 14),
    ("SIGTERM", 15),
    ("SIGSTKFLT", 16),
    ("SIGCHLD", 17),
    ("SIGCLD", 17),
    ("SIGCONT", 18),
    ("SIGSTOP", 19),
    ("SIGTSTP", 20),
    ("SIGTTIN", 21),
    ("SIGTTOU", 22),
    ("SIGURG", 23),
    ("SIGXCPU", 24),
    ("SIGXFSZ", 25),
    ("SIGVTALRM", 26),
    ("SIGPROF", 27),
    ("SIGWINCH", 28),
    ("SIGIO", 29),
    ("SIGPOLL", 29),
    ("SIGPWR", 30),
    ("SIGSYS", 31),
    ("SIGRTMIN", 34),
    ("SIGRTMAX", 64),
];

/// Makes the `_signal` module.
pub(crate) fn init() -> PyResult<Value> {
    let module = pyrs_objects::module::new_module("_signal");
    let d = module_dict(&module);
    d.set_str("SIG_DFL", int::from_i64(SIG_DFL));
    d.set_str("SIG_IGN", int::from_i64(SIG_IGN));
    d.set_str("NSIG", int::from_i64(NSIG as i64));
    for (name, value) in SIGNALS {
        d.set_str(name, int::from_i64(*value));
    }
    let functions: &[(&'static str, NativeFn)] = &[
        ("signal", signal),
        ("getsignal", getsignal),
        ("raise_signal", raise_signal),
        ("strsignal", strsignal),
        ("valid_signals", valid_signals),
        ("alarm", alarm),
        ("pause", pause),
        ("set_wakeup_fd", set_wakeup_fd),
        ("siginterrupt", siginterrupt),
    ];
    add_functions(&module, functions);
    let default_int =
        new_module_function("default_int_handler", default_int_handler, module.clone());
    d.set_str("default_int_handler", default_int.clone());
    pyrs_vm::signals::set_runner(run_handler);
    // As CPython does at startup: SIGINT raises KeyboardInterrupt unless it is ignored.
    let sigint_is_default = handlers()
        .borrow()
        .get(libc::SIGINT as usize)
        .and_then(int::as_i64)
        == Some(SIG_DFL);
    if sigint_is_default {
        install(libc::SIGINT, trip_signal as *const () as libc::sighandler_t)?;
        handlers().borrow_mut()[libc::SIGINT as usize] = default_int;
    }
    Ok(module)
}

/// A signal number argument, checked to be in 1..NSIG.
fn signum_arg(v: &Value) -> PyResult<i32> {
    let n = crate::argconv::index_arg(v)?;
    if n < 1 || n >= NSIG as i64 {
        return Err(PyErr::value_error("signal number out of range"));
    }
    Ok(n as i32)
}

/// `default_int_handler(signalnum, frame)`: raises KeyboardInterrupt.
fn default_int_handler(args: Args<'_>) -> PyResult<Value> {
    args.exact("default_int_handler", 2, 2)?;
    Err(PyErr::with_args(ExcKind::KeyboardInterrupt, Vec::new()))
}

/// `signal(signalnum, handler)`: installs `handler`, returns the previous one.
fn signal(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("signal", 2, 2)?;
    let signum = signum_arg(&a[0])?;
    let handler = &a[1];
    let action = match int::as_i64(handler) {
        Some(SIG_DFL) if int::as_int(handler).is_some() => libc::SIG_DFL,
        Some(SIG_IGN) if int::as_int(handler).is_some() => libc::SIG_IGN,
        _ => {
            if !protocol::is_callable(handler) {
                return Err(PyErr::type_error(
                    "signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object",
                ));
            }
            trip_signal as *const () as libc::sighandler_t
        }
    };
    install(signum, action)?;
    let stored = match action {
        libc::SIG_DFL => int::from_i64(SIG_DFL),
        libc::SIG_IGN => int::from_i64(SIG_IGN),
        _ => handler.clone(),
    };
    let old = std::mem::replace(&mut handlers().borrow_mut()[signum as usize], stored);
    Ok(old)
}

/// `getsignal(signalnum)`.
fn getsignal(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("getsignal", 1, 1)?;
    let signum = signum_arg(&a[0])?;
    let handler = handlers().borrow()[signum as usize].clone();
    Ok(handler)
}

/// `raise_signal(signalnum)`: sends the signal to this process and runs its handler.
fn raise_signal(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("raise_signal", 1, 1)?;
    let signum = signum_arg(&a[0])?;
    // SAFETY: a plain library call.
    if unsafe { libc::raise(signum) } != 0 {
        return Err(os_error(last_errno(), None, None));
    }
    pyrs_vm::signals::check()?;
    Ok(pyrs_objects::none())
}

/// `strsignal(signalnum)`: the system's description, or None.
fn strsignal(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("strsignal", 1, 1)?;
    let signum = signum_arg(&a[0])?;
    let text = match signum {
        libc::SIGHUP => "Hangup",
        libc::SIGINT => "Interrupt",
        libc::SIGQUIT => "Quit",
        libc::SIGILL => "Illegal instruction",
        libc::SIGTRAP => "Trace/breakpoint trap",
        libc::SIGABRT => "Aborted",
        libc::SIGBUS => "Bus error",
        libc::SIGFPE => "Floating-point exception",
        libc::SIGKILL => "Killed",
        libc::SIGUSR1 => "User defined signal 1",
        libc::SIGSEGV => "Segmentation fault",
        libc::SIGUSR2 => "User defined signal 2",
        libc::SIGPIPE => "Broken pipe",
        libc::SIGALRM => "Alarm clock",
        libc::SIGTERM => "Terminated",
        libc::SIGSTKFLT => "Stack fault",
        libc::SIGCHLD => "Child exited",
        libc::SIGCONT => "Continued",
        libc::SIGSTOP => "Stopped (signal)",
        libc::SIGTSTP => "Stopped",
        libc::SIGTTIN => "Stopped (tty input)",
        libc::SIGTTOU => "Stopped (tty output)",
        libc::SIGURG => "Urgent I/O condition",
        libc::SIGXCPU => "CPU time limit exceeded",
        libc::SIGXFSZ => "File size limit exceeded",
        libc::SIGVTALRM => "Virtual timer expired",
        libc::SIGPROF => "Profiling timer expired",
        libc::SIGWINCH => "Window changed",
        libc::SIGIO => "I/O possible",
        libc::SIGPWR => "Power failure",
        libc::SIGSYS => "Bad system call",
        _ => {
            // SAFETY: strsignal returns a NUL-terminated string, copied at once.
            let s = unsafe {
                let p = libc::strsignal(signum);
                if p.is_null() {
                    return Ok(pyrs_objects::none());
                }
                std::ffi::CStr::from_ptr(p).to_string_lossy().into_owned()
            };
            return Ok(pyrs_objects::str::new(&s));
        }
    };
    Ok(pyrs_objects::str::new(text))
}

/// `valid_signals()`: the set of signal numbers this platform accepts.
fn valid_signals(args: Args<'_>) -> PyResult<Value> {
    args.exact("valid_signals", 0, 0)?;
    // glibc reserves 32 and 33 for its threads.
    let items = (1..NSIG as i64)
        .filter(|n| *n != 32 && *n != 33)
        .map(int::from_i64)
        .collect();
    let set = pyrs_objects::set::new_set(items)?;
    Ok(set)
}

/// `alarm(seconds)`: schedules SIGALRM, returns the seconds left of the previous alarm.
fn alarm(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("alarm", 1, 1)?;
    let secs = crate::argconv::index_arg(&a[0])?;
    let secs = u32::try_from(secs)
        .map_err(|_| PyErr::overflow_error("Python int too large to convert to C unsigned int"))?;
    // SAFETY: a plain library call.
    Ok(int::from_i64(unsafe { libc::alarm(secs) } as i64))
}

/// `pause()`: waits for a signal, then runs its handler.
fn pause(args: Args<'_>) -> PyResult<Value> {
    args.exact("pause", 0, 0)?;
    // SAFETY: a plain library call.
    unsafe { libc::pause() };
    pyrs_vm::signals::check()?;
    Ok(pyrs_objects::none())
}

/// `set_wakeup_fd(fd, /, *, warn_on_full_buffer=True)`: the descriptor the signal number
/// is written to when a signal arrives; returns the previous one.
fn set_wakeup_fd(args: Args<'_>) -> PyResult<Value> {
    let [fd, _warn] = args.bind("set_wakeup_fd", ["", "warn_on_full_buffer"], 1, 1, 1)?;
    let fd = fd.unwrap_or_else(pyrs_objects::none);
    let fd = crate::argconv::index_arg(&fd)?;
    let fd = i32::try_from(fd)
        .map_err(|_| PyErr::overflow_error("Python int too large to convert to C int"))?;
    if fd != -1 {
        // SAFETY: fstat into a zeroed buffer.
        let mut st: libc::stat = unsafe { std::mem::zeroed() };
        if unsafe { libc::fstat(fd, &mut st) } < 0 {
            return Err(os_error(last_errno(), None, None));
        }
        // SAFETY: fcntl with integer arguments.
        let flags = unsafe { libc::fcntl(fd, libc::F_GETFL) };
        if flags < 0 {
            return Err(os_error(last_errno(), None, None));
        }
        if flags & libc::O_NONBLOCK == 0 {
            return Err(PyErr::value_error(format!(
                "the fd {fd} must be in non-blocking mode"
            )));
        }
    }
    Ok(int::from_i64(WAKEUP_FD.swap(fd, Ordering::Relaxed) as i64))
}

/// `siginterrupt(signalnum, flag)`: whether the signal interrupts system calls.
fn siginterrupt(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("siginterrupt", 2, 2)?;
    let signum = signum_arg(&a[0])?;
    let flag = protocol::is_true(&a[1])?;
    // SAFETY: read, change and write back the disposition of one signal.
    unsafe {
        let mut sa: libc::sigaction = std::mem::zeroed();
        if libc::sigaction(signum, std::ptr::null(), &mut sa) < 0 {
            return Err(os_error(last_errno(), None, None));
        }
        if flag {
            sa.sa_flags &= !libc::SA_RESTART;
        } else {
            sa.sa_flags |= libc::SA_RESTART;
        }
        if libc::sigaction(signum, &sa, std::ptr::null_mut()) < 0 {
            return Err(os_error(last_errno(), None, None));
        }
    }
    Ok(pyrs_objects::none())
}
