//! Python 3.13's object model: how values are represented, how types dispatch operations,
//! and the built-in types.
//!
//! **Input**: Rust calls from the evaluation loop (`pyrs-vm`) and from native modules.
//! **Output**: Python objects and the results of operations on them, as [`Value`]s, or a
//! raised exception as [`PyErr`].
//!
//! The design choices (docs/objects.md walks through them):
//! - A [`Value`] is one word: a small int inline (tagged by the low bit), or an owned pointer
//!   to a heap object. Small-int arithmetic allocates nothing.
//! - Heap objects are reference counted, as in CPython: `Clone` increments, `Drop` decrements
//!   and frees at zero, so `__del__` runs and files close when the last reference goes.
//! - Every heap object starts with a [`object::Header`] (count, type) followed by its type's
//!   payload (`TupleData`, `DictData`…); a class defined in Python adds an instance-dict slot.
//! - Types dispatch through [`typeobject::Slots`], Rust function pointers per operation;
//!   [`protocol`] holds the abstract operations (`repr`, `+`, `getattr`, `call`…) that use
//!   them, with CPython's rules (reflected operands, subclass priority, descriptors).
//!
//! **Invariants**: no `RefCell` borrow of an object's contents is held across a call that can
//! run Python code (a dunder method, a `__del__`), so Python code that mutates a container
//! while an operation on it is running gets CPython's exception, never a Rust panic. A
//! `Value` belongs to one OS thread at a time (the global interpreter lock; counts are not
//! atomic).
//!
//! **Not here**: functions defined in Python, frames, generators, modules' import machinery,
//! the `builtins` module (pyrs-vm); calling a Python function goes through the `call` slot
//! pyrs-vm gives its function type.
//!
//! Why num-bigint: see [`int`].

pub mod args;
pub mod builtin_docs;
pub mod builtin_iter;
pub mod bytearray;
pub mod bytes;
mod bytes_methods;
pub mod codecs;
pub mod complex;
pub mod descr;
pub mod dict;
pub mod dict_iter;
pub mod error;
pub mod exceptions;
pub mod float;
pub mod format_spec;
pub mod gc;
pub mod genericalias;
pub mod hooks;
pub mod int;
pub mod iter;
pub mod list;
mod list_methods;
mod listsort;
pub mod mappingproxy;
pub mod member;
pub mod memoryview;
pub mod module;
pub mod namespace;
pub mod native;
pub mod object;
pub(crate) mod object_reduce;
pub mod percent_format;
pub mod protocol;
pub mod pyhash;
pub mod range;
pub mod repr_guard;
pub mod sequence;
mod sequence_methods;
pub mod set;
pub mod singletons;
pub mod slots;
pub mod str;
pub mod str_format;
pub(crate) mod str_methods;
pub mod structseq;
pub mod suggest;
pub mod tuple;
pub mod typemethods;
pub mod typeobject;
pub mod typevar;
pub mod unicode_ctype;
mod unicode_ctype_tables;
pub mod union;
pub mod value;
pub mod weakref;

use std::sync::OnceLock;

pub use args::Args;
pub use error::{PyErr, PyResult};
pub use exceptions::ExcKind;
pub use value::Value;

/// The global interpreter lock: whoever runs Python code or touches [`Value`]s holds it.
/// The interpreter takes it once per thread it runs Python on; Rust programs embedding the
/// object model (and tests, which cargo runs on several threads) take it around their work.
pub fn with_gil<R>(f: impl FnOnce() -> R) -> R {
    static GIL: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _guard = GIL.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    f()
}

/// Wraps interpreter-global values in a `static`. Sound because of the crate's GIL invariant:
/// only the thread holding the interpreter lock touches them.
pub struct SyncCell<T>(pub T);

// SAFETY: see the type's doc — access is serialised by the global interpreter lock.
unsafe impl<T> Sync for SyncCell<T> {}
// SAFETY: as above.
unsafe impl<T> Send for SyncCell<T> {}

/// The built-in types every part of the interpreter needs at hand, and the singletons.
pub struct Types {
    /// `object`.
    pub object: Value,
    /// `type`.
    pub type_: Value,
    /// `str`.
    pub str: Value,
    /// `dict`.
    pub dict: Value,
    /// `tuple`.
    pub tuple: Value,
    /// `int`.
    pub int: Value,
    /// `bool`.
    pub bool: Value,
    /// `float`.
    pub float: Value,
    /// `list`.
    pub list: Value,
    /// `NoneType`.
    pub none_type: Value,
    /// `NotImplementedType`.
    pub not_implemented_type: Value,
    /// `ellipsis`.
    pub ellipsis_type: Value,
    /// `None`.
    pub none: Value,
    /// `True`.
    pub true_: Value,
    /// `False`.
    pub false_: Value,
    /// `NotImplemented`.
    pub not_implemented: Value,
    /// `Ellipsis`.
    pub ellipsis: Value,
    /// `''`.
    pub empty_str: Value,
    /// `()`.
    pub empty_tuple: Value,
}

static TYPES: OnceLock<SyncCell<Types>> = OnceLock::new();

/// The core built-in types and singletons (made on first use).
#[inline]
pub fn types() -> &'static Types {
    match TYPES.get() {
        Some(t) => &t.0,
        None => init_types(),
    }
}

/// Makes the core types in two steps: first every type object and singleton, bare (no dict,
/// no MRO), which needs nothing but allocation; then, once [`types`] can hand them out, their
/// names, MROs, inherited slots and dicts, bases first.
#[cold]
fn init_types() -> &'static Types {
    let builders = [
        typemethods::object_builder(),
        typemethods::type_builder(),
        str::type_builder(),
        dict::type_builder(),
        tuple::type_builder(),
        int::type_builder(),
        int::bool_builder(),
        float::type_builder(),
        list::type_builder(),
        singletons::none_builder(),
        singletons::not_implemented_builder(),
        singletons::ellipsis_builder(),
    ];
    let [object_b, type_b, str_b, dict_b, tuple_b, int_b, bool_b, float_b, list_b, none_b, ni_b, ell_b] =
        &builders;
    let type_ = object::alloc_type_of_type(type_b.raw_data(None));
    let object = object::alloc(&type_, object_b.raw_data(None));
    typeobject::set_base(&type_, &object);
    let bare = |b: &typeobject::TypeBuilder, base: &Value| {
        object::alloc(&type_, b.raw_data(Some(base.clone())))
    };
    let str = bare(str_b, &object);
    let dict = bare(dict_b, &object);
    let tuple = bare(tuple_b, &object);
    let int = bare(int_b, &object);
    let bool_ = bare(bool_b, &int);
    let float = bare(float_b, &object);
    let list = bare(list_b, &object);
    let none_type = bare(none_b, &object);
    let not_implemented_type = bare(ni_b, &object);
    let ellipsis_type = bare(ell_b, &object);
    let t = Types {
        none: object::alloc(&none_type, ()),
        true_: object::alloc(&bool_, int::IntData(1.into())),
        false_: object::alloc(&bool_, int::IntData(0.into())),
        not_implemented: object::alloc(&not_implemented_type, ()),
        ellipsis: object::alloc(&ellipsis_type, ()),
        empty_str: object::alloc(&str, str::StrData::from_text("")),
        empty_tuple: object::alloc(&tuple, tuple::TupleData::new(Vec::new())),
        object,
        type_,
        str,
        dict,
        tuple,
        int,
        bool: bool_,
        float,
        list,
        none_type,
        not_implemented_type,
        ellipsis_type,
    };
    if TYPES.set(SyncCell(t)).is_err() {
        unreachable!("the interpreter initialises its types once, on one thread");
    }
    let t = types();
    let order = [
        &t.object,
        &t.type_,
        &t.str,
        &t.dict,
        &t.tuple,
        &t.int,
        &t.bool,
        &t.float,
        &t.list,
        &t.none_type,
        &t.not_implemented_type,
        &t.ellipsis_type,
    ];
    for (builder, ty) in builders.iter().zip(order) {
        builder.fill(ty);
    }
    t
}

/// `None`.
#[inline]
pub fn none() -> Value {
    types().none.clone()
}

/// `True` or `False`.
#[inline]
pub fn bool(b: bool) -> Value {
    let t = types();
    if b {
        t.true_.clone()
    } else {
        t.false_.clone()
    }
}

/// `NotImplemented`.
#[inline]
pub fn not_implemented() -> Value {
    types().not_implemented.clone()
}

/// The `list` type.
#[inline]
pub fn list_type() -> &'static Value {
    &types().list
}
