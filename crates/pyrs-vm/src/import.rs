//! The import system (CPython's Python/import.c): `import a.b`, `from . import c`,
//! `__import__`, with importlib doing the finding and loading.
//!
//! As in CPython, the work is split in two. This file is the native part: it resolves
//! relative names, returns a module already in `sys.modules` at once (the fast path nearly
//! every executed `import` statement takes), and otherwise calls
//! `importlib._bootstrap._find_and_load`, CPython's own Lib/importlib/_bootstrap.py, which
//! pyrs runs as the frozen module `_frozen_importlib` (with `_bootstrap_external.py` as
//! `_frozen_importlib_external`), driven by `_imp`. So `sys.meta_path`, `sys.path_hooks`,
//! `sys.path_importer_cache`, specs, loaders, namespace packages, bytecode caching and `-v`
//! messages are importlib's, exactly.
//!
//! Why this design and not a native finder: a native finder would have to reproduce
//! importlib's semantics piece by piece (and still call Python finders a program installs).
//! What importlib costs was measured: compiling `_bootstrap.py` and `_bootstrap_external.py`
//! at every start added about 30 ms on a loaded machine (the start was 14 ms), so their code
//! is read from cache files instead (see [`crate::frozen`]); with that, installing importlib
//! (and zipimport) takes about 1.5 ms, and `-S -c pass` went from about 3 ms to about 7 ms of
//! CPU. A module already in `sys.modules` never reaches Python code, and an import that does
//! reach importlib costs what it costs CPython (path lookups and a cache-file read): `import
//! json` took the same time before and after. The programs' speed did not move (method_calls
//! 1.5 s of CPU before and after). The larger part of today's start-up is `site` itself
//! (`os`, `codecs`, `encodings`, `_collections_abc` and the pure-Python `_py_abc` executed),
//! as in CPython.
//!
//! Errors keep CPython's shape: the frames of importlib's own code are removed from an import
//! error's traceback (`remove_importlib_frames`), unless `-v` is on.

use std::sync::OnceLock;
use std::time::Instant;

use pyrs_objects::dict::DictData;
use pyrs_objects::module::ModuleData;
use pyrs_objects::{protocol, str as pystr, tuple, ExcKind, PyErr, PyResult, SyncCell, Value};

use crate::frame::Frame;

/// `_frozen_importlib` and the original `builtins.__import__`, once importlib is installed.
struct Importlib {
    bootstrap: Value,
    find_and_load: Value,
    handle_fromlist: Value,
    import_func: Value,
}

static IMPORTLIB: OnceLock<SyncCell<Importlib>> = OnceLock::new();

fn importlib() -> Option<&'static Importlib> {
    IMPORTLIB.get().map(|c| &c.0)
}

/// `_frozen_importlib`, once start-up has installed it.
pub fn bootstrap_module() -> Option<&'static Value> {
    importlib().map(|i| &i.bootstrap)
}

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

fn dict_get(globals: &Value, key: &str) -> Option<Value> {
    globals
        .downcast::<DictData>()
        .and_then(|d| d.get_str(&pystr::intern(key)))
}

/// The package a relative import in a module with these globals is relative to (import.c's
/// `resolve_name`: `__package__`, else `__spec__.parent`, else from `__name__`).
fn package_of(globals: &Value) -> PyResult<String> {
    if globals.downcast::<DictData>().is_none() {
        return Err(PyErr::type_error("globals must be a dict"));
    }
    let package = dict_get(globals, "__package__").filter(|v| !protocol::is_none(v));
    let spec = dict_get(globals, "__spec__").filter(|v| !protocol::is_none(v));
    if let Some(p) = package {
        return pystr::text_of(&p).ok_or_else(|| PyErr::type_error("package must be a string"));
    }
    if let Some(spec) = spec {
        let parent = protocol::getattr_str(&spec, "parent")?;
        return pystr::text_of(&parent)
            .ok_or_else(|| PyErr::type_error("__spec__.parent must be a string"));
    }
    let name = dict_get(globals, "__name__")
        .ok_or_else(|| PyErr::new(ExcKind::KeyError, "'__name__' not in globals"))?;
    let name =
        pystr::text_of(&name).ok_or_else(|| PyErr::type_error("__name__ must be a string"))?;
    if dict_get(globals, "__path__").is_some() {
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
    let mut base = package.as_str();
    for _ in 1..level {
        match base.rfind('.') {
            Some(i) => base = &base[..i],
            None => {
                return Err(PyErr::new(
                    ExcKind::ImportError,
                    "attempted relative import beyond top-level package",
                ))
            }
        }
    }
    Ok(if name.is_empty() {
        base.to_string()
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
    let Some(import) = import else {
        return Err(PyErr::new(ExcKind::ImportError, "__import__ not found"));
    };
    let is_builtin = import
        .downcast::<pyrs_objects::native::BuiltinFunction>()
        .is_some_and(|b| std::ptr::eq(b.func as *const (), builtin_import as *const ()));
    if !is_builtin {
        let locals = frame.locals.clone().unwrap_or_else(pyrs_objects::none);
        return protocol::call1(
            &import,
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

/// The module `name` in `sys.modules` (None stays None).
fn get_module(name: &Value) -> PyResult<Option<Value>> {
    crate::sys::modules_dict().get_item(name)
}

/// A module found in `sys.modules` may still be running its body in another thread (or be
/// a circular import in this one): wait for it as import.c's `import_ensure_initialized`.
fn ensure_initialized(module: &Value, name: &Value) -> PyResult<()> {
    let Some(il) = importlib() else {
        return Ok(());
    };
    let Some(spec) = protocol::getattr_opt(module, &pystr::intern("__spec__"))? else {
        return Ok(());
    };
    if protocol::is_none(&spec) {
        return Ok(());
    }
    let initializing = match protocol::getattr_opt(&spec, &pystr::intern("_initializing")) {
        Ok(Some(v)) => protocol::is_true(&v).unwrap_or(false),
        _ => false,
    };
    if initializing {
        let lock_unlock = protocol::getattr_str(&il.bootstrap, "_lock_unlock_module")?;
        protocol::call1(&lock_unlock, std::slice::from_ref(name))?;
    }
    Ok(())
}

/// The heart of `__import__` (import.c's `PyImport_ImportModuleLevelObject`).
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
    let (abs_value, abs_name) = if level == 0 {
        (name.clone(), name_text.clone())
    } else {
        let abs = resolve_name(&name_text, globals, level)?;
        (pystr::new(&abs), abs)
    };
    let module = match get_module(&abs_value)? {
        Some(m) if !protocol::is_none(&m) => {
            ensure_initialized(&m, &abs_value)?;
            m
        }
        _ => find_and_load(&abs_name, &abs_value)?,
    };
    let has_fromlist = !protocol::is_none(fromlist) && protocol::is_true(fromlist)?;
    if !has_fromlist {
        if level == 0 || !name_text.is_empty() {
            let Some(dot) = name_text.find('.') else {
                return Ok(module);
            };
            if level == 0 {
                let front = pystr::new(&name_text[..dot]);
                return import_module_level(&front, &pyrs_objects::none(), &tuple::empty(), 0);
            }
            let cut_off = name_text.len() - dot;
            let to_return = &abs_name[..abs_name.len() - cut_off];
            let key = pystr::new(to_return);
            return match get_module(&key)? {
                Some(m) => Ok(m),
                None => Err(PyErr::new(
                    ExcKind::KeyError,
                    format!("'{to_return}' not in sys.modules as expected"),
                )),
            };
        }
        return Ok(module);
    }
    let has_path = protocol::getattr_opt(&module, &pystr::intern("__path__"))?.is_some();
    if !has_path {
        return Ok(module);
    }
    match importlib() {
        Some(il) => protocol::call1(
            &il.handle_fromlist,
            &[module, fromlist.clone(), il.import_func.clone()],
        )
        .map_err(remove_importlib_frames),
        None => Ok(module),
    }
}

/// `-X importtime` (PYTHONPROFILEIMPORTTIME): one line on stderr per module imported.
static IMPORT_TIME: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Turns on `-X importtime`'s table.
pub fn set_import_time(on: bool) {
    IMPORT_TIME.store(on, std::sync::atomic::Ordering::Relaxed);
}

/// The state of `-X importtime`'s table: whether its header was printed, how deeply imports
/// nest, and the time the imports nested in the current one took (nanoseconds).
struct ImportTimer {
    header_done: bool,
    level: usize,
    accumulated: u128,
}

static IMPORT_TIMER: SyncCell<std::cell::Cell<(bool, usize, u128)>> =
    SyncCell(std::cell::Cell::new((false, 0, 0)));

impl ImportTimer {
    fn load() -> ImportTimer {
        let (header_done, level, accumulated) = IMPORT_TIMER.0.get();
        ImportTimer {
            header_done,
            level,
            accumulated,
        }
    }

    fn store(&self) {
        IMPORT_TIMER
            .0
            .set((self.header_done, self.level, self.accumulated));
    }
}

/// Finds and loads module `name` through importlib (import.c's `import_find_and_load`).
fn find_and_load(name: &str, name_value: &Value) -> PyResult<Value> {
    let Some(il) = importlib() else {
        // Before importlib is installed only the native modules exist.
        return match crate::native_modules::load(name)? {
            Some(m) => Ok(m),
            None => Err(module_not_found(name)),
        };
    };
    let timing = IMPORT_TIME.load(std::sync::atomic::Ordering::Relaxed);
    let mut start = None;
    let mut saved = 0;
    if timing {
        let mut t = ImportTimer::load();
        if !t.header_done {
            crate::sys::write_stderr("import time: self [us] | cumulative | imported package\n");
            t.header_done = true;
        }
        saved = t.accumulated;
        t.level += 1;
        t.accumulated = 0;
        t.store();
        start = Some(Instant::now());
    }
    let result = protocol::call1(
        &il.find_and_load,
        &[name_value.clone(), il.import_func.clone()],
    );
    if let Some(start) = start {
        let cumulative = start.elapsed().as_nanos();
        let mut t = ImportTimer::load();
        t.level = t.level.saturating_sub(1);
        let own = cumulative.saturating_sub(t.accumulated);
        crate::sys::write_stderr(&format!(
            "import time: {:>9} | {:>10} | {}{}\n",
            own.div_ceil(1000),
            cumulative.div_ceil(1000),
            " ".repeat(t.level * 2),
            name
        ));
        t.accumulated = saved + cumulative;
        t.store();
    }
    result.map_err(remove_importlib_frames)
}

/// Whether a code object's file is one of importlib's bootstrap modules.
fn in_importlib(code: &Value) -> bool {
    protocol::getattr_str(code, "co_filename")
        .ok()
        .and_then(|f| pystr::text_of(&f))
        .is_some_and(|f| {
            f == "<frozen importlib._bootstrap>" || f == "<frozen importlib._bootstrap_external>"
        })
}

/// Takes importlib's frames out of an import error's traceback, as import.c's
/// `remove_importlib_frames`: every run of them for an ImportError, otherwise the runs that
/// end in `_call_with_frames_removed` (the call that ran the module's own code). Nothing is
/// removed under `-v`.
fn remove_importlib_frames(err: PyErr) -> PyErr {
    if crate::sys::flags_verbose() > 0 {
        return err;
    }
    let exc = err.value().clone();
    let always = err.is(ExcKind::ImportError);
    let Ok(Some(first)) = protocol::getattr_opt(&exc, &pystr::intern("__traceback__")) else {
        return err;
    };
    // The traceback as a list, then rebuilt without the removed entries.
    let mut entries = Vec::new();
    let mut tb = first;
    while !protocol::is_none(&tb) {
        let next = protocol::getattr_str(&tb, "tb_next").unwrap_or_else(|_| pyrs_objects::none());
        entries.push(tb);
        tb = next;
    }
    let mut keep: Vec<bool> = vec![true; entries.len()];
    let mut chunk_start: Option<usize> = None;
    for (i, tb) in entries.iter().enumerate() {
        let code = protocol::getattr_str(tb, "tb_frame")
            .and_then(|f| protocol::getattr_str(&f, "f_code"))
            .ok();
        let now_in = code.as_ref().is_some_and(in_importlib);
        if !now_in {
            chunk_start = None;
            continue;
        }
        let start = *chunk_start.get_or_insert(i);
        let ends_call = code
            .as_ref()
            .and_then(|c| protocol::getattr_str(c, "co_name").ok())
            .and_then(|n| pystr::text_of(&n))
            .is_some_and(|n| n == "_call_with_frames_removed");
        if always || ends_call {
            for k in keep.iter_mut().take(i + 1).skip(start) {
                *k = false;
            }
            chunk_start = None;
        }
    }
    if keep.iter().all(|k| *k) {
        return err;
    }
    let kept: Vec<&Value> = entries
        .iter()
        .zip(&keep)
        .filter(|(_, k)| **k)
        .map(|(tb, _)| tb)
        .collect();
    for pair in kept.windows(2) {
        let _ = protocol::setattr(pair[0], &pystr::intern("tb_next"), Some(pair[1]));
    }
    if let Some(last) = kept.last() {
        let _ = protocol::setattr(last, &pystr::intern("tb_next"), Some(&pyrs_objects::none()));
    }
    let head = kept
        .first()
        .map(|v| (*v).clone())
        .unwrap_or_else(pyrs_objects::none);
    let _ = protocol::setattr(&exc, &pystr::intern("__traceback__"), Some(&head));
    err
}

/// Imports a module by absolute dotted name (`PyImport_ImportModule`), its parents first.
pub fn import_absolute(name: &str) -> PyResult<Value> {
    let key = pystr::new(name);
    if let Some(m) = get_module(&key)? {
        if !protocol::is_none(&m) {
            return Ok(m);
        }
    }
    find_and_load(name, &key)?;
    get_module(&key)?.ok_or_else(|| module_not_found(name))
}

/// Runs frozen module `name` (`_frozen_importlib`…) before importlib can import anything:
/// made, registered in `sys.modules` and executed as `PyImport_ImportFrozenModuleObject`
/// does, with `__origname__` for `FrozenImporter._fix_up_module`.
fn load_frozen_directly(name: &str) -> PyResult<Value> {
    let origname = crate::frozen::find(name).ok_or_else(|| {
        PyErr::new(
            ExcKind::ImportError,
            format!("No such frozen object named '{name}'"),
        )
    })?;
    let code = crate::frozen::get_code(name)?;
    let module = pyrs_objects::module::new_module(name);
    let globals = module
        .downcast::<ModuleData>()
        .map(|m| m.dict.clone())
        .ok_or_else(|| PyErr::system_error("not a module"))?;
    if let Some(d) = globals.downcast::<DictData>() {
        d.set_str("__builtins__", crate::builtins::builtins_module().clone());
        d.set_str("__origname__", pystr::new(origname));
    }
    crate::sys::modules_dict().set_item(pystr::new(name), module.clone())?;
    crate::run_code(code, globals.clone(), Some(globals))?;
    Ok(module)
}

/// pyrs's one addition to `_bootstrap_external`: a cache file whose code cannot be read
/// (truncated or corrupt after a valid header) is not an error, as it would be in CPython
/// (`marshal.loads` raising), but a reason to compile the source instead; the bad file is
/// removed so that the next import writes a good one.
const COMPILE_BYTECODE_FALLBACK: &str = r#"
def _compile_bytecode(data, name=None, bytecode_path=None, source_path=None,
                      *, _compile_unchecked=_compile_bytecode):
    try:
        return _compile_unchecked(data, name, bytecode_path, source_path)
    except (EOFError, ValueError):
        if source_path is None:
            raise
    _bootstrap._verbose_message('{} is not valid bytecode; compiling {}',
                                bytecode_path, source_path)
    try:
        _os.unlink(bytecode_path)
    except OSError:
        pass
    with _io.open_code(source_path) as file:
        source = file.read()
    return _bootstrap._call_with_frames_removed(
        compile, source, source_path, 'exec', dont_inherit=True)
"#;

/// Runs [`COMPILE_BYTECODE_FALLBACK`] in `_frozen_importlib_external`'s namespace.
fn install_bytecode_fallback() -> PyResult<()> {
    let Some(external) =
        crate::sys::modules_dict().get_str(&pystr::new("_frozen_importlib_external"))
    else {
        return Ok(());
    };
    let globals = external
        .downcast::<ModuleData>()
        .map(|m| m.dict.clone())
        .ok_or_else(|| PyErr::system_error("_frozen_importlib_external is not a module"))?;
    let code = crate::compile_source(
        COMPILE_BYTECODE_FALLBACK.as_bytes(),
        "<frozen importlib._bootstrap_external>",
        pyrs_compiler::Mode::Exec,
    )?;
    crate::run_code(code, globals.clone(), Some(globals))?;
    Ok(())
}

/// Installs importlib as CPython's start-up does (`init_importlib` and
/// `init_importlib_external` in Python/pylifecycle.c): `_frozen_importlib` run and given
/// `sys` and `_imp` (`_install`: BuiltinImporter and FrozenImporter on `sys.meta_path`), then
/// `_install_external_importers` (PathFinder, and FileFinder's hook on `sys.path_hooks`),
/// then zipimport's hook first on `sys.path_hooks`. Without an `_imp` module (an embedding
/// without pyrs-stdlib), only native modules can be imported.
pub fn install_importlib() -> PyResult<()> {
    if IMPORTLIB.get().is_some() {
        return Ok(());
    }
    for (name, value) in [
        ("meta_path", pyrs_objects::list::new(Vec::new())),
        ("path_hooks", pyrs_objects::list::new(Vec::new())),
        ("path_importer_cache", pyrs_objects::dict::new()),
    ] {
        if crate::sys::get(name).is_none() {
            crate::sys::set(name, value);
        }
    }
    let verbose = crate::sys::flags_verbose() > 0;
    let Some(imp) = crate::native_modules::load("_imp")? else {
        return Ok(());
    };
    let bootstrap = load_frozen_directly("_frozen_importlib")?;
    // As CPython's init_importlib: `_frozen_importlib` enters sys.modules first, then `_imp`
    // (the order the modules go in at the end).
    let modules = crate::sys::modules_dict();
    if modules.del_str("_imp") {
        modules.set_item(pystr::intern("_imp"), imp.clone())?;
    }
    if verbose {
        crate::sys::write_stderr("import _frozen_importlib # frozen\nimport _imp # builtin\n");
    }
    protocol::call1(
        &protocol::getattr_str(&bootstrap, "_install")?,
        &[crate::sys::sys_module().clone(), imp],
    )?;
    let import_func = crate::builtins::builtins_dict()
        .downcast::<DictData>()
        .and_then(|d| d.get_str(&pystr::intern("__import__")))
        .ok_or_else(|| PyErr::system_error("builtins.__import__ missing"))?;
    let il = Importlib {
        find_and_load: protocol::getattr_str(&bootstrap, "_find_and_load")?,
        handle_fromlist: protocol::getattr_str(&bootstrap, "_handle_fromlist")?,
        bootstrap: bootstrap.clone(),
        import_func,
    };
    let _ = IMPORTLIB.set(SyncCell(il));
    protocol::call1(
        &protocol::getattr_str(&bootstrap, "_install_external_importers")?,
        &[],
    )?;
    install_bytecode_fallback()?;
    crate::sys::set(
        "_stdlib_dir",
        match crate::stdlib_dir() {
            Some(d) => pystr::new(&d),
            None => pyrs_objects::none(),
        },
    );
    // _PyImportZip_Init.
    if verbose {
        crate::sys::write_stderr("# installing zipimport hook\n");
    }
    let zipimport = import_absolute("zipimport")?;
    let zipimporter = protocol::getattr_str(&zipimport, "zipimporter")?;
    if let Some(hooks) = crate::sys::get("path_hooks") {
        protocol::call_method(&hooks, "insert", &[Value::small(0), zipimporter])?;
    }
    if verbose {
        crate::sys::write_stderr("# installed zipimport hook\n");
    }
    Ok(())
}

/// `IMPORT_FROM`: an attribute of the module, or its submodule, or ImportError (ceval.c's
/// `import_from`).
pub fn import_from(module: &Value, name: &Value) -> PyResult<Value> {
    if let Some(v) = protocol::getattr_opt(module, name)? {
        return Ok(v);
    }
    let mod_name =
        protocol::getattr_opt(module, &pystr::intern("__name__"))?.and_then(|n| pystr::text_of(&n));
    let attr = protocol::repr_string(name)?;
    if let Some(mn) = &mod_name {
        let full = format!("{mn}.{}", pystr::text_of(name).unwrap_or_default());
        if let Some(m) = get_module(&pystr::new(&full))? {
            return Ok(m);
        }
    }
    let file = module
        .downcast::<ModuleData>()
        .and_then(|m| m.dict().get_str(&pystr::intern("__file__")))
        .and_then(|f| pystr::text_of(&f));
    let mn_repr = match &mod_name {
        Some(mn) => protocol::repr_string(&pystr::new(mn))?,
        None => "'<unknown module name>'".to_string(),
    };
    let msg = match &file {
        Some(f) => {
            let initializing = protocol::getattr_opt(module, &pystr::intern("__spec__"))
                .ok()
                .flatten()
                .filter(|s| !protocol::is_none(s))
                .and_then(|s| {
                    protocol::getattr_opt(&s, &pystr::intern("_initializing"))
                        .ok()
                        .flatten()
                })
                .is_some_and(|v| protocol::is_true(&v).unwrap_or(false));
            if initializing {
                format!("cannot import name {attr} from partially initialized module {mn_repr} (most likely due to a circular import) ({f})")
            } else {
                format!("cannot import name {attr} from {mn_repr} ({f})")
            }
        }
        None => format!("cannot import name {attr} from {mn_repr} (unknown location)"),
    };
    let err = PyErr::new(ExcKind::ImportError, msg);
    set_attr(
        &err,
        "name",
        mod_name
            .as_deref()
            .map_or_else(pyrs_objects::none, pystr::new),
    );
    set_attr(
        &err,
        "path",
        file.as_deref().map_or_else(pyrs_objects::none, pystr::new),
    );
    set_attr(&err, "name_from", name.clone());
    Err(err)
}

/// `from module import *` into `locals` (ceval.c's `import_all_from`).
pub fn import_star(module: &Value, locals: &Value) -> PyResult<()> {
    let (names, from_all): (Vec<Value>, bool) =
        match protocol::getattr_opt(module, &pystr::intern("__all__"))? {
            Some(all) => (protocol::collect(&all)?, true),
            None => {
                let d = protocol::getattr_opt(module, &pystr::intern("__dict__"))?.ok_or_else(
                    || {
                        PyErr::new(
                            ExcKind::ImportError,
                            "from-import-* object has no __dict__ and no __all__",
                        )
                    },
                )?;
                (protocol::collect(&d)?, false)
            }
        };
    for n in names {
        let Some(text) = pystr::text_of(&n) else {
            let modname = protocol::getattr_opt(module, &pystr::intern("__name__"))?
                .and_then(|m| pystr::text_of(&m))
                .unwrap_or_else(|| "?".to_string());
            return Err(PyErr::type_error(format!(
                "{} in {modname}.{} must be str, not {}",
                if from_all { "Item" } else { "Key" },
                if from_all { "__all__" } else { "__dict__" },
                n.type_data().name()
            )));
        };
        if !from_all && text.starts_with('_') {
            continue;
        }
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
    if level > 0 && protocol::is_none(&globals) {
        return Err(PyErr::new(ExcKind::KeyError, "'__name__' not in globals"));
    }
    import_module_level(&name, &globals, &fromlist, level as usize)
}
