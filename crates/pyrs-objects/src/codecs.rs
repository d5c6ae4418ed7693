//! The text codecs `str.encode`, `bytes.decode` and `str(b, encoding)` use directly
//! (CPython's Objects/unicodeobject.c codecs and Python/codecs.c error handlers): UTF-8,
//! UTF-16, UTF-32, Latin-1 and ASCII, with the error handlers strict, ignore, replace,
//! surrogateescape, surrogatepass, backslashreplace and xmlcharrefreplace, and CPython's
//! `UnicodeDecodeError`/`UnicodeEncodeError` (their attributes and messages).
//!
//! Other encodings belong to the `codecs` module of the standard library: they are asked of
//! the [`Registry`] pyrs-stdlib installs, and without one are the LookupError "unknown
//! encoding: NAME".

use crate::error::{PyErr, PyResult};
use crate::exceptions::ExcKind;
use crate::str::{StrBuilder, StrData};
use crate::value::Value;

/// A codec this module implements.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Codec {
    /// UTF-8.
    Utf8,
    /// Latin-1 (ISO 8859-1).
    Latin1,
    /// ASCII.
    Ascii,
    /// UTF-16 with a byte order mark (little-endian when encoding).
    Utf16,
    /// UTF-16, little-endian.
    Utf16Le,
    /// UTF-16, big-endian.
    Utf16Be,
    /// UTF-32 with a byte order mark.
    Utf32,
    /// UTF-32, little-endian.
    Utf32Le,
    /// UTF-32, big-endian.
    Utf32Be,
}

impl Codec {
    /// The codec's name in error messages.
    pub fn name(self) -> &'static str {
        match self {
            Codec::Utf8 => "utf-8",
            Codec::Latin1 => "latin-1",
            Codec::Ascii => "ascii",
            Codec::Utf16 => "utf-16",
            Codec::Utf16Le => "utf-16-le",
            Codec::Utf16Be => "utf-16-be",
            Codec::Utf32 => "utf-32",
            Codec::Utf32Le => "utf-32-le",
            Codec::Utf32Be => "utf-32-be",
        }
    }

    /// The codec an encoding name means (`"UTF8"`, `"latin_1"`, `"us-ascii"`…), as
    /// `encodings.normalize_encoding` and the alias table see it.
    pub fn lookup(name: &str) -> Option<Codec> {
        let mut n = String::with_capacity(name.len());
        for c in name.trim().chars() {
            match c {
                '-' | ' ' => n.push('_'),
                c => n.extend(c.to_lowercase()),
            }
        }
        Some(match n.as_str() {
            "utf_8" | "utf8" | "u8" | "utf" | "cp65001" | "utf8_ucs2" | "utf8_ucs4" => Codec::Utf8,
            "latin_1" | "latin1" | "latin" | "l1" | "iso_8859_1" | "iso8859_1" | "8859"
            | "cp819" | "iso_ir_100" | "csisolatin1" | "iso_8859_1:1987" => Codec::Latin1,
            "ascii" | "us_ascii" | "646" | "us" | "ansi_x3.4_1968" | "ansi_x3_4_1968"
            | "ansi_x3.4_1986" | "cp367" | "csascii" | "ibm367" | "iso646_us"
            | "iso_646.irv_1991" | "iso_ir_6" => Codec::Ascii,
            "utf_16" | "utf16" | "u16" => Codec::Utf16,
            "utf_16_le" | "utf_16le" | "unicodelittleunmarked" => Codec::Utf16Le,
            "utf_16_be" | "utf_16be" | "unicodebigunmarked" => Codec::Utf16Be,
            "utf_32" | "utf32" | "u32" => Codec::Utf32,
            "utf_32_le" | "utf_32le" => Codec::Utf32Le,
            "utf_32_be" | "utf_32be" => Codec::Utf32Be,
            _ => return None,
        })
    }
}

/// The codecs this module does not implement: the standard library's codec registry (the
/// `encodings` package found through `codecs.lookup`), installed by the `_codecs` module of
/// pyrs-stdlib. Asked only for names [`Codec::lookup`] does not know.
#[derive(Clone, Copy)]
pub struct Registry {
    /// `s.encode(encoding, errors)` of the string `s`: the encoded bytes.
    pub encode: fn(&Value, &str, Option<&str>) -> PyResult<Vec<u8>>,
    /// `b.decode(encoding, errors)` of the bytes `b`: the `str`.
    pub decode: fn(&[u8], &str, Option<&str>) -> PyResult<Value>,
}

static REGISTRY: crate::SyncCell<std::cell::Cell<Option<Registry>>> =
    crate::SyncCell(std::cell::Cell::new(None));

/// Installs the fallback for encodings this module does not implement.
pub fn install_registry(registry: Registry) {
    REGISTRY.0.set(Some(registry));
}

fn codec_of(encoding: Option<&str>) -> PyResult<Codec> {
    match encoding {
        None => Ok(Codec::Utf8),
        Some(e) => Codec::lookup(e)
            .ok_or_else(|| PyErr::new(ExcKind::LookupError, format!("unknown encoding: {e}"))),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Handler {
    Strict,
    Ignore,
    Replace,
    SurrogateEscape,
    SurrogatePass,
    BackslashReplace,
    XmlCharRefReplace,
}

fn handler_of(errors: Option<&str>) -> PyResult<Handler> {
    Ok(match errors.unwrap_or("strict") {
        "strict" => Handler::Strict,
        "ignore" => Handler::Ignore,
        "replace" => Handler::Replace,
        "surrogateescape" => Handler::SurrogateEscape,
        "surrogatepass" => Handler::SurrogatePass,
        "backslashreplace" => Handler::BackslashReplace,
        "xmlcharrefreplace" => Handler::XmlCharRefReplace,
        other => {
            return Err(PyErr::new(
                ExcKind::LookupError,
                format!("unknown error handler name '{other}'"),
            ))
        }
    })
}

// ---------------------------------------------------------------------------------------
// The exceptions.

fn install_str_slots() {
    static DONE: crate::SyncCell<std::cell::Cell<bool>> =
        crate::SyncCell(std::cell::Cell::new(false));
    if DONE.0.get() {
        return;
    }
    DONE.0.set(true);
    let set = |kind: ExcKind, f: crate::typeobject::UnaryFn| {
        if let Some(t) = crate::typeobject::type_data(kind.class()) {
            t.slots.str.set(Some(f));
        }
    };
    set(ExcKind::UnicodeDecodeError, decode_error_str);
    set(ExcKind::UnicodeEncodeError, encode_error_str);
}

fn make_error(
    kind: ExcKind,
    codec: &str,
    object: Value,
    start: usize,
    end: usize,
    reason: &str,
) -> PyErr {
    install_str_slots();
    let args = vec![
        crate::str::new(codec),
        object,
        crate::int::from_usize(start),
        crate::int::from_usize(end),
        crate::str::new(reason),
    ];
    let err = PyErr::with_args(kind, args.clone());
    if let Some(dict) = crate::protocol::instance_dict(err.value()) {
        if let Some(d) = dict.downcast::<crate::dict::DictData>() {
            for (name, v) in ["encoding", "object", "start", "end", "reason"]
                .iter()
                .zip(args)
            {
                d.set_str(name, v);
            }
        }
    }
    err
}

fn attr(exc: &Value, name: &str) -> PyResult<Value> {
    crate::protocol::getattr_str(exc, name)
}

fn attr_usize(exc: &Value, name: &str) -> PyResult<usize> {
    let v = attr(exc, name)?;
    Ok(crate::int::as_i64(&v).unwrap_or(0).max(0) as usize)
}

fn decode_error_str(exc: &Value) -> PyResult<Value> {
    let Ok(encoding) = attr(exc, "encoding") else {
        return Ok(crate::str::new(""));
    };
    let encoding = crate::protocol::str_string(&encoding)?;
    let object = attr(exc, "object")?;
    let start = attr_usize(exc, "start")?;
    let end = attr_usize(exc, "end")?;
    let reason = crate::protocol::str_string(&attr(exc, "reason")?)?;
    let bytes = crate::bytes::as_bytes_like(&object).unwrap_or_default();
    let text = if start < bytes.len() && end == start + 1 {
        format!(
            "'{encoding}' codec can't decode byte 0x{:02x} in position {start}: {reason}",
            bytes[start]
        )
    } else {
        format!(
            "'{encoding}' codec can't decode bytes in position {start}-{}: {reason}",
            end.saturating_sub(1)
        )
    };
    Ok(crate::str::from_string(text))
}

fn encode_error_str(exc: &Value) -> PyResult<Value> {
    let Ok(encoding) = attr(exc, "encoding") else {
        return Ok(crate::str::new(""));
    };
    let encoding = crate::protocol::str_string(&encoding)?;
    let object = attr(exc, "object")?;
    let start = attr_usize(exc, "start")?;
    let end = attr_usize(exc, "end")?;
    let reason = crate::protocol::str_string(&attr(exc, "reason")?)?;
    let cp = object.downcast::<StrData>().and_then(|d| {
        (start < d.char_len())
            .then(|| d.code_point_at(start))
            .flatten()
    });
    let text = match cp {
        Some(cp) if end == start + 1 => {
            let ch = if cp <= 0xFF {
                format!("\\x{cp:02x}")
            } else if cp <= 0xFFFF {
                format!("\\u{cp:04x}")
            } else {
                format!("\\U{cp:08x}")
            };
            format!(
                "'{encoding}' codec can't encode character '{ch}' in position {start}: {reason}"
            )
        }
        _ => format!(
            "'{encoding}' codec can't encode characters in position {start}-{}: {reason}",
            end.saturating_sub(1)
        ),
    };
    Ok(crate::str::from_string(text))
}

// ---------------------------------------------------------------------------------------
// Encoding.

/// `s.encode(encoding, errors)` of the string `obj` (whose data is `d`).
pub fn encode(
    obj: &Value,
    d: &StrData,
    encoding: Option<&str>,
    errors: Option<&str>,
) -> PyResult<Vec<u8>> {
    let codec = match (codec_of(encoding), REGISTRY.0.get(), encoding) {
        (Ok(codec), _, _) => codec,
        (Err(_), Some(registry), Some(name)) => return (registry.encode)(obj, name, errors),
        (Err(err), _, _) => return Err(err),
    };
    if codec == Codec::Utf8 && !d.has_surrogates() {
        return Ok(d.as_bytes().to_vec());
    }
    if matches!(codec, Codec::Ascii | Codec::Latin1 | Codec::Utf8) && d.is_ascii() {
        return Ok(d.as_bytes().to_vec());
    }
    let handler = handler_of(errors)?;
    let cps: Vec<u32> = d.code_points().collect();
    let mut out = Vec::with_capacity(cps.len());
    let (limit, reason) = match codec {
        Codec::Ascii => (0x80, "ordinal not in range(128)"),
        Codec::Latin1 => (0x100, "ordinal not in range(256)"),
        _ => (0x110000, "surrogates not allowed"),
    };
    let bad = |cp: u32| {
        if limit < 0x110000 {
            cp >= limit
        } else {
            crate::str::is_surrogate(cp)
        }
    };
    if codec == Codec::Utf16 {
        out.extend_from_slice(&[0xFF, 0xFE]);
    } else if codec == Codec::Utf32 {
        out.extend_from_slice(&[0xFF, 0xFE, 0, 0]);
    }
    let put = |out: &mut Vec<u8>, cp: u32| match codec {
        Codec::Ascii | Codec::Latin1 => out.push(cp as u8),
        Codec::Utf8 => crate::str::push_code_point(out, cp),
        Codec::Utf16 | Codec::Utf16Le | Codec::Utf16Be => {
            let be = codec == Codec::Utf16Be;
            let mut unit = |u: u16| {
                if be {
                    out.extend_from_slice(&u.to_be_bytes())
                } else {
                    out.extend_from_slice(&u.to_le_bytes())
                }
            };
            if cp >= 0x10000 {
                let c = cp - 0x10000;
                unit(0xD800 | (c >> 10) as u16);
                unit(0xDC00 | (c & 0x3FF) as u16);
            } else {
                unit(cp as u16);
            }
        }
        Codec::Utf32 | Codec::Utf32Le | Codec::Utf32Be => {
            if codec == Codec::Utf32Be {
                out.extend_from_slice(&cp.to_be_bytes())
            } else {
                out.extend_from_slice(&cp.to_le_bytes())
            }
        }
    };
    let mut i = 0;
    while i < cps.len() {
        let cp = cps[i];
        if !bad(cp) {
            put(&mut out, cp);
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < cps.len() && bad(cps[end]) {
            end += 1;
        }
        let fail = || {
            make_error(
                ExcKind::UnicodeEncodeError,
                codec.name(),
                obj.clone(),
                i,
                end,
                reason,
            )
        };
        match handler {
            Handler::Strict => return Err(fail()),
            Handler::Ignore => {}
            Handler::Replace => out.resize(out.len() + (end - i), b'?'),
            Handler::BackslashReplace => {
                for &c in &cps[i..end] {
                    let esc = if c <= 0xFF {
                        format!("\\x{c:02x}")
                    } else if c <= 0xFFFF {
                        format!("\\u{c:04x}")
                    } else {
                        format!("\\U{c:08x}")
                    };
                    for b in esc.bytes() {
                        put(&mut out, b as u32);
                    }
                }
            }
            Handler::XmlCharRefReplace => {
                for &c in &cps[i..end] {
                    for b in format!("&#{c};").bytes() {
                        put(&mut out, b as u32);
                    }
                }
            }
            Handler::SurrogateEscape => {
                for (k, &c) in cps[i..end].iter().enumerate() {
                    if !(0xDC80..=0xDCFF).contains(&c) {
                        return Err(make_error(
                            ExcKind::UnicodeEncodeError,
                            codec.name(),
                            obj.clone(),
                            i + k,
                            i + k + 1,
                            reason,
                        ));
                    }
                    out.push((c - 0xDC00) as u8);
                }
            }
            Handler::SurrogatePass => {
                if limit < 0x110000 {
                    return Err(fail());
                }
                for &c in &cps[i..end] {
                    put(&mut out, c);
                }
            }
        }
        i = end;
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------
// Decoding.

/// `bytes.decode(encoding, errors)`: the `str`.
pub fn decode(bytes: &[u8], encoding: Option<&str>, errors: Option<&str>) -> PyResult<Value> {
    let codec = match (codec_of(encoding), REGISTRY.0.get(), encoding) {
        (Ok(codec), _, _) => codec,
        (Err(_), Some(registry), Some(name)) => return (registry.decode)(bytes, name, errors),
        (Err(err), _, _) => return Err(err),
    };
    if matches!(codec, Codec::Utf8 | Codec::Ascii | Codec::Latin1) && bytes.is_ascii() {
        // SAFETY-free: ASCII is valid UTF-8.
        return Ok(crate::str::new(std::str::from_utf8(bytes).unwrap_or("")));
    }
    if codec == Codec::Utf8 {
        if let Ok(text) = std::str::from_utf8(bytes) {
            return Ok(crate::str::new(text));
        }
    }
    let handler = handler_of(errors)?;
    let mut out = StrBuilder::with_capacity(bytes.len());
    let object = || crate::bytes::new(bytes.to_vec());
    // Reports a decoding error over `start..end` and says how to go on (the handler's output
    // is written here).
    let on_error = |out: &mut StrBuilder,
                    name: &str,
                    start: usize,
                    end: usize,
                    reason: &str|
     -> PyResult<()> {
        match handler {
            Handler::Strict | Handler::XmlCharRefReplace => Err(make_error(
                ExcKind::UnicodeDecodeError,
                name,
                object(),
                start,
                end,
                reason,
            )),
            Handler::Ignore => Ok(()),
            Handler::Replace => {
                out.push(0xFFFD);
                Ok(())
            }
            Handler::BackslashReplace => {
                for &b in &bytes[start..end] {
                    out.push_str(&format!("\\x{b:02x}"));
                }
                Ok(())
            }
            Handler::SurrogateEscape => {
                for &b in &bytes[start..end] {
                    if b < 0x80 {
                        return Err(make_error(
                            ExcKind::UnicodeDecodeError,
                            name,
                            object(),
                            start,
                            end,
                            reason,
                        ));
                    }
                    out.push(0xDC00 + b as u32);
                }
                Ok(())
            }
            Handler::SurrogatePass => Err(make_error(
                ExcKind::UnicodeDecodeError,
                name,
                object(),
                start,
                end,
                reason,
            )),
        }
    };
    match codec {
        Codec::Latin1 => {
            for &b in bytes {
                out.push(b as u32);
            }
        }
        Codec::Ascii => {
            for (i, &b) in bytes.iter().enumerate() {
                if b < 0x80 {
                    out.push(b as u32);
                } else {
                    on_error(&mut out, "ascii", i, i + 1, "ordinal not in range(128)")?;
                }
            }
        }
        Codec::Utf8 => {
            let mut i = 0;
            while i < bytes.len() {
                match utf8_step(bytes, i) {
                    Ok((cp, len)) => {
                        out.push(cp);
                        i += len;
                    }
                    Err((end, reason)) => {
                        if handler == Handler::SurrogatePass
                            && bytes.len() >= i + 3
                            && bytes[i] == 0xED
                            && (0xA0..=0xBF).contains(&bytes[i + 1])
                            && (0x80..=0xBF).contains(&bytes[i + 2])
                        {
                            out.push(crate::str::decode_at(bytes, i).0);
                            i += 3;
                            continue;
                        }
                        on_error(&mut out, "utf-8", i, end, reason)?;
                        i = end;
                    }
                }
            }
        }
        Codec::Utf16 | Codec::Utf16Le | Codec::Utf16Be => {
            let mut be = codec == Codec::Utf16Be;
            let mut name = codec.name();
            let mut i = 0;
            if codec == Codec::Utf16 {
                name = "utf-16-le";
                if bytes.starts_with(&[0xFF, 0xFE]) {
                    i = 2;
                } else if bytes.starts_with(&[0xFE, 0xFF]) {
                    i = 2;
                    be = true;
                    name = "utf-16-be";
                }
            }
            let unit = |k: usize| -> u32 {
                let pair = [bytes[k], bytes[k + 1]];
                (if be {
                    u16::from_be_bytes(pair)
                } else {
                    u16::from_le_bytes(pair)
                }) as u32
            };
            while i < bytes.len() {
                if i + 2 > bytes.len() {
                    on_error(&mut out, name, i, bytes.len(), "truncated data")?;
                    break;
                }
                let u = unit(i);
                if !(0xD800..=0xDFFF).contains(&u) {
                    out.push(u);
                    i += 2;
                    continue;
                }
                if u >= 0xDC00 {
                    if handler == Handler::SurrogatePass {
                        out.push(u);
                    } else {
                        on_error(&mut out, name, i, i + 2, "illegal encoding")?;
                    }
                    i += 2;
                    continue;
                }
                if i + 4 > bytes.len() {
                    on_error(&mut out, name, i, bytes.len(), "unexpected end of data")?;
                    break;
                }
                let low = unit(i + 2);
                if (0xDC00..=0xDFFF).contains(&low) {
                    out.push(0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00));
                    i += 4;
                } else {
                    if handler == Handler::SurrogatePass {
                        out.push(u);
                    } else {
                        on_error(&mut out, name, i, i + 2, "illegal UTF-16 surrogate")?;
                    }
                    i += 2;
                }
            }
        }
        Codec::Utf32 | Codec::Utf32Le | Codec::Utf32Be => {
            let mut be = codec == Codec::Utf32Be;
            let mut name = codec.name();
            let mut i = 0;
            if codec == Codec::Utf32 {
                name = "utf-32-le";
                if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) {
                    i = 4;
                } else if bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
                    i = 4;
                    be = true;
                    name = "utf-32-be";
                }
            }
            while i < bytes.len() {
                if i + 4 > bytes.len() {
                    on_error(&mut out, name, i, bytes.len(), "truncated data")?;
                    break;
                }
                let quad = [bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]];
                let cp = if be {
                    u32::from_be_bytes(quad)
                } else {
                    u32::from_le_bytes(quad)
                };
                if cp >= 0x110000 {
                    on_error(
                        &mut out,
                        name,
                        i,
                        i + 4,
                        "code point not in range(0x110000)",
                    )?;
                } else if crate::str::is_surrogate(cp) && handler != Handler::SurrogatePass {
                    on_error(
                        &mut out,
                        name,
                        i,
                        i + 4,
                        "code point in surrogate code point range(0xd800, 0xe000)",
                    )?;
                } else {
                    out.push(cp);
                }
                i += 4;
            }
        }
    }
    Ok(out.finish())
}

/// One UTF-8 sequence at `i`: its code point and length, or the end of the maximal invalid
/// subpart and the reason, as CPython reports them.
fn utf8_step(b: &[u8], i: usize) -> Result<(u32, usize), (usize, &'static str)> {
    let lead = b[i];
    if lead < 0x80 {
        return Ok((lead as u32, 1));
    }
    let (len, lo, hi) = match lead {
        0xC2..=0xDF => (2, 0x80, 0xBF),
        0xE0 => (3, 0xA0, 0xBF),
        0xED => (3, 0x80, 0x9F),
        0xE1..=0xEC | 0xEE..=0xEF => (3, 0x80, 0xBF),
        0xF0 => (4, 0x90, 0xBF),
        0xF1..=0xF3 => (4, 0x80, 0xBF),
        0xF4 => (4, 0x80, 0x8F),
        _ => return Err((i + 1, "invalid start byte")),
    };
    for k in 1..len {
        let Some(&c) = b.get(i + k) else {
            return Err((b.len(), "unexpected end of data"));
        };
        let (l, h) = if k == 1 { (lo, hi) } else { (0x80, 0xBF) };
        if c < l || c > h {
            return Err((i + k, "invalid continuation byte"));
        }
    }
    Ok(crate::str::decode_at(b, i))
}

/// `str(obj, encoding, errors)`: decodes a bytes-like object (the hook the `str` type calls).
pub fn decode_object(
    obj: &Value,
    encoding: Option<&Value>,
    errors: Option<&Value>,
) -> PyResult<Value> {
    let enc = crate::str_methods::opt_str_arg(encoding, "str", "encoding")?;
    let err = crate::str_methods::opt_str_arg(errors, "str", "errors")?;
    if obj.downcast::<StrData>().is_some() {
        return Err(PyErr::type_error("decoding str is not supported"));
    }
    let Some(bytes) = crate::bytes::as_bytes_like(obj) else {
        return Err(PyErr::type_error(format!(
            "decoding to str: need a bytes-like object, {} found",
            obj.type_data().name()
        )));
    };
    decode(&bytes, enc.as_deref(), err.as_deref())
}
