//! The `bytearray` type (CPython's Objects/bytearrayobject.c): [`ByteArrayData`], a mutable
//! byte string, with its mutation methods, item and slice assignment, `+=` and `*=`, and the
//! count of buffer exports (memoryviews) that forbids resizing while any is alive ("Existing
//! exports of data: object cannot be re-sized").
//!
//! The bytes are behind a `RefCell` never borrowed across a call that may run Python code.

use std::cell::{Cell, RefCell};
use std::sync::OnceLock;

use crate::args::Args;
use crate::error::{PyErr, PyResult};
use crate::exceptions::ExcKind;
use crate::native::{MethodDef, MethodKind};
use crate::object::Payload;
use crate::protocol;
use crate::typeobject::{BinOp, TypeBuilder};
use crate::value::Value;
use crate::SyncCell;

/// The payload of a `bytearray`.
#[derive(Default)]
pub struct ByteArrayData {
    bytes: RefCell<Vec<u8>>,
    exports: Cell<usize>,
}

impl Payload for ByteArrayData {}

impl ByteArrayData {
    /// The data holding `bytes`.
    pub fn new(bytes: Vec<u8>) -> ByteArrayData {
        ByteArrayData {
            bytes: RefCell::new(bytes),
            exports: Cell::new(0),
        }
    }

    /// A copy of the bytes.
    pub fn to_vec(&self) -> Vec<u8> {
        self.bytes.borrow().clone()
    }

    /// The number of bytes the buffer has room for (CPython's `ob_alloc` less the NUL).
    pub fn capacity(&self) -> usize {
        self.bytes.try_borrow().map_or(0, |b| b.capacity())
    }

    /// The number of bytes.
    pub fn len(&self) -> usize {
        self.bytes.borrow().len()
    }

    /// Whether it is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The byte at `i`.
    pub fn get(&self, i: usize) -> Option<u8> {
        self.bytes.borrow().get(i).copied()
    }

    /// Runs `f` on the bytes (which must not run Python code).
    pub fn with_bytes<R>(&self, f: impl FnOnce(&mut Vec<u8>) -> R) -> R {
        f(&mut self.bytes.borrow_mut())
    }

    /// Records a new buffer export (a memoryview).
    pub(crate) fn export(&self) {
        self.exports.set(self.exports.get() + 1);
    }

    /// Records that an export was released.
    pub(crate) fn unexport(&self) {
        self.exports.set(self.exports.get().saturating_sub(1));
    }

    /// BufferError when exported: resizing is forbidden.
    pub fn check_resize(&self) -> PyResult<()> {
        if self.exports.get() > 0 {
            return Err(PyErr::new(
                ExcKind::BufferError,
                "Existing exports of data: object cannot be re-sized",
            ));
        }
        Ok(())
    }

    /// Changes the bytes with `f`, checking exports first when the length changes.
    fn resize_with<R>(&self, new_len: usize, f: impl FnOnce(&mut Vec<u8>) -> R) -> PyResult<R> {
        if new_len != self.len() {
            self.check_resize()?;
        }
        Ok(self.with_bytes(f))
    }
}

struct Types {
    bytearray: Value,
    iter: Value,
}

static TYPES: OnceLock<SyncCell<Types>> = OnceLock::new();

fn types() -> &'static Types {
    &TYPES
        .get_or_init(|| {
            let bytearray = TypeBuilder::new::<ByteArrayData>("bytearray")
                .subclassable()
                .unhashable()
                .slots(|s| {
                    s.repr.set(Some(bytearray_repr));
                    s.str.set(Some(bytearray_repr));
                    s.richcompare.set(Some(crate::bytes::compare_bytes));
                    s.len.set(Some(|v| Ok(data(v).len())));
                    s.concat.set(Some(bytearray_concat));
                    s.repeat.set(Some(|v, n| {
                        Ok(new(crate::bytes::repeat(&data(v).to_vec(), n)?))
                    }));
                    s.contains.set(Some(|v, x| {
                        crate::bytes::bytes_contains(&data(v).to_vec(), x)
                    }));
                    s.getitem.set(Some(|v, k| {
                        crate::bytes::getitem_bytes(&data(v).to_vec(), k, new, "bytearray")
                    }));
                    s.setitem.set(Some(bytearray_setitem));
                    s.iter.set(Some(|v| {
                        Ok(crate::bytes::new_iter(&types().iter, v.clone()))
                    }));
                    s.new.set(Some(|cls, _| {
                        Ok(crate::object::alloc(cls, ByteArrayData::default()))
                    }));
                    s.init.set(Some(bytearray_init));
                    s.inplace[BinOp::Add as usize].set(Some(bytearray_iadd));
                    s.inplace[BinOp::Mul as usize].set(Some(bytearray_imul));
                    s.number[BinOp::Mod as usize].set(Some(bytearray_mod));
                })
                .methods(crate::bytes_methods::BYTEARRAY_METHODS)
                .methods(BYTEARRAY_OWN_METHODS)
                .build();
            let iter = TypeBuilder::new::<crate::bytes::BytesIter>("bytearray_iterator")
                .slots(|s| {
                    s.iter.set(Some(|it| Ok(it.clone())));
                    s.next.set(Some(crate::bytes::iter_next));
                })
                .build();
            SyncCell(Types { bytearray, iter })
        })
        .0
}

/// The `bytearray` type.
pub fn bytearray_type() -> &'static Value {
    &types().bytearray
}

/// A new `bytearray`.
pub fn new(bytes: Vec<u8>) -> Value {
    crate::object::alloc(bytearray_type(), ByteArrayData::new(bytes))
}

fn data(v: &Value) -> &ByteArrayData {
    v.downcast::<ByteArrayData>()
        .expect("bytearray slot on a bytearray")
}

fn bytearray_repr(v: &Value) -> PyResult<Value> {
    let name = v.type_data().name();
    // CPython's bytearray repr picks its quote as bytes' does, but always escapes `'`.
    let bytes = data(v).to_vec();
    let quote = if bytes.contains(&b'\'') && !bytes.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    let mut out = format!("{name}(b{quote}");
    for &c in &bytes {
        match c {
            b'\'' => out.push_str("\\'"),
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            0x20..=0x7E => out.push(c as char),
            _ => out.push_str(&format!("\\x{c:02x}")),
        }
    }
    out.push(quote);
    out.push(')');
    Ok(crate::str::from_string(out))
}

fn bytearray_concat(a: &Value, b: &Value) -> PyResult<Value> {
    let Some(y) = crate::bytes::buffer(b) else {
        return Err(PyErr::type_error(format!(
            "can't concat {} to {}",
            b.type_data().name(),
            a.type_data().name()
        )));
    };
    let mut out = data(a).to_vec();
    out.extend_from_slice(&y);
    Ok(new(out))
}

fn bytearray_iadd(a: &Value, b: &Value) -> PyResult<Value> {
    let Some(y) = crate::bytes::buffer(b) else {
        return Err(PyErr::type_error(format!(
            "can't concat {} to {}",
            b.type_data().name(),
            a.type_data().name()
        )));
    };
    let y = y.into_owned();
    let d = data(a);
    if !y.is_empty() {
        d.check_resize()?;
    }
    d.with_bytes(|v| v.extend_from_slice(&y));
    Ok(a.clone())
}

fn bytearray_imul(a: &Value, n: &Value) -> PyResult<Value> {
    if !protocol::has_index(n) {
        return Ok(crate::not_implemented());
    }
    let n = protocol::index_isize(n, true)?;
    let d = data(a);
    let repeated = crate::bytes::repeat(&d.to_vec(), n)?;
    d.resize_with(repeated.len(), |v| *v = repeated)?;
    Ok(a.clone())
}

fn bytearray_mod(a: &Value, b: &Value) -> PyResult<Value> {
    let Some(d) = a.downcast::<ByteArrayData>() else {
        return Ok(crate::not_implemented());
    };
    Ok(new(crate::percent_format::format_bytes(&d.to_vec(), b)?))
}

fn bytearray_init(v: &Value, args: Args<'_>) -> PyResult<()> {
    let [source, encoding, errors] =
        args.bind("bytearray", ["source", "encoding", "errors"], 0, 0, 3)?;
    let bytes = crate::bytes::bytes_from_args(
        "bytearray",
        source.as_ref(),
        encoding.as_ref(),
        errors.as_ref(),
    )?;
    let d = data(v);
    d.resize_with(bytes.len(), |b| *b = bytes)?;
    Ok(())
}

fn bytearray_setitem(v: &Value, key: &Value, value: Option<&Value>) -> PyResult<()> {
    let d = data(v);
    if let Some(slice) = crate::sequence::as_slice(key)? {
        let new_items: Vec<u8> = match value {
            None => Vec::new(),
            Some(x) if x.is(v) => d.to_vec(),
            Some(x) => {
                if x.downcast::<crate::str::StrData>().is_some() {
                    return Err(PyErr::type_error(
                        "can assign only bytes, buffers, or iterables of ints in range(0, 256)",
                    ));
                }
                if protocol::has_index(x) {
                    return Err(PyErr::type_error(
                        "can assign only bytes, buffers, or iterables of ints in range(0, 256)",
                    ));
                }
                crate::bytes::from_object(x, "bytearray")?
            }
        };
        let len = d.len();
        let r = slice.resolve(len)?;
        if r.step == 1 {
            let start = r.start.max(0) as usize;
            let end = start + r.len;
            let new_len = len - r.len + new_items.len();
            d.resize_with(new_len, |b| {
                b.splice(start..end, new_items);
            })?;
            return Ok(());
        }
        if value.is_none() {
            if r.len > 0 {
                d.check_resize()?;
            }
            let mut idx: Vec<usize> = r.indices().collect();
            idx.sort_unstable();
            d.with_bytes(|b| {
                for &i in idx.iter().rev() {
                    b.remove(i);
                }
            });
            return Ok(());
        }
        if new_items.len() != r.len {
            return Err(PyErr::value_error(format!(
                "attempt to assign bytes of size {} to extended slice of size {}",
                new_items.len(),
                r.len
            )));
        }
        d.with_bytes(|b| {
            for (i, x) in r.indices().zip(new_items) {
                b[i] = x;
            }
        });
        return Ok(());
    }
    let i = crate::sequence::index_arg(key, "bytearray")?;
    let Some(i) = crate::sequence::normalize(i, d.len()) else {
        return Err(PyErr::index_error("bytearray index out of range"));
    };
    match value {
        Some(x) => {
            let b = crate::bytes::byte_value(x)?;
            d.with_bytes(|v| v[i] = b);
        }
        None => {
            d.check_resize()?;
            d.with_bytes(|v| v.remove(i));
        }
    }
    Ok(())
}

fn this<'a>(args: &Args<'a>, name: &str) -> PyResult<&'a ByteArrayData> {
    protocol::self_payload::<ByteArrayData>(&args.pos()[0], name, "bytearray")
}

fn append(args: Args<'_>) -> PyResult<Value> {
    let a = crate::str_methods::method_args(&args, "append", 1, 1)?;
    let d = this(&args, "append")?;
    let b = crate::bytes::byte_value(&a[1])?;
    d.check_resize()?;
    d.with_bytes(|v| v.push(b));
    Ok(crate::none())
}

fn extend(args: Args<'_>) -> PyResult<Value> {
    let a = crate::str_methods::method_args(&args, "extend", 1, 1)?;
    let d = this(&args, "extend")?;
    if a[1].downcast::<crate::str::StrData>().is_some() {
        return Err(PyErr::type_error(
            "expected iterable of integers; got: 'str'",
        ));
    }
    let items = match crate::bytes::as_bytes_like(&a[1]) {
        Some(b) => b,
        None => {
            if a[1].type_data().slots.iter.get().is_none()
                && a[1].type_data().slots.getitem.get().is_none()
            {
                return Err(PyErr::type_error(format!(
                    "can't extend bytearray with {}",
                    a[1].type_data().name()
                )));
            }
            crate::bytes::from_object(&a[1], "bytearray")?
        }
    };
    if !items.is_empty() {
        d.check_resize()?;
    }
    d.with_bytes(|v| v.extend_from_slice(&items));
    Ok(crate::none())
}

fn insert(args: Args<'_>) -> PyResult<Value> {
    let a = crate::str_methods::method_args(&args, "insert", 2, 2)?;
    let d = this(&args, "insert")?;
    let i = protocol::index_isize(&a[1], true)?;
    let b = crate::bytes::byte_value(&a[2])?;
    d.check_resize()?;
    let len = d.len() as isize;
    let i = if i < 0 { (i + len).max(0) } else { i.min(len) };
    d.with_bytes(|v| v.insert(i as usize, b));
    Ok(crate::none())
}

fn pop(args: Args<'_>) -> PyResult<Value> {
    let a = crate::str_methods::method_args(&args, "pop", 0, 1)?;
    let d = this(&args, "pop")?;
    let i = match a.get(1) {
        Some(i) => protocol::index_isize(i, false)?,
        None => -1,
    };
    let len = d.len();
    if len == 0 {
        return Err(PyErr::index_error("pop from empty bytearray"));
    }
    let Some(i) = crate::sequence::normalize(i, len) else {
        return Err(PyErr::index_error("pop index out of range"));
    };
    d.check_resize()?;
    Ok(Value::small(d.with_bytes(|v| v.remove(i)) as i64))
}

fn remove(args: Args<'_>) -> PyResult<Value> {
    let a = crate::str_methods::method_args(&args, "remove", 1, 1)?;
    let d = this(&args, "remove")?;
    let b = crate::bytes::byte_value(&a[1])?;
    let Some(i) = d.to_vec().iter().position(|&x| x == b) else {
        return Err(PyErr::value_error("value not found in bytearray"));
    };
    d.check_resize()?;
    d.with_bytes(|v| v.remove(i));
    Ok(crate::none())
}

fn reverse(args: Args<'_>) -> PyResult<Value> {
    crate::str_methods::method_args(&args, "reverse", 0, 0)?;
    this(&args, "reverse")?.with_bytes(|v| v.reverse());
    Ok(crate::none())
}

fn clear(args: Args<'_>) -> PyResult<Value> {
    crate::str_methods::method_args(&args, "clear", 0, 0)?;
    let d = this(&args, "clear")?;
    d.resize_with(0, |v| v.clear())?;
    Ok(crate::none())
}

fn copy(args: Args<'_>) -> PyResult<Value> {
    crate::str_methods::method_args(&args, "copy", 0, 0)?;
    Ok(new(this(&args, "copy")?.to_vec()))
}

fn alloc(args: Args<'_>) -> PyResult<Value> {
    crate::str_methods::method_args(&args, "__alloc__", 0, 0)?;
    let d = this(&args, "__alloc__")?;
    Ok(crate::int::from_usize(
        d.with_bytes(|v| v.capacity()).max(d.len() + 1),
    ))
}

const BYTEARRAY_OWN_METHODS: &[MethodDef] = &[
    MethodDef::new("append", MethodKind::Method(append)),
    MethodDef::new("extend", MethodKind::Method(extend)),
    MethodDef::new("insert", MethodKind::Method(insert)),
    MethodDef::new("pop", MethodKind::Method(pop)),
    MethodDef::new("remove", MethodKind::Method(remove)),
    MethodDef::new("reverse", MethodKind::Method(reverse)),
    MethodDef::new("clear", MethodKind::Method(clear)),
    MethodDef::new("copy", MethodKind::Method(copy)),
    MethodDef::new("__alloc__", MethodKind::Method(alloc)),
];
