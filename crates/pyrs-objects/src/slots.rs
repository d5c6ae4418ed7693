//! The bridge between slots and dunder methods (CPython's `slotdefs` in
//! Objects/typeobject.c): the wrappers that expose a built-in type's slots as `__add__`,
//! `__repr__`… in its dict, and the generic slots a class defined in Python gets, which call
//! its dunder methods.
//!
//! One table, [`SLOTDEFS`], names every dunder and the slot it belongs to; both directions are
//! derived from it.

use std::cell::{Cell, RefCell};
use std::sync::OnceLock;

use crate::args::Args;
use crate::error::{PyErr, PyResult};
use crate::exceptions::ExcKind;
use crate::native::{BuiltinFunction, MethodDef, MethodKind};
use crate::object::Payload;
use crate::protocol::{self, is_not_implemented};
use crate::typeobject::{
    is_subtype, type_data, BinOp, CompareOp, Slots, TypeBuilder, TypeData, TypeFlags, UnaryOp,
};
use crate::value::Value;
use crate::{types, SyncCell};

/// Which slot a dunder method belongs to, and how its wrapper calls it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SlotKind {
    /// `__repr__`
    Repr,
    /// `__str__`
    Str,
    /// `__hash__`
    Hash,
    /// `__lt__`…`__ge__`
    Compare(CompareOp),
    /// `__getattribute__`
    GetAttribute,
    /// `__setattr__`
    SetAttr,
    /// `__delattr__`
    DelAttr,
    /// `__get__`
    Get,
    /// `__set__`
    Set,
    /// `__delete__`
    Delete,
    /// `__call__`
    Call,
    /// `__iter__`
    Iter,
    /// `__next__`
    Next,
    /// `__len__`
    Len,
    /// `__getitem__`
    GetItem,
    /// `__setitem__`
    SetItem,
    /// `__delitem__`
    DelItem,
    /// `__contains__`
    Contains,
    /// `__bool__`
    Bool,
    /// `__add__`…
    Number(BinOp),
    /// `__radd__`…
    RNumber(BinOp),
    /// `__iadd__`…
    INumber(BinOp),
    /// `__neg__`, `__index__`…
    Unary(UnaryOp),
    /// `__init__`
    Init,
    /// `__del__`
    Del,
    /// A sequence's `__add__` (`sq_concat`).
    Concat,
    /// A sequence's `__mul__` and `__rmul__` (`sq_repeat`).
    Repeat,
    /// `__divmod__`
    DivMod,
    /// `__rdivmod__`
    RDivMod,
}

/// Every (dunder, slot) pair.
pub fn slotdefs() -> &'static [(&'static str, SlotKind)] {
    static TABLE: OnceLock<Vec<(&'static str, SlotKind)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = vec![
            ("__repr__", SlotKind::Repr),
            ("__str__", SlotKind::Str),
            ("__hash__", SlotKind::Hash),
            ("__getattribute__", SlotKind::GetAttribute),
            ("__setattr__", SlotKind::SetAttr),
            ("__delattr__", SlotKind::DelAttr),
            ("__get__", SlotKind::Get),
            ("__set__", SlotKind::Set),
            ("__delete__", SlotKind::Delete),
            ("__call__", SlotKind::Call),
            ("__iter__", SlotKind::Iter),
            ("__next__", SlotKind::Next),
            ("__len__", SlotKind::Len),
            ("__getitem__", SlotKind::GetItem),
            ("__setitem__", SlotKind::SetItem),
            ("__delitem__", SlotKind::DelItem),
            ("__contains__", SlotKind::Contains),
            ("__bool__", SlotKind::Bool),
            ("__init__", SlotKind::Init),
            ("__del__", SlotKind::Del),
            ("__divmod__", SlotKind::DivMod),
            ("__rdivmod__", SlotKind::RDivMod),
        ];
        for op in [
            CompareOp::Lt,
            CompareOp::Le,
            CompareOp::Eq,
            CompareOp::Ne,
            CompareOp::Gt,
            CompareOp::Ge,
        ] {
            t.push((op.dunder(), SlotKind::Compare(op)));
        }
        for op in BinOp::ALL {
            t.push((op.dunder(), SlotKind::Number(op)));
            t.push((op.rdunder(), SlotKind::RNumber(op)));
            t.push((op.idunder(), SlotKind::INumber(op)));
        }
        for op in [
            UnaryOp::Neg,
            UnaryOp::Pos,
            UnaryOp::Abs,
            UnaryOp::Invert,
            UnaryOp::Int,
            UnaryOp::Float,
            UnaryOp::Index,
        ] {
            t.push((op.dunder(), SlotKind::Unary(op)));
        }
        t
    })
}

fn has_slot(slots: &Slots, kind: SlotKind) -> bool {
    match kind {
        SlotKind::Repr => slots.repr.get().is_some(),
        SlotKind::Str => slots.str.get().is_some(),
        SlotKind::Hash => slots.hash.get().is_some(),
        SlotKind::Compare(_) => slots.richcompare.get().is_some(),
        SlotKind::GetAttribute => slots.getattro.get().is_some(),
        SlotKind::SetAttr | SlotKind::DelAttr => slots.setattro.get().is_some(),
        SlotKind::Get => slots.descr_get.get().is_some(),
        SlotKind::Set | SlotKind::Delete => slots.descr_set.get().is_some(),
        SlotKind::Call => slots.call.get().is_some(),
        SlotKind::Iter => slots.iter.get().is_some(),
        SlotKind::Next => slots.next.get().is_some(),
        SlotKind::Len => slots.len.get().is_some(),
        SlotKind::GetItem => slots.getitem.get().is_some(),
        SlotKind::SetItem | SlotKind::DelItem => slots.setitem.get().is_some(),
        SlotKind::Contains => slots.contains.get().is_some(),
        SlotKind::Bool => slots.bool.get().is_some(),
        SlotKind::Number(op) | SlotKind::RNumber(op) => slots.number[op as usize].get().is_some(),
        SlotKind::INumber(op) => slots.inplace[op as usize].get().is_some(),
        SlotKind::Unary(op) => slots.unary[op as usize].get().is_some(),
        SlotKind::Init => slots.init.get().is_some(),
        SlotKind::Del => slots.del.get().is_some(),
        SlotKind::Concat => slots.concat.get().is_some(),
        SlotKind::Repeat => slots.repeat.get().is_some(),
        SlotKind::DivMod | SlotKind::RDivMod => slots.divmod.get().is_some(),
    }
}

/// A `wrapper_descriptor` (`int.__add__`): slot `kind` of built-in type `owner`.
pub struct SlotWrapper {
    /// The dunder's name.
    pub name: &'static str,
    /// The slot.
    pub kind: SlotKind,
    /// The type whose slot it calls.
    pub owner: Value,
}

impl Payload for SlotWrapper {}

/// A `method-wrapper` (`(1).__add__`): a [`SlotWrapper`] bound to an object.
pub struct BoundSlotWrapper {
    /// The wrapper.
    pub wrapper: Value,
    /// `__self__`.
    pub obj: Value,
}

impl Payload for BoundSlotWrapper {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.wrapper);
        visit(&self.obj);
    }
}

struct WrapperTypes {
    wrapper: Value,
    bound: Value,
    seq_iter: Value,
}

static WRAPPER_TYPES: OnceLock<SyncCell<WrapperTypes>> = OnceLock::new();

fn wrapper_types() -> &'static WrapperTypes {
    if let Some(t) = WRAPPER_TYPES.get() {
        return &t.0;
    }
    // The wrapper type's own dict holds wrappers: make the type objects first.
    let builders = [
        TypeBuilder::new::<SlotWrapper>("wrapper_descriptor")
            .slots(|s| {
                s.call.set(Some(wrapper_call));
                s.descr_get.set(Some(wrapper_get));
                s.repr.set(Some(wrapper_repr));
            })
            .methods(WRAPPER_METHODS)
            .flags(TypeFlags::METHOD_DESCRIPTOR),
        TypeBuilder::new::<BoundSlotWrapper>("method-wrapper")
            .slots(|s| {
                s.call.set(Some(bound_call));
                s.repr.set(Some(bound_repr));
            })
            .methods(BOUND_METHODS),
        TypeBuilder::new::<SeqIter>("iterator").slots(|s| {
            s.iter.set(Some(|it| Ok(it.clone())));
            s.next.set(Some(seq_iter_next));
        }),
    ];
    let [a, b, c] = builders.each_ref().map(TypeBuilder::build_bare);
    let _ = WRAPPER_TYPES.set(SyncCell(WrapperTypes {
        wrapper: a,
        bound: b,
        seq_iter: c,
    }));
    let t = &WRAPPER_TYPES.get().expect("just set").0;
    for (builder, ty) in builders.iter().zip([&t.wrapper, &t.bound, &t.seq_iter]) {
        builder.fill(ty);
    }
    t
}

/// Whether `value` is a `wrapper_descriptor`.
pub fn is_slot_wrapper(value: &Value) -> bool {
    value.downcast::<SlotWrapper>().is_some()
}

/// Puts a wrapper for each slot a built-in type defines itself into its dict, and `__new__`.
pub(crate) fn add_wrappers(ty: &Value, own: &Slots) {
    let data = type_data(ty).expect("a type");
    let dict = data
        .dict()
        .downcast::<crate::dict::DictData>()
        .expect("a dict");
    let w = wrapper_types();
    for &(name, kind) in slotdefs() {
        if !has_slot(own, kind) {
            continue;
        }
        if kind == SlotKind::Hash
            && own.hash.get().map(|f| f as *const () as usize)
                == Some(protocol::hash_not_implemented as *const () as usize)
        {
            continue;
        }
        // Sequences answer `+` and `*` through concat/repeat, not number slots.
        if dict.get_str(&crate::str::intern(name)).is_some() {
            continue;
        }
        let wrapper = crate::object::alloc(
            &w.wrapper,
            SlotWrapper {
                name,
                kind,
                owner: ty.clone(),
            },
        );
        dict.set_str(name, wrapper);
    }
    if own.concat.get().is_some() && dict.get_str(&crate::str::intern("__add__")).is_none() {
        let wrapper = crate::object::alloc(
            &w.wrapper,
            SlotWrapper {
                name: "__add__",
                kind: SlotKind::Concat,
                owner: ty.clone(),
            },
        );
        dict.set_str("__add__", wrapper);
    }
    if own.repeat.get().is_some() {
        for name in ["__mul__", "__rmul__"] {
            if dict.get_str(&crate::str::intern(name)).is_none() {
                let wrapper = crate::object::alloc(
                    &w.wrapper,
                    SlotWrapper {
                        name,
                        kind: SlotKind::Repeat,
                        owner: ty.clone(),
                    },
                );
                dict.set_str(name, wrapper);
            }
        }
    }
    if own.new.get().is_some() {
        let new = crate::object::alloc(
            crate::native::builtin_function_type(),
            BuiltinFunction {
                name: "__new__",
                func: new_wrapper,
                bound: Some(ty.clone()),
                pass_self: true,
                owner: None,
            },
        );
        dict.set_str("__new__", new);
    }
}

/// `T.__new__(cls, *args)` for a built-in `T`: checks `cls` and calls `T`'s new slot.
fn new_wrapper(args: Args<'_>) -> PyResult<Value> {
    let pos = args.pos();
    let owner = &pos[0];
    let owner_data = type_data(owner).ok_or_else(|| PyErr::system_error("bad __new__"))?;
    let name = owner_data.name();
    let Some(cls) = pos.get(1) else {
        return Err(PyErr::type_error(format!(
            "{name}.__new__(): not enough arguments"
        )));
    };
    let Some(cls_data) = type_data(cls) else {
        return Err(PyErr::type_error(format!(
            "{name}.__new__(X): X is not a type object ({})",
            cls.type_data().name()
        )));
    };
    if !is_subtype(cls, owner) {
        return Err(PyErr::type_error(format!(
            "{name}.__new__({}): {} is not a subtype of {name}",
            cls_data.name(),
            cls_data.name()
        )));
    }
    if cls_data.payload != owner_data.payload {
        return Err(PyErr::type_error(format!(
            "{name}.__new__({}) is not safe, use {}.__new__()",
            cls_data.name(),
            solid_name(cls)
        )));
    }
    let new = owner_data
        .slots
        .new
        .get()
        .ok_or_else(|| PyErr::system_error("type without new slot"))?;
    let rest = Args::new(&args.values()[2..], args.kwnames());
    new(cls, rest)
}

fn solid_name(cls: &Value) -> String {
    let mut current = cls.clone();
    loop {
        let data = type_data(&current).expect("type");
        if !data.is_heap_type() {
            return data.name();
        }
        match data.base() {
            Some(b) => current = b,
            None => return data.name(),
        }
    }
}

fn wrapper_of(value: &Value) -> PyResult<&SlotWrapper> {
    value
        .downcast::<SlotWrapper>()
        .ok_or_else(|| PyErr::system_error("bad slot wrapper"))
}

fn expect_args<'a>(name: &str, args: Args<'a>, n: usize) -> PyResult<&'a [Value]> {
    args.no_kwargs(name)?;
    let pos = args.pos();
    if pos.len() != n {
        return Err(PyErr::type_error(format!(
            "expected {n} argument{}, got {}",
            if n == 1 { "" } else { "s" },
            pos.len()
        )));
    }
    Ok(pos)
}

/// Calls slot `kind` of `owner` with `obj` as self and `args` after it.
fn call_slot(
    kind: SlotKind,
    owner: &Value,
    name: &str,
    obj: &Value,
    args: Args<'_>,
) -> PyResult<Value> {
    let slots = &type_data(owner)
        .ok_or_else(|| PyErr::system_error("bad slot owner"))?
        .slots;
    let missing = || PyErr::system_error("slot wrapper without its slot");
    let none = crate::none;
    match kind {
        SlotKind::Repr => {
            expect_args(name, args, 0)?;
            (slots.repr.get().ok_or_else(missing)?)(obj)
        }
        SlotKind::Str => {
            expect_args(name, args, 0)?;
            (slots.str.get().ok_or_else(missing)?)(obj)
        }
        SlotKind::Hash => {
            expect_args(name, args, 0)?;
            Ok(crate::int::from_i64((slots
                .hash
                .get()
                .ok_or_else(missing)?)(
                obj
            )?))
        }
        SlotKind::Compare(op) => {
            let a = expect_args(name, args, 1)?;
            (slots.richcompare.get().ok_or_else(missing)?)(obj, &a[0], op)
        }
        SlotKind::GetAttribute => {
            let a = expect_args(name, args, 1)?;
            if a[0].downcast::<crate::str::StrData>().is_none() {
                return Err(PyErr::type_error(format!(
                    "attribute name must be string, not '{}'",
                    a[0].type_data().name()
                )));
            }
            (slots.getattro.get().ok_or_else(missing)?)(obj, &a[0])
        }
        SlotKind::SetAttr => {
            let a = expect_args(name, args, 2)?;
            (slots.setattro.get().ok_or_else(missing)?)(obj, &a[0], Some(&a[1]))?;
            Ok(none())
        }
        SlotKind::DelAttr => {
            let a = expect_args(name, args, 1)?;
            (slots.setattro.get().ok_or_else(missing)?)(obj, &a[0], None)?;
            Ok(none())
        }
        SlotKind::Get => {
            args.no_kwargs(name)?;
            let a = args.pos();
            if a.is_empty() || a.len() > 2 {
                return Err(PyErr::type_error(format!(
                    "expected 1 or 2 arguments, got {}",
                    a.len()
                )));
            }
            let inst = (!protocol::is_none(&a[0])).then_some(&a[0]);
            let owner_arg = a.get(1).filter(|t| !protocol::is_none(t));
            if inst.is_none() && owner_arg.is_none() {
                return Err(PyErr::type_error("__get__(None, None) is invalid"));
            }
            (slots.descr_get.get().ok_or_else(missing)?)(obj, inst, owner_arg)
        }
        SlotKind::Set => {
            let a = expect_args(name, args, 2)?;
            (slots.descr_set.get().ok_or_else(missing)?)(obj, &a[0], Some(&a[1]))?;
            Ok(none())
        }
        SlotKind::Delete => {
            let a = expect_args(name, args, 1)?;
            (slots.descr_set.get().ok_or_else(missing)?)(obj, &a[0], None)?;
            Ok(none())
        }
        SlotKind::Call => (slots.call.get().ok_or_else(missing)?)(obj, args),
        SlotKind::Iter => {
            expect_args(name, args, 0)?;
            (slots.iter.get().ok_or_else(missing)?)(obj)
        }
        SlotKind::Next => {
            expect_args(name, args, 0)?;
            match (slots.next.get().ok_or_else(missing)?)(obj)? {
                Some(v) => Ok(v),
                None => Err(PyErr::stop_iteration(None)),
            }
        }
        SlotKind::Len => {
            expect_args(name, args, 0)?;
            Ok(crate::int::from_usize((slots
                .len
                .get()
                .ok_or_else(missing)?)(
                obj
            )?))
        }
        SlotKind::GetItem => {
            let a = expect_args(name, args, 1)?;
            (slots.getitem.get().ok_or_else(missing)?)(obj, &a[0])
        }
        SlotKind::SetItem => {
            let a = expect_args(name, args, 2)?;
            (slots.setitem.get().ok_or_else(missing)?)(obj, &a[0], Some(&a[1]))?;
            Ok(none())
        }
        SlotKind::DelItem => {
            let a = expect_args(name, args, 1)?;
            (slots.setitem.get().ok_or_else(missing)?)(obj, &a[0], None)?;
            Ok(none())
        }
        SlotKind::Contains => {
            let a = expect_args(name, args, 1)?;
            Ok(crate::bool((slots.contains.get().ok_or_else(missing)?)(
                obj, &a[0],
            )?))
        }
        SlotKind::Bool => {
            expect_args(name, args, 0)?;
            Ok(crate::bool((slots.bool.get().ok_or_else(missing)?)(obj)?))
        }
        SlotKind::Number(op) => {
            let a = if op == BinOp::Pow {
                let a = args.pos();
                if a.is_empty() || a.len() > 2 {
                    return Err(PyErr::type_error(format!(
                        "expected 1 or 2 arguments, got {}",
                        a.len()
                    )));
                }
                a
            } else {
                expect_args(name, args, 1)?
            };
            if let Some(modulus) = a.get(1).filter(|m| !protocol::is_none(m)) {
                return match slots.pow3.get() {
                    Some(pow3) => pow3(obj, &a[0], modulus),
                    None => Ok(crate::not_implemented()),
                };
            }
            (slots.number[op as usize].get().ok_or_else(missing)?)(obj, &a[0])
        }
        SlotKind::RNumber(BinOp::Pow) => {
            let a = args.pos();
            if a.is_empty() || a.len() > 2 {
                return Err(PyErr::type_error(format!(
                    "expected 1 or 2 arguments, got {}",
                    a.len()
                )));
            }
            if let Some(modulus) = a.get(1).filter(|m| !protocol::is_none(m)) {
                return match slots.pow3.get() {
                    Some(pow3) => pow3(&a[0], obj, modulus),
                    None => Ok(crate::not_implemented()),
                };
            }
            (slots.number[BinOp::Pow as usize]
                .get()
                .ok_or_else(missing)?)(&a[0], obj)
        }
        SlotKind::RNumber(op) => {
            let a = expect_args(name, args, 1)?;
            (slots.number[op as usize].get().ok_or_else(missing)?)(&a[0], obj)
        }
        SlotKind::DivMod => {
            let a = expect_args(name, args, 1)?;
            (slots.divmod.get().ok_or_else(missing)?)(obj, &a[0])
        }
        SlotKind::RDivMod => {
            let a = expect_args(name, args, 1)?;
            (slots.divmod.get().ok_or_else(missing)?)(&a[0], obj)
        }
        SlotKind::INumber(op) => {
            let a = expect_args(name, args, 1)?;
            (slots.inplace[op as usize].get().ok_or_else(missing)?)(obj, &a[0])
        }
        SlotKind::Unary(op) => {
            expect_args(name, args, 0)?;
            (slots.unary[op as usize].get().ok_or_else(missing)?)(obj)
        }
        SlotKind::Init => {
            (slots.init.get().ok_or_else(missing)?)(obj, args)?;
            Ok(none())
        }
        SlotKind::Del => {
            expect_args(name, args, 0)?;
            (slots.del.get().ok_or_else(missing)?)(obj);
            Ok(none())
        }
        SlotKind::Concat => {
            let a = expect_args(name, args, 1)?;
            (slots.concat.get().ok_or_else(missing)?)(obj, &a[0])
        }
        SlotKind::Repeat => {
            let a = expect_args(name, args, 1)?;
            let n = protocol::index_isize(&a[0], false).map_err(|e| {
                if e.is(ExcKind::TypeError) {
                    PyErr::type_error(format!(
                        "can't multiply sequence by non-int of type '{}'",
                        a[0].type_data().name()
                    ))
                } else {
                    e
                }
            })?;
            (slots.repeat.get().ok_or_else(missing)?)(obj, n)
        }
    }
}

fn check_self(w: &SlotWrapper, obj: &Value) -> PyResult<()> {
    if is_subtype(obj.class(), &w.owner) {
        return Ok(());
    }
    Err(PyErr::type_error(format!(
        "descriptor '{}' requires a '{}' object but received a '{}'",
        w.name,
        type_data(&w.owner).map(TypeData::name).unwrap_or_default(),
        obj.type_data().name()
    )))
}

fn wrapper_call(callable: &Value, args: Args<'_>) -> PyResult<Value> {
    let w = wrapper_of(callable)?;
    let Some(obj) = args.pos().first() else {
        return Err(PyErr::type_error(format!(
            "descriptor '{}' of '{}' object needs an argument",
            w.name,
            type_data(&w.owner).map(TypeData::name).unwrap_or_default()
        )));
    };
    check_self(w, obj)?;
    call_slot(w.kind, &w.owner, w.name, obj, args.skip_first())
}

fn wrapper_get(descr: &Value, obj: Option<&Value>, _owner: Option<&Value>) -> PyResult<Value> {
    let w = wrapper_of(descr)?;
    match obj {
        None => Ok(descr.clone()),
        Some(obj) => {
            check_self(w, obj)?;
            Ok(crate::object::alloc(
                &wrapper_types().bound,
                BoundSlotWrapper {
                    wrapper: descr.clone(),
                    obj: obj.clone(),
                },
            ))
        }
    }
}

fn wrapper_repr(descr: &Value) -> PyResult<Value> {
    let w = wrapper_of(descr)?;
    Ok(crate::str::new(&format!(
        "<slot wrapper '{}' of '{}' objects>",
        w.name,
        type_data(&w.owner).map(TypeData::name).unwrap_or_default()
    )))
}

fn bound_of(value: &Value) -> PyResult<&BoundSlotWrapper> {
    value
        .downcast::<BoundSlotWrapper>()
        .ok_or_else(|| PyErr::system_error("bad method-wrapper"))
}

fn bound_call(callable: &Value, args: Args<'_>) -> PyResult<Value> {
    let b = bound_of(callable)?;
    let w = wrapper_of(&b.wrapper)?;
    call_slot(w.kind, &w.owner, w.name, &b.obj, args)
}

fn bound_repr(value: &Value) -> PyResult<Value> {
    let b = bound_of(value)?;
    let w = wrapper_of(&b.wrapper)?;
    Ok(crate::str::new(&format!(
        "<method-wrapper '{}' of {} object at {:#x}>",
        w.name,
        b.obj.type_data().name(),
        b.obj.word()
    )))
}

fn wrapper_name(value: &Value) -> PyResult<Value> {
    Ok(crate::str::intern(wrapper_of(value)?.name))
}

fn wrapper_objclass(value: &Value) -> PyResult<Value> {
    Ok(wrapper_of(value)?.owner.clone())
}

const WRAPPER_METHODS: &[MethodDef] = &[
    MethodDef::new("__name__", MethodKind::GetSet(wrapper_name, None)),
    MethodDef::new("__objclass__", MethodKind::GetSet(wrapper_objclass, None)),
];

fn bound_name(value: &Value) -> PyResult<Value> {
    let b = bound_of(value)?;
    Ok(crate::str::intern(wrapper_of(&b.wrapper)?.name))
}

fn bound_self(value: &Value) -> PyResult<Value> {
    Ok(bound_of(value)?.obj.clone())
}

const BOUND_METHODS: &[MethodDef] = &[
    MethodDef::new("__name__", MethodKind::GetSet(bound_name, None)),
    MethodDef::new("__self__", MethodKind::GetSet(bound_self, None)),
];

// ---------------------------------------------------------------------------------------
// Classes defined in Python: their slots call their dunder methods.

/// What a class's lookup of one slot's dunders found.
enum Found {
    /// No class along the MRO defines it.
    Nothing,
    /// A built-in type's wrapper for this very slot: use that type's function.
    Builtin(Value),
    /// Python code (or something else callable): use the generic slot.
    Python,
    /// Set to `None` (`__hash__ = None`).
    Disabled,
}

fn find(ty: &TypeData, names: &[&str]) -> Found {
    let mut result = Found::Nothing;
    for name in names {
        let Some(v) = ty.lookup_str(name) else {
            continue;
        };
        if protocol::is_none(&v) {
            if matches!(result, Found::Nothing) {
                result = Found::Disabled;
            }
            continue;
        }
        match v.downcast::<SlotWrapper>() {
            // A built-in's wrapper of this very dunder: its slot can be copied. A wrapper of
            // another dunder (`__str__ = int.__repr__`) must be called through the generic
            // slot, as CPython's update_one_slot does.
            Some(w) if w.name == *name => {
                if matches!(result, Found::Nothing | Found::Disabled) {
                    result = Found::Builtin(w.owner.clone());
                }
            }
            Some(_) => return Found::Python,
            None => {
                if is_new_wrapper(&v) {
                    if let Some(owner) = v
                        .downcast::<BuiltinFunction>()
                        .and_then(|f| f.bound.clone())
                    {
                        if matches!(result, Found::Nothing | Found::Disabled) {
                            result = Found::Builtin(owner);
                        }
                        continue;
                    }
                }
                return Found::Python;
            }
        }
    }
    result
}

fn is_new_wrapper(v: &Value) -> bool {
    v.downcast::<BuiltinFunction>()
        .is_some_and(|f| f.func as usize == new_wrapper as *const () as usize)
}

macro_rules! resolve {
    ($ty:expr, $slot:ident, [$($name:expr),*], $generic:expr) => {{
        let value = match find($ty, &[$($name),*]) {
            Found::Nothing | Found::Disabled => None,
            Found::Builtin(owner) => type_data(&owner).and_then(|o| o.slots.$slot.get()),
            Found::Python => Some($generic as _),
        };
        $ty.slots.$slot.set(value);
    }};
}

/// Gives a class defined in Python the slots its MRO's dunder methods call for.
pub(crate) fn fixup_heap_slots(class: &Value) {
    let ty = type_data(class).expect("a type");
    resolve!(ty, repr, ["__repr__"], slot_repr);
    resolve!(ty, str, ["__str__"], slot_str);
    resolve!(ty, hash, ["__hash__"], slot_hash);
    resolve!(
        ty,
        richcompare,
        ["__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"],
        slot_richcompare
    );
    let getattr_hook = ty.lookup_str("__getattr__").is_some();
    if getattr_hook {
        ty.slots.getattro.set(Some(slot_getattr_hook));
    } else {
        resolve!(ty, getattro, ["__getattribute__"], slot_getattribute);
    }
    resolve!(ty, setattro, ["__setattr__", "__delattr__"], slot_setattro);
    resolve!(ty, descr_get, ["__get__"], slot_descr_get);
    resolve!(ty, descr_set, ["__set__", "__delete__"], slot_descr_set);
    resolve!(ty, call, ["__call__"], slot_call);
    resolve!(ty, iter, ["__iter__"], slot_iter);
    resolve!(ty, next, ["__next__"], slot_next);
    resolve!(ty, len, ["__len__"], slot_len);
    resolve!(ty, getitem, ["__getitem__"], slot_getitem);
    resolve!(ty, setitem, ["__setitem__", "__delitem__"], slot_setitem);
    resolve!(ty, contains, ["__contains__"], slot_contains);
    resolve!(ty, bool, ["__bool__"], slot_bool);
    resolve!(ty, init, ["__init__"], slot_init);
    resolve!(ty, new, ["__new__"], slot_new);
    resolve!(ty, del, ["__del__"], slot_del);
    resolve!(ty, divmod, ["__divmod__", "__rdivmod__"], slot_divmod);
    resolve!(ty, pow3, ["__pow__", "__rpow__"], slot_pow3);
    macro_rules! numbers {
        ($($op:ident = $i:literal),*) => {$(
            let op = BinOp::$op;
            let value = match find(ty, &[op.dunder(), op.rdunder()]) {
                Found::Nothing | Found::Disabled => None,
                Found::Builtin(owner) => type_data(&owner).and_then(|o| o.slots.number[$i].get()),
                Found::Python => Some(slot_nb::<$i> as crate::typeobject::BinaryFn),
            };
            ty.slots.number[$i].set(value);
            let value = match find(ty, &[op.idunder()]) {
                Found::Nothing | Found::Disabled => None,
                Found::Builtin(owner) => type_data(&owner).and_then(|o| o.slots.inplace[$i].get()),
                Found::Python => Some(slot_inplace::<$i> as crate::typeobject::BinaryFn),
            };
            ty.slots.inplace[$i].set(value);
        )*};
    }
    numbers!(
        Add = 0,
        And = 1,
        FloorDiv = 2,
        LShift = 3,
        MatMul = 4,
        Mul = 5,
        Mod = 6,
        Or = 7,
        Pow = 8,
        RShift = 9,
        Sub = 10,
        TrueDiv = 11,
        Xor = 12
    );
    macro_rules! unaries {
        ($($op:ident = $i:literal),*) => {$(
            let value = match find(ty, &[UnaryOp::$op.dunder()]) {
                Found::Nothing | Found::Disabled => None,
                Found::Builtin(owner) => type_data(&owner).and_then(|o| o.slots.unary[$i].get()),
                Found::Python => Some(slot_unary::<$i> as crate::typeobject::UnaryFn),
            };
            ty.slots.unary[$i].set(value);
        )*};
    }
    unaries!(
        Neg = 0,
        Pos = 1,
        Abs = 2,
        Invert = 3,
        Int = 4,
        Float = 5,
        Index = 6
    );
    // Sequence concatenation and repetition come with the built-in base's layout.
    if let Some(base) = ty.base() {
        if let Some(b) = type_data(&base) {
            ty.slots.concat.set(b.slots.concat.get());
            ty.slots.repeat.set(b.slots.repeat.get());
        }
    }
}

/// Calls `obj`'s type's `name` with `args` after `obj`; `None` when the type lacks it.
fn call_dunder(obj: &Value, name: &str, args: &[Value]) -> PyResult<Option<Value>> {
    match protocol::lookup_special(obj, name)? {
        Some(m) => Ok(Some(protocol::call1(&m, args)?)),
        None => Ok(None),
    }
}

fn require_dunder(obj: &Value, name: &str, args: &[Value]) -> PyResult<Value> {
    call_dunder(obj, name, args)?
        .ok_or_else(|| protocol::no_attribute(obj, &crate::str::intern(name)))
}

fn slot_repr(obj: &Value) -> PyResult<Value> {
    require_dunder(obj, "__repr__", &[])
}

fn slot_str(obj: &Value) -> PyResult<Value> {
    require_dunder(obj, "__str__", &[])
}

fn slot_hash(obj: &Value) -> PyResult<i64> {
    let r = require_dunder(obj, "__hash__", &[])?;
    match crate::int::as_int(&r) {
        Some(i) => Ok(crate::int::hash_int(i)),
        None => Err(PyErr::type_error(
            "__hash__ method should return an integer",
        )),
    }
}

fn slot_richcompare(a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
    Ok(
        call_dunder(a, op.dunder(), std::slice::from_ref(b))?
            .unwrap_or_else(crate::not_implemented),
    )
}

fn slot_getattribute(obj: &Value, name: &Value) -> PyResult<Value> {
    require_dunder(obj, "__getattribute__", std::slice::from_ref(name))
}

fn slot_getattr_hook(obj: &Value, name: &Value) -> PyResult<Value> {
    let ty = obj.type_data();
    let first = match ty.lookup_str("__getattribute__") {
        Some(ga)
            if ga
                .downcast::<SlotWrapper>()
                .is_some_and(|w| w.owner.is(&types().object)) =>
        {
            protocol::generic_getattr(obj, name)
        }
        Some(_) => require_dunder(obj, "__getattribute__", std::slice::from_ref(name)),
        None => protocol::generic_getattr(obj, name),
    };
    match first {
        Err(e) if e.is(ExcKind::AttributeError) => {
            require_dunder(obj, "__getattr__", std::slice::from_ref(name))
        }
        other => other,
    }
}

fn slot_setattro(obj: &Value, name: &Value, value: Option<&Value>) -> PyResult<()> {
    match value {
        Some(v) => require_dunder(obj, "__setattr__", &[name.clone(), v.clone()]),
        None => require_dunder(obj, "__delattr__", std::slice::from_ref(name)),
    }
    .map(drop)
}

fn slot_descr_get(descr: &Value, obj: Option<&Value>, owner: Option<&Value>) -> PyResult<Value> {
    let none = crate::none();
    let obj = obj.cloned().unwrap_or_else(|| none.clone());
    let owner = owner.cloned().unwrap_or(none);
    require_dunder(descr, "__get__", &[obj, owner])
}

fn slot_descr_set(descr: &Value, obj: &Value, value: Option<&Value>) -> PyResult<()> {
    match value {
        Some(v) => require_dunder(descr, "__set__", &[obj.clone(), v.clone()]),
        None => require_dunder(descr, "__delete__", std::slice::from_ref(obj)),
    }
    .map(drop)
}

fn slot_call(obj: &Value, args: Args<'_>) -> PyResult<Value> {
    match protocol::lookup_special(obj, "__call__")? {
        Some(m) => protocol::call(&m, args),
        None => Err(PyErr::type_error(format!(
            "'{}' object is not callable",
            obj.type_data().name()
        ))),
    }
}

fn slot_iter(obj: &Value) -> PyResult<Value> {
    if obj
        .type_data()
        .lookup_str("__iter__")
        .is_some_and(|v| protocol::is_none(&v))
    {
        return Err(PyErr::type_error(format!(
            "'{}' object is not iterable",
            obj.type_data().name()
        )));
    }
    require_dunder(obj, "__iter__", &[])
}

fn slot_next(obj: &Value) -> PyResult<Option<Value>> {
    match require_dunder(obj, "__next__", &[]) {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.is(ExcKind::StopIteration) => Ok(None),
        Err(e) => Err(e),
    }
}

fn slot_len(obj: &Value) -> PyResult<usize> {
    let r = require_dunder(obj, "__len__", &[])?;
    if !protocol::has_index(&r) {
        return Err(PyErr::type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            r.type_data().name()
        )));
    }
    let n = protocol::index(&r)?;
    match crate::int::as_int(&n) {
        Some(i) if i.is_negative() => Err(PyErr::value_error("__len__() should return >= 0")),
        Some(i) => i
            .to_i64()
            .map(|n| n as usize)
            .ok_or_else(|| PyErr::overflow_error("cannot fit 'int' into an index-sized integer")),
        None => Err(PyErr::type_error("__len__ returned non-int")),
    }
}

fn slot_getitem(obj: &Value, key: &Value) -> PyResult<Value> {
    require_dunder(obj, "__getitem__", std::slice::from_ref(key))
}

fn slot_setitem(obj: &Value, key: &Value, value: Option<&Value>) -> PyResult<()> {
    match value {
        Some(v) => require_dunder(obj, "__setitem__", &[key.clone(), v.clone()]),
        None => require_dunder(obj, "__delitem__", std::slice::from_ref(key)),
    }
    .map(drop)
}

fn slot_contains(obj: &Value, item: &Value) -> PyResult<bool> {
    let r = require_dunder(obj, "__contains__", std::slice::from_ref(item))?;
    protocol::is_true(&r)
}

fn slot_bool(obj: &Value) -> PyResult<bool> {
    let r = require_dunder(obj, "__bool__", &[])?;
    if r.is(&types().true_) {
        return Ok(true);
    }
    if r.is(&types().false_) {
        return Ok(false);
    }
    Err(PyErr::type_error(format!(
        "__bool__ should return bool, returned {}",
        r.type_data().name()
    )))
}

fn slot_init(obj: &Value, args: Args<'_>) -> PyResult<()> {
    let r = match protocol::lookup_special(obj, "__init__")? {
        Some(m) => protocol::call(&m, args)?,
        None => return Ok(()),
    };
    if !protocol::is_none(&r) {
        return Err(PyErr::type_error(format!(
            "__init__() should return None, not '{}'",
            r.type_data().name()
        )));
    }
    Ok(())
}

fn slot_new(cls: &Value, args: Args<'_>) -> PyResult<Value> {
    let ty = type_data(cls).ok_or_else(|| PyErr::system_error("new of a non-type"))?;
    let func = ty
        .lookup_str("__new__")
        .ok_or_else(|| PyErr::system_error("class without __new__"))?;
    // `__new__` is a static method: unwrap it through the descriptor protocol with no
    // instance.
    let func = match func.type_data().slots.descr_get.get() {
        Some(get) => get(&func, None, Some(cls))?,
        None => func,
    };
    let mut values = Vec::with_capacity(args.values().len() + 1);
    values.push(cls.clone());
    values.extend(args.values().iter().cloned());
    protocol::call(&func, Args::new(&values, args.kwnames()))
}

fn slot_del(obj: &Value) {
    if let Err(err) = require_dunder(obj, "__del__", &[]) {
        // CPython reports the `__del__` function itself ("Exception ignored in: <function
        // A.__del__ at ...>").
        let del = obj.type_data().lookup_str("__del__");
        let culprit = del.as_ref().unwrap_or(obj);
        (crate::hooks::get().unraisable)(&err, "Exception ignored in", Some(culprit));
    }
}

fn slot_nb<const OP: usize>(a: &Value, b: &Value) -> PyResult<Value> {
    let op = BinOp::ALL[OP];
    let this = slot_nb::<OP> as crate::typeobject::BinaryFn as usize;
    let a_has = a.type_data().slots.number[OP].get().map(|f| f as usize) == Some(this);
    let b_has = !a.class().is(b.class())
        && b.type_data().slots.number[OP].get().map(|f| f as usize) == Some(this);
    let mut do_other = b_has;
    if a_has {
        if do_other && is_subtype(b.class(), a.class()) && overrides(b, a, op.rdunder()) {
            let r = call_dunder(b, op.rdunder(), std::slice::from_ref(a))?;
            if let Some(r) = r {
                if !is_not_implemented(&r) {
                    return Ok(r);
                }
            }
            do_other = false;
        }
        if let Some(r) = call_dunder(a, op.dunder(), std::slice::from_ref(b))? {
            if !is_not_implemented(&r) || a.class().is(b.class()) {
                return Ok(r);
            }
        }
    }
    if do_other {
        if let Some(r) = call_dunder(b, op.rdunder(), std::slice::from_ref(a))? {
            return Ok(r);
        }
    }
    Ok(crate::not_implemented())
}

/// `divmod(a, b)` for classes defined in Python: `__divmod__`/`__rdivmod__` with the rules of
/// the binary operators (CPython's `SLOT1BINFULL`).
fn slot_divmod(a: &Value, b: &Value) -> PyResult<Value> {
    let this = slot_divmod as crate::typeobject::BinaryFn as usize;
    let a_has = a.type_data().slots.divmod.get().map(|f| f as usize) == Some(this);
    let b_has = !a.class().is(b.class())
        && b.type_data().slots.divmod.get().map(|f| f as usize) == Some(this);
    let mut do_other = b_has;
    if a_has {
        if do_other && is_subtype(b.class(), a.class()) && overrides(b, a, "__rdivmod__") {
            if let Some(r) = call_dunder(b, "__rdivmod__", std::slice::from_ref(a))? {
                if !is_not_implemented(&r) {
                    return Ok(r);
                }
            }
            do_other = false;
        }
        if let Some(r) = call_dunder(a, "__divmod__", std::slice::from_ref(b))? {
            if !is_not_implemented(&r) || a.class().is(b.class()) {
                return Ok(r);
            }
        }
    }
    if do_other {
        if let Some(r) = call_dunder(b, "__rdivmod__", std::slice::from_ref(a))? {
            return Ok(r);
        }
    }
    Ok(crate::not_implemented())
}

/// `pow(a, b, modulus)` for classes defined in Python: only `a.__pow__(b, modulus)`, and only
/// when `a`'s own type uses this slot (three-argument power never calls `__rpow__`).
fn slot_pow3(a: &Value, b: &Value, modulus: &Value) -> PyResult<Value> {
    let this = slot_pow3 as crate::typeobject::TernaryFn as usize;
    if a.type_data().slots.pow3.get().map(|f| f as usize) == Some(this) {
        if let Some(r) = call_dunder(a, "__pow__", &[b.clone(), modulus.clone()])? {
            return Ok(r);
        }
    }
    Ok(crate::not_implemented())
}

/// Whether `b`'s type defines `name` differently from `a`'s (CPython's
/// `method_is_overloaded`).
fn overrides(b: &Value, a: &Value, name: &str) -> bool {
    let bm = b.type_data().lookup_str(name);
    let am = a.type_data().lookup_str(name);
    match (bm, am) {
        (Some(x), Some(y)) => !x.is(&y),
        (Some(_), None) => true,
        _ => false,
    }
}

fn slot_inplace<const OP: usize>(a: &Value, b: &Value) -> PyResult<Value> {
    Ok(
        call_dunder(a, BinOp::ALL[OP].idunder(), std::slice::from_ref(b))?
            .unwrap_or_else(crate::not_implemented),
    )
}

fn slot_unary<const OP: usize>(a: &Value) -> PyResult<Value> {
    let op = [
        UnaryOp::Neg,
        UnaryOp::Pos,
        UnaryOp::Abs,
        UnaryOp::Invert,
        UnaryOp::Int,
        UnaryOp::Float,
        UnaryOp::Index,
    ][OP];
    require_dunder(a, op.dunder(), &[])
}

// ---------------------------------------------------------------------------------------
// The iterator of objects that only have `__getitem__` (CPython's Objects/iterobject.c).

struct SeqIter {
    seq: RefCell<Option<Value>>,
    index: Cell<usize>,
}

impl Payload for SeqIter {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        crate::gc::visit_cell(&self.seq, visit);
    }

    fn clear(&self) {
        crate::gc::clear_cell(&self.seq);
    }
}

/// An iterator calling `seq[0]`, `seq[1]`… until IndexError or StopIteration.
pub(crate) fn sequence_iter(seq: Value) -> Value {
    crate::object::alloc(
        &wrapper_types().seq_iter,
        SeqIter {
            seq: RefCell::new(Some(seq)),
            index: Cell::new(0),
        },
    )
}

fn seq_iter_next(it: &Value) -> PyResult<Option<Value>> {
    let data = it
        .downcast::<SeqIter>()
        .ok_or_else(|| PyErr::system_error("bad iterator"))?;
    let Some(seq) = data.seq.borrow().clone() else {
        return Ok(None);
    };
    let i = data.index.get();
    match protocol::getitem(&seq, &crate::int::from_usize(i)) {
        Ok(v) => {
            data.index.set(i + 1);
            Ok(Some(v))
        }
        Err(e) if e.is(ExcKind::IndexError) || e.is(ExcKind::StopIteration) => {
            let old = data.seq.borrow_mut().take();
            drop(old);
            Ok(None)
        }
        Err(e) => Err(e),
    }
}
