//! The slots and methods of `object` and `type` themselves (the rest of CPython's
//! Objects/typeobject.c): default repr, hash and comparison, generic attribute access,
//! instance creation, calling a type, and attribute lookup on classes.

use crate::args::Args;
use crate::dict::DictData;
use crate::error::{PyErr, PyResult};
use crate::native::{MethodDef, MethodKind};
use crate::object::Payload;
use crate::protocol::{self, is_none};
use crate::str::StrData;
use crate::tuple::TupleData;
use crate::typeobject::{
    is_subtype, new_class, type_data, update_slot, CompareOp, TypeBuilder, TypeData, TypeFlags,
};
use crate::types;
use crate::value::Value;

impl Payload for () {}

/// The builder of `object`.
pub(crate) fn object_builder() -> TypeBuilder {
    TypeBuilder::new::<()>("object")
        .subclassable()
        .doc("The base class of the class hierarchy.\n\nWhen called, it accepts no arguments and returns a new featureless\ninstance that has no instance attributes and cannot be given any.\n")
        .slots(|s| {
            s.repr.set(Some(object_repr));
            s.str.set(Some(object_str));
            s.hash.set(Some(|o| Ok(protocol::identity_hash(o))));
            s.richcompare.set(Some(object_richcompare));
            s.getattro.set(Some(protocol::generic_getattr));
            s.setattro.set(Some(protocol::generic_setattr));
            s.init.set(Some(object_init));
            s.new.set(Some(object_new));
        })
        .methods(OBJECT_METHODS)
}

fn object_repr(obj: &Value) -> PyResult<Value> {
    Ok(crate::str::new(&protocol::default_repr(obj)))
}

fn object_str(obj: &Value) -> PyResult<Value> {
    protocol::repr(obj)
}

fn object_richcompare(a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
    match op {
        CompareOp::Eq => Ok(if a.is(b) {
            crate::bool(true)
        } else {
            crate::not_implemented()
        }),
        CompareOp::Ne => {
            // `!=` inverts `__eq__` unless that is NotImplemented.
            let Some(eq) = a.type_data().slots.richcompare.get() else {
                return Ok(crate::not_implemented());
            };
            let r = eq(a, b, CompareOp::Eq)?;
            if protocol::is_not_implemented(&r) {
                return Ok(r);
            }
            Ok(crate::bool(!protocol::is_true(&r)?))
        }
        _ => Ok(crate::not_implemented()),
    }
}

fn init_is_object(ty: &TypeData) -> bool {
    ty.slots.init.get().map(|f| f as usize) == Some(object_init as *const () as usize)
}

fn new_is_object(ty: &TypeData) -> bool {
    ty.slots.new.get().map(|f| f as usize) == Some(object_new as *const () as usize)
}

fn object_new(cls: &Value, args: Args<'_>) -> PyResult<Value> {
    let ty = type_data(cls)
        .ok_or_else(|| PyErr::type_error("object.__new__(X): X is not a type object"))?;
    if !args.values().is_empty() {
        if !new_is_object(ty) {
            return Err(PyErr::type_error(
                "object.__new__() takes exactly one argument (the type to instantiate)",
            ));
        }
        if init_is_object(ty) {
            return Err(PyErr::type_error(format!(
                "{}() takes no arguments",
                ty.name()
            )));
        }
    }
    if ty.flags.get().contains(TypeFlags::IS_ABSTRACT) {
        return Err(abstract_error(cls));
    }
    if ty.payload != std::any::TypeId::of::<()>() {
        return Err(PyErr::type_error(format!(
            "object.__new__({}) is not safe, use {}.__new__()",
            ty.name(),
            ty.name()
        )));
    }
    Ok(crate::object::alloc(cls, ()))
}

fn abstract_error(cls: &Value) -> PyErr {
    let ty = type_data(cls).expect("type");
    let methods = ty
        .dict()
        .downcast::<DictData>()
        .and_then(|d| d.get_str(&crate::str::intern("__abstractmethods__")));
    let mut names: Vec<String> = methods
        .and_then(|m| protocol::collect(&m).ok())
        .unwrap_or_default()
        .iter()
        .filter_map(crate::str::text_of)
        .collect();
    names.sort();
    let list = names
        .iter()
        .map(|n| format!("'{n}'"))
        .collect::<Vec<_>>()
        .join(", ");
    PyErr::type_error(format!(
        "Can't instantiate abstract class {} without an implementation for abstract method{} {list}",
        ty.name(),
        if names.len() == 1 { "" } else { "s" }
    ))
}

fn object_init(obj: &Value, args: Args<'_>) -> PyResult<()> {
    if !args.values().is_empty() {
        let ty = obj.type_data();
        if !init_is_object(ty) {
            return Err(PyErr::type_error(
                "object.__init__() takes exactly one argument (the instance to initialize)",
            ));
        }
        if new_is_object(ty) {
            return Err(PyErr::type_error(format!(
                "{}() takes no arguments",
                ty.name()
            )));
        }
    }
    Ok(())
}

fn object_get_class(obj: &Value) -> PyResult<Value> {
    Ok(obj.class().clone())
}

fn object_set_class(obj: &Value, value: Option<&Value>) -> PyResult<()> {
    let value = value.ok_or_else(|| PyErr::type_error("can't delete __class__ attribute"))?;
    let Some(new) = type_data(value) else {
        return Err(PyErr::type_error(format!(
            "__class__ must be set to a class, not '{}' object",
            value.type_data().name()
        )));
    };
    let old = obj.type_data();
    if !old.is_heap_type() || !new.is_heap_type() {
        return Err(PyErr::type_error(
            "__class__ assignment only supported for mutable types or ModuleType subclasses",
        ));
    }
    if old.payload != new.payload
        || old.dict_offset != new.dict_offset
        || old.basic_size != new.basic_size
    {
        return Err(PyErr::type_error(format!(
            "__class__ assignment: '{}' object layout differs from '{}'",
            new.name(),
            old.name()
        )));
    }
    if let Some(header) = obj.header() {
        header.set_class(value.clone());
    }
    Ok(())
}

fn object_format(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("__format__", 2, 2)?;
    let spec = a[1].downcast::<StrData>().ok_or_else(|| {
        PyErr::type_error(format!(
            "__format__() argument must be str, not {}",
            a[1].type_data().name()
        ))
    })?;
    if spec.char_len() > 0 {
        return Err(PyErr::type_error(format!(
            "unsupported format string passed to {}.__format__",
            a[0].type_data().name()
        )));
    }
    protocol::str(&a[0])
}

fn object_init_subclass(args: Args<'_>) -> PyResult<Value> {
    if args.has_kwargs() {
        let name = match args.pos().first().and_then(type_data) {
            Some(t) => t.name(),
            None => "object".into(),
        };
        return Err(PyErr::type_error(format!(
            "{name}.__init_subclass__() takes no keyword arguments"
        )));
    }
    Ok(crate::none())
}

fn object_subclasshook(_args: Args<'_>) -> PyResult<Value> {
    Ok(crate::not_implemented())
}

fn object_dir(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("__dir__", 1, 1)?;
    let obj = &a[0];
    let result = crate::dict::new();
    let d = result.downcast::<DictData>().expect("dict");
    if let Some(dict) = obj.dict_slot().and_then(|s| s.borrow().clone()) {
        if let Some(inst) = dict.downcast::<DictData>() {
            for k in inst.keys() {
                d.set_item(k, crate::none())?;
            }
        }
    }
    merge_class_dict(d, obj.class())?;
    Ok(crate::list::new(d.keys()))
}

fn merge_class_dict(into: &DictData, class: &Value) -> PyResult<()> {
    let Some(ty) = type_data(class) else {
        return Ok(());
    };
    let mro = ty.mro();
    for c in crate::tuple::items_of(&mro).unwrap_or(&[]) {
        if let Some(cd) = type_data(c).and_then(|t| t.dict().downcast::<DictData>()) {
            for k in cd.keys() {
                into.set_item(k, crate::none())?;
            }
        }
    }
    Ok(())
}

fn object_sizeof(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("__sizeof__", 1, 1)?;
    Ok(crate::int::from_usize(cpython_sizeof(&a[0])))
}

/// The size CPython 3.13 gives an object of the same kind (`object.__sizeof__`, and the
/// built-in types' own `__sizeof__`), so that programs printing `sys.getsizeof` agree: the
/// layout of the built-in base, 8 bytes a `__slots__` member, and the variable part
/// (list capacity, tuple length, dict and set tables, bytes). The GC header and the
/// pre-header CPython puts before an object are added by `sys.getsizeof`.
pub fn cpython_sizeof(obj: &Value) -> usize {
    use std::any::TypeId;
    let ty = obj.type_data();
    let slots = 8 * ty.member_offsets.len();
    let p = ty.payload;
    let base = if let Some(l) = obj.downcast::<crate::list::ListData>() {
        40 + 8 * l.capacity()
    } else if let Some(t) = obj.downcast::<crate::tuple::TupleData>() {
        24 + 8 * t.items().len()
    } else if let Some(d) = obj.downcast::<crate::dict::DictData>() {
        d.cpython_sizeof()
    } else if let Some(s) = obj.downcast::<crate::set::SetData>() {
        s.cpython_sizeof()
    } else if let Some(b) = obj.downcast::<crate::bytes::BytesData>() {
        33 + b.as_bytes().len()
    } else if let Some(b) = obj.downcast::<crate::bytearray::ByteArrayData>() {
        let cap = b.capacity();
        56 + if cap > 0 { cap + 1 } else { 0 }
    } else if p == TypeId::of::<()>() {
        16
    } else if p == TypeId::of::<crate::range::RangeData>() {
        48
    } else if p == TypeId::of::<crate::sequence::SliceData>() {
        40
    } else if p == TypeId::of::<crate::float::FloatData>() {
        24
    } else if p == TypeId::of::<crate::complex::ComplexData>() {
        32
    } else if p == TypeId::of::<crate::exceptions::BaseExceptionData>() {
        72
    } else if p == TypeId::of::<crate::module::ModuleData>() {
        56
    } else if p == TypeId::of::<crate::typeobject::TypeData>() {
        if obj
            .downcast::<crate::typeobject::TypeData>()
            .is_some_and(|t| t.is_heap_type())
        {
            1696
        } else {
            400
        }
    } else {
        let dict = if ty.dict_offset != 0 { 16 } else { 0 };
        return ty.basic_size - dict - 16 * ty.member_offsets.len() + slots;
    };
    base + slots
}

const OBJECT_METHODS: &[MethodDef] = &[
    MethodDef::new(
        "__class__",
        MethodKind::GetSet(object_get_class, Some(object_set_class)),
    ),
    MethodDef::new("__format__", MethodKind::Method(object_format)),
    MethodDef::new("__init_subclass__", MethodKind::Class(object_init_subclass)),
    MethodDef::new("__subclasshook__", MethodKind::Class(object_subclasshook)),
    MethodDef::new("__dir__", MethodKind::Method(object_dir)),
    MethodDef::new("__sizeof__", MethodKind::Method(object_sizeof)),
    MethodDef::new(
        "__reduce_ex__",
        MethodKind::Method(crate::object_reduce::object_reduce_ex),
    ),
    MethodDef::new(
        "__reduce__",
        MethodKind::Method(crate::object_reduce::object_reduce),
    ),
    MethodDef::new(
        "__getstate__",
        MethodKind::Method(crate::object_reduce::object_getstate),
    ),
];

/// The `__dict__` attribute of instances of classes defined in Python.
pub(crate) const INSTANCE_DICT: &[MethodDef] = &[MethodDef::new(
    "__dict__",
    MethodKind::GetSet(instance_get_dict, Some(instance_set_dict)),
)];

fn instance_get_dict(obj: &Value) -> PyResult<Value> {
    protocol::instance_dict(obj).ok_or_else(|| {
        PyErr::attribute_error(format!(
            "'{}' object has no attribute '__dict__'",
            obj.type_data().name()
        ))
    })
}

fn instance_set_dict(obj: &Value, value: Option<&Value>) -> PyResult<()> {
    let slot = obj
        .dict_slot()
        .ok_or_else(|| PyErr::attribute_error("This object has no __dict__"))?;
    let new = match value {
        Some(v) if v.downcast::<DictData>().is_some() => Some(v.clone()),
        Some(v) => {
            return Err(PyErr::type_error(format!(
                "__dict__ must be set to a dictionary, not a '{}'",
                v.type_data().name()
            )))
        }
        None => None,
    };
    let old = std::mem::replace(&mut *slot.borrow_mut(), new);
    drop(old);
    Ok(())
}

// ---------------------------------------------------------------------------------------
// `type`

/// The builder of `type`.
pub(crate) fn type_builder() -> TypeBuilder {
    TypeBuilder::new::<TypeData>("type")
        .subclassable()
        .flags(TypeFlags::MANAGED_WEAKREF)
        .doc("type(object) -> the object's type\ntype(name, bases, dict, **kwds) -> a new type")
        .slots(|s| {
            s.repr.set(Some(type_repr));
            s.call.set(Some(type_call));
            s.getattro.set(Some(type_getattro));
            s.setattro.set(Some(type_setattro));
            s.new.set(Some(type_new));
            s.init.set(Some(type_init));
            s.number[crate::typeobject::BinOp::Or as usize].set(Some(crate::union::type_or));
        })
        .methods(TYPE_METHODS)
}

fn data_of(ty: &Value) -> PyResult<&TypeData> {
    type_data(ty).ok_or_else(|| {
        PyErr::type_error(format!(
            "descriptor requires a 'type' object but received a '{}'",
            ty.type_data().name()
        ))
    })
}

fn module_of(ty: &TypeData) -> Option<String> {
    let d = ty.dict().downcast::<DictData>()?;
    let m = d.get_str(&crate::str::intern("__module__"))?;
    crate::str::text_of(&m)
}

fn type_repr(ty: &Value) -> PyResult<Value> {
    let data = data_of(ty)?;
    let qualname = crate::str::text_of(&data.qualname()).unwrap_or_default();
    Ok(crate::str::new(&match module_of(data) {
        Some(m) if m != "builtins" => format!("<class '{m}.{qualname}'>"),
        _ => format!("<class '{qualname}'>"),
    }))
}

/// Calling a type: `type(x)`, or `cls.__new__` then `__init__` (CPython's `type_call`).
fn type_call(cls: &Value, args: Args<'_>) -> PyResult<Value> {
    let t = types();
    if cls.is(&t.type_) && !args.has_kwargs() && args.pos().len() == 1 {
        return Ok(args.pos()[0].class().clone());
    }
    let ty = data_of(cls)?;
    let Some(new) = ty.slots.new.get() else {
        return Err(PyErr::type_error(format!(
            "cannot create '{}' instances",
            ty.name()
        )));
    };
    let obj = new(cls, args)?;
    if !is_subtype(obj.class(), cls) {
        return Ok(obj);
    }
    if let Some(init) = obj.type_data().slots.init.get() {
        init(&obj, args)?;
    }
    Ok(obj)
}

/// Attribute lookup on a class (CPython's `type_getattro`): data descriptors of the
/// metaclass, then the class's MRO (bound with no instance), then the metaclass's other
/// attributes.
pub fn type_getattro(cls: &Value, name: &Value) -> PyResult<Value> {
    let meta = cls.type_data();
    let meta_attr = meta.lookup(name);
    let mut meta_get = None;
    if let Some(m) = &meta_attr {
        let mt = m.type_data();
        meta_get = mt.slots.descr_get.get();
        if let Some(get) = meta_get {
            if mt.slots.descr_set.get().is_some() {
                return get(m, Some(cls), Some(cls.class()));
            }
        }
    }
    let ty = data_of(cls)?;
    if let Some(attr) = ty.lookup(name) {
        return match attr.type_data().slots.descr_get.get() {
            Some(get) => get(&attr, None, Some(cls)),
            None => Ok(attr),
        };
    }
    if let Some(m) = meta_attr {
        return match meta_get {
            Some(get) => get(&m, Some(cls), Some(cls.class())),
            None => Ok(m),
        };
    }
    let name_text = crate::str::text_of(name).unwrap_or_default();
    let err = PyErr::attribute_error(format!(
        "type object '{}' has no attribute '{name_text}'",
        ty.name()
    ));
    protocol::set_attribute_error_context(&err, cls, name);
    Err(err)
}

fn type_setattro(cls: &Value, name: &Value, value: Option<&Value>) -> PyResult<()> {
    let ty = data_of(cls)?;
    let meta = cls.type_data();
    if let Some(descr) = meta.lookup(name) {
        if let Some(set) = descr.type_data().slots.descr_set.get() {
            set(&descr, cls, value)?;
            ty.modified();
            return Ok(());
        }
    }
    let name_text = crate::str::text_of(name).unwrap_or_default();
    if !ty.is_heap_type() {
        return Err(PyErr::type_error(format!(
            "cannot set '{name_text}' attribute of immutable type '{}'",
            ty.name()
        )));
    }
    let d = ty
        .dict()
        .downcast::<DictData>()
        .ok_or_else(|| PyErr::system_error("type dict"))?;
    let key = crate::str::intern_value(name);
    match value {
        Some(v) => d.set_item(key, v.clone())?,
        None => {
            if d.del_item(&key)?.is_none() {
                return Err(PyErr::attribute_error(format!(
                    "type object '{}' has no attribute '{name_text}'",
                    ty.name()
                )));
            }
        }
    }
    update_slot(cls, name);
    Ok(())
}

/// `type(name, bases, dict)` (the class-creation half of CPython's `type_new`; `type(x)` is
/// answered in [`type_call`]).
fn type_new(meta: &Value, args: Args<'_>) -> PyResult<Value> {
    let pos = args.pos();
    if pos.len() == 1 && !args.has_kwargs() && meta.is(&types().type_) {
        return Ok(pos[0].class().clone());
    }
    if pos.len() != 3 {
        return Err(PyErr::type_error("type() takes 1 or 3 arguments"));
    }
    let name = &pos[0];
    if name.downcast::<StrData>().is_none() {
        return Err(PyErr::type_error(format!(
            "type.__new__() argument 1 must be str, not {}",
            name.type_data().name()
        )));
    }
    let bases = crate::tuple::items_of(&pos[1]).ok_or_else(|| {
        PyErr::type_error(format!(
            "type.__new__() argument 2 must be tuple, not {}",
            pos[1].type_data().name()
        ))
    })?;
    let namespace = pos[2].downcast::<DictData>().ok_or_else(|| {
        PyErr::type_error(format!(
            "type.__new__() argument 3 must be dict, not {}",
            pos[2].type_data().name()
        ))
    })?;
    for base in bases {
        if type_data(base).is_none()
            && protocol::getattr_opt(base, &crate::str::intern("__mro_entries__"))?.is_some()
        {
            return Err(PyErr::type_error(
                "type() doesn't support MRO entry resolution; use types.new_class()",
            ));
        }
    }
    // The most derived metaclass among `meta` and the bases' metaclasses.
    let mut winner = meta.clone();
    for base in bases {
        let bm = base.class();
        if is_subtype(&winner, bm) {
            continue;
        }
        if is_subtype(bm, &winner) {
            winner = bm.clone();
            continue;
        }
        return Err(PyErr::type_error(
            "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases",
        ));
    }
    if !winner.is(meta) {
        if let Some(new) = type_data(&winner).and_then(|w| w.slots.new.get()) {
            if !std::ptr::eq(new as *const (), type_new as *const ()) {
                return new(&winner, args);
            }
        }
    }
    let dict = crate::dict::from_data(namespace.copy());
    let d = dict.downcast::<DictData>().expect("dict");
    // `__new__` defined as a plain function is a static method; `__init_subclass__` and
    // `__class_getitem__` are class methods.
    wrap_implicit(d, "__new__", "staticmethod")?;
    wrap_implicit(d, "__init_subclass__", "classmethod")?;
    wrap_implicit(d, "__class_getitem__", "classmethod")?;
    if d.get_str(&crate::str::intern("__module__")).is_none() {
        if let Some(module) = (crate::hooks::get().current_module_name)() {
            d.set_str("__module__", module);
        }
    }
    let class = new_class(&winner, name.clone(), bases, dict.clone())?;
    let ty = type_data(&class).expect("type");
    if ty.dict_offset != 0 && ty.lookup_str("__dict__").is_none() {
        for def in INSTANCE_DICT {
            d.set_str(def.name, crate::native::make_method(def, &class));
        }
    }
    let base_has_weakrefs = ty
        .base()
        .and_then(|b| type_data(&b).map(|b| b.flags.get().contains(TypeFlags::MANAGED_WEAKREF)))
        .unwrap_or(false);
    if ty.flags.get().contains(TypeFlags::MANAGED_WEAKREF) && !base_has_weakrefs {
        for def in crate::weakref::WEAKREF_ATTR {
            d.set_str(def.name, crate::native::make_method(def, &class));
        }
    }
    if d.get_str(&crate::str::intern("__doc__")).is_none() {
        d.set_str("__doc__", crate::none());
    }
    set_names(&class, d)?;
    init_subclass(&class, args)?;
    Ok(class)
}

/// Calls `__set_name__(owner, name)` on every attribute of a new class that has one
/// (CPython's `type_new_set_names`); a failure gets a note naming the attribute.
fn set_names(class: &Value, d: &DictData) -> PyResult<()> {
    for (key, value) in d.items() {
        let Some(set_name) = protocol::lookup_special(&value, "__set_name__")? else {
            continue;
        };
        if let Err(e) = protocol::call1(&set_name, &[class.clone(), key.clone()]) {
            let note = format!(
                "Error calling __set_name__ on '{}' instance {} in '{}'",
                value.type_data().name(),
                protocol::repr_string(&key)?,
                data_of(class)?.name()
            );
            if let Some(add) = protocol::getattr_opt(e.value(), &crate::str::intern("add_note"))? {
                protocol::call1(&add, &[crate::str::new(&note)])?;
            }
            return Err(e);
        }
    }
    Ok(())
}

/// `super(class, class).__init_subclass__(**kwargs)` for a new class (CPython's
/// `type_new_init_subclass`): the first definition after the class itself in its MRO.
fn init_subclass(class: &Value, args: Args<'_>) -> PyResult<()> {
    let mro = data_of(class)?.mro();
    let items = crate::tuple::items_of(&mro).unwrap_or(&[]);
    let name = crate::str::intern("__init_subclass__");
    for base in items.iter().skip(1) {
        let Some(base_data) = type_data(base) else {
            continue;
        };
        let Some(attr) = base_data.dict_data().get_str(&name) else {
            continue;
        };
        let bound = match attr.type_data().slots.descr_get.get() {
            Some(get) => get(&attr, None, Some(class))?,
            None => attr,
        };
        let kw_values: Vec<Value> = args.kwargs().map(|(_, v)| v.clone()).collect();
        protocol::call(&bound, Args::new(&kw_values, args.kwnames()))?;
        return Ok(());
    }
    Ok(())
}

fn wrap_implicit(d: &DictData, name: &str, wrapper: &str) -> PyResult<()> {
    let Some(f) = d.get_str(&crate::str::intern(name)) else {
        return Ok(());
    };
    if (crate::hooks::get().is_python_function)(&f) {
        let wrapped = match wrapper {
            "staticmethod" => crate::descr::new_staticmethod(f),
            _ => crate::descr::new_classmethod(f),
        };
        d.set_str(name, wrapped);
    }
    Ok(())
}

fn type_init(_cls: &Value, args: Args<'_>) -> PyResult<()> {
    let n = args.pos().len();
    if n != 1 && n != 3 {
        return Err(PyErr::type_error("type.__init__() takes 1 or 3 arguments"));
    }
    Ok(())
}

fn type_get_name(ty: &Value) -> PyResult<Value> {
    Ok(data_of(ty)?.name_value())
}

fn type_set_name(ty: &Value, value: Option<&Value>) -> PyResult<()> {
    let data = data_of(ty)?;
    check_heap(data, "__name__")?;
    match value {
        Some(v) if v.downcast::<StrData>().is_some() => {
            data.set_name(v.clone());
            Ok(())
        }
        Some(v) => Err(PyErr::type_error(format!(
            "can only assign string to {}.__name__, not '{}'",
            data.name(),
            v.type_data().name()
        ))),
        None => Err(PyErr::type_error(format!(
            "cannot delete '__name__' attribute of immutable type '{}'",
            data.name()
        ))),
    }
}

fn check_heap(data: &TypeData, attr: &str) -> PyResult<()> {
    if data.is_heap_type() {
        Ok(())
    } else {
        Err(PyErr::type_error(format!(
            "cannot set '{attr}' attribute of immutable type '{}'",
            data.name()
        )))
    }
}

fn type_get_qualname(ty: &Value) -> PyResult<Value> {
    Ok(data_of(ty)?.qualname())
}

fn type_set_qualname(ty: &Value, value: Option<&Value>) -> PyResult<()> {
    let data = data_of(ty)?;
    check_heap(data, "__qualname__")?;
    match value {
        Some(v) if v.downcast::<StrData>().is_some() => {
            data.set_qualname(v.clone());
            Ok(())
        }
        Some(v) => Err(PyErr::type_error(format!(
            "can only assign string to {}.__qualname__, not '{}'",
            data.name(),
            v.type_data().name()
        ))),
        None => Err(PyErr::type_error(format!(
            "cannot delete '__qualname__' attribute of immutable type '{}'",
            data.name()
        ))),
    }
}

fn type_get_bases(ty: &Value) -> PyResult<Value> {
    Ok(data_of(ty)?.bases())
}

fn type_get_base(ty: &Value) -> PyResult<Value> {
    Ok(data_of(ty)?.base().unwrap_or_else(crate::none))
}

fn type_get_mro(ty: &Value) -> PyResult<Value> {
    Ok(data_of(ty)?.mro())
}

fn type_get_dict(ty: &Value) -> PyResult<Value> {
    let d = data_of(ty)?.dict().clone();
    (crate::hooks::get().mappingproxy)(d)
}

fn type_get_module(ty: &Value) -> PyResult<Value> {
    let data = data_of(ty)?;
    let d = data.dict().downcast::<DictData>().expect("dict");
    match d.get_str(&crate::str::intern("__module__")) {
        Some(m) => Ok(m),
        None => Ok(crate::str::intern("builtins")),
    }
}

fn type_set_module(ty: &Value, value: Option<&Value>) -> PyResult<()> {
    let data = data_of(ty)?;
    check_heap(data, "__module__")?;
    let d = data.dict().downcast::<DictData>().expect("dict");
    match value {
        Some(v) => d.set_str("__module__", v.clone()),
        None => {
            d.del_str("__module__");
        }
    }
    Ok(())
}

/// `cls.__annotations__`: the class's own (never a base's), made empty on first use.
fn type_get_annotations(ty: &Value) -> PyResult<Value> {
    let data = data_of(ty)?;
    if !data.is_heap_type() {
        return Err(PyErr::attribute_error(format!(
            "type object '{}' has no attribute '__annotations__'",
            data.name()
        )));
    }
    let d = data.dict().downcast::<DictData>().expect("dict");
    match d.get_str(&crate::str::intern("__annotations__")) {
        Some(a) => match a.type_data().slots.descr_get.get() {
            Some(get) => get(&a, None, Some(ty)),
            None => Ok(a),
        },
        None => {
            let a = crate::dict::new();
            d.set_str("__annotations__", a.clone());
            Ok(a)
        }
    }
}

fn type_set_annotations(ty: &Value, value: Option<&Value>) -> PyResult<()> {
    let data = data_of(ty)?;
    if !data.is_heap_type() {
        return Err(PyErr::type_error(format!(
            "cannot set '__annotations__' attribute of immutable type '{}'",
            data.name()
        )));
    }
    let d = data.dict().downcast::<DictData>().expect("dict");
    match value {
        Some(v) => d.set_str("__annotations__", v.clone()),
        None => {
            if !d.del_str("__annotations__") {
                return Err(PyErr::attribute_error("__annotations__"));
            }
        }
    }
    Ok(())
}

fn type_get_doc(ty: &Value) -> PyResult<Value> {
    let data = data_of(ty)?;
    let d = data.dict().downcast::<DictData>().expect("dict");
    let doc = d
        .get_str(&crate::str::intern("__doc__"))
        .unwrap_or_else(crate::none);
    // A built-in class whose instances have a `__doc__` attribute (`type`, `property`) keeps
    // that descriptor in its dict; its own docstring is CPython's `tp_doc`.
    if !data.is_heap_type() && doc.type_data().slots.descr_get.get().is_some() {
        let builtin = module_of(data).is_none_or(|m| m == "builtins");
        return Ok(match crate::builtin_docs::lookup(&data.name()) {
            Some((text, _)) if builtin => crate::str::new(text),
            _ => crate::none(),
        });
    }
    match doc.type_data().slots.descr_get.get() {
        Some(get) if !is_none(&doc) => get(&doc, None, Some(ty)),
        _ => Ok(doc),
    }
}

/// `__text_signature__`: a built-in class's signature, from CPython's table; None for a
/// class defined in Python (whose docstring CPython does not read a signature from).
fn type_get_text_signature(ty: &Value) -> PyResult<Value> {
    let data = data_of(ty)?;
    let builtin = !data.is_heap_type() && module_of(data).is_none_or(|m| m == "builtins");
    Ok(match crate::builtin_docs::lookup(&data.name()) {
        Some((_, Some(sig))) if builtin => crate::str::new(sig),
        _ => crate::none(),
    })
}

fn type_set_doc(ty: &Value, value: Option<&Value>) -> PyResult<()> {
    let data = data_of(ty)?;
    check_heap(data, "__doc__")?;
    let d = data.dict().downcast::<DictData>().expect("dict");
    d.set_str("__doc__", value.cloned().unwrap_or_else(crate::none));
    Ok(())
}

fn type_mro(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("mro", 1, 1)?;
    let data = data_of(&a[0])?;
    Ok(crate::list::new(
        crate::tuple::items_of(&data.mro()).unwrap_or(&[]).to_vec(),
    ))
}

/// `type.__dir__(cls)`: the names in the class's `__dict__` and in those of its bases
/// (CPython's `type___dir___impl`; `dir()` sorts them).
fn type_dir(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("__dir__", 1, 1)?;
    data_of(&a[0])?;
    let result = crate::dict::new();
    let d = result.downcast::<DictData>().expect("dict");
    merge_class_dict(d, &a[0])?;
    Ok(crate::list::new(d.keys()))
}

fn type_instancecheck(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("__instancecheck__", 2, 2)?;
    data_of(&a[0])?;
    let by_type = is_subtype(a[1].class(), &a[0]);
    if by_type {
        return Ok(crate::bool(true));
    }
    // `__class__` may differ from the real type (a proxy).
    let cls = protocol::getattr_opt(&a[1], &crate::str::intern("__class__"))?;
    Ok(crate::bool(match cls {
        Some(c) if type_data(&c).is_some() && !c.is(a[1].class()) => is_subtype(&c, &a[0]),
        _ => false,
    }))
}

fn type_subclasscheck(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("__subclasscheck__", 2, 2)?;
    data_of(&a[0])?;
    if type_data(&a[1]).is_none() {
        return Err(PyErr::type_error("issubclass() arg 1 must be a class"));
    }
    Ok(crate::bool(is_subtype(&a[1], &a[0])))
}

fn type_prepare(_args: Args<'_>) -> PyResult<Value> {
    Ok(crate::dict::new())
}

fn type_subclasses(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("__subclasses__", 1, usize::MAX)?;
    let data = data_of(&a[0])?;
    if a.len() > 1 {
        // Named as the bound method is, after the class it is bound to.
        let owner = crate::str::text_of(&data.qualname()).unwrap_or_default();
        return Err(PyErr::type_error(format!(
            "{owner}.__subclasses__() takes no arguments ({} given)",
            a.len() - 1
        )));
    }
    Ok(crate::list::new(data.subclasses()))
}

fn type_get_abstractmethods(ty: &Value) -> PyResult<Value> {
    let data = data_of(ty)?;
    let d = data.dict().downcast::<DictData>().expect("dict");
    match d.get_str(&crate::str::intern("__abstractmethods__")) {
        Some(v) if !ty.is(&types().type_) => Ok(v),
        _ => Err(PyErr::attribute_error("__abstractmethods__")),
    }
}

fn type_set_abstractmethods(ty: &Value, value: Option<&Value>) -> PyResult<()> {
    let data = data_of(ty)?;
    let d = data.dict().downcast::<DictData>().expect("dict");
    let mut flags = data.flags.get();
    match value {
        Some(v) => {
            let abstract_ = protocol::is_true(v)?;
            d.set_str("__abstractmethods__", v.clone());
            if abstract_ {
                flags.0 |= TypeFlags::IS_ABSTRACT.0;
            } else {
                flags.0 &= !TypeFlags::IS_ABSTRACT.0;
            }
        }
        None => {
            d.del_str("__abstractmethods__");
            flags.0 &= !TypeFlags::IS_ABSTRACT.0;
        }
    }
    data.flags.set(flags);
    Ok(())
}

const TYPE_METHODS: &[MethodDef] = &[
    MethodDef::new(
        "__name__",
        MethodKind::GetSet(type_get_name, Some(type_set_name)),
    ),
    MethodDef::new(
        "__qualname__",
        MethodKind::GetSet(type_get_qualname, Some(type_set_qualname)),
    ),
    MethodDef::new("__bases__", MethodKind::GetSet(type_get_bases, None)),
    MethodDef::new("__base__", MethodKind::GetSet(type_get_base, None)),
    MethodDef::new("__mro__", MethodKind::GetSet(type_get_mro, None)),
    MethodDef::new("__dict__", MethodKind::GetSet(type_get_dict, None)),
    MethodDef::new(
        "__module__",
        MethodKind::GetSet(type_get_module, Some(type_set_module)),
    ),
    MethodDef::new(
        "__doc__",
        MethodKind::GetSet(type_get_doc, Some(type_set_doc)),
    ),
    MethodDef::new(
        "__annotations__",
        MethodKind::GetSet(type_get_annotations, Some(type_set_annotations)),
    ),
    MethodDef::new(
        "__abstractmethods__",
        MethodKind::GetSet(type_get_abstractmethods, Some(type_set_abstractmethods)),
    ),
    MethodDef::new(
        "__text_signature__",
        MethodKind::GetSet(type_get_text_signature, None),
    ),
    MethodDef::new("mro", MethodKind::Method(type_mro)),
    MethodDef::new("__dir__", MethodKind::Method(type_dir)),
    MethodDef::new("__instancecheck__", MethodKind::Method(type_instancecheck)),
    MethodDef::new("__subclasscheck__", MethodKind::Method(type_subclasscheck)),
    MethodDef::new("__subclasses__", MethodKind::Method(type_subclasses)),
    MethodDef::new("__prepare__", MethodKind::Class(type_prepare)),
];

/// The items of a type's `__mro__`.
pub fn mro_items(ty: &Value) -> Vec<Value> {
    type_data(ty)
        .map(|t| t.mro())
        .and_then(|m| m.downcast::<TupleData>().map(|t| t.items().to_vec()))
        .unwrap_or_default()
}
