//! `types.UnionType` (CPython's Objects/unionobject.c): what `int | str` makes — the PEP 604
//! union of types, flattened and without duplicates, that `isinstance` and `issubclass`
//! accept like a tuple of its members.
//!
//! `X | Y` is a union when both operands are "unionable": `None`, a class, a
//! `types.GenericAlias` (`list[int]`), a union or a `typing.TypeAliasType`; otherwise `|`
//! answers NotImplemented, so that typing's objects (`TypeVar`, `Optional[...]`) build theirs
//! through their own `__or__`/`__ror__`.

use std::sync::OnceLock;

use crate::error::{PyErr, PyResult};
use crate::native::{MethodDef, MethodKind};
use crate::object::Payload;
use crate::protocol;
use crate::typeobject::{type_data, BinOp, CompareOp, TypeBuilder};
use crate::value::Value;
use crate::SyncCell;

/// The payload of a `types.UnionType`.
pub struct UnionData {
    /// `__args__`: the member types, `None` stored as `NoneType`.
    pub args: Value,
}

impl Payload for UnionData {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.args);
    }
}

static TYPE: OnceLock<SyncCell<Value>> = OnceLock::new();

/// The `types.UnionType` type.
pub fn union_type() -> &'static Value {
    &TYPE
        .get_or_init(|| {
            SyncCell(
                TypeBuilder::new::<UnionData>("UnionType")
                    .module("types")
                    .doc("Represent a PEP 604 union type\n\nE.g. for int | str")
                    .slots(|s| {
                        s.repr.set(Some(union_repr));
                        s.hash.set(Some(union_hash));
                        s.richcompare.set(Some(union_richcompare));
                        s.getitem.set(Some(union_getitem));
                        s.number[BinOp::Or as usize].set(Some(type_or));
                    })
                    .methods(UNION_METHODS)
                    .build(),
            )
        })
        .0
}

/// The member types of a union (`None` when `v` is not one).
pub fn args_of(v: &Value) -> Option<&Value> {
    v.downcast::<UnionData>().map(|u| &u.args)
}

/// Whether `|` on this operand makes a `types.UnionType` (CPython's `is_unionable`).
fn is_unionable(v: &Value) -> bool {
    protocol::is_none(v)
        || type_data(v).is_some()
        || v.downcast::<crate::genericalias::GenericAlias>().is_some()
        || v.downcast::<UnionData>().is_some()
        || crate::typevar::is_type_alias(v)
}

/// The members an operand contributes: a union's own, or the operand (`None` as
/// `NoneType`).
fn members(v: &Value) -> Vec<Value> {
    if let Some(args) = args_of(v) {
        return crate::tuple::items_of(args).unwrap_or(&[]).to_vec();
    }
    if protocol::is_none(v) {
        return vec![crate::types().none_type.clone()];
    }
    vec![v.clone()]
}

/// Whether two members are the same (equal generic aliases count as the same).
fn is_same(a: &Value, b: &Value) -> PyResult<bool> {
    let ga = |v: &Value| v.downcast::<crate::genericalias::GenericAlias>().is_some();
    if ga(a) && ga(b) {
        return protocol::eq(a, b);
    }
    Ok(a.is(b))
}

/// `X | Y` for types, generic aliases, unions and type aliases (CPython's
/// `_Py_union_type_or`): the members of both, left first, duplicates dropped; when the right
/// operand adds nothing, the left operand itself.
pub fn type_or(a: &Value, b: &Value) -> PyResult<Value> {
    if !is_unionable(a) || !is_unionable(b) {
        return Ok(crate::not_implemented());
    }
    let mut items = members(a);
    let left_len = items.len();
    for item in members(b) {
        let mut duplicate = false;
        for existing in &items[..left_len] {
            if is_same(existing, &item)? {
                duplicate = true;
                break;
            }
        }
        if !duplicate {
            items.push(item);
        }
    }
    if items.len() == left_len {
        // Nothing new on the right: `int | int` is `int`.
        return Ok(if protocol::is_none(a) {
            crate::types().none_type.clone()
        } else {
            a.clone()
        });
    }
    Ok(make_union(items))
}

/// A union of exactly these members.
pub fn make_union(items: Vec<Value>) -> Value {
    crate::object::alloc(
        union_type(),
        UnionData {
            args: crate::tuple::new(items),
        },
    )
}

fn data(v: &Value) -> PyResult<&UnionData> {
    v.downcast::<UnionData>()
        .ok_or_else(|| PyErr::type_error("descriptor requires a 'types.UnionType' object"))
}

/// How one member prints (CPython's `union_repr_item`): `None` for `NoneType`, a generic
/// alias by its repr, a class as `module.qualname` (no module for builtins).
fn repr_item(p: &Value) -> PyResult<String> {
    if p.is(&crate::types().none_type) {
        return Ok("None".to_string());
    }
    let attr = |name: &str| protocol::getattr_opt(p, &crate::str::intern(name));
    if attr("__origin__")?.is_some() && attr("__args__")?.is_some() {
        return protocol::repr_string(p);
    }
    let Some(qualname) = attr("__qualname__")? else {
        return protocol::repr_string(p);
    };
    let module = match attr("__module__")? {
        Some(m) if !protocol::is_none(&m) => m,
        _ => return protocol::repr_string(p),
    };
    if crate::str::text_of(&module).as_deref() == Some("builtins") {
        return protocol::str_string(&qualname);
    }
    Ok(format!(
        "{}.{}",
        protocol::str_string(&module)?,
        protocol::str_string(&qualname)?
    ))
}

fn union_repr(v: &Value) -> PyResult<Value> {
    let items = crate::tuple::items_of(&data(v)?.args)
        .unwrap_or(&[])
        .to_vec();
    let mut parts = Vec::with_capacity(items.len());
    for item in &items {
        parts.push(repr_item(item)?);
    }
    Ok(crate::str::from_string(parts.join(" | ")))
}

fn union_hash(v: &Value) -> PyResult<i64> {
    let items = crate::tuple::items_of(&data(v)?.args)
        .unwrap_or(&[])
        .to_vec();
    protocol::hash(&crate::set::new_frozenset(items)?)
}

fn union_richcompare(a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
    let (Some(x), Some(y)) = (args_of(a), args_of(b)) else {
        return Ok(crate::not_implemented());
    };
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(crate::not_implemented());
    }
    let x = crate::set::new_set(crate::tuple::items_of(x).unwrap_or(&[]).to_vec())?;
    let y = crate::set::new_set(crate::tuple::items_of(y).unwrap_or(&[]).to_vec())?;
    protocol::rich_compare(&x, &y, op)
}

/// `(int | list[T])[str]`: the type variables substituted, the members joined again by `|`.
fn union_getitem(v: &Value, item: &Value) -> PyResult<Value> {
    let args = data(v)?.args.clone();
    let params = crate::genericalias::make_parameters(&args)?;
    let new_args = crate::genericalias::subs_parameters(v, &args, &params, item)?;
    let items = crate::tuple::items_of(&new_args).unwrap_or(&[]).to_vec();
    let Some((first, rest)) = items.split_first() else {
        return Ok(make_union(Vec::new()));
    };
    let mut result = first.clone();
    for arg in rest {
        result = protocol::binary_op(&result, arg, BinOp::Or)?;
    }
    Ok(result)
}

fn union_args(v: &Value) -> PyResult<Value> {
    Ok(data(v)?.args.clone())
}

fn union_parameters(v: &Value) -> PyResult<Value> {
    crate::genericalias::make_parameters(&data(v)?.args)
}

const UNION_METHODS: &[MethodDef] = &[
    MethodDef::new("__args__", MethodKind::GetSet(union_args, None)),
    MethodDef::with_doc(
        "__parameters__",
        MethodKind::GetSet(union_parameters, None),
        "Type variables in the types.UnionType.",
    ),
];
