//! `types.GenericAlias` (CPython's Objects/genericaliasobject.c): what `list[int]` and
//! `dict[str, int]` make through the built-in containers' `__class_getitem__` — an origin
//! class and a tuple of arguments that prints as `list[int]` and calls the origin.

use std::sync::OnceLock;

use crate::args::Args;
use crate::error::{PyErr, PyResult};
use crate::native::{MethodDef, MethodKind};
use crate::object::Payload;
use crate::protocol;
use crate::typeobject::{type_data, CompareOp, TypeBuilder};
use crate::value::Value;
use crate::SyncCell;

/// The payload of a `types.GenericAlias`.
pub struct GenericAlias {
    /// `__origin__`.
    pub origin: Value,
    /// `__args__` (a tuple).
    pub args: Value,
}

impl Payload for GenericAlias {}

static TYPE: OnceLock<SyncCell<Value>> = OnceLock::new();

/// The `types.GenericAlias` type.
pub fn generic_alias_type() -> &'static Value {
    &TYPE
        .get_or_init(|| {
            SyncCell(
                TypeBuilder::new::<GenericAlias>("GenericAlias")
                    .module("types")
                    .subclassable()
                    .slots(|s| {
                        s.repr.set(Some(ga_repr));
                        s.call.set(Some(ga_call));
                        s.richcompare.set(Some(ga_richcompare));
                        s.hash.set(Some(ga_hash));
                        s.new.set(Some(ga_new));
                    })
                    .methods(GA_METHODS)
                    .build(),
            )
        })
        .0
}

/// `origin[args]`.
pub fn new(origin: Value, args: Value) -> Value {
    let args = if args.downcast::<crate::tuple::TupleData>().is_some() {
        args
    } else {
        crate::tuple::new(vec![args])
    };
    crate::object::alloc(generic_alias_type(), GenericAlias { origin, args })
}

/// `cls.__class_getitem__(item)` of the built-in containers: a [`GenericAlias`].
pub fn class_getitem(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("__class_getitem__", 2, 2)?;
    Ok(new(a[0].clone(), a[1].clone()))
}

fn data(v: &Value) -> PyResult<&GenericAlias> {
    v.downcast::<GenericAlias>()
        .ok_or_else(|| PyErr::system_error("bad GenericAlias"))
}

fn ga_new(cls: &Value, args: Args<'_>) -> PyResult<Value> {
    args.no_kwargs("GenericAlias")?;
    let a = args.exact("GenericAlias", 2, 2)?;
    let args = if a[1].downcast::<crate::tuple::TupleData>().is_some() {
        a[1].clone()
    } else {
        crate::tuple::new(vec![a[1].clone()])
    };
    Ok(crate::object::alloc(
        cls,
        GenericAlias {
            origin: a[0].clone(),
            args,
        },
    ))
}

/// How an argument prints inside the brackets (CPython's `ga_repr_item`).
fn repr_item(item: &Value) -> PyResult<String> {
    if item.is(&crate::types().ellipsis) {
        return Ok("...".to_string());
    }
    if let Some(items) = item.downcast::<crate::tuple::TupleData>() {
        let _ = items;
    }
    if item.downcast::<GenericAlias>().is_some() {
        return protocol::repr_string(item);
    }
    if let Some(t) = type_data(item) {
        let qualname = crate::str::text_of(&t.qualname()).unwrap_or_default();
        let module = t
            .lookup_str("__module__")
            .and_then(|m| crate::str::text_of(&m));
        return Ok(match module.as_deref() {
            Some("builtins") | None => qualname,
            Some(m) => format!("{m}.{qualname}"),
        });
    }
    protocol::repr_string(item)
}

fn ga_repr(v: &Value) -> PyResult<Value> {
    let d = data(v)?;
    let mut out = repr_item(&d.origin)?;
    out.push('[');
    let items = crate::tuple::items_of(&d.args).unwrap_or(&[]);
    if items.is_empty() {
        out.push_str("()");
    }
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        if let Some(inner) = item.downcast::<crate::list::ListData>() {
            out.push('[');
            for (j, x) in inner.to_vec().iter().enumerate() {
                if j > 0 {
                    out.push_str(", ");
                }
                out.push_str(&repr_item(x)?);
            }
            out.push(']');
        } else {
            out.push_str(&repr_item(item)?);
        }
    }
    out.push(']');
    Ok(crate::str::new(&out))
}

fn ga_call(v: &Value, args: Args<'_>) -> PyResult<Value> {
    let origin = data(v)?.origin.clone();
    protocol::call(&origin, args)
}

fn ga_richcompare(a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
    let (Some(x), Some(y)) = (a.downcast::<GenericAlias>(), b.downcast::<GenericAlias>()) else {
        return Ok(crate::not_implemented());
    };
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(crate::not_implemented());
    }
    let equal = protocol::eq(&x.origin, &y.origin)? && protocol::eq(&x.args, &y.args)?;
    Ok(crate::bool(equal == (op == CompareOp::Eq)))
}

fn ga_hash(v: &Value) -> PyResult<i64> {
    let d = data(v)?;
    let h = protocol::hash(&d.origin)? ^ protocol::hash(&d.args)?;
    Ok(if h == -1 { -2 } else { h })
}

fn origin(v: &Value) -> PyResult<Value> {
    Ok(data(v)?.origin.clone())
}

fn ga_args(v: &Value) -> PyResult<Value> {
    Ok(data(v)?.args.clone())
}

fn parameters(_v: &Value) -> PyResult<Value> {
    Ok(crate::tuple::empty())
}

const GA_METHODS: &[MethodDef] = &[
    MethodDef::new("__origin__", MethodKind::GetSet(origin, None)),
    MethodDef::new("__args__", MethodKind::GetSet(ga_args, None)),
    MethodDef::new("__parameters__", MethodKind::GetSet(parameters, None)),
];
