//! printf-style formatting, `str % args` and `bytes % args` (CPython's `PyUnicode_Format` in
//! Objects/unicodeobject.c and `_PyBytes_FormatEx` in Objects/bytesobject.c): one engine for
//! both, over the bytes of the format (every directive is ASCII; a `str` format's literal text
//! is copied as its extended UTF-8 bytes), with the number conversions shared by both.

use num_bigint::BigInt;
use num_traits::Signed;

use crate::error::{PyErr, PyResult};
use crate::int;
use crate::protocol;
use crate::str::{StrBuilder, StrData};
use crate::typeobject::UnaryOp;
use crate::value::Value;

/// `fmt % args` for a `str` format.
pub fn format_str(fmt: &Value, args: &Value) -> PyResult<Value> {
    let d = fmt
        .downcast::<StrData>()
        .ok_or_else(|| PyErr::system_error("format is not a str"))?;
    let out = format(d.as_bytes(), args, false)?;
    let mut b = StrBuilder::new();
    let data = StrData::from_wtf8(out);
    b.push_data(&data);
    Ok(b.finish())
}

/// `fmt % args` for a bytes-like format: the bytes.
pub fn format_bytes(fmt: &[u8], args: &Value) -> PyResult<Vec<u8>> {
    format(fmt, args, true)
}

#[derive(Default, Clone, Copy)]
struct Flags {
    left: bool,
    sign: bool,
    space: bool,
    alt: bool,
    zero: bool,
}

struct ArgSource<'a> {
    items: Option<&'a [Value]>,
    single: &'a Value,
    index: usize,
    single_used: bool,
}

impl ArgSource<'_> {
    fn next(&mut self) -> PyResult<Value> {
        match self.items {
            Some(items) => {
                let v = items.get(self.index).cloned();
                self.index += 1;
                v.ok_or_else(|| PyErr::type_error("not enough arguments for format string"))
            }
            None => {
                if self.single_used {
                    return Err(PyErr::type_error("not enough arguments for format string"));
                }
                self.single_used = true;
                Ok(self.single.clone())
            }
        }
    }

    fn all_used(&self) -> bool {
        match self.items {
            Some(items) => self.index >= items.len(),
            None => self.single_used,
        }
    }
}

fn format(fmt: &[u8], args: &Value, bytes_mode: bool) -> PyResult<Vec<u8>> {
    let tuple_items = crate::tuple::items_of(args);
    let is_mapping = tuple_items.is_none()
        && args.downcast::<StrData>().is_none()
        && !(bytes_mode && is_bytes_like(args))
        && args.type_data().slots.getitem.get().is_some();
    let mapping = if is_mapping { Some(args) } else { None };
    let mut source = ArgSource {
        items: tuple_items,
        single: args,
        index: 0,
        single_used: false,
    };
    let mut out: Vec<u8> = Vec::with_capacity(fmt.len() + 16);
    let mut i = 0;
    let n = fmt.len();
    while i < n {
        let Some(k) = fmt[i..].iter().position(|&b| b == b'%') else {
            out.extend_from_slice(&fmt[i..]);
            break;
        };
        out.extend_from_slice(&fmt[i..i + k]);
        i += k + 1;
        if i < n && fmt[i] == b'%' {
            out.push(b'%');
            i += 1;
            continue;
        }
        // A mapping key switches to that one value.
        let mut keyed: Option<Value> = None;
        if i < n && fmt[i] == b'(' {
            let Some(map) = mapping else {
                return Err(PyErr::type_error("format requires a mapping"));
            };
            let mut depth = 1;
            let start = i + 1;
            i += 1;
            while i < n && depth > 0 {
                match fmt[i] {
                    b'(' => depth += 1,
                    b')' => depth -= 1,
                    _ => {}
                }
                i += 1;
            }
            if depth > 0 {
                return Err(PyErr::value_error("incomplete format key"));
            }
            let key_bytes = &fmt[start..i - 1];
            let key = if bytes_mode {
                crate::bytes::new(key_bytes.to_vec())
            } else {
                crate::str::from_data(StrData::from_wtf8(key_bytes.to_vec()))
            };
            keyed = Some(protocol::getitem(map, &key)?);
        }
        let next_arg = |source: &mut ArgSource<'_>| -> PyResult<Value> {
            match &keyed {
                Some(v) => Ok(v.clone()),
                None => source.next(),
            }
        };
        let mut flags = Flags::default();
        while i < n {
            match fmt[i] {
                b'-' => flags.left = true,
                b'+' => flags.sign = true,
                b' ' => flags.space = true,
                b'#' => flags.alt = true,
                b'0' => flags.zero = true,
                _ => break,
            }
            i += 1;
        }
        let mut width: usize = 0;
        if i < n && fmt[i] == b'*' {
            let w = next_arg(&mut source)?;
            let w = star_int(&w)?;
            if w < 0 {
                flags.left = true;
            }
            width = w.unsigned_abs();
            i += 1;
        } else {
            while i < n && fmt[i].is_ascii_digit() {
                width = width
                    .checked_mul(10)
                    .and_then(|w| w.checked_add((fmt[i] - b'0') as usize))
                    .filter(|&w| w <= isize::MAX as usize)
                    .ok_or_else(|| PyErr::value_error("width too big"))?;
                i += 1;
            }
        }
        let mut precision: Option<usize> = None;
        if i < n && fmt[i] == b'.' {
            i += 1;
            if i < n && fmt[i] == b'*' {
                let p = next_arg(&mut source)?;
                precision = Some(star_int(&p)?.max(0) as usize);
                i += 1;
            } else {
                let mut p: usize = 0;
                while i < n && fmt[i].is_ascii_digit() {
                    p = p
                        .checked_mul(10)
                        .and_then(|w| w.checked_add((fmt[i] - b'0') as usize))
                        .filter(|&w| w <= i32::MAX as usize)
                        .ok_or_else(|| PyErr::value_error("precision too big"))?;
                    i += 1;
                }
                precision = Some(p);
            }
        }
        while i < n && matches!(fmt[i], b'h' | b'l' | b'L') {
            i += 1;
        }
        if i >= n {
            return Err(PyErr::value_error("incomplete format"));
        }
        let conv = fmt[i];
        let conv_index = i;
        i += 1;
        let arg = next_arg(&mut source)?;
        // The converted text (extended UTF-8 for str, raw for bytes) and its width in
        // characters; numbers are ASCII.
        let (body, body_len, numeric): (Vec<u8>, usize, bool) = match conv {
            b's' | b'r' | b'a' | b'b' if bytes_mode => {
                let b = match conv {
                    b'r' | b'a' => ascii_bytes(&arg)?,
                    _ => bytes_of(&arg)?,
                };
                let b = match precision {
                    Some(p) if p < b.len() => b[..p].to_vec(),
                    _ => b,
                };
                let len = b.len();
                (b, len, false)
            }
            b's' | b'r' | b'a' => {
                let s = match conv {
                    b's' => protocol::str(&arg)?,
                    b'r' => protocol::repr(&arg)?,
                    _ => ascii(&arg)?,
                };
                let d = crate::str::data(&s);
                let len = d.char_len();
                match precision {
                    Some(p) if p < len => (d.as_bytes()[..d.byte_offset(p)].to_vec(), p, false),
                    _ => (d.as_bytes().to_vec(), len, false),
                }
            }
            b'c' => {
                let (b, len) = char_arg(&arg, bytes_mode)?;
                (b, len, false)
            }
            b'd' | b'i' | b'u' | b'o' | b'x' | b'X' => {
                let v = int_arg(&arg, conv)?;
                let text = format_int(&v, conv, flags, precision)?;
                let len = text.len();
                (text.into_bytes(), len, true)
            }
            b'e' | b'E' | b'f' | b'F' | b'g' | b'G' => {
                let x = float_arg(&arg)?;
                let text = format_float(x, conv, flags, precision.unwrap_or(6));
                let len = text.len();
                (text.into_bytes(), len, true)
            }
            _ => {
                let (cp, _) = if bytes_mode {
                    (fmt[conv_index] as u32, 1)
                } else {
                    crate::str::decode_at(fmt, conv_index)
                };
                let shown = if (0x20..0x7F).contains(&cp) {
                    char::from_u32(cp).unwrap_or('?')
                } else {
                    '?'
                };
                let index = if bytes_mode {
                    conv_index
                } else {
                    fmt[..conv_index]
                        .iter()
                        .filter(|&&b| (b as i8) >= -0x40)
                        .count()
                };
                return Err(PyErr::value_error(format!(
                    "unsupported format character '{shown}' (0x{cp:x}) at index {index}"
                )));
            }
        };
        if body_len >= width {
            out.extend_from_slice(&body);
        } else {
            let pad = width - body_len;
            if flags.left {
                out.extend_from_slice(&body);
                out.resize(out.len() + pad, b' ');
            } else if numeric && flags.zero {
                // Zeros go after the sign and a 0x-style prefix.
                let mut split = 0;
                if matches!(body.first(), Some(b'-' | b'+' | b' ')) {
                    split = 1;
                }
                if body.len() >= split + 2
                    && body[split] == b'0'
                    && matches!(body[split + 1], b'x' | b'X' | b'o')
                    && matches!(conv, b'x' | b'X' | b'o')
                {
                    split += 2;
                }
                out.extend_from_slice(&body[..split]);
                out.resize(out.len() + pad, b'0');
                out.extend_from_slice(&body[split..]);
            } else {
                out.resize(out.len() + pad, b' ');
                out.extend_from_slice(&body);
            }
        }
    }
    if mapping.is_none() && !source.all_used() {
        return Err(PyErr::type_error(
            "not all arguments converted during string formatting",
        ));
    }
    Ok(out)
}

fn is_bytes_like(v: &Value) -> bool {
    crate::bytes::as_bytes_like(v).is_some()
}

fn star_int(v: &Value) -> PyResult<isize> {
    match int::as_int(v) {
        Some(i) => i
            .to_i64()
            .filter(|&x| x.unsigned_abs() <= isize::MAX as u64)
            .map(|x| x as isize)
            .ok_or_else(|| PyErr::value_error("width too big")),
        None => Err(PyErr::type_error("* wants int")),
    }
}

/// `ascii(obj)`: the repr with non-ASCII code points escaped.
pub fn ascii(obj: &Value) -> PyResult<Value> {
    let r = protocol::repr(obj)?;
    let d = crate::str::data(&r);
    if d.is_ascii() {
        return Ok(r);
    }
    let mut out = String::with_capacity(d.as_bytes().len() + 8);
    for cp in d.code_points() {
        if cp < 0x80 {
            out.push(cp as u8 as char);
        } else if cp < 0x100 {
            out.push_str(&format!("\\x{cp:02x}"));
        } else if cp < 0x10000 {
            out.push_str(&format!("\\u{cp:04x}"));
        } else {
            out.push_str(&format!("\\U{cp:08x}"));
        }
    }
    Ok(crate::str::from_string(out))
}

fn ascii_bytes(v: &Value) -> PyResult<Vec<u8>> {
    let a = ascii(v)?;
    Ok(crate::str::data(&a).as_bytes().to_vec())
}

/// `%b`/`%s` of bytes formatting: a bytes-like object, or `__bytes__`.
fn bytes_of(v: &Value) -> PyResult<Vec<u8>> {
    if let Some(b) = crate::bytes::as_bytes_like(v) {
        return Ok(b);
    }
    if let Some(m) = protocol::lookup_special(v, "__bytes__")? {
        let r = protocol::call1(&m, &[])?;
        if let Some(b) = crate::bytes::as_bytes_like(&r) {
            return Ok(b);
        }
        return Err(PyErr::type_error(format!(
            "__bytes__ returned non-bytes (type {})",
            r.type_data().name()
        )));
    }
    Err(PyErr::type_error(format!(
        "%b requires a bytes-like object, or an object that implements __bytes__, not '{}'",
        v.type_data().name()
    )))
}

fn char_arg(v: &Value, bytes_mode: bool) -> PyResult<(Vec<u8>, usize)> {
    if bytes_mode {
        if let Some(b) = crate::bytes::as_bytes_like(v) {
            if b.len() == 1 {
                return Ok((b, 1));
            }
        } else if let Some(i) = int::as_int(v) {
            return match i.to_i64() {
                Some(x) if (0..256).contains(&x) => Ok((vec![x as u8], 1)),
                _ => Err(PyErr::overflow_error("%c arg not in range(256)")),
            };
        }
        return Err(PyErr::type_error(
            "%c requires an integer in range(256) or a single byte",
        ));
    }
    if let Some(s) = v.downcast::<StrData>() {
        if s.char_len() == 1 {
            return Ok((s.as_bytes().to_vec(), 1));
        }
        return Err(PyErr::type_error("%c requires int or char"));
    }
    if let Some(i) = int::as_int(v) {
        return match i.to_i64() {
            Some(x) if (0..0x110000).contains(&x) => {
                let mut b = Vec::new();
                crate::str::push_code_point(&mut b, x as u32);
                Ok((b, 1))
            }
            _ => Err(PyErr::overflow_error("%c arg not in range(0x110000)")),
        };
    }
    Err(PyErr::type_error("%c requires int or char"))
}

fn has_unary(v: &Value, op: UnaryOp) -> bool {
    v.type_data().slots.unary[op as usize].get().is_some()
}

fn int_arg(v: &Value, conv: u8) -> PyResult<BigInt> {
    if let Some(i) = int::as_int(v) {
        return Ok(i.to_bigint());
    }
    let is_number =
        has_unary(v, UnaryOp::Index) || has_unary(v, UnaryOp::Int) || has_unary(v, UnaryOp::Float);
    if is_number {
        let r = if matches!(conv, b'o' | b'x' | b'X') {
            if !has_unary(v, UnaryOp::Index) {
                return Err(PyErr::type_error(format!(
                    "%{} format: an integer is required, not {}",
                    conv as char,
                    v.type_data().name()
                )));
            }
            protocol::index(v)?
        } else {
            int::int_from_object(v)?
        };
        if let Some(i) = int::as_int(&r) {
            return Ok(i.to_bigint());
        }
    }
    Err(PyErr::type_error(if matches!(conv, b'o' | b'x' | b'X') {
        format!(
            "%{} format: an integer is required, not {}",
            conv as char,
            v.type_data().name()
        )
    } else {
        format!(
            "%{} format: a real number is required, not {}",
            conv as char,
            v.type_data().name()
        )
    }))
}

fn float_arg(v: &Value) -> PyResult<f64> {
    if let Some(x) = crate::float::as_f64(v) {
        return Ok(x);
    }
    if let Some(i) = int::as_int(v) {
        return int::to_f64(i);
    }
    if has_unary(v, UnaryOp::Float) || has_unary(v, UnaryOp::Index) {
        return crate::float::float_from_object(v);
    }
    Err(PyErr::type_error(format!(
        "must be real number, not {}",
        v.type_data().name()
    )))
}

fn sign_prefix(negative: bool, flags: Flags) -> &'static str {
    if negative {
        "-"
    } else if flags.sign {
        "+"
    } else if flags.space {
        " "
    } else {
        ""
    }
}

/// `%d`, `%o`, `%x`…; decimal digits are subject to the int string conversion limit.
fn format_int(v: &BigInt, conv: u8, flags: Flags, precision: Option<usize>) -> PyResult<String> {
    let digits = match conv {
        b'o' => v.abs().to_str_radix(8),
        b'x' => v.abs().to_str_radix(16),
        b'X' => v.abs().to_str_radix(16).to_ascii_uppercase(),
        _ => {
            let value = match i64::try_from(v) {
                Ok(small) => crate::int::IntRef::Small(small),
                Err(_) => crate::int::IntRef::Big(v),
            };
            let text = crate::int::to_decimal_checked(value)?;
            text.trim_start_matches('-').to_string()
        }
    };
    let mut out = String::with_capacity(digits.len() + 4);
    out.push_str(sign_prefix(v.is_negative(), flags));
    if flags.alt {
        match conv {
            b'o' => out.push_str("0o"),
            b'x' => out.push_str("0x"),
            b'X' => out.push_str("0X"),
            _ => {}
        }
    }
    if let Some(p) = precision {
        for _ in digits.len()..p {
            out.push('0');
        }
    }
    out.push_str(&digits);
    Ok(out)
}

fn format_float(x: f64, conv: u8, flags: Flags, precision: usize) -> String {
    let upper = conv.is_ascii_uppercase();
    let mut out = String::from(sign_prefix(x.is_sign_negative() && !x.is_nan(), flags));
    let kind = conv.to_ascii_lowercase();
    out.push_str(&float_body(x.abs(), kind, precision, flags.alt, upper));
    out
}

/// The digits of a non-negative float in printf style: `kind` is `e`, `f` or `g`; `alt` is
/// the `#` flag (keep the point and, for `g`, trailing zeros).
pub(crate) fn float_body(x: f64, kind: u8, precision: usize, alt: bool, upper: bool) -> String {
    if !x.is_finite() {
        let s = if x.is_nan() { "nan" } else { "inf" };
        return if upper {
            s.to_ascii_uppercase()
        } else {
            s.to_string()
        };
    }
    let mut s = match kind {
        b'f' => {
            let mut s = format!("{x:.precision$}");
            if alt && precision == 0 {
                s.push('.');
            }
            s
        }
        b'e' => exp_format(x, precision, alt),
        _ => {
            let p = precision.max(1);
            let exp = if x == 0.0 {
                0
            } else {
                let e = format!("{:.*e}", p - 1, x);
                e[e.find('e').map_or(0, |i| i + 1)..]
                    .parse::<i32>()
                    .unwrap_or(0)
            };
            let mut s = if exp >= -4 && exp < p as i32 {
                let decimals = (p as i32 - 1 - exp).max(0) as usize;
                let mut s = format!("{x:.decimals$}");
                if alt && !s.contains('.') {
                    s.push('.');
                }
                s
            } else {
                exp_format(x, p - 1, alt)
            };
            if !alt {
                s = strip_zeros(&s);
            }
            s
        }
    };
    if upper {
        s = s.to_ascii_uppercase();
    }
    s
}

/// `x` in exponent notation with `precision` decimals, CPython's `e+XX` exponent.
fn exp_format(x: f64, precision: usize, alt: bool) -> String {
    let e = format!("{x:.precision$e}");
    let (mantissa, exp) = e.split_once('e').unwrap_or((&e, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let mut out = String::from(mantissa);
    if alt && precision == 0 {
        out.push('.');
    }
    out.push_str(&format!(
        "e{}{:02}",
        if exp < 0 { '-' } else { '+' },
        exp.unsigned_abs()
    ));
    out
}

/// Removes trailing zeros of the fraction (and a bare point), keeping any exponent.
fn strip_zeros(s: &str) -> String {
    let (num, exp) = match s.find('e') {
        Some(i) => (&s[..i], &s[i..]),
        None => (s, ""),
    };
    if !num.contains('.') {
        return s.to_string();
    }
    let num = num.trim_end_matches('0').trim_end_matches('.');
    format!("{num}{exp}")
}
