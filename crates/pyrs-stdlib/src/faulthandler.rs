//! `faulthandler` (CPython's Modules/faulthandler.c): writes the Python traceback to a file
//! descriptor when the process receives a fatal signal (`enable`), when a timeout expires
//! (`dump_traceback_later`), when a chosen signal arrives (`register`), or on demand
//! (`dump_traceback`).
//!
//! The traceback is written by [`dump`], which only reads the interpreter's frames and calls
//! `write(2)`: it allocates nothing, takes no lock and runs no Python code, so it may run in
//! a signal handler (even one caught inside the allocator) and in the watchdog thread of
//! `dump_traceback_later`. The format is CPython's: a header line, then one line per frame,
//! innermost first, `  File "NAME", line N in FUNCTION`, names escaped to ASCII (`\xe9`,
//! `\u20ac`, `\U0001f600`) and cut at 500 characters, at most 100 frames.
//!
//! As in CPython, reading the frames from the watchdog thread while the interpreter runs is
//! a race (a frame may end while it is read); the watchdog is meant for a program that hangs,
//! whose frames stay put. pyrs runs Python code in one thread, so "all threads" is that one.
//! The Python file objects given as `file` are kept alive so that their descriptors stay
//! open while a handler may write to them.

use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use pyrs_objects::args::Args;
use pyrs_objects::native::NativeFn;
use pyrs_objects::{float, int, protocol, str as pystr, PyErr, PyResult, SyncCell, Value};
use pyrs_vm::signals::NSIG;

use crate::argconv::{add_functions, last_errno, module_dict, os_error};

/// Frames written at most (CPython's MAX_FRAME_DEPTH).
const MAX_FRAME_DEPTH: usize = 100;
/// Characters of a file or function name written at most (CPython's MAX_STRING_LENGTH).
const MAX_STRING_LENGTH: usize = 500;

/// The signals `enable` handles, with the name of the fatal error each one reports.
const FATAL_SIGNALS: [(i32, &str); 5] = [
    (libc::SIGBUS, "Bus error"),
    (libc::SIGILL, "Illegal instruction"),
    (libc::SIGFPE, "Floating-point exception"),
    (libc::SIGABRT, "Aborted"),
    (libc::SIGSEGV, "Segmentation fault"),
];

/// Makes the `faulthandler` module.
pub(crate) fn init() -> PyResult<Value> {
    let module = pyrs_objects::module::new_module("faulthandler");
    module_dict(&module).set_str("__doc__", pystr::new("faulthandler module."));
    let functions: &[(&'static str, NativeFn)] = &[
        ("enable", enable),
        ("disable", disable),
        ("is_enabled", is_enabled),
        ("dump_traceback", dump_traceback),
        ("dump_traceback_later", dump_traceback_later),
        ("cancel_dump_traceback_later", cancel_dump_traceback_later),
        ("register", register),
        ("unregister", unregister),
        ("_sigsegv", sigsegv),
        ("_read_null", sigsegv),
        ("_sigabrt", sigabrt),
        ("_sigfpe", sigfpe),
    ];
    add_functions(&module, functions);
    Ok(module)
}

// ---------------------------------------------------------------------------------------------
// Writing a traceback

/// Writes `bytes` to `fd`, ignoring errors (there is nowhere to report them).
fn put(fd: i32, bytes: &[u8]) {
    let mut rest = bytes;
    while !rest.is_empty() {
        // SAFETY: `rest` is a valid buffer of that length; write is async-signal-safe.
        let n = unsafe { libc::write(fd, rest.as_ptr().cast(), rest.len()) };
        if n <= 0 {
            return;
        }
        rest = &rest[n as usize..];
    }
}

/// Writes `value` in hexadecimal with at least `width` digits (CPython's `_Py_DumpHexadecimal`).
fn put_hex(fd: i32, value: u64, width: usize) {
    let mut buf = [0u8; 16];
    let mut digits = 0;
    let mut v = value;
    while v != 0 || digits < width.min(16) {
        buf[15 - digits] = b"0123456789abcdef"[(v & 15) as usize];
        v >>= 4;
        digits += 1;
    }
    put(fd, &buf[16 - digits..]);
}

/// Writes `value` in decimal.
fn put_decimal(fd: i32, value: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    let mut v = value;
    loop {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    put(fd, &buf[i..]);
}

/// Writes a str object as ASCII: printable ASCII as is, other code points as `\xNN`,
/// `\uNNNN` or `\UNNNNNNNN`, at most [`MAX_STRING_LENGTH`] of them, then `...` if cut.
fn put_ascii(fd: i32, text: &Value) {
    let Some(data) = text.downcast::<pystr::StrData>() else {
        put(fd, b"???");
        return;
    };
    for (i, cp) in data.code_points().enumerate() {
        if i == MAX_STRING_LENGTH {
            put(fd, b"...");
            return;
        }
        match cp {
            0x20..=0x7e => put(fd, &[cp as u8]),
            0..=0xff => {
                put(fd, b"\\x");
                put_hex(fd, cp as u64, 2);
            }
            0x100..=0xffff => {
                put(fd, b"\\u");
                put_hex(fd, cp as u64, 4);
            }
            _ => {
                put(fd, b"\\U");
                put_hex(fd, cp as u64, 8);
            }
        }
    }
}

/// The identifier of the calling thread, as CPython's `PyThread_get_thread_ident` gives it.
fn thread_ident() -> u64 {
    // SAFETY: pthread_self has no preconditions and is async-signal-safe.
    unsafe { libc::pthread_self() as u64 }
}

/// The first line of a dump.
#[derive(Clone, Copy)]
enum Header {
    /// `Stack (most recent call first):` (one thread asked for).
    Stack,
    /// `Current thread 0x… (most recent call first):` (all threads, written by that thread).
    Current(u64),
    /// `Thread 0x… (most recent call first):` (all threads, written by another thread).
    Other(u64),
}

/// Writes the traceback of the running Python frames to `fd`. Allocation-free and
/// lock-free: see the module documentation.
fn dump(fd: i32, header: Header) {
    match header {
        Header::Stack => put(fd, b"Stack"),
        Header::Current(ident) | Header::Other(ident) => {
            put(
                fd,
                if matches!(header, Header::Current(_)) {
                    b"Current thread 0x"
                } else {
                    b"Thread 0x"
                },
            );
            put_hex(fd, ident, 16);
        }
    }
    put(fd, b" (most recent call first):\n");
    let mut frame = pyrs_vm::frame::current();
    if frame.is_none() {
        put(fd, b"  <no Python frame>\n");
    }
    let mut depth = 0;
    while let Some(f) = frame {
        if depth == MAX_FRAME_DEPTH {
            break;
        }
        let code = f.code();
        put(fd, b"  File \"");
        put_ascii(fd, &code.filename);
        put(fd, b"\", line ");
        put_decimal(fd, f.lineno() as u64);
        put(fd, b" in ");
        put_ascii(fd, &code.name);
        put(fd, b"\n");
        // SAFETY: a running frame's `back` is a frame still running below it, or null.
        frame = unsafe { f.back.as_ref() };
        depth += 1;
    }
}

/// The header of a dump of "all threads" written by the thread running Python code.
fn all_threads_header(all_threads: bool) -> Header {
    if all_threads {
        Header::Current(thread_ident())
    } else {
        Header::Stack
    }
}

// ---------------------------------------------------------------------------------------------
// Arguments

/// The file and descriptor a `file` argument names (CPython's `faulthandler_get_fileno`): an
/// int is a descriptor, None or absent is `sys.stderr`, anything else a file object whose
/// `fileno()` is asked for and which is flushed first.
fn file_and_fd(file: Option<&Value>) -> PyResult<(Value, i32)> {
    let file = match file.filter(|f| !protocol::is_none(f)) {
        Some(f) => f.clone(),
        None => match pyrs_vm::sys::get("stderr") {
            None => return Err(PyErr::runtime_error("unable to get sys.stderr")),
            Some(e) if protocol::is_none(&e) => {
                return Err(PyErr::runtime_error("sys.stderr is None"))
            }
            Some(e) => e,
        },
    };
    if int::as_int(&file).is_some() {
        let fd = protocol::index_isize(&file, false)?;
        if fd < 0 || fd > i32::MAX as isize {
            return Err(PyErr::value_error("file is not a valid file descriptor"));
        }
        return Ok((file, fd as i32));
    }
    let fileno = protocol::getattr_str(&file, "fileno")?;
    let result = protocol::call1(&fileno, &[])?;
    let fd = int::as_int(&result)
        .and_then(|_| protocol::index_isize(&result, false).ok())
        .filter(|&fd| (0..=i32::MAX as isize).contains(&fd))
        .ok_or_else(|| PyErr::runtime_error("file.fileno() is not a valid file descriptor"))?;
    // Whatever the file buffered goes out before the traceback; a failing flush is ignored.
    if let Ok(flush) = protocol::getattr_str(&file, "flush") {
        let _ = protocol::call1(&flush, &[]);
    }
    Ok((file, fd as i32))
}

/// A signal number `register`/`unregister` accept.
fn signal_number(v: &Value) -> PyResult<i32> {
    let signum = protocol::index_isize(v, false)?;
    if signum < 1 || signum >= NSIG as isize {
        return Err(PyErr::value_error("signal number out of range"));
    }
    Ok(signum as i32)
}

fn int_arg(v: Option<&Value>) -> PyResult<bool> {
    match v {
        None => Ok(false),
        Some(v) => Ok(protocol::index_isize(v, false)? != 0),
    }
}

// ---------------------------------------------------------------------------------------------
// Fatal signals: enable, disable, is_enabled

/// Whether the fatal-signal handlers are installed.
static FATAL_ENABLED: AtomicBool = AtomicBool::new(false);
/// Where the fatal-signal handler writes.
static FATAL_FD: AtomicI32 = AtomicI32::new(2);
/// Whether it writes "all threads" (the `Current thread` header).
static FATAL_ALL_THREADS: AtomicBool = AtomicBool::new(true);

/// The handlers the fatal-signal handlers replaced, restored before the signal is raised
/// again, and by `disable`.
static FATAL_PREVIOUS: SyncCell<RefCell<[Option<libc::sigaction>; 5]>> =
    SyncCell(RefCell::new([None; 5]));

/// The Python objects handlers write to, kept alive: the fatal file, the watchdog's, and one
/// per registered signal.
static FILES: SyncCell<RefCell<Files>> = SyncCell(RefCell::new(Files {
    fatal: None,
    later: None,
    user: Vec::new(),
}));

struct Files {
    fatal: Option<Value>,
    later: Option<Value>,
    user: Vec<(i32, Value)>,
}

/// Installs `handler` for `signum`, returning the action it replaced.
fn install(
    signum: i32,
    handler: extern "C" fn(libc::c_int),
    flags: libc::c_int,
) -> PyResult<libc::sigaction> {
    // SAFETY: an all-zero sigaction is valid; the new one has a valid handler and an empty
    // mask, and sigaction writes the previous one into `old`.
    unsafe {
        let mut action: libc::sigaction = std::mem::zeroed();
        action.sa_sigaction = handler as libc::sighandler_t;
        libc::sigemptyset(&mut action.sa_mask);
        action.sa_flags = flags | libc::SA_ONSTACK;
        let mut old: libc::sigaction = std::mem::zeroed();
        if libc::sigaction(signum, &action, &mut old) != 0 {
            return Err(os_error(last_errno(), None, None));
        }
        Ok(old)
    }
}

/// Puts back an action saved by [`install`].
fn restore(signum: i32, action: &libc::sigaction) {
    // SAFETY: `action` was filled in by sigaction.
    unsafe {
        libc::sigaction(signum, action, std::ptr::null_mut());
    }
}

/// The handler of the fatal signals: writes `Fatal Python error: NAME`, a blank line and the
/// traceback, puts the previous handler back and raises the signal again, so the process ends
/// as it would have without faulthandler. Async-signal-safe.
extern "C" fn fatal_handler(signum: libc::c_int) {
    // SAFETY: errno is thread-local; it is restored before the signal is raised again.
    let saved_errno = unsafe { *libc::__errno_location() };
    let fd = FATAL_FD.load(Ordering::Relaxed);
    let Some(index) = FATAL_SIGNALS.iter().position(|&(s, _)| s == signum) else {
        return;
    };
    // SAFETY: the table is only replaced by enable/disable, which run in the thread that runs
    // Python code, never while this handler runs in it; a plain read of a copied value.
    let previous = unsafe { (*FATAL_PREVIOUS.0.as_ptr())[index] };
    if let Some(previous) = previous {
        restore(signum, &previous);
    }
    if !FATAL_ENABLED.load(Ordering::Relaxed) {
        // SAFETY: raise is async-signal-safe.
        unsafe { libc::raise(signum) };
        return;
    }
    put(fd, b"Fatal Python error: ");
    put(fd, FATAL_SIGNALS[index].1.as_bytes());
    put(fd, b"\n\n");
    dump(
        fd,
        all_threads_header(FATAL_ALL_THREADS.load(Ordering::Relaxed)),
    );
    // SAFETY: as above.
    unsafe {
        *libc::__errno_location() = saved_errno;
        libc::raise(signum);
    }
}

fn enable_fatal(file: Value, fd: i32, all_threads: bool) -> PyResult<()> {
    FILES.0.borrow_mut().fatal = Some(file);
    FATAL_FD.store(fd, Ordering::Relaxed);
    FATAL_ALL_THREADS.store(all_threads, Ordering::Relaxed);
    if FATAL_ENABLED.load(Ordering::Relaxed) {
        return Ok(());
    }
    for (i, &(signum, _)) in FATAL_SIGNALS.iter().enumerate() {
        // SA_NODEFER: the previous handler, raised from inside this one, runs at once.
        let previous = install(signum, fatal_handler, libc::SA_NODEFER)?;
        FATAL_PREVIOUS.0.borrow_mut()[i] = Some(previous);
    }
    FATAL_ENABLED.store(true, Ordering::Relaxed);
    Ok(())
}

/// `faulthandler.enable(file=sys.stderr, all_threads=True)`.
fn enable(args: Args<'_>) -> PyResult<Value> {
    let [file, all_threads] = args.bind("enable", ["file", "all_threads"], 0, 0, 2)?;
    let (file, fd) = file_and_fd(file.as_ref())?;
    let all_threads = match all_threads {
        Some(v) => protocol::is_true(&v)?,
        None => true,
    };
    enable_fatal(file, fd, all_threads)?;
    Ok(pyrs_objects::none())
}

/// `faulthandler.disable()`: True if the handlers were installed.
fn disable(args: Args<'_>) -> PyResult<Value> {
    args.exact("disable", 0, 0)?;
    if !FATAL_ENABLED.swap(false, Ordering::Relaxed) {
        return Ok(pyrs_objects::bool(false));
    }
    let previous = std::mem::take(&mut *FATAL_PREVIOUS.0.borrow_mut());
    for (&(signum, _), action) in FATAL_SIGNALS.iter().zip(previous.iter()) {
        if let Some(action) = action {
            restore(signum, action);
        }
    }
    FILES.0.borrow_mut().fatal = None;
    Ok(pyrs_objects::bool(true))
}

/// `faulthandler.is_enabled()`.
fn is_enabled(args: Args<'_>) -> PyResult<Value> {
    args.exact("is_enabled", 0, 0)?;
    Ok(pyrs_objects::bool(FATAL_ENABLED.load(Ordering::Relaxed)))
}

/// `faulthandler.dump_traceback(file=sys.stderr, all_threads=True)`.
fn dump_traceback(args: Args<'_>) -> PyResult<Value> {
    let [file, all_threads] = args.bind("dump_traceback", ["file", "all_threads"], 0, 0, 2)?;
    let (_file, fd) = file_and_fd(file.as_ref())?;
    let all_threads = match all_threads {
        Some(v) => protocol::is_true(&v)?,
        None => true,
    };
    dump(fd, all_threads_header(all_threads));
    Ok(pyrs_objects::none())
}

// ---------------------------------------------------------------------------------------------
// The watchdog: dump_traceback_later, cancel_dump_traceback_later

/// The running watchdog: its cancel flag (with the condition it waits on) and its thread.
struct Watchdog {
    cancel: Arc<(Mutex<bool>, Condvar)>,
    thread: std::thread::JoinHandle<()>,
}

static WATCHDOG: SyncCell<RefCell<Option<Watchdog>>> = SyncCell(RefCell::new(None));

/// `Timeout (H:MM:SS)!` or `Timeout (H:MM:SS.UUUUUU)!`, as CPython writes it.
fn timeout_header(timeout: f64) -> String {
    let whole = timeout.trunc();
    let us = ((timeout - whole) * 1e6) as u64;
    let sec = whole as u64;
    let (hour, min, sec) = (sec / 3600, sec / 60 % 60, sec % 60);
    if us != 0 {
        format!("Timeout ({hour}:{min:02}:{sec:02}.{us:06})!\n")
    } else {
        format!("Timeout ({hour}:{min:02}:{sec:02})!\n")
    }
}

/// The timeout in seconds of `dump_traceback_later`, checked as CPython's
/// `_PyTime_FromSecondsObject` checks it.
fn timeout_arg(v: &Value) -> PyResult<f64> {
    let seconds = match float::as_f64(v) {
        Some(f) => {
            if f.is_nan() {
                return Err(PyErr::value_error("Invalid value NaN (not a number)"));
            }
            f
        }
        None => protocol::index_isize(v, false)? as f64,
    };
    // CPython keeps times as 64-bit counts of nanoseconds.
    if seconds.abs() >= i64::MAX as f64 / 1e9 {
        return Err(PyErr::overflow_error(
            "timestamp out of range for platform time_t",
        ));
    }
    Ok(seconds)
}

/// `faulthandler.dump_traceback_later(timeout, repeat=False, file=sys.stderr, exit=False)`.
fn dump_traceback_later(args: Args<'_>) -> PyResult<Value> {
    let [timeout, repeat, file, exit] = args.bind(
        "dump_traceback_later",
        ["timeout", "repeat", "file", "exit"],
        1,
        0,
        4,
    )?;
    let timeout = timeout_arg(timeout.as_ref().expect("required"))?;
    let repeat = int_arg(repeat.as_ref())?;
    let exit = int_arg(exit.as_ref())?;
    if timeout <= 0.0 || (timeout * 1e6) < 1.0 {
        return Err(PyErr::value_error("timeout must be greater than 0"));
    }
    let (file, fd) = file_and_fd(file.as_ref())?;
    cancel_watchdog();
    FILES.0.borrow_mut().later = Some(file);
    let header = timeout_header(timeout);
    let ident = thread_ident();
    let period = Duration::from_secs_f64(timeout);
    let cancel = Arc::new((Mutex::new(false), Condvar::new()));
    let watched = Arc::clone(&cancel);
    let spawned = std::thread::Builder::new()
        .name("faulthandler".into())
        .spawn(move || watchdog(&watched, period, repeat, exit, fd, &header, ident));
    match spawned {
        Ok(thread) => {
            *WATCHDOG.0.borrow_mut() = Some(Watchdog { cancel, thread });
            Ok(pyrs_objects::none())
        }
        Err(_) => {
            FILES.0.borrow_mut().later = None;
            Err(PyErr::runtime_error("unable to start watchdog thread"))
        }
    }
}

/// The watchdog thread: waits `period` unless cancelled, then writes the header and the
/// traceback (and ends the process with status 1 if `exit`), again and again if `repeat`.
fn watchdog(
    cancel: &(Mutex<bool>, Condvar),
    period: Duration,
    repeat: bool,
    exit: bool,
    fd: i32,
    header: &str,
    ident: u64,
) {
    // Signals are for the interpreter's thread, never for this one.
    // SAFETY: a filled signal set, applied to the calling thread only.
    unsafe {
        let mut all: libc::sigset_t = std::mem::zeroed();
        libc::sigfillset(&mut all);
        libc::pthread_sigmask(libc::SIG_SETMASK, &all, std::ptr::null_mut());
    }
    let (lock, condvar) = cancel;
    let mut cancelled = lock.lock().unwrap_or_else(|e| e.into_inner());
    loop {
        let (guard, wait) = condvar
            .wait_timeout_while(cancelled, period, |c| !*c)
            .unwrap_or_else(|e| e.into_inner());
        cancelled = guard;
        if !wait.timed_out() || *cancelled {
            return;
        }
        put(fd, header.as_bytes());
        dump(fd, Header::Other(ident));
        if exit {
            // SAFETY: ends the process at once, as CPython's watchdog does with _exit(1).
            unsafe { libc::_exit(1) };
        }
        if !repeat {
            return;
        }
    }
}

/// Stops the watchdog, if one runs, and waits for its thread to end.
fn cancel_watchdog() {
    let running = WATCHDOG.0.borrow_mut().take();
    if let Some(Watchdog { cancel, thread }) = running {
        let (lock, condvar) = &*cancel;
        *lock.lock().unwrap_or_else(|e| e.into_inner()) = true;
        condvar.notify_all();
        let _ = thread.join();
    }
    FILES.0.borrow_mut().later = None;
}

/// `faulthandler.cancel_dump_traceback_later()`.
fn cancel_dump_traceback_later(args: Args<'_>) -> PyResult<Value> {
    args.exact("cancel_dump_traceback_later", 0, 0)?;
    cancel_watchdog();
    Ok(pyrs_objects::none())
}

// ---------------------------------------------------------------------------------------------
// User signals: register, unregister

/// What `register` set up for one signal.
#[derive(Clone, Copy)]
struct UserSignal {
    fd: i32,
    all_threads: bool,
    chain: bool,
    previous: libc::sigaction,
}

/// The registered signals, by number. Read by the handler, written by register/unregister
/// in the thread that runs Python code.
static USER_SIGNALS: SyncCell<RefCell<[Option<UserSignal>; NSIG]>> =
    SyncCell(RefCell::new([None; NSIG]));

/// The handler of a registered signal: writes the traceback, then, with `chain`, runs the
/// handler that was there before. Async-signal-safe.
extern "C" fn user_handler(signum: libc::c_int) {
    // SAFETY: errno is restored before returning; the table entry is a plain copied read
    // (see USER_SIGNALS).
    unsafe {
        let saved_errno = *libc::__errno_location();
        let Some(user) = (*USER_SIGNALS.0.as_ptr())
            .get(signum as usize)
            .copied()
            .flatten()
        else {
            return;
        };
        dump(user.fd, all_threads_header(user.all_threads));
        if user.chain {
            let previous = user.previous.sa_sigaction;
            if previous == libc::SIG_DFL {
                // The default action: put it back, raise, and come back if the process lives.
                restore(signum, &user.previous);
                libc::raise(signum);
                let _ = install(signum, user_handler, libc::SA_NODEFER);
            } else if previous != libc::SIG_IGN {
                if user.previous.sa_flags & libc::SA_SIGINFO != 0 {
                    let f: extern "C" fn(libc::c_int, *mut libc::siginfo_t, *mut libc::c_void) =
                        std::mem::transmute(previous);
                    f(signum, std::ptr::null_mut(), std::ptr::null_mut());
                } else {
                    let f: extern "C" fn(libc::c_int) = std::mem::transmute(previous);
                    f(signum);
                }
            }
        }
        *libc::__errno_location() = saved_errno;
    }
}

/// `faulthandler.register(signum, file=sys.stderr, all_threads=True, chain=False)`.
fn register(args: Args<'_>) -> PyResult<Value> {
    let [signum, file, all_threads, chain] = args.bind(
        "register",
        ["signum", "file", "all_threads", "chain"],
        1,
        0,
        4,
    )?;
    let signum = signal_number(signum.as_ref().expect("required"))?;
    if FATAL_SIGNALS.iter().any(|&(s, _)| s == signum) {
        return Err(PyErr::runtime_error(format!(
            "signal {signum} cannot be registered, use enable() instead"
        )));
    }
    let (file, fd) = file_and_fd(file.as_ref())?;
    let all_threads = match all_threads {
        Some(v) => protocol::is_true(&v)?,
        None => true,
    };
    let chain = match chain {
        Some(v) => protocol::is_true(&v)?,
        None => false,
    };
    let existing = USER_SIGNALS.0.borrow()[signum as usize];
    let previous = match existing {
        Some(user) => user.previous,
        None => install(
            signum,
            user_handler,
            if chain { libc::SA_NODEFER } else { 0 },
        )?,
    };
    USER_SIGNALS.0.borrow_mut()[signum as usize] = Some(UserSignal {
        fd,
        all_threads,
        chain,
        previous,
    });
    let mut files = FILES.0.borrow_mut();
    files.user.retain(|(s, _)| *s != signum);
    files.user.push((signum, file));
    Ok(pyrs_objects::none())
}

/// `faulthandler.unregister(signum)`: True if the signal was registered.
fn unregister(args: Args<'_>) -> PyResult<Value> {
    let [signum] = args.bind("unregister", ["signum"], 1, 1, 1)?;
    let signum = signal_number(signum.as_ref().expect("required"))?;
    let Some(user) = USER_SIGNALS.0.borrow_mut()[signum as usize].take() else {
        return Ok(pyrs_objects::bool(false));
    };
    restore(signum, &user.previous);
    FILES.0.borrow_mut().user.retain(|(s, _)| *s != signum);
    Ok(pyrs_objects::bool(true))
}

// ---------------------------------------------------------------------------------------------
// The test helpers of CPython's test_faulthandler

/// Stops the kernel from writing a core file for a crash provoked on purpose (CPython's
/// `faulthandler_suppress_crash_report`).
fn suppress_core_dump() {
    // SAFETY: plain get/setrlimit calls on a local struct.
    unsafe {
        let mut limit: libc::rlimit = std::mem::zeroed();
        if libc::getrlimit(libc::RLIMIT_CORE, &mut limit) == 0 {
            limit.rlim_cur = 0;
            libc::setrlimit(libc::RLIMIT_CORE, &limit);
        }
    }
}

/// Raises `signum` in the process, for the test helpers, which end the process by it. A
/// handler that returns (Rust's own SIGSEGV handler resets the default action and returns,
/// expecting a faulting instruction to run again) gets the default action raised after it.
fn raise(signum: i32) -> PyResult<Value> {
    suppress_core_dump();
    // SAFETY: raise and signal have no preconditions; ending the process is the point.
    unsafe {
        libc::raise(signum);
        libc::signal(signum, libc::SIG_DFL);
        libc::raise(signum);
    }
    Ok(pyrs_objects::none())
}

/// `faulthandler._sigsegv()` and `_read_null()`: a segmentation fault.
fn sigsegv(_args: Args<'_>) -> PyResult<Value> {
    raise(libc::SIGSEGV)
}

/// `faulthandler._sigabrt()`: abort().
fn sigabrt(_args: Args<'_>) -> PyResult<Value> {
    suppress_core_dump();
    std::process::abort()
}

/// `faulthandler._sigfpe()`: a floating point exception.
fn sigfpe(_args: Args<'_>) -> PyResult<Value> {
    raise(libc::SIGFPE)
}
