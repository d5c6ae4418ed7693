//! Type objects (CPython's Objects/typeobject.c): [`TypeData`], the table of [`Slots`] every
//! operation dispatches through, building the built-in types ([`TypeBuilder`]), classes
//! defined in Python ([`new_class`]), the C3 method resolution order and attribute lookup
//! along it.
//!
//! A slot is a Rust function pointer per operation (`repr`, `hash`, `+`, `[]`, `()`…). A
//! built-in type fills the slots it implements and inherits the rest from its base; its dict
//! gets a wrapper per slot (`int.__add__`) so Python code can call them. A class defined in
//! Python gets, for every dunder method found along its MRO, the generic slot that calls that
//! method ([`crate::slots`]), or, when the dunder is a built-in base's wrapper for the same
//! slot, that base's Rust function directly.

use std::any::TypeId;
use std::cell::{Cell, OnceCell, RefCell};

use crate::args::Args;
use crate::dict::DictData;
use crate::error::{PyErr, PyResult};
use crate::native::MethodDef;
use crate::object::{self, Header, Payload};
use crate::str::{intern, StrData};
use crate::tuple::TupleData;
use crate::value::Value;
use crate::{slots, types};

/// `repr`, `str`, `iter`, unary operators: one object in, one out.
pub type UnaryFn = fn(&Value) -> PyResult<Value>;
/// Binary operators, called as `slot(left, right)` on the slot of either operand's type.
pub type BinaryFn = fn(&Value, &Value) -> PyResult<Value>;
/// Three-argument `pow(a, b, modulus)` with a modulus that is not `None`.
pub type TernaryFn = fn(&Value, &Value, &Value) -> PyResult<Value>;
/// `__hash__`.
pub type HashFn = fn(&Value) -> PyResult<i64>;
/// Rich comparison: `slot(self, other, op)`, NotImplemented when it does not know.
pub type CompareFn = fn(&Value, &Value, CompareOp) -> PyResult<Value>;
/// `__getattribute__`: `slot(obj, name)`.
pub type GetAttrFn = fn(&Value, &Value) -> PyResult<Value>;
/// `__setattr__` and `__delattr__` (value `None`).
pub type SetAttrFn = fn(&Value, &Value, Option<&Value>) -> PyResult<()>;
/// `__get__`: `slot(descriptor, instance or None, owner or None)`.
pub type DescrGetFn = fn(&Value, Option<&Value>, Option<&Value>) -> PyResult<Value>;
/// `__set__` and `__delete__` (value `None`): `slot(descriptor, instance, value)`.
pub type DescrSetFn = fn(&Value, &Value, Option<&Value>) -> PyResult<()>;
/// `__call__`.
pub type CallFn = fn(&Value, Args<'_>) -> PyResult<Value>;
/// `__next__`: `None` when the iterator is exhausted (no StopIteration is made).
pub type NextFn = fn(&Value) -> PyResult<Option<Value>>;
/// `__len__`.
pub type LenFn = fn(&Value) -> PyResult<usize>;
/// `__setitem__` and `__delitem__` (value `None`).
pub type SetItemFn = fn(&Value, &Value, Option<&Value>) -> PyResult<()>;
/// `__contains__`.
pub type ContainsFn = fn(&Value, &Value) -> PyResult<bool>;
/// `__bool__`.
pub type BoolFn = fn(&Value) -> PyResult<bool>;
/// `__new__`: `slot(cls, args)`.
pub type NewFn = fn(&Value, Args<'_>) -> PyResult<Value>;
/// `__init__`.
pub type InitFn = fn(&Value, Args<'_>) -> PyResult<()>;
/// Sequence repetition (`sq_repeat`): `slot(seq, count)`.
pub type RepeatFn = fn(&Value, isize) -> PyResult<Value>;

/// A rich comparison operator, numbered as CPython's `Py_LT`…`Py_GE` (and `COMPARE_OP`'s
/// argument).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompareOp {
    /// `<`
    Lt = 0,
    /// `<=`
    Le = 1,
    /// `==`
    Eq = 2,
    /// `!=`
    Ne = 3,
    /// `>`
    Gt = 4,
    /// `>=`
    Ge = 5,
}

impl CompareOp {
    /// The operator with its operands swapped (`a < b` is `b > a`).
    pub fn swapped(self) -> CompareOp {
        match self {
            CompareOp::Lt => CompareOp::Gt,
            CompareOp::Le => CompareOp::Ge,
            CompareOp::Eq => CompareOp::Eq,
            CompareOp::Ne => CompareOp::Ne,
            CompareOp::Gt => CompareOp::Lt,
            CompareOp::Ge => CompareOp::Le,
        }
    }

    /// The operator's symbol, as error messages print it.
    pub fn symbol(self) -> &'static str {
        ["<", "<=", "==", "!=", ">", ">="][self as usize]
    }

    /// The operator numbered `n` (0–5).
    pub fn from_index(n: usize) -> Option<CompareOp> {
        [
            CompareOp::Lt,
            CompareOp::Le,
            CompareOp::Eq,
            CompareOp::Ne,
            CompareOp::Gt,
            CompareOp::Ge,
        ]
        .get(n)
        .copied()
    }

    /// The dunder method's name (`__lt__`…).
    pub fn dunder(self) -> &'static str {
        ["__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"][self as usize]
    }
}

/// A binary number operator, in the order of `BINARY_OP`'s argument (Include/opcode.h's
/// `NB_*`, the in-place ones being the same plus 13).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    /// `+`
    Add = 0,
    /// `&`
    And = 1,
    /// `//`
    FloorDiv = 2,
    /// `<<`
    LShift = 3,
    /// `@`
    MatMul = 4,
    /// `*`
    Mul = 5,
    /// `%`
    Mod = 6,
    /// `|`
    Or = 7,
    /// `**`
    Pow = 8,
    /// `>>`
    RShift = 9,
    /// `-`
    Sub = 10,
    /// `/`
    TrueDiv = 11,
    /// `^`
    Xor = 12,
}

/// How many binary number operators there are.
pub const NB_COUNT: usize = 13;

impl BinOp {
    /// Every operator, in `BINARY_OP` order.
    pub const ALL: [BinOp; NB_COUNT] = [
        BinOp::Add,
        BinOp::And,
        BinOp::FloorDiv,
        BinOp::LShift,
        BinOp::MatMul,
        BinOp::Mul,
        BinOp::Mod,
        BinOp::Or,
        BinOp::Pow,
        BinOp::RShift,
        BinOp::Sub,
        BinOp::TrueDiv,
        BinOp::Xor,
    ];

    /// The operator's symbol in error messages (`+`, `**` or `pow()`…).
    pub fn symbol(self) -> &'static str {
        [
            "+", "&", "//", "<<", "@", "*", "%", "|", "**", ">>", "-", "/", "^",
        ][self as usize]
    }

    /// The dunder method (`__add__`).
    pub fn dunder(self) -> &'static str {
        [
            "__add__",
            "__and__",
            "__floordiv__",
            "__lshift__",
            "__matmul__",
            "__mul__",
            "__mod__",
            "__or__",
            "__pow__",
            "__rshift__",
            "__sub__",
            "__truediv__",
            "__xor__",
        ][self as usize]
    }

    /// The reflected dunder method (`__radd__`).
    pub fn rdunder(self) -> &'static str {
        [
            "__radd__",
            "__rand__",
            "__rfloordiv__",
            "__rlshift__",
            "__rmatmul__",
            "__rmul__",
            "__rmod__",
            "__ror__",
            "__rpow__",
            "__rrshift__",
            "__rsub__",
            "__rtruediv__",
            "__rxor__",
        ][self as usize]
    }

    /// The in-place dunder method (`__iadd__`).
    pub fn idunder(self) -> &'static str {
        [
            "__iadd__",
            "__iand__",
            "__ifloordiv__",
            "__ilshift__",
            "__imatmul__",
            "__imul__",
            "__imod__",
            "__ior__",
            "__ipow__",
            "__irshift__",
            "__isub__",
            "__itruediv__",
            "__ixor__",
        ][self as usize]
    }
}

/// The unary slots that return an object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    /// `-x`
    Neg = 0,
    /// `+x`
    Pos = 1,
    /// `abs(x)`
    Abs = 2,
    /// `~x`
    Invert = 3,
    /// `int(x)`
    Int = 4,
    /// `float(x)`
    Float = 5,
    /// `operator.index(x)`
    Index = 6,
}

/// How many unary slots there are.
pub const UNARY_COUNT: usize = 7;

impl UnaryOp {
    /// The dunder method.
    pub fn dunder(self) -> &'static str {
        [
            "__neg__",
            "__pos__",
            "__abs__",
            "__invert__",
            "__int__",
            "__float__",
            "__index__",
        ][self as usize]
    }
}

/// A type's operations (CPython's `tp_*`, `nb_*`, `sq_*` and `mp_*` slots, merged where
/// Python code cannot tell them apart). `None` means the type does not support it.
#[derive(Default)]
pub struct Slots {
    /// `repr()`.
    pub repr: Cell<Option<UnaryFn>>,
    /// `str()`.
    pub str: Cell<Option<UnaryFn>>,
    /// `hash()`; `None` means unhashable.
    pub hash: Cell<Option<HashFn>>,
    /// `<`, `==`…
    pub richcompare: Cell<Option<CompareFn>>,
    /// Attribute lookup (`__getattribute__`, with `__getattr__` as its fallback).
    pub getattro: Cell<Option<GetAttrFn>>,
    /// Attribute assignment and deletion.
    pub setattro: Cell<Option<SetAttrFn>>,
    /// Descriptor `__get__`.
    pub descr_get: Cell<Option<DescrGetFn>>,
    /// Descriptor `__set__`/`__delete__`: its presence makes a data descriptor.
    pub descr_set: Cell<Option<DescrSetFn>>,
    /// Calling the object.
    pub call: Cell<Option<CallFn>>,
    /// `iter()`.
    pub iter: Cell<Option<UnaryFn>>,
    /// `next()`.
    pub next: Cell<Option<NextFn>>,
    /// `len()`.
    pub len: Cell<Option<LenFn>>,
    /// `obj[key]`.
    pub getitem: Cell<Option<BinaryFn>>,
    /// `obj[key] = value`, `del obj[key]`.
    pub setitem: Cell<Option<SetItemFn>>,
    /// `in`.
    pub contains: Cell<Option<ContainsFn>>,
    /// Truth value.
    pub bool: Cell<Option<BoolFn>>,
    /// Binary operators, indexed by [`BinOp`].
    pub number: [Cell<Option<BinaryFn>>; NB_COUNT],
    /// In-place operators, indexed by [`BinOp`].
    pub inplace: [Cell<Option<BinaryFn>>; NB_COUNT],
    /// Unary operators and conversions, indexed by [`UnaryOp`].
    pub unary: [Cell<Option<UnaryFn>>; UNARY_COUNT],
    /// `divmod(a, b)`, called as `slot(a, b)` on the slot of either operand's type.
    pub divmod: Cell<Option<BinaryFn>>,
    /// `pow(a, b, modulus)` with a modulus other than `None` (CPython's ternary `nb_power`).
    pub pow3: Cell<Option<TernaryFn>>,
    /// Sequence concatenation, tried after `+` finds no number slot (`sq_concat`).
    pub concat: Cell<Option<BinaryFn>>,
    /// Sequence repetition, tried after `*` finds no number slot (`sq_repeat`).
    pub repeat: Cell<Option<RepeatFn>>,
    /// `cls.__new__`.
    pub new: Cell<Option<NewFn>>,
    /// `obj.__init__`.
    pub init: Cell<Option<InitFn>>,
    /// Runs when the object dies (`__del__`).
    pub del: Cell<Option<fn(&Value)>>,
}

macro_rules! each_plain_slot {
    ($m:ident) => {
        $m!(
            repr,
            str,
            hash,
            richcompare,
            getattro,
            setattro,
            descr_get,
            descr_set,
            call,
            iter,
            next,
            len,
            getitem,
            setitem,
            contains,
            bool,
            divmod,
            pow3,
            concat,
            repeat,
            new,
            init,
            del
        );
    };
}

impl Slots {
    /// Fills every slot this table lacks from `base`'s (CPython's `inherit_slots`).
    fn inherit(&self, base: &Slots) {
        macro_rules! inherit {
            ($($name:ident),*) => {
                $(if self.$name.get().is_none() { self.$name.set(base.$name.get()); })*
            };
        }
        each_plain_slot!(inherit);
        for (mine, theirs) in self.number.iter().zip(&base.number) {
            if mine.get().is_none() {
                mine.set(theirs.get());
            }
        }
        for (mine, theirs) in self.inplace.iter().zip(&base.inplace) {
            if mine.get().is_none() {
                mine.set(theirs.get());
            }
        }
        for (mine, theirs) in self.unary.iter().zip(&base.unary) {
            if mine.get().is_none() {
                mine.set(theirs.get());
            }
        }
    }
}

/// Type flags (a subset of CPython's `Py_TPFLAGS_*`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TypeFlags(pub u32);

impl TypeFlags {
    /// Defined in Python (a `class` statement or `type(name, bases, dict)`): its attributes can
    /// be set.
    pub const HEAPTYPE: TypeFlags = TypeFlags(1 << 9);
    /// Can be subclassed.
    pub const BASETYPE: TypeFlags = TypeFlags(1 << 10);
    /// Instances may be weakly referenced (CPython's `tp_weaklistoffset` being set; the
    /// weak references themselves live in [`crate::weakref`]'s side table).
    pub const MANAGED_WEAKREF: TypeFlags = TypeFlags(1 << 3);
    /// Instances match sequence patterns in `match` (list, tuple, range, memoryview, and
    /// what `collections.abc.Sequence` registers or is subclassed by; CPython's
    /// `Py_TPFLAGS_SEQUENCE`). A class without it or [`TypeFlags::MAPPING`] takes its base's.
    pub const SEQUENCE: TypeFlags = TypeFlags(1 << 5);
    /// Instances match mapping patterns in `match` (dict, and what
    /// `collections.abc.Mapping` registers or is subclassed by; `Py_TPFLAGS_MAPPING`).
    pub const MAPPING: TypeFlags = TypeFlags(1 << 6);
    /// Has abstract methods (instances cannot be made).
    pub const IS_ABSTRACT: TypeFlags = TypeFlags(1 << 20);
    /// Instances are immutable (no attribute setting on the type).
    pub const IMMUTABLETYPE: TypeFlags = TypeFlags(1 << 8);
    /// Instances are unbound methods: calling `obj.name()` may call them with `obj` first
    /// instead of binding (functions, method descriptors).
    pub const METHOD_DESCRIPTOR: TypeFlags = TypeFlags(1 << 17);

    /// Whether every flag of `other` is set.
    pub fn contains(self, other: TypeFlags) -> bool {
        self.0 & other.0 == other.0
    }
}

/// The payload of a type object.
pub struct TypeData {
    name: RefCell<Value>,
    qualname: RefCell<Value>,
    /// Flags.
    pub flags: Cell<TypeFlags>,
    base: RefCell<Option<Value>>,
    bases: RefCell<Value>,
    mro: RefCell<Value>,
    dict: OnceCell<Value>,
    /// The operations.
    pub slots: Slots,
    /// The Rust type of the instances' payload (inherited by subclasses).
    pub payload: TypeId,
    /// The size of an instance in bytes, instance dict included.
    pub basic_size: usize,
    /// Where an instance keeps its dict slot (0: instances have none).
    pub dict_offset: usize,
    /// Drops an instance's payload in place.
    pub drop_payload: unsafe fn(*mut Header),
    /// Whether the cycle collector tracks instances, and how it visits and clears them.
    pub gc: crate::gc::GcOps,
    /// Changes whenever the type or a base is changed, so caches keyed on it go stale.
    pub version: Cell<u32>,
    /// Where instances keep their `__slots__` cells, inherited ones included (see
    /// [`crate::member`]).
    pub member_offsets: Box<[usize]>,
    /// The module of a built-in type outside `builtins` (see [`TypeData::name`]).
    native_module: Option<&'static str>,
    /// The direct subclasses, in the order they were made (CPython's `tp_subclasses`).
    subclasses: RefCell<Vec<Subclass>>,
}

/// An entry of a type's list of direct subclasses.
enum Subclass {
    /// A class defined in Python, held by a weak reference so that it may die.
    Weak(Value),
    /// A built-in type, which lives as long as the process.
    Static(Value),
}

impl Payload for TypeData {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        for cell in [&self.name, &self.qualname, &self.bases, &self.mro] {
            if let Ok(v) = cell.try_borrow() {
                visit(&v);
            }
        }
        if let Ok(base) = self.base.try_borrow() {
            if let Some(b) = base.as_ref() {
                visit(b);
            }
        }
        if let Some(d) = self.dict.get() {
            visit(d);
        }
        if let Ok(subclasses) = self.subclasses.try_borrow() {
            for s in subclasses.iter() {
                match s {
                    Subclass::Weak(v) | Subclass::Static(v) => visit(v),
                }
            }
        }
    }

    /// The MRO, which lists the class itself, is the one cycle a class forms alone (CPython's
    /// `type_clear` drops it too); its dict is cleared as a dict of its own.
    fn clear(&self) {
        let old = self
            .mro
            .try_borrow_mut()
            .map(|mut m| std::mem::replace(&mut *m, crate::tuple::empty()));
        drop(old);
    }
}

static NEXT_VERSION: crate::SyncCell<Cell<u32>> = crate::SyncCell(Cell::new(1));

fn next_version() -> u32 {
    let v = &NEXT_VERSION.0;
    let n = v.get();
    v.set(n.wrapping_add(1).max(1));
    n
}

impl TypeData {
    /// `__name__`, as Rust text.
    pub fn name(&self) -> String {
        let name = self.name.borrow();
        name.downcast::<StrData>()
            .map(|s| s.to_string_lossy())
            .unwrap_or_default()
    }

    /// The name CPython's generic error messages use (`tp_name`): [`TypeData::name`],
    /// prefixed with the module for a built-in type that belongs to a module other than
    /// `builtins` (`'collections.deque'`, `'re.Pattern'`); classes made at run time have
    /// their bare name.
    pub fn tp_name(&self) -> String {
        match self.native_module {
            Some(module) if !self.is_heap_type() => format!("{module}.{}", self.name()),
            _ => self.name(),
        }
    }

    /// `__name__`.
    pub fn name_value(&self) -> Value {
        self.name.borrow().clone()
    }

    /// Sets `__name__`.
    pub fn set_name(&self, name: Value) {
        *self.name.borrow_mut() = name;
    }

    /// `__qualname__`.
    pub fn qualname(&self) -> Value {
        self.qualname.borrow().clone()
    }

    /// Sets `__qualname__`.
    pub fn set_qualname(&self, name: Value) {
        *self.qualname.borrow_mut() = name;
    }

    /// `__base__`.
    pub fn base(&self) -> Option<Value> {
        self.base.borrow().clone()
    }

    /// `__bases__` (a tuple).
    pub fn bases(&self) -> Value {
        self.bases.borrow().clone()
    }

    /// `__mro__` (a tuple).
    pub fn mro(&self) -> Value {
        self.mro.borrow().clone()
    }

    /// The type's own dict.
    pub fn dict(&self) -> &Value {
        self.dict.get().expect("a type's dict is made with it")
    }

    pub(crate) fn dict_data(&self) -> &DictData {
        self.dict()
            .downcast::<DictData>()
            .expect("a type's dict is a dict")
    }

    /// Records `class`, made with this type among its bases, as a direct subclass (weakly:
    /// the entry reads as gone once the class dies, and dead entries are dropped here).
    fn add_subclass(&self, class: &Value) {
        let Ok(wr) = crate::weakref::new_ref(crate::weakref::ref_type(), class, None) else {
            return;
        };
        let mut list = self.subclasses.borrow_mut();
        list.retain(|e| match e {
            Subclass::Weak(wr) => crate::weakref::referent_of(wr).is_some(),
            Subclass::Static(_) => true,
        });
        list.push(Subclass::Weak(wr));
    }

    /// The direct subclasses still alive, in the order they were made (`__subclasses__()`).
    pub fn subclasses(&self) -> Vec<Value> {
        let list = self.subclasses.borrow();
        list.iter()
            .filter_map(|e| match e {
                Subclass::Weak(wr) => crate::weakref::referent_of(wr),
                Subclass::Static(ty) => Some(ty.clone()),
            })
            .collect()
    }

    /// Whether it was defined in Python.
    pub fn is_heap_type(&self) -> bool {
        self.flags.get().contains(TypeFlags::HEAPTYPE)
    }

    /// Finds `name` along the MRO (CPython's `_PyType_Lookup`); never runs Python code.
    ///
    /// Answers come from a cache keyed by (type version, name) that any change to any
    /// type's dict or MRO empties (see [`type_dicts_changed`]), so a hot attribute costs one
    /// probe instead of a dict lookup per class in the MRO (CPython's type attribute cache).
    #[inline]
    pub fn lookup(&self, name: &Value) -> Option<Value> {
        let version = self.version.get();
        let slot = cache_slot(version, name);
        let epoch = TYPE_EPOCH.0.get();
        let cache = &ATTRIBUTE_CACHE.0;
        {
            let entries = cache.borrow();
            let e = &entries[slot];
            if e.version == version
                && e.epoch == epoch
                && e.name.as_ref().is_some_and(|n| n.is(name))
            {
                // The value is held by a dict of a class in this type's MRO: it cannot have
                // been released, because every change to such a dict or to the
                // MRO moves the epoch first, and the type (whose version is never reused)
                // keeps its MRO alive.
                return e.value.as_deref().cloned();
            }
        }
        let found = self.lookup_uncached(name);
        if name.is_exact(&crate::types().str) {
            if let Ok(mut entries) = cache.try_borrow_mut() {
                let old_name = std::mem::replace(
                    &mut entries[slot],
                    CacheEntry {
                        version,
                        epoch,
                        name: Some(name.clone()),
                        // SAFETY: an uncounted copy, cloned only while valid (see above).
                        value: found
                            .as_ref()
                            .map(|v| std::mem::ManuallyDrop::new(unsafe { std::ptr::read(v) })),
                    },
                )
                .name;
                drop(entries);
                drop(old_name);
            }
        }
        found
    }

    /// [`TypeData::lookup`] without the cache: the MRO walk.
    fn lookup_uncached(&self, name: &Value) -> Option<Value> {
        let mro = self.mro.borrow();
        let mro = mro.downcast::<TupleData>()?;
        for class in mro.items() {
            // SAFETY: MRO entries are types.
            let ty = unsafe { class.downcast_unchecked::<TypeData>() };
            if let Some(found) = ty.dict_data().get_str(name) {
                return Some(found);
            }
        }
        None
    }

    /// [`TypeData::lookup`] by Rust name.
    pub fn lookup_str(&self, name: &str) -> Option<Value> {
        self.lookup(&intern(name))
    }

    /// Marks the type changed (its dict or bases), invalidating caches.
    pub fn modified(&self) {
        self.version.set(next_version());
        type_dicts_changed();
    }
}

/// Moves the epoch of the attribute cache: every entry made before is stale. Called before
/// a type's dict or MRO changes release anything.
#[inline]
pub(crate) fn type_dicts_changed() {
    let e = &TYPE_EPOCH.0;
    e.set(e.get().wrapping_add(1));
}

static TYPE_EPOCH: crate::SyncCell<Cell<u64>> = crate::SyncCell(Cell::new(1));

/// One entry of the attribute cache: `value` is the found object, held by a class's dict
/// (this copy is not counted: it is never dropped, only cloned while the epoch says it is
/// alive), or `None` for "not found".
struct CacheEntry {
    version: u32,
    epoch: u64,
    name: Option<Value>,
    value: Option<std::mem::ManuallyDrop<Value>>,
}

const CACHE_SIZE: usize = 4096;

static ATTRIBUTE_CACHE: crate::SyncCell<std::cell::LazyCell<RefCell<Vec<CacheEntry>>>> =
    crate::SyncCell(std::cell::LazyCell::new(|| {
        RefCell::new(
            (0..CACHE_SIZE)
                .map(|_| CacheEntry {
                    version: 0,
                    epoch: 0,
                    name: None,
                    value: None,
                })
                .collect(),
        )
    }));

#[inline]
fn cache_slot(version: u32, name: &Value) -> usize {
    let h = (name.word() >> 4) ^ (version as usize).wrapping_mul(0x9E37_79B9);
    h & (CACHE_SIZE - 1)
}

/// Whether `sub` is `ty` or a subclass of it (by MRO).
pub fn is_subtype(sub: &Value, ty: &Value) -> bool {
    if sub.is(ty) {
        return true;
    }
    // SAFETY: both are types (callers pass classes).
    let data = unsafe { sub.downcast_unchecked::<TypeData>() };
    let mro = data.mro.borrow();
    match mro.downcast::<TupleData>() {
        Some(mro) => mro.items().iter().any(|c| c.is(ty)),
        None => false,
    }
}

/// Whether `obj` is an instance of `ty` or of a subclass (by the real type, not
/// `__class__`; see the VM's `isinstance` for the full protocol).
#[inline]
pub fn is_instance(obj: &Value, ty: &Value) -> bool {
    obj.class().is(ty) || is_subtype(obj.class(), ty)
}

/// The data of a value known to be a type.
pub fn type_data(ty: &Value) -> Option<&TypeData> {
    ty.downcast::<TypeData>()
}

/// Builds a built-in type.
pub struct TypeBuilder {
    name: &'static str,
    module: Option<&'static str>,
    base: Option<Value>,
    payload: TypeId,
    drop_payload: unsafe fn(*mut Header),
    gc: crate::gc::GcOps,
    basic_size: usize,
    dict_offset: usize,
    dict_offset_if_wanted: usize,
    unhashable: bool,
    flags: TypeFlags,
    doc: Option<&'static str>,
    slots: Slots,
    methods: Vec<&'static [MethodDef]>,
    metatype: Option<Value>,
}

impl TypeBuilder {
    /// A type named `name` whose instances hold a `T`, subclass of `object` unless
    /// [`TypeBuilder::base`] says otherwise.
    pub fn new<T: Payload>(name: &'static str) -> TypeBuilder {
        TypeBuilder {
            name,
            module: None,
            base: None,
            payload: TypeId::of::<T>(),
            drop_payload: object::drop_payload::<T>,
            gc: crate::gc::GcOps::of::<T>(),
            basic_size: object::basic_size::<T>(),
            dict_offset: 0,
            dict_offset_if_wanted: object::dict_offset_after::<T>(),
            unhashable: false,
            flags: TypeFlags::IMMUTABLETYPE,
            doc: None,
            slots: Slots::default(),
            methods: Vec::new(),
            metatype: None,
        }
    }

    /// The base class (its payload must be a prefix of this type's: the same `T`, or
    /// `object`'s unit payload).
    pub fn base(mut self, base: &Value) -> TypeBuilder {
        self.base = Some(base.clone());
        self
    }

    /// `__module__`, when not `builtins`.
    pub fn module(mut self, module: &'static str) -> TypeBuilder {
        self.module = Some(module);
        self
    }

    /// Instances have a dict (like exceptions and functions).
    pub fn with_dict(mut self) -> TypeBuilder {
        self.dict_offset = self.dict_offset_if_wanted;
        self.basic_size = self.dict_offset + std::mem::size_of::<object::DictSlot>();
        self
    }

    /// Instances are unhashable (`__hash__ = None`, as for `list` and `dict`).
    pub fn unhashable(mut self) -> TypeBuilder {
        self.slots
            .hash
            .set(Some(crate::protocol::hash_not_implemented));
        self.unhashable = true;
        self
    }

    /// Adds type flags.
    pub fn flags(mut self, flags: TypeFlags) -> TypeBuilder {
        self.flags.0 |= flags.0;
        self
    }

    /// Python code may subclass it.
    pub fn subclassable(mut self) -> TypeBuilder {
        self.flags.0 |= TypeFlags::BASETYPE.0;
        self
    }

    /// `__doc__`.
    pub fn doc(mut self, doc: &'static str) -> TypeBuilder {
        self.doc = Some(doc);
        self
    }

    /// The type's slots (the rest inherited from the base).
    pub fn slots(self, fill: impl FnOnce(&Slots)) -> TypeBuilder {
        fill(&self.slots);
        self
    }

    /// Methods, class methods, static methods and getters for the type's dict.
    pub fn methods(mut self, methods: &'static [MethodDef]) -> TypeBuilder {
        self.methods.push(methods);
        self
    }

    /// The type's type (default `type`).
    pub fn metatype(mut self, metatype: &Value) -> TypeBuilder {
        self.metatype = Some(metatype.clone());
        self
    }

    /// Makes the type object.
    pub fn build(self) -> Value {
        let t = types();
        let base = self.base.clone().unwrap_or_else(|| t.object.clone());
        let metatype = self.metatype.clone().unwrap_or(t.type_.clone());
        let ty = object::alloc(&metatype, self.raw_data(Some(base)));
        self.fill(&ty);
        ty
    }

    /// The type object without its name, MRO or dict, to be completed by
    /// [`TypeBuilder::fill`] once it is registered: for types whose own dict holds instances
    /// of themselves (descriptors), which could not be made before they exist.
    pub(crate) fn build_bare(&self) -> Value {
        let t = types();
        let base = self.base.clone().unwrap_or_else(|| t.object.clone());
        let metatype = self.metatype.clone().unwrap_or(t.type_.clone());
        object::alloc(&metatype, self.raw_data(Some(base)))
    }

    /// The type's data without a dict, MRO or inherited slots: for the types that exist before
    /// `dict`, `tuple` and `str` do.
    pub(crate) fn raw_data(&self, base: Option<Value>) -> TypeData {
        let slots = Slots::default();
        copy_slots(&slots, &self.slots);
        TypeData {
            name: RefCell::new(Value::small(0)),
            qualname: RefCell::new(Value::small(0)),
            flags: Cell::new(self.flags),
            base: RefCell::new(base),
            bases: RefCell::new(Value::small(0)),
            mro: RefCell::new(Value::small(0)),
            dict: OnceCell::new(),
            slots,
            payload: self.payload,
            basic_size: self.basic_size,
            dict_offset: self.dict_offset,
            drop_payload: self.drop_payload,
            gc: self.gc.with_instance_slots(self.dict_offset != 0),
            version: Cell::new(next_version()),
            member_offsets: Box::new([]),
            subclasses: RefCell::new(Vec::new()),
            native_module: self.module,
        }
    }

    /// Gives a type made by [`TypeBuilder::raw_data`] its name, bases, MRO, inherited slots
    /// and dict.
    pub(crate) fn fill(&self, ty: &Value) {
        let data = type_data(ty).expect("a type");
        let name = intern(self.name);
        data.set_name(name.clone());
        data.set_qualname(name);
        let base = data.base();
        let bases: Vec<Value> = base.iter().cloned().collect();
        *data.bases.borrow_mut() = crate::tuple::new(bases);
        let mut mro = vec![ty.clone()];
        if let Some(base) = &base {
            let base_data = type_data(base).expect("a type");
            let base_mro = base_data.mro();
            mro.extend(
                base_mro
                    .downcast::<TupleData>()
                    .expect("tuple")
                    .items()
                    .iter()
                    .cloned(),
            );
            data.slots.inherit(&base_data.slots);
            base_data
                .subclasses
                .borrow_mut()
                .push(Subclass::Static(ty.clone()));
        }
        *data.mro.borrow_mut() = crate::tuple::new(mro);
        let dict = crate::dict::new();
        let _ = data.dict.set(dict);
        let d = data.dict_data();
        d.watch();
        for table in &self.methods {
            for def in table.iter() {
                let value = crate::native::make_method(def, ty);
                d.set_str(def.name, value);
            }
        }
        slots::add_wrappers(ty, &self.slots);
        if self.unhashable {
            d.set_str("__hash__", crate::none());
        }
        let module = self.module.unwrap_or("builtins");
        if d.get_str(&intern("__module__")).is_none() {
            d.set_str("__module__", intern(module));
        }
        // A class of `builtins` without a docstring of its own has CPython's.
        let doc = match self.doc {
            Some(doc) => Some(doc),
            None if self.module.is_none() => crate::builtin_docs::lookup(self.name).map(|d| d.0),
            None => None,
        };
        let doc = match doc {
            Some(doc) => crate::str::new(doc),
            None => crate::none(),
        };
        if d.get_str(&intern("__doc__")).is_none() {
            d.set_str("__doc__", doc);
        }
    }
}

fn copy_slots(to: &Slots, from: &Slots) {
    macro_rules! copy {
        ($($name:ident),*) => { $(to.$name.set(from.$name.get());)* };
    }
    each_plain_slot!(copy);
    for (a, b) in to.number.iter().zip(&from.number) {
        a.set(b.get());
    }
    for (a, b) in to.inplace.iter().zip(&from.inplace) {
        a.set(b.get());
    }
    for (a, b) in to.unary.iter().zip(&from.unary) {
        a.set(b.get());
    }
}

/// Gives a built-in type more bases than its layout base (`ExceptionGroup` derives from both
/// `BaseExceptionGroup` and `Exception`): `__bases__` becomes `bases`, the first of which is
/// the type's base, and the MRO their C3 linearisation.
pub(crate) fn set_builtin_bases(ty: &Value, bases: &[Value]) -> PyResult<()> {
    let mro = c3_mro(ty, bases)?;
    let data = type_data(ty).expect("a type");
    for base in &bases[1..] {
        if let Some(base_data) = type_data(base) {
            base_data
                .subclasses
                .borrow_mut()
                .push(Subclass::Static(ty.clone()));
        }
    }
    *data.bases.borrow_mut() = crate::tuple::new(bases.to_vec());
    *data.mro.borrow_mut() = crate::tuple::new(mro);
    data.modified();
    Ok(())
}

/// Sets the base of a bare type (`type`'s base is `object`, made after it).
pub(crate) fn set_base(ty: &Value, base: &Value) {
    *type_data(ty).expect("a type").base.borrow_mut() = Some(base.clone());
}

/// CPython's C3 linearisation (`mro_internal`): the MRO of a class with these bases, or the
/// TypeError "Cannot create a consistent method resolution order (MRO) for bases A, B".
pub fn c3_mro(class: &Value, bases: &[Value]) -> PyResult<Vec<Value>> {
    let mut sequences: Vec<Vec<Value>> = Vec::new();
    for (i, base) in bases.iter().enumerate() {
        if bases[..i].iter().any(|b| b.is(base)) {
            let name = type_data(base).map(|t| t.name()).unwrap_or_default();
            return Err(PyErr::type_error(format!("duplicate base class {name}")));
        }
    }
    for base in bases {
        let data = type_data(base).ok_or_else(|| PyErr::type_error("bases must be types"))?;
        let mro = data.mro();
        sequences.push(mro.downcast::<TupleData>().expect("tuple").items().to_vec());
    }
    sequences.push(bases.to_vec());
    let mut result = vec![class.clone()];
    loop {
        sequences.retain(|s| !s.is_empty());
        if sequences.is_empty() {
            return Ok(result);
        }
        let candidate = sequences.iter().find_map(|seq| {
            let head = &seq[0];
            let in_tail = sequences
                .iter()
                .any(|other| other[1..].iter().any(|c| c.is(head)));
            (!in_tail).then(|| head.clone())
        });
        match candidate {
            Some(next) => {
                for seq in &mut sequences {
                    if seq[0].is(&next) {
                        seq.remove(0);
                    }
                }
                result.push(next);
            }
            None => {
                let mut names: Vec<String> = Vec::new();
                for seq in &sequences {
                    let name = type_data(&seq[0]).map(TypeData::name).unwrap_or_default();
                    if !names.contains(&name) {
                        names.push(name);
                    }
                }
                return Err(PyErr::type_error(format!(
                    "Cannot create a consistent method resolution order (MRO) for bases {}",
                    names.join(", ")
                )));
            }
        }
    }
}

/// The built-in base whose layout a class with these bases extends (CPython's `best_base`),
/// or "multiple bases have instance lay-out conflict".
fn solid_base(bases: &[Value]) -> PyResult<Value> {
    let object = &types().object;
    let mut winner: Option<Value> = None;
    for base in bases {
        let data = type_data(base).ok_or_else(|| PyErr::type_error("bases must be types"))?;
        if !data.flags.get().contains(TypeFlags::BASETYPE) {
            return Err(PyErr::type_error(format!(
                "type '{}' is not an acceptable base type",
                data.name()
            )));
        }
        let Some(current) = &winner else {
            winner = Some(base.clone());
            continue;
        };
        let current_data = type_data(current).unwrap();
        if current_data.payload == data.payload {
            // Same built-in layout: `__slots__` cells decide, the one extending the other
            // winning (CPython's `extra_ivars`).
            match (slots_owner(current), slots_owner(base)) {
                (_, None) => {}
                (None, Some(_)) => winner = Some(base.clone()),
                (Some(a), Some(b)) if is_subtype(&a, &b) => {}
                (Some(a), Some(b)) if is_subtype(&b, &a) => winner = Some(base.clone()),
                _ => {
                    return Err(PyErr::type_error(
                        "multiple bases have instance lay-out conflict",
                    ))
                }
            }
            continue;
        }
        if type_data(object).unwrap().payload == current_data.payload {
            winner = Some(base.clone());
        } else if type_data(object).unwrap().payload != data.payload {
            return Err(PyErr::type_error(
                "multiple bases have instance lay-out conflict",
            ));
        }
    }
    Ok(winner.unwrap_or_else(|| object.clone()))
}

/// The class whose `__slots__` last extended `ty`'s layout (`None` when it has no cells).
fn slots_owner(ty: &Value) -> Option<Value> {
    let mut current = ty.clone();
    loop {
        let data = type_data(&current)?;
        if data.member_offsets.is_empty() {
            return None;
        }
        let base = data.base()?;
        let base_len = type_data(&base).map_or(0, |b| b.member_offsets.len());
        if base_len != data.member_offsets.len() {
            return Some(current);
        }
        current = base;
    }
}

/// Creates a class (`type.__new__(metatype, name, bases, namespace)` once the namespace has
/// been copied): the layout, MRO, dict, slots. `__set_name__` and `__init_subclass__` are the
/// caller's (they run Python code).
pub fn new_class(
    metatype: &Value,
    name: Value,
    bases: &[Value],
    namespace: Value,
) -> PyResult<Value> {
    let t = types();
    let bases: Vec<Value> = if bases.is_empty() {
        vec![t.object.clone()]
    } else {
        bases.to_vec()
    };
    let base = solid_base(&bases)?;
    let base_data = type_data(&base).unwrap();
    let variable_size = crate::weakref::variable_size_base(&base);
    // A base that takes weak references, built-in (`type`, `set`…) or not, passes that on
    // even to a subclass whose `__slots__` leave `__weakref__` out (CPython's inherited
    // `tp_weaklistoffset`).
    let base_has_weakref = base_data.flags.get().contains(TypeFlags::MANAGED_WEAKREF);
    let slots_spec = match namespace.downcast::<DictData>() {
        Some(ns) => crate::member::read_slots(
            ns,
            &crate::str::text_of(&name).unwrap_or_default(),
            &base_data.name(),
            base_data.dict_offset != 0,
            base_has_weakref,
            variable_size,
        )?,
        None => None,
    };
    // `__slots__` cells come after the base's layout, then the instance dict if the class
    // adds one (every class without `__slots__` does, unless its base has one).
    let cell = std::mem::size_of::<object::DictSlot>();
    let mut basic_size = (base_data.basic_size + 7) & !7;
    let mut member_offsets = base_data.member_offsets.to_vec();
    let mut new_members = Vec::new();
    if let Some(spec) = &slots_spec {
        for member in &spec.members {
            new_members.push((member.clone(), basic_size));
            member_offsets.push(basic_size);
            basic_size += cell;
        }
    }
    let wants_dict = slots_spec.as_ref().is_none_or(|s| s.add_dict);
    let (dict_offset, basic_size) = if base_data.dict_offset != 0 {
        (base_data.dict_offset, basic_size.max(base_data.basic_size))
    } else if wants_dict {
        (basic_size, basic_size + cell)
    } else {
        (0, basic_size)
    };
    // Instances of a class take weak references, unless its layout is a variable-size
    // built-in's (int, tuple, bytes), which CPython gives no room for them, or its
    // `__slots__` leave `__weakref__` out.
    let weakref_flag = match &slots_spec {
        _ if variable_size => 0,
        Some(spec) if !spec.add_weakref && !base_has_weakref => 0,
        _ => TypeFlags::MANAGED_WEAKREF.0,
    };
    let data = TypeData {
        name: RefCell::new(name.clone()),
        qualname: RefCell::new(name),
        flags: Cell::new(TypeFlags(
            TypeFlags::HEAPTYPE.0 | TypeFlags::BASETYPE.0 | weakref_flag,
        )),
        base: RefCell::new(Some(base.clone())),
        bases: RefCell::new(crate::tuple::new(bases.clone())),
        mro: RefCell::new(crate::tuple::empty()),
        dict: OnceCell::new(),
        slots: Slots::default(),
        payload: base_data.payload,
        basic_size,
        dict_offset,
        drop_payload: base_data.drop_payload,
        gc: base_data
            .gc
            .with_instance_slots(dict_offset != 0 || !member_offsets.is_empty()),
        version: Cell::new(next_version()),
        member_offsets: member_offsets.into_boxed_slice(),
        subclasses: RefCell::new(Vec::new()),
        native_module: None,
    };
    let class = object::alloc(metatype, data);
    let data = type_data(&class).unwrap();
    if let Some(ns) = namespace.downcast::<DictData>() {
        for (member, offset) in new_members {
            let descr = crate::member::new_member(member.clone(), offset, class.clone());
            ns.set_item(member, descr)?;
        }
    }
    let _ = data.dict.set(namespace);
    data.dict_data().watch();
    let mro = c3_mro(&class, &bases)?;
    *data.mro.borrow_mut() = crate::tuple::new(mro);
    let d = data.dict_data();
    if let Some(qualname) = d.get_str(&intern("__qualname__")) {
        if qualname.downcast::<StrData>().is_none() {
            return Err(PyErr::type_error(format!(
                "type __qualname__ must be a str, not {}",
                qualname.type_data().name()
            )));
        }
        data.set_qualname(qualname);
        d.del_str("__qualname__");
    }
    // `collections.abc.Sequence` and `Mapping` say in `__abc_tpflags__` what their
    // subclasses match as (CPython's `_abc._abc_init` takes it out of the dict).
    if let Some(flags) = d.get_str(&intern("__abc_tpflags__")) {
        if let Some(bits) = crate::int::as_i64(&flags) {
            let both = TypeFlags::SEQUENCE.0 | TypeFlags::MAPPING.0;
            if bits as u32 & both == both {
                return Err(PyErr::type_error(
                    "__abc_tpflags__ cannot be both Py_TPFLAGS_SEQUENCE and Py_TPFLAGS_MAPPING",
                ));
            }
            let f = data.flags.get();
            data.flags.set(TypeFlags(f.0 | (bits as u32 & both)));
            d.del_str("__abc_tpflags__");
        }
    }
    // A class that defines __eq__ but not __hash__ is unhashable.
    if d.get_str(&intern("__eq__")).is_some() && d.get_str(&intern("__hash__")).is_none() {
        d.set_str("__hash__", crate::none());
    }
    slots::fixup_heap_slots(&class);
    for base in &bases {
        if let Some(base_data) = type_data(base) {
            base_data.add_subclass(&class);
        }
    }
    Ok(class)
}

/// Recomputes a class's slots after `name` was set or deleted in its dict (or a base's).
pub fn update_slot(class: &Value, name: &Value) {
    if let Some(name) = name.downcast::<StrData>() {
        if name.as_bytes().starts_with(b"__") {
            slots::fixup_heap_slots(class);
        }
    }
    if let Some(data) = type_data(class) {
        data.modified();
    }
}
