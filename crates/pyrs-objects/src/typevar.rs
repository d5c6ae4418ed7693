//! The objects of PEP 695 type parameters and aliases (CPython's Objects/typevarobject.c):
//! `TypeVar`, `ParamSpec`, `TypeVarTuple`, `ParamSpecArgs`/`ParamSpecKwargs`,
//! `TypeAliasType`, `Generic` and `NoDefault`, which the `_typing` module exports and the
//! `def f[T: int]()`, `class C[T]` and `type X = ...` statements make.
//!
//! What the syntax gives lazily — a bound, constraints, a default, an alias's value — is kept
//! as the function the compiler made for it and called on first access. What only
//! Lib/typing.py knows (type checking an argument, substituting, `Generic[...]`) is asked of
//! it, as CPython does, by importing `typing` and calling its private helpers.

use std::cell::RefCell;
use std::sync::OnceLock;

use crate::args::Args;
use crate::error::{PyErr, PyResult};
use crate::native::{MethodDef, MethodKind};
use crate::object::Payload;
use crate::protocol;
use crate::str::intern;
use crate::typeobject::{type_data, BinOp, CompareOp, TypeBuilder};
use crate::value::Value;
use crate::SyncCell;

/// Which kind of type parameter a [`TypeParamData`] is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ParamKind {
    /// `T` (`typing.TypeVar`).
    TypeVar,
    /// `**P` (`typing.ParamSpec`).
    ParamSpec,
    /// `*Ts` (`typing.TypeVarTuple`).
    TypeVarTuple,
}

/// A value computed on first use from the function the compiler made for it.
#[derive(Default)]
pub struct Lazy {
    value: RefCell<Option<Value>>,
    evaluate: RefCell<Option<Value>>,
}

impl Lazy {
    fn known(value: Option<Value>) -> Lazy {
        Lazy {
            value: RefCell::new(value),
            evaluate: RefCell::new(None),
        }
    }

    fn deferred(evaluate: Value) -> Lazy {
        Lazy {
            value: RefCell::new(None),
            evaluate: RefCell::new(Some(evaluate)),
        }
    }

    /// The value, computing it now if needed (`None` when there is none).
    fn get(&self) -> PyResult<Option<Value>> {
        if let Some(v) = self.value.borrow().clone() {
            return Ok(Some(v));
        }
        let evaluate = self.evaluate.borrow().clone();
        match evaluate {
            Some(f) => {
                let v = protocol::call1(&f, &[])?;
                *self.value.borrow_mut() = Some(v.clone());
                Ok(Some(v))
            }
            None => Ok(None),
        }
    }

    fn is_set(&self) -> bool {
        self.value.borrow().is_some() || self.evaluate.borrow().is_some()
    }

    fn set_evaluate(&self, f: Value) {
        *self.value.borrow_mut() = None;
        *self.evaluate.borrow_mut() = Some(f);
    }
}

/// The payload of a `TypeVar`, `ParamSpec` or `TypeVarTuple`.
pub struct TypeParamData {
    /// Which of the three.
    pub kind: ParamKind,
    /// `__name__`.
    pub name: Value,
    bound: Lazy,
    constraints: Lazy,
    default: Lazy,
    covariant: bool,
    contravariant: bool,
    infer_variance: bool,
}

impl Payload for TypeParamData {}

/// The payload of `ParamSpecArgs` and `ParamSpecKwargs`.
pub struct ParamSpecAttr {
    /// `__origin__`: the `ParamSpec`.
    pub origin: Value,
}

impl Payload for ParamSpecAttr {}

/// The payload of a `TypeAliasType`.
pub struct TypeAliasData {
    /// `__name__`.
    pub name: Value,
    /// `__type_params__` (a tuple).
    pub type_params: Value,
    value: Lazy,
    /// `__module__`.
    pub module: Value,
}

impl Payload for TypeAliasData {}

/// The payload of `typing.NoDefault`.
pub struct NoDefaultData;

impl Payload for NoDefaultData {}

struct Types {
    typevar: Value,
    paramspec: Value,
    typevartuple: Value,
    paramspec_args: Value,
    paramspec_kwargs: Value,
    type_alias: Value,
    generic: Value,
    no_default: Value,
}

static TYPES: OnceLock<SyncCell<Types>> = OnceLock::new();

fn types() -> &'static Types {
    &TYPES
        .get_or_init(|| {
            let param = |name: &'static str, methods: &'static [MethodDef]| {
                TypeBuilder::new::<TypeParamData>(name)
                    .module("typing")
                    .with_dict()
                    .slots(|s| {
                        s.repr.set(Some(param_repr));
                        s.number[BinOp::Or as usize].set(Some(param_or));
                    })
                    .methods(PARAM_METHODS)
                    .methods(methods)
                    .build()
            };
            let typevartuple = TypeBuilder::new::<TypeParamData>("TypeVarTuple")
                .module("typing")
                .with_dict()
                .slots(|s| {
                    s.repr.set(Some(param_repr));
                    s.iter.set(Some(typevartuple_iter));
                    s.new.set(Some(typevartuple_new));
                })
                .methods(PARAM_METHODS)
                .methods(TYPEVARTUPLE_METHODS)
                .build();
            let typevar = param("TypeVar", TYPEVAR_METHODS);
            crate::typeobject::type_data(&typevar)
                .expect("type")
                .slots
                .new
                .set(Some(typevar_new));
            let paramspec = param("ParamSpec", PARAMSPEC_METHODS);
            crate::typeobject::type_data(&paramspec)
                .expect("type")
                .slots
                .new
                .set(Some(paramspec_new));
            let attr = |name: &'static str| {
                TypeBuilder::new::<ParamSpecAttr>(name)
                    .module("typing")
                    .slots(|s| {
                        s.repr.set(Some(paramspec_attr_repr));
                        s.richcompare.set(Some(paramspec_attr_richcompare));
                        s.new.set(Some(paramspec_attr_new));
                    })
                    .methods(PARAMSPEC_ATTR_METHODS)
                    .build()
            };
            let no_default_type = TypeBuilder::new::<NoDefaultData>("NoDefaultType")
                .slots(|s| {
                    s.repr
                        .set(Some(|_| Ok(crate::str::new("typing.NoDefault"))));
                    s.new.set(Some(no_default_new));
                })
                .build();
            let no_default = crate::object::alloc(&no_default_type, NoDefaultData);
            SyncCell(Types {
                typevar,
                paramspec,
                typevartuple,
                paramspec_args: attr("ParamSpecArgs"),
                paramspec_kwargs: attr("ParamSpecKwargs"),
                type_alias: TypeBuilder::new::<TypeAliasData>("TypeAliasType")
                    .module("typing")
                    .slots(|s| {
                        s.repr.set(Some(alias_repr));
                        s.getitem.set(Some(alias_getitem));
                        s.getattro.set(Some(alias_getattro));
                        s.new.set(Some(alias_new));
                        s.number[BinOp::Or as usize].set(Some(crate::union::type_or));
                    })
                    .methods(ALIAS_METHODS)
                    .build(),
                generic: TypeBuilder::new::<()>("Generic")
                    .module("typing")
                    .subclassable()
                    .doc(GENERIC_DOC)
                    .methods(GENERIC_METHODS)
                    .build(),
                no_default,
            })
        })
        .0
}

const GENERIC_DOC: &str = "Abstract base class for generic types.\n\nOn Python 3.12 and newer, generic classes implicitly inherit from\nGeneric when they declare a parameter list after the class's name::\n\n    class Mapping[KT, VT]:\n        def __getitem__(self, key: KT) -> VT:\n            ...\n        # Etc.\n\nOn older versions of Python, however, generic classes have to\nexplicitly inherit from Generic.\n\nAfter a class has been declared to be generic, it can then be used as\nfollows::\n\n    def lookup_name[KT, VT](mapping: Mapping[KT, VT], key: KT, default: VT) -> VT:\n        try:\n            return mapping[key]\n        except KeyError:\n            return default\n";

/// `typing.TypeVar`.
pub fn typevar_type() -> &'static Value {
    &types().typevar
}

/// `typing.ParamSpec`.
pub fn paramspec_type() -> &'static Value {
    &types().paramspec
}

/// `typing.TypeVarTuple`.
pub fn typevartuple_type() -> &'static Value {
    &types().typevartuple
}

/// `typing.ParamSpecArgs`.
pub fn paramspec_args_type() -> &'static Value {
    &types().paramspec_args
}

/// `typing.ParamSpecKwargs`.
pub fn paramspec_kwargs_type() -> &'static Value {
    &types().paramspec_kwargs
}

/// `typing.TypeAliasType`.
pub fn type_alias_type() -> &'static Value {
    &types().type_alias
}

/// `typing.Generic`.
pub fn generic_type() -> &'static Value {
    &types().generic
}

/// `typing.NoDefault`.
pub fn no_default() -> &'static Value {
    &types().no_default
}

/// Whether `v` is a `typing.TypeAliasType` (the one kind of typing object `|` unites as
/// types are).
pub fn is_type_alias(v: &Value) -> bool {
    TYPES.get().is_some() && v.is_exact(type_alias_type())
}

/// Calls `typing.NAME(*args)` (CPython's `call_typing_func_object`).
fn call_typing(name: &str, args: &[Value]) -> PyResult<Value> {
    let typing = (crate::hooks::get().import_module)("typing")?;
    let f = protocol::getattr(&typing, &intern(name))?;
    protocol::call1(&f, args)
}

/// `typing._type_check(arg, msg)`, with `None` standing for `NoneType`.
fn type_check(arg: &Value, msg: &str) -> PyResult<Value> {
    if protocol::is_none(arg) {
        return Ok(crate::types().none_type.clone());
    }
    call_typing("_type_check", &[arg.clone(), crate::str::new(msg)])
}

/// The `__module__` of the code making a type parameter (CPython's `caller`).
fn caller_module() -> Value {
    (crate::hooks::get().current_module_name)().unwrap_or_else(crate::none)
}

fn new_param(
    class: &Value,
    kind: ParamKind,
    name: Value,
    (bound, constraints, default): (Lazy, Lazy, Lazy),
    variance: (bool, bool, bool),
    module: Option<Value>,
) -> Value {
    let v = crate::object::alloc(
        class,
        TypeParamData {
            kind,
            name,
            bound,
            constraints,
            default,
            covariant: variance.0,
            contravariant: variance.1,
            infer_variance: variance.2,
        },
    );
    if let Some(module) = module {
        if let Some(d) = protocol::instance_dict(&v) {
            if let Some(d) = d.downcast::<crate::dict::DictData>() {
                d.set_str("__module__", module);
            }
        }
    }
    v
}

/// The type parameter a `def f[T]()` makes (`INTRINSIC_TYPEVAR`…): inferred variance, the
/// bound or constraints evaluated lazily by the given functions, no `__module__` of its own
/// (the type's, `typing`, shows through).
pub fn make_from_syntax(
    kind: ParamKind,
    name: Value,
    bound: Option<Value>,
    constraints: Option<Value>,
) -> Value {
    let class = match kind {
        ParamKind::TypeVar => typevar_type(),
        ParamKind::ParamSpec => paramspec_type(),
        ParamKind::TypeVarTuple => typevartuple_type(),
    };
    let lazy = |f: Option<Value>| f.map(Lazy::deferred).unwrap_or_default();
    new_param(
        class,
        kind,
        name,
        (lazy(bound), lazy(constraints), Lazy::default()),
        (false, false, kind != ParamKind::TypeVarTuple),
        None,
    )
}

/// `INTRINSIC_SET_TYPEPARAM_DEFAULT`: the parameter's default, evaluated lazily by `f`.
pub fn set_default_evaluator(param: &Value, f: Value) -> PyResult<Value> {
    let d = param_data(param)?;
    d.default.set_evaluate(f);
    Ok(param.clone())
}

/// `type X[T] = ...` (`INTRINSIC_TYPEALIAS`): an alias whose value `compute` gives on first
/// use.
pub fn make_type_alias(name: Value, type_params: Option<Value>, compute: Value) -> Value {
    crate::object::alloc(
        type_alias_type(),
        TypeAliasData {
            name,
            type_params: type_params.unwrap_or_else(crate::tuple::empty),
            value: Lazy::deferred(compute),
            module: caller_module(),
        },
    )
}

/// `Generic[params]` (`INTRINSIC_SUBSCRIPT_GENERIC`), as `typing._generic_class_getitem`
/// makes it.
pub fn subscript_generic(params: Value) -> PyResult<Value> {
    let params = unpack_typevartuples(&params)?;
    call_typing("_generic_class_getitem", &[generic_type().clone(), params])
}

/// The parameters with each `TypeVarTuple` replaced by its unpacked form `*Ts`.
fn unpack_typevartuples(params: &Value) -> PyResult<Value> {
    let items = crate::tuple::items_of(params).unwrap_or(&[]).to_vec();
    if !items.iter().any(|p| p.is_exact(typevartuple_type())) {
        return Ok(params.clone());
    }
    let mut out = Vec::with_capacity(items.len());
    for p in items {
        if p.is_exact(typevartuple_type()) {
            let unpack = call_typing_attr("Unpack")?;
            out.push(protocol::getitem(&unpack, &p)?);
        } else {
            out.push(p);
        }
    }
    Ok(crate::tuple::new(out))
}

fn call_typing_attr(name: &str) -> PyResult<Value> {
    let typing = (crate::hooks::get().import_module)("typing")?;
    protocol::getattr(&typing, &intern(name))
}

fn param_data(v: &Value) -> PyResult<&TypeParamData> {
    v.downcast::<TypeParamData>()
        .ok_or_else(|| PyErr::type_error("descriptor requires a type parameter"))
}

fn text(v: &Value) -> String {
    crate::str::text_of(v).unwrap_or_default()
}

fn param_repr(v: &Value) -> PyResult<Value> {
    let d = param_data(v)?;
    let name = text(&d.name);
    if d.kind == ParamKind::TypeVarTuple || d.infer_variance {
        return Ok(crate::str::from_string(name));
    }
    let prefix = if d.covariant {
        '+'
    } else if d.contravariant {
        '-'
    } else {
        '~'
    };
    Ok(crate::str::from_string(format!("{prefix}{name}")))
}

fn param_or(a: &Value, b: &Value) -> PyResult<Value> {
    call_typing("_make_union", &[a.clone(), b.clone()])
}

/// Keyword arguments by name, with CPython's error for an unknown one.
fn keywords<const N: usize>(
    func: &str,
    args: &Args<'_>,
    names: [&str; N],
) -> PyResult<[Option<Value>; N]> {
    let mut out: [Option<Value>; N] = std::array::from_fn(|_| None);
    for (k, v) in args.kwargs() {
        let k = text(k);
        match names.iter().position(|n| *n == k) {
            Some(i) => out[i] = Some(v.clone()),
            None => return Err(crate::args::unexpected_keyword(func, &k, names)),
        }
    }
    Ok(out)
}

fn flag(v: &Option<Value>) -> PyResult<bool> {
    match v {
        Some(v) => protocol::is_true(v),
        None => Ok(false),
    }
}

fn name_arg(func: &str, args: &Args<'_>, kw: Option<Value>) -> PyResult<Value> {
    let name = match (args.pos().first(), kw) {
        (Some(n), _) => n.clone(),
        (None, Some(n)) => n,
        (None, None) => {
            return Err(PyErr::type_error(format!(
                "{func}() missing required argument 'name' (pos 1)"
            )))
        }
    };
    if name.downcast::<crate::str::StrData>().is_none() {
        return Err(PyErr::type_error(format!(
            "{func}() argument 'name' must be str, not {}",
            name.type_data().name()
        )));
    }
    Ok(name)
}

fn variance(
    covariant: &Option<Value>,
    contravariant: &Option<Value>,
    infer: &Option<Value>,
) -> PyResult<(bool, bool, bool)> {
    let (co, contra, infer) = (flag(covariant)?, flag(contravariant)?, flag(infer)?);
    if co && contra {
        return Err(PyErr::value_error("Bivariant types are not supported."));
    }
    if infer && (co || contra) {
        return Err(PyErr::value_error(
            "Variance cannot be specified with infer_variance.",
        ));
    }
    Ok((co, contra, infer))
}

fn default_arg(v: Option<Value>) -> Lazy {
    match v {
        Some(v) if v.is(no_default()) => Lazy::default(),
        Some(v) => Lazy::known(Some(v)),
        None => Lazy::default(),
    }
}

fn bound_arg(v: Option<Value>) -> PyResult<Lazy> {
    match v {
        Some(b) if !protocol::is_none(&b) => {
            Ok(Lazy::known(Some(type_check(&b, "Bound must be a type.")?)))
        }
        _ => Ok(Lazy::default()),
    }
}

/// `TypeVar(name, *constraints, bound=None, covariant=False, contravariant=False,
/// infer_variance=False, default=NoDefault)`.
fn typevar_new(cls: &Value, args: Args<'_>) -> PyResult<Value> {
    let [name_kw, bound, co, contra, infer, default] = keywords(
        "TypeVar",
        &args,
        [
            "name",
            "bound",
            "covariant",
            "contravariant",
            "infer_variance",
            "default",
        ],
    )?;
    let name = name_arg("TypeVar", &args, name_kw)?;
    let var = variance(&co, &contra, &infer)?;
    let bound = bound_arg(bound)?;
    let constraints: Vec<Value> = args.pos().iter().skip(1).cloned().collect();
    let constraints = match constraints.len() {
        0 => Lazy::default(),
        1 => return Err(PyErr::type_error("A single constraint is not allowed")),
        _ if bound.is_set() => {
            return Err(PyErr::type_error(
                "Constraints cannot be combined with bound=...",
            ))
        }
        _ => Lazy::known(Some(crate::tuple::new(constraints))),
    };
    Ok(new_param(
        cls,
        ParamKind::TypeVar,
        name,
        (bound, constraints, default_arg(default)),
        var,
        Some(caller_module()),
    ))
}

/// `ParamSpec(name, *, bound=None, covariant=False, contravariant=False,
/// infer_variance=False, default=NoDefault)`.
fn paramspec_new(cls: &Value, args: Args<'_>) -> PyResult<Value> {
    let [name_kw, bound, co, contra, infer, default] = keywords(
        "ParamSpec",
        &args,
        [
            "name",
            "bound",
            "covariant",
            "contravariant",
            "infer_variance",
            "default",
        ],
    )?;
    if args.pos().len() > 1 {
        return Err(PyErr::type_error(format!(
            "ParamSpec() takes at most 1 positional argument ({} given)",
            args.pos().len()
        )));
    }
    let name = name_arg("ParamSpec", &args, name_kw)?;
    let var = variance(&co, &contra, &infer)?;
    let bound = bound_arg(bound)?;
    Ok(new_param(
        cls,
        ParamKind::ParamSpec,
        name,
        (bound, Lazy::default(), default_arg(default)),
        var,
        Some(caller_module()),
    ))
}

/// `TypeVarTuple(name, *, default=NoDefault)`.
fn typevartuple_new(cls: &Value, args: Args<'_>) -> PyResult<Value> {
    let [name_kw, default] = keywords("TypeVarTuple", &args, ["name", "default"])?;
    if args.pos().len() > 1 {
        return Err(PyErr::type_error(format!(
            "TypeVarTuple() takes at most 1 positional argument ({} given)",
            args.pos().len()
        )));
    }
    let name = name_arg("TypeVarTuple", &args, name_kw)?;
    Ok(new_param(
        cls,
        ParamKind::TypeVarTuple,
        name,
        (Lazy::default(), Lazy::default(), default_arg(default)),
        (false, false, false),
        Some(caller_module()),
    ))
}

fn typevartuple_iter(v: &Value) -> PyResult<Value> {
    let unpack = call_typing_attr("Unpack")?;
    let unpacked = protocol::getitem(&unpack, v)?;
    protocol::iter(&crate::tuple::new(vec![unpacked]))
}

fn get_name(v: &Value) -> PyResult<Value> {
    Ok(param_data(v)?.name.clone())
}

fn get_bound(v: &Value) -> PyResult<Value> {
    Ok(param_data(v)?.bound.get()?.unwrap_or_else(crate::none))
}

fn get_constraints(v: &Value) -> PyResult<Value> {
    Ok(param_data(v)?
        .constraints
        .get()?
        .unwrap_or_else(crate::tuple::empty))
}

fn get_default(v: &Value) -> PyResult<Value> {
    Ok(param_data(v)?
        .default
        .get()?
        .unwrap_or_else(|| no_default().clone()))
}

fn get_covariant(v: &Value) -> PyResult<Value> {
    Ok(crate::bool(param_data(v)?.covariant))
}

fn get_contravariant(v: &Value) -> PyResult<Value> {
    Ok(crate::bool(param_data(v)?.contravariant))
}

fn get_infer_variance(v: &Value) -> PyResult<Value> {
    Ok(crate::bool(param_data(v)?.infer_variance))
}

fn get_evaluate_default(v: &Value) -> PyResult<Value> {
    Ok(param_data(v)?
        .default
        .evaluate
        .borrow()
        .clone()
        .unwrap_or_else(crate::none))
}

fn has_default(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("has_default", 1, 1)?;
    Ok(crate::bool(param_data(&a[0])?.default.is_set()))
}

fn reduce(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("__reduce__", 1, 1)?;
    Ok(param_data(&a[0])?.name.clone())
}

fn mro_entries(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("__mro_entries__", 2, 2)?;
    Err(PyErr::type_error(format!(
        "Cannot subclass an instance of {}",
        a[0].type_data().name()
    )))
}

/// `T.__typing_subst__(arg)`.
fn typevar_subst(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("__typing_subst__", 2, 2)?;
    call_typing("_typevar_subst", &[a[0].clone(), a[1].clone()])
}

/// `T.__typing_prepare_subst__(alias, args)`: fills a missing last argument from the
/// parameter's default.
fn typevar_prepare_subst(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("__typing_prepare_subst__", 3, 3)?;
    let (this, alias, given) = (&a[0], &a[1], &a[2]);
    let params = protocol::getattr(alias, &intern("__parameters__"))?;
    let params = protocol::collect(&params)?;
    let i = params.iter().position(|p| p.is(this)).unwrap_or(0);
    let given_items = protocol::collect(given)?;
    if i < given_items.len() {
        return Ok(given.clone());
    }
    if i == given_items.len() {
        let d = param_data(this)?;
        if let Some(default) = d.default.get()? {
            let mut items = given_items;
            items.push(default);
            return Ok(crate::tuple::new(items));
        }
    }
    Err(PyErr::type_error(format!(
        "Too few arguments for {}; actual {}, expected at least {}",
        protocol::str_string(alias)?,
        given_items.len(),
        i + 1
    )))
}

fn paramspec_subst(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("__typing_subst__", 2, 2)?;
    call_typing("_paramspec_subst", &[a[0].clone(), a[1].clone()])
}

fn paramspec_prepare_subst(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("__typing_prepare_subst__", 3, 3)?;
    call_typing(
        "_paramspec_prepare_subst",
        &[a[0].clone(), a[1].clone(), a[2].clone()],
    )
}

fn typevartuple_subst(_args: Args<'_>) -> PyResult<Value> {
    Err(PyErr::type_error(
        "Substitution of bare TypeVarTuple is not supported",
    ))
}

fn typevartuple_prepare_subst(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("__typing_prepare_subst__", 3, 3)?;
    call_typing(
        "_typevartuple_prepare_subst",
        &[a[0].clone(), a[1].clone(), a[2].clone()],
    )
}

fn paramspec_args(v: &Value) -> PyResult<Value> {
    Ok(crate::object::alloc(
        paramspec_args_type(),
        ParamSpecAttr { origin: v.clone() },
    ))
}

fn paramspec_kwargs(v: &Value) -> PyResult<Value> {
    Ok(crate::object::alloc(
        paramspec_kwargs_type(),
        ParamSpecAttr { origin: v.clone() },
    ))
}

const PARAM_METHODS: &[MethodDef] = &[
    MethodDef::new("__name__", MethodKind::GetSet(get_name, None)),
    MethodDef::new("__default__", MethodKind::GetSet(get_default, None)),
    MethodDef::new(
        "evaluate_default",
        MethodKind::GetSet(get_evaluate_default, None),
    ),
    MethodDef::new("has_default", MethodKind::Method(has_default)),
    MethodDef::new("__reduce__", MethodKind::Method(reduce)),
    MethodDef::new("__mro_entries__", MethodKind::Method(mro_entries)),
];

const TYPEVAR_METHODS: &[MethodDef] = &[
    MethodDef::new("__bound__", MethodKind::GetSet(get_bound, None)),
    MethodDef::new("__constraints__", MethodKind::GetSet(get_constraints, None)),
    MethodDef::new("__covariant__", MethodKind::GetSet(get_covariant, None)),
    MethodDef::new(
        "__contravariant__",
        MethodKind::GetSet(get_contravariant, None),
    ),
    MethodDef::new(
        "__infer_variance__",
        MethodKind::GetSet(get_infer_variance, None),
    ),
    MethodDef::new("__typing_subst__", MethodKind::Method(typevar_subst)),
    MethodDef::new(
        "__typing_prepare_subst__",
        MethodKind::Method(typevar_prepare_subst),
    ),
];

const PARAMSPEC_METHODS: &[MethodDef] = &[
    MethodDef::new("__bound__", MethodKind::GetSet(get_bound, None)),
    MethodDef::new("__covariant__", MethodKind::GetSet(get_covariant, None)),
    MethodDef::new(
        "__contravariant__",
        MethodKind::GetSet(get_contravariant, None),
    ),
    MethodDef::new(
        "__infer_variance__",
        MethodKind::GetSet(get_infer_variance, None),
    ),
    MethodDef::new("args", MethodKind::GetSet(paramspec_args, None)),
    MethodDef::new("kwargs", MethodKind::GetSet(paramspec_kwargs, None)),
    MethodDef::new("__typing_subst__", MethodKind::Method(paramspec_subst)),
    MethodDef::new(
        "__typing_prepare_subst__",
        MethodKind::Method(paramspec_prepare_subst),
    ),
];

const TYPEVARTUPLE_METHODS: &[MethodDef] = &[
    MethodDef::new("__typing_subst__", MethodKind::Method(typevartuple_subst)),
    MethodDef::new(
        "__typing_prepare_subst__",
        MethodKind::Method(typevartuple_prepare_subst),
    ),
];

// ---------------------------------------------------------------------------------------
// ParamSpecArgs, ParamSpecKwargs

fn attr_data(v: &Value) -> PyResult<&ParamSpecAttr> {
    v.downcast::<ParamSpecAttr>()
        .ok_or_else(|| PyErr::type_error("descriptor requires a ParamSpec attribute"))
}

fn paramspec_attr_new(cls: &Value, args: Args<'_>) -> PyResult<Value> {
    let name = type_data(cls).map(|t| t.name()).unwrap_or_default();
    let a = args.exact(&name, 1, 1)?;
    Ok(crate::object::alloc(
        cls,
        ParamSpecAttr {
            origin: a[0].clone(),
        },
    ))
}

fn paramspec_attr_repr(v: &Value) -> PyResult<Value> {
    let d = attr_data(v)?;
    let suffix = if v.is_exact(paramspec_args_type()) {
        "args"
    } else {
        "kwargs"
    };
    let origin = match d.origin.downcast::<TypeParamData>() {
        Some(p) => text(&p.name),
        None => protocol::repr_string(&d.origin)?,
    };
    Ok(crate::str::from_string(format!("{origin}.{suffix}")))
}

fn paramspec_attr_richcompare(a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
    if !b.class().is(a.class()) || !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(crate::not_implemented());
    }
    protocol::rich_compare(&attr_data(a)?.origin, &attr_data(b)?.origin, op)
}

fn get_origin(v: &Value) -> PyResult<Value> {
    Ok(attr_data(v)?.origin.clone())
}

const PARAMSPEC_ATTR_METHODS: &[MethodDef] = &[
    MethodDef::new("__origin__", MethodKind::GetSet(get_origin, None)),
    MethodDef::new("__mro_entries__", MethodKind::Method(mro_entries)),
];

// ---------------------------------------------------------------------------------------
// TypeAliasType

fn alias_data(v: &Value) -> PyResult<&TypeAliasData> {
    v.downcast::<TypeAliasData>()
        .ok_or_else(|| PyErr::type_error("descriptor requires a 'typing.TypeAliasType' object"))
}

/// `TypeAliasType(name, value, *, type_params=())`.
fn alias_new(cls: &Value, args: Args<'_>) -> PyResult<Value> {
    let [name, value, type_params] =
        args.bind("typealias", ["name", "value", "type_params"], 2, 0, 2)?;
    let (Some(name), Some(value)) = (name, value) else {
        return Err(PyErr::type_error("typealias() missing required argument"));
    };
    if name.downcast::<crate::str::StrData>().is_none() {
        return Err(PyErr::type_error(format!(
            "typealias() argument 'name' must be str, not {}",
            name.type_data().name()
        )));
    }
    let type_params = match type_params {
        None => crate::tuple::empty(),
        Some(tp) => {
            let Some(items) = crate::tuple::items_of(&tp) else {
                return Err(PyErr::type_error("type_params must be a tuple"));
            };
            let mut seen_default = false;
            for p in items {
                let Some(d) = p.downcast::<TypeParamData>() else {
                    return Err(PyErr::type_error(format!(
                        "Expected a type param, got {}",
                        protocol::repr_string(p)?
                    )));
                };
                if d.default.is_set() {
                    seen_default = true;
                } else if seen_default {
                    return Err(PyErr::type_error(format!(
                        "non-default type parameter '{}' follows default type parameter",
                        protocol::repr_string(p)?
                    )));
                }
            }
            tp
        }
    };
    Ok(crate::object::alloc(
        cls,
        TypeAliasData {
            name,
            type_params,
            value: Lazy::known(Some(value)),
            module: caller_module(),
        },
    ))
}

fn alias_repr(v: &Value) -> PyResult<Value> {
    Ok(alias_data(v)?.name.clone())
}

fn alias_getitem(v: &Value, item: &Value) -> PyResult<Value> {
    let d = alias_data(v)?;
    if crate::tuple::items_of(&d.type_params).is_none_or(|t| t.is_empty()) {
        return Err(PyErr::type_error(
            "Only generic type aliases are subscriptable",
        ));
    }
    Ok(crate::genericalias::new(v.clone(), item.clone()))
}

fn alias_name(v: &Value) -> PyResult<Value> {
    Ok(alias_data(v)?.name.clone())
}

fn alias_value(v: &Value) -> PyResult<Value> {
    Ok(alias_data(v)?.value.get()?.unwrap_or_else(crate::none))
}

fn alias_evaluate_value(v: &Value) -> PyResult<Value> {
    let d = alias_data(v)?;
    let f = d.value.evaluate.borrow().clone();
    Ok(f.unwrap_or_else(crate::none))
}

fn alias_type_params(v: &Value) -> PyResult<Value> {
    Ok(alias_data(v)?.type_params.clone())
}

fn alias_parameters(v: &Value) -> PyResult<Value> {
    unpack_typevartuples(&alias_data(v)?.type_params)
}

/// An alias's `__module__` is its own (the type's dict says `typing`, for the type's repr).
fn alias_getattro(v: &Value, name: &Value) -> PyResult<Value> {
    if crate::str::text_of(name).as_deref() == Some("__module__") {
        return Ok(alias_data(v)?.module.clone());
    }
    protocol::generic_getattr(v, name)
}

fn alias_reduce(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("__reduce__", 1, 1)?;
    Ok(alias_data(&a[0])?.name.clone())
}

const ALIAS_METHODS: &[MethodDef] = &[
    MethodDef::new("__name__", MethodKind::GetSet(alias_name, None)),
    MethodDef::new("__value__", MethodKind::GetSet(alias_value, None)),
    MethodDef::new(
        "evaluate_value",
        MethodKind::GetSet(alias_evaluate_value, None),
    ),
    MethodDef::new(
        "__type_params__",
        MethodKind::GetSet(alias_type_params, None),
    ),
    MethodDef::new("__parameters__", MethodKind::GetSet(alias_parameters, None)),
    MethodDef::new("__reduce__", MethodKind::Method(alias_reduce)),
];

// ---------------------------------------------------------------------------------------
// Generic, NoDefault

fn generic_class_getitem(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("__class_getitem__", 2, 2)?;
    call_typing("_generic_class_getitem", &[a[0].clone(), a[1].clone()])
}

fn generic_init_subclass(args: Args<'_>) -> PyResult<Value> {
    let typing = (crate::hooks::get().import_module)("typing")?;
    let f = protocol::getattr(&typing, &intern("_generic_init_subclass"))?;
    protocol::call(&f, args)
}

const GENERIC_METHODS: &[MethodDef] = &[
    MethodDef::new(
        "__class_getitem__",
        MethodKind::Class(generic_class_getitem),
    ),
    MethodDef::new(
        "__init_subclass__",
        MethodKind::Class(generic_init_subclass),
    ),
];

fn no_default_new(_cls: &Value, args: Args<'_>) -> PyResult<Value> {
    if !args.values().is_empty() {
        return Err(PyErr::type_error("NoDefaultType takes no arguments"));
    }
    Ok(no_default().clone())
}
