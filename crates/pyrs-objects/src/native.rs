//! Functions written in Rust as Python sees them (CPython's Objects/methodobject.c and
//! descrobject.c): `builtin_function_or_method` (`len`, `[].append`), `method_descriptor`
//! (`list.append`), `classmethod_descriptor` (`dict.fromkeys`) and `getset_descriptor`
//! (`BaseException.args`), all described by one [`MethodDef`] table per type.

use std::sync::OnceLock;

use crate::args::Args;
use crate::error::{PyErr, PyResult};
use crate::object::Payload;
use crate::typeobject::{is_subtype, type_data, TypeBuilder, TypeFlags};
use crate::value::Value;
use crate::SyncCell;

/// A Rust function callable from Python, with `self` first for methods.
pub type NativeFn = fn(Args<'_>) -> PyResult<Value>;
/// A getter of a computed attribute.
pub type GetterFn = fn(&Value) -> PyResult<Value>;
/// A setter (or, given `None`, deleter) of a computed attribute.
pub type SetterFn = fn(&Value, Option<&Value>) -> PyResult<()>;

/// What a [`MethodDef`] puts in a type's dict.
#[derive(Clone, Copy)]
pub enum MethodKind {
    /// An instance method: a `method_descriptor`, called with the instance first.
    Method(NativeFn),
    /// A class method: a `classmethod_descriptor`, called with the class first.
    Class(NativeFn),
    /// A static method: a plain built-in function.
    Static(NativeFn),
    /// A computed attribute: a `getset_descriptor`, read-only without a setter.
    GetSet(GetterFn, Option<SetterFn>),
}

/// One entry of a type's (or module's) table of Rust-implemented attributes.
#[derive(Clone, Copy)]
pub struct MethodDef {
    /// The attribute's name.
    pub name: &'static str,
    /// What it is.
    pub kind: MethodKind,
    /// `__doc__`.
    pub doc: Option<&'static str>,
}

impl MethodDef {
    /// An entry without a docstring.
    pub const fn new(name: &'static str, kind: MethodKind) -> MethodDef {
        MethodDef {
            name,
            kind,
            doc: None,
        }
    }

    /// An entry with a docstring.
    pub const fn with_doc(name: &'static str, kind: MethodKind, doc: &'static str) -> MethodDef {
        MethodDef {
            name,
            kind,
            doc: Some(doc),
        }
    }
}

/// A `builtin_function_or_method`: a Rust function, maybe bound to an object (`[].append`'s
/// list, a module function's module).
pub struct BuiltinFunction {
    /// `__name__`.
    pub name: &'static str,
    /// The function.
    pub func: NativeFn,
    /// `__self__`, passed first when bound to an instance.
    pub bound: Option<Value>,
    /// Whether `bound` is passed as the first argument (false for a module function, whose
    /// `__self__` is the module).
    pub pass_self: bool,
    /// The type whose method this is (`list` for `[].append`), when any.
    pub owner: Option<Value>,
}

impl Payload for BuiltinFunction {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        if let Some(bound) = &self.bound {
            visit(bound);
        }
        if let Some(owner) = &self.owner {
            visit(owner);
        }
    }
}

/// A `method_descriptor` or `classmethod_descriptor`: an unbound Rust method of a type.
pub struct MethodDescriptor {
    /// The method's name.
    pub name: &'static str,
    /// The function (`self` first).
    pub func: NativeFn,
    /// The type it belongs to.
    pub owner: Value,
}

impl Payload for MethodDescriptor {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.owner);
    }
}

/// A `getset_descriptor`.
pub struct GetSetDescriptor {
    /// The attribute's name.
    pub name: &'static str,
    /// The getter.
    pub get: GetterFn,
    /// The setter, if writable.
    pub set: Option<SetterFn>,
    /// The type it belongs to.
    pub owner: Value,
}

impl Payload for GetSetDescriptor {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.owner);
    }
}

struct NativeTypes {
    builtin_function: Value,
    method_descriptor: Value,
    classmethod_descriptor: Value,
    getset_descriptor: Value,
}

static TYPES: OnceLock<SyncCell<NativeTypes>> = OnceLock::new();

fn native_types() -> &'static NativeTypes {
    if let Some(t) = TYPES.get() {
        return &t.0;
    }
    // These types' dicts hold instances of themselves: make the type objects first, then
    // their dicts.
    let builders = [
        TypeBuilder::new::<BuiltinFunction>("builtin_function_or_method")
            .flags(TypeFlags::MANAGED_WEAKREF)
            .slots(|s| {
                s.call.set(Some(builtin_call));
                s.repr.set(Some(builtin_repr));
            })
            .methods(BUILTIN_FUNCTION_METHODS),
        TypeBuilder::new::<MethodDescriptor>("method_descriptor")
            .slots(|s| {
                s.call.set(Some(method_call));
                s.descr_get.set(Some(method_get));
                s.repr.set(Some(method_repr));
            })
            .flags(TypeFlags::METHOD_DESCRIPTOR)
            .methods(DESCRIPTOR_METHODS),
        TypeBuilder::new::<MethodDescriptor>("classmethod_descriptor")
            .slots(|s| {
                s.call.set(Some(classmethod_call));
                s.descr_get.set(Some(classmethod_get));
                s.repr.set(Some(method_repr));
            })
            .methods(DESCRIPTOR_METHODS),
        TypeBuilder::new::<GetSetDescriptor>("getset_descriptor")
            .slots(|s| {
                s.descr_get.set(Some(getset_get));
                s.descr_set.set(Some(getset_set));
                s.repr.set(Some(getset_repr));
            })
            .methods(GETSET_METHODS),
    ];
    let [a, b, c, d] = builders.each_ref().map(TypeBuilder::build_bare);
    let _ = TYPES.set(SyncCell(NativeTypes {
        builtin_function: a,
        method_descriptor: b,
        classmethod_descriptor: c,
        getset_descriptor: d,
    }));
    let t = &TYPES.get().expect("just set").0;
    let made = [
        &t.builtin_function,
        &t.method_descriptor,
        &t.classmethod_descriptor,
        &t.getset_descriptor,
    ];
    for (builder, ty) in builders.iter().zip(made) {
        builder.fill(ty);
    }
    t
}

/// The `builtin_function_or_method` type.
pub fn builtin_function_type() -> &'static Value {
    &native_types().builtin_function
}

/// A built-in function (not bound to anything).
pub fn new_function(name: &'static str, func: NativeFn) -> Value {
    crate::object::alloc(
        builtin_function_type(),
        BuiltinFunction {
            name,
            func,
            bound: None,
            pass_self: false,
            owner: None,
        },
    )
}

/// A module's built-in function, `__self__` being the module.
pub fn new_module_function(name: &'static str, func: NativeFn, module: Value) -> Value {
    crate::object::alloc(
        builtin_function_type(),
        BuiltinFunction {
            name,
            func,
            bound: Some(module),
            pass_self: false,
            owner: None,
        },
    )
}

/// A built-in method bound to `obj` (`[].append`).
pub fn new_bound(name: &'static str, func: NativeFn, obj: Value, owner: &Value) -> Value {
    crate::object::alloc(
        builtin_function_type(),
        BuiltinFunction {
            name,
            func,
            bound: Some(obj),
            pass_self: true,
            owner: Some(owner.clone()),
        },
    )
}

/// The object a [`MethodDef`] puts in the dict of type `owner`.
pub fn make_method(def: &MethodDef, owner: &Value) -> Value {
    let t = native_types();
    match def.kind {
        MethodKind::Method(func) => crate::object::alloc(
            &t.method_descriptor,
            MethodDescriptor {
                name: def.name,
                func,
                owner: owner.clone(),
            },
        ),
        MethodKind::Class(func) => crate::object::alloc(
            &t.classmethod_descriptor,
            MethodDescriptor {
                name: def.name,
                func,
                owner: owner.clone(),
            },
        ),
        MethodKind::Static(func) => new_function(def.name, func),
        MethodKind::GetSet(get, set) => crate::object::alloc(
            &t.getset_descriptor,
            GetSetDescriptor {
                name: def.name,
                get,
                set,
                owner: owner.clone(),
            },
        ),
    }
}

/// Calls `func` with `first` prepended to `args` (a bound method's call).
pub fn call_with_self(func: NativeFn, first: &Value, args: Args<'_>) -> PyResult<Value> {
    let mut values: Vec<Value> = Vec::with_capacity(args.values().len() + 1);
    values.push(first.clone());
    values.extend(args.values().iter().cloned());
    func(Args::new(&values, args.kwnames()))
}

fn builtin_call(callable: &Value, args: Args<'_>) -> PyResult<Value> {
    let f = callable
        .downcast::<BuiltinFunction>()
        .ok_or_else(|| PyErr::system_error("bad builtin function"))?;
    match &f.bound {
        Some(obj) if f.pass_self => call_with_self(f.func, obj, args),
        _ => (f.func)(args),
    }
}

fn builtin_repr(callable: &Value) -> PyResult<Value> {
    let f = callable
        .downcast::<BuiltinFunction>()
        .ok_or_else(|| PyErr::system_error("bad builtin function"))?;
    let text = match &f.bound {
        Some(obj) if f.pass_self => format!(
            "<built-in method {} of {} object at {:#x}>",
            f.name,
            obj.type_data().name(),
            obj.word()
        ),
        _ => format!("<built-in function {}>", f.name),
    };
    Ok(crate::str::new(&text))
}

fn descriptor(value: &Value) -> PyResult<&MethodDescriptor> {
    value
        .downcast::<MethodDescriptor>()
        .ok_or_else(|| PyErr::system_error("bad method descriptor"))
}

/// The owning type's name as CPython's descriptor messages and reprs give it (`tp_name`: a
/// type of a module other than `builtins` is named with its module, `'_csv.Dialect'`).
fn owner_name(owner: &Value) -> String {
    type_data(owner).map(|t| t.tp_name()).unwrap_or_default()
}

/// CPython's `descr_check`: `obj` must be an instance of the descriptor's owner, or TypeError
/// "descriptor 'NAME' for 'OWNER' objects doesn't apply to a 'T' object".
pub(crate) fn descr_check(name: &str, owner: &Value, obj: &Value) -> PyResult<()> {
    if is_subtype(obj.class(), owner) {
        return Ok(());
    }
    Err(PyErr::type_error(format!(
        "descriptor '{name}' for '{}' objects doesn't apply to a '{}' object",
        owner_name(owner),
        obj.type_data().tp_name()
    )))
}

/// The owning type's bare name, as in a method's `__qualname__` (`deque.append`).
fn owner_short_name(owner: &Value) -> String {
    type_data(owner).map(|t| t.name()).unwrap_or_default()
}

fn method_call(callable: &Value, args: Args<'_>) -> PyResult<Value> {
    let d = descriptor(callable)?;
    let Some(first) = args.pos().first() else {
        return Err(PyErr::type_error(format!(
            "unbound method {}.{}() needs an argument",
            owner_short_name(&d.owner),
            d.name
        )));
    };
    descr_check(d.name, &d.owner, first)?;
    (d.func)(args)
}

fn method_get(descr: &Value, obj: Option<&Value>, _owner: Option<&Value>) -> PyResult<Value> {
    let d = descriptor(descr)?;
    match obj {
        None => Ok(descr.clone()),
        Some(obj) if crate::descr::no_instance(obj, _owner) => Ok(descr.clone()),
        Some(obj) => {
            descr_check(d.name, &d.owner, obj)?;
            Ok(new_bound(d.name, d.func, obj.clone(), &d.owner))
        }
    }
}

fn method_repr(descr: &Value) -> PyResult<Value> {
    let d = descriptor(descr)?;
    Ok(crate::str::new(&format!(
        "<method '{}' of '{}' objects>",
        d.name,
        owner_name(&d.owner)
    )))
}

fn classmethod_call(callable: &Value, args: Args<'_>) -> PyResult<Value> {
    let d = descriptor(callable)?;
    let Some(first) = args.pos().first() else {
        return Err(PyErr::type_error(format!(
            "descriptor '{}' of '{}' object needs an argument",
            d.name,
            owner_name(&d.owner)
        )));
    };
    if type_data(first).is_none() || !is_subtype(first, &d.owner) {
        return Err(PyErr::type_error(format!(
            "descriptor '{}' for type '{}' doesn't apply to type '{}'",
            d.name,
            owner_name(&d.owner),
            first.type_data().name()
        )));
    }
    (d.func)(args)
}

fn classmethod_get(descr: &Value, obj: Option<&Value>, owner: Option<&Value>) -> PyResult<Value> {
    let d = descriptor(descr)?;
    let class = match (owner, obj) {
        (Some(owner), _) if !owner.is(&crate::none()) => owner.clone(),
        (_, Some(obj)) => obj.class().clone(),
        _ => return Err(PyErr::type_error("__get__(None, None) is invalid")),
    };
    // CPython's classmethod_get: the class must be the owner or a subclass of it.
    let Some(class_data) = type_data(&class) else {
        return Err(PyErr::type_error(format!(
            "descriptor '{}' for type '{}' needs a type, not a '{}' as arg 2",
            d.name,
            owner_name(&d.owner),
            class.type_data().name()
        )));
    };
    if !is_subtype(&class, &d.owner) {
        return Err(PyErr::type_error(format!(
            "descriptor '{}' requires a subtype of '{}' but received '{}'",
            d.name,
            owner_name(&d.owner),
            class_data.name()
        )));
    }
    Ok(new_bound(d.name, d.func, class, &d.owner))
}

fn getset(descr: &Value) -> PyResult<&GetSetDescriptor> {
    descr
        .downcast::<GetSetDescriptor>()
        .ok_or_else(|| PyErr::system_error("bad getset descriptor"))
}

fn getset_get(descr: &Value, obj: Option<&Value>, _owner: Option<&Value>) -> PyResult<Value> {
    let d = getset(descr)?;
    match obj {
        Some(obj) if !crate::descr::no_instance(obj, _owner) => {
            descr_check(d.name, &d.owner, obj)?;
            (d.get)(obj)
        }
        _ => Ok(descr.clone()),
    }
}

fn getset_set(descr: &Value, obj: &Value, value: Option<&Value>) -> PyResult<()> {
    let d = getset(descr)?;
    // As CPython's descr_setcheck: the object's type comes first, then writability.
    descr_check(d.name, &d.owner, obj)?;
    match d.set {
        Some(set) => set(obj, value),
        None => Err(PyErr::attribute_error(format!(
            "attribute '{}' of '{}' objects is not writable",
            d.name,
            owner_name(&d.owner)
        ))),
    }
}

fn getset_repr(descr: &Value) -> PyResult<Value> {
    let d = getset(descr)?;
    Ok(crate::str::new(&format!(
        "<attribute '{}' of '{}' objects>",
        d.name,
        owner_name(&d.owner)
    )))
}

fn builtin_name(value: &Value) -> PyResult<Value> {
    let f = value
        .downcast::<BuiltinFunction>()
        .ok_or_else(|| PyErr::system_error("bad builtin function"))?;
    Ok(crate::str::intern(f.name))
}

fn builtin_qualname(value: &Value) -> PyResult<Value> {
    let f = value
        .downcast::<BuiltinFunction>()
        .ok_or_else(|| PyErr::system_error("bad builtin function"))?;
    Ok(match &f.owner {
        Some(owner) => crate::str::new(&format!("{}.{}", owner_short_name(owner), f.name)),
        None => crate::str::intern(f.name),
    })
}

fn builtin_self(value: &Value) -> PyResult<Value> {
    let f = value
        .downcast::<BuiltinFunction>()
        .ok_or_else(|| PyErr::system_error("bad builtin function"))?;
    Ok(f.bound.clone().unwrap_or_else(crate::none))
}

/// The docstring and text signature of a function of the `builtins` module (CPython keeps them
/// in the function's `PyMethodDef`; pyrs has one generated table, [`crate::builtin_docs`]).
fn builtins_doc(value: &Value) -> PyResult<Option<(&'static str, Option<&'static str>)>> {
    let f = value
        .downcast::<BuiltinFunction>()
        .ok_or_else(|| PyErr::system_error("bad builtin function"))?;
    if f.owner.is_some() {
        return Ok(None);
    }
    let in_builtins = match &f.bound {
        None => true,
        Some(m) => m
            .downcast::<crate::module::ModuleData>()
            .and_then(|m| m.dict().get_str(&crate::str::intern("__name__")))
            .and_then(|n| crate::str::text_of(&n))
            .is_some_and(|n| n == "builtins"),
    };
    Ok(if in_builtins {
        crate::builtin_docs::lookup(f.name)
    } else {
        None
    })
}

fn builtin_doc(value: &Value) -> PyResult<Value> {
    Ok(match builtins_doc(value)? {
        Some((doc, _)) => crate::str::new(doc),
        None => crate::none(),
    })
}

fn builtin_text_signature(value: &Value) -> PyResult<Value> {
    Ok(match builtins_doc(value)? {
        Some((_, Some(sig))) => crate::str::new(sig),
        _ => crate::none(),
    })
}

const BUILTIN_FUNCTION_METHODS: &[MethodDef] = &[
    MethodDef::new("__name__", MethodKind::GetSet(builtin_name, None)),
    MethodDef::new("__doc__", MethodKind::GetSet(builtin_doc, None)),
    MethodDef::new(
        "__text_signature__",
        MethodKind::GetSet(builtin_text_signature, None),
    ),
    MethodDef::new("__qualname__", MethodKind::GetSet(builtin_qualname, None)),
    MethodDef::new("__self__", MethodKind::GetSet(builtin_self, None)),
    MethodDef::new("__reduce__", MethodKind::Method(builtin_reduce)),
    MethodDef::new("__module__", MethodKind::GetSet(builtin_module, None)),
];

/// `f.__module__`: the name of a module function's module, None for a bound method.
fn builtin_module(value: &Value) -> PyResult<Value> {
    let f = value
        .downcast::<BuiltinFunction>()
        .ok_or_else(|| PyErr::system_error("bad builtin function"))?;
    match &f.bound {
        Some(m) if !f.pass_self => Ok(m
            .downcast::<crate::module::ModuleData>()
            .and_then(|m| m.dict().get_str(&crate::str::intern("__name__")))
            .unwrap_or_else(crate::none)),
        Some(_) => Ok(crate::none()),
        None if f.owner.is_some() => Ok(crate::none()),
        None => Ok(crate::str::intern("builtins")),
    }
}

/// `builtins.getattr`, which pickles bound built-in methods and method descriptors.
fn builtin_getattr() -> PyResult<Value> {
    let builtins = (crate::hooks::get().import_module)("builtins")?;
    crate::protocol::getattr(&builtins, &crate::str::intern("getattr"))
}

/// `f.__reduce__()`: a module function pickles as its name (found again in its module), a
/// bound method as `getattr(self, name)`.
fn builtin_reduce(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("__reduce__", 1, 1)?;
    let f = a[0]
        .downcast::<BuiltinFunction>()
        .ok_or_else(|| PyErr::system_error("bad builtin function"))?;
    match &f.bound {
        Some(obj) if f.pass_self => Ok(crate::tuple::new(vec![
            builtin_getattr()?,
            crate::tuple::new(vec![obj.clone(), crate::str::intern(f.name)]),
        ])),
        _ => Ok(crate::str::intern(f.name)),
    }
}

/// `descr.__reduce__()`: `getattr(objclass, name)`.
fn descriptor_reduce(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("__reduce__", 1, 1)?;
    let d = descriptor(&a[0])?;
    Ok(crate::tuple::new(vec![
        builtin_getattr()?,
        crate::tuple::new(vec![d.owner.clone(), crate::str::intern(d.name)]),
    ]))
}

fn descriptor_name(value: &Value) -> PyResult<Value> {
    Ok(crate::str::intern(descriptor(value)?.name))
}

fn descriptor_objclass(value: &Value) -> PyResult<Value> {
    Ok(descriptor(value)?.owner.clone())
}

fn getset_of(value: &Value) -> PyResult<&GetSetDescriptor> {
    value
        .downcast::<GetSetDescriptor>()
        .ok_or_else(|| PyErr::type_error("a getset_descriptor was expected"))
}

const GETSET_METHODS: &[MethodDef] = &[
    MethodDef::new(
        "__name__",
        MethodKind::GetSet(|v| Ok(crate::str::intern(getset_of(v)?.name)), None),
    ),
    MethodDef::new(
        "__qualname__",
        MethodKind::GetSet(
            |v| {
                let g = getset_of(v)?;
                let owner = type_data(&g.owner).map(|t| t.name()).unwrap_or_default();
                Ok(crate::str::new(&format!("{owner}.{}", g.name)))
            },
            None,
        ),
    ),
    MethodDef::new(
        "__objclass__",
        MethodKind::GetSet(|v| Ok(getset_of(v)?.owner.clone()), None),
    ),
];

fn descriptor_qualname(value: &Value) -> PyResult<Value> {
    let d = descriptor(value)?;
    Ok(crate::str::new(&format!(
        "{}.{}",
        owner_short_name(&d.owner),
        d.name
    )))
}

const DESCRIPTOR_METHODS: &[MethodDef] = &[
    MethodDef::new("__name__", MethodKind::GetSet(descriptor_name, None)),
    MethodDef::new(
        "__qualname__",
        MethodKind::GetSet(descriptor_qualname, None),
    ),
    MethodDef::new("__reduce__", MethodKind::Method(descriptor_reduce)),
    MethodDef::new(
        "__objclass__",
        MethodKind::GetSet(descriptor_objclass, None),
    ),
];
