//! `types.SimpleNamespace` (CPython's Objects/namespaceobject.c): an object whose attributes
//! are whatever its constructor was given; `sys.implementation` is one.

use std::sync::OnceLock;

use crate::args::Args;
use crate::dict::DictData;
use crate::error::{PyErr, PyResult};
use crate::native::{MethodDef, MethodKind};
use crate::object::Payload;
use crate::protocol;
use crate::typeobject::{is_instance, CompareOp, TypeBuilder};
use crate::value::Value;
use crate::SyncCell;

/// The payload of a `SimpleNamespace`: nothing but the instance dict.
pub struct NamespaceData;

impl Payload for NamespaceData {}

/// The `types.SimpleNamespace` type.
pub fn namespace_type() -> &'static Value {
    static T: OnceLock<SyncCell<Value>> = OnceLock::new();
    &T.get_or_init(|| {
        SyncCell(
            TypeBuilder::new::<NamespaceData>("SimpleNamespace")
                .module("types")
                .doc("A simple attribute-based namespace.")
                .with_dict()
                .subclassable()
                .unhashable()
                .slots(|s| {
                    s.new.set(Some(namespace_new));
                    s.init.set(Some(namespace_init));
                    s.repr.set(Some(namespace_repr));
                    s.richcompare.set(Some(namespace_richcompare));
                })
                .methods(NAMESPACE_METHODS)
                .build(),
        )
    })
    .0
}

/// A new `SimpleNamespace` with these attributes, in order.
pub fn new(attrs: Vec<(&str, Value)>) -> Value {
    let ns = crate::object::alloc(namespace_type(), NamespaceData);
    if let Some(d) = protocol::instance_dict(&ns) {
        let d = d.downcast::<DictData>().expect("dict");
        for (name, value) in attrs {
            d.set_str(name, value);
        }
    }
    ns
}

fn namespace_new(cls: &Value, _args: Args<'_>) -> PyResult<Value> {
    Ok(crate::object::alloc(cls, NamespaceData))
}

fn dict_of(ns: &Value) -> PyResult<Value> {
    protocol::instance_dict(ns).ok_or_else(|| PyErr::type_error("namespace without a __dict__"))
}

/// `SimpleNamespace(mapping_or_iterable=(), /, **kwargs)`.
fn namespace_init(ns: &Value, args: Args<'_>) -> PyResult<()> {
    let pos = args.pos();
    if pos.len() > 1 {
        return Err(PyErr::type_error(format!(
            "SimpleNamespace expected at most 1 argument, got {}",
            pos.len()
        )));
    }
    let dict = dict_of(ns)?;
    let d = dict.downcast::<DictData>().expect("dict");
    if let Some(arg) = pos.first() {
        let items = protocol::call1(&crate::types().dict, std::slice::from_ref(arg))?;
        let items = items.downcast::<DictData>().expect("dict").items();
        for (k, v) in items {
            if !is_instance(&k, &crate::types().str) {
                return Err(PyErr::type_error("keywords must be strings"));
            }
            d.set_item(k, v)?;
        }
    }
    for (k, v) in args.kwargs() {
        d.set_item(k.clone(), v.clone())?;
    }
    Ok(())
}

fn namespace_repr(ns: &Value) -> PyResult<Value> {
    let name = if ns.is_exact(namespace_type()) {
        "namespace".to_string()
    } else {
        ns.type_data().name()
    };
    let Some(_guard) = crate::repr_guard::enter(ns)? else {
        return Ok(crate::str::new(&format!("{name}(...)")));
    };
    let dict = dict_of(ns)?;
    let items = dict.downcast::<DictData>().expect("dict").items();
    let mut parts = Vec::new();
    for (k, v) in items {
        let Some(key) = k.downcast::<crate::str::StrData>() else {
            continue;
        };
        if key.char_len() == 0 {
            continue;
        }
        let key = crate::str::text_of(&k).unwrap_or_default();
        parts.push(format!("{key}={}", protocol::repr_string(&v)?));
    }
    Ok(crate::str::new(&format!("{name}({})", parts.join(", "))))
}

fn namespace_richcompare(a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
    let t = namespace_type();
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) || !is_instance(a, t) || !is_instance(b, t) {
        return Ok(crate::not_implemented());
    }
    protocol::rich_compare(&dict_of(a)?, &dict_of(b)?, op)
}

fn namespace_get_dict(ns: &Value) -> PyResult<Value> {
    dict_of(ns)
}

/// `__reduce__`: `(type(self), (), self.__dict__)`.
fn namespace_reduce(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("__reduce__", 1, 1)?;
    Ok(crate::tuple::new(vec![
        a[0].class().clone(),
        crate::tuple::empty(),
        dict_of(&a[0])?,
    ]))
}

const NAMESPACE_METHODS: &[MethodDef] = &[
    MethodDef::new("__dict__", MethodKind::GetSet(namespace_get_dict, None)),
    MethodDef::new("__reduce__", MethodKind::Method(namespace_reduce)),
];
