//! The `module` type (CPython's Objects/moduleobject.c): a namespace dict with attribute
//! access, `__getattr__` at module level (PEP 562) and CPython's error messages.

use std::sync::OnceLock;

use crate::args::Args;
use crate::dict::DictData;
use crate::error::{PyErr, PyResult};
use crate::exceptions::ExcKind;
use crate::native::{MethodDef, MethodKind};
use crate::object::Payload;
use crate::protocol;
use crate::typeobject::TypeBuilder;
use crate::value::Value;
use crate::SyncCell;

/// The payload of a module: its namespace.
pub struct ModuleData {
    /// `__dict__`.
    pub dict: Value,
    /// The name it was created with (CPython's `md_name`), which `__name__` may stop being.
    name: std::cell::RefCell<Option<Value>>,
}

/// Called with a module's name when a module object is freed: under `-v` the VM prints
/// CPython's `# destroy NAME` (`module_dealloc`). It must not run Python code.
static ON_DEALLOC: OnceLock<fn(&Value)> = OnceLock::new();

/// Sets the function told of each module freed (once; later calls are ignored).
pub fn set_dealloc_hook(hook: fn(&Value)) {
    let _ = ON_DEALLOC.set(hook);
}

impl Drop for ModuleData {
    fn drop(&mut self) {
        if let (Some(hook), Some(name)) = (ON_DEALLOC.get(), self.name.get_mut().as_ref()) {
            hook(name);
        }
    }
}

impl Payload for ModuleData {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.dict);
    }
}

impl ModuleData {
    /// The namespace.
    pub fn dict(&self) -> &DictData {
        self.dict
            .downcast::<DictData>()
            .expect("a module's dict is a dict")
    }
}

static TYPE: OnceLock<SyncCell<Value>> = OnceLock::new();

/// The `module` type.
pub fn module_type() -> &'static Value {
    &TYPE
        .get_or_init(|| {
            SyncCell(
                TypeBuilder::new::<ModuleData>("module")
                    .flags(crate::typeobject::TypeFlags::MANAGED_WEAKREF)
                    .subclassable()
                    .slots(|s| {
                        s.getattro.set(Some(module_getattro));
                        s.setattro.set(Some(module_setattro));
                        s.repr.set(Some(module_repr));
                        s.new.set(Some(module_new));
                        s.init.set(Some(module_init));
                    })
                    .methods(MODULE_METHODS)
                    .build(),
            )
        })
        .0
}

/// A new module named `name` with an empty namespace (holding `__name__`, `__doc__`
/// (None), `__package__`, `__loader__` and `__spec__` as CPython sets them).
pub fn new_module(name: &str) -> Value {
    let dict = crate::dict::new();
    let name = crate::str::new(name);
    init_namespace(&dict, name.clone(), crate::none());
    crate::object::alloc(
        module_type(),
        ModuleData {
            dict,
            name: std::cell::RefCell::new(Some(name)),
        },
    )
}

fn init_namespace(dict: &Value, name: Value, doc: Value) {
    let d = dict.downcast::<DictData>().expect("dict");
    d.set_str("__name__", name);
    d.set_str("__doc__", doc);
    d.set_str("__package__", crate::none());
    d.set_str("__loader__", crate::none());
    d.set_str("__spec__", crate::none());
}

fn data(m: &Value) -> PyResult<&ModuleData> {
    m.downcast::<ModuleData>()
        .ok_or_else(|| PyErr::system_error("bad module"))
}

fn module_name(m: &ModuleData) -> Option<String> {
    m.dict()
        .get_str(&crate::str::intern("__name__"))
        .and_then(|n| crate::str::text_of(&n))
}

fn module_getattro(m: &Value, name: &Value) -> PyResult<Value> {
    // The module dict comes before the type's non-data attributes (`__doc__`), as an
    // instance dict does.
    let is_data_descriptor = m
        .type_data()
        .lookup(name)
        .is_some_and(|a| a.type_data().slots.descr_set.get().is_some());
    if !is_data_descriptor {
        if let Some(v) = data(m)?.dict().get_str(name) {
            return Ok(v);
        }
    }
    match protocol::generic_getattr(m, name) {
        Err(e) if e.is(ExcKind::AttributeError) => {
            let d = data(m)?;
            if let Some(v) = d.dict().get_str(name) {
                return Ok(v);
            }
            if let Some(hook) = d.dict().get_str(&crate::str::intern("__getattr__")) {
                return protocol::call1(&hook, std::slice::from_ref(name));
            }
            let attr = crate::str::text_of(name).unwrap_or_default();
            let err = match module_name(d) {
                Some(mn) => {
                    PyErr::attribute_error(format!("module '{mn}' has no attribute '{attr}'"))
                }
                None => PyErr::attribute_error(format!("module has no attribute '{attr}'")),
            };
            protocol::set_attribute_error_context(&err, m, name);
            Err(err)
        }
        other => other,
    }
}

fn module_setattro(m: &Value, name: &Value, value: Option<&Value>) -> PyResult<()> {
    let ty = m.type_data();
    if let Some(descr) = ty.lookup(name) {
        if let Some(set) = descr.type_data().slots.descr_set.get() {
            return set(&descr, m, value);
        }
    }
    let d = data(m)?;
    let key = crate::str::intern_value(name);
    match value {
        Some(v) => d.dict().set_item(key, v.clone()),
        None => match d.dict().del_item(&key)? {
            Some(_) => Ok(()),
            None => {
                let attr = crate::str::text_of(name).unwrap_or_default();
                Err(PyErr::attribute_error(format!(
                    "module '{}' has no attribute '{attr}'",
                    module_name(d).unwrap_or_default()
                )))
            }
        },
    }
}

fn module_repr(m: &Value) -> PyResult<Value> {
    let d = data(m)?;
    // As CPython: importlib's `_module_repr` (from the spec: "(built-in)", "(frozen)",
    // "(namespace) from [...]", "from 'file'"), once the import system is running.
    if let Ok(bootstrap) = (crate::hooks::get().import_module)("_frozen_importlib") {
        if let Some(f) = protocol::getattr_opt(&bootstrap, &crate::str::intern("_module_repr"))? {
            return protocol::call1(&f, std::slice::from_ref(m));
        }
    }
    let name = module_name(d).unwrap_or_else(|| "?".to_string());
    let file = d
        .dict()
        .get_str(&crate::str::intern("__file__"))
        .and_then(|f| crate::str::text_of(&f));
    if let Some(f) = file {
        return Ok(crate::str::new(&format!("<module '{name}' from '{f}'>")));
    }
    // Without a file: a native module is "(built-in)" (its spec's origin in CPython); a
    // module made by `types.ModuleType` shows its loader, if any.
    let builtin = (crate::hooks::get().import_module)("sys")
        .and_then(|sys| protocol::getattr(&sys, &crate::str::intern("builtin_module_names")))
        .and_then(|names| protocol::contains(&names, &crate::str::new(&name)))
        .unwrap_or(false);
    if builtin {
        return Ok(crate::str::new(&format!("<module '{name}' (built-in)>")));
    }
    let loader = d.dict().get_str(&crate::str::intern("__loader__"));
    Ok(crate::str::new(&match loader {
        Some(l) if !protocol::is_none(&l) => {
            format!("<module '{name}' ({})>", protocol::repr_string(&l)?)
        }
        _ => format!("<module '{name}'>"),
    }))
}

fn module_new(cls: &Value, _args: Args<'_>) -> PyResult<Value> {
    Ok(crate::object::alloc(
        cls,
        ModuleData {
            dict: crate::dict::new(),
            name: std::cell::RefCell::new(None),
        },
    ))
}

fn module_init(m: &Value, args: Args<'_>) -> PyResult<()> {
    let [name, doc] = args.bind("module", ["name", "doc"], 1, 0, 2)?;
    let name = name.expect("required");
    if name.downcast::<crate::str::StrData>().is_none() {
        return Err(PyErr::type_error(format!(
            "module.__init__() argument 'name' must be str, not {}",
            name.type_data().name()
        )));
    }
    let d = data(m)?;
    if name.is_exact(&crate::types().str) {
        // A plain str becomes the module's own name (not a subclass, as CPython).
        let old = d.name.replace(Some(name.clone()));
        drop(old);
    }
    init_namespace(&d.dict, name, doc.unwrap_or_else(crate::none));
    Ok(())
}

fn module_dict(m: &Value) -> PyResult<Value> {
    Ok(data(m)?.dict.clone())
}

/// `module.__dir__()`: the module dict's `__dir__` function when it has one, else its keys.
fn module_dir(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("__dir__", 1, 1)?;
    let d = data(&a[0])?.dict();
    if let Some(f) = d.get_str(&crate::str::intern("__dir__")) {
        return crate::protocol::call1(&f, &[]);
    }
    Ok(crate::list::new(d.keys()))
}

const MODULE_METHODS: &[MethodDef] = &[
    MethodDef::new("__dict__", MethodKind::GetSet(module_dict, None)),
    MethodDef::new("__dir__", MethodKind::Method(module_dir)),
];
