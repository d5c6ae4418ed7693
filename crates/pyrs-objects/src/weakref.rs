//! Weak references (CPython's Objects/weakrefobject.c): `weakref.ReferenceType`,
//! `weakref.ProxyType` and `weakref.CallableProxyType`, and the table that finds an object's
//! weak references when it dies.
//!
//! A weak reference holds its referent's address, not a count. The referents' side of the
//! bookkeeping is a side table keyed by the referent's address, listing the weak references
//! to it; an object has an entry exactly when the has-weak-references bit of its header is
//! set ([`crate::object::Header`]), so deallocating an object that was never weakly
//! referenced costs one bit test. When a weakly referenced object dies, `clear_weakrefs`
//! takes its entry out of the table, marks every weak reference dead, and calls the
//! callbacks (an exception in one is reported as unraisable). A weak reference that dies
//! first takes itself off its referent's list.
//!
//! Which objects may be weakly referenced is a type flag,
//! [`crate::typeobject::TypeFlags::MANAGED_WEAKREF`]: set for classes defined in Python
//! (unless they extend `int`, `tuple` or `bytes`) and for the built-in types CPython gives a
//! weak-reference list (`type`, `set`, `frozenset`, functions, methods, modules, code…).

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::mem::ManuallyDrop;
use std::sync::OnceLock;

use crate::args::Args;
use crate::error::{PyErr, PyResult};
use crate::exceptions::ExcKind;
use crate::native::{MethodDef, MethodKind};
use crate::object::{Header, Payload};
use crate::protocol;
use crate::typeobject::{
    is_subtype, BinOp, CompareOp, TypeBuilder, TypeFlags, UnaryOp, NB_COUNT, UNARY_COUNT,
};
use crate::value::Value;
use crate::SyncCell;

/// The payload of a weak reference or a weak proxy.
pub struct WeakrefData {
    /// The referent's address, stored through [`hide`]; 0 once it died.
    referent: Cell<usize>,
    /// Called with the weak reference when the referent dies (then dropped).
    callback: RefCell<Option<Value>>,
    /// The referent's hash, once asked for.
    hash: Cell<Option<i64>>,
}

impl Payload for WeakrefData {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        if let Ok(cb) = self.callback.try_borrow() {
            if let Some(cb) = cb.as_ref() {
                visit(cb);
            }
        }
    }

    fn clear(&self) {
        let old = self.callback.try_borrow_mut().map(|mut cb| cb.take());
        drop(old);
    }
}

impl WeakrefData {
    /// The referent, if it is still alive.
    pub fn referent(&self) -> Option<Value> {
        let addr = reveal(self.referent.get());
        if addr == 0 {
            return None;
        }
        // SAFETY: a live referent has an entry listing this reference, and its death clears
        // `referent` before its memory goes; an object whose count already reached zero
        // (its freeing put off by the deallocation depth limit) is treated as dead.
        unsafe {
            let header = &*(addr as *const Header);
            if header.refcount() == 0 {
                return None;
            }
            Some(Value::from_borrowed(addr as *const Header))
        }
    }

    /// The callback, until the referent dies.
    pub fn callback(&self) -> Option<Value> {
        self.callback.borrow().clone()
    }
}

impl Drop for WeakrefData {
    fn drop(&mut self) {
        let target = reveal(self.referent.get());
        if target == 0 {
            return;
        }
        let me = (self as *const WeakrefData as usize) - crate::object::payload_offset::<Self>();
        let mut table = TABLE.0.borrow_mut();
        if let Some(list) = table.get_mut(&hide(target)) {
            list.retain(|&w| w != hide(me));
            if list.is_empty() {
                table.remove(&hide(target));
                // SAFETY: the referent is alive (it had not cleared this reference).
                unsafe { (*(target as *const Header)).set_weakly_referenced(false) };
            }
        }
    }
}

/// Referent address → the addresses of the weak references to it: the basic reference
/// (exact `ReferenceType`, no callback) first, then the basic proxy, then the others in the
/// order they were made. Addresses are stored through [`hide`], as is each reference's
/// `referent`.
static TABLE: SyncCell<RefCell<BTreeMap<usize, Vec<usize>>>> =
    SyncCell(RefCell::new(BTreeMap::new()));

/// An address as the table and the `referent` fields store it: complemented with the
/// `leak-check` feature, so that a leak checker does not take the weak-reference bookkeeping
/// for a pointer to the referents (or to the weak references): an object held only by a
/// cycle the collector cannot free is then reported even when something references it
/// weakly. Without the feature, the address itself. 0 (a dead reference) stays 0.
#[inline]
fn hide(addr: usize) -> usize {
    if cfg!(feature = "leak-check") && addr != 0 {
        !addr
    } else {
        addr
    }
}

/// The address [`hide`] stored.
#[inline]
fn reveal(stored: usize) -> usize {
    hide(stored)
}

/// Borrows the weak reference at `addr` (a live object listed in the table).
///
/// # Safety
/// `addr` is a live weak reference object.
unsafe fn borrow_at(addr: usize) -> ManuallyDrop<Value> {
    ManuallyDrop::new(Value::from_raw(addr as *const Header))
}

fn data_of(v: &Value) -> &WeakrefData {
    // SAFETY: only called on objects listed in the table or checked by `downcast`.
    unsafe { v.downcast_unchecked::<WeakrefData>() }
}

/// Called by the deallocator when an object whose header says it has weak references dies:
/// clears them and runs their callbacks, newest first (as CPython orders them).
///
/// # Safety
/// `ptr` is an object whose count reached zero and that nothing can reach any more.
pub(crate) unsafe fn clear_weakrefs(ptr: *mut Header) {
    let list = TABLE
        .0
        .borrow_mut()
        .remove(&hide(ptr as usize))
        .unwrap_or_default();
    (*ptr).set_weakly_referenced(false);
    let mut pending: Vec<(Value, Value)> = Vec::new();
    for &stored in list.iter().rev() {
        let addr = reveal(stored);
        let wr = borrow_at(addr);
        let data = data_of(&wr);
        data.referent.set(0);
        let callback = data.callback.borrow_mut().take();
        if let Some(callback) = callback {
            if (*(addr as *const Header)).refcount() > 0 {
                pending.push((Value::clone(&wr), callback));
            }
        }
    }
    for (wr, callback) in pending {
        if let Err(err) = protocol::call1(&callback, &[wr]) {
            (crate::hooks::get().unraisable)(&err, "Exception ignored in", Some(&callback));
        }
    }
}

/// The cycle collector's part (CPython's `handle_weakrefs`): clears the weak references to
/// the garbage object at `ptr`, and adds to `callbacks` those of the references that are not
/// garbage themselves (`garbage` lists the addresses), to be called once all are cleared.
///
/// # Safety
/// `ptr` is a live object.
pub(crate) unsafe fn clear_for_gc(
    ptr: *const Header,
    garbage: &std::collections::HashSet<usize>,
    callbacks: &mut Vec<(Value, Value)>,
) {
    if !(*ptr).is_weakly_referenced() {
        return;
    }
    let list = TABLE
        .0
        .borrow_mut()
        .remove(&hide(ptr as usize))
        .unwrap_or_default();
    (*ptr).set_weakly_referenced(false);
    for &stored in list.iter().rev() {
        let addr = reveal(stored);
        let wr = borrow_at(addr);
        let data = data_of(&wr);
        data.referent.set(0);
        if garbage.contains(&addr) {
            continue;
        }
        let callback = data.callback.borrow_mut().take();
        if let Some(callback) = callback {
            if (*(addr as *const Header)).refcount() > 0 {
                callbacks.push((Value::clone(&wr), callback));
            }
        }
    }
}

/// Whether a class extending `base` has a variable-size layout CPython gives no room for
/// weak references (`int`, `tuple`, `bytes` and their subclasses).
pub fn variable_size_base(base: &Value) -> bool {
    let t = crate::types();
    is_subtype(base, &t.int)
        || is_subtype(base, &t.tuple)
        || is_subtype(base, crate::bytes::bytes_type())
}

/// The `__weakref__` attribute a class defined in Python gets (when its base has none): the
/// first weak reference to the instance, or `None`.
pub(crate) const WEAKREF_ATTR: &[MethodDef] = &[MethodDef::new(
    "__weakref__",
    MethodKind::GetSet(instance_weakref, None),
)];

fn instance_weakref(obj: &Value) -> PyResult<Value> {
    Ok(weakrefs_of(obj)
        .into_iter()
        .next()
        .unwrap_or_else(crate::none))
}

/// Whether `obj` may be weakly referenced.
pub fn supports_weakrefs(obj: &Value) -> bool {
    !obj.is_small()
        && obj
            .type_data()
            .flags
            .get()
            .contains(TypeFlags::MANAGED_WEAKREF)
}

fn check_weakrefable(obj: &Value) -> PyResult<()> {
    if supports_weakrefs(obj) {
        Ok(())
    } else {
        Err(PyErr::type_error(format!(
            "cannot create weak reference to '{}' object",
            obj.type_data().name()
        )))
    }
}

/// The weak references to `obj`, in the table's order.
pub fn weakrefs_of(obj: &Value) -> Vec<Value> {
    let Some(header) = obj.header() else {
        return Vec::new();
    };
    if !header.is_weakly_referenced() {
        return Vec::new();
    }
    let table = TABLE.0.borrow();
    table
        .get(&hide(obj.word()))
        .map(|list| {
            list.iter()
                // SAFETY: listed references are alive.
                .map(|&a| unsafe { Value::from_borrowed(reveal(a) as *const Header) })
                .collect()
        })
        .unwrap_or_default()
}

/// How many weak references to `obj` exist.
pub fn weakref_count(obj: &Value) -> usize {
    match obj.header() {
        Some(h) if h.is_weakly_referenced() => {
            TABLE.0.borrow().get(&hide(obj.word())).map_or(0, Vec::len)
        }
        _ => 0,
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    BasicRef,
    BasicProxy,
    Other,
}

/// Makes a weak reference of class `cls` to `obj` (whose type was checked) and lists it.
fn make(cls: &Value, obj: &Value, callback: Option<Value>, kind: Kind) -> Value {
    let wr = crate::object::alloc(
        cls,
        WeakrefData {
            referent: Cell::new(hide(obj.word())),
            callback: RefCell::new(callback),
            hash: Cell::new(None),
        },
    );
    let header = obj
        .header()
        .expect("weakly referenced objects live on the heap");
    let mut table = TABLE.0.borrow_mut();
    let list = table.entry(hide(obj.word())).or_default();
    let at = match kind {
        Kind::BasicRef => 0,
        Kind::BasicProxy => usize::from(
            list.first()
                // SAFETY: listed references are alive.
                .is_some_and(|&a| is_basic(unsafe { &borrow_at(reveal(a)) }, ref_type())),
        ),
        Kind::Other => list.len(),
    };
    list.insert(at, hide(wr.word()));
    header.set_weakly_referenced(true);
    wr
}

fn is_basic(wr: &Value, ty: &Value) -> bool {
    wr.class().is(ty) && data_of(wr).callback.borrow().is_none()
}

/// The existing basic reference (or proxy, of type `ty`) to `obj`.
fn find_basic(obj: &Value, types: &[&Value]) -> Option<Value> {
    let header = obj.header()?;
    if !header.is_weakly_referenced() {
        return None;
    }
    let table = TABLE.0.borrow();
    let list = table.get(&hide(obj.word()))?;
    list.iter().take(2).find_map(|&a| {
        // SAFETY: listed references are alive.
        let wr = unsafe { borrow_at(reveal(a)) };
        types
            .iter()
            .any(|t| is_basic(&wr, t))
            .then(|| Value::clone(&wr))
    })
}

/// `weakref.ref(obj, callback=None)`: the basic reference when there is no callback and
/// the class is `ReferenceType` itself.
pub fn new_ref(cls: &Value, obj: &Value, callback: Option<Value>) -> PyResult<Value> {
    check_weakrefable(obj)?;
    let callback = callback.filter(|c| !protocol::is_none(c));
    let exact = cls.is(ref_type());
    if exact && callback.is_none() {
        if let Some(existing) = find_basic(obj, &[ref_type()]) {
            return Ok(existing);
        }
        return Ok(make(cls, obj, None, Kind::BasicRef));
    }
    Ok(make(cls, obj, callback, Kind::Other))
}

/// `weakref.proxy(obj, callback=None)`: a `CallableProxyType` for callable objects.
pub fn new_proxy(obj: &Value, callback: Option<Value>) -> PyResult<Value> {
    check_weakrefable(obj)?;
    let callback = callback.filter(|c| !protocol::is_none(c));
    let ty = if protocol::is_callable(obj) {
        callable_proxy_type()
    } else {
        proxy_type()
    };
    if callback.is_none() {
        if let Some(existing) = find_basic(obj, &[proxy_type(), callable_proxy_type()]) {
            return Ok(existing);
        }
        return Ok(make(ty, obj, None, Kind::BasicProxy));
    }
    Ok(make(ty, obj, callback, Kind::Other))
}

/// The referent of a weak reference or proxy `wr`, if alive (`None` for other objects).
pub fn referent_of(wr: &Value) -> Option<Value> {
    wr.downcast::<WeakrefData>().and_then(WeakrefData::referent)
}

/// Whether `v` is a weak reference (`ReferenceType` or a subclass).
pub fn is_ref(v: &Value) -> bool {
    crate::typeobject::is_instance(v, ref_type())
}

/// Whether `v` is a weak proxy.
pub fn is_proxy(v: &Value) -> bool {
    v.class().is(proxy_type()) || v.class().is(callable_proxy_type())
}

struct WeakTypes {
    reference: Value,
    proxy: Value,
    callable_proxy: Value,
}

static TYPES: OnceLock<SyncCell<WeakTypes>> = OnceLock::new();

fn weak_types() -> &'static WeakTypes {
    &TYPES
        .get_or_init(|| {
            SyncCell(WeakTypes {
                reference: TypeBuilder::new::<WeakrefData>("ReferenceType")
                    .module("weakref")
                    .subclassable()
                    .slots(|s| {
                        s.new.set(Some(ref_new));
                        s.init.set(Some(ref_init));
                        s.call.set(Some(ref_call));
                        s.hash.set(Some(ref_hash));
                        s.repr.set(Some(ref_repr));
                        s.richcompare.set(Some(ref_richcompare));
                    })
                    .methods(REF_METHODS)
                    .build(),
                proxy: proxy_builder("ProxyType").build(),
                callable_proxy: proxy_builder("CallableProxyType")
                    .slots(|s| s.call.set(Some(proxy_call)))
                    .build(),
            })
        })
        .0
}

/// `weakref.ReferenceType` (`weakref.ref`).
pub fn ref_type() -> &'static Value {
    &weak_types().reference
}

/// `weakref.ProxyType`.
pub fn proxy_type() -> &'static Value {
    &weak_types().proxy
}

/// `weakref.CallableProxyType`.
pub fn callable_proxy_type() -> &'static Value {
    &weak_types().callable_proxy
}

// ---------------------------------------------------------------------------------------
// ReferenceType

static REF_METHODS: &[MethodDef] = &[
    MethodDef::new("__callback__", MethodKind::GetSet(ref_callback, None)),
    MethodDef::new(
        "__class_getitem__",
        MethodKind::Class(crate::genericalias::class_getitem),
    ),
];

fn ref_callback(v: &Value) -> PyResult<Value> {
    let data = protocol::self_payload::<WeakrefData>(v, "__callback__", "weakref.ReferenceType")?;
    Ok(data.callback().unwrap_or_else(crate::none))
}

fn unpack<'a>(args: &Args<'a>, name: &str, what: &str) -> PyResult<&'a [Value]> {
    if args.has_kwargs() {
        return Err(PyErr::type_error(format!(
            "{what}() takes no keyword arguments"
        )));
    }
    let pos = args.pos();
    match pos.len() {
        1 | 2 => Ok(pos),
        0 => Err(PyErr::type_error(format!(
            "{name} expected at least 1 argument, got 0"
        ))),
        n => Err(PyErr::type_error(format!(
            "{name} expected at most 2 arguments, got {n}"
        ))),
    }
}

fn ref_new(cls: &Value, args: Args<'_>) -> PyResult<Value> {
    let pos = unpack(&args, "__new__", "ref")?;
    new_ref(cls, &pos[0], pos.get(1).cloned())
}

fn ref_init(_v: &Value, args: Args<'_>) -> PyResult<()> {
    unpack(&args, "__init__", "ref")?;
    Ok(())
}

fn ref_call(v: &Value, args: Args<'_>) -> PyResult<Value> {
    if args.has_kwargs() {
        return Err(PyErr::type_error("weakref() takes no keyword arguments"));
    }
    let n = args.pos().len();
    if n != 0 {
        return Err(PyErr::type_error(format!(
            "weakref expected 0 arguments, got {n}"
        )));
    }
    Ok(data_of(v).referent().unwrap_or_else(crate::none))
}

fn ref_hash(v: &Value) -> PyResult<i64> {
    let data = data_of(v);
    if let Some(h) = data.hash.get() {
        return Ok(h);
    }
    let Some(obj) = data.referent() else {
        return Err(PyErr::type_error("weak object has gone away"));
    };
    let h = protocol::hash(&obj)?;
    data.hash.set(Some(h));
    Ok(h)
}

/// The type's name as `%T` prints it: `module.qualname`, without `builtins.` or
/// `__main__.`.
fn qualified_type_name(obj: &Value) -> String {
    let ty = obj.type_data();
    let qualname = crate::str::text_of(&ty.qualname()).unwrap_or_else(|| ty.name());
    let module = ty
        .dict_data()
        .get_str(&crate::str::intern("__module__"))
        .and_then(|m| crate::str::text_of(&m));
    match module.as_deref() {
        Some("builtins") | Some("__main__") | None => qualname,
        Some(m) => format!("{m}.{qualname}"),
    }
}

fn ref_repr(v: &Value) -> PyResult<Value> {
    let data = data_of(v);
    let text = match data.referent() {
        None => format!("<weakref at {:#x}; dead>", v.word()),
        Some(obj) => {
            let name = protocol::lookup_special(&obj, "__name__")
                .ok()
                .flatten()
                .and_then(|n| crate::str::text_of(&n));
            match name {
                Some(name) => format!(
                    "<weakref at {:#x}; to '{}' at {:#x} ({name})>",
                    v.word(),
                    qualified_type_name(&obj),
                    obj.word()
                ),
                None => format!(
                    "<weakref at {:#x}; to '{}' at {:#x}>",
                    v.word(),
                    qualified_type_name(&obj),
                    obj.word()
                ),
            }
        }
    };
    Ok(crate::str::new(&text))
}

fn ref_richcompare(a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) || !is_ref(a) || !is_ref(b) {
        return Ok(crate::not_implemented());
    }
    match (data_of(a).referent(), data_of(b).referent()) {
        (Some(x), Some(y)) => protocol::rich_compare(&x, &y, op),
        _ => {
            let same = a.is(b);
            Ok(crate::bool(if op == CompareOp::Eq { same } else { !same }))
        }
    }
}

// ---------------------------------------------------------------------------------------
// ProxyType and CallableProxyType

fn dead() -> PyErr {
    PyErr::new(
        ExcKind::ReferenceError,
        "weakly-referenced object no longer exists",
    )
}

/// The proxy's referent, ReferenceError if it died; any other object is itself.
fn unwrap(v: &Value) -> PyResult<Value> {
    if is_proxy(v) {
        data_of(v).referent().ok_or_else(dead)
    } else {
        Ok(v.clone())
    }
}

macro_rules! proxy_binary {
    ($table:ident, $call:path; $($name:ident = $op:ident),* $(,)?) => {
        $(fn $name(a: &Value, b: &Value) -> PyResult<Value> {
            $call(&unwrap(a)?, &unwrap(b)?, BinOp::$op)
        })*
        const $table: [fn(&Value, &Value) -> PyResult<Value>; NB_COUNT] = [$($name),*];
    };
}

proxy_binary!(PROXY_NUMBER, protocol::binary_op;
    p_add = Add, p_and = And, p_floordiv = FloorDiv, p_lshift = LShift, p_matmul = MatMul,
    p_mul = Mul, p_mod = Mod, p_or = Or, p_pow = Pow, p_rshift = RShift, p_sub = Sub,
    p_truediv = TrueDiv, p_xor = Xor);

proxy_binary!(PROXY_INPLACE, protocol::inplace_op;
    p_iadd = Add, p_iand = And, p_ifloordiv = FloorDiv, p_ilshift = LShift,
    p_imatmul = MatMul, p_imul = Mul, p_imod = Mod, p_ior = Or, p_ipow = Pow,
    p_irshift = RShift, p_isub = Sub, p_itruediv = TrueDiv, p_ixor = Xor);

macro_rules! proxy_unary {
    ($($name:ident = $op:ident),* $(,)?) => {
        $(fn $name(a: &Value) -> PyResult<Value> {
            protocol::unary_op(&unwrap(a)?, UnaryOp::$op)
        })*
        const PROXY_UNARY: [fn(&Value) -> PyResult<Value>; UNARY_COUNT] = [$($name),*];
    };
}

proxy_unary!(
    p_neg = Neg,
    p_pos = Pos,
    p_abs = Abs,
    p_invert = Invert,
    p_int = Int,
    p_float = Float,
    p_index = Index
);

fn proxy_builder(name: &'static str) -> TypeBuilder {
    TypeBuilder::new::<WeakrefData>(name)
        .module("weakref")
        .slots(|s| {
            s.repr.set(Some(proxy_repr));
            s.str.set(Some(|v| protocol::str(&unwrap(v)?)));
            s.hash.set(Some(|v| {
                Err(PyErr::type_error(format!(
                    "unhashable type: 'weakref.{}'",
                    v.type_data().name()
                )))
            }));
            s.getattro
                .set(Some(|v, name| protocol::getattr(&unwrap(v)?, name)));
            s.setattro.set(Some(|v, name, value| {
                protocol::setattr(&unwrap(v)?, name, value)
            }));
            s.richcompare.set(Some(|a, b, op| {
                protocol::rich_compare(&unwrap(a)?, &unwrap(b)?, op)
            }));
            s.iter.set(Some(|v| protocol::iter(&unwrap(v)?)));
            s.next.set(Some(proxy_next));
            s.bool.set(Some(|v| protocol::is_true(&unwrap(v)?)));
            s.len.set(Some(|v| protocol::len(&unwrap(v)?)));
            s.getitem
                .set(Some(|v, k| protocol::getitem(&unwrap(v)?, k)));
            s.setitem
                .set(Some(|v, k, x| protocol::setitem(&unwrap(v)?, k, x)));
            s.contains
                .set(Some(|v, x| protocol::contains(&unwrap(v)?, x)));
            s.divmod
                .set(Some(|a, b| protocol::divmod(&unwrap(a)?, &unwrap(b)?)));
            s.pow3.set(Some(|a, b, m| {
                protocol::power(&unwrap(a)?, &unwrap(b)?, Some(&unwrap(m)?))
            }));
            for (slot, f) in s.number.iter().zip(PROXY_NUMBER) {
                slot.set(Some(f));
            }
            for (slot, f) in s.inplace.iter().zip(PROXY_INPLACE) {
                slot.set(Some(f));
            }
            for (slot, f) in s.unary.iter().zip(PROXY_UNARY) {
                slot.set(Some(f));
            }
        })
        .methods(PROXY_METHODS)
}

static PROXY_METHODS: &[MethodDef] = &[
    MethodDef::new("__bytes__", MethodKind::Method(proxy_bytes)),
    MethodDef::new("__reversed__", MethodKind::Method(proxy_reversed)),
];

fn proxy_bytes(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("__bytes__", 1, 1)?;
    let obj = unwrap(&a[0])?;
    protocol::call1(&crate::bytes::bytes_type().clone(), &[obj])
}

fn proxy_reversed(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("__reversed__", 1, 1)?;
    let obj = unwrap(&a[0])?;
    protocol::call_method(&obj, "__reversed__", &[])
}

fn proxy_next(v: &Value) -> PyResult<Option<Value>> {
    let obj = unwrap(v)?;
    if obj.type_data().slots.next.get().is_none() {
        return Err(PyErr::type_error(format!(
            "Weakref proxy referenced a non-iterator '{}' object",
            obj.type_data().name()
        )));
    }
    protocol::next(&obj)
}

fn proxy_call(v: &Value, args: Args<'_>) -> PyResult<Value> {
    protocol::call(&unwrap(v)?, args)
}

fn proxy_repr(v: &Value) -> PyResult<Value> {
    let text = match data_of(v).referent() {
        Some(obj) => format!(
            "<weakproxy at {:#x}; to '{}' at {:#x}>",
            v.word(),
            qualified_type_name(&obj),
            obj.word()
        ),
        None => format!("<weakproxy at {:#x}; dead>", v.word()),
    };
    Ok(crate::str::new(&text))
}
