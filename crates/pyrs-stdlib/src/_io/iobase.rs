//! `_IOBase`, `_RawIOBase`, `_BufferedIOBase` and `_TextIOBase` (CPython's
//! Modules/_io/iobase.c and the abstract parts of bufferedio.c and textio.c): the methods
//! every stream inherits, written against the stream's own attributes (`self.closed`,
//! `self.read`, `self.readinto`…) so that Python subclasses get them too.

use pyrs_objects::bytearray::ByteArrayData;
use pyrs_objects::bytes::BytesData;
use pyrs_objects::native::{MethodDef, MethodKind};
use pyrs_objects::{protocol, Args, PyErr, PyResult, Value};

use super::{call_method, is_closed, self_of, unsupported};

const CLOSED_ATTR: &str = "__IOBase_closed";

/// The `_IOBase` type.
pub(super) fn iobase_type() -> Value {
    super::io_type::<()>("_IOBase", None, IOBASE_METHODS)
        .slots(|s| {
            s.iter.set(Some(iobase_iter));
            s.next.set(Some(iobase_next));
            s.del.set(Some(iobase_finalize));
        })
        .build()
}

const IOBASE_METHODS: &[MethodDef] = &[
    MethodDef::new("seek", MethodKind::Method(iobase_seek)),
    MethodDef::new("tell", MethodKind::Method(iobase_tell)),
    MethodDef::new("truncate", MethodKind::Method(iobase_truncate)),
    MethodDef::new("flush", MethodKind::Method(iobase_flush)),
    MethodDef::new("close", MethodKind::Method(iobase_close)),
    MethodDef::new("seekable", MethodKind::Method(iobase_false)),
    MethodDef::new("readable", MethodKind::Method(iobase_false)),
    MethodDef::new("writable", MethodKind::Method(iobase_false)),
    MethodDef::new("_checkClosed", MethodKind::Method(iobase_check_closed)),
    MethodDef::new("_checkSeekable", MethodKind::Method(iobase_check_seekable)),
    MethodDef::new("_checkReadable", MethodKind::Method(iobase_check_readable)),
    MethodDef::new("_checkWritable", MethodKind::Method(iobase_check_writable)),
    MethodDef::new("fileno", MethodKind::Method(iobase_fileno)),
    MethodDef::new("isatty", MethodKind::Method(iobase_isatty)),
    MethodDef::new("__enter__", MethodKind::Method(iobase_enter)),
    MethodDef::new("__exit__", MethodKind::Method(iobase_exit)),
    MethodDef::new("readline", MethodKind::Method(iobase_readline)),
    MethodDef::new("readlines", MethodKind::Method(iobase_readlines)),
    MethodDef::new("writelines", MethodKind::Method(iobase_writelines)),
    MethodDef::new("closed", MethodKind::GetSet(iobase_closed, None)),
];

pub(super) const RAW_METHODS: &[MethodDef] = &[
    MethodDef::new("read", MethodKind::Method(raw_read)),
    MethodDef::new("readall", MethodKind::Method(raw_readall)),
    MethodDef::new("readinto", MethodKind::Method(not_implemented)),
    MethodDef::new("write", MethodKind::Method(not_implemented)),
];

pub(super) const BUFFERED_METHODS: &[MethodDef] = &[
    MethodDef::new("detach", MethodKind::Method(unsupported_detach)),
    MethodDef::new("read", MethodKind::Method(unsupported_read)),
    MethodDef::new("read1", MethodKind::Method(unsupported_read1)),
    MethodDef::new("readinto", MethodKind::Method(buffered_readinto)),
    MethodDef::new("readinto1", MethodKind::Method(buffered_readinto)),
    MethodDef::new("write", MethodKind::Method(unsupported_write)),
];

pub(super) const TEXT_METHODS: &[MethodDef] = &[
    MethodDef::new("detach", MethodKind::Method(unsupported_detach)),
    MethodDef::new("read", MethodKind::Method(unsupported_read)),
    MethodDef::new("readline", MethodKind::Method(unsupported_readline)),
    MethodDef::new("write", MethodKind::Method(unsupported_write)),
    MethodDef::new("encoding", MethodKind::GetSet(none_getter, None)),
    MethodDef::new("newlines", MethodKind::GetSet(none_getter, None)),
    MethodDef::new("errors", MethodKind::GetSet(none_getter, None)),
];

fn none_getter(_: &Value) -> PyResult<Value> {
    Ok(pyrs_objects::none())
}

fn iobase_closed(obj: &Value) -> PyResult<Value> {
    match protocol::instance_dict(obj) {
        Some(d) => {
            let d = d
                .downcast::<pyrs_objects::dict::DictData>()
                .map(|d| d.get_str(&pyrs_objects::str::intern(CLOSED_ATTR)));
            Ok(pyrs_objects::bool(
                matches!(d, Some(Some(v)) if protocol::is_true(&v)?),
            ))
        }
        None => Ok(pyrs_objects::bool(false)),
    }
}

/// ValueError "I/O operation on closed file." when `obj.closed`.
pub(crate) fn check_closed(obj: &Value) -> PyResult<()> {
    if is_closed(obj)? {
        return Err(PyErr::value_error("I/O operation on closed file."));
    }
    Ok(())
}

fn iobase_check_closed(args: Args<'_>) -> PyResult<Value> {
    check_closed(self_of(&args, "_checkClosed")?)?;
    Ok(pyrs_objects::none())
}

fn check_ability(args: Args<'_>, method: &str, what: &str) -> PyResult<Value> {
    let obj = self_of(&args, method)?;
    let r = call_method(obj, what, &[])?;
    if !protocol::is_true(&r)? {
        let msg = match what {
            "seekable" => "File or stream is not seekable.",
            "readable" => "File or stream is not readable.",
            _ => "File or stream is not writable.",
        };
        return Err(unsupported(msg));
    }
    Ok(r)
}

fn iobase_check_seekable(args: Args<'_>) -> PyResult<Value> {
    check_ability(args, "_checkSeekable", "seekable")
}

fn iobase_check_readable(args: Args<'_>) -> PyResult<Value> {
    check_ability(args, "_checkReadable", "readable")
}

fn iobase_check_writable(args: Args<'_>) -> PyResult<Value> {
    check_ability(args, "_checkWritable", "writable")
}

fn iobase_seek(_: Args<'_>) -> PyResult<Value> {
    Err(unsupported("seek"))
}

fn iobase_truncate(_: Args<'_>) -> PyResult<Value> {
    Err(unsupported("truncate"))
}

fn iobase_fileno(_: Args<'_>) -> PyResult<Value> {
    Err(unsupported("fileno"))
}

fn iobase_tell(args: Args<'_>) -> PyResult<Value> {
    let obj = self_of(&args, "tell")?;
    call_method(obj, "seek", &[Value::small(0), Value::small(1)])
}

fn iobase_flush(args: Args<'_>) -> PyResult<Value> {
    check_closed(self_of(&args, "flush")?)?;
    Ok(pyrs_objects::none())
}

fn iobase_close(args: Args<'_>) -> PyResult<Value> {
    let obj = self_of(&args, "close")?;
    if is_closed(obj)? {
        return Ok(pyrs_objects::none());
    }
    let flushed = call_method(obj, "flush", &[]);
    protocol::setattr(
        obj,
        &pyrs_objects::str::intern(CLOSED_ATTR),
        Some(&pyrs_objects::bool(true)),
    )?;
    flushed?;
    Ok(pyrs_objects::none())
}

fn iobase_false(args: Args<'_>) -> PyResult<Value> {
    let _ = self_of(&args, "readable")?;
    Ok(pyrs_objects::bool(false))
}

fn iobase_isatty(args: Args<'_>) -> PyResult<Value> {
    check_closed(self_of(&args, "isatty")?)?;
    Ok(pyrs_objects::bool(false))
}

fn iobase_enter(args: Args<'_>) -> PyResult<Value> {
    let obj = self_of(&args, "__enter__")?;
    check_closed(obj)?;
    Ok(obj.clone())
}

fn iobase_exit(args: Args<'_>) -> PyResult<Value> {
    let obj = self_of(&args, "__exit__")?;
    call_method(obj, "close", &[])
}

fn iobase_iter(obj: &Value) -> PyResult<Value> {
    check_closed(obj)?;
    Ok(obj.clone())
}

fn iobase_next(obj: &Value) -> PyResult<Option<Value>> {
    let line = call_method(obj, "readline", &[])?;
    if protocol::len(&line)? == 0 {
        return Ok(None);
    }
    Ok(Some(line))
}

fn iobase_finalize(obj: &Value) {
    let closed = match protocol::getattr_str(obj, "closed") {
        Ok(c) => protocol::is_true(&c).unwrap_or(true),
        Err(_) => true,
    };
    if !closed {
        // As CPython outside development mode: an error while closing is dropped.
        let _ = call_method(obj, "close", &[]);
    }
}

fn bytes_of(v: &Value) -> PyResult<Vec<u8>> {
    crate::argconv::buffer_arg(v)
}

/// `readline(size=-1)` through `peek` (when the stream has it) and `read`.
fn iobase_readline(args: Args<'_>) -> PyResult<Value> {
    let obj = self_of(&args, "readline")?;
    let [size] = args.skip_first().bind("readline", ["size"], 0, 1, 1)?;
    let limit = crate::argconv::size_arg(size.as_ref())?;
    let peek = protocol::getattr_str(obj, "peek").ok();
    let mut out: Vec<u8> = Vec::new();
    while limit < 0 || (out.len() as i64) < limit {
        let mut n = 1;
        if let Some(peek) = &peek {
            let ahead = protocol::call1(peek, &[Value::small(1)])?;
            let ahead = bytes_of(&ahead)?;
            if ahead.is_empty() {
                break;
            }
            n = match ahead.iter().position(|&b| b == b'\n') {
                Some(p) => p + 1,
                None => ahead.len(),
            };
            if limit >= 0 {
                n = n.min((limit as usize) - out.len());
            }
        }
        let chunk = call_method(obj, "read", &[pyrs_objects::int::from_usize(n)])?;
        if protocol::is_none(&chunk) {
            break;
        }
        let Some(b) = chunk.downcast::<BytesData>() else {
            return Err(PyErr::new(
                pyrs_objects::ExcKind::OSError,
                format!(
                    "read() should have returned a bytes object, not '{}'",
                    chunk.type_data().name()
                ),
            ));
        };
        if b.as_bytes().is_empty() {
            break;
        }
        out.extend_from_slice(b.as_bytes());
        if out.last() == Some(&b'\n') {
            break;
        }
    }
    Ok(pyrs_objects::bytes::new(out))
}

fn iobase_readlines(args: Args<'_>) -> PyResult<Value> {
    let obj = self_of(&args, "readlines")?;
    let [hint] = args.skip_first().bind("readlines", ["hint"], 0, 1, 1)?;
    let hint = crate::argconv::size_arg(hint.as_ref())?;
    let mut lines = Vec::new();
    let it = protocol::iter(obj)?;
    let mut total = 0usize;
    while let Some(line) = protocol::next(&it)? {
        total += protocol::len(&line)?;
        lines.push(line);
        if hint > 0 && total >= hint as usize {
            break;
        }
    }
    Ok(pyrs_objects::list::new(lines))
}

fn iobase_writelines(args: Args<'_>) -> PyResult<Value> {
    let obj = self_of(&args, "writelines")?;
    let [lines] = args.skip_first().bind("writelines", ["lines"], 1, 1, 1)?;
    check_closed(obj)?;
    let it = protocol::iter(&lines.expect("required"))?;
    while let Some(line) = protocol::next(&it)? {
        call_method(obj, "write", &[line])?;
    }
    Ok(pyrs_objects::none())
}

// ----- _RawIOBase -----

fn raw_read(args: Args<'_>) -> PyResult<Value> {
    let obj = self_of(&args, "read")?;
    let [size] = args.skip_first().bind("read", ["size"], 0, 1, 1)?;
    let n = crate::argconv::size_arg(size.as_ref())?;
    if n < 0 {
        return call_method(obj, "readall", &[]);
    }
    let mut zeros = Vec::new();
    crate::argconv::grow(&mut zeros, n as usize, 0u8)?;
    let buf = pyrs_objects::bytearray::new(zeros);
    let got = call_method(obj, "readinto", std::slice::from_ref(&buf))?;
    if protocol::is_none(&got) {
        return Ok(got);
    }
    let got = crate::argconv::index_arg(&got)?.clamp(0, n) as usize;
    let mut bytes = buf
        .downcast::<ByteArrayData>()
        .map(|b| b.with_bytes(|v| v.clone()))
        .unwrap_or_default();
    bytes.truncate(got);
    Ok(pyrs_objects::bytes::new(bytes))
}

fn raw_readall(args: Args<'_>) -> PyResult<Value> {
    let obj = self_of(&args, "readall")?;
    let mut out = Vec::new();
    loop {
        let chunk = call_method(
            obj,
            "read",
            &[pyrs_objects::int::from_usize(super::DEFAULT_BUFFER_SIZE)],
        )?;
        if protocol::is_none(&chunk) {
            if out.is_empty() {
                return Ok(chunk);
            }
            break;
        }
        let b = bytes_of(&chunk)?;
        if b.is_empty() {
            break;
        }
        out.extend_from_slice(&b);
    }
    Ok(pyrs_objects::bytes::new(out))
}

fn not_implemented(_: Args<'_>) -> PyResult<Value> {
    Err(PyErr::not_implemented(""))
}

// ----- _BufferedIOBase / _TextIOBase -----

fn unsupported_detach(_: Args<'_>) -> PyResult<Value> {
    Err(unsupported("detach"))
}

fn unsupported_read(_: Args<'_>) -> PyResult<Value> {
    Err(unsupported("read"))
}

fn unsupported_read1(_: Args<'_>) -> PyResult<Value> {
    Err(unsupported("read1"))
}

fn unsupported_readline(_: Args<'_>) -> PyResult<Value> {
    Err(unsupported("readline"))
}

fn unsupported_write(_: Args<'_>) -> PyResult<Value> {
    Err(unsupported("write"))
}

/// `readinto(buffer)` through `read(len(buffer))`.
fn buffered_readinto(args: Args<'_>) -> PyResult<Value> {
    let obj = self_of(&args, "readinto")?;
    let [buffer] = args.skip_first().bind("readinto", ["buffer"], 1, 1, 1)?;
    let buffer = buffer.expect("required");
    let Some(target) = buffer.downcast::<ByteArrayData>() else {
        return Err(PyErr::type_error(format!(
            "readinto() argument must be read-write bytes-like object, not {}",
            buffer.type_data().name()
        )));
    };
    let n = target.len();
    let data = call_method(obj, "read", &[pyrs_objects::int::from_usize(n)])?;
    let data = bytes_of(&data)?;
    let k = data.len().min(n);
    target.with_bytes(|v| v[..k].copy_from_slice(&data[..k]));
    Ok(pyrs_objects::int::from_usize(k))
}
