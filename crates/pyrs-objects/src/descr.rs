//! The descriptor types Python code makes (CPython's Objects/funcobject.c and
//! descrobject.c): `staticmethod`, `classmethod` and `property`.

use std::cell::RefCell;
use std::sync::OnceLock;

use crate::args::Args;
use crate::error::{PyErr, PyResult};
use crate::native::{MethodDef, MethodKind};
use crate::object::Payload;
use crate::protocol::{self, is_none};
use crate::typeobject::TypeBuilder;
use crate::value::Value;
use crate::SyncCell;

/// The payload of `staticmethod` and `classmethod`: the wrapped callable.
pub struct WrappedCallable {
    /// `__func__`.
    pub func: RefCell<Value>,
}

impl Payload for WrappedCallable {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        if let Ok(f) = self.func.try_borrow() {
            visit(&f);
        }
    }

    fn clear(&self) {
        let old = self
            .func
            .try_borrow_mut()
            .map(|mut f| std::mem::replace(&mut *f, crate::none()));
        drop(old);
    }
}

/// The payload of `property`.
pub struct PropertyData {
    /// `fget`.
    pub fget: RefCell<Option<Value>>,
    /// `fset`.
    pub fset: RefCell<Option<Value>>,
    /// `fdel`.
    pub fdel: RefCell<Option<Value>>,
    /// `__doc__`.
    pub doc: RefCell<Option<Value>>,
    /// The attribute name `__set_name__` gave it (for error messages).
    pub name: RefCell<Option<Value>>,
}

impl PropertyData {
    fn cells(&self) -> [&RefCell<Option<Value>>; 5] {
        [&self.fget, &self.fset, &self.fdel, &self.doc, &self.name]
    }
}

impl Payload for PropertyData {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        for cell in self.cells() {
            if let Ok(v) = cell.try_borrow() {
                if let Some(v) = v.as_ref() {
                    visit(v);
                }
            }
        }
    }

    fn clear(&self) {
        for cell in self.cells() {
            let old = cell.try_borrow_mut().map(|mut v| v.take());
            drop(old);
        }
    }
}

/// The payload of a bound `method` (`types.MethodType`): a function and the object it is
/// called with first.
pub struct MethodData {
    /// `__func__`.
    pub func: Value,
    /// `__self__`.
    pub obj: Value,
}

impl Payload for MethodData {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.func);
        visit(&self.obj);
    }
}

/// `types.MethodType(function, instance)`.
fn method_new(_cls: &Value, args: Args<'_>) -> PyResult<Value> {
    args.no_kwargs("method")?;
    let a = args.exact("method", 2, 2)?;
    if !crate::protocol::is_callable(&a[0]) {
        return Err(PyErr::type_error("first argument must be callable"));
    }
    if crate::protocol::is_none(&a[1]) {
        return Err(PyErr::type_error("instance must not be None"));
    }
    Ok(new_method(a[0].clone(), a[1].clone()))
}

/// A bound method.
pub fn new_method(func: Value, obj: Value) -> Value {
    crate::object::alloc(&descr_types().method, MethodData { func, obj })
}

/// The `method` type.
pub fn method_type() -> &'static Value {
    &descr_types().method
}

fn method_of(v: &Value) -> PyResult<&MethodData> {
    v.downcast::<MethodData>()
        .ok_or_else(|| PyErr::system_error("bad method"))
}

fn method_call(m: &Value, args: Args<'_>) -> PyResult<Value> {
    let m = method_of(m)?;
    let mut values = Vec::with_capacity(args.values().len() + 1);
    values.push(m.obj.clone());
    values.extend(args.values().iter().cloned());
    protocol::call(&m.func, Args::new(&values, args.kwnames()))
}

fn method_repr(m: &Value) -> PyResult<Value> {
    let m = method_of(m)?;
    let name = protocol::getattr_opt(&m.func, &crate::str::intern("__qualname__"))?
        .and_then(|n| crate::str::text_of(&n))
        .unwrap_or_else(|| "?".to_string());
    Ok(crate::str::new(&format!(
        "<bound method {name} of {}>",
        protocol::repr_string(&m.obj)?
    )))
}

fn method_getattro(m: &Value, name: &Value) -> PyResult<Value> {
    match protocol::generic_getattr(m, name) {
        Err(e) if e.is(crate::ExcKind::AttributeError) => {
            let f = method_of(m)?.func.clone();
            protocol::getattr(&f, name)
        }
        other => other,
    }
}

fn method_richcompare(a: &Value, b: &Value, op: crate::typeobject::CompareOp) -> PyResult<Value> {
    use crate::typeobject::CompareOp;
    let (Some(x), Some(y)) = (a.downcast::<MethodData>(), b.downcast::<MethodData>()) else {
        return Ok(crate::not_implemented());
    };
    let same = x.func.is(&y.func) && x.obj.is(&y.obj);
    match op {
        CompareOp::Eq => Ok(crate::bool(same)),
        CompareOp::Ne => Ok(crate::bool(!same)),
        _ => Ok(crate::not_implemented()),
    }
}

fn method_hash(m: &Value) -> PyResult<i64> {
    let m = method_of(m)?;
    Ok(protocol::identity_hash(&m.obj) ^ protocol::hash(&m.func)?)
}

fn method_func(v: &Value) -> PyResult<Value> {
    Ok(method_of(v)?.func.clone())
}

fn method_self(v: &Value) -> PyResult<Value> {
    Ok(method_of(v)?.obj.clone())
}

const METHOD_METHODS: &[MethodDef] = &[
    MethodDef::new("__func__", MethodKind::GetSet(method_func, None)),
    MethodDef::new("__self__", MethodKind::GetSet(method_self, None)),
];

struct DescrTypes {
    method: Value,
    staticmethod: Value,
    classmethod: Value,
    property: Value,
}

static TYPES: OnceLock<SyncCell<DescrTypes>> = OnceLock::new();

fn descr_types() -> &'static DescrTypes {
    &TYPES
        .get_or_init(|| {
            SyncCell(DescrTypes {
                method: TypeBuilder::new::<MethodData>("method")
                    .flags(crate::typeobject::TypeFlags::MANAGED_WEAKREF)
                    .slots(|s| {
                        s.new.set(Some(method_new));
                        s.call.set(Some(method_call));
                        s.repr.set(Some(method_repr));
                        s.getattro.set(Some(method_getattro));
                        s.richcompare.set(Some(method_richcompare));
                        s.hash.set(Some(method_hash));
                    })
                    .methods(METHOD_METHODS)
                    .build(),
                staticmethod: TypeBuilder::new::<WrappedCallable>("staticmethod")
                    .subclassable()
                    .with_dict()
                    .slots(|s| {
                        s.new.set(Some(wrapped_new));
                        s.init.set(Some(wrapped_init));
                        s.descr_get.set(Some(static_get));
                        s.call.set(Some(static_call));
                        s.repr.set(Some(|v| wrapped_repr(v, "staticmethod")));
                    })
                    .methods(WRAPPED_METHODS)
                    .build(),
                classmethod: TypeBuilder::new::<WrappedCallable>("classmethod")
                    .subclassable()
                    .with_dict()
                    .slots(|s| {
                        s.new.set(Some(wrapped_new));
                        s.init.set(Some(wrapped_init));
                        s.descr_get.set(Some(class_get));
                        s.repr.set(Some(|v| wrapped_repr(v, "classmethod")));
                    })
                    .methods(WRAPPED_METHODS)
                    .build(),
                property: TypeBuilder::new::<PropertyData>("property")
                    .subclassable()
                    .slots(|s| {
                        s.new.set(Some(property_new));
                        s.init.set(Some(property_init));
                        s.descr_get.set(Some(property_get));
                        s.descr_set.set(Some(property_set));
                    })
                    .methods(PROPERTY_METHODS)
                    .build(),
            })
        })
        .0
}

/// The `staticmethod` type.
pub fn staticmethod_type() -> &'static Value {
    &descr_types().staticmethod
}

/// The `classmethod` type.
pub fn classmethod_type() -> &'static Value {
    &descr_types().classmethod
}

/// The `property` type.
pub fn property_type() -> &'static Value {
    &descr_types().property
}

/// `staticmethod(func)`.
pub fn new_staticmethod(func: Value) -> Value {
    crate::object::alloc(
        staticmethod_type(),
        WrappedCallable {
            func: RefCell::new(func),
        },
    )
}

/// `classmethod(func)`.
pub fn new_classmethod(func: Value) -> Value {
    crate::object::alloc(
        classmethod_type(),
        WrappedCallable {
            func: RefCell::new(func),
        },
    )
}

fn wrapped(v: &Value) -> PyResult<&WrappedCallable> {
    v.downcast::<WrappedCallable>()
        .ok_or_else(|| PyErr::system_error("bad staticmethod/classmethod"))
}

fn wrapped_new(cls: &Value, _args: Args<'_>) -> PyResult<Value> {
    Ok(crate::object::alloc(
        cls,
        WrappedCallable {
            func: RefCell::new(crate::none()),
        },
    ))
}

fn wrapped_init(obj: &Value, args: Args<'_>) -> PyResult<()> {
    let name = obj.type_data().name();
    let a = args.exact(&name, 1, 1)?;
    *wrapped(obj)?.func.borrow_mut() = a[0].clone();
    // Copy `__doc__`, `__name__`… from the function, as functools.wraps would.
    if let Some(dict) = protocol::instance_dict(obj) {
        if let Some(d) = dict.downcast::<crate::dict::DictData>() {
            for attr in ["__module__", "__name__", "__qualname__", "__doc__"] {
                if let Some(v) = protocol::getattr_opt(&a[0], &crate::str::intern(attr))? {
                    d.set_str(attr, v);
                }
            }
        }
    }
    Ok(())
}

fn static_get(descr: &Value, _obj: Option<&Value>, _owner: Option<&Value>) -> PyResult<Value> {
    Ok(wrapped(descr)?.func.borrow().clone())
}

fn static_call(descr: &Value, args: Args<'_>) -> PyResult<Value> {
    let f = wrapped(descr)?.func.borrow().clone();
    protocol::call(&f, args)
}

fn class_get(descr: &Value, obj: Option<&Value>, owner: Option<&Value>) -> PyResult<Value> {
    let f = wrapped(descr)?.func.borrow().clone();
    let owner = match (owner, obj) {
        (Some(o), _) if !is_none(o) => o.clone(),
        (_, Some(obj)) => obj.class().clone(),
        _ => return Err(PyErr::type_error("__get__(None, None) is invalid")),
    };
    // A class method of a descriptor binds through it (3.13 still chains `__get__`).
    Ok(new_method(f, owner))
}

fn wrapped_repr(v: &Value, kind: &str) -> PyResult<Value> {
    let f = wrapped(v)?.func.borrow().clone();
    Ok(crate::str::new(&format!(
        "<{kind}({})>",
        protocol::repr_string(&f)?
    )))
}

fn wrapped_func(v: &Value) -> PyResult<Value> {
    Ok(wrapped(v)?.func.borrow().clone())
}

fn wrapped_isabstract(v: &Value) -> PyResult<Value> {
    let f = wrapped(v)?.func.borrow().clone();
    is_abstract(&f)
}

fn is_abstract(f: &Value) -> PyResult<Value> {
    match protocol::getattr_opt(f, &crate::str::intern("__isabstractmethod__"))? {
        Some(v) => Ok(crate::bool(protocol::is_true(&v)?)),
        None => Ok(crate::bool(false)),
    }
}

const WRAPPED_METHODS: &[MethodDef] = &[
    MethodDef::new("__func__", MethodKind::GetSet(wrapped_func, None)),
    MethodDef::new("__wrapped__", MethodKind::GetSet(wrapped_func, None)),
    MethodDef::new(
        "__isabstractmethod__",
        MethodKind::GetSet(wrapped_isabstract, None),
    ),
];

fn prop(v: &Value) -> PyResult<&PropertyData> {
    v.downcast::<PropertyData>()
        .ok_or_else(|| PyErr::system_error("bad property"))
}

fn property_new(cls: &Value, _args: Args<'_>) -> PyResult<Value> {
    Ok(crate::object::alloc(
        cls,
        PropertyData {
            fget: RefCell::new(None),
            fset: RefCell::new(None),
            fdel: RefCell::new(None),
            doc: RefCell::new(None),
            name: RefCell::new(None),
        },
    ))
}

fn some(v: Option<Value>) -> Option<Value> {
    v.filter(|v| !is_none(v))
}

fn property_init(obj: &Value, args: Args<'_>) -> PyResult<()> {
    let [fget, fset, fdel, doc] =
        args.bind("property", ["fget", "fset", "fdel", "doc"], 0, 0, 4)?;
    let p = prop(obj)?;
    let fget = some(fget);
    let mut doc = some(doc);
    if doc.is_none() {
        if let Some(g) = &fget {
            doc = some(protocol::getattr_opt(g, &crate::str::intern("__doc__"))?);
        }
    }
    *p.fget.borrow_mut() = fget;
    *p.fset.borrow_mut() = some(fset);
    *p.fdel.borrow_mut() = some(fdel);
    *p.doc.borrow_mut() = doc;
    Ok(())
}

fn property_name_suffix(p: &PropertyData, owner: &Value) -> String {
    let name = p.name.borrow().clone();
    let qual = crate::typeobject::type_data(owner)
        .map(|t| crate::str::text_of(&t.qualname()).unwrap_or_default())
        .unwrap_or_default();
    match name.and_then(|n| crate::str::text_of(&n)) {
        Some(n) => format!(" '{n}' of '{qual}' object"),
        None => format!(" of '{qual}' object"),
    }
}

/// Whether `__get__(obj, owner)` means "looked up on the class": `obj` is `None` and `owner`
/// is a class other than `NoneType` (a `None` instance passes `owner` = `NoneType`).
pub(crate) fn no_instance(obj: &Value, owner: Option<&Value>) -> bool {
    match owner {
        Some(owner) => is_none(obj) && !owner.is(obj.class()),
        None => false,
    }
}

fn property_get(descr: &Value, obj: Option<&Value>, _owner: Option<&Value>) -> PyResult<Value> {
    let Some(obj) = obj.filter(|o| !no_instance(o, _owner)) else {
        return Ok(descr.clone());
    };
    let p = prop(descr)?;
    let fget = p.fget.borrow().clone();
    match fget {
        Some(f) => protocol::call1(&f, std::slice::from_ref(obj)),
        None => Err(PyErr::attribute_error(format!(
            "property{} has no getter",
            property_name_suffix(p, obj.class())
        ))),
    }
}

fn property_set(descr: &Value, obj: &Value, value: Option<&Value>) -> PyResult<()> {
    let p = prop(descr)?;
    match value {
        Some(v) => {
            let fset = p.fset.borrow().clone();
            match fset {
                Some(f) => protocol::call1(&f, &[obj.clone(), v.clone()]).map(drop),
                None => Err(PyErr::attribute_error(format!(
                    "property{} has no setter",
                    property_name_suffix(p, obj.class())
                ))),
            }
        }
        None => {
            let fdel = p.fdel.borrow().clone();
            match fdel {
                Some(f) => protocol::call1(&f, std::slice::from_ref(obj)).map(drop),
                None => Err(PyErr::attribute_error(format!(
                    "property{} has no deleter",
                    property_name_suffix(p, obj.class())
                ))),
            }
        }
    }
}

fn property_copy(args: Args<'_>, which: usize) -> PyResult<Value> {
    let a = args.exact("property", 2, 2)?;
    let p = prop(&a[0])?;
    let mut parts = [
        p.fget.borrow().clone(),
        p.fset.borrow().clone(),
        p.fdel.borrow().clone(),
    ];
    parts[which] = some(Some(a[1].clone()));
    let none = crate::none;
    let doc = p.doc.borrow().clone();
    let new = protocol::call1(
        a[0].class(),
        &[
            parts[0].clone().unwrap_or_else(none),
            parts[1].clone().unwrap_or_else(none),
            parts[2].clone().unwrap_or_else(none),
            doc.unwrap_or_else(none),
        ],
    )?;
    if let Ok(np) = prop(&new) {
        *np.name.borrow_mut() = p.name.borrow().clone();
    }
    Ok(new)
}

fn property_getter(args: Args<'_>) -> PyResult<Value> {
    property_copy(args, 0)
}

fn property_setter(args: Args<'_>) -> PyResult<Value> {
    property_copy(args, 1)
}

fn property_deleter(args: Args<'_>) -> PyResult<Value> {
    property_copy(args, 2)
}

fn property_set_name(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("__set_name__", 3, 3)?;
    *prop(&a[0])?.name.borrow_mut() = Some(a[2].clone());
    Ok(crate::none())
}

fn property_fget(v: &Value) -> PyResult<Value> {
    Ok(prop(v)?.fget.borrow().clone().unwrap_or_else(crate::none))
}

fn property_fset(v: &Value) -> PyResult<Value> {
    Ok(prop(v)?.fset.borrow().clone().unwrap_or_else(crate::none))
}

fn property_fdel(v: &Value) -> PyResult<Value> {
    Ok(prop(v)?.fdel.borrow().clone().unwrap_or_else(crate::none))
}

fn property_doc(v: &Value) -> PyResult<Value> {
    Ok(prop(v)?.doc.borrow().clone().unwrap_or_else(crate::none))
}

fn property_set_doc(v: &Value, value: Option<&Value>) -> PyResult<()> {
    *prop(v)?.doc.borrow_mut() = value.cloned();
    Ok(())
}

fn property_isabstract(v: &Value) -> PyResult<Value> {
    let p = prop(v)?;
    for f in [&p.fget, &p.fset, &p.fdel] {
        let f = f.borrow().clone();
        if let Some(f) = f {
            if protocol::is_true(&is_abstract(&f)?)? {
                return Ok(crate::bool(true));
            }
        }
    }
    Ok(crate::bool(false))
}

const PROPERTY_METHODS: &[MethodDef] = &[
    MethodDef::new("getter", MethodKind::Method(property_getter)),
    MethodDef::new("setter", MethodKind::Method(property_setter)),
    MethodDef::new("deleter", MethodKind::Method(property_deleter)),
    MethodDef::new("__set_name__", MethodKind::Method(property_set_name)),
    MethodDef::new("fget", MethodKind::GetSet(property_fget, None)),
    MethodDef::new("fset", MethodKind::GetSet(property_fset, None)),
    MethodDef::new("fdel", MethodKind::GetSet(property_fdel, None)),
    MethodDef::new(
        "__doc__",
        MethodKind::GetSet(property_doc, Some(property_set_doc)),
    ),
    MethodDef::new(
        "__isabstractmethod__",
        MethodKind::GetSet(property_isabstract, None),
    ),
];
