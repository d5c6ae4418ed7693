//! `select` (CPython's Modules/selectmodule.c): waiting for file descriptors with `select`,
//! `poll` objects and `epoll` objects, for `selectors`, `subprocess` and asyncio's event loop.
//!
//! `select.select` is carried out with the `poll(2)` system call, which has no
//! `FD_SETSIZE` limit; CPython's "filedescriptor out of range in select()" check is kept so
//! that both accept the same descriptors. `devpoll` and `kqueue` do not exist on Linux.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::sync::OnceLock;

use pyrs_objects::args::Args;
use pyrs_objects::native::{MethodDef, MethodKind, NativeFn};
use pyrs_objects::object::Payload;
use pyrs_objects::typeobject::TypeBuilder;
use pyrs_objects::{int, list, protocol, tuple, ExcKind, PyErr, PyResult, SyncCell, Value};

use crate::argconv::{add_functions, last_errno, module_dict, os_error};

/// CPython's `FD_SETSIZE` on Linux.
const FD_SETSIZE: i64 = 1024;

/// The payload of a `select.poll` object: the registered descriptors and their masks.
struct PollData {
    fds: RefCell<BTreeMap<i32, i16>>,
    polling: Cell<bool>,
}

impl Payload for PollData {}

/// The payload of a `select.epoll` object: its descriptor, -1 once closed.
struct EpollData {
    fd: Cell<i32>,
}

impl Payload for EpollData {}

impl Drop for EpollData {
    fn drop(&mut self) {
        let fd = self.fd.get();
        if fd >= 0 {
            // SAFETY: closing a descriptor this object owns.
            unsafe { libc::close(fd) };
        }
    }
}

struct Types {
    poll: Value,
    epoll: Value,
}

static TYPES: OnceLock<SyncCell<Types>> = OnceLock::new();

fn types() -> &'static Types {
    &TYPES
        .get_or_init(|| {
            SyncCell(Types {
                poll: TypeBuilder::new::<PollData>("poll")
                    .module("select")
                    .methods(POLL_METHODS)
                    .build(),
                epoll: TypeBuilder::new::<EpollData>("epoll")
                    .module("select")
                    .subclassable()
                    .slots(|s| s.new.set(Some(epoll_new)))
                    .methods(EPOLL_METHODS)
                    .build(),
            })
        })
        .0
}

/// Makes the `select` module.
pub(crate) fn init() -> PyResult<Value> {
    let module = pyrs_objects::module::new_module("select");
    let d = module_dict(&module);
    d.set_str("error", ExcKind::OSError.class().clone());
    d.set_str("epoll", types().epoll.clone());
    let constants: &[(&str, i64)] = &[
        ("POLLIN", libc::POLLIN as i64),
        ("POLLPRI", libc::POLLPRI as i64),
        ("POLLOUT", libc::POLLOUT as i64),
        ("POLLERR", libc::POLLERR as i64),
        ("POLLHUP", libc::POLLHUP as i64),
        ("POLLNVAL", libc::POLLNVAL as i64),
        ("POLLRDNORM", libc::POLLRDNORM as i64),
        ("POLLRDBAND", libc::POLLRDBAND as i64),
        ("POLLWRNORM", libc::POLLWRNORM as i64),
        ("POLLWRBAND", libc::POLLWRBAND as i64),
        ("POLLMSG", 0x400),
        ("POLLRDHUP", libc::POLLRDHUP as i64),
        ("EPOLLIN", libc::EPOLLIN as i64),
        ("EPOLLOUT", libc::EPOLLOUT as i64),
        ("EPOLLPRI", libc::EPOLLPRI as i64),
        ("EPOLLERR", libc::EPOLLERR as i64),
        ("EPOLLHUP", libc::EPOLLHUP as i64),
        ("EPOLLET", libc::EPOLLET as u32 as i64),
        ("EPOLLONESHOT", libc::EPOLLONESHOT as i64),
        ("EPOLLEXCLUSIVE", libc::EPOLLEXCLUSIVE as i64),
        ("EPOLLRDHUP", libc::EPOLLRDHUP as i64),
        ("EPOLLRDNORM", libc::EPOLLRDNORM as i64),
        ("EPOLLRDBAND", libc::EPOLLRDBAND as i64),
        ("EPOLLWRNORM", libc::EPOLLWRNORM as i64),
        ("EPOLLWRBAND", libc::EPOLLWRBAND as i64),
        ("EPOLLMSG", libc::EPOLLMSG as i64),
        ("EPOLL_CLOEXEC", libc::EPOLL_CLOEXEC as i64),
        ("PIPE_BUF", libc::PIPE_BUF as i64),
    ];
    for (name, value) in constants {
        d.set_str(name, int::from_i64(*value));
    }
    let functions: &[(&'static str, NativeFn)] = &[("select", select), ("poll", poll)];
    add_functions(&module, functions);
    Ok(module)
}

/// A file descriptor argument: an int, or an object whose `fileno()` returns one
/// (CPython's `PyObject_AsFileDescriptor`).
pub(crate) fn fd_arg(v: &Value) -> PyResult<i32> {
    let n = if protocol::has_index(v) && int::as_int(v).is_some() {
        protocol::index_isize(v, false)?
    } else {
        let fileno = match protocol::getattr_str(v, "fileno") {
            Ok(f) => f,
            Err(e) if e.matches(ExcKind::AttributeError.class()) => {
                return Err(PyErr::type_error(
                    "argument must be an int, or have a fileno() method.",
                ))
            }
            Err(e) => return Err(e),
        };
        let r = protocol::call1(&fileno, &[])?;
        if int::as_int(&r).is_none() {
            return Err(PyErr::type_error("fileno() returned a non-integer"));
        }
        protocol::index_isize(&r, false)?
    };
    if n < 0 {
        return Err(PyErr::value_error(format!(
            "file descriptor cannot be a negative integer ({n})"
        )));
    }
    i32::try_from(n).map_err(|_| PyErr::overflow_error("fd is greater than maximum"))
}

/// A timeout in seconds: `None` is forever (-1 ms), else milliseconds rounded up.
fn timeout_ms(v: Option<&Value>, negative_is_error: bool) -> PyResult<i32> {
    let v = match v {
        None => return Ok(-1),
        Some(v) if protocol::is_none(v) => return Ok(-1),
        Some(v) => v,
    };
    let secs = crate::time::seconds(v)?;
    if secs.is_nan() {
        return Err(PyErr::value_error("Invalid value NaN (not a number)"));
    }
    if secs < 0.0 {
        if negative_is_error {
            return Err(PyErr::value_error("timeout must be non-negative"));
        }
        return Ok(-1);
    }
    let ms = (secs * 1000.0).ceil();
    if ms > i32::MAX as f64 {
        return Err(PyErr::overflow_error("timeout is too large"));
    }
    Ok(ms as i32)
}

/// Milliseconds since an arbitrary start, for recomputing a timeout after EINTR.
fn now_ms() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: ts is a valid timespec to fill.
    unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts) };
    ts.tv_sec as f64 * 1000.0 + ts.tv_nsec as f64 / 1e6
}

/// `poll(2)` over `fds`, retried after signals with what remains of `timeout` (ms, -1:
/// forever). Returns the number of ready descriptors.
fn poll_fds(fds: &mut [libc::pollfd], timeout: i32) -> PyResult<usize> {
    let deadline = (timeout >= 0).then(|| now_ms() + timeout as f64);
    let mut wait = timeout;
    loop {
        // SAFETY: fds is a valid slice of pollfd of the given length.
        let n = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, wait) };
        if n >= 0 {
            return Ok(n as usize);
        }
        let errno = last_errno();
        if errno != libc::EINTR {
            return Err(os_error(errno, None, None));
        }
        pyrs_vm::signals::check()?;
        if let Some(d) = deadline {
            wait = (d - now_ms()).ceil().max(0.0) as i32;
        }
    }
}

/// `select.select(rlist, wlist, xlist, timeout=None)`.
fn select(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("select", 3, 4)?;
    let timeout = timeout_ms(a.get(3), true)?;
    let mut lists: Vec<Vec<(i32, Value)>> = Vec::with_capacity(3);
    for seq in &a[..3] {
        let items = protocol::collect(seq).map_err(|e| {
            if e.matches(ExcKind::TypeError.class()) {
                PyErr::type_error("arguments 1-3 must be sequences")
            } else {
                e
            }
        })?;
        let mut entries = Vec::with_capacity(items.len());
        for item in items {
            let fd = fd_arg(&item)?;
            if fd as i64 >= FD_SETSIZE {
                return Err(PyErr::value_error(
                    "filedescriptor out of range in select()",
                ));
            }
            entries.push((fd, item));
        }
        lists.push(entries);
    }
    let wanted = [libc::POLLIN, libc::POLLOUT, libc::POLLPRI];
    let mut pollfds: Vec<libc::pollfd> = Vec::new();
    for (which, entries) in lists.iter().enumerate() {
        for (fd, _) in entries {
            pollfds.push(libc::pollfd {
                fd: *fd,
                events: wanted[which],
                revents: 0,
            });
        }
    }
    poll_fds(&mut pollfds, timeout)?;
    if pollfds.iter().any(|p| p.revents & libc::POLLNVAL != 0) {
        return Err(os_error(libc::EBADF, None, None));
    }
    let mut results = Vec::with_capacity(3);
    let mut k = 0;
    for (which, entries) in lists.iter().enumerate() {
        let mut ready = Vec::new();
        for (_, item) in entries {
            let r = pollfds[k].revents;
            k += 1;
            let hit = match which {
                0 => r & (libc::POLLIN | libc::POLLHUP | libc::POLLERR) != 0,
                1 => r & (libc::POLLOUT | libc::POLLERR) != 0,
                _ => r & libc::POLLPRI != 0,
            };
            if hit {
                ready.push(item.clone());
            }
        }
        results.push(list::new(ready));
    }
    Ok(tuple::new(results))
}

/// `select.poll()`.
fn poll(args: Args<'_>) -> PyResult<Value> {
    args.exact("poll", 0, 0)?;
    Ok(pyrs_objects::object::alloc(
        &types().poll,
        PollData {
            fds: RefCell::new(BTreeMap::new()),
            polling: Cell::new(false),
        },
    ))
}

static POLL_METHODS: &[MethodDef] = &[
    MethodDef::new("register", MethodKind::Method(poll_register)),
    MethodDef::new("modify", MethodKind::Method(poll_modify)),
    MethodDef::new("unregister", MethodKind::Method(poll_unregister)),
    MethodDef::new("poll", MethodKind::Method(poll_poll)),
];

fn poll_of<'a>(args: &Args<'a>, method: &str) -> PyResult<&'a PollData> {
    let this = args
        .pos()
        .first()
        .ok_or_else(|| PyErr::type_error(format!("{method}() needs an argument")))?;
    protocol::self_payload::<PollData>(this, method, "select.poll")
}

/// An event mask: an unsigned short.
fn mask_arg(v: &Value) -> PyResult<i16> {
    let n = crate::argconv::index_arg(v)?;
    if n < 0 {
        return Err(PyErr::overflow_error(
            "can't convert negative int to unsigned",
        ));
    }
    if n > u16::MAX as i64 {
        return Err(PyErr::overflow_error(
            "Python int too large for C unsigned short",
        ));
    }
    Ok(n as u16 as i16)
}

fn poll_register(args: Args<'_>) -> PyResult<Value> {
    let p = poll_of(&args, "register")?;
    let a = args.skip_first();
    let a = a.exact("register", 1, 2)?;
    let fd = fd_arg(&a[0])?;
    let mask = match a.get(1) {
        Some(m) => mask_arg(m)?,
        None => libc::POLLIN | libc::POLLPRI | libc::POLLOUT,
    };
    p.fds.borrow_mut().insert(fd, mask);
    Ok(pyrs_objects::none())
}

fn poll_modify(args: Args<'_>) -> PyResult<Value> {
    let p = poll_of(&args, "modify")?;
    let a = args.skip_first();
    let a = a.exact("modify", 2, 2)?;
    let fd = fd_arg(&a[0])?;
    let mask = mask_arg(&a[1])?;
    let mut fds = p.fds.borrow_mut();
    match fds.get_mut(&fd) {
        Some(m) => *m = mask,
        None => {
            drop(fds);
            return Err(os_error(libc::ENOENT, None, None));
        }
    }
    Ok(pyrs_objects::none())
}

fn poll_unregister(args: Args<'_>) -> PyResult<Value> {
    let p = poll_of(&args, "unregister")?;
    let a = args.skip_first();
    let a = a.exact("unregister", 1, 1)?;
    let fd = fd_arg(&a[0])?;
    let removed = p.fds.borrow_mut().remove(&fd);
    if removed.is_none() {
        return Err(PyErr::with_args(
            ExcKind::KeyError,
            vec![int::from_i64(fd as i64)],
        ));
    }
    Ok(pyrs_objects::none())
}

fn poll_poll(args: Args<'_>) -> PyResult<Value> {
    let p = poll_of(&args, "poll")?;
    let a = args.skip_first();
    let a = a.exact("poll", 0, 1)?;
    let timeout = match a.first() {
        None => -1,
        Some(t) if protocol::is_none(t) => -1,
        Some(t) => {
            let ms = crate::time::seconds(t)?;
            if ms.is_nan() {
                return Err(PyErr::value_error("Invalid value NaN (not a number)"));
            }
            if ms < 0.0 {
                -1
            } else if ms.ceil() > i32::MAX as f64 {
                return Err(PyErr::overflow_error("timeout is too large"));
            } else {
                ms.ceil() as i32
            }
        }
    };
    if p.polling.get() {
        return Err(PyErr::runtime_error("concurrent poll() invocation"));
    }
    let mut pollfds: Vec<libc::pollfd> = p
        .fds
        .borrow()
        .iter()
        .map(|(fd, mask)| libc::pollfd {
            fd: *fd,
            events: *mask,
            revents: 0,
        })
        .collect();
    p.polling.set(true);
    let r = poll_fds(&mut pollfds, timeout);
    p.polling.set(false);
    r?;
    let ready = pollfds
        .iter()
        .filter(|pfd| pfd.revents != 0)
        .map(|pfd| {
            tuple::new(vec![
                int::from_i64(pfd.fd as i64),
                int::from_i64(pfd.revents as u16 as i64),
            ])
        })
        .collect();
    Ok(list::new(ready))
}

/// `select.epoll(sizehint=-1, flags=0)`.
fn epoll_new(cls: &Value, args: Args<'_>) -> PyResult<Value> {
    let [sizehint, flags] = args.bind("epoll", ["sizehint", "flags"], 0, 0, 2)?;
    if let Some(s) = sizehint {
        let s = crate::argconv::index_arg(&s)?;
        if s == 0 || s < -1 {
            return Err(PyErr::value_error("negative sizehint"));
        }
    }
    if let Some(f) = flags {
        let f = crate::argconv::index_arg(&f)?;
        if f != 0 && f != libc::EPOLL_CLOEXEC as i64 {
            return Err(os_error(libc::EINVAL, None, None));
        }
    }
    // SAFETY: a plain system call.
    let fd = unsafe { libc::epoll_create1(libc::EPOLL_CLOEXEC) };
    if fd < 0 {
        return Err(os_error(last_errno(), None, None));
    }
    Ok(pyrs_objects::object::alloc(
        cls,
        EpollData { fd: Cell::new(fd) },
    ))
}

static EPOLL_METHODS: &[MethodDef] = &[
    MethodDef::new("close", MethodKind::Method(epoll_close)),
    MethodDef::new("fileno", MethodKind::Method(epoll_fileno)),
    MethodDef::new("fromfd", MethodKind::Class(epoll_fromfd)),
    MethodDef::new("register", MethodKind::Method(epoll_register)),
    MethodDef::new("modify", MethodKind::Method(epoll_modify)),
    MethodDef::new("unregister", MethodKind::Method(epoll_unregister)),
    MethodDef::new("poll", MethodKind::Method(epoll_poll)),
    MethodDef::new("__enter__", MethodKind::Method(epoll_enter)),
    MethodDef::new("__exit__", MethodKind::Method(epoll_exit)),
    MethodDef::new("closed", MethodKind::GetSet(epoll_closed, None)),
];

fn epoll_of<'a>(args: &Args<'a>, method: &str) -> PyResult<&'a EpollData> {
    let this = args
        .pos()
        .first()
        .ok_or_else(|| PyErr::type_error(format!("{method}() needs an argument")))?;
    protocol::self_payload::<EpollData>(this, method, "select.epoll")
}

/// The descriptor of an open epoll object.
fn open_fd(e: &EpollData) -> PyResult<i32> {
    let fd = e.fd.get();
    if fd < 0 {
        return Err(PyErr::value_error("I/O operation on closed epoll object"));
    }
    Ok(fd)
}

fn epoll_close(args: Args<'_>) -> PyResult<Value> {
    let e = epoll_of(&args, "close")?;
    args.exact("close", 1, 1)?;
    let fd = e.fd.replace(-1);
    // SAFETY: closing a descriptor this object owned.
    if fd >= 0 && unsafe { libc::close(fd) } < 0 {
        return Err(os_error(last_errno(), None, None));
    }
    Ok(pyrs_objects::none())
}

fn epoll_closed(v: &Value) -> PyResult<Value> {
    let e = protocol::self_payload::<EpollData>(v, "closed", "select.epoll")?;
    Ok(pyrs_objects::bool(e.fd.get() < 0))
}

fn epoll_fileno(args: Args<'_>) -> PyResult<Value> {
    let e = epoll_of(&args, "fileno")?;
    args.exact("fileno", 1, 1)?;
    Ok(int::from_i64(open_fd(e)? as i64))
}

fn epoll_fromfd(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("fromfd", 2, 2)?;
    let fd = crate::argconv::index_arg(&a[1])?;
    let fd = i32::try_from(fd).map_err(|_| PyErr::overflow_error("fd is out of range"))?;
    Ok(pyrs_objects::object::alloc(
        &a[0],
        EpollData { fd: Cell::new(fd) },
    ))
}

fn epoll_ctl(e: &EpollData, op: i32, fd: i32, events: u32) -> PyResult<Value> {
    let epfd = open_fd(e)?;
    let mut ev = libc::epoll_event {
        events,
        u64: fd as u64,
    };
    // SAFETY: ev is a valid epoll_event.
    if unsafe { libc::epoll_ctl(epfd, op, fd, &mut ev) } < 0 {
        return Err(os_error(last_errno(), None, None));
    }
    Ok(pyrs_objects::none())
}

/// An epoll event mask: an unsigned int.
fn events_arg(v: &Value) -> PyResult<u32> {
    let n = crate::argconv::index_arg(v)?;
    if n < 0 {
        return Err(PyErr::overflow_error(
            "can't convert negative int to unsigned",
        ));
    }
    u32::try_from(n).map_err(|_| PyErr::overflow_error("Python int too large for C unsigned int"))
}

fn epoll_register(args: Args<'_>) -> PyResult<Value> {
    let e = epoll_of(&args, "register")?;
    let [fd, mask] = args
        .skip_first()
        .bind("register", ["fd", "eventmask"], 1, 1, 2)?;
    let fd = fd_arg(&fd.unwrap_or_else(pyrs_objects::none))?;
    let mask = match mask {
        Some(m) => events_arg(&m)?,
        None => (libc::EPOLLIN | libc::EPOLLPRI | libc::EPOLLOUT) as u32,
    };
    epoll_ctl(e, libc::EPOLL_CTL_ADD, fd, mask)
}

fn epoll_modify(args: Args<'_>) -> PyResult<Value> {
    let e = epoll_of(&args, "modify")?;
    let [fd, mask] = args
        .skip_first()
        .bind("modify", ["fd", "eventmask"], 2, 2, 2)?;
    let fd = fd_arg(&fd.unwrap_or_else(pyrs_objects::none))?;
    let mask = events_arg(&mask.unwrap_or_else(pyrs_objects::none))?;
    epoll_ctl(e, libc::EPOLL_CTL_MOD, fd, mask)
}

fn epoll_unregister(args: Args<'_>) -> PyResult<Value> {
    let e = epoll_of(&args, "unregister")?;
    let [fd] = args.skip_first().bind("unregister", ["fd"], 1, 1, 1)?;
    let fd = fd_arg(&fd.unwrap_or_else(pyrs_objects::none))?;
    epoll_ctl(e, libc::EPOLL_CTL_DEL, fd, 0)
}

fn epoll_poll(args: Args<'_>) -> PyResult<Value> {
    let e = epoll_of(&args, "poll")?;
    let [timeout, maxevents] = args
        .skip_first()
        .bind("poll", ["timeout", "maxevents"], 0, 0, 2)?;
    let timeout = timeout_ms(timeout.as_ref(), false)?;
    let maxevents = match maxevents {
        Some(m) => crate::argconv::index_arg(&m)?,
        None => -1,
    };
    let maxevents = if maxevents == -1 {
        FD_SETSIZE - 1
    } else if maxevents < 1 {
        return Err(PyErr::value_error(format!(
            "maxevents must be greater than 0, got {maxevents}"
        )));
    } else {
        maxevents.min(i32::MAX as i64)
    };
    let epfd = open_fd(e)?;
    let mut events: Vec<libc::epoll_event> = Vec::new();
    crate::argconv::grow(
        &mut events,
        maxevents as usize,
        libc::epoll_event { events: 0, u64: 0 },
    )?;
    let deadline = (timeout >= 0).then(|| now_ms() + timeout as f64);
    let mut wait = timeout;
    let n = loop {
        // SAFETY: events has room for maxevents entries.
        let n = unsafe { libc::epoll_wait(epfd, events.as_mut_ptr(), maxevents as i32, wait) };
        if n >= 0 {
            break n as usize;
        }
        let errno = last_errno();
        if errno != libc::EINTR {
            return Err(os_error(errno, None, None));
        }
        pyrs_vm::signals::check()?;
        if let Some(d) = deadline {
            wait = (d - now_ms()).ceil().max(0.0) as i32;
        }
    };
    let ready = events[..n]
        .iter()
        .map(|ev| {
            let (fd, mask) = (ev.u64, ev.events);
            tuple::new(vec![
                int::from_i64(fd as i32 as i64),
                int::from_i64(mask as i64),
            ])
        })
        .collect();
    Ok(list::new(ready))
}

fn epoll_enter(args: Args<'_>) -> PyResult<Value> {
    let e = epoll_of(&args, "__enter__")?;
    open_fd(e)?;
    Ok(args.pos()[0].clone())
}

fn epoll_exit(args: Args<'_>) -> PyResult<Value> {
    let e = epoll_of(&args, "__exit__")?;
    let fd = e.fd.replace(-1);
    if fd >= 0 {
        // SAFETY: closing a descriptor this object owned.
        unsafe { libc::close(fd) };
    }
    Ok(pyrs_objects::none())
}
