//! The abstract object protocol (CPython's Objects/abstract.c and object.c): the operations
//! the evaluation loop and every built-in perform on any object — `repr`, `str`, `hash`,
//! comparisons, truth, arithmetic with reflected operands, attribute access, calls,
//! iteration, `len`, subscripts — each found through the operands' type slots with
//! CPython's rules and error messages.

use std::cell::Cell;

use crate::args::Args;
use crate::error::{PyErr, PyResult};
use crate::exceptions::ExcKind;
use crate::int::{self, IntRef};
use crate::str::StrData;
use crate::typeobject::{is_subtype, type_data, BinOp, CompareOp, TypeData, UnaryOp};
use crate::types;
use crate::value::Value;

thread_local! {
    static DEPTH: Cell<u32> = const { Cell::new(0) };
}

static LIMIT: crate::SyncCell<Cell<u32>> = crate::SyncCell(Cell::new(1000));

/// `sys.getrecursionlimit()`.
pub fn recursion_limit() -> u32 {
    LIMIT.0.get()
}

/// `sys.setrecursionlimit(n)`.
pub fn set_recursion_limit(n: u32) {
    LIMIT.0.set(n);
}

/// The current depth of nested Python-level calls.
pub fn recursion_depth() -> u32 {
    DEPTH.with(Cell::get)
}

/// A level of nesting that counts toward the recursion limit; leaving it when dropped.
pub struct RecursionGuard(());

impl Drop for RecursionGuard {
    fn drop(&mut self) {
        DEPTH.with(|d| d.set(d.get() - 1));
    }
}

/// Enters one level of nesting (a Python call, a `repr` of a container…), or raises
/// RecursionError "maximum recursion depth exceeded{where}".
#[inline]
pub fn enter_recursion(where_: &str) -> PyResult<RecursionGuard> {
    let depth = DEPTH.with(|d| {
        let n = d.get() + 1;
        d.set(n);
        n
    });
    let guard = RecursionGuard(());
    if depth > LIMIT.0.get() {
        return Err(PyErr::recursion_error(format!(
            "maximum recursion depth exceeded{where_}"
        )));
    }
    Ok(guard)
}

/// The type's name as CPython's generic messages give it (`tp_name`: `'collections.deque'`).
fn type_name(value: &Value) -> String {
    value.type_data().tp_name()
}

/// `repr(obj)`.
pub fn repr(obj: &Value) -> PyResult<Value> {
    let _guard = enter_recursion(" while getting the repr of an object")?;
    match obj.type_data().slots.repr.get() {
        Some(f) => {
            let r = f(obj)?;
            if r.downcast::<StrData>().is_none() {
                return Err(PyErr::type_error(format!(
                    "__repr__ returned non-string (type {})",
                    type_name(&r)
                )));
            }
            Ok(r)
        }
        None => Ok(crate::str::new(&default_repr(obj))),
    }
}

/// `<module.Name object at 0x...>`, `object.__repr__`'s text.
pub fn default_repr(obj: &Value) -> String {
    let ty = obj.type_data();
    let module = ty
        .dict()
        .downcast::<crate::dict::DictData>()
        .and_then(|d| d.get_str(&crate::str::intern("__module__")))
        .and_then(|m| crate::str::text_of(&m));
    let qualname = crate::str::text_of(&ty.qualname()).unwrap_or_default();
    match module {
        Some(m) if m != "builtins" => format!("<{m}.{qualname} object at {:#x}>", obj.word()),
        _ => format!("<{qualname} object at {:#x}>", obj.word()),
    }
}

/// `repr(obj)` as Rust text.
pub fn repr_string(obj: &Value) -> PyResult<String> {
    let r = repr(obj)?;
    Ok(crate::str::text_of(&r).unwrap_or_default())
}

/// `str(obj)`.
pub fn str(obj: &Value) -> PyResult<Value> {
    if obj.is_exact(&types().str) {
        return Ok(obj.clone());
    }
    match obj.type_data().slots.str.get() {
        Some(f) => {
            let r = f(obj)?;
            if r.downcast::<StrData>().is_none() {
                return Err(PyErr::type_error(format!(
                    "__str__ returned non-string (type {})",
                    type_name(&r)
                )));
            }
            Ok(r)
        }
        None => repr(obj),
    }
}

/// `str(obj)` as Rust text (lone surrogates replaced).
pub fn str_string(obj: &Value) -> PyResult<String> {
    let s = str(obj)?;
    Ok(crate::str::text_of(&s).unwrap_or_default())
}

/// `hash(obj)`.
#[inline]
pub fn hash(obj: &Value) -> PyResult<i64> {
    if let Some(i) = obj.as_small() {
        return Ok(int::hash_int(IntRef::Small(i)));
    }
    if let Some(s) = obj.downcast::<StrData>() {
        if obj.is_exact(&types().str) {
            return Ok(s.hash());
        }
    }
    match obj.type_data().slots.hash.get() {
        Some(f) => f(obj),
        None => Err(PyErr::type_error(format!(
            "unhashable type: '{}'",
            type_name(obj)
        ))),
    }
}

/// `a OP b` as an object (CPython's `PyObject_RichCompare`).
pub fn rich_compare(a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
    let _guard = enter_recursion(" in comparison")?;
    let ta = a.class();
    let tb = b.class();
    let mut checked_reverse = false;
    if !ta.is(tb) && is_subtype(tb, ta) {
        if let Some(f) = b.type_data().slots.richcompare.get() {
            checked_reverse = true;
            let r = f(b, a, op.swapped())?;
            if !is_not_implemented(&r) {
                return Ok(r);
            }
        }
    }
    if let Some(f) = a.type_data().slots.richcompare.get() {
        let r = f(a, b, op)?;
        if !is_not_implemented(&r) {
            return Ok(r);
        }
    }
    if !checked_reverse {
        if let Some(f) = b.type_data().slots.richcompare.get() {
            let r = f(b, a, op.swapped())?;
            if !is_not_implemented(&r) {
                return Ok(r);
            }
        }
    }
    match op {
        CompareOp::Eq => Ok(crate::bool(a.is(b))),
        CompareOp::Ne => Ok(crate::bool(!a.is(b))),
        _ => Err(PyErr::type_error(format!(
            "'{}' not supported between instances of '{}' and '{}'",
            op.symbol(),
            type_name(a),
            type_name(b)
        ))),
    }
}

/// `a OP b` as a truth value; `==` and `!=` hold for identical objects without asking them
/// (CPython's `PyObject_RichCompareBool`).
pub fn rich_compare_bool(a: &Value, b: &Value, op: CompareOp) -> PyResult<bool> {
    if a.is(b) {
        match op {
            CompareOp::Eq => return Ok(true),
            CompareOp::Ne => return Ok(false),
            _ => {}
        }
    }
    if let (Some(x), Some(y)) = (a.as_small(), b.as_small()) {
        return Ok(match op {
            CompareOp::Lt => x < y,
            CompareOp::Le => x <= y,
            CompareOp::Eq => x == y,
            CompareOp::Ne => x != y,
            CompareOp::Gt => x > y,
            CompareOp::Ge => x >= y,
        });
    }
    let r = rich_compare(a, b, op)?;
    is_true(&r)
}

/// `a == b` as a truth value (identity first).
#[inline]
pub fn eq(a: &Value, b: &Value) -> PyResult<bool> {
    rich_compare_bool(a, b, CompareOp::Eq)
}

/// Whether `v` is `NotImplemented`.
#[inline]
pub fn is_not_implemented(v: &Value) -> bool {
    v.is(&types().not_implemented)
}

/// Whether `v` is `None`.
#[inline]
pub fn is_none(v: &Value) -> bool {
    v.is(&types().none)
}

/// The truth value of `obj` (`bool(obj)`).
#[inline]
pub fn is_true(obj: &Value) -> PyResult<bool> {
    let t = types();
    if obj.is(&t.true_) {
        return Ok(true);
    }
    if obj.is(&t.false_) || obj.is(&t.none) {
        return Ok(false);
    }
    if let Some(i) = obj.as_small() {
        return Ok(i != 0);
    }
    let ty = obj.type_data();
    if let Some(f) = ty.slots.bool.get() {
        return f(obj);
    }
    if let Some(f) = ty.slots.len.get() {
        return Ok(f(obj)? != 0);
    }
    Ok(true)
}

/// `a OP b` for a binary number operator (CPython's `binary_op1` then the sequence
/// fallbacks): the left operand's slot, the right one's (first, if its type is a subclass
/// of the left's), then `+`'s concatenation and `*`'s repetition, then TypeError.
pub fn binary_op(a: &Value, b: &Value, op: BinOp) -> PyResult<Value> {
    let r = binary_op1(a, b, op)?;
    if !is_not_implemented(&r) {
        return Ok(r);
    }
    match op {
        BinOp::Add => {
            if let Some(concat) = a.type_data().slots.concat.get() {
                return concat(a, b);
            }
        }
        BinOp::Mul => {
            if let Some(repeat) = a.type_data().slots.repeat.get() {
                return repeat_by(repeat, a, b);
            }
            if let Some(repeat) = b.type_data().slots.repeat.get() {
                return repeat_by(repeat, b, a);
            }
        }
        _ => {}
    }
    let symbol = if op == BinOp::Pow {
        "** or pow()"
    } else {
        op.symbol()
    };
    Err(unsupported(a, b, symbol))
}

/// `divmod(a, b)` (CPython's `PyNumber_Divmod`): the operands' divmod slots with the rules of
/// the binary operators.
pub fn divmod(a: &Value, b: &Value) -> PyResult<Value> {
    let slot_a = a.type_data().slots.divmod.get();
    let mut slot_b = if a.class().is(b.class()) {
        None
    } else {
        b.type_data().slots.divmod.get()
    };
    if let (Some(fa), Some(fb)) = (slot_a, slot_b) {
        if fa as usize == fb as usize {
            slot_b = None;
        }
    }
    if let Some(fa) = slot_a {
        if let Some(fb) = slot_b {
            if is_subtype(b.class(), a.class()) {
                let r = fb(a, b)?;
                if !is_not_implemented(&r) {
                    return Ok(r);
                }
                slot_b = None;
            }
        }
        let r = fa(a, b)?;
        if !is_not_implemented(&r) {
            return Ok(r);
        }
    }
    if let Some(fb) = slot_b {
        let r = fb(a, b)?;
        if !is_not_implemented(&r) {
            return Ok(r);
        }
    }
    Err(unsupported(a, b, "divmod()"))
}

/// `pow(a, b, modulus)` and `a ** b` (CPython's `PyNumber_Power`): with a modulus other than
/// `None`, the operands' three-argument slots, then the modulus's; else the binary `**`.
pub fn power(a: &Value, b: &Value, modulus: Option<&Value>) -> PyResult<Value> {
    let Some(m) = modulus.filter(|m| !is_none(m)) else {
        return binary_op(a, b, BinOp::Pow);
    };
    let slot_a = a.type_data().slots.pow3.get();
    let mut slot_b = if a.class().is(b.class()) {
        None
    } else {
        b.type_data().slots.pow3.get()
    };
    if let (Some(fa), Some(fb)) = (slot_a, slot_b) {
        if fa as usize == fb as usize {
            slot_b = None;
        }
    }
    if let Some(fa) = slot_a {
        if let Some(fb) = slot_b {
            if is_subtype(b.class(), a.class()) {
                let r = fb(a, b, m)?;
                if !is_not_implemented(&r) {
                    return Ok(r);
                }
                slot_b = None;
            }
        }
        let r = fa(a, b, m)?;
        if !is_not_implemented(&r) {
            return Ok(r);
        }
    }
    if let Some(fb) = slot_b {
        let r = fb(a, b, m)?;
        if !is_not_implemented(&r) {
            return Ok(r);
        }
    }
    if let Some(fm) = m.type_data().slots.pow3.get() {
        let same =
            |f: Option<crate::typeobject::TernaryFn>| f.is_some_and(|f| f as usize == fm as usize);
        if !same(slot_a) && !same(slot_b) {
            let r = fm(a, b, m)?;
            if !is_not_implemented(&r) {
                return Ok(r);
            }
        }
    }
    Err(PyErr::type_error(format!(
        "unsupported operand type(s) for ** or pow(): '{}', '{}', '{}'",
        type_name(a),
        type_name(b),
        type_name(m)
    )))
}

/// `round(number, ndigits)` (CPython's `builtin_round`): the type's `__round__`, called with
/// `ndigits` unless it is absent or `None`.
pub fn round(number: &Value, ndigits: Option<&Value>) -> PyResult<Value> {
    let Some(method) = lookup_special(number, "__round__")? else {
        return Err(PyErr::type_error(format!(
            "type {} doesn't define __round__ method",
            type_name(number)
        )));
    };
    match ndigits.filter(|n| !is_none(n)) {
        Some(n) => call1(&method, std::slice::from_ref(n)),
        None => call1(&method, &[]),
    }
}

fn repeat_by(repeat: crate::typeobject::RepeatFn, seq: &Value, count: &Value) -> PyResult<Value> {
    if has_index(count) {
        let n = index(count)?;
        let n = match int::as_int(&n) {
            Some(IntRef::Small(i)) => i.clamp(isize::MIN as i64, isize::MAX as i64) as isize,
            Some(IntRef::Big(_)) => {
                // CPython's PyNumber_AsSsize_t with OverflowError, either sign.
                return Err(PyErr::overflow_error(format!(
                    "cannot fit '{}' into an index-sized integer",
                    type_name(count)
                )));
            }
            None => 0,
        };
        return repeat(seq, n);
    }
    Err(PyErr::type_error(format!(
        "can't multiply sequence by non-int of type '{}'",
        type_name(count)
    )))
}

fn unsupported(a: &Value, b: &Value, symbol: &str) -> PyErr {
    PyErr::type_error(format!(
        "unsupported operand type(s) for {symbol}: '{}' and '{}'",
        type_name(a),
        type_name(b)
    ))
}

/// The number-slot part of a binary operator; NotImplemented when neither operand knows it.
pub fn binary_op1(a: &Value, b: &Value, op: BinOp) -> PyResult<Value> {
    let ta = a.type_data();
    let tb = b.type_data();
    let slot_a = ta.slots.number[op as usize].get();
    let mut slot_b = if a.class().is(b.class()) {
        None
    } else {
        tb.slots.number[op as usize].get()
    };
    if let (Some(fa), Some(fb)) = (slot_a, slot_b) {
        if fa as usize == fb as usize {
            slot_b = None;
        }
    }
    if let Some(fa) = slot_a {
        if let Some(fb) = slot_b {
            if is_subtype(b.class(), a.class()) {
                let r = fb(a, b)?;
                if !is_not_implemented(&r) {
                    return Ok(r);
                }
                slot_b = None;
            }
        }
        let r = fa(a, b)?;
        if !is_not_implemented(&r) {
            return Ok(r);
        }
    }
    if let Some(fb) = slot_b {
        return fb(a, b);
    }
    Ok(crate::not_implemented())
}

/// `a OP= b`: the in-place slot of `a`, then the plain operator (and for `+=`/`*=` the
/// sequence fallbacks).
pub fn inplace_op(a: &Value, b: &Value, op: BinOp) -> PyResult<Value> {
    if let Some(f) = a.type_data().slots.inplace[op as usize].get() {
        let r = f(a, b)?;
        if !is_not_implemented(&r) {
            return Ok(r);
        }
    }
    let r = binary_op1(a, b, op)?;
    if !is_not_implemented(&r) {
        return Ok(r);
    }
    match op {
        BinOp::Add => {
            if let Some(concat) = a.type_data().slots.concat.get() {
                return concat(a, b);
            }
        }
        BinOp::Mul => {
            if let Some(repeat) = a.type_data().slots.repeat.get() {
                return repeat_by(repeat, a, b);
            }
            if let Some(repeat) = b.type_data().slots.repeat.get() {
                return repeat_by(repeat, b, a);
            }
        }
        _ => {}
    }
    let symbol = format!("{}=", op.symbol());
    Err(unsupported(a, b, &symbol))
}

/// A unary operator (`-x`, `+x`, `~x`, `abs(x)`).
pub fn unary_op(a: &Value, op: UnaryOp) -> PyResult<Value> {
    if let Some(f) = a.type_data().slots.unary[op as usize].get() {
        return f(a);
    }
    let what = match op {
        UnaryOp::Neg => "bad operand type for unary -",
        UnaryOp::Pos => "bad operand type for unary +",
        UnaryOp::Invert => "bad operand type for unary ~",
        UnaryOp::Abs => "bad operand type for abs()",
        UnaryOp::Int => {
            return Err(PyErr::type_error(format!(
                "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                type_name(a)
            )))
        }
        UnaryOp::Float => {
            return Err(PyErr::type_error(format!(
                "float() argument must be a string or a real number, not '{}'",
                type_name(a)
            )))
        }
        UnaryOp::Index => {
            return Err(PyErr::type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                type_name(a)
            )))
        }
    };
    Err(PyErr::type_error(format!("{what}: '{}'", type_name(a))))
}

/// Whether `obj` has `__index__`.
pub fn has_index(obj: &Value) -> bool {
    obj.is_small()
        || obj.type_data().slots.unary[UnaryOp::Index as usize]
            .get()
            .is_some()
}

/// `operator.index(obj)`: an `int` (exact or a subclass, as CPython allows with a warning).
pub fn index(obj: &Value) -> PyResult<Value> {
    if obj.is_small() || obj.is_exact(&types().int) {
        return Ok(obj.clone());
    }
    let r = unary_op(obj, UnaryOp::Index)?;
    if int::as_int(&r).is_none() {
        return Err(PyErr::type_error(format!(
            "__index__ returned non-int (type {})",
            type_name(&r)
        )));
    }
    Ok(r)
}

/// `operator.index(obj)` as an `isize`, clamped (CPython's `PyNumber_AsSsize_t` with no
/// error class: for slice bounds) or with OverflowError/IndexError as `err` asks.
pub fn index_isize(obj: &Value, clamp: bool) -> PyResult<isize> {
    let i = index(obj)?;
    match int::as_int(&i) {
        Some(IntRef::Small(n)) => Ok(n.clamp(isize::MIN as i64, isize::MAX as i64) as isize),
        Some(IntRef::Big(b)) => {
            if clamp {
                Ok(if num_traits::Signed::is_negative(b) {
                    isize::MIN
                } else {
                    isize::MAX
                })
            } else {
                Err(PyErr::index_error(format!(
                    "cannot fit '{}' into an index-sized integer",
                    type_name(obj)
                )))
            }
        }
        None => Err(PyErr::type_error("__index__ returned non-int")),
    }
}

/// `getattr(obj, name)`.
#[inline]
pub fn getattr(obj: &Value, name: &Value) -> PyResult<Value> {
    match obj.type_data().slots.getattro.get() {
        Some(f) => f(obj, name),
        None => generic_getattr(obj, name),
    }
}

/// `getattr(obj, name)` by Rust name.
pub fn getattr_str(obj: &Value, name: &str) -> PyResult<Value> {
    getattr(obj, &crate::str::intern(name))
}

/// `getattr(obj, name, None)` telling "absent" (AttributeError) apart from other errors.
pub fn getattr_opt(obj: &Value, name: &Value) -> PyResult<Option<Value>> {
    match getattr(obj, name) {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.is(ExcKind::AttributeError) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The AttributeError "'T' object has no attribute 'name'".
pub fn no_attribute(obj: &Value, name: &Value) -> PyErr {
    let name_text = crate::str::text_of(name).unwrap_or_default();
    let err = PyErr::attribute_error(format!(
        "'{}' object has no attribute '{name_text}'",
        type_name(obj)
    ));
    set_attribute_error_context(&err, obj, name);
    err
}

/// Records `name` and `obj` on an AttributeError (what "Did you mean" suggestions read).
pub fn set_attribute_error_context(err: &PyErr, obj: &Value, name: &Value) {
    crate::exceptions::set_attr(err.value(), "name", name.clone());
    crate::exceptions::set_attr(err.value(), "obj", obj.clone());
}

/// The instance dict of `obj`, if its type gives instances one (made on first use).
pub fn instance_dict(obj: &Value) -> Option<Value> {
    let slot = obj.dict_slot()?;
    let mut slot = slot.borrow_mut();
    Some(slot.get_or_insert_with(crate::dict::new).clone())
}

/// `object.__getattribute__` (CPython's `PyObject_GenericGetAttr`): data descriptors on the
/// type, then the instance dict, then other class attributes (bound through `__get__`).
pub fn generic_getattr(obj: &Value, name: &Value) -> PyResult<Value> {
    let ty = obj.type_data();
    let descr = ty.lookup(name);
    let mut getter = None;
    if let Some(d) = &descr {
        let dt = d.type_data();
        getter = dt.slots.descr_get.get();
        if let Some(get) = getter {
            if dt.slots.descr_set.get().is_some() {
                return get(d, Some(obj), Some(obj.class()));
            }
        }
    }
    if let Some(slot) = obj.dict_slot() {
        let dict = slot.borrow().clone();
        if let Some(dict) = dict {
            if let Some(d) = dict.downcast::<crate::dict::DictData>() {
                if name.is_exact(&types().str) {
                    if let Some(v) = d.get_str(name) {
                        return Ok(v);
                    }
                } else if let Some(v) = d.get_item(name)? {
                    return Ok(v);
                }
            }
        }
    }
    if let Some(d) = descr {
        return match getter {
            Some(get) => get(&d, Some(obj), Some(obj.class())),
            None => Ok(d),
        };
    }
    Err(no_attribute(obj, name))
}

/// `setattr(obj, name, value)`, or `delattr` for `None`.
pub fn setattr(obj: &Value, name: &Value, value: Option<&Value>) -> PyResult<()> {
    if name.downcast::<StrData>().is_none() {
        return Err(PyErr::type_error(format!(
            "attribute name must be string, not '{}'",
            type_name(name)
        )));
    }
    match obj.type_data().slots.setattro.get() {
        Some(f) => f(obj, name, value),
        None => generic_setattr(obj, name, value),
    }
}

/// `object.__setattr__`/`__delattr__`: a data descriptor on the type, else the instance dict.
pub fn generic_setattr(obj: &Value, name: &Value, value: Option<&Value>) -> PyResult<()> {
    let ty = obj.type_data();
    if let Some(descr) = ty.lookup(name) {
        if let Some(set) = descr.type_data().slots.descr_set.get() {
            return set(&descr, obj, value);
        }
    }
    let Some(dict) = instance_dict(obj) else {
        let name_text = crate::str::text_of(name).unwrap_or_default();
        let exists = ty.lookup(name).is_some();
        return Err(PyErr::attribute_error(if exists {
            format!(
                "'{}' object attribute '{name_text}' is read-only",
                type_name(obj)
            )
        } else {
            format!(
                "'{}' object has no attribute '{name_text}' and no __dict__ for setting new attributes",
                type_name(obj)
            )
        }));
    };
    let d = dict
        .downcast::<crate::dict::DictData>()
        .ok_or_else(|| PyErr::system_error("instance dict is not a dict"))?;
    match value {
        // An attribute already present keeps its key: only a new one needs interning.
        Some(v) if d.get_str(name).is_some() => d.set_item(name.clone(), v.clone()),
        Some(v) => d.set_item(crate::str::intern_value(name), v.clone()),
        None => match d.del_item(name)? {
            Some(_) => Ok(()),
            None => Err(no_attribute(obj, name)),
        },
    }
}

/// `callable(obj)`.
pub fn is_callable(obj: &Value) -> bool {
    obj.type_data().slots.call.get().is_some()
}

/// `obj(*args, **kwargs)`.
#[inline]
pub fn call(obj: &Value, args: Args<'_>) -> PyResult<Value> {
    match obj.type_data().slots.call.get() {
        Some(f) => f(obj, args),
        None => Err(PyErr::type_error(format!(
            "'{}' object is not callable",
            type_name(obj)
        ))),
    }
}

/// `obj(*args)` with positional arguments only.
pub fn call1(obj: &Value, args: &[Value]) -> PyResult<Value> {
    call(obj, Args::positional(args))
}

/// Looks `name` up on `obj`'s type and binds it (CPython's `_PyObject_LookupSpecial`): how
/// dunder methods are found, skipping the instance dict. `None` when the type lacks it.
pub fn lookup_special(obj: &Value, name: &str) -> PyResult<Option<Value>> {
    let ty = obj.type_data();
    let Some(found) = ty.lookup_str(name) else {
        return Ok(None);
    };
    match found.type_data().slots.descr_get.get() {
        Some(get) => Ok(Some(get(&found, Some(obj), Some(obj.class()))?)),
        None => Ok(Some(found)),
    }
}

/// Calls the dunder `name` of `obj`'s type with `obj` and `args` (AttributeError when the
/// type lacks it).
pub fn call_method(obj: &Value, name: &str, args: &[Value]) -> PyResult<Value> {
    match lookup_special(obj, name)? {
        Some(method) => call1(&method, args),
        None => Err(no_attribute(obj, &crate::str::intern(name))),
    }
}

/// `iter(obj)`.
pub fn iter(obj: &Value) -> PyResult<Value> {
    let ty = obj.type_data();
    if let Some(f) = ty.slots.iter.get() {
        let it = f(obj)?;
        if it.type_data().slots.next.get().is_none() {
            return Err(PyErr::type_error(format!(
                "iter() returned non-iterator of type '{}'",
                type_name(&it)
            )));
        }
        return Ok(it);
    }
    if ty.slots.getitem.get().is_some() && type_data(obj).is_none() {
        return Ok(crate::slots::sequence_iter(obj.clone()));
    }
    Err(PyErr::type_error(format!(
        "'{}' object is not iterable",
        type_name(obj)
    )))
}

/// `next(it)`: `None` once exhausted.
#[inline]
pub fn next(it: &Value) -> PyResult<Option<Value>> {
    match it.type_data().slots.next.get() {
        // A StopIteration raised by the iterator (a generator's return value) also ends it,
        // as in CPython's `PyIter_Next`.
        Some(f) => match f(it) {
            Err(e) if e.is(ExcKind::StopIteration) => Ok(None),
            r => r,
        },
        None => Err(PyErr::type_error(format!(
            "'{}' object is not an iterator",
            type_name(it)
        ))),
    }
}

/// Every item of an iterable, in order.
pub fn collect(iterable: &Value) -> PyResult<Vec<Value>> {
    if let Some(t) = iterable.downcast::<crate::tuple::TupleData>() {
        return Ok(t.items().to_vec());
    }
    if let Some(l) = iterable.downcast::<crate::list::ListData>() {
        return Ok(l.to_vec());
    }
    let it = iter(iterable)?;
    let mut out = Vec::new();
    while let Some(item) = next(&it)? {
        out.push(item);
    }
    Ok(out)
}

/// `len(obj)`.
pub fn len(obj: &Value) -> PyResult<usize> {
    match obj.type_data().slots.len.get() {
        Some(f) => f(obj),
        None => Err(PyErr::type_error(format!(
            "object of type '{}' has no len()",
            type_name(obj)
        ))),
    }
}

/// `obj[key]`.
pub fn getitem(obj: &Value, key: &Value) -> PyResult<Value> {
    if let Some(f) = obj.type_data().slots.getitem.get() {
        return f(obj, key);
    }
    if type_data(obj).is_some() {
        // `type[int]` itself is a generic alias (only `type`: `str[int]` fails).
        if obj.is(&types().type_) {
            return Ok(crate::genericalias::new(obj.clone(), key.clone()));
        }
        // `cls[...]`: `__class_getitem__`.
        if let Some(cgi) = getattr_opt(obj, &crate::str::intern("__class_getitem__"))? {
            return call1(&cgi, std::slice::from_ref(key));
        }
        return Err(PyErr::type_error(format!(
            "type '{}' is not subscriptable",
            type_data(obj).map(TypeData::name).unwrap_or_default()
        )));
    }
    Err(PyErr::type_error(format!(
        "'{}' object is not subscriptable",
        type_name(obj)
    )))
}

/// `obj[key] = value`, or `del obj[key]` for `None`.
pub fn setitem(obj: &Value, key: &Value, value: Option<&Value>) -> PyResult<()> {
    match obj.type_data().slots.setitem.get() {
        Some(f) => f(obj, key, value),
        None => Err(PyErr::type_error(match value {
            Some(_) => format!(
                "'{}' object does not support item assignment",
                type_name(obj)
            ),
            None => format!("'{}' object doesn't support item deletion", type_name(obj)),
        })),
    }
}

/// `item in container`.
pub fn contains(container: &Value, item: &Value) -> PyResult<bool> {
    if let Some(f) = container.type_data().slots.contains.get() {
        return f(container, item);
    }
    let it = match iter(container) {
        Ok(it) => it,
        Err(e) if e.is(ExcKind::TypeError) => {
            return Err(PyErr::type_error(format!(
                "argument of type '{}' is not iterable",
                type_name(container)
            )))
        }
        Err(e) => return Err(e),
    };
    while let Some(x) = next(&it)? {
        if eq(&x, item)? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Whether `obj`'s type is `ty` or a subclass of it (no `__instancecheck__`).
pub fn type_check(obj: &Value, ty: &Value) -> bool {
    crate::typeobject::is_instance(obj, ty)
}

/// The payload of `obj` for a method of type `owner` whose `self` must have payload `T`,
/// or CPython's TypeError "descriptor 'NAME' for 'OWNER' objects doesn't apply to a 'T'
/// object".
pub fn self_payload<'a, T: crate::object::Payload>(
    obj: &'a Value,
    method: &str,
    owner: &str,
) -> PyResult<&'a T> {
    obj.downcast::<T>().ok_or_else(|| {
        PyErr::type_error(format!(
            "descriptor '{method}' for '{owner}' objects doesn't apply to a '{}' object",
            type_name(obj)
        ))
    })
}

/// `hash` of an object compared by identity (`object.__hash__`).
pub fn identity_hash(obj: &Value) -> i64 {
    let w = obj.word() as u64;
    let h = w.rotate_right(4) as i64;
    if h == -1 {
        -2
    } else {
        h
    }
}

/// The hash slot of unhashable types: TypeError "unhashable type: 'T'".
pub fn hash_not_implemented(obj: &Value) -> PyResult<i64> {
    Err(PyErr::type_error(format!(
        "unhashable type: '{}'",
        type_name(obj)
    )))
}
