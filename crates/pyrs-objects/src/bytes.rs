//! The `bytes` type (CPython's Objects/bytesobject.c): [`BytesData`], an immutable byte
//! string with a cached hash; its construction (`bytes(3)`, `bytes(iterable)`,
//! `bytes(str, encoding)`, `__bytes__`), repr, comparison, indexing and iteration; and the
//! bytes-like protocol the other byte types share ([`as_bytes_like`]). The methods shared with
//! `bytearray` are in `bytes_methods.rs`.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::sync::OnceLock;

use crate::args::Args;
use crate::bytearray::ByteArrayData;
use crate::error::{PyErr, PyResult};
use crate::memoryview::MemoryViewData;
use crate::object::Payload;
use crate::protocol;
use crate::str::StrData;
use crate::typeobject::{BinOp, CompareOp, TypeBuilder};
use crate::value::Value;
use crate::SyncCell;

/// The payload of a `bytes`.
pub struct BytesData {
    hash: Cell<i64>,
    bytes: Box<[u8]>,
}

impl Payload for BytesData {}

impl BytesData {
    /// The data holding `bytes`.
    pub fn new(bytes: Vec<u8>) -> BytesData {
        BytesData {
            hash: Cell::new(-1),
            bytes: bytes.into_boxed_slice(),
        }
    }

    /// The bytes.
    #[inline]
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// `hash()`: computed once, then cached.
    pub fn hash(&self) -> i64 {
        let h = self.hash.get();
        if h != -1 {
            return h;
        }
        let h = crate::pyhash::hash_bytes(&self.bytes);
        self.hash.set(h);
        h
    }
}

struct BytesTypes {
    bytes: Value,
    iter: Value,
}

static TYPES: OnceLock<SyncCell<BytesTypes>> = OnceLock::new();

fn types() -> &'static BytesTypes {
    &TYPES
        .get_or_init(|| {
            let bytes = TypeBuilder::new::<BytesData>("bytes")
                .subclassable()
                .slots(|s| {
                    s.repr.set(Some(bytes_repr));
                    s.str.set(Some(bytes_repr));
                    s.hash.set(Some(|v| Ok(data(v).hash())));
                    s.richcompare.set(Some(bytes_richcompare));
                    s.len.set(Some(|v| Ok(data(v).bytes.len())));
                    s.concat.set(Some(bytes_concat));
                    s.repeat.set(Some(|v, n| {
                        if n == 1 && v.is_exact(bytes_type()) {
                            return Ok(v.clone());
                        }
                        Ok(new(repeat(data(v).as_bytes(), n)?))
                    }));
                    s.contains
                        .set(Some(|v, x| bytes_contains(data(v).as_bytes(), x)));
                    s.getitem.set(Some(bytes_getitem));
                    s.iter.set(Some(|v| Ok(new_iter(&types().iter, v.clone()))));
                    s.new.set(Some(bytes_new));
                    s.number[BinOp::Mod as usize].set(Some(bytes_mod));
                })
                .methods(crate::bytes_methods::BYTES_METHODS)
                .build();
            let iter = TypeBuilder::new::<BytesIter>("bytes_iterator")
                .slots(|s| {
                    s.iter.set(Some(|it| Ok(it.clone())));
                    s.next.set(Some(iter_next));
                })
                .build();
            SyncCell(BytesTypes { bytes, iter })
        })
        .0
}

/// The `bytes` type.
pub fn bytes_type() -> &'static Value {
    &types().bytes
}

/// A new `bytes`.
pub fn new(bytes: Vec<u8>) -> Value {
    crate::object::alloc(bytes_type(), BytesData::new(bytes))
}

fn data(v: &Value) -> &BytesData {
    v.downcast::<BytesData>().expect("bytes slot on bytes")
}

/// The contents of a bytes-like object (`bytes`, `bytearray`, `memoryview`), copied.
pub fn as_bytes_like(v: &Value) -> Option<Vec<u8>> {
    buffer(v).map(Cow::into_owned)
}

/// The contents of a bytes-like object, borrowed when it is immutable.
pub fn buffer(v: &Value) -> Option<Cow<'_, [u8]>> {
    if let Some(b) = v.downcast::<BytesData>() {
        return Some(Cow::Borrowed(b.as_bytes()));
    }
    if let Some(b) = v.downcast::<ByteArrayData>() {
        return Some(Cow::Owned(b.to_vec()));
    }
    if let Some(m) = v.downcast::<MemoryViewData>() {
        return m.contents().ok().map(Cow::Owned);
    }
    None
}

/// A bytes-like argument, or TypeError "a bytes-like object is required, not 'T'".
pub fn buffer_arg(v: &Value) -> PyResult<Cow<'_, [u8]>> {
    buffer(v).ok_or_else(|| {
        PyErr::type_error(format!(
            "a bytes-like object is required, not '{}'",
            v.type_data().name()
        ))
    })
}

/// `repr()` of bytes: `b'...'` with CPython's quoting.
pub fn repr_bytes(bytes: &[u8]) -> String {
    pyrs_ast::repr::bytes_repr(bytes)
}

fn bytes_repr(v: &Value) -> PyResult<Value> {
    Ok(crate::str::from_string(repr_bytes(data(v).as_bytes())))
}

/// Comparison of two byte strings (for `bytes` and `bytearray`).
pub(crate) fn compare_bytes(a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
    let (Some(x), Some(y)) = (comparable(a), comparable(b)) else {
        return Ok(crate::not_implemented());
    };
    let ord = x.as_ref().cmp(y.as_ref());
    Ok(crate::bool(crate::int::compare_result(ord, op)))
}

fn comparable(v: &Value) -> Option<Cow<'_, [u8]>> {
    if v.downcast::<MemoryViewData>().is_some() {
        return None;
    }
    buffer(v)
}

fn bytes_richcompare(a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
    if b.downcast::<BytesData>().is_none() && b.downcast::<ByteArrayData>().is_none() {
        return Ok(crate::not_implemented());
    }
    compare_bytes(a, b, op)
}

fn bytes_concat(a: &Value, b: &Value) -> PyResult<Value> {
    let Some(y) = buffer(b) else {
        return Err(PyErr::type_error(format!(
            "can't concat {} to {}",
            b.type_data().name(),
            a.type_data().name()
        )));
    };
    let x = data(a).as_bytes();
    if y.is_empty() && a.is_exact(bytes_type()) {
        return Ok(a.clone());
    }
    let mut out = Vec::with_capacity(x.len() + y.len());
    out.extend_from_slice(x);
    out.extend_from_slice(&y);
    Ok(new(out))
}

/// `seq * n` for byte strings (MemoryError when the result cannot be allocated).
pub(crate) fn repeat(bytes: &[u8], n: isize) -> PyResult<Vec<u8>> {
    if n <= 0 {
        return Ok(Vec::new());
    }
    let total = bytes
        .len()
        .checked_mul(n as usize)
        .filter(|&t| t < isize::MAX as usize / 2)
        .ok_or_else(|| PyErr::new(crate::ExcKind::MemoryError, ""))?;
    let mut out = crate::sequence::try_with_capacity(total)?;
    for _ in 0..n {
        out.extend_from_slice(bytes);
    }
    Ok(out)
}

/// `n` zero bytes, or MemoryError.
pub(crate) fn zeroed(n: usize) -> PyResult<Vec<u8>> {
    let mut out = crate::sequence::try_with_capacity(n)?;
    out.resize(n, 0);
    Ok(out)
}

/// A byte value argument: an int in range(256), "byte must be in range(0, 256)".
pub(crate) fn byte_value(v: &Value) -> PyResult<u8> {
    let i = crate::str_methods::index_arg(v)?;
    if !(0..256).contains(&i) {
        return Err(PyErr::value_error("byte must be in range(0, 256)"));
    }
    Ok(i as u8)
}

/// `x in b` for byte strings.
pub(crate) fn bytes_contains(hay: &[u8], x: &Value) -> PyResult<bool> {
    if protocol::has_index(x) {
        let b = byte_value(x)?;
        return Ok(hay.contains(&b));
    }
    let needle = buffer_arg(x)?;
    Ok(crate::str::find_bytes(hay, &needle, 0).is_some())
}

/// `b[key]` for byte strings: an int, or a new byte string of the slice made by `make`.
pub(crate) fn getitem_bytes(
    bytes: &[u8],
    key: &Value,
    make: fn(Vec<u8>) -> Value,
    name: &str,
) -> PyResult<Value> {
    if let Some(slice) = crate::sequence::as_slice(key)? {
        let r = slice.resolve(bytes.len())?;
        let out: Vec<u8> = if r.step == 1 {
            let s = r.start.max(0) as usize;
            bytes[s..s + r.len].to_vec()
        } else {
            r.indices().map(|i| bytes[i]).collect()
        };
        return Ok(make(out));
    }
    let i = crate::sequence::index_arg(key, if name == "bytes" { "byte" } else { name })?;
    match crate::sequence::normalize(i, bytes.len()) {
        Some(i) => Ok(Value::small(bytes[i] as i64)),
        None if name == "bytes" => Err(PyErr::index_error("index out of range")),
        None => Err(PyErr::index_error(format!("{name} index out of range"))),
    }
}

fn bytes_getitem(v: &Value, key: &Value) -> PyResult<Value> {
    if let Some(slice) = crate::sequence::as_slice(key)? {
        let d = data(v);
        let r = slice.resolve(d.bytes.len())?;
        if r.step == 1 && r.len == d.bytes.len() && v.is_exact(bytes_type()) {
            return Ok(v.clone());
        }
    }
    getitem_bytes(data(v).as_bytes(), key, new, "bytes")
}

fn bytes_mod(a: &Value, b: &Value) -> PyResult<Value> {
    let Some(d) = a.downcast::<BytesData>() else {
        return Ok(crate::not_implemented());
    };
    Ok(new(crate::percent_format::format_bytes(d.as_bytes(), b)?))
}

/// The bytes `bytes(source, encoding, errors)` and `bytearray(...)` make from their
/// arguments (`None` source: empty).
pub(crate) fn bytes_from_args(
    func: &str,
    source: Option<&Value>,
    encoding: Option<&Value>,
    errors: Option<&Value>,
) -> PyResult<Vec<u8>> {
    let Some(src) = source else {
        if encoding.is_some() || errors.is_some() {
            return Err(PyErr::type_error(if encoding.is_some() {
                "encoding without a string argument"
            } else {
                "errors without a string argument"
            }));
        }
        return Ok(Vec::new());
    };
    if let Some(s) = src.downcast::<StrData>() {
        if encoding.is_none() {
            return Err(PyErr::type_error("string argument without an encoding"));
        }
        let enc = crate::str_methods::opt_str_arg(encoding, func, "encoding")?;
        let err = crate::str_methods::opt_str_arg(errors, func, "errors")?;
        return crate::codecs::encode(src, s, enc.as_deref(), err.as_deref());
    }
    if encoding.is_some() {
        return Err(PyErr::type_error("encoding without a string argument"));
    }
    if errors.is_some() {
        return Err(PyErr::type_error("errors without a string argument"));
    }
    from_object(src, func)
}

/// `bytes(obj)` of a non-string: a buffer, `__bytes__`, a count, or an iterable of ints.
pub(crate) fn from_object(src: &Value, func: &str) -> PyResult<Vec<u8>> {
    if let Some(b) = as_bytes_like(src) {
        return Ok(b);
    }
    if protocol::has_index(src) {
        let n = crate::str_methods::index_arg(src)?;
        if n < 0 {
            return Err(PyErr::value_error("negative count"));
        }
        return zeroed(n as usize);
    }
    let is_iterable =
        src.type_data().slots.iter.get().is_some() || src.type_data().slots.getitem.get().is_some();
    if !is_iterable || src.downcast::<StrData>().is_some() {
        return Err(PyErr::type_error(format!(
            "cannot convert '{}' object to {func}",
            src.type_data().name()
        )));
    }
    let items = protocol::collect(src)?;
    let mut out = Vec::with_capacity(items.len());
    for item in &items {
        let i = crate::str_methods::index_arg(item)?;
        if !(0..256).contains(&i) {
            return Err(PyErr::value_error(if func == "bytes" {
                "bytes must be in range(0, 256)"
            } else {
                "byte must be in range(0, 256)"
            }));
        }
        out.push(i as u8);
    }
    Ok(out)
}

fn bytes_new(cls: &Value, args: Args<'_>) -> PyResult<Value> {
    let [source, encoding, errors] =
        args.bind("bytes", ["source", "encoding", "errors"], 0, 0, 3)?;
    let bytes = match (&source, &encoding, &errors) {
        (Some(src), None, None) if src.downcast::<BytesData>().is_none() => {
            if let Some(m) = protocol::lookup_special(src, "__bytes__")? {
                let r = protocol::call1(&m, &[])?;
                let Some(b) = r.downcast::<BytesData>() else {
                    return Err(PyErr::type_error(format!(
                        "__bytes__ returned non-bytes (type {})",
                        r.type_data().name()
                    )));
                };
                if cls.is(bytes_type()) {
                    return Ok(r.clone());
                }
                b.as_bytes().to_vec()
            } else {
                bytes_from_args("bytes", source.as_ref(), None, None)?
            }
        }
        _ => bytes_from_args("bytes", source.as_ref(), encoding.as_ref(), errors.as_ref())?,
    };
    if cls.is(bytes_type()) {
        return Ok(new(bytes));
    }
    Ok(crate::object::alloc(cls, BytesData::new(bytes)))
}

// ---------------------------------------------------------------------------------------
// Iteration (shared by `bytearray`).

/// The payload of `bytes_iterator` and `bytearray_iterator`.
pub struct BytesIter {
    seq: RefCell<Option<Value>>,
    index: Cell<usize>,
}

impl Payload for BytesIter {}

/// A new iterator of type `ty` over the bytes of `seq`.
pub(crate) fn new_iter(ty: &Value, seq: Value) -> Value {
    crate::object::alloc(
        ty,
        BytesIter {
            seq: RefCell::new(Some(seq)),
            index: Cell::new(0),
        },
    )
}

/// The `bytes_iterator` type's `next`, also `bytearray_iterator`'s.
pub(crate) fn iter_next(it: &Value) -> PyResult<Option<Value>> {
    let d = it
        .downcast::<BytesIter>()
        .ok_or_else(|| PyErr::system_error("bad bytes iterator"))?;
    let seq = d.seq.borrow().clone();
    let Some(seq) = seq else {
        return Ok(None);
    };
    let i = d.index.get();
    let byte = if let Some(b) = seq.downcast::<BytesData>() {
        b.as_bytes().get(i).copied()
    } else if let Some(b) = seq.downcast::<ByteArrayData>() {
        b.get(i)
    } else {
        None
    };
    match byte {
        Some(b) => {
            d.index.set(i + 1);
            Ok(Some(Value::small(b as i64)))
        }
        None => {
            let old = d.seq.borrow_mut().take();
            drop(old);
            Ok(None)
        }
    }
}
