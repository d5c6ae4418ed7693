//! The `memoryview` type (CPython's Objects/memoryobject.c), the basic buffer protocol: a
//! one-dimensional view over the bytes of a `bytes` or `bytearray` (or of another view),
//! possibly sliced with a step, whose items are bytes (`'B'`) or, after `cast`, one of the
//! native single-character formats of the `struct` module. A view of a `bytearray` is an
//! export of it: while the view is alive and not released, the bytearray cannot change size.

use std::cell::Cell;
use std::sync::OnceLock;

use crate::args::Args;
use crate::bytearray::ByteArrayData;
use crate::bytes::BytesData;
use crate::error::{PyErr, PyResult};
use crate::native::{MethodDef, MethodKind};
use crate::object::Payload;
use crate::protocol;
use crate::typeobject::{CompareOp, TypeBuilder};
use crate::value::Value;
use crate::SyncCell;

/// The payload of a `memoryview`: the exporting object and which of its bytes are seen.
pub struct MemoryViewData {
    obj: Value,
    /// The offset of the first item's first byte in the exporter's bytes.
    start: usize,
    /// The distance in bytes from one item to the next (the `strides`).
    step: isize,
    /// The number of items.
    len: usize,
    readonly: bool,
    released: Cell<bool>,
    /// The item format, a `struct` character: `B` unless the view was made by `cast`.
    format: u8,
}

impl Payload for MemoryViewData {}

impl Drop for MemoryViewData {
    fn drop(&mut self) {
        if !self.released.get() {
            if let Some(b) = self.obj.downcast::<ByteArrayData>() {
                b.unexport();
            }
        }
    }
}

impl MemoryViewData {
    fn check(&self) -> PyResult<()> {
        if self.released.get() {
            return Err(PyErr::value_error(
                "operation forbidden on released memoryview object",
            ));
        }
        Ok(())
    }

    /// The offset of item `k`'s first byte.
    fn index_of(&self, k: usize) -> usize {
        (self.start as isize + k as isize * self.step) as usize
    }

    /// The size of one item.
    fn itemsize(&self) -> usize {
        itemsize(self.format)
    }

    /// Whether the items are next to each other.
    fn is_contiguous(&self) -> bool {
        self.step == self.itemsize() as isize || self.len <= 1
    }

    /// The number of bytes seen (`nbytes`).
    pub fn nbytes(&self) -> usize {
        self.len * self.itemsize()
    }

    /// Whether the view can be written through: it is live, not read-only, and its items
    /// are next to each other (a C-contiguous writable buffer).
    pub fn is_writable(&self) -> bool {
        !self.released.get() && !self.readonly && self.is_contiguous()
    }

    /// Writes `bytes` at byte offset `at` of a writable view (the write side of the buffer
    /// protocol, for `struct.pack_into` and `readinto`); `false` when the view is not
    /// writable or the bytes do not fit.
    pub fn write_at(&self, at: usize, bytes: &[u8]) -> bool {
        if !self.is_writable() || at + bytes.len() > self.nbytes() {
            return false;
        }
        let Some(target) = self.obj.downcast::<ByteArrayData>() else {
            return false;
        };
        let start = self.start + at;
        target.with_bytes(|b| match b.get_mut(start..start + bytes.len()) {
            Some(slot) => {
                slot.copy_from_slice(bytes);
                true
            }
            None => false,
        })
    }

    /// The bytes seen, copied.
    pub fn contents(&self) -> PyResult<Vec<u8>> {
        self.check()?;
        let size = self.itemsize();
        let pick = |all: &[u8]| -> Vec<u8> {
            if self.step == size as isize {
                all.get(self.start..self.start + self.len * size)
                    .map(<[u8]>::to_vec)
                    .unwrap_or_default()
            } else {
                let mut out = Vec::with_capacity(self.len * size);
                for k in 0..self.len {
                    let at = self.index_of(k);
                    if let Some(item) = all.get(at..at + size) {
                        out.extend_from_slice(item);
                    }
                }
                out
            }
        };
        if let Some(b) = self.obj.downcast::<BytesData>() {
            return Ok(pick(b.as_bytes()));
        }
        if let Some(b) = self.obj.downcast::<ByteArrayData>() {
            return Ok(b.with_bytes(|v| pick(v)));
        }
        Ok(Vec::new())
    }
}

static TYPE: OnceLock<SyncCell<Value>> = OnceLock::new();

/// The `memoryview` type.
pub fn memoryview_type() -> &'static Value {
    &TYPE
        .get_or_init(|| {
            SyncCell(
                TypeBuilder::new::<MemoryViewData>("memoryview")
                    .flags(crate::typeobject::TypeFlags::MANAGED_WEAKREF)
                    .slots(|s| {
                        s.repr.set(Some(mv_repr));
                        s.len.set(Some(|v| {
                            let d = data(v);
                            d.check()?;
                            Ok(d.len)
                        }));
                        s.getitem.set(Some(mv_getitem));
                        s.setitem.set(Some(mv_setitem));
                        s.richcompare.set(Some(mv_richcompare));
                        s.hash.set(Some(mv_hash));
                        s.new.set(Some(mv_new));
                        s.iter.set(Some(|v| {
                            let items = tolist_items(data(v))?;
                            protocol::iter(&crate::list::new(items))
                        }));
                    })
                    .methods(MEMORYVIEW_METHODS)
                    .build(),
            )
        })
        .0
}

fn data(v: &Value) -> &MemoryViewData {
    v.downcast::<MemoryViewData>()
        .expect("memoryview slot on a memoryview")
}

/// `memoryview(obj)`.
pub fn new(obj: &Value) -> PyResult<Value> {
    if let Some(m) = obj.downcast::<MemoryViewData>() {
        m.check()?;
        if let Some(b) = m.obj.downcast::<ByteArrayData>() {
            b.export();
        }
        return Ok(crate::object::alloc(
            memoryview_type(),
            MemoryViewData {
                obj: m.obj.clone(),
                start: m.start,
                step: m.step,
                len: m.len,
                readonly: m.readonly,
                released: Cell::new(false),
                format: m.format,
            },
        ));
    }
    let (len, readonly) = if let Some(b) = obj.downcast::<BytesData>() {
        (b.as_bytes().len(), true)
    } else if let Some(b) = obj.downcast::<ByteArrayData>() {
        b.export();
        (b.len(), false)
    } else {
        return Err(PyErr::type_error(format!(
            "memoryview: a bytes-like object is required, not '{}'",
            obj.type_data().name()
        )));
    };
    Ok(crate::object::alloc(
        memoryview_type(),
        MemoryViewData {
            obj: obj.clone(),
            start: 0,
            step: 1,
            len,
            readonly,
            released: Cell::new(false),
            format: b'B',
        },
    ))
}

fn mv_new(_cls: &Value, args: Args<'_>) -> PyResult<Value> {
    let [object] = args.bind("memoryview", ["object"], 1, 0, 1)?;
    new(&object.unwrap_or_else(crate::none))
}

fn mv_repr(v: &Value) -> PyResult<Value> {
    let d = data(v);
    let what = if d.released.get() {
        "released memory"
    } else {
        "memory"
    };
    Ok(crate::str::from_string(format!(
        "<{what} at {:#x}>",
        v.word()
    )))
}

fn mv_getitem(v: &Value, key: &Value) -> PyResult<Value> {
    let d = data(v);
    d.check()?;
    if let Some(slice) = crate::sequence::as_slice(key)? {
        let r = slice.resolve(d.len)?;
        if let Some(b) = d.obj.downcast::<ByteArrayData>() {
            b.export();
        }
        return Ok(crate::object::alloc(
            memoryview_type(),
            MemoryViewData {
                obj: d.obj.clone(),
                start: if r.len == 0 {
                    d.start
                } else {
                    d.index_of(r.start as usize)
                },
                step: d.step * r.step,
                len: r.len,
                readonly: d.readonly,
                released: Cell::new(false),
                format: d.format,
            },
        ));
    }
    if crate::tuple::items_of(key).is_some() {
        return Err(PyErr::type_error(
            "multi-dimensional sub-views are not implemented",
        ));
    }
    let i = crate::sequence::index_arg(key, "memoryview")?;
    let Some(i) = crate::sequence::normalize(i, d.len) else {
        return Err(PyErr::index_error("index out of bounds on dimension 1"));
    };
    let at = d.index_of(i);
    let item = d.with_exporter_bytes(|all| all.get(at..at + d.itemsize()).map(<[u8]>::to_vec));
    match item {
        Some(item) => Ok(unpack(d.format, &item)),
        None => Err(PyErr::index_error("index out of bounds on dimension 1")),
    }
}

impl MemoryViewData {
    /// Runs `f` on all the exporter's bytes.
    fn with_exporter_bytes<R>(&self, f: impl FnOnce(&[u8]) -> Option<R>) -> Option<R> {
        if let Some(b) = self.obj.downcast::<BytesData>() {
            return f(b.as_bytes());
        }
        if let Some(b) = self.obj.downcast::<ByteArrayData>() {
            return b.with_bytes(|v| f(v));
        }
        None
    }
}

/// The value of one item of format `format` (native byte order).
fn unpack(format: u8, c: &[u8]) -> Value {
    if format == b'c' {
        return crate::bytes::new(c.to_vec());
    }
    let size = c.len();
    let mut raw = [0u8; 8];
    raw[..size].copy_from_slice(c);
    let unsigned = u64::from_ne_bytes(raw);
    let signed = format.is_ascii_lowercase();
    if signed {
        let shift = 64 - 8 * size as u32;
        crate::int::from_i64(((unsigned << shift) as i64) >> shift)
    } else if let Ok(small) = i64::try_from(unsigned) {
        crate::int::from_i64(small)
    } else {
        crate::int::from_bigint(unsigned.into())
    }
}

/// The bytes of `value` as one item of format `format`, with CPython's errors.
fn pack(format: u8, value: &Value) -> PyResult<Vec<u8>> {
    let invalid_type = || {
        PyErr::type_error(format!(
            "memoryview: invalid type for format '{}'",
            format as char
        ))
    };
    let invalid_value = || {
        PyErr::value_error(format!(
            "memoryview: invalid value for format '{}'",
            format as char
        ))
    };
    if format == b'c' {
        let b = value
            .downcast::<BytesData>()
            .ok_or_else(invalid_type)?
            .as_bytes();
        return match b {
            [x] => Ok(vec![*x]),
            _ => Err(invalid_value()),
        };
    }
    if !protocol::has_index(value) {
        return Err(invalid_type());
    }
    let n = crate::int::as_int(&protocol::index(value)?)
        .map(|n| n.to_bigint())
        .ok_or_else(invalid_type)?;
    let size = itemsize(format);
    let bits = 8 * size as u32;
    let fits = if format.is_ascii_lowercase() {
        let half = num_bigint::BigInt::from(1u8) << (bits - 1);
        n >= -half.clone() && n < half
    } else {
        n >= num_bigint::BigInt::from(0u8) && n < (num_bigint::BigInt::from(1u8) << bits)
    };
    if !fits {
        return Err(invalid_value());
    }
    let mut bytes = n.to_signed_bytes_le();
    let fill = if n < num_bigint::BigInt::from(0u8) {
        0xff
    } else {
        0
    };
    bytes.resize(8, fill);
    bytes.truncate(size);
    if cfg!(target_endian = "big") {
        bytes.reverse();
    }
    Ok(bytes)
}

fn mv_setitem(v: &Value, key: &Value, value: Option<&Value>) -> PyResult<()> {
    let d = data(v);
    d.check()?;
    if d.readonly {
        return Err(PyErr::type_error("cannot modify read-only memory"));
    }
    let Some(value) = value else {
        return Err(PyErr::type_error("cannot delete memory"));
    };
    let Some(target) = d.obj.downcast::<ByteArrayData>() else {
        return Err(PyErr::type_error("cannot modify read-only memory"));
    };
    if let Some(slice) = crate::sequence::as_slice(key)? {
        let r = slice.resolve(d.len)?;
        let src_format = value
            .downcast::<MemoryViewData>()
            .map_or(b'B', |m| m.format);
        let src = crate::bytes::buffer(value).ok_or_else(|| {
            PyErr::type_error(format!(
                "a bytes-like object is required, not '{}'",
                value.type_data().name()
            ))
        })?;
        let size = d.itemsize();
        if src_format != d.format || src.len() != r.len * size {
            return Err(PyErr::value_error(
                "memoryview assignment: lvalue and rvalue have different structures",
            ));
        }
        let src = src.into_owned();
        let idx: Vec<usize> = r.indices().map(|k| d.index_of(k)).collect();
        target.with_bytes(|b| {
            for (at, item) in idx.into_iter().zip(src.chunks_exact(size)) {
                if let Some(slot) = b.get_mut(at..at + size) {
                    slot.copy_from_slice(item);
                }
            }
        });
        return Ok(());
    }
    let i = crate::sequence::index_arg(key, "memoryview")?;
    let Some(i) = crate::sequence::normalize(i, d.len) else {
        return Err(PyErr::index_error("index out of bounds on dimension 1"));
    };
    let item = pack(d.format, value)?;
    let at = d.index_of(i);
    target.with_bytes(|b| {
        if let Some(slot) = b.get_mut(at..at + item.len()) {
            slot.copy_from_slice(&item);
        }
    });
    Ok(())
}

fn mv_richcompare(a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(crate::not_implemented());
    }
    let x = data(a);
    let equal = if x.released.get() {
        a.is(b)
    } else if let Some(y) = b.downcast::<MemoryViewData>() {
        // Views are equal when their items are (CPython unpacks them with struct).
        if y.released.get() {
            false
        } else if x.format == y.format {
            x.contents()? == y.contents()?
        } else {
            let (xs, ys) = (tolist_items(x)?, tolist_items(y)?);
            xs.len() == ys.len() && {
                let mut same = true;
                for (p, q) in xs.iter().zip(&ys) {
                    if !protocol::rich_compare_bool(p, q, CompareOp::Eq)? {
                        same = false;
                        break;
                    }
                }
                same
            }
        }
    } else {
        match crate::bytes::buffer(b) {
            Some(other) if x.format == b'B' => x.contents()? == other.as_ref(),
            Some(other) => {
                let xs = tolist_items(x)?;
                xs.len() == other.len()
                    && xs
                        .iter()
                        .zip(other.iter())
                        .all(|(p, q)| crate::int::as_i64(p) == Some(i64::from(*q)))
            }
            None => return Ok(crate::not_implemented()),
        }
    };
    Ok(crate::bool(equal == (op == CompareOp::Eq)))
}

fn mv_hash(v: &Value) -> PyResult<i64> {
    let d = data(v);
    d.check()?;
    if !d.readonly {
        return Err(PyErr::value_error("cannot hash writable memoryview object"));
    }
    if !matches!(d.format, b'B' | b'b' | b'c') {
        return Err(PyErr::value_error(
            "memoryview: hashing is restricted to formats 'B', 'b' or 'c'",
        ));
    }
    Ok(crate::pyhash::hash_bytes(&d.contents()?))
}

fn this<'a>(args: &Args<'a>, name: &str) -> PyResult<&'a MemoryViewData> {
    protocol::self_payload::<MemoryViewData>(&args.pos()[0], name, "memoryview")
}

fn tobytes(args: Args<'_>) -> PyResult<Value> {
    let [_order] = crate::str_methods::method_bind(&args, "tobytes", ["order"], 0)?;
    Ok(crate::bytes::new(this(&args, "tobytes")?.contents()?))
}

fn tolist_items(d: &MemoryViewData) -> PyResult<Vec<Value>> {
    let bytes = d.contents()?;
    Ok(bytes
        .chunks_exact(d.itemsize())
        .map(|c| unpack(d.format, c))
        .collect())
}

/// The size of one item of a native `struct` format.
fn itemsize(format: u8) -> usize {
    match format {
        b'H' | b'h' => 2,
        b'I' | b'i' => 4,
        b'L' | b'l' | b'Q' | b'q' | b'N' | b'n' => 8,
        _ => 1,
    }
}

/// `memoryview.cast(format)`: a view of the same bytes as items of a native single-character
/// format (one-dimensional: a `shape` is not supported).
fn cast(args: Args<'_>) -> PyResult<Value> {
    let [format, shape] = crate::str_methods::method_bind(&args, "cast", ["format", "shape"], 1)?;
    let d = this(&args, "cast")?;
    d.check()?;
    let format = format.unwrap_or_else(crate::none);
    let Some(text) = crate::str::text_of(&format) else {
        return Err(PyErr::type_error(
            "memoryview: format argument must be a string",
        ));
    };
    let text = text.strip_prefix('@').unwrap_or(&text);
    let code = match text.as_bytes() {
        [c @ (b'B' | b'b' | b'c' | b'H' | b'h' | b'I' | b'i' | b'L' | b'l' | b'Q' | b'q' | b'N' | b'n')] => *c,
        _ => {
            return Err(PyErr::value_error(
                "memoryview: destination format must be a native single character format prefixed with an optional '@'",
            ))
        }
    };
    if shape.is_some() {
        return Err(PyErr::not_implemented(
            "memoryview: cast with a shape is not supported",
        ));
    }
    if !d.is_contiguous() {
        return Err(PyErr::type_error(
            "memoryview: casts are restricted to C-contiguous views",
        ));
    }
    if d.format != b'B' && code != b'B' && code != b'b' && code != b'c' {
        return Err(PyErr::type_error(
            "memoryview: cannot cast between two non-byte formats",
        ));
    }
    let nbytes = d.len * d.itemsize();
    if nbytes % itemsize(code) != 0 {
        return Err(PyErr::type_error(
            "memoryview: length is not a multiple of itemsize",
        ));
    }
    if let Some(b) = d.obj.downcast::<ByteArrayData>() {
        b.export();
    }
    Ok(crate::object::alloc(
        memoryview_type(),
        MemoryViewData {
            obj: d.obj.clone(),
            start: d.start,
            step: itemsize(code) as isize,
            len: nbytes / itemsize(code),
            readonly: d.readonly,
            released: Cell::new(false),
            format: code,
        },
    ))
}

fn tolist(args: Args<'_>) -> PyResult<Value> {
    crate::str_methods::method_args(&args, "tolist", 0, 0)?;
    Ok(crate::list::new(tolist_items(this(&args, "tolist")?)?))
}

fn hex(args: Args<'_>) -> PyResult<Value> {
    let [sep, per] = crate::str_methods::method_bind(&args, "hex", ["sep", "bytes_per_sep"], 0)?;
    let b = this(&args, "hex")?.contents()?;
    crate::bytes_methods::hex_of(&b, sep.as_ref(), per.as_ref())
}

fn release(args: Args<'_>) -> PyResult<Value> {
    crate::str_methods::method_args(&args, "release", 0, 0)?;
    let d = this(&args, "release")?;
    if !d.released.get() {
        d.released.set(true);
        if let Some(b) = d.obj.downcast::<ByteArrayData>() {
            b.unexport();
        }
    }
    Ok(crate::none())
}

fn enter(args: Args<'_>) -> PyResult<Value> {
    crate::str_methods::method_args(&args, "__enter__", 0, 0)?;
    this(&args, "__enter__")?.check()?;
    Ok(args.pos()[0].clone())
}

fn exit(args: Args<'_>) -> PyResult<Value> {
    let v = args.pos()[0].clone();
    release(Args::positional(std::slice::from_ref(&v)))
}

fn toreadonly(args: Args<'_>) -> PyResult<Value> {
    crate::str_methods::method_args(&args, "toreadonly", 0, 0)?;
    let d = this(&args, "toreadonly")?;
    d.check()?;
    if let Some(b) = d.obj.downcast::<ByteArrayData>() {
        b.export();
    }
    Ok(crate::object::alloc(
        memoryview_type(),
        MemoryViewData {
            obj: d.obj.clone(),
            start: d.start,
            step: d.step,
            len: d.len,
            readonly: true,
            released: Cell::new(false),
            format: d.format,
        },
    ))
}

fn getter(v: &Value) -> PyResult<&MemoryViewData> {
    let d = v
        .downcast::<MemoryViewData>()
        .ok_or_else(|| PyErr::system_error("bad memoryview"))?;
    d.check()?;
    Ok(d)
}

fn get_readonly(v: &Value) -> PyResult<Value> {
    Ok(crate::bool(getter(v)?.readonly))
}
fn get_format(v: &Value) -> PyResult<Value> {
    let d = getter(v)?;
    Ok(crate::str::from_string((d.format as char).to_string()))
}
fn get_itemsize(v: &Value) -> PyResult<Value> {
    Ok(Value::small(itemsize(getter(v)?.format) as i64))
}
fn get_nbytes(v: &Value) -> PyResult<Value> {
    let d = getter(v)?;
    Ok(crate::int::from_usize(d.len * d.itemsize()))
}
fn get_ndim(v: &Value) -> PyResult<Value> {
    getter(v)?;
    Ok(Value::small(1))
}
fn get_shape(v: &Value) -> PyResult<Value> {
    let d = getter(v)?;
    Ok(crate::tuple::new(vec![crate::int::from_usize(d.len)]))
}
fn get_strides(v: &Value) -> PyResult<Value> {
    let d = getter(v)?;
    Ok(crate::tuple::new(vec![crate::int::from_i64(d.step as i64)]))
}
fn get_obj(v: &Value) -> PyResult<Value> {
    Ok(getter(v)?.obj.clone())
}
fn get_released(v: &Value) -> PyResult<Value> {
    let d = v
        .downcast::<MemoryViewData>()
        .ok_or_else(|| PyErr::system_error("bad memoryview"))?;
    Ok(crate::bool(d.released.get()))
}
fn get_contiguous(v: &Value) -> PyResult<Value> {
    let d = getter(v)?;
    Ok(crate::bool(d.is_contiguous()))
}

const MEMORYVIEW_METHODS: &[MethodDef] = &[
    MethodDef::new("tobytes", MethodKind::Method(tobytes)),
    MethodDef::new("tolist", MethodKind::Method(tolist)),
    MethodDef::new("cast", MethodKind::Method(cast)),
    MethodDef::new("hex", MethodKind::Method(hex)),
    MethodDef::new("release", MethodKind::Method(release)),
    MethodDef::new("toreadonly", MethodKind::Method(toreadonly)),
    MethodDef::new("__enter__", MethodKind::Method(enter)),
    MethodDef::new("__exit__", MethodKind::Method(exit)),
    MethodDef::new("readonly", MethodKind::GetSet(get_readonly, None)),
    MethodDef::new("format", MethodKind::GetSet(get_format, None)),
    MethodDef::new("itemsize", MethodKind::GetSet(get_itemsize, None)),
    MethodDef::new("nbytes", MethodKind::GetSet(get_nbytes, None)),
    MethodDef::new("ndim", MethodKind::GetSet(get_ndim, None)),
    MethodDef::new("shape", MethodKind::GetSet(get_shape, None)),
    MethodDef::new("strides", MethodKind::GetSet(get_strides, None)),
    MethodDef::new("obj", MethodKind::GetSet(get_obj, None)),
    MethodDef::new("released", MethodKind::GetSet(get_released, None)),
    MethodDef::new("contiguous", MethodKind::GetSet(get_contiguous, None)),
    MethodDef::new("c_contiguous", MethodKind::GetSet(get_contiguous, None)),
    MethodDef::new("f_contiguous", MethodKind::GetSet(get_contiguous, None)),
];
