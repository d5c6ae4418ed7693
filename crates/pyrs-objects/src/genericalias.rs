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

impl Payload for GenericAlias {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.origin);
        visit(&self.args);
    }
}

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
                        s.getitem.set(Some(ga_getitem));
                        s.getattro.set(Some(ga_getattro));
                        s.number[crate::typeobject::BinOp::Or as usize]
                            .set(Some(crate::union::type_or));
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

fn parameters(v: &Value) -> PyResult<Value> {
    make_parameters(&data(v)?.args)
}

/// `list[T][int]`: the alias with its type variables substituted.
fn ga_getitem(v: &Value, item: &Value) -> PyResult<Value> {
    let d = data(v)?;
    let params = make_parameters(&d.args)?;
    let new_args = subs_parameters(v, &d.args, &params, item)?;
    Ok(new(d.origin.clone(), new_args))
}

/// The attributes a generic alias answers itself; any other comes from its origin
/// (CPython's `attr_exceptions`).
const OWN_ATTRIBUTES: &[&str] = &[
    "__class__",
    "__bases__",
    "__origin__",
    "__args__",
    "__unpacked__",
    "__parameters__",
    "__typing_unpacked_tuple_args__",
    "__mro_entries__",
    "__reduce_ex__",
    "__reduce__",
    "__copy__",
    "__deepcopy__",
];

fn ga_getattro(v: &Value, name: &Value) -> PyResult<Value> {
    if let Some(text) = crate::str::text_of(name) {
        if !OWN_ATTRIBUTES.contains(&text.as_str()) {
            return protocol::getattr(&data(v)?.origin, name);
        }
    }
    protocol::generic_getattr(v, name)
}

fn ga_mro_entries(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("__mro_entries__", 2, 2)?;
    Ok(crate::tuple::new(vec![data(&a[0])?.origin.clone()]))
}

fn ga_instancecheck(_args: Args<'_>) -> PyResult<Value> {
    Err(PyErr::type_error(
        "isinstance() argument 2 cannot be a parameterized generic",
    ))
}

fn ga_subclasscheck(_args: Args<'_>) -> PyResult<Value> {
    Err(PyErr::type_error(
        "issubclass() argument 2 cannot be a parameterized generic",
    ))
}

/// Adds `t` to `params` unless it is there already (by identity).
fn add_unique(params: &mut Vec<Value>, t: &Value) {
    if !params.iter().any(|p| p.is(t)) {
        params.push(t.clone());
    }
}

/// The type variables among `args`, in order of first appearance, looking into generic
/// aliases' own `__parameters__` and into nested lists and tuples (CPython's
/// `_Py_make_parameters`).
pub fn make_parameters(args: &Value) -> PyResult<Value> {
    let items: Vec<Value> = match args.downcast::<crate::list::ListData>() {
        Some(l) => l.to_vec(),
        None => crate::tuple::items_of(args).unwrap_or(&[]).to_vec(),
    };
    let mut params = Vec::new();
    for t in &items {
        // A bare class's `__parameters__` descriptor is not a parameter list.
        if type_data(t).is_some() {
            continue;
        }
        if protocol::getattr_opt(t, &crate::str::intern("__typing_subst__"))?.is_some() {
            add_unique(&mut params, t);
            continue;
        }
        let mut sub = protocol::getattr_opt(t, &crate::str::intern("__parameters__"))?;
        if sub.is_none()
            && (t.downcast::<crate::tuple::TupleData>().is_some()
                || t.downcast::<crate::list::ListData>().is_some())
        {
            sub = Some(make_parameters(t)?);
        }
        if let Some(sub) = sub {
            for t2 in crate::tuple::items_of(&sub).unwrap_or(&[]) {
                add_unique(&mut params, t2);
            }
        }
    }
    Ok(crate::tuple::new(params))
}

/// `obj` with `params` replaced by `argitems` when it is itself generic (CPython's
/// `subs_tvars`).
fn subs_tvars(obj: &Value, params: &[Value], argitems: &[Value]) -> PyResult<Value> {
    let sub = protocol::getattr_opt(obj, &crate::str::intern("__parameters__"))?;
    let Some(sub) = sub else {
        return Ok(obj.clone());
    };
    let subparams = crate::tuple::items_of(&sub).unwrap_or(&[]).to_vec();
    if subparams.is_empty() {
        return Ok(obj.clone());
    }
    let mut subargs = Vec::with_capacity(subparams.len());
    for arg in &subparams {
        match params.iter().position(|p| p.is(arg)) {
            Some(i) => subargs.push(argitems[i].clone()),
            None => subargs.push(arg.clone()),
        }
    }
    protocol::getitem(obj, &crate::tuple::new(subargs))
}

/// The arguments `args` of the generic `alias` with its type variables `parameters`
/// replaced by the subscript `item` (CPython's `_Py_subs_parameters`; `TypeVarTuple`
/// unpacking aside).
pub fn subs_parameters(
    alias: &Value,
    args: &Value,
    parameters: &Value,
    item: &Value,
) -> PyResult<Value> {
    let params = crate::tuple::items_of(parameters).unwrap_or(&[]).to_vec();
    if params.is_empty() {
        return Err(PyErr::type_error(format!(
            "{} is not a generic class",
            protocol::repr_string(alias)?
        )));
    }
    let mut item = item.clone();
    for param in &params {
        let prepare =
            protocol::getattr_opt(param, &crate::str::intern("__typing_prepare_subst__"))?;
        if let Some(prepare) = prepare.filter(|p| !protocol::is_none(p)) {
            let packed = if item.downcast::<crate::tuple::TupleData>().is_some() {
                item.clone()
            } else {
                crate::tuple::new(vec![item.clone()])
            };
            item = protocol::call1(&prepare, &[alias.clone(), packed])?;
        }
    }
    let argitems: Vec<Value> = match crate::tuple::items_of(&item) {
        Some(items) => items.to_vec(),
        None => vec![item.clone()],
    };
    if argitems.len() != params.len() {
        return Err(PyErr::type_error(format!(
            "Too {} arguments for {}; actual {}, expected {}",
            if argitems.len() > params.len() {
                "many"
            } else {
                "few"
            },
            protocol::repr_string(alias)?,
            argitems.len(),
            params.len()
        )));
    }
    let items: Vec<Value> = match args.downcast::<crate::list::ListData>() {
        Some(l) => l.to_vec(),
        None => crate::tuple::items_of(args).unwrap_or(&[]).to_vec(),
    };
    let mut new_args = Vec::with_capacity(items.len());
    for arg in &items {
        if type_data(arg).is_some() {
            new_args.push(arg.clone());
            continue;
        }
        if arg.downcast::<crate::tuple::TupleData>().is_some() {
            new_args.push(subs_parameters(alias, arg, parameters, &item)?);
            continue;
        }
        if arg.downcast::<crate::list::ListData>().is_some() {
            let sub = subs_parameters(alias, arg, parameters, &item)?;
            let sub_items = crate::tuple::items_of(&sub).unwrap_or(&[]).to_vec();
            new_args.push(crate::list::new(sub_items));
            continue;
        }
        let subst = protocol::getattr_opt(arg, &crate::str::intern("__typing_subst__"))?;
        match subst {
            Some(subst) => {
                let i = params.iter().position(|p| p.is(arg)).unwrap_or(0);
                new_args.push(protocol::call1(&subst, &[argitems[i].clone()])?);
            }
            None => new_args.push(subs_tvars(arg, &params, &argitems)?),
        }
    }
    Ok(crate::tuple::new(new_args))
}

const GA_METHODS: &[MethodDef] = &[
    MethodDef::new("__origin__", MethodKind::GetSet(origin, None)),
    MethodDef::new("__args__", MethodKind::GetSet(ga_args, None)),
    MethodDef::new("__parameters__", MethodKind::GetSet(parameters, None)),
    MethodDef::new("__mro_entries__", MethodKind::Method(ga_mro_entries)),
    MethodDef::new("__instancecheck__", MethodKind::Method(ga_instancecheck)),
    MethodDef::new("__subclasscheck__", MethodKind::Method(ga_subclasscheck)),
];
