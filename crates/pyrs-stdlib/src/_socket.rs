//! `_socket` (CPython's Modules/socketmodule.c): the socket type under `socket.socket`,
//! with the constants and exceptions socket.py re-exports.
//!
//! What is here: creating sockets (`socket()`, `socketpair`, from a descriptor), blocking,
//! non-blocking and timeout modes, `send`/`sendall`/`recv`, socket options, `shutdown`,
//! `getsockname`/`getpeername` for AF_UNIX, AF_INET and AF_INET6 sockets, and the byte-order
//! helpers. Name resolution (`getaddrinfo`, `gethostbyname`…), `bind`/`connect`/`accept`
//! and the message calls (`sendmsg`, `recvmsg`) are not written yet: they are missing
//! attributes, not stubs.

use std::cell::Cell;
use std::sync::OnceLock;

use pyrs_objects::args::Args;
use pyrs_objects::native::{MethodDef, MethodKind, NativeFn};
use pyrs_objects::object::Payload;
use pyrs_objects::typeobject::TypeBuilder;
use pyrs_objects::{bytes, float, int, protocol, tuple, ExcKind, PyErr, PyResult, SyncCell, Value};

use crate::argconv::{add_functions, buffer_arg, index_arg, last_errno, module_dict, os_error};

/// The payload of a `_socket.socket`: the descriptor (-1 once closed or detached), the
/// address family, type and protocol, and the timeout in seconds (negative: blocking).
pub(crate) struct SocketData {
    fd: Cell<i32>,
    family: Cell<i32>,
    kind: Cell<i32>,
    proto: Cell<i32>,
    timeout: Cell<f64>,
}

impl Payload for SocketData {}

impl Drop for SocketData {
    fn drop(&mut self) {
        let fd = self.fd.get();
        if fd >= 0 {
            // SAFETY: closing a descriptor this socket owns.
            unsafe { libc::close(fd) };
        }
    }
}

struct Types {
    socket: Value,
    gaierror: Value,
    herror: Value,
}

static TYPES: OnceLock<SyncCell<Types>> = OnceLock::new();

/// A `socket`-module subclass of OSError.
fn os_error_subclass(name: &str) -> Value {
    crate::argconv::new_exception_class("socket", name, ExcKind::OSError.class())
}

fn types() -> &'static Types {
    &TYPES
        .get_or_init(|| {
            SyncCell(Types {
                socket: TypeBuilder::new::<SocketData>("socket")
                    .module("_socket")
                    .subclassable()
                    .slots(|s| {
                        s.new
                            .set(Some(|cls, _| Ok(new_socket(cls, -1, -1, -1, -1))));
                        s.init.set(Some(socket_init));
                        s.repr.set(Some(socket_repr));
                    })
                    .methods(SOCKET_METHODS)
                    .build(),
                gaierror: os_error_subclass("gaierror"),
                herror: os_error_subclass("herror"),
            })
        })
        .0
}

/// The process-wide default timeout (`setdefaulttimeout`): negative for none.
static DEFAULT_TIMEOUT: SyncCell<Cell<f64>> = SyncCell(Cell::new(-1.0));

fn new_socket(cls: &Value, fd: i32, family: i32, kind: i32, proto: i32) -> Value {
    pyrs_objects::object::alloc(
        cls,
        SocketData {
            fd: Cell::new(fd),
            family: Cell::new(family),
            kind: Cell::new(kind),
            proto: Cell::new(proto),
            timeout: Cell::new(-1.0),
        },
    )
}

/// Linux's values for the constants socket.py turns into enums and re-exports.
const CONSTANTS: &[(&str, i64)] = &[
    ("AF_UNSPEC", 0),
    ("AF_UNIX", 1),
    ("AF_INET", 2),
    ("AF_AX25", 3),
    ("AF_IPX", 4),
    ("AF_APPLETALK", 5),
    ("AF_NETROM", 6),
    ("AF_BRIDGE", 7),
    ("AF_ATMPVC", 8),
    ("AF_X25", 9),
    ("AF_INET6", 10),
    ("AF_ROSE", 11),
    ("AF_DECnet", 12),
    ("AF_NETBEUI", 13),
    ("AF_SECURITY", 14),
    ("AF_KEY", 15),
    ("AF_NETLINK", 16),
    ("AF_ROUTE", 16),
    ("AF_PACKET", 17),
    ("AF_ASH", 18),
    ("AF_ECONET", 19),
    ("AF_ATMSVC", 20),
    ("AF_RDS", 21),
    ("AF_SNA", 22),
    ("AF_IRDA", 23),
    ("AF_PPPOX", 24),
    ("AF_WANPIPE", 25),
    ("AF_LLC", 26),
    ("AF_CAN", 29),
    ("AF_TIPC", 30),
    ("AF_ALG", 38),
    ("AF_VSOCK", 40),
    ("AF_QIPCRTR", 42),
    ("SOCK_STREAM", 1),
    ("SOCK_DGRAM", 2),
    ("SOCK_RAW", 3),
    ("SOCK_RDM", 4),
    ("SOCK_SEQPACKET", 5),
    ("SOCK_NONBLOCK", libc::SOCK_NONBLOCK as i64),
    ("SOCK_CLOEXEC", libc::SOCK_CLOEXEC as i64),
    ("SOL_SOCKET", libc::SOL_SOCKET as i64),
    ("SOL_IP", 0),
    ("SOL_TCP", 6),
    ("SOL_UDP", 17),
    ("SOMAXCONN", 4096),
    ("SO_DEBUG", 1),
    ("SO_REUSEADDR", 2),
    ("SO_TYPE", 3),
    ("SO_ERROR", 4),
    ("SO_DONTROUTE", 5),
    ("SO_BROADCAST", 6),
    ("SO_SNDBUF", 7),
    ("SO_RCVBUF", 8),
    ("SO_KEEPALIVE", 9),
    ("SO_OOBINLINE", 10),
    ("SO_PRIORITY", 12),
    ("SO_LINGER", 13),
    ("SO_REUSEPORT", 15),
    ("SO_PASSCRED", 16),
    ("SO_PEERCRED", 17),
    ("SO_RCVLOWAT", 18),
    ("SO_SNDLOWAT", 19),
    ("SO_RCVTIMEO", 20),
    ("SO_SNDTIMEO", 21),
    ("SO_BINDTODEVICE", 25),
    ("SO_ACCEPTCONN", 30),
    ("SO_PEERSEC", 31),
    ("SO_PASSSEC", 34),
    ("SO_MARK", 36),
    ("SO_PROTOCOL", 38),
    ("SO_DOMAIN", 39),
    ("SO_INCOMING_CPU", 49),
    ("SO_BINDTOIFINDEX", 62),
    ("MSG_OOB", 1),
    ("MSG_PEEK", 2),
    ("MSG_DONTROUTE", 4),
    ("MSG_CTRUNC", 8),
    ("MSG_TRUNC", 32),
    ("MSG_DONTWAIT", 64),
    ("MSG_EOR", 128),
    ("MSG_WAITALL", 256),
    ("MSG_CONFIRM", 2048),
    ("MSG_ERRQUEUE", 8192),
    ("MSG_NOSIGNAL", 16384),
    ("MSG_MORE", 32768),
    ("MSG_FASTOPEN", 536870912),
    ("MSG_CMSG_CLOEXEC", 1073741824),
    ("SHUT_RD", 0),
    ("SHUT_WR", 1),
    ("SHUT_RDWR", 2),
    ("IPPROTO_IP", 0),
    ("IPPROTO_HOPOPTS", 0),
    ("IPPROTO_ICMP", 1),
    ("IPPROTO_IGMP", 2),
    ("IPPROTO_IPIP", 4),
    ("IPPROTO_TCP", 6),
    ("IPPROTO_EGP", 8),
    ("IPPROTO_PUP", 12),
    ("IPPROTO_UDP", 17),
    ("IPPROTO_IDP", 22),
    ("IPPROTO_TP", 29),
    ("IPPROTO_IPV6", 41),
    ("IPPROTO_ROUTING", 43),
    ("IPPROTO_FRAGMENT", 44),
    ("IPPROTO_RSVP", 46),
    ("IPPROTO_GRE", 47),
    ("IPPROTO_ESP", 50),
    ("IPPROTO_AH", 51),
    ("IPPROTO_ICMPV6", 58),
    ("IPPROTO_NONE", 59),
    ("IPPROTO_DSTOPTS", 60),
    ("IPPROTO_PIM", 103),
    ("IPPROTO_SCTP", 132),
    ("IPPROTO_UDPLITE", 136),
    ("IPPROTO_RAW", 255),
    ("IPPROTO_MPTCP", 262),
    ("TCP_NODELAY", 1),
    ("TCP_MAXSEG", 2),
    ("TCP_CORK", 3),
    ("TCP_KEEPIDLE", 4),
    ("TCP_KEEPINTVL", 5),
    ("TCP_KEEPCNT", 6),
    ("TCP_SYNCNT", 7),
    ("TCP_LINGER2", 8),
    ("TCP_DEFER_ACCEPT", 9),
    ("TCP_WINDOW_CLAMP", 10),
    ("TCP_INFO", 11),
    ("TCP_QUICKACK", 12),
    ("TCP_CONGESTION", 13),
    ("TCP_USER_TIMEOUT", 18),
    ("TCP_NOTSENT_LOWAT", 25),
    ("AI_PASSIVE", 1),
    ("AI_CANONNAME", 2),
    ("AI_NUMERICHOST", 4),
    ("AI_V4MAPPED", 8),
    ("AI_ALL", 16),
    ("AI_ADDRCONFIG", 32),
    ("AI_NUMERICSERV", 1024),
    ("NI_NUMERICHOST", 1),
    ("NI_NUMERICSERV", 2),
    ("NI_NOFQDN", 4),
    ("NI_NAMEREQD", 8),
    ("NI_DGRAM", 16),
    ("NI_IDN", 32),
    ("NI_MAXHOST", 1025),
    ("NI_MAXSERV", 32),
    ("EAI_BADFLAGS", -1),
    ("EAI_NONAME", -2),
    ("EAI_AGAIN", -3),
    ("EAI_FAIL", -4),
    ("EAI_NODATA", -5),
    ("EAI_FAMILY", -6),
    ("EAI_SOCKTYPE", -7),
    ("EAI_SERVICE", -8),
    ("EAI_ADDRFAMILY", -9),
    ("EAI_MEMORY", -10),
    ("EAI_SYSTEM", -11),
    ("EAI_OVERFLOW", -12),
    ("INADDR_ANY", 0),
    ("INADDR_LOOPBACK", 2130706433),
    ("INADDR_BROADCAST", 4294967295),
    ("INADDR_NONE", 4294967295),
    ("INADDR_UNSPEC_GROUP", 3758096384),
    ("INADDR_ALLHOSTS_GROUP", 3758096385),
    ("INADDR_MAX_LOCAL_GROUP", 3758096639),
];

/// Makes the `_socket` module.
pub(crate) fn init() -> PyResult<Value> {
    let module = pyrs_objects::module::new_module("_socket");
    let d = module_dict(&module);
    let t = types();
    d.set_str("socket", t.socket.clone());
    d.set_str("SocketType", t.socket.clone());
    d.set_str("error", ExcKind::OSError.class().clone());
    d.set_str("timeout", ExcKind::TimeoutError.class().clone());
    d.set_str("gaierror", t.gaierror.clone());
    d.set_str("herror", t.herror.clone());
    d.set_str("has_ipv6", pyrs_objects::bool(true));
    for (name, value) in CONSTANTS {
        d.set_str(name, int::from_i64(*value));
    }
    let functions: &[(&'static str, NativeFn)] = &[
        ("socketpair", socketpair),
        ("getdefaulttimeout", getdefaulttimeout),
        ("setdefaulttimeout", setdefaulttimeout),
        ("close", close_fd),
        ("dup", dup_fd),
        ("gethostname", gethostname),
        ("htons", htons),
        ("ntohs", htons),
        ("htonl", htonl),
        ("ntohl", htonl),
    ];
    add_functions(&module, functions);
    Ok(module)
}

/// A timeout argument: `None` is -1 (blocking), else non-negative seconds.
fn timeout_arg(v: &Value) -> PyResult<f64> {
    if protocol::is_none(v) {
        return Ok(-1.0);
    }
    let secs = crate::time::seconds(v)?;
    if secs.is_nan() {
        return Err(PyErr::value_error("Invalid value NaN (not a number)"));
    }
    if secs < 0.0 {
        return Err(PyErr::value_error("Timeout value out of range"));
    }
    Ok(secs)
}

fn timeout_value(t: f64) -> Value {
    if t < 0.0 {
        pyrs_objects::none()
    } else {
        float::new(t)
    }
}

/// Sets `O_NONBLOCK` on `fd` when `nonblocking`, clears it otherwise.
fn set_nonblocking(fd: i32, nonblocking: bool) -> PyResult<()> {
    // SAFETY: fcntl on a descriptor with integer arguments.
    unsafe {
        let flags = libc::fcntl(fd, libc::F_GETFL);
        if flags < 0 {
            return Err(os_error(last_errno(), None, None));
        }
        let new = if nonblocking {
            flags | libc::O_NONBLOCK
        } else {
            flags & !libc::O_NONBLOCK
        };
        if new != flags && libc::fcntl(fd, libc::F_SETFL, new) < 0 {
            return Err(os_error(last_errno(), None, None));
        }
    }
    Ok(())
}

/// Applies `timeout` to a socket: the descriptor is non-blocking unless the timeout is none.
fn apply_timeout(s: &SocketData, timeout: f64) -> PyResult<()> {
    s.timeout.set(timeout);
    let fd = s.fd.get();
    if fd >= 0 {
        set_nonblocking(fd, timeout >= 0.0)?;
    }
    Ok(())
}

fn int_option(fd: i32, level: i32, name: i32) -> Option<i32> {
    let mut value: libc::c_int = 0;
    let mut len = std::mem::size_of::<libc::c_int>() as libc::socklen_t;
    // SAFETY: value and len describe a valid c_int buffer.
    let r = unsafe {
        libc::getsockopt(
            fd,
            level,
            name,
            (&mut value as *mut libc::c_int).cast(),
            &mut len,
        )
    };
    (r == 0).then_some(value)
}

/// An int argument, checked to fit a C int.
fn c_int_arg(v: &Value) -> PyResult<i32> {
    let n = index_arg(v)?;
    i32::try_from(n).map_err(|_| {
        PyErr::overflow_error(if n < 0 {
            "signed integer is less than minimum"
        } else {
            "signed integer is greater than maximum"
        })
    })
}

/// `socket.__init__(family=-1, type=-1, proto=-1, fileno=None)`.
fn socket_init(this: &Value, args: Args<'_>) -> PyResult<()> {
    let s = protocol::self_payload::<SocketData>(this, "__init__", "_socket.socket")?;
    let [family, kind, proto, fileno] =
        args.bind("socket", ["family", "type", "proto", "fileno"], 0, 0, 4)?;
    let mut family = match family {
        Some(v) => c_int_arg(&v)?,
        None => -1,
    };
    let mut kind = match kind {
        Some(v) => c_int_arg(&v)?,
        None => -1,
    };
    let mut proto = match proto {
        Some(v) => c_int_arg(&v)?,
        None => -1,
    };
    let fd = match fileno.filter(|f| !protocol::is_none(f)) {
        Some(f) => {
            if pyrs_objects::float::as_f64(&f).is_some() && int::as_int(&f).is_none() {
                return Err(PyErr::type_error(
                    "'float' object cannot be interpreted as an integer",
                ));
            }
            let fd = index_arg(&f)?;
            if fd < 0 {
                return Err(PyErr::value_error("negative file descriptor"));
            }
            let fd = i32::try_from(fd)
                .map_err(|_| PyErr::overflow_error("file descriptor out of range"))?;
            if family == -1 {
                family = int_option(fd, libc::SOL_SOCKET, libc::SO_DOMAIN)
                    .ok_or_else(|| os_error(last_errno(), None, None))?;
            }
            if kind == -1 {
                kind = int_option(fd, libc::SOL_SOCKET, libc::SO_TYPE)
                    .ok_or_else(|| os_error(last_errno(), None, None))?;
            }
            if proto == -1 {
                proto = int_option(fd, libc::SOL_SOCKET, libc::SO_PROTOCOL)
                    .ok_or_else(|| os_error(last_errno(), None, None))?;
            }
            fd
        }
        None => {
            if family == -1 {
                family = libc::AF_INET;
            }
            if kind == -1 {
                kind = libc::SOCK_STREAM;
            }
            if proto == -1 {
                proto = 0;
            }
            // SAFETY: a plain system call.
            let fd = unsafe { libc::socket(family, kind | libc::SOCK_CLOEXEC, proto) };
            if fd < 0 {
                return Err(os_error(last_errno(), None, None));
            }
            fd
        }
    };
    let old = s.fd.replace(fd);
    if old >= 0 && old != fd {
        // SAFETY: closing the descriptor this socket owned before re-initialisation.
        unsafe { libc::close(old) };
    }
    setup(s, family, kind, proto)
}

/// Records family, type and protocol and applies the default timeout (CPython's
/// `init_sockobject`).
fn setup(s: &SocketData, family: i32, kind: i32, proto: i32) -> PyResult<()> {
    s.family.set(family);
    s.kind
        .set(kind & !(libc::SOCK_NONBLOCK | libc::SOCK_CLOEXEC));
    s.proto.set(proto);
    let default = DEFAULT_TIMEOUT.0.get();
    if kind & libc::SOCK_NONBLOCK != 0 {
        s.timeout.set(0.0);
    } else if default >= 0.0 {
        apply_timeout(s, default)?;
    } else {
        s.timeout.set(-1.0);
    }
    Ok(())
}

fn socket_repr(v: &Value) -> PyResult<Value> {
    let s = protocol::self_payload::<SocketData>(v, "__repr__", "_socket.socket")?;
    Ok(pyrs_objects::str::new(&format!(
        "<socket object, fd={}, family={}, type={}, proto={}>",
        s.fd.get(),
        s.family.get(),
        s.kind.get(),
        s.proto.get()
    )))
}

static SOCKET_METHODS: &[MethodDef] = &[
    MethodDef::new("close", MethodKind::Method(sock_close)),
    MethodDef::new("detach", MethodKind::Method(sock_detach)),
    MethodDef::new("fileno", MethodKind::Method(sock_fileno)),
    MethodDef::new("setblocking", MethodKind::Method(sock_setblocking)),
    MethodDef::new("getblocking", MethodKind::Method(sock_getblocking)),
    MethodDef::new("settimeout", MethodKind::Method(sock_settimeout)),
    MethodDef::new("gettimeout", MethodKind::Method(sock_gettimeout)),
    MethodDef::new("send", MethodKind::Method(sock_send)),
    MethodDef::new("sendall", MethodKind::Method(sock_sendall)),
    MethodDef::new("recv", MethodKind::Method(sock_recv)),
    MethodDef::new("getsockopt", MethodKind::Method(sock_getsockopt)),
    MethodDef::new("setsockopt", MethodKind::Method(sock_setsockopt)),
    MethodDef::new("shutdown", MethodKind::Method(sock_shutdown)),
    MethodDef::new("getsockname", MethodKind::Method(sock_getsockname)),
    MethodDef::new("getpeername", MethodKind::Method(sock_getpeername)),
    MethodDef::new("family", MethodKind::GetSet(get_family, None)),
    MethodDef::new("type", MethodKind::GetSet(get_type, None)),
    MethodDef::new("proto", MethodKind::GetSet(get_proto, None)),
    MethodDef::new("timeout", MethodKind::GetSet(get_timeout, None)),
];

fn sock_of<'a>(args: &Args<'a>, method: &str) -> PyResult<&'a SocketData> {
    let this = args
        .pos()
        .first()
        .ok_or_else(|| PyErr::type_error(format!("{method}() needs an argument")))?;
    protocol::self_payload::<SocketData>(this, method, "_socket.socket")
}

fn get_family(v: &Value) -> PyResult<Value> {
    let s = protocol::self_payload::<SocketData>(v, "family", "_socket.socket")?;
    Ok(int::from_i64(s.family.get() as i64))
}

fn get_type(v: &Value) -> PyResult<Value> {
    let s = protocol::self_payload::<SocketData>(v, "type", "_socket.socket")?;
    Ok(int::from_i64(s.kind.get() as i64))
}

fn get_proto(v: &Value) -> PyResult<Value> {
    let s = protocol::self_payload::<SocketData>(v, "proto", "_socket.socket")?;
    Ok(int::from_i64(s.proto.get() as i64))
}

fn get_timeout(v: &Value) -> PyResult<Value> {
    let s = protocol::self_payload::<SocketData>(v, "timeout", "_socket.socket")?;
    Ok(timeout_value(s.timeout.get()))
}

fn sock_close(args: Args<'_>) -> PyResult<Value> {
    let s = sock_of(&args, "close")?;
    args.exact("close", 1, 1)?;
    let fd = s.fd.replace(-1);
    // SAFETY: closing the descriptor this socket owned. ECONNRESET is ignored as in CPython.
    if fd >= 0 && unsafe { libc::close(fd) } < 0 {
        let errno = last_errno();
        if errno != libc::ECONNRESET {
            return Err(os_error(errno, None, None));
        }
    }
    Ok(pyrs_objects::none())
}

fn sock_detach(args: Args<'_>) -> PyResult<Value> {
    let s = sock_of(&args, "detach")?;
    args.exact("detach", 1, 1)?;
    Ok(int::from_i64(s.fd.replace(-1) as i64))
}

fn sock_fileno(args: Args<'_>) -> PyResult<Value> {
    let s = sock_of(&args, "fileno")?;
    args.exact("fileno", 1, 1)?;
    Ok(int::from_i64(s.fd.get() as i64))
}

fn sock_setblocking(args: Args<'_>) -> PyResult<Value> {
    let s = sock_of(&args, "setblocking")?;
    let a = args.exact("setblocking", 2, 2)?;
    let blocking = protocol::is_true(&a[1])?;
    apply_timeout(s, if blocking { -1.0 } else { 0.0 })?;
    Ok(pyrs_objects::none())
}

fn sock_getblocking(args: Args<'_>) -> PyResult<Value> {
    let s = sock_of(&args, "getblocking")?;
    args.exact("getblocking", 1, 1)?;
    Ok(pyrs_objects::bool(s.timeout.get() != 0.0))
}

fn sock_settimeout(args: Args<'_>) -> PyResult<Value> {
    let s = sock_of(&args, "settimeout")?;
    let a = args.exact("settimeout", 2, 2)?;
    apply_timeout(s, timeout_arg(&a[1])?)?;
    Ok(pyrs_objects::none())
}

fn sock_gettimeout(args: Args<'_>) -> PyResult<Value> {
    let s = sock_of(&args, "gettimeout")?;
    args.exact("gettimeout", 1, 1)?;
    Ok(timeout_value(s.timeout.get()))
}

/// Runs the system call `op` on a socket as CPython's `sock_call` does: with a timeout, it
/// first waits (poll) for the socket to be ready and raises TimeoutError ("timed out") when
/// it is not; interrupted calls are retried after the signal handlers ran.
fn sock_call(s: &SocketData, writing: bool, mut op: impl FnMut(i32) -> isize) -> PyResult<isize> {
    let timeout = s.timeout.get();
    loop {
        let fd = s.fd.get();
        if fd < 0 {
            return Err(os_error(libc::EBADF, None, None));
        }
        if timeout > 0.0 {
            let mut pfd = libc::pollfd {
                fd,
                events: if writing { libc::POLLOUT } else { libc::POLLIN },
                revents: 0,
            };
            let ms = (timeout * 1000.0).ceil().min(i32::MAX as f64) as i32;
            // SAFETY: one valid pollfd.
            let n = unsafe { libc::poll(&mut pfd, 1, ms) };
            if n < 0 {
                let errno = last_errno();
                if errno == libc::EINTR {
                    pyrs_vm::signals::check()?;
                    continue;
                }
                return Err(os_error(errno, None, None));
            }
            if n == 0 {
                return Err(PyErr::from_value(pyrs_objects::exceptions::new_exception(
                    ExcKind::TimeoutError.class(),
                    vec![pyrs_objects::str::new("timed out")],
                )));
            }
        }
        let r = op(fd);
        if r >= 0 {
            return Ok(r);
        }
        let errno = last_errno();
        if errno == libc::EINTR {
            pyrs_vm::signals::check()?;
            continue;
        }
        if timeout > 0.0 && (errno == libc::EAGAIN || errno == libc::EWOULDBLOCK) {
            continue;
        }
        return Err(os_error(errno, None, None));
    }
}

fn flags_arg(v: Option<&Value>) -> PyResult<i32> {
    v.map_or(Ok(0), c_int_arg)
}

fn sock_send(args: Args<'_>) -> PyResult<Value> {
    let s = sock_of(&args, "send")?;
    let a = args.exact("send", 2, 3)?;
    let data = buffer_arg(&a[1])?;
    let flags = flags_arg(a.get(2))?;
    let n = sock_call(s, true, |fd| {
        // SAFETY: data is a valid buffer of the given length.
        unsafe { libc::send(fd, data.as_ptr().cast(), data.len(), flags) }
    })?;
    Ok(int::from_i64(n as i64))
}

fn sock_sendall(args: Args<'_>) -> PyResult<Value> {
    let s = sock_of(&args, "sendall")?;
    let a = args.exact("sendall", 2, 3)?;
    let data = buffer_arg(&a[1])?;
    let flags = flags_arg(a.get(2))?;
    let mut sent = 0usize;
    while sent < data.len() {
        let rest = &data[sent..];
        let n = sock_call(s, true, |fd| {
            // SAFETY: rest is a valid buffer of the given length.
            unsafe { libc::send(fd, rest.as_ptr().cast(), rest.len(), flags) }
        })?;
        sent += n as usize;
        pyrs_vm::signals::check()?;
    }
    Ok(pyrs_objects::none())
}

fn sock_recv(args: Args<'_>) -> PyResult<Value> {
    let s = sock_of(&args, "recv")?;
    let a = args.exact("recv", 2, 3)?;
    let size = index_arg(&a[1])?;
    if size < 0 {
        return Err(PyErr::value_error("negative buffersize in recv"));
    }
    let flags = flags_arg(a.get(2))?;
    if size == 0 {
        return Ok(bytes::new(Vec::new()));
    }
    let mut buf: Vec<u8> = Vec::new();
    crate::argconv::grow(&mut buf, size as usize, 0)?;
    let n = sock_call(s, false, |fd| {
        // SAFETY: buf has room for its length.
        unsafe { libc::recv(fd, buf.as_mut_ptr().cast(), buf.len(), flags) }
    })?;
    buf.truncate(n as usize);
    Ok(bytes::new(buf))
}

fn open_fd(s: &SocketData) -> PyResult<i32> {
    let fd = s.fd.get();
    if fd < 0 {
        return Err(os_error(libc::EBADF, None, None));
    }
    Ok(fd)
}

fn sock_getsockopt(args: Args<'_>) -> PyResult<Value> {
    let s = sock_of(&args, "getsockopt")?;
    let a = args.exact("getsockopt", 3, 4)?;
    let level = c_int_arg(&a[1])?;
    let name = c_int_arg(&a[2])?;
    let fd = open_fd(s)?;
    match a.get(3) {
        None => match int_option(fd, level, name) {
            Some(v) => Ok(int::from_i64(v as i64)),
            None => Err(os_error(last_errno(), None, None)),
        },
        Some(buflen) => {
            let buflen = c_int_arg(buflen)?;
            if !(1..=1024).contains(&buflen) {
                return Err(os_error(libc::EINVAL, None, None));
            }
            let mut buf = vec![0u8; buflen as usize];
            let mut len = buflen as libc::socklen_t;
            // SAFETY: buf and len describe a valid buffer.
            let r = unsafe { libc::getsockopt(fd, level, name, buf.as_mut_ptr().cast(), &mut len) };
            if r < 0 {
                return Err(os_error(last_errno(), None, None));
            }
            buf.truncate(len as usize);
            Ok(bytes::new(buf))
        }
    }
}

fn sock_setsockopt(args: Args<'_>) -> PyResult<Value> {
    let s = sock_of(&args, "setsockopt")?;
    let a = args.exact("setsockopt", 4, 5)?;
    let level = c_int_arg(&a[1])?;
    let name = c_int_arg(&a[2])?;
    let fd = open_fd(s)?;
    let r = if a.len() == 5 {
        if !protocol::is_none(&a[3]) {
            return Err(PyErr::type_error(format!(
                "setsockopt() argument 3 must be NoneType, not {}",
                crate::argconv::type_name(&a[3])
            )));
        }
        let optlen = index_arg(&a[4])?;
        let optlen = u32::try_from(optlen).map_err(|_| {
            PyErr::overflow_error("Python int too large to convert to C unsigned long")
        })?;
        // SAFETY: a null option value with a length, as the caller asked.
        unsafe { libc::setsockopt(fd, level, name, std::ptr::null(), optlen) }
    } else if int::as_int(&a[3]).is_some() {
        let v: libc::c_int = c_int_arg(&a[3])?;
        // SAFETY: v is a valid c_int.
        unsafe {
            libc::setsockopt(
                fd,
                level,
                name,
                (&v as *const libc::c_int).cast(),
                std::mem::size_of::<libc::c_int>() as libc::socklen_t,
            )
        }
    } else {
        let data = buffer_arg(&a[3])?;
        // SAFETY: data is a valid buffer of the given length.
        unsafe {
            libc::setsockopt(
                fd,
                level,
                name,
                data.as_ptr().cast(),
                data.len() as libc::socklen_t,
            )
        }
    };
    if r < 0 {
        return Err(os_error(last_errno(), None, None));
    }
    Ok(pyrs_objects::none())
}

fn sock_shutdown(args: Args<'_>) -> PyResult<Value> {
    let s = sock_of(&args, "shutdown")?;
    let a = args.exact("shutdown", 2, 2)?;
    let how = c_int_arg(&a[1])?;
    let fd = open_fd(s)?;
    // SAFETY: a plain system call.
    if unsafe { libc::shutdown(fd, how) } < 0 {
        return Err(os_error(last_errno(), None, None));
    }
    Ok(pyrs_objects::none())
}

/// The Python form of a socket address (CPython's `makesockaddr`).
fn make_sockaddr(
    family: i32,
    addr: &libc::sockaddr_storage,
    len: libc::socklen_t,
) -> PyResult<Value> {
    if len == 0 {
        return Ok(pyrs_objects::none());
    }
    match family {
        libc::AF_UNIX => {
            // SAFETY: the kernel filled an AF_UNIX address.
            let un =
                unsafe { &*(addr as *const libc::sockaddr_storage).cast::<libc::sockaddr_un>() };
            let path_len = (len as usize).saturating_sub(std::mem::size_of::<libc::sa_family_t>());
            let path: Vec<u8> = un.sun_path[..path_len.min(un.sun_path.len())]
                .iter()
                .map(|c| *c as u8)
                .collect();
            if path.first() == Some(&0) {
                // An abstract-namespace address is returned as bytes.
                return Ok(bytes::new(path));
            }
            let end = path.iter().position(|b| *b == 0).unwrap_or(path.len());
            let os = std::ffi::OsStr::new(std::str::from_utf8(&path[..end]).unwrap_or(""));
            Ok(pyrs_objects::str::new(&os.to_string_lossy()))
        }
        libc::AF_INET => {
            // SAFETY: the kernel filled an AF_INET address.
            let sin =
                unsafe { &*(addr as *const libc::sockaddr_storage).cast::<libc::sockaddr_in>() };
            let ip = std::net::Ipv4Addr::from(u32::from_be(sin.sin_addr.s_addr));
            Ok(tuple::new(vec![
                pyrs_objects::str::new(&ip.to_string()),
                int::from_i64(u16::from_be(sin.sin_port) as i64),
            ]))
        }
        libc::AF_INET6 => {
            // SAFETY: the kernel filled an AF_INET6 address.
            let sin6 =
                unsafe { &*(addr as *const libc::sockaddr_storage).cast::<libc::sockaddr_in6>() };
            let ip = std::net::Ipv6Addr::from(sin6.sin6_addr.s6_addr);
            Ok(tuple::new(vec![
                pyrs_objects::str::new(&ip.to_string()),
                int::from_i64(u16::from_be(sin6.sin6_port) as i64),
                int::from_i64(u32::from_be(sin6.sin6_flowinfo) as i64),
                int::from_i64(sin6.sin6_scope_id as i64),
            ]))
        }
        _ => Ok(tuple::new(vec![
            int::from_i64(family as i64),
            bytes::new(Vec::new()),
        ])),
    }
}

fn sock_name(args: Args<'_>, method: &str, peer: bool) -> PyResult<Value> {
    let s = sock_of(&args, method)?;
    args.exact(method, 1, 1)?;
    let fd = open_fd(s)?;
    // SAFETY: an all-zero sockaddr_storage is a valid value.
    let mut addr: libc::sockaddr_storage = unsafe { std::mem::zeroed() };
    let mut len = std::mem::size_of::<libc::sockaddr_storage>() as libc::socklen_t;
    let p = (&mut addr as *mut libc::sockaddr_storage).cast::<libc::sockaddr>();
    // SAFETY: addr and len describe a valid address buffer.
    let r = unsafe {
        if peer {
            libc::getpeername(fd, p, &mut len)
        } else {
            libc::getsockname(fd, p, &mut len)
        }
    };
    if r < 0 {
        return Err(os_error(last_errno(), None, None));
    }
    make_sockaddr(s.family.get(), &addr, len)
}

fn sock_getsockname(args: Args<'_>) -> PyResult<Value> {
    sock_name(args, "getsockname", false)
}

fn sock_getpeername(args: Args<'_>) -> PyResult<Value> {
    sock_name(args, "getpeername", true)
}

/// `socketpair(family=AF_UNIX, type=SOCK_STREAM, proto=0)`.
fn socketpair(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("socketpair", 0, 3)?;
    let family = a.first().map_or(Ok(libc::AF_UNIX), c_int_arg)?;
    let kind = a.get(1).map_or(Ok(libc::SOCK_STREAM), c_int_arg)?;
    let proto = a.get(2).map_or(Ok(0), c_int_arg)?;
    let mut fds = [0 as libc::c_int; 2];
    // SAFETY: fds has room for two descriptors.
    if unsafe { libc::socketpair(family, kind | libc::SOCK_CLOEXEC, proto, fds.as_mut_ptr()) } < 0 {
        return Err(os_error(last_errno(), None, None));
    }
    let cls = &types().socket;
    let a = new_socket(cls, fds[0], -1, -1, -1);
    let b = new_socket(cls, fds[1], -1, -1, -1);
    for v in [&a, &b] {
        if let Some(s) = v.downcast::<SocketData>() {
            setup(s, family, kind, proto)?;
        }
    }
    Ok(tuple::new(vec![a, b]))
}

fn getdefaulttimeout(args: Args<'_>) -> PyResult<Value> {
    args.exact("getdefaulttimeout", 0, 0)?;
    Ok(timeout_value(DEFAULT_TIMEOUT.0.get()))
}

fn setdefaulttimeout(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("setdefaulttimeout", 1, 1)?;
    DEFAULT_TIMEOUT.0.set(timeout_arg(&a[0])?);
    Ok(pyrs_objects::none())
}

fn fd_number(v: &Value) -> PyResult<i32> {
    let n = index_arg(v)?;
    i32::try_from(n).map_err(|_| PyErr::overflow_error("Python int too large to convert to C int"))
}

/// `close(fd)`: closes a socket descriptor (ECONNRESET is not an error).
fn close_fd(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("close", 1, 1)?;
    let fd = fd_number(&a[0])?;
    // SAFETY: a plain system call on a descriptor the caller names.
    if unsafe { libc::close(fd) } < 0 {
        let errno = last_errno();
        if errno != libc::ECONNRESET {
            return Err(os_error(errno, None, None));
        }
    }
    Ok(pyrs_objects::none())
}

/// `dup(fd)`: a non-inheritable duplicate.
fn dup_fd(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("dup", 1, 1)?;
    let fd = fd_number(&a[0])?;
    // SAFETY: a plain system call.
    let new = unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 0) };
    if new < 0 {
        return Err(os_error(last_errno(), None, None));
    }
    Ok(int::from_i64(new as i64))
}

fn gethostname(args: Args<'_>) -> PyResult<Value> {
    args.exact("gethostname", 0, 0)?;
    let mut buf = [0u8; 1024];
    // SAFETY: buf is a valid buffer of the given length.
    if unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len() - 1) } < 0 {
        return Err(os_error(last_errno(), None, None));
    }
    let end = buf.iter().position(|b| *b == 0).unwrap_or(buf.len());
    Ok(pyrs_objects::str::new(&String::from_utf8_lossy(
        &buf[..end],
    )))
}

/// A non-negative int for the byte-order helpers.
fn unsigned_arg(v: &Value, bits: u32) -> PyResult<u64> {
    if int::as_int(v).is_none() {
        return Err(PyErr::type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            crate::argconv::type_name(v)
        )));
    }
    let n = protocol::index_isize(v, false).map_err(|_| {
        PyErr::overflow_error(format!(
            "Python int too large to convert to C {}",
            if bits == 16 {
                "16-bit unsigned integer"
            } else {
                "unsigned long"
            }
        ))
    })?;
    if n < 0 {
        return Err(PyErr::overflow_error(if bits == 16 {
            "ntohs: can't convert negative Python int to C 16-bit unsigned integer"
        } else {
            "can't convert negative value to unsigned int"
        }));
    }
    if bits == 16 && n > u16::MAX as isize {
        return Err(PyErr::overflow_error(
            "ntohs: Python int too large to convert to C 16-bit unsigned integer",
        ));
    }
    if bits == 32 && n > u32::MAX as isize {
        return Err(PyErr::overflow_error("int larger than 32 bits"));
    }
    Ok(n as u64)
}

/// `htons(x)` and `ntohs(x)`: a 16-bit byte swap on little-endian machines.
fn htons(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("htons", 1, 1)?;
    let x = unsigned_arg(&a[0], 16)? as u16;
    Ok(int::from_i64(x.to_be() as i64))
}

/// `htonl(x)` and `ntohl(x)`: a 32-bit byte swap on little-endian machines.
fn htonl(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("htonl", 1, 1)?;
    let x = unsigned_arg(&a[0], 32)? as u32;
    Ok(int::from_i64(x.to_be() as i64))
}
