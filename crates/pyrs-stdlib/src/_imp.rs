//! `_imp` (CPython's Python/import.c): what `importlib`'s pure-Python bootstrap asks of the
//! interpreter's import system.
//!
//! pyrs imports with its own machinery (`pyrs_vm::import`), not through `importlib`. So that
//! `importlib.import_module` and `importlib.__import__` find the same modules, this module
//! puts one finder on `sys.meta_path` when first imported, `_imp.PyrsImporter`: its
//! `find_spec` imports the module with pyrs's import system and describes it with a spec
//! whose loader hands back the module already made. Built-in modules are pyrs's native ones
//! (`create_builtin` makes them); pyrs has no frozen modules and loads no extension modules.

use pyrs_objects::args::Args;
use pyrs_objects::module::{new_module, ModuleData};
use pyrs_objects::native::{new_module_function, NativeFn};
use pyrs_objects::{list, protocol, str as pystr, PyErr, PyResult, Value};

/// The finder and loader put on `sys.meta_path`, in Python: it only adapts pyrs's import
/// system to the finder protocol `importlib._bootstrap` drives.
const IMPORTER_SOURCE: &str = r#"
class PyrsImporter:
    """Meta path finder and loader for pyrs's own import system."""

    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        try:
            module = _import_absolute(fullname)
        except ModuleNotFoundError as e:
            if e.name == fullname:
                return None
            raise
        import sys
        spec = getattr(module, '__spec__', None)
        if spec is not None:
            return spec
        bootstrap = sys.modules['importlib._bootstrap']
        is_package = hasattr(module, '__path__')
        spec = bootstrap.ModuleSpec(fullname, cls,
                                    origin=getattr(module, '__file__', None),
                                    is_package=is_package)
        if is_package:
            spec.submodule_search_locations = list(module.__path__)
        return spec

    @staticmethod
    def create_module(spec):
        import sys
        return sys.modules.get(spec.name)

    @staticmethod
    def exec_module(module):
        pass

    @classmethod
    def invalidate_caches(cls):
        pass
"#;

/// Makes the `_imp` module, and puts its finder on `sys.meta_path`.
pub(crate) fn init() -> PyResult<Value> {
    let module = new_module("_imp");
    let d = module
        .downcast::<ModuleData>()
        .ok_or_else(|| PyErr::system_error("_imp: not a module"))?
        .dict();
    let functions: &[(&'static str, NativeFn)] = &[
        ("acquire_lock", none),
        ("release_lock", none),
        ("lock_held", |_| Ok(pyrs_objects::bool(false))),
        ("is_builtin", is_builtin),
        ("create_builtin", create_builtin),
        ("exec_builtin", |_| Ok(pyrs_objects::Value::small(0))),
        ("exec_dynamic", |_| Ok(pyrs_objects::Value::small(0))),
        ("is_frozen", |_| Ok(pyrs_objects::bool(false))),
        ("is_frozen_package", |_| Ok(pyrs_objects::bool(false))),
        ("find_frozen", none),
        ("get_frozen_object", get_frozen_object),
        ("init_frozen", get_frozen_object),
        ("_fix_co_filename", none),
        ("extension_suffixes", |_| Ok(list::new(Vec::new()))),
        ("_override_frozen_modules_for_tests", none),
        ("_override_multi_interp_extensions_check", |_| {
            Ok(pyrs_objects::Value::small(-1))
        }),
        ("_import_absolute", import_absolute),
    ];
    for (name, f) in functions {
        d.set_str(name, new_module_function(name, *f, module.clone()));
    }
    d.set_str("check_hash_based_pycs", pystr::intern("never"));
    let exec = protocol::getattr_str(pyrs_vm::builtins::builtins_module(), "exec")?;
    protocol::call1(&exec, &[pystr::new(IMPORTER_SOURCE), d_value(&module)?])?;
    let importer = d
        .get_str(&pystr::intern("PyrsImporter"))
        .ok_or_else(|| PyErr::system_error("_imp: PyrsImporter missing"))?;
    protocol::setattr(
        &importer,
        &pystr::intern("__module__"),
        Some(&pystr::intern("_imp")),
    )?;
    let meta_path = match pyrs_vm::sys::get("meta_path") {
        Some(m) => m,
        None => {
            let m = list::new(Vec::new());
            pyrs_vm::sys::set("meta_path", m.clone());
            m
        }
    };
    protocol::call_method(&meta_path, "append", &[importer])?;
    for (name, value) in [
        ("path_hooks", list::new(Vec::new())),
        ("path_importer_cache", pyrs_objects::dict::new()),
    ] {
        if pyrs_vm::sys::get(name).is_none() {
            pyrs_vm::sys::set(name, value);
        }
    }
    Ok(module)
}

fn d_value(module: &Value) -> PyResult<Value> {
    module
        .downcast::<ModuleData>()
        .map(|m| m.dict.clone())
        .ok_or_else(|| PyErr::system_error("_imp: not a module"))
}

fn none(_args: Args<'_>) -> PyResult<Value> {
    Ok(pyrs_objects::none())
}

fn name_arg(args: &Args<'_>, func: &str) -> PyResult<String> {
    let a = args.exact(func, 1, 1)?;
    pystr::text_of(&a[0]).ok_or_else(|| {
        PyErr::type_error(format!(
            "{func}() argument must be str, not {}",
            a[0].type_data().name()
        ))
    })
}

/// `is_builtin(name)`: 1 for a native module, -1 for the two that cannot be initialised
/// again (`sys`, `builtins`), 0 otherwise.
fn is_builtin(args: Args<'_>) -> PyResult<Value> {
    let name = name_arg(&args, "is_builtin")?;
    if name == "sys" || name == "builtins" {
        return Ok(Value::small(-1));
    }
    let found = pyrs_vm::native_modules::names().contains(&name.as_str());
    Ok(Value::small(i64::from(found)))
}

/// `create_builtin(spec)`: the native module `spec.name`.
fn create_builtin(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("create_builtin", 1, 1)?;
    let name_value = protocol::getattr_str(&a[0], "name")?;
    let Some(name) = pystr::text_of(&name_value) else {
        return Err(PyErr::type_error(format!(
            "name must be string, not {}",
            name_value.type_data().name()
        )));
    };
    if let Some(m) = pyrs_vm::sys::modules_dict().get_item(&name_value)? {
        return Ok(m);
    }
    match pyrs_vm::native_modules::load(&name)? {
        Some(m) => Ok(m),
        None => Err(PyErr::new(
            pyrs_objects::ExcKind::ImportError,
            format!("no built-in module named {name}"),
        )),
    }
}

fn get_frozen_object(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("get_frozen_object", 1, 2)?;
    let name = protocol::repr_string(&a[0])?;
    Err(PyErr::new(
        pyrs_objects::ExcKind::ImportError,
        format!("No such frozen object named {name}"),
    ))
}

fn import_absolute(args: Args<'_>) -> PyResult<Value> {
    let name = name_arg(&args, "_import_absolute")?;
    pyrs_vm::import::import_absolute(&name)
}
