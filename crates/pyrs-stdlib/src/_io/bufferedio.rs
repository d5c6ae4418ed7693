//! `BufferedReader`, `BufferedWriter`, `BufferedRandom` and `BufferedRWPair` (CPython's
//! Modules/_io/bufferedio.c): a byte buffer in front of a raw stream. A `FileIO` raw stream
//! is read and written directly through its descriptor; any other raw stream through its
//! `read`, `write`, `seek` and `tell` methods.
//!
//! The read buffer holds bytes read ahead of the logical position; the write buffer holds
//! bytes written but not yet passed to the raw stream. A `BufferedRandom` has at most one
//! of them non-empty: reading flushes the write buffer, writing gives back the read-ahead.

use std::cell::{Cell, RefCell};

use pyrs_objects::bytearray::ByteArrayData;
use pyrs_objects::native::{MethodDef, MethodKind};
use pyrs_objects::{protocol, Args, PyErr, PyResult, Value};

use super::fileio::FileIOData;
use super::{call_method, unsupported};

/// The state of a buffered stream.
pub(crate) struct BufferedData {
    raw: RefCell<Option<Value>>,
    rbuf: RefCell<Vec<u8>>,
    rpos: Cell<usize>,
    wbuf: RefCell<Vec<u8>>,
    size: Cell<usize>,
    readable: Cell<bool>,
    writable: Cell<bool>,
    detached: Cell<bool>,
}

impl pyrs_objects::object::Payload for BufferedData {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        pyrs_objects::gc::visit_cell(&self.raw, visit);
    }

    fn clear(&self) {
        pyrs_objects::gc::clear_cell(&self.raw);
    }
}

/// The state of a `BufferedRWPair`.
pub(crate) struct RWPairData {
    pair: RefCell<Option<(Value, Value)>>,
}

impl pyrs_objects::object::Payload for RWPairData {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        if let Ok(pair) = self.pair.try_borrow() {
            if let Some((reader, writer)) = pair.as_ref() {
                visit(reader);
                visit(writer);
            }
        }
    }

    fn clear(&self) {
        let old = self.pair.try_borrow_mut().ok().and_then(|mut p| p.take());
        drop(old);
    }
}

pub(super) fn buffered_types(base: &Value) -> (Value, Value, Value, Value) {
    let make = |name: &'static str, tables: &[&'static [MethodDef]]| {
        let mut b = super::io_type::<BufferedData>(name, Some(base), COMMON_METHODS).slots(|s| {
            s.new.set(Some(buffered_new));
            s.repr.set(Some(buffered_repr));
        });
        for t in tables {
            b = b.methods(t);
        }
        b
    };
    let reader = make("BufferedReader", &[READ_METHODS, READER_FLUSH])
        .slots(|s| {
            s.init.set(Some(reader_init));
            s.next.set(Some(buffered_next));
        })
        .build();
    let writer = make("BufferedWriter", &[WRITE_METHODS])
        .slots(|s| s.init.set(Some(writer_init)))
        .build();
    let random = make("BufferedRandom", &[READ_METHODS, WRITE_METHODS])
        .slots(|s| {
            s.init.set(Some(random_init));
            s.next.set(Some(buffered_next));
        })
        .build();
    let pair = super::io_type::<RWPairData>("BufferedRWPair", Some(base), PAIR_METHODS)
        .slots(|s| {
            s.new.set(Some(pair_new));
            s.init.set(Some(pair_init));
        })
        .build();
    (reader, writer, random, pair)
}

const COMMON_METHODS: &[MethodDef] = &[
    MethodDef::new("seek", MethodKind::Method(buffered_seek)),
    MethodDef::new("tell", MethodKind::Method(buffered_tell)),
    MethodDef::new("truncate", MethodKind::Method(buffered_truncate)),
    MethodDef::new("close", MethodKind::Method(buffered_close)),
    MethodDef::new("detach", MethodKind::Method(buffered_detach)),
    MethodDef::new("fileno", MethodKind::Method(buffered_fileno)),
    MethodDef::new("isatty", MethodKind::Method(buffered_isatty)),
    MethodDef::new("seekable", MethodKind::Method(buffered_seekable)),
    MethodDef::new("_dealloc_warn", MethodKind::Method(buffered_dealloc_warn)),
    MethodDef::new("raw", MethodKind::GetSet(buffered_raw, None)),
    MethodDef::new("closed", MethodKind::GetSet(buffered_closed, None)),
    MethodDef::new("name", MethodKind::GetSet(buffered_name, None)),
    MethodDef::new("mode", MethodKind::GetSet(buffered_mode, None)),
];

const READ_METHODS: &[MethodDef] = &[
    MethodDef::new("read", MethodKind::Method(buffered_read)),
    MethodDef::new("read1", MethodKind::Method(buffered_read1)),
    MethodDef::new("peek", MethodKind::Method(buffered_peek)),
    MethodDef::new("readline", MethodKind::Method(buffered_readline)),
    MethodDef::new("readinto", MethodKind::Method(buffered_readinto)),
    MethodDef::new("readinto1", MethodKind::Method(buffered_readinto)),
    MethodDef::new("readable", MethodKind::Method(buffered_readable)),
];

const READER_FLUSH: &[MethodDef] = &[MethodDef::new("flush", MethodKind::Method(reader_flush))];

const WRITE_METHODS: &[MethodDef] = &[
    MethodDef::new("write", MethodKind::Method(buffered_write)),
    MethodDef::new("flush", MethodKind::Method(buffered_flush)),
    MethodDef::new("writable", MethodKind::Method(buffered_writable)),
];

fn buffered_new(cls: &Value, _args: Args<'_>) -> PyResult<Value> {
    Ok(pyrs_objects::object::alloc(
        cls,
        BufferedData {
            raw: RefCell::new(None),
            rbuf: RefCell::new(Vec::new()),
            rpos: Cell::new(0),
            wbuf: RefCell::new(Vec::new()),
            size: Cell::new(super::DEFAULT_BUFFER_SIZE),
            readable: Cell::new(false),
            writable: Cell::new(false),
            detached: Cell::new(false),
        },
    ))
}

fn init_common(obj: &Value, args: Args<'_>, name: &str, read: bool, write: bool) -> PyResult<()> {
    let [raw, size] = args.bind(name, ["raw", "buffer_size"], 1, 0, 2)?;
    let raw = raw.expect("required");
    let d = protocol::self_payload::<BufferedData>(obj, "__init__", name)?;
    if read {
        check_ability(&raw, "readable", "File or stream is not readable.")?;
    }
    if write {
        check_ability(&raw, "writable", "File or stream is not writable.")?;
    }
    let size = match &size {
        Some(s) => crate::argconv::index_arg(s)?,
        None => super::DEFAULT_BUFFER_SIZE as i64,
    };
    if size <= 0 {
        return Err(PyErr::value_error("buffer size must be strictly positive"));
    }
    *d.raw.borrow_mut() = Some(raw);
    d.size.set(size as usize);
    d.readable.set(read);
    d.writable.set(write);
    d.detached.set(false);
    d.rbuf.borrow_mut().clear();
    d.rpos.set(0);
    d.wbuf.borrow_mut().clear();
    Ok(())
}

fn check_ability(raw: &Value, what: &str, message: &str) -> PyResult<()> {
    let r = call_method(raw, what, &[])?;
    if !protocol::is_true(&r)? {
        return Err(unsupported(message));
    }
    Ok(())
}

fn reader_init(obj: &Value, args: Args<'_>) -> PyResult<()> {
    init_common(obj, args, "BufferedReader", true, false)
}

fn writer_init(obj: &Value, args: Args<'_>) -> PyResult<()> {
    init_common(obj, args, "BufferedWriter", false, true)
}

fn random_init(obj: &Value, args: Args<'_>) -> PyResult<()> {
    let raw = args.pos().first().cloned();
    if let Some(raw) = &raw {
        check_ability(raw, "seekable", "File or stream is not seekable.")?;
    }
    init_common(obj, args, "BufferedRandom", true, true)
}

fn data<'a>(args: &Args<'a>, method: &str) -> PyResult<&'a BufferedData> {
    super::this::<BufferedData>(args, method, "_io._Buffered")
}

fn payload(obj: &Value) -> PyResult<&BufferedData> {
    protocol::self_payload::<BufferedData>(obj, "raw", "_io._Buffered")
}

/// The raw stream, or ValueError when detached or never initialised.
fn raw_of(d: &BufferedData) -> PyResult<Value> {
    match &*d.raw.borrow() {
        Some(r) => Ok(r.clone()),
        None if d.detached.get() => Err(PyErr::value_error("raw stream has been detached")),
        None => Err(PyErr::value_error("I/O operation on uninitialized object")),
    }
}

/// The descriptor of a raw `FileIO` (for the direct path), if the raw stream is one.
fn raw_fd(raw: &Value) -> Option<i32> {
    let t = super::types();
    if raw.is_exact(&t.fileio) {
        raw.downcast::<FileIOData>().map(|f| f.fd.get())
    } else {
        None
    }
}

fn raw_closed(raw: &Value) -> PyResult<bool> {
    if let Some(fd) = raw_fd(raw) {
        return Ok(fd < 0);
    }
    super::is_closed(raw)
}

fn check_open(d: &BufferedData, message: &str) -> PyResult<Value> {
    let raw = raw_of(d)?;
    if raw_closed(&raw)? {
        return Err(PyErr::value_error(message));
    }
    Ok(raw)
}

/// One read of up to `n` bytes from the raw stream; `None` when it would block.
fn raw_read(raw: &Value, n: usize) -> PyResult<Option<Vec<u8>>> {
    if let Some(fd) = raw_fd(raw) {
        if fd >= 0 {
            return super::fileio::read_fd(fd, n);
        }
    }
    let r = call_method(raw, "read", &[pyrs_objects::int::from_usize(n)])?;
    if protocol::is_none(&r) {
        return Ok(None);
    }
    let b = crate::argconv::buffer_arg(&r)?;
    if b.len() > n {
        return Err(PyErr::new(
            pyrs_objects::ExcKind::OSError,
            format!(
                "raw readinto() returned invalid length {} (should have been between 0 and {n})",
                b.len()
            ),
        ));
    }
    Ok(Some(b))
}

fn raw_write_all(raw: &Value, mut bytes: &[u8]) -> PyResult<()> {
    while !bytes.is_empty() {
        let n = match raw_fd(raw) {
            Some(fd) if fd >= 0 => super::fileio::write_fd(fd, bytes)?,
            _ => {
                let r = call_method(raw, "write", &[pyrs_objects::bytes::new(bytes.to_vec())])?;
                if protocol::is_none(&r) {
                    None
                } else {
                    Some(crate::argconv::index_arg(&r)?.max(0) as usize)
                }
            }
        };
        match n {
            Some(n) => bytes = &bytes[n.min(bytes.len())..],
            None => {
                return Err(PyErr::new(
                    pyrs_objects::ExcKind::BlockingIOError,
                    "write could not complete without blocking",
                ))
            }
        }
    }
    Ok(())
}

fn raw_seek(raw: &Value, pos: i64, whence: i32) -> PyResult<i64> {
    if let Some(fd) = raw_fd(raw) {
        if fd >= 0 {
            return super::fileio::lseek(fd, pos, whence);
        }
    }
    let r = call_method(
        raw,
        "seek",
        &[
            pyrs_objects::int::from_i64(pos),
            Value::small(whence as i64),
        ],
    )?;
    let n = crate::argconv::index_arg(&r)?;
    if n < 0 {
        return Err(PyErr::new(
            pyrs_objects::ExcKind::OSError,
            format!("Raw stream returned invalid position {n}"),
        ));
    }
    Ok(n)
}

fn raw_tell(raw: &Value) -> PyResult<i64> {
    if let Some(fd) = raw_fd(raw) {
        if fd >= 0 {
            return super::fileio::lseek(fd, 0, libc::SEEK_CUR);
        }
    }
    let r = call_method(raw, "tell", &[])?;
    let n = crate::argconv::index_arg(&r)?;
    if n < 0 {
        return Err(PyErr::new(
            pyrs_objects::ExcKind::OSError,
            format!("Raw stream returned invalid position {n}"),
        ));
    }
    Ok(n)
}

/// Writes the write buffer out.
fn flush_writes(d: &BufferedData, raw: &Value) -> PyResult<()> {
    let pending = std::mem::take(&mut *d.wbuf.borrow_mut());
    if pending.is_empty() {
        return Ok(());
    }
    raw_write_all(raw, &pending)
}

/// Gives back read-ahead bytes: the raw stream goes back to the logical position.
fn drop_readahead(d: &BufferedData, raw: &Value) -> PyResult<()> {
    let unread = d.rbuf.borrow().len() - d.rpos.get();
    d.rbuf.borrow_mut().clear();
    d.rpos.set(0);
    if unread > 0 {
        raw_seek(raw, -(unread as i64), libc::SEEK_CUR)?;
    }
    Ok(())
}

fn available(d: &BufferedData) -> usize {
    d.rbuf.borrow().len() - d.rpos.get()
}

fn take(d: &BufferedData, n: usize) -> Vec<u8> {
    let mut rbuf = d.rbuf.borrow_mut();
    let start = d.rpos.get();
    let end = start.saturating_add(n).min(rbuf.len());
    let out = rbuf[start..end].to_vec();
    if end == rbuf.len() {
        rbuf.clear();
        d.rpos.set(0);
    } else {
        d.rpos.set(end);
    }
    out
}

/// Reads once more into the read buffer; false at end of file (or when it would block).
fn fill(d: &BufferedData, raw: &Value, at_least: usize) -> PyResult<bool> {
    // One read asks for at most 16 MiB more than the buffer size: a huge `read(n)` loops.
    let want = d.size.get().max(at_least.min(1 << 24));
    match raw_read(raw, want)? {
        Some(b) if !b.is_empty() => {
            let mut rbuf = d.rbuf.borrow_mut();
            let pos = d.rpos.get();
            if pos > 0 {
                rbuf.drain(..pos);
                d.rpos.set(0);
            }
            rbuf.extend_from_slice(&b);
            Ok(true)
        }
        _ => Ok(false),
    }
}

fn prepare_read(d: &BufferedData, message: &str) -> PyResult<Value> {
    let raw = check_open(d, message)?;
    if d.writable.get() {
        flush_writes(d, &raw)?;
    }
    Ok(raw)
}

fn buffered_read(args: Args<'_>) -> PyResult<Value> {
    let d = data(&args, "read")?;
    let [size] = args.skip_first().bind("read", ["size"], 0, 1, 1)?;
    let n = crate::argconv::size_arg(size.as_ref())?;
    if n < -1 {
        return Err(PyErr::value_error("read length must be non-negative or -1"));
    }
    let raw = prepare_read(d, "read of closed file")?;
    if n < 0 {
        let mut out = take(d, usize::MAX);
        loop {
            match raw_read(&raw, d.size.get().max(out.len() / 2))? {
                Some(b) if !b.is_empty() => out.extend_from_slice(&b),
                Some(_) => break,
                None if out.is_empty() => return Ok(pyrs_objects::none()),
                None => break,
            }
        }
        return Ok(pyrs_objects::bytes::new(out));
    }
    let n = n as usize;
    while available(d) < n {
        if !fill(d, &raw, n - available(d))? {
            break;
        }
    }
    Ok(pyrs_objects::bytes::new(take(d, n)))
}

fn buffered_read1(args: Args<'_>) -> PyResult<Value> {
    let d = data(&args, "read1")?;
    let [size] = args.skip_first().bind("read1", ["size"], 0, 1, 1)?;
    let n = crate::argconv::size_arg(size.as_ref())?;
    let raw = prepare_read(d, "read of closed file")?;
    let n = if n < 0 { d.size.get() } else { n as usize };
    if n == 0 {
        return Ok(pyrs_objects::bytes::new(Vec::new()));
    }
    if available(d) == 0 {
        fill(d, &raw, n)?;
    }
    Ok(pyrs_objects::bytes::new(take(d, n)))
}

fn buffered_peek(args: Args<'_>) -> PyResult<Value> {
    let d = data(&args, "peek")?;
    let [_size] = args.skip_first().bind("peek", ["size"], 0, 1, 1)?;
    let raw = prepare_read(d, "peek of closed file")?;
    if available(d) == 0 {
        fill(d, &raw, 0)?;
    }
    let rbuf = d.rbuf.borrow();
    Ok(pyrs_objects::bytes::new(rbuf[d.rpos.get()..].to_vec()))
}

/// One line (up to `limit` bytes), or the rest of the stream.
fn readline_bytes(d: &BufferedData, raw: &Value, limit: i64) -> PyResult<Vec<u8>> {
    let mut searched = 0;
    loop {
        let found = {
            let rbuf = d.rbuf.borrow();
            let avail = &rbuf[d.rpos.get()..];
            avail[searched..]
                .iter()
                .position(|&b| b == b'\n')
                .map(|p| searched + p + 1)
        };
        let avail = available(d);
        if let Some(end) = found {
            let end = if limit >= 0 {
                end.min(limit as usize)
            } else {
                end
            };
            return Ok(take(d, end));
        }
        if limit >= 0 && avail >= limit as usize {
            return Ok(take(d, limit as usize));
        }
        searched = avail;
        if !fill(d, raw, 0)? {
            return Ok(take(d, avail));
        }
    }
}

fn buffered_readline(args: Args<'_>) -> PyResult<Value> {
    let d = data(&args, "readline")?;
    let [size] = args.skip_first().bind("readline", ["size"], 0, 1, 1)?;
    let limit = crate::argconv::size_arg(size.as_ref())?;
    let raw = prepare_read(d, "readline of closed file")?;
    Ok(pyrs_objects::bytes::new(readline_bytes(d, &raw, limit)?))
}

fn buffered_next(obj: &Value) -> PyResult<Option<Value>> {
    let d = payload(obj)?;
    let raw = prepare_read(d, "readline of closed file")?;
    let line = readline_bytes(d, &raw, -1)?;
    if line.is_empty() {
        return Ok(None);
    }
    Ok(Some(pyrs_objects::bytes::new(line)))
}

fn buffered_readinto(args: Args<'_>) -> PyResult<Value> {
    let d = data(&args, "readinto")?;
    let [buffer] = args.skip_first().bind("readinto", ["buffer"], 1, 1, 1)?;
    let buffer = buffer.expect("required");
    let Some(target) = buffer.downcast::<ByteArrayData>() else {
        return Err(PyErr::type_error(format!(
            "readinto() argument must be read-write bytes-like object, not {}",
            buffer.type_data().name()
        )));
    };
    let raw = prepare_read(d, "readinto of closed file")?;
    let n = target.len();
    while available(d) < n {
        if !fill(d, &raw, n - available(d))? {
            break;
        }
    }
    let got = take(d, n);
    target.with_bytes(|v| v[..got.len()].copy_from_slice(&got));
    Ok(pyrs_objects::int::from_usize(got.len()))
}

fn buffered_write(args: Args<'_>) -> PyResult<Value> {
    let d = data(&args, "write")?;
    let [b] = args.skip_first().bind("write", ["buffer"], 1, 1, 1)?;
    let bytes = crate::argconv::buffer_arg(&b.expect("required"))?;
    let raw = check_open(d, "write to closed file")?;
    if d.readable.get() && available(d) > 0 {
        drop_readahead(d, &raw)?;
    } else if d.readable.get() {
        d.rbuf.borrow_mut().clear();
        d.rpos.set(0);
    }
    let full = {
        let mut wbuf = d.wbuf.borrow_mut();
        wbuf.extend_from_slice(&bytes);
        wbuf.len() >= d.size.get()
    };
    if full {
        flush_writes(d, &raw)?;
    }
    Ok(pyrs_objects::int::from_usize(bytes.len()))
}

fn buffered_flush(args: Args<'_>) -> PyResult<Value> {
    let d = data(&args, "flush")?;
    let raw = check_open(d, "flush of closed file")?;
    flush_writes(d, &raw)?;
    if d.readable.get() && available(d) > 0 {
        drop_readahead(d, &raw)?;
    }
    Ok(pyrs_objects::none())
}

fn reader_flush(args: Args<'_>) -> PyResult<Value> {
    let d = data(&args, "flush")?;
    check_open(d, "I/O operation on closed file.")?;
    Ok(pyrs_objects::none())
}

fn buffered_seek(args: Args<'_>) -> PyResult<Value> {
    let d = data(&args, "seek")?;
    let [target, whence] = args
        .skip_first()
        .bind("seek", ["target", "whence"], 1, 2, 2)?;
    let target = target.expect("required");
    if !protocol::has_index(&target) {
        return Err(PyErr::type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            target.type_data().name()
        )));
    }
    let pos = crate::argconv::index_arg(&target)?;
    let whence = match &whence {
        Some(w) => crate::argconv::index_arg(w)?,
        None => 0,
    };
    if !(0..=2).contains(&whence) {
        return Err(PyErr::value_error(format!(
            "whence value {whence} unsupported"
        )));
    }
    let raw = check_open(d, "seek of closed file")?;
    flush_writes(d, &raw)?;
    let mut pos = pos;
    if whence == 1 {
        pos -= available(d) as i64;
    }
    d.rbuf.borrow_mut().clear();
    d.rpos.set(0);
    Ok(pyrs_objects::int::from_i64(raw_seek(
        &raw,
        pos,
        whence as i32,
    )?))
}

fn buffered_tell(args: Args<'_>) -> PyResult<Value> {
    let d = data(&args, "tell")?;
    let raw = raw_of(d)?;
    let pos = raw_tell(&raw)?;
    let pos = pos - available(d) as i64 + d.wbuf.borrow().len() as i64;
    Ok(pyrs_objects::int::from_i64(pos.max(0)))
}

fn buffered_truncate(args: Args<'_>) -> PyResult<Value> {
    let d = data(&args, "truncate")?;
    let [pos] = args.skip_first().bind("truncate", ["pos"], 0, 1, 1)?;
    let raw = check_open(d, "truncate of closed file")?;
    if !d.writable.get() {
        return Err(unsupported("truncate"));
    }
    flush_writes(d, &raw)?;
    let pos = match pos.filter(|p| !protocol::is_none(p)) {
        Some(p) => p,
        None => {
            let here = raw_tell(&raw)? - available(d) as i64;
            pyrs_objects::int::from_i64(here)
        }
    };
    drop_readahead(d, &raw)?;
    call_method(&raw, "truncate", &[pos])
}

fn buffered_close(args: Args<'_>) -> PyResult<Value> {
    let d = data(&args, "close")?;
    let raw = raw_of(d)?;
    if raw_closed(&raw)? {
        return Ok(pyrs_objects::none());
    }
    let flushed = if d.writable.get() {
        flush_writes(d, &raw)
    } else {
        Ok(())
    };
    d.rbuf.borrow_mut().clear();
    d.rpos.set(0);
    let closed = call_method(&raw, "close", &[]);
    flushed?;
    closed?;
    Ok(pyrs_objects::none())
}

fn buffered_detach(args: Args<'_>) -> PyResult<Value> {
    let d = data(&args, "detach")?;
    let raw = raw_of(d)?;
    if d.writable.get() {
        flush_writes(d, &raw)?;
    }
    *d.raw.borrow_mut() = None;
    d.detached.set(true);
    Ok(raw)
}

fn delegate(args: Args<'_>, method: &str) -> PyResult<Value> {
    let d = data(&args, method)?;
    let raw = raw_of(d)?;
    call_method(&raw, method, &[])
}

fn buffered_fileno(args: Args<'_>) -> PyResult<Value> {
    delegate(args, "fileno")
}

fn buffered_isatty(args: Args<'_>) -> PyResult<Value> {
    delegate(args, "isatty")
}

fn buffered_seekable(args: Args<'_>) -> PyResult<Value> {
    delegate(args, "seekable")
}

fn buffered_readable(args: Args<'_>) -> PyResult<Value> {
    delegate(args, "readable")
}

fn buffered_writable(args: Args<'_>) -> PyResult<Value> {
    delegate(args, "writable")
}

fn buffered_dealloc_warn(_: Args<'_>) -> PyResult<Value> {
    Ok(pyrs_objects::none())
}

fn buffered_raw(obj: &Value) -> PyResult<Value> {
    raw_of(payload(obj)?)
}

fn buffered_closed(obj: &Value) -> PyResult<Value> {
    let raw = raw_of(payload(obj)?)?;
    Ok(pyrs_objects::bool(raw_closed(&raw)?))
}

fn buffered_name(obj: &Value) -> PyResult<Value> {
    let raw = raw_of(payload(obj)?)?;
    protocol::getattr_str(&raw, "name")
}

fn buffered_mode(obj: &Value) -> PyResult<Value> {
    let raw = raw_of(payload(obj)?)?;
    protocol::getattr_str(&raw, "mode")
}

fn buffered_repr(obj: &Value) -> PyResult<Value> {
    let tn = super::fileio::repr_type_name(obj);
    match protocol::getattr_str(obj, "name") {
        Ok(name) => {
            let _guard = protocol::enter_recursion(" while getting the repr of an object")?;
            let r = protocol::repr_string(&name)?;
            Ok(pyrs_objects::str::new(&format!("<{tn} name={r}>")))
        }
        Err(e)
            if e.is(pyrs_objects::ExcKind::AttributeError)
                || e.is(pyrs_objects::ExcKind::ValueError) =>
        {
            Ok(pyrs_objects::str::new(&format!("<{tn}>")))
        }
        Err(e) => Err(e),
    }
}

// ----- BufferedRWPair -----

const PAIR_METHODS: &[MethodDef] = &[
    MethodDef::new("read", MethodKind::Method(pair_read)),
    MethodDef::new("peek", MethodKind::Method(pair_peek)),
    MethodDef::new("read1", MethodKind::Method(pair_read1)),
    MethodDef::new("readinto", MethodKind::Method(pair_readinto)),
    MethodDef::new("readinto1", MethodKind::Method(pair_readinto)),
    MethodDef::new("write", MethodKind::Method(pair_write)),
    MethodDef::new("flush", MethodKind::Method(pair_flush)),
    MethodDef::new("readable", MethodKind::Method(pair_readable)),
    MethodDef::new("writable", MethodKind::Method(pair_writable)),
    MethodDef::new("close", MethodKind::Method(pair_close)),
    MethodDef::new("isatty", MethodKind::Method(pair_isatty)),
    MethodDef::new("closed", MethodKind::GetSet(pair_closed, None)),
];

fn pair_new(cls: &Value, _args: Args<'_>) -> PyResult<Value> {
    Ok(pyrs_objects::object::alloc(
        cls,
        RWPairData {
            pair: RefCell::new(None),
        },
    ))
}

fn pair_init(obj: &Value, args: Args<'_>) -> PyResult<()> {
    let [reader, writer, size] = args.bind(
        "BufferedRWPair",
        ["reader", "writer", "buffer_size"],
        2,
        3,
        3,
    )?;
    let d = protocol::self_payload::<RWPairData>(obj, "__init__", "BufferedRWPair")?;
    let size = size.unwrap_or_else(|| pyrs_objects::int::from_usize(super::DEFAULT_BUFFER_SIZE));
    let t = super::types();
    let r = protocol::call1(
        &t.buffered_reader,
        &[reader.expect("required"), size.clone()],
    )?;
    let w = protocol::call1(&t.buffered_writer, &[writer.expect("required"), size])?;
    *d.pair.borrow_mut() = Some((r, w));
    Ok(())
}

fn pair_parts(args: &Args<'_>, method: &str) -> PyResult<(Value, Value)> {
    let d = super::this::<RWPairData>(args, method, "_io.BufferedRWPair")?;
    let pair = d.pair.borrow().clone();
    pair.ok_or_else(|| PyErr::value_error("I/O operation on uninitialized object"))
}

fn pair_forward(args: Args<'_>, method: &str, writer: bool) -> PyResult<Value> {
    let (r, w) = pair_parts(&args, method)?;
    let rest = &args.pos()[1..];
    call_method(if writer { &w } else { &r }, method, rest)
}

fn pair_read(args: Args<'_>) -> PyResult<Value> {
    pair_forward(args, "read", false)
}
fn pair_peek(args: Args<'_>) -> PyResult<Value> {
    pair_forward(args, "peek", false)
}
fn pair_read1(args: Args<'_>) -> PyResult<Value> {
    pair_forward(args, "read1", false)
}
fn pair_readinto(args: Args<'_>) -> PyResult<Value> {
    pair_forward(args, "readinto", false)
}
fn pair_write(args: Args<'_>) -> PyResult<Value> {
    pair_forward(args, "write", true)
}
fn pair_flush(args: Args<'_>) -> PyResult<Value> {
    pair_forward(args, "flush", true)
}
fn pair_readable(args: Args<'_>) -> PyResult<Value> {
    pair_forward(args, "readable", false)
}
fn pair_writable(args: Args<'_>) -> PyResult<Value> {
    pair_forward(args, "writable", true)
}

fn pair_isatty(args: Args<'_>) -> PyResult<Value> {
    let (r, w) = pair_parts(&args, "isatty")?;
    let a = call_method(&w, "isatty", &[])?;
    if protocol::is_true(&a)? {
        return Ok(a);
    }
    call_method(&r, "isatty", &[])
}

fn pair_close(args: Args<'_>) -> PyResult<Value> {
    let (r, w) = pair_parts(&args, "close")?;
    let a = call_method(&w, "close", &[]);
    let b = call_method(&r, "close", &[]);
    a?;
    b
}

fn pair_closed(obj: &Value) -> PyResult<Value> {
    let d = protocol::self_payload::<RWPairData>(obj, "closed", "_io.BufferedRWPair")?;
    let pair = d.pair.borrow().clone();
    match pair {
        Some((_, w)) => protocol::getattr_str(&w, "closed"),
        None => Err(PyErr::runtime_error(
            "the BufferedRWPair object is being garbage-collected",
        )),
    }
}
