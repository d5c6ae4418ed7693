//! `_contextvars` (CPython's Python/context.c and Modules/_contextvarsmodule.c): `ContextVar`,
//! `Token`, `Context` and `copy_context`.
//!
//! A context maps variables to values and behaves as an immutable mapping: setting a
//! variable gives the current context a new dict (copied from the old one) rather than
//! changing the one a copy may share, which is what CPython's persistent hash map gives.
//! There is one current context, pyrs running Python on one thread.

use std::cell::{Cell, RefCell};
use std::sync::OnceLock;

use pyrs_objects::args::Args;
use pyrs_objects::dict::{self, DictData};
use pyrs_objects::module::{new_module, ModuleData};
use pyrs_objects::native::{new_module_function, MethodDef, MethodKind};
use pyrs_objects::object::{alloc, Payload};
use pyrs_objects::typeobject::{CompareOp, TypeBuilder};
use pyrs_objects::{list, protocol, str as pystr, ExcKind, PyErr, PyResult, SyncCell, Value};

/// The payload of a `ContextVar`.
pub(crate) struct ContextVarData {
    name: Value,
    default: Option<Value>,
}

impl Payload for ContextVarData {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.name);
        if let Some(default) = &self.default {
            visit(default);
        }
    }
}

/// The payload of a `Token`.
pub(crate) struct TokenData {
    var: Value,
    old: Option<Value>,
    context: Value,
    used: Cell<bool>,
}

impl Payload for TokenData {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.var);
        if let Some(old) = &self.old {
            visit(old);
        }
        visit(&self.context);
    }
}

/// The payload of a `Context`: its variables (a dict never changed once shared) and
/// whether it is running.
pub(crate) struct ContextData {
    vars: RefCell<Value>,
    entered: Cell<bool>,
}

impl Payload for ContextData {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        if let Ok(vars) = self.vars.try_borrow() {
            visit(&vars);
        }
    }
}

/// The payload of `Token.MISSING`.
pub(crate) struct Missing;

impl Payload for Missing {}

struct Types {
    var: Value,
    token: Value,
    context: Value,
    missing: Value,
}

static TYPES: OnceLock<SyncCell<Types>> = OnceLock::new();

fn types() -> &'static Types {
    &TYPES
        .get_or_init(|| {
            let missing_type = TypeBuilder::new::<Missing>("Token.MISSING")
                .module("_contextvars")
                .slots(|s| s.repr.set(Some(|_| Ok(pystr::new("<Token.MISSING>")))))
                .build();
            let missing = alloc(&missing_type, Missing);
            let token = TypeBuilder::new::<TokenData>("Token")
                .module("_contextvars")
                .slots(|s| {
                    s.repr.set(Some(token_repr));
                    s.new.set(Some(|_, _| {
                        Err(PyErr::runtime_error(
                            "Tokens can only be created by ContextVars",
                        ))
                    }));
                })
                .methods(TOKEN_METHODS)
                .build();
            if let Some(t) = pyrs_objects::typeobject::type_data(&token) {
                if let Some(d) = t.dict().downcast::<DictData>() {
                    d.set_str("MISSING", missing.clone());
                }
            }
            SyncCell(Types {
                var: TypeBuilder::new::<ContextVarData>("ContextVar")
                    .module("_contextvars")
                    .slots(|s| {
                        s.repr.set(Some(var_repr));
                        s.new.set(Some(var_new));
                        s.hash.set(Some(|v| Ok(protocol::identity_hash(v))));
                    })
                    .methods(VAR_METHODS)
                    .build(),
                token,
                context: TypeBuilder::new::<ContextData>("Context")
                    .module("_contextvars")
                    .unhashable()
                    .slots(|s| {
                        s.hash.set(Some(|_| {
                            Err(PyErr::type_error("unhashable type: '_contextvars.Context'"))
                        }));
                        s.new.set(Some(context_new));
                        s.getitem.set(Some(context_getitem));
                        s.contains.set(Some(context_contains));
                        s.len.set(Some(|v| Ok(vars_of(v)?.len())));
                        s.iter
                            .set(Some(|v| protocol::iter(&list::new(vars_of(v)?.keys()))));
                        s.richcompare.set(Some(context_richcompare));
                    })
                    .methods(CONTEXT_METHODS)
                    .build(),
                missing,
            })
        })
        .0
}

/// Makes the `_contextvars` module.
pub(crate) fn init() -> PyResult<Value> {
    let module = new_module("_contextvars");
    let d = module
        .downcast::<ModuleData>()
        .ok_or_else(|| PyErr::system_error("_contextvars: not a module"))?
        .dict();
    let t = types();
    d.set_str("ContextVar", t.var.clone());
    d.set_str("Token", t.token.clone());
    d.set_str("Context", t.context.clone());
    d.set_str(
        "copy_context",
        new_module_function("copy_context", copy_context, module.clone()),
    );
    Ok(module)
}

static CURRENT: SyncCell<RefCell<Option<Value>>> = SyncCell(RefCell::new(None));

fn new_context(vars: Value) -> Value {
    alloc(
        &types().context,
        ContextData {
            vars: RefCell::new(vars),
            entered: Cell::new(false),
        },
    )
}

/// The current context (made empty on first use).
fn current() -> Value {
    let existing = CURRENT.0.borrow().clone();
    match existing {
        Some(c) => c,
        None => {
            let c = new_context(dict::new());
            *CURRENT.0.borrow_mut() = Some(c.clone());
            c
        }
    }
}

fn context_data(v: &Value) -> PyResult<&ContextData> {
    v.downcast::<ContextData>()
        .ok_or_else(|| PyErr::type_error("a Context was expected"))
}

/// The context's variables (the dict itself: callers must not change it).
fn vars_value(v: &Value) -> PyResult<Value> {
    Ok(context_data(v)?.vars.borrow().clone())
}

fn vars_of(v: &Value) -> PyResult<DictCopy> {
    Ok(DictCopy(vars_value(v)?))
}

/// A context's dict, read through [`DictData`].
struct DictCopy(Value);

impl DictCopy {
    fn data(&self) -> &DictData {
        self.0
            .downcast::<DictData>()
            .expect("a context's variables are a dict")
    }
    fn len(&self) -> usize {
        self.data().len()
    }
    fn keys(&self) -> Vec<Value> {
        self.data().keys()
    }
}

fn copy_context(args: Args<'_>) -> PyResult<Value> {
    args.exact("copy_context", 0, 0)?;
    Ok(new_context(vars_value(&current())?))
}

fn check_var(key: &Value) -> PyResult<()> {
    if key.downcast::<ContextVarData>().is_none() {
        return Err(PyErr::type_error(format!(
            "a ContextVar key was expected, got {}",
            protocol::repr_string(key)?
        )));
    }
    Ok(())
}

fn context_new(_cls: &Value, args: Args<'_>) -> PyResult<Value> {
    if !args.values().is_empty() {
        return Err(PyErr::type_error("Context() does not accept any arguments"));
    }
    Ok(new_context(dict::new()))
}

fn context_getitem(v: &Value, key: &Value) -> PyResult<Value> {
    check_var(key)?;
    match vars_of(v)?.data().get_item(key)? {
        Some(x) => Ok(x),
        None => Err(PyErr::key_error(key.clone())),
    }
}

fn context_contains(v: &Value, key: &Value) -> PyResult<bool> {
    check_var(key)?;
    Ok(vars_of(v)?.data().get_item(key)?.is_some())
}

fn context_richcompare(a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) || b.downcast::<ContextData>().is_none() {
        return Ok(pyrs_objects::not_implemented());
    }
    protocol::rich_compare(&vars_value(a)?, &vars_value(b)?, op)
}

static CONTEXT_METHODS: &[MethodDef] = &[
    MethodDef::new("run", MethodKind::Method(context_run)),
    MethodDef::new("copy", MethodKind::Method(context_copy)),
    MethodDef::new("get", MethodKind::Method(context_get)),
    MethodDef::new("keys", MethodKind::Method(context_keys)),
    MethodDef::new("values", MethodKind::Method(context_values)),
    MethodDef::new("items", MethodKind::Method(context_items)),
];

fn self_context<'a>(args: &Args<'a>, method: &str) -> PyResult<&'a Value> {
    let this = args
        .pos()
        .first()
        .ok_or_else(|| PyErr::type_error(format!("{method}() needs an argument")))?;
    protocol::self_payload::<ContextData>(this, method, "_contextvars.Context")?;
    Ok(this)
}

fn context_run(args: Args<'_>) -> PyResult<Value> {
    let this = self_context(&args, "run")?;
    let rest = args.skip_first();
    let Some(callable) = rest.pos().first() else {
        return Err(PyErr::type_error(
            "run() missing 1 required positional argument",
        ));
    };
    let data = context_data(this)?;
    if data.entered.get() {
        return Err(PyErr::runtime_error(format!(
            "cannot enter context: {} is already entered",
            protocol::repr_string(this)?
        )));
    }
    data.entered.set(true);
    let previous = CURRENT.0.replace(Some(this.clone()));
    let result = protocol::call(callable, rest.skip_first());
    let _ = CURRENT.0.replace(previous);
    data.entered.set(false);
    result
}

fn context_copy(args: Args<'_>) -> PyResult<Value> {
    let this = self_context(&args, "copy")?;
    args.exact("copy", 1, 1)?;
    Ok(new_context(vars_value(this)?))
}

fn context_get(args: Args<'_>) -> PyResult<Value> {
    let this = self_context(&args, "get")?;
    let a = args.exact("get", 2, 3)?;
    check_var(&a[1])?;
    Ok(vars_of(this)?
        .data()
        .get_item(&a[1])?
        .or_else(|| a.get(2).cloned())
        .unwrap_or_else(pyrs_objects::none))
}

fn context_keys(args: Args<'_>) -> PyResult<Value> {
    let this = self_context(&args, "keys")?;
    protocol::call_method(&vars_value(this)?, "keys", &[])
}

fn context_values(args: Args<'_>) -> PyResult<Value> {
    let this = self_context(&args, "values")?;
    protocol::call_method(&vars_value(this)?, "values", &[])
}

fn context_items(args: Args<'_>) -> PyResult<Value> {
    let this = self_context(&args, "items")?;
    protocol::call_method(&vars_value(this)?, "items", &[])
}

// ---------------------------------------------------------------------------------------
// ContextVar

fn var_new(cls: &Value, args: Args<'_>) -> PyResult<Value> {
    let pos = args.pos();
    if pos.len() != 1 {
        return Err(PyErr::type_error(format!(
            "ContextVar() takes exactly 1 positional argument ({} given)",
            pos.len()
        )));
    }
    let mut default = None;
    for (name, value) in args.kwargs() {
        match pystr::text_of(name).as_deref() {
            Some("default") => default = Some(value.clone()),
            other => {
                return Err(PyErr::type_error(format!(
                    "ContextVar() got an unexpected keyword argument '{}'",
                    other.unwrap_or_default()
                )))
            }
        }
    }
    if pystr::text_of(&pos[0]).is_none() {
        return Err(PyErr::type_error("context variable name must be a str"));
    }
    Ok(alloc(
        cls,
        ContextVarData {
            name: pos[0].clone(),
            default,
        },
    ))
}

fn var_repr(v: &Value) -> PyResult<Value> {
    let data = protocol::self_payload::<ContextVarData>(v, "__repr__", "_contextvars.ContextVar")?;
    let mut text = format!("<ContextVar name={}", protocol::repr_string(&data.name)?);
    if let Some(d) = &data.default {
        text.push_str(&format!(" default={}", protocol::repr_string(d)?));
    }
    text.push_str(&format!(" at {:#x}>", v.word()));
    Ok(pystr::new(&text))
}

static VAR_METHODS: &[MethodDef] = &[
    MethodDef::new("name", MethodKind::GetSet(var_name, None)),
    MethodDef::new("get", MethodKind::Method(var_get)),
    MethodDef::new("set", MethodKind::Method(var_set)),
    MethodDef::new("reset", MethodKind::Method(var_reset)),
    MethodDef::new(
        "__class_getitem__",
        MethodKind::Class(pyrs_objects::genericalias::class_getitem),
    ),
];

fn var_name(v: &Value) -> PyResult<Value> {
    let data = protocol::self_payload::<ContextVarData>(v, "name", "_contextvars.ContextVar")?;
    Ok(data.name.clone())
}

fn self_var<'a>(args: &Args<'a>, method: &str) -> PyResult<(&'a Value, &'a ContextVarData)> {
    let this = args
        .pos()
        .first()
        .ok_or_else(|| PyErr::type_error(format!("{method}() needs an argument")))?;
    let data = protocol::self_payload::<ContextVarData>(this, method, "_contextvars.ContextVar")?;
    Ok((this, data))
}

fn var_get(args: Args<'_>) -> PyResult<Value> {
    let (this, data) = self_var(&args, "get")?;
    let a = args.skip_first().exact("get", 0, 1)?;
    if let Some(v) = vars_of(&current())?.data().get_item(this)? {
        return Ok(v);
    }
    if let Some(d) = a.first() {
        return Ok(d.clone());
    }
    if let Some(d) = &data.default {
        return Ok(d.clone());
    }
    Err(PyErr::with_args(ExcKind::LookupError, vec![this.clone()]))
}

/// Gives the current context a new dict: the old one with `var` set to `value` (or
/// removed, for `None`).
fn replace_var(context: &Value, var: &Value, value: Option<Value>) -> PyResult<()> {
    let old = vars_value(context)?;
    let copy = old
        .downcast::<DictData>()
        .expect("a context's variables are a dict")
        .copy();
    match value {
        Some(v) => copy.set_item(var.clone(), v)?,
        None => {
            copy.del_item(var)?;
        }
    }
    let new = alloc(&pyrs_objects::types().dict, copy);
    let replaced = context_data(context)?.vars.replace(new);
    drop(replaced);
    Ok(())
}

fn var_set(args: Args<'_>) -> PyResult<Value> {
    let (this, _) = self_var(&args, "set")?;
    let a = args.skip_first().exact("set", 1, 1)?;
    let context = current();
    let old = vars_of(&context)?.data().get_item(this)?;
    replace_var(&context, this, Some(a[0].clone()))?;
    Ok(alloc(
        &types().token,
        TokenData {
            var: this.clone(),
            old,
            context,
            used: Cell::new(false),
        },
    ))
}

fn var_reset(args: Args<'_>) -> PyResult<Value> {
    let (this, _) = self_var(&args, "reset")?;
    let a = args.skip_first().exact("reset", 1, 1)?;
    let Some(token) = a[0].downcast::<TokenData>() else {
        return Err(PyErr::type_error(format!(
            "expected an instance of Token, got {}",
            protocol::repr_string(&a[0])?
        )));
    };
    if token.used.get() {
        return Err(PyErr::runtime_error(format!(
            "{} has already been used once",
            protocol::repr_string(&a[0])?
        )));
    }
    if !token.var.is(this) {
        return Err(PyErr::value_error(format!(
            "{} was created by a different ContextVar",
            protocol::repr_string(&a[0])?
        )));
    }
    let context = current();
    if !token.context.is(&context) {
        return Err(PyErr::value_error(format!(
            "{} was created in a different Context",
            protocol::repr_string(&a[0])?
        )));
    }
    token.used.set(true);
    replace_var(&context, this, token.old.clone())?;
    Ok(pyrs_objects::none())
}

// ---------------------------------------------------------------------------------------
// Token

static TOKEN_METHODS: &[MethodDef] = &[
    MethodDef::new("var", MethodKind::GetSet(token_var, None)),
    MethodDef::new("old_value", MethodKind::GetSet(token_old_value, None)),
    MethodDef::new(
        "__class_getitem__",
        MethodKind::Class(pyrs_objects::genericalias::class_getitem),
    ),
];

fn token_var(v: &Value) -> PyResult<Value> {
    let t = protocol::self_payload::<TokenData>(v, "var", "_contextvars.Token")?;
    Ok(t.var.clone())
}

fn token_old_value(v: &Value) -> PyResult<Value> {
    let t = protocol::self_payload::<TokenData>(v, "old_value", "_contextvars.Token")?;
    Ok(t.old.clone().unwrap_or_else(|| types().missing.clone()))
}

fn token_repr(v: &Value) -> PyResult<Value> {
    let t = protocol::self_payload::<TokenData>(v, "__repr__", "_contextvars.Token")?;
    let used = if t.used.get() { " used" } else { "" };
    Ok(pystr::new(&format!(
        "<Token{used} var={} at {:#x}>",
        protocol::repr_string(&t.var)?,
        v.word()
    )))
}
