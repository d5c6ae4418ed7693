//! Named tuples written in Rust (CPython's Objects/structseq.c): `sys.version_info`,
//! `sys.flags`, `sys.float_info` and the like, tuples whose items are also attributes.
//!
//! A struct sequence type is a subclass of `tuple` described by a [`StructSeqDesc`]: its
//! fields are `member_descriptor`s that read an item of the tuple, its repr names the fields
//! (`sys.version_info(major=3, minor=13, …)`), and it carries CPython's `n_sequence_fields`,
//! `n_fields`, `n_unnamed_fields` and `__match_args__`. Indexing, slicing, comparison,
//! hashing and iteration are `tuple`'s. Every field is part of the sequence (CPython's hidden
//! fields, beyond `n_sequence_fields`, are not supported).
//!
//! ```
//! use pyrs_objects::structseq::{self, StructSeqDesc};
//!
//! static POINT: StructSeqDesc = StructSeqDesc {
//!     module: "demo",
//!     name: "point",
//!     doc: "A point.",
//!     fields: &["x", "y"],
//! };
//! let ty = structseq::new_type(&POINT);
//! let p = structseq::new(&ty, vec![pyrs_objects::Value::small(1), pyrs_objects::Value::small(2)]);
//! let repr = pyrs_objects::protocol::repr(&p).unwrap();
//! assert_eq!(pyrs_objects::str::text_of(&repr).unwrap(), "demo.point(x=1, y=2)");
//! ```

use crate::args::Args;
use crate::error::{PyErr, PyResult};
use crate::native::{MethodDef, MethodKind};
use crate::object::Payload;
use crate::protocol;
use crate::tuple::TupleData;
use crate::typeobject::{type_data, TypeBuilder};
use crate::value::Value;
use crate::SyncCell;
use std::sync::OnceLock;

/// What a struct sequence type is: its module and name (together CPython's `tp_name`,
/// `sys.version_info`), its docstring and its field names, in order.
pub struct StructSeqDesc {
    /// `__module__`.
    pub module: &'static str,
    /// `__name__`.
    pub name: &'static str,
    /// `__doc__`.
    pub doc: &'static str,
    /// The field names, which are also the tuple's items in order.
    pub fields: &'static [&'static str],
}

/// The payload of a field's `member_descriptor`: the item it reads.
pub struct StructSeqMember {
    name: &'static str,
    index: usize,
    owner: Value,
}

impl Payload for StructSeqMember {}

fn member_type() -> &'static Value {
    static T: OnceLock<SyncCell<Value>> = OnceLock::new();
    &T.get_or_init(|| {
        SyncCell(
            TypeBuilder::new::<StructSeqMember>("member_descriptor")
                .slots(|s| {
                    s.descr_get.set(Some(member_get));
                    s.descr_set.set(Some(member_set));
                    s.repr.set(Some(member_repr));
                })
                .methods(MEMBER_METHODS)
                .build(),
        )
    })
    .0
}

fn member(d: &Value) -> PyResult<&StructSeqMember> {
    d.downcast::<StructSeqMember>()
        .ok_or_else(|| PyErr::type_error("descriptor requires a member_descriptor"))
}

fn member_get(d: &Value, obj: Option<&Value>, _cls: Option<&Value>) -> PyResult<Value> {
    let m = member(d)?;
    let Some(obj) = obj.filter(|o| !protocol::is_none(o)) else {
        return Ok(d.clone());
    };
    if !crate::typeobject::is_instance(obj, &m.owner) {
        return Err(PyErr::type_error(format!(
            "descriptor '{}' for '{}' objects doesn't apply to a '{}' object",
            m.name,
            full_name(&m.owner),
            obj.type_data().name()
        )));
    }
    let items = obj.downcast::<TupleData>().map(TupleData::items);
    items
        .and_then(|items| items.get(m.index).cloned())
        .ok_or_else(|| PyErr::attribute_error(m.name))
}

fn member_set(_d: &Value, _obj: &Value, _value: Option<&Value>) -> PyResult<()> {
    Err(PyErr::attribute_error("readonly attribute"))
}

fn member_repr(d: &Value) -> PyResult<Value> {
    let m = member(d)?;
    Ok(crate::str::new(&format!(
        "<member '{}' of '{}' objects>",
        m.name,
        full_name(&m.owner)
    )))
}

fn member_name(d: &Value) -> PyResult<Value> {
    Ok(crate::str::intern(member(d)?.name))
}

fn member_objclass(d: &Value) -> PyResult<Value> {
    Ok(member(d)?.owner.clone())
}

const MEMBER_METHODS: &[MethodDef] = &[
    MethodDef::new("__name__", MethodKind::GetSet(member_name, None)),
    MethodDef::new("__qualname__", MethodKind::GetSet(member_name, None)),
    MethodDef::new("__objclass__", MethodKind::GetSet(member_objclass, None)),
];

/// `module.name`, as CPython's `tp_name` of a struct sequence type reads.
fn full_name(ty: &Value) -> String {
    let Some(data) = type_data(ty) else {
        return String::new();
    };
    let module = data
        .dict_data()
        .get_str(&crate::str::intern("__module__"))
        .and_then(|m| crate::str::text_of(&m));
    match module {
        Some(m) if m != "builtins" => format!("{m}.{}", data.name()),
        _ => data.name(),
    }
}

/// Makes the type a [`StructSeqDesc`] describes. Its instances cannot be created from
/// Python (as `sys.version_info`'s and `sys.flags`'s cannot).
pub fn new_type(desc: &'static StructSeqDesc) -> Value {
    let ty = TypeBuilder::new::<TupleData>(desc.name)
        .base(&crate::types().tuple)
        .module(desc.module)
        .doc(desc.doc)
        .slots(|s| s.repr.set(Some(structseq_repr)))
        .methods(STRUCTSEQ_METHODS)
        .build();
    let data = type_data(&ty).expect("a type");
    data.slots.new.set(None);
    let d = data.dict_data();
    let n = crate::int::from_usize(desc.fields.len());
    d.set_str("n_sequence_fields", n.clone());
    d.set_str("n_fields", n);
    d.set_str("n_unnamed_fields", Value::small(0));
    let names: Vec<Value> = desc.fields.iter().map(|f| crate::str::intern(f)).collect();
    d.set_str("__match_args__", crate::tuple::new(names));
    for (index, name) in desc.fields.iter().enumerate() {
        let m = crate::object::alloc(
            member_type(),
            StructSeqMember {
                name,
                index,
                owner: ty.clone(),
            },
        );
        d.set_str(name, m);
    }
    ty
}

/// An instance of the struct sequence type `ty` holding `items` (one per field).
pub fn new(ty: &Value, items: Vec<Value>) -> Value {
    crate::object::alloc(ty, TupleData::new(items))
}

fn structseq_repr(v: &Value) -> PyResult<Value> {
    let ty = v.class();
    let fields = crate::tuple::items_of(
        &type_data(ty)
            .and_then(|t| t.lookup_str("__match_args__"))
            .unwrap_or_else(crate::tuple::empty),
    )
    .unwrap_or(&[])
    .to_vec();
    let items = v.downcast::<TupleData>().map_or(&[][..], TupleData::items);
    let mut out = full_name(ty);
    out.push('(');
    for (i, (name, item)) in fields.iter().zip(items).enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&crate::str::text_of(name).unwrap_or_default());
        out.push('=');
        let r = protocol::repr(item)?;
        out.push_str(&crate::str::text_of(&r).unwrap_or_default());
    }
    out.push(')');
    Ok(crate::str::new(&out))
}

/// `__reduce__`: the type and the items, as CPython's `structseq_reduce` gives them.
fn structseq_reduce(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("__reduce__", 1, 1)?;
    let items = a[0]
        .downcast::<TupleData>()
        .map_or(&[][..], TupleData::items);
    Ok(crate::tuple::new(vec![
        a[0].class().clone(),
        crate::tuple::new(vec![crate::tuple::new(items.to_vec()), crate::dict::new()]),
    ]))
}

const STRUCTSEQ_METHODS: &[MethodDef] = &[MethodDef::new(
    "__reduce__",
    MethodKind::Method(structseq_reduce),
)];
