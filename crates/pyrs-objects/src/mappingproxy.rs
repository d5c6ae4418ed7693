//! `types.MappingProxyType` (`mappingproxy`, CPython's Objects/descrobject.c): a read-only
//! view of a mapping — what a class's `__dict__` and a dict view's `mapping` are.

use std::sync::OnceLock;

use crate::args::Args;
use crate::error::{PyErr, PyResult};
use crate::native::{MethodDef, MethodKind};
use crate::object::Payload;
use crate::protocol;
use crate::sequence::method_args;
use crate::typeobject::{BinOp, CompareOp, TypeBuilder};
use crate::value::Value;
use crate::SyncCell;

/// The payload of a `mappingproxy`.
pub struct MappingProxy {
    /// The mapping it shows.
    pub mapping: Value,
}

impl Payload for MappingProxy {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.mapping);
    }
}

static TYPE: OnceLock<SyncCell<Value>> = OnceLock::new();

/// The `mappingproxy` type.
pub fn mappingproxy_type() -> &'static Value {
    &TYPE
        .get_or_init(|| {
            SyncCell(
                TypeBuilder::new::<MappingProxy>("mappingproxy")
                    .flags(crate::typeobject::TypeFlags::MAPPING)
                    .slots(|s| {
                        s.repr.set(Some(mp_repr));
                        s.str.set(Some(|v| protocol::str(&mapping_of(v)?)));
                        s.len.set(Some(|v| protocol::len(&mapping_of(v)?)));
                        s.getitem
                            .set(Some(|v, k| protocol::getitem(&mapping_of(v)?, k)));
                        s.contains.set(Some(mp_contains));
                        s.iter.set(Some(|v| protocol::iter(&mapping_of(v)?)));
                        s.richcompare.set(Some(mp_richcompare));
                        s.number[BinOp::Or as usize].set(Some(mp_or));
                        s.inplace[BinOp::Or as usize].set(Some(mp_ior));
                        s.new.set(Some(mp_new));
                    })
                    .methods(MP_METHODS)
                    .build(),
            )
        })
        .0
}

/// A read-only proxy of `mapping` (the hook `type.__dict__` uses).
pub fn new(mapping: Value) -> PyResult<Value> {
    Ok(crate::object::alloc(
        mappingproxy_type(),
        MappingProxy { mapping },
    ))
}

fn mapping_of(v: &Value) -> PyResult<Value> {
    v.downcast::<MappingProxy>()
        .map(|m| m.mapping.clone())
        .ok_or_else(|| PyErr::system_error("bad mappingproxy"))
}

fn is_mapping(v: &Value) -> bool {
    let ty = v.type_data();
    ty.slots.getitem.get().is_some()
        && crate::tuple::items_of(v).is_none()
        && v.downcast::<crate::list::ListData>().is_none()
        && v.downcast::<crate::str::StrData>().is_none()
}

fn mp_new(cls: &Value, args: Args<'_>) -> PyResult<Value> {
    let pos = args.pos();
    let mut mapping = pos.first().cloned();
    if pos.len() > 1 {
        return Err(PyErr::type_error(format!(
            "mappingproxy() takes at most 1 argument ({} given)",
            args.values().len()
        )));
    }
    for (name, value) in args.kwargs() {
        match crate::str::text_of(name).as_deref() {
            Some("mapping") if mapping.is_none() => mapping = Some(value.clone()),
            other => {
                return Err(PyErr::type_error(format!(
                    "mappingproxy() got an unexpected keyword argument '{}'",
                    other.unwrap_or_default()
                )))
            }
        }
    }
    let Some(mapping) = mapping else {
        return Err(PyErr::type_error(
            "mappingproxy() missing required argument 'mapping' (pos 1)",
        ));
    };
    if !is_mapping(&mapping) {
        return Err(PyErr::type_error(format!(
            "mappingproxy() argument must be a mapping, not {}",
            mapping.type_data().name()
        )));
    }
    Ok(crate::object::alloc(cls, MappingProxy { mapping }))
}

fn mp_repr(v: &Value) -> PyResult<Value> {
    let inner = protocol::repr_string(&mapping_of(v)?)?;
    Ok(crate::str::new(&format!("mappingproxy({inner})")))
}

fn mp_contains(v: &Value, k: &Value) -> PyResult<bool> {
    let m = mapping_of(v)?;
    if let Some(d) = m.downcast::<crate::dict::DictData>() {
        return Ok(d.get_item(k)?.is_some());
    }
    protocol::contains(&m, k)
}

fn mp_richcompare(a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
    let m = mapping_of(a)?;
    protocol::rich_compare(&m, b, op)
}

fn mp_or(a: &Value, b: &Value) -> PyResult<Value> {
    let a = match a.downcast::<MappingProxy>() {
        Some(m) => m.mapping.clone(),
        None => a.clone(),
    };
    let b = match b.downcast::<MappingProxy>() {
        Some(m) => m.mapping.clone(),
        None => b.clone(),
    };
    protocol::binary_op(&a, &b, BinOp::Or)
}

fn mp_ior(a: &Value, _b: &Value) -> PyResult<Value> {
    Err(PyErr::type_error(format!(
        "'|=' is not supported by {}; use '|' instead",
        a.type_data().name()
    )))
}

fn call_on_mapping(args: &Args<'_>, name: &str, rest: &[Value]) -> PyResult<Value> {
    let m = mapping_of(&args.pos()[0])?;
    let method = protocol::getattr_str(&m, name)?;
    protocol::call1(&method, rest)
}

fn get(args: Args<'_>) -> PyResult<Value> {
    let a = method_args(&args, "get", 1, 2)?;
    call_on_mapping(&args, "get", a)
}

fn keys(args: Args<'_>) -> PyResult<Value> {
    method_args(&args, "mappingproxy.keys", 0, 0)?;
    call_on_mapping(&args, "keys", &[])
}

fn values(args: Args<'_>) -> PyResult<Value> {
    method_args(&args, "mappingproxy.values", 0, 0)?;
    call_on_mapping(&args, "values", &[])
}

fn items(args: Args<'_>) -> PyResult<Value> {
    method_args(&args, "mappingproxy.items", 0, 0)?;
    call_on_mapping(&args, "items", &[])
}

fn copy(args: Args<'_>) -> PyResult<Value> {
    method_args(&args, "mappingproxy.copy", 0, 0)?;
    call_on_mapping(&args, "copy", &[])
}

fn reversed(args: Args<'_>) -> PyResult<Value> {
    method_args(&args, "mappingproxy.__reversed__", 0, 0)?;
    let m = mapping_of(&args.pos()[0])?;
    crate::builtin_iter::reversed(&m)
}

const MP_METHODS: &[MethodDef] = &[
    MethodDef::new("get", MethodKind::Method(get)),
    MethodDef::new("keys", MethodKind::Method(keys)),
    MethodDef::new("values", MethodKind::Method(values)),
    MethodDef::new("items", MethodKind::Method(items)),
    MethodDef::new("copy", MethodKind::Method(copy)),
    MethodDef::new("__reversed__", MethodKind::Method(reversed)),
    MethodDef::new(
        "__class_getitem__",
        MethodKind::Class(crate::genericalias::class_getitem),
    ),
];
