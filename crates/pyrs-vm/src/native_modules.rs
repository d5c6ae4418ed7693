//! Modules written in Rust, found by name before `sys.path` is searched (CPython's
//! `sys.builtin_module_names`).

use pyrs_objects::{str as pystr, PyResult, Value};

/// The native module `name`, made and registered in `sys.modules` on first import.
pub fn load(name: &str) -> PyResult<Option<Value>> {
    let module = match name {
        "sys" => crate::sys::sys_module().clone(),
        "builtins" => crate::builtins::builtins_module().clone(),
        _ => return Ok(None),
    };
    crate::sys::modules_dict().set_item(pystr::new(name), module.clone())?;
    Ok(Some(module))
}

/// The names of the native modules.
pub const NAMES: &[&str] = &["builtins", "sys"];
