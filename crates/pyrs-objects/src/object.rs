//! The layout every heap object shares (CPython's `PyObject` header, Include/object.h), how an
//! object is allocated for a type, freed when its count reaches zero, and downcast to its
//! Rust payload.
//!
//! A heap object is `PyBox<T>`: a [`Header`] (reference count, type) followed by the payload
//! `T` of its type's layout (`int` → [`crate::int::IntData`], `list` →
//! [`crate::list::ListData`]…). A class defined in Python keeps its base's payload and adds an
//! instance-dict slot after it, at the type's `dict_offset`, as CPython's `tp_dictoffset` does;
//! downcasting such an object to its base's payload stays valid because the payload is at the
//! same offset.

use std::alloc::Layout;
use std::any::TypeId;
use std::cell::{Cell, RefCell};
use std::mem::ManuallyDrop;

use crate::typeobject::TypeData;
use crate::value::Value;

/// The first words of every heap object.
///
/// `refcnt` holds the reference count shifted left by two; its low bit says whether weak
/// references to the object exist ([`crate::weakref`] keeps them in a side table keyed by
/// address, consulted only when the bit is set), the next bit whether the object's
/// `__del__` already ran (PEP 442: a finalizer runs once, even if the object is resurrected).
/// Counting in steps of four keeps `incref` and `decref` one add and one compare, as with a
/// plain count.
///
/// Objects of types that can hold references (see [`crate::gc`]) have one more word *before*
/// the header, as CPython's `PyGC_Head`: where the collector's registry lists them.
#[repr(C)]
pub struct Header {
    refcnt: Cell<usize>,
    class: Cell<*const Header>,
}

/// The low bit of `Header::refcnt`: the object has weak references.
const WEAKLY_REFERENCED: usize = 1;
/// The second bit of `Header::refcnt`: the object's finalizer (`__del__`) has run.
const FINALIZED: usize = 2;
/// One reference, in `Header::refcnt`'s units.
const ONE_REF: usize = 4;
/// The flag bits of `Header::refcnt`.
const FLAGS: usize = WEAKLY_REFERENCED | FINALIZED;

impl Header {
    #[inline]
    pub(crate) fn incref(&self) {
        self.refcnt.set(self.refcnt.get() + ONE_REF);
    }

    /// Decrements the count; whether it reached zero.
    #[inline]
    pub(crate) fn decref(&self) -> bool {
        let n = self.refcnt.get() - ONE_REF;
        self.refcnt.set(n);
        n < ONE_REF
    }

    /// The reference count.
    pub fn refcount(&self) -> usize {
        self.refcnt.get() >> 2
    }

    /// Whether the object's finalizer has run (`gc.is_finalized`).
    #[inline]
    pub fn is_finalized(&self) -> bool {
        self.refcnt.get() & FINALIZED != 0
    }

    /// Marks the object's finalizer as run.
    pub(crate) fn set_finalized(&self) {
        self.refcnt.set(self.refcnt.get() | FINALIZED);
    }

    /// Whether weak references to the object exist (it has an entry in the weak table).
    #[inline]
    pub(crate) fn is_weakly_referenced(&self) -> bool {
        self.refcnt.get() & WEAKLY_REFERENCED != 0
    }

    /// Sets or clears the has-weak-references bit.
    pub(crate) fn set_weakly_referenced(&self, on: bool) {
        let n = self.refcnt.get() & !WEAKLY_REFERENCED;
        self.refcnt.set(if on { n | WEAKLY_REFERENCED } else { n });
    }

    /// The object's type object.
    #[inline]
    pub fn class(&self) -> &Value {
        // SAFETY: `Value` is a transparent word, and `class` always holds a live type
        // object's address (the object owns one count of it).
        unsafe { &*(self.class.as_ptr() as *const Value) }
    }

    /// Replaces the object's type (`obj.__class__ = C`; the caller checks the layouts agree).
    pub fn set_class(&self, class: Value) {
        let old = self.class.replace(class.into_raw());
        // SAFETY: the header owned one count of the old type.
        drop(unsafe { Value::from_raw(old) });
    }
}

/// A heap object whose payload is `T`.
#[repr(C)]
pub struct PyBox<T> {
    header: Header,
    data: T,
}

/// A Rust type that is the payload of Python objects.
///
/// Implemented for every built-in layout; crates after this one (the VM's functions, frames
/// and generators) implement it for theirs.
pub trait Payload: Sized + 'static {
    /// Whether objects with this payload can hold references to other objects, so that the
    /// cycle collector tracks them (CPython's `Py_TPFLAGS_HAVE_GC`).
    const GC: bool = false;

    /// Calls `visit` on every reference the payload owns (CPython's `tp_traverse`). It must
    /// visit each owned reference at most once and never a reference it does not own: the
    /// collector subtracts one count per visit. A reference it cannot reach now (a `RefCell`
    /// borrowed elsewhere) may be left out; that only keeps its object alive.
    fn traverse(&self, _visit: &mut dyn FnMut(&Value)) {}

    /// Drops the references that can form cycles (CPython's `tp_clear`), so the collector can
    /// break a cycle of garbage. Never holds a `RefCell` borrow while a reference drops.
    fn clear(&self) {}
}

/// Drops the payload of the object at `ptr` in place.
///
/// # Safety
/// `ptr` is a heap object whose payload is `T`, and the payload is not used again.
pub unsafe fn drop_payload<T: Payload>(ptr: *mut Header) {
    std::ptr::drop_in_place(&mut (*(ptr as *mut PyBox<T>)).data);
}

/// The size of a heap object of payload `T` with no instance dict.
pub const fn basic_size<T>() -> usize {
    std::mem::size_of::<PyBox<T>>()
}

/// The byte offset of the instance-dict slot a subclass adds after payload `T`.
pub const fn dict_offset_after<T>() -> usize {
    let size = std::mem::size_of::<PyBox<T>>();
    (size + 7) & !7
}

/// Allocates an object of type `class` whose payload is `data`.
///
/// `class`'s layout must be `T` (its `payload` is `TypeId::of::<T>()`); its `basic_size` may
/// exceed `T`'s for a subclass with an instance dict, which starts empty.
pub fn alloc<T: Payload>(class: &Value, data: T) -> Value {
    const { assert!(std::mem::align_of::<PyBox<T>>() <= 8) };
    let ty = class_data(class);
    debug_assert!(ty.payload == TypeId::of::<T>());
    let size = ty.basic_size.max(basic_size::<T>());
    let gc = ty.gc.is_gc as usize;
    let layout = Layout::from_size_align(size + gc * GC_HEAD, 8).expect("object sizes are small");
    // SAFETY: the layout has a nonzero size (a header at least); every byte written below is
    // within it; the dict slot (if any) is after the payload and 8-aligned; a container's
    // registry word is before the header.
    unsafe {
        let base = std::alloc::alloc(layout);
        if base.is_null() {
            std::alloc::handle_alloc_error(layout);
        }
        let ptr = base.add(gc * GC_HEAD) as *mut PyBox<T>;
        std::ptr::write(
            ptr,
            PyBox {
                header: Header {
                    refcnt: Cell::new(ONE_REF),
                    class: Cell::new(class.clone().into_raw()),
                },
                data,
            },
        );
        if ty.dict_offset != 0 {
            let slot = (ptr as *mut u8).add(ty.dict_offset) as *mut DictSlot;
            std::ptr::write(slot, DictSlot::default());
        }
        for &offset in ty.member_offsets.iter() {
            let slot = (ptr as *mut u8).add(offset) as *mut DictSlot;
            std::ptr::write(slot, DictSlot::default());
        }
        if gc != 0 {
            crate::gc::track(ptr as *mut Header);
        }
        Value::from_raw(ptr as *const Header)
    }
}

/// Runs `obj`'s finalizer (`__del__`, the `del` slot) now unless it has run already, and
/// marks it run, as the cycle collector does for garbage (PEP 442: it never runs twice).
/// Whether it ran.
pub fn finalize_once(obj: &Value) -> bool {
    let Some(header) = obj.header() else {
        return false;
    };
    match obj.type_data().slots.del.get() {
        Some(del) if !header.is_finalized() => {
            header.set_finalized();
            del(obj);
            true
        }
        _ => false,
    }
}

/// The address of the memory block that holds a heap object, as an allocation tracer
/// (`tracemalloc`) saw it allocated: a container's block starts with its registry word,
/// before the header. None for a value that is not a heap object (a small int).
pub fn allocation_base(v: &Value) -> Option<usize> {
    let header = v.header()?;
    let gc = v.type_data().gc.is_gc as usize;
    Some(header as *const Header as usize - gc * GC_HEAD)
}

/// The size of the word before a container's header (see [`crate::gc`]).
pub(crate) const GC_HEAD: usize = 8;

/// The instance-dict slot of objects of Python-defined classes: `None` until the first
/// attribute is set.
pub type DictSlot = RefCell<Option<Value>>;

fn class_data(class: &Value) -> &TypeData {
    // SAFETY: classes are type objects.
    unsafe { class.downcast_unchecked::<TypeData>() }
}

/// How deep deallocations are nested, and the objects whose freeing was put off because it
/// was too deep (CPython's "trashcan"): freeing a million-long chain of nested lists must not
/// overflow the Rust stack. Global, like every object, under the interpreter lock.
static DEALLOC: crate::SyncCell<(Cell<u32>, RefCell<Vec<usize>>)> =
    crate::SyncCell((Cell::new(0), RefCell::new(Vec::new())));

const DEALLOC_DEPTH: u32 = 200;

/// Frees the object at `ptr`, whose count reached zero.
///
/// # Safety
/// `ptr` is a heap object nobody references any more.
pub(crate) unsafe fn dealloc(ptr: *mut Header) {
    let (depth, pending) = &DEALLOC.0;
    if depth.get() >= DEALLOC_DEPTH {
        pending.borrow_mut().push(ptr as usize);
        return;
    }
    depth.set(depth.get() + 1);
    free(ptr);
    if depth.get() == 1 {
        loop {
            let next = pending.borrow_mut().pop();
            match next {
                Some(p) => free(p as *mut Header),
                None => break,
            }
        }
    }
    depth.set(depth.get() - 1);
}

unsafe fn free(ptr: *mut Header) {
    // `__del__` runs with the object alive again; if it stored a new reference somewhere,
    // the object stays (resurrected), as in CPython.
    let del = class_data((*ptr).class()).slots.del.get();
    if let (Some(del), false) = (del, (*ptr).is_finalized()) {
        let flag = (*ptr).refcnt.get() & FLAGS;
        (*ptr).refcnt.set(ONE_REF | FINALIZED | flag);
        let obj = ManuallyDrop::new(Value::from_raw(ptr));
        del(&obj);
        if !(*ptr).decref() {
            return;
        }
    }
    // Weak references die next, their callbacks running (CPython's PyObject_ClearWeakRefs,
    // after the finalizer as in subtype_dealloc); nothing can reach the object any more.
    if (*ptr).is_weakly_referenced() {
        crate::weakref::clear_weakrefs(ptr);
    }
    let class = Value::from_raw((*ptr).class.get());
    let ty = class_data(&class);
    let size = ty.basic_size;
    let dict_offset = ty.dict_offset;
    let gc = ty.gc.is_gc as usize;
    if gc != 0 {
        // Out of the collector's registry before the payload goes: a collection that a
        // `__del__` run by the payload's drop starts must not see a half-dropped object.
        crate::gc::untrack(ptr);
    }
    (ty.drop_payload)(ptr);
    if dict_offset != 0 {
        std::ptr::drop_in_place((ptr as *mut u8).add(dict_offset) as *mut DictSlot);
    }
    for &offset in ty.member_offsets.iter() {
        std::ptr::drop_in_place((ptr as *mut u8).add(offset) as *mut DictSlot);
    }
    let layout = Layout::from_size_align_unchecked(size + gc * GC_HEAD, 8);
    std::alloc::dealloc((ptr as *mut u8).sub(gc * GC_HEAD), layout);
    drop(class);
}

impl Value {
    /// The payload, if the object's layout is `T` (its type, or a base of it, is the built-in
    /// type with that payload).
    #[inline]
    pub fn downcast<T: Payload>(&self) -> Option<&T> {
        let header = self.header()?;
        let ty = class_data(header.class());
        if ty.payload == TypeId::of::<T>() {
            // SAFETY: the type says the payload is `T`.
            Some(unsafe { &(*(header as *const Header as *const PyBox<T>)).data })
        } else {
            None
        }
    }

    /// The payload, mutably, when this handle is the object's only reference (reference
    /// count 1) and its layout is `T`: nothing else can observe the change, which is what
    /// lets `s += t` grow `s` in place as CPython does.
    #[inline]
    pub fn downcast_unique_mut<T: Payload>(&mut self) -> Option<&mut T> {
        let header = self.header()?;
        if header.refcount() != 1 || class_data(header.class()).payload != TypeId::of::<T>() {
            return None;
        }
        // SAFETY: the layout is `T`, and with one reference — this `&mut` handle — no other
        // reference to the payload can exist while the borrow lasts.
        Some(unsafe { &mut (*(self.word() as *mut PyBox<T>)).data })
    }

    /// The payload, without checking.
    ///
    /// # Safety
    /// The object is a heap object whose layout is `T`.
    #[inline]
    pub unsafe fn downcast_unchecked<T: Payload>(&self) -> &T {
        &(*(self.word() as *const PyBox<T>)).data
    }

    /// The `__slots__` cell at `offset`, when the object's type has one there (see
    /// [`crate::member`]).
    #[inline]
    pub fn member_slot(&self, offset: usize) -> Option<&DictSlot> {
        let header = self.header()?;
        if !class_data(header.class()).member_offsets.contains(&offset) {
            return None;
        }
        // SAFETY: the type put a cell at this offset when it allocated the object.
        Some(unsafe { &*((header as *const Header as *const u8).add(offset) as *const DictSlot) })
    }

    /// The instance-dict slot, for objects of types that have one.
    #[inline]
    pub fn dict_slot(&self) -> Option<&DictSlot> {
        let header = self.header()?;
        let offset = class_data(header.class()).dict_offset;
        if offset == 0 {
            return None;
        }
        // SAFETY: the type put a dict slot at this offset when it allocated the object.
        Some(unsafe { &*((header as *const Header as *const u8).add(offset) as *const DictSlot) })
    }
}

/// The byte offset of the payload in a heap object of payload `T` (from the header's
/// address to the payload's).
pub(crate) const fn payload_offset<T>() -> usize {
    std::mem::offset_of!(PyBox<T>, data)
}

/// Allocates `type` itself, whose type is itself.
pub(crate) fn alloc_type_of_type(data: TypeData) -> Value {
    let layout = Layout::from_size_align(basic_size::<TypeData>() + GC_HEAD, 8)
        .expect("object sizes are small");
    // SAFETY: as in `alloc`; the object's class pointer is its own address, which holds one
    // count of it (type objects built in are never freed).
    unsafe {
        let base = std::alloc::alloc(layout);
        if base.is_null() {
            std::alloc::handle_alloc_error(layout);
        }
        let ptr = base.add(GC_HEAD) as *mut PyBox<TypeData>;
        std::ptr::write(
            ptr,
            PyBox {
                header: Header {
                    refcnt: Cell::new(2 * ONE_REF),
                    class: Cell::new(ptr as *const Header),
                },
                data,
            },
        );
        crate::gc::track(ptr as *mut Header);
        Value::from_raw(ptr as *const Header)
    }
}
