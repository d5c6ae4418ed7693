//! The import system (CPython's Python/import.c and Lib/importlib/_bootstrap.py, reduced to
//! what .py files need): `import a.b`, `from . import c`, packages with `__init__.py`,
//! `sys.modules` caching and `sys.path` search.

use std::path::{Path, PathBuf};

use pyrs_objects::dict::DictData;
use pyrs_objects::module::ModuleData;
use pyrs_objects::{protocol, str as pystr, tuple, ExcKind, PyErr, PyResult, Value};

use crate::frame::Frame;

fn module_not_found(name: &str) -> PyErr {
    let err = PyErr::new(
        ExcKind::ModuleNotFoundError,
        format!("No module named '{name}'"),
    );
    set_attr(&err, "name", pystr::new(name));
    err
}

fn set_attr(err: &PyErr, key: &str, value: Value) {
    pyrs_objects::exceptions::set_attr(err.value(), key, value);
}

fn globals_get(globals: &Value, key: &str) -> Option<Value> {
    globals
        .downcast::<DictData>()
        .and_then(|d| d.get_str(&pystr::intern(key)))
        .filter(|v| !protocol::is_none(v))
}

/// The package a relative import in a module with these globals is relative to.
fn package_of(globals: &Value) -> PyResult<String> {
    if let Some(p) = globals_get(globals, "__package__") {
        return pystr::text_of(&p).ok_or_else(|| PyErr::type_error("package must be a string"));
    }
    let name = globals_get(globals, "__name__")
        .and_then(|n| pystr::text_of(&n))
        .ok_or_else(|| {
            PyErr::new(
                ExcKind::ImportError,
                "attempted relative import with no known parent package",
            )
        })?;
    if globals_get(globals, "__path__").is_some() {
        return Ok(name);
    }
    Ok(match name.rfind('.') {
        Some(i) => name[..i].to_string(),
        None => String::new(),
    })
}

/// The absolute name of `name` imported at `level`.
fn resolve_name(name: &str, globals: &Value, level: usize) -> PyResult<String> {
    if level == 0 {
        return Ok(name.to_string());
    }
    let package = package_of(globals)?;
    if package.is_empty() {
        return Err(PyErr::new(
            ExcKind::ImportError,
            "attempted relative import with no known parent package",
        ));
    }
    let mut parts: Vec<&str> = package.split('.').collect();
    if parts.len() < level {
        return Err(PyErr::new(
            ExcKind::ImportError,
            "attempted relative import beyond top-level package",
        ));
    }
    parts.truncate(parts.len() - (level - 1));
    let base = parts.join(".");
    Ok(if name.is_empty() {
        base
    } else {
        format!("{base}.{name}")
    })
}

/// `IMPORT_NAME`: `__import__(name, globals, locals, fromlist, level)`.
pub fn import_name(
    frame: &Frame,
    name: &Value,
    fromlist: &Value,
    level: &Value,
) -> PyResult<Value> {
    let import = frame
        .builtins
        .downcast::<DictData>()
        .and_then(|b| b.get_str(&pystr::intern("__import__")));
    let is_builtin = import.as_ref().is_none_or(|f| {
        f.downcast::<pyrs_objects::native::BuiltinFunction>()
            .is_some_and(|b| std::ptr::eq(b.func as *const (), builtin_import as *const ()))
    });
    if !is_builtin {
        let locals = frame.locals.clone().unwrap_or_else(pyrs_objects::none);
        return protocol::call1(
            &import.expect("checked"),
            &[
                name.clone(),
                frame.globals.clone(),
                locals,
                fromlist.clone(),
                level.clone(),
            ],
        );
    }
    let level = pyrs_objects::int::as_i64(level).unwrap_or(0).max(0) as usize;
    import_module_level(name, &frame.globals, fromlist, level)
}

/// The heart of `__import__`.
pub fn import_module_level(
    name: &Value,
    globals: &Value,
    fromlist: &Value,
    level: usize,
) -> PyResult<Value> {
    let name_text =
        pystr::text_of(name).ok_or_else(|| PyErr::type_error("module name must be str"))?;
    if level == 0 && name_text.is_empty() {
        return Err(PyErr::value_error("Empty module name"));
    }
    let absolute = resolve_name(&name_text, globals, level)?;
    let module = import_absolute(&absolute)?;
    let has_fromlist = !protocol::is_none(fromlist) && protocol::is_true(fromlist)?;
    if !has_fromlist {
        if level == 0 {
            let top = absolute.split('.').next().unwrap_or(&absolute);
            return lookup_module(top).ok_or_else(|| module_not_found(top));
        }
        if name_text.is_empty() {
            return Ok(module);
        }
        let cut = absolute.len() - name_text.len();
        let top = format!(
            "{}{}",
            &absolute[..cut],
            name_text.split('.').next().unwrap_or("")
        );
        return lookup_module(&top).ok_or_else(|| module_not_found(&top));
    }
    // `from package import submodule`: import what the fromlist names, when it is a
    // submodule not yet loaded.
    if module_path(&module).is_some() {
        for item in protocol::collect(fromlist)? {
            let Some(item) = pystr::text_of(&item) else {
                continue;
            };
            if item == "*" {
                if let Some(all) = protocol::getattr_opt(&module, &pystr::intern("__all__"))? {
                    for sub in protocol::collect(&all)? {
                        if let Some(sub) = pystr::text_of(&sub) {
                            ensure_submodule(&module, &absolute, &sub)?;
                        }
                    }
                }
                continue;
            }
            ensure_submodule(&module, &absolute, &item)?;
        }
    }
    Ok(module)
}

fn ensure_submodule(module: &Value, absolute: &str, item: &str) -> PyResult<()> {
    if protocol::getattr_opt(module, &pystr::intern(item))?.is_none() {
        let full = format!("{absolute}.{item}");
        match import_absolute(&full) {
            Ok(_) => {}
            Err(e)
                if e.is(ExcKind::ModuleNotFoundError)
                    && error_name(&e).as_deref() == Some(&full) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

fn error_name(e: &PyErr) -> Option<String> {
    protocol::getattr_opt(e.value(), &pystr::intern("name"))
        .ok()
        .flatten()
        .and_then(|n| pystr::text_of(&n))
}

fn lookup_module(name: &str) -> Option<Value> {
    crate::sys::modules_dict().get_str(&pystr::new(name))
}

fn module_path(module: &Value) -> Option<Vec<PathBuf>> {
    let d = module.downcast::<ModuleData>()?;
    let path = d.dict().get_str(&pystr::intern("__path__"))?;
    let items = protocol::collect(&path).ok()?;
    Some(
        items
            .iter()
            .filter_map(pystr::text_of)
            .map(PathBuf::from)
            .collect(),
    )
}

/// Imports a module by absolute dotted name, its parents first.
pub fn import_absolute(name: &str) -> PyResult<Value> {
    if let Some(m) = lookup_module(name) {
        if protocol::is_none(&m) {
            return Err(module_not_found(name));
        }
        return Ok(m);
    }
    let (parent, last) = match name.rfind('.') {
        Some(i) => (Some(&name[..i]), &name[i + 1..]),
        None => (None, name),
    };
    let search: Vec<PathBuf> = match parent {
        Some(p) => {
            let pm = import_absolute(p)?;
            // Importing the parent may have imported this module.
            if let Some(m) = lookup_module(name) {
                return Ok(m);
            }
            match module_path(&pm) {
                Some(paths) => paths,
                None => {
                    let err = PyErr::new(
                        ExcKind::ModuleNotFoundError,
                        format!("No module named '{name}'; '{p}' is not a package"),
                    );
                    set_attr(&err, "name", pystr::new(name));
                    return Err(err);
                }
            }
        }
        None => {
            if let Some(m) = crate::native_modules::load(name)? {
                return Ok(m);
            }
            sys_path()
        }
    };
    for dir in &search {
        let package_init = dir.join(last).join("__init__.py");
        if package_init.is_file() {
            let m = load_source(name, &package_init, Some(dir.join(last)))?;
            bind_in_parent(parent, last, &m)?;
            return Ok(m);
        }
        let file = dir.join(format!("{last}.py"));
        if file.is_file() {
            let m = load_source(name, &file, None)?;
            bind_in_parent(parent, last, &m)?;
            return Ok(m);
        }
    }
    Err(module_not_found(name))
}

fn bind_in_parent(parent: Option<&str>, last: &str, module: &Value) -> PyResult<()> {
    if let Some(p) = parent {
        if let Some(pm) = lookup_module(p) {
            protocol::setattr(&pm, &pystr::intern(last), Some(module))?;
        }
    }
    Ok(())
}

fn sys_path() -> Vec<PathBuf> {
    let Some(path) = crate::sys::get("path") else {
        return Vec::new();
    };
    protocol::collect(&path)
        .unwrap_or_default()
        .iter()
        .filter_map(pystr::text_of)
        .map(|p| {
            if p.is_empty() {
                PathBuf::from(".")
            } else {
                PathBuf::from(p)
            }
        })
        .collect()
}

/// Runs a source file as module `name` (registered in `sys.modules` first, removed again if
/// it fails).
pub fn load_source(name: &str, file: &Path, package_dir: Option<PathBuf>) -> PyResult<Value> {
    let module = pyrs_objects::module::new_module(name);
    let d = module.downcast::<ModuleData>().expect("module").dict();
    let file_text = file.to_string_lossy().to_string();
    d.set_str("__file__", pystr::new(&file_text));
    d.set_str("__builtins__", crate::builtins::builtins_module().clone());
    match &package_dir {
        Some(dir) => {
            d.set_str("__package__", pystr::new(name));
            d.set_str(
                "__path__",
                pyrs_objects::list::new(vec![pystr::new(&dir.to_string_lossy())]),
            );
        }
        None => {
            let package = name.rfind('.').map_or("", |i| &name[..i]);
            d.set_str("__package__", pystr::new(package));
        }
    }
    let key = pystr::new(name);
    crate::sys::modules_dict().set_item(key.clone(), module.clone())?;
    let result = (|| {
        let source = std::fs::read(file)
            .map_err(|e| PyErr::new(ExcKind::OSError, format!("{e}: '{file_text}'")))?;
        let code = crate::compile_source(&source, &file_text, pyrs_compiler::Mode::Exec)?;
        let globals = module
            .downcast::<ModuleData>()
            .expect("module")
            .dict
            .clone();
        crate::run_code(code, globals.clone(), Some(globals))
    })();
    match result {
        Ok(_) => Ok(crate::sys::modules_dict().get_str(&key).unwrap_or(module)),
        Err(e) => {
            let _ = crate::sys::modules_dict().del_item(&key);
            Err(e)
        }
    }
}

/// `IMPORT_FROM`: an attribute of the module, or its submodule, or ImportError.
pub fn import_from(module: &Value, name: &Value) -> PyResult<Value> {
    if let Some(v) = protocol::getattr_opt(module, name)? {
        return Ok(v);
    }
    let mod_name =
        protocol::getattr_opt(module, &pystr::intern("__name__"))?.and_then(|n| pystr::text_of(&n));
    let attr = pystr::text_of(name).unwrap_or_default();
    if let Some(mn) = &mod_name {
        if let Some(m) = lookup_module(&format!("{mn}.{attr}")) {
            return Ok(m);
        }
    }
    let file =
        protocol::getattr_opt(module, &pystr::intern("__file__"))?.and_then(|f| pystr::text_of(&f));
    let mn = mod_name.unwrap_or_else(|| "<unknown module name>".to_string());
    let msg = match file {
        Some(f) => format!("cannot import name '{attr}' from '{mn}' ({f})"),
        None => format!("cannot import name '{attr}' from '{mn}' (unknown location)"),
    };
    let err = PyErr::new(ExcKind::ImportError, msg);
    set_attr(&err, "name", pystr::new(&mn));
    Err(err)
}

/// `from module import *` into `locals`.
pub fn import_star(module: &Value, locals: &Value) -> PyResult<()> {
    let names: Vec<Value> = match protocol::getattr_opt(module, &pystr::intern("__all__"))? {
        Some(all) => protocol::collect(&all)?,
        None => {
            let d = protocol::getattr(module, &pystr::intern("__dict__"))?;
            protocol::collect(&d)?
                .into_iter()
                .filter(|n| !pystr::text_of(n).is_some_and(|t| t.starts_with('_')))
                .collect()
        }
    };
    for n in names {
        let v = protocol::getattr(module, &n)?;
        protocol::setitem(locals, &n, Some(&v))?;
    }
    Ok(())
}

/// `builtins.__import__`.
pub fn builtin_import(args: pyrs_objects::Args<'_>) -> PyResult<Value> {
    let [name, globals, _locals, fromlist, level] = args.bind(
        "__import__",
        ["name", "globals", "locals", "fromlist", "level"],
        1,
        0,
        5,
    )?;
    let name = name.expect("required");
    let globals = globals.unwrap_or_else(pyrs_objects::none);
    let fromlist = fromlist.unwrap_or_else(tuple::empty);
    let level = level
        .and_then(|l| pyrs_objects::int::as_i64(&l))
        .unwrap_or(0);
    if level < 0 {
        return Err(PyErr::value_error("level must be >= 0"));
    }
    import_module_level(&name, &globals, &fromlist, level as usize)
}
