//! `StringIO` (CPython's Modules/_io/stringio.c): an in-memory text stream, kept as code
//! points with a position, with the newline translation of `TextIOWrapper`.

use std::cell::{Cell, RefCell};

use pyrs_objects::native::{MethodDef, MethodKind};
use pyrs_objects::str::StrData;
use pyrs_objects::{protocol, Args, PyErr, PyResult, Value};

/// The state of a `StringIO`.
pub(crate) struct StringIOData {
    buf: RefCell<Vec<u32>>,
    pos: Cell<usize>,
    closed: Cell<bool>,
    /// `None`: universal newlines (translate on write); otherwise the `newline` argument.
    newline: RefCell<Option<String>>,
    seen: Cell<u8>,
}

impl pyrs_objects::object::Payload for StringIOData {}

pub(super) fn string_io_type(base: &Value) -> Value {
    super::io_type::<StringIOData>("StringIO", Some(base), METHODS)
        .slots(|s| {
            s.new.set(Some(sio_new));
            s.init.set(Some(sio_init));
            s.next.set(Some(sio_next));
        })
        .build()
}

const METHODS: &[MethodDef] = &[
    MethodDef::new("getvalue", MethodKind::Method(sio_getvalue)),
    MethodDef::new("read", MethodKind::Method(sio_read)),
    MethodDef::new("readline", MethodKind::Method(sio_readline)),
    MethodDef::new("write", MethodKind::Method(sio_write)),
    MethodDef::new("seek", MethodKind::Method(sio_seek)),
    MethodDef::new("tell", MethodKind::Method(sio_tell)),
    MethodDef::new("truncate", MethodKind::Method(sio_truncate)),
    MethodDef::new("close", MethodKind::Method(sio_close)),
    MethodDef::new("readable", MethodKind::Method(sio_true)),
    MethodDef::new("writable", MethodKind::Method(sio_true)),
    MethodDef::new("seekable", MethodKind::Method(sio_true)),
    MethodDef::new("closed", MethodKind::GetSet(sio_closed, None)),
    MethodDef::new(
        "line_buffering",
        MethodKind::GetSet(sio_line_buffering, None),
    ),
    MethodDef::new("newlines", MethodKind::GetSet(sio_newlines, None)),
];

fn sio_new(cls: &Value, _args: Args<'_>) -> PyResult<Value> {
    Ok(pyrs_objects::object::alloc(
        cls,
        StringIOData {
            buf: RefCell::new(Vec::new()),
            pos: Cell::new(0),
            closed: Cell::new(false),
            newline: RefCell::new(Some("\n".to_string())),
            seen: Cell::new(0),
        },
    ))
}

fn sio_init(obj: &Value, args: Args<'_>) -> PyResult<()> {
    let [value, newline] = args.bind("StringIO", ["initial_value", "newline"], 0, 0, 2)?;
    let d = protocol::self_payload::<StringIOData>(obj, "__init__", "StringIO")?;
    let newline = match &newline {
        None => Some("\n".to_string()),
        Some(n) if protocol::is_none(n) => None,
        Some(n) => match n.downcast::<StrData>() {
            Some(s) => Some(s.to_string_lossy()),
            None => {
                return Err(PyErr::type_error(format!(
                    "newline must be str or None, not {}",
                    n.type_data().name()
                )))
            }
        },
    };
    if let Some(nl) = &newline {
        if !matches!(nl.as_str(), "" | "\n" | "\r" | "\r\n") {
            return Err(PyErr::value_error(format!(
                "illegal newline value: {}",
                protocol::repr_string(&pyrs_objects::str::new(nl))?
            )));
        }
    }
    *d.newline.borrow_mut() = newline;
    d.buf.borrow_mut().clear();
    d.pos.set(0);
    d.closed.set(false);
    if let Some(v) = value.filter(|v| !protocol::is_none(v)) {
        let Some(s) = v.downcast::<StrData>() else {
            return Err(PyErr::type_error(format!(
                "initial_value must be str or None, not {}",
                v.type_data().name()
            )));
        };
        let cps = translate_write(d, s.code_points().collect());
        *d.buf.borrow_mut() = cps;
    }
    Ok(())
}

fn translate_write(d: &StringIOData, cps: Vec<u32>) -> Vec<u32> {
    let newline = d.newline.borrow().clone();
    match newline.as_deref() {
        None => {
            let mut out = Vec::with_capacity(cps.len());
            let mut i = 0;
            while i < cps.len() {
                if cps[i] == 13 {
                    out.push(10);
                    if cps.get(i + 1) == Some(&10) {
                        i += 1;
                    }
                } else {
                    out.push(cps[i]);
                }
                i += 1;
            }
            out
        }
        Some(nl @ ("\r" | "\r\n")) => {
            let mut out = Vec::with_capacity(cps.len());
            for c in cps {
                if c == 10 {
                    out.extend(nl.chars().map(|c| c as u32));
                } else {
                    out.push(c);
                }
            }
            out
        }
        _ => cps,
    }
}

fn data<'a>(args: &Args<'a>, method: &str) -> PyResult<&'a StringIOData> {
    let d = super::this::<StringIOData>(args, method, "_io.StringIO")?;
    if d.closed.get() {
        return Err(PyErr::value_error("I/O operation on closed file"));
    }
    Ok(d)
}

fn payload(obj: &Value) -> PyResult<&StringIOData> {
    protocol::self_payload::<StringIOData>(obj, "closed", "_io.StringIO")
}

fn sio_getvalue(args: Args<'_>) -> PyResult<Value> {
    let d = data(&args, "getvalue")?;
    Ok(pyrs_objects::str::from_code_points(&d.buf.borrow()))
}

fn take(d: &StringIOData, n: usize) -> Value {
    let buf = d.buf.borrow();
    let start = d.pos.get().min(buf.len());
    let end = start.saturating_add(n).min(buf.len());
    d.pos.set(end.max(d.pos.get()));
    pyrs_objects::str::from_code_points(&buf[start..end])
}

fn sio_read(args: Args<'_>) -> PyResult<Value> {
    let d = data(&args, "read")?;
    let [size] = args.skip_first().bind("read", ["size"], 0, 1, 1)?;
    let n = crate::argconv::size_arg(size.as_ref())?;
    Ok(take(d, if n < 0 { usize::MAX } else { n as usize }))
}

fn line_len(d: &StringIOData, limit: i64) -> usize {
    let buf = d.buf.borrow();
    let start = d.pos.get().min(buf.len());
    let rest = &buf[start..];
    let newline = d.newline.borrow().clone();
    let mut n = match newline.as_deref() {
        Some("") => {
            let mut end = rest.len();
            for (i, &c) in rest.iter().enumerate() {
                if c == 10 {
                    end = i + 1;
                    break;
                }
                if c == 13 {
                    end = if rest.get(i + 1) == Some(&10) {
                        i + 2
                    } else {
                        i + 1
                    };
                    break;
                }
            }
            end
        }
        Some("\r") => rest
            .iter()
            .position(|&c| c == 13)
            .map_or(rest.len(), |i| i + 1),
        Some("\r\n") => rest
            .windows(2)
            .position(|w| w == [13, 10])
            .map_or(rest.len(), |i| i + 2),
        _ => rest
            .iter()
            .position(|&c| c == 10)
            .map_or(rest.len(), |i| i + 1),
    };
    if limit >= 0 {
        n = n.min(limit as usize);
    }
    n
}

fn sio_readline(args: Args<'_>) -> PyResult<Value> {
    let d = data(&args, "readline")?;
    let [size] = args.skip_first().bind("readline", ["size"], 0, 1, 1)?;
    let limit = crate::argconv::size_arg(size.as_ref())?;
    let n = line_len(d, limit);
    Ok(take(d, n))
}

fn sio_next(obj: &Value) -> PyResult<Option<Value>> {
    let d = payload(obj)?;
    if d.closed.get() {
        return Err(PyErr::value_error("I/O operation on closed file"));
    }
    if !obj.is_exact(&super::types().string_io) {
        let line = super::call_method(obj, "readline", &[])?;
        if line.downcast::<StrData>().is_none() {
            return Err(PyErr::new(
                pyrs_objects::ExcKind::OSError,
                format!(
                    "readline() should have returned a str object, not '{}'",
                    line.type_data().name()
                ),
            ));
        }
        return Ok(if protocol::len(&line)? == 0 {
            None
        } else {
            Some(line)
        });
    }
    let n = line_len(d, -1);
    if n == 0 {
        return Ok(None);
    }
    Ok(Some(take(d, n)))
}

fn sio_write(args: Args<'_>) -> PyResult<Value> {
    let d = data(&args, "write")?;
    let [s] = args.skip_first().bind("write", ["s"], 1, 1, 1)?;
    let s = s.expect("required");
    let Some(text) = s.downcast::<StrData>() else {
        return Err(PyErr::type_error(format!(
            "string argument expected, got '{}'",
            s.type_data().name()
        )));
    };
    let n = text.char_len();
    let cps = translate_write(d, text.code_points().collect());
    let mut buf = d.buf.borrow_mut();
    let pos = d.pos.get();
    if pos > buf.len() {
        crate::argconv::grow(&mut buf, pos, 0)?;
    }
    let end = pos + cps.len();
    if end > buf.len() {
        crate::argconv::grow(&mut buf, end, 0)?;
    }
    buf[pos..end].copy_from_slice(&cps);
    d.pos.set(end);
    Ok(pyrs_objects::int::from_usize(n))
}

fn sio_seek(args: Args<'_>) -> PyResult<Value> {
    let d = data(&args, "seek")?;
    let [pos, whence] = args.skip_first().bind("seek", ["pos", "whence"], 1, 2, 2)?;
    let pos = crate::argconv::index_arg(&pos.expect("required"))?;
    let whence = match &whence {
        Some(w) => crate::argconv::index_arg(w)?,
        None => 0,
    };
    match whence {
        0 if pos < 0 => return Err(PyErr::value_error(format!("Negative seek position {pos}"))),
        0 => d.pos.set(pos as usize),
        1 | 2 if pos != 0 => {
            return Err(PyErr::new(
                pyrs_objects::ExcKind::OSError,
                format!(
                    "Can't do nonzero {} seeks",
                    if whence == 1 {
                        "cur-relative"
                    } else {
                        "end-relative"
                    }
                ),
            ))
        }
        1 => {}
        2 => d.pos.set(d.buf.borrow().len()),
        w => {
            return Err(PyErr::value_error(format!(
                "Invalid whence ({w}, should be 0, 1 or 2)"
            )))
        }
    }
    Ok(pyrs_objects::int::from_usize(d.pos.get()))
}

fn sio_tell(args: Args<'_>) -> PyResult<Value> {
    let d = data(&args, "tell")?;
    Ok(pyrs_objects::int::from_usize(d.pos.get()))
}

fn sio_truncate(args: Args<'_>) -> PyResult<Value> {
    let d = data(&args, "truncate")?;
    let [pos] = args.skip_first().bind("truncate", ["pos"], 0, 1, 1)?;
    let size = match pos.filter(|p| !protocol::is_none(p)) {
        Some(p) => {
            let n = crate::argconv::index_arg(&p)?;
            if n < 0 {
                return Err(PyErr::value_error(format!("Negative size value {n}")));
            }
            n as usize
        }
        None => d.pos.get(),
    };
    d.buf.borrow_mut().truncate(size);
    Ok(pyrs_objects::int::from_usize(size))
}

fn sio_close(args: Args<'_>) -> PyResult<Value> {
    let d = super::this::<StringIOData>(&args, "close", "_io.StringIO")?;
    d.closed.set(true);
    d.buf.borrow_mut().clear();
    Ok(pyrs_objects::none())
}

fn sio_true(args: Args<'_>) -> PyResult<Value> {
    data(&args, "readable")?;
    Ok(pyrs_objects::bool(true))
}

fn sio_closed(obj: &Value) -> PyResult<Value> {
    Ok(pyrs_objects::bool(payload(obj)?.closed.get()))
}

fn sio_line_buffering(obj: &Value) -> PyResult<Value> {
    if payload(obj)?.closed.get() {
        return Err(PyErr::value_error("I/O operation on closed file"));
    }
    Ok(pyrs_objects::bool(false))
}

fn sio_newlines(obj: &Value) -> PyResult<Value> {
    let d = payload(obj)?;
    if d.closed.get() {
        return Err(PyErr::value_error("I/O operation on closed file"));
    }
    let _ = d.seen.get();
    Ok(pyrs_objects::none())
}
