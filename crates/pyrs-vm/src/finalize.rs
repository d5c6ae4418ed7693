//! The teardown of the modules at the interpreter's end (CPython's `finalize_modules` and
//! its helpers in Python/pylifecycle.c, with `_PyImport_FiniExternal` and
//! `_PyImport_FiniCore` from Python/import.c), and its `-v` messages.
//!
//! In order: `sys.path_importer_cache` and `sys.path_hooks` cleared; `builtins._` and the
//! `sys` attributes where user values hide (`path`, `argv`, `ps1`, `last_exc`…) set to
//! None, the standard streams restored from `sys.__stdin__`…; every module in `sys.modules`
//! replaced by None in import order, remembered through a weak reference (`# cleanup[2]
//! removing NAME`), then `sys.modules` emptied; the builtins restored to what they were at
//! start-up; a collection; the namespaces of the modules still alive wiped, the latest
//! imported first (`# cleanup[3] wiping NAME`: names starting with one underscore set to None
//! first, then the others but `__builtins__`), then those of `sys` and `builtins`; and a
//! last collection. Under `-v` a module prints `# destroy NAME` when it is freed, at the end or
//! before, as CPython's `module_dealloc` does. One step is pyrs's own: when `__main__` goes,
//! the objects only its namespace holds are finalized in the namespace's order
//! ([`finalize_namespace`]), where CPython's collector would follow the order of creation.

use std::cell::RefCell;

use pyrs_objects::dict::DictData;
use pyrs_objects::module::ModuleData;
use pyrs_objects::{protocol, str as pystr, weakref, SyncCell, Value};

use crate::sys;

/// The builtins as start-up left them before any Python code ran
/// (`PyInterpreterState.builtins_copy`): restored at the end, so that user values stored in
/// the builtins die with the modules.
static BUILTINS_COPY: SyncCell<RefCell<Option<Value>>> = SyncCell(RefCell::new(None));

/// The (weak reference, name) of each module removed from `sys.modules` at the end, in
/// import order (CPython's `weaklist`).
static WEAKLIST: SyncCell<RefCell<Vec<(Value, Value)>>> = SyncCell(RefCell::new(Vec::new()));

/// Keeps a copy of the builtins namespace, to be restored at the end.
pub(crate) fn save_builtins() {
    let copy = crate::builtins::builtins_dict()
        .downcast::<DictData>()
        .map(|d| pyrs_objects::dict::from_data(d.copy()));
    *BUILTINS_COPY.0.borrow_mut() = copy;
}

/// CPython's `_PyImport_FiniExternal` then `finalize_modules`.
pub(crate) fn finalize_modules() {
    let verbose = sys::flags_verbose();
    clear_sys_attr("path_importer_cache", verbose);
    clear_sys_attr("path_hooks", verbose);
    delete_special(verbose);
    remove_modules(verbose);
    sys::modules_dict().clear();
    restore_builtins();
    // The oldest generation: a full collection.
    pyrs_objects::gc::collect(2);
    clear_weaklist(verbose);
    if verbose > 0 {
        sys::write_stderr("# cleanup[3] wiping sys\n");
    }
    if let Some(d) = sys::sys_module().downcast::<ModuleData>() {
        clear_module_dict(d.dict(), verbose);
    }
    if verbose > 0 {
        sys::write_stderr("# cleanup[3] wiping builtins\n");
    }
    if let Some(d) = crate::builtins::builtins_dict().downcast::<DictData>() {
        clear_module_dict(d, verbose);
    }
    // _PyImport_FiniCore: the modules a destructor imported meanwhile go too.
    clear_sys_attr("meta_path", verbose);
    clear_sys_attr("modules", verbose);
    sys::modules_dict().clear();
    pyrs_objects::gc::collect(2);
    let weaklist = std::mem::take(&mut *WEAKLIST.0.borrow_mut());
    drop(weaklist);
    if verbose > 0 {
        sys::write_stderr("# clear sys.audit hooks\n");
    }
}

/// `_PySys_ClearAttrString`: `sys.NAME = None` (not deleted, to play it safe).
fn clear_sys_attr(name: &str, verbose: u32) {
    if verbose > 0 {
        sys::write_stderr(&format!("# clear sys.{name}\n"));
    }
    sys::set(name, pyrs_objects::none());
}

/// `finalize_modules_delete_special`: the places where user values hide, cleared before
/// the modules that hold them go (they would go last of all).
fn delete_special(verbose: u32) {
    if verbose > 0 {
        sys::write_stderr("# clear builtins._\n");
    }
    if let Some(d) = crate::builtins::builtins_dict().downcast::<DictData>() {
        d.set_str("_", pyrs_objects::none());
    }
    for name in [
        "path",
        "argv",
        "ps1",
        "ps2",
        "last_exc",
        "last_type",
        "last_value",
        "last_traceback",
        "__interactivehook__",
        "meta_path",
    ] {
        clear_sys_attr(name, verbose);
    }
    for name in ["stdin", "stdout", "stderr"] {
        if verbose > 0 {
            sys::write_stderr(&format!("# restore sys.{name}\n"));
        }
        let original = sys::get(&format!("__{name}__")).unwrap_or_else(pyrs_objects::none);
        sys::set(name, original);
    }
}

/// `finalize_remove_modules`: each module of `sys.modules` replaced by None, in order, and
/// remembered by a weak reference (with a callback printing `# destroy NAME` under `-v`).
fn remove_modules(verbose: u32) {
    let modules = sys::modules_dict();
    for name in modules.keys() {
        let Ok(Some(module)) = modules.get_item(&name) else {
            continue;
        };
        if module.downcast::<ModuleData>().is_none() {
            continue;
        }
        if verbose > 0 {
            if let Some(text) = pystr::text_of(&name) {
                sys::write_stderr(&format!("# cleanup[2] removing {text}\n"));
            }
        }
        if let Ok(wr) = weakref::new_ref(weakref::ref_type(), &module, None) {
            WEAKLIST.0.borrow_mut().push((wr, name.clone()));
        }
        let is_main = pystr::text_of(&name).as_deref() == Some("__main__");
        let main_dict = is_main
            .then(|| module.downcast::<ModuleData>().map(|m| m.dict.clone()))
            .flatten();
        drop(module);
        // Replacing the module may end it, and run its objects' finalizers.
        if let Err(e) = modules.set_item(name, pyrs_objects::none()) {
            (pyrs_objects::hooks::get().unraisable)(&e, "Exception ignored in", None);
        }
        let main_died = WEAKLIST
            .0
            .borrow()
            .last()
            .is_some_and(|(wr, _)| weakref::referent_of(wr).is_none());
        if let (Some(dict), true) = (main_dict, main_died) {
            finalize_namespace(&dict);
        }
    }
}

/// When `__main__` goes: the finalizers of the objects only its namespace holds, run in the
/// namespace's order with the namespace intact. In CPython the namespace, always in a cycle
/// through the functions and classes it defines, dies in the next collection, which runs the
/// finalizers of all it holds before clearing anything, in the order the objects were made;
/// pyrs's collector keeps no such order, so the namespace's order stands in for it. The
/// objects themselves go with the namespace in that collection, their finalizers not run
/// again.
fn finalize_namespace(dict: &Value) {
    let Some(d) = dict.downcast::<DictData>() else {
        return;
    };
    for value in d.values() {
        // Held by the namespace and by `value` here only.
        if value.header().is_some_and(|h| h.refcount() == 2) {
            pyrs_objects::object::finalize_once(&value);
        }
    }
}

/// Under `-v`, CPython's `module_dealloc` message for each module freed: `# destroy NAME`
/// (written to the process's standard error directly: a module may be freed where no
/// Python code may run).
pub(crate) fn enable_destroy_messages() {
    fn destroyed(name: &Value) {
        if let Some(text) = pystr::text_of(name) {
            let _ = std::io::Write::write_all(
                &mut std::io::stderr(),
                format!("# destroy {text}\n").as_bytes(),
            );
        }
    }
    pyrs_objects::module::set_dealloc_hook(destroyed);
}

/// `finalize_restore_builtins`: the builtins namespace as start-up left it. The values it
/// held die after the update, as CPython keeps a copy until then.
fn restore_builtins() {
    let Some(d) = crate::builtins::builtins_dict().downcast::<DictData>() else {
        return;
    };
    let Some(copy) = BUILTINS_COPY.0.borrow_mut().take() else {
        return;
    };
    let old = d.items();
    d.clear();
    if let Some(saved) = copy.downcast::<DictData>() {
        for (key, value) in saved.items() {
            let _ = d.set_item(key, value);
        }
    }
    drop(old);
}

/// `finalize_modules_clear_weaklist`: the namespaces of the modules still alive wiped, the
/// latest imported first (`sys` and `builtins` are wiped after them).
fn clear_weaklist(verbose: u32) {
    let entries: Vec<(Value, Value)> = WEAKLIST.0.borrow().clone();
    for (wr, name) in entries.iter().rev() {
        let Some(module) = weakref::referent_of(wr) else {
            continue;
        };
        let Some(data) = module.downcast::<ModuleData>() else {
            continue;
        };
        if data.dict.is(crate::builtins::builtins_dict())
            || module.is(sys::sys_module())
            || data.dict.is(&sys_dict_value())
        {
            continue;
        }
        if verbose > 0 {
            if let Some(text) = pystr::text_of(name) {
                sys::write_stderr(&format!("# cleanup[3] wiping {text}\n"));
            }
        }
        clear_module_dict(data.dict(), verbose);
    }
}

/// The `sys` module's namespace.
fn sys_dict_value() -> Value {
    sys::sys_module()
        .downcast::<ModuleData>()
        .map(|m| m.dict.clone())
        .unwrap_or_else(pyrs_objects::none)
}

/// `_PyModule_ClearDict`: names starting with one underscore set to None first, then every
/// other name but `__builtins__` (`#   clear[1] NAME`, `#   clear[2] NAME` under `-vv`).
fn clear_module_dict(d: &DictData, verbose: u32) {
    for pass in [1, 2] {
        for key in d.keys() {
            let Some(text) = key
                .downcast::<pystr::StrData>()
                .map(|s| s.to_string_lossy())
            else {
                continue;
            };
            let is_none = d.get_str(&key).is_none_or(|v| protocol::is_none(&v));
            if is_none {
                continue;
            }
            let single_underscore = text.starts_with('_') && !text[1..].starts_with('_');
            let chosen = if pass == 1 {
                single_underscore
            } else {
                text != "__builtins__"
            };
            if !chosen {
                continue;
            }
            if verbose > 1 {
                sys::write_stderr(&format!("#   clear[{pass}] {text}\n"));
            }
            if let Err(e) = d.set_item(key, pyrs_objects::none()) {
                (pyrs_objects::hooks::get().unraisable)(&e, "Exception ignored in", None);
            }
        }
    }
}
