//! `FileIO` (CPython's Modules/_io/fileio.c): raw, unbuffered I/O on a file descriptor,
//! each method one system call (retried on EINTR). The descriptor is closed by `close()` or,
//! when the object dies open, by its finalizer.

use std::cell::Cell;

use pyrs_objects::bytearray::ByteArrayData;
use pyrs_objects::bytes::BytesData;
use pyrs_objects::native::{MethodDef, MethodKind};
use pyrs_objects::str::StrData;
use pyrs_objects::{protocol, Args, PyErr, PyResult, Value};

use super::{this, unsupported};
use crate::argconv::{last_errno, last_os_error, os_error};

/// The state of a `FileIO`.
pub(crate) struct FileIOData {
    pub(crate) fd: Cell<i32>,
    readable: Cell<bool>,
    writable: Cell<bool>,
    appending: Cell<bool>,
    created: Cell<bool>,
    closefd: Cell<bool>,
}

impl pyrs_objects::object::Payload for FileIOData {}

impl Drop for FileIOData {
    fn drop(&mut self) {
        let fd = self.fd.get();
        if fd >= 0 && self.closefd.get() {
            // SAFETY: the descriptor is this object's own.
            unsafe { libc::close(fd) };
        }
    }
}

pub(super) fn fileio_type(base: &Value) -> Value {
    super::io_type::<FileIOData>("FileIO", Some(base), FILEIO_METHODS)
        .slots(|s| {
            s.new.set(Some(fileio_new));
            s.init.set(Some(fileio_init));
            s.repr.set(Some(fileio_repr));
        })
        .build()
}

const FILEIO_METHODS: &[MethodDef] = &[
    MethodDef::new("read", MethodKind::Method(fileio_read)),
    MethodDef::new("readall", MethodKind::Method(fileio_readall)),
    MethodDef::new("readinto", MethodKind::Method(fileio_readinto)),
    MethodDef::new("write", MethodKind::Method(fileio_write)),
    MethodDef::new("seek", MethodKind::Method(fileio_seek)),
    MethodDef::new("tell", MethodKind::Method(fileio_tell)),
    MethodDef::new("truncate", MethodKind::Method(fileio_truncate)),
    MethodDef::new("close", MethodKind::Method(fileio_close)),
    MethodDef::new("seekable", MethodKind::Method(fileio_seekable)),
    MethodDef::new("readable", MethodKind::Method(fileio_readable)),
    MethodDef::new("writable", MethodKind::Method(fileio_writable)),
    MethodDef::new("fileno", MethodKind::Method(fileio_fileno)),
    MethodDef::new("isatty", MethodKind::Method(fileio_isatty)),
    MethodDef::new("_dealloc_warn", MethodKind::Method(fileio_dealloc_warn)),
    MethodDef::new("closed", MethodKind::GetSet(fileio_closed, None)),
    MethodDef::new("closefd", MethodKind::GetSet(fileio_closefd, None)),
    MethodDef::new("mode", MethodKind::GetSet(fileio_mode, None)),
];

fn fileio_new(cls: &Value, _args: Args<'_>) -> PyResult<Value> {
    Ok(pyrs_objects::object::alloc(
        cls,
        FileIOData {
            fd: Cell::new(-1),
            readable: Cell::new(false),
            writable: Cell::new(false),
            appending: Cell::new(false),
            created: Cell::new(false),
            closefd: Cell::new(true),
        },
    ))
}

/// The path `os.fspath` gives for `file`, as bytes for the system call.
pub(crate) fn fspath_bytes(file: &Value) -> PyResult<(Value, Vec<u8>)> {
    let path = if file.downcast::<StrData>().is_some() || file.downcast::<BytesData>().is_some() {
        file.clone()
    } else {
        match protocol::lookup_special(file, "__fspath__")? {
            Some(f) => {
                let p = protocol::call1(&f, &[])?;
                if p.downcast::<StrData>().is_none() && p.downcast::<BytesData>().is_none() {
                    return Err(PyErr::type_error(format!(
                        "expected {}.__fspath__() to return str or bytes, not {}",
                        file.type_data().name(),
                        p.type_data().name()
                    )));
                }
                p
            }
            None => {
                return Err(PyErr::type_error(format!(
                    "expected str, bytes or os.PathLike object, not {}",
                    file.type_data().name()
                )))
            }
        }
    };
    let bytes = match path.downcast::<StrData>() {
        Some(d) => {
            let b = pyrs_objects::codecs::encode(&path, d, Some("utf-8"), Some("surrogateescape"))?;
            if b.contains(&0) {
                return Err(PyErr::value_error("embedded null byte"));
            }
            b
        }
        None => {
            let b = path
                .downcast::<BytesData>()
                .map(|b| b.as_bytes().to_vec())
                .unwrap_or_default();
            if b.contains(&0) {
                return Err(PyErr::value_error("embedded null byte"));
            }
            b
        }
    };
    Ok((path, bytes))
}

fn fileio_init(obj: &Value, args: Args<'_>) -> PyResult<()> {
    let [file, mode, closefd, opener] =
        args.bind("FileIO", ["file", "mode", "closefd", "opener"], 1, 0, 4)?;
    let d = protocol::self_payload::<FileIOData>(obj, "__init__", "FileIO")?;
    if d.fd.get() >= 0 {
        if d.closefd.get() {
            // SAFETY: the descriptor is this object's own.
            unsafe { libc::close(d.fd.get()) };
        }
        d.fd.set(-1);
    }
    let file = file.expect("required");
    let mode = match &mode {
        Some(m) => crate::argconv::str_arg(m, "FileIO", "argument 'mode'")?,
        None => "r".to_string(),
    };
    let closefd = crate::argconv::bool_arg(closefd.as_ref(), true)?;
    if file.downcast::<pyrs_objects::float::FloatData>().is_some() {
        return Err(PyErr::type_error("integer argument expected, got float"));
    }
    let mut rwa = false;
    let mut plus = false;
    let (mut readable, mut writable, mut appending, mut created) = (false, false, false, false);
    let mut flags = 0;
    for c in mode.chars() {
        match c {
            'x' | 'r' | 'w' | 'a' => {
                if rwa {
                    return Err(PyErr::value_error(
                        "Must have exactly one of create/read/write/append mode and at most one plus",
                    ));
                }
                rwa = true;
                match c {
                    'x' => {
                        created = true;
                        writable = true;
                        flags |= libc::O_EXCL | libc::O_CREAT;
                    }
                    'r' => readable = true,
                    'w' => {
                        writable = true;
                        flags |= libc::O_CREAT | libc::O_TRUNC;
                    }
                    _ => {
                        writable = true;
                        appending = true;
                        flags |= libc::O_APPEND | libc::O_CREAT;
                    }
                }
            }
            'b' => {}
            '+' => {
                if plus {
                    return Err(PyErr::value_error(
                        "Must have exactly one of create/read/write/append mode and at most one plus",
                    ));
                }
                readable = true;
                writable = true;
                plus = true;
            }
            _ => return Err(PyErr::value_error(format!("invalid mode: {mode}"))),
        }
    }
    if !rwa {
        return Err(PyErr::value_error(
            "Must have exactly one of create/read/write/append mode and at most one plus",
        ));
    }
    flags |= if readable && writable {
        libc::O_RDWR
    } else if readable {
        libc::O_RDONLY
    } else {
        libc::O_WRONLY
    };
    flags |= libc::O_CLOEXEC;
    let fd: i32;
    if let Some(n) = pyrs_objects::int::as_i64(&file) {
        if n < 0 {
            return Err(PyErr::value_error("negative file descriptor"));
        }
        fd = n as i32;
    } else {
        if !closefd {
            return Err(PyErr::value_error(
                "Cannot use closefd=False with file name",
            ));
        }
        let (_, path) = fspath_bytes(&file)?;
        match opener.filter(|o| !protocol::is_none(o)) {
            Some(opener) => {
                let r = protocol::call1(
                    &opener,
                    &[file.clone(), pyrs_objects::int::from_i64(flags as i64)],
                )?;
                let Some(n) = pyrs_objects::int::as_i64(&r) else {
                    return Err(PyErr::type_error("expected integer from opener"));
                };
                if n < 0 {
                    return Err(PyErr::value_error(format!("opener returned {n}")));
                }
                fd = n as i32;
            }
            None => {
                let c = std::ffi::CString::new(path)
                    .map_err(|_| PyErr::value_error("embedded null byte"))?;
                loop {
                    // SAFETY: `c` is a NUL-terminated path.
                    let r = unsafe { libc::open(c.as_ptr(), flags, 0o666) };
                    if r >= 0 {
                        fd = r;
                        break;
                    }
                    if last_errno() != libc::EINTR {
                        return Err(last_os_error(Some(&file)));
                    }
                }
            }
        }
    }
    d.fd.set(fd);
    d.closefd.set(closefd);
    d.readable.set(readable);
    d.writable.set(writable);
    d.appending.set(appending);
    d.created.set(created);
    // A directory cannot be opened as a file.
    // SAFETY: `st` is written by fstat before it is read.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    // SAFETY: fd is open; st is a valid stat buffer.
    if unsafe { libc::fstat(fd, &mut st) } == 0 && (st.st_mode & libc::S_IFMT) == libc::S_IFDIR {
        if closefd {
            // SAFETY: the descriptor was opened here.
            unsafe { libc::close(fd) };
        }
        d.fd.set(-1);
        return Err(os_error(libc::EISDIR, Some(&file), None));
    }
    protocol::setattr(obj, &pyrs_objects::str::intern("name"), Some(&file))?;
    if appending {
        // SAFETY: fd is open.
        unsafe { libc::lseek(fd, 0, libc::SEEK_END) };
    }
    Ok(())
}

fn data<'a>(args: &Args<'a>, method: &str) -> PyResult<&'a FileIOData> {
    this::<FileIOData>(args, method, "_io.FileIO")
}

fn open_fd(d: &FileIOData) -> PyResult<i32> {
    let fd = d.fd.get();
    if fd < 0 {
        return Err(PyErr::value_error("I/O operation on closed file"));
    }
    Ok(fd)
}

fn check_readable(d: &FileIOData) -> PyResult<i32> {
    let fd = open_fd(d)?;
    if !d.readable.get() {
        return Err(unsupported("File not open for reading"));
    }
    Ok(fd)
}

fn check_writable(d: &FileIOData) -> PyResult<i32> {
    let fd = open_fd(d)?;
    if !d.writable.get() {
        return Err(unsupported("File not open for writing"));
    }
    Ok(fd)
}

/// One `read(2)` of up to `n` bytes, retried on EINTR; `None` for EAGAIN.
pub(crate) fn read_fd(fd: i32, n: usize) -> PyResult<Option<Vec<u8>>> {
    let mut buf = Vec::new();
    crate::argconv::grow(&mut buf, n, 0u8)?;
    loop {
        // SAFETY: buf has room for n bytes.
        let r = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), n) };
        if r >= 0 {
            buf.truncate(r as usize);
            return Ok(Some(buf));
        }
        match last_errno() {
            libc::EINTR => pyrs_vm::signals::check()?,
            libc::EAGAIN => return Ok(None),
            e => return Err(os_error(e, None, None)),
        }
    }
}

/// One `write(2)`, retried on EINTR; `None` for EAGAIN.
pub(crate) fn write_fd(fd: i32, bytes: &[u8]) -> PyResult<Option<usize>> {
    loop {
        // SAFETY: bytes is a valid buffer of its length.
        let r = unsafe { libc::write(fd, bytes.as_ptr().cast(), bytes.len()) };
        if r >= 0 {
            return Ok(Some(r as usize));
        }
        match last_errno() {
            libc::EINTR => pyrs_vm::signals::check()?,
            libc::EAGAIN => return Ok(None),
            e => return Err(os_error(e, None, None)),
        }
    }
}

fn fileio_read(args: Args<'_>) -> PyResult<Value> {
    let d = data(&args, "read")?;
    let [size] = args.skip_first().bind("read", ["size"], 0, 1, 1)?;
    let fd = check_readable(d)?;
    let n = crate::argconv::size_arg(size.as_ref())?;
    if n < 0 {
        return readall(fd);
    }
    Ok(match read_fd(fd, n as usize)? {
        Some(b) => pyrs_objects::bytes::new(b),
        None => pyrs_objects::none(),
    })
}

fn readall(fd: i32) -> PyResult<Value> {
    let mut out = Vec::new();
    loop {
        let want = (out.len() / 2).clamp(8192, 1 << 24);
        match read_fd(fd, want)? {
            Some(b) if b.is_empty() => break,
            Some(b) => out.extend_from_slice(&b),
            None if out.is_empty() => return Ok(pyrs_objects::none()),
            None => break,
        }
    }
    Ok(pyrs_objects::bytes::new(out))
}

fn fileio_readall(args: Args<'_>) -> PyResult<Value> {
    let d = data(&args, "readall")?;
    let fd = check_readable(d)?;
    readall(fd)
}

fn fileio_readinto(args: Args<'_>) -> PyResult<Value> {
    let d = data(&args, "readinto")?;
    let [buffer] = args.skip_first().bind("readinto", ["buffer"], 1, 1, 1)?;
    let fd = check_readable(d)?;
    let buffer = buffer.expect("required");
    let Some(target) = buffer.downcast::<ByteArrayData>() else {
        return Err(PyErr::type_error(format!(
            "readinto() argument must be read-write bytes-like object, not {}",
            buffer.type_data().name()
        )));
    };
    match read_fd(fd, target.len())? {
        Some(b) => {
            target.with_bytes(|v| v[..b.len()].copy_from_slice(&b));
            Ok(pyrs_objects::int::from_usize(b.len()))
        }
        None => Ok(pyrs_objects::none()),
    }
}

fn fileio_write(args: Args<'_>) -> PyResult<Value> {
    let d = data(&args, "write")?;
    let [b] = args.skip_first().bind("write", ["b"], 1, 1, 1)?;
    let fd = check_writable(d)?;
    let bytes = crate::argconv::buffer_arg(&b.expect("required"))?;
    Ok(match write_fd(fd, &bytes)? {
        Some(n) => pyrs_objects::int::from_usize(n),
        None => pyrs_objects::none(),
    })
}

pub(crate) fn lseek(fd: i32, pos: i64, whence: i32) -> PyResult<i64> {
    // SAFETY: lseek on any descriptor is memory-safe.
    let r = unsafe { libc::lseek(fd, pos, whence) };
    if r < 0 {
        return Err(last_os_error(None));
    }
    Ok(r)
}

fn fileio_seek(args: Args<'_>) -> PyResult<Value> {
    let d = data(&args, "seek")?;
    let [pos, whence] = args.skip_first().bind("seek", ["pos", "whence"], 1, 2, 2)?;
    let fd = open_fd(d)?;
    let pos = pos.expect("required");
    if pos.downcast::<pyrs_objects::float::FloatData>().is_some() {
        return Err(PyErr::type_error("an integer is required"));
    }
    let pos = crate::argconv::index_arg(&pos)?;
    let whence = match &whence {
        Some(w) => crate::argconv::index_arg(w)? as i32,
        None => 0,
    };
    Ok(pyrs_objects::int::from_i64(lseek(fd, pos, whence)?))
}

fn fileio_tell(args: Args<'_>) -> PyResult<Value> {
    let d = data(&args, "tell")?;
    let fd = open_fd(d)?;
    Ok(pyrs_objects::int::from_i64(lseek(fd, 0, libc::SEEK_CUR)?))
}

fn fileio_truncate(args: Args<'_>) -> PyResult<Value> {
    let d = data(&args, "truncate")?;
    let [size] = args.skip_first().bind("truncate", ["size"], 0, 1, 1)?;
    let fd = check_writable(d)?;
    let size = match size.filter(|s| !protocol::is_none(s)) {
        Some(s) => crate::argconv::index_arg(&s)?,
        None => lseek(fd, 0, libc::SEEK_CUR)?,
    };
    // SAFETY: ftruncate on any descriptor is memory-safe.
    if unsafe { libc::ftruncate(fd, size) } != 0 {
        return Err(last_os_error(None));
    }
    Ok(pyrs_objects::int::from_i64(size))
}

fn fileio_close(args: Args<'_>) -> PyResult<Value> {
    let d = data(&args, "close")?;
    let obj = &args.pos()[0];
    // `_RawIOBase.close` marks the object closed (and flushes, which does nothing here).
    let base = super::types().raw_iobase.clone();
    let close = pyrs_objects::typeobject::type_data(&base)
        .and_then(|t| t.lookup_str("close"))
        .ok_or_else(|| PyErr::attribute_error("close"))?;
    let flushed = protocol::call1(&close, std::slice::from_ref(obj));
    let fd = d.fd.replace(-1);
    if fd >= 0 && d.closefd.get() {
        // SAFETY: the descriptor is this object's own.
        if unsafe { libc::close(fd) } != 0 {
            return Err(last_os_error(None));
        }
    }
    flushed?;
    Ok(pyrs_objects::none())
}

fn fileio_seekable(args: Args<'_>) -> PyResult<Value> {
    let d = data(&args, "seekable")?;
    let fd = open_fd(d)?;
    // SAFETY: lseek on any descriptor is memory-safe.
    let r = unsafe { libc::lseek(fd, 0, libc::SEEK_CUR) };
    Ok(pyrs_objects::bool(r >= 0))
}

fn fileio_readable(args: Args<'_>) -> PyResult<Value> {
    let d = data(&args, "readable")?;
    open_fd(d)?;
    Ok(pyrs_objects::bool(d.readable.get()))
}

fn fileio_writable(args: Args<'_>) -> PyResult<Value> {
    let d = data(&args, "writable")?;
    open_fd(d)?;
    Ok(pyrs_objects::bool(d.writable.get()))
}

fn fileio_fileno(args: Args<'_>) -> PyResult<Value> {
    let d = data(&args, "fileno")?;
    Ok(pyrs_objects::int::from_i64(open_fd(d)? as i64))
}

fn fileio_isatty(args: Args<'_>) -> PyResult<Value> {
    let d = data(&args, "isatty")?;
    let fd = open_fd(d)?;
    // SAFETY: isatty on any descriptor is memory-safe.
    Ok(pyrs_objects::bool(unsafe { libc::isatty(fd) } == 1))
}

fn fileio_dealloc_warn(_: Args<'_>) -> PyResult<Value> {
    Ok(pyrs_objects::none())
}

fn payload(obj: &Value) -> PyResult<&FileIOData> {
    protocol::self_payload::<FileIOData>(obj, "closed", "_io.FileIO")
}

fn fileio_closed(obj: &Value) -> PyResult<Value> {
    Ok(pyrs_objects::bool(payload(obj)?.fd.get() < 0))
}

fn fileio_closefd(obj: &Value) -> PyResult<Value> {
    Ok(pyrs_objects::bool(payload(obj)?.closefd.get()))
}

fn mode_string(d: &FileIOData) -> &'static str {
    match (
        d.created.get(),
        d.appending.get(),
        d.readable.get(),
        d.writable.get(),
    ) {
        (true, _, true, _) => "xb+",
        (true, _, false, _) => "xb",
        (_, true, true, _) => "ab+",
        (_, true, false, _) => "ab",
        (_, _, true, true) => "rb+",
        (_, _, true, false) => "rb",
        _ => "wb",
    }
}

fn fileio_mode(obj: &Value) -> PyResult<Value> {
    Ok(pyrs_objects::str::new(mode_string(payload(obj)?)))
}

/// The type's name as reprs print it: `_io.FileIO`, or a subclass's own name.
pub(crate) fn repr_type_name(obj: &Value) -> String {
    let t = obj.type_data();
    if t.is_heap_type() {
        t.name()
    } else {
        format!("_io.{}", t.name())
    }
}

fn fileio_repr(obj: &Value) -> PyResult<Value> {
    let d = payload(obj)?;
    let tn = repr_type_name(obj);
    if d.fd.get() < 0 {
        return Ok(pyrs_objects::str::new(&format!("<{tn} [closed]>")));
    }
    let closefd = if d.closefd.get() { "True" } else { "False" };
    let mode = mode_string(d);
    let text = match protocol::getattr_str(obj, "name") {
        Ok(name) => {
            let _guard = protocol::enter_recursion(" while getting the repr of an object")?;
            let r = protocol::repr_string(&name)?;
            format!("<{tn} name={r} mode='{mode}' closefd={closefd}>")
        }
        Err(e) if e.is(pyrs_objects::ExcKind::AttributeError) => {
            format!("<{tn} fd={} mode='{mode}' closefd={closefd}>", d.fd.get())
        }
        Err(e) => return Err(e),
    };
    Ok(pyrs_objects::str::new(&text))
}
