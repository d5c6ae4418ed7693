//! Modules written in Rust, found by name before `sys.path` is searched (CPython's
//! `sys.builtin_module_names`).
//!
//! `sys` and `builtins` live in this crate. Every other native module (`math`, `_io`,
//! `itertools`…) lives in pyrs-stdlib, which depends on this crate; the embedding program
//! hands its table to [`register`] before running anything, so the VM never depends on the
//! standard library.

use std::sync::OnceLock;

use pyrs_objects::{str as pystr, PyResult, Value};

/// Makes a native module's object: called once, on its first import.
pub type ModuleInit = fn() -> PyResult<Value>;

static EXTRA: OnceLock<&'static [(&'static str, ModuleInit)]> = OnceLock::new();

/// Installs the table of native modules beyond `sys` and `builtins`. Only the first call
/// counts.
pub fn register(table: &'static [(&'static str, ModuleInit)]) {
    let _ = EXTRA.set(table);
}

fn extra() -> &'static [(&'static str, ModuleInit)] {
    EXTRA.get().copied().unwrap_or(&[])
}

static BUILTINS_HOOK: OnceLock<fn(&pyrs_objects::dict::DictData)> = OnceLock::new();

/// Lets the embedding program add names to `builtins` that live with the standard library
/// (`open`, which is `io.open`): `hook` runs once, when the `builtins` module is made.
pub fn register_builtins(hook: fn(&pyrs_objects::dict::DictData)) {
    let _ = BUILTINS_HOOK.set(hook);
}

/// How `compile(source, filename, mode, flags)` with `PyCF_ONLY_AST` in `flags` makes `ast`
/// nodes: `(source, filename, mode, flags) -> tree`.
pub type OnlyAstFn = fn(&Value, &str, pyrs_parser::Mode, i64) -> PyResult<Value>;

static ONLY_AST_HOOK: OnceLock<OnlyAstFn> = OnceLock::new();

/// Lets the crate of the `_ast` module answer `compile(..., PyCF_ONLY_AST)` (`ast.parse`).
pub fn register_only_ast(hook: OnlyAstFn) {
    let _ = ONLY_AST_HOOK.set(hook);
}

/// The hook of [`register_only_ast`], if one was registered.
pub(crate) fn only_ast() -> Option<OnlyAstFn> {
    ONLY_AST_HOOK.get().copied()
}

/// Runs the hook of [`register_builtins`] on the new `builtins` dict.
pub(crate) fn add_builtins(dict: &pyrs_objects::dict::DictData) {
    if let Some(hook) = BUILTINS_HOOK.get() {
        hook(dict);
    }
}

/// The native module `name`, made and registered in `sys.modules` on first import.
pub fn load(name: &str) -> PyResult<Option<Value>> {
    let module = match name {
        "sys" => crate::sys::sys_module().clone(),
        "builtins" => crate::builtins::builtins_module().clone(),
        _ => match extra().iter().find(|(n, _)| *n == name) {
            Some((_, init)) => init()?,
            None => return Ok(None),
        },
    };
    crate::sys::modules_dict().set_item(pystr::new(name), module.clone())?;
    Ok(Some(module))
}

/// The names of the native modules, sorted (`sys.builtin_module_names`).
pub fn names() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = ["builtins", "sys"]
        .into_iter()
        .chain(extra().iter().map(|(n, _)| *n))
        .collect();
    names.sort_unstable();
    names
}
