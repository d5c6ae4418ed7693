//! The warnings machinery (CPython's Python/_warnings.c): the filters, the once-registry and
//! the default action, matching a warning against them, the per-module registries of
//! warnings already shown, and `warn`/`warn_explicit` for the interpreter's own warnings
//! (the compiler's SyntaxWarnings, built-in operations' DeprecationWarnings) and for the
//! `_warnings` module that Lib/warnings.py takes its `warn`, `warn_explicit` and `filters`
//! from.
//!
//! As in CPython, the state starts with the default filters (`default::DeprecationWarning:
//! __main__`, then `ignore` for DeprecationWarning, PendingDeprecationWarning, ImportWarning
//! and ResourceWarning); once Lib/warnings.py is imported, its `filters`, `defaultaction` and
//! `onceregistry` (the same objects, unless a program rebinds them) are read at every warning,
//! and a warning is shown through its `_showwarnmsg`. Before that, a warning is printed here:
//! `file:line: Category: message`, then the source line, without its indentation, indented by
//! two spaces.

use std::cell::{Cell, RefCell};
use std::sync::OnceLock;

use pyrs_objects::dict::DictData;
use pyrs_objects::exceptions::ExcKind;
use pyrs_objects::list::ListData;
use pyrs_objects::str::StrData;
use pyrs_objects::{int, protocol, str as pystr, tuple, PyErr, PyResult, SyncCell, Value};

/// `_warnings`' state (CPython's `struct _warnings_runtime_state`).
struct State {
    /// `_warnings.filters`: a list of (action, message, category, module, lineno) tuples.
    filters: RefCell<Value>,
    /// `_warnings._onceregistry`.
    once_registry: RefCell<Value>,
    /// `_warnings._defaultaction`.
    default_action: RefCell<Value>,
    /// Bumped by `_filters_mutated()`; a registry made under another version is cleared.
    filters_version: Cell<i64>,
}

static STATE: OnceLock<SyncCell<State>> = OnceLock::new();

fn state() -> &'static State {
    &STATE
        .get_or_init(|| {
            SyncCell(State {
                filters: RefCell::new(init_filters()),
                once_registry: RefCell::new(pyrs_objects::dict::new()),
                default_action: RefCell::new(pystr::intern("default")),
                filters_version: Cell::new(0),
            })
        })
        .0
}

/// Replaces a part of the state; the old value is dropped after the borrow ends (dropping it
/// can run a `__del__`).
fn set_state(cell: &RefCell<Value>, value: Value) {
    let old = cell.replace(value);
    drop(old);
}

/// The filters a release build of CPython starts with.
fn init_filters() -> Value {
    let filter = |action: &str, category: ExcKind, module: Option<&str>| {
        tuple::new(vec![
            pystr::intern(action),
            pyrs_objects::none(),
            category.class().clone(),
            module.map_or_else(pyrs_objects::none, pystr::intern),
            Value::small(0),
        ])
    };
    pyrs_objects::list::new(vec![
        filter("default", ExcKind::DeprecationWarning, Some("__main__")),
        filter("ignore", ExcKind::DeprecationWarning, None),
        filter("ignore", ExcKind::PendingDeprecationWarning, None),
        filter("ignore", ExcKind::ImportWarning, None),
        filter("ignore", ExcKind::ResourceWarning, None),
    ])
}

/// `_warnings.filters`.
pub fn filters() -> Value {
    state().filters.borrow().clone()
}

/// `_warnings._onceregistry`.
pub fn once_registry() -> Value {
    state().once_registry.borrow().clone()
}

/// `_warnings._defaultaction`.
pub fn default_action() -> Value {
    state().default_action.borrow().clone()
}

/// `_warnings._filters_mutated()`: registries filled under the old filters are stale.
pub fn filters_mutated() {
    let st = state();
    st.filters_version.set(st.filters_version.get() + 1);
}

/// `get_warnings_attr`: `warnings.NAME` when Lib/warnings.py is loaded (imported first when
/// `try_import`), else `None`.
fn get_warnings_attr(name: &str, try_import: bool) -> PyResult<Option<Value>> {
    let module = if try_import {
        match crate::import::import_absolute("warnings") {
            Ok(m) => m,
            Err(e) if e.is(ExcKind::ImportError) => return Ok(None),
            Err(e) => return Err(e),
        }
    } else {
        match crate::sys::modules_dict().get_str(&pystr::intern("warnings")) {
            Some(m) => m,
            None => return Ok(None),
        }
    };
    protocol::getattr_opt(&module, &pystr::intern(name))
}

fn get_once_registry() -> PyResult<Value> {
    let st = state();
    match get_warnings_attr("onceregistry", false)? {
        None => Ok(st.once_registry.borrow().clone()),
        Some(r) if r.downcast::<DictData>().is_some() => {
            set_state(&st.once_registry, r.clone());
            Ok(r)
        }
        Some(r) => Err(PyErr::type_error(format!(
            "_warnings.onceregistry must be a dict, not '{}'",
            r.type_data().name()
        ))),
    }
}

fn get_default_action() -> PyResult<Value> {
    let st = state();
    match get_warnings_attr("defaultaction", false)? {
        None => Ok(st.default_action.borrow().clone()),
        Some(a) if a.downcast::<StrData>().is_some() => {
            set_state(&st.default_action, a.clone());
            Ok(a)
        }
        Some(a) => Err(PyErr::type_error(format!(
            "_warnings.defaultaction must be a string, not '{}'",
            a.type_data().name()
        ))),
    }
}

/// `check_matched`: a filter's message or module part against the text: None matches
/// anything, an exact `str` must be equal, anything else is a regex whose `match` decides.
fn check_matched(pattern: &Value, text: &Value) -> PyResult<bool> {
    if protocol::is_none(pattern) {
        return Ok(true);
    }
    if pattern.is_exact(&pyrs_objects::types().str) {
        return protocol::eq(pattern, text);
    }
    let method = protocol::getattr_str(pattern, "match")?;
    let result = protocol::call1(&method, std::slice::from_ref(text))?;
    protocol::is_true(&result)
}

/// `get_filter`: the action of the first filter that matches, with the filter (None when
/// the default action applies).
fn get_filter(
    category: &Value,
    text: &Value,
    lineno: i64,
    module: &Value,
) -> PyResult<(Value, Value)> {
    let st = state();
    if let Some(f) = get_warnings_attr("filters", false)? {
        set_state(&st.filters, f);
    }
    let filters = st.filters.borrow().clone();
    let Some(list) = filters.downcast::<ListData>() else {
        return Err(PyErr::value_error("_warnings.filters must be a list"));
    };
    // The list may change while it is searched (a regex's `match` could change it).
    let mut i = 0;
    while let Some(item) = list.get(i) {
        let parts = match tuple::items_of(&item) {
            Some(p) if p.len() == 5 => p.to_vec(),
            _ => {
                return Err(PyErr::value_error(format!(
                    "_warnings.filters item {i} isn't a 5-tuple"
                )))
            }
        };
        let [action, msg, cat, mod_, ln] = &parts[..] else {
            unreachable!("a 5-tuple")
        };
        if action.downcast::<StrData>().is_none() {
            return Err(PyErr::type_error(format!(
                "action must be a string, not '{}'",
                action.type_data().name()
            )));
        }
        let good_msg = check_matched(msg, text)?;
        let good_mod = check_matched(mod_, module)?;
        let is_subclass = crate::builtins::is_subclass(category, cat)?;
        let ln = protocol::index_isize(ln, false)? as i64;
        if good_msg && is_subclass && good_mod && (ln == 0 || lineno == ln) {
            return Ok((action.clone(), item));
        }
        i += 1;
    }
    Ok((get_default_action()?, pyrs_objects::none()))
}

/// `already_warned`: whether `registry` says this warning was shown; a registry from before
/// the filters last changed is emptied first. With `should_set`, records it.
fn already_warned(registry: &DictData, key: Value, should_set: bool) -> PyResult<bool> {
    let version_key = pystr::intern("version");
    let current = state().filters_version.get();
    let version = registry.get_item(&version_key)?;
    let fresh = version
        .as_ref()
        .filter(|v| v.is_exact(&pyrs_objects::types().int))
        .and_then(int::as_i64)
        == Some(current);
    if fresh {
        if let Some(seen) = registry.get_item(&key)? {
            if protocol::is_true(&seen)? {
                return Ok(true);
            }
        }
    } else {
        registry.clear();
        registry.set_item(version_key, int::from_i64(current))?;
    }
    if should_set {
        registry.set_item(key, pyrs_objects::bool(true))?;
    }
    Ok(false)
}

/// `update_registry`: records `(text, category)` (or `(text, category, 0)`) as shown.
fn update_registry(
    registry: &DictData,
    text: &Value,
    category: &Value,
    add_zero: bool,
) -> PyResult<bool> {
    let mut key = vec![text.clone(), category.clone()];
    if add_zero {
        key.push(Value::small(0));
    }
    already_warned(registry, tuple::new(key), true)
}

/// `normalize_module`: the module a warning without one is attributed to: the file name
/// without `.py`.
fn normalize_module(filename: &Value) -> Value {
    let text = pystr::text_of(filename).unwrap_or_default();
    if text.is_empty() {
        return pystr::new("<unknown>");
    }
    match text.strip_suffix(".py") {
        Some(stem) => pystr::new(stem),
        None => filename.clone(),
    }
}

/// A warning at a known place (`warn_explicit` of Python/_warnings.c). `module` None (as a
/// Python `None`, not absent) ignores the warning; `sourceline` is the line to print when
/// the warning is printed here.
#[allow(clippy::too_many_arguments)]
fn warn_explicit_impl(
    category: &Value,
    message: &Value,
    filename: &Value,
    lineno: i64,
    module: Option<&Value>,
    registry: Option<&Value>,
    sourceline: Option<&Value>,
    source: Option<&Value>,
) -> PyResult<()> {
    if module.is_some_and(protocol::is_none) {
        return Ok(());
    }
    let registry = registry.filter(|r| !protocol::is_none(r));
    let registry = match registry {
        Some(r) => Some(
            r.downcast::<DictData>()
                .ok_or_else(|| PyErr::type_error("'registry' must be a dict or None"))?,
        ),
        None => None,
    };
    let module = match module {
        Some(m) => m.clone(),
        None => normalize_module(filename),
    };
    let (text, category, message) =
        if crate::builtins::is_instance(message, ExcKind::Warning.class())? {
            (
                protocol::str(message)?,
                message.class().clone(),
                message.clone(),
            )
        } else {
            let instance = protocol::call1(category, std::slice::from_ref(message))?;
            (message.clone(), category.clone(), instance)
        };
    let lineno_obj = int::from_i64(lineno);
    let source = source.filter(|s| !protocol::is_none(s));
    let key = tuple::new(vec![text.clone(), category.clone(), lineno_obj.clone()]);
    if let Some(r) = registry {
        if already_warned(r, key.clone(), false)? {
            return Ok(());
        }
    }
    let (action, item) = get_filter(&category, &text, lineno, &module)?;
    let action_text = pystr::text_of(&action).unwrap_or_default();
    match action_text.as_str() {
        "error" => return Err(PyErr::from_value(message)),
        "ignore" => return Ok(()),
        _ => {}
    }
    if action_text != "always" {
        if let Some(r) = registry {
            r.set_item(key, pyrs_objects::bool(true))?;
        }
        let already = match action_text.as_str() {
            "once" => {
                let once;
                let r = match registry {
                    Some(r) => r,
                    None => {
                        once = get_once_registry()?;
                        once.downcast::<DictData>().expect("checked to be a dict")
                    }
                };
                update_registry(r, &text, &category, false)?
            }
            "module" => match registry {
                Some(r) => update_registry(r, &text, &category, true)?,
                None => false,
            },
            "default" => false,
            _ => {
                return Err(PyErr::runtime_error(format!(
                    "Unrecognized action ({}) in warnings.filters:\n {}",
                    protocol::repr_string(&action)?,
                    protocol::repr_string(&item)?
                )))
            }
        };
        if already {
            return Ok(());
        }
    }
    call_show_warning(
        &category,
        &text,
        &message,
        filename,
        lineno,
        &lineno_obj,
        sourceline,
        source,
    )
}

/// `call_show_warning`: through `warnings._showwarnmsg` when Lib/warnings.py is loaded
/// (imported for a warning with a `source`, which only it can describe), else printed here.
#[allow(clippy::too_many_arguments)]
fn call_show_warning(
    category: &Value,
    text: &Value,
    message: &Value,
    filename: &Value,
    lineno: i64,
    lineno_obj: &Value,
    sourceline: Option<&Value>,
    source: Option<&Value>,
) -> PyResult<()> {
    let Some(show) = get_warnings_attr("_showwarnmsg", source.is_some())? else {
        show_warning(filename, lineno, text, category, sourceline);
        return Ok(());
    };
    if !protocol::is_callable(&show) {
        return Err(PyErr::type_error(
            "warnings._showwarnmsg() must be set to a callable",
        ));
    }
    let Some(class) = get_warnings_attr("WarningMessage", false)? else {
        return Err(PyErr::runtime_error(
            "unable to get warnings.WarningMessage",
        ));
    };
    let none = pyrs_objects::none;
    let msg = protocol::call1(
        &class,
        &[
            message.clone(),
            category.clone(),
            filename.clone(),
            lineno_obj.clone(),
            none(),
            none(),
            source.cloned().unwrap_or_else(none),
        ],
    )?;
    protocol::call1(&show, &[msg])?;
    Ok(())
}

/// `show_warning`: prints a warning to `sys.stderr` without Lib/warnings.py. Errors while
/// printing are dropped, as CPython drops them.
fn show_warning(
    filename: &Value,
    lineno: i64,
    text: &Value,
    category: &Value,
    sourceline: Option<&Value>,
) {
    let name = protocol::getattr(category, &pystr::intern("__name__"))
        .and_then(|n| protocol::str_string(&n));
    let Ok(name) = name else {
        return;
    };
    let filename_text = protocol::str_string(filename).unwrap_or_default();
    let text = protocol::str_string(text).unwrap_or_default();
    let mut out = format!("{filename_text}:{lineno}: {name}: {text}\n");
    let line = match sourceline {
        Some(line) => pystr::text_of(line),
        None => u32::try_from(lineno)
            .ok()
            .and_then(|n| source_line(&filename_text, n)),
    };
    match sourceline {
        // As CPython, a line given by the module's loader is printed as it is.
        Some(_) => {
            if let Some(line) = line {
                out.push_str(&line);
                out.push('\n');
            }
        }
        None => {
            if let Some(line) = line {
                let line = line.trim_start_matches([' ', '\t', '\x0c']);
                if !line.is_empty() {
                    out.push_str("  ");
                    out.push_str(line);
                    out.push('\n');
                }
            }
        }
    }
    crate::sys::write_stderr(&out);
}

/// Line `lineno` of the file `filename`, without its line ending, if the file can be read.
fn source_line(filename: &str, lineno: u32) -> Option<String> {
    let bytes = std::fs::read(filename).ok()?;
    let text = String::from_utf8_lossy(&bytes);
    let line = text.split('\n').nth(lineno.checked_sub(1)? as usize)?;
    Some(line.trim_end_matches(['\r', '\n']).to_string())
}

/// Frames of the import system, which a warning's `stacklevel` skips (`is_internal_filename`).
fn is_internal_filename(filename: &str) -> bool {
    filename.contains("importlib") && filename.contains("_bootstrap")
}

fn is_filename_to_skip(filename: &str, prefixes: &[String]) -> bool {
    prefixes.iter().any(|p| filename.starts_with(p.as_str()))
}

fn frame_filename(frame: &crate::frame::Frame) -> String {
    pystr::text_of(&frame.code().filename).unwrap_or_default()
}

fn back(frame: &'static crate::frame::Frame) -> Option<&'static crate::frame::Frame> {
    // SAFETY: a running frame's `back` is a frame still running below it (or null).
    unsafe { frame.back.as_ref() }
}

/// What `setup_context` finds for a warning `stack_level` frames up: the file, line, module
/// and registry (`__warningregistry__` of the frame's globals, made when missing).
struct Context {
    filename: Value,
    lineno: i64,
    module: Value,
    registry: Value,
}

/// `setup_context`: frames of the import system are not counted (unless the warning comes
/// from one), nor frames whose file starts with one of `skip_file_prefixes`.
fn setup_context(stack_level: isize, skip_file_prefixes: &[String]) -> PyResult<Context> {
    let mut frame = crate::frame::current();
    let mut level = stack_level;
    if level <= 0 || frame.is_some_and(|f| is_internal_filename(&frame_filename(f))) {
        loop {
            level -= 1;
            match frame {
                Some(f) if level > 0 => frame = back(f),
                _ => break,
            }
        }
    } else {
        loop {
            level -= 1;
            let Some(f) = frame.filter(|_| level > 0) else {
                break;
            };
            let mut next = back(f);
            while let Some(n) = next {
                let name = frame_filename(n);
                if !is_internal_filename(&name) && !is_filename_to_skip(&name, skip_file_prefixes) {
                    break;
                }
                next = back(n);
            }
            frame = next;
        }
    }
    let (globals, filename, lineno) = match frame {
        Some(f) => (
            f.globals.clone(),
            f.code().filename.clone(),
            i64::from(f.lineno()),
        ),
        None => (
            protocol::getattr(crate::sys::sys_module(), &pystr::intern("__dict__"))?,
            pystr::new("<sys>"),
            0,
        ),
    };
    let Some(g) = globals.downcast::<DictData>() else {
        return Err(PyErr::system_error("warnings: globals is not a dict"));
    };
    let registry = match g.get_item(&pystr::intern("__warningregistry__"))? {
        Some(r) => r,
        None => {
            let r = pyrs_objects::dict::new();
            g.set_item(pystr::intern("__warningregistry__"), r.clone())?;
            r
        }
    };
    let module = match g.get_item(&pystr::intern("__name__"))? {
        Some(m) if protocol::is_none(&m) || m.downcast::<StrData>().is_some() => m,
        _ => pystr::new("<string>"),
    };
    Ok(Context {
        filename,
        lineno,
        module,
        registry,
    })
}

/// `get_category`: the category a warning is of: the message's class for a Warning
/// instance, else the one given (UserWarning by default), which must be a Warning subclass.
fn get_category(message: &Value, category: Option<&Value>) -> PyResult<Value> {
    let category = if crate::builtins::is_instance(message, ExcKind::Warning.class())? {
        message.class().clone()
    } else {
        match category.filter(|c| !protocol::is_none(c)) {
            Some(c) => c.clone(),
            None => ExcKind::UserWarning.class().clone(),
        }
    };
    match crate::builtins::is_subclass(&category, ExcKind::Warning.class()) {
        Ok(true) => Ok(category),
        _ => Err(PyErr::type_error(format!(
            "category must be a Warning subclass, not '{}'",
            category.type_data().name()
        ))),
    }
}

fn do_warn(
    message: &Value,
    category: &Value,
    stack_level: isize,
    source: Option<&Value>,
    skip_file_prefixes: &[String],
) -> PyResult<()> {
    let c = setup_context(stack_level, skip_file_prefixes)?;
    warn_explicit_impl(
        category,
        message,
        &c.filename,
        c.lineno,
        Some(&c.module),
        Some(&c.registry),
        None,
        source,
    )
}

/// `_warnings.warn(message, category=None, stacklevel=1, source=None, *,
/// skip_file_prefixes=())`.
pub fn py_warn(
    message: &Value,
    category: Option<&Value>,
    stacklevel: isize,
    source: Option<&Value>,
    skip_file_prefixes: &[String],
) -> PyResult<()> {
    let category = get_category(message, category)?;
    let stacklevel = if skip_file_prefixes.is_empty() {
        stacklevel
    } else {
        stacklevel.max(2)
    };
    do_warn(message, &category, stacklevel, source, skip_file_prefixes)
}

/// `_warnings.warn_explicit(message, category, filename, lineno, module=<absent>,
/// registry=None, module_globals=None, source=None)`; `module_globals` gives the source line
/// through its module's loader.
#[allow(clippy::too_many_arguments)]
pub fn py_warn_explicit(
    message: &Value,
    category: &Value,
    filename: &Value,
    lineno: i64,
    module: Option<&Value>,
    registry: Option<&Value>,
    module_globals: Option<&Value>,
    source: Option<&Value>,
) -> PyResult<()> {
    let mut sourceline = None;
    if let Some(g) = module_globals.filter(|g| !protocol::is_none(g)) {
        if g.downcast::<DictData>().is_none() {
            return Err(PyErr::type_error(format!(
                "module_globals must be a dict, not '{}'",
                g.type_data().name()
            )));
        }
        sourceline = get_source_line(g, lineno)?;
    }
    warn_explicit_impl(
        category,
        message,
        filename,
        lineno,
        module,
        registry,
        sourceline.as_ref(),
        source,
    )
}

/// `get_source_line`: line `lineno` of the module's source, from its loader's `get_source`.
fn get_source_line(module_globals: &Value, lineno: i64) -> PyResult<Option<Value>> {
    let g = module_globals
        .downcast::<DictData>()
        .expect("checked to be a dict");
    let loader = match g.get_item(&pystr::intern("__loader__"))? {
        Some(l) if !protocol::is_none(&l) => l,
        _ => match g.get_item(&pystr::intern("__spec__"))? {
            Some(spec) if !protocol::is_none(&spec) => {
                match protocol::getattr_opt(&spec, &pystr::intern("loader"))? {
                    Some(l) => l,
                    None => return Ok(None),
                }
            }
            _ => return Ok(None),
        },
    };
    let Some(name) = g.get_item(&pystr::intern("__name__"))? else {
        return Ok(None);
    };
    let Some(get_source) = protocol::getattr_opt(&loader, &pystr::intern("get_source"))? else {
        return Ok(None);
    };
    let source = protocol::call1(&get_source, &[name])?;
    if protocol::is_none(&source) {
        return Ok(None);
    }
    let lines = protocol::call_method(&source, "splitlines", &[])?;
    let lines = protocol::collect(&lines)?;
    Ok(usize::try_from(lineno - 1)
        .ok()
        .and_then(|i| lines.get(i).cloned()))
}

/// `PyErr_WarnEx`: a warning of `category` about the code running `stacklevel` frames up
/// (1: the innermost Python frame), which gives the file, line, module and registry.
pub fn warn(category: ExcKind, message: &str, stacklevel: usize) -> PyResult<()> {
    do_warn(
        &pystr::new(message),
        category.class(),
        isize::try_from(stacklevel).unwrap_or(isize::MAX),
        None,
        &[],
    )
}

/// `PyErr_WarnExplicitObject`: a warning at a given place. `module` defaults to the file
/// name without its `.py`; without a `registry`, a warning the filters let through is always
/// shown.
pub fn warn_explicit(
    category: &Value,
    message: &Value,
    filename: &str,
    lineno: u32,
    module: Option<&str>,
    registry: Option<&Value>,
) -> PyResult<()> {
    let module = module.map(pystr::new);
    warn_explicit_impl(
        category,
        message,
        &pystr::new(filename),
        i64::from(lineno),
        module.as_ref(),
        registry,
        None,
        None,
    )
}

/// Emits the compiler's warnings for `filename` as CPython's `_PyErr_EmitSyntaxWarning`
/// does: a warning a filter turns into an error becomes a SyntaxError at its place.
pub fn emit_compiler_warnings(warnings: &[pyrs_compiler::Warning], filename: &str) -> PyResult<()> {
    let category = ExcKind::SyntaxWarning.class().clone();
    for w in warnings {
        let r = warn_explicit(
            &category,
            &pystr::new(&w.msg),
            filename,
            w.lineno,
            None,
            None,
        );
        if let Err(e) = r {
            if e.is(ExcKind::SyntaxWarning) {
                let err = pyrs_parser::SyntaxError {
                    kind: pyrs_parser::ErrorKind::SyntaxError,
                    msg: w.msg.clone(),
                    lineno: w.lineno,
                    offset: w.offset,
                    end_lineno: w.end_lineno,
                    end_offset: w.end_offset,
                    text: None,
                };
                return Err(crate::syntax_error(&err, filename));
            }
            return Err(e);
        }
    }
    Ok(())
}

/// The RuntimeWarning for a coroutine that dies never awaited (CPython's
/// `_PyErr_WarnUnawaitedCoroutine`): through `warnings._warn_unawaited_coroutine`, which
/// names where the coroutine was made when origin tracking is on and passes the coroutine
/// as the warning's `source`; without Lib/warnings.py, a plain warning about it. Errors are
/// reported as unraisable.
pub fn warn_unawaited_coroutine(coro: &Value, qualname: &Value) {
    let mut warned = false;
    let mut error = None;
    match get_warnings_attr("_warn_unawaited_coroutine", true) {
        Ok(Some(f)) => match protocol::call1(&f, std::slice::from_ref(coro)) {
            Ok(_) => warned = true,
            Err(e) => {
                warned = e.is(ExcKind::RuntimeWarning);
                error = Some(e);
            }
        },
        Ok(None) => {}
        Err(e) => error = Some(e),
    }
    let unraisable = pyrs_objects::hooks::get().unraisable;
    if let Some(e) = error {
        unraisable(&e, "Exception ignored in", Some(coro));
    }
    if !warned {
        let message = protocol::str_string(qualname)
            .map(|q| format!("coroutine '{q}' was never awaited"))
            .unwrap_or_default();
        warn_about(ExcKind::RuntimeWarning, &message, coro);
    }
}

/// `_PyErr_WarnFormat(source, …)`: a warning about `source` (an object the message is about),
/// attributed to the running Python code. Errors are reported as unraisable.
pub fn warn_about(category: ExcKind, message: &str, source: &Value) {
    let r = do_warn(&pystr::new(message), category.class(), 1, Some(source), &[]);
    if let Err(e) = r {
        (pyrs_objects::hooks::get().unraisable)(&e, "Exception ignored in", Some(source));
    }
}
