//! `_struct` (CPython's Modules/_struct.c): conversion between Python values and C structs
//! laid out in bytes, behind the pure-Python `struct` module.
//!
//! **Input**: a format string (`"<2sh"`: an optional byte-order character, then items, each an
//! optional repeat count and a format character) and values or a buffer. **Output**: bytes,
//! or a tuple of values. A format is compiled once into a [`Layout`] (the offset and size of
//! every item, the total size and the number of values it takes) and kept in a small cache,
//! as CPython keeps its compiled `Struct` objects.
//!
//! Byte orders: `@` (the default) is native order, native sizes and native alignment; `=` is
//! native order with standard sizes and no alignment; `<`, `>` and `!` are little-endian,
//! big-endian and network (big-endian) order with standard sizes. Native sizes are those of
//! the C types on this platform (64-bit Linux: `long` and `size_t` are 8 bytes).

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::OnceLock;

use num_bigint::BigInt;
use pyrs_objects::bytearray::ByteArrayData;
use pyrs_objects::bytes::BytesData;
use pyrs_objects::memoryview::MemoryViewData;
use pyrs_objects::native::{MethodDef, MethodKind};
use pyrs_objects::object::Payload;
use pyrs_objects::str::StrData;
use pyrs_objects::typeobject::TypeBuilder;
use pyrs_objects::{protocol, tuple, Args, ExcKind, PyErr, PyResult, SyncCell, Value};

/// How a format lays items out.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mode {
    /// `@`: native order, sizes and alignment.
    Native,
    /// `<`, `=` (on this little-endian machine): standard sizes, no alignment.
    Little,
    /// `>`, `!`: standard sizes, no alignment.
    Big,
}

/// One item of a compiled format: `repeat` values of format character `code`, each `size`
/// bytes, from byte `offset` (for `s` and `p`, one value of `size` bytes).
#[derive(Clone, Copy, Debug)]
struct Item {
    code: u8,
    offset: usize,
    size: usize,
    repeat: usize,
}

/// A compiled format.
#[derive(Debug)]
struct Layout {
    mode: Mode,
    items: Vec<Item>,
    /// The number of bytes packed.
    size: usize,
    /// The number of values packed or unpacked.
    nargs: usize,
}

/// The size of one value of `code`, or None when `code` is not a format character of the
/// mode.
fn item_size(mode: Mode, code: u8) -> Option<usize> {
    Some(match code {
        b'x' | b'c' | b'b' | b'B' | b'?' | b's' | b'p' => 1,
        b'h' | b'H' | b'e' => 2,
        b'i' | b'I' | b'f' => 4,
        b'q' | b'Q' | b'd' => 8,
        b'l' | b'L' => {
            if mode == Mode::Native {
                std::mem::size_of::<std::ffi::c_long>()
            } else {
                4
            }
        }
        b'n' | b'N' | b'P' if mode == Mode::Native => std::mem::size_of::<usize>(),
        _ => return None,
    })
}

fn struct_error(message: impl Into<String>) -> PyErr {
    crate::argconv::module_error(&types().error, message)
}

fn too_long() -> PyErr {
    struct_error("total struct size too long")
}

/// Compiles a format (CPython's `prepare_s`).
fn compile(format: &[u8]) -> PyResult<Layout> {
    if format.contains(&0) {
        return Err(struct_error("embedded null character"));
    }
    let (mode, body) = match format.first() {
        Some(b'@') => (Mode::Native, &format[1..]),
        Some(b'<' | b'=') => (Mode::Little, &format[1..]),
        Some(b'>' | b'!') => (Mode::Big, &format[1..]),
        _ => (Mode::Native, format),
    };
    let mut items = Vec::new();
    let mut size: usize = 0;
    let mut nargs = 0;
    let mut i = 0;
    while i < body.len() {
        let mut c = body[i];
        i += 1;
        if c.is_ascii_whitespace() {
            continue;
        }
        let count = if c.is_ascii_digit() {
            let mut n: usize = usize::from(c - b'0');
            while i < body.len() && body[i].is_ascii_digit() {
                n = n
                    .checked_mul(10)
                    .and_then(|n| n.checked_add(usize::from(body[i] - b'0')))
                    .filter(|&n| n <= isize::MAX as usize)
                    .ok_or_else(too_long)?;
                i += 1;
            }
            if i >= body.len() {
                return Err(struct_error("repeat count given without format specifier"));
            }
            c = body[i];
            i += 1;
            n
        } else {
            1
        };
        let itemsize =
            item_size(mode, c).ok_or_else(|| struct_error("bad char in struct format"))?;
        if mode == Mode::Native && size > 0 && !matches!(c, b's' | b'p' | b'x' | b'c') {
            let align = itemsize;
            size = size.checked_next_multiple_of(align).ok_or_else(too_long)?;
        }
        let bytes = count.checked_mul(itemsize).ok_or_else(too_long)?;
        let offset = size;
        size = size
            .checked_add(bytes)
            .filter(|&s| s <= isize::MAX as usize)
            .ok_or_else(too_long)?;
        match c {
            b'x' => {}
            b's' | b'p' => {
                items.push(Item {
                    code: c,
                    offset,
                    size: count,
                    repeat: 1,
                });
                nargs += 1;
            }
            _ if count > 0 => {
                items.push(Item {
                    code: c,
                    offset,
                    size: itemsize,
                    repeat: count,
                });
                nargs += count;
            }
            _ => {}
        }
    }
    Ok(Layout {
        mode,
        items,
        size,
        nargs,
    })
}

// ---- Values to bytes ----

/// An integer argument (CPython's `get_pylong`): an int, or an object with `__index__`.
fn int_arg(v: &Value) -> PyResult<BigInt> {
    if let Some(i) = v.as_small() {
        return Ok(BigInt::from(i));
    }
    if let Some(i) = pyrs_objects::int::as_int(v) {
        return Ok(i.to_bigint());
    }
    if protocol::lookup_special(v, "__index__")?.is_none() {
        return Err(struct_error("required argument is not an integer"));
    }
    let i = protocol::index(v)?;
    Ok(pyrs_objects::int::as_int(&i)
        .map(|i| i.to_bigint())
        .unwrap_or_default())
}

/// A float argument (`PyFloat_AsDouble`: a float, `__float__` or `__index__`; never text),
/// or struct.error.
fn float_arg(v: &Value) -> PyResult<f64> {
    if let Some(f) = pyrs_objects::float::as_f64(v) {
        return Ok(f);
    }
    let error = || struct_error("required argument is not a float");
    if pyrs_objects::bytes::buffer(v).is_some() || v.downcast::<StrData>().is_some() {
        return Err(error());
    }
    pyrs_objects::float::float_from_object(v).map_err(|_| error())
}

/// The range of an integer format of `size` bytes.
fn int_range(code: u8, size: usize) -> (BigInt, BigInt) {
    let bits = size * 8;
    if code.is_ascii_uppercase() {
        (BigInt::from(0), (BigInt::from(1) << bits) - 1)
    } else {
        let half = BigInt::from(1) << (bits - 1);
        (-half.clone(), half - 1)
    }
}

/// Writes `n` as `size` bytes in `mode`'s order.
fn put_int(out: &mut [u8], n: &BigInt, mode: Mode) {
    let bytes = n.to_signed_bytes_le();
    let fill = if n.sign() == num_bigint::Sign::Minus {
        0xff
    } else {
        0
    };
    for (k, slot) in out.iter_mut().enumerate() {
        *slot = bytes.get(k).copied().unwrap_or(fill);
    }
    if mode == Mode::Big {
        out.reverse();
    }
}

/// `PyFloat_Pack2`: a double as an IEEE 754 half, rounding half to even.
fn pack_half(x: f64) -> PyResult<u16> {
    let overflow = || {
        PyErr::new(
            ExcKind::OverflowError,
            "float too large to pack with e format",
        )
    };
    let sign = u16::from(x.is_sign_negative());
    if x == 0.0 {
        return Ok(sign << 15);
    }
    if x.is_infinite() {
        return Ok((sign << 15) | (0x1f << 10));
    }
    if x.is_nan() {
        return Ok((sign << 15) | (0x1f << 10) | 512);
    }
    let (mut f, mut e) = frexp(x.abs());
    // 0.5 <= f < 1: make it 1 <= f < 2.
    f *= 2.0;
    e -= 1;
    if e >= 16 {
        return Err(overflow());
    } else if e < -25 {
        f = 0.0;
        e = 0;
    } else if e < -14 {
        f *= 2f64.powi(14 + e);
        e = 0;
    } else {
        e += 15;
        f -= 1.0;
    }
    f *= 1024.0;
    let mut bits = f as u16;
    let rest = f - f64::from(bits);
    if rest > 0.5 || (rest == 0.5 && bits % 2 == 1) {
        bits += 1;
        if bits == 1024 {
            bits = 0;
            e += 1;
            if e == 31 {
                return Err(overflow());
            }
        }
    }
    Ok(bits | ((e as u16) << 10) | (sign << 15))
}

/// `x` as `f * 2**e` with `0.5 <= f < 1` (C's `frexp`), for finite nonzero `x`.
fn frexp(x: f64) -> (f64, i32) {
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        // Subnormal: scale into the normal range first.
        let (f, e) = frexp(x * 2f64.powi(64));
        return (f, e - 64);
    }
    let f = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (f, exp - 1022)
}

/// `PyFloat_Unpack2`.
fn unpack_half(p: u16) -> f64 {
    let sign = p >> 15 != 0;
    let e = i32::from((p & 0x7c00) >> 10);
    let f = p & 0x3ff;
    let x = if e == 0x1f {
        if f == 0 {
            f64::INFINITY
        } else {
            f64::NAN
        }
    } else {
        let mut x = f64::from(f) / 1024.0;
        let e = if e == 0 {
            -14
        } else {
            x += 1.0;
            e - 15
        };
        x * 2f64.powi(e)
    };
    if sign {
        -x
    } else {
        x
    }
}

fn order_bytes<const N: usize>(le: [u8; N], mode: Mode) -> [u8; N] {
    let mut b = le;
    if mode == Mode::Big {
        b.reverse();
    }
    b
}

/// Packs one value of `item` at `out` (the item's bytes).
fn pack_value(item: &Item, mode: Mode, v: &Value, out: &mut [u8]) -> PyResult<()> {
    match item.code {
        b's' | b'p' => {
            let data: Vec<u8> = if let Some(b) = v.downcast::<BytesData>() {
                b.as_bytes().to_vec()
            } else if let Some(b) = v.downcast::<ByteArrayData>() {
                b.to_vec()
            } else {
                return Err(struct_error(format!(
                    "argument for '{}' must be a bytes object",
                    item.code as char
                )));
            };
            if item.code == b's' {
                let n = data.len().min(out.len());
                out[..n].copy_from_slice(&data[..n]);
            } else if !out.is_empty() {
                // All the data that fits is copied; the count byte says at most 255.
                let n = data.len().min(out.len() - 1);
                out[0] = n.min(255) as u8;
                out[1..1 + n].copy_from_slice(&data[..n]);
            }
        }
        b'c' => match v.downcast::<BytesData>() {
            Some(b) if b.as_bytes().len() == 1 => out[0] = b.as_bytes()[0],
            _ => {
                return Err(struct_error(
                    "char format requires a bytes object of length 1",
                ))
            }
        },
        b'?' => out[0] = u8::from(protocol::is_true(v)?),
        b'e' => out.copy_from_slice(&order_bytes(pack_half(float_arg(v)?)?.to_le_bytes(), mode)),
        b'f' => {
            let x = float_arg(v)?;
            let y = x as f32;
            if mode != Mode::Native && y.is_infinite() && !x.is_infinite() {
                return Err(PyErr::new(
                    ExcKind::OverflowError,
                    "float too large to pack with f format",
                ));
            }
            out.copy_from_slice(&order_bytes(y.to_le_bytes(), mode));
        }
        b'd' => out.copy_from_slice(&order_bytes(float_arg(v)?.to_le_bytes(), mode)),
        b'P' => {
            // A pointer: anything from the most negative to the largest unsigned value.
            let n = int_arg(v)?;
            let bits = out.len() * 8;
            if n >= BigInt::from(1) << bits || n < -(BigInt::from(1) << (bits - 1)) {
                return Err(struct_error("int too large to convert"));
            }
            put_int(out, &n, mode);
        }
        code => {
            let n = int_arg(v)?;
            let (lo, hi) = int_range(code, out.len());
            if n < lo || n > hi {
                return Err(struct_error(format!(
                    "'{}' format requires {lo} <= number <= {hi}",
                    code as char
                )));
            }
            put_int(out, &n, mode);
        }
    }
    Ok(())
}

/// Packs `values` into `out` (zeroed, `layout.size` bytes); `func` names the caller in the
/// count error.
fn pack_into_slice(layout: &Layout, values: &[Value], out: &mut [u8], func: &str) -> PyResult<()> {
    if values.len() != layout.nargs {
        return Err(struct_error(format!(
            "{func} expected {} items for packing (got {})",
            layout.nargs,
            values.len()
        )));
    }
    let mut next = values.iter();
    for item in &layout.items {
        for k in 0..item.repeat {
            let at = item.offset + k * item.size;
            let v = next.next().expect("counted");
            pack_value(item, layout.mode, v, &mut out[at..at + item.size])?;
        }
    }
    Ok(())
}

// ---- Bytes to values ----

fn get_uint(bytes: &[u8], mode: Mode) -> u64 {
    let mut n: u64 = 0;
    if mode == Mode::Big {
        for &b in bytes {
            n = (n << 8) | u64::from(b);
        }
    } else {
        for &b in bytes.iter().rev() {
            n = (n << 8) | u64::from(b);
        }
    }
    n
}

fn unpack_value(item: &Item, mode: Mode, bytes: &[u8]) -> Value {
    match item.code {
        b's' => pyrs_objects::bytes::new(bytes.to_vec()),
        b'p' => {
            // The count byte, then at most `size - 1` bytes of text; `0p` is empty.
            let text = match bytes.split_first() {
                Some((&n, rest)) => &rest[..usize::from(n).min(rest.len())],
                None => &[],
            };
            pyrs_objects::bytes::new(text.to_vec())
        }
        b'c' => pyrs_objects::bytes::new(bytes.to_vec()),
        b'?' => pyrs_objects::bool(bytes[0] != 0),
        b'e' => pyrs_objects::float::new(unpack_half(get_uint(bytes, mode) as u16)),
        b'f' => pyrs_objects::float::new(f64::from(f32::from_bits(get_uint(bytes, mode) as u32))),
        b'd' => pyrs_objects::float::new(f64::from_bits(get_uint(bytes, mode))),
        code => {
            let raw = get_uint(bytes, mode);
            let bits = bytes.len() * 8;
            if code.is_ascii_uppercase() {
                match i64::try_from(raw) {
                    Ok(n) => pyrs_objects::int::from_i64(n),
                    Err(_) => pyrs_objects::int::from_bigint(BigInt::from(raw)),
                }
            } else {
                // Sign-extend from `bits`.
                let shift = 64 - bits;
                pyrs_objects::int::from_i64(((raw << shift) as i64) >> shift)
            }
        }
    }
}

fn unpack_slice(layout: &Layout, bytes: &[u8]) -> Value {
    let mut out = Vec::with_capacity(layout.nargs);
    for item in &layout.items {
        for k in 0..item.repeat {
            let at = item.offset + k * item.size;
            out.push(unpack_value(item, layout.mode, &bytes[at..at + item.size]));
        }
    }
    tuple::new(out)
}

// ---- The cache of compiled formats ----

const CACHE_LIMIT: usize = 100;

/// Compiled formats by their text.
type Cache = HashMap<Vec<u8>, Rc<Layout>>;

static CACHE: SyncCell<RefCell<Option<Cache>>> = SyncCell(RefCell::new(None));

/// The text of a format argument: str or bytes, else CPython's TypeError.
fn format_bytes(v: &Value) -> PyResult<Vec<u8>> {
    if let Some(s) = v.downcast::<StrData>() {
        return Ok(s.to_string_lossy().into_bytes());
    }
    if let Some(b) = v.downcast::<BytesData>() {
        return Ok(b.as_bytes().to_vec());
    }
    Err(PyErr::type_error(format!(
        "Struct() argument 1 must be a str or bytes object, not {}",
        v.type_data().name()
    )))
}

fn cached_layout(format: &Value) -> PyResult<Rc<Layout>> {
    if let Some(s) = format.downcast::<StructData>() {
        return Ok(s.layout.clone());
    }
    let key = format_bytes(format)?;
    if let Some(l) = CACHE.0.borrow().as_ref().and_then(|c| c.get(&key)) {
        return Ok(l.clone());
    }
    let layout = Rc::new(compile(&key)?);
    let mut cache = CACHE.0.borrow_mut();
    let cache = cache.get_or_insert_with(HashMap::new);
    if cache.len() >= CACHE_LIMIT {
        cache.clear();
    }
    cache.insert(key, layout.clone());
    Ok(layout)
}

// ---- Buffers ----

/// The length of a writable buffer argument, or CPython's TypeError.
fn writable_len(v: &Value) -> PyResult<usize> {
    if let Some(b) = v.downcast::<ByteArrayData>() {
        return Ok(b.len());
    }
    if let Some(m) = v.downcast::<MemoryViewData>() {
        if m.is_writable() {
            return Ok(m.nbytes());
        }
    }
    Err(PyErr::type_error(format!(
        "argument must be read-write bytes-like object, not {}",
        v.type_data().name()
    )))
}

/// A negative offset counts from the end (CPython's checks and messages).
fn resolve_offset(offset: i64, len: usize) -> PyResult<usize> {
    if offset < 0 {
        if offset + (len as i64) < 0 {
            return Err(struct_error(format!(
                "offset {offset} out of range for {len}-byte buffer"
            )));
        }
        Ok((offset + len as i64) as usize)
    } else {
        Ok(offset as usize)
    }
}

fn offset_arg(v: Option<Value>) -> PyResult<i64> {
    match v {
        None => Ok(0),
        Some(v) => Ok(protocol::index_isize(&v, true)? as i64),
    }
}

// ---- The operations, shared by the module functions and Struct's methods ----

fn do_pack(layout: &Layout, values: &[Value]) -> PyResult<Value> {
    let mut out = vec![0u8; layout.size];
    pack_into_slice(layout, values, &mut out, "pack")?;
    Ok(pyrs_objects::bytes::new(out))
}

fn do_pack_into(layout: &Layout, rest: &[Value]) -> PyResult<Value> {
    let (Some(buffer), Some(offset)) = (rest.first(), rest.get(1)) else {
        return Err(if rest.is_empty() {
            PyErr::type_error("pack_into expected buffer argument")
        } else {
            PyErr::type_error("pack_into expected offset argument")
        });
    };
    let values = &rest[2..];
    if values.len() != layout.nargs {
        return Err(struct_error(format!(
            "pack_into expected {} items for packing (got {})",
            layout.nargs,
            values.len()
        )));
    }
    let len = writable_len(buffer)?;
    let offset = protocol::index_isize(offset, true)? as i64;
    let at = resolve_offset(offset, len)?;
    if len - at.min(len) < layout.size {
        if at > len {
            return Err(struct_error(format!(
                "offset {at} out of range for {len}-byte buffer"
            )));
        }
        return Err(struct_error(format!(
            "pack_into requires a buffer of at least {} bytes for packing {} bytes at offset {at} (actual buffer size is {len})",
            layout.size + at,
            layout.size
        )));
    }
    // The buffer stays exported while the values are converted, as CPython holds it: their
    // `__index__`/`__float__` may run code, which then cannot resize a bytearray under us.
    let view = pyrs_objects::memoryview::new(buffer)?;
    let mut out = vec![0u8; layout.size];
    pack_into_slice(layout, values, &mut out, "pack_into")?;
    let written = view
        .downcast::<MemoryViewData>()
        .is_some_and(|v| v.write_at(at, &out));
    if !written {
        return Err(PyErr::value_error(
            "operation forbidden on released memoryview object",
        ));
    }
    Ok(pyrs_objects::none())
}

fn do_unpack(layout: &Layout, buffer: &Value) -> PyResult<Value> {
    let bytes = crate::argconv::buffer_arg(buffer)?;
    if bytes.len() != layout.size {
        return Err(struct_error(format!(
            "unpack requires a buffer of {} bytes",
            layout.size
        )));
    }
    Ok(unpack_slice(layout, &bytes))
}

fn do_unpack_from(layout: &Layout, buffer: &Value, offset: i64) -> PyResult<Value> {
    let bytes = crate::argconv::buffer_arg(buffer)?;
    let len = bytes.len();
    let at = resolve_offset(offset, len)?;
    if len < at || len - at < layout.size {
        return Err(struct_error(format!(
            "unpack_from requires a buffer of at least {} bytes for unpacking {} bytes at offset {at} (actual buffer size is {len})",
            layout.size + at,
            layout.size
        )));
    }
    Ok(unpack_slice(layout, &bytes[at..at + layout.size]))
}

fn do_iter_unpack(layout: Rc<Layout>, buffer: &Value) -> PyResult<Value> {
    if layout.size == 0 {
        return Err(struct_error(
            "cannot iteratively unpack with a struct of length 0",
        ));
    }
    let bytes = crate::argconv::buffer_arg(buffer)?;
    if bytes.len() % layout.size != 0 {
        return Err(struct_error(format!(
            "iterative unpacking requires a buffer of a multiple of {} bytes",
            layout.size
        )));
    }
    Ok(pyrs_objects::object::alloc(
        &types().unpack_iterator,
        UnpackIter {
            layout,
            bytes,
            pos: std::cell::Cell::new(0),
        },
    ))
}

// ---- Types ----

/// The payload of a `Struct`.
struct StructData {
    format: Value,
    layout: Rc<Layout>,
}

impl Payload for StructData {}

/// The payload of an `unpack_iterator`.
struct UnpackIter {
    layout: Rc<Layout>,
    bytes: Vec<u8>,
    pos: std::cell::Cell<usize>,
}

impl Payload for UnpackIter {}

struct Types {
    structure: Value,
    unpack_iterator: Value,
    error: Value,
}

static TYPES: OnceLock<SyncCell<Types>> = OnceLock::new();

fn types() -> &'static Types {
    &TYPES
        .get_or_init(|| {
            let error =
                crate::argconv::new_exception_class("struct", "error", ExcKind::Exception.class());
            SyncCell(Types {
                structure: TypeBuilder::new::<StructData>("Struct")
                    .module("_struct")
                    .subclassable()
                    .slots(|s| {
                        s.new.set(Some(struct_new));
                        s.repr.set(Some(struct_repr));
                    })
                    .methods(STRUCT_METHODS)
                    .build(),
                unpack_iterator: TypeBuilder::new::<UnpackIter>("unpack_iterator")
                    .module("_struct")
                    .slots(|s| {
                        s.iter.set(Some(|it| Ok(it.clone())));
                        s.next.set(Some(unpack_iter_next));
                    })
                    .methods(UNPACK_ITER_METHODS)
                    .build(),
                error,
            })
        })
        .0
}

fn struct_new(cls: &Value, args: Args<'_>) -> PyResult<Value> {
    let [format] = args.bind("Struct", ["format"], 1, 0, 1)?;
    let format = format.expect("required");
    let text = format_bytes(&format)?;
    let layout = Rc::new(compile(&text)?);
    let format = pyrs_objects::str::new(&String::from_utf8_lossy(&text));
    Ok(pyrs_objects::object::alloc(
        cls,
        StructData { format, layout },
    ))
}

fn struct_data(v: &Value) -> PyResult<&StructData> {
    v.downcast::<StructData>()
        .ok_or_else(|| PyErr::type_error("descriptor requires a '_struct.Struct' object"))
}

fn struct_repr(v: &Value) -> PyResult<Value> {
    let s = struct_data(v)?;
    Ok(pyrs_objects::str::new(&format!(
        "{}({})",
        v.type_data().name(),
        protocol::repr_string(&s.format)?
    )))
}

fn struct_format(v: &Value) -> PyResult<Value> {
    Ok(struct_data(v)?.format.clone())
}

fn struct_size(v: &Value) -> PyResult<Value> {
    Ok(pyrs_objects::int::from_usize(struct_data(v)?.layout.size))
}

fn struct_pack(args: Args<'_>) -> PyResult<Value> {
    args.no_kwargs("pack")?;
    let a = args.pos();
    do_pack(&struct_data(&a[0])?.layout, &a[1..])
}

fn struct_pack_into(args: Args<'_>) -> PyResult<Value> {
    args.no_kwargs("pack_into")?;
    let a = args.pos();
    do_pack_into(&struct_data(&a[0])?.layout, &a[1..])
}

fn struct_unpack(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("unpack", 2, 2)?;
    do_unpack(&struct_data(&a[0])?.layout, &a[1])
}

fn struct_unpack_from(args: Args<'_>) -> PyResult<Value> {
    let this = args.pos()[0].clone();
    let rest = args.skip_first();
    let [buffer, offset] = rest.bind("unpack_from", ["buffer", "offset"], 1, 0, 2)?;
    let offset = offset_arg(offset)?;
    do_unpack_from(
        &struct_data(&this)?.layout,
        &buffer.expect("required"),
        offset,
    )
}

fn struct_iter_unpack(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("iter_unpack", 2, 2)?;
    do_iter_unpack(struct_data(&a[0])?.layout.clone(), &a[1])
}

/// `Struct.__sizeof__()`: CPython's figure, its 56-byte object and a 32-byte code for each
/// item plus the terminating one.
fn struct_sizeof(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("__sizeof__", 1, 1)?;
    let s = struct_data(&a[0])?;
    Ok(pyrs_objects::int::from_usize(
        56 + 32 * (s.layout.items.len() + 1),
    ))
}

const STRUCT_METHODS: &[MethodDef] = &[
    MethodDef::new("pack", MethodKind::Method(struct_pack)),
    MethodDef::new("pack_into", MethodKind::Method(struct_pack_into)),
    MethodDef::new("unpack", MethodKind::Method(struct_unpack)),
    MethodDef::new("unpack_from", MethodKind::Method(struct_unpack_from)),
    MethodDef::new("iter_unpack", MethodKind::Method(struct_iter_unpack)),
    MethodDef::new("__sizeof__", MethodKind::Method(struct_sizeof)),
    MethodDef::new("format", MethodKind::GetSet(struct_format, None)),
    MethodDef::new("size", MethodKind::GetSet(struct_size, None)),
];

fn unpack_iter_next(v: &Value) -> PyResult<Option<Value>> {
    let Some(it) = v.downcast::<UnpackIter>() else {
        return Ok(None);
    };
    let pos = it.pos.get();
    if pos + it.layout.size > it.bytes.len() {
        return Ok(None);
    }
    it.pos.set(pos + it.layout.size);
    Ok(Some(unpack_slice(
        &it.layout,
        &it.bytes[pos..pos + it.layout.size],
    )))
}

fn unpack_iter_length_hint(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("__length_hint__", 1, 1)?;
    let n = a[0].downcast::<UnpackIter>().map_or(0, |it| {
        (it.bytes.len() - it.pos.get().min(it.bytes.len())) / it.layout.size
    });
    Ok(pyrs_objects::int::from_usize(n))
}

const UNPACK_ITER_METHODS: &[MethodDef] = &[MethodDef::new(
    "__length_hint__",
    MethodKind::Method(unpack_iter_length_hint),
)];

// ---- Module functions ----

/// The format argument of a module function: "missing format argument" when absent.
fn split_format<'a>(args: &Args<'a>, func: &str) -> PyResult<(Rc<Layout>, &'a [Value])> {
    args.no_kwargs(func)?;
    let a = args.pos();
    let Some(format) = a.first() else {
        return Err(PyErr::type_error("missing format argument"));
    };
    Ok((cached_layout(format)?, &a[1..]))
}

fn pack(args: Args<'_>) -> PyResult<Value> {
    let (layout, values) = split_format(&args, "pack")?;
    do_pack(&layout, values)
}

fn pack_into(args: Args<'_>) -> PyResult<Value> {
    let (layout, rest) = split_format(&args, "pack_into")?;
    do_pack_into(&layout, rest)
}

fn unpack(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("unpack", 2, 2)?;
    let layout = cached_layout(&a[0])?;
    do_unpack(&layout, &a[1])
}

fn unpack_from(args: Args<'_>) -> PyResult<Value> {
    let [format, buffer, offset] =
        args.bind("unpack_from", ["format", "buffer", "offset"], 2, 1, 3)?;
    let layout = cached_layout(&format.expect("required"))?;
    let offset = offset_arg(offset)?;
    do_unpack_from(&layout, &buffer.expect("required"), offset)
}

fn iter_unpack(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("iter_unpack", 2, 2)?;
    do_iter_unpack(cached_layout(&a[0])?, &a[1])
}

fn calcsize(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("calcsize", 1, 1)?;
    Ok(pyrs_objects::int::from_usize(cached_layout(&a[0])?.size))
}

fn clearcache(args: Args<'_>) -> PyResult<Value> {
    args.exact("_clearcache", 0, 0)?;
    let old = CACHE.0.borrow_mut().take();
    drop(old);
    Ok(pyrs_objects::none())
}

const DOC: &str = "Functions to convert between Python values and C structs.
Python bytes objects are used to hold the data representing the C struct
and also as format strings (explained below) to describe the layout of data
in the C struct.

The optional first format char indicates byte order, size and alignment:
  @: native order, size & alignment (default)
  =: native order, std. size & alignment
  <: little-endian, std. size & alignment
  >: big-endian, std. size & alignment
  !: same as >

The remaining chars indicate types of args and must match exactly;
these can be preceded by a decimal repeat count:
  x: pad byte (no data); c:char; b:signed byte; B:unsigned byte;
  ?: _Bool (requires C99; if not available, char is used instead)
  h:short; H:unsigned short; i:int; I:unsigned int;
  l:long; L:unsigned long; f:float; d:double; e:half-float.
Special cases (preceding decimal count indicates length):
  s:string (array of char); p: pascal string (with count byte).
Special cases (only available in native format):
  n:ssize_t; N:size_t;
  P:an integer type that is wide enough to hold a pointer.
Special case (not in native mode unless 'long long' in platform C):
  q:long long; Q:unsigned long long
Whitespace between formats is ignored.

The variable struct.error is an exception raised on errors.
";

/// Makes the `_struct` module.
pub(crate) fn init() -> PyResult<Value> {
    let module = pyrs_objects::module::new_module("_struct");
    crate::argconv::add_functions(
        &module,
        &[
            ("pack", pack),
            ("pack_into", pack_into),
            ("unpack", unpack),
            ("unpack_from", unpack_from),
            ("iter_unpack", iter_unpack),
            ("calcsize", calcsize),
            ("_clearcache", clearcache),
        ],
    );
    let d = crate::argconv::module_dict(&module);
    d.set_str("Struct", types().structure.clone());
    d.set_str("error", types().error.clone());
    d.set_str("__doc__", pyrs_objects::str::new(DOC));
    Ok(module)
}
