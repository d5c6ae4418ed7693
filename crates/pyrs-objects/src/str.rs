//! The `str` type's representation (CPython's Objects/unicodeobject.c): [`StrData`], text of
//! Unicode code points kept as UTF-8 extended to lone surrogates, with its length in code
//! points, an ASCII flag (which makes indexing O(1)) and a cached hash; and the interning of
//! identifiers.
//!
//! A string without surrogates is valid UTF-8 and reads as `&str` at no cost. A lone surrogate
//! (U+D800–U+DFFF, which `'\udc80'` or `surrogateescape` can make) is stored as the three bytes
//! UTF-8's pattern gives it; two surrogates in a row stay two code points, as in Python.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use crate::object::Payload;
use crate::value::Value;

/// The payload of a `str`.
pub struct StrData {
    hash: Cell<i64>,
    char_len: usize,
    ascii: bool,
    surrogates: bool,
    bytes: Box<[u8]>,
}

impl Payload for StrData {}

fn is_surrogate(cp: u32) -> bool {
    (0xD800..=0xDFFF).contains(&cp)
}

impl StrData {
    /// The data of `text`.
    pub fn from_text(text: &str) -> StrData {
        let ascii = text.is_ascii();
        StrData {
            hash: Cell::new(-1),
            char_len: if ascii {
                text.len()
            } else {
                text.chars().count()
            },
            ascii,
            surrogates: false,
            bytes: text.as_bytes().into(),
        }
    }

    /// The data of these code points (each at most U+10FFFF; surrogates allowed).
    pub fn from_code_points(code_points: &[u32]) -> StrData {
        let mut bytes = Vec::with_capacity(code_points.len());
        let mut surrogates = false;
        for &cp in code_points {
            push_code_point(&mut bytes, cp);
            surrogates |= is_surrogate(cp);
        }
        StrData {
            hash: Cell::new(-1),
            char_len: code_points.len(),
            ascii: bytes.len() == code_points.len(),
            surrogates,
            bytes: bytes.into(),
        }
    }

    /// The text, unless it holds a lone surrogate.
    #[inline]
    pub fn as_str(&self) -> Option<&str> {
        if self.surrogates {
            None
        } else {
            // SAFETY: without surrogates the bytes are valid UTF-8 (checked on creation).
            Some(unsafe { std::str::from_utf8_unchecked(&self.bytes) })
        }
    }

    /// The bytes: UTF-8, with lone surrogates encoded by UTF-8's pattern.
    #[inline]
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The text with each lone surrogate replaced by U+FFFD.
    pub fn to_string_lossy(&self) -> String {
        match self.as_str() {
            Some(s) => s.to_string(),
            None => self
                .code_points()
                .map(|cp| char::from_u32(cp).unwrap_or('\u{FFFD}'))
                .collect(),
        }
    }

    /// The length in code points (`len()`).
    #[inline]
    pub fn char_len(&self) -> usize {
        self.char_len
    }

    /// Whether every code point is ASCII.
    #[inline]
    pub fn is_ascii(&self) -> bool {
        self.ascii
    }

    /// Whether it holds a lone surrogate.
    #[inline]
    pub fn has_surrogates(&self) -> bool {
        self.surrogates
    }

    /// The code points.
    pub fn code_points(&self) -> CodePoints<'_> {
        CodePoints {
            bytes: &self.bytes,
            pos: 0,
        }
    }

    /// The code point at index `i` (O(1) for ASCII text).
    pub fn code_point_at(&self, i: usize) -> Option<u32> {
        if self.ascii {
            self.bytes.get(i).map(|&b| b as u32)
        } else {
            self.code_points().nth(i)
        }
    }

    /// `hash()`: computed once, then cached.
    #[inline]
    pub fn hash(&self) -> i64 {
        let h = self.hash.get();
        if h != -1 {
            return h;
        }
        let h = hash_bytes(&self.bytes);
        self.hash.set(h);
        h
    }
}

/// The code points of a [`StrData`].
#[derive(Clone)]
pub struct CodePoints<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Iterator for CodePoints<'_> {
    type Item = u32;

    #[inline]
    fn next(&mut self) -> Option<u32> {
        let b = *self.bytes.get(self.pos)?;
        let (cp, len) = if b < 0x80 {
            (b as u32, 1)
        } else if b < 0xE0 {
            (
                ((b as u32 & 0x1F) << 6) | (self.bytes[self.pos + 1] as u32 & 0x3F),
                2,
            )
        } else if b < 0xF0 {
            (
                ((b as u32 & 0x0F) << 12)
                    | ((self.bytes[self.pos + 1] as u32 & 0x3F) << 6)
                    | (self.bytes[self.pos + 2] as u32 & 0x3F),
                3,
            )
        } else {
            (
                ((b as u32 & 0x07) << 18)
                    | ((self.bytes[self.pos + 1] as u32 & 0x3F) << 12)
                    | ((self.bytes[self.pos + 2] as u32 & 0x3F) << 6)
                    | (self.bytes[self.pos + 3] as u32 & 0x3F),
                4,
            )
        };
        self.pos += len;
        Some(cp)
    }
}

/// Appends code point `cp` in UTF-8's pattern (surrogates included).
pub fn push_code_point(out: &mut Vec<u8>, cp: u32) {
    if cp < 0x80 {
        out.push(cp as u8);
    } else if cp < 0x800 {
        out.extend_from_slice(&[0xC0 | (cp >> 6) as u8, 0x80 | (cp & 0x3F) as u8]);
    } else if cp < 0x10000 {
        out.extend_from_slice(&[
            0xE0 | (cp >> 12) as u8,
            0x80 | ((cp >> 6) & 0x3F) as u8,
            0x80 | (cp & 0x3F) as u8,
        ]);
    } else {
        out.extend_from_slice(&[
            0xF0 | (cp >> 18) as u8,
            0x80 | ((cp >> 12) & 0x3F) as u8,
            0x80 | ((cp >> 6) & 0x3F) as u8,
            0x80 | (cp & 0x3F) as u8,
        ]);
    }
}

/// The hash of a string's bytes: a fast multiplicative hash (strings' hashes are not part of
/// Python's contract; CPython randomises them per run). Never -1, which means "not computed".
pub fn hash_bytes(bytes: &[u8]) -> i64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h: u64 = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        h = (h.rotate_left(5) ^ word).wrapping_mul(K);
    }
    let mut tail: u64 = 0;
    for (i, &b) in chunks.remainder().iter().enumerate() {
        tail |= (b as u64) << (8 * i);
    }
    h = (h.rotate_left(5) ^ tail).wrapping_mul(K);
    h ^= h >> 29;
    let h = h as i64;
    if h == -1 {
        -2
    } else {
        h
    }
}

/// A new `str`.
pub fn new(text: &str) -> Value {
    if text.is_empty() {
        return crate::types().empty_str.clone();
    }
    crate::object::alloc(&crate::types().str, StrData::from_text(text))
}

/// A new `str` of these code points.
pub fn from_code_points(code_points: &[u32]) -> Value {
    crate::object::alloc(&crate::types().str, StrData::from_code_points(code_points))
}

/// A new `str` from a [`StrData`].
pub fn from_data(data: StrData) -> Value {
    crate::object::alloc(&crate::types().str, data)
}

type InternTable = RefCell<HashMap<Box<str>, Value>>;

static INTERNED: crate::SyncCell<std::sync::OnceLock<InternTable>> =
    crate::SyncCell(std::sync::OnceLock::new());

fn interned() -> &'static InternTable {
    INTERNED.0.get_or_init(|| RefCell::new(HashMap::new()))
}

/// The one `str` object for `text` among interned strings (identifiers, attribute names):
/// equal interned strings are the same object, so dict lookups by them compare by identity.
pub fn intern(text: &str) -> Value {
    if let Some(found) = interned().borrow().get(text) {
        return found.clone();
    }
    let value = crate::object::alloc(&crate::types().str, StrData::from_text(text));
    interned().borrow_mut().insert(text.into(), value.clone());
    value
}

/// The interned equal of a `str` value (the value itself when it cannot be interned).
pub fn intern_value(value: &Value) -> Value {
    match value.downcast::<StrData>().and_then(StrData::as_str) {
        Some(text) if value.is_exact(&crate::types().str) => intern(text),
        _ => value.clone(),
    }
}

/// The Rust text of a `str` value (lossy for surrogates), or `None` for a non-`str`.
pub fn text_of(value: &Value) -> Option<String> {
    value.downcast::<StrData>().map(StrData::to_string_lossy)
}

// ---------------------------------------------------------------------------------------
// The `str` type.

use crate::args::Args;
use crate::error::{PyErr, PyResult};
use crate::native::{MethodDef, MethodKind};
use crate::protocol;
use crate::typeobject::{CompareOp, TypeBuilder};

/// The builder of `str`.
pub(crate) fn type_builder() -> TypeBuilder {
    TypeBuilder::new::<StrData>("str")
        .subclassable()
        .slots(|s| {
            s.repr.set(Some(str_repr));
            s.str.set(Some(|v| {
                if v.is_exact(&crate::types().str) {
                    Ok(v.clone())
                } else {
                    Ok(from_data(clone_data(data(v))))
                }
            }));
            s.hash.set(Some(|v| Ok(data(v).hash())));
            s.richcompare.set(Some(str_richcompare));
            s.len.set(Some(|v| Ok(data(v).char_len())));
            s.concat.set(Some(str_concat));
            s.repeat.set(Some(str_repeat));
            s.contains.set(Some(str_contains));
            s.getitem.set(Some(str_getitem));
            s.iter.set(Some(crate::iter::str_iter));
            s.new.set(Some(str_new));
        })
        .methods(STR_METHODS)
}

fn data(v: &Value) -> &StrData {
    v.downcast::<StrData>().expect("str slot on a str")
}

fn clone_data(d: &StrData) -> StrData {
    StrData {
        hash: Cell::new(d.hash.get()),
        char_len: d.char_len,
        ascii: d.ascii,
        surrogates: d.surrogates,
        bytes: d.bytes.clone(),
    }
}

/// `repr()` of a string's code points, CPython's quoting and escapes.
pub fn repr_text(d: &StrData) -> String {
    let mut out = String::new();
    pyrs_tokenizer::repr::push_str_repr(&mut out, d.code_points());
    out
}

fn str_repr(v: &Value) -> PyResult<Value> {
    Ok(new(&repr_text(data(v))))
}

fn str_richcompare(a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
    let (Some(x), Some(y)) = (a.downcast::<StrData>(), b.downcast::<StrData>()) else {
        return Ok(crate::not_implemented());
    };
    // UTF-8 byte order is code point order (also for the surrogate extension).
    let ord = x.as_bytes().cmp(y.as_bytes());
    Ok(crate::bool(crate::int::compare_result(ord, op)))
}

fn str_concat(a: &Value, b: &Value) -> PyResult<Value> {
    let Some(y) = b.downcast::<StrData>() else {
        return Err(PyErr::type_error(format!(
            "can only concatenate str (not \"{}\") to str",
            b.type_data().name()
        )));
    };
    let x = data(a);
    if y.char_len == 0 && a.is_exact(&crate::types().str) {
        return Ok(a.clone());
    }
    if x.char_len == 0 && b.is_exact(&crate::types().str) {
        return Ok(b.clone());
    }
    Ok(concat_data(&[x, y]))
}

/// The concatenation of several strings.
pub fn concat_data(parts: &[&StrData]) -> Value {
    let mut bytes = Vec::with_capacity(parts.iter().map(|p| p.bytes.len()).sum());
    let mut char_len = 0;
    let mut ascii = true;
    let mut surrogates = false;
    for p in parts {
        bytes.extend_from_slice(&p.bytes);
        char_len += p.char_len;
        ascii &= p.ascii;
        surrogates |= p.surrogates;
    }
    from_data(StrData {
        hash: Cell::new(-1),
        char_len,
        ascii,
        surrogates,
        bytes: bytes.into(),
    })
}

fn str_repeat(v: &Value, n: isize) -> PyResult<Value> {
    let d = data(v);
    if n <= 0 || d.char_len == 0 {
        return Ok(new(""));
    }
    if n == 1 && v.is_exact(&crate::types().str) {
        return Ok(v.clone());
    }
    let total = d
        .bytes
        .len()
        .checked_mul(n as usize)
        .filter(|&t| t < isize::MAX as usize / 2)
        .ok_or_else(|| PyErr::overflow_error("repeated string is too long"))?;
    let mut bytes = Vec::with_capacity(total);
    for _ in 0..n {
        bytes.extend_from_slice(&d.bytes);
    }
    Ok(from_data(StrData {
        hash: Cell::new(-1),
        char_len: d.char_len * n as usize,
        ascii: d.ascii,
        surrogates: d.surrogates,
        bytes: bytes.into(),
    }))
}

fn str_contains(v: &Value, x: &Value) -> PyResult<bool> {
    let Some(needle) = x.downcast::<StrData>() else {
        return Err(PyErr::type_error(format!(
            "'in <string>' requires string as left operand, not {}",
            x.type_data().name()
        )));
    };
    let hay = data(v).as_bytes();
    let n = needle.as_bytes();
    if n.is_empty() {
        return Ok(true);
    }
    Ok(hay.windows(n.len()).any(|w| w == n))
}

fn str_getitem(v: &Value, key: &Value) -> PyResult<Value> {
    let d = data(v);
    if let Some(slice) = crate::sequence::as_slice(key)? {
        let r = slice.resolve(d.char_len)?;
        if r.step == 1 && d.ascii {
            let start = r.start.max(0) as usize;
            let end = start + r.len;
            return Ok(new(
                std::str::from_utf8(&d.bytes[start..end]).expect("ascii")
            ));
        }
        let cps: Vec<u32> = d.code_points().collect();
        let picked: Vec<u32> = r.indices().map(|i| cps[i]).collect();
        return Ok(from_code_points(&picked));
    }
    let i = crate::sequence::index_arg(key, "string")?;
    let Some(i) = crate::sequence::normalize(i, d.char_len) else {
        return Err(PyErr::index_error("string index out of range"));
    };
    let cp = d.code_point_at(i).expect("in range");
    Ok(from_code_points(&[cp]))
}

fn str_new(cls: &Value, args: Args<'_>) -> PyResult<Value> {
    let [object, encoding, errors] = args.bind("str", ["object", "encoding", "errors"], 0, 0, 3)?;
    let value = match (object, encoding.is_some() || errors.is_some()) {
        (None, _) => new(""),
        (Some(o), false) => protocol::str(&o)?,
        (Some(o), true) => (crate::hooks::get().decode)(&o, encoding.as_ref(), errors.as_ref())?,
    };
    if cls.is(&crate::types().str) {
        return Ok(value);
    }
    Ok(crate::object::alloc(cls, clone_data(data(&value))))
}

fn this<'a>(args: &Args<'a>, name: &str) -> PyResult<&'a StrData> {
    protocol::self_payload::<StrData>(&args.pos()[0], name, "str")
}

fn join(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("join", 2, 2)?;
    let sep = this(&args, "join")?;
    let items = protocol::collect(&a[1])?;
    let mut parts: Vec<&StrData> = Vec::with_capacity(items.len() * 2);
    for (i, item) in items.iter().enumerate() {
        let Some(s) = item.downcast::<StrData>() else {
            return Err(PyErr::type_error(format!(
                "sequence item {i}: expected str instance, {} found",
                item.type_data().name()
            )));
        };
        if i > 0 {
            parts.push(sep);
        }
        parts.push(s);
    }
    if items.len() == 1 && items[0].is_exact(&crate::types().str) {
        return Ok(items[0].clone());
    }
    Ok(concat_data(&parts))
}

const STR_METHODS: &[MethodDef] = &[MethodDef::new("join", MethodKind::Method(join))];
