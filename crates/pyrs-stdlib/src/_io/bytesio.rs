//! `BytesIO` (CPython's Modules/_io/bytesio.c): an in-memory byte stream, a growable buffer
//! with a position. The buffer is a `bytearray`, so that `getbuffer()` can hand out a
//! writable memoryview of it; while one is alive the stream cannot change size.

use std::cell::Cell;

use pyrs_objects::bytearray::ByteArrayData;
use pyrs_objects::native::{MethodDef, MethodKind};
use pyrs_objects::{protocol, Args, PyErr, PyResult, Value};

/// The state of a `BytesIO`.
pub(crate) struct BytesIOData {
    /// A `bytearray`.
    buf: Value,
    pos: Cell<usize>,
    closed: Cell<bool>,
}

impl pyrs_objects::object::Payload for BytesIOData {}

impl BytesIOData {
    fn bytes(&self) -> &ByteArrayData {
        self.buf
            .downcast::<ByteArrayData>()
            .expect("a BytesIO's buffer is a bytearray")
    }

    /// Runs `f` on the contents.
    fn with<R>(&self, f: impl FnOnce(&mut Vec<u8>) -> R) -> R {
        self.bytes().with_bytes(f)
    }
}

pub(super) fn bytes_io_type(base: &Value) -> Value {
    super::io_type::<BytesIOData>("BytesIO", Some(base), METHODS)
        .slots(|s| {
            s.new.set(Some(bio_new));
            s.init.set(Some(bio_init));
            s.next.set(Some(bio_next));
        })
        .build()
}

const METHODS: &[MethodDef] = &[
    MethodDef::new("getvalue", MethodKind::Method(bio_getvalue)),
    MethodDef::new("getbuffer", MethodKind::Method(bio_getbuffer)),
    MethodDef::new("read", MethodKind::Method(bio_read)),
    MethodDef::new("read1", MethodKind::Method(bio_read)),
    MethodDef::new("readline", MethodKind::Method(bio_readline)),
    MethodDef::new("readinto", MethodKind::Method(bio_readinto)),
    MethodDef::new("write", MethodKind::Method(bio_write)),
    MethodDef::new("seek", MethodKind::Method(bio_seek)),
    MethodDef::new("tell", MethodKind::Method(bio_tell)),
    MethodDef::new("truncate", MethodKind::Method(bio_truncate)),
    MethodDef::new("close", MethodKind::Method(bio_close)),
    MethodDef::new("flush", MethodKind::Method(bio_flush)),
    MethodDef::new("isatty", MethodKind::Method(bio_false)),
    MethodDef::new("readable", MethodKind::Method(bio_true)),
    MethodDef::new("writable", MethodKind::Method(bio_true)),
    MethodDef::new("seekable", MethodKind::Method(bio_true)),
    MethodDef::new("closed", MethodKind::GetSet(bio_closed, None)),
];

fn bio_new(cls: &Value, _args: Args<'_>) -> PyResult<Value> {
    Ok(pyrs_objects::object::alloc(
        cls,
        BytesIOData {
            buf: pyrs_objects::bytearray::new(Vec::new()),
            pos: Cell::new(0),
            closed: Cell::new(false),
        },
    ))
}

fn bio_init(obj: &Value, args: Args<'_>) -> PyResult<()> {
    let [initial] = args.bind("BytesIO", ["initial_bytes"], 0, 0, 1)?;
    let d = protocol::self_payload::<BytesIOData>(obj, "__init__", "BytesIO")?;
    let bytes = match initial.filter(|v| !protocol::is_none(v)) {
        Some(v) => crate::argconv::buffer_arg(&v)?,
        None => Vec::new(),
    };
    d.bytes().check_resize()?;
    d.with(|b| *b = bytes);
    d.pos.set(0);
    d.closed.set(false);
    Ok(())
}

fn data<'a>(args: &Args<'a>, method: &str) -> PyResult<&'a BytesIOData> {
    let d = super::this::<BytesIOData>(args, method, "_io.BytesIO")?;
    if d.closed.get() {
        return Err(PyErr::value_error("I/O operation on closed file."));
    }
    Ok(d)
}

fn take(d: &BytesIOData, n: usize) -> Vec<u8> {
    let (end, out) = d.with(|buf| {
        let start = d.pos.get().min(buf.len());
        let end = start.saturating_add(n).min(buf.len());
        (end, buf[start..end].to_vec())
    });
    d.pos.set(end.max(d.pos.get()));
    out
}

fn bio_getvalue(args: Args<'_>) -> PyResult<Value> {
    let d = data(&args, "getvalue")?;
    Ok(pyrs_objects::bytes::new(d.with(|b| b.clone())))
}

/// `getbuffer()`: a writable view of the contents.
fn bio_getbuffer(args: Args<'_>) -> PyResult<Value> {
    let d = data(&args, "getbuffer")?;
    pyrs_objects::memoryview::new(&d.buf)
}

fn bio_read(args: Args<'_>) -> PyResult<Value> {
    let d = data(&args, "read")?;
    let [size] = args.skip_first().bind("read", ["size"], 0, 1, 1)?;
    let n = crate::argconv::size_arg(size.as_ref())?;
    Ok(pyrs_objects::bytes::new(take(
        d,
        if n < 0 { usize::MAX } else { n as usize },
    )))
}

fn line_len(d: &BytesIOData, limit: i64) -> usize {
    let mut n = d.with(|buf| {
        let start = d.pos.get().min(buf.len());
        let rest = &buf[start..];
        rest.iter()
            .position(|&b| b == b'\n')
            .map_or(rest.len(), |i| i + 1)
    });
    if limit >= 0 {
        n = n.min(limit as usize);
    }
    n
}

fn bio_readline(args: Args<'_>) -> PyResult<Value> {
    let d = data(&args, "readline")?;
    let [size] = args.skip_first().bind("readline", ["size"], 0, 1, 1)?;
    let limit = crate::argconv::size_arg(size.as_ref())?;
    let n = line_len(d, limit);
    Ok(pyrs_objects::bytes::new(take(d, n)))
}

fn bio_next(obj: &Value) -> PyResult<Option<Value>> {
    let d = protocol::self_payload::<BytesIOData>(obj, "__next__", "_io.BytesIO")?;
    if d.closed.get() {
        return Err(PyErr::value_error("I/O operation on closed file."));
    }
    let n = line_len(d, -1);
    if n == 0 {
        return Ok(None);
    }
    Ok(Some(pyrs_objects::bytes::new(take(d, n))))
}

fn bio_readinto(args: Args<'_>) -> PyResult<Value> {
    let d = data(&args, "readinto")?;
    let [buffer] = args.skip_first().bind("readinto", ["buffer"], 1, 1, 1)?;
    let buffer = buffer.expect("required");
    let Some(target) = buffer.downcast::<ByteArrayData>() else {
        return Err(PyErr::type_error(format!(
            "readinto() argument must be read-write bytes-like object, not {}",
            buffer.type_data().name()
        )));
    };
    let got = take(d, target.len());
    target.with_bytes(|v| v[..got.len()].copy_from_slice(&got));
    Ok(pyrs_objects::int::from_usize(got.len()))
}

fn bio_write(args: Args<'_>) -> PyResult<Value> {
    let d = data(&args, "write")?;
    let [b] = args.skip_first().bind("write", ["b"], 1, 1, 1)?;
    let bytes = crate::argconv::buffer_arg(&b.expect("required"))?;
    d.bytes().check_resize()?;
    let pos = d.pos.get();
    let end = pos + bytes.len();
    d.with(|buf| -> PyResult<()> {
        if end > buf.len() {
            crate::argconv::grow(buf, end, 0)?;
        }
        buf[pos..end].copy_from_slice(&bytes);
        Ok(())
    })?;
    d.pos.set(end);
    Ok(pyrs_objects::int::from_usize(bytes.len()))
}

fn bio_seek(args: Args<'_>) -> PyResult<Value> {
    let d = data(&args, "seek")?;
    let [pos, whence] = args.skip_first().bind("seek", ["pos", "whence"], 1, 2, 2)?;
    let pos = crate::argconv::index_arg(&pos.expect("required"))?;
    let whence = match &whence {
        Some(w) => crate::argconv::index_arg(w)?,
        None => 0,
    };
    let base = match whence {
        0 => {
            if pos < 0 {
                return Err(PyErr::value_error(format!("negative seek value {pos}")));
            }
            0
        }
        1 => d.pos.get() as i64,
        2 => d.with(|b| b.len()) as i64,
        w => {
            return Err(PyErr::value_error(format!(
                "invalid whence ({w}, should be 0, 1 or 2)"
            )))
        }
    };
    d.pos.set(base.saturating_add(pos).max(0) as usize);
    Ok(pyrs_objects::int::from_usize(d.pos.get()))
}

fn bio_tell(args: Args<'_>) -> PyResult<Value> {
    let d = data(&args, "tell")?;
    Ok(pyrs_objects::int::from_usize(d.pos.get()))
}

fn bio_truncate(args: Args<'_>) -> PyResult<Value> {
    let d = data(&args, "truncate")?;
    let [pos] = args.skip_first().bind("truncate", ["size"], 0, 1, 1)?;
    let size = match pos.filter(|p| !protocol::is_none(p)) {
        Some(p) => {
            let n = crate::argconv::index_arg(&p)?;
            if n < 0 {
                return Err(PyErr::value_error(format!("negative size value {n}")));
            }
            n as usize
        }
        None => d.pos.get(),
    };
    d.bytes().check_resize()?;
    d.with(|b| b.truncate(size));
    Ok(pyrs_objects::int::from_usize(size))
}

fn bio_close(args: Args<'_>) -> PyResult<Value> {
    let d = super::this::<BytesIOData>(&args, "close", "_io.BytesIO")?;
    d.bytes().check_resize()?;
    d.closed.set(true);
    d.with(|b| b.clear());
    Ok(pyrs_objects::none())
}

fn bio_flush(args: Args<'_>) -> PyResult<Value> {
    data(&args, "flush")?;
    Ok(pyrs_objects::none())
}

fn bio_true(args: Args<'_>) -> PyResult<Value> {
    data(&args, "readable")?;
    Ok(pyrs_objects::bool(true))
}

fn bio_false(args: Args<'_>) -> PyResult<Value> {
    data(&args, "isatty")?;
    Ok(pyrs_objects::bool(false))
}

fn bio_closed(obj: &Value) -> PyResult<Value> {
    let d = protocol::self_payload::<BytesIOData>(obj, "closed", "_io.BytesIO")?;
    Ok(pyrs_objects::bool(d.closed.get()))
}
