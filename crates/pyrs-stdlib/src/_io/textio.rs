//! `TextIOWrapper` and `IncrementalNewlineDecoder` (CPython's Modules/_io/textio.c): text
//! on top of a buffered byte stream, with an encoding, an error handler and newline
//! translation.
//!
//! Reading keeps the bytes read ahead *undecoded* in `pending` and decodes one line (or
//! one request) at a time. For UTF-8, Latin-1, ASCII and the single-byte table codecs, a
//! newline is the byte `\n`/`\r`, so lines are split on bytes and `tell()` is simply the
//! buffer's position less the pending bytes. Other encodings (UTF-16, UTF-32, the CJK
//! codecs) go through the codec's incremental decoder, whose output is kept re-encoded as
//! UTF-8 in `pending`; for them `tell()` cannot name a byte position and raises.

use std::cell::{Cell, RefCell};

use pyrs_objects::native::{MethodDef, MethodKind};
use pyrs_objects::str::{StrBuilder, StrData};
use pyrs_objects::{protocol, Args, PyErr, PyResult, Value};

use super::{call_method, unsupported};

const CHUNK: usize = 8192;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Bytes in the file's encoding, ASCII-compatible, decoded line by line.
    Direct,
    /// Text decoded by a Python incremental decoder, kept as UTF-8.
    Indirect,
}

/// The state of a `TextIOWrapper`.
pub(crate) struct TextData {
    buffer: RefCell<Option<Value>>,
    encoding: RefCell<String>,
    errors: RefCell<String>,
    /// `None`: universal newlines; otherwise the `newline` argument.
    newline: RefCell<Option<String>>,
    line_buffering: Cell<bool>,
    write_through: Cell<bool>,
    kind: Cell<Kind>,
    decoder: RefCell<Option<Value>>,
    encoder: RefCell<Option<Value>>,
    pending: RefCell<Vec<u8>>,
    eof: Cell<bool>,
    seen_newlines: Cell<u8>,
    detached: Cell<bool>,
}

impl pyrs_objects::object::Payload for TextData {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        pyrs_objects::gc::visit_cell(&self.buffer, visit);
        pyrs_objects::gc::visit_cell(&self.decoder, visit);
        pyrs_objects::gc::visit_cell(&self.encoder, visit);
    }

    fn clear(&self) {
        pyrs_objects::gc::clear_cell(&self.buffer);
        pyrs_objects::gc::clear_cell(&self.decoder);
        pyrs_objects::gc::clear_cell(&self.encoder);
    }
}

pub(super) fn text_wrapper_type(base: &Value) -> Value {
    super::io_type::<TextData>("TextIOWrapper", Some(base), TEXT_METHODS)
        .slots(|s| {
            s.new.set(Some(text_new));
            s.init.set(Some(text_init));
            s.repr.set(Some(text_repr));
            s.next.set(Some(text_next));
        })
        .build()
}

const TEXT_METHODS: &[MethodDef] = &[
    MethodDef::new("read", MethodKind::Method(text_read)),
    MethodDef::new("readline", MethodKind::Method(text_readline)),
    MethodDef::new("write", MethodKind::Method(text_write)),
    MethodDef::new("flush", MethodKind::Method(text_flush)),
    MethodDef::new("close", MethodKind::Method(text_close)),
    MethodDef::new("detach", MethodKind::Method(text_detach)),
    MethodDef::new("seek", MethodKind::Method(text_seek)),
    MethodDef::new("tell", MethodKind::Method(text_tell)),
    MethodDef::new("truncate", MethodKind::Method(text_truncate)),
    MethodDef::new("fileno", MethodKind::Method(text_fileno)),
    MethodDef::new("isatty", MethodKind::Method(text_isatty)),
    MethodDef::new("seekable", MethodKind::Method(text_seekable)),
    MethodDef::new("readable", MethodKind::Method(text_readable)),
    MethodDef::new("writable", MethodKind::Method(text_writable)),
    MethodDef::new("reconfigure", MethodKind::Method(text_reconfigure)),
    MethodDef::new("encoding", MethodKind::GetSet(text_encoding, None)),
    MethodDef::new("errors", MethodKind::GetSet(text_errors, None)),
    MethodDef::new("newlines", MethodKind::GetSet(text_newlines, None)),
    MethodDef::new(
        "line_buffering",
        MethodKind::GetSet(text_line_buffering, None),
    ),
    MethodDef::new(
        "write_through",
        MethodKind::GetSet(text_write_through, None),
    ),
    MethodDef::new("buffer", MethodKind::GetSet(text_buffer, None)),
    MethodDef::new("closed", MethodKind::GetSet(text_closed, None)),
    MethodDef::new("name", MethodKind::GetSet(text_name, None)),
    MethodDef::new("_CHUNK_SIZE", MethodKind::GetSet(text_chunk_size, None)),
];

fn text_new(cls: &Value, _args: Args<'_>) -> PyResult<Value> {
    Ok(pyrs_objects::object::alloc(
        cls,
        TextData {
            buffer: RefCell::new(None),
            encoding: RefCell::new(String::new()),
            errors: RefCell::new(String::new()),
            newline: RefCell::new(None),
            line_buffering: Cell::new(false),
            write_through: Cell::new(false),
            kind: Cell::new(Kind::Direct),
            decoder: RefCell::new(None),
            encoder: RefCell::new(None),
            pending: RefCell::new(Vec::new()),
            eof: Cell::new(false),
            seen_newlines: Cell::new(0),
            detached: Cell::new(false),
        },
    ))
}

fn normalized(encoding: &str) -> String {
    encoding
        .trim()
        .to_ascii_lowercase()
        .replace(['-', ' '], "_")
}

/// Whether `encoding` can be split into lines on its bytes: ASCII-compatible and one code
/// point per byte or UTF-8.
fn is_direct(encoding: &str) -> bool {
    let n = normalized(encoding);
    if pyrs_objects::codecs::Codec::lookup(encoding).is_some_and(|c| {
        matches!(
            c,
            pyrs_objects::codecs::Codec::Utf8
                | pyrs_objects::codecs::Codec::Latin1
                | pyrs_objects::codecs::Codec::Ascii
        )
    }) {
        return true;
    }
    let ebcdic = ["cp037", "cp273", "cp500", "cp875", "cp1026", "cp1140"];
    let multibyte = ["cp932", "cp949", "cp950", "cp1361", "cp65001"];
    if let Some(num) = n.strip_prefix("cp").or_else(|| n.strip_prefix("windows_")) {
        let cp = format!("cp{num}");
        return num.chars().all(|c| c.is_ascii_digit())
            && !ebcdic.contains(&cp.as_str())
            && !multibyte.contains(&cp.as_str());
    }
    ["iso8859_", "iso_8859_", "koi8_", "mac_", "latin_"]
        .iter()
        .any(|p| n.starts_with(p))
        || matches!(n.as_str(), "tis_620" | "hp_roman8" | "ptcp154" | "kz1048")
}

fn text_init(obj: &Value, args: Args<'_>) -> PyResult<()> {
    let [buffer, encoding, errors, newline, line_buffering, write_through] = args.bind(
        "TextIOWrapper",
        [
            "buffer",
            "encoding",
            "errors",
            "newline",
            "line_buffering",
            "write_through",
        ],
        1,
        0,
        6,
    )?;
    let d = protocol::self_payload::<TextData>(obj, "__init__", "TextIOWrapper")?;
    let buffer = buffer.expect("required");
    let encoding =
        crate::argconv::opt_str_arg(encoding.as_ref(), "TextIOWrapper", "argument 'encoding'")?;
    let errors =
        crate::argconv::opt_str_arg(errors.as_ref(), "TextIOWrapper", "argument 'errors'")?;
    let newline = match &newline {
        Some(n) if !protocol::is_none(n) => match n.downcast::<StrData>() {
            Some(s) => Some(s.to_string_lossy()),
            None => {
                return Err(PyErr::type_error(format!(
                    "TextIOWrapper() argument 'newline' must be str or None, not {}",
                    n.type_data().name()
                )))
            }
        },
        _ => None,
    };
    if let Some(nl) = &newline {
        if !matches!(nl.as_str(), "" | "\n" | "\r" | "\r\n") {
            return Err(PyErr::value_error(format!(
                "illegal newline value: {}",
                protocol::repr_string(&pyrs_objects::str::new(nl))?
            )));
        }
    }
    let encoding = match encoding.as_deref() {
        None | Some("locale") => "utf-8".to_string(),
        Some(e) => e.to_string(),
    };
    let errors = errors.unwrap_or_else(|| "strict".to_string());
    // The codec must exist (LookupError "unknown encoding: X" otherwise).
    let direct = is_direct(&encoding);
    let native = pyrs_objects::codecs::Codec::lookup(&encoding).is_some();
    if !native || !direct {
        let codecs = pyrs_vm::import::import_absolute("codecs")?;
        let info = call_method(&codecs, "lookup", &[pyrs_objects::str::new(&encoding)])?;
        if let Ok(flag) = protocol::getattr_str(&info, "_is_text_encoding") {
            if !protocol::is_true(&flag)? {
                return Err(PyErr::new(
                    pyrs_objects::ExcKind::LookupError,
                    format!("'{encoding}' is not a text encoding; use codecs.open() to handle arbitrary codecs"),
                ));
            }
        }
        if !direct {
            let dec = call_method(
                &codecs,
                "getincrementaldecoder",
                &[pyrs_objects::str::new(&encoding)],
            )?;
            let dec = protocol::call1(&dec, &[pyrs_objects::str::new(&errors)])?;
            let enc = call_method(
                &codecs,
                "getincrementalencoder",
                &[pyrs_objects::str::new(&encoding)],
            )?;
            let enc = protocol::call1(&enc, &[pyrs_objects::str::new(&errors)])?;
            *d.decoder.borrow_mut() = Some(dec);
            *d.encoder.borrow_mut() = Some(enc);
        }
    }
    d.kind
        .set(if direct { Kind::Direct } else { Kind::Indirect });
    *d.buffer.borrow_mut() = Some(buffer);
    *d.encoding.borrow_mut() = encoding;
    *d.errors.borrow_mut() = errors;
    *d.newline.borrow_mut() = newline;
    d.line_buffering
        .set(crate::argconv::bool_arg(line_buffering.as_ref(), false)?);
    d.write_through
        .set(crate::argconv::bool_arg(write_through.as_ref(), false)?);
    d.pending.borrow_mut().clear();
    d.eof.set(false);
    d.detached.set(false);
    Ok(())
}

fn data<'a>(args: &Args<'a>, method: &str) -> PyResult<&'a TextData> {
    super::this::<TextData>(args, method, "_io.TextIOWrapper")
}

fn payload(obj: &Value) -> PyResult<&TextData> {
    protocol::self_payload::<TextData>(obj, "buffer", "_io.TextIOWrapper")
}

fn buffer_of(d: &TextData) -> PyResult<Value> {
    match &*d.buffer.borrow() {
        Some(b) => Ok(b.clone()),
        None if d.detached.get() => Err(PyErr::value_error("underlying buffer has been detached")),
        None => Err(PyErr::value_error("I/O operation on uninitialized object")),
    }
}

fn open_buffer(d: &TextData) -> PyResult<Value> {
    let b = buffer_of(d)?;
    if super::is_closed(&b)? {
        return Err(PyErr::value_error("I/O operation on closed file."));
    }
    Ok(b)
}

/// Reads one more chunk into `pending`; false at end of file.
fn read_chunk(d: &TextData, buffer: &Value) -> PyResult<bool> {
    if d.eof.get() {
        return Ok(false);
    }
    let chunk = match protocol::getattr_str(buffer, "read1") {
        Ok(read1) => protocol::call1(&read1, &[pyrs_objects::int::from_usize(CHUNK)])?,
        Err(_) => call_method(buffer, "read", &[pyrs_objects::int::from_usize(CHUNK)])?,
    };
    let bytes = if protocol::is_none(&chunk) {
        Vec::new()
    } else {
        crate::argconv::buffer_arg(&chunk).map_err(|_| {
            PyErr::type_error(format!(
                "underlying read1() should have returned a bytes-like object, not '{}'",
                chunk.type_data().name()
            ))
        })?
    };
    let at_eof = bytes.is_empty();
    match d.kind.get() {
        Kind::Direct => d.pending.borrow_mut().extend_from_slice(&bytes),
        Kind::Indirect => {
            let dec = d.decoder.borrow().clone();
            if let Some(dec) = dec {
                let text = call_method(
                    &dec,
                    "decode",
                    &[pyrs_objects::bytes::new(bytes), pyrs_objects::bool(at_eof)],
                )?;
                if let Some(s) = text.downcast::<StrData>() {
                    d.pending.borrow_mut().extend_from_slice(s.as_bytes());
                }
            }
        }
    }
    if at_eof {
        d.eof.set(true);
    }
    Ok(!at_eof)
}

/// Decodes bytes taken from `pending` into a `str`.
fn decode_bytes(d: &TextData, bytes: &[u8]) -> PyResult<Value> {
    match d.kind.get() {
        Kind::Direct => {
            let enc = d.encoding.borrow().clone();
            let errors = d.errors.borrow().clone();
            pyrs_objects::codecs::decode(bytes, Some(&enc), Some(&errors))
        }
        Kind::Indirect => Ok(from_internal(bytes)),
    }
}

/// A `str` from bytes in the extended UTF-8 strings use inside (surrogates allowed).
fn from_internal(bytes: &[u8]) -> Value {
    if let Ok(s) = std::str::from_utf8(bytes) {
        return pyrs_objects::str::new(s);
    }
    let mut b = StrBuilder::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let (len, init) = match c {
            0x00..=0x7F => (1, c as u32),
            0xC0..=0xDF => (2, (c & 0x1F) as u32),
            0xE0..=0xEF => (3, (c & 0x0F) as u32),
            _ => (4, (c & 0x07) as u32),
        };
        let mut cp = init;
        for k in 1..len {
            cp = (cp << 6) | (bytes.get(i + k).copied().unwrap_or(0x80) & 0x3F) as u32;
        }
        b.push(cp);
        i += len;
    }
    b.finish()
}

const SEEN_LF: u8 = 1;
const SEEN_CR: u8 = 2;
const SEEN_CRLF: u8 = 4;

/// Applies the reading side of the newline setting to decoded text: records the endings
/// seen, and under universal newlines turns `\r\n` and `\r` into `\n`.
fn translate_read(d: &TextData, text: Value) -> Value {
    let translate = d.newline.borrow().is_none();
    let Some(s) = text.downcast::<StrData>() else {
        return text;
    };
    let bytes = s.as_bytes();
    if !bytes.contains(&b'\r') {
        if bytes.contains(&b'\n') {
            d.seen_newlines.set(d.seen_newlines.get() | SEEN_LF);
        }
        return text;
    }
    let mut seen = d.seen_newlines.get();
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                seen |= SEEN_CRLF;
                if translate {
                    out.push(b'\n');
                } else {
                    out.extend_from_slice(b"\r\n");
                }
                i += 2;
                continue;
            }
            b'\r' => {
                seen |= SEEN_CR;
                out.push(if translate { b'\n' } else { b'\r' });
            }
            b'\n' => {
                seen |= SEEN_LF;
                out.push(b'\n');
            }
            c => out.push(c),
        }
        i += 1;
    }
    d.seen_newlines.set(seen);
    from_internal(&out)
}

/// Where the next line of `pending` ends (just past its newline), reading more as needed;
/// the end of `pending` at end of file.
fn line_end(d: &TextData, buffer: &Value) -> PyResult<usize> {
    let newline = d.newline.borrow().clone();
    let mut from = 0;
    loop {
        let found = {
            let p = d.pending.borrow();
            let hay = &p[from..];
            match newline.as_deref() {
                Some("\n") => hay.iter().position(|&b| b == b'\n').map(|i| from + i + 1),
                Some("\r") => hay.iter().position(|&b| b == b'\r').map(|i| from + i + 1),
                Some("\r\n") => hay
                    .windows(2)
                    .position(|w| w == b"\r\n")
                    .map(|i| from + i + 2),
                _ => match hay.iter().position(|&b| b == b'\n' || b == b'\r') {
                    Some(i) => {
                        let at = from + i;
                        if p[at] == b'\n' {
                            Some(at + 1)
                        } else if at + 1 < p.len() {
                            Some(if p[at + 1] == b'\n' { at + 2 } else { at + 1 })
                        } else if d.eof.get() {
                            Some(at + 1)
                        } else {
                            // A `\r` at the end: its `\n` may be in the next chunk.
                            None
                        }
                    }
                    None => None,
                },
            }
        };
        if let Some(end) = found {
            return Ok(end);
        }
        let len = d.pending.borrow().len();
        from = len.saturating_sub(1);
        if !read_chunk(d, buffer)? {
            return Ok(d.pending.borrow().len());
        }
    }
}

/// The byte length of the first `n` characters of `bytes` (UTF-8, or one byte each).
fn char_prefix_len(d: &TextData, bytes: &[u8], n: usize) -> usize {
    let utf8 = d.kind.get() == Kind::Indirect
        || pyrs_objects::codecs::Codec::lookup(&d.encoding.borrow())
            == Some(pyrs_objects::codecs::Codec::Utf8);
    if !utf8 {
        return n.min(bytes.len());
    }
    let mut count = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b & 0xC0 != 0x80 {
            if count == n {
                return i;
            }
            count += 1;
        }
    }
    bytes.len()
}

fn take_pending(d: &TextData, n: usize) -> Vec<u8> {
    let mut p = d.pending.borrow_mut();
    let n = n.min(p.len());
    p.drain(..n).collect()
}

fn readline_value(d: &TextData, buffer: &Value, limit: i64) -> PyResult<Value> {
    let end = line_end(d, buffer)?;
    let mut end = end;
    if limit >= 0 {
        let p = d.pending.borrow();
        let cut = char_prefix_len(d, &p[..end], limit as usize);
        end = end.min(cut);
    }
    let bytes = take_pending(d, end);
    let text = decode_bytes(d, &bytes)?;
    Ok(translate_read(d, text))
}

fn prepare_read(d: &TextData) -> PyResult<Value> {
    let buffer = open_buffer(d)?;
    Ok(buffer)
}

fn text_readline(args: Args<'_>) -> PyResult<Value> {
    let d = data(&args, "readline")?;
    let [size] = args.skip_first().bind("readline", ["size"], 0, 1, 1)?;
    let limit = match &size {
        Some(s) if !protocol::is_none(s) => {
            if !protocol::has_index(s) {
                return Err(PyErr::type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    s.type_data().name()
                )));
            }
            crate::argconv::index_arg(s)?
        }
        _ => -1,
    };
    let buffer = prepare_read(d)?;
    check_readable(&buffer)?;
    readline_value(d, &buffer, limit)
}

fn check_readable(buffer: &Value) -> PyResult<()> {
    let r = call_method(buffer, "readable", &[])?;
    if !protocol::is_true(&r)? {
        return Err(unsupported("not readable"));
    }
    Ok(())
}

fn text_next(obj: &Value) -> PyResult<Option<Value>> {
    let d = payload(obj)?;
    let buffer = prepare_read(d)?;
    let line = readline_value(d, &buffer, -1)?;
    if protocol::len(&line)? == 0 {
        return Ok(None);
    }
    Ok(Some(line))
}

fn text_read(args: Args<'_>) -> PyResult<Value> {
    let d = data(&args, "read")?;
    let [size] = args.skip_first().bind("read", ["size"], 0, 1, 1)?;
    let n = crate::argconv::size_arg(size.as_ref())?;
    let buffer = prepare_read(d)?;
    check_readable(&buffer)?;
    if n < 0 {
        while read_chunk(d, &buffer)? {}
        let bytes = take_pending(d, usize::MAX);
        let text = decode_bytes(d, &bytes)?;
        return Ok(translate_read(d, text));
    }
    let n = n as usize;
    // Enough characters, counting a `\r\n` as one under universal newlines.
    loop {
        let (enough, cut) = {
            let p = d.pending.borrow();
            let cut = char_prefix_len(d, &p, n + count_crlf(d, &p, n));
            (cut < p.len() || d.eof.get(), cut)
        };
        if enough {
            let mut cut = cut;
            {
                let p = d.pending.borrow();
                // Never split a `\r\n` pair.
                if d.newline.borrow().is_none()
                    && cut > 0
                    && cut < p.len()
                    && p[cut - 1] == b'\r'
                    && p[cut] == b'\n'
                {
                    cut += 1;
                }
            }
            let bytes = take_pending(d, cut);
            let text = decode_bytes(d, &bytes)?;
            return Ok(translate_read(d, text));
        }
        if !read_chunk(d, &buffer)? {
            continue;
        }
    }
}

/// How many `\r\n` pairs the first `n` characters' worth of `bytes` hold (each reads as one
/// character under universal newlines).
fn count_crlf(d: &TextData, bytes: &[u8], n: usize) -> usize {
    if d.newline.borrow().is_some() {
        return 0;
    }
    let mut extra = 0;
    let mut chars = 0;
    let mut i = 0;
    while i < bytes.len() && chars < n {
        if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
            extra += 1;
            i += 2;
        } else {
            i += 1;
        }
        chars += 1;
    }
    extra
}

fn text_write(args: Args<'_>) -> PyResult<Value> {
    let d = data(&args, "write")?;
    let [text] = args.skip_first().bind("write", ["text"], 1, 1, 1)?;
    let text = text.expect("required");
    let Some(s) = text.downcast::<StrData>() else {
        return Err(PyErr::type_error(format!(
            "write() argument must be str, not {}",
            text.type_data().name()
        )));
    };
    let buffer = open_buffer(d)?;
    let n = s.char_len();
    let has_lf = s.as_bytes().contains(&b'\n');
    let newline = d.newline.borrow().clone();
    let out_text = match newline.as_deref() {
        Some("\r") | Some("\r\n") if has_lf => {
            let nl = newline.as_deref().unwrap_or("\n");
            let mut out = Vec::with_capacity(s.as_bytes().len());
            for &b in s.as_bytes() {
                if b == b'\n' {
                    out.extend_from_slice(nl.as_bytes());
                } else {
                    out.push(b);
                }
            }
            from_internal(&out)
        }
        _ => text.clone(),
    };
    // Read-ahead goes back to the buffer before writing.
    if !d.pending.borrow().is_empty() {
        rewind_pending(d, &buffer)?;
    }
    let encoder = d.encoder.borrow().clone();
    let bytes = match encoder {
        Some(enc) => call_method(&enc, "encode", &[out_text])?,
        None => {
            let enc = d.encoding.borrow().clone();
            let errors = d.errors.borrow().clone();
            let od = out_text.downcast::<StrData>().expect("str");
            pyrs_objects::bytes::new(pyrs_objects::codecs::encode(
                &out_text,
                od,
                Some(&enc),
                Some(&errors),
            )?)
        }
    };
    call_method(&buffer, "write", &[bytes])?;
    let needs_flush = d.write_through.get()
        || (d.line_buffering.get() && (has_lf || s.as_bytes().contains(&b'\r')));
    if needs_flush {
        call_method(&buffer, "flush", &[])?;
    }
    Ok(pyrs_objects::int::from_usize(n))
}

/// Moves the buffer back over bytes read ahead and not yet consumed.
fn rewind_pending(d: &TextData, buffer: &Value) -> PyResult<()> {
    let n = d.pending.borrow().len();
    if n == 0 {
        return Ok(());
    }
    if d.kind.get() == Kind::Indirect {
        return Err(unsupported("can't reconstruct logical file position"));
    }
    call_method(
        buffer,
        "seek",
        &[pyrs_objects::int::from_i64(-(n as i64)), Value::small(1)],
    )?;
    d.pending.borrow_mut().clear();
    d.eof.set(false);
    Ok(())
}

fn text_flush(args: Args<'_>) -> PyResult<Value> {
    let d = data(&args, "flush")?;
    let buffer = open_buffer(d)?;
    call_method(&buffer, "flush", &[])
}

fn text_close(args: Args<'_>) -> PyResult<Value> {
    let d = data(&args, "close")?;
    let buffer = buffer_of(d)?;
    if super::is_closed(&buffer)? {
        return Ok(pyrs_objects::none());
    }
    let flushed = call_method(&buffer, "flush", &[]);
    let closed = call_method(&buffer, "close", &[]);
    flushed?;
    closed
}

fn text_detach(args: Args<'_>) -> PyResult<Value> {
    let d = data(&args, "detach")?;
    let buffer = buffer_of(d)?;
    call_method(&buffer, "flush", &[])?;
    *d.buffer.borrow_mut() = None;
    d.detached.set(true);
    Ok(buffer)
}

fn text_tell(args: Args<'_>) -> PyResult<Value> {
    let d = data(&args, "tell")?;
    let buffer = open_buffer(d)?;
    let seekable = call_method(&buffer, "seekable", &[])?;
    if !protocol::is_true(&seekable)? {
        return Err(unsupported("underlying stream is not seekable"));
    }
    call_method(&buffer, "flush", &[])?;
    let pos = call_method(&buffer, "tell", &[])?;
    let pending = d.pending.borrow().len();
    if pending == 0 {
        return Ok(pos);
    }
    if d.kind.get() == Kind::Indirect {
        return Err(PyErr::new(
            pyrs_objects::ExcKind::OSError,
            "can't reconstruct logical file position",
        ));
    }
    let pos = crate::argconv::index_arg(&pos)?;
    Ok(pyrs_objects::int::from_i64(pos - pending as i64))
}

fn text_seek(args: Args<'_>) -> PyResult<Value> {
    let d = data(&args, "seek")?;
    let [cookie, whence] = args
        .skip_first()
        .bind("seek", ["cookie", "whence"], 1, 2, 2)?;
    let cookie = cookie.expect("required");
    let whence = match &whence {
        Some(w) => crate::argconv::index_arg(w)?,
        None => 0,
    };
    let buffer = open_buffer(d)?;
    let seekable = call_method(&buffer, "seekable", &[])?;
    if !protocol::is_true(&seekable)? {
        return Err(unsupported("underlying stream is not seekable"));
    }
    let zero = crate::argconv::index_arg(&cookie)
        .map(|c| c == 0)
        .unwrap_or(false);
    match whence {
        1 => {
            if !zero {
                return Err(unsupported("can't do nonzero cur-relative seeks"));
            }
            let args2 = [args.pos()[0].clone()];
            return text_tell(Args::positional(&args2));
        }
        2 => {
            if !zero {
                return Err(unsupported("can't do nonzero end-relative seeks"));
            }
            call_method(&buffer, "flush", &[])?;
            d.pending.borrow_mut().clear();
            d.eof.set(false);
            reset_codec(d)?;
            return call_method(&buffer, "seek", &[Value::small(0), Value::small(2)]);
        }
        0 => {}
        w => {
            return Err(PyErr::value_error(format!(
                "invalid whence ({w}, should be 0, 1 or 2)"
            )))
        }
    }
    if !protocol::has_index(&cookie) {
        return Err(PyErr::type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            cookie.type_data().name()
        )));
    }
    let pos = crate::argconv::index_arg(&cookie)?;
    if pos < 0 {
        return Err(PyErr::value_error(format!("negative seek position {pos}")));
    }
    call_method(&buffer, "flush", &[])?;
    d.pending.borrow_mut().clear();
    d.eof.set(false);
    reset_codec(d)?;
    call_method(&buffer, "seek", std::slice::from_ref(&cookie))?;
    Ok(cookie)
}

fn reset_codec(d: &TextData) -> PyResult<()> {
    let dec = d.decoder.borrow().clone();
    if let Some(dec) = dec {
        call_method(&dec, "reset", &[])?;
    }
    Ok(())
}

fn text_truncate(args: Args<'_>) -> PyResult<Value> {
    let d = data(&args, "truncate")?;
    let [pos] = args.skip_first().bind("truncate", ["pos"], 0, 1, 1)?;
    let buffer = open_buffer(d)?;
    call_method(&buffer, "flush", &[])?;
    let pos = match pos {
        Some(p) => p,
        None => {
            let self_args = [args.pos()[0].clone()];
            text_tell(Args::positional(&self_args))?
        }
    };
    call_method(&buffer, "truncate", &[pos])
}

fn forward(args: Args<'_>, method: &str) -> PyResult<Value> {
    let d = data(&args, method)?;
    let buffer = buffer_of(d)?;
    call_method(&buffer, method, &[])
}

fn text_fileno(args: Args<'_>) -> PyResult<Value> {
    forward(args, "fileno")
}
fn text_isatty(args: Args<'_>) -> PyResult<Value> {
    forward(args, "isatty")
}
fn text_seekable(args: Args<'_>) -> PyResult<Value> {
    let d = data(&args, "seekable")?;
    open_buffer(d)?;
    forward(args, "seekable")
}
fn text_readable(args: Args<'_>) -> PyResult<Value> {
    forward(args, "readable")
}
fn text_writable(args: Args<'_>) -> PyResult<Value> {
    forward(args, "writable")
}

fn text_reconfigure(args: Args<'_>) -> PyResult<Value> {
    let d = data(&args, "reconfigure")?;
    let [encoding, errors, newline, line_buffering, write_through] = args.skip_first().bind(
        "reconfigure",
        [
            "encoding",
            "errors",
            "newline",
            "line_buffering",
            "write_through",
        ],
        0,
        0,
        0,
    )?;
    if encoding.is_some() || newline.is_some() {
        if !d.pending.borrow().is_empty() {
            return Err(unsupported(
                "It is not possible to set the encoding or newline of stream after the first read",
            ));
        }
        if let Some(e) = &encoding {
            let e = crate::argconv::str_arg(e, "reconfigure", "argument 'encoding'")?;
            if !is_direct(&e) {
                return Err(unsupported("reconfigure() to this encoding"));
            }
            *d.encoding.borrow_mut() = e;
            d.kind.set(Kind::Direct);
            *d.decoder.borrow_mut() = None;
            *d.encoder.borrow_mut() = None;
        }
        if let Some(n) = &newline {
            *d.newline.borrow_mut() =
                crate::argconv::opt_str_arg(Some(n), "reconfigure", "argument 'newline'")?;
        }
    }
    if let Some(e) = &errors {
        *d.errors.borrow_mut() = crate::argconv::str_arg(e, "reconfigure", "argument 'errors'")?;
    }
    if let Some(l) = line_buffering.filter(|l| !protocol::is_none(l)) {
        d.line_buffering.set(protocol::is_true(&l)?);
    }
    if let Some(w) = write_through.filter(|w| !protocol::is_none(w)) {
        d.write_through.set(protocol::is_true(&w)?);
    }
    Ok(pyrs_objects::none())
}

fn text_encoding(obj: &Value) -> PyResult<Value> {
    Ok(pyrs_objects::str::new(&payload(obj)?.encoding.borrow()))
}

fn text_errors(obj: &Value) -> PyResult<Value> {
    Ok(pyrs_objects::str::new(&payload(obj)?.errors.borrow()))
}

fn newlines_value(seen: u8) -> Value {
    let names: Vec<&str> = [(SEEN_CR, "\r"), (SEEN_LF, "\n"), (SEEN_CRLF, "\r\n")]
        .iter()
        .filter(|(bit, _)| seen & bit != 0)
        .map(|(_, s)| *s)
        .collect();
    match names.len() {
        0 => pyrs_objects::none(),
        1 => pyrs_objects::str::new(names[0]),
        _ => pyrs_objects::tuple::new(names.iter().map(|s| pyrs_objects::str::new(s)).collect()),
    }
}

fn text_newlines(obj: &Value) -> PyResult<Value> {
    let d = payload(obj)?;
    if d.newline.borrow().is_some() {
        return Ok(pyrs_objects::none());
    }
    Ok(newlines_value(d.seen_newlines.get()))
}

fn text_line_buffering(obj: &Value) -> PyResult<Value> {
    Ok(pyrs_objects::bool(payload(obj)?.line_buffering.get()))
}

fn text_write_through(obj: &Value) -> PyResult<Value> {
    Ok(pyrs_objects::bool(payload(obj)?.write_through.get()))
}

fn text_buffer(obj: &Value) -> PyResult<Value> {
    buffer_of(payload(obj)?)
}

fn text_closed(obj: &Value) -> PyResult<Value> {
    let b = buffer_of(payload(obj)?)?;
    protocol::getattr_str(&b, "closed")
}

fn text_name(obj: &Value) -> PyResult<Value> {
    let b = buffer_of(payload(obj)?)?;
    protocol::getattr_str(&b, "name")
}

fn text_chunk_size(_: &Value) -> PyResult<Value> {
    Ok(pyrs_objects::int::from_usize(CHUNK))
}

fn text_repr(obj: &Value) -> PyResult<Value> {
    let d = payload(obj)?;
    let tn = super::fileio::repr_type_name(obj);
    let mut out = format!("<{tn}");
    let _guard = protocol::enter_recursion(" while getting the repr of an object")?;
    match protocol::getattr_str(obj, "name") {
        Ok(name) => out.push_str(&format!(" name={}", protocol::repr_string(&name)?)),
        Err(e)
            if e.is(pyrs_objects::ExcKind::AttributeError)
                || e.is(pyrs_objects::ExcKind::ValueError) => {}
        Err(e) => return Err(e),
    }
    if let Some(dict) = protocol::instance_dict(obj) {
        if let Some(dd) = dict.downcast::<pyrs_objects::dict::DictData>() {
            if let Some(mode) = dd.get_str(&pyrs_objects::str::intern("mode")) {
                out.push_str(&format!(" mode={}", protocol::repr_string(&mode)?));
            }
        }
    }
    out.push_str(&format!(
        " encoding={}>",
        protocol::repr_string(&pyrs_objects::str::new(&d.encoding.borrow()))?
    ));
    Ok(pyrs_objects::str::new(&out))
}

// ----- IncrementalNewlineDecoder -----

/// The state of an `IncrementalNewlineDecoder`.
pub(crate) struct NewlineDecoderData {
    decoder: RefCell<Option<Value>>,
    translate: Cell<bool>,
    pendingcr: Cell<bool>,
    seen: Cell<u8>,
}

impl pyrs_objects::object::Payload for NewlineDecoderData {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        pyrs_objects::gc::visit_cell(&self.decoder, visit);
    }

    fn clear(&self) {
        pyrs_objects::gc::clear_cell(&self.decoder);
    }
}

pub(super) fn newline_decoder_type() -> Value {
    super::io_type::<NewlineDecoderData>("IncrementalNewlineDecoder", None, NLD_METHODS)
        .slots(|s| {
            s.new.set(Some(nld_new));
            s.init.set(Some(nld_init));
        })
        .build()
}

const NLD_METHODS: &[MethodDef] = &[
    MethodDef::new("decode", MethodKind::Method(nld_decode)),
    MethodDef::new("getstate", MethodKind::Method(nld_getstate)),
    MethodDef::new("setstate", MethodKind::Method(nld_setstate)),
    MethodDef::new("reset", MethodKind::Method(nld_reset)),
    MethodDef::new("newlines", MethodKind::GetSet(nld_newlines, None)),
];

fn nld_new(cls: &Value, _args: Args<'_>) -> PyResult<Value> {
    Ok(pyrs_objects::object::alloc(
        cls,
        NewlineDecoderData {
            decoder: RefCell::new(None),
            translate: Cell::new(false),
            pendingcr: Cell::new(false),
            seen: Cell::new(0),
        },
    ))
}

fn nld_init(obj: &Value, args: Args<'_>) -> PyResult<()> {
    let [decoder, translate, _errors] = args.bind(
        "IncrementalNewlineDecoder",
        ["decoder", "translate", "errors"],
        2,
        0,
        3,
    )?;
    let d =
        protocol::self_payload::<NewlineDecoderData>(obj, "__init__", "IncrementalNewlineDecoder")?;
    let decoder = decoder.expect("required");
    *d.decoder.borrow_mut() = if protocol::is_none(&decoder) {
        None
    } else {
        Some(decoder)
    };
    d.translate
        .set(protocol::is_true(&translate.expect("required"))?);
    d.pendingcr.set(false);
    d.seen.set(0);
    Ok(())
}

fn nld<'a>(args: &Args<'a>, method: &str) -> PyResult<&'a NewlineDecoderData> {
    super::this::<NewlineDecoderData>(args, method, "_io.IncrementalNewlineDecoder")
}

fn nld_decode(args: Args<'_>) -> PyResult<Value> {
    let d = nld(&args, "decode")?;
    let [input, fin] = args
        .skip_first()
        .bind("decode", ["input", "final"], 1, 2, 2)?;
    let input = input.expect("required");
    let fin = crate::argconv::bool_arg(fin.as_ref(), false)?;
    let decoder = d.decoder.borrow().clone();
    let output = match decoder {
        Some(dec) => call_method(&dec, "decode", &[input, pyrs_objects::bool(fin)])?,
        None => input,
    };
    let Some(s) = output.downcast::<StrData>() else {
        return Err(PyErr::type_error(format!(
            "decoder should return a string result, not '{}'",
            output.type_data().name()
        )));
    };
    let mut bytes = Vec::with_capacity(s.as_bytes().len() + 1);
    if d.pendingcr.get() && (fin || !s.as_bytes().is_empty()) {
        bytes.push(b'\r');
        d.pendingcr.set(false);
    }
    bytes.extend_from_slice(s.as_bytes());
    if !fin && bytes.last() == Some(&b'\r') {
        bytes.pop();
        d.pendingcr.set(true);
    }
    let mut seen = d.seen.get();
    let translate = d.translate.get();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                seen |= SEEN_CRLF;
                if translate {
                    out.push(b'\n');
                } else {
                    out.extend_from_slice(b"\r\n");
                }
                i += 2;
                continue;
            }
            b'\r' => {
                seen |= SEEN_CR;
                out.push(if translate { b'\n' } else { b'\r' });
            }
            b'\n' => {
                seen |= SEEN_LF;
                out.push(b'\n');
            }
            c => out.push(c),
        }
        i += 1;
    }
    d.seen.set(seen);
    Ok(from_internal(&out))
}

fn nld_getstate(args: Args<'_>) -> PyResult<Value> {
    let d = nld(&args, "getstate")?;
    let decoder = d.decoder.borrow().clone();
    let (buf, flag) = match decoder {
        Some(dec) => {
            let state = call_method(&dec, "getstate", &[])?;
            let items = pyrs_objects::tuple::items_of(&state)
                .filter(|i| i.len() == 2)
                .ok_or_else(|| PyErr::type_error("illegal decoder state"))?
                .to_vec();
            let flag = crate::argconv::index_arg(&items[1])?;
            (items[0].clone(), flag)
        }
        None => (pyrs_objects::bytes::new(Vec::new()), 0),
    };
    let flag = (flag << 1) | d.pendingcr.get() as i64;
    Ok(pyrs_objects::tuple::new(vec![
        buf,
        pyrs_objects::int::from_i64(flag),
    ]))
}

fn nld_setstate(args: Args<'_>) -> PyResult<Value> {
    let d = nld(&args, "setstate")?;
    let [state] = args.skip_first().bind("setstate", ["state"], 1, 1, 1)?;
    let state = state.expect("required");
    let items = pyrs_objects::tuple::items_of(&state)
        .filter(|i| i.len() == 2)
        .ok_or_else(|| PyErr::type_error("state argument must be a tuple"))?
        .to_vec();
    let flag = crate::argconv::index_arg(&items[1])?;
    d.pendingcr.set(flag & 1 == 1);
    let decoder = d.decoder.borrow().clone();
    if let Some(dec) = decoder {
        call_method(
            &dec,
            "setstate",
            &[pyrs_objects::tuple::new(vec![
                items[0].clone(),
                pyrs_objects::int::from_i64(flag >> 1),
            ])],
        )?;
    }
    Ok(pyrs_objects::none())
}

fn nld_reset(args: Args<'_>) -> PyResult<Value> {
    let d = nld(&args, "reset")?;
    d.seen.set(0);
    d.pendingcr.set(false);
    let decoder = d.decoder.borrow().clone();
    if let Some(dec) = decoder {
        call_method(&dec, "reset", &[])?;
    }
    Ok(pyrs_objects::none())
}

fn nld_newlines(obj: &Value) -> PyResult<Value> {
    let d = protocol::self_payload::<NewlineDecoderData>(
        obj,
        "newlines",
        "_io.IncrementalNewlineDecoder",
    )?;
    Ok(newlines_value(d.seen.get()))
}
