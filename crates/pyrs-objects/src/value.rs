//! [`Value`], one Python reference in one machine word: a small int kept inline, or an owned
//! reference to a heap object (CPython's `PyObject *` plus `Py_INCREF`/`Py_DECREF`).
//!
//! The word is tagged by its low bit. Heap objects are at least 8-aligned, so a pointer's low
//! bit is 0; a word whose low bit is 1 is the integer `word >> 1` (arithmetic shift), any int in
//! `SMALL_MIN..=SMALL_MAX` (63 bits). Adding two such ints allocates nothing. Ints outside the
//! range, and instances of `int` subclasses, are heap objects holding a bigint.
//!
//! A heap reference owns one count of the object's reference count: `Clone` increments it,
//! `Drop` decrements it and frees the object when it reaches zero, so an object dies (its
//! `__del__` runs, its file closes) the moment its last reference goes, as in CPython.
//!
//! **Invariant (the GIL)**: a `Value` is never touched by two OS threads at once. Reference
//! counts are plain, non-atomic integers; `Value` is neither `Send` nor `Sync`, and the
//! interpreter hands values between threads only while holding its one global lock.

use std::fmt;
use std::mem::ManuallyDrop;

use crate::object::{dealloc, Header};
use crate::typeobject::TypeData;

/// The smallest int kept inline in a [`Value`].
pub const SMALL_MIN: i64 = -(1 << 62);
/// The largest int kept inline in a [`Value`].
pub const SMALL_MAX: i64 = (1 << 62) - 1;

/// A Python reference: an inline small int, or an owned reference to a heap object.
#[repr(transparent)]
pub struct Value(std::num::NonZeroUsize);

impl Value {
    /// The inline int `i`, which must be within `SMALL_MIN..=SMALL_MAX`; see
    /// [`crate::int::from_i64`] for any `i64`.
    #[inline]
    pub const fn small(i: i64) -> Value {
        debug_assert!(i >= SMALL_MIN && i <= SMALL_MAX);
        let word = ((i << 1) | 1) as usize;
        // SAFETY: the low bit is set, so the word is not zero.
        Value(unsafe { std::num::NonZeroUsize::new_unchecked(word) })
    }

    /// Whether `i` fits inline.
    #[inline]
    pub const fn fits_small(i: i64) -> bool {
        i >= SMALL_MIN && i <= SMALL_MAX
    }

    /// The inline int, if this is one.
    #[inline]
    pub fn as_small(&self) -> Option<i64> {
        if self.is_small() {
            Some((self.0.get() as i64) >> 1)
        } else {
            None
        }
    }

    /// Whether this is an inline int.
    #[inline]
    pub fn is_small(&self) -> bool {
        self.0.get() & 1 == 1
    }

    /// Takes ownership of a reference whose count was already incremented.
    ///
    /// # Safety
    /// `ptr` points to a live heap object and the caller gives up one count of it.
    #[inline]
    pub unsafe fn from_raw(ptr: *const Header) -> Value {
        Value(std::num::NonZeroUsize::new_unchecked(ptr as usize))
    }

    /// A new reference to the object at `ptr` (its count is incremented).
    ///
    /// # Safety
    /// `ptr` points to a live heap object.
    #[inline]
    pub unsafe fn from_borrowed(ptr: *const Header) -> Value {
        (*ptr).incref();
        Value::from_raw(ptr)
    }

    /// Gives up ownership without decrementing the count; see [`Value::from_raw`].
    #[inline]
    pub fn into_raw(self) -> *const Header {
        let this = ManuallyDrop::new(self);
        this.0.get() as *const Header
    }

    /// The heap object's header; `None` for an inline int.
    #[inline]
    pub fn header(&self) -> Option<&Header> {
        if self.is_small() {
            None
        } else {
            // SAFETY: a heap reference keeps its object alive while `self` lives.
            Some(unsafe { &*(self.0.get() as *const Header) })
        }
    }

    /// The word itself: the object's address for a heap object (what `id()` returns).
    #[inline]
    pub fn word(&self) -> usize {
        self.0.get()
    }

    /// `a is b`.
    #[inline]
    pub fn is(&self, other: &Value) -> bool {
        self.0 == other.0
    }

    /// The object's type, as a reference to the type object.
    #[inline]
    pub fn class(&self) -> &Value {
        match self.header() {
            Some(header) => header.class(),
            None => &crate::types().int,
        }
    }

    /// The object's type's data.
    #[inline]
    pub fn type_data(&self) -> &TypeData {
        // SAFETY: every class is a type object.
        unsafe { self.class().downcast_unchecked::<TypeData>() }
    }

    /// Whether the object's type is exactly `ty` (no subclass).
    #[inline]
    pub fn is_exact(&self, ty: &Value) -> bool {
        self.class().is(ty)
    }

    /// The reference count (1 for an inline int, which has none).
    pub fn refcount(&self) -> usize {
        self.header().map_or(1, Header::refcount)
    }
}

impl Clone for Value {
    #[inline]
    fn clone(&self) -> Value {
        if let Some(header) = self.header() {
            header.incref();
        }
        Value(self.0)
    }
}

impl Drop for Value {
    #[inline]
    fn drop(&mut self) {
        if let Some(header) = self.header() {
            if header.decref() {
                // SAFETY: the count reached zero: this was the last reference.
                unsafe { dealloc(self.0.get() as *mut Header) }
            }
        }
    }
}

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.as_small() {
            Some(i) => write!(f, "{i}"),
            None => write!(
                f,
                "<{} object at {:#x}>",
                self.type_data().name(),
                self.word()
            ),
        }
    }
}
