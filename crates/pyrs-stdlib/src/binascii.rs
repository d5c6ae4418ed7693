//! The `binascii` module (CPython's Modules/binascii.c): conversions between binary data
//! and ASCII encodings — hex, base64, uuencode, quoted-printable — and the CRC-32 and
//! CRC-CCITT checksums. `base64`, `quopri`, `uu` and `zipfile` are built on it.

use std::sync::OnceLock;

use pyrs_objects::str::StrData;
use pyrs_objects::{bytes, int, protocol, Args, ExcKind, PyErr, PyResult, Value};

use crate::argconv::ModuleException;

use crate::argconv::{add_functions, bool_arg, buffer_arg, module_dict, type_name};

/// Makes the module.
pub(crate) fn init() -> PyResult<Value> {
    let module = pyrs_objects::module::new_module("binascii");
    let d = module_dict(&module);
    d.set_str("Error", ERROR.class().clone());
    d.set_str("Incomplete", INCOMPLETE.class().clone());
    add_functions(
        &module,
        &[
            ("a2b_uu", a2b_uu),
            ("b2a_uu", b2a_uu),
            ("a2b_base64", a2b_base64),
            ("b2a_base64", b2a_base64),
            ("a2b_qp", a2b_qp),
            ("b2a_qp", b2a_qp),
            ("a2b_hex", a2b_hex),
            ("b2a_hex", b2a_hex),
            ("hexlify", hexlify),
            ("unhexlify", unhexlify),
            ("crc32", crc32_function),
            ("crc_hqx", crc_hqx),
        ],
    );
    Ok(module)
}

/// `binascii.Error` and `binascii.Incomplete`.
static ERROR: ModuleException = ModuleException::new("binascii", "Error", ExcKind::ValueError);
static INCOMPLETE: ModuleException =
    ModuleException::new("binascii", "Incomplete", ExcKind::Exception);

/// `binascii.Error(message)`.
fn error(message: impl Into<String>) -> PyErr {
    ERROR.error(message)
}

/// Clinic's `ascii_buffer`: a bytes-like object, or a str of ASCII characters only.
fn ascii_buffer(v: &Value) -> PyResult<Vec<u8>> {
    if let Some(s) = v.downcast::<StrData>() {
        return match s.as_str() {
            Some(t) if t.is_ascii() => Ok(t.as_bytes().to_vec()),
            _ => Err(PyErr::value_error(
                "string argument should contain only ASCII characters",
            )),
        };
    }
    bytes::as_bytes_like(v).ok_or_else(|| {
        PyErr::type_error(format!(
            "argument should be bytes, buffer or ASCII string, not '{}'",
            type_name(v)
        ))
    })
}

/// Clinic's `unsigned_int(bitwise=True)`: any integer, masked to 32 bits.
fn unsigned_int_mask(v: &Value) -> PyResult<u32> {
    let i = protocol::index(v)?;
    let big = int::as_int(&i).map(|i| i.to_bigint()).unwrap_or_default();
    let masked = big & num_bigint::BigInt::from(0xffff_ffffu32);
    Ok(num_traits::ToPrimitive::to_u32(&masked).unwrap_or(0))
}

/// Clinic's `int`: an index that fits a C int.
fn c_int(v: &Value) -> PyResult<i32> {
    let i = protocol::index(v)?;
    int::as_i64(&i)
        .and_then(|i| i32::try_from(i).ok())
        .ok_or_else(|| {
            PyErr::new(
                ExcKind::OverflowError,
                "Python int too large to convert to C int",
            )
        })
}

// ---------------------------------------------------------------------------------------
// uuencode

fn a2b_uu(args: Args<'_>) -> PyResult<Value> {
    let pos = args.exact("binascii.a2b_uu", 1, 1)?;
    let data = ascii_buffer(&pos[0])?;
    // An empty line reads as the C string's terminating NUL.
    let first = data.first().copied().unwrap_or(0);
    let mut bin_len = (first.wrapping_sub(b' ') & 0o77) as usize;
    let mut rest = data.get(1..).unwrap_or(&[]).iter();
    let mut out = Vec::with_capacity(bin_len);
    let (mut leftchar, mut leftbits) = (0u32, 0u32);
    while bin_len > 0 {
        let ch = match rest.next() {
            None | Some(b'\n') | Some(b'\r') => 0,
            Some(&c) => {
                if !(b' '..=b' ' + 64).contains(&c) {
                    return Err(error("Illegal char"));
                }
                (c - b' ') & 0o77
            }
        };
        leftchar = (leftchar << 6) | ch as u32;
        leftbits += 6;
        if leftbits >= 8 {
            leftbits -= 8;
            out.push((leftchar >> leftbits) as u8);
            leftchar &= (1 << leftbits) - 1;
            bin_len -= 1;
        }
    }
    for &c in rest {
        if !matches!(c, b' ' | b'`' | b'\n' | b'\r') {
            return Err(error("Trailing garbage"));
        }
    }
    Ok(bytes::new(out))
}

fn b2a_uu(args: Args<'_>) -> PyResult<Value> {
    let [data, backtick] = args.bind("b2a_uu", ["data", "backtick"], 1, 1, 1)?;
    let data = buffer_arg(&data.unwrap_or_else(pyrs_objects::none))?;
    let backtick = bool_arg(backtick.as_ref(), false)?;
    if data.len() > 45 {
        return Err(error("At most 45 bytes at once"));
    }
    let put = |ch: u8| {
        if backtick && ch == 0 {
            b'`'
        } else {
            b' ' + ch
        }
    };
    let mut out = Vec::with_capacity(2 + data.len().div_ceil(3) * 4);
    out.push(put(data.len() as u8 & 0o77));
    for chunk in data.chunks(3) {
        let mut group = [0u8; 3];
        group[..chunk.len()].copy_from_slice(chunk);
        let v = (group[0] as u32) << 16 | (group[1] as u32) << 8 | group[2] as u32;
        for shift in [18, 12, 6, 0] {
            out.push(put(((v >> shift) & 0x3f) as u8));
        }
    }
    out.push(b'\n');
    Ok(bytes::new(out))
}

// ---------------------------------------------------------------------------------------
// base64

const B64_ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// The 6-bit value of a base64 digit.
fn b64_value(c: u8) -> Option<u8> {
    match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

fn a2b_base64(args: Args<'_>) -> PyResult<Value> {
    let [data, strict] = args.bind("a2b_base64", ["data", "strict_mode"], 1, 1, 1)?;
    let data = ascii_buffer(&data.unwrap_or_else(pyrs_objects::none))?;
    let strict = bool_arg(strict.as_ref(), false)?;
    decode_base64(&data, strict).map(bytes::new)
}

/// CPython 3.13's decoder: non-alphabet characters are skipped (an error in strict mode); a
/// pad that completes a quad ends the data.
fn decode_base64(data: &[u8], strict: bool) -> PyResult<Vec<u8>> {
    if strict && data.first() == Some(&b'=') {
        return Err(error("Leading padding not allowed"));
    }
    let mut out = Vec::with_capacity(data.len().div_ceil(4) * 3);
    let (mut quad_pos, mut leftchar, mut pads) = (0u32, 0u8, 0u32);
    let mut padding_started = false;
    for (i, &c) in data.iter().enumerate() {
        if c == b'=' {
            padding_started = true;
            if quad_pos >= 2 {
                pads += 1;
                if quad_pos + pads >= 4 {
                    if strict && i + 1 < data.len() {
                        return Err(error("Excess data after padding"));
                    }
                    return Ok(out);
                }
            }
            continue;
        }
        let Some(v) = b64_value(c) else {
            if strict {
                return Err(error("Only base64 data is allowed"));
            }
            continue;
        };
        if strict && padding_started {
            return Err(error("Discontinuous padding not allowed"));
        }
        pads = 0;
        match quad_pos {
            0 => {
                quad_pos = 1;
                leftchar = v;
            }
            1 => {
                quad_pos = 2;
                out.push(leftchar << 2 | v >> 4);
                leftchar = v & 0x0f;
            }
            2 => {
                quad_pos = 3;
                out.push(leftchar << 4 | v >> 2);
                leftchar = v & 0x03;
            }
            _ => {
                quad_pos = 0;
                out.push(leftchar << 6 | v);
                leftchar = 0;
            }
        }
    }
    match quad_pos {
        0 => Ok(out),
        1 => Err(error(format!(
            "Invalid base64-encoded string: number of data characters ({}) cannot be 1 more \
             than a multiple of 4",
            out.len() / 3 * 4 + 1
        ))),
        _ => Err(error("Incorrect padding")),
    }
}

fn b2a_base64(args: Args<'_>) -> PyResult<Value> {
    let [data, newline] = args.bind("b2a_base64", ["data", "newline"], 1, 1, 1)?;
    let data = buffer_arg(&data.unwrap_or_else(pyrs_objects::none))?;
    let newline = bool_arg(newline.as_ref(), true)?;
    let mut out = Vec::with_capacity(data.len().div_ceil(3) * 4 + 1);
    for chunk in data.chunks(3) {
        let mut group = [0u8; 3];
        group[..chunk.len()].copy_from_slice(chunk);
        let v = (group[0] as u32) << 16 | (group[1] as u32) << 8 | group[2] as u32;
        for (k, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if k <= chunk.len() {
                out.push(B64_ALPHABET[((v >> shift) & 0x3f) as usize]);
            } else {
                out.push(b'=');
            }
        }
    }
    if newline {
        out.push(b'\n');
    }
    Ok(bytes::new(out))
}

// ---------------------------------------------------------------------------------------
// quoted-printable

/// Longest encoded line, soft break included.
const MAXLINESIZE: usize = 76;

fn hex_digit_value(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|d| d as u8)
}

fn a2b_qp(args: Args<'_>) -> PyResult<Value> {
    let [data, header] = args.bind("a2b_qp", ["data", "header"], 1, 0, 2)?;
    let data = ascii_buffer(&data.unwrap_or_else(pyrs_objects::none))?;
    let header = bool_arg(header.as_ref(), false)?;
    let mut out = Vec::with_capacity(data.len());
    let mut i = 0;
    while i < data.len() {
        let c = data[i];
        if c == b'=' {
            i += 1;
            if i >= data.len() {
                break;
            }
            let next = data[i];
            if next == b'\n' || next == b'\r' {
                // A soft line break: drop the rest of the line.
                while i < data.len() && data[i] != b'\n' {
                    i += 1;
                }
                if i < data.len() {
                    i += 1;
                }
            } else if next == b'=' {
                out.push(b'=');
                i += 1;
            } else if let (Some(hi), Some(lo)) = (
                hex_digit_value(next),
                data.get(i + 1).and_then(|&c| hex_digit_value(c)),
            ) {
                out.push(hi << 4 | lo);
                i += 2;
            } else {
                out.push(b'=');
            }
        } else if header && c == b'_' {
            out.push(b' ');
            i += 1;
        } else {
            out.push(c);
            i += 1;
        }
    }
    Ok(bytes::new(out))
}

fn b2a_qp(args: Args<'_>) -> PyResult<Value> {
    let [data, quotetabs, istext, header] =
        args.bind("b2a_qp", ["data", "quotetabs", "istext", "header"], 1, 0, 4)?;
    let data = buffer_arg(&data.unwrap_or_else(pyrs_objects::none))?;
    let quotetabs = bool_arg(quotetabs.as_ref(), false)?;
    let istext = bool_arg(istext.as_ref(), true)?;
    let header = bool_arg(header.as_ref(), false)?;
    Ok(bytes::new(encode_qp(&data, quotetabs, istext, header)))
}

fn encode_qp(data: &[u8], quotetabs: bool, istext: bool, header: bool) -> Vec<u8> {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    // The line ends are CRLF when the first line ends so.
    let crlf =
        matches!(data.iter().position(|&c| c == b'\n'), Some(p) if p > 0 && data[p - 1] == b'\r');
    let soft_break = |out: &mut Vec<u8>| {
        out.push(b'=');
        if crlf {
            out.push(b'\r');
        }
        out.push(b'\n');
    };
    let mut out = Vec::with_capacity(data.len() * 3 / 2);
    let mut linelen = 0usize;
    let mut i = 0;
    while i < data.len() {
        let c = data[i];
        let last = i + 1 == data.len();
        let needs_quoting = c > 126
            || c == b'='
            || (header && c == b'_')
            || (c == b'.' && linelen == 0 && (last || matches!(data[i + 1], b'\n' | b'\r' | 0)))
            || (!istext && (c == b'\r' || c == b'\n'))
            || ((c == b'\t' || c == b' ') && last)
            || (c < 33 && c != b'\r' && c != b'\n' && (quotetabs || (c != b'\t' && c != b' ')));
        if needs_quoting {
            if linelen + 3 >= MAXLINESIZE {
                soft_break(&mut out);
                linelen = 0;
            }
            out.extend_from_slice(&[b'=', HEX[(c >> 4) as usize], HEX[(c & 15) as usize]]);
            i += 1;
            linelen += 3;
        } else if istext && (c == b'\n' || (c == b'\r' && data.get(i + 1) == Some(&b'\n'))) {
            linelen = 0;
            // Whitespace before a line end is quoted.
            if let Some(&prev @ (b' ' | b'\t')) = out.last() {
                out.pop();
                out.extend_from_slice(&[
                    b'=',
                    HEX[(prev >> 4) as usize],
                    HEX[(prev & 15) as usize],
                ]);
            }
            if crlf {
                out.push(b'\r');
            }
            out.push(b'\n');
            i += if c == b'\r' { 2 } else { 1 };
        } else {
            if !last && data[i + 1] != b'\n' && linelen + 1 >= MAXLINESIZE {
                soft_break(&mut out);
                linelen = 0;
            }
            linelen += 1;
            out.push(if header && c == b' ' { b'_' } else { c });
            i += 1;
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// hex

fn a2b_hex(args: Args<'_>) -> PyResult<Value> {
    let pos = args.exact("binascii.a2b_hex", 1, 1)?;
    decode_hex(&pos[0])
}

fn unhexlify(args: Args<'_>) -> PyResult<Value> {
    let pos = args.exact("binascii.unhexlify", 1, 1)?;
    decode_hex(&pos[0])
}

fn decode_hex(v: &Value) -> PyResult<Value> {
    let data = ascii_buffer(v)?;
    if data.len() % 2 != 0 {
        return Err(error("Odd-length string"));
    }
    let mut out = Vec::with_capacity(data.len() / 2);
    for pair in data.chunks_exact(2) {
        match (hex_digit_value(pair[0]), hex_digit_value(pair[1])) {
            (Some(hi), Some(lo)) => out.push(hi << 4 | lo),
            _ => return Err(error("Non-hexadecimal digit found")),
        }
    }
    Ok(bytes::new(out))
}

fn b2a_hex(args: Args<'_>) -> PyResult<Value> {
    hex_common("b2a_hex", args)
}

fn hexlify(args: Args<'_>) -> PyResult<Value> {
    hex_common("hexlify", args)
}

fn hex_common(name: &str, args: Args<'_>) -> PyResult<Value> {
    let [data, sep, bytes_per_sep] = args.bind(name, ["data", "sep", "bytes_per_sep"], 1, 0, 3)?;
    let data = buffer_arg(&data.unwrap_or_else(pyrs_objects::none))?;
    let sep = match sep {
        None => None,
        Some(sep) => Some(hex_separator(&sep)?),
    };
    let per = match bytes_per_sep {
        None => 1,
        Some(v) => c_int(&v)?,
    };
    Ok(bytes::new(to_hex(&data, sep, per)))
}

/// `sep` of `hexlify`/`bytes.hex`: one character, str or bytes (Python/pystrhex.c).
fn hex_separator(sep: &Value) -> PyResult<u8> {
    let len = protocol::len(sep)?;
    if len != 1 {
        return Err(PyErr::value_error("sep must be length 1."));
    }
    if let Some(s) = sep.downcast::<StrData>() {
        let c = s.to_string_lossy().chars().next().unwrap_or('\0');
        return u8::try_from(c as u32).map_err(|_| PyErr::value_error("sep must be ASCII."));
    }
    if let Some(b) = sep.downcast::<pyrs_objects::bytes::BytesData>() {
        return Ok(b.as_bytes()[0]);
    }
    Err(PyErr::type_error("sep must be str or bytes."))
}

/// Lower-case hex digits, with `sep` between groups of `per` bytes counted from the right
/// (from the left when `per` is negative).
pub(crate) fn to_hex(data: &[u8], sep: Option<u8>, per: i32) -> Vec<u8> {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let group = per.unsigned_abs() as usize;
    let mut out = Vec::with_capacity(data.len() * 3);
    for (i, &b) in data.iter().enumerate() {
        if let Some(sep) = sep {
            if group != 0 && i != 0 {
                let boundary = if per < 0 {
                    i.is_multiple_of(group)
                } else {
                    (data.len() - i).is_multiple_of(group)
                };
                if boundary {
                    out.push(sep);
                }
            }
        }
        out.push(HEX[(b >> 4) as usize]);
        out.push(HEX[(b & 15) as usize]);
    }
    out
}

// ---------------------------------------------------------------------------------------
// checksums

/// The CRC-32 of ISO 3309 / zlib, continued from `crc`.
pub(crate) fn crc32(data: &[u8], crc: u32) -> u32 {
    static TABLE: OnceLock<[u32; 256]> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t = [0u32; 256];
        for (n, entry) in t.iter_mut().enumerate() {
            let mut c = n as u32;
            for _ in 0..8 {
                c = if c & 1 != 0 {
                    0xedb8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
            *entry = c;
        }
        t
    });
    let mut c = !crc;
    for &b in data {
        c = table[((c ^ b as u32) & 0xff) as usize] ^ (c >> 8);
    }
    !c
}

fn crc32_function(args: Args<'_>) -> PyResult<Value> {
    let pos = args.exact("crc32", 1, 2)?;
    let data = buffer_arg(&pos[0])?;
    let crc = match pos.get(1) {
        Some(v) => unsigned_int_mask(v)?,
        None => 0,
    };
    Ok(int::from_i64(crc32(&data, crc) as i64))
}

fn crc_hqx(args: Args<'_>) -> PyResult<Value> {
    let pos = args.exact("crc_hqx", 2, 2)?;
    let data = buffer_arg(&pos[0])?;
    let mut crc = (unsigned_int_mask(&pos[1])? & 0xffff) as u16;
    // CRC-CCITT (polynomial 0x1021), most significant bit first.
    for &b in data.iter() {
        crc ^= (b as u16) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 {
                (crc << 1) ^ 0x1021
            } else {
                crc << 1
            };
        }
    }
    Ok(int::from_i64(crc as i64))
}
