//! The `str` type's representation (CPython's Objects/unicodeobject.c): [`StrData`], text of
//! Unicode code points kept as UTF-8 extended to lone surrogates, with its length in code
//! points, an ASCII flag (which makes indexing O(1)) and a cached hash; the interning of
//! identifiers; building strings without needless copies ([`StrBuilder`], [`concat_values`]);
//! and the `str` type's core slots. Its methods are in `str_methods.rs`, `str.format` in
//! `str_format.rs`, `%` in `percent_format.rs`.
//!
//! A string without surrogates is valid UTF-8 and reads as `&str` at no cost. A lone surrogate
//! (U+D800–U+DFFF, which `'\udc80'` or `surrogateescape` can make) is stored as the three bytes
//! UTF-8's pattern gives it; two surrogates in a row stay two code points, as in Python.
//!
//! Indexing a non-ASCII string finds the byte offset of a code point through checkpoints, one
//! every [`CHECKPOINT`] code points, made on first use: `s[i]` walks at most that many.
//!
//! Short strings (up to [`INLINE`] bytes) keep their bytes inside the object, so most strings
//! cost one 64-byte allocation; longer ones point to a buffer of their own.

use std::cell::{Cell, OnceCell, RefCell};
use std::collections::HashMap;

use crate::object::Payload;
use crate::value::Value;

/// How many code points apart the byte-offset checkpoints of a non-ASCII string are.
const CHECKPOINT: usize = 32;

/// The payload of a `str`: 48 bytes, so that with the object header a string of up to
/// [`INLINE`] bytes is one 64-byte allocation.
pub struct StrData {
    hash: Cell<i64>,
    /// The length in code points, with [`ASCII`] and [`SURROGATES`] in the top bits.
    len_flags: usize,
    bytes: StrBytes,
    checkpoints: OnceCell<Box<Box<[u32]>>>,
}

impl Payload for StrData {}

const _: () = assert!(std::mem::size_of::<StrData>() == 48);

/// `len_flags` bit: every code point is ASCII.
const ASCII: usize = 1 << (usize::BITS - 1);
/// `len_flags` bit: the text holds a lone surrogate.
const SURROGATES: usize = 1 << (usize::BITS - 2);

fn pack_len_flags(char_len: usize, ascii: bool, surrogates: bool) -> usize {
    debug_assert!(char_len & (ASCII | SURROGATES) == 0);
    char_len | if ascii { ASCII } else { 0 } | if surrogates { SURROGATES } else { 0 }
}

/// The most bytes a string keeps inside its object rather than in a buffer of its own.
pub const INLINE: usize = 22;

/// A string's bytes: inside the object up to [`INLINE`] bytes (most identifiers, keys and
/// numbers-as-text), else in a boxed buffer.
#[derive(Clone)]
enum StrBytes {
    Inline { len: u8, buf: [u8; INLINE] },
    Heap(Box<[u8]>),
}

impl Default for StrBytes {
    fn default() -> StrBytes {
        StrBytes::Inline {
            len: 0,
            buf: [0; INLINE],
        }
    }
}

impl std::ops::Deref for StrBytes {
    type Target = [u8];
    #[inline]
    fn deref(&self) -> &[u8] {
        match self {
            StrBytes::Inline { len, buf } => &buf[..*len as usize],
            StrBytes::Heap(b) => b,
        }
    }
}

impl From<&[u8]> for StrBytes {
    #[inline]
    fn from(bytes: &[u8]) -> StrBytes {
        if bytes.len() <= INLINE {
            let mut buf = [0; INLINE];
            buf[..bytes.len()].copy_from_slice(bytes);
            StrBytes::Inline {
                len: bytes.len() as u8,
                buf,
            }
        } else {
            StrBytes::Heap(bytes.into())
        }
    }
}

impl From<Vec<u8>> for StrBytes {
    #[inline]
    fn from(bytes: Vec<u8>) -> StrBytes {
        if bytes.len() <= INLINE {
            StrBytes::from(&bytes[..])
        } else {
            StrBytes::Heap(bytes.into_boxed_slice())
        }
    }
}

impl From<Box<[u8]>> for StrBytes {
    #[inline]
    fn from(bytes: Box<[u8]>) -> StrBytes {
        if bytes.len() <= INLINE {
            StrBytes::from(&bytes[..])
        } else {
            StrBytes::Heap(bytes)
        }
    }
}

impl StrBytes {
    fn into_vec(self) -> Vec<u8> {
        match self {
            StrBytes::Inline { len, buf } => buf[..len as usize].to_vec(),
            StrBytes::Heap(b) => b.into_vec(),
        }
    }
}

pub(crate) fn is_surrogate(cp: u32) -> bool {
    (0xD800..=0xDFFF).contains(&cp)
}

impl StrData {
    fn make(bytes: impl Into<StrBytes>, char_len: usize, ascii: bool, surrogates: bool) -> StrData {
        StrData {
            hash: Cell::new(-1),
            len_flags: pack_len_flags(char_len, ascii, surrogates),
            bytes: bytes.into(),
            checkpoints: OnceCell::new(),
        }
    }

    /// The data of `text`.
    pub fn from_text(text: &str) -> StrData {
        let ascii = text.is_ascii();
        let char_len = if ascii {
            text.len()
        } else {
            text.chars().count()
        };
        StrData::make(text.as_bytes(), char_len, ascii, false)
    }

    /// The data of `text`, taking its buffer.
    pub fn from_string(text: String) -> StrData {
        let ascii = text.is_ascii();
        let char_len = if ascii {
            text.len()
        } else {
            text.chars().count()
        };
        StrData::make(text.into_bytes().into_boxed_slice(), char_len, ascii, false)
    }

    /// The data of bytes in the extended UTF-8 of this module (valid UTF-8, plus lone
    /// surrogates in UTF-8's pattern); the caller guarantees the form.
    pub(crate) fn from_wtf8(bytes: Vec<u8>) -> StrData {
        let char_len = bytes.iter().filter(|&&b| (b as i8) >= -0x40).count();
        let ascii = char_len == bytes.len();
        let surrogates = !ascii && has_surrogate_bytes(&bytes);
        StrData::make(bytes.into_boxed_slice(), char_len, ascii, surrogates)
    }

    /// The data of these code points (each at most U+10FFFF; surrogates allowed).
    pub fn from_code_points(code_points: &[u32]) -> StrData {
        let mut bytes = Vec::with_capacity(code_points.len());
        let mut surrogates = false;
        for &cp in code_points {
            push_code_point(&mut bytes, cp);
            surrogates |= is_surrogate(cp);
        }
        let ascii = bytes.len() == code_points.len();
        StrData::make(bytes, code_points.len(), ascii, surrogates)
    }

    /// The text, unless it holds a lone surrogate.
    #[inline]
    pub fn as_str(&self) -> Option<&str> {
        if self.has_surrogates() {
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
        self.len_flags & !(ASCII | SURROGATES)
    }

    /// Whether every code point is ASCII.
    #[inline]
    pub fn is_ascii(&self) -> bool {
        self.len_flags & ASCII != 0
    }

    /// Whether it holds a lone surrogate.
    #[inline]
    pub fn has_surrogates(&self) -> bool {
        self.len_flags & SURROGATES != 0
    }

    /// The code points.
    pub fn code_points(&self) -> CodePoints<'_> {
        CodePoints {
            bytes: &self.bytes,
            pos: 0,
        }
    }

    /// The byte offset of code point `i` (`i <= len()`).
    pub fn byte_offset(&self, i: usize) -> usize {
        if self.is_ascii() || i == 0 {
            return i;
        }
        if i >= self.char_len() {
            return self.bytes.len();
        }
        let (mut pos, mut left) = if self.char_len() > CHECKPOINT {
            let cps = self.checkpoints.get_or_init(|| self.make_checkpoints());
            (cps[i / CHECKPOINT] as usize, i % CHECKPOINT)
        } else {
            (0, i)
        };
        while left > 0 {
            pos += utf8_len(self.bytes[pos]);
            left -= 1;
        }
        pos
    }

    fn make_checkpoints(&self) -> Box<Box<[u32]>> {
        let mut out = Vec::with_capacity(self.char_len() / CHECKPOINT + 1);
        let mut pos = 0;
        let mut n = 0;
        while pos < self.bytes.len() {
            if n % CHECKPOINT == 0 {
                out.push(pos as u32);
            }
            pos += utf8_len(self.bytes[pos]);
            n += 1;
        }
        Box::new(out.into_boxed_slice())
    }

    /// The code point index of byte offset `pos` (a code point boundary).
    pub fn char_index(&self, pos: usize) -> usize {
        if self.is_ascii() {
            return pos;
        }
        self.bytes[..pos]
            .iter()
            .filter(|&&b| (b as i8) >= -0x40)
            .count()
    }

    /// The code point at index `i` (O(1) for ASCII text).
    pub fn code_point_at(&self, i: usize) -> Option<u32> {
        if self.is_ascii() {
            self.bytes.get(i).map(|&b| b as u32)
        } else if i < self.char_len() {
            Some(decode_at(&self.bytes, self.byte_offset(i)).0)
        } else {
            None
        }
    }

    /// `hash()`: computed once, then cached.
    #[inline]
    pub fn hash(&self) -> i64 {
        let h = self.hash.get();
        if h != -1 {
            return h;
        }
        let h = if self.is_ascii() {
            hash_bytes(&self.bytes)
        } else {
            // CPython hashes the code units of its 1-, 2- or 4-byte form, not UTF-8.
            let max = self.code_points().max().unwrap_or(0);
            crate::pyhash::hash_code_points(self.code_points(), self.char_len(), max)
        };
        self.hash.set(h);
        h
    }

    /// The code points from index `start` to `end` as a new string's data.
    pub fn substring(&self, start: usize, end: usize) -> StrData {
        if self.is_ascii() {
            return StrData::make(&self.bytes[start..end], end - start, true, false);
        }
        let (a, b) = (self.byte_offset(start), self.byte_offset(end));
        let bytes = &self.bytes[a..b];
        let ascii = bytes.is_ascii();
        let surrogates = self.has_surrogates() && has_surrogate_bytes(bytes);
        StrData::make(bytes, end - start, ascii, surrogates)
    }
}

fn has_surrogate_bytes(bytes: &[u8]) -> bool {
    bytes.windows(2).any(|w| w[0] == 0xED && w[1] >= 0xA0)
}

/// The length of the UTF-8 sequence a lead byte starts.
#[inline]
pub(crate) fn utf8_len(lead: u8) -> usize {
    if lead < 0x80 {
        1
    } else if lead < 0xE0 {
        2
    } else if lead < 0xF0 {
        3
    } else {
        4
    }
}

/// The code point at byte offset `pos` and its length in bytes.
#[inline]
pub(crate) fn decode_at(bytes: &[u8], pos: usize) -> (u32, usize) {
    let b = bytes[pos];
    if b < 0x80 {
        (b as u32, 1)
    } else if b < 0xE0 {
        (((b as u32 & 0x1F) << 6) | (bytes[pos + 1] as u32 & 0x3F), 2)
    } else if b < 0xF0 {
        (
            ((b as u32 & 0x0F) << 12)
                | ((bytes[pos + 1] as u32 & 0x3F) << 6)
                | (bytes[pos + 2] as u32 & 0x3F),
            3,
        )
    } else {
        (
            ((b as u32 & 0x07) << 18)
                | ((bytes[pos + 1] as u32 & 0x3F) << 12)
                | ((bytes[pos + 2] as u32 & 0x3F) << 6)
                | (bytes[pos + 3] as u32 & 0x3F),
            4,
        )
    }
}

/// The code points of a [`StrData`].
#[derive(Clone)]
pub struct CodePoints<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl CodePoints<'_> {
    /// The byte offset of the next code point.
    pub fn offset(&self) -> usize {
        self.pos
    }
}

impl Iterator for CodePoints<'_> {
    type Item = u32;

    #[inline]
    fn next(&mut self) -> Option<u32> {
        if self.pos >= self.bytes.len() {
            return None;
        }
        let (cp, len) = decode_at(self.bytes, self.pos);
        self.pos += len;
        Some(cp)
    }
}

impl DoubleEndedIterator for CodePoints<'_> {
    fn next_back(&mut self) -> Option<u32> {
        if self.pos >= self.bytes.len() {
            return None;
        }
        let mut start = self.bytes.len() - 1;
        while start > self.pos && (self.bytes[start] as i8) < -0x40 {
            start -= 1;
        }
        let (cp, _) = decode_at(self.bytes, start);
        self.bytes = &self.bytes[..start];
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

pub use crate::pyhash::hash_bytes;

/// A string being built: bytes in this module's extended UTF-8 plus what [`StrData`] records,
/// kept up to date as parts are appended, so finishing copies nothing.
#[derive(Default)]
pub struct StrBuilder {
    bytes: Vec<u8>,
    char_len: usize,
    non_ascii: bool,
    surrogates: bool,
}

impl StrBuilder {
    /// An empty builder.
    pub fn new() -> StrBuilder {
        StrBuilder::default()
    }

    /// An empty builder with room for `bytes` bytes.
    pub fn with_capacity(bytes: usize) -> StrBuilder {
        StrBuilder {
            bytes: Vec::with_capacity(bytes),
            ..StrBuilder::default()
        }
    }

    /// Appends a string.
    #[inline]
    pub fn push_data(&mut self, d: &StrData) {
        self.bytes.extend_from_slice(&d.bytes);
        self.char_len += d.char_len();
        self.non_ascii |= !d.is_ascii();
        self.surrogates |= d.has_surrogates();
    }

    /// Appends Rust text.
    #[inline]
    pub fn push_str(&mut self, s: &str) {
        self.bytes.extend_from_slice(s.as_bytes());
        if s.is_ascii() {
            self.char_len += s.len();
        } else {
            self.char_len += s.chars().count();
            self.non_ascii = true;
        }
    }

    /// Appends one code point (a lone surrogate allowed).
    #[inline]
    pub fn push(&mut self, cp: u32) {
        push_code_point(&mut self.bytes, cp);
        self.char_len += 1;
        if cp >= 0x80 {
            self.non_ascii = true;
            self.surrogates |= is_surrogate(cp);
        }
    }

    /// Appends a code point `n` times.
    pub fn push_repeat(&mut self, cp: u32, n: usize) {
        if cp < 0x80 {
            self.bytes.resize(self.bytes.len() + n, cp as u8);
            self.char_len += n;
        } else {
            for _ in 0..n {
                self.push(cp);
            }
        }
    }

    /// Appends the code points `start..end` of a string.
    pub fn push_range(&mut self, d: &StrData, start: usize, end: usize) {
        if start >= end {
            return;
        }
        let (a, b) = (d.byte_offset(start), d.byte_offset(end));
        self.push_bytes_range(d, a, b, end - start);
    }

    /// Appends the bytes `a..b` of a string (code point boundaries), `n` code points.
    pub(crate) fn push_bytes_range(&mut self, d: &StrData, a: usize, b: usize, n: usize) {
        let bytes = &d.bytes[a..b];
        self.bytes.extend_from_slice(bytes);
        self.char_len += n;
        if !d.is_ascii() {
            self.non_ascii = true;
            self.surrogates |= d.has_surrogates() && has_surrogate_bytes(bytes);
        }
    }

    /// The length so far in code points.
    pub fn char_len(&self) -> usize {
        self.char_len
    }

    /// The string's data.
    pub fn finish_data(self) -> StrData {
        let ascii = !self.non_ascii;
        StrData::make(
            self.bytes.into_boxed_slice(),
            self.char_len,
            ascii,
            self.surrogates,
        )
    }

    /// The `str`.
    pub fn finish(self) -> Value {
        if self.bytes.is_empty() {
            return crate::types().empty_str.clone();
        }
        if self.char_len == 1 {
            return char_str(decode_at(&self.bytes, 0).0);
        }
        from_data(self.finish_data())
    }
}

/// A new `str`.
pub fn new(text: &str) -> Value {
    if text.is_empty() {
        return crate::types().empty_str.clone();
    }
    crate::object::alloc(&crate::types().str, StrData::from_text(text))
}

/// A new `str` taking the buffer of `text`.
pub fn from_string(text: String) -> Value {
    if text.is_empty() {
        return crate::types().empty_str.clone();
    }
    crate::object::alloc(&crate::types().str, StrData::from_string(text))
}

/// A new `str` of these code points.
pub fn from_code_points(code_points: &[u32]) -> Value {
    if code_points.len() == 1 {
        return char_str(code_points[0]);
    }
    crate::object::alloc(&crate::types().str, StrData::from_code_points(code_points))
}

/// A new `str` from a [`StrData`].
pub fn from_data(data: StrData) -> Value {
    crate::object::alloc(&crate::types().str, data)
}

static CHARS: crate::SyncCell<OnceCell<Vec<Value>>> = crate::SyncCell(OnceCell::new());

/// The one-character string of `cp` (shared for Latin-1 code points, as in CPython).
pub fn char_str(cp: u32) -> Value {
    if cp < 256 {
        let table = CHARS.0.get_or_init(|| {
            (0..256u32)
                .map(|c| from_data(StrData::from_code_points(&[c])))
                .collect()
        });
        return table[cp as usize].clone();
    }
    from_data(StrData::from_code_points(&[cp]))
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

/// The concatenation of `str()` of each value: the f-string assembly of `BUILD_STRING`
/// (whose parts are already strings) and anything else that joins a few pieces.
pub fn concat_values(values: &[Value]) -> PyResult<Value> {
    let mut total = 0;
    let mut single: Option<&Value> = None;
    let mut nonempty = 0;
    for v in values {
        match v.downcast::<StrData>() {
            Some(d) => {
                total += d.bytes.len();
                if d.char_len() > 0 {
                    nonempty += 1;
                    single = Some(v);
                }
            }
            None => return concat_converted(values),
        }
    }
    if nonempty == 0 {
        return Ok(crate::types().empty_str.clone());
    }
    if nonempty == 1 {
        if let Some(v) = single.filter(|v| v.is_exact(&crate::types().str)) {
            return Ok(v.clone());
        }
    }
    let mut b = StrBuilder::with_capacity(total);
    for v in values {
        b.push_data(data(v));
    }
    Ok(b.finish())
}

fn concat_converted(values: &[Value]) -> PyResult<Value> {
    let mut b = StrBuilder::new();
    for v in values {
        let s = protocol::str(v)?;
        b.push_data(data(&s));
    }
    Ok(b.finish())
}

// ---------------------------------------------------------------------------------------
// The `str` type.

use crate::args::Args;
use crate::error::{PyErr, PyResult};
use crate::protocol;
use crate::typeobject::{BinOp, CompareOp, TypeBuilder};

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
            s.iter.set(Some(str_iter));
            s.new.set(Some(str_new));
            s.number[BinOp::Mod as usize].set(Some(str_mod));
        })
        .methods(crate::str_methods::STR_METHODS)
}

/// The data of a value known to be a `str`.
pub(crate) fn data(v: &Value) -> &StrData {
    v.downcast::<StrData>().expect("str slot on a str")
}

pub(crate) fn clone_data(d: &StrData) -> StrData {
    let c = StrData::make(
        d.bytes.clone(),
        d.char_len(),
        d.is_ascii(),
        d.has_surrogates(),
    );
    c.hash.set(d.hash.get());
    c
}

/// `repr()` of a string's code points, CPython's quoting and escapes.
pub fn repr_text(d: &StrData) -> String {
    let mut out = String::with_capacity(d.bytes.len() + 2);
    pyrs_tokenizer::repr::push_str_repr(&mut out, d.code_points());
    out
}

fn str_repr(v: &Value) -> PyResult<Value> {
    Ok(from_string(repr_text(data(v))))
}

fn str_richcompare(a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
    let (Some(x), Some(y)) = (a.downcast::<StrData>(), b.downcast::<StrData>()) else {
        return Ok(crate::not_implemented());
    };
    if matches!(op, CompareOp::Eq | CompareOp::Ne) {
        let eq = a.is(b) || (x.char_len() == y.char_len() && *x.bytes == *y.bytes);
        return Ok(crate::bool(eq == (op == CompareOp::Eq)));
    }
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
    if y.char_len() == 0 && a.is_exact(&crate::types().str) {
        return Ok(a.clone());
    }
    if x.char_len() == 0 && b.is_exact(&crate::types().str) {
        return Ok(b.clone());
    }
    Ok(concat_data(&[x, y]))
}

/// `target += other` for an exact `str` target that nothing else references (CPython's
/// `PyUnicode_Append` fast path): the bytes grow in place, so a loop of `s += c` is linear,
/// not quadratic. Returns `false`, changing nothing, when `target` is shared, a subclass
/// instance or not a `str`, or `other` is not a `str`.
pub fn append_in_place(target: &mut Value, other: &Value) -> bool {
    let Some(add) = other.downcast::<StrData>() else {
        return false;
    };
    if !target.is_exact(&crate::types().str) || target.is(other) {
        return false;
    }
    let Some(d) = target.downcast_unique_mut::<StrData>() else {
        return false;
    };
    let mut bytes = std::mem::take(&mut d.bytes).into_vec();
    // Exact growth: the allocator's size classes leave room to grow in place most times,
    // and the buffer stays a boxed slice (capacity = length).
    if bytes.try_reserve_exact(add.bytes.len()).is_err() {
        d.bytes = StrBytes::from(bytes);
        return false;
    }
    bytes.extend_from_slice(&add.bytes);
    d.bytes = StrBytes::from(bytes);
    d.len_flags = pack_len_flags(
        d.char_len() + add.char_len(),
        d.is_ascii() && add.is_ascii(),
        d.has_surrogates() || add.has_surrogates(),
    );
    d.hash.set(-1);
    d.checkpoints = OnceCell::new();
    true
}

/// The concatenation of several strings.
pub fn concat_data(parts: &[&StrData]) -> Value {
    let mut b = StrBuilder::with_capacity(parts.iter().map(|p| p.bytes.len()).sum());
    for p in parts {
        b.push_data(p);
    }
    b.finish()
}

fn str_repeat(v: &Value, n: isize) -> PyResult<Value> {
    let d = data(v);
    if n <= 0 || d.char_len() == 0 {
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
    let mut bytes: Vec<u8> = crate::sequence::try_with_capacity(total)?;
    for _ in 0..n {
        bytes.extend_from_slice(&d.bytes);
    }
    Ok(from_data(StrData::make(
        bytes,
        d.char_len() * n as usize,
        d.is_ascii(),
        d.has_surrogates(),
    )))
}

/// The byte offset of `needle` in `hay` at or after `from`, code point aligned.
pub(crate) fn find_bytes(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() {
        return (from <= hay.len()).then_some(from);
    }
    if from > hay.len() || hay.len() - from < needle.len() {
        return None;
    }
    let hay = &hay[from..];
    if needle.len() == 1 {
        return hay.iter().position(|&b| b == needle[0]).map(|i| i + from);
    }
    let first = needle[0];
    let last_start = hay.len() - needle.len();
    let mut i = 0;
    while i <= last_start {
        match hay[i..=last_start].iter().position(|&b| b == first) {
            None => return None,
            Some(k) => {
                i += k;
                if &hay[i..i + needle.len()] == needle {
                    return Some(i + from);
                }
                i += 1;
            }
        }
    }
    None
}

/// The byte offset of the last `needle` in `hay[..end]`.
pub(crate) fn rfind_bytes(hay: &[u8], needle: &[u8], end: usize) -> Option<usize> {
    let hay = &hay[..end];
    if needle.len() > hay.len() {
        return None;
    }
    if needle.is_empty() {
        return Some(hay.len());
    }
    (0..=hay.len() - needle.len())
        .rev()
        .find(|&i| &hay[i..i + needle.len()] == needle)
}

fn str_contains(v: &Value, x: &Value) -> PyResult<bool> {
    let Some(needle) = x.downcast::<StrData>() else {
        return Err(PyErr::type_error(format!(
            "'in <string>' requires string as left operand, not {}",
            x.type_data().name()
        )));
    };
    Ok(find_bytes(data(v).as_bytes(), needle.as_bytes(), 0).is_some())
}

fn str_getitem(v: &Value, key: &Value) -> PyResult<Value> {
    let d = data(v);
    if let Some(slice) = crate::sequence::as_slice(key)? {
        let r = slice.resolve(d.char_len())?;
        if r.len == 0 {
            return Ok(new(""));
        }
        if r.step == 1 {
            if r.len == d.char_len() && v.is_exact(&crate::types().str) {
                return Ok(v.clone());
            }
            let start = r.start as usize;
            if r.len == 1 {
                return Ok(char_str(d.code_point_at(start).unwrap_or(0)));
            }
            return Ok(from_data(d.substring(start, start + r.len)));
        }
        let mut b = StrBuilder::with_capacity(r.len);
        if d.is_ascii() {
            for i in r.indices() {
                b.push(d.bytes[i] as u32);
            }
        } else {
            let cps: Vec<u32> = d.code_points().collect();
            for i in r.indices() {
                b.push(cps[i]);
            }
        }
        return Ok(b.finish());
    }
    if !protocol::has_index(key) {
        return Err(PyErr::type_error(format!(
            "string indices must be integers, not '{}'",
            key.type_data().name()
        )));
    }
    let i = protocol::index_isize(key, false)?;
    let Some(i) = crate::sequence::normalize(i, d.char_len()) else {
        return Err(PyErr::index_error("string index out of range"));
    };
    let cp = d.code_point_at(i).unwrap_or(0);
    Ok(char_str(cp))
}

fn str_new(cls: &Value, args: Args<'_>) -> PyResult<Value> {
    // A call without keywords is checked as CPython's vectorcall of `str` checks it.
    if !args.has_kwargs() && args.pos().len() > 3 {
        return Err(PyErr::type_error(crate::args::count_message(
            "str",
            0,
            3,
            args.pos().len(),
        )));
    }
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

fn str_mod(a: &Value, b: &Value) -> PyResult<Value> {
    if a.downcast::<StrData>().is_none() {
        return Ok(crate::not_implemented());
    }
    crate::percent_format::format_str(a, b)
}

// ---------------------------------------------------------------------------------------
// Iteration.

/// The payload of `str_ascii_iterator` and `str_iterator`: the string and the byte offset of
/// the next code point (so iterating a non-ASCII string is linear).
pub struct StrIter {
    seq: RefCell<Option<Value>>,
    pos: Cell<usize>,
    index: Cell<usize>,
}

impl Payload for StrIter {}

struct IterTypes {
    ascii: Value,
    general: Value,
}

static ITER_TYPES: std::sync::OnceLock<crate::SyncCell<IterTypes>> = std::sync::OnceLock::new();

fn iter_types() -> &'static IterTypes {
    &ITER_TYPES
        .get_or_init(|| {
            let build = |name: &'static str| {
                TypeBuilder::new::<StrIter>(name)
                    .slots(|s| {
                        s.iter.set(Some(|it| Ok(it.clone())));
                        s.next.set(Some(str_iter_next));
                    })
                    .methods(STR_ITER_METHODS)
                    .build()
            };
            crate::SyncCell(IterTypes {
                ascii: build("str_ascii_iterator"),
                general: build("str_iterator"),
            })
        })
        .0
}

/// `iter(str)`.
pub fn str_iter(s: &Value) -> PyResult<Value> {
    let t = iter_types();
    let ty = if data(s).is_ascii() {
        &t.ascii
    } else {
        &t.general
    };
    Ok(crate::object::alloc(
        ty,
        StrIter {
            seq: RefCell::new(Some(s.clone())),
            pos: Cell::new(0),
            index: Cell::new(0),
        },
    ))
}

fn str_iter_next(it: &Value) -> PyResult<Option<Value>> {
    let Some(d) = it.downcast::<StrIter>() else {
        return Err(PyErr::system_error("bad str iterator"));
    };
    let seq = d.seq.borrow().clone();
    let Some(seq) = seq else {
        return Ok(None);
    };
    let s = data(&seq);
    let pos = d.pos.get();
    if pos >= s.bytes.len() {
        let old = d.seq.borrow_mut().take();
        drop(old);
        return Ok(None);
    }
    let (cp, len) = decode_at(&s.bytes, pos);
    d.pos.set(pos + len);
    d.index.set(d.index.get() + 1);
    Ok(Some(char_str(cp)))
}

fn str_iter_length_hint(args: Args<'_>) -> PyResult<Value> {
    let it = &args.pos()[0];
    let Some(d) = it.downcast::<StrIter>() else {
        return Err(PyErr::system_error("bad str iterator"));
    };
    let seq = d.seq.borrow().clone();
    let n = match seq {
        Some(s) => data(&s).char_len().saturating_sub(d.index.get()),
        None => 0,
    };
    Ok(crate::int::from_usize(n))
}

const STR_ITER_METHODS: &[crate::native::MethodDef] = &[crate::native::MethodDef::new(
    "__length_hint__",
    crate::native::MethodKind::Method(str_iter_length_hint),
)];
